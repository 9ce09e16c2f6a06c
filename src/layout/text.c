/* layout/text.c - styled text into measured lines and glyph runs (with
 * fonts.c and textcache.c, the only files that talk to Pango).
 *
 * A paragraph is looked up in the cache of laid-out paragraphs first
 * (textcache.c); only a miss is shaped and broken.
 *
 * Ragged text breaks greedily with PANGO_WRAP_WORD_CHAR, so that an
 * unbreakable 240-character token still wraps inside its box; no hyphen is
 * inserted at such emergency breaks (they are mostly URLs and codes). With
 * `hyphenate: true` soft hyphens (U+00AD) go in at the dictionary's points
 * (hyphen.c) and Pango shows a hyphen where it breaks at one. Justified
 * text is broken with total fit (linebreak.c) over the widths Pango shaped:
 * the chosen breaks are written into the text as newlines (a space becomes
 * "\n", a soft hyphen "-\n", so byte offsets do not move), Pango lays each
 * line out on its own, and the slack is spread over the word spaces here,
 * never by pango_layout_set_justify (which overran the measure with
 * inserted hyphens). In the display list a line-final soft hyphen becomes
 * a real "-" and every other one disappears, so text extraction reads
 * "inter-" + "national" and never a stray U+00AD.
 *
 * Right-to-left guides (ar, ur, fa, he): paragraphs take the base direction
 * RTL, `left` means the start side (right), each text box is placed at its
 * mirror image within the text area, and gp_text_mirror_rtl() mirrors the
 * remaining geometry after pagination. */
#include "layout/text_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>

#include "base/alloc.h"
#include "base/util.h"
#include "layout/hyphen.h"
#include "layout/linebreak.h"

void gp_text_set_language(gp_lctx *lc, const char *lang)
{
    if (gp_fonts_use_language(lc->fonts, lang))
        lc->failed = 1;
}

/* Laid-out text ------------------------------------------------------------ */

typedef struct span {
    int start, end; /* byte range in the layout text */
    const char *url;
} span;

/* One use of a laid-out paragraph: the shared shape plus what belongs to
 * this document (colours, link targets). */
struct gp_tl {
    gp_tl_shape *sh;
    double measure; /* box width (0: unwrapped) */
    bool rtl;       /* right-to-left document */
    gp_color color, link_color;
    span *spans;
    size_t n_spans;
    int src_line; /* guide line of the text, for the display list */
};

static bool doc_rtl(const gp_lctx *lc)
{
    return pango_context_get_base_dir(lc->fonts->ctx) == PANGO_DIRECTION_RTL;
}

static PangoWeight weight_of(int w)
{
    return (PangoWeight)(w < 100 ? 400 : w > 1000 ? 1000 : w);
}

static PangoFontDescription *font_desc(const gp_text_style *ts, unsigned flags)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, ts->family ? ts->family : "Noto Sans");
    pango_font_description_set_absolute_size(fd, ts->size * PANGO_SCALE);
    int w = ts->weight;
    if (flags & GP_RUN_BOLD)
        w = w >= 600 ? 800 : 700;
    pango_font_description_set_weight(fd, weight_of(w));
    pango_font_description_set_style(
        fd, (ts->italic || (flags & GP_RUN_ITALIC)) ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    return fd;
}

/* Emergency break. Pango wraps a run with no break opportunity character
 * by character, reshaping the rest of the run for every line, so a 50 KiB
 * "word" took seconds and 200 KiB more than a minute (issue 21). A run of
 * more than GP_EMERGENCY_RUN code points without white space therefore
 * gets a zero-width space (U+200B, a break opportunity that prints
 * nothing and is dropped again from the PDF's text by clean_text) after
 * every GP_EMERGENCY_PIECE code points, not before a combining mark (a
 * stack of more than GP_EMERGENCY_MARKS marks is cut by a space); the paragraph then breaks like
 * one of words, in time linear in its length. No real word is that long; a long URL keeps Pango's
 * character wrapping. Returns a g_malloc'ed copy, or NULL when t has no such run. */
#define GP_EMERGENCY_RUN   256
#define GP_EMERGENCY_PIECE 8
#define GP_EMERGENCY_MARKS 64
static char *emergency_pieces(const char *t)
{
    size_t run = 0;
    bool needed = false;
    for (const char *p = t; *p && !needed; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        run = g_unichar_isspace(c) || c == 0x200B ? 0 : run + 1;
        needed = run > GP_EMERGENCY_RUN;
    }
    if (!needed)
        return NULL;
    GString *o = g_string_sized_new(strlen(t) + strlen(t) / 8);
    size_t piece = 0;
    for (const char *p = t; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0x200B) {
            piece = 0;
        } else if (piece >= GP_EMERGENCY_PIECE && !g_unichar_ismark(c)) {
            g_string_append_len(o, "\xE2\x80\x8B", 3);
            piece = 0;
        } else if (piece >= GP_EMERGENCY_MARKS) {
            /* HarfBuzz looks back over every mark (and over a U+200B,
             * which it ignores) for the base: a stack of 100,000 marks
             * was quadratic. A space is a base that ends the stack. */
            g_string_append_c(o, ' ');
            piece = 0;
        }
        if (!g_unichar_isspace(c) && c != 0x200B)
            piece++;
        g_string_append_len(o, p, g_utf8_next_char(p) - p);
    }
    return g_string_free(o, FALSE);
}

/* A short numeric range the typography set with an en dash ("1–3", "6–12",
 * "2–3x") reads as one word: a word joiner (U+2060, invisible, dropped
 * again from the display list's text by clean_text) after its dash keeps
 * Pango from breaking there (the allow_breaks attribute does not stop it
 * in Pango 1.50). Money ranges ("£20,000–£30,000") are not matched (a
 * currency sign follows the dash): the salary table may break those after
 * the dash. Returns a g_malloc'ed copy, or NULL when t has no such range. */
static char *join_ranges(const char *t)
{
    GString *o = NULL;
    size_t len = strlen(t), from = 0;
    for (size_t i = 1; i + 3 < len; i++) {
        if (memcmp(t + i, "\xE2\x80\x93", 3) || !g_ascii_isdigit(t[i - 1]) ||
            !g_ascii_isdigit(t[i + 3]))
            continue;
        size_t a = i, b = i + 3;
        while (a > 0 && (g_ascii_isdigit(t[a - 1]) || t[a - 1] == ','))
            a--;
        while (b < len && (g_ascii_isdigit(t[b]) || t[b] == ','))
            b++;
        if (b - a > 16)
            continue; /* a long figure may still have to break in a narrow column */
        if (!o)
            o = g_string_sized_new(len + 8);
        g_string_append_len(o, t + from, (gssize)(i + 3 - from));
        g_string_append_len(o, "\xE2\x81\xA0", 3);
        from = i + 3;
    }
    if (!o)
        return NULL;
    g_string_append(o, t + from);
    return g_string_free(o, FALSE);
}

