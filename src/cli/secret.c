/* cli/secret.c - passwords that stay out of `ps`, and the standard streams.
 *
 * A password on the command line is visible to every user of the machine
 * (ps, /proc/PID/cmdline), so render and batch also take it from a file
 * (--password-file, first line, as `pass` or a secrets mount writes it) or
 * from an environment variable (--password-env, as CI systems inject
 * secrets). The stream helpers let a render sit in a pipe: the guide from
 * standard input, the PDF to standard output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/util.h"
#include "cli/cli.h"

#define PASSWORD_MAX 4096

char *gp_cli_password_from_file(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc = gp_file_read(path, PASSWORD_MAX, &data, &len);
    if (rc != 0) {
        fprintf(stderr, "%s: error: cannot read the password file%s%s\n", path,
                rc == -2 ? ": longer than 4096 bytes"
                : errno  ? ": "
                         : "",
                rc == -2 ? ""
                : errno  ? strerror(errno)
                         : "");
        gp_free(data);
        return NULL;
    }
    /* the first line, without its line end */
    size_t n = strcspn(data, "\r\n");
    data[n] = '\0';
    if (n == 0 || strlen(data) != n) {
        fprintf(stderr, "%s:1:1: error: the password file's first line is empty\n", path);
        gp_free(data);
        return NULL;
    }
    return data;
}

char *gp_cli_password_from_env(const char *cmd, const char *var)
{
    const char *v = getenv(var);
    if (!v || !v[0]) {
        fprintf(stderr, "guidepress %s: error: environment variable %s is %s\n", cmd, var,
                v ? "empty" : "not set");
        return NULL;
    }
    return gp_strdup(v);
}

int gp_cli_read_stdin(char **out, size_t *len, size_t max_bytes)
{
    gp_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (b.len + n > max_bytes) {
            gp_buf_free(&b);
            return -2;
        }
        gp_buf_append(&b, chunk, n);
    }
    if (ferror(stdin) || b.failed) {
        gp_buf_free(&b);
        return -1;
    }
    if (!b.data) /* empty input */
        gp_buf_puts(&b, "");
    if (b.failed) {
        gp_buf_free(&b);
        return -1;
    }
    *out = b.data; /* gp_buf keeps it NUL-terminated */
    *len = b.len;
    return 0;
}

int gp_cli_stdout_write(void *closure, const unsigned char *data, size_t len)
{
    (void)closure;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
        return -1;
    return 0;
}
