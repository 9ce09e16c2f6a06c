/* bench/bench_batch.c - throughput and memory of `guidepress batch`.
 *
 * Everything runs the real command line as a child (bench_spawn) on a
 * mail-merge CSV written into the bench's /tmp folder, with -q and
 * --report; outputs go to a folder there that is removed after each run.
 *   - copies: the seed guide personalised N times (1,000; 100 with
 *     --quick): distinct prepared_for, three advisers, varying dates;
 *   - mix: every guide of data/guides and data/guides-i18n in turn, 200
 *     documents (100 with --quick), cells left empty so each keeps its own
 *     values (a CSV rather than an @list, which cannot name one guide twice:
 *     the outputs would collide).
 * Each runs at -j 1 and -j 2; documents per second are over the wall time
 * of the whole process (start-up and font loading included). Memory: -j 1
 * runs of 10, 100 and 1,000 copies; the report's max_worker_rss_kb is the
 * worker's own peak (getrusage RUSAGE_SELF after each document), and
 * wait4's ru_maxrss the largest of the parent and its waited-for worker. */
#include "bench.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_GUIDES 64

static const char *const FIRST[] = {"Amara",  "Ben",     "Chloé",  "Dafydd", "Eleri", "Farah",
                                    "Gareth", "Hannah",  "Ifan",   "Jane",   "Kwame", "Lowri",
                                    "Mei",    "Niamh",   "Owain",  "Priya",  "Rhys",  "Siân",
                                    "Tomasz", "Uchenna", "Vikram", "Wen",    "Yusuf", "Zara"};
static const char *const LAST[] = {"Okafor", "Jones",  "Marchand", "ap Rhys", "Morgan",
                                   "Haddad", "Pryce",  "Lowe",     "O'Brien", "Evans",
                                   "Chen",   "Hughes", "Kowalski", "Eze",     "Sharma",
                                   "Li",     "Ahmed",  "Byrne",    "Popescu", "Williams"};
static const char *const ADVISERS[] = {"Priya Natarajan", "Marcus Hale", "Eleri Morgan"};
#define COUNT(a) (sizeof a / sizeof *a)

/* Writes s as one CSV field, quoted when it must be. */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* guides[i % n_guides] for row i; with personal, distinct client names. */
static int write_csv(const char *path, const char *const *guides, size_t n_guides, int rows,
                     bool personal)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    fputs("guide,prepared_for,prepared_by,date,output\n", f);
    size_t nf = COUNT(FIRST), nl = COUNT(LAST);
    for (int i = 0; i < rows; i++) {
        size_t u = (size_t)i;
        csv_field(f, guides[u % n_guides]);
        if (personal) {
            fprintf(f, ",%s %s", FIRST[u % nf], LAST[(u / nf) % nl]);
            if (u >= nf * nl)
                fprintf(f, " %zu", u / (nf * nl) + 1);
            fprintf(f, ",%s,2026-%02d-%02d", ADVISERS[u % COUNT(ADVISERS)], i % 12 + 1, i % 28 + 1);
        } else {
            fputs(",,,", f);
        }
        fprintf(f, ",d%04d.pdf\n", i + 1);
    }
    if (fclose(f)) {
        perror(path);
        return -1;
    }
    return 0;
}

