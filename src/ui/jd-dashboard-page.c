/* jd-dashboard-page.c: the centre's figures for a period at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The period and the one before it are computed at once, each on its
 * own read connection in a worker thread (jd_stats_compute_async), so
 * the window never waits; a newer request cancels the older one. Tiles
 * compare with the period before; charts carry their numbers in tooltips
 * and as a table.
 */
#define G_LOG_DOMAIN "jd-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "jd-chart.h"
#include "jd-consultation.h"
#include "jd-dashboard-page.h"
#include "jd-district.h"
#include "jd-staff.h"
#include "jd-stats.h"

struct _JdDashboardPage
{
  AdwBin             parent_instance;

  GtkStack          *stack;
  GtkDropDown       *period_dropdown;
  GtkLabel          *period_label;
  GtkSpinner        *spinner;
  GtkLabel          *error_label;
  GtkFlowBox        *tiles;
  GtkFlowBox        *charts;

  JdDb              *db;           /* borrowed */
  GCancellable      *cancellable;
  JdStats           *now;
  JdStats           *before;
  guint              pending;
  GDate              anchor;       /* a day inside the period shown */
  GHashTable        *tile_values;  /* name → text shown, for tests */
  GPtrArray         *districts;    /* JdDistrict, for names */
};

G_DEFINE_FINAL_TYPE (JdDashboardPage, jd_dashboard_page, ADW_TYPE_BIN)

/* The period around the anchor: [from, to) as ISO days. */
static void
period_bounds (JdDashboardPage  *self,
               char            **from,
               char            **to)
{
  GDate start = self->anchor, end;

  switch ((JdDashboardPeriod) gtk_drop_down_get_selected (self->period_dropdown))
    {
    case JD_DASHBOARD_TODAY:
      end = start;
      g_date_add_days (&end, 1);
      break;
    case JD_DASHBOARD_WEEK:
      g_date_subtract_days (&start, g_date_get_weekday (&start) - 1);   /* Monday */
      end = start;
      g_date_add_days (&end, 7);
      break;
    case JD_DASHBOARD_QUARTER:
      g_date_set_day (&start, 1);
      g_date_set_month (&start, (GDateMonth) (((g_date_get_month (&start) - 1) / 3) * 3 + 1));
      end = start;
      g_date_add_months (&end, 3);
      break;
    case JD_DASHBOARD_YEAR:
      g_date_set_dmy (&start, 1, G_DATE_JANUARY, g_date_get_year (&start));
      end = start;
      g_date_add_years (&end, 1);
      break;
    case JD_DASHBOARD_MONTH:
    default:
      g_date_set_day (&start, 1);
      end = start;
      g_date_add_months (&end, 1);
      break;
    }

  *from = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&start), g_date_get_month (&start),
                           g_date_get_day (&start));
  *to = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&end), g_date_get_month (&end),
                         g_date_get_day (&end));
}

/* Tiles. */

static char *
format_count (guint value)
{
  return g_strdup_printf ("%'u", value);
}

/* "↑ 12 %", "↓ 3 %", "new" or "—"; @good_up: is more better? */
static void
set_change (GtkWidget *label,
            double     now,
            double     before,
            gboolean   good_up)
{
  g_autofree char *text = NULL;
  gboolean up = now > before;

  gtk_widget_remove_css_class (label, "success");
  gtk_widget_remove_css_class (label, "error");
  if (before <= 0)
    text = g_strdup (now > 0 ? _("new") : "—");
  else if (now == before)
    text = g_strdup ("=");
  else
    {
      text = g_strdup_printf ("%s %.0f %%", up ? "↑" : "↓", fabs (now - before) / before * 100);
      gtk_widget_add_css_class (label, up == good_up ? "success" : "error");
    }
  gtk_label_set_label (GTK_LABEL (label), text);
}

static void
add_tile (JdDashboardPage *self,
          const char      *name,
          const char      *title,
          const char      *value,
          const char      *detail,
          double           now,
          double           before,
          gboolean         good_up)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *number = gtk_label_new (value);
  GtkWidget *caption = gtk_label_new (title);
  GtkWidget *change = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dashboard-tile");
  gtk_widget_add_css_class (number, "title-1");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
  gtk_label_set_xalign (GTK_LABEL (change), 0);
  gtk_widget_add_css_class (change, "caption");
  set_change (change, now, before, good_up);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), caption);
  if (detail != NULL)
    {
      GtkWidget *more = gtk_label_new (detail);

      gtk_label_set_xalign (GTK_LABEL (more), 0);
      gtk_label_set_wrap (GTK_LABEL (more), TRUE);
      gtk_widget_add_css_class (more, "dim-label");
      gtk_widget_add_css_class (more, "caption");
      gtk_box_append (GTK_BOX (box), more);
    }
  gtk_box_append (GTK_BOX (box), change);
  gtk_widget_set_tooltip_text (change, _("Compared with the period before, of the same length"));
  gtk_flow_box_append (self->tiles, box);
  g_hash_table_insert (self->tile_values, g_strdup (name), g_strdup (value));
}

