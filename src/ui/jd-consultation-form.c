/* jd-consultation-form.c: logging and editing a consultation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are src/core's (jd_consultation_validate): the form shows
 * each problem on the row the core names, keeps everything typed when
 * saving fails and asks before throwing typed text away. Specialists log
 * between two people, so everything has a sensible default: now, thirty
 * minutes, in person, and their own service when they cover only one.
 */
#define G_LOG_DOMAIN "jd-consultation-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jd-choice-item.h"
#include "jd-consultation-form-private.h"
#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-date-format.h"
#include "jd-form.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor.h"

G_DEFINE_FINAL_TYPE (JdConsultationForm, jd_consultation_form, JD_TYPE_FORM)



/* Lists of choices: each combo row's model holds JdChoiceItems, code ""
 * for "nothing chosen". */

static void
set_model (AdwComboRow        *row,
           const char * const *codes,
           const char * const *labels,
           guint               n)
{
  g_autoptr(GListStore) items = g_list_store_new (JD_TYPE_CHOICE_ITEM);
  g_autoptr(GPtrArray) added = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (added, jd_choice_item_new (codes[i], labels[i]));
  g_list_store_splice (items, 0, 0, added->pdata, added->len);

  adw_combo_row_set_expression (row, gtk_property_expression_new (JD_TYPE_CHOICE_ITEM, NULL, "label"));
  adw_combo_row_set_model (row, G_LIST_MODEL (items));
}

/* @none (when not NULL) first, then the @choices whose codes are in
 * @only (NULL: all of them). */
void
jd_consultation_form_fill_combo (AdwComboRow        *row,
                                 const char         *none,
                                 const JdChoice     *choices,
                                 guint               n,
                                 const char * const *only)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (none != NULL)
    {
      g_ptr_array_add (codes, (gpointer) "");
      g_ptr_array_add (labels, (gpointer) none);
    }
  for (guint i = 0; i < n; i++)
    {
      if (only != NULL && !g_strv_contains (only, choices[i].code))
        continue;
      g_ptr_array_add (codes, (gpointer) choices[i].code);
      g_ptr_array_add (labels, (gpointer) jd_choice_label (choices, n, choices[i].code));
    }
  set_model (row, (const char * const *) codes->pdata, (const char * const *) labels->pdata,
             labels->len);
}

const char *
jd_consultation_form_combo_code (AdwComboRow *row)
{
  JdChoiceItem *item = adw_combo_row_get_selected_item (row);
  const char *code;

  if (!JD_IS_CHOICE_ITEM (item))
    return NULL;
  code = jd_choice_item_get_code (item);
  return *code != '\0' ? code : NULL;
}

void
jd_consultation_form_combo_select (AdwComboRow *row,
                                   const char  *code)
{
  GListModel *model = adw_combo_row_get_model (row);
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; code != NULL && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (JD_IS_CHOICE_ITEM (item) &&
          g_str_equal (jd_choice_item_get_code (JD_CHOICE_ITEM (item)), code))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  adw_combo_row_set_selected (row, 0);
}

static char *
text_view_get (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
text_view_set (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text ? text : "", -1);
}

char *
jd_consultation_form_format_day (const char *iso)
{
  return jd_date_format_iso (iso);
}

/* The centre's today, not the machine's. */
static GDate
today_date (JdDb *db)
{
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return today;
}

/* Collecting and saving. */

static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *s = g_strstrip (g_strdup (text ? text : ""));
  unsigned h, m;
  char sep, extra;

  if (strlen (s) == 4 && g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) &&
      g_ascii_isdigit (s[2]) && g_ascii_isdigit (s[3]))
    {
      h = (s[0] - '0') * 10 + (s[1] - '0');
      m = (s[2] - '0') * 10 + (s[3] - '0');
    }
  else if (sscanf (s, "%u%c%u%c", &h, &sep, &m, &extra) != 3 || (sep != ':' && sep != '.'))
    {
      return FALSE;
    }

  if (h > 23 || m > 59)
    return FALSE;
  *hour = (int) h;
  *minute = (int) m;
  return TRUE;
}

