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
#include "jd-consultations-page.h"
#include "jd-drop-down.h"
#include "jd-queue.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor-rows.h"
#include "jd-visitor.h"

/* Enough to find one by scrolling; the search finds the rest. */
#define LIST_LIMIT 200
/* Other desks check people in: the queue is read again this often. */
#define QUEUE_REFRESH_S 30

enum
{
  PERIOD_TODAY,
  PERIOD_WEEK,
  PERIOD_MONTH,
  PERIOD_ALL,
};

struct _JdConsultationsPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkStack       *stack;          /* the AdwBin's child */
  GtkLabel       *services_label;
  GtkWidget      *queue_box;
  GtkWidget      *queue_empty;
  GtkListBox     *today_list;
  GtkWidget      *today_empty;
  GtkListBox     *follow_ups_list;
  GtkWidget      *follow_ups_empty;
  GtkSearchEntry *search_entry;
  GtkDropDown    *service_filter;
  GtkDropDown    *outcome_filter;
  GtkDropDown    *period_filter;
  GtkLabel       *all_count;
  GtkListBox     *all_list;
  GtkWidget      *all_banner;
  GtkLabel       *all_banner_label;

  /* borrowed: the application's connection */
  JdDb           *db;

  /* owned */
  GPtrArray      *queue;          /* JdQueueEntry, as shown */
  guint           periodic_source;
  guint           refresh_source;
  gboolean        allowed;
  /* A list opened from the dashboard, while its banner shows: these
   * replace the period chosen on the page. */
  struct
  {
    gboolean      active;
    gint64        from;
    gint64        to;
    char         *referral;
    char         *placed_from;
    char         *placed_to;
    char         *follow_up_due;
  } opened;
};

G_DEFINE_FINAL_TYPE (JdConsultationsPage, jd_consultations_page, ADW_TYPE_BIN)

static GQuark consultation_id_quark;
static GQuark entry_id_quark;

static gint64
object_get_id (gpointer object,
               GQuark   quark)
{
  gint64 *id = g_object_get_qdata (G_OBJECT (object), quark);

  return id ? *id : 0;
}

static void
object_set_id (gpointer object,
               GQuark   quark,
               gint64   id)
{
  g_object_set_qdata_full (G_OBJECT (object), quark, g_memdup2 (&id, sizeof id), g_free);
}

static void
clear_box (GtkWidget *box)
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

