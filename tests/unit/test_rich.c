/* tests/unit/test_rich.c - the rich-text markup: paragraphs, emphasis,
 * links, and everything that must stay literal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model/rich.h"

static gp_arena *arena;

static int setup(void **state)
{
    (void)state;
    arena = gp_arena_new();
    return arena ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    gp_arena_free(arena);
    return 0;
}

static gp_rich parse(const char *s)
{
    gp_rich r;
    memset(&r, 0, sizeof r);
    assert_int_equal(gp_rich_parse(arena, s, strlen(s), &r), 0);
    return r;
}

static void assert_run(const gp_run *run, const char *text, unsigned flags, const char *url)
{
    assert_string_equal(run->text, text);
    assert_int_equal(run->flags, flags);
    if (url)
        assert_string_equal(run->url, url);
    else
        assert_null(run->url);
}

static void test_paragraphs(void **state)
{
    (void)state;
    gp_rich r = parse("First line\nsame paragraph.\n\nSecond   one.\n   \n\n\nThird.\n");
    assert_int_equal(r.n_paras, 3);
    assert_int_equal(r.paras[0].n_runs, 1);
    assert_run(&r.paras[0].runs[0], "First line same paragraph.", 0, NULL);
    assert_run(&r.paras[1].runs[0], "Second one.", 0, NULL);
    assert_run(&r.paras[2].runs[0], "Third.", 0, NULL);
    assert_string_equal(r.source,
                        "First line\nsame paragraph.\n\nSecond   one.\n   \n\n\nThird.\n");
}

static void test_empty(void **state)
{
    (void)state;
    gp_rich r = parse("");
    assert_int_equal(r.n_paras, 0);
    r = parse("  \n\n \t\n");
    assert_int_equal(r.n_paras, 0);
}

static void test_bold_italic(void **state)
{
    (void)state;
    gp_rich r = parse("a **bold** and *italic* end");
    assert_int_equal(r.n_paras, 1);
    assert_int_equal(r.paras[0].n_runs, 5);
    assert_run(&r.paras[0].runs[0], "a ", 0, NULL);
    assert_run(&r.paras[0].runs[1], "bold", GP_RUN_BOLD, NULL);
    assert_run(&r.paras[0].runs[2], " and ", 0, NULL);
    assert_run(&r.paras[0].runs[3], "italic", GP_RUN_ITALIC, NULL);
    assert_run(&r.paras[0].runs[4], " end", 0, NULL);
}

static void test_nesting(void **state)
{
    (void)state;
    gp_rich r = parse("***both***");
    assert_int_equal(r.paras[0].n_runs, 1);
    assert_run(&r.paras[0].runs[0], "both", GP_RUN_BOLD | GP_RUN_ITALIC, NULL);

    r = parse("**bold *and italic***");
    assert_int_equal(r.paras[0].n_runs, 2);
    assert_run(&r.paras[0].runs[0], "bold ", GP_RUN_BOLD, NULL);
    assert_run(&r.paras[0].runs[1], "and italic", GP_RUN_BOLD | GP_RUN_ITALIC, NULL);

    r = parse("*it **bold** it*");
    assert_int_equal(r.paras[0].n_runs, 3);
    assert_run(&r.paras[0].runs[0], "it ", GP_RUN_ITALIC, NULL);
    assert_run(&r.paras[0].runs[1], "bold", GP_RUN_BOLD | GP_RUN_ITALIC, NULL);
    assert_run(&r.paras[0].runs[2], " it", GP_RUN_ITALIC, NULL);
}

static void test_unmatched_literal(void **state)
{
    (void)state;
    static const char *const literal[] = {
        "2 * 3 * 4", "a *b", "**never closed", "5* stars", "* bullet *", "****", "a ** b ** c",
    };
    for (size_t i = 0; i < sizeof literal / sizeof *literal; i++) {
        gp_rich r = parse(literal[i]);
        assert_int_equal(r.n_paras, 1);
        assert_int_equal(r.paras[0].n_runs, 1);
        assert_run(&r.paras[0].runs[0], literal[i], 0, NULL);
    }
    gp_rich r = parse("**a *b**");
    assert_int_equal(r.paras[0].n_runs, 1);
    assert_run(&r.paras[0].runs[0], "a *b", GP_RUN_BOLD, NULL);
}

static void test_links(void **state)
{
    (void)state;
    gp_rich r = parse("See [the guide](https://example.com/a?b=1) or [mail](mailto:a@b.c).");
    assert_int_equal(r.paras[0].n_runs, 5);
    assert_run(&r.paras[0].runs[0], "See ", 0, NULL);
    assert_run(&r.paras[0].runs[1], "the guide", 0, "https://example.com/a?b=1");
    assert_run(&r.paras[0].runs[2], " or ", 0, NULL);
    assert_run(&r.paras[0].runs[3], "mail", 0, "mailto:a@b.c");
    assert_run(&r.paras[0].runs[4], ".", 0, NULL);

    r = parse("[**bold** link](http://x.org)");
    assert_int_equal(r.paras[0].n_runs, 2);
    assert_run(&r.paras[0].runs[0], "bold", GP_RUN_BOLD, "http://x.org");
    assert_run(&r.paras[0].runs[1], " link", 0, "http://x.org");

    r = parse("**[bold link](https://x.org)**");
    assert_int_equal(r.paras[0].n_runs, 1);
    assert_run(&r.paras[0].runs[0], "bold link", GP_RUN_BOLD, "https://x.org");
}

static void test_bad_links_literal(void **state)
{
    (void)state;
    static const char *const literal[] = {
        "[text](ftp://x.org)",
        "[text](www.example.com)",
        "[text](javascript:alert(1))",
        "[text] (https://x.org)",
        "[](https://x.org)",
        "[text](https://x.org",
        "[a [b](c)",
        "[text](https:// spaced)",
    };
    for (size_t i = 0; i < sizeof literal / sizeof *literal; i++) {
        gp_rich r = parse(literal[i]);
        assert_int_equal(r.paras[0].n_runs, 1);
        assert_null(r.paras[0].runs[0].url);
        assert_string_equal(r.paras[0].runs[0].text, literal[i]);
    }
}

static void test_literal_characters(void **state)
{
    (void)state;
    const char *s = "<b>&amp; \xC2\xA3"
                    "32,000\xE2\x80\x93\xC2\xA3"
                    "45,000 \xE2\x80\x9C"
                    "quoted\xE2\x80\x9D it\xE2\x80\x99s _x_ `code` # h \\*";
    gp_rich r = parse(s);
    assert_int_equal(r.paras[0].n_runs, 1);
    assert_run(&r.paras[0].runs[0], s, 0, NULL);
}

static void test_collapse_spaces(void **state)
{
    (void)state;
    gp_rich r = parse("  lots   of\t\tspace \n  here  ");
    assert_run(&r.paras[0].runs[0], "lots of space here", 0, NULL);
    r = parse("**a**   *b*");
    assert_int_equal(r.paras[0].n_runs, 3);
    assert_run(&r.paras[0].runs[1], " ", 0, NULL);
}

static void test_url_ok(void **state)
{
    (void)state;
    assert_true(gp_url_ok("https://a.b", 11));
    assert_true(gp_url_ok("http://a", 8));
    assert_true(gp_url_ok("mailto:x@y", 10));
    assert_false(gp_url_ok("https://", 8));
    assert_false(gp_url_ok("ftp://a", 7));
    assert_false(gp_url_ok("https://a b", 11));
    assert_false(gp_url_ok("HTTPS://a", 9));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paragraphs),        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_bold_italic),       cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_unmatched_literal), cmocka_unit_test(test_links),
        cmocka_unit_test(test_bad_links_literal), cmocka_unit_test(test_literal_characters),
        cmocka_unit_test(test_collapse_spaces),   cmocka_unit_test(test_url_ok),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
