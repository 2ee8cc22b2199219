/* test-workbook.c: visitors from Excel and LibreOffice workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workbooks under tests/data were written by LibreOffice (see the
 * README there); the others are made here: by our own export
 * (libxlsxwriter), and by hand with libgsf, for what LibreOffice never
 * writes (a 1904 serial 60, inline strings) and for hostile files.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gsf/gsf.h>
#include <xlsxwriter.h>
#include <locale.h>
#include <string.h>

#include "centre-helpers.h"
#include "db-helpers.h"
#include "jd-export.h"
#include "jd-import-private.h"
#include "jd-workbook-private.h"
#include "visitor-helpers.h"

/* ---- the pieces ---- */

static void
assert_serial (double      serial,
               gboolean    date1904,
               const char *expected)
{
  GDate day;
  gboolean ok = jd_workbook_serial_to_date (serial, date1904, &day);

  if (expected == NULL)
    {
      g_assert_false (ok);
      return;
    }
  g_assert_true (ok);
  {
    g_autofree char *text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&day),
                                             g_date_get_month (&day), g_date_get_day (&day));
    g_assert_cmpstr (text, ==, expected);
  }
}

/* Serials worked out by hand: 1900 counts from 1 = 1 January 1900 and
 * has a 29 February (60) that never was; 1904 counts from 0 = 1 January
 * 1904, 1,462 days later. */
static void
test_serials (void)
{
  assert_serial (1, FALSE, "1900-01-01");
  assert_serial (59, FALSE, "1900-02-28");
  assert_serial (60, FALSE, NULL);
  assert_serial (61, FALSE, "1900-03-01");
  assert_serial (0, FALSE, NULL);
  assert_serial (-3, FALSE, NULL);
  /* 2001-03-08: 101 years of 365 days, 25 leap days, 31 + 28 + 7 in
   * 2001, plus the fictitious day and one for 1 January being 1. */
  assert_serial (36958, FALSE, "2001-03-08");
  assert_serial (36958.75, FALSE, "2001-03-08");
  assert_serial (34791, FALSE, "1995-04-02");
  assert_serial (0, TRUE, "1904-01-01");
  assert_serial (60, TRUE, "1904-03-01");
  assert_serial (36958 - 1462, TRUE, "2001-03-08");
  assert_serial (-1, TRUE, NULL);
}

static void
test_formats (void)
{
  g_assert_true (jd_workbook_format_is_date (14, NULL));
  g_assert_true (jd_workbook_format_is_date (17, NULL));
  g_assert_true (jd_workbook_format_is_date (22, NULL));
  g_assert_false (jd_workbook_format_is_date (0, NULL));
  g_assert_false (jd_workbook_format_is_date (1, NULL));
  g_assert_false (jd_workbook_format_is_date (20, NULL));   /* h:mm */
  g_assert_false (jd_workbook_format_is_date (49, NULL));   /* @ */
  g_assert_true (jd_workbook_format_is_date (164, "dd\\.mm\\.yyyy"));
  g_assert_true (jd_workbook_format_is_date (165, "mmm yy"));
  g_assert_true (jd_workbook_format_is_date (166, "[$-419]d mmmm yyyy;@"));
  g_assert_false (jd_workbook_format_is_date (167, "General"));
  g_assert_false (jd_workbook_format_is_date (168, "0"));
  g_assert_false (jd_workbook_format_is_date (169, "h:mm"));
  g_assert_false (jd_workbook_format_is_date (170, "[h]:mm:ss"));
  g_assert_false (jd_workbook_format_is_date (171, "mm:ss"));
  g_assert_false (jd_workbook_format_is_date (172, "\"day \"0"));
  g_assert_false (jd_workbook_format_is_date (173, "#,##0\\ \"₸\";[Red]-#,##0"));
}

