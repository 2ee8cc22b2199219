/* test-desks-live.c: two desks on one centre server, in one process
 *
 * Against the pg suite's throwaway server (pg_virtualenv); skipped
 * without one. Desk A is the real window, reaching the server on its
 * worker thread; desk B is a psychologist's Consultations page on a
 * second JdStore of the same database. The receptionist checks someone
 * in through the front desk's widgets, and B's queue shows them by
 * itself (the server's LISTEN/NOTIFY, the store's ::changed): the test
 * waits on the queue model's ::items-changed, with a time limit as the
 * failure, never a sleep. Then Preferences' Data page on a server: no
 * file backups, and Save a Copy writes the whole centre into a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"
#include "pg-helpers.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "jd-application.h"
#include "jd-audit.h"
#include "jd-check-in-dialog.h"
#include "jd-consultations-page-private.h"
#include "jd-data-page.h"
#include "jd-front-desk-page.h"
#include "jd-purpose.h"
#include "jd-server.h"
#include "jd-window.h"
#include "ui-sign-in.h"
#include "visitor-helpers.h"

static char *tmp_dir;

static void
add_psychologist (JdDb *db)
{
  g_autoptr(GError) error = NULL;
  char *services[] = { (char *) "psychological", NULL };
  JdStaff staff = { .full_name = (char *) "Дина Психолог", .login = (char *) "psy",
                    .role = JD_ROLE_SPECIALIST, .active = TRUE, .services = services };

  g_assert_true (jd_staff_add (db, &staff, "Password1", &error));
  g_assert_no_error (error);
}

/* The number of "psychological" among the check-in's purposes. */
static guint
psychological_index (void)
{
  guint n = 0;
  const JdChoice *purposes = jd_visit_purposes (&n);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (purposes[i].code, "psychological"))
      return i;
  g_assert_not_reached ();
}

static void
test_two_desks (void)
{
  g_autofree char *name = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(JdApplication) app = NULL;
  g_autoptr(JdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) psy = NULL;
  g_autoptr(JdQueueItem) item = NULL;
  JdConsultationsPage *queue_page;
  JdFrontDeskPage *front_desk;
  JdCheckInDialog *dialog;
  GtkWindow *window, *other_window;
  JdStore *store;
  gint64 visitor;

  if (!test_pg_available ())
    return;

  name = test_pg_create_database ();
  conninfo = g_strdup_printf ("dbname=%s application_name=jastar-desk-tests", name);

  /* Desk A: the window, connecting on its worker thread. */
  app = jd_application_new ();
  jd_application_set_db_path (app, conninfo);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  g_assert_true (jd_application_is_connecting (app));
  ui_wait_while (app, "connecting");
  g_assert_null (jd_application_get_db_error (app));
  store = jd_application_get_store (app);
  g_assert_nonnull (store);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  ui_sign_in_admin (store, NULL);
  add_psychologist (jd_store_get_db (store));
  visitor = test_add_visitor (jd_store_get_db (store),
                              &(TestVisitor) { .surname = "Әлиева", .given_name = "Аида",
                                               .birth_date = "2000-05-05" });
  ui_sign_in_receptionist (store, window);

  /* Desk B: the psychologist's queue, its own connection. */
  other = jd_store_open (conninfo, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  psy = jd_store_sign_in (other, "psy", "Password1", &error);
  g_assert_no_error (error);
  queue_page = g_object_new (JD_TYPE_CONSULTATIONS_PAGE, "store", other, NULL);
  other_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (other_window, 900, 700);
  gtk_window_set_child (other_window, GTK_WIDGET (queue_page));
  gtk_window_present (other_window);
  ui_spin ();
  /* Its first reading done: whatever it reads later, it was told to. */
  while (queue_page->refresh_source != 0)
    g_main_context_iteration (NULL, TRUE);
  jd_consultations_page_refresh (queue_page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue_page->queue)), ==, 0);

  /* The receptionist checks Аида in for psychological help. */
  front_desk = JD_FRONT_DESK_PAGE (jd_window_get_page (JD_WINDOW (window),
                                                       JD_WINDOW_SECTION_FRONT_DESK));
  jd_front_desk_page_check_in (front_desk, visitor);
  ui_spin ();
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  g_assert_nonnull (dialog);
  if (psychological_index () != 0)
    {
      jd_check_in_dialog_toggle (dialog, 0);
      jd_check_in_dialog_toggle (dialog, psychological_index ());
    }
  {
    g_auto(GStrv) purposes = jd_check_in_dialog_get_purposes (dialog);

    g_assert_cmpstr (purposes[0], ==, "psychological");
    g_assert_null (purposes[1]);
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "check-in");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_cmpint (jd_front_desk_page_get_last_visit (front_desk), >, 0);

  /* Desk B shows her without a click: each ::items-changed is looked
   * at, ten seconds at most for the next. */
  while (g_list_model_get_n_items (G_LIST_MODEL (queue_page->queue)) == 0)
    ui_wait_for (queue_page->queue, "items-changed", 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (queue_page->queue)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (queue_page->queue), 0);
  g_assert_cmpint (jd_queue_item_get_entry (item)->visitor_id, ==, visitor);
  g_assert_cmpstr (jd_queue_item_get_entry (item)->service, ==, "psychological");
  g_assert_cmpint (jd_queue_item_get_entry (item)->called_at, ==, 0);

  gtk_window_destroy (other_window);
  gtk_window_destroy (window);
  ui_spin ();
  g_clear_object (&other);
  g_clear_object (&app);
  test_pg_drop_database (name);
}

