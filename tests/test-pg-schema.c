/* test-pg-schema.c: the centre server's schema (jd-pg-schema.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs against the throwaway server of pg_virtualenv (test.sh, suite
 * 'pg'); skips without one. Each test has a database of its own.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "db-helpers.h"
#include "jd-db.h"
#include "jd-pg-schema.h"
#include "pg-helpers.h"

typedef struct
{
  char   *name;
  PGconn *conn;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  if (!test_pg_available ())
    return;
  f->name = test_pg_create_database ();
  f->conn = test_pg_connect (f->name);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->conn, PQfinish);
  test_pg_drop_database (f->name);
  g_clear_pointer (&f->name, g_free);
}

static void
apply_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  guint version = 0;

  g_assert_true (jd_pg_schema_apply (f->conn, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (version, ==, 12);
}

/* Everything in the database's schema, as one line to compare. */
static char *
catalogue (PGconn *conn)
{
  return test_pg_query_text (conn,
    "SELECT coalesce (string_agg (kind || ' ' || name, ', ' ORDER BY kind, name), '') FROM ("
    " SELECT 'relation ' || c.relkind::text AS kind, c.relname::text AS name FROM pg_class c"
    "  JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = current_schema ()"
    " UNION ALL SELECT 'function', p.oid::regprocedure::text FROM pg_proc p"
    "  JOIN pg_namespace s ON s.oid = p.pronamespace WHERE s.nspname = current_schema ()"
    " UNION ALL SELECT 'trigger', tgname::text FROM pg_trigger WHERE NOT tgisinternal"
    " UNION ALL SELECT 'extension', extname::text FROM pg_extension WHERE extname <> 'plpgsql'"
    " UNION ALL SELECT 'type', t.typname::text FROM pg_type t"
    "  JOIN pg_namespace s ON s.oid = t.typnamespace WHERE s.nspname = current_schema ()"
    "  AND t.typtype = 'e') AS objects");
}

static void
test_empty_gets_schema (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM jd_schema"), ==, 1);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT version FROM jd_schema"), ==, 12);
  /* The file's districts, in its order: 8 of Almaty, 9 districts and
   * 2 cities of the region and "other", the first one first. */
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM district"), ==, 20);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT id FROM district WHERE code = 'almaty-alatau'"),
                   ==, 1);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM district WHERE in_use = 1"), ==, 9);
  /* The default zone's offsets: the first row from the beginning of
   * time, Almaty in 1970 was UTC+6 (21,600 s; the file's rows are
   * compared in test_same_tables_as_file). */
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT utc_offset FROM time_zone_offset"
                                               " ORDER BY since LIMIT 1"), ==, 21600);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM pg_extension"
                                               " WHERE extname = 'pg_trgm'"), ==, 1);

  /* At the current version: left as it is. */
  before = catalogue (f->conn);
  apply_ok (f);
  after = catalogue (f->conn);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM district"), ==, 20);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT version FROM jd_schema"), ==, 12);
}

/* A server at schema 10 gets step 11: row versions, 1 on every row,
 * moved on by every UPDATE. */
/* Step 12's objects dropped: the schema as step 11 left it. */
#define UNDO_STEP_12 "DROP TABLE visitor_month, month_total;" \
                     "DROP FUNCTION jd_month_total ();" \
                     "DROP FUNCTION jd_visitor_month () CASCADE;" \
                     "DROP FUNCTION jd_month (bigint);"

