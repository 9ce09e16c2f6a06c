/* model/style_load.c - loading a style sheet: files, `extends`, deep merge.
 *
 * A brand file should be ten lines long: it names a parent (`extends:
 * default`) and changes what differs. So loading reads the chain from the
 * leaf up to the root (cycle detection, a depth limit, a missing parent
 * reported at the `extends` line), puts the built-in defaults
 * (style_builtin.c) under everything, and deep-merges the YAML trees before
 * anything is converted: maps merge key by key, lists and scalars replace.
 * The merge shares nodes instead of copying values, so every value keeps the
 * file, line and column that wrote it, and an error found by the converter
 * (style_convert.c) points into the parent or the leaf as appropriate; a
 * relative path resolves against the folder of the file that wrote it.
 * Everything - parsed trees, strings, arrays - lives in one arena owned by
 * the style. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/util.h"
#include "model/style_priv.h"

static const char *const role_names[GP_TS__COUNT] = {
    "body",    "h1",         "h2",           "h3",         "kicker",
    "summary", "stat_value", "stat_label",   "card_title", "label",
    "caption", "table",      "table_header", "header",     "footer"};

const char *gp_text_role_name(gp_text_role r)
{
    if ((int)r < 0 || r >= GP_TS__COUNT)
        return "?";
    return role_names[r];
}

/* Deep merge ------------------------------------------------------------- */

gp_ynode *gp_style_merge(gp_arena *a, gp_ynode *base, gp_ynode *over)
{
    if (!over)
        return base;
    if (!base)
        return over;
    if (base->kind == GP_Y_MAP && gp_ynode_is_null(over))
        return base; /* an empty `text:` changes nothing */
    if (base->kind != GP_Y_MAP || over->kind != GP_Y_MAP)
        return over;

    gp_ynode *m = gp_arena_alloc(a, sizeof *m);
    gp_ypair *pairs = gp_arena_alloc(a, (base->n_pairs + over->n_pairs + 1) * sizeof *pairs);
    if (!m || !pairs)
        return NULL;
    *m = *over; /* kind, position and file of the overriding map */
    m->pairs = pairs;
    m->n_pairs = 0;
    /* base's keys in base's order, each overridden where over has it */
    for (size_t i = 0; i < base->n_pairs; i++) {
        gp_ypair p = base->pairs[i];
        for (size_t j = 0; j < over->n_pairs; j++) {
            if (strcmp(over->pairs[j].key->str, p.key->str) == 0) {
                gp_ynode *v = gp_style_merge(a, p.value, over->pairs[j].value);
                if (!v)
                    return NULL;
                p.key = over->pairs[j].key;
                p.value = v;
                break;
            }
        }
        pairs[m->n_pairs++] = p;
    }
    /* then over's new keys in over's order */
    for (size_t j = 0; j < over->n_pairs; j++) {
        if (!gp_ymap_get(base, over->pairs[j].key->str))
            pairs[m->n_pairs++] = over->pairs[j];
    }
    return m;
}

/* The chain -------------------------------------------------------------- */

typedef struct loader {
    gp_arena *arena;
    const gp_limits *lim;
    gp_diags *diags;
    const char *styles_dir;
    gp_style_src *srcs; /* every file read, for path resolution */
    size_t n_srcs, cap_srcs;
    const char **chain_file; /* the files being loaded, leaf first */
    const char **chain_real; /* their canonical paths (NULL from memory) */
    int depth;
} loader;

static const char *describe(loader *L, const gp_ynode *n)
{
    const char *d = gp_ynode_describe(L->arena, n);
    return d ? d : "something else";
}

static void nomem(loader *L)
{
    gp_diags_add(L->diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                 "out of memory while loading a style");
}

