/* layout/finalize.c - running headers and footers, filled in after
 * pagination from the finished display list (so "Page X of Y" needs no
 * second layout, as in Typst's pages/finalize.rs).
 *
 * Placeholders: {title} {from} {to} {page} {pages} {brand} {date}
 * {prepared_for} {prepared_by} {website} {contact}. A text whose placeholders all expand to
 * nothing is dropped whole, so "Prepared for {prepared_for}" vanishes from
 * a guide made for nobody in particular instead of printing a dangling
 * "Prepared for". When the style asks (header.logo, footer.logo), the
 * brand logo sits at the left end of the band, two text lines high, and
 * the left text moves right to make room for it. */
#include "layout/flow.h"

#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "layout/image.h"

static const char *value_of(gp_lctx *lc, const char *name, size_t len, size_t page, size_t pages,
                            char *num, size_t cap)
{
    const gp_guide *g = lc->g;
#define IS(s) (len == sizeof(s) - 1 && !memcmp(name, s, len))
    if (IS("page")) {
        snprintf(num, cap, "%zu", page);
        return num;
    }
    if (IS("pages")) {
        snprintf(num, cap, "%zu", pages);
        return num;
    }
    if (IS("title"))
        return g->title.s;
    if (IS("from"))
        return g->from.s;
    if (IS("to"))
        return g->to.s;
    if (IS("brand"))
        return lc->s->brand_name;
    if (IS("date"))
        return gp_format_date(lc->a, g->date.s);
    if (IS("prepared_for"))
        return g->prepared_for.s;
    if (IS("prepared_by"))
        return g->prepared_by.s;
    if (IS("website"))
        return lc->s->brand_website;
    if (IS("contact"))
        return lc->s->brand_contact;
#undef IS
    return NULL;
}

/* Expands a template; returns NULL when it should be dropped. */
static char *expand(gp_lctx *lc, const char *tpl, size_t page, size_t pages)
{
    if (!tpl || !tpl[0])
        return NULL;
    gp_buf b = {0};
    int placeholders = 0, empty = 0;
    for (const char *p = tpl; *p;) {
        const char *close = *p == '{' ? strchr(p, '}') : NULL;
        if (close) {
            char num[32];
            const char *v =
                value_of(lc, p + 1, (size_t)(close - p - 1), page, pages, num, sizeof num);
            placeholders++;
            if (!v || !v[0])
                empty++;
            else
                gp_buf_puts(&b, v);
            p = close + 1;
        } else {
            gp_buf_append(&b, p, 1);
            p++;
        }
    }
    if (placeholders && empty == placeholders) {
        gp_buf_free(&b);
        return NULL;
    }
    char *s = gp_arena_strdup(lc->a, b.data ? b.data : "");
    gp_buf_free(&b);
    return s;
}

/* A logo placed in a band: where, relative to the band's text line. */
typedef struct band_logo {
    const gp_image_info *info; /* NULL: no logo in this band */
    double y, w, h;            /* top, size (pt) */
} band_logo;

/* Sizes the band logo: two text lines high (at least 14pt), at most a third
 * of the text width wide, its bottom on the bottom of the band's text line
 * (header) or its top on the top of it (footer), and never closer than 4pt
 * to the paper edge. */
static band_logo place_logo(gp_lctx *lc, const gp_image_info *info, const gp_text_style *ts,
                            double text_y, bool header)
{
    band_logo bl = {0};
    if (!info || info->width <= 0 || info->height <= 0)
        return bl;
    double h = ts->leading * 2 > 14 ? ts->leading * 2 : 14;
    double room = header ? text_y + ts->leading - 4 : lc->page_h - 4 - text_y;
    if (h > room)
        h = room;
    double w = h * info->width / info->height;
    if (w > lc->width / 3) {
        w = lc->width / 3;
        h = w * info->height / info->width;
    }
    if (h <= 0)
        return bl;
    bl.info = info;
    bl.w = w;
    bl.h = h;
    bl.y = header ? text_y + ts->leading - h : text_y;
    return bl;
}

