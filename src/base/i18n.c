/* base/i18n.c - catalogues through glibc's gettext, dates and numbers
 * through glibc's locale data, per document (see i18n.h).
 *
 * Why dcngettext under uselocale rather than setlocale or $LANGUAGE: both
 * of those are process-wide, and a batch run lays out documents in several
 * languages; uselocale changes only the calling thread, and glibc's
 * dcngettext picks the catalogue from the thread's LC_MESSAGES locale name
 * ("cy_GB.UTF-8" -> <localedir>/cy/LC_MESSAGES/guidepress.mo). glibc caches
 * each loaded catalogue (mmap) and each lookup under its own locks, so the
 * first lookup in a language maps its .mo once and later ones are a hash
 * probe. The one thing that overrides the thread's locale is the GNU
 * $LANGUAGE variable; the command line clears it at start-up (a document's
 * language comes from the guide, never from the shell). */
/* nl_langinfo items of LC_NUMERIC and LC_MONETARY are GNU names */
#define _GNU_SOURCE 1
#include "base/i18n.h"

#include <langinfo.h>
#include <limits.h>
#include <libintl.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"

#ifndef GP_LOCALEDIR_BUILD
#define GP_LOCALEDIR_BUILD ""
#endif
#ifndef GP_LOCALEDIR_INSTALL
#define GP_LOCALEDIR_INSTALL "/usr/local/share/locale"
#endif

struct gp_lang {
    const char *code;   /* primary subtag and catalogue folder */
    const char *locale; /* glibc locale the dates and numbers come from */
    uint32_t zero;      /* the language's own digit zero, 0 for 0-9 */
    locale_t loc;       /* (locale_t)0 until made, or when not installed */
    bool tried;
};

/* Languages with a catalogue in po/. The locale gives the month names,
 * grouping and currency placement a reader of the language expects. */
static gp_lang LANGS[] = {
    {"en", "en_GB.UTF-8", 0, (locale_t)0, false},      {"cy", "cy_GB.UTF-8", 0, (locale_t)0, false},
    {"ar", "ar_SA.UTF-8", 0x0660, (locale_t)0, false}, /* Arabic-Indic digits */
    {"ur", "ur_PK.UTF-8", 0x06F0, (locale_t)0, false}, /* Extended Arabic-Indic */
    {"pl", "pl_PL.UTF-8", 0, (locale_t)0, false},
};
#define NLANGS (sizeof LANGS / sizeof *LANGS)

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const char *localedir;

