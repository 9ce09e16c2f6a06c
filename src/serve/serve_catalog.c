/* serve/serve_catalog.c - what a browser may name: guides and styles.
 *
 * A request names an entry of this catalogue (a file name without .yaml),
 * never a path: the server looks the name up here and hands the worker
 * the path it found when it started. So `../` or an absolute path in a
 * request is simply an unknown name. */
#include <stdlib.h>
#include <string.h>

#include <guidepress/compose.h>

#include "base/alloc.h"
#include "base/util.h"
#include "serve/serve.h"

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* "name" when file is name.yaml / name.yml and not hidden, else NULL. */
static char *entry_name(const char *file)
{
    size_t l = strlen(file);
    if (file[0] == '.')
        return NULL;
    /* names go into URLs and HTML attributes as they are */
    for (const char *p = file; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '-' || *p == '_' || *p == '.'))
            return NULL;
    if (l > 5 && !strcmp(file + l - 5, ".yaml"))
        return strndup(file, l - 5);
    if (l > 4 && !strcmp(file + l - 4, ".yml"))
        return strndup(file, l - 4);
    return NULL;
}

/* A file the desk lists: name.yaml / name.yml, not hidden, URL-safe. */
static bool is_entry(const char *file)
{
    char *name = entry_name(file);
    bool ok = name != NULL;
    free(name);
    return ok;
}

static int guide_order(const void *a, const void *b)
{
    const sv_guide *x = a, *y = b;
    int c = strcmp(x->from ? x->from : x->name, y->from ? y->from : y->name);
    return c ? c : strcmp(x->to ? x->to : x->name, y->to ? y->to : y->name);
}

/* Calls add(ctx, dir, file, name) for every YAML entry of the folders, in
 * folder order and by file name; add owns name. Returns how many folders
 * could be read. */
typedef void (*entry_fn)(void *ctx, const char *dir, const char *file, char *name);

static int each_entry(const char *const *dirs, size_t n_dirs, entry_fn add, void *ctx)
{
    int readable = 0;
    for (size_t k = 0; k < n_dirs; k++) {
        size_t n;
        char **files = gp_dir_names(dirs[k], is_entry, &n);
        if (!files)
            continue;
        readable++;
        for (size_t i = 0; i < n; i++) {
            char *name = entry_name(files[i]);
            if (name)
                add(ctx, dirs[k], files[i], name);
            gp_free(files[i]);
        }
        gp_free(files);
    }
    return readable;
}

static void add_guide(void *ctx, const char *dir, const char *file, char *name)
{
    sv_catalog *cat = ctx;
    sv_guide *nv = !sv_catalog_guide(cat, name)
                       ? realloc(cat->guides, (cat->n_guides + 1) * sizeof *nv)
                       : NULL;
    if (!nv) {
        free(name);
        return;
    }
    cat->guides = nv;
    sv_guide *g = &cat->guides[cat->n_guides++];
    memset(g, 0, sizeof *g);
    g->name = name;
    g->path = gp_path_join(dir, file);
    /* The model only (no Pango): safe on any thread. A guide with errors
     * stays listed; rendering it shows them. */
    gp_diags *d = gp_diags_new();
    gp_guide *m = g->path ? gp_guide_load_file(g->path, NULL, d) : NULL;
    if (m) {
        g->from = dup_or_null(gp_guide_from(m));
        g->to = dup_or_null(gp_guide_to(m));
        g->market = dup_or_null(gp_guide_market(m));
        g->lang = dup_or_null(gp_guide_lang(m));
        g->title = dup_or_null(gp_guide_title(m));
    }
    gp_guide_free(m);
    gp_diags_free(d);
}

int sv_catalog_list_guides(sv_catalog *cat, const char *const *dirs, size_t n_dirs)
{
    int readable = each_entry(dirs, n_dirs, add_guide, cat);
    if (cat->n_guides)
        qsort(cat->guides, cat->n_guides, sizeof *cat->guides, guide_order);
    return readable ? 0 : -1;
}

typedef struct style_ctx {
    sv_catalog *cat;
    bool own; /* the caller's folders, not the shipped one */
} style_ctx;

