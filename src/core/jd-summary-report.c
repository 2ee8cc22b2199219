/* jd-summary-report.c: the monthly report's title block and headline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are counted once, here and in jd-summary-report-tables.c,
 * into titled tables; the renderers only lay them out. Counting follows
 * the dashboard (jd-stats.c): the centre's days, a visit once per
 * check-in, age, sex, district and NEET status as recorded at the visit.
 */
#define G_LOG_DOMAIN "jd-summary-report"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jd-access.h"
#include "jd-consultation.h"
#include "jd-date-format.h"
#include "jd-db-private.h"
#include "jd-job-private.h"
#include "jd-settings.h"
#include "jd-summary-report-private.h"
#include "jd-validate.h"

/* Tables. */

JdSummaryTable *
jd_summary_table_new (const char *title,
                      const char *note,
                      const char *label_title,
                      guint       n_columns,
                      ...)
{
  JdSummaryTable *table = g_new0 (JdSummaryTable, 1);
  va_list args;

  table->title = g_strdup (title);
  table->note = g_strdup (note);
  table->label_title = g_strdup (label_title);
  table->n_columns = n_columns;
  table->column_titles = g_new0 (char *, n_columns + 1);
  table->kinds = g_new0 (JdSummaryValueKind, n_columns);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_summary_row_free);
  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      table->column_titles[i] = g_strdup (va_arg (args, const char *));
      table->kinds[i] = va_arg (args, JdSummaryValueKind);
    }
  va_end (args);
  return table;
}

void
jd_summary_row_free (JdSummaryRow *row)
{
  g_free (row->label);
  g_free (row->values);
  g_free (row);
}

void
jd_summary_table_free (JdSummaryTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_free (table->note);
  g_free (table->label_title);
  g_strfreev (table->column_titles);
  g_free (table->kinds);
  g_ptr_array_unref (table->rows);
  g_free (table);
}

/* A row of @table with @values (n_columns of them). */
JdSummaryRow *
jd_summary_table_add (JdSummaryTable *table,
                      const char     *label,
                      const double   *values)
{
  JdSummaryRow *row = g_new0 (JdSummaryRow, 1);

  row->label = g_strdup (label);
  row->values = g_new0 (double, table->n_columns);
  if (values != NULL)
    memcpy (row->values, values, sizeof (double) * table->n_columns);
  g_ptr_array_add (table->rows, row);
  return row;
}

/* The total row: each count column summed; a share column is the total
 * of its shares (1 when anything was counted). */
void
jd_summary_table_add_total (JdSummaryTable *table)
{
  JdSummaryRow *total = jd_summary_table_add (table, _("Total"), NULL);

  total->is_total = TRUE;
  for (guint c = 0; c < table->n_columns; c++)
    {
      double sum = 0;

      for (guint r = 0; r + 1 < table->rows->len; r++)
        {
          JdSummaryRow *row = table->rows->pdata[r];

          if (!isnan (row->values[c]))
            sum += row->values[c];
        }
      /* Rounding: shares of 1/3 add up to 0.999…, shown as 100 %. */
      total->values[c] = table->kinds[c] == JD_SUMMARY_VALUE_SHARE ? (sum > 0 ? 1.0 : 0.0) : sum;
    }
}

double
jd_summary_share (guint part,
                  guint whole)
{
  return whole ? (double) part / whole : 0.0;
}

/* The title block. */

