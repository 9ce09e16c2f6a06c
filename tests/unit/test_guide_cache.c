/* test_guide_cache.c - the engine parses each guide file once (issue 14,
 * point 5): later renders of the same file clone the parsed guide; a file
 * changed on disk is read again; what one render sets (--set values, the
 * dated plan, ticked items, a note) never reaches the next; the warnings
 * of loading are reported by every render. Each check reads what was
 * rendered: the display list's text dump, and the PDF's bytes compared
 * with a fresh engine's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

#include "engine/engine.h"
#include "model/guide_clone.h"
#include "model/guide_struct.h"

#define REF GP_SOURCE_DIR "/data/guides/data-engineer-to-backend-developer.yaml"

static char dir[64];

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = s ? fread(s, 1, (size_t)n, f) : 0;
    fclose(f);
    if (!s || got != (size_t)n) {
        free(s);
        return NULL;
    }
    s[n] = '\0';
    if (len)
        *len = (size_t)n;
    return s;
}

/* The reference guide with the title title and, when bidi, a U+202E
 * before `to`'s value (a warning at load, line 6). */
static void write_guide(const char *path, const char *title, bool bidi)
{
    char *src = slurp(REF, NULL);
    assert_non_null(src);
    char *to = strstr(src, "\nto: ");
    char *t = strstr(src, "\ntitle: ");
    assert_non_null(to);
    assert_non_null(t);
    assert_true(to < t);
    char *t_end = strchr(t + 1, '\n');
    assert_non_null(t_end);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(src, 1, (size_t)(to - src), f);
    fprintf(f, "\nto: %s", bidi ? "\xE2\x80\xAE" : "");
    fwrite(to + 5, 1, (size_t)(t - (to + 5)), f);
    fprintf(f, "\ntitle: \"%s\"", title);
    fputs(t_end, f);
    fclose(f);
    free(src);
}

typedef struct out {
    char *pdf, *dump;
    size_t pdf_len;
    gp_diags *d;
} out;

static void out_free(out *o)
{
    free(o->pdf);
    free(o->dump);
    gp_diags_free(o->d);
}

/* One render of guide with n --set pairs; returns the PDF and the dump. */
static out render(gp_engine *e, const char *guide, const char *const *kv, size_t n)
{
    char pdf[96], dump[96];
    snprintf(pdf, sizeof pdf, "%s/out.pdf", dir);
    snprintf(dump, sizeof dump, "%s/out.dump", dir);
    const char *keys[8], *values[8];
    for (size_t i = 0; i < n; i++) {
        keys[i] = kv[2 * i];
        values[i] = kv[2 * i + 1];
    }
    gp_render_request req;
    gp_render_request_init(&req);
    req.guide_path = guide;
    req.output_path = pdf;
    req.dump_path = dump;
    req.set_keys = keys;
    req.set_values = values;
    req.n_set = n;
    out o = {0};
    o.d = gp_diags_new();
    assert_int_equal(gp_render(e, &req, NULL, o.d), 0);
    o.pdf = slurp(pdf, &o.pdf_len);
    o.dump = slurp(dump, NULL);
    assert_non_null(o.pdf);
    assert_non_null(o.dump);
    unlink(pdf);
    unlink(dump);
    return o;
}

static gp_engine *engine(void)
{
    gp_diags *d = gp_diags_new();
    gp_engine *e = gp_engine_new(NULL, d);
    assert_non_null(e);
    gp_diags_free(d);
    return e;
}

/* The same render by an engine that has rendered nothing before. */
static void assert_as_fresh(const out *o, const char *guide, const char *const *kv, size_t n)
{
    gp_engine *e = engine();
    out f = render(e, guide, kv, n);
    assert_int_equal(o->pdf_len, f.pdf_len);
    assert_memory_equal(o->pdf, f.pdf, f.pdf_len);
    assert_string_equal(o->dump, f.dump);
    out_free(&f);
    gp_engine_free(e);
}

static void parsed_once(void **state)
{
    (void)state;
    char guide[96];
    snprintf(guide, sizeof guide, "%s/g.yaml", dir);
    write_guide(guide, "Title Version A", false);
    gp_engine *e = engine();
    for (int i = 0; i < 4; i++) {
        out o = render(e, guide, NULL, 0);
        assert_non_null(strstr(o.dump, "Title Version A"));
        out_free(&o);
    }
    gp_engine_guide_stats st;
    gp_engine_guide_stats_get(e, &st);
    assert_int_equal(st.parses, 1); /* 4 would mean every render parsed it */
    assert_int_equal(st.hits, 3);
    gp_engine_free(e);
    unlink(guide);
}

static void changed_file_read_again(void **state)
{
    (void)state;
    char guide[96];
    snprintf(guide, sizeof guide, "%s/g.yaml", dir);
    write_guide(guide, "Title Version A", false);
    gp_engine *e = engine();
    out a = render(e, guide, NULL, 0);
    /* same length, same inode, maybe the same mtime: only the bytes change */
    write_guide(guide, "Title Version B", false);
    out b = render(e, guide, NULL, 0);
    assert_non_null(strstr(a.dump, "Title Version A"));
    assert_null(strstr(a.dump, "Title Version B"));
    assert_non_null(strstr(b.dump, "Title Version B"));
    assert_null(strstr(b.dump, "Title Version A"));
    /* replaced by another file (a new inode), as editors save */
    char tmp[96];
    snprintf(tmp, sizeof tmp, "%s/g.new", dir);
    write_guide(tmp, "Another Title Entirely", false);
    assert_int_equal(rename(tmp, guide), 0);
    out c = render(e, guide, NULL, 0);
    assert_non_null(strstr(c.dump, "Another Title Entirely"));
    gp_engine_guide_stats st;
    gp_engine_guide_stats_get(e, &st);
    assert_int_equal(st.parses, 3);
    assert_int_equal(st.stale, 2);
    assert_as_fresh(&c, guide, NULL, 0);
    out_free(&a);
    out_free(&b);
    out_free(&c);
    gp_engine_free(e);
    unlink(guide);
}

