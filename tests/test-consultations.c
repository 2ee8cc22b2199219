/* test-consultations.c: the Consultations page and the consultation
 * form, with the real window under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-application.h"
#include "jd-choice-item.h"
#include "jd-consultation-form.h"
#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-consultations-page.h"
#include "db-helpers.h"
#include "jd-db-private.h"
#include "jd-front-desk-page.h"
#include "jd-staff.h"
#include "jd-visit.h"
#include "jd-visitor-search.h"
#include "jd-visitor.h"
#include "visitor-helpers.h"
#include "jd-window.h"

static char *tmp_dir;
static guint db_counter;

typedef struct
{
  JdApplication       *app;
  GtkWindow           *window;
  JdStore             *store;
  JdDb                *db;      /* the store's, for the checks */
  JdConsultationsPage *page;
  gint64               psy;
  gint64               aida;
  gint64               bolat;
} Fixture;

static void
sign_in (JdStore    *store,
         const char *login,
         const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) staff = NULL;

  jd_store_sign_out (store);
  staff = jd_store_sign_in (store, login, password, &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
}

static gint64
add_staff (JdDb       *db,
           const char *login,
           JdRole      role,
           const char *service)
{
  g_autoptr(GError) error = NULL;
  char *services[] = { (char *) service, NULL };
  JdStaff staff = { .full_name = (char *) login, .login = (char *) login, .role = role,
                    .active = TRUE, .services = service ? services : NULL };

  g_assert_true (jd_staff_add (db, &staff, "Password1", &error));
  g_assert_no_error (error);
  return staff.id;
}

static gint64
add_visitor (JdDb       *db,
             const char *surname,
             const char *given)
{
  return test_add_visitor (db, &(TestVisitor) { .surname = surname, .given_name = given,
                                               .birth_date = "2000-05-05" });
}

/* A centre with an administrator, a psychologist, a receptionist and
 * two visitors; then the real window on it, with the psychologist
 * signed in. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("consultations-%u.db", db_counter++);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(JdStaff) admin = NULL;
  JdDb *db;

  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (db, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  f->psy = add_staff (db, "psy", JD_ROLE_SPECIALIST, "psychological");
  add_staff (db, "clerk", JD_ROLE_RECEPTIONIST, NULL);
  f->aida = add_visitor (db, "Әлиева", "Аида");
  f->bolat = add_visitor (db, "Бекұлы", "Болат");
  jd_db_close (db);

  f->app = jd_application_new ();
  jd_application_set_db_path (f->app, path);
  ui_register_app (f->app);
  g_application_activate (G_APPLICATION (f->app));
  ui_spin ();

  f->window = gtk_application_get_active_window (GTK_APPLICATION (f->app));
  g_assert_nonnull (f->window);
  f->store = jd_application_get_store (f->app);
  g_assert_nonnull (f->store);
  f->db = jd_store_get_db (f->store);
  sign_in (f->store, "psy", "Password1");
  jd_window_show_signed_in (JD_WINDOW (f->window));

  f->page = JD_CONSULTATIONS_PAGE (jd_window_get_page (JD_WINDOW (f->window),
                                                       JD_WINDOW_SECTION_CONSULTATIONS));
  g_assert_true (JD_IS_CONSULTATIONS_PAGE (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* Forms and dialogs left open; not the window's own hidden ones. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != f->window && gtk_widget_get_visible (l->data))
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (f->window);
  ui_spin ();
  g_clear_object (&f->app);
}

/* Runs the main loop until @label shows @text, waking on each change of
 * its text, at most ten seconds a change: the pages refresh from the
 * store's ::changed and when shown, on the main loop's own time. */
static void
wait_for_label (GtkWidget  *label,
                const char *text)
{
  ui_spin ();
  while (strstr (gtk_label_get_label (GTK_LABEL (label)), text) == NULL)
    {
      g_test_message ("label: %s", gtk_label_get_label (GTK_LABEL (label)));
      ui_wait_for (label, "notify::label", 10);
    }
}

static void
show_page (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.section", "s", "consultations");
  ui_spin ();
  jd_consultations_page_refresh (f->page);
  ui_spin ();
}

