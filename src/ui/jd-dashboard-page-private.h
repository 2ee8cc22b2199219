/* jd-dashboard-page-private.h: what the dashboard's page, tiles and
 * charts share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-chart.h"
#include "jd-dashboard-page.h"
#include "jd-stats.h"

G_BEGIN_DECLS

/* A longer period shows its visits by month: a year of days is a
 * texture, not bars. */
#define MAX_DAYS_AS_DAYS 92

typedef enum
{
  TILE_VISITS,
  TILE_UNIQUE,
  TILE_REGISTRATIONS,
  TILE_CONSULTATIONS,
  TILE_NEET,
  TILE_PLACED,
  TILE_REFERRALS,
  TILE_EVENTS,
  TILE_OVERDUE,
  N_TILES
} TileId;

/* Where a tile leads: the window's section with the matching list. */
static const struct
{
  const char *name;
  const char *title;
  const char *section;
} tile_info[N_TILES] = {
  { "visits", N_("Visits"), "visitors" },
  { "unique", N_("Unique visitors"), "visitors" },
  { "registrations", N_("New registrations"), "visitors" },
  { "consultations", N_("Consultations"), "consultations" },
  { "neet", N_("NEET visitors"), "visitors" },
  { "placed", N_("NEET placed in jobs"), "consultations" },
  { "referrals", N_("Referrals"), "consultations" },
  { "events", N_("Events held"), "events" },
  { "overdue", N_("Follow-ups overdue"), "consultations" },
};

typedef struct
{
  GtkWidget *child;    /* the GtkFlowBoxChild, a card */
  GtkLabel  *value;
  GtkLabel  *caption;
  GtkLabel  *detail;
  GtkLabel  *change;
} Tile;

typedef enum
{
  CHART_VISITS,
  CHART_SERVICES,
  CHART_REFERRALS,
  CHART_AGES,
  CHART_DISTRICTS,
  CHART_HOURS,
  N_CHARTS
} ChartId;

static const char * const chart_names[N_CHARTS] = {
  "visits", "services", "referrals", "ages", "districts", "hours",
};

typedef struct
{
  GtkWidget         *card;
  GtkLabel          *title;
  JdChart           *chart;
  GtkScrolledWindow *table;
} ChartCard;

/* How the visits chart splits the period. */
typedef enum
{
  VISITS_BY_HOUR,
  VISITS_BY_DAY,
  VISITS_BY_MONTH,
} VisitsUnit;

struct _JdDashboardPage
{
  AdwBin             parent_instance;

  /* template children */
  GtkStack          *stack;
  GtkDropDown       *period_dropdown;
  GtkWidget         *previous_button;
  GtkWidget         *next_button;
  GtkLabel          *period_label;
  GtkSpinner        *spinner;
  GtkWidget         *custom_box;
  GtkEditable       *from_entry;
  GtkEditable       *to_entry;
  GtkLabel          *error_label;
  GtkFlowBox        *tiles;
  GtkBox            *charts_box;

  /* borrowed */
  JdStore           *store;

  /* owned */
  GCancellable      *cancellable;
  JdStats           *now;
  JdStats           *before;
  GPtrArray         *districts;      /* JdDistrict, for names */
  char              *compared_with;  /* the period before, for people */

  Tile               tile[N_TILES];
  ChartCard          charts[N_CHARTS];

  guint              pending;
  JdDashboardPeriod  period;         /* the one shown, to start a custom range from */
  GDate              anchor;         /* a day inside the period shown */
  GDate              custom_from;    /* custom range, both days included */
  GDate              custom_to;
  GDate              visits_start;   /* the first day of the visits chart */
  VisitsUnit         visits_unit;
  gboolean           keep_anchor;    /* a drill-down chose the day, not "this" */
  gboolean           filling;        /* the range entries are set from code */
};

enum
{
  OPEN_VISITORS,
  OPEN_CONSULTATIONS,
  N_SIGNALS
};

extern guint jd_dashboard_page_signals[N_SIGNALS];

typedef enum
{
  LIST_CONSULTATIONS,
  LIST_REFERRALS,
  LIST_PLACED,
  LIST_OVERDUE,
} ConsultationList;


/* jd-dashboard-page.c: days */
void        jd_dashboard_today              (JdDb             *db,
                                             GDate            *day);
char       *jd_dashboard_display_range      (const GDate      *start,
                                             const GDate      *end);
GDateTime  *jd_dashboard_noon_of            (JdDb             *db,
                                             const GDate      *day);

/* jd-dashboard-tiles.c */
const char *jd_dashboard_service_label      (const char       *code);
const char *jd_dashboard_referral_label     (const char       *code);
const char *jd_dashboard_district_label     (JdDashboardPage  *self,
                                             const char       *code);
void        jd_dashboard_tiles_make         (JdDashboardPage  *self);
void        jd_dashboard_tiles_show         (JdDashboardPage  *self);
void        jd_dashboard_tile_activated_cb  (JdDashboardPage  *self,
                                             GtkFlowBoxChild  *child);
void        jd_dashboard_open_visitors      (JdDashboardPage  *self,
                                             int               band,
                                             const char       *district,
                                             gboolean          neet);
void        jd_dashboard_open_consultations (JdDashboardPage  *self,
                                             ConsultationList  list,
                                             const char       *service,
                                             const char       *referral);

/* jd-dashboard-charts.c */
void        jd_dashboard_charts_make        (JdDashboardPage  *self);
void        jd_dashboard_charts_show        (JdDashboardPage  *self);

G_END_DECLS
