/* cli/batch.c - `guidepress batch`: many guides, or one guide per client.
 *
 * Organisations render every guide of a careers site, or personalise one
 * guide for each client of a cohort from a spreadsheet (mail merge). This
 * file turns the command line into a plan, one job per document, decided
 * entirely before any worker starts: which guide, which style, which --set
 * values, which output path. Problems found while planning (a CSV row with
 * the wrong number of fields, a guide that does not exist, two documents
 * writing one file) fail that document alone, at the CSV's file:line:col.
 * Then --shard picks this machine's slice, --resume drops what is already
 * up to date, and batch_pool.c renders the rest in parallel. Because every
 * document's bytes depend only on its own inputs, the output is identical
 * whatever -j or --shard is. */
#include <errno.h>
#include <glob.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include "base/alloc.h"
#include "base/util.h"
#include "cli/batch.h"
#include "cli/cli.h"
#include "batch/csv.h"

#include <guidepress/compose.h>

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

void gp_batch_fail(gp_bjob *j, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    j->status = GP_BJ_FAILED;
    gp_free(j->err_file);
    gp_free(j->err_msg);
    j->err_file = file ? gp_strdup(file) : NULL;
    j->err_line = line;
    j->err_col = col;
    j->err_msg = gp_strdup(tmp);
}

static void job_free(gp_bjob *j)
{
    gp_free(j->input);
    gp_free(j->output);
    gp_free(j->style);
    gp_free(j->password);
    gp_free(j->ics);
    gp_free(j->mail_to);
    gp_free(j->eml);
    for (size_t k = 0; k < j->n_set; k++)
        gp_free(j->set_values[k]);
    gp_free(j->err_file);
    gp_free(j->err_msg);
    gp_free(j->diag_text);
    gp_free(j->role_from);
    gp_free(j->role_to);
    gp_free(j->role_to_path);
}

typedef struct plan {
    gp_bjob *jobs;
    size_t n, cap;
    bool nomem;
} plan;

static gp_bjob *plan_add(plan *p)
{
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 64;
        gp_bjob *nj = gp_realloc(p->jobs, nc * sizeof *nj);
        if (!nj) {
            p->nomem = true;
            return NULL;
        }
        p->jobs = nj;
        p->cap = nc;
    }
    gp_bjob *j = &p->jobs[p->n++];
    memset(j, 0, sizeof *j);
    return j;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A relative path from a CSV or list file: its folder first, then the
 * current folder. NULL when neither has it. */
static char *resolve(const char *base_dir, const char *rel)
{
    if (rel[0] == '/')
        return exists(rel) ? gp_strdup(rel) : NULL;
    char *p = gp_path_join(base_dir, rel);
    if (p && exists(p))
        return p;
    gp_free(p);
    return exists(rel) ? gp_strdup(rel) : NULL;
}

/* A shipped style name has no slash and no .yaml (as the engine decides). */
static bool style_is_path(const char *s)
{
    size_t l = strlen(s);
    return strchr(s, '/') || (l > 5 && !strcmp(s + l - 5, ".yaml")) ||
           (l > 4 && !strcmp(s + l - 4, ".yml"));
}

/* "dir/x.yaml" -> "x" */
static char *stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t l = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return gp_strndup(base, l);
}

static char *trim_dup(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t l = strlen(s);
    while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
        l--;
    return gp_strndup(s, l);
}

static int add_set(gp_bjob *j, const char *key, const char *value, int line, int col)
{
    if (j->n_set == GP_BATCH_ROW_SET)
        return -1;
    j->set_keys[j->n_set] = key;
    j->set_values[j->n_set] = gp_strdup(value);
    j->set_line[j->n_set] = line;
    j->set_col[j->n_set] = col;
    j->n_set++;
    return 0;
}

typedef struct cli_opts {
    const char *matrix, *from_glob, *to_glob; /* --matrix DIR [--from G] [--to G] */
    const char *out_dir;
    const char *merge;
    const char *report;
    bool resume;
    long shard_k, shard_n;
    const char *set_keys[GP_BATCH_MAX_SET];
    const char *set_values[GP_BATCH_MAX_SET];
    size_t n_set;
    char *set_copies[GP_BATCH_MAX_SET];
} cli_opts;

