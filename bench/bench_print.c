/* bench/bench_print.c - the figures as an aligned table for people, or as
 * one JSON object (--json) for scripts that compare runs. Both say what
 * each figure measures; the table's notes are its footnotes. */
#include "bench.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <guidepress/guidepress.h>

const char *const bench_stage_names[N_STAGES] = {"load", "layout", "paint", "post", "render"};

static const char *const STAGE_LABELS[N_STAGES] = {
    "load (parse, check)", "layout", "paint (to memory)", "post (libqpdf)", "render (gp_render)"};

static double mib(long kb)
{
    return (double)kb / 1024.0;
}

/* The path relative to the source folder when it is inside it. */
static const char *short_path(const char *p)
{
    size_t l = strlen(GP_DATA_DIR);
    return !strncmp(p, GP_DATA_DIR, l) && p[l] == '/' ? p + l + 1 : p;
}

static void print_header(const bench_opts *o, const bench_results *r)
{
    printf("gp-bench (guidepress %s): %s, style %s\n", GP_VERSION_STRING, short_path(o->guide),
           o->style);
    printf("machine: %ld cores online; load average (1 min) %.2f at start, %.2f at end; "
           "bench took %.1f s\n",
           sysconf(_SC_NPROCESSORS_ONLN), r->load_before, r->load_after, r->total_s);
}

#define N_WARM 4

/* A group's title centred in dashes over its three columns. */
static void group_title(const bench_warm *w)
{
    char t[32];
    snprintf(t, sizeof t, " %s%s ", w->painter, w->text_cache ? "" : ", no text cache");
    int len = (int)strlen(t), left = (26 - len) / 2, right = 26 - len - left;
    printf("   %.*s%s%.*s", left, "-------------", t, right, "-------------");
}

/* One row of the warm table with a value in each group's median column. */
static void warm_row(const char *label, const double *v, const char *fmt)
{
    printf("%-20s", label);
    for (int p = 0; p < N_WARM; p++) {
        printf("   ");
        printf(fmt, v[p]);
        if (p + 1 < N_WARM)
            printf(" %17s", "");
    }
    printf("\n");
}

static void print_warm(const bench_opts *o, const bench_results *r)
{
    const bench_warm *w = r->warm;
    printf("\nWarm, in this process: %d documents per painter after one warm-up (ms)\n", o->runs);
    printf("%-20s", "");
    for (int p = 0; p < N_WARM; p++)
        group_title(&w[p]);
    printf("\n%-20s", "stage");
    for (int p = 0; p < N_WARM; p++)
        printf("   %8s %8s %8s", "median", "p90", "min");
    printf("\n");
    for (int s = 0; s < N_STAGES; s++) {
        printf("%-20s", STAGE_LABELS[s]);
        for (int p = 0; p < N_WARM; p++)
            printf("   %8.2f %8.2f %8.2f", w[p].stage[s].median, w[p].stage[s].p90,
                   w[p].stage[s].min);
        printf("\n");
    }
    double pages[N_WARM], painted[N_WARM], written[N_WARM], rate[N_WARM];
    for (int p = 0; p < N_WARM; p++) {
        pages[p] = w[p].pages;
        painted[p] = (double)w[p].paint_bytes;
        written[p] = (double)w[p].bytes;
        rate[p] = 1000.0 / w[p].stage[ST_RENDER].median;
    }
    warm_row("pages", pages, "%8.0f");
    warm_row("PDF bytes painted", painted, "%8.0f");
    warm_row("PDF bytes written", written, "%8.0f");
    warm_row("documents/s", rate, "%8.1f");
    printf("engine setup (fonts, style) %.2f ms; first document (cold caches, load to post) "
           "%.2f ms\n",
           r->engine_ms, r->first_ms);
    printf("render = load + layout + paint + post + writing the file (temporary file, fsync,\n"
           "rename); documents/s = 1000 / render median, one core. The same guide again finds\n"
           "nearly every paragraph in layout's text cache; \"no text cache\" turns it off.\n");
}

