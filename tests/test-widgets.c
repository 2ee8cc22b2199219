/* test-widgets.c: every templated widget is created and destroyed, and
 * nothing keeps it alive afterwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include "centre-helpers.h"
#include "jd-audit-window.h"
#include "jd-choice-item.h"
#include "jd-consultation-form.h"
#include "jd-data-page.h"
#include "jd-event-form.h"
#include "jd-events-page.h"
#include "jd-front-desk-page.h"
#include "jd-preferences-window.h"
#include "jd-resources.h"
#include "jd-sign-in-page.h"
#include "jd-staff-page.h"
#include "jd-visitor-form.h"
#include "jd-visitor-row.h"
#include "jd-visitor-search.h"

static JdStore *store;

/* A window of the program: shown, spun, closed, then the test's own
 * reference must be the last. */
static void
destroy_window (gpointer window)
{
  g_object_ref (window);
  gtk_window_present (window);
  ui_spin ();
  gtk_window_destroy (window);
  ui_spin ();
  g_assert_finalize_object (window);
}

/* A page: held by the test alone, then dropped. */
static void
destroy_page (GtkWidget *page)
{
  g_object_ref_sink (page);
  ui_spin ();
  g_assert_finalize_object (page);
}

static void
test_audit_window (void)
{
  destroy_window (jd_audit_window_new (store));
}

static void
test_preferences_window (void)
{
  destroy_window (jd_preferences_window_new (store));
}

static void
test_event_form (void)
{
  destroy_window (jd_event_form_new (store));
}

static void
test_visitor_form (void)
{
  destroy_window (jd_visitor_form_new (store));
}

static void
test_consultation_form (void)
{
  destroy_window (jd_consultation_form_new (store));
}

/* A choice of a combo row: its code and label, as getters and as
 * properties, and nothing keeps it alive. */
static void
test_choice_item (void)
{
  JdChoiceItem *item = jd_choice_item_new ("in_person", "In person");
  g_autofree char *code = NULL;
  g_autofree char *label = NULL;

  g_assert_cmpstr (jd_choice_item_get_code (item), ==, "in_person");
  g_assert_cmpstr (jd_choice_item_get_label (item), ==, "In person");
  g_object_get (item, "code", &code, "label", &label, NULL);
  g_assert_cmpstr (code, ==, "in_person");
  g_assert_cmpstr (label, ==, "In person");
  g_assert_finalize_object (item);

  /* "Nothing chosen" is the empty code. */
  item = jd_choice_item_new ("", "Choose…");
  g_assert_cmpstr (jd_choice_item_get_code (item), ==, "");
  g_assert_finalize_object (item);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

/* JdForm: "dirty" is notified once when typing starts, and closing a
 * dirty form asks instead of closing. */
static void
test_form_dirty (void)
{
  JdEventForm *form = g_object_ref (jd_event_form_new (store));
  GtkWidget *title = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (form),
                                                                JD_TYPE_EVENT_FORM,
                                                                "title_row"));
  guint notified = 0;

  g_assert_true (jd_form_get_store (JD_FORM (form)) == store);
  g_signal_connect (form, "notify::dirty", G_CALLBACK (count_cb), &notified);
  gtk_window_present (GTK_WINDOW (form));
  ui_spin ();
  g_assert_false (jd_form_get_dirty (JD_FORM (form)));

  gtk_editable_set_text (GTK_EDITABLE (title), "Job fair");
  gtk_editable_set_text (GTK_EDITABLE (title), "Job fair 2026");
  g_assert_true (jd_form_get_dirty (JD_FORM (form)));
  g_assert_cmpuint (notified, ==, 1);

  gtk_window_close (GTK_WINDOW (form));
  ui_spin ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (form)));

  /* The question's Discard, without the dialog. */
  jd_form_close_later (JD_FORM (form));
  g_assert_false (jd_form_get_dirty (JD_FORM (form)));
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (form)));
  ui_spin ();
  g_assert_finalize_object (form);
}

static void
test_data_page (void)
{
  destroy_page (jd_data_page_new (store));
}

static void
test_staff_page (void)
{
  destroy_page (jd_staff_page_new (store));
}

static void
test_sign_in_page (void)
{
  destroy_page (jd_sign_in_page_new ());
}

