/* base/i18n.h - the words, dates and numbers a document writes itself, in
 * the document's language: gettext catalogues (po/, compiled with msgfmt)
 * read through glibc's dcngettext, and glibc locale data (newlocale,
 * strftime_l, nl_langinfo_l) for month names, digit grouping and where the
 * currency symbol goes. No Pango, Cairo or yaml here.
 *
 * A document's language is not the process's: a batch run may set a Welsh
 * guide and an Urdu one side by side. Every lookup therefore switches the
 * calling thread's locale (uselocale) to a locale object of that language
 * for the one call and switches it back, so lookups are per document and
 * safe from any thread; the process locale is never touched. */
#ifndef GP_BASE_I18N_H
#define GP_BASE_I18N_H

#include <stdbool.h>
#include <stddef.h>

/* gp_lang, gp_lang_find, gp_tr, gp_trn and the GP_N_ markers are public:
 * <guidepress/lang.h>. */
#include <guidepress/lang.h>

/* The gettext text domain; catalogues are <localedir>/<ll>/LC_MESSAGES/
 * guidepress.mo. */
#define GP_TEXT_DOMAIN "guidepress"

/* The language a catalogue exists for whose primary subtag matches the BCP
 * 47 tag ("cy", "cy-GB", "ur-PK"), or NULL when there is none (the caller
 * falls back to gp_lang_english() and warns). */
const gp_lang *gp_lang_english(void);
const char *gp_lang_code(const gp_lang *L);   /* "cy" */
const char *gp_lang_locale(const gp_lang *L); /* "cy_GB.UTF-8" */
/* False when the machine lacks the language's glibc locale (then words,
 * dates and numbers come out in English; scripts/setup.sh generates it). */
bool gp_lang_available(const gp_lang *L);

/* Formats the date with strftime_l in the language's locale (month and day
 * names), fmt being a strftime format ("%-d %B %Y"). Returns the bytes
 * written, 0 when the date is not valid. */
size_t gp_lang_date(const gp_lang *L, char *buf, size_t cap, const char *fmt, int y, int m, int d);

/* Writes the decimal digits in `digits` grouped by the locale's rule
 * (LC_NUMERIC, or LC_MONETARY when money is true): "32,000", "32 000". */
size_t gp_lang_group(const gp_lang *L, char *buf, size_t cap, const char *digits, bool money);

/* LC_MONETARY placement of a currency symbol before a positive amount
 * (p_cs_precedes) and whether a space separates them (p_sep_by_space). */
void gp_lang_currency_place(const gp_lang *L, bool *precedes, bool *space);

/* Copies in to buf with the ASCII digits 0-9 replaced by the language's own
 * (Arabic-Indic for ar, Extended Arabic-Indic for ur); languages written
 * with 0-9 copy unchanged. Returns the bytes written. */
size_t gp_lang_digits(const gp_lang *L, char *buf, size_t cap, const char *in);
bool gp_lang_has_native_digits(const gp_lang *L);

/* The folder the catalogues are read from: $GUIDEPRESS_LOCALEDIR, else the
 * build tree's, else <prefix>/share/locale. */
const char *gp_i18n_localedir(void);

/* The message ids of every label a document may carry (for `labels:`
 * validation), NULL-terminated; plural messages appear by their singular. */
extern const char *const gp_i18n_msgids[];
size_t gp_i18n_msgid_count(void);
/* Index of msgid in gp_i18n_msgids, or -1. */
int gp_i18n_msgid_index(const char *msgid);
/* Checks that a label override may replace msgid: the same number of %s
 * conversions and no other conversion. Returns NULL when it may, else what
 * is wrong (a static string). */
const char *gp_i18n_check_override(const char *msgid, const char *value);

#endif
