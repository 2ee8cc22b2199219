/* ui-helpers.h: driving real widgets in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

/* Runs what is pending in the main loop, a few rounds. */
static inline void
ui_spin (void)
{
  for (guint i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static inline gboolean
ui_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @busy (@widget) is FALSE, at most ten seconds. */
static inline void
ui_wait_while (gboolean  (*busy) (gpointer widget),
               gpointer    widget)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, ui_timeout_cb, &timed_out);

  /* Searches wait a moment after the last keystroke. */
  g_usleep (150 * 1000);
  ui_spin ();
  while (busy (widget) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  ui_spin ();
}

/* The visible toplevel of @type, or NULL. */
static inline gpointer
ui_find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* A key press as @widget's key controllers see it; it must be handled. */
static inline void
ui_press_key (GtkWidget *widget,
              guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

/* Children of a list box (or any widget). */
static inline guint
ui_n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}
