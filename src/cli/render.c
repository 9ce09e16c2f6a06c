/* cli/render.c - `guidepress render`: parses arguments and runs the
 * library's pipeline (gp_render) once. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <guidepress/guidepress.h>

#include "cli/args.h"
#include "cli/cli.h"

#define MAX_SET 32

static const char *const USAGE =
    "usage: guidepress render GUIDE.yaml [OUT] [options]\n"
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
    char *out = malloc(l + strlen(ext) + 2);
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

/* What the options of one render set. */
typedef struct render_args {
    gp_render_request req;
    const char *keys[MAX_SET], *values[MAX_SET];
    char *set_copies[MAX_SET];
    size_t n_set;
    bool quiet, format_given, pdfa, attach_source, no_forms;
    const char *guide;
    char *secret, *owner_secret;
    const char *sendmail;
    double dpi, time_limit; /* --time-limit: seconds, 0 none */
    gp_cli_roles roles;     /* --from/--to: a guide composed from role profiles */
} render_args;

static int opt_style(void *ctx, const char *opt, const char *v)
{
    render_args *r = ctx;
    if (r->req.style)
        return gp_cli_usage_error("render", "%s given twice ('%s', then '%s')", opt, r->req.style,
                                  v);
    r->req.style = v;
    return 0;
}

static int opt_output(void *ctx, const char *opt, const char *v)
{
    (void)opt;
    render_args *r = ctx;
    if (r->req.output_path)
        return gp_cli_usage_error("render", "the output is given twice ('%s', then '%s')",
                                  r->req.output_path, v);
    r->req.output_path = v;
    return 0;
}

static int opt_format(void *ctx, const char *opt, const char *f)
{
    (void)opt;
    render_args *r = ctx;
    r->format_given = true;
    if (!strcmp(f, "pdf"))
        r->req.format = GP_FORMAT_PDF;
    else if (!strcmp(f, "png"))
        r->req.format = GP_FORMAT_PNG;
    else if (!strcmp(f, "svg"))
        r->req.format = GP_FORMAT_SVG;
    else
        return gp_cli_usage_error("render", "unknown format '%s' (pdf, png or svg)", f);
    return 0;
}

static int opt_set(void *ctx, const char *opt, const char *kv)
{
    (void)opt;
    render_args *r = ctx;
    const char *eq = strchr(kv, '=');
    if (r->n_set == MAX_SET)
        return gp_cli_usage_error("render", "too many --set options (at most %d)", MAX_SET);
    if (!eq || eq == kv)
        return gp_cli_usage_error("render", "--set needs key=value (got '%s')", kv);
    char *key = strndup(kv, (size_t)(eq - kv));
    if (!key) {
        fputs("guidepress render: out of memory\n", stderr);
        return GP_EXIT_INVALID;
    }
    r->set_copies[r->n_set] = key;
    r->keys[r->n_set] = key;
    r->values[r->n_set] = eq + 1;
    r->n_set++;
    return 0;
}

static int opt_backend(void *ctx, const char *opt, const char *b)
{
    (void)opt;
    render_args *r = ctx;
    if (!strcmp(b, "cairo"))
        r->req.backend = GP_BACKEND_CAIRO;
    else if (!strcmp(b, "haru"))
        r->req.backend = GP_BACKEND_HARU;
    else if (!strcmp(b, "pdf"))
        r->req.backend = GP_BACKEND_PDF;
    else
        return gp_cli_usage_error("render", "unknown backend '%s' (pdf, cairo or haru)", b);
    return 0;
}

/* --password-file, --password-env, --owner-password-file, --owner-password-env */
static int opt_secret(void *ctx, const char *opt, const char *v)
{
    render_args *r = ctx;
    bool owner = !strncmp(opt, "--owner-", 8);
    bool file = !strcmp(opt + strlen(opt) - 5, "-file");
    char **slot = owner ? &r->owner_secret : &r->secret;
    free(*slot);
    *slot = file ? gp_cli_password_from_file(v) : gp_cli_password_from_env("render", v);
    if (!*slot)
        return GP_EXIT_INVALID;
    if (owner)
        r->req.owner_password = *slot;
    else
        r->req.password = *slot;
    return 0;
}

