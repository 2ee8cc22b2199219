/* jd-pg-stmt.c: the JdStmt API on PostgreSQL
 *
 * A statement is prepared on the server once per connection (PQprepare,
 * named "jd_<n>"; jd_db_prepare() caches it with its translation, see
 * jd-pg-sql.c). Parameters go as text: numbers are printed, strings
 * copied unless bound static. The first step runs it (PQexecPrepared)
 * and keeps the whole result; each step then moves to its next row, so
 * another statement may run between two steps, as with SQLite.
 *
 * Last insert id: SQLite's last_insert_rowid has no server twin. A
 * plain INSERT (no RETURNING of its own) into a table with a column
 * named id gets " RETURNING id" appended; its step still gives
 * JD_STEP_DONE and no columns, and the last row's id becomes
 * jd_db_last_insert_id(). An INSERT that inserts nothing (ON CONFLICT
 * DO NOTHING) leaves it as it was, as in SQLite.
 *
 * Streaming: a whole result in memory is what most statements want
 * (one row, a lookup: one round trip), but an export of every visit
 * held 109 MB for 100,000 visitors. While jd_db_set_streaming() is on,
 * a SELECT run inside a transaction is read through a cursor of its
 * own instead: its first step DECLAREs it (a new name each time, so a
 * statement run again never meets its old cursor) and FETCHes the first
 * JD_PG_STREAM_BATCH_ROWS rows; the next batch is asked for at once
 * (PQsendQuery) and read in when this one is used up, or before the
 * connection runs anything else (jd_pg_get ()). Other statements may
 * run between two steps, cursors or not, as with SQLite; a server error
 * in a batch on its way then fails the transaction under them, as it
 * would a step. Reset closes the cursor. A cursor costs three round
 * trips instead of one (one row by id: 46 µs by PQexecPrepared, 270 µs
 * by DECLARE, FETCH and CLOSE on the same machine), so it is only for
 * the long reads that ask for it. A cursor lives only as long as its
 * transaction: a step after the transaction ended (committed, rolled
 * back, or the connection made again) fails plainly rather than read
 * from a cursor of that name in another transaction. Outside a
 * transaction a statement keeps its whole result, as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-pg-private.h"

/* Column types (pg_type.h, which libpq does not install). */
#define INT8OID 20
#define INT2OID 21
#define INT4OID 23
#define BOOLOID 16
#define TEXTOID 25
#define FLOAT8OID 701

typedef struct
{
  JdStmt    base;
  JdDb     *db;
  char     *name;
  int       n_params;
  char    **values;      /* what is bound to $1…: NULL for NULL */
  char    **owned;       /* the copies among them, to free */
  PGresult *described;   /* the columns, before the first step */
  PGresult *result;      /* the rows, after it */
  int       row;         /* the current row of @result */
  gboolean  done;        /* the last step gave JD_STEP_DONE */
  gboolean  returns_id;  /* " RETURNING id" was appended */
  /* Streaming: the translated text (only of a SELECT), the open
   * cursor's name or NULL, the transaction it belongs to, and whether
   * its last FETCH was its end. */
  char     *select_text;
  char     *cursor;
  guint     cursor_serial;
  gboolean  cursor_end;
  /* The next batch was asked for (PQsendQuery) while this one is read;
   * @next: its answer once jd_pg_drain () read it (NULL: the connection
   * gave none). */
  gboolean  prefetched;
  PGresult *next;
} JdPgStmt;

#define PG_STMT(stmt) ((JdPgStmt *) (stmt))

