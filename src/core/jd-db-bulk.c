/* jd-db-bulk.c: secondary indexes dropped for a bulk write and made
 * again at its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include "jd-db-engine-private.h"

/**
 * jd_db_drop_indexes:
 * @names: (array zero-terminated=1): index names
 *
 * For a bulk write in the caller's transaction: drops the indexes named
 * (those that exist), so that rows are written without them. Creating an
 * index sorts its entries once, which is much faster than putting a
 * hundred thousand rows into it one by one at random places.
 *
 * Returns: (transfer full): the CREATE INDEX statements to give back to
 *   jd_db_restore_indexes() before the commit, or %NULL on error
 */
GPtrArray *
jd_db_drop_indexes (JdDb               *db,
                    const char * const *names,
                    GError            **error)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);

  /* A server keeps its indexes: the import is only slower. */
  if (!jd_db_is_sqlite (db))
    return g_steal_pointer (&created);

  for (guint i = 0; names[i] != NULL; i++)
    {
      JdStmt *stmt = jd_db_prepare (db, JD_SQL_INDEX_DEFINITION, error);
      g_autofree char *sql = NULL;
      g_autofree char *quoted = NULL;
      g_autofree char *drop = NULL;
      gboolean ok;
      int rc;

      if (stmt == NULL)
        return NULL;
      jd_stmt_bind_text_static (stmt, 1, names[i]);
      rc = jd_stmt_step (stmt);
      if (rc == JD_STEP_ROW)
        sql = g_strdup (jd_stmt_column_text (stmt, 0));
      jd_stmt_reset (stmt);
      if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
        {
          jd_db_set_error (db, rc, error);
          return NULL;
        }
      if (sql == NULL)
        continue;

      quoted = jd_db_quote_identifier (names[i]);
      drop = g_strconcat ("DROP INDEX ", quoted, NULL);
      ok = jd_db_exec (db, drop, error);
      if (!ok)
        return NULL;
      g_ptr_array_add (created, g_steal_pointer (&sql));
    }
  return g_steal_pointer (&created);
}

gboolean
jd_db_restore_indexes (JdDb       *db,
                       GPtrArray  *created,
                       GError    **error)
{
  for (guint i = 0; i < created->len; i++)
    if (!jd_db_exec (db, created->pdata[i], error))
      return FALSE;
  return TRUE;
}
