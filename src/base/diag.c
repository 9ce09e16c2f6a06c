/* base/diag.c - the diagnostics list (errors as values). */
#include <guidepress/error.h>

#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

struct gp_diags {
    gp_diag *items;
    size_t n, cap;
    size_t errors;
    size_t dropped;
};

gp_diags *gp_diags_new(void)
{
    return gp_calloc(1, sizeof(gp_diags));
}

static void diag_release(gp_diag *g)
{
    gp_free((char *)g->message);
    gp_free((char *)g->file);
    gp_free((char *)g->path);
    gp_free((char *)g->hint);
}

void gp_diags_clear(gp_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        diag_release(&d->items[i]);
    d->n = 0;
    d->errors = 0;
    d->dropped = 0;
}

void gp_diags_free(gp_diags *d)
{
    if (!d)
        return;
    gp_diags_clear(d);
    gp_free(d->items);
    gp_free(d);
}

size_t gp_diags_count(const gp_diags *d)
{
    return d ? d->n : 0;
}

const gp_diag *gp_diags_get(const gp_diags *d, size_t i)
{
    return d && i < d->n ? &d->items[i] : NULL;
}

size_t gp_diags_errors(const gp_diags *d)
{
    return d ? d->errors : 0;
}
size_t gp_diags_dropped(const gp_diags *d)
{
    return d ? d->dropped : 0;
}

void gp_diags_addv(gp_diags *d, gp_code code, gp_severity sev, const char *file, int line, int col,
                   const char *path, const char *hint, const char *fmt, va_list ap)
{
    if (!d)
        return;
    if (sev == GP_SEV_ERROR)
        d->errors++;
    if (d->n >= GP_DIAGS_CAP) {
        d->dropped++;
        return;
    }
    if (d->n == d->cap) {
        size_t nc = d->cap ? d->cap * 2 : 8;
        gp_diag *ni = gp_realloc(d->items, nc * sizeof *ni);
        if (!ni) {
            d->dropped++;
            return;
        }
        d->items = ni;
        d->cap = nc;
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    gp_diag *g = &d->items[d->n];
    memset(g, 0, sizeof *g);
    g->code = code;
    g->severity = sev;
    g->message = gp_strdup(buf);
    g->file = gp_strdup(file);
    g->line = line;
    g->col = col;
    g->path = gp_strdup(path);
    g->hint = gp_strdup(hint);
    if (!g->message) { /* out of memory: keep a static-free fallback */
        diag_release(g);
        d->dropped++;
        return;
    }
    d->n++;
}

void gp_diags_add(gp_diags *d, gp_code code, gp_severity sev, const char *file, int line, int col,
                  const char *path, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gp_diags_addv(d, code, sev, file, line, col, path, hint, fmt, ap);
    va_end(ap);
}

void gp_diags_append(gp_diags *dst, const gp_diags *src)
{
    if (!dst || !src)
        return;
    for (size_t i = 0; i < src->n; i++) {
        const gp_diag *g = &src->items[i];
        gp_diags_add(dst, g->code, g->severity, g->file, g->line, g->col, g->path, g->hint, "%s",
                     g->message);
    }
    dst->dropped += src->dropped;
}

const char *gp_code_name(gp_code code)
{
    switch (code) {
    case GP_OK: return "ok";
    case GP_ERR_IO: return "io";
    case GP_ERR_SYNTAX: return "syntax";
    case GP_ERR_TYPE: return "type";
    case GP_ERR_REQUIRED: return "required";
    case GP_ERR_UNKNOWN_KEY: return "unknown-key";
    case GP_ERR_VALUE: return "value";
    case GP_ERR_UTF8: return "utf8";
    case GP_ERR_LIMIT: return "limit";
    case GP_ERR_FONT: return "font";
    case GP_ERR_IMAGE: return "image";
    case GP_ERR_LAYOUT: return "layout";
    case GP_ERR_PAINT: return "paint";
    case GP_ERR_NOMEM: return "nomem";
    case GP_ERR_USAGE: return "usage";
    case GP_WARN_GLYPH: return "missing-glyph";
    case GP_WARN_SPLIT: return "split";
    case GP_WARN_OTHER: return "warning";
    }
    return "unknown";
}
