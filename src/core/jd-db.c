/* jd-db.c: opening, creating, upgrading, checking and backing up the
 * database file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-output.h"
#include "jd-schema.h"
#include "jd-staff.h"

/* 'JDsk' in the file header marks a Jastar Desk database. */
#define JD_APPLICATION_ID 0x4A44736B
#define BUSY_TIMEOUT_MS   5000

struct _JdDb
{
  sqlite3    *handle;
  char       *path;
  char       *migration_backup;
  GHashTable *statements;       /* SQL text → sqlite3_stmt */
  guint       user_version;
  gboolean    read_only;
  /* Who acts through this connection (jd-staff.c). */
  gpointer       actor;
  GDestroyNotify actor_free;
  GTimeZone     *time_zone;     /* the centre's (jd-time-zone.c) */
  gint64         time_zone_data_version;
  /* Search tokens gathered during a bulk import (jd-search.c). */
  gpointer       bulk;
  GDestroyNotify bulk_free;
};

G_DEFINE_QUARK (jd-db-error-quark, jd_db_error)

/**
 * jd_db_get_time_zone:
 *
 * The centre's time zone (the "centre.time-zone" setting): every day,
 * month, age on a visit and report period is counted in it, never in
 * the machine's. Read once per connection, and again when another
 * connection has written to the file since (PRAGMA data_version) or
 * this one changed the setting: GLib would otherwise read the zone
 * file on every call, which shows in loops over thousands of rows.
 *
 * @db may be %NULL (screens before a database is open): the default
 * zone.
 *
 * Returns: (transfer none): the zone
 */
GTimeZone *
jd_db_get_time_zone (JdDb *db)
{
  static GTimeZone *default_zone;
  sqlite3_stmt *stmt;
  gint64 version = -1;

  if (db == NULL)
    {
      if (g_once_init_enter (&default_zone))
        g_once_init_leave (&default_zone, jd_time_zone_new (NULL));
      return default_zone;
    }

  stmt = jd_db_prepare (db, "PRAGMA data_version", NULL);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        version = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (db->time_zone == NULL || version != db->time_zone_data_version)
    {
      g_autofree char *identifier = jd_db_get_setting (db, JD_SETTING_TIME_ZONE);

      g_clear_pointer (&db->time_zone, g_time_zone_unref);
      db->time_zone = jd_time_zone_new (identifier);
      db->time_zone_data_version = version;
    }
  return db->time_zone;
}

/* After this connection changed the setting (its own writes do not
 * change data_version). */
void
jd_db_forget_time_zone (JdDb *db)
{
  g_clear_pointer (&db->time_zone, g_time_zone_unref);
}

guint
jd_db_schema_version (void)
{
  guint n;

  jd_schema_get_migrations (&n);
  return n;
}

void
jd_db_set_actor_data (JdDb           *db,
                      gpointer        actor,
                      GDestroyNotify  actor_free)
{
  if (db->actor != NULL && db->actor_free != NULL)
    db->actor_free (db->actor);
  db->actor = actor;
  db->actor_free = actor_free;
}

gpointer
jd_db_get_actor_data (JdDb *db)
{
  return db->actor;
}

gint64
jd_db_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * jd_db_default_path:
 *
 * Returns: `$XDG_DATA_HOME/jastar-desk/jastar.db`
 */
const char *
jd_db_default_path (void)
{
  static char *path;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      path = g_build_filename (g_get_user_data_dir (), "jastar-desk",
                               "jastar.db", NULL);
      g_once_init_leave (&initialized, 1);
    }

  return path;
}

static JdDbError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return JD_DB_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return JD_DB_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return JD_DB_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return JD_DB_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return JD_DB_ERROR_LOCKED;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return JD_DB_ERROR_IO;
    case SQLITE_CONSTRAINT:
      return JD_DB_ERROR_CONSTRAINT;
    default:
      return JD_DB_ERROR_FAILED;
    }
}

