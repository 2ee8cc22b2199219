/* jd-event.c: events, series of them, and who came
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The city counts events and participants; the dashboard counts visits.
 * A check-in at an event is the person's visit that day, shared with a
 * front-desk check-in or another event of the same day, so that a day
 * is one visit however many things the person came for.
 */
#define G_LOG_DOMAIN "jd-event"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-event.h"
#include "jd-event-private.h"
#include "jd-row-version.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-validate.h"

#define JD_AUDIT_TARGET_EVENT "event"

static const JdChoice kinds[] = {
  { "lecture", N_("Lecture") },
  { "seminar", N_("Seminar") },
  { "masterclass", N_("Masterclass") },
  { "course", N_("Course session") },
  { "club", N_("Club") },
  { "eco_action", N_("Eco-action") },
  { "tournament", N_("Tournament") },
  { "quiz", N_("Quiz") },
  { "meeting", N_("Meeting") },
  { "other", N_("Other") },
};

const JdChoice *
jd_event_kinds (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (kinds);
  return kinds;
}

JdEvent *
jd_event_new (void)
{
  JdEvent *event = g_new0 (JdEvent, 1);

  event->kind = g_strdup ("lecture");
  return event;
}

void
jd_event_free (JdEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->title);
  g_free (event->kind);
  g_free (event->place);
  g_free (event->organiser);
  g_free (event->description);
  g_free (event);
}

void
jd_attendance_free (JdAttendance *attendance)
{
  if (attendance == NULL)
    return;

  g_free (attendance->visitor_name);
  g_free (attendance);
}

static void
tidy (char **text)
{
  if (*text == NULL)
    return;
  g_strstrip (*text);
  if (**text == '\0')
    g_clear_pointer (text, g_free);
}

gboolean
jd_event_validate (JdEvent  *event,
                   GError  **error)
{
  g_return_val_if_fail (event != NULL, FALSE);

  tidy (&event->title);
  tidy (&event->place);
  tidy (&event->organiser);
  tidy (&event->description);

  if (event->title == NULL)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Enter the title of the event."));
      return FALSE;
    }
  if (jd_choice_find (kinds, G_N_ELEMENTS (kinds), event->kind) == NULL)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Choose what kind of event it is."));
      return FALSE;
    }
  if (event->starts_at <= 0)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Enter when the event starts."));
      return FALSE;
    }
  if (event->ends_at <= event->starts_at || event->ends_at - event->starts_at > 24 * 3600)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("The event must end after it starts, within a day. A course over "
                             "several weeks is a series: one event per session."));
      return FALSE;
    }
  if (event->capacity > 100000)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Enter a capacity up to 100,000 places, or leave it empty."));
      return FALSE;
    }
  return TRUE;
}

