/* layout/blocks/salary.c - the salary table (bands x roles) and its range
 * chart.
 *
 * The table is a header block plus one block per band row; rows are kept
 * together, share a group, and carry a copy of the header (with the table
 * title and "(continued)") that pagination repeats when the table runs
 * onto a new page. Money is formatted in the guide's currency
 * ("£32,000–£45,000", "£130,000+") with tabular figures (Noto Sans' default
 * digits are tabular), right-aligned so the columns line up. The chart
 * draws each role's range per band as a bar on one shared scale, with an
 * open-ended range fading out past its floor. */
#include "layout/blocks/blocks.h"

#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct table_geo {
    double x[8], w[8]; /* column left edges and widths: band + up to 7 roles */
    int n;
    double pad;
} table_geo;

static void geometry(const gp_lctx *lc, const gp_section *sec, table_geo *g)
{
    size_t roles = sec->n_roles > 7 ? 7 : sec->n_roles;
    g->n = (int)roles + 1;
    g->pad = lc->s->table.cell_padding;
    double first = lc->width * (roles <= 2 ? 0.28 : 0.22);
    double rest = (lc->width - first) / (double)(roles ? roles : 1);
    g->x[0] = lc->x0;
    g->w[0] = first;
    for (size_t i = 0; i < roles; i++) {
        g->x[i + 1] = lc->x0 + first + rest * (double)i;
        g->w[i + 1] = rest;
    }
}

/* A row: texts[0] left-aligned, the others right-aligned. */
static double row(gp_lctx *lc, gp_block *b, const table_geo *g, const char *const *texts,
                  const gp_text_style *ts, const gp_text_style *first_ts, gp_color fill,
                  const gp_color *color, bool header, double y)
{
    double pad = g->pad;
    double h = 0;
    gp_tl *t[8] = {0};
    for (int c = 0; c < g->n; c++) {
        gp_text_style s = c == 0 ? *first_ts : *ts;
        s.align = GP_ALIGN_LEFT;
        t[c] = gp_tl_plain(lc, &s, texts[c] ? texts[c] : "", g->w[c] - 2 * pad, color, (gp_pos){0});
        if (gp_tl_height(t[c]) > h)
            h = gp_tl_height(t[c]);
    }
    h += 2 * pad;
    gp_emit_rect(lc, b, lc->x0, y, lc->width, h, fill, (gp_color){0, 0, 0, true}, 0,
                 header ? 3 : 0);
    gp_emit_tag(lc, b, true, GP_TAG_TR, NULL);
    for (int c = 0; c < g->n; c++) {
        gp_tag cell = header || c == 0 ? GP_TAG_TH : GP_TAG_TD;
        gp_emit_tag(lc, b, true, cell, NULL);
        gp_tl_emit(lc, t[c], b, g->x[c] + pad, y + pad);
        gp_emit_tag(lc, b, false, cell, NULL);
        gp_tl_free(t[c]);
    }
    gp_emit_tag(lc, b, false, GP_TAG_TR, NULL);
    if (!header)
        gp_emit_line(lc, b, lc->x0, y + h, lc->x0 + lc->width, y + h, lc->s->table.rule, 0.6);
    return h;
}

static gp_block *header_block(gp_lctx *lc, const gp_section *sec, const table_geo *g,
                              bool continued)
{
    gp_block *b = continued ? gp_block_new_detached(lc) : gp_block_start(lc, 4);
    if (!b)
        return NULL;
    double y = 0;
    if (continued) {
        char *t = gp_arena_printf(lc->a, gp_label(lc, GP_L_CONTINUED), sec->title.s);
        y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_CAPTION), t, lc->x0, 0, lc->width, NULL,
                           sec->title.pos);
        y += 4;
    }
    const char *texts[8] = {""};
    for (int c = 1; c < g->n; c++)
        texts[c] = sec->roles[c - 1].name.s;
    const gp_text_style *hs = gp_ts(lc, GP_TS_TABLE_HEADER);
    gp_color hc = lc->s->table.header_color.none ? hs->color : lc->s->table.header_color;
    if (!continued) /* the header row belongs to the table (tagged PDF) */
        gp_emit_tag(lc, b, true, GP_TAG_TABLE, NULL);
    y += row(lc, b, g, texts, hs, hs, lc->s->table.header_background, &hc, true, y);
    b->h = y;
    b->keep_together = true;
    b->keep_with_next = !continued;
    return b;
}

static double nice_step(double range)
{
    double raw = range / 5;
    double mag = pow(10, floor(log10(raw)));
    double n = raw / mag;
    return (n < 1.5 ? 1 : n < 3.5 ? 2.5 : n < 7.5 ? 5 : 10) * mag;
}