/* An absolute form of dir (arena). */
static const char *abs_dir(gp_arena *a, const char *dir)
{
    char *rp = realpath(dir && *dir ? dir : ".", NULL);
    if (rp) {
        const char *r = gp_arena_strdup(a, rp);
        free(rp); /* realpath allocates with malloc */
        return r;
    }
    if (dir && dir[0] == '/')
        return gp_arena_strdup(a, dir);
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd))
        return gp_arena_strdup(a, dir && *dir ? dir : ".");
    char *j = gp_path_join(cwd, dir && *dir ? dir : ".");
    const char *r = j ? gp_arena_strdup(a, j) : NULL;
    gp_free(j);
    return r;
}

static const char *canonical(gp_arena *a, const char *path)
{
    char *rp = realpath(path, NULL);
    if (!rp)
        return NULL;
    const char *r = gp_arena_strdup(a, rp);
    free(rp);
    return r;
}

static bool add_src(loader *L, const char *file, const char *dir)
{
    if (L->n_srcs == L->cap_srcs) {
        size_t nc = L->cap_srcs ? L->cap_srcs * 2 : 8;
        gp_style_src *n = gp_arena_grow(L->arena, L->srcs, L->cap_srcs * sizeof *n, nc * sizeof *n);
        if (!n)
            return false;
        L->srcs = n;
        L->cap_srcs = nc;
    }
    L->srcs[L->n_srcs++] = (gp_style_src){file, dir};
    return true;
}

/* Lexically tidies a path for messages: drops "." segments and folds
 * "dir/.." ("./sub/../b.yaml" becomes "b.yaml"). Arena. */
static const char *tidy_path(gp_arena *a, const char *path)
{
    size_t n = strlen(path);
    const char **seg = gp_arena_alloc(a, (n / 2 + 2) * sizeof *seg);
    size_t *len = gp_arena_alloc(a, (n / 2 + 2) * sizeof *len);
    if (!seg || !len)
        return path;
    size_t ns = 0;
    bool abs = path[0] == '/';
    for (const char *p = path; *p;) {
        while (*p == '/')
            p++;
        const char *e = p;
        while (*e && *e != '/')
            e++;
        size_t l = (size_t)(e - p);
        if (l == 0 || (l == 1 && p[0] == '.')) {
            /* skip */
        } else if (l == 2 && p[0] == '.' && p[1] == '.' && ns > 0 &&
                   !(len[ns - 1] == 2 && seg[ns - 1][0] == '.' && seg[ns - 1][1] == '.')) {
            ns--;
        } else if (!(l == 2 && p[0] == '.' && p[1] == '.' && ns == 0 && abs)) {
            seg[ns] = p;
            len[ns++] = l;
        }
        p = e;
    }
    gp_buf b = {0};
    if (abs)
        gp_buf_puts(&b, "/");
    for (size_t i = 0; i < ns; i++) {
        if (i)
            gp_buf_puts(&b, "/");
        gp_buf_append(&b, seg[i], len[i]);
    }
    if (!b.len)
        gp_buf_puts(&b, ".");
    const char *r = b.data ? gp_arena_strdup(a, b.data) : NULL;
    gp_buf_free(&b);
    return r ? r : path;
}

/* An `extends` value names a file when it has a slash or a YAML extension;
 * otherwise it is the name of a shipped style. */
static bool names_a_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') || (n > 5 && strcmp(s + n - 5, ".yaml") == 0) ||
           (n > 4 && strcmp(s + n - 4, ".yml") == 0);
}

static bool valid_style_name(const char *s)
{
    if (!*s || *s == '.')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-' || *s == '.'))
            return false;
    return true;
}

/* "a.yaml -> b.yaml -> a.yaml" (arena): the chain, leaf first, back to
 * the file at index back. */
static const char *chain_text(loader *L, int back)
{
    gp_buf b = {0};
    for (int i = 0; i <= L->depth; i++) {
        gp_buf_puts(&b, L->chain_file[i]);
        gp_buf_puts(&b, " -> ");
    }
    gp_buf_puts(&b, L->chain_file[back]);
    const char *r = b.data ? gp_arena_strdup(L->arena, b.data) : "";
    gp_buf_free(&b);
    return r ? r : "";
}