static void
test_events_page (void)
{
  destroy_page (g_object_new (JD_TYPE_EVENTS_PAGE, "store", store, NULL));
}

static void
test_front_desk_page (void)
{
  destroy_page (g_object_new (JD_TYPE_FRONT_DESK_PAGE, "store", store, NULL));
}

static void
test_visitor_row (void)
{
  JdSearchResult result = {
    .visitor_id = 1, .surname = (char *) "Асанова", .given_name = (char *) "Әлия",
    .birth_date = (char *) "1985-01-02", .phone = (char *) "+77011234567",
    .match = JD_MATCH_TRANSLIT,
  };
  JdSearchHit *hit = jd_search_hit_new (&result);
  GtkWidget *row = jd_visitor_row_new (hit);

  g_assert_true (jd_visitor_row_get_hit (JD_VISITOR_ROW (row)) == hit);
  destroy_page (row);
  g_assert_finalize_object (hit);
}

/* With the page's own widgets in it, after a search that answered and
 * while one is still under way: the widget goes with everything in it. */
static void
test_visitor_search (void)
{
  GtkWidget *search = jd_visitor_search_new (store);
  GtkWidget *idle = gtk_label_new ("idle");
  GtkWidget *empty = gtk_button_new ();

  g_object_ref_sink (search);
  g_object_add_weak_pointer (G_OBJECT (idle), (gpointer *) &idle);
  g_object_add_weak_pointer (G_OBJECT (empty), (gpointer *) &empty);
  jd_visitor_search_add_suffix (JD_VISITOR_SEARCH (search), gtk_button_new ());
  jd_visitor_search_add_header (JD_VISITOR_SEARCH (search), gtk_label_new ("header"));
  jd_visitor_search_set_idle_child (JD_VISITOR_SEARCH (search), idle);
  jd_visitor_search_set_empty_child (JD_VISITOR_SEARCH (search), empty);
  g_assert_true (jd_visitor_search_is_idle (JD_VISITOR_SEARCH (search)));

  jd_visitor_search_set_text (JD_VISITOR_SEARCH (search), "nobody here");
  g_assert_true (jd_visitor_search_is_searching (JD_VISITOR_SEARCH (search)));
  ui_wait_while (search, "searching");
  g_assert_false (jd_visitor_search_is_idle (JD_VISITOR_SEARCH (search)));
  g_assert_null (jd_visitor_search_get_selected (JD_VISITOR_SEARCH (search)));

  /* Dropped with a search still under way. */
  jd_visitor_search_set_text (JD_VISITOR_SEARCH (search), "somebody");
  g_signal_emit_by_name (jd_visitor_search_get_entry (JD_VISITOR_SEARCH (search)), "search-changed");
  g_assert_finalize_object (search);
  g_assert_null (idle);
  g_assert_null (empty);
  ui_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  /* The application registers them; the widgets alone need them too. */
  jd_register_resource ();
  tmp_dir = g_dir_make_tmp (NULL, NULL);
  store = jd_store_new_for_db (open_centre ("centre.jastar"));

  g_test_add_func ("/jd/widgets/audit-window", test_audit_window);
  g_test_add_func ("/jd/widgets/preferences-window", test_preferences_window);
  g_test_add_func ("/jd/widgets/event-form", test_event_form);
  g_test_add_func ("/jd/widgets/visitor-form", test_visitor_form);
  g_test_add_func ("/jd/widgets/consultation-form", test_consultation_form);
  g_test_add_func ("/jd/widgets/form-dirty", test_form_dirty);
  g_test_add_func ("/jd/widgets/choice-item", test_choice_item);
  g_test_add_func ("/jd/widgets/data-page", test_data_page);
  g_test_add_func ("/jd/widgets/staff-page", test_staff_page);
  g_test_add_func ("/jd/widgets/sign-in-page", test_sign_in_page);
  g_test_add_func ("/jd/widgets/events-page", test_events_page);
  g_test_add_func ("/jd/widgets/front-desk-page", test_front_desk_page);
  g_test_add_func ("/jd/widgets/visitor-row", test_visitor_row);
  g_test_add_func ("/jd/widgets/visitor-search", test_visitor_search);

  status = g_test_run ();
  g_assert_finalize_object (store);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);

    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_clear_pointer (&tmp_dir, g_free);
  return ui_test_finish (status);
}
