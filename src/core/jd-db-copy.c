/* jd-db-copy.c: copying a database in use with SQLite's online backup
 * API, for backups, restores and the copy kept before an upgrade
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "jd-sqlite-private.h"
#include "jd-output.h"

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

  backup = sqlite3_backup_init (dest, "main", jd_db_get_handle (db), "main");
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

  if (!jd_db_is_sqlite (db))
    {
      jd_db_set_unsupported_error (error, _("Backing up"));
      return FALSE;
    }

  if (!jd_db_ensure_parent_dir (dest_path, error))
    return FALSE;

  /* A private file of its own, locked while it is written: two desks
   * copying to the same place at once each write their own, and one
   * left by a killed program is removed by the next
   * (jd_output_clean_stale ()), not kept beside the backups for ever. */
  fd = jd_output_temp_new (dest_path, &tmp_path, &local_error);
  if (fd < 0)
    {
      jd_db_set_error_for_code (error,
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
        jd_db_set_error_for_code (error, JD_DB_ERROR_IO, dest_path, g_strerror (errno));
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

  if (!jd_db_is_sqlite (db))
    {
      jd_db_set_unsupported_error (error, _("Backing up"));
      return NULL;
    }

  fd = jd_output_temp_new (near, &tmp_path, &local_error);
  if (fd < 0)
    {
      jd_db_set_error_for_code (error, JD_DB_ERROR_IO, near, local_error->message);
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

/**
 * jd_db_replace_contents:
 * @from: a database nobody else writes to
 *
 * Replaces every page of @db by those of @from in one write transaction,
 * so other connections see the old data or the new, never a mix.
 */
gboolean
jd_db_replace_contents (JdDb     *db,
                        JdDb     *from,
                        GError  **error)
{
  sqlite3_backup *copy;
  int rc;

  if (!jd_db_is_sqlite (db) || !jd_db_is_sqlite (from))
    {
      jd_db_set_unsupported_error (error, _("Restoring a backup"));
      return FALSE;
    }

  copy = sqlite3_backup_init (jd_db_get_handle (db), "main", jd_db_get_handle (from), "main");
  if (copy == NULL)
    {
      jd_db_set_error (db, sqlite3_errcode (jd_db_get_handle (db)), error);
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (copy, -1);
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);
  sqlite3_backup_finish (copy);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}
