/* compose/roles.c - loads the skills vocabulary and the role profiles.
 *
 * A careers service keeps one profile per role and one vocabulary of
 * skills, and composes any pair from them; so a mistake in one profile
 * must be caught when the folder is loaded, at its file, line and column,
 * not later as a strange guide. This file validates the formats of
 * docs/roles.md: every key (unknown ones suggested), every skill id
 * against the vocabulary, every prerequisite (unknown ids, cycles, reported
 * with the whole cycle), salary bands with their source and year, and an
 * estimate's basis. It keeps the YAML nodes, so compose.c can copy each
 * fact with the position it came from. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "compose/compose_int.h"
#include "model/guide_load.h"

static const char *const LEVELS[] = {"occasional", "regular", "core"};
static const char *const BANDS[CP_N_BANDS] = {"entry", "mid", "senior"};

/* Parsing ------------------------------------------------------------------ */

static const gp_ynode *parse_file(gp_roles *r, const char *path, gp_diags *diags)
{
    char *data;
    size_t len;
    int rc = gp_file_read(path, r->lim.max_file_bytes, &data, &len);
    if (rc != 0) {
        gp_diags_add(diags, rc == -2 ? GP_ERR_LIMIT : GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL,
                     NULL, "%s",
                     rc == -2 ? "file is larger than the size limit" : "cannot read the file");
        return NULL;
    }
    const char *file = gp_arena_strdup(r->arena, path);
    gp_ynode *root = file ? gp_yaml_parse(r->arena, data, len, file, &r->lim, diags) : NULL;
    gp_free(data);
    return root;
}

/* map[key] as a non-empty scalar, or NULL (with an error when required). */
static const gp_ynode *scalar(gp_loader *L, const gp_ynode *map, const char *key, const char *path,
                              bool required, const char *what)
{
    gp_text t;
    if (!gp_ld_text(L, map, key, path, required, what, &t))
        return NULL;
    return gp_ymap_get(map, key);
}

static bool version_ok(gp_loader *L, const gp_ynode *root, const char *key, const char *what)
{
    const gp_ynode *v = gp_ymap_get(root, key);
    double d;
    if (!v) {
        gp_ld_error(L, GP_ERR_REQUIRED, root, key, NULL, "%s starts with `%s: 1`", what, key);
        return false;
    }
    if (!gp_ynode_number(v, &d) || d != 1) {
        gp_ld_error(L, GP_ERR_VALUE, v, key, NULL, "`%s` must be 1, found %s", key,
                    gp_ynode_describe(L->arena, v));
        return false;
    }
    return true;
}

/* Vocabulary --------------------------------------------------------------- */

static size_t vocab_find(const gp_roles *r, const char *id)
{
    for (size_t i = 0; i < r->n_v; i++)
        if (r->v[i].id && !strcmp(r->v[i].id->str, id))
            return i;
    return (size_t)-1;
}

static const char *vocab_suggest(const gp_roles *r, const char *id)
{
    const char **ids = gp_arena_alloc(r->arena, (r->n_v + 1) * sizeof *ids);
    size_t n = 0;
    for (size_t i = 0; ids && i < r->n_v; i++)
        if (r->v[i].id)
            ids[n++] = r->v[i].id->str;
    return ids ? gp_suggest(id, ids, n) : NULL;
}

/* Depth-first search for cycles; state 0 new, 1 on the stack, 2 done.
 * Reports each cycle once, at the prerequisite that closes it. */
static void find_cycles(gp_roles *r, gp_loader *L, size_t i, int *state, size_t *stack,
                        size_t depth, size_t *order, size_t *n_order)
{
    state[i] = 1;
    stack[depth] = i;
    for (size_t k = 0; k < r->v[i].n_pre; k++) {
        size_t p = r->v[i].pre[k];
        if (state[p] == 1) {
            gp_buf b = {0};
            size_t from = depth;
            while (from > 0 && stack[from] != p)
                from--;
            for (size_t s = from; s <= depth; s++)
                gp_buf_printf(&b, "%s -> ", r->v[stack[s]].id->str);
            gp_buf_puts(&b, r->v[p].id->str);
            gp_ld_error(L, GP_ERR_VALUE, r->v[i].pre_nodes[k], NULL,
                        "a skill cannot come before itself: prerequisites go round in a cycle",
                        "prerequisite cycle: %s", b.data ? b.data : "?");
            gp_buf_free(&b);
        } else if (state[p] == 0) {
            find_cycles(r, L, p, state, stack, depth + 1, order, n_order);
        }
    }
    state[i] = 2;
    order[(*n_order)++] = i; /* post-order: prerequisites first */
}