/* Appends t (in capitals when upper). With hy, soft hyphens go in at the
 * dictionary's points, and each hyphenated word gets insert_hyphens on, so
 * that Pango shows a hyphen when it breaks there (it is off elsewhere). */
static void append_text(GString *s, const char *t, bool upper, const gp_hyph *hy, const gp_lctx *lc,
                        PangoAttrList *attrs)
{
    char *u = upper ? g_utf8_strup(t, -1) : NULL;
    char *joined = join_ranges(u ? u : t);
    char *cut = emergency_pieces(joined ? joined : u ? u : t);
    const char *src = cut ? cut : joined ? joined : u ? u : t;
    size_t len = strlen(src);
    unsigned char *pts = hy && len ? g_malloc(len) : NULL;
    if (!pts || !gp_hyph_points(hy, src, len, pts) ||
        (gp_hyph_protect(src, len, pts, lc->terms, lc->n_terms) && !memchr(pts, 1, len))) {
        g_string_append_len(s, src, (gssize)len);
    } else {
        size_t word = 0;
        bool in_word = false, marked = false;
        for (size_t i = 0; i <= len; i++) {
            bool letter = i < len && g_ascii_isalpha(src[i]);
            if (letter && !in_word) {
                word = s->len;
                marked = false;
            }
            if (!letter && in_word && marked) {
                PangoAttribute *a = pango_attr_insert_hyphens_new(TRUE);
                a->start_index = (guint)word;
                a->end_index = (guint)s->len;
                pango_attr_list_change(attrs, a);
            }
            in_word = letter;
            if (i == len)
                break;
            if (pts[i]) {
                g_string_append_len(s, "\xC2\xAD", 2);
                marked = true;
            }
            g_string_append_c(s, src[i]);
        }
    }
    g_free(pts);
    g_free(cut);
    g_free(joined);
    g_free(u);
}

static gp_color link_color_of(const gp_lctx *lc, gp_color base)
{
    gp_color c;
    if (gp_style_color(lc->s, "link", &c) || gp_style_color(lc->s, "primary", &c))
        return c;
    return base;
}

/* An uncovered character is an error naming the field, the script and
 * the fonts searched: a document never prints empty boxes. Layout goes on
 * so every such field is reported, then gives no display list. */
