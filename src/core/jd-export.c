/* jd-export.c: reports to CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Managers send monthly figures to the akimat and keep lists in Excel;
 * centres bring years of visitors from spreadsheets. Rows are streamed
 * from SQLite to the file (memory stays flat), written to a temporary
 * file and renamed into place only when complete. The rows of each
 * report are built in jd-report-rows.c and written by jd-row-writer.c;
 * here a whole export is run: rights, the period, the file, the record.
 * Importing visitors is in jd-import.c.
 */
#define G_LOG_DOMAIN "jd-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-db-engine.h"
#include "jd-db-private.h"
#include "jd-export-private.h"
#include "jd-job-private.h"
#include "jd-output.h"
#include "jd-report-rows.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-summary-report.h"
#include "jd-validate.h"

static const struct
{
  const char *name;
  const char *label;
  gboolean    personal;
} kinds[JD_EXPORT_N_KINDS] = {
  [JD_EXPORT_VISITORS] = { "visitors", N_("Visitors"), TRUE },
  [JD_EXPORT_VISITS] = { "visits", N_("Visits"), TRUE },
  [JD_EXPORT_CONSULTATIONS] = { "consultations", N_("Consultations"), TRUE },
  [JD_EXPORT_EVENTS] = { "events", N_("Events"), FALSE },
  [JD_EXPORT_ATTENDANCE] = { "attendance", N_("Attendance"), TRUE },
  [JD_EXPORT_SUMMARY] = { "summary", N_("Summary for the Period"), FALSE },
};

