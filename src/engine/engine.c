/* engine/engine.c - the whole pipeline for one document: load the guide,
 * apply --set values, find the style (cached per engine), lay out, paint,
 * post-process, and write the output through a temporary file that is
 * fsync'ed and renamed into place only when everything succeeded, so a
 * failed or killed render never leaves a partial file behind. */
#include "engine/engine.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/atomic.h"
#include "base/util.h"
#include "display/display_struct.h"
#include "layout/stream.h"
#include "mail/mail.h"
#include "model/guide_clone.h"
#include "model/guide_load.h"
#include "model/guide_struct.h"
#include "model/style_struct.h"
#include "model/ytree.h"
#include "paint/paint_pages.h"
#include "plan/plan.h"

#define STYLE_CACHE       8
#define GUIDE_CACHE       8
#define GUIDE_CACHE_BYTES (16u << 20)

/* A guide file parsed once (see cached_guide): the file's bytes when it
 * was read, the parsed guide every render clones, and the warnings its
 * loading gave, replayed for every render so that each document reports
 * them as if it had read the file itself. */
typedef struct guide_entry {
    char *path; /* as the request names it (diagnostics quote it) */
    char *data; /* the file's bytes when it was parsed */
    size_t len;
    size_t cost; /* bytes held: the file and the parsed guide's arena */
    gp_guide *tmpl;
    gp_diags *warnings;
} guide_entry;

struct gp_engine {
    gp_fonts *fonts;
    gp_limits lim;
    char *data_dir;
    char *styles_dir;
    struct {
        char *key;
        gp_style *style;
        gp_fonts *fonts; /* the style's own font set, or NULL for e->fonts */
    } cache[STYLE_CACHE];
    size_t n_cache;
    char *fonts_dir;
    guide_entry guides[GUIDE_CACHE]; /* most recently used last */
    size_t n_guides;
    size_t guide_bytes; /* the entries' cost together */
    gp_engine_guide_stats gstats;
};

gp_engine *gp_engine_new(const gp_engine_options *opt, gp_diags *diags)
{
    gp_engine *e = gp_calloc(1, sizeof *e);
    if (!e)
        return NULL;
    const char *dir = opt && opt->data_dir ? opt->data_dir : getenv("GUIDEPRESS_DATA_DIR");
    if (!dir || !dir[0])
        dir = gp_data_dir_default();
    e->data_dir = gp_strdup(dir);
    e->styles_dir = gp_path_join(dir, "styles");
    if (opt && opt->limits)
        e->lim = *opt->limits;
    else
        gp_limits_default(&e->lim);
    e->fonts_dir = gp_path_join(dir, "fonts");
    e->fonts = e->fonts_dir ? gp_fonts_new(e->fonts_dir, diags) : NULL;
    if (!e->fonts || !e->data_dir || !e->styles_dir) {
        gp_engine_free(e);
        return NULL;
    }
    return e;
}

static void guide_entry_free(guide_entry *ge)
{
    gp_free(ge->path);
    gp_free(ge->data);
    gp_guide_free(ge->tmpl);
    gp_diags_free(ge->warnings);
}

void gp_engine_free(gp_engine *e)
{
    if (!e)
        return;
    for (size_t i = 0; i < e->n_cache; i++) {
        gp_free(e->cache[i].key);
        gp_style_free(e->cache[i].style);
        gp_fonts_free(e->cache[i].fonts);
    }
    for (size_t i = 0; i < e->n_guides; i++)
        guide_entry_free(&e->guides[i]);
    gp_fonts_free(e->fonts);
    gp_free(e->fonts_dir);
    gp_free(e->data_dir);
    gp_free(e->styles_dir);
    gp_free(e);
}

const char *gp_engine_styles_dir(const gp_engine *e)
{
    return e->styles_dir;
}
const gp_limits *gp_engine_limits(const gp_engine *e)
{
    return &e->lim;
}
gp_fonts *gp_engine_fonts(gp_engine *e)
{
    return e->fonts;
}

/* A style "name" is a shipped style when it has no slash and no .yaml. */
static bool is_style_name(const char *s)
{
    size_t l = strlen(s);
    return !strchr(s, '/') && !(l > 5 && !strcmp(s + l - 5, ".yaml")) &&
           !(l > 4 && !strcmp(s + l - 4, ".yml"));
}

