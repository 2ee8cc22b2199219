/* jd-dashboard-page.c: the centre's figures for a period at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The period and the one before it are computed at once, each on its
 * own read connection in a worker thread (jd_stats_compute_async), so
 * the window never waits; a newer request cancels the older one. Tiles
 * compare with the period before and open the section with the matching
 * list; charts carry their numbers in tooltips and as a table.
 *
 * Tiles and chart cards are made once and filled in again for each
 * period, so that a chart shown as a table stays a table and keyboard
 * focus stays where it was.
 */
#define G_LOG_DOMAIN "jd-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jd-chart.h"
#include "jd-consultation.h"
#include "jd-dashboard-page.h"
#include "jd-district.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-validate.h"
#include "jd-visitor-list.h"

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
  JdDb              *db;

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

G_DEFINE_FINAL_TYPE (JdDashboardPage, jd_dashboard_page, ADW_TYPE_BIN)

/* Days. */

/* The centre's today, not the machine's. */
static void
today (JdDb  *db,
       GDate *day)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  g_date_clear (day, 1);
  g_date_set_dmy (day, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

static char *
display_day (const GDate *day)
{
  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (day), g_date_get_month (day),
                          g_date_get_year (day));
}

/* "01.11.2026 – 30.11.2026" for [@start, @end), one day alone. */
static char *
display_range (const GDate *start,
               const GDate *end)
{
  GDate last = *end;
  g_autofree char *first_text = display_day (start);
  g_autofree char *last_text = NULL;

  g_date_subtract_days (&last, 1);
  if (g_date_compare (start, &last) >= 0)
    return g_steal_pointer (&first_text);
  last_text = display_day (&last);
  return g_strdup_printf ("%s – %s", first_text, last_text);
}

static GDateTime *
noon_of (JdDb        *db,
         const GDate *day)
{
  return g_date_time_new (jd_db_get_time_zone (db), g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), 12, 0, 0);
}

/* The period @period around the anchor: [start, end). */
static void
bounds_of (JdDashboardPage   *self,
           JdDashboardPeriod  period,
           GDate             *start,
           GDate             *end)
{
  *start = self->anchor;

  switch (period)
    {
    case JD_DASHBOARD_TODAY:
      *end = *start;
      g_date_add_days (end, 1);
      break;
    case JD_DASHBOARD_WEEK:
      g_date_subtract_days (start, g_date_get_weekday (start) - 1);   /* Monday */
      *end = *start;
      g_date_add_days (end, 7);
      break;
    case JD_DASHBOARD_QUARTER:
      g_date_set_day (start, 1);
      g_date_set_month (start, (GDateMonth) (((g_date_get_month (start) - 1) / 3) * 3 + 1));
      *end = *start;
      g_date_add_months (end, 3);
      break;
    case JD_DASHBOARD_YEAR:
      g_date_set_dmy (start, 1, G_DATE_JANUARY, g_date_get_year (start));
      *end = *start;
      g_date_add_years (end, 1);
      break;
    case JD_DASHBOARD_CUSTOM:
      *start = self->custom_from;
      *end = self->custom_to;
      g_date_add_days (end, 1);
      break;
    case JD_DASHBOARD_MONTH:
    default:
      g_date_set_day (start, 1);
      *end = *start;
      g_date_add_months (end, 1);
      break;
    }
}

/* Tiles. */

static char *
format_count (guint value)
{
  return g_strdup_printf ("%'u", value);
}

/* "↑ 12 %", "↓ 3 %", "new" or "—"; @good_up: is more better? */
static void
set_change (GtkLabel *label,
            double    now,
            double    before,
            gboolean  good_up)
{
  g_autofree char *text = NULL;
  gboolean up = now > before;

  gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  if (before <= 0)
    /* Translators: a figure that was nothing in the period before. */
    text = g_strdup (now > 0 ? _("new") : "—");
  else if (now == before)
    text = g_strdup ("=");
  else
    {
      text = g_strdup_printf ("%s %'.0f %%", up ? "↑" : "↓", fabs (now - before) / before * 100);
      gtk_widget_add_css_class (GTK_WIDGET (label), up == good_up ? "success" : "error");
    }
  gtk_label_set_label (label, text);
}

static void
fill_tile (JdDashboardPage *self,
           TileId           id,
           guint            now,
           guint            before,
           gboolean         good_up,
           const char      *detail)
{
  Tile *tile = &self->tile[id];
  g_autofree char *value = format_count (now);

  gtk_label_set_label (tile->value, value);
  gtk_label_set_label (tile->detail, detail);
  gtk_widget_set_tooltip_text (GTK_WIDGET (tile->detail), detail);
  gtk_widget_set_visible (GTK_WIDGET (tile->detail), detail != NULL && *detail != '\0');
  set_change (tile->change, now, before, good_up);
  gtk_widget_set_tooltip_text (GTK_WIDGET (tile->change), self->compared_with);
  gtk_widget_set_visible (tile->child, TRUE);
}

static const char *
service_label (const char *code)
{
  guint n;
  const JdChoice *services = jd_consultation_services (&n);

  return jd_choice_label (services, n, code);
}

static const char *
referral_label (const char *code)
{
  guint n;
  const JdChoice *targets = jd_referral_targets (&n);

  return jd_choice_label (targets, n, code);
}

static const char *
district_label (JdDashboardPage *self,
                const char      *code)
{
  for (guint i = 0; self->districts != NULL && i < self->districts->len; i++)
    {
      JdDistrict *district = self->districts->pdata[i];

      if (g_strcmp0 (district->code, code) == 0)
        return jd_district_get_name (district);
    }
  return code && *code ? code : _("Not given");
}

