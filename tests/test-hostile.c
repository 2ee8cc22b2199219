/* test-hostile.c: every probe of a hostile user or a busy centre that once
 * lost or bent data (issue "Trust"), kept as a case so it stays fixed.
 * The real program is run where it can be; core calls where a probe needs
 * timing the command line cannot give.
 *
 * Each area keeps its cases and its registrations in its own section.
 * The program runs on an SQLite file (suite 'cli') and on the centre
 * server (hostile-on-server, suite 'pg'); cases about the database file
 * itself skip on the server (engine-helpers.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cli-helpers.h"
#include "db-helpers.h"
#include "engine-helpers.h"

/* ------------------------------------------------------------------ */
/* Output files and opening databases                                  */
/* ------------------------------------------------------------------ */

#include <signal.h>
#include <unistd.h>

/* A demo centre made by the real program, as a centre would: the file
 * @name in @folder, or on the server a database of its own (the folder
 * is made all the same, for what the test writes beside it). */
static char *
make_demo_db (const char *folder,
              const char *name,
              const char *n_visitors)
{
  g_auto(Run) run = { 0 };
  char *path;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  path = test_db_location_new_in (folder, name);
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
  if (test_skip_on_server ("About output paths naming the database file and its working files"))
    return;

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
  if (test_skip_on_server ("About a rejects file named like the database file"))
    return;

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
  if (test_skip_on_server ("About an empty or missing database file"))
    return;

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
  g_auto(Run) export = { 0 };
  g_auto(Run) check = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (reports, 0700), ==, 0);

  /* The next export into the same folder. */
  kill_export (db, output);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  export_to (&export, db, output);
  g_assert_cmpint (export.status, ==, 0);
  left = hidden_files (reports);
  g_assert_cmpstr (left, ==, "");
  g_clear_pointer (&left, g_free);

  /* A database on the server is in no folder of the desk's. */
  if (test_engine_is_server ())
    return;

  /* The next start on the database in that folder (here: --check). */
  kill_export (db, beside);
  run_program (&check, "--database", db, "--check", NULL);
  g_assert_cmpint (check.status, ==, 0);
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
  /* On the server only the copy is a file of the desk's. */
  if (!test_engine_is_server ())
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

/* The rejects file cannot be written (here a folder has its name): the
 * list of rows to fix would be lost, so nobody is imported and the
 * message says why. */
