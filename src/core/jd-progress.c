/* jd-progress.c: how far a long job has got
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An export or an import counts its rows on a worker thread; whoever
 * shows the count (a progress bar) lives on the main thread. Each count
 * is stored, and one idle source at a time is attached to the caller's
 * context to hand over the latest: a thousand counts a second cost one
 * call per turn of the main loop, not a thousand idles.
 */
#define G_LOG_DOMAIN "jd-progress"

#include "config.h"

#include "jd-progress.h"

struct _JdProgress
{
  GMainContext   *context;
  JdProgressFunc  func;
  gpointer        user_data;
  int             count;     /* atomic: written by the worker */
  int             pending;   /* atomic: an idle is on its way */
  gboolean        stopped;   /* main context only */
};

static void
jd_progress_clear (JdProgress *self)
{
  g_main_context_unref (self->context);
}

JdProgress *
jd_progress_new (GMainContext   *context,
                 JdProgressFunc  func,
                 gpointer        user_data)
{
  JdProgress *self;

  g_return_val_if_fail (func != NULL, NULL);

  self = g_atomic_rc_box_new0 (JdProgress);
  self->context = g_main_context_ref (context ? context : g_main_context_default ());
  self->func = func;
  self->user_data = user_data;
  return self;
}

JdProgress *
jd_progress_ref (JdProgress *self)
{
  return g_atomic_rc_box_acquire (self);
}

void
jd_progress_unref (JdProgress *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) jd_progress_clear);
}

static gboolean
deliver_cb (gpointer user_data)
{
  JdProgress *self = user_data;

  /* Cleared first: a count stored from now on needs an idle of its own. */
  g_atomic_int_set (&self->pending, 0);
  if (!self->stopped)
    self->func ((guint) g_atomic_int_get (&self->count), self->user_data);
  return G_SOURCE_REMOVE;
}

void
jd_progress_report (guint    count,
                    gpointer user_data)
{
  JdProgress *self = user_data;
  g_autoptr(GSource) source = NULL;

  g_atomic_int_set (&self->count, (int) count);
  if (!g_atomic_int_compare_and_exchange (&self->pending, 0, 1))
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, jd_progress_ref (self), (GDestroyNotify) jd_progress_unref);
  g_source_set_static_name (source, "[jd] progress");
  g_source_attach (source, self->context);
}

void
jd_progress_stop (JdProgress *self)
{
  g_return_if_fail (self != NULL);

  self->stopped = TRUE;
}
