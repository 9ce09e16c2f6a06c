/* tests/batch/test_csv.c - the mail-merge CSV reader (src/batch/csv.c) as a
 * spreadsheet user meets it: RFC 4180 quoting, line ends from every system,
 * a byte-order mark, and errors that point at the right line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch/csv.h"

static gp_csv *parse(const char *s, gp_diags *d)
{
    return gp_csv_parse(s, strlen(s), "t.csv", d);
}

static const char *cell(const gp_csv *c, size_t r, size_t f)
{
    const gp_csv_record *rec = gp_csv_record_at(c, r);
    assert_non_null(rec);
    assert_true(f < rec->n_fields);
    return rec->fields[f].s;
}

/* Parses s expecting failure; checks the first diagnostic. */
static void expect_error(const char *s, size_t len, gp_code code, int line, int col,
                         const char *msg_part)
{
    gp_diags *d = gp_diags_new();
    gp_csv *c = gp_csv_parse(s, len, "t.csv", d);
    assert_null(c);
    assert_true(gp_diags_count(d) >= 1);
    const gp_diag *g = gp_diags_get(d, 0);
    assert_int_equal(g->code, code);
    assert_string_equal(g->file, "t.csv");
    assert_int_equal(g->line, line);
    assert_int_equal(g->col, col);
    if (!strstr(g->message, msg_part))
        fail_msg("message '%s' lacks '%s'", g->message, msg_part);
    gp_diags_free(d);
}

