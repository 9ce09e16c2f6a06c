/* layout/blocks/cards.c - transferable-skill cards and skill-gap cards.
 *
 * Cards sit in a grid (the style's columns, fewer when a card would be
 * narrower than about 150 pt); each grid row is one block that is kept
 * together, and the cards of a row share one height so the grid reads as
 * a designed table of boxes rather than a ragged stack. A skill card has
 * its two halves (as the old role, as the new role) split by a rule, and
 * `direct` skills carry a badge and a stripe in the style's `direct`
 * colour. */
#include "layout/blocks/blocks.h"

#include <stdio.h>

#define MIN_CARD_WIDTH 150.0

typedef double (*card_fn)(gp_lctx *lc, const gp_section *sec, size_t i, gp_block *b, double x,
                          double y, double w);

static int grid_columns(const gp_lctx *lc, const gp_section *sec)
{
    int cols = lc->s->sections[sec->type].columns;
    if (cols <= 0)
        cols = lc->s->cards.columns;
    if (cols < 1)
        cols = 1;
    if (cols > 3)
        cols = 3;
    double gap = lc->s->cards.gap;
    while (cols > 1 && (lc->width - gap * (cols - 1)) / cols < MIN_CARD_WIDTH)
        cols--;
    return cols;
}

static double label_text(gp_lctx *lc, gp_block *b, const char *text, double x, double y, double w,
                         const gp_color *color)
{
    return gp_text_plain(lc, b, gp_ts(lc, GP_TS_LABEL), text, x, y, w, color, (gp_pos){0});
}

/* A card label from the catalogue ("Why it matters"); when its words are
 * not in the document's language (no catalogue for it), it is a P of its
 * own with that language, so a screen reader speaks it as English. */
static double card_label(gp_lctx *lc, gp_block *b, const char *msgid, double x, double y, double w,
                         const gp_color *color)
{
    const char *text = gp_label(lc, msgid);
    const char *lang = gp_label_lang(lc, msgid, NULL, text);
    if (lang)
        gp_emit_tag_lang(lc, b, true, GP_TAG_P, lang);
    double h = label_text(lc, b, text, x, y, w, color);
    if (lang)
        gp_emit_tag_lang(lc, b, false, GP_TAG_P, NULL);
    return h;
}

/* Lays out one card's content at (x, y) inside a card of width w; returns
 * the content height (padding excluded). */
static double skill_card(gp_lctx *lc, const gp_section *sec, size_t i, gp_block *b, double x,
                         double y, double w)
{
    const gp_skill *sk = &sec->skills[i];
    const gp_style *s = lc->s;
    double y0 = y;
    char num[24];
    snprintf(num, sizeof num, "%zu", i + 1);
    gp_label_digits_buf(lc, num, sizeof num);
    const gp_text_style *ct = gp_ts(lc, GP_TS_CARD_TITLE);
    double md = ct->leading;
    gp_color accent = sk->direct && !s->cards.direct.none ? s->cards.direct : s->cards.accent;
    /* accent none: the number and the badge are outlined in the title colour */
    gp_color on_accent = gp_rgb(1, 1, 1);
    if (accent.none)
        on_accent = ct->color;
    gp_marker(lc, b, GP_MARKER_CIRCLE, x, y, md, accent, on_accent, num);
    double tx = x + md + 6;
    gp_emit_tag(lc, b, true, GP_TAG_H3, NULL);
    y += gp_text_plain(lc, b, ct, sk->name.s, tx, y, w - (tx - x), NULL, sk->name.pos);
    gp_emit_tag(lc, b, false, GP_TAG_H3, NULL);
    if (sk->direct) {
        y += 4;
        const gp_text_style *ls = gp_ts(lc, GP_TS_LABEL);
        const char *msgid = GP_N_("Transfers directly");
        const char *direct = gp_label(lc, msgid);
        const char *lang = gp_label_lang(lc, msgid, NULL, direct);
        if (lang)
            gp_emit_tag_lang(lc, b, true, GP_TAG_P, lang);
        gp_pill(lc, b, direct, tx, y, accent, on_accent, false);
        if (lang)
            gp_emit_tag_lang(lc, b, false, GP_TAG_P, NULL);
        y += ls->leading + ls->size * 0.7;
    }
    y += 8;
    const gp_text_style *body = gp_ts(lc, GP_TS_BODY);
    y += label_text(lc, b, sec->from_label.s, x, y, w, NULL) + 2;
    y += gp_box_rich(lc, b, &sk->from, body, x, y, w, NULL);
    y += 7;
    gp_emit_line(lc, b, x, y, x + w, y, s->cards.divider, 0.6);
    y += 7;
    y += label_text(lc, b, sec->to_label.s, x, y, w, NULL) + 2;
    y += gp_box_rich(lc, b, &sk->to, body, x, y, w, NULL);
    return y - y0;
}

/* A gap card: the name, then why it matters and how to build it. A wide
 * card (one column) sets the two side by side so the section stays
 * compact; a narrow one stacks them. */
