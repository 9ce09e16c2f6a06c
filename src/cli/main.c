/* cli/main.c - `guidepress` entry point: dispatches to the subcommands.
 *
 * Every command has the habits people bring from Typst, pandoc and git:
 * `--opt=value` is the same as `--opt value`, `guidepress help render` is
 * `guidepress render --help`, and a mistyped command or option is answered
 * with the nearest known one. The commands of cli/ parse with the option
 * tables of cli/args.c, which do all of that; for the web desk, a front
 * end of its own that parses by hand (serve), main.c splits --opt=value,
 * and its options are known from its own --help text, so the suggestions
 * can never disagree with what it accepts. */
#include <malloc.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

#include "cli/cli.h"
#include "cli/frontend.h"

typedef int (*cmd_fn)(int argc, char **argv);

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("guidepress %s\ndata: %s\n", GP_VERSION_STRING, gp_data_dir_default());
    return GP_EXIT_OK;
}

static const struct command {
    const char *name;
    cmd_fn fn;
    const char *summary;
    bool by_hand; /* parses its arguments itself: main splits --opt=value
                     for it (the others use cli/args.c, which does) */
} commands[] = {
    {"render", gp_cli_render, "render GUIDE.yaml [OUT] [-s STYLE] [--format pdf|png|svg] ...",
     false},
    {"compose", gp_cli_compose,
     "compose --from ROLE --to ROLE [-o OUT.yaml]  guide from role profiles", false},
    {"check", gp_cli_check, "check FILE...     validate guide and style files", false},
    {"batch", gp_cli_batch, "batch ...         render many guides or a mail-merge CSV", false},
    {"report", gp_cli_report, "report merge ...  combine the reports of a sharded batch", false},
    {"watch", gp_cli_watch, "watch GUIDE.yaml  render again whenever an input changes", false},
    {"serve", gp_serve_main, "serve [options]   the advisers' web desk (docs/serve.md)", true},
    {"schema", gp_cli_schema, "schema guide|style  print the JSON Schema of guide or style files",
     false},
    {"version", cmd_version, "version           print the version and the data folder", false},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fputs("usage: guidepress <command> [options]\n\ncommands:\n", out);
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %s\n", commands[i].summary);
    fputs("  help [COMMAND]    this list, or a command's options\n"
          "\n"
          "Options take a value as the next argument or after '=' (--dpi=300).\n"
          "See guidepress(1).\n",
          out);
}

static const struct command *find(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(commands[i].name, name))
            return &commands[i];
    return NULL;
}

/* A command's --help text, captured from its own output (so the options
 * it lists are exactly the ones it parses). gp_malloc'ed, or NULL. */
static char *help_text(const char *cmd)
{
    const struct command *c = find(cmd);
    if (!c)
        return NULL;
    fflush(stdout);
    FILE *t = tmpfile();
    int saved = dup(STDOUT_FILENO);
    if (!t || saved < 0 || dup2(fileno(t), STDOUT_FILENO) < 0) {
        if (t)
            fclose(t);
        if (saved >= 0)
            close(saved);
        return NULL;
    }
    char *args[] = {(char *)cmd, "--help", NULL};
    c->fn(2, args);
    fflush(stdout);
    dup2(saved, STDOUT_FILENO);
    close(saved);
    struct stat st;
    long n = fstat(fileno(t), &st) == 0 ? (long)st.st_size : -1;
    char *text = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (text) {
        rewind(t);
        size_t got = fread(text, 1, (size_t)n, t);
        text[got] = '\0';
    }
    fclose(t);
    return text;
}