/* The start as typed, in Unix seconds; 0 when it cannot be read. */
static gint64
typed_start (JdConsultationForm *self)
{
  g_autoptr(GDateTime) start = NULL;
  GDate date;
  int hour, minute;

  if (!jd_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date) ||
      !parse_time (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), &hour, &minute))
    return 0;

  /* Typed on the centre's clock. */
  start = g_date_time_new (jd_db_get_time_zone (jd_store_get_db (self->store)), g_date_get_year (&date),
                           g_date_get_month (&date), g_date_get_day (&date), hour, minute, 0);
  return start ? g_date_time_to_unix (start) : 0;
}

static void
set_start (JdConsultationForm *self,
           gint64              unix_time)
{
  g_autoptr(GDateTime) start = jd_db_local_time (jd_store_get_db (self->store), unix_time);
  g_autofree char *date = jd_date_format_day (start);
  g_autofree char *time = jd_date_format_time (start);

  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_row), time);
}

static char *
entry_dup (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text ? g_steal_pointer (&text) : NULL;
}

static JdConsultation *
collect (JdConsultationForm *self,
         gint64              started_at)
{
  JdConsultation *c = jd_consultation_new ();
  const char *outcome = jd_consultation_form_combo_code (self->outcome_row);

  if (self->loaded != NULL)
    {
      /* What the form does not show stays as it was. */
      c->id = self->loaded->id;
      c->visitor_id = self->loaded->visitor_id;
      c->visit_id = self->loaded->visit_id;
      c->group_id = self->loaded->group_id;
      c->specialist_id = self->loaded->specialist_id;
      c->follow_up_done_at = self->loaded->follow_up_done_at;
      c->row_version = self->loaded->row_version;
    }
  else if (jd_consultation_form_who_mode (self) == WHO_VISITOR)
    {
      c->visitor_id = self->visitor_id;
      c->visit_id = self->visit_id;
    }

  if (jd_consultation_form_who_mode (self) == WHO_ANONYMOUS)
    {
      c->visitor_id = 0;
      c->anon_sex = jd_sex_from_code (jd_consultation_form_combo_code (self->anon_sex_row));
      c->anon_age_band = g_strdup (jd_consultation_form_combo_code (self->anon_age_row));
    }

  c->service = g_strdup (jd_consultation_form_combo_code (self->service_row));
  c->topic = g_strdup (jd_consultation_form_combo_code (self->topic_row));
  c->started_at = started_at;
  c->duration_min = gtk_spin_button_get_value_as_int (self->duration_spin);
  g_free (c->format);
  c->format = g_strdup (jd_consultation_form_combo_code (self->format_row));
  c->summary = text_view_get (self->summary_view);
  c->private_note = text_view_get (self->note_view);
  c->outcome = g_strdup (outcome);
  /* Hidden rows do not count: they belong to another outcome. */
  if (g_strcmp0 (outcome, "referred") == 0)
    c->referral = g_strdup (jd_consultation_form_combo_code (self->referral_row));
  if (g_strcmp0 (outcome, "follow_up") == 0)
    c->follow_up_on = entry_dup (self->follow_up_row);
  if (gtk_widget_get_visible (GTK_WIDGET (self->placement_row)) &&
      adw_expander_row_get_enable_expansion (self->placement_row))
    {
      c->placement_employer = entry_dup (self->employer_row);
      c->placement_kind = g_strdup (jd_consultation_form_combo_code (self->placement_kind_row));
      c->placement_start = entry_dup (self->placement_start_row);
    }

  return c;
}

