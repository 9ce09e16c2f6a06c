/* layout/lint.c - the layout linter (issue 20): reads a finished display
 * list, as the painters would get it, and reports what a designer would
 * send back. It never lays anything out again; what it knows about the
 * structure it reads from the tags the layout wrote (H2, Table, TR, TD,
 * Figure, Artifact), and what it knows about the content from the guide.
 *
 * Findings: content outside the page or (body text) outside the text
 * area; text boxes overlapping each other or an image; data items of the
 * guide missing from the pages; a section heading left at the foot of a
 * page; a table split with fewer than breaks.table_min_rows rows on a
 * side; a table on another page than its chart when both fit on one; a
 * last page filled less than breaks.last_page_min_fill; text whose colour
 * on what is painted under it is below WCAG AA (4.5:1, 3:1 for large
 * text). */
#include <guidepress/layout.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "base/alloc.h"
#include "base/util.h"
#include "display/display_struct.h"
#include "model/guide_struct.h"
#include "model/style_struct.h"

#define TOL 0.75 /* pt: rounding, anti-aliasing and hairlines */

struct gp_lint {
    gp_lint_finding *f;
    size_t n, cap;
    bool nomem;
};

static const char *const KIND_NAMES[GP_LINT__COUNT] = {
    "outside",     "overlap",     "dropped",   "stranded-heading",
    "table-split", "table-chart", "last-page", "contrast"};

const char *gp_lint_kind_name(gp_lint_kind k)
{
    return (unsigned)k < GP_LINT__COUNT ? KIND_NAMES[k] : "?";
}

size_t gp_lint_count(const gp_lint *l)
{
    return l ? l->n : 0;
}

const gp_lint_finding *gp_lint_get(const gp_lint *l, size_t i)
{
    return l && i < l->n ? &l->f[i] : NULL;
}

void gp_lint_free(gp_lint *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        gp_free(l->f[i].message);
    gp_free(l->f);
    gp_free(l);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
add(gp_lint *l, gp_lint_kind kind, int page, const char *fmt, ...)
{
    if (l->nomem || l->n >= 1000)
        return;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 16;
        gp_lint_finding *nf = gp_realloc(l->f, nc * sizeof *nf);
        if (!nf) {
            l->nomem = true;
            return;
        }
        l->f = nf;
        l->cap = nc;
    }
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *m = gp_malloc(strlen(buf) + 1);
    if (!m) {
        l->nomem = true;
        return;
    }
    memcpy(m, buf, strlen(buf) + 1);
    l->f[l->n++] = (gp_lint_finding){kind, page, m};
}

/* Items with their place in the structure ---------------------------------- */

typedef struct titem {
    const gp_item *it;
    bool artifact; /* inside an Artifact tag (header, footer) */
    bool body;     /* inside P, LI, TR or Figure: a heading's "first item" */
    int table;     /* id of the table it is in (0: none) */
    bool data_row; /* inside a TR that has a TD */
} titem;

