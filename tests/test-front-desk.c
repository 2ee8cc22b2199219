/* test-front-desk.c: find, check in, undo and register at the front desk,
 * with the real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-application.h"
#include "jd-check-in-dialog.h"
#include "db-helpers.h"
#include "jd-db-private.h"
#include "jd-front-desk-page.h"
#include "jd-visitor-search.h"
#include "jd-visitor-form.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "jd-window.h"
#include "ui-sign-in.h"
#include "visitor-helpers.h"

static char *tmp_dir;

static GtkWidget *
page_child (JdFrontDeskPage *page,
            const char      *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_FRONT_DESK_PAGE, name));
}

/* The page's JdVisitorSearch, the only child of its content box. */
static JdVisitorSearch *
page_search (JdFrontDeskPage *page)
{
  return JD_VISITOR_SEARCH (gtk_widget_get_first_child (page_child (page, "content_box")));
}

/* Notes each answer of a dialog, and whether the dialog was still on
 * screen when it came. */
static void
record_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    GString          *responses)
{
  g_string_append_printf (responses, "%s (%s);", response,
                          gtk_widget_get_mapped (GTK_WIDGET (dialog)) ? "open" : "closed");
}

/* The Undo button of the toast on screen in @widget's tree, or NULL. */
static GtkWidget *
find_toast_undo (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0 &&
      gtk_widget_get_ancestor (widget, g_type_from_name ("AdwToastWidget")) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_undo (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gint64
add_visitor (JdDb       *db,
             const char *surname,
             const char *given)
{
  return test_add_visitor (db, &(TestVisitor) { .surname = surname, .given_name = given,
                                               .birth_date = "1999-05-04", .sex = JD_SEX_MALE });
}

static void
test_find_check_in_undo_register (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "desk.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  JdFrontDeskPage *page;
  JdCheckInDialog *dialog;
  JdVisitorForm *form;
  GtkWidget *entry, *results, *stack;
  GtkWindow *window;
  JdDb *db;
  gint64 asanov, asanova, visit, newcomer;
  g_autoptr(GString) responses = g_string_new (NULL);

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  asanov = add_visitor (db, "Асанов", "Ержан");
  asanova = add_visitor (db, "Асанова", "Әлия");

  page = JD_FRONT_DESK_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_FRONT_DESK));
  entry = jd_visitor_search_get_entry (page_search (page));
  results = jd_visitor_search_get_list (page_search (page));
  stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page_search (page)), JD_TYPE_VISITOR_SEARCH,
                                                     "stack"));

  /* The search has the focus from the start. */
  g_assert_true (gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  /* Type: both show, the first is highlighted. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "АСАН");
  ui_wait_while (page, "searching");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "results");
  g_assert_cmpuint (ui_n_children (results), ==, 2);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (GTK_LIST_BOX (results))), ==, 0);

  /* Down moves the highlight to Асанова; Enter opens the check-in. */
  ui_press_key (entry, GDK_KEY_Down);
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (GTK_LIST_BOX (results))), ==, 1);
  g_signal_emit_by_name (entry, "activate");
  ui_spin ();
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  g_assert_nonnull (dialog);

  /* Key 2 adds career guidance to the preselected job search. Enter
   * does what a click on Check In does: the dialog closes, then answers
   * once (not "check-in" while still open and "cancel" as it closes). */
  g_signal_connect (dialog, "response", G_CALLBACK (record_response_cb), responses);
  ui_press_key (GTK_WIDGET (dialog), GDK_KEY_2);
  ui_press_key (GTK_WIDGET (dialog), GDK_KEY_Return);
  ui_spin ();
  g_assert_cmpstr (responses->str, ==, "check-in (closed);");

  visit = jd_front_desk_page_get_last_visit (page);
  g_assert_cmpint (visit, >, 0);
  g_assert_cmpint (query_int_with (db, "SELECT visitor_id FROM visit WHERE id = ?1", visit), ==, asanova);
  g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit_purpose WHERE visit_id = ?1"
                                  " AND purpose IN ('employment', 'career')", visit), ==, 2);
  /* Ready for the next person, with today's list updated. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "idle");
  g_assert_cmpuint (ui_n_children (page_child (page, "today_list")), ==, 1);

  /* Ctrl+Z, typed where the focus now is (the search box, which has an
   * undo of its own), takes the check-in back. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  if (!ui_type_keys (window, "ctrl+z"))
    {
      g_test_skip ("Typing needs xdotool and an X server");
      gtk_window_destroy (window);
      ui_spin ();
      return;
    }
  /* A loaded machine may take a moment to deliver the keys. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (query_int_with (db, "SELECT count(*) FROM visit", 0) != 0 && g_get_monotonic_time () < deadline)
      {
        g_usleep (20 * 1000);
        ui_spin ();
      }
  }
  g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit", 0), ==, 0);
  g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit_purpose", 0), ==, 0);
  g_assert_cmpint (jd_front_desk_page_get_last_visit (page), ==, 0);

  /* Enter on the first result checks Асанов in with the default purpose. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "асанов");
  ui_wait_while (page, "searching");
  g_signal_emit_by_name (entry, "activate");
  ui_spin ();
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "check-in");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
  g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit WHERE visitor_id = ?1", asanov), ==, 1);

  /* The toast's Undo takes back the check-in it tells of; then again. */
  {
    GtkWidget *undo = find_toast_undo (GTK_WIDGET (window));

    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    ui_spin ();
    g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit WHERE visitor_id = ?1", asanov), ==, 0);
    gtk_editable_set_text (GTK_EDITABLE (entry), "асанов");
    ui_wait_while (page, "searching");
    g_signal_emit_by_name (entry, "activate");
    ui_spin ();
    dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "check-in");
    gtk_window_close (GTK_WINDOW (dialog));
    ui_spin ();
    g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit WHERE visitor_id = ?1", asanov), ==, 1);
  }

  /* Nobody by that name: Enter registers what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "жаңа келуші");
  ui_wait_while (page, "searching");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "no-results");
  g_signal_emit_by_name (entry, "activate");
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_VISITOR_FORM);
  g_assert_nonnull (form);

#define FORM_ROW(name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form), JD_TYPE_VISITOR_FORM, name))
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_ROW ("surname_row"))), ==, "Жаңа");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (FORM_ROW ("given_name_row"))), ==, "Келуші");
  gtk_editable_set_text (GTK_EDITABLE (FORM_ROW ("birth_date_row")), "01.02.2003");
  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_ROW ("sex_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_ROW ("district_row")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_ROW ("occupation_row")), 3);
  gtk_switch_set_active (GTK_SWITCH (FORM_ROW ("consent_switch")), TRUE);
#undef FORM_ROW
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();

  /* Saved, and offered a check-in at once. */
  g_assert_null (ui_find_toplevel (JD_TYPE_VISITOR_FORM));
  newcomer = query_int_with (db, "SELECT id FROM visitor WHERE name_key = 'жаңа келуші'", 0);
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "check-in");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
  g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit WHERE visitor_id = ?1", newcomer), ==, 1);
  g_assert_cmpuint (ui_n_children (page_child (page, "today_list")), ==, 2);

  /* Check Out on the newest row (the newcomer's) acts on that row's visit. */
  {
    GtkWidget *row = gtk_widget_get_first_child (page_child (page, "today_list"));
    GtkWidget *button = row;

    while (button != NULL && !GTK_IS_BUTTON (button))
      button = gtk_widget_get_last_child (button);
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    ui_spin ();
    g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit WHERE visitor_id = ?1"
                                     " AND time_out IS NOT NULL", newcomer), ==, 1);
    g_assert_cmpint (query_int_with (db, "SELECT count(*) FROM visit WHERE time_out IS NOT NULL", 0), ==, 1);
  }

  /* Ctrl+N's action opens the form too. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-visitor", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_VISITOR_FORM);
  g_assert_nonnull (form);
  gtk_window_destroy (GTK_WINDOW (form));

  gtk_window_destroy (window);
  ui_spin ();
}

/* Someone imported from a list that said nothing of consent: the
 * check-in says so; someone who consented is not bothered. */
