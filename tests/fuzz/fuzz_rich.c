/* tests/fuzz/fuzz_rich.c - fuzz target: the rich-text markup parser.
 *
 * The input is a prose field's text. gp_rich_parse must keep its promises
 * (rich.h): no empty paragraph, no empty run, no newline, tab or CR inside a run,
 * every link URL passes gp_url_ok, adjacent runs differ in style or link,
 * and the source is kept byte for byte. gp_url_ok is also run on the raw
 * input. */
#include <string.h>

#include "fuzz.h"
#include "model/rich.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    /* The parser gets YAML scalars, which never hold a NUL (ytree refuses
     * them): stop at the first one. */
    size = strnlen(src, size);
    (void)gp_url_ok(src, size);
    gp_arena *a = gp_arena_new();
    if (!a)
        return 0;
    gp_rich r;
    memset(&r, 0, sizeof r);
    if (gp_rich_parse(a, src, size, &r) == 0) {
        FUZZ_ASSERT(r.source != NULL && memcmp(r.source, src, size) == 0);
        for (size_t p = 0; p < r.n_paras; p++) {
            const gp_para *para = &r.paras[p];
            FUZZ_ASSERT(para->n_runs > 0);
            for (size_t k = 0; k < para->n_runs; k++) {
                const gp_run *run = &para->runs[k];
                FUZZ_ASSERT(run->text != NULL && run->text[0] != '\0');
                FUZZ_ASSERT(strpbrk(run->text, "\n\r\t") == NULL); /* white space collapsed */
                FUZZ_ASSERT((run->flags & ~(unsigned)(GP_RUN_BOLD | GP_RUN_ITALIC)) == 0);
                if (run->url)
                    FUZZ_ASSERT(gp_url_ok(run->url, strlen(run->url)));
                if (k > 0) {
                    const gp_run *prev = &para->runs[k - 1];
                    bool same_url = prev->url == run->url ||
                                    (prev->url && run->url && !strcmp(prev->url, run->url));
                    /* Two links to the same URL may sit side by side. */
                    FUZZ_ASSERT(prev->flags != run->flags || !same_url || run->url);
                }
            }
        }
    }
    gp_arena_free(a);
    return 0;
}
