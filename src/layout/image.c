/* layout/image.c - probing logos (see image.h). The PNG is fully decoded
 * once here by Cairo (after its header passed the size limits) so that a
 * corrupt file is reported at layout time with its path, never half-way
 * through painting. */
#include "layout/image.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/svg.h"

static int fail(gp_lctx *lc, gp_pos pos, const char *path, const char *why)
{
    gp_diags_add(lc->diags, GP_ERR_IMAGE, GP_SEV_ERROR, pos.file, pos.line, pos.col, NULL, NULL,
                 "logo %s: %s", path, why);
    lc->failed = 1;
    return -1;
}

static unsigned be32(const unsigned char *p)
{
    return (unsigned)p[0] << 24 | (unsigned)p[1] << 16 | (unsigned)p[2] << 8 | p[3];
}

/* SVG logos ---------------------------------------------------------------
 * librsvg 2.54 bounds the number of elements it loads but not what they
 * pull in: an <image> (a file next to the logo or a data: URI) is decoded by
 * gdk-pixbuf at any size (a 389 KB PNG of 20000 x 20000 took 1.2 GB), and
 * <use> copies are drawn one by one (a fan-out of a few hundred elements
 * means billions of copies). So an SVG logo is first parsed with libxml2
 * (no network, no entity substitution, no external DTD) and refused when it
 * embeds or links an image, links another file, uses XML entities or
 * XInclude, or when its elements, counted with every <use> expanded, pass
 * GP_SVG_MAX_ELEMENTS. */

#define GP_SVG_MAX_ELEMENTS  100000 /* element instances, <use> expanded */
#define GP_SVG_MAX_USE_DEPTH 32     /* <use> inside <use> ... */

typedef struct svg_scan {
    xmlHashTablePtr ids; /* id -> element */
    char why[200];
} svg_scan;

static bool svg_refuse(svg_scan *s, const xmlNode *n, const char *what)
{
    if (!s->why[0])
        snprintf(s->why, sizeof s->why,
                 "SVG %s at line %ld; an SVG logo may hold only its own shapes and text", what,
                 n ? xmlGetLineNo((xmlNodePtr)n) : 0L);
    return false;
}

static bool is_name(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST name);
}

/* True unless the text names a resource outside the document: url(...)
 * must point at a fragment (`#id`). */
static bool local_urls(const xmlChar *v)
{
    for (const char *p = (const char *)v; p && (p = strstr(p, "url(")) != NULL;) {
        p += 4;
        while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
            p++;
        if (*p != '#')
            return false;
    }
    return true;
}

/* First pass: refuses what a logo may not contain, records ids. */
static bool svg_walk(svg_scan *s, xmlNode *n)
{
    for (; n; n = n->next) {
        switch (n->type) {
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE: return svg_refuse(s, n, "uses an XML entity");
        case XML_PI_NODE: return svg_refuse(s, n, "has a processing instruction");
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END: return svg_refuse(s, n, "uses XInclude");
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (n->parent && is_name(n->parent, "style") &&
                (!local_urls(n->content) || strstr((const char *)n->content, "@import")))
                return svg_refuse(s, n, "style sheet loads another file");
            continue;
        case XML_ELEMENT_NODE: break;
        default: continue;
        }
        if (is_name(n, "image") || is_name(n, "feImage"))
            return svg_refuse(s, n,
                              is_name(n, "image")
                                  ? "has an <image> (an embedded or linked picture)"
                                  : "has an <feImage> (an embedded or linked picture)");
        if (is_name(n, "include"))
            return svg_refuse(s, n, "uses XInclude");
        for (xmlAttr *a = n->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNode *)a);
            bool ok = true;
            if (!xmlStrcmp(a->name, BAD_CAST "href") && !is_name(n, "a"))
                ok = v && v[0] == '#';
            else if (!a->ns && !xmlStrcmp(a->name, BAD_CAST "id") && v && s->ids)
                xmlHashAddEntry(s->ids, v, n); /* the first of duplicates wins */
            ok = ok && local_urls(v);
            xmlFree(v);
            if (!ok)
                return svg_refuse(s, n, "links another file");
        }
        if (!svg_walk(s, n->children))
            return false;
    }
    return true;
}

/* Element instances drawn for n and its subtree, <use> expanded; saturates
 * above GP_SVG_MAX_ELEMENTS. Memoised in _private: 0 unvisited, 1 being
 * counted (a <use> cycle), else count + 2. */
