/* display/display_struct.h - the layout of gp_display and gp_page (private
 * to the library).
 *
 * <guidepress/display.h> declares both types opaque, so a caller reads them
 * only through gp_display_page_count() and the other accessors
 * (display_access.c); the library's builders (display/dl.h), layout and
 * painters include this header and use the fields directly. */
#ifndef GP_DISPLAY_STRUCT_H
#define GP_DISPLAY_STRUCT_H

#include <guidepress/display.h>

struct gp_arena;

struct gp_page {
    double width, height; /* pt */
    gp_item *items;
    size_t n_items;
    size_t cap_items;
    /* When set (a streamed layout, layout/layout.c), the page's items and
     * the glyphs and shapes they point to live in an arena of the page's
     * own, freed once the page is painted (gp_dl_page_release); else in
     * the display's arena. */
    struct gp_arena *arena;
};

struct gp_display {
    gp_page *pages;
    size_t n_pages;
    size_t cap_pages;
    gp_font *fonts;
    size_t n_fonts;
    size_t cap_fonts;
    gp_meta meta;
    struct gp_arena *arena; /* owns every string and array above */
    bool page_arenas;       /* gp_dl_add_page gives each page an arena */
};

#endif