static void add_style(void *ctx, const char *dir, const char *file, char *name)
{
    style_ctx *sc = ctx;
    sv_catalog *cat = sc->cat;
    sv_style *nv = !sv_catalog_style(cat, name)
                       ? realloc(cat->styles, (cat->n_styles + 1) * sizeof *nv)
                       : NULL;
    if (!nv) {
        free(name);
        return;
    }
    cat->styles = nv;
    sv_style *s = &cat->styles[cat->n_styles++];
    s->name = name;
    /* shipped styles go by name (the engine caches them), others by path */
    s->spec = sc->own ? gp_path_join(dir, file) : strdup(name);
}

int sv_catalog_list_styles(sv_catalog *cat, const char *const *dirs, size_t n_dirs,
                           const char *shipped_dir)
{
    const char *shipped[] = {shipped_dir};
    style_ctx sc = {cat, n_dirs > 0};
    int readable =
        sc.own ? each_entry(dirs, n_dirs, add_style, &sc) : each_entry(shipped, 1, add_style, &sc);
    /* "default" first: it is the preselected one */
    for (size_t i = 1; i < cat->n_styles; i++)
        if (!strcmp(cat->styles[i].name, "default")) {
            sv_style t = cat->styles[i];
            memmove(&cat->styles[1], &cat->styles[0], i * sizeof t);
            cat->styles[0] = t;
        }
    return readable ? 0 : -1;
}

const sv_guide *sv_catalog_guide(const sv_catalog *cat, const char *name)
{
    for (size_t i = 0; name && i < cat->n_guides; i++)
        if (!strcmp(cat->guides[i].name, name))
            return &cat->guides[i];
    return NULL;
}

const sv_style *sv_catalog_style(const sv_catalog *cat, const char *name)
{
    for (size_t i = 0; name && i < cat->n_styles; i++)
        if (!strcmp(cat->styles[i].name, name))
            return &cat->styles[i];
    return NULL;
}

int sv_catalog_list_roles(sv_catalog *cat, const char *dir)
{
    gp_diags *d = gp_diags_new();
    gp_roles_options ro = {0};
    ro.roles_dir = dir;
    gp_roles *r = d ? gp_roles_create(&ro, d) : NULL;
    gp_diags_free(d);
    if (!r)
        return -1;
    size_t n = gp_roles_count(r);
    cat->roles = calloc(n ? n : 1, sizeof *cat->roles);
    cat->roles_dir = strdup(dir);
    for (size_t i = 0; cat->roles && cat->roles_dir && i < n; i++) {
        const char *id = gp_roles_id(r, i);
        const char *title = gp_roles_title(r, id);
        cat->roles[cat->n_roles].id = strdup(id);
        cat->roles[cat->n_roles].title = strdup(title ? title : id);
        if (cat->roles[cat->n_roles].id && cat->roles[cat->n_roles].title)
            cat->n_roles++;
    }
    gp_roles_free(r);
    return cat->n_roles ? 0 : -1;
}

const sv_role *sv_catalog_role(const sv_catalog *cat, const char *id)
{
    for (size_t i = 0; id && i < cat->n_roles; i++)
        if (!strcmp(cat->roles[i].id, id))
            return &cat->roles[i];
    return NULL;
}

void sv_catalog_free(sv_catalog *cat)
{
    for (size_t i = 0; i < cat->n_roles; i++) {
        free(cat->roles[i].id);
        free(cat->roles[i].title);
    }
    free(cat->roles);
    free(cat->roles_dir);
    for (size_t i = 0; i < cat->n_guides; i++) {
        sv_guide *g = &cat->guides[i];
        free(g->name);
        free(g->path);
        free(g->from);
        free(g->to);
        free(g->market);
        free(g->lang);
        free(g->title);
    }
    for (size_t i = 0; i < cat->n_styles; i++) {
        free(cat->styles[i].name);
        free(cat->styles[i].spec);
    }
    free(cat->guides);
    free(cat->styles);
    memset(cat, 0, sizeof *cat);
}
