/* guidepress/batch.h - many documents at once: a folder of guides, or one
 * personalised guide per row of a mail-merge CSV, rendered by a pool of
 * worker processes.
 *
 * A gp_batch is a plan (one document per guide, CSV row or pair of role
 * profiles, each with its output path decided up front) and the run that
 * renders it. Build the plan with gp_batch_add_path, _add_list, _add_merge
 * or _add_matrix, then gp_batch_run: it creates the output folders, takes
 * this machine's --shard slice, skips up-to-date outputs when asked to
 * resume, and renders the rest with forked workers, each with its own
 * gp_engine. One bad document fails alone, with its error at file:line:col
 * (a CSV cell, a guide line); the others go on. Every document's bytes
 * depend only on its own inputs, so the output is the same whatever the
 * number of workers or shards.
 *
 * The library never prints: problems with the batch as a whole are
 * diagnostics in the gp_diags passed in, and each document's own
 * diagnostics stay with its result (gp_batch_doc). A progress callback
 * is called after each document so a program can show progress.
 *
 * Signals. While gp_batch_run renders, it installs handlers for SIGINT,
 * SIGTERM and SIGHUP (a self-pipe); the previous handlers are restored
 * before it returns. On one of these signals it hands out no more work,
 * waits up to 10 s for the documents in flight (workers hold the signals
 * while they render, so a started document is either finished and
 * counted or killed before its rename), removes temporary files, marks
 * the rest skipped and returns with gp_batch_totals.interrupted set to
 * the signal. The caller then decides what to do (the CLI dies of the
 * same signal). Workers are children of the calling process: do not
 * reap them with a SIGCHLD handler of your own while a batch runs.
 * A gp_batch is not thread-safe; use one from one thread. */
#ifndef GUIDEPRESS_BATCH_H
#define GUIDEPRESS_BATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "guidepress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_batch gp_batch;

/* Options for a whole batch. Strings are borrowed: they must outlive the
 * gp_batch. Start from gp_batch_options_init. */
typedef struct gp_batch_options {
    const char *output_dir; /* where outputs go; a CSV's output cells are
                               relative to it and may not leave it. "out" when NULL */
    const char *style;      /* every document's style (a CSV style cell wins); NULL: default */
    /* --set key=value for every document (CSV cells win); at most 32 */
    const char *const *set_keys;
    const char *const *set_values;
    size_t n_set;
    gp_backend backend;       /* GP_BACKEND_PDF by default */
    gp_format format;         /* PDF by default; PNG/SVG write NAME-1.png ... */
    bool pdfa;                /* PDF/A for every document */
    const char *password;     /* for every document (a CSV password cell wins); NULL: none */
    unsigned mode;            /* permission bits of every output; 0: the engine's default */
    int workers;              /* worker processes; 0: the number of cores */
    double time_limit_s;      /* per document, wall time; 0: none (120 after _init) */
    long shard_k, shard_n;    /* render only documents i (from 0) with i % N == K - 1;
                                 0/0: all */
    bool resume;              /* skip documents whose output is not older than its
                                 inputs; remove temporary files of a killed run */
    const char *market;       /* matrix: the salary market of every composed guide */
    const char *mail_from;    /* merge email column: the sender */
    const char *mail_subject; /* merge email column: the subject template */
    const char *sendmail;     /* pipe each email to `sh -c sendmail`; NULL: write only */
} gp_batch_options;

/* Fills *opt with the defaults (every field zero or NULL, PDF painter,
 * time limit 120 s). */
void gp_batch_options_init(gp_batch_options *opt);

/* A new, empty batch. opt is copied (its strings are borrowed, not
 * copied); NULL gives the defaults. Returns NULL with an error in diags
 * (which may be NULL) when memory runs out or opt has more than 32 --set
 * values. Free with gp_batch_free. */
gp_batch *gp_batch_new(const gp_batch_options *opt, gp_diags *diags);

/* Frees the batch, its plan and every result. NULL-safe. Does not remove
 * any output file. */
void gp_batch_free(gp_batch *b);

/* Adds one guide file (output: OUTPUT_DIR/<its name>.pdf), the *.yaml
 * files of a folder, sorted by name (a warning in diags when there are
 * none), or the matches of a glob pattern. A file that does not exist is
 * added anyway and fails as that document when the batch runs. Returns 0,
 * or -1 when memory runs out or the batch already holds a merge or matrix
 * (an error in diags). path is copied. */
int gp_batch_add_path(gp_batch *b, const char *path, gp_diags *diags);

/* Adds the paths of a list file, one a line (blank lines and lines
 * starting with # skipped; relative paths looked up in the list's folder,
 * then in the current one), each as by gp_batch_add_path. Returns 0, or
 * -1 with an error in diags when the file cannot be read. */
int gp_batch_add_list(gp_batch *b, const char *list_path, gp_diags *diags);

/* Adds one document per non-blank row of a mail-merge CSV (columns guide,
 * prepared_for, prepared_by, date, output, and optionally style, password,
 * start, ics, email; docs/batch.md). A row that cannot be planned (wrong
 * number of fields, a missing guide, an output outside OUTPUT_DIR) fails
 * alone, at its cell. Returns 0, or -1 with errors in diags when the CSV
 * cannot be used at all (unreadable, malformed, a required column
 * missing) or the batch already holds documents. csv_path is copied. At
 * most one merge per batch. */
