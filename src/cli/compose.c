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

#include "base/alloc.h"
#include "base/atomic.h"
#include "cli/cli.h"

static const char *const USAGE =
    "usage: guidepress compose --from ROLE --to ROLE [-o OUT.yaml] [--roles DIR] [--market M]\n"
    "\n"
    "Composes the guide for a change from one role to another from their profiles\n"
    "(DIR/<id>.yaml, default data/roles), the skills vocabulary (DIR/../skills.yaml)\n"
    "and the pair file DIR/../transitions/FROM--TO.yaml when there is one, and writes\n"
    "it as an ordinary guide file (default FROM--TO.yaml; `-o -` writes to stdout).\n"
    "docs/roles.md describes the formats.\n";

bool gp_cli_roles_option(gp_cli_roles *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char **slot = !strcmp(a, "--from")     ? &o->from
                        : !strcmp(a, "--to")     ? &o->to
                        : !strcmp(a, "--roles")  ? &o->roles_dir
                        : !strcmp(a, "--market") ? &o->market
                                                 : NULL;
    if (!slot)
        return false;
    if (*i + 1 >= argc || !argv[*i + 1][0]) {
        o->usage_error = true;
        return true;
    }
    *slot = argv[++*i];
    return true;
}

gp_guide *gp_cli_roles_compose(gp_cli_roles *o, gp_diags *d)
{
    gp_roles_options ro = {0};
    ro.roles_dir = o->roles_dir ? o->roles_dir : "data/roles";
    gp_roles *r = gp_roles_create(&ro, d);
    gp_guide *g = r ? gp_compose_guide(r, o->from, o->to, o->market, d) : NULL;
    for (int k = 0; g && k < 2; k++) {
        const char *p = gp_roles_path(r, k ? o->to : o->from);
        o->input_copies[k] = p ? gp_strdup(p) : NULL;
        o->inputs[k] = o->input_copies[k];
    }
    gp_roles_free(r);
    size_t l = strlen(o->from) + strlen(o->to) + 3;
    gp_free(o->stem);
    o->stem = gp_malloc(l);
    if (o->stem)
        snprintf(o->stem, l, "%s--%s", o->from, o->to);
    return g;
}

void gp_cli_roles_done(gp_cli_roles *o)
{
    gp_free(o->stem);
    o->stem = NULL;
    for (int k = 0; k < 2; k++) {
        gp_free(o->input_copies[k]);
        o->input_copies[k] = NULL;
        o->inputs[k] = NULL;
    }
}

/* Writes data to path through a temporary file renamed into place. */
static int write_atomic(const char *path, const char *data, size_t len)
{
    if (gp_atomic_write_file(path, data, len, 0666) == 0)
        return 0;
    fprintf(stderr, "%s: error: cannot write the output file: %s\n", path, strerror(errno));
    return -1;
}

int gp_cli_compose(int argc, char **argv)
{
    gp_cli_roles o = {0};
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(USAGE, stdout);
            return GP_EXIT_OK;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc)
                return gp_cli_usage_error("compose", "%s needs a value", a);
            out = argv[++i];
        } else if (gp_cli_roles_option(&o, argc, argv, &i)) {
            if (o.usage_error)
                return gp_cli_usage_error("compose", "%s needs a value", a);
        } else {
            return gp_cli_usage_error("compose", "unknown argument '%s'", a);
        }
    }
    if (!o.from || !o.to)
        return gp_cli_usage_error("compose", "--from ROLE and --to ROLE are required");
    gp_diags *d = gp_diags_new();
    gp_roles_options ro = {0};
    ro.roles_dir = o.roles_dir ? o.roles_dir : "data/roles";
    gp_roles *r = d ? gp_roles_create(&ro, d) : NULL;
    char *yaml = NULL;
    size_t len = 0;
    int rc = r ? gp_compose_yaml(r, o.from, o.to, o.market, &yaml, &len, d) : -1;
    gp_cli_print_diags(stderr, d);
    bool usage = false;
    for (size_t i = 0; d && i < gp_diags_count(d); i++)
        usage |= gp_diags_get(d, i)->code == GP_ERR_USAGE;
    char *def = NULL;
    if (rc == 0) {
        if (!out) {
            size_t l = strlen(o.from) + strlen(o.to) + 8;
            def = gp_malloc(l);
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
    gp_free(def);
    gp_roles_free(r);
    gp_diags_free(d);
    return rc == 0 ? GP_EXIT_OK : usage ? GP_EXIT_USAGE : GP_EXIT_INVALID;
}
