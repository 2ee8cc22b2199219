/* jd-import-async.c: an import on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker writes through a connection of its own and holds the write
 * transaction to the end (all or nothing, jd-import.c); the caller's
 * main loop goes on. Screens learn of the new people from the store's
 * ::changed, emitted on the caller's thread once the import committed
 * (on a centre server, from the server's notification of the commit).
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include "jd-db-private.h"
#include "jd-import.h"
#include "jd-job-private.h"

/* The job's data: freed on either thread, it holds nothing of the
 * caller's. */
typedef struct
{
  char           *path;
  char           *sheet;
  GArray         *fields;    /* int per column; NULL: matched by their names */
  JdImportResult *result;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_free (job->sheet);
  g_clear_pointer (&job->fields, g_array_unref);
  g_clear_pointer (&job->result, jd_import_result_free);
  g_free (job);
}

static gboolean
import_thread (JdDb            *worker,
               gpointer         data,
               GCancellable    *cancellable,
               JdProgressFunc   progress,
               gpointer         progress_data,
               GError         **error)
{
  ImportJob *job = data;

  job->result = jd_import_visitors_sheet (worker, job->path, job->sheet,
                                          job->fields ? (const int *) job->fields->data : NULL,
                                          job->fields ? job->fields->len : 0, cancellable,
                                          progress, progress_data, error);
  return job->result != NULL;
}

void
jd_import_visitors_async (JdStore             *store,
                          const char          *path,
                          const int           *fields,
                          guint                n_fields,
                          GCancellable        *cancellable,
                          JdProgressFunc       progress,
                          gpointer             progress_data,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  jd_import_visitors_sheet_async (store, path, NULL, fields, n_fields, cancellable, progress,
                                  progress_data, callback, user_data);
}

void
jd_import_visitors_sheet_async (JdStore             *store,
                                const char          *path,
                                const char          *sheet,
                                const int           *fields,
                                guint                n_fields,
                                GCancellable        *cancellable,
                                JdProgressFunc       progress,
                                gpointer             progress_data,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ImportJob *job;

  g_return_if_fail (JD_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (path);
  job->sheet = g_strdup (sheet);
  if (fields != NULL)
    {
      job->fields = g_array_sized_new (FALSE, FALSE, sizeof (int), n_fields);
      g_array_append_vals (job->fields, fields, n_fields);
    }
  jd_job_run (store, jd_import_visitors_async, import_thread, job, (GDestroyNotify) import_job_free,
              cancellable, progress, progress_data, callback, user_data);
}

JdImportResult *
jd_import_visitors_finish (JdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  ImportJob *job;
  JdImportResult *imported;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jd_import_visitors_async, NULL);

  if (!jd_job_finish (result, (gpointer *) &job, error))
    return NULL;
  imported = g_steal_pointer (&job->result);
  /* Committed: on the caller's thread, as ::changed promises. A centre
   * server tells it by itself, as it tells any connection's commit
   * (the worker's too), with the tables written: told here as well,
   * the screens would read everything twice. */
  if (imported != NULL && imported->imported > 0 &&
      jd_db_get_engine_kind (jd_store_get_db (store)) != JD_DB_ENGINE_POSTGRESQL)
    jd_store_changed (store, JD_TOPIC_VISITORS | JD_TOPIC_VISITS);
  return imported;
}
