/* model/ytree.c - builds the positioned YAML tree from libyaml's events.
 *
 * Guide and style loading validate a tree, not an event stream, so that
 * every error can be found in one pass and every value keeps the line and
 * column it came from. libyaml does the parsing; this file only assembles
 * nodes, and is where hostile input is stopped: the raw bytes are checked
 * for UTF-8 before libyaml sees them (so the error names the bad byte's
 * line:col), nesting depth, node count, alias expansion and scalar size are
 * checked as each event arrives, so a billion-laughs file or 100,000 nested
 * brackets fail after a few hundred events. The builder keeps an explicit
 * stack instead of recursing. */
#include "model/ytree.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/alloc.h"
#include "base/util.h"

/* An open collection while its events arrive. */
typedef struct frame {
    gp_ynode *node;
    gp_ynode **items; /* gp_realloc'ed; copied into the arena at the end */
    size_t n, cap;
    gp_ypair *pairs;
    gp_ynode *key;      /* map: key waiting for its value */
    const char *anchor; /* registered when the collection ends */
    size_t subtree;
} frame;

typedef struct anchor_ent {
    const char *name;
    gp_ynode *node;
} anchor_ent;

typedef struct builder {
    gp_arena *arena;
    const char *data;
    size_t len;
    const char *file;
    const gp_limits *lim;
    gp_diags *diags;
    frame *stack;
    size_t depth, stack_cap;
    anchor_ent *anchors; /* open-addressing hash table */
    size_t n_anchors, anchors_cap;
    size_t nodes;    /* after alias expansion */
    size_t expanded; /* nodes reached through aliases */
    gp_ynode *root;
    bool failed; /* an error was reported; keep going only for more of them */
    bool fatal;  /* stop now */
} builder;

static size_t sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

