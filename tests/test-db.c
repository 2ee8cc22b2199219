/* test-db.c: opening, creating, upgrading, refusing and backing up the
 * database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "jd-backup.h"
#include "db-helpers.h"
#include "jd-db-private.h"
#include "jd-district.h"
#include "jd-schema.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-visit.h"
#include "jd-visitor.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "jastar.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Runs SQL on the file with SQLite directly, as another program would. */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *mode = NULL;
  GStatBuf st;

  /* Without the create flag a missing file is refused. */
  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_null (db);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);

  /* Only the owner may read personal data. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpuint (jd_db_get_user_version (db), ==, jd_db_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, jd_db_schema_version ());
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA synchronous"), ==, 1);  /* NORMAL */
  mode = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_null (jd_db_get_migration_backup (db));

  /* Every table of schema v1. */
  for (guint i = 0; i < 8; i++)
    {
      const char *tables[] = { "visitor", "visit", "consultation", "event",
                               "attendance", "staff", "audit", "setting" };
      JdStmt *stmt = jd_db_prepare (db,
                                    "SELECT count(*) FROM sqlite_master"
                                    " WHERE type = 'table' AND name = ?1",
                                    NULL);

      jd_stmt_bind_text_static (stmt, 1, tables[i]);
      g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
      g_assert_cmpint (jd_stmt_column_int (stmt, 0), ==, 1);
      jd_stmt_reset (stmt);
    }

  /* Almaty's eight districts are in use; the region's are there too;
   * "other locality" closes the list. */
  districts = jd_district_list (db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (districts->len, ==, 9);
  g_assert_cmpstr (((JdDistrict *) districts->pdata[0])->code, ==, "almaty-alatau");
  g_assert_cmpstr (((JdDistrict *) districts->pdata[2])->name_kk, ==, "Әуезов ауданы");
  g_assert_cmpstr (((JdDistrict *) districts->pdata[7])->name_ru, ==, "Турксибский район");
  g_assert_cmpstr (((JdDistrict *) districts->pdata[8])->code, ==, "other");
  g_clear_pointer (&districts, g_ptr_array_unref);
  districts = jd_district_list (db, TRUE, &error);
  g_assert_cmpuint (districts->len, ==, 20);

  /* Foreign keys are enforced. */
  g_assert_false (jd_db_exec (db,
                              "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                              " VALUES (12345, 0, 'employed', 0, 0)",
                              &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *value = NULL;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_NAME, "Жастар орталығы №1", &error));
  g_assert_no_error (error);
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_NAME, "Жастар орталығы №2", &error));
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  value = jd_db_get_setting (db, JD_SETTING_CENTRE_NAME);
  g_assert_cmpstr (value, ==, "Жастар орталығы №2");
  g_assert_null (jd_db_get_setting (db, "no.such.key"));
  g_assert_null (jd_db_get_migration_backup (db));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM setting"), ==, 1);
}

static const JdMigration test_v1[] = {
  { "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "INSERT INTO item (name) VALUES ('Әлия'), ('Ерлан');", NULL },
};

static const JdMigration test_v2[] = {
  { "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "INSERT INTO item (name) VALUES ('Әлия'), ('Ерлан');", NULL },
  { "ALTER TABLE item ADD COLUMN phone TEXT;"
    "CREATE TABLE tag (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES item (id));"
    "UPDATE item SET phone = '+77011234567' WHERE name = 'Ерлан';", NULL },
};

/* The second step fails halfway: its first statement worked. */
static const JdMigration test_v2_broken[] = {
  { "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "INSERT INTO item (name) VALUES ('Әлия'), ('Ерлан');", NULL },
  { "ALTER TABLE item ADD COLUMN phone TEXT;"
    "INSERT INTO no_such_table VALUES (1);", NULL },
};

static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(JdDb) old = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *backup = NULL;

  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_CREATE, test_v1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_db_get_user_version (db), ==, 1);
  g_assert_true (jd_db_exec (db, "INSERT INTO item (name) VALUES ('Қанат')", &error));
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_DEFAULT, test_v2, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_db_get_user_version (db), ==, 2);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item"), ==, 3);
  phone = query_text (db, "SELECT phone FROM item WHERE name = 'Ерлан'");
  g_assert_cmpstr (phone, ==, "+77011234567");

  /* The copy made before upgrading is the old version, whole. */
  backup = g_strdup (jd_db_get_migration_backup (db));
  g_assert_nonnull (backup);
  g_assert_true (g_str_has_suffix (backup, ".db"));
  old = jd_db_open_with_migrations (backup, JD_DB_OPEN_READ_ONLY, test_v1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_db_get_user_version (old), ==, 1);
  g_assert_cmpint (query_int (old, "SELECT count(*) FROM item"), ==, 3);
  g_clear_pointer (&db, jd_db_close);

  /* Opening again does not migrate or back up again. */
  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_DEFAULT, test_v2, 2, &error);
  g_assert_no_error (error);
  g_assert_null (jd_db_get_migration_backup (db));
}