/* "Employment 168 · Career guidance 113": the first few of @counts. */
static char *
top_counts (GPtrArray   *counts,
            const char *(*label) (const char *code),
            guint        n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; counts != NULL && i < counts->len && i < n; i++)
    {
      JdStatsCount *count = counts->pdata[i];
      g_autofree char *number = format_count (count->count);

      g_string_append_printf (text, "%s%s %s", i ? " · " : "", label (count->code), number);
    }
  return g_string_free (text, FALSE);
}

static void
show_tiles (JdDashboardPage *self)
{
  JdStats *now = self->now, *before = self->before;
  g_autofree char *services = top_counts (now->consultations_by_service, service_label, 3);
  g_autofree char *targets = top_counts (now->referrals_by_target, referral_label, 2);
  g_autofree char *share = g_strdup_printf (_("%.0f %% of unique visitors"), now->neet_share * 100);

  fill_tile (self, TILE_VISITS, now->visits, before->visits, TRUE, NULL);
  fill_tile (self, TILE_UNIQUE, now->unique_visitors, before->unique_visitors, TRUE, NULL);
  fill_tile (self, TILE_REGISTRATIONS, now->new_registrations, before->new_registrations, TRUE, NULL);
  fill_tile (self, TILE_CONSULTATIONS, now->consultations, before->consultations, TRUE, services);
  fill_tile (self, TILE_NEET, now->neet_visitors, before->neet_visitors, TRUE, share);
  fill_tile (self, TILE_PLACED, now->neet_placed, before->neet_placed, TRUE, NULL);
  fill_tile (self, TILE_REFERRALS, now->referrals, before->referrals, TRUE, targets);

  /* Centres without events do not need a tile saying so. */
  if (now->events > 0 || before->events > 0)
    {
      g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant (%u people)",
                                                              "%u participants (%u people)",
                                                              now->participants),
                                                 now->participants, now->participants_unique);

      fill_tile (self, TILE_EVENTS, now->events, before->events, TRUE, people);
    }
  else
    gtk_widget_set_visible (self->tile[TILE_EVENTS].child, FALSE);

  /* Overdue follow-ups are counted as of today whatever the period
   * (jd-stats.h), so there is nothing to compare: the previous period
   * does not count them (JD_STATS_PERIOD_ONLY). */
  fill_tile (self, TILE_OVERDUE, now->follow_ups_overdue, now->follow_ups_overdue, FALSE,
             _("As of today"));
  gtk_label_set_label (self->tile[TILE_OVERDUE].change, NULL);
}

/* Opening the lists behind the figures. */

