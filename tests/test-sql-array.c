/* test-sql-array.c: array literals for a server's batches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The literals are worked out by hand from PostgreSQL's rules: every
 * text element in double quotes, " and \ preceded by a backslash, NULL
 * bare. On the server (the 'pg' suite) the same values go there and back.
 */
#include "config.h"

#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-db-private.h"
#include "jd-sql-array.h"
#include "jd-stmt.h"

/* Quotes, backslashes, commas, braces, NULL (the value and the word),
 * the empty string, spaces, Kazakh letters and a pair key's mark. */
static const char * const hostile[] = {
  "a\"b",
  "c\\d",
  "e,f",
  "{g}",
  NULL,
  "NULL",
  "",
  " ",
  "Әбілқасым-Оғлы",
  "\x02бекмұханова шұғыла",
  "\\\"",
};

static void
test_text_literal (void)
{
  g_autofree char *literal = jd_sql_text_array (hostile, G_N_ELEMENTS (hostile));

  g_assert_cmpstr (literal, ==,
                   "{\"a\\\"b\",\"c\\\\d\",\"e,f\",\"{g}\",NULL,\"NULL\",\"\",\" \","
                   "\"Әбілқасым-Оғлы\",\"\x02бекмұханова шұғыла\",\"\\\\\\\"\"}");
}

static void
test_empty_and_numbers (void)
{
  g_autoptr(GString) array = g_string_new (NULL);
  g_autofree char *empty = jd_sql_array_end (array);
  g_autofree char *numbers = NULL;
  g_autofree char *again = NULL;

  g_assert_cmpstr (empty, ==, "{}");
  g_assert_cmpuint (array->len, ==, 0);

  jd_sql_array_append_int64 (array, 1);
  jd_sql_array_append_int64 (array, -2);
  jd_sql_array_append_int64 (array, G_MAXINT64);
  numbers = jd_sql_array_end (array);
  g_assert_cmpstr (numbers, ==, "{1,-2,9223372036854775807}");

  /* Emptied by the end: the next one starts afresh. */
  jd_sql_array_append_text (array, "x");
  again = jd_sql_array_end (array);
  g_assert_cmpstr (again, ==, "{\"x\"}");
}

/* What the server reads from the literal is the values themselves. */
static void
test_round_trip_on_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  g_autofree char *literal = jd_sql_text_array (hostile, G_N_ELEMENTS (hostile));
  g_autoptr(JdDb) db = NULL;
  JdStmt *stmt;
  guint n = 0;

  if (!test_engine_is_server ())
    {
      g_test_skip ("A file has no arrays: the literals are for the centre server");
      return;
    }

  dir = g_dir_make_tmp (NULL, NULL);
  path = g_build_filename (dir, "arrays.db", NULL);
  where = test_db_location_new (path);
  db = jd_db_open (where, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);

  stmt = jd_db_prepare (db,
                        "SELECT value, n FROM unnest (CAST (?1 AS text[])) WITH ORDINALITY AS a (value, n)"
                        " ORDER BY n",
                        &error);
  g_assert_no_error (error);
  jd_stmt_bind_text (stmt, 1, literal);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (hostile));
      g_assert_cmpint (jd_stmt_column_int64 (stmt, 1), ==, n + 1);
      g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, hostile[n]);
      n++;
    }
  jd_stmt_reset (stmt);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (hostile));
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/sql-array/text-literal", test_text_literal);
  g_test_add_func ("/jd/sql-array/empty-and-numbers", test_empty_and_numbers);
  g_test_add_func ("/jd/sql-array/round-trip-on-server", test_round_trip_on_server);
  return g_test_run ();
}
