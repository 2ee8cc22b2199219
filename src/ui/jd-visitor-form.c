/* jd-visitor-form.c: registering and editing a visitor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are src/core's (jd_visitor_validate); this form shows each
 * problem on the row it concerns, keeps everything typed when saving
 * fails, and asks before throwing typed data away.
 */
#define G_LOG_DOMAIN "jd-visitor-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-date-format.h"
#include "jd-district.h"
#include "jd-form.h"
#include "jd-settings.h"
#include "jd-validate.h"
#include "jd-visitor-form.h"
#include "jd-visitor.h"

/* Rows of the template, in the order of JdField. */
static const char * const field_names[JD_N_FIELDS] = {
  [JD_FIELD_SURNAME] = "surname",
  [JD_FIELD_GIVEN_NAME] = "given_name",
  [JD_FIELD_PATRONYMIC] = "patronymic",
  [JD_FIELD_IIN] = "iin",
  [JD_FIELD_BIRTH_DATE] = "birth_date",
  [JD_FIELD_SEX] = "sex",
  [JD_FIELD_PHONE] = "phone",
  [JD_FIELD_EMAIL] = "email",
  [JD_FIELD_DISTRICT] = "district",
  [JD_FIELD_LOCALITY] = "locality",
  [JD_FIELD_OCCUPATION] = "occupation",
  [JD_FIELD_EDUCATION] = "education",
  [JD_FIELD_LANGUAGE] = "language",
  [JD_FIELD_CONSENT] = "consent",
  [JD_FIELD_GUARDIAN_NAME] = "guardian_name",
  [JD_FIELD_GUARDIAN_PHONE] = "guardian_phone",
};

/* The fields in the order they appear on screen (JdField is not). */
static const JdField screen_order[] = {
  JD_FIELD_SURNAME, JD_FIELD_GIVEN_NAME, JD_FIELD_PATRONYMIC,
  JD_FIELD_IIN, JD_FIELD_BIRTH_DATE, JD_FIELD_SEX,
  JD_FIELD_PHONE, JD_FIELD_EMAIL, JD_FIELD_LANGUAGE,
  JD_FIELD_DISTRICT, JD_FIELD_LOCALITY,
  JD_FIELD_OCCUPATION, JD_FIELD_EDUCATION,
  JD_FIELD_CONSENT, JD_FIELD_GUARDIAN_NAME, JD_FIELD_GUARDIAN_PHONE,
};
G_STATIC_ASSERT (G_N_ELEMENTS (screen_order) == JD_N_FIELDS);

struct _JdVisitorForm
{
  JdForm           parent_instance;

  /* template children */
  AdwPreferencesPage *page;
  AdwExpanderRow  *categories_row;
  AdwEntryRow     *notes_row;
  GtkSwitch       *consent_switch;
  GtkSwitch       *guardian_switch;
  GtkWidget       *rows[JD_N_FIELDS];     /* the field rows */
  GtkWidget       *messages[JD_N_FIELDS]; /* the message row below each */

  /* borrowed: JdForm's "store" */
  JdStore         *store;

  /* owned */
  JdVisitor       *loaded;       /* the saved visitor being edited, or NULL */
  GPtrArray       *districts;    /* JdDistrict, in the order of district_row */
  GPtrArray       *category_checks;
  gboolean         loading;
};

G_DEFINE_FINAL_TYPE (JdVisitorForm, jd_visitor_form, JD_TYPE_FORM)

enum {
  OPEN_EXISTING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The first item of sex and occupation lists: nothing chosen yet. */
#define NOTHING_CHOSEN 0

static const char *
entry_text (JdVisitorForm *self,
            JdField        field)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->rows[field]));
}

static void
set_entry_text (JdVisitorForm *self,
                JdField        field,
                const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), text ? text : "");
}

static guint
combo_selected (JdVisitorForm *self,
                JdField        field)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (self->rows[field]));
}

static void
set_combo_selected (JdVisitorForm *self,
                    JdField        field,
                    guint          position)
{
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->rows[field]), position);
}