static GtkWidget *
find_button_in (GtkWidget  *root,
                const char *action,
                GVariant   *target)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0 &&
          (target == NULL ||
           g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child)), target)))
        return child;
      found = find_button_in (child, action, target);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The button inside @root that activates @action with @target (floating). */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *action,
             GVariant   *target)
{
  g_autoptr(GVariant) owned = target ? g_variant_ref_sink (target) : NULL;

  return find_button_in (root, action, owned);
}

#define FORM_CHILD(form, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form), JD_TYPE_CONSULTATION_FORM, name))
/* The form's JdVisitorSearch, the last child of its search box. */
#define FORM_SEARCH(form) \
  JD_VISITOR_SEARCH (gtk_widget_get_last_child (FORM_CHILD (form, "search_box")))
#define PAGE_CHILD(page, name) \
  GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_CONSULTATIONS_PAGE, name))

/* Picks the item with @code, as staff do in the row's popover. */
static void
select_code (GtkWidget  *row,
             const char *code)
{
  GListModel *items = adw_combo_row_get_model (ADW_COMBO_ROW (row));

  g_assert_nonnull (items);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(JdChoiceItem) item = g_list_model_get_item (items, i);

      if (g_str_equal (jd_choice_item_get_code (item), code))
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (row), i);
          return;
        }
    }
  g_assert_not_reached ();
}

static const char *
selected_code (GtkWidget *row)
{
  JdChoiceItem *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (row));

  g_assert_true (JD_IS_CHOICE_ITEM (item));
  return jd_choice_item_get_code (item);
}

/* Ctrl+Enter, as it reaches the form's own key handler first. */
static void
press_ctrl_return (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_Return, 0, GDK_CONTROL_MASK,
                               &handled);
    }
  g_assert_true (handled);
}

