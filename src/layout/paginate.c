/* layout/paginate.c - places the flow's blocks on pages.
 *
 * Rules: a block with new_page starts a page; a heading (keep_with_next)
 * goes to the next page unless the first piece of what follows fits under
 * it; keep_together blocks (cards, steps, table rows, FAQ entries, the CTA)
 * move whole to the next page, and are split at one of their line
 * boundaries only when taller than a whole page (with a warning);
 * paragraphs split only at their allowed breaks (two lines at least on
 * each side); a table row that starts a page is preceded by its table's
 * repeated header, which says "(continued)". space_before is dropped at the
 * top of a page. */
#include "layout/flow.h"
#include "layout/stream.h"

#include <string.h>

#define EPS 0.01

typedef struct pager {
    gp_lctx *lc;
    gp_page *page;
    double y;
    bool empty;
    double heading_top; /* page y where the headings just placed begin */
    bool quiet;         /* a second pass: its warnings were given already */
    size_t *first_page; /* per block: index of the page it starts on */
    bool emit;          /* a long streamed document's second layout: finished
                           pages go to the sink */
    size_t next;        /* the rebuild's next block to place */
} pager;

static int new_page(pager *p)
{
    gp_lctx *lc = p->lc;
    if ((int)lc->dl->n_pages >= lc->lim->max_pages) {
        gp_diags_add(lc->diags, GP_ERR_LIMIT, GP_SEV_ERROR, lc->g->path, 0, 0, NULL, NULL,
                     "the guide needs more than %d pages (the page limit)", lc->lim->max_pages);
        lc->failed = 1;
        return -1;
    }
    /* A long streamed document: the second layout's pagination hands each
     * finished page to the sink; the deciding runs keep only the last two
     * pages, which the last-page rule measures. */
    size_t n = lc->dl->n_pages;
    if (p->emit && n && gp_layout_emit_page(lc, n - 1))
        return -1;
    if (lc->released_any && n >= 3 && !p->emit)
        gp_dl_page_release(lc->dl, n - 3);
    p->page = gp_dl_add_page(lc->dl, lc->page_w, lc->page_h);
    if (!p->page) {
        lc->failed = 1;
        return -1;
    }
    p->y = lc->body_top;
    p->empty = true;
    return 0;
}

static bool is_tag(const gp_item *it)
{
    return it->kind == GP_ITEM_TAG_BEGIN || it->kind == GP_ITEM_TAG_END;
}

/* Whether item i of b has content between from and to (tags aside). */
static bool in_piece(const gp_block *b, size_t i, double from, double to)
{
    const gp_item *src = &b->items[i];
    double top = src->y, bot = src->y + src->h;
    if (src->kind == GP_ITEM_RECT || src->kind == GP_ITEM_LINE)
        return !(bot <= from + EPS || top >= to - EPS);
    return !(top < from - EPS || top >= to - EPS);
}

/* For a piece of a split block: which tags to copy so that every piece is
 * balanced. A begin/end pair goes into each piece that has some of its
 * content (an element split by the cut becomes one element per page);
 * Cairo rejects a page whose tags end out of order, which copying every
 * begin into the first piece and every end into the last did as soon as
 * an element closed before the cut. A tag without a partner keeps the old
 * rule. keep[i] is set for tags only. Returns false when memory runs out. */
static bool piece_tags(gp_lctx *lc, const gp_block *b, double from, double to, bool *keep)
{
    size_t n = b->n_items;
    size_t *cnt = gp_arena_alloc(lc->a, (n + 1) * sizeof *cnt);
    size_t *stack = gp_arena_alloc(lc->a, (n + 1) * sizeof *stack);
    if (!cnt || !stack)
        return false;
    cnt[0] = 0; /* cnt[i]: content items of this piece among items[0..i) */
    for (size_t i = 0; i < n; i++)
        cnt[i + 1] = cnt[i] + (!is_tag(&b->items[i]) && in_piece(b, i, from, to));
    size_t depth = 0;
    for (size_t i = 0; i < n; i++) {
        const gp_item *it = &b->items[i];
        if (it->kind == GP_ITEM_TAG_BEGIN) {
            keep[i] = from <= EPS; /* until its end is found */
            stack[depth++] = i;
        } else if (it->kind == GP_ITEM_TAG_END) {
            if (depth == 0) {
                keep[i] = to >= b->h - EPS;
                continue;
            }
            size_t j = stack[--depth];
            keep[i] = keep[j] = cnt[i] > cnt[j + 1];
        }
    }
    return true;
}

