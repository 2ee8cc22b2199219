/* test-window.c: the real main window, driven in-process under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include <locale.h>

#include <glib/gi18n.h>

#include "jd-application.h"
#include "jd-backup.h"
#include "jd-demo.h"
#include "jd-preferences-window.h"
#include "jd-privacy.h"
#include "jd-settings.h"
#include "jd-visitor.h"
#include "jd-front-desk-page.h"
#include "jd-window.h"
#include "jd-sign-in-page.h"
#include "jd-db-private.h"
#include "ui-sign-in.h"

static char *tmp_dir;

static JdApplication *
make_app (const char *db_name)
{
  g_autofree char *path = g_build_filename (tmp_dir, db_name, NULL);
  JdApplication *app = jd_application_new ();
  g_autoptr(GError) error = NULL;

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  return app;
}

static void
destroy_windows (JdApplication *app)
{
  GList *windows;

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  ui_spin ();
}

static void
test_sections (void)
{
  g_autoptr(JdApplication) app = make_app ("sections.db");
  const char *titles[] = { "Front Desk", "Visitors", "Consultations",
                           "Events", "Dashboard", "Reports" };
  AdwViewStack *stack;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  ui_spin ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (JD_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);

  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, "view_stack"));
  for (guint i = 0; i < JD_WINDOW_N_SECTIONS; i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, jd_window_section_name (i));
      AdwViewStackPage *page;

      g_assert_nonnull (child);
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      /* Alt+1…6 go through this action. */
      gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s",
                                  jd_window_section_name (i));
      g_assert_cmpstr (jd_window_get_section (JD_WINDOW (window)), ==,
                       jd_window_section_name (i));
    }

  /* The app actions of the primary menu exist. */
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "preferences"));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "about"));
  g_assert_nonnull (g_action_map_lookup_action (G_ACTION_MAP (app), "quit"));

  destroy_windows (app);
}

static void
test_window_size_kept (void)
{
  g_autoptr(JdApplication) app = make_app ("size.db");
  GSettings *settings;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  settings = jd_application_get_settings (app);
  g_assert_nonnull (settings);

  gtk_window_set_default_size (window, 900, 640);
  ui_spin ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  destroy_windows (app);
}

static void
test_db_error_page (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "broken.db", NULL);
  g_autoptr(JdApplication) app = NULL;
  GtkStack *main_stack;
  AdwStatusPage *page;
  GtkWindow *window;

  g_assert_true (g_file_set_contents (path, "definitely not SQLite", -1, NULL));
  app = make_app ("broken.db");
  g_application_activate (G_APPLICATION (app));
  ui_spin ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (JD_IS_WINDOW (window));
  g_assert_null (jd_application_get_store (app));

  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, "main_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "db-error");
  page = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, "db_error_page"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "not a Jastar Desk database"));
  /* A backup can take the place of a file that is not a database. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                                    JD_TYPE_WINDOW,
                                                                                    "restore_file_button"))));

  /* The file was left alone. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "definitely not SQLite");
  }

  destroy_windows (app);
}

static void
test_preferences (void)
{
  g_autoptr(JdApplication) app = make_app ("prefs.db");
  JdPreferencesWindow *prefs;
  GtkWidget *name_row, *code_row;
  AdwComboRow *district_row;
  JdDb *db;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *district = NULL;

  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), gtk_application_get_active_window (GTK_APPLICATION (app)));

  prefs = jd_preferences_window_new (jd_application_get_store (app));
  gtk_window_present (GTK_WINDOW (prefs));
  ui_spin ();

  name_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), JD_TYPE_PREFERENCES_WINDOW, "centre_name_row"));
  code_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), JD_TYPE_PREFERENCES_WINDOW, "centre_code_row"));
  district_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (prefs), JD_TYPE_PREFERENCES_WINDOW, "district_row"));

  gtk_editable_set_text (GTK_EDITABLE (name_row), "  Алмалы ауданының жастар орталығы ");
  g_signal_emit_by_name (name_row, "apply");
  gtk_editable_set_text (GTK_EDITABLE (code_row), "ALM 07!");
  g_assert_true (gtk_widget_has_css_class (code_row, "error"));
  g_signal_emit_by_name (code_row, "apply");
  g_assert_null (jd_db_get_setting (db, JD_SETTING_CENTRE_CODE));
  gtk_editable_set_text (GTK_EDITABLE (code_row), "ALM-07");
  g_assert_false (gtk_widget_has_css_class (code_row, "error"));
  g_signal_emit_by_name (code_row, "apply");
  adw_combo_row_set_selected (district_row, 1);

  name = jd_db_get_setting (db, JD_SETTING_CENTRE_NAME);
  code = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);
  district = jd_db_get_setting (db, JD_SETTING_CENTRE_DISTRICT);
  g_assert_cmpstr (name, ==, "Алмалы ауданының жастар орталығы");
  g_assert_cmpstr (code, ==, "ALM-07");
  g_assert_cmpstr (district, ==, "almaty-almaly");

  gtk_window_destroy (GTK_WINDOW (prefs));
  destroy_windows (app);
}

static GtkWidget *
sign_in_child (GtkWidget  *page,
               const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (page, JD_TYPE_SIGN_IN_PAGE, name));
}

static void
type_into (GtkWidget  *page,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sign_in_child (page, row)), text);
}

static gint64
count (JdDb       *db,
       const char *sql)
{
  JdStmt *stmt = jd_db_prepare (db, sql, NULL);
  gint64 n;

  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  n = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return n;
}

/* First start, a wrong and a right password, locking, switching staff
 * and a password reset, through the widgets. */
