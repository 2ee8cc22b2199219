/* jd-db-engine.c: the JdStmt and JdDb API, passed on to the engine
 *
 * Each function is one call through the engine's table: a JdStmt and a
 * JdDb begin with a pointer to it (jd-db-engine-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-db-engine-private.h"
#include "jd-db-engine.h"
#include "jd-db-transfer.h"

void
jd_stmt_bind_int64 (JdStmt *stmt,
                    int     index,
                    gint64  value)
{
  stmt->engine->bind_int64 (stmt, index, value);
}

void
jd_stmt_bind_int (JdStmt *stmt,
                  int     index,
                  int     value)
{
  stmt->engine->bind_int64 (stmt, index, value);
}

void
jd_stmt_bind_double (JdStmt *stmt,
                     int     index,
                     double  value)
{
  stmt->engine->bind_double (stmt, index, value);
}

void
jd_stmt_bind_text (JdStmt     *stmt,
                   int         index,
                   const char *text)
{
  stmt->engine->bind_text (stmt, index, text, TRUE);
}

void
jd_stmt_bind_text_static (JdStmt     *stmt,
                          int         index,
                          const char *text)
{
  stmt->engine->bind_text (stmt, index, text, FALSE);
}

void
jd_stmt_bind_null (JdStmt *stmt,
                   int     index)
{
  stmt->engine->bind_null (stmt, index);
}

void
jd_stmt_bind_column (JdStmt *stmt,
                     int     index,
                     JdStmt *from,
                     int     column)
{
  if (G_LIKELY (stmt->engine == from->engine))
    stmt->engine->bind_column (stmt, index, from, column);
  else if (from->engine->column_is_null (from, column))
    stmt->engine->bind_null (stmt, index);
  else if (from->engine->column_is_integer (from, column))
    stmt->engine->bind_int64 (stmt, index, from->engine->column_int64 (from, column));
  else
    stmt->engine->bind_text (stmt, index, from->engine->column_text (from, column), TRUE);
}

int
jd_stmt_bind_parameter_count (JdStmt *stmt)
{
  return stmt->engine->bind_parameter_count (stmt);
}

void
jd_stmt_clear_bindings (JdStmt *stmt)
{
  stmt->engine->clear_bindings (stmt);
}

int
jd_stmt_step (JdStmt *stmt)
{
  return stmt->engine->step (stmt);
}

void
jd_stmt_reset (JdStmt *stmt)
{
  stmt->engine->reset (stmt);
}

int
jd_stmt_column_count (JdStmt *stmt)
{
  return stmt->engine->column_count (stmt);
}

const char *
jd_stmt_column_name (JdStmt *stmt,
                     int     column)
{
  return stmt->engine->column_name (stmt, column);
}

gint64
jd_stmt_column_int64 (JdStmt *stmt,
                      int     column)
{
  return stmt->engine->column_int64 (stmt, column);
}

int
jd_stmt_column_int (JdStmt *stmt,
                    int     column)
{
  return stmt->engine->column_int (stmt, column);
}

double
jd_stmt_column_double (JdStmt *stmt,
                       int     column)
{
  return stmt->engine->column_double (stmt, column);
}

const char *
jd_stmt_column_text (JdStmt *stmt,
                     int     column)
{
  return stmt->engine->column_text (stmt, column);
}

gboolean
jd_stmt_column_is_null (JdStmt *stmt,
                        int     column)
{
  return stmt->engine->column_is_null (stmt, column);
}

gboolean
jd_stmt_column_is_integer (JdStmt *stmt,
                           int     column)
{
  return stmt->engine->column_is_integer (stmt, column);
}

gint64
jd_db_last_insert_id (JdDb *db)
{
  return JD_DB_ENGINE (db)->last_insert_id (db);
}

int
jd_db_changes (JdDb *db)
{
  return JD_DB_ENGINE (db)->changes (db);
}

gint64
jd_db_total_changes (JdDb *db)
{
  return JD_DB_ENGINE (db)->total_changes (db);
}

JdDbEngineKind
jd_db_get_engine_kind (JdDb *db)
{
  return JD_DB_ENGINE (db) == &jd_pg_engine ? JD_DB_ENGINE_POSTGRESQL : JD_DB_ENGINE_SQLITE;
}

gboolean
jd_db_in_transaction (JdDb *db)
{
  return JD_DB_ENGINE (db)->in_transaction (db);
}

void
jd_db_set_progress_handler (JdDb             *db,
                            JdDbProgressFunc  func,
                            gpointer          user_data)
{
  JD_DB_ENGINE (db)->set_progress_handler (db, func, user_data);
}

gint64
jd_db_get_data_version (JdDb *db)
{
  return JD_DB_ENGINE (db)->get_data_version (db);
}

gint64
jd_db_get_cache_size (JdDb *db)
{
  return JD_DB_ENGINE (db)->get_cache_size (db);
}

void
jd_db_set_cache_size (JdDb   *db,
                      gint64  size)
{
  JD_DB_ENGINE (db)->set_cache_size (db, size);
}

void
jd_db_release_memory (JdDb *db)
{
  JD_DB_ENGINE (db)->release_memory (db);
}

gboolean
jd_db_set_foreign_keys (JdDb      *db,
                        gboolean   on,
                        GError   **error)
{
  return JD_DB_ENGINE (db)->set_foreign_keys (db, on, error);
}

gboolean
jd_db_exec (JdDb        *db,
            const char  *sql,
            GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return JD_DB_ENGINE (db)->exec (db, sql, error);
}

/**
 * jd_db_step_done:
 *
 * Runs a statement that returns no rows and resets it.
 */
