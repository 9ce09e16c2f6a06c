/* cli/args.h - the one option parser of the command line.
 *
 * Each command describes its options in a table of gp_cli_opt: the long
 * name, an optional one-letter name, the kind of argument, the help line
 * and where the value goes (a variable, or a handler for options that
 * check or combine their values). gp_cli_parse walks argv with it:
 *
 *   --output OUT, --output=OUT, -o OUT, -oOUT   an option and its value
 *   --pdfa                               a flag
 *   --                                   the rest are positional arguments
 *   -                                    a positional argument (stdin)
 *
 * A value is always the next argument, whatever it looks like, so
 * `--password -x` sets the password "-x". A mistyped option is answered
 * with the nearest one in the table ("did you mean '--output'?"), and
 * `-h`/`--help` prints the command's usage text followed by the table's
 * help lines, so what --help lists is exactly what the command parses. */
#ifndef GP_CLI_ARGS_H
#define GP_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum gp_cli_kind {
    GP_CLI_FLAG,   /* no value: sets *flag to true */
    GP_CLI_STRING, /* one value: *str = value (a later one replaces it) */
    GP_CLI_NUMBER, /* one value, a number from min to max: *num = value */
    GP_CLI_LIST    /* repeatable: each value is added to *list */
} gp_cli_kind;

#define GP_CLI_LIST_MAX 32

/* The values of a repeatable option, in order. */
typedef struct gp_cli_list {
    const char *v[GP_CLI_LIST_MAX];
    size_t n;
} gp_cli_list;

/* A handler sees the option as the user wrote it ("-s" or "--style") and
 * its value (NULL for a flag). It returns 0 to go on, or an exit status
 * after printing what is wrong (gp_cli_usage_error for a usage error). */
typedef int (*gp_cli_handler)(void *ctx, const char *opt, const char *value);

typedef struct gp_cli_opt {
    const char *name;    /* "--output" */
    char short_name;     /* 'o' for -o; 0 for none */
    gp_cli_kind kind;    /* decides whether a value follows */
    const char *metavar; /* "OUT" in the help line; NULL for a flag */
    const char *help;    /* the help line */
    /* Where the value goes: the handler when there is one, else the
     * variable of the kind. */
    gp_cli_handler fn;
    bool *flag;
    const char **str;
    double *num;
    gp_cli_list *list;
    double min, max;       /* GP_CLI_NUMBER: the accepted range */
    const char *bad_value; /* GP_CLI_NUMBER: the usage error when the value is
                              not a number in range; GP_CLI_LIST: when there
                              are more than GP_CLI_LIST_MAX (%d for the max) */
    const char *missing;   /* the usage error when the value is missing, with
                              %s for the option; NULL: "%s needs a value" */
} gp_cli_opt;

typedef struct gp_cli_spec {
    const char *cmd;        /* "render": names the command in messages */
    const char *usage;      /* --help prints this, then the option lines */
    const char *epilogue;   /* printed after the option lines, or NULL */
    const gp_cli_opt *opts; /* the table */
    size_t n_opts;
    void *ctx; /* passed to the handlers */
    /* Called with each positional argument in order (opt NULL), so that a
     * command can tell them apart as they come; NULL: they are collected
     * (gp_cli_parse). */
    gp_cli_handler positional;
} gp_cli_spec;

/* Parses argv[1..argc) (argv[0] is the command's name). Without a
 * positional handler, the positional arguments are moved, in order, to
 * argv[1..1 + *n_pos) (else *n_pos is 0). Returns true
 * when the command should go on; false when it should return *rc: after
 * --help (GP_EXIT_OK), a usage error (GP_EXIT_USAGE, printed) or a
 * handler's error. */
bool gp_cli_parse(const gp_cli_spec *spec, int argc, char **argv, int *n_pos, int *rc);

/* Prints the usage text and one line per option of the table. */
void gp_cli_print_help(const gp_cli_spec *spec, FILE *out);

#endif
