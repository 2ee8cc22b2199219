/* jd-workbook-xlsx.c: rows of cell texts from Excel workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An .xlsx keeps its sheet names in the workbook part, the texts of
 * most cells once in the shared strings, and whether a number is a
 * date only in the number format of the cell's style. Each sheet is
 * read a piece at a time (jd_workbook_next_row ()).
 */
#define G_LOG_DOMAIN "jd-workbook"

#include "config.h"

#include <string.h>

#include "jd-csv.h"
#include "jd-workbook-private.h"

/* ---- .xlsx: the workbook, its relationships, strings and styles ---- */

typedef struct
{
  JdWorkbook *self;
  GPtrArray  *names;
  GPtrArray  *ids;
  GHashTable *targets;   /* relationship id → target */
  char       *office;    /* the main part, from _rels/.rels */
  GString    *text;
  gboolean    in_text;
  gboolean    in_phonetic;
  GHashTable *formats;   /* custom number format id → code */
  gboolean    in_cell_xfs;
  guint       depth;
} Load;

static void
load_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              data,
            GError              **error)
{
  Load *load = data;
  const char *name = jd_workbook_local_name (element);

  if (!jd_workbook_enter (&load->depth, error))
    return;
  if (g_str_equal (name, "sheet"))
    {
      const char *sheet = jd_workbook_attribute (names, values, "name");
      const char *id = jd_workbook_attribute (names, values, "id");

      if (sheet != NULL && id != NULL)
        {
          g_ptr_array_add (load->names, g_strdup (sheet));
          g_ptr_array_add (load->ids, g_strdup (id));
        }
    }
  else if (g_str_equal (name, "workbookPr"))
    {
      const char *value = jd_workbook_attribute (names, values, "date1904");

      load->self->date1904 = value != NULL && (g_str_equal (value, "1") || g_str_equal (value, "true"));
    }
  else if (g_str_equal (name, "Relationship"))
    {
      const char *id = jd_workbook_attribute (names, values, "Id");
      const char *target = jd_workbook_attribute (names, values, "Target");
      const char *type = jd_workbook_attribute (names, values, "Type");

      if (id != NULL && target != NULL)
        g_hash_table_insert (load->targets, g_strdup (id), g_strdup (target));
      if (type != NULL && target != NULL && g_str_has_suffix (type, "/officeDocument"))
        {
          g_free (load->office);
          load->office = g_strdup (target);
        }
    }
  else if (g_str_equal (name, "si"))
    g_string_truncate (load->text, 0);
  else if (g_str_equal (name, "t"))
    load->in_text = TRUE;
  else if (g_str_equal (name, "rPh"))
    load->in_phonetic = TRUE;
  else if (g_str_equal (name, "numFmt"))
    {
      const char *id = jd_workbook_attribute (names, values, "numFmtId");
      const char *code = jd_workbook_attribute (names, values, "formatCode");

      if (id != NULL && code != NULL)
        g_hash_table_insert (load->formats, GUINT_TO_POINTER ((guint) g_ascii_strtoull (id, NULL, 10)),
                             g_strdup (code));
    }
  else if (g_str_equal (name, "cellXfs"))
    load->in_cell_xfs = TRUE;
  else if (g_str_equal (name, "xf") && load->in_cell_xfs)
    {
      const char *id = jd_workbook_attribute (names, values, "numFmtId");
      guint number = id != NULL ? (guint) g_ascii_strtoull (id, NULL, 10) : 0;
      gboolean date = jd_workbook_format_is_date (number, g_hash_table_lookup (load->formats,
                                                                               GUINT_TO_POINTER (number)));

      g_array_append_val (load->self->date_styles, date);
    }
}

static void
load_end (GMarkupParseContext  *context,
          const char           *element,
          gpointer              data,
          GError              **error)
{
  Load *load = data;
  const char *name = jd_workbook_local_name (element);

  load->depth--;
  if (g_str_equal (name, "si"))
    {
      if (load->text->len > JD_CSV_MAX_FIELD)
        g_string_truncate (load->text, JD_CSV_MAX_FIELD);
      JdWorkbook *self = load->self;
      guint32 start = (guint32) self->strings->len;

      /* One buffer: a string costs its text and four bytes. */
      g_array_append_val (self->string_starts, start);
      g_string_append_len (self->strings, load->text->str, (gssize) strlen (load->text->str));
      g_string_append_c (self->strings, '\0');
    }
  else if (g_str_equal (name, "t"))
    load->in_text = FALSE;
  else if (g_str_equal (name, "rPh"))
    load->in_phonetic = FALSE;
  else if (g_str_equal (name, "cellXfs"))
    load->in_cell_xfs = FALSE;
}

static void
load_text (GMarkupParseContext  *context,
           const char           *text,
           gsize                 length,
           gpointer              data,
           GError              **error)
{
  Load *load = data;

  if (load->in_text && !load->in_phonetic && load->text->len <= JD_CSV_MAX_FIELD)
    g_string_append_len (load->text, text, (gssize) length);
}

static const GMarkupParser load_parser = { load_start, load_end, load_text, NULL, NULL };

