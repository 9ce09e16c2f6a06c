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

/* The public copy-in, copy-out form (guidepress.h). */
int gp_pdf_postprocess_copy(const unsigned char *in, size_t in_len, const gp_post_options *opt,
                            unsigned char **out, size_t *out_len, gp_diags *diags)
{
    *out = NULL;
    *out_len = 0;
    gp_buf b = {0};
    gp_buf_append(&b, (const char *)in, in_len);
    if (b.failed) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        gp_buf_free(&b);
        return -1;
    }
    if (gp_pdf_postprocess(&b, opt, diags)) {
        gp_buf_free(&b);
        return -1;
    }
    *out = (unsigned char *)b.data; /* gp_malloc'ed: free() releases it */
    *out_len = b.len;
    return 0;
}
