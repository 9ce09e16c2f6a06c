/* bench/bench_bytes.c - where a written PDF's bytes go.
 *
 * Issue 9 wants small files (subset fonts, compressed streams, shared
 * resources) and a byte budget per guide. This reads the file gp_render
 * wrote (bench_warm.c's last document with a painter) with libqpdf's C API
 * and splits its size into parts: font programs, font maps, page contents,
 * images, forms, object streams, metadata and attachments, and the rest.
 *
 * A stream counts with its /Length, the bytes as stored (compressed), and
 * once however many pages or fonts share it: the first part that reaches
 * it keeps it. The walk goes from every page (contents, then resources:
 * fonts, XObjects, patterns, soft masks, recursively into forms; then the
 * annotations' appearance streams), then the catalogue (/Metadata, the
 * OutputIntents' profiles), then every object 1 .. /Size - 1 for streams
 * that say what they are (/Type /ObjStm, /Metadata, /EmbeddedFile, image
 * and form XObjects nothing referenced). "Other" is the file size minus
 * the parts: the dictionaries outside object streams (each stream's own),
 * the cross-reference stream, header and trailer, and any stream no part
 * claims (counted, so a new kind of stream does not hide there).
 *
 * Nothing here stops the bench: a missing key counts as nothing, and a
 * file qpdf cannot read leaves the figures out with a message. */
#include "bench.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <qpdf/qpdf-c.h>

const char *const bench_part_names[N_BYTE_PARTS] = {
    "font_programs", "font_maps",      "page_contents",      "images",
    "forms",         "object_streams", "metadata_and_files", "other"};

#define MAX_DEPTH 8 /* forms inside forms */

typedef struct walk {
    qpdf_data q;
    bench_bytes *b;
    int *seen; /* generation + 1 by object number, once visited */
    size_t cap;
    bool nomem;
} walk;

/* The value of key k in a dictionary or a stream's dictionary, or null. */
static qpdf_oh key(walk *w, qpdf_oh oh, const char *k)
{
    if (qpdf_oh_is_stream(w->q, oh))
        oh = qpdf_oh_get_dict(w->q, oh);
    if (!qpdf_oh_is_dictionary(w->q, oh))
        return qpdf_oh_new_null(w->q);
    return qpdf_oh_get_key(w->q, oh, k);
}

static bool is_name(walk *w, qpdf_oh oh, const char *k, const char *name)
{
    return qpdf_oh_is_name_and_equals(w->q, key(w, oh, k), name);
}

/* True the first time an indirect object is visited (and always for a
 * direct one: it cannot be reached twice). An object number has one live
 * generation in a file; the generation is kept all the same. */
static bool first_visit(walk *w, qpdf_oh oh)
{
    int id = qpdf_oh_get_object_id(w->q, oh);
    if (id <= 0)
        return true;
    int gen = qpdf_oh_get_generation(w->q, oh) + 1;
    if ((size_t)id >= w->cap) {
        size_t cap = (size_t)id * 2 + 16;
        int *s = realloc(w->seen, cap * sizeof *s);
        if (!s) {
            w->nomem = true;
            return false;
        }
        memset(s + w->cap, 0, (cap - w->cap) * sizeof *s);
        w->seen = s;
        w->cap = cap;
    }
    if (w->seen[id] == gen)
        return false;
    w->seen[id] = gen;
    return true;
}

static long long stream_length(walk *w, qpdf_oh s)
{
    long long n = 0;
    if (!qpdf_oh_get_value_as_longlong(w->q, key(w, s, "/Length"), &n) || n < 0)
        return 0;
    return n;
}

/* Counts stream s in part the first time it is seen; returns its length,
 * or -1 when s is not a stream or was counted already. */
static long long add(walk *w, int part, qpdf_oh s)
{
    if (!qpdf_oh_is_stream(w->q, s) || !first_visit(w, s))
        return -1;
    long long n = stream_length(w, s);
    w->b->part[part] += n;
    w->b->streams[part]++;
    return n;
}

/* The values of a dictionary, malloc'ed (*out NULL when there are none).
 * qpdf has one key iterator per document, so the walk collects the values
 * before it goes deeper. */
static size_t values(walk *w, qpdf_oh dict, qpdf_oh **out)
{
    qpdf_data q = w->q;
    *out = NULL;
    if (!qpdf_oh_is_dictionary(q, dict))
        return 0;
    size_t n = 0, cap = 0;
    qpdf_oh_begin_dict_key_iter(q, dict);
    while (qpdf_oh_dict_more_keys(q)) {
        qpdf_oh v = qpdf_oh_get_key(q, dict, qpdf_oh_dict_next_key(q));
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            qpdf_oh *a = realloc(*out, cap * sizeof *a);
            if (!a) {
                w->nomem = true;
                break;
            }
            *out = a;
        }
        (*out)[n++] = v;
    }
    return n;
}

