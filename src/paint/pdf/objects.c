/* paint/pdf/objects.c - object numbers, object streams and the
 * cross-reference stream (PDF 1.7 7.5.7 and 7.5.8).
 *
 * Every object that is not a stream goes into an object stream of up to
 * 128 objects, so the file has no classic xref table: the trailer is a
 * cross-reference stream with 1-, 4- and 2-byte fields. Streams are
 * deflated with libdeflate (a single call per stream, no zlib stream
 * state) and, when the file is encrypted, encrypted after deflating. */
#include "paint/pdf/pdf.h"

#include <libdeflate.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "paint/pdf/zcache.h"

#define OS_MAX 128

int pdfw_init(pdfw *w, int level)
{
    memset(w, 0, sizeof *w);
    w->zc = libdeflate_alloc_compressor(level);
    w->level = level;
    w->n_obj = 1;
    sha256_init(&w->sha);
    if (!w->zc)
        return -1;
    gp_buf_puts(&w->out, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    return w->out.failed ? -1 : 0;
}

void pdfw_free(pdfw *w)
{
    if (w->zc)
        libdeflate_free_compressor(w->zc);
    gp_buf_free(&w->out);
    for (int l = 0; l < 2; l++) {
        gp_buf_free(&w->lanes[l].os_body);
        gp_buf_free(&w->lanes[l].os_head);
    }
    gp_free(w->xref);
    gp_free(w->zbuf);
    memset(w, 0, sizeof *w);
}

uint32_t pdfw_alloc(pdfw *w)
{
    if (w->n_obj >= w->cap_xref) {
        uint32_t cap = w->cap_xref ? w->cap_xref * 2 : 256;
        pdf_xref *x = gp_realloc(w->xref, cap * sizeof *x);
        if (!x) {
            w->failed = true;
            return 0;
        }
        memset(x + w->cap_xref, 0, (cap - w->cap_xref) * sizeof *x);
        w->xref = x;
        w->cap_xref = cap;
    }
    return w->n_obj++;
}

/* Deflates data into w->zbuf; returns the compressed size, 0 on failure.
 * Streams seen before (a batch's unchanged pages, fonts) come from the
 * process's cache of deflated bytes (zcache.c). */
static size_t deflate(pdfw *w, const void *data, size_t len)
{
    return pdf_zcache_deflate(w->zc, w->level, data, len, &w->zbuf, &w->zcap);
}

static void put_stream(pdfw *w, uint32_t num, const char *dict, const void *data, size_t len,
                       bool deflate_it, bool encrypt)
{
    if (!num || num >= w->n_obj) {
        w->failed = true;
        return;
    }
    const unsigned char *body = data;
    size_t n = len;
    if (deflate_it) {
        n = deflate(w, data, len);
        if (!n && len) {
            w->failed = true;
            return;
        }
        body = w->zbuf;
    }
    unsigned char *enc = NULL;
    if (encrypt && w->crypt) {
        size_t el;
        if (pdf_crypt_stream(w->crypt, body, n, &enc, &el)) {
            w->failed = true;
            return;
        }
        body = enc;
        n = el;
    }
    w->xref[num].type = 1;
    w->xref[num].a = (uint32_t)pdfw_pos(w);
    gp_buf_printf(&w->out, "%u 0 obj\n<</Length %zu%s%s>>\nstream\n", num, n,
                  deflate_it ? "/Filter/FlateDecode" : "", dict);
    gp_buf_append(&w->out, (const char *)body, n);
    gp_buf_puts(&w->out, "\nendstream\nendobj\n");
    gp_free(enc);
    if (w->out.failed)
        w->failed = true;
}

void pdfw_stream(pdfw *w, uint32_t num, const char *dict, const void *data, size_t len,
                 bool deflate_it)
{
    put_stream(w, num, dict, data, len, deflate_it, true);
}

void pdfw_direct(pdfw *w, uint32_t num, const char *body)
{
    if (!num || num >= w->n_obj) {
        w->failed = true;
        return;
    }
    w->xref[num].type = 1;
    w->xref[num].a = (uint32_t)pdfw_pos(w);
    gp_buf_printf(&w->out, "%u 0 obj\n%s\nendobj\n", num, body);
}

static void flush_os(pdfw *w, int lane)
{
    struct pdfw_lane *l = &w->lanes[lane];
    if (!l->os_n)
        return;
    uint32_t num = pdfw_alloc(w);
    if (!num)
        return;
    for (uint32_t i = 0; i < l->os_n; i++) {
        w->xref[l->os_nums[i]].type = 2;
        w->xref[l->os_nums[i]].a = num;
        w->xref[l->os_nums[i]].b = i;
    }
    char dict[64];
    snprintf(dict, sizeof dict, "/Type/ObjStm/N %u/First %zu", l->os_n, l->os_head.len);
    gp_buf_append(&l->os_head, l->os_body.data ? l->os_body.data : "", l->os_body.len);
    put_stream(w, num, dict, l->os_head.data, l->os_head.len, true, true);
    l->os_head.len = 0;
    l->os_body.len = 0;
    l->os_n = 0;
}

gp_buf *pdfw_begin_lane(pdfw *w, uint32_t num, int lane)
{
    struct pdfw_lane *l = &w->lanes[lane ? 1 : 0];
    if (l->os_n == OS_MAX)
        flush_os(w, lane ? 1 : 0);
    w->lane = lane ? 1 : 0;
    w->obj_open = num;
    w->obj_start = l->os_body.len;
    return &l->os_body;
}

gp_buf *pdfw_begin(pdfw *w, uint32_t num)
{
    return pdfw_begin_lane(w, num, 0);
}

void pdfw_end(pdfw *w)
{
    uint32_t num = w->obj_open;
    if (!num || num >= w->n_obj) {
        w->failed = true;
        return;
    }
    struct pdfw_lane *l = &w->lanes[w->lane];
    pdf_put_uint(&l->os_head, num);
    gp_buf_append(&l->os_head, " ", 1);
    pdf_put_uint(&l->os_head, w->obj_start);
    gp_buf_append(&l->os_head, " ", 1);
    gp_buf_append(&l->os_body, "\n", 1);
    l->os_nums[l->os_n++] = num;
    w->xref[num].type = 2; /* placeholder until the stream is written */
    w->obj_open = 0;
    if (l->os_head.failed || l->os_body.failed)
        w->failed = true;
}

int pdfw_flush(pdfw *w, size_t min)
{
    if (!w->sink || w->out.len < min || w->out.len == 0)
        return w->sink_failed ? -1 : 0;
    if (!w->digested) /* after the /ID, nothing needs hashing */
        sha256_update(&w->sha, w->out.len, (const uint8_t *)w->out.data);
    if (!w->sink_failed && w->sink(w->sink_closure, (const unsigned char *)w->out.data, w->out.len))
        w->sink_failed = true;
    w->base += w->out.len;
    w->out.len = 0;
    return w->sink_failed ? -1 : 0;
}

void pdfw_digest(pdfw *w, uint8_t out[32])
{
    sha256_update(&w->sha, w->out.len, (const uint8_t *)(w->out.data ? w->out.data : ""));
    sha256_digest(&w->sha, 32, out);
    w->digested = true;
}

void pdf_sha256(const void *data, size_t len, uint8_t out[32])
{
    struct sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, len, data);
    sha256_digest(&c, 32, out);
}