static void
test_row_version_step (Fixture       *f,
                       gconstpointer  data)
{
  if (f->conn == NULL)
    return;
  apply_ok (f);
  /* Back to schema 10 as it was, with an event. */
  test_pg_exec (f->conn, UNDO_STEP_12
                         "DROP FUNCTION jd_row_version () CASCADE;"
                         "ALTER TABLE visitor DROP COLUMN row_version;"
                         "ALTER TABLE consultation DROP COLUMN row_version;"
                         "ALTER TABLE event DROP COLUMN row_version;"
                         "UPDATE jd_schema SET version = 10;"
                         "INSERT INTO event (title, kind, starts_at, ends_at, created_at, updated_at)"
                         " VALUES ('Квиз', 'quiz', 1, 2, 1, 1)");
  apply_ok (f);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT version FROM jd_schema"), ==, 12);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT row_version FROM event"), ==, 1);
  test_pg_exec (f->conn, "UPDATE event SET title = 'Квиз 2'");
  test_pg_exec (f->conn, "UPDATE event SET place = 'Зал'");
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT row_version FROM event"), ==, 3);
  /* An UPDATE that sets it itself is left alone. */
  test_pg_exec (f->conn, "UPDATE event SET row_version = 7");
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT row_version FROM event"), ==, 7);
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint version = 0;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  test_pg_exec (f->conn, "UPDATE jd_schema SET version = 13");

  g_assert_false (jd_pg_schema_apply (f->conn, &version, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NEWER_SCHEMA);
  g_assert_cmpstr (error->message, ==,
                   "This centre server was set up by a newer Jastar Desk (schema 13). "
                   "Update this desk to use it.");
  g_assert_cmpuint (version, ==, 13);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT version FROM jd_schema"), ==, 13);
  /* The connection is usable again: the transaction was ended. */
  g_assert_cmpint (PQtransactionStatus (f->conn), ==, PQTRANS_IDLE);
}

/* An older server opened by a desk that only reads (--check): refused
 * in plain words, left at its version, the connection usable again. */
static void
test_older_read_only (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint version = 0;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  test_pg_exec (f->conn, UNDO_STEP_12
                         "UPDATE jd_schema SET version = 11;"
                         "SET default_transaction_read_only = on");

  g_assert_false (jd_pg_schema_apply (f->conn, &version, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "is from an older version and must be opened in "
                                            "Jastar Desk once to be upgraded."));
  g_assert_cmpuint (version, ==, 11);
  g_assert_cmpint (PQtransactionStatus (f->conn), ==, PQTRANS_IDLE);

  /* A desk that writes upgrades it. */
  test_pg_exec (f->conn, "SET default_transaction_read_only = off");
  apply_ok (f);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT version FROM jd_schema"), ==, 12);
}

static void
test_foreign_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint version = 99;

  if (f->conn == NULL)
    return;
  test_pg_exec (f->conn, "CREATE TABLE customer (id int PRIMARY KEY, name text)");
  before = catalogue (f->conn);

  g_assert_false (jd_pg_schema_apply (f->conn, &version, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FOREIGN);
  g_assert_nonnull (strstr (error->message, f->name));
  g_assert_cmpuint (version, ==, 0);
  after = catalogue (f->conn);
  g_assert_cmpstr (after, ==, before);
}

/* A step that fails half-way (a type already holds the name of the
 * summary table, created late in the schema) leaves nothing behind:
 * no table, function, trigger or extension of the half-made schema. */
static void
test_failure_leaves_nothing (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (f->conn == NULL)
    return;
  test_pg_exec (f->conn, "CREATE TYPE visit_summary AS ENUM ('in the way')");
  before = catalogue (f->conn);
  g_assert_cmpstr (before, ==, "type visit_summary");

  g_assert_false (jd_pg_schema_apply (f->conn, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "visit_summary"));
  after = catalogue (f->conn);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (PQtransactionStatus (f->conn), ==, PQTRANS_IDLE);

  /* Out of the way, the same database is set up in full. */
  test_pg_exec (f->conn, "DROP TYPE visit_summary");
  apply_ok (f);
}

static void
test_not_connected (void)
{
  g_autoptr(GError) error = NULL;
  PGconn *conn = PQconnectdb ("host=/nonexistent-jd-test port=1 connect_timeout=1");

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_BAD);
  g_assert_false (jd_pg_schema_apply (conn, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_IO);
  PQfinish (conn);
}

/* SQLite's functions on the server. Each value is worked out by hand,
 * and the file's engine is asked the same question: both must give it. */
typedef struct
{
  const char *sql;
  const char *expected;   /* NULL: SQL NULL */
  gboolean    number;     /* compared as numbers (3 and 3.0 agree) */
} Sample;

