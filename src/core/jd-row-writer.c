/* jd-row-writer.c: where the rows of a report go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report's rows are built once (jd-report-rows.c) and written three
 * ways: a CSV file (jd-csv.c), an Excel workbook (jd-xlsx.c), or the
 * first rows kept for the Reports page's preview.
 */
#define G_LOG_DOMAIN "jd-export"

#include "config.h"

#include "jd-csv.h"
#include "jd-row-writer.h"
#include "jd-xlsx.h"

struct _JdRowWriter
{
  /* One of the three. */
  JdCsvWriter  *csv;
  JdXlsxWriter *xlsx;
  GPtrArray    *preview;
  guint         preview_limit;
  GCancellable *cancellable;    /* the CSV stream's */
};

JdRowWriter *
jd_row_writer_new_csv (GOutputStream *stream,
                       char           delimiter,
                       GCancellable  *cancellable)
{
  JdRowWriter *self = g_new0 (JdRowWriter, 1);

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self->csv = jd_csv_writer_new (stream, delimiter, TRUE);
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  return self;
}

JdRowWriter *
jd_row_writer_new_xlsx (const char  *path,
                        const char  *sheet,
                        gboolean     summary,
                        GError     **error)
{
  JdXlsxWriter *xlsx = jd_xlsx_writer_new (path, sheet, summary, error);
  JdRowWriter *self;

  if (xlsx == NULL)
    return NULL;
  self = g_new0 (JdRowWriter, 1);
  self->xlsx = xlsx;
  return self;
}

JdRowWriter *
jd_row_writer_new_preview (guint limit)
{
  JdRowWriter *self = g_new0 (JdRowWriter, 1);

  self->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->preview_limit = limit;
  return self;
}

gboolean
jd_row_writer_write (JdRowWriter         *self,
                     const char * const  *fields,
                     guint                n_fields,
                     GError             **error)
{
  g_assert (self != NULL);

  if (self->preview != NULL)
    {
      GStrv copy = g_new0 (char *, n_fields + 1);

      for (guint i = 0; i < n_fields; i++)
        copy[i] = g_strdup (fields[i] ? fields[i] : "");
      g_ptr_array_add (self->preview, copy);
      return TRUE;
    }
  if (self->xlsx != NULL)
    return jd_xlsx_writer_write_row (self->xlsx, fields, n_fields, error);
  return jd_csv_writer_write_row (self->csv, fields, n_fields, self->cancellable, error);
}

gboolean
jd_row_writer_is_full (JdRowWriter *self)
{
  /* The header and preview_limit rows. */
  return self->preview != NULL && self->preview->len > self->preview_limit;
}

gboolean
jd_row_writer_close (JdRowWriter  *self,
                     GError      **error)
{
  g_assert (self != NULL);

  if (self->xlsx != NULL)
    return jd_xlsx_writer_close (self->xlsx, error);
  if (self->csv != NULL)
    return jd_csv_writer_close (self->csv, self->cancellable, error);
  return TRUE;
}

GPtrArray *
jd_row_writer_steal_preview (JdRowWriter *self)
{
  g_assert (self != NULL && self->preview != NULL);

  return g_steal_pointer (&self->preview);
}

void
jd_row_writer_free (JdRowWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->csv, jd_csv_writer_free);
  g_clear_pointer (&self->xlsx, jd_xlsx_writer_free);
  g_clear_pointer (&self->preview, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self);
}