static const char *const months[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

char *
jd_summary_report_period_label (const char *from_day,
                                const char *to_day)
{
  GDate from, to, after;

  if (!jd_date_parse (from_day, &from) || !jd_date_parse (to_day, &to))
    return g_strdup_printf ("%s – %s", from_day, to_day);

  after = to;
  g_date_add_days (&after, 1);
  /* A whole calendar month: its name. */
  if (g_date_get_day (&from) == 1 && g_date_get_day (&after) == 1 &&
      g_date_get_year (&from) == g_date_get_year (&to) &&
      g_date_get_month (&from) == g_date_get_month (&to))
    {
      const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month", months[g_date_get_month (&from) - 1]);

      /* Translators: a whole month as a report's period: %1$s the month's
       * name, %2$d the year ("November 2026"). */
      return g_strdup_printf (C_("report period", "%1$s %2$d"), month, (int) g_date_get_year (&from));
    }
  else
    {
      g_autofree char *first = jd_date_format_date (&from);
      g_autofree char *last = jd_date_format_date (&to);

      return g_strdup_printf ("%s – %s", first, last);
    }
}

static char *
district_label_of_code (JdDb       *db,
                        const char *code)
{
  JdStmt *stmt;
  char *label = NULL;

  if (code == NULL || *code == '\0')
    return NULL;
  stmt = jd_db_prepare (db, "SELECT " JD_SUMMARY_DISTRICT_NAME " FROM district d WHERE d.code = ?1", NULL);
  if (stmt == NULL)
    return g_strdup (code);
  jd_stmt_bind_text (stmt, 1, code);
  jd_summary_bind_lang (stmt, 2);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    label = g_strdup (jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);
  return label != NULL ? label : g_strdup (code);
}

void
jd_summary_bind_lang (JdStmt *stmt,
                      int     index)
{
  jd_stmt_bind_text_static (stmt, index, C_("district-names", "en"));
}

/* The headline: one figure a row, and the NEET people's share of the
 * unique people beside theirs (NAN: an empty cell). */
static JdSummaryTable *
headline_table (const JdSummaryCounts *n)
{
  JdSummaryTable *table = jd_summary_table_new (_("Headline figures"), NULL, _("Figure"), 2,
                                                _("Number"), JD_SUMMARY_VALUE_COUNT,
                                                _("Share"), JD_SUMMARY_VALUE_SHARE);
  const struct
  {
    const char *label;
    guint       value;
    double      share;
  } figures[] = {
    { _("Visits"), n->visits, NAN },
    { _("Unique people"), n->people, NAN },
    { _("New registrations"), n->new_registrations, NAN },
    { _("NEET people"), n->neet_people, jd_summary_share (n->neet_people, n->people) },
    { _("Consultations held"), n->consultations_held, NAN },
    { _("Did not attend"), n->no_shows, NAN },
    { _("People consulted"), n->people_consulted, NAN },
    { _("Referrals"), n->referrals, NAN },
    { _("Job placements"), n->placements, NAN },
    { _("NEET people placed in jobs"), n->neet_placed, NAN },
    { _("Events held"), n->events, NAN },
    { _("Event participants"), n->participants, NAN },
    { _("Unique event participants"), n->participants_unique, NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      double values[2] = { figures[i].value, figures[i].share };

      jd_summary_table_add (table, figures[i].label, values);
    }
  return table;
}

static gboolean
compute (JdDb             *db,
         JdSummaryReport  *report,
         GError          **error)
{
  JdSummaryPeriod period = { 0 };
  JdSummaryCounts counts = { 0 };
  g_autofree char *to_exclusive = NULL;
  GDate from, to;

  if (!jd_date_parse (report->from_day, &from) || !jd_date_parse (report->to_day, &to) ||
      g_date_compare (&from, &to) > 0 || g_date_days_between (&from, &to) > 3700)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Choose a period whose first day comes before its last, "
                             "at most ten years long."));
      return FALSE;
    }
  g_date_add_days (&to, 1);
  to_exclusive = jd_date_to_iso (&to);
  period.from = jd_db_day_start (db, &from);
  period.to = jd_db_day_start (db, &to);
  period.from_day = report->from_day;
  period.to_day_exclusive = to_exclusive;
  /* Held: events later in a period still in progress are not, yet. */
  period.now = jd_db_now ();

  if (!jd_summary_count_visits (db, &period, &counts, report->tables, error) ||
      !jd_db_count_between (db, "SELECT count(*) FROM visitor WHERE created_at >= ?1 AND created_at < ?2",
                            period.from, period.to, &counts.new_registrations, error) ||
      !jd_summary_count_consultations (db, &period, &counts, report->tables, error) ||
      !jd_summary_count_placements (db, &period, &counts, report->tables, error) ||
      !jd_summary_count_events (db, &period, &counts, report->tables, error))
    return FALSE;
  counts.neet_placed = jd_consultation_count_neet_placed (db, report->from_day, to_exclusive, error);
  if (error != NULL && *error != NULL)
    return FALSE;

  report->headline = headline_table (&counts);
  return TRUE;
}

