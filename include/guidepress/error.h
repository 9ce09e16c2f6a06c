/* guidepress/error.h - diagnostics as values.
 *
 * The library never prints. Every problem it finds becomes a gp_diag with a
 * code, a message, the source position (file, 1-based line and column), the
 * field path inside the document (e.g. "sections[4].roles[0].ranges[1]") and
 * an optional hint ("did you mean `title`?"). The CLI formats them as
 * "file:line:col: error: message". */
#ifndef GUIDEPRESS_ERROR_H
#define GUIDEPRESS_ERROR_H

#include <stdarg.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum gp_code {
    GP_OK = 0,
    GP_ERR_IO,          /* file missing, unreadable, unwritable */
    GP_ERR_SYNTAX,      /* malformed YAML */
    GP_ERR_TYPE,        /* wrong YAML type for a field */
    GP_ERR_REQUIRED,    /* a required field is missing */
    GP_ERR_UNKNOWN_KEY, /* unknown key or section type */
    GP_ERR_VALUE,       /* right type, bad value (range, enum, colour...) */
    GP_ERR_UTF8,        /* invalid UTF-8 */
    GP_ERR_LIMIT,       /* a resource limit was exceeded */
    GP_ERR_FONT,        /* font file missing or not a font */
    GP_ERR_IMAGE,       /* logo missing, corrupt or too large */
    GP_ERR_LAYOUT,      /* content cannot be laid out (e.g. page too small) */
    GP_ERR_PAINT,       /* a painter failed */
    GP_ERR_NOMEM,       /* allocation failed */
    GP_ERR_USAGE,       /* bad command line */
    GP_WARN_GLYPH,      /* error: characters no available font covers */
    GP_WARN_SPLIT,      /* warning: a keep-together block had to be split */
    GP_WARN_OTHER
} gp_code;

typedef enum gp_severity { GP_SEV_ERROR = 0, GP_SEV_WARNING = 1 } gp_severity;

typedef struct gp_diag {
    gp_code code;
    gp_severity severity;
    const char *message; /* never NULL */
    const char *file;    /* may be NULL when the problem has no file */
    int line;            /* 1-based; 0 when unknown */
    int col;             /* 1-based; 0 when unknown */
    const char *path;    /* field path; may be NULL */
    const char *hint;    /* may be NULL */
} gp_diag;

/* A growing list of diagnostics. Owned by the caller. */
typedef struct gp_diags gp_diags;

/* Maximum diagnostics kept; further ones are counted but dropped. */
#define GP_DIAGS_CAP 200

gp_diags *gp_diags_new(void);
void gp_diags_free(gp_diags *d); /* NULL-safe */
void gp_diags_clear(gp_diags *d);

size_t gp_diags_count(const gp_diags *d);
const gp_diag *gp_diags_get(const gp_diags *d, size_t i);
size_t gp_diags_errors(const gp_diags *d);  /* count of GP_SEV_ERROR, incl. dropped */
size_t gp_diags_dropped(const gp_diags *d); /* diagnostics beyond the cap */

/* Adds a diagnostic; every string is copied. file, path and hint may be NULL. */
void gp_diags_add(gp_diags *d, gp_code code, gp_severity sev, const char *file, int line, int col,
                  const char *path, const char *hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 9, 10)))
#endif
    ;
void gp_diags_addv(gp_diags *d, gp_code code, gp_severity sev, const char *file, int line, int col,
                   const char *path, const char *hint, const char *fmt, va_list ap);

/* Appends copies of every diagnostic of src to dst. */
void gp_diags_append(gp_diags *dst, const gp_diags *src);

/* Short machine name of a code, e.g. "unknown-key". */
const char *gp_code_name(gp_code code);

/* "Did you mean": the candidate nearest to word by edit distance
 * (case-insensitive), or NULL when none is close enough to be a plausible
 * typo. The result is one of cands (the caller owns them). */
const char *gp_suggest(const char *word, const char *const *cands, size_t n);

#ifdef __cplusplus
}
#endif
#endif
