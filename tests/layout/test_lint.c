/* tests/layout/test_lint.c - the layout linter finds what it must (issue 20).
 *
 * usage: test_lint SOURCE_DIR
 *
 * For each section type of the seed guide: the guide is laid out with only
 * that section type shown, the linter must find nothing; then the glyph
 * runs showing the section's first data item are taken out of the display
 * list, and the linter must report that item as dropped. So every section
 * type's data items are accounted for in the display list, and a dropped
 * one is caught. Then text moved off the page, text laid over text, and a
 * fill threshold nobody meets must each give their finding. */
#include <guidepress/guidepress.h>

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The test edits the display list in place (drops and moves items) and
 * the style (hides sections, raises a threshold), so it uses the library's
 * own view of them. */
#include "display/display_struct.h"
#include "model/style_struct.h"

static int failures = 0;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static char *norm(const char *s, size_t len)
{
    GString *o = g_string_new(NULL);
    for (const char *p = s; p < s + len && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c)) {
            char buf[8];
            int n = g_unichar_to_utf8(c, buf);
            gchar *f = g_utf8_casefold(buf, n);
            g_string_append(o, f);
            g_free(f);
        }
    }
    return g_string_free(o, FALSE);
}

/* Takes out every glyph run whose text is part of item; returns how many. */
static size_t remove_runs(gp_display *dl, const char *item)
{
    char *want = norm(item, strlen(item));
    size_t removed = 0;
    for (size_t p = 0; p < dl->n_pages; p++) {
        gp_page *pg = &dl->pages[p];
        size_t k = 0;
        for (size_t i = 0; i < pg->n_items; i++) {
            gp_item *it = &pg->items[i];
            if (it->kind == GP_ITEM_GLYPHS) {
                char *t = norm(it->u.glyphs.text, it->u.glyphs.text_len);
                bool part = t[0] && strstr(want, t) != NULL;
                g_free(t);
                if (part) {
                    removed++;
                    continue;
                }
            }
            pg->items[k++] = *it;
        }
        pg->n_items = k;
    }
    g_free(want);
    return removed;
}

static size_t count_kind(const gp_lint *l, gp_lint_kind k, const char *needle)
{
    size_t n = 0;
    for (size_t i = 0; i < gp_lint_count(l); i++) {
        const gp_lint_finding *f = gp_lint_get(l, i);
        if (f->kind == k && (!needle || strstr(f->message, needle)))
            n++;
    }
    return n;
}

static void print_findings(const gp_lint *l)
{
    for (size_t i = 0; i < gp_lint_count(l); i++)
        fprintf(stderr, "  page %d: %s: %s\n", gp_lint_get(l, i)->page,
                gp_lint_kind_name(gp_lint_get(l, i)->kind), gp_lint_get(l, i)->message);
}

