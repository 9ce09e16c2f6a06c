/* paint/haruload.c - gp_painter_haru_new() loads the libharu painter from
 * the module guidepress-haru.so (paint/haru/), so libharu is mapped only
 * by `--backend haru` and `--pdfa` with Cairo. */
#include <guidepress/paint.h>

#include "modules/api.h"

gp_painter *gp_painter_haru_new(const gp_paint_options *opt, gp_write_fn write, void *closure,
                                gp_diags *diags)
{
    gpmod_haru_painter_new_fn *fn;
    if (gp_module_fn_diag("haru", "gpmod_haru_painter_new", &fn, diags))
        return NULL;
    return fn(opt, write, closure, diags);
}
