/* jd-pg.c: the centre server's engine: connecting, errors, transactions
 *
 * A JdDb on PostgreSQL holds one libpq connection. jd_db_open() comes
 * here for a postgresql:// URI or a libpq "key=value" string; libpq
 * fills what the string leaves out from PGHOST, PGUSER, PGPASSWORD, …
 * and ~/.pgpass.
 *
 * Writers take one transaction-scoped advisory lock in jd_db_begin(),
 * so transactions that write run one at a time, as on the SQLite file
 * whose single-writer rule the core relies on; readers never wait.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <poll.h>
#include <string.h>

#include "jd-pg-private.h"
#include "jd-pg-schema.h"

/* Seconds to reach the server, unless the connection string says. */
#define CONNECT_TIMEOUT_S "10"
/* How long a writer waits for another desk's transaction: as SQLite's
 * busy timeout. */
#define LOCK_TIMEOUT      "5s"

JdPg *
jd_pg_get (JdDb *db)
{
  JdPg *pg;

  g_assert (JD_DB_ENGINE (db) == &jd_pg_engine);

  pg = jd_db_get_engine_data (db);
  if (pg != NULL && pg->prefetching != NULL)
    jd_pg_drain (pg);
  return pg;
}

PGconn *
jd_db_get_pg_conn (JdDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  if (JD_DB_ENGINE (db) != &jd_pg_engine)
    return NULL;

  return jd_pg_get (db)->conn;
}

/* The first line of libpq's message, without its trailing newline. */
static char *
first_line (const char *message)
{
  const char *end;

  if (message == NULL)
    return g_strdup ("");

  end = strchr (message, '\n');
  return g_strstrip (end != NULL ? g_strndup (message, end - message) : g_strdup (message));
}

void
jd_pg_remember_error (JdPg           *pg,
                      const PGresult *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  g_free (pg->error_state);
  g_free (pg->error_message);
  pg->error_state = g_strdup (state);
  pg->error_message = message != NULL ? g_strdup (message) : first_line (PQerrorMessage (pg->conn));
  g_debug ("Server error %s on %s: %s", state ? state : "(libpq)", pg->display,
           pg->error_message);
}

static gboolean
state_is (const char *state,
          const char *prefix)
{
  return state != NULL && g_str_has_prefix (state, prefix);
}

void
jd_pg_set_error (JdDb    *db,
                 int      rc,
                 GError **error)
{
  JdPg *pg = jd_pg_get (db);
  const char *state = pg->error_state;
  const char *detail = pg->error_message ? pg->error_message : "";

  (void) rc;

  if (PQstatus (pg->conn) == CONNECTION_BAD ||
      state_is (state, "08") || state_is (state, "57P0"))
    {
      jd_db_set_error_for_code (error, JD_DB_ERROR_DISCONNECTED, pg->display, detail);
      if (pg->lost_func != NULL)
        pg->lost_func (pg->lost_data);
    }
  else if (state_is (state, "23"))
    jd_db_set_error_for_code (error, JD_DB_ERROR_CONSTRAINT, pg->display, detail);
  else if (state_is (state, "40001") || state_is (state, "40P01") || state_is (state, "55P03"))
    g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_LOCKED,
                         _("The centre server is busy with a change from another desk. "
                           "Wait a moment and try again; nothing was saved."));
  else if (state_is (state, "53100"))
    jd_db_set_error_for_code (error, JD_DB_ERROR_FULL, pg->display, detail);
  else if (state_is (state, "25006"))
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY,
                 _("The centre server “%s” is open for reading only here, so the change "
                   "was not saved."),
                 pg->display);
  else
    jd_db_set_error_for_code (error, JD_DB_ERROR_FAILED, pg->display, detail);
}

void
jd_pg_note_changes (JdPg           *pg,
                    const PGresult *result)
{
  const char *command = PQcmdStatus ((PGresult *) result);

  /* As SQLite's changes(): only what changed rows counts. */
  if (g_str_has_prefix (command, "INSERT") || g_str_has_prefix (command, "UPDATE") ||
      g_str_has_prefix (command, "DELETE") || g_str_has_prefix (command, "MERGE"))
    {
      pg->changes = atoi (PQcmdTuples ((PGresult *) result));
      pg->total_changes += pg->changes;
    }
}