static double luminance(gp_color c)
{
    double v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

double gp_contrast_ratio(gp_color a, gp_color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

static bool overlap(const gp_item *a, const gp_item *b, double shrink)
{
    return a->x + shrink < b->x + b->w - shrink && b->x + shrink < a->x + a->w - shrink &&
           a->y + shrink < b->y + b->h - shrink && b->y + shrink < a->y + a->h - shrink;
}

static void snippet(char *out, size_t cap, const gp_item *it)
{
    size_t n = it->u.glyphs.text_len < cap - 1 ? it->u.glyphs.text_len : cap - 1;
    while (n > 0 && n < it->u.glyphs.text_len &&
           ((unsigned char)it->u.glyphs.text[n] & 0xC0) == 0x80)
        n--;
    memcpy(out, it->u.glyphs.text, n);
    out[n] = '\0';
}

/* Geometry and colour on one page ------------------------------------------- */

static void check_page(gp_lint *l, const gp_style *s, const gp_page *pg, int pno, titem *ti,
                       size_t n)
{
    double x0 = s->margin_left, x1 = pg->width - s->margin_right;
    double y0 = s->margin_top, y1 = pg->height - s->margin_bottom;
    for (size_t i = 0; i < n; i++) {
        const gp_item *it = ti[i].it;
        if (it->kind != GP_ITEM_GLYPHS && it->kind != GP_ITEM_RECT && it->kind != GP_ITEM_IMAGE &&
            it->kind != GP_ITEM_LINE && it->kind != GP_ITEM_PATH)
            continue;
        char t[48] = "";
        if (it->kind == GP_ITEM_GLYPHS)
            snippet(t, sizeof t, it);
        if (it->x < -TOL || it->y < -TOL || it->x + it->w > pg->width + TOL ||
            it->y + it->h > pg->height + TOL) {
            add(l, GP_LINT_OUTSIDE, pno, "%s at (%.1f, %.1f) %.1f x %.1f pt runs off the page%s%s",
                it->kind == GP_ITEM_GLYPHS ? "text" : "a shape", it->x, it->y, it->w, it->h,
                t[0] ? ": " : "", t);
        } else if (it->kind == GP_ITEM_GLYPHS && !ti[i].artifact &&
                   (it->x < x0 - TOL || it->x + it->w > x1 + TOL || it->y < y0 - TOL ||
                    it->y + it->h > y1 + TOL)) {
            add(l, GP_LINT_OUTSIDE, pno,
                "text at (%.1f, %.1f) %.1f x %.1f pt is outside the text area: %s", it->x, it->y,
                it->w, it->h, t);
        }
    }
    /* overlapping text boxes, and text over an image */
    for (size_t i = 0; i < n; i++) {
        const gp_item *a = ti[i].it;
        if (a->kind != GP_ITEM_GLYPHS)
            continue;
        for (size_t j = i + 1; j < n; j++) {
            const gp_item *b = ti[j].it;
            if (b->kind != GP_ITEM_GLYPHS && b->kind != GP_ITEM_IMAGE)
                continue;
            if (!overlap(a, b, b->kind == GP_ITEM_IMAGE ? 0.5 : 1.5))
                continue;
            char ta[48], tb[48] = "the logo";
            snippet(ta, sizeof ta, a);
            if (b->kind == GP_ITEM_GLYPHS)
                snippet(tb, sizeof tb, b);
            add(l, GP_LINT_OVERLAP, pno,
                "text \"%s\" at (%.1f, %.1f) overlaps \"%s\" at (%.1f, %.1f)", ta, a->x, a->y, tb,
                b->x, b->y);
        }
    }
    /* contrast: each text run against the topmost fill painted before it
     * under its centre (the paper when none) */
    for (size_t i = 0; i < n; i++) {
        const gp_item *it = ti[i].it;
        if (it->kind != GP_ITEM_GLYPHS || it->u.glyphs.color.none)
            continue;
        double cx = it->x + it->w / 2, cy = it->y + it->h / 2;
        gp_color bg = {1, 1, 1, false};
        bool on_image = false;
        for (size_t j = 0; j < i; j++) {
            const gp_item *r = ti[j].it;
            if (cx < r->x || cx > r->x + r->w || cy < r->y || cy > r->y + r->h)
                continue;
            if (r->kind == GP_ITEM_RECT && !r->u.rect.fill.none)
                bg = r->u.rect.fill, on_image = false;
            else if (r->kind == GP_ITEM_IMAGE)
                on_image = true;
        }
        if (on_image)
            continue;
        double size = it->u.glyphs.size;
        bool bold = it->u.glyphs.font && it->u.glyphs.font->weight >= 700;
        bool large = size >= 18 || (bold && size >= 14);
        double need = large ? 3.0 : 4.5;
        double cr = gp_contrast_ratio(it->u.glyphs.color, bg);
        if (cr + 0.005 < need) {
            char t[48];
            snippet(t, sizeof t, it);
            add(l, GP_LINT_CONTRAST, pno,
                "text \"%s\" (#%02x%02x%02x on #%02x%02x%02x, %.1fpt) has contrast %.2f:1, under "
                "%.1f:1 (WCAG AA)",
                t, (int)lround(it->u.glyphs.color.r * 255), (int)lround(it->u.glyphs.color.g * 255),
                (int)lround(it->u.glyphs.color.b * 255), (int)lround(bg.r * 255),
                (int)lround(bg.g * 255), (int)lround(bg.b * 255), size, cr, need);
        }
    }
}

/* Data items ------------------------------------------------------------------ */

/* Letters and digits only, case folded: what survives line breaks,
 * hyphenation, smart quotes, dashes and capitals. */
static void norm_append(GString *out, const char *s, size_t len)
{
    for (const char *p = s; p < s + len && *p;) {
        gunichar c = g_utf8_get_char_validated(p, (gssize)(s + len - p));
        if (c == (gunichar)-1 || c == (gunichar)-2) {
            p++;
            continue;
        }
        if (g_unichar_isalnum(c)) {
            char buf[8];
            gchar *f = NULL;
            int n = g_unichar_to_utf8(c, buf);
            f = g_utf8_casefold(buf, n);
            g_string_append(out, f);
            g_free(f);
        }
        p = g_utf8_next_char(p);
    }
}

/* Adds the alphanumeric runs of s ("£28,000" gives "28" and "000"),
 * normalised, to set. */
static void tokens(GHashTable *set, const char *s, size_t len)
{
    GString *x = g_string_new(NULL);
    for (const char *p = s; p <= s + len;) {
        gunichar c = p < s + len ? g_utf8_get_char_validated(p, (gssize)(s + len - p)) : 0;
        bool ok = c != (gunichar)-1 && c != (gunichar)-2 && c != 0 && g_unichar_isalnum(c);
        /* a group separator inside a number joins it: "28,000" is
         * "28000", as a locale that groups no figures prints it */
        if (!ok && (c == ',' || c == '.' || c == 0x202F || c == 0xA0) && x->len &&
            g_ascii_isdigit(x->str[x->len - 1]) && p + 1 < s + len && g_ascii_isdigit(p[1])) {
            p++;
            continue;
        }
        if (ok) {
            char buf[8];
            int n = g_unichar_to_utf8(c, buf);
            gchar *f = g_utf8_casefold(buf, n);
            g_string_append(x, f);
            g_free(f);
        } else if (x->len) {
            g_hash_table_add(set, g_strdup(x->str));
            g_string_truncate(x, 0);
        }
        if (p == s + len || c == (gunichar)-1 || c == (gunichar)-2 || c == 0)
            p++;
        else
            p = g_utf8_next_char(p);
    }
    g_string_free(x, TRUE);
}

typedef struct doc_text {
    bool rtl;          /* right-to-left document: runs may be in visual order */
    GHashTable *lines; /* guide line -> GString of the runs that show it */
    GString *all;      /* every glyph run, in display-list order */
    GHashTable *words; /* normalised words of the runs */
} doc_text;

/* Whether the pages show s: the runs that came from its line in the guide
 * (each glyph run carries the line of the value it shows) hold it, or,
 * for text the layout does not place from a line of its own, the whole
 * document does. */
static bool present(doc_text *d, const char *s, int line)
{
    if (!s || !*s)
        return true;
    GString *n = g_string_new(NULL);
    norm_append(n, s, strlen(s));
    GString *where = d->all;
    if (line > 0) {
        where = g_hash_table_lookup(d->lines, GINT_TO_POINTER(line));
        if (!where) {
            g_string_free(n, TRUE);
            return false;
        }
    }
    bool ok = n->len == 0 || strstr(where->str, n->str) != NULL;
    if (!ok && d->rtl) {
        /* Right-to-left lines with Latin or figures inside come out in
         * visual run order: then every word and number must be there. */
        GHashTable *mine = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        tokens(mine, s, strlen(s));
        GHashTableIter hi;
        gpointer key;
        ok = true;
        g_hash_table_iter_init(&hi, mine);
        while (ok && g_hash_table_iter_next(&hi, &key, NULL))
            if (!g_hash_table_contains(d->words, key))
                ok = false;
        g_hash_table_destroy(mine);
    }
    g_string_free(n, TRUE);
    return ok;
}

static void want(gp_lint *l, doc_text *d, const char *what, const gp_pos *pos, const char *s)
{
    if (pos && pos->line == 0) /* a default, not written in the guide (e.g. a */
        return;                /* derived title the layout translates) */
    if (present(d, s, pos ? pos->line : 0))
        return;
    add(l, GP_LINT_DROPPED, 0, "%s:%d: %s \"%.60s%s\" is missing from the pages",
        pos && pos->file ? pos->file : "guide", pos ? pos->line : 0, what, s,
        strlen(s) > 60 ? "..." : "");
}

/* A paragraph is looked for run by run after each link run (a print
 * style may put the link's address after it), as one text otherwise. */
static void want_rich(gp_lint *l, doc_text *d, const char *what, const gp_rich *r)
{
    for (size_t p = 0; p < r->n_paras; p++) {
        GString *o = g_string_new(NULL);
        for (size_t k = 0; k < r->paras[p].n_runs; k++) {
            const gp_run *run = &r->paras[p].runs[k];
            g_string_append(o, run->text ? run->text : "");
            if (run->url || k + 1 == r->paras[p].n_runs) {
                want(l, d, what, &r->pos, o->str);
                g_string_truncate(o, 0);
            }
        }
        g_string_free(o, TRUE);
    }
}

static void free_gstring(gpointer p)
{
    g_string_free(p, TRUE);
}

static void check_data(gp_lint *l, const gp_display *dl, const gp_guide *g, const gp_style *s)
{
    const char *lang = g->lang.s ? g->lang.s : "en";
    bool rtl = !strncmp(lang, "ar", 2) || !strncmp(lang, "ur", 2) || !strncmp(lang, "fa", 2) ||
               !strncmp(lang, "he", 2);
    doc_text d = {rtl, g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free_gstring),
                  g_string_new(NULL), g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL)};
    /* headers and footers (artifacts) stay out of the running text, so a
     * paragraph split over two pages reads on */
    int art = 0;
    for (size_t p = 0; p < dl->n_pages; p++)
        for (size_t i = 0; i < dl->pages[p].n_items; i++) {
            const gp_item *it = &dl->pages[p].items[i];
            if (it->kind == GP_ITEM_TAG_BEGIN || it->kind == GP_ITEM_TAG_END) {
                if (it->u.tag.tag == GP_TAG_ARTIFACT)
                    art += it->kind == GP_ITEM_TAG_BEGIN ? 1 : -1;
                continue;
            }
            if (it->kind != GP_ITEM_GLYPHS)
                continue;
            if (art <= 0)
                norm_append(d.all, it->u.glyphs.text, it->u.glyphs.text_len);
            if (it->src_line > 0) {
                GString *ln = g_hash_table_lookup(d.lines, GINT_TO_POINTER(it->src_line));
                if (!ln) {
                    ln = g_string_new(NULL);
                    g_hash_table_insert(d.lines, GINT_TO_POINTER(it->src_line), ln);
                }
                norm_append(ln, it->u.glyphs.text, it->u.glyphs.text_len);
            }
            tokens(d.words, it->u.glyphs.text, it->u.glyphs.text_len);
        }
    const char *cur = g->currency.s ? g->currency.s : "GBP";
    /* from and to make the default title; a guide with its own title
     * shows them where its style's header or footer asks */
    want(l, &d, "title", &g->title.pos, g->title.s);
    want_rich(l, &d, "summary", &g->summary);
    for (size_t i = 0; i < g->n_stats; i++) {
        want(l, &d, "stat", &g->stats[i].value.pos, g->stats[i].value.s);
        want(l, &d, "stat label", &g->stats[i].label.pos, g->stats[i].label.s);
    }
    for (size_t i = 0; i < g->n_sections; i++) {
        const gp_section *sec = &g->sections[i];
        if ((unsigned)sec->type >= GP_SEC__COUNT || s->sections[sec->type].hide)
            continue;
        want(l, &d, "section title", &sec->title.pos, sec->title.s);
        want_rich(l, &d, "intro", &sec->intro);
        want_rich(l, &d, "body", &sec->body);
        for (size_t k = 0; k < sec->n_skills; k++) {
            want(l, &d, "skill", &sec->skills[k].name.pos, sec->skills[k].name.s);
            want_rich(l, &d, "skill text", &sec->skills[k].from);
            want_rich(l, &d, "skill text", &sec->skills[k].to);
        }
        for (size_t k = 0; k < sec->n_gaps; k++) {
            want(l, &d, "gap", &sec->gaps[k].name.pos, sec->gaps[k].name.s);
            want_rich(l, &d, "gap text", &sec->gaps[k].why);
            want_rich(l, &d, "gap text", &sec->gaps[k].how);
        }
        want(l, &d, "duration", &sec->duration.pos, sec->duration.s);
        for (size_t k = 0; k < sec->n_steps; k++) {
            want(l, &d, "step", &sec->steps[k].title.pos, sec->steps[k].title.s);
            want(l, &d, "step time", &sec->steps[k].when.pos, sec->steps[k].when.s);
            want_rich(l, &d, "step detail", &sec->steps[k].detail);
        }
        for (size_t k = 0; k < sec->n_bands; k++)
            want(l, &d, "salary band", &sec->bands[k].pos, sec->bands[k].s);
        for (size_t r = 0; r < sec->n_roles; r++) {
            const gp_salary_role *ro = &sec->roles[r];
            want(l, &d, "salary role", &ro->name.pos, ro->name.s);
            for (size_t k = 0; k < ro->n_ranges; k++) {
                char m[96];
                gp_range_format(m, sizeof m, &ro->ranges[k], cur);
                want(l, &d, "salary range", &ro->ranges[k].pos, m);
            }
        }
        if (sec->type == GP_SEC_COMPARE) {
            want(l, &d, "panel title", &sec->left.title.pos, sec->left.title.s);
            want_rich(l, &d, "panel", &sec->left.body);
            want(l, &d, "panel title", &sec->right.title.pos, sec->right.title.s);
            want_rich(l, &d, "panel", &sec->right.body);
        }
        for (size_t k = 0; k < sec->n_items; k++)
            want_rich(l, &d, "list item", &sec->items[k]);
        for (size_t k = 0; k < sec->n_faqs; k++) {
            want(l, &d, "question", &sec->faqs[k].q.pos, sec->faqs[k].q.s);
            want_rich(l, &d, "answer", &sec->faqs[k].a);
        }
        want(l, &d, "link text", &sec->link_text.pos, sec->link_text.s);
        want_rich(l, &d, "note", &sec->note);
    }
    g_string_free(d.all, TRUE);
    g_hash_table_destroy(d.lines);
    g_hash_table_destroy(d.words);
}

