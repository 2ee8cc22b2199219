/* jd-date-format.c: dates and times as people here write them:
 * 31.12.2026, 18:05
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-date-format"

#include "config.h"

#include "jd-date-format.h"
#include "jd-validate.h"

char *
jd_date_format_day (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  return g_date_time_format (when, "%d.%m.%Y");
}

char *
jd_date_format_day_time (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  return g_date_time_format (when, "%d.%m.%Y %H:%M");
}

char *
jd_date_format_time (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  return g_date_time_format (when, "%H:%M");
}

char *
jd_date_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

char *
jd_date_format_iso (const char *iso)
{
  GDate date;

  if (!jd_date_parse (iso, &date))
    return g_strdup (iso ? iso : "");
  return jd_date_format_date (&date);
}
