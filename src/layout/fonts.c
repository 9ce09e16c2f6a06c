/* layout/fonts.c - the private font set and its Pango contexts.
 *
 * An empty fontconfig configuration gets the bundled fonts one file at a
 * time, so the machine's fonts are never used (unless a style asks for
 * them). Sizes are absolute points (PangoCairo would otherwise assume 96
 * dpi), hint metrics are off and glyph positions are not rounded, so
 * widths do not depend on the output device.
 *
 * Each document language gets its own context, made once and never
 * changed: a cached paragraph (textcache.c) stays valid because nothing
 * changes under it, and a batch that mixes English, Welsh and Arabic guides
 * keeps its cache across them. */
#include "layout/text_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangofc-fontmap.h>

#include "base/alloc.h"
#include "base/util.h"

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

/* Adds every .ttf/.otf in dir, sorted so every machine adds them in the
 * same order. Returns -1 when the folder cannot be opened. */
static int add_folder(gp_fonts *f, const char *dir, gp_diags *diags)
{
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d)
        return -1;
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if (l > 4 && (!strcmp(e->d_name + l - 4, ".ttf") || !strcmp(e->d_name + l - 4, ".otf")))
            names[n++] = gp_path_join(dir, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        if (names[i] && add_font_file(f, names[i]))
            gp_diags_add(diags, GP_ERR_FONT, GP_SEV_WARNING, names[i], 0, 0, NULL, NULL,
                         "not a usable font file; skipped");
        gp_free(names[i]);
    }
    return 0;
}

/* Pango's font map starts a thread that runs FcInit(), which loads the
 * machine's whole fontconfig configuration (its XML files and font cache:
 * 25 M instructions, a quarter of a cold run), and waits for it before the
 * first font lookup, although our font map never uses that configuration.
 * Making the first private configuration fontconfig's current one turns
 * that FcInit() into a no-op. Nothing else in the process relies on the
 * system configuration; a style with fonts.system: true loads its own. */
static void adopt_as_current(FcConfig *cfg, bool system)
{
    static bool done;
    if (done || system)
        return;
    done = true;
    FcConfigSetCurrent(cfg);
}

static gp_fonts *fonts_new(const char *fonts_dir, bool system, gp_diags *diags)
{
    gp_fonts *f = gp_calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->hyph = gp_hyph_set_new(getenv("GUIDEPRESS_HYPHEN_DIR"));
    const char *lb = getenv("GUIDEPRESS_LINEBREAK");
    f->greedy_only = lb && !strcmp(lb, "greedy");
    /* Only a style that asks (fonts.system: true) sees the machine's fonts;
     * the bundled ones are added on top either way. */
    f->cfg = system ? FcInitLoadConfigAndFonts() : FcConfigCreate();
    if (add_folder(f, fonts_dir, diags)) {
        gp_diags_add(diags, GP_ERR_FONT, GP_SEV_ERROR, fonts_dir, 0, 0, NULL, NULL,
                     "cannot open the fonts folder");
        gp_fonts_free(f);
        return NULL;
    }
    if (f->n_files == 0) {
        gp_diags_add(diags, GP_ERR_FONT, GP_SEV_ERROR, fonts_dir, 0, 0, NULL, NULL,
                     "no usable font in the fonts folder");
        gp_fonts_free(f);
        return NULL;
    }
    adopt_as_current(f->cfg, system);
    f->fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->fm), f->cfg);
    f->cache = gp_tl_cache_new(GP_TEXT_CACHE_DEFAULT_BYTES);
    if (!f->cache || gp_fonts_use_language(f, NULL)) {
        gp_fonts_free(f);
        return NULL;
    }
    return f;
}

gp_fonts *gp_fonts_new(const char *fonts_dir, gp_diags *diags)
{
    return fonts_new(fonts_dir, false, diags);
}

gp_fonts *gp_fonts_new_with_system(const char *fonts_dir, gp_diags *diags)
{
    return fonts_new(fonts_dir, true, diags);
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
    /* The font map caches what it has seen: tell it the set changed (this
     * also moves every context's serial on, retiring cached paragraphs). */
    pango_fc_font_map_config_changed(PANGO_FC_FONT_MAP(f->fm));
    return 0;
}

void gp_fonts_free(gp_fonts *f)
{
    if (!f)
        return;
    /* Cached layouts hold the contexts: drop them first. */
    gp_tl_cache_free(f->cache);
    for (int i = 0; i < f->n_langs; i++)
        g_object_unref(f->langs[i].ctx);
    if (f->fm) {
        /* Release cached fonts and the configuration now, even if Pango's
         * caches still hold a reference to the map. */
        pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(f->fm));
        g_object_unref(f->fm);
    }
    if (f->cfg)
        FcConfigDestroy(f->cfg); /* our own reference */
    gp_hyph_set_free(f->hyph);
    gp_free(f);
}

void gp_fonts_set_text_cache(gp_fonts *f, size_t max_bytes)
{
    if (!f)
        return;
    gp_tl_cache_free(f->cache);
    f->cache = max_bytes ? gp_tl_cache_new(max_bytes) : NULL;
}

