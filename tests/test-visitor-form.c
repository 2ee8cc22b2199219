/* test-visitor-form.c: the registration form, driven in-process under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-db-private.h"
#include "jd-resources.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-visitor-form.h"
#include "jd-visitor.h"
#include "ui-sign-in.h"

static char *tmp_dir;
static guint db_counter;

typedef struct
{
  JdStore       *store;
  JdDb          *db;      /* the store's, for the checks */
  JdVisitorForm *form;
  gint64         saved_id;
  gint64         existing_id;
} Fixture;

static void
saved_cb (JdVisitorForm *form,
          gint64         id,
          Fixture       *f)
{
  f->saved_id = id;
}

static void
open_existing_cb (JdVisitorForm *form,
                  gint64         id,
                  Fixture       *f)
{
  f->existing_id = id;
}

static void
new_form (Fixture *f)
{
  f->form = jd_visitor_form_new (f->store);
  g_object_add_weak_pointer (G_OBJECT (f->form), (gpointer *) &f->form);
  g_signal_connect (f->form, "saved", G_CALLBACK (saved_cb), f);
  g_signal_connect (f->form, "open-existing", G_CALLBACK (open_existing_cb), f);
  gtk_window_present (GTK_WINDOW (f->form));
  ui_spin ();
  /* On a busy machine the X server maps the window later; Tab before
   * that starts from the first widget, not from the focus. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while ((!gtk_widget_get_mapped (GTK_WIDGET (f->form)) ||
            !gtk_window_is_active (GTK_WINDOW (f->form))) &&
           g_get_monotonic_time () < deadline)
      {
        g_usleep (2000);
        ui_spin ();
      }
  }
  /* Tab goes down the form in the order the rows are laid out on
   * screen; until the first layout every row sits at 0,0 and the order
   * is anyone's guess. Wait for the rows to have their places. */
  {
    gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    GtkWidget *first = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->form),
                                                                  JD_TYPE_VISITOR_FORM, "surname_row"));
    GtkWidget *last = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->form),
                                                                 JD_TYPE_VISITOR_FORM, "notes_row"));
    const graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);
    graphene_point_t top = origin, bottom = origin;

    while (g_get_monotonic_time () < deadline &&
           (gtk_widget_get_width (last) <= 0 ||
            !gtk_widget_compute_point (first, GTK_WIDGET (f->form), &origin, &top) ||
            !gtk_widget_compute_point (last, GTK_WIDGET (f->form), &origin, &bottom) ||
            bottom.y <= top.y))
      {
        top = bottom = origin;
        g_usleep (2000);
        ui_spin ();
      }
  }
}

static void
close_form (Fixture *f)
{
  g_object_remove_weak_pointer (G_OBJECT (f->form), (gpointer *) &f->form);
  gtk_window_destroy (GTK_WINDOW (f->form));
  f->form = NULL;
  ui_spin ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("form-%u.db", db_counter++);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  f->store = jd_store_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->db = jd_store_get_db (f->store);
  ui_sign_in_admin (f->store, NULL);
  g_assert_true (jd_db_set_setting (f->db, JD_SETTING_CENTRE_DISTRICT, "almaty-medeu", &error));
  new_form (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->form != NULL)
    close_form (f);
  f->db = NULL;
  g_assert_finalize_object (g_steal_pointer (&f->store));
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  GtkWidget *widget = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->form),
                                                                 JD_TYPE_VISITOR_FORM, name));

  g_assert_nonnull (widget);
  return widget;
}

static void
type (Fixture    *f,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, row)), text);
}

static const char *
text_of (Fixture    *f,
         const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (f, row)));
}

static void
choose (Fixture    *f,
        const char *row,
        guint       position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, row)), position);
}

static void
save (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->form), "form.save", NULL);
  ui_spin ();
}

/* The message row under a field, or NULL when hidden. */
static const char *
message_of (Fixture    *f,
            const char *field)
{
  g_autofree char *name = g_strdup_printf ("%s_error", field);
  GtkWidget *row = child (f, name);

  if (!gtk_widget_get_visible (row))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
}

/* The message dialog the form is showing, or NULL. */
static AdwMessageDialog *
form_dialog (Fixture *f)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) &&
        gtk_widget_get_visible (l->data) &&
        gtk_window_get_transient_for (l->data) == GTK_WINDOW (f->form))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin ();
}

