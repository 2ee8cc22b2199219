/* jd-consultation-form-fields.c: the consultation form's inline messages, and which fields show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultation-form"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jd-consultation-form-private.h"
#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-form.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor.h"

/* Inline messages. */

void
jd_consultation_form_clear_message (JdConsultationForm  *self,
                                    JdConsultationField  field)
{
  g_assert (field < N_FIELDS);

  if (self->messages[field] == NULL)
    return;
  gtk_widget_set_visible (self->messages[field], FALSE);
  gtk_widget_remove_css_class (self->rows[field], "error");
  gtk_widget_remove_css_class (self->rows[field], "with-message");
  /* The start is two rows: both were marked. */
  if (field == JD_CONSULTATION_FIELD_STARTED_AT)
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
}

void
jd_consultation_form_clear_messages (JdConsultationForm *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    jd_consultation_form_clear_message (self, i);
}

void
jd_consultation_form_show_message (JdConsultationForm  *self,
                                   JdConsultationField  field,
                                   const char          *message)
{
  GtkWidget *label;

  g_assert (field < N_FIELDS);

  if (self->messages[field] == NULL)
    return;

  /* A row in the field's list; the visitor search's is a bare label. */
  if (GTK_IS_LIST_BOX_ROW (self->messages[field]))
    label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self->messages[field]));
  else
    label = self->messages[field];
  gtk_label_set_label (GTK_LABEL (label), message);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (self->rows[field], "error");
  /* The message reads as part of its field: no line between them. */
  gtk_widget_add_css_class (self->rows[field], "with-message");
  if (field == JD_CONSULTATION_FIELD_STARTED_AT)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_set_visible (self->messages[field], TRUE);
}

/* A message row right below @row, in the same list: inside a group or
 * inside the job placement expander. */
GtkWidget *
jd_consultation_form_add_message_row (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GtkWidget *message = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                     "visible", FALSE,
                                     "activatable", FALSE,
                                     "focusable", FALSE,
                                     NULL);
  GtkWidget *label = gtk_label_new (NULL);

  g_assert (GTK_IS_LIST_BOX (list));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (message), label);
  gtk_widget_add_css_class (message, "field-message");
  gtk_list_box_insert (GTK_LIST_BOX (list), message,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
  return message;
}

/* Focuses @field and brings it and its message into view. */
void
jd_consultation_form_focus_field (JdConsultationForm  *self,
                                  JdConsultationField  field)
{
  g_assert (field < N_FIELDS && self->rows[field] != NULL);

  if (field >= JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER)
    adw_expander_row_set_expanded (self->placement_row, TRUE);
  jd_form_focus_field (JD_FORM (self), self->rows[field], self->messages[field]);
}

void
jd_consultation_form_show_banner (JdConsultationForm *self,
                                  const char         *message)
{
  jd_form_show_banner (JD_FORM (self), message);
}

/* What shows depends on who was consulted and on the outcome. */

guint
jd_consultation_form_who_mode (JdConsultationForm *self)
{
  return adw_combo_row_get_selected (self->who_row);
}

void
jd_consultation_form_update_rows (JdConsultationForm *self)
{
  guint mode = jd_consultation_form_who_mode (self);
  gboolean choosing = !self->visitor_fixed && self->loaded == NULL;
  gboolean searching = choosing && ((mode == WHO_VISITOR && self->visitor_id == 0) ||
                                    mode == WHO_GROUP);
  const char *outcome = jd_consultation_form_combo_code (self->outcome_row);
  gboolean referred = g_strcmp0 (outcome, "referred") == 0;
  gboolean follow_up = g_strcmp0 (outcome, "follow_up") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->who_row), choosing);
  gtk_widget_set_visible (GTK_WIDGET (self->fixed_row), self->visitor_fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->search_box), searching);
  gtk_widget_set_visible (GTK_WIDGET (self->chosen_row),
                          choosing && mode == WHO_VISITOR && self->visitor_id != 0);
  gtk_widget_set_visible (GTK_WIDGET (self->anon_sex_row), mode == WHO_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->anon_age_row), mode == WHO_ANONYMOUS);
  gtk_widget_set_visible (GTK_WIDGET (self->participants_group), choosing && mode == WHO_GROUP);
  /* The core refuses a job placement for an anonymous person. */
  gtk_widget_set_visible (GTK_WIDGET (self->placement_row), mode != WHO_ANONYMOUS);

  gtk_widget_set_visible (GTK_WIDGET (self->referral_row), referred);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_row), follow_up);

  /* A message stays only under a row that shows. */
  for (guint i = 1; i < N_FIELDS; i++)
    if (self->rows[i] != NULL && !gtk_widget_get_visible (self->rows[i]))
      jd_consultation_form_clear_message (self, i);
  /* The search's entry shows even when the search around it does not. */
  if (!searching)
    jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_VISITOR);
}

void
jd_consultation_form_mark_changed (JdConsultationForm *self,
                                   gpointer            sender)
{
  if (self->loading)
    return;

  jd_form_set_dirty (JD_FORM (self), TRUE);

  /* Staff are fixing this field: its old message no longer applies. */
  for (guint i = 1; i < N_FIELDS; i++)
    if (sender == (gpointer) self->rows[i])
      jd_consultation_form_clear_message (self, i);
  if (sender == (gpointer) self->date_row)
    jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_STARTED_AT);
  if (sender == (gpointer) self->duration_spin)
    jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_DURATION);
  if (sender == (gpointer) self->placement_row)
    {
      jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER);
      jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_PLACEMENT_KIND);
      jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_PLACEMENT_START);
    }

  jd_consultation_form_update_rows (self);
}

void
jd_consultation_form_changed_cb (JdConsultationForm *self,
                                 gpointer            sender)
{
  jd_consultation_form_mark_changed (self, sender);
}

/* "notify::" handlers, swapped: the emitter comes last, after the pspec. */
void
jd_consultation_form_notify_cb (JdConsultationForm *self,
                                GParamSpec         *pspec,
                                GObject            *sender)
{
  jd_consultation_form_mark_changed (self, sender);
}

void
jd_consultation_form_text_changed_cb (JdConsultationForm *self,
                                      GtkTextBuffer      *buffer)
{
  if (self->loading)
    return;
  if (buffer == gtk_text_view_get_buffer (self->note_view))
    self->note_changed = TRUE;
  jd_consultation_form_mark_changed (self, buffer);
}

void
jd_consultation_form_fill_topics (JdConsultationForm *self)
{
  g_autofree char *topic = g_strdup (jd_consultation_form_combo_code (self->topic_row));
  const JdChoice *topics;
  guint n;

  topics = jd_consultation_topics (jd_consultation_form_combo_code (self->service_row), &n);
  jd_consultation_form_fill_combo (self->topic_row, _("Not specified"), topics, n, NULL);
  jd_consultation_form_combo_select (self->topic_row, topic);
}

void
jd_consultation_form_service_changed_cb (JdConsultationForm *self,
                                         GParamSpec         *pspec,
                                         GObject            *sender)
{
  gboolean loading = self->loading;

  /* Topics belong to one service: the list follows it. */
  self->loading = TRUE;
  jd_consultation_form_fill_topics (self);
  self->loading = loading;
  jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_TOPIC);
  jd_consultation_form_mark_changed (self, sender);
}