static void
test_number_text (void)
{
  static const char *const cases[][2] = {
    { "870412300123", "870412300123" },
    { "8.70412300123E+11", "870412300123" },
    { "10308604563", "10308604563" },
    { "1.0", "1" },
    { "-0", "0" },
    { "0.1", "0.1" },
    { "2.5", "2.5" },
    { " 42 ", "42" },
    { "n/a", "n/a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = jd_workbook_number_text (cases[i][0]);

      g_assert_cmpstr (text, ==, cases[i][1]);
    }
}

/* ---- workbooks written by LibreOffice ---- */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static GPtrArray *
next_row (JdWorkbook *book,
          guint       expected_line)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *cells = NULL;
  guint line = 0;

  g_assert_true (jd_workbook_next_row (book, &cells, &line, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (line, ==, expected_line);
  return cells;
}

#undef CELL
#define CELL(row, i) ((const char *) (row)->pdata[i])

/* centre.xlsx and centre.ods: an empty first sheet; "Посетители" with a
 * title merged over the columns, a header with "Телефон" merged over
 * two, IINs and a phone typed as numbers, dates as dates and one as
 * text, an empty row; "Ещё" with one more person. */
static void
check_centre_cells (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdWorkbook) book = jd_workbook_open (path, &error);
  g_autoptr(GPtrArray) title = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) fourth = NULL;
  const char *const *sheets;
  GPtrArray *none = NULL;
  guint line = 0;

  g_assert_no_error (error);
  sheets = jd_workbook_get_sheets (book);
  g_assert_cmpuint (g_strv_length ((GStrv) sheets), ==, 3);
  g_assert_cmpstr (sheets[0], ==, "Пусто");
  g_assert_cmpstr (sheets[1], ==, "Посетители");
  g_assert_cmpstr (sheets[2], ==, "Ещё");
  g_assert_cmpint (jd_workbook_find_sheet (book, NULL, &error), ==, 1);
  g_assert_cmpint (jd_workbook_find_sheet (book, "Ещё", &error), ==, 2);
  g_assert_cmpint (jd_workbook_find_sheet (book, "Лист1", &error), ==, -1);
  g_assert_error (error, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "“Пусто”, “Посетители”, “Ещё”"));
  g_clear_error (&error);

  g_assert_true (jd_workbook_open_sheet (book, 1, &error));
  title = next_row (book, 1);
  g_assert_cmpuint (title->len, ==, 1);
  g_assert_cmpstr (CELL (title, 0), ==, "Посетители молодёжного центра, 2024");
  header = next_row (book, 2);
  g_assert_cmpuint (header->len, ==, 9);
  g_assert_cmpstr (CELL (header, 5), ==, "Телефон");
  g_assert_cmpstr (CELL (header, 6), ==, "");
  g_assert_cmpstr (CELL (header, 8), ==, "Занятость");
  first = next_row (book, 3);
  g_assert_cmpstr (CELL (first, 0), ==, "Әбенова");
  g_assert_cmpstr (CELL (first, 2), ==, "10308604563");
  g_assert_cmpstr (CELL (first, 3), ==, "2001-03-08");
  g_assert_cmpstr (CELL (first, 5), ==, "77011234567");
  g_assert_cmpstr (CELL (first, 6), ==, "");
  /* Row 4 is empty. */
  second = next_row (book, 5);
  g_assert_cmpstr (CELL (second, 2), ==, "105500122");
  g_assert_cmpstr (CELL (second, 3), ==, "05.01.2000");
  third = next_row (book, 6);
  g_assert_cmpstr (CELL (third, 2), ==, "950402300131");
  g_assert_cmpstr (CELL (third, 3), ==, "1995-04-02");
  g_assert_cmpstr (CELL (third, 5), ==, "+7 701 555 12 34");
  fourth = next_row (book, 7);
  g_assert_cmpstr (CELL (fourth, 0), ==, "Серіков");
  g_assert_false (jd_workbook_next_row (book, &none, &line, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_libreoffice_xlsx_cells (void)
{
  check_centre_cells ("centre.xlsx");
}

static void
test_libreoffice_ods_cells (void)
{
  check_centre_cells ("centre.ods");
}

/* The Mac's day 0: LibreOffice writes date1904 when its null date is
 * 1904-01-01. */
static void
test_libreoffice_1904 (void)
{
  g_autofree char *path = data_path ("mac1904.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdWorkbook) book = jd_workbook_open (path, &error);
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) row = NULL;

  g_assert_no_error (error);
  g_assert_true (jd_workbook_open_sheet (book, 0, &error));
  header = next_row (book, 1);
  row = next_row (book, 2);
  g_assert_cmpstr (CELL (row, 2), ==, "2001-03-08");
}

static JdImportResult *
import_sheet (JdDb       *db,
              const char *path,
              const char *sheet)
{
  g_autoptr(GError) error = NULL;
  JdImportResult *result = jd_import_visitors_sheet (db, path, sheet, NULL, 0, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The rows of a rejects workbook, header first. */
static GPtrArray *
workbook_rows (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdWorkbook) book = jd_workbook_open (path, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *cells = NULL;
  guint line;

  g_assert_no_error (error);
  g_assert_true (jd_workbook_open_sheet (book, 0, &error));
  while (jd_workbook_next_row (book, &cells, &line, NULL, &error))
    g_ptr_array_add (rows, cells);
  g_assert_no_error (error);
  return rows;
}

/* Every registration rule, as for CSV: the title row is passed over,
 * the IINs that lost their zeros are restored where the date of birth
 * agrees, the one that does not is rejected into a workbook. */
static void
check_centre_import (const char *name)
{
  g_autofree char *source = data_path (name);
  g_autofree char *copy = tmp_path (name);
  g_autofree char *db_name = g_strconcat (name, ".db", NULL);
  g_autoptr(JdDb) db = open_centre (db_name);
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(JdImportResult) other = NULL;
  g_autoptr(GPtrArray) rejects = NULL;
  g_autofree char *contents_ = NULL;
  gsize length = 0;
  GPtrArray *head, *row;

  /* A copy: the rejects are written beside the file. */
  g_assert_true (g_file_get_contents (source, &contents_, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents_, (gssize) length, NULL));

  result = import_sheet (db, copy, NULL);
  g_assert_cmpuint (result->imported, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 0);
  g_assert_cmpuint (result->rejected, ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '010308604563'"
                                  " AND birth_date = '2001-03-08' AND phone = '+77011234567'"
                                  " AND occupation = 'employed' AND district_id ="
                                  " (SELECT id FROM district WHERE code = 'almaty-medeu')"),
                   ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '000105500122'"
                                  " AND birth_date = '2000-01-05'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '950402300131'"
                                  " AND phone = '+77015551234'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Серіков'"), ==, 0);

  g_assert_nonnull (result->rejects_path);
  g_assert_true (g_str_has_suffix (result->rejects_path, "-rejected.xlsx"));
  rejects = workbook_rows (result->rejects_path);
  g_assert_cmpuint (rejects->len, ==, 2);
  head = rejects->pdata[0];
  row = rejects->pdata[1];
  g_assert_cmpstr (CELL (head, 0), ==, "Фамилия");
  g_assert_cmpstr (CELL (head, head->len - 2), ==, g_dgettext (GETTEXT_PACKAGE, "Line"));
  g_assert_cmpstr (CELL (head, head->len - 1), ==, g_dgettext (GETTEXT_PACKAGE, "Reason"));
  g_assert_cmpstr (CELL (row, 0), ==, "Серіков");
  g_assert_cmpstr (CELL (row, 2), ==, "50315501230");
  g_assert_cmpstr (CELL (row, 3), ==, "2005-03-16");
  g_assert_cmpstr (CELL (row, head->len - 2), ==, "7");
  g_assert_nonnull (strstr (CELL (row, head->len - 1), "“50315501230”"));

  /* The other sheet, by its name. */
  other = import_sheet (db, copy, "Ещё");
  g_assert_cmpuint (other->imported, ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '000105500132'"), ==, 1);
}

static void
test_libreoffice_xlsx_import (void)
{
  check_centre_import ("centre.xlsx");
}

static void
test_libreoffice_ods_import (void)
{
  check_centre_import ("centre.ods");
}

/* The rejects workbook, corrected, imports: the line and reason
 * columns are left aside as in a CSV file's. */
static void
test_rejects_corrected (void)
{
  g_autoptr(JdDb) db = open_centre ("corrected.db");
  g_autofree char *source = data_path ("centre.xlsx");
  g_autofree char *copy = tmp_path ("again.xlsx");
  g_autofree char *text = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(JdImportResult) again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixed = tmp_path ("fixed.xlsx");
  lxw_workbook *book;
  lxw_worksheet *sheet;
  gsize length;

  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  g_assert_true (g_file_set_contents (copy, text, (gssize) length, NULL));
  result = import_sheet (db, copy, NULL);
  g_assert_cmpuint (result->rejected, ==, 1);
  rows = workbook_rows (result->rejects_path);

  /* Corrected by hand: the date of birth the IIN says. */
  book = workbook_new (fixed);
  sheet = workbook_add_worksheet (book, NULL);
  for (guint r = 0; r < rows->len; r++)
    {
      GPtrArray *cells = rows->pdata[r];

      for (guint c = 0; c < cells->len; c++)
        worksheet_write_string (sheet, (lxw_row_t) r, (lxw_col_t) c,
                                r == 1 && c == 3 ? "15.03.2005" : CELL (cells, c), NULL);
    }
  g_assert_cmpint (workbook_close (book), ==, LXW_NO_ERROR);
  again = import_sheet (db, fixed, NULL);
  g_assert_cmpuint (again->imported, ==, 1);
  g_assert_cmpuint (again->rejected, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '050315501230'"), ==, 1);
}

/* ---- workbooks made by hand ---- */

typedef void (*WritePart) (GsfOutput *out, gpointer data);

typedef struct
{
  const char *name;
  const char *text;       /* or: */
  WritePart   write;
  gpointer    data;
} Part;

/* A ZIP archive of @parts, the folders made on the way. */
static void
write_zip (const char *path,
           const Part *parts,
           guint       n_parts)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *out = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (out, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_parts; i++)
    {
      g_auto(GStrv) names = g_strsplit (parts[i].name, "/", -1);
      g_autoptr(GString) folder = g_string_new (NULL);
      GsfOutfile *parent = zip;
      GsfOutput *child;
      guint n = g_strv_length (names);

      for (guint j = 0; j + 1 < n; j++)
        {
          GsfOutfile *next;

          g_string_append_printf (folder, "%s/", names[j]);
          next = g_hash_table_lookup (folders, folder->str);
          if (next == NULL)
            {
              next = GSF_OUTFILE (gsf_outfile_new_child (parent, names[j], TRUE));
              g_hash_table_insert (folders, g_strdup (folder->str), next);
            }
          parent = next;
        }
      child = gsf_outfile_new_child (parent, names[n - 1], FALSE);
      if (parts[i].write != NULL)
        parts[i].write (child, parts[i].data);
      else
        g_assert_true (gsf_output_write (child, strlen (parts[i].text), (const guint8 *) parts[i].text));
      g_assert_true (gsf_output_close (child));
      g_object_unref (child);
    }
  /* Folders close after their children, deepest first. */
  {
    g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (folders), (GCompareFunc) strcmp);

    for (GList *l = g_list_last (keys); l != NULL; l = l->prev)
      gsf_output_close (g_hash_table_lookup (folders, l->data));
  }
  g_assert_true (gsf_output_close (GSF_OUTPUT (zip)));
  g_object_unref (zip);
  g_object_unref (out);
}

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char workbook_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"" REL_NS "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"" REL_NS "/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"" REL_NS "/styles\" Target=\"styles.xml\"/>"
  "</Relationships>";

/* Style 0: General; 1: built-in 14 (a date); 2: a custom date format.
 * The cell style format 14 under cellStyleXfs is not a cell's. */
static const char styles[] =
  "<styleSheet xmlns=\"" MAIN_NS "\"><numFmts count=\"1\">"
  "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
  "<cellXfs count=\"3\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs>"
  "</styleSheet>";

/* Rich text, and a phonetic reading that is not the cell's text. */
static const char shared_strings[] =
  "<sst xmlns=\"" MAIN_NS "\"><si><t>Фамилия</t></si>"
  "<si><r><t>Им</t></r><r><rPr><b/></rPr><t>я</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si>"
  "<si><t xml:space=\"preserve\">0123</t></si></sst>";

/* Prefixed elements (as .NET writes them), inline strings, a formula's
 * text, a number stored as text, cells without references. */
static const char tiny_sheet[] =
  "<x:worksheet xmlns:x=\"" MAIN_NS "\"><x:sheetData>"
  "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v></x:c>"
  "<x:c r=\"C1\" t=\"inlineStr\"><x:is><x:t>Дата рождения</x:t></x:is></x:c>"
  "<x:c r=\"D1\" t=\"str\"><x:f>\"IIN\"</x:f><x:v>IIN</x:v></x:c>"
  "<x:c r=\"E1\" t=\"inlineStr\"><x:is><x:t>Notes</x:t></x:is></x:c></x:row>"
  "<x:row r=\"2\"><x:c r=\"A2\" t=\"inlineStr\"><x:is><x:t>Асанов</x:t></x:is></x:c>"
  "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>Ержан</x:t></x:is></x:c>"
  "<x:c r=\"C2\" s=\"1\"><x:v>%s</x:v></x:c><x:c r=\"D2\" s=\"0\"><x:v>1.0308604563E10</x:v></x:c>"
  "<x:c r=\"E2\" t=\"s\"><x:v>2</x:v></x:c></x:row>"
  "<x:row r=\"3\"/>"
  "<x:row><x:c t=\"inlineStr\"><x:is><x:t>Б</x:t></x:is></x:c><x:c/>"
  "<x:c s=\"2\"><x:v>%s</x:v></x:c><x:c t=\"b\"><x:v>1</x:v></x:c></x:row>"
  "</x:sheetData><x:mergeCells count=\"1\"><x:mergeCell ref=\"A1:B1\"/></x:mergeCells></x:worksheet>";

static void
write_tiny (const char *path,
            gboolean    date1904,
            const char *serial_a,
            const char *serial_b)
{
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\"><workbookPr%s/>"
    "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    date1904 ? " date1904=\"1\"" : "");
  g_autofree char *sheet = g_strdup_printf (tiny_sheet, serial_a, serial_b);
  const Part parts[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/styles.xml", styles },
    { "xl/sharedStrings.xml", shared_strings },
    { "xl/worksheets/sheet1.xml", sheet },
  };

  write_zip (path, parts, G_N_ELEMENTS (parts));
}

static void
test_cell_kinds (void)
{
  g_autofree char *path = tmp_path ("tiny.xlsx");
  g_autofree char *mac = tmp_path ("tiny1904.xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdWorkbook) book = NULL;
  g_autoptr(JdWorkbook) mac_book = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) row = NULL;
  g_autoptr(GPtrArray) last = NULL;
  g_autoptr(GPtrArray) mac_header = NULL;
  g_autoptr(GPtrArray) mac_row = NULL;
  g_autoptr(GPtrArray) mac_last = NULL;

  /* 1900: 36958 is 2001-03-08; 60 is the day that never was, left a
   * number (the row's date is then rejected, as typed). */
  write_tiny (path, FALSE, "36958", "60");
  book = jd_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jd_workbook_open_sheet (book, 0, &error));
  header = next_row (book, 1);
  g_assert_cmpuint (header->len, ==, 5);
  g_assert_cmpstr (CELL (header, 0), ==, "Фамилия");
  g_assert_cmpstr (CELL (header, 1), ==, "Имя");
  g_assert_cmpstr (CELL (header, 2), ==, "Дата рождения");
  g_assert_cmpstr (CELL (header, 3), ==, "IIN");
  row = next_row (book, 2);
  g_assert_cmpstr (CELL (row, 2), ==, "2001-03-08");
  g_assert_cmpstr (CELL (row, 3), ==, "10308604563");
  g_assert_cmpstr (CELL (row, 4), ==, "0123");
  /* Row 3 is empty; row 4 has no numbers of its own. */
  last = next_row (book, 4);
  g_assert_cmpuint (last->len, ==, 4);
  g_assert_cmpstr (CELL (last, 1), ==, "");
  g_assert_cmpstr (CELL (last, 2), ==, "60");
  g_assert_cmpstr (CELL (last, 3), ==, "TRUE");

  /* 1904: 35496 is 2001-03-08, and 60 a real day. */
  write_tiny (mac, TRUE, "35496", "60");
  mac_book = jd_workbook_open (mac, &error);
  g_assert_no_error (error);
  g_assert_true (jd_workbook_open_sheet (mac_book, 0, &error));
  mac_header = next_row (mac_book, 1);
  mac_row = next_row (mac_book, 2);
  g_assert_cmpstr (CELL (mac_row, 2), ==, "2001-03-08");
  mac_last = next_row (mac_book, 4);
  g_assert_cmpstr (CELL (mac_last, 2), ==, "1904-03-01");
}

