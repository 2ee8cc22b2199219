/* jd-db-watch.c: what a connection's writes touch, and whether others
 * wrote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db-watch"

#include "config.h"

#include <string.h>

#include "jd-sqlite-private.h"
#include "jd-db-watch.h"
#include "jd-pg-watch.h"

struct _JdDbWatch
{
  /* Borrowed: the watch is freed before the connection is closed. */
  JdDb          *db;
  JdDbWatchFunc  func;
  gpointer       user_data;
  /* What the open transaction wrote so far. */
  JdTopics       pending;
  /* A centre server's notifications instead of SQLite's hooks. */
  JdPgWatch     *pg;
};

/* For every row inserted, updated or deleted: a name looked up in a
 * hash table (10–50 ns), nothing next to writing the row (a demo
 * visitor writes about 57 rows in some 300 µs). */
static void
update_cb (void          *data,
           int            operation,
           const char    *database,
           const char    *table,
           sqlite3_int64  rowid)
{
  JdDbWatch *watch = data;

  /* Temporary tables are this connection's own business. */
  if (watch->pending == JD_TOPIC_ALL || strcmp (database, "main") != 0)
    return;
  watch->pending |= jd_topics_for_table (table);
}

/* Also for a single statement outside BEGIN … COMMIT, which SQLite
 * commits by itself. Only write transactions get here. */
static int
commit_cb (void *data)
{
  JdDbWatch *watch = data;
  JdTopics topics = watch->pending;

  watch->pending = JD_TOPIC_NONE;
  if (topics != JD_TOPIC_NONE)
    watch->func (topics, watch->user_data);

  /* 0: let the commit go on. */
  return 0;
}

/* A rollback, and a statement that failed outside a transaction: what
 * it wrote is undone, so there is nothing to report. */
static void
rollback_cb (void *data)
{
  JdDbWatch *watch = data;

  watch->pending = JD_TOPIC_NONE;
}

/**
 * jd_db_watch_new:
 * @db: a connection, which must outlive the watch
 * @func: called as each write transaction commits
 *
 * A connection has one watch at most.
 *
 * Returns: (transfer full): the watch; free it with jd_db_watch_free()
 */
JdDbWatch *
jd_db_watch_new (JdDb          *db,
                 JdDbWatchFunc  func,
                 gpointer       user_data)
{
  JdDbWatch *watch;
  sqlite3 *handle;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  watch = g_new0 (JdDbWatch, 1);
  watch->db = db;
  watch->func = func;
  watch->user_data = user_data;

  if (!jd_db_is_sqlite (db))
    {
      watch->pg = jd_pg_watch_new (db, func, user_data);
      return watch;
    }

  handle = jd_db_get_handle (db);
  /* Each hook returns the data of the one it replaces. */
  if (sqlite3_update_hook (handle, update_cb, watch) != NULL)
    g_critical ("A connection to %s is watched twice", jd_db_get_path (db));
  sqlite3_commit_hook (handle, commit_cb, watch);
  sqlite3_rollback_hook (handle, rollback_cb, watch);

  return watch;
}

void
jd_db_watch_free (JdDbWatch *watch)
{
  sqlite3 *handle;

  if (watch == NULL)
    return;

  if (!jd_db_is_sqlite (watch->db))
    {
      jd_pg_watch_free (watch->pg);
      g_free (watch);
      return;
    }

  handle = jd_db_get_handle (watch->db);
  sqlite3_update_hook (handle, NULL, NULL);
  sqlite3_commit_hook (handle, NULL, NULL);
  sqlite3_rollback_hook (handle, NULL, NULL);
  g_free (watch);
}

gint64
jd_db_watch_data_version (JdDbWatch *watch)
{
  g_return_val_if_fail (watch != NULL, -1);

  return jd_db_get_data_version (watch->db);
}

/* A file is always there: @func is never called for it. */
void
jd_db_watch_set_state_func (JdDbWatch          *watch,
                            JdDbWatchStateFunc  func,
                            gpointer            user_data)
{
  g_return_if_fail (watch != NULL);

  if (watch->pg != NULL)
    jd_pg_watch_set_state_func (watch->pg, func, user_data);
}

void
jd_db_watch_retry_now (JdDbWatch *watch)
{
  g_return_if_fail (watch != NULL);

  if (watch->pg != NULL)
    jd_pg_watch_retry_now (watch->pg);
}