/* The field row that holds keyboard focus, by its template name. */
static const char *
focused_row (Fixture *f)
{
  static const char * const rows[] = {
    "surname_row", "given_name_row", "patronymic_row", "iin_row", "birth_date_row",
    "sex_row", "phone_row", "email_row", "language_row", "district_row", "locality_row",
    "occupation_row", "education_row", "categories_row", "consent_row",
    "guardian_name_row", "guardian_phone_row", "notes_row",
  };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->form));

  for (guint i = 0; focus != NULL && i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = child (f, rows[i]);

      if (focus == row || gtk_widget_is_ancestor (focus, row))
        return rows[i];
    }
  return focus != NULL ? G_OBJECT_TYPE_NAME (focus) : "(none)";
}

/* The banner over the form, or NULL when hidden. */
static const char *
banner_text (Fixture *f)
{
  if (!gtk_revealer_get_reveal_child (GTK_REVEALER (child (f, "banner"))))
    return NULL;
  return gtk_label_get_label (GTK_LABEL (child (f, "banner_label")));
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

static char *
date_for_age (int years)
{
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -3);
  g_autoptr(GDateTime) birth = g_date_time_add_years (then, -years);

  return g_date_time_format (birth, "%d.%m.%Y");
}

static void
fill_adult (Fixture *f)
{
  type (f, "surname_row", "Сейтқали");
  type (f, "given_name_row", "Айару");
  type (f, "birth_date_row", "14.03.1998");
  choose (f, "sex_row", 1);          /* Female */
  type (f, "phone_row", "8 (701) 555-12-34");
  choose (f, "occupation_row", 6);   /* Unemployed, looking for work */
  gtk_switch_set_active (GTK_SWITCH (child (f, "consent_switch")), TRUE);
}

static void
test_register_adult (Fixture       *f,
                     gconstpointer  data)
{
  JdStmt *stmt;

  fill_adult (f);
  /* The NEET hint follows the occupation. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (f, "occupation_row"))), "NEET"));
  save (f);

  g_assert_null (f->form);  /* closed once saved */
  g_assert_cmpint (f->saved_id, >, 0);

  stmt = jd_db_prepare (f->db,
                        "SELECT v.surname, v.phone, v.birth_date, v.sex, v.name_key, d.code,"
                        " v.occupation, c.given_by"
                        " FROM visitor v JOIN district d ON d.id = v.district_id"
                        " JOIN consent c ON c.visitor_id = v.id WHERE v.id = ?1",
                        NULL);
  jd_stmt_bind_int64 (stmt, 1, f->saved_id);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, "Сейтқали");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 1), ==, "+77015551234");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 2), ==, "1998-03-14");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 3), ==, "female");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 4), ==, "сейтқали айару");
  /* The centre's own district is the default. */
  g_assert_cmpstr (jd_stmt_column_text (stmt, 5), ==, "almaty-medeu");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 6), ==, "unemployed_seeking");
  g_assert_cmpstr (jd_stmt_column_text (stmt, 7), ==, "self");
  jd_stmt_reset (stmt);
}

static void
test_refuse_under_14 (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *birth = date_for_age (13);

  fill_adult (f);
  type (f, "birth_date_row", birth);
  type (f, "guardian_name_row", "Сейтқали Гүлнар");
  type (f, "guardian_phone_row", "+7 777 111 22 33");
  save (f);

  g_assert_nonnull (f->form);  /* still open */
  g_assert_nonnull (message_of (f, "birth_date"));
  g_assert_nonnull (strstr (message_of (f, "birth_date"), "14 to 35"));
  g_assert_true (gtk_widget_has_css_class (child (f, "birth_date_row"), "error"));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 0);
  /* What was typed is still there. */
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "Сейтқали");
  g_assert_cmpstr (text_of (f, "birth_date_row"), ==, birth);
  g_assert_cmpint (f->saved_id, ==, 0);
}

