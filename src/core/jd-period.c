/* jd-period.c: days, weeks, months, quarters and years on the centre's
 * calendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-period"

#include "config.h"

#include "jd-period.h"

void
jd_period_day_of (GDateTime *when,
                  GDate     *day)
{
  g_return_if_fail (when != NULL && day != NULL);

  g_date_clear (day, 1);
  g_date_set_dmy (day, (GDateDay) g_date_time_get_day_of_month (when),
                  (GDateMonth) g_date_time_get_month (when), (GDateYear) g_date_time_get_year (when));
}

void
jd_period_bounds (JdPeriod     period,
                  const GDate *day,
                  GDate       *first,
                  GDate       *end)
{
  g_return_if_fail (day != NULL && g_date_valid (day));
  g_return_if_fail (first != NULL && end != NULL);

  *first = *day;
  switch (period)
    {
    case JD_PERIOD_DAY:
      *end = *first;
      g_date_add_days (end, 1);
      break;
    case JD_PERIOD_WEEK:
      /* Weeks start on Monday here. */
      g_date_subtract_days (first, g_date_get_weekday (first) - 1);
      *end = *first;
      g_date_add_days (end, 7);
      break;
    case JD_PERIOD_QUARTER:
      g_date_set_day (first, 1);
      g_date_set_month (first, (GDateMonth) (((g_date_get_month (first) - 1) / 3) * 3 + 1));
      *end = *first;
      g_date_add_months (end, 3);
      break;
    case JD_PERIOD_YEAR:
      g_date_set_dmy (first, 1, G_DATE_JANUARY, g_date_get_year (first));
      *end = *first;
      g_date_add_years (end, 1);
      break;
    case JD_PERIOD_MONTH:
    default:
      g_date_set_day (first, 1);
      *end = *first;
      g_date_add_months (end, 1);
      break;
    }
}

void
jd_period_step (JdPeriod  period,
                GDate    *day,
                int       steps)
{
  guint n = (guint) ABS (steps);

  g_return_if_fail (day != NULL && g_date_valid (day));

  switch (period)
    {
    case JD_PERIOD_DAY:
      steps > 0 ? g_date_add_days (day, n) : g_date_subtract_days (day, n);
      break;
    case JD_PERIOD_WEEK:
      steps > 0 ? g_date_add_days (day, 7 * n) : g_date_subtract_days (day, 7 * n);
      break;
    case JD_PERIOD_QUARTER:
      steps > 0 ? g_date_add_months (day, 3 * n) : g_date_subtract_months (day, 3 * n);
      break;
    case JD_PERIOD_YEAR:
      steps > 0 ? g_date_add_years (day, n) : g_date_subtract_years (day, n);
      break;
    case JD_PERIOD_MONTH:
    default:
      steps > 0 ? g_date_add_months (day, n) : g_date_subtract_months (day, n);
      break;
    }
}

GDateTime *
jd_period_start (JdPeriod   period,
                 GDateTime *when)
{
  GDate day, first, end;

  g_return_val_if_fail (when != NULL, NULL);

  jd_period_day_of (when, &day);
  jd_period_bounds (period, &day, &first, &end);
  return g_date_time_new (g_date_time_get_timezone (when), g_date_get_year (&first),
                          g_date_get_month (&first), g_date_get_day (&first), 0, 0, 0);
}
