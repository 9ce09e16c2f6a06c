/* serve/serve_batch.c - the batch page: one guide per row of a merge CSV.
 *
 * The CSV has the columns of `guidepress batch --merge` (docs/batch.md),
 * read by the library's CSV reader, so its errors carry line and column.
 * A `guide` or `style` cell names an entry of the desk's lists: a folder
 * part is dropped and the name looked up, so `guides/x.yaml` works and
 * `../../etc/passwd` is just an unknown name. `output` names the PDF inside
 * the zip (relative, no `..`).
 *
 * A batch runs on its own threads (as many as there are workers), each
 * taking the next row and waiting for a worker; the page polls its status
 * and shows a progress bar. Finished, the PDFs and report.json are zipped
 * in memory with libzip; the batch and its zip live in memory only, until
 * a newer batch needs the slot or 30 minutes have passed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "batch/csv.h"
#include "serve/serve.h"

#define KEEP_SECONDS (30 * 60)

enum { C_GUIDE, C_FOR, C_BY, C_DATE, C_OUTPUT, C_STYLE, C_PASSWORD, N_COLS };
static const gp_csv_column COLUMNS[N_COLS] = {
    {"guide", true},  {"prepared_for", true}, {"prepared_by", true}, {"date", true},
    {"output", true}, {"style", false},       {"password", false}};

typedef struct brow {
    long row;
    int line;
    char *guide;  /* entry name, or the cell as written when unknown */
    char *output; /* name inside the zip */
    sv_msg req;   /* to the worker; empty when the row failed early */
    bool ok;
    int pages;
    char *pdf;
    size_t pdf_len;
    gp_buf errors; /* "where: error: message\n  hint: ...\n" */
} brow;

struct sv_batch {
    char id[33];
    char csv[128]; /* the uploaded file's name, for row errors */
    sv_server *s;
    brow *rows;
    size_t n_rows, next, completed, failed;
    bool done, stop;
    time_t finished_at;
    char *zip;
    size_t zip_len;
    pthread_t threads[16];
    int n_threads;
};

static char *last_part(const char *cell)
{
    const char *slash = strrchr(cell, '/');
    const char *name = slash ? slash + 1 : cell;
    size_t l = strlen(name);
    if (l > 5 && !strcmp(name + l - 5, ".yaml"))
        l -= 5;
    else if (l > 4 && !strcmp(name + l - 4, ".yml"))
        l -= 4;
    return strndup(name, l);
}

static void row_error(brow *r, const char *file, int line, int col, const char *fmt, const char *a)
{
    gp_buf_printf(&r->errors, "%s:%d:%d: error: ", file, line, col);
    gp_buf_printf(&r->errors, fmt, a);
    gp_buf_puts(&r->errors, "\n");
}

static bool output_ok(const char *o)
{
    if (!o[0] || o[0] == '/' || strlen(o) > 200 || !strcmp(o, "report.json"))
        return false;
    for (const char *p = o; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == '\\')
            return false;
    const char *p = o;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        if (l == 0 || (l == 2 && !strncmp(p, "..", 2)) || (l == 1 && *p == '.'))
            return false;
        p += l + (e ? 1 : 0);
    }
    return true;
}

