/* layout/blocks/timeline.c - the checklist timeline.
 *
 * Each step is one block kept together: a numbered marker in a gutter, a
 * connecting line down to the next marker, the time range as a label, a
 * drawn tick box (vector, never a glyph: no bundled font has U+2610) with
 * the step title, then the detail. The line runs through the space between
 * steps, so a step that moves to the next page simply ends the line. */
#include "layout/blocks/blocks.h"

#include <stdio.h>

void gp_build_timeline(gp_lctx *lc, const gp_section *sec)
{
    const gp_style *s = lc->s;
    gp_section_heading(lc, sec);
    if (sec->duration.s) {
        gp_block *b = gp_block_start(lc, 0);
        if (!b)
            return;
        const gp_text_style *sum = gp_ts(lc, GP_TS_H3);
        char *t = gp_arena_printf(lc->a, gp_label(lc, "Expected timeline: %s"), sec->duration.s);
        b->h = gp_text_plain(lc, b, sum, t, lc->x0, 0, lc->width, NULL, sec->duration.pos);
        b->keep_with_next = true; /* with the first step, as the heading is */
        gp_block_end(lc, b, 10);
    }
    double d = s->timeline.marker_size;
    double gutter = d + 14;
    double step_gap = 14;
    double tick = s->timeline.tickbox_size;
    const gp_text_style *title = gp_ts(lc, GP_TS_CARD_TITLE);
    const gp_text_style *body = gp_ts(lc, GP_TS_BODY);
    gp_color accent;
    if (!gp_style_color(s, "accent", &accent))
        accent = s->timeline.marker_fill;
    for (size_t i = 0; i < sec->n_steps && !lc->failed; i++) {
        const gp_step *st = &sec->steps[i];
        bool last = i + 1 == sec->n_steps;
        gp_block *b = gp_block_start(lc, 0);
        if (!b)
            return;
        b->keep_together = true;
        b->src = st->pos;
        double cx = lc->x0 + gutter;
        double cw = lc->width - gutter;
        size_t line_idx = b->n_items;
        if (!last)
            gp_emit_line(lc, b, lc->x0 + d / 2, d, lc->x0 + d / 2, d, s->timeline.line,
                         s->timeline.line_width);
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        gp_label_digits_buf(lc, num, sizeof num);
        if (i == 0) /* the steps are one list (tagged PDF) */
            gp_emit_tag(lc, b, true, GP_TAG_L, NULL);
        gp_emit_tag(lc, b, true, GP_TAG_LI, NULL);
        gp_emit_tag(lc, b, true, GP_TAG_LBL, NULL);
        gp_marker(lc, b, s->timeline.marker, lc->x0, 0, d, s->timeline.marker_fill,
                  s->timeline.marker_text, num);
        gp_emit_tag(lc, b, false, GP_TAG_LBL, NULL);
        gp_emit_tag(lc, b, true, GP_TAG_LBODY, NULL);
        double y = (d - gp_ts(lc, GP_TS_LABEL)->leading) / 2;
        if (y < 0)
            y = 0;
        /* The time range keeps the data's own case: it is content, not a
         * decorative label. */
        gp_text_style when = *gp_ts(lc, GP_TS_LABEL);
        when.uppercase = false;
        when.tracking = 0;
        when.size *= 1.1;
        /* calendar dates when the plan has a start date (src/plan/) */
        const gp_text *wt = st->dated.s ? &st->dated : &st->when;
        y += gp_text_plain(lc, b, &when, wt->s, cx, y, cw, &accent, wt->pos);
        y += 2;
        double tx = cx;
        if (s->timeline.tickbox) {
            double ty = y + (title->leading - tick) / 2 + title->size * 0.05;
            gp_checkbox(lc, b, cx, ty, tick, s->timeline.tickbox_color, "step", st->title.s);
            tx += tick + 7;
        }
        y += gp_text_plain(lc, b, title, st->title.s, tx, y, lc->x0 + lc->width - tx, NULL,
                           st->title.pos);
        y += 3;
        y += gp_box_rich(lc, b, &st->detail, body, cx, y, cw, NULL);
        gp_emit_tag(lc, b, false, GP_TAG_LBODY, NULL);
        gp_emit_tag(lc, b, false, GP_TAG_LI, NULL);
        if (last)
            gp_emit_tag(lc, b, false, GP_TAG_L, NULL);
        if (y < d)
            y = d;
        b->h = y + (last ? 0 : step_gap);
        if (!last && line_idx < b->n_items && b->items[line_idx].kind == GP_ITEM_LINE) {
            gp_item *ln = &b->items[line_idx];
            ln->u.line.y1 = d + 3;
            ln->u.line.y2 = b->h - 3 + 0.01;
            ln->y = ln->u.line.y1;
            ln->h = ln->u.line.y2 - ln->u.line.y1;
        }
        gp_block_end(lc, b, last ? body->space_after + 6 : 0);
    }
}
