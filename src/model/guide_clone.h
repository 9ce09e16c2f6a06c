/* model/guide_clone.h - a guide's mutable copy for one render (private).
 *
 * A batch worker parses each distinct guide file once and keeps the result
 * as a template (src/engine/engine.c); every document then renders from a
 * clone, because a render edits its guide: --set values and merge cells
 * (gp_guide_set), the dated plan's labels (src/plan/), ticked items and
 * notes (gp_guide_keep_items, gp_guide_add_note). */
#ifndef GP_MODEL_GUIDE_CLONE_H
#define GP_MODEL_GUIDE_CLONE_H

#include <guidepress/guide.h>

/* A copy of g in an arena of its own: the guide and every array under it
 * (sections, steps, items, stats, paragraphs, runs, ...) are copied, so
 * whatever a render writes into the copy never reaches g or another copy.
 * Strings (and g->path, the positions' file names) are shared with g,
 * which is never written through: g must outlive the copy. Free the copy
 * with gp_guide_free. NULL when memory runs out. */
gp_guide *gp_guide_clone(const gp_guide *g);

#endif
