/* tests/fuzz/fuzz_ytree.c - fuzz target: the YAML tree (libyaml events ->
 * nodes with positions, limits enforced while parsing).
 *
 * Parses with the default limits, then walks the tree (aliases make it a
 * DAG, so the walk has a budget) checking what ytree.h promises: positions
 * are 1-based, scalars are NUL-terminated at len, mapping keys are scalars,
 * subtree counts add up; and runs every helper on every node. Small limits
 * are tried too when the first byte says so, so the limit paths get
 * exercised on short inputs. */
#include <string.h>

#include "fuzz.h"
#include "model/ytree.h"

static size_t walk(gp_arena *a, const gp_ynode *n, int depth, size_t *budget)
{
    FUZZ_ASSERT(n != NULL);
    FUZZ_ASSERT(depth <= 200);
    if (*budget == 0)
        return 1;
    (*budget)--;
    FUZZ_ASSERT(n->line >= 1 && n->col >= 1);
    FUZZ_ASSERT(n->subtree >= 1);
    (void)gp_ynode_describe(a, n);
    (void)gp_ynode_is_null(n);
    bool b;
    double v;
    (void)gp_ynode_bool(n, &b);
    (void)gp_ynode_number(n, &v);
    size_t count = 1;
    switch (n->kind) {
    case GP_Y_SCALAR:
        FUZZ_ASSERT(n->str != NULL && n->str[n->len] == '\0');
        FUZZ_ASSERT(gp_ymap_get(n, "x") == NULL);
        break;
    case GP_Y_SEQ:
        for (size_t i = 0; i < n->n_items; i++)
            count += walk(a, n->items[i], depth + 1, budget);
        break;
    case GP_Y_MAP:
        for (size_t i = 0; i < n->n_pairs; i++) {
            FUZZ_ASSERT(n->pairs[i].key && n->pairs[i].key->kind == GP_Y_SCALAR);
            FUZZ_ASSERT(gp_ymap_get(n, n->pairs[i].key->str) != NULL);
            count += walk(a, n->pairs[i].key, depth + 1, budget);
            count += walk(a, n->pairs[i].value, depth + 1, budget);
        }
        break;
    default: FUZZ_ASSERT(!"unknown node kind");
    }
    return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gp_limits lim;
    gp_limits_default(&lim);
    if (size > 0 && data[0] == '#') {
        /* A comment first: use tiny limits so that they trigger. */
        lim.max_depth = 4;
        lim.max_nodes = 50;
        lim.max_alias_expansion = 20;
        lim.max_string_bytes = 16;
        lim.max_file_bytes = 512;
    }
    gp_arena *a = gp_arena_new();
    gp_diags *d = gp_diags_new();
    if (a && d) {
        gp_ynode *root = gp_yaml_parse(a, (const char *)data, size, "fuzz.yaml", &lim, d);
        if (root) {
            fuzz_check_diags(d, 1);
            size_t budget = 100000;
            walk(a, root, 0, &budget);
        } else {
            fuzz_check_diags(d, 0);
        }
    }
    gp_diags_free(d);
    gp_arena_free(a);
    return 0;
}
