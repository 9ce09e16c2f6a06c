/* model/guide_sections.c - validates each section type of a guide.
 *
 * One function per section type reads its fields into gp_section, checking
 * what shared/spec/guide-format.md promises: unknown keys and types are
 * errors with the nearest known name, required fields are present, lists
 * hold what they should, and salary ranges are [min, max] pairs of
 * non-negative numbers, one per band, where max may be open-ended
 * (`130000+`). Errors are collected, never fatal; a section whose type is
 * unknown is still checked for a title so that one typo does not hide the
 * others. */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "model/guide_load.h"
#include "model/money.h"
#include "model/rich.h"

#define NKEYS(a) (sizeof(a) / sizeof *(a))

/* Keys per section type (type, title and intro are common). */
static const char *const sec_keys[GP_SEC__COUNT][8] = {
    [GP_SEC_PROSE] = {"type", "title", "intro", "body"},
    [GP_SEC_SKILLS] = {"type", "title", "intro", "items", "from_label", "to_label"},
    [GP_SEC_GAPS] = {"type", "title", "intro", "items"},
    [GP_SEC_TIMELINE] = {"type", "title", "intro", "duration", "steps"},
    [GP_SEC_SALARY] = {"type", "title", "intro", "bands", "roles", "body"},
    [GP_SEC_COMPARE] = {"type", "title", "intro", "left", "right"},
    [GP_SEC_LIST] = {"type", "title", "intro", "style", "items"},
    [GP_SEC_FAQ] = {"type", "title", "intro", "items"},
    [GP_SEC_CTA] = {"type", "title", "intro", "body", "link", "note"},
};

/* Keys of the items of each list (the loader's tables, also written into
 * the JSON Schema below). */
static const char *const skill_keys[] = {"name", "direct", "from", "to"};
static const char *const gap_keys[] = {"name", "why", "how"};
static const char *const step_keys[] = {"title", "when", "detail"};
static const char *const role_keys[] = {"name", "ranges"};
static const char *const panel_keys[] = {"title", "body"};
static const char *const faq_keys[] = {"q", "a"};
static const char *const link_keys[] = {"text", "url"};
static const char *const list_styles[] = {"bullets", "numbered", "checklist"};

static size_t nkeys(gp_section_type t)
{
    size_t n = 0;
    while (n < 8 && sec_keys[t][n])
        n++;
    return n;
}

/* Allocates an array of n elements of size sz (at least one element, so a
 * valid list is never NULL). */
static void *alloc_items(gp_loader *L, size_t n, size_t sz)
{
    void *p = gp_arena_alloc(L->arena, (n ? n : 1) * sz);
    if (!p)
        gp_ld_error(L, GP_ERR_NOMEM, NULL, NULL, NULL, "out of memory while loading the guide");
    return p;
}

/* Item i of list as a mapping with the given keys, or NULL (reported). */
static const gp_ynode *item_map(gp_loader *L, const gp_ynode *list, size_t i, const char *lpath,
                                const char *what, const char *expect, const char *const *keys,
                                size_t nk, const char **ipath)
{
    const gp_ynode *it = list->items[i];
    *ipath = gp_ld_index_path(L, lpath, i);
    if (!gp_ld_map(L, it, *ipath, what, expect))
        return NULL;
    gp_ld_keys(L, it, *ipath, what, keys, nk);
    return it;
}