static bool is_yaml(const char *name)
{
    size_t l = strlen(name);
    return name[0] != '.' &&
           ((l > 5 && !strcmp(name + l - 5, ".yaml")) || (l > 4 && !strcmp(name + l - 4, ".yml")));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the guides of dir, sorted, to g (malloc'ed paths). */
static int list_guides(const char *dir, char **g, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return -1;
    }
    size_t first = *n;
    struct dirent *de;
    while ((de = readdir(d)) && *n < MAX_GUIDES) {
        if (!is_yaml(de->d_name))
            continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        g[*n] = malloc(len);
        if (!g[*n])
            break;
        snprintf(g[*n], len, "%s/%s", dir, de->d_name);
        (*n)++;
    }
    closedir(d);
    qsort(g + first, *n - first, sizeof *g, cmp_str);
    return 0;
}

/* The number after "key": in the report's totals, or -1. */
static double totals_value(const char *report, const char *key)
{
    const char *t = NULL; /* the last one: an input path could hold the word */
    for (const char *p = report; (p = strstr(p, "\"totals\"")); p++)
        t = p;
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *k = t ? strstr(t, pat) : NULL;
    return k ? strtod(k + strlen(pat), NULL) : -1;
}

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (cap - len < 4096) {
            char *m = realloc(s, cap = cap * 2 + 8192);
            if (!m) {
                free(s);
                fclose(f);
                return NULL;
            }
            s = m;
        }
        got = fread(s + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    fclose(f);
    s[len] = '\0';
    return s;
}

/* Reads the totals of the run's report into out; all documents must be ok. */
static int read_report(const char *path, bench_batch *out)
{
    char *rep = read_file(path);
    if (!rep) {
        fprintf(stderr, "gp-bench: cannot read the batch report %s\n", path);
        return -1;
    }
    double ok = totals_value(rep, "ok");
    out->worker_rss_kb = (long)totals_value(rep, "max_worker_rss_kb");
    out->pages = (long)totals_value(rep, "pages");
    out->bytes = (long long)totals_value(rep, "bytes");
    free(rep);
    if (ok != out->docs || out->worker_rss_kb < 0) {
        fprintf(stderr, "gp-bench: the batch report says %.0f of %d documents ok\n", ok, out->docs);
        return -1;
    }
    return 0;
}

/* One `guidepress batch --merge csv -j workers` run. */
static int run_batch(const bench_opts *o, const char *csv, const char *kind, int docs, int workers,
                     bench_batch *out)
{
    char dir[PATH_MAX], report[PATH_MAX], err[PATH_MAX], jobs[16];
    snprintf(dir, sizeof dir, "%s/out", o->tmp);
    snprintf(report, sizeof report, "%s/report.json", o->tmp);
    snprintf(err, sizeof err, "%s/batch.err", o->tmp);
    snprintf(jobs, sizeof jobs, "%d", workers);
    char *argv[] = {(char *)o->cli,   "batch", "--merge",  (char *)csv, "-o", dir, "-j", jobs, "-s",
                    (char *)o->style, "-q",    "--report", report,      NULL};
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->docs = docs;
    out->workers = workers;
    bench_progress("batch %s, %d documents, -j %d", kind, docs, workers);
    bench_child c = {0};
    int rc = bench_spawn(argv, err, &c);
    if (rc > 0)
        fprintf(stderr, "gp-bench: `guidepress batch` exited with status %d\n", rc);
    if (rc)
        bench_show_file(err);
    else
        rc = read_report(report, out);
    out->seconds = c.wall_ms / 1e3;
    out->cpu_ms = c.cpu_ms;
    out->tree_rss_kb = c.maxrss_kb;
    if (bench_rm_tree(dir) || bench_rm_tree(report)) {
        fprintf(stderr, "gp-bench: cannot remove the batch's outputs in %s\n", o->tmp);
        rc = -1;
    }
    return rc ? -1 : 0;
}

/* Throughput of copies and of the mix at -j 1 and -j 2. */
static int throughput(const bench_opts *o, bench_results *r, const char *copies, const char *mix,
                      int n_copies, int n_mix)
{
    for (int w = 1; w <= 2; w++)
        if (run_batch(o, copies, "copies", n_copies, w, &r->batch[r->n_batch++]))
            return -1;
    for (int w = 1; w <= 2; w++)
        if (run_batch(o, mix, "mix", n_mix, w, &r->batch[r->n_batch++]))
            return -1;
    return 0;
}

/* -j 1 worker memory after 10, 100 and 1,000 documents; the run of the
 * throughput part's size is reused. */
static int memory(const bench_opts *o, bench_results *r, int n_copies)
{
    static const int sizes[] = {10, 100, 1000};
    char csv[PATH_MAX];
    snprintf(csv, sizeof csv, "%s/copies-small.csv", o->tmp);
    const char *guides[] = {o->guide};
    for (size_t i = 0; i < COUNT(sizes) && sizes[i] <= n_copies; i++) {
        if (sizes[i] == n_copies) {
            r->rss[r->n_rss++] = r->batch[0]; /* copies, -j 1 */
            continue;
        }
        if (write_csv(csv, guides, 1, sizes[i], true) ||
            run_batch(o, csv, "copies", sizes[i], 1, &r->rss[r->n_rss++]))
            return -1;
    }
    return 0;
}

int bench_batch_run_all(const bench_opts *o, bench_results *r)
{
    int n_copies = o->quick ? 100 : 1000, n_mix = o->quick ? 100 : 200;
    char copies[PATH_MAX], mix[PATH_MAX];
    snprintf(copies, sizeof copies, "%s/copies.csv", o->tmp);
    snprintf(mix, sizeof mix, "%s/mix.csv", o->tmp);
    char *guides[MAX_GUIDES];
    size_t n_guides = 0;
    int rc = -1;
    const char *seed[] = {o->guide};
    if (list_guides(GP_DATA_DIR "/data/guides", guides, &n_guides) ||
        list_guides(GP_DATA_DIR "/data/guides-i18n", guides, &n_guides))
        goto done;
    if (!n_guides) {
        fputs("gp-bench: no guides in " GP_DATA_DIR "/data/guides\n", stderr);
        goto done;
    }
    r->mix_guides = n_guides;
    if (write_csv(copies, seed, 1, n_copies, true) ||
        write_csv(mix, (const char *const *)guides, n_guides, n_mix, false))
        goto done;
    if (!throughput(o, r, copies, mix, n_copies, n_mix) && !memory(o, r, n_copies))
        rc = 0;
done:
    for (size_t i = 0; i < n_guides; i++)
        free(guides[i]);
    return rc;
}
