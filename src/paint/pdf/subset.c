/* paint/pdf/subset.c - font subsets with HarfBuzz's subsetter, kept for
 * the process.
 *
 * A subset is made once per face and glyph set: hb-subset's plan gives the
 * new glyph ids (content uses them as CIDs) and its execution the font
 * program. The last SUBSET_CACHE subsets are kept, so a batch of copies of
 * a guide (or a worker's next document with the same glyphs) reuses them
 * instead of subsetting again. Only an equal glyph set is a hit: a superset
 * would make a document's bytes depend on what was rendered before it,
 * and identical input must give identical output. */
#include "paint/pdf/subset.h"

#include <hb-subset.h>
#include <pthread.h>
#include <string.h>

#include "base/alloc.h"

#define SUBSET_CACHE 16

typedef struct entry {
    hb_face_t *face;
    hb_set_t *glyphs;
    hb_blob_t *blob;
    uint32_t *new2old;
    uint32_t n_new;
    unsigned long long used;
} entry;

static entry cache[SUBSET_CACHE];
static unsigned long long clock_;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* The subsetter's options: shaped glyphs need no layout tables or hinting.
 * An embedded CIDFontType2 is reached through CIDs and CIDToGIDMap, never
 * through a character map or glyph names, and its FontDescriptor carries
 * the metrics, so cmap, OS/2, post and name go too (ISO 32000-1 9.9 lists
 * the tables a PDF consumer uses; Cairo's CID subsets leave out the same
 * four): about 1 KB of the reference guide's 10 KB of font programs. */
static hb_subset_plan_t *plan_for(hb_face_t *face, const hb_set_t *glyphs)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in)
        return NULL;
    hb_set_union(hb_subset_input_glyph_set(in), glyphs);
    hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    static const char *const tags[] = {
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "DSIG", "fpgm", "prep",
        "cvt ", "hdmx", "VDMX", "LTSH", "gasp", "meta", "STAT", "cmap", "OS/2", "post", "name"};
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++)
        hb_set_add(drop, hb_tag_from_string(tags[i], 4));
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(face, in);
    hb_subset_input_destroy(in);
    return plan;
}

static int make(hb_face_t *face, const hb_set_t *glyphs, pdf_subset *out)
{
    hb_subset_plan_t *plan = plan_for(face, glyphs);
    if (!plan)
        return -1;
    const hb_map_t *n2o = hb_subset_plan_new_to_old_glyph_mapping(plan);
    /* without retain-gids the new ids are 0 .. population - 1 */
    uint32_t n = hb_map_get_population(n2o);
    out->new2old = gp_malloc((n ? n : 1) * sizeof *out->new2old);
    hb_face_t *sub = out->new2old ? hb_subset_plan_execute_or_fail(plan) : NULL;
    out->blob = sub ? hb_face_reference_blob(sub) : NULL;
    hb_face_destroy(sub);
    if (!out->blob || !hb_blob_get_length(out->blob)) {
        hb_subset_plan_destroy(plan);
        pdf_subset_release(out);
        return -1;
    }
    for (uint32_t i = 0; i < n; i++) {
        hb_codepoint_t o = hb_map_get(n2o, i);
        out->new2old[i] = o == HB_MAP_VALUE_INVALID ? UINT32_MAX : o;
    }
    out->n_new = n;
    hb_subset_plan_destroy(plan);
    return 0;
}

int pdf_subset_get(hb_face_t *face, const hb_set_t *glyphs, pdf_subset *out)
{
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&lock);
    entry *hit = NULL;
    for (int i = 0; i < SUBSET_CACHE && !hit; i++)
        if (cache[i].face == face && hb_set_is_equal(cache[i].glyphs, glyphs))
            hit = &cache[i];
    if (hit) {
        out->new2old = gp_malloc((hit->n_new ? hit->n_new : 1) * sizeof *out->new2old);
        if (out->new2old) {
            memcpy(out->new2old, hit->new2old, hit->n_new * sizeof *out->new2old);
            out->n_new = hit->n_new;
            out->blob = hb_blob_reference(hit->blob);
            hit->used = ++clock_;
        }
        pthread_mutex_unlock(&lock);
        return out->new2old ? 0 : -1;
    }
    pthread_mutex_unlock(&lock);
    if (make(face, glyphs, out))
        return -1;
    /* keep a copy, in place of the least recently used entry */
    uint32_t *copy = gp_malloc((out->n_new ? out->n_new : 1) * sizeof *copy);
    hb_set_t *set = hb_set_copy(glyphs);
    if (!copy || !hb_set_allocation_successful(set)) {
        gp_free(copy);
        hb_set_destroy(set);
        return 0;
    }
    memcpy(copy, out->new2old, out->n_new * sizeof *copy);
    pthread_mutex_lock(&lock);
    entry *e = &cache[0];
    for (int i = 1; i < SUBSET_CACHE; i++)
        if (cache[i].used < e->used)
            e = &cache[i];
    hb_face_destroy(e->face);
    hb_set_destroy(e->glyphs);
    hb_blob_destroy(e->blob);
    gp_free(e->new2old);
    e->face = hb_face_reference(face);
    e->glyphs = set;
    e->blob = hb_blob_reference(out->blob);
    e->new2old = copy;
    e->n_new = out->n_new;
    e->used = ++clock_;
    pthread_mutex_unlock(&lock);
    return 0;
}

void pdf_subset_release(pdf_subset *s)
{
    hb_blob_destroy(s->blob);
    gp_free(s->new2old);
    memset(s, 0, sizeof *s);
}