static double gap_card(gp_lctx *lc, const gp_section *sec, size_t i, gp_block *b, double x,
                       double y, double w)
{
    const gp_gap *gp = &sec->gaps[i];
    const gp_style *s = lc->s;
    double y0 = y;
    const gp_text_style *ct = gp_ts(lc, GP_TS_CARD_TITLE);
    gp_emit_tag(lc, b, true, GP_TAG_H3, NULL);
    y += gp_text_plain(lc, b, ct, gp->name.s, x, y, w, NULL, gp->name.pos);
    gp_emit_tag(lc, b, false, GP_TAG_H3, NULL);
    y += 6;
    const gp_text_style *body = gp_ts(lc, GP_TS_BODY);
    gp_color accent = s->cards.accent.none ? ct->color : s->cards.accent;
    /* side by side only when each half keeps a readable measure (about 18
     * ems of body text): large print stacks them */
    if (w >= 380 && (w - 18) / 2 >= 18 * body->size) {
        double gap = 18, hw = (w - gap) / 2;
        double yl = y, yr = y;
        yl += card_label(lc, b, GP_N_("Why it matters"), x, yl, hw, NULL) + 2;
        yl += gp_box_rich(lc, b, &gp->why, body, x, yl, hw, NULL);
        double xr = x + hw + gap;
        yr += card_label(lc, b, GP_N_("How to build it"), xr, yr, hw, &accent) + 2;
        yr += gp_box_rich(lc, b, &gp->how, body, xr, yr, hw, NULL);
        double yb = yl > yr ? yl : yr;
        gp_emit_line(lc, b, x + hw + gap / 2, y, x + hw + gap / 2, yb, s->cards.divider, 0.6);
        return yb - y0;
    }
    y += card_label(lc, b, GP_N_("Why it matters"), x, y, w, NULL) + 2;
    y += gp_box_rich(lc, b, &gp->why, body, x, y, w, NULL);
    y += 7;
    gp_emit_line(lc, b, x, y, x + w, y, s->cards.divider, 0.6);
    y += 7;
    y += card_label(lc, b, GP_N_("How to build it"), x, y, w, &accent) + 2;
    y += gp_box_rich(lc, b, &gp->how, body, x, y, w, NULL);
    return y - y0;
}

static void grid(gp_lctx *lc, const gp_section *sec, size_t n, card_fn fn, const gp_pos *pos)
{
    const gp_style *s = lc->s;
    int cols = grid_columns(lc, sec);
    double gap = s->cards.gap;
    double cw = (lc->width - gap * (cols - 1)) / cols;
    double pad = s->cards.box.padding;
    double stripe = s->cards.accent.none ? 0 : 3;
    for (size_t r = 0; r < n && !lc->failed; r += (size_t)cols) {
        gp_block *b = gp_block_start(lc, r == 0 ? 4 : gap);
        if (!b)
            return;
        b->keep_together = true;
        b->src = pos[r];
        size_t box[3] = {0}, bar[3] = {0};
        double hmax = 0;
        for (int c = 0; c < cols && r + (size_t)c < n; c++) {
            double x = lc->x0 + c * (cw + gap);
            box[c] = gp_box_begin(lc, b, &s->cards.box, x, 0, cw);
            bar[c] = b->n_items;
            if (stripe > 0) {
                gp_item *it = gp_block_push(lc, b, GP_ITEM_RECT);
                it->x = x;
                it->y = 0;
                it->w = stripe;
                it->u.rect.fill = s->cards.accent;
                it->u.rect.stroke.none = true;
                if (sec->type == GP_SEC_SKILLS && sec->skills[r + (size_t)c].direct &&
                    !s->cards.direct.none)
                    it->u.rect.fill = s->cards.direct;
            }
            gp_emit_tag(lc, b, true, GP_TAG_SECT, NULL);
            double h = fn(lc, sec, r + (size_t)c, b, x + pad + stripe, pad, cw - 2 * pad - stripe);
            gp_emit_tag(lc, b, false, GP_TAG_SECT, NULL);
            if (h + 2 * pad > hmax)
                hmax = h + 2 * pad;
        }
        for (int c = 0; c < cols && r + (size_t)c < n; c++) {
            gp_box_finish(b, box[c], hmax);
            if (stripe > 0) { /* inset so it stays inside rounded corners */
                double r = s->cards.box.radius;
                b->items[bar[c]].y = r;
                gp_box_finish(b, bar[c], hmax - 2 * r);
            }
        }
        b->h = hmax;
        gp_block_end(lc, b, 0);
    }
    lc->pending = gp_ts(lc, GP_TS_BODY)->space_after + 6;
}

void gp_build_skills(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    gp_pos *pos = gp_arena_alloc(lc->a, (sec->n_skills + 1) * sizeof *pos);
    if (!pos) {
        lc->failed = 1;
        return;
    }
    for (size_t i = 0; i < sec->n_skills; i++)
        pos[i] = sec->skills[i].pos;
    grid(lc, sec, sec->n_skills, skill_card, pos);
}

void gp_build_gaps(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    gp_pos *pos = gp_arena_alloc(lc->a, (sec->n_gaps + 1) * sizeof *pos);
    if (!pos) {
        lc->failed = 1;
        return;
    }
    for (size_t i = 0; i < sec->n_gaps; i++)
        pos[i] = sec->gaps[i].pos;
    grid(lc, sec, sec->n_gaps, gap_card, pos);
}
