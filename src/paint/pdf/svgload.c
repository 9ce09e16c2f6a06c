/* paint/pdf/svgload.c - an SVG logo as a form XObject, drawn by the module
 * guidepress-svg.so (paint/pdf/svg.c), loaded on the first SVG logo. */
#include "paint/pdf/pdf.h"

#include "modules/api.h"

uint32_t pdf_svg_form(pdfw *w, const char *path, double width, double height, char *err,
                      size_t errcap);

static uint32_t host_alloc(void *w)
{
    return pdfw_alloc(w);
}

static void host_stream(void *w, uint32_t num, const char *dict, const void *data, size_t len,
                        bool deflate)
{
    pdfw_stream(w, num, dict, data, len, deflate);
}

uint32_t pdf_svg_form(pdfw *w, const char *path, double width, double height, char *err,
                      size_t errcap)
{
    gpmod_svg_form_fn *form;
    if (gp_module_fn("svg", "gpmod_svg_form", &form, err, errcap))
        return 0;
    gpmod_pdf_host host = {w, host_alloc, host_stream};
    return form(&host, path, width, height, err, errcap);
}
