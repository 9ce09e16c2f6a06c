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

/* Deferred commit (the batch overlaps one document's fsync with the
 * rendering of the next). gp_render_deferred is gp_render, except that a
 * PDF written to a file (not a device, FIFO or stream) is left in its
 * temporary file, written and flushed to the kernel, and returned in
 * *pending (NULL otherwise; the return value and result are then final).
 * The caller fsyncs gp_render_pending_fd(p) in any thread, then calls
 * gp_render_pending_finish with that fsync's errno (0 when it succeeded),
 * which renames the file into place, or removes it and adds the error;
 * 0 or -1. gp_render_pending_abort removes it. */
typedef struct gp_render_pending gp_render_pending;
int gp_render_deferred(gp_engine *e, const gp_render_request *req, gp_render_result *result,
                       gp_diags *diags, gp_render_pending **pending);
int gp_render_pending_fd(const gp_render_pending *p);
int gp_render_pending_finish(gp_render_pending *p, int fsync_err, gp_diags *diags);
void gp_render_pending_abort(gp_render_pending *p);

/* How the engine's guide cache served gp_render's guide files: files
 * parsed, renders served from a parsed guide, and parsed guides dropped
 * because the file's bytes had changed since (tests/unit/test_guide_cache.c). */
typedef struct gp_engine_guide_stats {
    unsigned long parses, hits, stale;
} gp_engine_guide_stats;
void gp_engine_guide_stats_get(const gp_engine *e, gp_engine_guide_stats *out);

#endif
