/* cli/schema.c - `guidepress schema guide|style`: prints the JSON Schema of
 * guide or style files, written from the loaders' own key tables (so it
 * cannot miss a key the loader accepts), pretty-printed with json-glib.
 * scripts/gen-schema.py adds the descriptions and examples from docs/ and
 * writes docs/schema/, which editors use through the YAML language server. */
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <guidepress/guide.h>
#include <guidepress/style.h>

#include "cli/args.h"
#include "cli/cli.h"

static const char *const USAGE = "usage: guidepress schema guide|style\n"
                                 "\n"
                                 "Prints the JSON Schema of guide files or style files.\n";

int gp_cli_schema(int argc, char **argv)
{
    const gp_cli_spec spec = {"schema", USAGE, NULL, NULL, 0, NULL, NULL};
    int rc, n;
    if (!gp_cli_parse(&spec, argc, argv, &n, &rc))
        return rc;
    if (n != 1 || (strcmp(argv[1], "guide") && strcmp(argv[1], "style")))
        return gp_cli_usage_error("schema", "say which: `guidepress schema guide` or `style`");
    size_t len = 0;
    char *text = !strcmp(argv[1], "guide") ? gp_guide_schema_new(&len) : gp_style_schema_new(&len);
    if (!text) {
        fputs("guidepress schema: out of memory\n", stderr);
        return GP_EXIT_INVALID;
    }
    JsonParser *p = json_parser_new();
    GError *err = NULL;
    rc = GP_EXIT_OK;
    if (!json_parser_load_from_data(p, text, (gssize)len, &err)) {
        /* a bug in the writer, never the user's input */
        fprintf(stderr, "guidepress schema: internal error: %s\n", err->message);
        g_error_free(err);
        rc = GP_EXIT_INVALID;
    } else {
        JsonGenerator *g = json_generator_new();
        json_generator_set_root(g, json_parser_get_root(p));
        json_generator_set_pretty(g, TRUE);
        json_generator_set_indent(g, 2);
        gchar *pretty = json_generator_to_data(g, NULL);
        printf("%s\n", pretty);
        g_free(pretty);
        g_object_unref(g);
    }
    g_object_unref(p);
    free(text);
    return rc;
}
