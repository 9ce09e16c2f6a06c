/* paint/pdf/font.c - one Type0 / CIDFontType2 font per face.
 *
 * Before any page is written, every glyph run is walked once: the glyphs
 * each face uses go into a set, and the text of each one-glyph cluster
 * gives that glyph's Unicode value for the ToUnicode CMap. HarfBuzz's
 * subsetter (hb-subset) then makes the subset and tells the new glyph ids;
 * content is written with those ids as CIDs, so the CIDToGIDMap is
 * /Identity and the glyph widths form one /W run.
 *
 * Codes are one byte when the subset has at most 256 glyphs (every Latin
 * guide): the Encoding is then an embedded CMap, shared by those fonts,
 * that maps the byte to the CID of the same value, instead of Identity-H's
 * two bytes per glyph: 2.6 KB less on the reference guide. PDF/A-2
 * 6.2.11.3.3 and PDF/UA-1 7.21.3.3 allow a CMap other than Identity-H/V
 * when it is embedded, its dictionary's WMode equals the stream's and it
 * uses no other CMap; 6.2.11.3.1 wants its CIDSystemInfo to have the
 * CIDFont's Registry and Ordering (Adobe, Identity) and no higher
 * Supplement. Larger subsets keep Identity-H. Layout tables (GSUB,
 * GPOS, GDEF...) and hinting are dropped: the PDF holds shaped glyphs.
 *
 * Faces are opened once per process (HarfBuzz faces are immutable and
 * thread-safe), like the fonts layout uses. */
#include "paint/pdf/pdf.h"

#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"
#include "display/dl.h"
#include "paint/pdf/subset.h"

#define TU_WEAK 0x80000000u /* a fallback value, replaced by a glyph's own */

struct pdf_font {
    const gp_font *gf;
    hb_face_t *face; /* from the cache */
    hb_font_t *font;
    unsigned upem, n_glyphs;
    hb_set_t *glyphs;
    pdf_subset sub;
    uint32_t *old2new; /* by original gid; UINT32_MAX: not in the subset */
    double *adv;       /* widths (1/1000 em) of the used glyphs, by original gid */
    uint32_t n_new;
    uint32_t *tu_off; /* ToUnicode text by original gid: offset+1 in tu (0: none) */
    uint32_t *tu_len;
    uint8_t *seen; /* by original gid: in glyphs already */
    gp_buf tu;
    uint32_t obj_type0, obj_cid, obj_desc, obj_file, obj_cmap;
    bool one_byte;
};

/* Face cache ---------------------------------------------------------------------- */

#define FACES_MAX 64
static struct {
    char *path;
    int index;
    hb_face_t *face;
} faces[FACES_MAX];
static size_t n_faces;
static pthread_mutex_t faces_lock = PTHREAD_MUTEX_INITIALIZER;

static hb_face_t *face_get(const char *path, int index)
{
    hb_face_t *f = NULL;
    pthread_mutex_lock(&faces_lock);
    for (size_t i = 0; i < n_faces && !f; i++)
        if (faces[i].index == index && !strcmp(faces[i].path, path))
            f = hb_face_reference(faces[i].face);
    if (!f) {
        hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
        if (blob) {
            f = hb_face_create(blob, (unsigned)index);
            hb_blob_destroy(blob);
            if (hb_face_get_glyph_count(f) == 0) {
                hb_face_destroy(f);
                f = NULL;
            }
        }
        char *copy = f && n_faces < FACES_MAX ? gp_strdup(path) : NULL;
        if (copy) {
            hb_face_make_immutable(f);
            faces[n_faces].path = copy;
            faces[n_faces].index = index;
            faces[n_faces].face = hb_face_reference(f);
            n_faces++;
        }
    }
    pthread_mutex_unlock(&faces_lock);
    return f;
}

/* Collecting ------------------------------------------------------------------------ */

