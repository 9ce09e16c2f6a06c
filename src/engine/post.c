/* engine/post.c - post-processing of a finished PDF with libqpdf.
 *
 * Both painters write a plain PDF; what neither Cairo 1.16 nor libharu 2.3
 * can write is added here, on the whole file in memory, with libqpdf's C
 * API (a maintained library, so the encryption is not hand-rolled):
 *
 * - the catalogue /Lang (Cairo 1.16 has no API for it), for every PDF;
 * - libharu's ToUnicode CMap, which uses `begincidrange` where a ToUnicode
 *   CMap needs `beginbfrange`, is replaced by a correct identity map (its
 *   codes are Unicode already), so text extraction does not depend on a
 *   reader tolerating it;
 * - --attach-source: the guide and style YAML as embedded files (the
 *   EmbeddedFiles name tree and the catalogue /AF array);
 * - --pdfa: XMP metadata built from the Info dictionary (so the two agree,
 *   as PDF/A requires) with pdfaid:part 1 and conformance B, an sRGB
 *   OutputIntent with the ICC profile GP_ICC_PROFILE (Debian package
 *   icc-profiles-free), a /CIDSet for each of libharu's subset fonts, the
 *   Print flag on every annotation, PDF 1.4, no object streams;
 * - --password: AES-256 (R6) encryption with the requested permissions.
 *
 * Unless the file is encrypted, the trailer /ID is derived from the content
 * (qpdf's deterministic ID), so a render with SOURCE_DATE_EPOCH set is
 * byte-identical run after run. Encrypted files get a random ID and salts,
 * as AES needs. qpdf never prints: its errors and warnings are kept and the
 * first error becomes a diagnostic. */
#include "engine/engine.h"
#include "modules/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <qpdf/qpdf-c.h>
#include <zlib.h> /* linked already: cairo-png's pkg-config brings -lz */

#include "base/alloc.h"

#ifndef GP_ICC_PROFILE
#define GP_ICC_PROFILE "/usr/share/color/icc/sRGB.icc"
#endif

#define MAX_ATTACHMENT (16u << 20) /* guide and style files are small */

typedef struct post {
    qpdf_data q;
    gp_diags *diags;
    const gp_post_options *opt;
    bool failed;
} post;

static void fail(post *p, gp_code code, const char *file, const char *fmt, const char *arg)
{
    if (!p->failed)
        gp_diags_add(p->diags, code, GP_SEV_ERROR, file, 0, 0, NULL, NULL, fmt, arg);
    p->failed = true;
}

/* Turns a pending qpdf error into a diagnostic; returns true if there was one. */
static bool qpdf_failed(post *p, const char *what)
{
    if (!qpdf_has_error(p->q))
        return p->failed;
    qpdf_error e = qpdf_get_error(p->q);
    const char *text = e ? qpdf_get_error_full_text(p->q, e) : "unknown error";
    if (!p->failed)
        gp_diags_add(p->diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "post-processing the PDF (%s): %s", what, text);
    p->failed = true;
    return true;
}

static void pdf_date(char *buf, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "D:%Y%m%d%H%M%SZ", &tm);
}

static void xmp_date(char *buf, size_t cap, long long t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Sets a stream's data. qpdf writes streams as they are (stream data mode
 * "preserve": letting qpdf recompress costs 20 ms on a libharu file, for
 * nothing), so new streams are deflated here unless they must stay plain
 * (XMP metadata). Returns false when out of memory. */
static bool set_stream(post *p, qpdf_oh stream, const void *data, size_t len, bool deflate)
{
    qpdf_data q = p->q;
    if (deflate) {
        uLongf cap = compressBound((uLong)len);
        unsigned char *z = gp_malloc(cap);
        if (!z)
            return false;
        if (compress2(z, &cap, data, (uLong)len, Z_BEST_COMPRESSION) == Z_OK) {
            qpdf_oh_replace_stream_data(q, stream, z, cap, qpdf_oh_new_name(q, "/FlateDecode"),
                                        qpdf_oh_new_null(q));
            gp_free(z);
            return true;
        }
        gp_free(z);
    }
    qpdf_oh_replace_stream_data(q, stream, data, len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
    return true;
}

/* libharu's ToUnicode ------------------------------------------------------ */

static bool contains(const unsigned char *data, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(data + i, needle, n))
            return true;
    return false;
}

