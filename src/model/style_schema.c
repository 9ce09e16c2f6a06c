/* model/style_schema.c - the style sheet schema, as data.
 *
 * Each mapping of the style format is a table of {key, kind, offset into
 * gp_style}; style_convert.c walks a table over a merged YAML mapping, so
 * adding a key is one line here (plus a line in style_builtin.c and in
 * docs/style-reference.md). The mappings that are more than a table - the
 * palette, the font aliases, the page, the text styles by role, the
 * sections by type - are converted by hand below. Order matters in one way
 * only: the palette and the font aliases are read first, because every
 * other value may name them. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "model/labels.h"
#include "model/style_conv.h"

/* Schema ----------------------------------------------------------------- */

#define S(member) offsetof(gp_style, member)
#define BOX(comp)                                                                                  \
    {"background", F_COLOR, S(comp.box.background)}, {"border", F_COLOR, S(comp.box.border)},      \
        {"border_width", F_LEN, S(comp.box.border_width)}, {"radius", F_LEN, S(comp.box.radius)},  \
    {                                                                                              \
        "padding", F_LEN, S(comp.box.padding)                                                      \
    }
#define N(tab) GP_SC_N(tab)

static const gp_sc_field brand_fields[] = {
    {"name", F_STR, S(brand_name)},       {"logo", F_LOGO, 0},
    {"logo_width", F_LEN, S(logo_width)}, {"logo_alt", F_STR, S(logo_alt)},
    {"website", F_STR, S(brand_website)}, {"contact", F_STR, S(brand_contact)},
};

static const gp_sc_field cover_fields[] = {
    BOX(cover), {"logo", F_BOOL, S(cover.show_logo)}, {"rule", F_COLOR, S(cover.rule)}};

static const gp_sc_field stats_fields[] = {BOX(stats), {"divider", F_COLOR, S(stats.divider)}};

static const gp_sc_field cards_fields[] = {
    BOX(cards),
    {"columns", F_COLUMNS, S(cards.columns)},
    {"gap", F_LEN, S(cards.gap)},
    {"accent", F_COLOR, S(cards.accent)},
    {"direct", F_COLOR, S(cards.direct)},
    {"divider", F_COLOR, S(cards.divider)},
};

static const gp_sc_field timeline_fields[] = {
    {"marker", F_MARKER, S(timeline.marker)},
    {"marker_size", F_LEN, S(timeline.marker_size)},
    {"marker_fill", F_COLOR, S(timeline.marker_fill)},
    {"marker_text", F_COLOR, S(timeline.marker_text)},
    {"line", F_COLOR, S(timeline.line)},
    {"line_width", F_LEN, S(timeline.line_width)},
    {"tickbox", F_BOOL, S(timeline.tickbox)},
    {"tickbox_size", F_LEN, S(timeline.tickbox_size)},
    {"tickbox_color", F_COLOR, S(timeline.tickbox_color)},
};

static const gp_sc_field table_fields[] = {
    {"header_background", F_COLOR, S(table.header_background)},
    {"header_color", F_COLOR, S(table.header_color)},
    {"zebra", F_COLOR, S(table.zebra)},
    {"rule", F_COLOR, S(table.rule)},
    {"cell_padding", F_LEN, S(table.cell_padding)},
    {"chart", F_BOOL, S(table.chart)},
    {"chart_colors", F_COLOR_LIST, 0},
    {"chart_bar_height", F_LEN, S(table.chart_bar_height)},
};

static const gp_sc_field compare_fields[] = {BOX(compare),
                                             {"min_width", F_LEN, S(compare.min_width)}};

static const gp_sc_field faq_fields[] = {{"rule", F_COLOR, S(faq.rule)},
                                         {"marker", F_COLOR, S(faq.marker)}};

static const gp_sc_field cta_fields[] = {BOX(cta),
                                         {"link_background", F_COLOR, S(cta.link_background)},
                                         {"link_color", F_COLOR, S(cta.link_color)}};

static const gp_sc_field list_fields[] = {{"bullet", F_COLOR, S(list.bullet)},
                                          {"indent", F_LEN, S(list.indent)}};

static const gp_sc_field breaks_fields[] = {
    {"table_min_rows", F_COUNT, S(breaks.table_min_rows)},
    {"table_rows_whole", F_COUNT, S(breaks.table_rows_whole)},
    {"table_with_chart", F_BOOL, S(breaks.table_with_chart)},
    {"orphans", F_COUNT, S(breaks.orphans)},
    {"widows", F_COUNT, S(breaks.widows)},
    {"last_page_min_fill", F_FRACTION, S(breaks.last_page_min_fill)},
};

