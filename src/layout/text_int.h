/* layout/text_int.h - inside the text layer (text.c, fonts.c, textcache.c),
 * the only files that talk to Pango.
 *
 * fonts.c holds the private font set and one Pango context per document
 * language; textcache.c keeps laid-out paragraphs (shaped and broken by
 * Pango, broken by total fit when justified) keyed by everything that
 * decides their layout, so a batch of personalised copies lays out only
 * the paragraphs that differ; text.c builds and emits them. */
#ifndef GP_LAYOUT_TEXT_INT_H
#define GP_LAYOUT_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "layout/flow.h"
#include "layout/hyphen.h"

typedef struct gp_tl_cache gp_tl_cache;

/* One language's context: a paragraph is laid out in the context of its
 * document's language and direction, and a context is never changed once
 * made, so cached layouts stay valid. */
typedef struct gp_lang_ctx {
    char lang[16];
    bool rtl;
    PangoContext *ctx;
} gp_lang_ctx;

#define GP_MAX_LANG_CTX 8

struct gp_fonts {
    FcConfig *cfg;
    PangoFontMap *fm;
    gp_lang_ctx langs[GP_MAX_LANG_CTX];
    int n_langs;
    PangoContext *ctx; /* the current document's (one of langs) */
    int n_files;
    gp_hyph_set *hyph; /* hyphenation patterns, loaded on first use */
    bool greedy_only;  /* GUIDEPRESS_LINEBREAK=greedy: no total fit (for
                          comparisons) */
    gp_tl_cache *cache;
};

/* Makes the context for lang (NULL: en-GB) current, creating it on first
 * use. Returns -1 when out of memory. */
int gp_fonts_use_language(gp_fonts *f, const char *lang);

/* A laid-out paragraph, shared by the cache and every gp_tl that uses it:
 * read-only once built. */
typedef struct gp_tl_shape {
    int refs;
    PangoLayout *layout;
    int n_lines;
    double *top, *bottom, *baseline; /* per line, from the top */
    bool *just;                      /* per line: spread to the measure */
    double height, width;
    bool total_fit;           /* lines are one Pango paragraph each */
    int *run_start, *run_end; /* byte range of each gp_run (rich text) */
    size_t n_runs;
    int unknown; /* glyphs no font covers */
    /* what gp_tl_emit made of it, relative to the box (text.c), kept from
     * the first use for the next: NULL until then */
    struct gp_tl_emitted *emitted;
    int emits; /* times emitted: recorded from the second on */
    /* cache bookkeeping */
    unsigned char *key;
    size_t key_len;
    unsigned long long hash;
    unsigned serial; /* the context's serial when laid out */
    size_t bytes;    /* estimated memory */
} gp_tl_shape;

void gp_tl_shape_unref(gp_tl_shape *s); /* NULL-safe */

/* The cache key of a paragraph: every input of its layout. The caller
 * frees key with g_free. */
unsigned char *gp_tl_key(PangoContext *ctx, const gp_text_style *ts, const gp_para *para,
                         const char *plain, double width, const char *hyph_lang, bool greedy_only,
                         size_t *len);

gp_tl_cache *gp_tl_cache_new(size_t max_bytes);
void gp_tl_cache_free(gp_tl_cache *c); /* NULL-safe */
void gp_tl_cache_stats(const gp_tl_cache *c, gp_text_cache_stats *out);

/* A new reference to the cached shape for key, or NULL. Shapes laid out
 * in an older state of ctx (its font map changed) are dropped. */
gp_tl_shape *gp_tl_cache_get(gp_tl_cache *c, PangoContext *ctx, const unsigned char *key,
                             size_t len);

/* Stores s (the cache takes its own reference; s->key is set from key). */
void gp_tl_cache_put(gp_tl_cache *c, PangoContext *ctx, gp_tl_shape *s, unsigned char *key,
                     size_t len);

#endif
