/* test-staff.c: passwords, sign-in, roles on every guarded call, audit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-audit.h"
#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-backup.h"
#include "jd-db-private.h"
#include "jd-privacy.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"

typedef struct
{
  char *dir;
  JdDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  path = test_db_location_new_in (f->dir, "jastar.db");
  f->db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  jd_db_close (f->db);
  test_db_forget_in (f->dir, "jastar.db");
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

/* The administrator "admin" / "Qwerty123", signed in. */
static JdStaff *
set_up_centre (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  JdStaff *admin = jd_staff_set_up_centre (f->db, "Алмалы жастар орталығы", "Сәуле Қасымова",
                                           "Admin", "Qwerty123", &error);

  g_assert_no_error (error);
  g_assert_nonnull (admin);
  return admin;
}

static gint64
add_staff (Fixture     *f,
           const char  *login,
           JdRole       role,
           const char  *service)
{
  g_autoptr(GError) error = NULL;
  JdStaff staff = {
    .full_name = (char *) "Test Person",
    .login = (char *) login,
    .role = role,
    .active = TRUE,
    .services = (char *[]) { (char *) service, NULL },
  };

  if (service == NULL)
    staff.services = NULL;
  g_assert_true (jd_staff_add (f->db, &staff, "Password1", &error));
  g_assert_no_error (error);
  g_assert_cmpint (staff.id, >, 0);
  return staff.id;
}

