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
static void
assert_unreachable (const char *first_arg,
                    ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *folder = g_dir_make_tmp ("jd-server-cli-XXXXXX", &error);
  g_autofree char *out = NULL, *err = NULL;
  const char *binary = g_getenv ("JD_BINARY");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_no_error (error);
  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (folder, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-cli/check", test_check);
  g_test_add_func ("/server-cli/other-actions", test_other_actions);

  return g_test_run ();
}
