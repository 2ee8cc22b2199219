/* test-events.c: create an event, check people in by keyboard, add a
 * head count, and see it on the dashboard, with the real window under
 * Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "db-helpers.h"
#include "jd-application.h"
#include "jd-dashboard-page.h"
#include "jd-event-form.h"
#include "jd-event.h"
#include "jd-events-page.h"
#include "jd-staff.h"
#include "jd-visitor-search.h"
#include "jd-stats.h"
#include "jd-visitor.h"
#include "jd-window.h"
#include "ui-helpers.h"
#include "ui-sign-in.h"
#include "visitor-helpers.h"

static char *tmp_dir;

static GtkWidget *
child_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

#define PAGE_CHILD(name) child_of (page, JD_TYPE_EVENTS_PAGE, name)
#define FORM_CHILD(name) child_of (form, JD_TYPE_EVENT_FORM, name)
/* The page's JdVisitorSearch, the last child of the event's box. */
#define PAGE_SEARCH() JD_VISITOR_SEARCH (gtk_widget_get_last_child (PAGE_CHILD ("event_box")))

static gint64
add_visitor (JdDb       *db,
             const char *surname,
             const char *given,
             JdSex       sex)
{
  return test_add_visitor (db, &(TestVisitor) { .surname = surname, .given_name = given,
                                               .birth_date = "2001-03-08", .sex = sex,
                                               .occupation = "university" });
}

/* Types @text into the check-in search and presses Enter on the answer. */
static void
check_in_by_keyboard (JdEventsPage *page,
                      const char   *text,
                      guint         expected_results)
{
  GtkWidget *entry = jd_visitor_search_get_entry (PAGE_SEARCH ());

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  ui_wait_while (page, "searching");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child_of (PAGE_SEARCH (), JD_TYPE_VISITOR_SEARCH,
                                                                          "stack"))), ==, "results");
  g_assert_cmpuint (ui_n_children (jd_visitor_search_get_list (PAGE_SEARCH ())), ==, expected_results);
  g_signal_emit_by_name (entry, "activate");
  ui_spin ();
}

static GtkWidget *
attendance_row (JdEventsPage *page,
                guint         index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (PAGE_CHILD ("attendance_list")), (int) index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

/* The remove button at the end of an attendance row. */
static GtkWidget *
remove_button (GtkWidget *row)
{
  GtkWidget *header = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *button = gtk_widget_get_last_child (header);

  g_assert_true (GTK_IS_BUTTON (button));
  return button;
}

static void
count_added_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                guint      *n_added)
{
  *n_added += added;
}

