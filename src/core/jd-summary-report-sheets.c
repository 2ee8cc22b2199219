/* jd-summary-report-sheets.c: the report as CSV and as an Excel workbook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: the title block, then each table under its title, separated by
 * empty lines, shares as percentages. XLSX: a title sheet (the title
 * block and the headline figures), then one titled sheet per table,
 * each ready to print on A4: print area, fit to the page's width, the
 * headings repeated on every page, shares as numbers shown as percents.
 */
#define G_LOG_DOMAIN "jd-summary-report"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "jd-csv.h"
#include "jd-summary-report-private.h"
#include "jd-xlsx.h"

static const char *
report_title (void)
{
  return _("Report on the centre's work");
}

/* The title block as (label, value) pairs; a NULL value is left out. */
static void
title_block (const JdSummaryReport *report,
             const char            *lines[][2],
             guint                 *n_lines)
{
  guint n = 0;

  lines[n][0] = _("Centre");
  lines[n++][1] = report->centre_name;
  if (report->centre_code != NULL)
    {
      lines[n][0] = _("Centre code");
      lines[n++][1] = report->centre_code;
    }
  if (report->centre_district != NULL)
    {
      lines[n][0] = _("District");
      lines[n++][1] = report->centre_district;
    }
  lines[n][0] = _("Period");
  lines[n++][1] = report->period_label;
  lines[n][0] = _("Made at");
  lines[n++][1] = report->made_at;
  if (report->made_by != NULL)
    {
      lines[n][0] = _("Made by");
      lines[n++][1] = report->made_by;
    }
  *n_lines = n;
}

/* CSV. */

static void
csv_line (GString           *out,
          char               delimiter,
          const char *const *fields,
          guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *cell = jd_csv_escape_field (fields[i] != NULL ? fields[i] : "", delimiter);

      if (i > 0)
        g_string_append_c (out, delimiter);
      g_string_append (out, cell);
    }
  g_string_append (out, "\r\n");
}

static char *
csv_value (double             value,
           JdSummaryValueKind kind,
           char               delimiter)
{
  char *text;

  if (isnan (value))
    return g_strdup ("");
  if (kind == JD_SUMMARY_VALUE_COUNT)
    return g_strdup_printf ("%.0f", value);
  /* g_ascii_formatd: a point whatever the locale, then the comma Excel
   * reads in kk and ru locales unless commas separate the fields. */
  text = g_malloc (G_ASCII_DTOSTR_BUF_SIZE + 2);
  g_ascii_formatd (text, G_ASCII_DTOSTR_BUF_SIZE, "%.1f", value * 100);
  if (delimiter != ',')
    g_strdelimit (text, ".", ',');
  strcat (text, "%");
  return text;
}

static void
csv_table (GString              *out,
           char                  delimiter,
           const JdSummaryTable *table)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_string_append (out, "\r\n");
  csv_line (out, delimiter, (const char *const *) &table->title, 1);
  if (table->note != NULL)
    csv_line (out, delimiter, (const char *const *) &table->note, 1);
  g_ptr_array_add (fields, g_strdup (table->label_title));
  for (guint c = 0; c < table->n_columns; c++)
    g_ptr_array_add (fields, g_strdup (table->column_titles[c]));
  csv_line (out, delimiter, (const char *const *) fields->pdata, fields->len);
  for (guint r = 0; r < table->rows->len; r++)
    {
      const JdSummaryRow *row = table->rows->pdata[r];

      g_ptr_array_set_size (fields, 0);
      g_ptr_array_add (fields, g_strdup (row->label));
      for (guint c = 0; c < table->n_columns; c++)
        g_ptr_array_add (fields, csv_value (row->values[c], table->kinds[c], delimiter));
      csv_line (out, delimiter, (const char *const *) fields->pdata, fields->len);
    }
}

/* The whole CSV text, with its byte order mark (for previews and tests
 * too). */