/* A ToUnicode CMap mapping every 2-byte code outside the surrogates to the
 * same UTF-16 value: libharu's UTF-8 encoder writes code = code point. */
static void identity_tounicode(gp_buf *b)
{
    gp_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                   "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* bfrange entries may only vary in the last byte: one per high byte,
     * at most 100 per block. */
    int hi[256], n = 0;
    for (int h = 0; h < 256; h++)
        if (h < 0xD8 || h > 0xDF)
            hi[n++] = h;
    for (int i = 0; i < n; i += 100) {
        int m = n - i < 100 ? n - i : 100;
        gp_buf_printf(b, "%d beginbfrange\n", m);
        for (int k = 0; k < m; k++)
            gp_buf_printf(b, "<%02X00> <%02XFF> <%02X00>\n", hi[i + k], hi[i + k], hi[i + k]);
        gp_buf_puts(b, "endbfrange\n");
    }
    gp_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

static void fix_tounicode(post *p)
{
    qpdf_data q = p->q;
    gp_buf cmap = {0};
    qpdf_oh shared = 0; /* one identity map serves every libharu font */
    int fixed[64];
    int n_fixed = 0;
    int n_pages = qpdf_get_num_pages(q);
    for (int i = 0; i < n_pages && !p->failed; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh fonts = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/Font");
        if (!qpdf_oh_is_dictionary(q, fonts))
            continue;
        qpdf_oh_begin_dict_key_iter(q, fonts);
        while (qpdf_oh_dict_more_keys(q)) {
            qpdf_oh font = qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q));
            qpdf_oh tu = qpdf_oh_get_key(q, font, "/ToUnicode");
            if (!qpdf_oh_is_stream(q, tu))
                continue;
            int id = qpdf_oh_get_object_id(q, tu);
            bool seen = false;
            for (int k = 0; k < n_fixed; k++)
                seen |= fixed[k] == id;
            if (seen || n_fixed == 64)
                continue;
            fixed[n_fixed++] = id;
            unsigned char *data = NULL;
            size_t len = 0;
            QPDF_BOOL filtered = QPDF_FALSE;
            if (qpdf_oh_get_stream_data(q, tu, qpdf_dl_generalized, &filtered, &data, &len) ||
                !data)
                continue;
            /* Only libharu's broken map: "/CMapName /UTF-8" and a cidrange. */
            bool haru = len < 4096 && contains(data, len, "begincidrange") &&
                        contains(data, len, "/CMapName /UTF-8");
            free(data);
            if (!haru)
                continue;
            if (!shared) {
                identity_tounicode(&cmap);
                shared = qpdf_oh_new_stream(q);
                if (cmap.failed || !set_stream(p, shared, cmap.data, cmap.len, true)) {
                    cmap.failed = true;
                    break;
                }
            }
            qpdf_oh_replace_key(q, font, "/ToUnicode", shared);
        }
    }
    if (cmap.failed)
        fail(p, GP_ERR_NOMEM, NULL, "%s", "out of memory");
    gp_buf_free(&cmap);
    qpdf_failed(p, "ToUnicode");
}

