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
#include "jd-search-hit.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor-search.h"
#include "jd-visitor.h"

/* Who: a registered visitor, found by search. */

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
  /* The button sits in the participant's row. */
  for (guint i = 0; i < self->participants->len; i++)
    {
      Participant *p = &g_array_index (self->participants, Participant, i);

      if (gtk_widget_is_ancestor (GTK_WIDGET (button), p->row))
        {
          adw_preferences_group_remove (self->participants_group, p->row);
          g_array_remove_index (self->participants, i);
          break;
        }
    }
  jd_consultation_form_mark_changed (self, NULL);
  jd_visitor_search_focus (self->search);
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
  g_signal_connect_object (button, "clicked", G_CALLBACK (participant_remove_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (p.row), button);
  adw_preferences_group_add (self->participants_group, p.row);
  g_array_append_val (self->participants, p);
}

static void
choose_visitor (JdConsultationForm *self,
                JdSearchHit        *hit)
{
  gint64 id = jd_search_hit_get_visitor_id (hit);
  const char *name = jd_search_hit_get_name (hit);
  g_autofree char *subtitle = jd_consultation_form_format_day (jd_search_hit_get_birth_date (hit));

  jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_VISITOR);

  if (jd_consultation_form_who_mode (self) == WHO_GROUP)
    {
      add_participant (self, id, name, subtitle);
      /* Ready for the next participant. */
      jd_visitor_search_clear (self->search);
      jd_visitor_search_focus (self->search);
    }
  else
    {
      self->visitor_id = id;
      g_free (self->visitor_name);
      self->visitor_name = g_strdup (name);
      jd_consultation_form_set_row_title (ADW_PREFERENCES_ROW (self->chosen_row), name);
      adw_action_row_set_subtitle (self->chosen_row, subtitle ? subtitle : "");
      jd_visitor_search_clear (self->search);
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
  jd_visitor_search_focus (self->search);
}

/* Enter or a click on a person found: Enter picks the highlighted one. */
static void
search_activated_cb (JdConsultationForm *self,
                     JdSearchHit        *hit)
{
  choose_visitor (self, hit);
}

/* Typing in the search: the message about nobody chosen no longer
 * applies. */
static void
search_text_cb (JdConsultationForm *self)
{
  jd_consultation_form_clear_message (self, JD_CONSULTATION_FIELD_VISITOR);
}

/* The search needs the form's store, so it is made once the form has
 * it. Its entry is the visitor field: its message goes right under it. */
void
jd_consultation_form_add_search (JdConsultationForm *self)
{
  GtkWidget *search = jd_visitor_search_new (self->store);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Find Visitor"));
  GtkWidget *empty = adw_action_row_new ();
  GtkWidget *empty_list = gtk_list_box_new ();
  GtkWidget *message = gtk_label_new (NULL);

  self->search = JD_VISITOR_SEARCH (search);
  jd_visitor_search_set_compact (self->search, TRUE);

  /* Named like the entry row it replaced: Alt+F, and its name for
   * screen readers through the mnemonic. */
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), jd_visitor_search_get_entry (self->search));
  jd_visitor_search_set_entry_label (self->search, gtk_label_get_text (GTK_LABEL (label)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (empty), _("No one found"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (empty),
                               _("Register the person at the Front Desk first, or choose Anonymous."));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (empty), FALSE);
  gtk_widget_set_focusable (empty, FALSE);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (empty_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (empty_list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (empty_list), empty);
  jd_visitor_search_set_empty_child (self->search, empty_list);

  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_widget_set_margin_start (message, 12);
  gtk_widget_set_margin_end (message, 12);
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);
  jd_visitor_search_add_header (self->search, message);

  gtk_box_append (self->search_box, label);
  gtk_box_append (self->search_box, search);

  self->rows[JD_CONSULTATION_FIELD_VISITOR] = jd_visitor_search_get_entry (self->search);
  self->messages[JD_CONSULTATION_FIELD_VISITOR] = message;

  g_signal_connect_object (search, "activated", G_CALLBACK (search_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (search, "notify::text", G_CALLBACK (search_text_cb), self, G_CONNECT_SWAPPED);
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
