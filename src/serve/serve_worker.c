/* serve/serve_worker.c - one render worker of `guidepress serve`.
 *
 * The worker owns a gp_engine (fonts and parsed styles loaded once) and
 * answers one request at a time on its socket: load the guide the server
 * named (a path from the server's catalogue, never from a browser), apply
 * the client's values (--set), the ticked steps and items and the private
 * note, lay out, paint into memory and send the bytes back. Errors go back
 * as diagnostics (file, line, column, message, hint) for the page to show.
 *
 * Request fields: guide (path) or roles (folder), from and to (role ids:
 * a guide composed from role profiles), style (name or path), format
 * (pdf|png), dpi, set ("key=value", repeated), keep ("section.item",
 * repeated; absent: keep everything) with keep_given=1, note, note_title,
 * password, ics=1 (also the plan's calendar), mail_to and mail_from (also
 * the e-mail),
 * name (the attachments' file stem).
 * Answer fields: ok (1|0), pages, pdf, png (repeated, one per page), ics,
 * eml, diag (repeated: severity, file, line, col, message, hint, separated
 * by NUL).
 *
 * The dated plan, the calendar and the e-mail are made by the same code as
 * `render --set start=... --ics --eml --mail-to` (plan/plan.c, plan/ics.c,
 * mail/eml.c), into memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <guidepress/compose.h>

#include "engine/engine.h"
#include "engine/memrender.h"
#include "mail/mail.h"
#include "model/style_struct.h"
#include "plan/plan.h"
#include "serve/serve.h"

#define MAX_REQUEST_BYTES ((size_t)8 << 20)

static bool keep_item(void *ctx, size_t section, size_t item)
{
    const sv_msg *req = ctx;
    char want[48];
    snprintf(want, sizeof want, "%zu.%zu", section, item);
    for (size_t i = 0; i < req->n; i++)
        if (!strcmp(req->f[i].key, "keep") && !strcmp(req->f[i].val, want))
            return true;
    return false;
}

static void add_diags(sv_msg *resp, const gp_diags *d)
{
    for (size_t i = 0; i < gp_diags_count(d); i++) {
        const gp_diag *g = gp_diags_get(d, i);
        gp_buf b = {0};
        char num[32];
        gp_buf_puts(&b, g->severity == GP_SEV_ERROR ? "error" : "warning");
        gp_buf_append(&b, "", 1);
        gp_buf_puts(&b, g->file ? g->file : "");
        gp_buf_append(&b, "", 1);
        snprintf(num, sizeof num, "%d", g->line);
        gp_buf_puts(&b, num);
        gp_buf_append(&b, "", 1);
        snprintf(num, sizeof num, "%d", g->col);
        gp_buf_puts(&b, num);
        gp_buf_append(&b, "", 1);
        gp_buf_puts(&b, g->message);
        gp_buf_append(&b, "", 1);
        gp_buf_puts(&b, g->hint ? g->hint : "");
        if (!b.failed)
            sv_msg_add(resp, "diag", b.data, b.len);
        gp_buf_free(&b);
    }
}

/* A guide composed from the role profiles of folder `roles`. */
static gp_guide *load_composed(const sv_msg *req, gp_diags *d)
{
    const char *dir = sv_msg_str(req, "roles");
    const char *from = sv_msg_str(req, "from"), *to = sv_msg_str(req, "to");
    if (!dir || !from || !to)
        return NULL;
    gp_roles_options ro = {0};
    ro.roles_dir = dir;
    gp_roles *r = gp_roles_create(&ro, d);
    gp_guide *g = r ? gp_compose_guide(r, from, to, NULL, d) : NULL;
    gp_roles_free(r);
    return g;
}

/* The calendar and the e-mail of a rendered PDF. Returns 1, or 0 with an
 * error in d. */
static int extras(gp_engine *e, const gp_guide *g, const gp_plan *plan, const sv_msg *req,
                  const gp_render_request *rr, const gp_mem_render *out, sv_msg *resp, gp_diags *d)
{
    const char *to = sv_msg_str(req, "mail_to");
    bool want_ics = sv_msg_get(req, "ics") != NULL;
    if (!to && !want_ics)
        return 1;
    const char *stem = sv_msg_str(req, "name");
    long long date = gp_engine_date(rr, g);
    char *ics = NULL, *eml = NULL;
    size_t ics_len = 0, eml_len = 0;
    char pdf_name[160], ics_name[160];
    snprintf(pdf_name, sizeof pdf_name, "%s.pdf", stem ? stem : "guide");
    snprintf(ics_name, sizeof ics_name, "%s.ics", stem ? stem : "guide");
    int ok = 0;
    /* the e-mail attaches the calendar when the plan is dated */
    if ((want_ics || plan->has_start) && gp_plan_ics(g, plan, date, &ics, &ics_len, d))
        goto done;
    if (to) {
        const gp_style *style = gp_engine_style(e, sv_msg_str(req, "style"), d);
        gp_mail m = {0};
        m.to = to;
        m.from = sv_msg_str(req, "mail_from"); /* NULL: the style's brand contact */
        m.start_text = plan->start_text;
        m.end_text = plan->end_text;
        m.date = date;
        m.pdf = (const unsigned char *)out->pdf.data;
        m.pdf_len = out->pdf.len;
        m.pdf_name = pdf_name;
        m.ics = plan->has_start ? ics : NULL;
        m.ics_len = plan->has_start ? ics_len : 0;
        m.ics_name = ics_name;
        if (style && !m.from && !(style->brand_contact && strchr(style->brand_contact, '@'))) {
            gp_diags_add(d, GP_ERR_USAGE, GP_SEV_ERROR, NULL, 0, 0, "adviser_email",
                         "the style has no contact address to send from",
                         "the e-mail needs a sender: fill in the adviser's e-mail address");
            goto done;
        }
        if (!style || gp_mail_build(g, style, &m, &eml, &eml_len, d))
            goto done;
        sv_msg_add(resp, "eml", eml, eml_len);
    }
    if (want_ics)
        sv_msg_add(resp, "ics", ics, ics_len);
    ok = 1;
done:
    free(ics); /* libical's malloc */
    gp_mail_data_free(eml);
    return ok;
}

