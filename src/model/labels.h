/* model/labels.h - the `labels:` and `digits:` keys a guide and a style
 * share (see docs/translating.md). */
#ifndef GP_MODEL_LABELS_H
#define GP_MODEL_LABELS_H

#include <guidepress/guide.h>

#include "base/arena.h"
#include "model/ytree.h"

/* Reads a `labels:` mapping (message id -> text) into *out and *n, reporting
 * an unknown id (with the nearest known one), a non-text value and a value
 * whose %s conversions do not match its id's. path names the key
 * ("labels"). Returns the number of errors added. */
size_t gp_labels_load(gp_arena *a, gp_diags *diags, const gp_ynode *map, const char *path,
                      gp_label_override **out, size_t *n);

/* Reads `digits: latin | native`; returns the number of errors added. */
size_t gp_digits_load(gp_arena *a, gp_diags *diags, const gp_ynode *v, const char *path,
                      gp_digits *out);

#endif
