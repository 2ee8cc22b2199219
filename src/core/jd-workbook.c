/* jd-workbook.c: rows of cell texts from Excel and LibreOffice workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Centres keep years of visitors in workbooks. libgsf opens the archive
 * (.xlsx and .ods are both ZIP files); the XML parts are read with
 * GMarkup a piece at a time, so that a sheet of a million rows never
 * sits in memory whole and rows after the last value cost only the
 * reading. Each part is read at most up to JD_WORKBOOK_MAX_PART
 * uncompressed (libgsf reads a member only as far as its declared size,
 * and a declared size over the limit is refused before reading). Here
 * the archive and what both formats share; .xlsx in jd-workbook-xlsx.c,
 * .ods in jd-workbook-ods.c.
 */
#define G_LOG_DOMAIN "jd-workbook"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "jd-csv.h"
#include "jd-workbook-private.h"

#define CHUNK 65536
/* The longest text or tag taken between two marks (< or >): GMarkup
 * keeps one whole before it hands it on, and a cell holds at most
 * JD_CSV_MAX_FIELD. */
#define MAX_RUN (4 * JD_CSV_MAX_FIELD)
/* A sheet nests about six deep; rich text a few more. */
#define MAX_DEPTH 64

static gint64 part_limit = JD_WORKBOOK_MAX_PART;

G_DEFINE_QUARK (jd-workbook-error-quark, jd_workbook_error)

void
jd_workbook_set_part_limit (gint64 limit)
{
  part_limit = limit > 0 ? limit : JD_WORKBOOK_MAX_PART;
}

JdFileKind
jd_workbook_sniff (const char *path)
{
  static const guchar ole[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
  guchar head[8] = { 0 };
  gsize n = 0;
  FILE *f;

  g_return_val_if_fail (path != NULL, JD_FILE_KIND_TEXT);

  f = fopen (path, "rb");
  if (f == NULL)
    return JD_FILE_KIND_TEXT;
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  if (n >= 4 && memcmp (head, "PK\x03\x04", 4) == 0)
    return JD_FILE_KIND_ZIP;
  if (n == sizeof head && memcmp (head, ole, sizeof ole) == 0)
    return JD_FILE_KIND_OLE;
  return JD_FILE_KIND_TEXT;
}

void
jd_workbook_row_free (JdWorkbookRow *row)
{
  g_ptr_array_unref (row->cells);
  g_free (row);
}

const char *
jd_workbook_local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

const char *
jd_workbook_attribute (const char **names,
                       const char **values,
                       const char  *local)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (jd_workbook_local_name (names[i]), local))
      return values[i];
  return NULL;
}

char *
jd_workbook_number_text (const char *value)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double x;

  x = g_ascii_strtod (text, &end);
  if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (x))
    return g_steal_pointer (&text);
  if (x == floor (x) && fabs (x) < 1e15)
    return g_strdup_printf ("%.0f", x == 0 ? 0.0 : x);
  /* 15 digits, what a spreadsheet keeps: 0.1 stays 0.1. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", x));
}

gboolean
jd_workbook_serial_to_date (double   serial,
                            gboolean date1904,
                            GDate   *date)
{
  guint32 days;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (!isfinite (serial) || serial < (date1904 ? 0 : 1) || serial >= 2958466)
    return FALSE;
  days = (guint32) floor (serial);
  if (date1904)
    {
      g_date_set_dmy (date, 1, G_DATE_JANUARY, 1904);
      g_date_add_days (date, days);
      return TRUE;
    }
  /* Excel counts a 29 February 1900 (serial 60), as Lotus 1-2-3 did:
   * serials before it start from 31 December 1899, later ones a day
   * earlier. */
  if (days == 60)
    return FALSE;
  g_date_set_dmy (date, 31, G_DATE_DECEMBER, 1899);
  g_date_add_days (date, days < 60 ? days : days - 1);
  return TRUE;
}

