/* jd-privacy.h: a person's rights over their data, and retention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"

G_BEGIN_DECLS

#define JD_SETTING_RETENTION_YEARS "privacy.retention_years"
#define JD_RETENTION_YEARS_DEFAULT 5

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdRetentionRow, jd_retention_row_free)

G_END_DECLS
