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

#include <signal.h>
#include <unistd.h>

/* A demo centre made by the real program, as a centre would. */
static char *
make_demo_db (const char *folder,
              const char *name,
              const char *n_visitors)
{
  g_auto(Run) run = { 0 };
  char *path;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  path = g_build_filename (folder, name, NULL);
  run_program (&run, "--database", path, "--demo-data", n_visitors, "--seed", "9", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return path;
}

static gint64
count_rows (const char *db_path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (db_path, JD_DB_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  return query_int (db, sql);
}

static void
export_to (Run        *run,
           const char *db_path,
           const char *output)
{
  run_program (run, "--database", db_path, "--export", "visitors", "--from", "2000-01-01",
               "--to", "2100-12-31", "--output", output, NULL);
}

/* --export --output onto the database renamed the report over it and
 * said "rows written": everything was gone. Every way of naming the
 * database, its working files or a backup is refused (exit 1), and the
 * data is still there. */
static void
test_output_not_the_database (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "protect", NULL);
  g_autofree char *db = make_demo_db (folder, "centre.db", "20");
  g_autofree char *elsewhere = g_build_filename (tmp_dir, "protect-links", NULL);
  g_autofree char *backups = g_build_filename (folder, "backups", NULL);
  g_autofree char *backup = g_build_filename (backups, "jastar-2026-01-01.db", NULL);
  g_autofree char *dotted = g_build_filename (folder, ".", "..", "protect", "centre.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autofree char *journal = g_strconcat (db, "-journal", NULL);
  g_autofree char *sym = g_build_filename (elsewhere, "report.csv", NULL);
  g_autofree char *dangling = g_build_filename (elsewhere, "later.csv", NULL);
  g_autofree char *hard = g_build_filename (elsewhere, "hard.csv", NULL);
  g_autofree char *folder_link = g_build_filename (elsewhere, "db-folder", NULL);
  g_autofree char *via_folder_link = g_build_filename (folder_link, "centre.db", NULL);
  g_autofree char *in_backups = g_build_filename (backups, "report.csv", NULL);
  gint64 visitors = count_rows (db, "SELECT count(*) FROM visitor");
  const char *targets[] = { db, dotted, wal, shm, journal, sym, dangling, hard, via_folder_link,
                            backup, in_backups };
  g_auto(Run) run = { 0 };

  g_assert_cmpint (visitors, ==, 20);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  g_assert_cmpint (symlink (db, sym), ==, 0);
  g_assert_cmpint (symlink (wal, dangling), ==, 0);
  g_assert_cmpint (link (db, hard), ==, 0);
  g_assert_cmpint (symlink (folder, folder_link), ==, 0);
  run_program (&run, "--database", db, "--backup", backup, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      export_to (&run, db, targets[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_null (strstr (run.out, "written"));
      g_assert_nonnull (strstr (run.err, "Choose another"));
      run_clear (&run);
      g_assert_cmpint (count_rows (db, "SELECT count(*) FROM visitor"), ==, visitors);
      g_assert_cmpint (count_rows (backup, "SELECT count(*) FROM visitor"), ==, visitors);
    }

  /* A backup goes to the backups folder, never onto the database. */
  for (guint i = 0; i < 6; i++)
    {
      run_program (&run, "--database", db, "--backup", targets[i], NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "Choose another"));
      run_clear (&run);
      g_assert_cmpint (count_rows (db, "SELECT count(*) FROM visitor"), ==, visitors);
    }

  /* A report beside it is fine. */
  {
    g_autofree char *fine = g_build_filename (folder, "visitors.csv", NULL);

    export_to (&run, db, fine);
    g_assert_cmpint (run.status, ==, 0);
  }
}

/* --import writes the rejected rows to "<name>-rejected.csv" beside the
 * file read: a database of that name was replaced by them. */
static void
test_rejects_not_the_database (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "rejects", NULL);
  g_autofree char *db = make_demo_db (folder, "people-rejected.csv", "10");
  g_autofree char *input = g_build_filename (folder, "people.csv", NULL);
  g_auto(Run) run = { 0 };

  g_assert_true (g_file_set_contents (input, "Surname;Given name;Date of birth\r\n"
                                             "Ахметова;Айгерим;1890-01-01\r\n", -1, NULL));
  run_program (&run, "--database", db, "--import", "visitors", input, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "Choose another"));
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM visitor"), ==, 10);
}

/* A zero-byte or missing file given to the command line became a new,
 * empty database ("0 rows written", exit 0). Only the window's first
 * run and --demo-data make a database: an empty file is a data error
 * (exit 2) and stays as it was; a missing one is bad input (exit 1) and
 * is not made. */
static void
test_empty_or_missing_database (void)
{
  g_autofree char *empty = g_build_filename (tmp_dir, "zero.db", NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "nowhere", "missing.db", NULL);
  g_autofree char *out = g_build_filename (tmp_dir, "empty-out.csv", NULL);
  g_autofree char *copy = g_build_filename (tmp_dir, "empty-copy.db", NULL);
  g_autofree char *input = g_build_filename (tmp_dir, "empty-people.csv", NULL);
  const char *files[] = { empty, missing };
  const int expected[] = { 2, 1 };

  g_assert_true (g_file_set_contents (input, "Surname;Given name;Date of birth\r\n", -1, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      const char *path = files[i];
      g_auto(Run) check = { 0 };
      g_auto(Run) backup = { 0 };
      g_auto(Run) export = { 0 };
      g_auto(Run) import = { 0 };
      gsize length = 1;
      g_autofree char *contents = NULL;

      run_program (&check, "--database", path, "--check", NULL);
      run_program (&backup, "--database", path, "--backup", copy, NULL);
      export_to (&export, path, out);
      run_program (&import, "--database", path, "--import", "visitors", input, NULL);
      g_assert_cmpint (check.status, ==, expected[i]);
      g_assert_cmpint (backup.status, ==, expected[i]);
      g_assert_cmpint (export.status, ==, expected[i]);
      g_assert_cmpint (import.status, ==, expected[i]);
      if (i == 0)
        {
          g_assert_nonnull (strstr (check.err, "is empty, not a Jastar Desk database"));
          g_assert_nonnull (strstr (export.err, "is empty, not a Jastar Desk database"));
          g_assert_null (strstr (check.err, "older version"));
          g_assert_true (g_file_get_contents (empty, &contents, &length, NULL));
          g_assert_cmpuint (length, ==, 0);
        }
      else
        {
          g_assert_nonnull (strstr (check.err, "There is no database"));
          g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
        }
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
    }
}

/* The names in @folder that start with a dot: what an export hides. */
static char *
hidden_files (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GString *names = g_string_new (NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] == '.')
      g_string_append_printf (names, "%s ", name);
  return g_string_free (names, FALSE);
}

/* Whether a hidden file in @folder already holds data. */
static gboolean
hidden_file_written (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      GStatBuf st;

      if (name[0] == '.' && g_stat (path, &st) == 0 && st.st_size > 0)
        return TRUE;
    }
  return FALSE;
}

