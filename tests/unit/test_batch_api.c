/* tests/unit/test_batch_api.c - the public batch API (guidepress/batch.h)
 * used the way a program outside this repository would: only
 * <guidepress/...> headers, linked against libguidepress.so, so a
 * gp_batch_* function that is not exported fails the link.
 *
 * Three guides (two real ones and one that does not exist) and a
 * two-row mail merge are rendered into a temporary folder; the test reads
 * the PDFs back (they start with %PDF-, and pdftotext finds the guide's
 * title and the client's name), checks the counts the callback saw and
 * the totals, the failed document's error, the JSON report, and that the
 * SIGINT handler of the caller is the same after the run as before. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <guidepress/batch.h>
#include <guidepress/guidepress.h>

static char g_dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(g_dir, sizeof g_dir, "/tmp/gp-batch-api-XXXXXX");
    return mkdtemp(g_dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The whole output of a command, NUL-terminated (malloc'ed), or NULL. */
static char *run_capture(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 4096) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    pclose(p);
    if (buf)
        buf[len] = '\0';
    return buf;
}

/* Text of a PDF with every run of white space as one space. */
static char *pdf_text(const char *pdf)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "pdftotext -q '%s' -", pdf);
    char *t = run_capture(cmd);
    if (!t)
        return NULL;
    char *w = t;
    for (const char *r = t; *r; r++) {
        bool space = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\f' || *r == '\r';
        if (space && (w == t || w[-1] == ' '))
            continue;
        *w++ = space ? ' ' : *r;
    }
    *w = '\0';
    return t;
}

static void assert_pdf(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char head[5] = {0};
    assert_int_equal(fread(head, 1, 5, f), 5);
    fclose(f);
    assert_memory_equal(head, "%PDF-", 5);
}

/* The guide's title, through the public loader. */
static char *guide_title(const char *path)
{
    gp_diags *d = gp_diags_new();
    gp_guide *g = gp_guide_load_file(path, NULL, d);
    assert_non_null(g);
    char *t = strdup(gp_guide_title(g));
    gp_guide_free(g);
    gp_diags_free(d);
    return t;
}

typedef struct seen {
    int started;
    int documents;
    bool doc_seen[8];
    size_t count_at_start;
} seen;

static void on_progress(void *closure, const gp_batch *b, gp_batch_event event, long doc)
{
    seen *s = closure;
    if (event == GP_BATCH_STARTED) {
        assert_int_equal(doc, -1);
        assert_int_equal(s->documents, 0);
        s->started++;
        s->count_at_start = gp_batch_count(b);
        return;
    }
    assert_int_equal(event, GP_BATCH_DOCUMENT);
    assert_true(doc >= 0 && (size_t)doc < gp_batch_count(b) && doc < 8);
    assert_false(s->doc_seen[doc]); /* once per document */
    s->doc_seen[doc] = true;
    s->documents++;
    gp_batch_doc d;
    assert_true(gp_batch_doc_get(b, (size_t)doc, &d));
    assert_int_not_equal(d.status, GP_BATCH_PENDING);
    gp_batch_totals t;
    gp_batch_get_totals(b, &t);
    assert_int_equal(t.done, (size_t)s->documents);
}

static void handler(int sig)
{
    (void)sig;
}

