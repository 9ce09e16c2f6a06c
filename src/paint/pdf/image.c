/* paint/pdf/image.c - logos as XObjects, each written once per document.
 *
 * PNG: decoded by Cairo's PNG loader (the one the Cairo painter uses; no
 * decoder of our own), premultiplied ARGB turned back into 8-bit RGB
 * samples plus an 8-bit /SMask when any pixel is not opaque.
 *
 * SVG: see svg.c - drawn once into a form XObject that every page shares,
 * so the logo stays vector. */
#include "paint/pdf/pdf.h"

#include <cairo.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

typedef struct pdf_image {
    const char *path;
    uint32_t obj;
    char name[16];
} pdf_image;

struct pdf_images {
    pdf_image *v;
    size_t n, cap;
};

/* svg.c */
uint32_t pdf_svg_form(pdfw *w, const char *path, double width, double height, char *err,
                      size_t errcap);

static uint32_t png_xobject(pdfw *w, const char *path, char *err, size_t errcap)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s)) {
        snprintf(err, errcap, "cannot read image %s: %s", path,
                 cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return 0;
    }
    cairo_surface_flush(s);
    int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    bool argb = cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32;
    const unsigned char *px = cairo_image_surface_get_data(s);
    size_t np = (size_t)iw * (size_t)ih;
    unsigned char *rgb = gp_malloc(np * 3 + 1), *alpha = gp_malloc(np + 1);
    if (!rgb || !alpha || !px) {
        gp_free(rgb);
        gp_free(alpha);
        cairo_surface_destroy(s);
        snprintf(err, errcap, "out of memory reading image %s", path);
        return 0;
    }
    bool translucent = false;
    for (int y = 0; y < ih; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(px + (size_t)y * (size_t)stride);
        for (int x = 0; x < iw; x++) {
            uint32_t p = row[x];
            unsigned a = argb ? p >> 24 : 255;
            unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            if (a != 255) {
                translucent = true;
                if (a) {
                    r = (r * 255 + a / 2) / a;
                    g = (g * 255 + a / 2) / a;
                    b = (b * 255 + a / 2) / a;
                }
            }
            size_t i = (size_t)y * (size_t)iw + (size_t)x;
            rgb[i * 3] = (unsigned char)(r > 255 ? 255 : r);
            rgb[i * 3 + 1] = (unsigned char)(g > 255 ? 255 : g);
            rgb[i * 3 + 2] = (unsigned char)(b > 255 ? 255 : b);
            alpha[i] = (unsigned char)a;
        }
    }
    cairo_surface_destroy(s);
    uint32_t obj = pdfw_alloc(w);
    uint32_t mask = translucent ? pdfw_alloc(w) : 0;
    char dict[160];
    if (mask) {
        snprintf(dict, sizeof dict,
                 "/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray"
                 "/BitsPerComponent 8",
                 iw, ih);
        pdfw_stream(w, mask, dict, alpha, np, true);
    }
    int k = snprintf(dict, sizeof dict,
                     "/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceRGB"
                     "/BitsPerComponent 8",
                     iw, ih);
    if (mask)
        snprintf(dict + k, sizeof dict - (size_t)k, "/SMask %u 0 R", mask);
    pdfw_stream(w, obj, dict, rgb, np * 3, true);
    gp_free(rgb);
    gp_free(alpha);
    return obj;
}

uint32_t pdf_image_get(pdf_images **pims, pdfw *w, const gp_item *it, char *err, size_t errcap)
{
    if (!*pims) {
        *pims = gp_calloc(1, sizeof **pims);
        if (!*pims) {
            snprintf(err, errcap, "out of memory");
            return 0;
        }
    }
    pdf_images *ims = *pims;
    for (size_t i = 0; i < ims->n; i++)
        if (!strcmp(ims->v[i].path, it->u.image.path))
            return ims->v[i].obj;
    if (ims->n == ims->cap) {
        size_t cap = ims->cap ? ims->cap * 2 : 4;
        pdf_image *v = gp_realloc(ims->v, cap * sizeof *v);
        if (!v) {
            snprintf(err, errcap, "out of memory");
            return 0;
        }
        ims->v = v;
        ims->cap = cap;
    }
    uint32_t obj = it->u.image.kind == GP_IMAGE_SVG
                       ? pdf_svg_form(w, it->u.image.path, it->w, it->h, err, errcap)
                       : png_xobject(w, it->u.image.path, err, errcap);
    if (!obj)
        return 0;
    pdf_image *im = &ims->v[ims->n];
    im->path = it->u.image.path;
    im->obj = obj;
    snprintf(im->name, sizeof im->name, "Im%zu", ims->n);
    ims->n++;
    return obj;
}

const char *pdf_image_name(const pdf_images *ims, uint32_t obj)
{
    for (size_t i = 0; ims && i < ims->n; i++)
        if (ims->v[i].obj == obj)
            return ims->v[i].name;
    return "Im0";
}

void pdf_images_resources(const pdf_images *ims, gp_buf *b)
{
    if (!ims || !ims->n)
        return;
    gp_buf_puts(b, "/XObject<<");
    for (size_t i = 0; i < ims->n; i++)
        gp_buf_printf(b, "/%s %u 0 R", ims->v[i].name, ims->v[i].obj);
    gp_buf_puts(b, ">>");
}

void pdf_images_free(pdf_images *ims)
{
    if (!ims)
        return;
    gp_free(ims->v);
    gp_free(ims);
}