static void plan_row(sv_server *s, sv_batch *b, const char *csv, const gp_csv_record *rec,
                     size_t header_fields, const int *idx)
{
    brow *r = &b->rows[b->n_rows++];
    r->row = (long)b->n_rows;
    r->line = rec->line;
    if (rec->n_fields != header_fields) {
        gp_buf_printf(&r->errors,
                      "%s:%d:1: error: this row has %zu field%s but the header has %zu\n", csv,
                      rec->line, rec->n_fields, rec->n_fields == 1 ? "" : "s", header_fields);
        return;
    }
    const char *v[N_COLS];
    for (int k = 0; k < N_COLS; k++)
        v[k] = idx[k] >= 0 ? rec->fields[idx[k]].s : "";
    const gp_csv_field *gf = &rec->fields[idx[C_GUIDE]];
    char *name = last_part(v[C_GUIDE]);
    const sv_guide *g = name ? sv_catalog_guide(&s->cat, name) : NULL;
    free(name);
    if (!g) {
        r->guide = strdup(v[C_GUIDE]);
        row_error(r, csv, gf->line, gf->col,
                  "unknown guide `%s`: name one of this desk's guides (listed on the batch page)",
                  v[C_GUIDE]);
        return;
    }
    r->guide = strdup(g->name);
    const sv_style *st = &s->cat.styles[0];
    if (v[C_STYLE][0]) {
        char *sn = last_part(v[C_STYLE]);
        st = sn ? sv_catalog_style(&s->cat, sn) : NULL;
        free(sn);
        if (!st) {
            const gp_csv_field *sf = &rec->fields[idx[C_STYLE]];
            row_error(r, csv, sf->line, sf->col,
                      "unknown style `%s`: name one of this desk's styles", v[C_STYLE]);
            return;
        }
    }
    if (v[C_OUTPUT][0]) {
        if (!output_ok(v[C_OUTPUT])) {
            const gp_csv_field *of = &rec->fields[idx[C_OUTPUT]];
            row_error(r, csv, of->line, of->col,
                      "output `%s` must be a relative file name inside the zip (no `..`)",
                      v[C_OUTPUT]);
            return;
        }
        r->output = strdup(v[C_OUTPUT]);
    } else {
        gp_buf o = {0};
        gp_buf_printf(&o, "%s-%ld.pdf", g->name, r->row);
        r->output = o.data;
    }
    for (size_t i = 0; i + 1 < b->n_rows; i++)
        if (b->rows[i].output && !strcmp(b->rows[i].output, r->output)) {
            gp_buf_printf(&r->errors, "%s:%d:1: error: output `%s` is also written by row %ld\n",
                          csv, rec->line, r->output, b->rows[i].row);
            return;
        }
    sv_msg_adds(&r->req, "op", "render");
    sv_msg_adds(&r->req, "guide", g->path);
    sv_msg_adds(&r->req, "style", st->spec);
    sv_msg_adds(&r->req, "format", "pdf");
    static const char *const keys[] = {"prepared_for", "prepared_by", "date"};
    for (int k = C_FOR; k <= C_DATE; k++)
        if (v[k][0]) {
            gp_buf kv = {0};
            gp_buf_printf(&kv, "%s=%s", keys[k - C_FOR], v[k]);
            sv_msg_adds(&r->req, "set", kv.data);
            gp_buf_free(&kv);
        }
    if (v[C_PASSWORD][0])
        sv_msg_adds(&r->req, "password", v[C_PASSWORD]);
}

/* Worker answer -> row. */
static void take_answer(brow *r, const sv_msg *resp, const char *csv)
{
    const char *ok = sv_msg_str(resp, "ok");
    const sv_field *pdf = sv_msg_get(resp, "pdf");
    if (ok && !strcmp(ok, "1") && pdf) {
        r->pdf = malloc(pdf->len ? pdf->len : 1);
        if (r->pdf) {
            memcpy(r->pdf, pdf->val, pdf->len);
            r->pdf_len = pdf->len;
            r->ok = true;
            const char *pages = sv_msg_str(resp, "pages");
            r->pages = pages ? atoi(pages) : 0;
            return;
        }
    }
    for (size_t i = 0; i < resp->n; i++) {
        if (strcmp(resp->f[i].key, "diag"))
            continue;
        const char *part[6] = {0};
        const char *p = resp->f[i].val, *end = p + resp->f[i].len;
        for (int k = 0; k < 6 && p <= end; k++) {
            part[k] = p;
            p += strlen(p) + 1;
        }
        if (!part[5] || strcmp(part[0], "error"))
            continue;
        if (part[1][0]) {
            const char *slash = strrchr(part[1], '/');
            gp_buf_printf(&r->errors, "%s:%s:%s: error: %s\n", slash ? slash + 1 : part[1], part[2],
                          part[3], part[4]);
        } else {
            gp_buf_printf(&r->errors, "%s:%d:1: error: %s\n", csv, r->line, part[4]);
        }
        if (part[5][0])
            gp_buf_printf(&r->errors, "  hint: %s\n", part[5]);
    }
    if (!r->errors.len)
        gp_buf_printf(&r->errors, "%s:%d:1: error: the guide could not be made\n", csv, r->line);
}

