/* layout/labels.h - the words, dates and numbers the layout writes itself,
 * in the guide's language: `labels:` of the guide, then of the style, then
 * the gettext catalogue (base/i18n.h), then the English message id. */
#ifndef GP_LAYOUT_LABELS_H
#define GP_LAYOUT_LABELS_H

#include "base/i18n.h"
#include "layout/flow.h"

/* The catalogue language of the guide (English when it has none). */
const gp_lang *gp_doc_lang(const gp_lctx *lc);

/* The label for a message id (a literal: xgettext finds it here). */
const char *gp_label(const gp_lctx *lc, const char *msgid);
/* The plural form for n. */
const char *gp_labeln(const gp_lctx *lc, const char *msgid, const char *plural, unsigned long n);

/* The language of a label's words when it differs from the document's,
 * for /Lang on the element that holds them: "en-GB" when label (what
 * gp_label or gp_labeln gave for msgid / plural) is the English wording in
 * a document of another language, because the language has no catalogue
 * or its catalogue lacks the message; NULL when the label is in the
 * document's language (translated, or written in a `labels:` entry). */
const char *gp_label_lang(const gp_lctx *lc, const char *msgid, const char *plural,
                          const char *label);

/* A YYYY-MM-DD date as the language writes it ("24 Tachwedd 2026"),
 * arena-allocated; iso itself when it is not such a date. */
const char *gp_label_date(gp_lctx *lc, const char *iso);

/* ASCII text with its digits in the document's digits (the language's own
 * when `digits: native` is set in the guide or the style); arena, or the
 * text itself. */
const char *gp_label_digits(gp_lctx *lc, const char *ascii);
bool gp_label_native_digits(const gp_lctx *lc);
/* Same in place in buf (cap bytes). */
void gp_label_digits_buf(const gp_lctx *lc, char *buf, size_t cap);

/* Money and ranges as the language writes them (grouping, symbol place,
 * digits). */
size_t gp_label_money(const gp_lctx *lc, char *buf, size_t cap, double amount,
                      const char *currency);
size_t gp_label_range(const gp_lctx *lc, char *buf, size_t cap, const gp_range *r,
                      const char *currency);

/* The guide with the defaults the loader filled in English (title, card
 * labels, derived stats) worded in its language; a copy in the layout's
 * arena, or g itself when nothing changes or memory runs out. */
const gp_guide *gp_labels_localize(gp_lctx *lc, const gp_guide *g);

#endif
