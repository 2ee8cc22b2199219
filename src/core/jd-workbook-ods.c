/* jd-workbook-ods.c: rows of cell texts from OpenDocument spreadsheets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All the sheets of an .ods are in content.xml. LibreOffice writes the
 * empty rows and cells up to the sheet's end as one row or cell
 * "repeated" a million times: they are counted, never made.
 */
#define G_LOG_DOMAIN "jd-workbook"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-csv.h"
#include "jd-workbook-private.h"

#define MAX_SPACES 1024

typedef struct
{
  JdWorkbook *self;
  gboolean    listing;     /* the first pass: names and which sheets hold values */
  GStrvBuilder *names;
  int         table;       /* the current sheet, from 0; -1 outside */
  int         wanted;
  guint       depth;       /* of the element being read */
  GPtrArray  *cells;
  guint       line;        /* the row's number, from 1 */
  guint64     row_repeat;
  guint64     column;
  guint64     column_repeat;
  gboolean    in_cell;
  guint       in_note;     /* office:annotation: not the cell's text */
  guint       paragraphs;
  char       *type;
  char       *value;
  GString    *text;
} Ods;

static void
ods_free (gpointer data)
{
  Ods *ods = data;

  g_clear_pointer (&ods->cells, g_ptr_array_unref);
  g_clear_pointer (&ods->names, g_strv_builder_unref);
  g_free (ods->type);
  g_free (ods->value);
  g_string_free (ods->text, TRUE);
  g_free (ods);
}

static guint64
repeat_of (const char **names,
           const char **values,
           const char  *attribute)
{
  const char *value = jd_workbook_attribute (names, values, attribute);
  guint64 n = value != NULL ? g_ascii_strtoull (value, NULL, 10) : 1;

  return n > 0 ? MIN (n, G_MAXUINT) : 1;
}

static void
ods_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              data,
           GError              **error)
{
  Ods *ods = data;

  if (!jd_workbook_enter (&ods->depth, error))
    return;
  if (g_str_equal (element, "table:table"))
    {
      ods->table++;
      ods->line = 0;
      if (ods->listing)
        {
          const char *sheet = jd_workbook_attribute (names, values, "name");
          gboolean none = FALSE;

          g_strv_builder_add (ods->names, sheet != NULL ? sheet : "");
          g_array_append_val (ods->self->has_data, none);
        }
      return;
    }
  if (ods->table != ods->wanted && !ods->listing)
    return;

  if (g_str_equal (element, "table:table-row"))
    {
      ods->row_repeat = repeat_of (names, values, "number-rows-repeated");
      ods->column = 0;
      g_ptr_array_set_size (ods->cells, 0);
    }
  else if (g_str_equal (element, "table:table-cell") || g_str_equal (element, "table:covered-table-cell"))
    {
      ods->in_cell = TRUE;
      ods->column_repeat = repeat_of (names, values, "number-columns-repeated");
      ods->paragraphs = 0;
      g_string_truncate (ods->text, 0);
      g_free (ods->type);
      ods->type = g_strdup (jd_workbook_attribute (names, values, "value-type"));
      g_clear_pointer (&ods->value, g_free);
      if (ods->type == NULL)
        return;
      if (g_str_equal (ods->type, "date"))
        ods->value = g_strdup (jd_workbook_attribute (names, values, "date-value"));
      else if (g_str_equal (ods->type, "boolean"))
        ods->value = g_strdup (jd_workbook_attribute (names, values, "boolean-value"));
      else if (g_str_equal (ods->type, "float") || g_str_equal (ods->type, "percentage") ||
               g_str_equal (ods->type, "currency"))
        ods->value = g_strdup (jd_workbook_attribute (names, values, "value"));
    }
  else if (g_str_equal (element, "office:annotation"))
    ods->in_note++;
  else if (ods->in_cell && !ods->in_note)
    {
      if (g_str_equal (element, "text:p"))
        {
          if (ods->paragraphs++ > 0)
            g_string_append_c (ods->text, '\n');
        }
      else if (g_str_equal (element, "text:s"))
        {
          const char *c = jd_workbook_attribute (names, values, "c");
          guint64 n = c != NULL ? g_ascii_strtoull (c, NULL, 10) : 1;

          for (guint64 i = 0; i < MIN (n, MAX_SPACES) && ods->text->len <= JD_CSV_MAX_FIELD; i++)
            g_string_append_c (ods->text, ' ');
        }
      else if (g_str_equal (element, "text:tab"))
        g_string_append_c (ods->text, '\t');
      else if (g_str_equal (element, "text:line-break"))
        g_string_append_c (ods->text, '\n');
    }
}

/* What a cell shows, as text. */
static char *
ods_cell_text (Ods *ods)
{
  if (ods->type != NULL && ods->value != NULL)
    {
      if (g_str_equal (ods->type, "date"))
        return g_strndup (ods->value, 10);
      if (g_str_equal (ods->type, "boolean"))
        return g_strdup (g_str_equal (ods->value, "true") ? "TRUE" : "FALSE");
      return jd_workbook_number_text (ods->value);
    }
  return g_strndup (ods->text->str, ods->text->len);
}