static void
show_error (JdConsultationsPage *self,
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

static const char *
service_label (const char *code)
{
  guint n;
  const JdChoice *services = jd_consultation_services (&n);

  return jd_choice_label (services, n, code);
}

static const char *
outcome_label (const char *code)
{
  guint n;
  const JdChoice *outcomes = jd_consultation_outcomes (&n);

  return jd_choice_label (outcomes, n, code);
}

/* Times and days on the centre's clock, not the machine's. */
static char *
format_clock (JdDb   *db,
              gint64  unix_time)
{
  g_autoptr(GDateTime) when = jd_db_local_time (db, unix_time);

  return g_date_time_format (when, "%H:%M");
}

static char *
format_day (const char *iso)
{
  GDate date;

  if (!jd_date_parse (iso, &date))
    return g_strdup (iso ? iso : "");
  return g_strdup_printf ("%02u.%02u.%04u", g_date_get_day (&date), g_date_get_month (&date),
                          g_date_get_year (&date));
}

static GDateTime *
day_start (GDateTime *when)
{
  return g_date_time_new (g_date_time_get_timezone (when), g_date_time_get_year (when),
                          g_date_time_get_month (when), g_date_time_get_day_of_month (when), 0, 0, 0);
}

/* The shared light row (jd-visitor-rows.c), with room between its
 * suffixes and the whole subtitle (specialist, service, outcome) as the
 * tooltip. Suffixes go into *header_out. */
static GtkWidget *
light_row_new (const char  *title,
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

static GtkWidget *
consultation_row_new (const JdConsultationRow  *c,
                      const char               *subtitle,
                      GtkWidget               **header_out)
{
  g_autofree char *person = jd_consultation_describe_person (c->visitor_name, c->anon_sex,
                                                             c->anon_age_band);
  GtkWidget *row = light_row_new (person, subtitle, header_out);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  object_set_id (row, consultation_id_quark, c->id);
  return row;
}

/* "Psychological help · Anxiety and stress": the service and the topic. */
static void
append_service (GString                 *text,
                const JdConsultationRow *c)
{
  g_string_append_printf (text, "%s%s", text->len ? " · " : "", service_label (c->service));
  if (c->topic != NULL)
    {
      guint n;
      const JdChoice *topics = jd_consultation_topics (c->service, &n);

      g_string_append_printf (text, " · %s", jd_choice_label (topics, n, c->topic));
    }
}

/* Who is signed in, and what for. */

static JdStaff *
get_actor (JdConsultationsPage *self)
{
  return self->db ? jd_db_get_actor (self->db) : NULL;
}

/* The services whose queue this person works: a specialist's own, or
 * every service for managers and administrators. */
static GStrv
queue_services (const JdStaff *actor)
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

  services = queue_services (actor);
  if (services[0] == NULL)
    {
      gtk_label_set_label (self->services_label,
                           _("No services are set for your account. Ask an administrator to add yours."));
      return;
    }

  for (guint i = 0; services[i] != NULL; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", service_label (services[i]));
  /* Translators: the services of the signed-in specialist, e.g.
   * "Your services: Psychological help, Legal advice". */
  label = g_strdup_printf (_("Your services: %s"), names->str);
  gtk_label_set_label (self->services_label, label);
}

/* The waiting queue. */

static char *
describe_entry (JdDb               *db,
                const JdQueueEntry *entry,
                gint64              now)
{
  g_autofree char *since = format_clock (db, entry->enqueued_at);
  guint minutes = now > entry->enqueued_at ? (guint) ((now - entry->enqueued_at) / 60) : 0;

  if (entry->called_at != 0)
    {
      g_autofree char *called = format_clock (db, entry->called_at);

      /* Translators: a person in the queue who was called: the time, and
       * the staff member who called them. */
      return g_strdup_printf (_("Called at %s by %s"), called,
                              entry->called_by_name ? entry->called_by_name : "");
    }

  /* Translators: a person in the queue: since what time they wait, and
   * for how many minutes, e.g. "Waiting since 10:42 · 12 min". */
  return g_strdup_printf (ngettext ("Waiting since %s · %u min", "Waiting since %s · %u min",
                                    minutes),
                          since, minutes);
}

static GtkWidget *
queue_row_new (JdDb               *db,
               const JdQueueEntry *entry,
               gint64              now)
{
  g_autofree char *subtitle = describe_entry (db, entry, now);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *header;
  GtkWidget *row = light_row_new (entry->visitor_name ? entry->visitor_name : "", subtitle,
                                  &header);
  GtkWidget *button;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  object_set_id (row, entry_id_quark, entry->id);

  if (entry->called_at != 0)
    {
      GtkWidget *tag = gtk_label_new (C_("queue", "Called"));

      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "accent");
      gtk_box_append (GTK_BOX (header), tag);
    }

  item = g_menu_item_new (_("_Left Without a Consultation"), NULL);
  g_menu_item_set_action_and_target_value (item, "consultations.queue-remove",
                                           g_variant_new_int64 (entry->id));
  g_menu_append_item (menu, item);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("More"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (header), button);

  return row;
}

static void
queue_row_activated_cb (JdConsultationsPage *self,
                        GtkListBoxRow       *row);

/* One block per service: its name, how many wait, Call Next, and the
 * people, longest waiting first. */
static GtkWidget *
service_block_new (JdConsultationsPage *self,
                   const char          *service,
                   GPtrArray           *entries,
                   gint64               now)
{
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label, *button, *list;
  g_autofree char *count = NULL;
  guint waiting = 0, shown = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      JdQueueEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->service, service))
        {
          shown++;
          if (entry->called_at == 0)
            waiting++;
        }
    }

  label = gtk_label_new (service_label (service));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (titles), label);

  count = waiting > 0
          ? g_strdup_printf (ngettext ("%u waiting", "%u waiting", waiting), waiting)
          : g_strdup (_("Nobody waiting"));
  label = gtk_label_new (count);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (titles), label);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (top), titles);

  button = gtk_button_new_with_mnemonic (_("_Call Next"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (waiting > 0)
    {
      /* Translators: a tooltip; %s is a service, e.g. "Legal advice". */
      g_autofree char *tip = g_strdup_printf (_("Call the person who has waited longest for %s"),
                                              service_label (service));

      gtk_widget_set_tooltip_text (button, tip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consultations.call-next");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (service));
      gtk_widget_add_css_class (button, "suggested-action");
    }
  else
    {
      /* Without an action: an enabled action would make it sensitive. */
      gtk_widget_set_sensitive (button, FALSE);
    }
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (block), top);

  if (shown > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      service_label (service), -1);
      g_signal_connect_object (list, "row-activated", G_CALLBACK (queue_row_activated_cb), self,
                               G_CONNECT_SWAPPED);
      for (guint i = 0; i < entries->len; i++)
        {
          JdQueueEntry *entry = g_ptr_array_index (entries, i);

          if (g_str_equal (entry->service, service))
            gtk_list_box_append (GTK_LIST_BOX (list), queue_row_new (self->db, entry, now));
        }
      gtk_box_append (GTK_BOX (block), list);
    }

  return block;
}

