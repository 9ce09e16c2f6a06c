/* compose/compose_int.h - what the parts of composition share (private).
 *
 * roles.c loads the skills vocabulary and the role profiles into the
 * structs below, keeping the YAML nodes (with their file, line and column)
 * of every fact; compose.c builds a guide's YAML tree from two profiles and
 * an optional pair file, copying those nodes so their positions survive;
 * emit.c writes such a tree with libyaml's emitter. */
#ifndef GP_COMPOSE_INT_H
#define GP_COMPOSE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/compose.h>

#include "base/arena.h"
#include "model/ytree.h"

/* How much a role relies on a skill. */
enum { CP_LEVEL_OCCASIONAL = 1, CP_LEVEL_REGULAR = 2, CP_LEVEL_CORE = 3 };

/* Salary bands, in this order in every profile. */
enum { CP_BAND_ENTRY = 0, CP_BAND_MID, CP_BAND_SENIOR, CP_N_BANDS };

typedef struct cp_vskill {
    const gp_ynode *node; /* the vocabulary entry */
    const gp_ynode *id, *name, *desc, *build;
    double months; /* typical months of part-time study to a working level */
    size_t *pre;   /* prerequisites, as vocabulary indices */
    const gp_ynode **pre_nodes;
    size_t n_pre;
    size_t rank; /* position in a topological order (prerequisites first) */
} cp_vskill;

typedef struct cp_rskill {
    const gp_ynode *node, *use, *build;
    size_t v; /* vocabulary index */
    int level;
} cp_rskill;

typedef struct cp_band {
    const gp_ynode *node, *range, *source, *year, *basis;
    bool estimate;
} cp_band;

typedef struct cp_market {
    const gp_ynode *node, *market, *currency;
    cp_band band[CP_N_BANDS];
} cp_market;

typedef struct cp_role {
    const char *id;   /* file name without .yaml */
    const char *path; /* as opened */
    const gp_ynode *root, *title, *summary, *market, *lang, *day, *quals, *links;
    const gp_ynode *salary; /* the salary list, for "market missing" errors */
    cp_rskill *skills;
    size_t n_skills;
    cp_market *markets;
    size_t n_markets;
} cp_role;

struct gp_roles {
    gp_arena *arena;
    gp_limits lim;
    const char *skills_path;
    const char *transitions_dir;
    cp_vskill *v;
    size_t n_v;
    cp_role *roles; /* sorted by id */
    size_t n_roles;
};

const cp_role *cp_role_find(const gp_roles *r, const char *id);
const cp_rskill *cp_role_skill(const cp_role *role, size_t v);

/* emit.c: writes root as one YAML document (after the comment lines in
 * header, each starting "# ") into *out (malloc'ed). Returns 0 or -1. */
int cp_emit_yaml(const gp_ynode *root, const char *header, char **out, size_t *out_len);

#endif
