/* jd-job.c: a long job of the store's on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an export and an import share: a GTask whose worker thread has
 * a connection of its own, progress carried back to the caller's main
 * context through JdProgress, and the caller's cancellable.
 */
#define G_LOG_DOMAIN "jd-job"

#include "config.h"

#include "jd-job-private.h"

/* The task's data. It may be freed on either thread (whichever drops
 * the task last): it holds nothing of the caller's. */
typedef struct
{
  JdDb           *worker;
  JdProgress     *progress;
  JdJobFunc       func;
  gpointer        data;
  GDestroyNotify  data_free;
} JdJob;

static void
job_free (JdJob *job)
{
  g_clear_pointer (&job->worker, jd_db_close);
  g_clear_pointer (&job->progress, jd_progress_unref);
  if (job->data_free != NULL)
    g_clear_pointer (&job->data, job->data_free);
  g_free (job);
}

/* A connection of its own for a worker thread that writes (an export
 * writes its record), acting for whoever is signed in on @store's. */
static JdDb *
open_worker (JdStore  *store,
             GError  **error)
{
  JdDb *worker;

  /* A JdDb and its statement cache are not safe to share between
   * threads: the worker has its own, and the audit names the person
   * signed in, not "command line". */
  worker = jd_db_open (jd_store_get_path (store), JD_DB_OPEN_DEFAULT, error);
  if (worker != NULL)
    jd_db_share_actor (worker, jd_store_get_db (store));
  return worker;
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JdJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = job->func (job->worker, job->data, cancellable,
                  job->progress ? jd_progress_report : NULL, job->progress, &error);
  /* The thread's connection ends with the thread. */
  g_clear_pointer (&job->worker, jd_db_close);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
jd_job_run (JdStore             *store,
            gpointer             source_tag,
            JdJobFunc            func,
            gpointer             data,
            GDestroyNotify       data_free,
            GCancellable        *cancellable,
            JdProgressFunc       progress,
            gpointer             progress_data,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  JdJob *job;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  job = g_new0 (JdJob, 1);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  if (progress != NULL)
    job->progress = jd_progress_new (g_task_get_context (task), progress, progress_data);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  job->worker = open_worker (store, &error);
  if (job->worker == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_run_in_thread (task, job_thread);
}

gboolean
jd_job_finish (GAsyncResult  *result,
               gpointer      *data,
               GError       **error)
{
  JdJob *job = g_task_get_task_data (G_TASK (result));

  if (job->progress != NULL)
    jd_progress_stop (job->progress);
  *data = job->data;
  return g_task_propagate_boolean (G_TASK (result), error);
}
