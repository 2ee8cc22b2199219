/* test-preferences.c: the administrator's pages, driven through the
 * real widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-audit-window.h"
#include "jd-backup.h"
#include "jd-data-page.h"
#include "jd-db-private.h"
#include "jd-preferences-window.h"
#include "jd-privacy.h"
#include "jd-resources.h"
#include "jd-staff-page.h"
#include "jd-staff.h"
#include "jd-window.h"
#include "ui-sign-in.h"

static char *tmp_dir;

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

/* The first descendant of @root of @type. */
static GtkWidget *
find_child (GtkWidget *root,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* Every descendant of @root of @type, in order. */
static void
find_all (GtkWidget *root,
          GType      type,
          GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      find_all (child, type, found);
    }
}

static void
test_admin (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "prefs.db", NULL);
  g_autofree char *folder = g_build_filename (tmp_dir, "backups", NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(JdStaff) clerk = NULL;
  JdStore *store = jd_store_open (path, JD_DB_OPEN_CREATE, &error);
  JdDb *db = store ? jd_store_get_db (store) : NULL;
  JdPreferencesWindow *prefs;
  GtkWidget *staff_page, *data_page, *dialog, *audit;
  GtkWidget *lock_spin;

  g_assert_no_error (error);
  ui_sign_in_admin (store, NULL);
  g_assert_true (jd_backup_set_folder (db, folder, &error));

  prefs = jd_preferences_window_new (store);
  gtk_window_present (GTK_WINDOW (prefs));
  ui_spin ();
  staff_page = find_child (GTK_WIDGET (prefs), JD_TYPE_STAFF_PAGE);
  data_page = find_child (GTK_WIDGET (prefs), JD_TYPE_DATA_PAGE);
  g_assert_nonnull (staff_page);
  g_assert_nonnull (data_page);

  /* A receptionist, through the account dialog. */
  dialog = jd_staff_page_edit (JD_STAFF_PAGE (staff_page), 0);
  ui_spin ();
  find_all (dialog, ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 4);   /* name, login, password, repeat */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Дана Серікова");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "dana");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[2]), "Password1");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[3]), "Password2");
  /* Different passwords: refused, the dialog stays with what was typed. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  ui_spin ();
  g_assert_cmpint (count (db, "SELECT count(*) FROM staff WHERE login = 'dana'"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[3]), "Password1");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  ui_spin ();
  g_assert_cmpint (count (db, "SELECT count(*) FROM staff WHERE login = 'dana' AND role = 'receptionist'"
                              " AND password_hash LIKE '$argon2id$%'"), ==, 1);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit WHERE action = 'created' AND target = 'staff'"
                              " AND detail = 'dana'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Lock after 3 minutes. */
  lock_spin = GTK_WIDGET (gtk_widget_get_template_child (data_page, JD_TYPE_DATA_PAGE, "lock_spin"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lock_spin), 3);
  g_assert_cmpuint (jd_staff_get_lock_minutes (db), ==, 3);

  /* How long copies are kept: said in the Backups group, and the days
   * for copies other than the daily ones set here. */
  {
    GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (data_page, JD_TYPE_DATA_PAGE,
                                                                  "backup_group"));
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    g_autofree char *rule = jd_backup_describe_rule (db);
    GtkWidget *days_spin = NULL;

    g_assert_true (g_str_has_prefix (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                                     rule));
    find_all (data_page, ADW_TYPE_ACTION_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), "Days to Keep _Other Copies") == 0)
        days_spin = adw_action_row_get_activatable_widget (rows->pdata[i]);
    g_assert_true (GTK_IS_SPIN_BUTTON (days_spin));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (days_spin), 45);
    g_assert_cmpuint (jd_backup_get_keep_days (db), ==, 45);
    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                              " 45 "));
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (data_page, JD_TYPE_DATA_PAGE,
                                                                               "keep_spin")), 9);
    g_assert_cmpuint (jd_backup_get_keep (db), ==, 9);
    g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                              " 9 "));
  }

  /* The centre's time zone: Almaty until changed; a name the machine
   * does not know is refused and the row shows the zone in force. */
  {
    GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs), JD_TYPE_PREFERENCES_WINDOW,
                                                                "time_zone_row"));
    g_autofree char *zone = NULL;

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Asia/Almaty");
    gtk_editable_set_text (GTK_EDITABLE (row), "Asia/Nowhere");
    g_signal_emit_by_name (row, "apply");
    g_assert_cmpint (count (db, "SELECT count(*) FROM setting WHERE key = 'centre.time-zone'"), ==, 0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "Asia/Almaty");
    gtk_editable_set_text (GTK_EDITABLE (row), " Europe/Moscow ");
    g_signal_emit_by_name (row, "apply");
    zone = jd_db_get_time_zone_identifier (db);
    g_assert_cmpstr (zone, ==, "Europe/Moscow");
  }

  /* Back Up Now. */
  {
    g_autoptr(GPtrArray) before = jd_backup_list (db, NULL);
    g_autoptr(GPtrArray) after = NULL;
    GtkWidget *button = NULL;
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    find_all (data_page, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (buttons->pdata[i]), "_Back Up Now") == 0)
        button = buttons->pdata[i];
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    after = jd_backup_list (db, NULL);
    g_assert_cmpuint (after->len, ==, before->len + 1);
  }

  /* The audit trail lists it all, and filters. */
  audit = jd_audit_window_new (store);
  gtk_window_present (GTK_WINDOW (audit));
  ui_spin ();
  g_assert_cmpuint (jd_audit_window_get_n_shown (JD_AUDIT_WINDOW (audit)), ==,
                    count (db, "SELECT count(*) FROM audit"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (audit, JD_TYPE_AUDIT_WINDOW,
                                                                            "action_dropdown")),
                              1);   /* Signed in */
  g_assert_cmpuint (jd_audit_window_get_n_shown (JD_AUDIT_WINDOW (audit)), ==,
                    count (db, "SELECT count(*) FROM audit WHERE action = 'sign_in'"));
  gtk_window_destroy (GTK_WINDOW (audit));
  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_spin ();

  /* A receptionist sees the centre's name, greyed out, and nothing else. */
  jd_staff_sign_out (db);
  clerk = jd_staff_sign_in (db, "dana", "Password1", &error);
  g_assert_no_error (error);
  prefs = jd_preferences_window_new (store);
  gtk_window_present (GTK_WINDOW (prefs));
  ui_spin ();
  g_assert_null (find_child (GTK_WIDGET (prefs), JD_TYPE_STAFF_PAGE));
  g_assert_null (find_child (GTK_WIDGET (prefs), JD_TYPE_DATA_PAGE));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                                                       JD_TYPE_PREFERENCES_WINDOW,
                                                                                       "centre_name_row"))));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                                                       JD_TYPE_PREFERENCES_WINDOW,
                                                                                       "time_zone_row"))));
  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_spin ();
  g_object_unref (store);
}