static void test_plain(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("a,b,c\n1,2,3\n", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_count(c), 2);
    assert_string_equal(cell(c, 0, 2), "c");
    assert_string_equal(cell(c, 1, 0), "1");
    assert_int_equal(gp_csv_record_at(c, 1)->line, 2);
    assert_int_equal(gp_csv_record_at(c, 1)->fields[2].col, 5);
    assert_null(gp_csv_record_at(c, 2));
    assert_int_equal(gp_diags_count(d), 0);
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_quotes(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("name,note\n\"Okonkwo, Adaeze\",\"say \"\"hi\"\"\"\n\"\",\"\"\"\"\n", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_count(c), 3);
    assert_string_equal(cell(c, 1, 0), "Okonkwo, Adaeze");
    assert_string_equal(cell(c, 1, 1), "say \"hi\"");
    assert_string_equal(cell(c, 2, 0), "");
    assert_string_equal(cell(c, 2, 1), "\"");
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_newlines_in_fields(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("a,b\r\n\"line one\r\nline two\",x\r\nnext,y\r\n", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_count(c), 3);
    assert_string_equal(cell(c, 1, 0), "line one\nline two");
    assert_string_equal(cell(c, 1, 1), "x");
    assert_int_equal(gp_csv_record_at(c, 1)->line, 2);
    /* the record after a two-line field starts on line 4 */
    assert_int_equal(gp_csv_record_at(c, 2)->line, 4);
    assert_int_equal(gp_csv_record_at(c, 2)->fields[1].line, 4);
    assert_int_equal(gp_csv_record_at(c, 2)->fields[1].col, 6);
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_line_ends_and_bom(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    /* BOM, CRLF, a lone CR, blank lines, no final line end */
    gp_csv *c = parse("\xEF\xBB\xBFguide,x\r\n\r\n1,2\r3,4\n\n5,6", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_count(c), 4);
    assert_string_equal(cell(c, 0, 0), "guide");
    assert_int_equal(gp_csv_record_at(c, 0)->fields[0].col, 1);
    assert_string_equal(cell(c, 2, 0), "3");
    assert_int_equal(gp_csv_record_at(c, 2)->line, 4);
    assert_string_equal(cell(c, 3, 1), "6");
    assert_int_equal(gp_csv_record_at(c, 3)->line, 6);
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_empty_fields_and_blanks(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("a,,c,\n  \"q\"  , b \n", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_record_at(c, 0)->n_fields, 4);
    assert_string_equal(cell(c, 0, 1), "");
    assert_string_equal(cell(c, 0, 3), "");
    assert_string_equal(cell(c, 1, 0), "q");
    assert_int_equal(gp_csv_record_at(c, 1)->fields[0].col, 3);
    assert_string_equal(cell(c, 1, 1), " b ");
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_utf8_columns(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("n,m\nSiân Ŵyn,é\n", d);
    assert_non_null(c);
    assert_string_equal(cell(c, 1, 0), "Siân Ŵyn");
    assert_int_equal(gp_csv_record_at(c, 1)->fields[1].col, 10);
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_empty_input(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("\xEF\xBB\xBF\n\n", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_count(c), 0);
    static const gp_csv_column cols[] = {{"guide", true}};
    int idx[1];
    assert_int_equal(gp_csv_map_columns(c, cols, 1, idx, d), -1);
    assert_int_equal(gp_diags_get(d, 0)->line, 1);
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("a,b\n1,\"open\n2,3\n", 16, GP_ERR_SYNTAX, 2, 3, "never closed");
    expect_error("a,b\n1,\"x\"y\n", 11, GP_ERR_SYNTAX, 2, 6, "after the closing quote");
    expect_error("a,b\nsay \"hi\",2\n", 15, GP_ERR_SYNTAX, 2, 5, "quote inside an unquoted");
    expect_error("a,b\nok,\xC3\x28\n", 10, GP_ERR_UTF8, 2, 4, "invalid UTF-8");
    expect_error("a,b\n\"x\ny\",\xFF\n", 12, GP_ERR_UTF8, 3, 4, "invalid UTF-8");
    expect_error("a,b\nx\0y,z\n", 10, GP_ERR_SYNTAX, 2, 2, "NUL");
    /* an overlong encoding and a surrogate are invalid too */
    expect_error("\xC0\xAF\n", 3, GP_ERR_UTF8, 1, 1, "invalid UTF-8");
    expect_error("a\n\xED\xA0\x80\n", 6, GP_ERR_UTF8, 2, 1, "invalid UTF-8");
}

static void test_too_many_fields(void **state)
{
    (void)state;
    char buf[GP_CSV_MAX_FIELDS + 8];
    memset(buf, ',', sizeof buf - 1);
    buf[sizeof buf - 1] = '\0';
    gp_diags *d = gp_diags_new();
    assert_null(parse(buf, d));
    assert_int_equal(gp_diags_get(d, 0)->code, GP_ERR_LIMIT);
    gp_diags_free(d);
}

static void test_too_many_records(void **state)
{
    (void)state;
    size_t n = (size_t)GP_CSV_MAX_RECORDS + 1;
    char *buf = malloc(2 * n + 1);
    assert_non_null(buf);
    for (size_t i = 0; i < n; i++) {
        buf[2 * i] = 'a';
        buf[2 * i + 1] = '\n';
    }
    gp_diags *d = gp_diags_new();
    assert_null(gp_csv_parse(buf, 2 * n, "t.csv", d));
    assert_int_equal(gp_diags_get(d, 0)->code, GP_ERR_LIMIT);
    assert_int_equal(gp_diags_get(d, 0)->line, (int)n);
    /* one fewer is fine */
    gp_diags_clear(d);
    gp_csv *c = gp_csv_parse(buf, 2 * (n - 1), "t.csv", d);
    assert_non_null(c);
    assert_int_equal(gp_csv_count(c), n - 1);
    gp_csv_free(c);
    gp_diags_free(d);
    free(buf);
}

static const gp_csv_column COLS[] = {
    {"guide", true}, {"prepared_for", true}, {"output", true}, {"style", false}};

static void test_columns(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse(" output ,guide,prepared_for\n", d);
    int idx[4];
    assert_int_equal(gp_csv_map_columns(c, COLS, 4, idx, d), 0);
    assert_int_equal(idx[0], 1);
    assert_int_equal(idx[1], 2);
    assert_int_equal(idx[2], 0);
    assert_int_equal(idx[3], -1);
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_column_errors(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = parse("guide,prepard_for,colour,guide\n", d);
    int idx[4];
    assert_int_equal(gp_csv_map_columns(c, COLS, 4, idx, d), -1);
    assert_int_equal(gp_diags_count(d), 5);
    const gp_diag *g = gp_diags_get(d, 0);
    assert_int_equal(g->code, GP_ERR_UNKNOWN_KEY);
    assert_int_equal(g->line, 1);
    assert_int_equal(g->col, 7);
    assert_non_null(strstr(g->message, "prepard_for"));
    assert_string_equal(g->hint, "did you mean `prepared_for`?");
    g = gp_diags_get(d, 1);
    assert_non_null(strstr(g->message, "colour"));
    assert_non_null(strstr(g->hint, "guide, prepared_for, output, style"));
    g = gp_diags_get(d, 2);
    assert_non_null(strstr(g->message, "twice"));
    assert_int_equal(g->col, 26);
    /* missing required columns at line 1 */
    g = gp_diags_get(d, 3);
    assert_int_equal(g->code, GP_ERR_REQUIRED);
    assert_int_equal(g->line, 1);
    assert_non_null(strstr(g->message, "prepared_for"));
    assert_non_null(strstr(gp_diags_get(d, 4)->message, "output"));
    gp_csv_free(c);
    gp_diags_free(d);
}

static void test_load_missing_file(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    assert_null(gp_csv_load_file("/nonexistent/clients.csv", d));
    assert_int_equal(gp_diags_get(d, 0)->code, GP_ERR_IO);
    assert_string_equal(gp_diags_get(d, 0)->file, "/nonexistent/clients.csv");
    gp_diags_free(d);
}

static void test_example_file(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_csv *c = gp_csv_load_file(GP_SOURCE_DIR "/data/clients-example.csv", d);
    assert_non_null(c);
    assert_true(gp_csv_count(c) >= 10);
    int found = 0;
    for (size_t r = 1; r < gp_csv_count(c); r++)
        found += !strcmp(cell(c, r, 1), "Okonkwo, Adaeze");
    assert_int_equal(found, 1);
    gp_csv_free(c);
    gp_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_newlines_in_fields),
        cmocka_unit_test(test_line_ends_and_bom),
        cmocka_unit_test(test_empty_fields_and_blanks),
        cmocka_unit_test(test_utf8_columns),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_too_many_records),
        cmocka_unit_test(test_columns),
        cmocka_unit_test(test_column_errors),
        cmocka_unit_test(test_load_missing_file),
        cmocka_unit_test(test_example_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