static void
test_guardian_consent (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *birth = date_for_age (16);

  fill_adult (f);
  choose (f, "occupation_row", 1);   /* School pupil */
  type (f, "birth_date_row", birth);
  ui_spin ();

  /* A minor: the guardian rows are asked for. */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (f, "guardian_switch"))));
  g_assert_true (gtk_widget_get_visible (child (f, "guardian_name_row")));
  g_assert_true (gtk_widget_get_visible (child (f, "guardian_phone_row")));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (f, "consent_row"))),
                            "Under 18"));

  save (f);
  g_assert_nonnull (f->form);
  g_assert_nonnull (message_of (f, "guardian_name"));
  g_assert_nonnull (message_of (f, "guardian_phone"));
  g_assert_null (message_of (f, "birth_date"));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 0);

  type (f, "guardian_name_row", "Сейтқали Гүлнар");
  type (f, "guardian_phone_row", "8 777 111 22 33");
  save (f);
  g_assert_null (f->form);
  g_assert_cmpint (f->saved_id, >, 0);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM consent WHERE given_by = 'guardian'"
                                 " AND guardian_phone = '+77771112233'"), ==, 1);
}

static void
test_iin_fills (Fixture       *f,
                gconstpointer  data)
{
  type (f, "iin_row", "921029350851");
  ui_spin ();

  g_assert_cmpstr (text_of (f, "birth_date_row"), ==, "29.10.1992");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (f, "sex_row"))), ==, 2);
}

static void
test_prefill (Fixture       *f,
              gconstpointer  data)
{
  jd_visitor_form_prefill (f->form, "  асанов   ержан ");
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "Асанов");
  g_assert_cmpstr (text_of (f, "given_name_row"), ==, "Ержан");
  g_assert_cmpstr (text_of (f, "patronymic_row"), ==, "");

  close_form (f);
  new_form (f);
  jd_visitor_form_prefill (f->form, "8 701 123 45 67");
  g_assert_cmpstr (text_of (f, "phone_row"), ==, "8 701 123 45 67");
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "");

  close_form (f);
  new_form (f);
  jd_visitor_form_prefill (f->form, "921029350851");
  g_assert_cmpstr (text_of (f, "iin_row"), ==, "921029350851");
  g_assert_cmpstr (text_of (f, "birth_date_row"), ==, "29.10.1992");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (f, "sex_row"))), ==, 2);

  /* Too few digits for a phone: nothing is guessed. */
  close_form (f);
  new_form (f);
  jd_visitor_form_prefill (f->form, "701 123");
  g_assert_cmpstr (text_of (f, "phone_row"), ==, "");
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "");

  /* Kazakh letters and upper case; a number is no part of a name. */
  close_form (f);
  new_form (f);
  jd_visitor_form_prefill (f->form, "ӘБДІҚАДЫР 8701 ұлжан");
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "Әбдіқадыр");
  g_assert_cmpstr (text_of (f, "given_name_row"), ==, "Ұлжан");
  /* Nothing typed by hand yet: Escape closes without asking. */
  gtk_widget_activate_action (GTK_WIDGET (f->form), "form.cancel", NULL);
  ui_spin ();
  g_assert_null (f->form);
}

static void
test_same_iin (Fixture       *f,
               gconstpointer  data)
{
  fill_adult (f);
  type (f, "iin_row", "921029350851");
  type (f, "birth_date_row", "");
  choose (f, "sex_row", 2);
  save (f);
  g_assert_cmpint (f->saved_id, >, 0);

  f->saved_id = 0;
  new_form (f);
  fill_adult (f);
  type (f, "surname_row", "Басқа");
  type (f, "phone_row", "");
  type (f, "iin_row", "921029350851");
  save (f);

  g_assert_nonnull (f->form);
  g_assert_nonnull (message_of (f, "iin"));
  g_assert_nonnull (strstr (message_of (f, "iin"), "Сейтқали Айару"));
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 1);
}