/* Upgrading to version 8: ages on visits written on a machine in New
 * York (by 'localtime') become ages on the centre's day in Almaty, the
 * summary is keyed so that other ages and an unknown sex have rows of
 * their own, and the zone's offsets are there for SQL, with Almaty's
 * change from UTC+6 to UTC+5 at 18:00 UTC on 29 February 2024. */
static void
test_centre_time_zone_upgrade (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  const JdMigration *migrations;
  guint n_migrations;

  migrations = jd_schema_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 8);
  g_setenv ("TZ", "America/New_York", TRUE);
  tzset ();
  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_CREATE, migrations, 7, &error);
  g_assert_no_error (error);
  /* Born 30 November 2008; in at 20:30 UTC on 29 November 2026 (15:30
   * in New York, 01:30 on the 30th in Almaty). */
  g_assert_true (jd_db_exec (db,
                             "INSERT INTO visitor (surname, given_name, birth_date, sex, occupation,"
                             " education, name_key, created_at, updated_at)"
                             " VALUES ('Сейітова', 'Аружан', '2008-11-30', 'female', 'university',"
                             " 'general_secondary', 'seitova aruzhan', 1, 1);"
                             "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                             " VALUES (1, 1795984200, 'university', 1, 1);",
                             &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT age FROM visit"), ==, 17);
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT age FROM visit"), ==, 18);
  /* 18–24 (band 1) * 3 + female (0). */
  g_assert_cmpint (query_int (db, "SELECT key FROM visit_summary WHERE kind = 1 AND n <> 0"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT utc_offset FROM time_zone_offset WHERE since <= 1709229599"
                                  " ORDER BY since DESC LIMIT 1"), ==, 6 * 3600);
  g_assert_cmpint (query_int (db, "SELECT utc_offset FROM time_zone_offset WHERE since <= 1709229600"
                                  " ORDER BY since DESC LIMIT 1"), ==, 5 * 3600);

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

/* v11 gives visitors, consultations and events a row version: rows of a
 * v10 file start at 1, and every later UPDATE moves it on by one. */
static void
test_row_version_upgrade (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  const JdMigration *migrations;
  guint n_migrations;

  migrations = jd_schema_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 11);
  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_CREATE, migrations, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_table_info ('visitor')"
                                  " WHERE name = 'row_version'"), ==, 0);
  g_assert_true (jd_db_exec (db,
                             "INSERT INTO visitor (surname, given_name, birth_date, sex, occupation,"
                             " name_key, created_at, updated_at)"
                             " VALUES ('Сейітова', 'Аружан', '2004-03-01', 'female', 'university',"
                             " 'seitova aruzhan', 1, 1),"
                             " ('Нұрланов', 'Болат', '2001-07-15', 'male', 'employed',"
                             " 'nurlanov bolat', 1, 1);"
                             "INSERT INTO consultation (visitor_id, service, started_at, duration_min,"
                             " outcome, created_at, updated_at)"
                             " VALUES (1, 'legal', 1, 30, 'resolved', 1, 1);"
                             "INSERT INTO event (title, kind, starts_at, ends_at, created_at, updated_at)"
                             " VALUES ('Квиз', 'quiz', 1, 2, 1, 1);",
                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, jd_db_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT sum (row_version) FROM visitor"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE row_version = 1"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT row_version FROM consultation"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT row_version FROM event"), ==, 1);

  /* Every writer moves it on, one row at a time; an UPDATE that sets it
   * itself is left alone. */
  g_assert_true (jd_db_exec (db, "UPDATE visitor SET notes = 'x' WHERE id = 2;"
                                 "UPDATE visitor SET notes = 'y' WHERE id = 2;"
                                 "UPDATE consultation SET topic = NULL;"
                                 "UPDATE event SET row_version = 7;", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT row_version FROM visitor WHERE id = 1"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT row_version FROM visitor WHERE id = 2"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT row_version FROM consultation"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT row_version FROM event"), ==, 7);
}

