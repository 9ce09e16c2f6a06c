/* guidepress/style.h - the style sheet model: a brand.
 *
 * A style sheet (YAML, `style: 1`) says how a guide looks; see
 * shared/spec/style-format.md for the capabilities and
 * docs/style-reference.md for every key, type, default and example.
 * Loading resolves `extends:` (a shipped style by name, or a file by path;
 * deep merge: maps merge, lists and scalars replace), the palette (colours
 * are referenced by name everywhere else), units (pt, mm, cm, in) and
 * paths (logo and font files, relative to the style file that named them).
 * After loading everything is in points and resolved RGB; the layout reads
 * the loaded style and never the YAML.
 *
 * gp_style is opaque: a caller reads it with the accessors at the end of
 * this header. gp_color, gp_text_style and the other small structs stay
 * public as read-only views (plain values that own nothing) of what the
 * accessors return and of what the library's layout reads. */
#ifndef GUIDEPRESS_STYLE_H
#define GUIDEPRESS_STYLE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "guide.h"
#include "limits.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A resolved colour. none == true means "no paint" (transparent). */
typedef struct gp_color {
    double r, g, b; /* 0..1 */
    bool none;
} gp_color;

typedef enum gp_align {
    GP_ALIGN_LEFT = 0,
    GP_ALIGN_JUSTIFY,
    GP_ALIGN_CENTER,
    GP_ALIGN_RIGHT
} gp_align;

/* A text style. Sizes in points. */
typedef struct gp_text_style {
    const char *family; /* resolved family name, e.g. "Noto Sans" */
    double size;        /* pt */
    int weight;         /* 100..900 (400 regular, 700 bold) */
    bool italic;
    gp_color color;
    double leading; /* baseline-to-baseline distance, pt */
    gp_align align;
    double space_before; /* pt */
    double space_after;  /* pt */
    bool hyphenate;
    bool uppercase;    /* set in capitals (labels, kickers) */
    double tracking;   /* extra letter spacing, pt */
    gp_pos pos;        /* where this style was (last) set */
    gp_pos family_pos; /* where the family name was written (the `fonts:` alias
                          when `font` names one) */
} gp_text_style;

/* The text styles a style sheet defines, by role. */
typedef enum gp_text_role {
    GP_TS_BODY = 0,
    GP_TS_H1, /* guide title */
    GP_TS_H2, /* section titles */
    GP_TS_H3, /* sub-headings: panel titles, FAQ questions */
    GP_TS_KICKER,
    GP_TS_SUMMARY,
    GP_TS_STAT_VALUE,
    GP_TS_STAT_LABEL,
    GP_TS_CARD_TITLE,
    GP_TS_LABEL,   /* small labels: "As a Data Engineer", step time ranges */
    GP_TS_CAPTION, /* chart captions, notes */
    GP_TS_TABLE,   /* salary table cells */
    GP_TS_TABLE_HEADER,
    GP_TS_HEADER, /* running header */
    GP_TS_FOOTER, /* running footer */
    GP_TS__COUNT
} gp_text_role;

/* "body", "h1", ... as used in the style sheet's `text:` map. */
const char *gp_text_role_name(gp_text_role r);

/* A box: background, border, corner radius, padding. */
typedef struct gp_box_style {
    gp_color background;
    gp_color border;
    double border_width; /* pt */
    double radius;       /* pt */
    double padding;      /* pt */
} gp_box_style;

typedef enum gp_marker_shape {
    GP_MARKER_CIRCLE = 0,
    GP_MARKER_SQUARE,
    GP_MARKER_NONE
} gp_marker_shape;

/* One running header or footer. Texts may contain the placeholders {title},
 * {from}, {to}, {page}, {pages}, {brand}, {date}, {prepared_for},
 * {prepared_by}, {website}, {contact}; NULL or "" means empty. */
typedef struct gp_running {
    const char *left, *center, *right;
    bool first_page; /* shown on page 1 */
    gp_color rule;   /* rule between it and the body; none for no rule */
    bool logo;       /* the brand logo at the left end of the band */
} gp_running;

/* How a link's address reaches paper (typography.link_addresses). */
typedef enum gp_link_print {
    GP_LINKS_NONE = 0, /* only the link text (screen styles) */
    GP_LINKS_AFTER,    /* "text (example.com/path)" */
    GP_LINKS_FOOTNOTE  /* "text¹" and the address in a note under the paragraph */
} gp_link_print;

/* Per section type switches. */
typedef struct gp_section_style {
    bool hide;
    bool new_page;
    int columns; /* 1..3; card columns for skills and gaps, panels for compare */
} gp_section_style;

/* An extra font file named by the style (TTF/OTF), absolute path after
 * loading. */
typedef struct gp_font_file {
    const char *path;
    gp_pos pos;
} gp_font_file;

/* A loaded style sheet: opaque; read it with the accessors below. */
typedef struct gp_style gp_style;

/* Loads a style from a file path, resolving `extends` (shipped styles are
 * looked up in styles_dir, which may be NULL for the built-in default
 * "styles" folder next to the program's data). Returns NULL on error, with
 * every error found in diags. The caller owns the result. */
gp_style *gp_style_load_file(const char *path, const char *styles_dir, const gp_limits *lim,
                             gp_diags *diags);

/* Loads a shipped style by name ("default", "print-mono", ...). */
gp_style *gp_style_load_named(const char *name, const char *styles_dir, const gp_limits *lim,
                              gp_diags *diags);

/* Same from memory; name is the file name in diagnostics and base_dir the
 * folder relative paths resolve against. */
gp_style *gp_style_load_memory(const char *data, size_t len, const char *name, const char *base_dir,
                               const char *styles_dir, const gp_limits *lim, gp_diags *diags);

void gp_style_free(gp_style *s); /* NULL-safe */

/* The JSON Schema (draft 07) of style files, written from the loader's own
 * key tables (docs/schema/). Caller owns the NUL-terminated text (free());
 * *len, when not NULL, gets its length. NULL when out of memory. */
char *gp_style_schema_new(size_t *len);

/* Looks up a palette colour by name; returns false if absent. */
bool gp_style_color(const gp_style *s, const char *name, gp_color *out);

/* Accessors. Every pointer they return is borrowed: read-only, valid until
 * gp_style_free(s) (for a style from gp_engine_style: until
 * gp_engine_free). */

/* The style's name: its file name without extension, or the shipped
 * style's name ("default"). */
const char *gp_style_name(const gp_style *s);

/* The file it was loaded from (the leaf of its `extends` chain), or the
 * name given to gp_style_load_memory. */
const char *gp_style_path(const gp_style *s);

/* The brand's name (`brand.name`), or NULL when the style has none. */
const char *gp_style_brand_name(const gp_style *s);

/* The brand's logo file (`brand.logo`) as an absolute path, or NULL. */
const char *gp_style_logo(const gp_style *s);

/* The page a style sets, in points. */
typedef struct gp_page_geometry {
    double width, height;
    double margin_top, margin_right, margin_bottom, margin_left;
    double header_gap;     /* between the running header's band and the body */
    const char *size_name; /* "A4", "Letter", ... or "custom"; borrowed */
} gp_page_geometry;

/* Fills *out with the style's page geometry. */
void gp_style_page(const gp_style *s, gp_page_geometry *out);

/* The text style for a role, or NULL for a role out of range. */
const gp_text_style *gp_style_text(const gp_style *s, gp_text_role role);

#ifdef __cplusplus
}
#endif
#endif
