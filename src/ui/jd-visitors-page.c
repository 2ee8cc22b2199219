/* jd-visitors-page.c: everyone registered, filters, and each person's
 * details and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitors-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jd-consultation-form.h"
#include "jd-date-format.h"
#include "jd-period.h"
#include "jd-district.h"
#include "jd-drop-down.h"
#include "jd-privacy.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor-form.h"
#include "jd-visitor-list.h"
#include "jd-visitor-model.h"
#include "jd-visitor.h"
#include "jd-visitors-page-private.h"
#include "jd-window.h"

G_DEFINE_FINAL_TYPE (JdVisitorsPage, jd_visitors_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
jd_visitors_page_format_date (const char *iso)
{
  return jd_date_format_iso (iso);
}

/* +7 701 111 22 33: how people read Kazakh numbers out. */
char *
jd_visitors_page_format_phone (const char *e164)
{
  if (e164 == NULL)
    return NULL;

  if (g_str_has_prefix (e164, "+7") && strlen (e164) == 12)
    return g_strdup_printf ("+7 %.3s %.3s %.2s %.2s", e164 + 2, e164 + 5, e164 + 8, e164 + 10);

  return g_strdup (e164);
}

/* Times and ages on the centre's clock, not the machine's. */
char *
jd_visitors_page_format_time (JdDb   *db,
                              gint64  unix_time)
{
  g_autoptr(GDateTime) when = jd_db_local_time (db, unix_time);

  return jd_date_format_day_time (when);
}

int
jd_visitors_page_age_today (JdDb       *db,
                            const char *iso)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  GDate birth, today;

  if (!jd_date_parse (iso, &birth))
    return -1;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return jd_age_on (&birth, &today);
}

const char *
jd_visitors_page_district_name (JdVisitorsPage *self,
                                const char     *code)
{
  for (guint i = 0; self->districts && i < self->districts->len; i++)
    {
      const JdDistrict *d = g_ptr_array_index (self->districts, i);

      if (g_strcmp0 (d->code, code) == 0)
        return jd_district_get_name (d);
    }

  return NULL;
}