static void load_skills(gp_loader *L, const gp_ynode *n, const char *path, const char *from,
                        const char *to, gp_section *s)
{
    gp_ld_text(L, n, "from_label", path, false, "section", &s->from_label);
    gp_ld_text(L, n, "to_label", path, false, "section", &s->to_label);
    s->from_label_derived = !s->from_label.s && from;
    s->to_label_derived = !s->to_label.s && to;
    if (!s->from_label.s)
        s->from_label.s = gp_ld_as_label(L, from);
    if (!s->to_label.s)
        s->to_label.s = gp_ld_as_label(L, to);
    const gp_ynode *list = gp_ld_list(L, n, "items", path, true, true, "section");
    if (!list || !(s->skills = alloc_items(L, list->n_items, sizeof *s->skills)))
        return;
    const char *lp = gp_ld_key_path(L, path, "items");
    for (size_t i = 0; i < list->n_items; i++) {
        const char *ip;
        const gp_ynode *it =
            item_map(L, list, i, lp, "a skill", "with `name`, `direct`, `from` and `to`",
                     skill_keys, NKEYS(skill_keys), &ip);
        if (!it)
            continue;
        gp_skill *k = &s->skills[s->n_skills++];
        k->pos = gp_ld_pos(it);
        gp_ld_text(L, it, "name", ip, true, "a skill", &k->name);
        gp_ld_bool(L, it, "direct", ip, false, "a skill", &k->direct);
        gp_ld_rich(L, it, "from", ip, true, "a skill", &k->from);
        gp_ld_rich(L, it, "to", ip, true, "a skill", &k->to);
    }
}

static void load_gaps(gp_loader *L, const gp_ynode *n, const char *path, gp_section *s)
{
    const gp_ynode *list = gp_ld_list(L, n, "items", path, true, true, "section");
    if (!list || !(s->gaps = alloc_items(L, list->n_items, sizeof *s->gaps)))
        return;
    const char *lp = gp_ld_key_path(L, path, "items");
    for (size_t i = 0; i < list->n_items; i++) {
        const char *ip;
        const gp_ynode *it = item_map(L, list, i, lp, "a skill gap", "with `name`, `why` and `how`",
                                      gap_keys, NKEYS(gap_keys), &ip);
        if (!it)
            continue;
        gp_gap *k = &s->gaps[s->n_gaps++];
        k->pos = gp_ld_pos(it);
        gp_ld_text(L, it, "name", ip, true, "a skill gap", &k->name);
        gp_ld_rich(L, it, "why", ip, true, "a skill gap", &k->why);
        gp_ld_rich(L, it, "how", ip, true, "a skill gap", &k->how);
    }
}

static void load_timeline(gp_loader *L, const gp_ynode *n, const char *path, gp_section *s)
{
    gp_ld_text(L, n, "duration", path, true, "section", &s->duration);
    const gp_ynode *list = gp_ld_list(L, n, "steps", path, true, true, "section");
    if (!list || !(s->steps = alloc_items(L, list->n_items, sizeof *s->steps)))
        return;
    const char *lp = gp_ld_key_path(L, path, "steps");
    for (size_t i = 0; i < list->n_items; i++) {
        const char *ip;
        const gp_ynode *it = item_map(L, list, i, lp, "step", "with `title`, `when` and `detail`",
                                      step_keys, NKEYS(step_keys), &ip);
        if (!it)
            continue;
        gp_step *k = &s->steps[s->n_steps++];
        k->pos = gp_ld_pos(it);
        gp_ld_text(L, it, "title", ip, true, "step", &k->title);
        gp_ld_text(L, it, "when", ip, true, "step", &k->when);
        gp_ld_rich(L, it, "detail", ip, true, "step", &k->detail);
    }
}

/* Salary ------------------------------------------------------------------- */

static const char *number_hint(const gp_ynode *v)
{
    if (v->kind != GP_Y_SCALAR)
        return NULL;
    if (!v->plain)
        return "write the number without quotes";
    if (strpbrk(v->str, ",\xC2\xA3$\xE2 "))
        return "write plain numbers, e.g. 32000 (no currency sign, commas or spaces)";
    return NULL;
}

/* Reads one end of a range; returns false (reported) when it is not a
 * non-negative number. allow_open accepts a trailing `+`. */
