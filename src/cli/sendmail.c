/* cli/sendmail.c - `render --sendmail CMD`: the library's sendmail hand-off
 * (src/mail/sendmail.c, which batch workers use too) under the CLI's name. */
#include "cli/cli.h"
#include "mail/mail.h"

int gp_cli_sendmail(const char *cmd, const char *eml_path, char *err, size_t err_cap)
{
    return gp_mail_sendmail(cmd, eml_path, err, err_cap);
}
