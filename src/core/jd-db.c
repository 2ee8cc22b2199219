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
#include <sys/stat.h>
#include <unistd.h>

#include "jd-pg-private.h"
#include "jd-sqlite-private.h"

/* 'JDsk' in the file header marks a Jastar Desk database. */
#define JD_APPLICATION_ID 0x4A44736B
#define BUSY_TIMEOUT_MS   5000

struct _JdDb
{
  const JdDbEngine *engine;     /* first: JD_DB_ENGINE () reads it */
  gpointer    engine_data;      /* the server engine's connection */
  sqlite3    *handle;           /* the SQLite engine's */
  char       *path;
  char       *migration_backup;
  GHashTable *statements;       /* SQL text → JdStmt */
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

G_STATIC_ASSERT (G_STRUCT_OFFSET (JdDb, engine) == G_STRUCT_OFFSET (JdDbHead, engine));

G_DEFINE_QUARK (jd-db-error-quark, jd_db_error)

JdDb *
jd_db_new (const JdDbEngine *engine,
           const char       *path,
           gboolean          read_only)
{
  JdDb *db = g_new0 (JdDb, 1);

  db->engine = engine;
  db->path = g_strdup (path);
  db->read_only = read_only;
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          engine->stmt_free);
  return db;
}

gboolean
jd_db_is_read_only (JdDb *db)
{
  return db->read_only;
}

void
jd_db_set_user_version (JdDb  *db,
                        guint  version)
{
  db->user_version = version;
}

gpointer
jd_db_get_engine_data (JdDb *db)
{
  return db->engine_data;
}

void
jd_db_set_engine_data (JdDb     *db,
                       gpointer  data)
{
  db->engine_data = data;
}

/* Frees every cached statement: a server connection made again has
 * none of those it had prepared. Nobody may hold one across the call. */
void
jd_db_forget_statements (JdDb *db)
{
  g_hash_table_remove_all (db->statements);
}

/* After this connection changed the setting (its own writes do not
 * change data_version). */
void
jd_db_forget_time_zone (JdDb *db)
{
  g_clear_pointer (&db->time_zone, g_time_zone_unref);
}

GTimeZone *
jd_db_get_cached_time_zone (JdDb   *db,
                            gint64 *data_version)
{
  *data_version = db->time_zone_data_version;
  return db->time_zone;
}

/* Takes @tz. */
void
jd_db_set_cached_time_zone (JdDb      *db,
                            GTimeZone *tz,
                            gint64     data_version)
{
  g_clear_pointer (&db->time_zone, g_time_zone_unref);
  db->time_zone = tz;
  db->time_zone_data_version = data_version;
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

void
jd_sqlite_set_error (JdDb    *db,
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
JdStmt *
jd_db_prepare (JdDb        *db,
               const char  *sql,
               GError     **error)
{
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (db->statements, sql);
  if (stmt != NULL)
    {
      db->engine->reset (stmt);
      db->engine->clear_bindings (stmt);
      return stmt;
    }

  stmt = db->engine->prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  /* A copy of the text is the key: SQL made on the fly (a PRAGMA with
   * its value, a test's query) is freed by its caller. */
  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
jd_sqlite_exec (JdDb        *db,
                const char  *sql,
                GError     **error)
{
  int rc;

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

gboolean
jd_sqlite_begin (JdDb    *db,
                 GError **error)
{
  /* IMMEDIATE takes the write lock now, so a busy database fails here,
   * before anything is written, rather than halfway. */
  return jd_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
jd_sqlite_commit (JdDb    *db,
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
jd_sqlite_rollback (JdDb *db)
{
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

gboolean
jd_db_ensure_parent_dir (const char  *path,
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

      jd_db_set_error_for_code (error,
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
      jd_db_set_error_for_code (error, JD_DB_ERROR_READ_ONLY, path, NULL);
      return FALSE;
    }

  return TRUE;
}

char *
jd_db_timestamp_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

char *
jd_db_backup_dir (JdDb *db)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  /* A server's backups are kept beside the desk's own data. */
  if (!jd_db_is_sqlite (db))
    return g_build_filename (g_get_user_data_dir (), "jastar-desk", "backups", NULL);

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
      g_autofree char *stamp = jd_db_timestamp_string ();
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
      jd_db_set_error_for_code (error, JD_DB_ERROR_FOREIGN, db->path, NULL);
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

  if (jd_db_path_is_server (path))
    return jd_pg_open (path, flags, error);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!(flags & JD_DB_OPEN_CREATE) || read_only)
        {
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                       _("There is no database at “%s”. Check the path."), name);
          return NULL;
        }

      if (!jd_db_ensure_parent_dir (path, error) || !create_private_file (path, error))
        return NULL;
    }
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      jd_db_set_error_for_code (error, JD_DB_ERROR_NOT_A_DATABASE, path, NULL);
      return NULL;
    }
  else if (!read_only && !check_writable (path, error))
    {
      return NULL;
    }

  db = jd_db_new (&jd_sqlite_engine, path, read_only);

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

void
jd_db_close (JdDb *db)
{
  if (db == NULL)
    return;

  jd_db_set_actor_data (db, NULL, NULL);
  jd_db_set_bulk_data (db, NULL, NULL);
  g_clear_pointer (&db->statements, g_hash_table_unref);
  db->engine->close (db);
  g_free (db->path);
  g_free (db->migration_backup);
  g_clear_pointer (&db->time_zone, g_time_zone_unref);
  g_free (db);
}

void
jd_sqlite_close (JdDb *db)
{
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  db->handle = NULL;
}

/* @quick: PRAGMA quick_check rather than the full integrity_check. */
gboolean
jd_sqlite_check_integrity (JdDb      *db,
                           gboolean   quick,
                           char     **report,
                           GError   **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

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

  /* visitor_month counts every visit once (schema v12). */
  if (problems->len == 0 &&
      sqlite3_prepare_v2 (db->handle,
                          "SELECT (SELECT count(*) FROM visit), (SELECT count(*) FROM visit"
                          "  WHERE occupation IN ('unemployed_seeking', 'not_seeking')),"
                          " (SELECT coalesce (sum (visits), 0) FROM visitor_month),"
                          " (SELECT coalesce (sum (neet_visits), 0) FROM visitor_month)",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW &&
          (sqlite3_column_int64 (stmt, 0) != sqlite3_column_int64 (stmt, 2) ||
           sqlite3_column_int64 (stmt, 1) != sqlite3_column_int64 (stmt, 3)))
        g_string_append_printf (problems,
                                "visitor_month: counts %lld visits (%lld NEET), visit holds %lld (%lld NEET)\n",
                                (long long) sqlite3_column_int64 (stmt, 2),
                                (long long) sqlite3_column_int64 (stmt, 3),
                                (long long) sqlite3_column_int64 (stmt, 0),
                                (long long) sqlite3_column_int64 (stmt, 1));
      sqlite3_finalize (stmt);
    }
  if (problems->len == 0 &&
      sqlite3_prepare_v2 (db->handle, JD_SQL_MONTH_TOTAL_MISMATCHES, -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != 0)
        g_string_append_printf (problems, "month_total: %lld months differ from visitor_month\n",
                                (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }

  if (report != NULL)
    *report = problems->len > 0 ? g_strdup (problems->str) : NULL;

  return problems->len == 0;
}
