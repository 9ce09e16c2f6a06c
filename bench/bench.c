/* bench/bench.c - speed and memory figures for guidepress, printed, never
 * asserted (tests must not time things).
 *
 * usage: gp-bench [-n N] [GUIDE.yaml] [STYLE]
 *
 * Loads the guide and style once, then for N documents measures, per
 * document: load (parse + validate), layout (Pango), paint to PDF in memory
 * with Cairo, and the PDF size; prints the median and the 90th percentile of
 * each stage, documents per second on one core, the arena bytes of one
 * display list and the process's peak RSS. A cold first document is
 * reported separately. */
#include <guidepress/guidepress.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "base/arena.h"
#include "engine/engine.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *name, double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    printf("  %-10s median %7.2f ms   p90 %7.2f ms   min %7.2f ms\n", name, v[n / 2],
           v[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1], v[0]);
}

static int write_mem(void *closure, const unsigned char *data, size_t len)
{
    size_t *total = closure;
    (void)data;
    *total += len;
    return 0;
}

int main(int argc, char **argv)
{
    int n = 50;
    const char *guide_path = GP_DATA_DIR "/data/guides/data-engineer-to-backend-developer.yaml";
    const char *style_name = "default";
    int pos = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            n = atoi(argv[++i]);
        else if (pos++ == 0)
            guide_path = argv[i];
        else
            style_name = argv[i];
    }
    if (n < 1)
        n = 1;
    gp_diags *d = gp_diags_new();
    double t0 = now_ms();
    gp_engine *e = gp_engine_new(NULL, d);
    double t_engine = now_ms() - t0;
    const gp_style *style = e ? gp_engine_style(e, style_name, d) : NULL;
    if (!e || !style) {
        for (size_t i = 0; i < gp_diags_count(d); i++)
            fprintf(stderr, "%s\n", gp_diags_get(d, i)->message);
        return 1;
    }
    double *load = calloc((size_t)n, sizeof(double)), *lay = calloc((size_t)n, sizeof(double)),
           *paint = calloc((size_t)n, sizeof(double)), *total = calloc((size_t)n, sizeof(double));
    size_t bytes = 0, arena = 0;
    int pages = 0;
    double cold = 0;
    for (int i = -1; i < n; i++) {
        double a = now_ms();
        gp_guide *g = gp_guide_load_file(guide_path, NULL, d);
        double b = now_ms();
        gp_layout_options lo = {1735689600, "guidepress bench"};
        gp_display *dl = g ? gp_layout_run(gp_engine_fonts(e), g, style, &lo, NULL, d) : NULL;
        double c = now_ms();
        if (!dl) {
            fprintf(stderr, "layout failed\n");
            return 1;
        }
        gp_paint_options po = {0};
        po.format = GP_FORMAT_PDF;
        po.tagged = true;
        size_t sz = 0;
        gp_painter *p = gp_painter_cairo_new(&po, write_mem, &sz, d);
        gp_paint(p, dl, d);
        gp_painter_free(p);
        double f = now_ms();
        pages = (int)dl->n_pages;
        arena = gp_arena_used(dl->arena);
        bytes = sz;
        gp_display_free(dl);
        gp_guide_free(g);
        if (i < 0) {
            cold = f - a;
            continue;
        }
        load[i] = b - a;
        lay[i] = c - b;
        paint[i] = f - c;
        total[i] = f - a;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("guidepress bench: %s, style %s, %d documents\n", guide_path, style_name, n);
    printf("  engine setup (fonts) %.2f ms; first document (cold) %.2f ms\n", t_engine, cold);
    report("load", load, n);
    report("layout", lay, n);
    report("paint", paint, n);
    report("total", total, n);
    printf("  %d pages, PDF %zu bytes, display list arena %zu bytes\n", pages, bytes, arena);
    printf("  %.1f documents/s on one core; peak RSS %ld KiB\n", 1000.0 / total[n / 2],
           ru.ru_maxrss);
    gp_engine_free(e);
    gp_diags_free(d);
    free(load);
    free(lay);
    free(paint);
    free(total);
    return 0;
}
