/* paint/cairo/cairo.c - the Cairo painter: PDF (default), PNG and SVG.
 *
 * Replays the display list: glyph runs through cairo_show_text_glyphs with
 * the run's text and cluster map (so PDF text extraction reads the source
 * text, inserted hyphens included), shapes as paths, logos through
 * cairo (PNG) or librsvg (SVG, kept as vectors), links, outline entries and
 * structure tags through Cairo's tag API. Fonts are opened with FreeType
 * from the files layout chose; the painter never measures text. */
#include "paint/painter.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "base/alloc.h"
#include "base/svg.h"
#include "base/util.h"
#include "display/display_struct.h"

typedef struct cimage {
    const char *path;
    cairo_surface_t *png;
    void *svg;            /* base/svg.h */
    cairo_surface_t *rec; /* the SVG drawn once, at rec_w x rec_h */
    double rec_w, rec_h;
} cimage;

typedef struct cpainter {
    gp_painter base;
    gp_paint_options opt;
    gp_write_fn write;
    void *closure;
    cairo_font_face_t *faces[64];
    cimage images[16];
    size_t n_images;
    cairo_surface_t *surface; /* the PDF, or the current page's PNG/SVG */
    cairo_t *cr;
    const gp_display *dl;
    int outline_parent[8]; /* outline id per level */
    gp_write_fn page_write;
    void *page_closure;
    size_t page_index;
    int link_depth; /* open Link structure tags */
} cpainter;

static const cairo_user_data_key_t ft_key;

static cairo_status_t stream_write(void *closure, const unsigned char *data, unsigned int len)
{
    cpainter *c = closure;
    gp_write_fn w = c->opt.format == GP_FORMAT_PDF ? c->write : c->page_write;
    void *cl = c->opt.format == GP_FORMAT_PDF ? c->closure : c->page_closure;
    return w(cl, data, len) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static int check(cpainter *c, const char *what)
{
    cairo_status_t st = c->cr ? cairo_status(c->cr) : CAIRO_STATUS_SUCCESS;
    if (st == CAIRO_STATUS_SUCCESS && c->surface)
        st = cairo_surface_status(c->surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        gp_painter_fail(&c->base, "cairo: %s: %s", what, cairo_status_to_string(st));
        return -1;
    }
    return 0;
}

static void set_color(cairo_t *cr, gp_color col)
{
    cairo_set_source_rgb(cr, col.r, col.g, col.b);
}

static void format_date(char *buf, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%S", &tm);
}

static int c_begin_document(gp_painter *p, const gp_display *dl)
{
    cpainter *c = (cpainter *)p;
    c->dl = dl;
    if (c->opt.format != GP_FORMAT_PDF)
        return 0;
    double w = dl->n_pages ? dl->pages[0].width : 595.0;
    double h = dl->n_pages ? dl->pages[0].height : 842.0;
    c->surface = cairo_pdf_surface_create_for_stream(stream_write, c, w, h);
    c->cr = cairo_create(c->surface);
    const gp_meta *m = &dl->meta;
    if (m->title)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, m->title);
    if (m->author)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
    if (m->subject)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
    if (m->keywords)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
    if (m->creator)
        cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, m->creator);
    char date[32];
    format_date(date, sizeof date, m->date);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
    for (int i = 0; i < 8; i++)
        c->outline_parent[i] = CAIRO_PDF_OUTLINE_ROOT;
    /* The Document tag opens on the first page (c_begin_page): a
     * cairo_pdf_surface_set_size() after it drops it from the first page's
     * recording, and the tree is then written without /MarkInfo. */
    return check(c, "create PDF surface");
}

static int c_begin_page(gp_painter *p, const gp_page *page, size_t index)
{
    cpainter *c = (cpainter *)p;
    c->page_index = index;
    if (c->opt.format == GP_FORMAT_PDF) {
        cairo_pdf_surface_set_size(c->surface, page->width, page->height);
        if (c->opt.tagged && index == 0)
            cairo_tag_begin(c->cr, "Document", NULL);
        return check(c, "begin page");
    }
    if (!c->opt.pages.open ||
        c->opt.pages.open(c->opt.pages.ctx, index, &c->page_write, &c->page_closure)) {
        gp_painter_fail(p, "cannot open the output for page %zu", index + 1);
        return -1;
    }
    if (c->opt.format == GP_FORMAT_SVG) {
        c->surface =
            cairo_svg_surface_create_for_stream(stream_write, c, page->width, page->height);
        cairo_svg_surface_set_document_unit(c->surface, CAIRO_SVG_UNIT_PT);
        c->cr = cairo_create(c->surface);
    } else {
        double s = (c->opt.dpi > 0 ? c->opt.dpi : 150.0) / 72.0;
        int pw = (int)ceil(page->width * s), ph = (int)ceil(page->height * s);
        c->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
        c->cr = cairo_create(c->surface);
        cairo_set_source_rgb(c->cr, 1, 1, 1);
        cairo_paint(c->cr);
        cairo_scale(c->cr, s, s);
    }
    return check(c, "begin page");
}

