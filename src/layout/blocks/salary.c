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
#include "model/money.h"

#include "base/util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_COLS 8 /* band + up to 7 roles in one table */

typedef struct table_geo {
    double x[MAX_COLS], w[MAX_COLS]; /* column left edges and widths */
    int n;                           /* columns: band + roles of this table */
    size_t first_role;               /* index of the first role shown */
    double pad;
    gp_text_style ts, band_ts, hs; /* cell, band column and header styles */
} table_geo;

/* The widest unbreakable piece of a money cell: a range may break only
 * after its dash, so "£20,000–" and "£30,000+" are the pieces. */
static double money_min_width(gp_lctx *lc, const gp_text_style *ts, const gp_section *sec,
                              const char *cur, double *whole)
{
    double piece = 0;
    *whole = 0;
    for (size_t r = 0; r < sec->n_roles; r++)
        for (size_t k = 0; k < sec->roles[r].n_ranges; k++) {
            char m[96];
            gp_range_format(m, sizeof m, &sec->roles[r].ranges[k], cur);
            gp_tl *t = gp_tl_plain(lc, ts, m, 0, NULL, (gp_pos){0});
            if (!t)
                return piece;
            if (gp_tl_width(t) > *whole)
                *whole = gp_tl_width(t);
            gp_tl_free(t);
            const char *dash = strstr(m, "\xE2\x80\x93");
            size_t cutat = dash ? (size_t)(dash - m) + 3 : strlen(m);
            char head[96];
            snprintf(head, sizeof head, "%.*s", (int)cutat, m);
            const char *parts[2] = {head, dash ? m + cutat : ""};
            for (int q = 0; q < 2; q++) {
                if (!parts[q][0])
                    continue;
                t = gp_tl_plain(lc, ts, parts[q], 0, NULL, (gp_pos){0});
                if (!t)
                    return piece;
                if (gp_tl_width(t) > piece)
                    piece = gp_tl_width(t);
                gp_tl_free(t);
            }
        }
    return piece;
}

/* How many role columns one table holds, and at what text size: a column
 * must hold the widest unbreakable piece of money (whole figures when
 * possible). A table too narrow even for one role shrinks its text, down
 * to 75%, rather than break a figure. */
static size_t plan_tables(gp_lctx *lc, const gp_section *sec, gp_text_style *ts,
                          gp_text_style *band_ts, gp_text_style *hs)
{
    const char *cur = lc->g->currency.s ? lc->g->currency.s : "GBP";
    double pad = lc->s->table.cell_padding;
    double base = ts->size;
    size_t roles = sec->n_roles ? sec->n_roles : 1;
    for (int step = 0; step <= 5; step++) {
        double f = 1 - 0.05 * step; /* 100% .. 75% */
        gp_text_style t = *ts;
        t.size = base * f;
        t.leading = ts->leading * f;
        double whole = 0;
        double piece = money_min_width(lc, &t, sec, cur, &whole) + 2 * pad + 1;
        double first = lc->width * (roles <= 2 ? 0.28 : 0.22);
        double avail = lc->width - first;
        size_t per = (size_t)(avail / (whole + 2 * pad + 1)); /* whole figures */
        if (per < 1)
            per = (size_t)(avail / piece); /* breaking after the dash */
        if (per >= 1 || step == 5) {
            if (per < 1)
                per = 1;
            if (per > MAX_COLS - 1)
                per = MAX_COLS - 1;
            if (step) {
                *ts = t;
                band_ts->size *= f;
                band_ts->leading *= f;
                hs->size *= f;
                hs->leading *= f;
            }
            return per;
        }
    }
    return 1;
}

