/* jd-demo.h: a synthetic centre, for trying the app and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"
#include "jd-staff.h"

G_BEGIN_DECLS

/* The one password of every demo account, printed by --demo-data. */
#define JD_DEMO_PASSWORD "jastar-demo"

/* A staff account of the demo centre: one for every role, and
 * specialists who between them cover every service type. */
typedef struct
{
  const char  *login;
  const char  *full_name;
  JdRole       role;
  const char  *services[4];   /* NULL-terminated service codes */
} JdDemoAccount;

/* Called about once per percent with visitors done so far. */
typedef void (*JdDemoProgress) (guint    done,
                                guint    total,
                                gpointer user_data);

/* The demo centre's staff accounts, all with JD_DEMO_PASSWORD. */
const JdDemoAccount *jd_demo_accounts (guint *n_accounts);

/* Fills an empty database with the staff of jd_demo_accounts() and
 * @n_visitors young people (Kazakh and Russian names, valid IINs,
 * Kazakh mobiles, Almaty's districts, a plausible NEET share), about
 * three visits each over the year before @anchor (Unix seconds; 0 for
 * today), consultations held by the specialists of their service (some
 * with private notes) and events whose check-ins are the person's visit
 * of that day. The same seed and anchor give the same data. Refuses a
 * database that already has visitors or staff: demo data never mixes
 * with real people. The check and all the writing are one transaction,
 * so a writer that got in first (an import) is waited for and then
 * refused. */
gboolean jd_demo_generate (JdDb            *db,
                           guint            n_visitors,
                           guint64          seed,
                           gint64           anchor,
                           JdDemoProgress   progress,
                           gpointer         user_data,
                           GError         **error);

G_END_DECLS