/* Runs @sql, a savepoint command, and says whether it worked. */
static gboolean
savepoint_command (JdPg       *pg,
                   const char *sql)
{
  PGresult *res = PQexec (pg->conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  PQclear (res);
  return ok;
}

/* The parameter the server could not type, or 0: 42P18 (indeterminate
 * datatype) or 42P08 (ambiguous parameter), "could not determine data
 * type of parameter $N" or "inconsistent types deduced for parameter
 * $N" (DETAIL "integer versus bigint"). @type is what it is to be:
 * bigint where the server saw a number (SQLite's integers are 64-bit),
 * double precision for a fraction, else text. */
static int
untyped_parameter (const PGresult *res,
                   Oid            *type)
{
  const char *state = PQresultErrorField (res, PG_DIAG_SQLSTATE);
  const char *message = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);
  const char *detail = PQresultErrorField (res, PG_DIAG_MESSAGE_DETAIL);
  const char *dollar;

  if ((g_strcmp0 (state, "42P18") != 0 && g_strcmp0 (state, "42P08") != 0) || message == NULL)
    return 0;
  *type = TEXTOID;
  if (detail != NULL && (strstr (detail, "double") != NULL || strstr (detail, "numeric") != NULL))
    *type = FLOAT8OID;
  else if (detail != NULL && (strstr (detail, "int") != NULL || strstr (detail, "bigint") != NULL))
    *type = INT8OID;
  dollar = strrchr (message, '$');
  return dollar != NULL ? (int) g_ascii_strtoll (dollar + 1, NULL, 10) : 0;
}

/* PQprepare () of @text. The server infers each parameter's type from
 * where it stands, and the core's SQL has some it cannot: a number
 * skipped (?1 … ?3), or one that is only tested (?2 IS NULL). Those are
 * declared: the skipped ones text from the start (every value is sent
 * as text anyway), the others as the server's answer suggests
 * (untyped_parameter ()), and the statement is prepared again. In a transaction this happens inside a
 * savepoint, as a failed statement would end the transaction (a failure
 * to prepare leaves it going, as SQLite's does). */
static PGresult *
prepare_typed (JdPg              *pg,
               const char        *name,
               const char        *text,
               const JdPgSqlInfo *info)
{
  int n = info->n_params;
  g_autofree Oid *types = g_new0 (Oid, MAX (n, 1));
  gboolean savepoint;
  PGresult *res;

  for (int i = 0; i < n; i++)
    if (info->used == NULL || (guint) i >= info->used->len ||
        g_array_index (info->used, guint8, i) == 0)
      types[i] = TEXTOID;

  savepoint = PQtransactionStatus (pg->conn) == PQTRANS_INTRANS &&
              savepoint_command (pg, "SAVEPOINT jd_prepare");
  for (;;)
    {
      Oid type = TEXTOID;
      int untyped;

      res = PQprepare (pg->conn, name, text, n, types);
      if (PQresultStatus (res) == PGRES_COMMAND_OK)
        break;
      if (savepoint)
        savepoint_command (pg, "ROLLBACK TO SAVEPOINT jd_prepare");
      untyped = untyped_parameter (res, &type);
      if (untyped < 1 || untyped > n || types[untyped - 1] != 0)
        break;
      types[untyped - 1] = type;
      PQclear (res);
    }
  if (savepoint)
    savepoint_command (pg, "RELEASE SAVEPOINT jd_prepare");
  return res;
}

/* Whether @text is a query a cursor can read: SELECT or VALUES (WITH
 * may hide an INSERT, which DECLARE refuses). */
static gboolean
is_select (const char *text)
{
  while (g_ascii_isspace (*text) || *text == '(')
    text++;
  return g_ascii_strncasecmp (text, "SELECT", 6) == 0 ||
         g_ascii_strncasecmp (text, "VALUES", 6) == 0;
}