gboolean
jd_workbook_format_is_date (guint       id,
                            const char *code)
{
  gboolean day = FALSE, month = FALSE, time = FALSE;

  /* The built-in formats: 14–17 and 22 are dates (18–21 are times of
   * day), 27–36 and 50–58 the East Asian dates. */
  if (code == NULL)
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);

  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '"')
        {
          /* Quoted text. */
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
        }
      else if (c == '[')
        {
          /* [Red], [$-419], [h]: colours, locales, elapsed time. */
          if (p[1] == 'h' || p[1] == 'H' || p[1] == 's' || p[1] == 'S')
            time = TRUE;
          p = strchr (p + 1, ']');
          if (p == NULL)
            break;
        }
      else if ((c == '\\' || c == '_' || c == '*') && p[1] != '\0')
        p++;
      else if (c == 'd' || c == 'y')
        day = TRUE;
      else if (c == 'm')
        month = TRUE;
      else if (c == 'h' || c == 's')
        time = TRUE;
      else if (c == ';')
        break;    /* the first section decides */
    }
  return day || (month && !time);
}

gint64
jd_workbook_get_part_limit (void)
{
  return part_limit;
}

void
jd_workbook_set_too_big (GError **error)
{
  g_autofree char *limit = g_format_size ((guint64) part_limit);

  g_set_error (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_TOO_BIG,
               _("The workbook unpacks to more than %s, more than any list of visitors: it "
                 "is damaged, or made to fill the memory."), limit);
}

GsfInput *
jd_workbook_open_part (JdWorkbook  *self,
                       const char  *name,
                       GError     **error)
{
  g_auto(GStrv) names = g_strsplit (name[0] == '/' ? name + 1 : name, "/", -1);
  GsfInput *input = gsf_infile_child_by_aname (self->zip, (const char **) names);

  if (input == NULL || (GSF_IS_INFILE (input) && gsf_infile_num_children (GSF_INFILE (input)) >= 0))
    {
      g_clear_object (&input);
      return NULL;
    }
  if (gsf_input_size (input) > part_limit)
    {
      jd_workbook_set_too_big (error);
      g_object_unref (input);
      return NULL;
    }
  return input;
}

void
jd_workbook_set_broken (JdWorkbook    *self,
                        const char    *part,
                        const GError  *cause,
                        GError       **error)
{
  g_autofree char *name = g_path_get_basename (self->path);

  g_debug ("%s, %s: %s", self->path, part, cause != NULL ? cause->message : "missing");
  g_set_error (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_BROKEN,
               _("“%s” cannot be read as a workbook: it is damaged or incomplete. Open it in "
                 "Excel or LibreOffice, save it again, and import it again."), name);
}

/* Feeds one piece of @input to @context; FALSE at the end or on error
 * (then @error is set). */
static gboolean
feed (JdWorkbook           *self,
      GsfInput             *input,
      const char           *name,
      GMarkupParseContext  *context,
      gint64               *run,
      gboolean             *more,
      GError              **error)
{
  gsize mark;
  g_autoptr(GError) local_error = NULL;
  gsf_off_t left = gsf_input_remaining (input);
  const guint8 *data;
  gsize n = (gsize) MIN (left, CHUNK);

  *more = FALSE;
  if (left <= 0)
    {
      if (!g_markup_parse_context_end_parse (context, &local_error))
        {
          jd_workbook_set_broken (self, name, local_error, error);
          return FALSE;
        }
      return TRUE;
    }
  if (gsf_input_tell (input) + (gsf_off_t) n > part_limit)
    {
      jd_workbook_set_too_big (error);
      return FALSE;
    }
  data = gsf_input_read (input, n, NULL);
  if (data == NULL)
    {
      jd_workbook_set_broken (self, name, NULL, error);
      return FALSE;
    }
  for (mark = n; mark > 0 && data[mark - 1] != '<' && data[mark - 1] != '>'; mark--)
    ;
  *run = mark > 0 ? (gint64) (n - mark) : *run + (gint64) n;
  if (*run > MAX_RUN)
    {
      jd_workbook_set_broken (self, name, NULL, error);
      return FALSE;
    }
  if (!g_markup_parse_context_parse (context, (const char *) data, (gssize) n, &local_error))
    {
      /* Our own errors (a row too wide) pass as they are. */
      if (local_error->domain == JD_WORKBOOK_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        jd_workbook_set_broken (self, name, local_error, error);
      return FALSE;
    }
  *more = TRUE;
  return TRUE;
}

gboolean
jd_workbook_parse_part (JdWorkbook           *self,
                        GsfInput             *input,
                        const char           *name,
                        const GMarkupParser  *parser,
                        gpointer              user_data,
                        GError              **error)
{
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (parser, 0, user_data, NULL);
  gboolean more = TRUE;
  gint64 run = 0;

  while (more)
    if (!feed (self, input, name, context, &run, &more, error))
      return FALSE;
  return TRUE;
}

gboolean
jd_workbook_enter (guint   *depth,
                   GError **error)
{
  if (++*depth <= MAX_DEPTH)
    return TRUE;
  g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT, "nested too deep");
  return FALSE;
}