static void json_str(gp_buf *b, const char *s)
{
    gp_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '"' || *p == '\\')
            gp_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            gp_buf_printf(b, "\\u%04x", *p);
        else
            gp_buf_append(b, (const char *)p, 1);
    }
    gp_buf_puts(b, "\"");
}

static void report_json(const sv_batch *b, gp_buf *j)
{
    gp_buf_printf(j, "{\n  \"total\": %zu,\n  \"ok\": %zu,\n  \"failed\": %zu,\n  \"documents\": [",
                  b->n_rows, b->n_rows - b->failed, b->failed);
    for (size_t i = 0; i < b->n_rows; i++) {
        const brow *r = &b->rows[i];
        gp_buf_printf(j, "%s\n    {\"row\": %ld, \"line\": %d, \"guide\": ", i ? "," : "", r->row,
                      r->line);
        json_str(j, r->guide);
        gp_buf_puts(j, ", \"output\": ");
        if (r->output)
            json_str(j, r->output);
        else
            gp_buf_puts(j, "null");
        gp_buf_printf(j, ", \"ok\": %s, \"pages\": %d, \"bytes\": %zu, \"errors\": ",
                      r->ok ? "true" : "false", r->pages, r->pdf_len);
        json_str(j, r->errors.data);
        gp_buf_puts(j, "}");
    }
    gp_buf_puts(j, "\n  ]\n}\n");
}

/* The PDFs and report.json into one zip, in memory. */
static void make_zip(sv_batch *b)
{
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
    zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &err) : NULL;
    if (!za) {
        if (src)
            zip_source_free(src);
        zip_error_fini(&err);
        return;
    }
    zip_source_keep(src);
    for (size_t i = 0; i < b->n_rows; i++) {
        brow *r = &b->rows[i];
        if (!r->ok)
            continue;
        zip_source_t *f = zip_source_buffer(za, r->pdf, r->pdf_len, 1);
        if (f && zip_file_add(za, r->output, f, ZIP_FL_ENC_UTF_8) >= 0)
            r->pdf = NULL; /* libzip frees it */
        else if (f)
            zip_source_free(f);
    }
    gp_buf j = {0};
    report_json(b, &j);
    zip_source_t *f = j.data ? zip_source_buffer(za, j.data, j.len, 1) : NULL;
    if (f && zip_file_add(za, "report.json", f, ZIP_FL_ENC_UTF_8) >= 0)
        j.data = NULL;
    else if (f)
        zip_source_free(f);
    gp_buf_free(&j);
    if (zip_close(za) < 0) {
        zip_discard(za);
        zip_source_free(src);
        zip_error_fini(&err);
        return;
    }
    zip_stat_t st;
    if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        b->zip = malloc(st.size ? st.size : 1);
        if (b->zip && zip_source_read(src, b->zip, st.size) == (zip_int64_t)st.size)
            b->zip_len = st.size;
        else {
            free(b->zip);
            b->zip = NULL;
        }
        zip_source_close(src);
    }
    zip_source_free(src);
    zip_error_fini(&err);
}