/* path made absolute and tidied, for "tried ..." messages (arena). */
static const char *shown_abs(loader *L, const char *path)
{
    char cwd[4096];
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd))
        return tidy_path(L->arena, path);
    char *j = gp_path_join(cwd, path);
    const char *r = j ? tidy_path(L->arena, j) : path;
    gp_free(j);
    return r;
}

/* Checks the `style: 1` key of one file. */
static bool check_version(loader *L, const gp_ynode *root)
{
    const gp_ynode *v = gp_ymap_get(root, "style");
    double d;
    if (!v && root->kind == GP_Y_MAP) {
        /* `styel: 1`: one error at the typo, not a "missing" one at 1:1. */
        static const char *const want[] = {"style"};
        for (size_t i = 0; i < root->n_pairs; i++) {
            const gp_ynode *k = root->pairs[i].key;
            if (k->kind == GP_Y_SCALAR && gp_suggest(k->str, want, 1)) {
                gp_diags_add(L->diags, GP_ERR_UNKNOWN_KEY, GP_SEV_ERROR, k->file, k->line, k->col,
                             k->str, "start the file with `style: 1`",
                             "unknown key `%s`; did you mean `style`?", k->str);
                return false;
            }
        }
    }
    if (!v) {
        const char *hint = "start the file with `style: 1`";
        if (gp_ymap_get(root, "guide"))
            hint = "this looks like a guide file; style sheets start with `style: 1`";
        gp_diags_add(L->diags, GP_ERR_REQUIRED, GP_SEV_ERROR, root->file, root->line, root->col,
                     "style", hint, "missing `style: 1` (the style sheet format version)");
        return false;
    }
    if (!gp_ynode_number(v, &d)) {
        gp_diags_add(L->diags, GP_ERR_TYPE, GP_SEV_ERROR, v->file, v->line, v->col, "style", NULL,
                     "expected the format version 1, found %s", describe(L, v));
        return false;
    }
    if (d != 1) {
        gp_diags_add(L->diags, GP_ERR_VALUE, GP_SEV_ERROR, v->file, v->line, v->col, "style", NULL,
                     "unsupported style sheet version %s; this guidepress reads version 1", v->str);
        return false;
    }
    return true;
}

static gp_ynode *load_chain(loader *L, const char *data, size_t len, const char *file,
                            const char *ddir, const char *real, gp_ynode *builtin);

/* Finds, reads and loads the parent named by the `extends` pair (k, v) of
 * file; returns its merged tree or NULL. */