/* Guides ------------------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_yaml(const char *name)
{
    size_t l = strlen(name);
    return name[0] != '.' &&
           ((l > 5 && !strcmp(name + l - 5, ".yaml")) || (l > 4 && !strcmp(name + l - 4, ".yml")));
}

static void add_guide(plan *p, const cli_opts *o, const char *path)
{
    gp_bjob *j = plan_add(p);
    if (!j)
        return;
    j->input = gp_strdup(path);
    char *s = stem(path);
    size_t l = strlen(o->out_dir) + (s ? strlen(s) : 0) + 6;
    j->output = gp_malloc(l);
    if (j->output && s)
        snprintf(j->output, l, "%s/%s.pdf", o->out_dir, s);
    gp_free(s);
}

/* Adds the *.yaml files of a folder, sorted by name so the order (and so
 * --shard) does not depend on the file system. */
static int add_folder(plan *p, const cli_opts *o, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (!is_yaml(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = gp_realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        names[n++] = gp_path_join(dir, de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (names[i])
            add_guide(p, o, names[i]);
        gp_free(names[i]);
    }
    gp_free(names);
    if (!n)
        fprintf(stderr, "%s: warning: no .yaml files in this folder\n", dir);
    return 0;
}

static void add_path(plan *p, const cli_opts *o, const char *arg);

/* @list.txt: one path per line; blank lines and lines starting with # are
 * skipped. Relative paths: the list's folder first, then the current one. */
static int add_list(plan *p, const cli_opts *o, const char *list)
{
    char *data = NULL;
    size_t len = 0;
    if (gp_file_read(list, GP_CSV_MAX_BYTES, &data, &len) != 0) {
        fprintf(stderr, "%s: error: cannot read the list file: %s\n", list, strerror(errno));
        return -1;
    }
    char *dir = gp_path_dirname(list);
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        char *t = trim_dup(line);
        if (t && t[0] && t[0] != '#') {
            char *r = resolve(dir, t);
            add_path(p, o, r ? r : t);
            gp_free(r);
        }
        gp_free(t);
    }
    gp_free(dir);
    gp_free(data);
    return 0;
}

static void add_path(plan *p, const cli_opts *o, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        add_folder(p, o, arg);
        return;
    }
    if (!exists(arg) && strpbrk(arg, "*?[")) { /* a pattern the shell did not expand */
        glob_t g;
        if (glob(arg, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                add_path(p, o, g.gl_pathv[i]);
            globfree(&g);
            return;
        }
    }
    add_guide(p, o, arg); /* a missing file fails as that document */
}

/* Mail merge --------------------------------------------------------------------- */

enum {
    C_GUIDE,
    C_FOR,
    C_BY,
    C_DATE,
    C_OUTPUT,
    C_STYLE,
    C_PASSWORD,
    C_START,
    C_ICS,
    C_EMAIL,
    N_COLS
};
static const gp_csv_column COLUMNS[N_COLS] = {
    {"guide", true},  {"prepared_for", true}, {"prepared_by", true}, {"date", true},
    {"output", true}, {"style", false},       {"password", false},   {"start", false},
    {"ics", false},   {"email", false}};

static bool row_blank(const gp_csv_record *r)
{
    for (size_t f = 0; f < r->n_fields; f++)
        for (const char *s = r->fields[f].s; *s; s++)
            if (*s != ' ' && *s != '\t')
                return false;
    return true;
}

static void plan_row(plan *p, const cli_opts *o, const char *csv, const char *csv_dir,
                     const gp_csv_record *r, size_t header_fields, const int *idx, long row)
{
    gp_bjob *j = plan_add(p);
    if (!j)
        return;
    j->row = row;
    j->line = r->line;
    if (r->n_fields != header_fields) {
        j->input = gp_strdup(idx[C_GUIDE] < (int)r->n_fields ? r->fields[idx[C_GUIDE]].s : "");
        gp_batch_fail(j, csv, r->line, 1, "this row has %zu field%s but the header has %zu",
                      r->n_fields, r->n_fields == 1 ? "" : "s", header_fields);
        return;
    }
    char *v[N_COLS] = {0};
    for (int c = 0; c < N_COLS; c++)
        v[c] = idx[c] >= 0 ? trim_dup(r->fields[idx[c]].s) : NULL;
    const gp_csv_field *gf = &r->fields[idx[C_GUIDE]];
    if (!v[C_GUIDE] || !v[C_GUIDE][0]) {
        j->input = gp_strdup("");
        gp_batch_fail(j, csv, gf->line, gf->col, "the guide cell is empty");
        goto done;
    }
    j->input = resolve(csv_dir, v[C_GUIDE]);
    if (!j->input) {
        j->input = gp_strdup(v[C_GUIDE]);
        gp_batch_fail(j, csv, gf->line, gf->col,
                      "guide file `%s` not found (relative paths are looked up in %s/, then in "
                      "the current folder)",
                      v[C_GUIDE], csv_dir);
        goto done;
    }
    if (v[C_STYLE] && v[C_STYLE][0]) {
        const gp_csv_field *sf = &r->fields[idx[C_STYLE]];
        j->style_line = sf->line;
        j->style_col = sf->col;
        if (style_is_path(v[C_STYLE])) {
            j->style = resolve(csv_dir, v[C_STYLE]);
            if (!j->style) {
                gp_batch_fail(j, csv, sf->line, sf->col,
                              "style file `%s` not found (looked in %s/, then in the current "
                              "folder)",
                              v[C_STYLE], csv_dir);
                goto done;
            }
        } else {
            j->style = gp_strdup(v[C_STYLE]);
        }
    }
    if (v[C_PASSWORD] && v[C_PASSWORD][0])
        j->password = gp_strdup(v[C_PASSWORD]);
    if (v[C_ICS] && v[C_ICS][0]) /* relative to -o, like output */
        j->ics = gp_path_join(o->out_dir, v[C_ICS]);
    if (v[C_EMAIL] && v[C_EMAIL][0])
        j->mail_to = gp_strdup(v[C_EMAIL]);
    static const int set_cols[] = {C_FOR, C_BY, C_DATE, C_START};
    for (size_t k = 0; k < sizeof set_cols / sizeof *set_cols; k++) {
        int c = set_cols[k];
        if (v[c] && v[c][0])
            add_set(j, COLUMNS[c].name, v[c], r->fields[idx[c]].line, r->fields[idx[c]].col);
    }
    if (v[C_OUTPUT] && v[C_OUTPUT][0]) {
        char why[256];
        j->output = gp_batch_confine(o->out_dir, v[C_OUTPUT], why, sizeof why);
        if (!j->output) {
            const gp_csv_field *of = &r->fields[idx[C_OUTPUT]];
            gp_batch_fail(j, csv, of->line, of->col, "output `%.200s` %s", v[C_OUTPUT],
                          why[0] ? why : "cannot be used: out of memory");
            goto done;
        }
    } else {
        char *s = stem(j->input);
        size_t l = strlen(o->out_dir) + strlen(s ? s : "") + 32;
        j->output = gp_malloc(l);
        if (j->output)
            snprintf(j->output, l, "%s/%s-%ld.pdf", o->out_dir, s ? s : "guide", row);
        gp_free(s);
    }
    if (j->mail_to && j->output) { /* the email next to the PDF: x.pdf -> x.eml */
        size_t l = strlen(j->output);
        j->eml = gp_malloc(l + 5);
        if (j->eml) {
            if (l > 4 && !strcmp(j->output + l - 4, ".pdf"))
                l -= 4;
            snprintf(j->eml, l + 5, "%.*s.eml", (int)l, j->output);
        }
    }
done:
    for (int c = 0; c < N_COLS; c++)
        gp_free(v[c]);
}

/* Returns 0, or 1 when the CSV cannot be used at all (errors printed). */
static int plan_merge(plan *p, const cli_opts *o)
{
    gp_diags *d = gp_diags_new();
    gp_csv *c = gp_csv_load_file(o->merge, d);
    int idx[N_COLS];
    if (!c || gp_csv_map_columns(c, COLUMNS, N_COLS, idx, d) != 0) {
        gp_cli_print_diags(stderr, d);
        gp_csv_free(c);
        gp_diags_free(d);
        return 1;
    }
    char *dir = gp_path_dirname(o->merge);
    size_t header_fields = gp_csv_record_at(c, 0)->n_fields;
    long row = 0;
    for (size_t i = 1; i < gp_csv_count(c); i++) {
        const gp_csv_record *r = gp_csv_record_at(c, i);
        if (row_blank(r))
            continue;
        plan_row(p, o, o->merge, dir, r, header_fields, idx, ++row);
    }
    gp_free(dir);
    gp_csv_free(c);
    gp_diags_free(d);
    return 0;
}

/* Matrix (--matrix DIR) ---------------------------------------------------------- */

/* One job per ordered pair of profiles (from != to) that the --from and
 * --to globs keep, in id order, so --shard does not depend on the file
 * system. The profiles are loaded here so a bad one stops the batch
 * before any worker starts, at its file:line:col. */
static int plan_matrix(plan *p, const cli_opts *o)
{
    struct gp_roles *r = gp_batch_matrix_load(o->matrix);
    if (!r)
        return -1;
    size_t n = gp_roles_count(r), kept = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n; k++) {
            const char *from = gp_roles_id(r, i), *to = gp_roles_id(r, k);
            if (i == k || !gp_batch_matrix_keep(o->from_glob, from) ||
                !gp_batch_matrix_keep(o->to_glob, to))
                continue;
            gp_bjob *j = plan_add(p);
            if (!j)
                break;
            kept++;
            j->input = gp_strdup(gp_roles_path(r, from));
            j->role_from = gp_strdup(from);
            j->role_to = gp_strdup(to);
            j->role_to_path = gp_strdup(gp_roles_path(r, to));
            size_t l = strlen(o->out_dir) + strlen(from) + strlen(to) + 8;
            j->output = gp_malloc(l);
            if (j->output)
                snprintf(j->output, l, "%s/%s--%s.pdf", o->out_dir, from, to);
            if (!j->input || !j->role_from || !j->role_to || !j->role_to_path || !j->output)
                p->nomem = true;
        }
    gp_roles_free(r);
    if (!kept)
        fprintf(stderr, "%s: warning: no pair of roles matches --from %s --to %s\n", o->matrix,
                o->from_glob ? o->from_glob : "*", o->to_glob ? o->to_glob : "*");
    return 0;
}

