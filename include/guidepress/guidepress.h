/* guidepress/guidepress.h - the whole pipeline in one call, and the umbrella
 * header.
 *
 * A gp_engine is what one worker keeps between documents: the bundled fonts
 * (fontconfig + Pango font map), the limits, the folder of shipped styles and
 * a cache of parsed styles. gp_render() loads a guide, applies --set values,
 * lays it out, paints it and writes the output to a temporary file that is
 * renamed into place only when everything succeeded, so a failure never
 * leaves a partial file. */
#ifndef GUIDEPRESS_H
#define GUIDEPRESS_H

#include "compose.h"
#include "display.h"
#include "error.h"
#include "guide.h"
#include "lang.h"
#include "layout.h"
#include "limits.h"
#include "paint.h"
#include "style.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GP_VERSION_STRING "0.1.0"

typedef struct gp_engine gp_engine;

typedef struct gp_engine_options {
    const char *data_dir;    /* holds fonts/ and styles/; NULL: built-in path */
    const gp_limits *limits; /* NULL: defaults */
} gp_engine_options;

/* Returns NULL with a diagnostic when the bundled fonts cannot be loaded. */
gp_engine *gp_engine_new(const gp_engine_options *opt, gp_diags *diags);
void gp_engine_free(gp_engine *e); /* NULL-safe */

const char *gp_engine_styles_dir(const gp_engine *e);
const gp_limits *gp_engine_limits(const gp_engine *e);
gp_fonts *gp_engine_fonts(gp_engine *e);

/* The style for spec (a shipped style name or the path of a style file;
 * NULL: "default"), loaded once per engine and kept; the font files it
 * names are added to the engine's fonts. NULL with errors in diags.
 * Borrowed from e: valid until e is freed. */
const gp_style *gp_engine_style(gp_engine *e, const char *spec, gp_diags *diags);

/* The font set to lay style out with (gp_layout_run): the style's own when
 * it names font files or asks for the machine's fonts, else the engine's
 * bundled set. Borrowed from e. */
gp_fonts *gp_engine_fonts_for(gp_engine *e, const gp_style *style);

/* The folder the bundled fonts/ and shipped styles/ are read from when
 * gp_engine_options.data_dir is NULL: next to the installed library
 * (<prefix>/share/guidepress), else the source tree the library was built
 * from. Never NULL; a static string. */
const char *gp_data_dir_default(void);

/* What gp_check_file found a file to be, by its top-level key. */
typedef enum gp_input_kind {
    GP_INPUT_NONE = 0,   /* unreadable, not YAML, or none of these */
    GP_INPUT_GUIDE,      /* `guide: 1` (guide-format.md) */
    GP_INPUT_STYLE,      /* `style: 1` (style-reference.md) */
    GP_INPUT_ROLE,       /* a role profile (roles.md) */
    GP_INPUT_VOCABULARY, /* a skills vocabulary */
    GP_INPUT_PAIR        /* a pair file, FROM--TO.yaml */
} gp_input_kind;

/* Validates one file without rendering, as a render would load it: tells
 * the kinds above apart by the top-level key and loads the file with the
 * same loader (a style through an engine, so that its font families and
 * logo are checked too; a role profile with its folder and vocabulary; a
 * pair file by composing its pair). Every problem, with file:line:col,
 * goes to diags (none when the file is valid). Refuses FIFOs and devices
 * without reading them. lim NULL: the defaults. Returns the kind found. */
gp_input_kind gp_check_file(const char *path, const gp_limits *lim, gp_diags *diags);

/* Writes len bytes of data as path the way guidepress replaces every file:
 * through a temporary file beside it, flushed to disk and renamed into
 * place, so a reader sees the old file or the whole new one and a failure
 * leaves no temporary file. mode: permission bits of a new file, less the
 * umask. Returns 0, or -1 with errno set. Nothing is kept. */
int gp_file_write_atomic(const char *path, const void *data, size_t len, unsigned mode);

/* Permissions for protected PDFs. */
enum {
    GP_PERM_PRINT = 1u << 0,
    GP_PERM_COPY = 1u << 1,
    GP_PERM_MODIFY = 1u << 2,
    GP_PERM_ALL = 7u
};

/* PDF painters: our own writer (the default), Cairo's PDF surface, libharu. */
typedef enum gp_backend { GP_BACKEND_CAIRO = 0, GP_BACKEND_HARU, GP_BACKEND_PDF } gp_backend;