gboolean
jd_pg_table_has_id (JdPg       *pg,
                    const char *table)
{
  const char *values[] = { table };
  gpointer known;
  PGresult *res;
  gboolean has_id;

  if (g_hash_table_lookup_extended (pg->id_tables, table, NULL, &known))
    return GPOINTER_TO_INT (known);

  res = PQexecParams (pg->conn,
                      "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass ($1)"
                      " AND attname = 'id' AND attnum > 0 AND NOT attisdropped",
                      1, NULL, values, NULL, NULL, 0);
  /* A failure here is the INSERT's to report: it fails the same way. */
  has_id = PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) > 0;
  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    g_hash_table_insert (pg->id_tables, g_strdup (table), GINT_TO_POINTER (has_id));
  PQclear (res);
  return has_id;
}

/* "host:port/dbname" for messages: never the password. */
static char *
display_name (PGconn *conn)
{
  const char *host = PQhost (conn);
  const char *port = PQport (conn);
  const char *dbname = PQdb (conn);

  if (host == NULL || *host == '\0' || *host == '/')
    host = "localhost";

  return g_strdup_printf ("%s%s%s/%s", host, port && *port ? ":" : "", port ? port : "",
                          dbname ? dbname : "");
}

/* The SQLSTATE in a verbose connection error ("FATAL:  28P01: …"). */
static char *
find_state (const char *message)
{
  g_autoptr(GRegex) regex = g_regex_new (":  ([0-9A-Z]{5}): ", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (message != NULL && g_regex_match (regex, message, 0, &match))
    return g_match_info_fetch (match, 1);

  return NULL;
}

/* What the server or the network said, without libpq's "connection to
 * server at … failed:" and the SQLSTATE. */
static char *
connect_detail (const char *message)
{
  g_autofree char *line = first_line (message);
  const char *rest = line;
  const char *p;

  if ((p = strstr (rest, "failed: ")) != NULL)
    rest = p + strlen ("failed: ");
  if ((p = strstr (rest, ":  ")) != NULL)
    rest = p + strlen (":  ");
  if (strlen (rest) > 7 && rest[5] == ':' && rest[6] == ' ')
    rest += 7;

  return g_strdup (rest);
}

static void
set_connect_error (PGconn     *conn,
                   const char *display,
                   GError    **error)
{
  const char *message = PQerrorMessage (conn);
  g_autofree char *state = find_state (message);
  g_autofree char *detail = connect_detail (message);

  g_debug ("Could not connect to %s: %s", display, message);

  if (PQconnectionNeedsPassword (conn) || state_is (state, "28"))
    jd_db_set_error_for_code (error, JD_DB_ERROR_AUTH, display, detail);
  else if (state_is (state, "3D000"))
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                 _("There is no database “%s” on the centre server “%s”. Check the "
                   "database name, or ask your administrator to create it."),
                 PQdb (conn), display);
  else if (state == NULL || state_is (state, "08") || state_is (state, "57P03"))
    jd_db_set_error_for_code (error, JD_DB_ERROR_UNREACHABLE, display, detail);
  else
    jd_db_set_error_for_code (error, JD_DB_ERROR_FAILED, display, detail);
}

/* libpq's blocking connect reports the server's refusal as words only:
 * a connect we poll ourselves can ask for verbose errors first, which
 * carry the SQLSTATE (28P01 wrong password, 3D000 no such database). */
static gboolean
connect_polling (PGconn *conn)
{
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  PQconninfoOption *options;
  gint64 timeout_s = 0, deadline;

  /* Refused or unresolvable already while starting. */
  if (PQstatus (conn) == CONNECTION_BAD)
    return FALSE;

  options = PQconninfo (conn);

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "connect_timeout") && o->val != NULL)
      timeout_s = g_ascii_strtoll (o->val, NULL, 10);
  PQconninfoFree (options);
  if (timeout_s <= 0)
    timeout_s = 10;
  deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  PQsetErrorVerbosity (conn, PQERRORS_VERBOSE);
  while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      struct pollfd fd = { PQsocket (conn), status == PGRES_POLLING_READING ? POLLIN : POLLOUT, 0 };
      gint64 left = (deadline - g_get_monotonic_time ()) / 1000;
      int ready;

      if (left <= 0)
        break;
      ready = poll (&fd, 1, (int) MIN (left, G_MAXINT));
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready == 0)
        break;
      status = PQconnectPoll (conn);
    }
  PQsetErrorVerbosity (conn, PQERRORS_DEFAULT);

  return status == PGRES_POLLING_OK;
}

