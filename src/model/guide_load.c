/* model/guide_load.c - loads and validates a guide file (the top level).
 *
 * A guide comes from careers advisers and content scripts, so the loader is
 * the place where a typo must never silently drop content: every key is
 * checked against the format (shared/spec/guide-format.md), every error is
 * collected (not just the first), each with file:line:col, the field path
 * and what was expected versus found, and reported in file order. Once it
 * loads, the guide is complete: defaults (title, lang, currency, labels)
 * and derived stats are filled in, and rich text is parsed, so the layout
 * only reads structs. The section validators live in guide_sections.c. */
#include <guidepress/guide.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/i18n.h"
#include "base/util.h"
#include "model/guide_load.h"
#include "model/labels.h"
#include "model/rich.h"
#include "model/ytree.h"

gp_arena *gp_guide_arena(gp_guide *g)
{
    return g->priv->arena;
}

/* Shared helpers --------------------------------------------------------- */

void gp_ld_error(gp_loader *L, gp_code code, const gp_ynode *at, const char *path, const char *hint,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* a composed guide's nodes come from several files (src/compose/) */
    const char *file = at && at->file ? at->file : L->file;
    gp_diags_addv(L->diags, code, GP_SEV_ERROR, file, at ? at->line : 0, at ? at->col : 0, path,
                  hint, fmt, ap);
    va_end(ap);
}

static void nomem(gp_loader *L)
{
    gp_ld_error(L, GP_ERR_NOMEM, NULL, NULL, NULL, "out of memory while loading the guide");
}

const char *gp_ld_key_path(gp_loader *L, const char *parent, const char *key)
{
    if (!parent || !parent[0])
        return gp_arena_strdup(L->arena, key);
    return gp_arena_printf(L->arena, "%s.%s", parent, key);
}

const char *gp_ld_index_path(gp_loader *L, const char *parent, size_t i)
{
    return gp_arena_printf(L->arena, "%s[%zu]", parent ? parent : "", i);
}

gp_pos gp_ld_pos(const gp_ynode *n)
{
    gp_pos p = {0};
    if (n) {
        p.file = n->file;
        p.line = n->line;
        p.col = n->col;
    }
    return p;
}

bool gp_ld_map(gp_loader *L, const gp_ynode *n, const char *path, const char *what,
               const char *expect)
{
    if (n && n->kind == GP_Y_MAP)
        return true;
    gp_ld_error(L, GP_ERR_TYPE, n, path, NULL, "%s must be a mapping (%s), found %s", what, expect,
                gp_ynode_describe(L->arena, n));
    return false;
}

static const char *join_keys(gp_loader *L, const char *const *keys, size_t n)
{
    gp_buf b = {0};
    for (size_t i = 0; i < n; i++) {
        if (i)
            gp_buf_puts(&b, ", ");
        gp_buf_puts(&b, keys[i]);
    }
    const char *s = b.failed || !b.data ? NULL : gp_arena_strdup(L->arena, b.data);
    gp_buf_free(&b);
    return s;
}

/* Remembers that the key at path is probably misspelt in the file. */
static void note_typo(gp_loader *L, const char *path)
{
    if (!path)
        return;
    if (L->n_typo == L->cap_typo) {
        size_t cap = L->cap_typo ? 2 * L->cap_typo : 8;
        const char **p = gp_arena_alloc(L->arena, cap * sizeof *p);
        if (!p)
            return;
        if (L->n_typo)
            memcpy(p, L->typo_paths, L->n_typo * sizeof *p);
        L->typo_paths = p;
        L->cap_typo = cap;
    }
    L->typo_paths[L->n_typo++] = path;
}

/* True when d is a "missing required key" error for a key that an unknown
 * key is probably a typo of; that key's own error says so. */