static void
test_import_rejects_unwritable (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *db_path = make_centre ("import-rejects.db");
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
  g_autofree char *db_path = make_centre ("import-unusable.db");
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

#include <gio/gio.h>

#include "jd-backup.h"

/* Two desks back up the same file to the same place at the same moment
 * with the real program, ten times: both succeed, the copy is a healthy
 * database, and no half-written file is left (each once removed the
 * other's "<copy>.part" under it). */
static void
hostile_backup_two_programs (void)
{
  g_autofree char *db_path = NULL;
  g_autofree char *dest = g_build_filename (tmp_dir, "two-programs-copy.db", NULL);
  const char *binary = g_getenv ("JD_BINARY");

  if (test_skip_on_server ("About two programs copying one database file"))
    return;
  db_path = make_db ("two-programs.db");

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
  g_autofree char *db_path = NULL;
  g_autofree char *folder = g_build_filename (tmp_dir, "backups", NULL);
  g_autofree char *lock = g_build_filename (folder, ".jastar-daily.lock", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 22, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = g_build_filename (folder, "jastar-2026-03-22.db", NULL);

  if (test_skip_on_server ("About the daily backups of the database file"))
    return;
  db_path = make_db ("crashed-desk.db");
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (lock, "", 0, NULL));
  g_assert_true (jd_backup_daily (db_path, now, &saved, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, expected);
}

/* A backup or a restore's working copy killed half-way is a copy of
 * everyone, with SQLite's journal beside it: the next start removes both
 * (and a journal left alone), and keeps what is not ours. */
static void
hostile_killed_copy_leaves_nothing (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *folder = g_build_filename (tmp_dir, "killed-copy", NULL);
  g_autofree char *db_path = NULL;
  const char *stale[] = { ".jastar-export-a1b2c3.part", ".jastar-export-a1b2c3.part-journal",
                          ".jastar-export-d4e5f6.part-wal", ".jastar-export-d4e5f6.part-shm" };
  g_autofree char *other = g_build_filename (folder, "notes-journal", NULL);

  if (test_skip_on_server ("About what a killed copy left beside the database file"))
    return;
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  db_path = make_db ("killed-copy/jastar.db");
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *path = g_build_filename (folder, stale[i], NULL);

      g_assert_true (g_file_set_contents (path, "Әбенова Әлия 2001-03-08", -1, NULL));
    }
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));

  run_program (&run, "--database", db_path, "--check", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (stale); i++)
    {
      g_autofree char *path = g_build_filename (folder, stale[i], NULL);

      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

/* end of backups, restore and deletion */

/* ------------------------------------------------------------------ */
/* Figures, days and the centre's time zone                            */
/* ------------------------------------------------------------------ */

#include <time.h>

#include "jd-visit.h"
#include "jd-visitor.h"

/* A centre in Almaty (the default zone), made and read on a machine
 * whose clock zone is @machine_tz: the same rows, the same clock. */
static gint64
utc_time (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static void
figures_sql (JdDb       *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static gint64
figures_visitor (JdDb       *db,
                 const char *surname,
                 const char *birth,
                 JdSex       sex,
                 const char *district,
                 const char *occupation,
                 gint64      registered)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) v = g_new0 (JdVisitor, 1);
  g_autofree char *sql = NULL;

  v->surname = g_strdup (surname);
  v->given_name = g_strdup ("Тест");
  v->birth_date = g_strdup (birth);
  v->sex = sex;
  v->district_code = g_strdup (district);
  v->occupation = g_strdup (occupation);
  v->language = g_strdup ("kk");
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE visitor SET created_at = %" G_GINT64_FORMAT " WHERE id = %"
                         G_GINT64_FORMAT, registered, v->id);
  figures_sql (db, sql);
  return v->id;
}

static void
figures_visit (JdDb   *db,
               gint64  visitor,
               gint64  when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jd_visit_check_in (db, visitor, (const char *[]) { "leisure", NULL }, when, &error),
                   >, 0);
  g_assert_no_error (error);
}

/* November 2026 in Almaty (UTC+5): Aigerim turns 18 on the 30th and
 * comes at 20:30 UTC on the 29th (01:30 on the 30th in Almaty); Bolat
 * registered at 20:00 UTC on 31 October (1 November in Almaty); Dana
 * is 36 on the day of her visit; Erlan's visit lost its sex and his
 * district is not known (an old import). */
static char *
figures_centre (const char *name)
{
  g_autofree char *path = make_centre (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, 0, &error);
  gint64 aigerim, bolat, dana, erlan;

  g_assert_no_error (error);
  jd_db_act_as_system (db);
  aigerim = figures_visitor (db, "Ахметова", "2008-11-30", JD_SEX_FEMALE, "almaty-medeu", "not_seeking",
                             utc_time (2026, 11, 10, 12, 0));
  bolat = figures_visitor (db, "Беков", "2000-05-05", JD_SEX_MALE, "almaty-auezov", "employed",
                           utc_time (2026, 10, 31, 20, 0));
  dana = figures_visitor (db, "Дәулетова", "1995-01-01", JD_SEX_FEMALE, "almaty-medeu", "employed",
                          utc_time (2026, 1, 5, 6, 0));
  erlan = figures_visitor (db, "Ержанов", "2000-01-01", JD_SEX_MALE, "almaty-auezov", "employed",
                           utc_time (2026, 1, 5, 6, 0));
  figures_sql (db, "UPDATE visitor SET birth_date = '1990-01-01' WHERE surname = 'Дәулетова'");
  figures_visit (db, aigerim, utc_time (2026, 11, 29, 20, 30));
  figures_visit (db, bolat, utc_time (2026, 11, 16, 5, 0));
  figures_visit (db, dana, utc_time (2026, 11, 16, 6, 0));
  figures_visit (db, erlan, utc_time (2026, 11, 16, 7, 0));
  figures_sql (db, "UPDATE visitor SET district_id = NULL WHERE surname = 'Ержанов'");
  figures_sql (db, "UPDATE visit SET sex = NULL WHERE visitor_id IN"
                   " (SELECT id FROM visitor WHERE surname = 'Ержанов')");
  return g_steal_pointer (&path);
}