/* One FreeType library for the process: Cairo caches scaled fonts beyond a
 * painter's life, and each cached face must outlive it. Faces are released
 * by Cairo through done_face when it drops them. */
static FT_Library ft_lib;
static pthread_once_t ft_once = PTHREAD_ONCE_INIT;

static void ft_init(void)
{
    if (FT_Init_FreeType(&ft_lib))
        ft_lib = NULL;
}

static FT_Library ft_library(void)
{
    pthread_once(&ft_once, ft_init);
    return ft_lib;
}

static void done_face(void *face)
{
    FT_Done_Face((FT_Face)face);
}

/* Font faces are kept for the life of the process, one per font file, so
 * that Cairo's scaled fonts and glyph caches (keyed by face) carry over
 * from one document to the next: a new face per document made Cairo load
 * and measure every glyph again. Font files are read-only inputs, like
 * the bundled fonts; the set is small (the files styles name). */
#define FACE_CACHE_MAX 64

typedef struct face_entry {
    char *path;
    int index;
    cairo_font_face_t *face;
} face_entry;

static face_entry face_cache[FACE_CACHE_MAX];
static size_t n_face_cache;
static pthread_mutex_t face_lock = PTHREAD_MUTEX_INITIALIZER;

static cairo_font_face_t *face_open(const char *path, int index)
{
    FT_Library lib = ft_library();
    FT_Face face;
    if (!lib || FT_New_Face(lib, path, index, &face))
        return NULL;
    cairo_font_face_t *cf = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_set_user_data(cf, &ft_key, face, done_face)) {
        cairo_font_face_destroy(cf);
        FT_Done_Face(face);
        return NULL;
    }
    return cf;
}

/* A new reference to the face of path/index, opened on first use. */
static cairo_font_face_t *face_shared(const char *path, int index)
{
    cairo_font_face_t *cf = NULL;
    pthread_mutex_lock(&face_lock);
    for (size_t i = 0; i < n_face_cache && !cf; i++)
        if (face_cache[i].index == index && !strcmp(face_cache[i].path, path))
            cf = cairo_font_face_reference(face_cache[i].face);
    if (!cf) {
        cf = face_open(path, index);
        char *copy = cf && n_face_cache < FACE_CACHE_MAX ? gp_strdup(path) : NULL;
        if (copy) {
            face_cache[n_face_cache++] = (face_entry){copy, index, cairo_font_face_reference(cf)};
        }
    }
    pthread_mutex_unlock(&face_lock);
    return cf;
}

static cairo_font_face_t *face_for(cpainter *c, const gp_font *f)
{
    if (f->id < 0 || f->id >= 64)
        return NULL;
    if (!c->faces[f->id])
        c->faces[f->id] = face_shared(f->path, f->face_index);
    return c->faces[f->id];
}

