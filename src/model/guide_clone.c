/* model/guide_clone.c - a guide's mutable copy for one render.
 *
 * The copy owns new copies of every struct and array of the model, so
 * what a render writes (a --set value into a top-level field, the dated
 * plan's label into a step, ticked items compacted in place, a note
 * appended to the sections) stays in it. The strings are shared with the
 * template: nothing in the pipeline writes into a model string (layout,
 * plan and overrides take new strings from the copy's arena instead), and
 * sharing them is what makes a clone cheap. */
#include "model/guide_clone.h"

#include <string.h>

#include "base/arena.h"
#include "model/guide_load.h"

typedef struct cloner {
    gp_arena *a;
    bool failed;
} cloner;

/* A copy of n elements of size sz at p; NULL stays NULL (and a non-NULL
 * pointer to no elements stays non-NULL, as the loader made it). */
static void *dup_array(cloner *c, const void *p, size_t n, size_t sz)
{
    if (!p)
        return NULL;
    void *q = gp_arena_alloc_uncleared(c->a, n ? n * sz : 1);
    if (!q) {
        c->failed = true;
        return NULL;
    }
    if (n)
        memcpy(q, p, n * sz);
    return q;
}

#define DUP(c, field, n) ((field) = dup_array((c), (field), (n), sizeof *(field)))

static void clone_rich(cloner *c, gp_rich *r)
{
    DUP(c, r->paras, r->n_paras);
    for (size_t i = 0; r->paras && i < r->n_paras; i++)
        DUP(c, r->paras[i].runs, r->paras[i].n_runs);
}

static void clone_section(cloner *c, gp_section *s)
{
    clone_rich(c, &s->intro);
    clone_rich(c, &s->body);
    clone_rich(c, &s->note);
    clone_rich(c, &s->left.body);
    clone_rich(c, &s->right.body);
    DUP(c, s->skills, s->n_skills);
    for (size_t i = 0; s->skills && i < s->n_skills; i++) {
        clone_rich(c, &s->skills[i].from);
        clone_rich(c, &s->skills[i].to);
    }
    DUP(c, s->gaps, s->n_gaps);
    for (size_t i = 0; s->gaps && i < s->n_gaps; i++) {
        clone_rich(c, &s->gaps[i].why);
        clone_rich(c, &s->gaps[i].how);
    }
    DUP(c, s->steps, s->n_steps);
    for (size_t i = 0; s->steps && i < s->n_steps; i++)
        clone_rich(c, &s->steps[i].detail);
    DUP(c, s->bands, s->n_bands);
    DUP(c, s->roles, s->n_roles);
    for (size_t i = 0; s->roles && i < s->n_roles; i++)
        DUP(c, s->roles[i].ranges, s->roles[i].n_ranges);
    DUP(c, s->items, s->n_items);
    for (size_t i = 0; s->items && i < s->n_items; i++)
        clone_rich(c, &s->items[i]);
    DUP(c, s->faqs, s->n_faqs);
    for (size_t i = 0; s->faqs && i < s->n_faqs; i++)
        clone_rich(c, &s->faqs[i].a);
}

gp_guide *gp_guide_clone(const gp_guide *g)
{
    if (!g)
        return NULL;
    cloner c = {gp_arena_new(), false};
    gp_guide *n = c.a ? gp_arena_alloc(c.a, sizeof *n) : NULL;
    struct gp_guide_private *priv = n ? gp_arena_alloc(c.a, sizeof *priv) : NULL;
    if (!priv) {
        gp_arena_free(c.a);
        return NULL;
    }
    *n = *g;
    priv->arena = c.a;
    n->priv = priv;
    clone_rich(&c, &n->summary);
    DUP(&c, n->stats, n->n_stats);
    DUP(&c, n->labels, n->n_labels);
    DUP(&c, n->sections, n->n_sections);
    for (size_t i = 0; n->sections && i < n->n_sections; i++)
        clone_section(&c, &n->sections[i]);
    if (c.failed) {
        gp_arena_free(c.a);
        return NULL;
    }
    return n;
}
