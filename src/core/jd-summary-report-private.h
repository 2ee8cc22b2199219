/* jd-summary-report-private.h: what the report's counting files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db-private.h"
#include "jd-summary-report.h"

G_BEGIN_DECLS

/* A district's name in the interface language (?N bound by
 * jd_summary_bind_lang()). */
#define JD_SUMMARY_DISTRICT_NAME \
  "CASE ?2 WHEN 'kk' THEN d.name_kk WHEN 'ru' THEN d.name_ru ELSE d.name_en END"

/* The period: the centre's days [from, to) in Unix seconds. */
typedef struct
{
  gint64      from;
  gint64      to;
  const char *from_day;          /* ISO, inclusive */
  const char *to_day_exclusive;  /* ISO: the day after the last */
  gint64      now;
} JdSummaryPeriod;

/* The headline figures, filled in as the tables are counted. */
typedef struct
{
  guint visits;
  guint people;
  guint new_registrations;
  guint neet_people;
  guint consultations_held;
  guint no_shows;
  guint people_consulted;
  guint referrals;
  guint placements;
  guint neet_placed;
  guint events;
  guint participants;
  guint participants_unique;
} JdSummaryCounts;

JdSummaryTable *jd_summary_table_new        (const char      *title,
                                             const char      *note,
                                             const char      *label_title,
                                             guint            n_columns,
                                             ...);   /* title, JdSummaryValueKind, … */
void            jd_summary_table_free       (JdSummaryTable  *table);
void            jd_summary_row_free         (JdSummaryRow    *row);
JdSummaryRow   *jd_summary_table_add        (JdSummaryTable  *table,
                                             const char      *label,
                                             const double    *values);
void            jd_summary_table_add_total  (JdSummaryTable  *table);
double          jd_summary_share            (guint            part,
                                             guint            whole);
void            jd_summary_bind_lang        (JdStmt          *stmt,
                                             int              index);
char           *jd_summary_report_period_label (const char   *from_day,
                                                const char   *to_day);

/* jd-summary-report-sheets.c: the CSV text (with its byte order mark),
 * and a sheet name within Excel's 31 characters, cut at a word and
 * unique among @used (added to it, and owned there). */
char           *jd_summary_report_to_csv       (const JdSummaryReport *report,
                                                char                   delimiter);
const char     *jd_summary_sheet_name          (const char            *title,
                                                GPtrArray             *used);

/* jd-summary-report-tables.c: each adds its tables to @tables. */
gboolean        jd_summary_count_visits        (JdDb                  *db,
                                                const JdSummaryPeriod *period,
                                                JdSummaryCounts       *counts,
                                                GPtrArray             *tables,
                                                GError               **error);
gboolean        jd_summary_count_consultations (JdDb                  *db,
                                                const JdSummaryPeriod *period,
                                                JdSummaryCounts       *counts,
                                                GPtrArray             *tables,
                                                GError               **error);
gboolean        jd_summary_count_placements    (JdDb                  *db,
                                                const JdSummaryPeriod *period,
                                                JdSummaryCounts       *counts,
                                                GPtrArray             *tables,
                                                GError               **error);
gboolean        jd_summary_count_events        (JdDb                  *db,
                                                const JdSummaryPeriod *period,
                                                JdSummaryCounts       *counts,
                                                GPtrArray             *tables,
                                                GError               **error);

G_END_DECLS
