/* jd-pg-schema.h: the centre server's schema
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Creates or migrates the schema on @conn in one transaction, and
 * refuses a newer schema; @version is the version it is at after. */
gboolean      jd_pg_schema_apply     (PGconn      *conn,
                                      guint       *version,
                                      GError     **error);

G_END_DECLS
