/* jd-queue.c: the queue of checked-in visitors waiting for a service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultation"

#include "config.h"

#include "jd-access.h"
#include "jd-consultation-private.h"
#include "jd-db-private.h"
#include "jd-queue.h"
#include "jd-validate.h"

void
jd_queue_entry_free (JdQueueEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->visitor_name);
  g_free (entry->service);
  g_free (entry->called_by_name);
  g_free (entry);
}

/* The start of the centre's day of @now. */
static gint64
day_start (JdDb   *db,
           gint64  now)
{
  GTimeZone *tz = jd_db_get_time_zone (db);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_time_get_year (local),
                                                g_date_time_get_month (local),
                                                g_date_time_get_day_of_month (local),
                                                0, 0, 0);

  return g_date_time_to_unix (start);
}

#define QUEUE_COLUMNS \
  "q.id, q.visit_id, q.visitor_id, v.surname || ' ' || v.given_name, q.service, q.enqueued_at," \
  " coalesce (q.called_at, 0), coalesce (q.called_by, 0), s.full_name"

static JdQueueEntry *
queue_entry_from_row (JdStmt *stmt)
{
  JdQueueEntry *entry = g_new0 (JdQueueEntry, 1);

  entry->id = jd_stmt_column_int64 (stmt, 0);
  entry->visit_id = jd_stmt_column_int64 (stmt, 1);
  entry->visitor_id = jd_stmt_column_int64 (stmt, 2);
  entry->visitor_name = jd_db_column_dup (stmt, 3);
  entry->service = jd_db_column_dup (stmt, 4);
  entry->enqueued_at = jd_stmt_column_int64 (stmt, 5);
  entry->called_at = jd_stmt_column_int64 (stmt, 6);
  entry->called_by = jd_stmt_column_int64 (stmt, 7);
  entry->called_by_name = jd_db_column_dup (stmt, 8);
  return entry;
}

GPtrArray *
jd_queue_list (JdDb        *db,
               const char  *service,
               gint64       now,
               GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_queue_entry_free);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT " QUEUE_COLUMNS " FROM queue_entry q"
                        " JOIN visitor v ON v.id = q.visitor_id"
                        " LEFT JOIN staff s ON s.id = q.called_by"
                        " WHERE q.done_at IS NULL AND q.enqueued_at >= ?1"
                        " AND (?2 IS NULL OR q.service = ?2)"
                        " ORDER BY q.enqueued_at, q.id",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, day_start (db, now));
  jd_db_bind_text_or_null (stmt, 2, service);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_ptr_array_add (entries, queue_entry_from_row (stmt));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GHashTable *
jd_queue_counts (JdDb     *db,
                 gint64    now,
                 GError  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT service, count(*) FROM queue_entry"
                        " WHERE done_at IS NULL AND called_at IS NULL AND enqueued_at >= ?1"
                        " GROUP BY service",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, day_start (db, now));
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_hash_table_insert (counts, jd_db_column_dup (stmt, 0),
                         GUINT_TO_POINTER ((guint) jd_stmt_column_int (stmt, 1)));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

JdQueueEntry *
jd_queue_call_next (JdDb        *db,
                    const char  *service,
                    gint64       now,
                    GError     **error)
{
  g_autoptr(JdQueueEntry) entry = NULL;
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  if (!jd_consultation_check_specialist_may (db, service, error) || !jd_db_begin (db, error))
    return NULL;

  /* Inside the write transaction: two specialists never call the same
   * person. */
  stmt = jd_db_prepare (db,
                        "SELECT " QUEUE_COLUMNS " FROM queue_entry q"
                        " JOIN visitor v ON v.id = q.visitor_id"
                        " LEFT JOIN staff s ON s.id = q.called_by"
                        " WHERE q.done_at IS NULL AND q.called_at IS NULL AND q.enqueued_at >= ?1"
                        " AND q.service = ?2 ORDER BY q.enqueued_at, q.id LIMIT 1",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, day_start (db, now));
  jd_stmt_bind_text (stmt, 2, service);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    entry = queue_entry_from_row (stmt);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }
  if (entry == NULL)
    {
      jd_db_rollback (db);
      return NULL;
    }

  stmt = jd_db_prepare (db,
                        "UPDATE queue_entry SET called_at = ?2, called_by = nullif (?3, 0),"
                        " updated_at = ?2 WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, entry->id);
  jd_stmt_bind_int64 (stmt, 2, now);
  jd_stmt_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error) || !jd_db_commit (db, error))
    goto fail;

  entry->called_at = now;
  entry->called_by = jd_db_get_actor_id (db);
  return g_steal_pointer (&entry);

fail:
  jd_db_rollback (db);
  return NULL;
}

gboolean
jd_queue_remove (JdDb     *db,
                 gint64    entry_id,
                 GError  **error)
{
  JdStmt *stmt;
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE queue_entry SET done_at = ?2, updated_at = ?2"
                        " WHERE id = ?1 AND done_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, entry_id);
  jd_stmt_bind_int64 (stmt, 2, now);
  return jd_db_step_done (db, stmt, error);
}