static void render(gp_engine *e, const sv_msg *req, sv_msg *resp)
{
    gp_diags *d = gp_diags_new();
    gp_mem_render out = {0};
    const char *path = sv_msg_str(req, "guide");
    const char *fmt = sv_msg_str(req, "format");
    gp_render_request rr;
    gp_render_request_init(&rr);
    rr.format = fmt && !strcmp(fmt, "png") ? GP_FORMAT_PNG : GP_FORMAT_PDF;
    const char *dpi = sv_msg_str(req, "dpi");
    rr.dpi = dpi ? atof(dpi) : 0;
    if (rr.dpi < 0 || rr.dpi > 300)
        rr.dpi = 0;
    rr.password = sv_msg_str(req, "password");
    if (rr.password && !rr.password[0])
        rr.password = NULL;
    int ok = 0;
    gp_guide *g = path ? gp_guide_load_file(path, gp_engine_limits(e), d) : load_composed(req, d);
    for (size_t i = 0; g && i < req->n; i++) {
        if (strcmp(req->f[i].key, "set"))
            continue;
        char *kv = req->f[i].val;
        char *eq = strchr(kv, '=');
        if (!eq)
            continue;
        *eq = '\0';
        int rc = gp_guide_set(g, kv, eq + 1, d);
        *eq = '=';
        if (rc) {
            gp_guide_free(g);
            g = NULL;
        }
    }
    if (g && sv_msg_get(req, "keep_given"))
        gp_guide_keep_items(g, keep_item, (void *)req);
    const char *note = sv_msg_str(req, "note");
    if (g && note && note[0] && gp_guide_add_note(g, sv_msg_str(req, "note_title"), note, d)) {
        gp_guide_free(g);
        g = NULL;
    }
    /* the dated plan writes its labels into g, as in gp_render */
    gp_plan *plan = g ? gp_plan_new(g, d) : NULL;
    if (plan &&
        gp_render_guide_memory(e, g, sv_msg_str(req, "style"), &rr, SV_PREVIEW_PAGES, &out, d) == 0)
        ok = 1;
    if (ok && rr.format == GP_FORMAT_PDF)
        ok = extras(e, g, plan, req, &rr, &out, resp, d);
    sv_msg_adds(resp, "ok", ok ? "1" : "0");
    char num[32];
    snprintf(num, sizeof num, "%d", out.pages);
    sv_msg_adds(resp, "pages", num);
    if (ok && rr.format == GP_FORMAT_PDF)
        sv_msg_add(resp, "pdf", out.pdf.data, out.pdf.len);
    for (size_t i = 0; ok && rr.format == GP_FORMAT_PNG && i < out.n_images; i++)
        sv_msg_add(resp, "png", out.images[i].data, out.images[i].len);
    add_diags(resp, d);
    gp_mem_render_free(&out);
    gp_plan_unapply(plan, g);
    gp_plan_free(plan);
    gp_guide_free(g);
    gp_diags_free(d);
}

int sv_worker_main(int fd)
{
    gp_diags *d = gp_diags_new();
    /* A render stops itself before the pool's 60 s deadline kills the
     * worker, so the adviser sees why on the page instead of a 500. */
    gp_limits lim;
    gp_limits_default(&lim);
    lim.max_seconds = 50;
    gp_engine_options eo = {NULL, &lim};
    gp_engine *e = gp_engine_new(&eo, d);
    if (!e) {
        for (size_t i = 0; i < gp_diags_count(d); i++)
            fprintf(stderr, "guidepress serve: worker: %s\n", gp_diags_get(d, i)->message);
        gp_diags_free(d);
        return 1;
    }
    gp_diags_free(d);
    for (;;) {
        sv_msg req = {0}, resp = {0};
        if (sv_msg_recv(fd, &req, MAX_REQUEST_BYTES, -1)) {
            sv_msg_free(&req);
            break; /* the server closed the socket (or sent garbage) */
        }
        const char *op = sv_msg_str(&req, "op");
        if (op && !strcmp(op, "render"))
            render(e, &req, &resp);
        else
            sv_msg_adds(&resp, "ok", "0");
        int rc = sv_msg_send(fd, &resp);
        sv_msg_free(&req);
        sv_msg_free(&resp);
        if (rc)
            break;
    }
    gp_engine_free(e);
    close(fd);
    return 0;
}
