/* test-report-print.c: Print… and Save as PDF… of the summary report,
 * on the Reports page and the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-application.h"
#include "jd-dashboard-page.h"
#include "jd-report-print.h"
#include "jd-reports-page.h"
#include "jd-window.h"
#include "summary-report-fixture.h"
#include "ui-sign-in.h"

static char *tmp_dir;

static GtkWindow *
open_window (JdApplication *app,
             const char    *db_name)
{
  g_autofree char *path = g_build_filename (tmp_dir, db_name, NULL);

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  return gtk_application_get_active_window (GTK_APPLICATION (app));
}

static GtkWidget *
show_section (GtkWindow       *window,
              JdWindowSection  section,
              const char      *name)
{
  GtkWidget *page = jd_window_get_page (JD_WINDOW (window), section);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", name);
  g_assert_cmpstr (jd_window_get_section (JD_WINDOW (window)), ==, name);
  ui_spin ();
  return page;
}

/* The first widget under @widget (itself included) that @match takes. */
static GtkWidget *
find_widget (GtkWidget *widget,
             gboolean (*match) (GtkWidget *widget))
{
  if (match (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, match);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_print_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "report.print") == 0;
}

static gboolean
is_pdf_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "report.save-pdf") == 0;
}

static gboolean
is_menu_button (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Print Report…") == 0;
}

/* The dialog over @window, if any. */
static AdwMessageDialog *
find_dialog (GtkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == window)
        found = ADW_MESSAGE_DIALOG (toplevel);
    }
  return found;
}

/* A good period: the report is made on a worker thread, and only then
 * does the save dialog come, with the summary's name as a PDF. */
static void
test_reports_page_save_dialog (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  GtkWindow *window = open_window (app, "save-dialog.db");
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkFileChooserDialog *chooser;
  g_autofree char *name = NULL;
  GtkWidget *page;

  ui_sign_in_admin (jd_application_get_store (app), window);
  page = show_section (window, JD_WINDOW_SECTION_REPORTS, "reports");
  g_assert_true (gtk_widget_activate_action (page, "report.save-pdf", NULL));
  g_assert_null (ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  while ((chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL)
    ui_wait_for (toplevels, "items-changed", 10);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (name, ".pdf"));
  g_assert_null (find_dialog (window));

  gtk_window_destroy (GTK_WINDOW (chooser));
  gtk_window_destroy (window);
  ui_spin ();
}

/* A period that is not one: the summary is not made, and the dialog
 * says how to type the days. The buttons run the page's actions. */
static void
test_reports_page_typo (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  GtkWindow *window = open_window (app, "typo.db");
  AdwMessageDialog *dialog;
  GtkWidget *page;

  ui_sign_in_admin (jd_application_get_store (app), window);
  page = show_section (window, JD_WINDOW_SECTION_REPORTS, "reports");
  g_assert_nonnull (find_widget (page, is_print_button));
  g_assert_nonnull (find_widget (page, is_pdf_button));

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (page, JD_TYPE_REPORTS_PAGE, "from_row")),
                         "31.02.2026");
  g_assert_true (gtk_widget_activate_action (page, "report.save-pdf", NULL));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Made");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Type the first and the last day as DD.MM.YYYY.");
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (gtk_widget_activate_action (page, "report.print", NULL));
  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Made");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (window);
  ui_spin ();
}

/* The dashboard's menu prints the period shown, or saves it as a PDF. */
static void
test_dashboard_menu (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  GtkWindow *window = open_window (app, "dashboard.db");
  GtkWidget *page;
  GMenuModel *menu;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  ui_sign_in_admin (jd_application_get_store (app), window);
  page = show_section (window, JD_WINDOW_SECTION_DASHBOARD, "dashboard");
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (find_widget (page, is_menu_button)));
  g_assert_nonnull (menu);
  /* One section of two items. */
  menu = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &first));
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_ACTION, "s", &second));
  g_assert_cmpstr (first, ==, "report.print");
  g_assert_cmpstr (second, ==, "report.save-pdf");
  g_object_unref (menu);

  gtk_window_destroy (window);
  ui_spin ();
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!jd_report_print_save_pdf_finish (GTK_WIDGET (source), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "saved");
}

/* Saving a report made: on a worker thread, the whole PDF; a folder
 * that does not exist gives a message and no file. */
static void
test_save_pdf (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  GtkWindow *window = open_window (app, "save.db");
  JdSummaryReport *report = fixture_report_new ();
  g_autofree char *path = g_build_filename (tmp_dir, "Report November 2026.pdf", NULL);
  g_autofree char *contents = NULL;
  GError *error = NULL;
  GtkWidget *page;

  ui_sign_in_admin (jd_application_get_store (app), window);
  page = show_section (window, JD_WINDOW_SECTION_REPORTS, "reports");

  /* The callback sets an error either way: "saved" when it was. */
  jd_report_print_save_pdf_async (page, report, path, NULL, saved_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  jd_report_print_save_pdf_async (page, report, "/nonexistent-jd-folder/report.pdf", NULL, saved_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test ("/nonexistent-jd-folder/report.pdf", G_FILE_TEST_EXISTS));

  fixture_report_free (report);
  gtk_window_destroy (window);
  ui_spin ();
}

/* The printer's way, exported to a file without the dialog: as many
 * pages as src/core counts on the print context's A4 page. */
static void
test_print_operation (void)
{
  JdSummaryReport *report = fixture_report_new ();
  g_autofree char *path = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autoptr(GtkPrintOperation) operation = jd_report_print_operation_new (report);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("/Type\\s*/Page(?!s)", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize length = 0;
  int pages = 0;

  gtk_print_operation_set_export_filename (operation, path);
  g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_regex_match_full (regex, contents, (gssize) length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      pages++;
      g_match_info_next (match, NULL);
    }
  /* A4 is 210 × 297 mm: 595.28 × 841.89 pt. */
  g_assert_cmpint (pages, ==, jd_summary_report_n_pages (report, 595.28, 841.89));
  g_assert_cmpint (pages, >=, 2);
  fixture_report_free (report);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/report-print/reports-page-typo", test_reports_page_typo);
  g_test_add_func ("/jd/report-print/reports-page-save-dialog", test_reports_page_save_dialog);
  g_test_add_func ("/jd/report-print/dashboard-menu", test_dashboard_menu);
  g_test_add_func ("/jd/report-print/save-pdf", test_save_pdf);
  g_test_add_func ("/jd/report-print/print-operation", test_print_operation);

  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
