/* layout/blocks/prose.c - the text-shaped sections: prose, lists
 * (numbered, bulleted, checklist), FAQ and the call-to-action panel. */
#include "layout/blocks/blocks.h"

#include <stdio.h>
#include <string.h>

void gp_build_prose(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    gp_flow_rich(lc, &sec->body, gp_ts(lc, GP_TS_BODY), lc->x0, lc->width, GP_TAG_P);
}

void gp_build_list(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    const gp_style *s = lc->s;
    const gp_text_style *body = gp_ts(lc, GP_TS_BODY);
    double indent = s->list.indent > 0 ? s->list.indent : 16;
    gp_color mark = s->list.bullet.none ? body->color : s->list.bullet;
    if (sec->list_style == GP_LIST_NUMBERED && indent < body->size * 2.2)
        indent = body->size * 2.2;
    for (size_t i = 0; i < sec->n_items && !lc->failed; i++) {
        gp_block *b = gp_block_start(lc, i == 0 ? 2 : 5);
        if (!b)
            return;
        b->keep_together = true;
        b->src = sec->items[i].pos;
        if (i == 0)
            gp_emit_tag(lc, b, true, GP_TAG_L, NULL);
        gp_emit_tag(lc, b, true, GP_TAG_LI, NULL);
        gp_emit_tag(lc, b, true, GP_TAG_LBL, NULL);
        double lead = body->leading;
        if (sec->list_style == GP_LIST_NUMBERED) {
            gp_text_style ns = *body;
            ns.weight = 700;
            ns.color = mark;
            char num[24];
            snprintf(num, sizeof num, "%zu", i + 1);
            gp_label_digits_buf(lc, num, sizeof num);
            gp_text_plain(lc, b, &ns, num, lc->x0, 0, 0, NULL, sec->items[i].pos);
        } else if (sec->list_style == GP_LIST_BULLETS) {
            double d = body->size * 0.4;
            gp_emit_rect(lc, b, lc->x0 + 2, (lead - d) / 2, d, d, mark, (gp_color){0, 0, 0, true},
                         0, d / 2);
        } else {
            double t = body->size * 0.95;
            gp_buf tip = {0}; /* the item's words, for the field's tooltip */
            for (size_t r = 0; sec->items[i].n_paras && r < sec->items[i].paras[0].n_runs; r++)
                gp_buf_puts(&tip, sec->items[i].paras[0].runs[r].text);
            gp_checkbox(lc, b, lc->x0, (lead - t) / 2, t, mark, "check", tip.data ? tip.data : "");
            gp_buf_free(&tip);
        }
        gp_emit_tag(lc, b, false, GP_TAG_LBL, NULL);
        gp_emit_tag(lc, b, true, GP_TAG_LBODY, NULL);
        b->h =
            gp_box_rich(lc, b, &sec->items[i], body, lc->x0 + indent, 0, lc->width - indent, NULL);
        gp_emit_tag(lc, b, false, GP_TAG_LBODY, NULL);
        gp_emit_tag(lc, b, false, GP_TAG_LI, NULL);
        if (i + 1 == sec->n_items)
            gp_emit_tag(lc, b, false, GP_TAG_L, NULL);
        gp_block_end(lc, b, i + 1 == sec->n_items ? body->space_after + 6 : 0);
    }
}

void gp_build_faq(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    const gp_style *s = lc->s;
    const gp_text_style *q = gp_ts(lc, GP_TS_H3);
    const gp_text_style *body = gp_ts(lc, GP_TS_BODY);
    double mark_w = s->faq.marker.none ? 0 : q->size * 1.6;
    for (size_t i = 0; i < sec->n_faqs && !lc->failed; i++) {
        const gp_faq *f = &sec->faqs[i];
        gp_block *b = gp_block_start(lc, i == 0 ? 2 : 10);
        if (!b)
            return;
        b->keep_together = true;
        b->src = f->pos;
        double y = 0;
        if (mark_w > 0) {
            gp_text_style ms = *q;
            ms.color = s->faq.marker;
            gp_text_plain(lc, b, &ms, "Q", lc->x0, 0, 0, NULL, f->pos);
        }
        gp_emit_tag(lc, b, true, GP_TAG_H3, NULL);
        y +=
            gp_text_plain(lc, b, q, f->q.s, lc->x0 + mark_w, y, lc->width - mark_w, NULL, f->q.pos);
        gp_emit_tag(lc, b, false, GP_TAG_H3, NULL);
        y += 3;
        y += gp_box_rich(lc, b, &f->a, body, lc->x0 + mark_w, y, lc->width - mark_w, NULL);
        if (i + 1 < sec->n_faqs) {
            y += 10;
            gp_emit_line(lc, b, lc->x0, y, lc->x0 + lc->width, y, s->faq.rule, 0.6);
        }
        b->h = y;
        gp_block_end(lc, b, i + 1 == sec->n_faqs ? body->space_after + 6 : 0);
    }
}

