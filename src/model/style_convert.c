/* model/style_convert.c - the merged style tree, checked and turned into
 * gp_style.
 *
 * By the time this runs, style_load.c has merged the built-in defaults, the
 * parents and the leaf into one tree whose nodes still carry the file, line
 * and column that wrote them, so every error here points into the right
 * file. The schema is data: each mapping is a table of {key, kind, offset},
 * which gives unknown-key detection (with the nearest known key suggested)
 * and uniform value errors for free. Order matters in one way only: the
 * palette and the font aliases are read first, because everything else
 * refers to them by name. Every error is reported (not just the first);
 * the caller throws the style away if there was any. */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/util.h"
#include "model/style_priv.h"

#define MAX_LENGTH_PT 14400.0 /* 200 in, the largest PDF page side */
#define MIN_TEXT_EXTENT 72.0  /* text area must keep an inch each way */

typedef enum fkind {
    F_LEN,        /* double, >= 0 */
    F_LEN_SIGNED, /* double, any sign (tracking) */
    F_FONT_SIZE,  /* double, limits min_font_pt..max_font_pt */
    F_LEADING,    /* double, > 0 */
    F_COLOR,      /* gp_color */
    F_BOOL,       /* bool */
    F_COLUMNS,    /* int 1..3 */
    F_STR,        /* const char *, NULL for an empty value */
    F_TEMPLATE,   /* const char * with {placeholders} checked */
    F_WEIGHT,     /* int 100..900 */
    F_SLANT,      /* bool italic */
    F_ALIGN,      /* gp_align */
    F_MARKER,     /* gp_marker_shape */
    F_FONTREF,    /* const char *: body/heading alias or a family */
    F_FAMILY,     /* const char *, non-empty */
    F_LOGO,       /* brand logo path */
    F_FONT_FILES, /* fonts.files list */
    F_COLOR_LIST, /* table.chart_colors */
    F_IGNORE      /* handled elsewhere */
} fkind;

typedef struct field {
    const char *key;
    fkind kind;
    size_t off;
} field;

typedef struct conv {
    gp_style_conv *cv;
    gp_style *s;
    const char *font_body, *font_heading;
    const gp_ynode *size_node, *margin_node;
} conv;

/* Diagnostics ------------------------------------------------------------ */

static void errv(conv *c, gp_code code, const gp_ynode *at, const char *path,
                 const char *hint, const char *fmt, va_list ap)
{
    gp_diags_addv(c->cv->diags, code, GP_SEV_ERROR, at ? at->file : NULL,
                  at ? at->line : 0, at ? at->col : 0, path, hint, fmt, ap);
}

static void err(conv *c, gp_code code, const gp_ynode *at, const char *path,
                const char *hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
static void err(conv *c, gp_code code, const gp_ynode *at, const char *path,
                const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    errv(c, code, at, path, hint, fmt, ap);
    va_end(ap);
}

static const char *describe(conv *c, const gp_ynode *n)
{
    const char *d = gp_ynode_describe(c->cv->arena, n);
    return d ? d : "something else";
}

static const char *join_path(conv *c, const char *prefix, const char *key)
{
    if (!prefix || !*prefix)
        return key;
    const char *p = gp_arena_printf(c->cv->arena, "%s.%s", prefix, key);
    return p ? p : key;
}

/* "a, b, c" from a list of names (arena). */
static const char *list_names(conv *c, const char *const *names, size_t n, const char *wrap)
{
    gp_buf b = {0};
    for (size_t i = 0; i < n; i++)
        gp_buf_printf(&b, "%s%s%s%s", i ? ", " : "", wrap, names[i], wrap);
    const char *r = b.data ? gp_arena_strdup(c->cv->arena, b.data) : "";
    gp_buf_free(&b);
    return r ? r : "";
}

static void unknown_key(conv *c, const gp_ynode *key, const char *where,
                        const char *const *names, size_t n, const char *path)
{
    const char *near = gp_suggest(key->str, names, n);
    const char *hint = gp_arena_printf(c->cv->arena, "known keys here: %s",
                                       list_names(c, names, n, ""));
    if (near)
        err(c, GP_ERR_UNKNOWN_KEY, key, path, hint,
            "unknown key `%s` in %s; did you mean `%s`?", key->str, where, near);
    else
        err(c, GP_ERR_UNKNOWN_KEY, key, path, hint, "unknown key `%s` in %s", key->str, where);
}

static const char *where_name(conv *c, const char *path)
{
    if (!path || !*path)
        return "style";
    const char *w = gp_arena_printf(c->cv->arena, "`%s`", path);
    return w ? w : path;
}

static bool want_map(conv *c, const gp_ynode *n, const char *path)
{
    if (n && n->kind == GP_Y_MAP)
        return true;
    err(c, GP_ERR_TYPE, n, path, NULL, "expected a mapping for `%s`, found %s", path,
        describe(c, n));
    return false;
}

/* Scalars ---------------------------------------------------------------- */

static bool want_scalar(conv *c, const gp_ynode *v, const char *path, const char *what)
{
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v))
        return true;
    err(c, GP_ERR_TYPE, v, path, NULL, "expected %s, found %s", what, describe(c, v));
    return false;
}