void pdfw_finish(pdfw *w, uint32_t root, uint32_t info, uint32_t encrypt, const uint8_t id[16])
{
    flush_os(w, 0);
    flush_os(w, 1);
    uint32_t xnum = pdfw_alloc(w);
    if (!xnum || w->failed)
        return;
    size_t n = w->n_obj;
    /* field widths from the largest offset and index: [1 2 1] for a small
     * file instead of [1 4 2], and rows filtered with the PNG "Up"
     * predictor (one filter byte, then each byte minus the one above), so
     * that increasing offsets and repeated object stream numbers deflate
     * to little */
    uint32_t max_a = 0, max_b = 0;
    for (size_t i = 0; i < n; i++) {
        if (w->xref[i].type && w->xref[i].a > max_a)
            max_a = w->xref[i].a;
        if (w->xref[i].type && w->xref[i].b > max_b)
            max_b = w->xref[i].b;
    }
    max_a = max_a > (uint32_t)pdfw_pos(w) ? max_a : (uint32_t)pdfw_pos(w);
    max_b = max_b > 0xffff ? max_b : 0xffff; /* the free head's generation */
    int wa = max_a > 0xffffff ? 4 : max_a > 0xffff ? 3 : max_a > 0xff ? 2 : 1;
    int wb = max_b > 0xffff ? 4 : max_b > 0xff ? 2 : 1;
    size_t rw = 1 + (size_t)wa + (size_t)wb;
    unsigned char *rows = gp_malloc(n * (rw + 1));
    unsigned char *prev = gp_calloc(rw, 1);
    if (!rows || !prev) {
        gp_free(rows);
        gp_free(prev);
        w->failed = true;
        return;
    }
    w->xref[xnum].type = 1;
    w->xref[xnum].a = (uint32_t)pdfw_pos(w);
    for (size_t i = 0; i < n; i++) {
        unsigned char r[12] = {0};
        const pdf_xref *x = &w->xref[i];
        if (i == 0) {
            /* object 0 heads the free list with generation 65535 */
            for (int k = 0; k < wb; k++)
                r[1 + wa + k] = k >= wb - 2 ? 0xff : 0;
        } else if (x->type) { /* unwritten numbers stay free: all zero */
            r[0] = x->type;
            for (int k = 0; k < wa; k++)
                r[1 + k] = (unsigned char)(x->a >> (8 * (wa - 1 - k)));
            for (int k = 0; k < wb; k++)
                r[1 + wa + k] = (unsigned char)(x->b >> (8 * (wb - 1 - k)));
        }
        unsigned char *o = rows + i * (rw + 1);
        o[0] = 2; /* PNG Up */
        for (size_t k = 0; k < rw; k++)
            o[1 + k] = (unsigned char)(r[k] - prev[k]);
        memcpy(prev, r, rw);
    }
    gp_free(prev);
    gp_buf d = {0};
    gp_buf_printf(
        &d, "/Type/XRef/Size %zu/W[1 %d %d]/DecodeParms<</Predictor 12/Columns %zu>>/Root %u 0 R",
        n, wa, wb, rw, root);
    if (info)
        gp_buf_printf(&d, "/Info %u 0 R", info);
    if (encrypt)
        gp_buf_printf(&d, "/Encrypt %u 0 R", encrypt);
    gp_buf_puts(&d, "/ID[<");
    for (int k = 0; k < 2; k++) {
        for (int i = 0; i < 16; i++)
            gp_buf_printf(&d, "%02x", id[i]);
        gp_buf_puts(&d, k ? ">]" : "><");
    }
    size_t xoff = pdfw_pos(w);
    put_stream(w, xnum, d.data ? d.data : "", rows, n * (rw + 1), true, false);
    gp_buf_free(&d);
    gp_free(rows);
    gp_buf_printf(&w->out, "startxref\n%zu\n%%%%EOF\n", xoff);
    if (w->out.failed)
        w->failed = true;
}

