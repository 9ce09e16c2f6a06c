/* tests/api/opaque_api.c - the accessors of the opaque gp_guide, gp_style
 * and gp_display used the
 * way a program outside this repository would: <guidepress/...> headers
 * only, linked against libguidepress.so (an accessor that is not exported
 * fails the link).
 *
 * usage: opaque_api GUIDE STYLE OUT.pdf
 *
 * Loads the guide and the style, lays the guide out, paints that very
 * display list to OUT.pdf with the PDF painter, and prints what the
 * accessors return, one "key<TAB>value" line each; check_api.py compares
 * the lines with the guide and style files (read with PyYAML) and with pdfinfo,
 * pdffonts and pdftotext of OUT.pdf. What the program can check on its own
 * (a glyph run's font is one of the display's fonts, out-of-range indexes
 * give nothing) fails it here with a FAIL line. */
#include <guidepress/guidepress.h>

#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static int file_write(void *closure, const unsigned char *data, size_t len)
{
    return fwrite(data, 1, len, closure) == len ? 0 : -1;
}

/* A value on one line after "key<TAB>" (nothing when key is NULL): tabs
 * and newlines become spaces. */
static void put(const char *key, const char *value)
{
    if (key)
        printf("%s\t", key);
    for (const char *p = value ? value : "(null)"; *p; p++)
        putchar(*p == '\t' || *p == '\n' ? ' ' : *p);
    putchar('\n');
}

static void display(const gp_display *dl)
{
    size_t np = gp_display_page_count(dl), nf = gp_display_font_count(dl);
    printf("display.pages\t%zu\n", np);
    for (size_t i = 0; i < np; i++) {
        double w = 0, h = 0;
        CHECK(gp_display_page_size(dl, i, &w, &h) == 0, "page %zu has no size", i + 1);
        size_t n = 0, glyphs = 0;
        const gp_item *it = gp_display_page_items(dl, i, &n);
        CHECK(n > 0 && it, "page %zu has no items", i + 1);
        for (size_t k = 0; k < n; k++) {
            if (it[k].kind != GP_ITEM_GLYPHS)
                continue;
            glyphs++;
            const gp_font *f = it[k].u.glyphs.font;
            CHECK(f && f->id >= 0 && gp_display_font(dl, (size_t)f->id) == f,
                  "page %zu item %zu: its font is not the display's font %d", i + 1, k,
                  f ? f->id : -1);
        }
        printf("display.page\t%zu %.2f %.2f %zu %zu\n", i + 1, w, h, n, glyphs);
        /* The text of the page's glyph runs, in painting order. */
        printf("display.text\t%zu\t", i + 1);
        for (size_t k = 0; k < n; k++)
            if (it[k].kind == GP_ITEM_GLYPHS) {
                for (size_t b = 0; b < it[k].u.glyphs.text_len; b++) {
                    char c = it[k].u.glyphs.text[b];
                    putchar(c == '\t' || c == '\n' ? ' ' : c);
                }
                putchar(' ');
            }
        putchar('\n');
    }
    /* Out of range: nothing, and nothing stored. */
    double w = -1;
    size_t n = 7;
    CHECK(gp_display_page_size(dl, np, &w, NULL) == -1 && w == -1, "page_size past the end");
    CHECK(gp_display_page_items(dl, np, &n) == NULL && n == 0, "page_items past the end");
    CHECK(gp_display_font(dl, nf) == NULL, "font past the end");
    CHECK(gp_display_page_count(NULL) == 0 && gp_display_meta(NULL) == NULL, "NULL display");

    printf("display.fonts\t%zu\n", nf);
    for (size_t i = 0; i < nf; i++) {
        const gp_font *f = gp_display_font(dl, i);
        CHECK(f && f->id == (int)i, "font %zu has id %d", i, f ? f->id : -1);
        if (f)
            printf("display.font\t%s\t%d\t%d\n", f->family, f->weight, f->italic ? 1 : 0);
    }
    const gp_meta *m = gp_display_meta(dl);
    put("display.meta.title", m->title);
    put("display.meta.lang", m->lang);
}