static pdf_font *font_for(pdf_fonts *fs, const gp_font *gf, char *err, size_t errcap)
{
    if (!fs->fonts && !(fs->fonts = gp_calloc(GP_DL_MAX_FONTS, sizeof *fs->fonts))) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    if (gf->id < 0 || gf->id >= GP_DL_MAX_FONTS) {
        snprintf(err, errcap, "font id %d out of range", gf->id);
        return NULL;
    }
    if ((size_t)gf->id >= fs->n)
        fs->n = (size_t)gf->id + 1;
    pdf_font *f = fs->fonts[gf->id];
    if (f)
        return f;
    f = gp_calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    fs->fonts[gf->id] = f;
    f->gf = gf;
    f->face = face_get(gf->path, gf->face_index);
    if (!f->face) {
        snprintf(err, errcap, "cannot open font %s", gf->path);
        return NULL;
    }
    f->font = hb_font_create(f->face);
    f->upem = hb_face_get_upem(f->face);
    f->n_glyphs = hb_face_get_glyph_count(f->face);
    f->glyphs = hb_set_create();
    f->tu_off = gp_calloc(f->n_glyphs, sizeof *f->tu_off);
    f->tu_len = gp_calloc(f->n_glyphs, sizeof *f->tu_len);
    f->seen = gp_calloc(f->n_glyphs ? f->n_glyphs : 1, 1);
    if (!f->tu_off || !f->tu_len || !f->seen || !hb_set_allocation_successful(f->glyphs)) {
        snprintf(err, errcap, "out of memory");
        return NULL;
    }
    return f;
}

/* Glyphs are in visual order; clusters ascend left to right in LTR runs
 * and descend in RTL runs. */
void pdf_cluster_range(const gp_item *it, size_t i, size_t *start, size_t *end)
{
    const gp_glyph *g = it->u.glyphs.glyphs;
    size_t n = it->u.glyphs.n_glyphs, tl = it->u.glyphs.text_len;
    uint32_t c = g[i].cluster;
    size_t best = tl;
    /* the nearest cluster after c in logical order is the neighbour group */
    if (!it->u.glyphs.rtl) {
        size_t j = i;
        while (j < n && g[j].cluster == c)
            j++;
        if (j < n && g[j].cluster > c)
            best = g[j].cluster;
        else
            for (size_t k = 0; k < n; k++)
                if (g[k].cluster > c && g[k].cluster < best)
                    best = g[k].cluster;
    } else {
        size_t j = i;
        while (j > 0 && g[j - 1].cluster == c)
            j--;
        if (j > 0 && g[j - 1].cluster > c)
            best = g[j - 1].cluster;
        else
            for (size_t k = 0; k < n; k++)
                if (g[k].cluster > c && g[k].cluster < best)
                    best = g[k].cluster;
    }
    *start = c < tl ? c : tl;
    *end = best < *start ? *start : best;
}

static void collect_run(pdf_font *f, const gp_item *it)
{
    const gp_glyph *g = it->u.glyphs.glyphs;
    size_t n = it->u.glyphs.n_glyphs;
    for (size_t i = 0; i < n; i++) {
        uint32_t gid = g[i].id;
        if (gid >= f->n_glyphs)
            continue;
        if (!f->seen[gid]) { /* hb_set_add for every glyph costs more */
            f->seen[gid] = 1;
            hb_set_add(f->glyphs, gid);
        }
        bool weak = f->tu_len[gid] & TU_WEAK;
        if (f->tu_off[gid] && !weak)
            continue;
        /* a glyph alone in its cluster stands for the cluster's text */
        bool alone = (i == 0 || g[i - 1].cluster != g[i].cluster) &&
                     (i + 1 == n || g[i + 1].cluster != g[i].cluster);
        if (!alone && f->tu_off[gid])
            continue;
        size_t s, e;
        pdf_cluster_range(it, i, &s, &e);
        if (e <= s || e - s > 64)
            continue;
        uint32_t flag = 0;
        if (!alone) {
            /* A glyph that shares its cluster (a base and its mark drawn
             * apart): the content wraps the cluster in /ActualText; the
             * ToUnicode map still gives the glyph a value of its own, its
             * character by position in the cluster (the last for extras). */
            size_t p = 0;
            for (size_t k = i; k > 0 && g[k - 1].cluster == g[i].cluster; k--)
                p++;
            size_t at = s;
            for (size_t q = 0; q < p; q++) {
                uint32_t cp;
                int k = gp_utf8_decode(it->u.glyphs.text + at, e - at, &cp);
                if (k <= 0 || at + (size_t)k >= e)
                    break;
                at += (size_t)k;
            }
            uint32_t cp;
            int k = gp_utf8_decode(it->u.glyphs.text + at, e - at, &cp);
            s = at;
            e = k > 0 ? at + (size_t)k : e;
            flag = TU_WEAK;
        }
        f->tu_off[gid] = (uint32_t)f->tu.len + 1;
        f->tu_len[gid] = (uint32_t)(e - s) | flag;
        gp_buf_append(&f->tu, it->u.glyphs.text + s, e - s);
    }
}