const gp_style *gp_engine_style(gp_engine *e, const char *spec, gp_diags *diags)
{
    if (!spec || !spec[0])
        spec = "default";
    for (size_t i = 0; i < e->n_cache; i++)
        if (!strcmp(e->cache[i].key, spec))
            return e->cache[i].style;
    gp_style *s = is_style_name(spec) ? gp_style_load_named(spec, e->styles_dir, &e->lim, diags)
                                      : gp_style_load_file(spec, e->styles_dir, &e->lim, diags);
    if (!s)
        return NULL;
    /* A style with font files of its own (or the machine's fonts) gets a
     * font set of its own, so its fonts never become fallbacks for the
     * next document in another style. */
    gp_fonts *own = NULL;
    if (s->n_font_files || s->system_fonts) {
        own = s->system_fonts ? gp_fonts_new_with_system(e->fonts_dir, diags)
                              : gp_fonts_new(e->fonts_dir, diags);
        for (size_t i = 0; own && i < s->n_font_files; i++)
            if (gp_fonts_add_file(own, s->font_files[i].path, s->font_files[i].pos.file,
                                  s->font_files[i].pos.line, s->font_files[i].pos.col, diags)) {
                gp_fonts_free(own);
                own = NULL;
            }
        if (!own) {
            gp_style_free(s);
            return NULL;
        }
    }
    /* A family the font set lacks would silently fall back to another face:
     * an error at the key that named it. */
    bool missing = false;
    for (int r = 0; r < GP_TS__COUNT; r++) {
        const gp_text_style *ts = &s->text[r];
        bool seen = false;
        for (int q = 0; q < r && !seen; q++)
            seen = s->text[q].family && ts->family && !strcmp(s->text[q].family, ts->family);
        if (seen || !ts->family || gp_fonts_has_family(own ? own : e->fonts, ts->family))
            continue;
        gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_ERROR, ts->family_pos.file, ts->family_pos.line,
                     ts->family_pos.col, NULL,
                     "add its font files under `fonts: files:` in the style, or use a bundled "
                     "family (Noto Sans)",
                     "font family `%s` (text style `%s`) is not bundled, so it would be "
                     "replaced by another font",
                     ts->family, gp_text_role_name((gp_text_role)r));
        missing = true;
    }
    if (missing) {
        gp_fonts_free(own);
        gp_style_free(s);
        return NULL;
    }
    if (e->n_cache == STYLE_CACHE) {
        gp_free(e->cache[0].key);
        gp_style_free(e->cache[0].style);
        gp_fonts_free(e->cache[0].fonts);
        memmove(&e->cache[0], &e->cache[1], (STYLE_CACHE - 1) * sizeof e->cache[0]);
        e->n_cache--;
    }
    e->cache[e->n_cache].key = gp_strdup(spec);
    e->cache[e->n_cache].style = s;
    e->cache[e->n_cache].fonts = own;
    e->n_cache++;
    return s;
}

gp_fonts *gp_engine_fonts_for(gp_engine *e, const gp_style *style)
{
    for (size_t i = 0; i < e->n_cache; i++)
        if (e->cache[i].style == style && e->cache[i].fonts)
            return e->cache[i].fonts;
    return e->fonts;
}

void gp_render_request_init(gp_render_request *req)
{
    memset(req, 0, sizeof *req);
    req->format = GP_FORMAT_PDF;
    req->backend = GP_BACKEND_PDF;
    req->tagged = true;
    req->permissions = GP_PERM_PRINT;
    req->date = -1;
}

long long gp_engine_date(const gp_render_request *req, const gp_guide *g)
{
    if (req && req->date >= 0)
        return req->date;
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        char *end;
        long long v = strtoll(sde, &end, 10);
        if (*end == '\0' && v >= 0)
            return v;
    }
    int y, m, d;
    if (g && g->date.s && sscanf(g->date.s, "%4d-%2d-%2d", &y, &m, &d) == 3) {
        struct tm tm = {0};
        tm.tm_year = y - 1900;
        tm.tm_mon = m - 1;
        tm.tm_mday = d;
        tm.tm_hour = 12;
        return (long long)timegm(&tm);
    }
    return 1735689600; /* 2025-01-01T00:00:00Z: fixed, so output is reproducible */
}

/* Memory sink ---------------------------------------------------------------- */

static int mem_write(void *closure, const unsigned char *data, size_t len)
{
    gp_buf *b = closure;
    gp_buf_append(b, (const char *)data, len);
    return b->failed ? -1 : 0;
}

/* File outputs ----------------------------------------------------------------
 *
 * An output path is checked before anything is written to it: it must not
 * be one of the render's inputs (same device and inode, so a hard link or
 * a symlink to the guide counts), a folder or a block device. A regular
 * file or a new path is replaced through a temporary file and a rename; a
 * character device or a FIFO (`-o /dev/null`, a pipe to another program)
 * is written directly, since renaming over it would destroy the node. */

typedef struct tmpfile_out {
    gp_atomic tmp; /* the temporary file (tmp.f), unless direct */
    FILE *f;       /* where writes go: tmp.f, or the device or FIFO itself */
    char *final_path;
    bool direct;
    bool synced; /* flushed to disk already (gp_render_pending_finish) */
    size_t bytes;
} tmpfile_out;

/* What a render's outputs must respect. */
typedef struct out_rules {
    const gp_render_request *req;
    const gp_style *style;
} out_rules;

void gp_render_remove_temp_files(void)
{
    gp_atomic_remove_all();
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The first input of the render that is the file at st (or lst), else NULL. */
static const char *input_named(const out_rules *r, const struct stat *lst, const struct stat *st)
{
    const char *fixed[3] = {r->req->guide_path, r->style ? r->style->path : NULL,
                            r->style ? r->style->brand_logo : NULL};
    size_t n_fonts = r->style ? r->style->n_font_files : 0;
    size_t n = 3 + n_fonts + r->req->n_inputs;
    for (size_t i = 0; i < n; i++) {
        const char *in = i < 3             ? fixed[i]
                         : i < 3 + n_fonts ? r->style->font_files[i - 3].path
                                           : r->req->inputs[i - 3 - n_fonts];
        struct stat is;
        if (in && stat(in, &is) == 0 && (same_file(&is, lst) || (st && same_file(&is, st))))
            return in;
    }
    return NULL;
}

/* Decides how path may be written: 0 with *direct false (replace by
 * rename), 0 with *direct true (write into the existing file: a device or
 * a FIFO), or -1 with an error. */
static int out_check(const out_rules *r, const char *path, bool *direct, gp_diags *diags)
{
    *direct = false;
    struct stat lst, st;
    if (lstat(path, &lst) != 0) {
        if (errno == ENOENT)
            return 0;
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot use the output path: %s", strerror(errno));
        return -1;
    }
    bool target = stat(path, &st) == 0; /* false: a dangling symlink */
    const char *in = input_named(r, &lst, target ? &st : NULL);
    if (in) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, path, 0, 0, NULL,
                     "choose an output path that is not one of the render's inputs",
                     "the output is the input file %s (the same file); it was left untouched", in);
        return -1;
    }
    if (!target || S_ISREG(st.st_mode))
        return 0;
    if (S_ISDIR(st.st_mode)) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, path, 0, 0, NULL,
                     "name a file inside the folder", "the output path is a folder");
        return -1;
    }
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
        *direct = true;
        return 0;
    }
    gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                 "the output path is a %s; refusing to write to it",
                 S_ISBLK(st.st_mode) ? "block device" : "socket or other special file");
    return -1;
}

