/* jd-db-transfer.c: moving a centre between a file and a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A copy reads every table of the source (SELECT its columns ORDER BY
 * id) and writes each row into the same table of the destination
 * (jd_stmt_bind_column), through jd-stmt.h only: file to server, server
 * to file, or either to either. The tables and their columns come from
 * the engines' catalogues (jd_db_list_tables(), jd_db_list_columns());
 * both sides must hold the same tables with the same columns, which two
 * databases of the same schema version do.
 *
 * The destination's work is one transaction: the schema's own rows
 * (districts, the zone's offsets) are deleted, every table is copied in
 * the order of its foreign keys, and the row counts are compared before
 * the commit; any failure rolls all of it back. The source is read in
 * one snapshot (jd_db_begin_read()), so desks may keep working on it.
 *
 * Derived tables: the triggers that keep each visit's snapshot of its
 * visitor and the hourly visit_summary (and the server's NOTIFY
 * triggers) are suspended for the copy (jd_db_suspend_triggers(): a
 * server turns them off, a file drops them and makes them again), so
 * visits keep their copied sex, age and district and visit_summary,
 * visitor_month and month_total are the source's, row for row, not counted a second time. Identity
 * sequences are moved on after each table (jd_db_move_sequence()).
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "jd-db-engine.h"
#include "jd-db-private.h"
#include "jd-db-transfer.h"
#include "jd-server.h"

G_DEFINE_QUARK (jd-db-transfer-error-quark, jd_db_transfer_error)

/* How often the progress callback hears of a table's rows. */
#define PROGRESS_ROWS 500
/* Rows of one INSERT, and the parameters it may have (SQLite's limit
 * is 32766, PostgreSQL's 65535). */
#define BATCH_ROWS     100
#define MAX_PARAMETERS 30000

/* The order of the foreign keys: every table after those it refers to.
 * A table that refers to itself (staff, event, consultation) is copied
 * by id; a row that refers to a later one (an account changed by a
 * newer account) is why the keys are checked at the end of the copy
 * (jd_db_suspend_triggers()). Tables not named here (a later schema's)
 * come last, by name. */
static const char *const table_order[] = {
  "setting",
  "district",
  "time_zone_offset",
  "staff",
  "staff_service",
  "visitor",
  "visitor_category",
  "visitor_token",
  "visitor_fts",
  "visitor_pair",
  "consent",
  "visit",
  "visit_purpose",
  "event",
  "attendance",
  "consultation",
  "queue_entry",
  "audit",
  "visitor_month",
  "month_total",
  "visit_summary",
};

static int
table_rank (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_order); i++)
    if (g_str_equal (table, table_order[i]))
      return (int) i;
  return G_N_ELEMENTS (table_order);
}

static int
compare_tables (gconstpointer a,
                gconstpointer b)
{
  const char *ta = *(const char **) a, *tb = *(const char **) b;
  int ra = table_rank (ta), rb = table_rank (tb);

  return ra != rb ? ra - rb : g_strcmp0 (ta, tb);
}

static void
count_clear (gpointer data)
{
  JdDbTransferCount *count = data;

  g_free (count->table);
}

static gboolean
has_string (GPtrArray  *strings,
            const char *value)
{
  return g_ptr_array_find_with_equal_func (strings, value, g_str_equal, NULL);
}

/* A column name for SQL: quoted, except an FTS5 table's rowid, which
 * is only rowid when bare. */
static void
append_column (GString    *sql,
               const char *column)
{
  g_autofree char *quoted = NULL;

  if (g_str_equal (column, "rowid"))
    {
      g_string_append (sql, column);
      return;
    }
  quoted = jd_db_quote_identifier (column);
  g_string_append (sql, quoted);
}

