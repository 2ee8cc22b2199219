/* jd-bench-private.h: what the parts of jd-bench share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

#include "jd-db.h"

G_BEGIN_DECLS

/* jd-bench.c */
void      report               (const char         *metric,
                                double              value,
                                const char         *unit,
                                double              baseline);
double    percentile           (GArray             *samples,
                                double              p);
double    now_ms               (void);
gboolean  run_timed            (const char * const *argv,
                                const char         *stdout_path,
                                double             *seconds,
                                double             *peak_mb);
void      progress_cb          (guint               done,
                                guint               total,
                                gpointer            user_data);

/* jd-bench-pg.c: the same figures on a centre server, with baselines
 * in raw libpq on a connection of their own. */
PGconn   *bench_pg_connect     (const char         *conninfo);
gboolean  bench_pg_fill        (PGconn             *raw,
                                const char         *conninfo,
                                guint               visitors,
                                gboolean           *filled,
                                GError            **error);
gboolean  bench_pg_prepare     (PGconn             *raw);
double    bench_pg_search_raw  (PGconn             *raw,
                                const char         *query);
double    bench_pg_check_in_raw (PGconn            *raw,
                                 gint64             visitor,
                                 gint64            *visit);
double    bench_pg_dashboard_raw (PGconn           *raw,
                                  const char       *zone,
                                  gint64            from,
                                  gint64            to);
void      bench_pg_delete_visits (PGconn           *raw,
                                  GArray           *visits);
void      bench_pg_export      (const char         *conninfo);

/* jd-bench-concurrent.c: 8 desks checking people in at once. */
void      bench_concurrent     (const char         *path,
                                double              seconds);

G_END_DECLS