static const gp_sc_field typography_fields[] = {
    {"italics", F_BOOL, S(typography.italics)},
    {"smart_quotes", F_BOOL, S(typography.smart_quotes)},
    {"range_dash", F_BOOL, S(typography.range_dash)},
    {"link_addresses", F_LINKS, S(typography.link_addresses)},
};

static const gp_sc_field email_fields[] = {
    {"subject", F_MAIL_TEMPLATE, S(email.subject)},
    {"body", F_MAIL_TEMPLATE, S(email.body)},
    {"max_size", F_BYTES, S(email.max_size)},
};

#define T(member) offsetof(gp_text_style, member)
static const gp_sc_field text_fields[] = {
    {"font", F_FONTREF, T(family)},         {"size", F_FONT_SIZE, T(size)},
    {"weight", F_WEIGHT, T(weight)},        {"style", F_SLANT, T(italic)},
    {"color", F_COLOR, T(color)},           {"leading", F_LEADING, T(leading)},
    {"align", F_ALIGN, T(align)},           {"space_before", F_LEN, T(space_before)},
    {"space_after", F_LEN, T(space_after)}, {"hyphenate", F_BOOL, T(hyphenate)},
    {"uppercase", F_BOOL, T(uppercase)},    {"tracking", F_LEN_SIGNED, T(tracking)},
};

#define R(member) offsetof(gp_running, member)
static const gp_sc_field running_fields[] = {
    {"left", F_TEMPLATE, R(left)},   {"center", F_TEMPLATE, R(center)},
    {"right", F_TEMPLATE, R(right)}, {"first_page", F_BOOL, R(first_page)},
    {"rule", F_COLOR, R(rule)},      {"logo", F_BOOL, R(logo)},
};

#define SEC(member) offsetof(gp_section_style, member)
static const gp_sc_field section_fields[] = {
    {"hide", F_BOOL, SEC(hide)},
    {"new_page", F_BOOL, SEC(new_page)},
    {"columns", F_COLUMNS, SEC(columns)},
};

/* In gp_section_type order (guide.h); the style sheet's `sections:` keys. */
static const char *const section_names[GP_SEC__COUNT] = {
    "prose", "skills", "gaps", "timeline", "salary", "compare", "list", "faq", "cta"};

static const char *const top_keys[] = {
    "style",      "extends", "brand",  "page",     "colors",     "fonts",    "text",
    "cover",      "stats",   "cards",  "timeline", "table",      "compare",  "faq",
    "cta",        "list",    "header", "footer",   "header_gap", "sections", "breaks",
    "typography", "labels",  "digits", "email"};

/* The component mappings: one table each. */
static const struct comp_map {
    const char *key;
    const gp_sc_field *f;
    size_t n;
} comps[] = {{"cover", cover_fields, N(cover_fields)},
             {"stats", stats_fields, N(stats_fields)},
             {"cards", cards_fields, N(cards_fields)},
             {"timeline", timeline_fields, N(timeline_fields)},
             {"table", table_fields, N(table_fields)},
             {"compare", compare_fields, N(compare_fields)},
             {"faq", faq_fields, N(faq_fields)},
             {"cta", cta_fields, N(cta_fields)},
             {"list", list_fields, N(list_fields)},
             {"breaks", breaks_fields, N(breaks_fields)},
             {"typography", typography_fields, N(typography_fields)},
             {"email", email_fields, N(email_fields)}};

/* Special mappings ------------------------------------------------------- */

static bool valid_color_name(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '-'))
            return false;
    return true;
}

