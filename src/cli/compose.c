/* cli/compose.c - `guidepress compose --from A --to B -o guide.yaml`, and
 * the --from/--to/--roles/--market options that `render` shares.
 *
 * An editor who wants to refine a composed guide starts from the file
 * this writes: an ordinary guide file, validated before it is written,
 * written through a temporary file and renamed into place, so a bad
 * profile never leaves a half-written guide. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <guidepress/compose.h>
#include <guidepress/guidepress.h>

#include "cli/args.h"
#include "cli/cli.h"

static const char *const USAGE =
    "usage: guidepress compose --from ROLE --to ROLE [-o OUT.yaml] [--roles DIR] [--market M]\n"
    "\n"
    "Composes the guide for a change from one role to another from their profiles\n"
    "(DIR/<id>.yaml, default data/roles), the skills vocabulary (DIR/../skills.yaml)\n"
    "and the pair file DIR/../transitions/FROM--TO.yaml when there is one, and writes\n"
    "it as an ordinary guide file (default FROM--TO.yaml; `-o -` writes to stdout).\n"
    "docs/roles.md describes the formats.\n";

int gp_cli_roles_set(gp_cli_roles *o, const char *opt, const char *value)
{
    const char **slot = !strcmp(opt, "--from")     ? &o->from
                        : !strcmp(opt, "--to")     ? &o->to
                        : !strcmp(opt, "--roles")  ? &o->roles_dir
                        : !strcmp(opt, "--market") ? &o->market
                                                   : NULL;
    if (!slot || !value || !value[0])
        return -1;
    *slot = value;
    return 0;
}

gp_guide *gp_cli_roles_compose(gp_cli_roles *o, gp_diags *d)
{
    gp_roles_options ro = {0};
    ro.roles_dir = o->roles_dir ? o->roles_dir : "data/roles";
    gp_roles *r = gp_roles_create(&ro, d);
    gp_guide *g = r ? gp_compose_guide(r, o->from, o->to, o->market, d) : NULL;
    for (int k = 0; g && k < 2; k++) {
        const char *p = gp_roles_path(r, k ? o->to : o->from);
        o->input_copies[k] = p ? strdup(p) : NULL;
        o->inputs[k] = o->input_copies[k];
    }
    gp_roles_free(r);
    size_t l = strlen(o->from) + strlen(o->to) + 3;
    free(o->stem);
    o->stem = malloc(l);
    if (o->stem)
        snprintf(o->stem, l, "%s--%s", o->from, o->to);
    return g;
}

void gp_cli_roles_done(gp_cli_roles *o)
{
    free(o->stem);
    o->stem = NULL;
    for (int k = 0; k < 2; k++) {
        free(o->input_copies[k]);
        o->input_copies[k] = NULL;
        o->inputs[k] = NULL;
    }
}

/* Writes data to path through a temporary file renamed into place. */
static int write_atomic(const char *path, const char *data, size_t len)
{
    if (gp_file_write_atomic(path, data, len, 0666) == 0)
        return 0;
    fprintf(stderr, "%s: error: cannot write the output file: %s\n", path, strerror(errno));
    return -1;
}

static int opt_roles(void *ctx, const char *opt, const char *v)
{
    if (gp_cli_roles_set(ctx, opt, v))
        return gp_cli_usage_error("compose", "%s needs a value", opt);
    return 0;
}

static int positional(void *ctx, const char *opt, const char *a)
{
    (void)ctx;
    (void)opt;
    return gp_cli_usage_error("compose", "unknown argument '%s'", a);
}

int gp_cli_compose(int argc, char **argv)
{
    gp_cli_roles o = {0};
    const char *out = NULL;
    const gp_cli_opt opts[] = {
        {"--from", 0, GP_CLI_STRING, "ROLE", "the current role (required)", .fn = opt_roles},
        {"--to", 0, GP_CLI_STRING, "ROLE", "the role to move to (required)", .fn = opt_roles},
        {"--output", 'o', GP_CLI_STRING, "OUT.yaml", "the guide file (- for standard output)",
         .str = &out},
        {"--roles", 0, GP_CLI_STRING, "DIR", "the role profiles (default data/roles)",
         .fn = opt_roles},
        {"--market", 0, GP_CLI_STRING, "M", "the salary market", .fn = opt_roles},
    };
    const gp_cli_spec spec = {"compose", USAGE,     NULL, opts, sizeof opts / sizeof opts[0],
                              &o,        positional};
    int rc, n_pos;
    if (!gp_cli_parse(&spec, argc, argv, &n_pos, &rc))
        return rc;
    if (!o.from || !o.to)
        return gp_cli_usage_error("compose", "--from ROLE and --to ROLE are required");
    gp_diags *d = gp_diags_new();
    gp_roles_options ro = {0};
    ro.roles_dir = o.roles_dir ? o.roles_dir : "data/roles";
    gp_roles *r = d ? gp_roles_create(&ro, d) : NULL;
    char *yaml = NULL;
    size_t len = 0;
    rc = r ? gp_compose_yaml(r, o.from, o.to, o.market, &yaml, &len, d) : -1;
    gp_cli_print_diags(stderr, d);
    bool usage = false;
    for (size_t i = 0; d && i < gp_diags_count(d); i++)
        usage |= gp_diags_get(d, i)->code == GP_ERR_USAGE;
    char *def = NULL;
    if (rc == 0) {
        if (!out) {
            size_t l = strlen(o.from) + strlen(o.to) + 8;
            def = malloc(l);
            if (def)
                snprintf(def, l, "%s--%s.yaml", o.from, o.to);
            out = def;
        }
        if (!out)
            rc = -1;
        else if (!strcmp(out, "-"))
            rc = fwrite(yaml, 1, len, stdout) == len ? 0 : -1;
        else
            rc = write_atomic(out, yaml, len);
        if (rc == 0 && strcmp(out, "-"))
            printf("%s: composed %s -> %s\n", out, o.from, o.to);
    }
    free(yaml);
    free(def);
    gp_roles_free(r);
    gp_diags_free(d);
    return rc == 0 ? GP_EXIT_OK : usage ? GP_EXIT_USAGE : GP_EXIT_INVALID;
}
