/* guidepress/limits.h - resource limits, passed in, never global.
 *
 * Every loader and the layout take a gp_limits so that a hostile or
 * accidental file (a billion-laughs alias bomb, 100,000 nested brackets, a
 * 5,000 pt font) is refused quickly with a GP_ERR_LIMIT diagnostic instead of
 * exhausting the machine. docs/limits.md lists each one. */
#ifndef GUIDEPRESS_LIMITS_H
#define GUIDEPRESS_LIMITS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Default of max_output_pixels: 1,000,000,000 (115 A4 pages at 300 dpi,
 * 460 at 150 dpi, 28 at 600 dpi). */
#define GP_DEFAULT_OUTPUT_PIXELS 1e9

typedef struct gp_limits {
    size_t max_file_bytes;      /* guide or style file size (default 4 MiB) */
    int max_depth;              /* YAML nesting depth (default 64) */
    size_t max_nodes;           /* YAML nodes after alias expansion (default 200,000) */
    size_t max_alias_expansion; /* nodes reachable through aliases (default 10,000) */
    size_t max_string_bytes;    /* one scalar (default 256 KiB) */
    int max_pages;              /* pages in one document (default 1,000) */
    double min_font_pt;         /* smallest text size (default 4 pt) */
    double max_font_pt;         /* largest text size (default 200 pt) */
    long max_image_pixels;      /* logo width x height (default 40 megapixels) */
    size_t max_image_bytes;     /* logo file size (default 16 MiB) */
    int max_extends_depth;      /* style extends chain (default 8) */
    double max_output_pixels;   /* PNG output: pixels of all pages together, so
                                   pages x dpi^2 x page area (default 1e9;
                                   0: the default) */
    double max_seconds;         /* wall time of one document, from the start
                                   of gp_render (or of gp_layout_run when
                                   that is called alone); checked at every
                                   block laid out, every block paginated and
                                   between stages. A document over it fails
                                   with a GP_ERR_LIMIT error and nothing is
                                   written (default 0: no budget) */
} gp_limits;

/* Fills *lim with the defaults above. */
void gp_limits_default(gp_limits *lim);

#ifdef __cplusplus
}
#endif
#endif
