/* tests/fuzz/fuzz_csv.c - fuzz target: the mail-merge CSV reader.
 *
 * The input is a CSV file. gp_csv_parse must return a table or an error
 * (never both, never neither), and a table must keep csv.h's promises:
 * every record has at least one field, every field is NUL-terminated at
 * len with no NUL inside, within the field limits, with 1-based positions
 * that never go backwards. The header row is then matched against a
 * column list like the batch command's. */
#include <string.h>

#include "fuzz.h"
#include "batch/csv.h"

static const gp_csv_column COLUMNS[] = {
    {"guide", true}, {"prepared_for", false}, {"prepared_by", false},
    {"date", false}, {"output", false},       {"style", false},
};
#define N_COLUMNS (sizeof COLUMNS / sizeof *COLUMNS)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gp_diags *d = gp_diags_new();
    if (!d)
        return 0;
    gp_csv *c = gp_csv_parse((const char *)data, size, "fuzz.csv", d);
    fuzz_check_diags(d, c != NULL);
    if (c) {
        FUZZ_ASSERT(gp_csv_file(c) && !strcmp(gp_csv_file(c), "fuzz.csv"));
        size_t n = gp_csv_count(c);
        int last_line = 0;
        for (size_t i = 0; i < n; i++) {
            const gp_csv_record *r = gp_csv_record_at(c, i);
            FUZZ_ASSERT(r != NULL && r->n_fields >= 1 && r->n_fields <= GP_CSV_MAX_FIELDS);
            FUZZ_ASSERT(r->line > last_line);
            last_line = r->line;
            for (size_t k = 0; k < r->n_fields; k++) {
                const gp_csv_field *f = &r->fields[k];
                FUZZ_ASSERT(f->s != NULL && f->s[f->len] == '\0' && strlen(f->s) == f->len);
                FUZZ_ASSERT(f->len <= GP_CSV_MAX_FIELD_BYTES);
                FUZZ_ASSERT(f->line >= r->line && f->col >= 1);
            }
        }
        FUZZ_ASSERT(gp_csv_record_at(c, n) == NULL);
        if (n > 0) {
            int index[N_COLUMNS];
            gp_diags_clear(d);
            int rc = gp_csv_map_columns(c, COLUMNS, N_COLUMNS, index, d);
            fuzz_check_diags(d, rc == 0);
            if (rc == 0)
                for (size_t k = 0; k < N_COLUMNS; k++)
                    FUZZ_ASSERT(index[k] >= -1 && index[k] < (int)gp_csv_record_at(c, 0)->n_fields);
        }
    }
    gp_csv_free(c);
    gp_diags_free(d);
    return 0;
}