static bool get_length(conv *c, const gp_ynode *v, const char *path, double *out)
{
    const char *what = "a length like 12pt or 5mm";
    if (!want_scalar(c, v, path, what))
        return false;
    bool bad_unit = false;
    if (!gp_style_parse_length(v->str, out, &bad_unit)) {
        if (bad_unit)
            err(c, GP_ERR_VALUE, v, path, "units are pt, mm, cm and in; a bare number is points",
                "expected %s, found `%s` (unknown unit)", what, v->str);
        else
            err(c, GP_ERR_TYPE, v, path, NULL, "expected %s, found %s", what, describe(c, v));
        return false;
    }
    if (*out > MAX_LENGTH_PT || *out < -MAX_LENGTH_PT) {
        err(c, GP_ERR_VALUE, v, path, NULL, "length `%s` is too large (at most 200in)", v->str);
        return false;
    }
    return true;
}

static bool palette_find(const gp_style *s, const char *name, gp_color *out)
{
    return gp_style_color(s, name, out);
}

static bool get_color(conv *c, const gp_ynode *v, const char *path, gp_color *out)
{
    const char *what = "a colour (a palette name, \"#rrggbb\", \"#rgb\" or none)";
    if (!v || v->kind != GP_Y_SCALAR || gp_ynode_is_null(v)) {
        err(c, GP_ERR_TYPE, v, path,
            gp_ynode_is_null(v) ? "an unquoted # starts a YAML comment: write \"#1f2a37\"" : NULL,
            "expected %s, found %s", what, describe(c, v));
        return false;
    }
    if (strcmp(v->str, "none") == 0) {
        memset(out, 0, sizeof *out);
        out->none = true;
        return true;
    }
    if (v->str[0] == '#') {
        if (gp_style_parse_hex(v->str, out))
            return true;
        err(c, GP_ERR_VALUE, v, path, NULL,
            "bad colour `%s`: expected #rrggbb or #rgb with hex digits 0-9 and a-f", v->str);
        return false;
    }
    if (palette_find(c->s, v->str, out))
        return true;
    const char *near = gp_suggest(v->str, c->s->color_names, c->s->n_colors);
    const char *hint = gp_arena_printf(c->cv->arena, "the palette has: %s",
                                       list_names(c, c->s->color_names, c->s->n_colors, ""));
    if (near)
        err(c, GP_ERR_VALUE, v, path, hint, "unknown colour `%s`; did you mean `%s`?", v->str,
            near);
    else
        err(c, GP_ERR_VALUE, v, path, hint, "unknown colour `%s`", v->str);
    return false;
}

static bool get_bool(conv *c, const gp_ynode *v, const char *path, bool *out)
{
    if (gp_ynode_bool(v, out))
        return true;
    err(c, GP_ERR_TYPE, v, path, NULL, "expected true or false, found %s", describe(c, v));
    return false;
}

static bool get_enum(conv *c, const gp_ynode *v, const char *path,
                     const char *const *names, size_t n, int *out)
{
    const char *opts = list_names(c, names, n, "");
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v)) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(v->str, names[i]) == 0) {
                *out = (int)i;
                return true;
            }
        const char *near = gp_suggest(v->str, names, n);
        if (near) {
            err(c, GP_ERR_VALUE, v, path, NULL, "expected one of %s, found `%s`; did you mean `%s`?",
                opts, v->str, near);
            return false;
        }
    }
    err(c, GP_ERR_VALUE, v, path, NULL, "expected one of %s, found %s", opts, describe(c, v));
    return false;
}

static const char *const placeholders[] = {"title", "from",  "to",           "page",       "pages",
                                           "brand", "date", "prepared_for", "prepared_by"};
#define N_PLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

static bool check_template(conv *c, const gp_ynode *v, const char *path)
{
    bool ok = true;
    for (const char *p = v->str; (p = strchr(p, '{')) != NULL; p++) {
        const char *q = p + 1;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_')
            q++;
        if (*q != '}' || q == p + 1)
            continue; /* a literal brace */
        char name[64];
        size_t len = (size_t)(q - p - 1);
        if (len >= sizeof name)
            len = sizeof name - 1;
        memcpy(name, p + 1, len);
        name[len] = '\0';
        bool known = false;
        for (size_t i = 0; i < N_PLACEHOLDERS; i++)
            known |= strcmp(name, placeholders[i]) == 0;
        if (known)
            continue;
        const char *near = gp_suggest(name, placeholders, N_PLACEHOLDERS);
        const char *hint = gp_arena_printf(c->cv->arena, "placeholders: %s",
                                           list_names(c, placeholders, N_PLACEHOLDERS, ""));
        if (near)
            err(c, GP_ERR_VALUE, v, path, hint, "unknown placeholder `{%s}`; did you mean `{%s}`?",
                name, near);
        else
            err(c, GP_ERR_VALUE, v, path, hint, "unknown placeholder `{%s}`", name);
        ok = false;
    }
    return ok;
}

