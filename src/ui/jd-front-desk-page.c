/* jd-front-desk-page.c: find, register and check in visitors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built for the keyboard: the search has the focus, results follow every
 * keystroke (searched off the main thread, stale answers dropped), Up and
 * Down move the highlight, Enter checks the highlighted person in,
 * Ctrl+N registers someone new with what was typed.
 */
#define G_LOG_DOMAIN "jd-front-desk"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-check-in-dialog.h"
#include "jd-consultation.h"
#include "jd-date-format.h"
#include "jd-front-desk-page.h"
#include "jd-queue.h"
#include "jd-search.h"
#include "jd-visit.h"
#include "jd-visit-item.h"
#include "jd-visitor-rows.h"
#include "jd-visitor-search.h"
#include "jd-validate.h"
#include "jd-visitor-form.h"
#include "jd-visitor.h"
#include "jd-window.h"

/* A busy day has thousands of visits; the desk needs the latest ones. */
#define TODAY_SHOWN 30

struct _JdFrontDeskPage
{
  AdwBin          parent_instance;

  /* template children */
  GtkBox         *content_box;
  GtkWidget      *new_visitor_squeezer;
  GtkWidget      *today_box;
  GtkLabel       *today_label;
  GtkListBox     *today_list;
  AdwStatusPage  *today_empty;
  GtkWidget      *register_button;
  GtkLabel       *register_label;
  GtkLabel       *queue_label;

  /* owned */
  JdStore        *store;
  JdVisitorSearch *search;         /* a child of @content_box */
  GListStore     *today;            /* JdVisitItem, shown in @today_list */
  guint           refresh_source;
  gboolean        drawn;
  gboolean        waiting_for_paint;
  gint64          last_visit_id;
};

G_DEFINE_FINAL_TYPE (JdFrontDeskPage, jd_front_desk_page, ADW_TYPE_BIN)

/* The check-in a toast's Undo takes back. */
typedef struct
{
  JdFrontDeskPage *self;        /* valid while the handler is connected */
  gint64           visit_id;
} ToastUndo;

static void check_out_clicked_cb (GtkButton   *button,
                                  JdVisitItem *visit);

/* "Waiting: Psychological help 2 · Legal advice 1", in the order of the
 * services, and who was called in and by whom, so the desk can send the
 * person along; hidden while nobody waits. */
static void
refresh_queue_counts (JdFrontDeskPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GString) called = NULL;
  g_autoptr(GString) label = g_string_new (NULL);
  const JdChoice *services;
  guint n;

  if (self->store == NULL ||
      (counts = jd_queue_counts (jd_store_get_db (self->store), jd_db_now (), &error)) == NULL ||
      (entries = jd_queue_list (jd_store_get_db (self->store), NULL, jd_db_now (), &error)) == NULL)
    {
      /* Not worth a toast every half minute: the list says the rest. */
      if (error != NULL)
        g_debug ("Queue counts: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->queue_label), FALSE);
      return;
    }

  text = g_string_new (NULL);
  services = jd_consultation_services (&n);
  for (guint i = 0; i < n; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, services[i].code));

      if (count > 0)
        g_string_append_printf (text, "%s%s %u", text->len ? " · " : "",
                                jd_choice_label (services, n, services[i].code), count);
    }

  called = g_string_new (NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      JdQueueEntry *entry = entries->pdata[i];

      if (entry->called_at == 0)
        continue;
      /* Translators: who was called in to a specialist: "Асанов Ержан → Сәуле Қасымова". */
      g_string_append_printf (called, "%s%s → %s", called->len ? " · " : "", entry->visitor_name,
                              entry->called_by_name ? entry->called_by_name : "?");
    }

  if (text->len > 0)
    /* Translators: above the front desk's list; %s is e.g.
     * "Psychological help 2 · Legal advice 1". */
    g_string_append_printf (label, _("Waiting: %s"), text->str);
  if (called->len > 0)
    {
      if (label->len > 0)
        g_string_append_c (label, '\n');
      /* Translators: %s is e.g. "Асанов Ержан → Сәуле Қасымова". */
      g_string_append_printf (label, _("Called in: %s"), called->str);
    }
  gtk_label_set_label (self->queue_label, label->str);
  gtk_widget_set_visible (GTK_WIDGET (self->queue_label), label->len > 0);
}

/* One visit of today's list: who, when, why, and Check Out while the
 * visitor is still here. */