/* Structure: headings, tables, charts, the last page ------------------------- */

typedef struct table_seg {
    int table, page;
    int rows;
    double top, bottom;
} table_seg;

static table_seg *seg_for(table_seg *segs, size_t *nseg, size_t cap, int table, int page)
{
    for (size_t k = *nseg; k-- > 0;)
        if (segs[k].table == table && segs[k].page == page)
            return &segs[k];
    if (*nseg == cap)
        return NULL;
    segs[*nseg] = (table_seg){table, page, 0, 1e9, -1e9};
    return &segs[(*nseg)++];
}

gp_lint *gp_layout_lint(const gp_display *dl, const gp_guide *g, const gp_style *s)
{
    gp_lint *l = gp_calloc(1, sizeof *l);
    if (!l || !dl || !s)
        return l;
    double body = s->page_height - s->margin_top - s->margin_bottom;
    int min_rows = s->breaks.table_min_rows > 0 ? s->breaks.table_min_rows : 2;
    /* tag state carried across pages */
    gp_tag stack[64];
    int depth = 0, table_id = 0, cur_table = 0, last_table_closed = 0;
    int last_table_page = -1;
    double last_table_h = 0;
    table_seg segs[256];
    size_t nseg = 0;
    for (size_t p = 0; p < dl->n_pages; p++) {
        const gp_page *pg = &dl->pages[p];
        int pno = (int)p + 1;
        titem *ti = gp_calloc(pg->n_items + 1, sizeof *ti);
        if (!ti) {
            l->nomem = true;
            break;
        }
        size_t n = 0;
        bool row_has_td = false;
        double heading_bottom = -1; /* last H2 on the page and nothing after it */
        bool after_heading_body = false;
        const char *heading_text = NULL;
        for (size_t i = 0; i < pg->n_items; i++) {
            const gp_item *it = &pg->items[i];
            if (it->kind == GP_ITEM_TAG_BEGIN) {
                gp_tag t = it->u.tag.tag;
                if (t == GP_TAG_TABLE) {
                    cur_table = ++table_id;
                }
                if (t == GP_TAG_TR)
                    row_has_td = false;
                if (t == GP_TAG_TD)
                    row_has_td = true;
                if (t == GP_TAG_FIGURE && last_table_closed == table_id && table_id > 0 &&
                    last_table_page >= 0 && last_table_page != pno) {
                    /* the figure's height: its items until the end tag */
                    double top = 1e9, bot = -1e9;
                    int dep = 0;
                    for (size_t j = i; j < pg->n_items; j++) {
                        const gp_item *x = &pg->items[j];
                        if (x->kind == GP_ITEM_TAG_BEGIN && x->u.tag.tag == GP_TAG_FIGURE)
                            dep++;
                        else if (x->kind == GP_ITEM_TAG_END && x->u.tag.tag == GP_TAG_FIGURE &&
                                 --dep == 0)
                            break;
                        else if (x->kind != GP_ITEM_TAG_BEGIN && x->kind != GP_ITEM_TAG_END) {
                            top = fmin(top, x->y);
                            bot = fmax(bot, x->y + x->h);
                        }
                    }
                    if (s->breaks.table_with_chart && bot > top && last_table_h + bot - top < body)
                        add(l, GP_LINT_TABLE_CHART, pno,
                            "the chart is on page %d, its table ends on page %d, though both fit "
                            "on one page",
                            pno, last_table_page);
                }
                if (depth < 64)
                    stack[depth] = t;
                depth++;
                continue;
            }
            if (it->kind == GP_ITEM_TAG_END) {
                if (depth > 0)
                    depth--;
                gp_tag t = depth < 64 ? stack[depth] : GP_TAG_P;
                if (t == GP_TAG_TR && row_has_td && cur_table) {
                    table_seg *sg = seg_for(segs, &nseg, 256, cur_table, pno);
                    if (sg)
                        sg->rows++;
                }
                if (t == GP_TAG_TABLE && cur_table) {
                    last_table_closed = cur_table;
                    last_table_page = pno;
                    last_table_h = 0;
                    for (size_t k = 0; k < nseg; k++)
                        if (segs[k].table == cur_table && segs[k].bottom > segs[k].top)
                            last_table_h += segs[k].bottom - segs[k].top;
                    cur_table = 0;
                }
                continue;
            }
            bool art = false, bodyc = false, heading = false;
            for (int k = 0; k < depth && k < 64; k++) {
                art |= stack[k] == GP_TAG_ARTIFACT;
                bodyc |= stack[k] == GP_TAG_P || stack[k] == GP_TAG_LI || stack[k] == GP_TAG_TR ||
                         stack[k] == GP_TAG_FIGURE || stack[k] == GP_TAG_TABLE;
                heading |= stack[k] == GP_TAG_H2;
            }
            ti[n++] = (titem){it, art, bodyc, cur_table, false};
            if (cur_table && !art && (it->kind == GP_ITEM_GLYPHS || it->kind == GP_ITEM_RECT)) {
                /* table extent on this page, for the table-chart rule */
                table_seg *sg = seg_for(segs, &nseg, 256, cur_table, pno);
                if (sg) {
                    sg->top = fmin(sg->top, it->y);
                    sg->bottom = fmax(sg->bottom, it->y + it->h);
                }
            }
            if (it->kind == GP_ITEM_GLYPHS && !art) {
                if (heading) {
                    heading_bottom = it->y + it->h;
                    heading_text = it->u.glyphs.text;
                    after_heading_body = false;
                } else if (bodyc) {
                    after_heading_body = true;
                }
            }
        }
        if (heading_bottom >= 0 && !after_heading_body && p + 1 < dl->n_pages) {
            char t[64];
            snprintf(t, sizeof t, "%.60s", heading_text ? heading_text : "");
            add(l, GP_LINT_STRANDED_HEADING, pno,
                "the heading \"%s\" ends page %d; its first item is on the next page", t, pno);
        }
        check_page(l, s, pg, pno, ti, n);
        /* the last page's fill */
        if (p + 1 == dl->n_pages && dl->n_pages > 1) {
            double bot = s->margin_top;
            for (size_t i = 0; i < n; i++)
                if (!ti[i].artifact && ti[i].it->kind != GP_ITEM_LINK)
                    bot = fmax(bot, ti[i].it->y + ti[i].it->h);
            double fill = (bot - s->margin_top) / body;
            if (fill < s->breaks.last_page_min_fill)
                add(l, GP_LINT_LAST_PAGE, pno,
                    "the last page is %.0f%% full (breaks.last_page_min_fill: %.0f%%)", fill * 100,
                    s->breaks.last_page_min_fill * 100);
        }
        gp_free(ti);
    }
    /* tables split with too few rows on a side */
    for (size_t k = 0; k < nseg; k++) {
        if (segs[k].rows == 0)
            continue;
        int total = 0, parts = 0;
        for (size_t j = 0; j < nseg; j++)
            if (segs[j].table == segs[k].table && segs[j].rows) {
                total += segs[j].rows;
                parts++;
            }
        if (parts > 1 && segs[k].rows < min_rows)
            add(l, GP_LINT_TABLE_SPLIT, segs[k].page,
                "a table is split with %d of its %d rows on page %d (at least %d on each side)",
                segs[k].rows, total, segs[k].page, min_rows);
    }
    if (g)
        check_data(l, dl, g, s);
    return l;
}
