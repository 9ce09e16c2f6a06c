/* compose/compose.c - the guide for one pair of roles, composed from their
 * profiles and an optional pair file.
 *
 * The result is a guide's YAML tree, validated by the ordinary guide
 * loader (gp_guide_load_tree), so a composed guide and a written one are
 * the same thing to the layout. What comes from where:
 *
 * - transferable skills: the skills both profiles list; each card's halves
 *   are the from-role's and the to-role's `use`; direct when both rely on
 *   it as `core`;
 * - gaps: the to-role's `core` skills the from-role does not list, ordered
 *   by the vocabulary's prerequisites, with the to-role's `build` (else the
 *   vocabulary's) as "how";
 * - timeline: one step per gap and per missing prerequisite, in that order,
 *   timed by the vocabulary's `months`; unless the pair file has one;
 * - salary: both profiles' bands for the market, with their sources;
 * - a day in the job, qualifications and links from the profiles;
 * - intro, why, "is this realistic", FAQ, CTA and extra sections: the pair
 *   file's when it has them, else composed from the facts above.
 *
 * Composed sentences are kept plain and factual; they take the position of
 * the fact they state, so an error points at the role file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "compose/compose_int.h"
#include "compose/ybuild.h"
#include "model/guide_load.h"

static const char *const BAND_TITLES[CP_N_BANDS] = {"Entry", "Mid-career", "Senior"};

typedef struct composer {
    cp_yb yb;
    gp_arena *arena;
    gp_diags *diags;
    const gp_roles *r;
    const cp_role *from, *to;
    const cp_market *mf, *mt;
    const char *market;
    const gp_ynode *pair; /* the pair file's root, or NULL */
    /* computed */
    size_t *shared; /* vocabulary indices */
    size_t n_shared, n_direct;
    size_t *gaps;
    size_t n_gaps;
    size_t *extra; /* prerequisites of gaps the from-role lacks */
    size_t n_extra;
    size_t n_core; /* the to-role's core skills */
} composer;

static const char *ftitle(const composer *c)
{
    return c->from->title->str;
}
static const char *ttitle(const composer *c)
{
    return c->to->title->str;
}
static const char *vname(const composer *c, size_t v)
{
    return c->r->v[v].name->str;
}

static const char *an(const char *word)
{
    return word && strchr("AEIOaeio", word[0]) ? "an" : "a";
}

/* "a, b and c" of vocabulary names. */
static const char *join_names(composer *c, const size_t *v, size_t n)
{
    gp_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            gp_buf_puts(&b, i + 1 == n ? " and " : ", ");
        gp_buf_puts(&b, vname(c, v[i]));
    }
    const char *s = gp_arena_strdup(c->arena, b.data ? b.data : "");
    gp_buf_free(&b);
    return s;
}

/* Sets -------------------------------------------------------------------- */

/* Insertion sort by topological rank (the sets are small; no globals). */
static void sort_by_prerequisites(const gp_roles *r, size_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i], j = i;
        while (j > 0 && r->v[v[j - 1]].rank > r->v[x].rank) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

static bool in_set(const size_t *v, size_t n, size_t x)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == x)
            return true;
    return false;
}

/* Adds the prerequisites of v (transitively) that the from-role lacks and
 * that are not gaps already. */
static void add_missing_prereqs(composer *c, size_t v, size_t cap)
{
    const cp_vskill *s = &c->r->v[v];
    for (size_t k = 0; k < s->n_pre; k++) {
        size_t p = s->pre[k];
        if (cp_role_skill(c->from, p) || in_set(c->gaps, c->n_gaps, p) ||
            in_set(c->extra, c->n_extra, p) || c->n_extra >= cap)
            continue;
        c->extra[c->n_extra++] = p;
        add_missing_prereqs(c, p, cap);
    }
}

static bool compute_sets(composer *c)
{
    size_t nv = c->r->n_v ? c->r->n_v : 1;
    c->shared = gp_arena_alloc(c->arena, nv * sizeof *c->shared);
    c->gaps = gp_arena_alloc(c->arena, nv * sizeof *c->gaps);
    c->extra = gp_arena_alloc(c->arena, nv * sizeof *c->extra);
    if (!c->shared || !c->gaps || !c->extra)
        return false;
    /* shared: direct ones first, then by how much the to-role relies on
     * them, in the to-role's order */
    for (int pass = 0; pass < 2; pass++)
        for (int lv = CP_LEVEL_CORE; lv >= CP_LEVEL_OCCASIONAL; lv--)
            for (size_t i = 0; i < c->to->n_skills; i++) {
                const cp_rskill *t = &c->to->skills[i];
                const cp_rskill *f = cp_role_skill(c->from, t->v);
                if (!f || t->level != lv)
                    continue;
                bool direct = f->level == CP_LEVEL_CORE && t->level == CP_LEVEL_CORE;
                if (direct != (pass == 0))
                    continue;
                c->shared[c->n_shared++] = t->v;
                c->n_direct += direct;
            }
    for (size_t i = 0; i < c->to->n_skills; i++) {
        const cp_rskill *t = &c->to->skills[i];
        if (t->level != CP_LEVEL_CORE)
            continue;
        c->n_core++;
        if (!cp_role_skill(c->from, t->v))
            c->gaps[c->n_gaps++] = t->v;
    }
    sort_by_prerequisites(c->r, c->gaps, c->n_gaps);
    for (size_t i = 0; i < c->n_gaps; i++)
        add_missing_prereqs(c, c->gaps[i], nv);
    return true;
}

