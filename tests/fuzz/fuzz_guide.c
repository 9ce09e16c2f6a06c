/* tests/fuzz/fuzz_guide.c - fuzz target: the guide loader.
 *
 * The input is a guide file. gp_guide_load_memory must return a guide or
 * errors (never both, never neither), and everything it returns must be
 * readable: every string is walked, every salary range is formatted as
 * money (huge, tiny and odd numbers reach gp_money_format this way), and a
 * few --set values are applied. */
#include <string.h>

#include "fuzz.h"
#include "model/guide_struct.h" /* the invariants are about every field */

static size_t touch_rich(const gp_rich *r)
{
    size_t h = fuzz_touch(r->source);
    for (size_t p = 0; p < r->n_paras; p++) {
        FUZZ_ASSERT(r->paras[p].n_runs > 0);
        for (size_t k = 0; k < r->paras[p].n_runs; k++) {
            const gp_run *run = &r->paras[p].runs[k];
            FUZZ_ASSERT(run->text != NULL);
            h += fuzz_touch(run->text) + fuzz_touch(run->url);
        }
    }
    return h;
}

static size_t touch_section(const gp_section *s, const char *currency)
{
    size_t h = fuzz_touch(gp_section_type_name(s->type));
    FUZZ_ASSERT((unsigned)s->type < GP_SEC__COUNT);
    h += fuzz_touch(s->title.s) + touch_rich(&s->intro) + touch_rich(&s->body);
    h += fuzz_touch(s->from_label.s) + fuzz_touch(s->to_label.s);
    for (size_t i = 0; i < s->n_skills; i++)
        h += fuzz_touch(s->skills[i].name.s) + touch_rich(&s->skills[i].from) +
             touch_rich(&s->skills[i].to);
    for (size_t i = 0; i < s->n_gaps; i++)
        h += fuzz_touch(s->gaps[i].name.s) + touch_rich(&s->gaps[i].why) +
             touch_rich(&s->gaps[i].how);
    h += fuzz_touch(s->duration.s);
    for (size_t i = 0; i < s->n_steps; i++)
        h += fuzz_touch(s->steps[i].title.s) + fuzz_touch(s->steps[i].when.s) +
             touch_rich(&s->steps[i].detail);
    for (size_t i = 0; i < s->n_bands; i++)
        h += fuzz_touch(s->bands[i].s);
    for (size_t i = 0; i < s->n_roles; i++) {
        const gp_salary_role *r = &s->roles[i];
        h += fuzz_touch(r->name.s);
        for (size_t k = 0; k < r->n_ranges; k++) {
            char buf[96];
            size_t n = gp_range_format(buf, sizeof buf, &r->ranges[k], currency);
            FUZZ_ASSERT(n < sizeof buf && strlen(buf) == n);
            n = gp_money_format(buf, 8, r->ranges[k].max, currency);
            FUZZ_ASSERT(n < 8 && strlen(buf) == n);
        }
    }
    h += fuzz_touch(s->left.title.s) + touch_rich(&s->left.body);
    h += fuzz_touch(s->right.title.s) + touch_rich(&s->right.body);
    for (size_t i = 0; i < s->n_items; i++)
        h += touch_rich(&s->items[i]);
    for (size_t i = 0; i < s->n_faqs; i++)
        h += fuzz_touch(s->faqs[i].q.s) + touch_rich(&s->faqs[i].a);
    h += fuzz_touch(s->link_text.s) + fuzz_touch(s->link_url.s) + touch_rich(&s->note);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gp_diags *d = gp_diags_new();
    if (!d)
        return 0;
    gp_guide *g = gp_guide_load_memory((const char *)data, size, "fuzz-guide.yaml", NULL, d);
    fuzz_check_diags(d, g != NULL);
    if (g) {
        volatile size_t h = 0;
        FUZZ_ASSERT(g->from.s && g->to.s && g->title.s);
        h += fuzz_touch(g->kicker.s) + touch_rich(&g->summary) + fuzz_touch(g->market.s);
        h += fuzz_touch(g->lang.s) + fuzz_touch(g->currency.s);
        for (size_t i = 0; i < g->n_stats; i++)
            h += fuzz_touch(g->stats[i].value.s) + fuzz_touch(g->stats[i].label.s);
        for (size_t i = 0; i < g->n_sections; i++)
            h += touch_section(&g->sections[i], g->currency.s);
        (void)h;
        /* --set with the guide's own values and with odd ones. */
        gp_diags_clear(d);
        gp_guide_set(g, "title", g->to.s, d);
        gp_guide_set(g, "date", g->title.s, d);
        gp_guide_set(g, "currency", g->from.s, d);
        gp_guide_set(g, "lang", "", d);
        gp_guide_set(g, "no-such-key", "x", d);
        fuzz_check_diags(d, -1);
        FUZZ_ASSERT(gp_diags_errors(d) > 0); /* the unknown key at least */
    }
    gp_guide_free(g);
    gp_diags_free(d);
    return 0;
}