/* The permission bits a new output gets, with the umask applied by the
 * kernel at open: 0666, or 0600 for a private document. */
static bool out_private(const gp_render_request *req)
{
    return (req->password && req->password[0]) || req->n_set > 0;
}

/* Test hook (tests/hostile): GUIDEPRESS_TEST_WRITE_ERROR=ENOSPC makes every
 * write to a temporary output file fail with that error after its first
 * 4 KiB, like a disk that fills up half-way. */
static int injected_write_error(void)
{
    const char *e = getenv("GUIDEPRESS_TEST_WRITE_ERROR");
    if (!e || !*e)
        return 0;
    return !strcmp(e, "ENOSPC") ? ENOSPC : !strcmp(e, "EIO") ? EIO : 0;
}

static int tmp_open(tmpfile_out *o, const char *path, const out_rules *r, gp_diags *diags)
{
    memset(o, 0, sizeof *o);
    if (out_check(r, path, &o->direct, diags))
        return -1;
    o->final_path = gp_strdup(path);
    if (!o->final_path)
        return -1;
    if (o->direct) {
        /* O_NONBLOCK: a FIFO nobody reads fails at once (ENXIO) instead of
         * blocking the render for ever. */
        int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                         "cannot write to this %s: %s",
                         errno == ENXIO ? "FIFO (no process is reading it)" : "special file",
                         strerror(errno));
            gp_free(o->final_path);
            o->final_path = NULL;
            return -1;
        }
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        o->f = fdopen(fd, "wb");
        if (!o->f) {
            close(fd);
            gp_free(o->final_path);
            o->final_path = NULL;
            return -1;
        }
        return 0;
    }
    const gp_render_request *req = r->req;
    mode_t perm = req->mode ? 0600 : out_private(req) ? 0600 : 0666;
    if (gp_atomic_open(&o->tmp, path, perm)) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot create the output file: %s", strerror(errno));
        gp_free(o->final_path);
        o->final_path = NULL;
        return -1;
    }
    if (req->mode)
        fchmod(fileno(o->tmp.f), (mode_t)(req->mode & 07777));
    o->f = o->tmp.f;
    return 0;
}

static int tmp_write(void *closure, const unsigned char *data, size_t len)
{
    tmpfile_out *o = closure;
    int inj = o->direct ? 0 : injected_write_error();
    if (inj && o->bytes + len > 4096) {
        errno = inj;
        return -1;
    }
    if (fwrite(data, 1, len, o->f) != len)
        return -1;
    o->bytes += len;
    return 0;
}

/* Closes the output; with commit, flushes it to disk and (for a temporary
 * file) renames it into place, else removes the temporary file. */
static int tmp_close(tmpfile_out *o, bool commit, gp_diags *diags)
{
    int rc = 0, err = 0;
    if (o->direct) {
        if (o->f && fflush(o->f) != 0) {
            rc = -1;
            err = errno;
        }
        if (o->f && fclose(o->f) != 0 && rc == 0) {
            rc = -1;
            err = errno;
        }
    } else if (o->tmp.tmp) {
        if (!commit) {
            gp_atomic_abort(&o->tmp);
        } else if ((o->synced ? gp_atomic_commit_synced(&o->tmp) : gp_atomic_commit(&o->tmp)) !=
                   0) {
            rc = -1;
            err = errno;
        }
    }
    o->f = NULL;
    if (commit && rc != 0)
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, o->final_path, 0, 0, NULL, NULL,
                     "cannot write the output file: %s", strerror(err));
    gp_free(o->final_path);
    o->final_path = NULL;
    return rc;
}

/* A whole file through a temporary file renamed into place. */
static int write_file(const char *path, const char *data, size_t len, const out_rules *r,
                      gp_diags *diags)
{
    tmpfile_out o;
    if (tmp_open(&o, path, r, diags))
        return -1;
    if (tmp_write(&o, (const unsigned char *)data, len)) {
        int err = errno;
        tmp_close(&o, false, diags);
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot write the file: %s", strerror(err));
        return -1;
    }
    return tmp_close(&o, true, diags);
}

/* PNG / SVG: one temporary file per page, all renamed at the end. */
typedef struct page_outs {
    const char *base; /* output path without extension */
    const char *ext;
    tmpfile_out *files;
    size_t n, cap;
    const out_rules *rules;
    gp_diags *diags;
} page_outs;

