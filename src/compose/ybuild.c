/* compose/ybuild.c - builds YAML trees in memory for a composed guide.
 *
 * A composed guide is an ordinary YAML tree, the same the guide loader
 * gets from a file, so composing in memory and loading a written guide go
 * through one validator. Facts are deep-copied from the role files with
 * their file, line and column; composed sentences take the position of the
 * fact they are made from. Allocation failure is sticky in the builder. */
#include <string.h>

#include "compose/ybuild.h"

static void *alloc(cp_yb *b, size_t n)
{
    void *p = b->failed ? NULL : gp_arena_alloc(b->arena, n);
    if (!p)
        b->failed = true;
    return p;
}

const char *cp_yb_file(cp_yb *b, const char *file)
{
    if (!file)
        return NULL;
    for (size_t i = 0; i < b->n_files; i++)
        if (b->files[i].src == file || !strcmp(b->files[i].src, file))
            return b->files[i].copy;
    char *copy = gp_arena_strdup(b->arena, file);
    if (!copy) {
        b->failed = true;
        return NULL;
    }
    if (b->n_files < CP_YB_FILES) {
        b->files[b->n_files].src = copy;
        b->files[b->n_files++].copy = copy;
    }
    return copy;
}

static gp_ynode *node(cp_yb *b, gp_ykind kind, const gp_ynode *at)
{
    gp_ynode *n = alloc(b, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->subtree = 1;
    if (at) {
        n->line = at->line;
        n->col = at->col;
        n->file = cp_yb_file(b, at->file);
    }
    return n;
}

gp_ynode *cp_yb_str(cp_yb *b, const char *s, const gp_ynode *at)
{
    gp_ynode *n = node(b, GP_Y_SCALAR, at);
    if (!n)
        return NULL;
    n->str = gp_arena_strdup(b->arena, s ? s : "");
    if (!n->str) {
        b->failed = true;
        return NULL;
    }
    n->len = strlen(n->str);
    return n;
}

gp_ynode *cp_yb_plain(cp_yb *b, const char *s, const gp_ynode *at)
{
    gp_ynode *n = cp_yb_str(b, s, at);
    if (n)
        n->plain = true;
    return n;
}

gp_ynode *cp_yb_copy(cp_yb *b, const gp_ynode *src)
{
    if (!src)
        return NULL;
    gp_ynode *n = node(b, src->kind, src);
    if (!n)
        return NULL;
    n->plain = src->plain;
    n->subtree = src->subtree;
    if (src->kind == GP_Y_SCALAR) {
        n->str = gp_arena_strndup(b->arena, src->str, src->len);
        n->len = src->len;
        if (!n->str)
            b->failed = true;
    } else if (src->kind == GP_Y_SEQ) {
        n->items = src->n_items ? alloc(b, src->n_items * sizeof *n->items) : NULL;
        for (size_t i = 0; n->items && i < src->n_items; i++)
            n->items[n->n_items++] = cp_yb_copy(b, src->items[i]);
    } else {
        n->pairs = src->n_pairs ? alloc(b, src->n_pairs * sizeof *n->pairs) : NULL;
        for (size_t i = 0; n->pairs && i < src->n_pairs; i++) {
            n->pairs[i].key = cp_yb_copy(b, src->pairs[i].key);
            n->pairs[i].value = cp_yb_copy(b, src->pairs[i].value);
            n->n_pairs++;
        }
    }
    return n;
}

gp_ynode *cp_yb_map(cp_yb *b, const gp_ynode *at)
{
    return node(b, GP_Y_MAP, at);
}

gp_ynode *cp_yb_seq(cp_yb *b, const gp_ynode *at)
{
    return node(b, GP_Y_SEQ, at);
}

void cp_yb_put(cp_yb *b, gp_ynode *map, const char *key, gp_ynode *value)
{
    cp_yb_put_pair(b, map, value ? cp_yb_plain(b, key, value) : NULL, value);
}

void cp_yb_put_pair(cp_yb *b, gp_ynode *map, gp_ynode *k, gp_ynode *value)
{
    if (!map || !value || !k) {
        if (map)
            b->failed = true;
        return;
    }
    gp_ypair *np = alloc(b, (map->n_pairs + 1) * sizeof *np);
    if (!np)
        return;
    if (map->n_pairs)
        memcpy(np, map->pairs, map->n_pairs * sizeof *np);
    np[map->n_pairs].key = k;
    np[map->n_pairs].value = value;
    map->pairs = np;
    map->n_pairs++;
    map->subtree += value->subtree + 1;
}

void cp_yb_push(cp_yb *b, gp_ynode *seq, gp_ynode *item)
{
    if (!seq || !item) {
        if (seq && !item)
            b->failed = true;
        return;
    }
    gp_ynode **ni = alloc(b, (seq->n_items + 1) * sizeof *ni);
    if (!ni)
        return;
    if (seq->n_items)
        memcpy(ni, seq->items, seq->n_items * sizeof *ni);
    ni[seq->n_items++] = item;
    seq->items = ni;
    seq->subtree += item->subtree;
}