static void
test_consent_not_recorded (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "consent.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  JdFrontDeskPage *page;
  JdCheckInDialog *dialog;
  GtkWindow *window;
  JdDb *db;
  gint64 imported, consented;

  jd_application_set_db_path (app, path);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_application_activate (G_APPLICATION (app));
  ui_spin ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  db = jd_store_get_db (jd_application_get_store (app));
  ui_sign_in_admin (jd_application_get_store (app), window);
  imported = add_visitor (db, "Серікова", "Дана");
  consented = add_visitor (db, "Серіков", "Дәулет");
  g_assert_true (jd_db_exec (db, "DELETE FROM consent WHERE visitor_id = (SELECT id FROM visitor"
                                 " WHERE surname = 'Серікова')", &error));
  page = JD_FRONT_DESK_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_FRONT_DESK));

  jd_front_desk_page_check_in (page, imported);
  ui_spin ();
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                                   "Consent not recorded: ask for it"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_spin ();

  jd_front_desk_page_check_in (page, consented);
  ui_spin ();
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_null (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Consent"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  gtk_window_destroy (window);
  ui_spin ();
}

/* Another desk on the same file (a second connection) checks someone
 * in: the page on screen shows it by itself, from the store's
 * ::changed, with nobody asking it to refresh. */
static void
test_other_desk_check_in (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "other-desk.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) other = NULL;
  g_autoptr(JdStaff) clerk = NULL;
  const char *purposes[] = { "leisure", NULL };
  JdFrontDeskPage *page;
  GtkWidget *today_list;
  GtkWindow *window;
  JdStore *store;
  gint64 visitor, visit, deadline;

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  store = jd_application_get_store (app);
  ui_sign_in_admin (store, window);
  visitor = add_visitor (jd_store_get_db (store), "Оспанов", "Мирас");
  page = JD_FRONT_DESK_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_FRONT_DESK));
  today_list = page_child (page, "today_list");
  ui_spin ();
  g_assert_cmpuint (ui_n_children (today_list), ==, 0);

  other = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  clerk = jd_staff_sign_in (other, "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  visit = jd_visit_check_in (other, visitor, purposes, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit, >, 0);

  /* The store looks at the data version about once a second. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ui_n_children (today_list) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ui_n_children (today_list), ==, 1);

  /* The pages watch the store while they are up, and only then. */
  g_assert_true (jd_store_get_watched (store));
  gtk_window_destroy (window);
  ui_spin ();
  g_assert_false (jd_store_get_watched (store));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/front-desk/find-check-in-undo-register", test_find_check_in_undo_register);
  g_test_add_func ("/jd/front-desk/consent-not-recorded", test_consent_not_recorded);
  g_test_add_func ("/jd/front-desk/other-desk-check-in", test_other_desk_check_in);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
