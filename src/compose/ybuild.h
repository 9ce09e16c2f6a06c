/* compose/ybuild.h - building YAML trees in memory (private; see ybuild.c). */
#ifndef GP_COMPOSE_YBUILD_H
#define GP_COMPOSE_YBUILD_H

#include <stdbool.h>

#include "base/arena.h"
#include "model/ytree.h"

#define CP_YB_FILES 16

typedef struct cp_yb {
    gp_arena *arena; /* the composed guide's */
    bool failed;     /* sticky: memory ran out */
    struct {
        const char *src, *copy;
    } files[CP_YB_FILES]; /* file names copied into the arena */
    size_t n_files;
} cp_yb;

/* The arena's copy of a file name (one per file). */
const char *cp_yb_file(cp_yb *b, const char *file);

/* Text (quoted when written) and plain scalars (numbers, true/false,
 * keys), at the position of at (none when at is NULL). */
gp_ynode *cp_yb_str(cp_yb *b, const char *s, const gp_ynode *at);
gp_ynode *cp_yb_plain(cp_yb *b, const char *s, const gp_ynode *at);

/* A deep copy of src, positions included. */
gp_ynode *cp_yb_copy(cp_yb *b, const gp_ynode *src);

gp_ynode *cp_yb_map(cp_yb *b, const gp_ynode *at);
gp_ynode *cp_yb_seq(cp_yb *b, const gp_ynode *at);
/* Appends key: value (a NULL value marks the builder failed). */
void cp_yb_put(cp_yb *b, gp_ynode *map, const char *key, gp_ynode *value);
/* Appends k: value with a key node of its own (a copied key keeps its
 * position). */
void cp_yb_put_pair(cp_yb *b, gp_ynode *map, gp_ynode *k, gp_ynode *value);
void cp_yb_push(cp_yb *b, gp_ynode *seq, gp_ynode *item);

#endif
