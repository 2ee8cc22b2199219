/* jd-xlsx.c: reports as Excel workbooks, through libxlsxwriter
 *
 * The same rows as the CSV export, with what a spreadsheet needs on top:
 * dates that are dates and numbers that are numbers (sortable, summable),
 * a bold header that stays in view, and columns wide enough to read.
 * libxlsxwriter's constant-memory mode streams each row to a temporary
 * file, so a year of visits takes no more memory than a day.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-xlsx"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "jd-db.h"
#include "jd-xlsx.h"

/* Widths come from the header and the first rows; past these, a column
 * is as wide as it will get. */
#define ROWS_MEASURED 500
#define MAX_WIDTH     50

typedef struct
{
  lxw_worksheet *sheet;
  char          *name;
  guint          row;      /* the next row to write */
  GArray        *widths;   /* guint, characters per column */
} Sheet;

struct _JdXlsxWriter
{
  lxw_workbook *workbook;
  lxw_format   *bold;
  lxw_format   *date;
  lxw_format   *date_time;
  lxw_format   *time;
  gboolean      per_section;
  char         *first_sheet_name;
  GPtrArray    *header;    /* char *: the first row */
  GPtrArray    *sheets;    /* Sheet */
  Sheet        *current;
  char         *section;   /* of the current sheet, per section */
  locale_t      c_numeric; /* the caller's locale with a decimal point */
};

/* libxlsxwriter prints every number in the workbook (cell values, column
 * widths, margins) with the C library's printf, which follows
 * LC_NUMERIC: on a Kazakh or Russian desk "0,5" would make every file
 * malformed. Each call into it runs with a decimal point on the calling
 * thread only (uselocale), so the interface, drawn by other threads in
 * the same process, keeps its decimal comma. */
static locale_t
enter_c_numeric (JdXlsxWriter *self)
{
  return self->c_numeric != (locale_t) 0 ? uselocale (self->c_numeric) : (locale_t) 0;
}

static void
leave_c_numeric (locale_t previous)
{
  if (previous != (locale_t) 0)
    uselocale (previous);
}

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->name);
  g_array_unref (sheet->widths);
  g_free (sheet);
}

char *
jd_xlsx_sheet_name (const char *name)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = name ? name : ""; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, strchr ("[]:*?/\\", (int) (c < 128 ? c : 'x')) != NULL ? '-' : c);
    }
  /* Excel refuses an empty name and one in apostrophes. */
  if (out->len == 0 || out->str[0] == '\'')
    g_string_prepend_c (out, '_');
  return g_string_free (out, FALSE);
}

/* The library's own messages ("Error creating output xlsx file. Usually
 * a permissions error") are for programmers: say what happened in the
 * words of the person saving, from the errno of the failed write. */
static void
set_write_error (int       saved_errno,
                 GError  **error)
{
  if (saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EDQUOT)
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FULL,
                 _("The disk is full, so the workbook could not be written. Free some space "
                   "or choose another place, then export again."));
  else if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_READ_ONLY,
                 _("The workbook cannot be saved in this folder. Choose a folder you may "
                   "write in."));
  else
    g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                 _("The workbook could not be written. Check that the disk has free space "
                   "and is still connected, or choose another place."));
}

static gboolean
check (lxw_error   rc,
       int         saved_errno,
       GError    **error)
{
  switch (rc)
    {
    case LXW_NO_ERROR:
      /* The library does not check its own writes (a full disk left a
       * worksheet cut short in a workbook it called complete), but the
       * failed write leaves its errno behind: only a write sets these. */
      if (saved_errno == ENOSPC || saved_errno == EFBIG || saved_errno == EDQUOT ||
          saved_errno == EIO)
        {
          set_write_error (saved_errno, error);
          return FALSE;
        }
      return TRUE;
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                   _("The report has more rows than a workbook can hold (1,048,576). "
                     "Choose a shorter period, or save it as CSV."));
      return FALSE;
    default:
      set_write_error (saved_errno, error);
      return FALSE;
    }
}

