/* tests/fuzz/fuzz.h - what every fuzz target shares: the entry point's
 * declaration, an invariant check that aborts (so libFuzzer and the replay
 * program both report it as a finding), and where the source tree is.
 *
 * A target is one C file with LLVMFuzzerTestOneInput (and optionally
 * LLVMFuzzerInitialize). It links either with libFuzzer (-DGP_FUZZ=ON,
 * clang) or with replay_main.c (ordinary builds, CTest). */
#ifndef GP_TESTS_FUZZ_H
#define GP_TESTS_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <guidepress/guidepress.h>

#ifndef GP_SOURCE_DIR
#error "GP_SOURCE_DIR must name the source tree (set by tests/fuzz.cmake)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken promise of the library is a finding: abort with the reason. */
#define FUZZ_ASSERT(cond)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond);      \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* Every diagnostic has a message, sane positions, and the error count
 * agrees with the list; a loader returned NULL exactly when there was an
 * error. Touches every string so ASan sees a dangling one. */
static inline void fuzz_check_diags(const gp_diags *d, int have_result)
{
    size_t n = gp_diags_count(d), errors = 0;
    for (size_t i = 0; i < n; i++) {
        const gp_diag *g = gp_diags_get(d, i);
        FUZZ_ASSERT(g != NULL);
        FUZZ_ASSERT(g->message != NULL && g->message[0] != '\0');
        FUZZ_ASSERT(g->line >= 0 && g->col >= 0);
        FUZZ_ASSERT(g->severity == GP_SEV_ERROR || g->severity == GP_SEV_WARNING);
        volatile size_t touch = 0;
        for (const char *s = g->message; *s; s++)
            touch += (unsigned char)*s;
        if (g->file)
            for (const char *s = g->file; *s; s++)
                touch += (unsigned char)*s;
        if (g->path)
            for (const char *s = g->path; *s; s++)
                touch += (unsigned char)*s;
        if (g->hint)
            for (const char *s = g->hint; *s; s++)
                touch += (unsigned char)*s;
        (void)touch;
        if (g->severity == GP_SEV_ERROR)
            errors++;
    }
    FUZZ_ASSERT(gp_diags_errors(d) >= errors);
    if (have_result >= 0)
        FUZZ_ASSERT(have_result ? gp_diags_errors(d) == 0 : gp_diags_errors(d) > 0);
}

/* Reads every byte of s (NULL allowed) so ASan checks the whole string. */
static inline size_t fuzz_touch(const char *s)
{
    size_t h = 0;
    if (s)
        for (; *s; s++)
            h = h * 31 + (unsigned char)*s;
    return h;
}

#endif
