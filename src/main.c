/* main.c: the jastar-desk program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "jd-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(JdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Jastar Desk"));

  app = jd_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
