/* tests/fuzz/fuzz_style.c - fuzz target: the style loader.
 *
 * The input is a style sheet. Relative paths resolve against
 * tests/bad/style (which holds a non-font, non-image asset) and `extends:`
 * reaches the shipped styles, so the fuzzer can walk the extends chain,
 * palette, units and path checks. A loaded style must be all finite
 * numbers and colours inside 0..1, with every string readable. */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "model/style_struct.h" /* the invariants are about every field */

#define BASE_DIR   GP_SOURCE_DIR "/tests/bad/style"
#define STYLES_DIR GP_SOURCE_DIR "/styles"

static void check_color(const gp_color *c)
{
    if (c->none)
        return;
    FUZZ_ASSERT(c->r >= 0 && c->r <= 1 && c->g >= 0 && c->g <= 1 && c->b >= 0 && c->b <= 1);
}

static void check_box(const gp_box_style *b)
{
    check_color(&b->background);
    check_color(&b->border);
    FUZZ_ASSERT(isfinite(b->border_width) && isfinite(b->radius) && isfinite(b->padding));
}

static void check_running(const gp_running *r)
{
    volatile size_t h = fuzz_touch(r->left) + fuzz_touch(r->center) + fuzz_touch(r->right);
    (void)h;
    check_color(&r->rule);
}

static void check_style(const gp_style *s)
{
    volatile size_t h = fuzz_touch(s->path) + fuzz_touch(s->name) + fuzz_touch(s->brand_name);
    h += fuzz_touch(s->brand_logo) + fuzz_touch(s->logo_alt) + fuzz_touch(s->brand_website);
    h += fuzz_touch(s->brand_contact) + fuzz_touch(s->page_size_name);
    FUZZ_ASSERT(isfinite(s->page_width) && isfinite(s->page_height));
    FUZZ_ASSERT(isfinite(s->margin_top) && isfinite(s->margin_right) &&
                isfinite(s->margin_bottom) && isfinite(s->margin_left));
    FUZZ_ASSERT(isfinite(s->logo_width) && isfinite(s->header_gap));
    for (size_t i = 0; i < s->n_colors; i++) {
        h += fuzz_touch(s->color_names[i]);
        check_color(&s->colors[i]);
        gp_color c;
        FUZZ_ASSERT(gp_style_color(s, s->color_names[i], &c));
    }
    for (size_t i = 0; i < s->n_font_files; i++)
        h += fuzz_touch(s->font_files[i].path);
    for (int r = 0; r < GP_TS__COUNT; r++) {
        const gp_text_style *t = &s->text[r];
        h += fuzz_touch(t->family) + fuzz_touch(gp_text_role_name((gp_text_role)r));
        FUZZ_ASSERT(isfinite(t->size) && isfinite(t->leading) && isfinite(t->space_before) &&
                    isfinite(t->space_after) && isfinite(t->tracking));
        check_color(&t->color);
    }
    check_box(&s->cover.box);
    check_box(&s->stats.box);
    check_box(&s->cards.box);
    check_box(&s->compare.box);
    check_box(&s->cta.box);
    FUZZ_ASSERT(s->cards.columns >= 1 && s->cards.columns <= 3);
    for (size_t i = 0; i < s->table.n_chart_colors; i++)
        check_color(&s->table.chart_colors[i]);
    check_running(&s->header);
    check_running(&s->footer);
    for (int i = 0; i < GP_SEC__COUNT; i++)
        FUZZ_ASSERT(s->sections[i].columns >= 0 && s->sections[i].columns <= 3);
    (void)h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gp_diags *d = gp_diags_new();
    if (!d)
        return 0;
    gp_style *s = gp_style_load_memory((const char *)data, size, "fuzz-style.yaml", BASE_DIR,
                                       STYLES_DIR, NULL, d);
    fuzz_check_diags(d, s != NULL);
    if (s)
        check_style(s);
    gp_style_free(s);
    gp_diags_free(d);
    return 0;
}
