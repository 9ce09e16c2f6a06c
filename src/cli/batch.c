/* cli/batch.c - `guidepress batch`: many guides, or one guide per client.
 *
 * Argument parsing and printing only: the plan, the worker pool, the
 * signal handling and the JSON report are the library's gp_batch
 * (include/guidepress/batch.h, src/batch/). This file turns the command
 * line into gp_batch_options and gp_batch_add_* calls, shows progress from
 * the library's callback (cli/batch_report.c) and turns the totals into
 * the exit status. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/args.h"
#include "cli/batch.h"
#include "cli/cli.h"

#define MAX_SET 32 /* --set options on the command line */

static const char *const USAGE =
    "usage: guidepress batch GUIDE.yaml|FOLDER|@LIST.txt... [options]\n"
    "       guidepress batch --merge CLIENTS.csv [options]\n"
    "       guidepress batch --matrix ROLES_DIR [--from GLOB] [--to GLOB] [options]\n"
    "\n"
    "Renders many guides, each to DIR/<guide name>.pdf, or with --merge one\n"
    "personalised PDF per CSV row. A FOLDER gives its *.yaml files; @LIST.txt\n"
    "gives one path per line. One bad document fails alone; the rest go on.\n";

static const char *const EPILOGUE =
    "\nExit status: 0 every document rendered, 1 any failed, 2 usage error.\n";

/* Command line ------------------------------------------------------------------- */

/* A decimal environment variable; -1 when unset or not a whole number. */
static long env_long(const char *name)
{
    const char *v = getenv(name);
    if (!v || !*v)
        return -1;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    return *end || errno || x < 0 ? -1 : x;
}

/* --shard K/N, or auto[/N]: the shard a cluster scheduler gave this process.
 * A Kubernetes Indexed Job sets JOB_COMPLETION_INDEX (0-based; the count is
 * the job's completions, which the pod does not see: auto/N or
 * GUIDEPRESS_SHARD_COUNT gives it). A Slurm job array sets
 * SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_MIN/MAX (or _COUNT). On failure
 * *why says what is missing. */
static int parse_shard(const char *s, long *k, long *n, const char **why)
{
    char *end;
    *why = "--shard needs K/N with 1 <= K <= N, or auto[/N]";
    if (!strncmp(s, "auto", 4) && (s[4] == '\0' || s[4] == '/')) {
        long count = -1;
        if (s[4] == '/') {
            count = strtol(s + 5, &end, 10);
            if (*end || count < 1)
                return -1;
        } else {
            count = env_long("GUIDEPRESS_SHARD_COUNT");
        }
        long idx = env_long("JOB_COMPLETION_INDEX");
        if (idx >= 0) {
            if (count < 1) {
                *why = "--shard auto: JOB_COMPLETION_INDEX is set but not the number of shards "
                       "(use --shard auto/N or GUIDEPRESS_SHARD_COUNT)";
                return -1;
            }
            *k = idx + 1;
            *n = count;
        } else if ((idx = env_long("SLURM_ARRAY_TASK_ID")) >= 0) {
            long lo = env_long("SLURM_ARRAY_TASK_MIN"), hi = env_long("SLURM_ARRAY_TASK_MAX");
            long c = env_long("SLURM_ARRAY_TASK_COUNT");
            if (lo < 0)
                lo = 0;
            if (count < 1)
                count = hi >= lo ? hi - lo + 1 : c;
            if (count < 1) {
                *why = "--shard auto: SLURM_ARRAY_TASK_ID is set but neither "
                       "SLURM_ARRAY_TASK_MAX nor SLURM_ARRAY_TASK_COUNT";
                return -1;
            }
            *k = idx - lo + 1;
            *n = count;
        } else {
            *why = "--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor "
                   "SLURM_ARRAY_TASK_ID (Slurm job array) is set";
            return -1;
        }
        if (*k < 1 || *k > *n) {
            *why = "--shard auto: the index from the environment is outside the shard count";
            return -1;
        }
        return 0;
    }
    *k = strtol(s, &end, 10);
    if (*end != '/')
        return -1;
    *n = strtol(end + 1, &end, 10);
    return *end || *n < 1 || *k < 1 || *k > *n ? -1 : 0;
}

