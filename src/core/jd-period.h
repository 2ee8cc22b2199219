/* jd-period.h: days, weeks, months, quarters and years on the centre's
 * calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JD_PERIOD_DAY,
  JD_PERIOD_WEEK,      /* Monday to Sunday */
  JD_PERIOD_MONTH,
  JD_PERIOD_QUARTER,
  JD_PERIOD_YEAR,
} JdPeriod;

/* The calendar day of @when in its own time zone: pass a time in the
 * centre's zone (jd_db_now_local()) to get the centre's day. */
void        jd_period_day_of  (GDateTime   *when,
                               GDate       *day);
/* The @period around @day: [@first, @end), @end the day after the last. */
void        jd_period_bounds  (JdPeriod     period,
                               const GDate *day,
                               GDate       *first,
                               GDate       *end);
/* Moves @day by @steps periods, back when negative. A month from
 * 31 January is the last day of February. */
void        jd_period_step    (JdPeriod     period,
                               GDate       *day,
                               int          steps);
/* Midnight at the start of the @period around @when, in @when's zone. */
GDateTime  *jd_period_start   (JdPeriod     period,
                               GDateTime   *when);

G_END_DECLS
