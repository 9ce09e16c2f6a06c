/* paint/paint_pages.h - painting a display list a page at a time (private
 * to the library: the engine's streamed PDF, layout/stream.h). */
#ifndef GP_PAINT_PAINT_PAGES_H
#define GP_PAINT_PAINT_PAGES_H

#include <guidepress/paint.h>

/* The dispatcher a page at a time, for a display list whose pages are
 * finished and freed one by one (layout/stream.h): open (begin_document),
 * census for every glyph run, each page in order, close (end_document).
 * gp_paint() is these four over a whole list. Each returns 0, or -1 once
 * the painter has failed, with its error added to diags the first time. */
int gp_paint_open(gp_painter *p, const gp_display *dl, gp_diags *diags);
int gp_paint_census(gp_painter *p, const gp_item *run, size_t page, gp_diags *diags);
int gp_paint_page(gp_painter *p, const gp_display *dl, size_t i, gp_diags *diags);
int gp_paint_close(gp_painter *p, gp_diags *diags);

#endif
