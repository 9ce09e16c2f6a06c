/* layout/text.c - the only file that talks to Pango.
 *
 * Holds the private font set (an empty fontconfig configuration that gets
 * the bundled fonts one file at a time, so the machine's fonts are never
 * used) and turns styled text into measured lines and glyph runs. Sizes are
 * absolute points (PangoCairo would otherwise assume 96 dpi), hint metrics
 * are off and glyph positions are not rounded, so widths do not depend on
 * the output device. Lines break with PANGO_WRAP_WORD_CHAR so that an
 * unbreakable 240-character token still wraps inside its box; no hyphen is
 * inserted at such emergency breaks (they are mostly URLs and codes). */
#include "layout/flow.h"

#include <dirent.h>
#include <math.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangofc-font.h>

#include "base/alloc.h"
#include "base/util.h"

struct gp_fonts {
    FcConfig *cfg;
    PangoFontMap *fm;
    PangoContext *ctx;
    int n_files;
};

static int add_font_file(gp_fonts *f, const char *path)
{
    if (!FcConfigAppFontAddFile(f->cfg, (const FcChar8 *)path))
        return -1;
    f->n_files++;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

gp_fonts *gp_fonts_new(const char *fonts_dir, gp_diags *diags)
{
    gp_fonts *f = gp_calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->cfg = FcConfigCreate();
    DIR *d = fonts_dir ? opendir(fonts_dir) : NULL;
    if (!d) {
        gp_diags_add(diags, GP_ERR_FONT, GP_SEV_ERROR, fonts_dir, 0, 0, NULL, NULL,
                     "cannot open the fonts folder");
        gp_fonts_free(f);
        return NULL;
    }
    /* Sorted, so every machine adds the files in the same order. */
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && (!strcmp(e->d_name + l - 4, ".ttf") || !strcmp(e->d_name + l - 4, ".otf")))
            names[n++] = gp_path_join(fonts_dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        if (names[i] && add_font_file(f, names[i]))
            gp_diags_add(diags, GP_ERR_FONT, GP_SEV_WARNING, names[i], 0, 0, NULL, NULL,
                         "not a usable font file; skipped");
        gp_free(names[i]);
    }
    if (f->n_files == 0) {
        gp_diags_add(diags, GP_ERR_FONT, GP_SEV_ERROR, fonts_dir, 0, 0, NULL, NULL,
                     "no usable font in the fonts folder");
        gp_fonts_free(f);
        return NULL;
    }
    f->fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->fm), f->cfg);
    f->ctx = pango_font_map_create_context(f->fm);
    pango_cairo_context_set_resolution(f->ctx, 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(f->ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(f->ctx, FALSE);
    return f;
}

int gp_fonts_add_file(gp_fonts *f, const char *path, const char *src_file, int line, int col,
                      gp_diags *diags)
{
    FcBlanks *blanks = NULL;
    int count = 0;
    FcPattern *pat = FcFreeTypeQuery((const FcChar8 *)path, 0, blanks, &count);
    if (!pat) {
        gp_diags_add(diags, GP_ERR_FONT, GP_SEV_ERROR, src_file, line, col, NULL, NULL,
                     "font file %s is missing or is not a TrueType/OpenType font", path);
        return -1;
    }
    FcPatternDestroy(pat);
    if (add_font_file(f, path)) {
        gp_diags_add(diags, GP_ERR_FONT, GP_SEV_ERROR, src_file, line, col, NULL, NULL,
                     "cannot load font file %s", path);
        return -1;
    }
    /* The font map caches what it has seen: tell it the set changed. */
    pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->fm));
    return 0;
}

void gp_fonts_free(gp_fonts *f)
{
    if (!f)
        return;
    if (f->ctx)
        g_object_unref(f->ctx);
    if (f->fm)
        g_object_unref(f->fm); /* drops its reference to cfg */
    else if (f->cfg)
        FcConfigDestroy(f->cfg);
    gp_free(f);
}

