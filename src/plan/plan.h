/* plan/plan.h - a dated plan: the timeline's relative `when` values
 * ("Month 1-3", "Week 2") turned into calendar dates from a start date,
 * labelled in the guide's language, and the calendar file made from them.
 *
 * gp_plan_new() walks every timeline step of a guide. Steps whose `when`
 * it understands get a start and end date and a label ("Jan–Mar 2027");
 * the others keep their text and a warning at their data line. The labels
 * are written into the guide (gp_step.dated, gp_guide.plan_line) for the
 * layout, and point into the plan: free the plan after the layout. */
#ifndef GP_PLAN_PLAN_H
#define GP_PLAN_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/guide.h>

#include "model/guide_struct.h"

typedef struct gp_ymd {
    int y, m, d; /* m 1-12, d 1-31 */
} gp_ymd;

typedef enum gp_when_unit { GP_WHEN_DAY, GP_WHEN_WEEK, GP_WHEN_MONTH, GP_WHEN_YEAR } gp_when_unit;

/* A parsed `when`: unit a..b (1-based, a <= b), or from a onwards. */
typedef struct gp_when {
    gp_when_unit unit;
    int a, b;
    bool onwards;
} gp_when;

/* Parses "Week 2", "Weeks 1-2", "Month 2–3" (hyphen, en dash or "to"),
 * "Month 12 onwards", "Day 3", "Year 1". Case-insensitive. Returns 0, or -1
 * when s is not one of these forms. */
int gp_when_parse(const char *s, gp_when *w);

/* "2027-01-11" -> date; returns 0, or -1 when it is not a real date. */
int gp_ymd_parse(const char *s, gp_ymd *out);

/* Adds days (may be negative); plain calendar arithmetic (timegm). */
gp_ymd gp_ymd_add_days(gp_ymd d, long days);

typedef struct gp_plan_step {
    const gp_section *section;
    const gp_step *step;
    size_t index; /* 0-based over the whole guide's timeline steps */
    bool dated;
    gp_ymd start, end; /* inclusive; for an open step end == start */
    char *label;       /* NULL when not dated */
} gp_plan_step;

typedef struct gp_plan {
    bool has_start; /* false: no start date, so no step is dated */
    gp_ymd start;
    gp_ymd end; /* the latest end of a dated step (start when none) */
    gp_plan_step *steps;
    size_t n_steps;
    char *locale;     /* the glibc locale the month names came from, or NULL */
    char *start_text; /* "11 January 2027" in the guide's language */
    char *end_text;
    char *cover_line; /* "Plan: 11 January 2027 to 31 March 2028" */
} gp_plan;

/* Builds the plan of g: every timeline step, dated from g->start
 * (YYYY-MM-DD) when the guide has one, and writes the labels into g
 * (steps' `dated`, `plan_line`). Unknown `when` forms are warnings at the
 * step's `when`. Returns a plan the caller frees after the layout, or NULL
 * with an error in diags when memory runs out. */
gp_plan *gp_plan_new(gp_guide *g, gp_diags *diags);
void gp_plan_free(gp_plan *p); /* NULL-safe */

/* Clears what gp_plan_new wrote into g (the steps' `dated`, `plan_line`),
 * so that g holds no pointer into p once p is freed. NULL-safe. */
void gp_plan_unapply(gp_plan *p, gp_guide *g);

/* Writes an iCalendar file (plan/ics.c): one VTODO per step, dates from
 * the plan, UIDs stable across re-renders (a hash of the guide's identity
 * and the step's number and title), DTSTAMP from date (Unix seconds).
 * *out is malloc'ed (free()). Returns 0, or -1 with an error in diags. */
int gp_plan_ics(const gp_guide *g, const gp_plan *p, long long date, char **out, size_t *len,
                gp_diags *diags);

#endif