static int page_open(void *ctx, size_t index, gp_write_fn *write, void **closure)
{
    page_outs *po = ctx;
    if (index >= po->cap)
        return -1;
    char path[4096];
    snprintf(path, sizeof path, "%s-%zu.%s", po->base, index + 1, po->ext);
    if (tmp_open(&po->files[index], path, po->rules, po->diags))
        return -1;
    po->n = index + 1;
    *write = tmp_write;
    *closure = &po->files[index];
    return 0;
}

static int page_close(void *ctx, size_t index, void *closure, int failed)
{
    (void)ctx;
    (void)index;
    tmpfile_out *o = closure;
    if (failed)
        return 0;
    return fflush(o->f) == 0 && (o->direct || fsync(fileno(o->f)) == 0) ? 0 : -1;
}

/* gp_write_fn into a stdio stream (the display dump). */
static int file_write(void *closure, const unsigned char *data, size_t len)
{
    return fwrite(data, 1, len, closure) == len ? 0 : -1;
}

/* Our PDF painter's options for a render. */
static gp_pdf_options pdf_options(const gp_render_request *req)
{
    gp_pdf_options o = {req->tagged, req->pdfa, NULL, NULL, NULL, req->permissions, false};
    o.no_forms = req->no_forms;
    if (!req->attach_source) { /* else post.c encrypts after attaching */
        o.password = req->password;
        o.owner_password = req->owner_password;
    }
    return o;
}

/* Paints dl to buf (PDF) with the requested backend. */
int gp_engine_paint_pdf(const gp_render_request *req, const gp_display *dl, gp_buf *out,
                        gp_diags *diags)
{
    gp_paint_options po = {0};
    po.format = GP_FORMAT_PDF;
    po.tagged = req->tagged;
    po.pdfa = req->pdfa;
    gp_painter *p = NULL;
    if (req->backend == GP_BACKEND_PDF) {
        gp_pdf_options o = pdf_options(req);
        p = gp_painter_pdf_new(&o, mem_write, out, diags);
    } else if (req->backend == GP_BACKEND_HARU || req->pdfa)
        p = gp_painter_haru_new(&po, mem_write, out, diags);
    else
        p = gp_painter_cairo_new(&po, mem_write, out, diags);
    if (!p)
        return -1;
    int rc = gp_paint(p, dl, diags);
    gp_painter_free(p);
    if (!rc && out->failed) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "out of memory while writing the PDF");
        rc = -1;
    }
    return rc;
}

/* Guide files ------------------------------------------------------------------
 *
 * A batch renders the same guide file for many rows, so the engine keeps
 * the guides it parsed last (at most GUIDE_CACHE, GUIDE_CACHE_BYTES of
 * file and model together), keyed by the path as given. Each render still
 * reads the file, and uses the parsed guide only when the bytes are the
 * ones it was parsed from: a few microseconds against the parse, and
 * exact, where a file's size and times are not (ext4 stamps times with
 * the kernel's tick, so a rewrite of the same length within one tick looks
 * unchanged). A render edits its guide (--set, the dated plan), so it gets
 * a clone of the parsed one (model/guide_clone.c), freed with the render;
 * the warnings the parse gave are replayed for it. */

static void guide_drop(gp_engine *e, size_t i)
{
    e->guide_bytes -= e->guides[i].cost;
    guide_entry_free(&e->guides[i]);
    memmove(&e->guides[i], &e->guides[i + 1], (e->n_guides - i - 1) * sizeof e->guides[0]);
    e->n_guides--;
}

static gp_guide *clone_or_fail(const gp_guide *tmpl, const char *path, gp_diags *diags)
{
    gp_guide *g = gp_guide_clone(tmpl);
    if (!g)
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "out of memory while loading the guide");
    return g;
}

static gp_guide *cached_guide(gp_engine *e, const char *path, gp_diags *diags)
{
    char *data;
    size_t len;
    if (gp_yaml_read_file(path, e->lim.max_file_bytes, "file", GP_ERR_IO, NULL, diags, &data, &len))
        return NULL;
    for (size_t i = 0; i < e->n_guides; i++) {
        guide_entry *ge = &e->guides[i];
        if (strcmp(ge->path, path) != 0)
            continue;
        if (ge->len != len || memcmp(ge->data, data, len) != 0) { /* changed: parse again */
            e->gstats.stale++;
            guide_drop(e, i);
            break;
        }
        gp_free(data);
        guide_entry hit = *ge; /* the most recently used goes last */
        memmove(ge, ge + 1, (e->n_guides - i - 1) * sizeof *ge);
        e->guides[e->n_guides - 1] = hit;
        e->gstats.hits++;
        gp_diags_append(diags, hit.warnings);
        return clone_or_fail(hit.tmpl, path, diags);
    }
    e->gstats.parses++;
    gp_diags *local = gp_diags_new();
    gp_guide *tmpl = gp_guide_load_memory(data, len, path, &e->lim, local ? local : diags);
    gp_diags_append(diags, local);
    guide_entry ge = {gp_strdup(path), data, len, 0, tmpl, local};
    ge.cost = len + (tmpl ? gp_arena_used(gp_guide_arena(tmpl)) : 0);
    if (!tmpl || !local || !ge.path || ge.cost > GUIDE_CACHE_BYTES) {
        /* a failure is not kept: every render reports its errors again */
        gp_free(ge.path);
        gp_free(data);
        gp_diags_free(local);
        return tmpl;
    }
    while (e->n_guides &&
           (e->n_guides == GUIDE_CACHE || e->guide_bytes + ge.cost > GUIDE_CACHE_BYTES))
        guide_drop(e, 0);
    e->guides[e->n_guides++] = ge;
    e->guide_bytes += ge.cost;
    return clone_or_fail(tmpl, path, diags);
}

