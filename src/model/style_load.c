/* model/style_load.c - loading a style sheet (a brand) into gp_style.
 *
 * Placeholder so that the library links while the loader is written: the
 * load functions report "not implemented yet". Replaced by the full loader
 * (extends, deep merge, palette, units, paths) in the following commits. */
#include <string.h>

#include <guidepress/style.h>

#include "base/alloc.h"

static const char *const role_names[GP_TS__COUNT] = {
    "body",       "h1",         "h2",         "h3",         "kicker",
    "summary",    "stat_value", "stat_label", "card_title", "label",
    "caption",    "table",      "table_header", "header",   "footer"};

const char *gp_text_role_name(gp_text_role r)
{
    if ((int)r < 0 || r >= GP_TS__COUNT)
        return "?";
    return role_names[r];
}

gp_style *gp_style_load_memory(const char *data, size_t len, const char *name,
                               const char *base_dir, const char *styles_dir,
                               const gp_limits *lim, gp_diags *diags)
{
    (void)data; (void)len; (void)base_dir; (void)styles_dir; (void)lim;
    gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, name, 0, 0, NULL, NULL,
                 "style loading is not implemented yet");
    return NULL;
}

gp_style *gp_style_load_file(const char *path, const char *styles_dir,
                             const gp_limits *lim, gp_diags *diags)
{
    return gp_style_load_memory(NULL, 0, path, NULL, styles_dir, lim, diags);
}

gp_style *gp_style_load_named(const char *name, const char *styles_dir,
                              const gp_limits *lim, gp_diags *diags)
{
    return gp_style_load_memory(NULL, 0, name, NULL, styles_dir, lim, diags);
}

void gp_style_free(gp_style *s)
{
    gp_free(s);
}

bool gp_style_color(const gp_style *s, const char *name, gp_color *out)
{
    if (!s || !name)
        return false;
    for (size_t i = 0; i < s->n_colors; i++) {
        if (strcmp(s->color_names[i], name) == 0) {
            if (out)
                *out = s->colors[i];
            return true;
        }
    }
    return false;
}
