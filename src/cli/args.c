/* cli/args.c - the table-driven option parser (cli/args.h). */
#include <stdlib.h>
#include <string.h>

#include <guidepress/error.h>

#include "cli/args.h"
#include "cli/cli.h"

/* The option argv[i] names: "--name", "--name=value", "-x" or "-xVALUE".
 * *value is set to the part after '=' for the second form and to what
 * follows the letter for the last. */
static const gp_cli_opt *find_opt(const gp_cli_spec *s, const char *a, size_t *name_len,
                                  const char **value)
{
    *value = NULL;
    if (a[1] != '-') { /* -x, or -xVALUE for an option that takes one (-j4) */
        for (size_t k = 0; k < s->n_opts; k++)
            if (s->opts[k].short_name && s->opts[k].short_name == a[1]) {
                if (a[2] && s->opts[k].kind == GP_CLI_FLAG)
                    return NULL;
                *name_len = 2;
                if (a[2])
                    *value = a + 2;
                return &s->opts[k];
            }
        return NULL;
    }
    const char *eq = strchr(a, '=');
    size_t n = eq ? (size_t)(eq - a) : strlen(a);
    for (size_t k = 0; k < s->n_opts; k++)
        if (strlen(s->opts[k].name) == n && !strncmp(s->opts[k].name, a, n)) {
            *name_len = n;
            if (eq)
                *value = eq + 1;
            return &s->opts[k];
        }
    return NULL;
}

/* "unknown option '--outptu'", then the nearest option in the table. */
static int unknown_option(const gp_cli_spec *s, const char *a)
{
    const char *cands[2 * 64 + 2];
    char shorts[64][3];
    size_t n = 0;
    for (size_t k = 0; k < s->n_opts && k < 64; k++) {
        cands[n++] = s->opts[k].name;
        if (s->opts[k].short_name) {
            shorts[k][0] = '-';
            shorts[k][1] = s->opts[k].short_name;
            shorts[k][2] = '\0';
            cands[n++] = shorts[k];
        }
    }
    cands[n++] = "--help";
    /* "--outptu=x.pdf" is compared by its name */
    char word[64];
    size_t l = strcspn(a, "=");
    snprintf(word, sizeof word, "%.*s", (int)(l < sizeof word ? l : sizeof word - 1), a);
    return gp_cli_usage_error_hint(s->cmd, gp_suggest(word, cands, n), GP_N_("unknown option '%s'"),
                                   a);
}

/* Stores value (NULL for a flag) as o says. 0, or an exit status. */
static int store(const gp_cli_spec *s, const gp_cli_opt *o, const char *opt, const char *value)
{
    if (o->fn)
        return o->fn(s->ctx, opt, value);
    switch (o->kind) {
    case GP_CLI_FLAG:
        if (o->flag)
            *o->flag = true;
        return 0;
    case GP_CLI_STRING:
        if (o->str)
            *o->str = value;
        return 0;
    case GP_CLI_NUMBER: {
        char *end;
        double d = strtod(value, &end);
        if (!*value || *end || !(d >= o->min && d <= o->max))
            return gp_cli_usage_error(s->cmd, o->bad_value ? o->bad_value : "%s: not a number",
                                      value);
        if (o->num)
            *o->num = d;
        return 0;
    }
    case GP_CLI_LIST:
        if (!o->list)
            return 0;
        if (o->list->n == GP_CLI_LIST_MAX)
            return gp_cli_usage_error(s->cmd,
                                      o->bad_value ? o->bad_value : "too many values (at most %d)",
                                      GP_CLI_LIST_MAX);
        o->list->v[o->list->n++] = value;
        return 0;
    }
    return 0;
}

bool gp_cli_parse(const gp_cli_spec *s, int argc, char **argv, int *n_pos, int *rc)
{
    int np = 0;
    bool opts = true;
    *rc = 0;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        if (!opts || a[0] != '-' || !a[1]) {
            if (!s->positional) {
                argv[1 + np++] = a; /* only ever moves an argument back */
                continue;
            }
            int r = s->positional(s->ctx, NULL, a);
            if (r) {
                *rc = r;
                return false;
            }
            continue;
        }
        if (!strcmp(a, "--")) {
            opts = false;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            gp_cli_print_help(s, stdout);
            *rc = GP_EXIT_OK;
            return false;
        }
        size_t name_len = 0;
        const char *value = NULL;
        const gp_cli_opt *o = find_opt(s, a, &name_len, &value);
        if (!o) {
            *rc = unknown_option(s, a);
            return false;
        }
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(name_len < sizeof name ? name_len : 63), a);
        if (o->kind == GP_CLI_FLAG) {
            if (value) {
                *rc = gp_cli_usage_error(s->cmd, "%s takes no value", name);
                return false;
            }
        } else if (!value) {
            if (i + 1 >= argc) {
                *rc =
                    gp_cli_usage_error(s->cmd, o->missing ? o->missing : "%s needs a value", name);
                return false;
            }
            value = argv[++i];
        }
        int r = store(s, o, name, value);
        if (r) {
            *rc = r;
            return false;
        }
    }
    *n_pos = np;
    return true;
}

void gp_cli_print_help(const gp_cli_spec *s, FILE *out)
{
    fputs(s->usage, out);
    if (s->n_opts)
        fputs("\noptions:\n", out);
    for (size_t k = 0; k < s->n_opts; k++) {
        const gp_cli_opt *o = &s->opts[k];
        char left[80];
        int l = snprintf(left, sizeof left, "%c%c%s%s%s%s", o->short_name ? '-' : ' ',
                         o->short_name ? o->short_name : ' ', o->short_name ? ", " : "  ", o->name,
                         o->metavar ? " " : "", o->metavar ? o->metavar : "");
        if (l >= 26)
            fprintf(out, "  %s\n  %26s%s\n", left, "", o->help);
        else
            fprintf(out, "  %-26s%s\n", left, o->help);
    }
    if (s->epilogue)
        fputs(s->epilogue, out);
}
