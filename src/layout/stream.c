/* layout/stream.c - a long streamed document within a few pages of memory.
 *
 * A streamed layout (stream.h) sends each page out as it is finished, but
 * pagination decides every break before the first page goes (the page
 * count is printed on each), and it reads the blocks' metrics only: their
 * heights, break points and keep rules. So a document longer than
 * GP_STREAM_LONG_PAGES text areas is laid out twice:
 *
 * 1. The first layout keeps every block's metrics and frees its content
 *    (items, glyphs, run texts) once the blocks after it fill
 *    GP_STREAM_KEEP_PAGES text areas, after handing its glyph runs to the
 *    sink (the painter's font subsets). The blocks of the last pages keep
 *    their content: the last-page rule measures those pages. So do blocks
 *    taller than half a text area, which may be cut through their lines.
 * 2. Pagination decides on the first layout's blocks.
 * 3. The second layout builds every block again, in its own arena; as
 *    soon as a block is finished (the next one starts), its content goes
 *    to the first layout's block, which pagination places at once; the
 *    content is freed when the last page it reaches has gone out.
 *
 * Both layouts are the same code on the same data, so they give the same
 * blocks; a rebuilt block whose height or break count differs stops the
 * render with an internal error instead of printing a wrong page. */
#include "layout/flow.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "layout/stream.h"

static double body(const gp_lctx *lc)
{
    return lc->body_bottom - lc->body_top;
}

/* Frees b's content; its metrics stay. */
static void drop_content(gp_block *b)
{
    gp_arena_free(b->ca);
    b->ca = NULL;
    b->items = NULL;
    b->n_items = b->cap_items = 0;
    b->released = true;
}

/* The first layout: block i's glyph runs to the sink, its content freed. */
static int release_block(gp_lctx *lc, gp_block *b)
{
    if (!b->ca || b->released || b->h > body(lc) / 2)
        return 0;
    if (gp_layout_census(lc, b->items, b->n_items, (size_t)-1))
        return -1;
    drop_content(b);
    lc->released_any = true;
    return 0;
}

/* GP_STREAM_LONG_PAGES, or for the tests GUIDEPRESS_TEST_STREAM_LONG (text
 * areas), which sends short guides down this path too. */
static double long_pages(void)
{
    const char *e = getenv("GUIDEPRESS_TEST_STREAM_LONG");
    double v = e && *e ? strtod(e, NULL) : 0;
    return v > 0 ? v : GP_STREAM_LONG_PAGES;
}

static double extent(const gp_block *b)
{
    return b->space_before + b->h;
}

int gp_stream_block_done(gp_lctx *lc)
{
    gp_flow *f = &lc->flow;
    if (f->n == 0)
        return 0;
    size_t c = f->n - 1; /* the block just finished */
    if (lc->rebuild) {
        /* its content goes to the first layout's block, which is placed */
        gp_block *b1 = c < lc->flow1.n ? lc->flow1.blocks[c] : NULL, *b2 = f->blocks[c];
        if (!b1 || fabs(b1->h - b2->h) > 0.001 || b1->n_breaks != b2->n_breaks) {
            gp_diags_add(lc->diags, GP_ERR_LAYOUT, GP_SEV_ERROR, lc->g->path, 0, 0, NULL, NULL,
                         "internal error: block %zu came out differently when laid out again",
                         c + 1);
            lc->failed = 1;
            return -1;
        }
        gp_arena_free(b1->ca); /* the first layout's, if it kept it */
        b1->items = b2->items;
        b1->n_items = b2->n_items;
        b1->cap_items = b2->cap_items;
        b1->ca = b2->ca;
        b1->released = false;
        b2->ca = NULL;
        b2->items = NULL;
        b2->n_items = b2->cap_items = 0;
        return gp_paginate_feed(lc, c);
    }
    lc->flow_h += extent(f->blocks[c]);
    if (!lc->release) {
        if (lc->flow_h > long_pages() * body(lc)) {
            /* the blocks from the next one on get arenas of their own */
            lc->release = true;
            lc->rel_next = c + 1;
            lc->rel_after = 0;
        }
        return 0;
    }
    if (c > lc->rel_next)
        lc->rel_after += extent(f->blocks[c]);
    while (lc->rel_next < c && lc->rel_after > GP_STREAM_KEEP_PAGES * body(lc)) {
        if (release_block(lc, f->blocks[lc->rel_next]))
            return -1;
        lc->rel_next++;
        lc->rel_after -= extent(f->blocks[lc->rel_next]);
    }
    return 0;
}

