/* model/style_values.c - single style values: lengths, colours, page sizes.
 *
 * Pure functions on strings, without YAML trees or diagnostics, so that the
 * unit tests can pin down every accepted and refused spelling, and so that
 * number parsing does not depend on the C locale (strtod would read "9,5"
 * under a German locale set by some GUI toolkit); a style sheet means the
 * same everywhere. */
#include <ctype.h>
#include <string.h>

#include "model/style_priv.h"

#define PT_PER_IN 72.0
#define PT_PER_MM (72.0 / 25.4)

/* Reads an unsigned decimal "12", "12.5", ".5" at *p; advances *p. */
static bool read_decimal(const char **p, double *out)
{
    const char *s = *p;
    double v = 0;
    bool digits = false;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (*s - '0');
        digits = true;
        if (v > 1e9)
            return false;
        s++;
    }
    if (*s == '.') {
        s++;
        double scale = 0.1;
        while (*s >= '0' && *s <= '9') {
            v += (*s - '0') * scale;
            scale /= 10;
            digits = true;
            s++;
        }
    }
    if (!digits)
        return false;
    *out = v;
    *p = s;
    return true;
}

static bool eq_nocase(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

/* Parses one length occupying exactly [s, end). */
static bool parse_length_span(const char *s, const char *end, double *pt, bool *bad_unit)
{
    bool neg = false;
    if (s < end && (*s == '-' || *s == '+')) {
        neg = *s == '-';
        s++;
    }
    double v;
    const char *p = s;
    if (p >= end || !read_decimal(&p, &v) || p > end)
        return false;
    size_t ulen = (size_t)(end - p);
    double k;
    if (ulen == 0)
        k = 1;
    else if (ulen == 2 && (p[0] == 'p' || p[0] == 'P') && (p[1] == 't' || p[1] == 'T'))
        k = 1;
    else if (ulen == 2 && (p[0] == 'm' || p[0] == 'M') && (p[1] == 'm' || p[1] == 'M'))
        k = PT_PER_MM;
    else if (ulen == 2 && (p[0] == 'c' || p[0] == 'C') && (p[1] == 'm' || p[1] == 'M'))
        k = 10 * PT_PER_MM;
    else if (ulen == 2 && (p[0] == 'i' || p[0] == 'I') && (p[1] == 'n' || p[1] == 'N'))
        k = PT_PER_IN;
    else {
        if (bad_unit) {
            bool alpha = true;
            for (const char *q = p; q < end; q++)
                if (!isalpha((unsigned char)*q) && *q != '%')
                    alpha = false;
            *bad_unit = alpha;
        }
        return false;
    }
    *pt = (neg ? -v : v) * k;
    return true;
}

bool gp_style_parse_length(const char *s, double *pt, bool *bad_unit)
{
    if (bad_unit)
        *bad_unit = false;
    if (!s)
        return false;
    while (*s == ' ' || *s == '\t')
        s++;
    const char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    return parse_length_span(s, end, pt, bad_unit);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool gp_style_parse_hex(const char *s, gp_color *out)
{
    if (!s || s[0] != '#')
        return false;
    size_t n = strlen(s + 1);
    if (n != 3 && n != 6)
        return false;
    int v[6];
    for (size_t i = 0; i < n; i++)
        if ((v[i] = hexval(s[1 + i])) < 0)
            return false;
    int r, g, b;
    if (n == 3) {
        r = v[0] * 17;
        g = v[1] * 17;
        b = v[2] * 17;
    } else {
        r = v[0] * 16 + v[1];
        g = v[2] * 16 + v[3];
        b = v[4] * 16 + v[5];
    }
    out->r = r / 255.0;
    out->g = g / 255.0;
    out->b = b / 255.0;
    out->none = false;
    return true;
}

static const struct {
    const char *name;
    double w, h;
} paper[] = {
    {"A4", 210 * PT_PER_MM, 297 * PT_PER_MM},
    {"A5", 148 * PT_PER_MM, 210 * PT_PER_MM},
    {"Letter", 8.5 * PT_PER_IN, 11 * PT_PER_IN},
    {"Legal", 8.5 * PT_PER_IN, 14 * PT_PER_IN},
};

bool gp_style_page_size(const char *name, double *w, double *h, const char **canonical)
{
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof paper / sizeof paper[0]; i++) {
        if (eq_nocase(name, paper[i].name)) {
            *w = paper[i].w;
            *h = paper[i].h;
            if (canonical)
                *canonical = paper[i].name;
            return true;
        }
    }
    return false;
}

int gp_style_parse_margin(const char *s, double out[4])
{
    int n = 0;
    const char *p = s;
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if (n == 4)
            return -1;
        if (!parse_length_span(p, e, &out[n], NULL))
            return 0;
        n++;
        p = e;
    }
    return n;
}

void gp_style_css_sides(const double *v, int n, double out[4])
{
    /* CSS: 1 = all; 2 = vertical horizontal; 3 = top horizontal bottom;
     * 4 = top right bottom left. */
    switch (n) {
    case 1: out[0] = out[1] = out[2] = out[3] = v[0]; break;
    case 2:
        out[0] = out[2] = v[0];
        out[1] = out[3] = v[1];
        break;
    case 3:
        out[0] = v[0];
        out[1] = out[3] = v[1];
        out[2] = v[2];
        break;
    default:
        out[0] = v[0];
        out[1] = v[1];
        out[2] = v[2];
        out[3] = v[3];
        break;
    }
}

bool gp_style_parse_weight(const char *s, int *weight)
{
    static const struct {
        const char *name;
        int w;
    } names[] = {
        {"regular", 400}, {"normal", 400}, {"medium", 500}, {"semibold", 600}, {"bold", 700}};
    if (!s)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (eq_nocase(s, names[i].name)) {
            *weight = names[i].w;
            return true;
        }
    }
    int v = 0;
    const char *p = s;
    if (!*p)
        return false;
    for (; *p; p++) {
        if (*p < '0' || *p > '9' || v > 1000)
            return false;
        v = v * 10 + (*p - '0');
    }
    if (v < 100 || v > 900)
        return false;
    *weight = v;
    return true;
}
