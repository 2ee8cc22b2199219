/* jd-consultations-page.c: the specialists' page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a specialist needs between two people, top to bottom: who is
 * waiting for them (Call Next), what they logged today, the follow-ups
 * that are due, and every consultation to look one up. Receptionists
 * get a page that says this is not theirs; the core would refuse them
 * anyway.
 */
#define G_LOG_DOMAIN "jd-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-consultation-form.h"
#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-consultations-page-private.h"
#include "jd-date-format.h"
#include "jd-drop-down.h"
#include "jd-queue.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor-rows.h"
#include "jd-visitor.h"

G_DEFINE_FINAL_TYPE (JdConsultationsPage, jd_consultations_page, ADW_TYPE_BIN)

void
jd_consultations_clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_LIST_BOX (box))
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
      else
        gtk_box_remove (GTK_BOX (box), child);
    }
}

static void
show_toast (JdConsultationsPage *self,
            const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

void
jd_consultations_show_error (JdConsultationsPage *self,
                             const GError        *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  g_message ("%s", error->message);
  if (overlay == NULL)
    return;
  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);  /* until read */
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static GtkWindow *
parent_window (JdConsultationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

const char *
jd_consultations_service_label (const char *code)
{
  guint n;
  const JdChoice *services = jd_consultation_services (&n);

  return jd_choice_label (services, n, code);
}

const char *
jd_consultations_outcome_label (const char *code)
{
  guint n;
  const JdChoice *outcomes = jd_consultation_outcomes (&n);

  return jd_choice_label (outcomes, n, code);
}

/* Times and days on the centre's clock, not the machine's. */
char *
jd_consultations_format_clock (JdDb   *db,
                               gint64  unix_time)
{
  g_autoptr(GDateTime) when = jd_db_local_time (db, unix_time);

  return jd_date_format_time (when);
}

char *
jd_consultations_format_day (const char *iso)
{
  return jd_date_format_iso (iso);
}

GDateTime *
jd_consultations_day_start (GDateTime *when)
{
  return g_date_time_new (g_date_time_get_timezone (when), g_date_time_get_year (when),
                          g_date_time_get_month (when), g_date_time_get_day_of_month (when), 0, 0, 0);
}

/* The shared light row (jd-visitor-rows.c), with room between its
 * suffixes and the whole subtitle (specialist, service, outcome) as the
 * tooltip. Suffixes go into *header_out. */
GtkWidget *
jd_consultations_light_row_new (const char  *title,
                                const char  *subtitle,
                                GtkWidget  **header_out)
{
  GtkWidget *header;
  GtkWidget *row = jd_light_row_new (title, subtitle, &header);

  gtk_box_set_spacing (GTK_BOX (header), 6);
  gtk_widget_set_tooltip_text (row, subtitle);
  if (header_out != NULL)
    *header_out = header;
  return row;
}

GtkWidget *
jd_consultations_consultation_row_new (const JdConsultationRow  *c,
                                       const char               *subtitle,
                                       GtkWidget               **header_out)
{
  g_autofree char *person = jd_consultation_describe_person (c->visitor_name, c->anon_sex,
                                                             c->anon_age_band);
  GtkWidget *row = jd_consultations_light_row_new (person, subtitle, header_out);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  return row;
}

/* "Psychological help · Anxiety and stress": the service and the topic. */
void
jd_consultations_append_service (GString                 *text,
                                 const JdConsultationRow *c)
{
  g_string_append_printf (text, "%s%s", text->len ? " · " : "", jd_consultations_service_label (c->service));
  if (c->topic != NULL)
    {
      guint n;
      const JdChoice *topics = jd_consultation_topics (c->service, &n);

      g_string_append_printf (text, " · %s", jd_choice_label (topics, n, c->topic));
    }
}

/* Who is signed in, and what for. */

JdStaff *
jd_consultations_get_actor (JdConsultationsPage *self)
{
  return jd_store_get_db (self->store) ? jd_db_get_actor (jd_store_get_db (self->store)) : NULL;
}

/* The services whose queue this person works: a specialist's own, or
 * every service for managers and administrators. */
GStrv
jd_consultations_queue_services (const JdStaff *actor)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const JdChoice *services;
  guint n;

  services = jd_consultation_services (&n);
  for (guint i = 0; i < n; i++)
    if (actor->role != JD_ROLE_SPECIALIST ||
        (actor->services != NULL &&
         g_strv_contains ((const char * const *) actor->services, services[i].code)))
      g_strv_builder_add (builder, services[i].code);

  return g_strv_builder_end (builder);
}

static void
update_services_label (JdConsultationsPage *self,
                       const JdStaff       *actor)
{
  g_auto(GStrv) services = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *label = NULL;

  if (actor->role != JD_ROLE_SPECIALIST)
    {
      gtk_label_set_label (self->services_label, _("You see the queues of all services."));
      return;
    }

  services = jd_consultations_queue_services (actor);
  if (services[0] == NULL)
    {
      gtk_label_set_label (self->services_label,
                           _("No services are set for your account. Ask an administrator to add yours."));
      return;
    }

  for (guint i = 0; services[i] != NULL; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", jd_consultations_service_label (services[i]));
  /* Translators: the services of the signed-in specialist, e.g.
   * "Your services: Psychological help, Legal advice". */
  label = g_strdup_printf (_("Your services: %s"), names->str);
  gtk_label_set_label (self->services_label, label);
}

void
jd_consultations_page_show_filtered (JdConsultationsPage        *self,
                                     const JdConsultationFilter *filter,
                                     const char                 *description)
{
  guint n_services, service = 0;
  const JdChoice *services = jd_consultation_services (&n_services);

  g_return_if_fail (JD_IS_CONSULTATIONS_PAGE (self));
  g_return_if_fail (filter != NULL && description != NULL);

  jd_consultations_forget_opened (self);
  self->opened.active = TRUE;
  self->opened.from = filter->from;
  self->opened.to = filter->to;
  self->opened.referral = g_strdup (filter->referral);
  self->opened.placed_from = g_strdup (filter->placed_from);
  self->opened.placed_to = g_strdup (filter->placed_to);
  self->opened.follow_up_due = g_strdup (filter->follow_up_due);
  for (guint i = 0; filter->service != NULL && i < n_services; i++)
    if (g_str_equal (services[i].code, filter->service))
      service = i + 1;

  /* The page's own choices give way, without a reading for each. */
  g_signal_handlers_block_by_func (self->service_filter, jd_consultations_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->outcome_filter, jd_consultations_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->period_filter, jd_consultations_filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->search_entry, jd_consultations_filter_changed_cb, self);
  gtk_drop_down_set_selected (self->service_filter, service);
  gtk_drop_down_set_selected (self->outcome_filter, 0);
  gtk_drop_down_set_selected (self->period_filter, PERIOD_ALL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->service_filter, jd_consultations_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->outcome_filter, jd_consultations_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->period_filter, jd_consultations_filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->search_entry, jd_consultations_filter_changed_cb, self);

  gtk_label_set_label (self->all_banner_label, description);
  gtk_widget_set_visible (self->all_banner, TRUE);
  /* The banner's period holds until Show All. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_filter), FALSE);
  /* All of it: who may see the lists is known after a reading. */
  jd_consultations_page_refresh (self);
  /* Focus scrolls the page down to the list. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
jd_consultations_page_refresh (JdConsultationsPage *self)
{
  g_autoptr(JdStaff) actor = NULL;

  g_return_if_fail (JD_IS_CONSULTATIONS_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  actor = jd_consultations_get_actor (self);
  self->allowed = actor != NULL && jd_access_allowed (jd_store_get_db (self->store), JD_PERM_CONSULT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.log", self->allowed);
  gtk_stack_set_visible_child_name (self->stack, self->allowed ? "content" : "denied");
  if (!self->allowed)
    {
      jd_consultations_clear_box (self->queue_box);
      g_list_store_remove_all (self->today);
      g_list_store_remove_all (self->follow_ups);
      g_list_store_remove_all (self->all);
      g_list_store_remove_all (self->queue);
      return;
    }

  update_services_label (self, actor);
  jd_consultations_refresh_queue (self);
  jd_consultations_refresh_today (self, actor->id);
  jd_consultations_refresh_follow_ups (self, actor->id);
  jd_consultations_refresh_all_list (self);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  JdConsultationsPage *self = data;

  self->refresh_source = 0;
  jd_consultations_page_refresh (self);
  return G_SOURCE_REMOVE;
}

/* Several reasons to read again make one reading, after the frame. */
static void
refresh_soon (JdConsultationsPage *self)
{
  if (self->refresh_source == 0 && self->store != NULL)
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

/* Opening forms and consultations. */

static void
form_saved_cb (JdConsultationsPage *self,
               gint64               id)
{
  /* The lists follow from the store's ::changed. */
  show_toast (self, _("Consultation saved"));
}

static void
present_form (JdConsultationsPage *self,
              JdConsultationForm  *form)
{
  gtk_window_set_transient_for (GTK_WINDOW (form), parent_window (self));
  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (form));
}

void
jd_consultations_page_log_consultation (JdConsultationsPage *self)
{
  g_return_if_fail (JD_IS_CONSULTATIONS_PAGE (self));

  if (self->store == NULL || !jd_access_allowed (jd_store_get_db (self->store), JD_PERM_CONSULT))
    return;

  present_form (self, jd_consultation_form_new (self->store));
}

static void
open_from_queue (JdConsultationsPage *self,
                 const JdQueueEntry  *entry)
{
  present_form (self, jd_consultation_form_new_from_queue (self->store, entry->visitor_id,
                                                           entry->visitor_name, entry->visit_id,
                                                           entry->service));
}

void
jd_consultations_open_queue_entry (JdConsultationsPage *self,
                                   const JdQueueEntry  *entry)
{
  open_from_queue (self, entry);
}

static void
view_edit_cb (JdConsultationsPage *self,
              gint64               id)
{
  g_autoptr(GError) error = NULL;
  JdConsultationForm *form = jd_consultation_form_new (self->store);

  if (!jd_consultation_form_load (form, id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (form));
      jd_consultations_show_error (self, error);
      return;
    }
  present_form (self, form);
}

/* Today's, the follow-ups and all share this: the row's item is in the
 * model of the list the row is in. */
static void
row_activated_cb (JdConsultationsPage *self,
                  GtkListBoxRow       *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultationItem) item = NULL;
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (row));
  GListStore *model;
  JdConsultationView *view;

  if (list == GTK_WIDGET (self->today_list))
    model = self->today;
  else if (list == GTK_WIDGET (self->follow_ups_list))
    model = self->follow_ups;
  else
    model = self->all;
  item = g_list_model_get_item (G_LIST_MODEL (model), (guint) gtk_list_box_row_get_index (row));
  g_return_if_fail (item != NULL);

  view = jd_consultation_view_new (self->store, jd_consultation_item_get_id (item), &error);
  if (view == NULL)
    {
      jd_consultations_show_error (self, error);
      jd_consultations_page_refresh (self);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (view), parent_window (self));
  g_signal_connect_object (view, "edit", G_CALLBACK (view_edit_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (view));
}

/* Actions. */

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  jd_consultations_page_log_consultation (JD_CONSULTATIONS_PAGE (widget));
}

static void
call_next_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  const char *service = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdQueueEntry) entry = NULL;

  /* Someone called, the store's ::changed reads the queue again; nobody
   * written, the page shows what there is now. */
  entry = jd_queue_call_next (jd_store_get_db (self->store), service, jd_db_now (), &error);
  if (error != NULL)
    {
      jd_consultations_show_error (self, error);
      jd_consultations_refresh_queue (self);
    }
  else if (entry == NULL)
    {
      /* Someone else called them first. */
      g_autofree char *message = g_strdup_printf (_("Nobody is waiting for %s any more."),
                                                  jd_consultations_service_label (service));

      show_toast (self, message);
      jd_consultations_refresh_queue (self);
    }
  else
    {
      open_from_queue (self, entry);
    }
}

