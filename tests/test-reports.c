/* test-reports.c: the Reports page through the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>
#include <string.h>
#include <unistd.h>

#include "db-helpers.h"
#include "jd-application.h"
#include "jd-reports-page.h"
#include "jd-resources.h"
#include "jd-staff.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "jd-window.h"
#include "ui-sign-in.h"
#include "visitor-helpers.h"

static char *tmp_dir;

static GtkWindow *
open_window (JdApplication *app,
             const char    *db_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, db_name, NULL);

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  return gtk_application_get_active_window (GTK_APPLICATION (app));
}

static JdReportsPage *
show_reports (GtkWindow *window)
{
  JdReportsPage *page = JD_REPORTS_PAGE (jd_window_get_page (JD_WINDOW (window),
                                                             JD_WINDOW_SECTION_REPORTS));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "reports");
  g_assert_cmpstr (jd_window_get_section (JD_WINDOW (window)), ==, "reports");
  ui_spin ();
  return page;
}

static gpointer
page_child (JdReportsPage *page,
            const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_REPORTS_PAGE, name);

  g_assert_nonnull (child);
  return child;
}

/* The dialog over @window, if any (at most one in these tests). */
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

static void
wait_idle (JdReportsPage *page)
{
  ui_wait_while (page, "busy");
}

static gint64
add_visitor (JdDb       *db,
             const char *surname)
{
  return test_add_visitor (db, &(TestVisitor) { .surname = surname, .given_name = "Дана",
                                               .birth_date = "2000-06-15",
                                               .district_code = "almaty-alatau",
                                               .occupation = "not_seeking" });
}

static void
check_in (JdDb   *db,
          gint64  visitor,
          int     year,
          int     month,
          int     day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = g_date_time_new (jd_db_get_time_zone (NULL), year, month, day, 11, 30, 0);

  g_assert_cmpint (jd_visit_check_in (db, visitor, (const char *[]) { "career", NULL },
                                      g_date_time_to_unix (at), &error), >, 0);
  g_assert_no_error (error);
}

static void
set_period (JdReportsPage *page,
            const char    *from,
            const char    *to)
{
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "from_row")), from);
  gtk_editable_set_text (GTK_EDITABLE (page_child (page, "to_row")), to);
  jd_reports_page_refresh (page);
}

static const char *
preview_cell (JdReportsPage *page,
              int            column,
              int            row)
{
  GtkWidget *cell = gtk_grid_get_child_at (GTK_GRID (page_child (page, "preview_grid")), column, row);

  return cell != NULL ? gtk_label_get_label (GTK_LABEL (cell)) : NULL;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "\r\n"); p != NULL; p = strstr (p + 2, "\r\n"))
    n++;
  return n;
}

/* A month of visits: the preview, a file as the administrator, an
 * anonymised one, and one cancelled at once that leaves nothing. */
