/* test-visitors-page.c: the Visitors section with the real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-application.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "jd-visitors-page.h"
#include "jd-window.h"
#include "ui-sign-in.h"

static char *tmp_dir;

static void
wait_for_list (JdVisitorsPage *page)
{
  ui_wait_while (page, "loading");
}

static gint64
add (JdDb       *db,
     const char *surname,
     const char *given,
     const char *occupation)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GError) error = NULL;

  v->surname = g_strdup (surname);
  v->given_name = g_strdup (given);
  v->birth_date = g_strdup ("2000-02-02");
  v->sex = JD_SEX_MALE;
  v->district_code = g_strdup ("almaty-bostandyk");
  v->occupation = g_strdup (occupation);
  v->phone = g_strdup ("+77011112233");
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_no_error (error);
  return v->id;
}

static GtkWidget *
child (JdVisitorsPage *page,
       const char     *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_VISITORS_PAGE, name));
}

static void
test_list_filter_detail (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "visitors.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  const char *purposes[] = { "career", NULL };
  JdVisitorsPage *page;
  GListModel *model;
  GtkWindow *window;
  JdDb *db;
  gint64 omarov;

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  page = JD_VISITORS_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_VISITORS));

  /* Nobody yet: the empty state. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "visitors");
  wait_for_list (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "list_stack"))), ==, "empty");

  omarov = add (db, "Омаров", "Бекзат", "unemployed_seeking");
  add (db, "Ахметов", "Арман", "employed");
  add (db, "Ким", "Виктор", "university");
  g_assert_cmpint (jd_visit_check_in (db, omarov, purposes, 0, &error), >, 0);

  /* Shown again: read again, in alphabetical order. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "front-desk");
  ui_spin ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "visitors");
  wait_for_list (page);
  model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child (page, "list_view"))));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "count_label"))), ==, "3 visitors");

  /* NEET only. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "neet_filter")), TRUE);
  wait_for_list (page);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "count_label"))), ==, "1 visitor");

  /* Open the one left: details and the visit in the history. */
  g_signal_emit_by_name (child (page, "list_view"), "activate", 0);
  ui_spin ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (child (page, "detail_title"))), ==, "Омаров Бекзат");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "detail_stack"))), ==, "visitor");
  g_assert_true (gtk_widget_get_sensitive (child (page, "edit_button")));

  /* A filter nobody passes, then clear. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, "status_filter")), 1);  /* school */
  wait_for_list (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (page, "list_stack"))), ==, "no-match");

  gtk_window_destroy (window);
  ui_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_test_add_func ("/jd/visitors-page/list-filter-detail", test_list_filter_detail);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
