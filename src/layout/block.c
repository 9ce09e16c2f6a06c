/* layout/block.c - blocks: the unit the builders produce and pagination
 * places. Items are appended with page x and block-relative y. */
#include "layout/flow.h"

#include <string.h>
#include <time.h>

static gp_block *block_alloc(gp_lctx *lc)
{
    gp_block *b = gp_arena_alloc(lc->a, sizeof *b);
    if (!b)
        lc->failed = 1;
    return b;
}

gp_block *gp_block_new_detached(gp_lctx *lc)
{
    return block_alloc(lc);
}

/* True (with a GP_ERR_LIMIT error) when the blocks built so far are taller
 * in total than max_pages text areas, so the guide cannot fit whatever
 * pagination does: a guide of 20,000 steps then fails after about a
 * thousand pages' worth of layout instead of after all of it. Summed every
 * 64 blocks, which keeps the cost negligible. */
/* True (with a GP_ERR_LIMIT error) once the document's time budget
 * (gp_limits.max_seconds) is spent. */
bool gp_layout_over_time(gp_lctx *lc)
{
    if (!(lc->deadline > 0)) /* no budget, or already reported (failed is set) */
        return false;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    if ((double)ts.tv_sec + ts.tv_nsec / 1e9 <= lc->deadline)
        return false;
    gp_diags_add(lc->diags, GP_ERR_LIMIT, GP_SEV_ERROR, lc->g->path, 0, 0, "max_seconds",
                 "give the document more time, or split it",
                 "the document went over its time budget of %g s and was stopped; nothing "
                 "was written",
                 lc->lim->max_seconds);
    lc->failed = 1;
    lc->deadline = -1; /* reported */
    return true;
}

static bool over_page_limit(gp_lctx *lc)
{
    const gp_flow *f = &lc->flow;
    if (f->n == 0 || f->n % 64 != 0)
        return false;
    double total = 0, body = lc->body_bottom - lc->body_top;
    for (size_t i = 0; i < f->n; i++)
        total += f->blocks[i]->h;
    if (!(body > 0) || total <= body * lc->lim->max_pages)
        return false;
    gp_diags_add(lc->diags, GP_ERR_LIMIT, GP_SEV_ERROR, lc->g->path, 0, 0, NULL, NULL,
                 "the guide needs more than %d pages (the page limit)", lc->lim->max_pages);
    lc->failed = 1;
    return true;
}

gp_block *gp_block_new(gp_lctx *lc)
{
    /* a streamed layout: the last block is finished */
    if (lc->sink && !lc->failed && gp_stream_block_done(lc))
        return NULL;
    if (lc->failed || (!lc->rebuild && over_page_limit(lc)) || gp_layout_over_time(lc))
        return NULL;
    gp_block *b = block_alloc(lc);
    if (!b)
        return NULL;
    if ((lc->release || lc->rebuild) && !(b->ca = gp_arena_new())) {
        lc->failed = 1;
        return NULL;
    }
    gp_flow *f = &lc->flow;
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 64;
        gp_block **nb = gp_arena_grow(lc->a, f->blocks, f->n * sizeof *nb, nc * sizeof *nb);
        if (!nb) {
            lc->failed = 1;
            return NULL;
        }
        f->blocks = nb;
        f->cap = nc;
    }
    f->blocks[f->n++] = b;
    return b;
}

/* A scratch item absorbs writes after memory ran out, so builders need not
 * check every push; lc->failed reports the failure. */
static gp_item scratch;

gp_item *gp_block_push(gp_lctx *lc, gp_block *b, gp_item_kind kind)
{
    gp_item *it =
        b ? gp_items_push(GP_BLOCK_ARENA(lc, b), &b->items, &b->n_items, &b->cap_items, kind)
          : NULL;
    if (!it) {
        lc->failed = 1;
        memset(&scratch, 0, sizeof scratch);
        return &scratch;
    }
    return it;
}