static void
sign_in (Fixture    *f,
         const char *login,
         const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) staff = jd_staff_sign_in (f->db, login, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

static void
test_password_hash (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = jd_password_hash ("Пароль-2026", &error);
  g_autofree char *b = jd_password_hash ("Пароль-2026", &error);

  g_assert_no_error (error);
  /* argon2id with libsodium's interactive limits (64 MiB, 2 passes). */
  g_assert_true (g_str_has_prefix (a, "$argon2id$v=19$m=65536,t=2,p=1$"));
  /* A salt of its own each time. */
  g_assert_cmpstr (a, !=, b);
  g_assert_true (jd_password_verify (a, "Пароль-2026"));
  g_assert_true (jd_password_verify (b, "Пароль-2026"));
  g_assert_false (jd_password_verify (a, "пароль-2026"));
  g_assert_false (jd_password_verify (a, ""));
  g_assert_false (jd_password_verify (NULL, "Пароль-2026"));
  /* Anything but argon2id is refused, even a matching clear text. */
  g_assert_false (jd_password_verify ("Пароль-2026", "Пароль-2026"));
  g_assert_false (jd_password_verify ("$argon2i$v=19$m=65536,t=2,p=1$AAAA$AAAA", "x"));
}

static void
test_rules (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_password_check_rules ("12345678", NULL));
  /* Eight characters, not bytes: "Әлия2026" is 8 letters, 10 bytes. */
  g_assert_true (jd_password_check_rules ("Әлия2026", NULL));
  g_assert_false (jd_password_check_rules ("Әлия202", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jd_password_check_rules ("", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
  g_clear_error (&error);

  g_assert_true (jd_login_check_rules ("aigerim.s", NULL));
  g_assert_true (jd_login_check_rules ("a_1-b", NULL));
  g_assert_true (jd_login_check_rules ("ab", NULL));
  g_assert_false (jd_login_check_rules ("a", NULL));
  g_assert_false (jd_login_check_rules ("айгерим", NULL));
  g_assert_false (jd_login_check_rules ("has space", NULL));
  g_assert_false (jd_login_check_rules ("abcdefghijklmnopqrstuvwxyz0123456", NULL)); /* 33 */
  g_assert_true (jd_login_check_rules ("abcdefghijklmnopqrstuvwxyz012345", NULL));   /* 32 */
  g_assert_false (jd_login_check_rules ("", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
}

static void
test_set_up (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(JdStaff) again = NULL;
  g_autoptr(JdStaff) actor = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *centre = NULL;

  g_assert_true (jd_staff_needs_setup (f->db, &error));
  g_assert_no_error (error);
  /* Nobody is signed in: nothing may be written. */
  g_assert_false (jd_access_allowed (f->db, JD_PERM_FRONT_DESK));
  g_assert_false (jd_access_check (f->db, JD_PERM_FRONT_DESK, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  /* Refused set-ups leave nothing behind. */
  g_assert_null (jd_staff_set_up_centre (f->db, "  ", "Сәуле", "admin", "Qwerty123", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_null (jd_staff_set_up_centre (f->db, "Орталық", "Сәуле", "admin", "short", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM setting"), ==, 0);

  admin = set_up_centre (f);
  g_assert_cmpint (admin->role, ==, JD_ROLE_ADMINISTRATOR);
  /* Logins are kept in lower case: "Admin" signs in as "admin". */
  g_assert_cmpstr (admin->login, ==, "admin");
  g_assert_false (jd_staff_needs_setup (f->db, NULL));

  hash = query_text (f->db, "SELECT password_hash FROM staff");
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "Qwerty123"));
  centre = jd_db_get_setting (f->db, JD_SETTING_CENTRE_NAME);
  g_assert_cmpstr (centre, ==, "Алмалы жастар орталығы");

  actor = jd_db_get_actor (f->db);
  g_assert_cmpint (actor->id, ==, admin->id);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'created'"
                                     " AND target = 'staff'"), ==, 1);

  /* Only once. */
  again = jd_staff_set_up_centre (f->db, "Другой", "Другой", "other", "Qwerty123", &error);
  g_assert_null (again);
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM staff"), ==, 1);
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);
  g_autoptr(JdStaff) staff = NULL;

  jd_staff_sign_out (f->db);
  g_assert_cmpint (jd_db_get_actor_id (f->db), ==, 0);
  g_assert_false (jd_access_allowed (f->db, JD_PERM_FRONT_DESK));

  /* Wrong password, unknown login: the same message, both audited. */
  g_assert_null (jd_staff_sign_in (f->db, "admin", "qwerty123", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_null (jd_staff_sign_in (f->db, "nobody", "Qwerty123", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'sign_in_failed'"),
                   ==, 2);
  g_assert_cmpint (jd_db_get_actor_id (f->db), ==, 0);

  /* Spaces around the login and its case do not matter. */
  staff = jd_staff_sign_in (f->db, "  ADMIN ", "Qwerty123", &error);
  g_assert_no_error (error);
  g_assert_cmpint (staff->id, ==, admin->id);
  g_assert_cmpint (staff->last_sign_in_at, >, 0);
  g_assert_cmpint (jd_db_get_actor_id (f->db), ==, admin->id);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'sign_in'"), ==, 2);

  /* Unlocking takes the same person's password. */
  g_assert_false (jd_staff_unlock (f->db, "wrong-one", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_true (jd_staff_unlock (f->db, "Qwerty123", &error));
  g_assert_no_error (error);
}

static void
test_too_many_attempts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);

  jd_staff_sign_out (f->db);
  for (int i = 0; i < JD_SIGN_IN_MAX_FAILURES; i++)
    {
      g_assert_null (jd_staff_sign_in (f->db, "admin", "guess", &error));
      g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }
  /* Now even the right password waits. */
  g_assert_null (jd_staff_sign_in (f->db, "admin", "Qwerty123", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_TOO_MANY_ATTEMPTS);
  g_clear_error (&error);

  /* Five minutes later the failures no longer count. */
  g_assert_true (jd_db_exec (f->db, "UPDATE audit SET at = at - 301 WHERE action = 'sign_in_failed'",
                             NULL));
  g_assert_null (jd_staff_sign_in (f->db, "admin", "guess", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_nonnull (admin);
  {
    g_autoptr(JdStaff) back = jd_staff_sign_in (f->db, "admin", "Qwerty123", &error);

    g_assert_no_error (error);
    g_assert_nonnull (back);
  }
}

/* Every guarded call, for every role: allowed exactly where DESIGN.md
 * and the issue say. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  static const struct { JdPermission perm; gboolean receptionist, specialist, manager, admin; } table[] = {
    { JD_PERM_FRONT_DESK,      TRUE,  TRUE,  TRUE,  TRUE },
    { JD_PERM_CONSULT,         FALSE, TRUE,  TRUE,  TRUE },
    { JD_PERM_VIEW_REPORTS,    FALSE, FALSE, TRUE,  TRUE },
    { JD_PERM_EXPORT_PERSONAL, FALSE, FALSE, TRUE,  TRUE },
    { JD_PERM_BACKUP,          FALSE, FALSE, TRUE,  TRUE },
    { JD_PERM_DELETE_VISITOR,  FALSE, FALSE, FALSE, TRUE },
    { JD_PERM_MANAGE_STAFF,    FALSE, FALSE, FALSE, TRUE },
    { JD_PERM_MANAGE_SETTINGS, FALSE, FALSE, FALSE, TRUE },
    { JD_PERM_RESTORE,         FALSE, FALSE, FALSE, TRUE },
    { JD_PERM_RETENTION,       FALSE, FALSE, FALSE, TRUE },
    { JD_PERM_VIEW_AUDIT,      FALSE, FALSE, FALSE, TRUE },
  };
  static const char *const logins[] = { "reception", "psy", "boss", "admin" };
  g_autoptr(JdStaff) admin = set_up_centre (f);
  g_autofree char *export_path = g_build_filename (f->dir, "export.json", NULL);
  g_autofree char *restore_from = g_build_filename (f->dir, "copy.db", NULL);
  g_autoptr(JdVisitor) visitor = g_new0 (JdVisitor, 1);
  g_autoptr(GError) error = NULL;

  add_staff (f, "reception", JD_ROLE_RECEPTIONIST, NULL);
  add_staff (f, "psy", JD_ROLE_SPECIALIST, "psychological");
  add_staff (f, "boss", JD_ROLE_MANAGER, NULL);

  /* Someone to export and delete. */
  visitor->surname = g_strdup ("Серікова");
  visitor->given_name = g_strdup ("Дана");
  visitor->birth_date = g_strdup ("2000-02-29");
  visitor->sex = JD_SEX_FEMALE;
  visitor->district_code = g_strdup ("almaty-alatau");
  visitor->occupation = g_strdup ("unemployed_seeking");
  visitor->language = g_strdup ("kk");
  visitor->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (f->db, visitor, &error));
  g_assert_no_error (error);
  /* A copy to restore from (backups are files: not on a server yet). */
  if (!test_engine_is_server ())
    {
      g_assert_true (jd_db_backup (f->db, restore_from, &error));
      g_assert_no_error (error);
    }

  for (guint r = 0; r < G_N_ELEMENTS (logins); r++)
    {
      sign_in (f, logins[r], r == 3 ? "Qwerty123" : "Password1");

      for (guint i = 0; i < G_N_ELEMENTS (table); i++)
        {
          gboolean expected = (r == 0 ? table[i].receptionist : r == 1 ? table[i].specialist :
                               r == 2 ? table[i].manager : table[i].admin);

          g_assert_cmpint (jd_access_allowed (f->db, table[i].perm), ==, expected);
          g_assert_cmpint (jd_access_check (f->db, table[i].perm, &error), ==, expected);
          if (!expected)
            {
              /* A plain refusal naming the role signed in. */
              g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
              g_assert_nonnull (strstr (error->message, jd_role_label (r == 0 ? JD_ROLE_RECEPTIONIST :
                                                                        r == 1 ? JD_ROLE_SPECIALIST :
                                                                        JD_ROLE_MANAGER)));
              g_clear_error (&error);
            }
        }

      /* The guarded calls themselves, not only the check. */
      if (r < 3)
        {
          g_autoptr(GPtrArray) list = jd_staff_list (f->db, &error);

          g_assert_null (list);
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_db_set_setting (f->db, JD_SETTING_CENTRE_CODE, "X", &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_staff_reset_password (f->db, admin->id, "Hijacked1", &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_visitor_delete_on_request (f->db, visitor->id, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_null (jd_audit_list (f->db, NULL, 10, NULL, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_null (jd_retention_list (f->db, 5, jd_db_now (), 10, NULL, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_retention_anonymise (f->db, 5, jd_db_now (), NULL, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_backup_restore (f->db, restore_from, NULL, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_staff_set_lock_minutes (f->db, 5, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
        }
      if (r < 2)
        {
          g_autofree char *backup = jd_backup_now (f->db, &error);

          g_assert_null (backup);
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (jd_visitor_export_personal (f->db, visitor->id, export_path, &error));
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_clear_error (&error);
          g_assert_false (g_file_test (export_path, G_FILE_TEST_EXISTS));
        }
      else
        {
          g_autofree char *backup = jd_backup_now (f->db, &error);

          if (test_engine_is_server ())
            {
              g_assert_null (backup);
              g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_UNSUPPORTED);
              g_clear_error (&error);
            }
          else
            {
              g_assert_no_error (error);
              g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
            }
          g_assert_true (jd_visitor_export_personal (f->db, visitor->id, export_path, &error));
          g_assert_no_error (error);
          g_unlink (export_path);
        }

      /* Everyone works the front desk, recorded as themselves. */
      {
        gint64 visit = jd_visit_check_in (f->db, visitor->id, (const char *[]) { "career", NULL },
                                          0, &error);
        g_autofree char *sql = g_strdup_printf ("SELECT staff_id FROM visit WHERE id = %" G_GINT64_FORMAT,
                                                visit);

        g_assert_no_error (error);
        g_assert_cmpint (query_int (f->db, sql), ==, jd_db_get_actor_id (f->db));
      }
      jd_staff_sign_out (f->db);
    }

  /* Signed out: even the front desk is closed. */
  g_assert_cmpint (jd_visit_check_in (f->db, visitor->id, (const char *[]) { "career", NULL }, 0,
                                      &error), ==, 0);
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN);
}

static void
test_private_note (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);
  gint64 psy = add_staff (f, "psy", JD_ROLE_SPECIALIST, "psychological");
  gint64 psy2 = add_staff (f, "psy2", JD_ROLE_SPECIALIST, "psychological");
  gint64 lawyer = add_staff (f, "lawyer", JD_ROLE_SPECIALIST, "legal");

  /* The author, and specialists of the same service; nobody else, not
   * even an administrator. */
  g_assert_false (jd_access_check_private_note (f->db, psy, "psychological", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);

  sign_in (f, "psy", "Password1");
  g_assert_true (jd_access_check_private_note (f->db, psy, "psychological", NULL));
  sign_in (f, "psy2", "Password1");
  g_assert_true (jd_access_check_private_note (f->db, psy, "psychological", NULL));
  g_assert_cmpint (psy2, !=, psy);
  sign_in (f, "lawyer", "Password1");
  g_assert_false (jd_access_check_private_note (f->db, psy, "psychological", NULL));
  /* A lawyer's own note on a psychological case is still theirs. */
  g_assert_true (jd_access_check_private_note (f->db, lawyer, "psychological", NULL));
  jd_staff_sign_out (f->db);
  g_assert_false (jd_access_check_private_note (f->db, psy, "psychological", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN);
}

static void
test_manage_staff (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JdStaff) signed_in = NULL;
  gint64 clerk = add_staff (f, "clerk", JD_ROLE_RECEPTIONIST, NULL);
  JdStaff *found = NULL;
  g_autofree char *created_by = NULL;

  created_by = g_strdup_printf ("SELECT created_by = %" G_GINT64_FORMAT " FROM staff WHERE id = %"
                                G_GINT64_FORMAT, admin->id, clerk);
  g_assert_cmpint (query_int (f->db, created_by), ==, 1);

  /* A taken login, a specialist without a service: refused. */
  {
    JdStaff twin = { .full_name = (char *) "Twin", .login = (char *) "CLERK",
                     .role = JD_ROLE_RECEPTIONIST, .active = TRUE };
    JdStaff nobody = { .full_name = (char *) "Psy", .login = (char *) "psy",
                       .role = JD_ROLE_SPECIALIST, .active = TRUE };

    g_assert_false (jd_staff_add (f->db, &twin, "Password1", &error));
    g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_false (jd_staff_add (f->db, &nobody, "Password1", &error));
    g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
    g_clear_error (&error);
  }

  list = jd_staff_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    if (((JdStaff *) list->pdata[i])->id == clerk)
      found = list->pdata[i];
  g_assert_nonnull (found);

  /* Promote to specialist: the role change has its own audit entry. */
  found->role = JD_ROLE_SPECIALIST;
  g_strfreev (found->services);
  found->services = g_strsplit ("career,employment", ",", -1);
  g_assert_true (jd_staff_update (f->db, found, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM staff_service"), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'role_changed'"
                                     " AND detail = 'receptionist → specialist'"), ==, 1);

  /* The last administrator cannot demote or deactivate themselves. */
  {
    g_autoptr(JdStaff) me = jd_staff_copy (admin);

    me->role = JD_ROLE_MANAGER;
    g_assert_false (jd_staff_update (f->db, me, &error));
    g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_LAST_ADMINISTRATOR);
    g_clear_error (&error);
    me->role = JD_ROLE_ADMINISTRATOR;
    me->active = FALSE;
    g_assert_false (jd_staff_update (f->db, me, &error));
    g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_LAST_ADMINISTRATOR);
    g_clear_error (&error);
  }

  /* Deactivated: the right password no longer opens. */
  found->active = FALSE;
  g_assert_true (jd_staff_update (f->db, found, &error));
  g_assert_no_error (error);
  jd_staff_sign_out (f->db);
  g_assert_null (jd_staff_sign_in (f->db, "clerk", "Password1", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_INACTIVE);
  g_clear_error (&error);

  /* A reset password must be changed at the next sign-in. */
  sign_in (f, "admin", "Qwerty123");
  found->active = TRUE;
  g_assert_true (jd_staff_update (f->db, found, &error));
  g_assert_true (jd_staff_reset_password (f->db, clerk, "Temporary1", &error));
  g_assert_no_error (error);
  jd_staff_sign_out (f->db);
  signed_in = jd_staff_sign_in (f->db, "clerk", "Temporary1", &error);
  g_assert_no_error (error);
  g_assert_true (signed_in->must_change_password);
  g_assert_false (jd_staff_change_password (f->db, "wrong", "NewSecret1", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_false (jd_staff_change_password (f->db, "Temporary1", "Temporary1", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (jd_staff_change_password (f->db, "Temporary1", "NewSecret1", &error));
  g_assert_no_error (error);
  jd_staff_sign_out (f->db);
  g_clear_pointer (&signed_in, jd_staff_free);
  signed_in = jd_staff_sign_in (f->db, "clerk", "NewSecret1", &error);
  g_assert_no_error (error);
  g_assert_false (signed_in->must_change_password);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'changed'"
                                     " AND target = 'staff' AND detail IN ('password', 'password reset')"),
                   ==, 2);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  JdAuditFilter by_action = { .action = JD_AUDIT_SIGN_IN_FAILED };
  JdAuditFilter future = { .from = jd_db_now () + 3600 };
  guint total = 0;
  JdAuditEntry *entry;

  /* set-up: created + sign_in; then a setting, a failed sign-in, a
   * sign-in. */
  g_assert_true (jd_db_set_setting (f->db, JD_SETTING_CENTRE_CODE, "ALM-01", &error));
  jd_staff_sign_out (f->db);
  g_assert_null (jd_staff_sign_in (f->db, "admin", "nope", NULL));
  sign_in (f, "admin", "Qwerty123");

  all = jd_audit_list (f->db, NULL, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (all->len, ==, 5);
  /* Newest first. */
  entry = all->pdata[0];
  g_assert_cmpstr (entry->action, ==, JD_AUDIT_SIGN_IN);
  g_assert_cmpint (entry->staff_id, ==, admin->id);
  g_assert_cmpstr (entry->staff_name, ==, "Сәуле Қасымова");
  entry = all->pdata[2];
  g_assert_cmpstr (entry->action, ==, JD_AUDIT_CHANGED);
  g_assert_cmpstr (entry->target, ==, JD_AUDIT_TARGET_SETTING);
  g_assert_cmpstr (entry->detail, ==, JD_SETTING_CENTRE_CODE);

  failed = jd_audit_list (f->db, &by_action, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  entry = failed->pdata[0];
  g_assert_cmpstr (entry->detail, ==, "admin");
  g_assert_cmpint (entry->staff_id, ==, admin->id);

  newest = jd_audit_list (f->db, NULL, 2, &total, &error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpuint (total, ==, 5);
  g_clear_pointer (&newest, g_ptr_array_unref);
  newest = jd_audit_list (f->db, &future, 2, &total, &error);
  g_assert_cmpuint (newest->len, ==, 0);
  g_assert_cmpuint (total, ==, 0);

  /* Every action has a label. */
  for (const char *const *a = jd_audit_actions (); *a; a++)
    g_assert_cmpstr (jd_audit_action_label (*a), !=, *a);
}

/* A refused write leaves no audit entry: the two share a transaction. */
static void
test_audit_atomic (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);
  gint64 before = query_int (f->db, "SELECT count(*) FROM audit");

  /* A login that the schema refuses after the checks passed would be
   * hard to make; a staff row that vanished is the same path. */
  JdStaff ghost = { .id = 999, .full_name = (char *) "Ghost", .login = (char *) "ghost",
                    .role = JD_ROLE_RECEPTIONIST, .active = TRUE };

  g_assert_false (jd_staff_update (f->db, &ghost, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit"), ==, before);
  g_assert_nonnull (admin);
}

static void
test_lock_minutes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);

  g_assert_cmpuint (jd_staff_get_lock_minutes (f->db), ==, 10);
  g_assert_true (jd_staff_set_lock_minutes (f->db, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jd_staff_get_lock_minutes (f->db), ==, 3);
  g_assert_false (jd_staff_set_lock_minutes (f->db, 0, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (jd_staff_set_lock_minutes (f->db, 241, NULL));
  g_assert_cmpuint (jd_staff_get_lock_minutes (f->db), ==, 3);
  g_assert_nonnull (admin);
}

/* A password typed into the login field is not kept: an unknown login is
 * on record as such, a known one by its account. */
static void
test_failure_keeps_no_typed_text (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = set_up_centre (f);
  g_autofree char *first = NULL;

  jd_staff_sign_out (f->db);
  g_assert_null (jd_staff_sign_in (f->db, "Qwerty123", "", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_null (jd_staff_sign_in (f->db, "admin", "Secret.Pass1", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'sign_in_failed'"),
                   ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit"
                                     " WHERE instr (lower (coalesce (detail, '')), 'qwerty') > 0"
                                     " OR instr (lower (coalesce (detail, '')), 'secret') > 0"),
                   ==, 0);
  first = query_text (f->db, "SELECT coalesce (staff_id, 0) || ' ' || detail FROM audit"
                             " WHERE action = 'sign_in_failed' ORDER BY id LIMIT 1");
  g_assert_cmpstr (first, ==, "0 unknown login");
  g_assert_cmpint (query_int (f->db, "SELECT staff_id FROM audit"
                                     " WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1"),
                   ==, admin->id);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/staff/password-hash", test_password_hash);
  g_test_add_func ("/jd/staff/rules", test_rules);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/jd/staff/set-up", test_set_up);
  ADD ("/jd/staff/sign-in", test_sign_in);
  ADD ("/jd/staff/failure-keeps-no-typed-text", test_failure_keeps_no_typed_text);
  ADD ("/jd/staff/too-many-attempts", test_too_many_attempts);
  ADD ("/jd/staff/roles", test_roles);
  ADD ("/jd/staff/private-note", test_private_note);
  ADD ("/jd/staff/manage", test_manage_staff);
  ADD ("/jd/staff/audit", test_audit);
  ADD ("/jd/staff/audit-atomic", test_audit_atomic);
  ADD ("/jd/staff/lock-minutes", test_lock_minutes);
#undef ADD

  return g_test_run ();
}
