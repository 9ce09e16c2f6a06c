/* model/style_convert.c - reading single values out of the merged tree.
 *
 * By the time the converter runs, style_load.c has merged the built-in
 * defaults, the parents and the leaf into one tree whose nodes still carry
 * the file, line and column that wrote them, so every error reported here
 * points into the right file. This file knows how to read one value of each
 * kind (length, colour, weight, enum, template text, logo and font paths)
 * and how to walk a mapping with a field table from style_schema.c; it
 * knows no key names. Every error is reported, not just the first; the
 * loader throws the style away if there was any. */
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
#include "model/style_conv.h"

#define MAX_LENGTH_PT 14400.0 /* 200 in, the largest PDF page side */

/* Diagnostics ------------------------------------------------------------ */

static void gp_sc_errv(gp_sc *c, gp_code code, const gp_ynode *at, const char *path,
                       const char *hint, const char *fmt, va_list ap)
{
    gp_diags_addv(c->cv->diags, code, GP_SEV_ERROR, at ? at->file : NULL, at ? at->line : 0,
                  at ? at->col : 0, path, hint, fmt, ap);
}

void gp_sc_err(gp_sc *c, gp_code code, const gp_ynode *at, const char *path, const char *hint,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gp_sc_errv(c, code, at, path, hint, fmt, ap);
    va_end(ap);
}

void gp_sc_nomem(gp_sc *c)
{
    if (c->nomem)
        return;
    c->nomem = true;
    gp_diags_add(c->cv->diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                 "out of memory while loading a style");
}

const char *gp_sc_describe(gp_sc *c, const gp_ynode *n)
{
    const char *d = gp_ynode_describe(c->cv->arena, n);
    return d ? d : "something else";
}

const char *gp_sc_path(gp_sc *c, const char *prefix, const char *key)
{
    if (!prefix || !*prefix)
        return key;
    const char *p = gp_arena_printf(c->cv->arena, "%s.%s", prefix, key);
    return p ? p : key;
}

/* "a, b, c" from a list of names (arena). */
const char *gp_sc_list(gp_sc *c, const char *const *names, size_t n, const char *wrap)
{
    gp_buf b = {0};
    for (size_t i = 0; i < n; i++)
        gp_buf_printf(&b, "%s%s%s%s", i ? ", " : "", wrap, names[i], wrap);
    const char *r = b.data ? gp_arena_strdup(c->cv->arena, b.data) : "";
    gp_buf_free(&b);
    return r ? r : "";
}

void gp_sc_unknown_key(gp_sc *c, const gp_ynode *key, const char *where, const char *const *names,
                       size_t n, const char *path)
{
    const char *near = gp_suggest(key->str, names, n);
    const char *hint =
        gp_arena_printf(c->cv->arena, "known keys here: %s", gp_sc_list(c, names, n, ""));
    if (near)
        gp_sc_err(c, GP_ERR_UNKNOWN_KEY, key, path, hint,
                  "unknown key `%s` in %s; did you mean `%s`?", key->str, where, near);
    else
        gp_sc_err(c, GP_ERR_UNKNOWN_KEY, key, path, hint, "unknown key `%s` in %s", key->str,
                  where);
}

const char *gp_sc_where(gp_sc *c, const char *path)
{
    if (!path || !*path)
        return "style";
    const char *w = gp_arena_printf(c->cv->arena, "`%s`", path);
    return w ? w : path;
}

bool gp_sc_want_map(gp_sc *c, const gp_ynode *n, const char *path)
{
    if (n && n->kind == GP_Y_MAP)
        return true;
    gp_sc_err(c, GP_ERR_TYPE, n, path, NULL, "expected a mapping for `%s`, found %s", path,
              gp_sc_describe(c, n));
    return false;
}

/* Scalars ---------------------------------------------------------------- */

bool gp_sc_want_scalar(gp_sc *c, const gp_ynode *v, const char *path, const char *what)
{
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v))
        return true;
    gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected %s, found %s", what, gp_sc_describe(c, v));
    return false;
}