/* Sections ----------------------------------------------------------------- */

static gp_ynode *section(composer *c, const char *type, const char *title, const gp_ynode *at)
{
    gp_ynode *s = cp_yb_map(&c->yb, at);
    cp_yb_put(&c->yb, s, "type", cp_yb_plain(&c->yb, type, at));
    cp_yb_put(&c->yb, s, "title", cp_yb_str(&c->yb, title, at));
    return s;
}

/* A pair file's section (a mapping without `type`), typed. */
static gp_ynode *pair_section(composer *c, const char *key, const char *type)
{
    const gp_ynode *n = c->pair ? gp_ymap_get(c->pair, key) : NULL;
    if (!n)
        return NULL;
    gp_ynode *s = cp_yb_map(&c->yb, n);
    cp_yb_put(&c->yb, s, "type", cp_yb_plain(&c->yb, type, n));
    if (n->kind != GP_Y_MAP) { /* let the guide loader say what is wrong */
        cp_yb_put(&c->yb, s, "body", cp_yb_copy(&c->yb, n));
        return s;
    }
    for (size_t i = 0; i < n->n_pairs; i++)
        if (strcmp(n->pairs[i].key->str, "type"))
            cp_yb_put_pair(&c->yb, s, cp_yb_copy(&c->yb, n->pairs[i].key),
                           cp_yb_copy(&c->yb, n->pairs[i].value));
    return s;
}

static gp_ynode *intro(composer *c)
{
    gp_buf b = {0};
    if (c->n_shared) {
        gp_buf_printf(&b, "Yes: %ss and %ss share %zu of the skills in their profiles (%s). ",
                      ftitle(c), ttitle(c), c->n_shared, join_names(c, c->shared, c->n_shared));
        if (c->n_direct == 1)
            gp_buf_printf(&b, "One of them, %s, is core to both roles and transfers directly.",
                          vname(c, c->shared[0]));
        else if (c->n_direct)
            gp_buf_printf(&b, "%zu of them are core to both roles and transfer directly (%s).",
                          c->n_direct, join_names(c, c->shared, c->n_direct));
        else
            gp_buf_printf(&b, "None of them is core to both roles, so each needs deliberate "
                              "reframing rather than transferring as it is.");
    } else {
        gp_buf_printf(&b,
                      "It is possible, but it is a change of field: %ss and %ss share none of the "
                      "skills in their profiles, so plan to build what a %s needs from the start.",
                      ftitle(c), ttitle(c), ttitle(c));
    }
    if (c->n_gaps)
        gp_buf_printf(&b, " The skills to build are %s.", join_names(c, c->gaps, c->n_gaps));
    gp_buf_puts(&b, "\n\n");
    gp_buf_puts(&b, c->to->summary->str);
    const gp_ynode *aliases = gp_ymap_get(c->to->root, "aliases");
    if (aliases && aliases->kind == GP_Y_SEQ && aliases->n_items) {
        gp_buf_printf(&b, "\n\n%s roles are also advertised as ", ttitle(c));
        for (size_t i = 0; i < aliases->n_items; i++)
            gp_buf_printf(&b, "%s%s", i ? (i + 1 == aliases->n_items ? " or " : ", ") : "",
                          aliases->items[i]->str);
        gp_buf_puts(&b, ".");
    }
    gp_ynode *s = section(
        c, "prose", gp_arena_printf(c->arena, "Can you go from %s to %s?", ftitle(c), ttitle(c)),
        c->to->summary);
    cp_yb_put(&c->yb, s, "body", cp_yb_str(&c->yb, b.data ? b.data : "", c->to->summary));
    gp_buf_free(&b);
    return s;
}

static double total_months(composer *c)
{
    double m = 0;
    for (size_t i = 0; i < c->n_extra; i++)
        m += c->r->v[c->extra[i]].months;
    for (size_t i = 0; i < c->n_gaps; i++)
        m += c->r->v[c->gaps[i]].months;
    return m;
}

