/* layout/blocks/common.c - pieces every section builder uses: section
 * headings (kept with what follows, with an outline entry), paragraph
 * blocks that split only between lines with two lines on each side, boxes
 * whose height is known only after their text, pills, tick boxes and
 * numbered markers drawn as vectors. */
#include "layout/blocks/blocks.h"

#include <math.h>
#include <string.h>

const gp_text_style *gp_ts(const gp_lctx *lc, gp_text_role r)
{
    return &lc->s->text[r];
}

gp_color gp_rgb(double r, double g, double b)
{
    return (gp_color){r, g, b, false};
}

gp_block *gp_block_start(gp_lctx *lc, double space_before)
{
    gp_block *b = gp_block_new(lc);
    if (b)
        b->space_before = lc->pending > space_before ? lc->pending : space_before;
    lc->pending = 0;
    return b;
}

void gp_block_end(gp_lctx *lc, gp_block *b, double space_after)
{
    (void)b;
    lc->pending = space_after;
}

void gp_section_heading(gp_lctx *lc, const gp_section *sec)
{
    const gp_text_style *h2 = gp_ts(lc, GP_TS_H2);
    gp_block *b = gp_block_start(lc, h2->space_before);
    if (!b)
        return;
    b->keep_with_next = true;
    b->bookmark = sec->title.s;
    b->bookmark_level = 1;
    b->src = sec->pos;
    b->new_page = lc->s->sections[sec->type].new_page;
    gp_emit_tag(lc, b, true, GP_TAG_H2, NULL);
    b->h = gp_text_plain(lc, b, h2, sec->title.s, lc->x0, 0, lc->width, NULL, sec->title.pos);
    gp_emit_tag(lc, b, false, GP_TAG_H2, NULL);
    gp_block_end(lc, b, h2->space_after);
    if (sec->intro.n_paras) {
        /* An intro introduces what follows: keep it with the section's
         * first block, as the heading is. */
        size_t first = lc->flow.n;
        gp_flow_rich(lc, &sec->intro, gp_ts(lc, GP_TS_BODY), lc->x0, lc->width, GP_TAG_P);
        for (size_t i = first; i < lc->flow.n; i++)
            lc->flow.blocks[i]->keep_with_next = true;
    }
}

/* The link-address notes numbered since note n0 (print styles with
 * link_addresses: footnote), set small under the paragraph at (x, y);
 * returns the height used. */
static double notes_since(gp_lctx *lc, gp_block *b, int n0, double x, double y, double w)
{
    double h = 0;
    for (int k = n0; k < lc->n_notes && !lc->failed; k++) {
        char *t = gp_arena_printf(lc->a, "%d. %s", k + 1, lc->notes[k]);
        if (!t)
            break;
        h += gp_text_plain(lc, b, gp_ts(lc, GP_TS_CAPTION), t, x, y + h + (k == n0 ? 2 : 0), w,
                           NULL, (gp_pos){0}) +
             (k == n0 ? 2 : 0);
    }
    return h;
}

void gp_flow_rich(gp_lctx *lc, const gp_rich *r, const gp_text_style *ts, double x, double w,
                  gp_tag tag)
{
    for (size_t i = 0; i < r->n_paras && !lc->failed; i++) {
        gp_block *b = gp_block_start(lc, ts->space_before);
        if (!b)
            return;
        b->src = r->pos;
        int n0 = lc->n_notes;
        gp_tl *t = gp_tl_rich(lc, ts, &r->paras[i], w, NULL, r->pos);
        if (!t)
            return;
        gp_emit_tag(lc, b, true, tag, NULL);
        gp_tl_emit(lc, t, b, x, 0);
        gp_emit_tag(lc, b, false, tag, NULL);
        b->h = gp_tl_height(t);
        int n = gp_tl_lines(t);
        /* orphans and widows: breaks.orphans lines at least before a
         * break, breaks.widows after it */
        int orphans = lc->s->breaks.orphans > 0 ? lc->s->breaks.orphans : 2;
        int widows = lc->s->breaks.widows > 0 ? lc->s->breaks.widows : 2;
        for (int k = orphans - 1; k <= n - 1 - widows; k++)
            gp_block_break(lc, b, gp_tl_line_bottom(t, k));
        gp_tl_free(t);
        if (lc->n_notes > n0)
            b->h += notes_since(lc, b, n0, x, b->h, w);
        gp_block_end(lc, b, ts->space_after);
    }
}

double gp_box_rich(gp_lctx *lc, gp_block *b, const gp_rich *r, const gp_text_style *ts, double x,
                   double y, double w, const gp_color *color)
{
    double y0 = y;
    for (size_t i = 0; i < r->n_paras && !lc->failed; i++) {
        if (i > 0)
            y += ts->space_after > 0 ? ts->space_after : ts->leading * 0.5;
        int n0 = lc->n_notes;
        gp_tl *t = gp_tl_rich(lc, ts, &r->paras[i], w, color, r->pos);
        if (!t)
            break;
        gp_emit_tag(lc, b, true, GP_TAG_P, NULL);
        gp_tl_emit(lc, t, b, x, y);
        gp_emit_tag(lc, b, false, GP_TAG_P, NULL);
        for (int k = 0; k < gp_tl_lines(t) - 1; k++)
            gp_block_break(lc, b, y + gp_tl_line_bottom(t, k));
        y += gp_tl_height(t);
        gp_tl_free(t);
        if (lc->n_notes > n0)
            y += notes_since(lc, b, n0, x, y, w);
    }
    return y - y0;
}