static GtkWidget *
create_today_row_cb (gpointer item,
                     gpointer user_data)
{
  JdFrontDeskPage *self = user_data;
  JdVisitItem *visit = item;
  const char * const *visit_purposes = jd_visit_item_get_purposes (visit);
  g_autoptr(GDateTime) in = jd_db_local_time (jd_store_get_db (self->store), jd_visit_item_get_time_in (visit));
  g_autofree char *time_in = jd_date_format_time (in);
  g_autoptr(GString) subtitle = g_string_new (time_in);
  guint n_purposes;
  const JdChoice *purposes = jd_visit_purposes (&n_purposes);
  GtkWidget *row, *header;

  for (guint j = 0; visit_purposes[j] != NULL; j++)
    g_string_append_printf (subtitle, j == 0 ? " · %s" : ", %s",
                            jd_choice_label (purposes, n_purposes, visit_purposes[j]));

  if (jd_visit_item_get_time_out (visit) > 0)
    {
      g_autoptr(GDateTime) out = jd_db_local_time (jd_store_get_db (self->store), jd_visit_item_get_time_out (visit));
      g_autofree char *time_out = jd_date_format_time (out);

      /* Translators: when a visitor left, e.g. " · left at 12:30". */
      g_string_append_printf (subtitle, _(" · left at %s"), time_out);
    }

  row = jd_light_row_new (jd_visit_item_get_display_name (visit), subtitle->str, &header);

  if (jd_visit_item_get_time_out (visit) == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Check _Out"));

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* The row and its button live no longer than the item. */
      g_signal_connect_object (button, "clicked", G_CALLBACK (check_out_clicked_cb), visit, 0);
      gtk_box_append (GTK_BOX (header), button);
    }

  return row;
}

static void
refresh_today (JdFrontDeskPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint total = 0;

  g_list_store_remove_all (self->today);
  refresh_queue_counts (self);
  if (self->store == NULL)
    return;

  now = jd_db_now_local (jd_store_get_db (self->store));

  visits = jd_visit_list_day (jd_store_get_db (self->store), now, TODAY_SHOWN, &total, &error);
  if (visits == NULL)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  items = g_ptr_array_new_full (visits->len, g_object_unref);
  for (guint i = 0; i < visits->len; i++)
    g_ptr_array_add (items, jd_visit_item_new (g_ptr_array_index (visits, i)));
  /* One ::items-changed: the list box makes the rows at once. */
  g_list_store_splice (self->today, 0, 0, items->pdata, items->len);

  {
    g_autofree char *label = g_strdup_printf (ngettext ("%u visit today", "%u visits today", total),
                                              total);

    if (total > visits->len)
      {
        g_autofree char *more = g_strdup_printf (ngettext ("%s · the latest %u is shown",
                                                           "%s · the latest %u are shown",
                                                           visits->len),
                                                 label, visits->len);

        gtk_label_set_label (self->today_label, more);
      }
    else
      {
        gtk_label_set_label (self->today_label, label);
      }
  }
  gtk_widget_set_visible (GTK_WIDGET (self->today_list), visits->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->today_label), visits->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->today_empty), visits->len == 0);
}

static void
check_out_clicked_cb (GtkButton   *button,
                      JdVisitItem *visit)
{
  JdFrontDeskPage *self;
  g_autoptr(GError) error = NULL;

  self = JD_FRONT_DESK_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), JD_TYPE_FRONT_DESK_PAGE));
  g_assert (self != NULL);

  /* The list follows from the store's ::changed. */
  if (!jd_visit_check_out (jd_store_get_db (self->store), jd_visit_item_get_visit_id (visit), 0, &error))
    jd_widget_show_error (GTK_WIDGET (self), error);
}

static void
undo_check_in (JdFrontDeskPage *self,
               gint64           visit_id)
{
  g_autoptr(GError) error = NULL;

  if (!jd_visit_undo (jd_store_get_db (self->store), visit_id, &error))
    jd_widget_show_error (GTK_WIDGET (self), error);
  else
    jd_widget_add_toast (GTK_WIDGET (self), adw_toast_new (_("Check-in undone")));

  if (self->last_visit_id == visit_id)
    self->last_visit_id = 0;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JdFrontDeskPage *self = JD_FRONT_DESK_PAGE (widget);
  gint64 visit_id = g_variant_get_int64 (parameter);

  undo_check_in (self, visit_id > 0 ? visit_id : self->last_visit_id);
}

