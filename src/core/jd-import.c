/* jd-import.c: visitors from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Centres bring years of visitors from spreadsheets. Reading the rows
 * is in jd-import-row.c, the words of three languages in
 * jd-import-labels.c, a big import's duplicates in jd-import-bulk.c;
 * here the file is read, rows checked against people registered and
 * written, all in one transaction.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-csv.h"
#include "jd-db-private.h"
#include "jd-export-private.h"
#include "jd-import-private.h"
#include "jd-output.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-text.h"
#include "jd-validate.h"
#include "jd-visitor.h"

/* An import writes every page of its new rows, and keeps them in
 * 128 MB (100,000 visitors: 11.5 s instead of 14.6 s). */
#define IMPORT_CACHE_KIB 131072
/* In bulk, rows go to the end of their tables and indexes and the
 * indexes that would take them at random are made by sorting: 32 MB is
 * as fast as 128 MB (100,000 visitors: 4.7-5.3 s against 5.1-5.7 s) and
 * the import's peak memory is 131 MB instead of 218 MB. */
#define BULK_IMPORT_CACHE_KIB 32768

const char *
jd_import_text (JdStmt *stmt,
                int     column)
{
  return jd_stmt_column_text (stmt, column);
}


/* Rejected rows go to a file that can be corrected and imported again:
 * the file's own columns and values as they were, then the line and
 * the reason (which an import of it leaves aside). */
