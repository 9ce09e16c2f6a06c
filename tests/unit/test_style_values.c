/* tests/unit/test_style_values.c - single style values and the deep merge.
 *
 * The spellings a brand author may write (lengths in four units, #rgb and
 * #rrggbb colours, paper names in any case, CSS margin shorthands, weight
 * names) and the ones that must be refused are pinned here, below the YAML
 * layer, so that a change in accepted syntax is a deliberate one. The merge
 * tests fix the `extends` semantics: maps merge key by key, lists and
 * scalars replace, an empty mapping changes nothing, and every value keeps
 * the position of the file that wrote it. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "model/style_priv.h"

#define MM (72.0 / 25.4)

static void assert_near(double a, double b)
{
    if (fabs(a - b) > 1e-6) {
        print_error("%.9g is not %.9g\n", a, b);
        fail();
    }
}

static double len_ok(const char *s)
{
    double v = -12345;
    bool bad_unit = true;
    assert_true(gp_style_parse_length(s, &v, &bad_unit));
    assert_false(bad_unit);
    return v;
}

static void test_lengths(void **state)
{
    (void)state;
    assert_near(len_ok("12pt"), 12);
    assert_near(len_ok("10"), 10);
    assert_near(len_ok("9.5pt"), 9.5);
    assert_near(len_ok("20mm"), 20 * MM);
    assert_near(len_ok("1.5cm"), 15 * MM);
    assert_near(len_ok("0.5in"), 36);
    assert_near(len_ok(".5in"), 36);
    assert_near(len_ok("0"), 0);
    assert_near(len_ok("12PT"), 12);
    assert_near(len_ok("  7mm "), 7 * MM);
    assert_near(len_ok("-1.2pt"), -1.2);
    assert_near(len_ok("+3pt"), 3);
}

static void test_lengths_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {"",    "pt",     "12 pt", "1,5mm", "inf",  "nan", "0x10",
                                      "1e3", "12.pt.", "--3pt", "12mm5", "mm12", "."};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        double v;
        bool bad_unit;
        if (gp_style_parse_length(bad[i], &v, &bad_unit)) {
            print_error("accepted \"%s\"\n", bad[i]);
            fail();
        }
    }
    double v;
    bool bad_unit = false;
    assert_false(gp_style_parse_length("12px", &v, &bad_unit));
    assert_true(bad_unit);
    assert_false(gp_style_parse_length("3em", &v, &bad_unit));
    assert_true(bad_unit);
    assert_false(gp_style_parse_length("50%", &v, &bad_unit));
    assert_true(bad_unit);
    assert_false(gp_style_parse_length("abc", &v, &bad_unit));
    assert_false(bad_unit); /* not a number at all: not a unit problem */
    assert_false(gp_style_parse_length(NULL, &v, NULL));
}