static void
set_error_for_code (GError     **error,
                    JdDbError    code,
                    const char  *path,
                    const char  *detail)
{
  g_autofree char *name = path ? g_filename_display_name (path) : g_strdup ("");

  switch (code)
    {
    case JD_DB_ERROR_NOT_A_DATABASE:
      g_set_error (error, JD_DB_ERROR, code,
                   _("“%s” is not a Jastar Desk database, or it is badly damaged. "
                     "Choose another file or restore a backup. The file has not been changed."),
                   name);
      break;
    case JD_DB_ERROR_FOREIGN:
      g_set_error (error, JD_DB_ERROR, code,
                   _("“%s” belongs to another program, not to Jastar Desk. "
                     "Choose another file. The file has not been changed."),
                   name);
      break;
    case JD_DB_ERROR_CORRUPT:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The database “%s” is damaged. Restore the latest backup "
                     "and tell your administrator."),
                   name);
      break;
    case JD_DB_ERROR_READ_ONLY:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The database “%s” cannot be written: the file or its folder is read-only. "
                     "Ask your administrator to check the permissions."),
                   name);
      break;
    case JD_DB_ERROR_FULL:
      g_set_error_literal (error, JD_DB_ERROR, code,
                           _("The disk is full, so the change was not saved. "
                             "Free some space and try again; nothing was half-written."));
      break;
    case JD_DB_ERROR_LOCKED:
      g_set_error_literal (error, JD_DB_ERROR, code,
                           _("The database is busy in another program. Wait a moment and try again; "
                             "if it goes on, close other copies of Jastar Desk."));
      break;
    case JD_DB_ERROR_IO:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The database “%s” could not be read or written (%s). "
                     "Check the disk and try again."),
                   name, detail ? detail : "");
      break;
    case JD_DB_ERROR_CONSTRAINT:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The change breaks a rule of the data and was not saved (%s)."),
                   detail ? detail : "");
      break;
    case JD_DB_ERROR_NOT_FOUND:
      g_set_error_literal (error, JD_DB_ERROR, code,
                           _("The record no longer exists. Someone may have removed it."));
      break;
    case JD_DB_ERROR_NEWER_SCHEMA:
    case JD_DB_ERROR_MIGRATION:
    case JD_DB_ERROR_FAILED:
    default:
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                   _("The database reported an unexpected error (%s). Try again; "
                     "if it goes on, tell your administrator."),
                   detail ? detail : "");
      break;
    }
}

void
jd_db_set_error_full (const char  *path,
                      sqlite3     *handle,
                      int          rc,
                      GError     **error)
{
  const char *detail = handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);

  g_debug ("SQLite error %d on %s: %s", rc, path ? path : "?", detail);
  set_error_for_code (error, error_code_from_sqlite (rc), path, detail);
}

void
jd_db_set_error (JdDb    *db,
                 int      rc,
                 GError **error)
{
  g_assert (db != NULL);

  jd_db_set_error_full (db->path, db->handle, rc, error);
}

sqlite3 *
jd_db_get_handle (JdDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->handle;
}

const char *
jd_db_get_path (JdDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->path;
}

guint
jd_db_get_user_version (JdDb *db)
{
  g_return_val_if_fail (db != NULL, 0);

  return db->user_version;
}

/**
 * jd_db_get_migration_backup:
 *
 * Returns: (nullable): the copy made before this open upgraded the file
 */
const char *
jd_db_get_migration_backup (JdDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->migration_backup;
}

/**
 * jd_db_prepare:
 *
 * Returns a cached statement, reset and with its bindings cleared. It
 * belongs to @db: do not finalize it, but reset it when done so that it
 * holds no read transaction open.
 */
