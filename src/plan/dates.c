/* plan/dates.c - dated plans: "Month 1-3" from a start of 2027-01-11
 * becomes "Jan–Mar 2027", "Week 2" becomes "18–24 Jan 2027".
 *
 * Clients work through a plan over months, so a plan with calendar dates
 * is one they can follow. The rules (docs/plan.md): day n is start + n-1
 * days; week n is the 7 days from start + 7(n-1); month n is the calendar
 * month n-1 months after the start's month (month 1 begins on the start
 * date itself); year n is months 12(n-1)+1 to 12n. Dates are computed with
 * timegm()'s normalisation, never with a table of month lengths. Month
 * names come from glibc's locale data for the guide's language (newlocale
 * + nl_langinfo_l: ABMON for "18 Jan", the nominative _NL_ABALTMON for
 * "Jan 2027", MON for the cover's "11 January 2027"); when the locale is
 * not installed (scripts/setup.sh generates en_GB, cy_GB, ar_SA, ur_PK and
 * pl_PL) the names are English, with a warning. */
#define _GNU_SOURCE /* nl_langinfo_l's _NL_ABALTMON_1, newlocale */
#include "plan/plan.h"

#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "base/alloc.h"
#include "base/util.h"

#define EN_DASH "\xE2\x80\x93"

/* Calendar arithmetic ---------------------------------------------------------- */

static struct tm ymd_tm(gp_ymd d)
{
    struct tm tm = {0};
    tm.tm_year = d.y - 1900;
    tm.tm_mon = d.m - 1;
    tm.tm_mday = d.d;
    tm.tm_hour = 12; /* away from any day boundary */
    return tm;
}

static gp_ymd tm_ymd(const struct tm *tm)
{
    return (gp_ymd){tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday};
}

gp_ymd gp_ymd_add_days(gp_ymd d, long days)
{
    struct tm tm = ymd_tm(d);
    tm.tm_mday += (int)days;
    time_t t = timegm(&tm); /* normalises tm */
    struct tm out;
    gmtime_r(&t, &out);
    return tm_ymd(&out);
}

/* The first day of the month `months` after d's month. */
static gp_ymd month_first(gp_ymd d, int months)
{
    struct tm tm = ymd_tm(d);
    tm.tm_mday = 1;
    tm.tm_mon += months;
    time_t t = timegm(&tm);
    struct tm out;
    gmtime_r(&t, &out);
    return tm_ymd(&out);
}

/* The last day of the month `months` after d's month. */
static gp_ymd month_last(gp_ymd d, int months)
{
    return gp_ymd_add_days(month_first(d, months + 1), -1);
}

static int ymd_cmp(gp_ymd a, gp_ymd b)
{
    return a.y != b.y ? (a.y < b.y ? -1 : 1) : a.m != b.m ? (a.m < b.m ? -1 : 1) : a.d - b.d;
}

int gp_ymd_parse(const char *s, gp_ymd *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return -1;
    gp_ymd d = {atoi(s), atoi(s + 5), atoi(s + 8)};
    if (d.y < 1900 || d.m < 1 || d.m > 12 || d.d < 1)
        return -1;
    /* a real date survives normalisation unchanged (no 31 April) */
    gp_ymd n = gp_ymd_add_days(d, 0);
    if (ymd_cmp(n, d) != 0)
        return -1;
    *out = d;
    return 0;
}

/* Parsing `when` --------------------------------------------------------------- */

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static const char *number(const char *s, int *out)
{
    if (!isdigit((unsigned char)*s))
        return NULL;
    long v = 0;
    while (isdigit((unsigned char)*s)) {
        v = v * 10 + (*s++ - '0');
        if (v > 1000) /* nobody plans 20 years ahead in weeks */
            return NULL;
    }
    *out = (int)v;
    return s;
}

