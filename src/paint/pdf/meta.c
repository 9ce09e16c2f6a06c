/* paint/pdf/meta.c - document metadata: the Info dictionary, XMP (with
 * pdfuaid:part 1, and pdfaid for PDF/A-2u, whose extension schema for the
 * pdfuaid namespace is declared as PDF/A-2 requires), and the sRGB
 * OutputIntent of PDF/A. Info and XMP are written from the same values, so
 * they agree. */
#include "paint/pdf/meta.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"

#ifndef GP_ICC_PROFILE
#define GP_ICC_PROFILE "/usr/share/color/icc/sRGB.icc"
#endif

static void dates(long long t, char *pdf, char *xmp)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(pdf, 32, "D:%Y%m%d%H%M%SZ", &tm);
    strftime(xmp, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void info_entry(gp_buf *b, const char *key, const char *v)
{
    if (!v || !v[0])
        return;
    gp_buf_printf(b, "/%s", key);
    pdf_text(b, v, strlen(v));
}

void pdf_info_write(pdfw *w, uint32_t obj, const gp_meta *m, const char *producer)
{
    char pd[32], xd[32];
    dates(m->date, pd, xd);
    gp_buf *b = pdfw_begin(w, obj);
    gp_buf_puts(b, "<<");
    info_entry(b, "Title", m->title);
    info_entry(b, "Author", m->author);
    info_entry(b, "Subject", m->subject);
    info_entry(b, "Keywords", m->keywords);
    info_entry(b, "Creator", m->creator);
    info_entry(b, "Producer", producer);
    gp_buf_printf(b, "/CreationDate(%s)/ModDate(%s)>>", pd, pd);
    pdfw_end(w);
}

static void xml_text(gp_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': gp_buf_puts(b, "&lt;"); break;
        case '>': gp_buf_puts(b, "&gt;"); break;
        case '&': gp_buf_puts(b, "&amp;"); break;
        case '"': gp_buf_puts(b, "&quot;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
                gp_buf_append(b, s, 1);
        }
    }
}

static void simple(gp_buf *b, const char *tag, const char *v)
{
    if (!v || !v[0])
        return;
    gp_buf_printf(b, "<%s>", tag);
    xml_text(b, v);
    gp_buf_printf(b, "</%s>\n", tag);
}

static void lang_alt(gp_buf *b, const char *tag, const char *v)
{
    if (!v || !v[0])
        return;
    gp_buf_printf(b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
    xml_text(b, v);
    gp_buf_printf(b, "</rdf:li></rdf:Alt></%s>\n", tag);
}

static const char pdfua_schema[] =
    "<rdf:Description rdf:about=\"\" "
    "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
    "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
    "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
    "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
    "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "<pdfaProperty:name>part</pdfaProperty:name>\n"
    "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "<pdfaProperty:category>internal</pdfaProperty:category>\n"
    "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is "
    "followed</pdfaProperty:description>\n"
    "</rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "</rdf:Description>\n";

void pdf_xmp_write(pdfw *w, uint32_t obj, const gp_meta *m, const char *producer, bool pdfa,
                   bool ua)
{
    char pd[32], xd[32];
    dates(m->date, pd, xd);
    gp_buf b = {0};
    gp_buf_puts(&b, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "<rdf:Description rdf:about=\"\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
                    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"");
    if (ua)
        gp_buf_puts(&b, " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if (pdfa)
        gp_buf_puts(&b, " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    gp_buf_puts(&b, ">\n<dc:format>application/pdf</dc:format>\n");
    lang_alt(&b, "dc:title", m->title);
    if (m->author && m->author[0]) {
        gp_buf_puts(&b, "<dc:creator><rdf:Seq><rdf:li>");
        xml_text(&b, m->author);
        gp_buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    lang_alt(&b, "dc:description", m->subject);
    if (m->lang && m->lang[0]) {
        gp_buf_puts(&b, "<dc:language><rdf:Bag><rdf:li>");
        xml_text(&b, m->lang);
        gp_buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    simple(&b, "pdf:Keywords", m->keywords);
    simple(&b, "pdf:Producer", producer);
    simple(&b, "xmp:CreatorTool", m->creator);
    simple(&b, "xmp:CreateDate", xd);
    simple(&b, "xmp:ModifyDate", xd);
    simple(&b, "xmp:MetadataDate", xd);
    if (ua)
        gp_buf_puts(&b, "<pdfuaid:part>1</pdfuaid:part>\n");
    if (pdfa)
        gp_buf_puts(&b,
                    "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>U</pdfaid:conformance>\n");
    gp_buf_puts(&b, "</rdf:Description>\n");
    if (pdfa && ua)
        gp_buf_puts(&b, pdfua_schema);
    gp_buf_puts(&b, "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
    if (b.failed)
        w->failed = true;
    else
        pdfw_stream(w, obj, "/Type/Metadata/Subtype/XML", b.data, b.len, false);
    gp_buf_free(&b);
}

int pdf_output_intent(pdfw *w, uint32_t obj, const char *icc_path, char *err, size_t errcap)
{
    const char *path = icc_path ? icc_path : GP_ICC_PROFILE;
    char *data = NULL;
    size_t len = 0;
    if (gp_file_read(path, 4u << 20, &data, &len) || len < 128) {
        snprintf(err, errcap, "PDF/A: cannot read the sRGB ICC profile %s", path);
        gp_free(data);
        return -1;
    }
    uint32_t icc = pdfw_alloc(w);
    pdfw_stream(w, icc, "/N 3", data, len, true);
    gp_free(data);
    gp_buf *b = pdfw_begin(w, obj);
    gp_buf_printf(b,
                  "<</Type/OutputIntent/S/GTS_PDFA1/OutputConditionIdentifier(sRGB IEC61966-2.1)"
                  "/Info(sRGB IEC61966-2.1)/DestOutputProfile %u 0 R>>",
                  icc);
    pdfw_end(w);
    return 0;
}
