/* batch/matrix.c - `guidepress batch --matrix data/roles`: one guide per
 * ordered pair of role profiles, composed in the worker.
 *
 * A careers service with N roles wants all N * (N - 1) guides, or the
 * pairs that --from and --to globs keep, rendered by the same workers,
 * report and --resume as any batch. The plan (in plan.c) holds one job
 * per pair naming the two profiles; each worker loads the roles folder
 * once, on its first matrix job, and composes every later pair from that
 * copy (src/compose/), so a worker never re-reads sixty profiles per
 * document. */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <guidepress/compose.h>

#include "base/alloc.h"
#include "batch/batch_int.h"

static gp_roles *g_roles;       /* the worker's copy (each worker is a process) */
static gp_diags *g_roles_diags; /* why it could not be loaded */

gp_roles *gp_batch_matrix_load(const char *dir, gp_diags *d)
{
    gp_roles_options ro = {0};
    ro.roles_dir = dir;
    return gp_roles_create(&ro, d);
}

bool gp_batch_matrix_keep(const char *glob, const char *id)
{
    return !glob || fnmatch(glob, id, 0) == 0;
}

gp_guide *gp_batch_matrix_compose(const gp_batch *b, const gp_bjob *j, gp_diags *d)
{
    if (!g_roles && !g_roles_diags) {
        g_roles_diags = gp_diags_new();
        gp_roles_options ro = {0};
        ro.roles_dir = b->opt.roles_dir;
        g_roles = g_roles_diags ? gp_roles_create(&ro, g_roles_diags) : NULL;
    }
    if (!g_roles) {
        if (g_roles_diags)
            gp_diags_append(d, g_roles_diags);
        return NULL;
    }
    return gp_compose_guide(g_roles, j->role_from, j->role_to, b->opt.market, d);
}

void gp_batch_matrix_done(void)
{
    gp_roles_free(g_roles);
    gp_diags_free(g_roles_diags);
    g_roles = NULL;
    g_roles_diags = NULL;
}

static bool newer_or_same(const struct stat *out, const char *input)
{
    struct stat st;
    if (!input || stat(input, &st) != 0)
        return true; /* absent (no pair file): nothing to compare */
    return out->st_mtim.tv_sec > st.st_mtim.tv_sec ||
           (out->st_mtim.tv_sec == st.st_mtim.tv_sec && out->st_mtim.tv_nsec >= st.st_mtim.tv_nsec);
}

bool gp_batch_matrix_fresh(const gp_batch *b, const gp_bjob *j, const struct stat *out)
{
    if (!j->role_to)
        return true;
    char path[4096];
    bool fresh = newer_or_same(out, j->role_to_path);
    snprintf(path, sizeof path, "%s/../skills.yaml", b->opt.roles_dir);
    fresh = fresh && newer_or_same(out, path);
    snprintf(path, sizeof path, "%s/../transitions/%s--%s.yaml", b->opt.roles_dir, j->role_from,
             j->role_to);
    return fresh && newer_or_same(out, path);
}
