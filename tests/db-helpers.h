/* db-helpers.h: reading the database straight in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db-private.h"

/* The first column of the first row of @sql, which must have one. */
static inline gint64
query_int (JdDb       *db,
           const char *sql)
{
  /* jd_db_prepare () keeps the SQL as its cache key: a test's SQL may
   * be made on the fly, so it is interned to outlive the call. */
  JdStmt *stmt = jd_db_prepare (db, g_intern_string (sql), NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

/* The same as text; NULL when there is no row. */
static inline char *
query_text (JdDb       *db,
            const char *sql)
{
  JdStmt *stmt = jd_db_prepare (db, g_intern_string (sql), NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    value = g_strdup (jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);
  return value;
}

/* The first column of each query's first row, one a line ("∅" for NULL
 * or no row): what a database holds, as text to compare. */
static inline char *
query_texts (JdDb               *db,
             const char * const *queries,
             guint               n_queries)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_queries; i++)
    {
      char *value = query_text (db, queries[i]);

      g_string_append_printf (out, "%s\n", value ? value : "∅");
      g_free (value);
    }
  return g_string_free (out, FALSE);
}

/* query_int () of @sql with one parameter, @param, bound where @sql has
 * one. */
static inline gint64
query_int_with (JdDb       *db,
                const char *sql,
                gint64      param)
{
  JdStmt *stmt = jd_db_prepare (db, g_intern_string (sql), NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  if (jd_stmt_bind_parameter_count (stmt) > 0)
    jd_stmt_bind_int64 (stmt, 1, param);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

/* The same as text, from a row that must be there. */
static inline char *
query_text_with (JdDb       *db,
                 const char *sql,
                 gint64      param)
{
  JdStmt *stmt = jd_db_prepare (db, g_intern_string (sql), NULL);
  char *value;

  g_assert_nonnull (stmt);
  if (jd_stmt_bind_parameter_count (stmt) > 0)
    jd_stmt_bind_int64 (stmt, 1, param);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = g_strdup (jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);
  return value;
}