/* Notes that @sql, just run with PQexec, may have ended a transaction
 * (or begun one): the cursors open till now are gone. @before: the
 * transaction status before it ran. */
static void
note_transaction (JdPg                    *pg,
                  PGTransactionStatusType  before,
                  const char              *sql)
{
  PGTransactionStatusType after = PQtransactionStatus (pg->conn);

  /* "COMMIT; BEGIN" ends one and starts another: the words tell. A
   * ROLLBACK TO SAVEPOINT counts too, though it may leave older cursors
   * open: one taken for closed is only closed with its transaction. */
  if (before != after || after == PQTRANS_IDLE ||
      (sql != NULL && (strstr (sql, "COMMIT") != NULL || strstr (sql, "commit") != NULL ||
                       strstr (sql, "ROLLBACK") != NULL || strstr (sql, "rollback") != NULL)))
    pg->xact_serial++;
}

static gboolean
exec_simple (JdDb        *db,
             const char  *sql,
             GError     **error)
{
  JdPg *pg = jd_pg_get (db);
  PGTransactionStatusType before = PQtransactionStatus (pg->conn);
  PGresult *res = PQexec (pg->conn, sql);
  ExecStatusType status = PQresultStatus (res);

  note_transaction (pg, before, sql);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      jd_pg_remember_error (pg, res);
      PQclear (res);
      jd_pg_set_error (db, JD_PG_RC_ERROR, error);
      return FALSE;
    }

  jd_pg_note_changes (pg, res);
  PQclear (res);
  return TRUE;
}

/* What every connection of a desk sets when it is made (or made again). */
static gboolean
set_up_session (JdDb    *db,
                GError **error)
{
  JdPg *pg = jd_pg_get (db);
  g_autofree char *session = NULL;

  /* Cursors (jd-pg-stmt.c) are only for reading every row: planned as
   * the whole result, not the first tenth of it. */
  session = g_strdup_printf ("SET lock_timeout = '%s'; SET cursor_tuple_fraction = 1;%s",
                             LOCK_TIMEOUT,
                             jd_db_is_read_only (db) ?
                             " SET default_transaction_read_only = on;" : "");
  if (PQsetClientEncoding (pg->conn, "UTF8") != 0)
    {
      jd_pg_remember_error (pg, NULL);
      jd_pg_set_error (db, JD_PG_RC_ERROR, error);
      return FALSE;
    }
  return exec_simple (db, session, error);
}

/**
 * jd_pg_open:
 * @conninfo: a postgresql:// URI or a libpq "key=value" string
 *
 * Connects, sets the session up and brings the schema to this version
 * (jd_pg_schema_apply()). A server database is made by its
 * administrator, so an empty one gets the schema whatever @flags say.
 */
