/* jd-consultations-lists.c: the consultations page's lists: today's, the follow-ups due and all, with their filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-consultation-form.h"
#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-consultations-page-private.h"
#include "jd-date-format.h"
#include "jd-period.h"
#include "jd-drop-down.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor-rows.h"
#include "jd-visitor.h"

/* Lists of consultations. */

/* One consultation of today's: when, what and how it ended. */
static GtkWidget *
create_today_row_cb (gpointer item,
                     gpointer user_data)
{
  JdConsultationsPage *self = user_data;
  const JdConsultationRow *c = jd_consultation_item_get_row (item);
  g_autofree char *clock = jd_consultations_format_clock (jd_store_get_db (self->store), c->started_at);
  g_autoptr(GString) subtitle = g_string_new (clock);

  jd_consultations_append_service (subtitle, c);
  g_string_append_printf (subtitle, " · %s", jd_consultations_outcome_label (c->outcome));
  return jd_consultations_consultation_row_new (c, subtitle->str, NULL);
}

/* Replaces what @store holds with @rows, in one ::items-changed so the
 * list box makes the rows at once. Empties @rows. */
static void
splice_rows (GListStore *store,
             GPtrArray  *rows)
{
  g_autoptr(GPtrArray) items = jd_consultation_items_take (rows);

  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       items->pdata, items->len);
}

void
jd_consultations_refresh_today (JdConsultationsPage *self,
                                gint64               actor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->store ? jd_store_get_db (self->store) : NULL);
  g_autoptr(GDateTime) start = jd_consultations_day_start (now);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
  JdConsultationFilter filter = { 0 };
  guint n;

  g_list_store_remove_all (self->today);

  filter.specialist_id = actor_id;
  filter.from = g_date_time_to_unix (start);
  filter.to = g_date_time_to_unix (end);
  rows = jd_consultation_list (jd_store_get_db (self->store), &filter, LIST_LIMIT, NULL, &error);
  if (rows == NULL)
    {
      jd_consultations_show_error (self, error);
      rows = g_ptr_array_new ();
    }

  n = rows->len;
  splice_rows (self->today, rows);
  gtk_widget_set_visible (GTK_WIDGET (self->today_list), n > 0);
  gtk_widget_set_visible (self->today_empty, n == 0);
}

/* A follow-up's name, when it is due, and Done and Reschedule: in one
 * line (@wide) or with the buttons on a line of their own. */
static GtkWidget *
follow_up_content (const char *person,
                   const char *subtitle,
                   gboolean    overdue,
                   gint64      id,
                   gboolean    wide)
{
  GtkWidget *box = gtk_box_new (wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label, *button;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  label = gtk_label_new (person);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (titles), label);
  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (titles), label);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  /* The one-line layout only while the name keeps this much room. */
  if (wide)
    gtk_widget_set_size_request (titles, 200, -1);
  gtk_box_append (GTK_BOX (header), titles);

  if (overdue)
    {
      GtkWidget *tag = gtk_label_new (_("Overdue"));

      gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "error");
      gtk_box_append (GTK_BOX (header), tag);
    }
  gtk_widget_set_hexpand (header, TRUE);
  gtk_box_append (GTK_BOX (box), header);

  button = gtk_button_new_with_label (_("Done"));
  gtk_widget_set_tooltip_text (button, _("Mark the follow-up as done"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consultations.follow-up-done");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  gtk_box_append (GTK_BOX (buttons), button);

  button = gtk_button_new_with_label (_("Reschedule…"));
  gtk_widget_set_tooltip_text (button, _("Choose another day for the follow-up"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consultations.reschedule");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  gtk_box_append (GTK_BOX (buttons), button);

  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), buttons);
  return box;
}

/* One follow-up due: the person, when, the service, and its buttons. */
static GtkWidget *
create_follow_up_row_cb (gpointer item,
                         gpointer user_data)
{
  JdConsultationsPage *self = user_data;
  const JdConsultationRow *c = jd_consultation_item_get_row (item);
  g_autofree char *day = jd_consultations_format_day (c->follow_up_on);
  /* Translators: when a follow-up is due, e.g. "Due 12.05.2026". */
  g_autofree char *due = g_strdup_printf (_("Due %s"), day);
  g_autoptr(GString) subtitle = g_string_new (due);
  g_autofree char *person = jd_consultation_describe_person (c->visitor_name, c->anon_sex,
                                                             c->anon_age_band);
  /* ISO days compare as text. */
  gboolean overdue = g_strcmp0 (c->follow_up_on, self->follow_ups_day) < 0;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *squeezer = adw_squeezer_new ();

  jd_consultations_append_service (subtitle, c);

  /* Beside the name where there is room, below it where not: the
   * name must stay readable in a narrow window. */
  adw_squeezer_set_homogeneous (ADW_SQUEEZER (squeezer), FALSE);
  adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer),
                                            ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
  adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer),
                                    ADW_SQUEEZER_TRANSITION_TYPE_NONE);
  adw_squeezer_add (ADW_SQUEEZER (squeezer),
                    follow_up_content (person, subtitle->str, overdue, c->id, TRUE));
  adw_squeezer_add (ADW_SQUEEZER (squeezer),
                    follow_up_content (person, subtitle->str, overdue, c->id, FALSE));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), squeezer);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, person,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle->str,
                                  -1);
  return row;
}

