/* guidepress/guide.h - the guide model: role data for one career change.
 *
 * Mirrors shared/spec/guide-format.md (version 1) field for field. Every
 * loaded value carries the position it came from (gp_pos), so an error found
 * by layout later still points at file:line:col. A gp_guide owns one arena;
 * every string and array of it lives there and dies with gp_guide_free().
 *
 * gp_guide is opaque: a caller reads it with the accessors declared after
 * gp_guide_free(). The structs it is made of (gp_section with its skills,
 * gaps, steps, salary roles, panels, FAQs; gp_rich, gp_text, gp_pos,
 * gp_stat ...) stay public as read-only views: plain values that own
 * nothing, borrowed from the guide; gp_guide_section() and gp_guide_stat()
 * return them. */
#ifndef GUIDEPRESS_GUIDE_H
#define GUIDEPRESS_GUIDE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "limits.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Where a value came from. file is shared by all values of one file. */
typedef struct gp_pos {
    const char *file;
    int line; /* 1-based; 0 when the value was not in the file (a default) */
    int col;
} gp_pos;

/* Plain text: a NUL-terminated UTF-8 string (NULL when absent). */
typedef struct gp_text {
    const char *s;
    gp_pos pos;
} gp_text;

/* Rich text ------------------------------------------------------------ */

enum { GP_RUN_BOLD = 1u << 0, GP_RUN_ITALIC = 1u << 1 };

/* One run of uniformly styled text inside a paragraph. */
typedef struct gp_run {
    const char *text; /* NUL-terminated, literal text (markup removed) */
    unsigned flags;   /* GP_RUN_BOLD | GP_RUN_ITALIC */
    const char *url;  /* non-NULL for a link run */
} gp_run;

typedef struct gp_para {
    gp_run *runs;
    size_t n_runs;
} gp_para;

/* A rich text field: paragraphs of runs. n_paras == 0 when absent. */
typedef struct gp_rich {
    gp_para *paras;
    size_t n_paras;
    const char *source; /* the text as written, NULL when absent */
    gp_pos pos;
} gp_rich;

/* Sections ------------------------------------------------------------- */

typedef enum gp_section_type {
    GP_SEC_PROSE = 0,
    GP_SEC_SKILLS,
    GP_SEC_GAPS,
    GP_SEC_TIMELINE,
    GP_SEC_SALARY,
    GP_SEC_COMPARE,
    GP_SEC_LIST,
    GP_SEC_FAQ,
    GP_SEC_CTA,
    GP_SEC__COUNT
} gp_section_type;

/* "prose", "skills", ... ; NULL for an out-of-range value. */
const char *gp_section_type_name(gp_section_type t);

typedef struct gp_skill {
    gp_text name;
    bool direct;
    gp_rich from; /* what it is as the old role */
    gp_rich to;   /* what it becomes in the new role */
    gp_pos pos;
} gp_skill;

typedef struct gp_gap {
    gp_text name;
    gp_rich why;
    gp_rich how;
    gp_pos pos;
} gp_gap;

typedef struct gp_step {
    gp_text title;
    gp_text when;
    gp_rich detail;
    gp_pos pos;
    gp_text dated; /* `when` as calendar dates ("Jan–Mar 2027") when the
                      guide has a start date and the form is understood;
                      NULL otherwise (set by the dated plan, src/plan/) */
} gp_step;

/* One salary range in whole currency units. */
typedef struct gp_range {
    double min;
    double max;
    bool open_ended; /* written "130000+": max is a floor, shown "£130,000+" */
    gp_pos pos;
} gp_range;

typedef struct gp_salary_role {
    gp_text name;
    gp_range *ranges; /* exactly one per band */
    size_t n_ranges;
    gp_pos pos;
} gp_salary_role;

typedef struct gp_panel {
    gp_text title;
    gp_rich body;
    gp_pos pos;
} gp_panel;

typedef enum gp_list_style {
    GP_LIST_BULLETS = 0,
    GP_LIST_NUMBERED,
    GP_LIST_CHECKLIST
} gp_list_style;

typedef struct gp_faq {
    gp_text q;
    gp_rich a;
    gp_pos pos;
} gp_faq;

/* A section. Which fields are filled depends on type; the others are
 * zero/NULL. */
typedef struct gp_section {
    gp_section_type type;
    gp_pos pos;
    gp_text title;
    gp_rich intro;
    gp_rich body; /* prose, salary (after the table), cta */

    /* skills */
    gp_text from_label; /* default "As a <from>" filled in by the loader */
    gp_text to_label;   /* default "As a <to>" */
    /* the label is the default (the layout words it in the guide's language) */
    bool from_label_derived, to_label_derived;
    gp_skill *skills;
    size_t n_skills;

    /* gaps */
    gp_gap *gaps;
    size_t n_gaps;

    /* timeline */
    gp_text duration;
    gp_step *steps;
    size_t n_steps;

    /* salary */
    gp_text *bands;
    size_t n_bands;
    gp_salary_role *roles;
    size_t n_roles;

    /* compare */
    gp_panel left;
    gp_panel right;

    /* list */
    gp_list_style list_style;
    gp_rich *items;
    size_t n_items;

    /* faq */
    gp_faq *faqs;
    size_t n_faqs;

    /* cta */
    gp_text link_text; /* NULL when no link */
    gp_text link_url;
    gp_rich note; /* optional small print under the link (an extension) */
} gp_section;

