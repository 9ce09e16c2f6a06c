/* layout/hyphen.c - hyphenation points from libhyphen pattern files.
 *
 * Patterns are Liang's (TeX) patterns converted by LibreOffice's hyphen
 * project and shipped by Debian as /usr/share/hyphen/hyph_<ll>_<CC>.dic.
 * libhyphen gives good points for ordinary words but nonsense for codes
 * and names ("Post=gr=eSQL"), so this file decides which words to ask
 * about: plain ASCII-letter words of 6 letters or more that are not part
 * of a URL, an e-mail address, a file or domain name, and that have no
 * capital inside and no digit next to them. Only the British and American
 * English patterns exist on the machines we build for; other languages
 * (Welsh, Arabic) are simply not hyphenated. */
#include "layout/hyphen.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hyphen.h>

#include "base/alloc.h"
#include "base/util.h"

#define MIN_WORD  6
#define LEFT_MIN  3
#define RIGHT_MIN 3
#define MAX_WORD  63
#define MAX_DICTS 8

struct gp_hyph {
    char lang[16];    /* normalised: "en_GB" */
    HyphenDict *dict; /* NULL: no pattern file for the language */
};

struct gp_hyph_set {
    char *dir;
    pthread_mutex_t lock;
    gp_hyph dicts[MAX_DICTS];
    int n;
};

gp_hyph_set *gp_hyph_set_new(const char *dir)
{
    gp_hyph_set *s = gp_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->dir = gp_strdup(dir ? dir : "/usr/share/hyphen");
    if (!s->dir) {
        gp_free(s);
        return NULL;
    }
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

void gp_hyph_set_free(gp_hyph_set *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        if (s->dicts[i].dict)
            hnj_hyphen_free(s->dicts[i].dict);
    pthread_mutex_destroy(&s->lock);
    gp_free(s->dir);
    gp_free(s);
}

/* "en-GB" -> "en_GB"; "en" or NULL -> "en_GB" (the house default); "cy-GB"
 * -> "cy_GB". */
static void normalise(const char *lang, char out[16])
{
    if (!lang || !lang[0] || !strcmp(lang, "en"))
        lang = "en-GB";
    size_t k = 0;
    for (const char *p = lang; *p && k < 15; p++)
        out[k++] = *p == '-' ? '_' : *p;
    out[k] = '\0';
}

static HyphenDict *load(const gp_hyph_set *s, const char *norm)
{
    /* Try the full tag, then the language alone ("cy_GB" -> "cy"). */
    char name[64];
    snprintf(name, sizeof name, "hyph_%s.dic", norm);
    char *path = gp_path_join(s->dir, name);
    HyphenDict *d = path ? hnj_hyphen_load(path) : NULL;
    gp_free(path);
    if (d || !strchr(norm, '_'))
        return d;
    snprintf(name, sizeof name, "hyph_%.*s.dic", (int)strcspn(norm, "_"), norm);
    path = gp_path_join(s->dir, name);
    d = path ? hnj_hyphen_load(path) : NULL;
    gp_free(path);
    return d;
}

const gp_hyph *gp_hyph_for(gp_hyph_set *s, const char *lang)
{
    if (!s)
        return NULL;
    char norm[16];
    normalise(lang, norm);
    const gp_hyph *found = NULL;
    pthread_mutex_lock(&s->lock);
    for (int i = 0; i < s->n && !found; i++)
        if (!strcmp(s->dicts[i].lang, norm))
            found = &s->dicts[i];
    if (!found && s->n < MAX_DICTS) {
        gp_hyph *h = &s->dicts[s->n++];
        memcpy(h->lang, norm, sizeof h->lang);
        h->dict = load(s, norm);
        found = h;
    }
    pthread_mutex_unlock(&s->lock);
    return found && found->dict ? found : NULL;
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* A whitespace-delimited token that must not be hyphenated anywhere. */
static bool token_is_code(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i] == '@')
            return true;
        if (t[i] == ':' && i + 2 < n && t[i + 1] == '/' && t[i + 2] == '/')
            return true;
        if ((t[i] == 'w' || t[i] == 'W') && i + 3 < n && !strncmp(t + i + 1, "ww.", 3))
            return true;
        /* a dot or slash between letters: gov.uk, index.html, and/or */
        if ((t[i] == '.' || t[i] == '/' || t[i] == '_') && i > 0 && i + 1 < n &&
            isalnum((unsigned char)t[i - 1]) && isalnum((unsigned char)t[i + 1]))
            return true;
    }
    return false;
}

