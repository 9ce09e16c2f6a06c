/* paint/pdf/meta.h - metadata and the outline/links (meta.c, annot.c). */
#ifndef GP_PAINT_PDF_META_H
#define GP_PAINT_PDF_META_H

#include "paint/pdf/pdf.h"

void pdf_info_write(pdfw *w, uint32_t obj, const gp_meta *m, const char *producer);
void pdf_xmp_write(pdfw *w, uint32_t obj, const gp_meta *m, const char *producer, bool pdfa,
                   bool ua);
/* Writes the sRGB OutputIntent dictionary as object obj. */
int pdf_output_intent(pdfw *w, uint32_t obj, const char *icc_path, char *err, size_t errcap);

/* Links, named destinations and the outline (annot.c) ------------------------- */

typedef struct pdf_dest {
    const char *name;
    uint32_t page_obj;
    double x, y; /* PDF coordinates */
} pdf_dest;

typedef struct pdf_mark {
    const char *title;
    int level;
    uint32_t page_obj;
    double y;
    uint32_t obj;
} pdf_mark;

typedef struct pdf_nav {
    pdf_dest *dests;
    size_t n_dests, cap_dests;
    pdf_mark *marks;
    size_t n_marks, cap_marks;
} pdf_nav;

void pdf_nav_dest(pdf_nav *n, const char *name, uint32_t page_obj, double x, double y);
void pdf_nav_mark(pdf_nav *n, const char *title, int level, uint32_t page_obj, double y);
/* Writes the outline; returns its object or 0 if there is none. */
uint32_t pdf_nav_outline(pdf_nav *n, pdfw *w);
/* Writes the /Dests name tree; returns its object or 0. */
uint32_t pdf_nav_dests(pdf_nav *n, pdfw *w);
void pdf_nav_free(pdf_nav *n);

/* A Link annotation's body (after <</Type/Annot), into b. */
void pdf_link_annot(gp_buf *b, const gp_item *it, double page_h, const char *contents,
                    size_t contents_len, int struct_parent);

#endif
