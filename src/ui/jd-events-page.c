/* jd-events-page.c: events, and checking people in to one
 *
 * The list of upcoming (soonest first) or past (latest first) events
 * sits beside the event open. People are checked in with the front
 * desk's search, by keyboard: type, Up/Down, Enter. Someone not found
 * is registered on the spot (Ctrl+N) and checked in once saved; an
 * open-air crowd is added as a head count. Every check-in and removal
 * has Undo. The rules (capacity, the visit of the day, no double entry)
 * are in src/core/jd-event.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-events-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-date-format.h"
#include "jd-event-form.h"
#include "jd-event-item.h"
#include "jd-event.h"
#include "jd-events-page.h"
#include "jd-staff.h"
#include "jd-visitor-form.h"
#include "jd-visitor-rows.h"
#include "jd-visitor-search.h"
#include "jd-visitor.h"
#include "jd-window.h"

/* Events in the list: a centre holds a few hundred a year. */
#define MAX_EVENTS 300

struct _JdEventsPage
{
  AdwBin           parent_instance;

  /* template children */
  AdwLeaflet      *leaflet;
  GtkWidget       *sidebar;
  GtkWidget       *content;
  GtkToggleButton *upcoming_button;
  GtkStack        *list_stack;
  GtkListBox      *event_list;
  AdwStatusPage   *list_empty_page;
  GtkStack        *content_stack;
  GtkLabel        *title_label;
  GtkLabel        *when_label;
  GtkLabel        *details_label;
  GtkLabel        *description_label;
  GtkLabel        *count_label;
  GtkWidget       *full_label;
  GtkLevelBar     *capacity_bar;
  GtkBox          *event_box;
  GtkWidget       *new_visitor_button;
  GtkWidget       *attendance_box;
  GtkListBox      *attendance_list;
  GtkWidget       *attendance_empty;
  GtkWidget       *register_button;

  JdStore         *store;
  JdEvent         *event;          /* the one open, or NULL */
  GListStore      *events;         /* JdEventItem, shown in @event_list */
  GListStore      *attendance;     /* JdAttendanceItem of @event, in @attendance_list */
  JdVisitorSearch *search;         /* a child of @event_box */
};

G_DEFINE_FINAL_TYPE (JdEventsPage, jd_events_page, ADW_TYPE_BIN)

/* What an Undo toast puts back or takes off again. */
typedef struct
{
  JdEventsPage *self;           /* valid while the handler is connected */
  gint64        event_id;
  gint64        attendance_id;  /* of a check-in */
  gint64        visitor_id;     /* of a removed entry; 0: a head count */
  guint         head_count;
} UndoEntry;

/* @undo travels with the toast's Undo, which does nothing once the
 * page is gone (as g_signal_connect_object ()). */
static void
connect_undo (JdEventsPage *self,
              AdwToast     *toast,
              GCallback     callback,
              UndoEntry    *undo)
{
  GClosure *closure;

  undo->self = self;
  closure = g_cclosure_new (callback, undo, (GClosureNotify) (void (*) (void)) g_free);
  g_object_watch_closure (G_OBJECT (self), closure);
  g_signal_connect_closure (toast, "button-clicked", closure, FALSE);
}

/* "Tue, 25.11.2026 · 15:00–17:00" */
/* On the centre's clock, not the machine's. */
static char *
describe_when (JdDb     *db,
               gint64    starts_at,
               gint64    ends_at,
               gboolean  with_year)
{
  g_autoptr(GDateTime) start = jd_db_local_time (db, starts_at);
  g_autoptr(GDateTime) end = jd_db_local_time (db, ends_at);
  g_autofree char *day = g_date_time_format (start, with_year ? "%a, %d.%m.%Y" : "%a, %d.%m");
  g_autofree char *from = jd_date_format_time (start);
  g_autofree char *to = jd_date_format_time (end);

  return g_strdup_printf ("%s · %s–%s", day, from, to);
}

