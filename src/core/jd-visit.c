/* jd-visit.c: check-ins, their undo, check-outs and the day's visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-access.h"
#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-settings.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "jd-visitor-private.h"

void
jd_visit_row_free (JdVisitRow *row)
{
  if (row == NULL)
    return;

  g_free (row->display_name);
  g_strfreev (row->purposes);
  g_free (row);
}

gint64
jd_visit_check_in (JdDb               *db,
                   gint64              visitor_id,
                   const char * const *purposes,
                   gint64              time_in,
                   GError            **error)
{
  gint64 staff_id = jd_db_get_actor_id (db);
  g_autofree char *centre = NULL;
  g_autofree char *occupation = NULL;
  JdStmt *stmt;
  gint64 now = jd_db_now ();
  gint64 visit_id;
  int rc;

  g_return_val_if_fail (db != NULL, 0);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return 0;

  if (purposes == NULL || purposes[0] == NULL)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Choose at least one purpose of the visit."));
      return 0;
    }

  for (guint i = 0; purposes[i] != NULL; i++)
    if (!jd_purpose_is_known (purposes[i]))
      {
        g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                     _("“%s” is not a purpose of a visit."), purposes[i]);
        return 0;
      }

  centre = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);
  if (!jd_db_begin (db, error))
    return 0;

  stmt = jd_db_prepare (db,
                        "SELECT occupation FROM visitor WHERE id = ?1 AND anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    occupation = g_strdup (jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);
  if (rc == JD_STEP_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visitor’s record no longer exists. Someone may have deleted it."));
      goto fail;
    }
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }

  stmt = jd_db_prepare (db,
                        "INSERT INTO visit (visitor_id, time_in, staff_id, centre_code, occupation,"
                        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  jd_stmt_bind_int64 (stmt, 2, time_in > 0 ? time_in : now);
  if (staff_id > 0)
    jd_stmt_bind_int64 (stmt, 3, staff_id);
  jd_stmt_bind_text (stmt, 4, centre ? centre : "");
  jd_stmt_bind_text (stmt, 5, occupation);
  jd_stmt_bind_int64 (stmt, 6, now);
  if (!jd_db_step_done (db, stmt, error))
    goto fail;
  visit_id = jd_db_last_insert_id (db);

  for (guint i = 0; purposes[i] != NULL; i++)
    {
      stmt = jd_db_prepare (db,
                            "INSERT INTO visit_purpose (visit_id, purpose, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        goto fail;
      jd_stmt_bind_int64 (stmt, 1, visit_id);
      jd_stmt_bind_text (stmt, 2, purposes[i]);
      jd_stmt_bind_int64 (stmt, 3, now);
      if (!jd_db_step_done (db, stmt, error))
        goto fail;

      /* Come for a specialist: wait in that service's queue. */
      if (!jd_purpose_is_service (purposes[i]))
        continue;
      stmt = jd_db_prepare (db,
                            "INSERT INTO queue_entry (visit_id, visitor_id, service, enqueued_at,"
                            " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
                            " ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        goto fail;
      jd_stmt_bind_int64 (stmt, 1, visit_id);
      jd_stmt_bind_int64 (stmt, 2, visitor_id);
      jd_stmt_bind_text (stmt, 3, purposes[i]);
      jd_stmt_bind_int64 (stmt, 4, time_in > 0 ? time_in : now);
      jd_stmt_bind_int64 (stmt, 5, now);
      if (!jd_db_step_done (db, stmt, error))
        goto fail;
    }

  if (!jd_db_commit (db, error))
    goto fail;

  return visit_id;

fail:
  jd_db_rollback (db);
  return 0;
}

static gboolean
change_visit (JdDb        *db,
              const char  *sql,
              gint64       visit_id,
              gint64       value,
              GError     **error)
{
  JdStmt *stmt = jd_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  jd_stmt_bind_int64 (stmt, 1, visit_id);
  if (jd_stmt_bind_parameter_count (stmt) > 1)
    jd_stmt_bind_int64 (stmt, 2, value);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  if (jd_db_changes (db) == 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visit is no longer there. Someone may have undone it."));
      return FALSE;
    }

  return TRUE;
}