JdDb *
jd_pg_open (const char     *conninfo,
            JdDbOpenFlags   flags,
            GError        **error)
{
  /* Later words win: the string may set its own connect_timeout. */
  const char * const keys[] = { "connect_timeout", "fallback_application_name", "dbname", NULL };
  const char * const values[] = { CONNECT_TIMEOUT_S, "jastar-desk", conninfo, NULL };
  gboolean read_only = (flags & JD_DB_OPEN_READ_ONLY) != 0;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *display = NULL;
  PGconn *conn;
  JdPg *pg;
  guint version = 0;

  conn = PQconnectStartParams (keys, values, 1);
  if (conn == NULL)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                           _("There is not enough memory to connect to the centre server."));
      return NULL;
    }

  if (PQstatus (conn) == CONNECTION_BAD && PQsocket (conn) < 0 && PQdb (conn) == NULL)
    {
      g_autofree char *line = first_line (PQerrorMessage (conn));
      g_auto(GStrv) parts = g_strsplit (line, conninfo, -1);
      /* libpq may quote the whole string, password and all. */
      g_autofree char *detail = g_strjoinv ("…", parts);

      /* Translators: %s is libpq's reason, in English. */
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                   _("The centre server's address could not be read (%s). Check it in "
                     "Preferences → Database."),
                   detail);
      PQfinish (conn);
      return NULL;
    }

  display = display_name (conn);
  if (!connect_polling (conn))
    {
      set_connect_error (conn, display, error);
      PQfinish (conn);
      return NULL;
    }

  db = jd_db_new (&jd_pg_engine, conninfo, read_only);
  pg = g_new0 (JdPg, 1);
  pg->conn = conn;
  pg->display = g_steal_pointer (&display);
  pg->id_tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  jd_db_set_engine_data (db, pg);

  if (!set_up_session (db, error))
    return NULL;

  if (!jd_pg_schema_apply (conn, &version, error))
    return NULL;
  jd_db_set_user_version (db, version);

  return g_steal_pointer (&db);
}

void
jd_pg_close (JdDb *db)
{
  JdPg *pg = jd_db_get_engine_data (db);

  if (pg == NULL)
    return;

  /* Its statements are freed already, each waiting for its FETCH. */
  PQfinish (pg->conn);
  g_free (pg->display);
  g_free (pg->error_state);
  g_free (pg->error_message);
  g_hash_table_unref (pg->id_tables);
  g_free (pg);
  jd_db_set_engine_data (db, NULL);
}

/* Several statements at once, in one round trip. */
gboolean
jd_pg_exec (JdDb        *db,
            const char  *sql,
            GError     **error)
{
  g_autofree char *text = jd_pg_translate_sql (sql, FALSE, NULL, error);

  return text != NULL && exec_simple (db, text, error);
}

gboolean
jd_pg_in_transaction (JdDb *db)
{
  PGTransactionStatusType status = PQtransactionStatus (jd_pg_get (db)->conn);

  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

/* READ COMMITTED: each statement sees what was committed before it, so
 * once the lock is ours we see every earlier writer's work (a snapshot
 * taken before the lock, as REPEATABLE READ would, could miss it). */
gboolean
jd_pg_begin (JdDb    *db,
             GError **error)
{
  g_autofree char *sql = NULL;

  if (jd_pg_in_transaction (db))
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                           _("A change was started while another was still open. "
                             "Tell your administrator: this is a fault in Jastar Desk."));
      return FALSE;
    }

  if (jd_db_is_read_only (db))
    return exec_simple (db, "BEGIN", error);

  sql = g_strdup_printf ("BEGIN ISOLATION LEVEL READ COMMITTED;"
                         " SELECT pg_advisory_xact_lock (%d)", JD_PG_WRITE_LOCK);
  if (!exec_simple (db, sql, error))
    {
      jd_pg_rollback (db);
      return FALSE;
    }

  return TRUE;
}

gboolean
jd_pg_commit (JdDb    *db,
              GError **error)
{
  JdPg *pg = jd_pg_get (db);
  PGresult *res = PQexec (pg->conn, "COMMIT");
  ExecStatusType status = PQresultStatus (res);

  pg->xact_serial++;

  if (status != PGRES_COMMAND_OK)
    {
      jd_pg_remember_error (pg, res);
      PQclear (res);
      jd_pg_set_error (db, JD_PG_RC_ERROR, error);
      jd_pg_rollback (db);
      return FALSE;
    }

  /* COMMIT of a transaction a failed statement ended rolls it back. */
  if (g_str_equal (PQcmdStatus (res), "ROLLBACK"))
    {
      PQclear (res);
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                           _("The change was not saved: a step of it failed on the centre "
                             "server, so all of it was undone. Try again."));
      return FALSE;
    }

  PQclear (res);
  return TRUE;
}

void
jd_pg_rollback (JdDb *db)
{
  JdPg *pg = jd_pg_get (db);

  if (jd_pg_in_transaction (db))
    PQclear (PQexec (pg->conn, "ROLLBACK"));
  pg->xact_serial++;
}

