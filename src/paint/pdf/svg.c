/* paint/pdf/svg.c - an SVG logo as one vector form XObject.
 *
 * librsvg draws only to Cairo, and Cairo's drawing of a vector file is
 * best kept as Cairo's own PDF: so the logo is drawn once by librsvg into a
 * one-page Cairo PDF in memory, and that page is copied into this file as a
 * form XObject (content and resources, streams decoded and deflated again)
 * with libqpdf, which reads the PDF for us. This runs only for documents
 * with an SVG logo, once per logo per document; every page then paints the
 * same form, scaled to the box layout gave it. The form's /Matrix maps its
 * box to the unit square, like an image.
 *
 * Part of the module guidepress-svg.so (modules/api.h): librsvg and libqpdf
 * are loaded only for a document with an SVG logo. The painter reaches it
 * through pdf_svg_form() (svgload.c), and its object writer through the
 * host's callbacks. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "modules/api.h"

typedef struct copier {
    qpdf_data q;
    const gpmod_pdf_host *host;
    int ids[64]; /* source object id -> our number, for streams */
    uint32_t nums[64];
    size_t n;
    bool failed;
} copier;

static void copy(copier *c, qpdf_oh oh, gp_buf *b, int depth);

static void copy_dict_entries(copier *c, qpdf_oh dict, gp_buf *b, int depth, bool skip_filters)
{
    /* the C API's key iteration is global: take the keys first */
    char *keys[64];
    size_t nk = 0;
    qpdf_oh_begin_dict_key_iter(c->q, dict);
    while (qpdf_oh_dict_more_keys(c->q) && nk < 64) {
        char *k = gp_strdup(qpdf_oh_dict_next_key(c->q));
        if (k)
            keys[nk++] = k;
    }
    for (size_t i = 0; i < nk; i++) {
        if (skip_filters && (!strcmp(keys[i], "/Length") || !strcmp(keys[i], "/Filter") ||
                             !strcmp(keys[i], "/DecodeParms"))) {
            gp_free(keys[i]);
            continue;
        }
        gp_buf_puts(b, keys[i]);
        gp_buf_puts(b, " ");
        copy(c, qpdf_oh_get_key(c->q, dict, keys[i]), b, depth + 1);
        gp_free(keys[i]);
    }
}

static void copy(copier *c, qpdf_oh oh, gp_buf *b, int depth)
{
    if (depth > 24) {
        c->failed = true;
        return;
    }
    qpdf_data q = c->q;
    if (qpdf_oh_is_stream(q, oh)) {
        int id = qpdf_oh_get_object_id(q, oh);
        for (size_t i = 0; i < c->n; i++)
            if (c->ids[i] == id) {
                gp_buf_printf(b, "%u 0 R ", c->nums[i]);
                return;
            }
        if (c->n == 64) {
            c->failed = true;
            return;
        }
        uint32_t num = c->host->alloc(c->host->w);
        c->ids[c->n] = id;
        c->nums[c->n++] = num;
        gp_buf d = {0};
        copy_dict_entries(c, qpdf_oh_get_dict(q, oh), &d, depth, true);
        unsigned char *data = NULL;
        size_t len = 0;
        QPDF_BOOL filtered = 0;
        if (qpdf_oh_get_stream_data(q, oh, qpdf_dl_generalized, &filtered, &data, &len) ||
            !filtered) {
            c->failed = true;
        } else {
            c->host->stream(c->host->w, num, d.data ? d.data : "", data, len, true);
        }
        free(data);
        gp_buf_free(&d);
        gp_buf_printf(b, "%u 0 R ", num);
    } else if (qpdf_oh_is_dictionary(q, oh)) {
        gp_buf_puts(b, "<<");
        copy_dict_entries(c, oh, b, depth, false);
        gp_buf_puts(b, ">>");
    } else if (qpdf_oh_is_array(q, oh)) {
        gp_buf_puts(b, "[");
        int n = qpdf_oh_get_array_n_items(q, oh);
        for (int i = 0; i < n; i++)
            copy(c, qpdf_oh_get_array_item(q, oh, i), b, depth + 1);
        gp_buf_puts(b, "]");
    } else {
        gp_buf_puts(b, qpdf_oh_unparse_resolved(q, oh));
        gp_buf_puts(b, " ");
    }
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    gp_buf *b = closure;
    gp_buf_append(b, (const char *)data, len);
    return b->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

uint32_t gpmod_svg_form(const gpmod_pdf_host *host, const char *path, double width, double height,
                        char *err, size_t errcap)
{
    if (width <= 0 || height <= 0)
        width = height = 100;
    void *h = gpmod_svg_open(path);
    if (!h) {
        snprintf(err, errcap, "cannot read image %s", path);
        return 0;
    }
    gp_buf pdf = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &pdf, width, height);
    cairo_t *cr = cairo_create(s);
    bool ok = gpmod_svg_render(h, cr, width, height) == 0;
    cairo_destroy(cr);
    cairo_surface_finish(s);
    ok = ok && !cairo_surface_status(s) && !pdf.failed;
    cairo_surface_destroy(s);
    gpmod_svg_close(h);
    if (!ok) {
        gp_buf_free(&pdf);
        snprintf(err, errcap, "cannot draw SVG %s", path);
        return 0;
    }
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    uint32_t form = 0;
    if (qpdf_read_memory(q, "svg", pdf.data, pdf.len, NULL) & QPDF_ERRORS) {
        snprintf(err, errcap, "cannot draw SVG %s", path);
    } else {
        qpdf_oh page = qpdf_get_page_n(q, 0);
        unsigned char *content = NULL;
        size_t clen = 0;
        copier c = {q, host, {0}, {0}, 0, false};
        gp_buf d = {0};
        if (!qpdf_oh_get_page_content_data(q, page, &content, &clen)) {
            gp_buf_printf(&d, "/Type/XObject/Subtype/Form/BBox[0 0 %.3f %.3f]", width, height);
            gp_buf_printf(&d, "/Matrix[%.6f 0 0 %.6f 0 0]/Resources", 1.0 / width, 1.0 / height);
            copy(&c, qpdf_oh_get_key(q, page, "/Resources"), &d, 0);
            if (qpdf_oh_has_key(q, page, "/Group")) {
                gp_buf_puts(&d, "/Group");
                copy(&c, qpdf_oh_get_key(q, page, "/Group"), &d, 0);
            }
            if (!c.failed && !d.failed) {
                form = host->alloc(host->w);
                host->stream(host->w, form, d.data, content, clen, true);
            }
        }
        free(content);
        gp_buf_free(&d);
        if (!form)
            snprintf(err, errcap, "cannot copy the drawing of SVG %s", path);
    }
    qpdf_cleanup(&q);
    gp_buf_free(&pdf);
    return form;
}