static void
set_text (GtkWidget  *view,
          const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* (a) A check-in for psychological help, Call Next, the form filled
 * in, saved: the consultation belongs to the visit and the queue entry
 * is done. */
static void
test_from_check_in (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *purposes[] = { "psychological", NULL };
  g_autofree char *note = NULL;
  JdConsultationForm *form;
  GtkWidget *button, *queue_label, *front_desk;
  gint64 visit, id;

  /* The receptionist checks Аида in for psychological help. */
  sign_in (f->store, "clerk", "Password1");
  visit = jd_visit_check_in (f->db, f->aida, purposes, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit, >, 0);

  /* The front desk shows the queue under its search. */
  front_desk = GTK_WIDGET (jd_window_get_page (JD_WINDOW (f->window),
                                               JD_WINDOW_SECTION_FRONT_DESK));
  ui_spin ();
  queue_label = GTK_WIDGET (gtk_widget_get_template_child (front_desk, JD_TYPE_FRONT_DESK_PAGE,
                                                           "queue_label"));
  wait_for_label (queue_label, "Psychological help 1");
  g_assert_true (gtk_widget_get_visible (queue_label));

  /* The psychologist calls the next person. */
  sign_in (f->store, "psy", "Password1");
  show_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (adw_bin_get_child (ADW_BIN (f->page)))),
                   ==, "content");
  button = find_button (GTK_WIDGET (f->page), "consultations.call-next",
                        g_variant_new_string ("psychological"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  ui_spin ();
  g_assert_cmpint (query_int_with (f->db, "SELECT called_by FROM queue_entry WHERE visit_id = ?1", visit),
                   ==, f->psy);
  /* The front desk sees who was called in, and by whom. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.section", "s", "front-desk");
  wait_for_label (queue_label, "Called in: Әлиева Аида → psy");
  show_page (f);

  /* The form comes filled in with the person and the service. */
  form = ui_find_toplevel (JD_TYPE_CONSULTATION_FORM);
  g_assert_nonnull (form);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (form)) == f->window);
  g_assert_true (gtk_widget_get_visible (FORM_CHILD (form, "fixed_row")));
  g_assert_false (gtk_widget_get_visible (FORM_CHILD (form, "search_box")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (FORM_CHILD (form, "fixed_row"))),
                   ==, "Әлиева Аида");
  g_assert_cmpstr (selected_code (FORM_CHILD (form, "service_row")), ==, "psychological");

  select_code (FORM_CHILD (form, "topic_row"), "anxiety");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (FORM_CHILD (form, "duration_spin")), 45);
  set_text (FORM_CHILD (form, "summary_view"), "Talked about exams.");
  set_text (FORM_CHILD (form, "note_view"), "Sleeps badly before exams.");
  select_code (FORM_CHILD (form, "outcome_row"), "resolved");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();

  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_FORM));
  id = query_int_with (f->db, "SELECT id FROM consultation WHERE visit_id = ?1", visit);
  g_assert_cmpint (query_int_with (f->db, "SELECT visitor_id FROM consultation WHERE id = ?1", id), ==, f->aida);
  g_assert_cmpint (query_int_with (f->db, "SELECT specialist_id FROM consultation WHERE id = ?1", id), ==, f->psy);
  g_assert_cmpint (query_int_with (f->db, "SELECT duration_min FROM consultation WHERE id = ?1", id), ==, 45);
  note = query_text_with (f->db, "SELECT private_note FROM consultation WHERE id = ?1", id);
  g_assert_cmpstr (note, ==, "Sleeps badly before exams.");
  g_free (note);
  note = query_text_with (f->db, "SELECT outcome || '/' || topic FROM consultation WHERE id = ?1", id);
  g_assert_cmpstr (note, ==, "resolved/anxiety");
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM queue_entry WHERE visit_id = ?1"
                                     " AND done_at IS NOT NULL AND consultation_id IS NOT NULL", visit),
                   ==, 1);

  /* The page shows it among today's, and nobody waits any more. */
  g_assert_cmpuint (ui_n_children (PAGE_CHILD (f->page, "today_list")), ==, 1);
  g_assert_null (find_button (GTK_WIDGET (f->page), "consultations.call-next",
                              g_variant_new_string ("psychological")));

  /* And the front desk line is gone when the desk shows again. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.section", "s", "front-desk");
  ui_spin ();
  g_assert_false (gtk_widget_get_visible (queue_label));
}

/* Runs the main loop until @squeezer shows @child, waking on each change. */
static void
wait_for_squeezer (AdwSqueezer *squeezer,
                   GtkWidget   *child)
{
  ui_spin ();
  while (adw_squeezer_get_visible_child (squeezer) != child)
    ui_wait_for (squeezer, "notify::visible-child", 10);
}

/* Whose queues these are, beside Log Consultation; in a phone-narrow
 * window the line has the whole width and the button goes below it. */