static void
jd_consultation_form_save (JdForm *form)
{
  JdConsultationForm *self = JD_CONSULTATION_FORM (form);
  g_autoptr(JdConsultation) c = NULL;
  g_autoptr(GError) error = NULL;
  JdConsultationField field = JD_CONSULTATION_FIELD_NONE;
  GDate today = today_date (jd_store_get_db (self->store));
  gint64 started_at, saved_id = 0;
  guint mode = jd_consultation_form_who_mode (self);

  jd_consultation_form_clear_messages (self);
  jd_form_hide_banner (JD_FORM (self));

  /* What only the form knows: nobody chosen yet, a group of one, a
   * start that cannot be read. */
  if (self->loaded == NULL && mode == WHO_VISITOR && self->visitor_id == 0)
    {
      jd_consultation_form_show_message (self, JD_CONSULTATION_FIELD_VISITOR,
                    _("Find the visitor and choose them from the list, or choose Anonymous."));
      jd_consultation_form_focus_field (self, JD_CONSULTATION_FIELD_VISITOR);
      return;
    }
  if (self->loaded == NULL && mode == WHO_GROUP && self->participants->len < 2)
    {
      jd_consultation_form_show_message (self, JD_CONSULTATION_FIELD_VISITOR,
                    _("Add at least two visitors to a group session."));
      jd_consultation_form_focus_field (self, JD_CONSULTATION_FIELD_VISITOR);
      return;
    }

  /* A start that cannot be read is checked in its place on screen:
   * after the fields above it. */
  started_at = typed_start (self);
  c = collect (self, started_at != 0 ? started_at : jd_db_now ());
  /* A group of fewer than two was refused above. */
  g_assert (mode != WHO_GROUP || self->loaded != NULL || self->participants->len >= 2);
  if (mode == WHO_GROUP && self->loaded == NULL)
    c->visitor_id = g_array_index (self->participants, Participant, 0).visitor_id;

  if (!jd_consultation_validate (c, &today, &field, &error) ||
      started_at == 0)
    {
      if (started_at == 0 && (error == NULL || field >= JD_CONSULTATION_FIELD_STARTED_AT))
        {
          g_clear_error (&error);
          field = JD_CONSULTATION_FIELD_STARTED_AT;
          g_set_error_literal (&error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                               _("Enter the date as DD.MM.YYYY and the time as HH:MM."));
        }
      if (field != JD_CONSULTATION_FIELD_NONE && self->rows[field] != NULL &&
          gtk_widget_get_visible (self->rows[field]))
        {
          jd_consultation_form_show_message (self, field, error->message);
          jd_consultation_form_focus_field (self, field);
        }
      else
        {
          jd_consultation_form_show_banner (self, error->message);
        }
      return;
    }

  if (self->loaded != NULL)
    {
      /* An empty note box keeps the note, which the form never read. */
      if (jd_consultation_update (jd_store_get_db (self->store), c, self->note_changed && c->private_note != NULL,
                                  &error))
        saved_id = c->id;
    }
  else if (mode == WHO_GROUP)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < self->participants->len; i++)
        g_array_append_val (ids, g_array_index (self->participants, Participant, i).visitor_id);
      saved_id = jd_consultation_insert_group (jd_store_get_db (self->store), c, (const gint64 *) ids->data, ids->len,
                                               &error);
    }
  else if (jd_consultation_insert (jd_store_get_db (self->store), c, &error))
    {
      saved_id = c->id;
    }

  if (saved_id == 0)
    {
      /* Everything typed stays in the form; a consultation changed on
       * another desk meanwhile is offered for reloading instead. */
      jd_form_show_error (JD_FORM (self), error);
      return;
    }

  jd_form_saved (JD_FORM (self), saved_id);
}

/* "Reload": the consultation as saved now, what was typed thrown
 * away (the rows loading fills only when set are emptied first). */
static void
jd_consultation_form_reload (JdForm *form)
{
  JdConsultationForm *self = JD_CONSULTATION_FORM (form);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (self->loaded != NULL);

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->employer_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->placement_start_row), "");
  adw_expander_row_set_enable_expansion (self->placement_row, FALSE);
  self->loading = FALSE;
  if (!jd_consultation_form_load (self, self->loaded->id, &error))
    jd_form_show_banner (form, error->message);
}

static const char *
jd_consultation_form_discard_body (JdForm *form)
{
  return _("The consultation has not been saved. What was typed will be lost.");
}

/* Setting up. */

/* Specialists log the services they cover; managers and administrators
 * any. @keep (nullable) is offered whatever the list. */
static void
fill_services (JdConsultationForm *self,
               const char         *keep)
{
  g_autoptr(JdStaff) actor = jd_db_get_actor (jd_store_get_db (self->store));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) only = NULL;
  const JdChoice *services;
  guint n, shown = 0;

  services = jd_consultation_services (&n);
  if (actor != NULL && actor->role == JD_ROLE_SPECIALIST)
    {
      for (guint i = 0; actor->services != NULL && actor->services[i] != NULL; i++)
        g_strv_builder_add (builder, actor->services[i]);
      if (keep != NULL)
        g_strv_builder_add (builder, keep);
      only = g_strv_builder_end (builder);
    }

  for (guint i = 0; i < n; i++)
    if (only == NULL || g_strv_contains ((const char * const *) only, services[i].code))
      shown++;

  /* One service needs no choosing. */
  jd_consultation_form_fill_combo (self->service_row, shown == 1 ? NULL : _("Choose…"), services, n,
              (const char * const *) only);
  jd_consultation_form_combo_select (self->service_row, keep);
  jd_consultation_form_fill_topics (self);
}