static char *
describe_participants (JdEventItem *event)
{
  guint capacity = jd_event_item_get_capacity (event);
  guint participants = jd_event_item_get_participants (event);

  if (capacity > 0)
    /* Translators: people checked in to an event of limited capacity, e.g. "12 / 30". */
    return g_strdup_printf (C_("participants of capacity", "%u / %u"), participants, capacity);
  return g_strdup_printf ("%u", participants);
}

/* One event of the list: title, when and where, how many came. */
static GtkWidget *
create_event_row_cb (gpointer item,
                     gpointer user_data)
{
  JdEventsPage *self = user_data;
  JdEventItem *event = item;
  const char *place = jd_event_item_get_place (event);
  g_autofree char *when = describe_when (jd_store_get_db (self->store),
                                         jd_event_item_get_starts_at (event),
                                         jd_event_item_get_ends_at (event), FALSE);
  g_autofree char *count = describe_participants (event);
  g_autofree char *subtitle = place ? g_strdup_printf ("%s · %s", when, place) : g_strdup (when);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_hexpand (titles, TRUE);

  label = gtk_label_new (jd_event_item_get_title (event));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (titles), label);

  label = gtk_label_new (subtitle);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (titles), label);
  gtk_box_append (GTK_BOX (box), titles);

  label = gtk_label_new (count);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "numeric");
  if (jd_event_item_get_capacity (event) > 0 &&
      jd_event_item_get_participants (event) >= jd_event_item_get_capacity (event))
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Translators: tooltip of an event in the list: its title, when, and how many came. */
  tooltip = g_strdup_printf (_("%s\n%s\nParticipants: %s"), jd_event_item_get_title (event), subtitle,
                             count);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

static gboolean
showing_upcoming (JdEventsPage *self)
{
  return gtk_toggle_button_get_active (self->upcoming_button);
}

static void
refresh_list (JdEventsPage *self)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  gboolean upcoming = showing_upcoming (self);

  g_list_store_remove_all (self->events);
  if (self->store == NULL || !jd_access_allowed (jd_store_get_db (self->store), JD_PERM_FRONT_DESK))
    return;

  events = jd_event_list (jd_store_get_db (self->store), upcoming, jd_db_now (), MAX_EVENTS, &error);
  if (events == NULL)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  items = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (items, jd_event_item_new (g_ptr_array_index (events, i)));
  /* One ::items-changed: the list box makes the rows at once. */
  g_list_store_splice (self->events, 0, 0, items->pdata, items->len);
  for (guint i = 0; self->event != NULL && i < events->len; i++)
    if (((JdEvent *) g_ptr_array_index (events, i))->id == self->event->id)
      gtk_list_box_select_row (self->event_list, gtk_list_box_get_row_at_index (self->event_list, (int) i));

  if (events->len == 0)
    {
      adw_status_page_set_title (self->list_empty_page,
                                 upcoming ? _("No Upcoming Events") : _("No Past Events"));
      adw_status_page_set_description (self->list_empty_page,
                                       upcoming ? _("Press New Event to plan a lecture, a masterclass or a weekly course.")
                                                : _("Events appear here once they are over."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, events->len > 0 ? "list" : "empty");
}

static void remove_clicked_cb (GtkButton        *button,
                               JdAttendanceItem *entry);

/* "Асанов Ержан", or "Head count: 40 people" */
static char *
describe_entry (JdAttendanceItem *entry)
{
  guint head_count = jd_attendance_item_get_head_count (entry);

  if (jd_attendance_item_get_visitor_id (entry) != 0)
    return g_strdup (jd_attendance_item_get_visitor_name (entry));
  return g_strdup_printf (ngettext ("Head count: %u person", "Head count: %u people", head_count),
                          head_count);
}

/* One entry of the attendance: who or how many, when, and a button
 * that takes it off. */
static GtkWidget *
create_attendance_row_cb (gpointer item,
                          gpointer user_data)
{
  JdEventsPage *self = user_data;
  JdAttendanceItem *entry = item;
  g_autoptr(GDateTime) at = jd_db_local_time (jd_store_get_db (self->store),
                                              jd_attendance_item_get_checked_in_at (entry));
  g_autofree char *time = jd_date_format_time (at);
  g_autofree char *title = describe_entry (entry);
  g_autofree char *subtitle = NULL;
  GtkWidget *header, *row, *button;

  if (jd_attendance_item_get_visitor_id (entry) != 0)
    /* Translators: when a person was checked in to an event, e.g. "Checked in at 15:04". */
    subtitle = g_strdup_printf (_("Checked in at %s"), time);
  else
    /* Translators: when a head count was added, e.g. "Added at 15:04". */
    subtitle = g_strdup_printf (_("Added at %s"), time);

  row = jd_light_row_new (title, subtitle, &header);
  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Remove This Entry"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove This Entry"), -1);
  /* The row and its button live no longer than the item. */
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), entry, 0);
  gtk_box_append (GTK_BOX (header), button);
  return row;
}

