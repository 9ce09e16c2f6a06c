/* model/guide_load.h - shared helpers of the guide loader (private).
 *
 * Loading a guide is split in two files: guide_load.c (the top level,
 * defaults, derived stats, --set) and guide_sections.c (one validator per
 * section type). Both report through these helpers so that every message
 * has the same shape: position of the offending node (or of the mapping a
 * key is missing from), the field path, what was expected and what was
 * found. Validation never stops at the first error. */
#ifndef GP_MODEL_GUIDE_LOAD_H
#define GP_MODEL_GUIDE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/guide.h>

#include "base/arena.h"
#include "model/guide_struct.h"
#include "model/ytree.h"

typedef struct gp_loader {
    gp_arena *arena; /* the guide's arena (the YAML tree lives there too) */
    gp_diags *diags;
    const char *file;
    /* Paths of required keys that an unknown key nearby is probably a typo
     * of (`titel:` for `title:`): their "missing" error is dropped, so the
     * typo gives one error at its own line. */
    const char **typo_paths;
    size_t n_typo, cap_typo;
} gp_loader;

/* Adds an error at node at (or without position when at is NULL). */
void gp_ld_error(gp_loader *L, gp_code code, const gp_ynode *at, const char *path, const char *hint,
                 const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* "parent.key" (or "key" when parent is NULL/empty) and "parent[i]";
 * arena-allocated, NULL only when memory runs out. */
const char *gp_ld_key_path(gp_loader *L, const char *parent, const char *key);
const char *gp_ld_index_path(gp_loader *L, const char *parent, size_t i);

gp_pos gp_ld_pos(const gp_ynode *n);

/* True when n is a mapping; otherwise reports "<what> must be a mapping
 * (expect), found ..." and returns false. */
bool gp_ld_map(gp_loader *L, const gp_ynode *n, const char *path, const char *what,
               const char *expect);

/* Reports every key of map not in keys[0..n) as GP_ERR_UNKNOWN_KEY
 * "unknown key `k` in <what>; did you mean `x`?", with the allowed keys in
 * the hint. */
void gp_ld_keys(gp_loader *L, const gp_ynode *map, const char *path, const char *what,
                const char *const *keys, size_t n);

/* Same, naming the owner as noun in the hint ("the keys of a prose
 * section are: ..."). */
void gp_ld_keys_as(gp_loader *L, const gp_ynode *map, const char *path, const char *what,
                   const char *noun, const char *const *keys, size_t n);

/* Reads map[key] as text. Absent or null: out->s = NULL, and an error when
 * required. A list or mapping is a type error; a required empty string is
 * a value error. Returns true when a value was stored. */
bool gp_ld_text(gp_loader *L, const gp_ynode *map, const char *key, const char *path, bool required,
                const char *what, gp_text *out);

/* Same for rich text (parsed with gp_rich_parse). */
bool gp_ld_rich(gp_loader *L, const gp_ynode *map, const char *key, const char *path, bool required,
                const char *what, gp_rich *out);

/* Reads map[key] as a boolean (plain true/false). */
bool gp_ld_bool(gp_loader *L, const gp_ynode *map, const char *key, const char *path, bool required,
                const char *what, bool *out);

/* Returns map[key] when it is a list (non-empty when nonempty is set),
 * NULL otherwise (with an error when required, or when present but of the
 * wrong type). */
const gp_ynode *gp_ld_list(gp_loader *L, const gp_ynode *map, const char *key, const char *path,
                           bool required, bool nonempty, const char *what);

/* Validates one section mapping into *out (guide_sections.c). from and to
 * are the guide's roles (for the skills labels), either may be NULL. */
void gp_ld_section(gp_loader *L, const gp_ynode *n, const char *path, const char *from,
                   const char *to, gp_section *out);

/* Validates a YAML tree built in memory (src/compose/ composes one from
 * role profiles) into a guide that owns arena, whatever happens: on error
 * the arena is freed and NULL returned. The nodes keep the file, line and
 * column they came from, so errors point at the role files; name is the
 * guide's path (diagnostics of nodes without a file use it). */
gp_guide *gp_guide_load_tree(gp_arena *arena, const gp_ynode *root, const char *name,
                             gp_diags *diags);

/* "As a Data Engineer" / "As an Accountant". */
const char *gp_ld_as_label(gp_loader *L, const char *role);

/* What a gp_guide holds besides its fields (model/guide_clone.c makes one). */
struct gp_guide_private {
    gp_arena *arena;
};

/* The arena a loaded guide's strings and arrays live in (render-time
 * overrides, guide_override.c, add to it). */
gp_arena *gp_guide_arena(gp_guide *g);

/* The JSON Schema of guide files, written from the loader's own key tables
 * (model/guide_sections.c; the top-level keys from guide_load.c). */
struct gp_buf;
bool gp_guide_json_schema(struct gp_buf *out);
const char *const *gp_ld_top_keys(size_t *n);

#endif