typedef struct cli_opts {
    const char *matrix, *from_glob, *to_glob; /* --matrix DIR [--from G] [--to G] */
    const char *merge;
    const char *report;
    const char *set_keys[MAX_SET];
    const char *set_values[MAX_SET];
    size_t n_set;
    char *set_copies[MAX_SET];
} cli_opts;

/* Prints what an add call reported; returns its result. */
static int added(int rc, gp_diags *d)
{
    gp_cli_batch_print_diags(d);
    gp_diags_clear(d);
    return rc;
}

/* Where the option handlers put what they parse. */
typedef struct batch_args {
    gp_batch_options *opt;
    struct cli_opts *o;
    char **secret; /* --password(-file|-env): malloc'ed */
} batch_args;

static int opt_jobs(void *ctx, const char *name, const char *v)
{
    (void)name;
    char *end;
    long n = strtol(v, &end, 10);
    if (!*v || *end || n < 1 || n > 1024)
        return gp_cli_usage_error("batch", "-j needs a number of workers from 1 to 1024");
    ((batch_args *)ctx)->opt->workers = (int)n;
    return 0;
}

static int opt_style(void *ctx, const char *name, const char *v)
{
    gp_batch_options *opt = ((batch_args *)ctx)->opt;
    if (opt->style)
        return gp_cli_usage_error("batch", "%s given twice ('%s', then '%s')", name, opt->style, v);
    opt->style = v;
    return 0;
}

static int opt_set(void *ctx, const char *name, const char *kv)
{
    (void)name;
    struct cli_opts *o = ((batch_args *)ctx)->o;
    const char *eq = strchr(kv, '=');
    if (o->n_set == MAX_SET)
        return gp_cli_usage_error("batch", "too many --set options (at most %d)", MAX_SET);
    if (!eq || eq == kv)
        return gp_cli_usage_error("batch", "--set needs key=value (got '%s')", kv);
    o->set_copies[o->n_set] = strndup(kv, (size_t)(eq - kv));
    if (!o->set_copies[o->n_set])
        return GP_EXIT_INVALID;
    o->set_keys[o->n_set] = o->set_copies[o->n_set];
    o->set_values[o->n_set] = eq + 1;
    o->n_set++;
    return 0;
}

static int opt_backend(void *ctx, const char *name, const char *v)
{
    (void)name;
    gp_batch_options *opt = ((batch_args *)ctx)->opt;
    if (!strcmp(v, "cairo"))
        opt->backend = GP_BACKEND_CAIRO;
    else if (!strcmp(v, "haru"))
        opt->backend = GP_BACKEND_HARU;
    else if (!strcmp(v, "pdf"))
        opt->backend = GP_BACKEND_PDF;
    else
        return gp_cli_usage_error("batch", "unknown backend '%s' (pdf, cairo or haru)", v);
    return 0;
}

static int opt_format(void *ctx, const char *name, const char *f)
{
    (void)name;
    gp_batch_options *opt = ((batch_args *)ctx)->opt;
    if (!strcmp(f, "pdf"))
        opt->format = GP_FORMAT_PDF;
    else if (!strcmp(f, "png"))
        opt->format = GP_FORMAT_PNG;
    else if (!strcmp(f, "svg"))
        opt->format = GP_FORMAT_SVG;
    else
        return gp_cli_usage_error("batch", "unknown format '%s' (pdf, png or svg)", f);
    return 0;
}

static int opt_password(void *ctx, const char *name, const char *v)
{
    batch_args *ba = ctx;
    free(*ba->secret);
    *ba->secret = !strcmp(name, "--password")        ? strdup(v)
                  : !strcmp(name, "--password-file") ? gp_cli_password_from_file(v)
                                                     : gp_cli_password_from_env("batch", v);
    if (!*ba->secret)
        return GP_EXIT_INVALID;
    ba->opt->password = *ba->secret;
    return 0;
}

static int opt_mode(void *ctx, const char *name, const char *v)
{
    (void)name;
    long m = gp_cli_parse_mode(v);
    if (m < 0)
        return gp_cli_usage_error("batch",
                                  "--mode takes octal permission bits such as 0640 (got '%s')", v);
    ((batch_args *)ctx)->opt->mode = (unsigned)m;
    return 0;
}