/* Starts an export of every visit into @output and kills it (SIGKILL)
 * once its temporary file holds rows. */
static void
kill_export (const char *db,
             const char *output)
{
  g_autofree char *folder = g_path_get_dirname (output);

  for (guint attempt = 0; attempt < 30; attempt++)
    {
      const char *argv[] = { g_getenv ("JD_BINARY"), "--database", db, "--export", "visits",
                             "--from", "2000-01-01", "--to", "2100-12-31", "--output", output, NULL };
      g_autoptr(GError) error = NULL;
      GPid pid;
      int wait_status = 0;
      gboolean killed = FALSE;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                    G_SPAWN_STDERR_TO_DEV_NULL,
                                    NULL, NULL, &pid, &error));
      g_assert_no_error (error);
      while (waitpid (pid, &wait_status, WNOHANG) == 0)
        {
          if (hidden_file_written (folder))
            {
              kill (pid, SIGKILL);
              g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
              killed = WIFSIGNALED (wait_status);
              break;
            }
          g_usleep (200);
        }
      g_spawn_close_pid (pid);
      if (killed && hidden_file_written (folder))
        return;
      /* It finished first: the machine was quicker than the poll. */
      g_unlink (output);
    }
  g_assert_not_reached ();
}

/* A killed export left hidden temporary files with names and visits
 * (".goutputstream-*") that nothing removed. The next export into that
 * folder, and the next start on a database in that folder, clear what a
 * killed export left, and nothing else stays behind. */
static void
test_killed_export_leaves_nothing (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "killed", NULL);
  g_autofree char *db = make_demo_db (folder, "centre.db", "3000");
  g_autofree char *reports = g_build_filename (tmp_dir, "killed-reports", NULL);
  g_autofree char *output = g_build_filename (reports, "visits.csv", NULL);
  g_autofree char *beside = g_build_filename (folder, "visits.csv", NULL);
  g_autofree char *left = NULL;
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (reports, 0700), ==, 0);

  /* The next export into the same folder. */
  kill_export (db, output);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  export_to (&run, db, output);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  left = hidden_files (reports);
  g_assert_cmpstr (left, ==, "");
  g_clear_pointer (&left, g_free);

  /* The next start on the database in that folder (here: --check). */
  kill_export (db, beside);
  run_program (&run, "--database", db, "--check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  left = hidden_files (folder);
  g_assert_cmpstr (left, ==, "");
}

/* Runs the program through "sh -c": @setup first (a ulimit, say), then
 * @wrapper (a command that runs another) with the program and @args. */