gboolean
jd_visit_undo (JdDb    *db,
               gint64   visit_id,
               GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;

  /* Purposes go with the visit (ON DELETE CASCADE); a visit that an
   * event or a consultation already refers to is not a mistake to undo. */
  return change_visit (db, "DELETE FROM visit WHERE id = ?1", visit_id, 0, error);
}

gboolean
jd_visit_check_out (JdDb    *db,
                    gint64   visit_id,
                    gint64   time_out,
                    GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;

  return change_visit (db,
                       "UPDATE visit SET time_out = max (?2, time_in), updated_at = ?2"
                       " WHERE id = ?1 AND time_out IS NULL",
                       visit_id, time_out > 0 ? time_out : jd_db_now (), error);
}

GPtrArray *
jd_visit_list_day (JdDb       *db,
                   GDateTime  *day,
                   guint       limit,
                   guint      *total,
                   GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GStrvBuilder) purposes = NULL;
  JdVisitRow *row = NULL;
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (day != NULL, NULL);

  /* The centre's day of @day. */
  local = g_date_time_to_timezone (day, jd_db_get_time_zone (db));
  start = g_date_time_new (jd_db_get_time_zone (db), g_date_time_get_year (local),
                           g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                           0, 0, 0);
  end = g_date_time_add_days (start, 1);

  if (total != NULL)
    {
      stmt = jd_db_prepare (db, "SELECT count(*) FROM visit WHERE time_in >= ?1 AND time_in < ?2",
                            error);
      if (stmt == NULL)
        return NULL;
      jd_stmt_bind_int64 (stmt, 1, g_date_time_to_unix (start));
      jd_stmt_bind_int64 (stmt, 2, g_date_time_to_unix (end));
      rc = jd_stmt_step (stmt);
      *total = rc == JD_STEP_ROW ? (guint) jd_stmt_column_int64 (stmt, 0) : 0;
      jd_stmt_reset (stmt);
    }

  stmt = jd_db_prepare (db,
                        "SELECT v.id, v.visitor_id, v.time_in, v.time_out,"
                        " p.surname, p.given_name, p.patronymic, vp.purpose"
                        " FROM (SELECT id, visitor_id, time_in, time_out FROM visit"
                        "       WHERE time_in >= ?1 AND time_in < ?2"
                        "       ORDER BY time_in DESC, id DESC LIMIT ?3) v"
                        " JOIN visitor p ON p.id = v.visitor_id"
                        " LEFT JOIN visit_purpose vp ON vp.visit_id = v.id"
                        " ORDER BY v.time_in DESC, v.id DESC, vp.id",
                        error);
  if (stmt == NULL)
    return NULL;

  jd_stmt_bind_int64 (stmt, 1, g_date_time_to_unix (start));
  jd_stmt_bind_int64 (stmt, 2, g_date_time_to_unix (end));
  jd_stmt_bind_int64 (stmt, 3, limit);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_visit_row_free);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 visit_id = jd_stmt_column_int64 (stmt, 0);

      if (row == NULL || row->visit_id != visit_id)
        {
          if (row != NULL)
            row->purposes = g_strv_builder_end (purposes);
          g_clear_pointer (&purposes, g_strv_builder_unref);
          purposes = g_strv_builder_new ();

          row = g_new0 (JdVisitRow, 1);
          row->visit_id = visit_id;
          row->visitor_id = jd_stmt_column_int64 (stmt, 1);
          row->time_in = jd_stmt_column_int64 (stmt, 2);
          row->time_out = jd_stmt_column_int64 (stmt, 3);
          row->display_name = jd_visitor_compose_name (jd_stmt_column_text (stmt, 4),
                                                       jd_stmt_column_text (stmt, 5),
                                                       jd_stmt_column_text (stmt, 6));
          g_ptr_array_add (rows, row);
        }

      if (!jd_stmt_column_is_null (stmt, 7))
        g_strv_builder_add (purposes, jd_stmt_column_text (stmt, 7));
    }
  jd_stmt_reset (stmt);

  if (row != NULL)
    row->purposes = g_strv_builder_end (purposes);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}