static bool typo_missing(const gp_loader *L, const gp_diag *d)
{
    if (d->code != GP_ERR_REQUIRED || !d->path)
        return false;
    for (size_t i = 0; i < L->n_typo; i++)
        if (!strcmp(L->typo_paths[i], d->path))
            return true;
    return false;
}

void gp_ld_keys(gp_loader *L, const gp_ynode *map, const char *path, const char *what,
                const char *const *keys, size_t n)
{
    gp_ld_keys_as(L, map, path, what, what, keys, n);
}

void gp_ld_keys_as(gp_loader *L, const gp_ynode *map, const char *path, const char *what,
                   const char *noun, const char *const *keys, size_t n)
{
    if (!map || map->kind != GP_Y_MAP)
        return;
    for (size_t i = 0; i < map->n_pairs; i++) {
        const gp_ynode *k = map->pairs[i].key;
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = !strcmp(k->str, keys[j]);
        if (known)
            continue;
        const char *near = gp_suggest(k->str, keys, n);
        const char *list = join_keys(L, keys, n);
        const char *hint =
            list ? gp_arena_printf(L->arena, "the keys of %s are: %s", noun, list) : NULL;
        const char *kp = gp_ld_key_path(L, path, k->str);
        if (near && !gp_ymap_get(map, near))
            note_typo(L, gp_ld_key_path(L, path, near));
        if (near)
            gp_ld_error(L, GP_ERR_UNKNOWN_KEY, k, kp, hint,
                        "unknown key `%s` in %s; did you mean `%s`?", k->str, what, near);
        else
            gp_ld_error(L, GP_ERR_UNKNOWN_KEY, k, kp, hint, "unknown key `%s` in %s", k->str, what);
    }
}

/* map[key] when present and not null; reports a missing required value. */
static const gp_ynode *field(gp_loader *L, const gp_ynode *map, const char *key, const char *path,
                             bool required, const char *what, const char *expect,
                             const char **kpath)
{
    *kpath = gp_ld_key_path(L, path, key);
    const gp_ynode *v = gp_ymap_get(map, key);
    if (v && !gp_ynode_is_null(v))
        return v;
    if (required && !v)
        gp_ld_error(L, GP_ERR_REQUIRED, map, *kpath, NULL,
                    "missing required key `%s` in %s (expected %s)", key, what, expect);
    else if (required)
        gp_ld_error(L, GP_ERR_REQUIRED, v, *kpath, NULL, "`%s` is empty; expected %s", key, expect);
    return NULL;
}

static const gp_ynode *text_node(gp_loader *L, const gp_ynode *map, const char *key,
                                 const char *path, bool required, const char *what,
                                 const char **kpath)
{
    const gp_ynode *v = field(L, map, key, path, required, what, "text", kpath);
    if (!v)
        return NULL;
    if (v->kind != GP_Y_SCALAR) {
        gp_ld_error(L, GP_ERR_TYPE, v, *kpath, NULL, "`%s` must be text, found %s", key,
                    gp_ynode_describe(L->arena, v));
        return NULL;
    }
    if (required && v->len == 0) {
        gp_ld_error(L, GP_ERR_VALUE, v, *kpath, NULL, "`%s` must not be empty", key);
        return NULL;
    }
    return v;
}

bool gp_ld_text(gp_loader *L, const gp_ynode *map, const char *key, const char *path, bool required,
                const char *what, gp_text *out)
{
    const char *kp;
    memset(out, 0, sizeof *out);
    const gp_ynode *v = text_node(L, map, key, path, required, what, &kp);
    if (!v)
        return false;
    out->s = v->str; /* the tree lives in the guide's arena */
    out->pos = gp_ld_pos(v);
    /* Names and titles: a bidi override or a control character could
     * reorder or hide what follows it in the PDF, its metadata and its
     * outline (issue 21); dropped with a warning at the field. */
    char *clean = v->len ? gp_arena_alloc(L->arena, v->len + 1) : NULL;
    size_t at;
    uint32_t cp;
    if (clean && gp_text_neutralise(v->str, v->len, false, clean, &at, &cp)) {
        gp_diags_add(L->diags, GP_ERR_VALUE, GP_SEV_WARNING, L->file, out->pos.line, out->pos.col,
                     kp, "bidi and control characters could reorder or hide the text beside them",
                     "`%s` has a control character U+%04X at character %zu; removed", key,
                     (unsigned)cp, at);
        out->s = clean;
    }
    return true;
}

