/* test-pg-engine.c: the PostgreSQL engine behind JdDb and JdStmt
 *
 * The SQL translation runs everywhere. The rest needs a server, found
 * the way libpq finds one (PGHOST, PGPORT, PGUSER, PGPASSWORD,
 * PGDATABASE): run under `pg_virtualenv -v 15 meson test -C build
 * --suite pg`. Each test makes its own database and drops it after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "jd-db-engine.h"
#include "jd-pg-private.h"

typedef struct
{
  char *dbname;
  char *conninfo;
  JdDb *db;
} Fixture;

static gboolean
have_server (void)
{
  if (g_getenv ("PGHOST") != NULL)
    return TRUE;

  g_test_skip ("no PostgreSQL server: run under pg_virtualenv");
  return FALSE;
}

/* A connection to the maintenance database the environment names. */
static PGconn *
admin_connect (void)
{
  PGconn *conn = PQconnectdb ("");

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("Could not connect to the test server: %s", PQerrorMessage (conn));
  return conn;
}

static void
admin_exec (const char *sql)
{
  PGconn *conn = admin_connect ();
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (res);
  PQfinish (conn);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint n;
  g_autoptr(GError) error = NULL;
  g_autofree char *create = NULL;

  if (g_getenv ("PGHOST") == NULL)
    return;

  f->dbname = g_strdup_printf ("jd_test_%d_%u", (int) getpid (), ++n);
  create = g_strdup_printf ("CREATE DATABASE %s", f->dbname);
  admin_exec (create);
  f->conninfo = g_strdup_printf ("dbname=%s", f->dbname);
  f->db = jd_db_open (f->conninfo, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->db);
  /* Tables of the test's own, beside the centre's schema: every type
   * the engine binds and reads. */
  g_assert_true (jd_db_exec (f->db,
                             "CREATE TABLE test_person ("
                             "  id bigserial PRIMARY KEY,"
                             "  code text UNIQUE,"
                             "  name text,"
                             "  score double precision,"
                             "  visits integer,"
                             "  big bigint,"
                             "  active boolean);"
                             "CREATE TABLE test_tag ("
                             "  name text PRIMARY KEY,"
                             "  n integer);",
                             &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *drop = NULL;

  g_clear_pointer (&f->db, jd_db_close);
  if (f->dbname != NULL)
    {
      drop = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", f->dbname);
      admin_exec (drop);
    }
  g_free (f->dbname);
  g_free (f->conninfo);
}

static gint64
query_int (JdDb       *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt = jd_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

static void
check_translation (const char *sql,
                   gboolean    params,
                   const char *expected,
                   int         n_params,
                   const char *insert_table)
{
  g_autoptr(GError) error = NULL;
  JdPgSqlInfo info;
  g_autofree char *text = jd_pg_translate_sql (sql, params, &info, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (info.n_params, ==, n_params);
  g_assert_cmpstr (info.insert_table, ==, insert_table);
  jd_pg_sql_info_clear (&info);
}

static void
test_translate (void)
{
  static const char * const refused[] = {
    "INSERT OR REPLACE INTO t (a) VALUES (?)",
    "insert or rollback into t values (1)",
    "REPLACE INTO t (a) VALUES (1)",
  };
  JdPgSqlInfo info;
  g_autofree char *text = NULL;

  check_translation ("SELECT a FROM t WHERE x = ? AND y = ?", TRUE,
                     "SELECT a FROM t WHERE x = $1 AND y = $2", 2, NULL);
  /* Quoted literals, identifiers and comments keep their ?; a bare ?
   * after ?2 is ?3, as in SQLite. */
  check_translation ("SELECT '?', 'it''s ?', \"a?\" FROM t WHERE x = ?2 OR y = ? -- ?\n",
                     TRUE,
                     "SELECT '?', 'it''s ?', \"a?\" FROM t WHERE x = $2 OR y = $3 -- ?\n", 3, NULL);
  check_translation ("SELECT ?1 + ?1 /* ? */", TRUE, "SELECT $1 + $1 /* ? */", 1, NULL);
  /* Without parameters (jd_db_exec) ? stays. */
  check_translation ("SELECT 1 WHERE 'a' = ?", FALSE, "SELECT 1 WHERE 'a' = ?", 0, NULL);

  check_translation ("INSERT OR IGNORE INTO tag (name) VALUES (?)", TRUE,
                     "INSERT INTO tag (name) VALUES ($1) ON CONFLICT DO NOTHING", 1, "tag");
  check_translation ("insert or ignore into t (a) values (?) returning a", TRUE,
                     "insert into t (a) values ($1) ON CONFLICT DO NOTHING returning a", 1, NULL);
  check_translation ("INSERT OR IGNORE INTO t (a) SELECT b FROM u WHERE c IN (SELECT d FROM v) -- last",
                     TRUE,
                     "INSERT INTO t (a) SELECT b FROM u WHERE c IN (SELECT d FROM v)"
                     " ON CONFLICT DO NOTHING -- last", 0, "t");
  check_translation ("INSERT INTO \"my tab\"(a) VALUES (?)", TRUE,
                     "INSERT INTO \"my tab\"(a) VALUES ($1)", 1, "\"my tab\"");
  check_translation ("INSERT INTO visit (a) VALUES (?) RETURNING id", TRUE,
                     "INSERT INTO visit (a) VALUES ($1) RETURNING id", 1, NULL);
  check_translation ("INSERT OR IGNORE INTO a VALUES (1); INSERT OR IGNORE INTO b VALUES ('x;y');",
                     FALSE,
                     "INSERT INTO a VALUES (1) ON CONFLICT DO NOTHING;"
                     " INSERT INTO b VALUES ('x;y') ON CONFLICT DO NOTHING;", 0, "b");

  /* SQLite's words with a twin here. */
  check_translation ("SELECT a FROM t INDEXED BY t_a WHERE b = ? AND c IN (SELECT d FROM u NOT INDEXED)",
                     TRUE, "SELECT a FROM t WHERE b = $1 AND c IN (SELECT d FROM u )", 1, NULL);
  check_translation ("SELECT char (3), CHAR(2) || 'x'", FALSE, "SELECT chr (3), chr(2) || 'x'", 0, NULL);
  /* group_concat: the server's string_agg over text, ',' by default;
   * a separator, a nested call and quotes with commas and parentheses
   * inside stay where they are; DISTINCT or ORDER BY keep the schema's
   * own aggregate. */
  check_translation ("SELECT group_concat (purpose) FROM p", FALSE,
                     "SELECT string_agg (CAST (purpose AS text), ',') FROM p", 0, NULL);
  check_translation ("SELECT GROUP_CONCAT(a, ', '), group_concat (coalesce (b, ','), ')(,')", FALSE,
                     "SELECT string_agg(CAST (a AS text), ', '), string_agg (CAST (coalesce (b, ',') AS text), ')(,')",
                     0, NULL);
  check_translation ("SELECT group_concat (x || 'a''b,c') WHERE y IS ?", TRUE,
                     "SELECT string_agg (CAST (x || 'a''b,c' AS text), ',') WHERE y IS NOT DISTINCT FROM $1", 1, NULL);
  check_translation ("SELECT group_concat (DISTINCT a), group_concat (b ORDER BY b)", FALSE,
                     "SELECT group_concat (DISTINCT a), group_concat (b ORDER BY b)", 0, NULL);
  check_translation ("SELECT 1 FROM a CROSS JOIN b ON b.x = a.x CROSS JOIN c WHERE a.y IS NOT b.y"
                     " AND a.z IS ? AND a.w IS NOT NULL AND a.v IS NULL", TRUE,
                     "SELECT 1 FROM a JOIN b ON b.x = a.x CROSS JOIN c WHERE a.y IS DISTINCT FROM b.y"
                     " AND a.z IS NOT DISTINCT FROM $1 AND a.w IS NOT NULL AND a.v IS NULL", 1, NULL);
  check_translation ("SELECT count(*) FROM (SELECT a FROM t) JOIN (SELECT b FROM u) AS x ON 1"
                     " WHERE EXISTS (SELECT 1 FROM (SELECT ')' AS c) WHERE c = ')')", FALSE,
                     "SELECT count(*) FROM (SELECT a FROM t) AS jd_subquery1 JOIN (SELECT b FROM u) AS x ON 1"
                     " WHERE EXISTS (SELECT 1 FROM (SELECT ')' AS c) AS jd_subquery2 WHERE c = ')')", 0, NULL);

  /* Where " RETURNING id" goes: before the comment. */
  text = jd_pg_translate_sql ("INSERT INTO t (a) VALUES (?) -- x", TRUE, &info, NULL);
  g_assert_cmpuint (info.insert_end, ==, strlen ("INSERT INTO t (a) VALUES ($1)"));
  jd_pg_sql_info_clear (&info);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *none = jd_pg_translate_sql (refused[i], TRUE, NULL, &error);

      g_assert_null (none);
      g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_UNSUPPORTED);
    }
}

static void
test_path (void)
{
  g_assert_true (jd_db_path_is_server ("postgresql://desk@server/jastar"));
  g_assert_true (jd_db_path_is_server ("postgres://server"));
  g_assert_true (jd_db_path_is_server ("host=server dbname=jastar"));
  g_assert_true (jd_db_path_is_server ("dbname = jastar"));
  g_assert_true (jd_db_path_is_server ("service=centre"));
  g_assert_false (jd_db_path_is_server ("/home/desk/jastar.db"));
  g_assert_false (jd_db_path_is_server ("jastar.db"));
  g_assert_false (jd_db_path_is_server ("/tmp/a=b/jastar.db"));
  g_assert_false (jd_db_path_is_server ("/tmp/mydbname=x.db"));
}

static void
test_open (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (!have_server ())
    return;

  g_assert_cmpstr (jd_db_get_path (f->db), ==, f->conninfo);
  g_assert_cmpuint (jd_db_get_user_version (f->db), ==, jd_db_schema_version ());
  g_assert_false (jd_db_in_transaction (f->db));
  g_assert_true (jd_db_check_integrity (f->db, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (jd_db_get_data_version (f->db), ==, -1);

  /* What has no server twin yet says so. */
  g_assert_false (jd_db_backup (f->db, "/nonexistent/copy.db", &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* Opening again finds the schema there. */
  jd_db_close (f->db);
  f->db = jd_db_open (f->conninfo, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_db_get_user_version (f->db), ==, jd_db_schema_version ());

  /* Read-only means it, and begins without the writers' lock. */
  g_assert_false (jd_db_exec (f->db, "INSERT INTO test_tag (name) VALUES ('x')", &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (jd_db_begin (f->db, &error));
  g_assert_no_error (error);
  g_assert_true (jd_db_in_transaction (f->db));
  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *unreachable = NULL;
  g_autofree char *missing = NULL;
  struct sockaddr_in addr = { 0, };
  socklen_t len = sizeof addr;
  JdDb *db;
  int fd;

  if (!have_server ())
    return;

  /* A password given in the string wins over PGPASSWORD. */
  wrong = g_strdup_printf ("dbname=%s password=wrong", f->dbname);
  db = jd_db_open (wrong, JD_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, f->dbname));
  g_assert_null (strstr (error->message, "wrong"));
  g_clear_error (&error);

  /* A port nobody listens on: one just given back by the kernel. */
  fd = socket (AF_INET, SOCK_STREAM, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &len), ==, 0);
  close (fd);
  unreachable = g_strdup_printf ("host=127.0.0.1 port=%d dbname=jastar", ntohs (addr.sin_port));
  db = jd_db_open (unreachable, JD_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_clear_error (&error);

  /* An address libpq cannot read; its password is not repeated. */
  db = jd_db_open ("postgresql://desk:secret@[::1/jastar", JD_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED);
  g_assert_null (strstr (error->message, "secret"));
  g_clear_error (&error);

  missing = g_strdup_printf ("dbname=%s_missing", f->dbname);
  db = jd_db_open (missing, JD_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "_missing"));
}

static void
insert_person (JdDb       *db,
               const char *code,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt = jd_db_prepare (db, "INSERT INTO test_person (code, name) VALUES (?, ?)",
                                &error);

  g_assert_no_error (error);
  jd_stmt_bind_text (stmt, 1, code);
  jd_stmt_bind_text (stmt, 2, name);
  g_assert_true (jd_db_step_done (db, stmt, &error));
  g_assert_no_error (error);
}

static void
test_bind (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  JdStmt *stmt, *copy;

  if (!have_server ())
    return;

  stmt = jd_db_prepare (f->db,
                        "INSERT INTO test_person (code, name, score, visits, big, active)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_stmt_bind_parameter_count (stmt), ==, 6);
  g_assert_cmpint (jd_stmt_column_count (stmt), ==, 0);

  name = g_strdup ("Әлия 'Ақ' \"?\"");
  jd_stmt_bind_text (stmt, 1, "A-1");
  jd_stmt_bind_text_static (stmt, 2, name);
  jd_stmt_bind_double (stmt, 3, 2.5);
  jd_stmt_bind_int (stmt, 4, -7);
  jd_stmt_bind_int64 (stmt, 5, G_GINT64_CONSTANT (1) << 40);
  jd_stmt_bind_null (stmt, 6);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  g_assert_cmpint (jd_db_changes (f->db), ==, 1);
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==, 1);

  /* Bound again after clearing: the unbound ones are NULL. */
  jd_stmt_clear_bindings (stmt);
  jd_stmt_bind_text (stmt, 1, "A-2");
  jd_stmt_bind_text (stmt, 2, NULL);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==, 2);

  stmt = jd_db_prepare (f->db,
                        "SELECT id, code, name, score, visits, big, active"
                        " FROM test_person ORDER BY id",
                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (jd_stmt_column_count (stmt), ==, 7);
  g_assert_cmpstr (jd_stmt_column_name (stmt, 2), ==, "name");

  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 1);
  g_assert_true (jd_stmt_column_is_integer (stmt, 0));
  g_assert_cmpstr (jd_stmt_column_text (stmt, 1), ==, "A-1");
  g_assert_false (jd_stmt_column_is_integer (stmt, 1));
  g_assert_cmpstr (jd_stmt_column_text (stmt, 2), ==, "Әлия 'Ақ' \"?\"");
  g_assert_cmpfloat (jd_stmt_column_double (stmt, 3), ==, 2.5);
  g_assert_false (jd_stmt_column_is_integer (stmt, 3));
  g_assert_cmpint (jd_stmt_column_int (stmt, 4), ==, -7);
  g_assert_true (jd_stmt_column_is_integer (stmt, 4));
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 5), ==, G_GINT64_CONSTANT (1099511627776));
  g_assert_true (jd_stmt_column_is_integer (stmt, 5));
  g_assert_true (jd_stmt_column_is_null (stmt, 6));
  g_assert_null (jd_stmt_column_text (stmt, 6));
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 6), ==, 0);
  g_assert_false (jd_stmt_column_is_integer (stmt, 6));

  /* A column of this row into another table, while this one is open. */
  copy = jd_db_prepare (f->db, "INSERT INTO test_tag (name, n) VALUES (?, ?)", &error);
  g_assert_no_error (error);
  jd_stmt_bind_column (copy, 1, stmt, 2);
  jd_stmt_bind_column (copy, 2, stmt, 4);
  g_assert_true (jd_db_step_done (f->db, copy, &error));
  g_assert_no_error (error);
  /* No id column: the last insert id stays. */
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==, 2);

  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpstr (jd_stmt_column_text (stmt, 1), ==, "A-2");
  g_assert_true (jd_stmt_column_is_null (stmt, 2));
  g_assert_true (jd_stmt_column_is_null (stmt, 3));
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);

  g_assert_cmpint (query_int (f->db, "SELECT n FROM test_tag WHERE name = 'Әлия ''Ақ'' \"?\"'"),
                   ==, -7);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;
  gint64 total;

  if (!have_server ())
    return;

  insert_person (f->db, "a", "Asel");
  insert_person (f->db, "b", "Bolat");
  insert_person (f->db, "c", "Dana");
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==, 3);
  total = jd_db_total_changes (f->db);
  g_assert_cmpint (total, ==, 3);

  stmt = jd_db_prepare (f->db, "UPDATE test_person SET visits = ?1 WHERE code <> ?2", &error);
  g_assert_no_error (error);
  jd_stmt_bind_int (stmt, 1, 4);
  jd_stmt_bind_text (stmt, 2, "b");
  g_assert_true (jd_db_step_done (f->db, stmt, &error));
  g_assert_cmpint (jd_db_changes (f->db), ==, 2);
  g_assert_cmpint (jd_db_total_changes (f->db), ==, 5);

  /* A SELECT leaves the count of the last write. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM test_person"), ==, 3);
  g_assert_cmpint (jd_db_changes (f->db), ==, 2);

  /* INSERT OR IGNORE of a row already there: nothing, and the last
   * insert id stays. */
  stmt = jd_db_prepare (f->db, "INSERT OR IGNORE INTO test_person (code) VALUES (?)", &error);
  g_assert_no_error (error);
  jd_stmt_bind_text (stmt, 1, "a");
  g_assert_true (jd_db_step_done (f->db, stmt, &error));
  g_assert_cmpint (jd_db_changes (f->db), ==, 0);
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==, 3);
  jd_stmt_bind_text (stmt, 1, "d");
  g_assert_true (jd_db_step_done (f->db, stmt, &error));
  g_assert_cmpint (jd_db_changes (f->db), ==, 1);
  /* The ignored row took id 4 from the sequence all the same (unlike
   * SQLite): ids on a server may have gaps. */
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==, 5);
  g_assert_cmpint (query_int (f->db, "SELECT id FROM test_person WHERE code = 'd'"), ==, 5);

  /* Several statements at once. */
  g_assert_true (jd_db_exec (f->db,
                             "INSERT OR IGNORE INTO test_tag (name) VALUES ('x');"
                             "DELETE FROM test_person WHERE visits = 4",
                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (jd_db_changes (f->db), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM test_person"), ==, 2);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;

  if (!have_server ())
    return;

  insert_person (f->db, "a", "Asel");
  insert_person (f->db, "b", NULL);

  stmt = jd_db_prepare (f->db, "SELECT code, name FROM test_person WHERE code > ? ORDER BY code",
                        &error);
  g_assert_no_error (error);
  jd_stmt_bind_text (stmt, 1, "");
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, "a");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 1), ==, "Asel");
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, "b");
  g_assert_null (jd_stmt_column_text (stmt, 1));
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  g_assert_null (jd_stmt_column_text (stmt, 0));

  /* From the cache: reset, bindings cleared (NULL matches nothing). */
  stmt = jd_db_prepare (f->db, "SELECT code, name FROM test_person WHERE code > ? ORDER BY code",
                        &error);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_bind_text (stmt, 1, "a");
  jd_stmt_reset (stmt);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, "b");
  jd_stmt_reset (stmt);

  /* SQL the server refuses fails at prepare. */
  g_assert_null (jd_db_prepare (f->db, "SELECT nothing FROM nowhere", &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED);
}

