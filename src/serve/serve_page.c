/* serve/serve_page.c - the desk's HTML, rendered on the server.
 *
 * One page for one client: the guide list (searchable), the client's
 * details, the steps and checklist items that apply, a private note, the
 * preview and the buttons. Everything a user can change has a <label>;
 * groups are fieldsets with legends; errors are a role=alert region that
 * names file:line:col and the hint. Every value written into the page goes
 * through sv_html_escape. */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "serve/serve.h"

void sv_html_escape(gp_buf *b, const char *s)
{
    if (!s)
        return;
    for (const char *p = s; *p; p++) {
        switch (*p) {
        case '&': gp_buf_puts(b, "&amp;"); break;
        case '<': gp_buf_puts(b, "&lt;"); break;
        case '>': gp_buf_puts(b, "&gt;"); break;
        case '"': gp_buf_puts(b, "&quot;"); break;
        case '\'': gp_buf_puts(b, "&#39;"); break;
        default: gp_buf_append(b, p, 1);
        }
    }
}

static void head(gp_buf *b, const char *title, const char *current)
{
    gp_buf_puts(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<title>");
    sv_html_escape(b, title);
    gp_buf_puts(b, " — guidepress desk</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n"
                   "</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the form</a>\n"
                   "<header><p class=\"brand\">guidepress desk</p>"
                   "<nav aria-label=\"Desk\">");
    gp_buf_printf(b, "<a href=\"/\"%s>One client</a><a href=\"/batch\"%s>Batch</a>",
                  !strcmp(current, "one") ? " aria-current=\"page\"" : "",
                  !strcmp(current, "batch") ? " aria-current=\"page\"" : "");
    gp_buf_puts(b, "</nav></header>\n<main id=\"main\">\n");
}

static void foot(gp_buf *b, bool script)
{
    gp_buf_puts(b, "</main>\n");
    if (script)
        gp_buf_puts(b, "<script src=\"/app.js\"></script>\n");
    gp_buf_puts(b, "</body>\n</html>\n");
}

static const char *form_val(const sv_page *pg, const char *key)
{
    return pg->form ? sv_msg_str(pg->form, key) : NULL;
}

static bool form_has(const sv_msg *form, const char *key, const char *val)
{
    for (size_t i = 0; form && i < form->n; i++)
        if (!strcmp(form->f[i].key, key) && !strcmp(form->f[i].val, val))
            return true;
    return false;
}

/* Shows a file as its name only: folders of the server are not the
 * browser's business. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void sv_page_diags(const sv_msg *result, gp_buf *b)
{
    gp_buf_puts(b, "<ul>");
    for (size_t i = 0; result && i < result->n; i++) {
        if (strcmp(result->f[i].key, "diag"))
            continue;
        /* severity, file, line, col, message, hint */
        const char *part[6] = {0};
        const char *p = result->f[i].val, *end = p + result->f[i].len;
        for (int k = 0; k < 6 && p <= end; k++) {
            part[k] = p;
            p += strlen(p) + 1;
        }
        if (!part[5])
            continue;
        gp_buf_puts(b, "<li><code>");
        if (part[1][0]) {
            sv_html_escape(b, base_name(part[1]));
            if (strcmp(part[2], "0"))
                gp_buf_printf(b, ":%s:%s", part[2], part[3]);
            gp_buf_puts(b, ":");
        }
        gp_buf_printf(b, " %s:</code> ", !strcmp(part[0], "error") ? "error" : "warning");
        sv_html_escape(b, part[4]);
        if (part[5][0]) {
            gp_buf_puts(b, "<br><span class=\"hint-line\">hint: ");
            sv_html_escape(b, part[5]);
            gp_buf_puts(b, "</span>");
        }
        gp_buf_puts(b, "</li>");
    }
    gp_buf_puts(b, "</ul>");
}

