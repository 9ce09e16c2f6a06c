/* cli/check.c - `guidepress check FILE... [--format text|json]`.
 *
 * Content teams and CI validate guide and style files without rendering.
 * Each file is told apart by its top-level key (`guide:` or `style:`),
 * loaded with the same loader the renderer uses, and every diagnostic is
 * printed: for people as "file:line:col: error: message" on stderr (with a
 * "FILE: ok" line on stdout for each valid file), for tools as one JSON
 * array on stdout. Exit 0 when every file is valid, 1 when any is not, 2 on
 * a usage error. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include <guidepress/compose.h>
#include <guidepress/guide.h>
#include <guidepress/limits.h>
#include <guidepress/style.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/util.h"
#include "cli/args.h"
#include "cli/cli.h"
#include <guidepress/guidepress.h>

#include "engine/engine.h"
#include "model/ytree.h"

typedef enum kind {
    KIND_NONE = 0,
    KIND_GUIDE,
    KIND_STYLE,
    KIND_ROLE,  /* role profile (docs/roles.md) */
    KIND_VOCAB, /* skills vocabulary */
    KIND_PAIR   /* pair file */
} kind;

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

/* The top-level key a block-style file starts its kind with: a line that
 * begins (column 1) with `guide:` or `style:`. Top-level block scalars are
 * indented, so such a line is a top-level key. */
static kind scan_kind(const char *data, size_t len)
{
    for (size_t i = 0; i < len;) {
        const char *line = data + i;
        size_t rest = len - i;
        for (int k = 0; k < 2; k++) {
            const char *key = k ? "style:" : "guide:";
            if (rest >= 6 && !memcmp(line, key, 6) &&
                (rest == 6 || line[6] == ' ' || line[6] == '\n' || line[6] == '\r' ||
                 line[6] == '\t'))
                return k ? KIND_STYLE : KIND_GUIDE;
        }
        const char *nl = memchr(line, '\n', rest);
        if (!nl)
            break;
        i = (size_t)(nl - data) + 1;
    }
    return KIND_NONE;
}

/* Decides what the file holds from its top-level keys. When the quick scan
 * cannot tell, the YAML is parsed: its errors, or a file that is neither a
 * guide nor a style, are reported into diags and KIND_NONE returned. */
static kind detect(const char *path, const char *data, size_t len, const gp_limits *lim,
                   gp_diags *diags)
{
    kind k = scan_kind(data, len);
    if (k != KIND_NONE)
        return k;
    gp_arena *arena = gp_arena_new();
    if (!arena) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, path, 0, 0, NULL, NULL, "out of memory");
        return KIND_NONE;
    }
    gp_ynode *root = gp_yaml_parse(arena, data, len, path, lim, diags);
    if (root) {
        if (gp_ymap_get(root, "guide"))
            k = KIND_GUIDE;
        else if (gp_ymap_get(root, "style"))
            k = KIND_STYLE;
        else if (gp_ymap_get(root, "role"))
            k = KIND_ROLE;
        else if (gp_ymap_get(root, "vocabulary"))
            k = KIND_VOCAB;
        else if (gp_ymap_get(root, "transition"))
            k = KIND_PAIR;
        else if (gp_ymap_get(root, "sections") || gp_ymap_get(root, "from"))
            k = KIND_GUIDE; /* the guide loader says `guide:` is missing */
        else if (root->kind != GP_Y_MAP)
            gp_diags_add(diags, GP_ERR_TYPE, GP_SEV_ERROR, path, root->line, root->col, NULL,
                         "a guide starts with `guide: 1`, a style with `style: 1`",
                         "a guide or style file must be a mapping with a top-level `guide:` "
                         "or `style:` key, found %s",
                         gp_ynode_describe(arena, root));
        else
            gp_diags_add(diags, GP_ERR_REQUIRED, GP_SEV_ERROR, path, root->line, root->col, NULL,
                         "a guide starts with `guide: 1`, a style with `style: 1`",
                         "cannot tell a guide from a style: expected a top-level `guide:` or "
                         "`style:` key");
    }
    gp_arena_free(arena);
    return k;
}

/* A role profile is checked with its folder and the vocabulary next to it
 * (data/roles/x.yaml: data/skills.yaml), a vocabulary with the profiles in
 * roles/ beside it, and a pair file by composing its pair
 * (data/transitions/a--b.yaml: data/roles/). Errors point into whichever
 * file holds the mistake. */
static void check_roles_file(const char *path, kind k, const gp_limits *lim, gp_diags *diags)
{
    char *dir = gp_path_dirname(path);
    char *roles = NULL;
    gp_roles_options ro = {0};
    ro.limits = lim;
    if (k == KIND_ROLE) {
        ro.roles_dir = dir;
    } else if (k == KIND_VOCAB) {
        roles = gp_path_join(dir, "roles");
        ro.roles_dir = roles;
        ro.skills_path = path;
    } else {
        roles = gp_path_join(dir, "../roles");
        ro.roles_dir = roles;
        ro.transitions_dir = dir;
    }
    gp_roles *r = ro.roles_dir ? gp_roles_create(&ro, diags) : NULL;
    if (r && k == KIND_PAIR) {
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        const char *sep = strstr(base, "--");
        const char *dot = strrchr(base, '.');
        char *from = sep ? gp_strndup(base, (size_t)(sep - base)) : NULL;
        char *to = sep && dot > sep ? gp_strndup(sep + 2, (size_t)(dot - sep - 2)) : NULL;
        if (from && to)
            gp_guide_free(gp_compose_guide(r, from, to, NULL, diags));
        else
            gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                         "a pair file is named FROM--TO.yaml");
        gp_free(from);
        gp_free(to);
    }
    gp_roles_free(r);
    gp_free(roles);
    gp_free(dir);
}

/* Checks one file into diags. */
static void check_file(const char *path, const gp_limits *lim, gp_diags *diags)
{
    char *data;
    size_t len;
    int rc = gp_file_read_input(path, lim->max_file_bytes, &data, &len);
    if (rc == -2) {
        gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, path, 1, 1, NULL, NULL,
                     "file is larger than the %zu MiB limit", lim->max_file_bytes >> 20);
        return;
    }
    if (rc != 0) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot read the file: %s", gp_file_strerror(rc, errno));
        return;
    }
    kind k = detect(path, data, len, lim, diags);
    switch (k) {
    case KIND_GUIDE: gp_guide_free(gp_guide_load_memory(data, len, path, lim, diags)); break;
    case KIND_STYLE: {
        /* Through an engine, as a render loads it: the loader resolves
         * `extends` and paths from the file, and the engine checks that
         * every font family is in the font set. */
        gp_engine_options eo = {NULL, lim};
        gp_engine *e = gp_engine_new(&eo, diags);
        const gp_style *st = e ? gp_engine_style(e, path, diags) : NULL;
        if (st && st->brand_logo) /* decoded now, as a render would */
            gp_logo_check(st->brand_logo, st->brand_logo_pos, lim, diags);
        gp_engine_free(e);
        break;
    }
    case KIND_ROLE:
    case KIND_VOCAB:
    case KIND_PAIR: check_roles_file(path, k, lim, diags); break;
    case KIND_NONE: break;
    }
    gp_free(data);
}

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
            size_t bad = gp_utf8_check(s + i, len - i);
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
                printf(gp_cli_trn("layout ok (%zu page)", "layout ok (%zu pages)", dl->n_pages),
                       dl->n_pages);
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
        check_file(path, &lim, d);
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
