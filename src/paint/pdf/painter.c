/* paint/pdf/painter.c - the PDF painter: the gp_painter class that walks
 * the display list and writes the file with the pieces of this folder.
 *
 * census collects every face's glyphs from every run of the document, and
 * the first page subsets the fonts (so pages can be written with the
 * subsets' glyph ids at once); each page's content is built with the
 * fixed-point content builder, deflated and written at end_page, and the
 * file so far goes to the write callback (so a document streamed page by
 * page, layout/stream.h, is never whole in memory); finish writes fonts,
 * the structure tree, outline, names, metadata, the catalogue and the xref
 * stream. The painter never measures text and
 * makes no layout decision. */
#include "paint/pdf/pdf.h"

#include <guidepress/guidepress.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "display/display_struct.h"
#include "paint/pdf/meta.h"
#include "paint/pdf/tags.h"

#define DEFLATE_LEVEL 6
#define SEG_MAX       16
#define SHARED_MAX    8

enum { SEG_BODY, SEG_TOP, SEG_BOTTOM };

typedef struct page_annot {
    const gp_item *it;
    uint32_t obj;
    int elem;
} page_annot;

typedef struct box_ap {
    double w, h;
    gp_color k;
    uint32_t on, off;
} box_ap;

typedef struct ppainter {
    gp_painter base;
    gp_pdf_options opt;
    gp_write_fn write;
    void *closure;
    gp_diags *diags;
    const gp_display *dl;
    pdfw w;
    pdf_fonts fonts;
    pdf_tags tags;
    pdf_nav nav;
    pdf_images *images;
    uint32_t *page_objs;
    uint32_t pages_obj, res_obj;
    /* the page being written */
    size_t page;
    double H;
    pdf_cb c;
    int struct_parents;
    page_annot *annots;
    size_t n_annots, cap_annots;
    uint32_t *fields; /* check box widgets: the AcroForm's /Fields */
    size_t n_fields, cap_fields;
    box_ap aps[8]; /* check box appearances, shared by boxes alike */
    size_t n_aps;
    /* the page's content in segments: running headers and footers (the
     * pagination artifacts) apart from the body, as seg_for says */
    size_t seg_end[SEG_MAX];
    int seg_kinds[SEG_MAX]; /* SEG_BODY, SEG_TOP or SEG_BOTTOM */
    size_t n_segs;
    int art_depth;
    int seg_kind;
    /* artifact streams already written in this document, for pages whose
     * running header (or footer) is the same bytes: one stream for all */
    struct {
        char *bytes;
        size_t len;
        uint32_t obj;
    } shared[SHARED_MAX];
    size_t n_shared, next_shared;
    /* the text object the last run left: it goes on if the content ends
     * where that run's "ET\n" ended, in the same segment */
    pdf_textobj text;
    size_t text_end, text_seg;
    /* marked content: the open sequence */
    bool mc_open;
    pdf_target mc;
    /* graphics state */
    gp_color fill, stroke;
    double lw;
    int cap, join;
    bool dashed;
} ppainter;

static void fail(ppainter *pp, const char *msg)
{
    gp_painter_fail(&pp->base, "pdf painter: %s", msg);
}

static void reset_state(ppainter *pp)
{
    pp->fill = (gp_color){0, 0, 0, false};
    pp->stroke = (gp_color){0, 0, 0, false};
    pp->lw = 1;
    pp->cap = 0;
    pp->join = 0;
    pp->dashed = false;
}

/* The owner password when none is given, as docs/archival.md describes:
 * "gp-owner-" and 16 hex digits of the 64-bit FNV-1a hash of "guidepress
 * owner password:" followed by the user password (the same rule the qpdf
 * path uses), so opening the file never grants owner rights. */