static void berr(builder *b, gp_code code, int line, int col, const char *hint, const char *fmt,
                 ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void berr(builder *b, gp_code code, int line, int col, const char *hint, const char *fmt,
                 ...)
{
    va_list ap;
    va_start(ap, fmt);
    gp_diags_addv(b->diags, code, GP_SEV_ERROR, b->file, line, col, NULL, hint, fmt, ap);
    va_end(ap);
    b->failed = true;
}

static void nomem(builder *b)
{
    if (!b->fatal)
        berr(b, GP_ERR_NOMEM, 0, 0, NULL, "out of memory while reading the YAML");
    b->fatal = true;
}

/* "4 MiB", "256 KiB", "1000 bytes". */
void gp_size_words(char *out, size_t cap, size_t n)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(out, cap, "%zu MiB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(out, cap, "%zu KiB", n >> 10);
    else
        snprintf(out, cap, "%zu-byte", n);
}

int gp_yaml_read_file(const char *path, size_t max_bytes, const char *what, gp_code missing_code,
                      const char *missing_hint, gp_diags *diags, char **data, size_t *len)
{
    int rc = gp_file_read_input(path, max_bytes, data, len);
    if (rc == -2) {
        char words[32];
        gp_size_words(words, sizeof words, max_bytes);
        gp_diags_add(diags, GP_ERR_LIMIT, GP_SEV_ERROR, path, 1, 1, NULL, NULL,
                     "%s is larger than the %s limit", what, words);
        return -1;
    }
    if (rc != 0) {
        int e = errno;
        bool missing = e == ENOENT;
        gp_diags_add(diags, missing ? missing_code : GP_ERR_IO, GP_SEV_ERROR, path, 0, 0, NULL,
                     missing ? missing_hint : NULL, "cannot read the %s: %s", what,
                     gp_file_strerror(rc, e));
        return -1;
    }
    return 0;
}

/* 1-based line and column (in code points) of byte offset off. Lines end at
 * \n, \r\n or \r, as libyaml counts them. */
static void offset_pos(const char *data, size_t len, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    if (off > len)
        off = len;
    for (size_t i = 0; i < off; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\n' || (ch == '\r' && (i + 1 >= len || data[i + 1] != '\n'))) {
            l++;
            c = 1;
        } else if (ch == '\r') {
            /* first half of \r\n: the \n ends the line */
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* Byte offset of a 0-based libyaml line/column (column in code points). */
static size_t mark_offset(const char *data, size_t len, size_t line, size_t col)
{
    size_t i = 0, l = 0;
    while (i < len && l < line) {
        if (data[i] == '\n')
            l++;
        else if (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))
            l++;
        i++;
    }
    /* skip a byte order mark at the start of the file */
    if (i == 0 && len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (size_t c = 0; c < col && i < len && data[i] != '\n' && data[i] != '\r'; c++) {
        i++;
        while (i < len && ((unsigned char)data[i] & 0xC0) == 0x80)
            i++;
    }
    return i;
}

/* True when a libyaml problem at (line, col) sits in a line's leading
 * whitespace that holds a tab, or on a tab: the usual cause is indenting
 * with tabs, which YAML forbids. */
static bool tab_problem(const builder *b, size_t line, size_t col)
{
    size_t at = mark_offset(b->data, b->len, line, col);
    size_t start = mark_offset(b->data, b->len, line, 0);
    if (at < b->len && b->data[at] == '\t')
        return true;
    bool tab = false;
    for (size_t i = start; i < b->len && i <= at; i++) {
        char ch = b->data[i];
        if (ch == '\t')
            tab = true;
        else if (ch != ' ')
            return tab && i == at;
    }
    return tab;
}

static void report_libyaml(builder *b, const yaml_parser_t *p)
{
    if (p->error == YAML_MEMORY_ERROR) {
        nomem(b);
        return;
    }
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        offset_pos(b->data, b->len, p->problem_offset, &line, &col);
        berr(b, GP_ERR_SYNTAX, line, col, NULL, "malformed YAML: %s",
             p->problem ? p->problem : "cannot read the input");
        b->fatal = true;
        return;
    }
    size_t line = p->problem_mark.line, col = p->problem_mark.column;
    const char *problem = p->problem ? p->problem : "unknown error";
    if (tab_problem(b, line, col)) {
        berr(b, GP_ERR_SYNTAX, (int)line + 1, (int)col + 1,
             "YAML does not allow tabs for indentation; replace them with spaces",
             "found a tab character where indentation is expected: indent with spaces");
    } else if (p->context) {
        /* "while parsing a flow sequence" -> "flow sequence" */
        const char *what = p->context;
        if (!strncmp(what, "while ", 6)) {
            what += 6;
            const char *sp = strchr(what, ' ');
            if (sp && (!strncmp(sp, " a ", 3) || !strncmp(sp, " an ", 4)))
                what = strchr(sp + 1, ' ') + 1;
        }
        int cl = (int)p->context_mark.line + 1, cc = (int)p->context_mark.column + 1;
        if (mark_offset(b->data, b->len, line, col) >= b->len) {
            /* the file ended first: point at what was left open */
            berr(b, GP_ERR_SYNTAX, cl, cc, NULL,
                 "malformed YAML: the %s that starts here is not closed before the end "
                 "of the file",
                 what);
        } else {
            berr(b, GP_ERR_SYNTAX, (int)line + 1, (int)col + 1, NULL,
                 "malformed YAML: %s (in the %s that starts at line %d, column %d)", problem, what,
                 cl, cc);
        }
    } else {
        berr(b, GP_ERR_SYNTAX, (int)line + 1, (int)col + 1, NULL, "malformed YAML: %s", problem);
    }
    b->fatal = true;
}

/* Anchors ---------------------------------------------------------------- */

static size_t hash_str(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static anchor_ent *anchor_slot(anchor_ent *tab, size_t cap, const char *name)
{
    size_t i = hash_str(name) & (cap - 1);
    while (tab[i].name && strcmp(tab[i].name, name) != 0)
        i = (i + 1) & (cap - 1);
    return &tab[i];
}

static void anchor_put(builder *b, const char *name, gp_ynode *node)
{
    if ((b->n_anchors + 1) * 2 > b->anchors_cap) {
        size_t nc = b->anchors_cap ? b->anchors_cap * 2 : 16;
        anchor_ent *nt = gp_calloc(nc, sizeof *nt);
        if (!nt) {
            nomem(b);
            return;
        }
        for (size_t i = 0; i < b->anchors_cap; i++)
            if (b->anchors[i].name)
                *anchor_slot(nt, nc, b->anchors[i].name) = b->anchors[i];
        gp_free(b->anchors);
        b->anchors = nt;
        b->anchors_cap = nc;
    }
    anchor_ent *e = anchor_slot(b->anchors, b->anchors_cap, name);
    if (!e->name)
        b->n_anchors++;
    e->name = name; /* a redefined anchor replaces the old one, as in YAML */
    e->node = node;
}

static gp_ynode *anchor_get(const builder *b, const char *name)
{
    if (!b->anchors_cap)
        return NULL;
    anchor_ent *e = anchor_slot(b->anchors, b->anchors_cap, name);
    return e->name ? e->node : NULL;
}

/* Tree assembly ------------------------------------------------------------ */

static gp_ynode *new_node(builder *b, gp_ykind kind, const yaml_mark_t *m)
{
    if (b->nodes >= b->lim->max_nodes) {
        berr(b, GP_ERR_LIMIT, (int)m->line + 1, (int)m->column + 1, NULL,
             "the document has more than %zu YAML values (limit max_nodes)", b->lim->max_nodes);
        b->fatal = true;
        return NULL;
    }
    gp_ynode *n = gp_arena_alloc(b->arena, sizeof *n);
    if (!n) {
        nomem(b);
        return NULL;
    }
    b->nodes++;
    n->kind = kind;
    n->line = (int)m->line + 1;
    n->col = (int)m->column + 1;
    n->file = b->file;
    n->subtree = 1;
    return n;
}

static bool frame_push_item(builder *b, frame *f, gp_ynode *item, gp_ynode *key)
{
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 8;
        if (f->node->kind == GP_Y_MAP) {
            gp_ypair *np = gp_realloc(f->pairs, nc * sizeof *np);
            if (!np) {
                nomem(b);
                return false;
            }
            f->pairs = np;
        } else {
            gp_ynode **ni = gp_realloc(f->items, nc * sizeof *ni);
            if (!ni) {
                nomem(b);
                return false;
            }
            f->items = ni;
        }
        f->cap = nc;
    }
    if (f->node->kind == GP_Y_MAP) {
        f->pairs[f->n].key = key;
        f->pairs[f->n].value = item;
    } else {
        f->items[f->n] = item;
    }
    f->n++;
    return true;
}

/* Attaches a finished node (or an alias's target) to the open collection. */
static void attach(builder *b, gp_ynode *n)
{
    if (b->depth == 0) {
        b->root = n;
        return;
    }
    frame *f = &b->stack[b->depth - 1];
    f->subtree = sat_add(f->subtree, n->subtree);
    if (f->node->kind == GP_Y_SEQ) {
        frame_push_item(b, f, n, NULL);
        return;
    }
    if (!f->key) {
        if (n->kind != GP_Y_SCALAR) {
            berr(b, GP_ERR_SYNTAX, n->line, n->col, NULL, "a mapping key must be text, found %s",
                 gp_ynode_describe(b->arena, n));
            b->fatal = true;
            return;
        }
        if (n->plain && strcmp(n->str, "<<") == 0) {
            berr(b, GP_ERR_SYNTAX, n->line, n->col, "write the keys out in full",
                 "merge keys (`<<`) are not supported");
            /* keep going: a placeholder key keeps key/value pairs aligned */
        }
        f->key = n;
        return;
    }
    frame_push_item(b, f, n, f->key);
    f->key = NULL;
}

static int cmp_pair_key(const void *pa, const void *pb)
{
    const gp_ypair *a = pa, *b = pb;
    size_t la = a->key->len, lb = b->key->len;
    int c = memcmp(a->key->str, b->key->str, la < lb ? la : lb);
    if (c)
        return c;
    if (la != lb)
        return la < lb ? -1 : 1;
    /* equal keys: keep file order so the later one is reported */
    if (a->key->line != b->key->line)
        return a->key->line < b->key->line ? -1 : 1;
    return a->key->col < b->key->col ? -1 : (a->key->col > b->key->col);
}

static void check_duplicates(builder *b, const gp_ynode *map)
{
    if (map->n_pairs < 2)
        return;
    gp_ypair *sorted = gp_malloc(map->n_pairs * sizeof *sorted);
    if (!sorted) {
        nomem(b);
        return;
    }
    memcpy(sorted, map->pairs, map->n_pairs * sizeof *sorted);
    qsort(sorted, map->n_pairs, sizeof *sorted, cmp_pair_key);
    for (size_t i = 1; i < map->n_pairs; i++) {
        const gp_ynode *k0 = sorted[i - 1].key, *k1 = sorted[i].key;
        if (k0->len == k1->len && memcmp(k0->str, k1->str, k0->len) == 0)
            berr(b, GP_ERR_SYNTAX, k1->line, k1->col, NULL,
                 "duplicate key `%s` (first given at line %d, column %d)", k1->str, k0->line,
                 k0->col);
    }
    gp_free(sorted);
}

static void open_collection(builder *b, gp_ykind kind, const yaml_event_t *ev,
                            const yaml_char_t *anchor)
{
    if ((int)b->depth >= b->lim->max_depth) {
        berr(b, GP_ERR_LIMIT, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, NULL,
             "nesting is deeper than the limit of %d levels", b->lim->max_depth);
        b->fatal = true;
        return;
    }
    gp_ynode *n = new_node(b, kind, &ev->start_mark);
    if (!n)
        return;
    if (b->depth == b->stack_cap) {
        size_t nc = b->stack_cap ? b->stack_cap * 2 : 16;
        frame *ns = gp_realloc(b->stack, nc * sizeof *ns);
        if (!ns) {
            nomem(b);
            return;
        }
        b->stack = ns;
        b->stack_cap = nc;
    }
    frame *f = &b->stack[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->subtree = 1;
    if (anchor) {
        f->anchor = gp_arena_strdup(b->arena, (const char *)anchor);
        if (!f->anchor)
            nomem(b);
    }
}

static void close_collection(builder *b)
{
    if (b->depth == 0)
        return;
    frame *f = &b->stack[--b->depth];
    gp_ynode *n = f->node;
    n->subtree = f->subtree;
    if (n->kind == GP_Y_SEQ && f->n) {
        n->items = gp_arena_alloc(b->arena, f->n * sizeof *n->items);
        if (n->items) {
            memcpy(n->items, f->items, f->n * sizeof *n->items);
            n->n_items = f->n;
        } else {
            nomem(b);
        }
    } else if (n->kind == GP_Y_MAP && f->n) {
        n->pairs = gp_arena_alloc(b->arena, f->n * sizeof *n->pairs);
        if (n->pairs) {
            memcpy(n->pairs, f->pairs, f->n * sizeof *n->pairs);
            n->n_pairs = f->n;
            check_duplicates(b, n);
        } else {
            nomem(b);
        }
    }
    gp_free(f->items);
    gp_free(f->pairs);
    const char *anchor = f->anchor;
    if (anchor && !b->fatal)
        anchor_put(b, anchor, n);
    if (!b->fatal)
        attach(b, n);
}

static void on_scalar(builder *b, const yaml_event_t *ev)
{
    size_t len = ev->data.scalar.length;
    if (len > b->lim->max_string_bytes) {
        char words[32];
        gp_size_words(words, sizeof words, b->lim->max_string_bytes);
        berr(b, GP_ERR_LIMIT, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, NULL,
             "text of %zu bytes is longer than the %s limit", len, words);
        b->fatal = true;
        return;
    }
    gp_ynode *n = new_node(b, GP_Y_SCALAR, &ev->start_mark);
    if (!n)
        return;
    n->str = gp_arena_strndup(b->arena, (const char *)ev->data.scalar.value, len);
    if (!n->str) {
        nomem(b);
        return;
    }
    n->len = len;
    /* A "\0" escape would cut the C string short of len, and everything
     * after it would silently vanish; the node is still attached so that
     * keys and values stay paired for the errors that follow. */
    if (memchr(n->str, '\0', len))
        berr(b, GP_ERR_VALUE, n->line, n->col, "remove the \\0 escape",
             "the text contains a NUL character (U+0000)");
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
    if (ev->data.scalar.anchor) {
        const char *name = gp_arena_strdup(b->arena, (const char *)ev->data.scalar.anchor);
        if (!name) {
            nomem(b);
            return;
        }
        anchor_put(b, name, n);
    }
    attach(b, n);
}

static void on_alias(builder *b, const yaml_event_t *ev)
{
    const char *name = (const char *)ev->data.alias.anchor;
    int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;
    gp_ynode *target = anchor_get(b, name);
    if (!target) {
        for (size_t i = 0; i < b->depth; i++)
            if (b->stack[i].anchor && strcmp(b->stack[i].anchor, name) == 0) {
                berr(b, GP_ERR_SYNTAX, line, col, NULL,
                     "alias `*%s` refers to a value that contains it", name);
                b->fatal = true;
                return;
            }
        berr(b, GP_ERR_SYNTAX, line, col, NULL,
             "alias `*%s` refers to no anchor `&%s` defined before it", name, name);
        b->fatal = true;
        return;
    }
    b->expanded = sat_add(b->expanded, target->subtree);
    b->nodes = sat_add(b->nodes, target->subtree);
    if (b->expanded > b->lim->max_alias_expansion) {
        berr(b, GP_ERR_LIMIT, line, col, NULL,
             "aliases expand to more than %zu values (limit max_alias_expansion); "
             "is this an alias bomb?",
             b->lim->max_alias_expansion);
        b->fatal = true;
        return;
    }
    if (b->nodes > b->lim->max_nodes) {
        berr(b, GP_ERR_LIMIT, line, col, NULL,
             "the document has more than %zu YAML values (limit max_nodes)", b->lim->max_nodes);
        b->fatal = true;
        return;
    }
    attach(b, target);
}

static bool only_blank(const gp_ynode *root)
{
    return root && root->kind == GP_Y_SCALAR && root->plain && root->len == 0;
}

gp_ynode *gp_yaml_parse(gp_arena *arena, const char *data, size_t len, const char *file,
                        const gp_limits *lim, gp_diags *diags)
{
    gp_limits deflim;
    if (!lim) {
        gp_limits_default(&deflim);
        lim = &deflim;
    }
    /* A UTF-8 byte-order mark (Notepad saves one) is not text: skipped,
     * so that the first line parses and columns stay right. */
    if (data && len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    }
    builder b = {0};
    b.arena = arena;
    b.data = data;
    b.len = len;
    b.file = file;
    b.lim = lim;
    b.diags = diags;

    if (len > lim->max_file_bytes) {
        char words[32];
        gp_size_words(words, sizeof words, lim->max_file_bytes);
        berr(&b, GP_ERR_LIMIT, 1, 1, NULL, "file is larger than the %s limit", words);
        return NULL;
    }
    size_t bad = gp_utf8_check(data, len);
    if (bad < len) {
        int line, col;
        offset_pos(data, len, bad, &line, &col);
        berr(&b, GP_ERR_UTF8, line, col, "save the file as UTF-8",
             "invalid UTF-8: byte 0x%02X does not start a valid sequence here",
             (unsigned char)data[bad]);
        return NULL;
    }

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        nomem(&b);
        return NULL;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    int docs = 0;
    bool done = false;
    while (!done && !b.fatal) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_libyaml(&b, &parser);
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                berr(&b, GP_ERR_SYNTAX, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1,
                     "keep one guide or style per file",
                     "the file holds more than one YAML document");
                b.fatal = true;
            }
            break;
        case YAML_SCALAR_EVENT: on_scalar(&b, &ev); break;
        case YAML_ALIAS_EVENT: on_alias(&b, &ev); break;
        case YAML_SEQUENCE_START_EVENT:
            open_collection(&b, GP_Y_SEQ, &ev, ev.data.sequence_start.anchor);
            break;
        case YAML_MAPPING_START_EVENT:
            open_collection(&b, GP_Y_MAP, &ev, ev.data.mapping_start.anchor);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: close_collection(&b); break;
        default: break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);

    for (size_t i = 0; i < b.depth; i++) { /* left open by an error */
        gp_free(b.stack[i].items);
        gp_free(b.stack[i].pairs);
    }
    gp_free(b.stack);
    gp_free(b.anchors);

    if (b.failed)
        return NULL;
    if (!b.root || only_blank(b.root)) {
        berr(&b, GP_ERR_SYNTAX, 1, 1, NULL, "file is empty");
        return NULL;
    }
    return b.root;
}

/* Helpers ------------------------------------------------------------------ */

gp_ynode *gp_ymap_get(const gp_ynode *map, const char *key)
{
    if (!map || map->kind != GP_Y_MAP)
        return NULL;
    size_t kl = strlen(key);
    for (size_t i = 0; i < map->n_pairs; i++) {
        const gp_ynode *k = map->pairs[i].key;
        if (k->len == kl && memcmp(k->str, key, kl) == 0)
            return map->pairs[i].value;
    }
    return NULL;
}

bool gp_ynode_is_null(const gp_ynode *n)
{
    if (!n || n->kind != GP_Y_SCALAR || !n->plain)
        return false;
    return n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
           !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

bool gp_ynode_bool(const gp_ynode *n, bool *out)
{
    if (!n || n->kind != GP_Y_SCALAR || !n->plain)
        return false;
    static const char *const yes[] = {"true", "True", "TRUE"};
    static const char *const no[] = {"false", "False", "FALSE"};
    for (size_t i = 0; i < 3; i++) {
        if (!strcmp(n->str, yes[i])) {
            *out = true;
            return true;
        }
        if (!strcmp(n->str, no[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

bool gp_ynode_number(const gp_ynode *n, double *out)
{
    if (!n || n->kind != GP_Y_SCALAR || !n->plain || n->len == 0)
        return false;
    /* YAML 1.2 core schema decimal numbers: [-+]?digits[.digits][e[-+]digits].
     * Underscores and hex/octal forms are not accepted. */
    const char *s = n->str;
    size_t i = 0;
    if (s[i] == '-' || s[i] == '+')
        i++;
    size_t digits = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (s[i] >= '0' && s[i] <= '9') {
            i++;
            digits++;
        }
    }
    if (!digits)
        return false;
    if (s[i] == 'e' || s[i] == 'E') {
        i++;
        if (s[i] == '-' || s[i] == '+')
            i++;
        if (!(s[i] >= '0' && s[i] <= '9'))
            return false;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i != n->len)
        return false;
    char *end;
    double v = strtod(s, &end);
    if (end != s + n->len)
        return false;
    *out = v;
    return true;
}

const char *gp_ynode_describe(gp_arena *arena, const gp_ynode *n)
{
    if (!n)
        return "nothing";
    switch (n->kind) {
    case GP_Y_MAP: return n->n_pairs ? "a mapping" : "an empty mapping `{}`";
    case GP_Y_SEQ: return n->n_items ? "a list" : "an empty list `[]`";
    case GP_Y_SCALAR: break;
    }
    if (gp_ynode_is_null(n))
        return "an empty value";
    double d;
    bool bv;
    if (gp_ynode_number(n, &d))
        return gp_arena_printf(arena, "a number %s", n->str);
    if (gp_ynode_bool(n, &bv))
        return gp_arena_printf(arena, "the boolean %s", n->str);
    /* Text, cut at 40 bytes on a code point boundary, one line. */
    size_t cut = n->len;
    bool more = false;
    for (size_t i = 0; i < n->len; i++)
        if (n->str[i] == '\n') {
            cut = i;
            more = true;
            break;
        }
    if (cut > 40) {
        cut = 40;
        while (cut > 0 && ((unsigned char)n->str[cut] & 0xC0) == 0x80)
            cut--;
        more = true;
    }
    return gp_arena_printf(arena, "the text \"%.*s%s\"", (int)cut, n->str, more ? "..." : "");
}
