/* paint/pdf/tags.c - the structure tree (PDF/UA-1).
 *
 * Layout's tag items open and close structure elements; the element stack
 * is kept across pages, so a paragraph that runs onto the next page stays
 * one P with marked content on both pages. Content goes to the innermost
 * element; text that layout left outside any content element (a card's
 * label, a key figure) gets a P of its own under the grouping element it is
 * in, so nothing readable is left out. Everything inside an Artifact tag is
 * a pagination artifact (running header or footer); rectangles, lines and
 * paths outside a Figure are layout artifacts (backgrounds, rules,
 * connector lines). Link annotations join their Link element through an
 * OBJR. TH cells get /Scope: Column in a table's first row, Row elsewhere.
 * Figures get /Alt and a /BBox (their drawing's extent on the first page
 * they appear on).
 *
 * An element is written at the end of the page it ended on (its link
 * annotations are made at the end of the page), children before their
 * parent, and then freed: the tree of a 900-page guide is never whole in
 * memory, only its open elements and each page's MCID -> element table. */
#include "paint/pdf/tags.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/alloc.h"

static int push_kid(pdf_elem *e, pdf_kid k)
{
    if (e->n_kids == e->cap_kids) {
        size_t cap = e->cap_kids ? e->cap_kids * 2 : 4;
        pdf_kid *n = gp_realloc(e->kids, cap * sizeof *n);
        if (!n)
            return -1;
        e->kids = n;
        e->cap_kids = cap;
    }
    e->kids[e->n_kids++] = k;
    return 0;
}

static int new_elem(pdf_tags *t, pdfw *w, gp_tag tag, int parent, const char *alt)
{
    int idx;
    if (t->free_head >= 0) {
        idx = t->free_head;
        t->free_head = t->e[idx].next_free;
    } else {
        if (t->n == t->cap) {
            size_t cap = t->cap ? t->cap * 2 : 64;
            pdf_elem *n = gp_realloc(t->e, cap * sizeof *n);
            if (!n)
                return -1;
            t->e = n;
            t->cap = cap;
        }
        idx = (int)t->n++;
    }
    pdf_elem *e = &t->e[idx];
    memset(e, 0, sizeof *e);
    e->tag = tag;
    e->parent = parent;
    e->alt = alt;
    e->page = -1;
    e->next_free = -1;
    e->obj = pdfw_alloc(w);
    if (parent >= 0) {
        e->slot = t->e[parent].n_kids;
        pdf_kid k = {PDF_KID_ELEM, idx, 0, 0};
        if (push_kid(&t->e[parent], k))
            return -1;
        if (tag == GP_TAG_TR && t->e[parent].tag == GP_TAG_TABLE)
            t->e[idx].row = t->e[parent].rows++;
    }
    return idx;
}

int pdf_tags_init(pdf_tags *t, pdfw *w)
{
    memset(t, 0, sizeof *t);
    t->free_head = -1;
    t->loose = -1;
    t->loose_parent = -1;
    t->root_obj = pdfw_alloc(w);
    t->tree_obj = pdfw_alloc(w);
    int doc = new_elem(t, w, GP_TAG_DOCUMENT, -1, NULL);
    if (doc < 0)
        return -1;
    t->stack[0] = doc;
    t->depth = 1;
    return 0;
}

void pdf_tags_free(pdf_tags *t)
{
    for (size_t i = 0; i < t->n; i++) { /* a freed slot has no kids nor text */
        gp_free(t->e[i].kids);
        gp_buf_free(&t->e[i].text);
    }
    gp_free(t->e);
    gp_free(t->closed);
    for (size_t i = 0; i < t->n_parents; i++)
        gp_free(t->parents[i].elems);
    gp_free(t->parents);
    memset(t, 0, sizeof *t);
}

void pdf_tags_begin(pdf_tags *t, pdfw *w, const gp_item *it)
{
    gp_tag tag = it->u.tag.tag;
    if (tag == GP_TAG_ARTIFACT) {
        t->artifact++;
        return;
    }
    if (t->artifact)
        return;
    if (tag == GP_TAG_DOCUMENT && t->depth < PDF_TAG_DEPTH) {
        /* The Document element exists already: its end tag must close
         * this level, not the element below it, so the level is pushed
         * again rather than counted. */
        t->stack[t->depth] = t->stack[t->depth - 1];
        t->depth++;
        return;
    }
    if (t->depth >= PDF_TAG_DEPTH) {
        t->extra_depth++;
        return;
    }
    int e = new_elem(t, w, tag, t->stack[t->depth - 1], it->u.tag.alt);
    if (e < 0) {
        t->failed = true;
        return;
    }
    t->e[e].lang = it->u.tag.lang;
    t->stack[t->depth++] = e;
}

