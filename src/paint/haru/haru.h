/* paint/haru/haru.h - private pieces shared by the libharu painter's files:
 * haru.c (document, text, shapes, links, outline, output) and image.c
 * (logos, decoded and rasterised with Cairo and librsvg, because libharu
 * cannot draw SVG and PDF/A-1 forbids the soft masks of transparent PNGs)
 * and cmap.c (glyph ids back to code points for shaped scripts). */
#ifndef GP_PAINT_HARU_H
#define GP_PAINT_HARU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <guidepress/display.h>
#include <hpdf.h>

/* An image ready for HPDF_Page_DrawImage. On failure returns NULL and
 * writes a reason into err (cap bytes). bg is the colour behind the image:
 * with flatten (PDF/A) any transparency is composited onto it and no soft
 * mask is written; otherwise transparency becomes an /SMask. */
HPDF_Image gp_haru_load_image(HPDF_Doc pdf, const gp_item *it, bool flatten, gp_color bg, char *err,
                              size_t cap);

/* For each glyph id of the font, the smallest code point its cmap maps to
 * that glyph, or 0 (gp_malloc'ed, *n entries). libharu draws code points,
 * not glyphs: this lets it draw a glyph Pango chose by shaping (an Arabic
 * initial, medial or final form, a lam-alef) through the font's Unicode
 * presentation-form entries. NULL if the font cannot be read. */
uint32_t *gp_haru_reverse_cmap(const char *path, int face_index, size_t *n);

#endif