/* Paths ------------------------------------------------------------------ */

/* The folder that the file which wrote node n lives in. */
static const char *node_dir(conv *c, const gp_ynode *n)
{
    for (size_t i = 0; i < c->cv->n_srcs; i++)
        if (c->cv->srcs[i].file == n->file)
            return c->cv->srcs[i].dir;
    for (size_t i = 0; i < c->cv->n_srcs; i++)
        if (n->file && strcmp(c->cv->srcs[i].file, n->file) == 0)
            return c->cv->srcs[i].dir;
    return ".";
}

/* Resolves a relative path against the folder of the file that wrote it;
 * returns an absolute path (arena), canonical when the file exists. */
static const char *resolve_path(conv *c, const gp_ynode *n)
{
    char *joined = gp_path_join(node_dir(c, n), n->str);
    if (!joined)
        return NULL;
    if (joined[0] != '/') {
        char cwd[4096];
        if (getcwd(cwd, sizeof cwd)) {
            char *abs = gp_path_join(cwd, joined);
            gp_free(joined);
            joined = abs;
            if (!joined)
                return NULL;
        }
    }
    const char *out;
    char *rp = realpath(joined, NULL);
    if (rp) {
        out = gp_arena_strdup(c->cv->arena, rp);
        free(rp); /* realpath allocates with malloc */
    } else {
        out = gp_arena_strdup(c->cv->arena, joined);
    }
    gp_free(joined);
    return out;
}