static void
queue_remove_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const JdQueueEntry *entry = jd_consultations_find_entry (self, id);
  g_autofree char *name = g_strdup (entry && entry->visitor_name ? entry->visitor_name : "");
  g_autoptr(GError) error = NULL;

  if (!jd_queue_remove (jd_store_get_db (self->store), id, &error))
    {
      jd_consultations_show_error (self, error);
      jd_consultations_refresh_queue (self);
    }
  else
    {
      /* Translators: a toast; %s is the name of a person who left the queue. */
      g_autofree char *message = g_strdup_printf (_("%s left the queue"), name);

      /* The queue follows from the store's ::changed. */
      show_toast (self, message);
    }
}

static void
follow_up_done_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) actor = jd_consultations_get_actor (self);

  /* Done, the follow-ups follow from the store's ::changed. */
  if (jd_consultation_follow_up_done (jd_store_get_db (self->store), g_variant_get_int64 (parameter), &error))
    {
      show_toast (self, _("Follow-up done"));
      return;
    }

  jd_consultations_show_error (self, error);
  if (actor != NULL)
    jd_consultations_refresh_follow_ups (self, actor->id);
}

/* A day not before the centre's today. */
static gboolean
parse_future_day (JdDb       *db,
                  const char *text,
                  GDate      *date)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  GDate today;

  if (!jd_date_parse (text, date))
    return FALSE;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_compare (date, &today) >= 0;
}

