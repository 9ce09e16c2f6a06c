/* base/module.c - finds and loads plug-in modules (see module.h). */
#define _GNU_SOURCE 1
#include "base/module.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"

#ifndef GP_MODULE_RELDIR
#define GP_MODULE_RELDIR "../lib/guidepress"
#endif
#ifndef GP_BUILD_MODULE_DIR
#define GP_BUILD_MODULE_DIR ""
#endif
#ifndef GP_INSTALL_MODULE_DIR
#define GP_INSTALL_MODULE_DIR "/usr/local/lib/guidepress"
#endif

typedef struct loaded {
    char name[16];
    void *handle;
    char path[PATH_MAX];
} loaded;

static loaded mods[8];
static size_t n_mods;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The folder of the file holding this code (program or libguidepress.so). */
static bool self_dir(char *out, size_t cap)
{
    char self[PATH_MAX];
    if (!gp_code_file(self)) /* not dladdr alone: a static program's is its argv[0] */
        return false;
    char *slash = strrchr(self, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return snprintf(out, cap, "%s", self) < (int)cap;
}

/* Tries dir/guidepress-<name>.so; appends dir to tried. */
static void *try_dir(const char *dir, const char *name, char *path, char *tried, size_t tcap,
                     char *why, size_t wcap)
{
    if (!dir || !*dir)
        return NULL;
    char real[PATH_MAX];
    if (realpath(dir, real)) /* <prefix>/bin/../lib/guidepress -> <prefix>/lib/guidepress */
        dir = real;
    size_t tl = strlen(tried);
    snprintf(tried + tl, tcap - tl, "%s%s", tl ? ", " : "", dir);
    if (snprintf(path, PATH_MAX, "%s/guidepress-%s.so", dir, name) >= PATH_MAX ||
        access(path, F_OK))
        return NULL;
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(why, wcap, "%s", e ? e : "dlopen failed");
        return NULL;
    }
    const char *abi = dlsym(h, "gpmod_abi");
    if (!abi || strcmp(abi, GP_MODULE_ABI)) {
        snprintf(why, wcap, "%s is from another guidepress build (%s, wanted %s)", path,
                 abi ? abi : "no gpmod_abi", GP_MODULE_ABI);
        dlclose(h);
        return NULL;
    }
    return h;
}

static loaded *load(const char *name, char *err, size_t cap)
{
    for (size_t i = 0; i < n_mods; i++)
        if (!strcmp(mods[i].name, name))
            return &mods[i];
    if (n_mods == sizeof mods / sizeof *mods || strlen(name) >= sizeof mods[0].name) {
        snprintf(err, cap, "cannot load module %s: too many modules", name);
        return NULL;
    }
    loaded *m = &mods[n_mods];
    char tried[4 * PATH_MAX] = "";
    char why[512] = "";
    void *h = NULL;
    const char *env = getenv("GUIDEPRESS_MODULE_DIR");
    if (env && *env) {
        h = try_dir(env, name, m->path, tried, sizeof tried, why, sizeof why);
    } else {
        char dir[PATH_MAX], cand[PATH_MAX + 64];
        if (self_dir(dir, sizeof dir)) {
            /* <prefix>/lib/libguidepress.so -> <prefix>/lib/guidepress */
            snprintf(cand, sizeof cand, "%s/guidepress", dir);
            h = try_dir(cand, name, m->path, tried, sizeof tried, why, sizeof why);
            /* <prefix>/bin/guidepress -> <prefix>/<libdir>/guidepress */
            if (!h && !*why) {
                snprintf(cand, sizeof cand, "%s/%s", dir, GP_MODULE_RELDIR);
                h = try_dir(cand, name, m->path, tried, sizeof tried, why, sizeof why);
            }
        }
        if (!h && !*why)
            h = try_dir(GP_BUILD_MODULE_DIR, name, m->path, tried, sizeof tried, why, sizeof why);
        if (!h && !*why)
            h = try_dir(GP_INSTALL_MODULE_DIR, name, m->path, tried, sizeof tried, why, sizeof why);
    }
    if (!h) {
        if (*why)
            snprintf(err, cap, "cannot load module guidepress-%s.so: %s", name, why);
        else
            snprintf(err, cap,
                     "module guidepress-%s.so is not installed (looked in %s; "
                     "GUIDEPRESS_MODULE_DIR names another folder)",
                     name, tried);
        return NULL;
    }
    snprintf(m->name, sizeof m->name, "%s", name);
    m->handle = h;
    n_mods++;
    return m;
}

void *gp_module_sym(const char *name, const char *symbol, char *err, size_t cap)
{
    pthread_mutex_lock(&lock);
    loaded *m = load(name, err, cap);
    void *sym = NULL;
    if (m) {
        sym = dlsym(m->handle, symbol);
        if (!sym)
            snprintf(err, cap, "module %s has no %s (a module from another build?)", m->path,
                     symbol);
    }
    pthread_mutex_unlock(&lock);
    return sym;
}

int gp_module_fn(const char *name, const char *symbol, void *fnptr, char *err, size_t cap)
{
    void *sym = gp_module_sym(name, symbol, err, cap);
    if (!sym)
        return -1;
    _Static_assert(sizeof(void (*)(void)) == sizeof sym, "POSIX: function and data pointers agree");
    memcpy(fnptr, &sym, sizeof sym);
    return 0;
}

int gp_module_fn_diag(const char *name, const char *symbol, void *fnptr, gp_diags *diags)
{
    char err[PATH_MAX * 2];
    if (!gp_module_fn(name, symbol, fnptr, err, sizeof err))
        return 0;
    gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "%s", err);
    return -1;
}