static gp_ynode *realistic(composer *c)
{
    gp_buf b = {0};
    size_t have = c->n_core - c->n_gaps;
    gp_buf_printf(&b, "Of the %zu skills %ss rely on most, you already use %zu as %s %s. ",
                  c->n_core, ttitle(c), have, an(ftitle(c)), ftitle(c));
    if (c->n_gaps)
        gp_buf_printf(&b,
                      "The other %zu are the gaps in this guide. At the typical pace of part-time "
                      "study for each (from the skills vocabulary), closing them takes about %d "
                      "months before you apply.",
                      c->n_gaps, (int)ceil(total_months(c)));
    else
        gp_buf_puts(&b, "The change is about evidence and positioning rather than new skills.");
    gp_ynode *s = section(c, "prose", "How realistic is this career change?", c->to->title);
    cp_yb_put(&c->yb, s, "body", cp_yb_str(&c->yb, b.data ? b.data : "", c->to->title));
    gp_buf_free(&b);
    return s;
}

static gp_ynode *skills(composer *c)
{
    const gp_ynode *at = gp_ymap_get(c->to->root, "skills");
    if (!c->n_shared) {
        gp_ynode *s = section(c, "prose", "Skills that transfer", at);
        cp_yb_put(&c->yb, s, "body",
                  cp_yb_str(&c->yb,
                            gp_arena_printf(c->arena,
                                            "None of the skills in the %s profile appears in the "
                                            "%s profile, so no skill transfers as it is. What "
                                            "carries over is experience of work itself; the "
                                            "skills below are all to be built.",
                                            ftitle(c), ttitle(c)),
                            at));
        return s;
    }
    gp_ynode *s = section(
        c, "skills", c->n_direct ? "Skills that transfer directly" : "Skills that transfer", at);
    gp_ynode *items = cp_yb_seq(&c->yb, at);
    for (size_t i = 0; i < c->n_shared; i++) {
        const cp_rskill *f = cp_role_skill(c->from, c->shared[i]);
        const cp_rskill *t = cp_role_skill(c->to, c->shared[i]);
        gp_ynode *it = cp_yb_map(&c->yb, t->node);
        cp_yb_put(&c->yb, it, "name", cp_yb_str(&c->yb, vname(c, t->v), t->node));
        cp_yb_put(&c->yb, it, "direct",
                  cp_yb_plain(&c->yb, i < c->n_direct ? "true" : "false", t->node));
        cp_yb_put(&c->yb, it, "from", cp_yb_copy(&c->yb, f->use));
        cp_yb_put(&c->yb, it, "to", cp_yb_copy(&c->yb, t->use));
        cp_yb_push(&c->yb, items, it);
    }
    cp_yb_put(&c->yb, s, "items", items);
    return s;
}

static const gp_ynode *build_of(composer *c, size_t v)
{
    const cp_rskill *t = cp_role_skill(c->to, v);
    return t && t->build ? t->build : c->r->v[v].build;
}

static gp_ynode *gaps(composer *c)
{
    const gp_ynode *at = gp_ymap_get(c->to->root, "skills");
    if (!c->n_gaps) {
        gp_ynode *s = section(c, "prose", "Skills you'll need to build", at);
        cp_yb_put(&c->yb, s, "body",
                  cp_yb_str(&c->yb,
                            gp_arena_printf(c->arena,
                                            "None: every skill a %s relies on most is already in "
                                            "the %s profile.",
                                            ttitle(c), ftitle(c)),
                            at));
        return s;
    }
    gp_ynode *s = section(c, "gaps", "Skills you'll need to build", at);
    gp_ynode *items = cp_yb_seq(&c->yb, at);
    for (size_t i = 0; i < c->n_gaps; i++) {
        const cp_rskill *t = cp_role_skill(c->to, c->gaps[i]);
        gp_ynode *it = cp_yb_map(&c->yb, t->node);
        cp_yb_put(&c->yb, it, "name", cp_yb_str(&c->yb, vname(c, t->v), t->node));
        cp_yb_put(&c->yb, it, "why", cp_yb_copy(&c->yb, t->use));
        cp_yb_put(&c->yb, it, "how", cp_yb_copy(&c->yb, build_of(c, t->v)));
        cp_yb_push(&c->yb, items, it);
    }
    cp_yb_put(&c->yb, s, "items", items);
    return s;
}

static const char *months_text(composer *c, double from, double len)
{
    int a = (int)floor(from) + 1, b = (int)ceil(from + len);
    if (b <= a)
        return gp_arena_printf(c->arena, "Month %d", a);
    return gp_arena_printf(c->arena, "Month %d-%d", a, b);
}

