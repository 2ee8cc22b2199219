/* jd-event-item.h: an event of the events page's list, and one entry
 * of its attendance, as objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-event.h"

G_BEGIN_DECLS

#define JD_TYPE_EVENT_ITEM (jd_event_item_get_type ())

G_DECLARE_FINAL_TYPE (JdEventItem, jd_event_item, JD, EVENT_ITEM, GObject)

/* A copy of what the list shows of @event; it never changes. */
JdEventItem      *jd_event_item_new                  (const JdEvent    *event);
gint64            jd_event_item_get_id               (JdEventItem      *self);
const char       *jd_event_item_get_title            (JdEventItem      *self);
/* nullable */
const char       *jd_event_item_get_place            (JdEventItem      *self);
gint64            jd_event_item_get_starts_at        (JdEventItem      *self);
gint64            jd_event_item_get_ends_at          (JdEventItem      *self);
/* 0: no limit */
guint             jd_event_item_get_capacity         (JdEventItem      *self);
guint             jd_event_item_get_participants     (JdEventItem      *self);

#define JD_TYPE_ATTENDANCE_ITEM (jd_attendance_item_get_type ())

G_DECLARE_FINAL_TYPE (JdAttendanceItem, jd_attendance_item, JD, ATTENDANCE_ITEM, GObject)

/* A copy of @entry, one of @event_id's; it never changes. */
JdAttendanceItem *jd_attendance_item_new             (gint64              event_id,
                                                      const JdAttendance *entry);
gint64            jd_attendance_item_get_id          (JdAttendanceItem *self);
gint64            jd_attendance_item_get_event_id    (JdAttendanceItem *self);
/* 0: a head count */
gint64            jd_attendance_item_get_visitor_id  (JdAttendanceItem *self);
/* nullable for a head count */
const char       *jd_attendance_item_get_visitor_name (JdAttendanceItem *self);
guint             jd_attendance_item_get_head_count  (JdAttendanceItem *self);
gint64            jd_attendance_item_get_checked_in_at (JdAttendanceItem *self);

G_END_DECLS
