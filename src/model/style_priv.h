/* model/style_priv.h - what the style loader's files share, and nobody else.
 *
 * Loading a style sheet is three stages kept in separate files so that each
 * stays small and testable on its own:
 *   style_load.c    reads the files of an `extends` chain (under the
 *                   built-in defaults of style_builtin.c) and deep-merges
 *                   their YAML trees, keeping every node's position;
 *   style_convert.c checks the merged tree against the schema and fills
 *                   gp_style (points, RGB, absolute paths);
 *   style_values.c  parses single values (lengths, colours, page sizes),
 *                   with no YAML and no diagnostics, for unit tests.
 * Unit tests include this header; the library's users never do. */
#ifndef GP_MODEL_STYLE_PRIV_H
#define GP_MODEL_STYLE_PRIV_H

#include <stdbool.h>
#include <stddef.h>

#include <guidepress/style.h>

#include "base/arena.h"
#include "model/style_struct.h"
#include "model/ytree.h"

/* What gp_style.priv points at: the arena that owns every string, array and
 * parsed YAML tree of one loaded style. */
struct gp_style_private {
    gp_arena *arena;
};

/* The file name used in positions of built-in default values. */
#define GP_STYLE_BUILTIN_FILE "<built-in>"

/* style_builtin.c: the plain, complete fallback style (YAML text). Every
 * key the schema knows is present, so the merged tree of any chain is
 * complete and the converter invents no value - with two documented
 * derivations: sections.skills (and gaps) columns fall back to
 * cards.columns when not set, and
 * brand.logo_alt to brand.name. */
extern const char gp_style_builtin_yaml[];

/* style_values.c --------------------------------------------------------- */

/* Parses a length: "12pt", "5mm", "1.5cm", "0.5in", or a bare number ("10",
 * points). Leading/trailing blanks are allowed. On a bad unit sets
 * *bad_unit (when not NULL) to true. Returns false when s is not a length.
 * Negative lengths parse; the caller decides whether they are allowed. */
bool gp_style_parse_length(const char *s, double *pt, bool *bad_unit);

/* Parses "#rrggbb" or "#rgb" (hex digits in either case). */
bool gp_style_parse_hex(const char *s, gp_color *out);

/* Looks up a paper size name (case-insensitive: A4, A5, Letter, Legal).
 * Sets the size in points and the canonical spelling. */
bool gp_style_page_size(const char *name, double *w, double *h, const char **canonical);

/* Parses a CSS-style list of 1 to 4 lengths separated by blanks
 * ("22mm 20mm") into top, right, bottom, left. Returns the number of values
 * read (1..4), 0 when a value is not a length, -1 when there are more than
 * four. */
int gp_style_parse_margin(const char *s, double out[4]);

/* Expands 1..4 CSS values (top right bottom left) into all four sides. */
void gp_style_css_sides(const double *v, int n, double out[4]);

/* Parses a font weight: regular, medium, semibold, bold (any case) or an
 * integer 100..900. */
bool gp_style_parse_weight(const char *s, int *weight);

/* style_load.c ----------------------------------------------------------- */

/* Deep merge: returns a new tree where over's maps are merged into base's
 * key by key (recursively), and over's lists and scalars replace base's.
 * A null over a mapping keeps the mapping (an empty `text:` changes
 * nothing); a null over anything else replaces it. Neither input is
 * modified; unchanged subtrees are shared. Returns NULL only when memory
 * runs out (or when both are NULL). */
gp_ynode *gp_style_merge(gp_arena *a, gp_ynode *base, gp_ynode *over);

/* style_convert.c -------------------------------------------------------- */

/* One file of an `extends` chain: its name as used in positions and the
 * absolute folder its relative paths resolve against. */
typedef struct gp_style_src {
    const char *file;
    const char *dir;
} gp_style_src;

typedef struct gp_style_conv {
    gp_style *style;
    gp_arena *arena;
    const gp_limits *lim;
    gp_diags *diags;
    const gp_style_src *srcs;
    size_t n_srcs;
} gp_style_conv;

/* Checks the merged tree against the schema and fills cv->style. Reports
 * every problem found to cv->diags; returns false when there was one. */
bool gp_style_convert(gp_style_conv *cv, const gp_ynode *root);

#endif
