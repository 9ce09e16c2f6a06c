/* paint/trace/trace.c - the trace painter: the display list as stable text
 * (positions rounded to 0.01 pt), like MuPDF's trace device or SILE's debug
 * outputter. `render --dump-display FILE` writes it and the golden tests
 * (the .dl files in tests/golden) compare it, so layout changes are judged against a
 * readable, diffable list. It fills every entry of the painter interface:
 * a new item kind without a trace line fails the dispatcher, not silently.
 * One line per item; each page's text goes to the output when the page
 * ends. */
#include "paint/painter.h"

#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "display/display_struct.h"

typedef struct tpainter {
    gp_painter base;
    gp_write_fn write;
    void *closure;
    gp_buf b;
} tpainter;

static void color(gp_buf *b, gp_color c)
{
    if (c.none)
        gp_buf_puts(b, "none");
    else
        gp_buf_printf(b, "#%02x%02x%02x", (int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5),
                      (int)(c.b * 255 + 0.5));
}

/* Hands the buffered text to the output. */
static int flush(tpainter *t)
{
    if (t->b.failed) {
        gp_painter_fail(&t->base, "trace painter: out of memory");
        return -1;
    }
    int rc = t->b.len ? t->write(t->closure, (const unsigned char *)t->b.data, t->b.len) : 0;
    t->b.len = 0;
    if (rc)
        gp_painter_fail(&t->base, "trace painter: cannot write the display dump");
    return rc;
}

static int t_begin_document(gp_painter *p, const gp_display *dl)
{
    tpainter *t = (tpainter *)p;
    for (size_t f = 0; f < dl->n_fonts; f++) {
        const char *base = strrchr(dl->fonts[f].path, '/');
        gp_buf_printf(&t->b, "font %d %s\n", dl->fonts[f].id, base ? base + 1 : dl->fonts[f].path);
    }
    return 0;
}

static int t_begin_page(gp_painter *p, const gp_page *pg, size_t index)
{
    gp_buf_printf(&((tpainter *)p)->b, "page %zu %.2f %.2f\n", index + 1, pg->width, pg->height);
    return 0;
}

static int t_glyphs(gp_painter *p, const gp_item *it)
{
    gp_buf *b = &((tpainter *)p)->b;
    gp_buf_printf(b, "  text %.2f %.2f f%d %.2f ", it->x, it->y + it->h, it->u.glyphs.font->id,
                  it->u.glyphs.size);
    color(b, it->u.glyphs.color);
    gp_buf_printf(b, " \"%.*s\"\n", (int)it->u.glyphs.text_len, it->u.glyphs.text);
    return 0;
}

static int t_rect(gp_painter *p, const gp_item *it)
{
    gp_buf *b = &((tpainter *)p)->b;
    gp_buf_printf(b, "  rect %.2f %.2f %.2f %.2f r%.2f ", it->x, it->y, it->w, it->h,
                  it->u.rect.radius);
    color(b, it->u.rect.fill);
    gp_buf_puts(b, " ");
    color(b, it->u.rect.stroke);
    gp_buf_puts(b, "\n");
    return 0;
}

static int t_line(gp_painter *p, const gp_item *it)
{
    gp_buf_printf(&((tpainter *)p)->b, "  line %.2f %.2f %.2f %.2f w%.2f\n", it->u.line.x1,
                  it->u.line.y1, it->u.line.x2, it->u.line.y2, it->u.line.width);
    return 0;
}

static int t_path(gp_painter *p, const gp_item *it)
{
    gp_buf_printf(&((tpainter *)p)->b, "  path %.2f %.2f %.2f %.2f segs=%zu\n", it->x, it->y, it->w,
                  it->h, it->u.path.n_segs);
    return 0;
}

static int t_image(gp_painter *p, const gp_item *it)
{
    gp_buf_printf(&((tpainter *)p)->b, "  image %.2f %.2f %.2f %.2f\n", it->x, it->y, it->w, it->h);
    return 0;
}

static int t_link(gp_painter *p, const gp_item *it)
{
    const char *target = it->u.link.uri ? it->u.link.uri : it->u.link.dest;
    gp_buf_printf(&((tpainter *)p)->b, "  link %.2f %.2f %.2f %.2f %s\n", it->x, it->y, it->w,
                  it->h, target ? target : "(null)");
    return 0;
}

static int t_bookmark(gp_painter *p, const gp_item *it)
{
    gp_buf_printf(&((tpainter *)p)->b, "  bookmark %d %.2f \"%s\"\n", it->u.bookmark.level, it->y,
                  it->u.bookmark.title);
    return 0;
}

static int t_dest(gp_painter *p, const gp_item *it)
{
    gp_buf_printf(&((tpainter *)p)->b, "  dest %.2f %.2f %s\n", it->x, it->y, it->u.dest.name);
    return 0;
}

static int t_tag_begin(gp_painter *p, const gp_item *it)
{
    gp_buf *b = &((tpainter *)p)->b;
    gp_buf_printf(b, "  tag %s", gp_tag_name(it->u.tag.tag));
    if (it->u.tag.lang) /* only where layout marks another language */
        gp_buf_printf(b, " lang=%s", it->u.tag.lang);
    gp_buf_puts(b, "\n");
    return 0;
}

static int t_tag_end(gp_painter *p, const gp_item *it)
{
    gp_buf_printf(&((tpainter *)p)->b, "  end %s\n", gp_tag_name(it->u.tag.tag));
    return 0;
}

static int t_checkbox(gp_painter *p, const gp_item *it)
{
    gp_buf *b = &((tpainter *)p)->b;
    gp_buf_printf(b, "  checkbox %.2f %.2f %.2f %.2f r%.2f ", it->x, it->y, it->w, it->h,
                  it->u.checkbox.radius);
    color(b, it->u.checkbox.stroke);
    gp_buf_printf(b, " %s \"%s\"\n", it->u.checkbox.name,
                  it->u.checkbox.tooltip ? it->u.checkbox.tooltip : "");
    return 0;
}

static int t_end_page(gp_painter *p, const gp_page *pg, size_t index)
{
    (void)pg;
    (void)index;
    return flush((tpainter *)p);
}

static int t_end_document(gp_painter *p)
{
    return flush((tpainter *)p);
}

static void t_destroy(gp_painter *p)
{
    tpainter *t = (tpainter *)p;
    gp_buf_free(&t->b);
    gp_free(t);
}

static const gp_painter_class trace_class = {
    .name = "trace",
    .begin_document = t_begin_document,
    .begin_page = t_begin_page,
    .glyphs = t_glyphs,
    .rect = t_rect,
    .line = t_line,
    .path = t_path,
    .image = t_image,
    .link = t_link,
    .bookmark = t_bookmark,
    .dest = t_dest,
    .tag_begin = t_tag_begin,
    .tag_end = t_tag_end,
    .checkbox = t_checkbox,
    .end_page = t_end_page,
    .end_document = t_end_document,
    .destroy = t_destroy,
};

gp_painter *gp_painter_trace_new(gp_write_fn write, void *closure, gp_diags *diags)
{
    tpainter *t = write ? gp_calloc(1, sizeof *t) : NULL;
    if (!t) {
        gp_diags_add(diags, write ? GP_ERR_NOMEM : GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL,
                     NULL, write ? "out of memory" : "trace painter: no output");
        return NULL;
    }
    t->base.cls = &trace_class;
    t->write = write;
    t->closure = closure;
    return &t->base;
}
