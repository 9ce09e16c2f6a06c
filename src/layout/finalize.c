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
#include "layout/labels.h"

static const char *value_of(gp_lctx *lc, const char *name, size_t len, size_t page, size_t pages,
                            char *num, size_t cap)
{
    const gp_guide *g = lc->g;
#define IS(s) (len == sizeof(s) - 1 && !memcmp(name, s, len))
    if (IS("page")) {
        snprintf(num, cap, "%zu", page);
        gp_label_digits_buf(lc, num, cap);
        return num;
    }
    if (IS("pages")) {
        snprintf(num, cap, "%zu", pages);
        gp_label_digits_buf(lc, num, cap);
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
        return gp_label_date(lc, g->date.s);
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
    /* The shipped styles' templates are catalogue messages ("Page {page}
     * of {pages}"): in the guide's language, or as `labels:` words them. */
    tpl = gp_label(lc, tpl);
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

/* text shortened to at most width pt with a trailing ellipsis, as one
 * line (NULL when memory runs out). Cuts at character boundaries, and
 * drops the spaces before the ellipsis. */
static gp_tl *ellipsize(gp_lctx *lc, const gp_text_style *ts, const char *text, double width)
{
    size_t len = strlen(text);
    size_t lo = 0, hi = len; /* byte counts; lo always fits */
    gp_tl *best = NULL;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        while (mid > lo && ((unsigned char)text[mid] & 0xC0) == 0x80)
            mid--; /* a character boundary */
        if (mid == lo) {
            size_t up = lo + 1;
            while (up < hi && ((unsigned char)text[up] & 0xC0) == 0x80)
                up++;
            mid = up;
        }
        size_t keep = mid;
        while (keep > 0 && text[keep - 1] == ' ')
            keep--;
        char *t = gp_arena_printf(lc->a, "%.*s\u2026", (int)keep, text);
        gp_tl *tl = t ? gp_tl_plain(lc, ts, t, 0, NULL, (gp_pos){0}) : NULL;
        if (!tl)
            break;
        if (gp_tl_width(tl) <= width + 0.01) {
            gp_tl_free(best);
            best = tl;
            lo = mid;
        } else {
            gp_tl_free(tl);
            hi = mid - 1;
            while (hi > lo && ((unsigned char)text[hi] & 0xC0) == 0x80)
                hi--;
        }
    }
    if (!best)
        best = gp_tl_plain(lc, ts, "\u2026", 0, NULL, (gp_pos){0});
    return best;
}

static void band(gp_lctx *lc, gp_page *page, const gp_running *r, const gp_text_style *ts, double y,
                 double rule_y, size_t index, size_t pages, const band_logo *logo, bool rtl)
{
    gp_block *b = gp_block_new_detached(lc);
    if (!b)
        return;
    gp_emit_tag(lc, b, true, GP_TAG_ARTIFACT, NULL);
    const char *texts[3] = {r->left, r->center, r->right};
    bool any = false;
    double indent = 0;
    if (logo && logo->info) {
        gp_item *im = gp_block_push(lc, b, GP_ITEM_IMAGE);
        if (!im)
            return;
        /* the logo sits at the start side: the right in RTL documents */
        im->x = rtl ? lc->x0 + lc->width - logo->w : lc->x0;
        im->y = logo->y;
        im->w = logo->w;
        im->h = logo->h;
        im->u.image.kind = logo->info->kind;
        im->u.image.path = lc->s->brand_logo;
        im->u.image.alt = lc->s->logo_alt;
        indent = logo->w + 8;
        any = true;
    }
    /* Each text is one line at its natural width. When the three do not
     * fit side by side, the widest is shortened with an ellipsis (again
     * and again, down to 36pt each), so a band is always one line that
     * stays on the page and never overlaps the logo or its neighbours.
     * Left sits at the left, right at the right, centre in the middle, or
     * in the middle of the room between them when centred would touch
     * one. In right-to-left documents the whole band is mirrored: text
     * boxes by gp_tl_emit, the logo here. */
    const double sep = 12, min_w = 36;
    char *txt[3] = {0};
    gp_tl *tl[3] = {0};
    double x[3] = {0}, w[3] = {0};
    gp_text_style s1 = *ts;
    s1.align = GP_ALIGN_LEFT;
    int count = 0;
    for (int k = 0; k < 3; k++) {
        txt[k] = expand(lc, texts[k], index + 1, pages);
        if (!txt[k])
            continue;
        tl[k] = gp_tl_plain(lc, &s1, txt[k], 0, NULL, (gp_pos){0});
        if (!tl[k]) {
            for (int j = 0; j < k; j++)
                gp_tl_free(tl[j]);
            lc->failed = 1;
            return;
        }
        w[k] = gp_tl_width(tl[k]);
        count++;
        any = true;
    }
    double room = lc->width - indent - sep * (count > 1 ? count - 1 : 0);
    for (int guard = 0; guard < 6; guard++) {
        double total = w[0] + w[1] + w[2];
        if (total <= room + 0.01)
            break;
        int k = -1;
        for (int j = 0; j < 3; j++)
            if (tl[j] && w[j] > min_w + 0.01 && (k < 0 || w[j] > w[k]))
                k = j;
        if (k < 0)
            break;
        double target = w[k] - (total - room);
        if (target < min_w)
            target = min_w;
        gp_tl *e = ellipsize(lc, &s1, txt[k], target);
        if (!e)
            break;
        gp_tl_free(tl[k]);
        tl[k] = e;
        w[k] = gp_tl_width(e);
    }
    if (tl[0])
        x[0] = lc->x0 + indent;
    if (tl[2])
        x[2] = lc->x0 + lc->width - w[2];
    if (tl[1]) {
        double lo = tl[0] ? x[0] + w[0] + sep : lc->x0 + indent;
        double hi = tl[2] ? x[2] - sep : lc->x0 + lc->width;
        x[1] = lc->x0 + (lc->width - w[1]) / 2;
        if (x[1] < lo || x[1] + w[1] > hi)
            x[1] = lo + (hi - lo - w[1]) / 2;
    }
    for (int k = 0; k < 3; k++) {
        if (!tl[k])
            continue;
        gp_tl_emit(lc, tl[k], b, x[k], y);
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

struct gp_finalizer {
    const gp_text_style *hs, *fs;
    double gap, hy, fy;
    gp_image_info info; /* the logo, probed once for the whole document */
    band_logo hl, fl;
    bool rtl;
};

gp_finalizer *gp_finalize_begin(gp_lctx *lc)
{
    const gp_style *s = lc->s;
    gp_finalizer *f = gp_arena_alloc(lc->a, sizeof *f);
    if (!f) {
        lc->failed = 1;
        return NULL;
    }
    f->hs = &s->text[GP_TS_HEADER];
    f->fs = &s->text[GP_TS_FOOTER];
    f->gap = s->header_gap > 0 ? s->header_gap : 10;
    f->hy = s->margin_top - f->gap - f->hs->leading;
    if (f->hy < 4)
        f->hy = 4;
    f->fy = lc->page_h - s->margin_bottom + f->gap;
    if (f->fy + f->fs->leading > lc->page_h - 4)
        f->fy = lc->page_h - 4 - f->fs->leading;
    bool have_logo = false;
    if (s->brand_logo && (s->header.logo || s->footer.logo)) {
        if (gp_image_probe(lc, s->brand_logo, s->brand_logo_pos, &f->info) != 0)
            return NULL;
        have_logo = true;
    }
    f->rtl = gp_fonts_rtl(lc->fonts);
    f->hl = place_logo(lc, have_logo && s->header.logo ? &f->info : NULL, f->hs, f->hy, true);
    f->fl = place_logo(lc, have_logo && s->footer.logo ? &f->info : NULL, f->fs, f->fy, false);
    return f;
}

void gp_finalize_page(gp_lctx *lc, const gp_finalizer *f, gp_page *page, size_t i, size_t pages)
{
    const gp_style *s = lc->s;
    if (i > 0 || s->header.first_page)
        band(lc, page, &s->header, f->hs, f->hy, s->margin_top - f->gap * 0.5, i, pages, &f->hl,
             f->rtl);
    if (!lc->failed && (i > 0 || s->footer.first_page))
        band(lc, page, &s->footer, f->fs, f->fy, lc->page_h - s->margin_bottom + f->gap * 0.5, i,
             pages, &f->fl, f->rtl);
}

int gp_finalize(gp_lctx *lc)
{
    gp_finalizer *f = gp_finalize_begin(lc);
    if (!f)
        return -1;
    size_t pages = lc->dl->n_pages;
    for (size_t i = 0; i < pages && !lc->failed; i++)
        gp_finalize_page(lc, f, &lc->dl->pages[i], i, pages);
    return lc->failed ? -1 : 0;
}
