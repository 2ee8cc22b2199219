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
#include "jd-db-private.h"
#include "jd-privacy.h"
#include "jd-privacy-private.h"
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

/* Restore: the present's audit entries and deletions. */

typedef struct
{
  gint64  at;
  char   *action;
  gint64  record_id;
  gint64  registered;   /* 0: not recorded (entries of older versions) */
} Erased;

static void
erased_clear (Erased *e)
{
  g_free (e->action);
}

static gboolean
copy_missing_entries (JdDb        *current,
                      JdDb        *restored,
                      GArray      *erased,
                      guint       *n_carried,
                      GError     **error)
{
  sqlite3_stmt *read, *have, *insert;
  int rc;

  read = jd_db_prepare (current,
                        "SELECT id, staff_id, at, action, target, record_id, detail, created_at,"
                        " updated_at FROM audit ORDER BY id",
                        error);
  have = jd_db_prepare (restored,
                        "SELECT 1 FROM audit WHERE id = ?1 AND at = ?2 AND action = ?3",
                        error);
  /* The entry keeps its number unless the backup used it for another. */
  insert = jd_db_prepare (restored,
                          "INSERT INTO audit (id, staff_id, at, action, target, record_id, detail,"
                          " created_at, updated_at) VALUES ("
                          " CASE WHEN EXISTS (SELECT 1 FROM audit WHERE id = ?1) THEN NULL ELSE ?1 END,"
                          " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                          error);
  if (read == NULL || have == NULL || insert == NULL)
    return FALSE;

  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      gboolean known;
      const char *action = (const char *) sqlite3_column_text (read, 3);
      const char *target = (const char *) sqlite3_column_text (read, 4);

      sqlite3_bind_int64 (have, 1, sqlite3_column_int64 (read, 0));
      sqlite3_bind_int64 (have, 2, sqlite3_column_int64 (read, 2));
      sqlite3_bind_text (have, 3, action, -1, SQLITE_TRANSIENT);
      known = sqlite3_step (have) == SQLITE_ROW;
      sqlite3_reset (have);
      if (known)
        continue;

      for (int i = 0; i < 9; i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (read, i));
      if (!jd_db_step_done (restored, insert, error))
        {
          sqlite3_reset (read);
          return FALSE;
        }
      (*n_carried)++;

      if (g_strcmp0 (target, JD_AUDIT_TARGET_VISITOR) == 0 &&
          (g_strcmp0 (action, JD_AUDIT_DELETED) == 0 ||
           g_strcmp0 (action, JD_AUDIT_ANONYMISED) == 0))
        {
          Erased e = { sqlite3_column_int64 (read, 2), g_strdup (action),
                       sqlite3_column_int64 (read, 5), 0 };

          if (!jd_privacy_erasure_parse ((const char *) sqlite3_column_text (read, 6), &e.registered))
            e.registered = 0;
          g_array_append_val (erased, e);
        }
    }
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (current, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_backup_carry_over (JdDb             *current,
                      JdDb             *restored,
                      JdRestoreReport  *report,
                      GError          **error)
{
  g_autoptr(GArray) erased = g_array_new (FALSE, FALSE, sizeof (Erased));
  sqlite3_stmt *present;

  g_return_val_if_fail (current != NULL && restored != NULL && report != NULL, FALSE);

  g_array_set_clear_func (erased, (GDestroyNotify) erased_clear);
  if (!copy_missing_entries (current, restored, erased, &report->n_audit_carried, error))
    return FALSE;

  /* Only the person the entry names, if the backup holds their data:
   * registered when the entry says (older entries do not say: then at
   * least before the deletion), so a number given to somebody else on
   * another line of history is left alone. */
  present = jd_db_prepare (restored,
                           "SELECT 1 FROM visitor WHERE id = ?1 AND anonymised_at IS NULL"
                           " AND CASE WHEN ?3 > 0 THEN created_at = ?3 ELSE created_at <= ?2 END",
                           error);
  if (present == NULL)
    return FALSE;
  for (guint i = 0; i < erased->len; i++)
    {
      Erased *e = &g_array_index (erased, Erased, i);
      gboolean found;

      sqlite3_bind_int64 (present, 1, e->record_id);
      sqlite3_bind_int64 (present, 2, e->at);
      sqlite3_bind_int64 (present, 3, e->registered);
      found = sqlite3_step (present) == SQLITE_ROW;
      sqlite3_reset (present);
      if (!found)
        continue;

      if (!jd_privacy_erase_visitor (restored, e->record_id, NULL, e->at, error))
        return FALSE;
      if (g_str_equal (e->action, JD_AUDIT_DELETED))
        report->n_deleted_again++;
      else
        report->n_anonymised_again++;
    }
  return TRUE;
}

char *
jd_restore_report_describe (const JdRestoreReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  if (report->n_deleted_again > 0)
    g_string_append_printf (text,
                            ngettext ("%u person deleted at their request after this backup was "
                                      "deleted again.",
                                      "%u people deleted at their request after this backup were "
                                      "deleted again.", report->n_deleted_again),
                            report->n_deleted_again);
  if (report->n_anonymised_again > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              ngettext ("%u person anonymised for retention after this backup was "
                                        "anonymised again.",
                                        "%u people anonymised for retention after this backup were "
                                        "anonymised again.", report->n_anonymised_again),
                              report->n_anonymised_again);
    }
  return text->len > 0 ? g_strdup (text->str) : NULL;
}
