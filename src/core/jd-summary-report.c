/* jd-summary-report.c: PLACEHOLDER, replaced at the merge by the real
 * figures (the report's own branch). It holds only what the PDF
 * renderer's branch needs to build and test: freeing a report, and a
 * jd_summary_report_new () that says it cannot make one yet.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-summary-report"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-summary-report.h"

JdSummaryReport *
jd_summary_report_new (JdDb        *db,
                       const char  *from_day,
                       const char  *to_day,
                       const char  *made_by,
                       GError     **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (from_day != NULL && to_day != NULL, NULL);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "The monthly report cannot be made in this version yet.");
  return NULL;
}

static void
row_free (JdSummaryRow *row)
{
  g_free (row->label);
  g_free (row->values);
  g_free (row);
}

/* Whether or not the array was made with a free function. */
static void
free_array (GPtrArray      *array,
            GDestroyNotify  free_item)
{
  if (array == NULL)
    return;
  g_ptr_array_set_free_func (array, NULL);
  for (guint i = 0; i < array->len; i++)
    free_item (array->pdata[i]);
  g_ptr_array_unref (array);
}

static void
table_free (JdSummaryTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_free (table->note);
  g_free (table->label_title);
  g_strfreev (table->column_titles);
  g_free (table->kinds);
  free_array (table->rows, (GDestroyNotify) row_free);
  g_free (table);
}

void
jd_summary_report_free (JdSummaryReport *report)
{
  if (report == NULL)
    return;
  g_free (report->centre_name);
  g_free (report->centre_code);
  g_free (report->centre_district);
  g_free (report->from_day);
  g_free (report->to_day);
  g_free (report->period_label);
  g_free (report->made_at);
  g_free (report->made_by);
  table_free (report->headline);
  free_array (report->tables, (GDestroyNotify) table_free);
  g_free (report);
}
