/* serve/serve_http.c - the HTTP side of `guidepress serve`, on
 * libmicrohttpd.
 *
 * libmicrohttpd parses requests, headers, cookies and (with its post
 * processor) url-encoded and multipart bodies; this file only routes and
 * enforces the desk's rules:
 * - bodies, fields and field counts have limits (a body over its limit is
 *   read and dropped, then answered 413, so the client sees the message);
 * - every POST carries the page's CSRF token, and a cross-site Origin or
 *   Sec-Fetch-Site is refused;
 * - with an access token (--token-file), every page but the login asks for
 *   the cookie the login sets;
 * - every field must be UTF-8; a request names guides and styles by entry,
 *   never by path;
 * - one access-log line per request on stderr: time, method, path (no
 *   query string), status, bytes, milliseconds; never a form value.
 * Nothing here writes a file. */
#include <glib.h> /* g_ascii_isalnum */
#include <microhttpd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <guidepress/compose.h>

#include "base/util.h"
#include "mail/mail.h"
#include "plan/plan.h"
#include "serve/serve.h"

typedef struct conn {
    struct timespec t0;
    char method[8];
    char path[96];
    bool is_post;
    struct MHD_PostProcessor *pp;
    sv_msg form;
    size_t body, limit;
    bool too_big, too_many, malformed, no_parser;
    char long_field[48];
    char csv_name[128]; /* the uploaded CSV's file name, for its errors */
    int status;
    size_t sent;
} conn;

int sv_random_hex(char *out, size_t n)
{
    unsigned char r[32];
    if (n > sizeof r || getrandom(r, n, 0) != (ssize_t)n)
        return -1;
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", r[i]);
    return 0;
}

