/* cli/watch.c - `guidepress watch GUIDE [-s STYLE] [-o OUT.pdf]`: renders,
 * then renders again whenever the guide, the style (and the styles it
 * extends) or the logo changes, for someone writing a guide or a brand.
 *
 * It watches the folders that hold those files with inotify, not the files
 * themselves: editors save by writing a new file and renaming it over the
 * old one, which a watch on the old inode would miss. Events are collected
 * for a short quiet period (editors write in several steps) before one
 * render. A failed render prints its errors and leaves the last good PDF in
 * place (gp_render never replaces the output unless it succeeded). The set
 * of watched files is read again after every render, so a logo or an
 * `extends:` added while watching is picked up. SIGINT/SIGTERM end it. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

#include "cli/args.h"
#include "cli/cli.h"

#define MAX_FILES 16
#define QUIET_MS  150

static const char *const USAGE =
    "usage: guidepress watch GUIDE.yaml [-s STYLE] [-o OUT.pdf] [--set key=value]...\n"
    "\n"
    "Renders the guide, then again whenever the guide, the style (and the\n"
    "styles it extends) or the logo changes. Errors are printed and watching\n"
    "goes on; the last good PDF stays in place. Ctrl-C stops it.\n";

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

typedef struct watched {
    char *files[MAX_FILES]; /* absolute paths */
    size_t n;
    bool full; /* warned that MAX_FILES was reached */
} watched;

static void add_file(watched *w, const char *path)
{
    if (!path)
        return;
    if (w->n == MAX_FILES) {
        if (!w->full)
            fprintf(stderr,
                    "guidepress watch: warning: watching only %d files; %s and any later "
                    "ones are not watched\n",
                    MAX_FILES, path);
        w->full = true;
        return;
    }
    char real[PATH_MAX];
    const char *p = realpath(path, real) ? real : path;
    for (size_t i = 0; i < w->n; i++)
        if (!strcmp(w->files[i], p))
            return;
    w->files[w->n++] = strdup(p);
}

static void clear(watched *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->files[i]);
    w->n = 0;
}

/* The files a render depends on: the guide, the style file and every style
 * it extends that is a file, and the logo. */
static void collect(watched *w, gp_engine *e, const char *guide, const char *style)
{
    clear(w);
    add_file(w, guide);
    gp_diags *d = gp_diags_new();
    const gp_style *s = gp_engine_style(e, style, d);
    if (s) {
        add_file(w, gp_style_path(s));
        add_file(w, gp_style_logo(s));
    } else if (style && strchr(style, '/')) {
        add_file(w, style);
    }
    gp_diags_free(d);
}

static int add_watches(int fd, const watched *w)
{
    for (size_t i = 0; i < w->n; i++) {
        char *copy = strdup(w->files[i]);
        char *dir = copy ? strdup(dirname(copy)) : NULL; /* "." when none */
        free(copy);
        if (dir &&
            inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE) < 0) {
            fprintf(stderr, "guidepress watch: cannot watch %s: %s\n", dir, strerror(errno));
            free(dir);
            return -1;
        }
        free(dir);
    }
    return 0;
}

static bool concerns(const watched *w, const char *dir_of_event, const char *name)
{
    (void)dir_of_event;
    for (size_t i = 0; i < w->n; i++) {
        const char *base = strrchr(w->files[i], '/');
        base = base ? base + 1 : w->files[i];
        if (!strcmp(base, name))
            return true;
    }
    return false;
}

static int render_once(gp_engine *e, const gp_render_request *req)
{
    gp_diags *d = gp_diags_new();
    gp_render_result res = {0};
    int r = gp_render(e, req, &res, d);
    gp_cli_print_diags(stderr, d);
    time_t now = time(NULL);
    char when[16];
    strftime(when, sizeof when, "%H:%M:%S", localtime(&now));
    if (r == 0)
        printf("[%s] %s: %d pages, %zu bytes, %.0f ms\n", when, req->output_path, res.pages,
               res.bytes, res.ms);
    else
        printf("[%s] render failed; %s is left as it was\n", when, req->output_path);
    fflush(stdout);
    gp_diags_free(d);
    return r;
}

typedef struct watch_args {
    const char *guide, *style, *out;
    const char *keys[32], *values[32];
    char *copies[32];
    size_t n_set;
} watch_args;

static int opt_set(void *ctx, const char *opt, const char *kv)
{
    (void)opt;
    watch_args *w = ctx;
    const char *eq = strchr(kv, '=');
    if (w->n_set == 32)
        return gp_cli_usage_error("watch", "too many --set options (at most %d)", 32);
    if (!eq || eq == kv)
        return gp_cli_usage_error("watch", "--set needs key=value (got '%s')", kv);
    char *key = strndup(kv, (size_t)(eq - kv));
    if (!key) {
        fputs("guidepress watch: out of memory\n", stderr);
        return GP_EXIT_INVALID;
    }
    w->copies[w->n_set] = key;
    w->keys[w->n_set] = key;
    w->values[w->n_set++] = eq + 1;
    return 0;
}