static void load_vocab(gp_roles *r, gp_diags *diags)
{
    const gp_ynode *root = parse_file(r, r->skills_path, diags);
    if (!root)
        return;
    gp_loader L = {.arena = r->arena, .diags = diags, .file = root->file};
    if (!gp_ld_map(&L, root, NULL, "the skills vocabulary", "vocabulary: 1, skills: [...]"))
        return;
    static const char *const top[] = {"vocabulary", "skills"};
    gp_ld_keys(&L, root, NULL, "the skills vocabulary", top, 2);
    version_ok(&L, root, "vocabulary", "the skills vocabulary");
    const gp_ynode *list = gp_ld_list(&L, root, "skills", NULL, true, true, "the vocabulary");
    if (!list)
        return;
    r->v = gp_arena_alloc(r->arena, list->n_items * sizeof *r->v);
    if (!r->v)
        return;
    r->n_v = list->n_items;
    static const char *const keys[] = {"id",    "name",          "description",
                                       "build", "prerequisites", "months"};
    for (size_t i = 0; i < list->n_items; i++) {
        const gp_ynode *n = list->items[i];
        const char *path = gp_ld_index_path(&L, "skills", i);
        cp_vskill *s = &r->v[i];
        s->node = n;
        s->months = 1;
        if (!gp_ld_map(&L, n, path, "a skill", "id, name, description, build, ..."))
            continue;
        gp_ld_keys_as(&L, n, path, "a skill", "a vocabulary skill", keys, 6);
        s->id = scalar(&L, n, "id", path, true, "a skill");
        s->name = scalar(&L, n, "name", path, true, "a skill");
        s->desc = scalar(&L, n, "description", path, true, "a skill");
        s->build = scalar(&L, n, "build", path, true, "a skill");
        const gp_ynode *m = gp_ymap_get(n, "months");
        if (m && (!gp_ynode_number(m, &s->months) || s->months <= 0 || s->months > 60))
            gp_ld_error(&L, GP_ERR_VALUE, m, gp_ld_key_path(&L, path, "months"), NULL,
                        "`months` must be a number of months from 0 to 60, found %s",
                        gp_ynode_describe(r->arena, m));
        if (s->id)
            for (size_t k = 0; k < i; k++)
                if (r->v[k].id && !strcmp(r->v[k].id->str, s->id->str))
                    gp_ld_error(&L, GP_ERR_VALUE, s->id, gp_ld_key_path(&L, path, "id"), NULL,
                                "skill id `%s` is defined twice (first at line %d)", s->id->str,
                                r->v[k].id->line);
    }
    for (size_t i = 0; i < r->n_v; i++) {
        cp_vskill *s = &r->v[i];
        const gp_ynode *pre =
            s->node && s->node->kind == GP_Y_MAP
                ? gp_ld_list(&L, s->node, "prerequisites", gp_ld_index_path(&L, "skills", i), false,
                             false, "a skill")
                : NULL;
        if (!pre || !pre->n_items)
            continue;
        s->pre = gp_arena_alloc(r->arena, pre->n_items * sizeof *s->pre);
        s->pre_nodes = gp_arena_alloc(r->arena, pre->n_items * sizeof *s->pre_nodes);
        if (!s->pre || !s->pre_nodes)
            return;
        for (size_t k = 0; k < pre->n_items; k++) {
            const gp_ynode *p = pre->items[k];
            size_t at = p->kind == GP_Y_SCALAR ? vocab_find(r, p->str) : (size_t)-1;
            if (at == (size_t)-1) {
                const char *near = p->kind == GP_Y_SCALAR ? vocab_suggest(r, p->str) : NULL;
                gp_ld_error(&L, GP_ERR_VALUE, p, NULL,
                            near ? gp_arena_printf(r->arena, "did you mean `%s`?", near) : NULL,
                            "unknown prerequisite `%s`: no skill with this id in the vocabulary",
                            p->kind == GP_Y_SCALAR ? p->str : "?");
                continue;
            }
            s->pre_nodes[s->n_pre] = p;
            s->pre[s->n_pre++] = at;
        }
    }
    if (gp_diags_errors(diags))
        return;
    int *state = gp_arena_alloc(r->arena, r->n_v * sizeof *state);
    size_t *stack = gp_arena_alloc(r->arena, r->n_v * sizeof *stack);
    size_t *order = gp_arena_alloc(r->arena, r->n_v * sizeof *order);
    size_t n_order = 0;
    if (!state || !stack || !order)
        return;
    for (size_t i = 0; i < r->n_v; i++)
        if (!state[i])
            find_cycles(r, &L, i, state, stack, 0, order, &n_order);
    for (size_t k = 0; k < n_order; k++)
        r->v[order[k]].rank = k;
}

