/* jd-report-rows.h: the rows of each report, for jd-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"
#include "jd-export-options.h"
#include "jd-progress.h"
#include "jd-row-writer.h"

G_BEGIN_DECLS

/* The local day and time of Unix seconds for rows in time order, as
 * DAY_OF and TIME_OF give them: a day's bounds are looked up once and a
 * time inside it is plain arithmetic. strftime (..., 'localtime') three
 * times a row was an eighth of exporting every visit. */
typedef struct
{
  GTimeZone *tz;
  gint64     start;       /* the local day [start, end), Unix seconds */
  gint64     end;
  gboolean   even;        /* no change of UTC offset inside the day */
  char       day[16];     /* YYYY-MM-DD */
} JdLocalDay;

/* One report being written. */
typedef struct
{
  JdDb                  *db;
  const JdExportOptions *options;
  gint64                 from;       /* Unix seconds, inclusive */
  gint64                 to;         /* exclusive: the day after to_day */
  char                  *to_day_exclusive;
  GCancellable          *cancellable;
  JdProgressFunc         progress;
  gpointer               user_data;
  /* Where rows go: a CSV writer, a workbook, or the preview. */
  JdRowWriter           *writer;
  guint                  rows;
  JdLocalDay             local_day;
} JdReport;

gboolean     jd_report_rows_write       (JdReport       *report,
                                         GError        **error);

G_END_DECLS
