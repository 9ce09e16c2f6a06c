/* tests/unit/test_pdf_lang.c - per-element /Lang in our PDF painter (issue
 * 14): a structure element whose display-list tag carries a language other
 * than the one it inherits (the document's, or its nearest ancestor's) gets
 * /Lang; one in the inherited language gets none. The display list is built
 * by hand, painted with gp_painter_pdf_new into memory, and the structure
 * tree is read back with libqpdf as "S(Lang)" words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <guidepress/paint.h>
#include <qpdf/qpdf-c.h>

#include "base/util.h"
#include "display/dl.h"

#define FONT GP_SOURCE_DIR "/fonts/NotoSans-Regular.ttf"

static int mem_write(void *closure, const unsigned char *data, size_t len)
{
    gp_buf_append(closure, (const char *)data, len);
    return ((gp_buf *)closure)->failed;
}

static void tag(gp_display *dl, gp_page *pg, gp_item_kind k, gp_tag t, const char *lang)
{
    gp_item *it = gp_page_push(dl, pg, k);
    assert_non_null(it);
    it->u.tag.tag = t;
    it->u.tag.lang = lang;
}

static void text(gp_display *dl, gp_page *pg, const gp_font *f, FT_Face face, const char *s,
                 double y)
{
    gp_item *it = gp_page_push(dl, pg, GP_ITEM_GLYPHS);
    assert_non_null(it);
    size_t n = strlen(s);
    it->x = 72;
    it->y = y - 10;
    it->w = 6.0 * (double)n;
    it->h = 12;
    it->u.glyphs.font = f;
    it->u.glyphs.size = 10;
    it->u.glyphs.text = gp_arena_strdup(dl->arena, s);
    it->u.glyphs.text_len = n;
    it->u.glyphs.glyphs = gp_arena_alloc(dl->arena, n * sizeof(gp_glyph));
    assert_non_null(it->u.glyphs.glyphs);
    for (size_t i = 0; i < n; i++)
        it->u.glyphs.glyphs[i] = (gp_glyph){FT_Get_Char_Index(face, (unsigned char)s[i]),
                                            72 + 6.0 * (double)i, y, 6.0, (uint32_t)i};
    it->u.glyphs.n_glyphs = n;
}

/* Appends the structure below oh as words "S" or "S(Lang)", children in
 * brackets. */
static void walk(qpdf_data q, qpdf_oh oh, gp_buf *out, int depth)
{
    if (depth > 16)
        return;
    if (qpdf_oh_is_array(q, oh)) {
        int n = qpdf_oh_get_array_n_items(q, oh);
        for (int i = 0; i < n; i++)
            walk(q, qpdf_oh_get_array_item(q, oh, i), out, depth + 1);
        return;
    }
    if (!qpdf_oh_is_dictionary(q, oh) || !qpdf_oh_has_key(q, oh, "/S"))
        return;
    gp_buf_printf(out, "%s%s", out->len && out->data[out->len - 1] != '[' ? " " : "",
                  qpdf_oh_get_name(q, qpdf_oh_get_key(q, oh, "/S")) + 1);
    if (qpdf_oh_has_key(q, oh, "/Lang"))
        gp_buf_printf(out, "(%s)", qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, oh, "/Lang")));
    qpdf_oh k = qpdf_oh_get_key(q, oh, "/K");
    if (qpdf_oh_is_array(q, k) || qpdf_oh_is_dictionary(q, k)) {
        size_t before = out->len;
        gp_buf_puts(out, "[");
        walk(q, k, out, depth + 1);
        if (out->len == before + 1)
            out->len = before; /* marked content only */
        else
            gp_buf_puts(out, "]");
        out->data[out->len] = '\0';
    }
}

/* wrap: the layout's tags inside a Document tag of their own, which must
 * close its own level (it once closed the first P, nesting everything
 * after it inside that P). */
static void check_tree(bool wrap)
{
    FT_Library lib;
    FT_Face face;
    assert_int_equal(FT_Init_FreeType(&lib), 0);
    assert_int_equal(FT_New_Face(lib, FONT, 0, &face), 0);

    gp_display *dl = gp_display_new();
    assert_non_null(dl);
    dl->meta.lang = "cy";
    dl->meta.title = "Canllaw";
    const gp_font *f = gp_dl_font(dl, FONT, 0, "Noto Sans", 400, false);
    gp_page *pg = gp_dl_add_page(dl, 595, 842);
    assert_non_null(f);
    assert_non_null(pg);
    if (wrap)
        tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_DOCUMENT, NULL);
    tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_P, NULL); /* the document's language */
    text(dl, pg, f, face, "Peiriannydd Data", 100);
    tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_P, NULL);
    tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_P, "en-GB"); /* another language */
    text(dl, pg, f, face, "Data Engineer", 120);
    tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_P, NULL);
    tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_P, "CY"); /* the document's, other case */
    text(dl, pg, f, face, "Cyflog", 140);
    tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_P, NULL);
    tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_SECT, "en");
    tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_P, "en"); /* inherits en: none */
    text(dl, pg, f, face, "Salary", 160);
    tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_P, NULL);
    tag(dl, pg, GP_ITEM_TAG_BEGIN, GP_TAG_P, "cy"); /* back to Welsh inside en */
    text(dl, pg, f, face, "Diolch", 180);
    tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_P, NULL);
    tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_SECT, NULL);
    if (wrap)
        tag(dl, pg, GP_ITEM_TAG_END, GP_TAG_DOCUMENT, NULL);

    gp_pdf_options o = {0};
    o.tagged = true;
    gp_diags *d = gp_diags_new();
    gp_buf pdf = {0};
    gp_painter *p = gp_painter_pdf_new(&o, mem_write, &pdf, d);
    assert_non_null(p);
    assert_int_equal(gp_paint(p, dl, d), 0);
    gp_painter_free(p);
    assert_false(pdf.failed);

    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    assert_int_equal(qpdf_read_memory(q, "painted", pdf.data, pdf.len, NULL) & QPDF_ERRORS, 0);
    qpdf_oh root = qpdf_get_root(q);
    assert_string_equal(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")), "cy");
    gp_buf tree = {0};
    walk(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"), &tree, 0);
    assert_non_null(tree.data);
    assert_string_equal(tree.data, "Document(cy)[P P(en-GB) P Sect(en)[P P(cy)]]");
    gp_buf_free(&tree);
    qpdf_cleanup(&q);
    gp_buf_free(&pdf);
    gp_diags_free(d);
    gp_display_free(dl);
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
}

static void element_lang(void **state)
{
    (void)state;
    check_tree(false);
}

static void element_lang_in_document_tag(void **state)
{
    (void)state;
    check_tree(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(element_lang),
                                       cmocka_unit_test(element_lang_in_document_tag)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