static void
fill_choices (JdConsultationForm *self)
{
  const char * const sex_codes[] = { "", jd_sex_to_code (JD_SEX_FEMALE),
                                     jd_sex_to_code (JD_SEX_MALE), NULL };
  const char * const sex_labels[] = { _("Choose…"), C_("sex", "Female"), C_("sex", "Male") };
  const char *age_codes[JD_N_AGE_BANDS + 2] = { "" };
  const char *age_labels[JD_N_AGE_BANDS + 1] = { _("Choose…") };
  const JdChoice *choices;
  guint n;

  set_model (self->anon_sex_row, sex_codes, sex_labels, G_N_ELEMENTS (sex_labels));

  for (guint i = 0; i < JD_N_AGE_BANDS; i++)
    {
      age_codes[i + 1] = jd_age_band_code (i);
      age_labels[i + 1] = jd_age_band_label (i);
    }
  set_model (self->anon_age_row, age_codes, age_labels, G_N_ELEMENTS (age_labels));

  choices = jd_consultation_formats (&n);
  jd_consultation_form_fill_combo (self->format_row, NULL, choices, n, NULL);
  jd_consultation_form_combo_select (self->format_row, "in_person");

  choices = jd_consultation_outcomes (&n);
  jd_consultation_form_fill_combo (self->outcome_row, _("Choose…"), choices, n, NULL);

  choices = jd_referral_targets (&n);
  jd_consultation_form_fill_combo (self->referral_row, _("Choose…"), choices, n, NULL);

  choices = jd_placement_kinds (&n);
  jd_consultation_form_fill_combo (self->placement_kind_row, _("Choose…"), choices, n, NULL);
}

static void
jd_consultation_form_dispose (GObject *object)
{
  JdConsultationForm *self = JD_CONSULTATION_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_CONSULTATION_FORM);
  self->store = NULL;

  G_OBJECT_CLASS (jd_consultation_form_parent_class)->dispose (object);
}

static void
jd_consultation_form_finalize (GObject *object)
{
  JdConsultationForm *self = JD_CONSULTATION_FORM (object);

  g_clear_pointer (&self->loaded, jd_consultation_free);
  g_clear_pointer (&self->participants, g_array_unref);
  g_free (self->visitor_name);

  G_OBJECT_CLASS (jd_consultation_form_parent_class)->finalize (object);
}

static void
jd_consultation_form_constructed (GObject *object)
{
  JdConsultationForm *self = JD_CONSULTATION_FORM (object);

  G_OBJECT_CLASS (jd_consultation_form_parent_class)->constructed (object);

  self->store = jd_form_get_store (JD_FORM (self));
  g_assert (JD_IS_STORE (self->store));
  jd_consultation_form_add_search (self);
}

static void
jd_consultation_form_class_init (JdConsultationFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  JdFormClass *form_class = JD_FORM_CLASS (klass);

  object_class->constructed = jd_consultation_form_constructed;
  object_class->dispose = jd_consultation_form_dispose;
  object_class->finalize = jd_consultation_form_finalize;
  form_class->save = jd_consultation_form_save;
  form_class->discard_body = jd_consultation_form_discard_body;
  form_class->reload = jd_consultation_form_reload;

  /* JdForm::saved gives the saved consultation's id, or the group id
   * of a group session. */

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-consultation-form.ui");
  jd_form_class_bind_template_parts (widget_class);
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, JdConsultationForm, name)
  CHILD (who_row);
  CHILD (fixed_row);
  CHILD (search_box);
  CHILD (chosen_row);
  CHILD (anon_sex_row);
  CHILD (anon_age_row);
  CHILD (participants_group);
  CHILD (service_row);
  CHILD (topic_row);
  CHILD (date_row);
  CHILD (time_row);
  CHILD (duration_row);
  CHILD (duration_spin);
  CHILD (format_row);
  CHILD (summary_view);
  CHILD (note_view);
  CHILD (note_hint);
  CHILD (outcome_row);
  CHILD (referral_row);
  CHILD (follow_up_row);
  CHILD (placement_row);
  CHILD (employer_row);
  CHILD (placement_kind_row);
  CHILD (placement_start_row);