gboolean
jd_export_kind_from_string (const char   *text,
                            JdExportKind *kind)
{
  for (guint i = 0; i < JD_EXPORT_N_KINDS; i++)
    {
      if (g_strcmp0 (text, kinds[i].name) == 0)
        {
          *kind = (JdExportKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
jd_export_kind_to_string (JdExportKind kind)
{
  g_return_val_if_fail (kind < JD_EXPORT_N_KINDS, NULL);
  return kinds[kind].name;
}

const char *
jd_export_kind_label (JdExportKind kind)
{
  g_return_val_if_fail (kind < JD_EXPORT_N_KINDS, NULL);
  return _(kinds[kind].label);
}

gboolean
jd_export_kind_is_personal (JdExportKind kind)
{
  g_return_val_if_fail (kind < JD_EXPORT_N_KINDS, FALSE);
  return kinds[kind].personal;
}

char *
jd_export_suggest_name (JdDb                  *db,
                        const JdExportOptions *options)
{
  g_autofree char *centre = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%s%s%s-%s-%s%s.%s", centre && *centre ? centre : "",
                          centre && *centre ? "-" : "", kinds[options->kind].name,
                          options->from_day, options->to_day,
                          options->anonymize ? "-anonymised" : "",
                          options->format == JD_EXPORT_FORMAT_XLSX ? "xlsx"
                          : options->format == JD_EXPORT_FORMAT_PDF ? "pdf" : "csv");
  /* A centre code typed with a slash or a space stays a file name. */
  return g_strdelimit (g_steal_pointer (&name), "/\\: ", '_');
}

JdExportFormat
jd_export_format_for_path (const char *path)
{
  g_return_val_if_fail (path != NULL, JD_EXPORT_FORMAT_CSV);

  if (strlen (path) > 5 && g_ascii_strcasecmp (path + strlen (path) - 5, ".xlsx") == 0)
    return JD_EXPORT_FORMAT_XLSX;
  if (strlen (path) > 4 && g_ascii_strcasecmp (path + strlen (path) - 4, ".pdf") == 0)
    return JD_EXPORT_FORMAT_PDF;
  return JD_EXPORT_FORMAT_CSV;
}

/* A long export or import reads and writes far more pages than the
 * default page cache holds (2 MB), and read the same pages back from the
 * file and the log again and again. For an export 16 MB is as fast as
 * 128 MB was (all 3 million visits: 50 s against 47 s; three months: the
 * same) and keeps the peak memory at 35 MB instead of 155 MB. An import
 * writes every page of its new rows, and keeps them in 128 MB (100,000
 * visitors: 11.5 s instead of 14.6 s). The cache is given back after. */
#define EXPORT_CACHE_KIB 16384

gint64
bulk_cache_begin (JdDb *db,
                  int   kib)
{
  gint64 previous = jd_db_get_cache_size (db);

  jd_db_set_cache_size (db, -(gint64) kib);
  return previous;
}

void
bulk_cache_end (JdDb   *db,
                gint64  previous)
{
  jd_db_set_cache_size (db, previous);
  jd_db_release_memory (db);
}

/* Running a report. */

static gboolean
check_period (JdReport  *e,
              GError   **error)
{
  GDate from, to;

  if (e->options->from_day == NULL || e->options->to_day == NULL ||
      !jd_date_parse (e->options->from_day, &from) || !jd_date_parse (e->options->to_day, &to) ||
      g_date_compare (&from, &to) > 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Choose a period: the first and the last day as YYYY-MM-DD, "
                             "the first not after the last."));
      return FALSE;
    }

  g_date_add_days (&to, 1);
  /* The centre's days. */
  e->from = jd_db_day_start (e->db, &from);
  e->to = jd_db_day_start (e->db, &to);
  e->to_day_exclusive = jd_date_to_iso (&to);
  return TRUE;
}

static gboolean
check_rights (JdDb                  *db,
              const JdExportOptions *options,
              GError               **error)
{
  if (jd_export_kind_is_personal (options->kind) && !options->anonymize)
    return jd_access_check (db, JD_PERM_EXPORT_PERSONAL, error);
  return jd_access_check (db, JD_PERM_VIEW_REPORTS, error);
}

/* The summary: the report a centre sends, made once and written in the
 * format asked for, as the signed-in staff member. */
static gboolean
write_summary (JdReport    *e,
               const char  *path,
               GError     **error)
{
  const JdStaff *actor = jd_access_peek_actor (e->db);
  g_autoptr(JdSummaryReport) report = NULL;
  gint64 cache;

  cache = bulk_cache_begin (e->db, EXPORT_CACHE_KIB);
  /* The command line's actor (id 0, no staff row) is nobody to sign:
   * the report then says when it was made, not by whom. */
  report = jd_summary_report_new (e->db, e->options->from_day, e->options->to_day,
                                  actor != NULL && actor->id > 0 ? actor->full_name : NULL, error);
  bulk_cache_end (e->db, cache);
  if (report == NULL)
    return FALSE;

  e->rows = report->headline->rows->len;
  for (guint i = 0; i < report->tables->len; i++)
    e->rows += ((JdSummaryTable *) report->tables->pdata[i])->rows->len;

  switch (e->options->format)
    {
    case JD_EXPORT_FORMAT_XLSX:
      return jd_summary_report_write_xlsx (report, path, error);
    case JD_EXPORT_FORMAT_PDF:
      return jd_summary_report_write_pdf (report, path, error);
    case JD_EXPORT_FORMAT_CSV:
    default:
      return jd_summary_report_write_csv (report, path, e->options->delimiter ? e->options->delimiter : ';',
                                          error);
    }
}

static gboolean
run (JdReport  *e,
     GError   **error)
{
  gint64 cache;
  gboolean ok, streaming;

  /* One snapshot for the whole file. */
  cache = bulk_cache_begin (e->db, EXPORT_CACHE_KIB);
  if (!jd_db_exec (e->db, "BEGIN", error))
    {
      bulk_cache_end (e->db, cache);
      return FALSE;
    }

  /* A server's rows a batch at a time, not a year of visits at once. */
  streaming = jd_db_set_streaming (e->db, TRUE);
  ok = jd_report_rows_write (e, error);
  jd_db_set_streaming (e->db, streaming);

  jd_db_exec (e->db, ok ? "COMMIT" : "ROLLBACK", NULL);
  bulk_cache_end (e->db, cache);
  return ok;
}

GPtrArray *
jd_export_preview (JdDb                  *db,
                   const JdExportOptions *options,
                   guint                  n_rows,
                   GError               **error)
{
  g_autoptr(JdRowWriter) preview = jd_row_writer_new_preview (n_rows);
  JdReport e = { .db = db, .options = options, .writer = preview };
  gboolean ok;

  g_return_val_if_fail (db != NULL && options != NULL, NULL);
  e.local_day.tz = jd_db_get_time_zone (db);

  ok = check_rights (db, options, error) && check_period (&e, error) && run (&e, error);
  g_free (e.to_day_exclusive);
  return ok ? jd_row_writer_steal_preview (preview) : NULL;
}

gboolean
jd_export_to_file (JdDb                  *db,
                   const JdExportOptions *options,
                   const char            *path,
                   GCancellable          *cancellable,
                   JdProgressFunc         progress,
                   gpointer               user_data,
                   guint                 *n_rows,
                   GError               **error)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *detail = NULL;
  int temp_fd = -1;
  JdReport e = { .db = db, .options = options, .cancellable = cancellable, .progress = progress,
                 .user_data = user_data };
  gboolean ok = FALSE;

  g_return_val_if_fail (db != NULL && options != NULL && path != NULL, FALSE);
  e.local_day.tz = jd_db_get_time_zone (db);

  if (n_rows != NULL)
    *n_rows = 0;
  if (!check_rights (db, options, error) || !check_period (&e, error))
    goto out;
  if (options->format == JD_EXPORT_FORMAT_PDF && options->kind != JD_EXPORT_SUMMARY)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Only the summary report can be saved as PDF. Save this one as CSV or .xlsx."));
      goto out;
    }

  /* Never over the database or a backup. */
  if (!jd_output_check (db, path, JD_OUTPUT_REPORT, error))
    goto out;

  /* A private, locked temporary file beside the target, renamed over it
   * at the end: nothing half-written under the target's name, and
   * nothing left behind that the next export would not clear. */
  target = g_file_new_for_path (path);
  temp_fd = jd_output_temp_new (path, &temp_path, &local_error);
  if (temp_fd < 0)
    goto io_failed;
  temp = g_file_new_for_path (temp_path);
  if (options->kind == JD_EXPORT_SUMMARY)
    {
      if (!write_summary (&e, temp_path, &local_error) ||
          g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        goto io_failed;
    }
  else if (options->format == JD_EXPORT_FORMAT_XLSX)
    {
      e.writer = jd_row_writer_new_xlsx (temp_path, jd_export_kind_label (options->kind),
                                         FALSE, &local_error);
      if (e.writer == NULL || !run (&e, &local_error) || !jd_row_writer_close (e.writer, &local_error))
        goto io_failed;
    }
  else
    {
      /* Written in place: g_file_replace () would add a temporary file
       * of its own, which a killed export would leave behind. */
      io = g_file_open_readwrite (temp, cancellable, &local_error);
      if (io == NULL)
        goto io_failed;
      e.writer = jd_row_writer_new_csv (g_io_stream_get_output_stream (G_IO_STREAM (io)),
                                        options->delimiter ? options->delimiter : ';', cancellable);
      if (!run (&e, &local_error) || !jd_row_writer_close (e.writer, &local_error))
        goto io_failed;
    }
  /* On the disk before it takes the target's name, as g_file_replace ()
   * did: after a power cut the report is whole or absent, never empty. */
  if (fsync (temp_fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      goto io_failed;
    }
  /* Cancelled up to the last moment: no file. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto io_failed;
  if (g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      goto io_failed;
    }
  g_clear_object (&temp);

  /* On record, after the file is in place. */
  detail = g_strdup_printf ("%s %s..%s%s %s", kinds[options->kind].name, options->from_day,
                            options->to_day, options->anonymize ? " anonymised" : "", path);
  if (!jd_db_begin (db, &local_error) ||
      !jd_audit_record (db, JD_AUDIT_EXPORTED, NULL, 0, detail, &local_error) ||
      !jd_db_commit (db, &local_error))
    {
      jd_db_rollback (db);
      g_file_delete (target, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  if (n_rows != NULL)
    *n_rows = e.rows;
  ok = TRUE;
  goto out;

io_failed:
  /* Closed, then deleted while still locked. */
  g_clear_pointer (&e.writer, jd_row_writer_free);
  g_clear_object (&io);
  if (temp_path != NULL)
    g_unlink (temp_path);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      local_error->domain == JD_DB_ERROR || local_error->domain == JD_ACCESS_ERROR)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                 _("The report could not be saved to “%s” (%s). Choose another place."),
                 path, local_error->message);

out:
  g_clear_pointer (&e.writer, jd_row_writer_free);
  g_clear_object (&io);
  if (temp_fd >= 0)
    close (temp_fd);
  g_free (e.to_day_exclusive);
  return ok;
}

/* On a worker thread (jd-job.c). */

/* The job's data. It may be freed on either thread (whichever drops
 * the task last): it holds nothing of the caller's. */
typedef struct
{
  JdExportOptions  options;
  char            *from_day;
  char            *to_day;
  char            *path;
  guint            rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_free (job->from_day);
  g_free (job->to_day);
  g_free (job->path);
  g_free (job);
}

static gboolean
export_thread (JdDb            *worker,
               gpointer         data,
               GCancellable    *cancellable,
               JdProgressFunc   progress,
               gpointer         progress_data,
               GError         **error)
{
  ExportJob *job = data;

  return jd_export_to_file (worker, &job->options, job->path, cancellable, progress, progress_data,
                            &job->rows, error);
}

void
jd_export_run_async (JdStore               *store,
                     const JdExportOptions *options,
                     const char            *dest,
                     GCancellable          *cancellable,
                     JdProgressFunc         progress,
                     gpointer               progress_data,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  ExportJob *job;

  g_return_if_fail (JD_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (dest != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ExportJob, 1);
  job->options = *options;
  job->options.from_day = job->from_day = g_strdup (options->from_day);
  job->options.to_day = job->to_day = g_strdup (options->to_day);
  job->path = g_strdup (dest);
  jd_job_run (store, jd_export_run_async, export_thread, job, (GDestroyNotify) export_job_free,
              cancellable, progress, progress_data, callback, user_data);
}

gboolean
jd_export_run_finish (JdStore       *store,
                      GAsyncResult  *result,
                      guint         *n_rows,
                      GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jd_export_run_async, FALSE);

  if (n_rows != NULL)
    *n_rows = 0;
  if (!jd_job_finish (result, (gpointer *) &job, error))
    return FALSE;
  if (n_rows != NULL)
    *n_rows = job->rows;
  return TRUE;
}
