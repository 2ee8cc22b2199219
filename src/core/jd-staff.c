/* jd-staff.c: staff accounts and sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Roles, the actor and what each role may do are in jd-access.c;
 * password hashes in jd-password.c; signing in in jd-staff-sign-in.c.
 */
#define G_LOG_DOMAIN "jd-staff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-password.h"
#include "jd-purpose.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-staff-private.h"
#include "jd-validate.h"

G_DEFINE_BOXED_TYPE (JdStaff, jd_staff, jd_staff_copy, jd_staff_free)

/* Logins. */

gboolean
jd_login_check_rules (const char  *login,
                      GError     **error)
{
  gsize len;

  if (login == NULL || *login == '\0')
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Enter a login."));
      return FALSE;
    }

  len = strlen (login);
  for (const char *p = login; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        len = 0;
    }
  if (len < 2 || len > 32)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("A login is 2 to 32 Latin letters or digits, with . - _ allowed, "
                             "for example “aigerim.s”."));
      return FALSE;
    }
  return TRUE;
}

/* Reading accounts. */

static gboolean
load_services (JdDb     *db,
               JdStaff  *staff,
               GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT service FROM staff_service WHERE staff_id = ?1 ORDER BY service",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, staff->id);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_strv_builder_add (builder, jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  g_strfreev (staff->services);
  staff->services = g_strv_builder_end (builder);
  return TRUE;
}

/* One row of JD_STAFF_COLUMNS; @hash (optional) gets the password hash. */
static JdStaff *
staff_from_row (JdStmt        *stmt,
                char         **hash)
{
  JdStaff *staff = g_new0 (JdStaff, 1);

  staff->id = jd_stmt_column_int64 (stmt, 0);
  staff->full_name = g_strdup (jd_stmt_column_text (stmt, 1));
  staff->login = g_strdup (jd_stmt_column_text (stmt, 2));
  if (!jd_role_from_code (jd_stmt_column_text (stmt, 3), &staff->role))
    staff->role = JD_ROLE_RECEPTIONIST;
  staff->active = jd_stmt_column_int (stmt, 4) != 0;
  staff->must_change_password = jd_stmt_column_int (stmt, 5) != 0;
  staff->last_sign_in_at = jd_stmt_column_int64 (stmt, 6);
  staff->created_at = jd_stmt_column_int64 (stmt, 7);
  staff->updated_at = jd_stmt_column_int64 (stmt, 8);
  if (hash != NULL)
    *hash = g_strdup (jd_stmt_column_text (stmt, 9));
  return staff;
}

JdStaff *
jd_staff_load_by (JdDb        *db,
                  const char  *sql,
                  gint64       id,
                  const char  *login,
                  char       **hash,
                  GError     **error)
{
  g_autoptr(JdStaff) staff = NULL;
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  if (login != NULL)
    jd_stmt_bind_text (stmt, 1, login);
  else
    jd_stmt_bind_int64 (stmt, 1, id);

  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    staff = staff_from_row (stmt, hash);
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  if (staff == NULL)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This staff account does not exist any more."));
      return NULL;
    }
  if (!load_services (db, staff, error))
    return NULL;

  return g_steal_pointer (&staff);
}

static JdStaff *
load_staff (JdDb     *db,
            gint64    id,
            GError  **error)
{
  return jd_staff_load_by (db, "SELECT " JD_STAFF_COLUMNS " FROM staff WHERE id = ?1",
                           id, NULL, NULL, error);
}

gboolean
jd_staff_needs_setup (JdDb    *db,
                      GError **error)
{
  JdStmt *stmt;
  gboolean empty;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  stmt = jd_db_prepare (db, "SELECT NOT EXISTS (SELECT 1 FROM staff)", error);
  if (stmt == NULL)
    return FALSE;
  rc = jd_stmt_step (stmt);
  empty = rc == JD_STEP_ROW && jd_stmt_column_int (stmt, 0) != 0;
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return empty;
}

/* Administration. */

