/* paint/haru/haru.c - the libharu painter (`--backend haru`, and `--pdfa`).
 *
 * A second PDF writer for the same display list, which proves the list is
 * the whole contract between layout and output, and the one that can write
 * PDF/A-1b (Cairo cannot). libharu paints text, not glyphs, and never kerns,
 * so this painter never lets it measure or break anything: each word of a
 * glyph run is drawn with HPDF_Page_TextOut at the x of its first glyph as
 * Pango placed it, with a per-word character spacing (Tc) that makes
 * libharu's unkerned width equal Pango's kerned one, so words end where
 * Cairo's do. Right-to-left runs are drawn cluster by cluster at their glyph
 * positions (libharu does not shape, so Arabic letters keep their isolated
 * forms). Fonts are the bundled TTFs, embedded through libharu's UTF-8
 * encoder, loaded once per file per document (HPDF_GetFont costs ~3.5 ms).
 *
 * libharu's first error is recorded by its error handler into the
 * painter's sticky status; gp_paint() then stops calling the painter. No
 * setjmp. Internal links are resolved once every page exists, because a
 * link may point forwards. Destinations always use zoom 1: zoom 0 puts
 * libharu 2.3 into an error state that fails every later call. PDF/A's
 * metadata, output intent and document ID are added by the post-processing
 * step (engine/post.c), which sees the finished file. */
#include "paint/painter.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "base/alloc.h"
#include "base/util.h"
#include "display/display_struct.h"
#include "modules/api.h"
#include "paint/haru/haru.h"

#define MAX_FONTS      64
#define MAX_IMAGES     16
#define OUTLINE_LEVELS 8
/* libharu allocates from pools of this size, all freed by HPDF_Free: its own
 * error paths leak single allocations (found by failing the Nth one), a
 * pool cannot. */
#define POOL_BYTES (64u * 1024u)

typedef struct hfont {
    const char *path;
    int face_index;
    HPDF_Font font;
    uint32_t *rev; /* glyph id -> code point, built for RTL runs */
    size_t n_rev;
    bool rev_tried;
} hfont;

typedef struct himage {
    const char *path;
    double w, h; /* SVG only: the box it was rasterised for */
    gp_color bg; /* the colour it was flattened onto (PDF/A) */
    HPDF_Image img;
} himage;

typedef struct hdest {
    const char *name;
    size_t page;
    double x, y;
} hdest;

typedef struct hlink { /* an internal link, created in finish */
    size_t page;
    HPDF_Rect rect;
    const char *dest;
} hlink;

typedef struct hpainter {
    gp_painter base;
    gp_paint_options opt;
    gp_write_fn write;
    void *closure;
    HPDF_Doc pdf;
    HPDF_Encoder utf8;
    const gp_display *dl;
    HPDF_Page *pages; /* one per display page, as created */
    const gp_page *page;
    size_t page_index;
    HPDF_Page hpage;
    double page_h;
    HPDF_Font by_id[MAX_FONTS];
    hfont *file_of[MAX_FONTS]; /* by font id */
    hfont files[MAX_FONTS];
    size_t n_files;
    himage images[MAX_IMAGES];
    size_t n_images;
    hdest *dests;
    size_t n_dests;
    hlink *links;
    size_t n_links, cap_links;
    HPDF_Outline outline[OUTLINE_LEVELS]; /* last entry per level */
    /* Graphics state already set on the current page. */
    bool in_text;
    HPDF_Font cur_font;
    double cur_size, cur_tc;
    bool have_fill, have_stroke;
    gp_color cur_fill, cur_stroke;
    double cur_lw;
    int cur_cap; /* -1 unknown, else HPDF_LineCap */
    bool dashed;
    char what[160]; /* what libharu is doing, for its error message */
    bool reading;   /* reading the saved stream: EOF is expected */
    gp_buf word;
} hpainter;

/* libharu calls this on every error; only the first one is kept. */
static void HPDF_STDCALL on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
    hpainter *h = user;
    if (h->reading && err == HPDF_STREAM_EOF)
        return;
    const char *name = err == HPDF_FAILD_TO_ALLOC_MEM ? " (out of memory)"
                       : err == HPDF_FILE_OPEN_ERROR  ? " (cannot open file)"
                       : err == HPDF_TTF_MISSING_TABLE
                           ? " (not a TrueType font; OTF/CFF is unsupported)"
                       : err == HPDF_INVALID_TTC_INDEX ? " (bad font collection index)"
                       : err == HPDF_PAGE_OUT_OF_RANGE ? " (value out of range)"
                       : err == HPDF_INVALID_PARAMETER ? " (invalid parameter)"
                                                       : "";
    gp_painter_fail(&h->base, "libharu: %s: error 0x%04X%s, detail %u",
                    h->what[0] ? h->what : "writing the PDF", (unsigned)err, name,
                    (unsigned)detail);
}

