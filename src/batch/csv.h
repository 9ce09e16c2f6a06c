/* batch/csv.h - an RFC 4180 CSV reader, for mail-merge client lists.
 *
 * Mail-merge files come from spreadsheets, so they carry quoted fields with
 * commas, doubled quotes and line breaks inside, a UTF-8 byte-order mark,
 * CRLF line ends and the odd blank line. The reader lives in the library
 * (not the CLI) so that a fuzzer can reach it. It never prints: every
 * problem is a gp_diag at file:line:col (1-based; columns count code
 * points), and invalid UTF-8 or NUL bytes are refused rather than passed on
 * to the typesetter.
 *
 * Accepted beyond the strict RFC, because spreadsheets and people write
 * them: LF or lone CR line ends as well as CRLF (a CRLF inside a quoted field
 * becomes LF), a missing line end at the end of the file, blanks before an
 * opening quote and after a closing one, and empty lines (skipped). Refused:
 * a quote inside an unquoted field, text after a closing quote, an
 * unterminated quoted field (reported where it opened). Records may have
 * different numbers of fields; the caller decides what that means. */
#ifndef GP_BATCH_CSV_H
#define GP_BATCH_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/error.h>

/* Limits, so that a hostile file is refused quickly instead of exhausting
 * memory (a table costs about 50 bytes per field besides the text: the
 * limits below bound it near 400 MB; a merge of a million clients fits). */
#define GP_CSV_MAX_BYTES       ((size_t)64 << 20) /* whole file: 64 MiB */
#define GP_CSV_MAX_RECORDS     1000000            /* records, header included */
#define GP_CSV_MAX_CELLS       8000000            /* fields in all records */
#define GP_CSV_MAX_FIELDS      1024               /* fields in one record */
#define GP_CSV_MAX_FIELD_BYTES ((size_t)1 << 20)  /* one field: 1 MiB */

typedef struct gp_csv_field {
    const char *s; /* NUL-terminated, valid UTF-8, no NUL inside */
    size_t len;
    int line, col; /* where the field starts (its opening quote if quoted) */
} gp_csv_field;

typedef struct gp_csv_record {
    const gp_csv_field *fields;
    size_t n_fields; /* at least 1 */
    int line;        /* line the record starts on */
} gp_csv_record;

typedef struct gp_csv gp_csv;

/* Parses len bytes of CSV. file names the source in diagnostics (may be
 * NULL). Returns a table you own (free with gp_csv_free), or NULL with an
 * error in diags. An empty input gives a table with no records. */
gp_csv *gp_csv_parse(const char *data, size_t len, const char *file, gp_diags *diags);

/* Reads and parses a file; NULL with a GP_ERR_IO or parse error. */
gp_csv *gp_csv_load_file(const char *path, gp_diags *diags);

void gp_csv_free(gp_csv *c); /* NULL-safe */

/* Number of records, the header row included. */
size_t gp_csv_count(const gp_csv *c);

/* Record i (0 is the header row); NULL when i is out of range. */
const gp_csv_record *gp_csv_record_at(const gp_csv *c, size_t i);

/* The file name given to the parser, or NULL. Owned by the table. */
const char *gp_csv_file(const gp_csv *c);

/* A column a caller understands. */
typedef struct gp_csv_column {
    const char *name;
    bool required;
} gp_csv_column;

/* Matches the header row (record 0) against the known columns: index[k]
 * receives the field index of cols[k] or -1 when that optional column is
 * absent. Header names are compared without surrounding blanks, case-
 * sensitively. Reports every unknown column (with a "did you mean" hint),
 * duplicate column, and missing required column (at line 1) as errors, and
 * returns -1 if there was any; 0 otherwise. */
int gp_csv_map_columns(const gp_csv *c, const gp_csv_column *cols, size_t n_cols, int *index,
                       gp_diags *diags);

#endif
