/* jd-dashboard-page.h: the centre's figures for a period at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-chart.h"
#include "jd-store.h"

G_BEGIN_DECLS

typedef enum
{
  JD_DASHBOARD_TODAY,
  JD_DASHBOARD_WEEK,
  JD_DASHBOARD_MONTH,
  JD_DASHBOARD_QUARTER,
  JD_DASHBOARD_YEAR,
  JD_DASHBOARD_CUSTOM,     /* the two days typed in */
} JdDashboardPeriod;

#define JD_TYPE_DASHBOARD_PAGE (jd_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (JdDashboardPage, jd_dashboard_page, JD, DASHBOARD_PAGE, AdwBin)

/* Computes again (when shown, and after someone signs in). */
void        jd_dashboard_page_refresh    (JdDashboardPage   *self);
void        jd_dashboard_page_set_period (JdDashboardPage   *self,
                                          JdDashboardPeriod  period);
gboolean    jd_dashboard_page_is_busy    (JdDashboardPage   *self);
/* What a tile shows, for tests: its value, the change against the
 * period before ("↑ 50 %", "new", …) and the line under the label;
 * NULL for a tile not shown. Names: "visits", "unique",
 * "registrations", "consultations", "neet", "placed", "referrals",
 * "events", "overdue". */
const char *jd_dashboard_page_get_tile        (JdDashboardPage *self,
                                               const char      *name);
const char *jd_dashboard_page_get_tile_change (JdDashboardPage *self,
                                               const char      *name);
const char *jd_dashboard_page_get_tile_detail (JdDashboardPage *self,
                                               const char      *name);
/* A chart by name ("visits", "services", "referrals", "ages",
 * "districts", "hours"), for tests. */
JdChart    *jd_dashboard_page_get_chart       (JdDashboardPage *self,
                                               const char      *name);

G_END_DECLS