/* Profiles ----------------------------------------------------------------- */

static void load_skills(gp_roles *r, gp_loader *L, const gp_ynode *root, cp_role *role)
{
    const gp_ynode *list = gp_ld_list(L, root, "skills", NULL, true, true, "a role profile");
    if (!list)
        return;
    role->skills = gp_arena_alloc(r->arena, list->n_items * sizeof *role->skills);
    if (!role->skills)
        return;
    static const char *const keys[] = {"id", "level", "use", "build"};
    for (size_t i = 0; i < list->n_items; i++) {
        const gp_ynode *n = list->items[i];
        const char *path = gp_ld_index_path(L, "skills", i);
        if (!gp_ld_map(L, n, path, "a skill", "id, level, use, build"))
            continue;
        gp_ld_keys_as(L, n, path, "a skill", "a role's skill", keys, 4);
        const gp_ynode *id = scalar(L, n, "id", path, true, "a skill");
        const gp_ynode *level = scalar(L, n, "level", path, true, "a skill");
        const gp_ynode *use = scalar(L, n, "use", path, true, "a skill");
        const gp_ynode *build = scalar(L, n, "build", path, false, "a skill");
        int lv = 0;
        for (int k = 0; level && k < 3; k++)
            if (!strcmp(level->str, LEVELS[k]))
                lv = k + 1;
        if (level && !lv) {
            const char *near = gp_suggest(level->str, LEVELS, 3);
            gp_ld_error(L, GP_ERR_VALUE, level, gp_ld_key_path(L, path, "level"),
                        "how much the role relies on the skill: core, regular or occasional",
                        near ? "unknown level `%s`; did you mean `%s`?" : "unknown level `%s`",
                        level->str, near);
        }
        if (!id)
            continue;
        size_t v = vocab_find(r, id->str);
        if (v == (size_t)-1) {
            const char *near = vocab_suggest(r, id->str);
            const char *hint =
                near ? gp_arena_printf(r->arena,
                                       "did you mean `%s`? skill ids are "
                                       "defined in %s",
                                       near, r->skills_path)
                     : gp_arena_printf(r->arena, "skill ids are defined in %s", r->skills_path);
            gp_ld_error(L, GP_ERR_VALUE, id, gp_ld_key_path(L, path, "id"), hint,
                        "unknown skill id `%s`", id->str);
            continue;
        }
        if (cp_role_skill(role, v)) {
            gp_ld_error(L, GP_ERR_VALUE, id, gp_ld_key_path(L, path, "id"), NULL,
                        "skill `%s` is listed twice in this role", id->str);
            continue;
        }
        cp_rskill *s = &role->skills[role->n_skills++];
        s->node = n;
        s->use = use;
        s->build = build;
        s->v = v;
        s->level = lv ? lv : CP_LEVEL_REGULAR;
    }
}