static void
refresh_queue (JdConsultationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) actor = get_actor (self);
  g_auto(GStrv) services = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 now = jd_db_now ();
  guint blocks = 0;

  clear_box (self->queue_box);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  if (actor == NULL || !self->allowed)
    return;

  entries = jd_queue_list (self->db, NULL, now, &error);
  if (entries == NULL)
    {
      show_error (self, error);
      return;
    }

  services = queue_services (actor);
  for (guint i = 0; services[i] != NULL; i++)
    {
      gboolean any = FALSE;

      for (guint j = 0; j < entries->len && !any; j++)
        any = g_str_equal (((JdQueueEntry *) g_ptr_array_index (entries, j))->service, services[i]);

      /* A specialist sees each of their services, empty or not; the
       * others only the services someone waits for. */
      if (!any && actor->role != JD_ROLE_SPECIALIST)
        continue;
      gtk_box_append (GTK_BOX (self->queue_box), service_block_new (self, services[i], entries, now));
      blocks++;
    }

  gtk_widget_set_visible (self->queue_box, blocks > 0);
  gtk_widget_set_visible (self->queue_empty, blocks == 0);
  self->queue = g_steal_pointer (&entries);
}

static const JdQueueEntry *
find_entry (JdConsultationsPage *self,
            gint64               entry_id)
{
  for (guint i = 0; self->queue != NULL && i < self->queue->len; i++)
    {
      const JdQueueEntry *entry = g_ptr_array_index (self->queue, i);

      if (entry->id == entry_id)
        return entry;
    }
  return NULL;
}

/* Lists of consultations. */

static void
refresh_today (JdConsultationsPage *self,
               gint64               actor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->db);
  g_autoptr(GDateTime) start = day_start (now);
  g_autoptr(GDateTime) end = g_date_time_add_days (start, 1);
  JdConsultationFilter filter = { 0 };

  clear_box (GTK_WIDGET (self->today_list));

  filter.specialist_id = actor_id;
  filter.from = g_date_time_to_unix (start);
  filter.to = g_date_time_to_unix (end);
  rows = jd_consultation_list (self->db, &filter, LIST_LIMIT, NULL, &error);
  if (rows == NULL)
    {
      show_error (self, error);
      rows = g_ptr_array_new ();
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const JdConsultationRow *c = g_ptr_array_index (rows, i);
      g_autofree char *clock = format_clock (self->db, c->started_at);
      g_autoptr(GString) subtitle = g_string_new (clock);

      append_service (subtitle, c);
      g_string_append_printf (subtitle, " · %s", outcome_label (c->outcome));
      gtk_list_box_append (self->today_list, consultation_row_new (c, subtitle->str, NULL));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->today_list), rows->len > 0);
  gtk_widget_set_visible (self->today_empty, rows->len == 0);
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

