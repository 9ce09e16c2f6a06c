/* layout/layout.c - gp_layout_run: guide + style -> finished display list.
 * Builds the title block and one builder per section into a flow of
 * blocks, paginates, then adds running headers and footers. */
#include "layout/blocks/blocks.h"

#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "layout/stream.h"

typedef void (*builder)(gp_lctx *, const gp_section *);

static const builder BUILDERS[GP_SEC__COUNT] = {
    [GP_SEC_PROSE] = gp_build_prose,   [GP_SEC_SKILLS] = gp_build_skills,
    [GP_SEC_GAPS] = gp_build_gaps,     [GP_SEC_TIMELINE] = gp_build_timeline,
    [GP_SEC_SALARY] = gp_build_salary, [GP_SEC_COMPARE] = gp_build_compare,
    [GP_SEC_LIST] = gp_build_list,     [GP_SEC_FAQ] = gp_build_faq,
    [GP_SEC_CTA] = gp_build_cta,
};

static int check_geometry(gp_lctx *lc)
{
    const gp_style *s = lc->s;
    const char *file = s->path;
    if (!(s->page_width > 0) || !(s->page_height > 0) || s->page_width > 14400 ||
        s->page_height > 14400) {
        gp_diags_add(lc->diags, GP_ERR_LAYOUT, GP_SEV_ERROR, file, 0, 0, "page", NULL,
                     "page size %.1f x %.1f pt is not usable (0 < size <= 14400 pt)", s->page_width,
                     s->page_height);
        return -1;
    }
    if (lc->width < 72 || lc->body_bottom - lc->body_top < 144) {
        gp_diags_add(lc->diags, GP_ERR_LAYOUT, GP_SEV_ERROR, file, 0, 0, "page.margin", NULL,
                     "the margins leave a text area of %.0f x %.0f pt; at least 72 x 144 pt "
                     "is needed",
                     lc->width, lc->body_bottom - lc->body_top);
        return -1;
    }
    for (int r = 0; r < GP_TS__COUNT; r++) {
        const gp_text_style *t = &s->text[r];
        if (t->size < lc->lim->min_font_pt || t->size > lc->lim->max_font_pt) {
            gp_diags_add(lc->diags, GP_ERR_LAYOUT, GP_SEV_ERROR, t->pos.file ? t->pos.file : file,
                         t->pos.line, t->pos.col, NULL, NULL,
                         "text style `%s` has size %.1f pt; sizes must be between %.0f and %.0f pt",
                         gp_text_role_name((gp_text_role)r), t->size, lc->lim->min_font_pt,
                         lc->lim->max_font_pt);
            return -1;
        }
        if (t->leading < t->size * 0.8 || t->leading > t->size * 4 + 100) {
            gp_diags_add(lc->diags, GP_ERR_LAYOUT, GP_SEV_ERROR, t->pos.file ? t->pos.file : file,
                         t->pos.line, t->pos.col, NULL, NULL,
                         "text style `%s` has leading %.1f pt for %.1f pt text",
                         gp_text_role_name((gp_text_role)r), t->leading, t->size);
            return -1;
        }
    }
    return 0;
}

static void metadata(gp_lctx *lc, const gp_layout_options *opt)
{
    const gp_guide *g = lc->g;
    gp_meta *m = &lc->dl->meta;
    m->title = g->title.s;
    m->author = lc->s->brand_name ? lc->s->brand_name : g->prepared_by.s;
    const char *subject = gp_arena_printf(lc->a, gp_label(lc, "Career change guide: from %s to %s"),
                                          g->from.s, g->to.s);
    m->subject = gp_arena_printf(lc->a, "%s%s%s", subject ? subject : "", g->market.s ? ", " : "",
                                 g->market.s ? g->market.s : "");
    m->keywords = gp_arena_printf(lc->a, "%s, %s, %s%s%s", gp_label(lc, "career change"), g->from.s,
                                  g->to.s, g->market.s ? ", " : "", g->market.s ? g->market.s : "");
    m->creator = opt && opt->creator ? opt->creator : "guidepress";
    m->lang = g->lang.s ? g->lang.s : "en-GB";
    m->date = opt ? opt->date : 0;
}

int gp_layout_stream_begin(gp_lctx *lc)
{
    /* text no font covers has had its errors: nothing is painted */
    if (lc->uncovered) {
        lc->failed = 1;
        return -1;
    }
    lc->fin = gp_finalize_begin(lc); /* NULL: no running bands, as in gp_finalize */
    if (lc->failed)
        return -1;
    if (lc->sink->begin && lc->sink->begin(lc->sink->ctx, lc->dl)) {
        lc->failed = 1;
        return -1;
    }
    return 0;
}

void gp_layout_finish_page(gp_lctx *lc, gp_page *pg, size_t i, bool mirror)
{
    if (mirror)
        gp_text_mirror_rtl_page(lc, pg);
    if (lc->fin) {
        /* the band's glyphs and strings go with the page */
        gp_arena *doc = lc->a;
        lc->a = gp_dl_page_arena(lc->dl, pg);
        gp_finalize_page(lc, lc->fin, pg, i, lc->total_pages);
        lc->a = doc;
    }
}

