/* test-hostile.c: every probe of a hostile user or a busy centre that once
 * lost or bent data (issue "Trust"), kept as a case so it stays fixed.
 * The real program is run where it can be; core calls where a probe needs
 * timing the command line cannot give.
 *
 * Each area keeps its cases and its registrations in its own section.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli-helpers.h"
#include "db-helpers.h"

/* ------------------------------------------------------------------ */
/* Output files and opening databases                                  */
/* ------------------------------------------------------------------ */

/* end of output files and opening databases */

/* ------------------------------------------------------------------ */
/* Import                                                              */
/* ------------------------------------------------------------------ */

/* end of import */

/* ------------------------------------------------------------------ */
/* Backups, restore and deletion                                       */
/* ------------------------------------------------------------------ */

#include <gio/gio.h>

#include "jd-backup.h"

/* Two desks back up the same file to the same place at the same moment
 * with the real program, ten times: both succeed, the copy is a healthy
 * database, and no half-written file is left (each once removed the
 * other's "<copy>.part" under it). */
static void
hostile_backup_two_programs (void)
{
  g_autofree char *db_path = make_db ("two-programs.db");
  g_autofree char *dest = g_build_filename (tmp_dir, "two-programs-copy.db", NULL);
  const char *binary = g_getenv ("JD_BINARY");

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JdDb) db = jd_db_open (db_path, JD_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (jd_db_exec (db,
                               "CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB);"
                               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                               " WHERE i < 4000) INSERT INTO filler (data) SELECT randomblob (2000) FROM n;",
                               &error));
    g_assert_no_error (error);
  }

  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(GDir) dir = NULL;
      g_autoptr(JdDb) copy = NULL;
      g_autoptr(GError) error = NULL;
      GSubprocess *programs[2];
      const char *entry;

      for (guint i = 0; i < 2; i++)
        {
          programs[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                          &error, binary, "--database", db_path, "--backup", dest, NULL);
          g_assert_no_error (error);
        }
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *err = NULL;

          g_assert_true (g_subprocess_communicate_utf8 (programs[i], NULL, NULL, NULL, &err, &error));
          g_assert_no_error (error);
          g_test_message ("round %u, program %u: %s", round, i, err);
          g_assert_true (g_subprocess_get_if_exited (programs[i]));
          g_assert_cmpint (g_subprocess_get_exit_status (programs[i]), ==, 0);
          g_object_unref (programs[i]);
        }

      copy = jd_db_open (dest, JD_DB_OPEN_READ_ONLY, &error);
      g_assert_no_error (error);
      g_assert_true (jd_db_check_integrity (copy, FALSE, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (query_int (copy, "SELECT count(*) FROM filler"), ==, 4000);

      dir = g_dir_open (tmp_dir, 0, NULL);
      while ((entry = g_dir_read_name (dir)) != NULL)
        g_assert_null (strstr (entry, ".part"));
    }
}

/* A desk that died while making the day's copy leaves its lock file
 * behind: the next start still makes the copy (the lock went with the
 * process). */
static void
hostile_daily_after_crash (void)
{
  g_autofree char *db_path = make_db ("crashed-desk.db");
  g_autofree char *folder = g_build_filename (tmp_dir, "backups", NULL);
  g_autofree char *lock = g_build_filename (folder, ".jastar-daily.lock", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 22, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = g_build_filename (folder, "jastar-2026-03-22.db", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (lock, "", 0, NULL));
  g_assert_true (jd_backup_daily (db_path, now, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, expected);
}

/* end of backups, restore and deletion */

/* ------------------------------------------------------------------ */
/* Figures, days and the centre's time zone                            */
/* ------------------------------------------------------------------ */

/* end of figures */

/* ------------------------------------------------------------------ */
/* Demo data                                                           */
/* ------------------------------------------------------------------ */

#include "jd-demo.h"

/* A newcomer signs in as each role with what the terminal printed, and
 * finds a centre that keeps the app's rules: consultations by the
 * specialist of their service, every event check-in a visit that day. */
static void
test_demo_is_a_faithful_centre (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *path = g_build_filename (tmp_dir, "demo-faithful.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  const JdDemoAccount *accounts;
  guint n_accounts;

  run_program (&run, "--database", path, "--demo-data", "1000", "--seed", "9", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, JD_DEMO_PASSWORD));

  db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  accounts = jd_demo_accounts (&n_accounts);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(JdStaff) staff = NULL;

      g_assert_nonnull (strstr (run.out, accounts[i].login));
      staff = jd_staff_sign_in (db, accounts[i].login, JD_DEMO_PASSWORD, &error);
      g_assert_no_error (error);
      g_assert_nonnull (staff);
      jd_staff_sign_out (db);
    }
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT role) FROM staff"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consultation c WHERE NOT EXISTS"
                                  " (SELECT 1 FROM staff_service s"
                                  "  WHERE s.staff_id = c.specialist_id AND s.service = c.service)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance WHERE visitor_id IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance a JOIN event e ON e.id = a.event_id"
                                  " WHERE a.visitor_id IS NOT NULL AND NOT EXISTS"
                                  " (SELECT 1 FROM visit t WHERE t.visitor_id = a.visitor_id"
                                  "  AND date (t.time_in, 'unixepoch', 'localtime')"
                                  "   = date (e.starts_at, 'unixepoch', 'localtime'))"), ==, 0);
}

/* A centre that set up its administrator has real staff: demo data
 * stays out of it, and says so. */
static void
test_demo_refuses_a_set_up_centre (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *path = g_build_filename (tmp_dir, "demo-set-up.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;

  {
    g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);

    g_assert_no_error (error);
    admin = jd_staff_set_up_centre (db, "Медеу жастар орталығы", "Әсел Нұрланқызы", "asel",
                                    "Qwerty123", &error);
    g_assert_no_error (error);
  }

  run_program (&run, "--database", path, "--demo-data", "50", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, !=, "");
  {
    g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 0);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff"), ==, 1);
  }
}

/* end of demo data */

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("jd-hostile-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  /* Output files and opening databases. */

  /* Import. */

  /* Backups, restore and deletion. */
  g_test_add_func ("/jd/hostile/backup/two-programs-one-file", hostile_backup_two_programs);
  g_test_add_func ("/jd/hostile/backup/daily-after-crash", hostile_daily_after_crash);

  /* Figures. */

  /* Demo data. */
  g_test_add_func ("/jd/hostile/demo/faithful-centre", test_demo_is_a_faithful_centre);
  g_test_add_func ("/jd/hostile/demo/refuses-set-up-centre", test_demo_refuses_a_set_up_centre);

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