void
jd_consultations_refresh_follow_ups (JdConsultationsPage *self,
                                     gint64               actor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->store ? jd_store_get_db (self->store) : NULL);
  JdConsultationFilter filter = { 0 };
  guint n;

  g_list_store_remove_all (self->follow_ups);
  g_free (self->follow_ups_day);
  self->follow_ups_day = g_date_time_format (now, "%Y-%m-%d");

  filter.specialist_id = actor_id;
  filter.follow_up_due = self->follow_ups_day;
  rows = jd_consultation_list (jd_store_get_db (self->store), &filter, LIST_LIMIT, NULL, &error);
  if (rows == NULL)
    {
      jd_consultations_show_error (self, error);
      rows = g_ptr_array_new ();
    }

  n = rows->len;
  splice_rows (self->follow_ups, rows);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_ups_list), n > 0);
  gtk_widget_set_visible (self->follow_ups_empty, n == 0);
}

static const char *
dropdown_code (GtkDropDown    *dropdown,
               const JdChoice *choices,
               guint           n)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first item is "all". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > n)
    return NULL;
  return choices[selected - 1].code;
}

/* One consultation of all: when, what, how it ended and with whom. */
static GtkWidget *
create_all_row_cb (gpointer item,
                   gpointer user_data)
{
  JdConsultationsPage *self = user_data;
  const JdConsultationRow *c = jd_consultation_item_get_row (item);
  g_autoptr(GDateTime) started = jd_db_local_time (jd_store_get_db (self->store), c->started_at);
  g_autofree char *when = jd_date_format_day_time (started);
  g_autoptr(GString) subtitle = g_string_new (when);

  jd_consultations_append_service (subtitle, c);
  g_string_append_printf (subtitle, " · %s", jd_consultations_outcome_label (c->outcome));
  if (c->specialist_name != NULL)
    g_string_append_printf (subtitle, " · %s", c->specialist_name);
  return jd_consultations_consultation_row_new (c, subtitle->str, NULL);
}