size_t gp_box_begin(gp_lctx *lc, gp_block *b, const gp_box_style *bs, double x, double y, double w)
{
    gp_item *it = gp_block_push(lc, b, GP_ITEM_RECT);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = 0;
    it->u.rect.fill = bs->background;
    it->u.rect.stroke = bs->border;
    it->u.rect.line_width = bs->border.none ? 0 : bs->border_width;
    it->u.rect.radius = bs->radius;
    return b->n_items - 1;
}

void gp_box_finish(gp_block *b, size_t idx, double h)
{
    if (b && idx < b->n_items)
        b->items[idx].h = h;
}

gp_color gp_contrast_text(const gp_lctx *lc, gp_color bg)
{
    if (bg.none)
        return gp_ts(lc, GP_TS_BODY)->color;
    double lum = 0.2126 * bg.r + 0.7152 * bg.g + 0.0722 * bg.b;
    if (lum < 0.55)
        return gp_rgb(1, 1, 1);
    return gp_ts(lc, GP_TS_BODY)->color;
}

double gp_pill(gp_lctx *lc, gp_block *b, const char *text, double x, double y, gp_color fill,
               gp_color text_color, bool align_right)
{
    const gp_text_style *ls = gp_ts(lc, GP_TS_LABEL);
    gp_tl *t = gp_tl_plain(lc, ls, text, 0, &text_color, (gp_pos){0});
    if (!t)
        return 0;
    double padx = ls->size * 0.8, pady = ls->size * 0.35;
    double w = gp_tl_width(t) + 2 * padx, h = gp_tl_height(t) + 2 * pady;
    double left = align_right ? x - w : x;
    /* no fill: an outlined pill in the text colour (print, large print) */
    gp_color stroke = fill.none ? text_color : (gp_color){0, 0, 0, true};
    gp_emit_rect(lc, b, left, y, w, h, fill, stroke, fill.none ? 0.75 : 0, h / 2);
    gp_tl_emit(lc, t, b, left + padx, y + pady);
    gp_tl_free(t);
    return w;
}

void gp_tickbox(gp_lctx *lc, gp_block *b, double x, double y, double s, gp_color color)
{
    gp_emit_rect(lc, b, x, y, s, s, (gp_color){1, 1, 1, false}, color, s > 8 ? 0.9 : 0.7, s * 0.18);
}

void gp_checkbox(gp_lctx *lc, gp_block *b, double x, double y, double s, gp_color color,
                 const char *kind, const char *tooltip)
{
    gp_emit_tag(lc, b, true, GP_TAG_FORM, NULL);
    gp_item *it = gp_block_push(lc, b, GP_ITEM_CHECKBOX);
    if (it) {
        it->x = x;
        it->y = y;
        it->w = it->h = s;
        it->u.checkbox.fill = (gp_color){1, 1, 1, false};
        it->u.checkbox.stroke = color;
        it->u.checkbox.line_width = s > 8 ? 0.9 : 0.7; /* as gp_tickbox */
        it->u.checkbox.radius = s * 0.18;
        it->u.checkbox.name = gp_arena_printf(lc->a, "%s-%d", kind, ++lc->n_checkboxes);
        it->u.checkbox.tooltip = gp_arena_strdup(lc->a, tooltip);
    }
    gp_emit_tag(lc, b, false, GP_TAG_FORM, NULL);
}

void gp_marker(gp_lctx *lc, gp_block *b, gp_marker_shape shape, double x, double y, double d,
               gp_color fill, gp_color text_color, const char *label)
{
    /* no fill: an outlined marker in the text colour (print, large print) */
    if (shape != GP_MARKER_NONE)
        gp_emit_rect(lc, b, x, y, d, d, fill, fill.none ? text_color : (gp_color){0, 0, 0, true},
                     fill.none ? (d > 14 ? 1.2 : 0.9) : 0,
                     shape == GP_MARKER_CIRCLE ? d / 2 : d * 0.2);
    gp_text_style ts = *gp_ts(lc, GP_TS_LABEL);
    ts.size = d * 0.5;
    ts.leading = d * 0.62;
    ts.weight = 700;
    ts.uppercase = false;
    ts.tracking = 0;
    gp_color tc = shape == GP_MARKER_NONE ? fill : text_color;
    gp_tl *t = gp_tl_plain(lc, &ts, label, 0, &tc, (gp_pos){0});
    if (!t)
        return;
    double tw = gp_tl_width(t), th = gp_tl_height(t);
    gp_tl_emit(lc, t, b, x + (d - tw) / 2, y + (d - th) / 2);
    gp_tl_free(t);
}
