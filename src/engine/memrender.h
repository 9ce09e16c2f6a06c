/* engine/memrender.h - the pipeline into memory, for a server that must
 * keep nothing a client typed on disk (private). */
#ifndef GP_ENGINE_MEMRENDER_H
#define GP_ENGINE_MEMRENDER_H

#include <guidepress/guidepress.h>

#include "base/util.h"

typedef struct gp_mem_render {
    gp_buf pdf;     /* GP_FORMAT_PDF: the finished file */
    gp_buf *images; /* GP_FORMAT_PNG: one PNG per page, the first n_images */
    size_t n_images;
    int pages; /* pages of the document */
} gp_mem_render;

/* Lays out g (loaded, personalised and overridden by the caller, who keeps
 * ownership) in the style spec (a shipped name or a path; NULL: default)
 * and paints it into out. req gives the format (PDF or PNG), dpi, password
 * and date (its paths are ignored). A PDF is post-processed like gp_render
 * does (catalogue /Lang, figure alt texts, encryption). PNG keeps the first
 * max_images pages. Returns 0, or -1 with errors in diags; out is then
 * empty. Free out with gp_mem_render_free either way. */
int gp_render_guide_memory(gp_engine *e, const gp_guide *g, const char *style,
                           const gp_render_request *req, size_t max_images, gp_mem_render *out,
                           gp_diags *diags);

void gp_mem_render_free(gp_mem_render *m);

#endif