void gp_text_set_language(gp_lctx *lc, const char *lang)
{
    pango_context_set_language(lc->fonts->ctx, pango_language_from_string(lang ? lang : "en-GB"));
    PangoDirection dir = PANGO_DIRECTION_LTR;
    if (lang && (!strncmp(lang, "ar", 2) || !strncmp(lang, "ur", 2) || !strncmp(lang, "fa", 2) ||
                 !strncmp(lang, "he", 2)))
        dir = PANGO_DIRECTION_RTL;
    pango_context_set_base_dir(lc->fonts->ctx, dir);
}

/* Laid-out text ------------------------------------------------------------ */

typedef struct span {
    int start, end; /* byte range in the layout text */
    const char *url;
} span;

struct gp_tl {
    PangoLayout *layout;
    int n_lines;
    double *top, *bottom, *baseline; /* per line, from the top */
    double height, width;
    gp_color color, link_color;
    span *spans;
    size_t n_spans;
};

static PangoWeight weight_of(int w) { return (PangoWeight)(w < 100 ? 400 : w > 1000 ? 1000 : w); }

static PangoFontDescription *font_desc(const gp_text_style *ts, unsigned flags)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, ts->family ? ts->family : "Noto Sans");
    pango_font_description_set_absolute_size(fd, ts->size * PANGO_SCALE);
    int w = ts->weight;
    if (flags & GP_RUN_BOLD)
        w = w >= 600 ? 800 : 700;
    pango_font_description_set_weight(fd, weight_of(w));
    pango_font_description_set_style(fd, (ts->italic || (flags & GP_RUN_ITALIC)) ? PANGO_STYLE_ITALIC
                                                                              : PANGO_STYLE_NORMAL);
    return fd;
}

static void append_text(GString *s, const char *t, bool upper)
{
    if (!upper) {
        g_string_append(s, t);
        return;
    }
    char *u = g_utf8_strup(t, -1);
    g_string_append(s, u);
    g_free(u);
}

static gp_color link_color_of(const gp_lctx *lc, gp_color base)
{
    gp_color c;
    if (gp_style_color(lc->s, "link", &c) || gp_style_color(lc->s, "primary", &c))
        return c;
    return base;
}

static void report_unknown(gp_lctx *lc, gp_tl *t, gp_pos src)
{
    int unknown = pango_layout_get_unknown_glyphs_count(t->layout);
    if (unknown <= 0)
        return;
    /* Find the first missing character to name it. */
    uint32_t cp = 0;
    PangoLayoutIter *it = pango_layout_get_iter(t->layout);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run)
            continue;
        for (int i = 0; i < run->glyphs->num_glyphs && !cp; i++)
            if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
                cp = run->glyphs->glyphs[i].glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
    } while (!cp && pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    gp_diags_add(lc->diags, GP_WARN_GLYPH, GP_SEV_WARNING, src.file, src.line, src.col, NULL,
                 "add a font that covers it to the style's fonts.files",
                 "%d character%s not covered by any available font (first: U+%04X); "
                 "they would print as empty boxes",
                 unknown, unknown == 1 ? " is" : "s are", (unsigned)cp);
}

