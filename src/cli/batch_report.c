/* cli/batch_report.c - what `guidepress batch` tells people and tools.
 *
 * People at a terminal get one progress line redrawn in place (done/total,
 * documents per second, time left) with failures printed above it; logs
 * and CI (stderr not a terminal) get one plain line per document instead,
 * which reads well in a file and never fills it with carriage returns.
 * Tools get --report FILE.json: one record per document and the totals,
 * written to a temporary file and renamed, so a reader never sees half a
 * report. File names are bytes, not text, so the JSON writer replaces any
 * invalid UTF-8 with U+FFFD rather than emit a file a parser rejects. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/atomic.h"
#include "cli/cli.h"
#include "base/util.h"
#include "cli/batch.h"

double gp_batch_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double g_last_draw;

/* "row 12 of clients.csv (guides/x.yaml)" or the guide path. */
static void describe(FILE *out, const gp_batch *b, const gp_bjob *j)
{
    if (j->row > 0)
        fprintf(out, "%s row %ld (%s)", b->opt.csv_path, j->row, j->input ? j->input : "?");
    else
        fputs(j->input ? j->input : "?", out);
}

static void print_failure(const gp_batch *b, const gp_bjob *j)
{
    if (j->diag_text && j->diag_text[0]) {
        fputs(j->diag_text, stderr);
        size_t l = strlen(j->diag_text);
        if (j->diag_text[l - 1] != '\n')
            fputc('\n', stderr);
    } else if (j->err_file && j->err_line > 0) {
        fprintf(stderr, "%s:%d:%d: %s: %s\n", j->err_file, j->err_line, j->err_col,
                gp_cli_tr("error"), j->err_msg ? j->err_msg : gp_cli_tr("failed"));
    } else {
        fprintf(stderr, "%s: %s: %s\n", j->err_file ? j->err_file : (j->input ? j->input : "?"),
                gp_cli_tr("error"), j->err_msg ? j->err_msg : gp_cli_tr("failed"));
    }
    (void)b;
}

static void fmt_duration(char *buf, size_t n, double s)
{
    if (s < 0 || s > 359999)
        snprintf(buf, n, "--:--");
    else if (s >= 3600)
        snprintf(buf, n, "%d:%02d:%02d", (int)s / 3600, ((int)s / 60) % 60, (int)s % 60);
    else
        snprintf(buf, n, "%d:%02d", (int)s / 60, (int)s % 60);
}

