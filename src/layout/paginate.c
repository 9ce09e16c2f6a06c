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

#include <string.h>

#define EPS 0.01

typedef struct pager {
    gp_lctx *lc;
    gp_page *page;
    double y;
    bool empty;
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
    p->page = gp_dl_add_page(lc->dl, lc->page_w, lc->page_h);
    if (!p->page) {
        lc->failed = 1;
        return -1;
    }
    p->y = lc->body_top;
    p->empty = true;
    return 0;
}

/* Copies the part of b between from and to onto the page at page y. Items
 * crossing a cut (backgrounds, rules) are clipped. */
static void copy_piece(pager *p, const gp_block *b, double from, double to, double at)
{
    gp_lctx *lc = p->lc;
    for (size_t i = 0; i < b->n_items; i++) {
        const gp_item *src = &b->items[i];
        bool spans = src->kind == GP_ITEM_RECT || src->kind == GP_ITEM_LINE;
        double top = src->y, bot = src->y + src->h;
        if (spans) {
            if (bot <= from + EPS || top >= to - EPS)
                continue;
        } else if (src->kind == GP_ITEM_TAG_BEGIN) {
            if (from > EPS) /* opens in the first piece */
                continue;
        } else if (src->kind == GP_ITEM_TAG_END) {
            if (to < b->h - EPS) /* closes in the last piece */
                continue;
        } else if (top < from - EPS || top >= to - EPS) {
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
            gp_glyph *gl = gp_arena_alloc(lc->a, src->u.glyphs.n_glyphs * sizeof *gl);
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
            if (y1 < from) y1 = from;
            if (y2 < from) y2 = from;
            if (y1 > to) y1 = to;
            if (y2 > to) y2 = to;
            d->u.line.y1 = y1 + shift;
            d->u.line.y2 = y2 + shift;
        } else if (src->kind == GP_ITEM_RECT) {
            double t = top < from ? from : top, bt = bot > to ? to : bot;
            d->y = t + shift;
            d->h = bt - t;
        } else if (src->kind == GP_ITEM_PATH) {
            gp_path_seg *segs = gp_arena_alloc(lc->a, src->u.path.n_segs * sizeof *segs);
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
static double first_piece(const gp_lctx *lc, size_t i, int depth)
{
    const gp_block *b = lc->flow.blocks[i];
    if (b->keep_with_next && i + 1 < lc->flow.n && depth < 4) {
        const gp_block *n = lc->flow.blocks[i + 1];
        return b->h + n->space_before + first_piece(lc, i + 1, depth + 1);
    }
    if (!b->keep_together && b->n_breaks)
        return b->breaks[0];
    return b->h;
}

static int place(pager *p, size_t idx)
{
    gp_lctx *lc = p->lc;
    const gp_block *b = lc->flow.blocks[idx];
    double body = lc->body_bottom - lc->body_top;
    if (b->new_page && !p->empty && new_page(p))
        return -1;
    double sb = p->empty ? 0 : b->space_before;
    double need = sb + first_piece(lc, idx, 0);
    if (need > body)
        need = sb + b->h > body ? body + 1 : sb + b->h;
    if (p->y + need > lc->body_bottom + EPS && !p->empty) {
        if (new_page(p))
            return -1;
        sb = 0;
    }
    if (p->empty && b->repeat && lc->dl->n_pages > 1) {
        copy_piece(p, b->repeat, 0, b->repeat->h, p->y);
        p->y += b->repeat->h;
    }
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
        bool may_split = !b->keep_together || rest > body + EPS;
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
            if (b->keep_together && !warned) {
                gp_diags_add(lc->diags, GP_WARN_SPLIT, GP_SEV_WARNING, b->src.file, b->src.line,
                             b->src.col, NULL, NULL,
                             "this block is taller than a page and was split across pages");
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
            p->y += b->repeat->h;
        }
    }
}

int gp_paginate(gp_lctx *lc)
{
    pager p = {lc, NULL, 0, true};
    if (new_page(&p))
        return -1;
    for (size_t i = 0; i < lc->flow.n; i++)
        if (place(&p, i) || lc->failed)
            return -1;
    return 0;
}