static bool range_end(gp_loader *L, const gp_ynode *v, const char *path, const char *which,
                      bool allow_open, double *out, bool *open)
{
    *open = false;
    if (v->kind == GP_Y_SCALAR && v->plain && v->len > 1 && v->str[v->len - 1] == '+') {
        gp_ynode tmp = *v;
        char buf[64];
        if (v->len - 1 < sizeof buf) {
            memcpy(buf, v->str, v->len - 1);
            buf[v->len - 1] = '\0';
            tmp.str = buf;
            tmp.len = v->len - 1;
            if (gp_ynode_number(&tmp, out)) {
                if (!allow_open) {
                    gp_ld_error(L, GP_ERR_VALUE, v, path, "write the range as [min, max+]",
                                "only the maximum of a salary range can be open-ended, "
                                "found %s as the minimum",
                                v->str);
                    return false;
                }
                *open = true;
                goto check_sign;
            }
        }
    }
    if (!gp_ynode_number(v, out)) {
        gp_ld_error(L, GP_ERR_TYPE, v, path, number_hint(v),
                    "the %s of a salary range must be a number, found %s", which,
                    gp_ynode_describe(L->arena, v));
        return false;
    }
check_sign:
    if (*out < 0) {
        gp_ld_error(L, GP_ERR_VALUE, v, path, NULL, "a salary must not be negative, found %s",
                    v->str);
        return false;
    }
    if (!(*out <= GP_SALARY_MAX)) {
        gp_ld_error(L, GP_ERR_LIMIT, v, path,
                    "a salary may be at most 1,000,000,000,000 in any currency",
                    "salary %s is out of range (at most 1000000000000)", v->str);
        return false;
    }
    return true;
}

static bool load_range(gp_loader *L, const gp_ynode *v, const char *path, gp_range *r)
{
    r->pos = gp_ld_pos(v);
    if (v->kind != GP_Y_SEQ || v->n_items != 2) {
        double d;
        const char *found;
        if (gp_ynode_number(v, &d))
            found = gp_arena_printf(L->arena, "a single number %s", v->str);
        else if (v->kind == GP_Y_SEQ)
            found = v->n_items ? gp_arena_printf(L->arena, "a list of %zu %s", v->n_items,
                                                 v->n_items == 1 ? "value" : "values")
                               : "an empty list `[]`";
        else
            found = gp_ynode_describe(L->arena, v);
        gp_ld_error(L, GP_ERR_TYPE, v, path, "write each range as [min, max], e.g. [32000, 45000]",
                    "salary range must be [min, max], found %s", found);
        return false;
    }
    bool o1, o2;
    bool ok =
        range_end(L, v->items[0], gp_ld_index_path(L, path, 0), "minimum", false, &r->min, &o1);
    ok &= range_end(L, v->items[1], gp_ld_index_path(L, path, 1), "maximum", true, &r->max, &o2);
    if (!ok)
        return false;
    r->open_ended = o2;
    if (r->min > r->max) {
        gp_ld_error(L, GP_ERR_VALUE, v, path, "write the range as [min, max]",
                    "salary range minimum %s is above its maximum %s", v->items[0]->str,
                    v->items[1]->str);
        return false;
    }
    return true;
}