typedef struct gp_render_request {
    const char *guide_path;
    const char *style;       /* a path, or a shipped style name; NULL: default */
    const char *output_path; /* PDF path; for PNG/SVG the pattern base
                                (out.png -> out-1.png, out-2.png ...) */
    gp_format format;
    gp_backend backend;
    double dpi;                  /* PNG; 0: 150 */
    const char *const *set_keys; /* --set key=value pairs */
    const char *const *set_values;
    size_t n_set;
    bool pdfa;
    bool tagged;          /* default true */
    const char *password; /* user password (AES-256), or NULL */
    const char *owner_password;
    unsigned permissions; /* GP_PERM_*; used when a password is set */
    bool attach_source;
    long long date;        /* document date; < 0: from SOURCE_DATE_EPOCH,
                              the guide's date, else a fixed date */
    const char *dump_path; /* write the display list's text dump here
                              (golden tests), or NULL */
    /* Streams (`render - -o -`): when guide_data is set the guide is read
     * from these bytes and guide_path is only its name in diagnostics
     * ("<stdin>"); when output_write is set a PDF goes to it instead of
     * output_path (which then only names it in messages). */
    const char *guide_data;
    size_t guide_len;
    gp_write_fn output_write;
    void *output_closure;
    unsigned mode;             /* permission bits of the output (0640); 0: 0666 less
                                  the umask, or 0600 when encrypted or personalised
                                  (any --set value) */
    const char *const *inputs; /* more files the output must never replace
                                  (a batch's CSV); the guide, style, logo and
                                  font files are always protected */
    size_t n_inputs;
    gp_guide *guide; /* render this guide (e.g. one composed from role
                        profiles, compose.h) instead of loading
                        guide_path; --set values are applied to it;
                        the caller keeps it. NULL: load guide_path */
    /* The plan (docs/plan.md): the guide's `start` (--set start=...) dates
     * the timeline; ics_path, when set, also gets an iCalendar file with
     * one entry per step. */
    const char *ics_path;
    /* Email (docs/plan.md): with eml_path and mail_to, also an RFC 5322
     * message with the PDF (and the calendar) attached, its text from the
     * style's `email:` template. mail_from NULL: the style's brand contact;
     * mail_subject NULL: the style's subject template. PDF only. */
    const char *eml_path;
    const char *mail_to;
    const char *mail_from;
    const char *mail_subject;
    bool no_forms; /* tick boxes as plain printed boxes, not fillable check
                      box fields (our PDF painter; the others never fill) */
} gp_render_request;

typedef struct gp_render_result {
    int pages;
    size_t bytes;         /* size of the written output (all pages for PNG) */
    double ms;            /* wall time */
    size_t n_outputs;     /* files written */
    size_t ics_bytes;     /* size of the calendar file, 0 when none */
    size_t eml_bytes;     /* size of the email, 0 when none */
    bool eml_over_budget; /* larger than the style's email.max_size (a warning) */
} gp_render_result;

/* Initialises a request with defaults (PDF, our PDF painter, tagged, date -1). */
void gp_render_request_init(gp_render_request *req);

/* Runs the pipeline. Returns 0, or -1 with errors in diags; warnings may be
 * in diags either way. Never leaves a partial output file. */
int gp_render(gp_engine *e, const gp_render_request *req, gp_render_result *result,
              gp_diags *diags);

/* Hands the email a render wrote (result eml_path) to the local mail
 * system as mail merge tools do: runs `sh -c cmd` (for example
 * "/usr/sbin/sendmail -t -i") with the file eml_path as its standard input
 * and the command's output on standard error. Returns 0, or -1 with a
 * message in err (the caller's buffer of err_cap bytes). Used by
 * `render --sendmail` and by batch workers. */
int gp_mail_sendmail(const char *cmd, const char *eml_path, char *err, size_t err_cap);

/* Removes the temporary files of every render in progress in this
 * process. Async-signal-safe: call it from a SIGINT or SIGTERM handler
 * before dying, so a killed render leaves nothing behind. */
void gp_render_remove_temp_files(void);

/* The document date gp_render gives the layout (gp_layout_options.date):
 * req->date when >= 0, else SOURCE_DATE_EPOCH, else the guide's `date` at
 * noon UTC, else a fixed date, so output is reproducible. req may be NULL.
 * Seconds since 1970. */
long long gp_engine_date(const gp_render_request *req, const gp_guide *g);

/* The pass gp_render makes over a PDF from the Cairo or libharu painter
 * with libqpdf (our own painter writes these itself). */
typedef struct gp_post_options {
    const char *password;       /* AES-256 user password, or NULL */
    const char *owner_password; /* NULL: a random-free derived one */
    unsigned permissions;       /* GP_PERM_*; used with a password */
    const char *lang;           /* the catalogue's /Lang ("en-GB") */
    bool pdfa;
    long long date;        /* gp_engine_date */
    const char *attach[2]; /* files to embed (guide, style) */
    size_t n_attach;
    const char *const *figure_alt; /* /Alt for the structure tree's Figure
                                      elements, in document order */
    size_t n_figure_alt;
} gp_post_options;

/* Copies the PDF in[0..in_len) with those edits made (catalogue /Lang,
 * figures' alternative texts, attachments, encryption). Returns 0 with
 * *out (caller owns; free()) and *out_len set, or -1 with a diagnostic and
 * *out NULL. in is only read. */
int gp_pdf_postprocess_copy(const unsigned char *in, size_t in_len, const gp_post_options *opt,
                            unsigned char **out, size_t *out_len, gp_diags *diags);

/* Writes the display list of a request to memory instead of a file (for
 * tests and fuzzing). *out is malloc'ed, caller frees. */
int gp_render_to_memory(gp_engine *e, const gp_guide *guide, const gp_style *style,
                        gp_format format, unsigned char **out, size_t *out_len, gp_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
