/* engine/postload.c - gp_pdf_postprocess() runs post.c from the module
 * guidepress-qpdf.so, so libqpdf (and the C++ runtime and GnuTLS it brings)
 * is mapped only by renders that use it: Cairo and libharu PDF output and
 * --attach-source. */
#include "engine/engine.h"

#include "modules/api.h"

int gp_pdf_postprocess(gp_buf *pdf, const gp_post_options *opt, gp_diags *diags)
{
    gpmod_pdf_postprocess_fn *fn;
    if (gp_module_fn_diag("qpdf", "gpmod_pdf_postprocess", &fn, diags))
        return -1;
    return fn(pdf, opt, diags);
}