static void
clear_message (JdVisitorForm *self,
               JdField        field)
{
  g_assert (field < JD_N_FIELDS);

  gtk_widget_set_visible (self->messages[field], FALSE);
  gtk_widget_remove_css_class (self->rows[field], "error");
  gtk_widget_remove_css_class (self->rows[field], "warning");
  gtk_widget_remove_css_class (self->rows[field], "with-message");
}

static void
clear_messages (JdVisitorForm *self)
{
  for (guint i = 0; i < JD_N_FIELDS; i++)
    clear_message (self, i);
}

static void
show_message (JdVisitorForm *self,
              JdField        field,
              gboolean       is_warning,
              const char    *message)
{
  GtkWidget *label;
  gboolean shown, error;

  g_assert (field < JD_N_FIELDS);

  label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self->messages[field]));
  shown = gtk_widget_get_visible (self->messages[field]);
  /* An error on the row outweighs a warning on it. */
  error = !is_warning || gtk_widget_has_css_class (self->rows[field], "error");

  if (shown)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", gtk_label_get_label (GTK_LABEL (label)),
                                               message);

      gtk_label_set_label (GTK_LABEL (label), both);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (label), message);
    }

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *widget = i == 0 ? label : self->rows[field];

      gtk_widget_remove_css_class (widget, error ? "warning" : "error");
      gtk_widget_add_css_class (widget, error ? "error" : "warning");
    }
  /* The message reads as part of its field: no line between them. */
  gtk_widget_add_css_class (self->rows[field], "with-message");
  gtk_widget_set_visible (self->messages[field], TRUE);
}

/* On the centre's today, not the machine's. */
static int
visitor_age_today (JdDb       *db,
                   const char *birth_text)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  GDate birth, today;

  if (!jd_date_parse (birth_text, &birth))
    return -1;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  return jd_age_on (&birth, &today);
}

/* What depends on other fields: the locality row for "other locality",
 * the guardian rows for minors, the NEET hint. */
static void
update_dependent_rows (JdVisitorForm *self)
{
  guint district = combo_selected (self, JD_FIELD_DISTRICT);
  const JdDistrict *d = (self->districts && district < self->districts->len)
                        ? g_ptr_array_index (self->districts, district) : NULL;
  int age = visitor_age_today (jd_store_get_db (self->store), entry_text (self, JD_FIELD_BIRTH_DATE));
  gboolean minor = age >= 0 && age < JD_AGE_ADULT;
  guint occupation = combo_selected (self, JD_FIELD_OCCUPATION);
  gboolean guardian, neet;
  guint n;
  const JdChoice *occupations = jd_occupations (&n);

  gtk_widget_set_visible (self->rows[JD_FIELD_LOCALITY],
                          d != NULL && g_str_equal (d->code, "other"));

  /* A minor's consent comes from a parent or guardian. */
  if (minor && !gtk_switch_get_active (self->guardian_switch))
    gtk_switch_set_active (self->guardian_switch, TRUE);
  guardian = gtk_switch_get_active (self->guardian_switch);
  gtk_widget_set_visible (self->rows[JD_FIELD_GUARDIAN_NAME], guardian);
  gtk_widget_set_visible (self->rows[JD_FIELD_GUARDIAN_PHONE], guardian);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[JD_FIELD_CONSENT]),
                               minor ? _("Under 18: a parent or guardian must give consent")
                                     : _("Read the consent text to the visitor first"));

  /* Short, so that the chosen status beside it is not cut off. */
  neet = occupation > NOTHING_CHOSEN && occupation <= n &&
         jd_occupation_is_neet (occupations[occupation - 1].code);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->rows[JD_FIELD_OCCUPATION]),
                               /* Translators: a hint under the occupation status. */
                               neet ? _("Counts as NEET") : "");
  gtk_widget_set_tooltip_text (self->rows[JD_FIELD_OCCUPATION],
                               neet ? _("Counted as NEET: not in education, employment or training")
                                    : NULL);
}