static void derive_owner(const char *user, char *out, size_t cap)
{
    unsigned long long h = 14695981039346656037ull;
    for (const char *s = "guidepress owner password:"; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    for (const char *s = user; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    snprintf(out, cap, "gp-owner-%016llx", h);
}

static int p_begin_document(gp_painter *p, const gp_display *dl)
{
    ppainter *pp = (ppainter *)p;
    pp->dl = dl;
    if (pdfw_init(&pp->w, DEFLATE_LEVEL)) {
        fail(pp, "out of memory");
        return -1;
    }
    pp->w.sink = pp->write;
    pp->w.sink_closure = pp->closure;
    if (pp->opt.password) {
        char derived[64];
        const char *owner = pp->opt.owner_password;
        if (!owner || !owner[0]) {
            derive_owner(pp->opt.password, derived, sizeof derived);
            owner = derived;
        }
        pp->w.crypt = pdf_crypt_new(pp->opt.password, owner, pp->opt.permissions);
        if (!pp->w.crypt) {
            fail(pp, "cannot set up encryption (no random numbers?)");
            return -1;
        }
    }
    char err[256] = "";
    if (pdf_fonts_begin(&pp->fonts, dl, err, sizeof err)) {
        fail(pp, err);
        return -1;
    }
    pp->page_objs = gp_calloc(dl->n_pages ? dl->n_pages : 1, sizeof *pp->page_objs);
    if (!pp->page_objs) {
        fail(pp, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < dl->n_pages; i++)
        pp->page_objs[i] = pdfw_alloc(&pp->w);
    pp->pages_obj = pdfw_alloc(&pp->w);
    pp->res_obj = pdfw_alloc(&pp->w);
    if (pp->opt.tagged && pdf_tags_init(&pp->tags, &pp->w)) {
        fail(pp, "out of memory");
        return -1;
    }
    return pp->w.failed ? (fail(pp, "out of memory"), -1) : 0;
}

static int p_census(gp_painter *p, const gp_item *run, size_t page)
{
    ppainter *pp = (ppainter *)p;
    char err[256] = "";
    if (pdf_fonts_collect(&pp->fonts, run, page, pp->opt.pdfa, err, sizeof err)) {
        fail(pp, err);
        return -1;
    }
    return 0;
}

/* The font subsets, once every glyph run has been seen (before the first
 * page, or at the end of a document without pages). */
static int fonts_ready(ppainter *pp)
{
    char err[256] = "";
    if (pdf_fonts_finish(&pp->fonts, &pp->w, err, sizeof err)) {
        fail(pp, err);
        return -1;
    }
    return 0;
}

static int p_begin_page(gp_painter *p, const gp_page *page, size_t index)
{
    ppainter *pp = (ppainter *)p;
    if (fonts_ready(pp))
        return -1;
    pp->page = index;
    pp->H = page->height;
    pp->c.len = 0;
    pp->n_annots = 0;
    pp->n_segs = 0;
    pp->seg_kind = SEG_BODY;
    pp->mc_open = false;
    pp->text_end = 0;
    reset_state(pp);
    if (pp->opt.tagged)
        pp->struct_parents = pdf_tags_page_begin(&pp->tags, (int)index);
    return 0;
}

/* Marked content ------------------------------------------------------------------ */

static void mc_close(ppainter *pp)
{
    if (pp->mc_open)
        pdf_cb_raw(&pp->c, "EMC\n", 4);
    pp->mc_open = false;
}

/* Running headers and footers hold the page number and the personal lines
 * ("Prepared for ..."), which change from page to page and from copy to
 * copy, while the body of a page is the same in every copy of a mail
 * merge. So the pagination artifacts go into content streams of their own
 * (the page's /Contents becomes an array), and the body's stream is
 * deflated once per batch (zcache.c). The header (top half of the page)
 * and the footer are segments of their own too, so a header that is the
 * same on every page is one stream that every page lists (shared_stream).
 * Called before anything is drawn; a segment ends on a closed
 * marked-content sequence, so each stream is balanced, and the streams
 * joined are the single stream they replace. */
static void seg_for(ppainter *pp, const gp_item *it)
{
    int kind = pp->art_depth <= 0 ? SEG_BODY : it->y < pp->H / 2 ? SEG_TOP : SEG_BOTTOM;
    if (kind == pp->seg_kind)
        return;
    int was = pp->seg_kind;
    pp->seg_kind = kind;
    mc_close(pp);
    if (kind == SEG_TOP) {
        /* the header sets all the state it uses, whatever the page drew
         * before, so that its bytes are the same on every page */
        pp->fill.none = pp->stroke.none = true;
        pp->lw = -1;
        pp->cap = pp->join = -1;
        pp->dashed = true;
    }
    size_t start = pp->n_segs ? pp->seg_end[pp->n_segs - 1] : 0;
    if (pp->c.len > start && pp->n_segs < SEG_MAX) {
        pp->seg_kinds[pp->n_segs] = was;
        pp->seg_end[pp->n_segs++] = pp->c.len;
    }
}

/* The stream object for an artifact segment: one written before in this
 * document with the same bytes, or a new one. The bytes were made for the
 * graphics state this page had before them, and equal bytes set equal
 * state, so a page that lists a stream another page wrote draws what its
 * own bytes would have drawn. Body segments are never shared: their
 * marked content belongs to one page's structure. */
static uint32_t shared_stream(ppainter *pp, const char *p, size_t n)
{
    for (size_t i = 0; i < pp->n_shared; i++)
        if (pp->shared[i].len == n && !memcmp(pp->shared[i].bytes, p, n))
            return pp->shared[i].obj;
    uint32_t obj = pdfw_alloc(&pp->w);
    pdfw_stream(&pp->w, obj, "", p, n, true);
    char *copy = gp_malloc(n ? n : 1);
    if (obj && copy) {
        size_t k = pp->n_shared < SHARED_MAX ? pp->n_shared++ : pp->next_shared++ % SHARED_MAX;
        gp_free(pp->shared[k].bytes);
        memcpy(copy, p, n);
        pp->shared[k].bytes = copy;
        pp->shared[k].len = n;
        pp->shared[k].obj = obj;
    } else {
        gp_free(copy);
    }
    return obj;
}

/* Opens the marked-content sequence the item's marks belong to (tagged
 * PDF); returns the element (or -1 for artifacts). */
static int mc_for(ppainter *pp, const gp_item *it)
{
    seg_for(pp, it);
    if (!pp->opt.tagged)
        return -1;
    pdf_target t = pdf_tags_target(&pp->tags, &pp->w, it, pp->H);
    if (pp->mc_open && t.kind == pp->mc.kind && t.elem == pp->mc.elem)
        return t.elem;
    mc_close(pp);
    pp->mc = t;
    pp->mc_open = true;
    switch (t.kind) {
    case PDF_TARGET_ELEM: {
        int mcid = pdf_tags_mcid(&pp->tags, t.elem, (int)pp->page, pp->page_objs[pp->page]);
        pdf_cb_raw(&pp->c, "/", 1);
        pdf_cb_str(&pp->c, gp_tag_name(pp->tags.e[t.elem].tag));
        pdf_cb_raw(&pp->c, "<</MCID ", 8);
        pdf_cb_int(&pp->c, mcid);
        pdf_cb_raw(&pp->c, ">>BDC\n", 6);
        break;
    }
    case PDF_TARGET_LAYOUT: pdf_cb_str(&pp->c, "/Artifact<</Type/Layout>>BDC\n"); break;
    case PDF_TARGET_HEADER:
        pdf_cb_str(&pp->c, "/Artifact<</Type/Pagination/Subtype/Header>>BDC\n");
        break;
    case PDF_TARGET_FOOTER:
        pdf_cb_str(&pp->c, "/Artifact<</Type/Pagination/Subtype/Footer>>BDC\n");
        break;
    }
    return t.kind == PDF_TARGET_ELEM ? t.elem : -1;
}

static void extent(ppainter *pp, int elem, const gp_item *it)
{
    if (elem >= 0)
        pdf_tags_extent(&pp->tags, elem, (int)pp->page, it->x, pp->H - it->y - it->h, it->x + it->w,
                        pp->H - it->y);
}

/* Graphics state ------------------------------------------------------------------- */

static bool same(gp_color a, gp_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(ppainter *pp, gp_color col)
{
    if (same(pp->fill, col) && !pp->fill.none)
        return;
    pp->fill = col;
    pp->fill.none = false;
    pdf_cb_num(&pp->c, col.r);
    pdf_cb_num(&pp->c, col.g);
    pdf_cb_num(&pp->c, col.b);
    pdf_cb_raw(&pp->c, "rg\n", 3);
}

static void set_stroke(ppainter *pp, gp_color col, double lw)
{
    if (!same(pp->stroke, col) || pp->stroke.none) {
        pp->stroke = col;
        pp->stroke.none = false;
        pdf_cb_num(&pp->c, col.r);
        pdf_cb_num(&pp->c, col.g);
        pdf_cb_num(&pp->c, col.b);
        pdf_cb_raw(&pp->c, "RG\n", 3);
    }
    if (lw != pp->lw) {
        pp->lw = lw;
        pdf_cb_num(&pp->c, lw);
        pdf_cb_raw(&pp->c, "w\n", 2);
    }
}

static void set_cap_join(ppainter *pp, int cap, int join)
{
    if (cap != pp->cap) {
        pdf_cb_int(&pp->c, cap);
        pdf_cb_raw(&pp->c, "J\n", 2);
        pp->cap = cap;
    }
    if (join != pp->join) {
        pdf_cb_int(&pp->c, join);
        pdf_cb_raw(&pp->c, "j\n", 2);
        pp->join = join;
    }
}

static void paint_op(ppainter *pp, gp_color fill, gp_color stroke, double lw)
{
    bool f = !fill.none, s = !stroke.none && lw > 0;
    if (f)
        set_fill(pp, fill);
    if (s)
        set_stroke(pp, stroke, lw);
    pdf_cb_str(&pp->c, f && s ? "B\n" : f ? "f\n" : s ? "S\n" : "n\n");
}

static void pt(ppainter *pp, double x, double y, const char *op)
{
    pdf_cb_num(&pp->c, x);
    pdf_cb_num(&pp->c, pp->H - y);
    pdf_cb_str(&pp->c, op);
}

static void curve(ppainter *pp, double x1, double y1, double x2, double y2, double x3, double y3)
{
    pdf_cb_num(&pp->c, x1);
    pdf_cb_num(&pp->c, pp->H - y1);
    pdf_cb_num(&pp->c, x2);
    pdf_cb_num(&pp->c, pp->H - y2);
    pt(pp, x3, y3, "c\n");
}

static void rect_path(ppainter *pp, const gp_item *it)
{
    double x = it->x, y = it->y, w = it->w, h = it->h, r = it->u.rect.radius;
    if (r > w / 2)
        r = w / 2;
    if (r > h / 2)
        r = h / 2;
    if (r <= 0) {
        pdf_cb_num(&pp->c, x);
        pdf_cb_num(&pp->c, pp->H - y - h);
        pdf_cb_num(&pp->c, w);
        pdf_cb_num(&pp->c, h);
        pdf_cb_raw(&pp->c, "re\n", 3);
        return;
    }
    double k = r * 0.5522847498;
    pt(pp, x + r, y, "m\n");
    pt(pp, x + w - r, y, "l\n");
    curve(pp, x + w - r + k, y, x + w, y + r - k, x + w, y + r);
    pt(pp, x + w, y + h - r, "l\n");
    curve(pp, x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
    pt(pp, x + r, y + h, "l\n");
    curve(pp, x + r - k, y + h, x, y + h - r + k, x, y + h - r);
    pt(pp, x, y + r, "l\n");
    curve(pp, x, y + r - k, x + r - k, y, x + r, y);
    pdf_cb_raw(&pp->c, "h\n", 2);
}

/* Items ------------------------------------------------------------------------------- */

static int draw_image(ppainter *pp, const gp_item *it)
{
    char err[256] = "";
    uint32_t obj = pdf_image_get(&pp->images, &pp->w, it, err, sizeof err);
    if (!obj) {
        fail(pp, err);
        return -1;
    }
    if (it->w <= 0 || it->h <= 0)
        return 0;
    int elem = mc_for(pp, it);
    extent(pp, elem, it);
    pdf_cb_raw(&pp->c, "q ", 2);
    pdf_cb_num(&pp->c, it->w);
    pdf_cb_raw(&pp->c, "0 0 ", 4);
    pdf_cb_num(&pp->c, it->h);
    pdf_cb_num(&pp->c, it->x);
    pdf_cb_num(&pp->c, pp->H - it->y - it->h);
    pdf_cb_raw(&pp->c, "cm /", 4);
    pdf_cb_str(&pp->c, pdf_image_name(pp->images, obj));
    pdf_cb_raw(&pp->c, " Do Q\n", 6);
    return 0;
}

static page_annot *new_annot(ppainter *pp)
{
    if (pp->n_annots == pp->cap_annots) {
        size_t cap = pp->cap_annots ? pp->cap_annots * 2 : 8;
        page_annot *a = gp_realloc(pp->annots, cap * sizeof *a);
        if (!a) {
            fail(pp, "out of memory");
            return NULL;
        }
        pp->annots = a;
        pp->cap_annots = cap;
    }
    return &pp->annots[pp->n_annots++];
}

/* A check box: the box printed as today (page content, a layout artifact)
 * and, unless --no-forms, an AcroForm check box widget over it whose Off
 * appearance is empty, so the page prints exactly as before, and whose On
 * appearance is a tick. Tagged as the Form element around it (OBJR). */
static int checkbox_item(ppainter *pp, const gp_item *it)
{
    gp_item r = gp_checkbox_as_rect(it); /* the box is drawn as the other painters draw it */
    int elem = mc_for(pp, &r);
    extent(pp, elem, &r);
    set_cap_join(pp, 0, 0);
    rect_path(pp, &r);
    paint_op(pp, r.u.rect.fill, r.u.rect.stroke, r.u.rect.line_width);
    if (pp->opt.no_forms || !it->u.checkbox.name)
        return 0;
    if (pp->n_fields == pp->cap_fields) {
        size_t cap = pp->cap_fields ? pp->cap_fields * 2 : 16;
        uint32_t *f = gp_realloc(pp->fields, cap * sizeof *f);
        if (!f) {
            fail(pp, "out of memory");
            return -1;
        }
        pp->fields = f;
        pp->cap_fields = cap;
    }
    page_annot *a = new_annot(pp);
    if (!a)
        return -1;
    a->it = it;
    a->obj = pdfw_alloc(&pp->w);
    a->elem = pp->opt.tagged ? pdf_tags_open(&pp->tags, GP_TAG_FORM) : -1;
    pp->fields[pp->n_fields++] = a->obj;
    return 0;
}

/* The widget dictionary of check box a and its two appearance streams. */
static void write_checkbox(ppainter *pp, const page_annot *a, uint32_t page_obj, int sp)
{
    const gp_item *it = a->it;
    gp_color k = it->u.checkbox.stroke.none ? (gp_color){0, 0, 0, false} : it->u.checkbox.stroke;
    uint32_t on = 0, off = 0;
    for (size_t i = 0; i < pp->n_aps && !on; i++)
        if (pp->aps[i].w == it->w && pp->aps[i].h == it->h && pp->aps[i].k.r == k.r &&
            pp->aps[i].k.g == k.g && pp->aps[i].k.b == k.b) {
            on = pp->aps[i].on;
            off = pp->aps[i].off;
        }
    bool fresh = !on;
    if (fresh) {
        on = pdfw_alloc(&pp->w);
        off = pdfw_alloc(&pp->w);
        if (pp->n_aps < sizeof pp->aps / sizeof pp->aps[0])
            pp->aps[pp->n_aps++] = (box_ap){it->w, it->h, k, on, off};
    }
    char r[4][32], w[32], h[32];
    *pdf_fmt_num(r[0], it->x) = '\0';
    *pdf_fmt_num(r[1], pp->H - it->y - it->h) = '\0';
    *pdf_fmt_num(r[2], it->x + it->w) = '\0';
    *pdf_fmt_num(r[3], pp->H - it->y) = '\0';
    *pdf_fmt_num(w, it->w) = '\0';
    *pdf_fmt_num(h, it->h) = '\0';
    if (fresh) {
        char dict[160];
        snprintf(dict, sizeof dict, "/Type/XObject/Subtype/Form/BBox[0 0 %s %s]/Resources<<>>", w,
                 h);
        pdfw_stream(&pp->w, off, dict, "", 0, false); /* the printed box is page content */
        pdf_cb c = {0};
        pdf_cb_num(&c, k.r);
        pdf_cb_num(&c, k.g);
        pdf_cb_num(&c, k.b);
        pdf_cb_str(&c, "RG ");
        pdf_cb_num(&c, it->w * 0.12);
        pdf_cb_str(&c, "w 1 J 1 j ");
        static const double tick[3][2] = {{0.22, 0.52}, {0.42, 0.28}, {0.8, 0.76}};
        for (int i = 0; i < 3; i++) {
            pdf_cb_num(&c, it->w * tick[i][0]);
            pdf_cb_num(&c, it->h * tick[i][1]);
            pdf_cb_str(&c, i ? "l " : "m ");
        }
        pdf_cb_str(&c, "S\n");
        pdfw_stream(&pp->w, on, dict, c.p ? c.p : "", c.len, false);
        if (c.failed)
            pp->w.failed = true;
        pdf_cb_free(&c);
    }
    gp_buf *b = pdfw_begin(&pp->w, a->obj);
    gp_buf_printf(b,
                  "<</Type/Annot/Subtype/Widget/FT/Btn/F 4/P %u 0 R/Rect[%s %s %s %s]"
                  "/V/Off/AS/Off/AP<</N<</On %u 0 R/Off %u 0 R>>>>/MK<<>>/T",
                  page_obj, r[0], r[1], r[2], r[3], on, off);
    pdf_text(b, it->u.checkbox.name, strlen(it->u.checkbox.name));
    const char *tip = it->u.checkbox.tooltip && it->u.checkbox.tooltip[0] ? it->u.checkbox.tooltip
                                                                          : it->u.checkbox.name;
    gp_buf_puts(b, "/TU");
    pdf_text(b, tip, strlen(tip));
    gp_buf_puts(b, "/Contents"); /* what an annotation list shows */
    pdf_text(b, tip, strlen(tip));
    if (sp >= 0)
        gp_buf_printf(b, "/StructParent %d", sp);
    gp_buf_puts(b, ">>");
    pdfw_end(&pp->w);
}

static int link_item(ppainter *pp, const gp_item *it)
{
    if (!it->u.link.uri && !it->u.link.dest)
        return 0;
    if (pp->n_annots == pp->cap_annots) {
        size_t cap = pp->cap_annots ? pp->cap_annots * 2 : 8;
        page_annot *a = gp_realloc(pp->annots, cap * sizeof *a);
        if (!a) {
            fail(pp, "out of memory");
            return -1;
        }
        pp->annots = a;
        pp->cap_annots = cap;
    }
    page_annot *a = &pp->annots[pp->n_annots++];
    a->it = it;
    a->obj = pdfw_alloc(&pp->w);
    a->elem = pp->opt.tagged ? pdf_tags_link_elem(&pp->tags, &pp->w) : -1;
    return 0;
}

/* After an entry: a failed buffer is the painter's error. */
static int done(ppainter *pp)
{
    if (pp->c.failed || pp->w.failed || pp->tags.failed) {
        fail(pp, "out of memory");
        return -1;
    }
    return 0;
}

static int p_glyphs(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    if (!it->u.glyphs.n_glyphs)
        return 0;
    int elem = mc_for(pp, it);
    extent(pp, elem, it);
    if (elem >= 0 && pp->tags.e[elem].tag == GP_TAG_LINK && pp->tags.e[elem].text.len < 400) {
        if (pp->tags.e[elem].text.len)
            gp_buf_puts(&pp->tags.e[elem].text, " ");
        gp_buf_append(&pp->tags.e[elem].text, it->u.glyphs.text, it->u.glyphs.text_len);
    }
    /* nothing drawn since the last run (no marked-content change, no path,
     * no new segment): take back its ET and go on in its text object */
    bool cont = pp->text_end && pp->c.len == pp->text_end && pp->n_segs == pp->text_seg;
    if (cont)
        pp->c.len -= 3;
    set_fill(pp, it->u.glyphs.color); /* rg is allowed inside BT/ET */
    pdf_show_glyphs(&pp->c, &pp->fonts, it, pp->H, &pp->text, cont);
    pp->text_end = pp->c.len;
    pp->text_seg = pp->n_segs;
    return done(pp);
}

static int p_rect(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    if (it->u.rect.fill.none && (it->u.rect.stroke.none || it->u.rect.line_width <= 0))
        return 0;
    int elem = mc_for(pp, it);
    extent(pp, elem, it);
    set_cap_join(pp, 0, 0);
    rect_path(pp, it);
    paint_op(pp, it->u.rect.fill, it->u.rect.stroke, it->u.rect.line_width);
    return done(pp);
}

static int p_line(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    if (it->u.line.color.none || it->u.line.width <= 0)
        return 0;
    int elem = mc_for(pp, it);
    extent(pp, elem, it);
    set_cap_join(pp, 0, pp->join);
    if (it->u.line.dash > 0) {
        pdf_cb_raw(&pp->c, "[", 1);
        pdf_cb_num(&pp->c, it->u.line.dash);
        pdf_cb_raw(&pp->c, "]0 d\n", 5);
        pp->dashed = true;
    } else if (pp->dashed) {
        pdf_cb_raw(&pp->c, "[]0 d\n", 6);
        pp->dashed = false;
    }
    pt(pp, it->u.line.x1, it->u.line.y1, "m ");
    pt(pp, it->u.line.x2, it->u.line.y2, "l\n");
    paint_op(pp, (gp_color){0, 0, 0, true}, it->u.line.color, it->u.line.width);
    return done(pp);
}

static int p_path(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    if (!it->u.path.n_segs)
        return 0;
    int elem = mc_for(pp, it);
    extent(pp, elem, it);
    set_cap_join(pp, 1, 1);
    if (pp->dashed) {
        pdf_cb_raw(&pp->c, "[]0 d\n", 6);
        pp->dashed = false;
    }
    for (size_t i = 0; i < it->u.path.n_segs; i++) {
        const gp_path_seg *s = &it->u.path.segs[i];
        switch (s->op) {
        case GP_PATH_MOVE: pt(pp, s->pts[0], s->pts[1], "m\n"); break;
        case GP_PATH_LINE: pt(pp, s->pts[0], s->pts[1], "l\n"); break;
        case GP_PATH_CURVE:
            curve(pp, s->pts[0], s->pts[1], s->pts[2], s->pts[3], s->pts[4], s->pts[5]);
            break;
        case GP_PATH_CLOSE: pdf_cb_raw(&pp->c, "h\n", 2); break;
        }
    }
    paint_op(pp, it->u.path.fill, it->u.path.stroke, it->u.path.line_width);
    return done(pp);
}

static int p_image(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    return draw_image(pp, it) ? -1 : done(pp);
}

static int p_link(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    return link_item(pp, it) ? -1 : done(pp);
}

static int p_checkbox(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    return checkbox_item(pp, it) ? -1 : done(pp);
}

static int p_dest(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    pdf_nav_dest(&pp->nav, it->u.dest.name, pp->page_objs[pp->page], it->x, pp->H - it->y);
    return done(pp);
}

static int p_bookmark(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    pdf_nav_mark(&pp->nav, it->u.bookmark.title, it->u.bookmark.level, pp->page_objs[pp->page],
                 pp->H - it->y);
    return done(pp);
}

static int p_tag_begin(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    if (it->u.tag.tag == GP_TAG_ARTIFACT)
        pp->art_depth++;
    if (it->u.tag.tag == GP_TAG_FORM && pp->opt.no_forms)
        return 0; /* a plain box: nothing for a Form element to hold */
    if (pp->opt.tagged) {
        pdf_tags_begin(&pp->tags, &pp->w, it);
        pdf_tags_break_loose(&pp->tags);
    }
    return done(pp);
}

static int p_tag_end(gp_painter *p, const gp_item *it)
{
    ppainter *pp = (ppainter *)p;
    if (it->u.tag.tag == GP_TAG_ARTIFACT && pp->art_depth > 0)
        pp->art_depth--;
    if (it->u.tag.tag == GP_TAG_FORM && pp->opt.no_forms)
        return 0;
    if (pp->opt.tagged) {
        pdf_tags_end(&pp->tags, it);
        pdf_tags_break_loose(&pp->tags);
    }
    return done(pp);
}

static int p_end_page(gp_painter *p, const gp_page *page, size_t index)
{
    ppainter *pp = (ppainter *)p;
    mc_close(pp);
    /* one stream per segment (seg_for), the last one ending here */
    size_t start = pp->n_segs ? pp->seg_end[pp->n_segs - 1] : 0;
    if (pp->c.len > start || !pp->n_segs) {
        if (pp->n_segs == SEG_MAX)
            pp->n_segs--; /* the last one runs to the end */
        pp->seg_kinds[pp->n_segs] = pp->seg_kind;
        pp->seg_end[pp->n_segs++] = pp->c.len;
    }
    uint32_t content[SEG_MAX];
    for (size_t i = 0; i < pp->n_segs; i++) {
        size_t from = i ? pp->seg_end[i - 1] : 0;
        const char *seg = pp->c.p ? pp->c.p + from : "";
        if (pp->seg_kinds[i] != SEG_BODY) {
            content[i] = shared_stream(pp, seg, pp->seg_end[i] - from);
            continue;
        }
        content[i] = pdfw_alloc(&pp->w);
        pdfw_stream(&pp->w, content[i], "", seg, pp->seg_end[i] - from, true);
    }
    uint32_t pobj = pp->page_objs[index];
    for (size_t i = 0; i < pp->n_annots; i++) {
        page_annot *a = &pp->annots[i];
        int sp = -1;
        const pdf_elem *e = NULL;
        if (a->elem >= 0) {
            sp = pdf_tags_annot(&pp->tags, a->elem, (int)index, pobj, a->obj);
            e = &pp->tags.e[a->elem];
        }
        if (a->it->kind == GP_ITEM_CHECKBOX) {
            write_checkbox(pp, a, pobj, sp);
            continue;
        }
        gp_buf *b = pdfw_begin(&pp->w, a->obj);
        pdf_link_annot(b, a->it, pp->H, e ? e->text.data : NULL, e ? e->text.len : 0, sp);
        pdfw_end(&pp->w);
    }
    if (pp->opt.tagged) /* the elements that ended on this page */
        pdf_tags_page_end(&pp->tags, &pp->w, pp->dl->meta.lang);
    gp_buf *b = pdfw_begin(&pp->w, pobj);
    char wd[32], ht[32];
    *pdf_fmt_num(wd, page->width) = '\0';
    *pdf_fmt_num(ht, page->height) = '\0';
    gp_buf_printf(b, "<</Type/Page/Parent %u 0 R/MediaBox[0 0 %s %s]/Resources %u 0 R/Contents ",
                  pp->pages_obj, wd, ht, pp->res_obj);
    if (pp->n_segs == 1) {
        gp_buf_printf(b, "%u 0 R", content[0]);
    } else {
        for (size_t i = 0; i < pp->n_segs; i++)
            gp_buf_printf(b, "%s%u 0 R", i ? " " : "[", content[i]);
        gp_buf_puts(b, "]");
    }
    if (pp->opt.tagged)
        gp_buf_printf(b, "/StructParents %d", pp->struct_parents);
    if (pp->n_annots) {
        gp_buf_puts(b, "/Tabs/S/Annots[");
        for (size_t i = 0; i < pp->n_annots; i++)
            gp_buf_printf(b, "%u 0 R ", pp->annots[i].obj);
        gp_buf_puts(b, "]");
    }
    gp_buf_puts(b, ">>");
    pdfw_end(&pp->w);
    if (pp->w.failed || pp->c.failed) {
        fail(pp, "out of memory");
        return -1;
    }
    /* the file so far goes out in pieces of 64 KiB or more */
    if (pdfw_flush(&pp->w, 64 * 1024)) {
        fail(pp, "cannot write the PDF");
        return -1;
    }
    return 0;
}

static int p_finish(gp_painter *p)
{
    ppainter *pp = (ppainter *)p;
    const gp_display *dl = pp->dl;
    pdfw *w = &pp->w;
    char err[256] = "";
    if (fonts_ready(pp))
        return -1;
    pdf_fonts_write(&pp->fonts, w);
    gp_buf *b = pdfw_begin(w, pp->res_obj);
    gp_buf_puts(b, "<<");
    if (pp->fonts.n) {
        gp_buf_puts(b, "/Font<<");
        for (size_t i = 0; i < pp->fonts.n; i++)
            if (pp->fonts.fonts[i])
                gp_buf_printf(b, "/F%zu %u 0 R", i, pdf_font_obj(pp->fonts.fonts[i]));
        gp_buf_puts(b, ">>");
    }
    pdf_images_resources(pp->images, b);
    gp_buf_puts(b, ">>");
    pdfw_end(w);
    b = pdfw_begin(w, pp->pages_obj);
    gp_buf_puts(b, "<</Type/Pages/Kids[");
    for (size_t i = 0; i < dl->n_pages; i++)
        gp_buf_printf(b, "%u 0 R ", pp->page_objs[i]);
    gp_buf_printf(b, "]/Count %zu>>", dl->n_pages);
    pdfw_end(w);
    if (pp->opt.tagged)
        pdf_tags_write(&pp->tags, w, dl->meta.lang);
    uint32_t outline = pdf_nav_outline(&pp->nav, w);
    uint32_t dests = pdf_nav_dests(&pp->nav, w);
    const char *producer = "guidepress " GP_VERSION_STRING;
    uint32_t info = pdfw_alloc(w), xmp = pdfw_alloc(w);
    pdf_info_write(w, info, &dl->meta, producer);
    pdf_xmp_write(w, xmp, &dl->meta, producer, pp->opt.pdfa, pp->opt.tagged);
    uint32_t oi = 0;
    if (pp->opt.pdfa) {
        oi = pdfw_alloc(w);
        if (pdf_output_intent(w, oi, pp->opt.icc_profile, err, sizeof err)) {
            fail(pp, err);
            return -1;
        }
    }
    uint32_t catalog = pdfw_alloc(w);
    b = pdfw_begin(w, catalog);
    gp_buf_printf(b, "<</Type/Catalog/Pages %u 0 R/Metadata %u 0 R", pp->pages_obj, xmp);
    gp_buf_puts(b, "/ViewerPreferences<</DisplayDocTitle true>>");
    if (dl->meta.lang && dl->meta.lang[0]) {
        gp_buf_puts(b, "/Lang");
        pdf_text(b, dl->meta.lang, strlen(dl->meta.lang));
    }
    if (pp->opt.tagged)
        gp_buf_printf(b, "/MarkInfo<</Marked true>>/StructTreeRoot %u 0 R", pp->tags.root_obj);
    if (outline)
        gp_buf_printf(b, "/Outlines %u 0 R/PageMode/UseOutlines", outline);
    if (dests)
        gp_buf_printf(b, "/Names<</Dests %u 0 R>>", dests);
    if (oi)
        gp_buf_printf(b, "/OutputIntents[%u 0 R]", oi);
    if (pp->n_fields) { /* the tick boxes; viewers keep their state when saved */
        gp_buf_puts(b, "/AcroForm<</Fields[");
        for (size_t i = 0; i < pp->n_fields; i++)
            gp_buf_printf(b, "%u 0 R ", pp->fields[i]);
        gp_buf_puts(b, "]/NeedAppearances false>>");
    }
    gp_buf_puts(b, ">>");
    pdfw_end(w);
    uint32_t enc = 0;
    if (w->crypt) {
        enc = pdfw_alloc(w);
        gp_buf d = {0};
        pdf_crypt_dict(w->crypt, &d);
        pdfw_direct(w, enc, d.data ? d.data : "<<>>");
        gp_buf_free(&d);
    }
    /* the /ID: a hash of everything written so far, so identical input
     * gives an identical file */
    uint8_t id[32];
    pdfw_digest(w, id);
    pdfw_finish(w, catalog, info, enc, id);
    if (w->failed || w->out.failed) {
        fail(pp, "out of memory");
        return -1;
    }
    if (pdfw_flush(w, 0)) {
        fail(pp, "cannot write the PDF");
        return -1;
    }
    return 0;
}

static void p_destroy(gp_painter *p)
{
    ppainter *pp = (ppainter *)p;
    pdf_fonts_free(&pp->fonts);
    if (pp->opt.tagged)
        pdf_tags_free(&pp->tags);
    pdf_nav_free(&pp->nav);
    pdf_images_free(pp->images);
    pdf_crypt_free(pp->w.crypt);
    pp->w.crypt = NULL;
    pdfw_free(&pp->w);
    pdf_cb_free(&pp->c);
    gp_free(pp->page_objs);
    gp_free(pp->annots);
    gp_free(pp->fields);
    for (size_t i = 0; i < pp->n_shared; i++)
        gp_free(pp->shared[i].bytes);
    gp_free(pp);
}

static const gp_painter_class pdf_class = {
    .name = "pdf",
    .begin_document = p_begin_document,
    .census = p_census,
    .begin_page = p_begin_page,
    .glyphs = p_glyphs,
    .rect = p_rect,
    .line = p_line,
    .path = p_path,
    .image = p_image,
    .link = p_link,
    .bookmark = p_bookmark,
    .dest = p_dest,
    .tag_begin = p_tag_begin,
    .tag_end = p_tag_end,
    .checkbox = p_checkbox,
    .end_page = p_end_page,
    .end_document = p_finish,
    .destroy = p_destroy,
};

gp_painter *gp_painter_pdf_new(const gp_pdf_options *opt, gp_write_fn write, void *closure,
                               gp_diags *diags)
{
    if (!write) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "pdf painter: no output");
        return NULL;
    }
    if (opt->pdfa && opt->password) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "PDF/A forbids encryption: use --pdfa or --password, not both");
        return NULL;
    }
    ppainter *pp = gp_calloc(1, sizeof *pp);
    if (!pp) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    pp->base.cls = &pdf_class;
    pp->opt = *opt;
    pp->write = write;
    pp->closure = closure;
    pp->diags = diags;
    return &pp->base;
}
