/* test-a11y.c: what a screen reader gets from the real window, read over
 * AT-SPI on an accessibility bus of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program runs with GTK_A11Y=atspi on a private session bus, starts
 * at-spi-bus-launcher (at-spi2-core) there and walks the accessible tree
 * from a second thread the way a screen reader does: GetChildren and the
 * Name of every node, over D-Bus.
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>
#include <signal.h>

#include "jd-application.h"
#include "jd-check-in-dialog.h"
#include "jd-consultation-form.h"
#include "jd-event-form.h"
#include "jd-visitor-form.h"
#include "jd-front-desk-page.h"
#include "jd-visitor.h"
#include "jd-window.h"
#include "ui-sign-in.h"
#include "visitor-helpers.h"

#define BUS_LAUNCHER "/usr/libexec/at-spi-bus-launcher"

static char *tmp_dir;
static GPid bus_launcher;

/* The accessibility bus's address, as the launcher on the session bus
 * tells it; it may take the launcher a moment to be there. */
static char *
a11y_bus_address (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) session = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      char *address;

      g_clear_error (&error);
      reply = g_dbus_connection_call_sync (session, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                           "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                           G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      if (reply != NULL)
        {
          g_variant_get (reply, "(s)", &address);
          return address;
        }
      g_usleep (50 * 1000);
    }
  g_assert_no_error (error);
  return NULL;
}

typedef struct
{
  char     *address;
  guint     n_nodes;
  GPtrArray *names;     /* every node's name */
  GError   *error;
  guint     seconds;   /* how long to keep reading */
  gboolean  done;
} Walk;

static void
walk_node (GDBusConnection *bus,
           const char      *name,
           const char      *path,
           Walk            *walk,
           guint            depth)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) prop = NULL;
  g_autoptr(GVariantIter) children = NULL;
  const char *child_name, *child_path;

  if (walk->error != NULL || depth > 64)
    return;

  reply = g_dbus_connection_call_sync (bus, name, path, "org.a11y.atspi.Accessible", "GetChildren",
                                       NULL, G_VARIANT_TYPE ("(a(so))"), G_DBUS_CALL_FLAGS_NONE,
                                       10000, NULL, &walk->error);
  if (reply != NULL)
    prop = g_dbus_connection_call_sync (bus, name, path, "org.freedesktop.DBus.Properties", "Get",
                                        g_variant_new ("(ss)", "org.a11y.atspi.Accessible", "Name"),
                                        G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, 10000, NULL,
                                        &walk->error);
  /* A widget that went away while the tree was read is no fault: a
   * screen reader skips it too. */
  if (g_error_matches (walk->error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    {
      g_clear_error (&walk->error);
      return;
    }
  if (prop == NULL)
    return;
  {
    g_autoptr(GVariant) value = NULL;

    g_variant_get (prop, "(v)", &value);
    if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
      g_ptr_array_add (walk->names, g_variant_dup_string (value, NULL));
  }
  walk->n_nodes++;

  /* An application: libatspi (Orca, Accerciser) first asks its cache
   * for every object it knows. */
  if (depth == 1)
    {
      g_autoptr(GVariant) items = NULL;

      items = g_dbus_connection_call_sync (bus, name, "/org/a11y/atspi/cache", "org.a11y.atspi.Cache",
                                           "GetItems", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, 10000,
                                           NULL, &walk->error);
      if (items == NULL)
        return;
    }

  g_variant_get (reply, "(a(so))", &children);
  while (g_variant_iter_next (children, "(&s&o)", &child_name, &child_path))
    walk_node (bus, child_name, child_path, walk, depth + 1);
}

static gboolean
walk_done_cb (gpointer data)
{
  ((Walk *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
walk_thread (gpointer data)
{
  Walk *walk = data;
  g_autoptr(GDBusConnection) bus = NULL;

  bus = g_dbus_connection_new_for_address_sync (walk->address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &walk->error);
  /* From the registry down: the applications, their windows, and all
   * that is in them; again and again for @seconds. */
  if (bus != NULL)
    {
      gint64 until = g_get_monotonic_time () + walk->seconds * G_USEC_PER_SEC;

      do
        {
          g_ptr_array_set_size (walk->names, 0);
          walk->n_nodes = 0;
          walk_node (bus, "org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root", walk, 0);
        }
      while (walk->error == NULL && g_get_monotonic_time () < until);
    }
  g_idle_add (walk_done_cb, walk);
  return NULL;
}

/* Starts reading the whole accessible tree as a screen reader would,
 * over and over for @seconds (once for 0), while the program goes on. */
static Walk *
start_reading (guint seconds)
{
  Walk *walk = g_new0 (Walk, 1);

  walk->names = g_ptr_array_new_with_free_func (g_free);
  walk->seconds = seconds;
  walk->address = a11y_bus_address ();
  g_thread_unref (g_thread_new ("screen-reader", walk_thread, walk));
  return walk;
}

/* Waits for the reader; returns the names read the last time round. */
static GPtrArray *
finish_reading (Walk  *walk,
                guint *n_nodes)
{
  GPtrArray *names;

  while (!walk->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (walk->error);
  g_free (walk->address);
  *n_nodes = walk->n_nodes;
  names = walk->names;
  g_free (walk);
  return names;
}

static GPtrArray *
read_tree (guint *n_nodes)
{
  return finish_reading (start_reading (0), n_nodes);
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return TRUE;
  return FALSE;
}

/* Hidden from a screen reader: not visible itself or inside something
 * that is not. */
static gboolean
is_hidden (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return TRUE;
  return FALSE;
}

/* Whether a screen reader gets a name, as GTK 4.8 finds one: the label
 * property (a button's or a check button's text sets it) or a labelled-by
 * relation (an icon button's tooltip, a switch in a row). Nothing else:
 * a button with a label of its own inside, a menu button or a drop-down
 * reach the reader as "GtkButton" unless given one. */
static gboolean
has_accessible_name (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static gboolean is_control (GtkWidget *widget);

static gboolean
holds_control (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (is_control (c) || holds_control (c))
      return TRUE;
  return FALSE;
}

/* Controls a person operates: each needs a name. */
static gboolean
is_control (GtkWidget *widget)
{
  /* A flow box child is one when it is focused itself (a tile), not
   * when it only holds a control (a filter). */
  if (GTK_IS_FLOW_BOX_CHILD (widget))
    return gtk_widget_get_focusable (widget) && !holds_control (widget);
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)) &&
           !ADW_IS_PREFERENCES_ROW (widget);
  return GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
         GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget);
}

/* A control's description for the failure: its type, its buildable id
 * or that of the nearest ancestor that has one, and its template. */
static char *
describe (GtkWidget *widget)
{
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (widget));

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));

      if (id != NULL)
        {
          g_string_append_printf (text, " %s#%s", w == widget ? "" : "in ", id);
          break;
        }
    }
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (text, " “%s”", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (w), "Jd"))
      {
        g_string_append_printf (text, " (%s)", G_OBJECT_TYPE_NAME (w));
        break;
      }
  return g_string_free (text, FALSE);
}