bool gp_ld_rich(gp_loader *L, const gp_ynode *map, const char *key, const char *path, bool required,
                const char *what, gp_rich *out)
{
    const char *kp;
    memset(out, 0, sizeof *out);
    const gp_ynode *v = text_node(L, map, key, path, required, what, &kp);
    if (!v)
        return false;
    if (gp_rich_parse(L->arena, v->str, v->len, out) != 0) {
        nomem(L);
        return false;
    }
    out->pos = gp_ld_pos(v);
    return true;
}

bool gp_ld_bool(gp_loader *L, const gp_ynode *map, const char *key, const char *path, bool required,
                const char *what, bool *out)
{
    const char *kp;
    const gp_ynode *v = field(L, map, key, path, required, what, "true or false", &kp);
    if (!v)
        return false;
    if (!gp_ynode_bool(v, out)) {
        gp_ld_error(L, GP_ERR_TYPE, v, kp,
                    v->plain ? "write true or false" : "write true or false without quotes",
                    "`%s` must be true or false, found %s", key, gp_ynode_describe(L->arena, v));
        return false;
    }
    return true;
}

const gp_ynode *gp_ld_list(gp_loader *L, const gp_ynode *map, const char *key, const char *path,
                           bool required, bool nonempty, const char *what)
{
    const char *kp;
    const gp_ynode *v = field(L, map, key, path, required, what, "a list", &kp);
    if (!v)
        return NULL;
    if (v->kind != GP_Y_SEQ) {
        gp_ld_error(L, GP_ERR_TYPE, v, kp, "start each entry on its own line with `- `",
                    "`%s` must be a list, found %s", key, gp_ynode_describe(L->arena, v));
        return NULL;
    }
    if (nonempty && v->n_items == 0) {
        gp_ld_error(L, GP_ERR_VALUE, v, kp, NULL, "`%s` must have at least one entry, found %s",
                    key, gp_ynode_describe(L->arena, v));
        return NULL;
    }
    return v;
}

const char *gp_ld_as_label(gp_loader *L, const char *role)
{
    if (!role)
        return NULL;
    /* "an" before a vowel letter; "U" words mostly sound "you" (a UX...).
     * This is the English default; the layout words it in the guide's
     * language from the same message ids (section.labels_derived). */
    bool an = role[0] && strchr("AEIOaeio", role[0]) != NULL;
    return gp_arena_printf(L->arena, an ? "As an %s" : "As a %s", role);
}

/* Value checks shared with gp_guide_set ------------------------------------ */

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* BCP 47-ish: a 2-3 letter language, then subtags of 1-8 letters/digits. */
static bool lang_ok(const char *s)
{
    size_t i = 0;
    while (is_alpha(s[i]))
        i++;
    if (i < 2 || i > 3)
        return false;
    while (s[i] == '-') {
        size_t k = ++i;
        while (is_alpha(s[i]) || is_digit(s[i]))
            i++;
        if (i == k || i - k > 8)
            return false;
    }
    return s[i] == '\0';
}

/* cmake/gen-iso4217.cmake: the current codes from iso-codes, sorted. */
extern const char gp_iso4217_codes[][4];
extern const size_t gp_iso4217_count;

static int code_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

static bool currency_ok(const char *s)
{
    return strlen(s) == 3 &&
           bsearch(s, gp_iso4217_codes, gp_iso4217_count, sizeof gp_iso4217_codes[0], code_cmp);
}