/* Copies the part of b between from and to onto the page at page y. Items
 * crossing a cut (backgrounds, rules) are clipped. */
static void copy_piece(pager *p, const gp_block *b, double from, double to, double at)
{
    gp_lctx *lc = p->lc;
    bool split = from > EPS || to < b->h - EPS;
    bool *keep = NULL;
    gp_arena *pa = gp_dl_page_arena(lc->dl, p->page); /* the page's copies go with it */
    if (split) {
        keep = gp_arena_alloc(pa, (b->n_items + 1) * sizeof *keep);
        if (!keep || !piece_tags(lc, b, from, to, keep)) {
            lc->failed = 1;
            return;
        }
    }
    for (size_t i = 0; i < b->n_items; i++) {
        const gp_item *src = &b->items[i];
        double top = src->y, bot = src->y + src->h;
        if (is_tag(src)) {
            if (split && !keep[i])
                continue;
        } else if (!in_piece(b, i, from, to)) {
            continue;
        }
        gp_item *d = gp_page_push(lc->dl, p->page, src->kind);
        if (!d) {
            lc->failed = 1;
            return;
        }
        *d = *src;
        double shift = at - from;
        d->y += shift;
        if (src->kind == GP_ITEM_GLYPHS) {
            gp_glyph *gl = gp_arena_alloc_uncleared(pa, src->u.glyphs.n_glyphs * sizeof *gl);
            if (!gl) {
                lc->failed = 1;
                return;
            }
            for (size_t k = 0; k < src->u.glyphs.n_glyphs; k++) {
                gl[k] = src->u.glyphs.glyphs[k];
                gl[k].y += shift;
            }
            d->u.glyphs.glyphs = gl;
        } else if (src->kind == GP_ITEM_LINE) {
            double y1 = src->u.line.y1, y2 = src->u.line.y2;
            if (y1 < from)
                y1 = from;
            if (y2 < from)
                y2 = from;
            if (y1 > to)
                y1 = to;
            if (y2 > to)
                y2 = to;
            d->u.line.y1 = y1 + shift;
            d->u.line.y2 = y2 + shift;
        } else if (src->kind == GP_ITEM_RECT) {
            double t = top < from ? from : top, bt = bot > to ? to : bot;
            d->y = t + shift;
            d->h = bt - t;
        } else if (src->kind == GP_ITEM_PATH) {
            gp_path_seg *segs = gp_arena_alloc(pa, src->u.path.n_segs * sizeof *segs);
            if (!segs) {
                lc->failed = 1;
                return;
            }
            for (size_t k = 0; k < src->u.path.n_segs; k++) {
                segs[k] = src->u.path.segs[k];
                for (int q = 1; q < 6; q += 2)
                    segs[k].pts[q] += shift;
            }
            d->u.path.segs = segs;
        }
    }
}

/* The lowest y <= limit that no glyph run straddles (or limit itself when
 * every candidate would leave nothing on the page). */
static double safe_cut(const gp_block *b, double from, double limit)
{
    double cut = limit;
    bool moved = true;
    while (moved) {
        moved = false;
        for (size_t i = 0; i < b->n_items; i++) {
            const gp_item *it = &b->items[i];
            if (it->kind == GP_ITEM_GLYPHS && it->y < cut - EPS && it->y + it->h > cut + EPS) {
                cut = it->y;
                moved = true;
            }
        }
    }
    return cut > from + EPS ? cut : limit;
}

/* Height that must fit under the current position for block i to start on
 * this page: its first piece, plus for headings what follows. */
/* Whether block b, kept together, must be split anyway because it does
 * not fit on a page together with the headings above it (above: their
 * height, 0 when b follows no heading). */
static bool too_tall(const gp_lctx *lc, const gp_block *b, double above)
{
    return b->keep_together && b->n_breaks && above + b->h > lc->body_bottom - lc->body_top + EPS;
}

/* The height of the keep run of block i that applies with `above` points
 * already used by the headings over it: the first of its runs that fits on
 * a page; 0 when none applies. */