static void *batch_thread(void *arg)
{
    sv_batch *b = arg;
    sv_server *s = b->s;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t i = b->next;
        if (!b->stop && i < b->n_rows)
            b->next++;
        pthread_mutex_unlock(&s->lock);
        if (b->stop || i >= b->n_rows)
            break;
        brow *r = &b->rows[i];
        if (!r->req.n)
            continue; /* failed while planning: counted then */
        sv_msg resp = {0};
        int rc = sv_pool_call(s->pool, &r->req, &resp, false);
        if (rc == SV_CALL_OK)
            take_answer(r, &resp, b->csv);
        else
            gp_buf_printf(&r->errors, "row %ld: error: the worker rendering this row stopped\n",
                          r->row);
        sv_msg_free(&resp);
        sv_msg_free(&r->req); /* the client's values go as soon as they are used */
        pthread_mutex_lock(&s->lock);
        b->completed++;
        b->failed += !r->ok;
        bool last = b->completed == b->n_rows;
        pthread_mutex_unlock(&s->lock);
        if (last) {
            make_zip(b);
            pthread_mutex_lock(&s->lock);
            b->done = true;
            b->finished_at = time(NULL);
            pthread_mutex_unlock(&s->lock);
        }
    }
    return NULL;
}

static void batch_free(sv_batch *b)
{
    if (!b)
        return;
    b->stop = true;
    for (int i = 0; i < b->n_threads; i++)
        pthread_join(b->threads[i], NULL);
    for (size_t i = 0; i < b->n_rows; i++) {
        free(b->rows[i].guide);
        free(b->rows[i].output);
        free(b->rows[i].pdf);
        sv_msg_free(&b->rows[i].req);
        gp_buf_free(&b->rows[i].errors);
    }
    free(b->rows);
    free(b->zip);
    free(b);
}

void sv_batch_free_all(sv_server *s)
{
    for (int i = 0; i < SV_MAX_BATCHES; i++) {
        pthread_mutex_lock(&s->lock);
        sv_batch *b = s->batches[i];
        if (b)
            b->stop = true;
        s->batches[i] = NULL;
        pthread_mutex_unlock(&s->lock);
        batch_free(b);
    }
}

static void form_error(sv_server *s, sv_reply *r, int status, const char *msg)
{
    r->status = status;
    r->ctype = "text/html; charset=utf-8";
    gp_buf_free(&r->body);
    sv_page_batch_form(s, msg, &r->body);
}