static gp_ynode *timeline(composer *c)
{
    gp_ynode *p = pair_section(c, "timeline", "timeline");
    if (p)
        return p;
    /* prerequisites first, then the gaps, all in prerequisite order */
    size_t n = c->n_extra + c->n_gaps;
    size_t *steps = gp_arena_alloc(c->arena, (n ? n : 1) * sizeof *steps);
    if (!steps)
        return NULL;
    memcpy(steps, c->extra, c->n_extra * sizeof *steps);
    memcpy(steps + c->n_extra, c->gaps, c->n_gaps * sizeof *steps);
    sort_by_prerequisites(c->r, steps, n);
    double total = total_months(c);
    gp_ynode *s = section(c, "timeline", "Step-by-step transition plan", c->to->title);
    int end = (int)ceil(total) + 1;
    cp_yb_put(&c->yb, s, "duration",
              cp_yb_str(&c->yb, gp_arena_printf(c->arena, "about %d months", end), c->to->title));
    gp_ynode *items = cp_yb_seq(&c->yb, c->to->title);
    double at_month = 0;
    for (size_t i = 0; i < n; i++) {
        const cp_vskill *v = &c->r->v[steps[i]];
        bool gap = in_set(c->gaps, c->n_gaps, steps[i]);
        const cp_rskill *t = cp_role_skill(c->to, steps[i]);
        const gp_ynode *at = gap ? t->node : v->node;
        gp_ynode *it = cp_yb_map(&c->yb, at);
        cp_yb_put(&c->yb, it, "title",
                  cp_yb_str(&c->yb, gp_arena_printf(c->arena, "Build %s", v->name->str), at));
        cp_yb_put(&c->yb, it, "when", cp_yb_str(&c->yb, months_text(c, at_month, v->months), at));
        at_month += v->months;
        const gp_ynode *build = build_of(c, steps[i]);
        const char *detail = build->str;
        if (!gap) { /* say why a skill no profile asks for is here */
            gp_buf b = {0};
            gp_buf_printf(&b, "%s It comes before ", v->desc->str);
            bool first = true;
            for (size_t g = 0; g < c->n_gaps; g++) {
                const cp_vskill *gv = &c->r->v[c->gaps[g]];
                for (size_t k = 0; k < gv->n_pre; k++)
                    if (gv->pre[k] == steps[i]) {
                        gp_buf_printf(&b, "%s%s", first ? "" : " and ", gv->name->str);
                        first = false;
                    }
            }
            if (first)
                gp_buf_puts(&b, "the skills that build on it");
            gp_buf_printf(&b, ". %s", build->str);
            detail = gp_arena_strdup(c->arena, b.data ? b.data : "");
            gp_buf_free(&b);
        }
        cp_yb_put(&c->yb, it, "detail", cp_yb_str(&c->yb, detail, build));
        cp_yb_push(&c->yb, items, it);
    }
    /* the last step: applying, with what employers ask for */
    const gp_ynode *q = c->to->quals;
    gp_ynode *it = cp_yb_map(&c->yb, q);
    cp_yb_put(&c->yb, it, "title",
              cp_yb_str(&c->yb, gp_arena_printf(c->arena, "Apply for %s roles", ttitle(c)), q));
    cp_yb_put(&c->yb, it, "when",
              cp_yb_str(&c->yb,
                        n ? gp_arena_printf(c->arena, "Month %d onwards", (int)ceil(total) + 1)
                          : "Month 1 onwards",
                        q));
    cp_yb_put(&c->yb, it, "detail",
              cp_yb_str(&c->yb,
                        gp_arena_printf(c->arena,
                                        "Lead your CV with evidence of each skill above. What "
                                        "employers ask of a %s: %s",
                                        ttitle(c), q->items[0]->str),
                        q->items[0]));
    cp_yb_push(&c->yb, items, it);
    cp_yb_put(&c->yb, s, "steps", items);
    return s;
}

static bool range_of(const gp_ynode *n, gp_range *out)
{
    memset(out, 0, sizeof *out);
    if (!n || n->kind != GP_Y_SEQ || n->n_items != 2)
        return false;
    out->min = strtod(n->items[0]->str, NULL);
    out->max = strtod(n->items[1]->str, NULL);
    out->open_ended = strchr(n->items[1]->str, '+') != NULL;
    return true;
}

static const char *money(composer *c, const cp_band *b)
{
    gp_range r;
    char buf[96];
    if (!range_of(b->range, &r))
        return "";
    gp_range_format(buf, sizeof buf, &r, c->mf->currency->str);
    return gp_arena_strdup(c->arena, buf);
}