static void short_money(char *buf, size_t cap, double v, const char *currency)
{
    char full[64];
    gp_money_format(full, sizeof full, 0, currency);
    /* full is e.g. "£0": keep the symbol part */
    size_t sym = strcspn(full, "0");
    if (v >= 1000 && fmod(v, 1000) == 0)
        snprintf(buf, cap, "%.*s%.0fk", (int)sym, full, v / 1000);
    else
        gp_money_format(buf, cap, v, currency);
}

static void chart(gp_lctx *lc, const gp_section *sec)
{
    const gp_style *s = lc->s;
    if (!s->table.chart || sec->n_roles == 0 || sec->n_bands == 0)
        return;
    double maxv = 0;
    for (size_t r = 0; r < sec->n_roles; r++)
        for (size_t k = 0; k < sec->roles[r].n_ranges; k++) {
            const gp_range *rg = &sec->roles[r].ranges[k];
            double top = rg->open_ended ? rg->max * 1.12 : rg->max;
            if (top > maxv)
                maxv = top;
        }
    if (maxv <= 0)
        return;
    double step = nice_step(maxv);
    double scale_max = ceil(maxv / step) * step;
    const char *cur = lc->g->currency.s ? lc->g->currency.s : "GBP";

    gp_block *b = gp_block_start(lc, 26);
    if (!b)
        return;
    b->keep_together = true;
    b->src = sec->pos;
    /* alt text from the data */
    gp_buf alt = {0};
    gp_buf_puts(&alt, "Salary ranges by band:");
    for (size_t r = 0; r < sec->n_roles; r++)
        for (size_t k = 0; k < sec->roles[r].n_ranges && k < sec->n_bands; k++) {
            char m[96];
            gp_range_format(m, sizeof m, &sec->roles[r].ranges[k], cur);
            gp_buf_printf(&alt, " %s %s %s;", sec->roles[r].name.s, sec->bands[k].s, m);
        }
    const char *alt_text = gp_arena_strdup(lc->a, alt.data ? alt.data : "");
    gp_buf_free(&alt);
    gp_emit_tag(lc, b, true, GP_TAG_FIGURE, alt_text);

    const gp_text_style *cap = gp_ts(lc, GP_TS_CAPTION);
    const gp_text_style *lab = gp_ts(lc, GP_TS_LABEL);
    double y = 0;
    y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_H3), gp_label(lc, GP_L_SALARY_AT_A_GLANCE), lc->x0, y,
                       lc->width, NULL, sec->pos);
    y += 6;
    /* legend */
    double lx = lc->x0;
    for (size_t r = 0; r < sec->n_roles; r++) {
        gp_color c = s->table.n_chart_colors ? s->table.chart_colors[r % s->table.n_chart_colors]
                                             : gp_ts(lc, GP_TS_BODY)->color;
        gp_emit_rect(lc, b, lx, y + cap->leading / 2 - 4, 8, 8, c, (gp_color){0, 0, 0, true}, 0, 2);
        gp_tl *t = gp_tl_plain(lc, cap, sec->roles[r].name.s, 0, NULL, sec->roles[r].name.pos);
        gp_tl_emit(lc, t, b, lx + 12, y);
        lx += 12 + gp_tl_width(t) + 16;
        gp_tl_free(t);
    }
    y += cap->leading + 8;
    double label_w = lc->width * 0.2;
    double px0 = lc->x0 + label_w, pw = lc->width - label_w - 4;
    double bar = s->table.chart_bar_height;
    double top = y;
    for (size_t k = 0; k < sec->n_bands; k++) {
        double group_h = (double)sec->n_roles * (bar + 3) + 8;
        gp_tl *t = gp_tl_plain(lc, lab, sec->bands[k].s, label_w - 8, NULL, sec->bands[k].pos);
        gp_tl_emit(lc, t, b, lc->x0, y + (group_h - 8 - gp_tl_height(t)) / 2);
        gp_tl_free(t);
        for (size_t r = 0; r < sec->n_roles; r++) {
            if (k >= sec->roles[r].n_ranges)
                continue;
            const gp_range *rg = &sec->roles[r].ranges[k];
            gp_color c = s->table.n_chart_colors
                             ? s->table.chart_colors[r % s->table.n_chart_colors]
                             : gp_ts(lc, GP_TS_BODY)->color;
            double x1 = px0 + pw * rg->min / scale_max, x2 = px0 + pw * rg->max / scale_max;
            if (x2 - x1 < bar)
                x2 = x1 + bar;
            double by = y + (double)r * (bar + 3);
            gp_emit_rect(lc, b, x1, by, x2 - x1, bar, c, (gp_color){0, 0, 0, true}, 0, bar / 2);
            if (rg->open_ended) {
                /* open-ended: a fading tail of three steps past the floor */
                double tail = pw * 0.1;
                for (int q = 0; q < 3; q++) {
                    double a = 0.55 - q * 0.17;
                    gp_color f = {c.r + (1 - c.r) * (1 - a), c.g + (1 - c.g) * (1 - a),
                                  c.b + (1 - c.b) * (1 - a), false};
                    gp_emit_rect(lc, b, x2 - bar / 2 + q * tail / 3, by, tail / 3 + bar / 2, bar, f,
                                 (gp_color){0, 0, 0, true}, 0, q == 2 ? bar / 2 : 0);
                }
            }
        }
        y += group_h;
        gp_block_break(lc, b, y - 4); /* a last-resort cut between bands */
    }
    /* axis */
    double axis_y = y;
    gp_emit_line(lc, b, px0, top - 4, px0, axis_y, s->table.rule, 0.6);
    /* Labels under the grid lines; with large text on a narrow chart a
     * label that would touch its neighbour is left out (the first and the
     * last always show). */
    enum { MAX_TICKS = 32 };
    gp_tl *tick[MAX_TICKS] = {0};
    double tx[MAX_TICKS], tw[MAX_TICKS];
    int nt = 0;
    for (double v = 0; v <= scale_max + 1e-6 && nt < MAX_TICKS; v += step) {
        double x = px0 + pw * v / scale_max;
        if (v > 0)
            gp_emit_line(lc, b, x, top - 4, x, axis_y, s->table.rule, 0.35);
        char m[48];
        short_money(m, sizeof m, v, cur);
        tick[nt] = gp_tl_plain(lc, cap, m, 0, NULL, sec->pos);
        tw[nt] = gp_tl_width(tick[nt]);
        tx[nt] = x - tw[nt] / 2;
        if (tx[nt] + tw[nt] > lc->x0 + lc->width)
            tx[nt] = lc->x0 + lc->width - tw[nt];
        nt++;
    }
    double shown_right = -1e9;
    for (int i = 0; i < nt; i++) {
        bool last = i == nt - 1;
        bool fits = tx[i] >= shown_right + 4 && (last || i == 0 || tx[i] + tw[i] + 4 <= tx[nt - 1]);
        if (tick[i] && fits) {
            gp_tl_emit(lc, tick[i], b, tx[i], axis_y + 3);
            shown_right = tx[i] + tw[i];
        }
        gp_tl_free(tick[i]);
    }
    y = axis_y + 3 + cap->leading;
    gp_emit_tag(lc, b, false, GP_TAG_FIGURE, NULL);
    b->h = y;
    gp_block_end(lc, b, 12);
}