static const char *const PART_LABELS[N_BYTE_PARTS] = {
    "font programs",   "font maps (ToUnicode...)", "page contents",        "images",
    "forms, patterns", "object streams",           "metadata, ICC, files", "other (dicts, xref)"};

#define N_BYTES 3 /* pdf (ours), cairo, haru */

static void print_fonts(const char *painter, const bench_bytes *b)
{
    printf("font programs, %s: %d distinct stream%s\n", painter, b->n_fonts,
           b->n_fonts == 1 ? "" : "s");
    for (int i = 0; i < b->n_fonts && i < BENCH_MAX_FONTS; i++)
        printf("  %-36s %-14s %8lld\n", b->font[i].name, b->font[i].type, b->font[i].bytes);
    if (b->n_fonts > BENCH_MAX_FONTS)
        printf("  (and %d more)\n", b->n_fonts - BENCH_MAX_FONTS);
}

/* One figure per painter in the bytes column (pages, bytes per page). */
static void bytes_row(const char *label, const bench_bytes *b, bool per_page)
{
    printf("%-24s", label);
    for (int p = 0; p < N_BYTES; p++) {
        double v = per_page ? (b[p].pages ? (double)b[p].file / b[p].pages : 0) : b[p].pages;
        if (p)
            printf(" %19s", "");
        if (b[p].ok)
            printf("   %9.0f", v);
        else
            printf("   %9s", "-");
    }
    printf("\n");
}

static void print_bytes(const bench_results *r)
{
    static const char *const painter[N_BYTES] = {"pdf", "cairo", "haru"};
    const bench_bytes *b = r->bytes;
    if (!b[0].ok && !b[1].ok && !b[2].ok)
        return;
    printf("\nBytes per guide: the file gp_render wrote, by part (each stream counted once, with\n"
           "its /Length: the bytes as stored, compressed)\n");
    printf("%-24s", "");
    for (int p = 0; p < N_BYTES; p++) {
        int len = (int)strlen(painter[p]) + 2, left = (31 - len) / 2, right = 31 - len - left;
        printf("   %.*s %s %.*s", left, "----------------", painter[p], right, "----------------");
    }
    printf("\n%-24s", "part");
    for (int p = 0; p < N_BYTES; p++)
        printf("   %9s %9s %9s", "bytes", "share", "streams");
    printf("\n");
    for (int k = 0; k <= N_BYTE_PARTS; k++) {
        bool whole = k == N_BYTE_PARTS;
        printf("%-24s", whole ? "whole file" : PART_LABELS[k]);
        for (int p = 0; p < N_BYTES; p++) {
            long long v = whole ? b[p].file : b[p].part[k];
            int n = whole ? b[p].n_streams : b[p].streams[k];
            if (!b[p].ok)
                printf("   %9s %9s %9s", "-", "-", "-");
            else
                printf("   %9lld %8.1f%% %9d", v, b[p].file ? 100.0 * v / b[p].file : 0.0, n);
        }
        printf("\n");
    }
    bytes_row("pages", b, false);
    bytes_row("bytes per page", b, true);
    for (int p = 0; p < N_BYTES; p++)
        if (b[p].ok)
            print_fonts(painter[p], &b[p]);
    printf("font maps = ToUnicode, CIDToGIDMap and CIDSet streams; object streams hold the small\n"
           "objects (structure tree, annotations, outline, font dictionaries and widths); other =\n"
           "the file size minus the rest: stream dictionaries, header, trailer and the streams no\n"
           "part claims (counted), the cross-reference stream among them:");
    for (int p = 0; p < N_BYTES; p++)
        if (b[p].ok)
            printf("%s %s %lld bytes", p ? "," : "", painter[p], b[p].xref);
    printf("\n");
}

