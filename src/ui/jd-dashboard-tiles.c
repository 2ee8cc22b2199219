/* jd-dashboard-tiles.c: the dashboard's tiles, and opening the lists
 * behind its figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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

const char *
jd_dashboard_service_label (const char *code)
{
  guint n;
  const JdChoice *services = jd_consultation_services (&n);

  return jd_choice_label (services, n, code);
}

const char *
jd_dashboard_referral_label (const char *code)
{
  guint n;
  const JdChoice *targets = jd_referral_targets (&n);

  return jd_choice_label (targets, n, code);
}

const char *
jd_dashboard_district_label (JdDashboardPage *self,
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

void
jd_dashboard_tiles_show (JdDashboardPage *self)
{
  JdStats *now = self->now, *before = self->before;
  g_autofree char *services = top_counts (now->consultations_by_service, jd_dashboard_service_label, 3);
  g_autofree char *targets = top_counts (now->referrals_by_target, jd_dashboard_referral_label, 2);
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
  return jd_dashboard_display_range (&from, &to);
}

/* People who came in the period shown (and, by @band, @district or
 * @neet, as recorded at such a visit). */
void
jd_dashboard_open_visitors (JdDashboardPage *self,
                            int              band,
                            const char      *district,
                            gboolean         neet)
{
  g_autofree char *range = shown_range (self);
  GString *description = g_string_new (NULL);
  JdVisitorFilter filter = { 0 };

  filter.visited_from = day_start_unix (jd_store_get_db (self->store), self->now->from_day);
  filter.visited_to = day_start_unix (jd_store_get_db (self->store), self->now->to_day);
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
      jd_age_band_ages ((guint) band, &filter.visit_age_min, &filter.visit_age_max);
      g_string_append (description, " · ");
      /* Translators: %s is an age group, e.g. "18–24". */
      g_string_append_printf (description, _("Aged %s at the visit"), jd_age_band_label (band));
    }
  if (district != NULL)
    {
      filter.visit_district_code = (char *) district;
      g_string_append (description, " · ");
      g_string_append (description, jd_dashboard_district_label (self, district));
    }
  g_signal_emit (self, jd_dashboard_page_signals[OPEN_VISITORS], 0, &filter, description->str);
  g_string_free (description, TRUE);
}

static void
open_registrations (JdDashboardPage *self)
{
  g_autofree char *range = shown_range (self);
  g_autofree char *description = NULL;
  JdVisitorFilter filter = { 0 };

  filter.registered_from = day_start_unix (jd_store_get_db (self->store), self->now->from_day);
  filter.registered_to = day_start_unix (jd_store_get_db (self->store), self->now->to_day);
  /* Translators: a list opened from the dashboard; %s is a period. */
  description = g_strdup_printf (_("Registered %s"), range);
  g_signal_emit (self, jd_dashboard_page_signals[OPEN_VISITORS], 0, &filter, description);
}

void
jd_dashboard_open_consultations (JdDashboardPage  *self,
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
      filter.from = day_start_unix (jd_store_get_db (self->store), self->now->from_day);
      filter.to = day_start_unix (jd_store_get_db (self->store), self->now->to_day);
      if (list == LIST_REFERRALS)
        {
          filter.referral = referral != NULL ? referral : "*";
          /* Translators: a list opened from the dashboard; %s is a period. */
          g_string_printf (description, _("Referrals %s"), range);
          if (referral != NULL)
            g_string_append_printf (description, " · %s", jd_dashboard_referral_label (referral));
        }
      else
        {
          filter.service = service;
          /* Translators: a list opened from the dashboard; %s is a period. */
          g_string_printf (description, _("Consultations %s"), range);
          if (service != NULL)
            g_string_append_printf (description, " · %s", jd_dashboard_service_label (service));
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

        jd_dashboard_today (jd_store_get_db (self->store), &day);
        g_date_subtract_days (&day, 1);
        yesterday = jd_date_to_iso (&day);
        filter.follow_up_due = yesterday;
        g_string_assign (description, _("Follow-ups overdue as of today"));
      }
      break;
    }
  g_signal_emit (self, jd_dashboard_page_signals[OPEN_CONSULTATIONS], 0, &filter, description->str);
  g_string_free (description, TRUE);
}

void
jd_dashboard_tile_activated_cb (JdDashboardPage *self,
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
      jd_dashboard_open_visitors (self, -1, NULL, FALSE);
      break;
    case TILE_NEET:
      jd_dashboard_open_visitors (self, -1, NULL, TRUE);
      break;
    case TILE_REGISTRATIONS:
      open_registrations (self);
      break;
    case TILE_CONSULTATIONS:
      jd_dashboard_open_consultations (self, LIST_CONSULTATIONS, NULL, NULL);
      break;
    case TILE_REFERRALS:
      jd_dashboard_open_consultations (self, LIST_REFERRALS, NULL, NULL);
      break;
    case TILE_PLACED:
      jd_dashboard_open_consultations (self, LIST_PLACED, NULL, NULL);
      break;
    case TILE_OVERDUE:
      jd_dashboard_open_consultations (self, LIST_OVERDUE, NULL, NULL);
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

void
jd_dashboard_tiles_make (JdDashboardPage *self)
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