static int draw_glyphs(cpainter *c, const gp_item *it)
{
    cairo_t *cr = c->cr;
    cairo_font_face_t *face = face_for(c, it->u.glyphs.font);
    if (!face) {
        gp_painter_fail(&c->base, "cannot open font %s", it->u.glyphs.font->path);
        return -1;
    }
    size_t n = it->u.glyphs.n_glyphs;
    if (n == 0)
        return 0;
    cairo_set_font_face(cr, face);
    cairo_set_font_size(cr, it->u.glyphs.size);
    set_color(cr, it->u.glyphs.color);
    cairo_glyph_t *gl = gp_malloc(n * sizeof *gl);
    cairo_text_cluster_t *cl = gp_malloc(n * sizeof *cl);
    if (!gl || !cl) {
        gp_free(gl);
        gp_free(cl);
        gp_painter_fail(&c->base, "out of memory");
        return -1;
    }
    const gp_glyph *g = it->u.glyphs.glyphs;
    /* Right-to-left runs are handed over in logical order: Cairo 1.16
     * checks a backward cluster map's UTF-8 from the front and rejects
     * Arabic runs with spaces or Latin in them. Positions are absolute, so
     * the order does not change the drawing. */
    gp_glyph *rev = it->u.glyphs.rtl ? gp_malloc(n * sizeof *rev) : NULL;
    if (rev) {
        for (size_t i = 0; i < n; i++)
            rev[i] = g[n - 1 - i];
        g = rev;
    }
    for (size_t i = 0; i < n; i++) {
        gl[i].index = g[i].id;
        gl[i].x = g[i].x;
        gl[i].y = g[i].y;
    }
    /* Clusters: consecutive glyphs sharing a cluster value form one cluster;
     * its bytes run to the next cluster's start (or the text end). */
    size_t tl = it->u.glyphs.text_len;
    bool backward = it->u.glyphs.rtl && !rev;
    int nc = 0;
    bool ok = tl > 0;
    for (size_t i = 0; i < n && ok;) {
        size_t j = i;
        while (j < n && g[j].cluster == g[i].cluster)
            j++;
        uint32_t start = g[i].cluster, end;
        if (!backward)
            end = j < n ? g[j].cluster : (uint32_t)tl;
        else
            end = i > 0 ? g[i - 1].cluster : (uint32_t)tl;
        if (end <= start || end > tl) {
            ok = false;
            break;
        }
        cl[nc].num_bytes = (int)(end - start);
        cl[nc].num_glyphs = (int)(j - i);
        nc++;
        i = j;
    }
    if (ok) {
        /* The clusters must cover the text exactly. */
        size_t covered = 0;
        for (int k = 0; k < nc; k++)
            covered += (size_t)cl[k].num_bytes;
        uint32_t first = backward ? g[n - 1].cluster : g[0].cluster;
        ok = covered + first == tl && first == 0;
    }
    if (ok)
        cairo_show_text_glyphs(cr, it->u.glyphs.text, (int)tl, gl, (int)n, cl, nc,
                               backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
    else
        cairo_show_glyphs(cr, gl, (int)n);
    gp_free(gl);
    gp_free(cl);
    gp_free(rev);
    return check(c, "glyphs");
}

static void rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
    if (r <= 0) {
        cairo_rectangle(cr, x, y, w, h);
        return;
    }
    if (r > w / 2)
        r = w / 2;
    if (r > h / 2)
        r = h / 2;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
    cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
}

