/* jd-demo-batch.c: demo rows for a server gathered and written a few
 * hundred at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On the centre server each statement is a round trip over the network.
 * Rows that nothing reads back while the demo is made (consents, the
 * purposes of visits) are gathered column by column as array literals
 * (jd-sql-array.c) and written by one INSERT … SELECT FROM unnest () per
 * batch, whose parameters ?1 … ?n are the columns. A file writes them
 * one by one as before: there a statement costs no round trip.
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include "jd-db-private.h"
#include "jd-demo-private.h"
#include "jd-sql-array.h"

#define BATCH_ROWS 500

struct _JdDemoBatch
{
  const char *sql;
  guint       n_columns;
  guint       rows;
  GString    *columns[JD_DEMO_BATCH_MAX_COLUMNS];
};

JdDemoBatch *
jd_demo_batch_new (const char *sql,
                   guint       n_columns)
{
  JdDemoBatch *batch;

  g_return_val_if_fail (n_columns > 0 && n_columns <= JD_DEMO_BATCH_MAX_COLUMNS, NULL);

  batch = g_new0 (JdDemoBatch, 1);
  batch->sql = sql;
  batch->n_columns = n_columns;
  for (guint i = 0; i < n_columns; i++)
    batch->columns[i] = g_string_new (NULL);
  return batch;
}

void
jd_demo_batch_free (JdDemoBatch *batch)
{
  if (batch == NULL)
    return;

  for (guint i = 0; i < batch->n_columns; i++)
    g_string_free (batch->columns[i], TRUE);
  g_free (batch);
}

/* @column counts from 1, as the parameter it is bound to. */
void
jd_demo_batch_text (JdDemoBatch *batch,
                    guint        column,
                    const char  *value)
{
  g_return_if_fail (column >= 1 && column <= batch->n_columns);

  jd_sql_array_append_text (batch->columns[column - 1], value);
}

void
jd_demo_batch_int64 (JdDemoBatch *batch,
                     guint        column,
                     gint64       value)
{
  g_return_if_fail (column >= 1 && column <= batch->n_columns);

  jd_sql_array_append_int64 (batch->columns[column - 1], value);
}

/* Writes what was gathered (nothing when nothing was). */
gboolean
jd_demo_batch_flush (JdDb         *db,
                     JdDemoBatch  *batch,
                     GError      **error)
{
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  JdStmt *stmt;

  if (batch == NULL || batch->rows == 0)
    return TRUE;

  for (guint i = 0; i < batch->n_columns; i++)
    g_ptr_array_add (literals, jd_sql_array_end (batch->columns[i]));
  batch->rows = 0;

  stmt = jd_db_prepare (db, batch->sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < batch->n_columns; i++)
    jd_stmt_bind_text_static (stmt, (int) i + 1, literals->pdata[i]);
  return jd_db_step_done (db, stmt, error);
}

/* After the last column of a row. */
void
jd_demo_batch_row_done (JdDemoBatch *batch)
{
  batch->rows++;
}

/* Whether it is time to write: the rows of one batch may point at those
 * of another (a purpose at its visit), so all are written together, in
 * order (jd_demo_flush ()). */
gboolean
jd_demo_batch_full (JdDemoBatch *batch)
{
  return batch != NULL && batch->rows >= BATCH_ROWS;
}

/* The id the next visit will have, taken from the table's sequence a
 * batch at a time (a visit in a batch has its id before it is written). */
gboolean
jd_demo_next_visit_id (Demo    *demo,
                       gint64  *id,
                       GError **error)
{
  if (demo->next_visit_id >= demo->visit_ids->len)
    {
      JdStmt *stmt = jd_db_prepare (demo->db,
                                    "SELECT nextval (pg_get_serial_sequence ('visit', 'id'))"
                                    " FROM generate_series (1, ?1)",
                                    error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      g_array_set_size (demo->visit_ids, 0);
      demo->next_visit_id = 0;
      jd_stmt_bind_int (stmt, 1, BATCH_ROWS);
      while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
        {
          gint64 next = jd_stmt_column_int64 (stmt, 0);

          g_array_append_val (demo->visit_ids, next);
        }
      jd_stmt_reset (stmt);
      if (rc != JD_STEP_DONE)
        {
          jd_db_set_error (demo->db, rc, error);
          return FALSE;
        }
    }
  *id = g_array_index (demo->visit_ids, gint64, demo->next_visit_id++);
  return TRUE;
}

/* Everything gathered, what is pointed at first. */
gboolean
jd_demo_flush (Demo    *demo,
               GError **error)
{
  return jd_demo_batch_flush (demo->db, demo->consents, error) &&
         jd_demo_batch_flush (demo->db, demo->visits, error) &&
         jd_demo_batch_flush (demo->db, demo->purposes, error) &&
         jd_demo_batch_flush (demo->db, demo->consultations, error);
}

/* After a visitor: written when a batch is full. */
gboolean
jd_demo_flush_if_full (Demo    *demo,
                       GError **error)
{
  if (jd_demo_batch_full (demo->consents) || jd_demo_batch_full (demo->visits) ||
      jd_demo_batch_full (demo->purposes) || jd_demo_batch_full (demo->consultations))
    return jd_demo_flush (demo, error);
  return TRUE;
}
