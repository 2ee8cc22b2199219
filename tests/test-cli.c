/* test-cli.c: the jastar-desk command line, run as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli-helpers.h"
#include "engine-helpers.h"
#include "jd-settings.h"

/* Where --database finds @name, new and empty. */
static char *
new_location (const char *name)
{
  return test_db_location_new_in (tmp_dir, name);
}

static void
test_version (void)
{
  g_auto(Run) run = { 0 };

  run_program (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "jastar-desk " PACKAGE_VERSION "\n");
}

static void
test_bad_options (void)
{
  g_auto(Run) unknown = { 0 };
  g_auto(Run) extra = { 0 };
  g_auto(Run) empty = { 0 };
  g_auto(Run) missing_value = { 0 };

  run_program (&unknown, "--frobnicate", NULL);
  g_assert_cmpint (unknown.status, ==, 1);
  g_assert_nonnull (strstr (unknown.err, "frobnicate"));

  run_program (&extra, "--check", "stray.db", NULL);
  g_assert_cmpint (extra.status, ==, 1);
  g_assert_nonnull (strstr (extra.err, "stray.db"));

  run_program (&empty, "--database", "", "--check", NULL);
  g_assert_cmpint (empty.status, ==, 1);

  run_program (&missing_value, "--backup", NULL);
  g_assert_cmpint (missing_value.status, ==, 1);
}