static const Sample samples[] = {
  /* 1733270400 = 20,061 days after 1970-01-01 = 2024-12-04 00:00 UTC */
  { "SELECT strftime ('%Y-%m-%d', 1733270400, 'unixepoch')", "2024-12-04", FALSE },
  { "SELECT strftime ('%Y-%m-%d %H:%M:%S', 1700000000, 'unixepoch')", "2023-11-14 22:13:20", FALSE },
  { "SELECT strftime ('%H:%M', 1733270400 + 5 * 3600 + 30 * 60, 'unixepoch')", "05:30", FALSE },
  { "SELECT strftime ('%s', '2024-12-04')", "1733270400", FALSE },
  /* Day 335 + 4 of a leap year; a Wednesday; 2024 began on a Monday,
   * so (338 + 7 - 2) / 7 = 49 weeks. */
  { "SELECT strftime ('%j %w %W', '2024-12-04')", "339 3 49", FALSE },
  { "SELECT strftime ('%Y%m%d', 1733270400 + 18000, 'unixepoch')", "20241204", FALSE },
  { "SELECT CAST (strftime ('%Y%m%d', 1733270400 + 18000, 'unixepoch') AS INTEGER) - 20001205",
    "239999", FALSE },
  /* The Julian day of the Unix epoch is 2440587.5; plus 20,061 days */
  { "SELECT strftime ('%Y-%m-%d', 2460648.5)", "2024-12-04", FALSE },
  { "SELECT strftime ('%d.%m.%Y %%', '2024-02-29 23:59:59')", "29.02.2024 %", FALSE },
  { "SELECT date ('2024-02-28', '+1 day')", "2024-02-29", FALSE },
  { "SELECT date ('2024-12-04 15:30', 'start of month')", "2024-12-01", FALSE },
  { "SELECT date (1733270400, 'unixepoch', 'start of year')", "2024-01-01", FALSE },
  { "SELECT datetime (1733270400, 'unixepoch', '+90 minutes')", "2024-12-04 01:30:00", FALSE },
  { "SELECT datetime ('2024-12-04 01:30:00', '-2 hours')", "2024-12-03 23:30:00", FALSE },
  { "SELECT julianday ('2000-01-01 12:00:00')", "2451545", TRUE },
  { "SELECT unixepoch ('2024-12-04 00:00:01')", "1733270401", TRUE },
  { "SELECT strftime ('%Y', NULL, 'unixepoch')", NULL, FALSE },
  { "SELECT ifnull (NULL, 'x')", "x", FALSE },
  { "SELECT ifnull (7, 8)", "7", TRUE },
  { "SELECT iif (1 > 2, 'a', 'b')", "b", FALSE },
  /* б е к м: the fourth character */
  { "SELECT instr ('бекмұханова', 'мұх')", "4", TRUE },
  { "SELECT instr ('abc', 'z')", "0", TRUE },
  { "SELECT substr ('2000-12-05', 6, 5)", "12-05", FALSE },
  { "SELECT substr ('абвгде', CAST (-3 AS BIGINT), CAST (2 AS BIGINT))", "гд", FALSE },
  { "SELECT substr ('abcdef', CAST (4 AS BIGINT), CAST (-2 AS BIGINT))", "bc", FALSE },
  { "SELECT substr ('abcdef', CAST (0 AS BIGINT), CAST (2 AS BIGINT))", "a", FALSE },
  { "SELECT substr ('abcdef', CAST (-2 AS BIGINT))", "ef", FALSE },
  { "SELECT max (3, 7, 5)", "7", TRUE },
  { "SELECT max (3, NULL)", NULL, FALSE },
  { "SELECT min (4, 2)", "2", TRUE },
  { "SELECT max ('b', 'a')", "b", FALSE },
  { "SELECT max (column1) FROM (VALUES (4), (9), (1)) AS t", "9", TRUE },
  { "SELECT group_concat (column1) FROM (VALUES ('a'), ('b'), (NULL), ('c')) AS t", "a,b,c", FALSE },
  { "SELECT group_concat (column1, '; ') FROM (VALUES ('a'), ('b')) AS t", "a; b", FALSE },
  { "SELECT total (column1) FROM (VALUES (1), (2.5), (NULL)) AS t", "3.5", TRUE },
  { "SELECT total (column1) FROM (VALUES (1)) AS t WHERE column1 > 5", "0", TRUE },
  { "SELECT likely (5)", "5", TRUE },
  { "SELECT printf ('%05.1f', 3.14159)", "003.1", FALSE },
  { "SELECT printf ('[%-4s]', 'ab')", "[ab  ]", FALSE },
  { "SELECT printf ('%03d', 7)", "007", FALSE },
  { "SELECT printf ('%x', 255)", "ff", FALSE },
  { "SELECT printf ('%+d%%', 5)", "+5%", FALSE },
  { "SELECT printf ('%s-%s', 'a', 'b')", "a-b", FALSE },
};

