/* test-summary-pdf.c: the report's pages, as a PDF and for a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pangocairo.h>

#include "jd-summary-report-pdf-private.h"
#include "summary-report-fixture.h"

#define A4_WIDTH  595.0
#define A4_HEIGHT 842.0

/* Fontconfig keeps the patterns of the fonts pango looked up until the
 * process ends, which the sanitizer build's leak check (test.sh) would
 * count as leaks of this test. Read only by LeakSanitizer. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}

/* Pages in a PDF file as cairo writes it: one "/Type /Page" object
 * each ("/Type /Pages" is the tree that holds them). */
static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("/Type\\s*/Page(?!s)", G_REGEX_RAW, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gsize length = 0;
  guint pages = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_regex_match_full (regex, contents, (gssize) length, 0, 0, &match, NULL);
  while (g_match_info_matches (match))
    {
      pages++;
      g_match_info_next (match, NULL);
    }
  return pages;
}

static char *
temp_pdf (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("jd-summary-pdf-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static void
remove_pdf (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Which page each item of a table is on, and checks that hold on every
 * page: items in order, none below the bottom, none overlapping. */
static void
check_plan (const JdReportPlan *plan)
{
  for (guint page = 0; page < jd_report_plan_n_pages (plan); page++)
    {
      guint n = 0;
      const JdReportItem *items = jd_report_plan_items (plan, page, &n);

      g_assert_cmpuint (n, >, 0);
      for (guint i = 0; i < n; i++)
        {
          g_assert_cmpfloat (items[i].height, >, 0);
          g_assert_cmpfloat (items[i].y + items[i].height, <=, jd_report_plan_bottom (plan) + 1e-6);
          if (i > 0)
            g_assert_cmpfloat (items[i].y, >=, items[i - 1].y + items[i - 1].height - 1e-6);
        }
    }
}

/* The whole fixture: the printer's page count is the PDF's, at A4 and
 * at another paper size. */
static void
test_pages_agree (void)
{
  JdSummaryReport *report = fixture_report_new ();
  g_autofree char *path = temp_pdf ("report.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdReportPlan) plan = jd_report_plan_new (report, A4_WIDTH, A4_HEIGHT);
  int pages = jd_summary_report_n_pages (report, A4_WIDTH, A4_HEIGHT);

  g_assert_true (jd_summary_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  /* A title, nine headline figures, six short tables and a month of
   * days do not fit on one page, nor need five. */
  g_assert_cmpint (pages, >=, 2);
  g_assert_cmpint (pages, <=, 4);
  g_assert_cmpuint (count_pdf_pages (path), ==, (guint) pages);
  g_assert_cmpuint (jd_report_plan_n_pages (plan), ==, (guint) pages);
  check_plan (plan);

  /* US Letter is shorter: never fewer pages than A4's width allows. */
  {
    g_autoptr(JdReportPlan) letter = jd_report_plan_new (report, 612, 792);

    g_assert_cmpint (jd_summary_report_n_pages (report, 612, 792), ==,
                     (int) jd_report_plan_n_pages (letter));
    check_plan (letter);
  }

  remove_pdf (path);
  fixture_report_free (report);
}

/* The title and three headline figures: one page, and the title block
 * comes first, then the headline's caption, headings and rows. */
static void
test_one_page (void)
{
  JdSummaryReport *report = fixture_report_empty ();
  const char *columns[] = { "Value" };
  const double values[] = { 4812, 1356, 214 };
  g_autofree char *path = temp_pdf ("one.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdReportPlan) plan = NULL;
  const JdReportItem *items;
  guint n = 0;

  report->headline = fixture_table_new ("Headline", NULL, "Item", 1, columns, NULL);
  fixture_add_row (report->headline, "Visits", &values[0]);
  fixture_add_row (report->headline, "Unique visitors", &values[1]);
  fixture_add_row (report->headline, "New registrations", &values[2]);

  plan = jd_report_plan_new (report, A4_WIDTH, A4_HEIGHT);
  g_assert_cmpuint (jd_report_plan_n_pages (plan), ==, 1);
  items = jd_report_plan_items (plan, 0, &n);
  /* The title, caption, headings, 3 rows and the signature. Three
   * counts could be bars, but the headline figures are not parts of
   * one whole. */
  g_assert_true (jd_report_table_has_chart (report->headline));
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpint (items[0].kind, ==, JD_REPORT_ITEM_TITLE);
  g_assert_cmpfloat (items[0].y, ==, 40);
  g_assert_cmpint (items[1].kind, ==, JD_REPORT_ITEM_CAPTION);
  g_assert_cmpint (items[1].table, ==, JD_REPORT_HEADLINE);
  g_assert_cmpint (items[2].kind, ==, JD_REPORT_ITEM_HEADINGS);
  for (guint r = 0; r < 3; r++)
    {
      g_assert_cmpint (items[3 + r].kind, ==, JD_REPORT_ITEM_ROW);
      g_assert_cmpint (items[3 + r].row, ==, (int) r);
    }
  g_assert_cmpint (items[6].kind, ==, JD_REPORT_ITEM_SIGNATURE);

  g_assert_true (jd_summary_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (path), ==, 1);
  remove_pdf (path);
  fixture_report_free (report);
}

/* A hundred days: the table breaks between rows, and every page after
 * its first repeats the title (continued) and the headings before its
 * rows; every row is there once, in order, and a page takes rows while
 * the next still fits. */
static void
test_long_table_breaks (void)
{
  JdSummaryReport *report = fixture_report_empty ();
  g_autoptr(JdReportPlan) plan = NULL;
  int next_row = 0;
  guint pages_with_rows = 0;

  g_ptr_array_add (report->tables, fixture_days_table (100));
  plan = jd_report_plan_new (report, A4_WIDTH, A4_HEIGHT);
  check_plan (plan);
  /* 100 days and a total: about 18 pt a row, 40 rows a page. */
  g_assert_cmpuint (jd_report_plan_n_pages (plan), >=, 3);

  for (guint page = 0; page < jd_report_plan_n_pages (plan); page++)
    {
      guint n = 0;
      const JdReportItem *items = jd_report_plan_items (plan, page, &n);
      guint first = page == 0 ? 1 : 0;   /* the title block */

      /* The signature may go alone on a last page of its own. */
      if (n == 1 && items[0].kind == JD_REPORT_ITEM_SIGNATURE)
        {
          pages_with_rows++;
          continue;
        }
      g_assert_cmpint (items[first].kind, ==, JD_REPORT_ITEM_CAPTION);
      g_assert_cmpint (items[first].continued, ==, page > 0);
      g_assert_cmpint (items[first + 1].kind, ==, JD_REPORT_ITEM_HEADINGS);
      g_assert_cmpint (items[first + 1].continued, ==, page > 0);
      /* The last page ends with the signature. */
      if (page + 1 == jd_report_plan_n_pages (plan) && items[n - 1].kind == JD_REPORT_ITEM_SIGNATURE)
        n--;
      for (guint i = first + 2; i < n; i++)
        {
          g_assert_cmpint (items[i].kind, ==, JD_REPORT_ITEM_ROW);
          g_assert_cmpint (items[i].row, ==, next_row);
          next_row++;
        }
      pages_with_rows++;
      /* Full: the next row (all rows are one line) would not fit. */
      if (page + 1 < jd_report_plan_n_pages (plan))
        g_assert_cmpfloat (items[n - 1].y + 2 * items[n - 1].height, >, jd_report_plan_bottom (plan));
    }
  g_assert_cmpint (next_row, ==, 101);
  g_assert_cmpuint (pages_with_rows, ==, jd_report_plan_n_pages (plan));
  fixture_report_free (report);
}

/* A short table (three rows and a total, a chart) after a long one
 * never breaks: for every length of the long one, it is whole on one
 * page; and for some lengths it had to move to the next page. */
static void
test_short_table_moves (void)
{
  gboolean moved = FALSE;

  for (guint days = 20; days <= 60; days++)
    {
      JdSummaryReport *report = fixture_report_empty ();
      const char *columns[] = { "Visits" };
      const double values[] = { 10, 20, 30 };
      JdSummaryTable *table = fixture_table_new ("Short", "A note", "Item", 1, columns, NULL);
      g_autoptr(JdReportPlan) plan = NULL;
      int short_page = -1;

      for (guint r = 0; r < 3; r++)
        fixture_add_row (table, "Row", &values[r]);
      fixture_add_total (table, "Total");
      g_ptr_array_add (report->tables, fixture_days_table (days));
      g_ptr_array_add (report->tables, table);
      plan = jd_report_plan_new (report, A4_WIDTH, A4_HEIGHT);
      check_plan (plan);

      for (guint page = 0; page < jd_report_plan_n_pages (plan); page++)
        {
          guint n = 0;
          const JdReportItem *items = jd_report_plan_items (plan, page, &n);

          for (guint i = 0; i < n; i++)
            if (items[i].kind != JD_REPORT_ITEM_TITLE && items[i].kind != JD_REPORT_ITEM_SIGNATURE &&
                items[i].table == 1)
              {
                if (short_page < 0)
                  {
                    short_page = (int) page;
                    if (i == 0)
                      moved = TRUE;
                  }
                g_assert_cmpint (short_page, ==, (int) page);
                g_assert_false (items[i].continued);
              }
        }
      g_assert_cmpint (short_page, >=, 0);
      fixture_report_free (report);
    }
  g_assert_true (moved);
}

/* Counts grouped as the locale groups thousands; shares with one
 * decimal and a no-break space before the sign. */
static void
test_format (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  char *text;

  g_assert_nonnull (setlocale (LC_NUMERIC, "C.UTF-8"));
  text = jd_report_format_value (4812, JD_SUMMARY_VALUE_COUNT);
  g_assert_cmpstr (text, ==, "4812");
  g_free (text);
  text = jd_report_format_value (388.0 / 1356, JD_SUMMARY_VALUE_SHARE);
  g_assert_cmpstr (text, ==, "28.6\u00a0%");
  g_free (text);
  text = jd_report_format_value (NAN, JD_SUMMARY_VALUE_SHARE);
  g_assert_cmpstr (text, ==, "—");
  g_free (text);

  /* Russian (and Kazakh) group with a narrow no-break space, and write
   * a decimal comma. */
  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") != NULL)
    {
      text = jd_report_format_value (1234567, JD_SUMMARY_VALUE_COUNT);
      g_assert_cmpstr (text, ==, "1\u202f234\u202f567");
      g_free (text);
      text = jd_report_format_value (0.05, JD_SUMMARY_VALUE_SHARE);
      g_assert_cmpstr (text, ==, "5,0\u00a0%");
      g_free (text);
    }
  setlocale (LC_NUMERIC, saved);
}

/* Every Kazakh letter has a glyph in the report's fonts, and a report
 * all in Kazakh is written. */
static void
test_kazakh (void)
{
  const char *letters = "ӘәҒғҚқҢңӨөҰұҮүҺһІі Қазақстан Республикасы";
  JdSummaryReport *report = fixture_report_empty ();
  const char *columns[] = { "Келулер саны" };
  const double values[] = { 1034, 2411, 896 };
  g_autofree char *path = temp_pdf ("қазақша есеп.pdf");
  g_autoptr(GError) error = NULL;
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);
  g_autoptr(PangoLayout) layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string ("Cantarell, DejaVu Sans 10");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, letters, -1);
  g_assert_cmpint (pango_layout_get_unknown_glyphs_count (layout), ==, 0);
  g_object_unref (context);

  g_free (report->centre_name);
  report->centre_name = g_strdup ("«Жастар» жастар ресурстық орталығы — Өскемен, Үлбі, Һ");
  report->headline = fixture_table_new ("Негізгі көрсеткіштер", "Әр адам бір рет саналады",
                                        "Көрсеткіш", 1, columns, NULL);
  fixture_add_row (report->headline, "Ұлдар мен қыздар, өңірлер", &values[0]);
  fixture_add_row (report->headline, "Ғылым, іскерлік, қоғам", &values[1]);
  fixture_add_row (report->headline, "Әлеуметтік көмек", &values[2]);
  fixture_add_total (report->headline, "Барлығы");

  g_assert_true (jd_summary_report_write_pdf (report, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (path), ==, 1);
  remove_pdf (path);
  fixture_report_free (report);
}

/* A folder that does not exist: a message that names the file, and no
 * file. */
static void
test_write_fails (void)
{
  JdSummaryReport *report = fixture_report_empty ();
  g_autoptr(GError) error = NULL;
  const char *path = "/nonexistent-jd-folder/report.pdf";

  g_assert_false (jd_summary_report_write_pdf (report, path, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "report.pdf"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  fixture_report_free (report);
}

/* A printer's page: drawn on any cairo context, each page paints
 * something, and the context's state is left as it was. */
static void
test_draw_page (void)
{
  JdSummaryReport *report = fixture_report_new ();
  int pages = jd_summary_report_n_pages (report, A4_WIDTH, A4_HEIGHT);

  for (int page = 0; page < pages; page++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 595, 842);
      cairo_t *cr = cairo_create (surface);
      const unsigned char *data;
      gboolean inked = FALSE;
      int stride;

      cairo_set_line_width (cr, 7);
      jd_summary_report_draw_page (report, cr, A4_WIDTH, A4_HEIGHT, page);
      g_assert_cmpfloat (cairo_get_line_width (cr), ==, 7);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      data = cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface);
      /* Ink in the footer: the page number is on every page. */
      for (int y = 842 - 58; y < 842 - 36 && !inked; y++)
        for (int x = 300; x < 555 && !inked; x++)
          inked = data[y * stride + x * 4 + 3] != 0;
      g_assert_true (inked);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  fixture_report_free (report);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/summary-pdf/pages-agree", test_pages_agree);
  g_test_add_func ("/jd/summary-pdf/one-page", test_one_page);
  g_test_add_func ("/jd/summary-pdf/long-table-breaks", test_long_table_breaks);
  g_test_add_func ("/jd/summary-pdf/short-table-moves", test_short_table_moves);
  g_test_add_func ("/jd/summary-pdf/format", test_format);
  g_test_add_func ("/jd/summary-pdf/kazakh", test_kazakh);
  g_test_add_func ("/jd/summary-pdf/write-fails", test_write_fails);
  g_test_add_func ("/jd/summary-pdf/draw-page", test_draw_page);

  return g_test_run ();
}