enum
{
  OPEN_VISITORS,
  OPEN_CONSULTATIONS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct { int min, max; } band_ages[JD_STATS_N_AGE_BANDS] = {
  { 14, 17 }, { 18, 24 }, { 25, 29 }, { 30, 35 },
};

static gint64
day_start_unix (JdDb       *db,
                const char *iso)
{
  GDate day;
  g_autoptr(GDateTime) start = NULL;

  if (!jd_date_parse (iso, &day))
    return 0;
  start = g_date_time_new (jd_db_get_time_zone (db), g_date_get_year (&day), g_date_get_month (&day),
                           g_date_get_day (&day), 0, 0, 0);
  return g_date_time_to_unix (start);
}

/* The period shown, as "01.11.2026 – 30.11.2026". */
static char *
shown_range (JdDashboardPage *self)
{
  GDate from, to;

  jd_date_parse (self->now->from_day, &from);
  jd_date_parse (self->now->to_day, &to);
  return display_range (&from, &to);
}

/* People who came in the period shown (and, by @band, @district or
 * @neet, as recorded at such a visit). */
static void
open_visitors (JdDashboardPage *self,
               int              band,
               const char      *district,
               gboolean         neet)
{
  g_autofree char *range = shown_range (self);
  GString *description = g_string_new (NULL);
  JdVisitorFilter filter = { 0 };

  filter.visited_from = day_start_unix (self->db, self->now->from_day);
  filter.visited_to = day_start_unix (self->db, self->now->to_day);
  /* Translators: a list opened from the dashboard; %s is a period. */
  g_string_printf (description, _("Came %s"), range);
  if (neet)
    {
      filter.visit_neet = TRUE;
      g_string_append (description, " · ");
      g_string_append (description, _("NEET at the visit"));
    }
  if (band >= 0 && band < JD_STATS_N_AGE_BANDS)
    {
      filter.visit_age_min = band_ages[band].min;
      filter.visit_age_max = band_ages[band].max;
      g_string_append (description, " · ");
      /* Translators: %s is an age group, e.g. "18–24". */
      g_string_append_printf (description, _("Aged %s at the visit"), jd_stats_age_band_label (band));
    }
  if (district != NULL)
    {
      filter.visit_district_code = (char *) district;
      g_string_append (description, " · ");
      g_string_append (description, district_label (self, district));
    }
  g_signal_emit (self, signals[OPEN_VISITORS], 0, &filter, description->str);
  g_string_free (description, TRUE);
}

static void
open_registrations (JdDashboardPage *self)
{
  g_autofree char *range = shown_range (self);
  g_autofree char *description = NULL;
  JdVisitorFilter filter = { 0 };

  filter.registered_from = day_start_unix (self->db, self->now->from_day);
  filter.registered_to = day_start_unix (self->db, self->now->to_day);
  /* Translators: a list opened from the dashboard; %s is a period. */
  description = g_strdup_printf (_("Registered %s"), range);
  g_signal_emit (self, signals[OPEN_VISITORS], 0, &filter, description);
}

typedef enum
{
  LIST_CONSULTATIONS,
  LIST_REFERRALS,
  LIST_PLACED,
  LIST_OVERDUE,
} ConsultationList;

static void
open_consultations (JdDashboardPage  *self,
                    ConsultationList  list,
                    const char       *service,
                    const char       *referral)
{
  g_autofree char *range = shown_range (self);
  g_autofree char *yesterday = NULL;
  GString *description = g_string_new (NULL);
  JdConsultationFilter filter = { 0 };

  switch (list)
    {
    case LIST_CONSULTATIONS:
    case LIST_REFERRALS:
      filter.from = day_start_unix (self->db, self->now->from_day);
      filter.to = day_start_unix (self->db, self->now->to_day);
      if (list == LIST_REFERRALS)
        {
          filter.referral = referral != NULL ? referral : "*";
          /* Translators: a list opened from the dashboard; %s is a period. */
          g_string_printf (description, _("Referrals %s"), range);
          if (referral != NULL)
            g_string_append_printf (description, " · %s", referral_label (referral));
        }
      else
        {
          filter.service = service;
          /* Translators: a list opened from the dashboard; %s is a period. */
          g_string_printf (description, _("Consultations %s"), range);
          if (service != NULL)
            g_string_append_printf (description, " · %s", service_label (service));
        }
      break;
    case LIST_PLACED:
      filter.placed_from = self->now->from_day;
      filter.placed_to = self->now->to_day;
      /* Translators: a list opened from the dashboard; %s is a period. */
      g_string_printf (description, _("NEET young people placed in jobs, starting %s"), range);
      break;
    case LIST_OVERDUE:
      {
        GDate day;

        today (self->db, &day);
        g_date_subtract_days (&day, 1);
        yesterday = jd_date_to_iso (&day);
        filter.follow_up_due = yesterday;
        g_string_assign (description, _("Follow-ups overdue as of today"));
      }
      break;
    }
  g_signal_emit (self, signals[OPEN_CONSULTATIONS], 0, &filter, description->str);
  g_string_free (description, TRUE);
}

static void
tile_activated_cb (JdDashboardPage *self,
                   GtkFlowBoxChild *child)
{
  TileId id = N_TILES;

  for (guint i = 0; i < N_TILES; i++)
    if (self->tile[i].child == GTK_WIDGET (child))
      id = i;
  if (id == N_TILES || self->now == NULL)
    return;

  switch (id)
    {
    case TILE_VISITS:
    case TILE_UNIQUE:
      open_visitors (self, -1, NULL, FALSE);
      break;
    case TILE_NEET:
      open_visitors (self, -1, NULL, TRUE);
      break;
    case TILE_REGISTRATIONS:
      open_registrations (self);
      break;
    case TILE_CONSULTATIONS:
      open_consultations (self, LIST_CONSULTATIONS, NULL, NULL);
      break;
    case TILE_REFERRALS:
      open_consultations (self, LIST_REFERRALS, NULL, NULL);
      break;
    case TILE_PLACED:
      open_consultations (self, LIST_PLACED, NULL, NULL);
      break;
    case TILE_OVERDUE:
      open_consultations (self, LIST_OVERDUE, NULL, NULL);
      break;
    case TILE_EVENTS:
    case N_TILES:
    default:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.section", "s", tile_info[id].section);
      break;
    }
}

static const char *
open_section_tooltip (const char *section)
{
  if (g_str_equal (section, "visitors"))
    return _("Open Visitors");
  if (g_str_equal (section, "consultations"))
    return _("Open Consultations");
  return _("Open Events");
}

static void
make_tiles (JdDashboardPage *self)
{
  for (guint i = 0; i < N_TILES; i++)
    {
      Tile *tile = &self->tile[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *name = g_strconcat ("tile-", tile_info[i].name, NULL);

      tile->child = gtk_flow_box_child_new ();
      gtk_widget_set_name (tile->child, name);
      gtk_widget_add_css_class (tile->child, "card");
      gtk_widget_add_css_class (tile->child, "activatable");
      gtk_widget_add_css_class (tile->child, "dashboard-tile");
      gtk_widget_set_tooltip_text (tile->child, open_section_tooltip (tile_info[i].section));
      gtk_widget_set_visible (tile->child, FALSE);

      tile->value = GTK_LABEL (gtk_label_new (NULL));
      gtk_widget_add_css_class (GTK_WIDGET (tile->value), "title-1");
      gtk_widget_add_css_class (GTK_WIDGET (tile->value), "numeric");
      gtk_label_set_xalign (tile->value, 0);
      gtk_label_set_ellipsize (tile->value, PANGO_ELLIPSIZE_END);

      tile->caption = GTK_LABEL (gtk_label_new (_(tile_info[i].title)));
      gtk_label_set_xalign (tile->caption, 0);
      gtk_label_set_wrap (tile->caption, TRUE);
      gtk_label_set_wrap_mode (tile->caption, PANGO_WRAP_WORD_CHAR);
      /* A wrapping label asks for its whole text on one line unless
       * told otherwise: that would leave two tiles to a row. */
      gtk_label_set_max_width_chars (tile->caption, 16);

      tile->detail = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (tile->detail, 0);
      gtk_label_set_wrap (tile->detail, TRUE);
      gtk_label_set_wrap_mode (tile->detail, PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (tile->detail, 20);
      /* Two lines at most, the whole of it in the tooltip: one long
       * breakdown would make every row of tiles tall. */
      gtk_label_set_lines (tile->detail, 2);
      gtk_label_set_ellipsize (tile->detail, PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (GTK_WIDGET (tile->detail), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (tile->detail), "caption");

      tile->change = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (tile->change, 0);
      gtk_widget_add_css_class (GTK_WIDGET (tile->change), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (tile->change), "numeric");

      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->value));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->caption));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->detail));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (tile->change));
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (tile->child), box);
      /* A screen reader says what the tile counts and how many. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (tile->child),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      tile->caption, tile->value, NULL,
                                      -1);
      gtk_flow_box_append (self->tiles, tile->child);
    }
}

/* Charts. */

