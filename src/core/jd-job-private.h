/* jd-job-private.h: a long job of the store's on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-progress.h"
#include "jd-store.h"

G_BEGIN_DECLS

/* The work, on the worker thread, through @worker, a connection of its
 * own; what it produces goes into @data, which it owns meanwhile. */
typedef gboolean (*JdJobFunc) (JdDb            *worker,
                               gpointer         data,
                               GCancellable    *cancellable,
                               JdProgressFunc   progress,
                               gpointer         progress_data,
                               GError         **error);

/* Runs @func on a worker thread for a GTask of @store's tagged
 * @source_tag; @data (freed with @data_free, on either thread) must
 * hold nothing of the caller's. @progress is called on the caller's
 * main context until jd_job_finish(). */
void     jd_job_run    (JdStore             *store,
                        gpointer             source_tag,
                        JdJobFunc            func,
                        gpointer             data,
                        GDestroyNotify       data_free,
                        GCancellable        *cancellable,
                        JdProgressFunc       progress,
                        gpointer             progress_data,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data);
/* First thing in the job's _finish(), on the caller's thread: no more
 * progress; the job's @data and whether @func succeeded. */
gboolean jd_job_finish (GAsyncResult        *result,
                        gpointer            *data,
                        GError             **error);

G_END_DECLS
