/* paint/pdf/num.c - the content builder.
 *
 * Page content is thousands of numbers (a reference guide has about 6,000):
 * they are written by a fixed-point formatter with at most three decimals
 * (1/1000 pt, far below any device's resolution), never by printf. */
#include "paint/pdf/pdf.h"

#include <math.h>
#include <string.h>

#include "base/alloc.h"

bool pdf_cb_reserve(pdf_cb *c, size_t more)
{
    if (c->failed)
        return false;
    if (c->len + more <= c->cap)
        return true;
    size_t cap = c->cap ? c->cap : 4096;
    while (cap < c->len + more)
        cap *= 2;
    char *p = gp_realloc(c->p, cap);
    if (!p) {
        c->failed = true;
        return false;
    }
    c->p = p;
    c->cap = cap;
    return true;
}

void pdf_cb_raw(pdf_cb *c, const char *s, size_t n)
{
    if (!pdf_cb_reserve(c, n))
        return;
    memcpy(c->p + c->len, s, n);
    c->len += n;
}

void pdf_cb_str(pdf_cb *c, const char *s)
{
    pdf_cb_raw(c, s, strlen(s));
}

char *pdf_fmt_num(char *p, double v)
{
    if (!(v == v) || v > 1e9 || v < -1e9) /* NaN or absurd: 0 keeps the file valid */
        v = 0;
    long long n = llround(v * 1000.0);
    if (n < 0) {
        *p++ = '-';
        n = -n;
    }
    long long ip = n / 1000;
    int fp = (int)(n % 1000);
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (k)
        *p++ = tmp[--k];
    if (fp) {
        *p++ = '.';
        *p++ = (char)('0' + fp / 100);
        fp %= 100;
        if (fp) {
            *p++ = (char)('0' + fp / 10);
            fp %= 10;
            if (fp)
                *p++ = (char)('0' + fp);
        }
    }
    return p;
}

void pdf_cb_num(pdf_cb *c, double v)
{
    if (!pdf_cb_reserve(c, 32))
        return;
    char *e = pdf_fmt_num(c->p + c->len, v);
    *e++ = ' ';
    c->len = (size_t)(e - c->p);
}

void pdf_cb_int(pdf_cb *c, long v)
{
    pdf_cb_num(c, (double)v);
}

void pdf_cb_free(pdf_cb *c)
{
    gp_free(c->p);
    memset(c, 0, sizeof *c);
}