void pdf_tags_end(pdf_tags *t, const gp_item *it)
{
    gp_tag tag = it->u.tag.tag;
    if (tag == GP_TAG_ARTIFACT) {
        if (t->artifact)
            t->artifact--;
        return;
    }
    if (t->artifact)
        return;
    if (t->extra_depth) {
        t->extra_depth--;
        return;
    }
    if (t->depth <= 1)
        return;
    int e = t->stack[--t->depth];
    if (e == t->stack[t->depth - 1]) /* the Document's level, pushed again */
        return;
    if (t->n_closed == t->cap_closed) {
        size_t cap = t->cap_closed ? t->cap_closed * 2 : 64;
        int *n = gp_realloc(t->closed, cap * sizeof *n);
        if (!n) {
            t->failed = true;
            return;
        }
        t->closed = n;
        t->cap_closed = cap;
    }
    t->e[e].closed = true;
    t->closed[t->n_closed++] = e;
}

static bool is_group(gp_tag t)
{
    return t == GP_TAG_DOCUMENT || t == GP_TAG_SECT || t == GP_TAG_L || t == GP_TAG_TABLE ||
           t == GP_TAG_TR;
}

static bool in_figure(const pdf_tags *t, int *fig)
{
    for (int i = t->depth - 1; i >= 0; i--)
        if (t->e[t->stack[i]].tag == GP_TAG_FIGURE) {
            *fig = t->stack[i];
            return true;
        }
    return false;
}

pdf_target pdf_tags_target(pdf_tags *t, pdfw *w, const gp_item *it, double page_h)
{
    pdf_target r = {PDF_TARGET_LAYOUT, -1};
    if (t->artifact) {
        r.kind = it->y < page_h / 2 ? PDF_TARGET_HEADER : PDF_TARGET_FOOTER;
        return r;
    }
    int fig;
    if (in_figure(t, &fig)) {
        r.kind = PDF_TARGET_ELEM;
        r.elem = fig;
        return r;
    }
    int top = t->stack[t->depth - 1];
    switch (it->kind) {
    case GP_ITEM_GLYPHS:
        r.kind = PDF_TARGET_ELEM;
        if (!is_group(t->e[top].tag)) {
            r.elem = top;
        } else {
            /* text outside any content element: a P of its own, shared by
             * consecutive runs in the same group */
            if (t->loose_parent != top || t->loose < 0 || t->loose_closed) {
                t->loose = new_elem(t, w, GP_TAG_P, top, NULL);
                t->loose_parent = top;
                t->loose_closed = false;
                if (t->loose < 0) {
                    t->failed = true;
                    r.kind = PDF_TARGET_LAYOUT;
                    return r;
                }
            }
            r.elem = t->loose;
        }
        return r;
    case GP_ITEM_IMAGE:
        if (it->u.image.alt && it->u.image.alt[0]) {
            int e = new_elem(t, w, GP_TAG_FIGURE, top, it->u.image.alt);
            if (e < 0) {
                t->failed = true;
                return r;
            }
            r.kind = PDF_TARGET_ELEM;
            r.elem = e;
        }
        return r;
    default: return r; /* shapes outside figures: layout artifacts */
    }
}

int pdf_tags_open(const pdf_tags *t, gp_tag tag)
{
    if (t->depth <= 0 || t->extra_depth || t->artifact)
        return -1;
    int top = t->stack[t->depth - 1];
    return t->e[top].tag == tag ? top : -1;
}

void pdf_tags_break_loose(pdf_tags *t)
{
    t->loose_closed = true;
}

static pdf_parent *new_parent(pdf_tags *t)
{
    if (t->n_parents == t->cap_parents) {
        size_t cap = t->cap_parents ? t->cap_parents * 2 : 16;
        pdf_parent *n = gp_realloc(t->parents, cap * sizeof *n);
        if (!n)
            return NULL;
        t->parents = n;
        t->cap_parents = cap;
    }
    pdf_parent *p = &t->parents[t->n_parents++];
    memset(p, 0, sizeof *p);
    return p;
}

int pdf_tags_page_begin(pdf_tags *t, int page)
{
    pdf_parent *p = new_parent(t);
    if (!p)
        return -1;
    p->page = page;
    p->is_page = true;
    t->page_parent = (int)t->n_parents - 1;
    t->loose_closed = true;
    return t->page_parent;
}

int pdf_tags_mcid(pdf_tags *t, int elem, int page, uint32_t page_obj)
{
    pdf_parent *p = &t->parents[t->page_parent];
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        uint32_t *n = gp_realloc(p->elems, cap * sizeof *n);
        if (!n) {
            t->failed = true;
            return 0;
        }
        p->elems = n;
        p->cap = cap;
    }
    int mcid = (int)p->n;
    p->elems[p->n++] = t->e[elem].obj;
    pdf_elem *e = &t->e[elem];
    if (e->page < 0) {
        e->page = page;
        e->page_obj = page_obj;
    }
    pdf_kid k = {PDF_KID_MCR, mcid, page, page_obj};
    if (push_kid(e, k))
        t->failed = true;
    return mcid;
}