/* "Data Engineer: ONS ..., 2024 (entry, mid); ... (senior, estimate: ...)" */
static void sources(composer *c, gp_buf *b, const cp_role *role, const cp_market *m)
{
    gp_buf_printf(b, "%s: ", role->title->str);
    bool done[CP_N_BANDS] = {false};
    bool first = true;
    for (int i = 0; i < CP_N_BANDS; i++) {
        if (done[i])
            continue;
        const cp_band *bi = &m->band[i];
        gp_buf_printf(b, "%s%s, %s (", first ? "" : "; ", bi->source->str, bi->year->str);
        first = false;
        bool firstband = true;
        for (int j = i; j < CP_N_BANDS; j++) {
            const cp_band *bj = &m->band[j];
            if (done[j] || strcmp(bj->source->str, bi->source->str) ||
                strcmp(bj->year->str, bi->year->str) || bj->estimate != bi->estimate ||
                (bj->estimate && strcmp(bj->basis->str, bi->basis->str)))
                continue;
            done[j] = true;
            gp_buf_printf(b, "%s%s", firstband ? "" : ", ", BAND_TITLES[j]);
            firstband = false;
        }
        if (bi->estimate)
            gp_buf_printf(b, "; an estimate: %s", bi->basis->str);
        gp_buf_puts(b, ")");
    }
    gp_buf_puts(b, ".");
    (void)c;
}

static gp_ynode *salary(composer *c)
{
    const gp_ynode *at = c->mt->node;
    gp_ynode *s = section(c, "salary", "Salary comparison", at);
    gp_ynode *bands = cp_yb_seq(&c->yb, at);
    for (int i = 0; i < CP_N_BANDS; i++)
        cp_yb_push(&c->yb, bands, cp_yb_str(&c->yb, BAND_TITLES[i], at));
    cp_yb_put(&c->yb, s, "bands", bands);
    gp_ynode *roles = cp_yb_seq(&c->yb, at);
    const cp_role *rs[2] = {c->from, c->to};
    const cp_market *ms[2] = {c->mf, c->mt};
    for (int k = 0; k < 2; k++) {
        gp_ynode *role = cp_yb_map(&c->yb, ms[k]->node);
        cp_yb_put(&c->yb, role, "name", cp_yb_copy(&c->yb, rs[k]->title));
        gp_ynode *ranges = cp_yb_seq(&c->yb, ms[k]->node);
        for (int i = 0; i < CP_N_BANDS; i++)
            cp_yb_push(&c->yb, ranges, cp_yb_copy(&c->yb, ms[k]->band[i].range));
        cp_yb_put(&c->yb, role, "ranges", ranges);
        cp_yb_push(&c->yb, roles, role);
    }
    cp_yb_put(&c->yb, s, "roles", roles);
    gp_buf b = {0};
    gp_buf_printf(&b,
                  "A mid-career %s earns %s in the %s market; an entry-level %s earns %s. "
                  "Experienced %ss earn %s, and mid-career ones %s.\n\n**Sources.** ",
                  ftitle(c), money(c, &c->mf->band[CP_BAND_MID]), c->market, ttitle(c),
                  money(c, &c->mt->band[CP_BAND_ENTRY]), ttitle(c),
                  money(c, &c->mt->band[CP_BAND_SENIOR]), money(c, &c->mt->band[CP_BAND_MID]));
    sources(c, &b, c->from, c->mf);
    gp_buf_puts(&b, " ");
    sources(c, &b, c->to, c->mt);
    cp_yb_put(&c->yb, s, "body", cp_yb_str(&c->yb, b.data ? b.data : "", at));
    gp_buf_free(&b);
    return s;
}

static gp_ynode *compare(composer *c)
{
    gp_ynode *s = section(c, "compare", "Day-to-day comparison", c->to->day);
    const cp_role *rs[2] = {c->from, c->to};
    const char *fmt[2] = {"Your current day as %s %s", "Your future day as %s %s"};
    for (int k = 0; k < 2; k++) {
        gp_ynode *p = cp_yb_map(&c->yb, rs[k]->day);
        cp_yb_put(
            &c->yb, p, "title",
            cp_yb_str(&c->yb,
                      gp_arena_printf(c->arena, fmt[k], an(rs[k]->title->str), rs[k]->title->str),
                      rs[k]->title));
        cp_yb_put(&c->yb, p, "body", cp_yb_copy(&c->yb, rs[k]->day));
        cp_yb_put(&c->yb, s, k ? "right" : "left", p);
    }
    return s;
}