static int subset(pdf_font *f, char *err, size_t errcap)
{
    if (pdf_subset_get(f->face, f->glyphs, &f->sub)) {
        snprintf(err, errcap, "cannot subset font %s", f->gf->path);
        return -1;
    }
    size_t n = f->n_glyphs ? f->n_glyphs : 1;
    f->old2new = gp_malloc(n * sizeof *f->old2new);
    f->adv = gp_calloc(n, sizeof *f->adv);
    if (!f->old2new || !f->adv) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    for (unsigned g = 0; g < f->n_glyphs; g++)
        f->old2new[g] = UINT32_MAX;
    f->n_new = f->sub.n_new;
    for (uint32_t c = 0; c < f->sub.n_new; c++)
        if (f->sub.new2old[c] < f->n_glyphs)
            f->old2new[f->sub.new2old[c]] = c;
    hb_codepoint_t u = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->glyphs, &u))
        f->adv[u] = (double)hb_font_get_glyph_h_advance(f->font, u) * 1000.0 / (double)f->upem;
    return 0;
}

int pdf_fonts_begin(pdf_fonts *fs, const gp_display *dl, char *err, size_t errcap)
{
    /* one slot per display font; runs may have been collected already (a
     * long streamed document collects as layout goes) */
    if (!fs->fonts && !(fs->fonts = gp_calloc(GP_DL_MAX_FONTS, sizeof *fs->fonts))) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    if (dl->n_fonts > fs->n)
        fs->n = dl->n_fonts;
    return 0;
}

/* Layout already refuses text no font covers, naming the guide field
 * (file:line:col); the PDF/A check here is a second line. */
int pdf_fonts_collect(pdf_fonts *fs, const gp_item *it, size_t page, bool strict, char *err,
                      size_t errcap)
{
    if (it->kind != GP_ITEM_GLYPHS || !it->u.glyphs.n_glyphs)
        return 0;
    if (fs->ready) {
        snprintf(err, errcap, "a glyph run came after the font subsets were made");
        return -1;
    }
    pdf_font *f = font_for(fs, it->u.glyphs.font, err, errcap);
    if (!f)
        return -1;
    for (size_t i = 0; i < it->u.glyphs.n_glyphs; i++)
        if (it->u.glyphs.glyphs[i].id == 0) {
            if (strict) {
                char line[32] = "";
                if (it->src_line > 0)
                    snprintf(line, sizeof line, "guide line %d, ", it->src_line);
                char where[64] = "";
                if (page != (size_t)-1)
                    snprintf(where, sizeof where, " (%spage %zu)", line, page + 1);
                else if (line[0])
                    snprintf(where, sizeof where, " (%.*s)", (int)strlen(line) - 2, line);
                snprintf(err, errcap,
                         "PDF/A: \"%.*s\"%s has a character no font covers; "
                         "PDF/A needs every glyph mapped to Unicode",
                         (int)(it->u.glyphs.text_len > 40 ? 40 : it->u.glyphs.text_len),
                         it->u.glyphs.text, where);
                return -1;
            }
            break;
        }
    collect_run(f, it);
    return 0;
}

int pdf_fonts_finish(pdf_fonts *fs, pdfw *w, char *err, size_t errcap)
{
    if (fs->ready)
        return 0;
    fs->ready = true;
    for (size_t i = 0; i < fs->n; i++) {
        pdf_font *f = fs->fonts[i];
        if (!f)
            continue;
        if (subset(f, err, errcap))
            return -1;
        f->obj_type0 = pdfw_alloc(w);
        f->obj_cid = pdfw_alloc(w);
        f->obj_desc = pdfw_alloc(w);
        f->obj_file = pdfw_alloc(w);
        f->obj_cmap = pdfw_alloc(w);
        f->one_byte = f->n_new <= 256;
        if (f->one_byte && !fs->obj_cmap1)
            fs->obj_cmap1 = pdfw_alloc(w);
    }
    if (w->failed) {
        snprintf(err, errcap, "out of memory");
        return -1;
    }
    return 0;
}