static int opt_permissions(void *ctx, const char *opt, const char *v)
{
    (void)opt;
    render_args *r = ctx;
    if (parse_permissions(v, &r->req.permissions))
        return gp_cli_usage_error("render", "--permissions takes print,copy,modify, all or none");
    return 0;
}

static int opt_mode(void *ctx, const char *opt, const char *v)
{
    (void)opt;
    render_args *r = ctx;
    long m = gp_cli_parse_mode(v);
    if (m < 0)
        return gp_cli_usage_error("render",
                                  "--mode takes octal permission bits such as 0640 (got '%s')", v);
    r->req.mode = (unsigned)m;
    return 0;
}

static int opt_no_tags(void *ctx, const char *opt, const char *v)
{
    (void)opt;
    (void)v;
    ((render_args *)ctx)->req.tagged = false;
    return 0;
}

static int opt_roles(void *ctx, const char *opt, const char *v)
{
    render_args *r = ctx;
    if (gp_cli_roles_set(&r->roles, opt, v))
        return gp_cli_usage_error("render", "%s needs a value", opt);
    return 0;
}

/* GUIDE, then OUT (render GUIDE OUT, as typst compile and pandoc -o). */
static int positional(void *ctx, const char *opt, const char *a)
{
    (void)opt;
    render_args *r = ctx;
    if (!r->guide)
        r->guide = a;
    else if (!r->req.output_path)
        r->req.output_path = a;
    else
        return gp_cli_usage_error("render",
                                  "one guide at a time (use `guidepress batch` for many)");
    return 0;
}