gboolean
jd_db_step_done (JdDb     *db,
                 JdStmt   *stmt,
                 GError  **error)
{
  int rc = stmt->engine->step (stmt);

  stmt->engine->reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The count @sql gives with ?1 = @from and ?2 = @to (a period's rows). */
gboolean
jd_db_count_between (JdDb        *db,
                     const char  *sql,
                     gint64       from,
                     gint64       to,
                     guint       *out,
                     GError     **error)
{
  JdStmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, from);
  jd_stmt_bind_int64 (stmt, 2, to);
  rc = jd_stmt_step (stmt);
  *out = rc == JD_STEP_ROW ? (guint) jd_stmt_column_int64 (stmt, 0) : 0;
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Takes the write lock now (SQLite's BEGIN IMMEDIATE, the server's
 * advisory lock), so a busy database fails here, before anything is
 * written, rather than halfway. */
gboolean
jd_db_begin (JdDb    *db,
             GError **error)
{
  return JD_DB_ENGINE (db)->begin (db, error);
}

gboolean
jd_db_commit (JdDb    *db,
              GError **error)
{
  return JD_DB_ENGINE (db)->commit (db, error);
}

void
jd_db_rollback (JdDb *db)
{
  g_return_if_fail (db != NULL);

  JD_DB_ENGINE (db)->rollback (db);
}

void
jd_db_set_error (JdDb    *db,
                 int      rc,
                 GError **error)
{
  g_assert (db != NULL);

  JD_DB_ENGINE (db)->set_error (db, rc, error);
}

/**
 * jd_db_check_integrity:
 * @quick: %TRUE for a quick check, %FALSE for the full one
 * @report: (out) (optional): what was found, one problem per line
 *
 * Returns: %TRUE when the database is healthy; %FALSE with @report set
 *   when it is damaged; %FALSE with @error set when it could not be
 *   checked.
 */
gboolean
jd_db_check_integrity (JdDb      *db,
                       gboolean   quick,
                       char     **report,
                       GError   **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return JD_DB_ENGINE (db)->check_integrity (db, quick, report, error);
}

void
jd_db_set_unsupported_error (GError     **error,
                             const char  *what)
{
  /* Translators: %s is what cannot be done yet, e.g. "Backing up". */
  g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_UNSUPPORTED,
               _("%s is not supported on a centre server yet. Use it on a database file."),
               what);
}

/* Whether @path is a libpq connection string of "key=value" words. */
static gboolean
is_conninfo (const char *path)
{
  static const char * const keys[] = { "host", "hostaddr", "dbname", "service" };
  g_auto(GStrv) words = NULL;

  if (strchr (path, '=') == NULL)
    return FALSE;

  words = g_strsplit_set (path, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        gsize len = strlen (keys[k]);
        const char *rest = words[i] + len;

        if (strncmp (words[i], keys[k], len) != 0)
          continue;
        while (*rest == ' ')
          rest++;
        if (*rest == '=')
          return TRUE;
      }

  /* "dbname = x" splits into three words. */
  for (guint i = 0; words[i] != NULL && words[i + 1] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      if (g_str_equal (words[i], keys[k]) && words[i + 1][0] == '=')
        return TRUE;

  return FALSE;
}

gboolean
jd_db_path_is_server (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_has_prefix (path, "postgresql://") ||
         g_str_has_prefix (path, "postgres://") ||
         is_conninfo (path);
}

/* Moving a centre (jd-db-transfer.h): the engine's catalogue. */

GPtrArray *
jd_db_list_tables (JdDb    *db,
                   GError **error)
{
  g_return_val_if_fail (db != NULL, NULL);

  return JD_DB_ENGINE (db)->list_tables (db, error);
}

GPtrArray *
jd_db_list_columns (JdDb        *db,
                    const char  *table,
                    GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (table != NULL, NULL);

  return JD_DB_ENGINE (db)->list_columns (db, table, error);
}

GPtrArray *
jd_db_suspend_triggers (JdDb    *db,
                        GError **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (jd_db_in_transaction (db), NULL);

  return JD_DB_ENGINE (db)->suspend_triggers (db, error);
}

gboolean
jd_db_resume_triggers (JdDb       *db,
                       GPtrArray  *suspended,
                       GError    **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  for (guint i = 0; suspended != NULL && i < suspended->len; i++)
    if (!jd_db_exec (db, suspended->pdata[i], error))
      return FALSE;
  return TRUE;
}

gboolean
jd_db_move_sequence (JdDb        *db,
                     const char  *table,
                     GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return JD_DB_ENGINE (db)->move_sequence (db, table, error);
}

gboolean
jd_db_begin_read (JdDb    *db,
                  GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return JD_DB_ENGINE (db)->begin_read (db, error);
}

gboolean
jd_db_set_streaming (JdDb     *db,
                     gboolean  on)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (JD_DB_ENGINE (db)->set_streaming == NULL)
    return FALSE;
  return JD_DB_ENGINE (db)->set_streaming (db, on);
}
