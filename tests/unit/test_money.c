/* tests/unit/test_money.c - money, salary ranges and section type names as
 * the reader sees them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <guidepress/guide.h>

static const char *money(double v, const char *cur)
{
    static char buf[64];
    size_t n = gp_money_format(buf, sizeof buf, v, cur);
    assert_int_equal(n, strlen(buf));
    return buf;
}

static void test_currencies(void **state)
{
    (void)state;
    assert_string_equal(money(32000, "GBP"), "\xC2\xA3"
                                             "32,000");
    assert_string_equal(money(1250, "USD"), "$1,250");
    assert_string_equal(money(45000, "EUR"), "\xE2\x82\xAC"
                                             "45,000");
    assert_string_equal(money(5000000, "JPY"), "\xC2\xA5"
                                               "5,000,000");
    assert_string_equal(money(32000, "CHF"), "CHF 32,000");
    assert_string_equal(money(32000, NULL), "\xC2\xA3"
                                            "32,000");
}

static void test_grouping(void **state)
{
    (void)state;
    assert_string_equal(money(0, "USD"), "$0");
    assert_string_equal(money(999, "USD"), "$999");
    assert_string_equal(money(1000, "USD"), "$1,000");
    assert_string_equal(money(100000, "USD"), "$100,000");
    assert_string_equal(money(1234567, "USD"), "$1,234,567");
    assert_string_equal(money(32000.4, "USD"), "$32,000");
    assert_string_equal(money(32999.5, "USD"), "$33,000");
    assert_string_equal(money(-1500, "USD"), "-$1,500");
}

static const char *range(double a, double b, bool open, const char *cur)
{
    static char buf[96];
    gp_range r;
    memset(&r, 0, sizeof r);
    r.min = a;
    r.max = b;
    r.open_ended = open;
    gp_range_format(buf, sizeof buf, &r, cur);
    return buf;
}

static void test_ranges(void **state)
{
    (void)state;
    assert_string_equal(range(32000, 45000, false, "GBP"), "\xC2\xA3"
                                                           "32,000\xE2\x80\x93\xC2\xA3"
                                                           "45,000");
    assert_string_equal(range(80000, 130000, true, "GBP"), "\xC2\xA3"
                                                           "80,000\xE2\x80\x93\xC2\xA3"
                                                           "130,000+");
    assert_string_equal(range(130000, 130000, true, "GBP"), "\xC2\xA3"
                                                            "130,000+");
    assert_string_equal(range(50000, 50000, false, "USD"), "$50,000");
    assert_string_equal(range(32000, 45000, false, "CHF"), "CHF 32,000\xE2\x80\x93"
                                                           "CHF 45,000");
}

static void test_truncation(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'x', sizeof buf);
    size_t n = gp_money_format(buf, 4, 32000, "GBP");
    /* "£32,000" cut to 3 bytes: "£3" (never half a pound sign) */
    assert_int_equal(n, 3);
    assert_string_equal(buf, "\xC2\xA3"
                             "3");
    n = gp_money_format(buf, 2, 32000, "GBP");
    assert_int_equal(n, 0);
    assert_string_equal(buf, "");
    assert_int_equal(gp_money_format(NULL, 0, 1, "GBP"), 0);
    assert_int_equal(buf[7], 'x');
    gp_range r = {80000, 130000, true, {0}};
    n = gp_range_format(buf, sizeof buf, &r, "GBP");
    assert_int_equal(n, strlen(buf));
    assert_true(n < sizeof buf);
}

static void test_section_names(void **state)
{
    (void)state;
    static const char *const names[] = {"prose",   "skills", "gaps", "timeline", "salary",
                                        "compare", "list",   "faq",  "cta"};
    for (int i = 0; i < GP_SEC__COUNT; i++)
        assert_string_equal(gp_section_type_name((gp_section_type)i), names[i]);
    assert_null(gp_section_type_name(GP_SEC__COUNT));
    assert_null(gp_section_type_name((gp_section_type)-1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_currencies),    cmocka_unit_test(test_grouping),
        cmocka_unit_test(test_ranges),        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_section_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