static void
test_transactions (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) other = NULL;

  if (!have_server ())
    return;

  g_assert_true (jd_db_begin (f->db, &error));
  g_assert_no_error (error);
  g_assert_true (jd_db_in_transaction (f->db));
  insert_person (f->db, "a", "Asel");
  insert_person (f->db, "b", "Bolat");
  jd_db_rollback (f->db);
  g_assert_false (jd_db_in_transaction (f->db));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM test_person"), ==, 0);

  /* While one desk writes, another's write waits for it, and gives up
   * as busy after its lock timeout. */
  other = jd_db_open (f->conninfo, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_exec (other, "SET lock_timeout = '50ms'", &error));
  g_assert_true (jd_db_begin (f->db, &error));
  insert_person (f->db, "a", "Asel");
  g_assert_false (jd_db_begin (other, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (jd_db_in_transaction (other));
  /* Readers do not wait, and see nothing uncommitted. */
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM test_person"), ==, 0);

  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_false (jd_db_in_transaction (f->db));
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM test_person"), ==, 1);
  g_assert_true (jd_db_begin (other, &error));
  g_assert_no_error (error);
  jd_db_rollback (other);
}

static void
test_unique (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;
  int rc;

  if (!have_server ())
    return;

  insert_person (f->db, "a", "Asel");
  stmt = jd_db_prepare (f->db, "INSERT INTO test_person (code, name) VALUES (?, ?)", &error);
  jd_stmt_bind_text (stmt, 1, "a");
  rc = jd_stmt_step (stmt);
  jd_stmt_reset (stmt);
  g_assert_cmpint (rc, !=, JD_STEP_DONE);
  g_assert_cmpint (rc, !=, JD_STEP_ROW);
  jd_db_set_error (f->db, rc, &error);
  /* The code SQLite's constraint errors give. */
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* In a transaction the failure ends it on the server: the commit says
   * so, and nothing of it is kept. */
  g_assert_true (jd_db_begin (f->db, &error));
  insert_person (f->db, "b", "Bolat");
  g_assert_false (jd_db_step_done (f->db, stmt, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jd_db_commit (f->db, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED);
  g_assert_false (jd_db_in_transaction (f->db));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM test_person"), ==, 1);
}

static void
test_server_gone (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kill = NULL;
  JdStmt *stmt;

  if (!have_server ())
    return;

  g_assert_true (jd_db_begin (f->db, &error));
  insert_person (f->db, "a", "Asel");

  /* Waits until the desk's server process has gone. */
  kill = g_strdup_printf ("SELECT pg_terminate_backend (%d, 10000)",
                          PQbackendPID (jd_db_get_pg_conn (f->db)));
  admin_exec (kill);

  stmt = jd_db_prepare (f->db, "SELECT count(*) FROM test_person", &error);
  if (stmt != NULL)
    {
      int rc = jd_stmt_step (stmt);

      jd_stmt_reset (stmt);
      g_assert_cmpint (rc, ==, JD_PG_RC_ERROR);
      jd_db_set_error (f->db, rc, &error);
    }
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_DISCONNECTED);
  g_clear_error (&error);

  g_assert_false (jd_db_commit (f->db, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_DISCONNECTED);
  g_clear_error (&error);
  g_assert_false (jd_db_in_transaction (f->db));
  jd_db_rollback (f->db);

  /* Nothing of it was kept. */
  jd_db_close (f->db);
  f->db = jd_db_open (f->conninfo, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM test_person"), ==, 0);
}

/* Parameters the server cannot type from where they stand: one only
 * tested with IS NULL, one skipped (?2), one seen as integer and as
 * bigint; inside a transaction, which goes on. */
static void
test_untyped_parameters (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;

  if (!have_server ())
    return;

  g_assert_true (jd_db_begin (f->db, &error));
  g_assert_no_error (error);
  stmt = jd_db_prepare (f->db,
                        "INSERT INTO test_person (code, big, visits) VALUES (?1, ?4, ?4 + 1)", &error);
  g_assert_no_error (error);
  jd_stmt_bind_text (stmt, 1, "a");
  jd_stmt_bind_int64 (stmt, 4, 41);
  g_assert_true (jd_db_step_done (f->db, stmt, &error));
  g_assert_no_error (error);

  stmt = jd_db_prepare (f->db,
                        "SELECT count(*), max (big) FROM test_person WHERE (?1 IS NULL OR code = ?1)"
                        " AND ?3 = 0 AND (?4 IS NULL)",
                        &error);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  jd_stmt_bind_null (stmt, 1);
  jd_stmt_bind_int64 (stmt, 3, 0);
  jd_stmt_bind_null (stmt, 4);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 1);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 1), ==, 41);
  jd_stmt_reset (stmt);
  jd_stmt_bind_text (stmt, 1, "b");
  jd_stmt_bind_int64 (stmt, 3, 0);
  jd_stmt_bind_null (stmt, 4);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 0);
  jd_stmt_reset (stmt);

  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT visits FROM test_person WHERE code = 'a'"), ==, 42);
}

