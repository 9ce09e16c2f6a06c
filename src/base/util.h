/* base/util.h - UTF-8, growable buffers, "did you mean" suggestions, files.
 * No Pango, Cairo or yaml here. */
#ifndef GP_BASE_UTIL_H
#define GP_BASE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <guidepress/error.h>

/* UTF-8 ---------------------------------------------------------------- */

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..len),
 * or len when all of it is valid (overlongs, surrogates and code points
 * above U+10FFFF are invalid). */
size_t gp_utf8_check(const char *s, size_t len);

/* Decodes one code point at s (valid UTF-8 assumed); returns its length
 * in bytes (1..4) or 0 at the end/on error. */
int gp_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Appends the UTF-8 encoding of cp to out (at least 4 bytes); returns its
 * length. */
int gp_utf8_encode(uint32_t cp, char *out);

/* True for the characters a name or title may not carry (issue 21, the
 * "Trojan Source" class): bidi embeddings, overrides and isolates
 * (U+202A-U+202E, U+2066-U+2069), C0 controls other than tab and newline,
 * DEL and the C1 controls (U+0080-U+009F). */
bool gp_is_hostile_control(uint32_t cp);

/* Copies valid UTF-8 s[0..len) to out (len + 1 bytes) without those
 * characters, tabs and newlines becoming spaces when one_line; returns how
 * many were dropped, with the first one's character index (from 1) and
 * code point. */
size_t gp_text_neutralise(const char *s, size_t len, bool one_line, char *out, size_t *first_at,
                          uint32_t *first_cp);

/* Growable string buffer ------------------------------------------------ */

typedef struct gp_buf {
    char *data; /* always NUL-terminated when non-NULL */
    size_t len, cap;
    bool failed; /* sticky: an allocation failed */
} gp_buf;

void gp_buf_append(gp_buf *b, const char *s, size_t n);
void gp_buf_puts(gp_buf *b, const char *s);
void gp_buf_printf(gp_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void gp_buf_free(gp_buf *b);

/* Suggestions ----------------------------------------------------------- */

/* gp_suggest(word, cands, n), the nearest candidate: public, in
 * <guidepress/error.h>. */

/* Files ------------------------------------------------------------------ */

/* Reads a whole file (NUL-terminated). Returns 0, -1 if it cannot be read
 * (errno set), -2 if it is larger than max_bytes. *out is gp_malloc'ed. */
int gp_file_read(const char *path, size_t max_bytes, char **out, size_t *len);

/* The same for a guide, style or CSV: a FIFO, device or socket is refused
 * with -3 without reading (and without blocking on a FIFO's open). */
int gp_file_read_input(const char *path, size_t max_bytes, char **out, size_t *len);

/* The reason for a failed gp_file_read*: rc -3's, else strerror(err). */
const char *gp_file_strerror(int rc, int err);

/* Folder part of path ("." when none); gp_malloc'ed. */
char *gp_path_dirname(const char *path);

/* dir/rel unless rel is absolute; gp_malloc'ed. */
char *gp_path_join(const char *dir, const char *rel);

/* The names of the entries of folder dir that keep() accepts, sorted by
 * strcmp so that an order never depends on the file system; *n of them.
 * Each name and the array are gp_malloc'ed (gp_free both). NULL with errno
 * set when the folder cannot be opened; a folder with no such entry gives
 * an array with *n == 0. Names that do not fit in memory are left out. */
char **gp_dir_names(const char *dir, bool (*keep)(const char *name), size_t *n);

/* The folder holding the bundled fonts/ and shipped styles/: next to the
 * installed library (<prefix>/share/guidepress), else the source tree the
 * program was built from, else the configured install folder. Never NULL;
 * resolved once per process (base/datadir.c). */
const char *gp_data_dir_default(void);
/* The absolute path of the file holding the library's code (libguidepress.so,
 * or the program linked with libguidepress.a), in self (PATH_MAX bytes);
 * false when it cannot be found. */
bool gp_code_file(char *self); /* public too, in guidepress.h */
/* gp_data_dir_default()/styles. */
const char *gp_data_dir_styles(void);

#endif