void pdf_put_uint(gp_buf *b, unsigned long long v)
{
    char tmp[24];
    int k = sizeof tmp;
    do {
        tmp[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    gp_buf_append(b, tmp + k, sizeof tmp - (size_t)k);
}

void pdf_put_ref(gp_buf *b, uint32_t num)
{
    pdf_put_uint(b, num);
    gp_buf_append(b, " 0 R", 4);
}

/* Strings ----------------------------------------------------------------------- */

static bool printable_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
            return false;
    return true;
}

void pdf_utf16_hex(gp_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    gp_buf_puts(b, "<FEFF");
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        int k = gp_utf8_decode(s + i, len - i, &cp);
        if (k <= 0) {
            cp = 0xfffd;
            k = 1;
        }
        i += (size_t)k;
        uint16_t u[2];
        int nu = 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            u[0] = (uint16_t)(0xd800 + (cp >> 10));
            u[1] = (uint16_t)(0xdc00 + (cp & 0x3ff));
            nu = 2;
        } else {
            u[0] = (uint16_t)cp;
        }
        for (int j = 0; j < nu; j++) {
            char h[4] = {hex[u[j] >> 12], hex[(u[j] >> 8) & 15], hex[(u[j] >> 4) & 15],
                         hex[u[j] & 15]};
            gp_buf_append(b, h, 4);
        }
    }
    gp_buf_puts(b, ">");
}

void pdf_text(gp_buf *b, const char *s, size_t len)
{
    if (!printable_ascii(s, len)) {
        pdf_utf16_hex(b, s, len);
        return;
    }
    gp_buf_append(b, "(", 1);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '(' || s[i] == ')' || s[i] == '\\')
            gp_buf_append(b, "\\", 1);
        gp_buf_append(b, s + i, 1);
    }
    gp_buf_append(b, ")", 1);
}

void pdf_name(gp_buf *b, const char *s)
{
    gp_buf_append(b, "/", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x21 || c > 0x7e || strchr("#()<>[]{}/%", c))
            gp_buf_printf(b, "#%02X", c);
        else
            gp_buf_append(b, (const char *)&c, 1);
    }
}