/* ---- our own export, and back ---- */

static void
test_export_round_trip (void)
{
  g_autoptr(JdDb) db = open_centre ("export.db");
  g_autoptr(JdDb) copy = open_centre ("export-copy.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *path = tmp_path ("visitors.xlsx");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  JdExportOptions options = { .kind = JD_EXPORT_VISITORS, .from_day = "2000-01-01",
                              .to_day = "2100-12-31", .format = JD_EXPORT_FORMAT_XLSX };
  guint rows = 0;
  static const char *people =
    "SELECT group_concat (surname || '|' || given_name || '|' || birth_date || '|' ||"
    " ifnull (iin, '') || '|' || ifnull (phone, '') || '|' || sex || '|' || occupation || '|' ||"
    " (SELECT code FROM district WHERE district.id = v.district_id), ';')"
    " FROM (SELECT * FROM visitor ORDER BY surname, given_name) AS v";

  test_add_visitor (db, &(TestVisitor) { .surname = "Әбенова", .given_name = "Әлия",
                                         .birth_date = "2001-03-08", .iin = "010308604563",
                                         .phone = "+77011234567" });
  test_add_visitor (db, &(TestVisitor) { .surname = "Жанов", .given_name = "Ерлан",
                                         .birth_date = "2000-01-05", .sex = JD_SEX_MALE,
                                         .iin = "000105500122", .district_code = "almaty-medeu" });
  test_add_visitor (db, &(TestVisitor) { .surname = "Ли", .given_name = "Анна",
                                         .birth_date = "1999-12-31", .occupation = "employed" });

  g_assert_true (jd_export_to_file (db, &options, path, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 3);

  result = import_sheet (copy, path, NULL);
  g_assert_cmpuint (result->imported, ==, 3);
  g_assert_cmpuint (result->rejected, ==, 0);
  before = query_text (db, people);
  after = query_text (copy, people);
  g_assert_cmpstr (after, ==, before);
}

/* ---- hostile files: a clear message, nothing changed ---- */

static void
assert_refused (const char *path,
                GQuark      domain,
                int         code,
                const char *words)
{
  g_autoptr(JdDb) db = open_centre ("hostile.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *rejects = NULL;

  *strrchr (base, '.') = '\0';
  rejects = g_strdup_printf ("%s/%s-rejected.xlsx", tmp_dir, base);
  result = jd_import_visitors_sheet (db, path, NULL, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, domain, code);
  if (words != NULL)
    g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 0);
  g_assert_false (g_file_test (rejects, G_FILE_TEST_EXISTS));
}

static void
test_broken (void)
{
  g_autofree char *source = data_path ("centre.xlsx");
  g_autofree char *half = tmp_path ("half.xlsx");
  g_autofree char *junk = tmp_path ("junk.xlsx");
  g_autofree char *text = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &text, &length, NULL));
  g_assert_true (g_file_set_contents (half, text, (gssize) length / 2, NULL));
  assert_refused (half, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_BROKEN, "half.xlsx");
  g_assert_true (g_file_set_contents (junk, "PK\003\004 not really a zip file", -1, NULL));
  assert_refused (junk, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_BROKEN, "junk.xlsx");
}