static gp_ynode *qualifications(composer *c)
{
    gp_ynode *s =
        section(c, "list", gp_arena_printf(c->arena, "Qualifications for %s roles", ttitle(c)),
                c->to->quals);
    cp_yb_put(&c->yb, s, "style", cp_yb_plain(&c->yb, "bullets", c->to->quals));
    cp_yb_put(&c->yb, s, "items", cp_yb_copy(&c->yb, c->to->quals));
    return s;
}

static gp_ynode *links(composer *c)
{
    const gp_ynode *l = c->to->links;
    if (!l || !l->n_items)
        return NULL;
    gp_ynode *s = section(c, "list", "Where to find out more", l);
    cp_yb_put(&c->yb, s, "style", cp_yb_plain(&c->yb, "bullets", l));
    gp_ynode *items = cp_yb_seq(&c->yb, l);
    for (size_t i = 0; i < l->n_items; i++) {
        const gp_ynode *t = gp_ymap_get(l->items[i], "text");
        const gp_ynode *u = gp_ymap_get(l->items[i], "url");
        cp_yb_push(
            &c->yb, items,
            cp_yb_str(&c->yb, gp_arena_printf(c->arena, "[%s](%s)", t->str, u->str), l->items[i]));
    }
    cp_yb_put(&c->yb, s, "items", items);
    return s;
}

static gp_ynode *faq(composer *c)
{
    gp_ynode *p = pair_section(c, "faq", "faq");
    if (p)
        return p;
    gp_ynode *s = section(c, "faq", "Frequently asked questions", c->to->title);
    gp_ynode *items = cp_yb_seq(&c->yb, c->to->title);
    struct {
        const char *q, *a;
        const gp_ynode *at;
    } qa[2];
    qa[0].q = gp_arena_printf(c->arena, "How long does it take to go from %s to %s?", ftitle(c),
                              ttitle(c));
    qa[0].a = c->n_gaps ? gp_arena_printf(c->arena,
                                          "About %d months of part-time study for the %zu skills "
                                          "to build (%s), then the applications themselves.",
                                          (int)ceil(total_months(c)), c->n_gaps,
                                          join_names(c, c->gaps, c->n_gaps))
                        : gp_arena_printf(c->arena,
                                          "You have the core skills already; the time goes into "
                                          "evidence, your CV and applications.");
    qa[0].at = c->to->title;
    gp_range fm, te;
    range_of(c->mf->band[CP_BAND_MID].range, &fm);
    range_of(c->mt->band[CP_BAND_ENTRY].range, &te);
    qa[1].q = gp_arena_printf(c->arena, "Will I take a pay cut to change from %s to %s?", ftitle(c),
                              ttitle(c));
    qa[1].a = gp_arena_printf(
        c->arena,
        "%s: a mid-career %s earns %s and an entry-level %s %s (see the salary comparison and "
        "its sources). Senior %ss earn %s.",
        te.max < fm.min   ? "At first, very likely"
        : te.min < fm.min ? "Possibly"
                          : "Probably not",
        ftitle(c), money(c, &c->mf->band[CP_BAND_MID]), ttitle(c),
        money(c, &c->mt->band[CP_BAND_ENTRY]), ttitle(c), money(c, &c->mt->band[CP_BAND_SENIOR]));
    qa[1].at = c->mt->node;
    for (int i = 0; i < 2; i++) {
        gp_ynode *it = cp_yb_map(&c->yb, qa[i].at);
        cp_yb_put(&c->yb, it, "q", cp_yb_str(&c->yb, qa[i].q, qa[i].at));
        cp_yb_put(&c->yb, it, "a", cp_yb_str(&c->yb, qa[i].a, qa[i].at));
        cp_yb_push(&c->yb, items, it);
    }
    cp_yb_put(&c->yb, s, "items", items);
    return s;
}

/* Pair file ---------------------------------------------------------------- */

