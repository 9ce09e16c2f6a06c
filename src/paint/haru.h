/* paint/haru.h - private pieces shared by the libharu painter's files:
 * haru.c (document, text, shapes, links, outline, output) and haru_image.c
 * (logos, decoded and rasterised with Cairo and librsvg, because libharu
 * cannot draw SVG and PDF/A-1 forbids the soft masks of transparent PNGs). */
#ifndef GP_PAINT_HARU_H
#define GP_PAINT_HARU_H

#include <stdbool.h>

#include <guidepress/display.h>
#include <hpdf.h>

/* An image ready for HPDF_Page_DrawImage. On failure returns NULL and
 * writes a reason into err (cap bytes). bg is the colour behind the image:
 * with flatten (PDF/A) any transparency is composited onto it and no soft
 * mask is written; otherwise transparency becomes an /SMask. */
HPDF_Image gp_haru_load_image(HPDF_Doc pdf, const gp_item *it, bool flatten, gp_color bg,
                              char *err, size_t cap);

#endif
