/* jd-summary-report-pdf.c: TEMPORARY STUB, replaced at merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable report (cairo's PDF surface, GtkPrintOperation) is
 * written in another branch (h/report-pdf); its file replaces this one.
 * Until then the PDF says plainly that it is not there yet.
 */
#define G_LOG_DOMAIN "jd-summary-report"

#include "config.h"


#include "jd-summary-report.h"

gboolean
jd_summary_report_write_pdf (const JdSummaryReport *report,
                             const char            *path,
                             GError               **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "The report cannot be saved as PDF yet.");
  return FALSE;
}

int
jd_summary_report_n_pages (const JdSummaryReport *report,
                           double                 width,
                           double                 height)
{
  return 0;
}

void
jd_summary_report_draw_page (const JdSummaryReport *report,
                             cairo_t               *cr,
                             double                 width,
                             double                 height,
                             int                    page)
{
}
