/* jd-settings.c: the centre's settings, a table in the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Above the connection: changing a setting is the administrator's and
 * is audited, so this module needs staff and audit, and jd-db.c does not.
 */
#define G_LOG_DOMAIN "jd-settings"

#include "config.h"

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-settings.h"

/**
 * jd_db_get_setting:
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
jd_db_get_setting (JdDb       *db,
                   const char *key)
{
  JdStmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = jd_db_prepare (db, "SELECT value FROM setting WHERE key = ?1", NULL);
  if (stmt == NULL)
    return NULL;

  jd_stmt_bind_text (stmt, 1, key);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    value = g_strdup (jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);

  return value;
}

gboolean
jd_db_set_setting (JdDb        *db,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  JdStmt *stmt;
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  /* Centre-wide settings are the administrator's. */
  if (!jd_access_check (db, JD_PERM_MANAGE_SETTINGS, error))
    return FALSE;

  /* The zone is also kept as a table of UTC offsets for SQL, and ages
   * on visits follow it. */
  if (g_str_equal (key, JD_SETTING_TIME_ZONE))
    return jd_db_set_time_zone (db, value, error);

  stmt = jd_db_prepare (db,
                        "INSERT INTO setting (key, value, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?3)"
                        " ON CONFLICT (key) DO UPDATE"
                        " SET value = excluded.value, updated_at = excluded.updated_at",
                        error);
  if (stmt == NULL)
    return FALSE;

  jd_stmt_bind_text (stmt, 1, key);
  jd_stmt_bind_text (stmt, 2, value);
  jd_stmt_bind_int64 (stmt, 3, now);

  /* The change and its audit entry together. */
  if (!jd_db_begin (db, error))
    {
      jd_stmt_clear_bindings (stmt);
      return FALSE;
    }
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_SETTING, 0, key, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      return FALSE;
    }

  return TRUE;
}
