/* layout/flow.h - the layout's working state: blocks in a flow, the layout
 * context, and the text interface (text.c is the only file that talks to
 * Pango; blocks/ build blocks; paginate.c places them on pages; finalize.c
 * adds running headers, footers and page numbers).
 *
 * A block is a stack of display items laid out for the text width: x is on
 * the page already, y is relative to the block's top. Pagination moves a
 * block (or the pieces of a split block) onto a page by adding the page y.
 * Everything lives in the display list's arena. */
#ifndef GP_LAYOUT_FLOW_H
#define GP_LAYOUT_FLOW_H

#include <guidepress/layout.h>

#include "base/arena.h"
#include "display/dl.h"
#include "model/guide_struct.h"
#include "model/style_struct.h"

typedef struct gp_block gp_block;
typedef struct gp_finalizer gp_finalizer; /* finalize.c */

struct gp_block {
    gp_item *items;
    size_t n_items, cap_items;
    double h;       /* height, pt */
    double *breaks; /* y values where the block may be split, ascending */
    size_t n_breaks, cap_breaks;
    bool keep_with_next; /* headings: never the last thing on a page */
    bool keep_together;  /* cards, steps, rows: split only as a last resort */
    bool new_page;       /* start on a new page */
    bool force_break;    /* start on a new page (set by pagination itself) */
    double space_before; /* dropped at the top of a page */
    gp_block *repeat;    /* header to repeat when a table continues */
    int group;           /* table id: rows of one table share it (0: none) */
    /* Keep runs: this block and the next keep_n[k] - 1 blocks go on one page
     * when they fit on one (first the preferred run k = 0, else k = 1); a
     * run that cannot fit on any page is ignored. 0: no run. */
    size_t keep_n[2];
    const char *bookmark; /* outline entry placed with this block */
    int bookmark_level;
    gp_pos src;
    /* A long streamed layout (layout/stream.c): the arena of the block's
     * content (items, glyphs, run texts, path segments), freed once the
     * content is no longer needed; NULL: content in lc->a. */
    gp_arena *ca;
    bool released; /* content freed; the metrics above stay */
    bool shown;    /* a table's repeated header: on a page in the last run */
};

/* The arena for b's content. */
#define GP_BLOCK_ARENA(lc, b) ((b) && (b)->ca ? (b)->ca : (lc)->a)

typedef struct gp_flow {
    gp_block **blocks;
    size_t n, cap;
} gp_flow;

typedef struct gp_lctx {
    gp_fonts *fonts;
    gp_display *dl;
    gp_arena *a;
    const gp_guide *g;
    const gp_style *s;
    const gp_limits *lim;
    gp_diags *diags;
    double page_w, page_h;
    double x0, width; /* text area */
    double body_top, body_bottom;
    gp_flow flow;
    int next_group;
    double pending;  /* space after the last block, collapsed
                        with the next block's space before */
    int failed;      /* sticky: an error was reported */
    double deadline; /* CLOCK_MONOTONIC seconds; 0: no time budget */
    int uncovered;   /* fields with characters no font covers (errors) */
    /* link addresses printed as numbered notes (typography.link_addresses) */
    const char **notes; /* in the arena, grown as needed */
    int n_notes, cap_notes;
    int n_checkboxes; /* tick boxes so far: their form field names */
    /* the guide's own terms (role and skill names), never hyphenated;
     * built by text.c on first use, with hyph_key (language and terms,
     * for the shape cache's key) */
    const char **terms;
    size_t n_terms;
    const char *hyph_key;
    bool terms_ready;
    /* a streamed layout (gp_layout_stream): pages go to the sink as they
     * are finished, then are freed */
    const struct gp_layout_sink *sink;
    const gp_finalizer *fin;
    size_t total_pages;
    /* A long streamed document (stream.c): the first layout frees the
     * content of blocks far enough behind (release), the second (rebuild)
     * lays every block out again and paginates each as it is finished,
     * with the first layout's blocks (flow1) as the metrics. */
    bool release, rebuild;
    bool released_any;   /* the first layout freed a block: lay out again */
    double flow_h;       /* height of the blocks finished so far */
    size_t rel_next;     /* the next block to consider freeing */
    double rel_after;    /* height of the finished blocks after it */
    gp_flow flow1;       /* the first layout's blocks, while rebuilding */
    struct pager *pager; /* the rebuild's pagination, fed block by block */
    size_t *rq;          /* rebuilt blocks placed, waiting for their pages */
    size_t rq_head, rq_n, rq_cap;
} gp_lctx;

