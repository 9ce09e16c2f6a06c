/* modules/abi.c - linked into every module: the build it belongs to, which
 * base/module.c compares with its own before using the module. */
#include "modules/api.h"

const char gpmod_abi[] = GP_MODULE_ABI;
