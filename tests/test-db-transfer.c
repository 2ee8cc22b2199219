/* test-db-transfer.c: moving a centre between a file and the server
 * (--copy-to), and --check and --backup against a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Suite 'pg': the tests that need a server skip without PGHOST (run
 * under pg_virtualenv, see test.sh).
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-db-transfer.h"
#include "jd-demo.h"
#include "pg-helpers.h"

#define N_VISITORS 300

static char *tmp_dir;
/* The demo centre every test copies (made once). */
static char *demo_path;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static char *
server_uri (const char *dbname)
{
  return g_strdup_printf ("dbname=%s", dbname);
}

static const char *
demo_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;

  if (demo_path != NULL)
    return demo_path;
  demo_path = tmp_path ("demo.db");
  db = jd_db_open (demo_path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_demo_generate (db, N_VISITORS, 7, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The demo keeps no audit trail: a few lines of one. */
  g_assert_true (jd_db_begin (db, &error));
  for (gint64 id = 1; id <= 5; id++)
    g_assert_true (jd_audit_record (db, JD_AUDIT_VIEWED_PRIVATE_NOTE, JD_AUDIT_TARGET_CONSULTATION, id,
                                    "Жеке жазба: «қаралды»", &error));
  g_assert_true (jd_audit_record (db, JD_AUDIT_BACKUP, JD_AUDIT_TARGET_DATABASE, 0, NULL, &error));
  /* The first account last changed by the newest one: a row that
   * refers to a later row of its own table. */
  g_assert_true (jd_db_exec (db, "UPDATE staff SET updated_by = (SELECT max (id) FROM staff)"
                                 " WHERE id = (SELECT min (id) FROM staff)", &error));
  g_assert_true (jd_db_commit (db, &error));
  g_assert_no_error (error);
  return demo_path;
}

static gint64
count (JdDb       *db,
       const char *sql)
{
  JdStmt *stmt = jd_db_prepare (db, sql, NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every row of @table as text, one line a row, in the order of all its
 * columns: the same on both engines when the contents are the same. */
static char *
table_text (JdDb       *db,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) columns = jd_db_list_columns (db, table, &error);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *quoted = jd_db_quote_identifier (table);
  JdStmt *stmt;
  int rc;

  g_assert_no_error (error);
  /* By name: the file's columns a migration added come in another
   * place than the server's. */
  g_ptr_array_sort (columns, compare_strings);
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = columns->pdata[i];
      g_autofree char *quoted_column = g_str_equal (column, "rowid") ? g_strdup (column)
                                       : jd_db_quote_identifier (column);

      g_string_append_printf (sql, i > 0 ? ", %s" : "%s", quoted_column);
    }
  g_string_append_printf (sql, " FROM %s", quoted);

  stmt = jd_db_prepare (db, sql->str, &error);
  g_assert_no_error (error);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint i = 0; i < columns->len; i++)
        {
          const char *value = jd_stmt_column_text (stmt, (int) i);

          g_string_append_printf (line, "%s%s", i > 0 ? "|" : "", value != NULL ? value : "<NULL>");
        }
      g_ptr_array_add (sorted, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_assert_cmpint (rc, ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) sorted->pdata[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_same_contents (JdDb *a,
                      JdDb *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tables = jd_db_list_tables (a, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (tables->len, >=, 18);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *ta = table_text (a, tables->pdata[i]);
      g_autofree char *tb = table_text (b, tables->pdata[i]);

      g_test_message ("table %s: %zu bytes", (const char *) tables->pdata[i], strlen (ta));
      g_assert_cmpstr (ta, ==, tb);
    }
}

typedef struct
{
  guint  calls;
  guint  tables;
  char  *table;
  gboolean saw_visitor;
} Progress;

static void
progress_cb (const char *table,
             gint64      done,
             gint64      total,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_cmpint (done, <=, total);
  progress->calls++;
  if (g_strcmp0 (progress->table, table) != 0)
    {
      g_assert_cmpint (done, ==, 0);
      progress->tables++;
      g_free (progress->table);
      progress->table = g_strdup (table);
    }
  if (g_str_equal (table, "visitor") && done == total)
    {
      g_assert_cmpint (total, ==, N_VISITORS);
      progress->saw_visitor = TRUE;
    }
}

/* The next id an insert takes is max (id) + 1. */
static void
assert_sequence_moved (PGconn     *conn,
                       const char *table)
{
  g_autofree char *max_sql = g_strdup_printf ("SELECT max (id) FROM %s", table);
  g_autofree char *next_sql = g_strdup_printf ("SELECT nextval (pg_get_serial_sequence ('%s', 'id'))",
                                               table);
  gint64 max_id = test_pg_query_int (conn, max_sql);

  g_assert_cmpint (max_id, >, 0);
  g_assert_cmpint (test_pg_query_int (conn, next_sql), ==, max_id + 1);
}

static void
test_file_to_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(JdDb) file = NULL;
  g_autoptr(JdDb) server = NULL;
  g_autofree char *name = NULL, *uri = NULL, *report = NULL;
  Progress progress = { 0 };
  PGconn *conn;

  if (!test_pg_available ())
    return;
  name = test_pg_create_database ();
  uri = server_uri (name);

  g_assert_true (jd_db_copy_to (demo_file (), uri, FALSE, progress_cb, &progress, &counts, &error));
  g_assert_no_error (error);
  g_assert_true (progress.saw_visitor);
  g_assert_cmpuint (progress.tables, ==, counts->len);
  g_assert_cmpstr (progress.table, ==, "visit_summary");
  g_clear_pointer (&progress.table, g_free);

  file = jd_db_open (demo_file (), JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  server = jd_db_open (uri, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Every table, with the counts both sides give. */
  g_assert_cmpuint (counts->len, >=, 18);
  for (guint i = 0; i < counts->len; i++)
    {
      const JdDbTransferCount *c = &g_array_index (counts, JdDbTransferCount, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", c->table);

      g_assert_cmpint (c->source_rows, ==, c->copied_rows);
      g_assert_cmpint (count (file, sql), ==, c->source_rows);
      g_assert_cmpint (count (server, sql), ==, c->source_rows);
    }
  g_assert_cmpint (count (server, "SELECT count(*) FROM visitor"), ==, N_VISITORS);
  /* The demo has private notes and events, so they were copied. */
  g_assert_cmpint (count (server, "SELECT count(*) FROM consultation WHERE private_note IS NOT NULL"), >, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM event"), >, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM audit"), >, 0);

  /* A sample of rows, column by column, and the summary exactly. */
  assert_same_contents (file, server);
  g_assert_cmpint (count (server, "SELECT coalesce (sum (n), 0) FROM visit_summary WHERE kind = 0"), ==,
                   count (server, "SELECT count(*) FROM visit"));

  g_assert_true (jd_db_check_integrity (server, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_null (report);

  conn = test_pg_connect (name);
  assert_sequence_moved (conn, "visitor");
  assert_sequence_moved (conn, "visit");
  assert_sequence_moved (conn, "consultation");
  assert_sequence_moved (conn, "staff");
  assert_sequence_moved (conn, "audit");
  /* The triggers are on again: a new visit is summed once. */
  test_pg_exec (conn, "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                      " SELECT id, 1700000000, occupation, 1, 1 FROM visitor ORDER BY id LIMIT 1");
  g_assert_cmpint (test_pg_query_int (conn, "SELECT sum (n) FROM visit_summary WHERE kind = 0"), ==,
                   test_pg_query_int (conn, "SELECT count(*) FROM visit"));
  g_assert_cmpint (test_pg_query_int (conn, "SELECT count(*) FROM visit WHERE time_in = 1700000000"
                                            " AND sex IS NOT NULL"), ==, 1);
  /* And by person and month (schema v12). */
  g_assert_cmpint (test_pg_query_int (conn, "SELECT sum (visits) FROM visitor_month"), ==,
                   test_pg_query_int (conn, "SELECT count(*) FROM visit"));
  g_assert_cmpint (test_pg_query_int (conn, "SELECT sum (visits) FROM month_total"), ==,
                   test_pg_query_int (conn, "SELECT count(*) FROM visit"));
  PQfinish (conn);

  /* A second copy into it is refused, and changes nothing. */
  {
    gint64 audit = count (server, "SELECT count(*) FROM audit");

    g_clear_pointer (&counts, g_array_unref);
    g_assert_false (jd_db_copy_to (demo_file (), uri, FALSE, NULL, NULL, &counts, &error));
    g_assert_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_NOT_EMPTY);
    g_assert_cmpstr (error->message, ==,
                     "The server database already holds a centre; copy only into an empty one.");
    g_assert_null (counts);
    g_assert_cmpint (count (server, "SELECT count(*) FROM visitor"), ==, N_VISITORS);
    g_assert_cmpint (count (server, "SELECT count(*) FROM audit"), ==, audit);
  }

  g_clear_pointer (&server, jd_db_close);
  test_pg_drop_database (name);
}

static void
test_failure_keeps_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) server = NULL;
  g_autofree char *name = NULL, *uri = NULL;
  g_autofree char *hostile = tmp_path ("hostile.db");
  g_autofree char *contents = NULL;
  gsize length;

  if (!test_pg_available ())
    return;

  /* A copy of the demo with one visit that ends before it starts: the
   * file's check is turned off for the raw UPDATE, the server's is not. */
  g_assert_true (g_file_get_contents (demo_file (), &contents, &length, &error));
  g_assert_true (g_file_set_contents (hostile, contents, length, &error));
  {
    g_autoptr(JdDb) db = jd_db_open (hostile, JD_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (jd_db_exec (db, "PRAGMA ignore_check_constraints = ON;"
                                   "UPDATE visit SET time_out = time_in - 60"
                                   " WHERE id = (SELECT max (id) FROM visit)", &error));
    g_assert_no_error (error);
  }

  name = test_pg_create_database ();
  uri = server_uri (name);
  g_assert_false (jd_db_copy_to (hostile, uri, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“visit”"));
  g_clear_error (&error);

  /* Nothing stayed: the schema's own rows only. */
  server = jd_db_open (uri, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (server, "SELECT count(*) FROM visitor"), ==, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM visit"), ==, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM visit_summary"), ==, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM district"), ==, 20);

  /* A visit of nobody (the file's keys turned off for the raw UPDATE):
   * the server's keys, checked at the end of the copy, refuse it. */
  {
    g_autoptr(JdDb) db = jd_db_open (hostile, JD_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (jd_db_exec (db, "PRAGMA ignore_check_constraints = OFF;"
                                   "UPDATE visit SET time_out = NULL WHERE time_out < time_in;"
                                   "PRAGMA foreign_keys = OFF;"
                                   "UPDATE visit SET visitor_id = 999999"
                                   " WHERE id = (SELECT min (id) FROM visit)", &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&server, jd_db_close);
  g_assert_false (jd_db_copy_to (hostile, uri, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  server = jd_db_open (uri, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count (server, "SELECT count(*) FROM visitor"), ==, 0);
  g_assert_cmpint (count (server, "SELECT count(*) FROM visit"), ==, 0);

  /* The failed copies left it empty: a good one goes in now. */
  g_clear_pointer (&server, jd_db_close);
  g_assert_true (jd_db_copy_to (demo_file (), uri, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  test_pg_drop_database (name);
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(JdDb) file = NULL;
  g_autoptr(JdDb) back = NULL;
  g_autoptr(JdDb) server = NULL;
  g_autofree char *name = NULL, *uri = NULL, *report = NULL;
  g_autofree char *back_path = tmp_path ("back.db");
  g_autofree char *backup_path = tmp_path ("backup.db");

  if (!test_pg_available ())
    return;
  name = test_pg_create_database ();
  uri = server_uri (name);

  g_assert_true (jd_db_copy_to (demo_file (), uri, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Server to a new file: healthy, with the same counts. */
  g_assert_true (jd_db_copy_to (uri, back_path, FALSE, NULL, NULL, &counts, &error));
  g_assert_no_error (error);
  back = jd_db_open (back_path, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_check_integrity (back, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_null (report);
  server = jd_db_open (uri, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < counts->len; i++)
    {
      const JdDbTransferCount *c = &g_array_index (counts, JdDbTransferCount, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", c->table);

      g_assert_cmpint (count (back, sql), ==, count (server, sql));
    }

  /* File → server → file: every table the same, as text. */
  file = jd_db_open (demo_file (), JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  assert_same_contents (file, back);

  /* The new file's triggers are back: the search still finds people. */
  g_assert_cmpint (count (back, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"), ==,
                   count (file, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"));
  g_assert_cmpint (count (back, "SELECT count(*) FROM visitor_fts WHERE text LIKE '%а%'"), ==,
                   count (file, "SELECT count(*) FROM visitor_fts WHERE text LIKE '%а%'"));

  /* An existing file, or the source itself, is refused. */
  g_assert_false (jd_db_copy_to (uri, back_path, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_EXISTS);
  g_clear_error (&error);

  /* A backup may replace a file, and is the same copy. */
  g_assert_true (g_file_set_contents (backup_path, "old", -1, NULL));
  g_assert_true (jd_db_copy_to (uri, backup_path, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JdDb) backup = jd_db_open (backup_path, JD_DB_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (count (backup, "SELECT count(*) FROM visitor"), ==, N_VISITORS);
  }

  g_clear_pointer (&server, jd_db_close);
  test_pg_drop_database (name);
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = tmp_path ("taken.db");
  g_autofree char *same = NULL;

  g_assert_true (g_file_set_contents (taken, "", 0, NULL));
  g_assert_false (jd_db_copy_to (demo_file (), taken, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_false (jd_db_copy_to (demo_file (), demo_file (), TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_SAME);
  g_clear_error (&error);

  /* The same file by another path. */
  same = g_build_filename (tmp_dir, ".", "demo.db", NULL);
  g_assert_false (jd_db_copy_to (demo_file (), same, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_DB_TRANSFER_ERROR, JD_DB_TRANSFER_ERROR_SAME);
}

static void
test_server_check (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) server = NULL;
  g_autofree char *name = NULL, *uri = NULL, *report = NULL;
  PGconn *conn;

  if (!test_pg_available ())
    return;
  name = test_pg_create_database ();
  uri = server_uri (name);
  g_assert_true (jd_db_copy_to (demo_file (), uri, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* One visit too many in the summary, and a visit whose visitor is
   * gone (the foreign keys bypassed, as only a superuser can). */
  conn = test_pg_connect (name);
  test_pg_exec (conn, "UPDATE visit_summary SET n = n + 1"
                      " WHERE (hour, kind, key) = (SELECT hour, kind, key FROM visit_summary"
                      " WHERE kind = 0 ORDER BY hour LIMIT 1)");
  test_pg_exec (conn, "SET session_replication_role = replica;"
                      "UPDATE visit SET visitor_id = 999999 WHERE id = (SELECT min (id) FROM visit)");
  PQfinish (conn);

  server = jd_db_open (uri, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (jd_db_check_integrity (server, FALSE, &report, &error));
  g_assert_no_error (error);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "visit_summary: counts "));
  g_assert_nonnull (strstr (report, "foreign key: 1 rows of visit refer to a missing visitor (visitor_id)\n"));

  g_clear_pointer (&server, jd_db_close);
  test_pg_drop_database (name);
}

/* The command line: progress on stderr, the counts on stdout. */
static void
test_cli_copy_to (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *name = NULL, *uri = NULL, *out = NULL, *err = NULL;
  g_autofree char *back_path = tmp_path ("cli-back.db");
  const char *binary = g_getenv ("JD_BINARY");
  int wait_status = 0;

  if (!test_pg_available ())
    return;
  if (binary == NULL)
    {
      g_test_skip ("JD_BINARY is not set");
      return;
    }
  name = test_pg_create_database ();
  uri = g_strdup_printf ("postgresql:///%s", name);

  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, (gpointer) demo_file ());
  g_ptr_array_add (argv, (gpointer) "--copy-to");
  g_ptr_array_add (argv, uri);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_nonnull (strstr (err, "Copying visitor: 300 of 300 rows\n"));
  g_assert_nonnull (strstr (out, "Rows in each table, counted on both sides:\n"));
  g_assert_nonnull (strstr (out, "  visitor                   300        300\n"));

  /* Again: refused, exit 1, the server as it was. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_nonnull (strstr (err, "already holds a centre"));

  /* --check and --backup against the server. */
  g_ptr_array_set_size (argv, 0);
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "--database");
  g_ptr_array_add (argv, uri);
  g_ptr_array_add (argv, (gpointer) "--check");
  g_ptr_array_add (argv, (gpointer) "--backup");
  g_ptr_array_add (argv, back_path);
  g_ptr_array_add (argv, NULL);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_nonnull (strstr (out, "is healthy"));
  g_assert_nonnull (strstr (out, "Backup saved to"));
  g_assert_true (g_file_test (back_path, G_FILE_TEST_IS_REGULAR));

  test_pg_drop_database (name);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, entry, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("jd-transfer-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/db-transfer/refusals", test_refusals);
  g_test_add_func ("/db-transfer/file-to-server", test_file_to_server);
  g_test_add_func ("/db-transfer/failure-keeps-nothing", test_failure_keeps_nothing);
  g_test_add_func ("/db-transfer/round-trip", test_round_trip);
  g_test_add_func ("/db-transfer/server-check", test_server_check);
  g_test_add_func ("/db-transfer/cli", test_cli_copy_to);

  status = g_test_run ();
  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (demo_path);
  return status;
}
