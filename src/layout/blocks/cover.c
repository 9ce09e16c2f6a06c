/* layout/blocks/cover.c - the title block and the stats banner on page one.
 *
 * The title block is a panel (the style's cover box) holding the kicker
 * (with the market), the title, the standfirst, a personalisation line
 * ("Prepared for ... by ... · 25 November 2026") when the guide has one,
 * and the brand logo at the top right when the style has one. The stats
 * banner below it sets the headline figures in equal columns. */
#include "layout/blocks/blocks.h"

#include <stdio.h>
#include <string.h>

#include "layout/image.h"

static void stats_banner(gp_lctx *lc)
{
    const gp_guide *g = lc->g;
    if (!g->n_stats)
        return;
    const gp_style *s = lc->s;
    size_t n = g->n_stats > 6 ? 6 : g->n_stats;
    gp_block *b = gp_block_start(lc, 12);
    if (!b)
        return;
    b->keep_together = true;
    const gp_box_style *bs = &s->stats.box;
    double pad = bs->padding;
    size_t box = gp_box_begin(lc, b, bs, lc->x0, 0, lc->width);
    double cw = lc->width / (double)n;
    double hmax = 0;
    const gp_text_style *vs = gp_ts(lc, GP_TS_STAT_VALUE), *ls = gp_ts(lc, GP_TS_STAT_LABEL);
    for (size_t i = 0; i < n; i++) {
        double x = lc->x0 + cw * (double)i + pad;
        double w = cw - 2 * pad;
        gp_text_style v = *vs, l = *ls;
        v.align = l.align = GP_ALIGN_CENTER;
        double y = pad;
        y += gp_text_plain(lc, b, &v, g->stats[i].value.s, x, y, w, NULL, g->stats[i].value.pos);
        y += 2;
        /* a derived stat's label ("steps") is a catalogue word */
        const char *lang =
            gp_label_lang(lc, g->stats[i].msgid, g->stats[i].plural, g->stats[i].label.s);
        if (lang)
            gp_emit_tag_lang(lc, b, true, GP_TAG_P, lang);
        y += gp_text_plain(lc, b, &l, g->stats[i].label.s, x, y, w, NULL, g->stats[i].label.pos);
        if (lang)
            gp_emit_tag_lang(lc, b, false, GP_TAG_P, NULL);
        if (y + pad > hmax)
            hmax = y + pad;
    }
    for (size_t i = 1; i < n; i++) {
        double x = lc->x0 + cw * (double)i;
        gp_emit_line(lc, b, x, pad, x, hmax - pad, s->stats.divider, 0.75);
    }
    gp_box_finish(b, box, hmax);
    b->h = hmax;
    gp_block_end(lc, b, 10);
}