static JdStmt *
pg_prepare (JdDb        *db,
            const char  *sql,
            GError     **error)
{
  JdPg *pg = jd_pg_get (db);
  JdPgSqlInfo info = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  PGresult *res;
  JdPgStmt *stmt;
  gboolean returns_id = FALSE;

  text = jd_pg_translate_sql (sql, TRUE, &info, error);
  if (text == NULL)
    return NULL;

  if (info.insert_table != NULL && jd_pg_table_has_id (pg, info.insert_table))
    {
      GString *with_id = g_string_new (text);

      g_clear_pointer (&text, g_free);
      g_string_insert (with_id, info.insert_end, " RETURNING id");
      text = g_string_free (with_id, FALSE);
      returns_id = TRUE;
    }

  name = g_strdup_printf ("jd_%u", ++pg->n_statements);
  res = prepare_typed (pg, name, text, &info);
  jd_pg_sql_info_clear (&info);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_debug ("Could not prepare “%s”", text);
      jd_pg_remember_error (pg, res);
      PQclear (res);
      jd_pg_set_error (db, JD_PG_RC_ERROR, error);
      return NULL;
    }
  PQclear (res);

  res = PQdescribePrepared (pg->conn, name);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      jd_pg_remember_error (pg, res);
      PQclear (res);
      jd_pg_set_error (db, JD_PG_RC_ERROR, error);
      return NULL;
    }

  stmt = g_new0 (JdPgStmt, 1);
  stmt->base.engine = &jd_pg_engine;
  stmt->db = db;
  stmt->name = g_steal_pointer (&name);
  stmt->described = res;
  stmt->n_params = PQnparams (res);
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->owned = g_new0 (char *, stmt->n_params + 1);
  stmt->row = -1;
  stmt->returns_id = returns_id;
  if (!returns_id && PQnfields (res) > 0 && is_select (text))
    stmt->select_text = g_steal_pointer (&text);
  return &stmt->base;
}

/* The prepared statement itself goes with the connection: the cache
 * frees statements only when the connection closes. */
static void
pg_stmt_free (gpointer data)
{
  JdPgStmt *stmt = data;

  for (int i = 0; i < stmt->n_params; i++)
    g_free (stmt->owned[i]);
  g_free (stmt->owned);
  g_free (stmt->values);
  g_clear_pointer (&stmt->described, PQclear);
  if (stmt->prefetched)
    {
      jd_pg_get (stmt->db);
      g_clear_pointer (&stmt->next, PQclear);
    }
  g_clear_pointer (&stmt->result, PQclear);
  g_free (stmt->select_text);
  g_free (stmt->cursor);
  g_free (stmt->name);
  g_free (stmt);
}

/* Puts @text at $@index: @copy is text to free later. */
static void
bind (JdPgStmt   *stmt,
      int         index,
      const char *text,
      char       *copy)
{
  if (index < 1 || index > stmt->n_params)
    {
      g_free (copy);
      return;
    }

  g_free (stmt->owned[index - 1]);
  stmt->owned[index - 1] = copy;
  stmt->values[index - 1] = (char *) (copy != NULL ? copy : text);
}