static double run_height(const gp_lctx *lc, size_t i, double above)
{
    const gp_block *b = GP_PFLOW(lc)->blocks[i];
    double body = lc->body_bottom - lc->body_top;
    for (int k = 0; k < 2; k++) {
        size_t n = b->keep_n[k];
        if (n < 2 || i + n > GP_PFLOW(lc)->n)
            continue;
        double h = b->h;
        for (size_t j = i + 1; j < i + n; j++)
            h += GP_PFLOW(lc)->blocks[j]->space_before + GP_PFLOW(lc)->blocks[j]->h;
        if (above + h <= body + EPS)
            return h;
    }
    return 0;
}

static double first_piece(const gp_lctx *lc, size_t i, int depth, double above)
{
    const gp_block *b = GP_PFLOW(lc)->blocks[i];
    double run = run_height(lc, i, above);
    if (run > 0)
        return run;
    if (b->keep_with_next && i + 1 < GP_PFLOW(lc)->n && depth < 4) {
        const gp_block *n = GP_PFLOW(lc)->blocks[i + 1];
        double h = b->h + n->space_before;
        return h + first_piece(lc, i + 1, depth + 1, above + h);
    }
    /* A block that cannot share a page with its heading starts right under
     * it and is split, rather than leave the heading alone at the foot of a
     * page. */
    if (b->n_breaks && (!b->keep_together || (depth > 0 && too_tall(lc, b, above))))
        return b->breaks[0];
    return b->h;
}

static int place(pager *p, size_t idx)
{
    gp_lctx *lc = p->lc;
    const gp_block *b = GP_PFLOW(lc)->blocks[idx];
    double body = lc->body_bottom - lc->body_top;
    if ((b->new_page || b->force_break) && !p->empty && new_page(p))
        return -1;
    double sb = p->empty ? 0 : b->space_before;
    bool after_heading = idx > 0 && GP_PFLOW(lc)->blocks[idx - 1]->keep_with_next && !p->empty;
    double above = after_heading ? p->y - p->heading_top + sb : 0;
    double need = sb + first_piece(lc, idx, after_heading ? 1 : 0, above);
    if (need > body)
        need = sb + b->h > body ? body + 1 : sb + b->h;
    if (p->y + need > lc->body_bottom + EPS && !p->empty) {
        if (new_page(p))
            return -1;
        sb = 0;
        after_heading = false;
    }
    bool split_under_heading = after_heading && too_tall(lc, b, above);
    if (b->keep_with_next && !after_heading)
        p->heading_top = p->y + sb;
    if (p->empty && b->repeat && lc->dl->n_pages > 1) {
        copy_piece(p, b->repeat, 0, b->repeat->h, p->y);
        b->repeat->shown = true;
        p->y += b->repeat->h;
    }
    p->first_page[idx] = lc->dl->n_pages - 1;
    if (b->bookmark) {
        gp_item *bm = gp_page_push(lc->dl, p->page, GP_ITEM_BOOKMARK);
        if (!bm)
            return -1;
        bm->x = lc->x0;
        bm->y = p->y + sb;
        bm->u.bookmark.title = b->bookmark;
        bm->u.bookmark.level = b->bookmark_level;
    }
    double from = 0;
    bool warned = false;
    for (;;) {
        double room = lc->body_bottom - p->y - sb;
        double rest = b->h - from;
        if (rest <= room + EPS) {
            copy_piece(p, b, from, b->h, p->y + sb);
            p->y += sb + rest;
            p->empty = false;
            return lc->failed ? -1 : 0;
        }
        bool may_split =
            !b->keep_together || rest > body + EPS || (from == 0 && split_under_heading);
        double cut = -1;
        if (may_split)
            for (size_t k = 0; k < b->n_breaks; k++)
                if (b->breaks[k] > from + EPS && b->breaks[k] - from <= room + EPS)
                    cut = b->breaks[k];
        if (cut < 0 && may_split && p->empty) {
            /* Nothing fits: cut as low as possible without cutting through
             * a line of text, as the very last resort. */
            cut = safe_cut(b, from, from + room);
        }
        if (cut > 0) {
            if (b->keep_together && !warned && !p->quiet) {
                gp_diags_add(lc->diags, GP_WARN_SPLIT, GP_SEV_WARNING, b->src.file, b->src.line,
                             b->src.col, NULL, NULL,
                             b->h > body + EPS
                                 ? "this block is taller than a page and was split across pages"
                                 : "this block and its heading do not fit on one page; the "
                                   "block was split across pages");
                warned = true;
            }
            copy_piece(p, b, from, cut, p->y + sb);
            from = cut;
        } else if (p->empty) {
            copy_piece(p, b, from, b->h, p->y + sb);
            p->y += sb + rest;
            p->empty = false;
            return 0;
        }
        if (new_page(p))
            return -1;
        sb = 0;
        if (b->repeat) {
            copy_piece(p, b->repeat, 0, b->repeat->h, p->y);
            b->repeat->shown = true;
            p->y += b->repeat->h;
        }
    }
}