static bool has_suffix_nocase(const char *s, const char *suf)
{
    size_t ls = strlen(s), lf = strlen(suf);
    if (lf > ls)
        return false;
    for (size_t i = 0; i < lf; i++) {
        char a = s[ls - lf + i], b = suf[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

#define PATH_HINT "paths are relative to the folder of the style file that names them"

/* Checks that path names a readable regular file; reports at `at`. */
static bool check_file(conv *c, gp_code code, const gp_ynode *at, const char *path,
                       const char *what, const char *abs, struct stat *st)
{
    if (stat(abs, st) != 0) {
        err(c, code, at, path, PATH_HINT, "%s not found: %s", what, abs);
        return false;
    }
    if (!S_ISREG(st->st_mode)) {
        err(c, code, at, path, NULL, "%s is not a file: %s", what, abs);
        return false;
    }
    if (access(abs, R_OK) != 0) {
        err(c, code, at, path, NULL, "%s cannot be read: %s", what, abs);
        return false;
    }
    return true;
}

static void conv_logo(conv *c, const gp_ynode *key, const gp_ynode *v, const char *path)
{
    gp_style *s = c->s;
    s->brand_logo = NULL;
    s->brand_logo_pos = (gp_pos){key->file, key->line, key->col};
    if (gp_ynode_is_null(v) || (v->kind == GP_Y_SCALAR && strcmp(v->str, "none") == 0))
        return;
    if (!want_scalar(c, v, path, "a file name like logo.svg"))
        return;
    const char *abs = resolve_path(c, v);
    if (!abs)
        return;
    struct stat st;
    if (!check_file(c, GP_ERR_IMAGE, key, path, "logo file", abs, &st))
        return;
    if (!has_suffix_nocase(abs, ".png") && !has_suffix_nocase(abs, ".svg")) {
        err(c, GP_ERR_IMAGE, v, path, NULL, "the logo must be a PNG or SVG file, found `%s`",
            v->str);
        return;
    }
    if ((size_t)st.st_size > c->cv->lim->max_image_bytes) {
        err(c, GP_ERR_LIMIT, v, path, NULL, "logo file is larger than the %zu byte limit: %s",
            c->cv->lim->max_image_bytes, abs);
        return;
    }
    s->brand_logo = abs;
}

static bool is_font_file(const char *abs)
{
    unsigned char m[4] = {0};
    FILE *f = fopen(abs, "rb");
    if (!f)
        return false;
    size_t n = fread(m, 1, 4, f);
    fclose(f);
    if (n != 4)
        return false;
    return (m[0] == 0 && m[1] == 1 && m[2] == 0 && m[3] == 0) || !memcmp(m, "OTTO", 4) ||
           !memcmp(m, "true", 4) || !memcmp(m, "ttcf", 4);
}

static void conv_font_files(conv *c, const gp_ynode *v, const char *path)
{
    gp_style *s = c->s;
    s->font_files = NULL;
    s->n_font_files = 0;
    if (gp_ynode_is_null(v))
        return;
    if (v->kind != GP_Y_SEQ) {
        err(c, GP_ERR_TYPE, v, path, "write `files: [fonts/Brand-Regular.ttf]`",
            "expected a list of font files, found %s", describe(c, v));
        return;
    }
    s->font_files = gp_arena_alloc(c->cv->arena, (v->n_items + 1) * sizeof *s->font_files);
    if (!s->font_files)
        return;
    for (size_t i = 0; i < v->n_items; i++) {
        const gp_ynode *it = v->items[i];
        const char *ipath = gp_arena_printf(c->cv->arena, "%s[%zu]", path, i);
        if (!want_scalar(c, it, ipath, "a font file name like fonts/Brand.ttf"))
            continue;
        const char *abs = resolve_path(c, it);
        struct stat st;
        if (!abs || !check_file(c, GP_ERR_FONT, it, ipath, "font file", abs, &st))
            continue;
        if (!is_font_file(abs)) {
            err(c, GP_ERR_FONT, it, ipath, NULL, "not a TrueType or OpenType font file: %s", abs);
            continue;
        }
        s->font_files[s->n_font_files++] = (gp_font_file){abs, {it->file, it->line, it->col}};
    }
}

static void conv_color_list(conv *c, const gp_ynode *v, const char *path)
{
    gp_style *s = c->s;
    if (!v || v->kind != GP_Y_SEQ || v->n_items == 0) {
        err(c, GP_ERR_TYPE, v, path, NULL, "expected a list of one or more colours, found %s",
            describe(c, v));
        return;
    }
    gp_color *cols = gp_arena_alloc(c->cv->arena, v->n_items * sizeof *cols);
    if (!cols)
        return;
    size_t n = 0;
    for (size_t i = 0; i < v->n_items; i++) {
        const char *ipath = gp_arena_printf(c->cv->arena, "%s[%zu]", path, i);
        if (get_color(c, v->items[i], ipath, &cols[n]))
            n++;
    }
    s->table.chart_colors = cols;
    s->table.n_chart_colors = n;
}

/* Values by kind --------------------------------------------------------- */

static const char *const align_names[] = {"left", "justify", "center", "right"};
static const char *const marker_names[] = {"circle", "square", "none"};
static const char *const slant_names[] = {"normal", "italic"};

static void conv_value(conv *c, const field *f, const gp_ynode *key, const gp_ynode *v,
                       const char *path, void *dst)
{
    const gp_limits *lim = c->cv->lim;
    double d;
    int i;
    switch (f->kind) {
    case F_LEN:
        if (get_length(c, v, path, &d)) {
            if (d < 0)
                err(c, GP_ERR_VALUE, v, path, NULL, "expected a length of 0 or more, found `%s`",
                    v->str);
            else
                *(double *)dst = d;
        }
        break;
    case F_LEN_SIGNED:
        if (get_length(c, v, path, &d))
            *(double *)dst = d;
        break;
    case F_FONT_SIZE:
        if (get_length(c, v, path, &d)) {
            if (d < lim->min_font_pt || d > lim->max_font_pt)
                err(c, GP_ERR_LIMIT, v, path, NULL,
                    "font size %gpt is outside the allowed %gpt to %gpt", d, lim->min_font_pt,
                    lim->max_font_pt);
            else
                *(double *)dst = d;
        }
        break;
    case F_LEADING:
        if (get_length(c, v, path, &d)) {
            if (d <= 0 || d > 3 * lim->max_font_pt)
                err(c, GP_ERR_VALUE, v, path, NULL,
                    "leading %gpt is outside the allowed range (more than 0, at most %gpt)", d,
                    3 * lim->max_font_pt);
            else
                *(double *)dst = d;
        }
        break;
    case F_COLOR:
        get_color(c, v, path, (gp_color *)dst);
        break;
    case F_BOOL:
        get_bool(c, v, path, (bool *)dst);
        break;
    case F_COLUMNS: {
        double n;
        if (gp_ynode_number(v, &n) && n >= 1 && n <= 3 && n == (int)n)
            *(int *)dst = (int)n;
        else
            err(c, GP_ERR_VALUE, v, path, NULL, "expected a number of columns from 1 to 3, found %s",
                describe(c, v));
        break;
    }
    case F_STR:
    case F_TEMPLATE:
        if (gp_ynode_is_null(v)) {
            *(const char **)dst = NULL;
        } else if (v->kind != GP_Y_SCALAR) {
            err(c, GP_ERR_TYPE, v, path, NULL, "expected text, found %s", describe(c, v));
        } else if (f->kind == F_STR || check_template(c, v, path)) {
            *(const char **)dst = v->str;
        }
        break;
    case F_WEIGHT:
        if (v && v->kind == GP_Y_SCALAR && gp_style_parse_weight(v->str, &i))
            *(int *)dst = i;
        else
            err(c, GP_ERR_VALUE, v, path, NULL,
                "expected a weight (regular, medium, semibold, bold, or 100 to 900), found %s",
                describe(c, v));
        break;
    case F_SLANT:
        if (get_enum(c, v, path, slant_names, 2, &i))
            *(bool *)dst = i == 1;
        break;
    case F_ALIGN:
        if (get_enum(c, v, path, align_names, 4, &i))
            *(gp_align *)dst = (gp_align)i;
        break;
    case F_MARKER:
        if (get_enum(c, v, path, marker_names, 3, &i))
            *(gp_marker_shape *)dst = (gp_marker_shape)i;
        break;
    case F_FONTREF:
        if (want_scalar(c, v, path, "`body`, `heading` or a font family name")) {
            if (strcmp(v->str, "body") == 0)
                *(const char **)dst = c->font_body;
            else if (strcmp(v->str, "heading") == 0)
                *(const char **)dst = c->font_heading;
            else
                *(const char **)dst = v->str;
        }
        break;
    case F_FAMILY:
        if (want_scalar(c, v, path, "a font family name like Noto Sans"))
            *(const char **)dst = v->str;
        break;
    case F_LOGO:
        conv_logo(c, key, v, path);
        break;
    case F_FONT_FILES:
        conv_font_files(c, v, path);
        break;
    case F_COLOR_LIST:
        conv_color_list(c, v, path);
        break;
    case F_IGNORE:
        break;
    }
}

#define MAX_FIELDS 24

/* Converts a mapping described by a field table into base. */
static void conv_fields(conv *c, const gp_ynode *map, const char *path, const field *f,
                        size_t nf, void *base)
{
    if (!want_map(c, map, path))
        return;
    const char *names[MAX_FIELDS];
    for (size_t i = 0; i < nf && i < MAX_FIELDS; i++)
        names[i] = f[i].key;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *key = map->pairs[p].key;
        const char *kpath = join_path(c, path, key->str);
        size_t i = 0;
        while (i < nf && strcmp(f[i].key, key->str) != 0)
            i++;
        if (i == nf) {
            unknown_key(c, key, where_name(c, path), names, nf, kpath);
            continue;
        }
        conv_value(c, &f[i], key, map->pairs[p].value, kpath, (char *)base + f[i].off);
    }
}

/* Schema ----------------------------------------------------------------- */

#define S(member) offsetof(gp_style, member)
#define BOX(comp)                                                                          \
    {"background", F_COLOR, S(comp.box.background)}, {"border", F_COLOR, S(comp.box.border)}, \
        {"border_width", F_LEN, S(comp.box.border_width)},                                  \
        {"radius", F_LEN, S(comp.box.radius)}, {"padding", F_LEN, S(comp.box.padding)}
#define N(tab) (sizeof tab / sizeof tab[0])

static const field brand_fields[] = {
    {"name", F_STR, S(brand_name)},         {"logo", F_LOGO, 0},
    {"logo_width", F_LEN, S(logo_width)},   {"logo_alt", F_STR, S(logo_alt)},
    {"website", F_STR, S(brand_website)},   {"contact", F_STR, S(brand_contact)},
};

static const field cover_fields[] = {
    BOX(cover), {"logo", F_BOOL, S(cover.show_logo)}, {"rule", F_COLOR, S(cover.rule)}};

static const field stats_fields[] = {BOX(stats), {"divider", F_COLOR, S(stats.divider)}};

static const field cards_fields[] = {
    BOX(cards),
    {"columns", F_COLUMNS, S(cards.columns)},
    {"gap", F_LEN, S(cards.gap)},
    {"accent", F_COLOR, S(cards.accent)},
    {"direct", F_COLOR, S(cards.direct)},
    {"divider", F_COLOR, S(cards.divider)},
};

static const field timeline_fields[] = {
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

static const field table_fields[] = {
    {"header_background", F_COLOR, S(table.header_background)},
    {"header_color", F_COLOR, S(table.header_color)},
    {"zebra", F_COLOR, S(table.zebra)},
    {"rule", F_COLOR, S(table.rule)},
    {"cell_padding", F_LEN, S(table.cell_padding)},
    {"chart", F_BOOL, S(table.chart)},
    {"chart_colors", F_COLOR_LIST, 0},
    {"chart_bar_height", F_LEN, S(table.chart_bar_height)},
};

static const field compare_fields[] = {BOX(compare),
                                       {"min_width", F_LEN, S(compare.min_width)}};

static const field faq_fields[] = {{"rule", F_COLOR, S(faq.rule)},
                                   {"marker", F_COLOR, S(faq.marker)}};

static const field cta_fields[] = {BOX(cta),
                                   {"link_background", F_COLOR, S(cta.link_background)},
                                   {"link_color", F_COLOR, S(cta.link_color)}};

static const field list_fields[] = {{"bullet", F_COLOR, S(list.bullet)},
                                    {"indent", F_LEN, S(list.indent)}};

#define T(member) offsetof(gp_text_style, member)
static const field text_fields[] = {
    {"font", F_FONTREF, T(family)},
    {"size", F_FONT_SIZE, T(size)},
    {"weight", F_WEIGHT, T(weight)},
    {"style", F_SLANT, T(italic)},
    {"color", F_COLOR, T(color)},
    {"leading", F_LEADING, T(leading)},
    {"align", F_ALIGN, T(align)},
    {"space_before", F_LEN, T(space_before)},
    {"space_after", F_LEN, T(space_after)},
    {"hyphenate", F_BOOL, T(hyphenate)},
    {"uppercase", F_BOOL, T(uppercase)},
    {"tracking", F_LEN_SIGNED, T(tracking)},
};

#define R(member) offsetof(gp_running, member)
static const field running_fields[] = {
    {"left", F_TEMPLATE, R(left)},        {"center", F_TEMPLATE, R(center)},
    {"right", F_TEMPLATE, R(right)},      {"first_page", F_BOOL, R(first_page)},
    {"rule", F_COLOR, R(rule)},
};

#define SEC(member) offsetof(gp_section_style, member)
static const field section_fields[] = {
    {"hide", F_BOOL, SEC(hide)},
    {"new_page", F_BOOL, SEC(new_page)},
    {"columns", F_COLUMNS, SEC(columns)},
};

/* In gp_section_type order (guide.h); the style sheet's `sections:` keys. */
static const char *const section_names[GP_SEC__COUNT] = {
    "prose", "skills", "gaps", "timeline", "salary", "compare", "list", "faq", "cta"};

static const char *const top_keys[] = {
    "style", "extends", "brand",   "page", "colors", "fonts",  "text",
    "cover", "stats",   "cards",   "timeline", "table", "compare", "faq",
    "cta",   "list",    "header",  "footer", "header_gap", "sections"};

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

static void conv_colors(conv *c, const gp_ynode *map)
{
    gp_style *s = c->s;
    if (!want_map(c, map, "colors"))
        return;
    size_t n = map->n_pairs;
    s->color_names = gp_arena_alloc(c->cv->arena, (n + 1) * sizeof *s->color_names);
    s->colors = gp_arena_alloc(c->cv->arena, (n + 1) * sizeof *s->colors);
    if (!s->color_names || !s->colors)
        return;
    for (size_t i = 0; i < n; i++) {
        const gp_ynode *k = map->pairs[i].key, *v = map->pairs[i].value;
        const char *path = join_path(c, "colors", k->str);
        if (!valid_color_name(k->str) || strcmp(k->str, "none") == 0) {
            err(c, GP_ERR_VALUE, k, path, NULL,
                "bad colour name `%s`: use letters, digits, `_` and `-`, starting with a letter "
                "(and not `none`)",
                k->str);
            continue;
        }
        gp_color col;
        if (v && v->kind == GP_Y_SCALAR && gp_style_parse_hex(v->str, &col)) {
            s->color_names[s->n_colors] = k->str;
            s->colors[s->n_colors++] = col;
        } else {
            err(c, GP_ERR_VALUE, v, path,
                gp_ynode_is_null(v) ? "an unquoted # starts a YAML comment: write \"#1f2a37\""
                                    : NULL,
                "expected a colour like \"#0f5c6e\" or \"#fff\", found %s", describe(c, v));
        }
    }
}

static void conv_fonts(conv *c, const gp_ynode *map)
{
    static const char *const names[] = {"body", "heading", "files", "system"};
    if (!want_map(c, map, "fonts"))
        return;
    static const field fam = {"", F_FAMILY, 0};
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key, *v = map->pairs[p].value;
        const char *path = join_path(c, "fonts", k->str);
        if (strcmp(k->str, "body") == 0)
            conv_value(c, &fam, k, v, path, &c->font_body);
        else if (strcmp(k->str, "heading") == 0)
            conv_value(c, &fam, k, v, path, &c->font_heading);
        else if (strcmp(k->str, "files") == 0)
            conv_font_files(c, v, path);
        else if (strcmp(k->str, "system") == 0)
            get_bool(c, v, path, &c->s->system_fonts);
        else
            unknown_key(c, k, "`fonts`", names, N(names), path);
    }
}

static void conv_page_size(conv *c, const gp_ynode *v)
{
    gp_style *s = c->s;
    const char *path = "page.size";
    c->size_node = v;
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v)) {
        if (!gp_style_page_size(v->str, &s->page_width, &s->page_height, &s->page_size_name))
            err(c, GP_ERR_VALUE, v, path, "or give the size as [width, height], e.g. [210mm, 297mm]",
                "unknown page size `%s`; expected A4, A5, Letter or Legal", v->str);
        return;
    }
    if (v && v->kind == GP_Y_SEQ && v->n_items == 2) {
        double wh[2];
        bool ok = true;
        for (int i = 0; i < 2; i++) {
            const char *ipath = i ? "page.size[1]" : "page.size[0]";
            if (!get_length(c, v->items[i], ipath, &wh[i])) {
                ok = false;
            } else if (wh[i] < MIN_TEXT_EXTENT) {
                err(c, GP_ERR_VALUE, v->items[i], ipath, NULL,
                    "page %s %gpt is too small (at least 72pt, one inch)", i ? "height" : "width",
                    wh[i]);
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
    err(c, GP_ERR_TYPE, v, path, NULL,
        "expected a page size (A4, A5, Letter, Legal or [width, height]), found %s",
        describe(c, v));
}

static void conv_margin(conv *c, const gp_ynode *v)
{
    const char *path = "page.margin";
    const char *what = "1 to 4 lengths like 20mm or \"22mm 20mm\" (top right bottom left)";
    double vals[4], out[4];
    int n = 0;
    c->margin_node = v;
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v)) {
        n = gp_style_parse_margin(v->str, vals);
        if (n == -1) {
            err(c, GP_ERR_VALUE, v, path, NULL, "expected %s, found more than 4 values", what);
            return;
        }
        if (n == 0) {
            bool bad_unit = false;
            double dummy;
            gp_style_parse_length(v->str, &dummy, &bad_unit);
            err(c, GP_ERR_VALUE, v, path, "units are pt, mm, cm and in; a bare number is points",
                "expected a length like 12pt or 5mm (or %s), found %s", what, describe(c, v));
            return;
        }
    } else if (v && v->kind == GP_Y_SEQ && v->n_items >= 1 && v->n_items <= 4) {
        for (size_t i = 0; i < v->n_items; i++) {
            const char *ipath = gp_arena_printf(c->cv->arena, "page.margin[%zu]", i);
            if (!get_length(c, v->items[i], ipath, &vals[i]))
                return;
        }
        n = (int)v->n_items;
    } else {
        err(c, GP_ERR_TYPE, v, path, NULL, "expected %s, found %s", what, describe(c, v));
        return;
    }
    for (int i = 0; i < n; i++)
        if (vals[i] < 0) {
            err(c, GP_ERR_VALUE, v, path, NULL, "margins cannot be negative");
            return;
        }
    gp_style_css_sides(vals, n, out);
    c->s->margin_top = out[0];
    c->s->margin_right = out[1];
    c->s->margin_bottom = out[2];
    c->s->margin_left = out[3];
}

static void conv_page(conv *c, const gp_ynode *map)
{
    static const char *const names[] = {"size", "margin"};
    if (!want_map(c, map, "page"))
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
            unknown_key(c, k, "`page`", names, N(names), join_path(c, "page", k->str));
    }
}