static void guide(const gp_guide *g)
{
    put("guide.path", gp_guide_path(g));
    put("guide.title", gp_guide_title(g));
    put("guide.from", gp_guide_from(g));
    put("guide.to", gp_guide_to(g));
    put("guide.market", gp_guide_market(g));
    put("guide.lang", gp_guide_lang(g));
    put("guide.currency", gp_guide_currency(g));
    size_t n = gp_guide_section_count(g);
    printf("guide.sections\t%zu\n", n);
    for (size_t i = 0; i < n; i++) {
        const gp_section *sec = gp_guide_section(g, i);
        CHECK(sec, "section %zu is NULL", i);
        if (!sec)
            continue;
        /* the count of the section's own items, by type */
        size_t items =
            sec->n_skills + sec->n_gaps + sec->n_steps + sec->n_roles + sec->n_items + sec->n_faqs;
        printf("guide.section\t%s\t%zu\t%d\t", gp_section_type_name(sec->type), items,
               sec->pos.line);
        put(NULL, sec->title.s);
    }
    CHECK(gp_guide_section(g, n) == NULL, "section past the end");
    size_t ns = gp_guide_stat_count(g);
    for (size_t i = 0; i < ns; i++) {
        const gp_stat *st = gp_guide_stat(g, i);
        CHECK(st && st->value.s && st->label.s, "stat %zu", i);
        if (st)
            printf("guide.stat\t%s\t%s\n", st->value.s, st->label.s);
    }
    CHECK(gp_guide_stat(g, ns) == NULL, "stat past the end");
    CHECK(gp_guide_title(NULL) == NULL && gp_guide_section_count(NULL) == 0, "NULL guide");
}

static void style(const gp_style *s)
{
    put("style.name", gp_style_name(s));
    put("style.path", gp_style_path(s));
    put("style.brand_name", gp_style_brand_name(s));
    put("style.logo", gp_style_logo(s));
    gp_page_geometry p;
    gp_style_page(s, &p);
    printf("style.page\t%s %.3f %.3f %.3f %.3f %.3f %.3f\n", p.size_name, p.width, p.height,
           p.margin_top, p.margin_right, p.margin_bottom, p.margin_left);
    for (int r = 0; r < GP_TS__COUNT; r++) {
        const gp_text_style *t = gp_style_text(s, (gp_text_role)r);
        CHECK(t && t->family && t->size > 0, "text role %d", r);
        if (t)
            printf("style.text\t%s %s\t%.3f %.3f %d\n", gp_text_role_name((gp_text_role)r),
                   t->family, t->size, t->leading, t->weight);
    }
    CHECK(gp_style_text(s, GP_TS__COUNT) == NULL, "text role past the end");
    gp_color c;
    CHECK(!gp_style_color(s, "no-such-colour", &c), "an unknown colour is found");
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: opaque_api GUIDE STYLE OUT.pdf\n");
        return 2;
    }
    gp_diags *d = gp_diags_new();
    gp_engine *e = gp_engine_new(NULL, d);
    gp_guide *g = e ? gp_guide_load_file(argv[1], gp_engine_limits(e), d) : NULL;
    const gp_style *s = g ? gp_engine_style(e, argv[2], d) : NULL;
    gp_display *dl = NULL;
    if (s) {
        gp_layout_options lo = {.date = 1700000000, .creator = "opaque_api"};
        dl = gp_layout_run(gp_engine_fonts_for(e, s), g, s, &lo, gp_engine_limits(e), d);
    }
    int rc = 1;
    FILE *out = dl ? fopen(argv[3], "wb") : NULL;
    if (out) {
        gp_pdf_options po = {.tagged = true};
        gp_painter *p = gp_painter_pdf_new(&po, file_write, out, d);
        rc = p && gp_paint(p, dl, d) == 0 ? 0 : 1;
        gp_painter_free(p);
        if (fclose(out))
            rc = 1;
    }
    for (size_t i = 0; i < gp_diags_count(d); i++)
        fprintf(stderr, "%s\n", gp_diags_get(d, i)->message);
    if (rc == 0) {
        guide(g);
        style(s);
        display(dl);
    }
    gp_display_free(dl);
    gp_guide_free(g);
    gp_engine_free(e);
    gp_diags_free(d);
    return rc || failures ? 1 : 0;
}