/* A name without its slash into buf ("?" when oh is not a name). */
static void name_of(walk *w, qpdf_oh oh, char *buf, size_t cap)
{
    const char *s = qpdf_oh_is_name(w->q, oh) ? qpdf_oh_get_name(w->q, oh) : "/?";
    snprintf(buf, cap, "%s", s[0] == '/' ? s + 1 : s);
}

static void record_font(walk *w, const char *name, const char *type, long long bytes)
{
    bench_bytes *b = w->b;
    if (b->n_fonts < BENCH_MAX_FONTS) {
        bench_font *f = &b->font[b->n_fonts];
        snprintf(f->name, sizeof f->name, "%s", name);
        snprintf(f->type, sizeof f->type, "%s", type);
        f->bytes = bytes;
    }
    b->n_fonts++;
}

static void resources(walk *w, qpdf_oh res, int depth);

/* The font program in a font descriptor, and its CIDSet. */
static void font_program(walk *w, qpdf_oh desc, const char *name, bool cid)
{
    static const char *const keys[] = {"/FontFile", "/FontFile2", "/FontFile3"};
    for (int k = 0; k < 3; k++) {
        qpdf_oh ff = key(w, desc, keys[k]);
        long long n = add(w, BP_FONT, ff);
        if (n < 0)
            continue;
        char sub[32] = "Type 1";
        if (k == 1)
            strcpy(sub, "TrueType");
        else if (k == 2)
            name_of(w, key(w, ff, "/Subtype"), sub, sizeof sub); /* Type1C, OpenType, ... */
        char type[40];
        snprintf(type, sizeof type, "%s%s", cid ? "CID " : "", sub);
        record_font(w, name, type, n);
    }
    add(w, BP_FONT_MAP, key(w, desc, "/CIDSet"));
}

static void font(walk *w, qpdf_oh f, int depth)
{
    if (!qpdf_oh_is_dictionary(w->q, f) || !first_visit(w, f))
        return;
    char name[64];
    name_of(w, key(w, f, "/BaseFont"), name, sizeof name);
    add(w, BP_FONT_MAP, key(w, f, "/ToUnicode"));
    add(w, BP_FONT_MAP, key(w, f, "/Encoding")); /* an embedded CMap; mostly a name */
    if (is_name(w, f, "/Subtype", "/Type0")) {
        qpdf_oh d = key(w, f, "/DescendantFonts");
        if (qpdf_oh_is_array(w->q, d) && qpdf_oh_get_array_n_items(w->q, d) > 0)
            d = qpdf_oh_get_array_item(w->q, d, 0);
        add(w, BP_FONT_MAP, key(w, d, "/CIDToGIDMap"));
        font_program(w, key(w, d, "/FontDescriptor"), name, true);
    } else if (is_name(w, f, "/Subtype", "/Type3")) {
        qpdf_oh *procs;
        size_t n = values(w, key(w, f, "/CharProcs"), &procs);
        long long sum = 0;
        int found = 0;
        for (size_t i = 0; i < n; i++) {
            long long len = add(w, BP_FONT, procs[i]);
            if (len >= 0) {
                sum += len;
                found++;
            }
        }
        free(procs);
        if (found)
            record_font(w, name, "Type 3", sum);
        resources(w, key(w, f, "/Resources"), depth + 1);
    } else {
        font_program(w, key(w, f, "/FontDescriptor"), name, false);
    }
}

/* A form XObject, tiling pattern, transparency group or appearance stream:
 * counted, then its own resources. */
static void form(walk *w, qpdf_oh s, int depth)
{
    if (add(w, BP_FORM, s) >= 0)
        resources(w, key(w, s, "/Resources"), depth + 1);
}

static void resources(walk *w, qpdf_oh res, int depth)
{
    if (depth > MAX_DEPTH || !qpdf_oh_is_dictionary(w->q, res) || !first_visit(w, res))
        return;
    qpdf_oh *v;
    size_t n = values(w, key(w, res, "/Font"), &v);
    for (size_t i = 0; i < n; i++)
        font(w, v[i], depth);
    free(v);

    n = values(w, key(w, res, "/XObject"), &v);
    for (size_t i = 0; i < n; i++) {
        if (is_name(w, v[i], "/Subtype", "/Image")) {
            add(w, BP_IMAGE, v[i]);
            add(w, BP_IMAGE, key(w, v[i], "/SMask"));
            add(w, BP_IMAGE, key(w, v[i], "/Mask")); /* a stencil; mostly an array */
        } else {
            form(w, v[i], depth);
        }
    }
    free(v);

    n = values(w, key(w, res, "/Pattern"), &v); /* shading patterns are no streams */
    for (size_t i = 0; i < n; i++)
        form(w, v[i], depth);
    free(v);

    n = values(w, key(w, res, "/ExtGState"), &v);
    for (size_t i = 0; i < n; i++)
        form(w, key(w, key(w, v[i], "/SMask"), "/G"), depth);
    free(v);
}

