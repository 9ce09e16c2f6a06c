/* base/datadir.c - where the bundled fonts and shipped styles live.
 *
 * An installed guidepress keeps them in <prefix>/share/guidepress and must
 * find them wherever the prefix was put (a .deb under /usr, a tarball under
 * /opt, a test's temporary prefix), so the folder is found at run time
 * relative to the library itself: dladdr() names the file that holds this
 * code (libguidepress.so, or the program when linked statically, then
 * read from /proc/self/exe since dladdr gives its argv[0]), and
 * <that folder>/../share/guidepress is used when it holds fonts/ and
 * styles/. A program run from the build tree falls back to the source tree
 * it was built from, and last to the configured install folder. The
 * GUIDEPRESS_DATA_DIR environment variable, checked by the engine, comes
 * before all of these. */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"

#ifndef GP_BUILD_DATA_DIR
#define GP_BUILD_DATA_DIR "."
#endif
#ifndef GP_INSTALL_DATA_DIR
#define GP_INSTALL_DATA_DIR "/usr/local/share/guidepress"
#endif

static char found[PATH_MAX];
static char styles[PATH_MAX + 8];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* True when dir holds fonts/ and styles/. */
static bool holds_data(const char *dir)
{
    char p[PATH_MAX];
    if (snprintf(p, sizeof p, "%s/fonts", dir) >= (int)sizeof p || !is_dir(p))
        return false;
    if (snprintf(p, sizeof p, "%s/styles", dir) >= (int)sizeof p || !is_dir(p))
        return false;
    return true;
}

/* The file that holds this code, as an absolute path in self. dladdr()
 * names the shared library; for a program linked statically it gives the
 * program as it was started (argv[0]: a bare "guidepress" when found
 * through PATH), so the kernel's /proc/self/exe is asked then. */
bool gp_code_file(char *self)
{
    Dl_info info;
    if (!dladdr((const void *)&once, &info) || !info.dli_fname)
        return false;
    if (strchr(info.dli_fname, '/'))
        return realpath(info.dli_fname, self) != NULL;
    return realpath("/proc/self/exe", self) != NULL;
}

static void resolve(void)
{
    char self[PATH_MAX];
    if (gp_code_file(self)) {
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0'; /* <prefix>/lib[/multiarch] or <prefix>/bin */
            char cand[PATH_MAX];
            for (int up = 1; up <= 2; up++) {
                int n = snprintf(cand, sizeof cand, "%s/%s/share/guidepress", self,
                                 up == 1 ? ".." : "../..");
                char real[PATH_MAX];
                if (n < (int)sizeof cand && realpath(cand, real) && holds_data(real)) {
                    snprintf(found, sizeof found, "%s", real);
                    return;
                }
            }
        }
    }
    if (holds_data(GP_BUILD_DATA_DIR)) {
        snprintf(found, sizeof found, "%s", GP_BUILD_DATA_DIR);
        return;
    }
    snprintf(found, sizeof found, "%s", GP_INSTALL_DATA_DIR);
}

static void resolve_all(void)
{
    resolve();
    snprintf(styles, sizeof styles, "%s/styles", found);
}

const char *gp_data_dir_default(void)
{
    pthread_once(&once, resolve_all);
    return found;
}

const char *gp_data_dir_styles(void)
{
    pthread_once(&once, resolve_all);
    return styles;
}
