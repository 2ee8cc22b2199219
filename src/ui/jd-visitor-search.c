/* jd-visitor-search.c: finding a visitor as the receptionist types
 *
 * The front desk and the check-in of an event search the same way, by
 * keyboard alone: type, Up/Down, Enter. This widget is that search:
 * the entry, the line that counts the matches, the people found and
 * "No One Found"; the page adds its own widgets around it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor-search"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "jd-search-hit.h"
#include "jd-visitor-row.h"
#include "jd-visitor-search.h"
#include "jd-window.h"

/* The entry's search delay (80 ms in the template) is fast enough to
 * follow typing, slow enough not to search every letter of a quickly
 * typed name. */
#define MAX_RESULTS 50
/* A compact search sits in a form: a few people are enough to choose
 * from, and more would push the form's fields out of sight. */
#define MAX_COMPACT_RESULTS 8

struct _JdVisitorSearch
{
  GtkWidget        parent_instance;

  /* template children */
  GtkBox          *box;
  GtkBox          *entry_box;
  GtkSearchEntry  *entry;
  GtkStack        *stack;
  AdwBin          *idle_bin;
  GtkListBox      *results;
  GtkLabel        *results_label;
  AdwStatusPage   *no_results_page;
  AdwBin          *compact_empty_bin;

  JdStore         *store;           /* owned; NULL without a database */
  GListStore      *hits;            /* owned: JdSearchHit, shown in @results */

  GCancellable    *cancellable;
  gboolean         searching;
  gboolean         activate_pending;
  /* typed, and the entry's delay has not run out yet */
  gboolean         typing;
  /* the value of :searching last notified */
  gboolean         notified_searching;
  gboolean         compact;
};

G_DEFINE_FINAL_TYPE (JdVisitorSearch, jd_visitor_search, GTK_TYPE_WIDGET)

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
  PROP_COMPACT,
  PROP_SEARCHING,
  PROP_SELECTED,
  PROP_STORE,
  PROP_TEXT,
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

/* A compact search has no idle child: nothing below the entry while it
 * is empty. */
static void
show_page (JdVisitorSearch *self,
           const char      *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), !self->compact || !g_str_equal (name, "idle"));
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
      show_page (self, "no-results");
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
  show_page (self, "results");
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
      show_page (self, "idle");
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
  jd_search_visitors_async (jd_db_get_path (jd_store_get_db (self->store)), query,
                            self->compact ? MAX_COMPACT_RESULTS : MAX_RESULTS, self->cancellable,
                            search_done_cb, call);
  update_searching (self);
}

static void
changed_cb (JdVisitorSearch *self)
{
  self->typing = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  update_searching (self);
}

static void
selected_rows_changed_cb (JdVisitorSearch *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
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

  /* The entry takes every Escape to clear itself; an empty compact
   * search leaves it to the form around it, which cancels. */
  if (self->compact && keyval == GDK_KEY_Escape &&
      *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0' &&
      gtk_widget_activate_action (GTK_WIDGET (self), "form.cancel", NULL))
    return GDK_EVENT_STOP;

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

const char *
jd_visitor_search_get_text (JdVisitorSearch *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
jd_visitor_search_set_text (JdVisitorSearch *self,
                            const char      *text)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
}

gboolean
jd_visitor_search_is_idle (JdVisitorSearch *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "idle") == 0;
}

void
jd_visitor_search_focus (JdVisitorSearch *self)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

GtkWidget *
jd_visitor_search_get_entry (JdVisitorSearch *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), NULL);

  return GTK_WIDGET (self->entry);
}

GtkWidget *
jd_visitor_search_get_list (JdVisitorSearch *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), NULL);

  return GTK_WIDGET (self->results);
}

void
jd_visitor_search_set_placeholder_text (JdVisitorSearch *self,
                                        const char      *text)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  g_object_set (self->entry, "placeholder-text", text, NULL);
}

void
jd_visitor_search_set_entry_label (JdVisitorSearch *self,
                                   const char      *label)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

void
jd_visitor_search_add_suffix (JdVisitorSearch *self,
                              GtkWidget       *suffix)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));
  g_return_if_fail (GTK_IS_WIDGET (suffix));

  gtk_box_append (self->entry_box, suffix);
}

void
jd_visitor_search_add_header (JdVisitorSearch *self,
                              GtkWidget       *header)
{
  GtkWidget *last = GTK_WIDGET (self->entry_box);

  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));
  g_return_if_fail (GTK_IS_WIDGET (header));

  /* Between the entry (and the headers before) and the results. */
  while (gtk_widget_get_next_sibling (last) != GTK_WIDGET (self->stack))
    last = gtk_widget_get_next_sibling (last);
  gtk_box_insert_child_after (self->box, header, last);
}

