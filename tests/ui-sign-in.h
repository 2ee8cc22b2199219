/* ui-sign-in.h: a signed-in administrator for widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-demo.h"
#include "jd-staff.h"
#include "jd-window.h"

/* The way the first start does it: the centre and its administrator
 * (signed in on @db), then the window shows its sections. On a file
 * that already has staff, signs the administrator in. */
static inline void
ui_sign_in_admin (JdDb     *db,
                  GtkWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;

  if (jd_staff_needs_setup (db, NULL))
    admin = jd_staff_set_up_centre (db, "Жастар орталығы", "Сәуле Әкімшіқызы", "admin", "Qwerty123",
                                    &error);
  else
    {
      admin = jd_staff_sign_in (db, "admin", "Qwerty123", NULL);
      /* Demo data comes with its own accounts. */
      if (admin == NULL)
        admin = jd_staff_sign_in (db, "admin", JD_DEMO_PASSWORD, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  if (window != NULL)
    jd_window_show_signed_in (JD_WINDOW (window));
}

/* An administrator adds the receptionist "desk" and hands the desk over:
 * the receptionist is signed in on @db and the window shows it. */
static inline void
ui_sign_in_receptionist (JdDb      *db,
                         GtkWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) desk = g_new0 (JdStaff, 1);
  g_autoptr(JdStaff) signed_in = NULL;

  ui_sign_in_admin (db, NULL);
  desk->full_name = g_strdup ("Айгүл Қабылдаушы");
  desk->login = g_strdup ("desk");
  desk->role = JD_ROLE_RECEPTIONIST;
  desk->active = TRUE;
  g_assert_true (jd_staff_add (db, desk, "Qwerty123", &error));
  g_assert_no_error (error);
  jd_staff_sign_out (db);
  signed_in = jd_staff_sign_in (db, "desk", "Qwerty123", &error);
  g_assert_no_error (error);
  jd_window_show_signed_in (JD_WINDOW (window));
}