static void errors_region(const sv_page *pg, gp_buf *b)
{
    gp_buf_puts(b, "<div id=\"form-errors\">");
    const char *ok = pg->result ? sv_msg_str(pg->result, "ok") : NULL;
    if (pg->message) {
        gp_buf_puts(b, "<div class=\"errors\" role=\"alert\"><h2>Please check the form</h2><p>");
        sv_html_escape(b, pg->message);
        gp_buf_puts(b, "</p></div>");
    } else if (pg->start_error || pg->email_error || pg->from_error || pg->roles_error) {
        /* the summary links to each field; the message also stands beside it */
        static const char *const ids[4] = {"start", "email", "adviser-email", "from_role"};
        const char *msgs[4] = {pg->start_error, pg->email_error, pg->from_error, pg->roles_error};
        gp_buf_puts(b, "<div class=\"errors\" role=\"alert\"><h2>Please check the form</h2><ul>");
        for (int i = 0; i < 4; i++)
            if (msgs[i]) {
                gp_buf_printf(b, "<li><a href=\"#%s\">", ids[i]);
                sv_html_escape(b, msgs[i]);
                gp_buf_puts(b, "</a></li>");
            }
        gp_buf_puts(b, "</ul></div>");
    } else if (ok && strcmp(ok, "1")) {
        /* a diagnostic with a file is the guide's or the style's; one
         * without is about a value typed into the form */
        bool in_file = false;
        for (size_t i = 0; i < pg->result->n; i++)
            if (!strcmp(pg->result->f[i].key, "diag")) {
                const char *v = pg->result->f[i].val;
                in_file |= v[strlen(v) + 1] != '\0';
            }
        if (in_file)
            gp_buf_puts(b, "<div class=\"errors\" role=\"alert\"><h2>The guide could not be "
                           "made</h2><p>The guide or the style has a problem; whoever looks after "
                           "them can fix it at the place named below.</p>");
        else
            gp_buf_puts(b, "<div class=\"errors\" role=\"alert\"><h2>Please check the form</h2>");
        sv_page_diags(pg->result, b);
        gp_buf_puts(b, "</div>");
    }
    gp_buf_puts(b, "</div>\n");
}

static void guide_list(const sv_server *s, const sv_page *pg, gp_buf *b)
{
    const char *q = pg->q && pg->q[0] ? pg->q : NULL;
    size_t shown = 0;
    gp_buf items = {0};
    for (size_t i = 0; i < s->cat.n_guides; i++) {
        const sv_guide *g = &s->cat.guides[i];
        gp_buf label = {0};
        if (g->from) {
            gp_buf_printf(&label, "%s → %s", g->from, g->to ? g->to : "");
        } else {
            gp_buf_printf(&label, "%s (has errors)", g->name);
        }
        gp_buf meta = {0};
        gp_buf_printf(&meta, "%s%s%s", g->market ? g->market : "", g->market ? " · " : "",
                      g->lang ? g->lang : "");
        bool match = true;
        if (q) {
            gp_buf hay = {0};
            gp_buf_printf(&hay, "%s %s %s", label.data, meta.data ? meta.data : "", g->name);
            gchar *h = hay.data ? g_utf8_casefold(hay.data, -1) : NULL;
            gchar *n = g_utf8_casefold(q, -1);
            match = h && n && strstr(h, n) != NULL;
            g_free(h);
            g_free(n);
            gp_buf_free(&hay);
        }
        bool chosen = pg->guide == g;
        if (match || chosen) {
            shown++;
            gp_buf_printf(&items,
                          "<li><input type=\"radio\" name=\"guide\" id=\"g-%s\" value=\"%s\"%s>",
                          g->name, g->name, chosen ? " checked" : "");
            gp_buf_printf(&items, "<label for=\"g-%s\"><span dir=\"auto\"", g->name);
            if (g->lang) {
                gp_buf_puts(&items, " lang=\"");
                sv_html_escape(&items, g->lang);
                gp_buf_puts(&items, "\"");
            }
            gp_buf_puts(&items, ">");
            sv_html_escape(&items, label.data);
            gp_buf_puts(&items, "</span> <span class=\"meta\">");
            sv_html_escape(&items, meta.data);
            gp_buf_puts(&items, "</span></label></li>\n");
        }
        gp_buf_free(&label);
        gp_buf_free(&meta);
    }
    gp_buf_printf(b,
                  "<p class=\"hint\" id=\"guide-count\" aria-live=\"polite\">%zu guide%s shown</p>",
                  shown, shown == 1 ? "" : "s");
    gp_buf_puts(b, "<ul class=\"guides\" id=\"guide-list\">\n");
    if (items.data)
        gp_buf_append(b, items.data, items.len);
    gp_buf_puts(b, "</ul>\n");
    gp_buf_free(&items);
}

