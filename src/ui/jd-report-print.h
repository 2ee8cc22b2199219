/* jd-report-print.h: the monthly report printed, or saved as a PDF,
 * from the Reports page and the dashboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"
#include "jd-summary-report.h"

G_BEGIN_DECLS

/* Where the page keeps its period: called when an action runs; sets
 * the first and last day (ISO, both included), or returns FALSE when
 * the period typed is not one (the actions then say so). */
typedef gboolean (*JdReportPeriodFunc) (GtkWidget  *widget,
                                        char      **from_day,
                                        char      **to_day);

/* Adds the "report.print" and "report.save-pdf" actions to @widget:
 * the summary report of the period @period gives, made on @store's
 * connection as the person signed in. A failure is said in a dialog. */
void     jd_report_print_attach    (GtkWidget          *widget,
                                    JdStore            *store,
                                    JdReportPeriodFunc  period);

/* The same, for the days typed in @from and @to (DD.MM.YYYY), which
 * @widget holds. */
void     jd_report_print_attach_entries (GtkWidget   *widget,
                                         JdStore     *store,
                                         GtkEditable *from,
                                         GtkEditable *to);

/* A print operation for @report (which must outlive it): A4, whole
 * pages in points, its pages counted and drawn by src/core. */
GtkPrintOperation *jd_report_print_operation_new (JdSummaryReport *report);

/* Saving a report already made, on a worker thread, as the file
 * chooser's answer does; @report must stay alive until @callback runs.
 * Tests call it with a path. */
void     jd_report_print_save_pdf_async  (GtkWidget            *widget,
                                          JdSummaryReport      *report,
                                          const char           *path,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean jd_report_print_save_pdf_finish (GtkWidget            *widget,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
