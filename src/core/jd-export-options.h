/* jd-export-options.h: which report, for which period, in which format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The types the export job (jd-export) and the rows of each report
 * (jd-report-rows) share, apart so that neither header needs the other.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JD_EXPORT_VISITORS,
  JD_EXPORT_VISITS,
  JD_EXPORT_CONSULTATIONS,
  JD_EXPORT_EVENTS,
  JD_EXPORT_ATTENDANCE,
  JD_EXPORT_SUMMARY,
} JdExportKind;

#define JD_EXPORT_N_KINDS (JD_EXPORT_SUMMARY + 1)

typedef enum
{
  JD_EXPORT_FORMAT_CSV,
  JD_EXPORT_FORMAT_XLSX,    /* an Excel workbook */
  JD_EXPORT_FORMAT_PDF,     /* the summary only: pages to print */
} JdExportFormat;

typedef struct
{
  JdExportKind  kind;
  const char   *from_day;    /* ISO, inclusive */
  const char   *to_day;      /* ISO, inclusive: the last day of the period */
  char          delimiter;   /* ';' (default), ',' or '\t' */
  gboolean      anonymize;   /* no names, IIN, phone, e-mail, notes */
  JdExportFormat format;     /* CSV unless asked (the delimiter is CSV's) */
} JdExportOptions;

G_END_DECLS
