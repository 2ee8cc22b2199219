/* jd-pg-schema.h: the centre server's schema (PostgreSQL) and its
 * migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* The version of the server schema this desk writes; equal to the file's
 * (jd_db_schema_version ()) for the tables the core's SQL reads. */
#define JD_PG_SCHEMA_VERSION 10

/* Step 12's SQL (jd-pg-schema-v12.c). */
extern const char jd_pg_schema_v12[];

gboolean jd_pg_schema_apply (PGconn  *conn,
                             guint   *version,
                             GError **error);

G_END_DECLS