static void
table_toggled_cb (GtkToggleButton *button,
                  GtkStack        *stack)
{
  gtk_stack_set_visible_child_name (stack, gtk_toggle_button_get_active (button) ? "table" : "chart");
}

static void
make_chart (JdDashboardPage *self,
            ChartId          id,
            JdChartKind      kind,
            const char      *title)
{
  ChartCard *card = &self->charts[id];
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *toggle = gtk_toggle_button_new ();
  GtkWidget *toggle_label = gtk_label_new_with_mnemonic (_("Show as _Table"));
  GtkWidget *stack = gtk_stack_new ();

  card->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  card->title = GTK_LABEL (gtk_label_new (title));
  card->chart = JD_CHART (jd_chart_new (kind));
  card->table = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());

  gtk_widget_set_name (card->card, chart_names[id]);
  gtk_widget_add_css_class (card->card, "card");
  gtk_widget_add_css_class (card->card, "dashboard-chart");
  gtk_widget_set_valign (card->card, GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (card->title), "heading");
  gtk_label_set_xalign (card->title, 0);
  gtk_label_set_wrap (card->title, TRUE);
  /* Asked for in full on one line, a title beside a long toggle would
   * keep two cards from sharing a row. */
  gtk_label_set_max_width_chars (card->title, 20);
  gtk_widget_set_hexpand (GTK_WIDGET (card->title), TRUE);
  /* The label may take two lines: in Kazakh it is wider than a narrow
   * window leaves beside the title. */
  gtk_label_set_wrap (GTK_LABEL (toggle_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (toggle_label), GTK_JUSTIFY_CENTER);
  gtk_label_set_mnemonic_widget (GTK_LABEL (toggle_label), toggle);
  gtk_button_set_child (GTK_BUTTON (toggle), toggle_label);
  gtk_widget_add_css_class (toggle, "flat");
  gtk_widget_set_valign (toggle, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (card->title));
  gtk_box_append (GTK_BOX (header), toggle);

  /* Each view takes its own height: a 30-row table must not stretch
   * the chart. */
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_scrolled_window_set_policy (card->table, GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (card->table, TRUE);
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (card->chart), "chart");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (card->table), "table");
  g_signal_connect (toggle, "toggled", G_CALLBACK (table_toggled_cb), stack);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  gtk_box_append (GTK_BOX (card->card), header);
  gtk_box_append (GTK_BOX (card->card), stack);
}

static void
set_chart_title (ChartCard  *card,
                 const char *title)
{
  gtk_label_set_label (card->title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card->chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* The chart's numbers changed: so does its table. */
static void
update_table (ChartCard *card)
{
  gtk_scrolled_window_set_child (card->table, jd_chart_create_table (card->chart));
}

static void
show_visits_chart (JdDashboardPage *self)
{
  JdStats *now = self->now;
  ChartCard *card = &self->charts[CHART_VISITS];
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) long_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (double));
  g_autoptr(GArray) weekend = g_array_new (FALSE, TRUE, sizeof (gboolean));
  GDate day;

  g_date_clear (&day, 1);
  if (!jd_date_parse (now->from_day, &day))
    return;
  self->visits_start = day;

  if (now->n_days == 1)
    {
      /* One day: when people came, hour by hour. */
      guint weekday = g_date_get_weekday (&day) - 1;

      self->visits_unit = VISITS_BY_HOUR;
      for (guint h = 0; h < 24; h++)
        {
          double v = now->busy_hours[weekday][h];

          g_ptr_array_add (labels, g_strdup_printf ("%02u", h));
          g_ptr_array_add (long_labels, g_strdup_printf ("%02u:00–%02u:00", h, (h + 1) % 24));
          g_array_append_val (values, v);
        }
      set_chart_title (card, _("Visits by Hour"));
      jd_chart_set_headings (card->chart, _("Hour"), _("Visits"));
    }
  else if (now->n_days <= MAX_DAYS_AS_DAYS)
    {
      self->visits_unit = VISITS_BY_DAY;
      for (guint i = 0; i < now->n_days; i++, g_date_add_days (&day, 1))
        {
          g_autoptr(GDateTime) noon = noon_of (self->db, &day);
          double v = now->visits_per_day[i];
          gboolean marked = g_date_get_weekday (&day) >= G_DATE_SATURDAY;

          g_ptr_array_add (labels, g_strdup_printf ("%02u.%02u", g_date_get_day (&day), g_date_get_month (&day)));
          g_ptr_array_add (long_labels, g_date_time_format (noon, "%a %d.%m.%Y"));
          g_array_append_val (values, v);
          g_array_append_val (weekend, marked);
        }
      set_chart_title (card, _("Visits per Day"));
      jd_chart_set_headings (card->chart, _("Day"), _("Visits"));
    }
  else
    {
      guint first_year = g_date_get_year (&day);
      gboolean years = FALSE;

      self->visits_unit = VISITS_BY_MONTH;
      for (guint i = 0; i < now->n_days; i++, g_date_add_days (&day, 1))
        {
          if (i == 0 || g_date_get_day (&day) == 1)
            {
              double zero = 0;

              g_array_append_val (values, zero);
              years |= g_date_get_year (&day) != first_year;
            }
          g_array_index (values, double, values->len - 1) += now->visits_per_day[i];
        }

      /* The labels once the months are known: with the year when the
       * period spans more than one. */
      day = self->visits_start;
      g_date_set_day (&day, 1);
      for (guint m = 0; m < values->len; m++, g_date_add_months (&day, 1))
        {
          g_autoptr(GDateTime) noon = noon_of (self->db, &day);

          g_ptr_array_add (labels, g_date_time_format (noon, years ? "%Ob %y" : "%Ob"));
          g_ptr_array_add (long_labels, g_date_time_format (noon, "%OB %Y"));
        }
      set_chart_title (card, _("Visits per Month"));
      jd_chart_set_headings (card->chart, _("Month"), _("Visits"));
    }

  jd_chart_set_data (card->chart, (const char * const *) labels->pdata, (double *) values->data, NULL,
                     weekend->len > 0 ? (gboolean *) weekend->data : NULL, labels->len);
  jd_chart_set_long_labels (card->chart, (const char * const *) long_labels->pdata);
  /* A day or a month opens on its own; an hour has nothing below it. */
  jd_chart_set_activatable (card->chart, self->visits_unit != VISITS_BY_HOUR);
  update_table (card);
}