static void
collect_nameless (GtkWidget *widget,
                  GPtrArray *nameless)
{
  if (!gtk_widget_get_visible (widget))
    return;
  /* A menu button's or a drop-down's inner button is theirs. */
  if (is_control (widget) && !has_accessible_name (widget) &&
      !(GTK_IS_BUTTON (widget) && (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)) ||
                                   GTK_IS_DROP_DOWN (gtk_widget_get_parent (widget)))))
    g_ptr_array_add (nameless, describe (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_nameless (c, nameless);
}

/* Fails listing every control in @root that has no name. */
static void
assert_all_named (GtkWidget *root)
{
  g_autoptr(GPtrArray) nameless = g_ptr_array_new_with_free_func (g_free);

  collect_nameless (root, nameless);
  if (nameless->len > 0)
    {
      g_ptr_array_add (nameless, NULL);
      {
        g_autofree char *list = g_strjoinv ("\n  ", (char **) nameless->pdata);

        g_error ("%u controls of %s have no accessible name:\n  %s", nameless->len - 1,
                 G_OBJECT_TYPE_NAME (root), list);
      }
    }
}

static gint64
add_visitor (JdDb *db)
{
  return test_add_visitor (db, &(TestVisitor) { .surname = "Асанова", .given_name = "Әлия",
                                               .birth_date = "1999-05-04" });
}

static JdApplication *
open_window (const char *db_name)
{
  g_autofree char *path = g_build_filename (tmp_dir, db_name, NULL);
  JdApplication *app = jd_application_new ();

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  return app;
}

/* A screen reader reads the window right after Enter checked someone in:
 * the dialog just closed must not take the program down. */
static void
test_read_after_check_in (void)
{
  g_autoptr(JdApplication) app = open_window ("check-in.db");
  g_autoptr(GPtrArray) names = NULL;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  JdDb *db = jd_store_get_db (jd_application_get_store (app));
  JdFrontDeskPage *page;
  JdCheckInDialog *dialog;
  Walk *walk;
  guint n_nodes = 0;
  gint64 visitor;

  ui_sign_in_admin (jd_application_get_store (app), window);
  visitor = add_visitor (db);
  ui_spin ();
  names = read_tree (&n_nodes);
  g_assert_cmpuint (n_nodes, >, 10);
  g_clear_pointer (&names, g_ptr_array_unref);

  page = JD_FRONT_DESK_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_FRONT_DESK));
  for (guint round = 0; round < 2; round++)
    {
      jd_front_desk_page_check_in (page, visitor);
      ui_spin ();
      dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
      g_assert_nonnull (dialog);
      names = read_tree (&n_nodes);
      g_assert_true (has_name (names, "Check In Әлия Асанова"));
      g_clear_pointer (&names, g_ptr_array_unref);

      /* Enter, typed as the desk does, while a screen reader reads. */
      walk = start_reading (2);
      g_assert_true (ui_type_keys (GTK_WINDOW (dialog), "Return"));
      names = finish_reading (walk, &n_nodes);
      g_assert_false (has_name (names, "Check In Әлия Асанова"));
      g_clear_pointer (&names, g_ptr_array_unref);
      ui_spin ();
      names = read_tree (&n_nodes);
      g_assert_false (has_name (names, "Check In Әлия Асанова"));
      g_clear_pointer (&names, g_ptr_array_unref);
      g_assert_cmpint (jd_front_desk_page_get_last_visit (page), >, 0);
    }

  gtk_window_destroy (window);
  ui_spin ();
}

