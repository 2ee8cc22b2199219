/* pg-helpers.h: a private database on the test server, for the 'pg'
 * suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server is the throwaway cluster of pg_virtualenv (test.sh), found
 * through the environment it sets (PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE). Without PGHOST there is no server: the tests skip.
 *
 *   if (!test_pg_available ())
 *     return;                     (skipped)
 *   g_autofree char *name = test_pg_create_database ();
 *   PGconn *conn = test_pg_connect (name);
 *   …
 *   PQfinish (conn);
 *   test_pg_drop_database (name);
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <unistd.h>

/* Whether a test server is there; skips the current test when not. */
static inline gboolean
test_pg_available (void)
{
  if (g_getenv ("PGHOST") == NULL)
    {
      g_test_skip ("No PostgreSQL server: run under pg_virtualenv (see test.sh)");
      return FALSE;
    }
  return TRUE;
}

/* A connection to @dbname (NULL: the server's default database, from
 * PGDATABASE); the test fails when the server cannot be reached. */
static inline PGconn *
test_pg_connect (const char *dbname)
{
  const char *keywords[] = { "dbname", "application_name", NULL };
  const char *values[] = { dbname, "jastar-desk-tests", NULL };
  PGconn *conn = PQconnectdbParams (keywords, values, FALSE);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Cannot connect to the test server (%s): %s",
             dbname != NULL ? dbname : "default database", PQerrorMessage (conn));
  PQclear (PQexec (conn, "SET client_min_messages = warning"));
  return conn;
}

/* Runs @sql on @conn; the test fails on an error. */
static inline void
test_pg_exec (PGconn     *conn,
              const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  PQclear (result);
}

/* The one value of the query @sql as text (NULL for NULL), owned by the
 * caller; the test fails unless there is exactly one row. */
static inline char *
test_pg_query_text (PGconn     *conn,
                    const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value;

  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    g_error ("%s: %s (%d rows)", sql, PQresultErrorMessage (result), PQntuples (result));
  value = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static inline gint64
test_pg_query_int (PGconn     *conn,
                   const char *sql)
{
  g_autofree char *text = test_pg_query_text (conn, sql);

  g_assert_nonnull (text);
  return g_ascii_strtoll (text, NULL, 10);
}

/* A new, empty database of this process (jd_test_PID_N); its name, to
 * pass to test_pg_connect () and test_pg_drop_database (). */
static inline char *
test_pg_create_database (void)
{
  static guint counter;
  char *name = g_strdup_printf ("jd_test_%d_%u", (int) getpid (), ++counter);
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s; ", name);
  PGconn *conn = test_pg_connect (NULL);

  test_pg_exec (conn, sql);
  g_free (sql);
  sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8'", name);
  test_pg_exec (conn, sql);
  PQfinish (conn);
  return name;
}

/* Drops @name, closing any connection a failed test left open. */
static inline void
test_pg_drop_database (const char *name)
{
  g_autofree char *sql = NULL;
  PGconn *conn;

  if (name == NULL)
    return;
  conn = test_pg_connect (NULL);
  sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
  test_pg_exec (conn, sql);
  PQfinish (conn);
}