/* Bars of (code, count) pairs with @label giving each code's name. */
static void
show_counts_chart (JdDashboardPage *self,
                   ChartId          id,
                   GPtrArray       *counts,
                   const char      *(*label) (JdDashboardPage *self, const char *code))
{
  ChartCard *card = &self->charts[id];
  guint n = counts != NULL ? counts->len : 0;
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  g_autofree double *values = g_new0 (double, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JdStatsCount *count = counts->pdata[i];

      labels[i] = label (self, count->code);
      values[i] = count->count;
    }
  jd_chart_set_data (card->chart, labels, values, NULL, NULL, n);
  update_table (card);
}

static const char *
service_label_cb (JdDashboardPage *self,
                  const char      *code)
{
  return service_label (code);
}

static const char *
referral_label_cb (JdDashboardPage *self,
                   const char      *code)
{
  return referral_label (code);
}

static void
show_charts (JdDashboardPage *self)
{
  JdStats *now = self->now;

  show_visits_chart (self);
  show_counts_chart (self, CHART_SERVICES, now->consultations_by_service, service_label_cb);
  show_counts_chart (self, CHART_REFERRALS, now->referrals_by_target, referral_label_cb);
  show_counts_chart (self, CHART_DISTRICTS, now->visits_by_district, district_label);

  {
    /* Every visit in a row and a column: other ages (aged out, or an
     * imported edge birth date) and a sex not recorded too. */
    const char *labels[JD_STATS_OTHER_AGES + 1];
    double female[JD_STATS_OTHER_AGES + 1], male[JD_STATS_OTHER_AGES + 1];
    double unknown[JD_STATS_OTHER_AGES + 1];
    gboolean any_unknown = FALSE;
    ChartCard *card = &self->charts[CHART_AGES];

    for (guint band = 0; band <= JD_STATS_OTHER_AGES; band++)
      {
        labels[band] = band < JD_STATS_N_AGE_BANDS ? jd_stats_age_band_label (band)
                                                   : jd_stats_other_ages_label ();
        female[band] = now->visits_by_age_sex[band][0];
        male[band] = now->visits_by_age_sex[band][1];
        unknown[band] = now->visits_by_age_sex[band][JD_STATS_SEX_UNKNOWN];
        any_unknown |= unknown[band] > 0;
      }
    jd_chart_set_data (card->chart, labels, female, male, NULL, JD_STATS_OTHER_AGES + 1);
    jd_chart_set_third (card->chart, _("Not given"), any_unknown ? unknown : NULL);
    update_table (card);
  }

  /* Busy hours by weekday, Monday first, with the locale's names; one
   * day already shows its hours in the visits chart. */
  {
    g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func (g_free);
    double values[7 * 24];
    ChartCard *card = &self->charts[CHART_HOURS];

    for (int d = 0; d < 7; d++)
      {
        /* 1 January 2024 was a Monday. */
        g_autoptr(GDateTime) day = g_date_time_new_local (2024, 1, 1 + d, 12, 0, 0);

        g_ptr_array_add (days, g_date_time_format (day, "%a"));
        for (int h = 0; h < 24; h++)
          values[d * 24 + h] = now->busy_hours[d][h];
      }
    for (int h = 0; h < 24; h++)
      g_ptr_array_add (hours, g_strdup_printf ("%02d", h));
    jd_chart_set_grid (card->chart, (const char * const *) days->pdata, (const char * const *) hours->pdata,
                       values, 7, 24);
    update_table (card);
    gtk_widget_set_visible (card->card, now->n_days > 1);
  }
}

/* A new period, from a drill-down into a day or a month. */
static void
show_period (JdDashboardPage   *self,
             JdDashboardPeriod  period,
             const GDate       *anchor)
{
  self->anchor = *anchor;
  if (gtk_drop_down_get_selected (self->period_dropdown) != (guint) period)
    {
      self->keep_anchor = TRUE;
      gtk_drop_down_set_selected (self->period_dropdown, period);
      self->keep_anchor = FALSE;
    }
  else
    jd_dashboard_page_refresh (self);
}

static void
chart_item_activated_cb (JdChart         *chart,
                         guint            index,
                         JdDashboardPage *self)
{
  if (chart == self->charts[CHART_VISITS].chart)
    {
      GDate day = self->visits_start;

      if (self->visits_unit == VISITS_BY_DAY)
        {
          g_date_add_days (&day, index);
          show_period (self, JD_DASHBOARD_TODAY, &day);
        }
      else if (self->visits_unit == VISITS_BY_MONTH)
        {
          g_date_set_day (&day, 1);
          g_date_add_months (&day, index);
          show_period (self, JD_DASHBOARD_MONTH, &day);
        }
      return;
    }

  /* The people or consultations behind the bar, in their section. */
  if (chart == self->charts[CHART_SERVICES].chart && index < self->now->consultations_by_service->len)
    open_consultations (self, LIST_CONSULTATIONS,
                        ((JdStatsCount *) self->now->consultations_by_service->pdata[index])->code, NULL);
  else if (chart == self->charts[CHART_REFERRALS].chart && index < self->now->referrals_by_target->len)
    open_consultations (self, LIST_REFERRALS, NULL,
                        ((JdStatsCount *) self->now->referrals_by_target->pdata[index])->code);
  else if (chart == self->charts[CHART_AGES].chart && index < JD_STATS_N_AGE_BANDS)
    open_visitors (self, (int) index, NULL, FALSE);
  else if (chart == self->charts[CHART_DISTRICTS].chart && index < self->now->visits_by_district->len)
    open_visitors (self, -1, ((JdStatsCount *) self->now->visits_by_district->pdata[index])->code, FALSE);
}

