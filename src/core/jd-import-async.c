/* jd-import-async.c: an import on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker writes through a connection of its own and holds the write
 * transaction to the end (all or nothing, jd-import.c); the caller's
 * main loop goes on. Screens learn of the new people from the store's
 * ::changed, emitted on the caller's thread once the import committed.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include "jd-export-private.h"
#include "jd-import.h"

/* The task's data: freed on either thread, it holds nothing of the
 * caller's. */
typedef struct
{
  JdDb       *worker;
  char       *path;
  GArray     *fields;    /* int per column; NULL: matched by their names */
  JdProgress *progress;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_pointer (&job->worker, jd_db_close);
  g_free (job->path);
  g_clear_pointer (&job->fields, g_array_unref);
  g_clear_pointer (&job->progress, jd_progress_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  JdImportResult *result;

  result = jd_import_visitors_mapped (job->worker, job->path,
                                      job->fields ? (const int *) job->fields->data : NULL,
                                      job->fields ? job->fields->len : 0, cancellable,
                                      job->progress ? jd_progress_report : NULL, job->progress,
                                      &error);
  /* The thread's connection ends with the thread. */
  g_clear_pointer (&job->worker, jd_db_close);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) jd_import_result_free);
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
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job;

  g_return_if_fail (JD_IS_STORE (store));
  g_return_if_fail (path != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_import_visitors_async);

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (path);
  if (fields != NULL)
    {
      job->fields = g_array_sized_new (FALSE, FALSE, sizeof (int), n_fields);
      g_array_append_vals (job->fields, fields, n_fields);
    }
  if (progress != NULL)
    job->progress = jd_progress_new (g_task_get_context (task), progress, progress_data);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);

  job->worker = jd_export_open_worker (store, &error);
  if (job->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, import_thread);
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

  job = g_task_get_task_data (G_TASK (result));
  if (job->progress != NULL)
    jd_progress_stop (job->progress);
  imported = g_task_propagate_pointer (G_TASK (result), error);
  /* Committed: on the caller's thread, as ::changed promises. */
  if (imported != NULL && imported->imported > 0)
    jd_store_changed (store, JD_TOPIC_VISITORS | JD_TOPIC_VISITS);
  return imported;
}