static gp_ynode *load_parent(loader *L, const gp_ynode *k, const gp_ynode *v, const char *ddir,
                             gp_ynode *builtin)
{
    if (!v || v->kind != GP_Y_SCALAR || gp_ynode_is_null(v) || !v->len) {
        gp_diags_add(L->diags, GP_ERR_TYPE, GP_SEV_ERROR, v ? v->file : k->file,
                     v ? v->line : k->line, v ? v->col : k->col, "extends", NULL,
                     "expected a shipped style name like `default` or a file like "
                     "`brand.yaml`, found %s",
                     describe(L, v));
        return NULL;
    }
    char *joined;
    if (names_a_path(v->str)) {
        joined = gp_path_join(ddir, v->str);
    } else if (valid_style_name(v->str)) {
        const char *name = gp_arena_printf(L->arena, "%s.yaml", v->str);
        joined = name ? gp_path_join(L->styles_dir, name) : NULL;
    } else {
        gp_diags_add(L->diags, GP_ERR_VALUE, GP_SEV_ERROR, v->file, v->line, v->col, "extends",
                     NULL, "bad style name `%s`: use letters, digits, `-` and `_`", v->str);
        return NULL;
    }
    /* raw is read and resolved (symbolic links stay right); ppath, tidied,
     * is what messages and positions show */
    const char *raw = joined ? gp_arena_strdup(L->arena, joined) : NULL;
    gp_free(joined);
    const char *ppath = raw ? tidy_path(L->arena, raw) : NULL;
    if (!ppath) {
        nomem(L);
        return NULL;
    }
    const char *preal = canonical(L->arena, raw);
    if (!preal) {
        gp_diags_add(L->diags, GP_ERR_IO, GP_SEV_ERROR, v->file, v->line, v->col, "extends",
                     names_a_path(v->str) ? "a path is relative to the folder of this file"
                                          : "shipped styles live in the styles folder",
                     "cannot find parent style `%s`: tried %s", v->str, shown_abs(L, raw));
        return NULL;
    }
    for (int i = 0; i <= L->depth; i++) {
        if (L->chain_real[i] && strcmp(L->chain_real[i], preal) == 0) {
            gp_diags_add(L->diags, GP_ERR_VALUE, GP_SEV_ERROR, k->file, k->line, k->col, "extends",
                         "a style cannot extend itself, directly or through others",
                         "`extends` cycle: %s", chain_text(L, i));
            return NULL;
        }
    }
    if (L->depth + 1 > L->lim->max_extends_depth) {
        gp_diags_add(L->diags, GP_ERR_LIMIT, GP_SEV_ERROR, k->file, k->line, k->col, "extends",
                     NULL, "`extends` chain is deeper than %d styles (limit max_extends_depth)",
                     L->lim->max_extends_depth);
        return NULL;
    }
    /* A FIFO would block the open for ever and a device never ends: a
     * parent named by a (possibly hostile) style must be a plain file. */
    struct stat st;
    if (stat(raw, &st) == 0 && !S_ISREG(st.st_mode)) {
        gp_diags_add(L->diags, GP_ERR_IO, GP_SEV_ERROR, v->file, v->line, v->col, "extends", NULL,
                     "parent style %s is not a regular file", ppath);
        return NULL;
    }
    char *pdata;
    size_t plen;
    int rc = gp_file_read(raw, L->lim->max_file_bytes, &pdata, &plen);
    if (rc == -2) {
        char words[32];
        gp_size_words(words, sizeof words, L->lim->max_file_bytes);
        gp_diags_add(L->diags, GP_ERR_LIMIT, GP_SEV_ERROR, v->file, v->line, v->col, "extends",
                     NULL, "parent style %s is larger than the %s limit", ppath, words);
        return NULL;
    }
    if (rc != 0) {
        gp_diags_add(L->diags, GP_ERR_IO, GP_SEV_ERROR, v->file, v->line, v->col, "extends", NULL,
                     "cannot read parent style %s: %s", ppath, strerror(errno));
        return NULL;
    }
    char *pdir = gp_path_dirname(raw);
    const char *pddir = pdir ? gp_arena_strdup(L->arena, pdir) : NULL;
    gp_free(pdir);
    L->depth++;
    if (!pddir)
        nomem(L);
    gp_ynode *t = pddir ? load_chain(L, pdata, plen, ppath, pddir, preal, builtin) : NULL;
    L->depth--;
    gp_free(pdata);
    return t;
}

/* Loads one file (data) and its parents; returns the merged tree. file is
 * the name used in positions (arena), ddir the folder its relative paths
 * name, real its canonical path (or NULL). */
