/* jd-visitors-detail.c: the visitors page's detail: one person's details and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitors-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "jd-consultation-form.h"
#include "jd-district.h"
#include "jd-drop-down.h"
#include "jd-privacy.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor-form.h"
#include "jd-visitor-list.h"
#include "jd-visitor-model.h"
#include "jd-visitor.h"
#include "jd-visitors-page-private.h"
#include "jd-window.h"

/* A person's details and history. */

static void
add_detail_row (JdVisitorsPage      *self,
                AdwPreferencesGroup *group,
                const char          *title,
                const char          *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value ? value : "", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->detail_rows, row);
}

static void
clear_detail (JdVisitorsPage *self)
{
  for (guint i = 0; i < self->detail_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->detail_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->detail_rows, 0);
}

/* Outcomes of a consultation, as its log form will offer them. */
static const JdChoice outcomes[] = {
  { "resolved", N_("Resolved") },
  { "referred", N_("Referred on") },
  { "follow_up", N_("Follow-up needed") },
  { "no_show", N_("Did not attend") },
  { "placed", N_("Placed in a job") },
};

static char *
history_title (const JdHistoryEntry *entry)
{
  guint n;
  const JdChoice *purposes = jd_visit_purposes (&n);

  switch (entry->kind)
    {
    case JD_HISTORY_VISIT:
      {
        g_auto(GStrv) codes = g_strsplit (entry->what, ",", -1);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; codes[i] != NULL; i++)
          if (*codes[i] != '\0')
            g_string_append_printf (text, text->len ? ", %s" : "%s",
                                    jd_choice_label (purposes, n, codes[i]));
        if (text->len == 0)
          return g_strdup (_("Visit"));
        /* Translators: a visit in a visitor's history; %s lists its purposes. */
        return g_strdup_printf (_("Visit: %s"), text->str);
      }
    case JD_HISTORY_CONSULTATION:
      /* Translators: a consultation in a visitor's history; %s is its service. */
      return g_strdup_printf (_("Consultation: %s"), jd_choice_label (purposes, n, entry->what));
    case JD_HISTORY_EVENT:
    default:
      /* Translators: an event a visitor attended; %s is its title. */
      return g_strdup_printf (_("Event: %s"), entry->what);
    }
}

static char *
history_subtitle (JdDb                 *db,
                  const JdHistoryEntry *entry)
{
  g_autofree char *when = jd_visitors_page_format_time (db, entry->time);

  if (entry->kind == JD_HISTORY_CONSULTATION && entry->detail != NULL)
    return g_strdup_printf ("%s · %s", when,
                            jd_choice_label (outcomes, G_N_ELEMENTS (outcomes), entry->detail));

  return g_steal_pointer (&when);
}

/* Without consultations for those who may not know of them. */
static char *
history_summary (GPtrArray *history,
                 gboolean   with_consultations)
{
  guint counts[3] = { 0, 0, 0 };
  g_autofree char *visits = NULL;
  g_autofree char *consultations = NULL;
  g_autofree char *events = NULL;

  for (guint i = 0; i < history->len; i++)
    counts[((JdHistoryEntry *) g_ptr_array_index (history, i))->kind]++;

  visits = g_strdup_printf (ngettext ("%u visit", "%u visits", counts[JD_HISTORY_VISIT]),
                            counts[JD_HISTORY_VISIT]);
  consultations = g_strdup_printf (ngettext ("%u consultation", "%u consultations",
                                             counts[JD_HISTORY_CONSULTATION]),
                                   counts[JD_HISTORY_CONSULTATION]);
  events = g_strdup_printf (ngettext ("%u event", "%u events", counts[JD_HISTORY_EVENT]),
                            counts[JD_HISTORY_EVENT]);

  if (!with_consultations)
    return g_strdup_printf ("%s · %s", visits, events);
  return g_strdup_printf ("%s · %s · %s", visits, consultations, events);
}

/* At most this many entries are shown: the newest. */
#define MAX_HISTORY_ROWS 200

static void
show_history (JdVisitorsPage *self,
              gint64          visitor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = jd_visitor_history (jd_store_get_db (self->store), visitor_id, &error);

  if (history == NULL)
    {
      adw_preferences_group_set_description (self->history_group, NULL);
      add_detail_row (self, self->history_group, _("The history could not be read"), error->message);
      return;
    }

  if (history->len == 0)
    {
      adw_preferences_group_set_description (self->history_group, NULL);
      add_detail_row (self, self->history_group, _("No visits yet"),
                      _("Check-ins at the front desk, consultations and events appear here."));
      return;
    }

  {
    g_autofree char *summary = history_summary (history,
                                                jd_access_allowed (jd_store_get_db (self->store), JD_PERM_CONSULT));

    adw_preferences_group_set_description (self->history_group, summary);
  }

  for (guint i = 0; i < history->len && i < MAX_HISTORY_ROWS; i++)
    {
      const JdHistoryEntry *entry = g_ptr_array_index (history, i);
      g_autofree char *title = history_title (entry);
      g_autofree char *subtitle = history_subtitle (jd_store_get_db (self->store), entry);

      add_detail_row (self, self->history_group, title, subtitle);
    }

  if (history->len > MAX_HISTORY_ROWS)
    {
      guint more = history->len - MAX_HISTORY_ROWS;
      g_autofree char *title = g_strdup_printf (ngettext ("And %u earlier entry", "And %u earlier entries", more),
                                                more);

      add_detail_row (self, self->history_group, title, NULL);
    }
}

