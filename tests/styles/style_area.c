/* tests/styles/style_area.c - prints the page geometry of a style sheet,
 * loaded through the real loader (extends chain and all), so the render
 * tests can derive the text area a style promises instead of repeating
 * its margins:
 *
 *   style_area STYLE.yaml STYLES_DIR
 *   -> "width height top right bottom left header_gap" in points
 *   style_area STYLE.yaml STYLES_DIR --text
 *   -> one line per text role: "role size leading align weight italic
 *      uppercase r g b" (align 0 left, 1 justify, 2 center, 3 right)
 *
 * Exit 1 with the diagnostics on stderr when the style does not load. */
#include <stdio.h>
#include <string.h>

#include <guidepress/style.h>

int main(int argc, char **argv)
{
    bool text = argc == 4 && strcmp(argv[3], "--text") == 0;
    if (argc != 3 && !text) {
        fputs("usage: style_area STYLE.yaml STYLES_DIR [--text]\n", stderr);
        return 2;
    }
    gp_diags *d = gp_diags_new();
    gp_style *s = gp_style_load_file(argv[1], argv[2], NULL, d);
    if (!s) {
        for (size_t i = 0; i < gp_diags_count(d); i++) {
            const gp_diag *g = gp_diags_get(d, i);
            fprintf(stderr, "%s:%d:%d: %s\n", g->file ? g->file : "?", g->line, g->col, g->message);
        }
        gp_diags_free(d);
        return 1;
    }
    if (text) {
        for (int r = 0; r < GP_TS__COUNT; r++) {
            const gp_text_style *t = gp_style_text(s, (gp_text_role)r);
            printf("%s %.3f %.3f %d %d %d %d %.3f %.3f %.3f\n", gp_text_role_name((gp_text_role)r),
                   t->size, t->leading, (int)t->align, t->weight, t->italic, t->uppercase,
                   t->color.r, t->color.g, t->color.b);
        }
    } else {
        gp_page_geometry p;
        gp_style_page(s, &p);
        printf("%.3f %.3f %.3f %.3f %.3f %.3f %.3f\n", p.width, p.height, p.margin_top,
               p.margin_right, p.margin_bottom, p.margin_left, p.header_gap);
    }
    gp_style_free(s);
    gp_diags_free(d);
    return 0;
}