static void fill_stroke(cairo_t *cr, gp_color fill, gp_color stroke, double lw)
{
    if (!fill.none) {
        set_color(cr, fill);
        if (!stroke.none && lw > 0)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (!stroke.none && lw > 0) {
        set_color(cr, stroke);
        cairo_set_line_width(cr, lw);
        cairo_stroke(cr);
    }
    cairo_new_path(cr);
}

static cimage *image_for(cpainter *c, const gp_item *it)
{
    for (size_t i = 0; i < c->n_images; i++)
        if (!strcmp(c->images[i].path, it->u.image.path))
            return &c->images[i];
    if (c->n_images == 16)
        return NULL;
    cimage *im = &c->images[c->n_images];
    memset(im, 0, sizeof *im);
    im->path = it->u.image.path;
    if (it->u.image.kind == GP_IMAGE_SVG) {
        char err[1024];
        im->svg = gp_svg_open(it->u.image.path, err, sizeof err);
        if (!im->svg) {
            gp_painter_fail(&c->base, "%s", err); /* names a missing module */
            return NULL;
        }
    } else {
        im->png = cairo_image_surface_create_from_png(it->u.image.path);
        if (cairo_surface_status(im->png)) {
            cairo_surface_destroy(im->png);
            im->png = NULL;
            return NULL;
        }
    }
    c->n_images++;
    return im;
}

/* An SVG logo is drawn once into a recording surface and painted from it
 * wherever it appears (scaled for other sizes): Cairo writes the recording
 * as one form XObject that every page shares, instead of the logo's paths
 * again on every page (4.8 KB a page for the example brand's). */
static cairo_surface_t *svg_recording(cimage *im, double w, double h)
{
    if (im->rec)
        return im->rec;
    cairo_rectangle_t ext = {0, 0, w, h};
    cairo_surface_t *rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
    cairo_t *cr = cairo_create(rec);
    bool ok = gp_svg_render(im->svg, cr, w, h) == 0;
    cairo_destroy(cr);
    if (!ok || cairo_surface_status(rec)) {
        cairo_surface_destroy(rec);
        return NULL;
    }
    im->rec = rec;
    im->rec_w = w;
    im->rec_h = h;
    return rec;
}

static int draw_image(cpainter *c, const gp_item *it)
{
    cimage *im = image_for(c, it);
    if (!im) {
        gp_painter_fail(&c->base, "cannot read image %s", it->u.image.path);
        return -1;
    }
    if (it->w <= 0 || it->h <= 0)
        return 0;
    cairo_t *cr = c->cr;
    cairo_save(cr);
    cairo_translate(cr, it->x, it->y);
    if (im->svg) {
        cairo_surface_t *rec = svg_recording(im, it->w, it->h);
        if (!rec) {
            cairo_restore(cr);
            gp_painter_fail(&c->base, "cannot draw SVG %s", it->u.image.path);
            return -1;
        }
        cairo_scale(cr, it->w / im->rec_w, it->h / im->rec_h);
        cairo_set_source_surface(cr, rec, 0, 0);
        cairo_rectangle(cr, 0, 0, im->rec_w, im->rec_h);
        cairo_fill(cr);
    } else {
        int iw = cairo_image_surface_get_width(im->png);
        int ih = cairo_image_surface_get_height(im->png);
        cairo_scale(cr, it->w / iw, it->h / ih);
        cairo_set_source_surface(cr, im->png, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_rectangle(cr, 0, 0, iw, ih);
        cairo_fill(cr);
    }
    cairo_restore(cr);
    return check(c, "image");
}

/* Cairo's tag attributes quote strings with '...'; escape ' and \. */
static char *quote_attr(const char *s)
{
    gp_buf b = {0};
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            gp_buf_append(&b, "\\", 1);
        gp_buf_append(&b, s, 1);
    }
    if (!b.data)
        gp_buf_puts(&b, "");
    return b.data;
}

/* A Link structure element (tagged PDF): Cairo makes the annotation and
 * the structure element in one tag, so the link areas (GP_ITEM_LINK) up to
 * the matching end on this page become its rect=[...] and the text drawn
 * in between its content. A link that runs onto the next page keeps the
 * areas of its first page. */
static int link_begin(cpainter *c, const gp_item *it)
{
    const gp_page *pg =
        c->dl && c->page_index < c->dl->n_pages ? &c->dl->pages[c->page_index] : NULL;
    const gp_item *end = pg ? pg->items + pg->n_items : it + 1;
    if (!pg || it < pg->items || it >= end)
        end = it + 1;
    const char *uri = NULL, *dest = NULL;
    gp_buf rects = {0};
    int depth = 0;
    for (const gp_item *q = it + 1; q < end; q++) {
        if (q->kind == GP_ITEM_TAG_BEGIN && q->u.tag.tag == GP_TAG_LINK)
            depth++;
        else if (q->kind == GP_ITEM_TAG_END && q->u.tag.tag == GP_TAG_LINK && depth-- == 0)
            break;
        else if (q->kind == GP_ITEM_LINK && (q->u.link.uri || q->u.link.dest)) {
            if (!uri && !dest) {
                uri = q->u.link.uri;
                dest = uri ? NULL : q->u.link.dest;
            }
            gp_buf_printf(&rects, "%s%.3f %.3f %.3f %.3f", rects.len ? " " : "", q->x, q->y, q->w,
                          q->h);
        }
    }
    char *attr = NULL;
    if (uri || dest) {
        char *target = quote_attr(uri ? uri : dest);
        gp_buf b = {0};
        if (target)
            gp_buf_printf(&b, "%s='%s' rect=[%s]", uri ? "uri" : "dest", target,
                          rects.data ? rects.data : "");
        gp_free(target);
        attr = b.data;
        if (!attr) {
            gp_buf_free(&rects);
            gp_painter_fail(&c->base, "out of memory");
            return -1;
        }
    }
    gp_buf_free(&rects);
    cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attr);
    gp_free(attr);
    c->link_depth++;
    return check(c, "link");
}

static int c_glyphs(gp_painter *p, const gp_item *it)
{
    return draw_glyphs((cpainter *)p, it);
}

