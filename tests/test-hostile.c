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

/* The rejects file cannot be written (here a folder has its name): the
 * list of rows to fix would be lost, so nobody is imported and the
 * message says why. */
static void
test_import_rejects_unwritable (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *db_path = make_db ("import-rejects.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "full-disk.csv", NULL);
  g_autofree char *rejects = g_build_filename (tmp_dir, "full-disk-rejected.csv", NULL);

  g_assert_true (g_file_set_contents (csv,
                                      "Surname;Given name;Date of birth;Sex;District;Occupation\n"
                                      "Әбенова;Әлия;2001-03-08;Female;Medeu district;Employed\n"
                                      "Малов;Тимур;2020-01-01;Male;Almaly district;School\n",
                                      -1, NULL));
  g_assert_cmpint (g_mkdir (rejects, 0700), ==, 0);

  run_program (&run, "--database", db_path, "--import", "visitors", csv, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "full-disk-rejected.csv"));
  g_assert_true (g_file_test (rejects, G_FILE_TEST_IS_DIR));

  db = jd_db_open (db_path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 0);
}

/* A file that is no list of visitors is bad input (exit 1), as README
 * says, whatever is wrong with it. */
static void
test_import_unusable_file (void)
{
  const char *files[] = { "PK\x03\x04\x14\x00 binary", "", "x;y;z\n1;2;3\n" };
  g_autofree char *db_path = make_db ("import-unusable.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "unusable.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(Run) run = { 0 };

      g_assert_true (g_file_set_contents (csv, files[i], i == 0 ? 12 : -1, NULL));
      run_program (&run, "--database", db_path, "--import", "visitors", csv, NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "Nothing was imported"));
    }
}

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
  g_test_add_func ("/jd/hostile/import/rejects-unwritable", test_import_rejects_unwritable);
  g_test_add_func ("/jd/hostile/import/unusable-file", test_import_unusable_file);

  /* Backups, restore and deletion. */

  /* Figures. */

  /* Demo data. */

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