/* The code a mistyped one was meant to be: two letters swapped (GPB) or one
 * letter wrong (GBR), with GBP, EUR and USD preferred; NULL when none. */
static const char *currency_near(const char *s)
{
    static const char *const common[] = {"GBP", "EUR", "USD"};
    const char *best = NULL;
    for (int pass = 0; pass < 2 && !best; pass++) {
        size_t n = pass ? gp_iso4217_count : 3;
        for (size_t i = 0; i < n && !best; i++) {
            const char *c = pass ? gp_iso4217_codes[i] : common[i];
            int diff = 0;
            for (int k = 0; k < 3; k++)
                diff += (s[k] & ~0x20) != c[k];
            /* ab? -> ba?, or ?ab -> ?ba (the other letter equal) */
            int u0 = s[0] & ~0x20, u1 = s[1] & ~0x20, u2 = s[2] & ~0x20;
            bool swapped = (u0 == c[1] && u1 == c[0] && u2 == c[2]) ||
                           (u1 == c[2] && u2 == c[1] && u0 == c[0]);
            if (diff <= 1 || (diff == 2 && swapped))
                best = c;
        }
    }
    return best;
}

static bool date_ok(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !is_digit(s[i]))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    int dm = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        dm = 29;
    return d <= dm;
}

/* Returns NULL when value suits key, else what was expected. */
static const char *check_value(const char *key, const char *v)
{
    if (!strcmp(key, "lang") && !lang_ok(v))
        return "a language tag like en-GB";
    if (!strcmp(key, "currency") && !currency_ok(v))
        return "a current ISO 4217 currency code in capitals, like GBP";
    if ((!strcmp(key, "date") || !strcmp(key, "start")) && !date_ok(v))
        return "a date written YYYY-MM-DD";
    return NULL;
}

static void checked_text(gp_loader *L, const gp_ynode *root, const char *key, gp_text *out)
{
    if (!gp_ld_text(L, root, key, NULL, false, "the guide", out))
        return;
    const char *want = check_value(key, out->s);
    if (want) {
        const char *near =
            !strcmp(key, "currency") && strlen(out->s) == 3 ? currency_near(out->s) : NULL;
        const char *hint = near ? gp_arena_printf(L->arena, "did you mean `%s`?", near) : NULL;
        gp_ld_error(L, GP_ERR_VALUE, gp_ymap_get(root, key), key, hint,
                    "`%s` must be %s, found \"%s\"", key, want, out->s);
        out->s = NULL;
    }
}

/* The top level ------------------------------------------------------------ */

static const char *const top_keys[] = {
    "guide",    "from",  "to",           "title",       "kicker", "summary",  "market", "lang",
    "currency", "stats", "prepared_for", "prepared_by", "date",   "sections", "labels", "digits",
};

const char *const *gp_ld_top_keys(size_t *n)
{
    *n = sizeof top_keys / sizeof top_keys[0];
    return top_keys;
}

static void load_version(gp_loader *L, const gp_ynode *root, gp_guide *g)
{
    const gp_ynode *v = gp_ymap_get(root, "guide");
    double d;
    if (!v) {
        gp_ld_error(L, GP_ERR_REQUIRED, root, "guide", "start the file with `guide: 1`",
                    "missing required key `guide` in the guide (expected the format "
                    "version, 1)");
    } else if (!gp_ynode_number(v, &d)) {
        gp_ld_error(L, GP_ERR_TYPE, v, "guide", NULL,
                    "`guide` must be the format version number 1, found %s",
                    gp_ynode_describe(L->arena, v));
    } else if (d != 1) {
        gp_ld_error(L, GP_ERR_VALUE, v, "guide", "this program reads version 1",
                    "unsupported guide format version %s; expected 1", v->str);
    } else {
        g->version = 1;
    }
}