static void test_guides(void **state)
{
    (void)state;
    const char *guides[] = {GP_SOURCE_DIR "/data/guides/nurse-to-clinical-data-analyst.yaml",
                            GP_SOURCE_DIR "/data/guides/teacher-to-instructional-designer.yaml"};
    char missing[128];
    snprintf(missing, sizeof missing, "%s/no-such-guide.yaml", g_dir);
    char out[128];
    snprintf(out, sizeof out, "%s/out", g_dir);

    struct sigaction mine = {0}, before, after;
    mine.sa_handler = handler;
    sigemptyset(&mine.sa_mask);
    assert_int_equal(sigaction(SIGINT, &mine, &before), 0);

    gp_batch_options opt;
    gp_batch_options_init(&opt);
    opt.output_dir = out;
    opt.workers = 2;
    gp_diags *d = gp_diags_new();
    gp_batch *b = gp_batch_new(&opt, d);
    assert_non_null(b);
    assert_int_equal(gp_batch_add_path(b, guides[0], d), 0);
    assert_int_equal(gp_batch_add_path(b, missing, d), 0); /* fails alone, when run */
    assert_int_equal(gp_batch_add_path(b, guides[1], d), 0);
    assert_int_equal(gp_batch_count(b), 3);
    /* a merge cannot join guides */
    assert_int_equal(gp_batch_add_merge(b, "x.csv", d), -1);
    assert_int_equal(gp_diags_errors(d), 1);
    gp_diags_clear(d);

    seen s = {0};
    assert_int_equal(gp_batch_run(b, on_progress, &s, d), 0);
    assert_int_equal(gp_diags_count(d), 0);
    assert_int_equal(s.started, 1);
    assert_int_equal(s.count_at_start, 3);
    assert_int_equal(s.documents, 3);
    assert_int_equal(gp_batch_run(b, NULL, NULL, d), -1); /* once only */
    gp_diags_clear(d);

    /* the caller's SIGINT handler is back */
    assert_int_equal(sigaction(SIGINT, NULL, &after), 0);
    assert_ptr_equal(after.sa_handler, handler);
    sigaction(SIGINT, &before, NULL);

    gp_batch_totals t;
    gp_batch_get_totals(b, &t);
    assert_int_equal(t.documents, 3);
    assert_int_equal(t.done, 3);
    assert_int_equal(t.ok, 2);
    assert_int_equal(t.failed, 1);
    assert_int_equal(t.skipped, 0);
    assert_int_equal(t.interrupted, 0);
    assert_int_equal(t.worker_errors, 0);
    assert_true(t.workers == 2);
    assert_true(t.pages >= 4);

    size_t total_bytes = 0;
    const size_t ok_docs[] = {0, 2};
    for (size_t k = 0; k < 2; k++) {
        gp_batch_doc doc;
        assert_true(gp_batch_doc_get(b, ok_docs[k], &doc));
        assert_int_equal(doc.status, GP_BATCH_OK);
        assert_string_equal(doc.input, guides[k]);
        assert_pdf(doc.output);
        struct stat st;
        assert_int_equal(stat(doc.output, &st), 0);
        assert_int_equal((size_t)st.st_size, doc.bytes);
        total_bytes += doc.bytes;
        char *title = guide_title(guides[k]);
        char *text = pdf_text(doc.output);
        assert_non_null(text);
        if (!strstr(text, title))
            fail_msg("%s: pdftotext has no title '%s'", doc.output, title);
        free(title);
        free(text);
    }
    assert_int_equal(t.bytes, total_bytes);

    gp_batch_doc bad;
    assert_true(gp_batch_doc_get(b, 1, &bad));
    assert_int_equal(bad.status, GP_BATCH_FAILED);
    assert_string_equal(bad.error_file, missing);
    assert_non_null(bad.error_message);
    assert_non_null(bad.diags);
    assert_true(gp_diags_errors(bad.diags) >= 1);
    assert_false(gp_batch_doc_get(b, 3, &bad));
    char pdf[160];
    snprintf(pdf, sizeof pdf, "%s/no-such-guide.pdf", out);
    assert_int_not_equal(access(pdf, F_OK), 0); /* nothing written for it */

    char report[160];
    snprintf(report, sizeof report, "%s/report.json", g_dir);
    assert_int_equal(gp_batch_write_report(b, report, d), 0);
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))[\"totals\"]; "
             "print(t[\"documents\"], t[\"ok\"], t[\"failed\"])' '%s'",
             report);
    char *totals = run_capture(cmd);
    assert_non_null(totals);
    assert_string_equal(totals, "3 2 1\n");
    free(totals);
    /* a report that cannot be written is an error value, not a message */
    assert_int_equal(gp_batch_write_report(b, "/nonexistent-dir/r.json", d), -1);
    assert_int_equal(gp_diags_errors(d), 1);
    assert_string_equal(gp_diags_get(d, 0)->file, "/nonexistent-dir/r.json");

    gp_batch_free(b);
    gp_diags_free(d);
}