void gp_engine_guide_stats_get(const gp_engine *e, gp_engine_guide_stats *out)
{
    *out = e->gstats;
}

static gp_guide *load_guide(gp_engine *e, const gp_render_request *req, gp_diags *diags)
{
    gp_guide *g = req->guide        ? req->guide
                  : req->guide_data ? gp_guide_load_memory(req->guide_data, req->guide_len,
                                                           req->guide_path, &e->lim, diags)
                                    : cached_guide(e, req->guide_path, diags);
    if (!g)
        return NULL;
    for (size_t i = 0; i < req->n_set; i++)
        if (gp_guide_set(g, req->set_keys[i], req->set_values[i], diags)) {
            if (g != req->guide)
                gp_guide_free(g);
            return NULL;
        }
    return g;
}

/* The time budget after a stage (the layout checks it at every block). */
static bool over_time(const gp_engine *e, const struct timespec *t0, const gp_guide *g,
                      gp_diags *diags)
{
    if (!(e->lim.max_seconds > 0))
        return false;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double spent = (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) / 1e9;
    if (spent <= e->lim.max_seconds)
        return false;
    gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, g ? g->path : NULL, 0, 0, "max_seconds",
                 "give the document more time, or split it",
                 "the document went over its time budget of %g s and was stopped; nothing was "
                 "written",
                 e->lim.max_seconds);
    return true;
}

/* PNG output draws every page as pixels: pages x dpi^2 x page area is
 * checked against the limit before anything is painted (docs/limits.md). */
#define GP_PNG_PAGE_MAX_PIXELS 2e8 /* one page drawn in memory: 800 MB */

static bool png_over_budget(const gp_engine *e, const gp_render_request *req, const gp_display *dl,
                            gp_diags *diags)
{
    double dpi = req->dpi > 0 ? req->dpi : 150;
    double budget =
        e->lim.max_output_pixels > 0 ? e->lim.max_output_pixels : GP_DEFAULT_OUTPUT_PIXELS;
    double total = 0;
    for (size_t i = 0; i < dl->n_pages; i++) {
        double w = ceil(dl->pages[i].width / 72.0 * dpi),
               h = ceil(dl->pages[i].height / 72.0 * dpi);
        if (w > 32767 || h > 32767 || w * h > GP_PNG_PAGE_MAX_PIXELS) {
            gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, req->output_path, 0, 0, "dpi",
                         "lower --dpi, or render a PDF",
                         "page %zu at %g dpi would be %.0f x %.0f pixels; a PNG page may have at "
                         "most 200000000 pixels and a side at most 32767; nothing was written",
                         i + 1, dpi, w, h);
            return true;
        }
        total += w * h;
    }
    if (total <= budget)
        return false;
    gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, req->output_path, 0, 0, "dpi",
                 "lower --dpi, or render a PDF",
                 "PNG output of %zu pages at %g dpi would be %.0f pixels, more than the %.0f-pixel "
                 "limit (max_output_pixels); nothing was written",
                 dl->n_pages, dpi, total, budget);
    return true;
}

/* A PDF in its temporary file, written and flushed to the kernel, waiting
 * for its fsync and rename (gp_render_deferred). */
struct gp_render_pending {
    tmpfile_out o;
};

/* Test hook (tests/batch): GUIDEPRESS_TEST_FSYNC_ERROR=EIO makes every
 * deferred fsync fail with EIO, like a disk that reports a write error
 * only when the data is flushed. */
static int injected_fsync_error(void)
{
    const char *e = getenv("GUIDEPRESS_TEST_FSYNC_ERROR");
    return e && !strcmp(e, "EIO") ? EIO : 0;
}

int gp_render_pending_fd(const gp_render_pending *p)
{
    return fileno(p->o.f);
}

int gp_render_pending_finish(gp_render_pending *p, int fsync_err, gp_diags *diags)
{
    if (!p)
        return -1;
    int err = fsync_err ? fsync_err : injected_fsync_error();
    int rc;
    if (err) { /* the data may not be on disk: never rename it into place */
        char *path = gp_strdup(p->o.final_path);
        tmp_close(&p->o, false, diags);
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL, NULL,
                     "cannot write the output file: flushing it to disk failed: %s; nothing "
                     "was left behind",
                     strerror(err));
        gp_free(path);
        rc = -1;
    } else {
        p->o.synced = true;
        rc = tmp_close(&p->o, true, diags); /* rename */
    }
    gp_free(p);
    return rc;
}

void gp_render_pending_abort(gp_render_pending *p)
{
    if (!p)
        return;
    tmp_close(&p->o, false, NULL);
    gp_free(p);
}

int gp_render(gp_engine *e, const gp_render_request *req, gp_render_result *result, gp_diags *diags)
{
    return gp_render_deferred(e, req, result, diags, NULL);
}

/* A streamed PDF (layout/stream.h): the painter writes each page to the
 * temporary output file as layout finishes it, so a long guide is never
 * whole in memory. The painter's errors go to pdiags; a failed write
 * becomes the engine's own "cannot write the output file" error. */
typedef struct stream_out {
    gp_painter *p;
    tmpfile_out *o;
    const char *path;
    gp_diags *diags;  /* the render's */
    gp_diags *pdiags; /* the painter's */
    int write_err;    /* errno of a failed write, or 0 */
    bool reported;
} stream_out;