char *
jd_summary_report_to_csv (const JdSummaryReport *report,
                          char                   delimiter)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  const char *lines[8][2];
  guint n_lines;

  g_return_val_if_fail (report != NULL, NULL);
  if (delimiter == '\0')
    delimiter = ';';

  csv_line (out, delimiter, (const char *const[]) { report_title () }, 1);
  title_block (report, lines, &n_lines);
  for (guint i = 0; i < n_lines; i++)
    csv_line (out, delimiter, lines[i], 2);
  csv_table (out, delimiter, report->headline);
  for (guint i = 0; i < report->tables->len; i++)
    csv_table (out, delimiter, report->tables->pdata[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
set_write_error (const char  *path,
                 int          saved_errno,
                 GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("The report could not be written to “%s”: %s."), path, g_strerror (saved_errno));
}

gboolean
jd_summary_report_write_csv (const JdSummaryReport *report,
                             const char            *path,
                             char                   delimiter,
                             GError               **error)
{
  g_autofree char *text = NULL;
  size_t length;
  FILE *file;
  int saved_errno;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);

  text = jd_summary_report_to_csv (report, delimiter);
  length = strlen (text);
  /* Written in place (truncated), so that a locked temporary file the
   * caller made stays the same file. */
  file = g_fopen (path, "wb");
  if (file == NULL)
    {
      set_write_error (path, errno, error);
      return FALSE;
    }
  errno = 0;
  if (fwrite (text, 1, length, file) != length || fflush (file) != 0)
    {
      saved_errno = errno ? errno : EIO;
      fclose (file);
      set_write_error (path, saved_errno, error);
      return FALSE;
    }
  if (fclose (file) != 0)
    {
      set_write_error (path, errno, error);
      return FALSE;
    }
  return TRUE;
}

/* XLSX. */

/* A sheet name Excel accepts: at most 31 characters, cut after a whole
 * word when longer, and unique in @used (" (2)", " (3)"… otherwise).
 * Returns: (transfer none): the name, kept in @used (libxlsxwriter
 * keeps a pointer to a sheet's name until the workbook is closed) */
const char *
jd_summary_sheet_name (const char *title,
                       GPtrArray  *used)
{
  g_autofree char *base = NULL;
  g_autofree char *dashed = NULL;
  char *name;

  /* Excel refuses a colon: "Age band: visits" is "Age band – visits". */
  {
    g_auto(GStrv) parts = g_strsplit (title, ": ", -1);

    dashed = g_strjoinv (" – ", parts);
    title = dashed;
  }
  if (g_utf8_strlen (title, -1) > 31)
    {
      const char *cut = g_utf8_offset_to_pointer (title, 31);
      const char *space = NULL;

      /* The last space at or before the 32nd character. */
      for (const char *p = title; p <= cut && *p != '\0'; p = g_utf8_next_char (p))
        if (*p == ' ')
          space = p;
      base = g_strndup (title, (gsize) ((space != NULL && space > title ? space : cut) - title));
      g_strchomp (base);
      /* No dangling comma or dash before the cut (whole characters:
       * a byte of "р" is also one of "–"). */
      while (*base != '\0')
        {
          char *last = g_utf8_find_prev_char (base, base + strlen (base));
          gunichar c = g_utf8_get_char (last);

          if (c != ',' && c != ';' && c != ':' && c != '-' && c != 0x2013)
            break;
          *last = '\0';
          g_strchomp (base);
        }
    }
  else
    base = g_strdup (title);

  name = jd_xlsx_sheet_name (base);
  for (guint n = 2; ; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < used->len && !taken; i++)
        taken = g_utf8_collate (used->pdata[i], name) == 0;
      if (!taken)
        break;
      {
        g_autofree char *suffix = g_strdup_printf (" (%u)", n);
        glong room = 31 - (glong) strlen (suffix);
        g_autofree char *stem = g_utf8_substring (base, 0, MIN (room, g_utf8_strlen (base, -1)));
        g_autofree char *numbered = g_strconcat (g_strchomp (stem), suffix, NULL);

        g_free (name);
        name = jd_xlsx_sheet_name (numbered);
      }
    }
  g_ptr_array_add (used, name);
  return name;
}