/* The tallest screen a centre's laptop has is 768 pixels; the desktop's
 * top bar and the window's margins take some of it. */
#define SCREEN_HEIGHT 768
#define DECORATIONS   64

/* A form's natural height: it must fit the screen, and the rest scrolls
 * so that the buttons stay on it. */
static int
natural_height (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
test_staff_dialog_fits (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "fits.db", NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  JdStore *store = jd_store_open (path, JD_DB_OPEN_CREATE, &error);
  JdPreferencesWindow *prefs;
  GtkWidget *staff_page, *dialog, *role_row, *scrolled;

  g_assert_no_error (error);
  ui_sign_in_admin (store, NULL);
  prefs = jd_preferences_window_new (store);
  gtk_window_present (GTK_WINDOW (prefs));
  ui_spin ();
  staff_page = find_child (GTK_WIDGET (prefs), JD_TYPE_STAFF_PAGE);

  dialog = jd_staff_page_edit (JD_STAFF_PAGE (staff_page), 0);
  ui_spin ();
  role_row = find_child (dialog, ADW_TYPE_COMBO_ROW);
  adw_combo_row_set_selected (ADW_COMBO_ROW (role_row), JD_ROLE_SPECIALIST);
  ui_spin ();
  g_assert_cmpint (natural_height (dialog), <=, SCREEN_HEIGHT - DECORATIONS);
  g_assert_cmpint (gtk_widget_get_height (dialog), <=, SCREEN_HEIGHT - DECORATIONS);

  /* The passwords (the last fields) scroll into view with the rest. */
  find_all (dialog, ADW_TYPE_PASSWORD_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  scrolled = gtk_widget_get_ancestor (entries->pdata[1], GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (gtk_widget_is_ancestor (scrolled, dialog));
  g_assert_true (gtk_widget_get_ancestor (role_row, GTK_TYPE_SCROLLED_WINDOW) == scrolled);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (prefs));
  ui_spin ();
  g_object_unref (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  jd_register_resource ();
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/preferences/admin", test_admin);
  g_test_add_func ("/jd/preferences/staff-dialog-fits", test_staff_dialog_fits);

  status = g_test_run ();
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