static void conv_colors(gp_sc *c, const gp_ynode *map)
{
    gp_style *s = c->s;
    if (!gp_sc_want_map(c, map, "colors"))
        return;
    size_t n = map->n_pairs;
    s->color_names = gp_arena_alloc(c->cv->arena, (n + 1) * sizeof *s->color_names);
    s->colors = gp_arena_alloc(c->cv->arena, (n + 1) * sizeof *s->colors);
    c->color_keys = gp_arena_alloc(c->cv->arena, (n + 1) * sizeof *c->color_keys);
    c->color_used = gp_arena_alloc(c->cv->arena, n + 1);
    if (!s->color_names || !s->colors || !c->color_keys || !c->color_used) {
        gp_sc_nomem(c);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const gp_ynode *k = map->pairs[i].key, *v = map->pairs[i].value;
        const char *path = gp_sc_path(c, "colors", k->str);
        if (!valid_color_name(k->str) || strcmp(k->str, "none") == 0) {
            gp_sc_err(
                c, GP_ERR_VALUE, k, path, NULL,
                "bad colour name `%s`: use letters, digits, `_` and `-`, starting with a letter "
                "(and not `none`)",
                k->str);
            continue;
        }
        gp_color col;
        c->color_used[s->n_colors] = 0;
        c->color_keys[s->n_colors] = k;
        if (v && v->kind == GP_Y_SCALAR && gp_style_parse_hex(v->str, &col)) {
            s->color_names[s->n_colors] = k->str;
            s->colors[s->n_colors++] = col;
        } else {
            /* The name stays in the palette (black), so that the values
             * naming it do not each report it missing: one error, here. */
            memset(&col, 0, sizeof col);
            s->color_names[s->n_colors] = k->str;
            s->colors[s->n_colors++] = col;
            gp_sc_err(c, GP_ERR_VALUE, v, path,
                      gp_ynode_is_null(v) ? "an unquoted # starts a YAML comment: write \"#1f2a37\""
                                          : NULL,
                      "expected a colour like \"#0f5c6e\" or \"#fff\", found %s",
                      gp_sc_describe(c, v));
        }
    }
}

static void conv_fonts(gp_sc *c, const gp_ynode *map)
{
    static const char *const names[] = {"body", "heading", "files", "system"};
    if (!gp_sc_want_map(c, map, "fonts"))
        return;
    static const gp_sc_field fam = {"", F_FAMILY, 0};
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key, *v = map->pairs[p].value;
        const char *path = gp_sc_path(c, "fonts", k->str);
        if (strcmp(k->str, "body") == 0)
            gp_sc_value(c, &fam, k, v, path, &c->font_body), c->font_body_node = v;
        else if (strcmp(k->str, "heading") == 0)
            gp_sc_value(c, &fam, k, v, path, &c->font_heading), c->font_heading_node = v;
        else if (strcmp(k->str, "files") == 0)
            gp_sc_font_files(c, v, path);
        else if (strcmp(k->str, "system") == 0)
            gp_sc_bool(c, v, path, &c->s->system_fonts);
        else
            gp_sc_unknown_key(c, k, "`fonts`", names, N(names), path);
    }
}

static void conv_page_size(gp_sc *c, const gp_ynode *v)
{
    gp_style *s = c->s;
    const char *path = "page.size";
    c->size_node = v;
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v)) {
        if (!gp_style_page_size(v->str, &s->page_width, &s->page_height, &s->page_size_name))
            gp_sc_err(c, GP_ERR_VALUE, v, path,
                      "or give the size as [width, height], e.g. [210mm, 297mm]",
                      "unknown page size `%s`; expected A4, A5, Letter or Legal", v->str);
        return;
    }
    if (v && v->kind == GP_Y_SEQ && v->n_items == 2) {
        double wh[2];
        bool ok = true;
        for (int i = 0; i < 2; i++) {
            const char *ipath = i ? "page.size[1]" : "page.size[0]";
            if (!gp_sc_length(c, v->items[i], ipath, &wh[i])) {
                ok = false;
            } else if (wh[i] < GP_SC_MIN_TEXT_EXTENT) {
                gp_sc_err(c, GP_ERR_VALUE, v->items[i], ipath, NULL,
                          "page %s %gpt is too small (at least 72pt, one inch)",
                          i ? "height" : "width", wh[i]);
                ok = false;
            }
        }
        if (ok) {
            s->page_width = wh[0];
            s->page_height = wh[1];
            s->page_size_name = "custom";
        }
        return;
    }
    gp_sc_err(c, GP_ERR_TYPE, v, path, NULL,
              "expected a page size (A4, A5, Letter, Legal or [width, height]), found %s",
              gp_sc_describe(c, v));
}