/* Streaming (jd_db_set_streaming ()): 5,000 people whose big is 1…5,000. */
static void
fill_people (JdDb *db)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (db,
                             "INSERT INTO test_person (code, big)"
                             " SELECT 'p' || n, n FROM generate_series (1, 5000) AS n",
                             &error));
  g_assert_no_error (error);
}

/* Cursors open on the connection, counted without one of its own (nor
 * the unnamed portal of the count itself). */
static gint64
open_cursors (JdDb *db)
{
  gboolean streaming = jd_db_set_streaming (db, FALSE);
  gint64 n = query_int (db, "SELECT count(*) FROM pg_cursors WHERE name <> ''");

  jd_db_set_streaming (db, streaming);
  return n;
}

#define STREAM_SQL "SELECT big, code FROM test_person WHERE big >= ? ORDER BY big"

static void
test_stream_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt, *count;
  gint64 n = 0, sum = 0;
  int rc;

  if (!have_server ())
    return;

  fill_people (f->db);
  /* The connection's flag: off, and off again after. */
  g_assert_false (jd_db_set_streaming (f->db, TRUE));

  /* Outside a transaction a cursor could not outlive the statement:
   * the whole result, as without streaming. */
  stmt = jd_db_prepare (f->db, STREAM_SQL, &error);
  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, 4999);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (open_cursors (f->db), ==, 0);
  jd_stmt_reset (stmt);

  g_assert_true (jd_db_begin (f->db, &error));
  g_assert_no_error (error);
  stmt = jd_db_prepare (f->db, STREAM_SQL, &error);
  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, 1);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 big = jd_stmt_column_int64 (stmt, 0);
      g_autofree char *code = g_strdup_printf ("p%" G_GINT64_FORMAT, big);

      n++;
      sum += big;
      g_assert_cmpint (big, ==, n);
      g_assert_cmpstr (jd_stmt_column_text (stmt, 1), ==, code);
      g_assert_true (jd_stmt_column_is_integer (stmt, 0));

      /* Nested statements between two steps, one streamed itself: the
       * people before this one are big − 1 of them. */
      if (big % 1000 == 0 || big == 1 || big == 2001)
        {
          count = jd_db_prepare (f->db, "SELECT count(*), min (big) FROM test_person WHERE big < ?",
                                 &error);
          g_assert_no_error (error);
          jd_stmt_bind_int64 (count, 1, big);
          g_assert_cmpint (jd_stmt_step (count), ==, JD_STEP_ROW);
          g_assert_cmpint (jd_stmt_column_int64 (count, 0), ==, big - 1);
          g_assert_cmpint (jd_stmt_column_int64 (count, 1), ==, big == 1 ? 0 : 1);
          g_assert_cmpint (jd_stmt_step (count), ==, JD_STEP_DONE);
          jd_stmt_reset (count);
          /* A write in the same transaction, between two batches too. */
          insert_person (f->db, NULL, "nested");
          /* Only the outer statement's cursor is open. */
          g_assert_cmpint (open_cursors (f->db), ==, 1);
        }
    }
  g_assert_cmpint (rc, ==, JD_STEP_DONE);
  g_assert_cmpint (n, ==, 5000);
  /* 1 + 2 + … + 5000 = 5000 × 5001 / 2 */
  g_assert_cmpint (sum, ==, 12502500);
  jd_stmt_reset (stmt);
  g_assert_cmpint (open_cursors (f->db), ==, 0);
  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);
  /* The seven nested writes were kept: 1, 1000, 2000, 2001, 3000, 4000, 5000. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM test_person WHERE name = 'nested'"), ==, 7);

  /* A statement that writes (RETURNING id) is never read by a cursor. */
  g_assert_true (jd_db_begin (f->db, &error));
  insert_person (f->db, "last", NULL);
  g_assert_cmpint (jd_db_last_insert_id (f->db), ==,
                   query_int (f->db, "SELECT max (id) FROM test_person"));
  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);

  g_assert_true (jd_db_set_streaming (f->db, FALSE));
}

