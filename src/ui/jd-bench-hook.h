/* jd-bench-hook.h: start-up measurement for tests/bench/jd-bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* With JD_BENCH_EXIT_AFTER_FRAME set in the environment: once @window has
 * drawn its first frame, print "JD_BENCH first_frame_us=… rss_kb=…"
 * (monotonic clock, resident memory) and quit @app. Does nothing
 * otherwise. */
void jd_bench_hook_install (GtkWindow    *window,
                            GApplication *app);

G_END_DECLS
