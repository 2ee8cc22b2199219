/* jd-backup.c: the daily start-up copy, how long copies are kept, and
 * what a restore carries over from the present
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup holds everyone who was in the database when it was made. So
 * that a person deleted at their request does not live on in copies,
 * every kind of copy is removed after a time the administrator sees in
 * Preferences, and restoring an older copy deletes again everyone the
 * audit trail says was deleted (or anonymised) after it was made. The
 * audit trail itself never loses an entry through a restore.
 */
#define G_LOG_DOMAIN "jd-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-backup.h"
#include "jd-backup-private.h"
#include "jd-db-private.h"
#include "jd-privacy.h"
#include "jd-privacy-private.h"
#include "jd-settings.h"
#include "jd-staff.h"

/* The daily copy (moved here from jd-db.c with its lock). */

static void
folder_error (GError     **error,
              const char  *folder,
              int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (folder);

  g_set_error (error, JD_DB_ERROR,
               (saved_errno == EACCES || saved_errno == EROFS) ? JD_DB_ERROR_READ_ONLY : JD_DB_ERROR_IO,
               _("The backups folder “%s” cannot be created (%s). Choose another folder "
                 "in Preferences."),
               name, g_strerror (saved_errno));
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

#define LOCK_BUSY  (-1)
#define LOCK_ERROR (-2)
#define LOCK_NONE  (-3)

/* The daily copy's lock: an flock() on a file in the backups folder,
 * held only while the copy is made and let go by the system if the
 * program dies. Returns its descriptor, LOCK_BUSY when another desk
 * holds it, or LOCK_NONE where the file system has no locks (the copy
 * is then made unlocked: its temporary name is its own anyway). */
static int
lock_daily (const char  *backup_dir,
            GError     **error)
{
  g_autofree char *path = g_build_filename (backup_dir, ".jastar-daily.lock", NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      folder_error (error, backup_dir, errno);
      return LOCK_ERROR;
    }
  if (flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (fd);
      return saved_errno == EWOULDBLOCK ? LOCK_BUSY : LOCK_NONE;
    }
  return fd;
}

static void
unlock_daily (int fd)
{
  if (fd >= 0)
    close (fd);
}

/**
 * jd_db_auto_backup:
 * @backup_dir: where daily copies live
 * @keep: how many daily copies to keep (at least 1)
 * @now: the current time, local
 *
 * Makes today's copy `jastar-YYYY-MM-DD.db` unless it exists or
 * another desk is making it, then removes the oldest daily copies
 * beyond @keep.
 *
 * Returns: (transfer full) (nullable): the new copy's path, or %NULL
 *   when today's copy already existed, another desk was making it, or
 *   on error
 */
char *
jd_db_auto_backup (JdDb        *db,
                   const char  *backup_dir,
                   guint        keep,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GPtrArray) daily = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  int lock;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (backup_dir != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  day = g_date_time_format (now, "%Y-%m-%d");
  name = g_strdup_printf ("jastar-%s.db", day);
  dest = g_build_filename (backup_dir, name, NULL);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    return NULL;

  if (g_mkdir_with_parents (backup_dir, 0700) != 0)
    {
      folder_error (error, backup_dir, errno);
      return NULL;
    }

  /* One desk makes the day's copy: another that starts at the same
   * moment finds it being made (or made) and leaves it. */
  lock = lock_daily (backup_dir, error);
  if (lock == LOCK_ERROR)
    return NULL;
  if (lock == LOCK_BUSY || g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      unlock_daily (lock);
      return NULL;
    }

  if (!jd_db_backup (db, dest, error))
    {
      unlock_daily (lock);
      return NULL;
    }

  daily = g_ptr_array_new_with_free_func (g_free);
  dir = g_dir_open (backup_dir, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      /* Only our own daily copies, never the user's other files. */
      if (strlen (entry) == strlen ("jastar-YYYY-MM-DD.db") &&
          g_str_has_prefix (entry, "jastar-2") &&
          g_str_has_suffix (entry, ".db"))
        g_ptr_array_add (daily, g_strdup (entry));
    }

  g_ptr_array_sort (daily, compare_strings);
  for (guint i = 0; i + MAX (keep, 1) < daily->len; i++)
    {
      g_autofree char *old = g_build_filename (backup_dir,
                                               g_ptr_array_index (daily, i),
                                               NULL);
      g_unlink (old);
    }

  unlock_daily (lock);
  return g_steal_pointer (&dest);
}

gboolean
jd_backup_daily (const char  *db_path,
                 GDateTime   *now,
                 char       **saved,
                 GError     **error)
{
  g_autoptr(JdDb) db = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (saved != NULL)
    *saved = NULL;

  db = jd_db_open (db_path, JD_DB_OPEN_READ_ONLY, &local_error);
  if (db != NULL && !jd_db_check_integrity (db, TRUE, &report, &local_error) &&
      local_error == NULL)
    {
      g_message ("Integrity check failed: %s", report);
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT,
                           _("The quick check found damage in the database. Stop work, make no "
                             "more changes and ask your administrator to restore the latest backup."));
      return FALSE;
    }

  /* Never back up a damaged file over a good copy: only after the check. */
  if (local_error == NULL)
    {
      folder = jd_backup_get_folder (db);
      copy = jd_db_auto_backup (db, folder, jd_backup_get_keep (db), now, &local_error);
    }
  if (local_error == NULL)
    jd_backup_prune (db, now);

  /* Another desk busy with the file for longer than the busy timeout (a
   * big import, a restore) says nothing about the file: try again at
   * the next start. */
  if (g_error_matches (local_error, JD_DB_ERROR, JD_DB_ERROR_LOCKED))
    {
      g_message ("The start-up check and backup were skipped: %s", local_error->message);
      return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (saved != NULL)
    *saved = g_steal_pointer (&copy);
  return TRUE;
}

/* How long copies are kept. */

guint
jd_backup_get_keep_days (JdDb *db)
{
  g_autofree char *value = jd_db_get_setting (db, JD_SETTING_BACKUP_KEEP_DAYS);
  guint64 days;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 3650, &days, NULL))
    return JD_BACKUP_KEEP_DAYS_DEFAULT;
  return (guint) days;
}

