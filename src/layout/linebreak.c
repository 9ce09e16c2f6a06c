/* layout/linebreak.c - Knuth and Plass's total-fit line breaking ("Breaking
 * paragraphs into lines", 1981), as TeX does it, over the break candidates
 * text.c extracts from a shaped paragraph.
 *
 * Each feasible line (adjustment ratio between -1 and the tolerance) gets
 * demerits (line penalty + badness)^2 +/- penalty^2, plus extra demerits
 * for two hyphenated lines in a row and for a line whose tightness class
 * differs by more than one from the line before; the active list keeps the
 * best node per candidate and fitness class. The last line is set at its
 * natural width (TeX's \parfillskip), so it costs only the line penalty
 * when it fits. */
#include "layout/linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"

#define INF_BAD 10000.0
#define AWFUL   1e30

void gp_lb_params_default(gp_lb_params *p, double measure)
{
    p->measure = measure;
    p->tolerance = 200;
    p->line_penalty = 10;
    p->flagged_demerits = 3000;
    p->fitness_demerits = 100;
}

double gp_lb_ratio(const gp_lb_cand *c, size_t a, size_t b, double measure)
{
    double nat = c[b].x_end - c[a].x_start + c[b].width;
    if (nat < measure) {
        double st = c[b].y_end - c[a].y_start;
        return st > 0 ? (measure - nat) / st : HUGE_VAL;
    }
    if (nat > measure) {
        double sh = c[b].z_end - c[a].z_start;
        return sh > 0 ? (measure - nat) / sh : -HUGE_VAL;
    }
    return 0;
}

/* Ratio with the last line's infinite stretch. */
static double ratio(const gp_lb_cand *c, size_t n, size_t a, size_t b, double measure)
{
    double r = gp_lb_ratio(c, a, b, measure);
    if (b == n - 1 && r > 0)
        return 0;
    return r;
}

static double badness(double r)
{
    if (r < -1)
        return INF_BAD + 1;
    double b = 100.0 * fabs(r) * fabs(r) * fabs(r);
    return b > INF_BAD ? INF_BAD : b;
}

static int fitness(double r)
{
    if (r < -0.5)
        return 0; /* tight */
    if (r <= 0.5)
        return 1; /* decent */
    if (r <= 1)
        return 2; /* loose */
    return 3;     /* very loose */
}

static double line_demerits(const gp_lb_params *p, double bad, const gp_lb_cand *b)
{
    double d = (p->line_penalty + bad) * (p->line_penalty + bad);
    if (b->forced)
        return d;
    if (b->penalty >= 0)
        d += b->penalty * b->penalty;
    else
        d -= b->penalty * b->penalty;
    return d;
}

typedef struct node {
    size_t cand;
    int fit;
    double total;
    long prev; /* node index, -1 for the start */
} node;

static void backtrack(const node *nodes, long k, gp_lb_result *out)
{
    size_t n = 0;
    for (long q = k; q >= 0 && nodes[q].prev >= 0; q = nodes[q].prev)
        n++;
    out->n_lines = n;
    for (long q = k; q >= 0 && nodes[q].prev >= 0; q = nodes[q].prev)
        out->breaks[--n] = nodes[q].cand;
}

int gp_lb_total_fit(const gp_lb_cand *c, size_t n, const gp_lb_params *p, gp_lb_result *out)
{
    out->n_lines = 0;
    if (n < 2)
        return 1;
    size_t cap = 4 * n + 4;
    node *nodes = gp_malloc(cap * sizeof *nodes);
    long *active = gp_malloc(cap * sizeof *active);
    long *next = gp_malloc(cap * sizeof *next);
    if (!nodes || !active || !next) {
        gp_free(nodes);
        gp_free(active);
        gp_free(next);
        return -1;
    }
    size_t n_nodes = 0, n_active = 0;
    nodes[n_nodes] = (node){0, 1, 0, -1};
    active[n_active++] = (long)n_nodes++;
    for (size_t b = 1; b < n && n_active > 0; b++) {
        double best[4] = {AWFUL, AWFUL, AWFUL, AWFUL};
        long from[4] = {-1, -1, -1, -1};
        size_t keep = 0;
        for (size_t k = 0; k < n_active; k++) {
            const node *a = &nodes[active[k]];
            double r = ratio(c, n, a->cand, b, p->measure);
            bool drop = r < -1 || c[b].forced;
            if (!drop)
                next[keep++] = active[k];
            double bad = badness(r);
            if (r < -1 || bad > p->tolerance)
                continue;
            double d = line_demerits(p, bad, &c[b]);
            int f = fitness(r);
            if (abs(f - a->fit) > 1)
                d += p->fitness_demerits;
            if (c[b].flagged && a->cand > 0 && c[a->cand].flagged)
                d += p->flagged_demerits;
            if (a->total + d < best[f]) {
                best[f] = a->total + d;
                from[f] = active[k];
            }
        }
        memcpy(active, next, keep * sizeof *active);
        n_active = keep;
        for (int f = 0; f < 4; f++) {
            if (from[f] < 0)
                continue;
            if (n_nodes == cap || n_active == cap)
                break; /* cannot happen: at most 4 nodes per candidate */
            nodes[n_nodes] = (node){b, f, best[f], from[f]};
            active[n_active++] = (long)n_nodes++;
        }
    }
    /* The best node at the last candidate. */
    long win = -1;
    for (size_t k = 0; k < n_nodes; k++)
        if (nodes[k].cand == n - 1 && (win < 0 || nodes[k].total < nodes[win].total))
            win = (long)k;
    int rc = 1;
    if (win >= 0) {
        backtrack(nodes, win, out);
        gp_lb_price(c, n, p, out);
        rc = 0;
    }
    gp_free(nodes);
    gp_free(active);
    gp_free(next);
    return rc;
}

void gp_lb_greedy(const gp_lb_cand *c, size_t n, const gp_lb_params *p, gp_lb_result *out)
{
    out->n_lines = 0;
    size_t a = 0;
    while (a + 1 < n) {
        size_t pick = 0;
        for (size_t b = a + 1; b < n; b++) {
            double nat = c[b].x_end - c[a].x_start + c[b].width;
            if (nat > p->measure + 1e-6 && pick)
                break;
            pick = b;
            if (nat > p->measure + 1e-6 || c[b].forced)
                break;
        }
        out->breaks[out->n_lines++] = pick;
        a = pick;
    }
    gp_lb_price(c, n, p, out);
}

void gp_lb_price(const gp_lb_cand *c, size_t n, const gp_lb_params *p, gp_lb_result *out)
{
    out->demerits = 0;
    out->hyphens = 0;
    out->max_ratio = 0;
    size_t a = 0;
    int prev_fit = 1;
    bool prev_flag = false;
    for (size_t i = 0; i < out->n_lines; i++) {
        size_t b = out->breaks[i];
        double r = ratio(c, n, a, b, p->measure);
        double bad = badness(r);
        double nat = c[b].x_end - c[a].x_start + c[b].width;
        if (r < -1)
            bad = INF_BAD + (nat - p->measure);
        double d = line_demerits(p, bad, &c[b]);
        int f = fitness(r);
        if (abs(f - prev_fit) > 1)
            d += p->fitness_demerits;
        if (c[b].flagged && prev_flag)
            d += p->flagged_demerits;
        out->demerits += d;
        if (c[b].flagged && !c[b].forced)
            out->hyphens++;
        if (isfinite(r) && r > out->max_ratio)
            out->max_ratio = r;
        prev_fit = f;
        prev_flag = c[b].flagged;
        a = b;
    }
}