static void load_stats(gp_loader *L, const gp_ynode *root, gp_guide *g)
{
    const gp_ynode *list = gp_ld_list(L, root, "stats", NULL, false, false, "the guide");
    if (!list) {
        g->stats_derived =
            gp_ymap_get(root, "stats") == NULL || gp_ynode_is_null(gp_ymap_get(root, "stats"));
        return;
    }
    g->stats = gp_arena_alloc(L->arena, (list->n_items ? list->n_items : 1) * sizeof *g->stats);
    if (!g->stats) {
        nomem(L);
        return;
    }
    static const char *const keys[] = {"value", "label"};
    for (size_t i = 0; i < list->n_items; i++) {
        const gp_ynode *it = list->items[i];
        const char *p = gp_ld_index_path(L, "stats", i);
        if (!gp_ld_map(L, it, p, "a stat", "with `value` and `label`"))
            continue;
        gp_ld_keys(L, it, p, "a stat", keys, 2);
        gp_stat *s = &g->stats[g->n_stats++];
        gp_ld_text(L, it, "value", p, true, "a stat", &s->value);
        gp_ld_text(L, it, "label", p, true, "a stat", &s->label);
    }
}

static gp_text default_text(const char *s)
{
    gp_text t = {0};
    t.s = s;
    return t;
}

/* Headline figures when the guide gives none: the first timeline's
 * duration, the number of transferable skills and the number of steps. */
static void derive_stats(gp_loader *L, gp_guide *g)
{
    const gp_section *timeline = NULL;
    size_t skills = 0, steps = 0;
    bool have_skills = false;
    for (size_t i = 0; i < g->n_sections; i++) {
        const gp_section *s = &g->sections[i];
        if (s->type == GP_SEC_TIMELINE) {
            if (!timeline)
                timeline = s;
            steps += s->n_steps;
        } else if (s->type == GP_SEC_SKILLS) {
            have_skills = true;
            skills += s->n_skills;
        }
    }
    g->stats = gp_arena_alloc(L->arena, 3 * sizeof *g->stats);
    if (!g->stats) {
        nomem(L);
        return;
    }
    g->n_stats = 0;
    if (timeline && timeline->duration.s) {
        g->stats[g->n_stats].value = timeline->duration;
        g->stats[g->n_stats].msgid = "timeline";
        g->stats[g->n_stats++].label = default_text("timeline");
    }
    if (have_skills) {
        /* the layout picks the catalogue's plural form for n */
        g->stats[g->n_stats].value = default_text(gp_arena_printf(L->arena, "%zu", skills));
        g->stats[g->n_stats].n = skills;
        g->stats[g->n_stats].msgid = "transferable skill";
        g->stats[g->n_stats].plural = "transferable skills";
        g->stats[g->n_stats++].label =
            default_text(skills == 1 ? "transferable skill" : "transferable skills");
    }
    if (timeline) {
        g->stats[g->n_stats].value = default_text(gp_arena_printf(L->arena, "%zu", steps));
        g->stats[g->n_stats].n = steps;
        g->stats[g->n_stats].msgid = "step";
        g->stats[g->n_stats].plural = "steps";
        g->stats[g->n_stats++].label = default_text(steps == 1 ? "step" : "steps");
    }
}

/* A language with no catalogue (or whose locale this machine lacks) is
 * set in English: said once, at the `lang` field. */
static void check_lang(gp_loader *L, const gp_ynode *at, const char *lang)
{
    if (!lang || !at || !lang_ok(lang))
        return;
    const gp_lang *l = gp_lang_find(lang);
    if (!l)
        gp_diags_add(L->diags, GP_WARN_OTHER, GP_SEV_WARNING, L->file, at->line, at->col, "lang",
                     "languages with a catalogue: en, cy, ar, ur, pl; docs/translating.md "
                     "adds one",
                     "`lang: %s`: no catalogue for this language; the words the layout adds, "
                     "dates and numbers fall back to English",
                     lang);
    else if (!gp_lang_available(l))
        gp_diags_add(L->diags, GP_WARN_OTHER, GP_SEV_WARNING, L->file, at->line, at->col, "lang",
                     "scripts/setup.sh generates it (locale-gen)",
                     "`lang: %s`: the locale %s is not installed on this machine; the words the "
                     "layout adds, dates and numbers fall back to English",
                     lang, gp_lang_locale(l));
}

