/* jd-summary-report.h: the monthly report a centre sends as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One model, several renderings: the report's figures are computed once
 * (jd-summary-report.c) into titled tables, and each format lays the
 * same tables out: CSV and XLSX (jd-summary-report-sheets.c), and PDF
 * or a printer page by page with cairo (jd-summary-report-pdf.c). No
 * renderer computes a figure; every table's rows add up to its total
 * row, and tests check each figure against SQL of their own.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "jd-db.h"
#include "jd-store.h"

G_BEGIN_DECLS

typedef enum
{
  JD_SUMMARY_VALUE_COUNT,   /* a whole number */
  JD_SUMMARY_VALUE_SHARE,   /* 0–1, shown as a percentage */
} JdSummaryValueKind;

typedef struct
{
  char     *label;
  double   *values;         /* one per column of the table; NAN (isnan())
                             * is an empty cell: the headline has a share
                             * only beside the NEET people */
  gboolean  is_total;       /* the last row: the sum of the others */
} JdSummaryRow;

typedef struct
{
  char               *title;         /* "People by age band" */
  char               *note;          /* how it is counted, nullable */
  char               *label_title;   /* the first column's heading */
  guint               n_columns;     /* value columns */
  char              **column_titles; /* n_columns headings */
  JdSummaryValueKind *kinds;         /* n_columns */
  GPtrArray          *rows;          /* JdSummaryRow */
  gboolean            chart;         /* one of the dashboard's charts: drawn
                                      * as bars under the table in print */
} JdSummaryTable;

typedef struct
{
  /* the title block */
  char      *centre_name;
  char      *centre_code;      /* nullable */
  char      *centre_district;  /* nullable: the district's label */
  char      *from_day;         /* ISO, inclusive */
  char      *to_day;           /* ISO, inclusive: the last day */
  char      *period_label;     /* "November 2026", or "01.11.2026 – 15.11.2026" */
  char      *made_at;          /* the centre's local "dd.mm.yyyy HH:MM" */
  char      *made_by;          /* the signed-in staff member's full name, nullable */

  JdSummaryTable *headline;    /* one value column: the headline figures */
  GPtrArray      *tables;      /* JdSummaryTable: the breakdowns, in order */
} JdSummaryReport;

/* The report for the centre's days [@from_day, @to_day] (ISO, both
 * inclusive), made now by the store's actor @made_by (nullable). */
JdSummaryReport *jd_summary_report_new        (JdDb               *db,
                                               const char         *from_day,
                                               const char         *to_day,
                                               const char         *made_by,
                                               GError            **error);
void             jd_summary_report_free       (JdSummaryReport    *report);
/* The same for the store's signed-in person, on a worker thread with a
 * connection of its own: a year's report reads seconds of rows, which
 * must not hold the window. */
void             jd_summary_report_new_async  (JdStore            *store,
                                               const char         *from_day,
                                               const char         *to_day,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
JdSummaryReport *jd_summary_report_new_finish (JdStore            *store,
                                               GAsyncResult       *result,
                                               GError            **error);

/* Renderings. CSV: the title block, then each table under its title,
 * separated by empty lines (UTF-8 with a BOM, ';' by default as every
 * export). XLSX: one titled sheet per table, with print areas and
 * repeating headings. PDF: A4 pages drawn by
 * jd_summary_report_draw_page(). */
gboolean         jd_summary_report_write_csv  (const JdSummaryReport *report,
                                               const char         *path,
                                               char                delimiter,
                                               GError            **error);
gboolean         jd_summary_report_write_xlsx (const JdSummaryReport *report,
                                               const char         *path,
                                               GError            **error);
gboolean         jd_summary_report_write_pdf  (const JdSummaryReport *report,
                                               const char         *path,
                                               GError            **error);

/* Page layout for printing: the number of pages at @width × @height
 * points, and one page drawn on @cr (GtkPrintOperation's draw-page calls
 * it with the print context's cairo context). */
int              jd_summary_report_n_pages    (const JdSummaryReport *report,
                                               double              width,
                                               double              height);
void             jd_summary_report_draw_page  (const JdSummaryReport *report,
                                               cairo_t            *cr,
                                               double              width,
                                               double              height,
                                               int                 page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdSummaryReport, jd_summary_report_free)

G_END_DECLS