static void
test_check (void)
{
  g_autofree char *path = make_centre ("check.db");
  g_autofree char *garbage = g_build_filename (tmp_dir, "garbage.db", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.db", NULL);
  g_auto(Run) healthy = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) absent = { 0 };

  run_program (&healthy, "--database", path, "--check", NULL);
  g_assert_cmpint (healthy.status, ==, 0);
  g_assert_nonnull (strstr (healthy.out, "healthy"));

  if (test_engine_is_server ())
    {
      /* A database the server does not have: nothing made. */
      run_program (&absent, "--database", "dbname=jd_test_no_such_centre", "--check", NULL);
      g_assert_cmpint (absent.status, ==, 1);
      g_assert_nonnull (strstr (absent.err, "jd_test_no_such_centre"));
      return;
    }

  g_assert_true (g_file_set_contents (garbage, "this is not a database, just text\n", -1, NULL));
  run_program (&bad, "--database", garbage, "--check", NULL);
  g_assert_cmpint (bad.status, ==, 2);
  g_assert_nonnull (strstr (bad.err, "not a Jastar Desk database"));

  run_program (&absent, "--database", missing, "--check", NULL);
  g_assert_cmpint (absent.status, ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_backup (void)
{
  g_autofree char *path = make_centre ("source.db");
  g_autofree char *dest = g_build_filename (tmp_dir, "out", "copy.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) copy = NULL;
  g_autofree char *name = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) to_dir = { 0 };

  run_program (&run, "--database", path, "--backup", dest, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "copy.db"));

  copy = jd_db_open (dest, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  name = jd_db_get_setting (copy, JD_SETTING_CENTRE_NAME);
  g_assert_cmpstr (name, ==, "Алмалы жастар орталығы");

  run_program (&to_dir, "--database", path, "--backup", tmp_dir, NULL);
  g_assert_cmpint (to_dir.status, ==, 1);
}

/* --export and --import exactly as DESIGN.md has them, for scheduled
 * exports: exit 0, 1 for bad input. */
static void
test_export_import (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *db = new_location ("export.db");
  /* Import fills a database that exists (the window's first run or
   * --demo-data make one). */
  g_autofree char *copy = make_centre ("imported.db");
  g_autofree char *visits = g_build_filename (tmp_dir, "visits.csv", NULL);
  g_autofree char *people = g_build_filename (tmp_dir, "people.csv", NULL);
  g_autofree char *text = NULL;

  run_program (&run, "--database", db, "--demo-data", "200", "--seed", "4", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_program (&run, "--database", db, "--export", "visits", "--from", "2000-01-01", "--to", "2100-12-31",
               "--output", visits, "--delimiter", ",", "--anonymize", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (visits, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Date,Time in,"));
  g_assert_null (strstr (text, "Surname"));
  run_clear (&run);

  run_program (&run, "--database", db, "--export", "guests", "--from", "2000-01-01", "--to", "2100-12-31",
               "--output", visits, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_program (&run, "--database", db, "--export", "visits", "--from", "2000-01-01", "--output", visits, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_program (&run, "--database", db, "--export", "visits", "--from", "31.12.2100", "--to", "2000-01-01",
               "--output", visits, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_program (&run, "--database", db, "--export", "visits", "--from", "2000-01-01", "--to", "2100-12-31",
               "--output", visits, "--delimiter", "|", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);

  /* A name ending in .xlsx: an Excel workbook (a zip file), which has no
   * delimiter to choose. */
  {
    g_autofree char *book = g_build_filename (tmp_dir, "visits.xlsx", NULL);
    g_autofree char *head = NULL;
    gsize length = 0;

    run_program (&run, "--database", db, "--export", "visits", "--from", "2000-01-01", "--to", "2100-12-31",
                 "--output", book, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (book, &head, &length, NULL));
    g_assert_cmpuint (length, >, 4);
    g_assert_cmpmem (head, 4, "PK\003\004", 4);
    run_clear (&run);
    run_program (&run, "--database", db, "--export", "visits", "--from", "2000-01-01", "--to", "2100-12-31",
                 "--output", book, "--delimiter", ",", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, ".xlsx"));
    run_clear (&run);
  }

  /* Everyone into a new file, counted. */
  run_program (&run, "--database", db, "--export", "visitors", "--from", "2000-01-01", "--to", "2100-12-31",
               "--output", people, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_program (&run, "--database", copy, "--import", "visitors", people, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Imported: 200."));
  run_clear (&run);
  run_program (&run, "--database", copy, "--import", "visitors", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_program (&run, "--database", copy, "--import", "events", people, NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* The summary report: CSV, a workbook of one sheet per table, and a PDF
 * (only of the summary, and with no delimiter). */
static void
test_export_summary (void)
{
  g_auto (Run) run = { 0 };
  g_autofree char *db = new_location ("summary.db");
  g_autofree char *csv = g_build_filename (tmp_dir, "summary.csv", NULL);
  g_autofree char *book = g_build_filename (tmp_dir, "summary.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (tmp_dir, "summary.pdf", NULL);
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  g_autofree char *text = NULL;
  gsize length = 0;

  run_program (&run, "--database", db, "--demo-data", "200", "--seed", "5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_program (&run, "--database", db, "--export", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
               "--output", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Report on the centre's work\r\nCentre;"));
  g_assert_nonnull (strstr (text, "\r\nPeriod;01.01.2026 – 31.12.2026\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\r\nHeadline figures\r\nFigure;Number;Share\r\n"));
  g_clear_pointer (&text, g_free);
  run_clear (&run);

  run_program (&run, "--database", db, "--export", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
               "--output", book, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (book, &text, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (text, 4, "PK\003\004", 4);
  g_clear_pointer (&text, g_free);
  run_clear (&run);
  if (unzip != NULL)
    {
      const char *argv[] = { "unzip", "-l", book, NULL };
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      /* The title sheet and nine tables. */
      g_assert_nonnull (strstr (text, "xl/worksheets/sheet10.xml"));
      g_assert_null (strstr (text, "xl/worksheets/sheet11.xml"));
      g_clear_pointer (&text, g_free);
    }

  /* PDF: the summary only, without a delimiter. */
  run_program (&run, "--database", db, "--export", "visits", "--from", "2026-01-01", "--to", "2026-12-31",
               "--output", pdf, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "PDF"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  run_clear (&run);
  run_program (&run, "--database", db, "--export", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
               "--output", pdf, "--delimiter", ";", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_program (&run, "--database", db, "--export", "summary", "--from", "2026-01-01", "--to", "2026-12-31",
               "--output", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
  g_assert_cmpuint (length, >, 5);
  g_assert_cmpmem (text, 5, "%PDF-", 5);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/cli/version", test_version);
  g_test_add_func ("/jd/cli/bad-options", test_bad_options);
  g_test_add_func ("/jd/cli/check", test_check);
  g_test_add_func ("/jd/cli/backup", test_backup);
  g_test_add_func ("/jd/cli/export-import", test_export_import);
  g_test_add_func ("/jd/cli/export-summary", test_export_summary);

  status = g_test_run ();

  remove_tmp_dir ();
  return status;
}