static int stream_write(void *closure, const unsigned char *data, size_t len)
{
    stream_out *s = closure;
    errno = 0;
    if (tmp_write(s->o, data, len)) {
        s->write_err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* rc, after the painter's error (or the failed write) went to the
 * render's diagnostics, once: layout stops at once and reports nothing of
 * its own then. */
static int stream_status(stream_out *s, int rc)
{
    if (!rc || s->reported)
        return rc;
    s->reported = true;
    if (s->write_err)
        gp_diags_add(s->diags, GP_ERR_IO, GP_SEV_ERROR, s->path, 0, 0, NULL, NULL,
                     "cannot write the output file: %s; nothing was left behind",
                     strerror(s->write_err));
    else
        gp_diags_append(s->diags, s->pdiags);
    return rc;
}

static int stream_begin(void *ctx, const gp_display *dl)
{
    stream_out *s = ctx;
    return stream_status(s, gp_paint_open(s->p, dl, s->pdiags));
}

static int stream_glyphs(void *ctx, const gp_item *run, size_t page)
{
    stream_out *s = ctx;
    return stream_status(s, gp_paint_census(s->p, run, page, s->pdiags));
}

static int stream_page(void *ctx, const gp_display *dl, size_t i)
{
    stream_out *s = ctx;
    return stream_status(s, gp_paint_page(s->p, dl, i, s->pdiags));
}

/* Lays out and paints the PDF into o, a page at a time. Returns the
 * display list (pages empty) or NULL with the errors in diags. */
static gp_display *stream_pdf(gp_engine *e, const gp_render_request *req, const gp_guide *g,
                              const gp_style *style, const gp_layout_options *lo, tmpfile_out *o,
                              gp_diags *diags)
{
    stream_out s = {NULL, o, req->output_path, diags, gp_diags_new(), 0, false};
    gp_pdf_options po = pdf_options(req);
    s.p = s.pdiags ? gp_painter_pdf_new(&po, stream_write, &s, diags) : NULL;
    if (!s.p) {
        gp_diags_free(s.pdiags);
        return NULL;
    }
    gp_layout_sink sink = {&s, stream_begin, stream_glyphs, stream_page};
    gp_display *dl =
        gp_layout_stream(gp_engine_fonts_for(e, style), g, style, lo, &e->lim, diags, &sink);
    int rc = dl ? stream_status(&s, gp_paint_close(s.p, s.pdiags)) : -1;
    gp_painter_free(s.p);
    gp_diags_free(s.pdiags);
    if (rc) {
        gp_display_free(dl);
        return NULL;
    }
    return dl;
}

/* The PDF of a render streamed into its output file (stream_pdf), then
 * the calendar, then the file committed as the buffered path does (or
 * left to gp_render_pending_finish). *dlp gets the display list. */
static int render_streamed(gp_engine *e, const gp_render_request *req, const gp_guide *g,
                           const gp_style *style, const gp_layout_options *lo,
                           const out_rules *rules, const struct timespec *t0, const char *ics,
                           size_t ics_len, gp_render_result *res, gp_display **dlp, gp_diags *diags,
                           gp_render_pending **pending)
{
    gp_render_pending local, *po = pending ? gp_calloc(1, sizeof *po) : &local;
    if (!po) {
        gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "out of memory");
        return -1;
    }
    tmpfile_out *o = &po->o;
    if (tmp_open(o, req->output_path, rules, diags)) {
        if (po != &local)
            gp_free(po);
        return -1;
    }
    *dlp = stream_pdf(e, req, g, style, lo, o, diags);
    bool ok = *dlp && !over_time(e, t0, g, diags);
    if (ok && ics && write_file(req->ics_path, ics, ics_len, rules, diags))
        ok = false;
    if (ok && pending && fflush(o->f) != 0) {
        gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, req->output_path, 0, 0, NULL, NULL,
                     "cannot write the output file: %s; nothing was left behind", strerror(errno));
        ok = false;
    }
    if (!ok) {
        tmp_close(o, false, diags);
        if (po != &local)
            gp_free(po);
        return -1;
    }
    res->pages = (int)(*dlp)->n_pages;
    res->ics_bytes = ics_len;
    res->bytes = o->bytes;
    res->n_outputs = 1;
    if (po != &local && !o->direct) {
        *pending = po; /* gp_render_pending_finish commits it */
        return 0;
    }
    int crc = tmp_close(o, true, diags);
    if (po != &local)
        gp_free(po);
    return crc ? -1 : 0;
}