typedef struct
{
  lxw_workbook *workbook;
  lxw_format   *title;
  lxw_format   *subtitle;
  lxw_format   *note;
  lxw_format   *made;
  lxw_format   *heading;
  lxw_format   *heading_number;
  lxw_format   *count;
  lxw_format   *share;
  lxw_format   *label;
  lxw_format   *total_label;
  lxw_format   *total_count;
  lxw_format   *total_share;
  GPtrArray    *names;
  lxw_error     rc;
} Book;

static void
keep (Book      *book,
      lxw_error  rc)
{
  if (book->rc == LXW_NO_ERROR)
    book->rc = rc;
}

static void
page_set_up (lxw_worksheet *sheet,
             guint          last_row,
             guint          last_column,
             int            heading_row)
{
  worksheet_set_paper (sheet, 9);          /* A4 */
  worksheet_set_portrait (sheet);
  worksheet_fit_to_pages (sheet, 1, 0);    /* the width of one page */
  worksheet_set_margins (sheet, 0.6, 0.6, 0.7, 0.7);
  worksheet_set_footer (sheet, "&C&P / &N");
  worksheet_print_area (sheet, 0, 0, last_row, (lxw_col_t) last_column);
  if (heading_row >= 0)
    worksheet_repeat_rows (sheet, (lxw_row_t) heading_row, (lxw_row_t) heading_row);
}

/* The title lines at the top of every sheet; returns the next row. */
static lxw_row_t
sheet_title (Book                  *book,
             lxw_worksheet         *sheet,
             const JdSummaryReport *report,
             const char            *title)
{
  g_autofree char *centre = report->centre_code != NULL
                            ? g_strdup_printf ("%s (%s)", report->centre_name, report->centre_code)
                            : g_strdup (report->centre_name);
  g_autofree char *period = g_strdup_printf ("%s: %s", _("Period"), report->period_label);
  g_autofree char *made = report->made_by != NULL
                          ? g_strdup_printf (_("Made at %s by %s"), report->made_at, report->made_by)
                          : g_strdup_printf (_("Made at %s"), report->made_at);

  keep (book, worksheet_write_string (sheet, 0, 0, title, book->title));
  keep (book, worksheet_write_string (sheet, 1, 0, centre, book->subtitle));
  keep (book, worksheet_write_string (sheet, 2, 0, period, book->subtitle));
  keep (book, worksheet_write_string (sheet, 3, 0, made, book->made));
  worksheet_set_row (sheet, 0, 22, NULL);
  return 5;
}

/* Column @c's width in characters: 0 is the labels'. */
static double
column_width (const JdSummaryTable *table,
              guint                 c)
{
  glong width;

  if (c > 0)
    return MAX (12, MIN (22, g_utf8_strlen (table->column_titles[c - 1], -1) + 2));
  width = g_utf8_strlen (table->label_title, -1);
  for (guint r = 0; r < table->rows->len; r++)
    width = MAX (width, g_utf8_strlen (((JdSummaryRow *) table->rows->pdata[r])->label, -1));
  return MIN (MAX (width, 16), 48) + 2;
}

static void
set_columns (lxw_worksheet        *sheet,
             const JdSummaryTable *table)
{
  for (guint c = 0; c <= table->n_columns; c++)
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, column_width (table, c), NULL);
}

