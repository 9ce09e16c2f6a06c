/* cli/render.c - `guidepress render`: parses arguments and runs the
 * library's pipeline (gp_render) once. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <guidepress/guidepress.h>

#include "base/alloc.h"
#include "cli/cli.h"

#define MAX_SET 32

static const char *const USAGE =
    "usage: guidepress render GUIDE.yaml [OUT] [-s|--style STYLE] [-o|--output OUT]\n"
    "                         [--format pdf|png|svg]\n"
    "                         [--dpi N] [--set key=value]... [--backend pdf|cairo|haru]\n"
    "                         [--pdfa] [--password-file FILE | --password-env VAR]\n"
    "                         [--owner-password-file FILE | --owner-password-env VAR]\n"
    "                         [--password PW] [--owner-password PW]\n"
    "                         [--permissions print,copy,modify|none] [--attach-source]\n"
    "                         [--no-tags] [--dump-display FILE] [--mode OCTAL] [-q|--quiet]\n"
    "                         [--ics FILE] [--eml OUT.eml --mail-to ADDR [--mail-from ADDR]\n"
    "                         [--subject TEXT] [--sendmail CMD]] [--no-forms]\n"
    "                         [--time-limit S]\n"
    "       guidepress render --from ROLE --to ROLE [--roles DIR] [--market M] [options]\n"
    "  composes the guide from role profiles (DIR default data/roles; docs/roles.md).\n"
    "  STYLE is a shipped style name (default, print-mono, large-print, example-brand)\n"
    "  or a path to a style file. OUT defaults to the guide's name with the format's\n"
    "  extension, in the current folder; PNG and SVG write OUT-1.png, OUT-2.png ...\n"
    "  --set start=YYYY-MM-DD dates the timeline (\"Month 1-3\" -> \"Jan-Mar 2027\");\n"
    "  --ics FILE also writes the plan's steps as an iCalendar file.\n"
    "  Tick boxes are fillable check boxes in the PDF; --no-forms prints plain boxes.\n"
    "  --eml OUT.eml writes an email to ADDR with the PDF (and the calendar)\n"
    "  attached; --sendmail \"/usr/sbin/sendmail -t -i\" also pipes it to that program.\n"
    "  GUIDE `-` reads standard input; `-o -` writes the PDF to standard output.\n"
    "  Prefer --password-file or --password-env: other users see --password in ps.\n"
    "  --time-limit S stops the render after S seconds (0: none, the default).\n"
    "  Without --format, the format follows OUT's extension (.pdf, .png, .svg).\n"
    "  New files get mode 0666 less the umask; encrypted or personalised (--set)\n"
    "  ones 0600; --mode sets the bits exactly. OUT may not be an input of the render.\n";

/* The format an output name asks for by its extension; -1 for none. */
static int format_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/'))
        return -1;
    if (!strcasecmp(dot, ".pdf"))
        return GP_FORMAT_PDF;
    if (!strcasecmp(dot, ".png"))
        return GP_FORMAT_PNG;
    if (!strcasecmp(dot, ".svg"))
        return GP_FORMAT_SVG;
    return -1;
}

/* SIGINT, SIGTERM, SIGHUP: remove the render's temporary files, then die
 * of the signal as the shell expects. */
static void on_signal(int sig)
{
    gp_render_remove_temp_files();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* "0640" -> 0640; -1 when not an octal mode. */
long gp_cli_parse_mode(const char *s)
{
    char *end;
    long m = strtol(s, &end, 8);
    return !*s || *end || m <= 0 || m > 07777 ? -1 : m;
}

/* "data/guides/x.yaml" -> "x.pdf" */
static char *default_output(const char *guide, const char *ext)
{
    const char *base = strrchr(guide, '/');
    base = base ? base + 1 : guide;
    size_t l = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        l = (size_t)(dot - base);
    char *out = gp_malloc(l + strlen(ext) + 2);
    if (out)
        sprintf(out, "%.*s.%s", (int)l, base, ext);
    return out;
}

static int parse_permissions(const char *s, unsigned *out)
{
    unsigned p = 0;
    if (!strcmp(s, "none")) {
        *out = 0;
        return 0;
    }
    char buf[128];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (!strcmp(tok, "print"))
            p |= GP_PERM_PRINT;
        else if (!strcmp(tok, "copy"))
            p |= GP_PERM_COPY;
        else if (!strcmp(tok, "modify"))
            p |= GP_PERM_MODIFY;
        else if (!strcmp(tok, "all"))
            p |= GP_PERM_ALL;
        else
            return -1;
    }
    *out = p;
    return 0;
}

