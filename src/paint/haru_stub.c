/* paint/haru_stub.c - placeholder until the libharu painter lands. */
#include <guidepress/paint.h>

gp_painter *gp_painter_haru_new(const gp_paint_options *opt, gp_write_fn write, void *closure,
                                gp_diags *diags)
{
    (void)opt;
    (void)write;
    (void)closure;
    gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                 "the libharu painter is not available in this build");
    return NULL;
}
