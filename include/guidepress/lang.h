/* guidepress/lang.h - the languages guidepress has message catalogues for
 * (po/), for a front end's own messages.
 *
 * A document's words come from its guide's `lang:`; a program built on the
 * library may want its own messages (usage errors, "did you mean") in the
 * user's language from the same catalogues, as `guidepress` does. Lookups
 * never touch the process locale, so they are safe from any thread. */
#ifndef GUIDEPRESS_LANG_H
#define GUIDEPRESS_LANG_H

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a string for xgettext without translating it (a message id kept
 * in a table, translated where it is printed); GP_NN_ marks a
 * singular/plural pair. */
#define GP_N_(s)     s
#define GP_NN_(s, p) s, p

typedef struct gp_lang gp_lang;

/* The language a catalogue exists for whose primary subtag matches the BCP
 * 47 tag or locale name ("cy", "cy-GB", "cy_GB.UTF-8"), or NULL when there
 * is none; NULL or "" gives English. Lives as long as the process. */
const gp_lang *gp_lang_find(const char *tag);

/* The catalogue's translation of msgid, or msgid itself. The result lives
 * as long as the process. */
const char *gp_tr(const gp_lang *L, const char *msgid);

/* The form for n under the catalogue's Plural-Forms rule (plural or msgid
 * when there is no translation). Lives as long as the process. */
const char *gp_trn(const gp_lang *L, const char *msgid, const char *plural, unsigned long n);

#ifdef __cplusplus
}
#endif
#endif
