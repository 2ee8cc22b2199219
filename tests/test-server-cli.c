/* test-server-cli.c: a server named with --database is a server, never
 * a file, on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

/* Nothing listens on port 1 of this machine. */
#define NOWHERE_URI "postgresql://nobody@127.0.0.1:1/x"
#define NOWHERE_WORDS "host=127.0.0.1 port=1 dbname=x user=nobody"

/* Runs the program in an empty folder of its own and checks that it
 * fails with the plain message and leaves the folder empty: nothing
 * named like the server was made. */
static void assert_unreachable_in (char **envp, const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

static void
assert_unreachable_va (char       **envp,
                       const char  *first_arg,
                       va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *folder = g_dir_make_tmp ("jd-server-cli-XXXXXX", &error);
  g_autofree char *out = NULL, *err = NULL;
  const char *binary = g_getenv ("JD_BINARY");
  const char *arg;
  int wait_status = 0;

  g_assert_no_error (error);
  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (folder, (char **) argv->pdata, envp, G_SPAWN_DEFAULT,
                               NULL, NULL, &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);
  g_assert_nonnull (strstr (err, "Nothing answers at 127.0.0.1:1."));
  g_assert_cmpstr (out, ==, "");

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
assert_unreachable_in (char       **envp,
                       const char  *first_arg,
                       ...)
{
  va_list args;

  va_start (args, first_arg);
  assert_unreachable_va (envp, first_arg, args);
  va_end (args);
}

static void assert_unreachable (const char *first_arg, ...) G_GNUC_NULL_TERMINATED;

static void
assert_unreachable (const char *first_arg,
                    ...)
{
  va_list args;

  va_start (args, first_arg);
  assert_unreachable_va (NULL, first_arg, args);
  va_end (args);
}

static void
test_check (void)
{
  assert_unreachable ("--database", NOWHERE_URI, "--check", NULL);
  assert_unreachable ("--database", NOWHERE_WORDS, "--check", NULL);
}

static void
test_other_actions (void)
{
  assert_unreachable ("--database", NOWHERE_URI, "--backup", "copy.db", NULL);
  assert_unreachable ("--database", NOWHERE_URI, "--export", "visits", "--from", "2026-01-01",
                      "--to", "2026-01-31", "--output", "visits.csv", NULL);
  assert_unreachable ("--database", NOWHERE_URI, "--demo-data", "10", NULL);
}

/* Settings kept in a key file of @config (GSettings' keyfile backend):
 * the tests' memory backend keeps nothing between processes. */
static char **
environ_with_settings (const char *config,
                       const char *data,
                       const char *kind)
{
  g_autofree char *dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char **envp = g_get_environ ();

  contents = g_strdup_printf ("[kz/jastar/Desk]\n"
                              "database-kind='%s'\n"
                              "server-host='127.0.0.1'\n"
                              "server-port=1\n"
                              "server-database='x'\n"
                              "server-user='nobody'\n", kind);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, contents, -1, &error));
  g_assert_no_error (error);

  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config, TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data, TRUE);
  return envp;
}

static void
remove_tree (const char *path)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", path);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

/* Without --database every action opens what Preferences chose, like
 * the window: a server there is a server (never this computer's file,
 * which is not made). */
static void
test_settings_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("jd-server-cli-home-XXXXXX", &error);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *file = g_build_filename (data, "jastar-desk", "jastar.db", NULL);
  g_auto(GStrv) envp = NULL;

  g_assert_no_error (error);
  envp = environ_with_settings (config, data, "server");
  assert_unreachable_in (envp, "--check", NULL);
  assert_unreachable_in (envp, "--backup", "copy.db", NULL);
  assert_unreachable_in (envp, "--export", "visits", "--from", "2026-01-01", "--to", "2026-01-31",
                         "--output", "visits.csv", NULL);
  assert_unreachable_in (envp, "--copy-to", "copy.db", NULL);
  assert_unreachable_in (envp, "--import", "visitors", "people.csv", NULL);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (data, G_FILE_TEST_EXISTS));
  remove_tree (home);
}

/* This computer's file when Preferences say so: --check looks for it
 * (and, never opened by the window yet, does not find it). */
static void
test_settings_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("jd-server-cli-home-XXXXXX", &error);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *file = g_build_filename (data, "jastar-desk", "jastar.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  const char *argv[] = { g_getenv ("JD_BINARY"), "--check", NULL };
  g_auto(GStrv) envp = NULL;
  int wait_status = 0;

  g_assert_no_error (error);
  envp = environ_with_settings (config, data, "file");
  g_assert_true (g_spawn_sync (home, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_null (strstr (err, "127.0.0.1"));
  g_assert_nonnull (strstr (err, "There is no database at"));
  g_assert_nonnull (strstr (err, file));
  remove_tree (home);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-cli/check", test_check);
  g_test_add_func ("/server-cli/other-actions", test_other_actions);
  g_test_add_func ("/server-cli/settings-server", test_settings_server);
  g_test_add_func ("/server-cli/settings-file", test_settings_file);

  return g_test_run ();
}
