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
#include "jd-dashboard-page-private.h"
#include "jd-date-format.h"
#include "jd-period.h"
#include "jd-district.h"
#include "jd-report-print.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-validate.h"
#include "jd-visitor-list.h"

guint jd_dashboard_page_signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JdDashboardPage, jd_dashboard_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Days. */

/* The centre's today, not the machine's. */
void
jd_dashboard_today (JdDb  *db,
                    GDate *day)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  jd_period_day_of (now, day);
}

static char *
display_day (const GDate *day)
{
  return jd_date_format_date (day);
}

/* "01.11.2026 – 30.11.2026" for [@start, @end), one day alone. */
char *
jd_dashboard_display_range (const GDate *start,
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

GDateTime *
jd_dashboard_noon_of (JdDb        *db,
                      const GDate *day)
{
  return g_date_time_new (jd_db_get_time_zone (db), g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), 12, 0, 0);
}

/* The period @period around the anchor: [start, end). */
static JdPeriod
calendar_period (JdDashboardPeriod period)
{
  switch (period)
    {
    case JD_DASHBOARD_TODAY:
      return JD_PERIOD_DAY;
    case JD_DASHBOARD_WEEK:
      return JD_PERIOD_WEEK;
    case JD_DASHBOARD_QUARTER:
      return JD_PERIOD_QUARTER;
    case JD_DASHBOARD_YEAR:
      return JD_PERIOD_YEAR;
    case JD_DASHBOARD_MONTH:
    case JD_DASHBOARD_CUSTOM:
    default:
      return JD_PERIOD_MONTH;
    }
}

