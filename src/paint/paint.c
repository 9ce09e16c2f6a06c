/* paint/paint.c - the one dispatcher: walks a display list once into any
 * painter (painter.h), calling the entry for each item's kind, with a
 * sticky status: after the painter's first error nothing else is called,
 * and the error becomes one GP_ERR_PAINT diagnostic. */
#include "paint/painter.h"
#include "paint/paint_pages.h"

#include <stdarg.h>
#include <stdio.h>

#include "display/display_struct.h"

void gp_painter_fail(gp_painter *p, const char *fmt, ...)
{
    if (p->status)
        return;
    p->status = 1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
}

gp_item gp_checkbox_as_rect(const gp_item *it)
{
    gp_item r = *it;
    r.kind = GP_ITEM_RECT;
    r.u.rect.fill = it->u.checkbox.fill;
    r.u.rect.stroke = it->u.checkbox.stroke;
    r.u.rect.line_width = it->u.checkbox.line_width;
    r.u.rect.radius = it->u.checkbox.radius;
    return r;
}

static const char *const kind_names[] = {
    "glyph runs", "rectangles",   "lines",      "paths",    "images",      "links",
    "bookmarks",  "destinations", "tag begins", "tag ends", "check boxes",
};

/* The entry for it's kind; *required says whether NULL is an error. */
static gp_paint_item_fn entry_for(const gp_painter_class *c, gp_item_kind k, bool *required)
{
    *required = true;
    switch (k) {
    case GP_ITEM_GLYPHS: return c->glyphs;
    case GP_ITEM_RECT: return c->rect;
    case GP_ITEM_LINE: return c->line;
    case GP_ITEM_PATH: return c->path;
    case GP_ITEM_IMAGE: return c->image;
    case GP_ITEM_CHECKBOX: return c->checkbox; /* NULL: painted as its box */
    default: break;
    }
    *required = false;
    switch (k) {
    case GP_ITEM_LINK: return c->link;
    case GP_ITEM_BOOKMARK: return c->bookmark;
    case GP_ITEM_DEST: return c->dest;
    case GP_ITEM_TAG_BEGIN: return c->tag_begin;
    case GP_ITEM_TAG_END: return c->tag_end;
    default: return NULL;
    }
}

static int paint_item(gp_painter *p, const gp_item *it)
{
    const gp_painter_class *c = p->cls;
    bool required;
    gp_paint_item_fn fn = entry_for(c, it->kind, &required);
    if (!fn && it->kind == GP_ITEM_CHECKBOX && c->rect) {
        gp_item box = gp_checkbox_as_rect(it);
        return c->rect(p, &box);
    }
    if (fn)
        return fn(p, it);
    if (required || (unsigned)it->kind >= sizeof kind_names / sizeof *kind_names) {
        unsigned k = (unsigned)it->kind;
        if (k < sizeof kind_names / sizeof *kind_names)
            gp_painter_fail(p, "%s painter cannot paint %s", c->name, kind_names[k]);
        else
            gp_painter_fail(p, "%s painter: unknown display item kind %u", c->name, k);
        return -1;
    }
    return 0;
}

#define CALL(p, fn, ...)                                                                           \
    do {                                                                                           \
        if (!(p)->status && (p)->cls->fn && (p)->cls->fn(__VA_ARGS__) && !(p)->status)             \
            gp_painter_fail((p), "%s painter: %s failed", (p)->cls->name, #fn);                    \
    } while (0)

/* The painter's first error as a diagnostic, once. */
static int status(gp_painter *p, gp_diags *diags)
{
    if (!p->status)
        return 0;
    if (p->message[0]) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "%s", p->message);
        p->message[0] = '\0';
    }
    return -1;
}

int gp_paint_open(gp_painter *p, const gp_display *dl, gp_diags *diags)
{
    CALL(p, begin_document, p, dl);
    return status(p, diags);
}

int gp_paint_census(gp_painter *p, const gp_item *run, size_t page, gp_diags *diags)
{
    CALL(p, census, p, run, page);
    return status(p, diags);
}

int gp_paint_page(gp_painter *p, const gp_display *dl, size_t i, gp_diags *diags)
{
    const gp_page *pg = &dl->pages[i];
    CALL(p, begin_page, p, pg, i);
    for (size_t k = 0; k < pg->n_items && !p->status; k++)
        if (paint_item(p, &pg->items[k]) && !p->status)
            gp_painter_fail(p, "%s painter: item %zu of page %zu failed", p->cls->name, k + 1,
                            i + 1);
    CALL(p, end_page, p, pg, i);
    return status(p, diags);
}

int gp_paint_close(gp_painter *p, gp_diags *diags)
{
    CALL(p, end_document, p);
    return status(p, diags);
}

int gp_paint(gp_painter *p, const gp_display *dl, gp_diags *diags)
{
    if (gp_paint_open(p, dl, diags))
        return -1;
    if (p->cls->census)
        for (size_t i = 0; i < dl->n_pages; i++)
            for (size_t k = 0; k < dl->pages[i].n_items; k++)
                if (dl->pages[i].items[k].kind == GP_ITEM_GLYPHS &&
                    gp_paint_census(p, &dl->pages[i].items[k], i, diags))
                    return -1;
    for (size_t i = 0; i < dl->n_pages; i++)
        if (gp_paint_page(p, dl, i, diags))
            return -1;
    return gp_paint_close(p, diags);
}

void gp_painter_free(gp_painter *p)
{
    if (p && p->cls->destroy)
        p->cls->destroy(p);
}