void gp_fonts_text_cache_stats(const gp_fonts *f, gp_text_cache_stats *out)
{
    gp_tl_cache_stats(f ? f->cache : NULL, out);
}

/* Languages ------------------------------------------------------------------ */

static bool lang_rtl(const char *lang)
{
    return !strncmp(lang, "ar", 2) || !strncmp(lang, "ur", 2) || !strncmp(lang, "fa", 2) ||
           !strncmp(lang, "he", 2);
}

static PangoContext *context_new(gp_fonts *f, const char *lang, bool rtl)
{
    PangoContext *ctx = pango_font_map_create_context(f->fm);
    pango_cairo_context_set_resolution(ctx, 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    pango_context_set_language(ctx, pango_language_from_string(lang));
    pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    return ctx;
}

int gp_fonts_use_language(gp_fonts *f, const char *lang)
{
    char key[16];
    snprintf(key, sizeof key, "%s", lang && *lang ? lang : "en-GB");
    for (int i = 0; i < f->n_langs; i++) {
        if (!strcmp(f->langs[i].lang, key)) {
            f->ctx = f->langs[i].ctx;
            return 0;
        }
    }
    bool rtl = lang_rtl(key);
    /* Full: the last slot is reused (its cached paragraphs keep their own
     * reference to the old context and simply stop being found). */
    int i = f->n_langs < GP_MAX_LANG_CTX ? f->n_langs++ : GP_MAX_LANG_CTX - 1;
    if (f->langs[i].ctx)
        g_object_unref(f->langs[i].ctx);
    f->langs[i].ctx = context_new(f, key, rtl);
    if (!f->langs[i].ctx)
        return -1;
    snprintf(f->langs[i].lang, sizeof f->langs[i].lang, "%s", key);
    f->langs[i].rtl = rtl;
    f->ctx = f->langs[i].ctx;
    return 0;
}

bool gp_fonts_rtl(const gp_fonts *f)
{
    for (int i = 0; f && i < f->n_langs; i++)
        if (f->langs[i].ctx == f->ctx)
            return f->langs[i].rtl;
    return false;
}

bool gp_fonts_has_family(const gp_fonts *f, const char *family)
{
    if (!f || !family)
        return false;
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, (char *)NULL);
    bool found = false;
    if (pat && os && FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family)) {
        FcFontSet *set = FcFontList(f->cfg, pat, os);
        found = set && set->nfont > 0;
        if (set)
            FcFontSetDestroy(set);
    }
    if (os)
        FcObjectSetDestroy(os);
    if (pat)
        FcPatternDestroy(pat);
    return found;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void gp_fonts_families(const gp_fonts *f, char *buf, size_t cap)
{
    if (!cap)
        return;
    buf[0] = '\0';
    FcFontSet *set = f ? FcConfigGetFonts(f->cfg, FcSetApplication) : NULL;
    const char *names[64];
    size_t n = 0;
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *fam = NULL;
        if (FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &fam) != FcResultMatch)
            continue;
        bool seen = false;
        for (size_t k = 0; k < n && !seen; k++)
            seen = !strcmp(names[k], (const char *)fam);
        if (!seen && n < 64)
            names[n++] = (const char *)fam;
    }
    qsort(names, n, sizeof *names, str_cmp);
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        int w = snprintf(buf + len, cap - len, "%s%s", k ? ", " : "", names[k]);
        if (w < 0 || (size_t)w >= cap - len) {
            if (cap > 4)
                memcpy(buf + (len + 4 < cap ? len : cap - 4), "...", 4);
            return;
        }
        len += (size_t)w;
    }
    if (f && f->cfg && FcConfigGetFonts(f->cfg, FcSetSystem) &&
        FcConfigGetFonts(f->cfg, FcSetSystem)->nfont > 0)
        snprintf(buf + len, cap - len, "%sthe machine's fonts", len ? " and " : "");
    if (!buf[0])
        snprintf(buf, cap, "none");
}

bool gp_script_name(uint32_t cp, char *buf, size_t cap)
{
    GUnicodeScript sc = g_unichar_get_script((gunichar)cp);
    GEnumClass *cls = g_type_class_ref(G_TYPE_UNICODE_SCRIPT);
    GEnumValue *v = g_enum_get_value(cls, (gint)sc);
    /* nicks are lower case with dashes ("old-italic"): "Old Italic" */
    snprintf(buf, cap, "%s", v ? v->value_nick : "unknown");
    g_type_class_unref(cls);
    bool start = true;
    for (char *p = buf; *p; p++) {
        if (*p == '-')
            *p = ' ';
        else if (start)
            *p = g_ascii_toupper(*p);
        start = *p == ' ';
    }
    return v && sc != G_UNICODE_SCRIPT_COMMON && sc != G_UNICODE_SCRIPT_INHERITED &&
           sc != G_UNICODE_SCRIPT_UNKNOWN;
}