static void
test_event_check_in (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "events.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *today_text = g_date_time_format (now, "%d.%m.%Y");
  g_autofree char *today_iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tomorrow_iso = g_date_time_format (tomorrow, "%Y-%m-%d");
  JdEventsPage *page;
  JdEventForm *form;
  JdDashboardPage *dashboard;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  JdStats *stats;
  JdDb *db;
  g_autoptr(GListModel) rows = NULL;
  guint n_added = 0;
  gint64 event_id, asanov, serikova;

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  asanov = add_visitor (db, "Асанов", "Ержан", JD_SEX_MALE);
  serikova = add_visitor (db, "Серікова", "Дана", JD_SEX_FEMALE);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "events");
  ui_spin ();
  page = JD_EVENTS_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_EVENTS));
  g_assert_cmpint (jd_events_page_get_event_id (page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (PAGE_CHILD ("list_stack"))), ==, "empty");

  /* A masterclass today, all day, for two people. A time that cannot be
   * read is refused on its field, and nothing is saved. */
  gtk_widget_activate_action (GTK_WIDGET (page), "events.new", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_EVENT_FORM);
  g_assert_nonnull (form);
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("title_row")), "  Мастер-класс: резюме  ");
  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_CHILD ("kind_row")), 2);
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("date_row")), today_text);
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("start_row")), "25:00");
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("end_row")), "23:59");
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("place_row")), "Үлкен зал");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (FORM_CHILD ("capacity_spin")), 2);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (FORM_CHILD ("banner"))));
  g_assert_true (gtk_widget_has_css_class (FORM_CHILD ("start_row"), "error"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("start_row")), "0:00");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_null (ui_find_toplevel (JD_TYPE_EVENT_FORM));
  event_id = query_int (db, "SELECT id FROM event WHERE title = 'Мастер-класс: резюме'"
                            " AND kind = 'masterclass' AND capacity = 2 AND place = 'Үлкен зал'");
  g_assert_cmpint (query_int (db, "SELECT ends_at - starts_at FROM event"), ==, (23 * 60 + 59) * 60);

  /* The new event is open, in the list of upcoming ones. */
  g_assert_cmpint (jd_events_page_get_event_id (page), ==, event_id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (PAGE_CHILD ("list_stack"))), ==, "list");
  g_assert_cmpuint (ui_n_children (PAGE_CHILD ("event_list")), ==, 1);

  /* Two people by keyboard: type, Enter. The page reads the attendance
   * once after each, from the store's ::changed: one row made for the
   * first, two for the second (made again, each once). */
  rows = gtk_widget_observe_children (PAGE_CHILD ("attendance_list"));
  g_signal_connect (rows, "items-changed", G_CALLBACK (count_added_cb), &n_added);
  check_in_by_keyboard (page, "асанов", 1);
  g_assert_cmpuint (n_added, ==, 1);
  check_in_by_keyboard (page, "сері", 1);
  g_assert_cmpuint (n_added, ==, 1 + 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance WHERE visitor_id IS NOT NULL"), ==, 2);
  g_assert_cmpstr (jd_visitor_search_get_text (PAGE_SEARCH ()), ==, "");
  g_assert_cmpuint (ui_n_children (PAGE_CHILD ("attendance_list")), ==, 2);
  /* Two places, two people: full. */
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD ("full_label")));

  /* The same person twice is refused. */
  check_in_by_keyboard (page, "асанов", 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM attendance"), ==, 2);

  /* An open-air crowd: a head count of 25. */
  gtk_widget_activate_action (GTK_WIDGET (page), "events.head-count", NULL);
  ui_spin ();
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_message_dialog_get_extra_child (dialog)), 25);
  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
  g_assert_cmpint (query_int (db, "SELECT sum(head_count) FROM attendance WHERE visitor_id IS NULL"), ==, 25);
  g_assert_cmpuint (ui_n_children (PAGE_CHILD ("attendance_list")), ==, 3);
  /* The three rows, made once. */
  g_assert_cmpuint (n_added, ==, 1 + 2 + 3);

  /* Newest first: the head count, Серікова, Асанов. Removing Серікова
   * takes away the visit her check-in made; checking her in again
   * brings it back. */
  g_signal_emit_by_name (remove_button (attendance_row (page, 1)), "clicked");
  ui_spin ();
  g_assert_cmpuint (ui_n_children (PAGE_CHILD ("attendance_list")), ==, 2);
  g_assert_cmpuint (n_added, ==, 1 + 2 + 3 + 2);
  g_signal_handlers_disconnect_by_func (rows, count_added_cb, &n_added);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM visit WHERE visitor_id = %" G_GINT64_FORMAT,
                                            serikova);

    g_assert_cmpint (query_int (db, sql), ==, 0);
    g_assert_true (jd_events_page_check_in (page, serikova));
    g_assert_cmpint (query_int (db, sql), ==, 1);
  }

  /* Each check-in is the person's visit today, with the purpose "event". */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM visit v JOIN visit_purpose p ON p.visit_id = v.id"
                                            " WHERE v.visitor_id = %" G_GINT64_FORMAT " AND p.purpose = 'event'",
                                            asanov);

    g_assert_cmpint (query_int (db, sql), ==, 1);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visit"), ==, 2);

  /* The dashboard: one event held, 27 participants, 2 of them named. */
  stats = jd_stats_compute (db, today_iso, tomorrow_iso, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->events, ==, 1);
  g_assert_cmpuint (stats->participants, ==, 27);
  g_assert_cmpuint (stats->participants_unique, ==, 2);
  g_assert_cmpuint (stats->visits, ==, 2);
  jd_stats_free (stats);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "dashboard");
  ui_spin ();
  dashboard = JD_DASHBOARD_PAGE (jd_window_get_page (JD_WINDOW (window),
                                                     JD_WINDOW_SECTION_DASHBOARD));
  jd_dashboard_page_set_period (dashboard, JD_DASHBOARD_TODAY);
  ui_wait_while (dashboard, "busy");
  g_assert_cmpstr (jd_dashboard_page_get_tile (dashboard, "events"), ==, "1");
  g_assert_cmpstr (jd_dashboard_page_get_tile (dashboard, "visits"), ==, "2");

  gtk_window_destroy (window);
  ui_spin ();
}

/* A weekly club of six sessions made in one step; editing one changes
 * that one only. */