static void
refresh_attendance (JdEventsPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_remove_all (self->attendance);
  if (self->event == NULL)
    return;

  entries = jd_event_attendance (jd_store_get_db (self->store), self->event->id, &error);
  if (entries == NULL)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  items = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (items, jd_attendance_item_new (self->event->id, g_ptr_array_index (entries, i)));
  g_list_store_splice (self->attendance, 0, 0, items->pdata, items->len);

  gtk_widget_set_visible (GTK_WIDGET (self->attendance_list), entries->len > 0);
  gtk_widget_set_visible (self->attendance_empty, entries->len == 0);
}

static void
show_counts (JdEventsPage *self)
{
  JdEvent *event = self->event;
  g_autofree char *count = NULL;
  gboolean full = event->capacity > 0 && event->participants >= event->capacity;

  if (event->capacity > 0)
    count = g_strdup_printf (ngettext ("%u of %u place taken", "%u of %u places taken",
                                       event->capacity),
                             event->participants, event->capacity);
  else
    count = g_strdup_printf (ngettext ("%u participant, no limit of places",
                                       "%u participants, no limit of places",
                                       event->participants),
                             event->participants);
  gtk_label_set_label (self->count_label, count);
  gtk_widget_set_visible (self->full_label, full);
  gtk_widget_set_visible (GTK_WIDGET (self->capacity_bar), event->capacity > 0);
  if (event->capacity > 0)
    gtk_level_bar_set_value (self->capacity_bar,
                             MIN (1.0, (double) event->participants / event->capacity));
}

static void
show_event (JdEventsPage *self)
{
  JdEvent *event = self->event;
  guint n_kinds;
  const JdChoice *kinds = jd_event_kinds (&n_kinds);
  g_autofree char *when = NULL;
  GString *details;

  if (event == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.edit", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.head-count", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.new-visitor", FALSE);
      return;
    }

  when = describe_when (jd_store_get_db (self->store), event->starts_at, event->ends_at, TRUE);
  gtk_label_set_label (self->title_label, event->title);
  gtk_label_set_label (self->when_label, when);

  details = g_string_new (jd_choice_label (kinds, n_kinds, event->kind));
  if (event->place != NULL)
    g_string_append_printf (details, " · %s", event->place);
  if (event->organiser != NULL)
    {
      g_string_append (details, " · ");
      /* Translators: who runs an event, e.g. "Organiser: Career centre". */
      g_string_append_printf (details, _("Organiser: %s"), event->organiser);
    }
  gtk_label_set_label (self->details_label, details->str);
  g_string_free (details, TRUE);

  gtk_label_set_label (self->description_label, event->description ? event->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), event->description != NULL);

  show_counts (self);
  refresh_attendance (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.edit", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.head-count", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "events.new-visitor", TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "event");
}