static void
assert_sample (const Sample *sample,
               const char   *engine,
               const char   *value)
{
  if (sample->expected == NULL || value == NULL)
    {
      if (sample->expected != value)
        g_error ("%s: %s gives %s, not %s", engine, sample->sql,
                 value ? value : "NULL", sample->expected ? sample->expected : "NULL");
      return;
    }
  if (sample->number)
    {
      if (g_ascii_strtod (value, NULL) != g_ascii_strtod (sample->expected, NULL))
        g_error ("%s: %s gives %s, not %s", engine, sample->sql, value, sample->expected);
    }
  else if (g_strcmp0 (value, sample->expected) != 0)
    g_error ("%s: %s gives “%s”, not “%s”", engine, sample->sql, value, sample->expected);
}

static JdDb *
open_file (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  JdDb *db;

  *dir = g_dir_make_tmp ("jd-pg-schema-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "jastar.db", NULL);
  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return db;
}

static void
close_file (JdDb *db,
            char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  jd_db_close (db);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

static void
test_compat_functions (Fixture       *f,
                       gconstpointer  data)
{
  char *dir = NULL;
  JdDb *db;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  db = open_file (&dir);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *server = test_pg_query_text (f->conn, samples[i].sql);
      g_autofree char *file = query_text (db, samples[i].sql);

      assert_sample (&samples[i], "server", server);
      assert_sample (&samples[i], "file", file);
    }

  /* 'localtime' is the session's zone on the server: Tokyo is UTC+9
   * all year, so 22:13:20 UTC is 07:13:20 the next day. */
  test_pg_exec (f->conn, "SET TimeZone = 'Asia/Tokyo'");
  {
    g_autofree char *local = test_pg_query_text (f->conn,
      "SELECT datetime (1700000000, 'unixepoch', 'localtime')");
    g_autofree char *back = test_pg_query_text (f->conn,
      "SELECT datetime ('2023-11-15 07:13:20', 'utc')");

    g_assert_cmpstr (local, ==, "2023-11-15 07:13:20");
    g_assert_cmpstr (back, ==, "2023-11-14 22:13:20");
  }
  test_pg_exec (f->conn, "RESET TimeZone");

  close_file (db, dir);
}

/* The file's dialect macros (jd-sql-dialect.h) read the same on the
 * server through the functions above: 1700000000 is 2023-11-14 22:13:20
 * UTC, 04:13 on the 15th in Almaty (UTC+6 in 2023). Someone born on
 * 2005-11-15 turns 18 that day; born a day later, still 17. */
static void
test_dialect_macros (Fixture       *f,
                     gconstpointer  data)
{
  static const Sample dialect[] = {
    { "SELECT " JD_SQL_LOCAL_DATE_TIME ("1700000000"), "2023-11-15 04:13", FALSE },
    { "SELECT " JD_SQL_LOCAL_DATE ("1700000000"), "2023-11-15", FALSE },
    { "SELECT " JD_SQL_LOCAL_TIME ("1700000000"), "04:13", FALSE },
    { "SELECT " JD_SQL_AGE_AT ("1700000000", "'2005-11-15'"), "18", TRUE },
    { "SELECT " JD_SQL_AGE_AT ("1700000000", "'2005-11-16'"), "17", TRUE },
  };
  const char *values[] = { "1733270400" };
  char *dir = NULL;
  PGresult *result;
  JdDb *db;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  db = open_file (&dir);
  for (guint i = 0; i < G_N_ELEMENTS (dialect); i++)
    {
      g_autofree char *server = test_pg_query_text (f->conn, dialect[i].sql);
      g_autofree char *file = query_text (db, dialect[i].sql);

      assert_sample (&dialect[i], "server", server);
      assert_sample (&dialect[i], "file", file);
    }
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT jd_age_at (1700000000, '2005-11-15')"), ==, 18);
  close_file (db, dir);

  /* Parameters the engine sends without a type still find the
   * functions (max (?2, time_in) in jd-visit.c). */
  result = PQexecParams (f->conn, "SELECT max ($1, 5::bigint), strftime ('%Y-%m-%d', $1, 'unixepoch')",
                         1, NULL, values, NULL, NULL, 0);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  g_assert_cmpstr (PQgetvalue (result, 0, 0), ==, "1733270400");
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, "2024-12-04");
  PQclear (result);
}