static void load_salary(gp_loader *L, const gp_ynode *n, const char *path, gp_section *s)
{
    gp_ld_rich(L, n, "body", path, false, "section", &s->body);
    const gp_ynode *bands = gp_ld_list(L, n, "bands", path, true, true, "section");
    bool bands_ok = bands != NULL;
    if (bands && (s->bands = alloc_items(L, bands->n_items, sizeof *s->bands))) {
        const char *bp = gp_ld_key_path(L, path, "bands");
        for (size_t i = 0; i < bands->n_items; i++) {
            const gp_ynode *b = bands->items[i];
            const char *ip = gp_ld_index_path(L, bp, i);
            if (b->kind != GP_Y_SCALAR || gp_ynode_is_null(b) || b->len == 0) {
                gp_ld_error(L, GP_ERR_TYPE, b, ip, NULL,
                            "a salary band must be a name like `Entry`, found %s",
                            gp_ynode_describe(L->arena, b));
                bands_ok = false;
                continue;
            }
            s->bands[s->n_bands].s = b->str;
            s->bands[s->n_bands++].pos = gp_ld_pos(b);
        }
    }

    const gp_ynode *roles = gp_ld_list(L, n, "roles", path, true, true, "section");
    if (!roles || !(s->roles = alloc_items(L, roles->n_items, sizeof *s->roles)))
        return;
    const char *lp = gp_ld_key_path(L, path, "roles");
    for (size_t i = 0; i < roles->n_items; i++) {
        const char *ip;
        const gp_ynode *it = item_map(L, roles, i, lp, "a salary role", "with `name` and `ranges`",
                                      role_keys, NKEYS(role_keys), &ip);
        if (!it)
            continue;
        gp_salary_role *role = &s->roles[s->n_roles++];
        role->pos = gp_ld_pos(it);
        gp_ld_text(L, it, "name", ip, true, "a salary role", &role->name);
        const gp_ynode *ranges = gp_ld_list(L, it, "ranges", ip, true, true, "a salary role");
        if (!ranges)
            continue;
        const char *rp = gp_ld_key_path(L, ip, "ranges");
        if (bands_ok && ranges->n_items != s->n_bands)
            gp_ld_error(L, GP_ERR_VALUE, ranges, rp,
                        "give one [min, max] range per band, in the order of `bands`",
                        "role `%s` has %zu %s for %zu %s", role->name.s ? role->name.s : "?",
                        ranges->n_items, ranges->n_items == 1 ? "range" : "ranges", s->n_bands,
                        s->n_bands == 1 ? "band" : "bands");
        if (!(role->ranges = alloc_items(L, ranges->n_items, sizeof *role->ranges)))
            continue;
        for (size_t k = 0; k < ranges->n_items; k++)
            if (load_range(L, ranges->items[k], gp_ld_index_path(L, rp, k),
                           &role->ranges[role->n_ranges]))
                role->n_ranges++;
    }
}

/* The other types ---------------------------------------------------------- */

static void load_panel(gp_loader *L, const gp_ynode *n, const char *path, const char *key,
                       gp_panel *p)
{
    const gp_ynode *v = gp_ymap_get(n, key);
    const char *kp = gp_ld_key_path(L, path, key);
    if (!v || gp_ynode_is_null(v)) {
        gp_ld_error(L, GP_ERR_REQUIRED, v ? v : n, kp, NULL,
                    "missing required key `%s` in section (expected a panel with `title` "
                    "and `body`)",
                    key);
        return;
    }
    if (!gp_ld_map(L, v, kp, gp_arena_printf(L->arena, "`%s`", key),
                   "a panel with `title` and `body`"))
        return;
    const char *what = gp_arena_printf(L->arena, "`%s`", key);
    gp_ld_keys(L, v, kp, what, panel_keys, NKEYS(panel_keys));
    p->pos = gp_ld_pos(v);
    gp_ld_text(L, v, "title", kp, true, what, &p->title);
    gp_ld_rich(L, v, "body", kp, true, what, &p->body);
}

static void load_list(gp_loader *L, const gp_ynode *n, const char *path, gp_section *s)
{
    gp_text style;
    s->list_style = GP_LIST_BULLETS;
    if (gp_ld_text(L, n, "style", path, false, "section", &style)) {
        size_t k = 0;
        while (k < 3 && strcmp(style.s, list_styles[k]))
            k++;
        if (k < 3) {
            s->list_style = k == 0   ? GP_LIST_BULLETS
                            : k == 1 ? GP_LIST_NUMBERED
                                     : GP_LIST_CHECKLIST;
        } else {
            const char *near = gp_suggest(style.s, list_styles, 3);
            const gp_ynode *v = gp_ymap_get(n, "style");
            const char *kp = gp_ld_key_path(L, path, "style");
            const char *hint = "list styles: numbered, bullets, checklist";
            if (near)
                gp_ld_error(L, GP_ERR_VALUE, v, kp, hint,
                            "unknown list style `%s`; did you mean `%s`?", style.s, near);
            else
                gp_ld_error(L, GP_ERR_VALUE, v, kp, hint,
                            "`style` must be numbered, bullets or checklist, found \"%s\"",
                            style.s);
        }
    }
    const gp_ynode *list = gp_ld_list(L, n, "items", path, true, true, "section");
    if (!list || !(s->items = alloc_items(L, list->n_items, sizeof *s->items)))
        return;
    const char *lp = gp_ld_key_path(L, path, "items");
    for (size_t i = 0; i < list->n_items; i++) {
        const gp_ynode *it = list->items[i];
        if (it->kind != GP_Y_SCALAR || gp_ynode_is_null(it) || it->len == 0) {
            gp_ld_error(L, GP_ERR_TYPE, it, gp_ld_index_path(L, lp, i), NULL,
                        "a list item must be text, found %s", gp_ynode_describe(L->arena, it));
            continue;
        }
        gp_rich *r = &s->items[s->n_items];
        if (gp_rich_parse(L->arena, it->str, it->len, r) != 0) {
            gp_ld_error(L, GP_ERR_NOMEM, NULL, NULL, NULL, "out of memory while loading the guide");
            return;
        }
        r->pos = gp_ld_pos(it);
        s->n_items++;
    }
}

