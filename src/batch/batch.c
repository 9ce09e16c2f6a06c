/* batch/batch.c - a batch's life: options, the run, and what it tells.
 *
 * gp_batch_run finishes the plan that plan.c built (duplicate outputs,
 * outputs that are inputs, --format extensions), takes this machine's
 * shard, creates the output folders, drops what --resume finds up to
 * date, and hands the rest to the worker pool (pool.c). Everything the
 * run learns is in the batch, read through the accessors of
 * guidepress/batch.h; the library never prints. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/util.h"
#include "batch/batch_int.h"

void gp_batch_options_init(gp_batch_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->backend = GP_BACKEND_PDF;
    opt->format = GP_FORMAT_PDF;
    opt->time_limit_s = 120; /* per document; a hostile row must not hold a worker */
}

gp_batch *gp_batch_new(const gp_batch_options *opt, gp_diags *diags)
{
    gp_batch_options defaults;
    if (!opt) {
        gp_batch_options_init(&defaults);
        opt = &defaults;
    }
    if (opt->n_set > GP_BATCH_MAX_SET) {
        gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "too many --set values for a batch (%zu; at most %d)", opt->n_set,
                     GP_BATCH_MAX_SET);
        return NULL;
    }
    gp_batch *b = gp_calloc(1, sizeof *b);
    if (!b) {
        if (diags)
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "out of memory");
        return NULL;
    }
    gp_batch_opts *o = &b->opt;
    o->style = opt->style;
    o->set_keys = opt->set_keys;
    o->set_values = opt->set_values;
    o->n_set = opt->n_set;
    o->backend = opt->backend;
    o->out_dir = opt->output_dir ? opt->output_dir : "out";
    o->workers = opt->workers;
    if (o->workers <= 0) {
        long nproc = sysconf(_SC_NPROCESSORS_ONLN);
        o->workers = nproc > 0 ? (int)nproc : 1;
    }
    o->mode = opt->mode;
    o->time_limit_s = opt->time_limit_s;
    o->shard_k = opt->shard_k;
    o->shard_n = opt->shard_n;
    o->resume = opt->resume;
    o->password = opt->password;
    o->pdfa = opt->pdfa;
    o->format = opt->format;
    o->market = opt->market;
    o->mail_from = opt->mail_from;
    o->mail_subject = opt->mail_subject;
    o->sendmail = opt->sendmail;
    return b;
}

void gp_batch_free(gp_batch *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n_jobs; i++)
        gp_batch_job_free(&b->jobs[i]);
    gp_free(b->jobs);
    gp_free(b->todo);
    gp_free(b->csv_copy);
    gp_free(b->roles_copy);
    gp_free(b);
}

/* Checks ------------------------------------------------------------------------ */

/* A job's output and its index, sorted by output then index (no global
 * for the comparison, so two batches may plan in two threads). */
typedef struct out_ref {
    const char *output;
    size_t i;
} out_ref;

static int cmp_output(const void *a, const void *b)
{
    const out_ref *x = a, *y = b;
    int c = strcmp(x->output ? x->output : "", y->output ? y->output : "");
    if (c)
        return c;
    return x->i < y->i ? -1 : 1;
}

/* Two documents writing one file would race; the later one fails. */
static void check_duplicates(gp_batch *b, const char *csv)
{
    out_ref *refs = gp_malloc((b->n_jobs ? b->n_jobs : 1) * sizeof *refs);
    size_t *ix = gp_malloc((b->n_jobs ? b->n_jobs : 1) * sizeof *ix);
    if (!refs || !ix) {
        gp_free(refs);
        gp_free(ix);
        return;
    }
    for (size_t i = 0; i < b->n_jobs; i++)
        refs[i] = (out_ref){b->jobs[i].output, i};
    qsort(refs, b->n_jobs, sizeof *refs, cmp_output);
    for (size_t i = 0; i < b->n_jobs; i++)
        ix[i] = refs[i].i;
    gp_free(refs);
    for (size_t i = 1; i < b->n_jobs; i++) {
        gp_bjob *first = &b->jobs[ix[i - 1]], *j = &b->jobs[ix[i]];
        if (!j->output || !first->output || strcmp(j->output, first->output))
            continue;
        size_t k = i - 1; /* the first of a run of equal outputs */
        /* jobs that failed while planning have no output and sort first */
        while (k > 0 && b->jobs[ix[k - 1]].output && !strcmp(b->jobs[ix[k - 1]].output, j->output))
            k--;
        first = &b->jobs[ix[k]];
        if (j->status != GP_BATCH_PENDING)
            continue;
        if (j->row > 0)
            gp_batch_fail(j, csv, j->line, 1, "output `%s` is also written by row %ld (line %d)",
                          j->output, first->row, first->line);
        else
            gp_batch_fail(j, j->input, 0, 0, "output `%s` is also written by %s", j->output,
                          first->input);
    }
    gp_free(ix);
}