int gp_batch_add_merge(gp_batch *b, const char *csv_path, gp_diags *diags);

/* Adds one document per ordered pair of role profiles in roles_dir whose
 * ids match the globs from_glob and to_glob (fnmatch; NULL matches every
 * id), composed in the worker (compose.h). Output:
 * OUTPUT_DIR/FROM--TO.pdf. Returns 0 (a warning in diags when no pair
 * matches), or -1 with the profiles' errors in diags. The strings are
 * copied. At most one matrix per batch, and not with other documents. */
int gp_batch_add_matrix(gp_batch *b, const char *roles_dir, const char *from_glob,
                        const char *to_glob, gp_diags *diags);

/* Status of one document. */
typedef enum gp_batch_status {
    GP_BATCH_PENDING = 0, /* not rendered (yet) */
    GP_BATCH_OK,          /* written */
    GP_BATCH_FAILED,      /* error: see error_* and diags */
    GP_BATCH_SKIPPED      /* up to date (resume), or not reached when interrupted */
} gp_batch_status;

/* One document's plan and result, as gp_batch_doc_get fills it. Every
 * pointer is borrowed from the batch: valid until gp_batch_free, and
 * until gp_batch_run changes the document. */
typedef struct gp_batch_doc {
    const char *input;  /* the guide (a matrix: the from-role's profile) */
    const char *output; /* the output path (PNG/SVG: the pattern base) */
    const char *email;  /* the .eml written next to the output, or NULL */
    const char *email_to;
    long row; /* 1-based data row of the merge CSV; 0 outside a merge */
    int line; /* the CSV line the row starts on; 0 outside a merge */
    gp_batch_status status;
    int pages;                 /* when ok */
    size_t bytes;              /* when ok: size of the output */
    size_t email_bytes;        /* when ok and an email was written */
    double ms;                 /* render wall time */
    const char *error_file;    /* when failed: the first error's file (may be NULL), */
    int error_line, error_col; /* position (0 when unknown) */
    const char *error_message; /* and message (never NULL when failed) */
    const gp_diags *diags;     /* every diagnostic (errors and warnings) of
                                  the render, located at the CSV cell or
                                  guide line; NULL when there were none */
} gp_batch_doc;

/* Documents this run covers (after the shard is taken: known once
 * gp_batch_run has started; before it, the number planned). */
size_t gp_batch_count(const gp_batch *b);

/* Fills *doc with the i-th document of the run, 0 <= i < gp_batch_count,
 * in plan order. Returns false (and leaves *doc alone) when i is out of
 * range. */
bool gp_batch_doc_get(const gp_batch *b, size_t i, gp_batch_doc *doc);

/* The figures of a run so far (during gp_batch_run, from the progress
 * callback) or in the end. */
typedef struct gp_batch_totals {
    size_t documents; /* this run's documents (gp_batch_count) */
    size_t done;      /* reported so far: ok + failed + skipped */
    size_t ok, failed, skipped;
    size_t pages, bytes; /* over the ok documents */
    double seconds;      /* wall time of gp_batch_run (so far) */
    int workers;         /* worker processes used (at most one per document) */
    long max_worker_rss_kb;
    size_t worker_errors; /* workers that ended badly between documents */
    int interrupted;      /* the signal that stopped the run; 0 when it finished */
} gp_batch_totals;

/* Fills the caller's *totals; nothing in it is borrowed. After an
 * interrupt, documents never started count in skipped but not in done
 * (no progress call is made for them). */
void gp_batch_get_totals(const gp_batch *b, gp_batch_totals *totals);

typedef enum gp_batch_event {
    GP_BATCH_STARTED, /* planning is finished: gp_batch_count is final; doc is -1 */
    GP_BATCH_DOCUMENT /* document number doc (as for gp_batch_doc_get) is done */
} gp_batch_event;

/* Called by gp_batch_run in the calling process (never in a worker):
 * once with GP_BATCH_STARTED, then once per document as it finishes (ok,
 * failed or skipped, including those that fail or are skipped before any
 * worker starts; not for those an interrupt leaves unstarted). It may
 * read the batch with the accessors above; it must not free it or start
 * another run. b is borrowed for the call. */
typedef void (*gp_batch_progress_fn)(void *closure, const gp_batch *b, gp_batch_event event,
                                     long doc);

/* Renders every document. Before the first worker starts it checks the
 * plan (two documents writing one file, an output that is an input of the
 * batch: the later document fails), takes the shard, creates the output
 * folders and, with resume, marks up-to-date documents skipped. progress
 * may be NULL. Signals: see the top of this file. Returns 0 when the
 * batch ran, whatever the documents' results (read gp_batch_get_totals:
 * failed, worker_errors, interrupted); -1 with an error in diags when it
 * could not run at all (no worker process could be started, out of
 * memory) or was already run. Problems with the run as a whole (a worker
 * that ended badly after its last document) are also in diags, with
 * file NULL. */
int gp_batch_run(gp_batch *b, gp_batch_progress_fn progress, void *closure, gp_diags *diags);

/* Writes the JSON report (one record per document of the run, plus the
 * totals; docs/batch.md) to path, atomically: a temporary file renamed
 * into place, mode 0600. Returns 0, or -1 with an error in diags. */
int gp_batch_write_report(const gp_batch *b, const char *path, gp_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
