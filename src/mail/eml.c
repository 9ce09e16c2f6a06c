/* mail/eml.c - the plan as an email, made with GMime 3.
 *
 * GMime rather than own code: MIME needs encoded-word headers for names
 * and subjects outside ASCII, address parsing with display names and
 * quoting, base64 and quoted-printable bodies with correct line lengths,
 * and boundaries; getting any of them subtly wrong makes mail programs show
 * garbage. The message is multipart/mixed: a multipart/alternative body
 * (text/plain and text/html from the style's `email.body` template), the
 * PDF (application/pdf, base64) and, when asked, the calendar
 * (text/calendar; method=PUBLISH). Output is reproducible: the boundaries
 * and the Message-ID are hashes of the content and the Date is the
 * document date, so two renders write the same bytes.
 *
 * The module guidepress-mail.so (modules/api.h): GMime, and gpgme and the
 * rest it brings, are loaded only by a render that writes an email. */
#include "mail/mail.h"

#include <gmime/gmime.h>
#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "model/style_struct.h"
#include "modules/api.h"

/* Templates ------------------------------------------------------------------------ */

static const char *first_mailbox_name(const char *addr, char *buf, size_t cap)
{
    /* "Jane Doe <jane@x>" -> "Jane Doe"; "jane@x" -> "jane@x" */
    const char *lt = strchr(addr, '<');
    size_t n = lt ? (size_t)(lt - addr) : strlen(addr);
    while (n && addr[n - 1] == ' ')
        n--;
    if (!n) {
        n = strlen(addr);
    }
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, addr, n);
    buf[n] = '\0';
    return buf;
}

char *gp_mail_fill(const char *tpl, const gp_guide *g, const gp_style *s, const char *to_addr,
                   const char *start_text, const char *end_text)
{
    char who[256] = "";
    if (to_addr)
        first_mailbox_name(to_addr, who, sizeof who);
    const char *prepared_for = g->prepared_for.s && g->prepared_for.s[0] ? g->prepared_for.s : who;
    const char *adviser = g->prepared_by.s && g->prepared_by.s[0] ? g->prepared_by.s
                          : s->brand_name                         ? s->brand_name
                                                                  : "";
    const struct {
        const char *name, *value;
    } f[] = {{"prepared_for", prepared_for},
             {"adviser", adviser},
             {"from", g->from.s},
             {"to", g->to.s},
             {"title", g->title.s},
             {"brand", s->brand_name},
             {"start", start_text},
             {"end", end_text}};
    gp_buf b = {0};
    for (const char *p = tpl; *p;) {
        if (*p == '{') {
            size_t k = 0;
            for (; k < sizeof f / sizeof *f; k++) {
                size_t l = strlen(f[k].name);
                if (!strncmp(p + 1, f[k].name, l) && p[1 + l] == '}')
                    break;
            }
            if (k < sizeof f / sizeof *f) {
                gp_buf_puts(&b, f[k].value ? f[k].value : "");
                p += strlen(f[k].name) + 2;
                continue;
            }
        }
        gp_buf_append(&b, p, 1);
        p++;
    }
    if (!b.data)
        gp_buf_puts(&b, "");
    if (b.failed) {
        gp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static void html_escape(gp_buf *out, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (p[i]) {
        case '<': gp_buf_puts(out, "&lt;"); break;
        case '>': gp_buf_puts(out, "&gt;"); break;
        case '&': gp_buf_puts(out, "&amp;"); break;
        case '"': gp_buf_puts(out, "&quot;"); break;
        default: gp_buf_append(out, p + i, 1);
        }
    }
}

/* text -> HTML: escaped, a blank line between paragraphs, line breaks kept */
static char *html_body(const char *text, const char *title)
{
    gp_buf out = {0};
    gp_buf_puts(&out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    html_escape(&out, title ? title : "", title ? strlen(title) : 0);
    gp_buf_puts(&out, "</title></head>\n<body>\n");
    const char *p = text;
    while (*p) {
        while (*p == '\n')
            p++;
        if (!*p)
            break;
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        while (n && p[n - 1] == '\n')
            n--;
        gp_buf_puts(&out, "<p>");
        for (size_t i = 0; i < n;) {
            const char *nl = memchr(p + i, '\n', n - i);
            size_t l = nl ? (size_t)(nl - (p + i)) : n - i;
            html_escape(&out, p + i, l);
            i += l;
            if (nl) {
                gp_buf_puts(&out, "<br>\n");
                i++;
            }
        }
        gp_buf_puts(&out, "</p>\n");
        p += end ? (size_t)(end - p) : strlen(p);
    }
    gp_buf_puts(&out, "</body></html>\n");
    if (out.failed) {
        gp_buf_free(&out);
        return NULL;
    }
    return out.data;
}

/* The message --------------------------------------------------------------------- */

/* Parses one or more addresses; NULL (with an error) unless each is a
 * mailbox with an @. */
static InternetAddressList *parse_addresses(const char *s, const char *what, gp_diags *diags)
{
    InternetAddressList *l = s ? internet_address_list_parse(NULL, s) : NULL;
    int n = l ? internet_address_list_length(l) : 0;
    bool ok = n > 0;
    for (int i = 0; ok && i < n; i++) {
        InternetAddress *a = internet_address_list_get_address(l, i);
        const char *addr = INTERNET_ADDRESS_IS_MAILBOX(a)
                               ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))
                               : NULL;
        ok = addr && strchr(addr, '@') && addr[0] != '@' && addr[strlen(addr) - 1] != '@';
    }
    if (!ok) {
        if (l)
            g_object_unref(l);
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, what, NULL,
                     "%s: `%s` is not an email address (name@example.org or \"Name "
                     "<name@example.org>\")",
                     what, s ? s : "");
        return NULL;
    }
    return l;
}