gboolean
jd_workbook_put_cell (GPtrArray   *cells,
                      guint64      column,
                      const char  *text,
                      guint        line,
                      GError     **error)
{
  if (column >= JD_CSV_MAX_FIELDS)
    {
      g_set_error (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_TOO_WIDE,
                   _("Row %u has a value in column %u; a list of visitors has at most %u "
                     "columns. Delete what is beyond the list, save, and import again."),
                   line, (guint) MIN (column + 1, G_MAXUINT), (guint) JD_CSV_MAX_FIELDS);
      return FALSE;
    }
  while (cells->len <= column)
    g_ptr_array_add (cells, g_strdup (""));
  g_free (cells->pdata[column]);
  cells->pdata[column] = g_strdup (text);
  return TRUE;
}

/* ---- the workbook ---- */

static gboolean
check_ole (const char  *path,
           GError     **error)
{
  g_autoptr(GsfInput) input = gsf_input_stdio_new (path, NULL);
  g_autoptr(GsfInfile) ole = input != NULL ? gsf_infile_msole_new (input, NULL) : NULL;
  g_autoptr(GsfInput) package = ole != NULL ? gsf_infile_child_by_name (ole, "EncryptedPackage") : NULL;

  if (package != NULL || ole == NULL)
    g_set_error_literal (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_PASSWORD,
                         _("This workbook is protected with a password. Open it in Excel or "
                           "LibreOffice, remove the password, save it, and import it again."));
  else
    g_set_error_literal (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_OLD_FORMAT,
                         _("This is an Excel 97–2003 workbook (.xls). Open it in Excel or "
                           "LibreOffice, save it as an Excel workbook (.xlsx), and import it "
                           "again."));
  return FALSE;
}

