/* cli-helpers.h: running the real jastar-desk binary in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "jd-db.h"
#include "jd-settings.h"
#include "jd-staff.h"

#include "engine-helpers.h"

/* A private folder for the program's files, made in main(). */
static char *tmp_dir;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static inline void
run_program (Run        *run,
             const char *first_arg,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("JD_BINARY");
  const char *arg;
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT,
                               NULL, NULL, &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static inline char *
make_db (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_NAME, "Алмалы жастар орталығы", &error));
  return path;
}

/* make_db () on the engine of the run: a new centre, named, where
 * --database finds it (a file, or a database of the server's). */
static inline char *
make_centre (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  char *where = test_db_location_new_in (tmp_dir, name);

  db = jd_db_open (where, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_NAME, "Алмалы жастар орталығы", &error));
  g_assert_no_error (error);
  return where;
}

/* Removes tmp_dir and everything in it. */
static inline void
remove_tmp_dir (void)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_clear_pointer (&tmp_dir, g_free);
}