static void
write_nested (GsfOutput *out,
              gpointer   data)
{
  g_autoptr(GString) xml = g_string_new ("<worksheet><sheetData>");

  for (guint i = 0; i < 100000; i++)
    g_string_append (xml, "<a>");
  g_assert_true (gsf_output_write (out, xml->len, (const guint8 *) xml->str));
}

/* Elements nested a hundred thousand deep, and an entity of a DTD
 * ("a billion laughs"): broken files, read no further. */
static void
test_hostile_xml (void)
{
  g_autofree char *nested = tmp_path ("nested.xlsx");
  g_autofree char *laughs = tmp_path ("laughs.xlsx");
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  const Part deep[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/worksheets/sheet1.xml", NULL, write_nested, NULL },
  };
  const Part entity[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/worksheets/sheet1.xml",
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
      "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
      "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>" },
  };

  write_zip (nested, deep, G_N_ELEMENTS (deep));
  assert_refused (nested, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_BROKEN, "nested.xlsx");
  write_zip (laughs, entity, G_N_ELEMENTS (entity));
  assert_refused (laughs, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_BROKEN, "laughs.xlsx");
}

/* What Excel saves with a password: the workbook encrypted in an OLE
 * compound file, beside its EncryptionInfo. */
static void
write_ole (const char *path,
           gboolean    encrypted)
{
  g_autoptr(GError) error = NULL;
  GsfOutput *out = gsf_output_stdio_new (path, &error);
  GsfOutfile *ole;
  const char *const names[] = { "EncryptionInfo", "EncryptedPackage" };

  g_assert_no_error (error);
  ole = gsf_outfile_msole_new (out);
  for (guint i = 0; i < (encrypted ? 2 : 1); i++)
    {
      GsfOutput *child = gsf_outfile_new_child (ole, encrypted ? names[i] : "Workbook", FALSE);
      guint8 noise[4096];

      for (guint j = 0; j < sizeof noise; j++)
        noise[j] = (guint8) (j * 7919 + 13);
      g_assert_true (gsf_output_write (child, sizeof noise, noise));
      gsf_output_close (child);
      g_object_unref (child);
    }
  gsf_output_close (GSF_OUTPUT (ole));
  g_object_unref (ole);
  g_object_unref (out);
}