JdWorkbook *
jd_workbook_open (const char  *path,
                  GError     **error)
{
  g_autoptr(JdWorkbook) self = NULL;
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GsfInput) content = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (jd_workbook_sniff (path) == JD_FILE_KIND_OLE)
    {
      check_ole (path, error);
      return NULL;
    }

  self = g_new0 (JdWorkbook, 1);
  self->path = g_strdup (path);
  g_queue_init (&self->rows);
  input = gsf_input_stdio_new (path, &local_error);
  if (input == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("“%s” cannot be read (%s)."), path,
                   local_error->message);
      return NULL;
    }
  self->zip = gsf_infile_zip_new (input, &local_error);
  if (self->zip == NULL)
    {
      jd_workbook_set_broken (self, "the archive", local_error, error);
      return NULL;
    }

  content = gsf_infile_child_by_name (self->zip, "content.xml");
  self->ods = content != NULL;
  if (!(self->ods ? jd_workbook_ods_load (self, error) : jd_workbook_xlsx_load (self, error)))
    return NULL;
  if (self->sheets == NULL || self->sheets[0] == NULL)
    {
      jd_workbook_set_broken (self, "no sheets", NULL, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

const char * const *
jd_workbook_get_sheets (JdWorkbook *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->sheets;
}

static void
close_sheet (JdWorkbook *self)
{
  g_clear_pointer (&self->context, g_markup_parse_context_free);
  if (self->state_free != NULL)
    g_clear_pointer (&self->state, self->state_free);
  g_clear_object (&self->part);
  g_clear_pointer (&self->part_name, g_free);
  g_queue_clear_full (&self->rows, (GDestroyNotify) jd_workbook_row_free);
  self->finished = FALSE;
  self->run = 0;
}

gboolean
jd_workbook_open_sheet (JdWorkbook  *self,
                        guint        index,
                        GError     **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < g_strv_length (self->sheets), FALSE);

  close_sheet (self);
  self->sheet = index;
  return self->ods ? jd_workbook_ods_open_sheet (self, index, error)
                   : jd_workbook_xlsx_open_sheet (self, index, error);
}

gboolean
jd_workbook_next_row (JdWorkbook    *self,
                      GPtrArray    **cells,
                      guint         *line,
                      GCancellable  *cancellable,
                      GError       **error)
{
  JdWorkbookRow *row;

  g_return_val_if_fail (self != NULL && cells != NULL && line != NULL, FALSE);

  while (g_queue_is_empty (&self->rows) && !self->finished && self->context != NULL)
    {
      gboolean more = FALSE;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !feed (self, self->part, self->part_name, self->context, &self->run, &more, error))
        {
          self->finished = TRUE;
          return FALSE;
        }
      if (!more)
        self->finished = TRUE;
    }
  row = g_queue_peek_head (&self->rows);
  if (row == NULL)
    return FALSE;
  if (row->repeat > 1)
    {
      *cells = g_ptr_array_new_full (row->cells->len, g_free);
      for (guint c = 0; c < row->cells->len; c++)
        g_ptr_array_add (*cells, g_strdup (row->cells->pdata[c]));
      *line = row->line++;
      row->repeat--;
      return TRUE;
    }
  g_queue_pop_head (&self->rows);
  *cells = g_steal_pointer (&row->cells);
  *line = row->line;
  g_free (row);
  return TRUE;
}

int
jd_workbook_find_sheet (JdWorkbook  *self,
                        const char  *name,
                        GError     **error)
{
  g_return_val_if_fail (self != NULL, -1);

  if (name != NULL)
    {
      g_autofree char *all = NULL;
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; self->sheets[i] != NULL; i++)
        if (g_str_equal (self->sheets[i], name))
          return (int) i;
      for (guint i = 0; self->sheets[i] != NULL; i++)
        g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", self->sheets[i]);
      g_set_error (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_NO_SHEET,
                   _("The workbook has no sheet called “%s”. Its sheets are: %s."), name, list->str);
      return -1;
    }

  /* The first sheet with a value in it; the first sheet if none has. */
  for (guint i = 0; self->sheets[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) cells = NULL;
      guint line;

      if (self->ods)
        {
          if (g_array_index (self->has_data, gboolean, i))
            return (int) i;
          continue;
        }
      if (!jd_workbook_open_sheet (self, i, error))
        return -1;
      if (jd_workbook_next_row (self, &cells, &line, NULL, error))
        return (int) i;
      if (error != NULL && *error != NULL)
        return -1;
    }
  return 0;
}

void
jd_workbook_free (JdWorkbook *self)
{
  if (self == NULL)
    return;
  close_sheet (self);
  g_clear_object (&self->zip);
  g_strfreev (self->sheets);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  if (self->strings != NULL)
    g_string_free (self->strings, TRUE);
  g_clear_pointer (&self->string_starts, g_array_unref);
  g_clear_pointer (&self->date_styles, g_array_unref);
  g_clear_pointer (&self->has_data, g_array_unref);
  g_free (self->path);
  g_free (self);
}