JdXlsxWriter *
jd_xlsx_writer_new (const char  *path,
                    const char  *sheet_name,
                    gboolean     sheet_per_section,
                    GError     **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  JdXlsxWriter *self;
  lxw_workbook *workbook;

  g_return_val_if_fail (path != NULL, NULL);

  workbook = workbook_new_opt (path, &options);
  if (workbook == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("The workbook could not be started."));
      return NULL;
    }

  self = g_new0 (JdXlsxWriter, 1);
  self->workbook = workbook;
  /* The caller's locale, decimal point aside. */
  {
    locale_t base = duplocale (uselocale ((locale_t) 0));

    if (base != (locale_t) 0)
      {
        self->c_numeric = newlocale (LC_NUMERIC_MASK, "C", base);
        if (self->c_numeric == (locale_t) 0)
          freelocale (base);
      }
    if (self->c_numeric == (locale_t) 0)
      g_warning ("No C numeric locale: %s", g_strerror (errno));
  }
  self->per_section = sheet_per_section;
  self->first_sheet_name = jd_xlsx_sheet_name (sheet_name);
  self->sheets = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_free);
  self->bold = workbook_add_format (workbook);
  format_set_bold (self->bold);
  /* As dates are written here. */
  self->date = workbook_add_format (workbook);
  format_set_num_format (self->date, "dd.mm.yyyy");
  self->date_time = workbook_add_format (workbook);
  format_set_num_format (self->date_time, "dd.mm.yyyy hh:mm");
  self->time = workbook_add_format (workbook);
  format_set_num_format (self->time, "hh:mm");
  return self;
}

static void
measure (Sheet      *sheet,
         guint       column,
         const char *text)
{
  guint width = text ? MIN ((guint) g_utf8_strlen (text, -1), MAX_WIDTH) : 0;

  if (column >= sheet->widths->len)
    g_array_set_size (sheet->widths, column + 1);
  if (width > g_array_index (sheet->widths, guint, column))
    g_array_index (sheet->widths, guint, column) = width;
}

static Sheet *
add_sheet (JdXlsxWriter  *self,
           const char    *name,
           GError       **error)
{
  g_autofree char *unique = jd_xlsx_sheet_name (name);
  Sheet *sheet;

  /* Two sections cut to the same 31 characters. */
  for (guint i = 0, n = 2; i < self->sheets->len; i++)
    if (g_utf8_collate (((Sheet *) self->sheets->pdata[i])->name, unique) == 0)
      {
        g_autofree char *base = g_utf8_substring (unique, 0, 27);

        g_free (unique);
        unique = g_strdup_printf ("%s (%u)", base, n++);
        i = (guint) -1;
      }

  sheet = g_new0 (Sheet, 1);
  sheet->name = g_steal_pointer (&unique);
  sheet->widths = g_array_new (FALSE, TRUE, sizeof (guint));
  errno = 0;
  sheet->sheet = workbook_add_worksheet (self->workbook, sheet->name);
  if (sheet->sheet == NULL && errno != 0)
    {
      /* Constant-memory sheets start a temporary file at once. */
      set_write_error (errno, error);
      sheet_free (sheet);
      return NULL;
    }
  if (sheet->sheet == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("The workbook could not take a sheet named “%s”."),
                   sheet->name);
      sheet_free (sheet);
      return NULL;
    }
  worksheet_freeze_panes (sheet->sheet, 1, 0);
  g_ptr_array_add (self->sheets, sheet);
  return sheet;
}

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* A number a spreadsheet should add up: no leading zero (codes and IINs
 * keep theirs), at most nine digits before the point. */
static gboolean
as_number (const char *text,
           double     *value)
{
  const char *p = text[0] == '-' ? text + 1 : text;
  const char *point = strchr (p, '.');
  gsize whole = point ? (gsize) (point - p) : strlen (p);

  if (whole == 0 || whole > 9 || !all_digits (p, whole) || (p[0] == '0' && whole > 1))
    return FALSE;
  if (point != NULL && (point[1] == '\0' || !all_digits (point + 1, strlen (point + 1))))
    return FALSE;
  *value = g_ascii_strtod (text, NULL);
  return TRUE;
}

/* YYYY-MM-DD, YYYY-MM-DD HH:MM, or a time of day HH:MM. */
static gboolean
as_date (const char   *text,
         lxw_datetime *when,
         gboolean     *with_time)
{
  gsize n = strlen (text);

  if (n == 5 && all_digits (text, 2) && text[2] == ':' && all_digits (text + 3, 2))
    {
      memset (when, 0, sizeof *when);
      when->hour = atoi (text);
      when->min = atoi (text + 3);
      *with_time = TRUE;
      return when->hour < 24 && when->min < 60;
    }

  if ((n != 10 && n != 16) || !all_digits (text, 4) || text[4] != '-' || !all_digits (text + 5, 2) ||
      text[7] != '-' || !all_digits (text + 8, 2))
    return FALSE;
  if (n == 16 && (text[10] != ' ' || !all_digits (text + 11, 2) || text[13] != ':' || !all_digits (text + 14, 2)))
    return FALSE;

  memset (when, 0, sizeof *when);
  when->year = atoi (text);
  when->month = atoi (text + 5);
  when->day = atoi (text + 8);
  if (!g_date_valid_dmy ((GDateDay) when->day, (GDateMonth) when->month, (GDateYear) when->year))
    return FALSE;
  *with_time = n == 16;
  if (*with_time)
    {
      when->hour = atoi (text + 11);
      when->min = atoi (text + 14);
    }
  return TRUE;
}

