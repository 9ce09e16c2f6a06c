/* model/labels.c - `labels:` and `digits:`, shared by the guide and the
 * style loaders. A label override is keyed by the catalogue's message id
 * (po/guidepress.pot), so the ids a translator sees are the ids a brand
 * overrides, and a typo in one is an error with the nearest id suggested,
 * never a label silently left alone. */
#include "model/labels.h"

#include <string.h>

#include "base/i18n.h"
#include "base/util.h"

size_t gp_labels_load(gp_arena *a, gp_diags *diags, const gp_ynode *map, const char *path,
                      gp_label_override **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (!map || gp_ynode_is_null(map))
        return 0;
    if (map->kind != GP_Y_MAP) {
        gp_diags_add(diags, GP_ERR_TYPE, GP_SEV_ERROR, map->file, map->line, map->col, path,
                     "e.g. labels: {\"Transfers directly\": \"Carries over\"}",
                     "`labels` must be a mapping from a message id to its text, found %s",
                     gp_ynode_describe(a, map));
        return 1;
    }
    size_t errors = 0;
    gp_label_override *o = gp_arena_alloc(a, (map->n_pairs + 1) * sizeof *o);
    if (!o) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, map->file, map->line, map->col, path, NULL,
                     "out of memory");
        return 1;
    }
    for (size_t i = 0; i < map->n_pairs; i++) {
        const gp_ynode *k = map->pairs[i].key, *v = map->pairs[i].value;
        const char *kp = gp_arena_printf(a, "%s.\"%s\"", path, k->str);
        if (gp_i18n_msgid_index(k->str) < 0) {
            const char *near = gp_suggest(k->str, gp_i18n_msgids, gp_i18n_msgid_count());
            gp_diags_add(diags, GP_ERR_UNKNOWN_KEY, GP_SEV_ERROR, k->file, k->line, k->col, kp,
                         "the keys are the message ids in po/guidepress.pot",
                         "unknown label `%s`%s%s%s", k->str, near ? "; did you mean `" : "",
                         near ? near : "", near ? "`?" : "");
            errors++;
            continue;
        }
        if (!v || v->kind != GP_Y_SCALAR || gp_ynode_is_null(v)) {
            gp_diags_add(diags, GP_ERR_TYPE, GP_SEV_ERROR, v ? v->file : k->file,
                         v ? v->line : k->line, v ? v->col : k->col, kp, NULL,
                         "label `%s` must be text, found %s", k->str, gp_ynode_describe(a, v));
            errors++;
            continue;
        }
        const char *why = gp_i18n_check_override(k->str, v->str);
        if (why) {
            gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, v->file, v->line, v->col, kp, NULL,
                         "label `%s`: \"%s\": %s", k->str, v->str, why);
            errors++;
            continue;
        }
        o[*n].msgid = gp_arena_strdup(a, k->str);
        o[*n].value.s = gp_arena_strdup(a, v->str);
        o[*n].value.pos = (gp_pos){v->file, v->line, v->col};
        (*n)++;
    }
    *out = o;
    return errors;
}

size_t gp_digits_load(gp_arena *a, gp_diags *diags, const gp_ynode *v, const char *path,
                      gp_digits *out)
{
    if (!v || gp_ynode_is_null(v))
        return 0;
    if (v->kind == GP_Y_SCALAR && !strcmp(v->str, "latin")) {
        *out = GP_DIGITS_LATIN;
        return 0;
    }
    if (v->kind == GP_Y_SCALAR && !strcmp(v->str, "native")) {
        *out = GP_DIGITS_NATIVE;
        return 0;
    }
    gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, v->file, v->line, v->col, path,
                 "native: the language's own digits (Arabic-Indic for ar, Extended "
                 "Arabic-Indic for ur); latin: 0-9",
                 "`digits` must be `latin` or `native`, found %s", gp_ynode_describe(a, v));
    return 1;
}