/* Every button, drop-down, switch and activatable row of every section,
 * and of the dialogs the desk opens, has a name a screen reader can say. */
static void
test_every_control_named (void)
{
  g_autoptr(JdApplication) app = open_window ("names.db");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  JdDb *db = jd_store_get_db (jd_application_get_store (app));
  JdFrontDeskPage *page;
  JdCheckInDialog *dialog;
  gint64 visitor;

  ui_sign_in_admin (jd_application_get_store (app), window);
  visitor = add_visitor (db);
  gtk_window_set_default_size (window, 1280, 800);
  for (JdWindowSection section = 0; section < JD_WINDOW_N_SECTIONS; section++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s",
                                  jd_window_section_name (section));
      ui_spin ();
      g_usleep (200 * 1000);
      ui_spin ();
    }
  assert_all_named (GTK_WIDGET (window));

  /* The bottom tabs are not on screen in a wide window: hidden from a
   * screen reader too. */
  g_assert_true (is_hidden (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW,
                                                                       "switcher_bar"))));

  page = JD_FRONT_DESK_PAGE (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_FRONT_DESK));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "front-desk");
  jd_front_desk_page_check_in (page, visitor);
  ui_spin ();
  dialog = ui_find_toplevel (JD_TYPE_CHECK_IN_DIALOG);
  assert_all_named (GTK_WIDGET (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The forms: a visitor, a consultation, an event. */
  {
    const char *actions[] = { "win.new-visitor", "win.log-consultation" };
    GType types[] = { JD_TYPE_VISITOR_FORM, JD_TYPE_CONSULTATION_FORM };

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        GtkWidget *form;
        int width, height;

        gtk_widget_activate_action (GTK_WIDGET (window), actions[i], NULL);
        ui_spin ();
        form = ui_find_toplevel (types[i]);
        g_assert_nonnull (form);
        assert_all_named (form);
        /* It opens on a 1366×768 laptop with room for the top bar; the
         * form scrolls inside. */
        gtk_window_get_default_size (GTK_WINDOW (form), &width, &height);
        g_assert_cmpint (height, <=, 768 - 64);
        gtk_window_destroy (GTK_WINDOW (form));
        ui_spin ();
      }
    gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "events");
    gtk_widget_activate_action (jd_window_get_page (JD_WINDOW (window), JD_WINDOW_SECTION_EVENTS),
                                "events.new", NULL);
    ui_spin ();
    g_assert_nonnull (ui_find_toplevel (JD_TYPE_EVENT_FORM));
    assert_all_named (ui_find_toplevel (JD_TYPE_EVENT_FORM));
    {
      int width, height;

      gtk_window_get_default_size (ui_find_toplevel (JD_TYPE_EVENT_FORM), &width, &height);
      g_assert_cmpint (height, <=, 768 - 64);
    }
    gtk_window_destroy (ui_find_toplevel (JD_TYPE_EVENT_FORM));
    ui_spin ();
  }

  gtk_window_destroy (window);
  ui_spin ();
}

int
main (int   argc,
      char *argv[])
{
  const char *launcher_argv[] = { BUS_LAUNCHER, "--launch-immediately", NULL };
  g_autoptr(GError) error = NULL;
  int status;

  /* What a desktop with a screen reader on has. */
  g_setenv ("GTK_A11Y", "atspi", TRUE);
  g_unsetenv ("NO_AT_BRIDGE");
  ui_test_bus_up ();
  g_assert_true (g_file_test (BUS_LAUNCHER, G_FILE_TEST_IS_EXECUTABLE));
  g_spawn_async (NULL, (char **) launcher_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                 &bus_launcher, &error);
  g_assert_no_error (error);
  g_free (a11y_bus_address ());

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/a11y/read-after-check-in", test_read_after_check_in);
  g_test_add_func ("/jd/a11y/every-control-named", test_every_control_named);

  status = g_test_run ();

  kill (bus_launcher, SIGTERM);
  g_spawn_close_pid (bus_launcher);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
