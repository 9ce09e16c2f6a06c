/* layout/typo.c - typography from the data (issue 20), applied to every
 * text before it is shaped: the guide's straight quotes and apostrophes
 * become the language's quotes, a hyphen between two numbers ("Month 1-3",
 * "6-12 months") becomes an en dash,
 * emphasis is set in bold where the
 * style forbids italics or the script has none (Arabic, Urdu, Persian,
 * Hebrew), and a print style puts a link's address on paper, after the
 * link text or as a numbered note. Dates ("2026-11-25"), codes and URLs
 * keep their hyphens; text inside a link's address is never touched. */
#include "layout/flow.h"

#include <string.h>

#include "base/util.h"

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool no_italic_script(const gp_lctx *lc)
{
    const char *l = lc->g && lc->g->lang.s ? lc->g->lang.s : "en";
    return !strncmp(l, "ar", 2) || !strncmp(l, "ur", 2) || !strncmp(l, "fa", 2) ||
           !strncmp(l, "he", 2);
}

static bool italics_allowed(const gp_lctx *lc)
{
    return lc->s->typography.italics && !no_italic_script(lc);
}

const gp_text_style *gp_typo_style(const gp_lctx *lc, const gp_text_style *ts, gp_text_style *tmp)
{
    if (!ts->italic || italics_allowed(lc))
        return ts;
    *tmp = *ts;
    tmp->italic = false;
    if (tmp->weight < 700)
        tmp->weight = 700;
    return tmp;
}

/* Whether the token around byte i of s looks like an address, a file name
 * or an e-mail (no typographic changes there). */
static bool in_address(const char *s, size_t len, size_t i)
{
    size_t a = i, b = i;
    while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '\n')
        a--;
    while (b < len && s[b] != ' ' && s[b] != '\n')
        b++;
    for (size_t k = a; k + 1 < b; k++) {
        if (s[k] == '@' || (s[k] == ':' && k + 2 < b && s[k + 1] == '/' && s[k + 2] == '/'))
            return true;
        if (k + 4 <= b && !strncmp(s + k, "www.", 4))
            return true;
    }
    return false;
}

/* A hyphen at i between two numbers that is a range, not a date or a
 * code: one digit group each side, no other hyphen, slash or colon
 * joined to them. */
static bool range_hyphen(const char *s, size_t len, size_t i)
{
    if (i == 0 || i + 1 >= len || !is_digit(s[i - 1]) || !is_digit(s[i + 1]))
        return false;
    size_t a = i;
    while (a > 0 && (is_digit(s[a - 1]) || s[a - 1] == ','))
        a--;
    size_t b = i + 1;
    while (b < len && (is_digit(s[b]) || s[b] == ','))
        b++;
    if (a > 0 && strchr("-/:.", s[a - 1]))
        return false;
    if (b < len && strchr("-/:", s[b]))
        return false;
    if (b + 1 < len && s[b] == '.' && is_digit(s[b + 1]))
        return false;
    return !in_address(s, len, i);
}

typedef struct quote_set {
    const char *dopen, *dclose, *sopen, *apos;
} quote_set;

/* The guide language's quotes (double open and close, single open) and its
 * apostrophe, which also closes a single quote (a straight single quote
 * in the data is nearly always an apostrophe). English and Welsh “…” ‘…’
 * (CLDR en, cy); Polish „…” ‚…’; German „…“ ‚…’; Arabic and Persian «…» as Arabic
 * print sets them (CLDR fa; CLDR ar has ”…“, which most Arabic printers
 * replace with guillemets); Urdu “…” ‘…’ (CLDR ur). */
static quote_set quotes_for(const gp_lctx *lc)
{
    const char *l = lc->g && lc->g->lang.s ? lc->g->lang.s : "en";
    if (!strncmp(l, "ar", 2) || !strncmp(l, "fa", 2))
        return (quote_set){"\u00AB", "\u00BB", "\u2018", "\u2019"};
    if (!strncmp(l, "pl", 2))
        return (quote_set){"\u201E", "\u201D", "\u201A", "\u2019"};
    if (!strncmp(l, "de", 2))
        return (quote_set){"\u201E", "\u201C", "\u201A", "\u2019"};
    return (quote_set){"\u201C", "\u201D", "\u2018", "\u2019"};
}

/* Appends text to b with smart quotes and range dashes; *prev is the last
 * byte written before (0 at the start), carried over from run to run. */
