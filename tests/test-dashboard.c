/* test-dashboard.c: the dashboard's tiles through the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "db-helpers.h"
#include "jd-application.h"
#include "jd-dashboard-page.h"
#include "jd-visitor.h"
#include "jd-window.h"
#include "ui-sign-in.h"

static char *tmp_dir;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for (JdDashboardPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  do
    {
      g_main_context_iteration (NULL, TRUE);
      spin ();
    }
  while (jd_dashboard_page_is_busy (page) && g_get_monotonic_time () < deadline);
  g_assert_false (jd_dashboard_page_is_busy (page));
}

static gint64
add_visitor (JdDb       *db,
             const char *surname,
             const char *occupation)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) v = jd_visitor_new ();

  v->surname = g_strdup (surname);
  v->given_name = g_strdup ("Тест");
  v->birth_date = g_strdup ("2001-04-04");
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup ("almaty-medeu");
  v->occupation = g_strdup (occupation);
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_no_error (error);
  return v->id;
}

static void
test_tiles (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "dashboard.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) month_start = g_date_time_new_local (g_date_time_get_year (now),
                                                            g_date_time_get_month (now), 1, 10, 0, 0);
  g_autoptr(GDateTime) last_month = g_date_time_add_months (month_start, -1);
  JdDashboardPage *page;
  GtkWindow *window;
  JdDb *db;
  gint64 a, b;

  jd_application_set_db_path (app, path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_application_get_db (app);
  ui_sign_in_admin (db, window);

  /* This month: three visits by two people, one of them NEET; last
   * month: one visit. */
  a = add_visitor (db, "Әлиева", "not_seeking");
  b = add_visitor (db, "Бекова", "employed");
  g_assert_cmpint (jd_visit_check_in (db, a, (const char *[]) { "leisure", NULL },
                                      g_date_time_to_unix (month_start), &error), >, 0);
  g_assert_cmpint (jd_visit_check_in (db, a, (const char *[]) { "leisure", NULL },
                                      g_date_time_to_unix (month_start) + 3600, &error), >, 0);
  g_assert_cmpint (jd_visit_check_in (db, b, (const char *[]) { "leisure", NULL },
                                      g_date_time_to_unix (month_start) + 7200, &error), >, 0);
  g_assert_cmpint (jd_visit_check_in (db, b, (const char *[]) { "leisure", NULL },
                                      g_date_time_to_unix (last_month), &error), >, 0);
  g_assert_no_error (error);

  page = JD_DASHBOARD_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW,
                                                          "dashboard_page"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "dashboard");
  jd_dashboard_page_set_period (page, JD_DASHBOARD_MONTH);
  jd_dashboard_page_refresh (page);
  wait_for (page);
  g_assert_cmpstr (jd_dashboard_page_get_tile (page, "visits"), ==, "3");
  g_assert_cmpstr (jd_dashboard_page_get_tile (page, "unique"), ==, "2");
  g_assert_cmpstr (jd_dashboard_page_get_tile (page, "neet"), ==, "1");
  g_assert_cmpstr (jd_dashboard_page_get_tile (page, "registrations"), ==, "2");

  /* The year: four visits. */
  jd_dashboard_page_set_period (page, JD_DASHBOARD_YEAR);
  wait_for (page);
  if (g_date_time_get_month (now) > 1)
    g_assert_cmpstr (jd_dashboard_page_get_tile (page, "visits"), ==, "4");

  /* Today, with nobody yet at ten o'clock on the first: the count of
   * today's visits, whatever it is, is a number. */
  jd_dashboard_page_set_period (page, JD_DASHBOARD_TODAY);
  wait_for (page);
  g_assert_nonnull (jd_dashboard_page_get_tile (page, "visits"));

  gtk_window_destroy (window);
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/dashboard/tiles", test_tiles);

  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