/* mkdir -p of the folder holding path. */
static int make_parent_dirs(const char *path)
{
    char *dir = gp_path_dirname(path);
    if (!dir)
        return -1;
    int rc = 0;
    for (char *s = dir + 1;; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(dir, 0777) != 0 && errno != EEXIST)
                rc = -1;
            *s = c;
            if (!c)
                break;
        }
    }
    struct stat st;
    if (rc == 0 && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        rc = -1;
    gp_free(dir);
    return rc;
}

static bool newer_or_same(const struct stat *a, const char *input)
{
    struct stat st;
    if (!input || stat(input, &st) != 0)
        return true; /* nothing to compare with: the render will tell */
    return a->st_mtim.tv_sec > st.st_mtim.tv_sec ||
           (a->st_mtim.tv_sec == st.st_mtim.tv_sec && a->st_mtim.tv_nsec >= st.st_mtim.tv_nsec);
}

/* --resume: the output exists, is not empty and is not older than the
 * guide, a style given as a file, and the CSV it came from. */
static bool up_to_date(const gp_batch *b, const gp_bjob *j)
{
    struct stat st;
    if (!j->output || stat(j->output, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0)
        return false;
    const char *style = j->style ? j->style : b->opt.style;
    return newer_or_same(&st, j->input) && gp_batch_matrix_fresh(b, j, &st) &&
           (!style || !gp_batch_style_is_path(style) || newer_or_same(&st, style)) &&
           (j->row == 0 || newer_or_same(&st, b->opt.csv_path));
}

/* --format png|svg: each output takes the format's extension (the engine
 * then writes NAME-1.png, NAME-2.png ...). */
static void set_extensions(gp_batch *b, const char *ext)
{
    for (size_t i = 0; i < b->n_jobs; i++) {
        gp_bjob *j = &b->jobs[i];
        if (!j->output)
            continue;
        const char *slash = strrchr(j->output, '/');
        const char *dot = strrchr(j->output, '.');
        size_t stem =
            dot && (!slash || dot > slash + 1) ? (size_t)(dot - j->output) : strlen(j->output);
        char *o = gp_malloc(stem + strlen(ext) + 2);
        if (!o)
            continue;
        snprintf(o, stem + strlen(ext) + 2, "%.*s.%s", (int)stem, j->output, ext);
        gp_free(j->output);
        j->output = o;
    }
}

/* The run ------------------------------------------------------------------------ */

/* Takes the shard, creates the output folders and marks what --resume
 * finds up to date; 0, or -1 when memory runs out. */
static int prepare(gp_batch *b)
{
    if (b->opt.format != GP_FORMAT_PDF)
        set_extensions(b, b->opt.format == GP_FORMAT_PNG ? "png" : "svg");
    check_duplicates(b, b->opt.csv_path);
    gp_batch_check_inputs(b, b->opt.csv_path);
    b->todo = gp_malloc((b->n_jobs ? b->n_jobs : 1) * sizeof *b->todo);
    if (!b->todo)
        return -1;
    for (size_t i = 0; i < b->n_jobs; i++)
        if (!b->opt.shard_n || (long)(i % (size_t)b->opt.shard_n) == b->opt.shard_k - 1) {
            b->jobs[i].pos = (long)b->n_todo;
            b->todo[b->n_todo++] = i;
        }
    const char *last_dir_of = NULL;
    for (size_t t = 0; t < b->n_todo; t++) {
        gp_bjob *j = &b->jobs[b->todo[t]];
        if (j->status != GP_BATCH_PENDING || !j->output)
            continue;
        if (j->ics && strchr(j->ics, '/') && make_parent_dirs(j->ics) != 0) {
            gp_batch_fail(j, j->ics, 0, 0, "cannot create the calendar's folder: %s",
                          strerror(errno));
            continue;
        }
        /* consecutive jobs usually share a folder: skip the repeat mkdir */
        const char *s1 = strrchr(j->output, '/');
        const char *s0 = last_dir_of ? strrchr(last_dir_of, '/') : NULL;
        if (s1 && s0 && s1 - j->output == s0 - last_dir_of &&
            !memcmp(j->output, last_dir_of, (size_t)(s1 - j->output)))
            continue;
        if (s1 && make_parent_dirs(j->output) != 0) {
            gp_batch_fail(j, j->output, 0, 0, "cannot create the output folder: %s",
                          strerror(errno));
            continue;
        }
        last_dir_of = j->output;
    }
    if (b->opt.resume) {
        gp_batch_clean_tmp(b, b->todo, b->n_todo);
        for (size_t t = 0; t < b->n_todo; t++) {
            gp_bjob *j = &b->jobs[b->todo[t]];
            if (j->status == GP_BATCH_PENDING && up_to_date(b, j))
                j->status = GP_BATCH_SKIPPED;
        }
    }
    return 0;
}

int gp_batch_run(gp_batch *b, gp_batch_progress_fn progress, void *closure, gp_diags *diags)
{
    if (b->ran) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "this batch has already run");
        return -1;
    }
    b->ran = true;
    b->t_start = gp_batch_now();
    if (prepare(b) != 0) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return -1;
    }
    size_t pending = 0;
    for (size_t t = 0; t < b->n_todo; t++)
        pending += b->jobs[b->todo[t]].status == GP_BATCH_PENDING;
    if ((size_t)b->opt.workers > pending)
        b->opt.workers = pending ? (int)pending : 1;
    b->progress = progress;
    b->closure = closure;
    b->run_diags = diags;
    b->running = true;
    if (progress)
        progress(closure, b, GP_BATCH_STARTED, -1);
    for (size_t t = 0; t < b->n_todo; t++)
        if (b->jobs[b->todo[t]].status != GP_BATCH_PENDING)
            gp_batch_job_done(b, b->todo[t]);
    int rc = gp_batch_pool_run(b);
    b->running = false;
    b->seconds = gp_batch_now() - b->t_start;
    b->progress = NULL;
    b->closure = NULL;
    b->run_diags = NULL;
    return rc;
}