/* In the summary CSV, the value in @column of row @item of the table
 * titled @title (0 when absent), and the sum of that column over the
 * table's rows but its total row. */
static guint
figures_value (char       **lines,
               const char  *title,
               const char  *item,
               guint        column,
               guint       *column_sum)
{
  gboolean in_table = FALSE, at_start = TRUE, past_heading = FALSE;
  guint value = 0;

  *column_sum = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      const char *line = g_strchomp (lines[i]);

      if (*line == '\0')
        {
          in_table = FALSE;
          at_start = TRUE;
          continue;
        }
      if (at_start)
        {
          /* The first line after an empty one is a table's title. */
          at_start = FALSE;
          in_table = g_str_equal (line, title);
          past_heading = FALSE;
          continue;
        }
      if (!in_table)
        continue;
      cells = g_strsplit (line, ";", -1);
      if (!past_heading)
        {
          /* A note, then the headings. */
          past_heading = g_strv_length (cells) > 1;
          continue;
        }
      if (g_strv_length (cells) <= column || g_str_equal (cells[0], "Total"))
        continue;
      *column_sum += (guint) g_ascii_strtoull (cells[column], NULL, 10);
      if (item != NULL && g_str_equal (cells[0], item))
        value = (guint) g_ascii_strtoull (cells[column], NULL, 10);
    }
  return value;
}

/* The summary without the line saying when it was made. */
static char *
figures_without_made_at (const char *summary)
{
  g_auto(GStrv) lines = g_strsplit (summary, "\n", -1);
  g_autoptr(GString) kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "Made at;"))
      g_string_append_printf (kept, "%s\n", lines[i]);
  return g_string_free (g_steal_pointer (&kept), FALSE);
}

