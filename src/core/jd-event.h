/* jd-event.h: events, series of them, and who came
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"
#include "jd-visitor.h"

G_BEGIN_DECLS

const JdChoice *jd_event_kinds          (guint *n_choices);

typedef struct
{
  gint64  id;           /* 0 until saved */
  char   *title;
  char   *kind;         /* a code of jd_event_kinds() */
  gint64  starts_at;    /* Unix seconds */
  gint64  ends_at;
  char   *place;        /* nullable */
  guint   capacity;     /* 0: no limit */
  char   *organiser;    /* nullable */
  char   *description;  /* nullable */
  gint64  series_id;    /* the first event of a weekly series; 0: alone */
  /* The record's version as loaded (jd-row-version.h): an update saves
   * only over that version; 0 saves over any. */
  gint64  row_version;
  /* Read only. */
  guint   participants; /* named attendances plus head counts */
} JdEvent;

JdEvent    *jd_event_new                (void);
void        jd_event_free               (JdEvent     *event);

/* A title; a kind from the list; the end after the start, on the same
 * day or the next (at most 24 hours); capacity 0–100,000. Trims texts. */
gboolean    jd_event_validate           (JdEvent     *event,
                                         GError     **error);
/* Saves @event, and @weeks - 1 more on the same weekday and time in the
 * weeks after it (a course or a club), all in one series. Everyone at
 * the desk may (JD_PERM_FRONT_DESK); audited.
 * Returns: the id of the first, or 0 */
gint64      jd_event_insert             (JdDb        *db,
                                         JdEvent     *event,
                                         guint        weeks,
                                         GError     **error);
/* Refused with JD_DB_ERROR_CHANGED_ELSEWHERE, nothing written, when
 * the event was changed meanwhile (its version is no longer
 * @event->row_version). */
gboolean    jd_event_update             (JdDb        *db,
                                         const JdEvent *event,
                                         GError     **error);
JdEvent    *jd_event_load               (JdDb        *db,
                                         gint64       id,
                                         GError     **error);
/* Events that end at or after @now (upcoming, soonest first) or before
 * it (past, latest first), at most @limit.
 * Returns: (transfer full) (element-type JdEvent) */
GPtrArray  *jd_event_list               (JdDb        *db,
                                         gboolean     upcoming,
                                         gint64       now,
                                         guint        limit,
                                         GError     **error);

typedef struct
{
  gint64  id;
  gint64  visitor_id;   /* 0: a head count */
  char   *visitor_name;
  guint   head_count;
  gint64  checked_in_at;
} JdAttendance;

void        jd_attendance_free          (JdAttendance *attendance);

/* Checks a visitor in to an event. The check-in is also the person's
 * visit that day: their visit of that day is reused, or one is made
 * (purpose "event"), so the dashboard counts the day once however many
 * events. Refused when the person is already there; @full is set when
 * the event was already at capacity (the check-in still happens: the
 * organiser decides). Returns: the attendance id, or 0 */
gint64      jd_event_check_in           (JdDb        *db,
                                         gint64       event_id,
                                         gint64       visitor_id,
                                         gboolean    *full,
                                         GError     **error);
/* People counted without names (open-air events). */
gint64      jd_event_add_head_count     (JdDb        *db,
                                         gint64       event_id,
                                         guint        head_count,
                                         GError     **error);
/* Undoes a wrong entry, with the visit it made if nothing else uses it. */
gboolean    jd_event_remove_attendance  (JdDb        *db,
                                         gint64       attendance_id,
                                         GError     **error);
/* Newest first. Returns: (transfer full) (element-type JdAttendance) */
GPtrArray  *jd_event_attendance         (JdDb        *db,
                                         gint64       event_id,
                                         GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdEvent, jd_event_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdAttendance, jd_attendance_free)

G_END_DECLS
