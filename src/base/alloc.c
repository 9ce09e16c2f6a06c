/* base/alloc.c - malloc wrappers with failure injection for tests. */
#include "base/alloc.h"

#include <stdlib.h>
#include <string.h>

static _Thread_local long fail_after = -1;

void gp_alloc_fail_after(long n)
{
    fail_after = n;
}

static int should_fail(void)
{
    if (fail_after < 0)
        return 0;
    if (fail_after == 0)
        return 1;
    fail_after--;
    return 0;
}

void *gp_malloc(size_t n)
{
    if (should_fail())
        return NULL;
    return malloc(n ? n : 1);
}

void *gp_calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *gp_realloc(void *p, size_t n)
{
    if (should_fail())
        return NULL;
    return realloc(p, n ? n : 1);
}

void gp_free(void *p)
{
    free(p);
}

char *gp_strndup(const char *s, size_t n)
{
    char *d = gp_malloc(n + 1);
    if (!d)
        return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *gp_strdup(const char *s)
{
    return s ? gp_strndup(s, strlen(s)) : NULL;
}
