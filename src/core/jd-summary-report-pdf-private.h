/* jd-summary-report-pdf-private.h: the report's pages as a plan, for
 * the PDF, the printer and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is paginated once into a plan: which item (the title
 * block, a table's caption, its headings, a row, a chart) goes on which
 * page at which height. Counting the pages and drawing one both read
 * the same plan, so the printer's page count is the PDF's.
 */
#pragma once

#include "jd-summary-report.h"

G_BEGIN_DECLS

/* The headline figures, in place of a table index. */
#define JD_REPORT_HEADLINE (-1)

typedef enum
{
  JD_REPORT_ITEM_TITLE,     /* the title block, on the first page */
  JD_REPORT_ITEM_CAPTION,   /* a table's title (and note, the first time) */
  JD_REPORT_ITEM_HEADINGS,  /* a table's column headings */
  JD_REPORT_ITEM_ROW,       /* one row of a table */
  JD_REPORT_ITEM_CHART,     /* bars of a table's first column */
  JD_REPORT_ITEM_SIGNATURE, /* the head's signature, after the last table */
} JdReportItemKind;

typedef struct
{
  JdReportItemKind kind;
  int              table;      /* JD_REPORT_HEADLINE or an index of report->tables */
  int              row;        /* ROW: an index of the table's rows */
  gboolean         continued;  /* CAPTION, HEADINGS: on a page after the table's first */
  double           y;          /* the item's top, in points from the page's top */
  double           height;
} JdReportItem;

typedef struct _JdReportPlan JdReportPlan;

JdReportPlan       *jd_report_plan_new     (const JdSummaryReport *report,
                                            double                 width,
                                            double                 height);
void                jd_report_plan_free    (JdReportPlan          *plan);
guint               jd_report_plan_n_pages (const JdReportPlan    *plan);
/* The items of page @page (from 0), top to bottom. */
const JdReportItem *jd_report_plan_items   (const JdReportPlan    *plan,
                                            guint                  page,
                                            guint                 *n_items);
/* The bottom of the space for items: the footer is below it. */
double              jd_report_plan_bottom  (const JdReportPlan    *plan);

/* Whether a table is also drawn as bars: counts in its first column,
 * a few rows, something to show. */
gboolean            jd_report_table_has_chart (const JdSummaryTable *table);

/* A value as the report prints it: counts grouped as the locale groups
 * thousands, shares as percentages with one decimal. */
char               *jd_report_format_value (double                 value,
                                            JdSummaryValueKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdReportPlan, jd_report_plan_free)

G_END_DECLS