static bool range_ok(gp_loader *L, const gp_ynode *n, const char *path)
{
    double a, b;
    bool ok = n && n->kind == GP_Y_SEQ && n->n_items == 2 && gp_ynode_number(n->items[0], &a);
    if (ok) {
        const gp_ynode *m = n->items[1];
        ok = gp_ynode_number(m, &b);
        if (!ok && m->kind == GP_Y_SCALAR && m->len > 1 && m->str[m->len - 1] == '+') {
            char *end;
            b = strtod(m->str, &end);
            ok = end == m->str + m->len - 1;
        }
        ok = ok && a >= 0 && b >= a;
    }
    if (!ok)
        gp_ld_error(L, GP_ERR_VALUE, n, path, "for example [32000, 45000] or [80000, 130000+]",
                    "a salary range must be [min, max] with min <= max, found %s",
                    gp_ynode_describe(L->arena, n));
    return ok;
}

static void load_salary(gp_roles *r, gp_loader *L, const gp_ynode *root, cp_role *role)
{
    const gp_ynode *list = gp_ld_list(L, root, "salary", NULL, true, true, "a role profile");
    role->salary = list;
    if (!list)
        return;
    role->markets = gp_arena_alloc(r->arena, list->n_items * sizeof *role->markets);
    if (!role->markets)
        return;
    static const char *const keys[] = {"market", "currency", "bands"};
    static const char *const bkeys[] = {"range", "source", "year", "estimate", "basis"};
    for (size_t i = 0; i < list->n_items; i++) {
        const gp_ynode *n = list->items[i];
        const char *path = gp_ld_index_path(L, "salary", i);
        if (!gp_ld_map(L, n, path, "a salary market", "market, currency, bands"))
            continue;
        gp_ld_keys_as(L, n, path, "a salary market", "a salary market", keys, 3);
        cp_market *m = &role->markets[role->n_markets];
        m->node = n;
        m->market = scalar(L, n, "market", path, true, "a salary market");
        m->currency = scalar(L, n, "currency", path, true, "a salary market");
        const char *bpath = gp_ld_key_path(L, path, "bands");
        const gp_ynode *bands = gp_ymap_get(n, "bands");
        if (!bands) {
            gp_ld_error(L, GP_ERR_REQUIRED, n, bpath, NULL,
                        "missing required key `bands` in a salary market (entry, mid, senior)");
            continue;
        }
        if (!gp_ld_map(L, bands, bpath, "`bands`", "entry, mid, senior"))
            continue;
        gp_ld_keys_as(L, bands, bpath, "the bands", "the bands", BANDS, CP_N_BANDS);
        bool ok = m->market != NULL;
        for (int b = 0; b < CP_N_BANDS; b++) {
            const char *p = gp_ld_key_path(L, bpath, BANDS[b]);
            const gp_ynode *bn = gp_ymap_get(bands, BANDS[b]);
            cp_band *band = &m->band[b];
            if (!bn) {
                gp_ld_error(L, GP_ERR_REQUIRED, bands, p, NULL,
                            "missing band `%s` (every market has entry, mid and senior)", BANDS[b]);
                ok = false;
                continue;
            }
            if (!gp_ld_map(L, bn, p, "a band", "range, source, year")) {
                ok = false;
                continue;
            }
            gp_ld_keys_as(L, bn, p, "a band", "a band", bkeys, 5);
            band->node = bn;
            band->range = gp_ymap_get(bn, "range");
            if (!band->range) {
                gp_ld_error(L, GP_ERR_REQUIRED, bn, gp_ld_key_path(L, p, "range"), NULL,
                            "missing required key `range` in a band");
                ok = false;
            } else if (!range_ok(L, band->range, gp_ld_key_path(L, p, "range"))) {
                ok = false;
            }
            band->source = scalar(L, bn, "source", p, true, "a band");
            band->year = scalar(L, bn, "year", p, true, "a band");
            double y;
            if (band->year && (!gp_ynode_number(band->year, &y) || y < 1990 || y > 2100))
                gp_ld_error(L, GP_ERR_VALUE, band->year, gp_ld_key_path(L, p, "year"), NULL,
                            "`year` must be the year the figure is for, found %s",
                            gp_ynode_describe(L->arena, band->year));
            if (gp_ymap_get(bn, "estimate"))
                gp_ld_bool(L, bn, "estimate", p, false, "a band", &band->estimate);
            band->basis = scalar(L, bn, "basis", p, band->estimate, "an estimated band");
            ok = ok && band->source && band->year;
        }
        if (ok)
            role->n_markets++;
    }
}