sqlite3_stmt *
jd_db_prepare (JdDb        *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (db->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
                           &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  /* The key is the caller's SQL, a string literal that outlives us. */
  g_hash_table_insert (db->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
jd_db_exec (JdDb        *db,
            const char  *sql,
            GError     **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

void
jd_db_set_bulk_data (JdDb           *db,
                     gpointer        data,
                     GDestroyNotify  data_free)
{
  if (db->bulk != NULL && db->bulk_free != NULL)
    db->bulk_free (db->bulk);
  db->bulk = data;
  db->bulk_free = data_free;
}

gpointer
jd_db_get_bulk_data (JdDb *db)
{
  return db->bulk;
}

/**
 * jd_db_drop_indexes:
 * @names: (array zero-terminated=1): index names
 *
 * For a bulk write in the caller's transaction: drops the indexes named
 * (those that exist), so that rows are written without them. Creating an
 * index sorts its entries once, which is much faster than putting a
 * hundred thousand rows into it one by one at random places.
 *
 * Returns: (transfer full): the CREATE INDEX statements to give back to
 *   jd_db_restore_indexes() before the commit, or %NULL on error
 */
GPtrArray *
jd_db_drop_indexes (JdDb               *db,
                    const char * const *names,
                    GError            **error)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = jd_db_prepare (db,
                                          "SELECT sql FROM sqlite_schema"
                                          " WHERE type = 'index' AND name = ?1 AND sql IS NOT NULL",
                                          error);
      g_autofree char *sql = NULL;
      char *drop;
      gboolean ok;
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, names[i], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          jd_db_set_error (db, rc, error);
          return NULL;
        }
      if (sql == NULL)
        continue;

      drop = sqlite3_mprintf ("DROP INDEX \"%w\"", names[i]);
      ok = jd_db_exec (db, drop, error);
      sqlite3_free (drop);
      if (!ok)
        return NULL;
      g_ptr_array_add (created, g_steal_pointer (&sql));
    }
  return g_steal_pointer (&created);
}

gboolean
jd_db_restore_indexes (JdDb       *db,
                       GPtrArray  *created,
                       GError    **error)
{
  for (guint i = 0; i < created->len; i++)
    if (!jd_db_exec (db, created->pdata[i], error))
      return FALSE;
  return TRUE;
}

/**
 * jd_db_step_done:
 *
 * Runs a statement that returns no rows and resets it.
 */
gboolean
jd_db_step_done (JdDb          *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

gboolean
jd_db_begin (JdDb    *db,
             GError **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database fails here,
   * before anything is written, rather than halfway. */
  return jd_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
jd_db_commit (JdDb    *db,
              GError **error)
{
  if (!jd_db_exec (db, "COMMIT", error))
    {
      jd_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}

void
jd_db_rollback (JdDb *db)
{
  g_return_if_fail (db != NULL);

  if (!sqlite3_get_autocommit (db->handle))
    sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
query_int (JdDb        *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  if (rc != SQLITE_OK)
    jd_db_set_error (db, rc, error);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
ensure_parent_dir (const char  *path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                   _("The folder “%s” could not be created (%s). "
                     "Check that the disk is writable."),
                   name, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Creates an empty file that only its owner can read: SQLite gives the
 * WAL and shared-memory files the same permissions later on. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;

      set_error_for_code (error,
                          (saved_errno == EACCES || saved_errno == EROFS)
                            ? JD_DB_ERROR_READ_ONLY : JD_DB_ERROR_IO,
                          path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fd >= 0)
    close (fd);

  return TRUE;
}

/* The file's write bits say whether the administrator means it to be
 * written, even to root, who may write anything. */
static gboolean
check_writable (const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;

  if ((g_stat (path, &st) == 0 && (st.st_mode & 0222) == 0) ||
      g_access (path, W_OK) != 0 ||
      g_access (dir, W_OK) != 0)
    {
      set_error_for_code (error, JD_DB_ERROR_READ_ONLY, path, NULL);
      return FALSE;
    }

  return TRUE;
}

static char *
timestamp_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

char *
jd_db_backup_dir (JdDb *db)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  dir = g_path_get_dirname (db->path);
  return g_build_filename (dir, "backups", NULL);
}

static gboolean
run_migrations (JdDb               *db,
                const JdMigration  *migrations,
                guint               n_migrations,
                GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *pragma = NULL;
  guint from = db->user_version;

  /* Upgrading a file that holds data: keep a copy of it as it was. */
  if (from > 0)
    {
      g_autofree char *dir = jd_db_backup_dir (db);
      g_autofree char *stamp = timestamp_string ();
      g_autofree char *name = g_strdup_printf ("jastar-before-v%u-%s.db",
                                               n_migrations, stamp);
      g_autofree char *dest = g_build_filename (dir, name, NULL);

      if (g_mkdir_with_parents (dir, 0700) != 0 ||
          !jd_db_backup (db, dest, &local_error))
        {
          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION,
                       _("The database needs an upgrade, but the copy made before upgrading "
                         "could not be saved (%s). Nothing was changed."),
                       local_error ? local_error->message : g_strerror (errno));
          return FALSE;
        }

      db->migration_backup = g_steal_pointer (&dest);
    }

  if (!jd_db_begin (db, error))
    return FALSE;

  for (guint i = from; i < n_migrations; i++)
    {
      if (!jd_db_exec (db, migrations[i].sql, &local_error))
        break;
      if (migrations[i].run != NULL && !migrations[i].run (db, &local_error))
        break;
    }

  if (local_error == NULL)
    {
      pragma = g_strdup_printf ("PRAGMA user_version = %u;"
                                "PRAGMA application_id = %d;",
                                n_migrations, JD_APPLICATION_ID);
      jd_db_exec (db, pragma, &local_error);
    }

  if (local_error == NULL)
    jd_db_commit (db, &local_error);
  else
    jd_db_rollback (db);

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, JD_DB_ERROR, JD_DB_ERROR_FULL) ||
          g_error_matches (local_error, JD_DB_ERROR, JD_DB_ERROR_LOCKED) ||
          g_error_matches (local_error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION,
                     _("The database could not be upgraded to version %u, so it was left "
                       "as it was (%s)."),
                     n_migrations, local_error->message);
      return FALSE;
    }

  if (from > 0)
    g_message ("Upgraded %s from version %u to %u; the old file is kept at %s",
               db->path, from, n_migrations, db->migration_backup);

  db->user_version = n_migrations;
  return TRUE;
}

/* Reads the header and the schema without writing anything, so that a
 * file that is not ours is refused untouched. */
static gboolean
validate (JdDb     *db,
          guint     n_migrations,
          gboolean *is_empty,
          GError  **error)
{
  gint64 version = 0, app_id = 0, n_objects = 0;

  if (!query_int (db, "PRAGMA user_version", &version, error) ||
      !query_int (db, "PRAGMA application_id", &app_id, error) ||
      !query_int (db, "SELECT count(*) FROM sqlite_master", &n_objects, error))
    return FALSE;

  *is_empty = (n_objects == 0 && version == 0);

  if (!*is_empty && app_id != JD_APPLICATION_ID)
    {
      set_error_for_code (error, JD_DB_ERROR_FOREIGN, db->path, NULL);
      return FALSE;
    }

  if (version > n_migrations)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_NEWER_SCHEMA,
                   _("This database was made by a newer version of Jastar Desk "
                     "(data version %u; this version reads up to %u). Install the newer "
                     "version to open it. The file has not been changed."),
                   (guint) version, n_migrations);
      return FALSE;
    }

  db->user_version = (guint) version;
  return TRUE;
}