/* v7 rewrites the CHECK constraints' IN lists as OR chains: the rows
 * stay as they were, the rules stay the same, and no list of more than
 * two codes is left for SQLite to build a temporary index for. */
static void
test_unrolled_checks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(GRegex) in_list = g_regex_new ("\\w+ IN \\(('[^']*'(, )?){3,}\\)", 0, 0, NULL);
  g_autofree char *report = NULL;
  g_autofree char *sql = NULL;
  const JdMigration *migrations;
  guint n_migrations;
  JdStmt *stmt;

  migrations = jd_schema_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 7);
  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_CREATE, migrations, 6, &error);
  g_assert_no_error (error);
  sql = query_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'visitor'");
  g_assert_true (g_regex_match (in_list, sql, 0, NULL));
  g_assert_true (jd_db_exec (db,
                             "INSERT INTO visitor (surname, given_name, birth_date, sex, occupation,"
                             " education, name_key, created_at, updated_at)"
                             " VALUES ('Сейітова', 'Аружан', '2004-03-01', 'female', 'university',"
                             " 'general_secondary', 'seitova aruzhan', 1, 1)",
                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, n_migrations);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE occupation = 'university'"
                                  " AND education = 'general_secondary'"), ==, 1);

  stmt = jd_db_prepare (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'", &error);
  g_assert_nonnull (stmt);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      const char *text = jd_stmt_column_text (stmt, 1);

      if (g_regex_match (in_list, text, 0, NULL))
        g_error ("table %s still has an IN list: %s", jd_stmt_column_text (stmt, 0), text);
    }
  jd_stmt_reset (stmt);
  g_clear_pointer (&sql, g_free);
  sql = query_text (db, "SELECT sql FROM sqlite_schema WHERE name = 'visitor'");
  g_assert_nonnull (strstr (sql, "(occupation = 'school' OR occupation = 'college' OR "));
  g_assert_nonnull (strstr (sql, "sex IN ('female', 'male')"));

  /* The rules still hold: a code outside the list is refused, one in it
   * is taken. */
  g_assert_false (jd_db_exec (db, "UPDATE visitor SET occupation = 'pensioner'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (jd_db_exec (db, "UPDATE visitor SET education = 'doctorate'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (jd_db_exec (db, "UPDATE visitor SET occupation = 'not_seeking', education = NULL", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE occupation = 'not_seeking'"), ==, 1);

  g_assert_true (jd_db_check_integrity (db, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_null (report);
}

static void
test_migrate_failure (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;

  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_CREATE, test_v1, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_DEFAULT, test_v2_broken, 2, &error);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION);
  g_assert_null (db);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* All or nothing: the first statement of the failed step is undone. */
  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_DEFAULT, test_v1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_table_info('item')"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM item"), ==, 2);
}

static void
test_newer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
  before = file_checksum (f->path);

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NEWER_SCHEMA);
  g_assert_null (db);
  g_assert_nonnull (strstr (error->message, "99"));
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
assert_refused_untouched (Fixture    *f,
                          JdDbError   code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *before = file_checksum (f->path);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_error (error, JD_DB_ERROR, (int) code);
  g_assert_null (db);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "jastar.db"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_garbage (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  char garbage[8192];

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, garbage, sizeof garbage, NULL));

  assert_refused_untouched (f, JD_DB_ERROR_NOT_A_DATABASE);

  /* A text file, too (say a CSV chosen by mistake). */
  g_assert_true (g_file_set_contents (f->path, "surname;given_name\nАсанов;Ержан\n", -1, NULL));
  assert_refused_untouched (f, JD_DB_ERROR_NOT_A_DATABASE);
}

static void
test_foreign (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);

  g_mkdir_with_parents (dir, 0700);
  raw_exec (f->path, "CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT);"
                     "INSERT INTO songs (title) VALUES ('Менің Қазақстаным');");
  assert_refused_untouched (f, JD_DB_ERROR_FOREIGN);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE;");

  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  assert_refused_untouched (f, JD_DB_ERROR_READ_ONLY);

  /* Reading it is still allowed (checks and backups). */
  db = jd_db_open (f->path, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_clear_pointer (&db, jd_db_close);
  g_chmod (f->path, 0600);
}