static GMimePart *attachment(const char *type, const char *subtype, const void *data, size_t len,
                             const char *name)
{
    GMimePart *p = g_mime_part_new_with_type(type, subtype);
    GMimeStream *st = g_mime_stream_mem_new_with_buffer(data, len);
    GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(p, w);
    g_object_unref(w);
    g_object_unref(st);
    g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_object_set_disposition(GMIME_OBJECT(p), GMIME_DISPOSITION_ATTACHMENT);
    g_mime_part_set_filename(p, name);
    return p;
}

static GMimeTextPart *text_part(const char *subtype, const char *text)
{
    GMimeTextPart *t = g_mime_text_part_new_with_subtype(subtype);
    g_mime_text_part_set_charset(t, "utf-8");
    g_mime_text_part_set_text(t, text);
    g_mime_part_set_content_encoding(GMIME_PART(t), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    return t;
}

static const char *base_name(const char *path, const char *fallback)
{
    if (!path || !path[0])
        return fallback;
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

int gpmod_mail_init(void)
{
    static bool inited;
    if (!inited) {
        g_mime_init();
        inited = true;
    }
    return 0;
}

bool gpmod_mail_address_ok(const char *v)
{
    gpmod_mail_init();
    InternetAddressList *l = internet_address_list_parse(NULL, v);
    bool ok = l && internet_address_list_length(l) == 1;
    if (ok) {
        InternetAddress *a = internet_address_list_get_address(l, 0);
        const char *addr = INTERNET_ADDRESS_IS_MAILBOX(a)
                               ? internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))
                               : NULL;
        const char *at = addr ? strchr(addr, '@') : NULL;
        ok = at && at != addr && at[1] && !strchr(at + 1, '@');
    }
    if (l)
        g_object_unref(l);
    return ok;
}