static void report_unknown(gp_lctx *lc, gp_tl *t, gp_pos src)
{
    int unknown = t->sh->unknown;
    if (unknown <= 0)
        return;
    /* Find the first missing character to name it and its script. */
    uint32_t cp = 0;
    PangoLayoutIter *it = pango_layout_get_iter(t->sh->layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        for (int i = 0; i < run->glyphs->num_glyphs && !cp; i++)
            if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                cp = run->glyphs->glyphs[i].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
    } while (!cp && pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    char ch[8] = "";
    if (cp >= 0x20 && cp <= 0x10FFFF)
        ch[gp_utf8_encode(cp, ch)] = '\0';
    char script[48], families[256], what[80];
    if (gp_script_name(cp, script, sizeof script))
        snprintf(what, sizeof what, "the %s script", script);
    else
        snprintf(what, sizeof what, "these symbols or emoji");
    gp_fonts_families(lc->fonts, families, sizeof families);
    const char *text = pango_layout_get_text(t->sh->layout);
    lc->uncovered++;
    gp_diags_add(lc->diags, GP_WARN_GLYPH, GP_SEV_ERROR, src.file, src.line, src.col, NULL,
                 "add a font that covers it to the style's fonts: files: list (for example "
                 "a Noto Sans font for the script), or allow the machine's fonts with "
                 "fonts: system: true",
                 "no font covers %s: %d character%s in \"%.40s%s\" (first: U+%04X %s) would "
                 "print as empty boxes; fonts searched: %s",
                 what, unknown, unknown == 1 ? "" : "s", text, strlen(text) > 40 ? "..." : "",
                 (unsigned)cp, ch, families);
}

/* Total fit ------------------------------------------------------------------ */

static bool is_shy(const char *s)
{
    return (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xAD;
}

/* Width of a hyphen in the paragraph's font, pt. */
static double hyphen_width(PangoContext *ctx, const gp_text_style *ts)
{
    PangoLayout *h = pango_layout_new(ctx);
    PangoFontDescription *fd = font_desc(ts, 0);
    pango_layout_set_font_description(h, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(h, "-", 1);
    int w = 0;
    pango_layout_get_size(h, &w, NULL);
    g_object_unref(h);
    return w / (double)PANGO_SCALE;
}

typedef struct para_model {
    gp_lb_cand *c;
    size_t n;
    double *x, *y, *z; /* running sums per byte, len + 1 entries */
} para_model;

static void model_free(para_model *m)
{
    gp_free(m->c);
    gp_free(m->x);
    gp_free(m->y);
    gp_free(m->z);
}

/* Builds the break candidates of L's text (laid out as one line): word
 * spaces where Pango allows a break, soft hyphens, and hard breaks. Other
 * break opportunities (after "/" or an explicit hyphen) are not used: a
 * paragraph that needs them falls back to greedy breaking. */
static int build_model(PangoLayout *L, const gp_text_style *ts, double hyphen_w, para_model *m)
{
    const char *text = pango_layout_get_text(L);
    size_t len = strlen(text);
    int n_attrs = 0;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(L, &n_attrs);
    memset(m, 0, sizeof *m);
    m->x = gp_calloc(len + 1, sizeof(double));
    m->y = gp_calloc(len + 1, sizeof(double));
    m->z = gp_calloc(len + 1, sizeof(double));
    m->c = gp_calloc((size_t)n_attrs + 2, sizeof *m->c);
    if (!m->x || !m->y || !m->z || !m->c)
        return -1;
    /* Advance per cluster start byte. */
    PangoLayoutIter *it = pango_layout_get_iter(L);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        for (int i = 0; i < run->glyphs->num_glyphs; i++) {
            size_t b = (size_t)(run->item->offset + run->glyphs->log_clusters[i]);
            if (b < len)
                m->x[b + 1] += run->glyphs->glyphs[i].geometry.width / (double)PANGO_SCALE;
        }
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    double space = 0;
    for (size_t b = 0; b < len; b++) {
        double adv = m->x[b + 1];
        if (text[b] == ' ' && adv > 0)
            space = adv;
        m->x[b + 1] = m->x[b] + adv;
        m->y[b + 1] = m->y[b] + (text[b] == ' ' ? adv / 2 : 0);
        m->z[b + 1] = m->z[b] + (text[b] == ' ' ? adv / 3 : 0);
    }
    (void)ts;
    (void)space;
    /* Candidates: [0] the start, then breaks before char i. */
    m->c[m->n++] = (gp_lb_cand){0};
    const char *p = text;
    for (int i = 1; i < n_attrs - 1; i++) {
        const char *prev = p;
        p = g_utf8_next_char(p);
        if (!la[i].is_line_break)
            continue;
        size_t at = (size_t)(p - text), pb = (size_t)(prev - text);
        gp_lb_cand c = {0};
        c.pos = at;
        c.x_start = m->x[at];
        c.y_start = m->y[at];
        c.z_start = m->z[at];
        if (la[i].is_mandatory_break) {
            c.forced = true;
        } else if (text[pb] == ' ') {
            c.penalty = 0;
        } else if (at - pb == 2 && is_shy(text + pb)) {
            c.width = hyphen_w;
            c.penalty = 200;
            c.flagged = true;
        } else {
            continue;
        }
        /* The line ends before the white space (or hard break) in front. */
        size_t e = at;
        if (!c.flagged)
            while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\n' || text[e - 1] == '\r'))
                e--;
        c.x_end = m->x[e];
        c.y_end = m->y[e];
        c.z_end = m->z[e];
        m->c[m->n++] = c;
    }
    size_t e = len;
    while (e > 0 && text[e - 1] == ' ')
        e--;
    m->c[m->n++] = (gp_lb_cand){m->x[e], m->x[len], m->y[e], m->y[len], m->z[e], m->z[len],
                                0,       0,         false,   true,      len};
    return 0;
}

/* Writes the chosen breaks into L's text: a space becomes "\n", a soft
 * hyphen "-\n" (same byte lengths, so attributes stay put), and marks
 * which lines are spread. Returns the line count. */
static int apply_breaks(PangoLayout *L, const para_model *m, const gp_lb_result *r, bool **just)
{
    char *text = g_strdup(pango_layout_get_text(L));
    *just = gp_calloc(r->n_lines + 1, sizeof **just);
    if (!*just) {
        g_free(text);
        return -1;
    }
    for (size_t i = 0; i < r->n_lines; i++) {
        const gp_lb_cand *c = &m->c[r->breaks[i]];
        (*just)[i] = !c->forced;
        if (c->forced)
            continue;
        size_t at = c->pos;
        if (c->flagged) {
            text[at - 2] = '-';
            text[at - 1] = '\n';
        } else {
            text[at - 1] = '\n';
        }
    }
    pango_layout_set_text(L, text, -1);
    g_free(text);
    return (int)r->n_lines;
}

/* Breaks L (its text already set, no width) with total fit for width.
 * Returns 0 when it did (the layout then has one line per Pango paragraph
 * and *just says which to spread), 1 when there is no feasible set of
 * breaks, -1 when memory ran out. kp/greedy, when not NULL, receive the
 * costs (breaks must have room for every candidate; NULL breaks: ignored). */
static int total_fit(PangoLayout *L, PangoContext *ctx, const gp_text_style *ts, double width,
                     bool **just, gp_lb_result *kp, gp_lb_result *greedy)
{
    para_model m;
    double hw = hyphen_width(ctx, ts);
    if (build_model(L, ts, hw, &m)) {
        model_free(&m);
        return -1;
    }
    gp_lb_params prm;
    gp_lb_params_default(&prm, width);
    gp_lb_result r = {0};
    r.breaks = gp_malloc(m.n * sizeof *r.breaks);
    if (!r.breaks) {
        model_free(&m);
        return -1;
    }
    int rc = gp_lb_total_fit(m.c, m.n, &prm, &r);
    if (rc == 1) { /* second pass, looser (TeX's \tolerance after \pretolerance) */
        prm.tolerance = 1000;
        rc = gp_lb_total_fit(m.c, m.n, &prm, &r);
        prm.tolerance = 200;
    }
    if (greedy) {
        gp_lb_result g = *greedy;
        g.breaks = gp_malloc(m.n * sizeof *g.breaks);
        if (g.breaks) {
            gp_lb_greedy(m.c, m.n, &prm, &g);
            greedy->n_lines = g.n_lines;
            greedy->demerits = g.demerits;
            greedy->hyphens = g.hyphens;
            greedy->max_ratio = g.max_ratio;
        }
        gp_free(g.breaks);
    }
    if (kp && rc == 0) {
        kp->n_lines = r.n_lines;
        kp->demerits = r.demerits;
        kp->hyphens = r.hyphens;
        kp->max_ratio = r.max_ratio;
    }
    if (rc == 0 && just && apply_breaks(L, &m, &r, just) < 0)
        rc = -1;
    gp_free(r.breaks);
    model_free(&m);
    return rc;
}

/* Building ------------------------------------------------------------------- */

/* The guide's own terms, never hyphenated (issue 20): the from and to
 * role names, every skill and gap name, every salary role name. Built once
 * per layout; hyph_key is the language and the terms, so that the shape
 * cache never hands one guide's hyphenation to another. */
static void guide_terms(gp_lctx *lc)
{
    if (lc->terms_ready || !lc->a || !lc->g)
        return;
    lc->terms_ready = true;
    const gp_guide *g = lc->g;
    size_t cap = 2;
    for (size_t i = 0; i < g->n_sections; i++)
        cap += g->sections[i].n_skills + g->sections[i].n_gaps + g->sections[i].n_roles;
    const char **t = gp_arena_alloc(lc->a, cap * sizeof *t);
    if (!t)
        return;
    size_t n = 0;
    t[n++] = g->from.s;
    t[n++] = g->to.s;
    for (size_t i = 0; i < g->n_sections; i++) {
        const gp_section *sec = &g->sections[i];
        for (size_t k = 0; k < sec->n_skills; k++)
            t[n++] = sec->skills[k].name.s;
        for (size_t k = 0; k < sec->n_gaps; k++)
            t[n++] = sec->gaps[k].name.s;
        for (size_t k = 0; k < sec->n_roles; k++)
            t[n++] = sec->roles[k].name.s;
    }
    gp_buf key = {0};
    gp_buf_puts(&key, g->lang.s ? g->lang.s : "");
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (!t[i] || !t[i][0])
            continue;
        t[kept++] = t[i];
        gp_buf_puts(&key, "\x1f");
        gp_buf_puts(&key, t[i]);
    }
    lc->terms = t;
    lc->n_terms = kept;
    lc->hyph_key = gp_arena_strdup(lc->a, key.data ? key.data : "");
    gp_buf_free(&key);
}

static PangoLayout *make_layout(gp_lctx *lc, const gp_text_style *ts, const gp_para *para,
                                const char *plain, double width, bool rtl, gp_tl_shape *sh)
{
    PangoLayout *L = pango_layout_new(lc->fonts->ctx);
    PangoAttrList *attrs = pango_attr_list_new();
    /* insert_hyphens is off everywhere (emergency breaks in URLs get no
     * hyphen); append_text turns it on over hyphenated words. */
    PangoAttribute *a = pango_attr_insert_hyphens_new(FALSE);
    pango_attr_list_insert(attrs, a);
    const gp_hyph *hy = NULL;
    if (ts->hyphenate && width > 0) {
        hy = gp_hyph_for(lc->fonts->hyph, lc->g ? lc->g->lang.s : NULL);
        guide_terms(lc);
    }
    GString *s = g_string_new(NULL);
    if (para) {
        sh->run_start = gp_calloc(para->n_runs ? para->n_runs : 1, sizeof *sh->run_start);
        sh->run_end = gp_calloc(para->n_runs ? para->n_runs : 1, sizeof *sh->run_end);
        if (sh->run_start && sh->run_end)
            sh->n_runs = para->n_runs;
        for (size_t i = 0; i < para->n_runs; i++) {
            const gp_run *r = &para->runs[i];
            int start = (int)s->len;
            append_text(s, r->text ? r->text : "", ts->uppercase, r->url ? NULL : hy, lc, attrs);
            int end = (int)s->len;
            if (i < sh->n_runs) {
                sh->run_start[i] = start;
                sh->run_end[i] = end;
            }
            if (end == start)
                continue;
            if (r->flags) {
                PangoFontDescription *fd = font_desc(ts, r->flags);
                a = pango_attr_font_desc_new(fd);
                pango_font_description_free(fd);
                a->start_index = (guint)start;
                a->end_index = (guint)end;
                pango_attr_list_insert(attrs, a);
            }
            if (r->url) {
                a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
                a->start_index = (guint)start;
                a->end_index = (guint)end;
                pango_attr_list_insert(attrs, a);
            }
        }
    } else {
        append_text(s, plain ? plain : "", ts->uppercase, hy, lc, attrs);
    }
    PangoFontDescription *fd = font_desc(ts, 0);
    pango_layout_set_font_description(L, fd);
    pango_font_description_free(fd);
    a = pango_attr_line_height_new_absolute((int)lround(ts->leading * PANGO_SCALE));
    pango_attr_list_insert_before(attrs, a);
    /* Letter spacing tears joined scripts apart: none in RTL documents. */
    if (ts->tracking != 0 && !rtl) {
        a = pango_attr_letter_spacing_new((int)lround(ts->tracking * PANGO_SCALE));
        pango_attr_list_insert_before(attrs, a);
    }
    pango_layout_set_text(L, s->str, (int)s->len);
    g_string_free(s, TRUE);
    pango_layout_set_attributes(L, attrs);
    pango_attr_list_unref(attrs);
    /* RTL documents: one base direction for every paragraph (a paragraph
     * that opens with "SQL" is still right-to-left), and `left` is the
     * start side. */
    pango_layout_set_auto_dir(L, !rtl);
    PangoAlignment al = PANGO_ALIGN_LEFT;
    if (ts->align == GP_ALIGN_CENTER)
        al = PANGO_ALIGN_CENTER;
    else if (ts->align == GP_ALIGN_RIGHT)
        al = PANGO_ALIGN_RIGHT;
    if (rtl && al != PANGO_ALIGN_CENTER)
        al = al == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    pango_layout_set_alignment(L, al);
    return L;
}

/* Lays the paragraph out: shaped, broken (total fit when justified), and
 * measured line by line. NULL when out of memory. */
/* The longest paragraph laid out: 256 KiB, the default YAML text limit.
 * Measured with build/gp-bench-unbreakable (which raises that limit): a
 * 512 KiB paragraph came out as one page of a hundred, without an error,
 * so a library caller who raises max_string_bytes gets this error instead
 * of losing text. */
#define GP_MAX_PARAGRAPH_BYTES ((size_t)256 << 10)

static bool paragraph_too_long(gp_lctx *lc, const gp_para *para, const char *plain)
{
    size_t n = 0;
    if (para)
        for (size_t i = 0; i < para->n_runs; i++)
            n += para->runs[i].text ? strlen(para->runs[i].text) : 0;
    else if (plain)
        n = strlen(plain);
    if (n <= GP_MAX_PARAGRAPH_BYTES)
        return false;
    gp_diags_add(lc->diags, GP_ERR_LIMIT, GP_SEV_ERROR, lc->g ? lc->g->path : NULL, 0, 0, NULL,
                 "split it into paragraphs (a blank line between them)",
                 "a paragraph of %zu bytes is longer than the %zu bytes the layout takes", n,
                 GP_MAX_PARAGRAPH_BYTES);
    lc->failed = 1;
    return true;
}

static gp_tl_shape *shape_build(gp_lctx *lc, const gp_text_style *ts, const gp_para *para,
                                const char *plain, double width, bool rtl)
{
    if (paragraph_too_long(lc, para, plain))
        return NULL;
    gp_tl_shape *sh = gp_calloc(1, sizeof *sh);
    if (!sh)
        return NULL;
    sh->refs = 1;
    PangoLayout *L = make_layout(lc, ts, para, plain, width, rtl, sh);
    sh->layout = L;
    bool justify = width > 0 && ts->align == GP_ALIGN_JUSTIFY;
    if (justify && !lc->fonts->greedy_only) {
        int fit = total_fit(L, lc->fonts->ctx, ts, width, &sh->just, NULL, NULL);
        if (fit < 0) {
            gp_tl_shape_unref(sh);
            return NULL;
        }
        sh->total_fit = fit == 0;
    }
    if (!sh->total_fit && width > 0) {
        pango_layout_set_width(L, (int)floor(width * PANGO_SCALE));
        pango_layout_set_wrap(L, PANGO_WRAP_WORD_CHAR);
    }
    int n = sh->n_lines = pango_layout_get_line_count(L);
    sh->top = gp_calloc((size_t)n + 1, sizeof(double));
    sh->bottom = gp_calloc((size_t)n + 1, sizeof(double));
    sh->baseline = gp_calloc((size_t)n + 1, sizeof(double));
    if (justify && !sh->total_fit) {
        /* greedy lines, spread: all but the last line of each paragraph */
        gp_free(sh->just);
        sh->just = gp_calloc((size_t)n + 1, sizeof *sh->just);
        for (int i = 0; sh->just && i + 1 < n; i++)
            sh->just[i] = !pango_layout_get_line_readonly(L, i + 1)->is_paragraph_start;
    }
    if (!sh->top || !sh->bottom || !sh->baseline || (para && sh->n_runs != para->n_runs) ||
        (justify && !sh->just)) {
        gp_tl_shape_unref(sh);
        return NULL;
    }
    PangoLayoutIter *it = pango_layout_get_iter(L);
    int i = 0;
    do {
        int y0, y1;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        sh->top[i] = y0 / (double)PANGO_SCALE;
        sh->bottom[i] = y1 / (double)PANGO_SCALE;
        sh->baseline[i] = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
        double w = logical.width / (double)PANGO_SCALE;
        if (sh->just && sh->just[i])
            w = width;
        if (w > sh->width)
            sh->width = w;
        i++;
    } while (i < n && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    sh->height = n ? sh->bottom[n - 1] : 0;
    sh->unknown = pango_layout_get_unknown_glyphs_count(L);
    /* What the cache holds for it, roughly: glyphs (info and cluster),
     * items and lines, log attributes, and the arrays above. */
    size_t len = strlen(pango_layout_get_text(L));
    sh->bytes = len * 64 + (size_t)n * 160 + 1024;
    sh->bytes += len * 40; /* what gp_tl_emit records for the next use */
    return sh;
}

/* What gp_tl_emit made of a shape, kept with it (a paragraph from the
 * text cache is emitted again in every copy of a batch): each run's glyphs
 * with the parts of their positions that do not depend on where the box
 * is, so placing it again takes no Pango iteration (pango_layout_get_iter
 * measures every line each time) and no fontconfig query. Positions are
 * recomputed with the same operations in the same order as the first
 * time, so the display list is the same to the last bit. */
typedef struct em_glyph {
    uint32_t id, cluster;
    int spaces;              /* word spaces passed in the line */
    int x_off, y_off, width; /* Pango units */
    double lx;               /* pango x in the line minus the line's first */
} em_glyph;

typedef struct em_run {
    int line, offset; /* the run's line and its item's byte offset */
    bool rtl;
    double off, extra;   /* the line's fit */
    char *file, *family; /* the font, as font_of finds it */
    int index, weight;
    bool italic;
    double size;
    em_glyph *g;
    size_t n;
    char *text;
    size_t text_len;
} em_run;

struct gp_tl_emitted {
    double measure; /* the gp_tl's it was made for */
    bool rtl;
    em_run *runs;
    size_t n, cap;
};

static void emitted_free(struct gp_tl_emitted *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n; i++) {
        gp_free(e->runs[i].file);
        gp_free(e->runs[i].family);
        gp_free(e->runs[i].g);
        gp_free(e->runs[i].text);
    }
    gp_free(e->runs);
    gp_free(e);
}

void gp_tl_shape_unref(gp_tl_shape *sh)
{
    if (!sh || --sh->refs > 0)
        return;
    if (sh->layout)
        g_object_unref(sh->layout);
    gp_free(sh->top);
    gp_free(sh->bottom);
    gp_free(sh->baseline);
    gp_free(sh->just);
    gp_free(sh->run_start);
    gp_free(sh->run_end);
    emitted_free(sh->emitted);
    g_free(sh->key);
    gp_free(sh);
}

/* The shape for this paragraph: from the cache, or laid out and stored. */
static gp_tl_shape *shape_get(gp_lctx *lc, const gp_text_style *ts, const gp_para *para,
                              const char *plain, double width, bool rtl)
{
    gp_fonts *f = lc->fonts;
    const char *hl = NULL;
    if (ts->hyphenate && width > 0 && lc->g) {
        guide_terms(lc);
        hl = lc->hyph_key ? lc->hyph_key : lc->g->lang.s;
    }
    size_t klen = 0;
    unsigned char *key =
        f->cache ? gp_tl_key(f->ctx, ts, para, plain, width, hl, f->greedy_only, &klen) : NULL;
    gp_tl_shape *sh = key ? gp_tl_cache_get(f->cache, f->ctx, key, klen) : NULL;
    if (sh) {
        g_free(key);
        return sh;
    }
    sh = shape_build(lc, ts, para, plain, width, rtl);
    if (sh && key)
        gp_tl_cache_put(f->cache, f->ctx, sh, key, klen);
    else
        g_free(key);
    return sh;
}

static gp_tl *tl_build(gp_lctx *lc, const gp_text_style *ts, const gp_para *para, const char *plain,
                       double width, const gp_color *color, gp_pos src)
{
    gp_tl *t = gp_calloc(1, sizeof *t);
    if (!t) {
        lc->failed = 1;
        return NULL;
    }
    t->color = color ? *color : ts->color;
    t->link_color = color ? *color : link_color_of(lc, ts->color);
    t->rtl = doc_rtl(lc);
    t->measure = width > 0 ? width : 0;
    t->src_line = src.line;
    t->sh = shape_get(lc, ts, para, plain, width, t->rtl);
    if (!t->sh) {
        gp_tl_free(t);
        lc->failed = 1;
        return NULL;
    }
    /* Link targets belong to this document: take them from its runs. */
    for (size_t i = 0; para && i < t->sh->n_runs; i++) {
        if (!para->runs[i].url || t->sh->run_end[i] == t->sh->run_start[i])
            continue;
        if (!t->spans && !(t->spans = gp_calloc(para->n_runs, sizeof *t->spans))) {
            gp_tl_free(t);
            lc->failed = 1;
            return NULL;
        }
        t->spans[t->n_spans++] = (span){t->sh->run_start[i], t->sh->run_end[i], para->runs[i].url};
    }
    if (t->sh->unknown > 0)
        report_unknown(lc, t, src);
    return t;
}

gp_tl *gp_tl_rich(gp_lctx *lc, const gp_text_style *ts, const gp_para *para, double width,
                  const gp_color *color, gp_pos src)
{
    gp_text_style tmp; /* typography from the data: typo.c */
    return tl_build(lc, gp_typo_style(lc, ts, &tmp), gp_typo_para(lc, para), NULL, width, color,
                    src);
}

gp_tl *gp_tl_plain(gp_lctx *lc, const gp_text_style *ts, const char *text, double width,
                   const gp_color *color, gp_pos src)
{
    gp_text_style tmp;
    return tl_build(lc, gp_typo_style(lc, ts, &tmp), NULL, gp_typo_plain(lc, text), width, color,
                    src);
}

void gp_tl_free(gp_tl *t)
{
    if (!t)
        return;
    gp_tl_shape_unref(t->sh);
    gp_free(t->spans);
    gp_free(t);
}

int gp_tl_lines(const gp_tl *t)
{
    return t ? t->sh->n_lines : 0;
}
double gp_tl_height(const gp_tl *t)
{
    return t ? t->sh->height : 0;
}
double gp_tl_width(const gp_tl *t)
{
    return t ? t->sh->width : 0;
}
double gp_tl_line_bottom(const gp_tl *t, int i)
{
    return t && i < t->sh->n_lines ? t->sh->bottom[i] : 0;
}
double gp_tl_baseline(const gp_tl *t, int i)
{
    return t && i < t->sh->n_lines ? t->sh->baseline[i] : 0;
}

/* The font of a Pango font, as the display list names it. */
typedef struct font_key {
    const char *file, *family;
    int index, weight;
    bool italic;
    double size;
} font_key;

static font_key font_key_of(PangoFont *pf)
{
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
    FcChar8 *file = NULL, *family = NULL;
    int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
    double px = 0;
    FcPatternGetString(pat, FC_FILE, 0, &file);
    FcPatternGetString(pat, FC_FAMILY, 0, &family);
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    FcPatternGetInteger(pat, FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(pat, FC_SLANT, 0, &slant);
    if (FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &px) != FcResultMatch) {
        PangoFontDescription *d = pango_font_describe_with_absolute_size(pf);
        px = pango_font_description_get_size(d) / (double)PANGO_SCALE;
        pango_font_description_free(d);
    }
    return (font_key){(const char *)file,         (const char *)family,    index,
                      FcWeightToOpenType(weight), slant != FC_SLANT_ROMAN, px};
}

static const gp_font *font_of_key(gp_lctx *lc, const font_key *k)
{
    if (!k->file)
        return NULL;
    return gp_dl_font(lc->dl, k->file, k->index, k->family, k->weight, k->italic);
}

static const span *span_at(const gp_tl *t, int offset)
{
    for (size_t i = 0; i < t->n_spans; i++)
        if (offset >= t->spans[i].start && offset < t->spans[i].end)
            return &t->spans[i];
    return NULL;
}

/* Where a line's glyphs go: x of each glyph = off + (pango x - first) +
 * extra * (word spaces passed). */
typedef struct line_fit {
    double off, first, extra;
} line_fit;

static bool is_word_space(const char *text, const PangoGlyphItem *run, int i)
{
    return text[run->item->offset + run->glyphs->log_clusters[i]] == ' ' &&
           run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY;
}

/* Measures line ln (visual order) and decides how to set it: spread to the
 * measure when t->just says so, else where Pango put it (line_x), except
 * that total-fit lines (laid out without a width) are aligned here. */
static line_fit fit_line(const gp_tl *t, PangoLayoutLine *ln, int line, double line_x,
                         const char *text)
{
    double x = 0, first = -1, last = 0;
    int spaces = 0, trailing = 0;
    for (GSList *l = ln->runs; l; l = l->next) {
        const PangoGlyphItem *run = l->data;
        for (int i = 0; i < run->glyphs->num_glyphs; i++) {
            double adv = run->glyphs->glyphs[i].geometry.width / (double)PANGO_SCALE;
            if (is_word_space(text, run, i)) {
                if (first >= 0) {
                    spaces++;
                    trailing++;
                }
            } else if (adv > 0 || run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY) {
                if (first < 0)
                    first = x;
                last = x + adv;
                trailing = 0;
            }
            x += adv;
        }
    }
    spaces -= trailing;
    line_fit f = {line_x, 0, 0};
    if (first < 0)
        return f;
    double natural = last - first;
    /* A total-fit last line may use its spaces' shrink, as TeX's does. */
    bool squeeze = t->sh->total_fit && natural > t->measure;
    if (t->sh->just && (t->sh->just[line] || squeeze) && spaces > 0) {
        f.off = 0;
        f.first = first;
        f.extra = (t->measure - natural) / spaces;
        if (f.extra > t->measure) /* a nearly empty line: do not explode it */
            f.extra = 0;
    } else if (t->sh->total_fit) {
        f.first = first;
        f.off = t->rtl ? t->measure - natural : 0;
    }
    return f;
}

/* Copies a run's text without soft hyphens and zero-width spaces, except that one ending the
 * line (where Pango shows a hyphen) becomes "-"; map[i] is the new offset
 * of old byte i. */
static char *clean_text(gp_arena *a, const char *s, size_t n, bool hyphen_at_end, size_t *map,
                        size_t *out_len)
{
    char *o = gp_arena_alloc(a, n + 1);
    if (!o)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        map[i] = k;
        if (i + 1 < n && is_shy(s + i)) {
            map[i + 1] = k;
            if (hyphen_at_end && i + 2 == n)
                o[k++] = '-';
            i += 2;
            continue;
        }
        if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
            (((unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x8B) ||
             ((unsigned char)s[i + 1] == 0x81 && (unsigned char)s[i + 2] == 0xA0))) {
            /* an emergency break's U+200B, or join_ranges' U+2060 */
            map[i + 1] = map[i + 2] = k;
            i += 3;
            continue;
        }
        o[k++] = s[i++];
    }
    map[n] = k;
    o[k] = '\0';
    *out_len = k;
    return o;
}

/* The glyph item (and link) of one run, as gp_tl_emit places it. */
static void emit_run(gp_lctx *lc, const gp_tl *t, gp_block *b, const gp_font *font, double size,
                     gp_glyph *gl, int k, char *txt, size_t tlen, bool rtl_run, int offset,
                     int line, double y, double mirror, double start, double endx)
{
    const span *sp = span_at(t, offset);
    double top = y + t->sh->top[line], h = t->sh->bottom[line] - t->sh->top[line];
    if (sp)
        gp_emit_tag(lc, b, true, GP_TAG_LINK, NULL);
    gp_item *item = gp_block_push(lc, b, GP_ITEM_GLYPHS);
    item->x = start;
    item->y = top;
    item->w = endx - start;
    item->h = h;
    item->u.glyphs.font = font;
    item->u.glyphs.size = size;
    item->u.glyphs.color = sp ? t->link_color : t->color;
    item->u.glyphs.glyphs = gl;
    item->u.glyphs.n_glyphs = (size_t)k;
    item->u.glyphs.text = txt;
    item->u.glyphs.text_len = tlen;
    item->u.glyphs.rtl = rtl_run;
    item->src_line = t->src_line;
    if (sp) {
        /* The link area is the run's box; in RTL documents it is stored
         * at its mirror image, which gp_text_mirror_rtl() undoes. */
        gp_item *li = gp_block_push(lc, b, GP_ITEM_LINK);
        li->x = t->rtl ? mirror - endx : start;
        li->y = top;
        li->w = endx - start;
        li->h = h;
        li->u.link.uri = gp_arena_strdup(lc->a, sp->url);
        gp_emit_tag(lc, b, false, GP_TAG_LINK, NULL);
    }
}

/* gp_tl_emit from what the first use recorded (struct gp_tl_emitted). */
static void emit_again(gp_lctx *lc, const gp_tl *t, const struct gp_tl_emitted *em, gp_block *b,
                       double x, double y, double mirror)
{
    for (size_t r = 0; r < em->n && !lc->failed; r++) {
        const em_run *ru = &em->runs[r];
        font_key fk = {ru->file, ru->family, ru->index, ru->weight, ru->italic, ru->size};
        const gp_font *font = font_of_key(lc, &fk);
        if (!font) {
            gp_diags_add(lc->diags, GP_ERR_FONT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "too many fonts in one document (at most %d)", GP_DL_MAX_FONTS);
            lc->failed = 1;
            return;
        }
        gp_glyph *gl = gp_arena_alloc_uncleared(GP_BLOCK_ARENA(lc, b), ru->n * sizeof *gl);
        char *txt = gp_arena_strndup(GP_BLOCK_ARENA(lc, b), ru->text, ru->text_len);
        if (!gl || !txt) {
            lc->failed = 1;
            return;
        }
        double base = y + t->sh->baseline[ru->line];
        double start = 0, endx = 0;
        for (size_t i = 0; i < ru->n; i++) {
            const em_glyph *g = &ru->g[i];
            double adv = g->width / (double)PANGO_SCALE;
            double gx = x + ru->off + g->lx + ru->extra * g->spaces;
            if (i == 0)
                start = gx;
            gl[i].id = g->id;
            gl[i].x = gx + g->x_off / (double)PANGO_SCALE;
            gl[i].y = base + g->y_off / (double)PANGO_SCALE;
            gl[i].advance = adv;
            gl[i].cluster = g->cluster;
            endx = gx + adv;
        }
        emit_run(lc, t, b, font, ru->size, gl, (int)ru->n, txt, ru->text_len, ru->rtl, ru->offset,
                 ru->line, y, mirror, start, endx);
    }
}

/* Adds a run to what is recorded; false when out of memory. */
static bool record_run(struct gp_tl_emitted *em, const em_run *ru, const font_key *fk,
                       const gp_glyph *gl, em_glyph *eg, const char *txt)
{
    if (em->n == em->cap) {
        size_t cap = em->cap ? em->cap * 2 : 8;
        em_run *n = gp_realloc(em->runs, cap * sizeof *n);
        if (!n)
            return false;
        em->runs = n;
        em->cap = cap;
    }
    em_run *r = &em->runs[em->n];
    *r = *ru;
    r->file = gp_strdup(fk->file);
    r->family = fk->family ? gp_strdup(fk->family) : NULL;
    r->text = gp_malloc(ru->text_len + 1);
    r->g = eg;
    if (!r->file || (fk->family && !r->family) || !r->text) {
        gp_free(r->file);
        gp_free(r->family);
        gp_free(r->text);
        return false;
    }
    memcpy(r->text, txt, ru->text_len);
    r->text[ru->text_len] = '\0';
    for (size_t i = 0; i < ru->n; i++)
        eg[i].cluster = gl[i].cluster; /* as fixed up after the loop */
    em->n++;
    return true;
}

void gp_tl_emit(gp_lctx *lc, const gp_tl *t, gp_block *b, double x, double y)
{
    if (!t || lc->failed)
        return;
    /* RTL: the whole box goes to its mirror image in the text area. */
    double box_w = t->measure > 0 ? t->measure : t->sh->width;
    double mirror = 2 * lc->x0 + lc->width;
    if (t->rtl)
        x = mirror - x - box_w;
    struct gp_tl_emitted *em = t->sh->emitted;
    if (em && em->measure == t->measure && em->rtl == t->rtl) {
        emit_again(lc, t, em, b, x, y, mirror);
        return;
    }
    /* the second use records what it emits for the next ones: a paragraph
     * used once (a client's name) keeps nothing; em stays NULL when out of
     * memory, and then nothing is kept */
    em = t->sh->emitted || t->sh->emits++ < 1 ? NULL : gp_calloc(1, sizeof *em);
    if (em) {
        em->measure = t->measure;
        em->rtl = t->rtl;
    }
    const char *text = pango_layout_get_text(t->sh->layout);
    PangoLayoutIter *it = pango_layout_get_iter(t->sh->layout);
    PangoLayoutLine *cur = NULL;
    int line = -1;
    line_fit fit = {0, 0, 0};
    double lx = 0; /* pango x within the line, before fitting */
    int spaces = 0;
    do {
        PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(it);
        if (ln != cur) {
            cur = ln;
            line++;
            PangoRectangle lext;
            pango_layout_iter_get_line_extents(it, NULL, &lext);
            fit = fit_line(t, ln, line < t->sh->n_lines ? line : 0, lext.x / (double)PANGO_SCALE,
                           text);
            lx = 0;
            spaces = 0;
        }
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run || line >= t->sh->n_lines)
            continue;
        int n = run->glyphs->num_glyphs;
        size_t ilen = (size_t)run->item->length;
        font_key fk = {0};
        if (n)
            fk = font_key_of(run->item->analysis.font);
        const gp_font *font = n ? font_of_key(lc, &fk) : NULL;
        if (n && !font) {
            gp_diags_add(lc->diags, GP_ERR_FONT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "too many fonts in one document (at most %d)", GP_DL_MAX_FONTS);
            lc->failed = 1;
            break;
        }
        gp_glyph *gl = gp_arena_alloc(GP_BLOCK_ARENA(lc, b), (size_t)(n ? n : 1) * sizeof *gl);
        size_t *map = gp_malloc((ilen + 1) * sizeof *map);
        em_glyph *eg = em ? gp_malloc((size_t)(n ? n : 1) * sizeof *eg) : NULL;
        if (em && !eg) {
            emitted_free(em);
            em = NULL;
        }
        bool end_shy = run->item->offset + (int)ilen == ln->start_index + ln->length && ilen >= 2 &&
                       is_shy(text + run->item->offset + ilen - 2) && !t->sh->total_fit &&
                       line + 1 < t->sh->n_lines;
        size_t tlen = 0;
        char *txt = map ? clean_text(GP_BLOCK_ARENA(lc, b), text + run->item->offset, ilen, end_shy,
                                     map, &tlen)
                        : NULL;
        if (!gl || !txt) {
            gp_free(map);
            gp_free(eg);
            lc->failed = 1;
            break;
        }
        double base = y + t->sh->baseline[line];
        double start = 0, endx = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
            double adv = gi->geometry.width / (double)PANGO_SCALE;
            double gx = x + fit.off + (lx - fit.first) + fit.extra * spaces;
            bool space = is_word_space(text, run, i);
            if (eg)
                eg[k] = (em_glyph){gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : gi->glyph,
                                   0,
                                   spaces,
                                   gi->geometry.x_offset,
                                   gi->geometry.y_offset,
                                   gi->geometry.width,
                                   lx - fit.first};
            lx += adv;
            if (space && lx - adv >= fit.first)
                spaces++;
            /* Empty glyphs (a space at a line end, zero-width characters,
             * unused soft hyphens) draw nothing: drop them; their text
             * joins the cluster before. */
            if (gi->glyph == PANGO_GLYPH_EMPTY)
                continue;
            if (k == 0)
                start = gx;
            gl[k].id = gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : gi->glyph;
            gl[k].x = gx + gi->geometry.x_offset / (double)PANGO_SCALE;
            gl[k].y = base + gi->geometry.y_offset / (double)PANGO_SCALE;
            gl[k].advance = adv;
            gl[k].cluster = (uint32_t)map[run->glyphs->log_clusters[i]];
            endx = gx + adv;
            k++;
        }
        gp_free(map);
        if (k == 0 || tlen == 0) { /* only empty glyphs: nothing to draw */
            gp_free(eg);
            continue;
        }
        /* A space that ends the line has no glyph: leave it out of the
         * text, or its cluster (and Cairo's ToUnicode) would swallow it. */
        uint32_t maxc = 0;
        for (int q = 0; q < k; q++)
            if (gl[q].cluster > maxc)
                maxc = gl[q].cluster;
        size_t cut = tlen;
        while (cut > maxc + 1 && txt[cut - 1] == ' ')
            cut--;
        tlen = cut; /* stops at the last cluster's own (non-space) bytes */
        /* The first cluster in logical order starts the text. */
        bool rtl_run = run->item->analysis.level % 2 == 1;
        if (rtl_run)
            gl[k - 1].cluster = 0;
        else
            gl[0].cluster = 0;
        if (eg) {
            em_run ru = {
                line,      run->item->offset, rtl_run, fit.off, fit.extra, NULL, NULL, fk.index,
                fk.weight, fk.italic,         fk.size, NULL,    (size_t)k, NULL, tlen};
            if (!record_run(em, &ru, &fk, gl, eg, txt)) {
                gp_free(eg);
                emitted_free(em);
                em = NULL;
            }
        }
        emit_run(lc, t, b, font, fk.size, gl, k, txt, tlen, rtl_run, run->item->offset, line, y,
                 mirror, start, endx);
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    if (em && !lc->failed)
        t->sh->emitted = em;
    else
        emitted_free(em);
}