static gboolean
configure (JdDb    *db,
           GError **error)
{
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (db->handle, 1);

  if (!jd_db_exec (db, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  if (db->read_only)
    return TRUE;

  return jd_db_exec (db,
                     "PRAGMA journal_mode = WAL;"
                     "PRAGMA synchronous = NORMAL;",
                     error);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* A WAL database is read through its -shm file, which a reader makes
 * when it is missing: in a folder this user cannot write, reading (for
 * --check or --backup) failed. When neither -wal nor -shm exists, no
 * connection has the file open in WAL mode and none can start without
 * writing the folder, which this user cannot, so the file is read as
 * it stands (immutable). Anyone who can write the folder does so as
 * usual. */
static gboolean
immutable_ok (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  return g_access (dir, W_OK) != 0 &&
         !g_file_test (wal, G_FILE_TEST_EXISTS) &&
         !g_file_test (shm, G_FILE_TEST_EXISTS);
}

JdDb *
jd_db_open_with_migrations (const char         *path,
                            JdDbOpenFlags       flags,
                            const JdMigration  *migrations,
                            guint               n_migrations,
                            GError            **error)
{
  g_autoptr(JdDb) db = NULL;
  gboolean read_only = (flags & JD_DB_OPEN_READ_ONLY) != 0;
  gboolean is_empty = FALSE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (migrations != NULL || n_migrations == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & JD_DB_OPEN_CREATE) || read_only)
        {
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                       _("There is no database at “%s”. Check the path."), name);
          return NULL;
        }

      if (!ensure_parent_dir (path, error) || !create_private_file (path, error))
        return NULL;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      set_error_for_code (error, JD_DB_ERROR_NOT_A_DATABASE, path, NULL);
      return NULL;
    }
  else if (!read_only && !check_writable (path, error))
    {
      return NULL;
    }

  db = g_new0 (JdDb, 1);
  db->path = g_strdup (path);
  db->read_only = read_only;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          finalize_statement);

  if (read_only && immutable_ok (path))
    {
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
      g_autofree char *uri = g_strconcat (file_uri, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (uri, &db->handle,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
                            SQLITE_OPEN_EXRESCODE,
                            NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &db->handle,
                          (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                          SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE,
                          NULL);
  if (rc != SQLITE_OK)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  /* Before the first read: another desk opening, closing or backing up
   * the same file holds it for a moment, and validate()'s reads must
   * wait for it like every other statement, not fail at once. */
  sqlite3_busy_timeout (db->handle, BUSY_TIMEOUT_MS);

  if (!validate (db, n_migrations, &is_empty, error))
    return NULL;

  /* Only a first run may make a database. Anyone else given an empty
   * (often zero-byte) file has the wrong path or lost the data: making
   * a new database there would hide that behind "0 rows". */
  if (is_empty && !(flags & JD_DB_OPEN_CREATE))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_A_DATABASE,
                   _("The file “%s” is empty, not a Jastar Desk database. Check the path, "
                     "or restore the database from a backup."),
                   name);
      return NULL;
    }

  if (read_only && db->user_version < n_migrations)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_MIGRATION,
                   _("The database “%s” is from an older version and must be opened in "
                     "Jastar Desk once to be upgraded."),
                   name);
      return NULL;
    }

  if (!configure (db, error))
    return NULL;

  if (db->user_version < n_migrations &&
      !run_migrations (db, migrations, n_migrations, error))
    return NULL;

  return g_steal_pointer (&db);
}

