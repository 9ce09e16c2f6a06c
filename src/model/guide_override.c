/* model/guide_override.c - render-time overrides of a loaded guide.
 *
 * An adviser prints one guide for one client: some timeline steps or
 * checklist items do not apply to them, and a short private note belongs
 * on the last page. These edit the loaded model (its arena), never the
 * guide file, so the same guide serves every client. */
#include <guidepress/guide.h>

#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "model/guide_load.h"
#include "model/rich.h"

/* The derived "N steps" stat counts the steps that remain. */
static void recount_steps(gp_guide *g)
{
    if (!g->stats_derived)
        return;
    size_t steps = 0;
    bool timeline = false;
    for (size_t i = 0; i < g->n_sections; i++)
        if (g->sections[i].type == GP_SEC_TIMELINE) {
            timeline = true;
            steps += g->sections[i].n_steps;
        }
    for (size_t i = 0; i < g->n_stats; i++) {
        const char *l = g->stats[i].label.s;
        if (!l || (strcmp(l, "step") && strcmp(l, "steps")))
            continue;
        if (!timeline)
            continue;
        char *v = gp_arena_printf(gp_guide_arena(g), "%zu", steps);
        if (v) {
            g->stats[i].value.s = v;
            g->stats[i].label.s = steps == 1 ? "step" : "steps";
        }
    }
}

size_t gp_guide_keep_items(gp_guide *g, gp_item_keep_fn keep, void *ctx)
{
    size_t dropped = 0, out = 0;
    for (size_t i = 0; i < g->n_sections; i++) {
        gp_section *s = &g->sections[i];
        bool tickable = true;
        size_t n = 0;
        if (s->type == GP_SEC_TIMELINE) {
            for (size_t k = 0; k < s->n_steps; k++)
                if (keep(ctx, i, k))
                    s->steps[n++] = s->steps[k];
            dropped += s->n_steps - n;
            s->n_steps = n;
        } else if (s->type == GP_SEC_LIST && s->list_style == GP_LIST_CHECKLIST) {
            for (size_t k = 0; k < s->n_items; k++)
                if (keep(ctx, i, k))
                    s->items[n++] = s->items[k];
            dropped += s->n_items - n;
            s->n_items = n;
        } else {
            tickable = false;
        }
        if (tickable && n == 0)
            continue; /* nothing of it applies: drop the section */
        g->sections[out++] = *s;
    }
    g->n_sections = out;
    recount_steps(g);
    return dropped;
}

int gp_guide_add_note(gp_guide *g, const char *title, const char *body, gp_diags *diags)
{
    size_t len = body ? strlen(body) : 0;
    size_t tlen = title ? strlen(title) : 0;
    if (!len) {
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, NULL, 0, 0, "note", NULL,
                     "the note is empty");
        return -1;
    }
    if (gp_utf8_check(body, len) != len || (title && gp_utf8_check(title, tlen) != tlen)) {
        gp_diags_add(diags, GP_ERR_UTF8, GP_SEV_ERROR, NULL, 0, 0, "note", NULL,
                     "the note is not valid UTF-8");
        return -1;
    }
    gp_arena *a = gp_guide_arena(g);
    gp_section *secs = gp_arena_grow(a, g->sections, g->n_sections * sizeof *secs,
                                     (g->n_sections + 1) * sizeof *secs);
    if (!secs) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, "note", NULL, "out of memory");
        return -1;
    }
    gp_section *s = &secs[g->n_sections];
    memset(s, 0, sizeof *s);
    s->type = GP_SEC_PROSE;
    s->title.s = gp_arena_strdup(a, title && title[0] ? title : "A note for you");
    if (!s->title.s || gp_rich_parse(a, body, len, &s->body)) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, "note", NULL, "out of memory");
        return -1;
    }
    g->sections = secs;
    g->n_sections++;
    return 0;
}
