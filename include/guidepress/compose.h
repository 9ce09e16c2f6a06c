/* guidepress/compose.h - guides composed from role profiles.
 *
 * A guide for one career change is mostly facts about two roles: their
 * skills, salary bands, a day in the job, qualifications. Role profiles
 * (data/roles/<id>.yaml) hold those facts once per role, over a shared
 * skills vocabulary (data/skills.yaml); an optional pair file
 * (data/transitions/<from>--<to>.yaml) holds the advice that belongs to
 * one pair. gp_compose_guide() builds an ordinary gp_guide from them in
 * memory, and gp_compose_yaml() writes the same guide as a guide file.
 * docs/roles.md documents the formats.
 *
 * Every composed value keeps the file, line and column of the fact it came
 * from, so an error in a composed guide points into the role file. */
#ifndef GUIDEPRESS_COMPOSE_H
#define GUIDEPRESS_COMPOSE_H

#include <stddef.h>

#include "error.h"
#include "guide.h"
#include "limits.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded set of roles: the vocabulary and every profile of a folder. */
typedef struct gp_roles gp_roles;

typedef struct gp_roles_options {
    const char *roles_dir;       /* folder of <id>.yaml profiles (required) */
    const char *skills_path;     /* NULL: <roles_dir>/../skills.yaml */
    const char *transitions_dir; /* NULL: <roles_dir>/../transitions */
    const gp_limits *limits;     /* NULL: defaults */
} gp_roles_options;

/* Loads and validates the vocabulary (unknown prerequisite, prerequisite
 * cycle) and every profile of the folder (unknown skill id, schema). Pair
 * files are read when a pair is composed. Returns a set the caller owns
 * (gp_roles_free), or NULL with every error found in diags. */
gp_roles *gp_roles_create(const gp_roles_options *opt, gp_diags *diags);
void gp_roles_free(gp_roles *r); /* NULL-safe */

/* The profiles' ids (file names without .yaml), sorted; i < count. */
size_t gp_roles_count(const gp_roles *r);
const char *gp_roles_id(const gp_roles *r, size_t i);
/* The profile's title ("Data Engineer"), or NULL for an unknown id. */
const char *gp_roles_title(const gp_roles *r, const char *id);
/* The profile's file, or NULL for an unknown id. */
const char *gp_roles_path(const gp_roles *r, const char *id);

/* Composes the guide for from -> to in market (NULL: the from-role's
 * market). Returns a guide the caller owns (gp_guide_free), or NULL with
 * errors: an unknown role id (with a suggestion), from equal to to, a
 * market missing from one role (at its salary list), a bad pair file. */
gp_guide *gp_compose_guide(const gp_roles *r, const char *from, const char *to, const char *market,
                           gp_diags *diags);

/* The same guide as a guide file (YAML written by libyaml's emitter) that
 * loads to the same guide. *out is malloc'ed (caller frees with free()).
 * Returns 0, or -1 with errors in diags. */
int gp_compose_yaml(const gp_roles *r, const char *from, const char *to, const char *market,
                    char **out, size_t *out_len, gp_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
