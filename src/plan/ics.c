/* plan/ics.c - the plan as an iCalendar file (RFC 5545), made with libical.
 *
 * libical rather than own code: it folds long lines at 75 octets, escapes
 * commas, semicolons and line breaks in text values and writes CRLF line
 * ends, the details calendar programs are strict about. Each dated step is
 * an all-day VEVENT (DTSTART and an exclusive DTEND, VALUE=DATE), the form
 * Google Calendar, Outlook and Apple Calendar all import; a step without
 * dates (no start date, or a `when` the plan does not understand) is a
 * VTODO without dates, so every step is in the file once. UIDs are a hash
 * of the guide's identity (title, from, to, prepared_for) and the step's
 * number and title, never of the time: re-rendering the plan (say with a
 * new start date) updates the same entries instead of adding copies.
 * DTSTAMP is the document date (SOURCE_DATE_EPOCH, the guide's date or a
 * fixed one), so two renders are byte-identical. */
#include "plan/plan.h"

#include <glib.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/alloc.h"
#include "base/util.h"
#include "modules/api.h"

static struct icaltimetype ical_date(gp_ymd d)
{
    struct icaltimetype t = icaltime_null_date();
    t.year = d.y;
    t.month = d.m;
    t.day = d.d;
    t.is_date = 1;
    return t;
}

static char *step_uid(const gp_guide *g, const gp_plan_step *ps)
{
    GChecksum *h = g_checksum_new(G_CHECKSUM_SHA256);
    const char *parts[] = {g->title.s, g->from.s, g->to.s, g->prepared_for.s, ps->step->title.s};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const char *s = parts[i] ? parts[i] : "";
        g_checksum_update(h, (const guchar *)s, (gssize)strlen(s) + 1); /* with the NUL */
    }
    char num[32];
    snprintf(num, sizeof num, "%zu", ps->index + 1);
    g_checksum_update(h, (const guchar *)num, (gssize)strlen(num));
    gp_buf uid = {0};
    gp_buf_printf(&uid, "%.32s@guidepress", g_checksum_get_string(h));
    g_checksum_free(h);
    return uid.data;
}

int gpmod_plan_ics(const gp_guide *g, const gp_plan *p, long long date, char **out, size_t *len,
                   gp_diags *diags)
{
    *out = NULL;
    *len = 0;
    icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
    if (!cal)
        goto nomem;
    icalcomponent_add_property(cal, icalproperty_new_prodid("-//guidepress//guidepress "
                                                            "0.1.0//EN"));
    icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
    icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    if (g->title.s) { /* the calendar's name in Apple Calendar and Thunderbird */
        icalproperty *name = icalproperty_new_x(g->title.s);
        icalproperty_set_x_name(name, "X-WR-CALNAME");
        icalcomponent_add_property(cal, name);
    }
    struct icaltimetype stamp =
        icaltime_from_timet_with_zone((time_t)date, 0, icaltimezone_get_utc_timezone());
    for (size_t i = 0; i < p->n_steps; i++) {
        const gp_plan_step *ps = &p->steps[i];
        icalcomponent *c =
            icalcomponent_new(ps->dated ? ICAL_VEVENT_COMPONENT : ICAL_VTODO_COMPONENT);
        char *uid = step_uid(g, ps);
        if (!c || !uid) {
            gp_free(uid);
            if (c)
                icalcomponent_free(c);
            goto nomem;
        }
        icalcomponent_add_property(c, icalproperty_new_uid(uid));
        gp_free(uid);
        icalcomponent_add_property(c, icalproperty_new_dtstamp(stamp));
        if (ps->dated) {
            icalcomponent_add_property(c, icalproperty_new_dtstart(ical_date(ps->start)));
            icalcomponent_add_property(
                c, icalproperty_new_dtend(ical_date(gp_ymd_add_days(ps->end, 1))));
            icalcomponent_add_property(c, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
        } else {
            icalcomponent_add_property(c, icalproperty_new_status(ICAL_STATUS_NEEDSACTION));
        }
        gp_buf sum = {0};
        gp_buf_printf(&sum, "%zu. %s", ps->index + 1, ps->step->title.s ? ps->step->title.s : "");
        gp_buf desc = {0};
        if (ps->step->when.s)
            gp_buf_printf(&desc, "%s%s%s%s\n\n", ps->step->when.s, ps->label ? " (" : "",
                          ps->label ? ps->label : "", ps->label ? ")" : "");
        if (ps->step->detail.source)
            gp_buf_puts(&desc, ps->step->detail.source);
        if (sum.failed || desc.failed || !sum.data) {
            gp_buf_free(&sum);
            gp_buf_free(&desc);
            icalcomponent_free(c);
            goto nomem;
        }
        icalcomponent_add_property(c, icalproperty_new_summary(sum.data));
        if (desc.data)
            icalcomponent_add_property(c, icalproperty_new_description(desc.data));
        gp_buf_free(&sum);
        gp_buf_free(&desc);
        icalcomponent_add_property(c, icalproperty_new_sequence(0));
        icalcomponent_add_component(cal, c);
    }
    char *s = icalcomponent_as_ical_string_r(cal); /* malloc'ed by libical */
    icalcomponent_free(cal);
    cal = NULL;
    if (!s)
        goto nomem;
    *out = s;
    *len = strlen(s);
    return 0;
nomem:
    if (cal)
        icalcomponent_free(cal);
    gp_diags_add(diags, GP_ERR_NOMEM, GP_SEV_ERROR, NULL, 0, 0, NULL, NULL,
                 "cannot make the calendar file: %s",
                 icalerrno ? icalerror_strerror(icalerrno) : "out of memory");
    return -1;
}