static void print_cold(const bench_results *r)
{
    const bench_cold *c = &r->cold;
    printf("\nCold process: `guidepress render GUIDE -s STYLE -o FILE`, %d runs\n", c->runs);
    printf("  wall median %.1f ms, min %.1f ms; peak RSS %.1f MiB (wait4 ru_maxrss, largest run)\n",
           c->wall_median, c->wall_min, mib(c->rss_kb));
    printf("  (children run before the warm part, while gp-bench's own peak RSS was %.1f MiB;\n"
           "  wait4 figures below that would be gp-bench's, shared until exec)\n",
           mib(r->self_rss_kb));
}

static void batch_row(const char *label, const bench_batch *b)
{
    printf("%-30s %2d %8.2f %8.1f %11.1f %8ld %9.1f %11.1f %10.1f\n", label, b->workers, b->seconds,
           b->docs / b->seconds, b->cpu_ms / b->docs, b->pages,
           (double)b->bytes / (1024.0 * 1024.0), mib(b->worker_rss_kb), mib(b->tree_rss_kb));
}

static void print_batch(const bench_results *r)
{
    printf("\nBatch: `guidepress batch --merge CSV -j N -q`, a fresh process per run\n");
    printf("%-30s %2s %8s %8s %11s %8s %9s %11s %10s\n", "documents", "-j", "wall s", "docs/s",
           "CPU ms/doc", "pages", "MiB out", "worker MiB", "wait4 MiB");
    for (size_t i = 0; i < r->n_batch; i++) {
        const bench_batch *b = &r->batch[i];
        char label[64];
        if (!strcmp(b->kind, "mix"))
            snprintf(label, sizeof label, "%d mixed (%zu guides)", b->docs, r->mix_guides);
        else
            snprintf(label, sizeof label, "%d copies of the guide", b->docs);
        batch_row(label, b);
    }
    printf("\nBatch worker memory, -j 1, copies of the guide\n");
    printf("%-30s %2s %8s %8s %11s %8s %9s %11s %10s\n", "documents", "-j", "wall s", "docs/s",
           "CPU ms/doc", "pages", "MiB out", "worker MiB", "wait4 MiB");
    for (size_t i = 0; i < r->n_rss; i++) {
        char label[64];
        snprintf(label, sizeof label, "%d copies", r->rss[i].docs);
        batch_row(label, &r->rss[i]);
    }
    if (r->n_rss && r->rss[r->n_rss - 1].docs == r->batch[0].docs)
        printf("(the %d-copy row is the -j 1 run above)\n", r->batch[0].docs);
    printf("docs/s = documents / wall time of the whole process (start-up, plan, fonts in each\n"
           "worker included); CPU = user + system of the batch and its workers (wait4);\n"
           "worker MiB = the report's max_worker_rss_kb (a worker's own peak RSS, read after\n"
           "each document; the largest worker); wait4 MiB = ru_maxrss of the batch process\n"
           "and its waited-for workers (the largest of them)\n");
}

void bench_print_table(const bench_opts *o, const bench_results *r)
{
    print_header(o, r);
    print_warm(o, r);
    print_bytes(r);
    if (r->have_cold)
        print_cold(r);
    if (r->n_batch)
        print_batch(r);
}

/* JSON ---------------------------------------------------------------------- */