static gp_ynode *load_chain(loader *L, const char *data, size_t len, const char *file,
                            const char *ddir, const char *real, gp_ynode *builtin)
{
    const char *dir = abs_dir(L->arena, ddir);
    if (!dir || !add_src(L, file, dir)) {
        nomem(L);
        return NULL;
    }
    gp_ynode *root =
        gp_yaml_parse(L->arena, data ? data : "", data ? len : 0, file, L->lim, L->diags);
    if (!root)
        return NULL;
    if (root->kind != GP_Y_MAP) {
        gp_diags_add(L->diags, GP_ERR_TYPE, GP_SEV_ERROR, file, root->line, root->col, NULL,
                     "start the file with `style: 1`",
                     "expected a mapping of style keys at the top of the file, found %s",
                     describe(L, root));
        return NULL;
    }
    if (!check_version(L, root))
        return NULL;

    L->chain_file[L->depth] = file;
    L->chain_real[L->depth] = real;
    gp_ynode *base = builtin;
    const gp_ynode *ext = gp_ymap_get(root, "extends");
    if (ext && !gp_ynode_is_null(ext)) {
        const gp_ynode *k = NULL;
        for (size_t i = 0; i < root->n_pairs; i++)
            if (root->pairs[i].value == ext)
                k = root->pairs[i].key;
        base = load_parent(L, k, ext, ddir, builtin);
        if (!base)
            return NULL;
    }
    gp_ynode *m = gp_style_merge(L->arena, base, root);
    if (!m)
        nomem(L);
    return m;
}

/* The built-in defaults, parsed once per process: they are our own text,
 * the merge never changes a tree (it shares nodes), and parsing them was
 * most of the time of loading a short style. The tree lives in an arena of
 * its own until the process ends. If that first parse fails (memory), each
 * load parses its own copy as before. Freed at exit. */
static gp_arena *builtin_arena;
static gp_ynode *builtin_root;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_free(void)
{
    builtin_root = NULL;
    gp_arena_free(builtin_arena);
    builtin_arena = NULL;
}

static void builtin_parse(void)
{
    gp_limits lim;
    gp_limits_default(&lim);
    gp_diags *d = gp_diags_new();
    gp_arena *a = gp_arena_new();
    gp_ynode *root = d && a ? gp_yaml_parse(a, gp_style_builtin_yaml, strlen(gp_style_builtin_yaml),
                                            GP_STYLE_BUILTIN_FILE, &lim, d)
                            : NULL;
    if (root && gp_diags_count(d) == 0) {
        builtin_arena = a;
        builtin_root = root;
        atexit(builtin_free); /* so leak checkers see it all returned */
    } else {
        gp_arena_free(a);
    }
    gp_diags_free(d);
}

static gp_ynode *builtin_tree(void)
{
    pthread_once(&builtin_once, builtin_parse);
    return builtin_root;
}

/* Entry points ----------------------------------------------------------- */

static const char *default_styles_dir(const char *styles_dir)
{
    return styles_dir ? styles_dir : gp_data_dir_styles();
}