void gp_text_mirror_rtl_page(gp_lctx *lc, gp_page *pg)
{
    if (!doc_rtl(lc))
        return;
    double m = 2 * lc->x0 + lc->width;
    for (size_t i = 0; i < pg->n_items; i++) {
        gp_item *it = &pg->items[i];
        switch (it->kind) {
        case GP_ITEM_RECT:
        case GP_ITEM_CHECKBOX:
        case GP_ITEM_IMAGE:
        case GP_ITEM_LINK: it->x = m - it->x - it->w; break;
        case GP_ITEM_LINE:
            it->u.line.x1 = m - it->u.line.x1;
            it->u.line.x2 = m - it->u.line.x2;
            it->x = m - it->x - it->w;
            break;
        case GP_ITEM_PATH:
            for (size_t k = 0; k < it->u.path.n_segs; k++)
                for (int q = 0; q < 6; q += 2)
                    it->u.path.segs[k].pts[q] = m - it->u.path.segs[k].pts[q];
            it->x = m - it->x - it->w;
            break;
        case GP_ITEM_DEST:
        case GP_ITEM_BOOKMARK: it->x = m - it->x; break;
        default: /* glyph runs were placed mirrored; tags have no place */ break;
        }
    }
}

void gp_text_mirror_rtl(gp_lctx *lc)
{
    for (size_t p = 0; p < lc->dl->n_pages; p++)
        gp_text_mirror_rtl_page(lc, &lc->dl->pages[p]);
}

