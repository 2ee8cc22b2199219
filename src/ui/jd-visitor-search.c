/* jd-visitor-search.c: finding a visitor as the receptionist types
 *
 * The front desk and the check-in of an event search the same way, by
 * keyboard alone: type, Up/Down, Enter. This object holds that
 * behaviour for the widgets of either page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor-search"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-search-hit.h"
#include "jd-visitor-row.h"
#include "jd-visitor-search.h"
#include "jd-window.h"

#define MAX_RESULTS 50
/* Fast enough to follow typing, slow enough not to search every letter
 * of a quickly typed name. */
#define SEARCH_DELAY_MS 80

struct _JdVisitorSearch
{
  GObject          parent_instance;

  /* borrowed from the page */
  GtkSearchEntry  *entry;
  GtkStack        *stack;
  GtkListBox      *results;
  GtkLabel        *results_label;

  JdStore         *store;           /* owned; NULL without a database */
  GListStore      *hits;            /* owned: JdSearchHit, shown in @results */

  char            *idle_page;
  GCancellable    *cancellable;
  gboolean         searching;
  gboolean         activate_pending;
  /* typed, and the entry's delay has not run out yet */
  gboolean         typing;
  /* the value of :searching last notified */
  gboolean         notified_searching;
};

G_DEFINE_FINAL_TYPE (JdVisitorSearch, jd_visitor_search, G_TYPE_OBJECT)

enum
{
  ACTIVATED,
  NO_MATCH,
  ANSWERED,
  CLEARED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_SEARCHING,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Notifies :searching when it changed, so that whoever waits for the
 * answer (a test) wakes once for it. */
static void
update_searching (JdVisitorSearch *self)
{
  gboolean searching = jd_visitor_search_is_searching (self);

  if (searching == self->notified_searching)
    return;
  self->notified_searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
activate_row (JdVisitorSearch *self,
              GtkListBoxRow   *row)
{
  g_assert (JD_IS_VISITOR_ROW (row));

  g_signal_emit (self, signals[ACTIVATED], 0, jd_visitor_row_get_hit (JD_VISITOR_ROW (row)));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  return jd_visitor_row_new (JD_SEARCH_HIT (item));
}

static void
show_results (JdVisitorSearch *self,
              GListModel      *hits,
              const char      *query)
{
  g_autofree char *label = NULL;
  guint n = g_list_model_get_n_items (hits);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  /* One ::items-changed: the list box drops the old rows and makes the
   * new ones at once. */
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (hits, i));
  g_list_store_splice (self->hits, 0, g_list_model_get_n_items (G_LIST_MODEL (self->hits)),
                       items->pdata, items->len);

  if (n == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "no-results");
      g_signal_emit (self, signals[ANSWERED], 0, 0u, query);
      return;
    }

  if (n >= MAX_RESULTS)
    label = g_strdup_printf (_("The first %u matches. Type more to narrow them down; Enter checks in the highlighted one."),
                             n);
  else
    label = g_strdup_printf (ngettext ("%u match. Enter checks in the highlighted one.",
                                       "%u matches. Enter checks in the highlighted one.",
                                       n),
                             n);
  gtk_label_set_label (self->results_label, label);
  gtk_list_box_select_row (self->results, gtk_list_box_get_row_at_index (self->results, 0));
  gtk_stack_set_visible_child_name (self->stack, "results");
  g_signal_emit (self, signals[ANSWERED], 0, n, query);
}

typedef struct
{
  JdVisitorSearch *self;         /* not a reference: dispose cancels first */
  GCancellable    *cancellable;
  char            *query;
  gint64           started;
} SearchCall;

static void
search_call_free (SearchCall *call)
{
  g_object_unref (call->cancellable);
  g_free (call->query);
  g_free (call);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchCall *call = user_data;
  JdVisitorSearch *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = jd_search_visitors_finish_hits (result, &error);

  /* A newer keystroke, or dispose, cancelled this search: the page may
   * be gone, so look at nothing but the call. */
  if (g_cancellable_is_cancelled (call->cancellable))
    {
      search_call_free (call);
      return;
    }

  self = g_object_ref (call->self);
  self->searching = FALSE;
  g_debug ("search “%s”: %u results after %.1f ms", call->query,
           results ? g_list_model_get_n_items (results) : 0,
           (g_get_monotonic_time () - call->started) / 1000.0);

  if (results == NULL)
    jd_widget_show_error (GTK_WIDGET (self->entry), error);
  else
    show_results (self, results, call->query);

  if (self->activate_pending && results != NULL && g_list_model_get_n_items (results) > 0)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results);

      if (row != NULL)
        activate_row (self, row);
    }
  self->activate_pending = FALSE;

  search_call_free (call);
  update_searching (self);
  g_object_unref (self);
}

static void
cancel_search (JdVisitorSearch *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->searching = FALSE;
  self->activate_pending = FALSE;
}

