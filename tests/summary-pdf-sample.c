/* summary-pdf-sample.c: the fixture's report as a PDF, for the
 * screenshots in data/screenshots (run under LANGUAGE=kk or ru):
 *
 *   LANGUAGE=kk LC_ALL=kk_KZ.UTF-8 build/tests/summary-pdf-sample \
 *     report-kk.pdf build/po
 *   pdftoppm -png -r 70 report-kk.pdf data/screenshots/report-kk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "summary-report-fixture.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  JdSummaryReport *report;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("Usage: %s OUTPUT.pdf [LOCALEDIR]\n", argv[0]);
      return 2;
    }
  bindtextdomain (GETTEXT_PACKAGE, argc > 2 ? argv[2] : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  report = fixture_report_new ();
  if (!jd_summary_report_write_pdf (report, argv[1], &error))
    {
      g_printerr ("%s\n", error->message);
      fixture_report_free (report);
      return 1;
    }
  g_print ("%d pages\n", jd_summary_report_n_pages (report, 595, 842));
  fixture_report_free (report);
  return 0;
}
