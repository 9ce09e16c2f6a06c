/* base/arena.c - chunked bump allocator. */
#include "base/arena.h"

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
} chunk;

/* A block given back by gp_arena_grow_recycle: reused whole by the next
 * recycling grow that asks for the same size. */
typedef struct spare {
    struct spare *next;
    size_t size;
} spare;

/* Spares by size class (the index of the size's highest bit), so finding
 * one looks only at blocks of about the right size. */
#define SPARE_BINS 64

struct gp_arena {
    chunk *head;
    size_t total;
    spare *spares[SPARE_BINS];
};

static unsigned bin_of(size_t n)
{
    unsigned b = 0;
    while (n >>= 1)
        b++;
    return b;
}

gp_arena *gp_arena_new(void)
{
    return gp_calloc(1, sizeof(gp_arena));
}

void gp_arena_free(gp_arena *a)
{
    if (!a)
        return;
    chunk *c = a->head;
    while (c) {
        chunk *n = c->next;
        gp_free(c);
        c = n;
    }
    gp_free(a);
}

/* n bytes (rounded up to 16), not cleared. */
static void *alloc_raw(gp_arena *a, size_t n)
{
    if (!a)
        return NULL;
    n = (n + 15) & ~(size_t)15;
    if (n == 0)
        n = 16;
    chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t sz = 64 * 1024;
        if (n > sz / 4)
            sz = n; /* large blocks get a chunk of their own */
        chunk *nc = gp_malloc(sizeof(chunk) + sz);
        if (!nc)
            return NULL;
        nc->size = sz;
        nc->used = 0;
        if (c && n == sz) { /* keep the partly used chunk at the head */
            nc->next = c->next;
            c->next = nc;
            nc->used = n;
            a->total += n;
            return nc->data;
        }
        nc->next = c;
        a->head = nc;
        c = nc;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}

void *gp_arena_alloc(gp_arena *a, size_t n)
{
    if (!a)
        return NULL;
    void *p = alloc_raw(a, n);
    if (p) /* all of the rounded-up block, as always */
        memset(p, 0, n ? (n + 15) & ~(size_t)15 : 16);
    return p;
}

void *gp_arena_alloc_uncleared(gp_arena *a, size_t n)
{
    return a ? alloc_raw(a, n) : NULL;
}

char *gp_arena_strndup(gp_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *d = gp_arena_alloc(a, n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *gp_arena_strdup(gp_arena *a, const char *s)
{
    return s ? gp_arena_strndup(a, s, strlen(s)) : NULL;
}

char *gp_arena_printf(gp_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return NULL;
    }
    char *d = gp_arena_alloc(a, (size_t)n + 1);
    if (d)
        vsnprintf(d, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return d;
}

void *gp_arena_grow(gp_arena *a, void *old, size_t old_size, size_t new_size)
{
    if (!old || !old_size || old_size >= new_size) {
        void *p = gp_arena_alloc(a, new_size);
        if (p && old && old_size)
            memcpy(p, old, new_size);
        return p;
    }
    /* clear only what the copy does not cover (the display list's item
     * arrays grow by doubling: clearing all of it was most of the memset) */
    unsigned char *p = gp_arena_alloc_uncleared(a, new_size);
    if (p) {
        memcpy(p, old, old_size);
        memset(p + old_size, 0, new_size - old_size);
    }
    return p;
}

void *gp_arena_grow_recycle(gp_arena *a, void *old, size_t old_size, size_t new_size)
{
    size_t want = (new_size + 15) & ~(size_t)15;
    unsigned char *p = NULL;
    for (spare **s = a ? &a->spares[bin_of(want)] : NULL; s && *s; s = &(*s)->next)
        if ((*s)->size == want) {
            p = (unsigned char *)*s;
            *s = (*s)->next;
            break;
        }
    if (!p)
        p = gp_arena_alloc_uncleared(a, new_size);
    if (!p)
        return NULL;
    size_t keep = old && old_size < new_size ? old_size : 0;
    if (keep)
        memcpy(p, old, keep);
    memset(p + keep, 0, new_size - keep);
    size_t had = (old_size + 15) & ~(size_t)15;
    if (old && had >= sizeof(spare)) {
        spare *s = old;
        s->size = had;
        s->next = a->spares[bin_of(had)];
        a->spares[bin_of(had)] = s;
    }
    return p;
}

size_t gp_arena_used(const gp_arena *a)
{
    return a ? a->total : 0;
}