static void test_merge(void **state)
{
    (void)state;
    char csv[128], out[128];
    snprintf(csv, sizeof csv, "%s/clients.csv", g_dir);
    snprintf(out, sizeof out, "%s/merge", g_dir);
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fprintf(f,
            "guide,prepared_for,prepared_by,date,output\n"
            "%s/data/guides/accountant-to-data-analyst.yaml,Jane Doe,Priya Natarajan,"
            "2026-01-12,jane.pdf\n"
            "%s/data/guides/accountant-to-data-analyst.yaml,Tom Whitfield,Priya Natarajan,"
            "2026-01-14,../escape.pdf\n"
            "no-such-guide.yaml,Ann Other,Priya Natarajan,2026-01-14,b.pdf\n"
            "%s/data/guides/accountant-to-data-analyst.yaml,Bo Dup,Priya Natarajan,"
            "2026-01-14,./jane.pdf\n",
            GP_SOURCE_DIR, GP_SOURCE_DIR, GP_SOURCE_DIR);
    fclose(f);
    gp_batch_options opt;
    gp_batch_options_init(&opt);
    opt.output_dir = out;
    opt.workers = 1;
    gp_diags *d = gp_diags_new();
    gp_batch *b = gp_batch_new(&opt, d);
    assert_non_null(b);
    assert_int_equal(gp_batch_add_merge(b, csv, d), 0);
    assert_int_equal(gp_batch_add_path(b, csv, d), -1); /* a merge is the whole batch */
    gp_diags_clear(d);
    assert_int_equal(gp_batch_run(b, NULL, NULL, d), 0);
    gp_batch_totals t;
    gp_batch_get_totals(b, &t);
    assert_int_equal(t.documents, 4);
    assert_int_equal(t.ok, 1);
    assert_int_equal(t.failed, 3);

    gp_batch_doc doc;
    assert_true(gp_batch_doc_get(b, 0, &doc));
    assert_int_equal(doc.status, GP_BATCH_OK);
    assert_int_equal(doc.row, 1);
    assert_int_equal(doc.line, 2);
    assert_pdf(doc.output);
    char *text = pdf_text(doc.output);
    assert_non_null(text);
    assert_non_null(strstr(text, "Jane Doe"));
    assert_non_null(strstr(text, "Priya Natarajan"));
    free(text);

    /* the row whose output leaves the folder fails at its cell */
    assert_true(gp_batch_doc_get(b, 1, &doc));
    assert_int_equal(doc.status, GP_BATCH_FAILED);
    assert_string_equal(doc.error_file, csv);
    assert_int_equal(doc.error_line, 3);
    assert_true(doc.error_col > 1);
    assert_non_null(strstr(doc.error_message, "leaves the -o folder"));
    /* a missing guide fails at its cell; a second row writing jane.pdf
     * fails at its row, even when the rows that failed while planning
     * (no output at all) sort before it (this crashed before) */
    assert_true(gp_batch_doc_get(b, 2, &doc));
    assert_int_equal(doc.status, GP_BATCH_FAILED);
    assert_int_equal(doc.error_line, 4);
    assert_int_equal(doc.error_col, 1);
    assert_non_null(strstr(doc.error_message, "not found"));
    assert_true(gp_batch_doc_get(b, 3, &doc));
    assert_int_equal(doc.status, GP_BATCH_FAILED);
    assert_int_equal(doc.error_line, 5);
    assert_non_null(strstr(doc.error_message, "is also written by row 1"));
    char esc[160];
    snprintf(esc, sizeof esc, "%s/escape.pdf", g_dir);
    assert_int_not_equal(access(esc, F_OK), 0);
    gp_batch_free(b);
    gp_diags_free(d);
}

/* Options the workers could not hold are refused up front. */
static void test_options(void **state)
{
    (void)state;
    const char *keys[33], *values[33];
    for (size_t i = 0; i < 33; i++) {
        keys[i] = "prepared_for";
        values[i] = "X";
    }
    gp_batch_options opt;
    gp_batch_options_init(&opt);
    assert_int_equal(opt.backend, GP_BACKEND_PDF);
    assert_true(opt.time_limit_s == 120);
    opt.set_keys = keys;
    opt.set_values = values;
    opt.n_set = 33;
    gp_diags *d = gp_diags_new();
    assert_null(gp_batch_new(&opt, d));
    assert_int_equal(gp_diags_errors(d), 1);
    assert_non_null(strstr(gp_diags_get(d, 0)->message, "at most 32"));
    opt.n_set = 32;
    gp_batch *b = gp_batch_new(&opt, d);
    assert_non_null(b);
    assert_int_equal(gp_batch_count(b), 0);
    gp_batch_free(b);
    gp_batch_free(NULL);
    gp_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_guides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test(test_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
