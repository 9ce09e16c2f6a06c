/* modules/api.h - the entry points of the plug-in modules (base/module.h).
 *
 * Each module exports gpmod_abi (== GP_MODULE_ABI) and the functions below,
 * nothing else. The core calls them through gp_module_fn(); the modules
 * define them. Declaring both sides with the same function types here lets
 * the compiler check that they agree. */
#ifndef GP_MODULES_API_H
#define GP_MODULES_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <guidepress/paint.h>

#include "base/module.h"
#include "engine/engine.h"
#include "mail/mail.h"
#include "plan/plan.h"

extern const char gpmod_abi[];

/* guidepress-haru.so (src/paint/haru): the libharu painter, as
 * gp_painter_haru_new() (guidepress/paint.h). */
typedef gp_painter *gpmod_haru_painter_new_fn(const gp_paint_options *opt, gp_write_fn write,
                                              void *closure, gp_diags *diags);
gpmod_haru_painter_new_fn gpmod_haru_painter_new;

/* guidepress-qpdf.so (src/engine/post.c): gp_pdf_postprocess()
 * (engine/engine.h). */
typedef int gpmod_pdf_postprocess_fn(gp_buf *pdf, const gp_post_options *opt, gp_diags *diags);
gpmod_pdf_postprocess_fn gpmod_pdf_postprocess;

/* guidepress-svg.so (src/modules/svg.c, src/paint/pdf/svg.c): SVG files
 * through librsvg, and an SVG drawn as a PDF form XObject through Cairo's
 * PDF surface and libqpdf. */

/* The size of the SVG at path in CSS pixels: 0, or 1 when librsvg cannot
 * read it, 2 when it has no size. */
typedef int gpmod_svg_size_fn(const char *path, double *w, double *h);
gpmod_svg_size_fn gpmod_svg_size;
/* An SVG read once and drawn many times; NULL when unreadable. */
typedef void *gpmod_svg_open_fn(const char *path);
gpmod_svg_open_fn gpmod_svg_open;
/* Draws the SVG to fill the box (0,0)-(w,h) of cr; 0, or -1. */
typedef int gpmod_svg_render_fn(void *svg, cairo_t *cr, double w, double h);
gpmod_svg_render_fn gpmod_svg_render;
typedef void gpmod_svg_close_fn(void *svg);
gpmod_svg_close_fn gpmod_svg_close;

/* The PDF painter's object writer, as the SVG form copier needs it. */
typedef struct gpmod_pdf_host {
    void *w; /* the painter's pdfw */
    uint32_t (*alloc)(void *w);
    void (*stream)(void *w, uint32_t num, const char *dict, const void *data, size_t len,
                   bool deflate);
} gpmod_pdf_host;
/* The SVG at path as one form XObject of width x height (its /Matrix maps
 * it to the unit square), written through host; its object number, or 0
 * with the reason in err. */
typedef uint32_t gpmod_svg_form_fn(const gpmod_pdf_host *host, const char *path, double width,
                                   double height, char *err, size_t errcap);
gpmod_svg_form_fn gpmod_svg_form;

/* guidepress-mail.so (src/mail/eml.c): gp_mail_build() (mail/mail.h). */
typedef int gpmod_mail_build_fn(const gp_guide *g, const gp_style *s, const gp_mail *m, char **out,
                                size_t *len, gp_diags *diags);
gpmod_mail_build_fn gpmod_mail_build;
/* g_mime_init(), once; 0. */
typedef int gpmod_mail_init_fn(void);
gpmod_mail_init_fn gpmod_mail_init;
/* gp_mail_address_ok() (mail/mail.h). */
typedef bool gpmod_mail_address_ok_fn(const char *v);
gpmod_mail_address_ok_fn gpmod_mail_address_ok;

/* guidepress-ics.so (src/plan/ics.c): gp_plan_ics() (plan/plan.h). */
typedef int gpmod_plan_ics_fn(const gp_guide *g, const gp_plan *p, long long date, char **out,
                              size_t *len, gp_diags *diags);
gpmod_plan_ics_fn gpmod_plan_ics;

#endif
