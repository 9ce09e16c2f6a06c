/* cli/cli.h - the command line: argument parsing and orchestration only.
 * Exit status: 0 success, 1 invalid input (or any document failed), 2 usage
 * error. */
#ifndef GP_CLI_H
#define GP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include <guidepress/error.h>
#include <guidepress/guide.h>
#include <guidepress/lang.h>

enum { GP_EXIT_OK = 0, GP_EXIT_INVALID = 1, GP_EXIT_USAGE = 2 };

int gp_cli_check(int argc, char **argv);  /* cli/check.c */
int gp_cli_render(int argc, char **argv); /* cli/render.c */
int gp_cli_batch(int argc, char **argv);  /* cli/batch.c */
int gp_cli_report(int argc, char **argv); /* cli/report.c */
int gp_cli_watch(int argc, char **argv);  /* cli/watch.c */
int gp_cli_schema(int argc, char **argv); /* cli/schema.c */

/* Prints "did you mean '--output'?" for a mistyped option of cmd, from the
 * options its --help lists; returns 1 when it found one (cli/main.c). */
int gp_cli_suggest_option(const char *cmd, const char *opt);

int gp_cli_compose(int argc, char **argv); /* cli/compose.c */

/* --from, --to, --roles, --market (cli/compose.c), shared by render and
 * compose. */
typedef struct gp_cli_roles {
    const char *from, *to, *roles_dir, *market;
    char *stem;            /* "FROM--TO", set by gp_cli_roles_compose */
    const char *inputs[2]; /* the two profiles: an output must never replace them */
    char *input_copies[2];
    bool usage_error; /* an option without its value */
} gp_cli_roles;

/* Sets one of the options above (opt is "--from", "--to", "--roles" or
 * "--market"); -1 when value is missing or empty. */
int gp_cli_roles_set(gp_cli_roles *o, const char *opt, const char *value);

/* Loads the roles folder and composes the guide; NULL with diagnostics. */
gp_guide *gp_cli_roles_compose(gp_cli_roles *o, gp_diags *d);
void gp_cli_roles_done(gp_cli_roles *o);

/* The CLI's own messages in the user's language (cli/diagprint.c): the
 * first of $LANGUAGE (a colon-separated list), $LC_ALL, $LC_MESSAGES, $LANG
 * that names a language with a catalogue in po/ (same text domain as the
 * document words); English otherwise. Call once at start-up, before
 * $LANGUAGE is cleared. Machine-readable output (JSON, key names) is never
 * translated; diagnostics' message bodies come from the library in
 * English (docs/translating.md). Mark a message with GP_N_ where it is
 * passed to gp_cli_usage_error, else wrap it in gp_cli_tr. */
void gp_cli_lang_init(void);
const char *gp_cli_tr(const char *msgid);
const char *gp_cli_trn(const char *msgid, const char *plural, unsigned long n);

/* Prints every diagnostic as "file:line:col: error: message" (plus
 * "  hint: ..." lines) to out; returns the number of errors. */
size_t gp_cli_print_diags(FILE *out, const gp_diags *d);

/* Prints a usage error to stderr and returns GP_EXIT_USAGE. */
int gp_cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The same with "did you mean 'hint'?" under the message when hint is not
 * NULL (cli/args.c answers a mistyped option with the nearest one). */
int gp_cli_usage_error_hint(const char *cmd, const char *hint, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* cli/secret.c. The first line of a password file, or an environment
 * variable's value: malloc'ed (gp_free), or NULL with an error printed. */
char *gp_cli_password_from_file(const char *path);
char *gp_cli_password_from_env(const char *cmd, const char *var);

/* Reads all of standard input (at most max_bytes): 0, -1 on a read error,
 * -2 when larger. *out is NUL-terminated, gp_free it. */
int gp_cli_read_stdin(char **out, size_t *len, size_t max_bytes);

/* A gp_write_fn writing to standard output. */
int gp_cli_stdout_write(void *closure, const unsigned char *data, size_t len);

/* "0640" -> 0640 (render.c); -1 when s is not octal permission bits. */
long gp_cli_parse_mode(const char *s);

#endif
