/* jd-audit.c: the trail of who did what and when
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entries are written in the transaction of the act they record, so an
 * act that was undone leaves no entry and a kept act always has one.
 */
#define G_LOG_DOMAIN "jd-audit"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-db-private.h"

static const struct { const char *code; const char *label; } actions[] = {
  { JD_AUDIT_SIGN_IN, N_("Signed in") },
  { JD_AUDIT_SIGN_IN_FAILED, N_("Wrong password") },
  { JD_AUDIT_CREATED, N_("Created") },
  { JD_AUDIT_CHANGED, N_("Changed") },
  { JD_AUDIT_VIEWED_PRIVATE_NOTE, N_("Read a private note") },
  { JD_AUDIT_EXPORTED, N_("Exported") },
  { JD_AUDIT_IMPORTED, N_("Imported") },
  { JD_AUDIT_DELETED, N_("Deleted on request") },
  { JD_AUDIT_ANONYMISED, N_("Anonymised") },
  { JD_AUDIT_BACKUP, N_("Backed up") },
  { JD_AUDIT_RESTORED, N_("Restored a backup") },
  { JD_AUDIT_ROLE_CHANGED, N_("Changed a role") },
  { JD_AUDIT_MIGRATED, N_("Upgraded the database") },
};

static const char *const action_codes[] = {
  JD_AUDIT_SIGN_IN, JD_AUDIT_SIGN_IN_FAILED, JD_AUDIT_CREATED, JD_AUDIT_CHANGED,
  JD_AUDIT_VIEWED_PRIVATE_NOTE, JD_AUDIT_EXPORTED, JD_AUDIT_IMPORTED, JD_AUDIT_DELETED,
  JD_AUDIT_ANONYMISED, JD_AUDIT_BACKUP, JD_AUDIT_RESTORED, JD_AUDIT_ROLE_CHANGED,
  JD_AUDIT_MIGRATED, NULL,
};

const char * const *
jd_audit_actions (void)
{
  return action_codes;
}

const char *
jd_audit_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      if (g_strcmp0 (action, actions[i].code) == 0)
        return _(actions[i].label);
    }
  return action;
}

void
jd_audit_entry_free (JdAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->staff_name);
  g_free (entry->action);
  g_free (entry->target);
  g_free (entry->detail);
  g_free (entry);
}

gboolean
jd_audit_record_for (JdDb        *db,
                     gint64       staff_id,
                     const char  *action,
                     const char  *target,
                     gint64       record_id,
                     const char  *detail,
                     GError     **error)
{
  JdStmt *stmt;
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  stmt = jd_db_prepare (db,
                        "INSERT INTO audit (staff_id, at, action, target, record_id, detail,"
                        " created_at, updated_at)"
                        " VALUES (nullif (?1, 0), ?2, ?3, ?4, nullif (?5, 0), ?6, ?2, ?2)",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, staff_id);
  jd_stmt_bind_int64 (stmt, 2, now);
  jd_stmt_bind_text (stmt, 3, action);
  jd_stmt_bind_text (stmt, 4, target);
  jd_stmt_bind_int64 (stmt, 5, record_id);
  jd_stmt_bind_text (stmt, 6, detail);
  return jd_db_step_done (db, stmt, error);
}

gboolean
jd_audit_record (JdDb        *db,
                 const char  *action,
                 const char  *target,
                 gint64       record_id,
                 const char  *detail,
                 GError     **error)
{
  return jd_audit_record_for (db, jd_db_get_actor_id (db), action, target, record_id,
                              detail, error);
}

/* The WHERE clause shared by the count and the page; parameters ?1–?4. */
#define AUDIT_WHERE \
  " WHERE (?1 IS NULL OR a.action = ?1)" \
  " AND (?2 = 0 OR a.staff_id = ?2)" \
  " AND (?3 = 0 OR a.at >= ?3)" \
  " AND (?4 = 0 OR a.at < ?4)"

static void
bind_filter (JdStmt              *stmt,
             const JdAuditFilter *filter)
{
  jd_stmt_bind_text (stmt, 1, filter ? filter->action : NULL);
  jd_stmt_bind_int64 (stmt, 2, filter ? filter->staff_id : 0);
  jd_stmt_bind_int64 (stmt, 3, filter ? filter->from : 0);
  jd_stmt_bind_int64 (stmt, 4, filter ? filter->to : 0);
}

/**
 * jd_audit_list:
 *
 * Returns: (transfer full) (element-type JdAuditEntry)
 */
GPtrArray *
jd_audit_list (JdDb                *db,
               const JdAuditFilter *filter,
               guint                limit,
               guint               *total,
               GError             **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_audit_entry_free);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_VIEW_AUDIT, error))
    return NULL;

  if (total != NULL)
    {
      stmt = jd_db_prepare (db, "SELECT count(*) FROM audit a" AUDIT_WHERE, error);
      if (stmt == NULL)
        return NULL;
      bind_filter (stmt, filter);
      rc = jd_stmt_step (stmt);
      *total = rc == JD_STEP_ROW ? (guint) jd_stmt_column_int64 (stmt, 0) : 0;
      jd_stmt_reset (stmt);
      if (rc != JD_STEP_ROW)
        {
          jd_db_set_error (db, rc, error);
          return NULL;
        }
    }

  stmt = jd_db_prepare (db,
                        "SELECT a.id, a.at, coalesce (a.staff_id, 0), s.full_name, a.action,"
                        " a.target, coalesce (a.record_id, 0), a.detail"
                        " FROM audit a LEFT JOIN staff s ON s.id = a.staff_id"
                        AUDIT_WHERE
                        " ORDER BY a.at DESC, a.id DESC LIMIT ?5",
                        error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  jd_stmt_bind_int64 (stmt, 5, limit);

  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      JdAuditEntry *entry = g_new0 (JdAuditEntry, 1);

      entry->id = jd_stmt_column_int64 (stmt, 0);
      entry->at = jd_stmt_column_int64 (stmt, 1);
      entry->staff_id = jd_stmt_column_int64 (stmt, 2);
      entry->staff_name = g_strdup (jd_stmt_column_text (stmt, 3));
      entry->action = g_strdup (jd_stmt_column_text (stmt, 4));
      entry->target = g_strdup (jd_stmt_column_text (stmt, 5));
      entry->record_id = jd_stmt_column_int64 (stmt, 6);
      entry->detail = g_strdup (jd_stmt_column_text (stmt, 7));
      g_ptr_array_add (entries, entry);
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