static bool is_dir(const char *p)
{
    struct stat st;
    return p && p[0] && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An installed program's catalogues: <prefix>/share/locale beside the data
 * folder found at run time (<prefix>/share/guidepress; base/datadir.c), so
 * a .deb under /usr or a tarball under /opt reads its own translations
 * whatever prefix it was configured with. True (with the folder in out)
 * when that folder holds a guidepress catalogue. */
static bool installed_catalogues(char out[PATH_MAX])
{
    char cand[PATH_MAX], mo[PATH_MAX + 64];
    if (snprintf(cand, PATH_MAX, "%s/../locale", gp_data_dir_default()) >= PATH_MAX ||
        !realpath(cand, out))
        return false;
    for (size_t i = 0; i < NLANGS; i++) {
        snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/" GP_TEXT_DOMAIN ".mo", out, LANGS[i].code);
        if (access(mo, R_OK) == 0)
            return true;
    }
    return false;
}

/* Called with lock held. */
static void bind_domain(void)
{
    if (localedir)
        return;
    const char *env = getenv("GUIDEPRESS_LOCALEDIR");
    static char beside[PATH_MAX];
    if (env && env[0])
        localedir = env;
    else if (installed_catalogues(beside))
        localedir = beside;
    else if (is_dir(GP_LOCALEDIR_BUILD))
        localedir = GP_LOCALEDIR_BUILD;
    else
        localedir = GP_LOCALEDIR_INSTALL;
    bindtextdomain(GP_TEXT_DOMAIN, localedir);
    bind_textdomain_codeset(GP_TEXT_DOMAIN, "UTF-8");
}

const char *gp_i18n_localedir(void)
{
    pthread_mutex_lock(&lock);
    bind_domain();
    const char *d = localedir;
    pthread_mutex_unlock(&lock);
    return d;
}

/* The language's locale object, made on first use (one per language for
 * the life of the process). */
static locale_t loc_of(const gp_lang *Lc)
{
    gp_lang *L = (gp_lang *)Lc;
    pthread_mutex_lock(&lock);
    bind_domain();
    if (!L->tried) {
        L->tried = true;
        L->loc = newlocale(LC_ALL_MASK, L->locale, (locale_t)0);
        if (!L->loc) {
            /* Debian spells the codeset "utf8" in locale -a */
            char alt[32];
            snprintf(alt, sizeof alt, "%.*s.utf8", (int)strcspn(L->locale, "."), L->locale);
            L->loc = newlocale(LC_ALL_MASK, alt, (locale_t)0);
        }
    }
    locale_t l = L->loc;
    pthread_mutex_unlock(&lock);
    return l;
}

const gp_lang *gp_lang_find(const char *tag)
{
    if (!tag || !tag[0])
        return &LANGS[0];
    size_t n = strcspn(tag, "-_");
    for (size_t i = 0; i < NLANGS; i++)
        if (strlen(LANGS[i].code) == n && !strncasecmp(tag, LANGS[i].code, n))
            return &LANGS[i];
    return NULL;
}

const gp_lang *gp_lang_english(void)
{
    return &LANGS[0];
}

const char *gp_lang_code(const gp_lang *L)
{
    return L ? L->code : "en";
}

const char *gp_lang_locale(const gp_lang *L)
{
    return L ? L->locale : LANGS[0].locale;
}

bool gp_lang_available(const gp_lang *L)
{
    return L && loc_of(L) != (locale_t)0;
}

bool gp_lang_has_native_digits(const gp_lang *L)
{
    return L && L->zero;
}

const char *gp_trn(const gp_lang *L, const char *msgid, const char *plural, unsigned long n)
{
    if (!msgid)
        return "";
    locale_t l = L ? loc_of(L) : (locale_t)0;
    if (!l)
        return plural && n != 1 ? plural : msgid;
    locale_t old = uselocale(l);
    const char *r = plural ? dcngettext(GP_TEXT_DOMAIN, msgid, plural, n, LC_MESSAGES)
                           : dcgettext(GP_TEXT_DOMAIN, msgid, LC_MESSAGES);
    uselocale(old);
    return r;
}

const char *gp_tr(const gp_lang *L, const char *msgid)
{
    return gp_trn(L, msgid, NULL, 1);
}

size_t gp_lang_date(const gp_lang *L, char *buf, size_t cap, const char *fmt, int y, int m, int d)
{
    if (!buf || cap == 0)
        return 0;
    buf[0] = '\0';
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    time_t t = timegm(&tm); /* fills in the weekday for %A */
    struct tm norm;
    if (t != (time_t)-1 && gmtime_r(&t, &norm))
        tm = norm;
    locale_t l = L ? loc_of(L) : (locale_t)0;
    if (!l)
        l = loc_of(&LANGS[0]);
    size_t n = l ? strftime_l(buf, cap, fmt, &tm, l) : 0;
    if (n == 0 && cap > 0) {
        /* no locale at all: ISO order, which every reader can read */
        n = (size_t)snprintf(buf, cap, "%04d-%02d-%02d", y, m, d);
        if (n >= cap)
            n = cap - 1;
    }
    return n;
}

size_t gp_lang_group(const gp_lang *L, char *buf, size_t cap, const char *digits, bool money)
{
    if (!buf || cap == 0)
        return 0;
    locale_t l = L ? loc_of(L) : (locale_t)0;
    const char *sep = ",", *grouping = "\3";
    if (l) {
        sep = nl_langinfo_l(money ? MON_THOUSANDS_SEP : THOUSANDS_SEP, l);
        grouping = nl_langinfo_l(money ? MON_GROUPING : GROUPING, l);
    }
    size_t nd = strlen(digits), sl = strlen(sep);
    /* Group sizes from the right: grouping[i], the last one repeating;
     * 0 or CHAR_MAX (or an empty separator) means no further grouping. */
    bool cut[64] = {false};
    if (sl && grouping && grouping[0] > 0 && grouping[0] < 127 && nd < sizeof cut) {
        size_t pos = nd, gi = 0;
        int g = grouping[0];
        while (g > 0 && g < 127 && pos > (size_t)g) {
            pos -= (size_t)g;
            cut[pos] = true;
            if (grouping[gi + 1] != '\0')
                g = grouping[++gi];
        }
    }
    size_t o = 0;
    for (size_t i = 0; i < nd && o + 1 < cap; i++) {
        if (cut[i] && o + sl + 1 < cap) {
            memcpy(buf + o, sep, sl);
            o += sl;
        }
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return o;
}

void gp_lang_currency_place(const gp_lang *L, bool *precedes, bool *space)
{
    locale_t l = L ? loc_of(L) : (locale_t)0;
    *precedes = true;
    *space = false;
    if (!l)
        return;
    char p = *nl_langinfo_l(P_CS_PRECEDES, l), s = *nl_langinfo_l(P_SEP_BY_SPACE, l);
    if (p == 0 || p == 1)
        *precedes = p == 1;
    if (s == 1 || s == 2)
        *space = true;
}

size_t gp_lang_digits(const gp_lang *L, char *buf, size_t cap, const char *in)
{
    if (!buf || cap == 0)
        return 0;
    size_t o = 0;
    for (const char *p = in; *p; p++) {
        char enc[4];
        int k = 1;
        enc[0] = *p;
        if (L && L->zero && *p >= '0' && *p <= '9')
            k = gp_utf8_encode(L->zero + (uint32_t)(*p - '0'), enc);
        if (o + (size_t)k + 1 > cap)
            break;
        memcpy(buf + o, enc, (size_t)k);
        o += (size_t)k;
    }
    buf[o] = '\0';
    return o;
}

/* Every message a document may carry, for `labels:` overrides. The layout
 * and the model mark the same strings where they use them; the test
 * tests/i18n/check_msgids.sh keeps this list and the template equal. */
const char *const gp_i18n_msgids[] = {
    /* skill and gap cards */
    GP_N_("Transfers directly"),
    GP_N_("Why it matters"),
    GP_N_("How to build it"),
    /* TRANSLATORS: the card heading above what the reader does today; %s is
       the role they leave. Used when the English role starts with a
       consonant letter. */
    GP_N_("As a %s"),
    /* TRANSLATORS: as "As a %s", used when the English role starts with a
       vowel letter; translate both the same way where articles do not
       change. */
    GP_N_("As an %s"),
    /* timeline and salary */
    GP_N_("Expected timeline: %s"),
    GP_N_("Salary ranges at a glance"),
    /* TRANSLATORS: after a number of thousands on the salary chart's axis
       ("£40k"); keep it short. */
    GP_N_("k"),
    /* TRANSLATORS: opens the chart's description for screen readers; the
       roles, bands and ranges follow. */
    GP_N_("Salary ranges by band:"),
    /* TRANSLATORS: a section heading repeated at the top of the next page;
       %s is the heading. */
    GP_N_("%s (continued)"),
    /* cover */
    /* TRANSLATORS: the guide's default title: the role left, then the role
       taken up. */
    GP_N_("%s to %s"),
    GP_N_("Prepared for %s"),
    GP_N_("Prepared by %s"),
    /* TRANSLATORS: first %s the client, second the adviser. Reorder with
       %2$s and %1$s if the language needs to. */
    GP_N_("Prepared for %s by %s"),
    /* TRANSLATORS: strftime format of dates on the cover and in headers:
       %-d day, %B month name (Polish wants the genitive, which glibc's %B
       gives), %Y year. See `man strftime`. */
    GP_N_("%-d %B %Y"),
    /* the stats strip, when the guide gives no stats */
    GP_N_("timeline"),
    GP_NN_("transferable skill", "transferable skills"),
    GP_NN_("step", "steps"),
    /* running headers and footers of the shipped styles: {...} are
       placeholders and stay as they are */
    GP_N_("Page {page} of {pages}"),
    GP_N_("Prepared for {prepared_for}"),
    GP_N_("Career change guide"),
    GP_N_("{from} to {to}"),
    /* document properties */
    GP_N_("Career change guide: from %s to %s"),
    GP_N_("career change"),
    GP_N_("Logo"),
    NULL,
};

size_t gp_i18n_msgid_count(void)
{
    return sizeof gp_i18n_msgids / sizeof *gp_i18n_msgids - 1;
}

int gp_i18n_msgid_index(const char *msgid)
{
    for (size_t i = 0; msgid && gp_i18n_msgids[i]; i++)
        if (!strcmp(gp_i18n_msgids[i], msgid))
            return (int)i;
    return -1;
}

/* Counts %s (and %N$s) conversions; -1 when another conversion appears. */
static int count_s(const char *s)
{
    int n = 0;
    for (const char *p = s; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '$')
            p++;
        if (*p != 's')
            return -1;
        n++;
    }
    return n;
}

const char *gp_i18n_check_override(const char *msgid, const char *value)
{
    if (!strcmp(msgid, "%-d %B %Y"))
        return NULL; /* a strftime format, any */
    int want = count_s(msgid), got = count_s(value);
    if (got < 0)
        return "only %s may appear after a % sign (write %% for a percent sign)";
    if (got != want)
        return want == 0   ? "this label takes no %s"
               : want == 1 ? "this label needs exactly one %s where the value goes"
                           : "this label needs exactly two %s (or %1$s and %2$s)";
    return NULL;
}
