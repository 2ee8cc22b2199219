/* jd-sqlite.c: the JdStmt API on SQLite, and the connection's state
 *
 * Each function is one call of SQLite's: the statement behind a JdStmt
 * is the sqlite3_stmt itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include "jd-sqlite-private.h"

G_STATIC_ASSERT (JD_STEP_ROW == SQLITE_ROW);
G_STATIC_ASSERT (JD_STEP_DONE == SQLITE_DONE);

void
jd_stmt_bind_int64 (JdStmt *stmt,
                    int     index,
                    gint64  value)
{
  sqlite3_bind_int64 (JD_SQLITE_STMT (stmt), index, value);
}

void
jd_stmt_bind_int (JdStmt *stmt,
                  int     index,
                  int     value)
{
  sqlite3_bind_int (JD_SQLITE_STMT (stmt), index, value);
}

void
jd_stmt_bind_double (JdStmt *stmt,
                     int     index,
                     double  value)
{
  sqlite3_bind_double (JD_SQLITE_STMT (stmt), index, value);
}

void
jd_stmt_bind_text (JdStmt     *stmt,
                   int         index,
                   const char *text)
{
  /* SQLite binds NULL for a NULL pointer. */
  sqlite3_bind_text (JD_SQLITE_STMT (stmt), index, text, -1, SQLITE_TRANSIENT);
}

void
jd_stmt_bind_text_static (JdStmt     *stmt,
                          int         index,
                          const char *text)
{
  sqlite3_bind_text (JD_SQLITE_STMT (stmt), index, text, -1, SQLITE_STATIC);
}

void
jd_stmt_bind_null (JdStmt *stmt,
                   int     index)
{
  sqlite3_bind_null (JD_SQLITE_STMT (stmt), index);
}

void
jd_stmt_bind_column (JdStmt *stmt,
                     int     index,
                     JdStmt *from,
                     int     column)
{
  sqlite3_bind_value (JD_SQLITE_STMT (stmt), index,
                      sqlite3_column_value (JD_SQLITE_STMT (from), column));
}

int
jd_stmt_bind_parameter_count (JdStmt *stmt)
{
  return sqlite3_bind_parameter_count (JD_SQLITE_STMT (stmt));
}

void
jd_stmt_clear_bindings (JdStmt *stmt)
{
  sqlite3_clear_bindings (JD_SQLITE_STMT (stmt));
}

int
jd_stmt_step (JdStmt *stmt)
{
  return sqlite3_step (JD_SQLITE_STMT (stmt));
}

void
jd_stmt_reset (JdStmt *stmt)
{
  sqlite3_reset (JD_SQLITE_STMT (stmt));
}

int
jd_stmt_column_count (JdStmt *stmt)
{
  return sqlite3_column_count (JD_SQLITE_STMT (stmt));
}

const char *
jd_stmt_column_name (JdStmt *stmt,
                     int     column)
{
  return sqlite3_column_name (JD_SQLITE_STMT (stmt), column);
}

gint64
jd_stmt_column_int64 (JdStmt *stmt,
                      int     column)
{
  return sqlite3_column_int64 (JD_SQLITE_STMT (stmt), column);
}

int
jd_stmt_column_int (JdStmt *stmt,
                    int     column)
{
  return sqlite3_column_int (JD_SQLITE_STMT (stmt), column);
}

double
jd_stmt_column_double (JdStmt *stmt,
                       int     column)
{
  return sqlite3_column_double (JD_SQLITE_STMT (stmt), column);
}

const char *
jd_stmt_column_text (JdStmt *stmt,
                     int     column)
{
  return (const char *) sqlite3_column_text (JD_SQLITE_STMT (stmt), column);
}

gboolean
jd_stmt_column_is_null (JdStmt *stmt,
                        int     column)
{
  return sqlite3_column_type (JD_SQLITE_STMT (stmt), column) == SQLITE_NULL;
}

gboolean
jd_stmt_column_is_integer (JdStmt *stmt,
                           int     column)
{
  return sqlite3_column_type (JD_SQLITE_STMT (stmt), column) == SQLITE_INTEGER;
}

gint64
jd_db_last_insert_id (JdDb *db)
{
  return sqlite3_last_insert_rowid (jd_db_get_handle (db));
}

int
jd_db_changes (JdDb *db)
{
  return sqlite3_changes (jd_db_get_handle (db));
}

gint64
jd_db_total_changes (JdDb *db)
{
  return sqlite3_total_changes64 (jd_db_get_handle (db));
}

gboolean
jd_db_in_transaction (JdDb *db)
{
  return !sqlite3_get_autocommit (jd_db_get_handle (db));
}

void
jd_db_set_progress_handler (JdDb             *db,
                            JdDbProgressFunc  func,
                            gpointer          user_data)
{
  /* Every 10,000 virtual machine steps: about a millisecond. */
  sqlite3_progress_handler (jd_db_get_handle (db), func != NULL ? 10000 : 0,
                            func, user_data);
}

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

gint64
jd_db_get_data_version (JdDb *db)
{
  return pragma_int (db, "PRAGMA data_version", -1);
}

gint64
jd_db_get_cache_size (JdDb *db)
{
  /* SQLite's default, 2 MB. */
  return pragma_int (db, "PRAGMA cache_size", -2000);
}

void
jd_db_set_cache_size (JdDb   *db,
                      gint64  size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);

  jd_db_exec (db, sql, NULL);
}

void
jd_db_release_memory (JdDb *db)
{
  jd_db_exec (db, "PRAGMA shrink_memory", NULL);
}

gboolean
jd_db_set_foreign_keys (JdDb      *db,
                        gboolean   on,
                        GError   **error)
{
  return jd_db_exec (db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF", error);
}