gint64
jd_event_insert (JdDb     *db,
                 JdEvent  *event,
                 guint     weeks,
                 GError  **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  gint64 now = jd_db_now ();
  gint64 first = 0;

  g_return_val_if_fail (db != NULL && event != NULL, 0);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error) || !jd_event_validate (event, error))
    return 0;
  if (weeks < 1 || weeks > 52)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("A series runs from 1 to 52 weeks."));
      return 0;
    }

  /* Weeks on the centre's clock: the same hour each week. */
  start = jd_db_local_time (db, event->starts_at);
  end = jd_db_local_time (db, event->ends_at);
  if (!jd_db_begin (db, error))
    return 0;

  for (guint week = 0; week < weeks; week++)
    {
      /* Local wall time: 18:00 stays 18:00 across a clock change. */
      g_autoptr(GDateTime) s = g_date_time_add_weeks (start, (int) week);
      g_autoptr(GDateTime) e = g_date_time_add_weeks (end, (int) week);
      JdStmt *stmt;
      gint64 id;

      stmt = jd_db_prepare (db,
                            "INSERT INTO event (title, kind, starts_at, ends_at, place, capacity,"
                            " organiser, description, series_id, created_at, updated_at, created_by,"
                            " updated_by) VALUES (?1, ?2, ?3, ?4, ?5, nullif (?6, 0), ?7, ?8,"
                            " nullif (?9, 0), ?10, ?10, nullif (?11, 0), nullif (?11, 0))",
                            error);
      if (stmt == NULL)
        goto fail;
      jd_stmt_bind_text (stmt, 1, event->title);
      jd_stmt_bind_text (stmt, 2, event->kind);
      jd_stmt_bind_int64 (stmt, 3, g_date_time_to_unix (s));
      jd_stmt_bind_int64 (stmt, 4, g_date_time_to_unix (e));
      jd_db_bind_text_or_null (stmt, 5, event->place);
      jd_stmt_bind_int64 (stmt, 6, event->capacity);
      jd_db_bind_text_or_null (stmt, 7, event->organiser);
      jd_db_bind_text_or_null (stmt, 8, event->description);
      jd_stmt_bind_int64 (stmt, 9, weeks > 1 ? first : 0);
      jd_stmt_bind_int64 (stmt, 10, now);
      jd_stmt_bind_int64 (stmt, 11, jd_db_get_actor_id (db));
      if (!jd_db_step_done (db, stmt, error))
        goto fail;
      id = jd_db_last_insert_id (db);
      if (first == 0)
        {
          first = id;
          /* The first event names the series. */
          if (weeks > 1)
            {
              stmt = jd_db_prepare (db, "UPDATE event SET series_id = id WHERE id = ?1", error);
              if (stmt == NULL)
                goto fail;
              jd_stmt_bind_int64 (stmt, 1, id);
              if (!jd_db_step_done (db, stmt, error))
                goto fail;
            }
        }
      if (!jd_audit_record (db, JD_AUDIT_CREATED, JD_AUDIT_TARGET_EVENT, id, NULL, error))
        goto fail;
    }

  /* The first event's version, moved on by naming the series. */
  if ((event->row_version = jd_record_get_version (db, JD_RECORD_EVENT, first, error)) < 0 ||
      !jd_db_commit (db, error))
    goto fail;
  event->id = first;
  event->series_id = weeks > 1 ? first : 0;
  return first;

fail:
  jd_db_rollback (db);
  return 0;
}

gboolean
jd_event_update (JdDb           *db,
                 const JdEvent  *event,
                 GError        **error)
{
  g_autoptr(JdEvent) copy = NULL;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL && event != NULL, FALSE);

  copy = g_memdup2 (event, sizeof *event);
  copy->title = g_strdup (event->title);
  copy->kind = g_strdup (event->kind);
  copy->place = g_strdup (event->place);
  copy->organiser = g_strdup (event->organiser);
  copy->description = g_strdup (event->description);
  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error) || !jd_event_validate (copy, error) ||
      !jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE event SET title = ?2, kind = ?3, starts_at = ?4, ends_at = ?5,"
                        " place = ?6, capacity = nullif (?7, 0), organiser = ?8, description = ?9,"
                        " updated_at = ?10, updated_by = nullif (?11, 0)"
                        " WHERE id = ?1 AND (row_version = ?12 OR ?12 = 0)",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, copy->id);
  jd_stmt_bind_text (stmt, 2, copy->title);
  jd_stmt_bind_text (stmt, 3, copy->kind);
  jd_stmt_bind_int64 (stmt, 4, copy->starts_at);
  jd_stmt_bind_int64 (stmt, 5, copy->ends_at);
  jd_db_bind_text_or_null (stmt, 6, copy->place);
  jd_stmt_bind_int64 (stmt, 7, copy->capacity);
  jd_db_bind_text_or_null (stmt, 8, copy->organiser);
  jd_db_bind_text_or_null (stmt, 9, copy->description);
  jd_stmt_bind_int64 (stmt, 10, jd_db_now ());
  jd_stmt_bind_int64 (stmt, 11, jd_db_get_actor_id (db));
  jd_stmt_bind_int64 (stmt, 12, copy->row_version);
  if (!jd_db_step_done (db, stmt, error))
    goto fail;
  /* Gone, or changed meanwhile on another desk: nothing is written. */
  if (jd_db_changes (db) == 0)
    {
      jd_record_refuse_stale (db, JD_RECORD_EVENT, copy->id, error);
      goto fail;
    }
  if (!jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_EVENT, copy->id, NULL, error) ||
      !jd_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