/**
 * jd_db_open:
 * @path: the file
 * @flags: #JdDbOpenFlags
 * @error: a #JD_DB_ERROR with a message for people
 *
 * Opens the file, creating it (mode 0600, folder 0700) with
 * %JD_DB_OPEN_CREATE, and upgrades it to the current schema. A file that
 * is not ours, is damaged, read-only or newer than this program is
 * refused and left as it was; so is a missing or empty file unless
 * @flags has %JD_DB_OPEN_CREATE (the window's first run, demo data).
 */
JdDb *
jd_db_open (const char     *path,
            JdDbOpenFlags   flags,
            GError        **error)
{
  const JdMigration *migrations;
  guint n;

  migrations = jd_schema_get_migrations (&n);
  return jd_db_open_with_migrations (path, flags, migrations, n, error);
}

void
jd_db_close (JdDb *db)
{
  if (db == NULL)
    return;

  jd_db_set_actor_data (db, NULL, NULL);
  jd_db_set_bulk_data (db, NULL, NULL);
  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db->migration_backup);
  g_clear_pointer (&db->time_zone, g_time_zone_unref);
  g_free (db);
}

/**
 * jd_db_check_integrity:
 * @quick: %TRUE for PRAGMA quick_check, %FALSE for the full integrity_check
 * @report: (out) (optional): what was found, one problem per line
 *
 * Returns: %TRUE when the file is healthy; %FALSE with @report set when
 *   it is damaged; %FALSE with @error set when it could not be checked.
 */