static bool is_builtin(const gp_ynode *n)
{
    return !n || !n->file || strcmp(n->file, GP_STYLE_BUILTIN_FILE) == 0;
}

/* The margins must leave room for text. Points at the margin when a style
 * file wrote it, else at the page size. */
static void check_text_area(conv *c)
{
    const gp_style *s = c->s;
    const gp_ynode *at = !is_builtin(c->margin_node) ? c->margin_node : c->size_node;
    if (!at || s->page_width <= 0 || s->page_height <= 0)
        return;
    double w = s->page_width - s->margin_left - s->margin_right;
    double h = s->page_height - s->margin_top - s->margin_bottom;
    if (w < MIN_TEXT_EXTENT)
        err(c, GP_ERR_LAYOUT, at, "page.margin", "the text area must be at least 72pt (1in) wide",
            "margins leave %.0fpt of the %.0fpt page width", w < 0 ? 0 : w, s->page_width);
    if (h < MIN_TEXT_EXTENT)
        err(c, GP_ERR_LAYOUT, at, "page.margin", "the text area must be at least 72pt (1in) high",
            "margins leave %.0fpt of the %.0fpt page height", h < 0 ? 0 : h, s->page_height);
}

static void conv_text(conv *c, const gp_ynode *map)
{
    const char *names[GP_TS__COUNT];
    for (int r = 0; r < GP_TS__COUNT; r++)
        names[r] = gp_text_role_name((gp_text_role)r);
    if (!want_map(c, map, "text"))
        return;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key, *v = map->pairs[p].value;
        const char *path = join_path(c, "text", k->str);
        int r = 0;
        while (r < GP_TS__COUNT && strcmp(names[r], k->str) != 0)
            r++;
        if (r == GP_TS__COUNT) {
            const char *near = gp_suggest(k->str, names, GP_TS__COUNT);
            const char *hint = gp_arena_printf(c->cv->arena, "text styles: %s",
                                               list_names(c, names, GP_TS__COUNT, ""));
            if (near)
                err(c, GP_ERR_UNKNOWN_KEY, k, path, hint,
                    "unknown text style `%s`; did you mean `%s`?", k->str, near);
            else
                err(c, GP_ERR_UNKNOWN_KEY, k, path, hint, "unknown text style `%s`", k->str);
            continue;
        }
        gp_text_style *ts = &c->s->text[r];
        conv_fields(c, v, path, text_fields, N(text_fields), ts);
        ts->pos = (gp_pos){v->file, v->line, v->col};
    }
}

