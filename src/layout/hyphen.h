/* layout/hyphen.h - dictionary hyphenation (libhyphen, Debian's pattern
 * files), kept apart from Pango so that text.c only asks "where may this
 * paragraph break inside words?".
 *
 * A gp_hyph_set belongs to one gp_fonts (one per engine or worker). Pattern
 * files load lazily, once per language, on the first paragraph whose text
 * style says `hyphenate: true` (loading en-GB costs about 50 ms, so a
 * guide that never hyphenates never pays it); after that a dictionary is
 * read-only and freed with the set. */
#ifndef GP_LAYOUT_HYPHEN_H
#define GP_LAYOUT_HYPHEN_H

#include <stddef.h>

typedef struct gp_hyph_set gp_hyph_set;
typedef struct gp_hyph gp_hyph;

/* Creates an empty set that loads pattern files from dir (NULL: the
 * system's /usr/share/hyphen). Returns NULL only when memory runs out. */
gp_hyph_set *gp_hyph_set_new(const char *dir);
void gp_hyph_set_free(gp_hyph_set *s); /* NULL-safe; frees every dictionary */

/* The dictionary for a BCP 47 language tag: "en-GB" (also the default for
 * NULL or "en"), "en-US", "cy" ... Returns NULL when no pattern file exists
 * for the language (Debian ships none for Welsh): the caller then does not
 * hyphenate. Thread-safe; the dictionary belongs to the set. */
const gp_hyph *gp_hyph_for(gp_hyph_set *s, const char *lang);

/* Marks the allowed hyphenation points of a UTF-8 paragraph: on return,
 * out[i] is 1 when a soft hyphen may be inserted before byte i (a point
 * inside a word), else 0; out has len entries. Words are runs of ASCII
 * letters; a word is left whole when it is shorter than 6 letters, has a
 * capital after its first letter or touches a digit, or when the
 * whitespace-delimited token holding it looks like a URL, an e-mail
 * address or a domain/file name (contains "://", "@", "www." or a dot
 * between letters). At least 3 letters stay before a point and 3 after
 * it. Returns the number of points marked. */
size_t gp_hyph_points(const gp_hyph *h, const char *text, size_t len, unsigned char *out);

/* The hyphenation layer's exception list: clears the points of out (as
 * filled by gp_hyph_points) inside every occurrence in text of one of the
 * n terms (the guide's role names and skill names). A match is
 * case-insensitive (ASCII) and starts at a word start; the word the match
 * ends in stays whole to its end, so "Data Engineers" is protected by the
 * term "Data Engineer". Returns the number of points cleared. */
size_t gp_hyph_protect(const char *text, size_t len, unsigned char *out, const char *const *terms,
                       size_t n);

#endif
