/* cli/check.c - `guidepress check FILE... [--format text|json]`.
 *
 * Content teams and CI validate guide and style files without rendering.
 * The library's gp_check_file tells each file apart by its top-level key
 * (`guide:` or `style:`) and loads it with the same loader the renderer
 * uses; this prints every diagnostic: for people as "file:line:col: error: message" on stderr (with
 * a "FILE: ok" line on stdout for each valid file), for tools as one JSON array on stdout. Exit 0
 * when every file is valid, 1 when any is not, 2 on a usage error. */
#include <glib.h> /* g_utf8_validate */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guidepress/guidepress.h>

#include "cli/args.h"
#include "cli/cli.h"

static const char *const USAGE =
    "usage: guidepress check FILE... [--format text|json]\n"
    "       guidepress check --layout [-s STYLE] GUIDE... [--format text|json]\n"
    "\n"
    "With --layout, lays each guide out in STYLE (a shipped name or a path;\n"
    "several -s for several styles; default: default) and reports layout\n"
    "findings from the display list: content outside the page or text\n"
    "area, overlapping text, dropped data items, stranded headings, tables\n"
    "split with fewer than 2 rows on a side, a table apart from its chart,\n"
    "a nearly empty last page, and text under WCAG AA contrast.\n"
    "Exit status 1 when there is any finding.\n"
    "\n"
    "Validates guide files (top-level `guide: 1`) and style files\n"
    "(`style: 1`). Prints every problem as file:line:col: error: message.\n"
    "Exit status: 0 all valid, 1 any invalid, 2 usage error.\n";

/* Writes s as a JSON string (or null). Invalid UTF-8 becomes U+FFFD. */
static void json_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            fputc('\\', out);
            fputc(c, out);
            i++;
        } else if (c == '\n') {
            fputs("\\n", out);
            i++;
        } else if (c == '\t') {
            fputs("\\t", out);
            i++;
        } else if (c == '\r') {
            fputs("\\r", out);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, out);
            i++;
        } else {
            const char *valid_end;
            g_utf8_validate(s + i, (gssize)(len - i), &valid_end);
            size_t bad = (size_t)(valid_end - (s + i)); /* the valid stretch */
            if (bad == 0) {
                fputs("\\ufffd", out);
                i++;
                continue;
            }
            /* copy the valid stretch of non-ASCII bytes */
            size_t n = 0;
            while (n < bad && ((unsigned char)s[i + n] >= 0x80))
                n++;
            while (n < bad && ((unsigned char)s[i + n] & 0xC0) == 0x80)
                n++;
            if (n == 0)
                n = 1;
            fwrite(s + i, 1, n, out);
            i += n;
        }
    }
    fputc('"', out);
}

static void json_diags(FILE *out, const gp_diags *d, bool *first)
{
    for (size_t i = 0; i < gp_diags_count(d); i++) {
        const gp_diag *g = gp_diags_get(d, i);
        fputs(*first ? "\n  {" : ",\n  {", out);
        *first = false;
        fputs("\"file\": ", out);
        json_str(out, g->file);
        fprintf(out, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"code\": ", g->line,
                g->col, g->severity == GP_SEV_ERROR ? "error" : "warning");
        json_str(out, gp_code_name(g->code));
        fputs(", \"message\": ", out);
        json_str(out, g->message);
        fputs(", \"path\": ", out);
        json_str(out, g->path);
        fputs(", \"hint\": ", out);
        json_str(out, g->hint);
        fputc('}', out);
    }
}

/* check --layout: lays each guide out in each style and prints the
 * linter's findings. */