typedef struct
{
  const char *name;
  gboolean    ok;
  guint       version;
  GError     *error;
} Desk;

static gpointer
desk_apply (gpointer data)
{
  Desk *desk = data;
  PGconn *conn = test_pg_connect (desk->name);

  desk->ok = jd_pg_schema_apply (conn, &desk->version, &desk->error);
  PQfinish (conn);
  return NULL;
}

/* Two desks start at once on the empty database: one sets it up, the
 * other waits for it and finds it done (whichever comes first). */
static void
test_two_desks_at_once (Fixture       *f,
                        gconstpointer  data)
{
  Desk desks[2] = { { f->name }, { f->name } };
  GThread *threads[2];

  if (f->conn == NULL)
    return;
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("desk", desk_apply, &desks[i]);
  for (guint i = 0; i < 2; i++)
    {
      g_thread_join (threads[i]);
      g_assert_no_error (desks[i].error);
      g_assert_true (desks[i].ok);
      g_assert_cmpuint (desks[i].version, ==, 12);
    }
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM district"), ==, 20);
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT count(*) FROM jd_schema"), ==, 1);
}

/* The summary rows of the hour of 2024-12-04 10:00 UTC, as
 * "kind:key=n" in order. */
static char *
summary (PGconn *conn)
{
  return test_pg_query_text (conn,
    "SELECT string_agg (kind || ':' || key || '=' || n, ' ' ORDER BY kind, key)"
    " FROM visit_summary WHERE hour = 1733306400");
}

static gboolean
pg_ok (PGconn     *conn,
       const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  PQclear (result);
  return ok;
}

/* The snapshot and summary triggers, by hand: a woman born 2000-12-05
 * comes at 2024-12-04 10:00 UTC (15:00 in Almaty, the same day), a day
 * before her 24th birthday: 23, band 18–24 (1), key 1 * 3 + 0 = 3;
 * district almaty-alatau (1). */
