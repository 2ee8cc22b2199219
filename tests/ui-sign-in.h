/* ui-sign-in.h: a signed-in administrator for widget tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-demo.h"
#include "jd-staff.h"
#include "jd-store.h"
#include "jd-window.h"

/* The way the first start does it: the centre and its administrator
 * (signed in on @db), then the window shows its sections. On a file
 * that already has staff, signs the administrator in. */
static inline void
ui_sign_in_admin (JdStore   *store,
                  GtkWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;
  JdDb *db = jd_store_get_db (store);

  if (jd_staff_needs_setup (db, NULL))
    admin = jd_store_set_up_centre (store, "Жастар орталығы", "Сәуле Әкімшіқызы", "admin", "Qwerty123",
                                    &error);
  else
    {
      admin = jd_store_sign_in (store, "admin", "Qwerty123", NULL);
      /* Demo data comes with its own accounts. */
      if (admin == NULL)
        admin = jd_store_sign_in (store, "admin", JD_DEMO_PASSWORD, &error);
    }
  g_assert_no_error (error);
  g_assert_nonnull (admin);
  if (window != NULL)
    jd_window_show_signed_in (JD_WINDOW (window));
}

/* An administrator adds the receptionist "desk" and hands the desk over:
 * the receptionist is signed in on @db and the window shows it. */
static inline void
ui_sign_in_receptionist (JdStore   *store,
                         GtkWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) desk = g_new0 (JdStaff, 1);
  g_autoptr(JdStaff) signed_in = NULL;

  ui_sign_in_admin (store, NULL);
  desk->full_name = g_strdup ("Айгүл Қабылдаушы");
  desk->login = g_strdup ("desk");
  desk->role = JD_ROLE_RECEPTIONIST;
  desk->active = TRUE;
  g_assert_true (jd_staff_add (jd_store_get_db (store), desk, "Qwerty123", &error));
  g_assert_no_error (error);
  jd_store_sign_out (store);
  signed_in = jd_store_sign_in (store, "desk", "Qwerty123", &error);
  g_assert_no_error (error);
  jd_window_show_signed_in (JD_WINDOW (window));
}