static const char *
service_label (const char *code)
{
  guint n;
  const JdChoice *services = jd_consultation_services (&n);

  return jd_choice_label (services, n, code);
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

/* Charts. */

static void
table_toggled_cb (GtkToggleButton *button,
                  GtkStack        *stack)
{
  gtk_stack_set_visible_child_name (stack, gtk_toggle_button_get_active (button) ? "table" : "chart");
}

static void
add_chart (JdDashboardPage *self,
           const char      *title,
           GtkWidget       *chart)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (_("_Table"));
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "dashboard-chart");
  gtk_widget_set_valign (box, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (toggle, _("Show the numbers as a table"));
  gtk_widget_add_css_class (toggle, "flat");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), toggle);

  /* Each view takes its own height: a 30-row table must not stretch
   * the chart. */
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), jd_chart_create_table (JD_CHART (chart)));
  gtk_stack_add_named (GTK_STACK (stack), chart, "chart");
  gtk_stack_add_named (GTK_STACK (stack), scrolled, "table");
  g_signal_connect (toggle, "toggled", G_CALLBACK (table_toggled_cb), stack);
  gtk_accessible_update_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), stack);
  gtk_flow_box_append (self->charts, box);
}

static void
show_figures (JdDashboardPage *self)
{
  JdStats *now = self->now, *before = self->before;
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GString) by_service = g_string_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles))) != NULL)
    gtk_flow_box_remove (self->tiles, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->charts))) != NULL)
    gtk_flow_box_remove (self->charts, child);
  g_hash_table_remove_all (self->tile_values);

#define TILE(name, title, field, good) \
  G_STMT_START { \
    g_autofree char *text = format_count (now->field); \
    add_tile (self, name, title, text, NULL, now->field, before->field, good); \
  } G_STMT_END
  TILE ("visits", _("Visits"), visits, TRUE);
  TILE ("unique", _("Unique visitors"), unique_visitors, TRUE);
  TILE ("registrations", _("New registrations"), new_registrations, TRUE);

  for (guint i = 0; i < now->consultations_by_service->len && i < 3; i++)
    {
      JdStatsCount *count = now->consultations_by_service->pdata[i];

      g_string_append_printf (by_service, "%s%s %u", i ? " · " : "", service_label (count->code),
                              count->count);
    }
  value = format_count (now->consultations);
  add_tile (self, "consultations", _("Consultations"), value, by_service->str, now->consultations,
            before->consultations, TRUE);
  g_clear_pointer (&value, g_free);

  value = format_count (now->neet_visitors);
  detail = g_strdup_printf (_("%.0f %% of unique visitors"), now->neet_share * 100);
  add_tile (self, "neet", _("NEET visitors"), value, detail, now->neet_visitors, before->neet_visitors,
            TRUE);
  TILE ("placed", _("NEET placed in jobs"), neet_placed, TRUE);
  TILE ("referrals", _("Referrals"), referrals, TRUE);
  if (now->events > 0 || before->events > 0)
    {
      g_autofree char *events = format_count (now->events);
      g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant (%u people)",
                                                              "%u participants (%u people)",
                                                              now->participants),
                                                 now->participants, now->participants_unique);

      add_tile (self, "events", _("Events held"), events, people, now->events, before->events, TRUE);
    }
  TILE ("overdue", _("Follow-ups overdue"), follow_ups_overdue, FALSE);