static void
test_narrow_header (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *label = PAGE_CHILD (f->page, "services_label");
  GtkWidget *wide = gtk_widget_get_parent (label);
  AdwSqueezer *squeezer = ADW_SQUEEZER (gtk_widget_get_ancestor (label, ADW_TYPE_SQUEEZER));
  GtkWidget *narrow = gtk_widget_get_next_sibling (wide);

  show_page (f);
  g_assert_true (gtk_widget_get_parent (wide) == GTK_WIDGET (squeezer));
  g_assert_true (GTK_IS_BOX (narrow));

  gtk_window_set_default_size (f->window, 1000, 700);
  wait_for_squeezer (squeezer, wide);

  gtk_window_set_default_size (f->window, 360, 720);
  wait_for_squeezer (squeezer, narrow);
  /* The same words in both. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (narrow))), ==,
                   gtk_label_get_label (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "Psychological help"));

  gtk_window_set_default_size (f->window, 1000, 700);
  wait_for_squeezer (squeezer, wide);
}

/* (b) Anonymous: sex and age group only. */
static void
test_anonymous (Fixture       *f,
                gconstpointer  data)
{
  JdConsultationForm *form;
  gint64 id;
  g_autofree char *sex = NULL;
  g_autofree char *band = NULL;

  show_page (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "consultations.log", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_CONSULTATION_FORM);
  g_assert_nonnull (form);

  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_CHILD (form, "who_row")), 1);
  g_assert_true (gtk_widget_get_visible (FORM_CHILD (form, "anon_sex_row")));
  g_assert_false (gtk_widget_get_visible (FORM_CHILD (form, "search_box")));
  g_assert_false (gtk_widget_get_visible (FORM_CHILD (form, "placement_row")));
  select_code (FORM_CHILD (form, "anon_sex_row"), "female");
  select_code (FORM_CHILD (form, "anon_age_row"), "18-24");
  /* The psychologist covers one service: it is chosen already. */
  g_assert_cmpstr (selected_code (FORM_CHILD (form, "service_row")), ==, "psychological");
  select_code (FORM_CHILD (form, "format_row"), "phone");
  select_code (FORM_CHILD (form, "outcome_row"), "resolved");
  /* Saved with Ctrl+Enter while typing the summary. */
  gtk_widget_grab_focus (FORM_CHILD (form, "summary_view"));
  set_text (FORM_CHILD (form, "summary_view"), "Called about a conflict at home.");
  press_ctrl_return (GTK_WIDGET (form));
  ui_spin ();

  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_FORM));
  id = query_int_with (f->db, "SELECT max(id) FROM consultation", 0);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (query_int_with (f->db, "SELECT visitor_id IS NULL FROM consultation WHERE id = ?1", id), ==, 1);
  sex = query_text_with (f->db, "SELECT anon_sex FROM consultation WHERE id = ?1", id);
  band = query_text_with (f->db, "SELECT anon_age_band FROM consultation WHERE id = ?1", id);
  g_assert_cmpstr (sex, ==, "female");
  g_assert_cmpstr (band, ==, "18-24");
  g_assert_cmpint (query_int_with (f->db, "SELECT format = 'phone' FROM consultation WHERE id = ?1", id), ==, 1);
  g_assert_cmpuint (ui_n_children (PAGE_CHILD (f->page, "today_list")), ==, 1);
}

static gint64
add_follow_up (Fixture    *f,
               const char *day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = jd_consultation_new ();

  c->visitor_id = f->bolat;
  c->service = g_strdup ("psychological");
  c->started_at = jd_db_now () - 3600;
  c->outcome = g_strdup ("follow_up");
  c->follow_up_on = g_strdup (day);
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);
  return c->id;
}

/* (c) Follow-ups due today: Done from the list, and Reschedule. */
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
test_follow_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 10);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *typed = g_date_time_format (later, "%d.%m.%Y");
  g_autofree char *expected = g_date_time_format (later, "%Y-%m-%d");
  g_autofree char *day = NULL;
  GtkWidget *list, *button, *entry;
  AdwMessageDialog *dialog;
  g_autoptr(GListModel) rows = NULL;
  guint n_added = 0;
  gint64 done, moved;

  done = add_follow_up (f, today);
  moved = add_follow_up (f, today);
  show_page (f);
  list = PAGE_CHILD (f->page, "follow_ups_list");
  g_assert_cmpuint (ui_n_children (list), ==, 2);

  /* The page reads the follow-ups once after its own write, from the
   * store's ::changed: the one left is made once. */
  rows = gtk_widget_observe_children (list);
  g_signal_connect (rows, "items-changed", G_CALLBACK (count_added_cb), &n_added);
  button = find_button (list, "consultations.follow-up-done", g_variant_new_int64 (done));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_spin ();
  g_assert_cmpint (query_int_with (f->db, "SELECT follow_up_done_at FROM consultation WHERE id = ?1", done), >, 0);
  g_assert_cmpuint (ui_n_children (list), ==, 1);
  g_assert_cmpuint (n_added, ==, 1);
  g_signal_handlers_disconnect_by_func (rows, count_added_cb, &n_added);

  button = find_button (list, "consultations.reschedule", g_variant_new_int64 (moved));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_spin ();
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  /* A day in the past cannot be chosen. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "01.01.2020");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "reschedule"));
  gtk_editable_set_text (GTK_EDITABLE (entry), typed);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "reschedule"));
  adw_message_dialog_response (dialog, "reschedule");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
  day = query_text_with (f->db, "SELECT follow_up_on FROM consultation WHERE id = ?1", moved);
  g_assert_cmpstr (day, ==, expected);
  g_assert_cmpuint (ui_n_children (list), ==, 0);
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (f->page, "follow_ups_empty")));
}

/* Types @text into the form's search, runs the main loop until it has
 * shown someone, and presses Enter. */