static void test_hex_colors(void **state)
{
    (void)state;
    gp_color c;
    assert_true(gp_style_parse_hex("#0f5c6e", &c));
    assert_near(c.r, 0x0f / 255.0);
    assert_near(c.g, 0x5c / 255.0);
    assert_near(c.b, 0x6e / 255.0);
    assert_false(c.none);
    assert_true(gp_style_parse_hex("#fff", &c));
    assert_near(c.r, 1);
    assert_near(c.g, 1);
    assert_near(c.b, 1);
    assert_true(gp_style_parse_hex("#A0b", &c));
    assert_near(c.r, 0xaa / 255.0);
    assert_near(c.g, 0x00 / 255.0);
    assert_near(c.b, 0xbb / 255.0);
    assert_true(gp_style_parse_hex("#D9692B", &c));
    assert_near(c.r, 0xd9 / 255.0);
    static const char *const bad[] = {"",     "#",   "#ff",    "#ffff", "#fffff", "#1234567",
                                      "#ggg", "fff", "0f5c6e", "# fff", "#12345g"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(gp_style_parse_hex(bad[i], &c));
    assert_false(gp_style_parse_hex(NULL, &c));
}

static void test_page_sizes(void **state)
{
    (void)state;
    double w, h;
    const char *name;
    assert_true(gp_style_page_size("a4", &w, &h, &name));
    assert_string_equal(name, "A4");
    assert_near(w, 210 * MM);
    assert_near(h, 297 * MM);
    assert_true(gp_style_page_size("A5", &w, &h, &name));
    assert_near(w, 148 * MM);
    assert_near(h, 210 * MM);
    assert_true(gp_style_page_size("LETTER", &w, &h, &name));
    assert_string_equal(name, "Letter");
    assert_near(w, 612);
    assert_near(h, 792);
    assert_true(gp_style_page_size("legal", &w, &h, &name));
    assert_string_equal(name, "Legal");
    assert_near(h, 1008);
    assert_false(gp_style_page_size("B5", &w, &h, &name));
    assert_false(gp_style_page_size("A4 ", &w, &h, &name));
    assert_false(gp_style_page_size("", &w, &h, &name));
}

static void test_margins(void **state)
{
    (void)state;
    double v[4], out[4];
    assert_int_equal(gp_style_parse_margin("22mm 20mm", v), 2);
    gp_style_css_sides(v, 2, out);
    assert_near(out[0], 22 * MM);
    assert_near(out[1], 20 * MM);
    assert_near(out[2], 22 * MM);
    assert_near(out[3], 20 * MM);

    assert_int_equal(gp_style_parse_margin("10", v), 1);
    gp_style_css_sides(v, 1, out);
    for (int i = 0; i < 4; i++)
        assert_near(out[i], 10);

    assert_int_equal(gp_style_parse_margin(" 1pt  2pt\t3pt ", v), 3);
    gp_style_css_sides(v, 3, out);
    assert_near(out[0], 1);
    assert_near(out[1], 2);
    assert_near(out[2], 3);
    assert_near(out[3], 2);

    assert_int_equal(gp_style_parse_margin("1pt 2pt 3pt 4pt", v), 4);
    gp_style_css_sides(v, 4, out);
    assert_near(out[0], 1);
    assert_near(out[1], 2);
    assert_near(out[2], 3);
    assert_near(out[3], 4);

    assert_int_equal(gp_style_parse_margin("1 2 3 4 5", v), -1);
    assert_int_equal(gp_style_parse_margin("1pt 2px", v), 0);
    assert_int_equal(gp_style_parse_margin("", v), 0);
}

static void test_weights(void **state)
{
    (void)state;
    int w;
    assert_true(gp_style_parse_weight("regular", &w));
    assert_int_equal(w, 400);
    assert_true(gp_style_parse_weight("Medium", &w));
    assert_int_equal(w, 500);
    assert_true(gp_style_parse_weight("semibold", &w));
    assert_int_equal(w, 600);
    assert_true(gp_style_parse_weight("BOLD", &w));
    assert_int_equal(w, 700);
    assert_true(gp_style_parse_weight("350", &w));
    assert_int_equal(w, 350);
    assert_true(gp_style_parse_weight("900", &w));
    assert_int_equal(w, 900);
    static const char *const bad[] = {"", "heavy", "50", "1000", "99999999999", "-400", "4OO"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(gp_style_parse_weight(bad[i], &w));
}

static void test_role_names(void **state)
{
    (void)state;
    assert_string_equal(gp_text_role_name(GP_TS_BODY), "body");
    assert_string_equal(gp_text_role_name(GP_TS_H2), "h2");
    assert_string_equal(gp_text_role_name(GP_TS_STAT_VALUE), "stat_value");
    assert_string_equal(gp_text_role_name(GP_TS_TABLE_HEADER), "table_header");
    assert_string_equal(gp_text_role_name(GP_TS_FOOTER), "footer");
    assert_string_equal(gp_text_role_name(GP_TS__COUNT), "?");
    for (int r = 0; r < GP_TS__COUNT; r++)
        for (int q = r + 1; q < GP_TS__COUNT; q++)
            assert_string_not_equal(gp_text_role_name((gp_text_role)r),
                                    gp_text_role_name((gp_text_role)q));
}

/* Merge ------------------------------------------------------------------ */

typedef struct fixture {
    gp_arena *arena;
    gp_diags *diags;
    gp_limits lim;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->arena = gp_arena_new();
    f->diags = gp_diags_new();
    gp_limits_default(&f->lim);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    gp_arena_free(f->arena);
    gp_diags_free(f->diags);
    free(f);
    return 0;
}

static gp_ynode *parse(fixture *f, const char *text, const char *file)
{
    gp_ynode *n = gp_yaml_parse(f->arena, text, strlen(text), file, &f->lim, f->diags);
    assert_non_null(n);
    return n;
}

static const gp_ynode *at(const gp_ynode *root, const char *a, const char *b)
{
    const gp_ynode *n = gp_ymap_get(root, a);
    if (n && b)
        n = gp_ymap_get(n, b);
    assert_non_null(n);
    return n;
}

static void test_merge_maps(void **state)
{
    fixture *f = *state;
    gp_ynode *base = parse(f,
                           "page: {size: A4, margin: 20mm}\n"
                           "colors: {ink: '#000', rule: '#ccc'}\n"
                           "table: {chart_colors: [ink, rule], zebra: none}\n"
                           "brand: {name: Base, logo: base.svg}\n"
                           "text: {h2: {size: 15pt, color: ink}}\n",
                           "base.yaml");
    gp_ynode *over = parse(f,
                           "colors: {rule: '#ddd', accent: '#f60'}\n"
                           "table: {chart_colors: [accent]}\n"
                           "brand: {logo: ~}\n"
                           "text:\n"
                           "page: {margin: 1in}\n",
                           "over.yaml");
    gp_ynode *m = gp_style_merge(f->arena, base, over);
    assert_non_null(m);

    /* maps merge key by key; new keys come after the base's */
    const gp_ynode *colors = at(m, "colors", NULL);
    assert_int_equal(colors->n_pairs, 3);
    assert_string_equal(colors->pairs[0].key->str, "ink");
    assert_string_equal(colors->pairs[1].key->str, "rule");
    assert_string_equal(colors->pairs[2].key->str, "accent");
    assert_string_equal(at(m, "colors", "ink")->str, "#000");
    assert_string_equal(at(m, "colors", "rule")->str, "#ddd");

    /* positions: each value keeps the file that wrote it */
    assert_string_equal(at(m, "colors", "ink")->file, "base.yaml");
    assert_string_equal(at(m, "colors", "rule")->file, "over.yaml");
    assert_int_equal(at(m, "colors", "rule")->line, 1);
    assert_string_equal(colors->pairs[1].key->file, "over.yaml");
    assert_string_equal(at(m, "page", "size")->file, "base.yaml");
    assert_string_equal(at(m, "page", "margin")->str, "1in");

    /* lists replace */
    const gp_ynode *cc = at(m, "table", "chart_colors");
    assert_int_equal(cc->n_items, 1);
    assert_string_equal(cc->items[0]->str, "accent");
    assert_string_equal(at(m, "table", "zebra")->str, "none");

    /* a null over a scalar replaces it; an empty mapping changes nothing */
    assert_true(gp_ynode_is_null(at(m, "brand", "logo")));
    assert_string_equal(at(m, "brand", "name")->str, "Base");
    assert_string_equal(at(m, "text", "h2")->file, "base.yaml");
    assert_string_equal(gp_ymap_get(at(m, "text", "h2"), "size")->str, "15pt");

    /* the inputs are untouched */
    assert_int_equal(gp_ymap_get(base, "colors")->n_pairs, 2);
    assert_string_equal(at(base, "colors", "rule")->str, "#ccc");
    assert_int_equal(at(base, "table", "chart_colors")->n_items, 2);
}

static void test_merge_kinds(void **state)
{
    fixture *f = *state;
    gp_ynode *base = parse(f, "page: {size: A4}\nheader_gap: 10pt\n", "b.yaml");
    gp_ynode *over = parse(f, "page: A5\nheader_gap: {x: 1}\n", "o.yaml");
    gp_ynode *m = gp_style_merge(f->arena, base, over);
    /* a scalar over a map replaces it (the converter then reports the type) */
    assert_int_equal(gp_ymap_get(m, "page")->kind, GP_Y_SCALAR);
    assert_int_equal(gp_ymap_get(m, "header_gap")->kind, GP_Y_MAP);
    assert_ptr_equal(gp_style_merge(f->arena, base, NULL), base);
    assert_ptr_equal(gp_style_merge(f->arena, NULL, over), over);
}

static void test_builtin_parses(void **state)
{
    fixture *f = *state;
    gp_ynode *b = parse(f, gp_style_builtin_yaml, GP_STYLE_BUILTIN_FILE);
    assert_int_equal(b->kind, GP_Y_MAP);
    assert_int_equal(gp_diags_count(f->diags), 0);
    for (int r = 0; r < GP_TS__COUNT; r++)
        assert_non_null(at(b, "text", gp_text_role_name((gp_text_role)r)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lengths),
        cmocka_unit_test(test_lengths_refused),
        cmocka_unit_test(test_hex_colors),
        cmocka_unit_test(test_page_sizes),
        cmocka_unit_test(test_margins),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_role_names),
        cmocka_unit_test_setup_teardown(test_merge_maps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_parses, setup, teardown),
    };
    return cmocka_run_group_tests_name("style.values", tests, NULL, NULL);
}
