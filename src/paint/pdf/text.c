/* paint/pdf/text.c - glyph runs as text operators.
 *
 * A run is one text object, or goes on in the one the run before left when
 * nothing else was drawn in between (painter.c): the lines of a paragraph
 * share a BT/ET, each line starting with a Td relative to the one before.
 * Glyphs are shown with TJ, as CIDs (the subset's glyph
 * ids; one byte each when the subset has at most 256 glyphs, else two) in
 * literal strings, and a whole-number TJ adjustment only where
 * layout's position differs from the font's advance by half a thousandth of
 * an em or more (kerning, justification). Line positions are kept in whole
 * thousandths of a point, so the relative Td of each line lands exactly
 * where an absolute one would, and a run keeps layout's x of every glyph.
 *
 * A cluster whose text the ToUnicode map cannot give back exactly (one
 * glyph for several characters, as Arabic lam-alef or an fi ligature;
 * several glyphs for one character; a glyph used for two different texts)
 * is wrapped in a /Span with /ActualText, so copying, search and screen
 * readers get the source text. */
#include "paint/pdf/pdf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct seg {
    bool open, in_str;
    double pen, y; /* where the viewer's pen is, and the segment's baseline */
} seg;

static void seg_close(pdf_cb *c, seg *s)
{
    if (!s->open)
        return;
    if (s->in_str)
        pdf_cb_raw(c, ")", 1);
    pdf_cb_raw(c, "]TJ\n", 4);
    s->open = s->in_str = false;
}

/* Moves the line matrix to (x, y): a Td from where the last line began. */
static void move_to(pdf_cb *c, pdf_textobj *t, double x, double y)
{
    long long X = llround(x * 1000.0), Y = llround(y * 1000.0);
    pdf_cb_num(c, (double)(X - t->lx) / 1000.0);
    pdf_cb_num(c, (double)(Y - t->ly) / 1000.0);
    t->lx = X;
    t->ly = Y;
}