#undef CHILD

  gtk_widget_class_bind_template_callback_full (widget_class, "changed_cb",
                                                G_CALLBACK (jd_consultation_form_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "notify_cb",
                                                G_CALLBACK (jd_consultation_form_notify_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "who_changed_cb",
                                                G_CALLBACK (jd_consultation_form_who_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "service_changed_cb",
                                                G_CALLBACK (jd_consultation_form_service_changed_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "change_visitor_cb",
                                                G_CALLBACK (jd_consultation_form_change_visitor_cb));

}

static void
jd_consultation_form_init (JdConsultationForm *self)
{

  self->participants = g_array_new (FALSE, FALSE, sizeof (Participant));

  gtk_widget_init_template (GTK_WIDGET (self));

  jd_form_set_title (JD_FORM (self), _("Log Consultation"));

  /* The expander's switch has no name of its own: a screen reader would
   * say "GtkSwitch". */
  {
    GtkWidget *placement_switch = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self->placement_row),
                                                                             ADW_TYPE_EXPANDER_ROW,
                                                                             "enable_switch"));

    if (placement_switch != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (placement_switch),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Job Placement"),
                                      -1);
  }

  /* The visitor field, the search's entry, comes in constructed. */
  self->rows[JD_CONSULTATION_FIELD_ANON_SEX] = GTK_WIDGET (self->anon_sex_row);
  self->rows[JD_CONSULTATION_FIELD_ANON_AGE_BAND] = GTK_WIDGET (self->anon_age_row);
  self->rows[JD_CONSULTATION_FIELD_SERVICE] = GTK_WIDGET (self->service_row);
  self->rows[JD_CONSULTATION_FIELD_TOPIC] = GTK_WIDGET (self->topic_row);
  self->rows[JD_CONSULTATION_FIELD_STARTED_AT] = GTK_WIDGET (self->time_row);
  self->rows[JD_CONSULTATION_FIELD_DURATION] = GTK_WIDGET (self->duration_row);
  self->rows[JD_CONSULTATION_FIELD_FORMAT] = GTK_WIDGET (self->format_row);
  self->rows[JD_CONSULTATION_FIELD_OUTCOME] = GTK_WIDGET (self->outcome_row);
  self->rows[JD_CONSULTATION_FIELD_REFERRAL] = GTK_WIDGET (self->referral_row);
  self->rows[JD_CONSULTATION_FIELD_FOLLOW_UP] = GTK_WIDGET (self->follow_up_row);
  self->rows[JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER] = GTK_WIDGET (self->employer_row);
  self->rows[JD_CONSULTATION_FIELD_PLACEMENT_KIND] = GTK_WIDGET (self->placement_kind_row);
  self->rows[JD_CONSULTATION_FIELD_PLACEMENT_START] = GTK_WIDGET (self->placement_start_row);
  for (guint i = 1; i < N_FIELDS; i++)
    if (self->rows[i] != NULL)
      self->messages[i] = jd_consultation_form_add_message_row (self->rows[i]);

  g_signal_connect_object (gtk_text_view_get_buffer (self->summary_view), "changed",
                           G_CALLBACK (jd_consultation_form_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (jd_consultation_form_text_changed_cb), self, G_CONNECT_SWAPPED);
}

static JdConsultationForm *
form_new (JdStore    *store,
          const char *service)
{
  JdConsultationForm *self = g_object_new (JD_TYPE_CONSULTATION_FORM, "store", store, NULL);

  self->loading = TRUE;
  fill_choices (self);
  fill_services (self, service);
  set_start (self, jd_db_now ());
  self->loading = FALSE;
  jd_consultation_form_update_rows (self);
  return self;
}

JdConsultationForm *
jd_consultation_form_new (JdStore *store)
{
  JdConsultationForm *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);

  self = form_new (store, NULL);
  jd_visitor_search_focus (self->search);
  return self;
}

static void
fix_visitor (JdConsultationForm *self,
             gint64              visitor_id,
             const char         *visitor_name)
{
  self->visitor_fixed = TRUE;
  self->visitor_id = visitor_id;
  g_free (self->visitor_name);
  self->visitor_name = g_strdup (visitor_name);
  jd_consultation_form_set_row_title (ADW_PREFERENCES_ROW (self->fixed_row), visitor_name ? visitor_name : "");
  jd_consultation_form_update_rows (self);
}