static void
test_series_and_edit (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "series.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  JdEventsPage *page;
  JdEventForm *form;
  GtkWindow *window;
  JdDb *db;
  gint64 first;

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "events");
  ui_spin ();
  page = JD_EVENTS_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_EVENTS));

  gtk_widget_activate_action (GTK_WIDGET (page), "events.new", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_EVENT_FORM);
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("title_row")), "English Club");
  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_CHILD ("kind_row")), 4);
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("date_row")), "05.01.2030");
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("start_row")), "18.30");
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("end_row")), "2000");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (FORM_CHILD ("weeks_spin")), 6);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_null (ui_find_toplevel (JD_TYPE_EVENT_FORM));

  first = jd_events_page_get_event_id (page);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event WHERE kind = 'club'"), ==, 6);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM event WHERE coalesce (series_id, id) = %"
                                            G_GINT64_FORMAT, first);

    g_assert_cmpint (query_int (db, sql), ==, 6);
  }
  /* Weekly, at 18:30 local time. */
  g_assert_cmpint (query_int (db, "SELECT max(starts_at) - min(starts_at) FROM event"), ==, 5 * 7 * 86400);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT strftime('%H:%M', starts_at, 'unixepoch', 'localtime'))"
                                  " FROM event"), ==, 1);
  g_assert_cmpuint (ui_n_children (PAGE_CHILD ("event_list")), ==, 6);

  /* Edit the open one: the form shows it, without the series row. */
  gtk_widget_activate_action (GTK_WIDGET (page), "events.edit", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_EVENT_FORM);
  g_assert_nonnull (form);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_CHILD ("title_row"))), ==, "English Club");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_CHILD ("start_row"))), ==, "18:30");
  g_assert_false (gtk_widget_get_visible (FORM_CHILD ("repeat_row")));
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("place_row")), "Коворкинг");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM event WHERE place = 'Коворкинг'"), ==, 1);

  gtk_window_destroy (window);
  ui_spin ();
}

/* The event form over a change saved meanwhile on another desk: the
 * save is refused with who and when, what was typed stays, and Reload
 * (after asking) shows the other desk's event. */
static void
test_changed_elsewhere (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "events-conflict.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStore) store = NULL;
  g_autoptr(JdDb) other = NULL;
  g_autoptr(JdStaff) signed_in = NULL;
  g_autoptr(JdEvent) event = jd_event_new ();
  g_autoptr(JdEvent) elsewhere = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *hh_mm = NULL;
  g_autofree char *expected = NULL;
  AdwMessageDialog *dialog;
  JdEventForm *form;
  gint64 id;

  /* The form's template is among the application's resources, which
   * its class registers. */
  g_type_class_unref (g_type_class_ref (JD_TYPE_APPLICATION));
  store = jd_store_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  ui_sign_in_admin (store, NULL);
  event->title = g_strdup ("Квиз");
  event->kind = g_strdup ("quiz");
  event->starts_at = jd_db_now () + 86400;
  event->ends_at = event->starts_at + 3600;
  id = jd_event_insert (jd_store_get_db (store), event, 1, &error);
  g_assert_no_error (error);

  form = jd_event_form_new (store);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  g_assert_true (jd_event_form_load (form, id, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (form));
  ui_spin ();
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("title_row")), "Квиз: тарих");

  /* The administrator again, at another desk. */
  other = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  signed_in = jd_staff_sign_in (other, "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  elsewhere = jd_event_load (other, id, &error);
  g_assert_no_error (error);
  g_free (elsewhere->place);
  elsewhere->place = g_strdup ("Кіші зал");
  g_assert_true (jd_event_update (other, elsewhere, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_nonnull (form);
  when = jd_db_local_time (other, query_int (other, "SELECT updated_at FROM event"));
  hh_mm = g_date_time_format (when, "%H:%M");
  expected = g_strdup_printf ("Сәуле Әкімшіқызы changed this event at %s while it was open here.", hh_mm);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (FORM_CHILD ("banner"))));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (FORM_CHILD ("banner_label"))), ==, expected);
  g_assert_true (gtk_widget_get_visible (FORM_CHILD ("banner_reload")));
  g_assert_false (gtk_widget_get_visible (FORM_CHILD ("banner_retry")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_CHILD ("title_row"))), ==, "Квиз: тарих");
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM event WHERE title = 'Квиз'"
                                     " AND place = 'Кіші зал' AND row_version = 2"), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (form), "form.reload", NULL);
  ui_spin ();
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "reload");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (FORM_CHILD ("banner"))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_CHILD ("title_row"))), ==, "Квиз");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_CHILD ("place_row"))), ==, "Кіші зал");

  /* Over the version now loaded, the form saves and closes. */
  gtk_editable_set_text (GTK_EDITABLE (FORM_CHILD ("title_row")), "Квиз: тарих");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_null (form);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM event WHERE title = 'Квиз: тарих'"
                                     " AND place = 'Кіші зал' AND row_version = 3"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Almaty's clock, whatever the machine's. */
  g_setenv ("TZ", "Asia/Almaty", TRUE);
  ui_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/events/check-in", test_event_check_in);
  g_test_add_func ("/jd/events/series-and-edit", test_series_and_edit);
  g_test_add_func ("/jd/events/changed-elsewhere", test_changed_elsewhere);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
