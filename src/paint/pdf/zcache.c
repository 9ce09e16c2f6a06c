/* paint/pdf/zcache.c - deflated streams, kept for the process.
 *
 * Deflate is the largest single cost of writing a PDF (a quarter of a warm
 * render's CPU at level 6), and most streams of a mail merge's copies are
 * byte for byte the streams of the copy before: font programs, ToUnicode
 * maps, object streams, the body of every page but the personalised ones.
 * So the deflated bytes of each stream are kept, keyed by the bytes put in
 * (compared in full, not only by hash) and the level, and handed out again
 * for the same input. libdeflate is deterministic, so a hit gives exactly
 * the bytes a fresh compression would: output never depends on what the
 * process rendered before.
 *
 * Memory is bounded: ZCACHE_BYTES (2 MiB) of input and output together,
 * the recurring streams of about ten guides, least recently used first out,
 * so a batch worker's memory stays flat; small streams are compressed each
 * time. A stream is kept only the second time it is deflated (a small
 * table remembers the hashes of streams seen once): a personalised page,
 * new in every copy of a merge, would otherwise fill the cache with bytes
 * never asked for again and push out the ones that recur. So a merge of
 * one guide holds its recurring streams (about 0.3 MiB), not 2 MiB of
 * mostly dead copies, and a single render keeps nothing. */
#include "paint/pdf/zcache.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "base/alloc.h"

#define ZCACHE_MIN   512        /* smaller streams: not worth keeping */
#define ZCACHE_BYTES (2u << 20) /* input + output kept, at most */
#define ZCACHE_SLOTS 512
#define SEEN_SLOTS   1024 /* hashes of streams deflated once, direct-mapped */

typedef struct zentry {
    uint64_t hash;
    size_t len, zlen;
    int level;
    unsigned char *in, *out; /* one allocation: len + zlen bytes */
    unsigned long long used;
} zentry;

static zentry slots[ZCACHE_SLOTS];
static uint64_t seen[SEEN_SLOTS];
static size_t n_slots, held;
static unsigned long long clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* A fast 64-bit hash of the input (8 bytes a step); equality is decided by
 * memcmp, so the hash only needs to spread. */
static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    uint64_t v = 0;
    memcpy(&v, p, n);
    h = (h ^ v) * 0x94d049bb133111ebull;
    return h ^ (h >> 31);
}

static void drop(zentry *e)
{
    held -= e->len + e->zlen;
    gp_free(e->in);
    *e = slots[--n_slots];
}

size_t pdf_zcache_deflate(void *compressor, int level, const void *data, size_t len,
                          unsigned char **buf, size_t *cap)
{
    struct libdeflate_compressor *zc = compressor;
    size_t bound = libdeflate_zlib_compress_bound(zc, len);
    if (bound > *cap) {
        unsigned char *z = gp_realloc(*buf, bound);
        if (!z)
            return 0;
        *buf = z;
        *cap = bound;
    }
    if (len < ZCACHE_MIN || len > ZCACHE_BYTES / 4)
        return libdeflate_zlib_compress(zc, data, len, *buf, *cap);
    uint64_t h = hash_bytes(data, len);
    pthread_mutex_lock(&lock);
    for (size_t i = 0; i < n_slots; i++) {
        zentry *e = &slots[i];
        if (e->hash == h && e->len == len && e->level == level && !memcmp(e->in, data, len)) {
            memcpy(*buf, e->out, e->zlen);
            e->used = ++clock_;
            size_t zlen = e->zlen;
            pthread_mutex_unlock(&lock);
            return zlen;
        }
    }
    /* the key mixes in the length and level, and is never 0 (an empty slot) */
    uint64_t key = (h ^ ((uint64_t)len << 8) ^ (uint64_t)level) | 1;
    uint64_t *sn = &seen[h % SEEN_SLOTS];
    bool again = *sn == key;
    *sn = key;
    pthread_mutex_unlock(&lock);
    size_t zlen = libdeflate_zlib_compress(zc, data, len, *buf, *cap);
    if (!zlen || !again)
        return zlen;
    unsigned char *copy = gp_malloc(len + zlen);
    if (!copy)
        return zlen; /* kept or not, the stream is done */
    memcpy(copy, data, len);
    memcpy(copy + len, *buf, zlen);
    pthread_mutex_lock(&lock);
    while (n_slots && (n_slots == ZCACHE_SLOTS || held + len + zlen > ZCACHE_BYTES)) {
        zentry *old = &slots[0];
        for (size_t i = 1; i < n_slots; i++)
            if (slots[i].used < old->used)
                old = &slots[i];
        drop(old);
    }
    slots[n_slots++] = (zentry){h, len, zlen, level, copy, copy + len, ++clock_};
    held += len + zlen;
    pthread_mutex_unlock(&lock);
    return zlen;
}
