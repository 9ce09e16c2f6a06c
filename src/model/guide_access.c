/* model/guide_access.c - the public accessors of an opaque gp_guide
 * (<guidepress/guide.h>). Each returns a view borrowed from the guide,
 * valid until gp_guide_free() (or until a call that changes the guide:
 * gp_guide_set, gp_guide_keep_items, gp_guide_add_note). */
#include "model/guide_struct.h"

const char *gp_guide_path(const gp_guide *g)
{
    return g ? g->path : NULL;
}

const char *gp_guide_title(const gp_guide *g)
{
    return g ? g->title.s : NULL;
}

const char *gp_guide_from(const gp_guide *g)
{
    return g ? g->from.s : NULL;
}

const char *gp_guide_to(const gp_guide *g)
{
    return g ? g->to.s : NULL;
}

const char *gp_guide_market(const gp_guide *g)
{
    return g ? g->market.s : NULL;
}

const char *gp_guide_lang(const gp_guide *g)
{
    return g ? g->lang.s : NULL;
}

const char *gp_guide_currency(const gp_guide *g)
{
    return g ? g->currency.s : NULL;
}

size_t gp_guide_section_count(const gp_guide *g)
{
    return g ? g->n_sections : 0;
}

const gp_section *gp_guide_section(const gp_guide *g, size_t i)
{
    return g && i < g->n_sections ? &g->sections[i] : NULL;
}

size_t gp_guide_stat_count(const gp_guide *g)
{
    return g ? g->n_stats : 0;
}

const gp_stat *gp_guide_stat(const gp_guide *g, size_t i)
{
    return g && i < g->n_stats ? &g->stats[i] : NULL;
}