/* How full page i is: the share of the text area down to its lowest item. */
static double page_fill(const gp_lctx *lc, size_t i)
{
    const gp_page *pg = &lc->dl->pages[i];
    double bot = lc->body_top;
    for (size_t k = 0; k < pg->n_items; k++) {
        const gp_item *it = &pg->items[k];
        if (it->kind == GP_ITEM_GLYPHS || it->kind == GP_ITEM_RECT || it->kind == GP_ITEM_IMAGE ||
            it->kind == GP_ITEM_LINE || it->kind == GP_ITEM_PATH)
            if (it->y + it->h > bot)
                bot = it->y + it->h;
    }
    return (bot - lc->body_top) / (lc->body_bottom - lc->body_top);
}

/* The rebuild of a long streamed document (stream.c): the same last run,
 * fed block by block as the blocks are built again. */
int gp_paginate_feed_start(gp_lctx *lc)
{
    pager *p = gp_arena_alloc(lc->a, sizeof *p);
    size_t *first_page = gp_arena_alloc(lc->a, (GP_PFLOW(lc)->n + 1) * sizeof *first_page);
    if (!p || !first_page) {
        lc->failed = 1;
        return -1;
    }
    *p = (pager){lc, NULL, 0, true, 0, true, first_page, true, 0};
    lc->pager = p;
    lc->dl->n_pages = 0;
    p->next = 0;
    return new_page(p);
}

int gp_paginate_feed(gp_lctx *lc, size_t i)
{
    pager *p = lc->pager;
    for (; p->next <= i && p->next < GP_PFLOW(lc)->n; p->next++) {
        if (place(p, p->next) || lc->failed || gp_layout_over_time(lc))
            return -1;
        if (gp_stream_placed(lc, p->next, lc->dl->n_pages - 1))
            return -1;
    }
    return 0;
}

int gp_paginate_feed_end(gp_lctx *lc)
{
    pager *p = lc->pager;
    if (p->next != GP_PFLOW(lc)->n || gp_layout_emit_page(lc, lc->dl->n_pages - 1))
        return -1;
    return lc->dl->n_pages == lc->total_pages ? 0 : -1;
}

static int run(gp_lctx *lc, bool quiet, size_t *first_page)
{
    lc->dl->n_pages = 0;
    for (size_t i = 0; i < GP_PFLOW(lc)->n; i++)
        if (GP_PFLOW(lc)->blocks[i]->repeat)
            GP_PFLOW(lc)->blocks[i]->repeat->shown = false;
    pager p = {lc, NULL, 0, true, 0, quiet, first_page, false, 0};
    if (new_page(&p))
        return -1;
    for (size_t i = 0; i < GP_PFLOW(lc)->n; i++)
        if (place(&p, i) || lc->failed || gp_layout_over_time(lc))
            return -1;
    return 0;
}

/* The first block that starts on the last page (flow.n when none). */
static size_t last_page_start(const gp_lctx *lc, const size_t *first_page, size_t pages)
{
    size_t k = GP_PFLOW(lc)->n;
    while (k > 0 && first_page[k - 1] >= pages - 1)
        k--;
    return k;
}

/* Whether the last page needs company: filled less than min_fill, or
 * holding one block alone (a closing call to action by itself on the last
 * page reads as left behind, however tall it is). A block that continues
 * from the page before counts as company. */