gboolean
jd_backup_set_keep_days (JdDb     *db,
                         guint     days,
                         GError  **error)
{
  g_autofree char *value = NULL;

  if (!jd_access_check (db, JD_PERM_MANAGE_SETTINGS, error))
    return FALSE;
  if (days < 1 || days > 3650)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Keep other backups between 1 and 3650 days."));
      return FALSE;
    }
  value = g_strdup_printf ("%u", days);
  return jd_db_set_setting (db, JD_SETTING_BACKUP_KEEP_DAYS, value, error);
}

/* "jastar-manual-YYYYmmdd-HHMMSS.db", "jastar-before-restore-…" and
 * "jastar-before-vN-…": the time the copy was made, in local time as
 * written, or NULL for any other file (daily copies included). */
static GDateTime *
other_copy_time (const char *name)
{
  static GRegex *pattern = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *stamp = NULL;
  int y, mo, d, h, mi, s;

  if (g_once_init_enter (&pattern))
    g_once_init_leave (&pattern,
                               g_regex_new ("^jastar-(manual|before-restore|before-v[0-9]+)-"
                                            "([0-9]{8}-[0-9]{6})\\.db$", G_REGEX_OPTIMIZE, 0, NULL));
  if (!g_regex_match (pattern, name, 0, &match))
    return NULL;
  stamp = g_match_info_fetch (match, 2);
  if (sscanf (stamp, "%4d%2d%2d-%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return NULL;
  return g_date_time_new_local (y, mo, d, h, mi, s);
}

static guint
prune_folder (const char *folder,
              GDateTime  *cutoff)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint removed = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GDateTime) made = other_copy_time (name);

      if (made != NULL && g_date_time_compare (made, cutoff) < 0)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          if (g_unlink (path) == 0)
            removed++;
        }
    }
  return removed;
}

guint
jd_backup_prune (JdDb      *db,
                 GDateTime *now)
{
  g_autofree char *folder = NULL;
  g_autofree char *beside = NULL;
  g_autoptr(GDateTime) cutoff = NULL;
  guint removed;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (now != NULL, 0);

  folder = jd_backup_get_folder (db);
  beside = jd_db_backup_dir (db);
  cutoff = g_date_time_add_days (now, -(int) jd_backup_get_keep_days (db));

  removed = prune_folder (folder, cutoff);
  /* Copies made before an upgrade go beside the database. */
  if (g_strcmp0 (folder, beside) != 0)
    removed += prune_folder (beside, cutoff);
  if (removed > 0)
    g_message ("Removed %u backups older than %u days", removed, jd_backup_get_keep_days (db));
  return removed;
}

char *
jd_backup_describe_rule (JdDb *db)
{
  guint keep = jd_backup_get_keep (db);
  guint days = jd_backup_get_keep_days (db);
  g_autofree char *daily = NULL;
  g_autofree char *other = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  daily = g_strdup_printf (ngettext ("A copy is made every day when Jastar Desk starts; the last "
                                     "%u daily copy is kept.",
                                     "A copy is made every day when Jastar Desk starts; the last "
                                     "%u daily copies are kept.", keep),
                           keep);
  other = g_strdup_printf (ngettext ("Copies made with Back Up Now, before a restore and before an "
                                     "upgrade are removed after %u day.",
                                     "Copies made with Back Up Now, before a restore and before an "
                                     "upgrade are removed after %u days.", days),
                           days);
  return g_strconcat (daily, " ", other, NULL);
}


