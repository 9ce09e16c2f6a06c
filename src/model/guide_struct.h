/* model/guide_struct.h - the layout of gp_guide (private to the library).
 *
 * <guidepress/guide.h> declares gp_guide opaque, so a caller reads it only
 * through gp_guide_title() and the other accessors (guide_access.c); the
 * loader, layout, plan, mail and engine include this header and use the
 * fields directly. The value types of the fields (gp_text, gp_rich,
 * gp_section, gp_stat ...) stay public. */
#ifndef GP_MODEL_GUIDE_STRUCT_H
#define GP_MODEL_GUIDE_STRUCT_H

#include <guidepress/guide.h>

struct gp_guide {
    int version;      /* 1 */
    const char *path; /* file it was loaded from */
    gp_text from;
    gp_text to;
    gp_text title;      /* default "<from> to <to>" */
    bool title_derived; /* title is the default (worded in the guide's language) */
    gp_text kicker;     /* may be NULL */
    gp_rich summary;
    gp_text market;   /* may be NULL */
    gp_text lang;     /* default "en-GB" */
    gp_text currency; /* default "GBP" */
    gp_stat *stats;   /* given or derived (see gp_guide_load_*) */
    size_t n_stats;
    bool stats_derived;
    gp_text prepared_for, prepared_by, date; /* may be NULL */
    gp_text start;     /* the plan's start date (--set start=YYYY-MM-DD), or NULL */
    gp_text plan_line; /* the cover's "Plan: <start> to <expected end>", set by
                          the dated plan; NULL without a start date */
    gp_section *sections;
    size_t n_sections;
    gp_label_override *labels; /* `labels:`, overriding the style's and the catalogue's */
    size_t n_labels;
    gp_digits digits;
    struct gp_guide_private *priv; /* arena; not for callers */
};

#endif