#undef TILE

  /* Visits per day, weekends in a quieter shade. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    g_autofree double *values = g_new0 (double, now->n_days);
    g_autofree gboolean *weekend = g_new0 (gboolean, now->n_days);
    GDate day;
    GtkWidget *chart = jd_chart_new (JD_CHART_COLUMNS);

    g_date_clear (&day, 1);
    {
      int y, m, d;

      sscanf (now->from_day, "%d-%d-%d", &y, &m, &d);
      g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
    for (guint i = 0; i < now->n_days; i++)
      {
        g_ptr_array_add (labels, g_strdup_printf ("%02u.%02u", g_date_get_day (&day), g_date_get_month (&day)));
        values[i] = now->visits_per_day[i];
        weekend[i] = g_date_get_weekday (&day) >= G_DATE_SATURDAY;
        g_date_add_days (&day, 1);
      }
    jd_chart_set_data (JD_CHART (chart), (const char * const *) labels->pdata, values, NULL, weekend,
                       now->n_days);
    add_chart (self, _("Visits per day"), chart);
  }

  /* Consultations by service. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autofree double *values = g_new0 (double, now->consultations_by_service->len + 1);
    GtkWidget *chart = jd_chart_new (JD_CHART_BARS);

    for (guint i = 0; i < now->consultations_by_service->len; i++)
      {
        JdStatsCount *count = now->consultations_by_service->pdata[i];

        g_ptr_array_add (labels, (gpointer) service_label (count->code));
        values[i] = count->count;
      }
    jd_chart_set_data (JD_CHART (chart), (const char * const *) labels->pdata, values, NULL, NULL,
                       labels->len);
    add_chart (self, _("Consultations by service"), chart);
  }

  /* Visits by age group and sex. */
  {
    const char *labels[JD_STATS_N_AGE_BANDS];
    double female[JD_STATS_N_AGE_BANDS], male[JD_STATS_N_AGE_BANDS];
    GtkWidget *chart = jd_chart_new (JD_CHART_PAIRS);

    for (guint band = 0; band < JD_STATS_N_AGE_BANDS; band++)
      {
        labels[band] = jd_stats_age_band_label (band);
        female[band] = now->visits_by_age_sex[band][0];
        male[band] = now->visits_by_age_sex[band][1];
      }
    jd_chart_set_series (JD_CHART (chart), C_("sex", "Female"), C_("sex", "Male"));
    jd_chart_set_data (JD_CHART (chart), labels, female, male, NULL, JD_STATS_N_AGE_BANDS);
    add_chart (self, _("Visits by age group and sex"), chart);
  }

  /* Visits by district. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autofree double *values = g_new0 (double, now->visits_by_district->len + 1);
    GtkWidget *chart = jd_chart_new (JD_CHART_BARS);

    for (guint i = 0; i < now->visits_by_district->len; i++)
      {
        JdStatsCount *count = now->visits_by_district->pdata[i];

        g_ptr_array_add (labels, (gpointer) district_label (self, count->code));
        values[i] = count->count;
      }
    jd_chart_set_data (JD_CHART (chart), (const char * const *) labels->pdata, values, NULL, NULL,
                       labels->len);
    add_chart (self, _("Visits by district"), chart);
  }

  /* Busy hours by weekday (Monday first, names from the locale). */
  {
    g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) hours = g_ptr_array_new_with_free_func (g_free);
    double values[7 * 24];
    GtkWidget *chart = jd_chart_new (JD_CHART_HEAT_MAP);

    for (int d = 0; d < 7; d++)
      {
        /* 2024-01-01 was a Monday. */
        g_autoptr(GDateTime) monday = g_date_time_new_local (2024, 1, 1 + d, 12, 0, 0);

        g_ptr_array_add (days, g_date_time_format (monday, "%a"));
        for (int h = 0; h < 24; h++)
          values[d * 24 + h] = now->busy_hours[d][h];
      }
    for (int h = 0; h < 24; h++)
      g_ptr_array_add (hours, g_strdup_printf ("%02d", h));
    jd_chart_set_grid (JD_CHART (chart), (const char * const *) days->pdata,
                       (const char * const *) hours->pdata, values, 7, 24);
    add_chart (self, _("Busy hours"), chart);
  }
}

typedef struct
{
  JdDashboardPage *page;
  gboolean         before;
  GCancellable    *cancellable;
} Request;

static void
request_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  JdDashboardPage *self = request->page;
  g_autoptr(GError) error = NULL;
  JdStats *stats = jd_stats_compute_finish (result, &error);

  if (g_cancellable_is_cancelled (request->cancellable))
    {
      g_clear_pointer (&stats, jd_stats_free);
      g_object_unref (request->cancellable);
      g_object_unref (self);
      g_free (request);
      return;
    }

  if (stats == NULL)
    {
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
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
      gtk_spinner_stop (self->spinner);
      if (self->now != NULL && self->before != NULL)
        show_figures (self);
    }

  g_object_unref (request->cancellable);
  g_object_unref (self);
  g_free (request);
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
                          before ? JD_STATS_TILES_ONLY : 0, self->cancellable, request_done_cb, request);
}