/* Attachments ---------------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void attach(post *p, const char *const *paths, size_t n)
{
    qpdf_data q = p->q;
    static const char *const desc[2] = {"Guide source (YAML)", "Style sheet (YAML)"};
    char names[2][256];
    size_t order[2] = {0, 1};
    char date[32];
    pdf_date(date, sizeof date, p->opt->date);
    n = n > 2 ? 2 : n;
    for (size_t i = 0; i < n; i++)
        snprintf(names[i], sizeof names[i], "%s%s",
                 i == 1 && n == 2 && !strcmp(base_name(paths[0]), base_name(paths[1])) ? "style-"
                                                                                       : "",
                 base_name(paths[i]));
    if (n == 2 && strcmp(names[0], names[1]) > 0) { /* name trees are sorted */
        order[0] = 1;
        order[1] = 0;
    }
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh tree = qpdf_oh_new_array(q);
    qpdf_oh af = qpdf_oh_new_array(q);
    for (size_t k = 0; k < n && !p->failed; k++) {
        size_t i = order[k];
        char *data = NULL;
        size_t len = 0;
        int rc = gp_file_read(paths[i], MAX_ATTACHMENT, &data, &len);
        if (rc) {
            fail(p, GP_ERR_IO, paths[i],
                 rc == -2 ? "%s is too large to attach" : "cannot read %s to attach it", paths[i]);
            break;
        }
        qpdf_oh ef = qpdf_oh_new_stream(q);
        bool ok = set_stream(p, ef, data, len, true);
        gp_free(data);
        if (!ok) {
            fail(p, GP_ERR_NOMEM, NULL, "%s", "out of memory");
            break;
        }
        qpdf_oh efd = qpdf_oh_get_dict(q, ef);
        qpdf_oh_replace_key(q, efd, "/Type", qpdf_oh_new_name(q, "/EmbeddedFile"));
        qpdf_oh_replace_key(q, efd, "/Subtype", qpdf_oh_new_name(q, "/application#2Fx-yaml"));
        qpdf_oh params = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, params, "/Size", qpdf_oh_new_integer(q, (long long)len));
        qpdf_oh_replace_key(q, params, "/ModDate", qpdf_oh_new_string(q, date));
        qpdf_oh_replace_key(q, efd, "/Params", params);

        qpdf_oh fs = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, fs, "/Type", qpdf_oh_new_name(q, "/Filespec"));
        qpdf_oh_replace_key(q, fs, "/F", qpdf_oh_new_unicode_string(q, names[i]));
        qpdf_oh_replace_key(q, fs, "/UF", qpdf_oh_new_unicode_string(q, names[i]));
        qpdf_oh_replace_key(q, fs, "/Desc", qpdf_oh_new_string(q, desc[i]));
        qpdf_oh_replace_key(q, fs, "/AFRelationship", qpdf_oh_new_name(q, "/Source"));
        qpdf_oh efs = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, efs, "/F", ef);
        qpdf_oh_replace_key(q, efs, "/UF", ef);
        qpdf_oh_replace_key(q, fs, "/EF", efs);
        fs = qpdf_make_indirect_object(q, fs);
        qpdf_oh_append_item(q, tree, qpdf_oh_new_unicode_string(q, names[i]));
        qpdf_oh_append_item(q, tree, fs);
        qpdf_oh_append_item(q, af, fs);
    }
    if (p->failed)
        return;
    qpdf_oh names_dict = qpdf_oh_get_key(q, root, "/Names");
    if (!qpdf_oh_is_dictionary(q, names_dict)) {
        names_dict = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, root, "/Names", names_dict);
    }
    qpdf_oh node = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, node, "/Names", tree);
    qpdf_oh_replace_key(q, names_dict, "/EmbeddedFiles", node);
    qpdf_oh_replace_key(q, root, "/AF", af);
    qpdf_failed(p, "attachments");
}

/* PDF/A-1b ------------------------------------------------------------------- */

static void xml_text(gp_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': gp_buf_puts(b, "&amp;"); break;
        case '<': gp_buf_puts(b, "&lt;"); break;
        case '>': gp_buf_puts(b, "&gt;"); break;
        case '"': gp_buf_puts(b, "&quot;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
                gp_buf_append(b, s, 1);
        }
    }
}

/* The Info entry key as UTF-8, gp_malloc'ed; NULL if absent. */
static char *info_value(post *p, qpdf_oh info, const char *key)
{
    qpdf_oh v = qpdf_oh_get_key(p->q, info, key);
    if (!qpdf_oh_is_string(p->q, v))
        return NULL;
    const char *s = qpdf_oh_get_utf8_value(p->q, v);
    return s && s[0] ? gp_strdup(s) : NULL;
}