static bool load_pair(composer *c)
{
    char *name = gp_arena_printf(c->arena, "%s--%s.yaml", c->from->id, c->to->id);
    char *path = name ? gp_path_join(c->r->transitions_dir, name) : NULL;
    char *data = NULL;
    size_t len = 0;
    int rc = path ? gp_file_read(path, c->r->lim.max_file_bytes, &data, &len) : -1;
    if (rc != 0) {
        gp_free(path);
        return true; /* no pair file: everything is composed */
    }
    const char *file = cp_yb_file(&c->yb, path);
    gp_free(path);
    gp_ynode *root = file ? gp_yaml_parse(c->arena, data, len, file, &c->r->lim, c->diags) : NULL;
    gp_free(data);
    if (!root)
        return false;
    gp_loader L = {.arena = c->arena, .diags = c->diags, .file = file};
    if (!gp_ld_map(&L, root, NULL, "a pair file", "transition: 1, from, to, ..."))
        return false;
    static const char *const keys[] = {"transition", "from",  "to",      "title",     "kicker",
                                       "summary",    "intro", "why",     "realistic", "timeline",
                                       "faq",        "cta",   "sections"};
    size_t before = gp_diags_errors(c->diags);
    gp_ld_keys_as(&L, root, NULL, "a pair file", "a pair file", keys, sizeof keys / sizeof *keys);
    const gp_ynode *v = gp_ymap_get(root, "transition");
    double d;
    if (!v || !gp_ynode_number(v, &d) || d != 1)
        gp_ld_error(&L, GP_ERR_VALUE, v ? v : root, "transition", NULL,
                    "a pair file starts with `transition: 1`");
    const char *ids[2] = {c->from->id, c->to->id};
    const char *k2[2] = {"from", "to"};
    for (int k = 0; k < 2; k++) {
        gp_text t;
        if (gp_ld_text(&L, root, k2[k], NULL, true, "a pair file", &t) && strcmp(t.s, ids[k]))
            gp_ld_error(&L, GP_ERR_VALUE, gp_ymap_get(root, k2[k]), k2[k], NULL,
                        "`%s` is `%s` but the file is named for `%s`", k2[k], t.s, ids[k]);
    }
    gp_ld_list(&L, root, "sections", NULL, false, false, "a pair file");
    c->pair = root;
    return gp_diags_errors(c->diags) == before;
}

/* The tree ----------------------------------------------------------------- */

static const cp_market *market_of(composer *c, const cp_role *role)
{
    for (size_t i = 0; i < role->n_markets; i++)
        if (!strcmp(role->markets[i].market->str, c->market))
            return &role->markets[i];
    gp_buf b = {0};
    for (size_t i = 0; i < role->n_markets; i++)
        gp_buf_printf(&b, "%s%s", i ? ", " : "", role->markets[i].market->str);
    gp_diags_add(c->diags, GP_ERR_VALUE, GP_SEV_ERROR, role->salary->file, role->salary->line,
                 role->salary->col, "salary",
                 b.data ? gp_arena_printf(c->arena, "this profile has salary bands for: %s", b.data)
                        : NULL,
                 "role `%s` has no salary bands for market `%s`, so %s -> %s cannot be composed "
                 "for it",
                 role->id, c->market, c->from->id, c->to->id);
    gp_buf_free(&b);
    return NULL;
}

static const cp_role *find_role(const gp_roles *r, const char *id, const char *which,
                                gp_diags *diags)
{
    const cp_role *role = cp_role_find(r, id);
    if (role)
        return role;
    const char **ids = gp_malloc((r->n_roles + 1) * sizeof *ids);
    for (size_t i = 0; ids && i < r->n_roles; i++)
        ids[i] = r->roles[i].id;
    const char *near = ids && id ? gp_suggest(id, ids, r->n_roles) : NULL;
    char hint[200];
    snprintf(hint, sizeof hint, "did you mean `%s`?", near ? near : "");
    gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, which, near ? hint : NULL,
                 "no role profile `%s` (--%s)", id ? id : "", which);
    gp_free((void *)ids);
    return NULL;
}