static void load_top(gp_loader *L, const gp_ynode *root, gp_guide *g)
{
    if (root->kind != GP_Y_MAP) {
        gp_ld_error(L, GP_ERR_TYPE, root, NULL,
                    "a guide starts with `guide: 1`, then `from:`, `to:` and `sections:`",
                    "a guide file must be a mapping of keys (guide, from, to, sections, ...), "
                    "found %s",
                    gp_ynode_describe(L->arena, root));
        return;
    }
    gp_ld_keys(L, root, NULL, "the guide", top_keys, sizeof top_keys / sizeof *top_keys);
    load_version(L, root, g);
    gp_ld_text(L, root, "from", NULL, true, "the guide", &g->from);
    gp_ld_text(L, root, "to", NULL, true, "the guide", &g->to);
    gp_ld_text(L, root, "title", NULL, false, "the guide", &g->title);
    gp_ld_text(L, root, "kicker", NULL, false, "the guide", &g->kicker);
    gp_ld_rich(L, root, "summary", NULL, false, "the guide", &g->summary);
    gp_ld_text(L, root, "market", NULL, false, "the guide", &g->market);
    checked_text(L, root, "lang", &g->lang);
    check_lang(L, gp_ymap_get(root, "lang"), g->lang.s);
    checked_text(L, root, "currency", &g->currency);
    gp_ld_text(L, root, "prepared_for", NULL, false, "the guide", &g->prepared_for);
    gp_ld_text(L, root, "prepared_by", NULL, false, "the guide", &g->prepared_by);
    checked_text(L, root, "date", &g->date);
    load_stats(L, root, g);
    gp_labels_load(L->arena, L->diags, gp_ymap_get(root, "labels"), "labels", &g->labels,
                   &g->n_labels);
    gp_digits_load(L->arena, L->diags, gp_ymap_get(root, "digits"), "digits", &g->digits);

    const gp_ynode *secs = gp_ld_list(L, root, "sections", NULL, true, true, "the guide");
    if (secs) {
        g->sections = gp_arena_alloc(L->arena, secs->n_items * sizeof *g->sections);
        if (!g->sections) {
            nomem(L);
            return;
        }
        g->n_sections = secs->n_items;
        for (size_t i = 0; i < secs->n_items; i++)
            gp_ld_section(L, secs->items[i], gp_ld_index_path(L, "sections", i), g->from.s, g->to.s,
                          &g->sections[i]);
    }

    if (!g->title.s && g->from.s && g->to.s) {
        g->title = default_text(gp_arena_printf(L->arena, "%s to %s", g->from.s, g->to.s));
        g->title_derived = true;
    }
    if (!g->lang.s)
        g->lang = default_text("en-GB");
    if (!g->currency.s)
        g->currency = default_text("GBP");
    if (g->stats_derived)
        derive_stats(L, g);
}

/* Errors are found key by key; the reader wants them in file order. */
typedef struct diag_ref {
    const gp_diag *d;
    size_t seq;
} diag_ref;