bool gp_sc_length(gp_sc *c, const gp_ynode *v, const char *path, double *out)
{
    const char *what = "a length like 12pt or 5mm";
    if (!gp_sc_want_scalar(c, v, path, what))
        return false;
    bool bad_unit = false;
    if (!gp_style_parse_length(v->str, out, &bad_unit)) {
        if (bad_unit)
            gp_sc_err(c, GP_ERR_VALUE, v, path,
                      "units are pt, mm, cm and in; a bare number is points",
                      "expected %s, found `%s` (unknown unit)", what, v->str);
        else
            gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected %s, found %s", what,
                      gp_sc_describe(c, v));
        return false;
    }
    if (*out > MAX_LENGTH_PT || *out < -MAX_LENGTH_PT) {
        gp_sc_err(c, GP_ERR_VALUE, v, path, NULL, "length `%s` is too large (at most 200in)",
                  v->str);
        return false;
    }
    return true;
}

static bool palette_find(const gp_style *s, const char *name, gp_color *out)
{
    return gp_style_color(s, name, out);
}

bool gp_sc_color(gp_sc *c, const gp_ynode *v, const char *path, gp_color *out)
{
    const char *what = "a colour (a palette name, \"#rrggbb\", \"#rgb\" or none)";
    if (!v || v->kind != GP_Y_SCALAR || gp_ynode_is_null(v)) {
        gp_sc_err(c, GP_ERR_TYPE, v, path,
                  gp_ynode_is_null(v) ? "an unquoted # starts a YAML comment: write \"#1f2a37\""
                                      : NULL,
                  "expected %s, found %s", what, gp_sc_describe(c, v));
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
        gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                  "bad colour `%s`: expected #rrggbb or #rgb with hex digits 0-9 and a-f", v->str);
        return false;
    }
    if (palette_find(c->s, v->str, out)) {
        for (size_t i = 0; c->color_used && i < c->s->n_colors; i++)
            if (!strcmp(c->s->color_names[i], v->str))
                c->color_used[i] = 1;
        return true;
    }
    const char *near = gp_suggest(v->str, c->s->color_names, c->s->n_colors);
    const char *hint = gp_arena_printf(c->cv->arena, "the palette has: %s",
                                       gp_sc_list(c, c->s->color_names, c->s->n_colors, ""));
    if (near)
        gp_sc_err(c, GP_ERR_VALUE, v, path, hint, "unknown colour `%s`; did you mean `%s`?", v->str,
                  near);
    else
        gp_sc_err(c, GP_ERR_VALUE, v, path, hint, "unknown colour `%s`", v->str);
    return false;
}

bool gp_sc_bool(gp_sc *c, const gp_ynode *v, const char *path, bool *out)
{
    if (gp_ynode_bool(v, out))
        return true;
    gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected true or false, found %s",
              gp_sc_describe(c, v));
    return false;
}

static bool get_enum(gp_sc *c, const gp_ynode *v, const char *path, const char *const *names,
                     size_t n, int *out)
{
    const char *opts = gp_sc_list(c, names, n, "");
    if (v && v->kind == GP_Y_SCALAR && !gp_ynode_is_null(v)) {
        for (size_t i = 0; i < n; i++)
            if (strcmp(v->str, names[i]) == 0) {
                *out = (int)i;
                return true;
            }
        const char *near = gp_suggest(v->str, names, n);
        if (near) {
            gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                      "expected one of %s, found `%s`; did you mean `%s`?", opts, v->str, near);
            return false;
        }
    }
    gp_sc_err(c, GP_ERR_VALUE, v, path, NULL, "expected one of %s, found %s", opts,
              gp_sc_describe(c, v));
    return false;
}

static const char *const placeholders[] = {"title",       "from",    "to",     "page",
                                           "pages",       "brand",   "date",   "prepared_for",
                                           "prepared_by", "website", "contact"};
#define N_PLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

/* The email's placeholders (src/mail/eml.c fills them). */
static const char *const mail_placeholders[] = {"prepared_for", "adviser", "from",  "to",
                                                "title",        "brand",   "start", "end"};

static bool check_template_in(gp_sc *c, const gp_ynode *v, const char *path,
                              const char *const *placeholders, size_t n_placeholders);

static bool check_template(gp_sc *c, const gp_ynode *v, const char *path)
{
    return check_template_in(c, v, path, placeholders, N_PLACEHOLDERS);
}

