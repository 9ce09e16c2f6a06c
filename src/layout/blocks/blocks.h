/* layout/blocks/blocks.h - one builder per section type, plus the shared
 * pieces they are made of (headings, paragraphs, boxes, labels). Builders
 * append blocks to the flow; they never paginate and never paint. */
#ifndef GP_LAYOUT_BLOCKS_H
#define GP_LAYOUT_BLOCKS_H

#include "base/util.h"
#include "layout/flow.h"
#include "layout/labels.h"

/* common.c */
const gp_text_style *gp_ts(const gp_lctx *lc, gp_text_role r);
gp_block *gp_block_start(gp_lctx *lc, double space_before); /* collapses with pending */
void gp_block_end(gp_lctx *lc, gp_block *b, double space_after);
void gp_section_heading(gp_lctx *lc, const gp_section *sec);
/* Paragraph blocks of rich text in the flow (splittable, 2 lines each side). */
void gp_flow_rich(gp_lctx *lc, const gp_rich *r, const gp_text_style *ts, double x, double w,
                  gp_tag tag);
/* Rich text inside a box at (x, y); adds line breaks to b as last-resort
 * cut points; returns the height used (paragraph spacing included). */
double gp_box_rich(gp_lctx *lc, gp_block *b, const gp_rich *r, const gp_text_style *ts, double x,
                   double y, double w, const gp_color *color);
/* Index of a placeholder rectangle whose height is set later. */
size_t gp_box_begin(gp_lctx *lc, gp_block *b, const gp_box_style *bs, double x, double y, double w);
void gp_box_finish(gp_block *b, size_t idx, double h);
gp_color gp_contrast_text(const gp_lctx *lc, gp_color background);
gp_color gp_rgb(double r, double g, double b);
/* A filled pill with a label inside, right-aligned at x_right when
 * align_right, else left at x; returns its width. */
double gp_pill(gp_lctx *lc, gp_block *b, const char *text, double x, double y, gp_color fill,
               gp_color text_color, bool align_right);
/* Draws a tick box (square outline) at (x, y) with side s. */
void gp_tickbox(gp_lctx *lc, gp_block *b, double x, double y, double s, gp_color color);
/* The same box as one the reader can tick: a check box item (a form field
 * in PDF) named "<kind>-<n>", tagged Form, with tooltip saying what it
 * ticks off. */
void gp_checkbox(gp_lctx *lc, gp_block *b, double x, double y, double s, gp_color color,
                 const char *kind, const char *tooltip);
/* A circle marker with a number inside; returns nothing. */
void gp_marker(gp_lctx *lc, gp_block *b, gp_marker_shape shape, double x, double y, double d,
               gp_color fill, gp_color text_color, const char *label);

/* Words the layout adds itself: layout/labels.h (gp_label and friends). */

/* salary.c: colour of chart series r (the style's, then derived ones) */
gp_color gp_chart_color(const gp_style *s, size_t r, gp_color fallback);

/* cover.c */
void gp_build_cover(gp_lctx *lc);
/* section builders */
void gp_build_prose(gp_lctx *lc, const gp_section *sec);
void gp_build_list(gp_lctx *lc, const gp_section *sec);
void gp_build_faq(gp_lctx *lc, const gp_section *sec);
void gp_build_cta(gp_lctx *lc, const gp_section *sec);
void gp_build_skills(gp_lctx *lc, const gp_section *sec);
void gp_build_gaps(gp_lctx *lc, const gp_section *sec);
void gp_build_timeline(gp_lctx *lc, const gp_section *sec);
void gp_build_salary(gp_lctx *lc, const gp_section *sec);
void gp_build_compare(gp_lctx *lc, const gp_section *sec);

#endif