static void conv_sections(conv *c, const gp_ynode *map)
{
    if (!want_map(c, map, "sections"))
        return;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *k = map->pairs[p].key, *v = map->pairs[p].value;
        const char *path = join_path(c, "sections", k->str);
        int t = 0;
        while (t < GP_SEC__COUNT && strcmp(section_names[t], k->str) != 0)
            t++;
        if (t == GP_SEC__COUNT) {
            const char *near = gp_suggest(k->str, section_names, GP_SEC__COUNT);
            const char *hint = gp_arena_printf(c->cv->arena, "section types: %s",
                                               list_names(c, section_names, GP_SEC__COUNT, ""));
            if (near)
                err(c, GP_ERR_UNKNOWN_KEY, k, path, hint,
                    "unknown section type `%s`; did you mean `%s`?", k->str, near);
            else
                err(c, GP_ERR_UNKNOWN_KEY, k, path, hint, "unknown section type `%s`", k->str);
            continue;
        }
        conv_fields(c, v, path, section_fields, N(section_fields), &c->s->sections[t]);
    }
}

/* The whole tree --------------------------------------------------------- */

bool gp_style_convert(gp_style_conv *cv, const gp_ynode *root)
{
    conv c = {.cv = cv, .s = cv->style, .font_body = "Noto Sans", .font_heading = "Noto Sans"};
    gp_style *s = cv->style;
    size_t errors_before = gp_diags_errors(cv->diags);

    if (!want_map(&c, root, ""))
        return false;
    for (size_t p = 0; p < root->n_pairs; p++) {
        const gp_ynode *k = root->pairs[p].key;
        size_t i = 0;
        while (i < N(top_keys) && strcmp(top_keys[i], k->str) != 0)
            i++;
        if (i == N(top_keys))
            unknown_key(&c, k, "style", top_keys, N(top_keys), k->str);
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
        conv_fields(&c, n, "brand", brand_fields, N(brand_fields), s);
    if ((n = gp_ymap_get(root, "page")))
        conv_page(&c, n);
    if ((n = gp_ymap_get(root, "text")))
        conv_text(&c, n);

    static const struct {
        const char *key;
        const field *f;
        size_t n;
    } comps[] = {{"cover", cover_fields, N(cover_fields)},
                 {"stats", stats_fields, N(stats_fields)},
                 {"cards", cards_fields, N(cards_fields)},
                 {"timeline", timeline_fields, N(timeline_fields)},
                 {"table", table_fields, N(table_fields)},
                 {"compare", compare_fields, N(compare_fields)},
                 {"faq", faq_fields, N(faq_fields)},
                 {"cta", cta_fields, N(cta_fields)},
                 {"list", list_fields, N(list_fields)}};
    for (size_t i = 0; i < N(comps); i++)
        if ((n = gp_ymap_get(root, comps[i].key)))
            conv_fields(&c, n, comps[i].key, comps[i].f, comps[i].n, s);
    if ((n = gp_ymap_get(root, "header")))
        conv_fields(&c, n, "header", running_fields, N(running_fields), &s->header);
    if ((n = gp_ymap_get(root, "footer")))
        conv_fields(&c, n, "footer", running_fields, N(running_fields), &s->footer);
    if ((n = gp_ymap_get(root, "header_gap"))) {
        static const field gap = {"header_gap", F_LEN, 0};
        conv_value(&c, &gap, NULL, n, "header_gap", &s->header_gap);
    }
    if ((n = gp_ymap_get(root, "sections")))
        conv_sections(&c, n);

    /* Derived values. */
    for (int t = 0; t < GP_SEC__COUNT; t++)
        if (s->sections[t].columns == 0)
            s->sections[t].columns =
                (t == GP_SEC_SKILLS || t == GP_SEC_GAPS) && s->cards.columns ? s->cards.columns : 1;
    if (!s->logo_alt)
        s->logo_alt = s->brand_name;
    check_text_area(&c);

    return gp_diags_errors(cv->diags) == errors_before;
}
