/* jd-progress.h: how far a long job has got
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Called now and then with the rows (or people) done so far. */
typedef void (*JdProgressFunc) (guint    count,
                                gpointer user_data);

/* Carries the counts of a job on a worker thread to a JdProgressFunc on
 * the main context of whoever started it. */
typedef struct _JdProgress JdProgress;

JdProgress  *jd_progress_new            (GMainContext   *context,
                                         JdProgressFunc  func,
                                         gpointer        user_data);
/* A JdProgressFunc for the worker thread, @user_data the JdProgress:
 * counts come in faster than a main loop turns, so only the latest one
 * waiting is passed on. */
void         jd_progress_report         (guint           count,
                                         gpointer        user_data);
/* On the main context: no call after this one, not even one already
 * on its way (the job's _finish() calls it before the caller sees the
 * result). */
void         jd_progress_stop           (JdProgress     *self);
JdProgress  *jd_progress_ref            (JdProgress     *self);
void         jd_progress_unref          (JdProgress     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdProgress, jd_progress_unref)

G_END_DECLS
