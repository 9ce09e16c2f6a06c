/* A program a library user would write: render the reference guide for a
 * client through the installed API only (built with pkg-config alone).
 * A third argument "haru" selects the libharu painter, which the library
 * loads from its module guidepress-haru.so. */
#include <guidepress/guidepress.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4)
        return 2;
    gp_diags *d = gp_diags_new();
    gp_engine *e = gp_engine_new(NULL, d);
    const char *keys[] = {"prepared_for"}, *values[] = {"Installed Client"};
    gp_render_request req;
    gp_render_request_init(&req);
    req.guide_path = argv[1];
    req.output_path = argv[2];
    req.set_keys = keys;
    req.set_values = values;
    req.n_set = 1;
    if (argc == 4 && !strcmp(argv[3], "haru"))
        req.backend = GP_BACKEND_HARU;
    gp_render_result res = {0};
    int rc = e ? gp_render(e, &req, &res, d) : -1;
    for (size_t i = 0; i < gp_diags_count(d); i++)
        fprintf(stderr, "%s\n", gp_diags_get(d, i)->message);
    printf("pages %d\n", res.pages);
    gp_engine_free(e);
    gp_diags_free(d);
    return rc ? 1 : 0;
}
