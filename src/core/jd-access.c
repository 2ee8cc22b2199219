/* jd-access.c: roles, who acts through a connection and what each role
 * may do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The signed-in person is the "actor" of a JdDb connection. Every guarded
 * call in src/core asks jd_access_check() before it reads or writes, so a
 * role's limits hold whatever the interface shows. The command line acts
 * as the system (full rights, staff id 0 in the audit): whoever runs it
 * already holds the file. Below the accounts (jd-staff.c) and the audit
 * trail, which both ask it who acts.
 */
#define G_LOG_DOMAIN "jd-staff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "jd-access.h"
#include "jd-db-private.h"
#include "jd-purpose.h"

G_DEFINE_QUARK (jd-access-error-quark, jd_access_error)

static const char *const role_codes[] = {
  [JD_ROLE_RECEPTIONIST] = "receptionist",
  [JD_ROLE_SPECIALIST] = "specialist",
  [JD_ROLE_MANAGER] = "manager",
  [JD_ROLE_ADMINISTRATOR] = "administrator",
};

static const char *const role_labels[] = {
  [JD_ROLE_RECEPTIONIST] = N_("Receptionist"),
  [JD_ROLE_SPECIALIST] = N_("Specialist"),
  [JD_ROLE_MANAGER] = N_("Manager"),
  [JD_ROLE_ADMINISTRATOR] = N_("Administrator"),
};

/* The command line's actor: no row in the staff table. */
static const JdStaff system_actor = {
  .id = 0,
  .full_name = (char *) "system",
  .login = (char *) "",
  .role = JD_ROLE_ADMINISTRATOR,
  .active = TRUE,
};

const char *
jd_role_to_code (JdRole role)
{
  g_return_val_if_fail (role <= JD_ROLE_ADMINISTRATOR, NULL);

  return role_codes[role];
}