/* The first data item of a section, as the linter names it. */
static const char *first_item(const gp_section *s, char *buf, size_t cap)
{
    switch (s->type) {
    case GP_SEC_SKILLS: return s->n_skills ? s->skills[0].name.s : NULL;
    case GP_SEC_GAPS: return s->n_gaps ? s->gaps[0].name.s : NULL;
    case GP_SEC_TIMELINE: return s->n_steps ? s->steps[0].title.s : NULL;
    case GP_SEC_SALARY: return s->n_roles ? s->roles[0].name.s : NULL;
    case GP_SEC_COMPARE: return s->left.title.s;
    case GP_SEC_FAQ: return s->n_faqs ? s->faqs[0].q.s : NULL;
    case GP_SEC_CTA: return s->link_text.s;
    case GP_SEC_LIST:
    case GP_SEC_PROSE: {
        const gp_rich *r = s->type == GP_SEC_LIST ? (s->n_items ? &s->items[0] : NULL) : &s->body;
        if (!r || !r->n_paras)
            return NULL;
        buf[0] = '\0';
        for (size_t k = 0; k < r->paras[0].n_runs; k++)
            strncat(buf, r->paras[0].runs[k].text, cap - strlen(buf) - 1);
        return buf;
    }
    default: return NULL;
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: test_lint SOURCE_DIR\n", stderr);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/data/guides/data-engineer-to-backend-developer.yaml", argv[1]);
    gp_diags *d = gp_diags_new();
    gp_engine_options eo = {argv[1], NULL};
    gp_engine *e = gp_engine_new(&eo, d);
    gp_guide *g = e ? gp_guide_load_file(path, NULL, d) : NULL;
    char spath[4096];
    snprintf(spath, sizeof spath, "%s/styles/default.yaml", argv[1]);
    gp_style *st = g ? gp_style_load_file(spath, NULL, NULL, d) : NULL;
    if (!st) {
        fprintf(stderr, "test_lint: cannot load the engine, seed guide or default style\n");
        return 1;
    }
    gp_fonts *fonts = gp_engine_fonts(e);

    bool seen[GP_SEC__COUNT] = {0};
    for (size_t i = 0; i < gp_guide_section_count(g); i++) {
        gp_section_type t = gp_guide_section(g, i)->type;
        if (seen[t])
            continue;
        seen[t] = true;
        for (int k = 0; k < GP_SEC__COUNT; k++)
            st->sections[k].hide = k != (int)t;
        gp_display *dl = gp_layout_run(fonts, g, st, NULL, NULL, d);
        CHECK(dl, "%s: layout failed", gp_section_type_name(t));
        if (!dl)
            continue;
        gp_lint *l = gp_layout_lint(dl, g, st);
        CHECK(count_kind(l, GP_LINT_DROPPED, NULL) == 0, "%s: dropped items in a clean layout",
              gp_section_type_name(t));
        gp_lint_free(l);
        char buf[2048];
        const char *item = first_item(gp_guide_section(g, i), buf, sizeof buf);
        CHECK(item != NULL, "%s: no first item", gp_section_type_name(t));
        size_t removed = item ? remove_runs(dl, item) : 0;
        CHECK(removed > 0, "%s: no glyph run shows \"%s\"", gp_section_type_name(t),
              item ? item : "");
        l = gp_layout_lint(dl, g, st);
        char needle[24];
        snprintf(needle, sizeof needle, "\"%.12s", item ? item : "");
        size_t found = count_kind(l, GP_LINT_DROPPED, needle);
        CHECK(found > 0, "%s: taking out \"%s\" (%zu runs) was not reported as dropped",
              gp_section_type_name(t), item ? item : "", removed);
        if (found == 0)
            print_findings(l);
        else
            printf("ok: %s: \"%.40s\" taken out, reported as dropped\n", gp_section_type_name(t),
                   item);
        gp_lint_free(l);
        gp_display_free(dl);
    }
    for (int k = 0; k < GP_SEC__COUNT; k++)
        st->sections[k].hide = false;
    for (int k = 0; k < GP_SEC__COUNT; k++)
        CHECK(seen[k], "the seed guide has no %s section",
              gp_section_type_name((gp_section_type)k));

    /* geometry: text off the page, text over text */
    gp_display *dl = gp_layout_run(fonts, g, st, NULL, NULL, d);
    CHECK(dl != NULL, "seed layout failed");
    if (dl) {
        gp_lint *l = gp_layout_lint(dl, g, st);
        CHECK(gp_lint_count(l) == 0, "the seed guide has %zu findings", gp_lint_count(l));
        print_findings(l);
        gp_lint_free(l);
        gp_page *pg = &dl->pages[1];
        gp_item *a = NULL, *b = NULL;
        for (size_t i = 0; i < pg->n_items; i++)
            if (pg->items[i].kind == GP_ITEM_GLYPHS) {
                if (!a)
                    a = &pg->items[i];
                else if (!b && pg->items[i].y > a->y + a->h + 20)
                    b = &pg->items[i];
            }
        CHECK(a && b, "page 2 has no two text lines");
        if (a && b) {
            double dy = a->y - b->y + 3; /* b now sits 3pt under a's top */
            b->y += dy;
            for (size_t k = 0; k < b->u.glyphs.n_glyphs; k++)
                b->u.glyphs.glyphs[k].y += dy;
            gp_item *c = NULL; /* another line, moved off the page */
            for (size_t i = pg->n_items; i-- > 0 && !c;)
                if (pg->items[i].kind == GP_ITEM_GLYPHS && &pg->items[i] != a && &pg->items[i] != b)
                    c = &pg->items[i];
            if (c)
                c->x = -400;
            l = gp_layout_lint(dl, g, st);
            CHECK(count_kind(l, GP_LINT_OVERLAP, NULL) >= 1, "text over text not reported");
            CHECK(count_kind(l, GP_LINT_OUTSIDE, NULL) >= 1, "text off the page not reported");
            printf("ok: %zu overlap and %zu outside findings\n",
                   count_kind(l, GP_LINT_OVERLAP, NULL), count_kind(l, GP_LINT_OUTSIDE, NULL));
            gp_lint_free(l);
        }
        st->breaks.last_page_min_fill = 0.99;
        l = gp_layout_lint(dl, g, st);
        CHECK(count_kind(l, GP_LINT_LAST_PAGE, NULL) == 1, "a last page under 99%% not reported");
        gp_lint_free(l);
        gp_display_free(dl);
    }
    gp_style_free(st);
    gp_guide_free(g);
    gp_engine_free(e);
    gp_diags_free(d);
    if (failures)
        fprintf(stderr, "%d failures\n", failures);
    return failures ? 1 : 0;
}