static void nothing_leaks_to_the_next_render(void **state)
{
    (void)state;
    char guide[96];
    snprintf(guide, sizeof guide, "%s/g.yaml", dir);
    write_guide(guide, "Title Version A", false);
    gp_engine *e = engine();
    const char *row1[] = {"prepared_for", "Alice Liddell", "start",  "2027-01-11",
                          "title",        "Alice's plan",  "lang",   "cy",
                          "date",         "2026-05-04",    "kicker", "For Alice"};
    out a = render(e, guide, row1, 6);
    /* in Welsh: "Prepared for", the plan's line and the dated steps */
    assert_non_null(strstr(a.dump, "Paratowyd ar gyfer Alice Liddell"));
    assert_non_null(strstr(a.dump, "Cynllun: 11 Ionawr 2027"));
    assert_non_null(strstr(a.dump, "Ion 2027\""));
    out b = render(e, guide, NULL, 0);
    assert_null(strstr(b.dump, "Alice"));
    assert_null(strstr(b.dump, "Paratowyd"));
    assert_null(strstr(b.dump, "Cynllun"));
    assert_null(strstr(b.dump, "Plan: "));
    assert_null(strstr(b.dump, "2027")); /* no dated step */
    assert_non_null(strstr(b.dump, "\"Week 1\xE2\x80\x93"
                                   "2\"")); /* the step as written */
    assert_as_fresh(&b, guide, NULL, 0);
    const char *row3[] = {"prepared_for", "Bob", "start", "2028-03-01"};
    out c = render(e, guide, row3, 2);
    assert_null(strstr(c.dump, "Alice"));
    assert_non_null(strstr(c.dump, "Prepared for Bob"));
    assert_as_fresh(&c, guide, row3, 2);
    gp_engine_guide_stats st;
    gp_engine_guide_stats_get(e, &st);
    assert_int_equal(st.parses, 1);
    out_free(&a);
    out_free(&b);
    out_free(&c);
    gp_engine_free(e);
    unlink(guide);
}

static void warnings_every_time(void **state)
{
    (void)state;
    char guide[96];
    snprintf(guide, sizeof guide, "%s/w.yaml", dir);
    write_guide(guide, "Title Version A", true);
    gp_engine *e = engine();
    for (int i = 0; i < 3; i++) {
        out o = render(e, guide, NULL, 0);
        size_t n = 0;
        for (size_t k = 0; k < gp_diags_count(o.d); k++) {
            const gp_diag *g = gp_diags_get(o.d, k);
            if (g->severity == GP_SEV_WARNING && strstr(g->message, "U+202E")) {
                assert_string_equal(g->file, guide);
                assert_int_equal(g->line, 6);
                n++;
            }
        }
        assert_int_equal(n, 1);
        out_free(&o);
    }
    gp_engine_guide_stats st;
    gp_engine_guide_stats_get(e, &st);
    assert_int_equal(st.parses, 1);
    gp_engine_free(e);
    unlink(guide);
}

static bool keep_none(void *ctx, size_t section, size_t item)
{
    (void)ctx;
    (void)section;
    (void)item;
    return false;
}

/* The clone's own arrays: ticking every item off and adding a note in a
 * clone leaves the template (and the next clone) as loaded. */
static void clone_is_deep(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_guide *t = gp_guide_load_file(REF, NULL, d);
    assert_non_null(t);
    size_t n_sections = t->n_sections, steps = 0;
    for (size_t i = 0; i < t->n_sections; i++)
        steps += t->sections[i].type == GP_SEC_TIMELINE ? t->sections[i].n_steps : 0;
    assert_true(steps > 0);
    gp_guide *c = gp_guide_clone(t);
    assert_non_null(c);
    assert_ptr_not_equal(c->sections, t->sections);
    assert_true(gp_guide_keep_items(c, keep_none, NULL) >= steps);
    assert_int_equal(gp_guide_add_note(c, "Note", "Only for *you*.", d), 0);
    assert_int_equal(gp_guide_set(c, "prepared_for", "Alice", d), 0);
    assert_true(c->n_sections < n_sections + 1);
    gp_guide_free(c);
    assert_int_equal(t->n_sections, n_sections);
    assert_null(t->prepared_for.s);
    size_t after = 0;
    for (size_t i = 0; i < t->n_sections; i++)
        after += t->sections[i].type == GP_SEC_TIMELINE ? t->sections[i].n_steps : 0;
    assert_int_equal(after, steps);
    gp_guide *c2 = gp_guide_clone(t);
    assert_int_equal(c2->n_sections, n_sections);
    assert_string_equal(c2->title.s, t->title.s);
    gp_guide_free(c2);
    gp_guide_free(t);
    gp_diags_free(d);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/gp-guide-cache-XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parsed_once),
        cmocka_unit_test(changed_file_read_again),
        cmocka_unit_test(nothing_leaks_to_the_next_render),
        cmocka_unit_test(warnings_every_time),
        cmocka_unit_test(clone_is_deep),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    rmdir(dir);
    return rc;
}