/* The appearance streams of a page's annotations (links have none). */
static void annotations(walk *w, qpdf_oh page)
{
    qpdf_oh annots = key(w, page, "/Annots");
    int n = qpdf_oh_is_array(w->q, annots) ? qpdf_oh_get_array_n_items(w->q, annots) : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh ap = key(w, qpdf_oh_get_array_item(w->q, annots, i), "/AP");
        static const char *const kinds[] = {"/N", "/R", "/D"};
        for (int k = 0; k < 3; k++) {
            qpdf_oh a = key(w, ap, kinds[k]);
            if (qpdf_oh_is_stream(w->q, a)) {
                form(w, a, 0);
                continue;
            }
            qpdf_oh *states; /* a dictionary of appearance states */
            size_t ns = values(w, a, &states);
            for (size_t s = 0; s < ns; s++)
                form(w, states[s], 0);
            free(states);
        }
    }
}

static void pages(walk *w)
{
    qpdf_data q = w->q;
    qpdf_push_inherited_attributes_to_page(q); /* /Resources on /Pages nodes */
    int n = qpdf_get_num_pages(q);
    w->b->pages = n > 0 ? n : 0;
    for (int i = 0; i < n; i++) {
        qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh c = key(w, page, "/Contents");
        if (qpdf_oh_is_array(q, c)) {
            int m = qpdf_oh_get_array_n_items(q, c);
            for (int k = 0; k < m; k++)
                add(w, BP_CONTENT, qpdf_oh_get_array_item(q, c, k));
        } else {
            add(w, BP_CONTENT, c);
        }
        resources(w, key(w, page, "/Resources"), 0);
        annotations(w, page);
    }
}

static void catalogue(walk *w)
{
    qpdf_data q = w->q;
    qpdf_oh root = qpdf_get_root(q);
    add(w, BP_META, key(w, root, "/Metadata"));
    qpdf_oh oi = key(w, root, "/OutputIntents");
    int n = qpdf_oh_is_array(q, oi) ? qpdf_oh_get_array_n_items(q, oi) : 0;
    for (int i = 0; i < n; i++)
        add(w, BP_META, key(w, qpdf_oh_get_array_item(q, oi, i), "/DestOutputProfile"));
}

/* Every object: the streams that say what they are, and the rest. qpdf
 * writes every object with generation 0; the bound keeps a damaged /Size
 * from making this long. */
static void objects(walk *w)
{
    qpdf_data q = w->q;
    bench_bytes *b = w->b;
    long long size = 0;
    qpdf_oh_get_value_as_longlong(q, key(w, qpdf_get_trailer(q), "/Size"), &size);
    for (long long id = 1; id < size && id <= 10000000; id++) {
        qpdf_oh s = qpdf_get_object_by_id(q, (int)id, 0);
        if (!qpdf_oh_is_stream(q, s))
            continue;
        b->n_streams++;
        if (is_name(w, s, "/Type", "/ObjStm"))
            add(w, BP_OBJSTM, s);
        else if (is_name(w, s, "/Type", "/Metadata") || is_name(w, s, "/Type", "/EmbeddedFile"))
            add(w, BP_META, s);
        else if (is_name(w, s, "/Subtype", "/Image"))
            add(w, BP_IMAGE, s);
        else if (is_name(w, s, "/Subtype", "/Form"))
            add(w, BP_FORM, s);
        else if (is_name(w, s, "/Type", "/XRef"))
            b->xref += stream_length(w, s);
        if (first_visit(w, s))
            b->streams[BP_OTHER]++; /* a stream no part claims */
    }
}

void bench_bytes_read(const char *path, bench_bytes *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st)) {
        fprintf(stderr, "gp-bench: byte budget of %s left out: %s\n", path, strerror(errno));
        return;
    }
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    walk w = {q, out, NULL, 0, false};
    if (!(qpdf_read(q, path, NULL) & QPDF_ERRORS)) {
        pages(&w);
        catalogue(&w);
        objects(&w);
    }
    if (qpdf_has_error(q)) {
        qpdf_error e = qpdf_get_error(q);
        fprintf(stderr, "gp-bench: byte budget of %s left out: %s\n", path,
                e ? qpdf_get_error_full_text(q, e) : "unknown qpdf error");
    } else if (w.nomem) {
        fprintf(stderr, "gp-bench: byte budget of %s left out: out of memory\n", path);
    } else {
        out->ok = true;
        out->file = (long long)st.st_size;
        long long sum = 0;
        for (int p = 0; p < BP_OTHER; p++)
            sum += out->part[p];
        out->part[BP_OTHER] = out->file - sum;
    }
    free(w.seen);
    qpdf_cleanup(&q);
}