/* Preferences → Data on a server: the server's backups are its
 * administrator's, no folder of daily copies; Save a Copy writes the
 * whole centre into a file on a worker thread, noted in the audit. */
static void
test_data_page_on_server (void)
{
  g_autofree char *name = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *copy = g_build_filename (tmp_dir, "centre-copy.db", NULL);
  g_autoptr(JdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) copied = NULL;
  JdDataPage *page;
  GtkWidget *backup_group, *server_group, *button;
  GtkWindow *prefs;
  gint64 visitor;

  if (!test_pg_available ())
    return;

  name = test_pg_create_database ();
  conninfo = g_strdup_printf ("dbname=%s application_name=jastar-desk-tests", name);
  store = jd_store_open (conninfo, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ui_sign_in_admin (store, NULL);
  visitor = test_add_visitor (jd_store_get_db (store),
                              &(TestVisitor) { .surname = "Бекұлы", .given_name = "Болат",
                                               .birth_date = "2001-02-03" });
  g_assert_cmpint (visitor, >, 0);

  page = JD_DATA_PAGE (jd_data_page_new (store));
  prefs = GTK_WINDOW (adw_preferences_window_new ());
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (prefs);
  ui_spin ();

  backup_group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_DATA_PAGE,
                                                            "backup_group"));
  server_group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_DATA_PAGE,
                                                            "server_backup_group"));
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_DATA_PAGE,
                                                      "save_copy_button"));
  g_assert_false (gtk_widget_get_visible (backup_group));
  g_assert_true (gtk_widget_get_visible (server_group));
  g_assert_true (gtk_widget_is_sensitive (button));

  jd_data_page_save_copy (page, copy);
  {
    gboolean saving;

    g_object_get (page, "saving", &saving, NULL);
    g_assert_true (saving);
  }
  g_assert_false (gtk_widget_get_sensitive (button));
  ui_wait_while (page, "saving");
  g_assert_true (gtk_widget_get_sensitive (button));

  /* The file is the centre: the visitor and the admin are in it. */
  copied = jd_db_open (copy, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JdVisitor) v = jd_visitor_load (copied, visitor, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (v->surname, ==, "Бекұлы");
  }
  g_clear_pointer (&copied, jd_db_close);

  /* The audit trail names the copy and who made it. */
  {
    JdAuditFilter filter = { .action = JD_AUDIT_BACKUP };
    g_autoptr(GPtrArray) entries = NULL;
    const JdAuditEntry *entry;
    guint total = 0;

    entries = jd_audit_list (jd_store_get_db (store), &filter, 10, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
    entry = entries->pdata[0];
    g_assert_cmpstr (entry->detail, ==, copy);
    g_assert_cmpint (entry->staff_id, ==, jd_store_get_actor_id (store));
    g_assert_cmpint (entry->staff_id, !=, 0);
  }

  /* A folder is no file: said in plain words, nothing written. */
  jd_data_page_save_copy (page, tmp_dir);
  ui_wait_while (page, "saving");
  {
    JdAuditFilter filter = { .action = JD_AUDIT_BACKUP };
    g_autoptr(GPtrArray) entries = NULL;
    guint total = 0;

    entries = jd_audit_list (jd_store_get_db (store), &filter, 10, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
  }

  gtk_window_destroy (prefs);
  ui_spin ();
  g_clear_object (&store);
  g_assert_cmpint (g_remove (copy), ==, 0);
  test_pg_drop_database (name);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("jd-desks-live-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  ui_test_init (&argc, &argv);
  g_type_class_unref (g_type_class_ref (JD_TYPE_APPLICATION));

  g_test_add_func ("/jd/desks-live/two-desks", test_two_desks);
  g_test_add_func ("/jd/desks-live/data-page-on-server", test_data_page_on_server);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
