/* engine/engine.h - private pieces of the pipeline shared with the
 * post-processing step (post.c) and the batch runner. */
#ifndef GP_ENGINE_H
#define GP_ENGINE_H

#include <guidepress/guidepress.h>

#include "base/util.h"

/* The style for spec (a shipped name or a path), loaded once per engine;
 * its font files are added to the engine's fonts. NULL on error. */
const gp_style *gp_engine_style(gp_engine *e, const char *spec, gp_diags *diags);

/* The font set to lay style out with: its own when it names font files or
 * asks for the machine's fonts, else the engine's bundled set. */
gp_fonts *gp_engine_fonts_for(gp_engine *e, const gp_style *style);

/* The document date: req->date, else SOURCE_DATE_EPOCH, else the guide's
 * date (noon UTC), else a fixed date. */
long long gp_engine_date(const gp_render_request *req, const gp_guide *g);
/* Paints dl as a PDF into out with the request's backend (our painter,
 * Cairo or libharu), without post-processing. 0, or -1 with errors. */
int gp_engine_paint_pdf(const gp_render_request *req, const gp_display *dl, gp_buf *out,
                        gp_diags *diags);

typedef struct gp_post_options {
    const char *password;       /* AES-256 user password, or NULL */
    const char *owner_password; /* NULL: a random-free derived one */
    unsigned permissions;       /* GP_PERM_* */
    const char *lang;           /* catalogue /Lang */
    bool pdfa;
    long long date;
    const char *attach[2]; /* files to embed (guide, style) */
    size_t n_attach;
    const char *const *figure_alt; /* /Alt for the structure tree's Figure
                                      elements, in document order */
    size_t n_figure_alt;
} gp_post_options;

/* Edits the finished PDF in memory (catalogue /Lang, attachments,
 * encryption) with libqpdf. Returns 0, or -1 with a diagnostic. */
int gp_pdf_postprocess(gp_buf *pdf, const gp_post_options *opt, gp_diags *diags);

#endif