static bool same_secret(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    size_t la = strlen(a), lb = strlen(b);
    unsigned char d = la != lb;
    for (size_t i = 0; i < la && i < lb; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

static size_t field_limit(const char *key)
{
    if (!strcmp(key, "csv"))
        return SV_MAX_BATCH_BYTES;
    if (!strcmp(key, "note"))
        return SV_MAX_FIELD_BYTES;
    return SV_MAX_NAME_BYTES;
}

static enum MHD_Result on_field(void *cls, enum MHD_ValueKind kind, const char *key,
                                const char *filename, const char *ctype, const char *enc,
                                const char *data, uint64_t off, size_t size)
{
    (void)kind;
    (void)filename;
    (void)ctype;
    (void)enc;
    conn *cx = cls;
    if (cx->too_big || cx->too_many || cx->long_field[0])
        return MHD_YES;
    if (!strcmp(key, "csv") && filename && off == 0) {
        const char *slash = strrchr(filename, '/');
        snprintf(cx->csv_name, sizeof cx->csv_name, "%s", slash ? slash + 1 : filename);
    }
    sv_msg *m = &cx->form;
    sv_field *last = m->n ? &m->f[m->n - 1] : NULL;
    if (off > 0 && last && !strcmp(last->key, key)) {
        if (last->len + size > field_limit(key)) {
            snprintf(cx->long_field, sizeof cx->long_field, "%s", key);
            return MHD_YES;
        }
        char *v = realloc(last->val, last->len + size + 1);
        if (!v) {
            m->failed = true;
            return MHD_YES;
        }
        memcpy(v + last->len, data, size);
        last->len += size;
        v[last->len] = '\0';
        last->val = v;
        return MHD_YES;
    }
    if (m->n >= SV_MAX_FIELDS) {
        cx->too_many = true;
        return MHD_YES;
    }
    if (size > field_limit(key)) {
        snprintf(cx->long_field, sizeof cx->long_field, "%s", key);
        return MHD_YES;
    }
    sv_msg_add(m, key, data ? data : "", data ? size : 0);
    return MHD_YES;
}

/* Replies --------------------------------------------------------------- */

static const char CSP[] = "default-src 'none'; img-src 'self' data:; style-src 'self'; "
                          "script-src 'self'; connect-src 'self'; form-action 'self'; "
                          "frame-ancestors 'none'; base-uri 'none'";

static enum MHD_Result send_reply(struct MHD_Connection *c, conn *cx, sv_reply *r)
{
    size_t len = r->body.len;
    struct MHD_Response *resp = MHD_create_response_from_buffer(
        len, r->body.data ? r->body.data : (void *)"",
        r->body.data ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!resp) {
        gp_buf_free(&r->body);
        return MHD_NO;
    }
    r->body.data = NULL; /* MHD owns it now */
    MHD_add_response_header(resp, "Content-Type", r->ctype ? r->ctype : "text/html; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "Content-Security-Policy", CSP);
    if (r->location[0])
        MHD_add_response_header(resp, "Location", r->location);
    if (r->set_cookie[0])
        MHD_add_response_header(resp, "Set-Cookie", r->set_cookie);
    if (r->disposition[0])
        MHD_add_response_header(resp, "Content-Disposition", r->disposition);
    if (r->retry_after > 0) {
        char v[16];
        snprintf(v, sizeof v, "%d", r->retry_after);
        MHD_add_response_header(resp, "Retry-After", v);
    }
    cx->status = r->status;
    cx->sent = len;
    enum MHD_Result rc = MHD_queue_response(c, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return rc;
}

static void reply_text(sv_reply *r, int status, const char *title, const char *msg)
{
    r->status = status;
    r->ctype = "text/html; charset=utf-8";
    gp_buf_free(&r->body);
    sv_page_message(title, msg, &r->body);
}

static void reply_page(sv_reply *r, int status)
{
    r->status = status;
    r->ctype = "text/html; charset=utf-8";
}

/* The desk ------------------------------------------------------------- */

static bool valid_utf8(const sv_msg *m, const char **bad)
{
    for (size_t i = 0; i < m->n; i++) {
        if (!strcmp(m->f[i].key, "csv"))
            continue; /* the CSV reader checks it, with line and column */
        if (gp_utf8_check(m->f[i].val, m->f[i].len) != m->f[i].len ||
            strlen(m->f[i].val) != m->f[i].len) {
            *bad = m->f[i].key;
            return false;
        }
    }
    return true;
}

/* Checks the typed values the render depends on; false with the field's
 * message in pg. */
static bool check_fields(const sv_server *s, const sv_msg *form, const char *action, sv_page *pg)
{
    const char *start = sv_msg_str(form, "start");
    gp_ymd ymd;
    if (s->start_date && start && start[0] && (strlen(start) != 10 || gp_ymd_parse(start, &ymd)))
        pg->start_error = "The start date is not a date: give it as YYYY-MM-DD, e.g. 2027-01-11.";
    else if (!strcmp(action, "ics") && (!start || !start[0]))
        pg->start_error = "A calendar needs the plan's start date.";
    const char *email = sv_msg_str(form, "email");
    if (email && email[strspn(email, " ")] && !gp_mail_address_ok(email))
        pg->email_error = "This is not an e-mail address: give one like name@example.org.";
    else if (!strcmp(action, "eml") && (!email || !email[strspn(email, " ")]))
        pg->email_error = "The e-mail download needs the client's e-mail address.";
    const char *sender = sv_msg_str(form, "adviser_email");
    if (sender && sender[strspn(sender, " ")] && !gp_mail_address_ok(sender))
        pg->from_error = "This is not an e-mail address: give one like you@example.org.";
    if (pg->roles) {
        const char *from = sv_msg_str(form, "from_role"), *to = sv_msg_str(form, "to_role");
        if (!sv_catalog_role(&s->cat, from) || !sv_catalog_role(&s->cat, to))
            pg->roles_error = "Choose a from-role and a to-role from the lists.";
        else if (!strcmp(from, to))
            pg->roles_error = "The from-role and the to-role are the same role: choose two "
                              "different roles.";
    }
    return !pg->start_error && !pg->email_error && !pg->from_error && !pg->roles_error;
}

static void desk(sv_server *s, const sv_msg *form, const char *q, const char *guide_name,
                 bool fragment, sv_reply *r)
{
    (void)fragment;
    sv_page pg = {0};
    pg.form = form;
    pg.q = q;
    gp_guide *model = NULL;
    sv_msg req = {0}, resp = {0};
    const char *action = form ? sv_msg_str(form, "action") : NULL;
    int status = 200;
    if (!action)
        action = "preview";
    const char *from_role = form ? sv_msg_str(form, "from_role") : NULL;
    if ((!guide_name || !guide_name[0]) && from_role && from_role[0])
        guide_name = SV_ROLES_GUIDE; /* roles chosen without the radio (no script) */
    if (guide_name && !strcmp(guide_name, SV_ROLES_GUIDE) && s->cat.n_roles) {
        pg.roles = true;
    } else if (guide_name && guide_name[0]) {
        pg.guide = sv_catalog_guide(&s->cat, guide_name);
        if (!pg.guide) {
            reply_text(r, 400, "Unknown guide",
                       "There is no guide of that name on this desk; choose one from the list. "
                       "(A request names a guide from the list, never a file or folder.)");
            return;
        }
        gp_diags *d = gp_diags_new();
        model = gp_guide_load_file(pg.guide->path, NULL, d);
        gp_diags_free(d);
        pg.model = model;
    }
    char pair[160] = "";
    if (pg.roles && form) {
        /* a composed pair's steps and checklist, for its ticks: composed
         * here as the worker will compose it (same profiles, same order) */
        const char *from = sv_msg_str(form, "from_role"), *to = sv_msg_str(form, "to_role");
        if (sv_catalog_role(&s->cat, from) && sv_catalog_role(&s->cat, to) && strcmp(from, to)) {
            snprintf(pair, sizeof pair, "%s--%s", from, to);
            gp_diags *d = gp_diags_new();
            gp_roles_options ro = {0};
            ro.roles_dir = s->cat.roles_dir;
            gp_roles *rs = d ? gp_roles_create(&ro, d) : NULL;
            model = rs ? gp_compose_guide(rs, from, to, NULL, d) : NULL;
            gp_roles_free(rs);
            gp_diags_free(d);
            pg.model = model;
        }
    }
    pg.ticks_for = pg.guide ? pg.guide->name : pair[0] ? pair : NULL;
    const char *ticks_for = form ? sv_msg_str(form, "ticks_for") : NULL;
    pg.ticks_given = pg.ticks_for && pg.model && ticks_for && !strcmp(ticks_for, pg.ticks_for);
    const char *style_name = form ? sv_msg_str(form, "style") : NULL;
    const sv_style *style =
        style_name && style_name[0] ? sv_catalog_style(&s->cat, style_name) : &s->cat.styles[0];
    if (!style) {
        reply_text(r, 400, "Unknown style",
                   "There is no style of that name on this desk; choose one from the list.");
        gp_guide_free(model);
        return;
    }
    static const char *const actions[] = {"preview", "pdf", "print", "ics", "eml"};
    bool known = false;
    for (size_t i = 0; i < sizeof actions / sizeof *actions; i++)
        known |= !strcmp(action, actions[i]);
    char stem[160] = "";
    if (pg.guide)
        snprintf(stem, sizeof stem, "%s", pg.guide->name);
    else if (pg.roles && form) {
        const char *from = sv_msg_str(form, "from_role"), *to = sv_msg_str(form, "to_role");
        snprintf(stem, sizeof stem, "%.60s--%.60s", from ? from : "", to ? to : "");
    }
    for (char *p = stem; *p; p++) /* it goes into a header */
        if (!g_ascii_isalnum(*p) && !strchr("._-", *p))
            *p = '_';
    if (form && !pg.guide && !pg.roles) {
        pg.message = "Choose a guide first.";
        status = 400;
    } else if (form && !known) {
        pg.message = "Unknown action.";
        status = 400;
    } else if (form && !check_fields(s, form, action, &pg)) {
        status = 422;
    } else if (form) {
        bool png = !strcmp(action, "preview");
        sv_msg_adds(&req, "op", "render");
        if (pg.roles) {
            sv_msg_adds(&req, "roles", s->cat.roles_dir);
            sv_msg_adds(&req, "from", sv_msg_str(form, "from_role"));
            sv_msg_adds(&req, "to", sv_msg_str(form, "to_role"));
        } else {
            sv_msg_adds(&req, "guide", pg.guide->path);
        }
        sv_msg_adds(&req, "name", stem);
        if (!strcmp(action, "ics"))
            sv_msg_adds(&req, "ics", "1");
        if (!strcmp(action, "eml")) {
            const char *sender = sv_msg_str(form, "adviser_email");
            sv_msg_adds(&req, "mail_to", sv_msg_str(form, "email"));
            if (sender && sender[strspn(sender, " ")])
                sv_msg_adds(&req, "mail_from", sender);
        }
        sv_msg_adds(&req, "style", style->spec);
        sv_msg_adds(&req, "format", png ? "png" : "pdf");
        if (png) {
            char dpi[16];
            snprintf(dpi, sizeof dpi, "%g", SV_PREVIEW_DPI);
            sv_msg_adds(&req, "dpi", dpi);
        }
        static const char *const sets[] = {"prepared_for", "prepared_by", "date", "start"};
        for (size_t i = 0; i < (s->start_date ? 4u : 3u); i++) {
            const char *v = sv_msg_str(form, sets[i]);
            if (v && v[0]) {
                gp_buf kv = {0};
                gp_buf_printf(&kv, "%s=%s", sets[i], v);
                sv_msg_adds(&req, "set", kv.data);
                gp_buf_free(&kv);
            }
        }
        if (pg.ticks_given) {
            sv_msg_adds(&req, "keep_given", "1");
            for (size_t i = 0; i < form->n; i++)
                if (!strcmp(form->f[i].key, "keep"))
                    sv_msg_adds(&req, "keep", form->f[i].val);
        }
        const char *note = sv_msg_str(form, "note");
        if (note && note[strspn(note, " \t\r\n")]) {
            const char *who = sv_msg_str(form, "prepared_for");
            gp_buf t = {0};
            if (who && who[0])
                gp_buf_printf(&t, "A note for %s", who);
            sv_msg_adds(&req, "note", note);
            sv_msg_adds(&req, "note_title", t.data);
            gp_buf_free(&t);
        }
        int rc = sv_pool_call(s->pool, &req, &resp, true);
        if (rc == SV_CALL_BUSY) {
            reply_text(r, 503, "The desk is busy",
                       "Every worker is busy and the queue is full; try again in a moment.");
            r->retry_after = 2;
            goto done;
        }
        if (rc == SV_CALL_FAILED) {
            reply_text(r, 500, "The render stopped",
                       "The worker rendering this guide stopped; it has been restarted. Try "
                       "again.");
            goto done;
        }
        const char *ok = sv_msg_str(&resp, "ok");
        if (ok && !strcmp(ok, "1") && !png) {
            /* the file name is the entry's or the role ids: [A-Za-z0-9._-] only */
            bool ics = !strcmp(action, "ics"), eml = !strcmp(action, "eml");
            const sv_field *f = sv_msg_get(&resp, ics ? "ics" : eml ? "eml" : "pdf");
            r->status = 200;
            r->ctype = ics   ? "text/calendar; charset=utf-8"
                       : eml ? "message/rfc822"
                             : "application/pdf";
            gp_buf_append(&r->body, f ? f->val : "", f ? f->len : 0);
            snprintf(r->disposition, sizeof r->disposition, "%s; filename=\"%s.%s\"",
                     !strcmp(action, "print") ? "inline" : "attachment", stem,
                     ics   ? "ics"
                     : eml ? "eml"
                           : "pdf");
            goto done;
        }
        pg.result = &resp;
        if (!ok || strcmp(ok, "1"))
            status = 422;
    }
    sv_page_desk(s, &pg, &r->body);
    reply_page(r, status);
done:
    sv_msg_free(&req);
    sv_msg_free(&resp);
    gp_guide_free(model);
}

/* Routing -------------------------------------------------------------- */

static const char *cookie(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_COOKIE_KIND, name);
}

static bool cross_site(struct MHD_Connection *c)
{
    const char *site = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (site && strcmp(site, "same-origin") && strcmp(site, "none"))
        return true;
    const char *origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (origin && strcmp(origin, "null")) {
        if (!host || strncmp(origin, "http://", 7) || strcmp(origin + 7, host))
            return true;
    }
    return false;
}

static void route(sv_server *s, struct MHD_Connection *c, conn *cx, const char *url, sv_reply *r)
{
    bool post = cx->is_post;
    if (!post && !strcmp(url, "/style.css")) {
        r->status = 200;
        r->ctype = "text/css; charset=utf-8";
        gp_buf_puts(&r->body, sv_css);
        return;
    }
    if (!post && !strcmp(url, "/healthz")) {
        r->status = 200;
        r->ctype = "text/plain; charset=utf-8";
        gp_buf_puts(&r->body, "ok\n");
        return;
    }
    if (post) {
        if (cx->too_big) {
            char msg[160];
            snprintf(msg, sizeof msg, "The request body is larger than this form takes (%zu KB).",
                     cx->limit >> 10);
            reply_text(r, 413, "Request too large", msg);
            return;
        }
        if (cx->no_parser) {
            reply_text(r, 415, "Unsupported form",
                       "Send the form as application/x-www-form-urlencoded or "
                       "multipart/form-data.");
            return;
        }
        if (cx->malformed || cx->form.failed) {
            reply_text(r, 400, "Malformed form", "The form data could not be read.");
            return;
        }
        if (cx->too_many) {
            reply_text(r, 413, "Too many fields", "The form has more fields than the desk takes.");
            return;
        }
        if (cx->long_field[0]) {
            char msg[200];
            snprintf(msg, sizeof msg, "The field `%s` is longer than the desk takes (%zu bytes).",
                     cx->long_field, field_limit(cx->long_field));
            reply_text(r, 413, "Field too long", msg);
            return;
        }
        if (cross_site(c)) {
            reply_text(r, 403, "Cross-site request refused",
                       "This form can only be sent from the desk's own page.");
            return;
        }
        if (!same_secret(sv_msg_str(&cx->form, "csrf"), s->csrf)) {
            reply_text(r, 403, "The form is out of date",
                       "The form's security token is missing or old (CSRF check); reload the "
                       "page and send it again.");
            return;
        }
        const char *bad = NULL;
        if (!valid_utf8(&cx->form, &bad)) {
            char msg[200];
            snprintf(msg, sizeof msg, "The field `%.60s` is not valid UTF-8 text.", bad);
            reply_text(r, 400, "Invalid text", msg);
            return;
        }
    }
    if (s->token) {
        if (post && !strcmp(url, "/login")) {
            if (same_secret(sv_msg_str(&cx->form, "token"), s->token)) {
                r->status = 303;
                snprintf(r->location, sizeof r->location, "/");
                /* a session cookie: asked once per browser session */
                snprintf(r->set_cookie, sizeof r->set_cookie,
                         "gp_token=%.120s; Path=/; HttpOnly; SameSite=Strict", s->token);
                gp_buf_puts(&r->body, "signed in\n");
                r->ctype = "text/plain; charset=utf-8";
                return;
            }
            sv_page_login(s, "That is not the access token.", &r->body);
            reply_page(r, 401);
            return;
        }
        if (!same_secret(cookie(c, "gp_token"), s->token)) {
            if (!post && (!strcmp(url, "/") || !strcmp(url, "/login") || !strcmp(url, "/batch"))) {
                sv_page_login(s, NULL, &r->body);
                reply_page(r, 401);
            } else {
                reply_text(r, 401, "Access token needed",
                           "This desk needs its access token: open the desk's front page and "
                           "enter it.");
            }
            return;
        }
    }
    if (!post && !strcmp(url, "/app.js")) {
        r->status = 200;
        r->ctype = "text/javascript; charset=utf-8";
        gp_buf_puts(&r->body, sv_js);
        return;
    }
    if (!strcmp(url, "/") || (post && !strcmp(url, "/preview"))) {
        if (post) {
            desk(s, &cx->form, NULL, sv_msg_str(&cx->form, "guide"), !strcmp(url, "/preview"), r);
        } else {
            const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "q");
            const char *g = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "guide");
            if ((q && gp_utf8_check(q, strlen(q)) != strlen(q)) || (q && strlen(q) > 200)) {
                reply_text(r, 400, "Invalid search",
                           "The search text is not valid UTF-8 or too long.");
                return;
            }
            desk(s, NULL, q, g, false, r);
        }
        return;
    }
    if (!strcmp(url, "/batch")) {
        if (post) {
            if (cx->csv_name[0] &&
                gp_utf8_check(cx->csv_name, strlen(cx->csv_name)) == strlen(cx->csv_name))
                sv_msg_adds(&cx->form, "csv_filename", cx->csv_name);
            sv_batch_create(s, &cx->form, r);
        } else {
            sv_page_batch_form(s, NULL, &r->body);
            reply_page(r, 200);
        }
        return;
    }
    if (!post && sv_batch_get(s, url, r))
        return;
    if (!strcmp(url, "/login") && !post) {
        r->status = 303;
        snprintf(r->location, sizeof r->location, "/");
        return;
    }
    reply_text(r, 404, "Not found", "There is no page at this address.");
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    sv_server *s = cls;
    conn *cx = *con_cls;
    if (!cx) {
        cx = calloc(1, sizeof *cx);
        if (!cx)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &cx->t0);
        snprintf(cx->method, sizeof cx->method, "%s", method);
        snprintf(cx->path, sizeof cx->path, "%s", url);
        *con_cls = cx;
        cx->is_post = !strcmp(method, "POST");
        if (!cx->is_post)
            return MHD_YES;
        cx->limit = !strcmp(url, "/batch") ? SV_MAX_BATCH_BYTES + 65536 : SV_MAX_FORM_BYTES;
        const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > cx->limit)
            cx->too_big = true;
        else if (!(cx->pp = MHD_create_post_processor(c, 16 * 1024, on_field, cx)))
            cx->no_parser = true;
        return MHD_YES;
    }
    if (*upload_size) {
        cx->body += *upload_size;
        if (cx->body > cx->limit)
            cx->too_big = true;
        if (!cx->too_big && cx->pp &&
            MHD_post_process(cx->pp, upload_data, *upload_size) != MHD_YES)
            cx->malformed = true;
        *upload_size = 0;
        return MHD_YES;
    }
    if (!cx->is_post && strcmp(method, "GET") && strcmp(method, "HEAD")) {
        sv_reply r = {0};
        reply_text(&r, 405, "Method not allowed", "The desk takes GET and POST only.");
        return send_reply(c, cx, &r);
    }
    sv_reply r = {0};
    route(s, c, cx, url, &r);
    enum MHD_Result rc = send_reply(c, cx, &r);
    gp_buf_free(&r.body);
    return rc;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls,
                    enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    conn *cx = *con_cls;
    if (!cx)
        return;
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms =
        (double)(t1.tv_sec - cx->t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - cx->t0.tv_nsec) / 1e6;
    char when[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* the path only: no query string, no form value, no address */
    fprintf(stderr, "%s \"%s %s\" %d %zu %.0fms%s\n", when, cx->method, cx->path, cx->status,
            cx->sent, ms, toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (not completed)");
    if (cx->pp)
        MHD_destroy_post_processor(cx->pp);
    /* the client's values die with the request */
    for (size_t i = 0; i < cx->form.n; i++)
        memset(cx->form.f[i].val, 0, cx->form.f[i].len);
    sv_msg_free(&cx->form);
    free(cx);
    *con_cls = NULL;
}

struct MHD_Daemon *sv_http_start(sv_server *s, const char *host, int *port, int max_conns)
{
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION;
    socklen_t len;
    if (strchr(host, ':')) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)*port);
        if (inet_pton(AF_INET6, host, &a->sin6_addr) != 1)
            return NULL;
        flags |= MHD_USE_IPv6;
        len = sizeof *a;
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)*port);
        if (inet_pton(AF_INET, host, &a->sin_addr) != 1)
            return NULL;
        len = sizeof *a;
    }
    (void)len;
    struct MHD_Daemon *d =
        MHD_start_daemon(flags, (uint16_t)*port, NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
                         (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT, (unsigned)max_conns,
                         MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_NOTIFY_COMPLETED,
                         on_done, NULL, MHD_OPTION_END);
    if (!d)
        return NULL;
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (info)
        *port = info->port;
    return d;
}
