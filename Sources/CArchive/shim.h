// libarchive for concept bundles. AE_IF* are cast macros Swift cannot import: re-exported.
#ifndef PERF_CARCHIVE_SHIM_H
#define PERF_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>
static const unsigned int PERF_AE_IFREG = AE_IFREG;
static const unsigned int PERF_AE_IFDIR = AE_IFDIR;
static const unsigned int PERF_AE_IFLNK = AE_IFLNK;
static const unsigned int PERF_AE_IFMT = AE_IFMT;
#endif