static void
test_password (void)
{
  g_autofree char *locked = tmp_path ("locked.xlsx");
  g_autofree char *old = tmp_path ("old.xls");
  g_autofree char *ods = tmp_path ("locked.ods");
  const Part parts[] = {
    { "mimetype", "application/vnd.oasis.opendocument.spreadsheet" },
    { "content.xml", "\x93\x11 encrypted bytes \x02" },
    { "META-INF/manifest.xml",
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
      "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
      "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\"/></manifest:file-entry>"
      "</manifest:manifest>" },
  };

  write_ole (locked, TRUE);
  g_assert_cmpint (jd_workbook_sniff (locked), ==, JD_FILE_KIND_OLE);
  assert_refused (locked, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_PASSWORD, NULL);
  write_ole (old, FALSE);
  assert_refused (old, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_OLD_FORMAT, NULL);
  write_zip (ods, parts, G_N_ELEMENTS (parts));
  assert_refused (ods, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_PASSWORD, NULL);
}

static void
write_spaces (GsfOutput *out,
              gpointer   data)
{
  gint64 left = *(gint64 *) data;
  static char block[1 << 16];

  memset (block, ' ', sizeof block);
  g_assert_true (gsf_output_write (out, 6, (const guint8 *) "<sst> "));
  for (; left > 0; left -= (gint64) sizeof block)
    g_assert_true (gsf_output_write (out, (size_t) MIN (left, (gint64) sizeof block),
                                     (const guint8 *) block));
  g_assert_true (gsf_output_write (out, 6, (const guint8 *) "</sst>"));
}