static int c_rect(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    rounded_rect(c->cr, it->x, it->y, it->w, it->h, it->u.rect.radius);
    fill_stroke(c->cr, it->u.rect.fill, it->u.rect.stroke, it->u.rect.line_width);
    return check(c, "rectangle");
}

static int c_line(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    cairo_t *cr = c->cr;
    cairo_move_to(cr, it->u.line.x1, it->u.line.y1);
    cairo_line_to(cr, it->u.line.x2, it->u.line.y2);
    if (it->u.line.dash > 0) {
        double d = it->u.line.dash;
        cairo_set_dash(cr, &d, 1, 0);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    fill_stroke(cr, (gp_color){0, 0, 0, true}, it->u.line.color, it->u.line.width);
    cairo_set_dash(cr, NULL, 0, 0);
    return check(c, "line");
}

static int c_path(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    cairo_t *cr = c->cr;
    for (size_t i = 0; i < it->u.path.n_segs; i++) {
        const gp_path_seg *s = &it->u.path.segs[i];
        switch (s->op) {
        case GP_PATH_MOVE: cairo_move_to(cr, s->pts[0], s->pts[1]); break;
        case GP_PATH_LINE: cairo_line_to(cr, s->pts[0], s->pts[1]); break;
        case GP_PATH_CURVE:
            cairo_curve_to(cr, s->pts[0], s->pts[1], s->pts[2], s->pts[3], s->pts[4], s->pts[5]);
            break;
        case GP_PATH_CLOSE: cairo_close_path(cr); break;
        }
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    fill_stroke(cr, it->u.path.fill, it->u.path.stroke, it->u.path.line_width);
    return check(c, "path");
}

static int c_image(gp_painter *p, const gp_item *it)
{
    return draw_image((cpainter *)p, it);
}

static int c_link(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    /* Inside a Link structure element the annotation was made with it. */
    if (c->opt.format != GP_FORMAT_PDF || c->link_depth > 0)
        return 0;
    char *target = quote_attr(it->u.link.uri ? it->u.link.uri : it->u.link.dest);
    if (!target)
        return -1;
    char *attr = NULL;
    gp_buf b = {0};
    gp_buf_printf(&b, "%s='%s' rect=[%.3f %.3f %.3f %.3f]", it->u.link.uri ? "uri" : "dest", target,
                  it->x, it->y, it->w, it->h);
    attr = b.data;
    gp_free(target);
    if (!attr)
        return -1;
    cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attr);
    cairo_tag_end(c->cr, CAIRO_TAG_LINK);
    gp_free(attr);
    return check(c, "link");
}

static int c_dest(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    if (c->opt.format != GP_FORMAT_PDF)
        return 0;
    gp_buf b = {0};
    char *name = quote_attr(it->u.dest.name);
    gp_buf_printf(&b, "name='%s' x=%.3f y=%.3f", name ? name : "", it->x, it->y);
    gp_free(name);
    if (b.data) {
        cairo_tag_begin(c->cr, CAIRO_TAG_DEST, b.data);
        cairo_tag_end(c->cr, CAIRO_TAG_DEST);
    }
    gp_buf_free(&b);
    return check(c, "destination");
}

static int c_bookmark(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    if (c->opt.format != GP_FORMAT_PDF)
        return 0;
    int level = it->u.bookmark.level < 1 ? 1 : it->u.bookmark.level > 7 ? 7 : it->u.bookmark.level;
    char link[96];
    snprintf(link, sizeof link, "page=%zu pos=[%.2f %.2f]", c->page_index + 1, it->x, it->y);
    int id = cairo_pdf_surface_add_outline(c->surface, c->outline_parent[level - 1],
                                           it->u.bookmark.title, link, 0);
    c->outline_parent[level] = id;
    return check(c, "outline");
}

/* Tags Cairo writes: none outside a tagged PDF, no artifacts, and no Form
 * (no field to hold: its box is plain content). */
static bool writes_tag(const cpainter *c, const gp_item *it)
{
    return c->opt.format == GP_FORMAT_PDF && c->opt.tagged && it->u.tag.tag != GP_TAG_ARTIFACT &&
           it->u.tag.tag != GP_TAG_FORM;
}

static int c_tag_begin(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    if (!writes_tag(c, it))
        return 0;
    if (it->u.tag.tag == GP_TAG_LINK)
        return link_begin(c, it);
    cairo_tag_begin(c->cr, gp_tag_name(it->u.tag.tag), it->u.tag.attr);
    return check(c, "tag");
}

static int c_tag_end(gp_painter *p, const gp_item *it)
{
    cpainter *c = (cpainter *)p;
    if (!writes_tag(c, it))
        return 0;
    if (it->u.tag.tag == GP_TAG_LINK && c->link_depth > 0)
        c->link_depth--;
    cairo_tag_end(c->cr, gp_tag_name(it->u.tag.tag));
    return check(c, "tag");
}

static int c_end_page(gp_painter *p, const gp_page *page, size_t index)
{
    (void)page;
    cpainter *c = (cpainter *)p;
    if (c->opt.format == GP_FORMAT_PDF) {
        /* Close Document before the last page is shown: after the last
         * show_page, the tag would land on an empty page of its own. */
        if (c->opt.tagged && c->dl && index + 1 == c->dl->n_pages)
            cairo_tag_end(c->cr, "Document");
        cairo_show_page(c->cr);
        return check(c, "show page");
    }
    int rc = check(c, "end page");
    if (!rc && c->opt.format == GP_FORMAT_PNG) {
        cairo_status_t st = cairo_surface_write_to_png_stream(c->surface, stream_write, c);
        if (st) {
            gp_painter_fail(p, "cannot write PNG page %zu: %s", index + 1,
                            cairo_status_to_string(st));
            rc = -1;
        }
    }
    cairo_destroy(c->cr);
    c->cr = NULL;
    if (!rc && c->opt.format == GP_FORMAT_SVG) {
        cairo_surface_finish(c->surface);
        if (cairo_surface_status(c->surface)) {
            gp_painter_fail(p, "cannot write SVG page %zu", index + 1);
            rc = -1;
        }
    }
    cairo_surface_destroy(c->surface);
    c->surface = NULL;
    if (c->opt.pages.close(c->opt.pages.ctx, index, c->page_closure, rc != 0) && !rc) {
        gp_painter_fail(p, "cannot finish the output for page %zu", index + 1);
        rc = -1;
    }
    return rc;
}

static int c_finish(gp_painter *p)
{
    cpainter *c = (cpainter *)p;
    if (c->opt.format != GP_FORMAT_PDF)
        return 0;
    cairo_destroy(c->cr);
    c->cr = NULL;
    cairo_surface_finish(c->surface);
    return check(c, "finish PDF");
}

static void c_destroy(gp_painter *p)
{
    cpainter *c = (cpainter *)p;
    if (c->cr)
        cairo_destroy(c->cr);
    if (c->surface)
        cairo_surface_destroy(c->surface);
    for (int i = 0; i < 64; i++)
        if (c->faces[i])
            cairo_font_face_destroy(c->faces[i]);
    for (size_t i = 0; i < c->n_images; i++) {
        if (c->images[i].png)
            cairo_surface_destroy(c->images[i].png);
        gp_svg_close(c->images[i].svg);
        if (c->images[i].rec)
            cairo_surface_destroy(c->images[i].rec);
    }
    gp_free(c);
}

/* No checkbox entry: without form fields the dispatcher paints the box as
 * a rectangle. */
static const gp_painter_class cairo_class = {
    .name = "cairo",
    .begin_document = c_begin_document,
    .begin_page = c_begin_page,
    .glyphs = c_glyphs,
    .rect = c_rect,
    .line = c_line,
    .path = c_path,
    .image = c_image,
    .link = c_link,
    .bookmark = c_bookmark,
    .dest = c_dest,
    .tag_begin = c_tag_begin,
    .tag_end = c_tag_end,
    .end_page = c_end_page,
    .end_document = c_finish,
    .destroy = c_destroy,
};

gp_painter *gp_painter_cairo_new(const gp_paint_options *opt, gp_write_fn write, void *closure,
                                 gp_diags *diags)
{
    if (opt->format == GP_FORMAT_PDF && !write) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "cairo painter: no output for the PDF");
        return NULL;
    }
    if (opt->format != GP_FORMAT_PDF && (!opt->pages.open || !opt->pages.close)) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "cairo painter: no per-page output for PNG/SVG");
        return NULL;
    }
    cpainter *c = gp_calloc(1, sizeof *c);
    if (!c) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    c->base.cls = &cairo_class;
    c->opt = *opt;
    c->write = write;
    c->closure = closure;
    return &c->base;
}