/* Reads part @name, if the workbook has it (@required: it must). */
static gboolean
load_part (JdWorkbook  *self,
           Load        *load,
           const char  *name,
           gboolean     required,
           GError     **error)
{
  g_autoptr(GsfInput) input = NULL;
  g_autoptr(GError) local_error = NULL;

  input = jd_workbook_open_part (self, name, &local_error);
  if (input == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (required)
        jd_workbook_set_broken (self, name, NULL, error);
      return !required;
    }
  /* The shared strings stay in memory. */
  if (g_str_has_suffix (name, "sharedStrings.xml") &&
      gsf_input_size (input) > jd_workbook_get_part_limit () / 4)
    {
      jd_workbook_set_too_big (error);
      return FALSE;
    }
  return jd_workbook_parse_part (self, input, name, &load_parser, load, error);
}

/* A relationship's target as a path in the archive, from the folder of
 * the part that points at it. */
static char *
resolve_target (const char *folder,
                const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return *folder != '\0' ? g_strconcat (folder, "/", target, NULL) : g_strdup (target);
}

gboolean
jd_workbook_xlsx_load (JdWorkbook  *self,
                       GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) formats = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *workbook = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *rels = NULL;
  g_autofree char *base = NULL;
  g_autofree char *strings = NULL;
  g_autofree char *styles = NULL;
  Load load = { .self = self, .names = names, .ids = ids, .targets = targets, .text = text,
                .formats = formats };
  GHashTableIter iter;
  gpointer key, value;
  gboolean ok;

  self->strings = g_string_new (NULL);
  self->string_starts = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->targets = g_ptr_array_new_with_free_func (g_free);

  if (!load_part (self, &load, "_rels/.rels", FALSE, error))
    return FALSE;
  workbook = g_strdup (load.office != NULL ? (load.office[0] == '/' ? load.office + 1 : load.office)
                                           : "xl/workbook.xml");
  g_clear_pointer (&load.office, g_free);
  g_hash_table_remove_all (targets);
  folder = g_path_get_dirname (workbook);
  if (g_str_equal (folder, "."))
    folder[0] = '\0';
  base = g_path_get_basename (workbook);
  rels = *folder != '\0' ? g_strdup_printf ("%s/_rels/%s.rels", folder, base)
                         : g_strdup_printf ("_rels/%s.rels", base);

  ok = load_part (self, &load, workbook, TRUE, error) && load_part (self, &load, rels, TRUE, error);
  g_free (load.office);
  if (!ok)
    return FALSE;

  /* The shared strings and the styles, wherever the workbook keeps them. */
  g_hash_table_iter_init (&iter, targets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_has_suffix (value, "sharedStrings.xml"))
        strings = resolve_target (folder, value);
      else if (g_str_has_suffix (value, "styles.xml"))
        styles = resolve_target (folder, value);
    }
  if (strings == NULL)
    strings = resolve_target (folder, "sharedStrings.xml");
  if (styles == NULL)
    styles = resolve_target (folder, "styles.xml");
  if (!load_part (self, &load, strings, FALSE, error) || !load_part (self, &load, styles, FALSE, error))
    return FALSE;

  {
    g_autoptr(GStrvBuilder) sheets = g_strv_builder_new ();

    for (guint i = 0; i < names->len; i++)
      {
        const char *target = g_hash_table_lookup (targets, ids->pdata[i]);

        if (target == NULL)
          continue;
        g_ptr_array_add (self->targets, resolve_target (folder, target));
        g_strv_builder_add (sheets, names->pdata[i]);
      }
    self->sheets = g_strv_builder_end (sheets);
  }
  return TRUE;
}

/* ---- .xlsx: a sheet, row by row ---- */

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED,
  CELL_TEXT,     /* inline strings, formulas' text, errors */
  CELL_BOOLEAN,
  CELL_DATE,     /* ISO text */
} CellType;

typedef struct
{
  JdWorkbook *self;
  GPtrArray  *cells;
  guint       line;
  guint64     column;
  CellType    type;
  gboolean    date;
  GString    *text;
  gboolean    in_value;
  gboolean    in_inline;
  gboolean    in_text;
  gboolean    in_phonetic;
  guint       depth;
} Sheet;

static void
sheet_free (gpointer data)
{
  Sheet *sheet = data;

  g_clear_pointer (&sheet->cells, g_ptr_array_unref);
  g_string_free (sheet->text, TRUE);
  g_free (sheet);
}

/* "BC12" → 54 (from 0); -1 without letters. */
static gint64
column_of (const char *reference)
{
  gint64 column = 0;
  guint n = 0;

  for (const char *p = reference; g_ascii_isalpha (*p) && n < 4; p++, n++)
    column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
  return n > 0 ? column - 1 : -1;
}

