/* bench/bench_warm.c - one document at a time in this process, warm, with
 * each painter.
 *
 * One gp_engine (fonts and the parsed style, as a batch worker keeps them)
 * renders the seed guide N + 1 times per painter; the first time warms the
 * caches up and is not counted. Each time measures the stages separately:
 * load (parse and validate the YAML), layout (Pango, pagination), paint
 * (the painter writing the PDF to memory) and post (the libqpdf pass that
 * gp_render makes: /Lang, the figures' alternative texts); then the whole
 * gp_render call as a program makes it, which also writes the file (to a
 * temporary file, fsync'ed and renamed, in the bench's /tmp folder).
 *
 * Layout keeps laid-out paragraphs across documents (gp_fonts_set_text_cache),
 * and the same guide again finds nearly all of them, so Cairo runs a
 * third time with that cache off: the layout a guide seen for the first
 * time costs.
 *
 * After the Cairo and the libharu runs, the last file gp_render wrote is
 * split into its parts (bench_bytes.c): the byte budget of the guide. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guidepress/guidepress.h>

typedef struct warm_ctx {
    const bench_opts *o;
    gp_engine *e;
    const gp_style *style;
    gp_diags *d;
    char out_path[4096];
} warm_ctx;

/* What one pass through the stages gives besides its times. */
typedef struct doc_info {
    int pages;
    size_t paint_bytes;
} doc_info;

static void print_errors(const char *what, const gp_diags *d)
{
    fprintf(stderr, "gp-bench: %s failed\n", what);
    for (size_t i = 0; i < gp_diags_count(d); i++) {
        const gp_diag *g = gp_diags_get(d, i);
        if (g->severity == GP_SEV_ERROR)
            fprintf(stderr, "%s:%d:%d: error: %s\n", g->file ? g->file : "gp-bench", g->line,
                    g->col, g->message);
    }
}

/* A PDF in memory. */
typedef struct pdf_buf {
    unsigned char *data;
    size_t len, cap;
    bool failed;
} pdf_buf;

static int buf_write(void *closure, const unsigned char *data, size_t len)
{
    pdf_buf *b = closure;
    if (b->failed)
        return -1;
    if (b->cap - b->len < len) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap - b->len < len)
            cap *= 2;
        unsigned char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return -1;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

/* Paints dl into pdf as gp_render does for a default PDF request. */
static int paint(gp_backend be, const gp_display *dl, pdf_buf *pdf, gp_diags *d)
{
    gp_paint_options po = {0};
    po.format = GP_FORMAT_PDF;
    po.tagged = true;
    gp_pdf_options pdfo = {0};
    pdfo.tagged = true;
    pdfo.permissions = GP_PERM_PRINT;
    gp_painter *p = be == GP_BACKEND_PDF    ? gp_painter_pdf_new(&pdfo, buf_write, pdf, d)
                    : be == GP_BACKEND_HARU ? gp_painter_haru_new(&po, buf_write, pdf, d)
                                            : gp_painter_cairo_new(&po, buf_write, pdf, d);
    int rc = p ? gp_paint(p, dl, d) : -1;
    gp_painter_free(p);
    return rc || pdf->failed ? -1 : 0;
}

/* The qpdf pass with the options gp_render gives it for a default request
 * (through the public gp_pdf_postprocess_copy, which adds one copy of the
 * PDF in memory to what gp_render does). */
static int post(gp_backend be, const gp_guide *g, const gp_display *dl, long long date,
                pdf_buf *pdf, gp_diags *d)
{
    if (be == GP_BACKEND_PDF) /* our painter writes the finished file: no qpdf pass */
        return 0;
    const char *alts[32];
    size_t n_alts = gp_display_figure_alts(dl, alts, 32);
    gp_post_options po = {0};
    po.permissions = GP_PERM_PRINT;
    po.lang = gp_guide_lang(g);
    po.date = date;
    if (be == GP_BACKEND_CAIRO) {
        po.figure_alt = alts;
        po.n_figure_alt = n_alts;
    }
    unsigned char *out;
    size_t out_len;
    if (gp_pdf_postprocess_copy(pdf->data, pdf->len, &po, &out, &out_len, d))
        return -1;
    free(pdf->data);
    pdf->data = out;
    pdf->len = pdf->cap = out_len;
    return 0;
}

/* One document through load, layout, paint and post; t[ST_LOAD..ST_POST]
 * get the milliseconds of each. */
