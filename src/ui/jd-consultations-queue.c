/* jd-consultations-queue.c: the consultations page's waiting queue, one block per service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-consultation-form.h"
#include "jd-consultation-view.h"
#include "jd-consultation.h"
#include "jd-consultations-page-private.h"
#include "jd-drop-down.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor-rows.h"
#include "jd-visitor.h"

/* The waiting queue. */

static char *
describe_entry (JdDb               *db,
                const JdQueueEntry *entry,
                gint64              now)
{
  g_autofree char *since = jd_consultations_format_clock (db, entry->enqueued_at);
  guint minutes = now > entry->enqueued_at ? (guint) ((now - entry->enqueued_at) / 60) : 0;

  if (entry->called_at != 0)
    {
      g_autofree char *called = jd_consultations_format_clock (db, entry->called_at);

      /* Translators: a person in the queue who was called: the time, and
       * the staff member who called them. */
      return g_strdup_printf (_("Called at %s by %s"), called,
                              entry->called_by_name ? entry->called_by_name : "");
    }

  /* Translators: a person in the queue: since what time they wait, and
   * for how many minutes, e.g. "Waiting since 10:42 · 12 min". */
  return g_strdup_printf (ngettext ("Waiting since %s · %u min", "Waiting since %s · %u min",
                                    minutes),
                          since, minutes);
}

/* One person in a service's queue: who, since when, and a menu. */
static GtkWidget *
create_queue_row_cb (gpointer queue_item,
                     gpointer user_data)
{
  JdConsultationsPage *self = user_data;
  const JdQueueEntry *entry = jd_queue_item_get_entry (queue_item);
  g_autofree char *subtitle = describe_entry (jd_store_get_db (self->store), entry, jd_db_now ());
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) menu_item = NULL;
  GtkWidget *header;
  GtkWidget *row = jd_consultations_light_row_new (entry->visitor_name ? entry->visitor_name : "",
                                                   subtitle, &header);
  GtkWidget *button;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  if (entry->called_at != 0)
    {
      GtkWidget *tag = gtk_label_new (C_("queue", "Called"));

      gtk_widget_add_css_class (tag, "caption");
      gtk_widget_add_css_class (tag, "accent");
      gtk_box_append (GTK_BOX (header), tag);
    }

  menu_item = g_menu_item_new (_("_Left Without a Consultation"), NULL);
  g_menu_item_set_action_and_target_value (menu_item, "consultations.queue-remove",
                                           g_variant_new_int64 (entry->id));
  g_menu_append_item (menu, menu_item);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("More"));
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (header), button);

  return row;
}

/* @model is the service's queue, whose rows @list shows. */
static void
queue_row_activated_cb (GtkListBox    *list,
                        GtkListBoxRow *row,
                        GListModel    *model)
{
  g_autoptr(JdQueueItem) item = g_list_model_get_item (model, (guint) gtk_list_box_row_get_index (row));
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (list), JD_TYPE_CONSULTATIONS_PAGE);

  if (item != NULL && page != NULL)
    jd_consultations_open_queue_entry (JD_CONSULTATIONS_PAGE (page), jd_queue_item_get_entry (item));
}

/* One block per service: its name, how many wait, Call Next, and the
 * people, longest waiting first. */
static GtkWidget *
service_block_new (JdConsultationsPage *self,
                   const char          *service,
                   GPtrArray           *entries)
{
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label, *button, *list;
  g_autoptr(GListStore) model = NULL;
  g_autofree char *count = NULL;
  guint waiting = 0, shown = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const JdQueueEntry *entry = jd_queue_item_get_entry (g_ptr_array_index (entries, i));

      if (g_str_equal (entry->service, service))
        {
          shown++;
          if (entry->called_at == 0)
            waiting++;
        }
    }

  label = gtk_label_new (jd_consultations_service_label (service));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (titles), label);

  count = waiting > 0
          ? g_strdup_printf (ngettext ("%u waiting", "%u waiting", waiting), waiting)
          : g_strdup (_("Nobody waiting"));
  label = gtk_label_new (count);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (titles), label);
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_box_append (GTK_BOX (top), titles);

  button = gtk_button_new_with_mnemonic (_("_Call Next"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  if (waiting > 0)
    {
      /* Translators: a tooltip; %s is a service, e.g. "Legal advice". */
      g_autofree char *tip = g_strdup_printf (_("Call the person who has waited longest for %s"),
                                              jd_consultations_service_label (service));

      gtk_widget_set_tooltip_text (button, tip);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "consultations.call-next");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (service));
      gtk_widget_add_css_class (button, "suggested-action");
    }
  else
    {
      /* Without an action: an enabled action would make it sensitive. */
      gtk_widget_set_sensitive (button, FALSE);
    }
  gtk_box_append (GTK_BOX (top), button);
  gtk_box_append (GTK_BOX (block), top);

  if (shown > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      jd_consultations_service_label (service), -1);
      model = g_list_store_new (JD_TYPE_QUEUE_ITEM);
      for (guint i = 0; i < entries->len; i++)
        {
          JdQueueItem *item = g_ptr_array_index (entries, i);

          if (g_str_equal (jd_queue_item_get_entry (item)->service, service))
            g_list_store_append (model, item);
        }
      gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (model), create_queue_row_cb, self, NULL);
      g_signal_connect_data (list, "row-activated", G_CALLBACK (queue_row_activated_cb),
                             g_object_ref (model), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
      gtk_box_append (GTK_BOX (block), list);
    }

  return block;
}

void
jd_consultations_refresh_queue (JdConsultationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) actor = jd_consultations_get_actor (self);
  g_auto(GStrv) services = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint blocks = 0;

  jd_consultations_clear_box (self->queue_box);
  g_list_store_remove_all (self->queue);
  if (actor == NULL || !self->allowed)
    return;

  list = jd_queue_list (jd_store_get_db (self->store), NULL, jd_db_now (), &error);
  if (list == NULL)
    {
      jd_consultations_show_error (self, error);
      return;
    }
  entries = jd_queue_items_take (list);

  services = jd_consultations_queue_services (actor);
  for (guint i = 0; services[i] != NULL; i++)
    {
      gboolean any = FALSE;

      for (guint j = 0; j < entries->len && !any; j++)
        any = g_str_equal (jd_queue_item_get_entry (g_ptr_array_index (entries, j))->service, services[i]);

      /* A specialist sees each of their services, empty or not; the
       * others only the services someone waits for. */
      if (!any && actor->role != JD_ROLE_SPECIALIST)
        continue;
      gtk_box_append (GTK_BOX (self->queue_box), service_block_new (self, services[i], entries));
      blocks++;
    }

  gtk_widget_set_visible (self->queue_box, blocks > 0);
  gtk_widget_set_visible (self->queue_empty, blocks == 0);
  g_list_store_splice (self->queue, 0, 0, entries->pdata, entries->len);
}

const JdQueueEntry *
jd_consultations_find_entry (JdConsultationsPage *self,
                             gint64               entry_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JdQueueItem) item = g_list_model_get_item (G_LIST_MODEL (self->queue), i);

      /* The store keeps its own reference: the entry outlives @item. */
      if (jd_queue_item_get_id (item) == entry_id)
        return jd_queue_item_get_entry (item);
    }
  return NULL;
}
