/* jd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_APPLICATION (jd_application_get_type ())

G_DECLARE_FINAL_TYPE (JdApplication, jd_application, JD, APPLICATION, AdwApplication)

JdApplication *jd_application_new              (void);
const char    *jd_application_get_db_path      (JdApplication *self);
void           jd_application_set_db_path      (JdApplication *self,
                                                const char    *path);
JdStore       *jd_application_get_store        (JdApplication *self);
const GError  *jd_application_get_db_error     (JdApplication *self);
gboolean       jd_application_reopen_db        (JdApplication *self);
gboolean       jd_application_is_connecting    (JdApplication *self);
void           jd_application_cancel_connecting (JdApplication *self);
GSettings     *jd_application_get_settings     (JdApplication *self);
char          *jd_application_dup_db_display_name (JdApplication *self);
gboolean       jd_application_is_on_server     (JdApplication *self);
void           jd_application_set_session_password (JdApplication *self,
                                                    const char    *password);
void           jd_application_use_file         (JdApplication *self);

G_END_DECLS
