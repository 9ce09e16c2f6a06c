/* tests/typo/kp_cost.c - prices total-fit against greedy line breaking on
 * the same paragraphs, with the same Pango widths and the same demerits.
 *
 * Usage: kp_cost FONTS_DIR WIDTH_PT FILE [--check]
 * FILE holds paragraphs separated by blank lines. Sets them in the house
 * body style (Noto Sans 9.5/14, justified, hyphenated, en-GB) and prints
 * per paragraph and in total: lines, demerits, inserted hyphens and the
 * loosest line's ratio for both methods. With --check it fails unless
 * total fit found a solution for every paragraph and its total demerits
 * are below greedy's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "layout/linebreak.h"

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: kp_cost FONTS_DIR WIDTH_PT FILE [--check]\n");
        return 2;
    }
    gp_diags *d = gp_diags_new();
    gp_fonts *f = gp_fonts_new(argv[1], d);
    char *data = NULL;
    size_t len = 0;
    if (!f || gp_file_read(argv[3], 1 << 20, &data, &len)) {
        fprintf(stderr, "kp_cost: cannot load fonts or %s\n", argv[3]);
        return 2;
    }
    double width = atof(argv[2]);
    bool check = argc > 4 && !strcmp(argv[4], "--check");
    gp_text_style ts;
    memset(&ts, 0, sizeof ts);
    ts.family = "Noto Sans";
    ts.size = 9.5;
    ts.weight = 400;
    ts.leading = 14;
    ts.align = GP_ALIGN_JUSTIFY;
    ts.hyphenate = true;
    double kd = 0, gd = 0;
    int kh = 0, gh = 0, kl = 0, gl = 0, para = 0, failed = 0;
    printf("%-5s %21s   %21s\n", "", "total fit", "greedy");
    printf("%-5s %5s %9s %5s   %5s %9s %5s\n", "para", "lines", "demerits", "hyph", "lines",
           "demerits", "hyph");
    for (char *p = data; p && *p;) {
        char *end = strstr(p, "\n\n");
        if (end)
            *end = '\0';
        for (char *q = p; *q; q++)
            if (*q == '\n')
                *q = ' ';
        if (*p) {
            gp_lb_result kp = {0}, gr = {0};
            int rc = gp_text_linebreak_report(f, &ts, "en-GB", p, width, &kp, &gr);
            if (rc)
                failed++;
            para++;
            printf("%-5d %5zu %9.0f %5d   %5zu %9.0f %5d%s\n", para, kp.n_lines, kp.demerits,
                   kp.hyphens, gr.n_lines, gr.demerits, gr.hyphens, rc ? "  (no total fit)" : "");
            kd += kp.demerits;
            gd += gr.demerits;
            kh += kp.hyphens;
            gh += gr.hyphens;
            kl += (int)kp.n_lines;
            gl += (int)gr.n_lines;
        }
        p = end ? end + 2 : NULL;
    }
    printf("%-5s %5d %9.0f %5d   %5d %9.0f %5d\n", "all", kl, kd, kh, gl, gd, gh);
    gp_free(data);
    gp_fonts_free(f);
    gp_diags_free(d);
    if (check && (failed || kd >= gd)) {
        fprintf(stderr, "kp_cost: total fit is not cheaper than greedy\n");
        return 1;
    }
    return 0;
}