/* Typing a valid IIN fills in the date of birth and sex it encodes. */
static void
iin_changed (JdVisitorForm *self)
{
  GDate birth;
  JdSex sex = JD_SEX_UNKNOWN;
  g_autofree char *normalized = NULL;

  if (!jd_iin_check (entry_text (self, JD_FIELD_IIN), &normalized, &birth, &sex, NULL, NULL) ||
      !g_date_valid (&birth))
    return;

  if (*entry_text (self, JD_FIELD_BIRTH_DATE) == '\0')
    {
      g_autofree char *text = jd_date_format_date (&birth);

      set_entry_text (self, JD_FIELD_BIRTH_DATE, text);
    }

  if (combo_selected (self, JD_FIELD_SEX) == NOTHING_CHOSEN)
    set_combo_selected (self, JD_FIELD_SEX, sex == JD_SEX_FEMALE ? 1 : 2);
}

/* A typed date of birth or sex that the IIN contradicts is a warning
 * shown at once; since 2013 IINs need not encode them, so it never
 * stops saving. */
static void
update_iin_warning (JdVisitorForm *self)
{
  g_autofree char *normalized = NULL;
  g_autofree char *warning = NULL;
  GDate iin_birth, typed_birth;
  JdSex iin_sex, typed_sex;

  /* An error from saving stays until the IIN itself is edited. */
  if (gtk_widget_has_css_class (self->rows[JD_FIELD_IIN], "error"))
    return;
  clear_message (self, JD_FIELD_IIN);

  if (!jd_iin_check (entry_text (self, JD_FIELD_IIN), &normalized, &iin_birth, &iin_sex,
                     NULL, NULL))
    return;

  g_date_clear (&typed_birth, 1);
  if (!jd_date_parse (entry_text (self, JD_FIELD_BIRTH_DATE), &typed_birth))
    g_date_clear (&typed_birth, 1);
  switch (combo_selected (self, JD_FIELD_SEX))
    {
    case 1: typed_sex = JD_SEX_FEMALE; break;
    case 2: typed_sex = JD_SEX_MALE; break;
    default: typed_sex = JD_SEX_UNKNOWN; break;
    }

  warning = jd_iin_disagreement (normalized, &typed_birth, typed_sex);
  if (warning != NULL)
    show_message (self, JD_FIELD_IIN, TRUE, warning);
}

static void
changed_cb (JdVisitorForm *self,
            gpointer       sender)
{
  if (self->loading)
    return;

  jd_form_set_dirty (JD_FORM (self), TRUE);

  /* Staff are fixing this field: its old message no longer applies. */
  for (guint i = 0; i < JD_N_FIELDS; i++)
    if (sender == (gpointer) self->rows[i])
      clear_message (self, i);
  if (sender == (gpointer) self->consent_switch)
    clear_message (self, JD_FIELD_CONSENT);

  if (sender == (gpointer) self->rows[JD_FIELD_IIN])
    iin_changed (self);
  if (sender == (gpointer) self->rows[JD_FIELD_IIN] ||
      sender == (gpointer) self->rows[JD_FIELD_BIRTH_DATE] ||
      sender == (gpointer) self->rows[JD_FIELD_SEX])
    update_iin_warning (self);
  update_dependent_rows (self);
}

/* "notify::" handlers, swapped: the emitter comes last, after the pspec. */
static void
notify_cb (JdVisitorForm *self,
           GParamSpec    *pspec,
           GObject       *sender)
{
  changed_cb (self, sender);
}

static char *
dup_or_null (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  return *stripped ? g_steal_pointer (&stripped) : NULL;
}