static void
test_same_name_offers_existing (Fixture       *f,
                                gconstpointer  data)
{
  AdwMessageDialog *dialog;
  gint64 first;

  fill_adult (f);
  save (f);
  first = f->saved_id;

  new_form (f);
  fill_adult (f);
  type (f, "surname_row", "СЕЙТҚАЛИ");  /* any case */
  type (f, "phone_row", "");
  save (f);

  /* Not saved yet: staff are asked whether it is the same person. */
  g_assert_nonnull (f->form);
  dialog = form_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  respond (dialog, "open");
  g_assert_null (f->form);
  g_assert_cmpint (f->existing_id, ==, first);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 1);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  fill_adult (f);
  save (f);
  id = f->saved_id;

  new_form (f);
  g_assert_true (jd_visitor_form_load (f->form, id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "Сейтқали");
  g_assert_cmpstr (text_of (f, "phone_row"), ==, "+77015551234");
  g_assert_cmpstr (text_of (f, "birth_date_row"), ==, "14.03.1998");

  choose (f, "occupation_row", 4);   /* Employed */
  save (f);
  g_assert_null (f->form);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor WHERE occupation = 'employed'"), ==, 1);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 1);
}

/* Someone else with the same phone: staff may save them anyway. */
static void
test_same_phone_save_anyway (Fixture       *f,
                             gconstpointer  data)
{
  AdwMessageDialog *dialog;
  gint64 first;

  fill_adult (f);
  save (f);
  first = f->saved_id;
  f->saved_id = 0;

  new_form (f);
  fill_adult (f);
  type (f, "given_name_row", "Дана");
  type (f, "birth_date_row", "02.02.2002");
  save (f);

  dialog = form_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Сейтқали Айару"));

  /* Cancel keeps the form as it was. */
  respond (dialog, "cancel");
  g_assert_nonnull (f->form);
  g_assert_cmpstr (text_of (f, "given_name_row"), ==, "Дана");
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 1);

  save (f);
  respond (form_dialog (f), "save");
  g_assert_null (f->form);
  g_assert_cmpint (f->saved_id, >, first);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor WHERE phone = '+77015551234'"), ==, 2);
}

/* A typed date of birth that the IIN contradicts is a warning at once,
 * and does not stop saving. */
static void
test_iin_disagreement_warns (Fixture       *f,
                             gconstpointer  data)
{
  fill_adult (f);
  type (f, "iin_row", "921029350851");
  ui_spin ();

  /* Not overwritten: 14.03.1998 was typed first. */
  g_assert_cmpstr (text_of (f, "birth_date_row"), ==, "14.03.1998");
  g_assert_nonnull (message_of (f, "iin"));
  g_assert_true (gtk_widget_has_css_class (child (f, "iin_row"), "warning"));
  g_assert_false (gtk_widget_has_css_class (child (f, "iin_row"), "error"));

  /* Agreeing again takes the warning away. */
  type (f, "birth_date_row", "29.10.1992");
  choose (f, "sex_row", 2);
  g_assert_null (message_of (f, "iin"));
  type (f, "birth_date_row", "14.03.1998");
  g_assert_nonnull (message_of (f, "iin"));

  save (f);
  g_assert_null (f->form);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor WHERE iin = '921029350851'"
                                 " AND birth_date = '1998-03-14'"), ==, 1);
}

/* Editing a field takes its error away; the others stay. */
static void
test_edit_clears_error (Fixture       *f,
                        gconstpointer  data)
{
  type (f, "surname_row", "Сейтқали");
  type (f, "email_row", "aiaru@");
  save (f);

  g_assert_nonnull (message_of (f, "given_name"));
  g_assert_nonnull (message_of (f, "email"));
  g_assert_true (gtk_widget_has_css_class (child (f, "email_row"), "error"));
  /* The first error on screen has the focus. */
  g_assert_cmpstr (focused_row (f), ==, "given_name_row");

  type (f, "email_row", "aiaru@mail.kz");
  g_assert_null (message_of (f, "email"));
  g_assert_false (gtk_widget_has_css_class (child (f, "email_row"), "error"));
  g_assert_nonnull (message_of (f, "given_name"));
}

/* When the database refuses (full disk, locked file, read-only), the
 * form says so and keeps everything typed. */
static void
test_save_failure_keeps_data (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fill_adult (f);
  g_assert_true (jd_db_exec (f->db, "PRAGMA query_only = ON", &error));
  save (f);

  g_assert_nonnull (f->form);
  g_assert_cmpint (f->saved_id, ==, 0);
  /* Said in words, not as a bare SQLite message. */
  g_assert_nonnull (banner_text (f));
  g_assert_nonnull (strstr (banner_text (f), "cannot be written"));
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "Сейтқали");
  g_assert_cmpstr (text_of (f, "phone_row"), ==, "8 (701) 555-12-34");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (child (f, "consent_switch"))));

  /* Once the database is writable again, the same form saves. */
  g_assert_true (jd_db_exec (f->db, "PRAGMA query_only = OFF", &error));
  save (f);
  g_assert_null (f->form);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 1);
}

