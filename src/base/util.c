/* base/util.c - UTF-8, buffers, suggestions, file helpers. */
#include "base/util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"

size_t gp_utf8_check(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else
            return i;
        if (i + n > len)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

int gp_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0)
        return 0;
    unsigned c = s[0];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if ((size_t)n > len)
        return 0;
    uint32_t v = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; k++)
        v = (v << 6) | (s[k] & 0x3F);
    *cp = v;
    return n;
}

int gp_utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

bool gp_is_hostile_control(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t gp_text_neutralise(const char *s, size_t len, bool one_line, char *out, size_t *first_at,
                          uint32_t *first_cp)
{
    size_t dropped = 0, k = 0, chars = 0;
    *first_at = 0;
    *first_cp = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        int n = gp_utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            n = 1;
        chars++;
        if (gp_is_hostile_control(cp) || (one_line && (cp == '\t' || cp == '\n'))) {
            if (!dropped++) {
                *first_at = chars;
                *first_cp = cp;
            }
            if (one_line && (cp == '\t' || cp == '\n'))
                out[k++] = ' ';
        } else {
            memcpy(out + k, s + i, (size_t)n);
            k += (size_t)n;
        }
        i += (size_t)n;
    }
    out[k] = '\0';
    return dropped;
}

static void buf_reserve(gp_buf *b, size_t extra)
{
    if (b->failed)
        return;
    if (b->len + extra + 1 <= b->cap)
        return;
    size_t nc = b->cap ? b->cap : 64;
    while (nc < b->len + extra + 1)
        nc *= 2;
    char *nd = gp_realloc(b->data, nc);
    if (!nd) {
        b->failed = true;
        return;
    }
    b->data = nd;
    b->cap = nc;
}

void gp_buf_append(gp_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (b->failed)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void gp_buf_puts(gp_buf *b, const char *s)
{
    gp_buf_append(b, s, strlen(s));
}

void gp_buf_printf(gp_buf *b, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        buf_reserve(b, (size_t)n);
        if (!b->failed) {
            vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
            b->len += (size_t)n;
        }
    }
    va_end(ap2);
}

void gp_buf_free(gp_buf *b)
{
    gp_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = false;
}

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return (size_t)-1;
    size_t prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost =
                tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 1]) ? 0 : 1;
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            cur[j] = v;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(size_t));
    }
    return prev[lb];
}

const char *gp_suggest(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    size_t wl = strlen(word);
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(word, cands[i]);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    size_t allowed = wl <= 3 ? 1 : wl <= 6 ? 2 : 3;
    return best && best_d <= allowed ? best : NULL;
}

static int file_read(const char *path, size_t max_bytes, char **out, size_t *len,
                     bool regular_only);

int gp_file_read(const char *path, size_t max_bytes, char **out, size_t *len)
{
    return file_read(path, max_bytes, out, len, false);
}

int gp_file_read_input(const char *path, size_t max_bytes, char **out, size_t *len)
{
    return file_read(path, max_bytes, out, len, true);
}

const char *gp_file_strerror(int rc, int err)
{
    return rc == -3 ? "not a regular file (a FIFO, device or socket); refused without reading it"
                    : strerror(err);
}

static int file_read(const char *path, size_t max_bytes, char **out, size_t *len, bool regular_only)
{
    *out = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO nobody writes to returns at once instead
     * of blocking (a FIFO named guide.yaml hung render, check and batch). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
    if (fd < 0)
        return -1;
    struct stat st;
    if (regular_only && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -3;
    }
    if (regular_only)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        return -1;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return -1;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max_bytes) {
        fclose(f);
        return -2;
    }
    gp_buf b = {0};
    char tmp[65536];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (b.len + r > max_bytes) {
            gp_buf_free(&b);
            fclose(f);
            return -2;
        }
        gp_buf_append(&b, tmp, r);
    }
    int err = ferror(f);
    fclose(f);
    if (err || b.failed) {
        gp_buf_free(&b);
        errno = err ? EIO : ENOMEM;
        return -1;
    }
    if (!b.data)
        gp_buf_append(&b, "", 0);
    if (b.failed)
        return -1;
    *out = b.data;
    *len = b.len;
    return 0;
}

char *gp_path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return gp_strdup(".");
    if (slash == path)
        return gp_strdup("/");
    return gp_strndup(path, (size_t)(slash - path));
}

char *gp_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !dir[0])
        return gp_strdup(rel);
    size_t ld = strlen(dir), lr = strlen(rel);
    char *p = gp_malloc(ld + lr + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, ld);
    p[ld] = '/';
    memcpy(p + ld + 1, rel, lr + 1);
    return p;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

char **gp_dir_names(const char *dir, bool (*keep)(const char *name), size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t cap = 32;
    char **names = gp_malloc(cap * sizeof *names);
    struct dirent *de;
    while (names && (de = readdir(d)) != NULL) {
        if (!keep(de->d_name))
            continue;
        if (*n == cap) {
            char **nn = gp_realloc(names, cap * 2 * sizeof *nn);
            if (!nn)
                break;
            names = nn;
            cap *= 2;
        }
        char *copy = gp_strdup(de->d_name);
        if (copy)
            names[(*n)++] = copy;
    }
    closedir(d);
    if (!names) {
        errno = ENOMEM;
        return NULL;
    }
    qsort(names, *n, sizeof *names, cmp_names);
    return names;
}