static void smarten(const gp_lctx *lc, gp_buf *b, const char *t, char *prev)
{
    const gp_style *s = lc->s;
    quote_set q = quotes_for(lc);
    /* Right-to-left scripts get the en dash too. It is a bidi neutral, so
     * between figures in a right-to-left sentence it follows the sentence:
     * "6–12" is set with its first figure on the right, read first (UAX
     * #9, rule N1). That is the order a hyphen already gets after Arabic
     * letters (rule W2 makes the figures Arabic numbers, which rule W4
     * does not join across a hyphen), and the order Arabic print uses for
     * ranges; a figure inside a run of Latin text stays left to right. The
     * PDF's text keeps the logical order, "6–12". */
    bool ranges = s->typography.range_dash;
    size_t len = strlen(t);
    for (size_t i = 0; i < len; i++) {
        char c = t[i];
        char p = i ? t[i - 1] : *prev;
        bool open_ctx = p == 0 || p == ' ' || p == '\n' || p == '(' || p == '[' || p == '{' ||
                        p == '-' || (unsigned char)p == 0x94 /* end of an em/en dash */;
        if (s->typography.smart_quotes && c == '"' && !in_address(t, len, i)) {
            gp_buf_puts(b, open_ctx ? q.dopen : q.dclose);
        } else if (s->typography.smart_quotes && c == '\'' && !in_address(t, len, i)) {
            gp_buf_puts(b, open_ctx ? q.sopen : q.apos);
        } else if (ranges && c == '-' && range_hyphen(t, len, i)) {
            gp_buf_puts(b, "\u2013");
        } else {
            gp_buf_append(b, &c, 1);
        }
    }
    if (len)
        *prev = t[len - 1];
}

const char *gp_typo_plain(gp_lctx *lc, const char *text)
{
    if (!text || (!strchr(text, '"') && !strchr(text, '\'') && !strchr(text, '-')))
        return text;
    gp_buf b = {0};
    char prev = 0;
    smarten(lc, &b, text, &prev);
    const char *out = gp_arena_strdup(lc->a, b.data ? b.data : "");
    gp_buf_free(&b);
    return out ? out : text;
}

/* "https://www.example.com/path/" -> "www.example.com/path" */
static const char *short_address(gp_lctx *lc, const char *url)
{
    const char *u = url;
    static const char *const schemes[] = {"https://", "http://", "mailto:"};
    for (size_t i = 0; i < 3; i++)
        if (!strncmp(u, schemes[i], strlen(schemes[i])))
            u += strlen(schemes[i]);
    size_t n = strlen(u);
    while (n > 0 && u[n - 1] == '/')
        n--;
    return gp_arena_printf(lc->a, "%.*s", (int)n, u);
}

static const char *superscript(gp_lctx *lc, int n)
{
    static const char *const digits[] = {"\u2070", "\u00B9", "\u00B2", "\u00B3", "\u2074",
                                         "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    gp_buf b = {0};
    for (const char *p = num; *p; p++)
        gp_buf_puts(&b, digits[*p - '0']);
    const char *s = gp_arena_strdup(lc->a, b.data ? b.data : "");
    gp_buf_free(&b);
    return s;
}

const gp_para *gp_typo_para(gp_lctx *lc, const gp_para *para)
{
    if (!para)
        return para;
    bool italics = italics_allowed(lc);
    int links = lc->s->typography.link_addresses;
    size_t extra = 0;
    for (size_t i = 0; i < para->n_runs; i++)
        if (para->runs[i].url && links != GP_LINKS_NONE)
            extra++;
    gp_run *runs = gp_arena_alloc(lc->a, (para->n_runs + extra + 1) * sizeof *runs);
    gp_para *out = gp_arena_alloc(lc->a, sizeof *out);
    if (!runs || !out) {
        lc->failed = 1;
        return para;
    }
    size_t n = 0;
    char prev = 0;
    for (size_t i = 0; i < para->n_runs; i++) {
        gp_run r = para->runs[i];
        if (!italics && (r.flags & GP_RUN_ITALIC))
            r.flags = (r.flags & ~(unsigned)GP_RUN_ITALIC) | GP_RUN_BOLD;
        if (r.text) {
            gp_buf b = {0};
            smarten(lc, &b, r.text, &prev);
            const char *t = gp_arena_strdup(lc->a, b.data ? b.data : "");
            gp_buf_free(&b);
            if (t)
                r.text = t;
        }
        runs[n++] = r;
        if (r.url && links != GP_LINKS_NONE) {
            const char *addr = short_address(lc, r.url);
            gp_run a = {NULL, 0, NULL};
            if (links == GP_LINKS_AFTER) {
                if (r.text && addr && strstr(r.text, addr))
                    continue; /* the text is the address already */
                a.text = gp_arena_printf(lc->a, " (%s)", addr ? addr : r.url);
            } else {
                if (lc->n_notes == lc->cap_notes) {
                    int cap = lc->cap_notes ? 2 * lc->cap_notes : 16;
                    const char **grown =
                        gp_arena_grow(lc->a, lc->notes, (size_t)lc->cap_notes * sizeof *grown,
                                      (size_t)cap * sizeof *grown);
                    if (!grown) {
                        lc->failed = 1;
                        return para;
                    }
                    lc->notes = grown;
                    lc->cap_notes = cap;
                }
                lc->notes[lc->n_notes] = addr ? addr : r.url;
                a.text = superscript(lc, ++lc->n_notes);
            }
            if (a.text)
                runs[n++] = a;
        }
    }
    out->runs = runs;
    out->n_runs = n;
    return out;
}