/* Accessors ----------------------------------------------------------------------- */

size_t gp_batch_count(const gp_batch *b)
{
    return b->ran ? b->n_todo : b->n_jobs;
}

bool gp_batch_doc_get(const gp_batch *b, size_t i, gp_batch_doc *doc)
{
    if (i >= gp_batch_count(b))
        return false;
    const gp_bjob *j = &b->jobs[b->ran ? b->todo[i] : i];
    memset(doc, 0, sizeof *doc);
    doc->input = j->input;
    doc->output = j->output;
    doc->email = j->eml;
    doc->email_to = j->mail_to;
    doc->row = j->row;
    doc->line = j->line;
    doc->status = j->status;
    doc->pages = j->pages;
    doc->bytes = j->bytes;
    doc->email_bytes = j->eml_bytes;
    doc->ms = j->ms;
    if (j->status == GP_BATCH_FAILED) {
        doc->error_file = j->err_file;
        doc->error_line = j->err_line;
        doc->error_col = j->err_col;
        doc->error_message = j->err_msg ? j->err_msg : "failed";
    }
    doc->diags = j->diags;
    return true;
}

void gp_batch_get_totals(const gp_batch *b, gp_batch_totals *t)
{
    memset(t, 0, sizeof *t);
    t->documents = gp_batch_count(b);
    t->done = b->done;
    t->ok = b->ok;
    t->failed = b->failed;
    t->skipped = b->skipped;
    t->pages = b->pages;
    t->bytes = b->bytes;
    t->seconds = b->running ? gp_batch_now() - b->t_start : b->seconds;
    t->workers = b->opt.workers;
    t->max_worker_rss_kb = b->max_rss_kb;
    t->worker_errors = b->worker_errors;
    t->interrupted = b->interrupted;
}