static void
refresh_follow_ups (JdConsultationsPage *self,
                    gint64               actor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->db);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JdConsultationFilter filter = { 0 };

  clear_box (GTK_WIDGET (self->follow_ups_list));

  filter.specialist_id = actor_id;
  filter.follow_up_due = today;
  rows = jd_consultation_list (self->db, &filter, LIST_LIMIT, NULL, &error);
  if (rows == NULL)
    {
      show_error (self, error);
      rows = g_ptr_array_new ();
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const JdConsultationRow *c = g_ptr_array_index (rows, i);
      g_autofree char *day = format_day (c->follow_up_on);
      /* Translators: when a follow-up is due, e.g. "Due 12.05.2026". */
      g_autofree char *due = g_strdup_printf (_("Due %s"), day);
      g_autoptr(GString) subtitle = g_string_new (due);
      g_autofree char *person = jd_consultation_describe_person (c->visitor_name, c->anon_sex,
                                                                 c->anon_age_band);
      /* ISO days compare as text. */
      gboolean overdue = g_strcmp0 (c->follow_up_on, today) < 0;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *squeezer = adw_squeezer_new ();

      append_service (subtitle, c);

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
      object_set_id (row, consultation_id_quark, c->id);
      gtk_list_box_append (self->follow_ups_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->follow_ups_list), rows->len > 0);
  gtk_widget_set_visible (self->follow_ups_empty, rows->len == 0);
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

static void
refresh_all_list (JdConsultationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->db);
  g_autoptr(GDateTime) today = day_start (now);
  g_autoptr(GDateTime) from = NULL;
  g_autofree char *label = NULL;
  JdConsultationFilter filter = { 0 };
  const JdChoice *services, *outcomes;
  guint n_services, n_outcomes, total = 0;

  clear_box (GTK_WIDGET (self->all_list));
  if (self->db == NULL || !self->allowed)
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
      /* Weeks start on Monday here. */
      from = g_date_time_add_days (today, 1 - g_date_time_get_day_of_week (today));
      break;
    case PERIOD_MONTH:
      from = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));
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

  rows = jd_consultation_list (self->db, &filter, LIST_LIMIT, &total, &error);
  if (rows == NULL)
    {
      gtk_label_set_label (self->all_count, error->message);
      return;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      const JdConsultationRow *c = g_ptr_array_index (rows, i);
      g_autoptr(GDateTime) started = jd_db_local_time (self->db, c->started_at);
      g_autofree char *when = g_date_time_format (started, "%d.%m.%Y %H:%M");
      g_autoptr(GString) subtitle = g_string_new (when);

      append_service (subtitle, c);
      g_string_append_printf (subtitle, " · %s", outcome_label (c->outcome));
      if (c->specialist_name != NULL)
        g_string_append_printf (subtitle, " · %s", c->specialist_name);
      gtk_list_box_append (self->all_list, consultation_row_new (c, subtitle->str, NULL));
    }

  if (total == 0)
    label = g_strdup (_("No consultations match. Try another name, service, outcome or period."));
  else if (total > rows->len)
    /* Translators: the list is cut short, e.g. "The newest 200 of 1,234 consultations". */
    label = g_strdup_printf (ngettext ("The newest %u of %u consultation",
                                       "The newest %u of %u consultations", total),
                             rows->len, total);
  else
    label = g_strdup_printf (ngettext ("%u consultation", "%u consultations", total), total);
  gtk_label_set_label (self->all_count, label);
  gtk_widget_set_visible (GTK_WIDGET (self->all_list), rows->len > 0);
}

static void
filter_changed_cb (JdConsultationsPage *self)
{
  refresh_all_list (self);
}

static void
forget_opened (JdConsultationsPage *self)
{
  g_clear_pointer (&self->opened.referral, g_free);
  g_clear_pointer (&self->opened.placed_from, g_free);
  g_clear_pointer (&self->opened.placed_to, g_free);
  g_clear_pointer (&self->opened.follow_up_due, g_free);
  memset (&self->opened, 0, sizeof self->opened);
  gtk_widget_set_visible (self->all_banner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_filter), TRUE);
}

static void
show_all_cb (JdConsultationsPage *self)
{
  forget_opened (self);
  refresh_all_list (self);
}

/**
 * jd_consultations_page_show_filtered:
 * @filter: its service, period, referral, placements and follow-ups are used
 * @description: what the list holds, in words, shown above it
 *
 * Lists the consultations the dashboard counted, under "All
 * Consultations", and brings them into view.
 */