static bool check_template_in(gp_sc *c, const gp_ynode *v, const char *path,
                              const char *const *placeholders, size_t n_placeholders)
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
        for (size_t i = 0; i < n_placeholders; i++)
            known |= strcmp(name, placeholders[i]) == 0;
        if (known)
            continue;
        const char *near = gp_suggest(name, placeholders, n_placeholders);
        const char *hint = gp_arena_printf(c->cv->arena, "placeholders: %s",
                                           gp_sc_list(c, placeholders, n_placeholders, ""));
        if (near)
            gp_sc_err(c, GP_ERR_VALUE, v, path, hint,
                      "unknown placeholder `{%s}`; did you mean `{%s}`?", name, near);
        else
            gp_sc_err(c, GP_ERR_VALUE, v, path, hint, "unknown placeholder `{%s}`", name);
        ok = false;
    }
    return ok;
}

/* "10 MB", "512 KB", "2.5MB", "1 GB" or a plain number of bytes (1 KB is
 * 1000 bytes, 1 KiB 1024, as mail size limits are written). */
static bool parse_bytes(const gp_ynode *v, double *out)
{
    if (!v || v->kind != GP_Y_SCALAR || !v->str[0])
        return false;
    char *end;
    double n = strtod(v->str, &end);
    while (*end == ' ')
        end++;
    static const struct {
        const char *unit;
        double f;
    } units[] = {{"", 1},     {"B", 1},        {"KB", 1e3},        {"MB", 1e6},
                 {"GB", 1e9}, {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}};
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (!strcmp(end, units[i].unit)) {
            n *= units[i].f;
            if (!(n >= 1 && n <= 1e12))
                return false;
            *out = n;
            return true;
        }
    return false;
}

/* Paths ------------------------------------------------------------------ */

/* The folder that the file which wrote node n lives in. */
static const char *node_dir(gp_sc *c, const gp_ynode *n)
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
static const char *resolve_path(gp_sc *c, const gp_ynode *n)
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
static bool check_file(gp_sc *c, gp_code code, const gp_ynode *at, const char *path,
                       const char *what, const char *abs, struct stat *st)
{
    if (stat(abs, st) != 0) {
        gp_sc_err(c, code, at, path, PATH_HINT, "%s not found: %s", what, abs);
        return false;
    }
    if (!S_ISREG(st->st_mode)) {
        gp_sc_err(c, code, at, path, NULL, "%s is not a file: %s", what, abs);
        return false;
    }
    if (access(abs, R_OK) != 0) {
        gp_sc_err(c, code, at, path, NULL, "%s cannot be read: %s", what, abs);
        return false;
    }
    return true;
}