int gp_layout_census(gp_lctx *lc, const gp_item *items, size_t n, size_t page)
{
    const gp_layout_sink *s = lc->sink;
    for (size_t k = 0; k < n && s->glyphs && !lc->failed; k++)
        if (items[k].kind == GP_ITEM_GLYPHS && s->glyphs(s->ctx, &items[k], page))
            lc->failed = 1;
    return lc->failed ? -1 : 0;
}

int gp_layout_emit_page(gp_lctx *lc, size_t i)
{
    gp_display *dl = lc->dl;
    gp_layout_finish_page(lc, &dl->pages[i], i, true);
    const gp_layout_sink *s = lc->sink;
    if (!lc->failed && s->page && s->page(s->ctx, dl, i))
        lc->failed = 1;
    gp_dl_page_release(dl, i);
    if (lc->rebuild) /* the blocks that reach no further than this page */
        gp_stream_page_out(lc, i);
    return lc->failed ? -1 : 0;
}

/* The title block and one builder per section, into the flow. */
static void build_all(gp_lctx *lc)
{
    gp_build_cover(lc);
    for (size_t i = 0; i < lc->g->n_sections && !lc->failed; i++) {
        const gp_section *sec = &lc->g->sections[i];
        if ((unsigned)sec->type >= GP_SEC__COUNT || lc->s->sections[sec->type].hide)
            continue;
        BUILDERS[sec->type](lc, sec);
    }
}

/* The content arenas of a streamed layout's blocks (stream.c). */
static void stream_free(gp_lctx *lc)
{
    for (int k = 0; k < 2; k++) {
        gp_flow *f = k ? &lc->flow1 : &lc->flow;
        for (size_t i = 0; i < f->n; i++) {
            gp_arena_free(f->blocks[i]->ca);
            f->blocks[i]->ca = NULL;
        }
    }
    gp_free(lc->rq);
    lc->rq = NULL;
}

static gp_display *layout(gp_fonts *fonts, const gp_guide *guide, const gp_style *style,
                          const gp_layout_options *opt, const gp_limits *lim, gp_diags *diags,
                          const gp_layout_sink *sink)
{
    gp_limits defaults;
    if (!lim) {
        gp_limits_default(&defaults);
        lim = &defaults;
    }
    gp_display *dl = gp_display_new();
    if (!dl) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    gp_lctx lc = {0};
    lc.fonts = fonts;
    lc.dl = dl;
    lc.a = dl->arena;
    lc.g = guide;
    lc.s = style;
    lc.lim = lim;
    lc.diags = diags;
    lc.sink = sink;
    dl->page_arenas = sink != NULL;
    if (lim->max_seconds > 0) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        double start =
            opt && opt->started > 0 ? opt->started : (double)ts.tv_sec + ts.tv_nsec / 1e9;
        lc.deadline = start + lim->max_seconds;
    }
    lc.page_w = style->page_width;
    lc.page_h = style->page_height;
    lc.x0 = style->margin_left;
    lc.width = style->page_width - style->margin_left - style->margin_right;
    lc.body_top = style->margin_top;
    lc.body_bottom = style->page_height - style->margin_bottom;
    if (check_geometry(&lc)) {
        gp_display_free(dl);
        return NULL;
    }
    gp_text_set_language(&lc, guide->lang.s);
    lc.g = gp_labels_localize(&lc, guide); /* defaults worded in the guide's language */
    metadata(&lc, opt);
    build_all(&lc);
    if (!lc.failed)
        gp_paginate(&lc);
    if (!lc.failed && lc.released_any) /* a long streamed document (stream.c) */
        gp_stream_rebuild(&lc, build_all);
    stream_free(&lc);
    if (!lc.failed && !sink) /* a streamed layout did these page by page */
        gp_text_mirror_rtl(&lc);
    if (!lc.failed && !sink)
        gp_finalize(&lc);
    if (lc.failed) {
        if (gp_diags_errors(diags) == 0)
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, guide->path, 0, 0, NULL, NULL,
                         "out of memory while laying out the guide");
        gp_display_free(dl);
        return NULL;
    }
    /* Text no font covers would print as empty boxes ("tofu"): each such
     * field has had its error (text.c); no display list is made. */
    if (lc.uncovered) {
        gp_display_free(dl);
        return NULL;
    }
    return dl;
}

gp_display *gp_layout_run(gp_fonts *fonts, const gp_guide *guide, const gp_style *style,
                          const gp_layout_options *opt, const gp_limits *lim, gp_diags *diags)
{
    return layout(fonts, guide, style, opt, lim, diags, NULL);
}

gp_display *gp_layout_stream(gp_fonts *fonts, const gp_guide *guide, const gp_style *style,
                             const gp_layout_options *opt, const gp_limits *lim, gp_diags *diags,
                             const gp_layout_sink *sink)
{
    return layout(fonts, guide, style, opt, lim, diags, sink);
}