int gp_when_parse(const char *s, gp_when *w)
{
    static const struct {
        const char *word;
        gp_when_unit unit;
    } units[] = {{"days", GP_WHEN_DAY},   {"day", GP_WHEN_DAY},      {"weeks", GP_WHEN_WEEK},
                 {"week", GP_WHEN_WEEK},  {"months", GP_WHEN_MONTH}, {"month", GP_WHEN_MONTH},
                 {"years", GP_WHEN_YEAR}, {"year", GP_WHEN_YEAR}};
    if (!s)
        return -1;
    s = skip_ws(s);
    size_t k = 0;
    while (k < sizeof units / sizeof *units && strncasecmp(s, units[k].word, strlen(units[k].word)))
        k++;
    if (k == sizeof units / sizeof *units)
        return -1;
    gp_when r = {units[k].unit, 0, 0, false};
    s = skip_ws(s + strlen(units[k].word));
    if (!(s = number(s, &r.a)))
        return -1;
    r.b = r.a;
    s = skip_ws(s);
    const char *dash = NULL;
    if (*s == '-')
        dash = s + 1;
    else if (!strncmp(s, EN_DASH, 3) || !strncmp(s, "\xE2\x80\x94", 3)) /* – — */
        dash = s + 3;
    else if (!strncasecmp(s, "to ", 3))
        dash = s + 3;
    if (dash) {
        if (!(s = number(skip_ws(dash), &r.b)))
            return -1;
        s = skip_ws(s);
    }
    if (!strncasecmp(s, "onwards", 7) || !strncasecmp(s, "onward", 6)) {
        if (dash)
            return -1;
        r.onwards = true;
        s = skip_ws(s + (s[6] == 's' || s[6] == 'S' ? 7 : 6));
    } else if (*s == '+') {
        r.onwards = !dash;
        s = skip_ws(s + 1);
    }
    if (*s || r.a < 1 || r.b < r.a)
        return -1;
    *w = r;
    return 0;
}

/* Dates of a step --------------------------------------------------------------- */

static void when_dates(gp_ymd start, const gp_when *w, gp_ymd *a, gp_ymd *b)
{
    switch (w->unit) {
    case GP_WHEN_DAY:
        *a = gp_ymd_add_days(start, w->a - 1);
        *b = gp_ymd_add_days(start, w->b - 1);
        break;
    case GP_WHEN_WEEK:
        *a = gp_ymd_add_days(start, 7L * (w->a - 1));
        *b = gp_ymd_add_days(start, 7L * w->b - 1);
        break;
    case GP_WHEN_MONTH:
    case GP_WHEN_YEAR: {
        int m0 = w->unit == GP_WHEN_YEAR ? 12 * (w->a - 1) : w->a - 1;
        int m1 = w->unit == GP_WHEN_YEAR ? 12 * w->b - 1 : w->b - 1;
        *a = m0 == 0 ? start : month_first(start, m0);
        *b = month_last(start, m1);
        break;
    }
    }
    if (w->onwards)
        *b = *a;
}

/* Names in the guide's language --------------------------------------------------- */

typedef struct names {
    char abmon[12][64];  /* "Jan" after a day: "18 Jan", "18 sty" */
    char altmon[12][64]; /* "Jan" standing alone: "Jan 2027" (Polish nominative) */
    char mon[12][64];    /* "January" after a day: "11 January 2027", "11 stycznia" */
    int k;               /* index into the phrase table below */
} names;

/* Phrases: English, Welsh, Arabic, Urdu, Polish. */
static const char *const LANGS[] = {"en", "cy", "ar", "ur", "pl"};
static const char *const DEFAULT_REGION[] = {"GB", "GB", "SA", "PK", "PL"};
static const char *const ONWARDS[] = {"from %s", "o %s ymlaen", "\xd9\x85\xd9\x86 %s",
                                      "%s \xd8\xb3\xdb\x92", "od %s"};
static const char *const COVER[] = {
    "Plan: %s to %s", "Cynllun: %s i %s",
    "\xd8\xa7\xd9\x84\xd8\xae\xd8\xb7\xd8\xa9: %s \xd8\xa5\xd9\x84\xd9\x89 %s",
    "\xd9\x85\xd9\x86\xd8\xb5\xd9\x88\xd8\xa8\xdb\x81: %s \xd8\xb3\xdb\x92 %s \xd8\xaa\xda\xa9",
    "Plan: %s \xe2\x80\x93 %s"};