static void load_faq(gp_loader *L, const gp_ynode *n, const char *path, gp_section *s)
{
    const gp_ynode *list = gp_ld_list(L, n, "items", path, true, true, "section");
    if (!list || !(s->faqs = alloc_items(L, list->n_items, sizeof *s->faqs)))
        return;
    const char *lp = gp_ld_key_path(L, path, "items");
    for (size_t i = 0; i < list->n_items; i++) {
        const char *ip;
        const gp_ynode *it =
            item_map(L, list, i, lp, "a question", "with `q` (the question) and `a` (the answer)",
                     faq_keys, NKEYS(faq_keys), &ip);
        if (!it)
            continue;
        gp_faq *f = &s->faqs[s->n_faqs++];
        f->pos = gp_ld_pos(it);
        gp_ld_text(L, it, "q", ip, true, "a question", &f->q);
        gp_ld_rich(L, it, "a", ip, true, "a question", &f->a);
    }
}

static void load_cta(gp_loader *L, const gp_ynode *n, const char *path, gp_section *s)
{
    gp_ld_rich(L, n, "body", path, true, "section", &s->body);
    gp_ld_rich(L, n, "note", path, false, "section", &s->note);
    const gp_ynode *link = gp_ymap_get(n, "link");
    if (!link || gp_ynode_is_null(link))
        return;
    const char *kp = gp_ld_key_path(L, path, "link");
    if (!gp_ld_map(L, link, kp, "`link`", "with `text` and `url`"))
        return;
    gp_ld_keys(L, link, kp, "`link`", link_keys, NKEYS(link_keys));
    gp_ld_text(L, link, "text", kp, true, "`link`", &s->link_text);
    if (gp_ld_text(L, link, "url", kp, true, "`link`", &s->link_url) &&
        !gp_url_ok(s->link_url.s, strlen(s->link_url.s))) {
        gp_ld_error(L, GP_ERR_VALUE, gp_ymap_get(link, "url"), gp_ld_key_path(L, kp, "url"),
                    "write the full address, e.g. https://www.example.com/",
                    "`url` must start with http://, https:// or mailto:, found \"%s\"",
                    s->link_url.s);
        s->link_url.s = NULL;
    }
}

static const char *type_list(void)
{
    return "section types: prose, skills, gaps, timeline, salary, compare, list, faq, cta";
}

