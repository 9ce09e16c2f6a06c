/* layout/image.c - probing logos (see image.h). The PNG is fully decoded
 * once here by Cairo (after its header passed the size limits) so that a
 * corrupt file is reported at layout time with its path, never half-way
 * through painting. */
#include "layout/image.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

static int fail(gp_lctx *lc, gp_pos pos, const char *path, const char *why)
{
    gp_diags_add(lc->diags, GP_ERR_IMAGE, GP_SEV_ERROR, pos.file, pos.line, pos.col, NULL, NULL,
                 "logo %s: %s", path, why);
    lc->failed = 1;
    return -1;
}

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

int gp_image_probe(gp_lctx *lc, const char *path, gp_pos pos, gp_image_info *out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return fail(lc, pos, path, "file not found");
    if ((size_t)st.st_size > lc->lim->max_image_bytes)
        return fail(lc, pos, path, "file is larger than the image size limit");
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(lc, pos, path, "cannot open the file");
    unsigned char head[32] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 24 && !memcmp(head, png_sig, 8) && !memcmp(head + 12, "IHDR", 4)) {
        unsigned w = be32(head + 16), h = be32(head + 20);
        if (w == 0 || h == 0)
            return fail(lc, pos, path, "PNG has no pixels");
        if ((double)w * (double)h > (double)lc->lim->max_image_pixels || w > 32767 || h > 32767) {
            /* Refused from the header alone: nothing is decoded. */
            char why[160];
            if (w > 32767 || h > 32767)
                snprintf(why, sizeof why,
                         "PNG is %u x %u pixels; a side may be at most 32767 pixels", w, h);
            else
                snprintf(why, sizeof why, "PNG is %u x %u pixels, more than the %ld-pixel limit", w,
                         h, lc->lim->max_image_pixels);
            return fail(lc, pos, path, why);
        }
        cairo_surface_t *s = cairo_image_surface_create_from_png(path);
        cairo_status_t stt = cairo_surface_status(s);
        cairo_surface_destroy(s);
        if (stt)
            return fail(lc, pos, path, "PNG is corrupt or unreadable");
        out->kind = GP_IMAGE_PNG;
        out->width = w * 0.75;
        out->height = h * 0.75;
        return 0;
    }
    GError *err = NULL;
    RsvgHandle *h = rsvg_handle_new_from_file(path, &err);
    if (!h) {
        if (err)
            g_error_free(err);
        return fail(lc, pos, path, "not a PNG or SVG image (or a corrupt one)");
    }
    gdouble w = 0, hh = 0;
    gboolean ok = rsvg_handle_get_intrinsic_size_in_pixels(h, &w, &hh);
    if (!ok || w <= 0 || hh <= 0) {
        RsvgRectangle ink, logical;
        if (rsvg_handle_get_geometry_for_element(h, NULL, &ink, &logical, NULL)) {
            w = logical.width;
            hh = logical.height;
        }
    }
    g_object_unref(h);
    if (w <= 0 || hh <= 0)
        return fail(lc, pos, path, "SVG has no size (set width and height or a viewBox)");
    out->kind = GP_IMAGE_SVG;
    out->width = w * 0.75;
    out->height = hh * 0.75;
    return 0;
}

int gp_logo_check(const char *path, gp_pos pos, const gp_limits *lim, gp_diags *diags)
{
    gp_limits defaults;
    if (!lim) {
        gp_limits_default(&defaults);
        lim = &defaults;
    }
    gp_lctx lc = {0};
    lc.lim = lim;
    lc.diags = diags;
    gp_image_info info;
    return gp_image_probe(&lc, path, pos, &info);
}