static void
test_export (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autofree char *csv = g_build_filename (tmp_dir, "visits.csv", NULL);
  g_autofree char *anonymous = g_build_filename (tmp_dir, "anonymous.csv", NULL);
  g_autofree char *cancelled = g_build_filename (tmp_dir, "cancelled.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *year_start = g_strdup_printf ("01.01.%d", g_date_time_get_year (now));
  g_autofree char *year_end = g_strdup_printf ("31.12.%d", g_date_time_get_year (now));
  g_autoptr(GDir) dir = NULL;
  JdReportsPage *page;
  GtkWindow *window;
  const char *name;
  gint64 a;
  gint64 b;
  JdDb *db;

  window = open_window (app, "reports.db");
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);

  /* Three visits in March 2025, one in April: only March is asked for. */
  a = add_visitor (db, "Серікова");
  b = add_visitor (db, "Бекова");
  check_in (db, a, 2025, 3, 1);
  check_in (db, b, 2025, 3, 14);
  check_in (db, a, 2025, 3, 31);
  check_in (db, b, 2025, 4, 1);

  page = show_reports (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "stack")), ==, "content");
  g_assert_true (gtk_widget_get_visible (page_child (page, "import_button")));

  /* The quick periods fill both days. */
  g_signal_emit_by_name (page_child (page, "this_year_button"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (page_child (page, "from_row")), ==, year_start);
  g_assert_cmpstr (gtk_editable_get_text (page_child (page, "to_row")), ==, year_end);

  adw_combo_row_set_selected (page_child (page, "kind_row"), JD_EXPORT_VISITS);
  set_period (page, "01.03.2025", "31.03.2025");
  g_assert_cmpuint (jd_reports_page_get_preview_rows (page), ==, 3);
  g_assert_cmpstr (preview_cell (page, 0, 0), ==, "Date");
  g_assert_cmpstr (preview_cell (page, 0, 1), ==, "2025-03-01");
  g_assert_cmpstr (preview_cell (page, 0, 3), ==, "2025-03-31");
  g_assert_null (preview_cell (page, 0, 4));

  /* A typo: no preview, and the export waits for a real day. */
  set_period (page, "31.02.2025", "31.03.2025");
  g_assert_cmpuint (jd_reports_page_get_preview_rows (page), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "export_button")));
  set_period (page, "01.03.2025", "31.03.2025");
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "export_button")));

  /* Saved on a worker thread behind a modal dialog, on record as the
   * administrator. */
  jd_reports_page_export_to (page, csv);
  g_assert_true (jd_reports_page_is_busy (page));
  g_assert_nonnull (find_dialog (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (find_dialog (window))));
  wait_idle (page);
  g_assert_null (find_dialog (window));
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Date;Time in;"));
  g_assert_cmpuint (count_lines (text), ==, 4);
  g_assert_nonnull (strstr (text, "Серікова"));
  g_assert_null (strstr (text, "2025-04-01"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE action = 'exported'"
                                  " AND staff_id = (SELECT id FROM staff WHERE login = 'admin')"), ==, 1);

  /* Anonymised, with commas: the same rows without the names. */
  g_clear_pointer (&text, g_free);
  gtk_switch_set_active (page_child (page, "anonymise_switch"), TRUE);
  adw_combo_row_set_selected (page_child (page, "delimiter_row"), 1);
  jd_reports_page_refresh (page);
  g_assert_cmpuint (jd_reports_page_get_preview_rows (page), ==, 3);
  jd_reports_page_export_to (page, anonymous);
  wait_idle (page);
  g_assert_true (g_file_get_contents (anonymous, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBF" "Date,Time in,"));
  g_assert_cmpuint (count_lines (text), ==, 4);
  g_assert_null (strstr (text, "Серікова"));

  /* An Excel workbook: the separator has no say, the file is a zip. */
  {
    g_autofree char *book = g_build_filename (tmp_dir, "march.xlsx", NULL);
    g_autofree char *bytes = NULL;
    gsize length = 0;

    adw_combo_row_set_selected (page_child (page, "format_row"), 1);
    g_assert_false (gtk_widget_get_sensitive (page_child (page, "delimiter_row")));
    jd_reports_page_export_to (page, book);
    wait_idle (page);
    g_assert_true (g_file_get_contents (book, &bytes, &length, NULL));
    g_assert_cmpuint (length, >, 4);
    g_assert_cmpmem (bytes, 4, "PK\003\004", 4);
    adw_combo_row_set_selected (page_child (page, "format_row"), 0);
    g_assert_true (gtk_widget_get_sensitive (page_child (page, "delimiter_row")));
  }

  /* Cancelled at once, as the dialog's Cancel does: no file at all,
   * nor a temporary one beside it. */
  jd_reports_page_export_to (page, cancelled);
  g_cancellable_cancel (jd_reports_page_get_cancellable (page));
  wait_idle (page);
  g_assert_null (find_dialog (window));
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_true (!g_str_has_prefix (name, "cancelled") && !g_str_has_prefix (name, ".cancelled"));

  gtk_window_destroy (window);
  ui_spin ();
}

/* Visitors from a file: the counts, and where the reasons are. */
static void
test_import (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (tmp_dir, "list.csv", NULL);
  AdwMessageDialog *dialog;
  JdReportsPage *page;
  GtkWindow *window;
  JdDb *db;

  window = open_window (app, "import.db");
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  page = show_reports (window);

  g_assert_true (g_file_set_contents (csv,
                                      "Фамилия;Имя;Дата рождения;Пол;Район;Занятость;Телефон\n"
                                      "Серікова;Дана;15.06.2000;жен;Медеуский район;employed;87015550101\n"
                                      /* The same family phone: imported, and listed. */
                                      "Болатов;Арман;01.01.2001;муж;Алмалинский район;unemployed_seeking;"
                                      "+77015550101\n"
                                      "Малов;Тимур;01.01.2020;муж;Алмалинский район;school;\n",
                                      -1, &error));
  g_assert_no_error (error);

  jd_reports_page_import_from (page, csv);
  g_assert_nonnull (find_dialog (window));
  wait_idle (page);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 2);

  dialog = find_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Visitors Imported");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Imported: 2. Already registered, skipped: 0. Rejected: 1."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "list-rejected.csv"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "\n\n1 person imported may be registered already:\n"
                            "Line 3: imported, but may be Серікова Дана, born 2000-06-15"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_spin ();
  g_assert_null (find_dialog (window));

  /* Known names: the rules are confirmed, nothing to match. */
  jd_reports_page_prepare_import (page, csv);
  dialog = find_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Visitors?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_spin ();

  /* Names the import does not know: each column matched by hand, and
   * Import only once the surname, given name and birth date are. */
  {
    g_autofree char *odd = g_build_filename (tmp_dir, "kartoteka.csv", NULL);
    GtkWidget *list, *row;
    /* Skip is 0; the fields follow in jd_import_fields() order. */
    static const guint choice[] = { 1, 2, 5, 6, 9, 11 };

    g_assert_true (g_file_set_contents (odd,
                                        "Фам.;Имя;Д. р.;Ж/М;Где живёт;Чем занят\n"
                                        "Жұмабаева;Аружан;12.03.2004;ж;Медеуский район;employed\n",
                                        -1, &error));
    jd_reports_page_prepare_import (page, odd);
    dialog = find_dialog (window);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Match the Columns");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
    list = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (dialog)));
    if (GTK_IS_VIEWPORT (list))
      list = gtk_viewport_get_child (GTK_VIEWPORT (list));
    /* "Имя" was recognised; the first row shows its sample. */
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))),
                      ==, 2);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))),
                     ==, "Жұмабаева");
    for (guint i = 0; i < G_N_ELEMENTS (choice); i++)
      {
        row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) i));
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), choice[i]);
      }
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));
    adw_message_dialog_response (dialog, "import");
    gtk_window_destroy (GTK_WINDOW (dialog));
    ui_spin ();
    wait_idle (page);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Жұмабаева'"
                                    " AND birth_date = '2004-03-12' AND sex = 'female'"), ==, 1);
    dialog = find_dialog (window);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Visitors Imported");
    gtk_window_destroy (GTK_WINDOW (dialog));
    ui_spin ();
  }

  gtk_window_destroy (window);
  ui_spin ();
}

