/* paint/painter.h - the painter interface, private to src/paint/.
 *
 * Every painter (pdf/, cairo/, haru/, trace/, each in its own folder) fills
 * one gp_painter_class: a small vtable like Cairo's surface backends,
 * MuPDF's fz_device or Pango's PangoRendererClass, with one entry per kind
 * of display item. One dispatcher (paint.c, gp_paint()) walks the display
 * list once and calls the entry for each item's kind, so no painter has a
 * loop or a switch over item kinds of its own.
 *
 * The contract for a NULL entry:
 * - glyphs, rect, line, path, image: page content. A painter must paint it;
 *   a NULL entry makes gp_paint() fail with "<painter> painter cannot
 *   paint <kind>" (an error value, never a silent gap in the page).
 * - checkbox: NULL means "no form fields": the dispatcher hands the printed
 *   box to the rect entry instead.
 * - link, bookmark, dest, tag_begin, tag_end: navigation and structure,
 *   which a format may not have (PNG, SVG, libharu's untagged PDF). NULL
 *   skips the item.
 * - begin_document, census, begin_page, end_page, end_document, destroy:
 *   NULL does nothing.
 * Each entry returns 0 or non-zero on error; the painter describes its
 * error with gp_painter_fail(). After the first error nothing else is called
 * (sticky status). */
#ifndef GP_PAINT_PAINTER_H
#define GP_PAINT_PAINTER_H

#include <guidepress/paint.h>

typedef int (*gp_paint_item_fn)(gp_painter *p, const gp_item *it);

typedef struct gp_painter_class {
    const char *name;
    int (*begin_document)(gp_painter *p, const gp_display *dl);
    /* Every glyph run of the document (page: its page's index, or
     * (size_t)-1 when not known yet), before the first page, and possibly
     * before begin_document (a long streamed layout hands over the runs
     * of the blocks it frees as it goes): a painter that embeds font
     * subsets makes them from these. NULL: not needed. */
    int (*census)(gp_painter *p, const gp_item *run, size_t page);
    int (*begin_page)(gp_painter *p, const gp_page *page, size_t index);
    /* one entry per gp_item_kind */
    gp_paint_item_fn glyphs;
    gp_paint_item_fn rect;
    gp_paint_item_fn line;
    gp_paint_item_fn path;
    gp_paint_item_fn image;
    gp_paint_item_fn link;
    gp_paint_item_fn bookmark;
    gp_paint_item_fn dest;
    gp_paint_item_fn tag_begin;
    gp_paint_item_fn tag_end;
    gp_paint_item_fn checkbox;
    int (*end_page)(gp_painter *p, const gp_page *page, size_t index);
    int (*end_document)(gp_painter *p); /* flush the output */
    void (*destroy)(gp_painter *p);
} gp_painter_class;

struct gp_painter {
    const gp_painter_class *cls;
    int status;        /* first error, sticky */
    char message[256]; /* its description */
};

/* Records the painter's first error (later ones are ignored). */
void gp_painter_fail(gp_painter *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The printed box of a check box as a rectangle item (for painters without
 * form fields). */
gp_item gp_checkbox_as_rect(const gp_item *it);

#endif
