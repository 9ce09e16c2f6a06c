/* layout/linebreak.h - total-fit (Knuth-Plass) line breaking over a
 * paragraph that text.c has already shaped with Pango.
 *
 * The paragraph is described by its break candidates only, with running
 * sums of natural width, stretch and shrink (the boxes and glue between
 * candidates are implied), so the cost of any line is O(1). This file
 * knows nothing about Pango, fonts or UTF-8: it chooses breaks, and can
 * also break greedily (first fit, as Pango does) and price any set of
 * breaks with the same demerits, so the two can be compared. */
#ifndef GP_LAYOUT_LINEBREAK_H
#define GP_LAYOUT_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/layout.h>

/* A place where a line may end. Candidate 0 is the paragraph start (only
 * its *_start sums are used); the last candidate is the paragraph end and
 * must be forced. The sums run from the paragraph start: *_end up to the
 * end of the line content when breaking here (before a discarded space),
 * *_start up to where the next line starts (after it). */
typedef struct gp_lb_cand {
    double x_end, x_start; /* natural width */
    double y_end, y_start; /* stretch */
    double z_end, z_start; /* shrink */
    double width;          /* added when breaking here (the hyphen) */
    double penalty;        /* 0 for spaces; hyphens cost more */
    bool flagged;          /* a hyphen: two in a row cost extra */
    bool forced;           /* a hard line break, or the paragraph end */
    size_t pos;            /* caller's data (byte offset) */
} gp_lb_cand;

typedef struct gp_lb_params {
    double measure;          /* line width, pt */
    double tolerance;        /* largest badness allowed (TeX: 200) */
    double line_penalty;     /* TeX \linepenalty: 10 */
    double flagged_demerits; /* two hyphenated lines in a row: 3000 */
    double fitness_demerits; /* adjacent lines of unlike tightness: 100 */
} gp_lb_params;

/* Sensible defaults for measure (TeX's plain values). */
void gp_lb_params_default(gp_lb_params *p, double measure);

/* Result of a breaking: indices into the candidates, one per line end. */
typedef struct gp_lb_result {
    size_t *breaks; /* caller-provided room for n_cands entries */
    size_t n_lines;
    double demerits;  /* total under the same cost as gp_lb_price */
    int hyphens;      /* lines ending at a flagged candidate */
    double max_ratio; /* loosest line's adjustment ratio */
} gp_lb_result;

/* Chooses the breaks of least total demerits with every line's badness
 * within tolerance. Returns 0, 1 when no such set exists (the caller then
 * breaks greedily), or -1 when memory runs out. */
int gp_lb_total_fit(const gp_lb_cand *c, size_t n, const gp_lb_params *p, gp_lb_result *out);

/* First fit: each line takes as much as fits at natural width (Pango's
 * way). Always succeeds; a line may overflow when nothing fits. */
void gp_lb_greedy(const gp_lb_cand *c, size_t n, const gp_lb_params *p, gp_lb_result *out);

/* Prices out->breaks (set by either function) with the total-fit cost:
 * fills demerits, hyphens and max_ratio. Lines outside tolerance get the
 * badness cap (10000), overfull lines 10000 plus their overflow. */
void gp_lb_price(const gp_lb_cand *c, size_t n, const gp_lb_params *p, gp_lb_result *out);

/* Adjustment ratio of the line from candidate a to b: > 0 stretches,
 * < 0 shrinks (-1 is the most shrink allowed). */
double gp_lb_ratio(const gp_lb_cand *c, size_t a, size_t b, double measure);

/* For measuring programs: lays out text (one paragraph) in style ts for
 * width with both total-fit and greedy breaking, and prices both. lang
 * picks the hyphenation patterns when ts->hyphenate. Returns 0, 1 when
 * total-fit found no solution (kp then holds the greedy fallback), -1 on
 * error. Implemented in text.c, which owns the Pango side. */
int gp_text_linebreak_report(gp_fonts *fonts, const gp_text_style *ts, const char *lang,
                             const char *text, double width, gp_lb_result *kp,
                             gp_lb_result *greedy);

#endif
