/* test-csv.c: the CSV writer and a reader for hostile input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "jd-csv.h"

static char *
write_rows (char               delimiter,
            gboolean           bom,
            const char *const *rows[],
            guint              n_rows)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(JdCsvWriter) writer = jd_csv_writer_new (out, delimiter, bom);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    {
      guint n = 0;

      while (rows[i][n] != NULL)
        n++;
      g_assert_true (jd_csv_writer_write_row (writer, rows[i], n, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (jd_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
}

static void
test_writer (void)
{
  const char *const header[] = { "Тегі", "Аты", "Ескертпе", NULL };
  const char *const row1[] = { "Әбенова", "Әлия", "ол \"жақсы\"; келді", NULL };
  const char *const row2[] = { "=HYPERLINK(\"x\")", "+77011234567", "два\nряда", NULL };
  const char *const row3[] = { "-5", "@sum", "\tтаб", NULL };
  const char *const *rows[] = { header, row1, row2, row3 };
  g_autofree char *semicolon = write_rows (';', TRUE, rows, G_N_ELEMENTS (rows));
  g_autofree char *comma = write_rows (',', FALSE, rows, 2);
  g_autofree char *tab = write_rows ('\t', FALSE, rows, 2);

  /* BOM, CRLF, quotes only where needed, quotes doubled, formulas kept
   * as text, Kazakh letters as they are. */
  g_assert_cmpstr (semicolon, ==,
                   "\xEF\xBB\xBF" "Тегі;Аты;Ескертпе\r\n"
                   "Әбенова;Әлия;\"ол \"\"жақсы\"\"; келді\"\r\n"
                   "\"'=HYPERLINK(\"\"x\"\")\";'+77011234567;\"два\nряда\"\r\n"
                   "'-5;'@sum;\"'\tтаб\"\r\n");
  /* With commas, the semicolon needs no quotes. */
  g_assert_cmpstr (comma, ==,
                   "Тегі,Аты,Ескертпе\r\n"
                   "Әбенова,Әлия,\"ол \"\"жақсы\"\"; келді\"\r\n");
  g_assert_cmpstr (tab, ==,
                   "Тегі\tАты\tЕскертпе\r\n"
                   "Әбенова\tӘлия\t\"ол \"\"жақсы\"\"; келді\"\r\n");

  {
    g_autofree char *a = jd_csv_escape_field ("", ';');
    g_autofree char *b = jd_csv_escape_field (NULL, ';');
    g_autofree char *c = jd_csv_escape_field ("a,b", ',');
    g_autofree char *d = jd_csv_escape_field ("\rx", ';');

    g_assert_cmpstr (a, ==, "");
    g_assert_cmpstr (b, ==, "");
    g_assert_cmpstr (c, ==, "\"a,b\"");
    g_assert_cmpstr (d, ==, "\"'\rx\"");
  }
}

/* Reads all rows of @data: each row joined with "|", rows with "\n";
 * stops at the first error, which goes to @error_out. */
static char *
read_all (const char  *data,
          gsize        length,
          char        *delimiter,
          GError     **error_out)
{
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (g_memdup2 (data, length), length,
                                                                      g_free);
  g_autoptr(JdCsvReader) reader = jd_csv_reader_new (in);
  GString *out = g_string_new (NULL);
  GPtrArray *row;
  guint line;

  while (jd_csv_reader_next (reader, &row, &line, NULL, error_out))
    {
      g_string_append_printf (out, "%u:", line);
      for (guint i = 0; i < row->len; i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "", (char *) row->pdata[i]);
      g_string_append_c (out, '\n');
      g_ptr_array_unref (row);
    }
  if (delimiter != NULL)
    *delimiter = jd_csv_reader_get_delimiter (reader);
  return g_string_free (out, FALSE);
}

#define READ(text, delim, err) read_all (text, strlen (text), delim, err)

