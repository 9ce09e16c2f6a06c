/* model/money.h - money in a document's language (see money.c). */
#ifndef GP_MODEL_MONEY_H
#define GP_MODEL_MONEY_H

#include <guidepress/guide.h>

#include "base/i18n.h"

/* The largest salary a guide may give (docs/limits.md): beyond it the loader
 * reports an error at the number; doubles stay exact well past it. */
#define GP_SALARY_MAX 1e12

/* As gp_money_format and gp_range_format, with L's grouping and currency
 * placement (L NULL or English: exactly those), and L's own digits when
 * native is set. */
size_t gp_money_format_l(char *buf, size_t cap, double amount, const char *currency,
                         const gp_lang *L, bool native);
size_t gp_range_format_l(char *buf, size_t cap, const gp_range *r, const char *currency,
                         const gp_lang *L, bool native);

#endif