/* A part that unpacks to more than the limit is refused before it is
 * read: here 8 MB of spaces (8 kB packed) against a limit of 4 MB. */
static void
test_zip_bomb (void)
{
  g_autofree char *path = tmp_path ("bomb.xlsx");
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  gint64 size = 8 << 20;
  const Part parts[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/sharedStrings.xml", NULL, write_spaces, &size },
    { "xl/worksheets/sheet1.xml", "<worksheet/>" },
  };
  GStatBuf st;

  write_zip (path, parts, G_N_ELEMENTS (parts));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 64 * 1024);
  jd_workbook_set_part_limit (4 << 20);
  assert_refused (path, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_TOO_BIG, NULL);
  /* The shared strings stay in memory: a quarter of the limit. */
  jd_workbook_set_part_limit (20 << 20);
  assert_refused (path, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_TOO_BIG, NULL);
  jd_workbook_set_part_limit (0);
}

static void
write_long_text (GsfOutput *out,
                 gpointer   data)
{
  static const char head[] = "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\">"
                             "<c r=\"A1\" t=\"inlineStr\"><is><t>";
  static const char tail[] = "</t></is></c></row></sheetData></worksheet>";
  static char block[1 << 16];

  memset (block, 'x', sizeof block);
  g_assert_true (gsf_output_write (out, strlen (head), (const guint8 *) head));
  for (guint i = 0; i < 128; i++)   /* 8 MB */
    g_assert_true (gsf_output_write (out, sizeof block, (const guint8 *) block));
  g_assert_true (gsf_output_write (out, strlen (tail), (const guint8 *) tail));
}