void gp_ld_section(gp_loader *L, const gp_ynode *n, const char *path, const char *from,
                   const char *to, gp_section *s)
{
    memset(s, 0, sizeof *s);
    s->pos = gp_ld_pos(n);
    if (!gp_ld_map(L, n, path, "a section", "with `type`, `title` and the type's fields"))
        return;

    gp_text type;
    int t = -1;
    if (gp_ld_text(L, n, "type", path, true, "section", &type)) {
        const char *names[GP_SEC__COUNT];
        for (int k = 0; k < GP_SEC__COUNT; k++) {
            names[k] = gp_section_type_name((gp_section_type)k);
            if (!strcmp(type.s, names[k]))
                t = k;
        }
        if (t < 0) {
            const gp_ynode *v = gp_ymap_get(n, "type");
            const char *kp = gp_ld_key_path(L, path, "type");
            const char *near = gp_suggest(type.s, names, GP_SEC__COUNT);
            if (near)
                gp_ld_error(L, GP_ERR_UNKNOWN_KEY, v, kp, type_list(),
                            "unknown section type `%s`; did you mean `%s`?", type.s, near);
            else
                gp_ld_error(L, GP_ERR_UNKNOWN_KEY, v, kp, type_list(), "unknown section type `%s`",
                            type.s);
        }
    }
    gp_ld_text(L, n, "title", path, true, "section", &s->title);
    gp_ld_rich(L, n, "intro", path, false, "section", &s->intro);
    if (t < 0)
        return; /* the other keys depend on the type */

    s->type = (gp_section_type)t;
    gp_ld_keys_as(L, n, path, "section", gp_arena_printf(L->arena, "a %s section", type.s),
                  sec_keys[t], nkeys(s->type));

    switch (s->type) {
    case GP_SEC_PROSE: gp_ld_rich(L, n, "body", path, true, "section", &s->body); break;
    case GP_SEC_SKILLS: load_skills(L, n, path, from, to, s); break;
    case GP_SEC_GAPS: load_gaps(L, n, path, s); break;
    case GP_SEC_TIMELINE: load_timeline(L, n, path, s); break;
    case GP_SEC_SALARY: load_salary(L, n, path, s); break;
    case GP_SEC_COMPARE:
        load_panel(L, n, path, "left", &s->left);
        load_panel(L, n, path, "right", &s->right);
        break;
    case GP_SEC_LIST: load_list(L, n, path, s); break;
    case GP_SEC_FAQ: load_faq(L, n, path, s); break;
    case GP_SEC_CTA: load_cta(L, n, path, s); break;
    case GP_SEC__COUNT: break;
    }
}

/* JSON Schema --------------------------------------------------------------
 * docs/schema/guide.schema.json is written from the tables above, so a key
 * the loader accepts is in the schema too; descriptions are merged in from
 * docs/guide-format.md by scripts/gen-schema.py. */

#define JS_TEXT "{\"type\": \"string\"}"

/* The schema of one field of an item or a section, by its name. */
static const char *js_field(const char *key)
{
    if (!strcmp(key, "direct"))
        return "{\"type\": \"boolean\"}";
    if (!strcmp(key, "ranges"))
        return "{\"type\": \"array\", \"items\": {\"type\": \"array\", \"minItems\": 2, "
               "\"maxItems\": 2, \"items\": {\"anyOf\": [{\"type\": \"number\", \"minimum\": 0}, "
               "{\"type\": \"string\", \"pattern\": \"^[0-9]+[+]$\"}]}}}";
    if (!strcmp(key, "bands"))
        return "{\"type\": \"array\", \"minItems\": 1, \"items\": " JS_TEXT "}";
    if (!strcmp(key, "style"))
        return NULL; /* the list styles, written by the caller */
    return JS_TEXT;
}

static void js_object(gp_buf *o, const char *const *keys, size_t n, const char *required)
{
    gp_buf_puts(o, "{\"type\": \"object\", \"additionalProperties\": false, \"properties\": {");
    for (size_t i = 0; i < n; i++)
        gp_buf_printf(o, "%s\"%s\": %s", i ? ", " : "", keys[i], js_field(keys[i]));
    gp_buf_puts(o, "}");
    if (required)
        gp_buf_printf(o, ", \"required\": [\"%s\"]", required);
    gp_buf_puts(o, "}");
}

static void js_list_of(gp_buf *o, const char *const *keys, size_t n, const char *required)
{
    gp_buf_puts(o, "{\"type\": \"array\", \"items\": ");
    js_object(o, keys, n, required);
    gp_buf_puts(o, "}");
}

