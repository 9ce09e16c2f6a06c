/* paint/pdf/pdf.h - the PDF painter's private pieces.
 *
 * The painter writes the whole file in memory, straight from the display
 * list, and hands it to the write callback at the end:
 *
 *   objects.c  object numbers, object streams, the xref stream, deflate
 *   num.c      the content builder: a fixed-point number formatter and
 *              painting operators (no printf per glyph)
 *   font.c     one Type0/CIDFontType2 subset per face (hb-subset), widths,
 *              FontDescriptor, ToUnicode
 *   text.c     glyph runs to text operators, with /ActualText where one
 *              glyph stands for several characters
 *   tags.c     the structure tree, marked content, artifacts, ParentTree
 *   annot.c    links, named destinations, the outline
 *   image.c    PNG logos as image XObjects, SVG logos as one shared form
 *   meta.c     Info, XMP, OutputIntent, the catalogue
 *   crypt.c    AES-256 (R6) encryption with nettle
 *   painter.c  the gp_painter class that ties them together
 *
 * Coordinates: the display list has its origin at the top-left with y
 * growing downwards; the painter turns y into page height - y itself, so
 * the content needs no flipping matrix. */
#ifndef GP_PAINT_PDF_H
#define GP_PAINT_PDF_H

#include "paint/painter.h"

#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/util.h"

/* Objects and the file ------------------------------------------------------ */

typedef struct pdf_crypt pdf_crypt;

typedef struct pdf_xref {
    uint8_t type; /* 0 free/unwritten, 1 in the file, 2 in an object stream */
    uint32_t a;   /* offset, or the object stream's number */
    uint32_t b;   /* index in the object stream */
} pdf_xref;

typedef struct pdfw {
    gp_buf out;
    pdf_xref *xref;
    uint32_t n_obj; /* next object number; 0 is the free head */
    uint32_t cap_xref;
    /* Open object streams, one per lane: objects of a kind together
     * deflate better (the structure elements, written page by page, go to
     * lane 1, away from page and annotation dictionaries). */
    struct pdfw_lane {
        gp_buf os_body; /* the open object stream's objects */
        gp_buf os_head; /* "num offset " pairs */
        uint32_t os_n;
        uint32_t os_nums[128];
    } lanes[2];
    int lane;          /* the lane of the object being written */
    uint32_t obj_open; /* object being written into its lane's os_body, or 0 */
    size_t obj_start;
    void *zc; /* libdeflate compressor */
    int level;
    unsigned char *zbuf;
    size_t zcap;
    pdf_crypt *crypt; /* NULL: not encrypted */
    bool failed;
    /* The file so far: out holds the bytes from offset base on; the ones
     * before went to the sink (pdfw_flush), through the hash of the /ID. */
    size_t base;
    struct sha256_ctx sha;
    int (*sink)(void *closure, const unsigned char *data, size_t len);
    void *sink_closure;
    bool sink_failed;
    bool digested; /* pdfw_digest done: the rest is not hashed */
} pdfw;

/* The offset the next byte written will have in the file. */
static inline size_t pdfw_pos(const pdfw *w)
{
    return w->base + w->out.len;
}

/* Hands the file so far to the sink, when one is set and at least min
 * bytes are waiting. Returns -1 when the sink fails (sink_failed set). */
int pdfw_flush(pdfw *w, size_t min);

/* The SHA-256 of every byte written so far (once: what follows is not
 * hashed). */
void pdfw_digest(pdfw *w, uint8_t out[32]);

int pdfw_init(pdfw *w, int level);
void pdfw_free(pdfw *w);
uint32_t pdfw_alloc(pdfw *w);
/* Starts object num (kept in an object stream); write its body into the
 * returned buffer, then call pdfw_end. */
gp_buf *pdfw_begin(pdfw *w, uint32_t num);
/* The same in object stream lane (0 or 1). */
gp_buf *pdfw_begin_lane(pdfw *w, uint32_t num, int lane);
void pdfw_end(pdfw *w);
/* Writes stream object num: dict holds the entries other than /Length and
 * /Filter (may be ""). Deflates when deflate is set; encrypts when the file
 * is encrypted (unless plain_always, for the xref stream). */
void pdfw_stream(pdfw *w, uint32_t num, const char *dict, const void *data, size_t len,
                 bool deflate);
/* Writes a plain (non-stream) object directly in the file, outside any
 * object stream (the Encrypt dictionary). */
void pdfw_direct(pdfw *w, uint32_t num, const char *body);
/* Flushes object streams and writes the xref stream and trailer. */
void pdfw_finish(pdfw *w, uint32_t root, uint32_t info, uint32_t encrypt, const uint8_t id[16]);

/* Appends v in decimal (no printf: these run for every object). */
void pdf_put_uint(gp_buf *b, unsigned long long v);
/* Appends "N 0 R". */
void pdf_put_ref(gp_buf *b, uint32_t num);

/* Strings: a PDF text string (literal when printable ASCII, else UTF-16BE
 * hex with a BOM) and a PDF name. */
void pdf_text(gp_buf *b, const char *utf8, size_t len);
void pdf_name(gp_buf *b, const char *s);
void pdf_utf16_hex(gp_buf *b, const char *utf8, size_t len); /* <FEFF...> */

/* Content builder (num.c) ----------------------------------------------------- */