char *
jd_backup_get_folder (JdDb *db)
{
  char *folder = jd_db_get_setting (db, JD_SETTING_BACKUP_FOLDER);

  if (folder == NULL || *folder == '\0')
    {
      g_free (folder);
      return jd_db_backup_dir (db);
    }
  return folder;
}

gboolean
jd_backup_set_folder (JdDb        *db,
                      const char  *folder,
                      GError     **error)
{
  if (!jd_access_check (db, JD_PERM_MANAGE_SETTINGS, error))
    return FALSE;
  if (folder == NULL || !g_path_is_absolute (folder))
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Choose a folder for the backups."));
      return FALSE;
    }
  if (g_mkdir_with_parents (folder, 0700) != 0 || g_access (folder, W_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY,
                   _("Backups cannot be saved in “%s” (%s). Choose another folder."),
                   folder, g_strerror (saved));
      return FALSE;
    }
  return jd_db_set_setting (db, JD_SETTING_BACKUP_FOLDER, folder, error);
}

guint
jd_backup_get_keep (JdDb *db)
{
  g_autofree char *value = jd_db_get_setting (db, JD_SETTING_BACKUP_KEEP);
  guint64 keep;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 365, &keep, NULL))
    return JD_BACKUP_KEEP_DEFAULT;
  return (guint) keep;
}

gboolean
jd_backup_set_keep (JdDb     *db,
                    guint     keep,
                    GError  **error)
{
  g_autofree char *value = NULL;

  if (keep < 1 || keep > 365)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Keep between 1 and 365 daily backups."));
      return FALSE;
    }
  value = g_strdup_printf ("%u", keep);
  return jd_db_set_setting (db, JD_SETTING_BACKUP_KEEP, value, error);
}

char *
jd_backup_path (JdDb       *db,
                const char *kind)
{
  g_autofree char *folder = jd_backup_get_folder (db);
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("jastar-%s-%s.db", kind, stamp);

  return g_build_filename (folder, name, NULL);
}

static gboolean
audit_alone (JdDb        *db,
             const char  *action,
             const char  *detail,
             GError     **error)
{
  if (!jd_db_begin (db, error))
    return FALSE;
  if (!jd_audit_record (db, action, JD_AUDIT_TARGET_DATABASE, 0, detail, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

char *
jd_backup_now (JdDb     *db,
               GError  **error)
{
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_BACKUP, error))
    return NULL;

  folder = jd_backup_get_folder (db);
  path = jd_backup_path (db, "manual");
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY,
                   _("The backups folder “%s” cannot be created (%s). Choose another folder "
                     "in Preferences."),
                   folder, g_strerror (saved));
      return NULL;
    }
  if (!jd_db_backup (db, path, error))
    return NULL;

  if (!audit_alone (db, JD_AUDIT_BACKUP, path, error))
    {
      g_unlink (path);
      return NULL;
    }
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    jd_backup_prune (db, now);
  }
  return g_steal_pointer (&path);
}

static gint
newest_first (gconstpointer a,
              gconstpointer b)
{
  GFileInfo *fa = *(GFileInfo **) a;
  GFileInfo *fb = *(GFileInfo **) b;
  g_autoptr(GDateTime) ta = g_file_info_get_modification_date_time (fa);
  g_autoptr(GDateTime) tb = g_file_info_get_modification_date_time (fb);

  if (ta == NULL || tb == NULL)
    return (ta == NULL) - (tb == NULL);
  return g_date_time_compare (tb, ta);
}

/**
 * jd_backup_list:
 *
 * Returns: (transfer full) (element-type GFileInfo)
 */
GPtrArray *
jd_backup_list (JdDb     *db,
                GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = NULL;
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInfo *info;

  g_return_val_if_fail (db != NULL, NULL);

  folder = jd_backup_get_folder (db);
  dir = g_file_new_for_path (folder);
  children = g_file_enumerate_children (dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (children == NULL)
    {
      /* No folder yet: no backups yet. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_steal_pointer (&list);
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                   _("The backups folder “%s” cannot be read (%s)."), folder,
                   local_error->message);
      return NULL;
    }

  while ((info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      const char *name = g_file_info_get_name (info);

      if (g_str_has_prefix (name, "jastar-") && g_str_has_suffix (name, ".db"))
        g_ptr_array_add (list, info);
      else
        g_object_unref (info);
    }
  g_ptr_array_sort (list, newest_first);
  return g_steal_pointer (&list);
}