static gboolean
count_rows (JdDb        *db,
            const char  *table,
            gint64      *rows,
            GError     **error)
{
  g_autofree char *quoted = jd_db_quote_identifier (table);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", quoted);
  JdStmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    *rows = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The columns of @table in @dest's order, which @source must have too,
 * and no others. */
static GPtrArray *
shared_columns (JdDb        *source,
                JdDb        *dest,
                const char  *table,
                GError     **error)
{
  g_autoptr(GPtrArray) from = jd_db_list_columns (source, table, error);
  g_autoptr(GPtrArray) to = NULL;
  gboolean same;

  if (from == NULL)
    return NULL;
  to = jd_db_list_columns (dest, table, error);
  if (to == NULL)
    return NULL;

  same = from->len == to->len;
  for (guint i = 0; same && i < to->len; i++)
    same = has_string (from, to->pdata[i]);
  if (!same || to->len == 0)
    {
      g_set_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_SCHEMA,
                   _("The table “%s” has other columns in the two databases, so they are of "
                     "different versions of Jastar Desk. Open both with this version first. "
                     "Nothing was copied."),
                   table);
      return NULL;
    }
  return g_steal_pointer (&to);
}

/* "INSERT INTO t (a, b) VALUES (?1, ?2), (?3, ?4), …" for @rows rows. */
static char *
insert_sql (const char *quoted,
            GPtrArray  *columns,
            guint       rows)
{
  GString *insert = g_string_new ("INSERT INTO ");
  guint n = 0;

  g_string_append_printf (insert, "%s (", quoted);
  for (guint i = 0; i < columns->len; i++)
    {
      if (i > 0)
        g_string_append (insert, ", ");
      append_column (insert, columns->pdata[i]);
    }
  g_string_append (insert, ") VALUES ");
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (insert, r > 0 ? ", (" : "(");
      for (guint i = 0; i < columns->len; i++)
        g_string_append_printf (insert, i > 0 ? ", ?%u" : "?%u", ++n);
      g_string_append_c (insert, ')');
    }
  return g_string_free (insert, FALSE);
}

/* Rows go in batches of one INSERT (a round trip each on a server),
 * the last few one at a time. The count read first, in the same
 * snapshot, says how many full batches there are. */
static gboolean
copy_table (JdDb                  *source,
            JdDb                  *dest,
            const char            *table,
            GPtrArray             *columns,
            gint64                 total,
            JdDbTransferProgress   progress,
            gpointer               user_data,
            GError               **error)
{
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autofree char *quoted = jd_db_quote_identifier (table);
  g_autofree char *one_sql = NULL, *batch_sql = NULL;
  guint batch = MAX (1, MIN (BATCH_ROWS, MAX_PARAMETERS / columns->len));
  JdStmt *from, *one, *many = NULL, *to = NULL;
  gint64 done = 0, next_report = PROGRESS_ROWS;
  guint pending = 0;
  int rc;

  for (guint i = 0; i < columns->len; i++)
    {
      if (i > 0)
        g_string_append (select, ", ");
      append_column (select, columns->pdata[i]);
    }
  /* By id, so a row that refers to another of its table comes after it. */
  g_string_append_printf (select, " FROM %s ORDER BY ", quoted);
  if (has_string (columns, "id"))
    g_string_append (select, "id");
  else if (has_string (columns, "rowid"))
    g_string_append (select, "rowid");
  else
    for (guint i = 0; i < columns->len; i++)
      g_string_append_printf (select, i > 0 ? ", %u" : "%u", i + 1);

  one_sql = insert_sql (quoted, columns, 1);
  batch_sql = insert_sql (quoted, columns, batch);
  from = jd_db_prepare (source, select->str, error);
  if (from == NULL)
    return FALSE;
  one = jd_db_prepare (dest, one_sql, error);
  if (one == NULL)
    return FALSE;
  if (batch > 1 && total >= batch)
    {
      many = jd_db_prepare (dest, batch_sql, error);
      if (many == NULL)
        return FALSE;
    }

  if (progress != NULL && total > 0)
    progress (table, 0, total, user_data);
  while ((rc = jd_stmt_step (from)) == JD_STEP_ROW)
    {
      guint size;

      if (pending == 0)
        to = many != NULL && total - done >= batch ? many : one;
      size = to == many ? batch : 1;
      for (guint i = 0; i < columns->len; i++)
        jd_stmt_bind_column (to, (int) (pending * columns->len + i + 1), from, (int) i);
      if (++pending < size)
        continue;

      if (!jd_db_step_done (dest, to, error))
        {
          jd_stmt_reset (from);
          if (size == 1)
            g_prefix_error (error, _("Copying the table “%s” failed at row %lld: "),
                            table, (long long) done + 1);
          else
            g_prefix_error (error, _("Copying the table “%s” failed in rows %lld to %lld: "),
                            table, (long long) done + 1, (long long) (done + size));
          return FALSE;
        }
      done += size;
      pending = 0;
      if (progress != NULL && done >= next_report && done < total)
        {
          progress (table, done, total, user_data);
          next_report = done + PROGRESS_ROWS;
        }
    }
  jd_stmt_reset (from);
  jd_stmt_clear_bindings (one);
  if (many != NULL)
    jd_stmt_clear_bindings (many);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (source, rc, error);
      return FALSE;
    }
  if (pending > 0)
    {
      /* Fewer rows than counted in the same snapshot: never expected. */
      g_set_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_MISMATCH,
                   _("The table “%s” has %lld rows in the source but %lld after the copy, so "
                     "nothing was kept."),
                   table, (long long) total, (long long) (done + pending));
      return FALSE;
    }
  if (progress != NULL)
    progress (table, done, MAX (total, done), user_data);

  return jd_db_move_sequence (dest, table, error);
}

