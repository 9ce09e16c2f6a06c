/* cli/diagprint.c - formats diagnostics for people, in the user's
 * language (the fixed words: severity, hint, usage lines). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const gp_lang *cli_lang; /* NULL: English, untranslated */

/* The language a locale name or tag ("cy_GB.UTF-8", "pl") has a catalogue
 * for; NULL for C/POSIX and languages without one. */
static const gp_lang *lang_of(const char *name)
{
    if (!name || !name[0] || !strcmp(name, "C") || !strncmp(name, "C.", 2) ||
        !strcmp(name, "POSIX"))
        return NULL;
    return gp_lang_find(name);
}

void gp_cli_lang_init(void)
{
    /* $LANGUAGE is a priority list; unlike GNU gettext it is honoured even
     * when the locale is C, so LANGUAGE=cy alone gives Welsh messages. */
    const char *list = getenv("LANGUAGE");
    while (list && *list && !cli_lang) {
        char tag[32];
        size_t n = strcspn(list, ":");
        snprintf(tag, sizeof tag, "%.*s", (int)(n < sizeof tag ? n : sizeof tag - 1), list);
        cli_lang = lang_of(tag);
        list += n + (list[n] == ':');
    }
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3 && !cli_lang; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0]) {
            cli_lang = lang_of(v);
            break; /* the first one set decides, as for setlocale */
        }
    }
}

const char *gp_cli_tr(const char *msgid)
{
    return cli_lang ? gp_tr(cli_lang, msgid) : msgid;
}

const char *gp_cli_trn(const char *msgid, const char *plural, unsigned long n)
{
    return cli_lang ? gp_trn(cli_lang, msgid, plural, n) : n == 1 ? msgid : plural;
}

size_t gp_cli_print_diags(FILE *out, const gp_diags *d)
{
    size_t n = gp_diags_count(d);
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = gp_diags_get(d, i);
        /* TRANSLATORS: the severity in "file:line:col: error: message" */
        const char *sev = g->severity == GP_SEV_ERROR ? gp_cli_tr("error") : gp_cli_tr("warning");
        if (g->file && g->line > 0)
            fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, sev, g->message);
        else if (g->file)
            fprintf(out, "%s: %s: %s\n", g->file, sev, g->message);
        else
            fprintf(out, "guidepress: %s: %s\n", sev, g->message);
        if (g->hint)
            /* TRANSLATORS: a line under a diagnostic, "  hint: what to do" */
            fprintf(out, "  %s: %s\n", gp_cli_tr("hint"), g->hint);
    }
    size_t more = gp_diags_dropped(d);
    if (more) {
        fputs("guidepress: ", out);
        fprintf(out,
                gp_cli_trn("%zu more diagnostic not shown", "%zu more diagnostics not shown", more),
                more);
        fputc('\n', out);
    }
    return gp_diags_errors(d);
}

/* "guidepress CMD: message", the suggestion when there is one, and where
 * to find the usage. */
static int usage_error(const char *cmd, const char *hint, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    fprintf(stderr, "guidepress %s: ", cmd);
    vfprintf(stderr, gp_cli_tr(fmt), ap);
    fputc('\n', stderr);
    if (hint) {
        fprintf(stderr, "guidepress %s: ", cmd);
        fprintf(stderr, gp_cli_tr("did you mean '%s'?"), hint);
        fputc('\n', stderr);
    } else if (!strncmp(fmt, "unknown option '%s'", 19)) {
        /* A command that parses by hand (batch) reports a mistyped option
         * as "unknown option '%s'": answer it with the nearest option its
         * --help lists. */
        gp_cli_suggest_option(cmd, va_arg(copy, const char *));
    }
    va_end(copy);
    fprintf(stderr, "%s\n", gp_cli_tr("run 'guidepress help' for usage"));
    return GP_EXIT_USAGE;
}

int gp_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = usage_error(cmd, NULL, fmt, ap);
    va_end(ap);
    return rc;
}

int gp_cli_usage_error_hint(const char *cmd, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = usage_error(cmd, hint, fmt, ap);
    va_end(ap);
    return rc;
}
