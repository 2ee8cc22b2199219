/* jd-consultation-view.c: a saved consultation, read only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a consultation never shows its private note: that takes a
 * deliberate "Show Private Note", which the core allows to the author
 * and the specialists of the same service only, and records.
 */
#define G_LOG_DOMAIN "jd-consultation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-date-format.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor.h"

struct _JdConsultationView
{
  AdwWindow            parent_instance;

  /* template children */
  GtkWidget           *edit_button;
  AdwPreferencesGroup *person_group;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *summary_group;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *note_group;
  GtkWidget           *note_button;
  GtkLabel            *note_label;
  AdwPreferencesGroup *outcome_group;

  /* borrowed: the application's connection */
  JdStore             *store;

  /* owned */
  JdConsultation      *consultation;
};

G_DEFINE_FINAL_TYPE (JdConsultationView, jd_consultation_view, ADW_TYPE_WINDOW)

enum {
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
jd_consultation_format_age_band (const char *age_band)
{
  int band;

  if (age_band == NULL)
    return g_strdup ("");

  band = jd_age_band_find (age_band);
  return g_strdup (band >= 0 ? jd_age_band_label ((guint) band) : age_band);
}

char *
jd_consultation_describe_person (const char *visitor_name,
                                 JdSex       anon_sex,
                                 const char *anon_age_band)
{
  g_autofree char *band = NULL;
  const char *sex;

  if (visitor_name != NULL && *visitor_name != '\0')
    return g_strdup (visitor_name);

  band = jd_consultation_format_age_band (anon_age_band);
  sex = anon_sex == JD_SEX_FEMALE ? C_("sex", "Female")
        : anon_sex == JD_SEX_MALE ? C_("sex", "Male") : "";
  /* Translators: a person consulted without giving their name: their
   * sex and age group, e.g. "Anonymous · Female · 18–24". */
  return g_strdup_printf (_("Anonymous · %s · %s"), sex, band);
}

static char *
format_day (const char *iso)
{
  return jd_date_format_iso (iso);
}

/* On the centre's clock, not the machine's. */
static char *
format_time (JdDb   *db,
             gint64  unix_time)
{
  g_autoptr(GDateTime) when = jd_db_local_time (db, unix_time);

  return jd_date_format_day_time (when);
}

/* A row with a field's name as its title and the value below. */
static void
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (group, row);
}

static void
fill (JdConsultationView *self)
{
  const JdConsultation *c = self->consultation;
  g_autoptr(JdStaff) actor = jd_db_get_actor (jd_store_get_db (self->store));
  g_autofree char *person = NULL;
  g_autofree char *started = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *follow_up = NULL;
  const JdChoice *choices;
  guint n;

  if (c->visitor_id != 0)
    {
      person = g_strdup (c->visitor_name);
      add_row (self->person_group, _("Name"), person);
    }
  else
    {
      g_autofree char *band = jd_consultation_format_age_band (c->anon_age_band);

      person = g_strdup_printf ("%s · %s",
                                c->anon_sex == JD_SEX_FEMALE ? C_("sex", "Female") : C_("sex", "Male"),
                                band);
      add_row (self->person_group, _("Anonymous"), person);
    }
  if (c->group_id != 0)
    add_row (self->person_group, _("Group Session"),
             _("Held with several visitors; each has a consultation of their own."));

  choices = jd_consultation_services (&n);
  add_row (self->details_group, _("Service"), jd_choice_label (choices, n, c->service));
  if (c->topic != NULL)
    {
      choices = jd_consultation_topics (c->service, &n);
      add_row (self->details_group, _("Topic"), jd_choice_label (choices, n, c->topic));
    }
  started = format_time (jd_store_get_db (self->store), c->started_at);
  add_row (self->details_group, _("Started"), started);
  duration = g_strdup_printf (ngettext ("%d minute", "%d minutes", c->duration_min),
                              c->duration_min);
  add_row (self->details_group, _("Duration"), duration);
  choices = jd_consultation_formats (&n);
  add_row (self->details_group, _("Format"), jd_choice_label (choices, n, c->format));
  add_row (self->details_group, _("Specialist"), c->specialist_name);

  gtk_label_set_label (self->summary_label, c->summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_group), c->summary != NULL);

  gtk_widget_set_visible (self->note_button, c->has_private_note);
  adw_preferences_group_set_description (self->note_group,
                                         c->has_private_note
                                         ? _("Only the author and the specialists of the same service can read it. Every reading is recorded.")
                                         : _("None"));

  choices = jd_consultation_outcomes (&n);
  add_row (self->outcome_group, _("Outcome"), jd_choice_label (choices, n, c->outcome));
  if (c->referral != NULL)
    {
      choices = jd_referral_targets (&n);
      add_row (self->outcome_group, _("Referred To"), jd_choice_label (choices, n, c->referral));
    }
  if (c->follow_up_on != NULL)
    {
      g_autofree char *day = format_day (c->follow_up_on);

      if (c->follow_up_done_at != 0)
        {
          g_autofree char *done = format_time (jd_store_get_db (self->store), c->follow_up_done_at);

          /* Translators: a follow-up date and when it was done. */
          follow_up = g_strdup_printf (_("%s, done %s"), day, done);
        }
      else
        {
          follow_up = g_steal_pointer (&day);
        }
      add_row (self->outcome_group, _("Follow-Up Date"), follow_up);
    }
  if (c->placement_kind != NULL)
    {
      g_autofree char *start = format_day (c->placement_start);

      choices = jd_placement_kinds (&n);
      add_row (self->outcome_group, _("Employer"), c->placement_employer);
      add_row (self->outcome_group, _("Kind of Job"), jd_choice_label (choices, n, c->placement_kind));
      add_row (self->outcome_group, _("First Working Day"), start);
    }

  /* The core decides in the end; the button only shows who may. */
  gtk_widget_set_visible (self->edit_button,
                          actor != NULL &&
                          (actor->role == JD_ROLE_ADMINISTRATOR ||
                           (actor->id != 0 && actor->id == c->specialist_id)));
}