static void band(gp_lctx *lc, gp_page *page, const gp_running *r, const gp_text_style *ts, double y,
                 double rule_y, size_t index, size_t pages, const band_logo *logo, bool header)
{
    gp_block *b = gp_block_new_detached(lc);
    if (!b)
        return;
    gp_emit_tag(lc, b, true, GP_TAG_ARTIFACT, NULL);
    const char *texts[3] = {r->left, r->center, r->right};
    gp_align aligns[3] = {GP_ALIGN_LEFT, GP_ALIGN_CENTER, GP_ALIGN_RIGHT};
    bool any = false;
    double indent = 0;
    if (logo && logo->info) {
        gp_item *im = gp_block_push(lc, b, GP_ITEM_IMAGE);
        if (!im)
            return;
        im->x = lc->x0;
        im->y = logo->y;
        im->w = logo->w;
        im->h = logo->h;
        im->u.image.kind = logo->info->kind;
        im->u.image.path = lc->s->brand_logo;
        im->u.image.alt = lc->s->logo_alt;
        indent = logo->w + 8;
        any = true;
    }
    /* Each text is one line at its natural width (wrapped only when wider
     * than the band). Left sits at the left, right at the right, centre in
     * the middle, or in the middle of the room between them when centred
     * would touch one; a text that has no room on the first line goes on a
     * line of its own, below in a footer and above in a header, so the
     * three never overlap. */
    const double sep = 12;
    gp_tl *tl[3] = {0};
    double x[3] = {0}, w[3] = {0};
    int line[3] = {0}, nlines = 1;
    for (int k = 0; k < 3; k++) {
        char *t = expand(lc, texts[k], index + 1, pages);
        if (!t)
            continue;
        double avail = k == 0 ? lc->width - indent : lc->width;
        gp_text_style s = *ts;
        s.align = GP_ALIGN_LEFT;
        tl[k] = gp_tl_plain(lc, &s, t, 0, NULL, (gp_pos){0});
        if (tl[k] && gp_tl_width(tl[k]) > avail) {
            gp_tl_free(tl[k]);
            s.align = aligns[k];
            tl[k] = gp_tl_plain(lc, &s, t, avail, NULL, (gp_pos){0});
            w[k] = avail;
        } else if (tl[k]) {
            w[k] = gp_tl_width(tl[k]);
        }
        if (!tl[k]) {
            for (int j = 0; j < k; j++)
                gp_tl_free(tl[j]);
            lc->failed = 1;
            return;
        }
        any = true;
    }
    int after_left = tl[0] ? gp_tl_lines(tl[0]) : 0; /* first line free of the left text */
    if (tl[0])
        x[0] = lc->x0 + indent;
    if (tl[2]) {
        x[2] = lc->x0 + lc->width - w[2];
        if (tl[0] && x[0] + w[0] + sep > x[2])
            line[2] = after_left;
    }
    if (tl[1]) {
        double lo = tl[0] ? x[0] + w[0] + sep : lc->x0;
        double hi = tl[2] && line[2] == 0 ? x[2] - sep : lc->x0 + lc->width;
        x[1] = lc->x0 + (lc->width - w[1]) / 2;
        if (x[1] < lo || x[1] + w[1] > hi) {
            if (hi - lo >= w[1]) {
                x[1] = lo + (hi - lo - w[1]) / 2;
            } else {
                line[1] = after_left > line[2] + 1 ? after_left : line[2] + 1;
                x[1] = lc->x0 + (lc->width - w[1]) / 2;
            }
        }
    }
    for (int k = 0; k < 3; k++)
        if (tl[k] && line[k] + gp_tl_lines(tl[k]) > nlines)
            nlines = line[k] + gp_tl_lines(tl[k]);
    /* a header grows upwards, away from the body */
    double top = header ? y - (nlines - 1) * ts->leading : y;
    for (int k = 0; k < 3; k++) {
        if (!tl[k])
            continue;
        gp_tl_emit(lc, tl[k], b, x[k], top + line[k] * ts->leading);
        gp_tl_free(tl[k]);
    }
    if (any)
        gp_emit_line(lc, b, lc->x0, rule_y, lc->x0 + lc->width, rule_y, r->rule, 0.5);
    gp_emit_tag(lc, b, false, GP_TAG_ARTIFACT, NULL);
    for (size_t i = 0; i < b->n_items; i++) {
        gp_item *d = gp_page_push(lc->dl, page, b->items[i].kind);
        if (!d) {
            lc->failed = 1;
            return;
        }
        *d = b->items[i];
    }
}

int gp_finalize(gp_lctx *lc)
{
    const gp_style *s = lc->s;
    size_t pages = lc->dl->n_pages;
    const gp_text_style *hs = &s->text[GP_TS_HEADER], *fs = &s->text[GP_TS_FOOTER];
    double gap = s->header_gap > 0 ? s->header_gap : 10;
    double hy = s->margin_top - gap - hs->leading;
    if (hy < 4)
        hy = 4;
    double fy = lc->page_h - s->margin_bottom + gap;
    if (fy + fs->leading > lc->page_h - 4)
        fy = lc->page_h - 4 - fs->leading;
    /* The logo is probed once for the whole document. */
    gp_image_info info;
    bool have_logo = false;
    if (s->brand_logo && (s->header.logo || s->footer.logo)) {
        if (gp_image_probe(lc, s->brand_logo, s->brand_logo_pos, &info) != 0)
            return -1;
        have_logo = true;
    }
    band_logo hl = place_logo(lc, have_logo && s->header.logo ? &info : NULL, hs, hy, true);
    band_logo fl = place_logo(lc, have_logo && s->footer.logo ? &info : NULL, fs, fy, false);
    for (size_t i = 0; i < pages && !lc->failed; i++) {
        gp_page *page = &lc->dl->pages[i];
        if (i > 0 || s->header.first_page)
            band(lc, page, &s->header, hs, hy, s->margin_top - gap * 0.5, i, pages, &hl, true);
        if (i > 0 || s->footer.first_page)
            band(lc, page, &s->footer, fs, fy, lc->page_h - s->margin_bottom + gap * 0.5, i, pages,
                 &fl, false);
    }
    return lc->failed ? -1 : 0;
}
