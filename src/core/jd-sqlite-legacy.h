/* jd-sqlite-legacy.h: for files not yet on the JdStmt API
 *
 * Lets code that still calls sqlite3 with a sqlite3_stmt use the
 * functions of jd-db-private.h, which take a JdStmt. Only the demo data
 * (jd-demo.c, jd-demo-staff.c) and its test include it; it goes away
 * once build-aux/sqlite-to-jdstmt.py has been run over them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-sqlite-private.h"

#define jd_db_prepare(db, sql, error) \
  ((sqlite3_stmt *) jd_db_prepare ((db), (sql), (error)))
#define jd_db_step_done(db, stmt, error) \
  jd_db_step_done ((db), JD_STMT (stmt), (error))
#define jd_db_column_dup(stmt, column) \
  jd_db_column_dup (JD_STMT (stmt), (column))
#define jd_db_bind_text_or_null(stmt, index, text) \
  jd_db_bind_text_or_null (JD_STMT (stmt), (index), (text))
