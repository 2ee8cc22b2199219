/* jd-backup.h: the daily start-up copy, how long copies are kept, and
 * what a restore carries over from the present
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

#define JD_SETTING_BACKUP_FOLDER   "backup.folder"
#define JD_SETTING_BACKUP_KEEP     "backup.keep"
#define JD_BACKUP_KEEP_DEFAULT     14
/* How many days copies made by hand, before a restore and before an
 * upgrade are kept (daily copies: JD_SETTING_BACKUP_KEEP, a count). */
#define JD_SETTING_BACKUP_KEEP_DAYS "backup.keep_days"
#define JD_BACKUP_KEEP_DAYS_DEFAULT 30

typedef struct
{
  guint n_audit_carried;     /* audit entries written after the backup */
  guint n_deleted_again;     /* people deleted at their request after it */
  guint n_anonymised_again;  /* people anonymised for retention after it */
} JdRestoreReport;

/* At start-up, on its own read-only connection: the quick integrity
 * check, then today's copy (unless it exists or another desk is making
 * it) and the pruning of old copies. A database another program holds
 * for longer than the busy timeout is not damage: nothing is done and
 * TRUE returned. @saved: (out) (optional): the new copy, or NULL. */
/* Makes today's copy `jastar-YYYY-MM-DD.db` in @backup_dir unless it
 * exists or another desk is making it, then removes the oldest daily
 * copies beyond @keep. Returns: (transfer full) (nullable): the new
 * copy, or NULL when there was nothing to do or on error. */
char        *jd_db_auto_backup           (JdDb             *db,
                                          const char       *backup_dir,
                                          guint             keep,
                                          GDateTime        *now,
                                          GError          **error);
gboolean     jd_backup_daily             (const char       *db_path,
                                          GDateTime        *now,
                                          char            **saved,
                                          GError          **error);

guint        jd_backup_get_keep_days     (JdDb             *db);
gboolean     jd_backup_set_keep_days     (JdDb             *db,
                                          guint             days,
                                          GError          **error);
/* Removes copies made by hand, before a restore or before an upgrade
 * that are older than the kept days, from the backups folder and from
 * the folder beside the database. Returns how many were removed. */
guint        jd_backup_prune             (JdDb             *db,
                                          GDateTime        *now);
/* The rule, in plain translated words, for Preferences. */
char        *jd_backup_describe_rule     (JdDb             *db);

/* Inside a restore (jd-privacy.c): copies into @restored every audit
 * entry of @current that it lacks, and deletes and anonymises again
 * the people whose deletion or anonymisation is among them. Call
 * inside a transaction on @restored. */
gboolean     jd_backup_carry_over        (JdDb             *current,
                                          JdDb             *restored,
                                          JdRestoreReport  *report,
                                          GError          **error);
/* "N people deleted at their request after this backup were deleted
 * again." and the like; NULL when nothing was re-applied. */
char        *jd_restore_report_describe  (const JdRestoreReport *report);

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

G_END_DECLS