gboolean
jd_db_check_integrity (JdDb      *db,
                       gboolean   quick,
                       char     **report,
                       GError   **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  rc = sqlite3_prepare_v2 (db->handle,
                           quick ? "PRAGMA quick_check" : "PRAGMA integrity_check",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);

          if (g_strcmp0 (line, "ok") != 0)
            g_string_append_printf (problems, "%s\n", line ? line : "");
        }
    }
  sqlite3_finalize (stmt);

  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (db->handle, "PRAGMA foreign_key_check", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_string_append_printf (problems,
                                "foreign key: %s row %lld refers to a missing %s\n",
                                sqlite3_column_text (stmt, 0),
                                (long long) sqlite3_column_int64 (stmt, 1),
                                sqlite3_column_text (stmt, 2));
      sqlite3_finalize (stmt);
    }

  if (rc != SQLITE_DONE)
    {
      /* A damaged file may fail the check itself. */
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        {
          g_string_append_printf (problems, "%s\n", sqlite3_errmsg (db->handle));
        }
      else
        {
          jd_db_set_error (db, rc, error);
          return FALSE;
        }
    }

  if (report != NULL)
    *report = problems->len > 0 ? g_strdup (problems->str) : NULL;

  return problems->len == 0;
}

/**
 * jd_db_backup:
 * @dest_path: where the copy goes; an existing file is replaced
 *
 * Copies the database with SQLite's online backup API while others go on
 * using it, into a temporary file that is checked and then renamed, so
 * @dest_path is never a half-written copy.
 */
/* Copies the database into @path, a file of the caller's, in place;
 * @name is how errors call it. */
static gboolean
backup_into (JdDb        *db,
             const char  *path,
             const char  *name,
             GError     **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (path, &dest,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      jd_db_set_error_full (name, dest, rc, error);
      goto out;
    }

  backup = sqlite3_backup_init (dest, "main", db->handle, "main");
  if (backup == NULL)
    {
      jd_db_set_error_full (name, dest, sqlite3_errcode (dest), error);
      goto out;
    }

  /* Copy in steps so writers are not held off for the whole copy. */
  do
    {
      rc = sqlite3_backup_step (backup, 4096);
      /* Extended codes too (SQLITE_BUSY_RECOVERY while another desk
       * opens the file): busy is busy. */
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      jd_db_set_error_full (name, NULL, rc, error);
      goto out;
    }

  /* The copy is in WAL mode like the original; fold it into one file. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      jd_db_set_error_full (name, dest, rc, error);
      goto out;
    }
  ok = TRUE;

out:
  if (dest != NULL)
    sqlite3_close_v2 (dest);
  return ok;
}

/**
 * jd_db_backup:
 * @dest_path: where the copy goes; an existing file is replaced
 *
 * Copies the database with SQLite's online backup API while others go on
 * using it, into a temporary file that is checked and then renamed, so
 * @dest_path is never a half-written copy.
 */
gboolean
jd_db_backup (JdDb        *db,
              const char  *dest_path,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!ensure_parent_dir (dest_path, error))
    return FALSE;

  /* A private file of its own, locked while it is written: two desks
   * copying to the same place at once each write their own, and one
   * left by a killed program is removed by the next
   * (jd_output_clean_stale ()), not kept beside the backups for ever. */
  fd = jd_output_temp_new (dest_path, &tmp_path, &local_error);
  if (fd < 0)
    {
      set_error_for_code (error,
                          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
                          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY)
                            ? JD_DB_ERROR_READ_ONLY : JD_DB_ERROR_IO,
                          dest_path, local_error->message);
      return FALSE;
    }

  if (backup_into (db, tmp_path, dest_path, error))
    {
      if (g_rename (tmp_path, dest_path) == 0)
        ok = TRUE;
      else
        set_error_for_code (error, JD_DB_ERROR_IO, dest_path, g_strerror (errno));
    }
  /* Removed while still locked. */
  if (!ok)
    jd_db_remove_files (tmp_path);
  close (fd);
  return ok;
}

/**
 * jd_db_backup_to_temp:
 * @near: a file in the folder where the copy goes
 * @lock_fd: (out): the descriptor that holds the copy's lock
 *
 * Copies the database, as jd_db_backup() does, into a new private
 * temporary file beside @near that stays locked until @lock_fd is
 * closed; remove it (jd_db_remove_files ()) before closing, or the next
 * program's clean-up will.
 *
 * Returns: (transfer full): the copy's path, or %NULL
 */