/* Reads the open event again (its counts changed) and its row. */
static void
reload_event (JdEventsPage *self)
{
  g_autoptr(GError) error = NULL;
  JdEvent *event;

  if (self->event == NULL)
    return;

  event = jd_event_load (jd_store_get_db (self->store), self->event->id, &error);
  g_clear_pointer (&self->event, jd_event_free);
  self->event = event;
  if (event == NULL)
    jd_widget_show_error (GTK_WIDGET (self), error);
  show_event (self);
  refresh_list (self);
}

static gboolean
focus_search_idle_cb (gpointer data)
{
  JdEventsPage *self = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (self->search)))
    gtk_widget_grab_focus (GTK_WIDGET (self->search));
  return G_SOURCE_REMOVE;
}

void
jd_events_page_open_event (JdEventsPage *self,
                           gint64        event_id)
{
  g_autoptr(GError) error = NULL;
  JdEvent *event;
  gboolean upcoming;

  g_return_if_fail (JD_IS_EVENTS_PAGE (self));

  if (self->store == NULL)
    return;

  event = jd_event_load (jd_store_get_db (self->store), event_id, &error);
  if (event == NULL)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_clear_pointer (&self->event, jd_event_free);
  self->event = event;

  /* The list the event belongs to, with it selected. */
  upcoming = event->ends_at >= jd_db_now ();
  if (upcoming != showing_upcoming (self))
    gtk_toggle_button_set_active (self->upcoming_button, upcoming);  /* refreshes */
  else
    refresh_list (self);

  jd_visitor_search_clear (self->search);
  show_event (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  /* Once the section switch that may have brought us here is done. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_search_idle_cb, g_object_ref (self), g_object_unref);
}

gint64
jd_events_page_get_event_id (JdEventsPage *self)
{
  g_return_val_if_fail (JD_IS_EVENTS_PAGE (self), 0);

  return self->event ? self->event->id : 0;
}

gboolean
jd_events_page_is_searching (JdEventsPage *self)
{
  g_return_val_if_fail (JD_IS_EVENTS_PAGE (self), FALSE);

  return jd_visitor_search_is_searching (self->search);
}

void
jd_events_page_refresh (JdEventsPage *self)
{
  g_return_if_fail (JD_IS_EVENTS_PAGE (self));

  if (self->event != NULL)
    reload_event (self);
  else
    refresh_list (self);
}

/* Check-in and its Undo. */

static void
undo_check_in_cb (AdwToast  *toast,
                  UndoEntry *undo)
{
  JdEventsPage *self = undo->self;
  g_autoptr(GError) error = NULL;

  if (!jd_event_remove_attendance (jd_store_get_db (self->store), undo->attendance_id, &error))
    jd_widget_show_error (GTK_WIDGET (self), error);
}

/* @hit: (nullable): who, when the search found them; otherwise the
 * name for the toast is read after the check-in */
static gboolean
check_in (JdEventsPage *self,
          gint64        visitor_id,
          JdSearchHit  *hit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean full = FALSE;
  gint64 attendance_id;
  AdwToast *toast;
  UndoEntry *undo;

  if (self->event == NULL)
    return FALSE;

  attendance_id = jd_event_check_in (jd_store_get_db (self->store), self->event->id, visitor_id, &full, &error);
  if (attendance_id == 0)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  if (hit != NULL)
    {
      name = jd_visitor_join_name (jd_search_hit_get_given_name (hit), jd_search_hit_get_surname (hit), NULL);
    }
  else
    {
      g_autoptr(JdVisitor) visitor = jd_visitor_load (jd_store_get_db (self->store), visitor_id, NULL);

      name = visitor ? jd_visitor_join_name (visitor->given_name, visitor->surname, NULL) : g_strdup ("");
    }
  if (full)
    /* Translators: %s is a name; the event had no free places left, yet the person came in. */
    message = g_strdup_printf (_("%s is checked in. The event was already full."), name);
  else
    /* Translators: %s is a name. */
    message = g_strdup_printf (_("%s is checked in"), name);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (UndoEntry, 1);
  undo->attendance_id = attendance_id;
  connect_undo (self, toast, G_CALLBACK (undo_check_in_cb), undo);
  jd_widget_add_toast (GTK_WIDGET (self), toast);

  /* Ready for the next person. */
  jd_visitor_search_clear (self->search);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
  return TRUE;
}

gboolean
jd_events_page_check_in (JdEventsPage *self,
                         gint64        visitor_id)
{
  g_return_val_if_fail (JD_IS_EVENTS_PAGE (self), FALSE);

  return check_in (self, visitor_id, NULL);
}

gboolean
jd_events_page_check_in_hit (JdEventsPage *self,
                             JdSearchHit  *hit)
{
  g_return_val_if_fail (JD_IS_EVENTS_PAGE (self), FALSE);
  g_return_val_if_fail (JD_IS_SEARCH_HIT (hit), FALSE);

  return check_in (self, jd_search_hit_get_visitor_id (hit), hit);
}

/* Removing a wrong entry, and putting it back. */

static void
undo_remove_cb (AdwToast  *toast,
                UndoEntry *undo)
{
  JdEventsPage *self = undo->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (undo->visitor_id != 0)
    ok = jd_event_check_in (jd_store_get_db (self->store), undo->event_id, undo->visitor_id, NULL,
                            &error) != 0;
  else
    ok = jd_event_add_head_count (jd_store_get_db (self->store), undo->event_id, undo->head_count,
                                  &error) != 0;
  if (!ok)
    jd_widget_show_error (GTK_WIDGET (self), error);
}

static void
remove_clicked_cb (GtkButton        *button,
                   JdAttendanceItem *entry)
{
  JdEventsPage *self = JD_EVENTS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), JD_TYPE_EVENTS_PAGE));
  g_autoptr(GError) error = NULL;
  /* Read before the removal: the list read again after it drops @entry. */
  g_autofree char *title = describe_entry (entry);
  g_autofree char *message = NULL;
  UndoEntry undo = { self, jd_attendance_item_get_event_id (entry), 0,
                     jd_attendance_item_get_visitor_id (entry), jd_attendance_item_get_head_count (entry) };
  AdwToast *toast;

  if (self->event == NULL)
    return;

  if (!jd_event_remove_attendance (jd_store_get_db (self->store), jd_attendance_item_get_id (entry), &error))
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* Translators: %s is a person's name or a head count taken off an event's list. */
  message = g_strdup_printf (_("Removed: %s"), title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  connect_undo (self, toast, G_CALLBACK (undo_remove_cb), g_memdup2 (&undo, sizeof undo));
  jd_widget_add_toast (GTK_WIDGET (self), toast);
}