/* The blocks pagination places: the first layout's while rebuilding. */
#define GP_PFLOW(lc) ((lc)->rebuild ? &(lc)->flow1 : &(lc)->flow)

/* True, with a GP_ERR_LIMIT error, once the time budget is spent. */
bool gp_layout_over_time(gp_lctx *lc);

/* Blocks ------------------------------------------------------------------ */

gp_block *gp_block_new(gp_lctx *lc);          /* appended to the flow */
gp_block *gp_block_new_detached(gp_lctx *lc); /* not in the flow */
gp_item *gp_block_push(gp_lctx *lc, gp_block *b, gp_item_kind kind);
void gp_block_break(gp_lctx *lc, gp_block *b, double y);
/* Adds a keep run of n blocks starting at flow index first, preferred over
 * any run the block already has. */
void gp_keep_run(gp_lctx *lc, size_t first, size_t n);
/* The keep rules of a table whose header block is at flow index first,
 * followed by its rows (n blocks in all): a table of up to rows_whole rows
 * stays whole; a longer one keeps at least min_rows rows on each side of a
 * page break. */
void gp_keep_table(gp_lctx *lc, size_t first, size_t n);

void gp_emit_rect(gp_lctx *lc, gp_block *b, double x, double y, double w, double h, gp_color fill,
                  gp_color stroke, double lw, double radius);
void gp_emit_line(gp_lctx *lc, gp_block *b, double x1, double y1, double x2, double y2,
                  gp_color color, double width);
gp_item *gp_emit_path(gp_lctx *lc, gp_block *b, size_t n_segs);
void gp_emit_tag(gp_lctx *lc, gp_block *b, bool begin, gp_tag tag, const char *alt);
/* Same, for an element whose text is in another language than the
 * document's: lang (BCP 47) goes on the begin tag (/Lang in PDF). */
gp_item *gp_emit_tag_lang(gp_lctx *lc, gp_block *b, bool begin, gp_tag tag, const char *lang);

/* Text (text.c) -------------------------------------------------------------- */

typedef struct gp_tl gp_tl;

/* Lays out rich text (one paragraph) or plain text for width (width <= 0:
 * a single line, no wrapping). color overrides the style's colour when not
 * NULL. src is where the text came from, for missing-glyph warnings.
 * Returns NULL when memory runs out (lc->failed set). */
gp_tl *gp_tl_rich(gp_lctx *lc, const gp_text_style *ts, const gp_para *para, double width,
                  const gp_color *color, gp_pos src);
gp_tl *gp_tl_plain(gp_lctx *lc, const gp_text_style *ts, const char *text, double width,
                   const gp_color *color, gp_pos src);
void gp_tl_free(gp_tl *t);

int gp_tl_lines(const gp_tl *t);
double gp_tl_height(const gp_tl *t);             /* lines x leading */
double gp_tl_width(const gp_tl *t);              /* widest line's ink advance */
double gp_tl_line_bottom(const gp_tl *t, int i); /* from the top */
double gp_tl_baseline(const gp_tl *t, int i);    /* from the top */

/* Emits the glyph runs (and link areas) of t into block b with the text's
 * top-left at (x, y). */
void gp_tl_emit(gp_lctx *lc, const gp_tl *t, gp_block *b, double x, double y);

/* Convenience: lays out, emits and frees; returns the height used. */
double gp_text_rich(gp_lctx *lc, gp_block *b, const gp_text_style *ts, const gp_para *para,
                    double x, double y, double width, const gp_color *color, gp_pos src);
double gp_text_plain(gp_lctx *lc, gp_block *b, const gp_text_style *ts, const char *text, double x,
                     double y, double width, const gp_color *color, gp_pos src);

/* Sets the document language for shaping (called once per document). */
void gp_text_set_language(gp_lctx *lc, const char *lang);

/* Right-to-left documents: mirrors the geometry on the pages (boxes, rules,
 * shapes, images, link areas) within the text area; text was placed
 * mirrored already. Call after pagination, before headers and footers.
 * Does nothing for left-to-right documents. */
