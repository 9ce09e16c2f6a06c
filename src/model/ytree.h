/* model/ytree.h - a YAML document as a tree of nodes with positions.
 *
 * Built from libyaml's event stream (never a hand-written parser). Every node
 * keeps the 1-based line and column of its start mark so validation done
 * later still points home. Limits (file size, nesting depth, total nodes,
 * alias expansion, scalar size, UTF-8 validity) are enforced while parsing,
 * so an alias bomb or 100,000 nested brackets fails fast with one
 * GP_ERR_LIMIT diagnostic. Aliases are resolved to the anchored node (shared,
 * not copied); each alias use counts the anchored subtree's size against
 * max_alias_expansion. Merge keys (`<<`) are rejected. Everything lives in
 * the arena passed in. */
#ifndef GP_MODEL_YTREE_H
#define GP_MODEL_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/error.h>
#include <guidepress/limits.h>

#include "base/arena.h"

typedef enum gp_ykind { GP_Y_SCALAR = 0, GP_Y_SEQ, GP_Y_MAP } gp_ykind;

typedef struct gp_ynode gp_ynode;

typedef struct gp_ypair {
    gp_ynode *key; /* a scalar (non-scalar keys are rejected) */
    gp_ynode *value;
} gp_ypair;

struct gp_ynode {
    gp_ykind kind;
    int line, col;    /* 1-based start mark */
    const char *file; /* shared file name */
    /* scalar */
    const char *str; /* NUL-terminated */
    size_t len;
    bool plain; /* unquoted plain scalar (so `true`, `12`, `~` are typed) */
    /* sequence */
    gp_ynode **items;
    size_t n_items;
    /* mapping */
    gp_ypair *pairs;
    size_t n_pairs;
    size_t subtree; /* nodes in this subtree, for alias accounting */
};

/* Parses one YAML document. Returns the root node (a document that is empty
 * or only comments returns NULL with a GP_ERR_SYNTAX "file is empty"
 * diagnostic), or NULL with the errors in diags. Duplicate mapping keys are
 * errors. A second document in the stream is an error. */
gp_ynode *gp_yaml_parse(gp_arena *arena, const char *data, size_t len, const char *file,
                        const gp_limits *lim, gp_diags *diags);

/* Reads the YAML file at path for gp_yaml_parse. A file over max_bytes is
 * an error at path:1:1 ("<what> is larger than the 4 MiB limit"), any other
 * failure "cannot read the <what>: <reason>" (with missing_code and
 * missing_hint when the file does not exist; GP_ERR_IO otherwise). Returns
 * 0 with *data (the caller gp_free()s it) and *len, or -1 after adding the
 * error to diags. */
int gp_yaml_read_file(const char *path, size_t max_bytes, const char *what, gp_code missing_code,
                      const char *missing_hint, gp_diags *diags, char **data, size_t *len);

/* "4 MiB", "256 KiB" or "100-byte": a size limit as the messages name it. */
void gp_size_words(char *out, size_t cap, size_t n);

/* Helpers ---------------------------------------------------------------- */

/* Value for key in a mapping, or NULL. */
gp_ynode *gp_ymap_get(const gp_ynode *map, const char *key);

/* True for a plain null scalar (`~`, `null`, empty). */
bool gp_ynode_is_null(const gp_ynode *n);

/* True for a plain `true`/`false` (also True/TRUE/False/FALSE); sets *out.
 * Quoted "true" is text, not a boolean. */
bool gp_ynode_bool(const gp_ynode *n, bool *out);

/* True for a plain decimal number (YAML 1.2 core: `12`, `-3.5`, `1e3`);
 * sets *out. Quoted "12" is text. */
bool gp_ynode_number(const gp_ynode *n, double *out);

/* "a mapping", "a list", "a number 32000", "the text \"abc\"" ... for
 * "expected X, found Y" messages; arena-allocated. */
const char *gp_ynode_describe(gp_arena *arena, const gp_ynode *n);

#endif