void
jd_visitor_search_set_idle_child (JdVisitorSearch *self,
                                  GtkWidget       *idle)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  adw_bin_set_child (self->idle_bin, idle);
}

void
jd_visitor_search_set_empty_child (JdVisitorSearch *self,
                                   GtkWidget       *empty)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  if (self->compact)
    adw_bin_set_child (self->compact_empty_bin, empty);
  else
    adw_status_page_set_child (self->no_results_page, empty);
}

/* Compact: to sit among a form's fields. No big "No One Found" page (only
 * the empty child), no line counting the matches, a few results, and an
 * entry of the ordinary size. The front desk and events are not compact. */
void
jd_visitor_search_set_compact (JdVisitorSearch *self,
                               gboolean         compact)
{
  g_return_if_fail (JD_IS_VISITOR_SEARCH (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;

  gtk_box_set_spacing (self->box, compact ? 6 : 18);
  gtk_widget_set_visible (GTK_WIDGET (self->results_label), !compact);
  gtk_widget_set_visible (GTK_WIDGET (self->no_results_page), !compact);
  gtk_widget_set_visible (GTK_WIDGET (self->compact_empty_bin), compact);
  if (compact)
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "front-desk-search");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "front-desk-search");
  show_page (self, gtk_stack_get_visible_child_name (self->stack));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

gboolean
jd_visitor_search_get_compact (JdVisitorSearch *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_SEARCH (self), FALSE);

  return self->compact;
}

static void
jd_visitor_search_constructed (GObject *object)
{
  JdVisitorSearch *self = JD_VISITOR_SEARCH (object);
  GtkEventController *keys;

  G_OBJECT_CLASS (jd_visitor_search_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->results, G_LIST_MODEL (self->hits), create_row_cb, NULL, NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

GtkWidget *
jd_visitor_search_new (JdStore *store)
{
  g_return_val_if_fail (store == NULL || JD_IS_STORE (store), NULL);

  return g_object_new (JD_TYPE_VISITOR_SEARCH, "store", store, NULL);
}

static gboolean
jd_visitor_search_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (JD_VISITOR_SEARCH (widget)->entry));
}

static void
jd_visitor_search_dispose (GObject *object)
{
  JdVisitorSearch *self = JD_VISITOR_SEARCH (object);

  cancel_search (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_VISITOR_SEARCH);
  g_clear_object (&self->hits);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_visitor_search_parent_class)->dispose (object);
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
    case PROP_COMPACT:
      g_value_set_boolean (value, self->compact);
      break;

    case PROP_SEARCHING:
      g_value_set_boolean (value, jd_visitor_search_is_searching (self));
      break;

    case PROP_SELECTED:
      g_value_set_object (value, jd_visitor_search_get_selected (self));
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_TEXT:
      g_value_set_string (value, jd_visitor_search_get_text (self));
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
    case PROP_COMPACT:
      jd_visitor_search_set_compact (self, g_value_get_boolean (value));
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_TEXT:
      jd_visitor_search_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitor_search_class_init (JdVisitorSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jd_visitor_search_constructed;
  object_class->dispose = jd_visitor_search_dispose;
  object_class->get_property = jd_visitor_search_get_property;
  object_class->set_property = jd_visitor_search_set_property;

  /* To sit among a form's fields: see jd_visitor_search_set_compact(). */
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The highlighted hit, or %NULL. */
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         JD_TYPE_SEARCH_HIT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* What is typed. */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whose visitors are searched; %NULL without a database. */
  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] = g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, JD_TYPE_SEARCH_HIT);
  signals[NO_MATCH] = g_signal_new ("no-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ANSWERED] = g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  signals[CLEARED] = g_signal_new ("cleared", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  widget_class->grab_focus = jd_visitor_search_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-visitor-search.ui");
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, box);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, entry_box);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, entry);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, stack);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, idle_bin);
  gtk_widget_class_bind_template_child_full (widget_class, "results_list", FALSE,
                                             G_STRUCT_OFFSET (JdVisitorSearch, results));
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, results_label);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorSearch, compact_empty_bin);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_rows_changed_cb);
  gtk_widget_class_set_css_name (widget_class, "visitor-search");
}

static void
jd_visitor_search_init (JdVisitorSearch *self)
{
  self->hits = g_list_store_new (JD_TYPE_SEARCH_HIT);
  gtk_widget_init_template (GTK_WIDGET (self));
}
