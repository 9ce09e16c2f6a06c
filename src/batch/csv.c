/* batch/csv.c - the RFC 4180 reader behind mail merge (see csv.h for what
 * is accepted and refused and why it lives in the library).
 *
 * One pass over the bytes with a small state machine. Field text goes into
 * one arena together with the field and record arrays, so a table is freed
 * at once. The whole input is checked for valid UTF-8 and NUL bytes first,
 * so the state machine only deals with structure. */
#include "batch/csv.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "base/arena.h"
#include "base/util.h"

struct gp_csv {
    gp_arena *arena;
    char *file;
    gp_csv_record *records;
    size_t n_records;
};

typedef struct field_pos {
    size_t off, len; /* in the text buffer */
    int line, col;
} field_pos;

typedef struct rec_pos {
    size_t first, n;
    int line;
} rec_pos;

typedef struct parser {
    const char *file;
    gp_diags *diags;
    gp_buf text; /* every field's bytes, each followed by a NUL */
    field_pos *fields;
    size_t n_fields, cap_fields;
    rec_pos *recs;
    size_t n_recs, cap_recs;
    bool nomem;
} parser;

static void error_at(parser *p, gp_code code, int line, int col, const char *hint, const char *msg)
{
    gp_diags_add(p->diags, code, GP_SEV_ERROR, p->file, line, col, NULL, hint, "%s", msg);
}

