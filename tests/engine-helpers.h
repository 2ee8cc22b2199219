/* engine-helpers.h: "a new database" from the engine of the run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The domain tests run twice: on an SQLite file (suite 'core') and, with
 * JD_TEST_ENGINE=postgresql in the environment (suite 'pg', under
 * pg_virtualenv, see test.sh), on the centre server. A test names the
 * file it would use; on the server that name stands for a database of
 * its own, jd_test_PID_N, made on first use from the PG* environment and
 * dropped when the test program exits.
 *
 *   g_autofree char *where = test_db_location_new (path);  (fresh)
 *   JdDb *db = jd_db_open (where, JD_DB_OPEN_CREATE, &error);
 *   …
 *   g_autofree char *again = test_db_location (path);      (the same one)
 *
 * Tests about files themselves (copies, a missing or replaced file, a
 * file's migrations) call test_skip_on_server () first.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "pg-helpers.h"

/* Whether this run is on the centre server. */
static inline gboolean
test_engine_is_server (void)
{
  return g_strcmp0 (g_getenv ("JD_TEST_ENGINE"), "postgresql") == 0;
}

/* Skips the current test on the server, saying why; TRUE when skipped. */
static inline gboolean
test_skip_on_server (const char *why)
{
  if (!test_engine_is_server ())
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

/* file path → database name, for this process */
static GHashTable *test_engine_databases;

static void
test_engine_drop_all (void)
{
  GHashTableIter iter;
  gpointer name;

  if (test_engine_databases == NULL)
    return;
  g_hash_table_iter_init (&iter, test_engine_databases);
  while (g_hash_table_iter_next (&iter, NULL, &name))
    test_pg_drop_database (name);
  g_clear_pointer (&test_engine_databases, g_hash_table_unref);
}

static inline char *
test_engine_conninfo (const char *name)
{
  return g_strdup_printf ("dbname=%s application_name=jastar-desk-tests", name);
}

/* Where jd_db_open () finds the database the test calls @path: @path
 * itself on a file; on the server the database made for @path by an
 * earlier call (or a new one). */
static inline char *
test_db_location (const char *path)
{
  const char *name;

  if (!test_engine_is_server ())
    return g_strdup (path);
  if (g_getenv ("PGHOST") == NULL)
    {
      /* The whole program is skipped (meson's exit code for it). */
      g_printerr ("JD_TEST_ENGINE=postgresql needs a server: run under pg_virtualenv (see test.sh)\n");
      exit (77);
    }
  if (test_engine_databases == NULL)
    test_engine_databases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  name = g_hash_table_lookup (test_engine_databases, path);
  if (name == NULL)
    {
      static gboolean registered;
      char *made = test_pg_create_database ();

      g_hash_table_insert (test_engine_databases, g_strdup (path), made);
      name = made;
      /* After libpq's first connection, so that this runs before
       * OpenSSL's own clean-up at exit (the last registered runs first). */
      if (!registered)
        atexit (test_engine_drop_all);
      registered = TRUE;
    }
  return test_engine_conninfo (name);
}

/* The same, but always a new, empty database: the file is removed, or
 * the server's database for @path dropped and made again. */
static inline char *
test_db_location_new (const char *path)
{
  if (!test_engine_is_server ())
    {
      g_remove (path);
      return g_strdup (path);
    }
  if (test_engine_databases != NULL)
    {
      const char *name = g_hash_table_lookup (test_engine_databases, path);

      if (name != NULL)
        test_pg_drop_database (name);
      g_hash_table_remove (test_engine_databases, path);
    }
  return test_db_location (path);
}

/* test_db_location () of the file @name in the folder @dir: what a
 * command-line test passes as --database. */
static inline char *
test_db_location_in (const char *dir,
                     const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return test_db_location (path);
}

/* test_db_location_new () of the file @name in the folder @dir. */
static inline char *
test_db_location_new_in (const char *dir,
                         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return test_db_location_new (path);
}

/* Drops the server's database for the file @path (closed already), or
 * nothing on a file: a test's teardown, so the server does not gather
 * one database per test until the program ends. */
static inline void
test_db_forget (const char *path)
{
  const char *name;

  if (test_engine_databases == NULL)
    return;
  name = g_hash_table_lookup (test_engine_databases, path);
  if (name != NULL)
    test_pg_drop_database (name);
  g_hash_table_remove (test_engine_databases, path);
}

/* test_db_forget () of the file @name in the folder @dir. */
static inline void
test_db_forget_in (const char *dir,
                   const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  test_db_forget (path);
}