gboolean
jd_role_from_code (const char *code,
                   JdRole     *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_codes); i++)
    {
      if (g_strcmp0 (code, role_codes[i]) == 0)
        {
          *role = (JdRole) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
jd_role_label (JdRole role)
{
  g_return_val_if_fail (role <= JD_ROLE_ADMINISTRATOR, NULL);

  return _(role_labels[role]);
}

JdStaff *
jd_staff_copy (const JdStaff *staff)
{
  JdStaff *copy;

  g_return_val_if_fail (staff != NULL, NULL);

  copy = g_memdup2 (staff, sizeof *staff);
  copy->full_name = g_strdup (staff->full_name);
  copy->login = g_strdup (staff->login);
  copy->services = g_strdupv (staff->services);
  return copy;
}

void
jd_staff_free (JdStaff *staff)
{
  if (staff == NULL)
    return;

  g_free (staff->full_name);
  g_free (staff->login);
  g_strfreev (staff->services);
  g_free (staff);
}

const JdStaff *
jd_access_peek_actor (JdDb *db)
{
  return jd_db_get_actor_data (db);
}

void
jd_access_set_actor (JdDb          *db,
                     const JdStaff *staff)
{
  if (staff == &system_actor)
    jd_db_set_actor_data (db, (gpointer) &system_actor, NULL);
  else
    jd_db_set_actor_data (db, staff ? jd_staff_copy (staff) : NULL,
                          (GDestroyNotify) jd_staff_free);
}

JdStaff *
jd_db_get_actor (JdDb *db)
{
  const JdStaff *actor;

  g_return_val_if_fail (db != NULL, NULL);

  actor = jd_access_peek_actor (db);
  return actor ? jd_staff_copy (actor) : NULL;
}

gint64
jd_db_get_actor_id (JdDb *db)
{
  const JdStaff *actor;

  g_return_val_if_fail (db != NULL, 0);

  actor = jd_access_peek_actor (db);
  return actor ? actor->id : 0;
}

void
jd_db_share_actor (JdDb *db,
                   JdDb *from)
{
  g_return_if_fail (db != NULL && from != NULL);

  jd_access_set_actor (db, jd_access_peek_actor (from));
}

void
jd_db_act_as_system (JdDb *db)
{
  g_return_if_fail (db != NULL);

  jd_access_set_actor (db, &system_actor);
}

static gboolean
role_may (JdRole       role,
          JdPermission permission)
{
  switch (permission)
    {
    case JD_PERM_FRONT_DESK:
      return TRUE;
    case JD_PERM_CONSULT:
      return role != JD_ROLE_RECEPTIONIST;
    case JD_PERM_VIEW_REPORTS:
    case JD_PERM_EXPORT_PERSONAL:
    case JD_PERM_BACKUP:
      return role == JD_ROLE_MANAGER || role == JD_ROLE_ADMINISTRATOR;
    case JD_PERM_DELETE_VISITOR:
    case JD_PERM_MANAGE_STAFF:
    case JD_PERM_MANAGE_SETTINGS:
    case JD_PERM_RESTORE:
    case JD_PERM_RETENTION:
    case JD_PERM_VIEW_AUDIT:
      return role == JD_ROLE_ADMINISTRATOR;
    default:
      return FALSE;
    }
}

static const char *
refusal (JdPermission permission)
{
  switch (permission)
    {
    case JD_PERM_CONSULT:
      return _("Only specialists, managers and administrators can work with consultations.");
    case JD_PERM_VIEW_REPORTS:
      return _("Only a manager or an administrator can see reports.");
    case JD_PERM_EXPORT_PERSONAL:
      return _("Only a manager or an administrator can export personal data.");
    case JD_PERM_BACKUP:
      return _("Only a manager or an administrator can make a backup.");
    case JD_PERM_DELETE_VISITOR:
      return _("Only an administrator can delete a visitor’s data.");
    case JD_PERM_MANAGE_STAFF:
      return _("Only an administrator can manage staff accounts.");
    case JD_PERM_MANAGE_SETTINGS:
      return _("Only an administrator can change the centre’s settings.");
    case JD_PERM_RESTORE:
      return _("Only an administrator can restore a backup.");
    case JD_PERM_RETENTION:
      return _("Only an administrator can anonymise old records.");
    case JD_PERM_VIEW_AUDIT:
      return _("Only an administrator can read the audit trail.");
    case JD_PERM_FRONT_DESK:
    default:
      return _("Your role does not allow this.");
    }
}

gboolean
jd_access_allowed (JdDb         *db,
                   JdPermission  permission)
{
  const JdStaff *actor;

  g_return_val_if_fail (db != NULL, FALSE);

  actor = jd_access_peek_actor (db);
  return actor != NULL && role_may (actor->role, permission);
}

gboolean
jd_access_check (JdDb          *db,
                 JdPermission   permission,
                 GError       **error)
{
  const JdStaff *actor;

  g_return_val_if_fail (db != NULL, FALSE);

  actor = jd_access_peek_actor (db);
  if (actor == NULL)
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN,
                           _("Sign in first."));
      return FALSE;
    }
  if (!role_may (actor->role, permission))
    {
      g_set_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                   /* Translators: the first %s says who may do it, the
                    * second is the role of the person signed in. */
                   _("%s You are signed in as: %s."),
                   refusal (permission), jd_role_label (actor->role));
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_access_check_private_note (JdDb        *db,
                              gint64       author_id,
                              const char  *service,
                              GError     **error)
{
  const JdStaff *actor;

  g_return_val_if_fail (db != NULL, FALSE);

  actor = jd_access_peek_actor (db);
  if (actor == NULL)
    {
      g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN,
                           _("Sign in first."));
      return FALSE;
    }
  if (actor->id != 0 && actor->id == author_id)
    return TRUE;
  if (actor->role == JD_ROLE_SPECIALIST && actor->services != NULL &&
      g_strv_contains ((const char * const *) actor->services, service))
    return TRUE;

  g_set_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
               _("A private note can be read only by its author and by specialists in “%s”."),
               jd_purpose_service_label (service));
  return FALSE;
}