static void conv_margin(gp_sc *c, const gp_ynode *v)
{
    const char *path = "page.margin";
    const char *what = "1 to 4 lengths like 20mm or \"22mm 20mm\" (top right bottom left)";
    double vals[4], out[4];
    int n = 0;
    c->margin_node = v;
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v)) {
        n = gp_style_parse_margin(v->str, vals);
        if (n == -1) {
            gp_sc_err(c, GP_ERR_VALUE, v, path, NULL, "expected %s, found more than 4 values",
                      what);
            return;
        }
        if (n == 0) {
            bool bad_unit = false;
            double dummy;
            gp_style_parse_length(v->str, &dummy, &bad_unit);
            gp_sc_err(
                c, GP_ERR_VALUE, v, path, "units are pt, mm, cm and in; a bare number is points",
                "expected a length like 12pt or 5mm (or %s), found %s", what, gp_sc_describe(c, v));
            return;
        }
    } else if (v && v->kind == GP_Y_SEQ && v->n_items >= 1 && v->n_items <= 4) {
        for (size_t i = 0; i < v->n_items; i++) {
            const char *ipath = gp_arena_printf(c->cv->arena, "page.margin[%zu]", i);
            if (!gp_sc_length(c, v->items[i], ipath, &vals[i]))
                return;
        }
        n = (int)v->n_items;
    } else {
        gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected %s, found %s", what,
                  gp_sc_describe(c, v));
        return;
    }
    for (int i = 0; i < n; i++)
        if (vals[i] < 0) {
            const gp_ynode *at = v->kind == GP_Y_SEQ ? v->items[i] : v;
            gp_sc_err(c, GP_ERR_VALUE, at, path, NULL, "margins cannot be negative");
            return;
        }
    gp_style_css_sides(vals, n, out);
    c->s->margin_top = out[0];
    c->s->margin_right = out[1];
    c->s->margin_bottom = out[2];
    c->s->margin_left = out[3];
}

static void conv_page(gp_sc *c, const gp_ynode *map)
{
    static const char *const names[] = {"size", "margin"};
    if (!gp_sc_want_map(c, map, "page"))
        return;
    /* size first: the margin check needs it */
    for (size_t p = 0; p < map->n_pairs; p++)
        if (strcmp(map->pairs[p].key->str, "size") == 0)
            conv_page_size(c, map->pairs[p].value);
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key;
        if (strcmp(k->str, "margin") == 0)
            conv_margin(c, map->pairs[p].value);
        else if (strcmp(k->str, "size") != 0)
            gp_sc_unknown_key(c, k, "`page`", names, N(names), gp_sc_path(c, "page", k->str));
    }
}

static bool is_builtin(const gp_ynode *n)
{
    return !n || !n->file || strcmp(n->file, GP_STYLE_BUILTIN_FILE) == 0;
}

/* The margins must leave room for text. Points at the margin when a style
 * file wrote it, else at the page size. */
static void check_text_area(gp_sc *c)
{
    const gp_style *s = c->s;
    const gp_ynode *at = !is_builtin(c->margin_node) ? c->margin_node : c->size_node;
    if (!at || s->page_width <= 0 || s->page_height <= 0)
        return;
    double w = s->page_width - s->margin_left - s->margin_right;
    double h = s->page_height - s->margin_top - s->margin_bottom;
    if (w < GP_SC_MIN_TEXT_EXTENT)
        gp_sc_err(c, GP_ERR_LAYOUT, at, "page.margin",
                  "the text area must be at least 72pt (1in) wide",
                  "margins leave %.0fpt of the %.0fpt page width", w < 0 ? 0 : w, s->page_width);
    if (h < GP_SC_MIN_TEXT_EXTENT)
        gp_sc_err(c, GP_ERR_LAYOUT, at, "page.margin",
                  "the text area must be at least 72pt (1in) high",
                  "margins leave %.0fpt of the %.0fpt page height", h < 0 ? 0 : h, s->page_height);
}