uint32_t pdf_font_obj(const pdf_font *f)
{
    return f->obj_type0;
}

uint32_t pdf_font_cid(const pdf_font *f, uint32_t gid)
{
    if (gid >= f->n_glyphs || f->old2new[gid] == UINT32_MAX)
        return 0;
    return f->old2new[gid];
}

double pdf_font_width(const pdf_font *f, uint32_t gid)
{
    if (gid >= f->n_glyphs)
        return 0;
    return f->adv[gid];
}

pdf_font_view pdf_font_get_view(const pdf_font *f)
{
    return (pdf_font_view){f->old2new, f->adv,      f->tu_off,  f->tu_len,
                           f->tu.data, f->n_glyphs, f->one_byte};
}

bool pdf_font_maps(const pdf_font *f, uint32_t gid, const char *text, size_t len)
{
    if (gid >= f->n_glyphs || !f->tu_off[gid] || f->tu_len[gid] != len) /* weak: never */
        return false;
    return !memcmp(f->tu.data + f->tu_off[gid] - 1, text, len);
}

/* Writing --------------------------------------------------------------------------- */

static void tounicode(pdf_font *f, pdfw *w)
{
    gp_buf b = {0};
    gp_buf_puts(&b, "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def\n"
                    "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n");
    gp_buf_puts(&b, f->one_byte ? "<00><FF>\n" : "<0000><FFFF>\n");
    gp_buf_puts(&b, "endcodespacerange\n");
    /* by new cid, in order */
    uint32_t *by_new = gp_calloc(f->n_new ? f->n_new : 1, sizeof *by_new);
    if (!by_new) {
        w->failed = true;
        gp_buf_free(&b);
        return;
    }
    for (uint32_t g = 0; g < f->n_glyphs; g++)
        if (f->old2new[g] != UINT32_MAX && f->tu_off[g])
            by_new[f->old2new[g]] = g + 1;
    /* each code's destination (UTF-16BE hex, no BOM), then runs of codes
     * whose destinations are single code units counting up together
     * become bfrange entries (ISO 32000-1 9.10.3: the last byte of both
     * increments, so a run stays within one last-byte span of each) */
    gp_buf dst = {0};
    uint32_t *off = gp_calloc((size_t)f->n_new * 2 + 1, sizeof *off);
    uint32_t *unit = off ? off + f->n_new : NULL; /* the code unit, or UINT32_MAX */
    if (!off) {
        gp_free(by_new);
        gp_buf_free(&b);
        w->failed = true;
        return;
    }
    for (uint32_t c = 0; c < f->n_new; c++) {
        off[c] = (uint32_t)dst.len;
        unit[c] = UINT32_MAX;
        if (!by_new[c])
            continue;
        uint32_t g = by_new[c] - 1;
        gp_buf t = {0};
        pdf_utf16_hex(&t, f->tu.data + f->tu_off[g] - 1, f->tu_len[g] & ~TU_WEAK);
        /* drop the BOM: a CMap destination is plain UTF-16BE */
        if (t.data && t.len > 6)
            gp_buf_append(&dst, t.data + 5, t.len - 6);
        else
            gp_buf_puts(&dst, "FFFD");
        gp_buf_free(&t);
        if (dst.len - off[c] == 4 && dst.data) {
            uint32_t u = 0;
            for (int k = 0; k < 4; k++) {
                char h = dst.data[off[c] + (uint32_t)k];
                u = u * 16 + (uint32_t)(h <= '9' ? h - '0' : h - 'A' + 10);
            }
            unit[c] = u;
        }
    }
    /* pass 0 counts the entries, pass 1 writes the bfchar, pass 2 the
     * bfrange ones */
    uint32_t n_char = 0, n_range = 0;
    for (int pass = 0; pass < 3; pass++) {
        uint32_t done = 0;
        for (uint32_t c = 0; c < f->n_new;) {
            if (!by_new[c]) {
                c++;
                continue;
            }
            uint32_t e = c;
            while (unit[e] != UINT32_MAX && (unit[e] & 0xff) != 0xff && e + 1 < f->n_new &&
                   by_new[e + 1] && unit[e + 1] == unit[e] + 1 && ((e + 1) & 0xff) != 0)
                e++;
            bool range = e > c;
            if (pass == 0) {
                n_range += range;
                n_char += !range;
            } else if ((pass == 1 && !range) || (pass == 2 && range)) {
                uint32_t total = pass == 1 ? n_char : n_range;
                if (done % 100 == 0)
                    gp_buf_printf(&b, "%u begin%s\n", total - done < 100 ? total - done : 100,
                                  range ? "bfrange" : "bfchar");
                gp_buf_printf(&b, f->one_byte ? "<%02X>" : "<%04X>", c);
                if (range)
                    gp_buf_printf(&b, f->one_byte ? "<%02X>" : "<%04X>", e);
                gp_buf_puts(&b, "<");
                gp_buf_append(&b, dst.data ? dst.data + off[c] : "",
                              (c + 1 < f->n_new ? off[c + 1] : (uint32_t)dst.len) - off[c]);
                gp_buf_puts(&b, ">\n");
                done++;
                if (done % 100 == 0 || done == total)
                    gp_buf_printf(&b, "end%s\n", range ? "bfrange" : "bfchar");
            }
            c = e + 1;
        }
    }
    gp_free(off);
    if (dst.failed)
        b.failed = true;
    gp_buf_free(&dst);
    gp_buf_puts(&b, "endcmap\nCMapName currentdict/CMap defineresource pop\nend\nend\n");
    gp_free(by_new);
    if (b.failed)
        w->failed = true;
    else
        pdfw_stream(w, f->obj_cmap, "", b.data, b.len, true);
    gp_buf_free(&b);
}