int gpmod_mail_build(const gp_guide *g, const gp_style *s, const gp_mail *m, char **out,
                     size_t *len, gp_diags *diags)
{
    gpmod_mail_init();
    *out = NULL;
    *len = 0;
    int rc = -1;
    const char *from = m->from;
    if (!from && s->brand_contact && strchr(s->brand_contact, '@'))
        from = s->brand_contact;
    if (!from) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, "mail_from", NULL,
                     "an email needs a sender: give --mail-from ADDR (or a brand contact "
                     "address in the style)");
        return -1;
    }
    InternetAddressList *to_l = parse_addresses(m->to, "--mail-to", diags);
    InternetAddressList *from_l = parse_addresses(from, "--mail-from", diags);
    const char *subject_tpl = m->subject ? m->subject : s->email.subject;
    char *subject =
        gp_mail_fill(subject_tpl ? subject_tpl : "", g, s, m->to, m->start_text, m->end_text);
    char *text =
        gp_mail_fill(s->email.body ? s->email.body : "", g, s, m->to, m->start_text, m->end_text);
    char *html = text ? html_body(text, subject) : NULL;
    GMimeMessage *msg = NULL;
    GMimeStream *mem = NULL;
    if (!to_l || !from_l)
        goto done;
    if (!subject || !text || !html) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "out of memory while making the email");
        goto done;
    }

    /* Reproducible names: a hash of everything the message carries. */
    GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(h, (const guchar *)m->to, (gssize)strlen(m->to));
    g_checksum_update(h, (const guchar *)from, (gssize)strlen(from));
    g_checksum_update(h, (const guchar *)subject, (gssize)strlen(subject));
    g_checksum_update(h, (const guchar *)text, (gssize)strlen(text));
    g_checksum_update(h, m->pdf, (gssize)m->pdf_len);
    if (m->ics)
        g_checksum_update(h, (const guchar *)m->ics, (gssize)m->ics_len);
    char hash[65];
    snprintf(hash, sizeof hash, "%s", g_checksum_get_string(h));
    g_checksum_free(h);

    msg = g_mime_message_new(TRUE);
    internet_address_list_append(g_mime_message_get_from(msg), from_l);
    internet_address_list_append(g_mime_message_get_to(msg), to_l);
    g_mime_message_set_subject(msg, subject, "utf-8");
    GDateTime *date = g_date_time_new_from_unix_utc((gint64)m->date);
    if (date) {
        g_mime_message_set_date(msg, date);
        g_date_time_unref(date);
    }
    char id[96];
    snprintf(id, sizeof id, "%.32s@guidepress.invalid", hash);
    g_mime_message_set_message_id(msg, id);

    GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
    char boundary[64];
    snprintf(boundary, sizeof boundary, "=-alt-%.24s", hash);
    g_mime_multipart_set_boundary(alt, boundary);
    GMimeTextPart *tp = text_part("plain", text), *hp = text_part("html", html);
    g_mime_multipart_add(alt, GMIME_OBJECT(tp));
    g_mime_multipart_add(alt, GMIME_OBJECT(hp));
    g_object_unref(tp);
    g_object_unref(hp);

    GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
    snprintf(boundary, sizeof boundary, "=-mixed-%.24s", hash);
    g_mime_multipart_set_boundary(mixed, boundary);
    g_mime_multipart_add(mixed, GMIME_OBJECT(alt));
    g_object_unref(alt);
    GMimePart *pdf =
        attachment("application", "pdf", m->pdf, m->pdf_len, base_name(m->pdf_name, "plan.pdf"));
    g_mime_multipart_add(mixed, GMIME_OBJECT(pdf));
    g_object_unref(pdf);
    if (m->ics) {
        GMimePart *cal =
            attachment("text", "calendar", m->ics, m->ics_len, base_name(m->ics_name, "plan.ics"));
        g_mime_object_set_content_type_parameter(GMIME_OBJECT(cal), "method", "PUBLISH");
        g_mime_object_set_content_type_parameter(GMIME_OBJECT(cal), "charset", "utf-8");
        g_mime_multipart_add(mixed, GMIME_OBJECT(cal));
        g_object_unref(cal);
    }
    g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
    g_object_unref(mixed);

    mem = g_mime_stream_mem_new();
    if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), NULL, mem) < 0) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "cannot write the email");
        goto done;
    }
    GByteArray *ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
    *out = g_malloc(ba->len + 1);
    memcpy(*out, ba->data, ba->len);
    (*out)[ba->len] = '\0';
    *len = ba->len;
    rc = 0;
done:
    if (mem)
        g_object_unref(mem);
    if (msg)
        g_object_unref(msg);
    if (to_l)
        g_object_unref(to_l);
    if (from_l)
        g_object_unref(from_l);
    gp_free(subject);
    gp_free(text);
    gp_free(html);
    return rc;
}