static JdVisitor *
collect (JdVisitorForm *self)
{
  JdVisitor *v = self->loaded ? jd_visitor_copy (self->loaded) : jd_visitor_new ();
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  guint n_occupations, n_education, n_categories;
  const JdChoice *occupations = jd_occupations (&n_occupations);
  const JdChoice *education = jd_education_levels (&n_education);
  const JdChoice *social = jd_social_categories (&n_categories);
  guint district = combo_selected (self, JD_FIELD_DISTRICT);
  guint occupation = combo_selected (self, JD_FIELD_OCCUPATION);
  guint level = combo_selected (self, JD_FIELD_EDUCATION);

#define TAKE(member, field) G_STMT_START { g_free (v->member); v->member = dup_or_null (entry_text (self, field)); } G_STMT_END
  TAKE (surname, JD_FIELD_SURNAME);
  TAKE (given_name, JD_FIELD_GIVEN_NAME);
  TAKE (patronymic, JD_FIELD_PATRONYMIC);
  TAKE (iin, JD_FIELD_IIN);
  TAKE (birth_date, JD_FIELD_BIRTH_DATE);
  TAKE (phone, JD_FIELD_PHONE);
  TAKE (email, JD_FIELD_EMAIL);
  TAKE (locality, JD_FIELD_LOCALITY);
  TAKE (guardian_name, JD_FIELD_GUARDIAN_NAME);
  TAKE (guardian_phone, JD_FIELD_GUARDIAN_PHONE);
#undef TAKE

  g_free (v->notes);
  v->notes = dup_or_null (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));

  switch (combo_selected (self, JD_FIELD_SEX))
    {
    case 1: v->sex = JD_SEX_FEMALE; break;
    case 2: v->sex = JD_SEX_MALE; break;
    default: v->sex = JD_SEX_UNKNOWN; break;
    }

  g_free (v->language);
  v->language = g_strdup (combo_selected (self, JD_FIELD_LANGUAGE) == 1 ? "ru" : "kk");

  g_free (v->district_code);
  v->district_code = (self->districts && district < self->districts->len &&
                      ((JdDistrict *) g_ptr_array_index (self->districts, district))->id > 0)
                     ? g_strdup (((JdDistrict *) g_ptr_array_index (self->districts, district))->code)
                     : NULL;

  g_free (v->occupation);
  v->occupation = (occupation > NOTHING_CHOSEN && occupation <= n_occupations)
                  ? g_strdup (occupations[occupation - 1].code) : NULL;

  g_free (v->education);
  v->education = (level > 0 && level <= n_education) ? g_strdup (education[level - 1].code) : NULL;

  /* One check per category, made in fill_choices(). */
  g_assert (self->category_checks->len == n_categories);
  for (guint i = 0; i < n_categories; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->category_checks, i)))
      g_strv_builder_add (categories, social[i].code);
  g_strfreev (v->categories);
  v->categories = g_strv_builder_end (categories);

  v->consent_given = gtk_switch_get_active (self->consent_switch);
  v->consent_by_guardian = gtk_switch_get_active (self->guardian_switch);

  return v;
}

/* Focuses @field and brings it and its message into view. */
static void
focus_field (JdVisitorForm *self,
             JdField        field)
{
  jd_form_focus_field (JD_FORM (self), self->rows[field], self->messages[field]);
}

static void
finish_save (JdVisitorForm *self,
             JdVisitor     *visitor)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->loaded != NULL)
    ok = jd_visitor_update (jd_store_get_db (self->store), visitor, &error);
  else
    ok = jd_visitor_insert (jd_store_get_db (self->store), visitor, &error);

  if (!ok)
    {
      /* Everything typed stays in the form; a record changed on
       * another desk meanwhile is offered for reloading instead. */
      jd_form_show_error (JD_FORM (self), error);
      return;
    }

  jd_form_saved (JD_FORM (self), visitor->id);
}

/* What "Is This the Same Person?" decides between: the visitor typed
 * and the first one already registered. */
typedef struct
{
  JdVisitorForm *self;          /* valid while the handler is connected */
  JdVisitor     *visitor;       /* owned */
  gint64         existing;
} Duplicate;

static void
duplicate_free (gpointer  data,
                GClosure *closure)
{
  Duplicate *duplicate = data;

  jd_visitor_free (duplicate->visitor);
  g_free (duplicate);
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       Duplicate        *duplicate)
{
  JdVisitorForm *self = duplicate->self;

  if (g_str_equal (response, "save"))
    {
      finish_save (self, duplicate->visitor);
    }
  else if (g_str_equal (response, "open"))
    {
      g_signal_emit (self, signals[OPEN_EXISTING], 0, duplicate->existing);
      /* Later: a dialog's response handler must not destroy the
       * dialog's parent under it. */
      jd_form_close_later (JD_FORM (self));
    }
}

