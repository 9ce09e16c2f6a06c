/* model/style_conv.h - the converter's toolkit, shared by its two halves.
 *
 * style_convert.c reads single values out of the merged YAML tree (lengths,
 * colours, enums, paths) and converts a mapping described by a field
 * table; style_schema.c holds the tables (the schema as data) and the few
 * mappings that need code (palette, fonts, page, text, sections). Every
 * function reports to the diagnostics at the node that wrote the value and
 * returns false (or leaves the target unchanged) on error. Private to the
 * style loader. */
#ifndef GP_MODEL_STYLE_CONV_H
#define GP_MODEL_STYLE_CONV_H

#include "model/style_priv.h"

#define GP_SC_MIN_TEXT_EXTENT 72.0 /* the text area keeps an inch each way */
#define GP_SC_N(tab)          (sizeof tab / sizeof tab[0])

typedef enum gp_sc_kind {
    F_LEN,           /* double, >= 0 */
    F_LEN_SIGNED,    /* double, any sign (tracking) */
    F_FONT_SIZE,     /* double, limits min_font_pt..max_font_pt */
    F_LEADING,       /* double, > 0 */
    F_COLOR,         /* gp_color */
    F_BOOL,          /* bool */
    F_COLUMNS,       /* int 1..3 */
    F_STR,           /* const char *, NULL for an empty value */
    F_TEMPLATE,      /* const char * with {placeholders} checked */
    F_WEIGHT,        /* int 100..900 */
    F_SLANT,         /* bool italic */
    F_ALIGN,         /* gp_align */
    F_MARKER,        /* gp_marker_shape */
    F_FONTREF,       /* const char *: body/heading alias or a family */
    F_FAMILY,        /* const char *, non-empty */
    F_LOGO,          /* brand logo path */
    F_FONT_FILES,    /* fonts.files list */
    F_COLOR_LIST,    /* table.chart_colors */
    F_COUNT,         /* int 1..20 */
    F_FRACTION,      /* double 0..1 */
    F_LINKS,         /* gp_link_print: none, after, footnote */
    F_MAIL_TEMPLATE, /* const char * with the email's {placeholders} checked */
    F_BYTES,         /* double: a size, "10 MB", "512 KB" or a number of bytes */
    F_IGNORE         /* handled elsewhere */
} gp_sc_kind;

typedef struct gp_sc_field {
    const char *key;
    gp_sc_kind kind;
    size_t off;
} gp_sc_field;

typedef struct gp_sc {
    gp_style_conv *cv;
    gp_style *s;
    const char *font_body, *font_heading;
    const gp_ynode *font_body_node, *font_heading_node; /* where each alias was set */
    const gp_ynode **color_keys;                        /* the palette's key nodes, by index */
    unsigned char *color_used;                          /* a value named the palette colour */
    const gp_ynode *size_node, *margin_node;
    bool nomem; /* an out-of-memory error was reported */
} gp_sc;

/* Diagnostics at node `at` (position from the node), path the field path. */
void gp_sc_err(gp_sc *c, gp_code code, const gp_ynode *at, const char *path, const char *hint,
               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Reports running out of memory (once): a value that could not be stored
 * must never pass silently. */
void gp_sc_nomem(gp_sc *c);
const char *gp_sc_describe(gp_sc *c, const gp_ynode *n);
/* "prefix.key" (arena). */
const char *gp_sc_path(gp_sc *c, const char *prefix, const char *key);
/* "a, b, c" with each name wrapped in wrap (arena). */
const char *gp_sc_list(gp_sc *c, const char *const *names, size_t n, const char *wrap);
/* "unknown key `x` in WHERE; did you mean `y`?" with the known keys as hint. */
void gp_sc_unknown_key(gp_sc *c, const gp_ynode *key, const char *where, const char *const *names,
                       size_t n, const char *path);
/* "style" for the top level, "`path`" below it (arena). */
const char *gp_sc_where(gp_sc *c, const char *path);

bool gp_sc_want_map(gp_sc *c, const gp_ynode *n, const char *path);
bool gp_sc_want_scalar(gp_sc *c, const gp_ynode *v, const char *path, const char *what);
bool gp_sc_length(gp_sc *c, const gp_ynode *v, const char *path, double *out);
bool gp_sc_color(gp_sc *c, const gp_ynode *v, const char *path, gp_color *out);
bool gp_sc_bool(gp_sc *c, const gp_ynode *v, const char *path, bool *out);

/* fonts.files: checks each file exists and is a TrueType/OpenType font. */
void gp_sc_font_files(gp_sc *c, const gp_ynode *v, const char *path);

/* Converts value v (of key, which may be NULL) per f into dst. */
void gp_sc_value(gp_sc *c, const gp_sc_field *f, const gp_ynode *key, const gp_ynode *v,
                 const char *path, void *dst);
/* Converts a mapping described by a field table into base; unknown keys
 * are errors with the nearest known key suggested. */
void gp_sc_fields(gp_sc *c, const gp_ynode *map, const char *path, const gp_sc_field *f, size_t nf,
                  void *base);

/* The names an enum-valued kind accepts (align, marker, slant, links), for
 * the JSON Schema; NULL with *n = 0 for other kinds. */
const char *const *gp_sc_enum_names(gp_sc_kind k, size_t *n);

/* Writes the JSON Schema of style files, made from the converter's own
 * tables (model/style_schema.c); returns false when out of memory. */
bool gp_style_json_schema(gp_buf *out);

#endif