static void
test_full (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *big = g_strnfill (200000, 'x');
  g_autofree char *pragma = NULL;
  g_autofree char *value = NULL;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_db_set_setting (db, "small", "kept", &error));

  /* The same SQLITE_FULL a full disk gives: no more pages to be had. */
  pragma = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                            query_int (db, "PRAGMA page_count"));
  g_assert_true (jd_db_exec (db, pragma, &error));

  g_assert_false (jd_db_set_setting (db, "big", big, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  /* Nothing half-written, and what was there is intact. */
  g_assert_null (jd_db_get_setting (db, "big"));
  value = jd_db_get_setting (db, "small");
  g_assert_cmpstr (value, ==, "kept");
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(JdDb) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copies", "backup.db", NULL);
  g_autofree char *part = g_strconcat (dest, ".part", NULL);
  g_autofree char *value = NULL;
  GStatBuf st;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_CODE, "ALM-07", &error));

  /* The database stays open and in use while it is copied. */
  g_assert_true (jd_db_backup (db, dest, &error));
  g_assert_no_error (error);
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_CODE, "ALM-08", &error));

  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  copy = jd_db_open (dest, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  value = jd_db_get_setting (copy, JD_SETTING_CENTRE_CODE);
  g_assert_cmpstr (value, ==, "ALM-07");
  g_assert_true (jd_db_check_integrity (copy, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* A backup into a place that cannot be written fails cleanly. */
  g_assert_false (jd_db_backup (db, "/proc/jastar/backup.db", &error));
  g_assert_nonnull (error);
}

static void
test_auto_backup (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *unrelated = NULL;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  dir = jd_db_backup_dir (db);
  g_assert_true (g_str_has_suffix (dir, "backups"));

  /* The administrator's own file in the folder is never removed. */
  g_mkdir_with_parents (dir, 0700);
  unrelated = g_build_filename (dir, "jastar-keep-me.db", NULL);
  g_assert_true (g_file_set_contents (unrelated, "mine", -1, NULL));

  for (guint day = 1; day <= 5; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new (jd_db_get_time_zone (NULL), 2026, 11, day, 9, 0, 0);
      g_autofree char *saved = jd_db_auto_backup (db, dir, 3, now, &error);
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (saved);

      /* Once a day. */
      again = jd_db_auto_backup (db, dir, 3, now, &error);
      g_assert_no_error (error);
      g_assert_null (again);
    }

  for (guint day = 1; day <= 5; day++)
    {
      g_autofree char *name = g_strdup_printf ("jastar-2026-11-%02u.db", day);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_file_test (path, G_FILE_TEST_EXISTS), ==, day >= 3);
    }
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));
}

/* Two desks starting on the same file at once (issue item 4): each runs
 * the start-up check and the daily backup, as the window does, on its
 * own connection, while a third keeps writing. */
static gboolean
daily_backup (const char  *db_path,
              GDateTime   *now,
              GError     **error)
{
  g_autofree char *saved = NULL;

  return jd_backup_daily (db_path, now, &saved, error);
}

/* Child: waits for the common start time (real time, µs), then runs the
 * daily backup for day @day of November 2026. */
static int
daily_child (const char *db_path,
             const char *day,
             const char *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, (int) g_ascii_strtoll (day, NULL, 10), 9, 0, 0);
  gint64 wait = g_ascii_strtoll (start, NULL, 10) - g_get_real_time ();

  if (wait > 0)
    g_usleep ((gulong) wait);
  if (!daily_backup (db_path, now, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  return 0;
}

typedef struct
{
  const char   *db_path;
  GDateTime    *now;
  gint64        start;
  GError       *error;
} DailyThread;

static gpointer
daily_thread (gpointer user_data)
{
  DailyThread *t = user_data;
  gint64 wait = t->start - g_get_real_time ();

  if (wait > 0)
    g_usleep ((gulong) wait);
  daily_backup (t->db_path, t->now, &t->error);
  return NULL;
}

typedef struct
{
  const char *db_path;
  gint        stop;
  guint       n_writes;
} Writer;

/* Another desk at work: small write transactions, one after another. */
static gpointer
writer_thread (gpointer user_data)
{
  Writer *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (w->db_path, JD_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  jd_db_act_as_system (db);
  while (!g_atomic_int_get (&w->stop))
    {
      g_autofree char *value = g_strdup_printf ("%u", w->n_writes);

      g_assert_true (jd_db_set_setting (db, "test.counter", value, &error));
      g_assert_no_error (error);
      w->n_writes++;
      g_usleep (2000);
    }
  return NULL;
}

/* A database big enough for a copy to take a while. */
static void
make_busy_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (jd_db_exec (db,
                             "CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB);"
                             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)"
                             " INSERT INTO filler (data) SELECT randomblob (2000) FROM n;",
                             &error));
  g_assert_no_error (error);
}

