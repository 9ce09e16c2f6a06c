/* engine/post.c - post-processing of a finished PDF. Placeholder: the
 * libqpdf implementation (/Lang, attachments, AES-256) replaces it. */
#include "engine/engine.h"

int gp_pdf_postprocess(gp_buf *pdf, const gp_post_options *opt, gp_diags *diags)
{
    (void)pdf;
    if (opt->password || opt->n_attach) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "--password and --attach-source are not available in this build");
        return -1;
    }
    return 0;
}