static void
collect_filter (JdVisitorsPage  *self,
                JdVisitorFilter *filter)
{
  guint district = gtk_drop_down_get_selected (self->district_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint age = gtk_drop_down_get_selected (self->age_filter);
  guint period = gtk_drop_down_get_selected (self->period_filter);
  guint n;
  const JdChoice *occupations = jd_occupations (&n);

  memset (filter, 0, sizeof *filter);
  if (district > 0 && self->districts && district - 1 < self->districts->len)
    filter->district_code = g_strdup (((JdDistrict *) g_ptr_array_index (self->districts, district - 1))->code);
  if (status > 0 && status <= n)
    filter->occupation = g_strdup (occupations[status - 1].code);
  filter->neet_only = gtk_check_button_get_active (self->neet_filter);
  /* Any age, the bands, then over 35. */
  if (age >= 1 && age <= JD_N_AGE_BANDS)
    jd_age_band_ages (age - 1, &filter->age_min, &filter->age_max);
  else if (age == JD_N_AGE_BANDS + 1)
    filter->age_min = 36;

  if (period > 0)
    {
      /* The centre's month and year. */
      g_autoptr(GDateTime) now = g_date_time_new_now (jd_db_get_time_zone (jd_store_get_db (self->store)));
      g_autoptr(GDateTime) month = jd_period_start (JD_PERIOD_MONTH, now);
      g_autoptr(GDateTime) year = jd_period_start (JD_PERIOD_YEAR, now);
      g_autoptr(GDateTime) three = g_date_time_add_months (month, -2);

      filter->registered_from = g_date_time_to_unix (period == 1 ? month : period == 2 ? three : year);
    }

  if (self->visits.registered_from != 0 || self->visits.registered_to != 0)
    {
      filter->registered_from = self->visits.registered_from;
      filter->registered_to = self->visits.registered_to;
    }
  filter->visited_from = self->visits.visited_from;
  filter->visited_to = self->visits.visited_to;
  filter->visit_district_code = g_strdup (self->visits.visit_district_code);
  filter->visit_neet = self->visits.visit_neet;
  filter->visit_age_min = self->visits.visit_age_min;
  filter->visit_age_max = self->visits.visit_age_max;
  filter->visit_sex = self->visits.visit_sex;
}

static void
set_loading (JdVisitorsPage *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  JdVisitorsPage *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = jd_visitor_list_ids_finish (result, &error);
  JdVisitorFilter filter;
  g_autofree char *label = NULL;

  /* Cancelled by a newer reload or by dispose: the page may be gone. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = JD_VISITORS_PAGE (user_data);

  if (ids == NULL)
    {
      gtk_label_set_label (self->count_label, error->message);
      set_loading (self, FALSE);
      return;
    }

  jd_visitor_model_set_ids (self->model, ids);

  label = g_strdup_printf (ngettext ("%u visitor", "%u visitors", ids->len), ids->len);
  gtk_label_set_label (self->count_label, label);

  collect_filter (self, &filter);
  if (ids->len > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack, jd_visitor_filter_is_empty (&filter) ? "empty" : "no-match");
  jd_visitor_filter_clear (&filter);
  /* Last, so that whoever waits on it finds the list shown. */
  set_loading (self, FALSE);
}

void
jd_visitors_page_reload (JdVisitorsPage *self)
{
  JdVisitorFilter filter;

  g_return_if_fail (JD_IS_VISITORS_PAGE (self));

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loaded = TRUE;
  set_loading (self, TRUE);
  self->stamp = jd_visitor_list_stamp (jd_store_get_db (self->store));

  collect_filter (self, &filter);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  jd_visitor_list_ids_async (jd_db_get_path (jd_store_get_db (self->store)), &filter, self->cancellable,
                             list_loaded_cb, self);
  jd_visitor_filter_clear (&filter);
}

gboolean
jd_visitors_page_is_loading (JdVisitorsPage *self)
{
  g_return_val_if_fail (JD_IS_VISITORS_PAGE (self), FALSE);

  return self->loading;
}

static void
filter_changed_cb (JdVisitorsPage *self)
{
  if (self->loaded)
    jd_visitors_page_reload (self);
}

static void
reset_filters (JdVisitorsPage *self)
{
  self->loaded = FALSE;  /* one reload, not five */
  gtk_drop_down_set_selected (self->district_filter, 0);
  gtk_drop_down_set_selected (self->status_filter, 0);
  gtk_drop_down_set_selected (self->age_filter, 0);
  gtk_drop_down_set_selected (self->period_filter, 0);
  gtk_check_button_set_active (self->neet_filter, FALSE);
  jd_visitor_filter_clear (&self->visits);
  gtk_widget_set_visible (self->visit_banner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_filter), TRUE);
}

/**
 * jd_visitors_page_show_filtered:
 * @visits: its registration period and visit conditions are used
 * @description: what the list holds, in words, shown above it
 *
 * Lists the people the dashboard counted (who came in a period, or
 * registered in it), with every other filter cleared.
 */
