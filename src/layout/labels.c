/* layout/labels.c - the words the layout adds itself (labels, captions,
 * the defaults the loader filled in), dates and numbers, in the guide's
 * language. Lookups go, in order, through the guide's `labels:`, the
 * style's `labels:` and the gettext catalogue of the language (po/<lang>.po,
 * read by glibc; see base/i18n.c for how a document's language is chosen
 * without touching the process locale). The message ids are the English
 * words, so an id missing everywhere still prints English. */
#include "layout/labels.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "model/money.h"

const gp_lang *gp_doc_lang(const gp_lctx *lc)
{
    const gp_lang *L = gp_lang_find(lc->g && lc->g->lang.s ? lc->g->lang.s : "en");
    return L ? L : gp_lang_english();
}

static const char * override(const gp_label_override *o, size_t n, const char *msgid)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(o[i].msgid, msgid))
            return o[i].value.s;
    return NULL;
}

const char *gp_labeln(const gp_lctx *lc, const char *msgid, const char *plural, unsigned long n)
{
    const char *v = NULL;
    if (lc->g)
        v = override(lc->g->labels, lc->g->n_labels, msgid);
    if (!v && lc->s)
        v = override(lc->s->labels, lc->s->n_labels, msgid);
    if (v)
        return v;
    return gp_trn(gp_doc_lang(lc), msgid, plural, n);
}

const char *gp_label_lang(const gp_lctx *lc, const char *msgid, const char *plural,
                          const char *label)
{
    const char *doc = lc->g && lc->g->lang.s ? lc->g->lang.s : "en";
    if (!msgid || !label || (!strncasecmp(doc, "en", 2) && (!doc[2] || doc[2] == '-')))
        return NULL;
    if ((lc->g && override(lc->g->labels, lc->g->n_labels, msgid) == label) ||
        (lc->s && override(lc->s->labels, lc->s->n_labels, msgid) == label))
        return NULL; /* the guide's or the brand's own words */
    /* no catalogue: gp_doc_lang fell back to English; a catalogue without
     * the message gives the id (or its plural) back as it was passed */
    if (!gp_lang_find(doc) || label == msgid || (plural && label == plural))
        return "en-GB";
    return NULL;
}

const char *gp_label(const gp_lctx *lc, const char *msgid)
{
    return gp_labeln(lc, msgid, NULL, 1);
}

bool gp_label_native_digits(const gp_lctx *lc)
{
    gp_digits d = lc->g && lc->g->digits != GP_DIGITS_UNSET ? lc->g->digits
                  : lc->s                                   ? lc->s->digits
                                                            : GP_DIGITS_UNSET;
    return d == GP_DIGITS_NATIVE && gp_lang_has_native_digits(gp_doc_lang(lc));
}

const char *gp_label_digits(gp_lctx *lc, const char *ascii)
{
    if (!ascii || !gp_label_native_digits(lc))
        return ascii;
    size_t cap = strlen(ascii) * 2 + 1; /* a digit becomes two bytes */
    char *out = gp_arena_alloc(lc->a, cap);
    if (!out)
        return ascii;
    gp_lang_digits(gp_doc_lang(lc), out, cap, ascii);
    return out;
}

void gp_label_digits_buf(const gp_lctx *lc, char *buf, size_t cap)
{
    if (!buf || !gp_label_native_digits(lc))
        return;
    char tmp[128];
    snprintf(tmp, sizeof tmp, "%s", buf);
    gp_lang_digits(gp_doc_lang(lc), buf, cap, tmp);
}

const char *gp_label_date(gp_lctx *lc, const char *iso)
{
    int y, m, d;
    char tail;
    if (!iso || sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return iso;
    char buf[128];
    if (!gp_lang_date(gp_doc_lang(lc), buf, sizeof buf, gp_label(lc, "%-d %B %Y"), y, m, d))
        return iso;
    const char *s = gp_arena_strdup(lc->a, buf);
    return s ? gp_label_digits(lc, s) : iso;
}

size_t gp_label_money(const gp_lctx *lc, char *buf, size_t cap, double amount, const char *currency)
{
    return gp_money_format_l(buf, cap, amount, currency, gp_doc_lang(lc),
                             gp_label_native_digits(lc));
}

size_t gp_label_range(const gp_lctx *lc, char *buf, size_t cap, const gp_range *r,
                      const char *currency)
{
    return gp_range_format_l(buf, cap, r, currency, gp_doc_lang(lc), gp_label_native_digits(lc));
}

const gp_guide *gp_labels_localize(gp_lctx *lc, const gp_guide *g)
{
    gp_guide *c = gp_arena_alloc(lc->a, sizeof *c);
    if (!c)
        return g;
    *c = *g;
    lc->g = c; /* lookups below read the guide's language and labels */
    if (g->title_derived && g->from.s && g->to.s) {
        const char *t = gp_arena_printf(lc->a, gp_label(lc, "%s to %s"), g->from.s, g->to.s);
        if (t)
            c->title.s = t;
    }
    if (g->stats_derived && g->n_stats) {
        gp_stat *st = gp_arena_alloc(lc->a, g->n_stats * sizeof *st);
        if (st) {
            memcpy(st, g->stats, g->n_stats * sizeof *st);
            for (size_t i = 0; i < g->n_stats; i++) {
                if (!st[i].msgid)
                    continue;
                st[i].label.s = gp_labeln(lc, st[i].msgid, st[i].plural, st[i].n);
                if (st[i].plural) /* a count the loader wrote */
                    st[i].value.s = gp_label_digits(lc, st[i].value.s);
            }
            c->stats = st;
        }
    }
    bool any = false;
    for (size_t i = 0; i < g->n_sections; i++)
        any |= g->sections[i].from_label_derived || g->sections[i].to_label_derived;
    if (any) {
        gp_section *sec = gp_arena_alloc(lc->a, g->n_sections * sizeof *sec);
        if (sec) {
            memcpy(sec, g->sections, g->n_sections * sizeof *sec);
            for (size_t i = 0; i < g->n_sections; i++) {
                /* "an" before a vowel letter, as the loader chose */
                const char *role[2] = {g->from.s, g->to.s};
                gp_text *lab[2] = {&sec[i].from_label, &sec[i].to_label};
                bool derived[2] = {sec[i].from_label_derived, sec[i].to_label_derived};
                for (int k = 0; k < 2; k++) {
                    if (!derived[k] || !role[k])
                        continue;
                    bool an = role[k][0] && strchr("AEIOaeio", role[k][0]) != NULL;
                    const char *t = gp_arena_printf(
                        lc->a, an ? gp_label(lc, "As an %s") : gp_label(lc, "As a %s"), role[k]);
                    if (t)
                        lab[k]->s = t;
                }
            }
            c->sections = sec;
        }
    }
    return c;
}