static void
test_triggers (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *s1 = NULL;
  g_autofree char *s2 = NULL;
  g_autofree char *s3 = NULL;
  g_autofree char *s4 = NULL;
  g_autofree char *snapshot = NULL;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  test_pg_exec (f->conn,
    "INSERT INTO visitor (id, surname, given_name, birth_date, sex, district_id, occupation,"
    " name_key, created_at, updated_at) VALUES"
    " (1, 'Асанова', 'Айгүл', '2000-12-05', 'female', 1, 'employed', 'асанова айгул', 0, 0),"
    " (2, 'Беков', 'Нұрлан', '2008-06-01', 'male', NULL, 'school', 'беков нурлан', 0, 0)");
  test_pg_exec (f->conn,
    "INSERT INTO visit (id, visitor_id, time_in, occupation, created_at, updated_at)"
    " VALUES (1, 1, 1733306400, 'employed', 0, 0)");
  snapshot = test_pg_query_text (f->conn, "SELECT sex || ' ' || age || ' ' || district_id"
                                          " FROM visit WHERE id = 1");
  g_assert_cmpstr (snapshot, ==, "female 23 1");
  s1 = summary (f->conn);
  g_assert_cmpstr (s1, ==, "0:0=1 1:3=1 2:1=1");

  /* A corrected birth date: 34, band 30–35 (3), key 9. */
  test_pg_exec (f->conn, "UPDATE visitor SET birth_date = '1990-01-01' WHERE id = 1");
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT age FROM visit WHERE id = 1"), ==, 34);
  s2 = summary (f->conn);
  g_assert_cmpstr (s2, ==, "0:0=1 1:3=0 1:9=1 2:1=1");

  /* The visit moved to the boy: 16, band 14–17 (0), male, key 1; no
   * district, key 0. */
  test_pg_exec (f->conn, "UPDATE visit SET visitor_id = 2 WHERE id = 1");
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT age FROM visit WHERE id = 1"), ==, 16);
  s3 = summary (f->conn);
  g_assert_cmpstr (s3, ==, "0:0=1 1:1=1 1:3=0 1:9=0 2:0=1 2:1=0");

  test_pg_exec (f->conn, "DELETE FROM visit WHERE id = 1");
  s4 = summary (f->conn);
  g_assert_cmpstr (s4, ==, "0:0=0 1:1=0 1:3=0 1:9=0 2:0=0 2:1=0");

  /* The file's checks. */
  g_assert_false (pg_ok (f->conn, "INSERT INTO visitor (surname, given_name, birth_date, sex,"
                                  " occupation, name_key, created_at, updated_at) VALUES"
                                  " ('A', 'B', '2000-1-5', 'male', 'school', 'a b', 0, 0)"));
  g_assert_false (pg_ok (f->conn, "UPDATE visitor SET phone = '87011234567' WHERE id = 2"));
  g_assert_false (pg_ok (f->conn, "UPDATE visitor SET iin = '12345678901x' WHERE id = 2"));
  g_assert_true (pg_ok (f->conn, "UPDATE visitor SET phone = '+77011234567',"
                                 " iin = '080601500123' WHERE id = 2"));
  g_assert_false (pg_ok (f->conn, "UPDATE visitor SET occupation = 'retired' WHERE id = 2"));
  /* The search's trigram index answers a substring. */
  test_pg_exec (f->conn, "INSERT INTO visitor_fts (rowid, text) VALUES (2, 'беков нұрлан')");
  g_assert_cmpint (test_pg_query_int (f->conn, "SELECT rowid FROM visitor_fts"
                                               " WHERE text LIKE '%ұрл%'"), ==, 2);
}

/* visitor_month's rows as "month:visitor=visits/neet", in key order. */
static char *
visitor_months (PGconn *conn)
{
  return test_pg_query_text (conn, "SELECT coalesce (string_agg (month || ':' || visitor_id || '='"
                                   " || visits || '/' || neet_visits, ' ' ORDER BY month, visitor_id), '')"
                                   " FROM visitor_month");
}

/* A server at schema 11 gets step 12: visitor_month filled from the
 * visits by Almaty's months (UTC+5): 1793471400 is 18:30 UTC on 31
 * October, 23:30 there; 1793475000 is 00:30 on 1 November. Then the
 * triggers: a visit moved to another person, its time moved, its
 * occupation changed, deleted. */