static void draw_bar(const gp_batch *b)
{
    double el = gp_batch_now() - b->t_start;
    /* documents a worker finished; after an interrupt the unfinished ones
     * are counted as skipped without being done, so done - skipped would
     * wrap round to 2^64 */
    size_t rendered = b->ok + b->failed;
    double rate = el > 0 ? (double)rendered / el : 0;
    size_t total = b->n_todo;
    enum { W = 24 };
    int fill = total ? (int)((double)b->done / (double)total * W) : W;
    char bar[W + 1];
    for (int i = 0; i < W; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[W] = '\0';
    char eta[32] = "--:--";
    if (rate > 0)
        fmt_duration(eta, sizeof eta, (double)(total - b->done) / rate);
    fprintf(stderr, "\r\033[K[%s] %zu/%zu  %.1f docs/s  ETA %s", bar, b->done, total, rate, eta);
    if (b->failed)
        fprintf(stderr, "  %zu failed", b->failed);
    fflush(stderr);
}

void gp_batch_progress_start(gp_batch *b)
{
    if (b->t_start == 0)
        b->t_start = gp_batch_now();
    g_last_draw = 0;
    if (b->opt.tty && !b->opt.quiet)
        draw_bar(b);
}

void gp_batch_progress_job(gp_batch *b, size_t ji)
{
    gp_bjob *j = &b->jobs[ji];
    b->done++;
    if (j->status == GP_BJ_OK) {
        b->ok++;
        b->pages += (size_t)j->pages;
        b->bytes += j->bytes;
    } else if (j->status == GP_BJ_FAILED) {
        b->failed++;
    } else {
        b->skipped++;
    }
    bool tty = b->opt.tty && !b->opt.quiet;
    if (tty && (j->status == GP_BJ_FAILED || (j->diag_text && j->diag_text[0])))
        fputs("\r\033[K", stderr);
    if (j->status == GP_BJ_FAILED) {
        if (!b->opt.tty && !b->opt.quiet) {
            /* TRANSLATORS: batch progress, "[ 3/10] FAILED guides/x.yaml" */
            fprintf(stderr, "[%*zu/%zu] %s ", b->n_todo >= 1000 ? 5 : 3, b->done, b->n_todo,
                    gp_cli_tr("FAILED"));
            describe(stderr, b, j);
            fputc('\n', stderr);
        }
        print_failure(b, j);
    } else if (!b->opt.quiet) {
        if (j->diag_text && j->diag_text[0]) /* warnings */
            fputs(j->diag_text, stderr);
        if (!b->opt.tty) {
            fprintf(stderr, "[%*zu/%zu] ", b->n_todo >= 1000 ? 5 : 3, b->done, b->n_todo);
            if (j->status == GP_BJ_OK)
                fprintf(stderr, "ok %s (%d pages, %zu bytes, %.0f ms)%s%s%s%zu%s\n", j->output,
                        j->pages, j->bytes, j->ms, j->eml ? "; email " : "", j->eml ? j->eml : "",
                        j->eml ? " (" : "", j->eml ? j->eml_bytes : 0, j->eml ? " bytes)" : "");
            else
                fprintf(stderr, "skipped %s (up to date)\n", j->output);
        }
    }
    if (tty) {
        double now = gp_batch_now();
        if (now - g_last_draw >= 0.1 || b->done == b->n_todo || j->status == GP_BJ_FAILED) {
            g_last_draw = now;
            draw_bar(b);
        }
    }
}

void gp_batch_progress_end(gp_batch *b)
{
    b->seconds = gp_batch_now() - b->t_start;
    if (b->opt.tty && !b->opt.quiet) {
        draw_bar(b);
        fputc('\n', stderr);
    }
    if (b->opt.quiet && !b->interrupted)
        return;
    size_t rendered = b->ok + b->failed;
    fputs("guidepress batch: ", stderr);
    fprintf(stderr,
            gp_cli_trn("%zu document: %zu ok, %zu failed, %zu skipped in %.1f s",
                       "%zu documents: %zu ok, %zu failed, %zu skipped in %.1f s", b->n_todo),
            b->n_todo, b->ok, b->failed, b->skipped, b->seconds);
    if (rendered && b->seconds > 0)
        fprintf(stderr, " (%.1f documents/s with %d worker%s)", (double)rendered / b->seconds,
                b->opt.workers, b->opt.workers == 1 ? "" : "s");
    fputc('\n', stderr);
    if (b->interrupted)
        fprintf(stderr,
                "guidepress batch: interrupted by signal %d (%s); run again with --resume to "
                "finish\n",
                b->interrupted, strsignal(b->interrupted));
}

/* JSON ------------------------------------------------------------------------ */

static void json_str(gp_buf *o, const char *s)
{
    if (!s) {
        gp_buf_puts(o, "null");
        return;
    }
    size_t len = strlen(s);
    gp_buf_puts(o, "\"");
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': gp_buf_puts(o, "\\\""); break;
            case '\\': gp_buf_puts(o, "\\\\"); break;
            case '\n': gp_buf_puts(o, "\\n"); break;
            case '\r': gp_buf_puts(o, "\\r"); break;
            case '\t': gp_buf_puts(o, "\\t"); break;
            default:
                if (c < 0x20)
                    gp_buf_printf(o, "\\u%04x", c);
                else
                    gp_buf_append(o, (const char *)&c, 1);
            }
            i++;
            continue;
        }
        size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + n <= len && gp_utf8_check(s + i, n) == n) {
            gp_buf_append(o, s + i, n);
            i += n;
        } else {
            gp_buf_puts(o, "\\ufffd");
            i++;
        }
    }
    gp_buf_puts(o, "\"");
}