/* Today's copy exists exactly once, is a healthy database, and nothing
 * half-written is left beside it. */
static void
assert_one_daily_copy (const char *backup_dir,
                       guint       day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
  g_autofree char *name = g_strdup_printf ("jastar-2026-11-%02u.db", day);
  g_autofree char *path = g_build_filename (backup_dir, name, NULL);
  g_autoptr(JdDb) copy = NULL;
  const char *entry;
  guint n_daily = 0;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (strstr (entry, ".part") != NULL);
      if (g_str_has_prefix (entry, "jastar-2026-11-") && g_str_has_suffix (entry, ".db"))
        n_daily++;
    }
  g_assert_cmpuint (n_daily, ==, day);

  copy = jd_db_open (path, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_check_integrity (copy, FALSE, NULL, &error));
  g_assert_no_error (error);
}

static void
test_daily_two_threads (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *backup_dir = g_build_filename (f->dir, "sub", "backups", NULL);
  Writer writer = { f->path, 0, 0 };
  GThread *writing;

  make_busy_database (f->path);
  writing = g_thread_new ("writer", writer_thread, &writer);

  for (guint day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, day, 9, 0, 0);
      DailyThread t[2];
      GThread *threads[2];

      for (guint i = 0; i < 2; i++)
        {
          t[i] = (DailyThread) { f->path, now, g_get_real_time () + 50000, NULL };
          threads[i] = g_thread_new ("desk", daily_thread, &t[i]);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_thread_join (threads[i]);
          g_assert_no_error (t[i].error);
        }
      assert_one_daily_copy (backup_dir, day);
    }

  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (writing);
  g_assert_cmpuint (writer.n_writes, >, 0);
}

static void
test_daily_two_processes (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *backup_dir = g_build_filename (f->dir, "sub", "backups", NULL);
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  Writer writer = { f->path, 0, 0 };
  GThread *writing;

  make_busy_database (f->path);
  writing = g_thread_new ("writer", writer_thread, &writer);

  for (guint day = 1; day <= 10; day++)
    {
      g_autofree char *day_arg = g_strdup_printf ("%u", day);
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () + 200000);
      GSubprocess *children[2];

      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          children[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--daily",
                                          f->path, day_arg, start, NULL);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_true (g_subprocess_wait (children[i], NULL, &error));
          g_assert_no_error (error);
          g_assert_true (g_subprocess_get_if_exited (children[i]));
          g_assert_cmpint (g_subprocess_get_exit_status (children[i]), ==, 0);
          g_object_unref (children[i]);
        }
      assert_one_daily_copy (backup_dir, day);
    }

  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (writing);
}

/* Another program holds the file for longer than the busy timeout: the
 * start-up check and backup step aside instead of crying damage. */
