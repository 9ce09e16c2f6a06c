/* engine/engine.h - private pieces of the pipeline shared with the
 * post-processing step (post.c) and the batch runner. */
#ifndef GP_ENGINE_H
#define GP_ENGINE_H

#include <guidepress/guidepress.h>

#include "base/util.h"

/* gp_engine_style and gp_engine_fonts_for are public (guidepress.h). */

/* gp_engine_date is public (guidepress.h). */
/* Paints dl as a PDF into out with the request's backend (our painter,
 * Cairo or libharu), without post-processing. 0, or -1 with errors. */
int gp_engine_paint_pdf(const gp_render_request *req, const gp_display *dl, gp_buf *out,
                        gp_diags *diags);

/* gp_post_options is public (guidepress.h, with gp_pdf_postprocess_copy). */

/* Edits the finished PDF in memory (catalogue /Lang, attachments,
 * encryption) with libqpdf. Returns 0, or -1 with a diagnostic. */
int gp_pdf_postprocess(gp_buf *pdf, const gp_post_options *opt, gp_diags *diags);

/* How the engine's guide cache served gp_render's guide files: files
 * parsed, renders served from a parsed guide, and parsed guides dropped
 * because the file's bytes had changed since (tests/unit/test_guide_cache.c). */
typedef struct gp_engine_guide_stats {
    unsigned long parses, hits, stale;
} gp_engine_guide_stats;
void gp_engine_guide_stats_get(const gp_engine *e, gp_engine_guide_stats *out);

#endif
