/* jd-event-item.c: an event of the events page's list, and one entry
 * of its attendance, as objects
 *
 * The events page shows both lists through models of these: opening an
 * event or removing an entry acts on the row's item rather than on an
 * id kept on the widget. Each holds what its row shows, read with the
 * list, so that no row queries the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-event"

#include "config.h"

#include "jd-event-item.h"

struct _JdEventItem
{
  GObject  parent_instance;

  gint64   id;
  char    *title;
  char    *place;
  gint64   starts_at;
  gint64   ends_at;
  guint    capacity;
  guint    participants;
};

G_DEFINE_FINAL_TYPE (JdEventItem, jd_event_item, G_TYPE_OBJECT)

JdEventItem *
jd_event_item_new (const JdEvent *event)
{
  JdEventItem *self;

  g_return_val_if_fail (event != NULL, NULL);

  self = g_object_new (JD_TYPE_EVENT_ITEM, NULL);
  self->id = event->id;
  self->title = g_strdup (event->title);
  self->place = g_strdup (event->place);
  self->starts_at = event->starts_at;
  self->ends_at = event->ends_at;
  self->capacity = event->capacity;
  self->participants = event->participants;
  return self;
}

gint64
jd_event_item_get_id (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), 0);
  return self->id;
}

const char *
jd_event_item_get_title (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), NULL);
  return self->title;
}

const char *
jd_event_item_get_place (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), NULL);
  return self->place;
}

gint64
jd_event_item_get_starts_at (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), 0);
  return self->starts_at;
}

gint64
jd_event_item_get_ends_at (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), 0);
  return self->ends_at;
}

guint
jd_event_item_get_capacity (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), 0);
  return self->capacity;
}

guint
jd_event_item_get_participants (JdEventItem *self)
{
  g_return_val_if_fail (JD_IS_EVENT_ITEM (self), 0);
  return self->participants;
}

static void
jd_event_item_finalize (GObject *object)
{
  JdEventItem *self = JD_EVENT_ITEM (object);

  g_free (self->title);
  g_free (self->place);

  G_OBJECT_CLASS (jd_event_item_parent_class)->finalize (object);
}

static void
jd_event_item_class_init (JdEventItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_event_item_finalize;
}

static void
jd_event_item_init (JdEventItem *self)
{
}

struct _JdAttendanceItem
{
  GObject  parent_instance;

  gint64   id;
  gint64   event_id;
  gint64   visitor_id;
  char    *visitor_name;
  guint    head_count;
  gint64   checked_in_at;
};

G_DEFINE_FINAL_TYPE (JdAttendanceItem, jd_attendance_item, G_TYPE_OBJECT)

JdAttendanceItem *
jd_attendance_item_new (gint64              event_id,
                        const JdAttendance *entry)
{
  JdAttendanceItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (JD_TYPE_ATTENDANCE_ITEM, NULL);
  self->id = entry->id;
  self->event_id = event_id;
  self->visitor_id = entry->visitor_id;
  self->visitor_name = g_strdup (entry->visitor_name);
  self->head_count = entry->head_count;
  self->checked_in_at = entry->checked_in_at;
  return self;
}

gint64
jd_attendance_item_get_id (JdAttendanceItem *self)
{
  g_return_val_if_fail (JD_IS_ATTENDANCE_ITEM (self), 0);
  return self->id;
}

gint64
jd_attendance_item_get_event_id (JdAttendanceItem *self)
{
  g_return_val_if_fail (JD_IS_ATTENDANCE_ITEM (self), 0);
  return self->event_id;
}

gint64
jd_attendance_item_get_visitor_id (JdAttendanceItem *self)
{
  g_return_val_if_fail (JD_IS_ATTENDANCE_ITEM (self), 0);
  return self->visitor_id;
}

const char *
jd_attendance_item_get_visitor_name (JdAttendanceItem *self)
{
  g_return_val_if_fail (JD_IS_ATTENDANCE_ITEM (self), NULL);
  return self->visitor_name;
}

guint
jd_attendance_item_get_head_count (JdAttendanceItem *self)
{
  g_return_val_if_fail (JD_IS_ATTENDANCE_ITEM (self), 0);
  return self->head_count;
}

gint64
jd_attendance_item_get_checked_in_at (JdAttendanceItem *self)
{
  g_return_val_if_fail (JD_IS_ATTENDANCE_ITEM (self), 0);
  return self->checked_in_at;
}

static void
jd_attendance_item_finalize (GObject *object)
{
  JdAttendanceItem *self = JD_ATTENDANCE_ITEM (object);

  g_free (self->visitor_name);

  G_OBJECT_CLASS (jd_attendance_item_parent_class)->finalize (object);
}

static void
jd_attendance_item_class_init (JdAttendanceItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_attendance_item_finalize;
}

static void
jd_attendance_item_init (JdAttendanceItem *self)
{
}
