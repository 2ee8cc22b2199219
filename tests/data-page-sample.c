/* data-page-sample.c: Preferences on a centre server, for screenshots
 *
 * data-page-sample CONNINFO: opens the server's database (one with the
 * demo's accounts, --demo-data), signs the administrator in and shows
 * Preferences at its Data page. Not a test: ../shared/tools/shot runs
 * it to see the page in Kazakh and Russian.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "jd-application.h"
#include "jd-data-page.h"
#include "jd-demo.h"
#include "jd-preferences-window.h"

static void
closed_cb (GtkWindow *window,
           GMainLoop *loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStore) store = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  GtkWindow *prefs;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (argc != 2)
    {
      g_printerr ("usage: data-page-sample CONNINFO\n");
      return 2;
    }
  adw_init ();
  /* The application's class registers the resources. */
  g_type_class_unref (g_type_class_ref (JD_TYPE_APPLICATION));

  store = jd_store_open (argv[1], JD_DB_OPEN_CREATE, &error);
  if (store != NULL)
    admin = jd_store_sign_in (store, "admin", JD_DEMO_PASSWORD, &error);
  if (admin == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  prefs = GTK_WINDOW (jd_preferences_window_new (store));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "data");
  loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (prefs, "destroy", G_CALLBACK (closed_cb), loop);
  gtk_window_present (prefs);
  g_main_loop_run (loop);
  return 0;
}