static const char *const EN_ABMON[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const EN_MON[12] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

/* Loads month names for lang ("en-GB", "cy", "pl-PL"); returns the glibc
 * locale name used, or NULL when it fell back to English. */
static const char *load_names(const char *lang, names *n, char *loc_name, size_t cap)
{
    char ll[4] = {0}, region[9] = {0};
    size_t i = 0;
    while (i < 3 && isalpha((unsigned char)lang[i])) {
        ll[i] = (char)tolower((unsigned char)lang[i]);
        i++;
    }
    if (lang[i] == '-') {
        size_t j = 0;
        i++;
        while (j < 8 && isalnum((unsigned char)lang[i]))
            region[j++] = (char)toupper((unsigned char)lang[i++]);
    }
    n->k = 0;
    for (size_t k = 0; k < sizeof LANGS / sizeof *LANGS; k++)
        if (!strcmp(ll, LANGS[k]))
            n->k = (int)k;
    for (int m = 0; m < 12; m++) {
        snprintf(n->abmon[m], sizeof n->abmon[m], "%s", EN_ABMON[m]);
        snprintf(n->altmon[m], sizeof n->altmon[m], "%s", EN_ABMON[m]);
        snprintf(n->mon[m], sizeof n->mon[m], "%s", EN_MON[m]);
    }
    /* the language's own region first, then its usual one */
    const char *regions[2] = {region[0] && strlen(region) == 2 ? region : NULL,
                              strcmp(LANGS[n->k], ll) ? NULL : DEFAULT_REGION[n->k]};
    locale_t loc = (locale_t)0;
    for (int r = 0; r < 2 && !loc; r++) {
        if (!regions[r])
            continue;
        snprintf(loc_name, cap, "%s_%s.UTF-8", ll, regions[r]);
        loc = newlocale(LC_TIME_MASK, loc_name, (locale_t)0);
    }
    if (!loc)
        return NULL;
    for (int m = 0; m < 12; m++) {
        snprintf(n->abmon[m], sizeof n->abmon[m], "%s", nl_langinfo_l(ABMON_1 + m, loc));
        snprintf(n->altmon[m], sizeof n->altmon[m], "%s", nl_langinfo_l(_NL_ABALTMON_1 + m, loc));
        snprintf(n->mon[m], sizeof n->mon[m], "%s", nl_langinfo_l(MON_1 + m, loc));
        if (!n->altmon[m][0]) /* locales without a stand-alone form */
            snprintf(n->altmon[m], sizeof n->altmon[m], "%s", n->abmon[m]);
    }
    freelocale(loc);
    return loc_name;
}

/* "Jan–Mar 2027", "Nov 2027 – Jan 2028", "Jan 2027" */
static char *month_label(const names *n, gp_ymd a, gp_ymd b)
{
    gp_buf s = {0};
    if (a.y == b.y && a.m == b.m)
        gp_buf_printf(&s, "%s %d", n->altmon[a.m - 1], a.y);
    else if (a.y == b.y)
        gp_buf_printf(&s, "%s" EN_DASH "%s %d", n->altmon[a.m - 1], n->altmon[b.m - 1], a.y);
    else
        gp_buf_printf(&s, "%s %d " EN_DASH " %s %d", n->altmon[a.m - 1], a.y, n->altmon[b.m - 1],
                      b.y);
    return s.data;
}

/* "18–24 Jan 2027", "25 Jan – 7 Feb 2027", "28 Dec 2027 – 3 Jan 2028", "18 Jan 2027" */
static char *day_label(const names *n, gp_ymd a, gp_ymd b)
{
    gp_buf s = {0};
    if (!ymd_cmp(a, b))
        gp_buf_printf(&s, "%d %s %d", a.d, n->abmon[a.m - 1], a.y);
    else if (a.y == b.y && a.m == b.m)
        gp_buf_printf(&s, "%d" EN_DASH "%d %s %d", a.d, b.d, n->abmon[a.m - 1], a.y);
    else if (a.y == b.y)
        gp_buf_printf(&s, "%d %s " EN_DASH " %d %s %d", a.d, n->abmon[a.m - 1], b.d,
                      n->abmon[b.m - 1], b.y);
    else
        gp_buf_printf(&s, "%d %s %d " EN_DASH " %d %s %d", a.d, n->abmon[a.m - 1], a.y, b.d,
                      n->abmon[b.m - 1], b.y);
    return s.data;
}

static char *step_label(const names *n, const gp_when *w, gp_ymd a, gp_ymd b)
{
    bool months = w->unit == GP_WHEN_MONTH || w->unit == GP_WHEN_YEAR;
    if (w->onwards) {
        char *one = months ? month_label(n, a, a) : day_label(n, a, a);
        gp_buf s = {0};
        if (one)
            gp_buf_printf(&s, ONWARDS[n->k], one);
        gp_free(one);
        return s.data;
    }
    if (months) /* month 1 starts on the start date: still "Jan" */
        return month_label(n, a, b);
    return day_label(n, a, b);
}

static char *long_date(const names *n, gp_ymd d)
{
    gp_buf s = {0};
    gp_buf_printf(&s, "%d %s %d", d.d, n->mon[d.m - 1], d.y);
    return s.data;
}

/* The plan ---------------------------------------------------------------------- */

gp_plan *gp_plan_new(gp_guide *g, gp_diags *diags)
{
    gp_plan *p = gp_calloc(1, sizeof *p);
    size_t n = 0;
    for (size_t i = 0; i < g->n_sections; i++)
        if (g->sections[i].type == GP_SEC_TIMELINE)
            n += g->sections[i].n_steps;
    if (p && n)
        p->steps = gp_calloc(n, sizeof *p->steps);
    if (!p || (n && !p->steps))
        goto nomem;
    p->has_start = g->start.s && gp_ymd_parse(g->start.s, &p->start) == 0;
    p->end = p->start;
    names nm;
    char loc_name[64];
    const char *loc = load_names(g->lang.s ? g->lang.s : "en-GB", &nm, loc_name, sizeof loc_name);
    if (p->has_start && !loc && strncmp(g->lang.s ? g->lang.s : "en", "en", 2))
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_WARNING, g->lang.pos.file, g->lang.pos.line,
                     g->lang.pos.col, "lang", "run scripts/setup.sh, which generates the locales",
                     "no locale data for `%s` on this machine: the plan's month names are in "
                     "English",
                     g->lang.s);
    if (loc && !(p->locale = gp_strdup(loc)))
        goto nomem;
    for (size_t i = 0; i < g->n_sections; i++) {
        gp_section *sec = &g->sections[i];
        if (sec->type != GP_SEC_TIMELINE)
            continue;
        for (size_t k = 0; k < sec->n_steps; k++) {
            gp_step *st = &sec->steps[k];
            gp_plan_step *ps = &p->steps[p->n_steps];
            ps->section = sec;
            ps->step = st;
            ps->index = p->n_steps++;
            gp_when w;
            if (!p->has_start)
                continue;
            if (gp_when_parse(st->when.s, &w) != 0) {
                gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_WARNING, st->when.pos.file,
                             st->when.pos.line, st->when.pos.col, "when",
                             "the forms with dates are Day N, Week N, Month N, Year N, a range "
                             "like Month 1-3, and Month N onwards",
                             "`%s` is not a form the dated plan understands: it stays as "
                             "written",
                             st->when.s ? st->when.s : "");
                continue;
            }
            when_dates(p->start, &w, &ps->start, &ps->end);
            ps->label = step_label(&nm, &w, ps->start, ps->end);
            if (!ps->label)
                goto nomem;
            ps->dated = true;
            if (ymd_cmp(ps->end, p->end) > 0)
                p->end = ps->end;
            st->dated.s = ps->label;
            st->dated.pos = st->when.pos;
        }
    }
    if (p->has_start) {
        p->start_text = long_date(&nm, p->start);
        p->end_text = long_date(&nm, p->end);
        gp_buf line = {0};
        if (p->start_text && p->end_text)
            gp_buf_printf(&line, COVER[nm.k], p->start_text, p->end_text);
        p->cover_line = line.data;
        if (!p->cover_line)
            goto nomem;
        g->plan_line.s = p->cover_line;
        g->plan_line.pos = g->start.pos;
    }
    return p;
nomem:
    gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                 "out of memory while dating the plan");
    gp_plan_free(p);
    return NULL;
}

void gp_plan_unapply(gp_plan *p, gp_guide *g)
{
    if (!p || !g)
        return;
    for (size_t i = 0; i < g->n_sections; i++)
        for (size_t k = 0; g->sections[i].type == GP_SEC_TIMELINE && k < g->sections[i].n_steps;
             k++)
            g->sections[i].steps[k].dated = (gp_text){0};
    g->plan_line = (gp_text){0};
}

void gp_plan_free(gp_plan *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_steps; i++)
        gp_free(p->steps[i].label);
    gp_free(p->steps);
    gp_free(p->locale);
    gp_free(p->start_text);
    gp_free(p->end_text);
    gp_free(p->cover_line);
    gp_free(p);
}