static int16_t be16(const char *p)
{
    return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

static void write_font(pdf_font *f, pdfw *w, uint32_t enc1)
{
    unsigned flen = 0;
    const char *fdata = hb_blob_get_data(f->sub.blob, &flen);
    if (!fdata || !flen) {
        w->failed = true;
        return;
    }
    char dict[48];
    snprintf(dict, sizeof dict, "/Length1 %u", flen);
    pdfw_stream(w, f->obj_file, dict, fdata, flen, true);

    /* the subset tag: six letters from the glyph set, so it is stable */
    uint32_t h = 2166136261u;
    hb_codepoint_t g = HB_SET_VALUE_INVALID;
    while (hb_set_next(f->glyphs, &g))
        h = (h ^ g) * 16777619u;
    char tag[8];
    for (int i = 0; i < 6; i++) {
        tag[i] = (char)('A' + h % 26);
        h /= 26;
        if (i == 3)
            h ^= (uint32_t)f->gf->id * 2654435761u;
    }
    tag[6] = '+';
    tag[7] = '\0';
    char ps[128];
    unsigned pl = sizeof ps;
    if (!hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &pl, ps))
        snprintf(ps, sizeof ps, "%s", f->gf->family ? f->gf->family : "Font");
    for (char *q = ps; *q; q++)
        if (*q == ' ' || *q == '/' || *q == '(' || *q == ')')
            *q = '-';
    gp_buf base = {0};
    gp_buf_puts(&base, tag);
    gp_buf_puts(&base, ps);
    const char *bn = base.data ? base.data : "Font";

    double k = 1000.0 / (double)f->upem;
    hb_position_t asc = 0, desc = 0, cap = 0;
    hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &asc);
    hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &desc);
    if (!hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
        cap = asc;
    int bbox[4] = {0, (int)(desc * k), 1000, (int)(asc * k)};
    hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned hl = 0;
    const char *hd = hb_blob_get_data(head, &hl);
    if (hd && hl >= 44)
        for (int i = 0; i < 4; i++)
            bbox[i] = (int)(be16(hd + 36 + 2 * i) * k);
    hb_blob_destroy(head);
    float slant = hb_style_get_value(f->font, HB_STYLE_TAG_SLANT_ANGLE);
    int flags = 4 | (f->gf->italic || slant != 0 ? 64 : 0);

    gp_buf *b = pdfw_begin(w, f->obj_desc);
    gp_buf_puts(b, "<</Type/FontDescriptor/FontName");
    pdf_name(b, bn);
    gp_buf_printf(b,
                  "/Flags %d/FontBBox[%d %d %d %d]/ItalicAngle %.1f/Ascent %d/Descent %d"
                  "/CapHeight %d/StemV %d/FontFile2 %u 0 R>>",
                  flags, bbox[0], bbox[1], bbox[2], bbox[3], (double)-slant, (int)(asc * k),
                  (int)(desc * k), (int)(cap * k), f->gf->weight >= 600 ? 140 : 80, f->obj_file);
    pdfw_end(w);

    b = pdfw_begin(w, f->obj_cid);
    gp_buf_puts(b, "<</Type/Font/Subtype/CIDFontType2/BaseFont");
    pdf_name(b, bn);
    gp_buf_printf(b,
                  "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"
                  "/FontDescriptor %u 0 R/CIDToGIDMap/Identity/DW 0/W[0[",
                  f->obj_desc);
    for (uint32_t c = 0; c < f->n_new; c++) {
        uint32_t old = f->sub.new2old[c];
        double wd = old == UINT32_MAX ? 0
                                      : (double)hb_font_get_glyph_h_advance(f->font, old) * 1000.0 /
                                            (double)f->upem;
        char num[32];
        char *e = pdf_fmt_num(num, wd);
        *e++ = c + 1 < f->n_new ? ' ' : ']';
        gp_buf_append(b, num, (size_t)(e - num));
    }
    if (!f->n_new)
        gp_buf_puts(b, "]");
    gp_buf_puts(b, "]>>");
    pdfw_end(w);

    b = pdfw_begin(w, f->obj_type0);
    gp_buf_puts(b, "<</Type/Font/Subtype/Type0/BaseFont");
    pdf_name(b, bn);
    if (f->one_byte && enc1)
        gp_buf_printf(b, "/Encoding %u 0 R", enc1);
    else
        gp_buf_puts(b, "/Encoding/Identity-H");
    gp_buf_printf(b, "/DescendantFonts[%u 0 R]/ToUnicode %u 0 R>>", f->obj_cid, f->obj_cmap);
    pdfw_end(w);
    gp_buf_free(&base);
    tounicode(f, w);
}