static char *
describe_duplicate (const JdDuplicate *dup)
{
  GDate birth;
  g_autofree char *date = NULL;

  if (jd_date_parse (dup->birth_date, &birth))
    date = jd_date_format_date (&birth);

  switch (dup->reason)
    {
    case JD_DUPLICATE_SAME_PHONE:
      /* Translators: an existing visitor with the same phone: name, date of birth, phone. */
      return g_strdup_printf (_("%s, born %s, has the same phone %s."),
                              dup->display_name, date ? date : "", dup->phone ? dup->phone : "");
    case JD_DUPLICATE_SAME_NAME_AND_DOB:
    case JD_DUPLICATE_SAME_IIN:
    default:
      /* Translators: an existing visitor with the same name and date of birth. */
      return g_strdup_printf (_("%s, born %s, is already registered."),
                              dup->display_name, date ? date : "");
    }
}

static void
jd_visitor_form_save (JdForm *form)
{
  JdVisitorForm *self = JD_VISITOR_FORM (form);
  g_autoptr(JdVisitor) visitor = collect (self);
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (jd_store_get_db (self->store));
  g_autoptr(GString) body = NULL;
  const JdDuplicate *first_warning = NULL;
  JdField first_error = JD_N_FIELDS;
  guint first_error_position = G_N_ELEMENTS (screen_order);
  AdwMessageDialog *dialog;
  Duplicate *duplicate;
  GClosure *closure;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  clear_messages (self);
  jd_form_hide_banner (JD_FORM (self));
  issues = jd_visitor_validate (visitor, &today);
  for (guint i = 0; i < issues->len; i++)
    {
      JdFieldIssue *issue = g_ptr_array_index (issues, i);

      show_message (self, issue->field, issue->is_warning, issue->message);
      if (issue->is_warning)
        continue;
      for (guint j = 0; j < first_error_position; j++)
        if (screen_order[j] == issue->field)
          {
            first_error_position = j;
            first_error = issue->field;
          }
    }

  if (first_error < JD_N_FIELDS)
    {
      focus_field (self, first_error);
      return;
    }

  duplicates = jd_visitor_find_duplicates (jd_store_get_db (self->store), visitor, &error);
  if (duplicates == NULL)
    {
      jd_form_show_banner (JD_FORM (self), error->message);
      return;
    }

  body = g_string_new (NULL);
  for (guint i = 0; i < duplicates->len; i++)
    {
      const JdDuplicate *dup = g_ptr_array_index (duplicates, i);
      g_autofree char *line = describe_duplicate (dup);

      if (dup->reason == JD_DUPLICATE_SAME_IIN)
        {
          g_autofree char *message = g_strdup_printf (_("A visitor with this IIN is already registered: %s. Open that record instead."),
                                                      dup->display_name);

          show_message (self, JD_FIELD_IIN, FALSE, message);
          focus_field (self, JD_FIELD_IIN);
          return;
        }

      if (first_warning == NULL)
        first_warning = dup;
      g_string_append_printf (body, "%s%s", body->len ? "\n" : "", line);
    }

  if (first_warning == NULL)
    {
      finish_save (self, visitor);
      return;
    }

  g_string_append_printf (body, "\n\n%s", _("Open the existing record if it is the same person, or save a new one if it is someone else."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Is This the Same Person?"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save as New"),
                                    "open", _("_Open Existing"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "open");
  adw_message_dialog_set_close_response (dialog, "cancel");
  duplicate = g_new0 (Duplicate, 1);
  duplicate->self = self;
  duplicate->visitor = g_steal_pointer (&visitor);
  duplicate->existing = first_warning->visitor_id;
  /* Does nothing once the form is gone (as g_signal_connect_object ()). */
  closure = g_cclosure_new (G_CALLBACK (duplicate_response_cb), duplicate, duplicate_free);
  g_object_watch_closure (G_OBJECT (self), closure);
  g_signal_connect_closure (dialog, "response", closure, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
jd_visitor_form_discard_body (JdForm *form)
{
  return _("The visitor has not been saved. What was typed will be lost.");
}

static char *
capitalise (const char *word)
{
  g_autofree char *lower = g_utf8_strdown (word, -1);
  gunichar first = g_utf8_get_char (lower);
  char buf[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_totitle (first), buf);
  return g_strconcat (buf, g_utf8_next_char (lower), NULL);
}

void
jd_visitor_form_prefill (JdVisitorForm *self,
                         const char    *text)
{
  g_autofree char *stripped = NULL;
  g_auto(GStrv) words = NULL;
  GString *digits = g_string_new (NULL);
  gboolean only_digits = TRUE;
  guint n = 0;

  g_return_if_fail (JD_IS_VISITOR_FORM (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  for (const char *p = stripped; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!strchr (" +-().", *p))
        only_digits = FALSE;
    }

  self->loading = TRUE;
  if (only_digits && digits->len == 12)
    {
      set_entry_text (self, JD_FIELD_IIN, digits->str);
      iin_changed (self);
    }
  else if (only_digits && digits->len >= 10)
    {
      set_entry_text (self, JD_FIELD_PHONE, stripped);
    }
  else if (!only_digits)
    {
      const JdField order[] = { JD_FIELD_SURNAME, JD_FIELD_GIVEN_NAME, JD_FIELD_PATRONYMIC };

      words = g_strsplit_set (stripped, " \t", -1);
      for (guint i = 0; words[i] != NULL && n < G_N_ELEMENTS (order); i++)
        {
          g_autofree char *word = NULL;

          /* A stray number is no part of a name. */
          if (*words[i] == '\0' || strpbrk (words[i], "0123456789") != NULL)
            continue;
          word = capitalise (words[i]);
          set_entry_text (self, order[n++], word);
        }
    }
  self->loading = FALSE;
  g_string_free (digits, TRUE);

  /* Prefilled from the search is not something to ask about losing. */
  jd_form_set_dirty (JD_FORM (self), FALSE);
  update_dependent_rows (self);
  /* Go on where the receptionist will type next. */
  gtk_widget_grab_focus (self->rows[n == 0 ? JD_FIELD_SURNAME
                                    : n == 1 ? JD_FIELD_GIVEN_NAME
                                    : JD_FIELD_IIN]);
}

static guint
choice_position (const JdChoice *choices,
                 guint           n,
                 const char     *code)
{
  for (guint i = 0; code != NULL && i < n; i++)
    if (g_str_equal (choices[i].code, code))
      return i + 1;

  return 0;
}

gboolean
jd_visitor_form_load (JdVisitorForm  *self,
                      gint64          visitor_id,
                      GError        **error)
{
  g_autoptr(JdVisitor) visitor = NULL;
  const JdChoice *occupations, *levels;
  GDate birth;
  guint n;

  g_return_val_if_fail (JD_IS_VISITOR_FORM (self), FALSE);

  visitor = jd_visitor_load (jd_store_get_db (self->store), visitor_id, error);
  if (visitor == NULL)
    return FALSE;

  self->loading = TRUE;
  set_entry_text (self, JD_FIELD_SURNAME, visitor->surname);
  set_entry_text (self, JD_FIELD_GIVEN_NAME, visitor->given_name);
  set_entry_text (self, JD_FIELD_PATRONYMIC, visitor->patronymic);
  set_entry_text (self, JD_FIELD_IIN, visitor->iin);
  if (jd_date_parse (visitor->birth_date, &birth))
    {
      g_autofree char *text = jd_date_format_date (&birth);

      set_entry_text (self, JD_FIELD_BIRTH_DATE, text);
    }
  set_combo_selected (self, JD_FIELD_SEX, visitor->sex == JD_SEX_FEMALE ? 1 : 2);
  set_entry_text (self, JD_FIELD_PHONE, visitor->phone);
  set_entry_text (self, JD_FIELD_EMAIL, visitor->email);
  set_combo_selected (self, JD_FIELD_LANGUAGE, g_strcmp0 (visitor->language, "ru") == 0 ? 1 : 0);
  for (guint i = 0; self->districts && i < self->districts->len; i++)
    if (g_strcmp0 (((JdDistrict *) g_ptr_array_index (self->districts, i))->code,
                   visitor->district_code) == 0)
      set_combo_selected (self, JD_FIELD_DISTRICT, i);
  set_entry_text (self, JD_FIELD_LOCALITY, visitor->locality);
  /* n is read after the call that sets it: the order in which one
   * call's arguments are worked out is not fixed. */
  occupations = jd_occupations (&n);
  set_combo_selected (self, JD_FIELD_OCCUPATION, choice_position (occupations, n, visitor->occupation));
  levels = jd_education_levels (&n);
  set_combo_selected (self, JD_FIELD_EDUCATION, choice_position (levels, n, visitor->education));
  {
    const JdChoice *social = jd_social_categories (&n);

    for (guint i = 0; i < n && i < self->category_checks->len; i++)
      gtk_check_button_set_active (g_ptr_array_index (self->category_checks, i),
                                   visitor->categories &&
                                   g_strv_contains ((const char * const *) visitor->categories,
                                                    social[i].code));
  }
  gtk_switch_set_active (self->consent_switch, visitor->consent_given);
  gtk_switch_set_active (self->guardian_switch, visitor->consent_by_guardian);
  set_entry_text (self, JD_FIELD_GUARDIAN_NAME, visitor->guardian_name);
  set_entry_text (self, JD_FIELD_GUARDIAN_PHONE, visitor->guardian_phone);
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), visitor->notes ? visitor->notes : "");
  self->loading = FALSE;

  g_clear_pointer (&self->loaded, jd_visitor_free);
  self->loaded = g_steal_pointer (&visitor);
  jd_form_set_dirty (JD_FORM (self), FALSE);
  jd_form_set_record (JD_FORM (self), JD_RECORD_VISITOR, visitor_id, self->loaded->row_version);

  jd_form_set_title (JD_FORM (self), _("Edit Visitor"));
  update_dependent_rows (self);
  return TRUE;
}

/* "Reload": the visitor as saved now, what was typed thrown away. */
static void
jd_visitor_form_reload (JdForm *form)
{
  JdVisitorForm *self = JD_VISITOR_FORM (form);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->loaded != NULL);

  clear_messages (self);
  if (!jd_visitor_form_load (self, self->loaded->id, &error))
    jd_form_show_banner (form, error->message);
}

static GtkStringList *
choices_model (const char     *first,
               const JdChoice *choices,
               guint           n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, jd_choice_label (choices, n, choices[i].code));

  return list;
}