static void conv_text(gp_sc *c, const gp_ynode *map)
{
    const char *names[GP_TS__COUNT];
    for (int r = 0; r < GP_TS__COUNT; r++)
        names[r] = gp_text_role_name((gp_text_role)r);
    if (!gp_sc_want_map(c, map, "text"))
        return;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key, *v = map->pairs[p].value;
        const char *path = gp_sc_path(c, "text", k->str);
        int r = 0;
        while (r < GP_TS__COUNT && strcmp(names[r], k->str) != 0)
            r++;
        if (r == GP_TS__COUNT) {
            const char *near = gp_suggest(k->str, names, GP_TS__COUNT);
            const char *hint = gp_arena_printf(c->cv->arena, "text styles: %s",
                                               gp_sc_list(c, names, GP_TS__COUNT, ""));
            if (near)
                gp_sc_err(c, GP_ERR_UNKNOWN_KEY, k, path, hint,
                          "unknown text style `%s`; did you mean `%s`?", k->str, near);
            else
                gp_sc_err(c, GP_ERR_UNKNOWN_KEY, k, path, hint, "unknown text style `%s`", k->str);
            continue;
        }
        gp_text_style *ts = &c->s->text[r];
        gp_sc_fields(c, v, path, text_fields, N(text_fields), ts);
        ts->pos = (gp_pos){v->file, v->line, v->col};
    }
}

static void conv_sections(gp_sc *c, const gp_ynode *map)
{
    if (!gp_sc_want_map(c, map, "sections"))
        return;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key, *v = map->pairs[p].value;
        const char *path = gp_sc_path(c, "sections", k->str);
        int t = 0;
        while (t < GP_SEC__COUNT && strcmp(section_names[t], k->str) != 0)
            t++;
        if (t == GP_SEC__COUNT) {
            const char *near = gp_suggest(k->str, section_names, GP_SEC__COUNT);
            const char *hint = gp_arena_printf(c->cv->arena, "section types: %s",
                                               gp_sc_list(c, section_names, GP_SEC__COUNT, ""));
            if (near)
                gp_sc_err(c, GP_ERR_UNKNOWN_KEY, k, path, hint,
                          "unknown section type `%s`; did you mean `%s`?", k->str, near);
            else
                gp_sc_err(c, GP_ERR_UNKNOWN_KEY, k, path, hint, "unknown section type `%s`",
                          k->str);
            continue;
        }
        gp_sc_fields(c, v, path, section_fields, N(section_fields), &c->s->sections[t]);
    }
}

/* WCAG 2 relative luminance and contrast (the layout linter has its own
 * copy of the formula, gp_contrast_ratio; the model does not link layout). */
static double lum(gp_color c)
{
    double v[3] = {c.r, c.g, c.b};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] <= 0.03928 ? v[i] / 12.92 : pow((v[i] + 0.055) / 1.055, 2.4);
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

/* Warns for each text role whose colour on the background it is set on is
 * under WCAG AA: 4.5:1, or 3:1 for large text (18pt, or 14pt bold). */
static void check_contrast(gp_sc *c)
{
    const gp_style *s = c->s;
    static const struct {
        gp_text_role role;
        const char *bg_key; /* the background's key, NULL: the paper */
        size_t bg_off;
    } uses[] = {
        {GP_TS_BODY, NULL, 0},
        {GP_TS_H2, NULL, 0},
        {GP_TS_H3, NULL, 0},
        {GP_TS_CAPTION, NULL, 0},
        {GP_TS_TABLE, NULL, 0},
        {GP_TS_HEADER, NULL, 0},
        {GP_TS_FOOTER, NULL, 0},
        {GP_TS_H1, "cover.background", offsetof(gp_style, cover.box.background)},
        {GP_TS_KICKER, "cover.background", offsetof(gp_style, cover.box.background)},
        {GP_TS_SUMMARY, "cover.background", offsetof(gp_style, cover.box.background)},
        {GP_TS_STAT_VALUE, "stats.background", offsetof(gp_style, stats.box.background)},
        {GP_TS_STAT_LABEL, "stats.background", offsetof(gp_style, stats.box.background)},
        {GP_TS_CARD_TITLE, "cards.background", offsetof(gp_style, cards.box.background)},
        {GP_TS_LABEL, "cards.background", offsetof(gp_style, cards.box.background)},
        {GP_TS_TABLE_HEADER, "table.header_background",
         offsetof(gp_style, table.header_background)},
    };
    gp_color white = {1, 1, 1, false};
    for (size_t i = 0; i < sizeof uses / sizeof uses[0]; i++) {
        const gp_text_style *t = &s->text[uses[i].role];
        gp_color fg = t->color;
        const char *fg_key = "color";
        if (uses[i].role == GP_TS_TABLE_HEADER && !s->table.header_color.none) {
            fg = s->table.header_color;
            fg_key = NULL; /* table.header_color */
        }
        gp_color bg = white;
        const char *bg_key = "the white page";
        if (uses[i].bg_key) {
            gp_color b = *(const gp_color *)((const char *)s + uses[i].bg_off);
            if (!b.none) {
                bg = b;
                bg_key = uses[i].bg_key;
            }
        }
        if (fg.none)
            continue;
        double la = lum(fg), lb = lum(bg);
        double cr = la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
        bool large = t->size >= 18 || (t->weight >= 700 && t->size >= 14);
        double need = large ? 3.0 : 4.5;
        if (cr + 0.005 >= need)
            continue;
        char fk[64];
        if (fg_key)
            snprintf(fk, sizeof fk, "text.%s.color", gp_text_role_name(uses[i].role));
        else
            snprintf(fk, sizeof fk, "table.header_color");
        gp_diags_add(c->cv->diags, GP_WARN_OTHER, GP_SEV_WARNING, t->pos.file, t->pos.line,
                     t->pos.col, NULL, "darken the text or lighten the background",
                     "%s (#%02x%02x%02x) on %s (#%02x%02x%02x) has contrast %.2f:1, under the "
                     "%.1f:1 of WCAG AA for %s text",
                     fk, (int)lround(fg.r * 255), (int)lround(fg.g * 255), (int)lround(fg.b * 255),
                     bg_key, (int)lround(bg.r * 255), (int)lround(bg.g * 255),
                     (int)lround(bg.b * 255), cr, need, large ? "large" : "normal");
    }
}