static void
search_and_pick (JdConsultationForm *form,
                 const char         *text)
{
  JdVisitorSearch *search = FORM_SEARCH (form);
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, ui_timeout_cb, &timed_out);

  jd_visitor_search_set_text (search, text);
  while (!timed_out &&
         (jd_visitor_search_is_searching (search) || jd_visitor_search_get_selected (search) == NULL))
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  g_assert_nonnull (gtk_widget_get_first_child (jd_visitor_search_get_list (search)));

  g_signal_emit_by_name (jd_visitor_search_get_entry (search), "activate");
  ui_spin ();
}

/* (d) Referred without saying where: shown on that row, nothing saved;
 * the visitor found through the form's own search. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  JdConsultationForm *form;
  GtkWidget *referral;

  show_page (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "consultations.log", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_CONSULTATION_FORM);
  g_assert_nonnull (form);

  /* Saving with nobody chosen says so on the search. */
  select_code (FORM_CHILD (form, "outcome_row"), "resolved");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_true (gtk_widget_has_css_class (jd_visitor_search_get_entry (FORM_SEARCH (form)), "error"));
  {
    GtkWidget *message = gtk_widget_get_next_sibling (gtk_widget_get_parent (jd_visitor_search_get_entry (FORM_SEARCH (form))));

    g_assert_true (GTK_IS_LABEL (message) && gtk_widget_get_visible (message));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                     "Find the visitor and choose them from the list, or choose Anonymous.");
  }

  search_and_pick (form, "әлиев");
  g_assert_false (gtk_widget_get_visible (FORM_CHILD (form, "search_box")));
  g_assert_true (gtk_widget_get_visible (FORM_CHILD (form, "chosen_row")));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (FORM_CHILD (form, "chosen_row"))),
                   ==, "Әлиева Аида");

  select_code (FORM_CHILD (form, "outcome_row"), "referred");
  referral = FORM_CHILD (form, "referral_row");
  g_assert_true (gtk_widget_get_visible (referral));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));
  g_assert_true (gtk_widget_has_css_class (referral, "error"));
  {
    GtkWidget *message = gtk_widget_get_next_sibling (referral);
    GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (message));

    g_assert_true (gtk_widget_get_visible (message));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                     "Choose where the person was referred.");
  }
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consultation", 0), ==, 0);

  /* Fixing the row clears its message; then it saves. */
  select_code (referral, "enbek");
  g_assert_false (gtk_widget_has_css_class (referral, "error"));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_FORM));
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consultation WHERE visitor_id = ?1"
                                     " AND referral = 'enbek' AND visit_id IS NULL", f->aida), ==, 1);
}

/* A group session: two visitors found by search, one row each. */
static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  JdConsultationForm *form;
  GtkWidget *entry;

  show_page (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "consultations.log", NULL);
  ui_spin ();
  form = ui_find_toplevel (JD_TYPE_CONSULTATION_FORM);
  adw_combo_row_set_selected (ADW_COMBO_ROW (FORM_CHILD (form, "who_row")), 2);
  entry = jd_visitor_search_get_entry (FORM_SEARCH (form));

  search_and_pick (form, "аида");
  select_code (FORM_CHILD (form, "outcome_row"), "resolved");

  /* One is not a group. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consultation", 0), ==, 0);

  search_and_pick (form, "болат");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();

  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_FORM));
  g_assert_cmpint (query_int_with (f->db, "SELECT count(DISTINCT visitor_id) FROM consultation"
                                     " WHERE group_id IS NOT NULL", 0), ==, 2);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(DISTINCT group_id) FROM consultation", 0), ==, 1);
}

/* A row opens read only; the private note shows only on request, and
 * that reading is on record; Edit changes the rest and keeps the note. */
