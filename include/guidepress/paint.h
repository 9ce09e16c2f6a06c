/* guidepress/paint.h - painters: turn a display list into a file.
 *
 * A painter is a small vtable (like Cairo's surface backends or MuPDF's
 * fz_device). gp_paint() walks a gp_display and calls the painter; it stops
 * at the painter's first error (sticky status) and reports it as a
 * diagnostic. Output goes through a write callback so a PDF can go to a
 * file, to memory or to a socket. */
#ifndef GUIDEPRESS_PAINT_H
#define GUIDEPRESS_PAINT_H

#include <stdbool.h>
#include <stddef.h>

#include "display.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns 0 on success, non-zero on a write error. */
typedef int (*gp_write_fn)(void *closure, const unsigned char *data, size_t len);

typedef enum gp_format { GP_FORMAT_PDF = 0, GP_FORMAT_PNG, GP_FORMAT_SVG } gp_format;

/* A painter (src/paint/painter.h defines the interface): our own PDF
 * writer, Cairo (PDF, PNG, SVG), libharu (PDF) or the trace of the display
 * list for golden tests. Opaque. */
typedef struct gp_painter gp_painter;

/* PNG and SVG give one file per page: the painter asks for a sink at the
 * start of each page (open) and hands it back at the end (close). */
typedef struct gp_page_sink {
    /* Sets *write and *closure for page index; returns 0 or an error. */
    int (*open)(void *ctx, size_t index, gp_write_fn *write, void **closure);
    /* Finishes that page's file; returns 0 or an error. */
    int (*close)(void *ctx, size_t index, void *closure, int failed);
    void *ctx;
} gp_page_sink;

/* Options shared by the painters. */
typedef struct gp_paint_options {
    gp_format format;
    double dpi;              /* PNG only; default 150 */
    bool tagged;             /* emit structure tags (Cairo PDF) */
    bool pdfa;               /* PDF/A-1b (libharu painter) */
    const char *icc_profile; /* sRGB ICC profile for PDF/A; NULL: default */
    gp_page_sink pages;      /* PNG and SVG only */
} gp_paint_options;

/* The Cairo painter: PDF through write/closure; PNG and SVG through
 * opt->pages. Returns NULL with a diagnostic if the options are unusable. */
gp_painter *gp_painter_cairo_new(const gp_paint_options *opt, gp_write_fn write, void *closure,
                                 gp_diags *diags);

/* The libharu painter (PDF only). */
gp_painter *gp_painter_haru_new(const gp_paint_options *opt, gp_write_fn write, void *closure,
                                gp_diags *diags);

/* Options of the PDF painter (src/paint/pdf/). */
typedef struct gp_pdf_options {
    bool tagged;                /* structure tree and artifacts (PDF/UA-1) */
    bool pdfa;                  /* PDF/A-2u: OutputIntent, pdfaid; unmapped glyphs are errors */
    const char *icc_profile;    /* sRGB ICC profile for PDF/A; NULL: default */
    const char *password;       /* AES-256 (R6) user password, or NULL */
    const char *owner_password; /* NULL or "": derived from the user password */
    unsigned permissions;       /* GP_PERM_* (guidepress.h) */
    bool no_forms;              /* check boxes as plain printed boxes, no form fields */
} gp_pdf_options;

/* The PDF painter of our own: writes the file straight from the display
 * list (the default for PDF output). */
gp_painter *gp_painter_pdf_new(const gp_pdf_options *opt, gp_write_fn write, void *closure,
                               gp_diags *diags);

/* The trace painter: writes the display list as stable text (positions
 * rounded to 0.01 pt) through write/closure, the format of the golden tests
 * (tests/golden, `render --dump-display`). */
gp_painter *gp_painter_trace_new(gp_write_fn write, void *closure, gp_diags *diags);

/* Paints every page of dl. Returns 0, or -1 with a GP_ERR_PAINT diagnostic.
 * Does not destroy the painter. */
int gp_paint(gp_painter *p, const gp_display *dl, gp_diags *diags);

void gp_painter_free(gp_painter *p); /* NULL-safe */

#ifdef __cplusplus
}
#endif
#endif
