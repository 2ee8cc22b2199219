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

/* The centre's zone as SQL sees it (jd-time-zone.c): the table
 * time_zone_offset holds the UTC offset in force from each change on,
 * so triggers and the sqlite3 shell need no function of ours.
 * JD_SQL_LOCAL gives Unix seconds @t moved to the centre's wall clock,
 * for strftime (..., 'unixepoch'); NULL stays NULL. */
#define JD_SQL_LOCAL(t) \
  "(" t " + (SELECT utc_offset FROM time_zone_offset WHERE since <= " t \
  " ORDER BY since DESC LIMIT 1))"

/* The age in whole years on the centre's day of visit time @t of
 * someone born on @b (ISO): as jd_age_on(), a 29 February birthday
 * counts on 1 March in common years. */
#define JD_SQL_AGE_AT(t, b) \
  "((CAST (strftime ('%Y%m%d', " JD_SQL_LOCAL (t) ", 'unixepoch') AS INTEGER)" \
  " - CAST (replace (" b ", '-', '') AS INTEGER)) / 10000)"

/* Moves every visit's age to its day in the zone time_zone_offset now
 * holds. Only the ages that change are written: a rewrite of every
 * visit took 6 s for 150,000 visits, this 1 s. */
#define JD_SQL_UPDATE_VISIT_AGES \
  "UPDATE visit SET age = n.age FROM (SELECT v.id, " JD_SQL_AGE_AT ("v.time_in", "p.birth_date") " AS age" \
  " FROM visit v JOIN visitor p ON p.id = v.visitor_id) AS n" \
  " WHERE n.id = visit.id AND n.age IS NOT visit.age"

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
jd_db_column_dup (sqlite3_stmt *stmt,
                  int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

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

char         *jd_db_backup_to_temp  (JdDb        *db,
                                     const char  *near,
                                     int         *lock_fd,
                                     GError     **error);
void          jd_db_remove_files    (const char  *path);

G_END_DECLS