static void
test_stream_reset (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;

  if (!have_server ())
    return;

  fill_people (f->db);
  jd_db_set_streaming (f->db, TRUE);
  g_assert_true (jd_db_exec (f->db, "BEGIN", &error));
  g_assert_no_error (error);

  stmt = jd_db_prepare (f->db, STREAM_SQL, &error);
  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, 1);
  for (int i = 1; i <= 10; i++)
    {
      g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
      g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, i);
    }
  g_assert_cmpint (open_cursors (f->db), ==, 1);
  /* Half-way: the cursor is closed, the next step starts again. */
  jd_stmt_reset (stmt);
  g_assert_cmpint (open_cursors (f->db), ==, 0);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 1);

  /* Bound again mid-way: from the new value, past a batch's end. */
  jd_stmt_reset (stmt);
  jd_stmt_bind_int64 (stmt, 1, 5000 - JD_PG_STREAM_BATCH_ROWS);
  for (int i = 0; i <= JD_PG_STREAM_BATCH_ROWS; i++)
    {
      g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
      g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 5000 - JD_PG_STREAM_BATCH_ROWS + i);
    }
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  /* Stepping on after the end runs it again. */
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 5000 - JD_PG_STREAM_BATCH_ROWS);
  jd_stmt_reset (stmt);
  g_assert_cmpint (open_cursors (f->db), ==, 0);

  g_assert_true (jd_db_exec (f->db, "COMMIT", &error));
  g_assert_no_error (error);
}