gint64
jd_pg_last_insert_id (JdDb *db)
{
  return jd_pg_get (db)->last_insert_id;
}

int
jd_pg_changes (JdDb *db)
{
  return jd_pg_get (db)->changes;
}

gint64
jd_pg_total_changes (JdDb *db)
{
  return jd_pg_get (db)->total_changes;
}

/* Not yet: a statement on the server cannot call back into the desk.
 * Interrupting one needs PQcancel from another thread (later); until
 * then a long statement runs to its end. */
void
jd_pg_set_progress_handler (G_GNUC_UNUSED JdDb             *db,
                            G_GNUC_UNUSED JdDbProgressFunc  func,
                            G_GNUC_UNUSED gpointer          user_data)
{
}

/* No server twin of PRAGMA data_version yet (LISTEN/NOTIFY will be):
 * -1 is "cannot be read", and callers read again every time. */
gint64
jd_pg_get_data_version (G_GNUC_UNUSED JdDb *db)
{
  return -1;
}

/* The server manages its own memory: the page cache settings are the
 * file's, and do nothing here. */
gint64
jd_pg_get_cache_size (G_GNUC_UNUSED JdDb *db)
{
  return -2000;
}

void
jd_pg_set_cache_size (G_GNUC_UNUSED JdDb   *db,
                      G_GNUC_UNUSED gint64  size)
{
}

void
jd_pg_release_memory (G_GNUC_UNUSED JdDb *db)
{
}

/* See jd-pg-stmt.c: statements stepped from now on in a transaction
 * read their rows in batches. */
gboolean
jd_pg_set_streaming (JdDb     *db,
                     gboolean  on)
{
  JdPg *pg = jd_pg_get (db);
  gboolean was = pg->streaming;

  pg->streaming = on;
  return was;
}

/* Foreign keys stay checked on a server: turning them off needs a
 * superuser (session_replication_role). A bulk import is only slower. */
gboolean
jd_pg_set_foreign_keys (G_GNUC_UNUSED JdDb      *db,
                        G_GNUC_UNUSED gboolean   on,
                        G_GNUC_UNUSED GError   **error)
{
  return TRUE;
}

/* jd_pg_check_integrity (): jd-pg-catalog.c */

void
jd_pg_set_lost_func (JdDb     *db,
                     void    (*func) (gpointer user_data),
                     gpointer  user_data)
{
  JdPg *pg = jd_pg_get (db);

  pg->lost_func = func;
  pg->lost_data = user_data;
}

/* Whether the connection still answers, without remembering an error
 * (nor telling the lost function) when it does not. One in the middle
 * of a transaction is left to it: made again under it, the rest of the
 * transaction's statements would each commit on their own, half a
 * change kept. If the server lost it, its next statement says so. */
static gboolean
answers (PGconn *conn)
{
  PGresult *res;
  gboolean ok;

  if (PQstatus (conn) != CONNECTION_OK)
    return FALSE;
  if (PQtransactionStatus (conn) != PQTRANS_IDLE)
    return TRUE;
  res = PQexec (conn, "SELECT 1");
  ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  PQclear (res);
  return ok;
}

gboolean
jd_pg_reconnect (JdDb    *db,
                 GError **error)
{
  JdPg *pg;

  g_return_val_if_fail (db != NULL && JD_DB_ENGINE (db) == &jd_pg_engine, FALSE);

  pg = jd_pg_get (db);
  if (answers (pg->conn))
    return TRUE;

  /* A transaction the server lost is lost: it was reported as not
   * saved when its statement failed. */
  PQreset (pg->conn);
  if (PQstatus (pg->conn) != CONNECTION_OK)
    {
      set_connect_error (pg->conn, pg->display, error);
      return FALSE;
    }

  /* The new session has none of the old one's prepared statements,
   * nor its cursors. */
  jd_db_forget_statements (db);
  pg->xact_serial++;
  g_clear_pointer (&pg->error_state, g_free);
  g_clear_pointer (&pg->error_message, g_free);
  return set_up_session (db, error);
}