static void load_role(gp_roles *r, const char *path, const char *id, gp_diags *diags)
{
    const gp_ynode *root = parse_file(r, path, diags);
    if (!root)
        return;
    cp_role *role = &r->roles[r->n_roles];
    gp_loader L = {.arena = r->arena, .diags = diags, .file = root->file};
    if (!gp_ld_map(&L, root, NULL, "a role profile", "role: 1, title, skills, salary, ..."))
        return;
    static const char *const keys[] = {"role",   "title",          "aliases", "summary",
                                       "market", "language",       "skills",  "salary",
                                       "day",    "qualifications", "links"};
    gp_ld_keys(&L, root, NULL, "a role profile", keys, sizeof keys / sizeof *keys);
    version_ok(&L, root, "role", "a role profile");
    role->id = gp_arena_strdup(r->arena, id);
    role->path = root->file;
    role->root = root;
    role->title = scalar(&L, root, "title", NULL, true, "a role profile");
    role->summary = scalar(&L, root, "summary", NULL, true, "a role profile");
    role->market = scalar(&L, root, "market", NULL, true, "a role profile");
    role->lang = scalar(&L, root, "language", NULL, false, "a role profile");
    role->day = scalar(&L, root, "day", NULL, true, "a role profile");
    const gp_ynode *aliases = gp_ld_list(&L, root, "aliases", NULL, false, false, "a role profile");
    for (size_t i = 0; aliases && i < aliases->n_items; i++)
        if (aliases->items[i]->kind != GP_Y_SCALAR)
            gp_ld_error(&L, GP_ERR_TYPE, aliases->items[i], gp_ld_index_path(&L, "aliases", i),
                        NULL, "an alias must be text, found %s",
                        gp_ynode_describe(r->arena, aliases->items[i]));
    role->quals = gp_ld_list(&L, root, "qualifications", NULL, true, true, "a role profile");
    for (size_t i = 0; role->quals && i < role->quals->n_items; i++)
        if (role->quals->items[i]->kind != GP_Y_SCALAR)
            gp_ld_error(&L, GP_ERR_TYPE, role->quals->items[i],
                        gp_ld_index_path(&L, "qualifications", i), NULL,
                        "a qualification must be text, found %s",
                        gp_ynode_describe(r->arena, role->quals->items[i]));
    role->links = gp_ld_list(&L, root, "links", NULL, false, false, "a role profile");
    static const char *const lkeys[] = {"text", "url"};
    for (size_t i = 0; role->links && i < role->links->n_items; i++) {
        const gp_ynode *n = role->links->items[i];
        const char *p = gp_ld_index_path(&L, "links", i);
        if (!gp_ld_map(&L, n, p, "a link", "text, url"))
            continue;
        gp_ld_keys_as(&L, n, p, "a link", "a link", lkeys, 2);
        scalar(&L, n, "text", p, true, "a link");
        const gp_ynode *u = scalar(&L, n, "url", p, true, "a link");
        if (u && strncmp(u->str, "https://", 8) && strncmp(u->str, "http://", 7))
            gp_ld_error(&L, GP_ERR_VALUE, u, gp_ld_key_path(&L, p, "url"), NULL,
                        "a link must start with https:// or http://, found \"%s\"", u->str);
    }
    load_skills(r, &L, root, role);
    load_salary(r, &L, root, role);
    if (role->market && role->n_markets) {
        bool found = false;
        for (size_t i = 0; i < role->n_markets; i++)
            found |= !strcmp(role->markets[i].market->str, role->market->str);
        if (!found)
            gp_ld_error(&L, GP_ERR_VALUE, role->market, "market", NULL,
                        "the role's market `%s` has no salary bands in `salary`",
                        role->market->str);
    }
    r->n_roles++;
}

