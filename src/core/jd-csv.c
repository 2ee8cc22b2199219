/* jd-csv.c: CSV that opens right in Excel, and CSV from anywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-csv.h"

G_DEFINE_QUARK (jd-csv-error-quark, jd_csv_error)

#define CHUNK (64 * 1024)

/* Writing. */

struct _JdCsvWriter
{
  GOutputStream *stream;
  GString       *buffer;
  char           delimiter;
  gboolean       bom_pending;
};

JdCsvWriter *
jd_csv_writer_new (GOutputStream *stream,
                   char           delimiter,
                   gboolean       bom)
{
  JdCsvWriter *writer = g_new0 (JdCsvWriter, 1);

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  writer->stream = g_object_ref (stream);
  writer->buffer = g_string_sized_new (CHUNK + 4096);
  writer->delimiter = delimiter;
  writer->bom_pending = bom;
  return writer;
}

static void
append_field (GString    *out,
              const char *field,
              char        delimiter)
{
  gboolean guard, quote;

  if (field == NULL || *field == '\0')
    return;

  /* A cell Excel would read as a formula (or that starts with a
   * control character that hides one) is kept as text. */
  guard = strchr ("=+-@\t\r", field[0]) != NULL;
  quote = guard && (field[0] == '\t' || field[0] == '\r');
  for (const char *p = field; *p && !quote; p++)
    quote = *p == delimiter || *p == '"' || *p == '\n' || *p == '\r';

  if (!quote)
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
jd_csv_escape_field (const char *field,
                     char        delimiter)
{
  GString *out = g_string_new (NULL);

  append_field (out, field, delimiter);
  return g_string_free (out, FALSE);
}

static gboolean
flush (JdCsvWriter   *writer,
       GCancellable  *cancellable,
       GError       **error)
{
  gboolean ok;

  if (writer->buffer->len == 0)
    return TRUE;
  ok = g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, cancellable, error);
  g_string_truncate (writer->buffer, 0);
  return ok;
}

gboolean
jd_csv_writer_write_row (JdCsvWriter         *writer,
                         const char * const  *fields,
                         guint                n_fields,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);

  if (writer->bom_pending)
    {
      g_string_append (writer->buffer, "\xEF\xBB\xBF");
      writer->bom_pending = FALSE;
    }

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (writer->buffer, writer->delimiter);
      append_field (writer->buffer, fields[i], writer->delimiter);
    }
  g_string_append (writer->buffer, "\r\n");

  if (writer->buffer->len >= CHUNK)
    return flush (writer, cancellable, error);
  return TRUE;
}

gboolean
jd_csv_writer_close (JdCsvWriter   *writer,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);

  return flush (writer, cancellable, error) &&
         g_output_stream_close (writer->stream, cancellable, error);
}

void
jd_csv_writer_free (JdCsvWriter *writer)
{
  if (writer == NULL)
    return;

  g_string_free (writer->buffer, TRUE);
  g_object_unref (writer->stream);
  g_free (writer);
}

/* Reading. */

struct _JdCsvReader
{
  GInputStream *stream;
  guint8        chunk[CHUNK];
  gsize         length;
  gsize         pos;
  gboolean      eof;
  gboolean      started;      /* the BOM and the delimiter are known */
  gboolean      broken;       /* a fatal error was returned */
  char          delimiter;
  guint         line;         /* of the next character */
};

JdCsvReader *
jd_csv_reader_new (GInputStream *stream)
{
  JdCsvReader *reader = g_new0 (JdCsvReader, 1);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  /* Buffered, to look at the first bytes before choosing how to read. */
  reader->stream = g_buffered_input_stream_new (stream);
  reader->delimiter = ';';
  reader->line = 1;
  return reader;
}

void
jd_csv_reader_free (JdCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_object_unref (reader->stream);
  g_free (reader);
}

char
jd_csv_reader_get_delimiter (JdCsvReader *reader)
{
  return reader->delimiter;
}

/* Refills the chunk, keeping what was not consumed yet. */
static gboolean
fill (JdCsvReader   *reader,
      GCancellable  *cancellable,
      GError       **error)
{
  gssize n;

  if (reader->eof)
    return TRUE;
  if (reader->pos > 0)
    {
      memmove (reader->chunk, reader->chunk + reader->pos, reader->length - reader->pos);
      reader->length -= reader->pos;
      reader->pos = 0;
    }
  n = g_input_stream_read (reader->stream, reader->chunk + reader->length,
                           sizeof reader->chunk - reader->length, cancellable, error);
  if (n < 0)
    return FALSE;
  if (n == 0)
    reader->eof = TRUE;
  reader->length += (gsize) n;
  return TRUE;
}