static void
test_sign_in (void)
{
  g_autoptr(JdApplication) app = make_app ("sign-in.db");
  g_autoptr(GError) error = NULL;
  GtkStack *main_stack;
  GtkWidget *page, *button, *message;
  GtkWindow *window;
  JdDb *db;

  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_store_get_db (jd_application_get_store (app));
  main_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, "main_stack"));
  page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, "sign_in_page"));
  button = sign_in_child (page, "primary_button");
  message = sign_in_child (page, "message_label");

  /* An empty file: the first start asks for the centre and its
   * administrator; nothing else is reachable. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "sign-in");
  g_assert_cmpint (jd_sign_in_page_get_mode (JD_SIGN_IN_PAGE (page)), ==, JD_SIGN_IN_MODE_SET_UP);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "section"));

  type_into (page, "centre_row", "Алмалы жастар орталығы");
  type_into (page, "full_name_row", "Сәуле Қасымова");
  type_into (page, "login_row", "saule");
  type_into (page, "password_row", "Qwerty123");
  type_into (page, "repeat_row", "Qwerty124");
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_true (gtk_widget_has_css_class (sign_in_child (page, "repeat_row"), "error"));
  g_assert_cmpint (count (db, "SELECT count(*) FROM staff"), ==, 0);

  type_into (page, "repeat_row", "Qwerty123");
  g_signal_emit_by_name (button, "clicked");
  ui_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "content");
  /* The sections' pages are made by now (after the first frame, or at
   * the latest on signing in), each in its place. */
  {
    AdwViewStack *sections = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                            JD_TYPE_WINDOW, "view_stack"));
    GtkWidget *place = adw_view_stack_get_child_by_name (sections, "front-desk");

    g_assert_true (adw_bin_get_child (ADW_BIN (place)) ==
                   jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_FRONT_DESK));
    g_assert_true (JD_IS_FRONT_DESK_PAGE (adw_bin_get_child (ADW_BIN (place))));
  }
  g_assert_cmpint (count (db, "SELECT count(*) FROM staff WHERE role = 'administrator'"
                              " AND password_hash LIKE '$argon2id$%'"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit WHERE action = 'sign_in'"), ==, 1);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "section"));

  /* Lock (Ctrl+L): only the password; a wrong one, then the right one. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "lock", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "sign-in");
  g_assert_cmpint (jd_sign_in_page_get_mode (JD_SIGN_IN_PAGE (page)), ==, JD_SIGN_IN_MODE_LOCKED);
  g_assert_false (gtk_widget_get_sensitive (sign_in_child (page, "login_row")));
  type_into (page, "password_row", "qwerty123");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "sign-in");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sign_in_child (page, "password_row"))), ==, "");
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit WHERE action = 'sign_in_failed'"), ==, 1);
  type_into (page, "password_row", "Qwerty123");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "content");

  /* A receptionist with a password the administrator reset. */
  {
    JdStaff clerk = { .full_name = (char *) "Дана Серікова", .login = (char *) "dana",
                      .role = JD_ROLE_RECEPTIONIST, .active = TRUE };

    g_assert_true (jd_staff_add (db, &clerk, "Temporary1", &error));
    g_assert_true (jd_staff_reset_password (db, clerk.id, "Temporary2", &error));
    g_assert_no_error (error);
  }

  /* Switch staff: signed out, the ordinary sign-in. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "switch-staff", NULL);
  g_assert_cmpint (jd_sign_in_page_get_mode (JD_SIGN_IN_PAGE (page)), ==, JD_SIGN_IN_MODE_SIGN_IN);
  g_assert_cmpint (jd_db_get_actor_id (db), ==, 0);
  type_into (page, "login_row", "dana");
  type_into (page, "password_row", "Temporary2");
  g_signal_emit_by_name (button, "clicked");
  /* The reset password must be changed first. */
  g_assert_cmpint (jd_sign_in_page_get_mode (JD_SIGN_IN_PAGE (page)), ==, JD_SIGN_IN_MODE_CHANGE_PASSWORD);
  type_into (page, "new_password_row", "Dana-2026!");
  type_into (page, "repeat_row", "Dana-2026!");
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "content");
  {
    g_autoptr(JdStaff) actor = jd_db_get_actor (db);

    g_assert_cmpstr (actor->login, ==, "dana");
    g_assert_false (actor->must_change_password);
  }
  g_assert_cmpint (count (db, "SELECT count(*) FROM staff WHERE login = 'dana'"
                              " AND must_change_password = 0"), ==, 1);

  destroy_windows (app);
}