/* The whole tree --------------------------------------------------------- */

bool gp_style_convert(gp_style_conv *cv, const gp_ynode *root)
{
    gp_sc c = {.cv = cv, .s = cv->style, .font_body = "Noto Sans", .font_heading = "Noto Sans"};
    gp_style *s = cv->style;
    size_t errors_before = gp_diags_errors(cv->diags);

    if (!gp_sc_want_map(&c, root, ""))
        return false;
    for (size_t p = 0; p < root->n_pairs; p++) {
        const gp_ynode *k = root->pairs[p].key;
        size_t i = 0;
        while (i < N(top_keys) && strcmp(top_keys[i], k->str) != 0)
            i++;
        if (i == N(top_keys))
            gp_sc_unknown_key(&c, k, "style", top_keys, N(top_keys), k->str);
    }
    for (int t = 0; t < GP_SEC__COUNT; t++)
        s->sections[t].columns = 0; /* 0: not set, filled in below */

    const gp_ynode *n;
    /* The palette and font aliases first: everything else names them. */
    if ((n = gp_ymap_get(root, "colors")))
        conv_colors(&c, n);
    if ((n = gp_ymap_get(root, "fonts")))
        conv_fonts(&c, n);
    if ((n = gp_ymap_get(root, "brand")))
        gp_sc_fields(&c, n, "brand", brand_fields, N(brand_fields), s);
    if ((n = gp_ymap_get(root, "page")))
        conv_page(&c, n);
    if ((n = gp_ymap_get(root, "text")))
        conv_text(&c, n);

    for (size_t i = 0; i < N(comps); i++)
        if ((n = gp_ymap_get(root, comps[i].key)))
            gp_sc_fields(&c, n, comps[i].key, comps[i].f, comps[i].n, s);
    if ((n = gp_ymap_get(root, "header")))
        gp_sc_fields(&c, n, "header", running_fields, N(running_fields), &s->header);
    if ((n = gp_ymap_get(root, "footer")))
        gp_sc_fields(&c, n, "footer", running_fields, N(running_fields), &s->footer);
    if ((n = gp_ymap_get(root, "header_gap"))) {
        static const gp_sc_field gap = {"header_gap", F_LEN, 0};
        gp_sc_value(&c, &gap, NULL, n, "header_gap", &s->header_gap);
    }
    if ((n = gp_ymap_get(root, "sections")))
        conv_sections(&c, n);
    if ((n = gp_ymap_get(root, "labels")))
        gp_labels_load(c.cv->arena, c.cv->diags, n, "labels", &s->labels, &s->n_labels);
    if ((n = gp_ymap_get(root, "digits")))
        gp_digits_load(c.cv->arena, c.cv->diags, n, "digits", &s->digits);

    /* Derived values. */
    for (int t = 0; t < GP_SEC__COUNT; t++)
        if (s->sections[t].columns == 0)
            s->sections[t].columns =
                (t == GP_SEC_SKILLS || t == GP_SEC_GAPS) && s->cards.columns ? s->cards.columns : 1;
    if (!s->logo_alt)
        s->logo_alt = s->brand_name;
    check_text_area(&c);
    if (gp_diags_errors(cv->diags) == errors_before)
        check_contrast(&c);

    /* A palette name that nothing uses and that is one typo away from
     * another palette name is most likely that name mistyped (`pimary:`
     * defines a new colour instead of changing `primary`). */
    for (size_t i = 0; c.color_used && i < s->n_colors; i++) {
        if (c.color_used[i])
            continue;
        const char *others[256];
        size_t no = 0;
        for (size_t j = 0; j < s->n_colors && no < 256; j++)
            if (j != i)
                others[no++] = s->color_names[j];
        const char *near = gp_suggest(s->color_names[i], others, no);
        if (near) {
            const gp_ynode *k = c.color_keys[i];
            gp_diags_add(cv->diags, GP_WARN_OTHER, GP_SEV_WARNING, k->file, k->line, k->col,
                         gp_sc_path(&c, "colors", k->str), NULL,
                         "colour `%s` is defined but nothing uses it; did you mean `%s`?",
                         s->color_names[i], near);
        }
    }
    return gp_diags_errors(cv->diags) == errors_before;
}

