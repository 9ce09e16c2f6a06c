/* layout/image.h - what layout needs to know about a logo before placing
 * it: its kind and natural size. PNG sizes come from the file's header
 * (checked against the pixel limit before anything is decoded), SVG sizes
 * from librsvg. Corrupt, huge or non-image files are errors naming the
 * path. */
#ifndef GP_LAYOUT_IMAGE_H
#define GP_LAYOUT_IMAGE_H

#include "layout/flow.h"

typedef struct gp_image_info {
    gp_image_kind kind;
    double width, height; /* natural size, pt (PNG: pixels at 96 dpi) */
} gp_image_info;

/* Returns 0, or -1 with a GP_ERR_IMAGE diagnostic at pos. */
int gp_image_probe(gp_lctx *lc, const char *path, gp_pos pos, gp_image_info *out);

#endif