void
jd_consultations_refresh_all_list (JdConsultationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->store ? jd_store_get_db (self->store) : NULL);
  g_autoptr(GDateTime) today = jd_consultations_day_start (now);
  g_autoptr(GDateTime) from = NULL;
  g_autofree char *label = NULL;
  JdConsultationFilter filter = { 0 };
  const JdChoice *services, *outcomes;
  guint n_services, n_outcomes, total = 0, n;

  g_list_store_remove_all (self->all);
  if (self->store == NULL || !self->allowed)
    return;

  services = jd_consultation_services (&n_services);
  outcomes = jd_consultation_outcomes (&n_outcomes);
  filter.service = dropdown_code (self->service_filter, services, n_services);
  filter.outcome = dropdown_code (self->outcome_filter, outcomes, n_outcomes);
  filter.text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  switch (gtk_drop_down_get_selected (self->period_filter))
    {
    case PERIOD_TODAY:
      from = g_date_time_ref (today);
      break;
    case PERIOD_WEEK:
      from = jd_period_start (JD_PERIOD_WEEK, today);
      break;
    case PERIOD_MONTH:
      from = jd_period_start (JD_PERIOD_MONTH, today);
      break;
    default:
      break;
    }
  if (from != NULL)
    filter.from = g_date_time_to_unix (from);
  if (self->opened.active)
    {
      filter.from = self->opened.from;
      filter.to = self->opened.to;
      filter.referral = self->opened.referral;
      filter.placed_from = self->opened.placed_from;
      filter.placed_to = self->opened.placed_to;
      filter.follow_up_due = self->opened.follow_up_due;
    }

  rows = jd_consultation_list (jd_store_get_db (self->store), &filter, LIST_LIMIT, &total, &error);
  if (rows == NULL)
    {
      gtk_label_set_label (self->all_count, error->message);
      return;
    }

  n = rows->len;
  splice_rows (self->all, rows);

  if (total == 0)
    label = g_strdup (_("No consultations match. Try another name, service, outcome or period."));
  else if (total > n)
    /* Translators: the list is cut short, e.g. "The newest 200 of 1,234 consultations". */
    label = g_strdup_printf (ngettext ("The newest %u of %u consultation",
                                       "The newest %u of %u consultations", total),
                             n, total);
  else
    label = g_strdup_printf (ngettext ("%u consultation", "%u consultations", total), total);
  gtk_label_set_label (self->all_count, label);
  gtk_widget_set_visible (GTK_WIDGET (self->all_list), n > 0);
}

/* Called once, at init: the three lists show their models. */
void
jd_consultations_bind_lists (JdConsultationsPage *self)
{
  self->today = g_list_store_new (JD_TYPE_CONSULTATION_ITEM);
  self->follow_ups = g_list_store_new (JD_TYPE_CONSULTATION_ITEM);
  self->all = g_list_store_new (JD_TYPE_CONSULTATION_ITEM);
  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today),
                           create_today_row_cb, self, NULL);
  gtk_list_box_bind_model (self->follow_ups_list, G_LIST_MODEL (self->follow_ups),
                           create_follow_up_row_cb, self, NULL);
  gtk_list_box_bind_model (self->all_list, G_LIST_MODEL (self->all),
                           create_all_row_cb, self, NULL);
}

void
jd_consultations_filter_changed_cb (JdConsultationsPage *self)
{
  jd_consultations_refresh_all_list (self);
}

void
jd_consultations_forget_opened (JdConsultationsPage *self)
{
  g_clear_pointer (&self->opened.referral, g_free);
  g_clear_pointer (&self->opened.placed_from, g_free);
  g_clear_pointer (&self->opened.placed_to, g_free);
  g_clear_pointer (&self->opened.follow_up_due, g_free);
  memset (&self->opened, 0, sizeof self->opened);
  gtk_widget_set_visible (self->all_banner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_filter), TRUE);
}

void
jd_consultations_show_all_cb (JdConsultationsPage *self)
{
  jd_consultations_forget_opened (self);
  jd_consultations_refresh_all_list (self);
}

/**
 * jd_consultations_page_show_filtered:
 * @filter: its service, period, referral, placements and follow-ups are used
 * @description: what the list holds, in words, shown above it
 *
 * Lists the consultations the dashboard counted, under "All
 * Consultations", and brings them into view.
 */
