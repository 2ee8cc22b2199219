/* jd-event-form.c: creating and editing an event
 *
 * The date and times are typed the way people write them here
 * (DD.MM.YYYY, 15:30); a field that cannot be read is marked and named
 * in the banner, the rules of an event (src/core/jd-event.c) speak in
 * the banner too, and everything typed stays until it is saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-event-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-date-format.h"
#include "jd-event-form.h"
#include "jd-event.h"
#include "jd-form.h"
#include "jd-validate.h"

struct _JdEventForm
{
  JdForm           parent_instance;

  /* template children */
  AdwEntryRow     *title_row;
  AdwComboRow     *kind_row;
  AdwEntryRow     *date_row;
  AdwEntryRow     *start_row;
  AdwEntryRow     *end_row;
  AdwEntryRow     *place_row;
  GtkWidget       *repeat_row;
  GtkSpinButton   *weeks_spin;
  GtkSpinButton   *capacity_spin;
  AdwEntryRow     *organiser_row;
  GtkTextView     *description_view;

  /* borrowed: JdForm's "store" */
  JdStore         *store;

  gint64           event_id;   /* 0 for a new event */
  gint64           row_version; /* of the event as loaded */
  gboolean         filling;
};

G_DEFINE_FINAL_TYPE (JdEventForm, jd_event_form, JD_TYPE_FORM)

static void
changed_cb (JdEventForm *self)
{
  if (!self->filling)
    jd_form_set_dirty (JD_FORM (self), TRUE);
}

static void
clear_marks (JdEventForm *self)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->title_row), GTK_WIDGET (self->date_row),
    GTK_WIDGET (self->start_row), GTK_WIDGET (self->end_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (rows[i], "error");
  jd_form_hide_banner (JD_FORM (self));
}

/* Marks @row, says what to do and takes the cursor there. */
static void
refuse (JdEventForm *self,
        AdwEntryRow *row,
        const char  *message)
{
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  jd_form_show_banner (JD_FORM (self), message);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* Typed on the centre's clock, not the machine's. */
static gint64
local_time (JdDb        *db,
            const GDate *day,
            guint        minutes)
{
  g_autoptr(GDateTime) time = g_date_time_new (jd_db_get_time_zone (db), g_date_get_year (day),
                                               g_date_get_month (day), g_date_get_day (day),
                                               minutes / 60, minutes % 60, 0);

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

static void
jd_event_form_save (JdForm *form)
{
  JdEventForm *self = JD_EVENT_FORM (form);
  g_autoptr(JdEvent) event = jd_event_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *date_text = row_text (self->date_row);
  g_autofree char *start_text = row_text (self->start_row);
  g_autofree char *end_text = row_text (self->end_row);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter begin, end;
  guint n_kinds, start_minutes, end_minutes;
  const JdChoice *kinds = jd_event_kinds (&n_kinds);
  guint kind = adw_combo_row_get_selected (self->kind_row);
  GDate day;
  gint64 saved_id = 0;

  clear_marks (self);

  if (!jd_date_parse (date_text, &day))
    {
      refuse (self, self->date_row, _("Enter the date as DD.MM.YYYY, for example 05.03.2026."));
      return;
    }
  if (!jd_time_parse (start_text, &start_minutes))
    {
      refuse (self, self->start_row, _("Enter the time as HH:MM, for example 15:30."));
      return;
    }
  if (!jd_time_parse (end_text, &end_minutes))
    {
      refuse (self, self->end_row, _("Enter the time as HH:MM, for example 15:30."));
      return;
    }

  event->id = self->event_id;
  event->row_version = self->row_version;
  event->title = row_text (self->title_row);
  event->kind = g_strdup (kind < n_kinds ? kinds[kind].code : NULL);
  event->starts_at = local_time (jd_store_get_db (self->store), &day, start_minutes);
  event->ends_at = local_time (jd_store_get_db (self->store), &day, end_minutes);
  /* 22:00 to 01:00 ends the next day. */
  if (end_minutes < start_minutes)
    event->ends_at += 24 * 3600;
  event->place = row_text (self->place_row);
  event->organiser = row_text (self->organiser_row);
  event->capacity = (guint) gtk_spin_button_get_value_as_int (self->capacity_spin);
  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  event->description = gtk_text_buffer_get_text (buffer, &begin, &end, FALSE);

  if (self->event_id != 0)
    {
      if (jd_event_update (jd_store_get_db (self->store), event, &error))
        saved_id = self->event_id;
    }
  else
    {
      saved_id = jd_event_insert (jd_store_get_db (self->store), event,
                                  (guint) gtk_spin_button_get_value_as_int (self->weeks_spin),
                                  &error);
    }

  if (saved_id == 0)
    {
      /* Everything typed stays in the form. */
      if (event->title == NULL)
        refuse (self, self->title_row, error->message);
      else if (event->ends_at <= event->starts_at)
        refuse (self, self->end_row, error->message);
      else
        jd_form_show_error (JD_FORM (self), error);
      return;
    }

  jd_form_saved (JD_FORM (self), saved_id);
}

static const char *
jd_event_form_discard_body (JdForm *form)
{
  return _("The event has not been saved. What was typed will be lost.");
}

static void
set_times (JdEventForm *self,
           gint64       starts_at,
           gint64       ends_at)
{
  g_autoptr(GDateTime) start = jd_db_local_time (jd_store_get_db (self->store), starts_at);
  g_autoptr(GDateTime) end = jd_db_local_time (jd_store_get_db (self->store), ends_at);
  g_autofree char *day = jd_date_format_day (start);
  g_autofree char *from = jd_date_format_time (start);
  g_autofree char *to = jd_date_format_time (end);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), day);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), to);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