static gboolean
save_services (JdDb           *db,
               const JdStaff  *staff,
               gint64          now,
               GError        **error)
{
  JdStmt *stmt;

  stmt = jd_db_prepare (db, "DELETE FROM staff_service WHERE staff_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, staff->id);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  if (staff->role != JD_ROLE_SPECIALIST || staff->services == NULL)
    return TRUE;

  for (guint i = 0; staff->services[i] != NULL; i++)
    {
      stmt = jd_db_prepare (db,
                            "INSERT OR IGNORE INTO staff_service (staff_id, service, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?3)",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, staff->id);
      jd_stmt_bind_text (stmt, 2, staff->services[i]);
      jd_stmt_bind_int64 (stmt, 3, now);
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_staff_fields (const JdStaff  *staff,
                    GError        **error)
{
  g_autofree char *name = g_strstrip (g_strdup (staff->full_name ? staff->full_name : ""));

  if (*name == '\0')
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Enter the person’s full name."));
      return FALSE;
    }
  if (!jd_login_check_rules (staff->login, error))
    return FALSE;
  if (staff->role == JD_ROLE_SPECIALIST &&
      (staff->services == NULL || staff->services[0] == NULL))
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Choose at least one service the specialist covers."));
      return FALSE;
    }
  if (staff->services != NULL)
    {
      for (guint i = 0; staff->services[i] != NULL; i++)
        {
          if (!g_strv_contains (jd_purpose_service_codes (), staff->services[i]))
            {
              g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Unknown service “%s”."), staff->services[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
set_login_taken (const char  *login,
                 GError     **error)
{
  g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
               _("The login “%s” is already taken. Choose another one."), login);
}

static gboolean
login_taken (JdDb       *db,
             const char *login,
             gint64      except_id)
{
  JdStmt *stmt = jd_db_prepare (db, "SELECT id FROM staff WHERE login = ?1 AND id <> ?2", NULL);
  gboolean taken = FALSE;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text (stmt, 1, login);
  jd_stmt_bind_int64 (stmt, 2, except_id);
  taken = jd_stmt_step (stmt) == JD_STEP_ROW;
  jd_stmt_reset (stmt);
  return taken;
}

/* Inserts @staff with @password (already checked) inside a transaction. */
static gboolean
insert_staff (JdDb        *db,
              JdStaff     *staff,
              const char  *password,
              GError     **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *name = g_strstrip (g_strdup (staff->full_name));
  g_autofree char *login = g_ascii_strdown (staff->login, -1);
  gint64 now = jd_db_now ();
  JdStmt *stmt;

  if (login_taken (db, login, 0))
    {
      set_login_taken (login, error);
      return FALSE;
    }

  hash = jd_password_hash (password, error);
  if (hash == NULL)
    return FALSE;

  stmt = jd_db_prepare (db,
                        "INSERT INTO staff (full_name, login, role, password_hash, active,"
                        " must_change_password, created_at, updated_at, created_by, updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, nullif (?8, 0), nullif (?8, 0))",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text (stmt, 1, name);
  jd_stmt_bind_text (stmt, 2, login);
  jd_stmt_bind_text_static (stmt, 3, jd_role_to_code (staff->role));
  jd_stmt_bind_text (stmt, 4, hash);
  jd_stmt_bind_int (stmt, 5, staff->active ? 1 : 0);
  jd_stmt_bind_int (stmt, 6, staff->must_change_password ? 1 : 0);
  jd_stmt_bind_int64 (stmt, 7, now);
  jd_stmt_bind_int64 (stmt, 8, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  staff->id = jd_db_last_insert_id (db);
  staff->created_at = staff->updated_at = now;

  return save_services (db, staff, now, error) &&
         jd_audit_record (db, JD_AUDIT_CREATED, JD_AUDIT_TARGET_STAFF, staff->id,
                          login, error);
}

/**
 * jd_staff_set_up_centre:
 *
 * Returns: (transfer full): the administrator, now signed in
 */
JdStaff *
jd_staff_set_up_centre (JdDb        *db,
                        const char  *centre_name,
                        const char  *full_name,
                        const char  *login,
                        const char  *password,
                        GError     **error)
{
  g_autoptr(JdStaff) staff = g_new0 (JdStaff, 1);
  g_autoptr(JdStaff) saved = NULL;
  g_autofree char *centre = g_strstrip (g_strdup (centre_name ? centre_name : ""));
  g_autoptr(GError) local_error = NULL;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  if (*centre == '\0')
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Enter the name of the centre."));
      return NULL;
    }

  staff->full_name = g_strdup (full_name ? full_name : "");
  staff->login = g_strdup (login ? login : "");
  staff->role = JD_ROLE_ADMINISTRATOR;
  staff->active = TRUE;
  if (!check_staff_fields (staff, error) ||
      !jd_password_check_rules (password, error))
    return NULL;

  if (!jd_db_begin (db, error))
    return NULL;

  /* Only on an empty staff table, checked inside the write transaction. */
  if (!jd_staff_needs_setup (db, &local_error))
    {
      jd_db_rollback (db);
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                             _("This centre is already set up. Sign in instead."));
      return NULL;
    }

  stmt = jd_db_prepare (db,
                        "INSERT INTO setting (key, value, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?3)"
                        " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                        " updated_at = excluded.updated_at",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_text_static (stmt, 1, JD_SETTING_CENTRE_NAME);
  jd_stmt_bind_text (stmt, 2, centre);
  jd_stmt_bind_int64 (stmt, 3, jd_db_now ());
  if (!jd_db_step_done (db, stmt, error) ||
      !insert_staff (db, staff, password, error) ||
      !jd_audit_record_for (db, staff->id, JD_AUDIT_SIGN_IN, JD_AUDIT_TARGET_STAFF,
                            staff->id, NULL, error))
    goto fail;
  /* As stored: name trimmed, login in lower case. */
  saved = load_staff (db, staff->id, error);
  if (saved == NULL || !jd_db_commit (db, error))
    goto fail;

  jd_access_set_actor (db, saved);
  return g_steal_pointer (&saved);

fail:
  jd_db_rollback (db);
  return NULL;
}

/**
 * jd_staff_list:
 *
 * Returns: (transfer full) (element-type JdStaff)
 */
GPtrArray *
jd_staff_list (JdDb    *db,
               GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_staff_free);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_MANAGE_STAFF, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT " JD_STAFF_COLUMNS " FROM staff ORDER BY active DESC, full_name, id",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    g_ptr_array_add (list, staff_from_row (stmt, NULL));
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  for (guint i = 0; i < list->len; i++)
    {
      if (!load_services (db, list->pdata[i], error))
        return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
jd_staff_add (JdDb        *db,
              JdStaff     *staff,
              const char  *password,
              GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (staff != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_MANAGE_STAFF, error) ||
      !check_staff_fields (staff, error) ||
      !jd_password_check_rules (password, error))
    return FALSE;

  if (!jd_db_begin (db, error))
    return FALSE;
  if (!insert_staff (db, staff, password, error) || !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      staff->id = 0;
      return FALSE;
    }
  return TRUE;
}

static guint
other_active_admins (JdDb   *db,
                     gint64  except_id)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT count(*) FROM staff WHERE role = 'administrator'"
                                " AND active = 1 AND id <> ?1",
                                NULL);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  jd_stmt_bind_int64 (stmt, 1, except_id);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    n = (guint) jd_stmt_column_int (stmt, 0);
  jd_stmt_reset (stmt);
  return n;
}

gboolean
jd_staff_update (JdDb           *db,
                 const JdStaff  *staff,
                 GError        **error)
{
  g_autoptr(JdStaff) before = NULL;
  g_autofree char *name = NULL;
  g_autofree char *login = NULL;
  g_autofree char *detail = NULL;
  gint64 now = jd_db_now ();
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (staff != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_MANAGE_STAFF, error) ||
      !check_staff_fields (staff, error))
    return FALSE;

  name = g_strstrip (g_strdup (staff->full_name));
  login = g_ascii_strdown (staff->login, -1);

  if (!jd_db_begin (db, error))
    return FALSE;

  before = load_staff (db, staff->id, error);
  if (before == NULL)
    goto fail;

  if (login_taken (db, login, staff->id))
    {
      set_login_taken (login, error);
      goto fail;
    }

  if (before->role == JD_ROLE_ADMINISTRATOR && before->active &&
      (staff->role != JD_ROLE_ADMINISTRATOR || !staff->active) &&
      other_active_admins (db, staff->id) == 0)
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_LAST_ADMINISTRATOR,
                           _("This is the only active administrator. Make someone else an "
                             "administrator first."));
      goto fail;
    }

  stmt = jd_db_prepare (db,
                        "UPDATE staff SET full_name = ?2, login = ?3, role = ?4, active = ?5,"
                        " updated_at = ?6, updated_by = nullif (?7, 0) WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, staff->id);
  jd_stmt_bind_text (stmt, 2, name);
  jd_stmt_bind_text (stmt, 3, login);
  jd_stmt_bind_text_static (stmt, 4, jd_role_to_code (staff->role));
  jd_stmt_bind_int (stmt, 5, staff->active ? 1 : 0);
  jd_stmt_bind_int64 (stmt, 6, now);
  jd_stmt_bind_int64 (stmt, 7, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error) ||
      !save_services (db, staff, now, error))
    goto fail;

  if (before->role != staff->role)
    {
      detail = g_strdup_printf ("%s → %s", jd_role_to_code (before->role),
                                jd_role_to_code (staff->role));
      if (!jd_audit_record (db, JD_AUDIT_ROLE_CHANGED, JD_AUDIT_TARGET_STAFF, staff->id,
                            detail, error))
        goto fail;
      g_clear_pointer (&detail, g_free);
    }
  if (before->active != staff->active)
    detail = g_strdup (staff->active ? "activated" : "deactivated");
  if (!jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_STAFF, staff->id, detail, error) ||
      !jd_db_commit (db, error))
    goto fail;

  /* Editing oneself: what the actor may do follows at once. */
  if (staff->id == jd_db_get_actor_id (db))
    {
      g_autoptr(JdStaff) now_actor = load_staff (db, staff->id, NULL);

      if (now_actor != NULL)
        jd_access_set_actor (db, now_actor);
    }
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

