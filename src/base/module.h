/* base/module.h - plug-in modules: the parts of guidepress that need a
 * large library which most renders never use.
 *
 * libharu (the third PDF painter), libqpdf (the Cairo/libharu fix-ups and
 * attachments), librsvg (SVG logos), GMime (--eml) and libical (--ics)
 * with what they bring were 23 of the program's 75 shared libraries. Each
 * is wrapped in a small shared object,
 * guidepress-<name>.so, that is dlopen'ed the first time a render needs
 * it, so a plain render does not pay for mapping and relocating them
 * before main (issue 14).
 *
 * A module is found, in order:
 * - in $GUIDEPRESS_MODULE_DIR when that is set (and only there);
 * - relative to the file that holds this code (dladdr): <dir>/guidepress
 *   beside libguidepress.so in <prefix>/lib, or <prefix>/bin/GP_MODULE_RELDIR
 *   for the program (lib/guidepress, as installed);
 * - in the build tree the program was built in (GP_BUILD_MODULE_DIR);
 * - in the configured install folder (GP_INSTALL_MODULE_DIR), which is
 *   what a program linked with the static libguidepress.a finds.
 * A module from another build is refused (gpmod_abi must match).
 *
 * A module is a copy of the few helpers it uses (alloc, buffers, diags,
 * painter errors), linked in with hidden symbols, plus its entry points,
 * which are named gpmod_* and are its only exports. */
#ifndef GP_BASE_MODULE_H
#define GP_BASE_MODULE_H

#include <stddef.h>

#include <guidepress/guidepress.h>

/* Changes whenever a structure passed to a module changes; the version
 * string guards against modules from another release. */
#define GP_MODULE_ABI "guidepress-module-1 " GP_VERSION_STRING

/* The address of symbol in module name ("haru", "qpdf", "svg", "mail",
 * "ics"; cmake/modules.cmake), loading the
 * module on first use (thread-safe; modules are never unloaded). NULL when
 * the module cannot be loaded, with the reason in err: it names the module
 * file and where it was looked for. */
void *gp_module_sym(const char *name, const char *symbol, char *err, size_t cap);

/* Stores the function symbol of module name into *fnptr (a function
 * pointer variable: ISO C has no cast from void * to it). 0, or -1 with
 * the reason in err. */
int gp_module_fn(const char *name, const char *symbol, void *fnptr, char *err, size_t cap);

/* The same, the reason becoming a GP_ERR_IO diagnostic. */
int gp_module_fn_diag(const char *name, const char *symbol, void *fnptr, gp_diags *diags);

#endif