double gp_text_rich(gp_lctx *lc, gp_block *b, const gp_text_style *ts, const gp_para *para,
                    double x, double y, double width, const gp_color *color, gp_pos src)
{
    gp_tl *t = gp_tl_rich(lc, ts, para, width, color, src);
    gp_tl_emit(lc, t, b, x, y);
    double h = gp_tl_height(t);
    gp_tl_free(t);
    return h;
}

double gp_text_plain(gp_lctx *lc, gp_block *b, const gp_text_style *ts, const char *text, double x,
                     double y, double width, const gp_color *color, gp_pos src)
{
    gp_tl *t = gp_tl_plain(lc, ts, text, width, color, src);
    gp_tl_emit(lc, t, b, x, y);
    double h = gp_tl_height(t);
    gp_tl_free(t);
    return h;
}

int gp_text_linebreak_report(gp_fonts *fonts, const gp_text_style *ts, const char *lang,
                             const char *text, double width, gp_lb_result *kp, gp_lb_result *greedy)
{
    gp_guide g;
    memset(&g, 0, sizeof g);
    g.lang.s = lang;
    gp_lctx lc;
    memset(&lc, 0, sizeof lc);
    lc.fonts = fonts;
    lc.g = &g;
    gp_tl_shape sh;
    memset(&sh, 0, sizeof sh);
    if (gp_fonts_use_language(fonts, lang))
        return -1;
    PangoLayout *L = make_layout(&lc, ts, NULL, text, width, false, &sh);
    int rc = total_fit(L, fonts->ctx, ts, width, NULL, kp, greedy);
    if (rc == 1 && kp) {
        kp->n_lines = greedy ? greedy->n_lines : 0;
        kp->demerits = greedy ? greedy->demerits : 0;
        kp->hyphens = greedy ? greedy->hyphens : 0;
    }
    g_object_unref(L);
    return rc;
}
