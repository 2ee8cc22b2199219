/* jd-sign-in-page.h: first-run set-up, sign-in, change of a reset
 * password, and the locked desk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"

G_BEGIN_DECLS

typedef enum
{
  JD_SIGN_IN_MODE_SET_UP,
  JD_SIGN_IN_MODE_SIGN_IN,
  JD_SIGN_IN_MODE_CHANGE_PASSWORD,
  JD_SIGN_IN_MODE_LOCKED,
} JdSignInMode;

#define JD_TYPE_SIGN_IN_PAGE (jd_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (JdSignInPage, jd_sign_in_page, JD, SIGN_IN_PAGE, AdwBin)

/* Emits "signed-in" (gboolean same_person: TRUE when a locked desk was
 * unlocked by the person who locked it) once someone is signed in on
 * the database. */
GtkWidget    *jd_sign_in_page_new       (void);
void          jd_sign_in_page_set_mode  (JdSignInPage *self,
                                         JdSignInMode  mode);
JdSignInMode  jd_sign_in_page_get_mode  (JdSignInPage *self);
/* Puts the keyboard focus in the first field to fill. */
void          jd_sign_in_page_focus     (JdSignInPage *self);

G_END_DECLS
