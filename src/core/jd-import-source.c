/* jd-import-source.c: the rows of an imported file, CSV or workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import reads rows of texts, wherever they come from: a CSV file
 * (jd-csv.c) or a sheet of an .xlsx or .ods workbook (jd-workbook.c),
 * told apart by their first bytes, not by their names. A sheet often has
 * a title above its header ("Visitors, 2024", merged across the
 * columns): the header is the first of its first rows that names two
 * known columns.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-db.h"
#include "jd-import-private.h"
#include "jd-workbook.h"

/* How far down a sheet the header may be. */
#define HEADER_ROWS 10

struct _JdImportSource
{
  GFileInputStream *in;
  JdCsvReader      *csv;
  JdWorkbook       *workbook;
  char             *sheet;
  GQueue            ahead;     /* rows read while looking for the header */
};

typedef struct
{
  GPtrArray *cells;
  guint      line;
} Ahead;

static void
ahead_free (Ahead *ahead)
{
  g_clear_pointer (&ahead->cells, g_ptr_array_unref);
  g_free (ahead);
}

static guint
known_columns (GPtrArray *cells)
{
  guint n = 0;

  for (guint i = 0; i < cells->len; i++)
    if (jd_import_header_column (cells->pdata[i]) >= 0)
      n++;
  return n;
}

static guint
filled_cells (GPtrArray *cells)
{
  guint n = 0;

  for (guint i = 0; i < cells->len; i++)
    if (*(const char *) cells->pdata[i] != '\0')
      n++;
  return n;
}

/* Reads the first rows and drops those above the header. */
static gboolean
find_header (JdImportSource  *self,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  guint header = G_MAXUINT, wide = G_MAXUINT;

  for (guint i = 0; i < HEADER_ROWS; i++)
    {
      Ahead *ahead = g_new0 (Ahead, 1);

      if (!jd_workbook_next_row (self->workbook, &ahead->cells, &ahead->line, cancellable,
                                 &local_error))
        {
          g_free (ahead);
          break;
        }
      g_queue_push_tail (&self->ahead, ahead);
      if (known_columns (ahead->cells) >= 2)
        {
          header = i;
          break;
        }
      if (wide == G_MAXUINT && filled_cells (ahead->cells) >= 2)
        wide = i;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (header == G_MAXUINT)
    header = wide != G_MAXUINT ? wide : 0;
  for (guint i = 0; i < header; i++)
    ahead_free (g_queue_pop_head (&self->ahead));
  return TRUE;
}

JdImportSource *
jd_import_source_open (const char    *path,
                       const char    *sheet,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(JdImportSource) self = g_new0 (JdImportSource, 1);
  g_autoptr(GError) local_error = NULL;
  int index;

  g_return_val_if_fail (path != NULL, NULL);

  g_queue_init (&self->ahead);
  if (jd_workbook_sniff (path) == JD_FILE_KIND_TEXT)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      self->in = g_file_read (file, cancellable, &local_error);
      if (self->in == NULL)
        {
          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("“%s” cannot be read (%s)."), path,
                       local_error->message);
          return NULL;
        }
      self->csv = jd_csv_reader_new (G_INPUT_STREAM (self->in));
      return g_steal_pointer (&self);
    }

  self->workbook = jd_workbook_open (path, error);
  if (self->workbook == NULL)
    return NULL;
  index = jd_workbook_find_sheet (self->workbook, sheet, error);
  if (index < 0 || !jd_workbook_open_sheet (self->workbook, (guint) index, error))
    return NULL;
  self->sheet = g_strdup (jd_workbook_get_sheets (self->workbook)[index]);
  if (!find_header (self, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
jd_import_source_next (JdImportSource  *self,
                       GPtrArray      **fields,
                       guint           *line,
                       GCancellable    *cancellable,
                       GError         **error)
{
  Ahead *ahead;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->csv != NULL)
    return jd_csv_reader_next (self->csv, fields, line, cancellable, error);
  ahead = g_queue_pop_head (&self->ahead);
  if (ahead != NULL)
    {
      *fields = g_steal_pointer (&ahead->cells);
      *line = ahead->line;
      ahead_free (ahead);
      return TRUE;
    }
  return jd_workbook_next_row (self->workbook, fields, line, cancellable, error);
}

gboolean
jd_import_source_is_workbook (JdImportSource *self)
{
  return self->workbook != NULL;
}

const char *
jd_import_source_get_sheet (JdImportSource *self)
{
  return self->sheet;
}

char
jd_import_source_get_delimiter (JdImportSource *self)
{
  return self->csv != NULL ? jd_csv_reader_get_delimiter (self->csv) : ';';
}

void
jd_import_source_free (JdImportSource *self)
{
  if (self == NULL)
    return;
  g_queue_clear_full (&self->ahead, (GDestroyNotify) ahead_free);
  g_clear_pointer (&self->csv, jd_csv_reader_free);
  g_clear_object (&self->in);
  g_clear_pointer (&self->workbook, jd_workbook_free);
  g_free (self->sheet);
  g_free (self);
}

GStrv
jd_import_list_sheets (const char  *path,
                       guint       *first,
                       GError     **error)
{
  g_autoptr(JdWorkbook) workbook = NULL;
  int index;

  g_return_val_if_fail (path != NULL, NULL);

  if (jd_workbook_sniff (path) == JD_FILE_KIND_TEXT)
    return NULL;
  workbook = jd_workbook_open (path, error);
  if (workbook == NULL)
    return NULL;
  index = jd_workbook_find_sheet (workbook, NULL, error);
  if (index < 0)
    return NULL;
  if (first != NULL)
    *first = (guint) index;
  return g_strdupv ((GStrv) jd_workbook_get_sheets (workbook));
}