/* Line and column (1-based, columns in code points) of byte offset off. */
static void position_of(const char *s, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '\n' || (ch == '\r' && s[i + 1] != '\n')) {
            l++;
            c = 1;
        } else if (ch != '\r' && (ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static bool grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 64;
    while (nc < need)
        nc *= 2;
    void *n = gp_realloc(*arr, nc * elem);
    if (!n)
        return false;
    *arr = n;
    *cap = nc;
    return true;
}

static bool begin_record(parser *p, int line)
{
    if (p->n_recs == GP_CSV_MAX_RECORDS) {
        char msg[96];
        snprintf(msg, sizeof msg, "more than %d records in the CSV file; split it",
                 GP_CSV_MAX_RECORDS);
        error_at(p, GP_ERR_LIMIT, line, 1, NULL, msg);
        return false;
    }
    if (!grow((void **)&p->recs, &p->cap_recs, p->n_recs + 1, sizeof *p->recs)) {
        p->nomem = true;
        return false;
    }
    p->recs[p->n_recs++] = (rec_pos){p->n_fields, 0, line};
    return true;
}

static bool begin_field(parser *p, int line, int col)
{
    rec_pos *r = &p->recs[p->n_recs - 1];
    if (r->n == GP_CSV_MAX_FIELDS) {
        char msg[96];
        snprintf(msg, sizeof msg, "a record has more than %d fields", GP_CSV_MAX_FIELDS);
        error_at(p, GP_ERR_LIMIT, line, col, NULL, msg);
        return false;
    }
    if (p->n_fields == GP_CSV_MAX_CELLS) {
        char msg[96];
        snprintf(msg, sizeof msg, "more than %d fields in the CSV file; split it",
                 GP_CSV_MAX_CELLS);
        error_at(p, GP_ERR_LIMIT, line, col, NULL, msg);
        return false;
    }
    if (!grow((void **)&p->fields, &p->cap_fields, p->n_fields + 1, sizeof *p->fields)) {
        p->nomem = true;
        return false;
    }
    p->fields[p->n_fields++] = (field_pos){p->text.len, 0, line, col};
    r->n++;
    return true;
}

static bool end_field(parser *p)
{
    field_pos *f = &p->fields[p->n_fields - 1];
    f->len = p->text.len - f->off;
    if (f->len > GP_CSV_MAX_FIELD_BYTES) {
        char msg[96];
        snprintf(msg, sizeof msg, "a field is longer than %zu bytes", GP_CSV_MAX_FIELD_BYTES);
        error_at(p, GP_ERR_LIMIT, f->line, f->col, NULL, msg);
        return false;
    }
    gp_buf_append(&p->text, "", 1);
    if (p->text.failed) {
        p->nomem = true;
        return false;
    }
    return true;
}

static bool is_eol(const char *s, size_t i, size_t len)
{
    (void)len;
    return s[i] == '\n' || s[i] == '\r';
}

/* Length of the line end at i (1 or 2 for CRLF). */
static size_t eol_len(const char *s, size_t i, size_t len)
{
    return s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
}

/* The state machine. Returns 0 or -1 after reporting. */
static int run(parser *p, const char *s, size_t len, size_t start)
{
    int line = 1, col = 1;
    size_t i = start;
    while (i < len) {
        /* Start of a record: skip empty lines. */
        if (is_eol(s, i, len)) {
            i += eol_len(s, i, len);
            line++;
            col = 1;
            continue;
        }
        if (!begin_record(p, line))
            return -1;
        for (;;) { /* one field per iteration */
            if (!begin_field(p, line, col))
                return -1;
            /* Blanks, then maybe an opening quote. */
            size_t j = i;
            while (j < len && (s[j] == ' ' || s[j] == '\t'))
                j++;
            if (j < len && s[j] == '"') {
                int qline = line, qcol = col + (int)(j - i);
                p->fields[p->n_fields - 1].line = qline;
                p->fields[p->n_fields - 1].col = qcol;
                col = qcol + 1;
                i = j + 1;
                for (;;) {
                    if (i >= len) {
                        error_at(p, GP_ERR_SYNTAX, qline, qcol,
                                 "a quoted field ends at the next quote that is not doubled",
                                 "this quoted field is never closed");
                        return -1;
                    }
                    char ch = s[i];
                    if (ch == '"') {
                        if (i + 1 < len && s[i + 1] == '"') {
                            gp_buf_append(&p->text, "\"", 1);
                            i += 2;
                            col += 2;
                            continue;
                        }
                        i++;
                        col++;
                        break;
                    }
                    if (ch == '\r' || ch == '\n') {
                        size_t n = eol_len(s, i, len);
                        gp_buf_append(&p->text, "\n", 1);
                        i += n;
                        line++;
                        col = 1;
                        continue;
                    }
                    /* Copy a run of ordinary bytes at once. */
                    size_t k = i;
                    while (k < len && s[k] != '"' && s[k] != '\r' && s[k] != '\n') {
                        if (((unsigned char)s[k] & 0xC0) != 0x80)
                            col++;
                        k++;
                    }
                    gp_buf_append(&p->text, s + i, k - i);
                    i = k;
                }
                while (i < len && (s[i] == ' ' || s[i] == '\t')) {
                    i++;
                    col++;
                }
                if (i < len && s[i] != ',' && !is_eol(s, i, len)) {
                    error_at(p, GP_ERR_SYNTAX, line, col,
                             "a quote inside a quoted field is written twice: \"\"",
                             "unexpected text after the closing quote of a field");
                    return -1;
                }
            } else {
                size_t k = i;
                while (k < len && s[k] != ',' && !is_eol(s, k, len)) {
                    if (s[k] == '"') {
                        error_at(p, GP_ERR_SYNTAX, line, col,
                                 "put the whole field in quotes and write each quote twice: "
                                 "\"say \"\"hi\"\"\"",
                                 "a quote inside an unquoted field");
                        return -1;
                    }
                    if (((unsigned char)s[k] & 0xC0) != 0x80)
                        col++;
                    k++;
                }
                gp_buf_append(&p->text, s + i, k - i);
                i = k;
            }
            if (!end_field(p))
                return -1;
            if (i < len && s[i] == ',') {
                i++;
                col++;
                continue; /* another field; a trailing comma gives an empty one */
            }
            break;
        }
        if (i < len) { /* at a line end */
            i += eol_len(s, i, len);
            line++;
            col = 1;
        }
    }
    return 0;
}

static gp_csv *build(parser *p)
{
    gp_csv *c = gp_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->arena = gp_arena_new();
    char *text = p->text.len ? gp_arena_alloc(c->arena, p->text.len) : NULL;
    gp_csv_field *fields =
        p->n_fields ? gp_arena_alloc(c->arena, p->n_fields * sizeof *fields) : NULL;
    c->records = p->n_recs ? gp_arena_alloc(c->arena, p->n_recs * sizeof *c->records) : NULL;
    c->file = p->file ? gp_arena_strdup(c->arena, p->file) : NULL;
    if (!c->arena || (p->text.len && !text) || (p->n_fields && !fields) ||
        (p->n_recs && !c->records) || (p->file && !c->file)) {
        gp_csv_free(c);
        return NULL;
    }
    if (p->text.len)
        memcpy(text, p->text.data, p->text.len);
    for (size_t k = 0; k < p->n_fields; k++)
        fields[k] = (gp_csv_field){text + p->fields[k].off, p->fields[k].len, p->fields[k].line,
                                   p->fields[k].col};
    for (size_t k = 0; k < p->n_recs; k++)
        c->records[k] = (gp_csv_record){fields + p->recs[k].first, p->recs[k].n, p->recs[k].line};
    c->n_records = p->n_recs;
    return c;
}

gp_csv *gp_csv_parse(const char *data, size_t len, const char *file, gp_diags *diags)
{
    parser p = {0};
    p.file = file;
    p.diags = diags;
    if (len > GP_CSV_MAX_BYTES) {
        error_at(&p, GP_ERR_LIMIT, 0, 0, NULL, "the CSV file is larger than 64 MiB");
        return NULL;
    }
    size_t bad = gp_utf8_check(data, len);
    const char *nul = memchr(data, '\0', bad);
    if (nul || bad < len) {
        size_t off = nul ? (size_t)(nul - data) : bad;
        int line, col;
        position_of(data, off, &line, &col);
        error_at(&p, nul ? GP_ERR_SYNTAX : GP_ERR_UTF8, line, col,
                 nul ? NULL : "save the file as UTF-8 (in a spreadsheet: CSV UTF-8)",
                 nul ? "a NUL byte in the CSV file" : "invalid UTF-8 in the CSV file");
        return NULL;
    }
    size_t start = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3) ? 3 : 0;
    gp_csv *c = NULL;
    if (run(&p, data, len, start) == 0 && !p.nomem)
        c = build(&p);
    if (!c && (p.nomem || gp_diags_errors(diags) == 0))
        error_at(&p, GP_ERR_NOMEM, 0, 0, NULL, "out of memory while reading the CSV file");
    gp_buf_free(&p.text);
    gp_free(p.fields);
    gp_free(p.recs);
    return c;
}

