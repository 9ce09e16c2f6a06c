/* engine/memrender.c - one already loaded guide into memory: a PDF, or PNG
 * page images. gp_render writes files through temporary names; a server
 * answering a client must not leave anything the client typed on disk, so
 * this variant keeps every byte in memory and hands the buffers back. */
#include "engine/memrender.h"

#include <string.h>

#include "base/alloc.h"
#include "display/display_struct.h"
#include "engine/engine.h"
#include "model/guide_struct.h"

static int buf_write(void *closure, const unsigned char *data, size_t len)
{
    gp_buf *b = closure;
    gp_buf_append(b, (const char *)data, len);
    return b->failed ? -1 : 0;
}

static int discard_write(void *closure, const unsigned char *data, size_t len)
{
    (void)closure;
    (void)data;
    (void)len;
    return 0;
}

typedef struct png_sink {
    gp_mem_render *out;
    size_t max;
} png_sink;

static int png_open(void *ctx, size_t index, gp_write_fn *write, void **closure)
{
    png_sink *ps = ctx;
    if (index < ps->max) {
        *write = buf_write;
        *closure = &ps->out->images[index];
        if (index + 1 > ps->out->n_images)
            ps->out->n_images = index + 1;
    } else {
        *write = discard_write;
        *closure = NULL;
    }
    return 0;
}

static int png_close(void *ctx, size_t index, void *closure, int failed)
{
    (void)ctx;
    (void)index;
    (void)closure;
    (void)failed;
    return 0;
}

void gp_mem_render_free(gp_mem_render *m)
{
    if (!m)
        return;
    gp_buf_free(&m->pdf);
    for (size_t i = 0; m->images && i < m->n_images; i++)
        gp_buf_free(&m->images[i]);
    gp_free(m->images);
    memset(m, 0, sizeof *m);
}

static int paint_pdf(const gp_render_request *req, const gp_guide *g, const gp_display *dl,
                     long long date, gp_buf *pdf, gp_diags *diags)
{
    /* The painter `render` uses (ours by default: PDF/UA tags, fillable
     * tick boxes, encryption, nothing to post-process). */
    int rc = gp_engine_paint_pdf(req, dl, pdf, diags);
    if (rc || req->backend == GP_BACKEND_PDF)
        return rc;
    gp_post_options post = {0};
    post.password = req->password;
    post.owner_password = req->owner_password;
    post.permissions = req->permissions;
    post.lang = g->lang.s;
    post.date = date;
    const char *alts[32];
    size_t n_alts = gp_display_figure_alts(dl, alts, 32);
    if (req->tagged) {
        post.figure_alt = alts;
        post.n_figure_alt = n_alts;
    }
    return gp_pdf_postprocess(pdf, &post, diags);
}

int gp_render_guide_memory(gp_engine *e, const gp_guide *g, const char *style_spec,
                           const gp_render_request *req, size_t max_images, gp_mem_render *out,
                           gp_diags *diags)
{
    memset(out, 0, sizeof *out);
    if (req->format != GP_FORMAT_PDF && req->format != GP_FORMAT_PNG) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "rendering to memory makes PDF or PNG only");
        return -1;
    }
    const gp_style *style = gp_engine_style(e, style_spec, diags);
    if (!style)
        return -1;
    gp_layout_options lo = {gp_engine_date(req, g), "guidepress " GP_VERSION_STRING, 0};
    gp_display *dl =
        gp_layout_run(gp_engine_fonts_for(e, style), g, style, &lo, gp_engine_limits(e), diags);
    if (!dl)
        return -1;
    out->pages = (int)dl->n_pages;
    int rc;
    if (req->format == GP_FORMAT_PDF) {
        rc = paint_pdf(req, g, dl, lo.date, &out->pdf, diags);
    } else {
        size_t n = dl->n_pages < max_images ? dl->n_pages : max_images;
        out->images = gp_calloc(n ? n : 1, sizeof *out->images);
        png_sink ps = {out, n};
        gp_paint_options opt = {0};
        opt.format = GP_FORMAT_PNG;
        opt.dpi = req->dpi > 0 ? req->dpi : 150;
        opt.pages = (gp_page_sink){png_open, png_close, &ps};
        gp_painter *p = out->images ? gp_painter_cairo_new(&opt, NULL, NULL, diags) : NULL;
        rc = p ? gp_paint(p, dl, diags) : -1;
        gp_painter_free(p);
        for (size_t i = 0; !rc && i < out->n_images; i++)
            if (out->images[i].failed)
                rc = -1;
    }
    gp_display_free(dl);
    if (rc) {
        int pages = out->pages;
        gp_mem_render_free(out);
        out->pages = pages;
        if (!gp_diags_errors(diags))
            gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "the document could not be painted");
    }
    return rc ? -1 : 0;
}