/* What the Reschedule dialog works on, held by its handlers rather than
 * kept on the dialog. */
typedef struct
{
  JdConsultationsPage *page;
  JdStore             *store;
  gint64               id;
} Reschedule;

static void
reschedule_free (gpointer  data,
                 GClosure *closure)
{
  Reschedule *reschedule = data;

  g_object_unref (reschedule->page);
  g_object_unref (reschedule->store);
  g_free (reschedule);
}

/* Reschedule is offered only for a day that can be saved. */
static void
reschedule_entry_changed_cb (GtkEditable *entry,
                             Reschedule  *reschedule)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (entry), ADW_TYPE_MESSAGE_DIALOG);
  GDate date;

  if (dialog == NULL)
    return;
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "reschedule",
                                           parse_future_day (jd_store_get_db (reschedule->store),
                                                             gtk_editable_get_text (entry), &date));
}

static void
reschedule_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        Reschedule       *reschedule)
{
  JdConsultationsPage *self = reschedule->page;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) actor = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDate today;

  /* The page may have been disposed while the dialog was open. */
  if (!g_str_equal (response, "reschedule") || self->store == NULL)
    return;

  now = jd_db_now_local (jd_store_get_db (self->store));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  /* Done, the follow-ups follow from the store's ::changed. */
  if (jd_consultation_reschedule (jd_store_get_db (self->store), reschedule->id, gtk_editable_get_text (entry), &today, &error))
    {
      show_toast (self, _("Follow-up rescheduled"));
      return;
    }

  jd_consultations_show_error (self, error);
  actor = jd_consultations_get_actor (self);
  if (actor != NULL)
    jd_consultations_refresh_follow_ups (self, actor->id);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GDateTime) now = jd_db_now_local (jd_store_get_db (self->store));
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
  g_autofree char *suggested = jd_date_format_day (week);
  GtkWidget *dialog, *entry;
  Reschedule *reschedule;

  dialog = adw_message_dialog_new (parent_window (self), _("Reschedule the Follow-Up?"),
                                   _("Enter the new date as DD.MM.YYYY: today or a later day."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reschedule", _("_Reschedule"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reschedule",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reschedule");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), suggested);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Follow-up date"), -1);
  reschedule = g_new0 (Reschedule, 1);
  reschedule->page = g_object_ref (self);
  reschedule->store = g_object_ref (self->store);
  reschedule->id = id;
  /* The entry lives no longer than the dialog, which holds @reschedule. */
  g_signal_connect (entry, "changed", G_CALLBACK (reschedule_entry_changed_cb), reschedule);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_signal_connect_data (dialog, "response", G_CALLBACK (reschedule_response_cb), reschedule,
                         reschedule_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Set-up. */

static void
fill_filters (JdConsultationsPage *self)
{
  g_autoptr(GtkStringList) services = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);
  const JdChoice *choices;
  guint n;

  gtk_string_list_append (services, _("All services"));
  choices = jd_consultation_services (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (services, jd_choice_label (choices, n, choices[i].code));
  gtk_drop_down_set_model (self->service_filter, G_LIST_MODEL (services));

  gtk_string_list_append (outcomes, _("All outcomes"));
  choices = jd_consultation_outcomes (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (outcomes, jd_choice_label (choices, n, choices[i].code));
  gtk_drop_down_set_model (self->outcome_filter, G_LIST_MODEL (outcomes));
}

/* Consultations logged, people joining or leaving the queue (a
 * check-in), here or at another desk, or someone else signing in: the
 * page on screen reads again, once for several; one out of sight when
 * it comes back (map ()). */
static void
store_changed_cb (JdConsultationsPage *self,
                  JdTopics             topics)
{
  if ((topics & (JD_TOPIC_CONSULTATIONS | JD_TOPIC_QUEUE | JD_TOPIC_VISITS |
                 JD_TOPIC_VISITORS | JD_TOPIC_STAFF)) != 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_soon (self);
}

static void
actor_changed_cb (JdConsultationsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_soon (self);
}

static void
jd_consultations_page_map (GtkWidget *widget)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (jd_consultations_page_parent_class)->map (widget);

  refresh_soon (self);
}

static void
jd_consultations_page_constructed (GObject *object)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (object);

  G_OBJECT_CLASS (jd_consultations_page_parent_class)->constructed (object);

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->store != NULL);
  if (self->store == NULL)
    return;

  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  jd_store_watch (self->store);
  /* What the page shows depends on who is signed in. */
  g_signal_connect_object (self->store, "notify::actor", G_CALLBACK (actor_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
jd_consultations_page_dispose (GObject *object)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->queue);
  g_clear_object (&self->today);
  g_clear_object (&self->follow_ups);
  g_clear_object (&self->all);
  g_clear_pointer (&self->follow_ups_day, g_free);
  g_clear_pointer (&self->opened.referral, g_free);
  g_clear_pointer (&self->opened.placed_from, g_free);
  g_clear_pointer (&self->opened.placed_to, g_free);
  g_clear_pointer (&self->opened.follow_up_due, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_CONSULTATIONS_PAGE);
  if (self->store != NULL)
    jd_store_unwatch (self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_consultations_page_parent_class)->dispose (object);
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_consultations_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_consultations_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (object);

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
jd_consultations_page_class_init (JdConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jd_consultations_page_constructed;
  object_class->dispose = jd_consultations_page_dispose;
  object_class->get_property = jd_consultations_page_get_property;
  object_class->set_property = jd_consultations_page_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = jd_consultations_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-consultations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, services_label);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, queue_box);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, queue_empty);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, today_empty);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, follow_ups_list);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, follow_ups_empty);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, service_filter);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, outcome_filter);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, period_filter);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, all_count);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, all_list);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, all_banner);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationsPage, all_banner_label);
  gtk_widget_class_bind_template_callback_full (widget_class, "show_all_cb",
                                                G_CALLBACK (jd_consultations_show_all_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "filter_changed_cb",
                                                G_CALLBACK (jd_consultations_filter_changed_cb));
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "consultations.log", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "consultations.call-next", "s",
                                   call_next_action);
  gtk_widget_class_install_action (widget_class, "consultations.queue-remove", "x",
                                   queue_remove_action);
  gtk_widget_class_install_action (widget_class, "consultations.follow-up-done", "x",
                                   follow_up_done_action);
  gtk_widget_class_install_action (widget_class, "consultations.reschedule", "x",
                                   reschedule_action);
}

static void
jd_consultations_page_init (JdConsultationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  jd_drop_down_ellipsize (self->service_filter, 12);
  jd_drop_down_ellipsize (self->outcome_filter, 12);
  jd_drop_down_ellipsize (self->period_filter, 10);
  /* Searching every consultation by name reads the whole table: wait
   * for a pause in the typing rather than search every letter. */
  gtk_search_entry_set_search_delay (self->search_entry, 300);
  /* Not bound as a template child: with GTK 4.8 the dispose of the
   * template would unparent it, and AdwBin's dispose again. */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
  self->queue = g_list_store_new (JD_TYPE_QUEUE_ITEM);
  jd_consultations_bind_lists (self);
  fill_filters (self);
}