char *
jd_db_backup_to_temp (JdDb        *db,
                      const char  *near,
                      int         *lock_fd,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  int fd;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (near != NULL && lock_fd != NULL, NULL);

  fd = jd_output_temp_new (near, &tmp_path, &local_error);
  if (fd < 0)
    {
      set_error_for_code (error, JD_DB_ERROR_IO, near, local_error->message);
      return NULL;
    }
  if (!backup_into (db, tmp_path, near, error))
    {
      jd_db_remove_files (tmp_path);
      close (fd);
      return NULL;
    }
  *lock_fd = fd;
  return g_steal_pointer (&tmp_path);
}

/**
 * jd_db_remove_files:
 * @path: a database file
 *
 * Removes @path and the journal, -wal and -shm files SQLite may have
 * made beside it.
 */
void
jd_db_remove_files (const char *path)
{
  static const char *const extras[] = { "", "-wal", "-shm", "-journal" };

  g_return_if_fail (path != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      g_autofree char *name = g_strconcat (path, extras[i], NULL);

      g_unlink (name);
    }
}

/* Moves @path (and its -wal and -shm, so that a stale log is never
 * applied to another file) to @path + @suffix; FALSE when @path exists
 * and could not be moved. */
static gboolean
move_with_log (const char *path,
               const char *suffix,
               gboolean    back)
{
  static const char *const extras[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      g_autofree char *from = g_strconcat (path, extras[i], back ? suffix : "", NULL);
      g_autofree char *to = g_strconcat (path, extras[i], back ? "" : suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0 && i == 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * jd_db_restore_file:
 * @damaged_copy: (out) (optional): where the file that was there went
 *
 * For a file that cannot be opened: checks @source (ours, not newer,
 * healthy), moves @dest_path aside and copies @source in its place.
 */
gboolean
jd_db_restore_file (const char  *dest_path,
                    const char  *source,
                    char       **damaged_copy,
                    GError     **error)
{
  g_autoptr(JdDb) from = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *aside = NULL;
  gboolean had_file;

  g_return_val_if_fail (dest_path != NULL && source != NULL, FALSE);

  from = jd_db_open (source, JD_DB_OPEN_READ_ONLY, &local_error);
  if (from == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                   _("This file cannot be restored: %s"), local_error->message);
      return FALSE;
    }
  if (!jd_db_check_integrity (from, TRUE, &report, NULL))
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT,
                           _("This backup is damaged and cannot be restored. Choose an earlier one."));
      return FALSE;
    }

  stamp = timestamp_string ();
  suffix = g_strdup_printf (".damaged-%s", stamp);
  aside = g_strconcat (dest_path, suffix, NULL);
  had_file = g_file_test (dest_path, G_FILE_TEST_EXISTS);
  if (had_file && !move_with_log (dest_path, suffix, FALSE))
    {
      int saved = errno;

      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY,
                   _("The damaged database could not be moved aside (%s), so nothing was restored. "
                     "Ask your administrator to check the folder’s permissions."),
                   g_strerror (saved));
      return FALSE;
    }

  if (!jd_db_backup (from, dest_path, &local_error))
    {
      /* Put back what was there. */
      if (had_file)
        move_with_log (dest_path, suffix, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (damaged_copy != NULL)
    *damaged_copy = had_file ? g_steal_pointer (&aside) : NULL;
  return TRUE;
}

/**
 * jd_db_get_setting:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
jd_db_get_setting (JdDb       *db,
                   const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = jd_db_prepare (db, "SELECT value FROM setting WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
jd_db_set_setting (JdDb        *db,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  /* Centre-wide settings are the administrator's. */
  if (!jd_access_check (db, JD_PERM_MANAGE_SETTINGS, error))
    return FALSE;

  /* The zone is also kept as a table of UTC offsets for SQL, and ages
   * on visits follow it. */
  if (g_str_equal (key, JD_SETTING_TIME_ZONE))
    return jd_db_set_time_zone (db, value, error);

  stmt = jd_db_prepare (db,
                        "INSERT INTO setting (key, value, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?3)"
                        " ON CONFLICT (key) DO UPDATE"
                        " SET value = excluded.value, updated_at = excluded.updated_at",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);

  /* The change and its audit entry together. */
  if (!jd_db_begin (db, error))
    {
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_SETTING, 0, key, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}