int gp_render_deferred(gp_engine *e, const gp_render_request *req, gp_render_result *result,
                       gp_diags *diags, gp_render_pending **pending)
{
    if (pending)
        *pending = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    gp_render_result res = {0};
    int rc = -1;
    gp_guide *g = NULL;
    gp_display *dl = NULL;
    gp_buf pdf = {0};
    gp_plan *plan = NULL;
    char *ics = NULL;
    size_t ics_len = 0;
    char *eml = NULL;
    size_t eml_len = 0;

    if (!req->output_path) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL, "no output path");
        return -1;
    }
    if (req->format != GP_FORMAT_PDF &&
        (req->password || req->pdfa || req->attach_source || req->backend == GP_BACKEND_HARU)) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "--password, --pdfa, --attach-source and --backend haru apply to PDF "
                     "output only");
        return -1;
    }
    if (req->eml_path && (req->format != GP_FORMAT_PDF || !req->mail_to)) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     req->mail_to ? "an email attaches a PDF: --eml needs PDF output"
                                  : "--eml needs --mail-to ADDR");
        return -1;
    }
    if ((req->output_write && req->format != GP_FORMAT_PDF) ||
        (req->guide_data && req->attach_source)) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     req->output_write ? "only a PDF can be written to a stream (one file per "
                                         "page for PNG and SVG)"
                                       : "--attach-source needs a guide file, not a stream");
        return -1;
    }
    if (req->pdfa && req->password) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "PDF/A forbids encryption: a password cannot be used with --pdfa");
        return -1;
    }
    if ((req->password && !req->password[0]) || (req->owner_password && !req->owner_password[0])) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL,
                     "leave the option out for a PDF without a password",
                     "an empty password protects nothing; give a password of one character "
                     "or more");
        return -1;
    }
    g = load_guide(e, req, diags);
    const gp_style *style = g ? gp_engine_style(e, req->style, diags) : NULL;
    if (!g || !style)
        goto done;
    out_rules rules = {req, style};
    bool direct;
    /* before any work: an output that is an input, a folder or a block
     * device is refused at once (checked again when the file is opened) */
    if (req->format == GP_FORMAT_PDF && !req->output_write &&
        out_check(&rules, req->output_path, &direct, diags))
        goto done;
    gp_layout_options lo = {gp_engine_date(req, g), "guidepress " GP_VERSION_STRING,
                            (double)t0.tv_sec + t0.tv_nsec / 1e9};
    /* the dated plan writes its labels into g; it outlives the layout */
    plan = gp_plan_new(g, diags);
    if (!plan)
        goto done;
    if (req->ics_path) {
        if (!plan->has_start)
            gp_diags_add(diags, GP_ERR_VALUE, GP_SEV_WARNING, req->ics_path, 0, 0, "start",
                         "give one with --set start=YYYY-MM-DD (or a start column in a merge)",
                         "the plan has no start date: its steps are to-dos without dates");
        if (gp_plan_ics(g, plan, lo.date, &ics, &ics_len, diags))
            goto done;
    }
    /* Our painter, with nothing that needs the whole file in memory (a
     * display dump, an attachment, an email, a caller's stream): the PDF
     * is painted page by page into its file as layout finishes the pages. */
    if (req->format == GP_FORMAT_PDF && req->backend == GP_BACKEND_PDF && !req->dump_path &&
        !req->attach_source && !req->eml_path && !req->output_write) {
        rc = render_streamed(e, req, g, style, &lo, &rules, &t0, ics, ics_len, &res, &dl, diags,
                             pending);
        goto done;
    }
    dl = gp_layout_run(gp_engine_fonts_for(e, style), g, style, &lo, &e->lim, diags);
    if (!dl)
        goto done;
    res.pages = (int)dl->n_pages;
    if (req->dump_path) {
        FILE *df = fopen(req->dump_path, "w");
        if (!df) {
            gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, req->dump_path, 0, 0, NULL, NULL,
                         "cannot write the display dump: %s", strerror(errno));
            goto done;
        }
        gp_painter *tp = gp_painter_trace_new(file_write, df, diags);
        int trc = tp ? gp_paint(tp, dl, diags) : -1;
        gp_painter_free(tp);
        if (fclose(df) && !trc) {
            gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, req->dump_path, 0, 0, NULL, NULL,
                         "cannot write the display dump: %s", strerror(errno));
            trc = -1;
        }
        if (trc)
            goto done;
    }

    if (req->format == GP_FORMAT_PDF) {
        if (gp_engine_paint_pdf(req, dl, &pdf, diags) || over_time(e, &t0, g, diags))
            goto done;
        /* Our painter writes the finished file; only attachments still go
         * through qpdf (post.c). */
        bool own = req->backend == GP_BACKEND_PDF;
        gp_post_options post = {0};
        post.password = req->password;
        post.owner_password = req->owner_password;
        post.permissions = req->permissions;
        post.lang = g->lang.s;
        post.pdfa = req->pdfa;
        post.date = lo.date;
        /* alt texts of the Figure tags, in document order */
        const char *alts[32];
        size_t n_alts = gp_display_figure_alts(dl, alts, 32);
        if (req->tagged && req->backend == GP_BACKEND_CAIRO && !req->pdfa) {
            post.figure_alt = alts;
            post.n_figure_alt = n_alts;
        }
        if (req->attach_source && req->guide_path) {
            post.attach[0] = req->guide_path;
            post.attach[1] = style->path;
            post.n_attach = style->path ? 2 : 1;
        }
        if (own) {
            post.pdfa = req->attach_source && req->pdfa; /* post.c refuses the pair */
            post.lang = NULL;
            if (!req->attach_source)
                post.password = NULL;
        }
        if ((!own || req->attach_source) && gp_pdf_postprocess(&pdf, &post, diags))
            goto done;
        if (req->eml_path) { /* made before any file is written: a bad address writes none */
            gp_mail m = {0};
            m.to = req->mail_to;
            m.from = req->mail_from;
            m.subject = req->mail_subject;
            m.start_text = plan->start_text;
            m.end_text = plan->end_text;
            m.date = lo.date;
            m.pdf = (const unsigned char *)pdf.data;
            m.pdf_len = pdf.len;
            m.pdf_name = req->output_write ? NULL : req->output_path;
            m.ics = ics;
            m.ics_len = ics_len;
            m.ics_name = req->ics_path;
            if (gp_mail_build(g, style, &m, &eml, &eml_len, diags))
                goto done;
            if (style->email.max_size > 0 && (double)eml_len > style->email.max_size) {
                res.eml_over_budget = true;
                gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_WARNING, req->eml_path, 0, 0,
                             "email.max_size",
                             "mail servers often refuse large messages; the style's "
                             "email.max_size sets the budget",
                             "the email is %zu bytes, over the size budget of %.0f bytes", eml_len,
                             style->email.max_size);
            }
        }
        if (ics && write_file(req->ics_path, ics, ics_len, &rules, diags))
            goto done;
        res.ics_bytes = ics_len;
        if (eml && write_file(req->eml_path, eml, eml_len, &rules, diags))
            goto done;
        res.eml_bytes = eml_len;
        if (req->output_write) {
            if (req->output_write(req->output_closure, (const unsigned char *)pdf.data, pdf.len)) {
                gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, req->output_path, 0, 0, NULL, NULL,
                             "cannot write the PDF: %s", strerror(errno));
                goto done;
            }
            res.bytes = pdf.len;
            res.n_outputs = 1;
            rc = 0;
            goto done;
        }
        /* deferred: the temporary file outlives this call (gp_render_pending) */
        gp_render_pending local, *po = pending ? gp_calloc(1, sizeof *po) : &local;
        if (!po) {
            gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                         "out of memory");
            goto done;
        }
        tmpfile_out *o = &po->o;
        if (tmp_open(o, req->output_path, &rules, diags)) {
            if (po != &local)
                gp_free(po);
            goto done;
        }
        if (tmp_write(o, (const unsigned char *)pdf.data, pdf.len) ||
            (pending && fflush(o->f) != 0)) {
            int err = errno;
            tmp_close(o, false, diags);
            if (po != &local)
                gp_free(po);
            gp_diags_add(diags, GP_ERR_IO, GP_SEV_ERROR, req->output_path, 0, 0, NULL, NULL,
                         "cannot write the output file: %s; nothing was left behind",
                         strerror(err));
            goto done;
        }
        res.bytes = o->bytes;
        res.n_outputs = 1;
        if (po != &local && !o->direct) {
            *pending = po; /* gp_render_pending_finish commits it */
            rc = 0;
            goto done;
        }
        int crc = tmp_close(o, true, diags);
        if (po != &local)
            gp_free(po);
        if (crc)
            goto done;
        rc = 0;
    } else {
        if ((req->format == GP_FORMAT_PNG && png_over_budget(e, req, dl, diags)) ||
            over_time(e, &t0, g, diags))
            goto done;
        page_outs po = {0};
        const char *ext = req->format == GP_FORMAT_PNG ? "png" : "svg";
        size_t l = strlen(req->output_path);
        char *base = gp_strdup(req->output_path);
        if (!base)
            goto done;
        if (l > 4 && base[l - 4] == '.')
            base[l - 4] = '\0';
        po.base = base;
        po.ext = ext;
        po.cap = dl->n_pages;
        po.files = gp_calloc(dl->n_pages ? dl->n_pages : 1, sizeof *po.files);
        po.rules = &rules;
        po.diags = diags;
        gp_paint_options opt = {0};
        opt.format = req->format;
        opt.dpi = req->dpi > 0 ? req->dpi : 150;
        opt.pages = (gp_page_sink){page_open, page_close, &po};
        gp_painter *p = po.files ? gp_painter_cairo_new(&opt, NULL, NULL, diags) : NULL;
        int prc = p ? gp_paint(p, dl, diags) : -1;
        gp_painter_free(p);
        bool ok = prc == 0 && po.n == dl->n_pages;
        for (size_t i = 0; i < po.n; i++) {
            res.bytes += po.files[i].bytes;
            if (tmp_close(&po.files[i], ok, diags))
                ok = false;
        }
        res.n_outputs = ok ? po.n : 0;
        gp_free(po.files);
        gp_free(base);
        if (ok && ics && write_file(req->ics_path, ics, ics_len, &rules, diags))
            ok = false;
        res.ics_bytes = ok && ics ? ics_len : 0;
        rc = ok ? 0 : -1;
    }