/**
 * jd_summary_report_new:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
JdSummaryReport *
jd_summary_report_new (JdDb        *db,
                       const char  *from_day,
                       const char  *to_day,
                       const char  *made_by,
                       GError     **error)
{
  g_autoptr(JdSummaryReport) report = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *district = NULL;
  gboolean own_transaction;
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_VIEW_REPORTS, error))
    return NULL;

  report = g_new0 (JdSummaryReport, 1);
  report->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_summary_table_free);
  report->from_day = g_strdup (from_day);
  report->to_day = g_strdup (to_day);

  /* One snapshot for every figure (the caller's, when it has one). */
  own_transaction = !jd_db_in_transaction (db);
  if (own_transaction && !jd_db_exec (db, "BEGIN", error))
    return NULL;

  report->centre_name = jd_db_get_setting (db, JD_SETTING_CENTRE_NAME);
  if (report->centre_name == NULL)
    report->centre_name = g_strdup ("");
  report->centre_code = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);
  if (report->centre_code != NULL && *report->centre_code == '\0')
    g_clear_pointer (&report->centre_code, g_free);
  district = jd_db_get_setting (db, JD_SETTING_CENTRE_DISTRICT);
  report->centre_district = district_label_of_code (db, district);
  report->period_label = jd_summary_report_period_label (from_day, to_day);
  now = jd_db_now_local (db);
  report->made_at = jd_date_format_day_time (now);
  report->made_by = made_by != NULL && *made_by != '\0' ? g_strdup (made_by) : NULL;

  ok = compute (db, report, error);
  if (own_transaction)
    jd_db_exec (db, ok ? "COMMIT" : "ROLLBACK", NULL);
  return ok ? g_steal_pointer (&report) : NULL;
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
  jd_summary_table_free (report->headline);
  g_clear_pointer (&report->tables, g_ptr_array_unref);
  g_free (report);
}

/* On a worker thread (jd-job). */

typedef struct
{
  char            *from_day;
  char            *to_day;
  char            *made_by;
  JdSummaryReport *report;
} ReportJob;

static void
report_job_free (ReportJob *job)
{
  g_free (job->from_day);
  g_free (job->to_day);
  g_free (job->made_by);
  g_clear_pointer (&job->report, jd_summary_report_free);
  g_free (job);
}

static gboolean
report_thread (JdDb            *worker,
               gpointer         data,
               GCancellable    *cancellable,
               JdProgressFunc   progress,
               gpointer         progress_data,
               GError         **error)
{
  ReportJob *job = data;

  job->report = jd_summary_report_new (worker, job->from_day, job->to_day, job->made_by, error);
  return job->report != NULL;
}

void
jd_summary_report_new_async (JdStore             *store,
                             const char          *from_day,
                             const char          *to_day,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(JdStaff) actor = NULL;
  ReportJob *job;

  g_return_if_fail (JD_IS_STORE (store));
  g_return_if_fail (from_day != NULL && to_day != NULL);

  actor = jd_store_dup_actor (store);
  job = g_new0 (ReportJob, 1);
  job->from_day = g_strdup (from_day);
  job->to_day = g_strdup (to_day);
  job->made_by = actor != NULL ? g_strdup (actor->full_name) : NULL;
  jd_job_run (store, jd_summary_report_new_async, report_thread, job, (GDestroyNotify) report_job_free,
              cancellable, NULL, NULL, callback, user_data);
}

/**
 * jd_summary_report_new_finish:
 *
 * Returns: (transfer full) (nullable): the report, or NULL with @error set
 */
JdSummaryReport *
jd_summary_report_new_finish (JdStore       *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  ReportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jd_summary_report_new_async, NULL);

  if (!jd_job_finish (result, (gpointer *) &job, error))
    return NULL;
  return g_steal_pointer (&job->report);
}