/* The code point starting at p (n bytes available), or 0. */
static unsigned decode(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 2 && (u[0] & 0xE0) == 0xC0)
        return (u[0] & 0x1Fu) << 6 | (u[1] & 0x3Fu);
    if (n >= 3 && (u[0] & 0xF0) == 0xE0)
        return (u[0] & 0x0Fu) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu);
    return 0;
}

/* Latin-1 punctuation (NBSP, guillemets, soft hyphen) and the General
 * Punctuation block (dashes, quotes, ellipsis): not letters. */
static bool is_punct_cp(unsigned cp)
{
    return (cp >= 0xA0 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F);
}

static bool punct_at(const char *p, size_t n)
{
    return is_punct_cp(decode(p, n));
}

/* The character that ends just before p + n (n bytes of token before it). */
static bool punct_before(const char *t, size_t n)
{
    size_t k = n;
    while (k > 0 && ((unsigned char)t[k - 1] & 0xC0) == 0x80)
        k--;
    return k > 0 && punct_at(t + k - 1, n - k + 1);
}

static size_t word_points(const gp_hyph *h, const char *w, size_t n, unsigned char *out)
{
    char low[MAX_WORD + 1];
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && isupper((unsigned char)w[i]))
            return 0; /* internal capital: a name or a code */
        low[i] = (char)tolower((unsigned char)w[i]);
    }
    low[n] = '\0';
    char hy[MAX_WORD + 6];
    memset(hy, 0, sizeof hy);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (hnj_hyphen_hyphenate3(h->dict, low, (int)n, hy, NULL, &rep, &pos, &cut, LEFT_MIN, RIGHT_MIN,
                              LEFT_MIN, RIGHT_MIN)) {
        free(rep);
        free(pos);
        free(cut);
        return 0;
    }
    size_t k = 0;
    if (rep) { /* non-standard hyphenation (not in the English patterns): skip */
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
        free(pos);
        free(cut);
        return 0;
    }
    /* hy[i] odd: a point after letter i, i.e. before byte i + 1. */
    for (size_t i = LEFT_MIN - 1; i + RIGHT_MIN < n; i++)
        if (hy[i] & 1) {
            out[i + 1] = 1;
            k++;
        }
    return k;
}

size_t gp_hyph_points(const gp_hyph *h, const char *text, size_t len, unsigned char *out)
{
    memset(out, 0, len);
    if (!h || !h->dict)
        return 0;
    size_t total = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && is_space((unsigned char)text[i]))
            i++;
        size_t t0 = i;
        while (i < len && !is_space((unsigned char)text[i]))
            i++;
        size_t t1 = i;
        if (t1 == t0 || token_is_code(text + t0, t1 - t0))
            continue;
        for (size_t j = t0; j < t1;) {
            if (!isalpha((unsigned char)text[j]) || (unsigned char)text[j] >= 0x80) {
                j++;
                continue;
            }
            size_t w0 = j;
            while (j < t1 && isalpha((unsigned char)text[j]))
                j++;
            size_t n = j - w0;
            unsigned char before = w0 > t0 ? (unsigned char)text[w0 - 1] : ' ';
            unsigned char after = j < t1 ? (unsigned char)text[j] : ' ';
            /* digits or non-ASCII letters next to it: a code or a word we
             * cannot read (é, ŵ); quotes, dashes and ellipses are fine */
            if (isdigit(before) || isdigit(after) ||
                (before >= 0x80 && !punct_before(text + t0, w0 - t0)) ||
                (after >= 0x80 && !punct_at(text + j, t1 - j)))
                continue;
            if (n >= MIN_WORD && n <= MAX_WORD)
                total += word_points(h, text + w0, n, out + w0);
        }
    }
    return total;
}

static bool word_char(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

size_t gp_hyph_protect(const char *text, size_t len, unsigned char *out, const char *const *terms,
                       size_t n)
{
    size_t cleared = 0;
    for (size_t t = 0; t < n; t++) {
        const char *term = terms[t];
        size_t tl = term ? strlen(term) : 0;
        if (tl == 0 || tl > len)
            continue;
        for (size_t i = 0; i + tl <= len; i++) {
            if (i > 0 && word_char((unsigned char)text[i - 1]))
                continue;
            if (strncasecmp(text + i, term, tl))
                continue;
            size_t e = i + tl;
            while (e < len && word_char((unsigned char)text[e]))
                e++;
            for (size_t k = i; k < e; k++)
                if (out[k]) {
                    out[k] = 0;
                    cleared++;
                }
            i = e - 1;
        }
    }
    return cleared;
}