static void conv_logo(gp_sc *c, const gp_ynode *key, const gp_ynode *v, const char *path)
{
    gp_style *s = c->s;
    s->brand_logo = NULL;
    s->brand_logo_pos = (gp_pos){key->file, key->line, key->col};
    if (gp_ynode_is_null(v) || (v->kind == GP_Y_SCALAR && strcmp(v->str, "none") == 0))
        return;
    if (!gp_sc_want_scalar(c, v, path, "a file name like logo.svg"))
        return;
    const char *abs = resolve_path(c, v);
    if (!abs) {
        gp_sc_nomem(c);
        return;
    }
    struct stat st;
    if (!check_file(c, GP_ERR_IMAGE, key, path, "logo file", abs, &st))
        return;
    if (!has_suffix_nocase(abs, ".png") && !has_suffix_nocase(abs, ".svg")) {
        gp_sc_err(c, GP_ERR_IMAGE, v, path, NULL, "the logo must be a PNG or SVG file, found `%s`",
                  v->str);
        return;
    }
    if ((size_t)st.st_size > c->cv->lim->max_image_bytes) {
        char words[32];
        gp_size_words(words, sizeof words, c->cv->lim->max_image_bytes);
        gp_sc_err(c, GP_ERR_LIMIT, v, path, NULL, "logo file is larger than the %s limit: %s",
                  words, abs);
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

void gp_sc_font_files(gp_sc *c, const gp_ynode *v, const char *path)
{
    gp_style *s = c->s;
    s->font_files = NULL;
    s->n_font_files = 0;
    if (gp_ynode_is_null(v))
        return;
    if (v->kind != GP_Y_SEQ) {
        gp_sc_err(c, GP_ERR_TYPE, v, path, "write `files: [fonts/Brand-Regular.ttf]`",
                  "expected a list of font files, found %s", gp_sc_describe(c, v));
        return;
    }
    s->font_files = gp_arena_alloc(c->cv->arena, (v->n_items + 1) * sizeof *s->font_files);
    if (!s->font_files) {
        gp_sc_nomem(c);
        return;
    }
    for (size_t i = 0; i < v->n_items; i++) {
        const gp_ynode *it = v->items[i];
        const char *ipath = gp_arena_printf(c->cv->arena, "%s[%zu]", path, i);
        if (!gp_sc_want_scalar(c, it, ipath, "a font file name like fonts/Brand.ttf"))
            continue;
        const char *abs = resolve_path(c, it);
        struct stat st;
        if (!abs)
            gp_sc_nomem(c);
        if (!abs || !check_file(c, GP_ERR_FONT, it, ipath, "font file", abs, &st))
            continue;
        if (!is_font_file(abs)) {
            gp_sc_err(c, GP_ERR_FONT, it, ipath, NULL, "not a TrueType or OpenType font file: %s",
                      abs);
            continue;
        }
        s->font_files[s->n_font_files++] = (gp_font_file){abs, {it->file, it->line, it->col}};
    }
}

static void conv_color_list(gp_sc *c, const gp_ynode *v, const char *path)
{
    gp_style *s = c->s;
    if (!v || v->kind != GP_Y_SEQ || v->n_items == 0) {
        gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected a list of one or more colours, found %s",
                  gp_sc_describe(c, v));
        return;
    }
    gp_color *cols = gp_arena_alloc(c->cv->arena, v->n_items * sizeof *cols);
    if (!cols) {
        gp_sc_nomem(c);
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < v->n_items; i++) {
        const char *ipath = gp_arena_printf(c->cv->arena, "%s[%zu]", path, i);
        if (gp_sc_color(c, v->items[i], ipath, &cols[n]))
            n++;
    }
    s->table.chart_colors = cols;
    s->table.n_chart_colors = n;
}

/* Values by kind --------------------------------------------------------- */

static const char *const align_names[] = {"left", "justify", "center", "right"};
static const char *const marker_names[] = {"circle", "square", "none"};
static const char *const slant_names[] = {"normal", "italic"};
static const char *const link_names[] = {"none", "after", "footnote"};

void gp_sc_value(gp_sc *c, const gp_sc_field *f, const gp_ynode *key, const gp_ynode *v,
                 const char *path, void *dst)
{
    const gp_limits *lim = c->cv->lim;
    double d;
    int i;
    switch (f->kind) {
    case F_LEN:
        if (gp_sc_length(c, v, path, &d)) {
            if (d < 0)
                gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                          "expected a length of 0 or more, found `%s`", v->str);
            else
                *(double *)dst = d;
        }
        break;
    case F_LEN_SIGNED:
        if (gp_sc_length(c, v, path, &d))
            *(double *)dst = d;
        break;
    case F_FONT_SIZE:
        if (gp_sc_length(c, v, path, &d)) {
            if (d < lim->min_font_pt || d > lim->max_font_pt)
                gp_sc_err(c, GP_ERR_LIMIT, v, path, NULL,
                          "font size %gpt is outside the allowed %gpt to %gpt", d, lim->min_font_pt,
                          lim->max_font_pt);
            else
                *(double *)dst = d;
        }
        break;
    case F_LEADING:
        if (gp_sc_length(c, v, path, &d)) {
            if (d <= 0 || d > 3 * lim->max_font_pt)
                gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                          "leading %gpt is outside the allowed range (more than 0, at most %gpt)",
                          d, 3 * lim->max_font_pt);
            else
                *(double *)dst = d;
        }
        break;
    case F_COLOR: gp_sc_color(c, v, path, (gp_color *)dst); break;
    case F_BOOL: gp_sc_bool(c, v, path, (bool *)dst); break;
    case F_COLUMNS: {
        double n;
        if (gp_ynode_number(v, &n) && n >= 1 && n <= 3 && n == (int)n)
            *(int *)dst = (int)n;
        else
            gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                      "expected a number of columns from 1 to 3, found %s", gp_sc_describe(c, v));
        break;
    }
    case F_MAIL_TEMPLATE:
        if (gp_ynode_is_null(v))
            *(const char **)dst = NULL;
        else if (v->kind != GP_Y_SCALAR)
            gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected text, found %s",
                      gp_sc_describe(c, v));
        else if (check_template_in(c, v, path, mail_placeholders,
                                   sizeof mail_placeholders / sizeof *mail_placeholders))
            *(const char **)dst = v->str;
        break;
    case F_BYTES: {
        double n;
        if (parse_bytes(v, &n))
            *(double *)dst = n;
        else
            gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                      "expected a size like 10 MB, 512 KB or a number of bytes, found %s",
                      gp_sc_describe(c, v));
        break;
    }
    case F_STR:
    case F_TEMPLATE:
        if (gp_ynode_is_null(v)) {
            *(const char **)dst = NULL;
        } else if (v->kind != GP_Y_SCALAR) {
            gp_sc_err(c, GP_ERR_TYPE, v, path, NULL, "expected text, found %s",
                      gp_sc_describe(c, v));
        } else if (f->kind == F_STR || check_template(c, v, path)) {
            *(const char **)dst = v->str;
        }
        break;
    case F_WEIGHT:
        if (v && v->kind == GP_Y_SCALAR && gp_style_parse_weight(v->str, &i))
            *(int *)dst = i;
        else
            gp_sc_err(
                c, GP_ERR_VALUE, v, path, NULL,
                "expected a weight (regular, medium, semibold, bold, or 100 to 900), found %s",
                gp_sc_describe(c, v));
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
        if (gp_sc_want_scalar(c, v, path, "`body`, `heading` or a font family name")) {
            /* F_FONTREF is only a text style's `font`: record where the
             * family was written, for an error about a missing family. */
            gp_text_style *ts = (gp_text_style *)((char *)dst - offsetof(gp_text_style, family));
            const gp_ynode *at = v;
            if (strcmp(v->str, "body") == 0) {
                *(const char **)dst = c->font_body;
                at = c->font_body_node ? c->font_body_node : v;
            } else if (strcmp(v->str, "heading") == 0) {
                *(const char **)dst = c->font_heading;
                at = c->font_heading_node ? c->font_heading_node : v;
            } else {
                *(const char **)dst = v->str;
            }
            ts->family_pos = (gp_pos){at->file, at->line, at->col};
        }
        break;
    case F_FAMILY:
        if (gp_sc_want_scalar(c, v, path, "a font family name like Noto Sans"))
            *(const char **)dst = v->str;
        break;
    case F_LOGO: conv_logo(c, key, v, path); break;
    case F_FONT_FILES: gp_sc_font_files(c, v, path); break;
    case F_COLOR_LIST: conv_color_list(c, v, path); break;
    case F_COUNT: {
        double n;
        if (gp_ynode_number(v, &n) && n >= 1 && n <= 20 && n == (int)n)
            *(int *)dst = (int)n;
        else
            gp_sc_err(c, GP_ERR_VALUE, v, path, NULL,
                      "expected a whole number from 1 to 20, found %s", gp_sc_describe(c, v));
        break;
    }
    case F_FRACTION: {
        double n;
        if (gp_ynode_number(v, &n) && n >= 0 && n <= 1)
            *(double *)dst = n;
        else
            gp_sc_err(c, GP_ERR_VALUE, v, path, NULL, "expected a number from 0 to 1, found %s",
                      gp_sc_describe(c, v));
        break;
    }
    case F_LINKS:
        if (get_enum(c, v, path, link_names, 3, &i))
            *(int *)dst = i;
        break;
    case F_IGNORE: break;
    }
}

