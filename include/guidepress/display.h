/* guidepress/display.h - the display list: the contract between layout and
 * the painters.
 *
 * Layout produces a gp_display: pages of positioned items in points, origin
 * at the top-left corner of the page, y growing downwards. Painters only walk
 * it (like MuPDF's display list or Typst's frames): they never measure text
 * and never see the guide. Glyph runs carry both the shaped glyphs (font file,
 * size, glyph ids, absolute positions) and the text they stand for with a
 * cluster map, so the Cairo painter shows glyphs and the libharu painter can
 * place words at the same x positions. Inserted hyphens are real text ("-")
 * with their own glyph in the run. Everything is owned by the gp_display and
 * freed with gp_display_free().
 *
 * gp_display and gp_page are opaque: read them with the accessors at the
 * end of this header. The structs a caller gets pointers to (gp_font,
 * gp_item, gp_glyph, gp_path_seg, gp_meta) stay public as read-only views:
 * plain values with no ownership of their own, borrowed from the display. */
#ifndef GUIDEPRESS_DISPLAY_H
#define GUIDEPRESS_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "style.h" /* gp_color */

#ifdef __cplusplus
extern "C" {
#endif

/* A font face used by the document: a font file and a face index. */
typedef struct gp_font {
    int id;             /* index among the display's fonts (gp_display_font) */
    const char *path;   /* absolute path of the TTF/OTF file */
    int face_index;     /* index within the file (collections) */
    const char *family; /* e.g. "Noto Sans" */
    int weight;         /* 400, 700 ... */
    bool italic;
} gp_font;

typedef struct gp_glyph {
    uint32_t id;      /* glyph index in the font */
    double x, y;      /* absolute position of the glyph origin (baseline), pt */
    double advance;   /* pt */
    uint32_t cluster; /* byte offset in the run's text of the first char it shows */
} gp_glyph;

typedef enum gp_item_kind {
    GP_ITEM_GLYPHS = 0,
    GP_ITEM_RECT,
    GP_ITEM_LINE,
    GP_ITEM_PATH,
    GP_ITEM_IMAGE,
    GP_ITEM_LINK,
    GP_ITEM_BOOKMARK,
    GP_ITEM_DEST,
    GP_ITEM_TAG_BEGIN,
    GP_ITEM_TAG_END,
    GP_ITEM_CHECKBOX /* a tick box the reader can tick: a form field in PDF */
} gp_item_kind;

typedef enum gp_path_op { GP_PATH_MOVE = 0, GP_PATH_LINE, GP_PATH_CURVE, GP_PATH_CLOSE } gp_path_op;

typedef struct gp_path_seg {
    gp_path_op op;
    double pts[6]; /* MOVE/LINE: x,y; CURVE: x1,y1,x2,y2,x3,y3 */
} gp_path_seg;

typedef enum gp_image_kind { GP_IMAGE_PNG = 0, GP_IMAGE_SVG } gp_image_kind;

/* Structure roles for tagged PDF (issue: accessibility). */
typedef enum gp_tag {
    GP_TAG_DOCUMENT = 0,
    GP_TAG_H1,
    GP_TAG_H2,
    GP_TAG_H3,
    GP_TAG_P,
    GP_TAG_L,
    GP_TAG_LI,
    GP_TAG_LBL,
    GP_TAG_LBODY,
    GP_TAG_TABLE,
    GP_TAG_TR,
    GP_TAG_TH,
    GP_TAG_TD,
    GP_TAG_LINK,
    GP_TAG_FIGURE,
    GP_TAG_SECT,
    GP_TAG_ARTIFACT,
    GP_TAG_FORM, /* holds a check box's widget (PDF/UA: Form with OBJR) */
    GP_TAG__COUNT
} gp_tag;

/* "H1", "P", ... (the PDF structure type names). */
const char *gp_tag_name(gp_tag t);

typedef struct gp_item {
    gp_item_kind kind;
    double x, y, w, h; /* bounding box, pt */
    int src_line;      /* source line of the guide value it shows, 0 if none */
    union {
        struct {
            const gp_font *font;
            double size; /* pt */
            gp_color color;
            gp_glyph *glyphs;
            size_t n_glyphs;
            const char *text; /* UTF-8 the glyphs show (incl. inserted hyphens) */
            size_t text_len;
            bool rtl;
        } glyphs;
        struct {
            gp_color fill;   /* none: not filled */
            gp_color stroke; /* none: not stroked */
            double line_width;
            double radius; /* corner radius, pt */
        } rect;            /* the box is x, y, w, h */
        struct {
            double x1, y1, x2, y2;
            gp_color color;
            double width;
            double dash; /* dash length; 0 for solid */
        } line;
        struct {
            gp_path_seg *segs;
            size_t n_segs;
            gp_color fill;
            gp_color stroke;
            double line_width;
        } path;
        struct {
            gp_image_kind kind;
            const char *path; /* file to read */
            const char *alt;  /* alternative text */
        } image;              /* drawn to fill x, y, w, h */
        struct {
            const char *uri;  /* external link, or NULL */
            const char *dest; /* named destination, or NULL */
        } link;               /* active area x, y, w, h */
        struct {
            const char *title;
            int level;        /* 1 = top */
            const char *dest; /* named destination it opens */
        } bookmark;           /* target y on this page */
        struct {
            const char *name;
        } dest; /* named destination at (x, y) */
        struct {
            gp_color fill, stroke; /* the printed box, painted as a rect */
            double line_width;
            double radius;
            const char *name;    /* field name, unique in the document ("step-3") */
            const char *tooltip; /* what it ticks off (/TU), for screen readers */
        } checkbox;              /* the box is x, y, w, h */
        struct {
            gp_tag tag;
            const char *alt;  /* alt text for figures, or NULL */
            const char *attr; /* extra attributes, or NULL */
            const char *lang; /* BCP 47 of the element's text when it is not the
                                 document's (gp_meta.lang), or NULL */
        } tag;
    } u;
} gp_item;

/* A page of the display list and the list itself are opaque: the library
 * builds them (their growing arrays live in its arena), a caller reads
 * them through the accessors below. */
typedef struct gp_page gp_page;

/* Document metadata (the PDF's Info dictionary and /Lang): a read-only
 * view owned by the gp_display. */
typedef struct gp_meta {
    const char *title;
    const char *author;
    const char *subject;
    const char *keywords;
    const char *creator;
    const char *lang; /* BCP 47 */
    long long date;   /* seconds since the epoch, UTC */
} gp_meta;

typedef struct gp_display gp_display;

/* Creates an empty display list. Returns NULL only if memory is exhausted. */
gp_display *gp_display_new(void);
void gp_display_free(gp_display *dl); /* NULL-safe */

/* Accessors. Every pointer they return is borrowed: it points into the
 * gp_display, is read-only, and stays valid until gp_display_free(dl). */

/* The number of pages. */
size_t gp_display_page_count(const gp_display *dl);

/* Stores page i's size in points in *width and *height (either may be
 * NULL). Returns 0, or -1 (nothing stored) when i >= the page count. */
int gp_display_page_size(const gp_display *dl, size_t i, double *width, double *height);

/* Page i's items in painting order, and their number in *n (which may be
 * NULL). NULL with *n = 0 when i >= the page count or the page is empty. */
const gp_item *gp_display_page_items(const gp_display *dl, size_t i, size_t *n);

/* The font faces the glyph runs use: gp_display_font(dl, i) for
 * i < gp_display_font_count(dl), NULL otherwise. A glyph run's font
 * pointer is one of these (its id is its index). */
size_t gp_display_font_count(const gp_display *dl);
const gp_font *gp_display_font(const gp_display *dl, size_t i);

/* The document's metadata (title, author, language, date ...). */
const gp_meta *gp_display_meta(const gp_display *dl);

/* The alternative texts of the Figure tags, in document order: stores at
 * most cap of them in alts and returns how many it stored. */
size_t gp_display_figure_alts(const gp_display *dl, const char **alts, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
