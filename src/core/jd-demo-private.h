/* jd-demo-private.h: the demo centre's staff, for jd-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

#define JD_DEMO_N_PRIVATE_NOTES 5

/* Inserts the accounts of jd_demo_accounts (), all with @password_hash
 * and made at @since, and names the centre unless it has a name. Call
 * inside a transaction. Sets @receptionist and, for each of the
 * @n_services codes of @services, the specialist who holds it in
 * @specialists; every code must be covered. */
gboolean    jd_demo_add_staff      (JdDb                *db,
                                    const char          *password_hash,
                                    gint64               since,
                                    const char * const  *services,
                                    guint                n_services,
                                    gint64              *receptionist,
                                    gint64              *specialists,
                                    GError             **error);

/* One of JD_DEMO_N_PRIVATE_NOTES notes a specialist might keep. */
const char *jd_demo_private_note   (guint                index);

G_END_DECLS