static void
test_stream_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;
  int rc, n = 0;

  if (!have_server ())
    return;

  fill_people (f->db);
  jd_db_set_streaming (f->db, TRUE);
  g_assert_true (jd_db_begin (f->db, &error));

  /* Division by zero at the 3,000th row (a function's rows, made one by
   * one as they are fetched): the batches before it come whole (with
   * 2,000 rows a batch, the first), the one holding it fails. */
  stmt = jd_db_prepare (f->db, "SELECT 6000 / (n - 3000) FROM generate_series (1, 5000) AS n", &error);
  g_assert_no_error (error);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      n++;
      /* 6000 / (1 − 3000) = −2 (integer division towards zero). */
      if (n == 1)
        g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, -2);
    }
  g_assert_cmpint (n, ==, (2999 / JD_PG_STREAM_BATCH_ROWS) * JD_PG_STREAM_BATCH_ROWS);
  g_assert_cmpint (rc, !=, JD_STEP_DONE);
  jd_db_set_error (f->db, rc, &error);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "division by zero"));
  g_clear_error (&error);
  jd_stmt_reset (stmt);

  /* The transaction failed with it: nothing of it is kept. */
  g_assert_false (jd_db_commit (f->db, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (jd_db_in_transaction (f->db));

  /* And the next transaction streams again. */
  g_assert_true (jd_db_begin (f->db, &error));
  stmt = jd_db_prepare (f->db, STREAM_SQL, &error);
  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, 4999);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 4999);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 5000);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);
}

