/* test-reports.c: the Reports page through the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "db-helpers.h"
#include "jd-application.h"
#include "jd-reports-page.h"
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
wait_idle (JdReportsPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (jd_reports_page_is_busy (page) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  g_assert_false (jd_reports_page_is_busy (page));
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "reports.db", NULL);
  g_autofree char *csv = g_build_filename (tmp_dir, "visits.csv", NULL);
  g_autofree char *cancelled = g_build_filename (tmp_dir, "cancelled.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  JdReportsPage *page;
  AdwComboRow *kind;
  GtkWindow *window;
  JdDb *db;

  jd_application_set_db_path (app, path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_application_get_db (app);
  ui_sign_in_admin (db, window);

  v->surname = g_strdup ("Серікова");
  v->given_name = g_strdup ("Дана");
  v->birth_date = g_strdup ("2000-06-15");
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup ("almaty-alatau");
  v->occupation = g_strdup ("not_seeking");
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_cmpint (jd_visit_check_in (db, v->id, (const char *[]) { "career", NULL }, 0, &error), >, 0);
  g_assert_no_error (error);

  page = JD_REPORTS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, "reports_page"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "reports");
  kind = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_REPORTS_PAGE, "kind_row"));
  adw_combo_row_set_selected (kind, JD_EXPORT_VISITS);
  jd_reports_page_refresh (page);
  g_assert_cmpuint (jd_reports_page_get_preview_rows (page), ==, 1);

  /* Saved on a worker thread, on record as the administrator. */
  jd_reports_page_export_to (page, csv);
  wait_idle (page);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Date;Time in;"));
  g_assert_nonnull (strstr (text, "Серікова"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE action = 'exported'"
                                  " AND staff_id = (SELECT id FROM staff WHERE login = 'admin')"), ==, 1);

  /* Cancelled at once: no file at all. */
  jd_reports_page_export_to (page, cancelled);
  g_cancellable_cancel (jd_reports_page_get_cancellable (page));
  wait_idle (page);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));

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

  g_test_add_func ("/jd/reports/export", test_export);

  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
