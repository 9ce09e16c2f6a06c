/* bench/unbreakable/bench_unbreakable.c - gp-bench-unbreakable: time per
 * KiB of one unbreakable run (no space in it), from 1 KiB to 1 MiB.
 *
 * Issue 21: Pango wraps such a run character by character and reshaped
 * the rest of it for every line, so the time grew with the square of the
 * length (50 KiB: 6.6 s, 200 KiB: 80 s). The layout's emergency break
 * (src/layout/text.c, emergency_pieces) cuts the run into pieces first;
 * this program prints the figures that show the cost per KiB staying
 * flat. It prints, never asserts (tests/ holds no timed checks).
 *
 * A paragraph is at most 256 KiB (the YAML text limit, and the layout's
 * own GP_MAX_PARAGRAPH_BYTES: Pango 1.50 lost most of a 512 KiB one), so
 * above 256 KiB the text is one unbreakable run per 256 KiB section;
 * "pages" shows every byte placed (about 4.4 KiB a page). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    size_t max_kib = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1024;
    char dir[] = "/tmp/gp-bench-unbreakable.XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    gp_limits lim;
    gp_limits_default(&lim);
    gp_engine_options eo = {NULL, &lim};
    gp_diags *d = gp_diags_new();
    gp_engine *e = gp_engine_new(&eo, d);
    if (!e) {
        fputs("gp-bench-unbreakable: cannot start the engine\n", stderr);
        return 1;
    }
    char guide[64], pdf[64];
    snprintf(guide, sizeof guide, "%s/g.yaml", dir);
    snprintf(pdf, sizeof pdf, "%s/g.pdf", dir);
    printf("%10s %10s %8s %12s\n", "KiB", "ms", "pages", "ms per KiB");
    int rc = 0;
    for (size_t kib = 1; kib <= max_kib; kib *= 2) {
        FILE *f = fopen(guide, "w");
        if (!f) {
            perror(guide);
            rc = 1;
            break;
        }
        fputs("guide: 1\nfrom: Clerk\nto: Analyst\nsections:\n", f);
        size_t runs = (kib + 255) / 256, per = kib * 1024 / runs;
        for (size_t r = 0; r < runs; r++) {
            fputs("  - type: prose\n    title: One unbreakable run\n    body: \"", f);
            for (size_t i = 0; i < per; i++)
                fputc("abcdefghijklmnopqrstuvwxyz"[i % 26], f);
            fputs("\"\n", f);
        }
        fclose(f);
        gp_render_request req;
        gp_render_request_init(&req);
        req.guide_path = guide;
        req.output_path = pdf;
        gp_render_result res;
        gp_diags_clear(d);
        double t0 = now();
        int r = gp_render(e, &req, &res, d);
        double ms = (now() - t0) * 1e3;
        if (r) {
            fprintf(stderr, "gp-bench-unbreakable: %zu KiB failed: %s\n", kib,
                    gp_diags_count(d) ? gp_diags_get(d, 0)->message : "?");
            rc = 1;
            break;
        }
        printf("%10zu %10.1f %8d %12.3f\n", kib, ms, res.pages, ms / (double)kib);
        for (size_t i = 0; i < gp_diags_count(d); i++)
            printf("           note: %s\n", gp_diags_get(d, i)->message);
        fflush(stdout);
    }
    unlink(guide);
    unlink(pdf);
    rmdir(dir);
    gp_engine_free(e);
    gp_diags_free(d);
    return rc;
}