/* A text of 8 MB in one cell, under the part's limit: the parser would
 * keep it whole, and it is eight times what a cell may hold. */
static void
test_long_text (void)
{
  g_autofree char *path = tmp_path ("long.xlsx");
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  const Part parts[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/worksheets/sheet1.xml", NULL, write_long_text, NULL },
  };

  write_zip (path, parts, G_N_ELEMENTS (parts));
  assert_refused (path, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_BROKEN, "long.xlsx");
}

typedef struct
{
  guint last;     /* the sheet's last row */
} Tall;

static void
write_tall_sheet (GsfOutput *out,
                  gpointer   data)
{
  Tall *tall = data;
  g_autoptr(GString) chunk = g_string_new (NULL);

  g_string_append (chunk, "<worksheet xmlns=\"" MAIN_NS "\"><dimension ref=\"A1:D1048576\"/><sheetData>"
                          "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Surname</t></is></c>"
                          "<c r=\"B1\" t=\"inlineStr\"><is><t>Given name</t></is></c>"
                          "<c r=\"C1\" t=\"inlineStr\"><is><t>Date of birth</t></is></c>"
                          "<c r=\"D1\" t=\"inlineStr\"><is><t>Sex</t></is></c>"
                          "<c r=\"E1\" t=\"inlineStr\"><is><t>District</t></is></c>"
                          "<c r=\"F1\" t=\"inlineStr\"><is><t>Occupation</t></is></c></row>"
                          "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Асанов</t></is></c>"
                          "<c r=\"B2\" t=\"inlineStr\"><is><t>Ержан</t></is></c>"
                          "<c r=\"C2\" s=\"1\"><v>36958</v></c>"
                          "<c r=\"D2\" t=\"inlineStr\"><is><t>Male</t></is></c>"
                          "<c r=\"E2\" t=\"inlineStr\"><is><t>Medeu district</t></is></c>"
                          "<c r=\"F2\" t=\"inlineStr\"><is><t>Employed</t></is></c></row>");
  /* Every other row formatted and empty, to the last Excel has. */
  for (guint r = 3; r < tall->last; r++)
    {
      g_string_append_printf (chunk, "<row r=\"%u\"><c r=\"A%u\" s=\"1\"/><c r=\"D%u\" s=\"1\"/></row>",
                              r, r, r);
      if (chunk->len > 60000)
        {
          g_assert_true (gsf_output_write (out, chunk->len, (const guint8 *) chunk->str));
          g_string_truncate (chunk, 0);
        }
    }
  g_string_append_printf (chunk, "<row r=\"%u\"><c r=\"A%u\" t=\"inlineStr\"><is><t>Ли</t></is></c>"
                                 "<c r=\"B%u\" t=\"inlineStr\"><is><t>Анна</t></is></c>"
                                 "<c r=\"C%u\" t=\"inlineStr\"><is><t>31.12.1999</t></is></c>"
                                 "<c r=\"D%u\" t=\"inlineStr\"><is><t>Female</t></is></c>"
                                 "<c r=\"E%u\" t=\"inlineStr\"><is><t>Medeu district</t></is></c>"
                                 "<c r=\"F%u\" t=\"inlineStr\"><is><t>Employed</t></is></c></row>"
                                 "</sheetData></worksheet>",
                          tall->last, tall->last, tall->last, tall->last, tall->last, tall->last,
                          tall->last);
  g_assert_true (gsf_output_write (out, chunk->len, (const guint8 *) chunk->str));
}

