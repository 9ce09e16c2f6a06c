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
 * the struct and never the YAML. */
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

typedef struct gp_style {
    int version;      /* 1 */
    const char *path; /* file it was loaded from (the leaf of extends) */
    const char *name; /* file name without extension, or shipped name */

    /* brand */
    const char *brand_name; /* may be NULL */
    const char *brand_logo; /* absolute path or NULL */
    gp_pos brand_logo_pos;
    double logo_width;         /* pt, in the title block */
    const char *logo_alt;      /* alt text; default brand name */
    const char *brand_website; /* may be NULL */
    const char *brand_contact; /* may be NULL */

    /* page */
    double page_width, page_height;                              /* pt */
    double margin_top, margin_right, margin_bottom, margin_left; /* pt */
    const char *page_size_name;                                  /* "A4", ..., or "custom" */

    /* palette (named colours) */
    const char **color_names;
    gp_color *colors;
    size_t n_colors;

    /* fonts */
    gp_font_file *font_files;
    size_t n_font_files;
    bool system_fonts; /* allow the machine's fonts (default false) */

    gp_text_style text[GP_TS__COUNT];

    /* components */
    struct {
        gp_box_style box; /* title block panel */
        bool show_logo;
        gp_color rule; /* rule under the title block; none for no rule */
    } cover;
    struct {
        gp_box_style box; /* stats banner */
        gp_color divider; /* between stats; none for no divider */
    } stats;
    struct {
        gp_box_style box;
        int columns;      /* 1..3 */
        double gap;       /* between cards, pt */
        gp_color accent;  /* stripe / number colour; none to omit */
        gp_color direct;  /* badge colour for `direct` skills */
        gp_color divider; /* between the two halves of a skill card */
    } cards;
    struct {
        gp_marker_shape marker;
        double marker_size; /* pt */
        gp_color marker_fill;
        gp_color marker_text; /* colour of the step number */
        gp_color line;        /* connecting line; none for no line */
        double line_width;    /* pt */
        bool tickbox;
        double tickbox_size; /* pt */
        gp_color tickbox_color;
    } timeline;
    struct {
        gp_color header_background;
        gp_color header_color;
        gp_color zebra; /* alternate row fill; none for no zebra */
        gp_color rule;
        double cell_padding;    /* pt */
        bool chart;             /* draw the range chart */
        gp_color *chart_colors; /* one per role, cycled */
        size_t n_chart_colors;
        double chart_bar_height; /* pt */
    } table;
    struct {
        gp_box_style box;
        double min_width; /* text width below which panels stack, pt */
    } compare;
    struct {
        gp_color rule;   /* separator between entries; none for none */
        gp_color marker; /* the Q marker colour; none to omit */
    } faq;
    struct {
        gp_box_style box;
        gp_color link_background; /* the link "button"; none for a plain link */
        gp_color link_color;
    } cta;
    struct {
        gp_color bullet; /* list markers */
        double indent;   /* pt */
    } list;

    /* Page-break rules (issue 20). */
    struct {
        int table_min_rows;        /* rows on each side of a table break (>= 1) */
        int table_rows_whole;      /* a table of up to this many rows is never split */
        bool table_with_chart;     /* keep a salary table with its chart when both fit */
        int orphans, widows;       /* lines kept at a paragraph's start / end (>= 1) */
        double last_page_min_fill; /* 0..1: a last page filled less is avoided */
    } breaks;
    /* Typography from the data (issue 20). */
    struct {
        bool italics;       /* false: emphasis is set in bold instead */
        bool smart_quotes;  /* straight quotes become the language's quotes */
        bool range_dash;    /* "1-3" between numbers becomes "1–3" */
        int link_addresses; /* GP_LINKS_*: print a link's address on paper */
    } typography;

    /* The email a plan is sent with (`email:`; docs/plan.md). */
    struct {
        const char *subject; /* template: {prepared_for} {adviser} {from} {to} ... */
        const char *body;    /* template; plain text, a blank line between paragraphs */
        double max_size;     /* bytes; a bigger message is a warning */
    } email;

    gp_running header;
    gp_running footer;
    double header_gap; /* distance between header baseline band and body, pt */

    gp_section_style sections[GP_SEC__COUNT];

    gp_label_override *labels; /* `labels:` (message id -> the brand's words) */
    size_t n_labels;
    gp_digits digits; /* GP_DIGITS_UNSET means Latin */

    struct gp_style_private *priv; /* arena; not for callers */
} gp_style;

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

#ifdef __cplusplus
}
#endif
#endif