/* The option of the command nearest to a mistyped one, or NULL. */
static char *suggest_option(const char *cmd, const char *opt)
{
    char *text = help_text(cmd);
    if (!text)
        return NULL;
    static char store[256][48];
    const char *cands[256];
    size_t n = 0;
    for (const char *p = text; *p && n < 256; p++) {
        if (*p != '-' || !(p == text || strchr(" [,|\n", p[-1])))
            continue;
        const char *e = p + 1;
        if (*e == '-')
            e++;
        if (!((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z')))
            continue;
        while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') ||
               *e == '-')
            e++;
        if ((size_t)(e - p) >= sizeof store[0])
            continue;
        memcpy(store[n], p, (size_t)(e - p));
        store[n][e - p] = '\0';
        cands[n] = store[n];
        n++;
        p = e - 1;
    }
    const char *best = gp_suggest(opt, cands, n);
    char *out = best ? strdup(best) : NULL;
    free(text);
    return out;
}

int gp_cli_suggest_option(const char *cmd, const char *opt)
{
    char *s = suggest_option(cmd, opt);
    if (s) {
        fprintf(stderr, "guidepress %s: ", cmd);
        fprintf(stderr, gp_cli_tr("did you mean '%s'?"), s);
        fputc('\n', stderr);
    }
    free(s);
    return s != NULL;
}

/* Measured: the seed guide renders under ulimit -v 150000 with one malloc
 * arena; below that GLib aborts when Pango starts a thread. */
#define GP_MIN_ADDRESS_SPACE_KIB 163840

int main(int argc, char **argv)
{
    /* A document's language comes from its guide, never from the shell:
     * GNU $LANGUAGE would override the per-document catalogue choice
     * (src/base/i18n.c), so it goes before any thread starts. */
    gp_cli_lang_init(); /* the user's language for the CLI's own messages */
    unsetenv("LANGUAGE");
    /* One malloc arena: each thread Pango starts (fontconfig sorting)
     * would otherwise reserve a 64 MiB arena of address space, which is
     * what made low `ulimit -v` fail at random (issue 21). */
    mallopt(M_ARENA_MAX, 1);
    /* GLib aborts (SIGTRAP) when it cannot allocate or start a thread,
     * so a too-small address-space limit gets a clear error here instead
     * of a crash half-way through. */
    struct rlimit as;
    if (getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY &&
        as.rlim_cur < (rlim_t)GP_MIN_ADDRESS_SPACE_KIB * 1024) {
        fprintf(stderr,
                "guidepress: error: the address-space limit (ulimit -v) is %lu KiB; guidepress "
                "needs at least %d KiB (its libraries abort rather than report running out "
                "of memory)\n",
                (unsigned long)(as.rlim_cur / 1024), GP_MIN_ADDRESS_SPACE_KIB);
        return GP_EXIT_INVALID;
    }
    if (argc < 2) {
        usage(stderr);
        return GP_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--version"))
        cmd = "version";
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        if (argc > 2) {
            const struct command *c = find(argv[2]);
            if (!c) {
                fprintf(stderr, "guidepress help: unknown command '%s'\n", argv[2]);
                return GP_EXIT_USAGE;
            }
            char *args[] = {argv[2], "--help", NULL};
            return c->fn(2, args);
        }
        usage(stdout);
        return GP_EXIT_OK;
    }
    const struct command *c = find(cmd);
    if (!c) {
        const char *names[N_COMMANDS + 1];
        for (size_t i = 0; i < N_COMMANDS; i++)
            names[i] = commands[i].name;
        names[N_COMMANDS] = "help";
        const char *best = gp_suggest(cmd, names, N_COMMANDS + 1);
        fputs("guidepress: ", stderr);
        fprintf(stderr, gp_cli_tr("unknown command '%s'"), cmd);
        if (best)
            fprintf(stderr, gp_cli_tr("; did you mean '%s'?"), best);
        fputc('\n', stderr);
        usage(stderr);
        return GP_EXIT_USAGE;
    }
    if (!c->by_hand)
        return c->fn(argc - 1, argv + 1);
    /* --opt=value -> --opt value, for serve: no option name holds
     * '=', and a value after an option is never split (only the word that
     * starts with "--" is). */
    char **args = calloc((size_t)argc * 2 + 1, sizeof *args);
    char **copies = calloc((size_t)argc + 1, sizeof *copies);
    if (!args || !copies) {
        fputs("guidepress: out of memory\n", stderr);
        return GP_EXIT_INVALID;
    }
    int n = 0;
    args[n++] = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *eq = strchr(a, '=');
        if (a[0] == '-' && a[1] == '-' && a[2] && eq && eq > a + 2) {
            copies[i] = strndup(a, (size_t)(eq - a));
            args[n++] = copies[i];
            args[n++] = (char *)eq + 1;
        } else {
            args[n++] = argv[i];
        }
        if (!strcmp(a, "--")) /* the rest are operands */
            for (i++; i < argc; i++)
                args[n++] = argv[i];
    }
    int rc = c->fn(n, args);
    for (int i = 0; i < argc; i++)
        free(copies[i]);
    free(copies);
    free(args);
    return rc;
}