/* Public API --------------------------------------------------------------- */

/* A role profile's file: ID.yaml, not hidden. */
static bool is_profile(const char *name)
{
    size_t l = strlen(name);
    return name[0] != '.' && l >= 6 && !strcmp(name + l - 5, ".yaml");
}

gp_roles *gp_roles_create(const gp_roles_options *opt, gp_diags *diags)
{
    if (!opt || !opt->roles_dir) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "no roles folder given");
        return NULL;
    }
    gp_roles *r = gp_calloc(1, sizeof *r);
    gp_arena *arena = r ? gp_arena_new() : NULL;
    if (!arena) {
        gp_free(r);
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    r->arena = arena;
    if (opt->limits)
        r->lim = *opt->limits;
    else
        gp_limits_default(&r->lim);
    char *dir = gp_strdup(opt->roles_dir);
    for (size_t l = dir ? strlen(dir) : 0; l > 1 && dir[l - 1] == '/'; l--)
        dir[l - 1] = '\0';
    char *parent = dir ? gp_path_dirname(dir) : NULL; /* "data/roles" -> "data" */
    gp_free(dir);
    char *skills =
        opt->skills_path ? gp_strdup(opt->skills_path) : gp_path_join(parent, "skills.yaml");
    char *trans = opt->transitions_dir ? gp_strdup(opt->transitions_dir)
                                       : gp_path_join(parent, "transitions");
    r->skills_path = gp_arena_strdup(arena, skills);
    r->transitions_dir = gp_arena_strdup(arena, trans);
    gp_free(parent);
    gp_free(skills);
    gp_free(trans);

    size_t before = gp_diags_errors(diags);
    load_vocab(r, diags);
    if (gp_diags_errors(diags) > before) { /* profiles need a sound vocabulary */
        gp_roles_free(r);
        return NULL;
    }

    size_t n;
    char **names = gp_dir_names(opt->roles_dir, is_profile, &n);
    if (!names) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, opt->roles_dir, 0, 0, NULL, NULL,
                     "cannot open the roles folder: %s", strerror(errno));
        gp_roles_free(r);
        return NULL;
    }
    r->roles = gp_arena_alloc(arena, (n ? n : 1) * sizeof *r->roles);
    for (size_t i = 0; i < n; i++) {
        char *path = gp_path_join(opt->roles_dir, names[i]);
        names[i][strlen(names[i]) - 5] = '\0'; /* the id: the name without .yaml */
        if (path && r->roles)
            load_role(r, path, names[i], diags);
        gp_free(path);
        gp_free(names[i]);
    }
    gp_free(names);
    if (!n)
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, opt->roles_dir, 0, 0, NULL, NULL,
                     "no role profiles (*.yaml) in this folder");
    if (gp_diags_errors(diags) > before) {
        gp_roles_free(r);
        return NULL;
    }
    return r;
}

void gp_roles_free(gp_roles *r)
{
    if (!r)
        return;
    gp_arena_free(r->arena);
    gp_free(r);
}

size_t gp_roles_count(const gp_roles *r)
{
    return r ? r->n_roles : 0;
}

const char *gp_roles_id(const gp_roles *r, size_t i)
{
    return r && i < r->n_roles ? r->roles[i].id : NULL;
}

const cp_role *cp_role_find(const gp_roles *r, const char *id)
{
    for (size_t i = 0; r && id && i < r->n_roles; i++)
        if (!strcmp(r->roles[i].id, id))
            return &r->roles[i];
    return NULL;
}

const cp_rskill *cp_role_skill(const cp_role *role, size_t v)
{
    for (size_t i = 0; i < role->n_skills; i++)
        if (role->skills[i].v == v)
            return &role->skills[i];
    return NULL;
}

const char *gp_roles_title(const gp_roles *r, const char *id)
{
    const cp_role *role = cp_role_find(r, id);
    return role && role->title ? role->title->str : NULL;
}

const char *gp_roles_path(const gp_roles *r, const char *id)
{
    const cp_role *role = cp_role_find(r, id);
    return role ? role->path : NULL;
}
