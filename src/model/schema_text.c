/* model/schema_text.c - the JSON Schemas of guide and style files as
 * strings the caller owns (the public side of gp_guide_json_schema and
 * gp_style_json_schema, which write into a gp_buf). */
#include <guidepress/guide.h>
#include <guidepress/style.h>

#include "base/util.h"
#include "model/guide_load.h"
#include "model/style_conv.h"

static char *take(gp_buf *b, bool ok, size_t *len)
{
    if (!ok || b->failed || !b->data) {
        gp_buf_free(b);
        return NULL;
    }
    if (len)
        *len = b->len;
    return b->data; /* gp_malloc'ed: free() releases it */
}

char *gp_guide_schema_new(size_t *len)
{
    gp_buf b = {0};
    return take(&b, gp_guide_json_schema(&b), len);
}

char *gp_style_schema_new(size_t *len)
{
    gp_buf b = {0};
    return take(&b, gp_style_json_schema(&b), len);
}