void pdf_tags_extent(pdf_tags *t, int elem, int page, double x0, double y0, double x1, double y1)
{
    pdf_elem *e = &t->e[elem];
    if (e->tag != GP_TAG_FIGURE || e->page != page)
        return;
    if (!e->has_bbox) {
        e->bbox[0] = x0;
        e->bbox[1] = y0;
        e->bbox[2] = x1;
        e->bbox[3] = y1;
        e->has_bbox = true;
        return;
    }
    if (x0 < e->bbox[0])
        e->bbox[0] = x0;
    if (y0 < e->bbox[1])
        e->bbox[1] = y0;
    if (x1 > e->bbox[2])
        e->bbox[2] = x1;
    if (y1 > e->bbox[3])
        e->bbox[3] = y1;
}

int pdf_tags_link_elem(pdf_tags *t, pdfw *w)
{
    for (int i = t->depth - 1; i >= 0; i--)
        if (t->e[t->stack[i]].tag == GP_TAG_LINK)
            return t->stack[i];
    int e = new_elem(t, w, GP_TAG_LINK, t->stack[t->depth - 1], NULL);
    if (e < 0)
        t->failed = true;
    return e;
}

int pdf_tags_annot(pdf_tags *t, int elem, int page, uint32_t page_obj, uint32_t annot_obj)
{
    pdf_parent *p = new_parent(t);
    if (!p) {
        t->failed = true;
        return 0;
    }
    p->page = page;
    p->elem = t->e[elem].obj;
    pdf_kid k = {PDF_KID_OBJR, (int)annot_obj, page, page_obj};
    if (push_kid(&t->e[elem], k))
        t->failed = true;
    if (t->e[elem].page < 0) {
        t->e[elem].page = page;
        t->e[elem].page_obj = page_obj;
    }
    return (int)t->n_parents - 1;
}

/* Writing --------------------------------------------------------------------------- */

/* Elements without marks are left out, except table cells: a header row's
 * empty corner cell keeps the table's columns in place. Its children are
 * written (or left out) already. */
static bool has_content(const pdf_tags *t, int i)
{
    const pdf_elem *e = &t->e[i];
    if (e->tag == GP_TAG_TH || e->tag == GP_TAG_TD)
        return true;
    for (size_t k = 0; k < e->n_kids; k++)
        if (e->kids[k].kind == PDF_KID_MCR || e->kids[k].kind == PDF_KID_OBJR ||
            (e->kids[k].kind == PDF_KID_DONE && e->kids[k].v))
            return true;
    return false;
}

/* The language element i's text inherits: its nearest ancestor's own, or
 * the document's. (Ancestors are written after their children, so they
 * are all still here.) */
static const char *inherited_lang(const pdf_tags *t, int i, const char *doc)
{
    for (int p = t->e[i].parent; p > 0; p = t->e[p].parent)
        if (t->e[p].lang && t->e[p].lang[0])
            return t->e[p].lang;
    return doc;
}

