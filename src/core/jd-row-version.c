/* jd-row-version.c: records that two desks may edit at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-row-version"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-date-format.h"
#include "jd-db-private.h"
#include "jd-row-version.h"

/* The record, its version, when and by whom it was last changed; a
 * visitor whose data was removed counts as gone. */
static const char *const record_sql[] = {
  [JD_RECORD_VISITOR] =
    "SELECT r.row_version, r.updated_at, s.full_name FROM visitor r"
    " LEFT JOIN staff s ON s.id = r.updated_by WHERE r.id = ?1 AND r.anonymised_at IS NULL",
  [JD_RECORD_CONSULTATION] =
    "SELECT r.row_version, r.updated_at, s.full_name FROM consultation r"
    " LEFT JOIN staff s ON s.id = r.updated_by WHERE r.id = ?1",
  [JD_RECORD_EVENT] =
    "SELECT r.row_version, r.updated_at, s.full_name FROM event r"
    " LEFT JOIN staff s ON s.id = r.updated_by WHERE r.id = ?1",
};

gint64
jd_record_get_version (JdDb          *db,
                       JdRecordKind   kind,
                       gint64         id,
                       GError       **error)
{
  JdStmt *stmt;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (db != NULL, -1);
  g_return_val_if_fail (kind <= JD_RECORD_EVENT, -1);

  stmt = jd_db_prepare (db, record_sql[kind], error);
  if (stmt == NULL)
    return -1;
  jd_stmt_bind_int64 (stmt, 1, id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    version = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return -1;
    }
  return version;
}

/* "14:32" today in the centre, "03.12.2026 14:32" another day. */
static char *
format_when (JdDb   *db,
             gint64  t)
{
  g_autoptr(GDateTime) when = jd_db_local_time (db, t);
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return jd_date_format_time (when);
  return jd_date_format_day_time (when);
}

/* The message for people: who changed it and when, in the record's
 * words (translations differ by kind). Not "on another desk": the
 * change may as well come from another window of this one. */
static char *
changed_message (JdRecordKind  kind,
                 const char   *who,
                 const char   *when)
{
  switch (kind)
    {
    case JD_RECORD_VISITOR:
      /* Translators: the first %s is a staff member's full name, the
       * second the time (14:32), or the date and time (03.12.2026 14:32)
       * on another day. */
      if (who != NULL)
        return g_strdup_printf (_("%s changed this visitor at %s while it was open here."), who, when);
      return g_strdup_printf (_("Someone changed this visitor at %s while it was open here."), when);
    case JD_RECORD_CONSULTATION:
      if (who != NULL)
        return g_strdup_printf (_("%s changed this consultation at %s while it was open here."), who, when);
      return g_strdup_printf (_("Someone changed this consultation at %s while it was open here."), when);
    case JD_RECORD_EVENT:
    default:
      if (who != NULL)
        return g_strdup_printf (_("%s changed this event at %s while it was open here."), who, when);
      return g_strdup_printf (_("Someone changed this event at %s while it was open here."), when);
    }
}

/* The messages the load functions give for a record that is gone. */
static const char *
gone_message (JdRecordKind kind)
{
  switch (kind)
    {
    case JD_RECORD_VISITOR:
      return _("This visitor’s record no longer exists. Someone may have deleted it.");
    case JD_RECORD_CONSULTATION:
      return _("This consultation no longer exists.");
    case JD_RECORD_EVENT:
    default:
      return _("This event no longer exists.");
    }
}

gboolean
jd_record_refuse_stale (JdDb          *db,
                        JdRecordKind   kind,
                        gint64         id,
                        GError       **error)
{
  g_autofree char *who = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (kind <= JD_RECORD_EVENT, FALSE);

  stmt = jd_db_prepare (db, record_sql[kind], error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    {
      who = jd_db_column_dup (stmt, 2);
      when = format_when (db, jd_stmt_column_int64 (stmt, 1));
    }
  jd_stmt_reset (stmt);

  if (rc == JD_STEP_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND, gone_message (kind));
      return FALSE;
    }
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  message = changed_message (kind, who != NULL && *who != '\0' ? who : NULL, when);
  g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CHANGED_ELSEWHERE, message);
  return FALSE;
}