static void
bounds_of (JdDashboardPage   *self,
           JdDashboardPeriod  period,
           GDate             *start,
           GDate             *end)
{
  if (period == JD_DASHBOARD_CUSTOM)
    {
      *start = self->custom_from;
      *end = self->custom_to;
      g_date_add_days (end, 1);
      return;
    }
  jd_period_bounds (calendar_period (period), &self->anchor, start, end);
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
  jd_dashboard_tiles_show (self);
  jd_dashboard_charts_show (self);
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
      /* After the figures, so that whoever waits on it finds them. */
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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
  jd_stats_compute_async (jd_db_get_path (jd_store_get_db (self->store)), jd_store_get_db (self->store), from, to,
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

static void
refresh (JdDashboardPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *prev_from = NULL;
  g_autofree char *prev_to = NULL;
  g_autofree char *title = NULL;
  GDate start, end, prev_start, prev_end, now;

  cancel (self);
  if (!jd_access_allowed (jd_store_get_db (self->store), JD_PERM_VIEW_REPORTS))
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
  jd_dashboard_today (jd_store_get_db (self->store), &now);
  g_date_add_days (&now, 1);   /* tomorrow: today is counted */
  if (g_date_compare (&start, &now) < 0 && g_date_compare (&now, &end) < 0)
    {
      prev_end = prev_start;
      g_date_add_days (&prev_end, (guint) g_date_days_between (&start, &now));
      g_free (prev_to);
      prev_to = jd_date_to_iso (&prev_end);
    }

  title = jd_dashboard_display_range (&start, &end);
  gtk_label_set_label (self->period_label, title);
  {
    g_autofree char *range = jd_dashboard_display_range (&prev_start, &prev_end);

    g_free (self->compared_with);
    /* Translators: the tooltip of a tile's change; %s is the period
     * before, such as "01.10.2026 – 24.10.2026". */
    self->compared_with = g_strdup_printf (_("Compared with %s"), range);
  }

  /* Nothing has happened after today yet. */
  jd_dashboard_today (jd_store_get_db (self->store), &now);
  gtk_widget_set_sensitive (self->next_button, g_date_compare (&end, &now) <= 0);

  set_busy (self, TRUE);
  compute (self, from, to, FALSE);
  compute (self, prev_from, prev_to, TRUE);
}

void
jd_dashboard_page_refresh (JdDashboardPage *self)
{
  gboolean was_busy;

  g_return_if_fail (JD_IS_DASHBOARD_PAGE (self));

  if (self->store == NULL)
    return;
  /* Cancelling and starting again is one change, or none, for whoever
   * watches "busy": not a moment of idleness in between. */
  was_busy = self->pending > 0;
  refresh (self);
  if (was_busy != (self->pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
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
    jd_dashboard_today (self->store ? jd_store_get_db (self->store) : NULL, &self->anchor);

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
    default:
      jd_period_step (calendar_period (self->period), &self->anchor, direction > 0 ? 1 : -1);
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

/* The figures on screen follow what is written, here or at another
 * desk; out of sight they are computed again when shown (map ()). */
static void
store_changed_cb (JdDashboardPage *self,
                  JdTopics         topics)
{
  if ((topics & (JD_TOPIC_VISITORS | JD_TOPIC_VISITS | JD_TOPIC_CONSULTATIONS |
                 JD_TOPIC_EVENTS | JD_TOPIC_SETTINGS)) != 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    jd_dashboard_page_refresh (self);
}

/* The period shown, for the printed report (jd-report-print.c). */
static gboolean
report_period (GtkWidget  *widget,
               char      **from_day,
               char      **to_day)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (widget);
  GDate start, end;

  bounds_of (self, self->period, &start, &end);
  if (!g_date_valid (&start) || !g_date_valid (&end))
    return FALSE;
  g_date_subtract_days (&end, 1);
  *from_day = jd_date_to_iso (&start);
  *to_day = jd_date_to_iso (&end);
  return TRUE;
}

static void
jd_dashboard_page_constructed (GObject *object)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  G_OBJECT_CLASS (jd_dashboard_page_parent_class)->constructed (object);

  if (self->store == NULL)
    return;

  self->districts = jd_district_list (jd_store_get_db (self->store), TRUE, NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  jd_report_print_attach (GTK_WIDGET (self), self->store, report_period);
  jd_store_watch (self->store);
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
  /* The bin lets go of the stack first, so that the template's
   * dispose does not unparent it a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_DASHBOARD_PAGE);
  if (self->store != NULL)
    jd_store_unwatch (self->store);
  g_clear_object (&self->store);

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
jd_dashboard_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->pending > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_dashboard_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JdDashboardPage *self = JD_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_dashboard_page_class_init (JdDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jd_dashboard_page_constructed;
  object_class->dispose = jd_dashboard_page_dispose;
  object_class->finalize = jd_dashboard_page_finalize;
  object_class->get_property = jd_dashboard_page_get_property;
  object_class->set_property = jd_dashboard_page_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  /* Whether figures are being counted: tests wait on its notify. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = jd_dashboard_page_map;

  /**
   * JdDashboardPage::open-visitors:
   * @filter: (type gpointer): a JdVisitorFilter, for the time of the emission
   * @description: what the list holds, in words
   *
   * A tile or bar asks for the people behind it.
   */
  jd_dashboard_page_signals[OPEN_VISITORS] = g_signal_new ("open-visitors", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);
  /**
   * JdDashboardPage::open-consultations:
   * @filter: (type gpointer): a JdConsultationFilter, for the time of the emission
   * @description: what the list holds, in words
   */
  jd_dashboard_page_signals[OPEN_CONSULTATIONS] = g_signal_new ("open-consultations", G_TYPE_FROM_CLASS (klass),
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
  gtk_widget_class_bind_template_callback_full (widget_class, "tile_activated_cb",
                                                G_CALLBACK (jd_dashboard_tile_activated_cb));

  g_type_ensure (JD_TYPE_CHART);
}

static void
jd_dashboard_page_init (JdDashboardPage *self)
{
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->period = JD_DASHBOARD_MONTH;
  jd_dashboard_today (NULL, &self->anchor);
  g_date_clear (&self->custom_from, 1);
  g_date_clear (&self->custom_to, 1);
  g_date_clear (&self->visits_start, 1);

  gtk_widget_init_template (GTK_WIDGET (self));
  jd_dashboard_tiles_make (self);
  jd_dashboard_charts_make (self);

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
