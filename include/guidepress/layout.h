/* guidepress/layout.h - from guide and style to a display list.
 *
 * A gp_fonts holds the private font configuration (the bundled fonts/ folder
 * plus any files a style names) and Pango's font map. It is expensive to
 * build and read-only afterwards: create one per worker and reuse it for
 * every document. gp_layout_run() measures, breaks and paginates with Pango
 * and returns a finished display list (running headers and footers, page
 * numbers, bookmarks and links included). */
#ifndef GUIDEPRESS_LAYOUT_H
#define GUIDEPRESS_LAYOUT_H

#include "display.h"
#include "error.h"
#include "guide.h"
#include "limits.h"
#include "style.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gp_fonts gp_fonts;

/* Builds the font set from every .ttf/.otf file in fonts_dir (one file at a
 * time into an empty fontconfig configuration). Returns NULL with a
 * GP_ERR_FONT diagnostic if the folder has no usable font. */
gp_fonts *gp_fonts_new(const char *fonts_dir, gp_diags *diags);
void gp_fonts_free(gp_fonts *f); /* NULL-safe */

/* True when the font set has a face of this family (bundled, added by the
 * style, or the machine's when the style asked for them). */
bool gp_fonts_has_family(const gp_fonts *f, const char *family);

/* The same plus the machine's fonts (the system fontconfig configuration),
 * for a style that sets fonts.system: true. Output then depends on the
 * machine. */
gp_fonts *gp_fonts_new_with_system(const char *fonts_dir, gp_diags *diags);

/* Adds one font file (e.g. named by a style). Returns 0, or -1 with a
 * GP_ERR_FONT diagnostic naming the path (missing file, not a font). */
int gp_fonts_add_file(gp_fonts *f, const char *path, const char *src_file, int line, int col,
                      gp_diags *diags);

/* Laid-out paragraphs are kept across documents, keyed by their text,
 * styles, measure and language, so a batch of personalised copies lays out
 * only what differs. The cache's memory is bounded (default 16 MiB, by
 * estimate); 0 turns it off and drops what it holds. */
#define GP_TEXT_CACHE_DEFAULT_BYTES ((size_t)16 << 20)
void gp_fonts_set_text_cache(gp_fonts *f, size_t max_bytes);

typedef struct gp_text_cache_stats {
    unsigned long long hits, misses; /* lookups */
    unsigned long long stored;       /* paragraphs added */
    unsigned long long generations;  /* times the oldest half was dropped */
    size_t entries;                  /* paragraphs held now */
    size_t max_bytes;
} gp_text_cache_stats;
void gp_fonts_text_cache_stats(const gp_fonts *f, gp_text_cache_stats *out);

typedef struct gp_layout_options {
    long long date;      /* document date, seconds since epoch (metadata) */
    const char *creator; /* e.g. "guidepress 0.1" */
    double started;      /* CLOCK_MONOTONIC seconds the document's time budget
                            (gp_limits.max_seconds) counts from; 0: now */
} gp_layout_options;

/* Lays the guide out in the style. Returns a display list the caller owns,
 * or NULL with errors in diags. Warnings (missing glyphs, a block split
 * because it is taller than a page) are added to diags too. */
gp_display *gp_layout_run(gp_fonts *fonts, const gp_guide *guide, const gp_style *style,
                          const gp_layout_options *opt, const gp_limits *lim, gp_diags *diags);

/* Decodes a logo (PNG or SVG) as layout will: returns 0, or -1 with a
 * GP_ERR_IMAGE diagnostic at pos (missing, too large, corrupt). lim may be
 * NULL for the defaults. Used by `check` so a corrupt logo fails there. */
int gp_logo_check(const char *path, gp_pos pos, const gp_limits *lim, gp_diags *diags);

/* The layout linter (issue 20): reads a finished display list and reports
 * what a designer would send back. guide may be NULL (then dropped data
 * items are not looked for); style is the one the display list was laid
 * out with. */
typedef enum gp_lint_kind {
    GP_LINT_OUTSIDE = 0,      /* content outside the page, or text outside the text area */
    GP_LINT_OVERLAP,          /* text boxes overlapping each other or an image */
    GP_LINT_DROPPED,          /* a data item of the guide is not on any page */
    GP_LINT_STRANDED_HEADING, /* a heading ends a page; its first item is on the next */
    GP_LINT_TABLE_SPLIT,      /* a table split with too few rows on a side */
    GP_LINT_TABLE_CHART,      /* a table and its chart apart though both fit on a page */
    GP_LINT_LAST_PAGE,        /* the last page filled under breaks.last_page_min_fill */
    GP_LINT_CONTRAST,         /* text under WCAG AA contrast on what is under it */
    GP_LINT__COUNT
} gp_lint_kind;

typedef struct gp_lint_finding {
    gp_lint_kind kind;
    int page;      /* 1-based; 0 when the finding is about the guide's data */
    char *message; /* never NULL */
} gp_lint_finding;

typedef struct gp_lint gp_lint;

/* Returns the findings (possibly none), or NULL when memory runs out. The
 * caller owns the result. */
gp_lint *gp_layout_lint(const gp_display *dl, const gp_guide *guide, const gp_style *style);
size_t gp_lint_count(const gp_lint *l);
const gp_lint_finding *gp_lint_get(const gp_lint *l, size_t i);
void gp_lint_free(gp_lint *l);                 /* NULL-safe */
const char *gp_lint_kind_name(gp_lint_kind k); /* "outside", "overlap", ... */

/* WCAG 2 contrast ratio of two colours (1 to 21). */
double gp_contrast_ratio(gp_color a, gp_color b);

#ifdef __cplusplus
}
#endif
#endif
