/* paint/pdf/subset.h - font subsets, cached for the process (subset.c). */
#ifndef GP_PAINT_PDF_SUBSET_H
#define GP_PAINT_PDF_SUBSET_H

#include <hb.h>
#include <stdint.h>

typedef struct pdf_subset {
    hb_blob_t *blob;   /* the subset font program */
    uint32_t *new2old; /* original glyph id by subset glyph id (UINT32_MAX: none) */
    uint32_t n_new;
} pdf_subset;

/* The subset of face holding glyphs (plus what they need: .notdef,
 * composite parts). Returns 0, or -1 when HarfBuzz cannot subset. */
int pdf_subset_get(hb_face_t *face, const hb_set_t *glyphs, pdf_subset *out);
void pdf_subset_release(pdf_subset *s);

#endif