static void
test_view_edit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = jd_consultation_new ();
  g_autofree char *note = NULL;
  JdConsultationView *view;
  JdConsultationForm *form;
  GtkWidget *list, *note_label;

  c->visitor_id = f->bolat;
  c->service = g_strdup ("psychological");
  c->started_at = jd_db_now () - 600;
  c->outcome = g_strdup ("resolved");
  c->private_note = g_strdup ("Only for us.");
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);

  show_page (f);
  list = PAGE_CHILD (f->page, "today_list");
  g_assert_cmpuint (ui_n_children (list), ==, 1);
  g_signal_emit_by_name (list, "row-activated", gtk_widget_get_first_child (list));
  ui_spin ();
  view = ui_find_toplevel (JD_TYPE_CONSULTATION_VIEW);
  g_assert_nonnull (view);

  note_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), JD_TYPE_CONSULTATION_VIEW,
                                                          "note_label"));
  g_assert_false (gtk_widget_get_visible (note_label));
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM audit WHERE action = 'viewed_private_note'", 0),
                   ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (view), "view.show-note", NULL);
  g_assert_true (gtk_widget_get_visible (note_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (note_label)), ==, "Only for us.");
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM audit WHERE action = 'viewed_private_note'"
                                     " AND record_id = ?1", c->id), ==, 1);

  /* The author may edit: the form opens with what was saved. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view),
                                                                                    JD_TYPE_CONSULTATION_VIEW,
                                                                                    "edit_button"))));
  gtk_widget_activate_action (GTK_WIDGET (view), "view.edit", NULL);
  ui_spin ();
  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_VIEW));
  form = ui_find_toplevel (JD_TYPE_CONSULTATION_FORM);
  g_assert_nonnull (form);
  g_assert_true (gtk_widget_get_visible (FORM_CHILD (form, "fixed_row")));
  g_assert_false (gtk_widget_get_visible (FORM_CHILD (form, "who_row")));
  g_assert_cmpstr (selected_code (FORM_CHILD (form, "outcome_row")), ==, "resolved");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (FORM_CHILD (form, "duration_spin")), 50);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_FORM));
  g_assert_cmpint (query_int_with (f->db, "SELECT duration_min FROM consultation WHERE id = ?1", c->id), ==, 50);
  note = query_text_with (f->db, "SELECT private_note FROM consultation WHERE id = ?1", c->id);
  g_assert_cmpstr (note, ==, "Only for us.");
}

static char *
text_in (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The administrator changes the psychologist's consultation at another
 * desk while the form is open: told at once (the store's ::changed, as
 * the watch gives it), the save is refused with who and when, what was
 * typed stays, and Reload shows the other desk's consultation. */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = jd_consultation_new ();
  g_autoptr(JdConsultation) elsewhere = NULL;
  g_autoptr(JdDb) other = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *hh_mm = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *summary = NULL;
  JdConsultationForm *form;
  GtkWidget *dialog;

  c->visitor_id = f->bolat;
  c->service = g_strdup ("psychological");
  c->started_at = jd_db_now () - 600;
  c->duration_min = 30;
  c->outcome = g_strdup ("resolved");
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);

  form = jd_consultation_form_new (f->store);
  g_object_add_weak_pointer (G_OBJECT (form), (gpointer *) &form);
  g_assert_true (jd_consultation_form_load (form, c->id, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (form));
  ui_spin ();
  set_text (FORM_CHILD (form, "summary_view"), "Talked about exams.");

  other = jd_db_open (jd_store_get_path (f->store), JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  admin = jd_staff_sign_in (other, "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  elsewhere = jd_consultation_load (other, c->id, &error);
  g_assert_no_error (error);
  elsewhere->duration_min = 45;
  g_assert_true (jd_consultation_update (other, elsewhere, FALSE, &error));
  g_assert_no_error (error);

  jd_store_changed (f->store, JD_TOPIC_CONSULTATIONS);
  ui_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (FORM_CHILD (form, "banner"))));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (FORM_CHILD (form, "banner_label"))), ==,
                   "This consultation was changed elsewhere while it was open here. Reload to see the changes.");
  g_assert_true (gtk_widget_get_visible (FORM_CHILD (form, "banner_reload")));

  /* Saving anyway: refused, named. */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_nonnull (form);
  when = jd_db_local_time (f->db, query_int_with (f->db, "SELECT updated_at FROM consultation WHERE id = ?1",
                                                  c->id));
  hh_mm = g_date_time_format (when, "%H:%M");
  expected = g_strdup_printf ("Admin changed this consultation at %s while it was open here.", hh_mm);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (FORM_CHILD (form, "banner_label"))), ==, expected);
  g_assert_false (gtk_widget_get_visible (FORM_CHILD (form, "banner_retry")));
  typed = text_in (FORM_CHILD (form, "summary_view"));
  g_assert_cmpstr (typed, ==, "Talked about exams.");
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consultation WHERE id = ?1"
                                          " AND duration_min = 45 AND summary IS NULL AND row_version = 2",
                                   c->id), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (form), "form.reload", NULL);
  ui_spin ();
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reload");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (FORM_CHILD (form, "banner"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (FORM_CHILD (form, "duration_spin"))), ==, 45);
  g_clear_pointer (&typed, g_free);
  typed = text_in (FORM_CHILD (form, "summary_view"));
  g_assert_cmpstr (typed, ==, "");

  set_text (FORM_CHILD (form, "summary_view"), "Talked about exams.");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  ui_spin ();
  g_assert_null (form);
  summary = query_text_with (f->db, "SELECT summary || ' ' || duration_min || ' ' || row_version"
                                    " FROM consultation WHERE id = ?1", c->id);
  g_assert_cmpstr (summary, ==, "Talked about exams. 45 3");
}

