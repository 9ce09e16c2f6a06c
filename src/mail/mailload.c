/* mail/mailload.c - gp_mail_build() runs eml.c from the module
 * guidepress-mail.so, so GMime is loaded only when an email is written. */
#include "mail/mail.h"

#include <glib.h>

#include "modules/api.h"

int gp_mail_build(const gp_guide *g, const gp_style *s, const gp_mail *m, char **out, size_t *len,
                  gp_diags *diags)
{
    gpmod_mail_build_fn *fn;
    *out = NULL;
    *len = 0;
    if (gp_module_fn_diag("mail", "gpmod_mail_build", &fn, diags))
        return -1;
    return fn(g, s, m, out, len, diags);
}

int gp_mail_init(char *err, size_t cap)
{
    gpmod_mail_init_fn *fn;
    if (gp_module_fn("mail", "gpmod_mail_init", &fn, err, cap))
        return -1;
    return fn();
}

bool gp_mail_address_ok(const char *v)
{
    char err[256];
    gpmod_mail_address_ok_fn *fn;
    return !gp_module_fn("mail", "gpmod_mail_address_ok", &fn, err, sizeof err) && fn(v);
}

void gp_mail_data_free(char *data)
{
    g_free(data); /* GMime's buffer, from GLib's allocator */
}
