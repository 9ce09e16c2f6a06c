/* model/rich.c - parses the guide's rich-text markup into paragraphs of runs.
 *
 * Guide authors write prose in YAML block scalars; the layout wants styled
 * runs. The markup is deliberately small and forgiving (see rich.h): a
 * marker that does not close, or a link whose URL is not http(s)/mailto,
 * stays literal text rather than becoming an error, because prose is full
 * of stray asterisks and brackets. Emphasis follows a simplified CommonMark
 * rule: an opener must be followed by a non-space and a closer preceded by
 * one, a single `*` closes on a run of one or three stars, `**` closes on
 * the last two stars of a longer run, which makes `***both***` and
 * `**bold *and italic***` come out as written. */
#include "model/rich.h"

#include <string.h>

#include "base/alloc.h"
#include "base/util.h"

typedef struct tmp_run {
    const char *text;
    unsigned flags;
    const char *url;
} tmp_run;

/* Collects the runs of one paragraph. */
typedef struct runs {
    gp_arena *arena;
    tmp_run *items; /* gp_realloc'ed */
    size_t n, cap;
    gp_buf cur; /* text of the run being built */
    unsigned cur_flags;
    const char *cur_url;
    bool failed;
} runs;

static bool same_url(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

static void flush(runs *r)
{
    if (!r->cur.len)
        return;
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 8;
        tmp_run *ni = gp_realloc(r->items, nc * sizeof *ni);
        if (!ni) {
            r->failed = true;
            return;
        }
        r->items = ni;
        r->cap = nc;
    }
    const char *text = gp_arena_strndup(r->arena, r->cur.data, r->cur.len);
    if (!text) {
        r->failed = true;
        return;
    }
    r->items[r->n++] = (tmp_run){text, r->cur_flags, r->cur_url};
    r->cur.len = 0;
    r->cur.data[0] = '\0';
}

static void emit(runs *r, const char *s, size_t n, unsigned flags, const char *url)
{
    if (!n)
        return;
    if (r->cur.len && (flags != r->cur_flags || !same_url(url, r->cur_url)))
        flush(r);
    gp_buf_append(&r->cur, s, n);
    if (r->cur.failed)
        r->failed = true;
    r->cur_flags = flags;
    r->cur_url = url;
}

bool gp_url_ok(const char *url, size_t len)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    bool scheme = false;
    for (size_t i = 0; i < 3; i++) {
        size_t sl = strlen(schemes[i]);
        if (len > sl && !strncmp(url, schemes[i], sl))
            scheme = true;
    }
    if (!scheme)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= ' ' || c == 0x7F)
            return false;
    }
    return true;
}

static size_t star_run(const char *p, size_t i, size_t end)
{
    size_t k = 0;
    while (i + k < end && p[i + k] == '*')
        k++;
    return k;
}

/* Start of the closing marker for an opener of want stars (1 or 2) in
 * p[from..end), or (size_t)-1. */
static size_t find_closer(const char *p, size_t from, size_t end, size_t want)
{
    size_t j = from;
    while (j < end) {
        if (p[j] != '*') {
            j++;
            continue;
        }
        size_t k = star_run(p, j, end);
        if (j > from && p[j - 1] != ' ') {
            if (want == 2 && k >= 2)
                return j + k - 2;
            if (want == 1 && (k == 1 || k == 3))
                return j + k - 1;
        }
        j += k;
    }
    return (size_t)-1;
}

/* Searches that failed in one parse_inline range: a search for a closer of
 * `want` stars (or for a link's `)`) that found none from position f finds
 * none from any later position either, so it is not repeated. Without this
 * a field of 80,000 unclosed `*a ` took seconds (each opener scanned to the
 * end: quadratic). Index 1 and 2: emphasis closers; 0: the `)` of a URL. */
typedef struct no_match {
    size_t from[3]; /* (size_t)-1: not failed yet */
} no_match;

/* Parses a link at p[i] == '['; on success emits it and returns the index
 * after ')', else returns i. */
static size_t try_link(runs *r, const char *p, size_t i, size_t end, unsigned flags, no_match *nm);

