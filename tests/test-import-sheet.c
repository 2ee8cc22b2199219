/* test-import-sheet.c: choosing the sheet of a workbook to import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "ui-helpers.h"

#include <string.h>

#include "db-helpers.h"
#include "jd-application.h"
#include "jd-import-sheet-dialog.h"
#include "jd-reports-page.h"
#include "jd-resources.h"
#include "jd-window.h"
#include "ui-sign-in.h"

typedef struct
{
  guint  calls;
  char  *path;
  char  *sheet;
} Chosen;

static Chosen chosen;

static void
chosen_cb (GObject    *owner,
           const char *path,
           const char *sheet)
{
  chosen.calls++;
  g_free (chosen.path);
  g_free (chosen.sheet);
  chosen.path = g_strdup (path);
  chosen.sheet = g_strdup (sheet);
}

static void
chosen_clear (void)
{
  chosen.calls = 0;
  g_clear_pointer (&chosen.path, g_free);
  g_clear_pointer (&chosen.sheet, g_free);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *windows = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (windows, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Three sheets, the first empty: the person is asked, with the first
 * that holds anything chosen; Continue gives the one chosen. */
static void
test_several_sheets (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "centre.xlsx", NULL);
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  AdwMessageDialog *dialog;
  GtkDropDown *sheets;

  gtk_window_present (parent);
  jd_import_sheet_choose (parent, path, owner, chosen_cb);
  g_assert_cmpuint (chosen.calls, ==, 0);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Choose the Sheet");
  sheets = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpuint (gtk_drop_down_get_selected (sheets), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (sheets)), ==, 3);

  gtk_drop_down_set_selected (sheets, 2);
  adw_message_dialog_response (dialog, "next");
  g_assert_cmpuint (chosen.calls, ==, 1);
  g_assert_cmpstr (chosen.path, ==, path);
  g_assert_cmpstr (chosen.sheet, ==, "Ещё");
  gtk_window_destroy (GTK_WINDOW (dialog));
  chosen_clear ();

  /* Cancel: nothing more happens. */
  jd_import_sheet_choose (parent, path, owner, chosen_cb);
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "cancel");
  g_assert_cmpuint (chosen.calls, ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (parent);
  ui_spin ();
}

/* A CSV file has no sheets, a workbook of one sheet nothing to choose,
 * and one that cannot be read goes on to the import, which says why. */
static void
test_nothing_to_ask (void)
{
  g_autofree char *mac = g_test_build_filename (G_TEST_DIST, "data", "mac1904.xlsx", NULL);
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *csv = g_build_filename (dir, "list.csv", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.xlsx", NULL);
  g_autoptr(GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);

  g_assert_true (g_file_set_contents (csv, "Surname;Given name;Date of birth\n", -1, NULL));
  g_assert_true (g_file_set_contents (broken, "PK\003\004 broken", -1, NULL));

  jd_import_sheet_choose (NULL, csv, owner, chosen_cb);
  g_assert_cmpuint (chosen.calls, ==, 1);
  g_assert_null (chosen.sheet);
  chosen_clear ();
  jd_import_sheet_choose (NULL, mac, owner, chosen_cb);
  g_assert_cmpuint (chosen.calls, ==, 1);
  g_assert_cmpstr (chosen.sheet, ==, "Mac");
  chosen_clear ();
  jd_import_sheet_choose (NULL, broken, owner, chosen_cb);
  g_assert_cmpuint (chosen.calls, ==, 1);
  g_assert_null (chosen.sheet);
  chosen_clear ();
  g_assert_null (find_dialog ());

  g_unlink (csv);
  g_unlink (broken);
  g_rmdir (dir);
}

/* The Reports page imports a workbook as it does a CSV file: the same
 * confirmation, the same report, the rejects in a workbook beside it. */
static void
test_reports_page (void)
{
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *db_path = g_build_filename (dir, "centre.db", NULL);
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "centre.xlsx", NULL);
  g_autofree char *book = g_build_filename (dir, "centre.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autofree char *cmd = NULL;
  AdwMessageDialog *dialog;
  JdReportsPage *page;
  GtkWindow *window;
  gsize length;

  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  g_assert_true (g_file_set_contents (book, text, (gssize) length, NULL));

  jd_application_set_db_path (app, db_path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  page = JD_REPORTS_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_REPORTS));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "reports");
  ui_spin ();

  jd_reports_page_prepare_import (page, book);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Visitors?");
  adw_message_dialog_response (dialog, "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_wait_while (page, "busy");
  ui_spin ();

  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Visitors Imported");
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog),
                                   "Imported: 3. Already registered, skipped: 0. Rejected: 1."));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "centre-rejected.xlsx"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (window);
  ui_spin ();

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  /* The application registers them; the page alone needs them too. */
  jd_register_resource ();

  g_test_add_func ("/jd/import-sheet/several-sheets", test_several_sheets);
  g_test_add_func ("/jd/import-sheet/nothing-to-ask", test_nothing_to_ask);
  g_test_add_func ("/jd/import-sheet/reports-page", test_reports_page);

  return ui_test_finish (g_test_run ());
}
