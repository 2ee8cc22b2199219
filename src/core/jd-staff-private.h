/* jd-staff-private.h: what jd-staff.c shares with jd-staff-sign-in.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-staff.h"

G_BEGIN_DECLS

#define JD_STAFF_COLUMNS \
  "id, full_name, login, role, active, must_change_password, last_sign_in_at," \
  " created_at, updated_at, password_hash"

/* One account read with @sql (JD_STAFF_COLUMNS, parameter ?1 @login or,
 * when @login is NULL, @id), with its services; @hash (optional) gets
 * the password hash. JD_DB_ERROR_NOT_FOUND when there is none. */
JdStaff     *jd_staff_load_by            (JdDb         *db,
                                          const char   *sql,
                                          gint64        id,
                                          const char   *login,
                                          char        **hash,
                                          GError      **error);

G_END_DECLS