static void parse_inline(runs *r, const char *p, size_t start, size_t end, unsigned flags,
                         const char *url)
{
    size_t i = start, lit = start;
    no_match nm = {{(size_t)-1, (size_t)-1, (size_t)-1}};
    while (i < end && !r->failed) {
        char c = p[i];
        if (c == '[' && !url) {
            emit(r, p + lit, i - lit, flags, url);
            size_t after = try_link(r, p, i, end, flags, &nm);
            if (after != i) {
                i = lit = after;
                continue;
            }
            lit = i;
            i++;
            continue;
        }
        if (c == '*') {
            size_t k = star_run(p, i, end);
            if (k <= 3 && i + k < end && p[i + k] != ' ') {
                size_t want = k == 1 ? 1 : 2;
                size_t inner = i + want;
                size_t close = (size_t)-1;
                if (inner < nm.from[want]) {
                    close = find_closer(p, inner, end, want);
                    if (close == (size_t)-1)
                        nm.from[want] = inner;
                }
                if (close != (size_t)-1 && close > inner) {
                    emit(r, p + lit, i - lit, flags, url);
                    parse_inline(r, p, inner, close,
                                 flags | (want == 2 ? GP_RUN_BOLD : GP_RUN_ITALIC), url);
                    i = lit = close + want;
                    continue;
                }
            }
            i += k; /* literal stars */
            continue;
        }
        i++;
    }
    emit(r, p + lit, end - lit, flags, url);
}

static size_t try_link(runs *r, const char *p, size_t i, size_t end, unsigned flags, no_match *nm)
{
    size_t j = i + 1;
    while (j < end && p[j] != ']' && p[j] != '[')
        j++;
    if (j >= end || p[j] != ']' || j == i + 1 || j + 1 >= end || p[j + 1] != '(')
        return i;
    size_t u = j + 2, k = u;
    if (u >= nm->from[0])
        return i;
    while (k < end && p[k] != ')' && p[k] != ' ')
        k++;
    if (k >= end)
        nm->from[0] = u;
    if (k >= end || p[k] != ')' || !gp_url_ok(p + u, k - u))
        return i;
    const char *link = gp_arena_strndup(r->arena, p + u, k - u);
    if (!link) {
        r->failed = true;
        return i;
    }
    flush(r); /* a link never merges with the text before it */
    parse_inline(r, p, i + 1, j, flags, link);
    flush(r);
    return k + 1;
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Appends the paragraph made of src[start..end) to the list. */
static int add_para(gp_arena *arena, const char *src, size_t start, size_t end, gp_buf *text,
                    gp_para **paras, size_t *n, size_t *cap)
{
    /* collapse white space, trim the ends */
    text->len = 0;
    for (size_t i = start; i < end; i++) {
        if (is_ws(src[i])) {
            while (i + 1 < end && is_ws(src[i + 1]))
                i++;
            if (text->len && i + 1 < end)
                gp_buf_append(text, " ", 1);
        } else {
            gp_buf_append(text, src + i, 1);
        }
    }
    if (text->failed)
        return -1;
    if (!text->len)
        return 0;

    runs r = {0};
    r.arena = arena;
    parse_inline(&r, text->data, 0, text->len, 0, NULL);
    flush(&r);
    int rc = r.failed ? -1 : 0;
    if (!rc && r.n) {
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 4;
            gp_para *np = gp_realloc(*paras, nc * sizeof *np);
            if (!np) {
                rc = -1;
                goto out;
            }
            *paras = np;
            *cap = nc;
        }
        gp_run *rr = gp_arena_alloc(arena, r.n * sizeof *rr);
        if (!rr) {
            rc = -1;
            goto out;
        }
        for (size_t i = 0; i < r.n; i++)
            rr[i] = (gp_run){r.items[i].text, r.items[i].flags, r.items[i].url};
        (*paras)[(*n)++] = (gp_para){rr, r.n};
    }
out:
    gp_free(r.items);
    gp_buf_free(&r.cur);
    return rc;
}

int gp_rich_parse(gp_arena *arena, const char *src, size_t len, gp_rich *out)
{
    out->paras = NULL;
    out->n_paras = 0;
    out->source = gp_arena_strndup(arena, src, len);
    if (!out->source)
        return -1;

    gp_para *paras = NULL;
    size_t n = 0, cap = 0;
    gp_buf text = {0};
    int rc = 0;
    size_t para_start = 0, i = 0;
    while (i <= len && !rc) {
        /* i is at the start of a line */
        size_t e = i;
        while (e < len && src[e] != '\n')
            e++;
        bool blank = true;
        for (size_t k = i; k < e; k++)
            if (!is_ws(src[k]))
                blank = false;
        if (blank || e >= len) {
            size_t pend = blank ? i : e;
            if (pend > para_start)
                rc = add_para(arena, src, para_start, pend, &text, &paras, &n, &cap);
            para_start = e + 1;
        }
        i = e + 1;
    }
    if (!rc && n) {
        out->paras = gp_arena_alloc(arena, n * sizeof *out->paras);
        if (out->paras) {
            memcpy(out->paras, paras, n * sizeof *paras);
            out->n_paras = n;
        } else {
            rc = -1;
        }
    }
    gp_free(paras);
    gp_buf_free(&text);
    return rc;
}
