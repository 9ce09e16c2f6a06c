/* paint/haru/cmap.c - glyph ids back to code points, for the libharu
 * painter's right-to-left runs.
 *
 * libharu cannot shape: given Arabic text it draws every letter in its
 * isolated form. Pango has already chosen the joined forms as glyph ids,
 * and fonts such as Noto Sans Arabic also map those glyphs from the Unicode
 * presentation forms (U+FB50-U+FDFF, U+FE70-U+FEFF). Reading the font's
 * cmap backwards with FreeType turns each shaped glyph into a code point
 * libharu can draw. */
#include "paint/haru/haru.h"

#include <ft2build.h>
#include FT_FREETYPE_H

#include "base/alloc.h"

uint32_t *gp_haru_reverse_cmap(const char *path, int face_index, size_t *n)
{
    FT_Library lib;
    if (FT_Init_FreeType(&lib))
        return NULL;
    FT_Face face;
    uint32_t *map = NULL;
    if (!FT_New_Face(lib, path, face_index, &face)) {
        size_t count = face->num_glyphs > 0 ? (size_t)face->num_glyphs : 0;
        map = count && !FT_Select_Charmap(face, FT_ENCODING_UNICODE) ? gp_calloc(count, sizeof *map)
                                                                     : NULL;
        if (map) {
            FT_UInt gid;
            FT_ULong cp = FT_Get_First_Char(face, &gid);
            while (gid != 0) {
                /* Ascending code points: the first is the base letter
                 * (U+0627 before U+FE8D), better for text extraction.
                 * libharu reads the BMP subtable only. */
                if (gid < count && !map[gid] && cp <= 0xFFFF)
                    map[gid] = (uint32_t)cp;
                cp = FT_Get_Next_Char(face, cp, &gid);
            }
            *n = count;
        }
        FT_Done_Face(face);
    }
    FT_Done_FreeType(lib);
    return map;
}
