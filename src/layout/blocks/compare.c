/* layout/blocks/compare.c - two panels side by side (today / tomorrow),
 * equal in height; stacked one above the other when the text width is
 * below the style's compare.min_width or the style asks for one column. */
#include "layout/blocks/blocks.h"

static double panel(gp_lctx *lc, gp_block *b, const gp_panel *p, double x, double y, double w)
{
    const gp_box_style *bs = &lc->s->compare.box;
    double pad = bs->padding;
    double y0 = y;
    y += pad;
    gp_emit_tag(lc, b, true, GP_TAG_H3, NULL);
    y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_H3), p->title.s, x + pad, y, w - 2 * pad, NULL,
                       p->title.pos);
    gp_emit_tag(lc, b, false, GP_TAG_H3, NULL);
    y += 4;
    y += gp_box_rich(lc, b, &p->body, gp_ts(lc, GP_TS_BODY), x + pad, y, w - 2 * pad, NULL);
    y += pad;
    return y - y0;
}

void gp_build_compare(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    const gp_style *s = lc->s;
    int cols = s->sections[GP_SEC_COMPARE].columns;
    bool side = cols != 1 && lc->width >= s->compare.min_width;
    double gap = s->cards.gap > 0 ? s->cards.gap : 10;
    if (side) {
        gp_block *b = gp_block_start(lc, 4);
        if (!b)
            return;
        b->keep_together = true;
        b->src = sec->pos;
        double w = (lc->width - gap) / 2;
        size_t l = gp_box_begin(lc, b, &s->compare.box, lc->x0, 0, w);
        size_t r = gp_box_begin(lc, b, &s->compare.box, lc->x0 + w + gap, 0, w);
        double hl = panel(lc, b, &sec->left, lc->x0, 0, w);
        double hr = panel(lc, b, &sec->right, lc->x0 + w + gap, 0, w);
        double h = hl > hr ? hl : hr;
        gp_box_finish(b, l, h);
        gp_box_finish(b, r, h);
        b->h = h;
        gp_block_end(lc, b, gp_ts(lc, GP_TS_BODY)->space_after + 6);
        return;
    }
    const gp_panel *ps[2] = {&sec->left, &sec->right};
    for (int i = 0; i < 2; i++) {
        gp_block *b = gp_block_start(lc, i ? gap : 4);
        if (!b)
            return;
        b->keep_together = true;
        b->src = ps[i]->pos;
        size_t box = gp_box_begin(lc, b, &s->compare.box, lc->x0, 0, lc->width);
        b->h = panel(lc, b, ps[i], lc->x0, 0, lc->width);
        gp_box_finish(b, box, b->h);
        gp_block_end(lc, b, gp_ts(lc, GP_TS_BODY)->space_after + 6);
    }
}