static int check_layout(char **files, int nfiles, const char *const *styles, int nstyles, bool json)
{
    static const char *const def[] = {"default"};
    if (nstyles == 0) {
        styles = def;
        nstyles = 1;
    }
    gp_diags *d = gp_diags_new();
    gp_engine *e = d ? gp_engine_new(NULL, d) : NULL;
    if (!e) {
        gp_cli_print_diags(stderr, d);
        gp_diags_free(d);
        return GP_EXIT_INVALID;
    }
    const gp_limits *lim = gp_engine_limits(e);
    int status = GP_EXIT_OK;
    bool first = true;
    if (json)
        fputc('[', stdout);
    for (int i = 0; i < nfiles; i++) {
        for (int k = 0; k < nstyles; k++) {
            gp_diags_clear(d);
            const gp_style *st = gp_engine_style(e, styles[k], d);
            gp_guide *g = st ? gp_guide_load_file(files[i], lim, d) : NULL;
            gp_display *dl =
                g ? gp_layout_run(gp_engine_fonts_for(e, st), g, st, NULL, lim, d) : NULL;
            gp_lint *l = dl ? gp_layout_lint(dl, g, st) : NULL;
            if (!l) {
                gp_cli_print_diags(stderr, d);
                status = GP_EXIT_INVALID;
            }
            for (size_t n = 0; n < gp_lint_count(l); n++) {
                const gp_lint_finding *f = gp_lint_get(l, n);
                status = GP_EXIT_INVALID;
                if (json) {
                    fputs(first ? "\n  {\"file\": " : ",\n  {\"file\": ", stdout);
                    first = false;
                    json_str(stdout, files[i]);
                    fputs(", \"style\": ", stdout);
                    json_str(stdout, styles[k]);
                    fprintf(stdout, ", \"page\": %d, \"kind\": ", f->page);
                    json_str(stdout, gp_lint_kind_name(f->kind));
                    fputs(", \"message\": ", stdout);
                    json_str(stdout, f->message);
                    fputc('}', stdout);
                } else if (f->page) {
                    printf("%s [%s]: page %d: %s: %s\n", files[i], styles[k], f->page,
                           gp_lint_kind_name(f->kind), f->message);
                } else {
                    printf("%s [%s]: %s: %s\n", files[i], styles[k], gp_lint_kind_name(f->kind),
                           f->message);
                }
            }
            if (l && gp_lint_count(l) == 0 && !json) {
                printf("%s [%s]: ", files[i], styles[k]);
                size_t np = gp_display_page_count(dl);
                printf(gp_cli_trn("layout ok (%zu page)", "layout ok (%zu pages)", np), np);
                putchar('\n');
            }
            gp_lint_free(l);
            gp_display_free(dl);
            gp_guide_free(g);
        }
    }
    if (json)
        fputs(first ? "]\n" : "\n]\n", stdout);
    fflush(stdout);
    gp_engine_free(e);
    gp_diags_free(d);
    return status;
}

static int opt_format(void *ctx, const char *opt, const char *fmt)
{
    (void)opt;
    bool *json = ctx;
    if (!strcmp(fmt, "json"))
        *json = true;
    else if (!strcmp(fmt, "text"))
        *json = false;
    else
        return gp_cli_usage_error("check", "unknown format '%s' (expected text or json)", fmt);
    return 0;
}

int gp_cli_check(int argc, char **argv)
{
    bool json = false, layout = false;
    gp_cli_list styles = {0};
    const gp_cli_opt opts[] = {
        {"--format", 0, GP_CLI_STRING, "text|json", "problems for people, or as one JSON array",
         .fn = opt_format, .missing = "--format needs a value: text or json"},
        {"--layout", 0, GP_CLI_FLAG, NULL, "lays the guides out and reports layout findings",
         .flag = &layout},
        {"--style", 's', GP_CLI_LIST, "STYLE", "with --layout: a style (repeatable)",
         .list = &styles, .bad_value = "at most 32 styles at once",
         .missing = "%s needs a style name or path"},
    };
    const gp_cli_spec spec = {"check", USAGE, NULL, opts, sizeof opts / sizeof opts[0],
                              &json,   NULL};
    int rc, nfiles;
    if (!gp_cli_parse(&spec, argc, argv, &nfiles, &rc))
        return rc;
    int nstyles = (int)styles.n;
    if (nfiles == 0)
        return gp_cli_usage_error("check", GP_N_("no files given"));
    if (nstyles && !layout)
        return gp_cli_usage_error("check", "-s needs --layout");
    if (layout)
        return check_layout(argv + 1, nfiles, styles.v, nstyles, json);

    gp_limits lim;
    gp_limits_default(&lim);
    int status = GP_EXIT_OK;
    bool first = true;
    if (json)
        fputc('[', stdout);
    for (int i = 1; i <= nfiles; i++) {
        const char *path = argv[i];
        gp_diags *d = gp_diags_new();
        if (!d) {
            fputs("guidepress check: out of memory\n", stderr);
            return GP_EXIT_INVALID;
        }
        gp_check_file(path, &lim, d);
        bool ok = gp_diags_errors(d) == 0;
        if (!ok)
            status = GP_EXIT_INVALID;
        if (json) {
            json_diags(stdout, d, &first);
        } else {
            gp_cli_print_diags(stderr, d);
            if (ok) {
                printf("%s: %s\n", path, gp_cli_tr("ok"));
                fflush(stdout); /* keep the order when stdout and stderr are one stream */
            }
        }
        gp_diags_free(d);
    }
    if (json)
        fputs(first ? "]\n" : "\n]\n", stdout);
    fflush(stdout);
    return status;
}