static void
test_reader (void)
{
  g_autoptr(GError) error = NULL;
  char delimiter;

  {
    /* BOM, semicolons, a quoted line break and doubled quotes, CRLF. */
    g_autofree char *rows = READ ("\xEF\xBB\xBF" "a;b;c\r\n1;\"x\r\ny\";\"say \"\"hi\"\"\"\r\n\r\n2;;\r\n",
                                  &delimiter, &error);

    g_assert_no_error (error);
    g_assert_cmpint (delimiter, ==, ';');
    g_assert_cmpstr (rows, ==, "1:a|b|c\n2:1|x\r\ny|say \"hi\"\n5:2||\n");
  }
  {
    /* Commas detected; LF only; no newline at the end. */
    g_autofree char *rows = READ ("Тегі,Аты\nӘбенова,\"Әлия, кіші\"", &delimiter, &error);

    g_assert_no_error (error);
    g_assert_cmpint (delimiter, ==, ',');
    g_assert_cmpstr (rows, ==, "1:Тегі|Аты\n2:Әбенова|Әлия, кіші\n");
  }
  {
    /* Tabs win over one semicolon; a tie goes to the semicolon. */
    g_autofree char *rows = READ ("a\tb\tc;d\n1\t2\t3;4\n", &delimiter, &error);
    g_autofree char *tie = READ ("a\tb;c\n", &delimiter, &error);

    g_assert_no_error (error);
    g_assert_cmpint (delimiter, ==, ';');
    g_assert_cmpstr (rows, ==, "1:a|b|c;d\n2:1|2|3;4\n");
    g_assert_cmpstr (tie, ==, "1:a\tb|c\n");
  }
}

static void
test_reader_hostile (void)
{
  char delimiter;

  {
    /* A quote that never closes: a clear message with the line. */
    g_autoptr(GError) error = NULL;
    g_autofree char *rows = READ ("a;b\n1;\"open\n2;3\n", &delimiter, &error);

    g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_UNTERMINATED);
    g_assert_nonnull (strstr (error->message, "2"));
    g_assert_cmpstr (rows, ==, "1:a|b\n");
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *rows = READ ("a;b\n\"x\"y;2\n", &delimiter, &error);

    g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_BAD_QUOTE);
  }
  {
    /* Binary garbage. */
    static const char garbage[] = { 'P', 'K', 3, 4, 0, 0, 8, 0, (char) 0xFF, (char) 0xFE };
    g_autoptr(GError) error = NULL;
    g_autofree char *rows = read_all (garbage, sizeof garbage, &delimiter, &error);

    g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_NOT_TEXT);
    g_assert_cmpstr (rows, ==, "");
  }
  {
    /* Invalid UTF-8 (Windows-1251 "Асанов"): that row only. */
    g_autoptr(GError) error = NULL;
    g_autoptr(GInputStream) in = NULL;
    g_autoptr(JdCsvReader) reader = NULL;
    const char *data = "a;b\n\xC0\xF1\xE0\xED\xEE\xE2;1\nok;2\n";
    GPtrArray *row = NULL;
    guint line = 0;

    in = g_memory_input_stream_new_from_data (data, -1, NULL);
    reader = jd_csv_reader_new (in);
    g_assert_true (jd_csv_reader_next (reader, &row, &line, NULL, &error));
    g_ptr_array_unref (row);
    g_assert_false (jd_csv_reader_next (reader, &row, &line, NULL, &error));
    g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_ENCODING);
    g_assert_null (row);
    g_clear_error (&error);
    g_assert_true (jd_csv_reader_next (reader, &row, &line, NULL, &error));
    g_assert_cmpuint (line, ==, 3);
    g_assert_cmpstr (row->pdata[0], ==, "ok");
    g_ptr_array_unref (row);
  }
  {
    /* A 10 MB field: refused once it passes the limit, memory bounded. */
    gsize size = 10 * 1024 * 1024;
    g_autofree char *big = g_malloc (size + 16);
    g_autoptr(GError) error = NULL;
    g_autofree char *rows = NULL;

    memcpy (big, "a;b\n\"", 5);
    memset (big + 5, 'x', size);
    memcpy (big + 5 + size, "\";1\n", 5);
    rows = read_all (big, size + 9, &delimiter, &error);
    g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_TOO_LONG);
    g_assert_cmpstr (rows, ==, "1:a|b\n");
  }
  {
    /* Too many columns. */
    g_autoptr(GString) wide = g_string_new (NULL);
    g_autoptr(GError) error = NULL;
    g_autofree char *rows = NULL;

    for (guint i = 0; i < 600; i++)
      g_string_append (wide, "x;");
    rows = read_all (wide->str, wide->len, &delimiter, &error);
    g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_TOO_LONG);
  }
  {
    /* Empty input and blank lines: no rows, no error. */
    g_autoptr(GError) error = NULL;
    g_autofree char *none = READ ("", &delimiter, &error);
    g_autofree char *blank = READ ("\n\r\n\n", &delimiter, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (none, ==, "");
    g_assert_cmpstr (blank, ==, "");
  }
}

