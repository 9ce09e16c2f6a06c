/* tests/perf/test_textcache.c - the cache of laid-out paragraphs changes
 * nothing but speed.
 *
 * A sequence of documents (personalised copies of the seed guide, the Welsh
 * and Arabic guides in between, the stress guide) is rendered three times
 * in one engine: with the cache off, on, and on with a budget so small that
 * generations are dropped all the time. The display-list dumps must be
 * byte-identical, the second copy of the seed guide must find nearly every
 * paragraph in the cache, and the cache must stay within its entries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <guidepress/guidepress.h>

#define SEED   GP_SOURCE_DIR "/data/guides/data-engineer-to-backend-developer.yaml"
#define WELSH  GP_SOURCE_DIR "/data/guides-i18n/cy-athro-i-ddylunydd-cyfarwyddiadol.yaml"
#define ARABIC GP_SOURCE_DIR "/data/guides-i18n/ar-mohasib-ila-mohallil-bayanat.yaml"
#define STRESS GP_SOURCE_DIR "/tests/render/stress.yaml"

typedef struct doc {
    const char *guide;
    const char *client; /* prepared_for, or NULL */
} doc;

static const doc docs[] = {
    {SEED, "Jane Doe"}, {WELSH, NULL},      {SEED, "Dafydd ap Gwilym"},        {ARABIC, NULL},
    {STRESS, NULL},     {SEED, "Jane Doe"}, {SEED, "Zoë Ångström-Ní Bhriain"},
};
#define N_DOCS (sizeof docs / sizeof docs[0])

static const char *workdir;

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[n] = '\0';
    *len = (size_t)n;
    return s;
}

/* Renders docs[i], writing its dump to WORKDIR/<pass>-<i>.txt. Returns the
 * cache misses the document caused. */
static unsigned long long render(gp_engine *e, const char *pass, size_t i)
{
    char out[1024], dump[1024];
    snprintf(out, sizeof out, "%s/%s-%zu.pdf", workdir, pass, i);
    snprintf(dump, sizeof dump, "%s/%s-%zu.txt", workdir, pass, i);
    gp_render_request req;
    gp_render_request_init(&req);
    req.guide_path = docs[i].guide;
    req.output_path = out;
    req.dump_path = dump;
    req.date = 1735689600;
    const char *keys[] = {"prepared_for"};
    const char *values[] = {docs[i].client};
    if (docs[i].client) {
        req.set_keys = keys;
        req.set_values = values;
        req.n_set = 1;
    }
    gp_text_cache_stats before, after;
    gp_fonts_text_cache_stats(gp_engine_fonts(e), &before);
    gp_diags *d = gp_diags_new();
    gp_render_result res;
    int rc = gp_render(e, &req, &res, d);
    for (size_t k = 0; rc && k < gp_diags_count(d); k++)
        fprintf(stderr, "%s\n", gp_diags_get(d, k)->message);
    gp_diags_free(d);
    assert_int_equal(rc, 0);
    gp_fonts_text_cache_stats(gp_engine_fonts(e), &after);
    return after.misses - before.misses;
}

static void assert_same_dumps(const char *a, const char *b)
{
    for (size_t i = 0; i < N_DOCS; i++) {
        char pa[1024], pb[1024];
        snprintf(pa, sizeof pa, "%s/%s-%zu.txt", workdir, a, i);
        snprintf(pb, sizeof pb, "%s/%s-%zu.txt", workdir, b, i);
        size_t la = 0, lb = 0;
        char *x = slurp(pa, &la), *y = slurp(pb, &lb);
        assert_non_null(x);
        assert_non_null(y);
        assert_true(la > 1000);
        if (la != lb || memcmp(x, y, la))
            fail_msg("document %zu: the %s and %s dumps differ (%s, %s)", i, a, b, pa, pb);
        free(x);
        free(y);
    }
}

static void test_cache_changes_nothing(void **state)
{
    (void)state;
    gp_diags *d = gp_diags_new();
    gp_engine *e = gp_engine_new(NULL, d);
    assert_non_null(e);
    gp_fonts *f = gp_engine_fonts(e);

    gp_fonts_set_text_cache(f, 0);
    for (size_t i = 0; i < N_DOCS; i++)
        assert_int_equal(render(e, "off", i), 0);

    gp_fonts_set_text_cache(f, GP_TEXT_CACHE_DEFAULT_BYTES);
    unsigned long long misses[N_DOCS];
    for (size_t i = 0; i < N_DOCS; i++)
        misses[i] = render(e, "on", i);
    gp_text_cache_stats st;
    gp_fonts_text_cache_stats(f, &st);
    assert_true(st.hits > 0);
    assert_true(misses[0] > 100);
    /* A copy for another client lays out only what differs; the same copy
     * again (after Welsh, Arabic and the stress guide), nothing. */
    assert_true(misses[2] * 10 < misses[0]);
    assert_int_equal(misses[5], 0);
    assert_true(misses[6] * 10 < misses[0]);
    assert_int_equal(st.generations, 0);
    assert_true(st.entries > 0);
    assert_same_dumps("off", "on");

    gp_fonts_set_text_cache(f, 64 << 10);
    for (size_t i = 0; i < N_DOCS; i++)
        render(e, "tiny", i);
    gp_fonts_text_cache_stats(f, &st);
    assert_true(st.generations > 0);
    assert_true(st.entries < 1000);
    assert_same_dumps("off", "tiny");

    gp_engine_free(e);
    gp_diags_free(d);
}

int main(int argc, char **argv)
{
    workdir = argc > 1 ? argv[1] : "perf-textcache";
    mkdir(workdir, 0755);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cache_changes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