/* A server that already holds a centre is not written over. */
static gboolean
check_empty (JdDb    *dest,
             GError **error)
{
  gint64 visitors = 0, staff = 0;

  if (!count_rows (dest, "visitor", &visitors, error) ||
      !count_rows (dest, "staff", &staff, error))
    return FALSE;
  if (visitors > 0 || staff > 0)
    {
      g_set_error_literal (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_NOT_EMPTY,
                           _("The server database already holds a centre; copy only into an "
                             "empty one."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
transfer_in_transaction (JdDb                  *source,
                         JdDb                  *dest,
                         GPtrArray             *tables,
                         JdDbTransferProgress   progress,
                         gpointer               user_data,
                         GArray                *counts,
                         GError               **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) suspended = NULL;

  if (!check_empty (dest, error))
    return FALSE;

  for (guint i = 0; i < tables->len; i++)
    {
      GPtrArray *shared = shared_columns (source, dest, tables->pdata[i], error);
      JdDbTransferCount count = { g_strdup (tables->pdata[i]), 0, 0 };

      if (shared == NULL)
        {
          g_free (count.table);
          return FALSE;
        }
      g_ptr_array_add (columns, shared);
      g_array_append_val (counts, count);
    }

  suspended = jd_db_suspend_triggers (dest, error);
  if (suspended == NULL)
    return FALSE;

  /* What the new schema seeded goes: the source's rows replace it. */
  for (guint i = tables->len; i-- > 0;)
    {
      g_autofree char *quoted = jd_db_quote_identifier (tables->pdata[i]);
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", quoted);

      if (!jd_db_exec (dest, sql, error))
        return FALSE;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      JdDbTransferCount *count = &g_array_index (counts, JdDbTransferCount, i);

      if (!count_rows (source, count->table, &count->source_rows, error) ||
          !copy_table (source, dest, count->table, columns->pdata[i], count->source_rows,
                       progress, user_data, error))
        return FALSE;
    }

  if (!jd_db_resume_triggers (dest, suspended, error))
    return FALSE;

  for (guint i = 0; i < counts->len; i++)
    {
      JdDbTransferCount *count = &g_array_index (counts, JdDbTransferCount, i);

      if (!count_rows (dest, count->table, &count->copied_rows, error))
        return FALSE;
      if (count->copied_rows != count->source_rows)
        {
          g_set_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_MISMATCH,
                       _("The table “%s” has %lld rows in the source but %lld after the copy, so "
                         "nothing was kept."),
                       count->table, (long long) count->source_rows,
                       (long long) count->copied_rows);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * jd_db_transfer:
 *
 * See jd-db-transfer.h.
 */
gboolean
jd_db_transfer (JdDb                  *source,
                JdDb                  *dest,
                JdDbTransferProgress   progress,
                gpointer               user_data,
                GArray               **counts,
                GError               **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (JdDbTransferCount));
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) dest_tables = NULL;
  gboolean ok, streaming;

  g_return_val_if_fail (source != NULL && dest != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_clear_func (result, count_clear);

  if (!jd_db_begin_read (source, error))
    return FALSE;
  tables = jd_db_list_tables (source, error);
  if (tables == NULL || !jd_db_begin (dest, error))
    {
      jd_db_rollback (source);
      return FALSE;
    }
  dest_tables = jd_db_list_tables (dest, error);
  ok = dest_tables != NULL;
  for (guint i = 0; ok && i < tables->len; i++)
    if (!has_string (dest_tables, tables->pdata[i]))
      {
        g_set_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_SCHEMA,
                     _("The table “%s” has no place in the destination, so the two databases "
                       "are of different versions of Jastar Desk. Nothing was copied."),
                     (const char *) tables->pdata[i]);
        ok = FALSE;
      }
  g_ptr_array_sort (tables, compare_tables);

  /* A server's tables are read a batch of rows at a time: the visits of
   * a large centre would not fit in memory at once. */
  streaming = jd_db_set_streaming (source, TRUE);
  ok = ok &&
       transfer_in_transaction (source, dest, tables, progress, user_data, result, error) &&
       jd_db_commit (dest, error);
  jd_db_set_streaming (source, streaming);
  if (!ok)
    jd_db_rollback (dest);
  jd_db_rollback (source);
  if (!ok)
    return FALSE;

  /* A server has statistics only for what it has seen: without them its
   * planner reads the copied tables badly (a two-word search made 1.4
   * million heap fetches until autovacuum came by). Outside the
   * transaction, as VACUUM must be; a failure here loses nothing. */
  if (jd_db_get_engine_kind (dest) == JD_DB_ENGINE_POSTGRESQL)
    jd_db_exec (dest, "VACUUM ANALYZE", NULL);

  if (counts != NULL)
    *counts = g_steal_pointer (&result);
  return TRUE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);

  return g_file_equal (fa, fb);
}

/**
 * jd_db_copy_to:
 *
 * See jd-db-transfer.h.
 */
gboolean
jd_db_copy_to (const char            *source_path,
               const char            *dest_path,
               gboolean               replace_file,
               JdDbTransferProgress   progress,
               gpointer               user_data,
               GArray               **counts,
               GError               **error)
{
  g_autoptr(JdDb) source = NULL;
  g_autoptr(JdDb) dest = NULL;
  g_autofree char *name = NULL;
  g_autofree char *partial = NULL;
  gboolean to_server;

  g_return_val_if_fail (source_path != NULL && dest_path != NULL, FALSE);

  to_server = jd_database_is_server (dest_path);
  name = jd_database_display_name (dest_path);
  if (g_str_equal (source_path, dest_path) ||
      (!to_server && !jd_database_is_server (source_path) && same_file (source_path, dest_path)))
    {
      g_set_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_SAME,
                   _("“%s” is the database being copied. Give another place to copy it to."),
                   name);
      return FALSE;
    }
  if (!to_server && !replace_file && g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_EXISTS,
                   _("The file “%s” exists already. A copy goes into a new file: give a name "
                     "that is not taken."),
                   name);
      return FALSE;
    }

  source = jd_db_open (source_path, JD_DB_OPEN_READ_ONLY, error);
  if (source == NULL)
    return FALSE;

  if (to_server)
    {
      dest = jd_db_open (dest_path, JD_DB_OPEN_DEFAULT, error);
      return dest != NULL && jd_db_transfer (source, dest, progress, user_data, counts, error);
    }

  /* A file is written under another name and takes its own at the end:
   * a failed copy leaves no half-made centre behind. */
  {
    g_autofree char *stamp = jd_db_timestamp_string ();

    partial = g_strdup_printf ("%s.partial-%s", dest_path, stamp);
  }
  jd_db_remove_files (partial);
  if (!jd_db_ensure_parent_dir (dest_path, error))
    return FALSE;
  dest = jd_db_open (partial, JD_DB_OPEN_CREATE, error);
  if (dest == NULL || !jd_db_transfer (source, dest, progress, user_data, counts, error))
    {
      g_clear_pointer (&dest, jd_db_close);
      jd_db_remove_files (partial);
      return FALSE;
    }
  g_clear_pointer (&dest, jd_db_close);

  if (g_rename (partial, dest_path) != 0)
    {
      int saved_errno = errno;

      jd_db_remove_files (partial);
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                   _("The copy could not be saved as “%s”: %s."),
                   name, g_strerror (saved_errno));
      if (counts != NULL)
        g_clear_pointer (counts, g_array_unref);
      return FALSE;
    }
  return TRUE;
}