void
jd_consultations_page_show_filtered (JdConsultationsPage        *self,
                                     const JdConsultationFilter *filter,
                                     const char                 *description)
{
  guint n_services, service = 0;
  const JdChoice *services = jd_consultation_services (&n_services);

  g_return_if_fail (JD_IS_CONSULTATIONS_PAGE (self));
  g_return_if_fail (filter != NULL && description != NULL);

  forget_opened (self);
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
  g_signal_handlers_block_by_func (self->service_filter, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->outcome_filter, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->period_filter, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->search_entry, filter_changed_cb, self);
  gtk_drop_down_set_selected (self->service_filter, service);
  gtk_drop_down_set_selected (self->outcome_filter, 0);
  gtk_drop_down_set_selected (self->period_filter, PERIOD_ALL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->service_filter, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->outcome_filter, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->period_filter, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->search_entry, filter_changed_cb, self);

  gtk_label_set_label (self->all_banner_label, description);
  gtk_widget_set_visible (self->all_banner, TRUE);
  /* The banner's period holds until Show All. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->period_filter), FALSE);
  refresh_all_list (self);
  /* Focus scrolls the page down to the list. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
jd_consultations_page_refresh (JdConsultationsPage *self)
{
  g_autoptr(JdStaff) actor = NULL;

  g_return_if_fail (JD_IS_CONSULTATIONS_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  actor = get_actor (self);
  self->allowed = actor != NULL && jd_access_allowed (self->db, JD_PERM_CONSULT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consultations.log", self->allowed);
  gtk_stack_set_visible_child_name (self->stack, self->allowed ? "content" : "denied");
  if (!self->allowed)
    {
      clear_box (self->queue_box);
      clear_box (GTK_WIDGET (self->today_list));
      clear_box (GTK_WIDGET (self->follow_ups_list));
      clear_box (GTK_WIDGET (self->all_list));
      g_clear_pointer (&self->queue, g_ptr_array_unref);
      return;
    }

  update_services_label (self, actor);
  refresh_queue (self);
  refresh_today (self, actor->id);
  refresh_follow_ups (self, actor->id);
  refresh_all_list (self);
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
  if (self->refresh_source == 0 && self->db != NULL)
    self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

/* Opening forms and consultations. */

static void
form_saved_cb (JdConsultationsPage *self,
               gint64               id)
{
  show_toast (self, _("Consultation saved"));
  jd_consultations_page_refresh (self);
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

  if (self->db == NULL || !jd_access_allowed (self->db, JD_PERM_CONSULT))
    return;

  present_form (self, jd_consultation_form_new (self->db));
}

static void
open_from_queue (JdConsultationsPage *self,
                 const JdQueueEntry  *entry)
{
  present_form (self, jd_consultation_form_new_from_queue (self->db, entry->visitor_id,
                                                           entry->visitor_name, entry->visit_id,
                                                           entry->service));
}

static void
queue_row_activated_cb (JdConsultationsPage *self,
                        GtkListBoxRow       *row)
{
  const JdQueueEntry *entry = find_entry (self, object_get_id (row, entry_id_quark));

  if (entry != NULL)
    open_from_queue (self, entry);
}

static void
view_edit_cb (JdConsultationsPage *self,
              gint64               id)
{
  g_autoptr(GError) error = NULL;
  JdConsultationForm *form = jd_consultation_form_new (self->db);

  if (!jd_consultation_form_load (form, id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (form));
      show_error (self, error);
      return;
    }
  present_form (self, form);
}

static void
row_activated_cb (JdConsultationsPage *self,
                  GtkListBoxRow       *row)
{
  g_autoptr(GError) error = NULL;
  JdConsultationView *view;

  view = jd_consultation_view_new (self->db, object_get_id (row, consultation_id_quark), &error);
  if (view == NULL)
    {
      show_error (self, error);
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

  entry = jd_queue_call_next (self->db, service, jd_db_now (), &error);
  if (error != NULL)
    {
      show_error (self, error);
    }
  else if (entry == NULL)
    {
      /* Someone else called them first. */
      g_autofree char *message = g_strdup_printf (_("Nobody is waiting for %s any more."),
                                                  service_label (service));

      show_toast (self, message);
    }
  else
    {
      open_from_queue (self, entry);
    }
  refresh_queue (self);
}

static void
queue_remove_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  const JdQueueEntry *entry = find_entry (self, id);
  g_autofree char *name = g_strdup (entry && entry->visitor_name ? entry->visitor_name : "");
  g_autoptr(GError) error = NULL;

  if (!jd_queue_remove (self->db, id, &error))
    {
      show_error (self, error);
    }
  else
    {
      /* Translators: a toast; %s is the name of a person who left the queue. */
      g_autofree char *message = g_strdup_printf (_("%s left the queue"), name);

      show_toast (self, message);
    }
  refresh_queue (self);
}

static void
follow_up_done_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) actor = get_actor (self);

  if (!jd_consultation_follow_up_done (self->db, g_variant_get_int64 (parameter), &error))
    show_error (self, error);
  else
    show_toast (self, _("Follow-up done"));

  if (actor != NULL)
    refresh_follow_ups (self, actor->id);
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