static inline void show(pdf_cb *c, seg *s, pdf_textobj *t, const pdf_font_view *f,
                        const gp_glyph *g, double size, double H)
{
    double y = H - g->y;
    if (s->open && fabs(y - s->y) > 0.0005)
        seg_close(c, s);
    if (!s->open) {
        move_to(c, t, g->x, y);
        pdf_cb_raw(c, "Td[", 3);
        s->open = true;
        s->in_str = false;
        s->pen = g->x;
        s->y = y;
    }
    /* whole thousandths of an em: the viewer's pen then sits within half
     * of one (0.005 pt at 10 pt) of layout's x, and errors never add up,
     * since the next glyph is measured from where the pen really is */
    long adj = lround((s->pen - g->x) * 1000.0 / size);
    if (adj) {
        if (s->in_str)
            pdf_cb_raw(c, ")", 1);
        s->in_str = false;
        pdf_cb_num(c, (double)adj);
        c->len--; /* no space needed before '(' */
        s->pen -= (double)adj * size / 1000.0;
    }
    if (c->len + 8 > c->cap && !pdf_cb_reserve(c, 8))
        return;
    if (!s->in_str) {
        c->p[c->len++] = '(';
        s->in_str = true;
    }
    /* codes as a literal string: half the bytes of hex */
    uint32_t gid = g->id;
    uint32_t cid = gid < f->n_glyphs && f->old2new[gid] != UINT32_MAX ? f->old2new[gid] : 0;
    unsigned char b[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
    for (int k = f->one_byte ? 1 : 0; k < 2; k++) {
        switch (b[k]) {
        case '(':
        case ')':
        case '\\':
            c->p[c->len++] = '\\';
            c->p[c->len++] = (char)b[k];
            break;
        case '\r':
            c->p[c->len++] = '\\';
            c->p[c->len++] = 'r';
            break;
        case '\n':
            c->p[c->len++] = '\\';
            c->p[c->len++] = 'n';
            break;
        default: c->p[c->len++] = (char)b[k];
        }
    }
    s->pen += (gid < f->n_glyphs ? f->adv[gid] : 0) * size / 1000.0;
}

/* In a right-to-left run the span's characters are written in visual
 * order: extractors (poppler's pdftotext, pdf.js, PyMuPDF) spread a
 * glyph's characters left to right over it and then reverse the whole RTL
 * line, so logical order would come out as "إىل" for "إلى". */
static void actual_text(pdf_cb *c, const char *text, size_t len, bool rtl)
{
    gp_buf b = {0};
    char rev[256];
    if (rtl && len < sizeof rev) {
        size_t i = 0, o = len;
        while (i < len) {
            uint32_t cp;
            int k = gp_utf8_decode(text + i, len - i, &cp);
            if (k <= 0)
                k = 1;
            o -= (size_t)k;
            memcpy(rev + o, text + i, (size_t)k);
            i += (size_t)k;
        }
        text = rev;
    }
    pdf_utf16_hex(&b, text, len);
    pdf_cb_str(c, "/Span<</ActualText");
    if (b.data)
        pdf_cb_raw(c, b.data, b.len);
    else
        pdf_cb_str(c, "()");
    pdf_cb_str(c, ">>BDC\n");
    gp_buf_free(&b);
}

/* Does the ToUnicode map give exactly text for glyph gid (pdf_font_maps)? */
static inline bool maps(const pdf_font_view *f, uint32_t gid, const char *text, size_t len)
{
    if (gid >= f->n_glyphs || !f->tu_off[gid] || f->tu_len[gid] != len) /* weak: never */
        return false;
    return !memcmp(f->tu + f->tu_off[gid] - 1, text, len);
}

/* A combining mark: a glyph that does not move the pen. */
static inline bool is_mark(const pdf_font_view *f, const gp_glyph *g)
{
    return g->id < f->n_glyphs && f->adv[g->id] == 0;
}

/* Does glyph i stand for white space only? */
static bool is_space(const gp_item *it, size_t i)
{
    size_t at = it->u.glyphs.glyphs[i].cluster; /* a space is a cluster of its own */
    return at < it->u.glyphs.text_len && it->u.glyphs.text[at] == ' ';
}

/* Does the run (one line, one baseline) hold a mark drawn off its
 * letters' baseline? Most runs do not, and then no word needs a span of
 * its own. */
static bool offset_marks(const pdf_font_view *f, const gp_glyph *g, size_t n)
{
    size_t b = 0;
    while (b < n && is_mark(f, &g[b]))
        b++;
    for (size_t k = 0; b < n && k < n; k++)
        if (is_mark(f, &g[k]) && fabs(g[k].y - g[b].y) > 0.0005)
            return true;
    return false;
}

/* The end of the word that starts at glyph i: the glyphs up to the next
 * space (a space is a word of its own). */
static size_t word_end(const gp_item *it, size_t n, size_t i)
{
    if (is_space(it, i))
        return i + 1;
    size_t j = i + 1;
    while (j < n && !is_space(it, j))
        j++;
    return j;
}

/* A word with a mark drawn off its letters' baseline (Arabic tanwin,
 * shadda, a Latin accent the font places with GPOS) gets one /ActualText
 * for the whole word: text extractors (poppler) start a new word at any
 * glyph whose origin leaves the baseline, so the mark would split it. */
static bool word_spanned(const pdf_font_view *f, const gp_glyph *g, size_t i, size_t e)
{
    double base = 0;
    bool have = false;
    for (size_t k = i; k < e; k++)
        if (!is_mark(f, &g[k])) {
            base = g[k].y;
            have = true;
            break;
        }
    if (!have || e - i < 2)
        return false;
    for (size_t k = i; k < e; k++)
        if (is_mark(f, &g[k]) && fabs(g[k].y - base) > 0.0005)
            return true;
    return false;
}

/* Shows glyphs [i, e) as one word under its text's /ActualText, first and
 * last a letter on the baseline: an extractor spreads the span's text from
 * the first glyph's origin to the last one's advance. */
static void show_word(pdf_cb *c, seg *s, pdf_textobj *t, const gp_item *it, const pdf_font_view *f,
                      const gp_glyph *g, size_t i, size_t e, double size, double H)
{
    size_t ts = SIZE_MAX, te = 0;
    for (size_t k = i; k < e; k++) {
        size_t a, b;
        pdf_cluster_range(it, k, &a, &b);
        if (b > a) {
            if (a < ts)
                ts = a;
            if (b > te)
                te = b;
        }
    }
    size_t first = i, last = e - 1;
    while (first < e && is_mark(f, &g[first]))
        first++;
    while (last > first && is_mark(f, &g[last]))
        last--;
    seg_close(c, s);
    actual_text(c, it->u.glyphs.text + (ts < te ? ts : 0), ts < te ? te - ts : 0, it->u.glyphs.rtl);
    show(c, s, t, f, &g[first], size, H);
    for (size_t k = i; k < e; k++)
        if (k != first && k != last)
            show(c, s, t, f, &g[k], size, H);
    if (last != first)
        show(c, s, t, f, &g[last], size, H);
    seg_close(c, s);
    pdf_cb_raw(c, "EMC\n", 4);
}

void pdf_show_glyphs(pdf_cb *c, const pdf_fonts *fs, const gp_item *it, double H, pdf_textobj *t,
                     bool cont)
{
    const gp_font *gf = it->u.glyphs.font;
    if (!gf || gf->id < 0 || (size_t)gf->id >= fs->n || !fs->fonts[gf->id]) {
        if (cont)
            pdf_cb_raw(c, "ET\n", 3);
        return;
    }
    const pdf_font_view fv = pdf_font_get_view(fs->fonts[gf->id]);
    const pdf_font_view *f = &fv;
    double size = it->u.glyphs.size > 0 ? it->u.glyphs.size : 1;
    const gp_glyph *g = it->u.glyphs.glyphs;
    size_t n = it->u.glyphs.n_glyphs;
    char hdr[64];
    char *e = hdr;
    if (!cont) { /* a new text object: its line matrix starts at the origin */
        memcpy(e, "BT", 2);
        e += 2;
        t->lx = t->ly = 0;
    }
    if (!cont || t->font != gf->id || t->size != size) {
        memcpy(e, "/F", 2);
        e += 2;
        char digits[12];
        int nd = 0;
        for (int v = gf->id; nd == 0 || v; v /= 10)
            digits[nd++] = (char)('0' + v % 10);
        while (nd)
            *e++ = digits[--nd];
        *e++ = ' ';
        e = pdf_fmt_num(e, size);
        memcpy(e, " Tf\n", 4);
        e += 4;
        t->font = gf->id;
        t->size = size;
    }
    pdf_cb_raw(c, hdr, (size_t)(e - hdr));
    seg s = {0};
    /* end of the word being shown cluster by cluster (all of the run when
     * no word needs a span of its own) */
    size_t wend = offset_marks(f, g, n) ? 0 : n;
    for (size_t i = 0; i < n;) {
        if (i >= wend) {
            wend = word_end(it, n, i);
            if (word_spanned(f, g, i, wend)) {
                show_word(c, &s, t, it, f, g, i, wend, size, H);
                i = wend;
                continue;
            }
        }
        size_t j = i + 1;
        while (j < n && g[j].cluster == g[i].cluster)
            j++;
        size_t ts, te;
        pdf_cluster_range(it, i, &ts, &te);
        /* clean: one glyph for one character that ToUnicode gives back */
        uint32_t cp;
        bool one_char =
            te > ts && gp_utf8_decode(it->u.glyphs.text + ts, te - ts, &cp) == (int)(te - ts);
        bool clean = te == ts ||
                     (j - i == 1 && one_char && maps(f, g[i].id, it->u.glyphs.text + ts, te - ts));
        if (clean) {
            for (size_t k = i; k < j; k++)
                show(c, &s, t, f, &g[k], size, H);
        } else {
            seg_close(c, &s);
            actual_text(c, it->u.glyphs.text + ts, te - ts, it->u.glyphs.rtl);
            for (size_t k = i; k < j; k++)
                show(c, &s, t, f, &g[k], size, H);
            seg_close(c, &s);
            pdf_cb_raw(c, "EMC\n", 4);
        }
        i = j;
    }
    seg_close(c, &s);
    pdf_cb_raw(c, "ET\n", 3);
}