static void xmp_element(gp_buf *b, const char *tag, const char *value, const char *wrap)
{
    if (!value)
        return;
    gp_buf_printf(b, "   <%s>", tag);
    if (wrap)
        gp_buf_printf(b, "<rdf:%s><rdf:li%s>", wrap,
                      !strcmp(wrap, "Alt") ? " xml:lang=\"x-default\"" : "");
    xml_text(b, value);
    if (wrap)
        gp_buf_printf(b, "</rdf:li></rdf:%s>", wrap);
    gp_buf_printf(b, "</%s>\n", tag);
}

static void add_xmp(post *p)
{
    qpdf_data q = p->q;
    qpdf_oh trailer = qpdf_get_trailer(q);
    qpdf_oh info = qpdf_oh_get_key(q, trailer, "/Info");
    if (!qpdf_oh_is_dictionary(q, info)) {
        info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
        qpdf_oh_replace_key(q, trailer, "/Info", info);
    }
    /* One date for Info and XMP, in one form. */
    char date[32], xdate[32];
    pdf_date(date, sizeof date, p->opt->date);
    xmp_date(xdate, sizeof xdate, p->opt->date);
    qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, date));
    qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, date));
    char *title = info_value(p, info, "/Title"), *author = info_value(p, info, "/Author"),
         *subject = info_value(p, info, "/Subject"), *keywords = info_value(p, info, "/Keywords"),
         *creator = info_value(p, info, "/Creator"), *producer = info_value(p, info, "/Producer");

    gp_buf x = {0};
    gp_buf_puts(&x,
                "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                "  <rdf:Description rdf:about=\"\" "
                "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                "   <pdfaid:part>1</pdfaid:part>\n"
                "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                "  </rdf:Description>\n"
                "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                "   <dc:format>application/pdf</dc:format>\n");
    xmp_element(&x, "dc:title", title, "Alt");
    xmp_element(&x, "dc:creator", author, "Seq");
    xmp_element(&x, "dc:description", subject, "Alt");
    xmp_element(&x, "dc:language", p->opt->lang && p->opt->lang[0] ? p->opt->lang : NULL, "Bag");
    gp_buf_puts(&x,
                "  </rdf:Description>\n"
                "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
    xmp_element(&x, "xmp:CreateDate", xdate, NULL);
    xmp_element(&x, "xmp:ModifyDate", xdate, NULL);
    xmp_element(&x, "xmp:MetadataDate", xdate, NULL);
    xmp_element(&x, "xmp:CreatorTool", creator, NULL);
    gp_buf_puts(&x,
                "  </rdf:Description>\n"
                "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
    xmp_element(&x, "pdf:Producer", producer, NULL);
    xmp_element(&x, "pdf:Keywords", keywords, NULL);
    gp_buf_puts(&x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n");
    /* The packet's customary padding lets an editor update it in place. */
    for (int i = 0; i < 20; i++)
        gp_buf_puts(&x, "                                                                    \n");
    gp_buf_puts(&x, "<?xpacket end=\"w\"?>");
    gp_free(title);
    gp_free(author);
    gp_free(subject);
    gp_free(keywords);
    gp_free(creator);
    gp_free(producer);
    if (x.failed) {
        gp_buf_free(&x);
        fail(p, GP_ERR_NOMEM, NULL, "%s", "out of memory");
        return;
    }
    qpdf_oh meta = qpdf_oh_new_stream(q);
    set_stream(p, meta, x.data, x.len, false); /* PDF/A: metadata is never filtered */
    gp_buf_free(&x);
    qpdf_oh md = qpdf_oh_get_dict(q, meta);
    qpdf_oh_replace_key(q, md, "/Type", qpdf_oh_new_name(q, "/Metadata"));
    qpdf_oh_replace_key(q, md, "/Subtype", qpdf_oh_new_name(q, "/XML"));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/Metadata", meta);
}

static void add_output_intent(post *p)
{
    qpdf_data q = p->q;
    char *icc = NULL;
    size_t len = 0;
    if (gp_file_read(GP_ICC_PROFILE, 1u << 20, &icc, &len) || len < 128) {
        gp_free(icc);
        fail(p, GP_ERR_IO, GP_ICC_PROFILE,
             "cannot read the sRGB ICC profile %s for PDF/A (package icc-profiles-free)",
             GP_ICC_PROFILE);
        return;
    }
    qpdf_oh prof = qpdf_oh_new_stream(q);
    bool ok = set_stream(p, prof, icc, len, true);
    gp_free(icc);
    if (!ok) {
        fail(p, GP_ERR_NOMEM, NULL, "%s", "out of memory");
        return;
    }
    qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, prof), "/N", qpdf_oh_new_integer(q, 3));
    qpdf_oh oi = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, oi, "/Type", qpdf_oh_new_name(q, "/OutputIntent"));
    qpdf_oh_replace_key(q, oi, "/S", qpdf_oh_new_name(q, "/GTS_PDFA1"));
    qpdf_oh_replace_key(q, oi, "/OutputConditionIdentifier",
                        qpdf_oh_new_string(q, "sRGB IEC61966-2.1"));
    qpdf_oh_replace_key(q, oi, "/Info", qpdf_oh_new_string(q, "sRGB IEC61966-2.1"));
    qpdf_oh_replace_key(q, oi, "/RegistryName", qpdf_oh_new_string(q, "http://www.color.org"));
    qpdf_oh_replace_key(q, oi, "/DestOutputProfile", prof);
    qpdf_oh arr = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, arr, qpdf_make_indirect_object(q, oi));
    qpdf_oh_replace_key(q, qpdf_get_root(q), "/OutputIntents", arr);
}

