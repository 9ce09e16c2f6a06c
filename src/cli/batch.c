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

#include "cli/batch.h"
#include "cli/cli.h"

#define MAX_SET 32 /* --set options on the command line */

static const char *const USAGE =
    "usage: guidepress batch GUIDE.yaml|FOLDER|@LIST.txt... [options]\n"
    "       guidepress batch --merge CLIENTS.csv [options]\n"
    "\n"
    "Renders many guides, each to DIR/<guide name>.pdf, or with --merge one\n"
    "personalised PDF per CSV row. A FOLDER gives its *.yaml files; @LIST.txt\n"
    "gives one path per line. One bad document fails alone; the rest go on.\n"
    "\n"
    "  -o, --output DIR    where the PDFs go (default out/); a CSV's output\n"
    "                      column is relative to DIR\n"
    "  -j, --jobs N        worker processes (default: the number of cores)\n"
    "  -s, --style STYLE   style for every document (a CSV style cell wins)\n"
    "  --set key=value     for every document (CSV cells win); repeatable\n"
    "  --backend pdf|cairo|haru\n"
    "  --password-file FILE, --password-env VAR\n"
    "                      protect every PDF (a CSV password cell wins); --password PW\n"
    "                      also works but other users see it in ps\n"
    "  --format pdf|png|svg  for the whole run (PNG and SVG: one file per page)\n"
    "  --pdfa              archival PDF/A for every document (no passwords)\n"
    "  --matrix DIR        one guide per ordered pair of role profiles in DIR\n"
    "                      (DIR/FROM--TO.pdf under -o; docs/roles.md)\n"
    "  --from GLOB, --to GLOB  with --matrix: only pairs whose ids match\n"
    "  --market M          with --matrix: the salary market of every guide\n"
    "  --merge FILE.csv    columns guide, prepared_for, prepared_by, date,\n"
    "                      output, and optionally style, password, start (dates\n"
    "                      the plan) and ics (a calendar file, relative to DIR)\n"
    "  --mail-from ADDR    sender of the emails of a merge's email column (one\n"
    "                      OUTPUT.eml per client, next to the PDF)\n"
    "  --subject TEXT      the emails' subject (a template, as the style's)\n"
    "  --sendmail CMD      pipe each email to CMD (\"/usr/sbin/sendmail -t -i\")\n"
    "  --report FILE.json  one record per document, plus totals\n"
    "  --time-limit S      stop a document after S seconds of wall time; it\n"
    "                      fails alone (default 120, 0: none)\n"
    "  --mode OCTAL        permission bits of every PDF (default 0666 less the\n"
    "                      umask; 0600 for personalised or encrypted ones)\n"
    "  --resume            skip documents whose PDF is not older than its guide,\n"
    "                      style file and CSV; remove temporary files of a killed run\n"
    "  --shard K/N         run only documents i (from 0) with i % N == K-1\n"
    "  --shard auto[/N]    K and N from a Kubernetes Indexed Job or a Slurm array\n"
    "  -q, --quiet         print failures only\n"
    "\n"
    "Exit status: 0 every document rendered, 1 any failed, 2 usage error.\n";

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
    char *secret = NULL; /* --password(-file|-env) */
    if (!inputs || !d) {
        free((void *)inputs);
        gp_diags_free(d);
        return GP_EXIT_INVALID;
    }