void gp_build_cta(gp_lctx *lc, const gp_section *sec)
{
    const gp_style *s = lc->s;
    const gp_box_style *bs = &s->cta.box;
    gp_block *b = gp_block_start(lc, gp_ts(lc, GP_TS_H2)->space_before);
    if (!b)
        return;
    b->keep_together = true;
    b->new_page = s->sections[GP_SEC_CTA].new_page;
    b->bookmark = sec->title.s;
    b->bookmark_level = 1;
    b->src = sec->pos;
    double pad = bs->padding > 0 ? bs->padding : 14;
    gp_color text = gp_contrast_text(lc, bs->background);
    size_t box = gp_box_begin(lc, b, bs, lc->x0, 0, lc->width);
    double x = lc->x0 + pad, w = lc->width - 2 * pad;
    double y = pad;
    gp_emit_tag(lc, b, true, GP_TAG_H2, NULL);
    y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_H2), sec->title.s, x, y, w, &text, sec->title.pos);
    gp_emit_tag(lc, b, false, GP_TAG_H2, NULL);
    y += 4;
    if (sec->intro.n_paras)
        y += gp_box_rich(lc, b, &sec->intro, gp_ts(lc, GP_TS_BODY), x, y, w, &text) + 4;
    y += gp_box_rich(lc, b, &sec->body, gp_ts(lc, GP_TS_BODY), x, y, w, &text);
    if (sec->link_text.s && sec->link_url.s) {
        y += 10;
        gp_text_style ls = *gp_ts(lc, GP_TS_BODY);
        ls.weight = 700;
        gp_color lcol = s->cta.link_color.none ? text : s->cta.link_color;
        gp_color bg = s->cta.link_background;
        gp_tl *t = gp_tl_plain(lc, &ls, sec->link_text.s, w - 24, &lcol, sec->link_text.pos);
        double bw = gp_tl_width(t) + 24, bh = gp_tl_height(t) + 12;
        gp_emit_tag(lc, b, true, GP_TAG_LINK, NULL);
        gp_emit_rect(lc, b, x, y, bw, bh, bg, (gp_color){0, 0, 0, true}, 0, bh / 2);
        gp_tl_emit(lc, t, b, x + 12, y + 6);
        gp_tl_free(t);
        gp_item *li = gp_block_push(lc, b, GP_ITEM_LINK);
        li->x = x;
        li->y = y;
        li->w = bw;
        li->h = bh;
        li->u.link.uri = sec->link_url.s;
        gp_emit_tag(lc, b, false, GP_TAG_LINK, NULL);
        y += bh;
        /* On paper a button cannot be clicked: print where it goes. */
        const char *shown = sec->link_url.s;
        if (!strncmp(shown, "https://", 8))
            shown += 8;
        else if (!strncmp(shown, "http://", 7))
            shown += 7;
        else if (!strncmp(shown, "mailto:", 7))
            shown += 7;
        y += 5;
        y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_CAPTION), shown, x, y, w, &text,
                           sec->link_url.pos);
    }
    if (sec->note.n_paras) {
        y += 8;
        y += gp_box_rich(lc, b, &sec->note, gp_ts(lc, GP_TS_CAPTION), x, y, w, &text);
    }
    y += pad;
    gp_box_finish(b, box, y);
    b->h = y;
    gp_block_end(lc, b, 8);
}