static void
set_combo_model (JdVisitorForm *self,
                 JdField        field,
                 GtkStringList *model)
{
  adw_combo_row_set_model (ADW_COMBO_ROW (self->rows[field]), G_LIST_MODEL (model));
  g_object_unref (model);
}

static void
fill_districts (JdVisitorForm *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *centre_district = jd_db_get_setting (jd_store_get_db (self->store), JD_SETTING_CENTRE_DISTRICT);
  GtkStringList *names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_clear_pointer (&self->districts, g_ptr_array_unref);
  self->districts = jd_district_list (jd_store_get_db (self->store), FALSE, &error);
  if (self->districts == NULL)
    {
      jd_form_show_banner (JD_FORM (self), error->message);
      self->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_district_free);
    }

  /* Without a district of its own, the centre's staff choose each time. */
  if (centre_district == NULL)
    {
      JdDistrict *none = g_new0 (JdDistrict, 1);

      none->code = g_strdup ("");
      g_ptr_array_insert (self->districts, 0, none);
    }

  for (guint i = 0; i < self->districts->len; i++)
    {
      const JdDistrict *d = g_ptr_array_index (self->districts, i);

      gtk_string_list_append (names, d->id > 0 ? jd_district_get_name (d) : _("Choose…"));
      if (g_strcmp0 (d->code, centre_district) == 0)
        selected = i;
    }

  set_combo_model (self, JD_FIELD_DISTRICT, names);
  set_combo_selected (self, JD_FIELD_DISTRICT, selected);
}