/* PDF/A-1 asks every subset CID font (libharu names its fonts HPDFAA+...)
 * for a /CIDSet bitmap of the CIDs its program holds; libharu writes none.
 * A CID is held when the font's CIDToGIDMap gives it a glyph. */
static void add_cidsets(post *p)
{
    qpdf_data q = p->q;
    int done[64];
    int n_done = 0;
    int n_pages = qpdf_get_num_pages(q);
    for (int i = 0; i < n_pages && !p->failed; i++) {
        qpdf_oh fonts = qpdf_oh_get_key(
            q, qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Resources"), "/Font");
        if (!qpdf_oh_is_dictionary(q, fonts))
            continue;
        qpdf_oh_begin_dict_key_iter(q, fonts);
        while (qpdf_oh_dict_more_keys(q) && !p->failed) {
            qpdf_oh font = qpdf_oh_get_key(q, fonts, qpdf_oh_dict_next_key(q));
            qpdf_oh desc_fonts = qpdf_oh_get_key(q, font, "/DescendantFonts");
            if (!qpdf_oh_is_array(q, desc_fonts) || qpdf_oh_get_array_n_items(q, desc_fonts) < 1)
                continue;
            qpdf_oh cid = qpdf_oh_get_array_item(q, desc_fonts, 0);
            qpdf_oh fd = qpdf_oh_get_key(q, cid, "/FontDescriptor");
            qpdf_oh map = qpdf_oh_get_key(q, cid, "/CIDToGIDMap");
            if (!qpdf_oh_is_dictionary(q, fd) || qpdf_oh_has_key(q, fd, "/CIDSet") ||
                !qpdf_oh_is_stream(q, map))
                continue;
            int id = qpdf_oh_get_object_id(q, fd);
            bool seen = false;
            for (int k = 0; k < n_done; k++)
                seen |= done[k] == id;
            if (seen || n_done == 64)
                continue;
            done[n_done++] = id;
            unsigned char *m = NULL;
            size_t len = 0;
            QPDF_BOOL filtered = QPDF_FALSE;
            if (qpdf_oh_get_stream_data(q, map, qpdf_dl_generalized, &filtered, &m, &len) || !m)
                continue;
            size_t n_cids = len / 2, last = 0;
            unsigned char *bits = gp_calloc(n_cids / 8 + 1, 1);
            if (!bits) {
                free(m);
                fail(p, GP_ERR_NOMEM, NULL, "%s", "out of memory");
                break;
            }
            for (size_t c = 0; c < n_cids; c++)
                if (c == 0 || m[2 * c] || m[2 * c + 1]) {
                    bits[c / 8] |= (unsigned char)(0x80 >> (c % 8));
                    last = c;
                }
            free(m);
            qpdf_oh set = qpdf_oh_new_stream(q);
            if (!set_stream(p, set, bits, last / 8 + 1, true))
                fail(p, GP_ERR_NOMEM, NULL, "%s", "out of memory");
            gp_free(bits);
            qpdf_oh_replace_key(q, fd, "/CIDSet", set);
        }
    }
}

/* Tagged PDF: Cairo 1.16's structure tags take no attributes, so the
 * Figure elements (logo, salary chart) get their /Alt text here, in the
 * order layout emitted them (Cairo writes the tree in that order).
 *
 * Layout puts figures only at the top of the tree or inside grouping
 * elements, so the walk looks into nothing else: paragraphs, lists and
 * tables hold hundreds of elements, and the walk need not depend on how
 * many (qpdf parses them all when it writes the file anyway). */
static bool is_group(qpdf_data q, qpdf_oh s)
{
    static const char *const groups[] = {"/Document", "/Sect", "/Div", "/Part", "/Art"};
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (qpdf_oh_is_name_and_equals(q, s, groups[i]))
            return true;
    return false;
}

static void figure_alt_walk(post *p, qpdf_oh node, size_t *next, int depth)
{
    qpdf_data q = p->q;
    if (depth > 64 || *next >= p->opt->n_figure_alt)
        return;
    if (qpdf_oh_is_array(q, node)) {
        int n = qpdf_oh_get_array_n_items(q, node);
        for (int i = 0; i < n && *next < p->opt->n_figure_alt; i++)
            figure_alt_walk(p, qpdf_oh_get_array_item(q, node, i), next, depth + 1);
        return;
    }
    if (!qpdf_oh_is_dictionary(q, node))
        return;
    qpdf_oh s = qpdf_oh_get_key(q, node, "/S");
    if (qpdf_oh_is_name_and_equals(q, s, "/Figure")) {
        const char *alt = p->opt->figure_alt[(*next)++];
        qpdf_oh_replace_key(q, node, "/Alt", qpdf_oh_new_unicode_string(q, alt ? alt : "Figure"));
    } else if (is_group(q, s)) {
        figure_alt_walk(p, qpdf_oh_get_key(q, node, "/K"), next, depth + 1);
    }
}

static void add_figure_alt(post *p)
{
    qpdf_oh tree = qpdf_oh_get_key(p->q, qpdf_get_root(p->q), "/StructTreeRoot");
    size_t next = 0;
    if (qpdf_oh_is_dictionary(p->q, tree))
        figure_alt_walk(p, qpdf_oh_get_key(p->q, tree, "/K"), &next, 0);
}

/* PDF/A-1 wants every annotation printable (F bit 3 set, hidden bits off). */
static void print_annotations(post *p)
{
    qpdf_data q = p->q;
    int n_pages = qpdf_get_num_pages(q);
    for (int i = 0; i < n_pages; i++) {
        qpdf_oh annots = qpdf_oh_get_key(q, qpdf_get_page_n(q, (size_t)i), "/Annots");
        int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots) : 0;
        for (int k = 0; k < n; k++) {
            qpdf_oh a = qpdf_oh_get_array_item(q, annots, k);
            if (qpdf_oh_is_dictionary(q, a))
                qpdf_oh_replace_key(q, a, "/F", qpdf_oh_new_integer(q, 4));
        }
    }
}