/* @table from @row on; returns the row after it and sets @heading. */
static lxw_row_t
sheet_table (Book                 *book,
             lxw_worksheet        *sheet,
             const JdSummaryTable *table,
             lxw_row_t             row,
             gboolean              with_title,
             lxw_row_t            *heading)
{
  if (with_title)
    keep (book, worksheet_write_string (sheet, row++, 0, table->title, book->subtitle));
  if (table->note != NULL)
    {
      /* Wrapped across the table's width, inside the print area: a
       * merged cell does not grow by itself, so its height is set. */
      double width = 0;
      glong lines;

      for (guint c = 0; c <= table->n_columns; c++)
        width += column_width (table, c);
      lines = (glong) (g_utf8_strlen (table->note, -1) / (width * 1.1)) + 1;
      keep (book, worksheet_merge_range (sheet, row, 0, row, (lxw_col_t) table->n_columns, table->note,
                                         book->note));
      worksheet_set_row (sheet, row, 15.0 * (double) lines, NULL);
      row++;
    }
  *heading = row;
  keep (book, worksheet_write_string (sheet, row, 0, table->label_title, book->heading));
  for (guint c = 0; c < table->n_columns; c++)
    keep (book, worksheet_write_string (sheet, row, (lxw_col_t) (c + 1), table->column_titles[c],
                                        book->heading_number));
  row++;
  for (guint r = 0; r < table->rows->len; r++, row++)
    {
      const JdSummaryRow *data = table->rows->pdata[r];

      keep (book, worksheet_write_string (sheet, row, 0, data->label,
                                          data->is_total ? book->total_label : book->label));
      for (guint c = 0; c < table->n_columns; c++)
        {
          gboolean share = table->kinds[c] == JD_SUMMARY_VALUE_SHARE;
          lxw_format *format = data->is_total ? (share ? book->total_share : book->total_count)
                                              : (share ? book->share : book->count);

          if (isnan (data->values[c]))
            keep (book, worksheet_write_blank (sheet, row, (lxw_col_t) (c + 1), format));
          else
            keep (book, worksheet_write_number (sheet, row, (lxw_col_t) (c + 1), data->values[c], format));
        }
    }
  return row;
}

static void
add_formats (Book *book)
{
  lxw_workbook *w = book->workbook;

  book->title = workbook_add_format (w);
  format_set_bold (book->title);
  format_set_font_size (book->title, 14);
  book->subtitle = workbook_add_format (w);
  format_set_bold (book->subtitle);
  book->made = workbook_add_format (w);
  format_set_italic (book->made);
  format_set_font_color (book->made, 0x555555);
  book->note = workbook_add_format (w);
  format_set_italic (book->note);
  format_set_text_wrap (book->note);
  format_set_align (book->note, LXW_ALIGN_VERTICAL_TOP);
  format_set_font_color (book->note, 0x555555);
  book->heading = workbook_add_format (w);
  format_set_bold (book->heading);
  format_set_bottom (book->heading, LXW_BORDER_THIN);
  format_set_text_wrap (book->heading);
  format_set_align (book->heading, LXW_ALIGN_VERTICAL_BOTTOM);
  book->heading_number = workbook_add_format (w);
  format_set_bold (book->heading_number);
  format_set_bottom (book->heading_number, LXW_BORDER_THIN);
  format_set_text_wrap (book->heading_number);
  format_set_align (book->heading_number, LXW_ALIGN_RIGHT);
  format_set_align (book->heading_number, LXW_ALIGN_VERTICAL_BOTTOM);
  book->label = workbook_add_format (w);
  book->count = workbook_add_format (w);
  format_set_num_format (book->count, "#,##0");
  book->share = workbook_add_format (w);
  format_set_num_format (book->share, "0.0%");
  book->total_label = workbook_add_format (w);
  format_set_bold (book->total_label);
  format_set_top (book->total_label, LXW_BORDER_THIN);
  book->total_count = workbook_add_format (w);
  format_set_bold (book->total_count);
  format_set_top (book->total_count, LXW_BORDER_THIN);
  format_set_num_format (book->total_count, "#,##0");
  book->total_share = workbook_add_format (w);
  format_set_bold (book->total_share);
  format_set_top (book->total_share, LXW_BORDER_THIN);
  format_set_num_format (book->total_share, "0.0%");
}