static void
fill_choices (JdVisitorForm *self)
{
  GtkStringList *sex = gtk_string_list_new (NULL);
  GtkStringList *language = gtk_string_list_new (NULL);
  const JdChoice *choices;
  guint n;

  gtk_string_list_append (sex, _("Choose…"));
  gtk_string_list_append (sex, C_("sex", "Female"));
  gtk_string_list_append (sex, C_("sex", "Male"));
  set_combo_model (self, JD_FIELD_SEX, sex);

  gtk_string_list_append (language, _("Kazakh"));
  gtk_string_list_append (language, _("Russian"));
  set_combo_model (self, JD_FIELD_LANGUAGE, language);

  choices = jd_occupations (&n);
  set_combo_model (self, JD_FIELD_OCCUPATION, choices_model (_("Choose…"), choices, n));

  choices = jd_education_levels (&n);
  set_combo_model (self, JD_FIELD_EDUCATION, choices_model (_("Not specified"), choices, n));

  choices = jd_social_categories (&n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     jd_choice_label (choices, n, choices[i].code));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed_cb), self);
      adw_expander_row_add_row (self->categories_row, row);
      g_ptr_array_add (self->category_checks, check);
    }
}

static void
jd_visitor_form_dispose (GObject *object)
{
  JdVisitorForm *self = JD_VISITOR_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_VISITOR_FORM);
  self->store = NULL;

  G_OBJECT_CLASS (jd_visitor_form_parent_class)->dispose (object);
}

