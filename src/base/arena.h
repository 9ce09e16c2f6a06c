/* base/arena.h - a bump allocator owning everything of one document.
 *
 * Model strings, arrays and display items live in one arena per document
 * and are freed at once, so batch mode cannot leak. Allocations are zeroed
 * and 16-byte aligned. Every function returns NULL when memory runs out. */
#ifndef GP_BASE_ARENA_H
#define GP_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct gp_arena gp_arena;

gp_arena *gp_arena_new(void);
void gp_arena_free(gp_arena *a); /* NULL-safe */

void *gp_arena_alloc(gp_arena *a, size_t n);
/* The same, not cleared: for arrays the caller fills in whole at once. */
void *gp_arena_alloc_uncleared(gp_arena *a, size_t n);
char *gp_arena_strdup(gp_arena *a, const char *s); /* NULL stays NULL */
char *gp_arena_strndup(gp_arena *a, const char *s, size_t n);
char *gp_arena_printf(gp_arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Grows an array: returns a new block of new_size bytes holding the first
 * old_size bytes of old (the old block is not reused). */
void *gp_arena_grow(gp_arena *a, void *old, size_t old_size, size_t new_size);

/* The same, for an array whose old block nothing points into any more:
 * the old block is kept for the next grow of the same size (the display
 * list's item arrays, which double from 16 items: a block's 16-item array
 * becomes the next block's first one instead of dead bytes). */
void *gp_arena_grow_recycle(gp_arena *a, void *old, size_t old_size, size_t new_size);

/* Bytes handed out so far (for the benchmark). */
size_t gp_arena_used(const gp_arena *a);

#endif