static char *
figures_export (const char *db,
                const char *kind,
                const char *name)
{
  g_auto(Run) run = { 0 };
  g_autofree char *out = g_build_filename (tmp_dir, name, NULL);
  char *text = NULL;

  run_program (&run, "--database", db, "--export", kind, "--from", "2026-11-01", "--to", "2026-11-30",
               "--delimiter", ";", "--output", out, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  return text;
}

/* Issue 11 and 12: the same database and the same clock give the same
 * November on a machine in UTC, in Almaty and in New York, counted in
 * the centre's days; and every breakdown of the summary export adds up
 * to its total. */
static void
test_figures_centre_days (void)
{
  const char *zones[] = { "UTC", "Asia/Almaty", "America/New_York" };
  g_autofree char *first_summary = NULL;
  g_autofree char *first_visits = NULL;
  g_autofree char *saved_tz = g_strdup (g_getenv ("TZ"));
  g_autofree char *saved_lc = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));

  /* The labels below are the untranslated ones. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autofree char *name = g_strdup_printf ("figures-%u.db", z);
      g_autofree char *summary_name = g_strdup_printf ("figures-summary-%u.csv", z);
      g_autofree char *visits_name = g_strdup_printf ("figures-visits-%u.csv", z);
      g_autofree char *db = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *visits = NULL;
      g_auto(GStrv) lines = NULL;
      guint total, sum, unused;

      g_test_message ("machine zone %s", zones[z]);
      g_setenv ("TZ", zones[z], TRUE);
      tzset ();
      db = figures_centre (name);
      summary = figures_export (db, "summary", summary_name);
      visits = figures_export (db, "visits", visits_name);
      lines = g_strsplit (summary, "\n", -1);

      total = figures_value (lines, "Headline figures", "Visits", 1, &unused);
      g_assert_cmpuint (total, ==, 4);
      g_assert_cmpuint (figures_value (lines, "Headline figures", "New registrations", 1, &unused), ==, 2);
      /* Aigerim is 18 on her visit day, Bolat and Erlan 26, Dana 36. */
      g_assert_cmpuint (figures_value (lines, "Age band: visits and people", "18–24", 1, &sum), ==, 1);
      g_assert_cmpuint (figures_value (lines, "Age band: visits and people", "14–17", 1, &sum), ==, 0);
      g_assert_cmpuint (figures_value (lines, "Age band: visits and people", "25–29", 1, &sum), ==, 2);
      g_assert_cmpuint (figures_value (lines, "Age band: visits and people", "Other ages", 1, &sum), ==, 1);
      g_assert_cmpuint (sum, ==, total);
      /* One visit each: as many people as visits in every row. */
      g_assert_cmpuint (figures_value (lines, "Age band: visits and people", "25–29", 2, &sum), ==, 2);
      g_assert_cmpuint (sum, ==, total);
      g_assert_cmpuint (figures_value (lines, "Sex: visits and people", "Female", 1, &sum), ==, 2);
      g_assert_cmpuint (figures_value (lines, "Sex: visits and people", "Not given", 1, &sum), ==, 1);
      g_assert_cmpuint (sum, ==, total);
      g_assert_cmpuint (figures_value (lines, "District: visits and people", "Not given", 1, &sum), ==, 1);
      g_assert_cmpuint (sum, ==, total);
      figures_value (lines, "NEET status: visits and people", NULL, 1, &sum);
      g_assert_cmpuint (sum, ==, total);
      g_assert_nonnull (strstr (summary, "Period;November 2026\r\n"));

      /* The visit at 20:30 UTC on the 29th is on the 30th, at 01:30. */
      g_assert_nonnull (strstr (visits, "2026-11-30;01:30"));
      g_assert_null (strstr (visits, "2026-11-29"));

      /* The same report but for the minute it was made. */
      {
        char *kept = figures_without_made_at (summary);

        g_free (summary);
        summary = kept;
      }
      if (z == 0)
        {
          first_summary = g_steal_pointer (&summary);
          first_visits = g_steal_pointer (&visits);
        }
      else
        {
          g_assert_cmpstr (summary, ==, first_summary);
          g_assert_cmpstr (visits, ==, first_visits);
        }
    }
  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
  if (saved_lc != NULL)
    g_setenv ("LC_ALL", saved_lc, TRUE);
  else
    g_unsetenv ("LC_ALL");
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
}

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
  g_autofree char *path = test_db_location_new_in (tmp_dir, "demo-faithful.db");
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
  g_autofree char *path = test_db_location_new_in (tmp_dir, "demo-set-up.db");
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
  g_test_add_func ("/jd/hostile/output/not-the-database", test_output_not_the_database);
  g_test_add_func ("/jd/hostile/output/rejects-not-the-database", test_rejects_not_the_database);
  g_test_add_func ("/jd/hostile/output/empty-or-missing-database", test_empty_or_missing_database);
  g_test_add_func ("/jd/hostile/output/killed-export", test_killed_export_leaves_nothing);
  g_test_add_func ("/jd/hostile/output/xlsx-disk-full", test_xlsx_disk_full);
  g_test_add_func ("/jd/hostile/output/read-only-folder", test_read_only_folder);
  g_test_add_func ("/jd/hostile/output/backup-audited", test_backup_audited);

  /* Import. */
  g_test_add_func ("/jd/hostile/import/rejects-unwritable", test_import_rejects_unwritable);
  g_test_add_func ("/jd/hostile/import/unusable-file", test_import_unusable_file);

  /* Backups, restore and deletion. */
  g_test_add_func ("/jd/hostile/backup/two-programs-one-file", hostile_backup_two_programs);
  g_test_add_func ("/jd/hostile/backup/daily-after-crash", hostile_daily_after_crash);
  g_test_add_func ("/jd/hostile/backup/killed-copy", hostile_killed_copy_leaves_nothing);

  /* Figures. */
  g_test_add_func ("/jd/hostile/figures/centre-days", test_figures_centre_days);

  /* Demo data. */
  g_test_add_func ("/jd/hostile/demo/faithful-centre", test_demo_is_a_faithful_centre);
  g_test_add_func ("/jd/hostile/demo/refuses-set-up-centre", test_demo_refuses_a_set_up_centre);

  status = g_test_run ();
  remove_tmp_dir ();
  return status;
}
