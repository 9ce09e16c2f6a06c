/* serve/serve_main.c - `guidepress serve`: options, start-up, shutdown.
 *
 *   guidepress serve [--guides DIR]... [--styles DIR]... [--listen HOST:PORT]
 *                    [--jobs N] [--token-file FILE]
 *
 * Listens on 127.0.0.1:8080 by default. Any address that is not loopback
 * needs --token-file (the page asks for the token once and keeps it in a
 * cookie). Port 0 picks a free port; the address is printed on stdout
 * ("guidepress serve: http://127.0.0.1:PORT/"), so a test can read it.
 * SIGINT or SIGTERM stops the server and its workers. */
#include <microhttpd.h>
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "mail/mail.h"
#include "serve/serve.h"

#define MAX_DIRS 16

static const char USAGE[] =
    "usage: guidepress serve [--guides DIR]... [--styles DIR]... [--listen HOST:PORT]\n"
    "                        [--jobs N] [--token-file FILE] [--roles DIR]\n"
    "  --guides DIR       a folder of guides (default: the shipped data/guides and\n"
    "                     data/guides-i18n); may be given more than once\n"
    "  --styles DIR       a folder of styles (default: the shipped styles)\n"
    "  --listen HOST:PORT address to listen on (default 127.0.0.1:8080; port 0 picks\n"
    "                     a free one); an address that is not loopback needs a token\n"
    "  --jobs N           render workers (default: online cores, at most 16)\n"
    "  --token-file FILE  access token the page asks for once (16 to 120 letters,\n"
    "                     digits or -._~+/=)\n"
    "  --roles DIR        role profiles for composed guides (default: the shipped\n"
    "                     data/roles)\n";

static bool is_loopback(const char *host)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, host, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    if (inet_pton(AF_INET6, host, &a6) == 1)
        return IN6_IS_ADDR_LOOPBACK(&a6);
    return false;
}

static char *read_token(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (gp_file_read(path, 4096, &data, &len))
        return NULL;
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r' || data[len - 1] == ' '))
        data[--len] = '\0';
    /* it travels in a cookie: letters, digits and -._~+/= only */
    bool ok = len >= 16 && len <= 120 && strlen(data) == len;
    for (size_t i = 0; ok && i < len; i++)
        ok = (data[i] >= 'a' && data[i] <= 'z') || (data[i] >= 'A' && data[i] <= 'Z') ||
             (data[i] >= '0' && data[i] <= '9') || strchr("-._~+/=", data[i]);
    if (!ok) {
        free(data);
        return NULL;
    }
    return data;
}

/* The start-date field appears once the engine takes `--set start=` (the
 * dated plan): asked of the model, not assumed. */
static bool takes_start_date(const sv_catalog *cat)
{
    bool yes = false;
    for (size_t i = 0; i < cat->n_guides && !yes; i++) {
        if (!cat->guides[i].from)
            continue;
        gp_diags *d = gp_diags_new();
        gp_guide *g = gp_guide_load_file(cat->guides[i].path, NULL, d);
        yes = g && gp_guide_set(g, "start", "2026-01-05", d) == 0;
        gp_guide_free(g);
        gp_diags_free(d);
        break;
    }
    return yes;
}