typedef struct gp_stat {
    gp_text value;
    gp_text label;
    /* derived stats (label.s is then English): the catalogue's message id,
     * its plural id (NULL for none) and the count n the form is chosen by;
     * msgid is NULL for a stat the guide gives */
    const char *msgid, *plural;
    unsigned long n;
} gp_stat;

/* A `labels:` entry: the catalogue message id a label has and the words
 * that replace it (po/guidepress.pot lists the ids). */
typedef struct gp_label_override {
    const char *msgid;
    gp_text value;
} gp_label_override;

/* `digits:`: the digits numbers the layout writes are set in. */
typedef enum gp_digits {
    GP_DIGITS_UNSET = 0, /* the style decides; Latin 0-9 by default */
    GP_DIGITS_LATIN,
    GP_DIGITS_NATIVE /* the language's own (Arabic-Indic for ar, ...) */
} gp_digits;

/* A loaded guide: opaque; read it with the accessors below. */
typedef struct gp_guide gp_guide;

/* Loads and validates a guide file. Returns a guide the caller owns (free
 * with gp_guide_free), or NULL when any error was found; every error found
 * (up to GP_DIAGS_CAP) is added to diags. lim may be NULL for defaults. */
gp_guide *gp_guide_load_file(const char *path, const gp_limits *lim, gp_diags *diags);

/* Same from memory; name is used as the file name in diagnostics. */
gp_guide *gp_guide_load_memory(const char *data, size_t len, const char *name, const gp_limits *lim,
                               gp_diags *diags);

void gp_guide_free(gp_guide *g); /* NULL-safe */

/* Accessors. Every pointer they return is borrowed: read-only, valid until
 * gp_guide_free(g) or a call that changes g (gp_guide_set,
 * gp_guide_keep_items, gp_guide_add_note). NULL for a NULL guide. */

/* The file the guide was loaded from: the name given to
 * gp_guide_load_memory, and for gp_compose_guide's "FROM--TO (composed
 * from PROFILE)". */
const char *gp_guide_path(const gp_guide *g);

/* `title:` (derived "<from> to <to>" when absent), `from:`, `to:`,
 * `market:` (NULL when absent), `lang:` (default "en-GB") and `currency:`
 * (default "GBP"), after any gp_guide_set. */
const char *gp_guide_title(const gp_guide *g);
const char *gp_guide_from(const gp_guide *g);
const char *gp_guide_to(const gp_guide *g);
const char *gp_guide_market(const gp_guide *g);
const char *gp_guide_lang(const gp_guide *g);
const char *gp_guide_currency(const gp_guide *g);

/* The sections in document order: gp_guide_section(g, i) for
 * i < gp_guide_section_count(g), NULL otherwise. */
size_t gp_guide_section_count(const gp_guide *g);
const gp_section *gp_guide_section(const gp_guide *g, size_t i);

/* The banner's stats, given or derived: gp_guide_stat(g, i) for
 * i < gp_guide_stat_count(g), NULL otherwise. */
size_t gp_guide_stat_count(const gp_guide *g);
const gp_stat *gp_guide_stat(const gp_guide *g, size_t i);

/* The JSON Schema (draft 07) of guide files, written from the loader's own
 * key tables (docs/schema/). Caller owns the NUL-terminated text (free());
 * *len, when not NULL, gets its length. NULL when out of memory. */
char *gp_guide_schema_new(size_t *len);

/* Personalisation at render time (`--set key=value`): key is one of
 * prepared_for, prepared_by, date, title, kicker, market, lang, currency, start (the plan's
 * start date, YYYY-MM-DD: see src/plan/).
 * The value must be valid UTF-8 of at most GP_SET_MAX_BYTES bytes; bidi
 * and other control characters are dropped with a warning. Returns 0, or
 * -1 with a GP_ERR_USAGE/VALUE/LIMIT/UTF8 diagnostic. */
#define GP_SET_MAX_BYTES 1024
int gp_guide_set(gp_guide *g, const char *key, const char *value, gp_diags *diags);

/* Render-time overrides (the guide file is never changed) --------------- */

/* The items a reader ticks off: the steps of every timeline section and
 * the items of every checklist (`list` with style checklist), numbered in
 * document order by (section index, item index). */
typedef bool (*gp_item_keep_fn)(void *ctx, size_t section, size_t item);

/* Keeps only the timeline steps and checklist items keep() accepts (it is
 * called once for each, in document order, with the indexes as loaded); a
 * section left without any is dropped. Derived stats (the step count) are
 * updated. Returns the number of items dropped. */
size_t gp_guide_keep_items(gp_guide *g, gp_item_keep_fn keep, void *ctx);

/* Appends a section titled title (plain text) holding body (the guide's
 * rich-text markup; a blank line starts a paragraph) after the last one,
 * so it prints on the last page: a private note to one reader. Returns 0,
 * or -1 with a diagnostic (empty body, invalid UTF-8, out of memory). */
int gp_guide_add_note(gp_guide *g, const char *title, const char *body, gp_diags *diags);

/* Money ---------------------------------------------------------------- */

/* Formats a whole amount in the ISO 4217 currency with English digit
 * grouping: "£32,000" (GBP), "$1,250" (USD), "€45,000" (EUR); other codes are
 * written "CHF 32,000". Returns the number of bytes written (excluding NUL),
 * truncating safely to cap. */
size_t gp_money_format(char *buf, size_t cap, double amount, const char *currency);

/* "£32,000–£45,000" (en dash, no spaces); an open-ended range is
 * "£80,000–£130,000+", or "£130,000+" when min equals max. */
size_t gp_range_format(char *buf, size_t cap, const gp_range *r, const char *currency);

#ifdef __cplusplus
}
#endif
#endif