static const char *status_name(gp_bstatus s)
{
    return s == GP_BJ_OK ? "ok" : s == GP_BJ_FAILED ? "failed" : "skipped";
}

static void json_job(gp_buf *o, const gp_batch *b, const gp_bjob *j)
{
    gp_buf_puts(o, "    {\"input\": ");
    json_str(o, j->input);
    if (j->row > 0)
        gp_buf_printf(o, ", \"row\": %ld, \"line\": %d", j->row, j->line);
    else
        gp_buf_puts(o, ", \"row\": null, \"line\": null");
    gp_buf_puts(o, ", \"output\": ");
    json_str(o, j->output);
    gp_buf_printf(o, ", \"status\": \"%s\", \"pages\": %d, \"bytes\": %zu, \"ms\": %.1f",
                  status_name(j->status), j->status == GP_BJ_OK ? j->pages : 0,
                  j->status == GP_BJ_OK ? j->bytes : 0, j->ms);
    if (j->eml) {
        gp_buf_puts(o, ", \"email\": {\"file\": ");
        json_str(o, j->eml);
        gp_buf_puts(o, ", \"to\": ");
        json_str(o, j->mail_to);
        gp_buf_printf(o, ", \"bytes\": %zu}", j->status == GP_BJ_OK ? j->eml_bytes : 0);
    }
    gp_buf_puts(o, ", \"error\": ");
    if (j->status == GP_BJ_FAILED) {
        gp_buf_puts(o, "{\"file\": ");
        json_str(o, j->err_file);
        gp_buf_printf(o, ", \"line\": %d, \"column\": %d, \"message\": ", j->err_line, j->err_col);
        json_str(o, j->err_msg ? j->err_msg : "failed");
        gp_buf_puts(o, "}");
    } else {
        gp_buf_puts(o, "null");
    }
    gp_buf_puts(o, "}");
    (void)b;
}

int gp_batch_report_write(const gp_batch *b, const char *path)
{
    gp_buf o = {0};
    gp_buf_puts(&o, "{\n  \"tool\": \"guidepress " GP_VERSION_STRING "\",\n  \"merge\": ");
    json_str(&o, b->opt.csv_path);
    if (b->opt.shard_n)
        gp_buf_printf(&o, ",\n  \"shard\": \"%ld/%ld\"", b->opt.shard_k, b->opt.shard_n);
    else
        gp_buf_puts(&o, ",\n  \"shard\": null");
    gp_buf_puts(&o, ",\n  \"interrupted\": ");
    if (b->interrupted)
        gp_buf_printf(&o, "%d", b->interrupted);
    else
        gp_buf_puts(&o, "null");
    gp_buf_puts(&o, ",\n  \"documents\": [\n");
    for (size_t i = 0; i < b->n_todo; i++) {
        json_job(&o, b, &b->jobs[b->todo[i]]);
        gp_buf_puts(&o, i + 1 < b->n_todo ? ",\n" : "\n");
    }
    size_t rendered = b->ok + b->failed;
    gp_buf_printf(
        &o,
        "  ],\n  \"totals\": {\"documents\": %zu, \"ok\": %zu, \"failed\": %zu, "
        "\"skipped\": %zu, \"pages\": %zu, \"bytes\": %zu, \"seconds\": %.3f, "
        "\"documents_per_second\": %.2f, \"workers\": %d, \"max_worker_rss_kb\": %ld}\n}\n",
        b->n_todo, b->ok, b->failed, b->skipped, b->pages, b->bytes, b->seconds,
        b->seconds > 0 ? (double)rendered / b->seconds : 0.0, b->opt.workers, b->max_rss_kb);
    if (o.failed) {
        gp_buf_free(&o);
        fputs("guidepress batch: out of memory writing the report\n", stderr);
        return -1;
    }
    int rc = gp_atomic_write_file(path, o.data, o.len, 0600);
    if (rc != 0)
        fprintf(stderr, "%s: error: cannot write the report: %s\n", path, strerror(errno));
    gp_buf_free(&o);
    return rc;
}