static void
ods_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              data,
         GError              **error)
{
  Ods *ods = data;
  JdWorkbook *self = ods->self;

  ods->depth--;
  if (g_str_equal (element, "table:table"))
    {
      if (ods->table == ods->wanted && !ods->listing)
        self->finished = TRUE;
      return;
    }
  if (ods->table != ods->wanted && !ods->listing)
    return;

  if (g_str_equal (element, "table:table-cell") || g_str_equal (element, "table:covered-table-cell"))
    {
      g_autofree char *text = ods_cell_text (ods);

      ods->in_cell = FALSE;
      if (*text != '\0')
        {
          if (ods->listing)
            g_array_index (self->has_data, gboolean, ods->table) = TRUE;
          else
            for (guint64 i = 0; i < ods->column_repeat; i++)
              if (!jd_workbook_put_cell (ods->cells, ods->column + i, text, ods->line + 1, error))
                return;
        }
      ods->column += ods->column_repeat;
    }
  else if (g_str_equal (element, "table:table-row"))
    {
      /* The same row repeated: as many rows, when it holds anything
       * (made one at a time as they are read). */
      if (!ods->listing && ods->cells->len > 0)
        {
          JdWorkbookRow *row = g_new0 (JdWorkbookRow, 1);

          row->cells = g_steal_pointer (&ods->cells);
          row->line = ods->line + 1;
          row->repeat = (guint) MIN (ods->row_repeat, G_MAXUINT - ods->line);
          g_queue_push_tail (&self->rows, row);
          ods->cells = g_ptr_array_new_with_free_func (g_free);
        }
      ods->line += (guint) MIN (ods->row_repeat, G_MAXUINT - ods->line);
    }
  else if (g_str_equal (element, "office:annotation"))
    ods->in_note--;
}

static void
ods_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              data,
          GError              **error)
{
  Ods *ods = data;

  if (ods->in_cell && !ods->in_note && ods->paragraphs > 0 && ods->text->len <= JD_CSV_MAX_FIELD &&
      (ods->listing || ods->table == ods->wanted))
    g_string_append_len (ods->text, text, (gssize) length);
}

static const GMarkupParser ods_parser = { ods_start, ods_end, ods_text, NULL, NULL };

static Ods *
ods_new (JdWorkbook *self,
         int         wanted)
{
  Ods *ods = g_new0 (Ods, 1);

  ods->self = self;
  ods->table = -1;
  ods->wanted = wanted;
  ods->listing = wanted < 0;
  ods->cells = g_ptr_array_new_with_free_func (g_free);
  ods->text = g_string_new (NULL);
  return ods;
}

/* An encrypted .ods says so in its manifest, and its content is not XML. */
static gboolean
is_encrypted (JdWorkbook *self)
{
  g_autoptr(GsfInput) manifest = jd_workbook_open_part (self, "META-INF/manifest.xml", NULL);
  g_autofree char *text = NULL;
  gsf_off_t size;

  if (manifest == NULL)
    return FALSE;
  size = gsf_input_size (manifest);
  if (size <= 0 || size > 16 * 1024 * 1024)
    return FALSE;
  text = g_malloc0 ((gsize) size + 1);
  if (gsf_input_read (manifest, (gsize) size, (guint8 *) text) == NULL)
    return FALSE;
  return strstr (text, "encryption-data") != NULL;
}

gboolean
jd_workbook_ods_load (JdWorkbook  *self,
                      GError     **error)
{
  g_autoptr(GsfInput) content = NULL;
  Ods *ods;
  gboolean ok;

  if (is_encrypted (self))
    {
      g_set_error_literal (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_PASSWORD,
                           _("This workbook is protected with a password. Open it in Excel or "
                             "LibreOffice, remove the password, save it, and import it again."));
      return FALSE;
    }
  content = jd_workbook_open_part (self, "content.xml", error);
  if (content == NULL)
    {
      if (error == NULL || *error == NULL)
        jd_workbook_set_broken (self, "content.xml", NULL, error);
      return FALSE;
    }
  self->has_data = g_array_new (FALSE, FALSE, sizeof (gboolean));
  ods = ods_new (self, -1);
  ods->names = g_strv_builder_new ();
  ok = jd_workbook_parse_part (self, content, "content.xml", &ods_parser, ods, error);
  if (ok)
    self->sheets = g_strv_builder_end (ods->names);
  ods_free (ods);
  return ok;
}

gboolean
jd_workbook_ods_open_sheet (JdWorkbook  *self,
                            guint        index,
                            GError     **error)
{
  Ods *ods;

  self->part = jd_workbook_open_part (self, "content.xml", error);
  if (self->part == NULL)
    {
      if (error == NULL || *error == NULL)
        jd_workbook_set_broken (self, "content.xml", NULL, error);
      return FALSE;
    }
  ods = ods_new (self, (int) index);
  self->state = ods;
  self->state_free = ods_free;
  self->part_name = g_strdup ("content.xml");
  self->context = g_markup_parse_context_new (&ods_parser, 0, ods, NULL);
  return TRUE;
}