static int cmp_diag(const void *pa, const void *pb)
{
    const diag_ref *a = pa, *b = pb;
    int f = strcmp(a->d->file ? a->d->file : "", b->d->file ? b->d->file : "");
    if (f) /* a composed guide's errors: file by file */
        return f;
    if (a->d->line != b->d->line)
        return a->d->line < b->d->line ? -1 : 1;
    if (a->d->col != b->d->col)
        return a->d->col < b->d->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void move_sorted(gp_diags *dst, const gp_diags *src, const gp_loader *L)
{
    size_t n = gp_diags_count(src);
    diag_ref *refs = n ? gp_malloc(n * sizeof *refs) : NULL;
    if (!refs) {
        gp_diags_append(dst, src);
        return;
    }
    for (size_t i = 0; i < n; i++)
        refs[i] = (diag_ref){gp_diags_get(src, i), i};
    qsort(refs, n, sizeof *refs, cmp_diag);
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = refs[i].d;
        if (typo_missing(L, g))
            continue;
        gp_diags_add(dst, g->code, g->severity, g->file, g->line, g->col, g->path, g->hint, "%s",
                     g->message);
    }
    gp_free(refs);
    if (gp_diags_dropped(src))
        gp_diags_add(dst, GP_ERR_LIMIT, GP_SEV_ERROR, n ? gp_diags_get(src, 0)->file : NULL, 0, 0,
                     NULL, NULL, "%zu more errors not shown", gp_diags_dropped(src));
}

/* Public API --------------------------------------------------------------- */

gp_guide *gp_guide_load_memory(const char *data, size_t len, const char *name, const gp_limits *lim,
                               gp_diags *diags)
{
    if (!name)
        name = "<memory>";
    gp_arena *arena = gp_arena_new();
    gp_diags *local = gp_diags_new();
    gp_guide *g = arena ? gp_arena_alloc(arena, sizeof *g) : NULL;
    struct gp_guide_private *priv = g ? gp_arena_alloc(arena, sizeof *priv) : NULL;
    const char *file = priv ? gp_arena_strdup(arena, name) : NULL;
    if (!local || !file) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, name, 0, 0, NULL, NULL,
                     "out of memory while loading the guide");
        gp_diags_free(local);
        gp_arena_free(arena);
        return NULL;
    }
    priv->arena = arena;
    g->priv = priv;
    g->path = file;

    gp_loader L = {.arena = arena, .diags = local, .file = file};
    gp_ynode *root = gp_yaml_parse(arena, data ? data : "", data ? len : 0, file, lim, local);
    if (root)
        load_top(&L, root, g);

    bool ok = root && gp_diags_errors(local) == 0;
    move_sorted(diags, local, &L);
    gp_diags_free(local);
    if (!ok) {
        gp_arena_free(arena);
        return NULL;
    }
    return g;
}

gp_guide *gp_guide_load_tree(gp_arena *arena, const gp_ynode *root, const char *name,
                             gp_diags *diags)
{
    gp_diags *local = gp_diags_new();
    gp_guide *g = arena ? gp_arena_alloc(arena, sizeof *g) : NULL;
    struct gp_guide_private *priv = g ? gp_arena_alloc(arena, sizeof *priv) : NULL;
    const char *file = priv ? gp_arena_strdup(arena, name ? name : "<composed>") : NULL;
    if (!local || !file || !root) {
        if (!root)
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, name, 0, 0, NULL, NULL,
                         "out of memory while loading the guide");
        gp_diags_free(local);
        gp_arena_free(arena);
        return NULL;
    }
    priv->arena = arena;
    g->priv = priv;
    g->path = file;
    gp_loader L = {.arena = arena, .diags = local, .file = file};
    load_top(&L, root, g);
    bool ok = gp_diags_errors(local) == 0;
    move_sorted(diags, local, &L);
    gp_diags_free(local);
    if (!ok) {
        gp_arena_free(arena);
        return NULL;
    }
    return g;
}

gp_guide *gp_guide_load_file(const char *path, const gp_limits *lim, gp_diags *diags)
{
    gp_limits deflim;
    if (!lim) {
        gp_limits_default(&deflim);
        lim = &deflim;
    }
    char *data;
    size_t len;
    if (gp_yaml_read_file(path, lim->max_file_bytes, "file", GP_ERR_IO, NULL, diags, &data, &len))
        return NULL;
    gp_guide *g = gp_guide_load_memory(data, len, path, lim, diags);
    gp_free(data);
    return g;
}