done:
    gp_buf_free(&pdf);
    gp_display_free(dl);
    gp_plan_unapply(plan, g); /* g may be the caller's: no pointers into the plan */
    gp_plan_free(plan);
    free(ics); /* libical's malloc */
    gp_mail_data_free(eml);
    if (g != req->guide)
        gp_guide_free(g);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    res.ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (result)
        *result = res;
    return rc;
}

int gp_render_to_memory(gp_engine *e, const gp_guide *guide, const gp_style *style,
                        gp_format format, unsigned char **out, size_t *out_len, gp_diags *diags)
{
    *out = NULL;
    *out_len = 0;
    if (format != GP_FORMAT_PDF) {
        gp_diags_add(diags, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                     "rendering to memory supports PDF only");
        return -1;
    }
    gp_layout_options lo = {gp_engine_date(NULL, guide), "guidepress " GP_VERSION_STRING, 0};
    gp_display *dl =
        gp_layout_run(gp_engine_fonts_for(e, style), guide, style, &lo, &e->lim, diags);
    if (!dl)
        return -1;
    gp_render_request req;
    gp_render_request_init(&req);
    gp_buf pdf = {0};
    int rc = gp_engine_paint_pdf(&req, dl, &pdf, diags);
    gp_display_free(dl);
    if (rc) {
        gp_buf_free(&pdf);
        return -1;
    }
    *out = (unsigned char *)pdf.data;
    *out_len = pdf.len;
    return 0;
}
