/* modules/svg.c - guidepress-svg.so: SVG logos through librsvg, which
 * (with the GIO, GdkPixbuf and Rust runtime it brings) is loaded only by
 * renders that have an SVG logo. Layout asks for the size (layout/image.c,
 * through base/svg.c), the Cairo painter draws it, and the PDF painter
 * turns it into a form XObject (paint/pdf/svg.c, also in this module). */
#include <librsvg/rsvg.h>

#include "modules/api.h"

int gpmod_svg_size(const char *path, double *w, double *h)
{
    GError *err = NULL;
    RsvgHandle *r = rsvg_handle_new_from_file(path, &err);
    if (err)
        g_error_free(err);
    if (!r)
        return 1;
    gdouble ww = 0, hh = 0;
    gboolean ok = rsvg_handle_get_intrinsic_size_in_pixels(r, &ww, &hh);
    if (!ok || ww <= 0 || hh <= 0) {
        RsvgRectangle ink, logical;
        if (rsvg_handle_get_geometry_for_element(r, NULL, &ink, &logical, NULL)) {
            ww = logical.width;
            hh = logical.height;
        }
    }
    g_object_unref(r);
    *w = ww;
    *h = hh;
    return ww <= 0 || hh <= 0 ? 2 : 0;
}

void *gpmod_svg_open(const char *path)
{
    GError *err = NULL;
    RsvgHandle *r = rsvg_handle_new_from_file(path, &err);
    if (err)
        g_error_free(err);
    return r;
}

int gpmod_svg_render(void *svg, cairo_t *cr, double w, double h)
{
    RsvgRectangle vp = {0, 0, w, h};
    GError *err = NULL;
    gboolean ok = rsvg_handle_render_document(svg, cr, &vp, &err);
    if (err)
        g_error_free(err);
    return ok ? 0 : -1;
}

void gpmod_svg_close(void *svg)
{
    if (svg)
        g_object_unref(svg);
}
