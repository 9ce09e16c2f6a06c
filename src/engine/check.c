/* engine/check.c - gp_check_file: one guide, style or role file validated
 * without rendering, as `guidepress check` and editors' CI use it.
 *
 * Each file is told apart by its top-level key (`guide:` or `style:`, then
 * `role:`, `vocabulary:`, `transition:`) and loaded with the same loader
 * the renderer uses, so check and render can never disagree. */
#include <string.h>

#include <guidepress/compose.h>
#include <guidepress/guidepress.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/atomic.h"
#include "base/util.h"
#include "engine/engine.h"
#include "model/style_struct.h"
#include "model/ytree.h"

/* The top-level key a block-style file starts its kind with: a line that
 * begins (column 1) with `guide:` or `style:`. Top-level block scalars are
 * indented, so such a line is a top-level key. */
static gp_input_kind scan_kind(const char *data, size_t len)
{
    for (size_t i = 0; i < len;) {
        const char *line = data + i;
        size_t rest = len - i;
        for (int k = 0; k < 2; k++) {
            const char *key = k ? "style:" : "guide:";
            if (rest >= 6 && !memcmp(line, key, 6) &&
                (rest == 6 || line[6] == ' ' || line[6] == '\n' || line[6] == '\r' ||
                 line[6] == '\t'))
                return k ? GP_INPUT_STYLE : GP_INPUT_GUIDE;
        }
        const char *nl = memchr(line, '\n', rest);
        if (!nl)
            break;
        i = (size_t)(nl - data) + 1;
    }
    return GP_INPUT_NONE;
}

/* Decides what the file holds from its top-level keys. When the quick scan
 * cannot tell, the YAML is parsed: its errors, or a file that is neither a
 * guide nor a style, are reported into diags and GP_INPUT_NONE returned. */
static gp_input_kind detect(const char *path, const char *data, size_t len, const gp_limits *lim,
                            gp_diags *diags)
{
    gp_input_kind k = scan_kind(data, len);
    if (k != GP_INPUT_NONE)
        return k;
    gp_arena *arena = gp_arena_new();
    if (!arena) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, path, 0, 0, NULL, NULL, "out of memory");
        return GP_INPUT_NONE;
    }
    gp_ynode *root = gp_yaml_parse(arena, data, len, path, lim, diags);
    if (root) {
        if (gp_ymap_get(root, "guide"))
            k = GP_INPUT_GUIDE;
        else if (gp_ymap_get(root, "style"))
            k = GP_INPUT_STYLE;
        else if (gp_ymap_get(root, "role"))
            k = GP_INPUT_ROLE;
        else if (gp_ymap_get(root, "vocabulary"))
            k = GP_INPUT_VOCABULARY;
        else if (gp_ymap_get(root, "transition"))
            k = GP_INPUT_PAIR;
        else if (gp_ymap_get(root, "sections") || gp_ymap_get(root, "from"))
            k = GP_INPUT_GUIDE; /* the guide loader says `guide:` is missing */
        else if (root->kind != GP_Y_MAP)
            gp_diags_add(diags, GP_ERR_TYPE, GP_SEV_ERROR, path, root->line, root->col, NULL,
                         "a guide starts with `guide: 1`, a style with `style: 1`",
                         "a guide or style file must be a mapping with a top-level `guide:` "
                         "or `style:` key, found %s",
                         gp_ynode_describe(arena, root));
        else
            gp_diags_add(diags, GP_ERR_REQUIRED, GP_SEV_ERROR, path, root->line, root->col, NULL,
                         "a guide starts with `guide: 1`, a style with `style: 1`",
                         "cannot tell a guide from a style: expected a top-level `guide:` or "
                         "`style:` key");
    }
    gp_arena_free(arena);
    return k;
}

/* A role profile is checked with its folder and the vocabulary next to it
 * (data/roles/x.yaml: data/skills.yaml), a vocabulary with the profiles in
 * roles/ beside it, and a pair file by composing its pair
 * (data/transitions/a--b.yaml: data/roles/). Errors point into whichever
 * file holds the mistake. */
static void check_roles_file(const char *path, gp_input_kind k, const gp_limits *lim,
                             gp_diags *diags)
{
    char *dir = gp_path_dirname(path);
    char *roles = NULL;
    gp_roles_options ro = {0};
    ro.limits = lim;
    if (k == GP_INPUT_ROLE) {
        ro.roles_dir = dir;
    } else if (k == GP_INPUT_VOCABULARY) {
        roles = gp_path_join(dir, "roles");
        ro.roles_dir = roles;
        ro.skills_path = path;
    } else {
        roles = gp_path_join(dir, "../roles");
        ro.roles_dir = roles;
        ro.transitions_dir = dir;
    }
    gp_roles *r = ro.roles_dir ? gp_roles_create(&ro, diags) : NULL;
    if (r && k == GP_INPUT_PAIR) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        const char *sep = strstr(base, "--");
        const char *dot = strrchr(base, '.');
        char *from = sep ? gp_strndup(base, (size_t)(sep - base)) : NULL;
        char *to = sep && dot > sep ? gp_strndup(sep + 2, (size_t)(dot - sep - 2)) : NULL;
        if (from && to)
            gp_guide_free(gp_compose_guide(r, from, to, NULL, diags));
        else
            gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                         "a pair file is named FROM--TO.yaml");
        gp_free(from);
        gp_free(to);
    }
    gp_roles_free(r);
    gp_free(roles);
    gp_free(dir);
}

gp_input_kind gp_check_file(const char *path, const gp_limits *lim, gp_diags *diags)
{
    gp_limits def;
    if (!lim) {
        gp_limits_default(&def);
        lim = &def;
    }
    char *data;
    size_t len;
    if (gp_yaml_read_file(path, lim->max_file_bytes, "file", GP_ERR_IO, NULL, diags, &data, &len))
        return GP_INPUT_NONE;
    gp_input_kind k = detect(path, data, len, lim, diags);
    switch (k) {
    case GP_INPUT_GUIDE: gp_guide_free(gp_guide_load_memory(data, len, path, lim, diags)); break;
    case GP_INPUT_STYLE: {
        /* Through an engine, as a render loads it: the loader resolves
         * `extends` and paths from the file, and the engine checks that
         * every font family is in the font set. */
        gp_engine_options eo = {NULL, lim};
        gp_engine *e = gp_engine_new(&eo, diags);
        const gp_style *st = e ? gp_engine_style(e, path, diags) : NULL;
        if (st && st->brand_logo) /* decoded now, as a render would */
            gp_logo_check(st->brand_logo, st->brand_logo_pos, lim, diags);
        gp_engine_free(e);
        break;
    }
    case GP_INPUT_ROLE:
    case GP_INPUT_VOCABULARY:
    case GP_INPUT_PAIR: check_roles_file(path, k, lim, diags); break;
    case GP_INPUT_NONE: break;
    }
    gp_free(data);
    return k;
}

int gp_file_write_atomic(const char *path, const void *data, size_t len, unsigned mode)
{
    return gp_atomic_write_file(path, data, len, (mode_t)mode);
}
