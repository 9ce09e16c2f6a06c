/* display/display_access.c - the public accessors of an opaque gp_display
 * (<guidepress/display.h>). Each returns a view borrowed from the display,
 * valid until gp_display_free(). */
#include "display/display_struct.h"

size_t gp_display_page_count(const gp_display *dl)
{
    return dl ? dl->n_pages : 0;
}

int gp_display_page_size(const gp_display *dl, size_t i, double *width, double *height)
{
    if (!dl || i >= dl->n_pages)
        return -1;
    if (width)
        *width = dl->pages[i].width;
    if (height)
        *height = dl->pages[i].height;
    return 0;
}

const gp_item *gp_display_page_items(const gp_display *dl, size_t i, size_t *n)
{
    const gp_page *pg = dl && i < dl->n_pages ? &dl->pages[i] : NULL;
    if (n)
        *n = pg ? pg->n_items : 0;
    return pg && pg->n_items ? pg->items : NULL;
}

size_t gp_display_font_count(const gp_display *dl)
{
    return dl ? dl->n_fonts : 0;
}

const gp_font *gp_display_font(const gp_display *dl, size_t i)
{
    return dl && i < dl->n_fonts ? &dl->fonts[i] : NULL;
}

const gp_meta *gp_display_meta(const gp_display *dl)
{
    return dl ? &dl->meta : NULL;
}
