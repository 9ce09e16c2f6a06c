/* display/display.c - the display list: creation, growth, fonts. (Its
 * text dump for golden tests is the trace painter, src/paint/trace/.) */
#include "display/dl.h"

#include <string.h>

#include "base/alloc.h"

gp_display *gp_display_new(void)
{
    gp_arena *a = gp_arena_new();
    if (!a)
        return NULL;
    gp_display *dl = gp_arena_alloc(a, sizeof *dl);
    gp_font *fonts = gp_arena_alloc(a, GP_DL_MAX_FONTS * sizeof *fonts);
    if (!dl || !fonts) {
        gp_arena_free(a);
        return NULL;
    }
    dl->arena = a;
    dl->fonts = fonts;
    dl->cap_fonts = GP_DL_MAX_FONTS;
    return dl;
}

void gp_display_free(gp_display *dl)
{
    if (!dl)
        return;
    for (size_t i = 0; i < dl->cap_pages; i++)
        gp_arena_free(dl->pages[i].arena);
    gp_arena_free(dl->arena); /* dl itself lives in the arena */
}

gp_arena *gp_dl_page_arena(gp_display *dl, gp_page *page)
{
    return page->arena ? page->arena : dl->arena;
}

void gp_dl_page_release(gp_display *dl, size_t i)
{
    if (i >= dl->cap_pages || !dl->pages[i].arena)
        return;
    gp_page *p = &dl->pages[i];
    gp_arena_free(p->arena);
    p->arena = NULL;
    p->items = NULL;
    p->n_items = p->cap_items = 0;
}

gp_page *gp_dl_add_page(gp_display *dl, double width, double height)
{
    if (dl->n_pages == dl->cap_pages) {
        size_t nc = dl->cap_pages ? dl->cap_pages * 2 : 16;
        gp_page *np =
            gp_arena_grow(dl->arena, dl->pages, dl->n_pages * sizeof *np, nc * sizeof *np);
        if (!np)
            return NULL;
        dl->pages = np;
        dl->cap_pages = nc;
    }
    gp_page *p = &dl->pages[dl->n_pages];
    gp_arena_free(p->arena); /* a record an earlier pagination run used */
    memset(p, 0, sizeof *p);
    if (dl->page_arenas && !(p->arena = gp_arena_new()))
        return NULL;
    dl->n_pages++;
    p->width = width;
    p->height = height;
    return p;
}

gp_item *gp_items_push(gp_arena *a, gp_item **items, size_t *n, size_t *cap, gp_item_kind kind)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        gp_item *ni = gp_arena_grow_recycle(a, *items, *n * sizeof *ni, nc * sizeof *ni);
        if (!ni)
            return NULL;
        *items = ni;
        *cap = nc;
    }
    gp_item *it = &(*items)[(*n)++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

gp_item *gp_page_push(gp_display *dl, gp_page *page, gp_item_kind kind)
{
    return gp_items_push(gp_dl_page_arena(dl, page), &page->items, &page->n_items, &page->cap_items,
                         kind);
}

const gp_font *gp_dl_font(gp_display *dl, const char *path, int face_index, const char *family,
                          int weight, bool italic)
{
    for (size_t i = 0; i < dl->n_fonts; i++)
        if (dl->fonts[i].face_index == face_index && !strcmp(dl->fonts[i].path, path))
            return &dl->fonts[i];
    if (dl->n_fonts == dl->cap_fonts)
        return NULL;
    gp_font *f = &dl->fonts[dl->n_fonts];
    f->id = (int)dl->n_fonts;
    f->path = gp_arena_strdup(dl->arena, path);
    f->family = gp_arena_strdup(dl->arena, family ? family : "");
    f->face_index = face_index;
    f->weight = weight;
    f->italic = italic;
    if (!f->path || !f->family)
        return NULL;
    dl->n_fonts++;
    return f;
}

const char *gp_tag_name(gp_tag t)
{
    static const char *const names[GP_TAG__COUNT] = {
        "Document", "H1", "H2", "H3", "P",    "L",      "LI",   "Lbl",      "LBody",
        "Table",    "TR", "TH", "TD", "Link", "Figure", "Sect", "Artifact", "Form"};
    return (unsigned)t < GP_TAG__COUNT ? names[t] : NULL;
}

size_t gp_display_figure_alts(const gp_display *dl, const char **alts, size_t cap)
{
    size_t n = 0;
    for (size_t p = 0; p < dl->n_pages; p++)
        for (size_t k = 0; k < dl->pages[p].n_items && n < cap; k++) {
            const gp_item *it = &dl->pages[p].items[k];
            if (it->kind == GP_ITEM_TAG_BEGIN && it->u.tag.tag == GP_TAG_FIGURE)
                alts[n++] = it->u.tag.alt;
        }
    return n;
}