static GtkWidget *
unfocusable_flow_box_child (GtkWidget *card)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  /* Tab goes straight to the card's toggle and chart. */
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
  return child;
}

static void
make_charts (JdDashboardPage *self)
{
  GtkWidget *flow = gtk_flow_box_new ();

  make_chart (self, CHART_VISITS, JD_CHART_COLUMNS, _("Visits per Day"));
  make_chart (self, CHART_SERVICES, JD_CHART_BARS, _("Consultations by Service"));
  make_chart (self, CHART_REFERRALS, JD_CHART_BARS, _("Referrals by Destination"));
  make_chart (self, CHART_AGES, JD_CHART_PAIRS, _("Visits by Age Group and Sex"));
  make_chart (self, CHART_DISTRICTS, JD_CHART_BARS, _("Visits by District"));
  make_chart (self, CHART_HOURS, JD_CHART_HEAT_MAP, _("Busy Hours"));

  jd_chart_set_headings (self->charts[CHART_SERVICES].chart, _("Service"), _("Consultations"));
  jd_chart_set_headings (self->charts[CHART_REFERRALS].chart, _("Referred to"), _("Referrals"));
  jd_chart_set_headings (self->charts[CHART_AGES].chart, _("Age group"), NULL);
  jd_chart_set_headings (self->charts[CHART_DISTRICTS].chart, _("District"), _("Visits"));
  jd_chart_set_headings (self->charts[CHART_HOURS].chart, _("Hour"), NULL);
  jd_chart_set_series (self->charts[CHART_AGES].chart, C_("sex", "Female"), C_("sex", "Male"));

  for (guint i = 0; i < N_CHARTS; i++)
    {
      g_signal_connect_object (self->charts[i].chart, "item-activated", G_CALLBACK (chart_item_activated_cb),
                               self, 0);
      if (i != CHART_HOURS)
        jd_chart_set_activatable (self->charts[i].chart, TRUE);
    }

  gtk_widget_add_css_class (flow, "dashboard-charts");
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_activate_on_single_click (GTK_FLOW_BOX (flow), FALSE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), unfocusable_flow_box_child (self->charts[CHART_SERVICES].card));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), unfocusable_flow_box_child (self->charts[CHART_REFERRALS].card));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), unfocusable_flow_box_child (self->charts[CHART_AGES].card));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), unfocusable_flow_box_child (self->charts[CHART_DISTRICTS].card));

  gtk_box_append (self->charts_box, self->charts[CHART_VISITS].card);
  gtk_box_append (self->charts_box, flow);
  gtk_box_append (self->charts_box, self->charts[CHART_HOURS].card);
}

/* Computing. */

static void
set_busy (JdDashboardPage *self,
          gboolean         busy)
{
  /* The old figures stay while the new ones are counted, dimmed so
   * that nobody reads them as the new period's. */
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_opacity (GTK_WIDGET (self->tiles), busy ? 0.5 : 1);
  gtk_widget_set_opacity (GTK_WIDGET (self->charts_box), busy ? 0.5 : 1);
}

static void
show_figures (JdDashboardPage *self)
{
  show_tiles (self);
  show_charts (self);
  gtk_widget_set_visible (GTK_WIDGET (self->tiles), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->charts_box), TRUE);
}

static void
show_error (JdDashboardPage *self,
            const char      *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->tiles), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->charts_box), FALSE);
}

typedef struct
{
  JdDashboardPage *page;
  gboolean         before;
  GCancellable    *cancellable;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->cancellable);
  g_object_unref (request->page);
  g_free (request);
}

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  JdDashboardPage *self = request->page;
  g_autoptr(GError) error = NULL;
  JdStats *stats = jd_stats_compute_finish (result, &error);

  /* An answer to an older question: a newer one is on its way. */
  if (g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_pointer (&stats, jd_stats_free);
      request_free (request);
      return;
    }

  if (stats == NULL && g_error_matches (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED))
    gtk_stack_set_visible_child_name (self->stack, "denied");
  else if (stats == NULL)
    show_error (self, error->message);
  else if (request->before)
    {
      g_clear_pointer (&self->before, jd_stats_free);
      self->before = stats;
    }
  else
    {
      g_clear_pointer (&self->now, jd_stats_free);
      self->now = stats;
    }

  if (--self->pending == 0)
    {
      set_busy (self, FALSE);
      if (self->now != NULL && self->before != NULL)
        show_figures (self);
    }

  request_free (request);
}

static void
compute (JdDashboardPage *self,
         const char      *from,
         const char      *to,
         gboolean         before)
{
  Request *request = g_new0 (Request, 1);

  request->page = g_object_ref (self);
  request->before = before;
  request->cancellable = g_object_ref (self->cancellable);
  self->pending++;
  jd_stats_compute_async (jd_db_get_path (self->db), self->db, from, to,
                          before ? JD_STATS_TILES_ONLY | JD_STATS_PERIOD_ONLY : 0, self->cancellable, request_done_cb, request);
}