/* Excel's "Unicode Text" is UTF-16 with a byte order mark (and tabs):
 * read through a converter to UTF-8 from the start. */
static gboolean
read_as_utf8 (JdCsvReader   *reader,
              GCancellable  *cancellable,
              GError       **error)
{
  GBufferedInputStream *buffered = G_BUFFERED_INPUT_STREAM (reader->stream);
  g_autoptr(GCharsetConverter) converter = NULL;
  const guint8 *start;
  const char *from = NULL;
  gsize n = 0;

  if (g_buffered_input_stream_fill (buffered, 2, cancellable, error) < 0)
    return FALSE;
  start = g_buffered_input_stream_peek_buffer (buffered, &n);
  if (n >= 2 && start[0] == 0xFF && start[1] == 0xFE)
    from = "UTF-16LE";
  else if (n >= 2 && start[0] == 0xFE && start[1] == 0xFF)
    from = "UTF-16BE";
  if (from == NULL)
    return TRUE;

  converter = g_charset_converter_new ("UTF-8", from, error);
  if (converter == NULL || g_input_stream_skip (reader->stream, 2, cancellable, error) < 0)
    return FALSE;
  reader->stream = g_converter_input_stream_new (G_INPUT_STREAM (buffered), G_CONVERTER (converter));
  g_object_unref (buffered);
  return TRUE;
}

/* The most frequent of ; , and tab outside quotes on the first line. */
static void
detect_delimiter (JdCsvReader *reader)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = reader->pos; i < reader->length; i++)
    {
      char c = (char) reader->chunk[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted && c == ';')
        semicolons++;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == '\t')
        tabs++;
    }

  if (tabs > semicolons && tabs > commas)
    reader->delimiter = '\t';
  else if (commas > semicolons)
    reader->delimiter = ',';
  else
    reader->delimiter = ';';
}

static gboolean
fail_fatal (JdCsvReader  *reader,
            GString      *field,
            GError      **error,
            JdCsvError    code,
            const char   *message)
{
  if (field != NULL)
    g_string_free (field, TRUE);
  reader->broken = TRUE;
  g_set_error_literal (error, JD_CSV_ERROR, code, message);
  return FALSE;
}

typedef enum
{
  FIELD_START,
  UNQUOTED,
  QUOTED,
  QUOTE_IN_QUOTED,
} State;