/* Receptionists are told the page is not theirs; signing in again as a
 * specialist brings it back. */
static void
test_receptionist (Fixture       *f,
                   gconstpointer  data)
{
  GtkStack *stack = GTK_STACK (adw_bin_get_child (ADW_BIN (f->page)));

  sign_in (f->store, "clerk", "Password1");
  show_page (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "denied");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "consultations.log", NULL);
  ui_spin ();
  g_assert_null (ui_find_toplevel (JD_TYPE_CONSULTATION_FORM));

  sign_in (f->store, "psy", "Password1");
  jd_consultations_page_refresh (f->page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
}

/* Every templated widget of this feature is made and freed cleanly. */
static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = g_object_ref_sink (g_object_new (JD_TYPE_CONSULTATIONS_PAGE, "store", f->store, NULL));
  GtkWidget *window;
  g_autoptr(JdConsultation) c = jd_consultation_new ();

  g_assert_finalize_object (page);

  window = GTK_WIDGET (jd_consultation_form_new (f->store));
  gtk_window_present (GTK_WINDOW (window));
  ui_spin ();
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin ();
  g_assert_finalize_object (window);

  c->visitor_id = f->aida;
  c->service = g_strdup ("psychological");
  c->started_at = jd_db_now ();
  c->outcome = g_strdup ("resolved");
  c->private_note = g_strdup ("Note");
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);

  window = GTK_WIDGET (jd_consultation_view_new (f->store, c->id, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  ui_spin ();
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin ();
  g_assert_finalize_object (window);

  window = GTK_WIDGET (jd_consultation_form_new (f->store));
  g_assert_true (jd_consultation_form_load (JD_CONSULTATION_FORM (window), c->id, &error));
  g_assert_no_error (error);
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin ();
  g_assert_finalize_object (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);

  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

#define ADD(path, func) \
  g_test_add ("/jd/consultations/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("from-check-in", test_from_check_in);
  ADD ("anonymous", test_anonymous);
  ADD ("follow-up", test_follow_up);
  ADD ("validation", test_validation);
  ADD ("group", test_group);
  ADD ("view-edit", test_view_edit);
  ADD ("changed-elsewhere", test_changed_elsewhere);
  ADD ("receptionist", test_receptionist);
  ADD ("new-destroy", test_new_destroy);
  ADD ("narrow-header", test_narrow_header);
#undef ADD

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
