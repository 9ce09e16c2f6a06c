/* paint/pdf/annot.c - Link annotations, named destinations (a /Dests name
 * tree, names sorted as PDF requires) and the outline built from layout's
 * bookmarks (one entry per heading, nested by level). */
#include "paint/pdf/meta.h"

#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 16;
    void *q = gp_realloc(p, c * size);
    if (q)
        *cap = c;
    return q;
}

void pdf_nav_dest(pdf_nav *n, const char *name, uint32_t page_obj, double x, double y)
{
    if (!name || !name[0])
        return;
    pdf_dest *d = grow(n->dests, &n->cap_dests, n->n_dests, sizeof *d);
    if (!d)
        return;
    n->dests = d;
    n->dests[n->n_dests++] = (pdf_dest){name, page_obj, x, y};
}

void pdf_nav_mark(pdf_nav *n, const char *title, int level, uint32_t page_obj, double y)
{
    if (!title)
        return;
    pdf_mark *m = grow(n->marks, &n->cap_marks, n->n_marks, sizeof *m);
    if (!m)
        return;
    n->marks = m;
    if (level < 1)
        level = 1;
    n->marks[n->n_marks++] = (pdf_mark){title, level, page_obj, y, 0};
}

void pdf_nav_free(pdf_nav *n)
{
    gp_free(n->dests);
    gp_free(n->marks);
    memset(n, 0, sizeof *n);
}

/* Outline ---------------------------------------------------------------------- */

/* The parent of entry i: the nearest earlier entry of a lower level. */
static long parent_of(const pdf_nav *n, size_t i)
{
    for (size_t k = i; k-- > 0;)
        if (n->marks[k].level < n->marks[i].level)
            return (long)k;
    return -1;
}

uint32_t pdf_nav_outline(pdf_nav *n, pdfw *w)
{
    if (!n->n_marks)
        return 0;
    uint32_t root = pdfw_alloc(w);
    for (size_t i = 0; i < n->n_marks; i++)
        n->marks[i].obj = pdfw_alloc(w);
    long *parent = gp_malloc(n->n_marks * sizeof *parent);
    if (!parent) {
        w->failed = true;
        return 0;
    }
    for (size_t i = 0; i < n->n_marks; i++)
        parent[i] = parent_of(n, i);
    size_t top = 0;
    uint32_t first = 0, last = 0;
    for (size_t i = 0; i < n->n_marks; i++) {
        const pdf_mark *m = &n->marks[i];
        uint32_t prev = 0, next = 0, kfirst = 0, klast = 0;
        size_t kids = 0;
        for (size_t k = i; k-- > 0;)
            if (parent[k] == parent[i]) {
                prev = n->marks[k].obj;
                break;
            }
        for (size_t k = i + 1; k < n->n_marks; k++)
            if (parent[k] == parent[i]) {
                next = n->marks[k].obj;
                break;
            }
        for (size_t k = i + 1; k < n->n_marks; k++)
            if (parent[k] == (long)i) {
                if (!kfirst)
                    kfirst = n->marks[k].obj;
                klast = n->marks[k].obj;
                kids++;
            }
        if (parent[i] < 0) {
            if (!first)
                first = m->obj;
            last = m->obj;
            top++;
        }
        gp_buf *b = pdfw_begin(w, m->obj);
        gp_buf_puts(b, "<</Title");
        pdf_text(b, m->title, strlen(m->title));
        gp_buf_printf(b, "/Parent %u 0 R", parent[i] < 0 ? root : n->marks[parent[i]].obj);
        if (prev)
            gp_buf_printf(b, "/Prev %u 0 R", prev);
        if (next)
            gp_buf_printf(b, "/Next %u 0 R", next);
        if (kids)
            gp_buf_printf(b, "/First %u 0 R/Last %u 0 R/Count %zu", kfirst, klast, kids);
        char y[32];
        *pdf_fmt_num(y, m->y) = '\0';
        gp_buf_printf(b, "/Dest[%u 0 R/XYZ null %s null]>>", m->page_obj, y);
        pdfw_end(w);
    }
    gp_free(parent);
    gp_buf *b = pdfw_begin(w, root);
    gp_buf_printf(b, "<</Type/Outlines/First %u 0 R/Last %u 0 R/Count %zu>>", first, last, top);
    pdfw_end(w);
    return root;
}