void gp_build_salary(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    table_geo g;
    geometry(lc, sec, &g);
    int group = ++lc->next_group;
    gp_block *head = header_block(lc, sec, &g, false);
    if (!head)
        return;
    head->group = group;
    gp_block *repeat = header_block(lc, sec, &g, true);
    gp_block_end(lc, head, 0);
    const char *cur = lc->g->currency.s ? lc->g->currency.s : "GBP";
    const gp_text_style *ts = gp_ts(lc, GP_TS_TABLE);
    gp_text_style band_ts = *ts;
    band_ts.weight = 700;
    gp_block *last = NULL;
    for (size_t k = 0; k < sec->n_bands && !lc->failed; k++) {
        gp_block *b = gp_block_start(lc, 0);
        if (!b)
            return;
        b->keep_together = true;
        b->group = group;
        b->repeat = repeat;
        b->src = sec->bands[k].pos;
        const char *texts[8];
        char money[7][96];
        texts[0] = sec->bands[k].s;
        for (int c = 1; c < g.n; c++) {
            const gp_salary_role *r = &sec->roles[c - 1];
            money[c - 1][0] = '\0';
            if (k < r->n_ranges)
                gp_range_format(money[c - 1], sizeof money[0], &r->ranges[k], cur);
            texts[c] = money[c - 1];
        }
        gp_color fill = k % 2 == 1 ? lc->s->table.zebra : (gp_color){0, 0, 0, true};
        b->h = row(lc, b, &g, texts, ts, &band_ts, fill, NULL, false, 0);
        last = b;
        gp_block_end(lc, b, 0);
    }
    if (last)
        gp_emit_tag(lc, last, false, GP_TAG_TABLE, NULL);
    lc->pending = 6;
    chart(lc, sec);
    if (sec->body.n_paras)
        gp_flow_rich(lc, &sec->body, gp_ts(lc, GP_TS_BODY), lc->x0, lc->width, GP_TAG_P);
}