static void
test_visitor_month_step (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *filled = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *timed = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *totals = NULL;
  g_autofree char *first = NULL;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  test_pg_exec (f->conn, UNDO_STEP_12
                         "UPDATE jd_schema SET version = 11;"
                         "INSERT INTO visitor (id, surname, given_name, birth_date, sex, occupation,"
                         " name_key, created_at, updated_at) VALUES"
                         " (1, 'Асанова', 'Айгүл', '2000-12-05', 'female', 'not_seeking', 'асанова айгул', 0, 0),"
                         " (2, 'Беков', 'Нұрлан', '2001-06-01', 'male', 'employed', 'беков нурлан', 0, 0);"
                         "INSERT INTO visit (id, visitor_id, time_in, occupation, created_at, updated_at) VALUES"
                         " (1, 1, 1793471400, 'not_seeking', 0, 0),"
                         " (2, 1, 1793475000, 'unemployed_seeking', 0, 0),"
                         " (3, 1, 1794290400, 'employed', 0, 0),"
                         " (4, 2, 1794290400, 'employed', 0, 0)");
  apply_ok (f);
  filled = visitor_months (f->conn);
  g_assert_cmpstr (filled, ==, "202610:1=1/1 202611:1=2/1 202611:2=1/0");
  first = test_pg_query_text (f->conn, "SELECT string_agg (month || '=' || visits || '/' || neet_visits"
                                       " || '/' || visitors || '/' || neet_visitors, ' ' ORDER BY month)"
                                       " FROM month_total");
  g_assert_cmpstr (first, ==, "202610=1/1/1/1 202611=3/1/2/1");

  test_pg_exec (f->conn, "UPDATE visit SET visitor_id = 2 WHERE id = 2");
  moved = visitor_months (f->conn);
  g_assert_cmpstr (moved, ==, "202610:1=1/1 202611:1=1/0 202611:2=2/1");

  /* 1796882400 is 06:00 UTC on 10 December. */
  test_pg_exec (f->conn, "UPDATE visit SET time_in = 1796882400 WHERE id = 3");
  timed = visitor_months (f->conn);
  g_assert_cmpstr (timed, ==, "202610:1=1/1 202611:2=2/1 202612:1=1/0");

  test_pg_exec (f->conn, "UPDATE visit SET occupation = 'not_seeking' WHERE id = 4");
  changed = visitor_months (f->conn);
  g_assert_cmpstr (changed, ==, "202610:1=1/1 202611:2=2/2 202612:1=1/0");

  test_pg_exec (f->conn, "DELETE FROM visit WHERE id IN (1, 3)");
  deleted = visitor_months (f->conn);
  g_assert_cmpstr (deleted, ==, "202611:2=2/2");
  /* month_total: visits/NEET visits/people/NEET people; October and
   * December empty. */
  totals = test_pg_query_text (f->conn, "SELECT string_agg (month || '=' || visits || '/' || neet_visits"
                                        " || '/' || visitors || '/' || neet_visitors, ' ' ORDER BY month)"
                                        " FROM month_total");
  g_assert_cmpstr (totals, ==, "202610=0/0/0/0 202611=2/2/1/1 202612=0/0/0/0");
}

/* Every table and column of the file exists on the server, in the same
 * order, with the matching type and NOT NULL; every index and trigger
 * of the file has a namesake on the server. */
