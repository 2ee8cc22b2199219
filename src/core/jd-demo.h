/* jd-demo.h: a synthetic centre, for trying the app and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

/* Called about once per percent with visitors done so far. */
typedef void (*JdDemoProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

/* Fills an empty database with @n_visitors young people (Kazakh and
 * Russian names, valid IINs, Kazakh mobiles, Almaty's districts, a
 * plausible NEET share), about three visits each over the year before
 * @anchor (Unix seconds; 0 for today), consultations and events. The
 * same seed and anchor give the same data. Refuses a database that
 * already has visitors: demo data never mixes with real people. */
gboolean jd_demo_generate (JdDb            *db,
                           guint            n_visitors,
                           guint64          seed,
                           gint64           anchor,
                           JdDemoProgress   progress,
                           gpointer         user_data,
                           GError         **error);

G_END_DECLS
