/* jd-backup-restore.c: putting a backup back, for a database that
 * opens and for one that does not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-backup"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-backup.h"
#include "jd-backup-private.h"
#include "jd-db-private.h"
#include "jd-privacy.h"
#include "jd-privacy-private.h"
#include "jd-staff.h"

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

  stamp = jd_db_timestamp_string ();
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
  JdStmt *read, *have, *insert;
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

  while ((rc = jd_stmt_step (read)) == JD_STEP_ROW)
    {
      gboolean known;
      const char *action = jd_stmt_column_text (read, 3);
      const char *target = jd_stmt_column_text (read, 4);

      jd_stmt_bind_int64 (have, 1, jd_stmt_column_int64 (read, 0));
      jd_stmt_bind_int64 (have, 2, jd_stmt_column_int64 (read, 2));
      jd_stmt_bind_text (have, 3, action);
      known = jd_stmt_step (have) == JD_STEP_ROW;
      jd_stmt_reset (have);
      if (known)
        continue;

      for (int i = 0; i < 9; i++)
        jd_stmt_bind_column (insert, i + 1, read, i);
      if (!jd_db_step_done (restored, insert, error))
        {
          jd_stmt_reset (read);
          return FALSE;
        }
      (*n_carried)++;

      if (g_strcmp0 (target, JD_AUDIT_TARGET_VISITOR) == 0 &&
          (g_strcmp0 (action, JD_AUDIT_DELETED) == 0 ||
           g_strcmp0 (action, JD_AUDIT_ANONYMISED) == 0))
        {
          Erased e = { jd_stmt_column_int64 (read, 2), g_strdup (action),
                       jd_stmt_column_int64 (read, 5), 0 };

          if (!jd_privacy_erasure_parse (jd_stmt_column_text (read, 6), &e.registered))
            e.registered = 0;
          g_array_append_val (erased, e);
        }
    }
  jd_stmt_reset (read);
  if (rc != JD_STEP_DONE)
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
  JdStmt *present;

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

      jd_stmt_bind_int64 (present, 1, e->record_id);
      jd_stmt_bind_int64 (present, 2, e->at);
      jd_stmt_bind_int64 (present, 3, e->registered);
      found = jd_stmt_step (present) == JD_STEP_ROW;
      jd_stmt_reset (present);
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

/* The backup as it will be restored: a working copy beside the
 * database with the present's audit entries carried in, the deletions
 * and anonymisations since the backup done again, and the restore
 * itself recorded, all in one transaction. Returns its path. */
static char *
prepare_restore (JdDb             *db,
                 JdDb             *from,
                 const char       *source,
                 JdRestoreReport  *report,
                 int              *lock_fd,
                 GError          **error)
{
  g_autofree char *work_path = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(JdDb) work = NULL;
  g_autoptr(GError) local_error = NULL;

  /* A private, locked file: one left by a restore that was killed is
   * removed at the next start, not kept beside the database. */
  work_path = jd_db_backup_to_temp (from, jd_db_get_path (db), lock_fd, &local_error);
  if (work_path == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY,
                   _("The restore could not be prepared beside the database (%s), so nothing "
                     "was restored. Check that the disk has free space and can be written."),
                   local_error->message);
      return NULL;
    }
  work = jd_db_open (work_path, JD_DB_OPEN_DEFAULT, error);
  if (work == NULL || !jd_db_begin (work, error))
    goto fail;

  detail = g_path_get_basename (source);
  if (!jd_backup_carry_over (db, work, report, error) ||
      !jd_audit_record_for (work, jd_db_get_actor_id (db), JD_AUDIT_RESTORED,
                            JD_AUDIT_TARGET_DATABASE, 0, detail, error) ||
      !jd_db_commit (work, error))
    {
      jd_db_rollback (work);
      goto fail;
    }
  return g_steal_pointer (&work_path);

fail:
  g_clear_pointer (&work, jd_db_close);
  jd_db_remove_files (work_path);
  close (*lock_fd);
  *lock_fd = -1;
  return NULL;
}

gboolean
jd_backup_restore (JdDb        *db,
                   const char  *source,
                   char       **safety_copy,
                   GError     **error)
{
  return jd_backup_restore_full (db, source, safety_copy, NULL, error);
}

gboolean
jd_backup_restore_full (JdDb             *db,
                        const char       *source,
                        char            **safety_copy,
                        JdRestoreReport  *report,
                        GError          **error)
{
  g_autoptr(JdDb) from = NULL;
  g_autoptr(JdDb) work = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *work_path = NULL;
  JdRestoreReport counts = { 0, };
  gboolean copied;
  int lock_fd = -1;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_RESTORE, error))
    return FALSE;

  /* The backup first: ours, not from a newer version, healthy. */
  from = jd_db_open (source, JD_DB_OPEN_READ_ONLY, &local_error);
  if (from == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                   _("This file cannot be restored: %s"), local_error->message);
      return FALSE;
    }
  if (!jd_db_check_integrity (from, TRUE, &integrity, &local_error))
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_CORRUPT,
                   _("This backup is damaged and cannot be restored. Choose an earlier one."));
      return FALSE;
    }

  /* Then a copy of what is there now, in case this was the wrong file. */
  folder = jd_backup_get_folder (db);
  safety = jd_backup_path (db, "before-restore");
  if (g_mkdir_with_parents (folder, 0700) != 0 || !jd_db_backup (db, safety, &local_error))
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                   _("The current data could not be saved before restoring (%s), so nothing "
                     "was restored."),
                   local_error ? local_error->message : g_strerror (errno));
      return FALSE;
    }

  work_path = prepare_restore (db, from, source, &counts, &lock_fd, error);
  if (work_path == NULL)
    return FALSE;
  work = jd_db_open (work_path, JD_DB_OPEN_READ_ONLY, error);
  if (work == NULL)
    {
      jd_db_remove_files (work_path);
      close (lock_fd);
      return FALSE;
    }

  /* One step: the online backup API copies every page of the prepared
   * copy into this database in one write transaction, so other desks
   * see the old data or the restored data, never a mix. */
  copied = jd_db_replace_contents (db, work, error);
  g_clear_pointer (&work, jd_db_close);
  jd_db_remove_files (work_path);
  close (lock_fd);
  if (!copied)
    return FALSE;

  /* The accounts are now those of the backup, so nobody is signed in
   * any more. */
  jd_staff_sign_out (db);

  if (report != NULL)
    *report = counts;
  if (safety_copy != NULL)
    *safety_copy = g_steal_pointer (&safety);
  return TRUE;
}
