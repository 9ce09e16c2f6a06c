/* batch/batch_int.h - what the parts of a batch share (the public side is
 * include/guidepress/batch.h): the plan (one job per document), the worker
 * pool that renders it, and the counting and report writing.
 *
 * plan.c turns guides, folders, list files, a mail-merge CSV or a roles
 * folder into jobs; batch.c finishes the plan and runs it; pool.c forks
 * workers, each with its own gp_engine, and hands them job numbers;
 * report.c counts results and writes the JSON report. The jobs array is
 * built before the first fork, so a worker already has every job in
 * memory and the protocol only carries numbers one way and results the
 * other. */
#ifndef GP_BATCH_INT_H
#define GP_BATCH_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/batch.h>
#include <guidepress/guidepress.h>

#define GP_BATCH_MAX_SET 32 /* --set options on the command line */
#define GP_BATCH_ROW_SET 4  /* prepared_for, prepared_by, date, start from a CSV row */

/* One document. Strings are malloc'ed and owned by the job; a plan can
 * hold hundreds of thousands, so a job stays small (the batch's --set
 * values live once, in gp_batch_opts). */
typedef struct gp_bjob {
    char *input;               /* guide path as the worker opens it */
    char *output;              /* PDF path */
    char *style;               /* style name or path; NULL: the batch's or the default */
    int style_line, style_col; /* its CSV cell; 0 when it came from the options */
    char *password;
    char *ics;                              /* the plan's calendar file (CSV ics column), or NULL */
    char *mail_to;                          /* CSV email column: write OUTPUT.eml to this address */
    char *eml;                              /* the email's path (the PDF's with .eml), or NULL */
    size_t n_set;                           /* CSV cells, applied after the batch's --set */
    const char *set_keys[GP_BATCH_ROW_SET]; /* static column names */
    char *set_values[GP_BATCH_ROW_SET];
    int set_line[GP_BATCH_ROW_SET], set_col[GP_BATCH_ROW_SET]; /* the cells */
    long row; /* 1-based data row of the CSV; 0 outside a merge */
    int line; /* CSV line the row starts on */
    long pos; /* position in the run (todo), -1 outside it */
    /* result */
    gp_batch_status status;
    int pages;
    size_t bytes;
    size_t eml_bytes; /* the email's size, 0 when none */
    double ms;
    char *err_file; /* first error; NULL when none */
    int err_line, err_col;
    char *err_msg;
    gp_diags *diags; /* every diagnostic of the render; NULL when none */
    /* matrix: the pair of role profiles the worker composes (input is
     * the from-role's profile); NULL outside a matrix */
    char *role_from, *role_to, *role_to_path;
} gp_bjob;

/* Options that reach the workers (the public options, with the batch's
 * own copies of what it plans from). */
typedef struct gp_batch_opts {
    const char *style;
    const char *const *set_keys;
    const char *const *set_values;
    size_t n_set;
    gp_backend backend;
    const char *out_dir;  /* never NULL */
    const char *csv_path; /* the merge's CSV (owned copy), for diagnostics of row values */
    int workers;
    unsigned mode;
    double time_limit_s;
    long shard_k, shard_n;
    bool resume;
    const char *password; /* a CSV password cell wins */
    bool pdfa;
    gp_format format;
    const char *roles_dir; /* matrix (owned copy): compose each job's pair */
    const char *market;
    const char *mail_from;
    const char *mail_subject;
    const char *sendmail;
} gp_batch_opts;

struct gp_batch {
    gp_batch_opts opt;
    char *csv_copy, *roles_copy;
    gp_bjob *jobs;
    size_t n_jobs, cap_jobs;
    bool nomem; /* planning ran out of memory */
    bool ran;   /* gp_batch_run was called */
    bool running;
    size_t *todo; /* indices this run covers (after the shard), in order */
    size_t n_todo;
    /* running totals over todo */
    size_t done, ok, failed, skipped;
    size_t pages, bytes;
    double t_start;       /* monotonic seconds */
    double seconds;       /* wall time of the run */
    long max_rss_kb;      /* largest worker resident set */
    size_t worker_errors; /* workers that ended badly between documents */
    int interrupted;      /* signal number, 0 when the run finished */
    gp_batch_progress_fn progress;
    void *closure;
    gp_diags *run_diags; /* the run's own problems (gp_batch_run's diags) */
};

/* Monotonic clock in seconds. */
double gp_batch_now(void);

/* Records a failure on a job that never reached a worker (or whose worker
 * died): status failed, error at file:line:col. */
void gp_batch_fail(gp_bjob *j, const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* plan.c: a job's strings freed; a shipped style name vs a style file. */
void gp_batch_job_free(gp_bjob *j);
bool gp_batch_style_is_path(const char *s);

/* pool.c: renders every todo job still pending with opt.workers forked
 * workers, calling gp_batch_job_done after each result. Returns 0, or -1
 * when workers cannot be started at all (an error in b->run_diags). On
 * SIGINT, SIGTERM or SIGHUP it stops the workers, removes their temporary
 * files, marks unfinished jobs skipped and sets b->interrupted. */
int gp_batch_pool_run(gp_batch *b);

/* Removes OUTPUT.tmp.XXXXXX files left for the given jobs' outputs (a
 * killed render's temporary files). Returns the number removed. */
size_t gp_batch_clean_tmp(gp_batch *b, const size_t *idx, size_t n);

/* confine.c: a CSV output cell as a path inside out_dir, in normal form
 * (out_dir/a/b.pdf), malloc'ed; NULL with why set ("is an absolute path",
 * "leaves the -o folder", "goes through the symlink `x`...") when it is
 * absolute, climbs out with `..`, or meets a symlink or a non-folder
 * inside out_dir (checked with openat/O_NOFOLLOW, component by
 * component). */
char *gp_batch_confine(const char *out_dir, const char *rel, char *why, size_t why_len);

/* Fails every pending job whose output is an input of the batch (a guide,
 * a style file, the CSV), compared by device and inode. */
void gp_batch_check_inputs(gp_batch *b, const char *csv);

/* report.c: counts a finished job (ok, failed or skipped) in the totals
 * and calls the progress callback. */
void gp_batch_job_done(gp_batch *b, size_t job);

/* matrix.c: loads a roles folder for planning (NULL with the errors in
 * d); a glob filter (NULL keeps every id); the worker's composed guide
 * for a matrix job (NULL with diagnostics in d); whether the output is
 * not older than the to-role's profile, the vocabulary and the pair
 * file. */
struct gp_roles;
struct stat;
struct gp_roles *gp_batch_matrix_load(const char *dir, gp_diags *d);
bool gp_batch_matrix_keep(const char *glob, const char *id);
gp_guide *gp_batch_matrix_compose(const gp_batch *b, const gp_bjob *j, gp_diags *d);
void gp_batch_matrix_done(void);
bool gp_batch_matrix_fresh(const gp_batch *b, const gp_bjob *j, const struct stat *out);

#endif