/* "brand" from "dir/brand.yaml" (arena). */
static const char *file_stem(gp_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    return gp_arena_strndup(a, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

/* Copies src's diagnostics to dst ordered by file (the leaf first, then its
 * parents) and position, so that a reader meets them top to bottom even
 * though the converter visits the palette and fonts first. */
static void append_sorted(gp_diags *dst, const gp_diags *src, const gp_style_src *srcs,
                          size_t n_srcs)
{
    size_t n = gp_diags_count(src);
    size_t *order = gp_malloc((n + 1) * sizeof *order);
    long *rank = gp_malloc((n + 1) * sizeof *rank);
    if (!order || !rank) {
        gp_free(order);
        gp_free(rank);
        gp_diags_append(dst, src);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = gp_diags_get(src, i);
        rank[i] = -1; /* no file: first */
        for (size_t j = 0; g->file && j < n_srcs; j++)
            if (strcmp(srcs[j].file, g->file) == 0) {
                /* srcs[0] is the built-in style: last */
                rank[i] = j == 0 ? (long)n_srcs : (long)j;
                break;
            }
        /* insertion sort: stable, and n is small */
        size_t k = i;
        while (k > 0) {
            const gp_diag *p = gp_diags_get(src, order[k - 1]);
            long rp = rank[order[k - 1]];
            if (rp < rank[i] ||
                (rp == rank[i] && (p->line < g->line || (p->line == g->line && p->col <= g->col))))
                break;
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = gp_diags_get(src, order[i]);
        gp_diags_add(dst, g->code, g->severity, g->file, g->line, g->col, g->path, g->hint, "%s",
                     g->message);
    }
    gp_free(order);
    gp_free(rank);
}

/* Loads data (the leaf) with its chain into a new style. display: the name
 * in positions; ddir: the folder its relative paths name; real: its
 * canonical path or NULL; name: the style's name. */
static gp_style *load_common(const char *data, size_t len, const char *display, const char *ddir,
                             const char *real, const char *name, const char *styles_dir,
                             const gp_limits *lim_in, gp_diags *diags)
{
    gp_limits deflim;
    const gp_limits *lim = lim_in;
    if (!lim) {
        gp_limits_default(&deflim);
        lim = &deflim;
    }
    /* Collected apart, then handed over in file order (see append_sorted). */
    gp_diags *out = diags;
    gp_diags *own = gp_diags_new();
    if (own)
        diags = own;
    size_t errors_before = gp_diags_errors(diags);

    gp_style *s = gp_calloc(1, sizeof *s);
    if (s)
        s->priv = gp_calloc(1, sizeof *s->priv);
    if (s && s->priv)
        s->priv->arena = gp_arena_new();
    if (!s || !s->priv || !s->priv->arena) {
        gp_style_free(s);
        gp_diags_add(out, GP_ERR_NOMEM, GP_SEV_ERROR, display, 0, 0, NULL, NULL,
                     "out of memory while loading a style");
        gp_diags_free(own);
        return NULL;
    }
    gp_arena *a = s->priv->arena;
    int max_depth = lim->max_extends_depth > 0 ? lim->max_extends_depth : 0;
    loader L = {.arena = a, .lim = lim, .diags = diags, .styles_dir = styles_dir};
    L.chain_file = gp_arena_alloc(a, (size_t)(max_depth + 2) * sizeof *L.chain_file);
    L.chain_real = gp_arena_alloc(a, (size_t)(max_depth + 2) * sizeof *L.chain_real);
    const char *file = gp_arena_strdup(a, display);
    const char *ddir_a = gp_arena_strdup(a, ddir);
    const char *real_a = real ? gp_arena_strdup(a, real) : NULL;
    bool ok = L.chain_file && L.chain_real && file && ddir_a && (!real || real_a);
    if (!ok)
        nomem(&L);

    gp_ynode *builtin = NULL, *tree = NULL;
    if (ok) {
        builtin = builtin_tree();
        if (!builtin)
            builtin = gp_yaml_parse(a, gp_style_builtin_yaml, strlen(gp_style_builtin_yaml),
                                    GP_STYLE_BUILTIN_FILE, lim, diags);
        ok = builtin && add_src(&L, GP_STYLE_BUILTIN_FILE, ".");
        if (builtin && !ok)
            nomem(&L);
    }
    if (ok)
        tree = load_chain(&L, data, len, file, ddir_a, real_a, builtin);
    if (tree) {
        s->version = 1;
        s->path = file;
        s->name = gp_arena_strdup(a, name);
        if (!s->name)
            nomem(&L);
        gp_style_conv cv = {
            .style = s, .arena = a, .lim = lim, .diags = diags, .srcs = L.srcs, .n_srcs = L.n_srcs};
        gp_style_convert(&cv, tree);
    }
    bool failed = !tree || gp_diags_errors(diags) != errors_before;
    /* before the style (and its arena, which holds srcs) goes */
    if (own) {
        append_sorted(out, own, L.srcs, L.n_srcs);
        if (gp_diags_dropped(own))
            gp_diags_add(out, GP_ERR_LIMIT, GP_SEV_ERROR, display, 0, 0, NULL, NULL,
                         "%zu more problems in this style were not kept", gp_diags_dropped(own));
    }
    gp_diags_free(own);
    if (failed) {
        gp_style_free(s);
        s = NULL;
    }
    return s;
}

static gp_style *load_path(const char *path, const char *name, const char *styles_dir,
                           const gp_limits *lim_in, gp_diags *diags, gp_code missing_code,
                           const char *missing_hint)
{
    gp_limits deflim;
    const gp_limits *lim = lim_in;
    if (!lim) {
        gp_limits_default(&deflim);
        lim = &deflim;
    }
    char *data;
    size_t len;
    if (gp_yaml_read_file(path, lim->max_file_bytes, "style file", missing_code, missing_hint,
                          diags, &data, &len))
        return NULL;
    char *dir = gp_path_dirname(path);
    char *rp = realpath(path, NULL);
    gp_style *s = NULL;
    if (dir)
        s = load_common(data, len, path, dir, rp, name, default_styles_dir(styles_dir), lim, diags);
    else
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "out of memory while loading a style");
    free(rp); /* realpath allocates with malloc */
    gp_free(dir);
    gp_free(data);
    return s;
}

gp_style *gp_style_load_file(const char *path, const char *styles_dir, const gp_limits *lim,
                             gp_diags *diags)
{
    if (!path) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "no style file given");
        return NULL;
    }
    gp_arena *tmp = gp_arena_new();
    const char *stem = tmp ? file_stem(tmp, path) : NULL;
    gp_style *s = load_path(path, stem ? stem : "style", styles_dir, lim, diags, GP_ERR_IO, NULL);
    gp_arena_free(tmp);
    return s;
}