int gp_stream_census_rest(gp_lctx *lc)
{
    const gp_layout_sink *s = lc->sink;
    for (size_t i = 0; i < lc->flow.n && !lc->failed; i++) {
        const gp_block *b = lc->flow.blocks[i];
        if (!b->released)
            gp_layout_census(lc, b->items, b->n_items, (size_t)-1);
        if (b->repeat && b->repeat->shown) /* "(continued)" only where a table does */
            gp_layout_census(lc, b->repeat->items, b->repeat->n_items, (size_t)-1);
    }
    if (!lc->fin || !s->glyphs)
        return lc->failed ? -1 : 0;
    /* every page's header and footer, made here once to be counted */
    for (size_t i = 0; i < lc->total_pages && !lc->failed; i++) {
        gp_page tmp = {lc->page_w, lc->page_h, NULL, 0, 0, gp_arena_new()};
        if (!tmp.arena) {
            lc->failed = 1;
            return -1;
        }
        gp_layout_finish_page(lc, &tmp, i, false);
        gp_layout_census(lc, tmp.items, tmp.n_items, i);
        gp_arena_free(tmp.arena);
    }
    return lc->failed ? -1 : 0;
}

int gp_stream_placed(gp_lctx *lc, size_t i, size_t last_page)
{
    if (lc->rq_n + 1 > lc->rq_cap) {
        size_t nc = lc->rq_cap ? lc->rq_cap * 2 : 64;
        size_t *nq = gp_malloc(nc * 2 * sizeof *nq);
        if (!nq) {
            lc->failed = 1;
            return -1;
        }
        for (size_t k = 0; k < lc->rq_n; k++) {
            size_t at = (lc->rq_head + k) % lc->rq_cap;
            nq[2 * k] = lc->rq[2 * at];
            nq[2 * k + 1] = lc->rq[2 * at + 1];
        }
        gp_free(lc->rq);
        lc->rq = nq;
        lc->rq_cap = nc;
        lc->rq_head = 0;
    }
    size_t at = (lc->rq_head + lc->rq_n++) % lc->rq_cap;
    lc->rq[2 * at] = i;
    lc->rq[2 * at + 1] = last_page;
    return 0;
}

void gp_stream_page_out(gp_lctx *lc, size_t page)
{
    while (lc->rq_n && lc->rq[2 * lc->rq_head + 1] <= page) {
        drop_content(lc->flow1.blocks[lc->rq[2 * lc->rq_head]]);
        lc->rq_head = (lc->rq_head + 1) % lc->rq_cap;
        lc->rq_n--;
    }
}

int gp_stream_rebuild(gp_lctx *lc, void (*build)(gp_lctx *))
{
    /* the second layout starts from the state the first one started from;
     * its diagnostics were given by the first */
    gp_diags *diags = lc->diags, *quiet = gp_diags_new();
    if (!quiet) {
        lc->failed = 1;
        return -1;
    }
    lc->flow1 = lc->flow;
    memset(&lc->flow, 0, sizeof lc->flow);
    lc->next_group = 0;
    lc->pending = 0;
    lc->n_notes = 0;
    lc->n_checkboxes = 0;
    lc->release = false;
    lc->rebuild = true;
    lc->diags = quiet;
    int rc = gp_paginate_feed_start(lc);
    if (!rc) {
        build(lc);
        rc = lc->failed ? -1 : gp_stream_block_done(lc);
    }
    if (!rc)
        rc = gp_paginate_feed_end(lc);
    lc->diags = diags;
    if (rc && gp_diags_errors(diags) == 0) {
        /* what went wrong the second time, or an internal error */
        gp_diags_append(diags, quiet);
        if (gp_diags_errors(diags) == 0)
            gp_diags_add(diags, GP_ERR_LAYOUT, GP_SEV_ERROR, lc->g->path, 0, 0, NULL, NULL,
                         "internal error: the second layout of a long document gave %zu pages, "
                         "not %zu",
                         lc->dl->n_pages, lc->total_pages);
    }
    gp_diags_free(quiet);
    /* the content still held is freed with the layout (layout.c) */
    if (rc)
        lc->failed = 1;
    return rc;
}
