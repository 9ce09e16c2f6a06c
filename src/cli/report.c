/* cli/report.c - `guidepress report merge`: one report from the reports of
 * a batch's shards.
 *
 * Each shard of a sharded batch (--shard K/N, on one machine or many)
 * writes its own JSON report. This command reads them with json-glib (GLib
 * is already loaded for Pango; no JSON parser of our own), checks that they
 * are shards of one batch (same N, each K once, no document twice), and
 * writes one report: the documents of all shards and totals recomputed from
 * them. Seconds is the longest shard (shards run side by side), workers the
 * sum, memory the largest. */
#include <errno.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

#include "cli/args.h"
#include "cli/cli.h"

static const char *usage_text =
    "usage: guidepress report merge REPORT.json... [-o OUT.json]\n"
    "\n"
    "Combines the JSON reports of a sharded batch (--shard K/N) into one:\n"
    "every document once, totals recomputed. Checks that the reports are\n"
    "shards of one batch: the same N, each K once, no document twice.\n";
static const char *epilogue =
    "\nExit status: 0 merged, 1 the reports do not form one batch, 2 usage error.\n";

typedef struct totals {
    gint64 documents, ok, failed, skipped, pages, bytes, workers, rss;
    double seconds;
} totals;

static gint64 member_int(JsonObject *o, const char *k)
{
    JsonNode *n = json_object_get_member(o, k);
    return n && JSON_NODE_HOLDS_VALUE(n) ? json_node_get_int(n) : 0;
}

static double member_double(JsonObject *o, const char *k)
{
    JsonNode *n = json_object_get_member(o, k);
    return n && JSON_NODE_HOLDS_VALUE(n) ? json_node_get_double(n) : 0.0;
}

/* The identity of a document: its output path, else its input and row. */
static char *doc_key(JsonObject *d)
{
    JsonNode *out = json_object_get_member(d, "output");
    if (out && JSON_NODE_HOLDS_VALUE(out) && json_node_get_string(out))
        return g_strdup_printf("output %s", json_node_get_string(out));
    JsonNode *in = json_object_get_member(d, "input");
    return g_strdup_printf("input %s row %" G_GINT64_FORMAT,
                           in && JSON_NODE_HOLDS_VALUE(in) ? json_node_get_string(in) : "?",
                           member_int(d, "row"));
}