/* Saving the report over the database (chosen in the save dialog, or a
 * link to it) replaced the centre's data with the report. It is refused
 * at once, before any thread starts, and the data stays. */
static void
test_export_not_over_database (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autofree char *db_path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *sym = g_build_filename (tmp_dir, "looks-like-a-report.csv", NULL);
  JdReportsPage *page;
  GtkWindow *window;
  JdDb *db;

  window = open_window (app, "guarded.db");
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  add_visitor (db, "Серікова");
  db_path = g_strdup (jd_db_get_path (db));
  wal = g_strconcat (db_path, "-wal", NULL);
  g_assert_cmpint (symlink (db_path, sym), ==, 0);

  page = show_reports (window);
  set_period (page, "01.01.2000", "31.12.2099");
  for (guint i = 0; i < 3; i++)
    {
      const char *target = i == 0 ? db_path : i == 1 ? wal : sym;
      AdwMessageDialog *dialog;

      jd_reports_page_export_to (page, target);
      g_assert_false (jd_reports_page_is_busy (page));
      dialog = find_dialog (window);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Saved");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "would destroy it"));
      gtk_window_destroy (GTK_WINDOW (dialog));
      ui_spin ();
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 1);

  gtk_window_destroy (window);
  ui_spin ();
}

/* A receptionist sees why the section is not theirs, not the report. */
static void
test_receptionist (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  JdReportsPage *page;
  GtkWindow *window;

  window = open_window (app, "receptionist.db");
  ui_sign_in_receptionist (jd_application_get_store (app), window);

  page = show_reports (window);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (page, "stack")), ==, "denied");
  g_assert_cmpuint (jd_reports_page_get_preview_rows (page), ==, 0);

  /* Even called directly, nothing is written. */
  {
    g_autofree char *csv = g_build_filename (tmp_dir, "desk.csv", NULL);
    AdwMessageDialog *dialog;

    jd_reports_page_export_to (page, csv);
    g_assert_false (jd_reports_page_is_busy (page));
    g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
    dialog = find_dialog (window);
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The Report Was Not Saved");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_window_destroy (window);
  ui_spin ();
}

/* The page alone, created and destroyed: the template holds only
 * widgets that libadwaita 1.2 has. */
static void
test_new_destroy (void)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (JD_TYPE_REPORTS_PAGE, NULL));

  g_assert_cmpuint (jd_reports_page_get_preview_rows (JD_REPORTS_PAGE (page)), ==, 0);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  /* The application registers them; the page alone needs them too. */
  jd_register_resource ();
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/reports/new-destroy", test_new_destroy);
  g_test_add_func ("/jd/reports/export", test_export);
  g_test_add_func ("/jd/reports/import", test_import);
  g_test_add_func ("/jd/reports/receptionist", test_receptionist);
  g_test_add_func ("/jd/reports/export-not-over-database", test_export_not_over_database);

  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
