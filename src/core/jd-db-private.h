/* jd-db-private.h: what other modules of src/core share with jd-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"
#include "jd-sql-dialect.h"
#include "jd-stmt.h"

G_BEGIN_DECLS

/* Which engine holds a database: for the few places where the core's
 * SQL or its work must differ (chosen at run time, one binary serves
 * both). */
typedef enum
{
  JD_DB_ENGINE_SQLITE,
  JD_DB_ENGINE_POSTGRESQL,
} JdDbEngineKind;

JdDbEngineKind jd_db_get_engine_kind (JdDb      *db);

JdStmt       *jd_db_prepare         (JdDb        *db,
                                     const char  *sql,
                                     GError     **error);
gboolean      jd_db_exec            (JdDb        *db,
                                     const char  *sql,
                                     GError     **error);
gboolean      jd_db_step_done       (JdDb        *db,
                                     JdStmt      *stmt,
                                     GError     **error);
gboolean      jd_db_count_between   (JdDb        *db,
                                     const char  *sql,
                                     gint64       from,
                                     gint64       to,
                                     guint       *out,
                                     GError     **error);
gboolean      jd_db_begin           (JdDb        *db,
                                     GError     **error);
gboolean      jd_db_commit          (JdDb        *db,
                                     GError     **error);
void          jd_db_rollback        (JdDb        *db);
void          jd_db_set_error       (JdDb        *db,
                                     int          rc,
                                     GError     **error);
/* The message for @code about the file @path (jd-db-error.c). */
void          jd_db_set_error_for_code (GError     **error,
                                        JdDbError    code,
                                        const char  *path,
                                        const char  *detail);
gboolean      jd_db_ensure_parent_dir  (const char  *path,
                                        GError     **error);
/* Now in UTC as "YYYYmmdd-HHMMSS", for the names of copies. */
char         *jd_db_timestamp_string   (void);

/* The centre's zone cached on @db (jd-time-zone.c reads and fills it):
 * @data_version is PRAGMA data_version when it was read. */
GTimeZone    *jd_db_get_cached_time_zone (JdDb        *db,
                                          gint64      *data_version);
void          jd_db_set_cached_time_zone (JdDb        *db,
                                          GTimeZone   *tz,
                                          gint64       data_version);

void          jd_db_forget_time_zone         (JdDb        *db);
gboolean      jd_time_zone_fill_offsets      (JdDb        *db,
                                              GTimeZone   *tz,
                                              GError     **error);

/* Bulk writes (imports): secondary indexes dropped and made again at the
 * end, search tokens gathered and written in order (jd-search.c). */
GPtrArray    *jd_db_drop_indexes    (JdDb               *db,
                                     const char * const *names,
                                     GError            **error);
gboolean      jd_db_restore_indexes (JdDb        *db,
                                     GPtrArray   *created,
                                     GError     **error);
/* One row of a token table (jd-sqlite-tokens.c). */
typedef struct
{
  const char *token;
  gint64      visitor_id;
} JdDbToken;
typedef GArray *(*JdDbTokensFunc) (JdDb *db);
/* The #GArray of #JdDbToken @get returns, read as the table @name
 * (visitor_id, token) by this connection's statements: one INSERT …
 * SELECT instead of a statement per token. */
void          jd_db_create_token_table (JdDb           *db,
                                        const char     *name,
                                        JdDbTokensFunc  get,
                                        gint64          estimated_rows);
void          jd_db_set_bulk_data   (JdDb          *db,
                                     gpointer       data,
                                     GDestroyNotify data_free);
gpointer      jd_db_get_bulk_data   (JdDb          *db);

/* The signed-in person (a JdStaff owned by @db), kept by jd-staff.c. */
void          jd_db_set_actor_data  (JdDb          *db,
                                     gpointer       actor,
                                     GDestroyNotify actor_free);
gpointer      jd_db_get_actor_data  (JdDb          *db);

/* A copy of a text column; NULL for NULL. */
static inline char *
jd_db_column_dup (JdStmt *stmt,
                  int     column)
{
  return g_strdup (jd_stmt_column_text (stmt, column));
}

/* A text parameter, or NULL for a NULL @text. */
static inline void
jd_db_bind_text_or_null (JdStmt     *stmt,
                         int         index,
                         const char *text)
{
  jd_stmt_bind_text (stmt, index, text);
}

/* Every page of @from into @db at once (jd-db-copy.c, for restores). */
gboolean      jd_db_replace_contents (JdDb        *db,
                                      JdDb        *from,
                                      GError     **error);
char         *jd_db_backup_to_temp  (JdDb        *db,
                                     const char  *near,
                                     int         *lock_fd,
                                     GError     **error);
void          jd_db_remove_files    (const char  *path);

G_END_DECLS