static void geometry(const gp_lctx *lc, size_t first_role, size_t roles, size_t all_roles,
                     table_geo *g)
{
    g->n = (int)roles + 1;
    g->first_role = first_role;
    g->pad = lc->s->table.cell_padding;
    /* every table of a split set keeps the same band column */
    double first = lc->width * (all_roles <= 2 ? 0.28 : 0.22);
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
                  const gp_pos *pos, const gp_text_style *ts, const gp_text_style *first_ts,
                  gp_color fill, const gp_color *color, bool header, double y)
{
    double pad = g->pad;
    double h = 0;
    gp_tl *t[MAX_COLS] = {0};
    for (int c = 0; c < g->n; c++) {
        gp_text_style s = c == 0 ? *first_ts : *ts;
        s.align = GP_ALIGN_LEFT;
        t[c] = gp_tl_plain(lc, &s, texts[c] ? texts[c] : "", g->w[c] - 2 * pad, color, pos[c]);
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
                              bool continued, double space_before)
{
    gp_block *b = continued ? gp_block_new_detached(lc) : gp_block_start(lc, space_before);
    if (!b)
        return NULL;
    double y = 0;
    if (continued) {
        char *t = gp_arena_printf(lc->a, gp_label(lc, "%s (continued)"), sec->title.s);
        y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_CAPTION), t, lc->x0, 0, lc->width, NULL,
                           sec->title.pos);
        y += 4;
    }
    const char *texts[MAX_COLS] = {""};
    gp_pos pos[MAX_COLS] = {{0}};
    for (int c = 1; c < g->n; c++) {
        texts[c] = sec->roles[g->first_role + (size_t)c - 1].name.s;
        pos[c] = sec->roles[g->first_role + (size_t)c - 1].name.pos;
    }
    const gp_text_style *hs = &g->hs;
    gp_color hc = lc->s->table.header_color.none ? hs->color : lc->s->table.header_color;
    if (!continued) /* the header row belongs to the table (tagged PDF) */
        gp_emit_tag(lc, b, true, GP_TAG_TABLE, NULL);
    y += row(lc, b, g, texts, pos, hs, hs, lc->s->table.header_background, &hc, true, y);
    b->h = y;
    b->keep_together = true;
    b->keep_with_next = !continued;
    return b;
}

/* The colour of chart series r: the style's chart colours first, then
 * colours derived from them (hue turned by the golden angle, lightness
 * alternating), or shades of grey for a style whose colours are grey, so
 * no two of the first dozen series share a colour. */
gp_color gp_chart_color(const gp_style *s, size_t r, gp_color fallback)
{
    size_t n = s->table.n_chart_colors;
    if (n && r < n)
        return s->table.chart_colors[r];
    gp_color base = n ? s->table.chart_colors[0] : fallback;
    double mx = fmax(base.r, fmax(base.g, base.b)), mn = fmin(base.r, fmin(base.g, base.b));
    double l = (mx + mn) / 2, d = mx - mn;
    size_t k = r - n; /* derived colours: 0, 1, ... */
    if (d < 0.08) {   /* grey: spread lightness between 0.12 and 0.72 */
        static const double levels[] = {0.45, 0.25, 0.62, 0.35, 0.55, 0.18, 0.68, 0.3, 0.5, 0.4};
        double v = levels[k % (sizeof levels / sizeof levels[0])];
        return (gp_color){v, v, v, false};
    }
    double h = 0;
    if (mx == base.r)
        h = fmod((base.g - base.b) / d, 6);
    else if (mx == base.g)
        h = (base.b - base.r) / d + 2;
    else
        h = (base.r - base.g) / d + 4;
    h = fmod(h * 60 + 137.508 * (double)(k + 1) + 720, 360);
    double sat = 0.55;
    l = (k % 2) ? 0.58 : 0.36;
    double c = (1 - fabs(2 * l - 1)) * sat;
    double x = c * (1 - fabs(fmod(h / 60, 2) - 1));
    double m = l - c / 2;
    double rr = 0, gg = 0, bb = 0;
    if (h < 60)
        rr = c, gg = x;
    else if (h < 120)
        rr = x, gg = c;
    else if (h < 180)
        gg = c, bb = x;
    else if (h < 240)
        gg = x, bb = c;
    else if (h < 300)
        rr = x, bb = c;
    else
        rr = c, bb = x;
    return (gp_color){rr + m, gg + m, bb + m, false};
}