/* Checks ------------------------------------------------------------------------ */

static const gp_bjob *g_sort_jobs;

static int cmp_output(const void *a, const void *b)
{
    const gp_bjob *x = &g_sort_jobs[*(const size_t *)a], *y = &g_sort_jobs[*(const size_t *)b];
    int c = strcmp(x->output ? x->output : "", y->output ? y->output : "");
    if (c)
        return c;
    return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* Two documents writing one file would race; the later one fails. */
static void check_duplicates(gp_batch *b, const char *csv)
{
    size_t *ix = gp_malloc((b->n_jobs ? b->n_jobs : 1) * sizeof *ix);
    if (!ix)
        return;
    for (size_t i = 0; i < b->n_jobs; i++)
        ix[i] = i;
    g_sort_jobs = b->jobs;
    qsort(ix, b->n_jobs, sizeof *ix, cmp_output);
    for (size_t i = 1; i < b->n_jobs; i++) {
        gp_bjob *first = &b->jobs[ix[i - 1]], *j = &b->jobs[ix[i]];
        if (!j->output || !first->output || strcmp(j->output, first->output))
            continue;
        size_t k = i - 1; /* the first of a run of equal outputs */
        while (k > 0 && !strcmp(b->jobs[ix[k - 1]].output, j->output))
            k--;
        first = &b->jobs[ix[k]];
        if (j->status != GP_BJ_PENDING)
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
           (!style || !style_is_path(style) || newer_or_same(&st, style)) &&
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

int gp_cli_batch(int argc, char **argv)
{
    gp_batch b;
    memset(&b, 0, sizeof b);
    b.opt.backend = GP_BACKEND_PDF;
    cli_opts o;
    memset(&o, 0, sizeof o);
    o.out_dir = "out";
    plan p = {0};
    const char **inputs = gp_calloc((size_t)argc + 1, sizeof *inputs);
    size_t n_inputs = 0;
    long nproc = sysconf(_SC_NPROCESSORS_ONLN);
    b.opt.workers = nproc > 0 ? (int)nproc : 1;
    b.opt.time_limit_s = 120; /* per document; a hostile row must not hold a worker */
    int rc = GP_EXIT_USAGE;
    char *secret = NULL; /* --password(-file|-env) */
    if (!inputs)
        return GP_EXIT_INVALID;

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
            o.out_dir = argv[++i];
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
            b.opt.workers = (int)n;
        } else if (!strcmp(a, "-s") || !strcmp(a, "--style")) {
            NEED_ARG();
            if (b.opt.style) {
                rc = gp_cli_usage_error("batch", "%s given twice ('%s', then '%s')", a, b.opt.style,
                                        argv[i + 1]);
                goto out;
            }
            b.opt.style = argv[++i];
        } else if (!strcmp(a, "--pdfa")) {
            b.opt.pdfa = true;
        } else if (!strcmp(a, "--format")) {
            NEED_ARG();
            const char *f = argv[++i];
            if (!strcmp(f, "pdf"))
                b.opt.format = GP_FORMAT_PDF;
            else if (!strcmp(f, "png"))
                b.opt.format = GP_FORMAT_PNG;
            else if (!strcmp(f, "svg"))
                b.opt.format = GP_FORMAT_SVG;
            else {
                rc = gp_cli_usage_error("batch", "unknown format '%s' (pdf, png or svg)", f);
                goto out;
            }
        } else if (!strcmp(a, "--set")) {
            NEED_ARG();
            const char *kv = argv[++i];
            const char *eq = strchr(kv, '=');
            if (o.n_set == GP_BATCH_MAX_SET) {
                rc = gp_cli_usage_error("batch", "too many --set options (at most %d)",
                                        GP_BATCH_MAX_SET);
                goto out;
            }
            if (!eq || eq == kv) {
                rc = gp_cli_usage_error("batch", "--set needs key=value (got '%s')", kv);
                goto out;
            }
            o.set_copies[o.n_set] = gp_strndup(kv, (size_t)(eq - kv));
            o.set_keys[o.n_set] = o.set_copies[o.n_set];
            o.set_values[o.n_set] = eq + 1;
            o.n_set++;
        } else if (!strcmp(a, "--backend")) {
            NEED_ARG();
            const char *v = argv[++i];
            if (!strcmp(v, "cairo"))
                b.opt.backend = GP_BACKEND_CAIRO;
            else if (!strcmp(v, "haru"))
                b.opt.backend = GP_BACKEND_HARU;
            else if (!strcmp(v, "pdf"))
                b.opt.backend = GP_BACKEND_PDF;
            else {
                rc = gp_cli_usage_error("batch", "unknown backend '%s' (pdf, cairo or haru)", v);
                goto out;
            }
        } else if (!strcmp(a, "--password") || !strcmp(a, "--password-file") ||
                   !strcmp(a, "--password-env")) {
            NEED_ARG();
            gp_free(secret);
            const char *v = argv[++i];
            secret = !a[10]         ? gp_strdup(v)
                     : a[11] == 'f' ? gp_cli_password_from_file(v)
                                    : gp_cli_password_from_env("batch", v);
            if (!secret) {
                rc = GP_EXIT_INVALID;
                goto out;
            }
            b.opt.password = secret;
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
            b.opt.market = argv[++i];
        } else if (!strcmp(a, "--mail-from")) {
            NEED_ARG();
            b.opt.mail_from = argv[++i];
        } else if (!strcmp(a, "--subject")) {
            NEED_ARG();
            b.opt.mail_subject = argv[++i];
        } else if (!strcmp(a, "--sendmail")) {
            NEED_ARG();
            b.opt.sendmail = argv[++i];
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
            b.opt.time_limit_s = t;
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
            b.opt.mode = (unsigned)m;
        } else if (!strcmp(a, "--resume")) {
            o.resume = true;
        } else if (!strcmp(a, "--shard")) {
            NEED_ARG();
            const char *why;
            if (parse_shard(argv[++i], &o.shard_k, &o.shard_n, &why)) {
                rc = gp_cli_usage_error("batch", "%s (got '%s')", why, argv[i]);
                goto out;
            }
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            b.opt.quiet = true;
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
    if (!o.matrix && (o.from_glob || o.to_glob || b.opt.market)) {
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
    b.opt.set_keys = o.set_keys;
    b.opt.set_values = o.set_values;
    b.opt.n_set = o.n_set;
    if (!o.out_dir[0]) {
        rc = gp_cli_usage_error("batch", "-o needs a folder");
        goto out;
    }

    /* Plan. */
    rc = GP_EXIT_INVALID;
    if (o.matrix) {
        b.opt.roles_dir = o.matrix;
        if (plan_matrix(&p, &o))
            goto out;
    } else if (o.merge) {
        b.opt.csv_path = o.merge;
        if (plan_merge(&p, &o))
            goto out;
    } else {
        for (size_t i = 0; i < n_inputs; i++) {
            if (inputs[i][0] == '@') {
                if (add_list(&p, &o, inputs[i] + 1))
                    goto out;
            } else {
                add_path(&p, &o, inputs[i]);
            }
        }
    }
    if (p.nomem) {
        fputs("guidepress batch: out of memory\n", stderr);
        goto out;
    }
    b.jobs = p.jobs;
    b.n_jobs = p.n;
    b.opt.shard_k = o.shard_k;
    b.opt.shard_n = o.shard_n;
    if (b.opt.format != GP_FORMAT_PDF)
        set_extensions(&b, b.opt.format == GP_FORMAT_PNG ? "png" : "svg");
    check_duplicates(&b, o.merge);
    gp_batch_check_inputs(&b, o.merge);
    b.todo = gp_malloc((b.n_jobs ? b.n_jobs : 1) * sizeof *b.todo);
    if (!b.todo)
        goto out;
    for (size_t i = 0; i < b.n_jobs; i++)
        if (!o.shard_n || (long)(i % (size_t)o.shard_n) == o.shard_k - 1)
            b.todo[b.n_todo++] = i;
    const char *last_dir_of = NULL;
    for (size_t t = 0; t < b.n_todo; t++) {
        gp_bjob *j = &b.jobs[b.todo[t]];
        if (j->status != GP_BJ_PENDING || !j->output)
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
    if (o.resume) {
        gp_batch_clean_tmp(&b, b.todo, b.n_todo);
        for (size_t t = 0; t < b.n_todo; t++) {
            gp_bjob *j = &b.jobs[b.todo[t]];
            if (j->status == GP_BJ_PENDING && up_to_date(&b, j))
                j->status = GP_BJ_SKIPPED;
        }
    }

    /* Run. */
    size_t pending = 0;
    for (size_t t = 0; t < b.n_todo; t++)
        pending += b.jobs[b.todo[t]].status == GP_BJ_PENDING;
    if ((size_t)b.opt.workers > pending)
        b.opt.workers = pending ? (int)pending : 1;
    b.opt.tty = isatty(STDERR_FILENO);
    gp_batch_progress_start(&b);
    for (size_t t = 0; t < b.n_todo; t++)
        if (b.jobs[b.todo[t]].status != GP_BJ_PENDING)
            gp_batch_progress_job(&b, b.todo[t]);
    int prc = gp_batch_pool_run(&b);
    gp_batch_progress_end(&b);
    int report_rc = o.report ? gp_batch_report_write(&b, o.report) : 0;
    if (b.interrupted)
        rc = 128 + b.interrupted;
    else
        rc = prc || report_rc || b.failed || b.worker_errors ? GP_EXIT_INVALID : GP_EXIT_OK;
out:
    for (size_t i = 0; i < p.n; i++)
        job_free(&p.jobs[i]);
    gp_free(p.jobs);
    gp_free(b.todo);
    gp_free((void *)inputs);
    for (size_t k = 0; k < o.n_set; k++)
        gp_free(o.set_copies[k]);
    gp_free(secret);
    if (b.interrupted) { /* die of the signal, as shells and schedulers expect */
        signal(b.interrupted, SIG_DFL);
        raise(b.interrupted);
    }
    return rc;
}
