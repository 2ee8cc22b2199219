/* jd-sqlite-private.h: what the files of the SQLite engine share
 *
 * Only the storage engine includes this header: jd-db.c, jd-db-copy.c,
 * jd-db-error.c, jd-db-watch.c, jd-sqlite.c and jd-sqlite-tokens.c (see
 * README.md). The rest of src/core goes through jd-stmt.h and
 * jd-db-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "jd-db-engine-private.h"

G_BEGIN_DECLS

/* A JdStmt of the SQLite engine wraps the sqlite3_stmt. */
typedef struct
{
  JdStmt        base;
  sqlite3_stmt *handle;
} JdSqliteStmt;

#define JD_SQLITE_STMT(stmt) (((JdSqliteStmt *) (stmt))->handle)

sqlite3      *jd_db_get_handle      (JdDb        *db);
void          jd_db_set_error_full  (const char  *path,
                                     sqlite3     *handle,
                                     int          rc,
                                     GError     **error);

/* The engine's connection functions in jd-db.c. */
void          jd_sqlite_close       (JdDb        *db);
gboolean      jd_sqlite_exec        (JdDb        *db,
                                     const char  *sql,
                                     GError     **error);
gboolean      jd_sqlite_begin       (JdDb        *db,
                                     GError     **error);
gboolean      jd_sqlite_commit      (JdDb        *db,
                                     GError     **error);
void          jd_sqlite_rollback    (JdDb        *db);
void          jd_sqlite_set_error   (JdDb        *db,
                                     int          rc,
                                     GError     **error);
gboolean      jd_sqlite_check_integrity (JdDb    *db,
                                         gboolean quick,
                                         char   **report,
                                         GError **error);

G_END_DECLS