int gp_cli_render(int argc, char **argv)
{
    gp_render_request req;
    gp_render_request_init(&req);
    const char *keys[MAX_SET], *values[MAX_SET];
    char *set_copies[MAX_SET];
    size_t n_set = 0;
    bool quiet = false;
    const char *guide = NULL;
    char *secret = NULL, *owner_secret = NULL, *stdin_data = NULL;
    const char *sendmail = NULL;
    bool format_given = false;
    double time_limit = 0;    /* --time-limit: seconds, 0 none */
    gp_cli_roles roles = {0}; /* --from/--to: a guide composed from role profiles */
    int rc = GP_EXIT_USAGE;

#define NEED_ARG()                                                                                 \
    do {                                                                                           \
        if (i + 1 >= argc) {                                                                       \
            rc = gp_cli_usage_error("render", "%s needs a value", a);                              \
            goto out;                                                                              \
        }                                                                                          \
    } while (0)
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            rc = GP_EXIT_OK;
            goto out;
        } else if (!strcmp(a, "-s") || !strcmp(a, "--style")) {
            NEED_ARG();
            if (req.style) {
                rc = gp_cli_usage_error("render", "%s given twice ('%s', then '%s')", a, req.style,
                                        argv[i + 1]);
                goto out;
            }
            req.style = argv[++i];
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            NEED_ARG();
            if (req.output_path) {
                rc = gp_cli_usage_error("render", "the output is given twice ('%s', then '%s')",
                                        req.output_path, argv[i + 1]);
                goto out;
            }
            req.output_path = argv[++i];
        } else if (!strcmp(a, "--format")) {
            NEED_ARG();
            format_given = true;
            const char *f = argv[++i];
            if (!strcmp(f, "pdf"))
                req.format = GP_FORMAT_PDF;
            else if (!strcmp(f, "png"))
                req.format = GP_FORMAT_PNG;
            else if (!strcmp(f, "svg"))
                req.format = GP_FORMAT_SVG;
            else {
                rc = gp_cli_usage_error("render", "unknown format '%s' (pdf, png or svg)", f);
                goto out;
            }
        } else if (!strcmp(a, "--dpi")) {
            NEED_ARG();
            char *end;
            double d = strtod(argv[++i], &end);
            if (*end || !(d >= 10 && d <= 1200)) {
                rc = gp_cli_usage_error("render", "--dpi must be a number from 10 to 1200");
                goto out;
            }
            req.dpi = d;
        } else if (!strcmp(a, "--time-limit")) {
            NEED_ARG();
            char *end;
            double t = strtod(argv[++i], &end);
            if (*end || !(t >= 0 && t <= 86400)) {
                rc = gp_cli_usage_error("render", "--time-limit takes seconds from 0 to 86400");
                goto out;
            }
            time_limit = t;
        } else if (!strcmp(a, "--set")) {
            NEED_ARG();
            const char *kv = argv[++i];
            const char *eq = strchr(kv, '=');
            if (n_set == MAX_SET) {
                rc = gp_cli_usage_error("render", "too many --set options (at most %d)", MAX_SET);
                goto out;
            }
            if (!eq || eq == kv) {
                rc = gp_cli_usage_error("render", "--set needs key=value (got '%s')", kv);
                goto out;
            }
            set_copies[n_set] = gp_strndup(kv, (size_t)(eq - kv));
            keys[n_set] = set_copies[n_set];
            values[n_set] = eq + 1;
            n_set++;
        } else if (!strcmp(a, "--backend")) {
            NEED_ARG();
            const char *b = argv[++i];
            if (!strcmp(b, "cairo"))
                req.backend = GP_BACKEND_CAIRO;
            else if (!strcmp(b, "haru"))
                req.backend = GP_BACKEND_HARU;
            else if (!strcmp(b, "pdf"))
                req.backend = GP_BACKEND_PDF;
            else {
                rc = gp_cli_usage_error("render", "unknown backend '%s' (pdf, cairo or haru)", b);
                goto out;
            }
        } else if (!strcmp(a, "--pdfa")) {
            req.pdfa = true;
        } else if (!strcmp(a, "--password")) {
            NEED_ARG();
            req.password = argv[++i];
        } else if (!strcmp(a, "--password-file") || !strcmp(a, "--password-env")) {
            NEED_ARG();
            gp_free(secret);
            secret = a[11] == 'f' ? gp_cli_password_from_file(argv[++i])
                                  : gp_cli_password_from_env("render", argv[++i]);
            if (!secret) {
                rc = GP_EXIT_INVALID;
                goto out;
            }
            req.password = secret;
        } else if (!strcmp(a, "--owner-password-file") || !strcmp(a, "--owner-password-env")) {
            NEED_ARG();
            gp_free(owner_secret);
            owner_secret = a[17] == 'f' ? gp_cli_password_from_file(argv[++i])
                                        : gp_cli_password_from_env("render", argv[++i]);
            if (!owner_secret) {
                rc = GP_EXIT_INVALID;
                goto out;
            }
            req.owner_password = owner_secret;
        } else if (!strcmp(a, "--owner-password")) {
            NEED_ARG();
            req.owner_password = argv[++i];
        } else if (!strcmp(a, "--permissions")) {
            NEED_ARG();
            if (parse_permissions(argv[++i], &req.permissions)) {
                rc = gp_cli_usage_error("render",
                                        "--permissions takes print,copy,modify, all or none");
                goto out;
            }
        } else if (!strcmp(a, "--attach-source")) {
            req.attach_source = true;
        } else if (!strcmp(a, "--dump-display")) {
            NEED_ARG();
            req.dump_path = argv[++i];
        } else if (!strcmp(a, "--mode")) {
            NEED_ARG();
            long m = gp_cli_parse_mode(argv[++i]);
            if (m < 0) {
                rc = gp_cli_usage_error("render",
                                        "--mode takes octal permission bits such as 0640 "
                                        "(got '%s')",
                                        argv[i]);
                goto out;
            }
            req.mode = (unsigned)m;
        } else if (!strcmp(a, "--ics")) {
            NEED_ARG();
            req.ics_path = argv[++i];
        } else if (!strcmp(a, "--no-forms")) {
            req.no_forms = true;
        } else if (!strcmp(a, "--eml")) {
            NEED_ARG();
            req.eml_path = argv[++i];
        } else if (!strcmp(a, "--mail-to")) {
            NEED_ARG();
            req.mail_to = argv[++i];
        } else if (!strcmp(a, "--mail-from")) {
            NEED_ARG();
            req.mail_from = argv[++i];
        } else if (!strcmp(a, "--subject")) {
            NEED_ARG();
            req.mail_subject = argv[++i];
        } else if (!strcmp(a, "--sendmail")) {
            NEED_ARG();
            sendmail = argv[++i];
        } else if (!strcmp(a, "--no-tags")) {
            req.tagged = false;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            quiet = true;
        } else if (gp_cli_roles_option(&roles, argc, argv, &i)) {
            if (roles.usage_error) {
                rc = gp_cli_usage_error("render", "%s needs a value", a);
                goto out;
            }
        } else if (a[0] == '-' && a[1]) {
            rc = gp_cli_usage_error("render", GP_N_("unknown option '%s'"), a);
            goto out;
        } else if (!guide) {
            guide = a;
        } else if (!req.output_path) {
            req.output_path = a; /* render GUIDE OUT, as typst compile and pandoc -o */
        } else {
            rc = gp_cli_usage_error("render",
                                    "one guide at a time (use `guidepress batch` for many)");
            goto out;
        }
    }
    if (!format_given && req.output_path && format_of(req.output_path) >= 0)
        req.format = (gp_format)format_of(req.output_path);
    if (guide && (roles.from || roles.to)) {
        rc = gp_cli_usage_error("render", "give a guide file or --from/--to, not both");
        goto out;
    }
    if (!guide && (roles.from || roles.to)) {
        if (!roles.from || !roles.to) {
            rc = gp_cli_usage_error("render", "--from and --to go together");
            goto out;
        }
        gp_diags *cd = gp_diags_new();
        req.guide = cd ? gp_cli_roles_compose(&roles, cd) : NULL;
        gp_cli_print_diags(stderr, cd);
        gp_diags_free(cd);
        if (!req.guide) {
            rc = GP_EXIT_INVALID;
            goto out;
        }
        guide = roles.stem; /* names the default output: FROM--TO.pdf */
        if (!req.n_inputs) {
            req.inputs = roles.inputs;
            req.n_inputs = 2;
        }
    }
    if (!guide) {
        rc = gp_cli_usage_error("render", "no guide file given");
        goto out;
    }
    if ((req.password && !req.password[0]) || (req.owner_password && !req.owner_password[0])) {
        rc = gp_cli_usage_error("render", "an empty password protects nothing; leave out "
                                          "--password for a PDF without one");
        goto out;
    }
    if (req.pdfa && req.password) {
        rc = gp_cli_usage_error("render",
                                "PDF/A forbids encryption: use --pdfa or --password, not both");
        goto out;
    }
    if ((req.mail_to || req.mail_from || req.mail_subject || sendmail) && !req.eml_path) {
        rc = gp_cli_usage_error("render", "--mail-to, --mail-from, --subject and --sendmail "
                                          "need --eml OUT.eml");
        goto out;
    }
    if (req.eml_path && !req.mail_to) {
        rc = gp_cli_usage_error("render", "--eml needs --mail-to ADDR");
        goto out;
    }
    req.guide_path = req.guide ? NULL : guide;
    if (!req.guide && !strcmp(guide, "-")) {
        if (!req.output_path) {
            rc = gp_cli_usage_error("render", "a guide read from standard input needs -o OUT "
                                              "(or -o - for standard output)");
            goto out;
        }
        gp_limits lim;
        gp_limits_default(&lim);
        size_t len = 0;
        int sr = gp_cli_read_stdin(&stdin_data, &len, lim.max_file_bytes);
        if (sr) {
            fprintf(stderr, "<stdin>: %s: %s\n", gp_cli_tr("error"),
                    sr == -2 ? "the guide is larger than the file size limit"
                             : "cannot read standard input");
            rc = GP_EXIT_INVALID;
            goto out;
        }
        req.guide_path = "<stdin>";
        req.guide_data = stdin_data;
        req.guide_len = len;
    }
    bool to_stdout = req.output_path && !strcmp(req.output_path, "-");
    if (to_stdout) {
        req.output_path = "<stdout>";
        req.output_write = gp_cli_stdout_write;
    }
    req.set_keys = keys;
    req.set_values = values;
    req.n_set = n_set;
    char *out_default = NULL;
    if (!req.output_path) {
        const char *ext = req.format == GP_FORMAT_PNG   ? "png"
                          : req.format == GP_FORMAT_SVG ? "svg"
                                                        : "pdf";
        out_default = default_output(guide, ext);
        req.output_path = out_default;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    gp_diags *d = gp_diags_new();
    gp_limits lim;
    gp_limits_default(&lim);
    lim.max_seconds = time_limit;
    gp_engine_options eo = {NULL, &lim};
    gp_engine *e = gp_engine_new(&eo, d);
    gp_render_result res = {0};
    int r = e ? gp_render(e, &req, &res, d) : -1;
    gp_cli_print_diags(stderr, d);
    if (r == 0 && !quiet) {
        if (req.format == GP_FORMAT_PDF) /* with -o -, stdout is the PDF */
            fprintf(to_stdout ? stderr : stdout, "%s: %d pages, %zu bytes, %.0f ms\n",
                    req.output_path, res.pages, res.bytes, res.ms);
        else
            printf("%s: %zu files (one per page), %zu bytes, %.0f ms\n", req.output_path,
                   res.n_outputs, res.bytes, res.ms);
        if (req.ics_path)
            fprintf(to_stdout ? stderr : stdout, "%s: calendar, %zu bytes\n", req.ics_path,
                    res.ics_bytes);
        if (req.eml_path)
            fprintf(to_stdout ? stderr : stdout, "%s: email to %s, %zu bytes%s\n", req.eml_path,
                    req.mail_to, res.eml_bytes,
                    res.eml_over_budget ? " (over the size budget)" : "");
    }
    if (r == 0 && sendmail) {
        char err[512];
        if (gp_cli_sendmail(sendmail, req.eml_path, err, sizeof err)) {
            fprintf(stderr, "%s: %s: %s\n", req.eml_path, gp_cli_tr("error"), err);
            r = -1;
        } else if (!quiet) {
            fprintf(to_stdout ? stderr : stdout, "%s: handed to `%s`\n", req.eml_path, sendmail);
        }
    }
    rc = r == 0 ? GP_EXIT_OK : GP_EXIT_INVALID;
    gp_engine_free(e);
    gp_diags_free(d);
    gp_free(out_default);
out:
    for (size_t k = 0; k < n_set; k++)
        gp_free(set_copies[k]);
    gp_free(secret);
    gp_free(owner_secret);
    gp_free(stdin_data);
    gp_guide_free(req.guide);
    gp_cli_roles_done(&roles);
    return rc;
}
