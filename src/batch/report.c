/* batch/report.c - what a batch tells the program that runs it, and tools.
 *
 * Each finished document is counted in the run's totals and handed to the
 * caller's progress callback (the CLI draws its progress bar or lines from
 * it; the library never prints). Tools get the JSON report: one record
 * per document and the totals, written to a temporary file and renamed,
 * so a reader never sees half a report. File names are bytes, not text,
 * so the JSON writer replaces any invalid UTF-8 with U+FFFD rather than
 * emit a file a parser rejects. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/atomic.h"
#include "base/util.h"
#include "batch/batch_int.h"

double gp_batch_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void gp_batch_job_done(gp_batch *b, size_t ji)
{
    gp_bjob *j = &b->jobs[ji];
    b->done++;
    if (j->status == GP_BATCH_OK) {
        b->ok++;
        b->pages += (size_t)j->pages;
        b->bytes += j->bytes;
    } else if (j->status == GP_BATCH_FAILED) {
        b->failed++;
    } else {
        b->skipped++;
    }
    if (b->progress && j->pos >= 0)
        b->progress(b->closure, b, GP_BATCH_DOCUMENT, j->pos);
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

static const char *status_name(gp_batch_status s)
{
    return s == GP_BATCH_OK ? "ok" : s == GP_BATCH_FAILED ? "failed" : "skipped";
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
                  status_name(j->status), j->status == GP_BATCH_OK ? j->pages : 0,
                  j->status == GP_BATCH_OK ? j->bytes : 0, j->ms);
    if (j->eml) {
        gp_buf_puts(o, ", \"email\": {\"file\": ");
        json_str(o, j->eml);
        gp_buf_puts(o, ", \"to\": ");
        json_str(o, j->mail_to);
        gp_buf_printf(o, ", \"bytes\": %zu}", j->status == GP_BATCH_OK ? j->eml_bytes : 0);
    }
    gp_buf_puts(o, ", \"error\": ");
    if (j->status == GP_BATCH_FAILED) {
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

int gp_batch_write_report(const gp_batch *b, const char *path, gp_diags *diags)
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
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "out of memory writing the report");
        return -1;
    }
    int rc = gp_atomic_write_file(path, o.data, o.len, 0600);
    if (rc != 0)
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot write the report: %s", strerror(errno));
    gp_buf_free(&o);
    return rc;
}
