/* tests/unit/test_paragraph.c - a paragraph longer than the layout takes
 * (256 KiB) is an error, not silently cut: with max_string_bytes raised
 * by a library caller, a 512 KiB paragraph once came out as one page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <guidepress/guidepress.h>

static int render_run(size_t bytes, gp_render_result *res, gp_diags *d)
{
    char dir[] = "/tmp/gp-paragraph-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char guide[64], pdf[64];
    snprintf(guide, sizeof guide, "%s/g.yaml", dir);
    snprintf(pdf, sizeof pdf, "%s/g.pdf", dir);
    FILE *f = fopen(guide, "w");
    assert_non_null(f);
    fputs("guide: 1\nfrom: A\nto: B\nsections:\n  - type: prose\n    title: T\n    body: \"", f);
    for (size_t i = 0; i < bytes; i++)
        fputc(i % 7 == 6 ? ' ' : "abcdefghijklmnopqrstuvwxyz"[i % 26], f);
    fputs("\"\n", f);
    fclose(f);
    gp_limits lim;
    gp_limits_default(&lim);
    lim.max_string_bytes = 2u << 20; /* what a library caller may do */
    gp_engine_options eo = {NULL, &lim};
    gp_engine *e = gp_engine_new(&eo, d);
    assert_non_null(e);
    gp_render_request req;
    gp_render_request_init(&req);
    req.guide_path = guide;
    req.output_path = pdf;
    int rc = gp_render(e, &req, res, d);
    int written = access(pdf, F_OK) == 0;
    unlink(pdf);
    unlink(guide);
    rmdir(dir);
    gp_engine_free(e);
    return rc == 0 ? (written ? 0 : -2) : -1;
}

static void too_long_is_an_error(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_render_result res;
    assert_int_equal(render_run(300u << 10, &res, d), -1);
    assert_true(gp_diags_count(d) > 0);
    assert_non_null(strstr(gp_diags_get(d, 0)->message, "longer than the 262144 bytes the layout"));
    gp_diags_free(d);
}

static void long_paragraph_is_whole(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_render_result res;
    assert_int_equal(render_run(200u << 10, &res, d), 0);
    /* about 3.5 KiB of such text a page: every byte placed */
    assert_true(res.pages >= 40);
    gp_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(too_long_is_an_error),
                                       cmocka_unit_test(long_paragraph_is_whole)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