static void json_str(const char *s)
{
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void json_warm(const bench_warm *w)
{
    printf("    \"%s%s\": {", w->painter, w->text_cache ? "" : "_no_text_cache");
    printf("\"pages\": %d, \"paint_bytes\": %zu, \"bytes\": %zu", w->pages, w->paint_bytes,
           w->bytes);
    for (int s = 0; s < N_STAGES; s++)
        printf(", \"%s_ms\": {\"median\": %.3f, \"p90\": %.3f, \"min\": %.3f}",
               bench_stage_names[s], w->stage[s].median, w->stage[s].p90, w->stage[s].min);
    printf("}");
}

static void json_bytes(const bench_bytes *b)
{
    if (!b->ok) {
        printf("null");
        return;
    }
    printf("{\"file\": %lld, \"pages\": %d, \"bytes_per_page\": %.1f, \"streams\": %d, "
           "\"xref_stream\": %lld,\n      \"parts\": {",
           b->file, b->pages, b->pages ? (double)b->file / b->pages : 0.0, b->n_streams, b->xref);
    for (int k = 0; k < N_BYTE_PARTS; k++)
        printf("%s\"%s\": {\"bytes\": %lld, \"streams\": %d}", k ? ", " : "", bench_part_names[k],
               b->part[k], b->streams[k]);
    printf("},\n      \"font_programs\": %d, \"fonts\": [", b->n_fonts);
    for (int i = 0; i < b->n_fonts && i < BENCH_MAX_FONTS; i++) {
        printf("%s{\"name\": ", i ? ", " : "");
        json_str(b->font[i].name);
        printf(", \"type\": ");
        json_str(b->font[i].type);
        printf(", \"bytes\": %lld}", b->font[i].bytes);
    }
    printf("]}");
}

static void json_batch(const bench_batch *b)
{
    printf("    {\"kind\": \"%s\", \"documents\": %d, \"workers\": %d, \"seconds\": %.3f, "
           "\"documents_per_second\": %.2f, \"cpu_ms_per_document\": %.2f, \"pages\": %ld, "
           "\"bytes\": %lld, \"max_worker_rss_kb\": %ld, \"wait4_maxrss_kb\": %ld}",
           b->kind, b->docs, b->workers, b->seconds, b->docs / b->seconds, b->cpu_ms / b->docs,
           b->pages, b->bytes, b->worker_rss_kb, b->tree_rss_kb);
}

static void json_batches(const char *name, const bench_batch *b, size_t n)
{
    printf(",\n  \"%s\": [", name);
    for (size_t i = 0; i < n; i++) {
        printf(i ? ",\n" : "\n");
        json_batch(&b[i]);
    }
    printf("\n  ]");
}

void bench_print_json(const bench_opts *o, const bench_results *r)
{
    printf("{\n  \"tool\": \"gp-bench\", \"version\": \"%s\", \"guide\": ", GP_VERSION_STRING);
    json_str(short_path(o->guide));
    printf(", \"style\": ");
    json_str(o->style);
    printf(",\n  \"runs\": %d, \"quick\": %s, \"cores\": %ld, \"load_before\": %.2f, "
           "\"load_after\": %.2f, \"seconds\": %.1f,\n",
           o->runs, o->quick ? "true" : "false", sysconf(_SC_NPROCESSORS_ONLN), r->load_before,
           r->load_after, r->total_s);
    printf("  \"engine_ms\": %.3f, \"first_document_ms\": %.3f,\n  \"warm\": {\n", r->engine_ms,
           r->first_ms);
    for (int p = 0; p < N_WARM; p++) {
        printf(p ? ",\n" : "");
        json_warm(&r->warm[p]);
    }
    printf("\n  },\n  \"bytes\": {\n    \"pdf\": ");
    json_bytes(&r->bytes[0]);
    printf(",\n    \"cairo\": ");
    json_bytes(&r->bytes[1]);
    printf(",\n    \"haru\": ");
    json_bytes(&r->bytes[2]);
    printf("\n  },\n  \"cold\": {\"runs\": %d, \"wall_ms_median\": %.2f, \"wall_ms_min\": %.2f, "
           "\"maxrss_kb\": %ld},\n  \"bench_maxrss_kb_before_children\": %ld",
           r->cold.runs, r->cold.wall_median, r->cold.wall_min, r->cold.rss_kb, r->self_rss_kb);
    if (r->n_batch) {
        printf(",\n  \"mix_guides\": %zu", r->mix_guides);
        json_batches("batch", r->batch, r->n_batch);
        json_batches("memory", r->rss, r->n_rss);
    }
    printf("\n}\n");
}