#define EVENT_COLUMNS \
  "e.id, e.title, e.kind, e.starts_at, e.ends_at, e.place, coalesce (e.capacity, 0), e.organiser," \
  " e.description, coalesce (e.series_id, 0)," \
  " (SELECT coalesce (sum (head_count), 0) FROM attendance a WHERE a.event_id = e.id)," \
  " e.row_version"

static JdEvent *
event_from_row (JdStmt *stmt)
{
  JdEvent *event = g_new0 (JdEvent, 1);

  event->id = jd_stmt_column_int64 (stmt, 0);
  event->title = g_strdup (jd_stmt_column_text (stmt, 1));
  event->kind = g_strdup (jd_stmt_column_text (stmt, 2));
  event->starts_at = jd_stmt_column_int64 (stmt, 3);
  event->ends_at = jd_stmt_column_int64 (stmt, 4);
  event->place = g_strdup (jd_stmt_column_text (stmt, 5));
  event->capacity = (guint) jd_stmt_column_int64 (stmt, 6);
  event->organiser = g_strdup (jd_stmt_column_text (stmt, 7));
  event->description = g_strdup (jd_stmt_column_text (stmt, 8));
  event->series_id = jd_stmt_column_int64 (stmt, 9);
  event->participants = (guint) jd_stmt_column_int64 (stmt, 10);
  event->row_version = jd_stmt_column_int64 (stmt, 11);
  return event;
}

JdEvent *
jd_event_load (JdDb     *db,
               gint64    id,
               GError  **error)
{
  JdEvent *event = NULL;
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = jd_db_prepare (db, "SELECT " EVENT_COLUMNS " FROM event e WHERE e.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    event = event_from_row (stmt);
  jd_stmt_reset (stmt);
  if (event == NULL)
    {
      if (rc == JD_STEP_DONE)
        g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND, _("This event no longer exists."));
      else
        jd_db_set_error (db, rc, error);
    }
  return event;
}

GPtrArray *
jd_event_list (JdDb     *db,
               gboolean  upcoming,
               gint64    now,
               guint     limit,
               GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_event_free);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = jd_db_prepare (db,
                        upcoming ?
                        "SELECT " EVENT_COLUMNS " FROM event e WHERE e.ends_at >= ?1"
                        " ORDER BY e.starts_at, e.id LIMIT ?2" :
                        "SELECT " EVENT_COLUMNS " FROM event e WHERE e.ends_at < ?1"
                        " ORDER BY e.starts_at DESC, e.id DESC LIMIT ?2",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, now);
  jd_stmt_bind_int64 (stmt, 2, limit);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_ptr_array_add (events, event_from_row (stmt));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* Attendance. */

/* The start of the centre's day of @t. */
static gint64
local_day_start (GTimeZone *tz,
                 gint64     t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_time_get_year (local),
                                                g_date_time_get_month (local),
                                                g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_to_unix (start);
}