static gp_ynode *compose_tree(composer *c, const char *from, const char *to, const char *market)
{
    const gp_roles *r = c->r;
    c->from = find_role(r, from, "from", c->diags);
    c->to = find_role(r, to, "to", c->diags);
    if (!c->from || !c->to)
        return NULL;
    if (c->from == c->to) {
        gp_diags_add(c->diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, "to", NULL,
                     "--from and --to are both `%s`: a guide is about changing role", from);
        return NULL;
    }
    c->market = market ? market : c->from->market->str;
    c->mf = market_of(c, c->from);
    c->mt = market_of(c, c->to);
    if (!c->mf || !c->mt)
        return NULL;
    if (strcmp(c->mf->currency->str, c->mt->currency->str)) {
        gp_diags_add(c->diags, GP_ERR_VALUE, GP_SEV_ERROR, c->mt->currency->file,
                     c->mt->currency->line, c->mt->currency->col, "salary", NULL,
                     "market `%s` is in %s here but in %s in %s", c->market, c->mt->currency->str,
                     c->mf->currency->str, c->from->path);
        return NULL;
    }
    if (!load_pair(c) || !compute_sets(c))
        return NULL;

    cp_yb *b = &c->yb;
    const gp_ynode *ft = c->from->title;
    gp_ynode *root = cp_yb_map(b, ft);
    cp_yb_put(b, root, "guide", cp_yb_plain(b, "1", ft));
    cp_yb_put(b, root, "from", cp_yb_copy(b, c->from->title));
    cp_yb_put(b, root, "to", cp_yb_copy(b, c->to->title));
    const char *over[3] = {"title", "kicker", "summary"};
    for (int k = 0; k < 3; k++) {
        const gp_ynode *n = c->pair ? gp_ymap_get(c->pair, over[k]) : NULL;
        if (n)
            cp_yb_put(b, root, over[k], cp_yb_copy(b, n));
        else if (k == 1)
            cp_yb_put(b, root, "kicker", cp_yb_str(b, "Career Change Guide", ft));
        else if (k == 2)
            cp_yb_put(b, root, "summary",
                      cp_yb_str(b,
                                gp_arena_printf(c->arena,
                                                "Step-by-step guide to changing career from %s "
                                                "to %s — transferable skills, skill gaps, salary "
                                                "comparison, timeline, and practical advice for "
                                                "the %s market.",
                                                ftitle(c), ttitle(c), c->market),
                                c->to->summary));
    }
    cp_yb_put(b, root, "market", cp_yb_copy(b, c->mf->market));
    if (c->from->lang)
        cp_yb_put(b, root, "lang", cp_yb_copy(b, c->from->lang));
    cp_yb_put(b, root, "currency", cp_yb_copy(b, c->mf->currency));

    gp_ynode *secs = cp_yb_seq(b, ft);
    gp_ynode *p;
    cp_yb_push(b, secs, (p = pair_section(c, "intro", "prose")) ? p : intro(c));
    if ((p = pair_section(c, "why", "prose")))
        cp_yb_push(b, secs, p);
    cp_yb_push(b, secs, (p = pair_section(c, "realistic", "prose")) ? p : realistic(c));
    cp_yb_push(b, secs, skills(c));
    cp_yb_push(b, secs, gaps(c));
    cp_yb_push(b, secs, timeline(c));
    cp_yb_push(b, secs, salary(c));
    cp_yb_push(b, secs, compare(c));
    const gp_ynode *extra = c->pair ? gp_ymap_get(c->pair, "sections") : NULL;
    for (size_t i = 0; extra && extra->kind == GP_Y_SEQ && i < extra->n_items; i++)
        cp_yb_push(b, secs, cp_yb_copy(b, extra->items[i]));
    cp_yb_push(b, secs, qualifications(c));
    if ((p = links(c)))
        cp_yb_push(b, secs, p);
    cp_yb_push(b, secs, faq(c));
    if ((p = pair_section(c, "cta", "cta")))
        cp_yb_push(b, secs, p);
    cp_yb_put(b, root, "sections", secs);
    if (b->failed) {
        gp_diags_add(c->diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "out of memory while composing the guide");
        return NULL;
    }
    return root;
}

static void composer_init(composer *c, const gp_roles *r, gp_arena *arena, gp_diags *diags)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->arena = arena;
    c->yb.arena = arena;
    c->diags = diags;
}

gp_guide *gp_compose_guide(const gp_roles *r, const char *from, const char *to, const char *market,
                           gp_diags *diags)
{
    gp_arena *arena = gp_arena_new();
    if (!arena || !r) {
        gp_arena_free(arena);
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    composer c;
    composer_init(&c, r, arena, diags);
    gp_ynode *root = compose_tree(&c, from, to, market);
    if (!root) {
        gp_arena_free(arena);
        return NULL;
    }
    const char *name = gp_arena_printf(arena, "%s--%s (composed from %s)", from, to, c.from->path);
    return gp_guide_load_tree(arena, root, name, diags); /* owns arena now */
}

int gp_compose_yaml(const gp_roles *r, const char *from, const char *to, const char *market,
                    char **out, size_t *out_len, gp_diags *diags)
{
    *out = NULL;
    *out_len = 0;
    /* compose and validate first: never write a guide that does not load */
    gp_guide *g = gp_compose_guide(r, from, to, market, diags);
    if (!g)
        return -1;
    gp_guide_free(g);
    gp_arena *arena = gp_arena_new();
    if (!arena)
        return -1;
    composer c;
    composer_init(&c, r, arena, diags);
    gp_ynode *root = compose_tree(&c, from, to, market);
    int rc = -1;
    if (root) {
        gp_buf h = {0};
        gp_buf_printf(&h, "Composed by `guidepress compose --from %s --to %s` from\n%s, %s,\n%s",
                      from, to, c.from->path, c.to->path, r->skills_path);
        if (c.pair)
            gp_buf_printf(&h, " and %s", c.pair->file);
        gp_buf_puts(&h, ".\nAn ordinary guide file: edit it freely.");
        rc = h.failed ? -1 : cp_emit_yaml(root, h.data, out, out_len);
        gp_buf_free(&h);
        if (rc)
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "cannot write the composed guide as YAML");
    }
    gp_arena_free(arena);
    return rc;
}
