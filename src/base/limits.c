/* base/limits.c - default resource limits (docs/limits.md). */
#include <guidepress/limits.h>

#include <string.h>

void gp_limits_default(gp_limits *lim)
{
    memset(lim, 0, sizeof *lim); /* every field, those added later included */
    lim->max_file_bytes = 4u << 20;
    lim->max_depth = 64;
    lim->max_nodes = 200000;
    lim->max_alias_expansion = 10000;
    lim->max_string_bytes = 256u << 10;
    lim->max_pages = 1000;
    lim->min_font_pt = 4;
    lim->max_font_pt = 200;
    lim->max_image_pixels = 40L * 1000 * 1000;
    lim->max_image_bytes = 16u << 20;
    lim->max_extends_depth = 8;
    lim->max_output_pixels = GP_DEFAULT_OUTPUT_PIXELS;
    lim->max_seconds = 0; /* no time budget */
}
