/* jd-db.h: the Jastar Desk database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define JD_DB_ERROR (jd_db_error_quark ())

/**
 * JdDbError:
 * @JD_DB_ERROR_NEWER_SCHEMA: the file was written by a newer Jastar Desk
 * @JD_DB_ERROR_NOT_A_DATABASE: the file is not an SQLite database
 * @JD_DB_ERROR_FOREIGN: an SQLite database, but not one of ours
 * @JD_DB_ERROR_CORRUPT: the file is damaged
 * @JD_DB_ERROR_READ_ONLY: the file or its folder cannot be written
 * @JD_DB_ERROR_FULL: the disk (or the database's size limit) is full
 * @JD_DB_ERROR_LOCKED: another program holds the database
 * @JD_DB_ERROR_IO: reading or writing the file failed
 * @JD_DB_ERROR_CONSTRAINT: the data broke a rule of the schema
 * @JD_DB_ERROR_NOT_FOUND: the record does not exist
 * @JD_DB_ERROR_MIGRATION: an upgrade of the file failed and was undone
 * @JD_DB_ERROR_FAILED: anything else
 * @JD_DB_ERROR_UNREACHABLE: the centre server does not answer
 * @JD_DB_ERROR_AUTH: the server refused the user name or password
 * @JD_DB_ERROR_DISCONNECTED: the connection to the server was lost
 * @JD_DB_ERROR_UNSUPPORTED: not possible on this engine (yet)
 * @JD_DB_ERROR_CHANGED_ELSEWHERE: the record was changed on another desk
 *   (or in another window) since it was loaded; nothing was written
 *
 * Every message carried by a #JD_DB_ERROR is translated and meant for
 * people: it says what happened and what to do.
 */
typedef enum
{
  JD_DB_ERROR_NEWER_SCHEMA,
  JD_DB_ERROR_NOT_A_DATABASE,
  JD_DB_ERROR_FOREIGN,
  JD_DB_ERROR_CORRUPT,
  JD_DB_ERROR_READ_ONLY,
  JD_DB_ERROR_FULL,
  JD_DB_ERROR_LOCKED,
  JD_DB_ERROR_IO,
  JD_DB_ERROR_CONSTRAINT,
  JD_DB_ERROR_NOT_FOUND,
  JD_DB_ERROR_MIGRATION,
  JD_DB_ERROR_FAILED,
  JD_DB_ERROR_UNREACHABLE,
  JD_DB_ERROR_AUTH,
  JD_DB_ERROR_DISCONNECTED,
  JD_DB_ERROR_UNSUPPORTED,
  JD_DB_ERROR_CHANGED_ELSEWHERE,
} JdDbError;

typedef enum
{
  JD_DB_OPEN_DEFAULT = 0,
  /* Create the file when it does not exist. */
  JD_DB_OPEN_CREATE = 1 << 0,
  /* Open for reading only (worker threads, --check, --backup). */
  JD_DB_OPEN_READ_ONLY = 1 << 1,
} JdDbOpenFlags;

typedef struct _JdDb JdDb;

/* A migration brings the schema from version (index) to (index + 1): SQL,
 * then (optionally) code that fills what SQL alone cannot, in the same
 * transaction. */
typedef struct
{
  const char *sql;
  gboolean  (*run) (JdDb *db, GError **error);
} JdMigration;

GQuark       jd_db_error_quark            (void);

const char  *jd_db_default_path           (void);
/* Whether @path names a centre server rather than a file: a
 * postgresql:// or postgres:// URI, or libpq key=value words of which one
 * sets host, hostaddr, dbname or service. */
gboolean     jd_db_path_is_server         (const char     *path);
guint        jd_db_schema_version         (void);

JdDb        *jd_db_open                   (const char     *path,
                                           JdDbOpenFlags   flags,
                                           GError        **error);
JdDb        *jd_db_open_with_migrations   (const char     *path,
                                           JdDbOpenFlags   flags,
                                           const JdMigration *migrations,
                                           guint           n_migrations,
                                           GError        **error);
void         jd_db_close                  (JdDb           *db);
const char  *jd_db_get_path               (JdDb           *db);
guint        jd_db_get_user_version       (JdDb           *db);
const char  *jd_db_get_migration_backup   (JdDb           *db);

gboolean     jd_db_check_integrity        (JdDb           *db,
                                           gboolean        quick,
                                           char          **report,
                                           GError        **error);
gboolean     jd_db_backup                 (JdDb           *db,
                                           const char     *dest_path,
                                           GError        **error);
char        *jd_db_backup_dir             (JdDb           *db);

/* For a file that cannot be opened (damaged): moves @dest_path aside as
 * "<name>.damaged-<stamp>" (@damaged_copy), then puts a checked copy of
 * @source in its place. No connection to @dest_path may be open. */
gboolean     jd_db_restore_file           (const char     *dest_path,
                                           const char     *source,
                                           char          **damaged_copy,
                                           GError        **error);

gint64       jd_db_now                    (void);

/* The centre's time zone (jd-time-zone.c): days, months, ages on a
 * visit and report periods follow it, never the machine's zone. */
GTimeZone   *jd_db_get_time_zone          (JdDb           *db);
char        *jd_db_get_time_zone_identifier (JdDb         *db);
gboolean     jd_db_set_time_zone          (JdDb           *db,
                                           const char     *identifier,
                                           GError        **error);
GDateTime   *jd_db_now_local              (JdDb           *db);
GDateTime   *jd_db_local_time             (JdDb           *db,
                                           gint64          t);
gint64       jd_db_day_start              (JdDb           *db,
                                           const GDate    *day);
gboolean     jd_time_zone_is_valid        (const char     *identifier);
GTimeZone   *jd_time_zone_new             (const char     *identifier);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDb, jd_db_close)

G_END_DECLS