void gp_guide_free(gp_guide *g)
{
    if (g && g->priv)
        gp_arena_free(g->priv->arena); /* g itself lives in the arena */
}

int gp_guide_set(gp_guide *g, const char *key, const char *value, gp_diags *diags)
{
    static const char *const keys[] = {"prepared_for", "prepared_by", "date",     "title", "kicker",
                                       "market",       "lang",        "currency", "start"};
    const size_t nk = sizeof keys / sizeof *keys;
    gp_text *fields[] = {&g->prepared_for, &g->prepared_by, &g->date,     &g->title, &g->kicker,
                         &g->market,       &g->lang,        &g->currency, &g->start};
    size_t k = 0;
    while (k < nk && strcmp(keys[k], key))
        k++;
    if (k == nk) {
        const char *near = gp_suggest(key, keys, nk);
        char hint[160];
        snprintf(hint, sizeof hint,
                 "keys that can be set: prepared_for, prepared_by, date, title, kicker, "
                 "market, lang, currency, start");
        if (near)
            gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, key, hint,
                         "--set: unknown key `%s`; did you mean `%s`?", key, near);
        else
            gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, key, hint,
                         "--set: unknown key `%s`", key);
        return -1;
    }
    if (!value)
        value = "";
    /* A --set value (or a mail-merge cell) is one line of text: bounded,
     * valid UTF-8, checked here with its position before anything lays it
     * out (issue 21). */
    size_t vlen = strlen(value);
    if (vlen > GP_SET_MAX_BYTES) {
        gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, NULL, 0, 0, key, NULL,
                     "--set: `%s` is %zu bytes long; the limit is %d bytes", key, vlen,
                     GP_SET_MAX_BYTES);
        return -1;
    }
    size_t bad = gp_utf8_check(value, vlen);
    if (bad < vlen) {
        gp_diags_add(diags, GP_ERR_UTF8, GP_SEV_ERROR, NULL, 0, 0, key, NULL,
                     "--set: `%s` is not valid UTF-8: byte 0x%02X at byte %zu of the value", key,
                     (unsigned)(unsigned char)value[bad], bad + 1);
        return -1;
    }
    bool optional = k <= 2 || k == 4 || k == 5 || k == 8; /* may be cleared with "" */
    if (!value[0] && !optional) {
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, NULL, 0, 0, key, NULL,
                     "--set: `%s` must not be empty", key);
        return -1;
    }
    const char *want = value[0] ? check_value(key, value) : NULL;
    if (want) {
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, NULL, 0, 0, key, NULL,
                     "--set: `%s` must be %s, found \"%s\"", key, want, value);
        return -1;
    }
    gp_text t = {0};
    char clean[GP_SET_MAX_BYTES + 1];
    size_t at;
    uint32_t cp;
    if (gp_text_neutralise(value, vlen, true, clean, &at, &cp)) {
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_WARNING, NULL, 0, 0, key,
                     "bidi and control characters could reorder or hide the text beside them",
                     "--set: `%s` has a control character U+%04X at character %zu; removed", key,
                     (unsigned)cp, at);
        value = clean;
    }
    if (value[0]) {
        t.s = gp_arena_strdup(g->priv->arena, value);
        if (!t.s) {
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, key, NULL, "out of memory");
            return -1;
        }
    }
    *fields[k] = t;
    if (fields[k] == &g->title)
        g->title_derived = false;
    if (fields[k] == &g->lang && value[0] && !gp_lang_find(value))
        gp_diags_add(diags, GP_WARN_OTHER, GP_SEV_WARNING, NULL, 0, 0, "lang",
                     "languages with a catalogue: en, cy, ar, ur, pl",
                     "--set lang=%s: no catalogue for this language; the words the layout adds, "
                     "dates and numbers fall back to English",
                     value);
    return 0;
}