static int opt_shard(void *ctx, const char *name, const char *v)
{
    (void)name;
    gp_batch_options *opt = ((batch_args *)ctx)->opt;
    const char *why = NULL;
    if (parse_shard(v, &opt->shard_k, &opt->shard_n, &why))
        return gp_cli_usage_error("batch", "%s (got '%s')", why, v);
    return 0;
}

int gp_cli_batch(int argc, char **argv)
{
    gp_batch_options opt;
    gp_batch_options_init(&opt);
    opt.output_dir = "out";
    cli_opts o;
    memset(&o, 0, sizeof o);
    gp_batch *b = NULL;
    gp_diags *d = gp_diags_new();
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t n_inputs = 0;
    int rc = GP_EXIT_USAGE;
    int interrupted = 0;
    bool quiet = false;
    double time_limit = -1;
    char *secret = NULL; /* --password(-file|-env) */
    if (!inputs || !d) {
        free((void *)inputs);
        gp_diags_free(d);
        return GP_EXIT_INVALID;
    }

    batch_args ba = {&opt, &o, &secret};
    const gp_cli_opt table[] = {
        {"--output", 'o', GP_CLI_STRING, "DIR", "where outputs go (default out/)",
         .str = &opt.output_dir},
        {"--jobs", 'j', GP_CLI_STRING, "N", "worker processes (default: the number of cores)",
         .fn = opt_jobs},
        {"--style", 's', GP_CLI_STRING, "STYLE", "style for every document (a CSV style cell wins)",
         .fn = opt_style},
        {"--set", 0, GP_CLI_STRING, "key=value", "for every document (CSV cells win); repeatable",
         .fn = opt_set},
        {"--backend", 0, GP_CLI_STRING, "pdf|cairo|haru", "the painter", .fn = opt_backend},
        {"--password-file", 0, GP_CLI_STRING, "FILE",
         "password in FILE for every PDF (a CSV cell wins)", .fn = opt_password},
        {"--password-env", 0, GP_CLI_STRING, "VAR", "the same, from the environment variable VAR",
         .fn = opt_password},
        {"--password", 0, GP_CLI_STRING, "PW", "the same, given here (others see it in ps)",
         .fn = opt_password},
        {"--format", 0, GP_CLI_STRING, "pdf|png|svg",
         "for the whole run (PNG and SVG: one file per page)", .fn = opt_format},
        {"--pdfa", 0, GP_CLI_FLAG, NULL, "archival PDF/A for every document (no passwords)",
         .flag = &opt.pdfa},
        {"--matrix", 0, GP_CLI_STRING, "DIR", "one guide per pair of role profiles in DIR",
         .str = &o.matrix},
        {"--from", 0, GP_CLI_STRING, "GLOB", "with --matrix: only from-roles whose ids match",
         .str = &o.from_glob},
        {"--to", 0, GP_CLI_STRING, "GLOB", "with --matrix: only to-roles whose ids match",
         .str = &o.to_glob},
        {"--market", 0, GP_CLI_STRING, "M", "with --matrix: the salary market of every guide",
         .str = &opt.market},
        {"--merge", 0, GP_CLI_STRING, "FILE.csv",
         "one document per CSV row (columns: docs/batch.md)", .str = &o.merge},
        {"--mail-from", 0, GP_CLI_STRING, "ADDR", "sender of the merge's emails (OUTPUT.eml)",
         .str = &opt.mail_from},
        {"--subject", 0, GP_CLI_STRING, "TEXT", "the emails' subject (a template, as the style's)",
         .str = &opt.mail_subject},
        {"--sendmail", 0, GP_CLI_STRING, "CMD", "pipe each email to CMD (\"sendmail -t -i\")",
         .str = &opt.sendmail},
        {"--report", 0, GP_CLI_STRING, "FILE.json", "one record per document, plus totals",
         .str = &o.report},
        {"--time-limit", 0, GP_CLI_NUMBER, "S",
         "a document's wall-time budget (default 120, 0: none)", .num = &time_limit, .min = 0,
         .max = 86400, .bad_value = "--time-limit takes seconds from 0 to 86400 (got '%s')"},
        {"--mode", 0, GP_CLI_STRING, "OCTAL", "permission bits (default: 0666 less the umask)",
         .fn = opt_mode},
        {"--resume", 0, GP_CLI_FLAG, NULL, "skip up-to-date outputs; clean up a killed run",
         .flag = &opt.resume},
        {"--shard", 0, GP_CLI_STRING, "K/N|auto[/N]",
         "only documents i % N == K-1 (auto: Kubernetes, Slurm)", .fn = opt_shard},
        {"--quiet", 'q', GP_CLI_FLAG, NULL, "print failures only", .flag = &quiet},
    };
    const gp_cli_spec spec = {"batch", USAGE, EPILOGUE, table, sizeof table / sizeof *table,
                              &ba,     NULL};
    int n_pos = 0;
    if (!gp_cli_parse(&spec, argc, argv, &n_pos, &rc))
        goto out;
    if (time_limit >= 0)
        opt.time_limit_s = time_limit;
    for (int i = 0; i < n_pos; i++)
        inputs[n_inputs++] = argv[1 + i];
    if (o.matrix && (o.merge || n_inputs)) {
        rc = gp_cli_usage_error("batch", "--matrix takes its guides from the role profiles; give "
                                         "no guide files or --merge with it");
        goto out;
    }
    if (!o.matrix && (o.from_glob || o.to_glob || opt.market)) {
        rc = gp_cli_usage_error("batch", "--from, --to and --market go with --matrix DIR");
        goto out;
    }
    if (o.merge && n_inputs) {
        rc = gp_cli_usage_error("batch", "--merge takes its guides from the CSV's guide column; "
                                         "give no guide files with it");
        goto out;
    }
    if (!o.merge && !n_inputs && !o.matrix) {
        rc = gp_cli_usage_error("batch", "no guides given (files, folders, @list.txt or --merge "
                                         "clients.csv)");
        goto out;
    }
    opt.set_keys = o.set_keys;
    opt.set_values = o.set_values;
    opt.n_set = o.n_set;
    if (!opt.output_dir[0]) {
        rc = gp_cli_usage_error("batch", "-o needs a folder");
        goto out;
    }

    /* Plan. */
    rc = GP_EXIT_INVALID;
    b = gp_batch_new(&opt, d);
    if (!b) {
        gp_cli_batch_print_diags(d);
        goto out;
    }
    if (o.matrix) {
        if (added(gp_batch_add_matrix(b, o.matrix, o.from_glob, o.to_glob, d), d))
            goto out;
    } else if (o.merge) {
        if (added(gp_batch_add_merge(b, o.merge, d), d))
            goto out;
    } else {
        for (size_t i = 0; i < n_inputs; i++) {
            int arc = inputs[i][0] == '@' ? gp_batch_add_list(b, inputs[i] + 1, d)
                                          : gp_batch_add_path(b, inputs[i], d);
            if (added(arc, d))
                goto out;
        }
    }

    /* Run. */
    gp_cli_progress progress = {quiet, isatty(STDERR_FILENO), o.merge, 0};
    int prc = gp_batch_run(b, gp_cli_batch_progress, &progress, d);
    gp_cli_batch_print_diags(d);
    gp_diags_clear(d);
    gp_cli_batch_summary(&progress, b);
    int report_rc = 0;
    if (o.report) {
        report_rc = gp_batch_write_report(b, o.report, d);
        gp_cli_batch_print_diags(d);
    }
    gp_batch_totals t;
    gp_batch_get_totals(b, &t);
    interrupted = t.interrupted;
    if (interrupted)
        rc = 128 + interrupted;
    else
        rc = prc || report_rc || t.failed || t.worker_errors ? GP_EXIT_INVALID : GP_EXIT_OK;
out:
    gp_batch_free(b);
    gp_diags_free(d);
    free((void *)inputs);
    for (size_t k = 0; k < o.n_set; k++)
        free(o.set_copies[k]);
    free(secret);
    if (interrupted) { /* die of the signal, as shells and schedulers expect */
        signal(interrupted, SIG_DFL);
        raise(interrupted);
    }
    return rc;
}