static void
cancel (JdDashboardPage *self)
{
  /* A newer question makes the older answers useless. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = 0;
  g_clear_pointer (&self->now, jd_stats_free);
  g_clear_pointer (&self->before, jd_stats_free);
  set_busy (self, FALSE);
}

void
jd_dashboard_page_refresh (JdDashboardPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *prev_from = NULL;
  g_autofree char *prev_to = NULL;
  g_autofree char *title = NULL;
  GDate start, end, prev_start, prev_end, now;

  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));

  if (self->db == NULL)
    return;
  cancel (self);
  if (!jd_access_allowed (self->db, JD_PERM_VIEW_REPORTS))
    {
      gtk_stack_set_visible_child_name (self->stack, "denied");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  bounds_of (self, self->period, &start, &end);
  if (!g_date_valid (&start) || !g_date_valid (&end))
    return;
  from = jd_date_to_iso (&start);
  to = jd_date_to_iso (&end);
  jd_stats_previous_period (from, to, &prev_from, &prev_to);
  g_date_clear (&prev_start, 1);
  g_date_clear (&prev_end, 1);
  jd_date_parse (prev_from, &prev_start);
  jd_date_parse (prev_to, &prev_end);

  /* A period still going on is compared with the same number of days of
   * the one before (1–24 November with 1–24 October), not with all of
   * it. */
  today (self->db, &now);
  g_date_add_days (&now, 1);   /* tomorrow: today is counted */
  if (g_date_compare (&start, &now) < 0 && g_date_compare (&now, &end) < 0)
    {
      prev_end = prev_start;
      g_date_add_days (&prev_end, (guint) g_date_days_between (&start, &now));
      g_free (prev_to);
      prev_to = jd_date_to_iso (&prev_end);
    }

  title = display_range (&start, &end);
  gtk_label_set_label (self->period_label, title);
  {
    g_autofree char *range = display_range (&prev_start, &prev_end);

    g_free (self->compared_with);
    /* Translators: the tooltip of a tile's change; %s is the period
     * before, such as "01.10.2026 – 24.10.2026". */
    self->compared_with = g_strdup_printf (_("Compared with %s"), range);
  }

  /* Nothing has happened after today yet. */
  today (self->db, &now);
  gtk_widget_set_sensitive (self->next_button, g_date_compare (&end, &now) <= 0);

  set_busy (self, TRUE);
  compute (self, from, to, FALSE);
  compute (self, prev_from, prev_to, TRUE);
}

gboolean
jd_dashboard_page_is_busy (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), FALSE);

  return self->pending > 0;
}

static Tile *
find_tile (JdDashboardPage *self,
           const char      *name)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->tiles)))
    return NULL;
  for (guint i = 0; i < N_TILES; i++)
    if (g_strcmp0 (tile_info[i].name, name) == 0)
      return gtk_widget_get_visible (self->tile[i].child) ? &self->tile[i] : NULL;
  return NULL;
}

const char *
jd_dashboard_page_get_tile (JdDashboardPage *self,
                            const char      *name)
{
  Tile *tile;

  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);

  tile = find_tile (self, name);
  return tile ? gtk_label_get_label (tile->value) : NULL;
}

const char *
jd_dashboard_page_get_tile_change (JdDashboardPage *self,
                                   const char      *name)
{
  Tile *tile;

  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);

  tile = find_tile (self, name);
  return tile ? gtk_label_get_label (tile->change) : NULL;
}

const char *
jd_dashboard_page_get_tile_detail (JdDashboardPage *self,
                                   const char      *name)
{
  Tile *tile;

  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);

  tile = find_tile (self, name);
  return tile ? gtk_label_get_label (tile->detail) : NULL;
}

void
jd_dashboard_page_set_period (JdDashboardPage   *self,
                              JdDashboardPeriod  period)
{
  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (period <= JD_DASHBOARD_CUSTOM);

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

/* The custom range. */

static void
fill_range_entries (JdDashboardPage *self)
{
  g_autofree char *from = display_day (&self->custom_from);
  g_autofree char *to = display_day (&self->custom_to);

  self->filling = TRUE;
  gtk_editable_set_text (self->from_entry, from);
  gtk_editable_set_text (self->to_entry, to);
  self->filling = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (self->from_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->to_entry), "error");
}

static void
set_error_style (GtkWidget *entry,
                 gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
}

/* Takes the two days when both are right; @insist marks what is wrong
 * even while it may still be being typed. */