void gp_block_break(gp_lctx *lc, gp_block *b, double y)
{
    if (b->n_breaks == b->cap_breaks) {
        size_t nc = b->cap_breaks ? b->cap_breaks * 2 : 16;
        /* a rebuilt block's breaks go with its content (the first
         * layout's are the ones pagination reads) */
        gp_arena *a = lc->rebuild ? GP_BLOCK_ARENA(lc, b) : lc->a;
        double *nb = gp_arena_grow(a, b->breaks, b->n_breaks * sizeof *nb, nc * sizeof *nb);
        if (!nb) {
            lc->failed = 1;
            return;
        }
        b->breaks = nb;
        b->cap_breaks = nc;
    }
    b->breaks[b->n_breaks++] = y;
}

void gp_emit_rect(gp_lctx *lc, gp_block *b, double x, double y, double w, double h, gp_color fill,
                  gp_color stroke, double lw, double radius)
{
    if (fill.none && (stroke.none || lw <= 0))
        return;
    gp_item *it = gp_block_push(lc, b, GP_ITEM_RECT);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->u.rect.fill = fill;
    it->u.rect.stroke = stroke;
    it->u.rect.line_width = lw;
    it->u.rect.radius = radius;
}

void gp_emit_line(gp_lctx *lc, gp_block *b, double x1, double y1, double x2, double y2,
                  gp_color color, double width)
{
    if (color.none || width <= 0)
        return;
    gp_item *it = gp_block_push(lc, b, GP_ITEM_LINE);
    it->x = x1 < x2 ? x1 : x2;
    it->y = y1 < y2 ? y1 : y2;
    it->w = x1 < x2 ? x2 - x1 : x1 - x2;
    it->h = y1 < y2 ? y2 - y1 : y1 - y2;
    it->u.line.x1 = x1;
    it->u.line.y1 = y1;
    it->u.line.x2 = x2;
    it->u.line.y2 = y2;
    it->u.line.color = color;
    it->u.line.width = width;
}

gp_item *gp_emit_path(gp_lctx *lc, gp_block *b, size_t n_segs)
{
    gp_item *it = gp_block_push(lc, b, GP_ITEM_PATH);
    it->u.path.segs = gp_arena_alloc(GP_BLOCK_ARENA(lc, b), n_segs * sizeof(gp_path_seg));
    if (!it->u.path.segs) {
        lc->failed = 1;
        it->u.path.n_segs = 0;
        return it;
    }
    it->u.path.n_segs = n_segs;
    it->u.path.fill.none = true;
    it->u.path.stroke.none = true;
    return it;
}

void gp_emit_tag(gp_lctx *lc, gp_block *b, bool begin, gp_tag tag, const char *alt)
{
    gp_item *it = gp_block_push(lc, b, begin ? GP_ITEM_TAG_BEGIN : GP_ITEM_TAG_END);
    it->u.tag.tag = tag;
    it->u.tag.alt = alt;
}

gp_item *gp_emit_tag_lang(gp_lctx *lc, gp_block *b, bool begin, gp_tag tag, const char *lang)
{
    gp_item *it = gp_block_push(lc, b, begin ? GP_ITEM_TAG_BEGIN : GP_ITEM_TAG_END);
    it->u.tag.tag = tag;
    if (begin)
        it->u.tag.lang = lang;
    return it;
}

void gp_keep_run(gp_lctx *lc, size_t first, size_t n)
{
    if (first >= lc->flow.n || n < 2)
        return;
    gp_block *b = lc->flow.blocks[first];
    b->keep_n[1] = b->keep_n[0];
    b->keep_n[0] = n;
}

void gp_keep_table(gp_lctx *lc, size_t first, size_t n)
{
    size_t rows = n - 1, min_rows = (size_t)lc->s->breaks.table_min_rows;
    if (first + n > lc->flow.n || n < 2)
        return;
    if (rows <= 2 * min_rows - 1 || rows <= (size_t)lc->s->breaks.table_rows_whole) {
        gp_keep_run(lc, first, n); /* a short table: whole */
        return;
    }
    gp_keep_run(lc, first, 1 + min_rows);            /* the header and the first rows */
    gp_keep_run(lc, first + n - min_rows, min_rows); /* the last rows */
}