static gboolean
write_cell (JdXlsxWriter  *self,
            Sheet         *sheet,
            guint          column,
            const char    *text,
            gboolean       header,
            GError       **error)
{
  lxw_datetime when;
  gboolean with_time;
  double number;
  lxw_error rc;

  if (sheet->row <= ROWS_MEASURED)
    measure (sheet, column, text);
  if (text == NULL || *text == '\0')
    return TRUE;
  errno = 0;
  if (header)
    rc = worksheet_write_string (sheet->sheet, sheet->row, (lxw_col_t) column, text, self->bold);
  else if (as_date (text, &when, &with_time))
    rc = worksheet_write_datetime (sheet->sheet, sheet->row, (lxw_col_t) column, &when,
                                   when.year == 0 ? self->time
                                   : with_time ? self->date_time : self->date);
  else if (as_number (text, &number))
    rc = worksheet_write_number (sheet->sheet, sheet->row, (lxw_col_t) column, number, NULL);
  else
    rc = worksheet_write_string (sheet->sheet, sheet->row, (lxw_col_t) column, text, NULL);
  return check (rc, errno, error);
}

static gboolean
write_cells (JdXlsxWriter        *self,
             Sheet               *sheet,
             const char * const  *fields,
             guint                n_fields,
             gboolean             header,
             GError             **error)
{
  for (guint i = 0; i < n_fields; i++)
    if (!write_cell (self, sheet, i, fields[i], header, error))
      return FALSE;
  sheet->row++;
  return TRUE;
}

static gboolean
write_row (JdXlsxWriter        *self,
           const char * const  *fields,
           guint                n_fields,
           GError             **error)
{
  /* The first row is the header. */
  if (self->header == NULL)
    {
      self->header = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < n_fields; i++)
        g_ptr_array_add (self->header, g_strdup (fields[i] ? fields[i] : ""));
      if (self->per_section)
        return TRUE;
      self->current = add_sheet (self, self->first_sheet_name, error);
      return self->current != NULL &&
             write_cells (self, self->current, fields, n_fields, TRUE, error);
    }

  if (!self->per_section)
    return write_cells (self, self->current, fields, n_fields, FALSE, error);

  /* A new section starts a sheet, headed by the header's other columns. */
  if (n_fields == 0)
    return TRUE;
  if (self->current == NULL || g_strcmp0 (self->section, fields[0]) != 0)
    {
      g_free (self->section);
      self->section = g_strdup (fields[0]);
      self->current = add_sheet (self, fields[0], error);
      if (self->current == NULL ||
          !write_cells (self, self->current, (const char * const *) self->header->pdata + 1,
                        self->header->len - 1, TRUE, error))
        return FALSE;
    }
  return write_cells (self, self->current, fields + 1, n_fields - 1, FALSE, error);
}

gboolean
jd_xlsx_writer_write_row (JdXlsxWriter        *self,
                          const char * const  *fields,
                          guint                n_fields,
                          GError             **error)
{
  locale_t previous;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  previous = enter_c_numeric (self);
  ok = write_row (self, fields, n_fields, error);
  leave_c_numeric (previous);
  return ok;
}

static gboolean
close_workbook (JdXlsxWriter  *self,
                GError       **error)
{
  lxw_workbook *workbook;
  lxw_error rc;

  /* An empty report still has its sheet. */
  if (self->sheets->len == 0 && add_sheet (self, self->first_sheet_name, error) == NULL)
    return FALSE;
  for (guint i = 0; i < self->sheets->len; i++)
    {
      Sheet *sheet = self->sheets->pdata[i];

      for (guint c = 0; c < sheet->widths->len; c++)
        worksheet_set_column (sheet->sheet, (lxw_col_t) c, (lxw_col_t) c,
                              MAX (g_array_index (sheet->widths, guint, c), 6) + 2, NULL);
    }

  workbook = g_steal_pointer (&self->workbook);
  errno = 0;
  rc = workbook_close (workbook);
  return check (rc, errno, error);
}

gboolean
jd_xlsx_writer_close (JdXlsxWriter  *self,
                      GError       **error)
{
  locale_t previous;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);

  previous = enter_c_numeric (self);
  ok = close_workbook (self, error);
  leave_c_numeric (previous);
  return ok;
}

void
jd_xlsx_writer_free (JdXlsxWriter *self)
{
  if (self == NULL)
    return;

  /* Never closed: freed without writing the file. */
  if (self->workbook != NULL)
    lxw_workbook_free (self->workbook);
  g_clear_pointer (&self->header, g_ptr_array_unref);
  g_ptr_array_unref (self->sheets);
  g_free (self->first_sheet_name);
  g_free (self->section);
  if (self->c_numeric != (locale_t) 0)
    freelocale (self->c_numeric);
  g_free (self);
}
