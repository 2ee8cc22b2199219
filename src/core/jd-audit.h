/* jd-audit.h: the trail of who did what and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

/* Actions (the audit.action column). */
#define JD_AUDIT_SIGN_IN             "sign_in"
#define JD_AUDIT_SIGN_IN_FAILED      "sign_in_failed"
#define JD_AUDIT_CREATED             "created"
#define JD_AUDIT_CHANGED             "changed"
#define JD_AUDIT_VIEWED_PRIVATE_NOTE "viewed_private_note"
#define JD_AUDIT_EXPORTED            "exported"
#define JD_AUDIT_IMPORTED            "imported"
#define JD_AUDIT_DELETED             "deleted"
#define JD_AUDIT_ANONYMISED          "anonymised"
#define JD_AUDIT_BACKUP              "backup"
#define JD_AUDIT_RESTORED            "restored"
#define JD_AUDIT_ROLE_CHANGED        "role_changed"
#define JD_AUDIT_MIGRATED            "migrated"

/* Targets (the audit.target column): the table of record_id. */
#define JD_AUDIT_TARGET_VISITOR      "visitor"
#define JD_AUDIT_TARGET_VISIT        "visit"
#define JD_AUDIT_TARGET_STAFF        "staff"
#define JD_AUDIT_TARGET_SETTING      "setting"
#define JD_AUDIT_TARGET_DATABASE     "database"
#define JD_AUDIT_TARGET_CONSULTATION "consultation"

typedef struct
{
  gint64  id;
  gint64  at;
  gint64  staff_id;     /* 0: the command line, or nobody signed in */
  char   *staff_name;   /* nullable: the account's name now */
  char   *action;
  char   *target;       /* nullable */
  gint64  record_id;    /* 0: none */
  char   *detail;       /* nullable: not translated (logins, file names) */
} JdAuditEntry;

typedef struct
{
  const char *action;   /* nullable: any */
  gint64      staff_id; /* 0: anyone */
  gint64      from;     /* Unix seconds, inclusive; 0: any */
  gint64      to;       /* exclusive; 0: any */
} JdAuditFilter;

/* Records one act of the signed-in person (or of @staff_id when given:
 * a failed sign-in names the account tried). Call inside the transaction
 * of what it records, so that both are kept or neither. */
gboolean     jd_audit_record        (JdDb               *db,
                                     const char         *action,
                                     const char         *target,
                                     gint64              record_id,
                                     const char         *detail,
                                     GError            **error);
gboolean     jd_audit_record_for    (JdDb               *db,
                                     gint64              staff_id,
                                     const char         *action,
                                     const char         *target,
                                     gint64              record_id,
                                     const char         *detail,
                                     GError            **error);

/* Newest first, at most @limit entries; @total counts every match.
 * Administrators only (JD_PERM_VIEW_AUDIT).
 * Returns: (transfer full) (element-type JdAuditEntry) */
GPtrArray   *jd_audit_list          (JdDb               *db,
                                     const JdAuditFilter *filter,
                                     guint               limit,
                                     guint              *total,
                                     GError            **error);

/* Every action code, and its translated label. */
const char * const *jd_audit_actions (void);
const char  *jd_audit_action_label  (const char         *action);

void         jd_audit_entry_free    (JdAuditEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdAuditEntry, jd_audit_entry_free)

G_END_DECLS
