/* jd-db-private.h: what other modules of src/core share with jd-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "jd-db.h"

G_BEGIN_DECLS

sqlite3      *jd_db_get_handle      (JdDb        *db);
sqlite3_stmt *jd_db_prepare         (JdDb        *db,
                                     const char  *sql,
                                     GError     **error);
gboolean      jd_db_exec            (JdDb        *db,
                                     const char  *sql,
                                     GError     **error);
gboolean      jd_db_step_done       (JdDb          *db,
                                     sqlite3_stmt  *stmt,
                                     GError       **error);
gboolean      jd_db_begin           (JdDb        *db,
                                     GError     **error);
gboolean      jd_db_commit          (JdDb        *db,
                                     GError     **error);
void          jd_db_rollback        (JdDb        *db);
void          jd_db_set_error       (JdDb        *db,
                                     int          rc,
                                     GError     **error);
void          jd_db_set_error_full  (const char  *path,
                                     sqlite3     *handle,
                                     int          rc,
                                     GError     **error);

GTimeZone    *jd_db_get_time_zone   (JdDb        *db);

/* Bulk writes (imports): secondary indexes dropped and made again at the
 * end, search tokens gathered and written in order (jd-search.c). */
GPtrArray    *jd_db_drop_indexes    (JdDb               *db,
                                     const char * const *names,
                                     GError            **error);
gboolean      jd_db_restore_indexes (JdDb        *db,
                                     GPtrArray   *created,
                                     GError     **error);
void          jd_db_set_bulk_data   (JdDb          *db,
                                     gpointer       data,
                                     GDestroyNotify data_free);
gpointer      jd_db_get_bulk_data   (JdDb          *db);

/* The signed-in person (a JdStaff owned by @db), kept by jd-staff.c. */
void          jd_db_set_actor_data  (JdDb          *db,
                                     gpointer       actor,
                                     GDestroyNotify actor_free);
gpointer      jd_db_get_actor_data  (JdDb          *db);

/* A text parameter, or NULL for a NULL @text. */
static inline void
jd_db_bind_text_or_null (sqlite3_stmt *stmt,
                         int           index,
                         const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

G_END_DECLS