static void
show_note_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  JdConsultationView *self = JD_CONSULTATION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = jd_consultation_read_private_note (jd_store_get_db (self->store), self->consultation->id,
                                                             &error);

  if (error != NULL)
    {
      gtk_label_set_label (self->note_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->note_label), "error");
    }
  else
    {
      gtk_label_set_label (self->note_label, note ? note : _("None"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
  gtk_widget_set_visible (self->note_button, error != NULL);
  if (error == NULL)
    {
      /* Focus for screen readers, without selecting the whole note. */
      gtk_widget_grab_focus (GTK_WIDGET (self->note_label));
      gtk_label_select_region (self->note_label, 0, 0);
    }
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JdConsultationView *self = JD_CONSULTATION_VIEW (widget);
  gint64 id = self->consultation->id;

  /* Before closing: destroying disconnects the handlers. */
  g_signal_emit (self, signals[EDIT], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
jd_consultation_view_dispose (GObject *object)
{
  JdConsultationView *self = JD_CONSULTATION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_CONSULTATION_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_consultation_view_parent_class)->dispose (object);
}

static void
jd_consultation_view_finalize (GObject *object)
{
  JdConsultationView *self = JD_CONSULTATION_VIEW (object);

  g_clear_pointer (&self->consultation, jd_consultation_free);

  G_OBJECT_CLASS (jd_consultation_view_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_consultation_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JdConsultationView *self = JD_CONSULTATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_consultation_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  JdConsultationView *self = JD_CONSULTATION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_consultation_view_class_init (JdConsultationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_consultation_view_dispose;
  object_class->finalize = jd_consultation_view_finalize;
  object_class->get_property = jd_consultation_view_get_property;
  object_class->set_property = jd_consultation_view_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JdConsultationView::edit:
   * @consultation_id: the consultation to open in the form
   */
  signals[EDIT] = g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-consultation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, person_group);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, details_group);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, summary_group);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, note_group);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, note_button);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, note_label);
  gtk_widget_class_bind_template_child (widget_class, JdConsultationView, outcome_group);

  gtk_widget_class_install_action (widget_class, "view.show-note", NULL, show_note_action);
  gtk_widget_class_install_action (widget_class, "view.edit", NULL, edit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_consultation_view_init (JdConsultationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JdConsultationView *
jd_consultation_view_new (JdStore *store,
                          gint64   consultation_id,
                          GError **error)
{
  g_autoptr(JdConsultation) c = NULL;
  JdConsultationView *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);

  c = jd_consultation_load (jd_store_get_db (store), consultation_id, error);
  if (c == NULL)
    return NULL;

  self = g_object_new (JD_TYPE_CONSULTATION_VIEW, "store", store, NULL);
  self->consultation = g_steal_pointer (&c);
  fill (self);
  return self;
}
