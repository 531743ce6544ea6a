// libpng for picture files, through its simplified API (png_image), which reports errors
// as return codes instead of longjmp. Composite format macros re-exported as constants.
#ifndef PERF_CPNG_SHIM_H
#define PERF_CPNG_SHIM_H
#include <png.h>
static const unsigned int PERF_PNG_IMAGE_VERSION = PNG_IMAGE_VERSION;
static const unsigned int PERF_PNG_FORMAT_RGB = PNG_FORMAT_RGB;
static const unsigned int PERF_PNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const unsigned int PERF_PNG_IMAGE_WARNING = PNG_IMAGE_WARNING;
static const unsigned int PERF_PNG_IMAGE_ERROR = PNG_IMAGE_ERROR;
#endif