/* GUIDE, then OUT */
static int positional(void *ctx, const char *opt, const char *a)
{
    (void)opt;
    watch_args *w = ctx;
    if (!w->guide)
        w->guide = a;
    else if (!w->out)
        w->out = a;
    else
        return gp_cli_usage_error("watch", "one guide at a time");
    return 0;
}

int gp_cli_watch(int argc, char **argv)
{
    watch_args wa = {0};
    const gp_cli_opt opts[] = {
        {"--style", 's', GP_CLI_STRING, "STYLE", "a shipped style name or a style file",
         .str = &wa.style},
        {"--output", 'o', GP_CLI_STRING, "OUT.pdf", "the PDF (default: the guide's name)",
         .str = &wa.out},
        {"--set", 0, GP_CLI_LIST, "key=value", "sets a guide field (repeatable)", .fn = opt_set},
    };
    const gp_cli_spec spec = {"watch", USAGE,     NULL, opts, sizeof opts / sizeof opts[0],
                              &wa,     positional};
    int rc = GP_EXIT_USAGE, n_pos;
    const char *guide, *style, *out;
    const char *const *keys = wa.keys, *const *values = wa.values;
    if (!gp_cli_parse(&spec, argc, argv, &n_pos, &rc))
        goto out;
    guide = wa.guide;
    style = wa.style;
    out = wa.out;
    size_t n_set = wa.n_set;
    if (!guide) {
        rc = gp_cli_usage_error("watch", "no guide file given");
        goto out;
    }
    char *out_default = NULL;
    if (!out) {
        const char *base = strrchr(guide, '/');
        base = base ? base + 1 : guide;
        const char *dot = strrchr(base, '.');
        size_t l = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        out_default = malloc(l + 5);
        if (out_default)
            snprintf(out_default, l + 5, "%.*s.pdf", (int)l, base);
        out = out_default;
    }
    gp_diags *d = gp_diags_new();
    gp_engine *e = gp_engine_new(NULL, d);
    gp_cli_print_diags(stderr, d);
    gp_diags_free(d);
    int fd = e ? inotify_init1(IN_CLOEXEC | IN_NONBLOCK) : -1;
    if (fd < 0) {
        if (e)
            fprintf(stderr, "guidepress watch: inotify: %s\n", strerror(errno));
        gp_engine_free(e);
        free(out_default);
        rc = GP_EXIT_INVALID;
        goto out;
    }
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    gp_render_request req;
    gp_render_request_init(&req);
    req.guide_path = guide;
    req.style = style;
    req.output_path = out;
    req.set_keys = keys;
    req.set_values = values;
    req.n_set = n_set;
    watched w = {0};
    printf("watching %s (Ctrl-C to stop)\n", guide);
    render_once(e, &req);
    collect(&w, e, guide, style);
    add_watches(fd, &w);
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    while (!stop) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int pr = poll(&p, 1, 500);
        if (pr <= 0)
            continue;
        bool changed = false;
        /* Drain, then wait for a quiet period: editors write in steps. */
        for (;;) {
            ssize_t len = read(fd, buf, sizeof buf);
            if (len <= 0) {
                struct pollfd q = {.fd = fd, .events = POLLIN};
                if (poll(&q, 1, QUIET_MS) <= 0)
                    break;
                continue;
            }
            for (char *ptr = buf; ptr < buf + len;) {
                const struct inotify_event *ev = (const struct inotify_event *)ptr;
                if (ev->len && concerns(&w, NULL, ev->name))
                    changed = true;
                ptr += sizeof *ev + ev->len;
            }
        }
        if (!changed || stop)
            continue;
        /* A changed style must be read again: a new engine drops the
         * parsed-style cache (fonts load again too; a watch is not a
         * batch, and it keeps the code simple and right). */
        gp_diags *nd = gp_diags_new();
        gp_engine *ne = gp_engine_new(NULL, nd);
        gp_cli_print_diags(stderr, nd);
        gp_diags_free(nd);
        if (ne) {
            gp_engine_free(e);
            e = ne;
        }
        render_once(e, &req);
        collect(&w, e, guide, style);
        add_watches(fd, &w);
    }
    printf("stopped watching\n");
    clear(&w);
    close(fd);
    gp_engine_free(e);
    free(out_default);
    rc = GP_EXIT_OK;
out:
    for (size_t k = 0; k < wa.n_set; k++)
        free(wa.copies[k]);
    return rc;
}
