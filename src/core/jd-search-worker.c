/* jd-search-worker.c: searches off the calling thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-search"

#include "config.h"

#include <glib/gstdio.h>

#include "jd-search-private.h"

/* The page cache of a search worker's connection: 32 MiB (SQLite reads
 * a negative cache_size as KiB). */
#define WORKER_CACHE_KB -32768

/* Async: the searches run on GTask's worker threads, one at a time, on
 * one read-only connection of their own. It is opened by the first
 * search (opening and warming a connection costs more than a search:
 * measured 1.6 ms against 0.8 ms at the median on 100,000 visitors), kept
 * with its page cache, and opened again when the file at the path is
 * another one (a restored backup). One connection rather than one per
 * thread: a search made stale by the next keystroke waits for the lock and
 * then stops at once, and the memory of the cache is spent once. */

typedef struct
{
  char  *db_path;
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->db_path);
  g_free (data->query);
  g_free (data);
}

static GMutex reader_lock;
static struct
{
  char    *path;
  dev_t    dev;
  ino_t    ino;
  JdDb    *db;
} reader;

/* Called with reader_lock held. */
static JdDb *
get_reader (const char  *path,
            GError     **error)
{
  GStatBuf st;
  gboolean server = jd_db_path_is_server (path);
  gboolean have_stat = !server && g_stat (path, &st) == 0;

  /* A file is the same while its inode is; a server while its address
   * is (a lost connection is dropped after the failed search, below). */
  if (reader.db != NULL && g_str_equal (reader.path, path) &&
      (server || (have_stat && st.st_dev == reader.dev && st.st_ino == reader.ino)))
    return reader.db;

  g_clear_pointer (&reader.db, jd_db_close);
  g_clear_pointer (&reader.path, g_free);

  reader.db = jd_db_open (path, JD_DB_OPEN_READ_ONLY, error);
  if (reader.db == NULL)
    return NULL;

  /* Keystrokes of one name read the same pages again and again; a page
   * cache larger than SQLite's 2 MB keeps them (it fills only as far as
   * searches go). */
  jd_db_set_cache_size (reader.db, WORKER_CACHE_KB);
  reader.path = g_strdup (path);
  reader.dev = have_stat ? st.st_dev : 0;
  reader.ino = have_stat ? st.st_ino : 0;

  return reader.db;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *results;
  JdDb *db;

  /* A search made stale by the next keystroke never starts. */
  if (g_task_return_error_if_cancelled (task))
    return;

  locker = g_mutex_locker_new (&reader_lock);
  if (g_task_return_error_if_cancelled (task))
    return;

  db = get_reader (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  results = jd_search_visitors (db, data->query, data->limit, cancellable, &error);
  /* The server went away: the next keystroke connects again. */
  if (results == NULL && g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_DISCONNECTED))
    {
      g_clear_pointer (&reader.db, jd_db_close);
      g_clear_pointer (&reader.path, g_free);
    }
  g_clear_pointer (&locker, g_mutex_locker_free);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
  else
    g_ptr_array_unref (results);
}

/**
 * jd_search_close_reader:
 *
 * Closes the connection the asynchronous searches keep (before the
 * database file is replaced or removed, and at exit). The next search
 * opens it again.
 */
void
jd_search_close_reader (void)
{
  g_mutex_lock (&reader_lock);
  g_clear_pointer (&reader.db, jd_db_close);
  g_clear_pointer (&reader.path, g_free);
  g_mutex_unlock (&reader_lock);
}

void
jd_search_visitors_async (const char          *db_path,
                          const char          *query,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->db_path = g_strdup (db_path);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_search_visitors_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
jd_search_visitors_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jd_search_visitors_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}