/* JSON Schema --------------------------------------------------------------
 * The schema editors use (docs/schema/style.schema.json) is written from the
 * tables above, so a key added to the converter is in the schema too; the
 * descriptions and examples are merged in from docs/style-reference.md by
 * scripts/gen-schema.py. */

static void js_kind(gp_buf *o, gp_sc_kind k)
{
    static const char *const length =
        "{\"anyOf\": [{\"type\": \"number\"}, {\"type\": \"string\", \"pattern\": "
        "\"^-?([0-9]+([.][0-9]*)?|[.][0-9]+) *(pt|mm|cm|in)?$\"}]}";
    static const char *const color =
        "{\"type\": \"string\", \"pattern\": "
        "\"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[A-Za-z][A-Za-z0-9_-]*)$\"}";
    size_t n;
    const char *const *names = gp_sc_enum_names(k, &n);
    if (names) {
        gp_buf_puts(o, "{\"enum\": [");
        for (size_t i = 0; i < n; i++)
            gp_buf_printf(o, "%s\"%s\"", i ? ", " : "", names[i]);
        gp_buf_puts(o, "]}");
        return;
    }
    switch (k) {
    case F_LEN:
    case F_LEN_SIGNED:
    case F_FONT_SIZE:
    case F_LEADING: gp_buf_puts(o, length); break;
    case F_COLOR: gp_buf_puts(o, color); break;
    case F_BOOL: gp_buf_puts(o, "{\"type\": \"boolean\"}"); break;
    case F_COLUMNS:
        gp_buf_puts(o, "{\"type\": \"integer\", \"minimum\": 1, \"maximum\": 3}");
        break;
    case F_COUNT: gp_buf_puts(o, "{\"type\": \"integer\", \"minimum\": 1, \"maximum\": 20}"); break;
    case F_FRACTION:
        gp_buf_puts(o, "{\"type\": \"number\", \"minimum\": 0, \"maximum\": 1}");
        break;
    case F_WEIGHT:
        gp_buf_puts(o, "{\"anyOf\": [{\"type\": \"integer\", \"minimum\": 100, \"maximum\": 900}, "
                       "{\"enum\": [\"regular\", \"medium\", \"semibold\", \"bold\"]}]}");
        break;
    case F_LOGO: gp_buf_puts(o, "{\"type\": [\"string\", \"null\"]}"); break;
    case F_FONT_FILES:
        gp_buf_puts(o, "{\"type\": \"array\", \"items\": {\"type\": \"string\"}}");
        break;
    case F_COLOR_LIST: gp_buf_printf(o, "{\"type\": \"array\", \"items\": %s}", color); break;
    case F_STR:
    case F_TEMPLATE:
    case F_FONTREF:
    case F_FAMILY: gp_buf_puts(o, "{\"type\": [\"string\", \"null\"]}"); break;
    default: gp_buf_puts(o, "{}"); break;
    }
}

static void js_map(gp_buf *o, const char *title, const gp_sc_field *f, size_t n)
{
    gp_buf_printf(o,
                  "{\"type\": \"object\", \"title\": \"%s\", \"additionalProperties\": false, "
                  "\"properties\": {",
                  title);
    for (size_t i = 0; i < n; i++) {
        gp_buf_printf(o, "%s\"%s\": ", i ? ", " : "", f[i].key);
        js_kind(o, f[i].kind);
    }
    gp_buf_puts(o, "}}");
}