static void
sheet_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              data,
             GError              **error)
{
  Sheet *sheet = data;
  const char *name = jd_workbook_local_name (element);

  if (!jd_workbook_enter (&sheet->depth, error))
    return;
  if (g_str_equal (name, "row"))
    {
      const char *r = jd_workbook_attribute (names, values, "r");
      guint64 line = r != NULL ? g_ascii_strtoull (r, NULL, 10) : 0;

      sheet->line = line > 0 && line <= G_MAXUINT ? (guint) line : sheet->line + 1;
      sheet->column = 0;
      g_ptr_array_set_size (sheet->cells, 0);
    }
  else if (g_str_equal (name, "c"))
    {
      const char *r = jd_workbook_attribute (names, values, "r");
      const char *t = jd_workbook_attribute (names, values, "t");
      const char *s = jd_workbook_attribute (names, values, "s");
      gint64 column = r != NULL ? column_of (r) : -1;
      guint64 style = s != NULL ? g_ascii_strtoull (s, NULL, 10) : 0;
      GArray *dates = sheet->self->date_styles;

      if (column >= 0)
        sheet->column = (guint64) column;
      sheet->type = t == NULL || g_str_equal (t, "n") ? CELL_NUMBER
                    : g_str_equal (t, "s")              ? CELL_SHARED
                    : g_str_equal (t, "b")              ? CELL_BOOLEAN
                    : g_str_equal (t, "d")              ? CELL_DATE
                                                        : CELL_TEXT;
      sheet->date = style < dates->len && g_array_index (dates, gboolean, style);
      g_string_truncate (sheet->text, 0);
    }
  else if (g_str_equal (name, "v"))
    sheet->in_value = TRUE;
  else if (g_str_equal (name, "is"))
    sheet->in_inline = TRUE;
  else if (g_str_equal (name, "t"))
    sheet->in_text = TRUE;
  else if (g_str_equal (name, "rPh"))
    sheet->in_phonetic = TRUE;
}

static char *
cell_text (Sheet *sheet)
{
  const char *text = sheet->text->str;
  GDate day;

  switch (sheet->type)
    {
    case CELL_SHARED:
      {
        guint64 index = g_ascii_strtoull (text, NULL, 10);
        JdWorkbook *self = sheet->self;

        return g_strdup (index < self->string_starts->len
                           ? self->strings->str + g_array_index (self->string_starts, guint32, index)
                           : "");
      }
    case CELL_BOOLEAN:
      return g_strdup (g_str_equal (g_strstrip (sheet->text->str), "1") ? "TRUE" : "FALSE");
    case CELL_DATE:
      return g_strndup (text, 10);
    case CELL_NUMBER:
      if (sheet->date && *text != '\0' &&
          jd_workbook_serial_to_date (g_ascii_strtod (text, NULL), sheet->self->date1904, &day))
        return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
                                g_date_get_day (&day));
      return jd_workbook_number_text (text);
    case CELL_TEXT:
    default:
      return g_strdup (text);
    }
}

static void
sheet_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              data,
           GError              **error)
{
  Sheet *sheet = data;
  JdWorkbook *self = sheet->self;
  const char *name = jd_workbook_local_name (element);

  sheet->depth--;
  if (g_str_equal (name, "c"))
    {
      g_autofree char *text = cell_text (sheet);

      if (*text != '\0' && !jd_workbook_put_cell (sheet->cells, sheet->column, text, sheet->line, error))
        return;
      sheet->column++;
    }
  else if (g_str_equal (name, "row"))
    {
      if (sheet->cells->len > 0)
        {
          JdWorkbookRow *row = g_new0 (JdWorkbookRow, 1);

          row->cells = g_steal_pointer (&sheet->cells);
          row->line = sheet->line;
          g_queue_push_tail (&self->rows, row);
          sheet->cells = g_ptr_array_new_with_free_func (g_free);
        }
    }
  else if (g_str_equal (name, "sheetData"))
    self->finished = TRUE;   /* what follows (merged cells, page set-up) is not needed */
  else if (g_str_equal (name, "v"))
    sheet->in_value = FALSE;
  else if (g_str_equal (name, "is"))
    sheet->in_inline = FALSE;
  else if (g_str_equal (name, "t"))
    sheet->in_text = FALSE;
  else if (g_str_equal (name, "rPh"))
    sheet->in_phonetic = FALSE;
}

static void
sheet_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              data,
            GError              **error)
{
  Sheet *sheet = data;

  if ((sheet->in_value || (sheet->in_inline && sheet->in_text && !sheet->in_phonetic)) &&
      sheet->text->len <= JD_CSV_MAX_FIELD)
    g_string_append_len (sheet->text, text, (gssize) length);
}

static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };

gboolean
jd_workbook_xlsx_open_sheet (JdWorkbook  *self,
                             guint        index,
                             GError     **error)
{
  Sheet *sheet;
  const char *name = self->targets->pdata[index];

  self->part = jd_workbook_open_part (self, name, error);
  if (self->part == NULL)
    {
      if (error == NULL || *error == NULL)
        jd_workbook_set_broken (self, name, NULL, error);
      return FALSE;
    }
  sheet = g_new0 (Sheet, 1);
  sheet->self = self;
  sheet->cells = g_ptr_array_new_with_free_func (g_free);
  sheet->text = g_string_new (NULL);
  self->state = sheet;
  self->state_free = sheet_free;
  self->part_name = g_strdup (name);
  self->context = g_markup_parse_context_new (&sheet_parser, 0, sheet, NULL);
  return TRUE;
}
