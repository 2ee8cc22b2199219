/* centre-helpers.h: a centre in a private folder, for the core tests of
 * reports and imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "jd-db.h"
#include "jd-staff.h"
#include "engine-helpers.h"

/* A private folder for the test's files, made in main(). */
static char *tmp_dir;

static inline char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* Where the test's database @name is (engine-helpers.h): a file in
 * tmp_dir, or a database of its own on the server. */
static inline char *
db_location (const char *name)
{
  g_autofree char *path = tmp_path (name);

  return test_db_location (path);
}

/* The same, new and empty. */
static inline char *
db_location_new (const char *name)
{
  g_autofree char *path = tmp_path (name);

  return test_db_location_new (path);
}

/* A new centre with its administrator signed in, in tmp_dir. */
static inline JdDb *
open_centre (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  g_autofree char *where = NULL;
  g_autoptr(JdStaff) admin = NULL;
  JdDb *db;

  where = test_db_location_new (path);
  db = jd_db_open (where, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (db, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  return db;
}

/* The whole of a file, which must exist. */
static inline char *
contents (const char *path)
{
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}