static void
test_same_tables_as_file (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) file_list = g_string_new (NULL);
  g_autoptr(GString) server_list = g_string_new (NULL);
  g_autofree char *server_tables = NULL;
  g_autofree char *file_tables = NULL;
  char *dir = NULL;
  JdDb *db;
  JdStmt *tables;

  if (f->conn == NULL)
    return;
  apply_ok (f);
  db = open_file (&dir);

  tables = jd_db_prepare (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'visitor_fts_%'"
                              " ORDER BY name", NULL);
  g_assert_nonnull (tables);
  while (jd_stmt_step (tables) == JD_STEP_ROW)
    {
      const char *table = jd_stmt_column_text (tables, 0);
      g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info (%s)", table);
      g_autofree char *columns_sql = g_strdup_printf (
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
        " WHERE table_schema = current_schema () AND table_name = '%s'"
        " AND NOT (table_name = 'visitor_fts' AND column_name = 'rowid')"
        " ORDER BY ordinal_position", table);
      JdStmt *info = jd_db_prepare (db, g_intern_string (pragma), NULL);
      PGresult *columns = PQexec (f->conn, columns_sql);

      g_assert_cmpint (PQresultStatus (columns), ==, PGRES_TUPLES_OK);
      g_string_append_printf (file_list, "%s:", table);
      g_string_append_printf (server_list, "%s:", table);
      while (jd_stmt_step (info) == JD_STEP_ROW)
        {
          const char *type = jd_stmt_column_text (info, 2);
          gboolean not_null = jd_stmt_column_int (info, 3) || jd_stmt_column_int (info, 5) > 0;
          const char *pg_type = g_str_equal (type, "INTEGER") ? "bigint"
                                : g_str_equal (type, "REAL") ? "double precision"
                                : "text";   /* TEXT, and the FTS5 column */

          g_string_append_printf (file_list, " %s %s%s", jd_stmt_column_text (info, 1),
                                  pg_type, not_null ? " not null" : "");
        }
      jd_stmt_reset (info);
      for (int i = 0; i < PQntuples (columns); i++)
        g_string_append_printf (server_list, " %s %s%s", PQgetvalue (columns, i, 0),
                                PQgetvalue (columns, i, 1),
                                g_str_equal (PQgetvalue (columns, i, 2), "NO") ? " not null" : "");
      PQclear (columns);
      g_string_append_c (file_list, '\n');
      g_string_append_c (server_list, '\n');
    }
  jd_stmt_reset (tables);
  g_assert_cmpstr (server_list->str, ==, file_list->str);

  /* No table on the server that the file lacks, but the version's. */
  server_tables = test_pg_query_text (f->conn,
    "SELECT string_agg (table_name::text, ' ' ORDER BY table_name::text COLLATE \"C\")"
    " FROM information_schema.tables WHERE table_schema = current_schema ()"
    " AND table_name <> 'jd_schema'");
  file_tables = query_text (db, "SELECT group_concat (name, ' ') FROM (SELECT name FROM sqlite_schema"
                                " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                                " AND name NOT LIKE 'visitor_fts_%' ORDER BY name)");
  g_assert_cmpstr (server_tables, ==, file_tables);

  /* Indexes and triggers by name (the server may have more: the trigram
   * index, the keys' own indexes). */
  {
    JdStmt *objects = jd_db_prepare (db, "SELECT type, name FROM sqlite_schema"
                                         " WHERE type IN ('index', 'trigger') AND sql IS NOT NULL"
                                         " ORDER BY name", NULL);
    guint n = 0;

    while (jd_stmt_step (objects) == JD_STEP_ROW)
      {
        const char *type = jd_stmt_column_text (objects, 0);
        const char *name = jd_stmt_column_text (objects, 1);
        g_autofree char *sql = g_str_equal (type, "index")
          ? g_strdup_printf ("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema ()"
                             " AND indexname = '%s'", name)
          : g_strdup_printf ("SELECT count(*) FROM pg_trigger WHERE tgname = '%s'", name);

        if (test_pg_query_int (f->conn, sql) != 1)
          g_error ("The server has no %s %s", type, name);
        n++;
      }
    jd_stmt_reset (objects);
    /* 24 indexes (visitor 5, visitor_token 1, consent 1, visit 2,
     * visit_purpose 1, event 2, attendance 2, consultation 6, audit 3,
     * queue_entry 1) and 15 triggers (6 of visits and their summary, 3
     * row versions, 3 of visitor_month, 3 of month_total). */
    g_assert_cmpuint (n, ==, 39);
  }

  /* The same time zone offsets, and the same districts. */
  {
    const char *same[] = {
      "SELECT count(*) || ' ' || sum (since % 1000000) || ' ' || sum (utc_offset)"
      " FROM time_zone_offset",
      "SELECT group_concat (code || '/' || name_kk || '/' || name_ru || '/' || in_use"
      " || '/' || sort_order, ' ') FROM (SELECT * FROM district ORDER BY id) AS d",
    };

    for (guint i = 0; i < G_N_ELEMENTS (same); i++)
      {
        g_autofree char *server = test_pg_query_text (f->conn, same[i]);
        g_autofree char *file = query_text (db, same[i]);

        g_assert_cmpstr (server, ==, file);
      }
  }

  close_file (db, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/pg-schema/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("empty-gets-schema", test_empty_gets_schema);
  ADD ("row-version-step", test_row_version_step);
  ADD ("newer-refused", test_newer_refused);
  ADD ("older-read-only", test_older_read_only);
  ADD ("foreign-refused", test_foreign_refused);
  ADD ("failure-leaves-nothing", test_failure_leaves_nothing);
  ADD ("compat-functions", test_compat_functions);
  ADD ("dialect-macros", test_dialect_macros);
  ADD ("two-desks-at-once", test_two_desks_at_once);
  ADD ("triggers", test_triggers);
  ADD ("same-tables-as-file", test_same_tables_as_file);
  ADD ("visitor-month-step", test_visitor_month_step);
#undef ADD
  g_test_add_func ("/pg-schema/not-connected", test_not_connected);

  return g_test_run ();
}
