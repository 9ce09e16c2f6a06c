/* bench/bench.c - speed and memory figures for guidepress, printed, never
 * asserted (tests must not time things).
 *
 * usage: gp-bench [-n N] [--json] [--quick] [--no-batch] [GUIDE.yaml] [STYLE]
 *
 * Four parts, each described where it is measured:
 *   1. warm, in this process (bench_warm.c): load, layout, paint, qpdf
 *      post-processing and the whole gp_render, per painter (Cairo and
 *      libharu), median, p90 and min over N documents after one warm-up,
 *      and where the bytes of each painter's file go (bench_bytes.c);
 *   2. cold (bench_proc.c): `guidepress render` as a fresh process;
 *   3. batch throughput (bench_batch.c): `guidepress batch` on 1,000
 *      personalised copies and on 200 documents mixing every shipped guide,
 *      at -j 1 and -j 2;
 *   4. peak memory of a -j 1 batch worker after 10, 100 and 1,000 documents.
 * The children run first (see run_parts), the table shows them last. The
 * `guidepress` program is taken from the folder gp-bench is in, so build
 * both (`cmake --build build --target guidepress gp-bench`). */
#include "bench.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_GUIDE GP_DATA_DIR "/data/guides/data-engineer-to-backend-developer.yaml"

static const char USAGE[] =
    "usage: gp-bench [-n N] [--json] [--quick] [--no-batch] [GUIDE.yaml] [STYLE]\n"
    "  -n N        warm documents per painter (default 50), after one warm-up\n"
    "  --json      print one JSON object instead of the table\n"
    "  --quick     batch runs of 100 documents (instead of 1,000 copies and 200 mixed)\n"
    "  --no-batch  skip the `guidepress batch` runs\n"
    "  GUIDE.yaml  the seed guide (default data/guides/data-engineer-to-backend-developer.yaml)\n"
    "  STYLE       a shipped style name or a style file (default `default`)\n";

double bench_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

bench_stat bench_stat_of(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    bench_stat s;
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    int rank = (9 * n + 9) / 10; /* ceil(0.9 n), 1-based */
    s.p90 = v[rank - 1];
    s.min = v[0];
    return s;
}

void bench_progress(const char *fmt, ...)
{
    if (!isatty(STDERR_FILENO))
        return;
    va_list ap;
    va_start(ap, fmt);
    fputs("gp-bench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Returns 0, 1 for --help (printed), or 2 for a usage error (printed). */
static int parse_args(int argc, char **argv, bench_opts *o)
{
    int pos = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return 1;
        } else if (!strcmp(a, "-n")) {
            char *end = NULL;
            long n = i + 1 < argc ? strtol(argv[++i], &end, 10) : 0;
            if (!end || *end || n < 1 || n > 100000) {
                fputs("gp-bench: -n needs a number of documents from 1 to 100000\n", stderr);
                return 2;
            }
            o->runs = (int)n;
        } else if (!strcmp(a, "--json")) {
            o->json = true;
        } else if (!strcmp(a, "--quick")) {
            o->quick = true;
        } else if (!strcmp(a, "--no-batch")) {
            o->no_batch = true;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "gp-bench: unknown option '%s'\n%s", a, USAGE);
            return 2;
        } else if (pos == 0) {
            o->guide = a;
            pos++;
        } else if (pos == 1) {
            o->style = a;
            pos++;
        } else {
            fprintf(stderr, "gp-bench: too many arguments\n%s", USAGE);
            return 2;
        }
    }
    return 0;
}

static int run_parts(const bench_opts *o, bench_results *r)
{
    double t0 = bench_now_ms();
    getloadavg(&r->load_before, 1);
    /* Children first: posix_spawn's child shares our memory until it
     * execs, and the kernel carries that peak into the child's ru_maxrss,
     * so they must run before the warm part grows this process. */
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    r->self_rss_kb = ru.ru_maxrss;
    bench_progress("cold `guidepress render`");
    if (bench_cold_run(o, 5, &r->cold))
        return -1;
    r->have_cold = true;
    if (!o->no_batch && bench_batch_run_all(o, r))
        return -1;
    if (bench_warm_run(o, r))
        return -1;
    getloadavg(&r->load_after, 1);
    r->total_s = (bench_now_ms() - t0) / 1e3;
    return 0;
}

int main(int argc, char **argv)
{
    bench_opts o = {0};
    o.runs = 50;
    o.guide = DEFAULT_GUIDE;
    o.style = "default";
    int prc = parse_args(argc, argv, &o);
    if (prc)
        return prc == 1 ? 0 : 2;
    char guide[PATH_MAX];
    if (!realpath(o.guide, guide)) {
        fprintf(stderr, "gp-bench: %s: %s\n", o.guide, strerror(errno));
        return 1;
    }
    o.guide = guide;
    char *cli = bench_find_cli();
    if (!cli)
        return 1;
    o.cli = cli;
    char tmp[] = "/tmp/gp-bench-XXXXXX";
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "gp-bench: cannot create a temporary folder: %s\n", strerror(errno));
        free(cli);
        return 1;
    }
    o.tmp = tmp;
    bench_results r = {0};
    int rc = run_parts(&o, &r);
    if (rc == 0 && o.json)
        bench_print_json(&o, &r);
    else if (rc == 0)
        bench_print_table(&o, &r);
    if (bench_rm_tree(tmp))
        fprintf(stderr, "gp-bench: could not remove %s\n", tmp);
    free(cli);
    return rc ? 1 : 0;
}
