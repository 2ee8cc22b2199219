/* jd-event-private.h: the rule that makes an event check-in a visit,
 * shared with the demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

/* The person's visit of the day [@day_start, @day_end): their first
 * visit that day, or a new one at @time_in (by @staff_id, 0 for nobody,
 * at @centre_code); either way it gets the purpose "event". Call inside
 * a transaction. Returns the visit's id, 0 on error. */
gint64 jd_event_visit_for_day (JdDb        *db,
                               gint64       visitor_id,
                               gint64       day_start,
                               gint64       day_end,
                               gint64       time_in,
                               gint64       staff_id,
                               const char  *centre_code,
                               gint64       now,
                               GError     **error);

G_END_DECLS