static int stages_once(warm_ctx *w, gp_backend be, double *t, doc_info *info)
{
    pdf_buf pdf = {0};
    gp_display *dl = NULL;
    int rc = -1;
    double a = bench_now_ms();
    gp_guide *g = gp_guide_load_file(w->o->guide, gp_engine_limits(w->e), w->d);
    double b = bench_now_ms();
    if (!g)
        goto done;
    gp_layout_options lo = {gp_engine_date(NULL, g), "guidepress " GP_VERSION_STRING, 0};
    dl = gp_layout_run(gp_engine_fonts_for(w->e, w->style), g, w->style, &lo,
                       gp_engine_limits(w->e), w->d);
    double c = bench_now_ms();
    if (!dl || paint(be, dl, &pdf, w->d))
        goto done;
    double f = bench_now_ms();
    info->paint_bytes = pdf.len;
    info->pages = (int)gp_display_page_count(dl);
    if (post(be, g, dl, lo.date, &pdf, w->d))
        goto done;
    double h = bench_now_ms();
    t[ST_LOAD] = b - a;
    t[ST_LAYOUT] = c - b;
    t[ST_PAINT] = f - c;
    t[ST_POST] = h - f;
    rc = 0;
done:
    if (rc)
        print_errors("rendering the guide", w->d);
    free(pdf.data);
    gp_display_free(dl);
    gp_guide_free(g);
    return rc;
}

/* The whole gp_render, as `guidepress render` calls it. */
static int render_once(warm_ctx *w, gp_backend be, double *ms, size_t *bytes)
{
    gp_render_request req;
    gp_render_request_init(&req);
    req.guide_path = w->o->guide;
    req.style = w->o->style;
    req.output_path = w->out_path;
    req.backend = be;
    gp_render_result res;
    double a = bench_now_ms();
    int rc = gp_render(w->e, &req, &res, w->d);
    *ms = bench_now_ms() - a;
    if (rc)
        print_errors("gp_render", w->d);
    *bytes = res.bytes;
    return rc;
}

/* N + 1 documents with one painter; the first is not counted, and its
 * stages' sum goes to *first when first is not NULL. Without cache, the
 * layout's paragraph cache is off (as for a guide never seen before). */
static int warm_painter(warm_ctx *w, gp_backend be, bool cache, bench_warm *out, double *first)
{
    int n = w->o->runs;
    double *v = calloc((size_t)n * N_STAGES, sizeof *v);
    if (!v) {
        fputs("gp-bench: out of memory\n", stderr);
        return -1;
    }
    out->painter = be == GP_BACKEND_PDF ? "pdf" : be == GP_BACKEND_HARU ? "haru" : "cairo";
    out->text_cache = cache;
    gp_fonts_set_text_cache(gp_engine_fonts_for(w->e, w->style),
                            cache ? GP_TEXT_CACHE_DEFAULT_BYTES : 0);
    bench_progress("warm %s%s, %d documents", out->painter, cache ? "" : " (no text cache)", n);
    for (int i = -1; i < n; i++) {
        double t[N_STAGES];
        doc_info info = {0};
        if (stages_once(w, be, t, &info) || render_once(w, be, &t[ST_RENDER], &out->bytes)) {
            free(v);
            return -1;
        }
        out->pages = info.pages;
        out->paint_bytes = info.paint_bytes;
        if (i < 0 && first)
            *first = t[ST_LOAD] + t[ST_LAYOUT] + t[ST_PAINT] + t[ST_POST];
        for (int s = 0; i >= 0 && s < N_STAGES; s++)
            v[s * n + i] = t[s];
        gp_diags_clear(w->d); /* warnings (missing glyphs) would pile up */
    }
    for (int s = 0; s < N_STAGES; s++)
        out->stage[s] = bench_stat_of(v + s * n, n);
    free(v);
    return 0;
}

int bench_warm_run(const bench_opts *o, bench_results *r)
{
    warm_ctx w = {0};
    w.o = o;
    snprintf(w.out_path, sizeof w.out_path, "%s/warm.pdf", o->tmp);
    w.d = gp_diags_new();
    if (!w.d) {
        fputs("gp-bench: out of memory\n", stderr);
        return -1;
    }
    int rc = -1;
    double t0 = bench_now_ms();
    w.e = gp_engine_new(NULL, w.d);
    w.style = w.e ? gp_engine_style(w.e, o->style, w.d) : NULL;
    r->engine_ms = bench_now_ms() - t0;
    if (!w.style)
        print_errors("loading the fonts and the style", w.d);
    /* Our painter, Cairo, libharu (each followed by its byte budget), ours
     * without the paragraph cache: the order of r->warm. */
    static const gp_backend be[4] = {GP_BACKEND_PDF, GP_BACKEND_CAIRO, GP_BACKEND_HARU,
                                     GP_BACKEND_PDF};
    for (int i = 0; w.style && i < 4; i++) {
        if (warm_painter(&w, be[i], i < 3, &r->warm[i], i ? NULL : &r->first_ms))
            break;
        if (i < 3)
            bench_bytes_read(w.out_path, &r->bytes[i]);
        else
            rc = 0;
    }
    gp_engine_free(w.e);
    gp_diags_free(w.d);
    return rc;
}