gp_csv *gp_csv_load_file(const char *path, gp_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    int r = gp_file_read_input(path, GP_CSV_MAX_BYTES, &data, &len);
    if (r == -2) {
        gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "the CSV file is larger than 64 MiB");
        return NULL;
    }
    if (r != 0) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot read the CSV file: %s", gp_file_strerror(r, errno));
        return NULL;
    }
    gp_csv *c = gp_csv_parse(data, len, path, diags);
    gp_free(data);
    return c;
}

void gp_csv_free(gp_csv *c)
{
    if (!c)
        return;
    gp_arena_free(c->arena);
    gp_free(c);
}

size_t gp_csv_count(const gp_csv *c)
{
    return c ? c->n_records : 0;
}

const gp_csv_record *gp_csv_record_at(const gp_csv *c, size_t i)
{
    return c && i < c->n_records ? &c->records[i] : NULL;
}

const char *gp_csv_file(const gp_csv *c)
{
    return c ? c->file : NULL;
}

/* s without surrounding blanks, as a length-bounded view. */
static void trim_view(const char *s, size_t len, const char **out, size_t *out_len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *out = s;
    *out_len = len;
}

int gp_csv_map_columns(const gp_csv *c, const gp_csv_column *cols, size_t n_cols, int *index,
                       gp_diags *diags)
{
    const char *file = gp_csv_file(c);
    for (size_t k = 0; k < n_cols; k++)
        index[k] = -1;
    const gp_csv_record *h = gp_csv_record_at(c, 0);
    if (!h) {
        gp_diags_add(diags, GP_ERR_REQUIRED, GP_SEV_ERROR, file, 1, 1, NULL, NULL,
                     "the CSV file is empty: the first line must name the columns");
        return -1;
    }
    int rc = 0;
    const char **names = gp_malloc((n_cols ? n_cols : 1) * sizeof *names);
    if (!names) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, file, 0, 0, NULL, NULL, "out of memory");
        return -1;
    }
    for (size_t k = 0; k < n_cols; k++)
        names[k] = cols[k].name;
    for (size_t f = 0; f < h->n_fields; f++) {
        const gp_csv_field *fd = &h->fields[f];
        const char *name;
        size_t nl;
        trim_view(fd->s, fd->len, &name, &nl);
        size_t k = 0;
        while (k < n_cols && !(strlen(cols[k].name) == nl && !memcmp(cols[k].name, name, nl)))
            k++;
        if (k < n_cols && index[k] < 0) {
            index[k] = (int)f;
            continue;
        }
        rc = -1;
        if (k < n_cols) {
            gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, file, fd->line, fd->col, NULL, NULL,
                         "column `%s` appears twice (first as column %d)", cols[k].name,
                         index[k] + 1);
            continue;
        }
        char *word = gp_strndup(name, nl);
        const char *near = word && nl ? gp_suggest(word, names, n_cols) : NULL;
        gp_buf hint = {0};
        if (near) {
            gp_buf_printf(&hint, "did you mean `%s`?", near);
        } else {
            gp_buf_puts(&hint, "the columns are");
            for (size_t k2 = 0; k2 < n_cols; k2++)
                gp_buf_printf(&hint, "%s %s", k2 ? "," : "", cols[k2].name);
        }
        if (nl == 0)
            gp_diags_add(diags, GP_ERR_UNKNOWN_KEY, GP_SEV_ERROR, file, fd->line, fd->col, NULL,
                         NULL, "column %zu has no name", f + 1);
        else
            gp_diags_add(diags, GP_ERR_UNKNOWN_KEY, GP_SEV_ERROR, file, fd->line, fd->col, NULL,
                         hint.data, "unknown column `%s`", word ? word : "?");
        gp_free(word);
        gp_buf_free(&hint);
    }
    for (size_t k = 0; k < n_cols; k++)
        if (cols[k].required && index[k] < 0) {
            gp_diags_add(diags, GP_ERR_REQUIRED, GP_SEV_ERROR, file, h->line, 1, NULL, NULL,
                         "missing required column `%s`", cols[k].name);
            rc = -1;
        }
    gp_free(names);
    return rc;
}
