/* layout/stream.h - a layout that hands out its pages as they are finished
 * (private to the library; the engine's PDF path uses it).
 *
 * gp_layout_run() returns the whole display list, so a 900-page guide held
 * every page's items at once. gp_layout_stream() lays out and paginates
 * the same way, decides every page break first (and so the page count that
 * "Page X of Y" prints), then sends each page to the sink as soon as it is
 * finished and frees it: what the pages hold is in memory one page at a
 * time. The pages and their items are the ones gp_layout_run() makes, so a
 * painter writes the same file either way. */
#ifndef GP_LAYOUT_STREAM_H
#define GP_LAYOUT_STREAM_H

#include <guidepress/layout.h>

typedef struct gp_layout_sink {
    void *ctx;
    /* The pages are decided: dl has its final page count, its fonts and
     * metadata (the pages have no items yet). */
    int (*begin)(void *ctx, const gp_display *dl);
    /* Every glyph run of the document, before any page, with the index of
     * its page, or (size_t)-1 when not known yet (a painter makes its font
     * subsets from them). In page order, except in a long document (more
     * than GP_STREAM_LONG_PAGES pages of blocks), which lays its blocks out
     * twice to stay within a few pages of memory: the first time it hands
     * over the runs of each block as it frees it, possibly before begin. */
    int (*glyphs)(void *ctx, const gp_item *run, size_t page);
    /* Page i is finished; its items are freed when this returns. */
    int (*page)(void *ctx, const gp_display *dl, size_t i);
} gp_layout_sink;

/* As gp_layout_run(), with the pages going to sink. Returns the display
 * list (its pages empty by then) for the caller to free after the painter
 * has finished, since the painter may still point at its strings and
 * fonts; NULL with errors in diags. A sink entry that returns non-zero
 * stops the layout (the sink reports its own error). */
gp_display *gp_layout_stream(gp_fonts *fonts, const gp_guide *guide, const gp_style *style,
                             const gp_layout_options *opt, const gp_limits *lim, gp_diags *diags,
                             const gp_layout_sink *sink);

#endif
