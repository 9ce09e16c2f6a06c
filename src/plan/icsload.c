/* plan/icsload.c - gp_plan_ics() runs ics.c from the module
 * guidepress-ics.so, so libical is loaded only when a calendar is written. */
#include "plan/plan.h"

#include "modules/api.h"

int gp_plan_ics(const gp_guide *g, const gp_plan *p, long long date, char **out, size_t *len,
                gp_diags *diags)
{
    gpmod_plan_ics_fn *fn;
    *out = NULL;
    if (gp_module_fn_diag("ics", "gpmod_plan_ics", &fn, diags))
        return -1;
    return fn(g, p, date, out, len, diags);
}