/* The second cue of a chart series, after its colour: a marker shape drawn
 * in the text colour at the start of every bar and in the legend, so the
 * chart reads in grey print and without colour vision. Ten shapes: five
 * outlines filled white and five solid. */
static void series_marker(gp_lctx *lc, gp_block *b, size_t r, double x, double y, double d,
                          gp_color ink)
{
    int shape = (int)(r % 5);
    bool solid = (r / 5) % 2 == 1;
    gp_color white = {1, 1, 1, false};
    gp_color fill = solid ? ink : white;
    if (shape == 0 || shape == 1) { /* circle, square */
        gp_emit_rect(lc, b, x, y, d, d, fill, ink, 0.8, shape == 0 ? d / 2 : 0);
        return;
    }
    static const double pts[3][4][2] = {
        {{0.5, 0}, {1, 0.5}, {0.5, 1}, {0, 0.5}}, /* diamond */
        {{0.5, 0}, {1, 1}, {0, 1}, {0, 1}},       /* triangle up */
        {{0, 0}, {1, 0}, {0.5, 1}, {0.5, 1}},     /* triangle down */
    };
    const double(*p)[2] = pts[shape - 2];
    int np = shape == 2 ? 4 : 3;
    gp_item *it = gp_emit_path(lc, b, (size_t)np + 1);
    if (!it || it->u.path.n_segs != (size_t)np + 1)
        return;
    for (int i = 0; i < np; i++) {
        it->u.path.segs[i].op = i ? GP_PATH_LINE : GP_PATH_MOVE;
        it->u.path.segs[i].pts[0] = x + p[i][0] * d;
        it->u.path.segs[i].pts[1] = y + p[i][1] * d;
    }
    it->u.path.segs[np].op = GP_PATH_CLOSE;
    it->u.path.fill = fill;
    it->u.path.stroke = ink;
    it->u.path.line_width = 0.8;
    it->x = x;
    it->y = y;
    it->w = d;
    it->h = d;
}

static double nice_step(double range)
{
    double raw = range / 5;
    double mag = pow(10, floor(log10(raw)));
    double n = raw / mag;
    return (n < 1.5 ? 1 : n < 3.5 ? 2.5 : n < 7.5 ? 5 : 10) * mag;
}

/* A chart tick: "£40k" (English), "40 tys. zł" (Polish): the amount in
 * thousands as the language writes money, the catalogue's thousands mark
 * after its last digit. */