/* Every section, with a realistic day of data, fits a window 360 px wide
 * in Kazakh and in Russian (the longest words), read from the .mo files
 * of this build. */
static void
test_narrow (void)
{
  static const char *locales[] = { "kk_KZ.UTF-8", "ru_RU.UTF-8" };
  static const char *sections[] = { "front-desk", "visitors", "consultations", "events",
                                    "dashboard", "reports" };
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *demo_path = g_build_filename (tmp_dir, "narrow-demo.db", NULL);
  g_autoptr(GError) error = NULL;
  guint tested = 0;

  /* The same data in each language. */
  {
    g_autoptr(JdDb) db = jd_db_open (demo_path, JD_DB_OPEN_CREATE, &error);

    g_assert_no_error (error);
    jd_db_act_as_system (db);
    /* About a hundred visits a day: the front desk says it shows the last 30. */
    g_assert_true (jd_demo_generate (db, 12000, 7, 0, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      g_autofree char *name = g_strdup_printf ("narrow-%u.db", l);
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
      g_autofree char *copy = g_strdup_printf ("cp '%s' '%s'", demo_path, path);
      g_autoptr(JdApplication) app = NULL;
      GtkWindow *window;
      int min;

      if (setlocale (LC_ALL, locales[l]) == NULL)
        {
          g_test_message ("%s is not generated here; ./test.sh makes it", locales[l]);
          continue;
        }
      g_assert_true (g_spawn_command_line_sync (copy, NULL, NULL, NULL, NULL));
      app = make_app (name);
      g_application_activate (G_APPLICATION (app));
      ui_spin ();
      window = gtk_application_get_active_window (GTK_APPLICATION (app));
      ui_sign_in_admin (jd_application_get_store (app), window);
      ui_spin ();

      for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
        {
          gint64 until = g_get_monotonic_time () + 400 * 1000;

          gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", sections[i]);
          /* Lists fill after the first frames. */
          while (g_get_monotonic_time () < until)
            g_main_context_iteration (NULL, FALSE);
          ui_spin ();
          gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
          if (min > 360)
            g_error ("In %s, the window with %s shown needs %d px", locales[l], sections[i], min);
        }
      tested++;
      destroy_windows (app);
    }
  setlocale (LC_ALL, "C.UTF-8");
  if (tested == 0)
    g_test_skip ("neither kk_KZ.UTF-8 nor ru_RU.UTF-8 is generated on this machine");
}

/* The button of @root whose action's target is @path (a backup's Restore…). */
static GtkWidget *
find_path_button (GtkWidget  *root,
                  const char *path)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;
      GVariant *target;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), "data.restore") == 0
          && (target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child))) != NULL
          && g_strcmp0 (g_variant_get_string (target, NULL), path) == 0)
        return child;
      if ((found = find_path_button (child, path)) != NULL)
        return found;
    }
  return NULL;
}

/* The message dialog over @parent, if one is open. */
static AdwMessageDialog *
find_dialog_over (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Issue item 8: restoring in Preferences says who was deleted again. */
static void
test_restore_report (void)
{
  g_autoptr(JdApplication) app = make_app ("restore-report.db");
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *expected = NULL;
  JdRestoreReport one_deleted = { 0, 1, 0 };
  JdPreferencesWindow *prefs;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  GtkWidget *button;
  JdDb *db;

  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  db = jd_store_get_db (jd_application_get_store (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ui_sign_in_admin (jd_application_get_store (app), window);

  v->surname = g_strdup ("Серікова");
  v->given_name = g_strdup ("Дана");
  v->birth_date = g_strdup ("2004-06-15");
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup ("almaty-auezov");
  v->occupation = g_strdup ("employed");
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_no_error (error);
  backup = jd_backup_now (db, &error);
  g_assert_no_error (error);
  g_assert_true (jd_visitor_delete_on_request (db, v->id, &error));
  g_assert_no_error (error);

  prefs = jd_preferences_window_new (jd_application_get_store (app));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), window);
  gtk_window_present (GTK_WINDOW (prefs));
  ui_spin ();
  button = find_path_button (GTK_WIDGET (prefs), backup);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_spin ();
  dialog = find_dialog_over (GTK_WINDOW (prefs));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "restore");
  ui_spin ();

  /* Said over the main window, in the words of the core's report. */
  dialog = find_dialog_over (window);
  g_assert_nonnull (dialog);
  expected = jd_restore_report_describe (&one_deleted);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* And she stays deleted in the file the window opened again. */
  db = jd_store_get_db (jd_application_get_store (app));
  g_assert_cmpint (count (db, "SELECT count(*) FROM visitor WHERE surname = 'Серікова'"), ==, 0);
  destroy_windows (app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/window/sections", test_sections);
  g_test_add_func ("/jd/window/size-kept", test_window_size_kept);
  g_test_add_func ("/jd/window/db-error-page", test_db_error_page);
  g_test_add_func ("/jd/window/preferences", test_preferences);
  g_test_add_func ("/jd/window/sign-in", test_sign_in);
  g_test_add_func ("/jd/window/narrow", test_narrow);
  g_test_add_func ("/jd/window/restore-report", test_restore_report);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
