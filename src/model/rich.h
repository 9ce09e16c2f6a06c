/* model/rich.h - the guide's rich-text markup, parsed into paragraphs of
 * runs (private to the model).
 *
 * Prose fields (summary, intro, body, card texts, details, list items,
 * answers) may use a small, forgiving markup: a blank line starts a
 * paragraph, `**bold**`, `*italic*` (nestable, `***both***`) and
 * `[text](https://url)` links. Anything that does not form complete markup
 * stays literal, so prose with a stray `*` or `[` is never rejected. */
#ifndef GP_MODEL_RICH_H
#define GP_MODEL_RICH_H

#include <stddef.h>

#include <guidepress/guide.h>

#include "base/arena.h"

/* Parses src[0..len) into out->paras / out->n_paras, all in the arena;
 * out->source is set to an arena copy of src and out->pos is left alone.
 * Inside a paragraph single newlines become spaces and runs of white space
 * collapse to one space; empty paragraphs are dropped. Link URLs must start
 * with http://, https:// or mailto: (otherwise the text stays literal).
 * Adjacent runs with the same style and link are merged. Returns 0, or -1
 * when the arena runs out of memory (out is then partly filled). */
int gp_rich_parse(gp_arena *arena, const char *src, size_t len, gp_rich *out);

/* True when url starts with http://, https:// or mailto: and has no white
 * space or control characters. */
bool gp_url_ok(const char *url, size_t len);

#endif
