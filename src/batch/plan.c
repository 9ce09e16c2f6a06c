/* batch/plan.c - a batch's plan: one job per document, decided entirely
 * before any worker starts.
 *
 * Organisations render every guide of a careers site, or personalise one
 * guide for each client of a cohort from a spreadsheet (mail merge). This
 * file turns guides, folders, list files, a merge CSV or a roles folder
 * into jobs: which guide, which style, which --set values, which output
 * path. Problems found while planning (a CSV row with the wrong number of
 * fields, a guide that does not exist, two documents writing one file)
 * fail that document alone, at the CSV's file:line:col. Then batch.c
 * takes this machine's shard, drops what is already up to date and
 * pool.c renders the rest in parallel. Because every document's bytes
 * depend only on its own inputs, the output is identical whatever the
 * number of workers or shards. */
#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/util.h"
#include "batch/batch_int.h"
#include "batch/csv.h"

#include <guidepress/compose.h>

void gp_batch_fail(gp_bjob *j, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[1024];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    j->status = GP_BATCH_FAILED;
    gp_free(j->err_file);
    gp_free(j->err_msg);
    j->err_file = file ? gp_strdup(file) : NULL;
    j->err_line = line;
    j->err_col = col;
    j->err_msg = gp_strdup(tmp);
}

void gp_batch_job_free(gp_bjob *j)
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
    gp_diags_free(j->diags);
    gp_free(j->role_from);
    gp_free(j->role_to);
    gp_free(j->role_to_path);
}

typedef gp_batch plan;

static gp_bjob *plan_add(plan *p)
{
    if (p->n_jobs == p->cap_jobs) {
        size_t nc = p->cap_jobs ? p->cap_jobs * 2 : 64;
        gp_bjob *nj = gp_realloc(p->jobs, nc * sizeof *nj);
        if (!nj) {
            p->nomem = true;
            return NULL;
        }
        p->jobs = nj;
        p->cap_jobs = nc;
    }
    gp_bjob *j = &p->jobs[p->n_jobs++];
    memset(j, 0, sizeof *j);
    j->pos = -1;
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
bool gp_batch_style_is_path(const char *s)
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

/* Guides ------------------------------------------------------------------------ */

static bool is_yaml(const char *name)
{
    size_t l = strlen(name);
    return name[0] != '.' &&
           ((l > 5 && !strcmp(name + l - 5, ".yaml")) || (l > 4 && !strcmp(name + l - 4, ".yml")));
}

static void add_guide(plan *p, const gp_batch_opts *o, const char *path)
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
static int add_folder(plan *p, const gp_batch_opts *o, const char *dir, gp_diags *diags)
{
    size_t n;
    char **names = gp_dir_names(dir, is_yaml, &n);
    if (!names)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char *path = gp_path_join(dir, names[i]);
        if (path)
            add_guide(p, o, path);
        gp_free(path);
        gp_free(names[i]);
    }
    gp_free(names);
    if (!n)
        gp_diags_add(diags, GP_WARN_OTHER, GP_SEV_WARNING, dir, 0, 0, NULL, NULL,
                     "no .yaml files in this folder");
    return 0;
}

static void add_path(plan *p, const gp_batch_opts *o, const char *arg, gp_diags *diags);

/* @list.txt: one path per line; blank lines and lines starting with # are
 * skipped. Relative paths: the list's folder first, then the current one. */
static int add_list(plan *p, const gp_batch_opts *o, const char *list, gp_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    if (gp_file_read(list, GP_CSV_MAX_BYTES, &data, &len) != 0) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, list, 0, 0, NULL, NULL,
                     "cannot read the list file: %s", strerror(errno));
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
            add_path(p, o, r ? r : t, diags);
            gp_free(r);
        }
        gp_free(t);
    }
    gp_free(dir);
    gp_free(data);
    return 0;
}