void
jd_visitors_page_show_filtered (JdVisitorsPage        *self,
                                const JdVisitorFilter *visits,
                                const char            *description)
{
  g_return_if_fail (JD_IS_VISITORS_PAGE (self));
  g_return_if_fail (visits != NULL && description != NULL);

  reset_filters (self);
  self->visits.registered_from = visits->registered_from;
  self->visits.registered_to = visits->registered_to;
  self->visits.visited_from = visits->visited_from;
  self->visits.visited_to = visits->visited_to;
  self->visits.visit_district_code = g_strdup (visits->visit_district_code);
  self->visits.visit_neet = visits->visit_neet;
  self->visits.visit_age_min = visits->visit_age_min;
  self->visits.visit_age_max = visits->visit_age_max;
  self->visits.visit_sex = visits->visit_sex;
  gtk_label_set_label (self->visit_banner_label, description);
  gtk_widget_set_visible (self->visit_banner, TRUE);
  /* The banner's registration period holds until Show Everyone. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_filter),
                            visits->registered_from == 0 && visits->registered_to == 0);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  jd_visitors_page_reload (self);
}

static void
clear_filters_cb (JdVisitorsPage *self)
{
  reset_filters (self);
  jd_visitors_page_reload (self);
}

/* The person's rights: their data in one file, and deletion on request. */

static void
page_toast (JdVisitorsPage *self,
            const char     *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (JD_IS_WINDOW (root))
    jd_window_add_toast (JD_WINDOW (root), adw_toast_new (message));
}

static void
export_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  JdVisitorsPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path == NULL || !jd_visitor_export_personal (jd_store_get_db (self->store), self->shown_id, path, &error))
        page_toast (self, error ? error->message : _("Choose a folder on this computer."));
      else
        {
          g_autofree char *name = g_path_get_basename (path);
          g_autofree char *message = g_strdup_printf (_("Saved to %s"), name);

          page_toast (self, message);
        }
    }
  g_object_unref (chooser);
}

static void
export_personal_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (widget);
  g_autoptr(JdVisitor) visitor = jd_visitor_load (jd_store_get_db (self->store), self->shown_id, NULL);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (visitor == NULL)
    return;
  name = g_strdup_printf ("%s-%s-personal-data.json", visitor->surname, visitor->given_name);
  chooser = gtk_file_chooser_native_new (_("Export Personal Data"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Specialists log a consultation from the person's page. */
static void
log_consultation_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (widget);
  JdConsultationForm *form;

  form = jd_consultation_form_new_for_visitor (self->store, self->shown_id,
                                               gtk_label_get_label (self->detail_title));
  gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (form));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JdVisitorsPage   *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  if (!jd_visitor_delete_on_request (jd_store_get_db (self->store), self->shown_id, &error))
    {
      page_toast (self, error->message);
      return;
    }
  page_toast (self, _("Personal data deleted; anonymous statistics kept"));
  self->shown_id = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "none");
  gtk_label_set_label (self->detail_title, "");
  gtk_widget_set_sensitive (self->edit_button, FALSE);
  gtk_widget_set_sensitive (self->more_button, FALSE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  /* The list follows from the store's ::changed. */
}

static void
delete_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (widget);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Delete This Person’s Data?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("At the request of %s, their names, IIN, phone, e-mail, notes, "
                                    "consents and consultation texts are removed for good, and they "
                                    "cannot be found any more. Only anonymous statistics stay "
                                    "(sex, date of birth, district, visits)."),
                                  gtk_label_get_label (self->detail_title));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete Personal Data"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
row_label (GtkWidget  *row,
           const char *key,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (row), key, label);
  return label;
}

