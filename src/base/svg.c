/* base/svg.c - the core side of guidepress-svg.so (see svg.h). */
#include "base/svg.h"

#include <stdio.h>

#include "modules/api.h"

int gp_svg_size(const char *path, double *w, double *h, char *err, size_t cap)
{
    gpmod_svg_size_fn *size;
    if (gp_module_fn("svg", "gpmod_svg_size", &size, err, cap))
        return -1;
    return size(path, w, h);
}

void *gp_svg_open(const char *path, char *err, size_t cap)
{
    gpmod_svg_open_fn *svg_open;
    if (gp_module_fn("svg", "gpmod_svg_open", &svg_open, err, cap))
        return NULL;
    void *svg = svg_open(path);
    if (!svg)
        snprintf(err, cap, "cannot read image %s", path);
    return svg;
}

int gp_svg_render(void *svg, cairo_t *cr, double w, double h)
{
    char err[256];
    gpmod_svg_render_fn *render;
    if (!svg || gp_module_fn("svg", "gpmod_svg_render", &render, err, sizeof err))
        return -1;
    return render(svg, cr, w, h);
}

void gp_svg_close(void *svg)
{
    char err[256];
    gpmod_svg_close_fn *svg_close;
    if (svg && !gp_module_fn("svg", "gpmod_svg_close", &svg_close, err, sizeof err))
        svg_close(svg);
}