static void *HPDF_STDCALL hp_alloc(HPDF_UINT size)
{
    return gp_malloc(size);
}
static void HPDF_STDCALL hp_free(void *p)
{
    gp_free(p);
}

static int failed(hpainter *h)
{
    return h->base.status ? -1 : 0;
}

static double ypdf(const hpainter *h, double y)
{
    return h->page_h - y;
}

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static bool same_color(gp_color a, gp_color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(hpainter *h, gp_color c)
{
    if (h->have_fill && same_color(h->cur_fill, c))
        return;
    HPDF_Page_SetRGBFill(h->hpage, (HPDF_REAL)clamp01(c.r), (HPDF_REAL)clamp01(c.g),
                         (HPDF_REAL)clamp01(c.b));
    h->cur_fill = c;
    h->have_fill = true;
}

static void set_stroke(hpainter *h, gp_color c, double lw)
{
    if (!h->have_stroke || !same_color(h->cur_stroke, c)) {
        HPDF_Page_SetRGBStroke(h->hpage, (HPDF_REAL)clamp01(c.r), (HPDF_REAL)clamp01(c.g),
                               (HPDF_REAL)clamp01(c.b));
        h->cur_stroke = c;
        h->have_stroke = true;
    }
    if (lw != h->cur_lw) {
        HPDF_Page_SetLineWidth(h->hpage, (HPDF_REAL)lw);
        h->cur_lw = lw;
    }
}

static void begin_text(hpainter *h)
{
    if (!h->in_text) {
        HPDF_Page_BeginText(h->hpage);
        h->in_text = true;
    }
}

static void end_text(hpainter *h)
{
    if (h->in_text) {
        HPDF_Page_EndText(h->hpage);
        h->in_text = false;
    }
}

/* What the painter is doing, for libharu's error message; fmt takes one
 * string argument. */
static void format_context(hpainter *h, const char *fmt, const char *arg)
{
    snprintf(h->what, sizeof h->what, fmt, arg);
}

static void set_context(hpainter *h, const char *what)
{
    snprintf(h->what, sizeof h->what, "%s", what);
}

/* Document ------------------------------------------------------------------- */

static void set_info(hpainter *h, HPDF_InfoType type, const char *value)
{
    if (value && value[0])
        HPDF_SetInfoAttr(h->pdf, type, value);
}

static int h_begin_document(gp_painter *p, const gp_display *dl)
{
    hpainter *h = (hpainter *)p;
    h->dl = dl;
    set_context(h, "creating the document");
    h->pdf = HPDF_NewEx(on_error, hp_alloc, hp_free, POOL_BYTES, h);
    if (!h->pdf) {
        gp_painter_fail(p, "libharu: cannot create a document");
        return -1;
    }
    HPDF_SetCompressionMode(h->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(h->pdf);
    HPDF_SetCurrentEncoder(h->pdf, "UTF-8");
    h->utf8 = HPDF_GetEncoder(h->pdf, "UTF-8");
    if (failed(h))
        return -1;

    set_context(h, "setting the document information");
    const gp_meta *m = &dl->meta;
    set_info(h, HPDF_INFO_TITLE, m->title);
    set_info(h, HPDF_INFO_AUTHOR, m->author);
    set_info(h, HPDF_INFO_SUBJECT, m->subject);
    set_info(h, HPDF_INFO_KEYWORDS, m->keywords);
    set_info(h, HPDF_INFO_CREATOR, m->creator);
    time_t t = (time_t)m->date;
    struct tm tm;
    if (gmtime_r(&t, &tm)) {
        HPDF_Date d = {tm.tm_year + 1900,
                       tm.tm_mon + 1,
                       tm.tm_mday,
                       tm.tm_hour,
                       tm.tm_min,
                       tm.tm_sec > 59 ? 59 : tm.tm_sec,
                       'Z',
                       0,
                       0};
        HPDF_SetInfoDateAttr(h->pdf, HPDF_INFO_CREATION_DATE, d);
        HPDF_SetInfoDateAttr(h->pdf, HPDF_INFO_MOD_DATE, d);
    }

    h->pages = gp_calloc(dl->n_pages ? dl->n_pages : 1, sizeof *h->pages);
    size_t n = 0;
    for (size_t i = 0; i < dl->n_pages; i++)
        for (size_t k = 0; k < dl->pages[i].n_items; k++)
            n += dl->pages[i].items[k].kind == GP_ITEM_DEST;
    h->dests = gp_calloc(n ? n : 1, sizeof *h->dests);
    if (!h->pages || !h->dests) {
        gp_painter_fail(p, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < dl->n_pages; i++)
        for (size_t k = 0; k < dl->pages[i].n_items; k++) {
            const gp_item *it = &dl->pages[i].items[k];
            if (it->kind == GP_ITEM_DEST && it->u.dest.name)
                h->dests[h->n_dests++] = (hdest){it->u.dest.name, i, it->x, it->y};
        }
    return failed(h);
}

static int h_begin_page(gp_painter *p, const gp_page *page, size_t index)
{
    hpainter *h = (hpainter *)p;
    snprintf(h->what, sizeof h->what, "adding page %zu", index + 1);
    h->hpage = HPDF_AddPage(h->pdf);
    if (!h->hpage) {
        gp_painter_fail(p, "libharu: cannot add a page"); /* kept only if first */
        return -1;
    }
    HPDF_Page_SetWidth(h->hpage, (HPDF_REAL)page->width);
    HPDF_Page_SetHeight(h->hpage, (HPDF_REAL)page->height);
    h->pages[index] = h->hpage;
    h->page = page;
    h->page_index = index;
    h->page_h = page->height;
    h->in_text = false;
    h->cur_font = NULL;
    h->cur_size = 0;
    h->cur_tc = 0;
    h->have_fill = h->have_stroke = false;
    h->cur_lw = 1;
    h->cur_cap = -1;
    h->dashed = false;
    return failed(h);
}

/* Text ------------------------------------------------------------------------- */

static HPDF_Font font_for(hpainter *h, const gp_font *f)
{
    if (f->id >= 0 && f->id < MAX_FONTS && h->by_id[f->id])
        return h->by_id[f->id];
    HPDF_Font font = NULL;
    hfont *file = NULL;
    for (size_t i = 0; i < h->n_files && !font; i++)
        if (h->files[i].face_index == f->face_index && !strcmp(h->files[i].path, f->path)) {
            file = &h->files[i];
            font = file->font;
        }
    if (!font) {
        format_context(h, "loading font %s", f->path);
        const char *name =
            f->face_index > 0
                ? HPDF_LoadTTFontFromFile2(h->pdf, f->path, (HPDF_UINT)f->face_index, HPDF_TRUE)
                : HPDF_LoadTTFontFromFile(h->pdf, f->path, HPDF_TRUE);
        font = name ? HPDF_GetFont(h->pdf, name, "UTF-8") : NULL;
        if (!font) {
            gp_painter_fail(&h->base, "libharu: cannot load font %s (TrueType only)", f->path);
            return NULL;
        }
        if (h->n_files < MAX_FONTS) {
            file = &h->files[h->n_files++];
            *file = (hfont){f->path, f->face_index, font, NULL, 0, false};
        }
    }
    if (f->id >= 0 && f->id < MAX_FONTS) {
        h->by_id[f->id] = font;
        h->file_of[f->id] = file;
    }
    return font;
}

/* Characters that must not be drawn: they only tell a line breaker where it
 * may break, and libharu would show the font's glyph for them (Noto maps
 * the soft hyphen to a visible hyphen). */
static bool invisible(uint32_t cp)
{
    return cp == 0x00AD || (cp >= 0x200B && cp <= 0x200F) || cp == 0x2060 || cp == 0xFEFF ||
           cp < 0x20;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Draws text[0..len) with its first glyph origin at (x, y) (display
 * coordinates), spaced so that the character starting at byte last (the
 * last glyph's cluster) lands at last_x, where Pango put that glyph; then
 * the n_spaces spaces that follow the word: they change nothing on the
 * page (the next word is placed absolutely) but tell text extraction where
 * words end, as Cairo's space glyphs do. */
static void show_word(hpainter *h, HPDF_Font font, double size, const char *text, size_t len,
                      size_t last, size_t n_spaces, double x, double y, double last_x)
{
    h->word.len = 0;
    size_t prefix = 0; /* filtered bytes before `last` */
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        if (i == last)
            prefix = h->word.len;
        int l = gp_utf8_decode(text + i, len - i, &cp);
        if (l <= 0)
            break;
        if (!invisible(cp))
            gp_buf_append(&h->word, text + i, (size_t)l);
        i += (size_t)l;
    }
    for (size_t i = 0; i < n_spaces; i++)
        gp_buf_append(&h->word, " ", 1);
    if (h->word.failed) {
        gp_painter_fail(&h->base, "out of memory");
        return;
    }
    if (!h->word.len)
        return;
    double tc = 0;
    if (prefix > 0) {
        HPDF_TextWidth tw =
            HPDF_Font_TextWidth(font, (const HPDF_BYTE *)h->word.data, (HPDF_UINT)prefix);
        if (tw.numchars > 0) {
            tc = (last_x - x - tw.width * size / 1000.0) / tw.numchars;
            /* A run whose text and glyphs disagree (an alternate digit, a
             * glyph the font lacks) may ask for odd spacing: never let it
             * smear a word. */
            if (!(fabs(tc) <= 0.25 * size))
                tc = 0;
        }
    }
    /* In steps of 0.002 pt: a word's last glyph then lands within a few
     * hundredths of a point of Pango's place (each word starts exactly
     * there), and most words need no Tc at all (their fraction of a
     * thousandth was two thirds of libharu's Tc operators). */
    tc = round(tc / 0.002) * 0.002;
    if (fabs(tc - h->cur_tc) > 1e-4) {
        HPDF_Page_SetCharSpace(h->hpage, (HPDF_REAL)tc);
        h->cur_tc = tc;
    }
    HPDF_Page_TextOut(h->hpage, (HPDF_REAL)x, (HPDF_REAL)ypdf(h, y), h->word.data);
}

/* Left-to-right: one TextOut per word and the spaces after it, at the
 * word's first glyph. */
static void draw_words(hpainter *h, const gp_item *it, HPDF_Font font)
{
    const char *t = it->u.glyphs.text;
    size_t tl = it->u.glyphs.text_len, n = it->u.glyphs.n_glyphs;
    const gp_glyph *g = it->u.glyphs.glyphs;
    double size = it->u.glyphs.size;
    size_t gi = 0;
    for (size_t i = 0; i < tl && !h->base.status;) {
        size_t ws = i;
        while (i < tl && !is_space(t[i]))
            i++;
        size_t we = i, spaces = 0;
        while (i < tl && is_space(t[i])) {
            spaces += t[i] == ' ';
            i++;
        }
        while (gi < n && g[gi].cluster < ws)
            gi++;
        size_t gj = gi;
        while (gj < n && g[gj].cluster < we)
            gj++;
        if (gi == n)
            break;
        if (gj == gi) { /* spaces only (the start of a run) */
            show_word(h, font, size, t, 0, 0, spaces, g[gi].x, g[gi].y, g[gi].x);
            continue;
        }
        const gp_glyph *last = &g[gj - 1];
        show_word(h, font, size, t + ws, we - ws, last->cluster - ws, spaces, g[gi].x, g[gi].y,
                  last->x);
        gi = gj;
    }
}

/* Right-to-left: glyphs are in visual order and clusters descend. A
 * cluster whose glyphs all have a code point in the font's cmap (see
 * cmap.c) is drawn glyph by glyph, so Arabic keeps its joined forms;
 * any other cluster is drawn as its text at its leftmost glyph. */
static void draw_clusters(hpainter *h, const gp_item *it, HPDF_Font font)
{
    const char *t = it->u.glyphs.text;
    size_t tl = it->u.glyphs.text_len, n = it->u.glyphs.n_glyphs;
    const gp_glyph *g = it->u.glyphs.glyphs;
    double size = it->u.glyphs.size;
    int id = it->u.glyphs.font->id;
    hfont *file = id >= 0 && id < MAX_FONTS ? h->file_of[id] : NULL;
    if (file && !file->rev_tried) {
        file->rev_tried = true;
        file->rev = gp_haru_reverse_cmap(file->path, file->face_index, &file->n_rev);
    }
    for (size_t i = 0; i < n && !h->base.status;) {
        size_t j = i;
        bool mapped = file && file->rev;
        while (j < n && g[j].cluster == g[i].cluster) {
            mapped = mapped && g[j].id < file->n_rev && file->rev[g[j].id];
            j++;
        }
        size_t start = g[i].cluster, end = i > 0 ? g[i - 1].cluster : tl;
        if (end > start && end <= tl && is_space(t[start])) {
            show_word(h, font, size, t, 0, 0, 1, g[i].x, g[i].y, g[i].x);
        } else if (mapped) {
            for (size_t k = i; k < j; k++) {
                char u[5];
                int l = gp_utf8_encode(file->rev[g[k].id], u);
                show_word(h, font, size, u, (size_t)l, 0, 0, g[k].x, g[k].y, g[k].x);
            }
        } else if (end > start && end <= tl) {
            show_word(h, font, size, t + start, end - start, 0, 0, g[i].x, g[i].y, g[i].x);
        }
        i = j;
    }
}

static int draw_glyphs(hpainter *h, const gp_item *it)
{
    if (!it->u.glyphs.n_glyphs || !it->u.glyphs.text_len)
        return 0;
    HPDF_Font font = font_for(h, it->u.glyphs.font);
    if (!font)
        return -1;
    format_context(h, "drawing text in %s", it->u.glyphs.font->path);
    begin_text(h);
    if (font != h->cur_font || it->u.glyphs.size != h->cur_size) {
        HPDF_Page_SetFontAndSize(h->hpage, font, (HPDF_REAL)it->u.glyphs.size);
        h->cur_font = font;
        h->cur_size = it->u.glyphs.size;
    }
    set_fill(h, it->u.glyphs.color);
    if (it->u.glyphs.rtl)
        draw_clusters(h, it, font);
    else
        draw_words(h, it, font);
    return failed(h);
}

/* Shapes ------------------------------------------------------------------------ */

#define KAPPA 0.5522847498

static void rect_path(hpainter *h, const gp_item *it)
{
    HPDF_Page pg = h->hpage;
    double w = it->w > 0 ? it->w : 0, ht = it->h > 0 ? it->h : 0, r = it->u.rect.radius;
    double x0 = it->x, x1 = it->x + w, y1 = ypdf(h, it->y), y0 = y1 - ht;
    if (r > w / 2)
        r = w / 2;
    if (r > ht / 2)
        r = ht / 2;
    if (r <= 0) {
        HPDF_Page_Rectangle(pg, (HPDF_REAL)x0, (HPDF_REAL)y0, (HPDF_REAL)w, (HPDF_REAL)ht);
        return;
    }
    double k = r * KAPPA;
#define F(v) ((HPDF_REAL)(v))
    HPDF_Page_MoveTo(pg, F(x0 + r), F(y0));
    HPDF_Page_LineTo(pg, F(x1 - r), F(y0));
    HPDF_Page_CurveTo(pg, F(x1 - r + k), F(y0), F(x1), F(y0 + r - k), F(x1), F(y0 + r));
    HPDF_Page_LineTo(pg, F(x1), F(y1 - r));
    HPDF_Page_CurveTo(pg, F(x1), F(y1 - r + k), F(x1 - r + k), F(y1), F(x1 - r), F(y1));
    HPDF_Page_LineTo(pg, F(x0 + r), F(y1));
    HPDF_Page_CurveTo(pg, F(x0 + r - k), F(y1), F(x0), F(y1 - r + k), F(x0), F(y1 - r));
    HPDF_Page_LineTo(pg, F(x0), F(y0 + r));
    HPDF_Page_CurveTo(pg, F(x0), F(y0 + r - k), F(x0 + r - k), F(y0), F(x0 + r), F(y0));
    HPDF_Page_ClosePath(pg);
}

/* Colours and widths may not change inside a path: set them first. */
static void prepare_paint(hpainter *h, gp_color fill, gp_color stroke, double lw)
{
    if (!fill.none)
        set_fill(h, fill);
    if (!stroke.none && lw > 0)
        set_stroke(h, stroke, lw);
}

static void paint_path(hpainter *h, gp_color fill, gp_color stroke, double lw)
{
    bool f = !fill.none, s = !stroke.none && lw > 0;
    if (f && s)
        HPDF_Page_FillStroke(h->hpage);
    else if (f)
        HPDF_Page_Fill(h->hpage);
    else if (s)
        HPDF_Page_Stroke(h->hpage);
    else
        HPDF_Page_EndPath(h->hpage);
}

static void set_cap(hpainter *h, int cap)
{
    if (h->cur_cap == cap)
        return;
    HPDF_Page_SetLineCap(h->hpage, (HPDF_LineCap)cap);
    HPDF_Page_SetLineJoin(h->hpage, cap == HPDF_ROUND_END ? HPDF_ROUND_JOIN : HPDF_MITER_JOIN);
    h->cur_cap = cap;
}

static void draw_line(hpainter *h, const gp_item *it)
{
    set_cap(h, HPDF_BUTT_END);
    if (it->u.line.dash > 0) {
        long d = lround(it->u.line.dash);
        HPDF_UINT16 pat = (HPDF_UINT16)(d < 1 ? 1 : d > 1000 ? 1000 : d);
        HPDF_Page_SetDash(h->hpage, &pat, 1, 0);
        h->dashed = true;
    } else if (h->dashed) {
        HPDF_Page_SetDash(h->hpage, NULL, 0, 0);
        h->dashed = false;
    }
    prepare_paint(h, (gp_color){0, 0, 0, true}, it->u.line.color, it->u.line.width);
    HPDF_Page_MoveTo(h->hpage, F(it->u.line.x1), F(ypdf(h, it->u.line.y1)));
    HPDF_Page_LineTo(h->hpage, F(it->u.line.x2), F(ypdf(h, it->u.line.y2)));
    paint_path(h, (gp_color){0, 0, 0, true}, it->u.line.color, it->u.line.width);
}

static void draw_path(hpainter *h, const gp_item *it)
{
    set_cap(h, HPDF_ROUND_END);
    if (h->dashed) {
        HPDF_Page_SetDash(h->hpage, NULL, 0, 0);
        h->dashed = false;
    }
    prepare_paint(h, it->u.path.fill, it->u.path.stroke, it->u.path.line_width);
    bool open = false;
    for (size_t i = 0; i < it->u.path.n_segs; i++) {
        const gp_path_seg *s = &it->u.path.segs[i];
        const double *q = s->pts;
        switch (s->op) {
        case GP_PATH_MOVE:
            HPDF_Page_MoveTo(h->hpage, F(q[0]), F(ypdf(h, q[1])));
            open = true;
            break;
        case GP_PATH_LINE:
            if (open)
                HPDF_Page_LineTo(h->hpage, F(q[0]), F(ypdf(h, q[1])));
            break;
        case GP_PATH_CURVE:
            if (open)
                HPDF_Page_CurveTo(h->hpage, F(q[0]), F(ypdf(h, q[1])), F(q[2]), F(ypdf(h, q[3])),
                                  F(q[4]), F(ypdf(h, q[5])));
            break;
        case GP_PATH_CLOSE:
            if (open)
                HPDF_Page_ClosePath(h->hpage);
            break;
        }
    }
    if (open)
        paint_path(h, it->u.path.fill, it->u.path.stroke, it->u.path.line_width);
}
#undef F

/* Images -------------------------------------------------------------------------- */

/* The fill of the last rectangle drawn before it under the image's centre:
 * what a transparent logo is flattened onto for PDF/A. White if none. */
static gp_color background_of(const hpainter *h, const gp_item *img)
{
    gp_color bg = {1, 1, 1, false};
    double cx = img->x + img->w / 2, cy = img->y + img->h / 2;
    for (const gp_item *it = h->page->items; it < img; it++)
        if (it->kind == GP_ITEM_RECT && !it->u.rect.fill.none && cx >= it->x &&
            cx <= it->x + it->w && cy >= it->y && cy <= it->y + it->h)
            bg = it->u.rect.fill;
    return bg;
}

static int draw_image(hpainter *h, const gp_item *it)
{
    if (it->w <= 0 || it->h <= 0)
        return 0;
    bool flatten = h->opt.pdfa;
    gp_color bg = flatten ? background_of(h, it) : (gp_color){1, 1, 1, false};
    HPDF_Image img = NULL;
    bool svg = it->u.image.kind == GP_IMAGE_SVG;
    for (size_t i = 0; i < h->n_images && !img; i++) {
        const himage *c = &h->images[i];
        if (!strcmp(c->path, it->u.image.path) && (!flatten || same_color(c->bg, bg)) &&
            (!svg || (fabs(c->w - it->w) < 0.5 && fabs(c->h - it->h) < 0.5)))
            img = c->img;
    }
    if (!img) {
        format_context(h, "loading image %s", it->u.image.path);
        char err[256] = "";
        img = gp_haru_load_image(h->pdf, it, flatten, bg, err, sizeof err);
        if (!img) {
            gp_painter_fail(&h->base, "%s", err);
            return -1;
        }
        if (h->n_images < MAX_IMAGES)
            h->images[h->n_images++] = (himage){it->u.image.path, it->w, it->h, bg, img};
    }
    format_context(h, "drawing image %s", it->u.image.path);
    HPDF_Page_DrawImage(h->hpage, img, (HPDF_REAL)it->x, (HPDF_REAL)(ypdf(h, it->y) - it->h),
                        (HPDF_REAL)it->w, (HPDF_REAL)it->h);
    return failed(h);
}

/* Links and outline ------------------------------------------------------------ */

static HPDF_Rect pdf_rect(const hpainter *h, const gp_item *it)
{
    HPDF_Rect r = {(HPDF_REAL)it->x, (HPDF_REAL)(ypdf(h, it->y) - it->h),
                   (HPDF_REAL)(it->x + it->w), (HPDF_REAL)ypdf(h, it->y)};
    return r;
}

static int add_link(hpainter *h, const gp_item *it)
{
    if (it->u.link.uri) {
        format_context(h, "adding a link to %s", it->u.link.uri);
        HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(h->hpage, pdf_rect(h, it), it->u.link.uri);
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        return failed(h);
    }
    if (!it->u.link.dest)
        return 0;
    if (h->n_links == h->cap_links) {
        size_t cap = h->cap_links ? h->cap_links * 2 : 16;
        hlink *n = gp_realloc(h->links, cap * sizeof *n);
        if (!n) {
            gp_painter_fail(&h->base, "out of memory");
            return -1;
        }
        h->links = n;
        h->cap_links = cap;
    }
    h->links[h->n_links++] = (hlink){h->page_index, pdf_rect(h, it), it->u.link.dest};
    return 0;
}

static HPDF_Destination make_dest(hpainter *h, size_t page, double x, double y)
{
    HPDF_Destination d = HPDF_Page_CreateDestination(h->pages[page]);
    if (d) /* zoom 1, never 0: see the top of this file */
        HPDF_Destination_SetXYZ(d, (HPDF_REAL)x, (HPDF_REAL)(h->dl->pages[page].height - y), 1);
    return d;
}

static int add_bookmark(hpainter *h, const gp_item *it)
{
    int level = it->u.bookmark.level < 1 ? 1 : it->u.bookmark.level;
    if (level > OUTLINE_LEVELS - 1)
        level = OUTLINE_LEVELS - 1;
    HPDF_Outline parent = NULL;
    for (int l = level - 1; l >= 1 && !parent; l--)
        parent = h->outline[l];
    format_context(h, "adding outline entry \"%s\"",
                   it->u.bookmark.title ? it->u.bookmark.title : "");
    HPDF_Outline o = HPDF_CreateOutline(h->pdf, parent,
                                        it->u.bookmark.title ? it->u.bookmark.title : "", h->utf8);
    if (!o)
        return -1;
    HPDF_Destination d = make_dest(h, h->page_index, it->x, it->y);
    if (d)
        HPDF_Outline_SetDestination(o, d);
    h->outline[level] = o;
    for (int l = level + 1; l < OUTLINE_LEVELS; l++)
        h->outline[l] = NULL;
    return failed(h);
}

/* Shapes and images cannot be drawn inside a text object, so their entries
 * end it; links, outline entries and tags are not page content and keep it
 * open. */
static int h_glyphs(gp_painter *p, const gp_item *it)
{
    return draw_glyphs((hpainter *)p, it);
}

static int h_rect(gp_painter *p, const gp_item *it)
{
    hpainter *h = (hpainter *)p;
    end_text(h);
    set_context(h, "drawing a rectangle");
    prepare_paint(h, it->u.rect.fill, it->u.rect.stroke, it->u.rect.line_width);
    rect_path(h, it);
    paint_path(h, it->u.rect.fill, it->u.rect.stroke, it->u.rect.line_width);
    return failed(h);
}

static int h_line(gp_painter *p, const gp_item *it)
{
    hpainter *h = (hpainter *)p;
    end_text(h);
    set_context(h, "drawing a line");
    draw_line(h, it);
    return failed(h);
}

static int h_path(gp_painter *p, const gp_item *it)
{
    hpainter *h = (hpainter *)p;
    end_text(h);
    set_context(h, "drawing a path");
    draw_path(h, it);
    return failed(h);
}

static int h_image(gp_painter *p, const gp_item *it)
{
    hpainter *h = (hpainter *)p;
    end_text(h);
    return draw_image(h, it);
}

static int h_link(gp_painter *p, const gp_item *it)
{
    return add_link((hpainter *)p, it);
}

static int h_bookmark(gp_painter *p, const gp_item *it)
{
    return add_bookmark((hpainter *)p, it);
}

static int h_end_page(gp_painter *p, const gp_page *page, size_t index)
{
    (void)page;
    (void)index;
    hpainter *h = (hpainter *)p;
    end_text(h);
    return failed(h);
}

/* Output -------------------------------------------------------------------------- */

static int h_finish(gp_painter *p)
{
    hpainter *h = (hpainter *)p;
    for (size_t i = 0; i < h->n_links && !h->base.status; i++) {
        const hlink *l = &h->links[i];
        const hdest *d = NULL;
        for (size_t k = 0; k < h->n_dests && !d; k++)
            if (!strcmp(h->dests[k].name, l->dest))
                d = &h->dests[k];
        if (!d || !h->pages[d->page] || !h->pages[l->page])
            continue; /* a link to nowhere is dropped, as Cairo drops it */
        format_context(h, "adding a link to #%s", l->dest);
        HPDF_Destination dst = make_dest(h, d->page, d->x, d->y);
        HPDF_Annotation a = dst ? HPDF_Page_CreateLinkAnnot(h->pages[l->page], l->rect, dst) : NULL;
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
    if (failed(h))
        return -1;
    set_context(h, "saving the PDF");
    if (HPDF_SaveToStream(h->pdf) != HPDF_OK)
        return -1;
    HPDF_UINT32 left = HPDF_GetStreamSize(h->pdf);
    unsigned char buf[16384];
    h->reading = true;
    while (left > 0 && !h->base.status) {
        HPDF_UINT32 n = left < sizeof buf ? left : (HPDF_UINT32)sizeof buf;
        HPDF_STATUS st = HPDF_ReadFromStream(h->pdf, buf, &n);
        if (n > 0 && h->write(h->closure, buf, n)) {
            gp_painter_fail(p, "cannot write the PDF");
            break;
        }
        if (n == 0 || (st != HPDF_OK && st != HPDF_STREAM_EOF))
            break;
        left -= n;
    }
    h->reading = false;
    if (left > 0 && !h->base.status)
        gp_painter_fail(p, "libharu: the saved PDF is shorter than reported");
    return failed(h);
}

static void h_destroy(gp_painter *p)
{
    hpainter *h = (hpainter *)p;
    if (h->pdf)
        HPDF_Free(h->pdf);
    for (size_t i = 0; i < h->n_files; i++)
        gp_free(h->files[i].rev);
    gp_free(h->pages);
    gp_free(h->dests);
    gp_free(h->links);
    gp_buf_free(&h->word);
    gp_free(h);
}

/* No checkbox entry (libharu 2.3 has no form fields: the dispatcher paints
 * the printed box as a rectangle), no dest entry (destinations are
 * collected in begin_document, as links may point forwards) and no tag
 * entries (libharu 2.3 cannot mark content). */
static const gp_painter_class haru_class = {
    .name = "haru",
    .begin_document = h_begin_document,
    .begin_page = h_begin_page,
    .glyphs = h_glyphs,
    .rect = h_rect,
    .line = h_line,
    .path = h_path,
    .image = h_image,
    .link = h_link,
    .bookmark = h_bookmark,
    .end_page = h_end_page,
    .end_document = h_finish,
    .destroy = h_destroy,
};

gp_painter *gpmod_haru_painter_new(const gp_paint_options *opt, gp_write_fn write, void *closure,
                                   gp_diags *diags)
{
    if (opt->format != GP_FORMAT_PDF || !write) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "the libharu painter writes PDF only, through a write callback");
        return NULL;
    }
    hpainter *h = gp_calloc(1, sizeof *h);
    if (!h) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return NULL;
    }
    h->base.cls = &haru_class;
    h->opt = *opt;
    h->write = write;
    h->closure = closure;
    return &h->base;
}
