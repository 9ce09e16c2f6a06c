/* tests/fuzz/fuzz_render.c - fuzz target: a whole render to memory.
 *
 * The input is a small guide. It is loaded, laid out in the shipped default
 * style with the bundled fonts and painted to a PDF in memory
 * (gp_render_to_memory). Inputs above MAX_INPUT bytes are skipped so one
 * execution stays bounded; the page limit is lowered to 40
 * for the same reason (the page-limit error path is then reachable too).
 * A render either succeeds with a complete PDF (header, %%EOF) and no
 * errors, or fails with errors and no output. The engine and the style are
 * built once per process, as a batch worker would. */
#include <string.h>

#include "fuzz.h"

/* 64 KiB: enough for a run long enough to show quadratic work (issue 21:
 * the old 4,096-byte cap hid the 12 KiB unbreakable word that took 0.3 s);
 * libFuzzer's -timeout then reports such slow paths. */
#define MAX_INPUT (64 * 1024)

static gp_engine *engine;
static gp_style *style;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    gp_limits lim;
    gp_limits_default(&lim);
    lim.max_pages = 40;
    gp_engine_options opt = {GP_SOURCE_DIR, &lim};
    gp_diags *d = gp_diags_new();
    engine = gp_engine_new(&opt, d);
    style = engine ? gp_style_load_named("default", gp_engine_styles_dir(engine),
                                         gp_engine_limits(engine), d)
                   : NULL;
    if (!engine || !style) {
        fprintf(stderr, "fuzz_render: cannot set up the engine or the default style\n");
        abort();
    }
    gp_diags_free(d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT)
        return 0;
    gp_diags *d = gp_diags_new();
    if (!d)
        return 0;
    gp_guide *g = gp_guide_load_memory((const char *)data, size, "fuzz-render.yaml",
                                       gp_engine_limits(engine), d);
    fuzz_check_diags(d, g != NULL);
    if (g) {
        gp_diags_clear(d);
        unsigned char *pdf = NULL;
        size_t len = 0;
        int rc = gp_render_to_memory(engine, g, style, GP_FORMAT_PDF, &pdf, &len, d);
        fuzz_check_diags(d, rc == 0);
        if (rc == 0) {
            FUZZ_ASSERT(pdf != NULL && len > 20);
            FUZZ_ASSERT(memcmp(pdf, "%PDF-1.", 7) == 0);
            /* Cairo ends the file with "%%EOF" and a newline. */
            FUZZ_ASSERT(memcmp(pdf + len - 6, "%%EOF\n", 6) == 0);
        } else {
            FUZZ_ASSERT(pdf == NULL && len == 0);
        }
        free(pdf);
    }
    gp_guide_free(g);
    gp_diags_free(d);
    return 0;
}
