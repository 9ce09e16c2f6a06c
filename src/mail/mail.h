/* mail/mail.h - the plan as an email: an RFC 5322 message with a text and
 * HTML body from the style's template and the PDF (and calendar) attached.
 *
 * Advisers send plans to clients by email; this builds the message, ready
 * for a mail program or for `sendmail -t -i`. It never sends anything. */
#ifndef GP_MAIL_MAIL_H
#define GP_MAIL_MAIL_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/guide.h>
#include <guidepress/style.h>

typedef struct gp_mail {
    const char *to;      /* "Jane Doe <jane@example.org>" or "jane@example.org" */
    const char *from;    /* the same; NULL: the style's brand contact when it is an address */
    const char *subject; /* template; NULL: the style's email.subject */
    const char *start_text, *end_text; /* the dated plan's, or NULL */
    long long date;                    /* Date: header (Unix seconds) */
    const unsigned char *pdf;
    size_t pdf_len;
    const char *pdf_name; /* the attachment's file name */
    const char *ics;      /* NULL: no calendar attached */
    size_t ics_len;
    const char *ics_name;
} gp_mail;

/* Builds the message for guide g in style s. *out is g_malloc'ed (free with
 * gp_mail_data_free). Returns 0, or -1 with an error in diags (a bad
 * address, no sender). Output depends only on the inputs: the MIME
 * boundaries and the Message-ID are hashes of the content. */
int gp_mail_build(const gp_guide *g, const gp_style *s, const gp_mail *m, char **out, size_t *len,
                  gp_diags *diags);
void gp_mail_data_free(char *data);

/* Loads GMime (the module guidepress-mail.so) and initialises it, for a
 * program that starts threads later: 0, or -1 with the reason in err. */
int gp_mail_init(char *err, size_t cap);

/* True when v is one mailbox with an @, read by GMime's address parser
 * (the one the e-mail is built with); false also when GMime cannot be
 * loaded. */
bool gp_mail_address_ok(const char *v);

/* Fills a mail template: {prepared_for}, {adviser}, {from}, {to}, {title},
 * {brand}, {start}, {end}. gp_malloc'ed, NULL when memory runs out. */
char *gp_mail_fill(const char *tpl, const gp_guide *g, const gp_style *s, const char *to_addr,
                   const char *start_text, const char *end_text);

/* gp_mail_sendmail (mail/sendmail.c) is public: guidepress.h. */

#endif