void sv_batch_create(sv_server *s, const sv_msg *form, sv_reply *r)
{
    const sv_field *f = sv_msg_get(form, "csv");
    if (!f || !f->len) {
        form_error(s, r, 400, "Choose a CSV file to upload.");
        return;
    }
    const char *name = sv_msg_str(form, "csv_filename");
    if (!name || !name[0])
        name = "clients.csv";
    gp_diags *d = gp_diags_new();
    gp_csv *c = gp_csv_parse(f->val, f->len, name, d);
    int idx[N_COLS];
    if (c && gp_csv_count(c) > SV_MAX_BATCH_ROWS + 1) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "The CSV has %zu rows; the desk takes at most %d rows in one batch. Split it, "
                 "or use `guidepress batch --merge` for large runs.",
                 gp_csv_count(c) - 1, SV_MAX_BATCH_ROWS);
        form_error(s, r, 413, msg);
        gp_csv_free(c);
        gp_diags_free(d);
        return;
    }
    if (!c || gp_csv_map_columns(c, COLUMNS, N_COLS, idx, d) != 0 || gp_csv_count(c) < 2) {
        gp_buf msg = {0};
        for (size_t i = 0; i < gp_diags_count(d); i++) {
            const gp_diag *g = gp_diags_get(d, i);
            gp_buf_printf(&msg, "%s%s:%d:%d: error: %s", i ? " " : "", g->file ? g->file : name,
                          g->line, g->col, g->message);
            if (g->hint)
                gp_buf_printf(&msg, " (hint: %s)", g->hint);
        }
        if (!msg.len)
            gp_buf_puts(&msg, "The CSV has no rows after its header.");
        form_error(s, r, 400, msg.data);
        gp_buf_free(&msg);
        gp_csv_free(c);
        gp_diags_free(d);
        return;
    }
    gp_diags_free(d);

    sv_batch *b = calloc(1, sizeof *b);
    if (b)
        b->rows = calloc(gp_csv_count(c), sizeof *b->rows);
    if (!b || !b->rows || sv_random_hex(b->id, 16)) {
        free(b ? b->rows : NULL);
        free(b);
        gp_csv_free(c);
        form_error(s, r, 500, "Out of memory.");
        return;
    }
    b->s = s;
    snprintf(b->csv, sizeof b->csv, "%s", name);
    size_t header_fields = gp_csv_record_at(c, 0)->n_fields;
    for (size_t i = 1; i < gp_csv_count(c); i++) {
        const gp_csv_record *rec = gp_csv_record_at(c, i);
        bool blank = true;
        for (size_t k = 0; k < rec->n_fields; k++)
            blank &= rec->fields[k].s[strspn(rec->fields[k].s, " \t")] == '\0';
        if (!blank)
            plan_row(s, b, name, rec, header_fields, idx);
    }
    gp_csv_free(c);
    for (size_t i = 0; i < b->n_rows; i++)
        if (!b->rows[i].req.n) {
            b->completed++;
            b->failed++;
        }

    /* a slot: a free one, else the oldest finished batch */
    pthread_mutex_lock(&s->lock);
    int slot = -1;
    for (int i = 0; i < SV_MAX_BATCHES && slot < 0; i++)
        if (!s->batches[i])
            slot = i;
    for (int i = 0; i < SV_MAX_BATCHES && !(slot >= 0 && !s->batches[slot]); i++) {
        sv_batch *o = s->batches[i];
        if (o->done && (slot < 0 || o->finished_at < s->batches[slot]->finished_at))
            slot = i;
    }
    sv_batch *old = slot >= 0 ? s->batches[slot] : NULL;
    if (slot >= 0)
        s->batches[slot] = b;
    pthread_mutex_unlock(&s->lock);
    if (slot < 0) {
        batch_free(b);
        form_error(s, r, 503,
                   "The desk is running as many batches as it holds; try again when "
                   "one has finished.");
        r->retry_after = 10;
        return;
    }
    batch_free(old);

    if (b->completed == b->n_rows) {
        make_zip(b);
        b->done = true;
        b->finished_at = time(NULL);
    } else {
        int n = sv_pool_size(s->pool);
        for (int i = 0; i < n && i < 16; i++)
            if (pthread_create(&b->threads[b->n_threads], NULL, batch_thread, b) == 0)
                b->n_threads++;
    }
    r->status = 303;
    r->ctype = "text/plain; charset=utf-8";
    snprintf(r->location, sizeof r->location, "/batch/%s", b->id);
    gp_buf_puts(&r->body, "batch started\n");
}

/* GET pages ------------------------------------------------------------- */

