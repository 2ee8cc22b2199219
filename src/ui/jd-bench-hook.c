/* jd-bench-hook.c: start-up measurement for tests/bench/jd-bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-bench-hook"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jd-bench-hook.h"

static long
resident_kb (void)
{
  g_autofree char *status = NULL;
  const char *rss;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  rss = strstr (status, "VmRSS:");
  return rss ? strtol (rss + strlen ("VmRSS:"), NULL, 10) : -1;
}

static void
after_paint_cb (GdkFrameClock *clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, app);

  g_print ("JD_BENCH first_frame_us=%" G_GINT64_FORMAT " rss_kb=%ld\n",
           g_get_monotonic_time (), resident_kb ());
  g_application_quit (app);
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       app)
{
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), app);
  return G_SOURCE_REMOVE;
}

void
jd_bench_hook_install (GtkWindow    *window,
                       GApplication *app)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (G_IS_APPLICATION (app));

  if (g_getenv ("JD_BENCH_EXIT_AFTER_FRAME") != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (window), tick_cb, app, NULL);
}
