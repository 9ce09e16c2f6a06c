/* layout/textcache.c - laid-out paragraphs kept across documents.
 *
 * Shaping and breaking take most of layout's time, and in a batch most
 * paragraphs repeat: personalised copies of one guide differ in a name and
 * a date, and every guide shares its headings and labels. A paragraph's
 * layout depends only on its text and run styles, its text style, the
 * measure, the document's language context and the hyphenation language,
 * so those bytes are the key and the laid-out shape is the value.
 *
 * Memory stays bounded with two generations (a cheap approximation of LRU):
 * new shapes go into the young table; when its estimated size passes half
 * the budget, the old table is dropped and the young one becomes old. A
 * shape found in the old table moves back to the young one. A shape laid
 * out before its context's font map changed (a style added a font) is
 * dropped when found. */
#include "layout/text_int.h"

#include <string.h>

#include "base/alloc.h"

struct gp_tl_cache {
    GHashTable *young, *old;
    size_t young_bytes, max_bytes;
    gp_text_cache_stats stats;
};

/* 64-bit FNV-1a. */
static unsigned long long fnv(const unsigned char *p, size_t n)
{
    unsigned long long h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static guint shape_hash(gconstpointer k)
{
    const gp_tl_shape *s = k;
    return (guint)(s->hash ^ (s->hash >> 32));
}

static gboolean shape_equal(gconstpointer a, gconstpointer b)
{
    const gp_tl_shape *x = a, *y = b;
    return x->hash == y->hash && x->key_len == y->key_len && !memcmp(x->key, y->key, x->key_len);
}

static void shape_release(gpointer p)
{
    gp_tl_shape_unref(p);
}

static GHashTable *table_new(void)
{
    return g_hash_table_new_full(shape_hash, shape_equal, NULL, shape_release);
}

gp_tl_cache *gp_tl_cache_new(size_t max_bytes)
{
    gp_tl_cache *c = gp_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->young = table_new();
    c->old = table_new();
    c->max_bytes = max_bytes;
    return c;
}

void gp_tl_cache_free(gp_tl_cache *c)
{
    if (!c)
        return;
    g_hash_table_destroy(c->young);
    g_hash_table_destroy(c->old);
    gp_free(c);
}

void gp_tl_cache_stats(const gp_tl_cache *c, gp_text_cache_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!c)
        return;
    *out = c->stats;
    out->entries = g_hash_table_size(c->young) + g_hash_table_size(c->old);
    out->max_bytes = c->max_bytes;
}

/* Key bytes ------------------------------------------------------------------ */

static void put(GByteArray *b, const void *p, size_t n)
{
    g_byte_array_append(b, p, (guint)n);
}

static void put_str(GByteArray *b, const char *s)
{
    put(b, s ? s : "", s ? strlen(s) + 1 : 1);
}

unsigned char *gp_tl_key(PangoContext *ctx, const gp_text_style *ts, const gp_para *para,
                         const char *plain, double width, const char *hyph_lang, bool greedy_only,
                         size_t *len)
{
    GByteArray *b = g_byte_array_sized_new(256);
    /* The context stands for language and direction (one per language,
     * never changed); its font map's serial is checked on lookup. */
    put(b, &ctx, sizeof ctx);
    put_str(b, ts->family);
    double nums[4] = {ts->size, ts->leading, ts->tracking, width};
    put(b, nums, sizeof nums);
    int ints[6] = {ts->weight,    ts->italic,     ts->uppercase,
                   ts->hyphenate, (int)ts->align, greedy_only};
    put(b, ints, sizeof ints);
    put_str(b, hyph_lang);
    if (para) {
        unsigned n = (unsigned)para->n_runs;
        put(b, "R", 1);
        put(b, &n, sizeof n);
        for (size_t i = 0; i < para->n_runs; i++) {
            const gp_run *r = &para->runs[i];
            unsigned fl[2] = {r->flags, r->url != NULL};
            put(b, fl, sizeof fl);
            put_str(b, r->text);
        }
    } else {
        put(b, "P", 1);
        put_str(b, plain);
    }
    *len = b->len;
    return g_byte_array_free(b, FALSE);
}

/* Lookup and store ------------------------------------------------------------- */

static gp_tl_shape *find(GHashTable *t, const unsigned char *key, size_t len, unsigned long long h)
{
    gp_tl_shape probe;
    memset(&probe, 0, sizeof probe);
    probe.key = (unsigned char *)key;
    probe.key_len = len;
    probe.hash = h;
    return g_hash_table_lookup(t, &probe);
}

static void age(gp_tl_cache *c)
{
    g_hash_table_destroy(c->old);
    c->old = c->young;
    c->young = table_new();
    c->young_bytes = 0;
    c->stats.generations++;
}

static void insert_young(gp_tl_cache *c, gp_tl_shape *s)
{
    if (c->young_bytes + s->bytes > c->max_bytes / 2 && g_hash_table_size(c->young) > 0)
        age(c);
    g_hash_table_add(c->young, s);
    c->young_bytes += s->bytes;
}

gp_tl_shape *gp_tl_cache_get(gp_tl_cache *c, PangoContext *ctx, const unsigned char *key,
                             size_t len)
{
    if (!c || c->max_bytes == 0)
        return NULL;
    unsigned long long h = fnv(key, len);
    unsigned serial = pango_context_get_serial(ctx);
    gp_tl_shape *s = find(c->young, key, len, h);
    if (!s) {
        s = find(c->old, key, len, h);
        if (s) {
            /* Promote: the old table gives up its reference to young. */
            g_hash_table_steal(c->old, s);
            if (s->serial != serial) {
                gp_tl_shape_unref(s);
                s = NULL;
            } else {
                insert_young(c, s);
            }
        }
    } else if (s->serial != serial) {
        g_hash_table_remove(c->young, s);
        s = NULL;
    }
    if (!s) {
        c->stats.misses++;
        return NULL;
    }
    c->stats.hits++;
    s->refs++;
    return s;
}

void gp_tl_cache_put(gp_tl_cache *c, PangoContext *ctx, gp_tl_shape *s, unsigned char *key,
                     size_t len)
{
    if (!c || c->max_bytes == 0 || s->key) {
        g_free(key);
        return;
    }
    s->key = key;
    s->key_len = len;
    s->hash = fnv(key, len);
    s->serial = pango_context_get_serial(ctx);
    s->bytes += len + sizeof *s;
    /* A shape bigger than a generation is not worth keeping. */
    if (s->bytes > c->max_bytes / 2)
        return;
    gp_tl_shape *dup = find(c->young, key, len, s->hash);
    if (dup)
        return;
    s->refs++;
    insert_young(c, s);
    c->stats.stored++;
}