static bool last_page_poor(const gp_lctx *lc, const size_t *first_page, size_t pages,
                           double min_fill, bool *lone)
{
    double fill = page_fill(lc, pages - 1);
    *lone = false;
    if (fill < min_fill)
        return true;
    size_t k = last_page_start(lc, first_page, pages);
    if (k + 1 != GP_PFLOW(lc)->n || GP_PFLOW(lc)->blocks[k]->new_page)
        return false;
    /* alone when the page's content is no taller than the block itself */
    double used = fill * (lc->body_bottom - lc->body_top);
    *lone = used <= GP_PFLOW(lc)->blocks[k]->h + 1.0;
    return *lone;
}

/* A streamed document whose first layout kept every block (stream.c): after
 * deciding they are all here, so each is finished (mirrored, its header
 * and footer), the glyph runs of all go to the sink in page order, then
 * the pages one by one. */
static int out_kept(gp_lctx *lc)
{
    gp_display *dl = lc->dl;
    const gp_layout_sink *s = lc->sink;
    for (size_t i = 0; i < dl->n_pages && !lc->failed; i++)
        gp_layout_finish_page(lc, &dl->pages[i], i, true);
    for (size_t i = 0; i < dl->n_pages && !lc->failed; i++)
        gp_layout_census(lc, dl->pages[i].items, dl->pages[i].n_items, i);
    for (size_t i = 0; i < dl->n_pages && !lc->failed; i++) {
        if (s->page && s->page(s->ctx, dl, i))
            lc->failed = 1;
        gp_dl_page_release(dl, i);
    }
    return lc->failed ? -1 : 0;
}

/* Pagination, then the last-page rule: a last page filled less than
 * breaks.last_page_min_fill, or holding a single block alone, takes the
 * block before it (with the headings it belongs to) from the page before,
 * one block at a time, as long as the page count does not grow and that
 * page stays at least half full (a third, to keep a block from standing
 * alone: a shorter page reads better than a stranded closing block). */
static int decide(gp_lctx *lc, size_t *first_page)
{
    if (run(lc, false, first_page))
        return -1;
    double min_fill = lc->s->breaks.last_page_min_fill;
    size_t pages = lc->dl->n_pages;
    bool lone;
    if (pages < 2 || !last_page_poor(lc, first_page, pages, min_fill, &lone))
        return 0;
    double keep_fill = lone ? 1.0 / 3 : 0.5;
    gp_block *forced = NULL;
    for (int attempt = 0; attempt < 4; attempt++) {
        size_t k = last_page_start(lc, first_page, pages);
        if (k == 0 || k >= GP_PFLOW(lc)->n)
            break;
        size_t j = k - 1;
        while (j > 0 && GP_PFLOW(lc)->blocks[j - 1]->keep_with_next)
            j--;
        if (j == 0 || first_page[j] != pages - 2 || GP_PFLOW(lc)->blocks[j]->new_page)
            break;
        gp_block *prev = forced;
        if (prev)
            prev->force_break = false;
        forced = GP_PFLOW(lc)->blocks[j];
        forced->force_break = true;
        if (run(lc, true, first_page))
            return -1;
        if (lc->dl->n_pages != pages || page_fill(lc, pages - 2) < keep_fill) {
            /* too much moved: back to the previous layout */
            forced->force_break = false;
            if (prev)
                prev->force_break = true;
            return run(lc, true, first_page);
        }
        bool still_lone;
        if (!last_page_poor(lc, first_page, pages, min_fill, &still_lone))
            return 0;
    }
    return 0;
}

int gp_paginate(gp_lctx *lc)
{
    size_t *first_page = gp_arena_alloc(lc->a, (GP_PFLOW(lc)->n + 1) * sizeof *first_page);
    if (!first_page) {
        lc->failed = 1;
        return -1;
    }
    if (decide(lc, first_page))
        return -1;
    if (!lc->sink)
        return 0;
    /* A streamed layout: the runs above decided where every page breaks
     * (and how many pages there are, for "Page X of Y"). A document whose
     * first layout kept every block still has its pages; a long one is laid
     * out again (stream.c). */
    lc->total_pages = lc->dl->n_pages;
    if (gp_layout_stream_begin(lc))
        return -1;
    return lc->released_any ? gp_stream_census_rest(lc) : out_kept(lc);
}