static gboolean
reject (Import      *im,
        guint        line,
        const char  *reason,
        GPtrArray   *row,
        GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *number = g_strdup_printf ("%u", line);

  if (im->rejects == NULL && im->rejects_xlsx == NULL)
    {
      g_autoptr(GPtrArray) header = g_ptr_array_new ();
      g_autoptr(GFile) temp = NULL;
      g_autofree char *target = g_file_get_path (im->rejects_file);

      /* Not g_file_replace (): a killed import would leave its own
       * temporary file, with people's details, behind. */
      im->rejects_fd = jd_output_temp_new (target, &im->rejects_temp, error);
      if (im->rejects_fd < 0)
        return FALSE;
      for (guint i = 0; i < im->header->len; i++)
        if (!im->aside[i])
          g_ptr_array_add (header, im->header->pdata[i]);
      g_ptr_array_add (header, _("Line"));
      g_ptr_array_add (header, _("Reason"));
      if (im->workbook)
        {
          /* Written over the locked temporary file when closed. */
          im->rejects_xlsx = jd_xlsx_writer_new (im->rejects_temp, _("Rejected"), FALSE, error);
          if (im->rejects_xlsx == NULL)
            return FALSE;
          if (!jd_xlsx_writer_write_row (im->rejects_xlsx, (const char * const *) header->pdata,
                                         header->len, error))
            return FALSE;
        }
      else
        {
          temp = g_file_new_for_path (im->rejects_temp);
          im->rejects_io = g_file_open_readwrite (temp, NULL, error);
          if (im->rejects_io == NULL)
            return FALSE;
          im->rejects = jd_csv_writer_new (g_io_stream_get_output_stream (G_IO_STREAM (im->rejects_io)),
                                           im->delimiter, TRUE);
          if (!jd_csv_writer_write_row (im->rejects, (const char * const *) header->pdata,
                                        header->len, NULL, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < MAX (im->header->len, row != NULL ? row->len : 0); i++)
    {
      if (i < im->header->len && im->aside[i])
        continue;
      g_ptr_array_add (fields, row != NULL && i < row->len ? row->pdata[i] : (gpointer) "");
    }
  g_ptr_array_add (fields, number);
  g_ptr_array_add (fields, (gpointer) reason);
  if (im->rejects_xlsx != NULL)
    return jd_xlsx_writer_write_row (im->rejects_xlsx, (const char * const *) fields->pdata,
                                     fields->len, error);
  return jd_csv_writer_write_row (im->rejects, (const char * const *) fields->pdata, fields->len,
                                  NULL, error);
}

/* Puts the rejects file in place, or says why it cannot be. */
static gboolean
save_rejects (Import          *im,
              JdImportResult  *result,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  if (im->rejects == NULL && im->rejects_xlsx == NULL)
    return TRUE;
  path = g_file_get_path (im->rejects_file);
  if ((im->rejects_xlsx != NULL ? !jd_xlsx_writer_close (im->rejects_xlsx, &local_error)
                                : (!jd_csv_writer_close (im->rejects, NULL, &local_error) ||
                                   !g_io_stream_close (G_IO_STREAM (im->rejects_io), NULL,
                                                       &local_error))) ||
      fsync (im->rejects_fd) != 0 || g_rename (im->rejects_temp, path) != 0)
    {
      int saved_errno = errno;

      if (local_error == NULL)
        g_set_error_literal (&local_error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                             g_strerror (saved_errno));
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                   _("The list of rows not imported could not be written to “%s” (%s), so nobody "
                     "was imported. Free some space or move the file to a folder you can write "
                     "to, and import it again."),
                   path, local_error->message);
      return FALSE;
    }
  result->rejects_path = g_steal_pointer (&path);
  return TRUE;
}

void
jd_import_result_free (JdImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->rejects_path);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

/* Reading and writing.
 *
 * A thread reads the file and does everything that needs no database
 * (parsing, the registration rules, the name and search keys) a batch of
 * rows ahead, while the import's own thread checks duplicates and
 * writes: on two cores that is about a quarter of the time saved. */

#define BATCH_ROWS     256
#define BATCHES_AHEAD  8

typedef struct
{
  guint          line;
  GPtrArray     *fields;     /* the row as read; NULL when it could not be */
  JdVisitor     *visitor;    /* NULL when @reason says why not */
  gint64         registered;
  char          *reason;
  char          *key;        /* the name key, and without the patronymic */
  char          *short_key;
  JdSearchKeys  *keys;
} Row;

static void
row_free (Row *row)
{
  g_clear_pointer (&row->fields, g_ptr_array_unref);
  g_clear_pointer (&row->visitor, jd_visitor_free);
  g_free (row->reason);
  g_free (row->key);
  g_free (row->short_key);
  g_clear_pointer (&row->keys, jd_search_keys_free);
  g_free (row);
}

typedef struct
{
  Import        *im;
  JdImportSource *reader;
  int            map[N_COLUMNS];
  GDate          today;     /* in the centre's time zone */
  GTimeZone     *zone;
  GCancellable  *cancellable;
  GAsyncQueue   *full;      /* batches read, in order; an empty one ends */
  GAsyncQueue   *empty;     /* batches to fill: how far to read ahead */
  gint           stop;      /* the writer has stopped */
  GError        *error;     /* why the file could not be read to the end */
} Reader;

static Row *
read_row (Reader    *r,
          GPtrArray *fields,
          guint      line)
{
  Row *row = g_new0 (Row, 1);
  g_autoptr(GPtrArray) issues = NULL;
  GDate registered;
  gboolean consent_recorded = FALSE;
  JdVisitor *v;

  row->line = line;
  row->fields = fields;
  if (fields->len > r->im->n_header)
    {
      row->reason = g_strdup_printf (_("The row has %u columns; the header has %u."), fields->len,
                                     r->im->n_header);
      return row;
    }

  v = row->visitor = jd_import_visitor_from_row (r->im, fields, r->map, &registered,
                                                 &consent_recorded, &row->reason);
  if (v == NULL)
    return row;
  issues = jd_visitor_validate (v, &r->today);
  for (guint i = 0; i < issues->len && row->reason == NULL; i++)
    {
      JdFieldIssue *issue = issues->pdata[i];

      if (!issue->is_warning)
        row->reason = g_strdup (issue->message);
    }
  if (row->reason == NULL)
    row->reason = jd_import_check_dates (v, &registered, &r->today);
  if (row->reason != NULL)
    {
      g_clear_pointer (&row->visitor, jd_visitor_free);
      return row;
    }
  v->consent_given = consent_recorded;
  if (g_date_valid (&registered))
    {
      g_autoptr(GDateTime) noon = g_date_time_new (r->zone, g_date_get_year (&registered),
                                                   g_date_get_month (&registered),
                                                   g_date_get_day (&registered), 12, 0, 0);

      row->registered = g_date_time_to_unix (noon);
    }

  row->key = jd_visitor_name_keys (v, &row->short_key);
  row->keys = jd_search_keys_new (v->surname, v->given_name, v->patronymic, v->phone, v->iin);
  return row;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *r = data;
  gboolean more = TRUE;

  while (more)
    {
      GPtrArray *batch = g_async_queue_pop (r->empty);

      if (g_atomic_int_get (&r->stop) || g_cancellable_is_cancelled (r->cancellable))
        {
          g_ptr_array_unref (batch);
          break;
        }
      /* Rows written are freed here, not on the writing thread. */
      g_ptr_array_set_size (batch, 0);
      while (more && batch->len < BATCH_ROWS)
        {
          g_autoptr(GPtrArray) fields = NULL;
          g_autoptr(GError) row_error = NULL;
          guint line = 0;

          if (jd_import_source_next (r->reader, &fields, &line, NULL, &row_error))
            {
              g_ptr_array_add (batch, read_row (r, g_steal_pointer (&fields), line));
              continue;
            }
          /* A row in another encoding is one bad row; a broken quote is
           * a broken file. */
          if (g_error_matches (row_error, JD_CSV_ERROR, JD_CSV_ERROR_ENCODING))
            {
              Row *row = g_new0 (Row, 1);

              row->line = line;
              row->reason = g_strdup (row_error->message);
              g_ptr_array_add (batch, row);
              continue;
            }
          r->error = g_steal_pointer (&row_error);
          more = FALSE;
        }
      if (batch->len > 0)
        g_async_queue_push (r->full, batch);
      else
        g_ptr_array_unref (batch);
    }
  /* The end. */
  g_async_queue_push (r->full, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  return NULL;
}

/* Whether @visitor_id has an IIN other than @iin. */
static gboolean
other_iin (Import      *im,
           gint64       visitor_id,
           const char  *iin,
           gboolean    *other,
           GError     **error)
{
  JdStmt *stmt;
  int rc;

  *other = FALSE;
  if (iin == NULL)
    return TRUE;
  stmt = jd_db_prepare (im->db, "SELECT iin FROM visitor WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    *other = jd_import_text (stmt, 0) != NULL && !g_str_equal (jd_import_text (stmt, 0), iin);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (im->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Whether @dup is a better match than @chosen, found before it: of the
 * same reason, by the whole name @key where @chosen was not (same
 * name and birth date), or by the same key and registered earlier. */
static gboolean
better_duplicate (const JdDuplicate *dup,
                  const JdDuplicate *chosen,
                  const char        *key)
{
  gboolean dup_whole = TRUE, chosen_whole = TRUE;

  if (dup->reason != chosen->reason)
    return FALSE;
  if (dup->reason == JD_DUPLICATE_SAME_NAME_AND_DOB && key != NULL)
    {
      g_autofree char *dup_key = jd_text_fold (dup->display_name);
      g_autofree char *chosen_key = jd_text_fold (chosen->display_name);

      dup_whole = g_strcmp0 (dup_key, key) == 0;
      chosen_whole = g_strcmp0 (chosen_key, key) == 0;
    }
  if (dup_whole != chosen_whole)
    return dup_whole;
  return dup->visitor_id < chosen->visitor_id;
}

/* The first person @row repeats, by the front-desk rules: the same IIN
 * (skipped), or the same name and birth date, or phone, of someone
 * without another IIN (a warning); NULL with no @error when it is
 * someone new. */
static JdDuplicate *
find_duplicate (Import   *im,
                Row      *row,
                GError  **error)
{
  g_autoptr(GPtrArray) duplicates = NULL;
  JdDuplicateReason reason;
  gint64 id;
  int best;

  if (im->bulk)
    {
      id = bulk_duplicate (im, row->visitor, row->key, row->short_key, &reason);
      /* A server's rows gathered are written before one is read. */
      if (id != 0 && !import_server_rows_flush (im, error))
        return NULL;
      return id != 0 ? jd_visitor_load_duplicate (im->db, id, reason, error) : NULL;
    }

  /* The one bulk_duplicate () finds: the strongest reason first (the
   * list's order), the whole name before the one without patronymic,
   * then the person registered first. The list's order within a reason
   * is the engine's (a centre server's differs from a file's). */
  duplicates = jd_visitor_find_duplicates (im->db, row->visitor, error);
  best = -1;
  for (guint i = 0; duplicates != NULL && i < duplicates->len; i++)
    {
      JdDuplicate *dup = duplicates->pdata[i];
      JdDuplicate *chosen = best >= 0 ? duplicates->pdata[best] : NULL;
      gboolean other = FALSE;

      if (chosen != NULL && !better_duplicate (dup, chosen, row->key))
        continue;
      if (dup->reason != JD_DUPLICATE_SAME_IIN &&
          !other_iin (im, dup->visitor_id, row->visitor->iin, &other, error))
        return NULL;
      if (!other)
        best = i;
    }
  return best >= 0 ? g_ptr_array_steal_index (duplicates, best) : NULL;
}

static char *
duplicate_warning (guint              line,
                   const JdDuplicate *dup)
{
  if (dup->reason == JD_DUPLICATE_SAME_PHONE)
    /* Translators: an import's report; %u is a line of the file, then a
     * person's name and birth date. */
    return g_strdup_printf (_("Line %u: imported, but may be %s, born %s, already registered with "
                              "the same phone. Check both records."),
                            line, dup->display_name, dup->birth_date);
  return g_strdup_printf (_("Line %u: imported, but may be %s, already registered with the same "
                            "name and date of birth (%s). Check both records."),
                          line, dup->display_name, dup->birth_date);
}

/* Checks @row for duplicates and writes it, or writes why not to the
 * rejects file. */
static gboolean
write_row (Import          *im,
           Row             *row,
           JdImportResult  *result,
           GError         **error)
{
  g_autoptr(JdDuplicate) dup = NULL;
  g_autoptr(GError) local_error = NULL;
  JdVisitor *visitor;
  char *key;

  if (row->reason != NULL)
    {
      result->rejected++;
      return reject (im, row->line, row->reason, row->fields, error);
    }

  /* Someone already registered (or earlier in this file). */
  dup = find_duplicate (im, row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (dup != NULL && dup->reason == JD_DUPLICATE_SAME_IIN)
    {
      g_autofree char *reason = g_strdup_printf (_("Already registered: %s, born %s."),
                                                 dup->display_name, dup->birth_date);

      result->skipped++;
      return reject (im, row->line, reason, row->fields, error);
    }

  visitor = row->visitor;
  key = row->key;
  if (im->server_rows != NULL)
    {
      /* Written with others; they stay valid until then. */
      row->visitor = NULL;
      row->key = NULL;
      if (!import_server_rows_add (im, visitor, row->registered, key, g_steal_pointer (&row->keys), error))
        return FALSE;
    }
  else if (!jd_visitor_insert_unlocked (im->db, visitor, row->registered, key, row->keys, error))
    return FALSE;
  if (im->bulk)
    remember_visitor (im, visitor->id, visitor->iin, visitor->phone, key, visitor->birth_date, FALSE);
  result->imported++;
  /* A warning never skips a row: the person is imported and listed. */
  if (dup != NULL)
    {
      result->warned++;
      g_ptr_array_add (result->warnings, duplicate_warning (row->line, dup));
    }
  return import_server_rows_maybe_flush (im, error);
}

static gboolean
import_rows (Import             *im,
             JdImportSource     *reader,
             JdImportResult     *result,
             GCancellable       *cancellable,
             JdProgressFunc      progress,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GDateTime) now = NULL;
  Reader r = { .im = im, .reader = reader, .cancellable = cancellable };
  GThread *thread;
  gboolean ok = TRUE;
  guint line = 0;

  /* Read once here, not for the first time on the reading thread. */
  r.zone = jd_db_get_time_zone (im->db);
  now = g_date_time_new_now (r.zone);
  g_date_clear (&r.today, 1);
  g_date_set_dmy (&r.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (!jd_import_source_next (reader, &header, &line, cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose a file with a header row and visitors."));
      return FALSE;
    }

  for (int c = 0; c < N_COLUMNS; c++)
    r.map[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      int column = im->fields != NULL ? (i < im->n_fields ? im->fields[i] : -1)
                                      : jd_import_header_column (header->pdata[i]);

      if (column >= 0 && column < N_COLUMNS && r.map[column] < 0)
        r.map[column] = (int) i;
    }
  im->n_header = header->len;
  /* The line and reason columns of a rejects file imported again. */
  im->delimiter = jd_import_source_get_delimiter (reader);
  im->header = g_ptr_array_ref (header);
  im->aside = g_new0 (gboolean, header->len);
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *key = jd_import_normalize (header->pdata[i]);

      im->aside[i] = jd_import_label_matches (NULL, "Line", key) ||
                     jd_import_label_matches (NULL, "Reason", key);
    }
  if (r.map[COL_SURNAME] < 0 || r.map[COL_GIVEN_NAME] < 0 ||
      (r.map[COL_BIRTH_DATE] < 0 && r.map[COL_IIN] < 0))
    {
      g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                           _("The first row must name the columns, with at least the surname, the "
                             "given name and the date of birth or the IIN (in Kazakh, Russian or "
                             "English)."));
      return FALSE;
    }

  r.full = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  r.empty = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < BATCHES_AHEAD; i++)
    g_async_queue_push (r.empty, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  thread = g_thread_new ("jd-import-reader", reader_thread, &r);

  while (ok)
    {
      GPtrArray *batch = g_async_queue_pop (r.full);

      if (batch->len == 0)
        {
          g_ptr_array_unref (batch);
          break;
        }
      for (guint i = 0; ok && i < batch->len; i++)
        {
          guint before = result->imported;

          ok = write_row (im, batch->pdata[i], result, error);
          if (ok && result->imported != before)
            {
              if (progress != NULL && result->imported % 1000 == 0)
                progress (result->imported, user_data);
              if ((result->imported & 0xFF) == 0)
                ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
            }
        }
      g_async_queue_push (r.empty, batch);
    }
  /* Stop the reader if it is still reading, and wait for it. */
  g_atomic_int_set (&r.stop, 1);
  g_async_queue_push (r.empty, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  g_thread_join (thread);
  g_async_queue_unref (r.full);
  g_async_queue_unref (r.empty);

  if (ok && r.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.error));
      ok = FALSE;
    }
  g_clear_error (&r.error);
  return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

JdImportResult *
jd_import_visitors (JdDb              *db,
                    const char        *path,
                    GCancellable      *cancellable,
                    JdProgressFunc     progress,
                    gpointer           user_data,
                    GError           **error)
{
  return jd_import_visitors_mapped (db, path, NULL, 0, cancellable, progress, user_data, error);
}

/**
 * jd_import_read_header:
 * @fields: (out): per column, the field its name was recognised as, or -1
 * @sample: (out) (optional): the first row under the header (may be shorter)
 *
 * Returns: (transfer full) (element-type utf8): the names of the columns
 */
GPtrArray *
jd_import_read_header (const char  *path,
                       GArray     **fields,
                       GPtrArray  **sample,
                       GError     **error)
{
  return jd_import_read_header_sheet (path, NULL, fields, sample, error);
}

GPtrArray *
jd_import_read_header_sheet (const char  *path,
                             const char  *sheet,
                             GArray     **fields,
                             GPtrArray  **sample,
                             GError     **error)
{
  g_autoptr(JdImportSource) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  guint line = 0;

  g_return_val_if_fail (path != NULL && fields != NULL, NULL);

  reader = jd_import_source_open (path, sheet, NULL, error);
  if (reader == NULL)
    return NULL;
  if (!jd_import_source_next (reader, &header, &line, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose a file with a header row and visitors."));
      return NULL;
    }

  *fields = g_array_sized_new (FALSE, FALSE, sizeof (int), header->len);
  for (guint i = 0; i < header->len; i++)
    {
      int column = jd_import_header_column (header->pdata[i]);

      /* One column per field: the first with that name. */
      for (guint j = 0; j < (*fields)->len; j++)
        if (g_array_index (*fields, int, j) == column)
          column = -1;
      g_array_append_val (*fields, column);
    }
  if (sample != NULL && !jd_import_source_next (reader, sample, &line, NULL, NULL))
    *sample = g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&header);
}

JdImportResult *
jd_import_visitors_mapped (JdDb              *db,
                           const char        *path,
                           const int         *fields,
                           guint              n_fields,
                           GCancellable      *cancellable,
                           JdProgressFunc     progress,
                           gpointer           user_data,
                           GError           **error)
{
  return jd_import_visitors_full (db, path, fields, n_fields, JD_IMPORT_AUTO, cancellable, progress,
                                  user_data, error);
}

JdImportResult *
jd_import_visitors_sheet (JdDb              *db,
                          const char        *path,
                          const char        *sheet,
                          const int         *fields,
                          guint              n_fields,
                          GCancellable      *cancellable,
                          JdProgressFunc     progress,
                          gpointer           user_data,
                          GError           **error)
{
  return jd_import_visitors_sheet_full (db, path, sheet, fields, n_fields, JD_IMPORT_AUTO,
                                        cancellable, progress, user_data, error);
}

JdImportResult *
jd_import_visitors_full (JdDb              *db,
                         const char        *path,
                         const int         *fields,
                         guint              n_fields,
                         JdImportMode       mode,
                         GCancellable      *cancellable,
                         JdProgressFunc     progress,
                         gpointer           user_data,
                         GError           **error)
{
  return jd_import_visitors_sheet_full (db, path, NULL, fields, n_fields, mode, cancellable,
                                        progress, user_data, error);
}

JdImportResult *
jd_import_visitors_sheet_full (JdDb              *db,
                               const char        *path,
                               const char        *sheet,
                               const int         *fields,
                               guint              n_fields,
                               JdImportMode       mode,
                               GCancellable      *cancellable,
                               JdProgressFunc     progress,
                               gpointer           user_data,
                               GError           **error)
{
  g_autoptr(JdImportResult) result = g_new0 (JdImportResult, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(JdImportSource) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rejects_name = NULL;
  g_autofree char *detail = NULL;
  Import im = { .db = db, .fields = fields, .n_fields = n_fields };
  gint64 cache;
  gboolean ok;

  g_return_val_if_fail (db != NULL && path != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_EXPORT_PERSONAL, error))
    return NULL;
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  file = g_file_new_for_path (path);
  /* A workbook that cannot be read changes nothing: it is opened, its
   * sheet found and its header looked for before anything is written. */
  reader = jd_import_source_open (path, sheet, cancellable, error);
  if (reader == NULL)
    return NULL;
  im.workbook = jd_import_source_is_workbook (reader);

  /* "visitors.csv" → "visitors-rejected.csv" beside it; a workbook's
   * ("visitors.xlsx", "visitors.ods") → "visitors-rejected.xlsx". */
  base = g_path_get_basename (path);
  {
    char *dot = strrchr (base, '.');

    if (dot != NULL && dot != base &&
        (g_ascii_strcasecmp (dot, ".csv") == 0 || g_ascii_strcasecmp (dot, ".xlsx") == 0 ||
         g_ascii_strcasecmp (dot, ".xlsm") == 0 || g_ascii_strcasecmp (dot, ".ods") == 0))
      *dot = '\0';
  }
  rejects_name = g_strdup_printf (im.workbook ? "%s-rejected.xlsx" : "%s-rejected.csv", base);
  {
    g_autoptr(GFile) dir = g_file_get_parent (file);
    g_autofree char *rejects_path = NULL;

    im.rejects_file = g_file_get_child (dir, rejects_name);
    im.rejects_fd = -1;
    /* Rejected rows never land on the database or a backup. */
    rejects_path = g_file_get_path (im.rejects_file);
    if (!jd_output_check (db, rejects_path, JD_OUTPUT_REPORT, error))
      {
        g_object_unref (im.rejects_file);
        return NULL;
      }
  }
  im.districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ok = choose_bulk (&im, file, mode, &im.bulk, error);
  cache = bulk_cache_begin (db, im.bulk ? BULK_IMPORT_CACHE_KIB : IMPORT_CACHE_KIB);
  /* In bulk, foreign keys are not looked up row by row: the rows
   * written point only at visitors written just before them, at an
   * existing district (or none) and at the person importing. Each
   * search token's lookup of its visitor was a fifth of the import.
   * (SQLite takes the setting only outside a transaction.) */
  ok = ok && (!im.bulk || jd_db_set_foreign_keys (db, FALSE, error)) &&
       jd_db_begin (db, error);
  if (ok)
    {
      /* On a server, search tokens go in batches whatever the size:
       * each statement is a round trip (nothing reads them before the
       * end). */
      if (!im.bulk && jd_db_get_engine_kind (db) != JD_DB_ENGINE_SQLITE)
        jd_search_bulk_begin (db);
      ok = jd_import_load_districts (&im, error) &&
           (!im.bulk || bulk_begin (&im, error)) &&
           import_rows (&im, reader, result, cancellable, progress, user_data, error) &&
           (im.bulk ? bulk_end (&im, error) : jd_search_bulk_end (db, TRUE, error));
      /* The rows not imported are written before the commit: the list
       * is how they get fixed, so without it nothing is imported. */
      ok = ok && save_rejects (&im, result, error);
      if (ok)
        {
          const char *sheet_name = jd_import_source_get_sheet (reader);

          detail = g_strdup_printf ("visitors %u imported, %u skipped, %u rejected from %s%s%s%s",
                                    result->imported, result->skipped, result->rejected, path,
                                    sheet_name ? " (sheet “" : "", sheet_name ? sheet_name : "",
                                    sheet_name ? "”)" : "");
          ok = jd_audit_record (db, JD_AUDIT_IMPORTED, JD_AUDIT_TARGET_VISITOR, 0, detail, error) &&
               jd_db_commit (db, error);
        }
      bulk_clear (&im);
      if (!ok)
        {
          jd_db_rollback (db);
          if (result->rejects_path != NULL)
            g_file_delete (im.rejects_file, NULL, NULL);
        }
    }
  if (im.bulk)
    jd_db_set_foreign_keys (db, TRUE, NULL);

  /* Closed, then deleted while still locked (once renamed, it is gone). */
  g_clear_pointer (&im.rejects, jd_csv_writer_free);
  g_clear_pointer (&im.rejects_xlsx, jd_xlsx_writer_free);
  g_clear_object (&im.rejects_io);
  if (im.rejects_temp != NULL)
    g_unlink (im.rejects_temp);
  g_free (im.rejects_temp);
  if (im.rejects_fd >= 0)
    close (im.rejects_fd);
  bulk_cache_end (db, cache);
  g_hash_table_unref (im.districts);
  g_clear_pointer (&im.header, g_ptr_array_unref);
  g_free (im.aside);
  for (int c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&im.memo[c], g_hash_table_unref);
  g_object_unref (im.rejects_file);

  return ok ? g_steal_pointer (&result) : NULL;
}