/* Encryption ------------------------------------------------------------------ */

/* The owner password when none is given: "gp-owner-" and 16 hex digits of
 * the 64-bit FNV-1a hash of "guidepress owner password:" followed by the
 * user password (documented in docs/archival.md). Never empty and never
 * the user password, so opening the file does not grant owner rights; pass
 * --owner-password to make the permissions more than advisory. */
static void derive_owner(const char *user, char *out, size_t cap)
{
    unsigned long long h = 14695981039346656037ull;
    const char *salt = "guidepress owner password:";
    for (const char *s = salt; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    for (const char *s = user; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    snprintf(out, cap, "gp-owner-%016llx", h);
}

int gpmod_pdf_postprocess(gp_buf *pdf, const gp_post_options *opt, gp_diags *diags)
{
    if (opt->pdfa && opt->password) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "PDF/A forbids encryption: use --pdfa or --password, not both");
        return -1;
    }
    if (opt->pdfa && opt->n_attach) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "PDF/A-1 forbids embedded files: use --pdfa or --attach-source, not both");
        return -1;
    }
    if (!pdf->data || pdf->len == 0) {
        gp_diags_add(diags, GP_ERR_PAINT, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "post-processing the PDF: the painter wrote nothing");
        return -1;
    }
    post p = {qpdf_init(), diags, opt, false};
    qpdf_data q = p.q;
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    if (qpdf_read_memory(q, "painted PDF", pdf->data, pdf->len, NULL) & QPDF_ERRORS)
        qpdf_failed(&p, "reading");
    if (!p.failed && opt->lang && opt->lang[0])
        qpdf_oh_replace_key(q, qpdf_get_root(q), "/Lang", qpdf_oh_new_string(q, opt->lang));
    if (!p.failed)
        fix_tounicode(&p);
    if (!p.failed && opt->n_figure_alt)
        add_figure_alt(&p);
    if (!p.failed && opt->n_attach)
        attach(&p, opt->attach, opt->n_attach);
    if (!p.failed && opt->pdfa) {
        add_xmp(&p);
        add_output_intent(&p);
        add_cidsets(&p);
        print_annotations(&p);
        qpdf_failed(&p, "PDF/A metadata");
    }
    if (!p.failed && (qpdf_init_write_memory(q) & QPDF_ERRORS))
        qpdf_failed(&p, "writing");
    if (!p.failed) {
        if (opt->password) {
            char derived[64];
            const char *owner = opt->owner_password;
            if (!owner || !owner[0]) {
                derive_owner(opt->password, derived, sizeof derived);
                owner = derived;
            }
            bool copy = opt->permissions & GP_PERM_COPY;
            bool modify = opt->permissions & GP_PERM_MODIFY;
            qpdf_set_r6_encryption_parameters2(
                q, opt->password, owner, QPDF_TRUE, copy, modify, modify, modify, modify,
                (opt->permissions & GP_PERM_PRINT) ? qpdf_r3p_full : qpdf_r3p_none, QPDF_TRUE);
        } else {
            qpdf_set_deterministic_ID(q, QPDF_TRUE);
        }
        qpdf_set_stream_data_mode(q, qpdf_s_preserve);
        if (opt->pdfa) {
            qpdf_set_object_stream_mode(q, qpdf_o_disable);
            qpdf_force_pdf_version(q, "1.4");
        } else {
            /* The structure tree, annotations and font dictionaries are
             * hundreds of small objects Cairo writes uncompressed: packed
             * into compressed object streams (PDF 1.5) the seed guide goes
             * from 79 KB to 54 KB. PDF/A-1 is 1.4 and may not have them. */
            qpdf_set_object_stream_mode(q, qpdf_o_generate);
        }
        if (qpdf_write(q) & QPDF_ERRORS)
            qpdf_failed(&p, "writing");
    }
    int rc = -1;
    if (!p.failed) {
        size_t len = qpdf_get_buffer_length(q);
        const unsigned char *data = qpdf_get_buffer(q);
        gp_buf out = {0};
        gp_buf_append(&out, (const char *)data, len);
        if (out.failed || !data) {
            gp_buf_free(&out);
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "out of memory while post-processing the PDF");
        } else {
            gp_buf_free(pdf);
            *pdf = out;
            rc = 0;
        }
    }
    qpdf_cleanup(&q);
    return rc;
}