gint64
jd_event_visit_for_day (JdDb        *db,
                        gint64       visitor_id,
                        gint64       day_start,
                        gint64       day_end,
                        gint64       time_in,
                        gint64       staff_id,
                        const char  *centre_code,
                        gint64       now,
                        GError     **error)
{
  JdStmt *stmt;
  gint64 visit = 0;
  int rc;

  g_return_val_if_fail (db != NULL, 0);

  stmt = jd_db_prepare (db,
                        "SELECT id FROM visit WHERE visitor_id = ?1 AND time_in >= ?2 AND time_in < ?3"
                        " ORDER BY time_in LIMIT 1",
                        error);
  if (stmt == NULL)
    return 0;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  jd_stmt_bind_int64 (stmt, 2, day_start);
  jd_stmt_bind_int64 (stmt, 3, day_end);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    visit = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return 0;
    }

  if (visit == 0)
    {
      stmt = jd_db_prepare (db,
                            "INSERT INTO visit (visitor_id, time_in, staff_id, centre_code, occupation,"
                            " created_at, updated_at)"
                            " SELECT id, ?2, nullif (?3, 0), ?4, occupation, ?5, ?5 FROM visitor"
                            " WHERE id = ?1 AND anonymised_at IS NULL",
                            error);
      if (stmt == NULL)
        return 0;
      jd_stmt_bind_int64 (stmt, 1, visitor_id);
      jd_stmt_bind_int64 (stmt, 2, time_in);
      jd_stmt_bind_int64 (stmt, 3, staff_id);
      jd_stmt_bind_text (stmt, 4, centre_code ? centre_code : "");
      jd_stmt_bind_int64 (stmt, 5, now);
      if (!jd_db_step_done (db, stmt, error))
        return 0;
      if (jd_db_changes (db) == 0)
        {
          g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                               _("This visitor’s record no longer exists. Someone may have deleted it."));
          return 0;
        }
      visit = jd_db_last_insert_id (db);
    }

  stmt = jd_db_prepare (db,
                        "INSERT INTO visit_purpose (visit_id, purpose, created_at, updated_at)"
                        " VALUES (?1, 'event', ?2, ?2) ON CONFLICT DO NOTHING",
                        error);
  if (stmt == NULL)
    return 0;
  jd_stmt_bind_int64 (stmt, 1, visit);
  jd_stmt_bind_int64 (stmt, 2, now);
  if (!jd_db_step_done (db, stmt, error))
    return 0;
  return visit;
}

/* The person's visit on the day of the event: found, or made. */
static gint64
visit_of_the_day (JdDb     *db,
                  gint64    visitor_id,
                  gint64    event_start,
                  gint64    now,
                  GError  **error)
{
  GTimeZone *tz = jd_db_get_time_zone (db);
  gint64 day = local_day_start (tz, event_start);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) next = g_date_time_add_days (local, 1);
  gint64 day_end = g_date_time_to_unix (next);
  /* Checked in on the day itself: now; entered later: the start. */
  gint64 time_in = (now >= day && now < day_end) ? now : event_start;
  g_autofree char *centre = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);

  return jd_event_visit_for_day (db, visitor_id, day, day_end, time_in, jd_db_get_actor_id (db),
                                 centre, now, error);
}

static guint
count_attendance (JdDb   *db,
                  gint64  event_id)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT coalesce (sum (head_count), 0) FROM attendance"
                                " WHERE event_id = ?1",
                                NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  jd_stmt_bind_int64 (stmt, 1, event_id);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    n = (guint) jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return n;
}

