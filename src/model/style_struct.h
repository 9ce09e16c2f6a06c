/* model/style_struct.h - the layout of gp_style (private to the library).
 *
 * <guidepress/style.h> declares gp_style opaque, so a caller reads it only
 * through gp_style_name() and the other accessors (style_access.c); the
 * loader, layout, painters and engine include this header and read the
 * fields directly. After loading everything is in points and resolved RGB.
 * The value types of the fields (gp_color, gp_text_style, gp_box_style,
 * gp_running, gp_section_style, gp_font_file) stay public. */
#ifndef GP_MODEL_STYLE_STRUCT_H
#define GP_MODEL_STYLE_STRUCT_H

#include <guidepress/style.h>

struct gp_style {
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
};

#endif