int gp_cli_render(int argc, char **argv)
{
    render_args ra = {0};
    gp_render_request_init(&ra.req);
    gp_render_request *const rq = &ra.req;
    const gp_cli_opt opts[] = {
        {"--style", 's', GP_CLI_STRING, "STYLE", "a shipped style name or a style file",
         .fn = opt_style},
        {"--output", 'o', GP_CLI_STRING, "OUT", "the output file (- for standard output)",
         .fn = opt_output},
        {"--format", 0, GP_CLI_STRING, "pdf|png|svg", "the output format", .fn = opt_format},
        {"--dpi", 0, GP_CLI_NUMBER, "N", "PNG resolution (10 to 1200; default 150)", .num = &ra.dpi,
         .min = 10, .max = 1200, .bad_value = "--dpi must be a number from 10 to 1200"},
        {"--set", 0, GP_CLI_LIST, "key=value", "sets a guide field (repeatable)", .fn = opt_set},
        {"--backend", 0, GP_CLI_STRING, "pdf|cairo|haru", "the PDF painter", .fn = opt_backend},
        {"--pdfa", 0, GP_CLI_FLAG, NULL, "an archival PDF (PDF/A)", .flag = &ra.pdfa},
        {"--password-file", 0, GP_CLI_STRING, "FILE", "the user password: the file's first line",
         .fn = opt_secret},
        {"--password-env", 0, GP_CLI_STRING, "VAR", "the user password: an environment variable",
         .fn = opt_secret},
        {"--owner-password-file", 0, GP_CLI_STRING, "FILE", "the owner password from a file",
         .fn = opt_secret},
        {"--owner-password-env", 0, GP_CLI_STRING, "VAR",
         "the owner password from an environment variable", .fn = opt_secret},
        {"--password", 0, GP_CLI_STRING, "PW", "the user password (visible in ps)",
         .str = &rq->password},
        {"--owner-password", 0, GP_CLI_STRING, "PW", "the owner password (visible in ps)",
         .str = &rq->owner_password},
        {"--permissions", 0, GP_CLI_STRING, "LIST",
         "print,copy,modify, all or none (with a password)", .fn = opt_permissions},
        {"--attach-source", 0, GP_CLI_FLAG, NULL, "embeds the guide and style files",
         .flag = &ra.attach_source},
        {"--no-tags", 0, GP_CLI_FLAG, NULL, "an untagged PDF", .fn = opt_no_tags},
        {"--dump-display", 0, GP_CLI_STRING, "FILE", "writes the display list as text",
         .str = &rq->dump_path},
        {"--mode", 0, GP_CLI_STRING, "OCTAL", "the output's permission bits", .fn = opt_mode},
        {"--quiet", 'q', GP_CLI_FLAG, NULL, "no summary line", .flag = &ra.quiet},
        {"--ics", 0, GP_CLI_STRING, "FILE", "also writes the plan as iCalendar",
         .str = &rq->ics_path},
        {"--eml", 0, GP_CLI_STRING, "OUT.eml", "also writes an email with the PDF",
         .str = &rq->eml_path},
        {"--mail-to", 0, GP_CLI_STRING, "ADDR", "the email's recipient", .str = &rq->mail_to},
        {"--mail-from", 0, GP_CLI_STRING, "ADDR", "the email's sender", .str = &rq->mail_from},
        {"--subject", 0, GP_CLI_STRING, "TEXT", "the email's subject", .str = &rq->mail_subject},
        {"--sendmail", 0, GP_CLI_STRING, "CMD", "hands the email to this program",
         .str = &ra.sendmail},
        {"--no-forms", 0, GP_CLI_FLAG, NULL, "printed tick boxes, not form fields",
         .flag = &ra.no_forms},
        {"--time-limit", 0, GP_CLI_NUMBER, "S", "stops after S seconds (0: none)",
         .num = &ra.time_limit, .min = 0, .max = 86400,
         .bad_value = "--time-limit takes seconds from 0 to 86400"},
        {"--from", 0, GP_CLI_STRING, "ROLE", "compose the guide: the current role",
         .fn = opt_roles},
        {"--to", 0, GP_CLI_STRING, "ROLE", "compose the guide: the role to move to",
         .fn = opt_roles},
        {"--roles", 0, GP_CLI_STRING, "DIR", "the role profiles (default data/roles)",
         .fn = opt_roles},
        {"--market", 0, GP_CLI_STRING, "M", "the salary market of the composed guide",
         .fn = opt_roles},
    };
    const gp_cli_spec spec = {"render", USAGE,     NULL, opts, sizeof opts / sizeof opts[0],
                              &ra,      positional};
    char *stdin_data = NULL;
    int rc = GP_EXIT_USAGE, n_pos;
    if (!gp_cli_parse(&spec, argc, argv, &n_pos, &rc))
        goto out;
    rq->dpi = ra.dpi;
    rq->pdfa = ra.pdfa;
    rq->attach_source = ra.attach_source;
    rq->no_forms = ra.no_forms;
    if (!ra.format_given && rq->output_path && format_of(rq->output_path) >= 0)
        rq->format = (gp_format)format_of(rq->output_path);
    if (ra.guide && (ra.roles.from || ra.roles.to)) {
        rc = gp_cli_usage_error("render", "give a guide file or --from/--to, not both");
        goto out;
    }
    if (!ra.guide && (ra.roles.from || ra.roles.to)) {
        if (!ra.roles.from || !ra.roles.to) {
            rc = gp_cli_usage_error("render", "--from and --to go together");
            goto out;
        }
        gp_diags *cd = gp_diags_new();
        rq->guide = cd ? gp_cli_roles_compose(&ra.roles, cd) : NULL;
        gp_cli_print_diags(stderr, cd);
        gp_diags_free(cd);
        if (!rq->guide) {
            rc = GP_EXIT_INVALID;
            goto out;
        }
        ra.guide = ra.roles.stem; /* names the default output: FROM--TO.pdf */
        if (!rq->n_inputs) {
            rq->inputs = ra.roles.inputs;
            rq->n_inputs = 2;
        }
    }
    if (!ra.guide) {
        rc = gp_cli_usage_error("render", "no guide file given");
        goto out;
    }
    if ((rq->password && !rq->password[0]) || (rq->owner_password && !rq->owner_password[0])) {
        rc = gp_cli_usage_error("render", "an empty password protects nothing; leave out "
                                          "--password for a PDF without one");
        goto out;
    }
    if (rq->pdfa && rq->password) {
        rc = gp_cli_usage_error("render",
                                "PDF/A forbids encryption: use --pdfa or --password, not both");
        goto out;
    }
    if ((rq->mail_to || rq->mail_from || rq->mail_subject || ra.sendmail) && !rq->eml_path) {
        rc = gp_cli_usage_error("render", "--mail-to, --mail-from, --subject and --sendmail "
                                          "need --eml OUT.eml");
        goto out;
    }
    if (rq->eml_path && !rq->mail_to) {
        rc = gp_cli_usage_error("render", "--eml needs --mail-to ADDR");
        goto out;
    }
    rq->guide_path = rq->guide ? NULL : ra.guide;
    if (!rq->guide && !strcmp(ra.guide, "-")) {
        if (!rq->output_path) {
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
        rq->guide_path = "<stdin>";
        rq->guide_data = stdin_data;
        rq->guide_len = len;
    }
    bool to_stdout = rq->output_path && !strcmp(rq->output_path, "-");
    if (to_stdout) {
        rq->output_path = "<stdout>";
        rq->output_write = gp_cli_stdout_write;
    }
    rq->set_keys = ra.keys;
    rq->set_values = ra.values;
    rq->n_set = ra.n_set;
    char *out_default = NULL;
    if (!rq->output_path) {
        const char *ext = rq->format == GP_FORMAT_PNG   ? "png"
                          : rq->format == GP_FORMAT_SVG ? "svg"
                                                        : "pdf";
        out_default = default_output(ra.guide, ext);
        rq->output_path = out_default;
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
    lim.max_seconds = ra.time_limit;
    gp_engine_options eo = {NULL, &lim};
    gp_engine *e = gp_engine_new(&eo, d);
    gp_render_result res = {0};
    int r = e ? gp_render(e, rq, &res, d) : -1;
    gp_cli_print_diags(stderr, d);
    if (r == 0 && !ra.quiet) {
        if (rq->format == GP_FORMAT_PDF) /* with -o -, stdout is the PDF */
            fprintf(to_stdout ? stderr : stdout, "%s: %d pages, %zu bytes, %.0f ms\n",
                    rq->output_path, res.pages, res.bytes, res.ms);
        else
            printf("%s: %zu files (one per page), %zu bytes, %.0f ms\n", rq->output_path,
                   res.n_outputs, res.bytes, res.ms);
        if (rq->ics_path)
            fprintf(to_stdout ? stderr : stdout, "%s: calendar, %zu bytes\n", rq->ics_path,
                    res.ics_bytes);
        if (rq->eml_path)
            fprintf(to_stdout ? stderr : stdout, "%s: email to %s, %zu bytes%s\n", rq->eml_path,
                    rq->mail_to, res.eml_bytes,
                    res.eml_over_budget ? " (over the size budget)" : "");
    }
    if (r == 0 && ra.sendmail) {
        char err[512];
        if (gp_mail_sendmail(ra.sendmail, rq->eml_path, err, sizeof err)) {
            fprintf(stderr, "%s: %s: %s\n", rq->eml_path, gp_cli_tr("error"), err);
            r = -1;
        } else if (!ra.quiet) {
            fprintf(to_stdout ? stderr : stdout, "%s: handed to `%s`\n", rq->eml_path, ra.sendmail);
        }
    }
    rc = r == 0 ? GP_EXIT_OK : GP_EXIT_INVALID;
    gp_engine_free(e);
    gp_diags_free(d);
    free(out_default);
out:
    for (size_t k = 0; k < ra.n_set; k++)
        free(ra.set_copies[k]);
    free(ra.secret);
    free(ra.owner_secret);
    free(stdin_data);
    gp_guide_free(rq->guide);
    gp_cli_roles_done(&ra.roles);
    return rc;
}