void
jd_dashboard_page_refresh (JdDashboardPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *prev_from = NULL;
  g_autofree char *prev_to = NULL;
  g_autofree char *title = NULL;
  GDate last;

  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));

  if (self->db == NULL)
    return;
  if (!jd_access_allowed (self->db, JD_PERM_VIEW_REPORTS))
    {
      gtk_stack_set_visible_child_name (self->stack, "denied");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "content");

  /* A newer question makes the older answers useless. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->pending = 0;
  g_clear_pointer (&self->now, jd_stats_free);
  g_clear_pointer (&self->before, jd_stats_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  period_bounds (self, &from, &to);
  jd_stats_previous_period (from, to, &prev_from, &prev_to);

  /* A period still going on is compared with the same number of days of
   * the one before (1–24 November with 1–24 October), not with all of
   * it. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow_dt = g_date_time_add_days (now, 1);
    g_autofree char *tomorrow = g_date_time_format (tomorrow_dt, "%Y-%m-%d");

    if (g_strcmp0 (tomorrow, to) < 0 && g_strcmp0 (tomorrow, from) > 0)
      {
        GDate a, b, p;
        int y, m, d;

        g_date_clear (&a, 1);
        g_date_clear (&b, 1);
        g_date_clear (&p, 1);
        sscanf (from, "%d-%d-%d", &y, &m, &d);
        g_date_set_dmy (&a, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
        sscanf (tomorrow, "%d-%d-%d", &y, &m, &d);
        g_date_set_dmy (&b, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
        sscanf (prev_from, "%d-%d-%d", &y, &m, &d);
        g_date_set_dmy (&p, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
        g_date_add_days (&p, (guint) g_date_days_between (&a, &b));
        g_free (prev_to);
        prev_to = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&p), g_date_get_month (&p),
                                   g_date_get_day (&p));
      }
  }
  {
    int y, m, d;

    sscanf (to, "%d-%d-%d", &y, &m, &d);
    g_date_clear (&last, 1);
    g_date_set_dmy (&last, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
    g_date_subtract_days (&last, 1);
  }
  {
    int y, m, d;

    sscanf (from, "%d-%d-%d", &y, &m, &d);
    title = g_strdup_printf ("%02d.%02d.%04d – %02u.%02u.%04u", d, m, y, g_date_get_day (&last),
                             g_date_get_month (&last), g_date_get_year (&last));
  }
  gtk_label_set_label (self->period_label, title);

  gtk_spinner_start (self->spinner);
  compute (self, from, to, FALSE);
  compute (self, prev_from, prev_to, TRUE);
}

gboolean
jd_dashboard_page_is_busy (JdDashboardPage *self)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), FALSE);

  return self->pending > 0;
}

const char *
jd_dashboard_page_get_tile (JdDashboardPage *self,
                            const char      *name)
{
  g_return_val_if_fail (JD_IS_DASHBOARD_PAGE (self), NULL);

  return g_hash_table_lookup (self->tile_values, name);
}

void
jd_dashboard_page_set_period (JdDashboardPage   *self,
                              JdDashboardPeriod  period)
{
  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

static void
period_changed_cb (JdDashboardPage *self)
{
  jd_dashboard_page_refresh (self);
}

/* The arrows move the anchor by one period. */
static void
step (JdDashboardPage *self,
      int              direction)
{
  switch ((JdDashboardPeriod) gtk_drop_down_get_selected (self->period_dropdown))
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

  self->db = db;
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  if (db != NULL)
    self->districts = jd_district_list (db, TRUE, NULL);
}

static void
jd_dashboard_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (jd_dashboard_page_parent_class)->map (widget);
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
  g_hash_table_unref (self->tile_values);

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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, tiles);
  gtk_widget_class_bind_template_child (widget_class, JdDashboardPage, charts);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
}

static void
jd_dashboard_page_init (JdDashboardPage *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->tile_values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->anchor, 1);
  g_date_set_dmy (&self->anchor, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  gtk_string_list_append (periods, _("Today"));
  gtk_string_list_append (periods, _("This Week"));
  gtk_string_list_append (periods, _("This Month"));
  gtk_string_list_append (periods, _("This Quarter"));
  gtk_string_list_append (periods, _("This Year"));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, JD_DASHBOARD_MONTH);
}