void gp_text_mirror_rtl(gp_lctx *lc);
void gp_text_mirror_rtl_page(gp_lctx *lc, gp_page *page); /* the same for one page */

/* Whether the current document's language is written right to left
 * (fonts.c). */
bool gp_fonts_rtl(const gp_fonts *f);

/* For the coverage error (fonts.c): the font families the document can
 * use, sorted and comma separated, written into buf (truncated with "...");
 * and the Unicode script of cp by its English name ("Devanagari", "Han"),
 * from GLib's Unicode data; false for characters of no script (symbols,
 * emoji). */
void gp_fonts_families(const gp_fonts *f, char *buf, size_t cap);
bool gp_script_name(uint32_t cp, char *buf, size_t cap); /* false: no script (emoji) */

/* Typography from the data (typo.c): applied to every text before it is
 * shaped (smart quotes, range dashes, bold for italics where the style or
 * the script has none, link addresses on paper). Results live in the
 * arena; tmp holds a changed copy of ts. */
const gp_text_style *gp_typo_style(const gp_lctx *lc, const gp_text_style *ts, gp_text_style *tmp);
const char *gp_typo_plain(gp_lctx *lc, const char *text);
const gp_para *gp_typo_para(gp_lctx *lc, const gp_para *para);

/* Pagination and finishing -------------------------------------------------- */

int gp_paginate(gp_lctx *lc); /* paginate.c: flow -> pages */
int gp_finalize(gp_lctx *lc); /* finalize.c: headers, footers, "Page X of Y" */

/* The same a page at a time (a streamed layout): begin once (it probes the
 * logo; NULL when that fails, with an error, or memory runs out), then
 * page i of pages. The band's items go in the page's arena, its glyphs
 * and strings in lc->a. */
gp_finalizer *gp_finalize_begin(gp_lctx *lc);
void gp_finalize_page(gp_lctx *lc, const gp_finalizer *f, gp_page *page, size_t i, size_t pages);

/* A streamed layout (layout.c). Finishing page i: mirrored in a
 * right-to-left document (when mirror is set), its header and footer added
 * in the page's arena. */
void gp_layout_finish_page(gp_lctx *lc, gp_page *pg, size_t i, bool mirror);
/* The glyph runs among items to the sink (page: their page's index, or
 * (size_t)-1). Returns -1 on failure (lc->failed set). */
int gp_layout_census(gp_lctx *lc, const gp_item *items, size_t n, size_t page);
/* Finishes page i, hands it to the sink and frees its items. Returns -1 on
 * failure (lc->failed set). */
int gp_layout_emit_page(gp_lctx *lc, size_t i);
/* ... and before the first page: the sink's begin (the pages are decided). */
int gp_layout_stream_begin(gp_lctx *lc);

/* A long streamed document (stream.c). Past GP_STREAM_LONG_PAGES text
 * areas of blocks, the first layout frees each block's content once the
 * blocks after it fill GP_STREAM_KEEP_PAGES text areas (the last pages
 * keep theirs: the last-page rule measures them), handing its glyph runs
 * to the sink first. */
#define GP_STREAM_LONG_PAGES 40
#define GP_STREAM_KEEP_PAGES 4
/* Called by gp_block_new before it adds a block: the last block is
 * finished. Returns -1 on failure (lc->failed set). */
int gp_stream_block_done(gp_lctx *lc);
/* After the deciding pagination of a long document: the glyph runs of the
 * blocks still whole and of every page's header and footer go to the
 * sink. */
int gp_stream_census_rest(gp_lctx *lc);
/* The second layout: builds every block again, paginates and sends out
 * the pages as they are finished. */
int gp_stream_rebuild(gp_lctx *lc, void (*build)(gp_lctx *));
/* The rebuild's pagination (paginate.c): start, place blocks up to and
 * including i, finish (the last page out). */
int gp_paginate_feed_start(gp_lctx *lc);
int gp_paginate_feed(gp_lctx *lc, size_t i);
int gp_paginate_feed_end(gp_lctx *lc);
/* A rebuilt block placed on pages up to last_page: freed once that page
 * is out (stream.c). */
int gp_stream_placed(gp_lctx *lc, size_t i, size_t last_page);
void gp_stream_page_out(gp_lctx *lc, size_t page);

#endif
