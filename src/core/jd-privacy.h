/* jd-privacy.h: a person's rights over their data, retention and backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-backup.h"
#include "jd-db.h"

G_BEGIN_DECLS

#define JD_SETTING_RETENTION_YEARS "privacy.retention_years"
#define JD_RETENTION_YEARS_DEFAULT 5
#define JD_SETTING_BACKUP_FOLDER   "backup.folder"
#define JD_SETTING_BACKUP_KEEP     "backup.keep"
#define JD_BACKUP_KEEP_DEFAULT     14

/* Everything kept about one visitor (record, categories, consents,
 * visits, consultations without other people's private notes, events)
 * as one UTF-8 JSON file, for the person who asked. Managers and
 * administrators (JD_PERM_EXPORT_PERSONAL); audited. */
gboolean     jd_visitor_export_personal  (JdDb         *db,
                                          gint64        visitor_id,
                                          const char   *path,
                                          GError      **error);

/* Deletion at the person's request: names, IIN, phone, e-mail, notes,
 * locality, social categories, consents (with the guardian's details)
 * and consultation texts are removed and the person is found no more;
 * sex, date of birth, district, occupation and the counts of visits,
 * consultations and attendance stay for anonymous statistics. One
 * transaction, audited. Administrators only (JD_PERM_DELETE_VISITOR). */
gboolean     jd_visitor_delete_on_request (JdDb        *db,
                                           gint64       visitor_id,
                                           GError     **error);

typedef struct
{
  gint64  visitor_id;
  char   *display_name;   /* "Surname Given" */
  char   *birth_date;     /* ISO */
  gint64  last_activity;  /* Unix seconds: the latest of registration,
                           * change, visit, consultation, attendance */
} JdRetentionRow;

void         jd_retention_row_free       (JdRetentionRow *row);

/* Years without activity after which a visitor is anonymised (1–50). */
guint        jd_retention_get_years      (JdDb         *db);
gboolean     jd_retention_set_years      (JdDb         *db,
                                          guint         years,
                                          GError      **error);
/* Visitors with no activity since @years before @now, oldest activity
 * first, at most @limit; @total counts them all. Administrators only.
 * Returns: (transfer full) (element-type JdRetentionRow) */
GPtrArray   *jd_retention_list           (JdDb         *db,
                                          guint         years,
                                          gint64        now,
                                          guint         limit,
                                          guint        *total,
                                          GError      **error);
/* Anonymises every visitor jd_retention_list() finds, in one
 * transaction, each audited. @n_done: how many. */
gboolean     jd_retention_anonymise      (JdDb         *db,
                                          guint         years,
                                          gint64        now,
                                          guint        *n_done,
                                          GError      **error);

/* Backups (the folder and how many daily copies to keep are centre
 * settings: administrators change them). */
char        *jd_backup_get_folder        (JdDb         *db);
gboolean     jd_backup_set_folder        (JdDb         *db,
                                          const char   *folder,
                                          GError      **error);
guint        jd_backup_get_keep          (JdDb         *db);
gboolean     jd_backup_set_keep          (JdDb         *db,
                                          guint         keep,
                                          GError      **error);
/* "Back up now": a copy in the backups folder (managers and
 * administrators), audited. Returns: (transfer full): its path */
char        *jd_backup_now               (JdDb         *db,
                                          GError      **error);
/* Backups in the folder, newest first.
 * Returns: (transfer full) (element-type GFileInfo): with
 *   standard::name, standard::size and time::modified */
GPtrArray   *jd_backup_list              (JdDb         *db,
                                          GError      **error);
/* Replaces the data of @db with @source (administrators only): @source
 * is checked first (ours, not newer, healthy), the current data is
 * backed up into the folder (@safety_copy), then copied over in one
 * step, and the restore is audited in the restored data, after every
 * audit entry written since the backup. Close and open
 * the database again afterwards: the restored file may need upgrading,
 * and its staff accounts are those of the backup. */
gboolean     jd_backup_restore           (JdDb         *db,
                                          const char   *source,
                                          char        **safety_copy,
                                          GError      **error);
/* The same, and what the restore did beyond copying (@report): the
 * audit entries written since the backup are carried into the restored
 * data, and the people deleted or anonymised since are erased again. */
gboolean     jd_backup_restore_full      (JdDb         *db,
                                          const char   *source,
                                          char        **safety_copy,
                                          JdRestoreReport *report,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdRetentionRow, jd_retention_row_free)

G_END_DECLS
