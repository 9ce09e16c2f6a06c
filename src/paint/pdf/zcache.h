/* paint/pdf/zcache.h - deflated streams, kept for the process (zcache.c). */
#ifndef GP_PAINT_PDF_ZCACHE_H
#define GP_PAINT_PDF_ZCACHE_H

#include <stddef.h>

/* zlib-wraps and deflates data with compressor (a libdeflate compressor of
 * the given level) into *buf (grown as needed, *cap its size); returns the
 * compressed size, 0 on failure. The same input at the same level gives the
 * bytes kept from before when it is still cached. */
size_t pdf_zcache_deflate(void *compressor, int level, const void *data, size_t len,
                          unsigned char **buf, size_t *cap);

#endif
