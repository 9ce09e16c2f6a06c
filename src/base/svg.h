/* base/svg.h - SVG logos through the module guidepress-svg.so (librsvg),
 * loaded on the first SVG: layout measures them, the Cairo painter draws
 * them. */
#ifndef GP_BASE_SVG_H
#define GP_BASE_SVG_H

#include <stddef.h>

#include <cairo.h>

/* The size of the SVG at path in CSS pixels: 0; 1 when librsvg cannot read
 * it; 2 when it has no size; -1 when the module cannot be loaded (the
 * reason in err). */
int gp_svg_size(const char *path, double *w, double *h, char *err, size_t cap);
/* An SVG read once and drawn many times: NULL when unreadable or when the
 * module cannot be loaded (the reason in err). */
void *gp_svg_open(const char *path, char *err, size_t cap);
/* Draws svg to fill the box (0,0)-(w,h) of cr: 0, or -1. */
int gp_svg_render(void *svg, cairo_t *cr, double w, double h);
void gp_svg_close(void *svg);

#endif