static int write_out(const char *path, const char *data, size_t len)
{
    if (!path || !strcmp(path, "-"))
        return fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : -1;
    /* The merged report names every client, like the shards' reports: 0600. */
    if (gp_file_write_atomic(path, data, len, 0600) != 0) {
        fprintf(stderr, "%s: error: cannot write the report: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int merge(int n, char **files, const char *out_path)
{
    int rc = GP_EXIT_OK;
    totals t = {0};
    long shard_n = 0;
    unsigned char *seen_k = NULL;
    GHashTable *docs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    JsonArray *all = json_array_new();
    JsonNode *interrupted = NULL;
    const char *merge_csv = NULL;
    JsonParser **parsers = g_new0(JsonParser *, (gsize)n);

    for (int i = 0; i < n; i++) {
        GError *err = NULL;
        parsers[i] = json_parser_new();
        if (!json_parser_load_from_file(parsers[i], files[i], &err)) {
            fprintf(stderr, "%s: error: not a readable JSON report: %s\n", files[i], err->message);
            g_error_free(err);
            rc = GP_EXIT_INVALID;
            continue;
        }
        JsonNode *root = json_parser_get_root(parsers[i]);
        JsonObject *r = root && JSON_NODE_HOLDS_OBJECT(root) ? json_node_get_object(root) : NULL;
        JsonArray *d = r && json_object_has_member(r, "documents")
                           ? json_object_get_array_member(r, "documents")
                           : NULL;
        JsonObject *tot = r && json_object_has_member(r, "totals")
                              ? json_object_get_object_member(r, "totals")
                              : NULL;
        if (!d || !tot) {
            fprintf(stderr, "%s: error: not a guidepress batch report (no documents and totals)\n",
                    files[i]);
            rc = GP_EXIT_INVALID;
            continue;
        }
        const char *shard = json_object_has_member(r, "shard") &&
                                    !json_node_is_null(json_object_get_member(r, "shard"))
                                ? json_object_get_string_member(r, "shard")
                                : NULL;
        if (shard) {
            long k, sn;
            if (sscanf(shard, "%ld/%ld", &k, &sn) != 2 || k < 1 || sn < 1 || k > sn ||
                sn > 1000000) {
                fprintf(stderr, "%s: error: shard \"%s\" is not K/N\n", files[i], shard);
                rc = GP_EXIT_INVALID;
                continue;
            }
            if (!shard_n) {
                shard_n = sn;
                seen_k = g_malloc0((gsize)sn + 1);
            }
            if (sn != shard_n) {
                fprintf(stderr, "%s: error: shard %s is from a batch of %ld shards, not %ld\n",
                        files[i], shard, sn, shard_n);
                rc = GP_EXIT_INVALID;
                continue;
            }
            if (seen_k[k]++) {
                fprintf(stderr, "%s: error: shard %s is given twice\n", files[i], shard);
                rc = GP_EXIT_INVALID;
                continue;
            }
        }
        const char *m = json_object_has_member(r, "merge") &&
                                !json_node_is_null(json_object_get_member(r, "merge"))
                            ? json_object_get_string_member(r, "merge")
                            : NULL;
        if (m && !merge_csv)
            merge_csv = m;
        JsonNode *intr = json_object_get_member(r, "interrupted");
        if (intr && !json_node_is_null(intr) && !interrupted)
            interrupted = json_node_copy(intr);
        for (guint j = 0; j < json_array_get_length(d); j++) {
            JsonObject *doc = json_array_get_object_element(d, j);
            if (!doc)
                continue;
            char *key = doc_key(doc);
            const char *first = g_hash_table_lookup(docs, key);
            if (first) {
                fprintf(stderr, "%s: error: %s is also in %s\n", files[i], key, first);
                rc = GP_EXIT_INVALID;
                g_free(key);
                continue;
            }
            g_hash_table_insert(docs, key, g_strdup(files[i]));
            json_array_add_element(all, json_node_copy(json_array_get_element(d, j)));
        }
        t.documents += member_int(tot, "documents");
        t.ok += member_int(tot, "ok");
        t.failed += member_int(tot, "failed");
        t.skipped += member_int(tot, "skipped");
        t.pages += member_int(tot, "pages");
        t.bytes += member_int(tot, "bytes");
        t.workers += member_int(tot, "workers");
        gint64 rss = member_int(tot, "max_worker_rss_kb");
        t.rss = rss > t.rss ? rss : t.rss;
        double sec = member_double(tot, "seconds");
        t.seconds = sec > t.seconds ? sec : t.seconds;
    }
    for (long k = 1; shard_n && k <= shard_n; k++)
        if (!seen_k[k]) {
            fprintf(stderr, "guidepress report merge: error: no report for shard %ld/%ld\n", k,
                    shard_n);
            rc = GP_EXIT_INVALID;
        }

    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "tool");
    json_builder_add_string_value(b, "guidepress " GP_VERSION_STRING);
    json_builder_set_member_name(b, "merge");
    if (merge_csv)
        json_builder_add_string_value(b, merge_csv);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "shards");
    json_builder_add_int_value(b, n);
    json_builder_set_member_name(b, "interrupted");
    if (interrupted)
        json_builder_add_value(b, interrupted);
    else
        json_builder_add_null_value(b);
    json_builder_set_member_name(b, "documents");
    json_builder_add_value(b, json_node_init_array(json_node_alloc(), all));
    json_builder_set_member_name(b, "totals");
    json_builder_begin_object(b);
    const struct {
        const char *k;
        gint64 v;
    } ints[] = {{"documents", t.documents}, {"ok", t.ok},
                {"failed", t.failed},       {"skipped", t.skipped},
                {"pages", t.pages},         {"bytes", t.bytes},
                {"workers", t.workers},     {"max_worker_rss_kb", t.rss}};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        json_builder_set_member_name(b, ints[i].k);
        json_builder_add_int_value(b, ints[i].v);
    }
    json_builder_set_member_name(b, "seconds");
    json_builder_add_double_value(b, t.seconds);
    json_builder_set_member_name(b, "documents_per_second");
    json_builder_add_double_value(b, t.seconds > 0 ? (double)(t.ok + t.failed) / t.seconds : 0.0);
    json_builder_end_object(b);
    json_builder_end_object(b);

    JsonGenerator *g = json_generator_new();
    JsonNode *root = json_builder_get_root(b);
    json_generator_set_root(g, root);
    json_generator_set_pretty(g, TRUE);
    gsize len = 0;
    gchar *text = json_generator_to_data(g, &len);
    GString *s = g_string_new_len(text, (gssize)len);
    g_string_append_c(s, '\n');
    if (write_out(out_path, s->str, s->len) != 0 && rc == GP_EXIT_OK)
        rc = GP_EXIT_INVALID;
    if (out_path && strcmp(out_path, "-"))
        fprintf(stderr,
                "merged %d reports: %" G_GINT64_FORMAT " documents, %" G_GINT64_FORMAT
                " ok, %" G_GINT64_FORMAT " failed\n",
                n, t.documents, t.ok, t.failed);
    g_string_free(s, TRUE);
    g_free(text);
    json_node_unref(root);
    g_object_unref(g);
    g_object_unref(b);
    json_array_unref(all);
    for (int i = 0; i < n; i++)
        if (parsers[i])
            g_object_unref(parsers[i]);
    g_free(parsers);
    g_free(seen_k);
    g_hash_table_destroy(docs);
    return rc;
}

int gp_cli_report(int argc, char **argv)
{
    const char *out = NULL;
    const gp_cli_opt opts[] = {
        {"--output", 'o', GP_CLI_STRING, "FILE",
         "where the merged report goes (default: standard output)", .str = &out,
         .missing = "%s needs a file"},
    };
    const gp_cli_spec spec = {"report", usage_text, epilogue, opts, sizeof opts / sizeof opts[0],
                              NULL,     NULL};
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        gp_cli_print_help(&spec, argc < 2 ? stderr : stdout);
        return argc < 2 ? GP_EXIT_USAGE : GP_EXIT_OK;
    }
    if (strcmp(argv[1], "merge"))
        return gp_cli_usage_error("report", "unknown report command '%s' (did you mean 'merge'?)",
                                  argv[1]);
    int rc, n;
    if (!gp_cli_parse(&spec, argc - 1, argv + 1, &n, &rc))
        return rc;
    if (!n)
        return gp_cli_usage_error("report", "merge needs at least one report");
    return merge(n, argv + 2, out);
}