/* Another desk: a second connection to the same file, where Aigerim
 * Seitkali (a receptionist) is signed in. */
static JdDb *
open_other_desk (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) aigerim = g_new0 (JdStaff, 1);
  g_autoptr(JdStaff) signed_in = NULL;
  JdDb *other;

  aigerim->full_name = g_strdup ("Aigerim Seitkali");
  aigerim->login = g_strdup ("aigerim");
  aigerim->role = JD_ROLE_RECEPTIONIST;
  aigerim->active = TRUE;
  g_assert_true (jd_staff_add (f->db, aigerim, "Qwerty123", &error));
  g_assert_no_error (error);

  other = jd_db_open (jd_store_get_path (f->store), JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  signed_in = jd_staff_sign_in (other, "aigerim", "Qwerty123", &error);
  g_assert_no_error (error);
  return other;
}

/* The other desk gives visitor @id a new phone number. */
static void
change_phone_elsewhere (JdDb   *other,
                        gint64  id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) visitor = jd_visitor_load (other, id, &error);

  g_assert_no_error (error);
  g_free (visitor->phone);
  visitor->phone = g_strdup ("+77017778899");
  g_assert_true (jd_visitor_update (other, visitor, &error));
  g_assert_no_error (error);
}

static gboolean
banner_button_visible (Fixture    *f,
                       const char *name)
{
  return gtk_widget_get_visible (child (f, name));
}

/* Saving over a change made meanwhile on another desk: refused, named,
 * everything typed kept, Reload (after asking) shows the other desk's
 * values, and then the form saves. */
static void
test_changed_elsewhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) other = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *hh_mm = NULL;
  AdwMessageDialog *dialog;
  gint64 id;

  fill_adult (f);
  save (f);
  id = f->saved_id;
  f->saved_id = 0;
  other = open_other_desk (f);

  new_form (f);
  g_assert_true (jd_visitor_form_load (f->form, id, &error));
  g_assert_no_error (error);
  type (f, "notes_row", "Пришла по объявлению");
  type (f, "given_name_row", "Айаруж");

  change_phone_elsewhere (other, id);
  save (f);

  g_assert_nonnull (f->form);
  g_assert_cmpint (f->saved_id, ==, 0);
  when = jd_db_local_time (f->db, count (f->db, "SELECT updated_at FROM visitor"));
  hh_mm = g_date_time_format (when, "%H:%M");
  expected = g_strdup_printf ("Aigerim Seitkali changed this visitor at %s while it was open here.", hh_mm);
  g_assert_cmpstr (banner_text (f), ==, expected);
  g_assert_true (banner_button_visible (f, "banner_reload"));
  g_assert_false (banner_button_visible (f, "banner_retry"));
  /* What was typed is all there; nothing of it was written. */
  g_assert_cmpstr (text_of (f, "notes_row"), ==, "Пришла по объявлению");
  g_assert_cmpstr (text_of (f, "given_name_row"), ==, "Айаруж");
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor WHERE given_name = 'Айару'"
                                 " AND phone = '+77017778899' AND notes IS NULL AND row_version = 2"), ==, 1);

  /* Saving again cannot go over it either. */
  save (f);
  g_assert_nonnull (f->form);
  g_assert_cmpstr (banner_text (f), ==, expected);

  /* Reload asks first: what was typed would be lost. */
  gtk_widget_activate_action (GTK_WIDGET (f->form), "form.reload", NULL);
  ui_spin ();
  dialog = form_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");
  respond (dialog, "keep");
  g_assert_cmpstr (text_of (f, "given_name_row"), ==, "Айаруж");

  gtk_widget_activate_action (GTK_WIDGET (f->form), "form.reload", NULL);
  ui_spin ();
  respond (form_dialog (f), "reload");
  g_assert_null (banner_text (f));
  g_assert_cmpstr (text_of (f, "given_name_row"), ==, "Айару");
  g_assert_cmpstr (text_of (f, "notes_row"), ==, "");
  g_assert_cmpstr (text_of (f, "phone_row"), ==, "+77017778899");
  g_assert_false (jd_form_get_dirty (JD_FORM (f->form)));
  /* Over the version now loaded, the form saves. */
  type (f, "notes_row", "Пришла по объявлению");
  save (f);
  g_assert_null (f->form);
  g_assert_cmpint (f->saved_id, ==, id);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor WHERE notes = 'Пришла по объявлению'"
                                 " AND phone = '+77017778899' AND row_version = 3"), ==, 1);
}