/* "default, print-mono" from the styles folder, for a hint (arena). */
static const char *shipped_names(gp_arena *a, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    gp_buf b = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n > 5 && e->d_name[0] != '.' && strcmp(e->d_name + n - 5, ".yaml") == 0)
            gp_buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)(n - 5), e->d_name);
    }
    closedir(d);
    const char *r = b.data ? gp_arena_printf(a, "shipped styles: %s", b.data) : NULL;
    gp_buf_free(&b);
    return r;
}

gp_style *gp_style_load_named(const char *name, const char *styles_dir, const gp_limits *lim,
                              gp_diags *diags)
{
    const char *dir = default_styles_dir(styles_dir);
    if (!name || !valid_style_name(name)) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "bad style name `%s`: use letters, digits, `-` and `_`",
                     name ? name : "(null)");
        return NULL;
    }
    gp_arena *tmp = gp_arena_new();
    const char *path = tmp ? gp_arena_printf(tmp, "%s/%s.yaml", dir, name) : NULL;
    gp_style *s = NULL;
    if (path) {
        if (access(path, F_OK) != 0)
            gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, NULL, 0, 0, NULL, shipped_names(tmp, dir),
                         "no shipped style `%s`: tried %s", name, path);
        else
            s = load_path(path, name, styles_dir, lim, diags, GP_ERR_IO, NULL);
    } else {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "out of memory while loading a style");
    }
    gp_arena_free(tmp);
    return s;
}

gp_style *gp_style_load_memory(const char *data, size_t len, const char *name, const char *base_dir,
                               const char *styles_dir, const gp_limits *lim, gp_diags *diags)
{
    const char *display = name ? name : "<style>";
    gp_arena *tmp = gp_arena_new();
    const char *stem = tmp ? file_stem(tmp, display) : NULL;
    gp_style *s = load_common(data, len, display, base_dir ? base_dir : ".", NULL,
                              stem ? stem : "style", default_styles_dir(styles_dir), lim, diags);
    gp_arena_free(tmp);
    return s;
}

void gp_style_free(gp_style *s)
{
    if (!s)
        return;
    if (s->priv)
        gp_arena_free(s->priv->arena);
    gp_free(s->priv);
    gp_free(s);
}

bool gp_style_color(const gp_style *s, const char *name, gp_color *out)
{
    if (!s || !name)
        return false;
    for (size_t i = 0; i < s->n_colors; i++) {
        if (strcmp(s->color_names[i], name) == 0) {
            if (out)
                *out = s->colors[i];
            return true;
        }
    }
    return false;
}
