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

#include "jd-db-private.h"

G_BEGIN_DECLS

/* A JdStmt is the sqlite3_stmt itself. */
#define JD_SQLITE_STMT(stmt) ((sqlite3_stmt *) (stmt))
#define JD_STMT(stmt)        ((JdStmt *) (stmt))

sqlite3      *jd_db_get_handle      (JdDb        *db);
void          jd_db_set_error_full  (const char  *path,
                                     sqlite3     *handle,
                                     int          rc,
                                     GError     **error);

G_END_DECLS