static void
show_visitor (JdVisitorsPage *self,
              gint64          visitor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) visitor = jd_visitor_load (jd_store_get_db (self->store), visitor_id, &error);
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *registered = NULL;
  g_autoptr(GString) occupation = NULL;
  guint n;
  const JdChoice *choices;

  clear_detail (self);
  if (visitor == NULL)
    {
      self->shown_id = 0;
      gtk_label_set_label (self->detail_title, error->message);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      gtk_widget_set_sensitive (self->edit_button, FALSE);
      return;
    }

  self->shown_id = visitor_id;
  name = jd_visitor_display_name (visitor);
  gtk_label_set_label (self->detail_title, name);
  gtk_widget_set_sensitive (self->edit_button, TRUE);

  {
    g_autofree char *date = jd_visitors_page_format_date (visitor->birth_date);
    int age = jd_visitors_page_age_today (jd_store_get_db (self->store), visitor->birth_date);

    /* Translators: date of birth and age today on a visitor's page. */
    birth = g_strdup_printf (ngettext ("%s (%d year)", "%s (%d years)", age), date, age);
  }
  add_detail_row (self, self->details_group, _("Date of birth"), birth);
  add_detail_row (self, self->details_group, _("Sex"),
                  visitor->sex == JD_SEX_FEMALE ? C_("sex", "Female") : C_("sex", "Male"));
  if (visitor->iin)
    add_detail_row (self, self->details_group, _("IIN"), visitor->iin);
  phone = jd_visitors_page_format_phone (visitor->phone);
  if (phone)
    add_detail_row (self, self->details_group, _("Phone"), phone);
  if (visitor->email)
    add_detail_row (self, self->details_group, _("E-mail"), visitor->email);
  add_detail_row (self, self->details_group, _("District"),
                  visitor->locality ? visitor->locality : jd_visitors_page_district_name (self, visitor->district_code));

  choices = jd_occupations (&n);
  occupation = g_string_new (jd_choice_label (choices, n, visitor->occupation));
  if (jd_occupation_is_neet (visitor->occupation))
    g_string_append_printf (occupation, " · %s", C_("tag", "NEET"));
  add_detail_row (self, self->details_group, _("Occupation"), occupation->str);
  if (visitor->education)
    {
      choices = jd_education_levels (&n);
      add_detail_row (self, self->details_group, _("Education"),
                      jd_choice_label (choices, n, visitor->education));
    }
  if (visitor->categories != NULL && visitor->categories[0] != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      choices = jd_social_categories (&n);
      for (guint i = 0; visitor->categories[i] != NULL; i++)
        g_string_append_printf (text, i ? ", %s" : "%s",
                                jd_choice_label (choices, n, visitor->categories[i]));
      add_detail_row (self, self->details_group, _("Social categories"), text->str);
    }
  if (visitor->language)
    add_detail_row (self, self->details_group, _("Preferred language"),
                    g_str_equal (visitor->language, "ru") ? _("Russian") : _("Kazakh"));

  if (visitor->consent_by_guardian)
    {
      g_autofree char *guardian_phone = jd_visitors_page_format_phone (visitor->guardian_phone);

      /* Translators: consent to data processing given by a parent or
       * guardian; %s are their name and phone. */
      consent = g_strdup_printf (_("Given by a parent or guardian: %s, %s"),
                                 visitor->guardian_name, guardian_phone);
    }
  else
    {
      consent = g_strdup (visitor->consent_given ? _("Given by the visitor") : _("Not given"));
    }
  add_detail_row (self, self->details_group, _("Consent"), consent);
  if (visitor->created_at > 0)
    {
      registered = jd_visitors_page_format_time (jd_store_get_db (self->store), visitor->created_at);
      add_detail_row (self, self->details_group, _("Registered"), registered);
    }
  if (visitor->notes)
    add_detail_row (self, self->details_group, _("Notes"), visitor->notes);

  show_history (self, visitor_id);

  gtk_stack_set_visible_child_name (self->detail_stack, "visitor");

  /* What the signed-in person may do with it. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visitor.export-personal",
                                 jd_access_allowed (jd_store_get_db (self->store), JD_PERM_EXPORT_PERSONAL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visitor.delete",
                                 jd_access_allowed (jd_store_get_db (self->store), JD_PERM_DELETE_VISITOR));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visitor.log-consultation",
                                 jd_access_allowed (jd_store_get_db (self->store), JD_PERM_CONSULT));
  gtk_widget_set_sensitive (self->more_button,
                            jd_access_allowed (jd_store_get_db (self->store), JD_PERM_EXPORT_PERSONAL) ||
                            jd_access_allowed (jd_store_get_db (self->store), JD_PERM_DELETE_VISITOR) ||
                            jd_access_allowed (jd_store_get_db (self->store), JD_PERM_CONSULT));
}

void
jd_visitors_page_row_activated_cb (JdVisitorsPage *self,
                                   guint           position)
{
  g_autoptr(JdVisitorItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL)
    return;

  show_visitor (self, jd_visitor_item_get_id (item));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
jd_visitors_page_show_visitor (JdVisitorsPage *self,
                               gint64          visitor_id)
{
  g_return_if_fail (JD_IS_VISITORS_PAGE (self));

  show_visitor (self, visitor_id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
jd_visitors_page_back_clicked_cb (JdVisitorsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
form_saved_cb (JdVisitorForm  *form,
               gint64          visitor_id,
               JdVisitorsPage *self)
{
  /* The list follows from the store's ::changed. */
  show_visitor (self, visitor_id);
}

void
jd_visitors_page_edit_clicked_cb (JdVisitorsPage *self)
{
  g_autoptr(GError) error = NULL;
  JdVisitorForm *form = jd_visitor_form_new (self->store);

  if (!jd_visitor_form_load (form, self->shown_id, &error))
    {
      gtk_window_destroy (GTK_WINDOW (form));
      gtk_label_set_label (self->detail_title, error->message);
      return;
    }

  gtk_window_set_transient_for (GTK_WINDOW (form),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}