gboolean
jd_csv_reader_next (JdCsvReader   *reader,
                    GPtrArray    **fields,
                    guint         *line,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) row = NULL;
  GString *field = NULL;
  State state = FIELD_START;
  guint start_line;
  gboolean row_done = FALSE;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);

  *fields = NULL;
  if (reader->broken)
    return FALSE;

  if (!reader->started)
    {
      if (!read_as_utf8 (reader, cancellable, error) || !fill (reader, cancellable, error))
        return FALSE;
      if (reader->length >= 3 && memcmp (reader->chunk, "\xEF\xBB\xBF", 3) == 0)
        reader->pos = 3;
      detect_delimiter (reader);
      reader->started = TRUE;
    }

  for (;;)
    {
      g_clear_pointer (&row, g_ptr_array_unref);
      if (field != NULL)
        g_string_free (field, TRUE);
      row = g_ptr_array_new_with_free_func (g_free);
      field = g_string_new (NULL);
      state = FIELD_START;
      start_line = reader->line;
      row_done = FALSE;

      while (!row_done)
        {
          char c;

          if (reader->pos >= reader->length)
            {
              if (!fill (reader, cancellable, error))
                {
                  g_string_free (field, TRUE);
                  reader->broken = TRUE;
                  return FALSE;
                }
              if (reader->pos >= reader->length)
                {
                  /* The end of the file. */
                  if (state == QUOTED)
                    {
                      g_autofree char *message =
                        g_strdup_printf (_("Line %u: a quote opens a field that never ends. "
                                           "Check the quotes in that line."),
                                         start_line);

                      return fail_fatal (reader, field, error, JD_CSV_ERROR_UNTERMINATED, message);
                    }
                  if (state == FIELD_START && row->len == 0)
                    {
                      g_string_free (field, TRUE);
                      return FALSE;
                    }
                  g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
                  field = g_string_new (NULL);
                  row_done = TRUE;
                  break;
                }
            }

          c = (char) reader->chunk[reader->pos++];
          if (c == '\0')
            {
              g_autofree char *message =
                g_strdup_printf (_("Line %u: the file holds binary data, not text. "
                                   "Save it from the spreadsheet as “CSV UTF-8”."),
                                 reader->line);

              return fail_fatal (reader, field, error, JD_CSV_ERROR_NOT_TEXT, message);
            }
          if (c == '\n')
            reader->line++;

          switch (state)
            {
            case FIELD_START:
              if (c == '"')
                {
                  state = QUOTED;
                  continue;
                }
              state = UNQUOTED;
              G_GNUC_FALLTHROUGH;

            case UNQUOTED:
              if (c == reader->delimiter)
                {
                  g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
                  field = g_string_new (NULL);
                  state = FIELD_START;
                }
              else if (c == '\n' || c == '\r')
                {
                  /* CRLF: the LF that follows ends nothing more. */
                  if (c == '\r' && (reader->pos < reader->length || fill (reader, cancellable, NULL)) &&
                      reader->pos < reader->length && reader->chunk[reader->pos] == '\n')
                    {
                      reader->pos++;
                      reader->line++;
                    }
                  g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
                  field = g_string_new (NULL);
                  row_done = TRUE;
                }
              else
                g_string_append_c (field, c);
              break;

            case QUOTED:
              if (c == '"')
                state = QUOTE_IN_QUOTED;
              else
                g_string_append_c (field, c);
              break;

            case QUOTE_IN_QUOTED:
              if (c == '"')
                {
                  g_string_append_c (field, '"');
                  state = QUOTED;
                }
              else if (c == reader->delimiter)
                {
                  g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
                  field = g_string_new (NULL);
                  state = FIELD_START;
                }
              else if (c == '\n' || c == '\r')
                {
                  if (c == '\r' && (reader->pos < reader->length || fill (reader, cancellable, NULL)) &&
                      reader->pos < reader->length && reader->chunk[reader->pos] == '\n')
                    {
                      reader->pos++;
                      reader->line++;
                    }
                  g_ptr_array_add (row, g_string_free (g_steal_pointer (&field), FALSE));
                  field = g_string_new (NULL);
                  row_done = TRUE;
                }
              else
                {
                  g_autofree char *message =
                    g_strdup_printf (_("Line %u: text follows the closing quote of a field. "
                                       "Quotes inside a quoted field must be doubled."),
                                     start_line);

                  return fail_fatal (reader, field, error, JD_CSV_ERROR_BAD_QUOTE, message);
                }
              break;

            default:
              g_assert_not_reached ();
            }

          if (field != NULL && field->len > JD_CSV_MAX_FIELD)
            {
              g_autofree char *message =
                g_strdup_printf (_("Line %u: a field is longer than %u characters. "
                                   "This does not look like a list of visitors."),
                                 start_line, (guint) JD_CSV_MAX_FIELD);

              return fail_fatal (reader, field, error, JD_CSV_ERROR_TOO_LONG, message);
            }
          if (row->len > JD_CSV_MAX_FIELDS)
            {
              g_autofree char *message =
                g_strdup_printf (_("Line %u has more than %u columns. "
                                   "This does not look like a list of visitors."),
                                 start_line, (guint) JD_CSV_MAX_FIELDS);

              return fail_fatal (reader, field, error, JD_CSV_ERROR_TOO_LONG, message);
            }
        }

      /* Blank lines are no rows. */
      if (row->len == 1 && *(char *) row->pdata[0] == '\0')
        continue;
      break;
    }
  g_string_free (field, TRUE);

  if (line != NULL)
    *line = start_line;

  for (guint i = 0; i < row->len; i++)
    {
      if (!g_utf8_validate (row->pdata[i], -1, NULL))
        {
          g_set_error (error, JD_CSV_ERROR, JD_CSV_ERROR_ENCODING,
                       _("Line %u is not in UTF-8. Save the file from the spreadsheet as “CSV UTF-8”."),
                       start_line);
          return FALSE;
        }
    }

  *fields = g_steal_pointer (&row);
  return TRUE;
}
