/* jd-staff.h: staff accounts and sign-in (roles and access: jd-access.h;
 * passwords: jd-password.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "jd-access.h"
#include "jd-db.h"
#include "jd-password.h"

G_BEGIN_DECLS

/* Wrong passwords for one login within JD_SIGN_IN_WINDOW_S before
 * sign-in is refused until the window has passed. */
#define JD_SIGN_IN_MAX_FAILURES 5
#define JD_SIGN_IN_WINDOW_S     300

/* Centre-wide settings of this module (setting table). */
#define JD_SETTING_LOCK_MINUTES    "security.lock_minutes"
#define JD_LOCK_MINUTES_DEFAULT    10

/* A JdStaff (jd-access.h) as a GValue: JdStore's "actor" property. */
#define JD_TYPE_STAFF (jd_staff_get_type ())
GType        jd_staff_get_type         (void);

/* JD_VALIDATE_ERROR when @login is not 2–32 Latin letters, digits,
 * '.', '-' or '_'. */
gboolean     jd_login_check_rules      (const char  *login,
                                        GError     **error);

/* TRUE while the file has no staff account: the first start asks for
 * the centre name and the first administrator. */
gboolean     jd_staff_needs_setup      (JdDb        *db,
                                        GError     **error);
/* First start: the centre name and the first administrator, in one
 * transaction; refused once any account exists. Signs them in. */
JdStaff     *jd_staff_set_up_centre    (JdDb        *db,
                                        const char  *centre_name,
                                        const char  *full_name,
                                        const char  *login,
                                        const char  *password,
                                        GError     **error);

/* Checks the password (audited: sign_in or sign_in_failed) and makes
 * the person the actor of @db. */
JdStaff     *jd_staff_sign_in          (JdDb        *db,
                                        const char  *login,
                                        const char  *password,
                                        GError     **error);
/* Unlocking a locked desk: the signed-in person's password again. */
gboolean     jd_staff_unlock           (JdDb        *db,
                                        const char  *password,
                                        GError     **error);
void         jd_staff_sign_out         (JdDb        *db);
/* A person changes their own password (after a reset, or at will). */
gboolean     jd_staff_change_password  (JdDb        *db,
                                        const char  *old_password,
                                        const char  *new_password,
                                        GError     **error);

/* Administration (JD_PERM_MANAGE_STAFF). Everyone, active first, by name.
 * Returns: (transfer full) (element-type JdStaff) */
GPtrArray   *jd_staff_list             (JdDb        *db,
                                        GError     **error);
/* Adds an account (staff->id is set); @password must pass the rules. */
gboolean     jd_staff_add              (JdDb        *db,
                                        JdStaff     *staff,
                                        const char  *password,
                                        GError     **error);
/* Name, login, role, services and active flag; refuses to leave the
 * centre without an active administrator. Role changes are audited as
 * such. */
gboolean     jd_staff_update           (JdDb        *db,
                                        const JdStaff *staff,
                                        GError     **error);
/* Sets a temporary password that must be changed at the next sign-in. */
gboolean     jd_staff_reset_password   (JdDb        *db,
                                        gint64       staff_id,
                                        const char  *password,
                                        GError     **error);

/* Minutes of inactivity before a desk locks (1–240; default 10). */
guint        jd_staff_get_lock_minutes (JdDb        *db);
gboolean     jd_staff_set_lock_minutes (JdDb        *db,
                                        guint        minutes,
                                        GError     **error);

G_END_DECLS