#define NEED_ARG()                                                                                 \
    do {                                                                                           \
        if (i + 1 >= argc) {                                                                       \
            rc = gp_cli_usage_error("batch", "%s needs a value", a);                               \
            goto out;                                                                              \
        }                                                                                          \
    } while (0)
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            rc = GP_EXIT_OK;
            goto out;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            NEED_ARG();
            opt.output_dir = argv[++i];
        } else if (!strcmp(a, "-j") || !strcmp(a, "--jobs") || !strncmp(a, "-j", 2)) {
            const char *v = a[2] && a[1] == 'j' ? a + 2 : NULL;
            if (!v) {
                NEED_ARG();
                v = argv[++i];
            }
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 1024) {
                rc = gp_cli_usage_error("batch", "-j needs a number of workers from 1 to 1024");
                goto out;
            }
            opt.workers = (int)n;
        } else if (!strcmp(a, "-s") || !strcmp(a, "--style")) {
            NEED_ARG();
            if (opt.style) {
                rc = gp_cli_usage_error("batch", "%s given twice ('%s', then '%s')", a, opt.style,
                                        argv[i + 1]);
                goto out;
            }
            opt.style = argv[++i];
        } else if (!strcmp(a, "--pdfa")) {
            opt.pdfa = true;
        } else if (!strcmp(a, "--format")) {
            NEED_ARG();
            const char *f = argv[++i];
            if (!strcmp(f, "pdf"))
                opt.format = GP_FORMAT_PDF;
            else if (!strcmp(f, "png"))
                opt.format = GP_FORMAT_PNG;
            else if (!strcmp(f, "svg"))
                opt.format = GP_FORMAT_SVG;
            else {
                rc = gp_cli_usage_error("batch", "unknown format '%s' (pdf, png or svg)", f);
                goto out;
            }
        } else if (!strcmp(a, "--set")) {
            NEED_ARG();
            const char *kv = argv[++i];
            const char *eq = strchr(kv, '=');
            if (o.n_set == MAX_SET) {
                rc = gp_cli_usage_error("batch", "too many --set options (at most %d)", MAX_SET);
                goto out;
            }
            if (!eq || eq == kv) {
                rc = gp_cli_usage_error("batch", "--set needs key=value (got '%s')", kv);
                goto out;
            }
            o.set_copies[o.n_set] = strndup(kv, (size_t)(eq - kv));
            o.set_keys[o.n_set] = o.set_copies[o.n_set];
            o.set_values[o.n_set] = eq + 1;
            o.n_set++;
        } else if (!strcmp(a, "--backend")) {
            NEED_ARG();
            const char *v = argv[++i];
            if (!strcmp(v, "cairo"))
                opt.backend = GP_BACKEND_CAIRO;
            else if (!strcmp(v, "haru"))
                opt.backend = GP_BACKEND_HARU;
            else if (!strcmp(v, "pdf"))
                opt.backend = GP_BACKEND_PDF;
            else {
                rc = gp_cli_usage_error("batch", "unknown backend '%s' (pdf, cairo or haru)", v);
                goto out;
            }
        } else if (!strcmp(a, "--password") || !strcmp(a, "--password-file") ||
                   !strcmp(a, "--password-env")) {
            NEED_ARG();
            free(secret);
            const char *v = argv[++i];
            secret = !a[10]         ? strdup(v)
                     : a[11] == 'f' ? gp_cli_password_from_file(v)
                                    : gp_cli_password_from_env("batch", v);
            if (!secret) {
                rc = GP_EXIT_INVALID;
                goto out;
            }
            opt.password = secret;
        } else if (!strcmp(a, "--matrix")) {
            NEED_ARG();
            o.matrix = argv[++i];
        } else if (!strcmp(a, "--from")) {
            NEED_ARG();
            o.from_glob = argv[++i];
        } else if (!strcmp(a, "--to")) {
            NEED_ARG();
            o.to_glob = argv[++i];
        } else if (!strcmp(a, "--market")) {
            NEED_ARG();
            opt.market = argv[++i];
        } else if (!strcmp(a, "--mail-from")) {
            NEED_ARG();
            opt.mail_from = argv[++i];
        } else if (!strcmp(a, "--subject")) {
            NEED_ARG();
            opt.mail_subject = argv[++i];
        } else if (!strcmp(a, "--sendmail")) {
            NEED_ARG();
            opt.sendmail = argv[++i];
        } else if (!strcmp(a, "--merge")) {
            NEED_ARG();
            o.merge = argv[++i];
        } else if (!strcmp(a, "--report")) {
            NEED_ARG();
            o.report = argv[++i];
        } else if (!strcmp(a, "--time-limit")) {
            NEED_ARG();
            char *end;
            double t = strtod(argv[++i], &end);
            if (*end || !(t >= 0 && t <= 86400)) {
                rc = gp_cli_usage_error("batch",
                                        "--time-limit takes seconds from 0 to 86400 "
                                        "(got '%s')",
                                        argv[i]);
                goto out;
            }
            opt.time_limit_s = t;
        } else if (!strcmp(a, "--mode")) {
            NEED_ARG();
            long m = gp_cli_parse_mode(argv[++i]);
            if (m < 0) {
                rc = gp_cli_usage_error("batch",
                                        "--mode takes octal permission bits such as 0640 "
                                        "(got '%s')",
                                        argv[i]);
                goto out;
            }
            opt.mode = (unsigned)m;
        } else if (!strcmp(a, "--resume")) {
            opt.resume = true;
        } else if (!strcmp(a, "--shard")) {
            NEED_ARG();
            const char *why;
            if (parse_shard(argv[++i], &opt.shard_k, &opt.shard_n, &why)) {
                rc = gp_cli_usage_error("batch", "%s (got '%s')", why, argv[i]);
                goto out;
            }
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = true;
        } else if (a[0] == '-' && a[1]) {
            rc = gp_cli_usage_error("batch", GP_N_("unknown option '%s'"), a);
            goto out;
        } else {
            inputs[n_inputs++] = a;
        }
    }
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