static void
search_changed_cb (JdVisitorSearch *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  SearchCall *call;

  cancel_search (self);
  self->typing = FALSE;

  if (*query == '\0' || self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->idle_page);
      g_signal_emit (self, signals[CLEARED], 0);
      update_searching (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->searching = TRUE;

  call = g_new0 (SearchCall, 1);
  call->self = self;
  call->cancellable = g_object_ref (self->cancellable);
  call->query = g_strdup (query);
  call->started = g_get_monotonic_time ();
  jd_search_visitors_async (jd_db_get_path (jd_store_get_db (self->store)), query, MAX_RESULTS, self->cancellable,
                            search_done_cb, call);
  update_searching (self);
}

static void
changed_cb (JdVisitorSearch *self)
{
  self->typing = TRUE;
  update_searching (self);
}

static void
search_activate_cb (JdVisitorSearch *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  GtkListBoxRow *row;

  /* Enter typed before the answer came: act on it when it comes. */
  if (self->searching)
    {
      self->activate_pending = TRUE;
      return;
    }

  if (g_str_equal (page, "no-results"))
    {
      g_signal_emit (self, signals[NO_MATCH], 0, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
      return;
    }

  row = gtk_list_box_get_selected_row (self->results);
  if (g_str_equal (page, "results") && row != NULL)
    activate_row (self, row);
}

static void
stop_search_cb (JdVisitorSearch *self)
{
  jd_visitor_search_clear (self);
}

static void
row_activated_cb (JdVisitorSearch *self,
                  GtkListBoxRow   *row)
{
  activate_row (self, row);
}

/* Up and Down move the highlight while the focus stays in the search. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JdVisitorSearch       *self)
{
  GtkListBoxRow *row, *next;
  int delta;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    delta = 1;
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    delta = -1;
  else
    return GDK_EVENT_PROPAGATE;

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    return GDK_EVENT_PROPAGATE;

  row = gtk_list_box_get_selected_row (self->results);
  next = gtk_list_box_get_row_at_index (self->results, row ? gtk_list_box_row_get_index (row) + delta : 0);
  if (next != NULL)
    gtk_list_box_select_row (self->results, next);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return GDK_EVENT_STOP;
}

JdSearchHit *
jd_visitor_search_get_selected (JdVisitorSearch *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), NULL);

  row = gtk_list_box_get_selected_row (self->results);
  return row ? jd_visitor_row_get_hit (JD_VISITOR_ROW (row)) : NULL;
}

gboolean
jd_visitor_search_is_searching (JdVisitorSearch *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), FALSE);

  return self->typing || self->searching;
}

void
jd_visitor_search_clear (JdVisitorSearch *self)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  /* Emptying the entry shows the idle page through ::search-changed. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

JdVisitorSearch *
jd_visitor_search_new (JdStore        *store,
                       GtkSearchEntry *entry,
                       GtkStack       *stack,
                       const char     *idle_page,
                       GtkListBox     *results,
                       GtkLabel       *results_label)
{
  JdVisitorSearch *self;
  GtkEventController *keys;

  g_return_val_if_fail (store == NULL || JD_IS_STORE (store), NULL);
  g_return_val_if_fail (GTK_IS_SEARCH_ENTRY (entry), NULL);
  g_return_val_if_fail (GTK_IS_STACK (stack) && idle_page != NULL, NULL);
  g_return_val_if_fail (GTK_IS_LIST_BOX (results) && GTK_IS_LABEL (results_label), NULL);

  self = g_object_new (JD_TYPE_VISITOR_SEARCH, "store", store, NULL);
  self->entry = entry;
  self->stack = stack;
  self->idle_page = g_strdup (idle_page);
  self->results = results;
  self->results_label = results_label;
  gtk_list_box_bind_model (results, G_LIST_MODEL (self->hits), create_row_cb, NULL, NULL);

  gtk_search_entry_set_search_delay (entry, SEARCH_DELAY_MS);
  g_signal_connect_object (entry, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "activate", G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "stop-search", G_CALLBACK (stop_search_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (results, "row-activated", G_CALLBACK (row_activated_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  return self;
}

static void
jd_visitor_search_dispose (GObject *object)
{
  JdVisitorSearch *self = JD_VISITOR_SEARCH (object);

  cancel_search (self);
  /* The list box is the page's: it must not keep showing our model. */
  if (self->results != NULL)
    gtk_list_box_bind_model (self->results, NULL, NULL, NULL, NULL);
  self->results = NULL;
  g_clear_object (&self->hits);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_visitor_search_parent_class)->dispose (object);
}

static void
jd_visitor_search_finalize (GObject *object)
{
  g_free (JD_VISITOR_SEARCH (object)->idle_page);

  G_OBJECT_CLASS (jd_visitor_search_parent_class)->finalize (object);
}

static void
jd_visitor_search_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  JdVisitorSearch *self = JD_VISITOR_SEARCH (object);

  switch (prop_id)
    {
    case PROP_SEARCHING:
      g_value_set_boolean (value, jd_visitor_search_is_searching (self));
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitor_search_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  JdVisitorSearch *self = JD_VISITOR_SEARCH (object);

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
jd_visitor_search_class_init (JdVisitorSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jd_visitor_search_dispose;
  object_class->finalize = jd_visitor_search_finalize;
  object_class->get_property = jd_visitor_search_get_property;
  object_class->set_property = jd_visitor_search_set_property;

  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whose visitors are searched; %NULL without a database. */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         JD_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, JD_TYPE_SEARCH_HIT);
  signals[NO_MATCH] = g_signal_new ("no-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[CLEARED] = g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
jd_visitor_search_init (JdVisitorSearch *self)
{
  self->hits = g_list_store_new (JD_TYPE_SEARCH_HIT);
}
