/* paint/pdf/tags.h - the structure tree of the PDF painter (tags.c). */
#ifndef GP_PAINT_PDF_TAGS_H
#define GP_PAINT_PDF_TAGS_H

#include "paint/pdf/pdf.h"

#define PDF_TAG_DEPTH 64

typedef enum pdf_kid_kind {
    PDF_KID_ELEM, /* an element not written yet: v its index */
    PDF_KID_DONE, /* an element written (v = 1) or left out (v = 0): page_obj its object */
    PDF_KID_MCR,
    PDF_KID_OBJR
} pdf_kid_kind;

typedef struct pdf_kid {
    pdf_kid_kind kind;
    int v; /* element index, MCID, or annotation object */
    int page;
    uint32_t page_obj;
} pdf_kid;

typedef struct pdf_elem {
    gp_tag tag;
    int parent;    /* index, -1 for the Document */
    size_t slot;   /* its place among the parent's kids */
    bool closed;   /* ended: written at the end of the page (after its annotations) */
    int next_free; /* free list of written elements' slots */
    uint32_t obj;
    int page; /* first page with content, -1 none */
    uint32_t page_obj;
    const char *alt;
    const char *lang; /* the element's own language, or NULL */
    pdf_kid *kids;
    size_t n_kids, cap_kids;
    int rows, row; /* tables: rows so far; rows: index in the table */
    double bbox[4];
    bool has_bbox;
    gp_buf text; /* links: the text shown, for /Contents */
} pdf_elem;

/* A ParentTree entry: a page's MCIDs, or one annotation (elements by
 * object number, so that written elements can be freed). */
typedef struct pdf_parent {
    bool is_page;
    int page;
    uint32_t *elems; /* by MCID */
    size_t n, cap;
    uint32_t elem; /* annotation's element */
} pdf_parent;

typedef struct pdf_tags {
    pdf_elem *e; /* live elements; a written one's slot is reused */
    size_t n, cap;
    int free_head; /* -1: none */
    int *closed;   /* elements ended on this page, in the order they ended */
    size_t n_closed, cap_closed;
    int stack[PDF_TAG_DEPTH];
    int depth;
    int extra_depth; /* tags not turned into elements (too deep, Document) */
    int artifact;    /* open Artifact tags */
    int loose, loose_parent;
    bool loose_closed;
    pdf_parent *parents;
    size_t n_parents, cap_parents;
    int page_parent;
    uint32_t root_obj, tree_obj;
    bool failed;
} pdf_tags;

typedef enum pdf_target_kind {
    PDF_TARGET_ELEM,   /* real content of element elem */
    PDF_TARGET_LAYOUT, /* /Artifact /Layout */
    PDF_TARGET_HEADER, /* /Artifact /Pagination /Header */
    PDF_TARGET_FOOTER
} pdf_target_kind;

typedef struct pdf_target {
    pdf_target_kind kind;
    int elem;
} pdf_target;

int pdf_tags_init(pdf_tags *t, pdfw *w);
void pdf_tags_free(pdf_tags *t);
void pdf_tags_begin(pdf_tags *t, pdfw *w, const gp_item *it);
void pdf_tags_end(pdf_tags *t, const gp_item *it);
/* Where a painting item's marks belong. */
pdf_target pdf_tags_target(pdf_tags *t, pdfw *w, const gp_item *it, double page_h);
void pdf_tags_break_loose(pdf_tags *t);
/* Starts a page's ParentTree entry; returns its key (/StructParents). */
int pdf_tags_page_begin(pdf_tags *t, int page);
/* A new MCID on the current page for elem. */
int pdf_tags_mcid(pdf_tags *t, int elem, int page, uint32_t page_obj);
/* Grows a Figure's /BBox (PDF coordinates) with content on page. */
void pdf_tags_extent(pdf_tags *t, int elem, int page, double x0, double y0, double x1, double y1);
/* The Link element a link area belongs to (the open one, or a new one). */
int pdf_tags_link_elem(pdf_tags *t, pdfw *w);
/* Adds an annotation to elem; returns its /StructParent key. */
int pdf_tags_annot(pdf_tags *t, int elem, int page, uint32_t page_obj, uint32_t annot_obj);
/* The end of a page, after its annotations: the elements that ended on
 * it are written and freed (a long document keeps only open ones). lang:
 * the document's. */
void pdf_tags_page_end(pdf_tags *t, pdfw *w, const char *lang);
void pdf_tags_write(pdf_tags *t, pdfw *w, const char *lang);
/* The innermost open element when it is a tag element, else -1. */
int pdf_tags_open(const pdf_tags *t, gp_tag tag);

#endif