/* The search, as at the front desk. */

static void
search_activated_cb (JdEventsPage *self,
                     JdSearchHit  *hit)
{
  jd_events_page_check_in_hit (self, hit);
}

/* Enter when nobody matched: register what was typed. */
static void
search_no_match_cb (JdEventsPage *self,
                    const char   *query)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "events.new-visitor", NULL);
}

/* The list. */

static void
when_toggled_cb (JdEventsPage *self)
{
  refresh_list (self);
}

static void
event_activated_cb (JdEventsPage  *self,
                    GtkListBoxRow *row)
{
  g_autoptr(JdEventItem) event = g_list_model_get_item (G_LIST_MODEL (self->events),
                                                        (guint) gtk_list_box_row_get_index (row));

  if (event != NULL)
    jd_events_page_open_event (self, jd_event_item_get_id (event));
}

static void
back_clicked_cb (JdEventsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

/* Actions. */

static void
event_saved_cb (JdEventForm  *form,
                gint64        event_id,
                JdEventsPage *self)
{
  jd_events_page_open_event (self, event_id);
}

static void
present_form (JdEventsPage *self,
              JdEventForm  *form)
{
  gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (form, "saved", G_CALLBACK (event_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}

static void
new_event_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JdEventsPage *self = JD_EVENTS_PAGE (widget);

  if (self->store != NULL)
    present_form (self, jd_event_form_new (self->store));
}

static void
edit_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JdEventsPage *self = JD_EVENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  JdEventForm *form;

  if (self->event == NULL)
    return;

  form = jd_event_form_new (self->store);
  if (!jd_event_form_load (form, self->event->id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (form));
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  present_form (self, form);
}

static void
visitor_saved_cb (GObject      *form,
                  gint64        visitor_id,
                  JdEventsPage *self)
{
  jd_events_page_check_in (self, visitor_id);
}

static void
open_existing_cb (GObject      *form,
                  gint64        visitor_id,
                  JdEventsPage *self)
{
  g_autoptr(JdVisitor) visitor = jd_visitor_load (jd_store_get_db (self->store), visitor_id, NULL);

  if (visitor != NULL)
    {
      g_autofree char *name = jd_visitor_join_name (visitor->surname, visitor->given_name,
                                                    visitor->patronymic);

      jd_visitor_search_set_text (self->search, name);
      gtk_widget_grab_focus (GTK_WIDGET (self->search));
    }
}

static void
new_visitor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  JdEventsPage *self = JD_EVENTS_PAGE (widget);
  JdVisitorForm *form;

  if (self->event == NULL)
    return;

  form = jd_visitor_form_new (self->store);
  jd_visitor_form_prefill (form, jd_visitor_search_get_text (self->search));
  gtk_window_set_transient_for (GTK_WINDOW (form), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (form, "saved", G_CALLBACK (visitor_saved_cb), self, 0);
  g_signal_connect_object (form, "open-existing", G_CALLBACK (open_existing_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}

static void
head_count_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        JdEventsPage     *self)
{
  g_autoptr(GError) error = NULL;
  GtkSpinButton *spin = GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog));

  if (!g_str_equal (response, "add") || self->event == NULL)
    return;

  gtk_spin_button_update (spin);
  if (jd_event_add_head_count (jd_store_get_db (self->store), self->event->id,
                               (guint) gtk_spin_button_get_value_as_int (spin), &error) == 0)
    jd_widget_show_error (GTK_WIDGET (self), error);
}

static void
head_count_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  JdEventsPage *self = JD_EVENTS_PAGE (widget);
  GtkWidget *dialog, *spin;

  if (self->event == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Add a Head Count"),
                                   _("People who came without giving their names, for example to an open-air event. They count as participants, not as visitors."));
  spin = gtk_spin_button_new_with_range (1, 100000, 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 10);
  gtk_widget_set_halign (spin, GTK_ALIGN_CENTER);
  /* Type the number, Enter adds it. */
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (spin))), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Number of people"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), spin);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (head_count_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (spin);
}

