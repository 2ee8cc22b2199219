/* jd-sqlite.c: the JdStmt API on SQLite, and the connection's state
 *
 * Each function is one call of SQLite's on the sqlite3_stmt a JdStmt
 * wraps; jd-db-engine.c reaches them through jd_sqlite_engine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include "jd-sqlite-private.h"

G_STATIC_ASSERT (JD_STEP_ROW == SQLITE_ROW);
G_STATIC_ASSERT (JD_STEP_DONE == SQLITE_DONE);

static JdStmt *
sqlite_prepare (JdDb        *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *handle;
  JdSqliteStmt *stmt;
  int rc;

  rc = sqlite3_prepare_v3 (jd_db_get_handle (db), sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &handle, NULL);
  if (rc != SQLITE_OK)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  stmt = g_new (JdSqliteStmt, 1);
  stmt->base.engine = &jd_sqlite_engine;
  stmt->handle = handle;
  return &stmt->base;
}

static void
sqlite_stmt_free (gpointer data)
{
  JdSqliteStmt *stmt = data;

  sqlite3_finalize (stmt->handle);
  g_free (stmt);
}

static void
sqlite_bind_int64 (JdStmt *stmt,
                   int     index,
                   gint64  value)
{
  sqlite3_bind_int64 (JD_SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_double (JdStmt *stmt,
                    int     index,
                    double  value)
{
  sqlite3_bind_double (JD_SQLITE_STMT (stmt), index, value);
}

static void
sqlite_bind_text (JdStmt     *stmt,
                  int         index,
                  const char *text,
                  gboolean    copy)
{
  /* SQLite binds NULL for a NULL pointer. */
  sqlite3_bind_text (JD_SQLITE_STMT (stmt), index, text, -1,
                     copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void
sqlite_bind_null (JdStmt *stmt,
                  int     index)
{
  sqlite3_bind_null (JD_SQLITE_STMT (stmt), index);
}

static void
sqlite_bind_column (JdStmt *stmt,
                    int     index,
                    JdStmt *from,
                    int     column)
{
  sqlite3_bind_value (JD_SQLITE_STMT (stmt), index,
                      sqlite3_column_value (JD_SQLITE_STMT (from), column));
}

static int
sqlite_bind_parameter_count (JdStmt *stmt)
{
  return sqlite3_bind_parameter_count (JD_SQLITE_STMT (stmt));
}

static void
sqlite_clear_bindings (JdStmt *stmt)
{
  sqlite3_clear_bindings (JD_SQLITE_STMT (stmt));
}

static int
sqlite_step (JdStmt *stmt)
{
  return sqlite3_step (JD_SQLITE_STMT (stmt));
}

static void
sqlite_reset (JdStmt *stmt)
{
  sqlite3_reset (JD_SQLITE_STMT (stmt));
}

static int
sqlite_column_count (JdStmt *stmt)
{
  return sqlite3_column_count (JD_SQLITE_STMT (stmt));
}

static const char *
sqlite_column_name (JdStmt *stmt,
                    int     column)
{
  return sqlite3_column_name (JD_SQLITE_STMT (stmt), column);
}

static gint64
sqlite_column_int64 (JdStmt *stmt,
                     int     column)
{
  return sqlite3_column_int64 (JD_SQLITE_STMT (stmt), column);
}

static int
sqlite_column_int (JdStmt *stmt,
                   int     column)
{
  return sqlite3_column_int (JD_SQLITE_STMT (stmt), column);
}

static double
sqlite_column_double (JdStmt *stmt,
                      int     column)
{
  return sqlite3_column_double (JD_SQLITE_STMT (stmt), column);
}

static const char *
sqlite_column_text (JdStmt *stmt,
                    int     column)
{
  return (const char *) sqlite3_column_text (JD_SQLITE_STMT (stmt), column);
}

static gboolean
sqlite_column_is_null (JdStmt *stmt,
                       int     column)
{
  return sqlite3_column_type (JD_SQLITE_STMT (stmt), column) == SQLITE_NULL;
}

static gboolean
sqlite_column_is_integer (JdStmt *stmt,
                          int     column)
{
  return sqlite3_column_type (JD_SQLITE_STMT (stmt), column) == SQLITE_INTEGER;
}

static gint64
sqlite_last_insert_id (JdDb *db)
{
  return sqlite3_last_insert_rowid (jd_db_get_handle (db));
}

static int
sqlite_changes (JdDb *db)
{
  return sqlite3_changes (jd_db_get_handle (db));
}

static gint64
sqlite_total_changes (JdDb *db)
{
  return sqlite3_total_changes64 (jd_db_get_handle (db));
}

static gboolean
sqlite_in_transaction (JdDb *db)
{
  return !sqlite3_get_autocommit (jd_db_get_handle (db));
}

static void
sqlite_set_progress_handler (JdDb             *db,
                             JdDbProgressFunc  func,
                             gpointer          user_data)
{
  /* Every 10,000 virtual machine steps: about a millisecond. */
  sqlite3_progress_handler (jd_db_get_handle (db), func != NULL ? 10000 : 0,
                            func, user_data);
}

/* SQLite and PostgreSQL quote a name the same way: in double quotes,
 * a double quote inside doubled, so this needs no connection. */
char *
jd_db_quote_identifier (const char *name)
{
  char *quoted = sqlite3_mprintf ("\"%w\"", name);
  char *copy = g_strdup (quoted);

  sqlite3_free (quoted);
  return copy;
}

static gint64
pragma_int (JdDb       *db,
            const char *sql,
            gint64      fallback)
{
  JdStmt *stmt = jd_db_prepare (db, sql, NULL);
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

static gint64
sqlite_get_data_version (JdDb *db)
{
  return pragma_int (db, "PRAGMA data_version", -1);
}

static gint64
sqlite_get_cache_size (JdDb *db)
{
  /* SQLite's default, 2 MB. */
  return pragma_int (db, "PRAGMA cache_size", -2000);
}

static void
sqlite_set_cache_size (JdDb   *db,
                       gint64  size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  jd_db_exec (db, sql, NULL);
}

static void
sqlite_release_memory (JdDb *db)
{
  jd_db_exec (db, "PRAGMA shrink_memory", NULL);
}

static gboolean
sqlite_set_foreign_keys (JdDb      *db,
                         gboolean   on,
                         GError   **error)
{
  return jd_db_exec (db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", error);
}

/* The centre's tables: not SQLite's own (sqlite_*) nor the shadow
 * tables of a virtual table (visitor_fts_data, …, of the FTS5 table). */
static GPtrArray *
sqlite_list_tables (JdDb    *db,
                    GError **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT t.name FROM sqlite_schema t WHERE t.type = 'table'"
                        " AND substr (t.name, 1, 7) <> 'sqlite_'"
                        " AND NOT EXISTS (SELECT 1 FROM sqlite_schema v WHERE v.type = 'table'"
                        "  AND v.sql LIKE 'CREATE VIRTUAL TABLE%'"
                        "  AND substr (t.name, 1, length (v.name) + 1) = v.name || '_')"
                        " ORDER BY t.name",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_ptr_array_add (tables, jd_db_column_dup (stmt, 0));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&tables);
}

/* PRAGMA table_info; a virtual table's key, rowid, first (FTS5 hides
 * it, and the search finds visitors by it). */
static GPtrArray *
sqlite_list_columns (JdDb        *db,
                     const char  *table,
                     GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT 'rowid', -1 FROM sqlite_schema WHERE type = 'table' AND name = ?1"
                        " AND sql LIKE 'CREATE VIRTUAL TABLE%'"
                        " UNION ALL SELECT name, cid FROM pragma_table_info (?1) ORDER BY 2",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_text (stmt, 1, table);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_ptr_array_add (columns, jd_db_column_dup (stmt, 0));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&columns);
}

/* SQLite cannot turn a trigger off: each is dropped, and made again
 * from its own CREATE TRIGGER text, in the same transaction. The
 * foreign keys are checked at the commit (a row may refer to a later
 * row of its own table); SQLite turns defer_foreign_keys off itself
 * when the transaction ends. */
static GPtrArray *
sqlite_suspend_triggers (JdDb    *db,
                         GError **error)
{
  g_autoptr(GPtrArray) restore = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  JdStmt *stmt;
  int rc;

  if (!jd_db_exec (db, "PRAGMA defer_foreign_keys = ON", error))
    return NULL;
  stmt = jd_db_prepare (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      g_ptr_array_add (names, jd_db_column_dup (stmt, 0));
      g_ptr_array_add (restore, jd_db_column_dup (stmt, 1));
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *quoted = jd_db_quote_identifier (names->pdata[i]);
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER %s", quoted);

      if (!jd_db_exec (db, sql, error))
        return NULL;
    }
  return g_steal_pointer (&restore);
}

/* An INTEGER PRIMARY KEY takes max (rowid) + 1 by itself. */
static gboolean
sqlite_move_sequence (G_GNUC_UNUSED JdDb        *db,
                      G_GNUC_UNUSED const char  *table,
                      G_GNUC_UNUSED GError     **error)
{
  return TRUE;
}

/* A deferred transaction: its first read fixes the snapshot. */
static gboolean
sqlite_begin_read (JdDb    *db,
                   GError **error)
{
  return jd_db_exec (db, "BEGIN DEFERRED", error);
}

const JdDbEngine jd_sqlite_engine = {
  .name = "sqlite",

  .prepare = sqlite_prepare,
  .stmt_free = sqlite_stmt_free,
  .bind_int64 = sqlite_bind_int64,
  .bind_double = sqlite_bind_double,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .bind_column = sqlite_bind_column,
  .bind_parameter_count = sqlite_bind_parameter_count,
  .clear_bindings = sqlite_clear_bindings,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .column_count = sqlite_column_count,
  .column_name = sqlite_column_name,
  .column_int64 = sqlite_column_int64,
  .column_int = sqlite_column_int,
  .column_double = sqlite_column_double,
  .column_text = sqlite_column_text,
  .column_is_null = sqlite_column_is_null,
  .column_is_integer = sqlite_column_is_integer,

  .close = jd_sqlite_close,
  .exec = jd_sqlite_exec,
  .begin = jd_sqlite_begin,
  .commit = jd_sqlite_commit,
  .rollback = jd_sqlite_rollback,
  .in_transaction = sqlite_in_transaction,
  .set_error = jd_sqlite_set_error,
  .last_insert_id = sqlite_last_insert_id,
  .changes = sqlite_changes,
  .total_changes = sqlite_total_changes,
  .set_progress_handler = sqlite_set_progress_handler,
  .get_data_version = sqlite_get_data_version,
  .get_cache_size = sqlite_get_cache_size,
  .set_cache_size = sqlite_set_cache_size,
  .release_memory = sqlite_release_memory,
  .set_foreign_keys = sqlite_set_foreign_keys,
  .check_integrity = jd_sqlite_check_integrity,
  .list_tables = sqlite_list_tables,
  .list_columns = sqlite_list_columns,
  .suspend_triggers = sqlite_suspend_triggers,
  .move_sequence = sqlite_move_sequence,
  .begin_read = sqlite_begin_read,
};
