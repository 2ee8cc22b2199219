/* test-cli-workbook.c: --import visitors FILE.xlsx [--sheet NAME]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The round trip of issue 19: visitors exported as a workbook, saved
 * again by LibreOffice, imported back with nobody lost.
 */
#include "config.h"

#include <string.h>

#include "cli-helpers.h"
#include "db-helpers.h"
#include "engine-helpers.h"

/* run_clear () leaves the pointers, which g_auto () frees again. */
static void
run_reset (Run *run)
{
  run_clear (run);
  run->out = run->err = NULL;
}

/* Everyone, in an order that does not depend on the ids. */
static const char everyone[] =
  "SELECT count(*) || ':' || ifnull (group_concat (p, ';'), '') FROM ("
  " SELECT surname || '|' || given_name || '|' || birth_date || '|' || sex || '|' ||"
  " ifnull (iin, '') || '|' || ifnull (phone, '') || '|' || occupation AS p"
  " FROM visitor WHERE anonymised_at IS NULL ORDER BY p)";

static char *
people_of (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  jd_db_act_as_system (db);
  return query_text (db, everyone);
}

static void
import_into (const char *db,
             const char *book,
             const char *expected)
{
  g_auto (Run) run = { 0 };

  run_program (&run, "--database", db, "--import", "visitors", book, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, expected));
  g_assert_nonnull (strstr (run.out, "Rejected: 0."));
}

static void
test_round_trip (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *db = test_db_location_new_in (tmp_dir, "centre.db");
  g_autofree char *copy = make_centre ("copy.db");
  g_autofree char *again = make_centre ("again.db");
  g_autofree char *book = g_build_filename (tmp_dir, "visitors.xlsx", NULL);
  g_autofree char *saved_dir = g_build_filename (tmp_dir, "saved", NULL);
  g_autofree char *saved = g_build_filename (saved_dir, "visitors.xlsx", NULL);
  g_autofree char *profile = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");

  run_program (&run, "--database", db, "--demo-data", "150", "--seed", "7", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_reset (&run);
  run_program (&run, "--database", db, "--export", "visitors", "--from", "2000-01-01", "--to",
               "2100-12-31", "--output", book, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_reset (&run);

  /* Our own workbook, back. */
  import_into (copy, book, "Imported: 150.");
  before = people_of (db);
  after = people_of (copy);
  g_assert_true (g_str_has_prefix (before, "150:"));
  g_assert_cmpstr (after, ==, before);

  /* Edited in LibreOffice: opened and saved again as .xlsx. */
  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed");
      return;
    }
  profile = g_strdup_printf ("-env:UserInstallation=file://%s/lo-profile", tmp_dir);
  {
    const char *argv[] = { soffice, profile, "--headless", "--convert-to", "xlsx", "--outdir",
                           saved_dir, book, NULL };
    g_autoptr(GError) error = NULL;
    int wait_status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL |
                                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status,
                                 &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  g_assert_true (g_file_test (saved, G_FILE_TEST_IS_REGULAR));
  import_into (again, saved, "Imported: 150.");
  g_free (after);
  after = people_of (again);
  g_assert_cmpstr (after, ==, before);
}

/* --sheet: the sheet by its name; a wrong name lists the sheets there are. */
static void
test_sheet (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *db = make_centre ("sheets.db");
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "centre.xlsx", NULL);
  g_autofree char *book = g_build_filename (tmp_dir, "centre.xlsx", NULL);
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  g_assert_true (g_file_set_contents (book, text, (gssize) length, NULL));

  run_program (&run, "--database", db, "--import", "visitors", book, "--sheet", "Лист1", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Nothing was imported"));
  g_assert_nonnull (strstr (run.err, "“Пусто”, “Посетители”, “Ещё”"));
  run_reset (&run);

  run_program (&run, "--database", db, "--import", "visitors", book, "--sheet", "Ещё", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported: 1. Already registered, skipped: 0. Rejected: 0."));
  run_reset (&run);

  /* No name: the first sheet with anything in it; one row is rejected,
   * into a workbook beside the file. */
  run_program (&run, "--database", db, "--import", "visitors", book, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "Imported: 3. Already registered, skipped: 0. Rejected: 1."));
  g_assert_nonnull (strstr (run.out, "centre-rejected.xlsx"));
}

/* A workbook protected with a password, and a broken one: bad input,
 * said in plain words, nothing imported. */
static void
test_refused (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *db = make_centre ("refused.db");
  g_autofree char *locked = g_build_filename (tmp_dir, "locked.xlsx", NULL);
  g_autofree char *broken = g_build_filename (tmp_dir, "broken.xlsx", NULL);
  /* The signature of an OLE compound file, which is what Excel saves an
   * encrypted workbook in; nothing readable after it. */
  static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not a real compound file";

  g_assert_true (g_file_set_contents (locked, ole, sizeof ole - 1, NULL));
  g_assert_true (g_file_set_contents (broken, "PK\003\004 broken", -1, NULL));

  run_program (&run, "--database", db, "--import", "visitors", locked, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "protected with a password"));
  run_reset (&run);
  run_program (&run, "--database", db, "--import", "visitors", broken, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "damaged"));
  {
    g_autofree char *people = people_of (db);

    g_assert_true (g_str_has_prefix (people, "0:"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/cli-workbook/round-trip", test_round_trip);
  g_test_add_func ("/jd/cli-workbook/sheet", test_sheet);
  g_test_add_func ("/jd/cli-workbook/refused", test_refused);

  status = g_test_run ();

  remove_tmp_dir ();
  return status;
}