#define CMAP1_NAME "GP-OneByte-Identity-H"
#define CMAP1_SYS  "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"

/* The one-byte encoding: byte b selects CID b (ISO 32000-1 9.7.5.4; the
 * CMap file syntax of Adobe Technical Note 5014). */
static void write_cmap1(pdfw *w, uint32_t obj)
{
    static const char body[] =
        "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit/ProcSet findresource begin\n12 dict begin\n"
        "begincmap\n" CMAP1_SYS "def\n/CMapName/" CMAP1_NAME " def\n/CMapType 1 def\n"
        "/WMode 0 def\n1 begincodespacerange\n<00><FF>\nendcodespacerange\n"
        "1 begincidrange\n<00><FF>0\nendcidrange\nendcmap\n"
        "CMapName currentdict/CMap defineresource pop\nend\nend\n";
    pdfw_stream(w, obj, "/Type/CMap/CMapName/" CMAP1_NAME CMAP1_SYS "/WMode 0", body,
                sizeof body - 1, true);
}

void pdf_fonts_write(pdf_fonts *fs, pdfw *w)
{
    if (fs->obj_cmap1)
        write_cmap1(w, fs->obj_cmap1);
    for (size_t i = 0; i < fs->n; i++)
        if (fs->fonts[i])
            write_font(fs->fonts[i], w, fs->obj_cmap1);
}

void pdf_fonts_free(pdf_fonts *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        pdf_font *f = fs->fonts[i];
        if (!f)
            continue;
        pdf_subset_release(&f->sub);
        hb_set_destroy(f->glyphs);
        hb_font_destroy(f->font);
        hb_face_destroy(f->face);
        gp_free(f->old2new);
        gp_free(f->adv);
        gp_free(f->tu_off);
        gp_free(f->tu_len);
        gp_free(f->seen);
        gp_buf_free(&f->tu);
        gp_free(f);
    }
    gp_free(fs->fonts);
    fs->fonts = NULL;
    fs->n = 0;
}