static gp_tl *tl_build(gp_lctx *lc, const gp_text_style *ts, const gp_para *para,
                       const char *plain, double width, const gp_color *color, gp_pos src)
{
    gp_tl *t = gp_calloc(1, sizeof *t);
    if (!t) {
        lc->failed = 1;
        return NULL;
    }
    t->color = color ? *color : ts->color;
    t->link_color = color ? *color : link_color_of(lc, ts->color);
    PangoLayout *L = pango_layout_new(lc->fonts->ctx);
    t->layout = L;
    PangoAttrList *attrs = pango_attr_list_new();
    GString *s = g_string_new(NULL);
    if (para) {
        t->spans = gp_calloc(para->n_runs ? para->n_runs : 1, sizeof *t->spans);
        for (size_t i = 0; i < para->n_runs; i++) {
            const gp_run *r = &para->runs[i];
            int start = (int)s->len;
            append_text(s, r->text ? r->text : "", ts->uppercase);
            int end = (int)s->len;
            if (end == start)
                continue;
            if (r->flags) {
                PangoFontDescription *fd = font_desc(ts, r->flags);
                PangoAttribute *a = pango_attr_font_desc_new(fd);
                pango_font_description_free(fd);
                a->start_index = (guint)start;
                a->end_index = (guint)end;
                pango_attr_list_insert(attrs, a);
            }
            if (r->url && t->spans) {
                PangoAttribute *a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
                a->start_index = (guint)start;
                a->end_index = (guint)end;
                pango_attr_list_insert(attrs, a);
                t->spans[t->n_spans++] = (span){start, end, r->url};
            }
        }
    } else {
        append_text(s, plain ? plain : "", ts->uppercase);
    }
    PangoFontDescription *fd = font_desc(ts, 0);
    pango_layout_set_font_description(L, fd);
    pango_font_description_free(fd);
    PangoAttribute *a = pango_attr_line_height_new_absolute((int)lround(ts->leading * PANGO_SCALE));
    pango_attr_list_insert_before(attrs, a);
    a = pango_attr_insert_hyphens_new(FALSE);
    pango_attr_list_insert_before(attrs, a);
    if (ts->tracking != 0) {
        a = pango_attr_letter_spacing_new((int)lround(ts->tracking * PANGO_SCALE));
        pango_attr_list_insert_before(attrs, a);
    }
    pango_layout_set_text(L, s->str, (int)s->len);
    g_string_free(s, TRUE);
    pango_layout_set_attributes(L, attrs);
    pango_attr_list_unref(attrs);
    if (width > 0) {
        pango_layout_set_width(L, (int)floor(width * PANGO_SCALE));
        pango_layout_set_wrap(L, PANGO_WRAP_WORD_CHAR);
    }
    PangoAlignment al = PANGO_ALIGN_LEFT;
    if (ts->align == GP_ALIGN_CENTER)
        al = PANGO_ALIGN_CENTER;
    else if (ts->align == GP_ALIGN_RIGHT)
        al = PANGO_ALIGN_RIGHT;
    pango_layout_set_alignment(L, al);
    pango_layout_set_justify(L, width > 0 && ts->align == GP_ALIGN_JUSTIFY);
    pango_layout_set_auto_dir(L, TRUE);

    t->n_lines = pango_layout_get_line_count(L);
    t->top = gp_calloc((size_t)t->n_lines + 1, sizeof(double));
    t->bottom = gp_calloc((size_t)t->n_lines + 1, sizeof(double));
    t->baseline = gp_calloc((size_t)t->n_lines + 1, sizeof(double));
    if (!t->top || !t->bottom || !t->baseline || (para && !t->spans)) {
        gp_tl_free(t);
        lc->failed = 1;
        return NULL;
    }
    PangoLayoutIter *it = pango_layout_get_iter(L);
    int i = 0;
    do {
        int y0, y1;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        t->top[i] = y0 / (double)PANGO_SCALE;
        t->bottom[i] = y1 / (double)PANGO_SCALE;
        t->baseline[i] = pango_layout_iter_get_baseline(it) / (double)PANGO_SCALE;
        double w = logical.width / (double)PANGO_SCALE;
        if (w > t->width)
            t->width = w;
        i++;
    } while (i < t->n_lines && pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    t->height = t->n_lines ? t->bottom[t->n_lines - 1] : 0;
    report_unknown(lc, t, src);
    return t;
}

gp_tl *gp_tl_rich(gp_lctx *lc, const gp_text_style *ts, const gp_para *para, double width,
                  const gp_color *color, gp_pos src)
{
    return tl_build(lc, ts, para, NULL, width, color, src);
}

gp_tl *gp_tl_plain(gp_lctx *lc, const gp_text_style *ts, const char *text, double width,
                   const gp_color *color, gp_pos src)
{
    return tl_build(lc, ts, NULL, text, width, color, src);
}

void gp_tl_free(gp_tl *t)
{
    if (!t)
        return;
    if (t->layout)
        g_object_unref(t->layout);
    gp_free(t->top);
    gp_free(t->bottom);
    gp_free(t->baseline);
    gp_free(t->spans);
    gp_free(t);
}

int gp_tl_lines(const gp_tl *t) { return t ? t->n_lines : 0; }
double gp_tl_height(const gp_tl *t) { return t ? t->height : 0; }
double gp_tl_width(const gp_tl *t) { return t ? t->width : 0; }
double gp_tl_line_bottom(const gp_tl *t, int i) { return t && i < t->n_lines ? t->bottom[i] : 0; }
double gp_tl_baseline(const gp_tl *t, int i) { return t && i < t->n_lines ? t->baseline[i] : 0; }

static const gp_font *font_of(gp_lctx *lc, PangoFont *pf, double *size)
{
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(pf));
    FcChar8 *file = NULL, *family = NULL;
    int index = 0, weight = FC_WEIGHT_REGULAR, slant = FC_SLANT_ROMAN;
    double px = 0;
    FcPatternGetString(pat, FC_FILE, 0, &file);
    FcPatternGetString(pat, FC_FAMILY, 0, &family);
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    FcPatternGetInteger(pat, FC_WEIGHT, 0, &weight);
    FcPatternGetInteger(pat, FC_SLANT, 0, &slant);
    if (FcPatternGetDouble(pat, FC_PIXEL_SIZE, 0, &px) != FcResultMatch) {
        PangoFontDescription *d = pango_font_describe_with_absolute_size(pf);
        px = pango_font_description_get_size(d) / (double)PANGO_SCALE;
        pango_font_description_free(d);
    }
    *size = px;
    if (!file)
        return NULL;
    return gp_dl_font(lc->dl, (const char *)file, index, (const char *)family,
                      FcWeightToOpenType(weight), slant != FC_SLANT_ROMAN);
}