/* Named destinations ------------------------------------------------------------- */

static int dest_cmp(const void *a, const void *b)
{
    const pdf_dest *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return x->page_obj < y->page_obj ? -1 : x->page_obj > y->page_obj;
}

uint32_t pdf_nav_dests(pdf_nav *n, pdfw *w)
{
    if (!n->n_dests)
        return 0;
    qsort(n->dests, n->n_dests, sizeof *n->dests, dest_cmp);
    uint32_t obj = pdfw_alloc(w);
    gp_buf *b = pdfw_begin(w, obj);
    gp_buf_puts(b, "<</Names[");
    for (size_t i = 0; i < n->n_dests; i++) {
        const pdf_dest *d = &n->dests[i];
        if (i && !strcmp(d->name, n->dests[i - 1].name))
            continue; /* a name is defined once: the first place wins */
        pdf_text(b, d->name, strlen(d->name));
        char x[32], y[32];
        *pdf_fmt_num(x, d->x) = '\0';
        *pdf_fmt_num(y, d->y) = '\0';
        gp_buf_printf(b, "[%u 0 R/XYZ %s %s null]", d->page_obj, x, y);
    }
    gp_buf_puts(b, "]>>");
    pdfw_end(w);
    return obj;
}

/* Links ------------------------------------------------------------------------------ */

void pdf_link_annot(gp_buf *b, const gp_item *it, double H, const char *contents,
                    size_t contents_len, int struct_parent)
{
    char r[4][32];
    *pdf_fmt_num(r[0], it->x) = '\0';
    *pdf_fmt_num(r[1], H - it->y - it->h) = '\0';
    *pdf_fmt_num(r[2], it->x + it->w) = '\0';
    *pdf_fmt_num(r[3], H - it->y) = '\0';
    gp_buf_printf(b, "<</Type/Annot/Subtype/Link/Rect[%s %s %s %s]/Border[0 0 0]/F 4", r[0], r[1],
                  r[2], r[3]);
    const char *target = it->u.link.uri ? it->u.link.uri : it->u.link.dest;
    /* a piece of a link that is only spaces (between two bidi runs) says
       nothing: describe it by its target instead (Matterhorn 28-012) */
    size_t k = 0;
    while (contents && k < contents_len && (contents[k] == ' ' || contents[k] == '\t'))
        k++;
    if (k == contents_len)
        contents_len = 0;
    if (contents && contents_len) {
        gp_buf_puts(b, "/Contents");
        pdf_text(b, contents, contents_len);
    } else if (target) {
        gp_buf_puts(b, "/Contents");
        pdf_text(b, target, strlen(target));
    }
    if (struct_parent >= 0)
        gp_buf_printf(b, "/StructParent %d", struct_parent);
    if (it->u.link.uri) {
        gp_buf_puts(b, "/A<</S/URI/URI");
        /* URI actions hold 7-bit ASCII bytes */
        gp_buf_append(b, "(", 1);
        for (const char *s = it->u.link.uri; *s; s++) {
            if (*s == '(' || *s == ')' || *s == '\\')
                gp_buf_append(b, "\\", 1);
            if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
                gp_buf_printf(b, "%%%02X", (unsigned char)*s);
            else
                gp_buf_append(b, s, 1);
        }
        gp_buf_puts(b, ")>>");
    } else if (it->u.link.dest) {
        gp_buf_puts(b, "/Dest");
        pdf_text(b, it->u.link.dest, strlen(it->u.link.dest));
    }
    gp_buf_puts(b, ">>");
}