static void add_path(plan *p, const gp_batch_opts *o, const char *arg, gp_diags *diags)
{
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        add_folder(p, o, arg, diags);
        return;
    }
    if (!exists(arg) && strpbrk(arg, "*?[")) { /* a pattern the shell did not expand */
        glob_t g;
        if (glob(arg, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++)
                add_path(p, o, g.gl_pathv[i], diags);
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

static void plan_row(plan *p, const gp_batch_opts *o, const char *csv, const char *csv_dir,
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
        if (gp_batch_style_is_path(v[C_STYLE])) {
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

/* Returns 0, or 1 when the CSV cannot be used at all (errors in d). */
static int plan_merge(plan *p, const gp_batch_opts *o, gp_diags *d)
{
    gp_csv *c = gp_csv_load_file(o->csv_path, d);
    int idx[N_COLS];
    if (!c || gp_csv_map_columns(c, COLUMNS, N_COLS, idx, d) != 0) {
        gp_csv_free(c);
        return 1;
    }
    char *dir = gp_path_dirname(o->csv_path);
    size_t header_fields = gp_csv_record_at(c, 0)->n_fields;
    long row = 0;
    for (size_t i = 1; i < gp_csv_count(c); i++) {
        const gp_csv_record *r = gp_csv_record_at(c, i);
        if (row_blank(r))
            continue;
        plan_row(p, o, o->csv_path, dir, r, header_fields, idx, ++row);
    }
    gp_free(dir);
    gp_csv_free(c);
    return 0;
}

/* Matrix (--matrix DIR) ---------------------------------------------------------- */

/* One job per ordered pair of profiles (from != to) that the --from and
 * --to globs keep, in id order, so --shard does not depend on the file
 * system. The profiles are loaded here so a bad one stops the batch
 * before any worker starts, at its file:line:col. */
static int plan_matrix(plan *p, const gp_batch_opts *o, const char *from_glob, const char *to_glob,
                       gp_diags *d)
{
    struct gp_roles *r = gp_batch_matrix_load(o->roles_dir, d);
    if (!r)
        return -1;
    size_t n = gp_roles_count(r), kept = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n; k++) {
            const char *from = gp_roles_id(r, i), *to = gp_roles_id(r, k);
            if (i == k || !gp_batch_matrix_keep(from_glob, from) ||
                !gp_batch_matrix_keep(to_glob, to))
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
        gp_diags_add(d, GP_WARN_OTHER, GP_SEV_WARNING, o->roles_dir, 0, 0, NULL, NULL,
                     "no pair of roles matches --from %s --to %s", from_glob ? from_glob : "*",
                     to_glob ? to_glob : "*");
    return 0;
}

/* The public side ---------------------------------------------------------------- */

static int no_memory(gp_batch *b, gp_diags *diags)
{
    b->nomem = false;
    gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
    return -1;
}

/* A merge or a matrix plans the whole batch: nothing may come before or
 * after it, and nothing is added once the batch has run. */
static int can_add(gp_batch *b, const char *what, gp_diags *diags)
{
    const char *why = b->ran                        ? "the batch has already run"
                      : b->opt.csv_path             ? "the batch is a mail merge"
                      : b->opt.roles_dir            ? "the batch is a role matrix"
                      : b->n_jobs && what[0] != 'g' ? "the batch already has documents"
                                                    : NULL;
    if (!why)
        return 0;
    gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "cannot add %s: %s",
                 what, why);
    return -1;
}

int gp_batch_add_path(gp_batch *b, const char *path, gp_diags *diags)
{
    if (can_add(b, "guides", diags))
        return -1;
    add_path(b, &b->opt, path, diags);
    return b->nomem ? no_memory(b, diags) : 0;
}

int gp_batch_add_list(gp_batch *b, const char *list_path, gp_diags *diags)
{
    if (can_add(b, "guides", diags))
        return -1;
    if (add_list(b, &b->opt, list_path, diags))
        return -1;
    return b->nomem ? no_memory(b, diags) : 0;
}

int gp_batch_add_merge(gp_batch *b, const char *csv_path, gp_diags *diags)
{
    if (can_add(b, "a merge", diags))
        return -1;
    b->csv_copy = gp_strdup(csv_path);
    if (!b->csv_copy)
        return no_memory(b, diags);
    b->opt.csv_path = b->csv_copy;
    if (plan_merge(b, &b->opt, diags))
        return -1;
    return b->nomem ? no_memory(b, diags) : 0;
}

int gp_batch_add_matrix(gp_batch *b, const char *roles_dir, const char *from_glob,
                        const char *to_glob, gp_diags *diags)
{
    if (can_add(b, "a matrix", diags))
        return -1;
    b->roles_copy = gp_strdup(roles_dir);
    if (!b->roles_copy)
        return no_memory(b, diags);
    b->opt.roles_dir = b->roles_copy;
    if (plan_matrix(b, &b->opt, from_glob, to_glob, diags))
        return -1;
    return b->nomem ? no_memory(b, diags) : 0;
}
