/* base/alloc.h - the one allocation path.
 *
 * Every allocation in the library goes through these functions so that a
 * test can make the Nth allocation fail (SQLite's test_malloc.c) and check
 * that the error comes back cleanly. */
#ifndef GP_BASE_ALLOC_H
#define GP_BASE_ALLOC_H

#include <stddef.h>

void *gp_malloc(size_t n);
void *gp_calloc(size_t count, size_t size);
void *gp_realloc(void *p, size_t n);
void gp_free(void *p);
char *gp_strdup(const char *s);
char *gp_strndup(const char *s, size_t n);

/* Test hook: after n more successful allocations, every allocation fails
 * (n < 0 turns failure injection off). */
void gp_alloc_fail_after(long n);

#endif
