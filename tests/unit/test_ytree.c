/* tests/unit/test_ytree.c - the positioned YAML tree and its limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "base/alloc.h"
#include "base/util.h"
#include "model/ytree.h"

typedef struct fx {
    gp_arena *arena;
    gp_diags *diags;
    gp_limits lim;
} fx;

static int setup(void **state)
{
    fx *f = gp_calloc(1, sizeof *f);
    f->arena = gp_arena_new();
    f->diags = gp_diags_new();
    gp_limits_default(&f->lim);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    gp_arena_free(f->arena);
    gp_diags_free(f->diags);
    gp_free(f);
    return 0;
}

static gp_ynode *parse(fx *f, const char *s)
{
    return gp_yaml_parse(f->arena, s, strlen(s), "t.yaml", &f->lim, f->diags);
}

/* Asserts that parsing failed with one first error at line:col whose
 * message contains sub. */
static void assert_error(fx *f, const char *s, gp_code code, int line, int col, const char *sub)
{
    gp_diags_clear(f->diags);
    assert_null(parse(f, s));
    assert_true(gp_diags_count(f->diags) >= 1);
    const gp_diag *d = gp_diags_get(f->diags, 0);
    if (!strstr(d->message, sub) || d->line != line || d->col != col || d->code != code)
        fail_msg("got %d:%d: [%s] %s; expected %d:%d: [%s] ...%s...", d->line, d->col,
                 gp_code_name(d->code), d->message, line, col, gp_code_name(code), sub);
    assert_string_equal(d->file, "t.yaml");
}

static void test_positions(void **state)
{
    fx *f = *state;
    gp_ynode *root = parse(f, "# c\nguide: 1\nlist:\n  - a\n  - \"b c\"\nmap: {k: v}\n");
    assert_non_null(root);
    assert_int_equal(root->kind, GP_Y_MAP);
    assert_int_equal(root->n_pairs, 3);
    assert_int_equal(root->line, 2);
    assert_int_equal(root->col, 1);
    gp_ynode *g = gp_ymap_get(root, "guide");
    assert_int_equal(g->line, 2);
    assert_int_equal(g->col, 8);
    assert_true(g->plain);
    gp_ynode *l = gp_ymap_get(root, "list");
    assert_int_equal(l->kind, GP_Y_SEQ);
    assert_int_equal(l->n_items, 2);
    assert_int_equal(l->items[1]->line, 5);
    assert_int_equal(l->items[1]->col, 5);
    assert_string_equal(l->items[1]->str, "b c");
    assert_false(l->items[1]->plain);
    gp_ynode *m = gp_ymap_get(root, "map");
    assert_int_equal(m->pairs[0].key->col, 7);
    assert_string_equal(gp_ymap_get(m, "k")->str, "v");
    assert_null(gp_ymap_get(root, "missing"));
    assert_int_equal(root->subtree, 1 + 2 + 4 + 4); /* keys count too */
}

static void test_multibyte_columns(void **state)
{
    fx *f = *state;
    gp_ynode *root = parse(f, "k: \xC2\xA3\xE2\x80\x93 x\nn: [\xC2\xA3, y]\n");
    assert_non_null(root);
    gp_ynode *n = gp_ymap_get(root, "n");
    assert_int_equal(n->items[1]->col, 8); /* columns count characters */
}

static void test_scalars(void **state)
{
    fx *f = *state;
    gp_ynode *root = parse(f, "a: 12\nb: '12'\nc: -3.5e2\nd: true\ne: ~\nf:\ng: maybe\nh: 1_000\n");
    assert_non_null(root);
    double d;
    bool b;
    assert_true(gp_ynode_number(gp_ymap_get(root, "a"), &d));
    assert_true(d == 12);
    assert_false(gp_ynode_number(gp_ymap_get(root, "b"), &d));
    assert_true(gp_ynode_number(gp_ymap_get(root, "c"), &d));
    assert_true(d == -350);
    assert_false(gp_ynode_number(gp_ymap_get(root, "h"), &d));
    assert_true(gp_ynode_bool(gp_ymap_get(root, "d"), &b));
    assert_true(b);
    assert_false(gp_ynode_bool(gp_ymap_get(root, "g"), &b));
    assert_true(gp_ynode_is_null(gp_ymap_get(root, "e")));
    assert_true(gp_ynode_is_null(gp_ymap_get(root, "f")));
    assert_false(gp_ynode_is_null(gp_ymap_get(root, "b")));
    assert_string_equal(gp_ynode_describe(f->arena, gp_ymap_get(root, "a")), "a number 12");
    assert_string_equal(gp_ynode_describe(f->arena, gp_ymap_get(root, "b")), "the text \"12\"");
    assert_string_equal(gp_ynode_describe(f->arena, gp_ymap_get(root, "d")), "the boolean true");
    assert_string_equal(gp_ynode_describe(f->arena, gp_ymap_get(root, "e")), "an empty value");
    assert_string_equal(gp_ynode_describe(f->arena, root), "a mapping");
}

static void test_aliases_shared(void **state)
{
    fx *f = *state;
    gp_ynode *root = parse(f, "a: &x [1, 2]\nb: *x\nc: &s hi\nd: *s\n");
    assert_non_null(root);
    assert_ptr_equal(gp_ymap_get(root, "a"), gp_ymap_get(root, "b"));
    assert_string_equal(gp_ymap_get(root, "d")->str, "hi");
}

