/* jd-stmt.h: the engine-neutral statement API of src/core
 *
 * Every module of src/core runs SQL through these functions; only the
 * storage engine (jd-sqlite.c and the jd-db*.c files, see README.md)
 * knows which library is underneath. A JdStmt begins with its engine's
 * table of functions (jd-db-engine-private.h): each call here is one
 * call through it, with no copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JdDb   JdDb;
typedef struct _JdStmt JdStmt;

/* What jd_stmt_step() returns besides an engine error code (which goes
 * to jd_db_set_error() as it is). */
#define JD_STEP_ROW  100
#define JD_STEP_DONE 101

/* Parameters count from 1, columns from 0, as in SQL. */
void          jd_stmt_bind_int64        (JdStmt      *stmt,
                                         int          index,
                                         gint64       value);
void          jd_stmt_bind_int          (JdStmt      *stmt,
                                         int          index,
                                         int          value);
void          jd_stmt_bind_double       (JdStmt      *stmt,
                                         int          index,
                                         double       value);
/* A copy of @text, or NULL for a NULL @text. */
void          jd_stmt_bind_text         (JdStmt      *stmt,
                                         int          index,
                                         const char  *text);
/* @text is not copied: it must stay alive until the statement is reset
 * or bound again (NULL binds NULL). */
void          jd_stmt_bind_text_static  (JdStmt      *stmt,
                                         int          index,
                                         const char  *text);
void          jd_stmt_bind_null         (JdStmt      *stmt,
                                         int          index);
/* Binds column @column of the current row of @from as it is (a copy
 * of a row into another table). */
void          jd_stmt_bind_column       (JdStmt      *stmt,
                                         int          index,
                                         JdStmt      *from,
                                         int          column);
int           jd_stmt_bind_parameter_count (JdStmt   *stmt);
void          jd_stmt_clear_bindings    (JdStmt      *stmt);

int           jd_stmt_step              (JdStmt      *stmt);
void          jd_stmt_reset             (JdStmt      *stmt);

int           jd_stmt_column_count      (JdStmt      *stmt);
const char   *jd_stmt_column_name       (JdStmt      *stmt,
                                         int          column);
gint64        jd_stmt_column_int64      (JdStmt      *stmt,
                                         int          column);
int           jd_stmt_column_int        (JdStmt      *stmt,
                                         int          column);
double        jd_stmt_column_double     (JdStmt      *stmt,
                                         int          column);
/* Valid until the next step or reset; NULL for NULL. */
const char   *jd_stmt_column_text       (JdStmt      *stmt,
                                         int          column);
gboolean      jd_stmt_column_is_null    (JdStmt      *stmt,
                                         int          column);
/* Whether the value is stored as an integer (not text or real). */
gboolean      jd_stmt_column_is_integer (JdStmt      *stmt,
                                         int          column);

/* The connection's state after the last statement. */
gint64        jd_db_last_insert_id      (JdDb        *db);
int           jd_db_changes             (JdDb        *db);
/* Rows changed by this connection since it opened: only compared. */
gint64        jd_db_total_changes       (JdDb        *db);
gboolean      jd_db_in_transaction      (JdDb        *db);

/* Calls @func now and then while a statement runs; a non-zero return
 * interrupts it. NULL @func removes it. */
typedef int (*JdDbProgressFunc) (gpointer user_data);
void          jd_db_set_progress_handler (JdDb             *db,
                                          JdDbProgressFunc  func,
                                          gpointer          user_data);

/* Engine settings behind names (PRAGMAs in SQLite). */
/* A number that moves when another connection commits a write; -1 if
 * it cannot be read. */
gint64        jd_db_get_data_version    (JdDb        *db);
/* The page cache: negative sizes are KiB, positive ones pages. */
gint64        jd_db_get_cache_size      (JdDb        *db);
void          jd_db_set_cache_size      (JdDb        *db,
                                         gint64       size);
/* Gives the cache's memory back after a bulk read or write. */
void          jd_db_release_memory      (JdDb        *db);
/* Foreign keys are checked unless turned off for a bulk import
 * (outside a transaction). */
gboolean      jd_db_set_foreign_keys    (JdDb        *db,
                                         gboolean     on,
                                         GError     **error);

/* @name as a quoted SQL identifier, for DDL built at run time. */
char         *jd_db_quote_identifier    (const char  *name);

G_END_DECLS