bool gp_style_json_schema(gp_buf *o)
{
    gp_buf_puts(o, "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", "
                   "\"$id\": \"https://guidepress.invalid/schema/style.schema.json\", "
                   "\"title\": \"guidepress style sheet (format version 1)\", "
                   "\"type\": \"object\", \"required\": [\"style\"], "
                   "\"additionalProperties\": false, \"properties\": {");
    gp_buf_puts(o, "\"style\": {\"const\": 1}, \"extends\": {\"type\": \"string\"}, ");
    gp_buf_puts(o, "\"brand\": ");
    js_map(o, "brand", brand_fields, N(brand_fields));
    gp_buf_puts(o, ", \"page\": {\"type\": \"object\", \"additionalProperties\": false, "
                   "\"properties\": {\"size\": {\"anyOf\": [{\"type\": \"string\"}, "
                   "{\"type\": \"array\", \"minItems\": 2, \"maxItems\": 2}]}, "
                   "\"margin\": {\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"number\"}, "
                   "{\"type\": \"array\", \"minItems\": 1, \"maxItems\": 4}]}}}");
    gp_buf_puts(o, ", \"colors\": {\"type\": \"object\", \"propertyNames\": {\"pattern\": "
                   "\"^[A-Za-z][A-Za-z0-9_-]*$\"}, \"additionalProperties\": {\"type\": "
                   "\"string\", \"pattern\": \"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$\"}}");
    gp_buf_puts(o, ", \"fonts\": {\"type\": \"object\", \"additionalProperties\": false, "
                   "\"properties\": {\"body\": {\"type\": \"string\"}, \"heading\": {\"type\": "
                   "\"string\"}, \"files\": ");
    js_kind(o, F_FONT_FILES);
    gp_buf_puts(o, ", \"system\": {\"type\": \"boolean\"}}}");
    gp_buf_puts(o, ", \"text\": {\"type\": \"object\", \"additionalProperties\": false, "
                   "\"properties\": {");
    for (int r = 0; r < GP_TS__COUNT; r++) {
        gp_buf_printf(o, "%s\"%s\": ", r ? ", " : "", gp_text_role_name((gp_text_role)r));
        js_map(o, gp_text_role_name((gp_text_role)r), text_fields, N(text_fields));
    }
    gp_buf_puts(o, "}}");
    for (size_t i = 0; i < N(comps); i++) {
        gp_buf_printf(o, ", \"%s\": ", comps[i].key);
        js_map(o, comps[i].key, comps[i].f, comps[i].n);
    }
    gp_buf_puts(o, ", \"header\": ");
    js_map(o, "header", running_fields, N(running_fields));
    gp_buf_puts(o, ", \"footer\": ");
    js_map(o, "footer", running_fields, N(running_fields));
    gp_buf_puts(o, ", \"header_gap\": ");
    js_kind(o, F_LEN);
    gp_buf_puts(o, ", \"sections\": {\"type\": \"object\", \"additionalProperties\": false, "
                   "\"properties\": {");
    for (int t = 0; t < GP_SEC__COUNT; t++) {
        gp_buf_printf(o, "%s\"%s\": ", t ? ", " : "", section_names[t]);
        js_map(o, section_names[t], section_fields, N(section_fields));
    }
    gp_buf_puts(o, "}}");
    /* Top-level keys the converter reads by hand and the tables above do
     * not cover (added by later features) are still listed, untyped. */
    for (size_t i = 0; i < N(top_keys); i++) {
        const char *k = top_keys[i];
        bool done = !strcmp(k, "style") || !strcmp(k, "extends") || !strcmp(k, "brand") ||
                    !strcmp(k, "page") || !strcmp(k, "colors") || !strcmp(k, "fonts") ||
                    !strcmp(k, "text") || !strcmp(k, "header") || !strcmp(k, "footer") ||
                    !strcmp(k, "header_gap") || !strcmp(k, "sections");
        for (size_t j = 0; j < N(comps) && !done; j++)
            done = !strcmp(comps[j].key, k);
        if (!done)
            gp_buf_printf(o, ", \"%s\": {}", k);
    }
    gp_buf_puts(o, "}}\n");
    return !o->failed;
}