static void text_field(gp_buf *b, const char *id, const char *name, const char *label,
                       const char *type, const char *value, const char *hint, const char *extra,
                       const char *error)
{
    gp_buf_printf(b, "<label for=\"%s\">%s</label>", id, label);
    if (hint)
        gp_buf_printf(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", id, hint);
    if (error) {
        gp_buf_printf(b, "<p class=\"field-error\" id=\"%s-error\">", id);
        sv_html_escape(b, error);
        gp_buf_puts(b, "</p>");
    }
    gp_buf_printf(b, "<input type=\"%s\" id=\"%s\" name=\"%s\" value=\"", type, id, name);
    sv_html_escape(b, value);
    gp_buf_puts(b, "\"");
    if (hint || error)
        gp_buf_printf(b, " aria-describedby=\"%s%s%s%s%s\"", hint ? id : "", hint ? "-hint" : "",
                      hint && error ? " " : "", error ? id : "", error ? "-error" : "");
    gp_buf_printf(b, "%s%s>\n", error ? " aria-invalid=\"true\"" : "", extra ? extra : "");
}

/* A list of the role profiles to pick one from (a <select>: typing a
 * letter jumps to it, with or without script). */
static void role_select(const sv_server *s, const sv_page *pg, gp_buf *b, const char *id,
                        const char *label)
{
    const char *cur = form_val(pg, id);
    gp_buf_printf(b, "<label for=\"%s\">%s</label><select id=\"%s\" name=\"%s\"%s>", id, label, id,
                  id, pg->roles_error ? " aria-describedby=\"roles-error\"" : "");
    gp_buf_puts(b, "<option value=\"\">Choose a role</option>");
    for (size_t i = 0; i < s->cat.n_roles; i++) {
        const sv_role *r = &s->cat.roles[i];
        gp_buf_puts(b, "<option value=\"");
        sv_html_escape(b, r->id);
        gp_buf_printf(b, "\"%s>", cur && !strcmp(cur, r->id) ? " selected" : "");
        sv_html_escape(b, r->title);
        gp_buf_puts(b, "</option>");
    }
    gp_buf_puts(b, "</select>\n");
}

static void role_pair(const sv_server *s, const sv_page *pg, gp_buf *b)
{
    if (!s->cat.n_roles)
        return;
    gp_buf_printf(b,
                  "<div class=\"roles\"><input type=\"radio\" name=\"guide\" id=\"g-roles\" "
                  "value=\"%s\"%s><label for=\"g-roles\">Composed from role profiles: any "
                  "from-role → to-role <span class=\"meta\">(%zu roles)</span></label>\n",
                  SV_ROLES_GUIDE, pg->roles ? " checked" : "", s->cat.n_roles);
    if (pg->roles_error) {
        gp_buf_puts(b, "<p class=\"field-error\" id=\"roles-error\">");
        sv_html_escape(b, pg->roles_error);
        gp_buf_puts(b, "</p>");
    }
    gp_buf_puts(b, "<div class=\"pair\"><div>");
    role_select(s, pg, b, "from_role", "From role");
    gp_buf_puts(b, "</div><div>");
    role_select(s, pg, b, "to_role", "To role");
    gp_buf_puts(b, "</div></div></div>\n");
}

/* A short label for an item: its title, or the start of its text. */
static void item_label(gp_buf *b, const gp_rich *r)
{
    gp_buf t = {0};
    for (size_t p = 0; p < r->n_paras && p < 1; p++)
        for (size_t k = 0; k < r->paras[p].n_runs; k++)
            gp_buf_puts(&t, r->paras[p].runs[k].text);
    if (t.data && t.len > 140) {
        size_t cut = 137;
        while (cut > 0 && ((unsigned char)t.data[cut] & 0xC0) == 0x80)
            cut--;
        t.data[cut] = '\0';
        gp_buf_puts(b, "");
        sv_html_escape(b, t.data);
        gp_buf_puts(b, "…");
    } else {
        sv_html_escape(b, t.data);
    }
    gp_buf_free(&t);
}

static void ticks(const sv_page *pg, gp_buf *b)
{
    gp_buf_puts(b, "<fieldset id=\"ticks\" data-guide=\"");
    sv_html_escape(b, pg->ticks_for ? pg->ticks_for : "");
    gp_buf_puts(b, "\"><legend>3. What applies to this client</legend>\n");
    if (!pg->ticks_for || !pg->model) {
        gp_buf_puts(b, "<p class=\"hint\">Choose a guide to see its steps and checklist "
                       "items.</p>");
    } else {
        gp_buf_puts(b, "<input type=\"hidden\" name=\"ticks_for\" value=\"");
        sv_html_escape(b, pg->ticks_for);
        gp_buf_puts(b, "\">\n");
        gp_buf_puts(b, "<p class=\"hint\">Untick what does not apply; it is left out of this "
                       "client's guide only.</p>\n");
        const gp_guide *g = pg->model;
        for (size_t i = 0; i < gp_guide_section_count(g); i++) {
            const gp_section *sec = gp_guide_section(g, i);
            bool tl = sec->type == GP_SEC_TIMELINE;
            bool cl = sec->type == GP_SEC_LIST && sec->list_style == GP_LIST_CHECKLIST;
            if (!tl && !cl)
                continue;
            gp_buf_puts(b, "<fieldset><legend>");
            sv_html_escape(b, sec->title.s ? sec->title.s : (tl ? "Timeline" : "Checklist"));
            gp_buf_puts(b, "</legend>\n");
            size_t n = tl ? sec->n_steps : sec->n_items;
            for (size_t k = 0; k < n; k++) {
                char v[48];
                snprintf(v, sizeof v, "%zu.%zu", i, k);
                bool on = !pg->ticks_given || form_has(pg->form, "keep", v);
                gp_buf_printf(b,
                              "<div class=\"check\"><input type=\"checkbox\" name=\"keep\" "
                              "value=\"%s\" id=\"k-%zu-%zu\"%s><label for=\"k-%zu-%zu\">",
                              v, i, k, on ? " checked" : "", i, k);
                if (tl) {
                    sv_html_escape(b, sec->steps[k].title.s);
                    if (sec->steps[k].when.s) {
                        gp_buf_puts(b, " <span class=\"meta\">(");
                        sv_html_escape(b, sec->steps[k].when.s);
                        gp_buf_puts(b, ")</span>");
                    }
                } else {
                    item_label(b, &sec->items[k]);
                }
                gp_buf_puts(b, "</label></div>\n");
            }
            gp_buf_puts(b, "</fieldset>\n");
        }
    }
    gp_buf_puts(b, "</fieldset>\n");
}

static void preview(const sv_page *pg, gp_buf *b)
{
    gp_buf_puts(b, "<section id=\"preview\" aria-labelledby=\"preview-h\">"
                   "<h2 id=\"preview-h\">Preview</h2>"
                   "<p class=\"hint\" id=\"preview-status\" aria-live=\"polite\">");
    size_t n_png = 0;
    for (size_t i = 0; pg->result && i < pg->result->n; i++)
        n_png += !strcmp(pg->result->f[i].key, "png");
    const char *pages = pg->result ? sv_msg_str(pg->result, "pages") : NULL;
    if (n_png)
        gp_buf_printf(b, "%s page%s", pages ? pages : "?", pages && !strcmp(pages, "1") ? "" : "s");
    else if (pg->guide)
        gp_buf_puts(b, "No preview yet: choose “Update preview”.");
    else
        gp_buf_puts(b, "Choose a guide to see its pages here.");
    gp_buf_puts(b, "</p>");
    if (n_png) {
        gp_buf_puts(b, "<ol class=\"pages\">");
        size_t k = 0;
        for (size_t i = 0; i < pg->result->n; i++) {
            const sv_field *f = &pg->result->f[i];
            if (strcmp(f->key, "png"))
                continue;
            k++;
            gchar *b64 = g_base64_encode((const guchar *)f->val, f->len);
            gp_buf_printf(b,
                          "<li><figure><img src=\"data:image/png;base64,%s\" alt=\"Page %zu "
                          "of the guide\"><figcaption>Page %zu</figcaption></figure></li>",
                          b64 ? b64 : "", k, k);
            g_free(b64);
        }
        gp_buf_puts(b, "</ol>");
    }
    gp_buf_puts(b, "</section>\n");
}

void sv_page_desk(const sv_server *s, const sv_page *pg, gp_buf *b)
{
    head(b, pg->guide && pg->guide->title ? pg->guide->title : "Make a client's guide", "one");
    gp_buf_puts(b, "<h1>Make a client’s guide</h1>\n<div class=\"desk\">\n<div>\n");
    errors_region(pg, b);
    gp_buf_puts(b, "<form method=\"get\" action=\"/\" id=\"search-form\" role=\"search\" "
                   "class=\"search\"><div><label for=\"q\">Search guides</label>"
                   "<input type=\"search\" id=\"q\" name=\"q\" value=\"");
    sv_html_escape(b, pg->q);
    gp_buf_puts(b, "\" aria-controls=\"guide-list\"></div><button type=\"submit\">Search"
                   "</button></form>\n");
    gp_buf_puts(b, "<form method=\"post\" action=\"/\" id=\"guide-form\">\n");
    gp_buf_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n", s->csrf);
    gp_buf_puts(b, "<fieldset><legend>1. Guide (from role → to role)</legend>\n");
    guide_list(s, pg, b);
    role_pair(s, pg, b);
    gp_buf_puts(b, "</fieldset>\n<fieldset><legend>2. Client and style</legend>\n");
    text_field(b, "client", "prepared_for", "Client’s name", "text", form_val(pg, "prepared_for"),
               NULL, " maxlength=\"200\" autocomplete=\"off\"", NULL);
    text_field(b, "adviser", "prepared_by", "Adviser’s name", "text", form_val(pg, "prepared_by"),
               NULL, " maxlength=\"200\"", NULL);
    char today[16];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    const char *date = form_val(pg, "date");
    text_field(b, "date", "date", "Date", "date", date ? date : today, "Printed on the cover.",
               " maxlength=\"10\"", NULL);
    if (s->start_date)
        text_field(b, "start", "start", "Start date", "date", form_val(pg, "start"),
                   "Optional. The plan’s steps are dated from here (e.g. Jan–Mar 2027), and "
                   "the calendar download needs it.",
                   " maxlength=\"10\"", pg->start_error);
    if (s->eml)
        text_field(b, "email", "email", "Client’s e-mail address", "email", form_val(pg, "email"),
                   "Optional. Only for the e-mail download; the desk sends no mail and keeps "
                   "nothing.",
                   " maxlength=\"200\" autocomplete=\"off\"", pg->email_error);
    if (s->eml)
        text_field(b, "adviser-email", "adviser_email", "Adviser’s e-mail address (sender)",
                   "email", form_val(pg, "adviser_email"),
                   "Optional: the e-mail’s From. Without it, the style’s contact address.",
                   " maxlength=\"200\"", pg->from_error);
    gp_buf_puts(b, "<label for=\"style\">Style</label><select id=\"style\" name=\"style\">");
    const char *style = form_val(pg, "style");
    for (size_t i = 0; i < s->cat.n_styles; i++) {
        const char *n = s->cat.styles[i].name;
        gp_buf_printf(b, "<option value=\"%s\"%s>%s</option>", n,
                      style && !strcmp(style, n) ? " selected" : "", n);
    }
    gp_buf_puts(b, "</select>\n</fieldset>\n");
    ticks(pg, b);
    gp_buf_puts(b, "<fieldset><legend>4. A private note (optional)</legend>"
                   "<label for=\"note\">Note for the client</label>"
                   "<p class=\"hint\" id=\"note-hint\">Printed on the last page of this client’s "
                   "guide only. Up to 4,000 characters.</p>"
                   "<textarea id=\"note\" name=\"note\" maxlength=\"4000\" rows=\"4\" "
                   "aria-describedby=\"note-hint\">");
    sv_html_escape(b, form_val(pg, "note"));
    gp_buf_puts(b, "</textarea></fieldset>\n<div class=\"actions\">"
                   "<button type=\"submit\" name=\"action\" value=\"preview\">Update preview"
                   "</button>"
                   "<button type=\"submit\" class=\"primary\" name=\"action\" value=\"pdf\">"
                   "Download PDF</button>"
                   "<button type=\"submit\" name=\"action\" value=\"print\" formtarget=\"_blank\">"
                   "Print (opens the PDF)</button>");
    if (s->start_date)
        gp_buf_puts(b, "<button type=\"submit\" name=\"action\" value=\"ics\">Add to calendar "
                       "(.ics)</button>");
    if (s->eml)
        gp_buf_puts(b, "<button type=\"submit\" name=\"action\" value=\"eml\">Email (.eml)"
                       "</button>");
    gp_buf_puts(b, "</div>\n</form>\n</div>\n");
    preview(pg, b);
    gp_buf_puts(b, "</div>\n");
    foot(b, true);
}

/* The head, the title as h1, and the message (if any) as an alert under
 * heading alert_h2 (static text, or NULL). */
static void page_top(gp_buf *b, const char *title, const char *current, const char *alert_h2,
                     const char *message)
{
    head(b, title, current);
    gp_buf_puts(b, "<h1>");
    sv_html_escape(b, title);
    gp_buf_puts(b, "</h1>\n");
    if (message) {
        gp_buf_puts(b, "<div class=\"errors\" role=\"alert\">");
        if (alert_h2)
            gp_buf_printf(b, "<h2>%s</h2>", alert_h2);
        gp_buf_puts(b, "<p>");
        sv_html_escape(b, message);
        gp_buf_puts(b, "</p></div>\n");
    }
}

void sv_page_login(const sv_server *s, const char *message, gp_buf *b)
{
    page_top(b, "Access token", "one", NULL, message);
    gp_buf_printf(b,
                  "<form method=\"post\" action=\"/login\" class=\"panel\">"
                  "<input type=\"hidden\" name=\"csrf\" value=\"%s\">"
                  "<label for=\"token\">Access token</label>"
                  "<p class=\"hint\" id=\"token-hint\">Ask whoever started the desk. It is "
                  "asked once; the browser keeps it until it closes.</p>"
                  "<input type=\"password\" id=\"token\" name=\"token\" "
                  "aria-describedby=\"token-hint\" autocomplete=\"current-password\">"
                  "<div class=\"actions\"><button type=\"submit\" class=\"primary\">"
                  "Open the desk</button></div></form>\n",
                  s->csrf);
    foot(b, false);
}

void sv_page_message(const char *title, const char *message, gp_buf *b)
{
    page_top(b, title, "", NULL, message ? message : "");
    gp_buf_puts(b, "<p><a href=\"/\">Back to the desk</a></p>\n");
    foot(b, false);
}

void sv_page_batch_form(const sv_server *s, const char *message, gp_buf *b)
{
    page_top(b, "Batch: one guide per client", "batch", "The CSV was not accepted", message);
    gp_buf_printf(
        b,
        "<form method=\"post\" action=\"/batch\" enctype=\"multipart/form-data\" "
        "class=\"panel\"><input type=\"hidden\" name=\"csrf\" value=\"%s\">"
        "<label for=\"csv\">Merge CSV</label>"
        "<p class=\"hint\" id=\"csv-hint\">The columns of <code>guidepress batch --merge</code>: "
        "guide, prepared_for, prepared_by, date, output, and optionally style and password. "
        "<code>guide</code> and <code>style</code> name entries of this desk's lists. At most "
        "%d rows and 4 MB.</p>"
        "<input type=\"file\" id=\"csv\" name=\"csv\" accept=\".csv,text/csv\" required "
        "aria-describedby=\"csv-hint\">"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">Make the guides"
        "</button></div></form>\n",
        s->csrf, SV_MAX_BATCH_ROWS);
    gp_buf_puts(b, "<h2>Guides and styles you can name</h2><p>Guides: ");
    for (size_t i = 0; i < s->cat.n_guides; i++) {
        gp_buf_printf(b, "%s<code>", i ? ", " : "");
        sv_html_escape(b, s->cat.guides[i].name);
        gp_buf_puts(b, "</code>");
    }
    gp_buf_puts(b, ".</p><p>Styles: ");
    for (size_t i = 0; i < s->cat.n_styles; i++) {
        gp_buf_printf(b, "%s<code>", i ? ", " : "");
        sv_html_escape(b, s->cat.styles[i].name);
        gp_buf_puts(b, "</code>");
    }
    gp_buf_puts(b, ".</p>\n");
    foot(b, false);
}