/* A sheet of 1,048,576 rows, all but three empty: the real ones are
 * imported, with their row numbers. */
static void
test_million_rows (void)
{
  g_autofree char *path = tmp_path ("tall.xlsx");
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  Tall tall = { 1048576 };
  const Part parts[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/styles.xml", styles },
    { "xl/worksheets/sheet1.xml", NULL, write_tall_sheet, &tall },
  };
  g_autoptr(JdDb) db = open_centre ("tall.db");
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(JdWorkbook) book = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) last = NULL;

  write_zip (path, parts, G_N_ELEMENTS (parts));
  book = jd_workbook_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (jd_workbook_open_sheet (book, 0, &error));
  header = next_row (book, 1);
  first = next_row (book, 2);
  last = next_row (book, 1048576);
  g_assert_cmpstr (CELL (last, 0), ==, "Ли");

  result = import_sheet (db, path, NULL);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE birth_date = '2001-03-08'"
                                  " OR birth_date = '1999-12-31'"), ==, 2);
}

/* A value in column 513 or beyond: no list of visitors is that wide. */
static void
test_too_wide (void)
{
  g_autofree char *path = tmp_path ("wide.xlsx");
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"" MAIN_NS "\" xmlns:r=\"" REL_NS "\">"
    "<sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  const Part parts[] = {
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/worksheets/sheet1.xml",
      "<worksheet xmlns=\"" MAIN_NS "\"><sheetData><row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>Surname</t></is></c>"
      "<c r=\"XFD1\" t=\"inlineStr\"><is><t>far away</t></is></c></row></sheetData></worksheet>" },
  };

  write_zip (path, parts, G_N_ELEMENTS (parts));
  assert_refused (path, JD_WORKBOOK_ERROR, JD_WORKBOOK_ERROR_TOO_WIDE, "16384");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cmd = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/workbook/serials", test_serials);
  g_test_add_func ("/jd/workbook/formats", test_formats);
  g_test_add_func ("/jd/workbook/number-text", test_number_text);
  g_test_add_func ("/jd/workbook/libreoffice-xlsx-cells", test_libreoffice_xlsx_cells);
  g_test_add_func ("/jd/workbook/libreoffice-ods-cells", test_libreoffice_ods_cells);
  g_test_add_func ("/jd/workbook/libreoffice-1904", test_libreoffice_1904);
  g_test_add_func ("/jd/workbook/libreoffice-xlsx-import", test_libreoffice_xlsx_import);
  g_test_add_func ("/jd/workbook/libreoffice-ods-import", test_libreoffice_ods_import);
  g_test_add_func ("/jd/workbook/rejects-corrected", test_rejects_corrected);
  g_test_add_func ("/jd/workbook/cell-kinds", test_cell_kinds);
  g_test_add_func ("/jd/workbook/export-round-trip", test_export_round_trip);
  g_test_add_func ("/jd/workbook/broken", test_broken);
  g_test_add_func ("/jd/workbook/hostile-xml", test_hostile_xml);
  g_test_add_func ("/jd/workbook/password", test_password);
  g_test_add_func ("/jd/workbook/zip-bomb", test_zip_bomb);
  g_test_add_func ("/jd/workbook/long-text", test_long_text);
  g_test_add_func ("/jd/workbook/million-rows", test_million_rows);
  g_test_add_func ("/jd/workbook/too-wide", test_too_wide);

  status = g_test_run ();
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (tmp_dir);
  return status;
}