#define MAX_FIELDS 24

/* Converts a mapping described by a field table into base. */
void gp_sc_fields(gp_sc *c, const gp_ynode *map, const char *path, const gp_sc_field *f, size_t nf,
                  void *base)
{
    if (!gp_sc_want_map(c, map, path))
        return;
    const char *names[MAX_FIELDS];
    size_t nn = nf < MAX_FIELDS ? nf : MAX_FIELDS;
    for (size_t i = 0; i < nn; i++)
        names[i] = f[i].key;
    for (size_t p = 0; p < map->n_pairs; p++) {
        const gp_ynode *key = map->pairs[p].key;
        const char *kpath = gp_sc_path(c, path, key->str);
        size_t i = 0;
        while (i < nf && strcmp(f[i].key, key->str) != 0)
            i++;
        if (i == nf) {
            gp_sc_unknown_key(c, key, gp_sc_where(c, path), names, nn, kpath);
            continue;
        }
        gp_sc_value(c, &f[i], key, map->pairs[p].value, kpath, (char *)base + f[i].off);
    }
}

const char *const *gp_sc_enum_names(gp_sc_kind k, size_t *n)
{
    switch (k) {
    case F_ALIGN: *n = 4; return align_names;
    case F_MARKER: *n = 3; return marker_names;
    case F_SLANT: *n = 2; return slant_names;
    case F_LINKS: *n = 3; return link_names;
    default: *n = 0; return NULL;
    }
}
