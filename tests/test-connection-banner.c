/* test-connection-banner.c: the window's banner while the centre server
 * cannot be reached
 *
 * The store's connection-state is set by hand (a file never loses its
 * server; tests/test-pg-live.c checks the real thing on a server): the
 * banner shows while the server is lost or being reached again, "Try
 * Now" only while waiting, and the sections stay as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"

#include <adwaita.h>

#include "jd-application.h"
#include "jd-window.h"
#include "ui-sign-in.h"

static char *tmp_dir;

static GtkWidget *
child (GtkWindow  *window,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, name));
}

static void
test_banner (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "banner.db", NULL);
  g_autoptr(JdApplication) app = jd_application_new ();
  GtkRevealer *banner;
  GtkWidget *button, *label, *front_desk, *stack;
  GtkWidget *page_before;
  const char *section_before;
  JdStore *store;
  GtkWindow *window;
  GList *windows;

  jd_application_set_db_path (app, path);
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  store = jd_application_get_store (app);
  ui_sign_in_admin (store, window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.section", "s", "visitors");
  ui_spin ();

  banner = GTK_REVEALER (child (window, "connection_banner"));
  button = child (window, "connection_button");
  /* The banner's box holds the label, then the button. */
  label = gtk_widget_get_first_child (gtk_revealer_get_child (banner));
  front_desk = child (window, "front_desk_bin");
  stack = child (window, "main_stack");
  g_assert_cmpint (jd_store_get_connection_state (store), ==, JD_STORE_CONNECTION_ONLINE);
  g_assert_false (gtk_revealer_get_reveal_child (banner));

  page_before = adw_bin_get_child (ADW_BIN (front_desk));
  g_assert_nonnull (page_before);
  section_before = jd_window_get_section (JD_WINDOW (window));

  /* Lost: the banner says so, and Try Now can be pressed (it tries a
   * file's nothing). */
  jd_store_set_connection_state (store, JD_STORE_CONNECTION_LOST);
  ui_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "The centre server cannot be reached. Trying again…");
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Try _Now");
  g_signal_emit_by_name (button, "clicked");
  ui_spin ();
  g_assert_cmpint (jd_store_get_connection_state (store), ==, JD_STORE_CONNECTION_LOST);

  /* Trying: still shown, nothing to press. */
  jd_store_set_connection_state (store, JD_STORE_CONNECTION_RECONNECTING);
  ui_spin ();
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_false (gtk_widget_get_sensitive (button));

  /* Back: hidden; the same pages, section and sign-in as before. */
  jd_store_set_connection_state (store, JD_STORE_CONNECTION_ONLINE);
  jd_store_changed (store, JD_TOPIC_ALL);
  ui_spin ();
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_true (adw_bin_get_child (ADW_BIN (front_desk)) == page_before);
  g_assert_cmpstr (jd_window_get_section (JD_WINDOW (window)), ==, section_before);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "content");
  g_assert_cmpint (jd_store_get_actor_id (store), !=, 0);

  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  ui_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  tmp_dir = g_dir_make_tmp (NULL, NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/jd/window/connection-banner", test_banner);
  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return ui_test_finish (status);
}