/* Told while the form is open (the store watched, as the window does):
 * the banner says so before any save, and nothing typed is touched. */
static void
test_changed_elsewhere_while_open (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) other = NULL;
  gint64 id;

  fill_adult (f);
  save (f);
  id = f->saved_id;
  other = open_other_desk (f);

  new_form (f);
  g_assert_true (jd_visitor_form_load (f->form, id, &error));
  g_assert_no_error (error);
  type (f, "notes_row", "Пришла по объявлению");

  /* A write that leaves this visitor as it was says nothing. */
  jd_store_changed (f->store, JD_TOPIC_VISITORS);
  ui_spin ();
  g_assert_null (banner_text (f));

  jd_store_watch (f->store);
  change_phone_elsewhere (other, id);
  ui_wait_for (f->store, "changed", 10);
  ui_spin ();
  jd_store_unwatch (f->store);

  g_assert_cmpstr (banner_text (f), ==,
                   "This visitor was changed elsewhere while it was open here. Reload to see the changes.");
  g_assert_true (banner_button_visible (f, "banner_reload"));
  g_assert_cmpstr (text_of (f, "notes_row"), ==, "Пришла по объявлению");
  g_assert_cmpstr (text_of (f, "phone_row"), ==, "+77015551234");
  g_assert_true (jd_form_get_dirty (JD_FORM (f->form)));
}

/* Escape closes an untouched form at once, and asks before throwing
 * typed data away. */
static void
test_cancel_asks (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (f->form), "form.cancel", NULL);
  ui_spin ();
  g_assert_null (f->form);

  new_form (f);
  type (f, "surname_row", "Асанов");
  gtk_widget_activate_action (GTK_WIDGET (f->form), "form.cancel", NULL);
  ui_spin ();
  dialog = form_dialog (f);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "keep");

  respond (dialog, "keep");
  g_assert_nonnull (f->form);
  g_assert_cmpstr (text_of (f, "surname_row"), ==, "Асанов");

  /* Closing the window asks the same. */
  gtk_window_close (GTK_WINDOW (f->form));
  ui_spin ();
  g_assert_nonnull (f->form);
  respond (form_dialog (f), "discard");
  g_assert_null (f->form);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor"), ==, 0);
}

/* Focus starts in Surname and Tab goes down the form in screen order. */
static void
test_keyboard_order (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const order[] = {
    "surname_row", "given_name_row", "patronymic_row", "iin_row", "birth_date_row",
    "sex_row", "phone_row", "email_row", "language_row", "district_row",
    "occupation_row", "education_row", "categories_row", "consent_row",
  };
  g_autofree char *birth = date_for_age (16);

  g_assert_cmpstr (focused_row (f), ==, "surname_row");
  g_assert_true (gtk_widget_get_visible (child (f, "surname_row")));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (f->form)));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (f->form)) == child (f, "save_button"));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->form)), ==, "New Visitor");

  /* Once in a while, on a loaded machine, the first Tab started from the
   * header bar although the focus was in Surname: the X server had not
   * told the window it was active yet. Set the same focus again so the
   * walk starts from it. */
  gtk_widget_grab_focus (gtk_root_get_focus (GTK_ROOT (f->form)));

  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->form), GTK_DIR_TAB_FORWARD));
      g_assert_cmpstr (focused_row (f), ==, order[i]);
    }

  /* For a minor the guardian's rows come next, between consent and notes. */
  type (f, "birth_date_row", birth);
  gtk_widget_grab_focus (child (f, "consent_row"));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->form), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->form), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (focused_row (f), ==, "guardian_name_row");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->form), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (focused_row (f), ==, "guardian_phone_row");
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->form), GTK_DIR_TAB_FORWARD));
  g_assert_cmpstr (focused_row (f), ==, "notes_row");
}