static const span *span_at(const gp_tl *t, int offset)
{
    for (size_t i = 0; i < t->n_spans; i++)
        if (offset >= t->spans[i].start && offset < t->spans[i].end)
            return &t->spans[i];
    return NULL;
}

void gp_tl_emit(gp_lctx *lc, const gp_tl *t, gp_block *b, double x, double y)
{
    if (!t || lc->failed)
        return;
    const char *text = pango_layout_get_text(t->layout);
    PangoLayoutIter *it = pango_layout_get_iter(t->layout);
    PangoLayoutLine *cur = NULL;
    int line = -1;
    do {
        PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(it);
        if (ln != cur) {
            cur = ln;
            line++;
        }
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        if (!run || run->glyphs->num_glyphs == 0 || line >= t->n_lines)
            continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(it, NULL, &logical);
        double size = 0;
        const gp_font *font = font_of(lc, run->item->analysis.font, &size);
        if (!font) {
            gp_diags_add(lc->diags, GP_ERR_FONT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "too many fonts in one document (at most %d)", GP_DL_MAX_FONTS);
            lc->failed = 1;
            break;
        }
        const span *sp = span_at(t, run->item->offset);
        gp_item *item = gp_block_push(lc, b, GP_ITEM_GLYPHS);
        int n = run->glyphs->num_glyphs;
        gp_glyph *gl = gp_arena_alloc(lc->a, (size_t)n * sizeof *gl);
        char *txt = gp_arena_strndup(lc->a, text + run->item->offset, (size_t)run->item->length);
        if (!item || !gl || !txt) {
            lc->failed = 1;
            break;
        }
        double base = y + t->baseline[line];
        double px = x + logical.x / (double)PANGO_SCALE;
        double start = px;
        int k = 0;
        for (int i = 0; i < n; i++) {
            PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
            double adv = gi->geometry.width / (double)PANGO_SCALE;
            /* Empty glyphs (a space at a line end, zero-width characters)
             * draw nothing: drop them; their text joins the cluster before. */
            if (gi->glyph == PANGO_GLYPH_EMPTY) {
                px += adv;
                continue;
            }
            gl[k].id = gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : gi->glyph;
            gl[k].x = px + gi->geometry.x_offset / (double)PANGO_SCALE;
            gl[k].y = base + gi->geometry.y_offset / (double)PANGO_SCALE;
            gl[k].advance = adv;
            gl[k].cluster = (uint32_t)run->glyphs->log_clusters[i];
            px += adv;
            k++;
        }
        if (k == 0) { /* only empty glyphs: nothing to draw */
            b->n_items--;
            continue;
        }
        /* The first cluster in logical order starts the text. */
        if (run->item->analysis.level % 2 == 1)
            gl[k - 1].cluster = 0;
        else
            gl[0].cluster = 0;
        n = k;
        item->x = start;
        item->y = y + t->top[line];
        item->w = px - start;
        item->h = t->bottom[line] - t->top[line];
        item->u.glyphs.font = font;
        item->u.glyphs.size = size;
        item->u.glyphs.color = sp ? t->link_color : t->color;
        item->u.glyphs.glyphs = gl;
        item->u.glyphs.n_glyphs = (size_t)n;
        item->u.glyphs.text = txt;
        item->u.glyphs.text_len = (size_t)run->item->length;
        item->u.glyphs.rtl = run->item->analysis.level % 2 == 1;
    } while (pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);

    /* Link areas: one rectangle per line a link touches. */
    for (size_t s = 0; s < t->n_spans && !lc->failed; s++) {
        for (int l = 0; l < t->n_lines; l++) {
            PangoLayoutLine *ln = pango_layout_get_line_readonly(t->layout, l);
            if (t->spans[s].end <= ln->start_index || t->spans[s].start >= ln->start_index + ln->length)
                continue;
            int *ranges = NULL, nr = 0;
            pango_layout_line_get_x_ranges(ln, t->spans[s].start, t->spans[s].end, &ranges, &nr);
            PangoRectangle lext;
            pango_layout_line_get_extents(ln, NULL, &lext);
            double line_end = (lext.x + lext.width) / (double)PANGO_SCALE;
            for (int r = 0; r < nr; r++) {
                double x1 = ranges[2 * r] / (double)PANGO_SCALE;
                double x2 = ranges[2 * r + 1] / (double)PANGO_SCALE;
                if (x2 > line_end)
                    x2 = line_end;
                if (x2 <= x1)
                    continue;
                gp_item *li = gp_block_push(lc, b, GP_ITEM_LINK);
                if (!li) {
                    lc->failed = 1;
                    break;
                }
                li->x = x + x1;
                li->y = y + t->top[l];
                li->w = x2 - x1;
                li->h = t->bottom[l] - t->top[l];
                li->u.link.uri = gp_arena_strdup(lc->a, t->spans[s].url);
            }
            g_free(ranges);
        }
    }
}

double gp_text_rich(gp_lctx *lc, gp_block *b, const gp_text_style *ts, const gp_para *para,
                    double x, double y, double width, const gp_color *color, gp_pos src)
{
    gp_tl *t = gp_tl_rich(lc, ts, para, width, color, src);
    gp_tl_emit(lc, t, b, x, y);
    double h = gp_tl_height(t);
    gp_tl_free(t);
    return h;
}

double gp_text_plain(gp_lctx *lc, gp_block *b, const gp_text_style *ts, const char *text,
                     double x, double y, double width, const gp_color *color, gp_pos src)
{
    gp_tl *t = gp_tl_plain(lc, ts, text, width, color, src);
    gp_tl_emit(lc, t, b, x, y);
    double h = gp_tl_height(t);
    gp_tl_free(t);
    return h;
}