/* Ctrl+Z, wherever the focus is on the page. After a check-in the focus
 * is back in the search box, whose own Ctrl+Z (undo typing) would take
 * the key first, so the page looks at it before its children do. With no
 * check-in to take back, the key goes on to the focused widget. */
static gboolean
undo_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   data)
{
  JdFrontDeskPage *self = JD_FRONT_DESK_PAGE (widget);

  if (self->last_visit_id == 0)
    return FALSE;

  undo_check_in (self, self->last_visit_id);
  return TRUE;
}

static void
toast_undo_cb (AdwToast  *toast,
               ToastUndo *undo)
{
  undo_check_in (undo->self, undo->visit_id);
}

/* The Undo of @toast takes back @visit_id, and does nothing once the
 * page is gone (as g_signal_connect_object ()). */
static void
connect_toast_undo (JdFrontDeskPage *self,
                    AdwToast        *toast,
                    gint64           visit_id)
{
  ToastUndo *undo = g_new0 (ToastUndo, 1);
  GClosure *closure;

  undo->self = self;
  undo->visit_id = visit_id;
  closure = g_cclosure_new (G_CALLBACK (toast_undo_cb), undo, (GClosureNotify) (void (*) (void)) g_free);
  g_object_watch_closure (G_OBJECT (self), closure);
  g_signal_connect_closure (toast, "button-clicked", closure, FALSE);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  JdFrontDeskPage *self = data;

  self->refresh_source = 0;
  refresh_today (self);
  return G_SOURCE_REMOVE;
}

/* Once the window has drawn and the search can be typed into: a long
 * list must not hold up start-up. Several requests make one refresh. */
static void
after_first_paint_cb (GdkFrameClock   *clock,
                      JdFrontDeskPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, after_first_paint_cb, self);
  self->waiting_for_paint = FALSE;
  /* The window is on screen and the search can be typed into. */
  self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
}

/* A long list must not hold up start-up: before the page has been drawn
 * once, the list waits for that; several requests make one refresh. */