bool gp_guide_json_schema(gp_buf *o)
{
    gp_buf_puts(o, "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", "
                   "\"$id\": \"https://guidepress.invalid/schema/guide.schema.json\", "
                   "\"title\": \"guidepress guide (role data, format version 1)\", "
                   "\"type\": \"object\", \"required\": [\"guide\", \"from\", \"to\", "
                   "\"sections\"], \"additionalProperties\": false, \"properties\": {");
    size_t nt;
    const char *const *top = gp_ld_top_keys(&nt);
    for (size_t i = 0; i < nt; i++) {
        const char *k = top[i];
        gp_buf_printf(o, "%s\"%s\": ", i ? ", " : "", k);
        if (!strcmp(k, "guide"))
            gp_buf_puts(o, "{\"const\": 1}");
        else if (!strcmp(k, "stats")) {
            static const char *const stat_keys[] = {"value", "label"};
            js_list_of(o, stat_keys, 2, NULL);
        } else if (!strcmp(k, "sections"))
            gp_buf_puts(o,
                        "{\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/section\"}}");
        else if (!strcmp(k, "date"))
            gp_buf_puts(o, "{\"type\": \"string\", \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"}");
        else if (!strcmp(k, "currency"))
            gp_buf_puts(o, "{\"type\": \"string\", \"pattern\": \"^[A-Z]{3}$\"}");
        else if (!strcmp(k, "labels"))
            gp_buf_puts(o, "{\"type\": \"object\", \"additionalProperties\": " JS_TEXT "}");
        else
            gp_buf_puts(o, JS_TEXT);
    }
    gp_buf_puts(o, "}, \"definitions\": {\"section\": {\"type\": \"object\", \"required\": "
                   "[\"type\"], \"properties\": {\"type\": {\"enum\": [");
    for (int t = 0; t < GP_SEC__COUNT; t++)
        gp_buf_printf(o, "%s\"%s\"", t ? ", " : "", gp_section_type_name((gp_section_type)t));
    gp_buf_puts(o, "]}}, \"allOf\": [");
    for (int t = 0; t < GP_SEC__COUNT; t++) {
        gp_buf_printf(o,
                      "%s{\"if\": {\"properties\": {\"type\": {\"const\": \"%s\"}}}, \"then\": "
                      "{\"additionalProperties\": false, \"properties\": {",
                      t ? ", " : "", gp_section_type_name((gp_section_type)t));
        for (size_t i = 0; i < nkeys((gp_section_type)t); i++) {
            const char *k = sec_keys[t][i];
            gp_buf_printf(o, "%s\"%s\": ", i ? ", " : "", k);
            if (!strcmp(k, "type"))
                gp_buf_puts(o, "{}");
            else if (!strcmp(k, "items") && t == GP_SEC_SKILLS)
                js_list_of(o, skill_keys, NKEYS(skill_keys), "name");
            else if (!strcmp(k, "items") && t == GP_SEC_GAPS)
                js_list_of(o, gap_keys, NKEYS(gap_keys), "name");
            else if (!strcmp(k, "items") && t == GP_SEC_FAQ)
                js_list_of(o, faq_keys, NKEYS(faq_keys), "q");
            else if (!strcmp(k, "items"))
                gp_buf_puts(o, "{\"type\": \"array\", \"items\": " JS_TEXT "}");
            else if (!strcmp(k, "steps"))
                js_list_of(o, step_keys, NKEYS(step_keys), "title");
            else if (!strcmp(k, "roles"))
                js_list_of(o, role_keys, NKEYS(role_keys), "name");
            else if (!strcmp(k, "left") || !strcmp(k, "right"))
                js_object(o, panel_keys, NKEYS(panel_keys), NULL);
            else if (!strcmp(k, "link"))
                js_object(o, link_keys, NKEYS(link_keys), "url");
            else if (!strcmp(k, "style")) {
                gp_buf_puts(o, "{\"enum\": [");
                for (size_t j = 0; j < NKEYS(list_styles); j++)
                    gp_buf_printf(o, "%s\"%s\"", j ? ", " : "", list_styles[j]);
                gp_buf_puts(o, "]}");
            } else
                gp_buf_puts(o, js_field(k));
        }
        gp_buf_puts(o, "}}}");
    }
    gp_buf_puts(o, "]}}}\n");
    return !o->failed;
}
