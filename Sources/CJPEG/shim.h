// libjpeg(-turbo) for reading training pictures. libjpeg reports errors by calling
// error_exit, which must not return; Swift cannot longjmp, so the whole decode lives here in
// one inline C function that sets the jump point and turns every error into a return code
// with libjpeg's message.
#ifndef PERF_CJPEG_SHIM_H
#define PERF_CJPEG_SHIM_H
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

struct perf_jpeg_error {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

static void perf_jpeg_error_exit(j_common_ptr info) {
    struct perf_jpeg_error *error = (struct perf_jpeg_error *)info->err;
    (*info->err->format_message)(info, error->message);
    longjmp(error->jump, 1);
}

static void perf_jpeg_silence(j_common_ptr info, int level) { (void)info; (void)level; }

// Decodes `size` bytes of JPEG into 8-bit RGB. On success returns 0 and sets *width,
// *height and *pixels (malloc'ed, width*height*3 bytes; the caller frees it). On failure
// returns 1 with libjpeg's message in `message`; refuses pictures over `max_pixels`
// before allocating them (returns 2).
static inline int perf_jpeg_decode_rgb(const unsigned char *data, unsigned long size, unsigned long max_pixels,
                                       int *width, int *height, unsigned char **pixels,
                                       char *message, size_t message_size) {
    struct jpeg_decompress_struct info;
    struct perf_jpeg_error error;
    unsigned char *volatile buffer = NULL;
    memset(&info, 0, sizeof info);
    info.err = jpeg_std_error(&error.manager);
    error.manager.error_exit = perf_jpeg_error_exit;
    error.manager.emit_message = perf_jpeg_silence;
    error.message[0] = 0;
    *pixels = NULL;
    if (setjmp(error.jump)) {
        snprintf(message, message_size, "%s", error.message);
        jpeg_destroy_decompress(&info);
        free(buffer);
        return 1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    unsigned long w = info.output_width, h = info.output_height;
    if (w == 0 || h == 0 || w > max_pixels / h || info.output_components != 3) {
        snprintf(message, message_size, "%lux%lu pixels, %d components", w, h, info.output_components);
        jpeg_destroy_decompress(&info);
        return 2;
    }
    buffer = (unsigned char *)malloc(w * h * 3);
    if (buffer == NULL) {
        snprintf(message, message_size, "out of memory");
        jpeg_destroy_decompress(&info);
        return 1;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = buffer + (size_t)info.output_scanline * w * 3;
        jpeg_read_scanlines(&info, &row, 1);
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    *width = (int)w;
    *height = (int)h;
    *pixels = buffer;
    return 0;
}
#endif
