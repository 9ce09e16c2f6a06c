/* display/dl.h - building a display list (private to the library).
 *
 * Layout appends pages and items through these helpers; painters only read
 * the public structs of <guidepress/display.h>. Item arrays grow inside the
 * display's arena; fonts are kept in a fixed table so that gp_font pointers
 * held by glyph runs never move. */
#ifndef GP_DISPLAY_DL_H
#define GP_DISPLAY_DL_H

#include <guidepress/display.h>

#include "base/arena.h"
#include "display/display_struct.h"

#define GP_DL_MAX_FONTS 64

/* Appends a page; NULL when memory runs out. */
gp_page *gp_dl_add_page(gp_display *dl, double width, double height);

/* Appends a zeroed item of the given kind to an item array that lives in
 * arena a; returns NULL when memory runs out. */
gp_item *gp_items_push(gp_arena *a, gp_item **items, size_t *n, size_t *cap, gp_item_kind kind);

/* The arena a page's items and their arrays go in. */
gp_arena *gp_dl_page_arena(gp_display *dl, gp_page *page);

/* Frees page i's items (a streamed page, painted already): the page keeps
 * its size, with no items. */
void gp_dl_page_release(gp_display *dl, size_t i);

/* Appends an item to a page. */
gp_item *gp_page_push(gp_display *dl, gp_page *page, gp_item_kind kind);

/* Finds or adds a font (by path and face index); NULL when the table is
 * full or memory runs out. */
const gp_font *gp_dl_font(gp_display *dl, const char *path, int face_index, const char *family,
                          int weight, bool italic);

#endif