static void short_money(const gp_lctx *lc, char *buf, size_t cap, double v, const char *currency)
{
    if (v >= 1000 && fmod(v, 1000) == 0) {
        char m[96];
        gp_money_format_l(m, sizeof m, v / 1000, currency, gp_doc_lang(lc), false);
        size_t last = 0;
        for (size_t i = 0; m[i]; i++)
            if (m[i] >= '0' && m[i] <= '9')
                last = i + 1;
        if (snprintf(buf, cap, "%.*s%s%s", (int)last, m, gp_label(lc, "k"), m + last) >= (int)cap)
            gp_label_money(lc, buf, cap, v, currency); /* no room: the full amount */
        else
            gp_label_digits_buf(lc, buf, cap);
    } else {
        gp_label_money(lc, buf, cap, v, currency);
    }
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
    gp_buf_puts(&alt, gp_label(lc, "Salary ranges by band:"));
    for (size_t r = 0; r < sec->n_roles; r++)
        for (size_t k = 0; k < sec->roles[r].n_ranges && k < sec->n_bands; k++) {
            char m[96];
            gp_label_range(lc, m, sizeof m, &sec->roles[r].ranges[k], cur);
            gp_buf_printf(&alt, " %s %s %s;", sec->roles[r].name.s, sec->bands[k].s, m);
        }
    const char *alt_text = gp_arena_strdup(lc->a, alt.data ? alt.data : "");
    gp_buf_free(&alt);
    gp_emit_tag(lc, b, true, GP_TAG_FIGURE, alt_text);

    const gp_text_style *cap = gp_ts(lc, GP_TS_CAPTION);
    const gp_text_style *lab = gp_ts(lc, GP_TS_LABEL);
    double y = 0;
    y += gp_text_plain(lc, b, gp_ts(lc, GP_TS_H3), gp_label(lc, "Salary ranges at a glance"),
                       lc->x0, y, lc->width, NULL, sec->pos);
    y += 6;
    /* legend: swatch, marker and name per role, wrapping onto more lines */
    gp_color ink = gp_ts(lc, GP_TS_BODY)->color;
    double lx = lc->x0;
    double md = cap->size * 0.8;
    for (size_t r = 0; r < sec->n_roles; r++) {
        gp_color c = gp_chart_color(s, r, ink);
        gp_tl *t = gp_tl_plain(lc, cap, sec->roles[r].name.s, 0, NULL, sec->roles[r].name.pos);
        if (!t)
            return;
        double ew = 12 + md + 4 + gp_tl_width(t);
        if (lx > lc->x0 && lx + ew > lc->x0 + lc->width) {
            lx = lc->x0;
            y += cap->leading + 2;
        }
        gp_emit_rect(lc, b, lx, y + cap->leading / 2 - 4, 8, 8, c, (gp_color){0, 0, 0, true}, 0, 2);
        series_marker(lc, b, r, lx + 12, y + (cap->leading - md) / 2, md, ink);
        gp_tl_emit(lc, t, b, lx + 12 + md + 4, y);
        lx += ew + 16;
        gp_tl_free(t);
    }
    y += cap->leading + 8;
    /* the band labels' column: wide enough for the longest label on one
     * line (up to a third of the width; longer ones wrap, and their band
     * grows to hold them) */
    double label_w = lc->width * 0.2;
    for (size_t k = 0; k < sec->n_bands; k++) {
        gp_tl *t = gp_tl_plain(lc, lab, sec->bands[k].s, 0, NULL, sec->bands[k].pos);
        if (t && gp_tl_width(t) + 8 > label_w)
            label_w = gp_tl_width(t) + 8;
        gp_tl_free(t);
    }
    if (label_w > lc->width / 3)
        label_w = lc->width / 3;
    double bar = s->table.chart_bar_height;
    /* room left of the plot for the series markers */
    double px0 = lc->x0 + label_w + bar + 3, pw = lc->width - label_w - bar - 7;
    double top = y;
    for (size_t k = 0; k < sec->n_bands; k++) {
        double group_h = (double)sec->n_roles * (bar + 3) + 8;
        gp_tl *t = gp_tl_plain(lc, lab, sec->bands[k].s, label_w - 8, NULL, sec->bands[k].pos);
        if (t && gp_tl_height(t) + 8 > group_h)
            group_h = gp_tl_height(t) + 8;
        gp_tl_emit(lc, t, b, lc->x0, y + (group_h - 8 - gp_tl_height(t)) / 2);
        gp_tl_free(t);
        for (size_t r = 0; r < sec->n_roles; r++) {
            if (k >= sec->roles[r].n_ranges)
                continue;
            const gp_range *rg = &sec->roles[r].ranges[k];
            gp_color c = gp_chart_color(s, r, ink);
            double x1 = px0 + pw * rg->min / scale_max, x2 = px0 + pw * rg->max / scale_max;
            if (x2 - x1 < bar)
                x2 = x1 + bar;
            double by = y + (double)r * (bar + 3);
            gp_emit_rect(lc, b, x1, by, x2 - x1, bar, c, (gp_color){0, 0, 0, true}, 0, bar / 2);
            series_marker(lc, b, r, x1 - bar - 2, by, bar, ink);
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
        char m[96];
        short_money(lc, m, sizeof m, v, cur);
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

/* One table of roles [first, first + n): a header block, one block per
 * band row, kept by the pagination rules (two rows at least on each side
 * of a break, a short table whole). Returns the last row block. */
static gp_block *table(gp_lctx *lc, const gp_section *sec, const table_geo *g, double space_before)
{
    int group = ++lc->next_group;
    gp_block *head = header_block(lc, sec, g, false, space_before);
    if (!head)
        return NULL;
    head->group = group;
    size_t head_idx = lc->flow.n - 1;
    gp_block *repeat = header_block(lc, sec, g, true, 0);
    gp_block_end(lc, head, 0);
    const char *cur = lc->g->currency.s ? lc->g->currency.s : "GBP";
    gp_block *last = NULL;
    for (size_t k = 0; k < sec->n_bands && !lc->failed; k++) {
        gp_block *b = gp_block_start(lc, 0);
        if (!b)
            return NULL;
        b->keep_together = true;
        b->group = group;
        b->repeat = repeat;
        b->src = sec->bands[k].pos;
        const char *texts[MAX_COLS];
        gp_pos pos[MAX_COLS] = {{0}};
        char money[MAX_COLS][96];
        texts[0] = sec->bands[k].s;
        pos[0] = sec->bands[k].pos;
        for (int c = 1; c < g->n; c++) {
            const gp_salary_role *r = &sec->roles[g->first_role + (size_t)c - 1];
            money[c - 1][0] = '\0';
            if (k < r->n_ranges) {
                gp_label_range(lc, money[c - 1], sizeof money[0], &r->ranges[k], cur);
                pos[c] = r->ranges[k].pos;
            }
            texts[c] = money[c - 1];
        }
        gp_color fill = k % 2 == 1 ? lc->s->table.zebra : (gp_color){0, 0, 0, true};
        b->h = row(lc, b, g, texts, pos, &g->ts, &g->band_ts, fill, NULL, false, 0);
        last = b;
        gp_block_end(lc, b, 0);
    }
    if (!last)
        return NULL;
    gp_emit_tag(lc, last, false, GP_TAG_TABLE, NULL);
    gp_keep_table(lc, head_idx, lc->flow.n - head_idx);
    return last;
}

void gp_build_salary(gp_lctx *lc, const gp_section *sec)
{
    gp_section_heading(lc, sec);
    table_geo g;
    g.ts = *gp_ts(lc, GP_TS_TABLE);
    g.band_ts = g.ts;
    g.band_ts.weight = 700;
    g.hs = *gp_ts(lc, GP_TS_TABLE_HEADER);
    size_t per = plan_tables(lc, sec, &g.ts, &g.band_ts, &g.hs);
    size_t n_roles = sec->n_roles;
    /* Roles that do not fit one table go into further tables of about the
     * same size, each repeating the band column: no role is ever left out. */
    size_t n_tables = n_roles ? (n_roles + per - 1) / per : 1;
    size_t first_table = lc->flow.n, last_table = lc->flow.n;
    for (size_t t = 0, done = 0; t < n_tables && !lc->failed; t++) {
        last_table = lc->flow.n;
        size_t left = n_roles - done, tables_left = n_tables - t;
        size_t n = n_roles ? (left + tables_left - 1) / tables_left : 0;
        geometry(lc, done, n, n_roles, &g);
        if (!table(lc, sec, &g, t ? 10 : 4))
            return;
        done += n;
    }
    size_t tables_end = lc->flow.n;
    lc->pending = 6;
    chart(lc, sec);
    /* the table (all of its parts) is kept with its chart when both fit */
    if (lc->s->breaks.table_with_chart && lc->flow.n > tables_end) {
        /* or at least the last of several tables with it */
        if (last_table != first_table)
            gp_keep_run(lc, last_table, lc->flow.n - last_table);
        gp_keep_run(lc, first_table, lc->flow.n - first_table);
    }
    if (sec->body.n_paras)
        gp_flow_rich(lc, &sec->body, gp_ts(lc, GP_TS_BODY), lc->x0, lc->width, GP_TAG_P);
}