/* A row: the name and a NEET tag, then date of birth and age, phone,
 * district and occupation on a dimmer line; the last visit on the right. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *visit = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *neet = row_label (row, "neet", "neet-tag");
  GtkWidget *caption = gtk_label_new (_("Last visit"));

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_label (GTK_LABEL (neet), C_("tag", "NEET"));
  gtk_widget_set_tooltip_text (neet, _("Not in education, employment or training"));
  gtk_widget_set_valign (neet, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), row_label (row, "name", "heading"));
  gtk_box_append (GTK_BOX (top), neet);
  gtk_box_append (GTK_BOX (text), top);
  gtk_box_append (GTK_BOX (text), row_label (row, "info", "caption"));
  gtk_widget_add_css_class (g_object_get_data (G_OBJECT (row), "info"), "dim-label");

  gtk_widget_set_valign (visit, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (caption), 1);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_box_append (GTK_BOX (visit), caption);
  gtk_box_append (GTK_BOX (visit), row_label (row, "visit", "caption"));
  gtk_label_set_xalign (GTK_LABEL (g_object_get_data (G_OBJECT (row), "visit")), 1);

  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), visit);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             JdVisitorsPage           *self)
{
  JdVisitorItem *item = gtk_list_item_get_item (list_item);
  const JdVisitorSummary *summary = jd_visitor_item_get_summary (item);
  GObject *row = G_OBJECT (gtk_list_item_get_child (list_item));
  GtkLabel *name = g_object_get_data (row, "name");
  GtkLabel *info = g_object_get_data (row, "info");
  GtkLabel *visit = g_object_get_data (row, "visit");
  GtkWidget *neet = g_object_get_data (row, "neet");
  g_autoptr(GString) text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *phone = NULL;
  guint n;
  const JdChoice *occupations = jd_occupations (&n);
  int age;

  if (summary == NULL)
    {
      /* Removed or anonymised since the list was read. */
      gtk_label_set_label (name, _("(removed)"));
      gtk_label_set_label (info, "");
      gtk_label_set_label (visit, "");
      gtk_widget_set_visible (neet, FALSE);
      return;
    }

  date = jd_visitors_page_format_date (summary->birth_date);
  age = jd_visitors_page_age_today (jd_store_get_db (self->store), summary->birth_date);
  phone = jd_visitors_page_format_phone (summary->phone);
  text = g_string_new (NULL);
  /* Translators: date of birth and age today in the visitors list. */
  g_string_append_printf (text, ngettext ("%s (%d year)", "%s (%d years)", age), date, age);
  if (phone != NULL)
    g_string_append_printf (text, " · %s", phone);
  if (summary->district_name != NULL)
    g_string_append_printf (text, " · %s", summary->district_name);
  g_string_append_printf (text, " · %s", jd_choice_label (occupations, n, summary->occupation));

  gtk_label_set_label (name, summary->display_name);
  gtk_label_set_label (info, text->str);
  gtk_widget_set_visible (neet, jd_occupation_is_neet (summary->occupation));
  if (summary->last_visit > 0)
    {
      g_autoptr(GDateTime) when = jd_db_local_time (jd_store_get_db (self->store), summary->last_visit);
      g_autofree char *day = jd_date_format_day (when);

      gtk_label_set_label (visit, day);
    }
  else
    {
      gtk_label_set_label (visit, C_("last visit", "None"));
    }
}

static GtkStringList *
string_list (const char *first,
             ...)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    gtk_string_list_append (list, s);
  va_end (args);

  return list;
}

static void
fill_filters (JdVisitorsPage *self)
{
  g_autoptr(GtkStringList) districts = string_list (_("All districts"), NULL);
  g_autoptr(GtkStringList) statuses = string_list (_("Any occupation"), NULL);
  g_autoptr(GtkStringList) ages = string_list (_("Any age"), jd_age_band_label (0),
                                               jd_age_band_label (1), jd_age_band_label (2),
                                               jd_age_band_label (3), _("Over 35"), NULL);
  g_autoptr(GtkStringList) periods = string_list (_("Registered any time"), _("This month"),
                                                  _("Last three months"), _("This year"), NULL);
  guint n;
  const JdChoice *occupations = jd_occupations (&n);

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  self->districts = jd_district_list (jd_store_get_db (self->store), TRUE, NULL);
  for (guint i = 0; self->districts && i < self->districts->len; i++)
    gtk_string_list_append (districts, jd_district_get_name (g_ptr_array_index (self->districts, i)));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (statuses, jd_choice_label (occupations, n, occupations[i].code));

  gtk_drop_down_set_model (self->district_filter, G_LIST_MODEL (districts));
  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->age_filter, G_LIST_MODEL (ages));
  gtk_drop_down_set_model (self->period_filter, G_LIST_MODEL (periods));
}

/* People registered, edited or erased, and visits (the list shows the
 * last one), here or at another desk: the list on screen follows; one
 * not on screen is read again when shown (map ()). */
