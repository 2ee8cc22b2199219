/* jd-consultation-form-visitor.c: the consultation form's visitor picker: who, found by search
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

/* Who: a registered visitor, found by search. */

static void
clear_results (JdConsultationForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
}

void
jd_consultation_form_set_row_title (AdwPreferencesRow *row,
                                    const char        *title)
{
  /* Names are text, not markup. */
  adw_preferences_row_set_use_markup (row, FALSE);
  adw_preferences_row_set_title (row, title);
}

static void
participant_remove_cb (JdConsultationForm *self,
                       GtkButton          *button)
{
  gint64 *id = g_object_get_qdata (G_OBJECT (button), jd_consultation_form_visitor_id_quark);

  for (guint i = 0; id != NULL && i < self->participants->len; i++)
    {
      Participant *p = &g_array_index (self->participants, Participant, i);

      if (p->visitor_id == *id)
        {
          adw_preferences_group_remove (self->participants_group, p->row);
          g_array_remove_index (self->participants, i);
          break;
        }
    }
  jd_consultation_form_mark_changed (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_row));
}

static void
add_participant (JdConsultationForm *self,
                 gint64              visitor_id,
                 const char         *name,
                 const char         *subtitle)
{
  Participant p = { visitor_id, NULL };
  GtkWidget *button;

  for (guint i = 0; i < self->participants->len; i++)
    if (g_array_index (self->participants, Participant, i).visitor_id == visitor_id)
      return;

  p.row = adw_action_row_new ();
  jd_consultation_form_set_row_title (ADW_PREFERENCES_ROW (p.row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (p.row), subtitle ? subtitle : "");
  button = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove From the Group"));
  gtk_widget_add_css_class (button, "flat");
  g_object_set_qdata_full (G_OBJECT (button), jd_consultation_form_visitor_id_quark,
                           g_memdup2 (&visitor_id, sizeof visitor_id), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (participant_remove_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (p.row), button);
  adw_preferences_group_add (self->participants_group, p.row);
  g_array_append_val (self->participants, p);
}

static void
choose_visitor (JdConsultationForm *self,
                GtkListBoxRow      *row)
{
  gint64 *id = g_object_get_qdata (G_OBJECT (row), jd_consultation_form_visitor_id_quark);
  const char *name, *subtitle;

  if (id == NULL)
    return;

  name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_VISITOR);

  if (jd_consultation_form_who_mode (self) == WHO_GROUP)
    {
      add_participant (self, *id, name, subtitle);
      /* Ready for the next participant. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
      gtk_widget_grab_focus (GTK_WIDGET (self->search_row));
    }
  else
    {
      self->visitor_id = *id;
      g_free (self->visitor_name);
      self->visitor_name = g_strdup (name);
      jd_consultation_form_set_row_title (ADW_PREFERENCES_ROW (self->chosen_row), name);
      adw_action_row_set_subtitle (self->chosen_row, subtitle ? subtitle : "");
      gtk_editable_set_text (GTK_EDITABLE (self->search_row), "");
      jd_consultation_form_update_rows (self);
      /* Go on where the specialist will fill in next. */
      gtk_widget_grab_focus (GTK_WIDGET (self->service_row));
    }
  jd_consultation_form_mark_changed (self, NULL);
}

void
jd_consultation_form_change_visitor_cb (JdConsultationForm *self)
{
  self->visitor_id = 0;
  g_clear_pointer (&self->visitor_name, g_free);
  jd_consultation_form_update_rows (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_row));
}

void
jd_consultation_form_result_activated_cb (JdConsultationForm *self,
                                          GtkListBoxRow      *row)
{
  choose_visitor (self, row);
}

static GtkWidget *
result_row_new (const JdSearchResult *result)
{
  g_autofree char *name = g_strjoin (" ", result->surname, result->given_name,
                                     (result->patronymic && *result->patronymic)
                                     ? result->patronymic : NULL, NULL);
  g_autofree char *birth = jd_consultation_form_format_day (result->birth_date);
  GtkWidget *row = adw_action_row_new ();

  jd_consultation_form_set_row_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), birth);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_qdata_full (G_OBJECT (row), jd_consultation_form_visitor_id_quark,
                           g_memdup2 (&result->visitor_id, sizeof result->visitor_id), g_free);
  return row;
}

typedef struct
{
  JdConsultationForm *self;
  GCancellable       *cancellable;
} SearchCall;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchCall *call = user_data;
  JdConsultationForm *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = jd_search_visitors_finish (result, &error);

  /* A newer keystroke, or dispose, cancelled this search: the form may
   * be gone, so look at nothing but the call. */
  if (g_cancellable_is_cancelled (call->cancellable))
    goto out;

  self = call->self;
  self->searching = FALSE;
  clear_results (self);

  if (results == NULL)
    {
      jd_consultation_form_show_banner (self, error->message);
    }
  else if (results->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No one found"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Register the person at the Front Desk first, or choose Anonymous."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (self->results_list, row);
    }
  else
    {
      for (guint i = 0; i < results->len; i++)
        gtk_list_box_append (self->results_list, result_row_new (g_ptr_array_index (results, i)));
    }
  jd_consultation_form_update_rows (self);

out:
  g_object_unref (call->cancellable);
  g_free (call);
}

void
jd_consultation_form_search_changed_cb (JdConsultationForm *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_row))));
  SearchCall *call;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_VISITOR);

  if (*query == '\0' || self->store == NULL)
    {
      self->searching = FALSE;
      clear_results (self);
      jd_consultation_form_update_rows (self);
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  self->searching = TRUE;

  call = g_new0 (SearchCall, 1);
  call->self = self;  /* dispose cancels the search before self goes */
  call->cancellable = g_object_ref (self->search_cancellable);
  jd_search_visitors_async (jd_db_get_path (jd_store_get_db (self->store)), query, MAX_RESULTS,
                            self->search_cancellable, search_done_cb, call);
}

/* Enter in the search picks the first person found. */
void
jd_consultation_form_search_activated_cb (JdConsultationForm *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (first != NULL && gtk_list_box_row_get_activatable (first))
    choose_visitor (self, first);
}

void
jd_consultation_form_who_changed_cb (JdConsultationForm *self,
                                     GParamSpec         *pspec,
                                     GObject            *sender)
{
  jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_VISITOR);
  jd_consultation_form_mark_changed (self, sender);
  jd_consultation_form_update_rows (self);
}