static size_t svg_cost(svg_scan *s, xmlNode *n, int depth)
{
    const size_t cap = GP_SVG_MAX_ELEMENTS + 1;
    uintptr_t memo = (uintptr_t)n->_private;
    if (memo == 1) {
        svg_refuse(s, n, "has a <use> cycle");
        return cap;
    }
    if (memo > 1)
        return (size_t)(memo - 2);
    if (depth > GP_SVG_MAX_USE_DEPTH) {
        svg_refuse(s, n, "nests <use> too deeply");
        return cap;
    }
    n->_private = (void *)(uintptr_t)1;
    size_t total = 1;
    for (xmlNode *c = n->children; c && total < cap; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            total += svg_cost(s, c, depth);
    if (is_name(n, "use") && total < cap) {
        xmlChar *href = xmlGetProp(n, BAD_CAST "href");
        if (!href)
            href = xmlGetNsProp(n, BAD_CAST "href", BAD_CAST "http://www.w3.org/1999/xlink");
        xmlNode *t = href && href[0] == '#' ? xmlHashLookup(s->ids, href + 1) : NULL;
        xmlFree(href);
        if (t)
            total += svg_cost(s, t, depth + 1);
    }
    if (total > cap)
        total = cap;
    n->_private = (void *)(uintptr_t)(total + 2);
    return total;
}

/* Returns NULL when the SVG at path may be given to librsvg, else why not
 * (in s->why). A file libxml2 cannot parse is left to librsvg's own error. */
static const char *svg_prescan(svg_scan *s, const char *path)
{
    s->why[0] = '\0';
    xmlDocPtr doc = xmlReadFile(
        path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    if (!doc)
        return NULL;
    s->ids = xmlHashCreate(64);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (doc->intSubset && doc->intSubset->entities)
        svg_refuse(s, root, "declares XML entities");
    else if (root && svg_walk(s, doc->children) && root->type == XML_ELEMENT_NODE) {
        if (svg_cost(s, root, 0) > GP_SVG_MAX_ELEMENTS && !s->why[0])
            snprintf(s->why, sizeof s->why,
                     "SVG draws more than %d elements once each <use> is expanded (a <use> "
                     "fan-out); an SVG logo may draw at most that many",
                     GP_SVG_MAX_ELEMENTS);
    }
    xmlHashFree(s->ids, NULL);
    s->ids = NULL;
    xmlFreeDoc(doc);
    return s->why[0] ? s->why : NULL;
}

int gp_image_probe(gp_lctx *lc, const char *path, gp_pos pos, gp_image_info *out)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return fail(lc, pos, path, "file not found");
    if ((size_t)st.st_size > lc->lim->max_image_bytes)
        return fail(lc, pos, path, "file is larger than the image size limit");
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(lc, pos, path, "cannot open the file");
    unsigned char head[32] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n >= 24 && !memcmp(head, png_sig, 8) && !memcmp(head + 12, "IHDR", 4)) {
        unsigned w = be32(head + 16), h = be32(head + 20);
        if (w == 0 || h == 0)
            return fail(lc, pos, path, "PNG has no pixels");
        if ((double)w * (double)h > (double)lc->lim->max_image_pixels || w > 32767 || h > 32767) {
            /* Refused from the header alone: nothing is decoded. */
            char why[160];
            if (w > 32767 || h > 32767)
                snprintf(why, sizeof why,
                         "PNG is %u x %u pixels; a side may be at most 32767 pixels", w, h);
            else
                snprintf(why, sizeof why, "PNG is %u x %u pixels, more than the %ld-pixel limit", w,
                         h, lc->lim->max_image_pixels);
            return fail(lc, pos, path, why);
        }
        cairo_surface_t *s = cairo_image_surface_create_from_png(path);
        cairo_status_t stt = cairo_surface_status(s);
        cairo_surface_destroy(s);
        if (stt)
            return fail(lc, pos, path, "PNG is corrupt or unreadable");
        out->kind = GP_IMAGE_PNG;
        out->width = w * 0.75;
        out->height = h * 0.75;
        return 0;
    }
    svg_scan scan;
    if (svg_prescan(&scan, path))
        return fail(lc, pos, path, scan.why);
    char why[1024];
    double w = 0, hh = 0;
    int rc = gp_svg_size(path, &w, &hh, why, sizeof why);
    if (rc < 0)
        return fail(lc, pos, path, why);
    if (rc == 1)
        return fail(lc, pos, path, "not a PNG or SVG image (or a corrupt one)");
    if (rc == 2)
        return fail(lc, pos, path, "SVG has no size (set width and height or a viewBox)");
    out->kind = GP_IMAGE_SVG;
    out->width = w * 0.75;
    out->height = hh * 0.75;
    return 0;
}

int gp_logo_check(const char *path, gp_pos pos, const gp_limits *lim, gp_diags *diags)
{
    gp_limits defaults;
    if (!lim) {
        gp_limits_default(&defaults);
        lim = &defaults;
    }
    gp_lctx lc = {0};
    lc.lim = lim;
    lc.diags = diags;
    gp_image_info info;
    return gp_image_probe(&lc, path, pos, &info);
}
