/* jd-dashboard-charts.c: the dashboard's chart cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each card shows a chart or, toggled, the same numbers as a table.
 */
#define G_LOG_DOMAIN "jd-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jd-chart.h"
#include "jd-consultation.h"
#include "jd-dashboard-page-private.h"
#include "jd-district.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-validate.h"
#include "jd-visitor-list.h"

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
          g_autoptr(GDateTime) noon = jd_dashboard_noon_of (jd_store_get_db (self->store), &day);
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
          g_autoptr(GDateTime) noon = jd_dashboard_noon_of (jd_store_get_db (self->store), &day);

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
  return jd_dashboard_service_label (code);
}

static const char *
referral_label_cb (JdDashboardPage *self,
                   const char      *code)
{
  return jd_dashboard_referral_label (code);
}

void
jd_dashboard_charts_show (JdDashboardPage *self)
{
  JdStats *now = self->now;

  show_visits_chart (self);
  show_counts_chart (self, CHART_SERVICES, now->consultations_by_service, service_label_cb);
  show_counts_chart (self, CHART_REFERRALS, now->referrals_by_target, referral_label_cb);
  show_counts_chart (self, CHART_DISTRICTS, now->visits_by_district, jd_dashboard_district_label);

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
        labels[band] = band < JD_STATS_N_AGE_BANDS ? jd_age_band_label (band)
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
    jd_dashboard_open_consultations (self, LIST_CONSULTATIONS,
                        ((JdStatsCount *) self->now->consultations_by_service->pdata[index])->code, NULL);
  else if (chart == self->charts[CHART_REFERRALS].chart && index < self->now->referrals_by_target->len)
    jd_dashboard_open_consultations (self, LIST_REFERRALS, NULL,
                        ((JdStatsCount *) self->now->referrals_by_target->pdata[index])->code);
  else if (chart == self->charts[CHART_AGES].chart && index < JD_STATS_N_AGE_BANDS)
    jd_dashboard_open_visitors (self, (int) index, NULL, FALSE);
  else if (chart == self->charts[CHART_DISTRICTS].chart && index < self->now->visits_by_district->len)
    jd_dashboard_open_visitors (self, -1, ((JdStatsCount *) self->now->visits_by_district->pdata[index])->code, FALSE);
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

void
jd_dashboard_charts_make (JdDashboardPage *self)
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