static void write_elem(pdf_tags *t, pdfw *w, int i, const char *lang)
{
    pdf_elem *e = &t->e[i];
    gp_buf *b = pdfw_begin_lane(w, e->obj, 1);
    gp_buf_puts(b, "<</Type/StructElem/S/");
    gp_buf_puts(b, gp_tag_name(e->tag));
    gp_buf_puts(b, "/P ");
    pdf_put_ref(b, e->parent >= 0 ? t->e[e->parent].obj : t->root_obj);
    if (e->page_obj) {
        gp_buf_puts(b, "/Pg ");
        pdf_put_ref(b, e->page_obj);
    }
    if (i == 0 && lang && lang[0]) {
        gp_buf_puts(b, "/Lang");
        pdf_text(b, lang, strlen(lang));
    } else if (i > 0 && e->lang && e->lang[0]) {
        /* text in another language than the one it inherits (PDF/UA-1 7.2:
         * a screen reader switches voice on it) */
        const char *outer = inherited_lang(t, i, lang);
        if (!outer || strcasecmp(outer, e->lang)) {
            gp_buf_puts(b, "/Lang");
            pdf_text(b, e->lang, strlen(e->lang));
        }
    }
    if (e->tag == GP_TAG_FIGURE) {
        const char *alt = e->alt && e->alt[0] ? e->alt : "Figure";
        gp_buf_puts(b, "/Alt");
        pdf_text(b, alt, strlen(alt));
        if (e->has_bbox)
            gp_buf_printf(b, "/A<</O/Layout/Placement/Block/BBox[%.2f %.2f %.2f %.2f]>>",
                          e->bbox[0], e->bbox[1], e->bbox[2], e->bbox[3]);
    } else if (e->tag == GP_TAG_TH) {
        bool col = e->parent >= 0 && t->e[e->parent].tag == GP_TAG_TR && t->e[e->parent].row == 0;
        gp_buf_printf(b, "/A<</O/Table/Scope/%s>>", col ? "Column" : "Row");
    } else if (e->tag == GP_TAG_LINK && e->text.len) {
        gp_buf_puts(b, "/Alt");
        pdf_text(b, e->text.data, e->text.len);
    }
    gp_buf_puts(b, "/K[");
    for (size_t k = 0; k < e->n_kids; k++) {
        const pdf_kid *kd = &e->kids[k];
        switch (kd->kind) {
        case PDF_KID_ELEM: break; /* cannot happen: children go first */
        case PDF_KID_DONE:
            if (kd->v) {
                pdf_put_ref(b, kd->page_obj);
                gp_buf_append(b, " ", 1);
            }
            break;
        case PDF_KID_MCR:
            if (kd->page_obj == e->page_obj && kd->v >= 0) {
                pdf_put_uint(b, (unsigned long long)kd->v);
                gp_buf_append(b, " ", 1);
            } else if (kd->page_obj == e->page_obj) {
                gp_buf_printf(b, "%d ", kd->v);
            } else
                gp_buf_printf(b, "<</Type/MCR/Pg %u 0 R/MCID %d>> ", kd->page_obj, kd->v);
            break;
        case PDF_KID_OBJR:
            gp_buf_printf(b, "<</Type/OBJR/Pg %u 0 R/Obj %u 0 R>> ", kd->page_obj, (uint32_t)kd->v);
            break;
        }
    }
    gp_buf_puts(b, "]>>");
    pdfw_end(w);
}

/* Writes element i after its children (or leaves it out when nothing in it
 * is marked), tells its parent, and frees its slot. The Document (0) stays
 * until pdf_tags_write. */
static void flush_elem(pdf_tags *t, pdfw *w, int i, const char *lang)
{
    for (size_t k = 0; k < t->e[i].n_kids; k++)
        if (t->e[i].kids[k].kind == PDF_KID_ELEM)
            flush_elem(t, w, t->e[i].kids[k].v, lang);
    pdf_elem *e = &t->e[i];
    bool content = i == 0 || has_content(t, i);
    if (content)
        write_elem(t, w, i, lang);
    if (i == 0)
        return;
    if (e->parent >= 0) {
        pdf_kid *k = &t->e[e->parent].kids[e->slot];
        *k = (pdf_kid){PDF_KID_DONE, content, 0, e->obj};
    }
    gp_free(e->kids);
    gp_buf_free(&e->text);
    e->kids = NULL;
    e->n_kids = e->cap_kids = 0;
    e->closed = false;
    e->next_free = t->free_head;
    t->free_head = i;
    if (t->loose == i)
        t->loose = -1;
    if (t->loose_parent == i)
        t->loose_parent = -1;
}

void pdf_tags_page_end(pdf_tags *t, pdfw *w, const char *lang)
{
    /* in the order they ended: a child before its parent */
    for (size_t k = 0; k < t->n_closed; k++)
        flush_elem(t, w, t->closed[k], lang);
    t->n_closed = 0;
}

void pdf_tags_write(pdf_tags *t, pdfw *w, const char *lang)
{
    pdf_tags_page_end(t, w, lang);
    flush_elem(t, w, 0, lang); /* the Document, and what is still open */
    gp_buf *b = pdfw_begin(w, t->root_obj);
    gp_buf_printf(b, "<</Type/StructTreeRoot/K %u 0 R/ParentTree %u 0 R/ParentTreeNextKey %zu>>",
                  t->e[0].obj, t->tree_obj, t->n_parents);
    pdfw_end(w);
    b = pdfw_begin(w, t->tree_obj);
    gp_buf_puts(b, "<</Nums[");
    for (size_t i = 0; i < t->n_parents; i++) {
        const pdf_parent *p = &t->parents[i];
        if (p->is_page) {
            gp_buf_printf(b, "%zu[", i);
            for (size_t k = 0; k < p->n; k++) {
                pdf_put_ref(b, p->elems[k]);
                gp_buf_append(b, " ", 1);
            }
            gp_buf_puts(b, "]");
        } else {
            gp_buf_printf(b, "%zu %u 0 R ", i, p->elem);
        }
    }
    gp_buf_puts(b, "]>>");
    pdfw_end(w);
}
