/* jd-db-bulk.c: secondary indexes dropped for a bulk write and made
 * again at its end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include "jd-db-private.h"

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

  for (guint i = 0; names[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = jd_db_prepare (db,
                                          "SELECT sql FROM sqlite_schema"
                                          " WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL",
                                          error);
      g_autofree char *sql = NULL;
      char *drop;
      gboolean ok;
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, names[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          jd_db_set_error (db, rc, error);
          return NULL;
        }
      if (sql == NULL)
        continue;

      drop = sqlite3_mprintf ("DROP INDEX \"%w\"", names[i]);
      ok = jd_db_exec (db, drop, error);
      sqlite3_free (drop);
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
