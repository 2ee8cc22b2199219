/* jd-staff-sign-in.c: signing in and out, unlocking a desk and changing
 * one's own password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-staff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-password.h"
#include "jd-staff.h"
#include "jd-staff-private.h"
#include "jd-validate.h"

static guint
recent_failures (JdDb    *db,
                 gint64   staff_id,
                 gint64   now)
{
  JdStmt *stmt;
  guint n = 0;

  /* Failures since the last success within the window. */
  stmt = jd_db_prepare (db,
                        "SELECT count(*) FROM audit"
                        " WHERE staff_id = ?1 AND action = 'sign_in_failed' AND at > ?2"
                        " AND id > coalesce ((SELECT max(id) FROM audit"
                        "  WHERE staff_id = ?1 AND action = 'sign_in'), 0)",
                        NULL);
  if (stmt == NULL)
    return 0;
  jd_stmt_bind_int64 (stmt, 1, staff_id);
  jd_stmt_bind_int64 (stmt, 2, now - JD_SIGN_IN_WINDOW_S);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    n = (guint) jd_stmt_column_int (stmt, 0);
  jd_stmt_reset (stmt);
  return n;
}

/* Audits a failure in its own transaction: a refused sign-in changes
 * nothing else. Never with what was typed: an unknown "login" is often
 * a password typed into the wrong field. A known login is its account
 * (@staff: its id, and its login as stored). */
static void
record_failure (JdDb          *db,
                const JdStaff *staff)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id = staff ? staff->id : 0;

  if (!jd_db_begin (db, &error) ||
      !jd_audit_record_for (db, staff_id, JD_AUDIT_SIGN_IN_FAILED,
                            JD_AUDIT_TARGET_STAFF, staff_id,
                            staff ? staff->login : "unknown login", &error) ||
      !jd_db_commit (db, &error))
    {
      jd_db_rollback (db);
      g_warning ("Could not record a failed sign-in: %s", error->message);
    }
}

/* A hash of nothing anyone types, to check unknown logins against. */
static const char *
dummy_hash (void)
{
  static char *hash = NULL;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      hash = jd_password_hash ("\x01 no such account \x01", NULL);
      g_once_init_leave (&done, 1);
    }
  return hash;
}

static void
set_wrong_password (GError **error)
{
  /* The same words for an unknown login: nobody learns which logins exist. */
  g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD,
                       _("The login or the password is wrong. Check the keyboard layout and Caps Lock."));
}

/**
 * jd_staff_sign_in:
 *
 * Returns: (transfer full): the person now signed in
 */
JdStaff *
jd_staff_sign_in (JdDb        *db,
                  const char  *login,
                  const char  *password,
                  GError     **error)
{
  g_autoptr(JdStaff) staff = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  gint64 now = jd_db_now ();
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  trimmed = g_strstrip (g_strdup (login ? login : ""));
  folded = g_ascii_strdown (trimmed, -1);
  staff = jd_staff_load_by (db, "SELECT " JD_STAFF_COLUMNS " FROM staff WHERE login = ?1",
                            0, folded, &hash, &local_error);
  if (staff == NULL)
    {
      if (!g_error_matches (local_error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* Spend the same time as a real check. */
      jd_password_verify (dummy_hash (), password);
      record_failure (db, NULL);
      set_wrong_password (error);
      return NULL;
    }

  if (recent_failures (db, staff->id, now) >= JD_SIGN_IN_MAX_FAILURES)
    {
      g_set_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_TOO_MANY_ATTEMPTS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong passwords. Wait %d minute and try again, "
                                "or ask an administrator to reset the password.",
                                "Too many wrong passwords. Wait %d minutes and try again, "
                                "or ask an administrator to reset the password.",
                                JD_SIGN_IN_WINDOW_S / 60),
                   JD_SIGN_IN_WINDOW_S / 60);
      return NULL;
    }

  if (!jd_password_verify (hash, password))
    {
      record_failure (db, staff);
      set_wrong_password (error);
      return NULL;
    }

  if (!staff->active)
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_INACTIVE,
                           _("This account was deactivated. Ask an administrator."));
      return NULL;
    }

  if (!jd_db_begin (db, error))
    return NULL;
  stmt = jd_db_prepare (db, "UPDATE staff SET last_sign_in_at = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, staff->id);
  jd_stmt_bind_int64 (stmt, 2, now);
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_audit_record_for (db, staff->id, JD_AUDIT_SIGN_IN, JD_AUDIT_TARGET_STAFF,
                            staff->id, NULL, error) ||
      !jd_db_commit (db, error))
    goto fail;

  staff->last_sign_in_at = now;
  jd_access_set_actor (db, staff);
  return g_steal_pointer (&staff);

fail:
  jd_db_rollback (db);
  return NULL;
}

gboolean
jd_staff_unlock (JdDb        *db,
                 const char  *password,
                 GError     **error)
{
  const JdStaff *actor;
  g_autoptr(JdStaff) staff = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  actor = jd_access_peek_actor (db);
  if (actor == NULL || actor->id == 0)
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN,
                           _("Sign in first."));
      return FALSE;
    }

  /* A full sign-in of the same account: checks, limits and audit alike. */
  staff = jd_staff_sign_in (db, actor->login, password, error);
  return staff != NULL;
}

void
jd_staff_sign_out (JdDb *db)
{
  g_return_if_fail (db != NULL);

  jd_access_set_actor (db, NULL);
}

gboolean
jd_staff_change_password (JdDb        *db,
                          const char  *old_password,
                          const char  *new_password,
                          GError     **error)
{
  g_autoptr(JdStaff) staff = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *new_hash = NULL;
  const JdStaff *actor;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  actor = jd_access_peek_actor (db);
  if (actor == NULL || actor->id == 0)
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN,
                           _("Sign in first."));
      return FALSE;
    }

  staff = jd_staff_load_by (db, "SELECT " JD_STAFF_COLUMNS " FROM staff WHERE id = ?1",
                            actor->id, NULL, &hash, error);
  if (staff == NULL)
    return FALSE;
  if (!jd_password_verify (hash, old_password))
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD,
                           _("The current password is wrong."));
      return FALSE;
    }
  if (!jd_password_check_rules (new_password, error))
    return FALSE;
  if (g_strcmp0 (old_password, new_password) == 0)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Choose a password different from the current one."));
      return FALSE;
    }

  new_hash = jd_password_hash (new_password, error);
  if (new_hash == NULL || !jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE staff SET password_hash = ?2, must_change_password = 0,"
                        " updated_at = ?3 WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, staff->id);
  jd_stmt_bind_text (stmt, 2, new_hash);
  jd_stmt_bind_int64 (stmt, 3, jd_db_now ());
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_STAFF, staff->id,
                        "password", error) ||
      !jd_db_commit (db, error))
    goto fail;

  staff->must_change_password = FALSE;
  jd_access_set_actor (db, staff);
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}