static void
jd_visitor_form_finalize (GObject *object)
{
  JdVisitorForm *self = JD_VISITOR_FORM (object);

  g_clear_pointer (&self->loaded, jd_visitor_free);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (jd_visitor_form_parent_class)->finalize (object);
}

static void
jd_visitor_form_constructed (GObject *object)
{
  JdVisitorForm *self = JD_VISITOR_FORM (object);

  G_OBJECT_CLASS (jd_visitor_form_parent_class)->constructed (object);

  self->store = jd_form_get_store (JD_FORM (self));
  g_assert (JD_IS_STORE (self->store));
}

static void
jd_visitor_form_class_init (JdVisitorFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JdFormClass *form_class = JD_FORM_CLASS (klass);

  object_class->constructed = jd_visitor_form_constructed;
  object_class->dispose = jd_visitor_form_dispose;
  object_class->finalize = jd_visitor_form_finalize;
  form_class->save = jd_visitor_form_save;
  form_class->discard_body = jd_visitor_form_discard_body;
  form_class->reload = jd_visitor_form_reload;

  /* JdForm::saved gives the saved visitor's id. */
  /**
   * JdVisitorForm::open-existing:
   * @visitor_id: the existing visitor staff chose instead
   */
  signals[OPEN_EXISTING] = g_signal_new ("open-existing", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-visitor-form.ui");
  jd_form_class_bind_template_parts (widget_class);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorForm, page);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorForm, categories_row);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorForm, notes_row);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorForm, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorForm, guardian_switch);

  for (guint i = 0; i < JD_N_FIELDS; i++)
    {
      g_autofree char *row = g_strdup_printf ("%s_row", field_names[i]);
      g_autofree char *message = g_strdup_printf ("%s_error", field_names[i]);

      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (row), FALSE,
                                                 G_STRUCT_OFFSET (JdVisitorForm, rows) +
                                                 i * sizeof (GtkWidget *));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (message), FALSE,
                                                 G_STRUCT_OFFSET (JdVisitorForm, messages) +
                                                 i * sizeof (GtkWidget *));
    }

  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, notify_cb);
}

static void
jd_visitor_form_init (JdVisitorForm *self)
{
  self->category_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  jd_form_set_title (JD_FORM (self), _("New Visitor"));
}

JdVisitorForm *
jd_visitor_form_new (JdStore *store)
{
  JdVisitorForm *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);

  self = g_object_new (JD_TYPE_VISITOR_FORM, "store", store, NULL);

  self->loading = TRUE;
  fill_choices (self);
  fill_districts (self);
  self->loading = FALSE;
  update_dependent_rows (self);
  gtk_widget_grab_focus (self->rows[JD_FIELD_SURNAME]);

  return self;
}