/* Reschedule is offered only for a day that can be saved. */
static void
reschedule_entry_changed_cb (GtkEditable      *entry,
                             AdwMessageDialog *dialog)
{
  GDate date;

  adw_message_dialog_set_response_enabled (dialog, "reschedule",
                                           parse_future_day (g_object_get_data (G_OBJECT (dialog), "jd-db"),
                                                             gtk_editable_get_text (entry), &date));
}

static void
reschedule_response_cb (AdwMessageDialog    *dialog,
                        const char          *response,
                        JdConsultationsPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 *id = g_object_get_qdata (G_OBJECT (dialog), consultation_id_quark);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) actor = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (self->db);
  GDate today;

  if (!g_str_equal (response, "reschedule") || id == NULL)
    return;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (!jd_consultation_reschedule (self->db, *id, gtk_editable_get_text (entry), &today, &error))
    show_error (self, error);
  else
    show_toast (self, _("Follow-up rescheduled"));

  actor = get_actor (self);
  if (actor != NULL)
    refresh_follow_ups (self, actor->id);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GDateTime) now = jd_db_now_local (self->db);
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 7);
  g_autofree char *suggested = g_date_time_format (week, "%d.%m.%Y");
  GtkWidget *dialog, *entry;

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
  g_object_set_data (G_OBJECT (dialog), "jd-db", self->db);
  g_signal_connect_object (entry, "changed", G_CALLBACK (reschedule_entry_changed_cb), dialog, 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  object_set_id (dialog, consultation_id_quark, id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reschedule_response_cb), self, 0);
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

void
jd_consultations_page_set_db (JdConsultationsPage *self,
                              JdDb                *db)
{
  g_return_if_fail (JD_IS_CONSULTATIONS_PAGE (self));

  self->db = db;
  gtk_widget_set_sensitive (GTK_WIDGET (self), db != NULL);
  if (db != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh_soon (self);
}

static gboolean
periodic_refresh_cb (gpointer data)
{
  JdConsultationsPage *self = data;

  if (self->db != NULL && self->allowed)
    refresh_queue (self);
  return G_SOURCE_CONTINUE;
}

/* Read when the page comes on screen (someone else may have signed in,
 * or logged, since), and the queue every half minute while it shows. */
static void
jd_consultations_page_map (GtkWidget *widget)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);

  GTK_WIDGET_CLASS (jd_consultations_page_parent_class)->map (widget);

  refresh_soon (self);
  if (self->periodic_source == 0)
    self->periodic_source = g_timeout_add_seconds (QUEUE_REFRESH_S, periodic_refresh_cb, self);
}

static void
jd_consultations_page_unmap (GtkWidget *widget)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (widget);

  g_clear_handle_id (&self->periodic_source, g_source_remove);

  GTK_WIDGET_CLASS (jd_consultations_page_parent_class)->unmap (widget);
}

static void
jd_consultations_page_dispose (GObject *object)
{
  JdConsultationsPage *self = JD_CONSULTATIONS_PAGE (object);

  g_clear_handle_id (&self->periodic_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->queue, g_ptr_array_unref);
  g_clear_pointer (&self->opened.referral, g_free);
  g_clear_pointer (&self->opened.placed_from, g_free);
  g_clear_pointer (&self->opened.placed_to, g_free);
  g_clear_pointer (&self->opened.follow_up_due, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_CONSULTATIONS_PAGE);

  G_OBJECT_CLASS (jd_consultations_page_parent_class)->dispose (object);
}

static void
jd_consultations_page_class_init (JdConsultationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_consultations_page_dispose;
  widget_class->map = jd_consultations_page_map;
  widget_class->unmap = jd_consultations_page_unmap;

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
  gtk_widget_class_bind_template_callback (widget_class, show_all_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
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

  consultation_id_quark = g_quark_from_static_string ("jd-consultation-id");
  entry_id_quark = g_quark_from_static_string ("jd-queue-entry-id");
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
  fill_filters (self);
}