/* Whatever the writer writes, the reader reads back. */
static void
test_round_trip (void)
{
  static const char *const cells[] = {
    "", "plain", "Ә Ғ Қ Ң Ө Ұ Ү Һ І ё", "a;b", "a,b", "tab\there", "\"quoted\"", "line\nbreak",
    "crlf\r\nbreak", " spaces ",
  };
  static const char delimiters[] = { ';', ',', '\t' };

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
      g_autoptr(JdCsvWriter) writer = jd_csv_writer_new (out, delimiters[d], TRUE);
      g_autoptr(GInputStream) in = NULL;
      g_autoptr(JdCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *row = NULL;

      /* The first row names the columns, without the delimiters inside. */
      const char *header[G_N_ELEMENTS (cells)];
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        header[i] = "h";
      g_assert_true (jd_csv_writer_write_row (writer, header, G_N_ELEMENTS (cells), NULL, &error));
      g_assert_true (jd_csv_writer_write_row (writer, cells, G_N_ELEMENTS (cells), NULL, &error));
      g_assert_true (jd_csv_writer_close (writer, NULL, &error));

      in = g_memory_input_stream_new_from_data (g_memdup2 (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                                                           g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out))),
                                                g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                                                g_free);
      reader = jd_csv_reader_new (in);
      g_assert_true (jd_csv_reader_next (reader, &row, NULL, NULL, &error));
      g_assert_cmpint (jd_csv_reader_get_delimiter (reader), ==, delimiters[d]);
      g_ptr_array_unref (row);
      g_assert_true (jd_csv_reader_next (reader, &row, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (row->len, ==, G_N_ELEMENTS (cells));
      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        g_assert_cmpstr (row->pdata[i], ==, cells[i]);
      g_ptr_array_unref (row);
    }
}

/* Excel's "Unicode Text": UTF-16 with a byte order mark, tabs between
 * cells; read as if it were UTF-8. */
static void
test_reader_utf16 (void)
{
  const char *text = "Тегі\tАты\r\nӘбенова\t\"Әлия, \"\"Ақ\"\"\"\r\n";
  const char *encodings[] = { "UTF-16LE", "UTF-16BE" };
  const char *boms[] = { "\xFF\xFE", "\xFE\xFF" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *utf16 = NULL;
      g_autofree char *data = NULL;
      g_autofree char *rows = NULL;
      gsize length = 0;
      char delimiter = 0;

      utf16 = g_convert (text, -1, encodings[i], "UTF-8", NULL, &length, &error);
      g_assert_no_error (error);
      data = g_malloc (length + 2);
      memcpy (data, boms[i], 2);
      memcpy (data + 2, utf16, length);
      rows = read_all (data, length + 2, &delimiter, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rows, ==, "1:Тегі|Аты\n2:Әбенова|Әлия, \"Ақ\"\n");
      g_assert_cmpint (delimiter, ==, '\t');
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/csv/writer", test_writer);
  g_test_add_func ("/jd/csv/reader", test_reader);
  g_test_add_func ("/jd/csv/reader-hostile", test_reader_hostile);
  g_test_add_func ("/jd/csv/round-trip", test_round_trip);
  g_test_add_func ("/jd/csv/reader-utf16", test_reader_utf16);

  return g_test_run ();
}