static void test_syntax_errors(void **state)
{
    fx *f = *state;
    assert_error(f, "a: [1, 2\n", GP_ERR_SYNTAX, 1, 4,
                 "flow sequence that starts here is not closed");
    assert_error(f, "a: \"abc\nb: 1\n", GP_ERR_SYNTAX, 1, 4, "quoted scalar");
    assert_error(f, "a: b: c\n", GP_ERR_SYNTAX, 1, 5, "malformed YAML");
    assert_error(f, "a:\n  b: 1\n\tc: 2\n", GP_ERR_SYNTAX, 3, 1,
                 "found a tab character where indentation is expected");
    assert_error(f, "a: 1\na: 2\n", GP_ERR_SYNTAX, 2, 1,
                 "duplicate key `a` (first given at line 1, column 1)");
    assert_error(f, "a: &b {x: 1}\nc:\n  <<: *b\n", GP_ERR_SYNTAX, 3, 3,
                 "merge keys (`<<`) are not supported");
    assert_error(f, "a: 1\n---\nb: 2\n", GP_ERR_SYNTAX, 2, 1, "more than one YAML document");
    assert_error(f, "[1]: x\n", GP_ERR_SYNTAX, 1, 1, "a mapping key must be text, found a list");
    assert_error(f, "a: *nope\n", GP_ERR_SYNTAX, 1, 4, "no anchor `&nope`");
    assert_error(f, "a: &x [1, *x]\n", GP_ERR_SYNTAX, 1, 11, "refers to a value that contains it");
}

static void test_empty(void **state)
{
    fx *f = *state;
    assert_error(f, "", GP_ERR_SYNTAX, 1, 1, "file is empty");
    assert_error(f, "# only\n\n# comments\n", GP_ERR_SYNTAX, 1, 1, "file is empty");
    assert_error(f, "---\n", GP_ERR_SYNTAX, 1, 1, "file is empty");
}

static void test_utf8(void **state)
{
    fx *f = *state;
    assert_error(f, "a: 1\nb: caf\xC3\xA9 \xFF\n", GP_ERR_UTF8, 2, 9, "invalid UTF-8: byte 0xFF");
    assert_error(f, "a: \xED\xA0\x80\n", GP_ERR_UTF8, 1, 4, "invalid UTF-8"); /* surrogate */
    assert_error(f, "a: \xC0\xAF\n", GP_ERR_UTF8, 1, 4, "invalid UTF-8");     /* overlong */
    assert_error(f, "a:\r\n b: \xC3\n", GP_ERR_UTF8, 2, 5, "invalid UTF-8");  /* truncated */
}

static void test_alias_bomb_fast(void **state)
{
    fx *f = *state;
    gp_buf b = {0};
    gp_buf_puts(&b, "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
    const char *prev = "a";
    static const char *const names[] = {"b", "c", "d", "e", "f", "g", "h", "i", "j"};
    for (size_t i = 0; i < 9; i++) {
        gp_buf_printf(&b, "%s: &%s [", names[i], names[i]);
        for (int k = 0; k < 10; k++)
            gp_buf_printf(&b, "%s*%s", k ? "," : "", prev);
        gp_buf_puts(&b, "]\n");
        prev = names[i];
    }
    clock_t t0 = clock();
    gp_diags_clear(f->diags);
    assert_null(gp_yaml_parse(f->arena, b.data, b.len, "t.yaml", &f->lim, f->diags));
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
    assert_true(ms < 200);
    assert_int_equal(gp_diags_get(f->diags, 0)->code, GP_ERR_LIMIT);
    assert_non_null(strstr(gp_diags_get(f->diags, 0)->message, "alias"));
    gp_buf_free(&b);
}

static void test_depth_limit(void **state)
{
    fx *f = *state;
    size_t n = 100000;
    char *s = gp_malloc(n + 8);
    memcpy(s, "a: ", 3);
    memset(s + 3, '[', n);
    s[n + 3] = '\0';
    assert_error(f, s, GP_ERR_LIMIT, 1, 3 + 64, "nesting is deeper than the limit of 64 levels");
    gp_free(s);
    f->lim.max_depth = 3;
    assert_non_null(parse(f, "a: [[1]]\n"));
    assert_error(f, "a: [[[1]]]\n", GP_ERR_LIMIT, 1, 6, "deeper than the limit of 3");
}

static void test_other_limits(void **state)
{
    fx *f = *state;
    f->lim.max_nodes = 10;
    assert_non_null(parse(f, "[1, 2, 3, 4, 5, 6, 7, 8, 9]"));
    assert_error(f, "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", GP_ERR_LIMIT, 1, 29,
                 "more than 10 YAML values");
    gp_limits_default(&f->lim);
    f->lim.max_string_bytes = 8;
    assert_non_null(parse(f, "a: '12345678'"));
    assert_error(f, "a: '123456789'", GP_ERR_LIMIT, 1, 4, "longer than the 8-byte limit");
    gp_limits_default(&f->lim);
    f->lim.max_file_bytes = 4;
    assert_error(f, "a: 12", GP_ERR_LIMIT, 1, 1, "file is larger than the 4-byte limit");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_multibyte_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scalars, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aliases_shared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_syntax_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alias_bomb_fast, setup, teardown),
        cmocka_unit_test_setup_teardown(test_depth_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_limits, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
