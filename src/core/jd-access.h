/* jd-access.h: roles, who acts through a connection and what each role
 * may do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

#define JD_ACCESS_ERROR (jd_access_error_quark ())

/**
 * JdAccessError:
 * @JD_ACCESS_ERROR_NOT_SIGNED_IN: nobody is signed in on this connection
 * @JD_ACCESS_ERROR_DENIED: the signed-in role may not do this
 * @JD_ACCESS_ERROR_WRONG_PASSWORD: unknown login or wrong password
 * @JD_ACCESS_ERROR_INACTIVE: the account was deactivated
 * @JD_ACCESS_ERROR_TOO_MANY_ATTEMPTS: too many wrong passwords in a row
 * @JD_ACCESS_ERROR_LAST_ADMINISTRATOR: the change would leave no active
 *   administrator
 *
 * Messages are translated and say in plain words what was refused and
 * who can do it.
 */
typedef enum
{
  JD_ACCESS_ERROR_NOT_SIGNED_IN,
  JD_ACCESS_ERROR_DENIED,
  JD_ACCESS_ERROR_WRONG_PASSWORD,
  JD_ACCESS_ERROR_INACTIVE,
  JD_ACCESS_ERROR_TOO_MANY_ATTEMPTS,
  JD_ACCESS_ERROR_LAST_ADMINISTRATOR,
} JdAccessError;

typedef enum
{
  JD_ROLE_RECEPTIONIST,
  JD_ROLE_SPECIALIST,
  JD_ROLE_MANAGER,
  JD_ROLE_ADMINISTRATOR,
} JdRole;

/* What a guarded call in src/core asks for. */
typedef enum
{
  JD_PERM_FRONT_DESK,        /* register, edit and check in visitors: everyone */
  JD_PERM_CONSULT,           /* log consultations: specialists */
  JD_PERM_VIEW_REPORTS,      /* dashboards and anonymous reports */
  JD_PERM_EXPORT_PERSONAL,   /* files with personal data */
  JD_PERM_DELETE_VISITOR,    /* delete on the person's request */
  JD_PERM_MANAGE_STAFF,
  JD_PERM_MANAGE_SETTINGS,   /* centre settings, backups folder, lock */
  JD_PERM_BACKUP,
  JD_PERM_RESTORE,
  JD_PERM_RETENTION,
  JD_PERM_VIEW_AUDIT,
} JdPermission;

typedef struct
{
  gint64    id;
  char     *full_name;
  char     *login;
  JdRole    role;
  GStrv     services;        /* service codes a specialist covers */
  gboolean  active;
  gboolean  must_change_password;
  gint64    last_sign_in_at; /* 0: never */
  gint64    created_at;
  gint64    updated_at;
} JdStaff;

GQuark       jd_access_error_quark     (void);

const char  *jd_role_to_code           (JdRole       role);
gboolean     jd_role_from_code         (const char  *code,
                                        JdRole      *role);
/* The translated name of a role, for people. */
const char  *jd_role_label             (JdRole       role);

JdStaff     *jd_staff_copy             (const JdStaff *staff);
void         jd_staff_free             (JdStaff     *staff);

/* The person acting on @db: a copy, NULL when nobody is signed in. */
JdStaff     *jd_db_get_actor           (JdDb        *db);
/* 0 when nobody is signed in or for the command line. */
gint64       jd_db_get_actor_id        (JdDb        *db);
/* A worker's own connection acts for the person signed in on @from (a
 * long export in a thread): same rights, same name in the audit. */
void         jd_db_share_actor         (JdDb        *db,
                                        JdDb        *from);
/* The command line and maintenance jobs act with full rights as nobody
 * in particular (staff id 0 in the audit, detail "command line"). */
void         jd_db_act_as_system       (JdDb        *db);
/* For sign-in and sign-out (jd-staff.c): @staff is copied; NULL signs
 * out. */
void         jd_access_set_actor       (JdDb          *db,
                                        const JdStaff *staff);
/* The actor itself, owned by @db; NULL when nobody is signed in. */
const JdStaff *jd_access_peek_actor    (JdDb          *db);

/* Whether the actor may do @permission: JD_ACCESS_ERROR saying why not. */
gboolean     jd_access_check           (JdDb         *db,
                                        JdPermission  permission,
                                        GError      **error);
/* Private notes: their author and specialists of the same service. */
gboolean     jd_access_check_private_note (JdDb       *db,
                                           gint64      author_id,
                                           const char *service,
                                           GError    **error);
/* The same as jd_access_check() without an error: for showing buttons. */
gboolean     jd_access_allowed         (JdDb         *db,
                                        JdPermission  permission);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdStaff, jd_staff_free)

G_END_DECLS