gboolean
jd_event_form_load (JdEventForm  *self,
                    gint64        event_id,
                    GError      **error)
{
  g_autoptr(JdEvent) event = NULL;
  guint n_kinds;
  const JdChoice *kinds = jd_event_kinds (&n_kinds);

  g_return_val_if_fail (JD_IS_EVENT_FORM (self), FALSE);

  event = jd_event_load (jd_store_get_db (self->store), event_id, error);
  if (event == NULL)
    return FALSE;

  self->filling = TRUE;
  self->event_id = event_id;
  jd_form_set_title (JD_FORM (self), _("Edit Event"));
  set_text (self->title_row, event->title);
  for (guint i = 0; i < n_kinds; i++)
    if (g_strcmp0 (kinds[i].code, event->kind) == 0)
      adw_combo_row_set_selected (self->kind_row, i);
  set_times (self, event->starts_at, event->ends_at);
  set_text (self->place_row, event->place);
  set_text (self->organiser_row, event->organiser);
  gtk_spin_button_set_value (self->capacity_spin, event->capacity);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            event->description ? event->description : "", -1);
  /* A series is made once; each of its events is edited on its own. */
  gtk_widget_set_visible (self->repeat_row, FALSE);
  self->filling = FALSE;
  jd_form_set_dirty (JD_FORM (self), FALSE);
  self->row_version = event->row_version;
  jd_form_set_record (JD_FORM (self), JD_RECORD_EVENT, event_id, event->row_version);
  return TRUE;
}

/* "Reload": the event as saved now, what was typed thrown away. */
static void
jd_event_form_reload (JdForm *form)
{
  JdEventForm *self = JD_EVENT_FORM (form);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->event_id != 0);

  clear_marks (self);
  if (!jd_event_form_load (self, self->event_id, &error))
    jd_form_show_banner (form, error->message);
}

/* The next whole hour on the centre's clock, for two hours: most
 * events fit that; late in the evening, ten tomorrow morning. */
static void
suggest_times (JdEventForm *self)
{
  g_autoptr(GDateTime) now = jd_db_now_local (jd_store_get_db (self->store));
  g_autoptr(GDateTime) hour = NULL;
  g_autoptr(GDateTime) start = NULL;

  hour = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                          g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                          g_date_time_get_hour (now), 0, 0);
  if (g_date_time_get_hour (now) < 20)
    start = g_date_time_add_hours (hour, 1);
  else
    start = g_date_time_add_hours (hour, 24 + 10 - g_date_time_get_hour (now));
  self->filling = TRUE;
  set_times (self, g_date_time_to_unix (start), g_date_time_to_unix (start) + 2 * 3600);
  self->filling = FALSE;
}

JdEventForm *
jd_event_form_new (JdStore *store)
{
  JdEventForm *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);

  self = g_object_new (JD_TYPE_EVENT_FORM, "store", store, NULL);
  suggest_times (self);
  return self;
}

static void
jd_event_form_dispose (GObject *object)
{
  JdEventForm *self = JD_EVENT_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_EVENT_FORM);
  self->store = NULL;

  G_OBJECT_CLASS (jd_event_form_parent_class)->dispose (object);
}

static void
jd_event_form_constructed (GObject *object)
{
  JdEventForm *self = JD_EVENT_FORM (object);

  G_OBJECT_CLASS (jd_event_form_parent_class)->constructed (object);

  self->store = jd_form_get_store (JD_FORM (self));
  g_assert (JD_IS_STORE (self->store));
}

static void
jd_event_form_class_init (JdEventFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JdFormClass *form_class = JD_FORM_CLASS (klass);

  object_class->constructed = jd_event_form_constructed;
  object_class->dispose = jd_event_form_dispose;
  form_class->save = jd_event_form_save;
  form_class->discard_body = jd_event_form_discard_body;
  form_class->reload = jd_event_form_reload;

  /* JdForm::saved gives the saved event's id (the first of a new
   * series). */

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-event-form.ui");
  jd_form_class_bind_template_parts (widget_class);
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, JdEventForm, name)
  CHILD (title_row);
  CHILD (kind_row);
  CHILD (date_row);
  CHILD (start_row);
  CHILD (end_row);
  CHILD (place_row);
  CHILD (repeat_row);
  CHILD (weeks_spin);
  CHILD (capacity_spin);
  CHILD (organiser_row);
  CHILD (description_view);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
jd_event_form_init (JdEventForm *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  guint n_kinds;
  const JdChoice *kinds = jd_event_kinds (&n_kinds);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filling = TRUE;
  for (guint i = 0; i < n_kinds; i++)
    gtk_string_list_append (kind_names, jd_choice_label (kinds, n_kinds, kinds[i].code));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  self->filling = FALSE;

  jd_form_set_title (JD_FORM (self), _("New Event"));
  /* Typing starts with the title. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->title_row));
}
