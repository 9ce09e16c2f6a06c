/* cli/batch.h - what `guidepress batch` (cli/batch.c: arguments, calling
 * the library's gp_batch) and its printing (cli/batch_report.c) share. */
#ifndef GP_CLI_BATCH_H
#define GP_CLI_BATCH_H

#include <stdbool.h>

#include <guidepress/batch.h>

/* How the run is shown on stderr. */
typedef struct gp_cli_progress {
    bool quiet;           /* failures only */
    bool tty;             /* a redrawn bar instead of one line per document */
    const char *csv_path; /* the merge's CSV, to name a row; NULL outside a merge */
    double last_draw;     /* when the bar was last drawn (seconds of the run) */
} gp_cli_progress;

/* A gp_batch_progress_fn: closure is a gp_cli_progress. Draws the bar at
 * the start; for each document prints its diagnostics when it failed or
 * has warnings, and a line or the redrawn bar. */
void gp_cli_batch_progress(void *closure, const gp_batch *b, gp_batch_event event, long doc);

/* After the run: the last bar and the summary line (and the interruption). */
void gp_cli_batch_summary(gp_cli_progress *p, const gp_batch *b);

/* The batch's own problems: "guidepress batch: message" when they have no
 * file, else as every diagnostic is printed. */
void gp_cli_batch_print_diags(const gp_diags *d);

#endif
