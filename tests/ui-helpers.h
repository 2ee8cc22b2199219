/* ui-helpers.h: driving real widgets in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

/* The private session bus of this test program. */
static inline GTestDBus **
ui_test_bus (void)
{
  static GTestDBus *bus;

  return &bus;
}

/* Opens the display for the widget tests, on a D-Bus session bus of
 * their own: a desktop's bus (or one that dbus-x11 starts for the X
 * server) would see every application of the program and of other
 * test programs. Call ui_test_finish() with g_test_run()'s status. */
static inline void
ui_test_bus_up (void)
{
  /* GTestDBus forgets the display so that nothing starts a bus for it. */
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  *ui_test_bus () = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (*ui_test_bus ());
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
}

static inline void
ui_test_init (int    *argc,
              char ***argv)
{
  ui_test_bus_up ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static inline int
ui_test_finish (int status)
{
  /* Applications and windows may still hold the connection, which
   * g_test_dbus_down() would wait for; the object is kept for the same
   * reason (its finalize would call that). */
  g_test_dbus_stop (*ui_test_bus ());
  return status;
}

/* Registers @app (a JdApplication) on the bus under an id of its own:
 * GApplication exports an object at the path of its id even when it is
 * not unique, so a second application of one process under the same id
 * cannot register while the first lives. */
static inline void
ui_register_app (gpointer app)
{
  static guint n_apps;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s.Test%u",
                                         g_application_get_application_id (app), ++n_apps);

  g_application_set_application_id (app, id);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);
}

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

/* Runs the main loop until @object emits @signal (a signal's name or
 * "notify::property"), at most @seconds; fails the test otherwise. */
static inline void
ui_wait_for (gpointer    object,
             const char *signal,
             guint       seconds)
{
  gboolean emitted = FALSE;
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, ui_timeout_cb, &timed_out);
  gulong handler = g_signal_connect_swapped (object, signal, G_CALLBACK (ui_timeout_cb), &emitted);

  while (!emitted && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (object, handler);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* Runs the main loop while the boolean @property of @object is TRUE,
 * waking on its notify, at most ten seconds; then what it set off. */
static inline void
ui_wait_while (gpointer    object,
               const char *property)
{
  gboolean busy;

  ui_spin ();
  g_object_get (object, property, &busy, NULL);
  if (busy)
    {
      g_autofree char *signal = g_strconcat ("notify::", property, NULL);

      ui_wait_for (object, signal, 10);
      g_object_get (object, property, &busy, NULL);
      g_assert_false (busy);
    }
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

/* Types @keys (xdotool's key names, e.g. "ctrl+z") into @window as a
 * person would: through the X server, so they take the whole way of a
 * real key press, the focused widget's shortcuts included. The keys are
 * sent to @window itself, not to whatever has the focus: test programs
 * run side by side on one X server. Under Xvfb only (xdotool is needed);
 * returns FALSE where that cannot be done. */
static inline gboolean
ui_type_keys (GtkWindow  *window,
              const char *keys)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (xdotool == NULL || !GDK_IS_X11_SURFACE (surface))
    return FALSE;

  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  {
    const char *argv[] = { xdotool, "windowfocus", "--sync", xid, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  /* Let the window learn that it has the focus. */
  ui_spin ();
  {
    const char *argv[] = { xdotool, "key", "--window", xid, "--delay", "50", keys, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The events reach the program in a moment. */
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (20 * 1000);
      ui_spin ();
    }
  return TRUE;
#else
  return FALSE;
#endif
}