static void
refresh_today_soon (JdFrontDeskPage *self)
{
  GdkFrameClock *clock;

  if (self->refresh_source != 0 || self->waiting_for_paint)
    return;

  /* Not on screen yet: map() asks again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (self->drawn || clock == NULL)
    {
      self->refresh_source = g_idle_add_full (G_PRIORITY_LOW, refresh_idle_cb, self, NULL);
      return;
    }

  self->drawn = TRUE;
  self->waiting_for_paint = TRUE;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_first_paint_cb), self, 0);
}

static void
show_today (JdFrontDeskPage *self)
{
  refresh_today_soon (self);
}

static void
check_in_response_cb (JdCheckInDialog *dialog,
                      const char      *response,
                      JdFrontDeskPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) purposes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  JdSearchHit *hit = jd_check_in_dialog_get_hit (dialog);
  AdwToast *toast;
  gint64 visit_id;

  if (!g_str_equal (response, "check-in"))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->search));
      return;
    }

  name = jd_visitor_join_name (jd_search_hit_get_given_name (hit), jd_search_hit_get_surname (hit), NULL);
  purposes = jd_check_in_dialog_get_purposes (dialog);

  visit_id = jd_visit_check_in (jd_store_get_db (self->store), jd_search_hit_get_visitor_id (hit),
                                (const char * const *) purposes, 0, &error);
  if (visit_id == 0)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  self->last_visit_id = visit_id;

  /* Translators: a toast after a check-in; %s is the visitor's name. */
  message = g_strdup_printf (_("%s checked in"), name);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  connect_toast_undo (self, toast, visit_id);
  jd_widget_add_toast (GTK_WIDGET (self), toast);

  /* Ready for the next person. */
  jd_visitor_search_clear (self->search);
  show_today (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

void
jd_front_desk_page_check_in_hit (JdFrontDeskPage *self,
                                 JdSearchHit     *hit)
{
  JdCheckInDialog *dialog;

  g_return_if_fail (JD_IS_FRONT_DESK_PAGE (self));
  g_return_if_fail (JD_IS_SEARCH_HIT (hit));

  if (self->store == NULL)
    return;

  dialog = jd_check_in_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), hit);
  g_signal_connect_object (dialog, "response", G_CALLBACK (check_in_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
jd_front_desk_page_check_in (JdFrontDeskPage *self,
                             gint64           visitor_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) visitor = NULL;
  g_autoptr(JdSearchHit) hit = NULL;

  g_return_if_fail (JD_IS_FRONT_DESK_PAGE (self));

  if (self->store == NULL)
    return;

  /* Not found by the search (just registered): the record is read once. */
  visitor = jd_visitor_load (jd_store_get_db (self->store), visitor_id, &error);
  if (visitor == NULL)
    {
      jd_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  hit = jd_search_hit_new_for_visitor (visitor);
  jd_front_desk_page_check_in_hit (self, hit);
}

static void
search_answered_cb (JdFrontDeskPage *self,
                    guint            n_results,
                    const char      *query)
{
  g_autofree char *escaped = NULL;
  g_autofree char *label = NULL;
  GString *plain;

  if (n_results > 0)
    return;

  /* Underscores in what was typed are not mnemonics. */
  plain = g_string_new (NULL);
  for (const char *p = query; *p != '\0'; p++)
    {
      if (*p == '_')
        g_string_append_c (plain, '_');
      g_string_append_c (plain, *p);
    }
  escaped = g_string_free (plain, FALSE);

  /* Translators: a button when nobody matches; %s is what was typed. */
  label = g_strdup_printf (_("Register “%s” as a _New Visitor"), escaped);
  gtk_label_set_label (self->register_label, label);
}

static void
search_activated_cb (JdFrontDeskPage *self,
                     JdSearchHit     *hit)
{
  jd_front_desk_page_check_in_hit (self, hit);
}

/* Enter when nobody matched: register what was typed. */
static void
search_no_match_cb (JdFrontDeskPage *self,
                    const char      *query)
{
  jd_front_desk_page_new_visitor (self);
}

static void
form_saved_cb (GObject         *form,
               gint64           visitor_id,
               JdFrontDeskPage *self)
{
  jd_visitor_search_clear (self->search);
  /* A newcomer has usually come for something: check them in now. */
  jd_front_desk_page_check_in (self, visitor_id);
}

static void
form_open_existing_cb (GObject         *form,
                       gint64           visitor_id,
                       JdFrontDeskPage *self)
{
  g_autoptr(JdVisitor) visitor = jd_visitor_load (jd_store_get_db (self->store), visitor_id, NULL);

  if (visitor != NULL)
    {
      g_autofree char *name = jd_visitor_join_name (visitor->surname, visitor->given_name, visitor->patronymic);

      jd_visitor_search_set_text (self->search, name);
      gtk_widget_grab_focus (GTK_WIDGET (self->search));
    }
}

void
jd_front_desk_page_new_visitor (JdFrontDeskPage *self)
{
  JdVisitorForm *form;

  g_return_if_fail (JD_IS_FRONT_DESK_PAGE (self));

  if (self->store == NULL)
    return;

  form = jd_visitor_form_new (self->store);
  jd_visitor_form_prefill (form, jd_visitor_search_get_text (self->search));
  gtk_window_set_transient_for (GTK_WINDOW (form),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (form, "saved", G_CALLBACK (form_saved_cb), self, 0);
  g_signal_connect_object (form, "open-existing", G_CALLBACK (form_open_existing_cb), self, 0);
  gtk_window_present (GTK_WINDOW (form));
}

static void
new_visitor_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  jd_front_desk_page_new_visitor (JD_FRONT_DESK_PAGE (widget));
}

void
jd_front_desk_page_focus_search (JdFrontDeskPage *self)
{
  g_return_if_fail (JD_IS_FRONT_DESK_PAGE (self));

  jd_visitor_search_focus (self->search);
}

gint64
jd_front_desk_page_get_last_visit (JdFrontDeskPage *self)
{
  g_return_val_if_fail (JD_IS_FRONT_DESK_PAGE (self), 0);

  return self->last_visit_id;
}

gboolean
jd_front_desk_page_is_searching (JdFrontDeskPage *self)
{
  g_return_val_if_fail (JD_IS_FRONT_DESK_PAGE (self), FALSE);

  return jd_visitor_search_is_searching (self->search);
}

static gboolean
is_showing_today (JdFrontDeskPage *self)
{
  return jd_visitor_search_is_idle (self->search);
}

/* Check-ins, registrations and the queue, at this desk or another: the
 * page on screen follows at once; one out of sight when it is shown
 * again (map ()). */
static void
store_changed_cb (JdFrontDeskPage *self,
                  JdTopics         topics)
{
  if ((topics & (JD_TOPIC_VISITORS | JD_TOPIC_VISITS | JD_TOPIC_QUEUE | JD_TOPIC_STAFF)) == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  if (is_showing_today (self))
    refresh_today_soon (self);
  else
    refresh_queue_counts (self);
}

static void
jd_front_desk_page_map (GtkWidget *widget)
{
  JdFrontDeskPage *self = JD_FRONT_DESK_PAGE (widget);

  GTK_WIDGET_CLASS (jd_front_desk_page_parent_class)->map (widget);

  if (is_showing_today (self))
    refresh_today_soon (self);
  else
    refresh_queue_counts (self);
}

static void
jd_front_desk_page_dispose (GObject *object)
{
  JdFrontDeskPage *self = JD_FRONT_DESK_PAGE (object);

  if (self->store != NULL)
    jd_store_unwatch (self->store);
  g_clear_object (&self->store);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_FRONT_DESK_PAGE);
  g_clear_object (&self->today);

  G_OBJECT_CLASS (jd_front_desk_page_parent_class)->dispose (object);
}

enum
{
  PROP_0,
  PROP_SEARCHING,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The search's :searching, the page's own for those who wait on it. */
static void
search_notify_cb (JdFrontDeskPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
jd_front_desk_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SEARCHING:
      g_value_set_boolean (value, jd_front_desk_page_is_searching (JD_FRONT_DESK_PAGE (object)));
      break;

    case PROP_STORE:
      g_value_set_object (value, JD_FRONT_DESK_PAGE (object)->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_front_desk_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JdFrontDeskPage *self = JD_FRONT_DESK_PAGE (object);

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
jd_front_desk_page_constructed (GObject *object)
{
  JdFrontDeskPage *self = JD_FRONT_DESK_PAGE (object);

  G_OBJECT_CLASS (jd_front_desk_page_parent_class)->constructed (object);

  self->search = JD_VISITOR_SEARCH (jd_visitor_search_new (self->store));
  jd_visitor_search_set_placeholder_text (self->search,
                                          /* Translators: IIN is the 12-digit personal number (ЖСН / ИИН) */
                                          _("Name, phone or IIN"));
  jd_visitor_search_set_entry_label (self->search, _("Find a visitor"));
  jd_visitor_search_add_suffix (self->search, self->new_visitor_squeezer);
  jd_visitor_search_add_header (self->search, GTK_WIDGET (self->queue_label));
  jd_visitor_search_set_idle_child (self->search, self->today_box);
  jd_visitor_search_set_empty_child (self->search, self->register_button);
  gtk_box_append (self->content_box, GTK_WIDGET (self->search));
  g_signal_connect_object (self->search, "notify::searching", G_CALLBACK (search_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "activated", G_CALLBACK (search_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "no-match", G_CALLBACK (search_no_match_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "answered", G_CALLBACK (search_answered_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search, "cleared", G_CALLBACK (refresh_today_soon), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->store != NULL);
  if (self->store != NULL)
    {
      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Check-ins at another desk show up here too. */
      jd_store_watch (self->store);
    }
}

static void
jd_front_desk_page_class_init (JdFrontDeskPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_front_desk_page_dispose;
  object_class->constructed = jd_front_desk_page_constructed;
  object_class->get_property = jd_front_desk_page_get_property;
  object_class->set_property = jd_front_desk_page_set_property;

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The centre's data; %NULL without a database. */
  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
  widget_class->map = jd_front_desk_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-front-desk-page.ui");
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, new_visitor_squeezer);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, today_box);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, today_label);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, today_empty);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, register_button);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, register_label);
  gtk_widget_class_bind_template_child (widget_class, JdFrontDeskPage, queue_label);

  gtk_widget_class_install_action (widget_class, "front-desk.new-visitor", NULL,
                                   new_visitor_action);
  gtk_widget_class_install_action (widget_class, "front-desk.undo-check-in", "x",
                                   undo_action);

}

static void
jd_front_desk_page_init (JdFrontDeskPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->today = g_list_store_new (JD_TYPE_VISIT_ITEM);
  gtk_list_box_bind_model (self->today_list, G_LIST_MODEL (self->today), create_today_row_cb, self, NULL);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (undo_shortcut_cb, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