static void
run_program_with (Run         *run,
                  const char  *setup,
                  const char  *wrapper,
                  const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *script = g_strdup_printf ("%s exec %s \"$0\" \"$@\"", setup, wrapper);
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) "/bin/sh");
  g_ptr_array_add (argv, (gpointer) "-c");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) g_getenv ("JD_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

/* A full disk during an XLSX export: libxlsxwriter wrote a worksheet cut
 * short and called the workbook complete (exit 0), or printed its own
 * "Usually a permissions error". A file size limit (ulimit -f, with
 * SIGXFSZ ignored) fails writes with EFBIG as a full disk fails them
 * with ENOSPC: the export fails in plain words (exit 2) and leaves no
 * file at all. */
static void
test_xlsx_disk_full (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "full", NULL);
  g_autofree char *db = make_demo_db (folder, "centre.db", "400");
  g_autofree char *reports = g_build_filename (tmp_dir, "full-reports", NULL);
  g_autofree char *book = g_build_filename (reports, "visits.xlsx", NULL);
  g_autofree char *left = NULL;
  const char *args[] = { "--database", db, "--export", "visits", "--from", "2000-01-01",
                         "--to", "2100-12-31", "--output", book, NULL };
  g_auto(Run) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (reports, 0700), ==, 0);
  /* 64 blocks of 512 bytes: the database is only read, its worksheet
   * is larger than that. */
  run_program_with (&run, "trap '' XFSZ; ulimit -f 64;", "", args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "The disk is full"));
  g_assert_null (strstr (run.err, "Usually"));
  g_assert_null (strstr (run.out, "written"));
  g_assert_false (g_file_test (book, G_FILE_TEST_EXISTS));
  left = hidden_files (reports);
  g_assert_cmpstr (left, ==, "");
}

/* --check and --backup only read, yet failed on a healthy database in a
 * folder the user cannot write ("cannot be written"). Run as another
 * user ("nobody", through setpriv) when the tests run as root, whom
 * permissions do not stop. */
static void
test_read_only_folder (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "read-only", NULL);
  g_autofree char *db = make_demo_db (folder, "centre.db", "30");
  g_autofree char *out = g_build_filename (tmp_dir, "read-only-out", NULL);
  g_autofree char *copy = g_build_filename (out, "copy.db", NULL);
  const char *check[] = { "--database", db, "--check", NULL };
  const char *backup[] = { "--database", db, "--backup", copy, NULL };
  const char *wrapper = "";
  g_auto(Run) run = { 0 };

  if (geteuid () == 0)
    {
      if (!g_file_test ("/usr/bin/setpriv", G_FILE_TEST_IS_EXECUTABLE))
        {
          g_test_skip ("Running as root without setpriv to run as another user");
          return;
        }
      wrapper = "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups";
      /* "nobody" goes through the private temporary folder. */
      g_assert_cmpint (g_chmod (tmp_dir, 0711), ==, 0);
    }
  g_assert_cmpint (g_mkdir_with_parents (out, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out, 0777), ==, 0);
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  g_assert_cmpint (g_chmod (folder, 0555), ==, 0);

  run_program_with (&run, "", wrapper, check);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "is healthy"));
  run_clear (&run);
  run_program_with (&run, "", wrapper, backup);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (g_chmod (folder, 0700), ==, 0);
  g_assert_cmpint (g_chmod (tmp_dir, 0700), ==, 0);
  g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM visitor"), ==, 30);
}

/* README says backups are on the audit trail; --backup was not. */
static void
test_backup_audited (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "audited", NULL);
  g_autofree char *db = make_demo_db (folder, "centre.db", "10");
  g_autofree char *copy = g_build_filename (folder, "copy.db", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'backup' "
                                          "AND target = 'database' AND detail = '%s' "
                                          "AND coalesce (staff_id, 0) = 0", copy);
  g_auto(Run) run = { 0 };

  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit WHERE action = 'backup'"), ==, 0);
  run_program (&run, "--database", db, "--backup", copy, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (count_rows (db, sql), ==, 1);
  /* The copy is the database as it was before the note. */
  g_assert_cmpint (count_rows (copy, "SELECT count(*) FROM audit WHERE action = 'backup'"), ==, 0);
}

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
  g_test_add_func ("/jd/hostile/output/not-the-database", test_output_not_the_database);
  g_test_add_func ("/jd/hostile/output/rejects-not-the-database", test_rejects_not_the_database);
  g_test_add_func ("/jd/hostile/output/empty-or-missing-database", test_empty_or_missing_database);
  g_test_add_func ("/jd/hostile/output/killed-export", test_killed_export_leaves_nothing);
  g_test_add_func ("/jd/hostile/output/xlsx-disk-full", test_xlsx_disk_full);
  g_test_add_func ("/jd/hostile/output/read-only-folder", test_read_only_folder);
  g_test_add_func ("/jd/hostile/output/backup-audited", test_backup_audited);

  /* Import. */

  /* Backups, restore and deletion. */

  /* Figures. */

  /* Demo data. */

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
