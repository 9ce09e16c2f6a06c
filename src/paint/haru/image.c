/* paint/haru/image.c - logos for the libharu painter.
 *
 * libharu cannot draw SVG, and a PNG with an alpha channel becomes an image
 * with a soft mask, which PDF/A-1 forbids. So every logo is decoded the way
 * the Cairo painter decodes it (Cairo for PNG, librsvg for SVG), into an
 * ARGB32 pixel buffer, and handed to libharu as raw 8-bit RGB samples. SVG
 * is rasterised at 300 dpi for the box it fills (at most 2400 pixels on its
 * longer side): this painter's SVG logos are pixels, not vectors. With
 * flatten (PDF/A) transparent pixels are composited onto the colour behind
 * the logo; otherwise the alpha channel becomes an /SMask. */
#include "paint/haru/haru.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "base/alloc.h"

#define SVG_DPI    300.0
#define SVG_MAX_PX 2400

/* Draws the image file into a new ARGB32 surface; NULL on failure. */
static cairo_surface_t *decode(const gp_item *it, char *err, size_t cap)
{
    if (it->u.image.kind == GP_IMAGE_PNG) {
        cairo_surface_t *png = cairo_image_surface_create_from_png(it->u.image.path);
        if (cairo_surface_status(png)) {
            snprintf(err, cap, "cannot read image %s: %s", it->u.image.path,
                     cairo_status_to_string(cairo_surface_status(png)));
            cairo_surface_destroy(png);
            return NULL;
        }
        if (cairo_image_surface_get_format(png) == CAIRO_FORMAT_ARGB32)
            return png;
        int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
        cairo_t *cr = cairo_create(s);
        cairo_set_source_surface(cr, png, 0, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
        cairo_surface_destroy(png);
        if (cairo_surface_status(s)) {
            snprintf(err, cap, "cannot convert image %s", it->u.image.path);
            cairo_surface_destroy(s);
            return NULL;
        }
        return s;
    }
    GError *gerr = NULL;
    RsvgHandle *svg = rsvg_handle_new_from_file(it->u.image.path, &gerr);
    if (!svg) {
        snprintf(err, cap, "cannot read SVG %s: %s", it->u.image.path,
                 gerr ? gerr->message : "unknown error");
        if (gerr)
            g_error_free(gerr);
        return NULL;
    }
    double scale = SVG_DPI / 72.0;
    double longer = it->w > it->h ? it->w : it->h;
    if (longer * scale > SVG_MAX_PX)
        scale = SVG_MAX_PX / longer;
    int w = (int)ceil(it->w * scale), h = (int)ceil(it->h * scale);
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(s);
    RsvgRectangle vp = {0, 0, w, h};
    bool ok = rsvg_handle_render_document(svg, cr, &vp, &gerr);
    cairo_destroy(cr);
    g_object_unref(svg);
    if (!ok || cairo_surface_status(s)) {
        snprintf(err, cap, "cannot draw SVG %s: %s", it->u.image.path,
                 gerr ? gerr->message : "cairo error");
        if (gerr)
            g_error_free(gerr);
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

static unsigned char to_byte(double v)
{
    return (unsigned char)(v <= 0 ? 0 : v >= 1 ? 255 : lround(v * 255.0));
}

HPDF_Image gp_haru_load_image(HPDF_Doc pdf, const gp_item *it, bool flatten, gp_color bg, char *err,
                              size_t cap)
{
    cairo_surface_t *s = decode(it, err, cap);
    if (!s)
        return NULL;
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    unsigned char *rgb = gp_malloc((size_t)w * (size_t)h * 3);
    unsigned char *alpha = gp_malloc((size_t)w * (size_t)h);
    HPDF_Image img = NULL;
    if (!rgb || !alpha) {
        snprintf(err, cap, "out of memory decoding %s", it->u.image.path);
        goto out;
    }
    unsigned bgr = bg.none ? 255 : to_byte(bg.r), bgg = bg.none ? 255 : to_byte(bg.g),
             bgb = bg.none ? 255 : to_byte(bg.b);
    bool translucent = false;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t px = row[x];
            unsigned a = px >> 24, r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
            unsigned char *o = rgb + ((size_t)y * (size_t)w + (size_t)x) * 3;
            if (flatten) { /* premultiplied over an opaque background */
                o[0] = (unsigned char)(r + ((255 - a) * bgr + 127) / 255);
                o[1] = (unsigned char)(g + ((255 - a) * bgg + 127) / 255);
                o[2] = (unsigned char)(b + ((255 - a) * bgb + 127) / 255);
            } else if (a == 0) {
                o[0] = o[1] = o[2] = 0;
            } else { /* un-premultiply */
                o[0] = (unsigned char)((r * 255 + a / 2) / a);
                o[1] = (unsigned char)((g * 255 + a / 2) / a);
                o[2] = (unsigned char)((b * 255 + a / 2) / a);
            }
            alpha[(size_t)y * (size_t)w + (size_t)x] = (unsigned char)a;
            translucent |= a != 255;
        }
    }
    img = HPDF_LoadRawImageFromMem(pdf, rgb, (HPDF_UINT)w, (HPDF_UINT)h, HPDF_CS_DEVICE_RGB, 8);
    if (img && translucent && !flatten) {
        HPDF_Image mask = HPDF_LoadRawImageFromMem(pdf, alpha, (HPDF_UINT)w, (HPDF_UINT)h,
                                                   HPDF_CS_DEVICE_GRAY, 8);
        if (!mask || HPDF_Image_AddSMask(img, mask) != HPDF_OK)
            img = NULL;
    }
    if (!img)
        snprintf(err, cap, "libharu cannot take image %s", it->u.image.path);
out:
    gp_free(rgb);
    gp_free(alpha);
    cairo_surface_destroy(s);
    return img;
}