/* "Other locality" asks for the town or village. */
static void
test_other_locality (Fixture       *f,
                     gconstpointer  data)
{
  AdwComboRow *district = ADW_COMBO_ROW (child (f, "district_row"));
  GListModel *names = adw_combo_row_get_model (district);
  guint n = g_list_model_get_n_items (names);

  g_assert_false (gtk_widget_get_visible (child (f, "locality_row")));
  /* "Other locality" is the last district. */
  adw_combo_row_set_selected (district, n - 1);
  g_assert_true (gtk_widget_get_visible (child (f, "locality_row")));

  fill_adult (f);
  save (f);
  g_assert_nonnull (f->form);
  g_assert_nonnull (message_of (f, "locality"));
  g_assert_cmpstr (focused_row (f), ==, "locality_row");

  type (f, "locality_row", "Қаскелең");
  save (f);
  g_assert_null (f->form);
  g_assert_cmpint (count (f->db, "SELECT count(*) FROM visitor WHERE locality = 'Қаскелең'"), ==, 1);
}

/* Whether @name's row shows whole inside the scrolled page. */
static gboolean
row_in_view (Fixture    *f,
             const char *name)
{
  GtkWidget *row = child (f, name);
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_nonnull (scrolled);
  if (!gtk_widget_compute_bounds (row, scrolled, &bounds))
    return FALSE;
  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* Saving with an error far down the form scrolls to it. */
static void
test_error_scrolled_into_view (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *birth = date_for_age (16);
  gint64 deadline;

  close_form (f);
  f->form = jd_visitor_form_new (f->store);
  g_object_add_weak_pointer (G_OBJECT (f->form), (gpointer *) &f->form);
  gtk_window_set_default_size (GTK_WINDOW (f->form), 360, 480);
  gtk_window_present (GTK_WINDOW (f->form));
  ui_spin ();

  fill_adult (f);
  type (f, "birth_date_row", birth);
  ui_spin ();
  g_assert_false (row_in_view (f, "guardian_name_row"));

  save (f);
  g_assert_cmpstr (focused_row (f), ==, "guardian_name_row");
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!row_in_view (f, "guardian_name_row") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (row_in_view (f, "guardian_name_row"));
}

/* Created and destroyed without leaking (widgets in templates newer than
 * libadwaita 1.2 would fail here too). */
static void
test_new_destroy (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "new-destroy.db", NULL);
  JdStore *store = jd_store_open (path, JD_DB_OPEN_CREATE, &error);
  JdVisitorForm *form;

  g_assert_no_error (error);
  form = jd_visitor_form_new (store);
  g_object_ref (form);
  gtk_window_present (GTK_WINDOW (form));
  ui_spin ();
  gtk_window_destroy (GTK_WINDOW (form));
  ui_spin ();
  g_assert_finalize_object (form);
  g_assert_finalize_object (store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  jd_register_resource ();

  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

#define ADD(name, func) \
  g_test_add ("/jd/visitor-form/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("register-adult", test_register_adult);
  ADD ("refuse-under-14", test_refuse_under_14);
  ADD ("guardian-consent", test_guardian_consent);
  ADD ("iin-fills", test_iin_fills);
  ADD ("prefill", test_prefill);
  ADD ("same-iin", test_same_iin);
  ADD ("same-name-offers-existing", test_same_name_offers_existing);
  ADD ("edit", test_edit);
  ADD ("same-phone-save-anyway", test_same_phone_save_anyway);
  ADD ("iin-disagreement-warns", test_iin_disagreement_warns);
  ADD ("edit-clears-error", test_edit_clears_error);
  ADD ("save-failure-keeps-data", test_save_failure_keeps_data);
  ADD ("changed-elsewhere", test_changed_elsewhere);
  ADD ("changed-elsewhere-while-open", test_changed_elsewhere_while_open);
  ADD ("cancel-asks", test_cancel_asks);
  ADD ("keyboard-order", test_keyboard_order);
  ADD ("other-locality", test_other_locality);
  ADD ("error-scrolled-into-view", test_error_scrolled_into_view);
  g_test_add_func ("/jd/visitor-form/new-destroy", test_new_destroy);

#undef ADD

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
