/* cli/diagprint.c - formats diagnostics for people. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

size_t gp_cli_print_diags(FILE *out, const gp_diags *d)
{
    size_t n = gp_diags_count(d);
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = gp_diags_get(d, i);
        const char *sev = g->severity == GP_SEV_ERROR ? "error" : "warning";
        if (g->file && g->line > 0)
            fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col, sev, g->message);
        else if (g->file)
            fprintf(out, "%s: %s: %s\n", g->file, sev, g->message);
        else
            fprintf(out, "guidepress: %s: %s\n", sev, g->message);
        if (g->hint)
            fprintf(out, "  hint: %s\n", g->hint);
    }
    if (gp_diags_dropped(d))
        fprintf(out, "guidepress: %zu more diagnostics not shown\n", gp_diags_dropped(d));
    return gp_diags_errors(d);
}

int gp_cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "guidepress %s: ", cmd);
    va_list copy;
    va_copy(copy, ap);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    /* Every command reports a mistyped option as "unknown option '%s'":
     * answer it with the nearest option the command lists. */
    if (!strncmp(fmt, "unknown option '%s'", 19))
        gp_cli_suggest_option(cmd, va_arg(copy, const char *));
    va_end(copy);
    va_end(ap);
    fprintf(stderr, "run 'guidepress help' for usage\n");
    return GP_EXIT_USAGE;
}
