/* cli/batch_report.c - what `guidepress batch` tells people, from the
 * library's progress callback (the library never prints; the JSON report
 * for tools is its gp_batch_write_report).
 *
 * People at a terminal get one progress line redrawn in place (done/total,
 * documents per second, time left) with failures printed above it; logs
 * and CI (stderr not a terminal) get one plain line per document instead,
 * which reads well in a file and never fills it with carriage returns. */
#include <stdio.h>
#include <string.h>

#include "cli/batch.h"
#include "cli/cli.h"

/* "row 12 of clients.csv (guides/x.yaml)" or the guide path. */
static void describe(FILE *out, const gp_cli_progress *p, const gp_batch_doc *j)
{
    if (j->row > 0)
        fprintf(out, "%s row %ld (%s)", p->csv_path, j->row, j->input ? j->input : "?");
    else
        fputs(j->input ? j->input : "?", out);
}

static bool has_diags(const gp_batch_doc *j)
{
    return j->diags && gp_diags_count(j->diags) > 0;
}

static void print_failure(const gp_batch_doc *j)
{
    if (has_diags(j)) {
        gp_cli_print_diags(stderr, j->diags);
    } else if (j->error_file && j->error_line > 0) {
        fprintf(stderr, "%s:%d:%d: %s: %s\n", j->error_file, j->error_line, j->error_col,
                gp_cli_tr("error"), j->error_message ? j->error_message : gp_cli_tr("failed"));
    } else {
        fprintf(stderr, "%s: %s: %s\n", j->error_file ? j->error_file : (j->input ? j->input : "?"),
                gp_cli_tr("error"), j->error_message ? j->error_message : gp_cli_tr("failed"));
    }
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

static void draw_bar(const gp_batch_totals *b)
{
    double el = b->seconds;
    /* documents a worker finished; after an interrupt the unfinished ones
     * are counted as skipped without being done, so done - skipped would
     * wrap round to 2^64 */
    size_t rendered = b->ok + b->failed;
    double rate = el > 0 ? (double)rendered / el : 0;
    size_t total = b->documents;
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

void gp_cli_batch_progress(void *closure, const gp_batch *batch, gp_batch_event event, long doc)
{
    gp_cli_progress *p = closure;
    gp_batch_totals t, *b = &t;
    gp_batch_get_totals(batch, &t);
    bool tty = p->tty && !p->quiet;
    if (event == GP_BATCH_STARTED) {
        p->last_draw = -1;
        if (tty)
            draw_bar(b);
        return;
    }
    gp_batch_doc d, *j = &d;
    if (!gp_batch_doc_get(batch, (size_t)doc, &d))
        return;
    if (tty && (j->status == GP_BATCH_FAILED || has_diags(j)))
        fputs("\r\033[K", stderr);
    if (j->status == GP_BATCH_FAILED) {
        if (!p->tty && !p->quiet) {
            /* TRANSLATORS: batch progress, "[ 3/10] FAILED guides/x.yaml" */
            fprintf(stderr, "[%*zu/%zu] %s ", b->documents >= 1000 ? 5 : 3, b->done, b->documents,
                    gp_cli_tr("FAILED"));
            describe(stderr, p, j);
            fputc('\n', stderr);
        }
        print_failure(j);
    } else if (!p->quiet) {
        if (has_diags(j)) /* warnings */
            gp_cli_print_diags(stderr, j->diags);
        if (!p->tty) {
            fprintf(stderr, "[%*zu/%zu] ", b->documents >= 1000 ? 5 : 3, b->done, b->documents);
            if (j->status == GP_BATCH_OK) {
                fprintf(stderr, "ok %s (%d pages, %zu bytes, %.0f ms)", j->output, j->pages,
                        j->bytes, j->ms);
                if (j->email)
                    fprintf(stderr, "; email %s (%zu bytes)", j->email, j->email_bytes);
                fputc('\n', stderr);
            } else {
                fprintf(stderr, "skipped %s (up to date)\n", j->output);
            }
        }
    }
    if (tty) {
        if (b->seconds - p->last_draw >= 0.1 || b->done == b->documents ||
            j->status == GP_BATCH_FAILED) {
            p->last_draw = b->seconds;
            draw_bar(b);
        }
    }
}

void gp_cli_batch_summary(gp_cli_progress *p, const gp_batch *batch)
{
    gp_batch_totals t, *b = &t;
    gp_batch_get_totals(batch, &t);
    if (p->tty && !p->quiet) {
        draw_bar(b);
        fputc('\n', stderr);
    }
    if (p->quiet && !b->interrupted)
        return;
    size_t rendered = b->ok + b->failed;
    fputs("guidepress batch: ", stderr);
    fprintf(stderr,
            gp_cli_trn("%zu document: %zu ok, %zu failed, %zu skipped in %.1f s",
                       "%zu documents: %zu ok, %zu failed, %zu skipped in %.1f s", b->documents),
            b->documents, b->ok, b->failed, b->skipped, b->seconds);
    if (rendered && b->seconds > 0)
        fprintf(stderr, " (%.1f documents/s with %d worker%s)", (double)rendered / b->seconds,
                b->workers, b->workers == 1 ? "" : "s");
    fputc('\n', stderr);
    if (b->interrupted)
        fprintf(stderr,
                "guidepress batch: interrupted by signal %d (%s); run again with --resume to "
                "finish\n",
                b->interrupted, strsignal(b->interrupted));
}

void gp_cli_batch_print_diags(const gp_diags *d)
{
    for (size_t i = 0; i < gp_diags_count(d); i++) {
        const gp_diag *g = gp_diags_get(d, i);
        if (g->file) {
            gp_diags *one = gp_diags_new();
            if (one) {
                gp_diags_add(one, g->code, g->severity, g->file, g->line, g->col, g->path, g->hint,
                             "%s", g->message);
                gp_cli_print_diags(stderr, one);
            }
            gp_diags_free(one);
        } else {
            fprintf(stderr, "guidepress batch: %s\n", g->message);
        }
    }
}
