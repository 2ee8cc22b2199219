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

  /* Figures. */

  /* Demo data. */
  g_test_add_func ("/jd/hostile/demo/faithful-centre", test_demo_is_a_faithful_centre);
  g_test_add_func ("/jd/hostile/demo/refuses-set-up-centre", test_demo_refuses_a_set_up_centre);

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