JdConsultationForm *
jd_consultation_form_new_for_visitor (JdStore    *store,
                                      gint64      visitor_id,
                                      const char *visitor_name)
{
  JdConsultationForm *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);
  g_return_val_if_fail (visitor_id > 0, NULL);

  self = form_new (store, NULL);
  fix_visitor (self, visitor_id, visitor_name);
  gtk_widget_grab_focus (GTK_WIDGET (self->service_row));
  return self;
}

JdConsultationForm *
jd_consultation_form_new_from_queue (JdStore    *store,
                                     gint64      visitor_id,
                                     const char *visitor_name,
                                     gint64      visit_id,
                                     const char *service)
{
  JdConsultationForm *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);
  g_return_val_if_fail (visitor_id > 0, NULL);

  self = form_new (store, service);
  self->visit_id = visit_id;
  fix_visitor (self, visitor_id, visitor_name);
  adw_action_row_set_subtitle (self->fixed_row, _("From the waiting queue"));
  /* Who and what are known: the topic is the first thing to fill in. */
  gtk_widget_grab_focus (GTK_WIDGET (self->topic_row));
  return self;
}

gboolean
jd_consultation_form_load (JdConsultationForm  *self,
                           gint64               consultation_id,
                           GError             **error)
{
  g_autoptr(JdConsultation) c = NULL;

  g_return_val_if_fail (JD_IS_CONSULTATION_FORM (self), FALSE);

  c = jd_consultation_load (jd_store_get_db (self->store), consultation_id, error);
  if (c == NULL)
    return FALSE;

  self->loading = TRUE;
  g_clear_pointer (&self->loaded, jd_consultation_free);
  if (c->visitor_id != 0)
    {
      adw_combo_row_set_selected (self->who_row, WHO_VISITOR);
      fix_visitor (self, c->visitor_id, c->visitor_name);
    }
  else
    {
      adw_combo_row_set_selected (self->who_row, WHO_ANONYMOUS);
      jd_consultation_form_combo_select (self->anon_sex_row, jd_sex_to_code (c->anon_sex));
      jd_consultation_form_combo_select (self->anon_age_row, c->anon_age_band);
    }

  fill_services (self, c->service);
  jd_consultation_form_combo_select (self->topic_row, c->topic);
  set_start (self, c->started_at);
  gtk_spin_button_set_value (self->duration_spin, c->duration_min);
  jd_consultation_form_combo_select (self->format_row, c->format);
  text_view_set (self->summary_view, c->summary);
  text_view_set (self->note_view, NULL);
  jd_consultation_form_combo_select (self->outcome_row, c->outcome);
  jd_consultation_form_combo_select (self->referral_row, c->referral);
  if (c->follow_up_on != NULL)
    {
      g_autofree char *day = jd_consultation_form_format_day (c->follow_up_on);

      gtk_editable_set_text (GTK_EDITABLE (self->follow_up_row), day);
    }
  if (c->placement_kind != NULL)
    {
      g_autofree char *day = jd_consultation_form_format_day (c->placement_start);

      adw_expander_row_set_enable_expansion (self->placement_row, TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->employer_row),
                             c->placement_employer ? c->placement_employer : "");
      jd_consultation_form_combo_select (self->placement_kind_row, c->placement_kind);
      gtk_editable_set_text (GTK_EDITABLE (self->placement_start_row), day);
    }
  /* The note is never read just to edit the rest: it is replaced only
   * when something is typed here. */
  if (!jd_access_check_private_note (jd_store_get_db (self->store), c->specialist_id, c->service, NULL))
    {
      /* Who may not read the note may not change it: no box to type in. */
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->note_view)), FALSE);
      gtk_label_set_label (self->note_hint,
                           c->has_private_note
                           ? _("A private note is kept. Only its author and specialists of the same service can read or change it.")
                           : _("Only the author and specialists of the same service can write a private note here."));
    }
  else if (c->has_private_note)
    gtk_label_set_label (self->note_hint,
                         _("A private note is kept. Anything typed here replaces it; leave this empty to keep it."));

  self->loaded = g_steal_pointer (&c);
  self->loading = FALSE;
  jd_form_set_dirty (JD_FORM (self), FALSE);
  self->note_changed = FALSE;
  jd_form_set_record (JD_FORM (self), JD_RECORD_CONSULTATION, consultation_id,
                      self->loaded->row_version);

  jd_form_set_title (JD_FORM (self), _("Edit Consultation"));
  jd_consultation_form_update_rows (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->service_row));
  return TRUE;
}
