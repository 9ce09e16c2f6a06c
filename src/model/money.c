/* model/money.c - money and salary ranges as the reader sees them, and
 * section type names.
 *
 * Salary tables, the range chart and any text the layout builds show money
 * the same way, so the formatting lives in one place: whole units, the
 * currency symbol for the common currencies and the ISO code otherwise,
 * ranges joined by an en dash with no spaces. The public functions write
 * English (£32,000); the _l forms follow a language: its locale's digit
 * grouping (LC_MONETARY: "32 000" in Polish, none in ar_SA), where its
 * locale puts a currency symbol (after the amount in Polish and Arabic),
 * and optionally its own digits. */
#include <guidepress/guide.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "model/money.h"

static const char *currency_symbol(const char *currency)
{
    if (!currency || !strcmp(currency, "GBP"))
        return "\xC2\xA3"; /* £ */
    if (!strcmp(currency, "USD"))
        return "$";
    if (!strcmp(currency, "EUR"))
        return "\xE2\x82\xAC"; /* € */
    if (!strcmp(currency, "JPY"))
        return "\xC2\xA5"; /* ¥ */
    return NULL;
}

/* Copies src into buf (cap bytes) without splitting a UTF-8 sequence;
 * returns the bytes written. */
static size_t copy_out(char *buf, size_t cap, const char *src)
{
    if (!buf || cap == 0)
        return 0;
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(buf, src, n);
    buf[n] = '\0';
    return n;
}

/* Writes amount with a currency prefix into out (at least 64 bytes). */
static void money(char *out, double amount, const char *currency)
{
    char digits[32], grouped[48];
    double r = floor(fabs(amount) + 0.5);
    if (!isfinite(r) || r > 1e18)
        r = 1e18;
    snprintf(digits, sizeof digits, "%.0f", r);
    size_t nd = strlen(digits), g = 0;
    for (size_t i = 0; i < nd; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            grouped[g++] = ',';
        grouped[g++] = digits[i];
    }
    grouped[g] = '\0';
    const char *sign = amount < 0 && r > 0 ? "-" : "";
    const char *sym = currency_symbol(currency);
    if (sym)
        snprintf(out, 64, "%s%s%s", sign, sym, grouped);
    else
        snprintf(out, 64, "%s%.3s %s", sign, currency, grouped);
}

/* Same in language L (NULL or English: as money()), into out (at least
 * 96 bytes). */
static void money_l(char *out, double amount, const char *currency, const gp_lang *L, bool native)
{
    if (!L || L == gp_lang_english()) {
        money(out, amount, currency);
    } else {
        char digits[32], grouped[96];
        double r = floor(fabs(amount) + 0.5);
        if (!isfinite(r) || r > 1e18)
            r = 1e18;
        snprintf(digits, sizeof digits, "%.0f", r);
        gp_lang_group(L, grouped, sizeof grouped, digits, true);
        const char *sign = amount < 0 && r > 0 ? "-" : "";
        const char *sym = currency_symbol(currency);
        char code[4];
        if (!sym) {
            snprintf(code, sizeof code, "%.3s", currency);
            sym = code;
        }
        bool before, space;
        gp_lang_currency_place(L, &before, &space);
        if (!currency_symbol(currency))
            space = true; /* "CHF 32 000", "32 000 CHF" */
        int w = before ? snprintf(out, 96, "%s%s%s%s", sign, sym, space ? "\xC2\xA0" : "", grouped)
                       : snprintf(out, 96, "%s%s%s%s", sign, grouped, space ? "\xC2\xA0" : "", sym);
        if (w < 0 || w >= 96) /* cannot happen: 18 digits, short separators */
            snprintf(out, 96, "%s", digits);
    }
    if (native && gp_lang_has_native_digits(L)) {
        char tmp[96];
        snprintf(tmp, sizeof tmp, "%s", out);
        gp_lang_digits(L, out, 96, tmp);
    }
}

size_t gp_money_format_l(char *buf, size_t cap, double amount, const char *currency,
                         const gp_lang *L, bool native)
{
    char tmp[96];
    money_l(tmp, amount, currency, L, native);
    return copy_out(buf, cap, tmp);
}

size_t gp_range_format_l(char *buf, size_t cap, const gp_range *r, const char *currency,
                         const gp_lang *L, bool native)
{
    char a[96], b[96], tmp[200];
    money_l(b, r->max, currency, L, native);
    if (r->min == r->max) {
        snprintf(tmp, sizeof tmp, "%s%s", b, r->open_ended ? "+" : "");
    } else {
        money_l(a, r->min, currency, L, native);
        snprintf(tmp, sizeof tmp, "%s\xE2\x80\x93%s%s", a, b, r->open_ended ? "+" : "");
    }
    return copy_out(buf, cap, tmp);
}

size_t gp_money_format(char *buf, size_t cap, double amount, const char *currency)
{
    char tmp[64];
    money(tmp, amount, currency);
    return copy_out(buf, cap, tmp);
}

size_t gp_range_format(char *buf, size_t cap, const gp_range *r, const char *currency)
{
    char a[64], b[64], tmp[160];
    money(b, r->max, currency);
    if (r->min == r->max) {
        snprintf(tmp, sizeof tmp, "%s%s", b, r->open_ended ? "+" : "");
    } else {
        money(a, r->min, currency);
        snprintf(tmp, sizeof tmp, "%s\xE2\x80\x93%s%s", a, b, r->open_ended ? "+" : "");
    }
    return copy_out(buf, cap, tmp);
}

const char *gp_section_type_name(gp_section_type t)
{
    static const char *const names[GP_SEC__COUNT] = {
        "prose", "skills", "gaps", "timeline", "salary", "compare", "list", "faq", "cta",
    };
    return (unsigned)t < GP_SEC__COUNT ? names[t] : NULL;
}
