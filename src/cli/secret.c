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

#include "cli/cli.h"

#define PASSWORD_MAX 4096

/* Reads at most max bytes of path (NUL-terminated, malloc'ed): 0, -1 with
 * errno set, -2 when the file is longer. */
static int read_small(const char *path, size_t max, char **out)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *data = malloc(max + 2);
    errno = 0;
    size_t n = data ? fread(data, 1, max + 1, f) : 0;
    int err = !data ? ENOMEM : ferror(f) ? (errno ? errno : EIO) : 0; /* EISDIR for a folder */
    fclose(f);
    if (err) {
        free(data);
        errno = err;
        return -1;
    }
    if (n > max) {
        free(data);
        return -2;
    }
    data[n] = '\0';
    *out = data;
    return 0;
}

char *gp_cli_password_from_file(const char *path)
{
    char *data = NULL;
    errno = 0;
    int rc = read_small(path, PASSWORD_MAX, &data);
    if (rc != 0) {
        fprintf(stderr, "%s: error: cannot read the password file%s%s\n", path,
                rc == -2 ? ": longer than 4096 bytes"
                : errno  ? ": "
                         : "",
                rc == -2 ? ""
                : errno  ? strerror(errno)
                         : "");
        free(data);
        return NULL;
    }
    /* the first line, without its line end */
    size_t n = strcspn(data, "\r\n");
    data[n] = '\0';
    if (n == 0 || strlen(data) != n) {
        fprintf(stderr, "%s:1:1: error: the password file's first line is empty\n", path);
        free(data);
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
    return strdup(v);
}

int gp_cli_read_stdin(char **out, size_t *len, size_t max_bytes)
{
    char *data = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 65536 + 1) {
            size_t want = cap ? cap * 2 : 65536 + 1;
            char *grown = realloc(data, want);
            if (!grown) {
                free(data);
                return -1;
            }
            data = grown;
            cap = want;
        }
        size_t got = fread(data + n, 1, 65536, stdin);
        if (!got)
            break;
        n += got;
        if (n > max_bytes) {
            free(data);
            return -2;
        }
    }
    if (ferror(stdin)) {
        free(data);
        return -1;
    }
    data[n] = '\0';
    *out = data;
    *len = n;
    return 0;
}

int gp_cli_stdout_write(void *closure, const unsigned char *data, size_t len)
{
    (void)closure;
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
        return -1;
    return 0;
}