static gboolean
write_book (Book                  *book,
            const JdSummaryReport *report,
            const char            *path,
            GError               **error)
{
  const char *first_name = jd_summary_sheet_name (C_("report sheet", "Report"), book->names);
  lxw_worksheet *sheet = workbook_add_worksheet (book->workbook, first_name);
  const char *lines[8][2];
  guint n_lines;
  lxw_row_t row = 0, heading = 0;
  int saved_errno;

  add_formats (book);
  if (sheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The workbook could not be made."));
      return FALSE;
    }

  /* The title sheet: the title block, then the headline figures. */
  keep (book, worksheet_write_string (sheet, row++, 0, report_title (), book->title));
  worksheet_set_row (sheet, 0, 22, NULL);
  title_block (report, lines, &n_lines);
  for (guint i = 0; i < n_lines; i++, row++)
    {
      keep (book, worksheet_write_string (sheet, row, 0, lines[i][0], book->subtitle));
      keep (book, worksheet_write_string (sheet, row, 1, lines[i][1], NULL));
    }
  row++;
  row = sheet_table (book, sheet, report->headline, row, TRUE, &heading);
  set_columns (sheet, report->headline);
  worksheet_set_column (sheet, 1, 1, 24, NULL);
  page_set_up (sheet, row - 1, report->headline->n_columns, -1);
  worksheet_activate (sheet);

  for (guint t = 0; t < report->tables->len; t++)
    {
      const JdSummaryTable *table = report->tables->pdata[t];
      const char *name = jd_summary_sheet_name (table->title, book->names);

      sheet = workbook_add_worksheet (book->workbook, name);
      if (sheet == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The workbook could not be made."));
          return FALSE;
        }
      row = sheet_title (book, sheet, report, table->title);
      row = sheet_table (book, sheet, table, row, FALSE, &heading);
      set_columns (sheet, table);
      page_set_up (sheet, row - 1, table->n_columns, (int) heading);
    }

  if (book->rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The workbook could not be made: %s."),
                   lxw_strerror (book->rc));
      return FALSE;
    }
  errno = 0;
  book->rc = workbook_close (g_steal_pointer (&book->workbook));
  saved_errno = errno;
  if (book->rc != LXW_NO_ERROR || saved_errno == ENOSPC || saved_errno == EIO ||
      saved_errno == EFBIG || saved_errno == EDQUOT)
    {
      if (book->rc == LXW_NO_ERROR || saved_errno != 0)
        set_write_error (path, saved_errno ? saved_errno : EIO, error);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The report could not be written to “%s”: %s."),
                     path, lxw_strerror (book->rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_summary_report_write_xlsx (const JdSummaryReport *report,
                              const char            *path,
                              GError               **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .use_zip64 = LXW_FALSE };
  Book book = { 0 };
  locale_t c_numeric, previous = (locale_t) 0;
  gboolean ok;

  g_return_val_if_fail (report != NULL && path != NULL, FALSE);

  book.workbook = workbook_new_opt (path, &options);
  if (book.workbook == NULL)
    {
      set_write_error (path, errno ? errno : EIO, error);
      return FALSE;
    }
  book.names = g_ptr_array_new_with_free_func (g_free);
  /* The library prints numbers with the C library's locale: a decimal
   * comma in kk and ru would break the file. */
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  if (c_numeric != (locale_t) 0)
    previous = uselocale (c_numeric);
  ok = write_book (&book, report, path, error);
  if (previous != (locale_t) 0)
    uselocale (previous);
  if (c_numeric != (locale_t) 0)
    freelocale (c_numeric);
  if (book.workbook != NULL)
    lxw_workbook_free (book.workbook);
  g_ptr_array_unref (book.names);
  return ok;
}