static void
read_range (JdDashboardPage *self,
            gboolean         insist)
{
  const char *from_text = gtk_editable_get_text (self->from_entry);
  const char *to_text = gtk_editable_get_text (self->to_entry);
  GDate from, to;
  gboolean from_ok = jd_date_parse (from_text, &from);
  gboolean to_ok = jd_date_parse (to_text, &to);
  gboolean in_order = from_ok && to_ok && g_date_compare (&from, &to) <= 0;
  /* "1.1.2026" is finished; "01.01.202" may not be. */
  gboolean mark_from = !from_ok && (insist || strlen (from_text) >= 10);
  gboolean mark_to = !to_ok && (insist || strlen (to_text) >= 10);

  if (from_ok && to_ok && !in_order)
    mark_from = mark_to = TRUE;

  set_error_style (GTK_WIDGET (self->from_entry), mark_from);
  set_error_style (GTK_WIDGET (self->to_entry), mark_to);

  /* The figures shown stay: they are still those of the period named
   * above them. */
  if (mark_from || mark_to)
    {
      gtk_label_set_label (self->error_label,
                           _("Enter the first and the last day as DD.MM.YYYY, the first not after the last."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (!in_order)
    return;
  if (g_date_compare (&from, &self->custom_from) == 0 && g_date_compare (&to, &self->custom_to) == 0 &&
      self->now != NULL)
    return;
  self->custom_from = from;
  self->custom_to = to;
  jd_dashboard_page_refresh (self);
}

static void
range_changed_cb (JdDashboardPage *self)
{
  if (!self->filling)
    read_range (self, FALSE);
}

static void
range_activated_cb (JdDashboardPage *self)
{
  read_range (self, TRUE);
}

static void
period_changed_cb (JdDashboardPage *self)
{
  JdDashboardPeriod period = gtk_drop_down_get_selected (self->period_dropdown);

  if (period == JD_DASHBOARD_CUSTOM && self->period != JD_DASHBOARD_CUSTOM)
    {
      GDate start, end;

      /* A custom range starts as the period shown, to be adjusted. */
      bounds_of (self, self->period, &start, &end);
      g_date_subtract_days (&end, 1);
      self->custom_from = start;
      self->custom_to = end;
      fill_range_entries (self);
    }
  else if (!self->keep_anchor)
    /* "This week" is the week of today, wherever the arrows went. */
    today (self->db, &self->anchor);

  self->period = period;
  gtk_widget_set_visible (self->custom_box, period == JD_DASHBOARD_CUSTOM);
  jd_dashboard_page_refresh (self);
}

/* The arrows move by one period. */
static void
step (JdDashboardPage *self,
      int              direction)
{
  switch (self->period)
    {
    case JD_DASHBOARD_TODAY:
      direction > 0 ? g_date_add_days (&self->anchor, 1) : g_date_subtract_days (&self->anchor, 1);
      break;
    case JD_DASHBOARD_WEEK:
      direction > 0 ? g_date_add_days (&self->anchor, 7) : g_date_subtract_days (&self->anchor, 7);
      break;
    case JD_DASHBOARD_QUARTER:
      direction > 0 ? g_date_add_months (&self->anchor, 3) : g_date_subtract_months (&self->anchor, 3);
      break;
    case JD_DASHBOARD_YEAR:
      direction > 0 ? g_date_add_years (&self->anchor, 1) : g_date_subtract_years (&self->anchor, 1);
      break;
    case JD_DASHBOARD_CUSTOM:
      {
        guint days = (guint) g_date_days_between (&self->custom_from, &self->custom_to) + 1;

        if (direction > 0)
          {
            g_date_add_days (&self->custom_from, days);
            g_date_add_days (&self->custom_to, days);
          }
        else
          {
            g_date_subtract_days (&self->custom_from, days);
            g_date_subtract_days (&self->custom_to, days);
          }
        fill_range_entries (self);
        break;
      }
    case JD_DASHBOARD_MONTH:
    default:
      direction > 0 ? g_date_add_months (&self->anchor, 1) : g_date_subtract_months (&self->anchor, 1);
      break;
    }
  jd_dashboard_page_refresh (self);
}

static void
previous_clicked_cb (JdDashboardPage *self)
{
  step (self, -1);
}

static void
next_clicked_cb (JdDashboardPage *self)
{
  step (self, 1);
}

void
jd_dashboard_page_set_db (JdDashboardPage *self,
                          JdDb            *db)
{
  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));

  cancel (self);
  self->db = db;
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  if (db != NULL)
    self->districts = jd_district_list (db, TRUE, NULL);
}

static void
jd_dashboard_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jd_dashboard_page_parent_class)->map (widget);

  /* Shown again: the figures may have changed, and so may the person
   * signed in. */
  jd_dashboard_page_refresh (JD_DASHBOARD_PAGE (widget));
}

static void
jd_dashboard_page_dispose (GObject *object)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (jd_dashboard_page_parent_class)->dispose (object);
}

static void
jd_dashboard_page_finalize (GObject *object)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  g_clear_pointer (&self->now, jd_stats_free);
  g_clear_pointer (&self->before, jd_stats_free);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_free (self->compared_with);

  G_OBJECT_CLASS (jd_dashboard_page_parent_class)->finalize (object);
}

static void
jd_dashboard_page_class_init (JdDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_dashboard_page_dispose;
  object_class->finalize = jd_dashboard_page_finalize;
  widget_class->map = jd_dashboard_page_map;

  /**
   * JdDashboardPage::open-visitors:
   * @filter: (type gpointer): a JdVisitorFilter, for the time of the emission
   * @description: what the list holds, in words
   *
   * A tile or bar asks for the people behind it.
   */
  signals[OPEN_VISITORS] = g_signal_new ("open-visitors", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
  /**
   * JdDashboardPage::open-consultations:
   * @filter: (type gpointer): a JdConsultationFilter, for the time of the emission
   * @description: what the list holds, in words
   */
  signals[OPEN_CONSULTATIONS] = g_signal_new ("open-consultations", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                              G_TYPE_POINTER, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, custom_box);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, charts_box);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, tile_activated_cb);

  g_type_ensure (JD_TYPE_CHART);
}

static void
jd_dashboard_page_init (JdDashboardPage *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->period = JD_DASHBOARD_MONTH;
  today (self->db, &self->anchor);
  g_date_clear (&self->custom_from, 1);
  g_date_clear (&self->custom_to, 1);
  g_date_clear (&self->visits_start, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  make_tiles (self);
  make_charts (self);

  gtk_string_list_append (periods, _("Today"));
  gtk_string_list_append (periods, _("This Week"));
  gtk_string_list_append (periods, _("This Month"));
  gtk_string_list_append (periods, _("This Quarter"));
  gtk_string_list_append (periods, _("This Year"));
  gtk_string_list_append (periods, _("Custom Range"));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, JD_DASHBOARD_MONTH);
}

JdChart *
jd_dashboard_page_get_chart (JdDashboardPage *self,
                             const char      *name)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);

  for (guint i = 0; i < N_CHARTS; i++)
    if (g_strcmp0 (chart_names[i], name) == 0)
      return self->charts[i].chart;
  return NULL;
}
