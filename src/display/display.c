/* display/display.c - the display list: creation, growth, fonts, and a
 * stable text dump for golden tests (positions rounded to 0.01 pt, like
 * MuPDF's trace device). */
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
    if (dl)
        gp_arena_free(dl->arena); /* dl itself lives in the arena */
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
    gp_page *p = &dl->pages[dl->n_pages++];
    memset(p, 0, sizeof *p);
    p->width = width;
    p->height = height;
    return p;
}

gp_item *gp_items_push(gp_arena *a, gp_item **items, size_t *n, size_t *cap, gp_item_kind kind)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        gp_item *ni = gp_arena_grow(a, *items, *n * sizeof *ni, nc * sizeof *ni);
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
    return gp_items_push(dl->arena, &page->items, &page->n_items, &page->cap_items, kind);
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

static void dump_color(FILE *out, gp_color c)
{
    if (c.none)
        fputs("none", out);
    else
        fprintf(out, "#%02x%02x%02x", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5),
                (int)(c.b * 255 + 0.5));
}

void gp_display_dump(const gp_display *dl, FILE *out)
{
    for (size_t f = 0; f < dl->n_fonts; f++) {
        const char *base = strrchr(dl->fonts[f].path, '/');
        fprintf(out, "font %d %s\n", dl->fonts[f].id, base ? base + 1 : dl->fonts[f].path);
    }
    for (size_t p = 0; p < dl->n_pages; p++) {
        const gp_page *pg = &dl->pages[p];
        fprintf(out, "page %zu %.2f %.2f\n", p + 1, pg->width, pg->height);
        for (size_t i = 0; i < pg->n_items; i++) {
            const gp_item *it = &pg->items[i];
            switch (it->kind) {
            case GP_ITEM_GLYPHS:
                fprintf(out, "  text %.2f %.2f f%d %.2f ", it->x, it->y + it->h,
                        it->u.glyphs.font->id, it->u.glyphs.size);
                dump_color(out, it->u.glyphs.color);
                fprintf(out, " \"%.*s\"\n", (int)it->u.glyphs.text_len, it->u.glyphs.text);
                break;
            case GP_ITEM_RECT:
                fprintf(out, "  rect %.2f %.2f %.2f %.2f r%.2f ", it->x, it->y, it->w, it->h,
                        it->u.rect.radius);
                dump_color(out, it->u.rect.fill);
                fputc(' ', out);
                dump_color(out, it->u.rect.stroke);
                fputc('\n', out);
                break;
            case GP_ITEM_LINE:
                fprintf(out, "  line %.2f %.2f %.2f %.2f w%.2f\n", it->u.line.x1, it->u.line.y1,
                        it->u.line.x2, it->u.line.y2, it->u.line.width);
                break;
            case GP_ITEM_PATH:
                fprintf(out, "  path %.2f %.2f %.2f %.2f segs=%zu\n", it->x, it->y, it->w, it->h,
                        it->u.path.n_segs);
                break;
            case GP_ITEM_IMAGE:
                fprintf(out, "  image %.2f %.2f %.2f %.2f\n", it->x, it->y, it->w, it->h);
                break;
            case GP_ITEM_LINK:
                fprintf(out, "  link %.2f %.2f %.2f %.2f %s\n", it->x, it->y, it->w, it->h,
                        it->u.link.uri ? it->u.link.uri : it->u.link.dest);
                break;
            case GP_ITEM_BOOKMARK:
                fprintf(out, "  bookmark %d %.2f \"%s\"\n", it->u.bookmark.level, it->y,
                        it->u.bookmark.title);
                break;
            case GP_ITEM_DEST:
                fprintf(out, "  dest %.2f %.2f %s\n", it->x, it->y, it->u.dest.name);
                break;
            case GP_ITEM_TAG_BEGIN: fprintf(out, "  tag %s\n", gp_tag_name(it->u.tag.tag)); break;
            case GP_ITEM_TAG_END: fprintf(out, "  end %s\n", gp_tag_name(it->u.tag.tag)); break;
            case GP_ITEM_CHECKBOX:
                fprintf(out, "  checkbox %.2f %.2f %.2f %.2f r%.2f ", it->x, it->y, it->w, it->h,
                        it->u.checkbox.radius);
                dump_color(out, it->u.checkbox.stroke);
                fprintf(out, " %s \"%s\"\n", it->u.checkbox.name,
                        it->u.checkbox.tooltip ? it->u.checkbox.tooltip : "");
                break;
            }
        }
    }
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