static void
pg_bind_int64 (JdStmt *stmt,
               int     index,
               gint64  value)
{
  bind (PG_STMT (stmt), index, NULL, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
pg_bind_double (JdStmt *stmt,
                int     index,
                double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Shortest round trip, with a '.' whatever the locale. */
  bind (PG_STMT (stmt), index, NULL,
        g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
}

static void
pg_bind_text (JdStmt     *stmt,
              int         index,
              const char *text,
              gboolean    copy)
{
  if (copy)
    bind (PG_STMT (stmt), index, NULL, g_strdup (text));
  else
    bind (PG_STMT (stmt), index, text, NULL);
}

static void
pg_bind_null (JdStmt *stmt,
              int     index)
{
  bind (PG_STMT (stmt), index, NULL, NULL);
}

static const char *
pg_column_text (JdStmt *base,
                int     column)
{
  JdPgStmt *stmt = PG_STMT (base);

  if (stmt->result == NULL || stmt->returns_id ||
      stmt->row < 0 || stmt->row >= PQntuples (stmt->result) ||
      column < 0 || column >= PQnfields (stmt->result) ||
      PQgetisnull (stmt->result, stmt->row, column))
    return NULL;

  return PQgetvalue (stmt->result, stmt->row, column);
}

static void
pg_bind_column (JdStmt *stmt,
                int     index,
                JdStmt *from,
                int     column)
{
  pg_bind_text (stmt, index, pg_column_text (from, column), TRUE);
}

static int
pg_bind_parameter_count (JdStmt *stmt)
{
  return PG_STMT (stmt)->n_params;
}

static void
pg_clear_bindings (JdStmt *base)
{
  JdPgStmt *stmt = PG_STMT (base);

  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->owned[i], g_free);
      stmt->values[i] = NULL;
    }
}

/* Closes the cursor while its transaction is still going: it would
 * hold the server's copy of the rows until the transaction's end. One
 * of a transaction that ended is gone already, and closing a failed
 * transaction's only fails again. */
static void
close_cursor (JdPgStmt *stmt)
{
  JdPg *pg;
  g_autofree char *sql = NULL;

  if (stmt->cursor == NULL)
    return;

  pg = jd_pg_get (stmt->db);
  stmt->prefetched = FALSE;
  g_clear_pointer (&stmt->next, PQclear);
  if (stmt->cursor_serial == pg->xact_serial &&
      PQtransactionStatus (pg->conn) == PQTRANS_INTRANS)
    {
      sql = g_strdup_printf ("CLOSE %s", stmt->cursor);
      PQclear (PQexec (pg->conn, sql));
    }
  g_clear_pointer (&stmt->cursor, g_free);
  stmt->cursor_end = FALSE;
}

static void
pg_reset (JdStmt *base)
{
  JdPgStmt *stmt = PG_STMT (base);

  close_cursor (stmt);
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
  stmt->done = FALSE;
}

/* Whether @stmt's cursor went with its transaction: then the error is
 * remembered. Checked at every step, not only when a batch is used up,
 * so that where it fails does not depend on the batch size. */
static gboolean
cursor_gone (JdPgStmt *stmt)
{
  /* Not jd_pg_get (): that would wait for the batch on its way at
   * every step, and the connection is not used here. */
  JdPg *pg = jd_db_get_engine_data (stmt->db);

  if (stmt->cursor == NULL || stmt->cursor_serial == pg->xact_serial)
    return FALSE;

  /* Not the server's words: there is no SQLSTATE to keep. */
  g_clear_pointer (&pg->error_state, g_free);
  g_free (pg->error_message);
  /* Translators: the detail in "The database reported an unexpected
   * error (%s)": a long list was still being read when its change ended. */
  pg->error_message = g_strdup (_("the rows were still being read when their transaction ended"));
  return TRUE;
}

void
jd_pg_drain (JdPg *pg)
{
  JdPgStmt *stmt = pg->prefetching;
  PGresult *res;

  pg->prefetching = NULL;
  g_clear_pointer (&stmt->next, PQclear);
  /* One result, then NULL; a lost connection may give none. */
  while ((res = PQgetResult (pg->conn)) != NULL)
    {
      if (stmt->next == NULL)
        stmt->next = res;
      else
        PQclear (res);
    }
}

/* The next batch of the cursor, as @stmt's result; FALSE with the
 * error remembered. While its rows are read (and other statements run
 * between the steps), the server already sends the batch after it:
 * the desk's work on a batch and the server's on the next overlap,
 * as with psql's COPY. */
static gboolean
fetch (JdPgStmt *stmt)
{
  JdPg *pg = jd_pg_get (stmt->db);
  g_autofree char *sql = NULL;
  PGresult *res;

  sql = g_strdup_printf ("FETCH FORWARD %d FROM %s", JD_PG_STREAM_BATCH_ROWS, stmt->cursor);
  if (stmt->prefetched)
    {
      /* jd_pg_get () above read it in. */
      res = g_steal_pointer (&stmt->next);
      stmt->prefetched = FALSE;
    }
  else
    res = PQexec (pg->conn, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    {
      jd_pg_remember_error (pg, res);
      g_clear_pointer (&res, PQclear);
      return FALSE;
    }

  g_clear_pointer (&stmt->result, PQclear);
  stmt->result = res;
  stmt->row = -1;
  stmt->cursor_end = PQntuples (res) < JD_PG_STREAM_BATCH_ROWS;
  if (!stmt->cursor_end && PQsendQuery (pg->conn, sql))
    {
      stmt->prefetched = TRUE;
      pg->prefetching = stmt;
    }
  return TRUE;
}

/* DECLAREs a cursor for @stmt with its bindings, and fetches the first
 * batch. Unnamed (parsed each time): the cursor's name is new each
 * time, and a statement read this way is a long one. The parameters
 * have the types the server gave them when @stmt was prepared. */
static gboolean
open_cursor (JdPgStmt *stmt)
{
  JdPg *pg = jd_pg_get (stmt->db);
  g_autofree char *sql = NULL;
  g_autofree Oid *types = g_new0 (Oid, MAX (stmt->n_params, 1));
  PGresult *res;

  for (int i = 0; i < stmt->n_params; i++)
    types[i] = PQparamtype (stmt->described, i);

  stmt->cursor = g_strdup_printf ("jd_cursor_%u", ++pg->n_cursors);
  stmt->cursor_serial = pg->xact_serial;
  sql = g_strdup_printf ("DECLARE %s NO SCROLL CURSOR FOR %s", stmt->cursor, stmt->select_text);
  res = PQexecParams (pg->conn, sql, stmt->n_params, types,
                      (const char * const *) stmt->values, NULL, NULL, 0);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      jd_pg_remember_error (pg, res);
      PQclear (res);
      g_clear_pointer (&stmt->cursor, g_free);
      return FALSE;
    }
  PQclear (res);

  if (!fetch (stmt))
    {
      close_cursor (stmt);
      return FALSE;
    }
  return TRUE;
}

static int
pg_step (JdStmt *base)
{
  JdPgStmt *stmt = PG_STMT (base);

  /* Stepping on after the end runs it again, as SQLite does. */
  if (stmt->done)
    pg_reset (base);

  if (stmt->result == NULL && stmt->cursor == NULL && stmt->select_text != NULL &&
      jd_pg_get (stmt->db)->streaming &&
      PQtransactionStatus (jd_pg_get (stmt->db)->conn) == PQTRANS_INTRANS)
    {
      if (!open_cursor (stmt))
        return JD_PG_RC_ERROR;
    }

  if (stmt->result == NULL)
    {
      JdPg *pg = jd_pg_get (stmt->db);
      PGresult *res;
      ExecStatusType status;

      res = PQexecPrepared (pg->conn, stmt->name, stmt->n_params,
                            (const char * const *) stmt->values, NULL, NULL, 0);
      status = PQresultStatus (res);
      if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        {
          jd_pg_remember_error (pg, res);
          PQclear (res);
          return JD_PG_RC_ERROR;
        }

      stmt->result = res;
      stmt->row = -1;
      jd_pg_note_changes (pg, res);

      if (stmt->returns_id)
        {
          int n = PQntuples (res);

          if (n > 0 && !PQgetisnull (res, n - 1, 0))
            pg->last_insert_id = g_ascii_strtoll (PQgetvalue (res, n - 1, 0), NULL, 10);
          stmt->done = TRUE;
          return JD_STEP_DONE;
        }
    }

  if (cursor_gone (stmt))
    return JD_PG_RC_ERROR;
  if (stmt->row + 1 >= PQntuples (stmt->result) && stmt->cursor != NULL && !stmt->cursor_end)
    {
      if (!fetch (stmt))
        return JD_PG_RC_ERROR;
    }

  if (stmt->row + 1 < PQntuples (stmt->result))
    {
      stmt->row++;
      return JD_STEP_ROW;
    }

  stmt->row = PQntuples (stmt->result);
  stmt->done = TRUE;
  return JD_STEP_DONE;
}

static int
pg_column_count (JdStmt *base)
{
  JdPgStmt *stmt = PG_STMT (base);

  if (stmt->returns_id)
    return 0;

  return PQnfields (stmt->result != NULL ? stmt->result : stmt->described);
}

static const char *
pg_column_name (JdStmt *base,
                int     column)
{
  JdPgStmt *stmt = PG_STMT (base);

  if (stmt->returns_id)
    return NULL;

  return PQfname (stmt->result != NULL ? stmt->result : stmt->described, column);
}

static gboolean
is_bool_column (JdPgStmt *stmt,
                int       column)
{
  return PQftype (stmt->result, column) == BOOLOID;
}

static gint64
pg_column_int64 (JdStmt *stmt,
                 int     column)
{
  const char *text = pg_column_text (stmt, column);

  if (text == NULL)
    return 0;
  if (is_bool_column (PG_STMT (stmt), column))
    return text[0] == 't';

  return g_ascii_strtoll (text, NULL, 10);
}

static int
pg_column_int (JdStmt *stmt,
               int     column)
{
  return (int) pg_column_int64 (stmt, column);
}

static double
pg_column_double (JdStmt *stmt,
                  int     column)
{
  const char *text = pg_column_text (stmt, column);

  if (text == NULL)
    return 0.0;
  if (is_bool_column (PG_STMT (stmt), column))
    return text[0] == 't';

  return g_ascii_strtod (text, NULL);
}

static gboolean
pg_column_is_null (JdStmt *stmt,
                   int     column)
{
  return pg_column_text (stmt, column) == NULL;
}

static gboolean
pg_column_is_integer (JdStmt *base,
                      int     column)
{
  JdPgStmt *stmt = PG_STMT (base);
  Oid type;

  if (pg_column_text (base, column) == NULL)
    return FALSE;

  type = PQftype (stmt->result, column);
  return type == INT2OID || type == INT4OID || type == INT8OID;
}

const JdDbEngine jd_pg_engine = {
  .name = "postgresql",

  .prepare = pg_prepare,
  .stmt_free = pg_stmt_free,
  .bind_int64 = pg_bind_int64,
  .bind_double = pg_bind_double,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .bind_column = pg_bind_column,
  .bind_parameter_count = pg_bind_parameter_count,
  .clear_bindings = pg_clear_bindings,
  .step = pg_step,
  .reset = pg_reset,
  .column_count = pg_column_count,
  .column_name = pg_column_name,
  .column_int64 = pg_column_int64,
  .column_int = pg_column_int,
  .column_double = pg_column_double,
  .column_text = pg_column_text,
  .column_is_null = pg_column_is_null,
  .column_is_integer = pg_column_is_integer,

  .close = jd_pg_close,
  .exec = jd_pg_exec,
  .begin = jd_pg_begin,
  .commit = jd_pg_commit,
  .rollback = jd_pg_rollback,
  .in_transaction = jd_pg_in_transaction,
  .set_error = jd_pg_set_error,
  .last_insert_id = jd_pg_last_insert_id,
  .changes = jd_pg_changes,
  .total_changes = jd_pg_total_changes,
  .set_progress_handler = jd_pg_set_progress_handler,
  .get_data_version = jd_pg_get_data_version,
  .get_cache_size = jd_pg_get_cache_size,
  .set_cache_size = jd_pg_set_cache_size,
  .release_memory = jd_pg_release_memory,
  .set_foreign_keys = jd_pg_set_foreign_keys,
  .check_integrity = jd_pg_check_integrity,
  .set_streaming = jd_pg_set_streaming,
  .list_tables = jd_pg_list_tables,
  .list_columns = jd_pg_list_columns,
  .suspend_triggers = jd_pg_suspend_triggers,
  .move_sequence = jd_pg_move_sequence,
  .begin_read = jd_pg_begin_read,
};