static gint64
add_attendance (JdDb      *db,
                gint64     event_id,
                gint64     visitor_id,
                guint      head_count,
                gboolean  *full,
                GError   **error)
{
  g_autoptr(JdEvent) event = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 now = jd_db_now ();
  gint64 visit = 0;
  gint64 id;
  JdStmt *stmt;

  if (full != NULL)
    *full = FALSE;
  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error) || !jd_db_begin (db, error))
    return 0;

  event = jd_event_load (db, event_id, error);
  if (event == NULL)
    goto fail;
  if (full != NULL && event->capacity > 0 && count_attendance (db, event_id) + head_count > event->capacity)
    *full = TRUE;

  if (visitor_id > 0)
    {
      visit = visit_of_the_day (db, visitor_id, event->starts_at, now, error);
      if (visit == 0)
        goto fail;
    }

  stmt = jd_db_prepare (db,
                        "INSERT INTO attendance (event_id, visitor_id, head_count, visit_id, checked_in_at,"
                        " staff_id, created_at, updated_at)"
                        " VALUES (?1, nullif (?2, 0), ?3, nullif (?4, 0), ?5, nullif (?6, 0), ?5, ?5)",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, event_id);
  jd_stmt_bind_int64 (stmt, 2, visitor_id);
  jd_stmt_bind_int64 (stmt, 3, head_count);
  jd_stmt_bind_int64 (stmt, 4, visit);
  jd_stmt_bind_int64 (stmt, 5, now);
  jd_stmt_bind_int64 (stmt, 6, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, &local_error))
    {
      if (g_error_matches (local_error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT))
        g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                             _("This person is already checked in to this event."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  id = jd_db_last_insert_id (db);
  if (!jd_db_commit (db, error))
    goto fail;
  return id;

fail:
  jd_db_rollback (db);
  return 0;
}

gint64
jd_event_check_in (JdDb      *db,
                   gint64     event_id,
                   gint64     visitor_id,
                   gboolean  *full,
                   GError   **error)
{
  g_return_val_if_fail (db != NULL && visitor_id > 0, 0);

  return add_attendance (db, event_id, visitor_id, 1, full, error);
}

gint64
jd_event_add_head_count (JdDb     *db,
                         gint64    event_id,
                         guint     head_count,
                         GError  **error)
{
  g_return_val_if_fail (db != NULL, 0);

  if (head_count < 1 || head_count > 100000)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Enter how many people came: from 1 to 100,000."));
      return 0;
    }
  return add_attendance (db, event_id, 0, head_count, NULL, error);
}

gboolean
jd_event_remove_attendance (JdDb     *db,
                            gint64    attendance_id,
                            GError  **error)
{
  static const char *const steps[] = {
    /* The event purpose goes when no other event of that visit remains. */
    "DELETE FROM visit_purpose WHERE purpose = 'event' AND visit_id = ?2"
    " AND NOT EXISTS (SELECT 1 FROM attendance WHERE visit_id = ?2 AND id <> ?1)",
    "DELETE FROM attendance WHERE id = ?1",
    /* A visit made for this check-in alone goes with it. */
    "DELETE FROM visit WHERE id = ?2"
    " AND NOT EXISTS (SELECT 1 FROM visit_purpose WHERE visit_id = ?2)"
    " AND NOT EXISTS (SELECT 1 FROM attendance WHERE visit_id = ?2)"
    " AND NOT EXISTS (SELECT 1 FROM consultation WHERE visit_id = ?2)",
  };
  JdStmt *stmt;
  gint64 visit = 0;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error) || !jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db, "SELECT coalesce (visit_id, 0) FROM attendance WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, attendance_id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    visit = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND, _("This entry was already removed."));
      goto fail;
    }

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      stmt = jd_db_prepare (db, steps[i], error);
      if (stmt == NULL)
        goto fail;
      jd_stmt_bind_int64 (stmt, 1, attendance_id);
      if (jd_stmt_bind_parameter_count (stmt) >= 2)
        jd_stmt_bind_int64 (stmt, 2, visit);
      if (!jd_db_step_done (db, stmt, error))
        goto fail;
    }
  if (!jd_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

GPtrArray *
jd_event_attendance (JdDb     *db,
                     gint64    event_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_attendance_free);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = jd_db_prepare (db,
                        "SELECT a.id, coalesce (a.visitor_id, 0), v.surname || ' ' || v.given_name,"
                        " a.head_count, a.checked_in_at FROM attendance a"
                        " LEFT JOIN visitor v ON v.id = a.visitor_id WHERE a.event_id = ?1"
                        " ORDER BY a.checked_in_at DESC, a.id DESC",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, event_id);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      JdAttendance *a = g_new0 (JdAttendance, 1);

      a->id = jd_stmt_column_int64 (stmt, 0);
      a->visitor_id = jd_stmt_column_int64 (stmt, 1);
      a->visitor_name = g_strdup (jd_stmt_column_text (stmt, 2));
      a->head_count = (guint) jd_stmt_column_int64 (stmt, 3);
      a->checked_in_at = jd_stmt_column_int64 (stmt, 4);
      g_ptr_array_add (list, a);
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}