static void
test_daily_while_locked (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 1, 9, 0, 0);
  g_autofree char *today = g_build_filename (f->dir, "sub", "backups", "jastar-2026-11-01.db", NULL);
  g_autofree char *saved = NULL;
  sqlite3 *holder = NULL;

  make_busy_database (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE;"
                                         "BEGIN EXCLUSIVE;"
                                         "DELETE FROM filler WHERE id = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (jd_backup_daily (f->path, now, &saved, &error));
  g_assert_no_error (error);
  g_assert_null (saved);
  g_assert_false (g_file_test (today, G_FILE_TEST_EXISTS));

  sqlite3_exec (holder, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (holder);

  /* Free again: the check passes and the copy is made. */
  g_assert_true (jd_backup_daily (f->path, now, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, today);
}

static gpointer
release_later (gpointer user_data)
{
  sqlite3 *holder = user_data;

  g_usleep (300000);
  g_assert_cmpint (sqlite3_exec (holder, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (holder);
  return NULL;
}

/* Another desk holds the file for a moment (opening it, closing it, a
 * write): opening it waits, as every statement does, instead of
 * failing at the first read with "busy" (issue item 4: the start-up
 * check and --backup of a second desk). */
static void
test_open_waits_for_lock (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  sqlite3 *holder = NULL;
  GThread *thread;

  make_busy_database (f->path);
  g_assert_cmpint (sqlite3_open (f->path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE;"
                                         "BEGIN EXCLUSIVE;"
                                         "DELETE FROM filler WHERE id = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("holder", release_later, holder);

  db = jd_db_open (f->path, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_thread_join (thread);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM filler"), ==, 3999);
}

static void
test_integrity (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *report = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_check_integrity (db, TRUE, &report, &error));
  g_assert_true (jd_db_check_integrity (db, FALSE, &report, &error));
  g_assert_null (report);
  g_assert_no_error (error);

  /* Enough rows for several pages of table and index. */
  g_assert_true (jd_db_exec (db,
                             "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)"
                             " INSERT INTO setting (key, value, created_at, updated_at)"
                             " SELECT 'key' || i, hex (randomblob (40)), 0, 0 FROM n",
                             &error));
  g_clear_pointer (&db, jd_db_close);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE;");

  /* Scribble over the middle of the file, as a failing disk would. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 16 * 4096);
  for (gsize i = len / 2; i < len / 2 + 3 * 4096; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT);
    }
  else
    {
      g_assert_false (jd_db_check_integrity (db, FALSE, &report, &error));
      g_assert_no_error (error);
      g_assert_nonnull (report);
      g_test_message ("%s", report);
    }
}

static void
test_corrupt_schema (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE;");

  /* Keep the 100-byte header, damage the schema on page 1. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  for (gsize i = 100; i < 4096; i++)
    contents[i] = (char) 0xA5;
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_true (g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT) ||
                 g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_NOT_A_DATABASE));
  g_test_message ("%s", error->message);
}

/* The child of test_crash_safety: registers visitors and checks them in
 * as fast as it can, printing each id once its transaction committed. */
static int
burst (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    return 2;
  jd_db_act_as_system (db);
  for (guint i = 0;; i++)
    {
      g_autoptr(JdVisitor) v = jd_visitor_new ();
      gint64 visit;

      v->surname = g_strdup ("Сынақов");
      v->given_name = g_strdup_printf ("Ерлан-%s", (const char *[]) { "Әли", "Бек", "Нұр", "Дос", "Ай" }[i % 5]);
      v->birth_date = g_strdup_printf ("%04u-%02u-%02u", 1995 + i % 10, 1 + i % 12, 1 + i % 28);
      v->sex = i % 2 ? JD_SEX_MALE : JD_SEX_FEMALE;
      v->phone = g_strdup_printf ("+7701%07u", i);
      v->district_code = g_strdup ("almaty-bostandyk");
      v->occupation = g_strdup ("employed");
      v->consent_given = TRUE;
      if (!jd_visitor_insert (db, v, &error))
        return 2;
      printf ("visitor %" G_GINT64_FORMAT "\n", v->id);
      fflush (stdout);
      visit = jd_visit_check_in (db, v->id, (const char *[]) { "career", NULL }, 0, &error);
      if (visit == 0)
        return 2;
      printf ("visit %" G_GINT64_FORMAT "\n", visit);
      fflush (stdout);
    }
  return 0;
}

/* SIGKILL in the middle of a burst of registrations and check-ins: the
 * file passes the full integrity check and every committed record is
 * there. */
static void
test_crash_safety (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GArray) visitors = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *report = NULL;
  guint n = 0;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--burst", f->path, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  while (n < 400)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      gint64 id;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (sscanf (line, "visitor %" G_GINT64_FORMAT, &id) == 1)
        g_array_append_val (visitors, id);
      else if (sscanf (line, "visit %" G_GINT64_FORMAT, &id) == 1)
        g_array_append_val (visits, id);
      n++;
    }
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_check_integrity (db, FALSE, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < visitors->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT,
                                              g_array_index (visitors, gint64, i));

      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
  for (guint i = 0; i < visits->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM visit WHERE id = %" G_GINT64_FORMAT,
                                              g_array_index (visits, gint64, i));

      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
  g_assert_cmpuint (visitors->len, >=, 199);
  /* Each visitor is whole: its search words went in with it. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor v WHERE NOT EXISTS"
                                  " (SELECT 1 FROM visitor_token t WHERE t.visitor_id = v.id)"), ==, 0);
}

/* A damaged file: a clear message, and a backup restored in its place. */
static void
test_corrupt_then_restore (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "good.db", NULL);
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *damaged = NULL;
  g_autofree char *report = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length;
  FILE *file;

  db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *key = g_strdup_printf ("filler.%u", i);

      g_assert_true (jd_db_set_setting (db, key, "Жастар орталығы — толтырғыш мәтін", NULL));
    }
  g_assert_true (jd_db_backup (db, backup, &error));
  g_assert_no_error (error);
  g_assert_true (jd_db_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL));
  g_clear_pointer (&db, jd_db_close);

  /* Garbage over pages in the middle, the header left alone. */
  file = fopen (f->path, "r+b");
  g_assert_nonnull (file);
  for (long page = 20; page < 60; page += 7)
    {
      char noise[4096];

      memset (noise, 0xA5, sizeof noise);
      fseek (file, page * 4096, SEEK_SET);
      fwrite (noise, 1, sizeof noise, file);
    }
  fclose (file);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  if (db != NULL)
    {
      /* Opened (the schema pages are intact): the check finds it. */
      g_assert_false (jd_db_check_integrity (db, FALSE, &report, &error));
      g_assert_no_error (error);
      g_assert_nonnull (report);
      g_clear_pointer (&db, jd_db_close);
    }
  else
    {
      g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }

  /* A garbage "backup" is refused and the file stays as it was. */
  g_assert_true (g_file_set_contents (garbage, "definitely not sqlite", -1, NULL));
  g_assert_true (g_file_get_contents (f->path, &before, &length, NULL));
  g_assert_false (jd_db_restore_file (f->path, garbage, &damaged, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (f->path, &after, &length, NULL));
  g_assert_true (memcmp (before, after, length) == 0);

  /* The good backup: restored, the damaged file kept aside. */
  g_assert_true (jd_db_restore_file (f->path, backup, &damaged, &error));
  g_assert_no_error (error);
  g_assert_nonnull (damaged);
  g_assert_true (g_file_test (damaged, G_FILE_TEST_EXISTS));
  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_check_integrity (db, FALSE, NULL, &error));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM setting WHERE key LIKE 'filler.%'"), ==, 3000);
}

/* Deleting a visit (undoing a check-in) makes SQLite look for the rows
 * that still name it: each of those lookups must be an index search, not
 * a read of the whole table. */
static void
test_visit_references_indexed (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  JdStmt *stmt;
  guint n_children = 0;

  g_assert_no_error (error);
  stmt = jd_db_prepare (db,
                        "SELECT m.name, p.\"from\" FROM sqlite_schema m"
                        " JOIN pragma_foreign_key_list (m.name) p"
                        " WHERE m.type = 'table' AND p.\"table\" = 'visit'",
                        &error);
  g_assert_no_error (error);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT 1 FROM %s WHERE %s = 1",
                                              jd_stmt_column_text (stmt, 0),
                                              jd_stmt_column_text (stmt, 1));
      JdStmt *explain = jd_db_prepare (db, g_intern_string (sql), &error);
      g_autoptr(GString) plan = g_string_new (NULL);

      g_assert_no_error (error);
      /* id, parent, notused, detail */
      while (jd_stmt_step (explain) == JD_STEP_ROW)
        g_string_append_printf (plan, "%s; ", jd_stmt_column_text (explain, 3));
      jd_stmt_reset (explain);

      /* visit_purpose, queue_entry, attendance, consultation */
      n_children++;
      g_test_message ("%s: %s", sql, plan->str);
      g_assert_nonnull (strstr (plan->str, "USING"));
      g_assert_null (strstr (plan->str, "SCAN"));
    }
  jd_stmt_reset (stmt);
  g_assert_cmpuint (n_children, ==, 4);
}

/* v12 fills visitor_month from the visits of a v11 file, by the
 * centre's months (Asia/Almaty, UTC+5): 18:30 UTC on 31 October is
 * 23:30 in October, 19:30 UTC is 00:30 on 1 November. Person 1 comes
 * then as NEET (not seeking, then unemployed seeking) and on 10
 * November employed; person 2 on 10 November. */
static void
test_visitor_month_upgrade (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  const JdMigration *migrations;
  guint n_migrations;
  JdStmt *stmt;
  const char *expected[] = { "202610 1 1 1", "202611 1 2 1", "202611 2 1 0" };
  guint n = 0;

  migrations = jd_schema_get_migrations (&n_migrations);
  g_assert_cmpuint (n_migrations, >=, 12);
  db = jd_db_open_with_migrations (f->path, JD_DB_OPEN_CREATE, migrations, 11, &error);
  g_assert_no_error (error);
  g_assert_true (jd_db_exec (db,
                             "INSERT INTO visitor (surname, given_name, birth_date, sex, occupation,"
                             " name_key, created_at, updated_at)"
                             " VALUES ('Сейітова', 'Аружан', '2004-03-01', 'female', 'not_seeking',"
                             " 'seitova aruzhan', 1, 1),"
                             " ('Нұрланов', 'Болат', '2001-07-15', 'male', 'employed',"
                             " 'nurlanov bolat', 1, 1);"
                             "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                             " VALUES (1, 1793471400, 'not_seeking', 1, 1),"
                             " (1, 1793475000, 'unemployed_seeking', 1, 1),"
                             " (1, 1794290400, 'employed', 1, 1),"
                             " (2, 1794290400, 'employed', 1, 1);",
                             &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, jd_db_close);

  db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, 12);
  stmt = jd_db_prepare (db, "SELECT month || ' ' || visitor_id || ' ' || visits || ' ' || neet_visits"
                            " FROM visitor_month ORDER BY month, visitor_id", &error);
  g_assert_no_error (error);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, expected[n]);
      n++;
    }
  jd_stmt_reset (stmt);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  /* Visits, NEET visits, people, NEET people. */
  g_assert_cmpint (query_int (db, "SELECT visits * 1000 + neet_visits * 100 + visitors * 10 + neet_visitors"
                                  " FROM month_total WHERE month = 202610"), ==, 1111);
  g_assert_cmpint (query_int (db, "SELECT visits * 1000 + neet_visits * 100 + visitors * 10 + neet_visitors"
                                  " FROM month_total WHERE month = 202611"), ==, 3121);

  /* The triggers keep it from then on. */
  g_assert_true (jd_db_exec (db, "DELETE FROM visit WHERE id = 3;"
                                 "UPDATE visit SET occupation = 'employed' WHERE id = 2;", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT visits * 10 + neet_visits FROM visitor_month"
                                  " WHERE month = 202611 AND visitor_id = 1"), ==, 10);
  /* Person 1's November NEET visit is no longer NEET: 2 visits, no
   * NEET, 2 people, no NEET person. */
  g_assert_cmpint (query_int (db, "SELECT visits * 1000 + neet_visits * 100 + visitors * 10 + neet_visitors"
                                  " FROM month_total WHERE month = 202611"), ==, 2020);
  g_assert_true (jd_db_check_integrity (db, FALSE, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--burst"))
    return burst (argv[2]);
  if (argc == 5 && g_str_equal (argv[1], "--daily"))
    return daily_child (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/jd/db/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create", test_create);
  ADD ("visit-references-indexed", test_visit_references_indexed);
  ADD ("reopen", test_reopen);
  ADD ("migrate", test_migrate);
  ADD ("migrate-failure", test_migrate_failure);
  ADD ("unrolled-checks", test_unrolled_checks);
  ADD ("centre-time-zone-upgrade", test_centre_time_zone_upgrade);
  ADD ("row-version-upgrade", test_row_version_upgrade);
  ADD ("visitor-month-upgrade", test_visitor_month_upgrade);
  ADD ("refuse-newer", test_newer);
  ADD ("refuse-garbage", test_garbage);
  ADD ("refuse-foreign", test_foreign);
  ADD ("refuse-read-only", test_read_only);
  ADD ("disk-full", test_full);
  ADD ("backup", test_backup);
  ADD ("auto-backup", test_auto_backup);
  ADD ("daily-two-threads", test_daily_two_threads);
  ADD ("daily-two-processes", test_daily_two_processes);
  ADD ("daily-while-locked", test_daily_while_locked);
  ADD ("open-waits-for-lock", test_open_waits_for_lock);
  ADD ("integrity", test_integrity);
  ADD ("corrupt-schema", test_corrupt_schema);
  ADD ("crash-safety", test_crash_safety);
  ADD ("corrupt-then-restore", test_corrupt_then_restore);

#undef ADD

  return g_test_run ();
}