static void status_page(sv_batch *b, size_t completed, size_t failed, bool done, gp_buf *o)
{
    gp_buf_puts(o, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    gp_buf_printf(o, "<title>Batch %s — guidepress desk</title>\n", done ? "finished" : "running");
    gp_buf_puts(o, "<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n"
                   "<a class=\"skip\" href=\"#main\">Skip to the results</a>\n"
                   "<header><p class=\"brand\">guidepress desk</p><nav aria-label=\"Desk\">"
                   "<a href=\"/\">One client</a><a href=\"/batch\" aria-current=\"page\">Batch</a>"
                   "</nav></header>\n<main id=\"main\">\n");
    gp_buf_printf(o, "<h1>Batch %s</h1>\n", done ? "finished" : "running");
    gp_buf_printf(o,
                  "<div class=\"panel\" id=\"batch\" data-status=\"/batch/%s/status\" "
                  "data-done=\"%d\"><label for=\"bar\">Guides made</label>"
                  "<progress id=\"bar\" max=\"%zu\" value=\"%zu\">%zu of %zu</progress>"
                  "<p id=\"batch-count\" aria-live=\"polite\">%zu of %zu rows done, %zu "
                  "failed.</p>",
                  b->id, done, b->n_rows, completed, completed, b->n_rows, completed, b->n_rows,
                  failed);
    if (done) {
        if (b->zip)
            gp_buf_printf(o,
                          "<p><a class=\"button primary\" href=\"/batch/%s/result.zip\" "
                          "download>Download the zip (%zu PDFs and report.json)</a></p>",
                          b->id, b->n_rows - failed);
        else
            gp_buf_puts(o, "<p>The zip could not be made (out of memory).</p>");
    } else {
        gp_buf_printf(o,
                      "<noscript><p><a href=\"/batch/%s\">Reload to see the progress</a></p>"
                      "</noscript>",
                      b->id);
    }
    gp_buf_puts(o, "</div>\n");
    if (done && failed) {
        gp_buf_puts(o, "<h2>Rows that failed</h2>\n<table><thead><tr><th scope=\"col\">Row</th>"
                       "<th scope=\"col\">Guide</th><th scope=\"col\">Errors</th></tr></thead>"
                       "<tbody>\n");
        for (size_t i = 0; i < b->n_rows; i++) {
            const brow *r = &b->rows[i];
            if (r->ok)
                continue;
            gp_buf_printf(o, "<tr><td>%ld (line %d)</td><td>", r->row, r->line);
            sv_html_escape(o, r->guide);
            gp_buf_puts(o, "</td><td><pre>");
            sv_html_escape(o, r->errors.data);
            gp_buf_puts(o, "</pre></td></tr>\n");
        }
        gp_buf_puts(o, "</tbody></table>\n");
    }
    gp_buf_puts(o, "<p><a href=\"/batch\">Start another batch</a></p>\n</main>\n"
                   "<script src=\"/app.js\"></script>\n</body>\n</html>\n");
}

bool sv_batch_get(sv_server *s, const char *url, sv_reply *r)
{
    if (strncmp(url, "/batch/", 7))
        return false;
    const char *id = url + 7;
    const char *rest = id + strspn(id, "0123456789abcdef");
    if (rest - id != 32 || (*rest && strcmp(rest, "/status") && strcmp(rest, "/result.zip")))
        return false;
    pthread_mutex_lock(&s->lock);
    sv_batch *b = NULL;
    for (int i = 0; i < SV_MAX_BATCHES; i++)
        if (s->batches[i] && !strncmp(s->batches[i]->id, id, 32))
            b = s->batches[i];
    if (b && b->done && time(NULL) - b->finished_at > KEEP_SECONDS)
        b = NULL; /* expired; freed when the slot is taken */
    if (!b) {
        pthread_mutex_unlock(&s->lock);
        r->status = 404;
        r->ctype = "text/html; charset=utf-8";
        sv_page_message("No such batch",
                        "This batch is not (or no longer) on the desk: batches are kept in "
                        "memory for 30 minutes.",
                        &r->body);
        return true;
    }
    size_t completed = b->completed, failed = b->failed;
    bool done = b->done;
    r->status = 200;
    if (!strcmp(rest, "/status")) {
        r->ctype = "application/json";
        gp_buf_printf(&r->body,
                      "{\"done\": %s, \"total\": %zu, \"completed\": %zu, \"failed\": %zu}\n",
                      done ? "true" : "false", b->n_rows, completed, failed);
    } else if (!strcmp(rest, "/result.zip")) {
        if (done && b->zip) {
            r->ctype = "application/zip";
            gp_buf_append(&r->body, b->zip, b->zip_len);
            snprintf(r->disposition, sizeof r->disposition,
                     "attachment; filename=\"guides-%.8s.zip\"", b->id);
        } else {
            r->status = 409;
            r->ctype = "text/html; charset=utf-8";
            sv_page_message("Not finished", "The batch has not finished yet.", &r->body);
        }
    } else {
        r->ctype = "text/html; charset=utf-8";
        status_page(b, completed, failed, done, &r->body);
    }
    pthread_mutex_unlock(&s->lock);
    return true;
}
