/* tests/unit/test_guide.c - loading and validating guides: the seed guide's
 * real counts, defaults and derived stats, error collection with paths and
 * positions, --set, and clean failure when memory runs out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <guidepress/guide.h>

#include "base/alloc.h"
#include "model/guide_struct.h"

#ifndef GP_SOURCE_DIR
#define GP_SOURCE_DIR "."
#endif
#define SEED GP_SOURCE_DIR "/data/guides/data-engineer-to-backend-developer.yaml"

static gp_guide *load(const char *s, gp_diags *d)
{
    return gp_guide_load_memory(s, strlen(s), "g.yaml", NULL, d);
}

static const gp_diag *find_diag(const gp_diags *d, const char *sub)
{
    for (size_t i = 0; i < gp_diags_count(d); i++)
        if (strstr(gp_diags_get(d, i)->message, sub))
            return gp_diags_get(d, i);
    return NULL;
}

static void dump(const gp_diags *d)
{
    for (size_t i = 0; i < gp_diags_count(d); i++) {
        const gp_diag *g = gp_diags_get(d, i);
        print_message("  %d:%d [%s] %s\n", g->line, g->col, g->path ? g->path : "-", g->message);
    }
}

static void test_seed_guide(void **state)
{
    (void)state;
    if (access(SEED, R_OK) != 0) {
        print_message("seed guide %s is absent; skipping\n", SEED);
        skip();
    }
    gp_diags *d = gp_diags_new();
    gp_guide *g = gp_guide_load_file(SEED, NULL, d);
    if (!g)
        dump(d);
    assert_non_null(g);
    assert_int_equal(gp_diags_count(d), 0);
    assert_int_equal(g->version, 1);
    assert_string_equal(g->from.s, "Data Engineer");
    assert_string_equal(g->to.s, "Backend Developer");
    assert_string_equal(g->title.s, "Data Engineer to Backend Developer");
    assert_string_equal(g->currency.s, "GBP");
    assert_string_equal(g->lang.s, "en-GB");
    assert_int_equal(g->n_stats, 3);
    assert_false(g->stats_derived);

    size_t skills = 0, direct = 0, gaps = 0, steps = 0, faqs = 0, lists = 0, ctas = 0;
    size_t list_items[2] = {0, 0};
    const gp_section *salary = NULL, *cta = NULL;
    for (size_t i = 0; i < g->n_sections; i++) {
        const gp_section *s = &g->sections[i];
        assert_non_null(s->title.s);
        switch (s->type) {
        case GP_SEC_SKILLS:
            skills += s->n_skills;
            for (size_t k = 0; k < s->n_skills; k++) {
                direct += s->skills[k].direct;
                assert_true(s->skills[k].from.n_paras >= 1);
            }
            assert_string_equal(s->from_label.s, "As a Data Engineer");
            assert_string_equal(s->to_label.s, "As a Backend Developer");
            break;
        case GP_SEC_GAPS: gaps += s->n_gaps; break;
        case GP_SEC_TIMELINE:
            steps += s->n_steps;
            assert_string_equal(s->duration.s, "6-12 months");
            break;
        case GP_SEC_SALARY: salary = s; break;
        case GP_SEC_LIST:
            if (lists < 2)
                list_items[lists] = s->n_items;
            lists++;
            assert_int_equal(s->list_style, GP_LIST_NUMBERED);
            break;
        case GP_SEC_FAQ: faqs += s->n_faqs; break;
        case GP_SEC_CTA:
            cta = s;
            ctas++;
            break;
        default: break;
        }
    }
    assert_int_equal(skills, 4);
    assert_int_equal(direct, 1);
    assert_int_equal(gaps, 5);
    assert_int_equal(steps, 7);
    assert_int_equal(lists, 2);
    assert_int_equal(list_items[0], 5);
    assert_int_equal(list_items[1], 6);
    assert_int_equal(faqs, 6);
    assert_int_equal(ctas, 1);

    assert_non_null(salary);
    assert_int_equal(salary->n_bands, 3);
    assert_int_equal(salary->n_roles, 2);
    for (size_t r = 0; r < 2; r++)
        assert_int_equal(salary->roles[r].n_ranges, 3);
    const gp_range *top = &salary->roles[0].ranges[2];
    assert_true(top->min == 80000 && top->max == 130000 && top->open_ended);
    assert_false(salary->roles[0].ranges[0].open_ended);
    assert_true(salary->body.n_paras == 2);
    char buf[64];
    gp_range_format(buf, sizeof buf, top, g->currency.s);
    assert_string_equal(buf, "\xC2\xA3"
                             "80,000\xE2\x80\x93\xC2\xA3"
                             "130,000+");

    assert_non_null(cta);
    assert_string_equal(cta->link_url.s,
                        "https://www.example.com/interview-practice/backend-developer");
    assert_non_null(cta->link_text.s);
    assert_int_equal(cta->note.n_paras, 1);
    assert_true(cta->pos.line > 1);
    assert_string_equal(cta->pos.file, SEED);

    gp_guide_free(g);
    gp_diags_free(d);
}

static const char *minimal = "guide: 1\n"
                             "from: Accountant\n"
                             "to: Data Analyst\n"
                             "summary: \"A **short** summary.\\n\\nSecond paragraph.\"\n"
                             "sections:\n"
                             "  - type: skills\n"
                             "    title: Skills\n"
                             "    items:\n"
                             "      - {name: Excel, direct: true, from: a, to: b}\n"
                             "      - {name: Rigour, from: a, to: b}\n"
                             "  - type: timeline\n"
                             "    title: Plan\n"
                             "    duration: 3-6 months\n"
                             "    steps:\n"
                             "      - {title: One, when: Week 1, detail: x}\n"
                             "      - {title: Two, when: Week 2, detail: y}\n"
                             "      - {title: Three, when: Week 3, detail: z}\n"
                             "  - type: list\n"
                             "    title: Tips\n"
                             "    items: [one, two]\n"
                             "  - type: cta\n"
                             "    title: Go\n"
                             "    body: Start now.\n";

static void test_defaults_and_derived_stats(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_guide *g = load(minimal, d);
    if (!g)
        dump(d);
    assert_non_null(g);
    assert_string_equal(g->title.s, "Accountant to Data Analyst");
    assert_int_equal(g->title.pos.line, 0);
    assert_string_equal(g->lang.s, "en-GB");
    assert_string_equal(g->currency.s, "GBP");
    assert_null(g->kicker.s);
    assert_int_equal(g->summary.n_paras, 2);
    assert_int_equal(g->summary.paras[0].n_runs, 3);
    assert_int_equal(g->summary.paras[0].runs[1].flags, GP_RUN_BOLD);
    assert_int_equal(g->summary.pos.line, 4);
    assert_string_equal(g->sections[0].from_label.s, "As an Accountant");
    assert_string_equal(g->sections[0].to_label.s, "As a Data Analyst");
    assert_true(g->sections[0].skills[0].direct);
    assert_false(g->sections[0].skills[1].direct);
    assert_int_equal(g->sections[2].list_style, GP_LIST_BULLETS);
    assert_null(g->sections[3].link_text.s);

    assert_true(g->stats_derived);
    assert_int_equal(g->n_stats, 3);
    assert_string_equal(g->stats[0].value.s, "3-6 months");
    assert_string_equal(g->stats[0].label.s, "timeline");
    assert_string_equal(g->stats[1].value.s, "2");
    assert_string_equal(g->stats[1].label.s, "transferable skills");
    assert_string_equal(g->stats[2].value.s, "3");
    assert_string_equal(g->stats[2].label.s, "steps");
    gp_guide_free(g);
    gp_diags_free(d);
}

static void test_errors_collected_in_order(void **state)
{
    (void)state;
    const char *s = "guide: 1\n"
                    "from: Nurse\n"
                    "lang: english\n"
                    "date: 2024-02-30\n"
                    "sections:\n"
                    "  - type: prose\n"
                    "    titel: Why\n"
                    "    body: [a]\n"
                    "  - type: salary\n"
                    "    title: Pay\n"
                    "    bands: [Entry, Senior]\n"
                    "    roles:\n"
                    "      - name: Nurse\n"
                    "        ranges: [[1, 2], 32000]\n"
                    "      - name: Analyst\n"
                    "        ranges: [[1, 2], [3, '4'], [5, -6]]\n"
                    "  - type: faqs\n"
                    "    title: Q\n"
                    "  - type: list\n"
                    "    title: L\n"
                    "    style: numberd\n"
                    "    items: [{a: b}]\n";
    gp_diags *d = gp_diags_new();
    assert_null(load(s, d));
    dump(d);
    static const struct {
        int line, col;
        const char *path, *msg;
    } want[] = {
        {1, 1, "to", "missing required key `to` in the guide"},
        {3, 7, "lang", "`lang` must be a language tag like en-GB, found \"english\""},
        {4, 7, "date", "`date` must be a date written YYYY-MM-DD"},
        {7, 5, "sections[0].titel", "unknown key `titel` in section; did you mean `title`?"},
        {8, 11, "sections[0].body", "`body` must be text, found a list"},
        {14, 26, "sections[1].roles[0].ranges[1]",
         "salary range must be [min, max], found a single number 32000"},
        {16, 17, "sections[1].roles[1].ranges", "role `Analyst` has 3 ranges for 2 bands"},
        {16, 30, "sections[1].roles[1].ranges[1][1]",
         "the maximum of a salary range must be a number, found the text \"4\""},
        {16, 40, "sections[1].roles[1].ranges[2][1]", "a salary must not be negative, found -6"},
        {17, 11, "sections[2].type", "unknown section type `faqs`; did you mean `faq`?"},
        {21, 12, "sections[3].style", "unknown list style `numberd`; did you mean `numbered`?"},
        {22, 13, "sections[3].items[0]", "a list item must be text, found a mapping"},
    };
    size_t n = sizeof want / sizeof *want;
    assert_int_equal(gp_diags_count(d), n);
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = gp_diags_get(d, i);
        assert_string_equal(g->file, "g.yaml");
        assert_int_equal(g->severity, GP_SEV_ERROR);
        assert_non_null(strstr(g->message, want[i].msg));
        assert_string_equal(g->path, want[i].path);
        assert_int_equal(g->line, want[i].line);
        assert_int_equal(g->col, want[i].col);
    }
    const gp_diag *u = find_diag(d, "titel");
    assert_int_equal(u->code, GP_ERR_UNKNOWN_KEY);
    assert_string_equal(u->hint, "the keys of a prose section are: type, title, intro, body");
    assert_int_equal(find_diag(d, "a single number")->code, GP_ERR_TYPE);
    assert_int_equal(find_diag(d, "missing required key `to`")->code, GP_ERR_REQUIRED);
    gp_diags_free(d);
}

static void test_more_errors(void **state)
{
    (void)state;
    static const struct {
        const char *doc, *msg;
    } cases[] = {
        {"guide: 2\nfrom: a\nto: b\nsections: [{type: prose, title: t, body: b}]\n",
         "unsupported guide format version 2"},
        {"guide: one\nfrom: a\nto: b\nsections: [{type: prose, title: t, body: b}]\n",
         "`guide` must be the format version number 1, found the text \"one\""},
        {"from: a\nto: b\nsections: [{type: prose, title: t, body: b}]\n",
         "missing required key `guide`"},
        {"guide: 1\nfrom: a\nto: b\nsections: []\n", "`sections` must have at least one entry"},
        {"guide: 1\nfrom: a\nto: b\ncurrency: POUNDS\nsections: [{type: prose, title: t, body: "
         "b}]\n",
         "`currency` must be a current ISO 4217 currency code"},
        {"guide: 1\nfrom: a\nto: ''\nsections: [{type: prose, title: t, body: b}]\n",
         "`to` must not be empty"},
        {"guide: 1\nfrom: a\nto:\nsections: [{type: prose, title: t, body: b}]\n",
         "`to` is empty; expected text"},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: compare, title: t, left: {title: x, body: "
         "y}}]\n",
         "missing required key `right` in section"},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: cta, title: t, body: b, link: {text: x}}]\n",
         "missing required key `url` in `link`"},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: cta, title: t, body: b, link: {text: x, url: "
         "'ftp://x'}}]\n",
         "`url` must start with http://, https:// or mailto:"},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: salary, title: t, bands: [A], roles: [{name: "
         "r, ranges: [[3, 2, 1]]}]}]\n",
         "salary range must be [min, max], found a list of 3 values"},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: salary, title: t, bands: [A], roles: [{name: "
         "r, ranges: [['32,000', 40000]]}]}]\n",
         "the minimum of a salary range must be a number, found the text \"32,000\""},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: salary, title: t, bands: [], roles: [{name: "
         "r, ranges: [[1, 2]]}]}]\n",
         "`bands` must have at least one entry"},
        {"guide: 1\nfrom: a\nto: b\nstats: [{value: 4}]\nsections: [{type: prose, title: t, body: "
         "b}]\n",
         "missing required key `label` in a stat"},
        {"guide: 1\nfrom: a\nto: b\nsections: [prose]\n", "a section must be a mapping"},
        {"guide: 1\nfrom: a\nto: b\nsections: [{type: skills, title: t, items: [{name: n, from: f, "
         "to: t, direct: yes}]}]\n",
         "`direct` must be true or false, found the text \"yes\""},
        {"guide: 1\nfrom: a\nto: b\nsectoins: []\n",
         "unknown key `sectoins` in the guide; did you mean `sections`?"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        gp_diags *d = gp_diags_new();
        gp_guide *g = load(cases[i].doc, d);
        if (g || !find_diag(d, cases[i].msg)) {
            dump(d);
            fail_msg("case %zu: expected an error containing '%s'", i, cases[i].msg);
        }
        gp_diags_free(d);
    }
}

static void test_open_ended_equal(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_guide *g =
        load("guide: 1\nfrom: a\nto: b\nsections: [{type: salary, title: t, bands: [A, B],"
             " roles: [{name: r, ranges: [[0, 0], [130000, 130000+]]}]}]\n",
             d);
    assert_non_null(g);
    const gp_range *r = &g->sections[0].roles[0].ranges[1];
    assert_true(r->open_ended && r->min == 130000 && r->max == 130000);
    assert_int_equal(r->pos.line, 4);
    gp_guide_free(g);
    gp_diags_free(d);
}

static void test_set(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_guide *g = load(minimal, d);
    assert_non_null(g);
    assert_int_equal(gp_guide_set(g, "prepared_for", "Sam Smith", d), 0);
    assert_string_equal(g->prepared_for.s, "Sam Smith");
    assert_int_equal(gp_guide_set(g, "date", "2024-02-29", d), 0);
    assert_int_equal(gp_guide_set(g, "currency", "USD", d), 0);
    assert_string_equal(g->currency.s, "USD");
    assert_int_equal(gp_guide_set(g, "title", "New title", d), 0);
    assert_string_equal(g->title.s, "New title");
    assert_int_equal(gp_guide_set(g, "prepared_for", "", d), 0);
    assert_null(g->prepared_for.s);
    assert_int_equal(gp_diags_count(d), 0);

    assert_int_equal(gp_guide_set(g, "date", "2023-02-29", d), -1);
    assert_int_equal(gp_diags_get(d, 0)->code, GP_ERR_VALUE);
    assert_int_equal(gp_guide_set(g, "lang", "en_GB", d), -1);
    assert_int_equal(gp_guide_set(g, "title", "", d), -1);
    assert_int_equal(gp_guide_set(g, "prepard_for", "x", d), -1);
    const gp_diag *u = gp_diags_get(d, 3);
    assert_int_equal(u->code, GP_ERR_USAGE);
    assert_non_null(strstr(u->message, "did you mean `prepared_for`?"));
    assert_string_equal(g->lang.s, "en-GB");
    gp_guide_free(g);
    gp_diags_free(d);
}

static void test_files(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    assert_null(gp_guide_load_file("/nonexistent/guide.yaml", NULL, d));
    assert_int_equal(gp_diags_get(d, 0)->code, GP_ERR_IO);
    assert_string_equal(gp_diags_get(d, 0)->file, "/nonexistent/guide.yaml");

    char path[] = "/tmp/gp-test-guide-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, minimal, strlen(minimal)), (ssize_t)strlen(minimal));
    close(fd);
    gp_limits lim;
    gp_limits_default(&lim);
    gp_guide *g = gp_guide_load_file(path, &lim, d);
    assert_non_null(g);
    assert_string_equal(g->path, path);
    assert_string_equal(g->sections[1].steps[2].pos.file, path);
    gp_guide_free(g);
    lim.max_file_bytes = 100;
    gp_diags_clear(d);
    assert_null(gp_guide_load_file(path, &lim, d));
    assert_int_equal(gp_diags_get(d, 0)->code, GP_ERR_LIMIT);
    assert_string_equal(gp_diags_get(d, 0)->message, "file is larger than the 100-byte limit");
    unlink(path);
    gp_guide_free(NULL);
    gp_diags_free(d);
}

/* Every allocation may fail: the loader must return NULL without crashing
 * or leaking (ASan builds check the leaks). */
static void test_allocation_failures(void **state)
{
    (void)state;
    for (long n = 0;; n++) {
        gp_diags *d = gp_diags_new();
        assert_non_null(d);
        gp_alloc_fail_after(n);
        gp_guide *g = load(minimal, d);
        gp_alloc_fail_after(-1);
        if (g) {
            assert_int_equal(gp_diags_errors(d), 0);
            assert_string_equal(g->stats[1].value.s, "2");
            gp_guide_free(g);
            gp_diags_free(d);
            break;
        }
        gp_diags_free(d);
        assert_true(n < 100000);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_guide),
        cmocka_unit_test(test_defaults_and_derived_stats),
        cmocka_unit_test(test_errors_collected_in_order),
        cmocka_unit_test(test_more_errors),
        cmocka_unit_test(test_open_ended_equal),
        cmocka_unit_test(test_set),
        cmocka_unit_test(test_files),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