typedef struct pdf_cb {
    char *p;
    size_t len, cap;
    bool failed;
} pdf_cb;

bool pdf_cb_reserve(pdf_cb *c, size_t more);
void pdf_cb_raw(pdf_cb *c, const char *s, size_t n);
void pdf_cb_str(pdf_cb *c, const char *s);
/* A number with at most 3 decimals and a trailing space. */
void pdf_cb_num(pdf_cb *c, double v);
void pdf_cb_int(pdf_cb *c, long v);
void pdf_cb_free(pdf_cb *c);
/* Writes v into p with at most 3 decimals; returns the end. */
char *pdf_fmt_num(char *p, double v);

/* Fonts (font.c) ------------------------------------------------------------------ */

typedef struct pdf_font pdf_font;

typedef struct pdf_fonts {
    pdf_font **fonts; /* by gp_font id */
    size_t n;
    uint32_t obj_cmap1; /* the one-byte encoding CMap fonts share, or 0 */
    bool ready;         /* subsets made: no more runs can be collected */
} pdf_fonts;

/* The fonts of a document in three steps: begin (one slot per display
 * font), collect every glyph run (page: its page's index, for messages),
 * then finish: subset each face and allocate its objects, before the first
 * page is written. An unmapped glyph (.notdef) is an error in strict
 * (PDF/A) mode. Each returns 0, or -1 with a message in err. */
int pdf_fonts_begin(pdf_fonts *fs, const gp_display *dl, char *err, size_t errcap);
int pdf_fonts_collect(pdf_fonts *fs, const gp_item *it, size_t page, bool strict, char *err,
                      size_t errcap);
int pdf_fonts_finish(pdf_fonts *fs, pdfw *w, char *err, size_t errcap);
void pdf_fonts_write(pdf_fonts *fs, pdfw *w);
void pdf_fonts_free(pdf_fonts *fs);
uint32_t pdf_font_obj(const pdf_font *f);
/* The subset glyph id (the CID) for an original glyph id. */
uint32_t pdf_font_cid(const pdf_font *f, uint32_t gid);
/* The width of original glyph gid in 1/1000 em. */
double pdf_font_width(const pdf_font *f, uint32_t gid);
/* Does the ToUnicode map give exactly text for original glyph gid? */
bool pdf_font_maps(const pdf_font *f, uint32_t gid, const char *text, size_t len);
/* The tables behind pdf_font_cid, pdf_font_width and pdf_font_maps, for the
 * text operators' inner loop (text.c), all by original glyph id. */
typedef struct pdf_font_view {
    const uint32_t *old2new; /* UINT32_MAX: not in the subset */
    const double *adv;
    const uint32_t *tu_off, *tu_len; /* ToUnicode text: offset + 1 in tu, length */
    const char *tu;
    uint32_t n_glyphs;
    bool one_byte; /* codes are one byte (the subset has at most 256 glyphs) */
} pdf_font_view;
pdf_font_view pdf_font_get_view(const pdf_font *f);
/* The text bytes [start, end) that glyph i's cluster stands for. */
void pdf_cluster_range(const gp_item *it, size_t i, size_t *start, size_t *end);

/* Text (text.c) ------------------------------------------------------------------ */

/* The text object a run left: its font and line matrix, so that the next
 * run can go on in it (no ET/BT, no Tf when the font is the same, a Td
 * relative to the last line: the lines of a paragraph are "0 -14 Td"). */
typedef struct pdf_textobj {
    int font;
    double size;
    long long lx, ly; /* the line matrix's origin, in 1/1000 pt */
} pdf_textobj;

/* Shows one glyph run, ending with "ET\n"; y is flipped through page_h.
 * With cont, the caller has taken back the "ET\n" of the run before (the
 * content is still inside that text object, and t is its state). */
void pdf_show_glyphs(pdf_cb *c, const pdf_fonts *fs, const gp_item *it, double page_h,
                     pdf_textobj *t, bool cont);

/* Images (image.c) ---------------------------------------------------------------- */

typedef struct pdf_images pdf_images;
/* The XObject for the image item (loaded once per document); 0 with err
 * set on failure. *is_form tells whether it is a 1x1 unit form or image. */
uint32_t pdf_image_get(pdf_images **ims, pdfw *w, const gp_item *it, char *err, size_t errcap);
void pdf_images_free(pdf_images *ims);
/* Appends "/ImN N 0 R" entries for the Resources' XObject dictionary. */
void pdf_images_resources(const pdf_images *ims, gp_buf *b);
const char *pdf_image_name(const pdf_images *ims, uint32_t obj);

/* Encryption (crypt.c) ------------------------------------------------------------- */

/* Creates the AES-256 (R6) state: file key, /O /U /OE /UE /Perms. */
pdf_crypt *pdf_crypt_new(const char *user, const char *owner, unsigned perms);
void pdf_crypt_free(pdf_crypt *c);
/* The Encrypt dictionary's body. */
void pdf_crypt_dict(const pdf_crypt *c, gp_buf *b);
/* Encrypts data into out (IV + AES-256-CBC with padding). */
int pdf_crypt_stream(pdf_crypt *c, const unsigned char *data, size_t len, unsigned char **out,
                     size_t *out_len);

/* SHA-256 of data (nettle), for the /ID. */
void pdf_sha256(const void *data, size_t len, uint8_t out[32]);

#endif
