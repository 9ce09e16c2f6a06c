/* model/style_access.c - the public accessors of an opaque gp_style
 * (<guidepress/style.h>). Each returns a view borrowed from the style,
 * valid until gp_style_free(). */
#include "model/style_struct.h"

#include <string.h>

const char *gp_style_name(const gp_style *s)
{
    return s ? s->name : NULL;
}

const char *gp_style_path(const gp_style *s)
{
    return s ? s->path : NULL;
}

const char *gp_style_brand_name(const gp_style *s)
{
    return s ? s->brand_name : NULL;
}

const char *gp_style_logo(const gp_style *s)
{
    return s ? s->brand_logo : NULL;
}

void gp_style_page(const gp_style *s, gp_page_geometry *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!s)
        return;
    out->width = s->page_width;
    out->height = s->page_height;
    out->margin_top = s->margin_top;
    out->margin_right = s->margin_right;
    out->margin_bottom = s->margin_bottom;
    out->margin_left = s->margin_left;
    out->header_gap = s->header_gap;
    out->size_name = s->page_size_name;
}

const gp_text_style *gp_style_text(const gp_style *s, gp_text_role role)
{
    return s && (unsigned)role < GP_TS__COUNT ? &s->text[role] : NULL;
}