/* Events, their attendance and the people in it, changed here or at
 * another desk: the page on screen follows (its own writes read nothing
 * again; one that failed changed nothing); one out of sight reads them
 * again when shown (map ()). */
static void
store_changed_cb (JdEventsPage *self,
                  JdTopics      topics)
{
  if ((topics & (JD_TOPIC_EVENTS | JD_TOPIC_VISITORS)) != 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    jd_events_page_refresh (self);
}

static void
jd_events_page_map (GtkWidget *widget)
{
  JdEventsPage *self = JD_EVENTS_PAGE (widget);
  g_autoptr(JdEventItem) first = NULL;

  GTK_WIDGET_CLASS (jd_events_page_parent_class)->map (widget);

  /* Events move from upcoming to past, and others add them. */
  jd_events_page_refresh (self);

  /* Beside the list, the event on now or next is ready for check-in. */
  first = g_list_model_get_item (G_LIST_MODEL (self->events), 0);
  if (self->event == NULL && showing_upcoming (self) && first != NULL &&
      !adw_leaflet_get_folded (self->leaflet))
    jd_events_page_open_event (self, jd_event_item_get_id (first));
}

static void
jd_events_page_dispose (GObject *object)
{
  JdEventsPage *self = JD_EVENTS_PAGE (object);

  if (self->store != NULL)
    jd_store_unwatch (self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->event, jd_event_free);
  g_clear_object (&self->events);
  g_clear_object (&self->attendance);
  /* The bin lets go of its child first: gtk_widget_dispose_template ()
   * unparents a template child it finds parented to the page, after
   * which AdwBin's own dispose would unparent it a second time. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_EVENTS_PAGE);

  G_OBJECT_CLASS (jd_events_page_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SEARCHING,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The search's :searching, the page's own for those who wait on it. */
static void
search_notify_cb (JdEventsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
jd_events_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SEARCHING:
      g_value_set_boolean (value, jd_events_page_is_searching (JD_EVENTS_PAGE (object)));
      break;

    case PROP_STORE:
      g_value_set_object (value, JD_EVENTS_PAGE (object)->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_events_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JdEventsPage *self = JD_EVENTS_PAGE (object);

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
jd_events_page_constructed (GObject *object)
{
  JdEventsPage *self = JD_EVENTS_PAGE (object);

  G_OBJECT_CLASS (jd_events_page_parent_class)->constructed (object);

  self->search = JD_VISITOR_SEARCH (jd_visitor_search_new (self->store));
  jd_visitor_search_set_placeholder_text (self->search, _("Check in: name, phone or IIN"));
  jd_visitor_search_set_entry_label (self->search, _("Find a visitor to check in"));
  jd_visitor_search_add_suffix (self->search, self->new_visitor_button);
  jd_visitor_search_set_idle_child (self->search, self->attendance_box);
  jd_visitor_search_set_empty_child (self->search, self->register_button);
  gtk_box_append (self->event_box, GTK_WIDGET (self->search));
  g_signal_connect_object (self->search, "notify::searching", G_CALLBACK (search_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activated", G_CALLBACK (search_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "no-match", G_CALLBACK (search_no_match_cb), self,
                           G_CONNECT_SWAPPED);
  refresh_list (self);
  if (self->store == NULL)
    return;
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  jd_store_watch (self->store);
}

static void
jd_events_page_class_init (JdEventsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_events_page_dispose;
  object_class->constructed = jd_events_page_constructed;
  object_class->get_property = jd_events_page_get_property;
  object_class->set_property = jd_events_page_set_property;

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The centre's data; %NULL without a database. */
  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = jd_events_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-events-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, JdEventsPage, name)
  CHILD (leaflet);
  CHILD (sidebar);
  CHILD (content);
  CHILD (upcoming_button);
  CHILD (list_stack);
  CHILD (event_list);
  CHILD (list_empty_page);
  CHILD (content_stack);
  CHILD (title_label);
  CHILD (when_label);
  CHILD (details_label);
  CHILD (description_label);
  CHILD (count_label);
  CHILD (full_label);
  CHILD (capacity_bar);
  CHILD (event_box);
  CHILD (new_visitor_button);
  CHILD (attendance_box);
  CHILD (attendance_list);
  CHILD (attendance_empty);
  CHILD (register_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, when_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, event_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "events.new", NULL, new_event_action);
  gtk_widget_class_install_action (widget_class, "events.edit", NULL, edit_event_action);
  gtk_widget_class_install_action (widget_class, "events.head-count", NULL, head_count_action);
  gtk_widget_class_install_action (widget_class, "events.new-visitor", NULL, new_visitor_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "events.new-visitor", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "events.new", NULL);
}

static void
jd_events_page_init (JdEventsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->events = g_list_store_new (JD_TYPE_EVENT_ITEM);
  self->attendance = g_list_store_new (JD_TYPE_ATTENDANCE_ITEM);
  gtk_list_box_bind_model (self->event_list, G_LIST_MODEL (self->events), create_event_row_cb, self, NULL);
  gtk_list_box_bind_model (self->attendance_list, G_LIST_MODEL (self->attendance),
                           create_attendance_row_cb, self, NULL);
  show_event (self);
}