int gp_serve_main(int argc, char **argv)
{
    const char *guides[MAX_DIRS], *styles[MAX_DIRS];
    size_t n_guides = 0, n_styles = 0;
    const char *listen = "127.0.0.1:8080", *token_file = NULL, *roles_dir = NULL;
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    static const char *const opts[] = {"--guides",     "--styles", "--listen", "--jobs",
                                       "--token-file", "--help",   "--roles"};
    for (int i = 1; i < argc; i++) {
        char name[64];
        const char *a = argv[i], *v = NULL;
        const char *eq = strchr(a, '=');
        if (eq && !strncmp(a, "--", 2) && (size_t)(eq - a) < sizeof name) {
            snprintf(name, sizeof name, "%.*s", (int)(eq - a), a); /* --opt=value */
            a = name;
            v = eq + 1;
        } else if (i + 1 < argc) {
            v = argv[++i];
        }
        if (!strcmp(a, "--worker-fd") && v)
            return sv_worker_main(atoi(v));
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return GP_EXIT_OK;
        }
        bool known = false;
        for (size_t k = 0; k < sizeof opts / sizeof *opts; k++)
            known |= !strcmp(a, opts[k]);
        if (!known && strcmp(a, "-j")) {
            const char *near = gp_suggest(a, opts, sizeof opts / sizeof *opts);
            if (near)
                return gp_cli_usage_error("serve", "unknown option '%s'; did you mean '%s'?", a,
                                          near);
            return gp_cli_usage_error("serve", "unknown option '%s'\n%s", a, USAGE);
        }
        if (!v)
            return gp_cli_usage_error("serve", "%s needs a value", a);
        if (!strcmp(a, "--guides") && n_guides < MAX_DIRS)
            guides[n_guides++] = v;
        else if (!strcmp(a, "--styles") && n_styles < MAX_DIRS)
            styles[n_styles++] = v;
        else if (!strcmp(a, "--listen"))
            listen = v;
        else if (!strcmp(a, "--roles"))
            roles_dir = v;
        else if (!strcmp(a, "--token-file"))
            token_file = v;
        else if (!strcmp(a, "--jobs") || !strcmp(a, "-j")) {
            char *end;
            jobs = strtol(v, &end, 10);
            if (*end || jobs < 1 || jobs > 64)
                return gp_cli_usage_error("serve", "--jobs takes a number from 1 to 64");
        } else
            return gp_cli_usage_error("serve", "at most %d folders of each kind", MAX_DIRS);
    }
    if (jobs < 1)
        jobs = 1;
    if (jobs > 16)
        jobs = 16;

    /* HOST:PORT, [V6]:PORT */
    char host[64];
    int port;
    const char *colon = strrchr(listen, ':');
    if (!colon || colon == listen || colon - listen >= (long)sizeof host)
        return gp_cli_usage_error("serve", "--listen takes HOST:PORT, e.g. 127.0.0.1:8080");
    if (listen[0] == '[' && colon[-1] == ']')
        snprintf(host, sizeof host, "%.*s", (int)(colon - listen - 2), listen + 1);
    else
        snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    char *end;
    port = (int)strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return gp_cli_usage_error("serve", "--listen: bad port '%s'", colon + 1);

    sv_server s;
    memset(&s, 0, sizeof s);
    pthread_mutex_init(&s.lock, NULL);
    if (token_file) {
        s.token = read_token(token_file);
        if (!s.token) {
            fprintf(stderr,
                    "%s: error: cannot read an access token from this file: it must hold "
                    "16 to 120 letters, digits or -._~+/=\n",
                    token_file);
            return GP_EXIT_INVALID;
        }
    } else if (!is_loopback(host)) {
        return gp_cli_usage_error("serve",
                                  "listening on %s (not loopback) needs --token-file: anyone "
                                  "who can reach the address could otherwise use the desk",
                                  host);
    }

    /* The shipped guides: data/ in a source tree, examples/ when installed. */
    const char *data = getenv("GUIDEPRESS_DATA_DIR");
    if (!data || !data[0])
        data = gp_data_dir_default();
    char *probe = gp_path_join(data, "data/guides");
    bool in_tree = probe && access(probe, R_OK) == 0;
    free(probe);
    char *dflt_guides[2] = {
        gp_path_join(data, in_tree ? "data/guides" : "examples/guides"),
        gp_path_join(data, in_tree ? "data/guides-i18n" : "examples/guides-i18n")};
    char *shipped_styles = gp_path_join(data, "styles");
    if (!n_guides) {
        guides[n_guides++] = dflt_guides[0];
        guides[n_guides++] = dflt_guides[1];
    }
    int rc = GP_EXIT_INVALID;
    struct MHD_Daemon *d = NULL;
    if (sv_catalog_list_guides(&s.cat, guides, n_guides) || !s.cat.n_guides) {
        fprintf(stderr, "guidepress serve: error: no guide found in the guide folders\n");
        goto done;
    }
    if (sv_catalog_list_styles(&s.cat, styles, n_styles, shipped_styles) || !s.cat.n_styles) {
        fprintf(stderr, "guidepress serve: error: no style found in the style folders\n");
        goto done;
    }
    s.start_date = takes_start_date(&s.cat);
    /* composed guides: offered when the role profiles load */
    char *dflt_roles = gp_path_join(data, in_tree ? "data/roles" : "examples/roles");
    if (sv_catalog_list_roles(&s.cat, roles_dir ? roles_dir : dflt_roles) && roles_dir)
        fprintf(stderr,
                "guidepress serve: warning: the role profiles in %s do not load; "
                "composed guides are not offered\n",
                roles_dir);
    free(dflt_roles);
    /* GMime (guidepress-mail.so) checks the e-mail field; initialised
     * before any thread starts. Without it the desk offers no e-mail. */
    char mail_err[1024];
    s.eml = gp_mail_init(mail_err, sizeof mail_err) == 0;
    if (!s.eml)
        fprintf(stderr, "guidepress serve: warning: %s; e-mail is not offered\n", mail_err);
    if (sv_random_hex(s.csrf, 32)) {
        fprintf(stderr, "guidepress serve: error: no random numbers for the CSRF token\n");
        goto done;
    }
    char exe[4096];
    ssize_t el = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (el <= 0) {
        fprintf(stderr, "guidepress serve: error: cannot find the program to start workers\n");
        goto done;
    }
    exe[el] = '\0';
    s.pool = sv_pool_new((int)jobs, exe);
    if (!s.pool) {
        fprintf(stderr, "guidepress serve: error: cannot start the render workers\n");
        goto done;
    }

    /* Block the stop signals before libmicrohttpd starts its threads, so
     * they arrive here (sigwait) and nowhere else. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    d = sv_http_start(&s, host, &port, 64);
    if (!d) {
        fprintf(stderr, "guidepress serve: error: cannot listen on %s: %s\n", listen,
                strerror(errno));
        goto done;
    }
    printf("guidepress serve: http://%s%s%s:%d/ (%d workers, %zu guides, %zu styles)\n",
           strchr(host, ':') ? "[" : "", host, strchr(host, ':') ? "]" : "", port, (int)jobs,
           s.cat.n_guides, s.cat.n_styles);
    fflush(stdout);
    int sig = 0;
    sigwait(&set, &sig);
    fprintf(stderr, "guidepress serve: stopping (signal %d)\n", sig);
    rc = GP_EXIT_OK;
done:
    if (d)
        MHD_stop_daemon(d);
    sv_batch_free_all(&s);
    sv_pool_free(s.pool);
    sv_catalog_free(&s.cat);
    free(s.token);
    free(dflt_guides[0]);
    free(dflt_guides[1]);
    free(shipped_styles);
    pthread_mutex_destroy(&s.lock);
    return rc;
}
