/* paint/paint.c - walks a display list into a painter, with a sticky status:
 * after the painter's first error nothing else is called, and the error
 * becomes one GP_ERR_PAINT diagnostic. */
#include <guidepress/paint.h>

#include <stdarg.h>
#include <stdio.h>

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

#define CALL(p, fn, ...)                                                                           \
    do {                                                                                           \
        if (!(p)->status && (p)->cls->fn && (p)->cls->fn(__VA_ARGS__) && !(p)->status)             \
            gp_painter_fail((p), "%s painter: %s failed", (p)->cls->name, #fn);                    \
    } while (0)

int gp_paint(gp_painter *p, const gp_display *dl, gp_diags *diags)
{
    CALL(p, begin_document, p, dl);
    for (size_t i = 0; i < dl->n_pages && !p->status; i++) {
        const gp_page *pg = &dl->pages[i];
        CALL(p, begin_page, p, pg, i);
        for (size_t k = 0; k < pg->n_items && !p->status; k++)
            CALL(p, item, p, &pg->items[k]);
        CALL(p, end_page, p, pg, i);
    }
    CALL(p, finish, p);
    if (p->status) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "%s", p->message);
        return -1;
    }
    return 0;
}

void gp_painter_free(gp_painter *p)
{
    if (p && p->cls->destroy)
        p->cls->destroy(p);
}