gboolean
jd_staff_reset_password (JdDb        *db,
                         gint64       staff_id,
                         const char  *password,
                         GError     **error)
{
  g_autofree char *hash = NULL;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_MANAGE_STAFF, error) ||
      !jd_password_check_rules (password, error))
    return FALSE;

  hash = jd_password_hash (password, error);
  if (hash == NULL || !jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE staff SET password_hash = ?2, must_change_password = 1,"
                        " updated_at = ?3, updated_by = nullif (?4, 0) WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, staff_id);
  jd_stmt_bind_text (stmt, 2, hash);
  jd_stmt_bind_int64 (stmt, 3, jd_db_now ());
  jd_stmt_bind_int64 (stmt, 4, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error))
    goto fail;
  if (jd_db_changes (db) == 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This staff account does not exist any more."));
      goto fail;
    }
  if (!jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_STAFF, staff_id,
                        "password reset", error) ||
      !jd_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

guint
jd_staff_get_lock_minutes (JdDb *db)
{
  g_autofree char *value = jd_db_get_setting (db, JD_SETTING_LOCK_MINUTES);
  guint64 minutes;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 240, &minutes, NULL))
    return JD_LOCK_MINUTES_DEFAULT;
  return (guint) minutes;
}

gboolean
jd_staff_set_lock_minutes (JdDb     *db,
                           guint     minutes,
                           GError  **error)
{
  g_autofree char *value = NULL;

  if (minutes < 1 || minutes > 240)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Choose between 1 and 240 minutes."));
      return FALSE;
    }
  value = g_strdup_printf ("%u", minutes);
  return jd_db_set_setting (db, JD_SETTING_LOCK_MINUTES, value, error);
}
