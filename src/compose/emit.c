/* compose/emit.c - writes a composed guide's YAML tree as a guide file.
 *
 * libyaml's emitter does the writing, so quoting, escaping and line
 * folding are the YAML library's, never hand-made: a title with a colon,
 * a `#`, a quote or a leading dash loads back as the same text. Scalars
 * that were plain (numbers, true/false, keys, an open-ended `130000+`)
 * stay plain; text is quoted, and text with line breaks is written as a
 * literal block, so paragraphs stay readable for the editor who refines
 * the file. */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/util.h"
#include "compose/compose_int.h"

static int write_cb(void *data, unsigned char *buffer, size_t size)
{
    gp_buf *b = data;
    gp_buf_append(b, (const char *)buffer, size);
    return b->failed ? 0 : 1;
}

static int emit_node(yaml_emitter_t *em, const gp_ynode *n)
{
    yaml_event_t ev;
    if (!n)
        return -1;
    if (n->kind == GP_Y_SCALAR) {
        yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
        if (!n->plain && memchr(n->str, '\n', n->len))
            style = YAML_LITERAL_SCALAR_STYLE;
        if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)n->str, (int)n->len,
                                          n->plain, !n->plain, style))
            return -1;
        return yaml_emitter_emit(em, &ev) ? 0 : -1;
    }
    if (n->kind == GP_Y_SEQ) {
        /* a list of two plain scalars (a salary range) reads best in flow style */
        bool flow = n->n_items == 2 && n->items[0]->kind == GP_Y_SCALAR && n->items[0]->plain &&
                    n->items[1]->kind == GP_Y_SCALAR && n->items[1]->plain;
        if (!yaml_sequence_start_event_initialize(
                &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE) ||
            !yaml_emitter_emit(em, &ev))
            return -1;
        for (size_t i = 0; i < n->n_items; i++)
            if (emit_node(em, n->items[i]))
                return -1;
        return yaml_sequence_end_event_initialize(&ev) && yaml_emitter_emit(em, &ev) ? 0 : -1;
    }
    if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE) ||
        !yaml_emitter_emit(em, &ev))
        return -1;
    for (size_t i = 0; i < n->n_pairs; i++)
        if (emit_node(em, n->pairs[i].key) || emit_node(em, n->pairs[i].value))
            return -1;
    return yaml_mapping_end_event_initialize(&ev) && yaml_emitter_emit(em, &ev) ? 0 : -1;
}

int cp_emit_yaml(const gp_ynode *root, const char *header, char **out, size_t *out_len)
{
    gp_buf b = {0};
    for (const char *s = header; s && *s;) { /* comments: the emitter writes none */
        const char *nl = strchr(s, '\n');
        size_t l = nl ? (size_t)(nl - s) : strlen(s);
        gp_buf_puts(&b, "# ");
        gp_buf_append(&b, s, l);
        gp_buf_puts(&b, "\n");
        s += l + (nl ? 1 : 0);
    }
    yaml_emitter_t em;
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&em)) {
        gp_buf_free(&b);
        return -1;
    }
    yaml_emitter_set_output(&em, write_cb, &b);
    yaml_emitter_set_unicode(&em, 1);
    yaml_emitter_set_width(&em, 100);
    yaml_emitter_set_indent(&em, 2);
    int rc = -1;
    if (yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
        yaml_emitter_emit(&em, &ev) &&
        yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
        yaml_emitter_emit(&em, &ev) && emit_node(&em, root) == 0 &&
        yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&em, &ev) &&
        yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&em, &ev) &&
        yaml_emitter_flush(&em))
        rc = 0;
    yaml_emitter_delete(&em);
    if (rc || b.failed || !b.data) {
        gp_buf_free(&b);
        return -1;
    }
    *out = b.data; /* gp_buf memory comes from gp_malloc: see gp_buf_free */
    *out_len = b.len;
    return 0;
}