void gp_build_cover(gp_lctx *lc)
{
    const gp_guide *g = lc->g;
    const gp_style *s = lc->s;
    const gp_box_style *bs = &s->cover.box;
    gp_block *b = gp_block_start(lc, 0);
    if (!b)
        return;
    b->keep_together = true;
    b->bookmark = g->title.s;
    b->bookmark_level = 1;
    b->src = g->title.pos;
    double pad = bs->background.none && bs->border.none ? 0 : bs->padding;
    size_t box = gp_box_begin(lc, b, bs, lc->x0, 0, lc->width);
    double x = lc->x0 + pad, w = lc->width - 2 * pad;
    double y = pad;
    double text_w = w;

    /* Logo, top right; text keeps clear of it. */
    double logo_h = 0;
    if (s->brand_logo && s->cover.show_logo) {
        gp_image_info info;
        if (gp_image_probe(lc, s->brand_logo, s->brand_logo_pos, &info) == 0) {
            double lw = s->logo_width > 0 ? s->logo_width : 100;
            if (lw > w * 0.35)
                lw = w * 0.35;
            double lh = lw * info.height / info.width;
            if (lh > 60) {
                lh = 60;
                lw = lh * info.width / info.height;
            }
            gp_emit_tag(lc, b, true, GP_TAG_FIGURE,
                        s->logo_alt     ? s->logo_alt
                        : s->brand_name ? s->brand_name
                                        : gp_label(lc, "Logo"));
            gp_item *im = gp_block_push(lc, b, GP_ITEM_IMAGE);
            im->x = x + w - lw;
            im->y = y;
            im->w = lw;
            im->h = lh;
            im->u.image.kind = info.kind;
            im->u.image.path = s->brand_logo;
            im->u.image.alt = s->logo_alt ? s->logo_alt : s->brand_name;
            gp_emit_tag(lc, b, false, GP_TAG_FIGURE, NULL);
            text_w = w - lw - 16;
            logo_h = lh;
        } else {
            lc->failed = 1;
            return;
        }
    }
    const char *kicker = g->kicker.s;
    if (kicker && g->market.s)
        kicker = gp_arena_printf(lc->a, "%s \xC2\xB7 %s", kicker, g->market.s);
    else if (!kicker && g->market.s)
        kicker = g->market.s;
    if (kicker) {
        y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_KICKER), kicker, x, y, text_w, NULL,
                           g->kicker.pos);
        y += 6;
    }
    gp_emit_tag(lc, b, true, GP_TAG_H1, NULL);
    y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_H1), g->title.s, x, y, text_w, NULL, g->title.pos);
    gp_emit_tag(lc, b, false, GP_TAG_H1, NULL);
    if (y < pad + logo_h)
        y = pad + logo_h;
    if (g->summary.n_paras) {
        y += 10;
        y += gp_box_rich(lc, b, &g->summary, gp_ts(lc, GP_TS_SUMMARY), x, y, w, NULL);
    }
    /* personalisation */
    gp_buf who = {0};
    bool for_ = g->prepared_for.s && g->prepared_for.s[0];
    bool by = g->prepared_by.s && g->prepared_by.s[0];
    if (for_ && by)
        gp_buf_printf(&who, gp_label(lc, "Prepared for %s by %s"), g->prepared_for.s,
                      g->prepared_by.s);
    else if (for_)
        gp_buf_printf(&who, gp_label(lc, "Prepared for %s"), g->prepared_for.s);
    else if (by)
        gp_buf_printf(&who, gp_label(lc, "Prepared by %s"), g->prepared_by.s);
    if (g->date.s && g->date.s[0])
        gp_buf_printf(&who, "%s%s", who.len ? " \xC2\xB7 " : "", gp_label_date(lc, g->date.s));
    if (who.len) {
        y += 10;
        /* names keep their own case: the label style without capitals */
        gp_text_style ws = *gp_ts(lc, GP_TS_LABEL);
        ws.uppercase = false;
        ws.tracking = 0;
        ws.size *= 1.25;
        ws.leading *= 1.25;
        y += gp_text_plain(lc, b, &ws, who.data, x, y, w, NULL, g->prepared_for.pos);
    }
    gp_buf_free(&who);
    if (g->plan_line.s) { /* a dated plan: its start and expected end */
        gp_text_style ps = *gp_ts(lc, GP_TS_LABEL);
        ps.uppercase = false;
        ps.tracking = 0;
        ps.size *= 1.25;
        ps.leading *= 1.25;
        y += 4;
        y += gp_text_plain(lc, b, &ps, g->plan_line.s, x, y, w, NULL, g->plan_line.pos);
    }
    y += pad;
    gp_box_finish(b, box, y);
    if (!s->cover.rule.none) {
        gp_emit_rect(lc, b, lc->x0, y, lc->width, 2.5, s->cover.rule, (gp_color){0, 0, 0, true}, 0,
                     0);
        y += 2.5;
    }
    b->h = y;
    gp_block_end(lc, b, 0);
    stats_banner(lc);
    lc->pending = 6;
}