static void
store_changed_cb (JdVisitorsPage *self,
                  JdTopics        topics)
{
  if ((topics & (JD_TOPIC_VISITORS | JD_TOPIC_VISITS)) == 0)
    return;

  if (self->loaded && gtk_widget_get_mapped (GTK_WIDGET (self)))
    jd_visitors_page_reload (self);
}

static void
jd_visitors_page_constructed (GObject *object)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (object);
  g_autoptr(GtkSelectionModel) selection = NULL;

  G_OBJECT_CLASS (jd_visitors_page_parent_class)->constructed (object);

  if (self->store == NULL)
    return;

  /* A million rows are not read at start-up: only when first shown. */
  self->model = jd_visitor_model_new (self->store);
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  gtk_list_view_set_model (self->list_view, selection);
  fill_filters (self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  jd_store_watch (self->store);
}

static void
jd_visitors_page_map (GtkWidget *widget)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (widget);

  GTK_WIDGET_CLASS (jd_visitors_page_parent_class)->map (widget);

  /* First shown, or coming back after check-ins, registrations and edits
   * elsewhere; with nothing written since, the list stays as it was. */
  if (self->store != NULL &&
      (!self->loaded || jd_visitor_list_stamp (jd_store_get_db (self->store)) != self->stamp))
    jd_visitors_page_reload (self);
}

static void
jd_visitors_page_dispose (GObject *object)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->model);
  /* No gtk_widget_dispose_template () here: with GTK 4.8 it unparents a
   * widget of this template twice (a critical at window close, caught by
   * the tests); AdwBin's dispose unparents the whole tree once. */
  if (self->store != NULL)
    jd_store_unwatch (self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_visitors_page_parent_class)->dispose (object);
}

static void
jd_visitors_page_finalize (GObject *object)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (object);

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->detail_rows, g_ptr_array_unref);
  jd_visitor_filter_clear (&self->visits);

  G_OBJECT_CLASS (jd_visitors_page_parent_class)->finalize (object);
}

static void
jd_visitors_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitors_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JdVisitorsPage *self = JD_VISITORS_PAGE (object);

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
jd_visitors_page_class_init (JdVisitorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jd_visitors_page_constructed;
  object_class->dispose = jd_visitors_page_dispose;
  object_class->finalize = jd_visitors_page_finalize;
  object_class->get_property = jd_visitors_page_get_property;
  object_class->set_property = jd_visitors_page_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  /* Whether the list is being read: tests wait on its notify. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = jd_visitors_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-visitors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, separator);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, district_filter);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, age_filter);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, period_filter);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, neet_filter);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, visit_banner);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, visit_banner_label);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, history_group);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_filters_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "row_activated_cb",
                                                G_CALLBACK (jd_visitors_page_row_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "back_clicked_cb",
                                                G_CALLBACK (jd_visitors_page_back_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "edit_clicked_cb",
                                                G_CALLBACK (jd_visitors_page_edit_clicked_cb));
  gtk_widget_class_bind_template_child (widget_class, JdVisitorsPage, more_button);
  gtk_widget_class_install_action (widget_class, "visitor.export-personal", NULL, export_personal_activated);
  gtk_widget_class_install_action (widget_class, "visitor.delete", NULL, delete_activated);
  gtk_widget_class_install_action (widget_class, "visitor.log-consultation", NULL,
                                   log_consultation_activated);
}

static void
jd_visitors_page_init (JdVisitorsPage *self)
{
  GtkListItemFactory *factory;

  self->detail_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  jd_drop_down_ellipsize (self->district_filter, 12);
  jd_drop_down_ellipsize (self->status_filter, 12);
  jd_drop_down_ellipsize (self->age_filter, 8);
  jd_drop_down_ellipsize (self->period_filter, 12);
  adw_leaflet_page_set_navigatable (adw_leaflet_get_page (self->leaflet, self->separator), FALSE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