/* The transaction ends (@commit: committed, else rolled back) with a
 * cursor open: its statement fails, the next transaction is left alone. */
static void
check_stream_ended (Fixture  *f,
                    gboolean  commit)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;
  int rc;

  g_assert_true (jd_db_begin (f->db, &error));
  g_assert_no_error (error);
  stmt = jd_db_prepare (f->db, STREAM_SQL, &error);
  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, 1);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 1);
  insert_person (f->db, commit ? "committed" : "rolled back", NULL);
  if (commit)
    {
      g_assert_true (jd_db_commit (f->db, &error));
      g_assert_no_error (error);
    }
  else
    jd_db_rollback (f->db);

  /* Another transaction has begun: the old cursor's step must not touch
   * it (a FETCH of a cursor it does not have would fail it). */
  g_assert_true (jd_db_begin (f->db, &error));
  rc = jd_stmt_step (stmt);
  g_assert_cmpint (rc, !=, JD_STEP_ROW);
  g_assert_cmpint (rc, !=, JD_STEP_DONE);
  jd_db_set_error (f->db, rc, &error);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "transaction ended"));
  g_clear_error (&error);
  jd_stmt_reset (stmt);
  insert_person (f->db, commit ? "after commit" : "after rollback", NULL);
  g_assert_true (jd_db_commit (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, commit ?
                              "SELECT count(*) FROM test_person WHERE code IN ('committed', 'after commit')" :
                              "SELECT count(*) FROM test_person WHERE code IN ('rolled back', 'after rollback')"),
                   ==, commit ? 2 : 1);

  /* Run again in a new transaction: from the start. */
  g_assert_true (jd_db_exec (f->db, "BEGIN", &error));
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 1);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, 2);
  /* Ended by SQL text this time. */
  g_assert_true (jd_db_exec (f->db, "COMMIT", &error));
  g_assert_cmpint (jd_stmt_step (stmt), !=, JD_STEP_ROW);
  jd_stmt_reset (stmt);
  g_assert_false (jd_db_in_transaction (f->db));
}

static void
test_stream_transaction_ends (Fixture       *f,
                              gconstpointer  data)
{
  if (!have_server ())
    return;

  fill_people (f->db);
  jd_db_set_streaming (f->db, TRUE);
  check_stream_ended (f, TRUE);
  check_stream_ended (f, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/pg-engine/translate", test_translate);
  g_test_add_func ("/jd/pg-engine/path", test_path);
#define ADD(name, func) \
  g_test_add ("/jd/pg-engine/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("open", test_open);
  ADD ("refused", test_refused);
  ADD ("bind", test_bind);
  ADD ("changes", test_changes);
  ADD ("rows", test_rows);
  ADD ("transactions", test_transactions);
  ADD ("unique", test_unique);
  ADD ("server-gone", test_server_gone);
  ADD ("untyped-parameters", test_untyped_parameters);
  ADD ("stream-rows", test_stream_rows);
  ADD ("stream-reset", test_stream_reset);
  ADD ("stream-error", test_stream_error);
  ADD ("stream-transaction-ends", test_stream_transaction_ends);
#undef ADD

  return g_test_run ();
}
