/* jd-summary-report-pdf.c: the report as A4 pages, drawn with cairo and
 * pango for a PDF file or a printer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each page has a footer (the centre, "Page 2 of 3"); the first starts
 * with the title block, then come the headline figures and each table:
 * its title, how it is counted in small grey text, the column headings,
 * the rows with numbers on the right, the total in bold under a rule,
 * and for a short breakdown of counts the same numbers as bars.
 *
 * Text is laid out with a pango context of its own, without hinting and
 * with font sizes in points, so that what is measured while paginating
 * is what is drawn on any cairo surface at any scale: a PDF, a printer,
 * a preview. A row is never cut; a table that does not fit goes to the
 * next page when it is short, else it breaks between rows and the next
 * page repeats its title and headings.
 */
#define G_LOG_DOMAIN "jd-summary-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "jd-output.h"
#include "jd-summary-report-pdf-private.h"

/* A4 portrait, in points. */
#define A4_WIDTH  595.0
#define A4_HEIGHT 842.0

#define MARGIN        40.0
#define FOOTER_SPACE  18.0   /* between the last item and the bottom margin */
#define CELL_PAD_X     4.0
#define CELL_PAD_Y     3.0
#define TABLE_GAP     16.0
#define CHART_BAR      8.0
#define CHART_STEP    12.0

/* Cantarell is GNOME's; DejaVu Sans has every Kazakh letter where a
 * Cantarell lacks one. */
#define FONT_FAMILY "Cantarell, DejaVu Sans"

#define SIZE_CENTRE   18.0
#define SIZE_SUBTITLE 10.0
#define SIZE_PERIOD   13.0
#define SIZE_MADE      9.0
#define SIZE_CAPTION  11.5
#define SIZE_NOTE      8.5
#define SIZE_HEADING   8.5
#define SIZE_CELL      9.5
#define SIZE_FOOTER    8.0

/* Colours as grey levels, and the bars' blue. */
#define INK   0.10
#define GREY  0.40
#define RULE  0.78
#define SHADE 0.92

/* What one pass over the report needs: the text context, the page, and
 * a cairo context only when drawing (NULL while paginating). */
typedef struct
{
  const JdSummaryReport *report;
  PangoContext          *context;
  cairo_t               *cr;
  double                 width;
  double                 height;
  double                 left;
  double                 content_width;
  /* JdSummaryTable → its column widths (label first): measured once,
   * not once a row. */
  GHashTable            *columns;
} Painter;

struct _JdReportPlan
{
  GPtrArray *pages;    /* GArray of JdReportItem */
  double     bottom;
};

/* Text. */

static PangoContext *
text_context_new (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinting would make widths depend on the surface's scale. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

static void
painter_init (Painter               *p,
              const JdSummaryReport *report,
              cairo_t               *cr,
              double                 width,
              double                 height)
{
  p->report = report;
  p->context = text_context_new ();
  p->cr = cr;
  p->width = width;
  p->height = height;
  p->left = MARGIN;
  p->content_width = MAX (width - 2 * MARGIN, 100);
  p->columns = g_hash_table_new_full (NULL, NULL, NULL, g_free);
}

static void
painter_clear (Painter *p)
{
  g_clear_object (&p->context);
  g_clear_pointer (&p->columns, g_hash_table_unref);
}

/* @width <= 0: one line as long as the text. */
static PangoLayout *
text_layout (Painter        *p,
             const char     *text,
             double          size,
             gboolean        bold,
             double          width,
             PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (p->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (MAX (width, 1)));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return pango_units_to_double (h);
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return pango_units_to_double (w);
}

static void
show_layout (Painter     *p,
             PangoLayout *layout,
             double       grey,
             double       x,
             double       y)
{
  if (p->cr == NULL)
    return;
  cairo_set_source_rgb (p->cr, grey, grey, grey);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, layout);
}

/* Text wrapped within @width at (@x, @y); returns its height. */
static double
paint_text (Painter        *p,
            const char     *text,
            double          size,
            gboolean        bold,
            double          grey,
            double          x,
            double          y,
            double          width,
            PangoAlignment  alignment)
{
  g_autoptr(PangoLayout) layout = text_layout (p, text, size, bold, width, alignment);

  show_layout (p, layout, grey, x, y);
  return layout_height (layout);
}

static void
paint_rule (Painter *p,
            double   x,
            double   y,
            double   width,
            double   line_width,
            double   grey)
{
  if (p->cr == NULL)
    return;
  cairo_set_source_rgb (p->cr, grey, grey, grey);
  cairo_set_line_width (p->cr, line_width);
  cairo_move_to (p->cr, x, y);
  cairo_line_to (p->cr, x + width, y);
  cairo_stroke (p->cr);
}

char *
jd_report_format_value (double             value,
                        JdSummaryValueKind kind)
{
  if (!isfinite (value))
    return g_strdup ("—");
  if (kind == JD_SUMMARY_VALUE_SHARE)
    /* A no-break space keeps the sign with its number. */
    return g_strdup_printf ("%.1f\u00a0%%", value * 100);
  /* Grouped as the locale groups thousands, as on the dashboard. */
  return g_strdup_printf ("%'.0f", value);
}

/* Tables. */

static const JdSummaryTable *
table_at (const JdSummaryReport *report,
          int                    index)
{
  if (index == JD_REPORT_HEADLINE)
    return report->headline;
  return g_ptr_array_index (report->tables, index);
}

static const JdSummaryRow *
row_at (const JdSummaryTable *table,
        int                   index)
{
  return g_ptr_array_index (table->rows, index);
}

static int
n_rows (const JdSummaryTable *table)
{
  return table->rows != NULL ? (int) table->rows->len : 0;
}

gboolean
jd_report_table_has_chart (const JdSummaryTable *table)
{
  guint bars = 0;
  double most = 0;

  g_return_val_if_fail (table != NULL, FALSE);

  if (!table->chart || table->n_columns == 0 || table->kinds[0] != JD_SUMMARY_VALUE_COUNT)
    return FALSE;
  for (int i = 0; i < n_rows (table); i++)
    {
      const JdSummaryRow *row = row_at (table, i);

      if (row->is_total)
        continue;
      bars++;
      if (isfinite (row->values[0]))
        most = MAX (most, row->values[0]);
    }
  return bars >= 3 && bars <= 12 && most > 0;
}

/* The first column takes what the numbers leave: each value column is
 * as wide as its widest number or its heading on one line (within
 * reason), and the numbers together take at most 62% of the width. */
static void
measure_columns (Painter              *p,
                 const JdSummaryTable *table,
                 double               *label_width,
                 double               *value_widths)
{
  double sum = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(PangoLayout) heading = text_layout (p, table->column_titles[c], SIZE_HEADING, TRUE, -1,
                                                    PANGO_ALIGN_LEFT);
      double natural = MIN (layout_width (heading), 96);

      for (int r = 0; r < n_rows (table); r++)
        {
          const JdSummaryRow *row = row_at (table, r);
          g_autofree char *text = jd_report_format_value (row->values[c], table->kinds[c]);
          g_autoptr(PangoLayout) cell = text_layout (p, text, SIZE_CELL, TRUE, -1, PANGO_ALIGN_LEFT);

          natural = MAX (natural, layout_width (cell));
        }
      value_widths[c] = MAX (natural + 2 * CELL_PAD_X, 56);
      sum += value_widths[c];
    }
  if (sum > p->content_width * 0.62)
    {
      for (guint c = 0; c < table->n_columns; c++)
        value_widths[c] *= p->content_width * 0.62 / sum;
      sum = p->content_width * 0.62;
    }
  *label_width = p->content_width - sum;
}

static void
table_columns (Painter              *p,
               const JdSummaryTable *table,
               double               *label_width,
               double               *value_widths)
{
  double *widths = g_hash_table_lookup (p->columns, table);

  if (widths == NULL)
    {
      widths = g_new0 (double, table->n_columns + 1);
      measure_columns (p, table, &widths[0], widths + 1);
      g_hash_table_insert (p->columns, (gpointer) table, widths);
    }
  *label_width = widths[0];
  memcpy (value_widths, widths + 1, sizeof (double) * table->n_columns);
}

/* The title block: the centre, its code and district, the period, and
 * when and by whom the report was made. */
static double
paint_title (Painter *p,
             double   top)
{
  const JdSummaryReport *report = p->report;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *period = NULL;
  g_autofree char *made = NULL;
  const char *made_at = report->made_at != NULL ? report->made_at : "";
  double y = top;

  y += paint_text (p, report->centre_name, SIZE_CENTRE, TRUE, INK, p->left, y, p->content_width,
                   PANGO_ALIGN_LEFT);
  if (report->centre_code != NULL && *report->centre_code != '\0')
    /* Translators: the centre's code in the register, under its name. */
    g_ptr_array_add (parts, g_strdup_printf (C_("printed report", "Code %s"), report->centre_code));
  if (report->centre_district != NULL && *report->centre_district != '\0')
    g_ptr_array_add (parts, g_strdup (report->centre_district));
  if (parts->len > 0)
    {
      g_autofree char *line = NULL;

      g_ptr_array_add (parts, NULL);
      line = g_strjoinv (" · ", (char **) parts->pdata);
      y += 2 + paint_text (p, line, SIZE_SUBTITLE, FALSE, GREY, p->left, y + 2, p->content_width,
                           PANGO_ALIGN_LEFT);
    }

  /* Translators: the report's heading; %s is "November 2026" or
   * "01.11.2026 – 15.11.2026". */
  period = g_strdup_printf (C_("printed report", "Report for %s"), report->period_label != NULL ? report->period_label : "");
  y += 10 + paint_text (p, period, SIZE_PERIOD, TRUE, INK, p->left, y + 10, p->content_width,
                        PANGO_ALIGN_LEFT);
  if (report->made_by != NULL && *report->made_by != '\0')
    /* Translators: "Made on 01.12.2026 09:30 by Aigerim Nurlanovna". */
    made = g_strdup_printf (C_("printed report", "Made on %s by %s"), made_at, report->made_by);
  else
    made = g_strdup_printf (C_("printed report", "Made on %s"), made_at);
  y += 3 + paint_text (p, made, SIZE_MADE, FALSE, GREY, p->left, y + 3, p->content_width,
                       PANGO_ALIGN_LEFT);
  y += 8;
  paint_rule (p, p->left, y, p->content_width, 1.0, INK);
  y += 10;
  return y - top;
}

static double
paint_caption (Painter              *p,
               const JdSummaryTable *table,
               gboolean              continued,
               double                top)
{
  g_autofree char *title = NULL;
  double y = top;

  /* Translators: a table's title on the page it goes on to. */
  title = continued ? g_strdup_printf (C_("printed report", "%s (continued)"), table->title) : g_strdup (table->title);
  y += paint_text (p, title, SIZE_CAPTION, TRUE, INK, p->left, y, p->content_width, PANGO_ALIGN_LEFT);
  if (!continued && table->note != NULL && *table->note != '\0')
    y += 2 + paint_text (p, table->note, SIZE_NOTE, FALSE, GREY, p->left, y + 2, p->content_width,
                         PANGO_ALIGN_LEFT);
  y += 5;
  return y - top;
}

static double
paint_headings (Painter              *p,
                const JdSummaryTable *table,
                double                top)
{
  g_autofree double *widths = g_new0 (double, MAX (table->n_columns, 1));
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double label_width;
  double height = 0;
  double x;

  table_columns (p, table, &label_width, widths);
  g_ptr_array_add (layouts, text_layout (p, table->label_title, SIZE_HEADING, TRUE,
                                         label_width - 2 * CELL_PAD_X, PANGO_ALIGN_LEFT));
  for (guint c = 0; c < table->n_columns; c++)
    g_ptr_array_add (layouts, text_layout (p, table->column_titles[c], SIZE_HEADING, TRUE,
                                           widths[c] - 2 * CELL_PAD_X, PANGO_ALIGN_RIGHT));
  for (guint i = 0; i < layouts->len; i++)
    height = MAX (height, layout_height (layouts->pdata[i]));
  height += 2 * CELL_PAD_Y;

  if (p->cr != NULL)
    {
      cairo_set_source_rgb (p->cr, SHADE, SHADE, SHADE);
      cairo_rectangle (p->cr, p->left, top, p->content_width, height);
      cairo_fill (p->cr);
    }
  x = p->left;
  for (guint i = 0; i < layouts->len; i++)
    {
      double w = i == 0 ? label_width : widths[i - 1];
      /* Headings sit on the rule, whatever their number of lines. */
      double h = layout_height (layouts->pdata[i]);

      show_layout (p, layouts->pdata[i], INK, x + CELL_PAD_X, top + height - CELL_PAD_Y - h);
      x += w;
    }
  paint_rule (p, p->left, top + height, p->content_width, 0.8, INK);
  return height;
}

static double
paint_row (Painter              *p,
           const JdSummaryTable *table,
           int                   index,
           double                top)
{
  const JdSummaryRow *row = row_at (table, index);
  g_autofree double *widths = g_new0 (double, MAX (table->n_columns, 1));
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double label_width;
  double height = 0;
  double x;

  table_columns (p, table, &label_width, widths);
  g_ptr_array_add (layouts, text_layout (p, row->label, SIZE_CELL, row->is_total,
                                         label_width - 2 * CELL_PAD_X, PANGO_ALIGN_LEFT));
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autofree char *text = jd_report_format_value (row->values[c], table->kinds[c]);

      g_ptr_array_add (layouts, text_layout (p, text, SIZE_CELL, row->is_total,
                                             widths[c] - 2 * CELL_PAD_X, PANGO_ALIGN_RIGHT));
    }
  for (guint i = 0; i < layouts->len; i++)
    height = MAX (height, layout_height (layouts->pdata[i]));
  height += 2 * CELL_PAD_Y;

  x = p->left;
  for (guint i = 0; i < layouts->len; i++)
    {
      show_layout (p, layouts->pdata[i], INK, x + CELL_PAD_X, top + CELL_PAD_Y);
      x += i == 0 ? label_width : widths[i - 1];
    }
  if (row->is_total)
    paint_rule (p, p->left, top, p->content_width, 0.8, INK);
  else if (index + 1 < n_rows (table) && !row_at (table, index + 1)->is_total)
    paint_rule (p, p->left, top + height, p->content_width, 0.4, RULE);
  return height;
}

/* The first column's counts as horizontal bars: labels on the left,
 * each bar's number after it. */
static double
paint_chart (Painter              *p,
             const JdSummaryTable *table,
             double                top)
{
  double label_width = 0;
  double value_width = 0;
  double most = 0;
  double bar_left, bar_room;
  double y = top + 6;

  for (int r = 0; r < n_rows (table); r++)
    {
      const JdSummaryRow *row = row_at (table, r);
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      g_autofree char *text = NULL;

      if (row->is_total)
        continue;
      text = jd_report_format_value (row->values[0], JD_SUMMARY_VALUE_COUNT);
      label = text_layout (p, row->label, SIZE_NOTE, FALSE, -1, PANGO_ALIGN_LEFT);
      value = text_layout (p, text, SIZE_NOTE, FALSE, -1, PANGO_ALIGN_LEFT);
      label_width = MAX (label_width, layout_width (label));
      value_width = MAX (value_width, layout_width (value));
      if (isfinite (row->values[0]))
        most = MAX (most, row->values[0]);
    }
  label_width = MIN (label_width, p->content_width * 0.35);
  bar_left = p->left + label_width + 8;
  bar_room = MAX (p->content_width - label_width - 8 - value_width - 6, 10);

  for (int r = 0; r < n_rows (table); r++)
    {
      const JdSummaryRow *row = row_at (table, r);
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      g_autofree char *text = NULL;
      double length;

      if (row->is_total)
        continue;
      if (p->cr != NULL)
        {
          text = jd_report_format_value (row->values[0], JD_SUMMARY_VALUE_COUNT);
          label = text_layout (p, row->label, SIZE_NOTE, FALSE, label_width, PANGO_ALIGN_RIGHT);
          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          value = text_layout (p, text, SIZE_NOTE, FALSE, -1, PANGO_ALIGN_LEFT);
          length = most > 0 && isfinite (row->values[0]) ? bar_room * row->values[0] / most : 0;
          show_layout (p, label, GREY * 0.6, p->left,
                       y + (CHART_STEP - layout_height (label)) / 2);
          cairo_set_source_rgb (p->cr, 0.21, 0.52, 0.89);
          cairo_rectangle (p->cr, bar_left, y + (CHART_STEP - CHART_BAR) / 2, MAX (length, 0.5),
                           CHART_BAR);
          cairo_fill (p->cr);
          show_layout (p, value, GREY * 0.6, bar_left + length + 4,
                       y + (CHART_STEP - layout_height (value)) / 2);
        }
      y += CHART_STEP;
    }
  return y + 4 - top;
}

/* Where the head of the centre signs. */
static double
paint_signature (Painter *p,
                 double   top)
{
  g_autoptr(PangoLayout) head = NULL;
  g_autoptr(PangoLayout) hint = NULL;
  double line_left, line_width, y;

  /* Translators: beside the line where the report is signed. */
  head = text_layout (p, C_("printed report", "Head of the centre"), SIZE_CELL, TRUE, -1, PANGO_ALIGN_LEFT);
  /* Translators: under the line where the report is signed. */
  hint = text_layout (p, C_("printed report", "(signature, full name)"), SIZE_NOTE, FALSE, -1,
                      PANGO_ALIGN_LEFT);
  y = top + 18;
  line_left = p->left + MIN (layout_width (head), p->content_width / 2) + 12;
  line_width = MIN (240, p->content_width - (line_left - p->left));
  show_layout (p, head, INK, p->left, y + SIZE_CELL + 2 - layout_height (head));
  paint_rule (p, line_left, y + SIZE_CELL + 2, line_width, 0.6, INK);
  show_layout (p, hint, GREY, line_left + (line_width - layout_width (hint)) / 2, y + SIZE_CELL + 4);
  return 18 + SIZE_CELL + 4 + layout_height (hint);
}

static double
paint_item (Painter            *p,
            const JdReportItem *item,
            double              top)
{
  const JdSummaryTable *table = NULL;

  if (item->kind != JD_REPORT_ITEM_TITLE && item->kind != JD_REPORT_ITEM_SIGNATURE)
    table = table_at (p->report, item->table);
  switch (item->kind)
    {
    case JD_REPORT_ITEM_TITLE:
      return paint_title (p, top);
    case JD_REPORT_ITEM_CAPTION:
      return paint_caption (p, table, item->continued, top);
    case JD_REPORT_ITEM_HEADINGS:
      return paint_headings (p, table, top);
    case JD_REPORT_ITEM_ROW:
      return paint_row (p, table, item->row, top);
    case JD_REPORT_ITEM_CHART:
      return paint_chart (p, table, top);
    case JD_REPORT_ITEM_SIGNATURE:
      return paint_signature (p, top);
    default:
      g_assert_not_reached ();
    }
}

/* Pagination. */

typedef struct
{
  Painter      *painter;
  JdReportPlan *plan;
  GArray       *page;     /* the last of plan->pages */
  double        top;
  double        y;
} Flow;

static void
flow_new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, FALSE, sizeof (JdReportItem));
  g_ptr_array_add (flow->plan->pages, flow->page);
  flow->y = flow->top;
}

static gboolean
flow_at_top (Flow *flow)
{
  return flow->page->len == 0;
}

static void
flow_place (Flow             *flow,
            JdReportItemKind  kind,
            int               table,
            int               row,
            gboolean          continued,
            double            height)
{
  JdReportItem item = { kind, table, row, continued, flow->y, height };

  g_array_append_val (flow->page, item);
  flow->y += height;
}

static double
measure (Flow             *flow,
         JdReportItemKind  kind,
         int               table,
         int               row,
         gboolean          continued)
{
  JdReportItem item = { kind, table, row, continued, 0, 0 };

  return paint_item (flow->painter, &item, 0);
}

static void
flow_table (Flow *flow,
            int   index)
{
  const JdSummaryTable *table = table_at (flow->painter->report, index);
  int count = n_rows (table);
  g_autofree double *heights = g_new0 (double, MAX (count, 1));
  double caption = measure (flow, JD_REPORT_ITEM_CAPTION, index, 0, FALSE);
  double headings = measure (flow, JD_REPORT_ITEM_HEADINGS, index, 0, FALSE);
  /* The headline figures are not parts of one whole: no bars. */
  gboolean has_chart = index != JD_REPORT_HEADLINE && jd_report_table_has_chart (table);
  double chart = has_chart ? measure (flow, JD_REPORT_ITEM_CHART, index, 0, FALSE) : 0;
  double bottom = flow->plan->bottom;
  double whole = caption + headings + chart;
  double start = caption + headings;

  for (int r = 0; r < count; r++)
    {
      heights[r] = measure (flow, JD_REPORT_ITEM_ROW, index, r, FALSE);
      whole += heights[r];
      /* A table starts with at least two of its rows. */
      if (r < 2)
        start += heights[r];
    }

  /* A short table goes whole to the next page; a long one starts here
   * if its title, headings and first rows fit. */
  if (!flow_at_top (flow) && flow->y + whole > bottom &&
      (whole <= (bottom - flow->top) / 2 || flow->y + start > bottom))
    flow_new_page (flow);

  flow_place (flow, JD_REPORT_ITEM_CAPTION, index, 0, FALSE, caption);
  flow_place (flow, JD_REPORT_ITEM_HEADINGS, index, 0, FALSE, headings);
  for (int r = 0; r < count; r++)
    {
      if (flow->y + heights[r] > bottom)
        {
          flow_new_page (flow);
          flow_place (flow, JD_REPORT_ITEM_CAPTION, index, 0, TRUE,
                      measure (flow, JD_REPORT_ITEM_CAPTION, index, 0, TRUE));
          flow_place (flow, JD_REPORT_ITEM_HEADINGS, index, 0, TRUE, headings);
        }
      flow_place (flow, JD_REPORT_ITEM_ROW, index, r, FALSE, heights[r]);
    }
  if (chart > 0)
    {
      /* Bars alone on a page still say whose they are. */
      if (flow->y + chart > bottom)
        {
          flow_new_page (flow);
          flow_place (flow, JD_REPORT_ITEM_CAPTION, index, 0, TRUE,
                      measure (flow, JD_REPORT_ITEM_CAPTION, index, 0, TRUE));
        }
      flow_place (flow, JD_REPORT_ITEM_CHART, index, 0, FALSE, chart);
    }
  flow->y += TABLE_GAP;
}

JdReportPlan *
jd_report_plan_new (const JdSummaryReport *report,
                    double                 width,
                    double                 height)
{
  JdReportPlan *plan;
  Painter painter;
  Flow flow = { 0 };

  g_return_val_if_fail (report != NULL, NULL);

  plan = g_new0 (JdReportPlan, 1);
  plan->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  plan->bottom = MAX (height - MARGIN - FOOTER_SPACE, MARGIN + 100);
  painter_init (&painter, report, NULL, width, height);
  flow.painter = &painter;
  flow.plan = plan;
  flow.top = MARGIN;
  flow_new_page (&flow);

  flow_place (&flow, JD_REPORT_ITEM_TITLE, 0, 0, FALSE, measure (&flow, JD_REPORT_ITEM_TITLE, 0, 0, FALSE));
  if (report->headline != NULL)
    flow_table (&flow, JD_REPORT_HEADLINE);
  for (guint t = 0; report->tables != NULL && t < report->tables->len; t++)
    flow_table (&flow, (int) t);
  {
    double signature = measure (&flow, JD_REPORT_ITEM_SIGNATURE, 0, 0, FALSE);

    if (flow.y + signature > plan->bottom)
      flow_new_page (&flow);
    flow_place (&flow, JD_REPORT_ITEM_SIGNATURE, 0, 0, FALSE, signature);
  }

  painter_clear (&painter);
  return plan;
}

void
jd_report_plan_free (JdReportPlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->pages);
  g_free (plan);
}

guint
jd_report_plan_n_pages (const JdReportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->pages->len;
}

const JdReportItem *
jd_report_plan_items (const JdReportPlan *plan,
                      guint               page,
                      guint              *n_items)
{
  GArray *items;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (page < plan->pages->len, NULL);

  items = g_ptr_array_index (plan->pages, page);
  if (n_items != NULL)
    *n_items = items->len;
  return (const JdReportItem *) items->data;
}

double
jd_report_plan_bottom (const JdReportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->bottom;
}

/* Drawing. */

static void
paint_footer (Painter *p,
              double   bottom,
              int      page,
              int      n_pages)
{
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) centre = NULL;
  g_autoptr(PangoLayout) count = NULL;
  double y = bottom + FOOTER_SPACE - 6;

  paint_rule (p, p->left, y, p->content_width, 0.4, RULE);
  /* Translators: the report's footer, "Page 2 of 3". */
  number = g_strdup_printf (C_("printed report", "Page %d of %d"), page + 1, n_pages);
  count = text_layout (p, number, SIZE_FOOTER, FALSE, p->content_width / 2, PANGO_ALIGN_RIGHT);
  centre = text_layout (p, p->report->centre_name, SIZE_FOOTER, FALSE, p->content_width / 2,
                        PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (centre, PANGO_ELLIPSIZE_END);
  show_layout (p, centre, GREY, p->left, y + 3);
  show_layout (p, count, GREY, p->left + p->content_width / 2, y + 3);
}

static void
draw_planned_page (const JdSummaryReport *report,
                   const JdReportPlan    *plan,
                   cairo_t               *cr,
                   double                 width,
                   double                 height,
                   int                    page)
{
  const JdReportItem *items;
  Painter painter;
  guint n_items;

  items = jd_report_plan_items (plan, page, &n_items);
  painter_init (&painter, report, cr, width, height);
  cairo_save (cr);
  for (guint i = 0; i < n_items; i++)
    paint_item (&painter, &items[i], items[i].y);
  paint_footer (&painter, plan->bottom, page, (int) plan->pages->len);
  cairo_restore (cr);
  painter_clear (&painter);
}

int
jd_summary_report_n_pages (const JdSummaryReport *report,
                           double                 width,
                           double                 height)
{
  g_autoptr(JdReportPlan) plan = NULL;

  g_return_val_if_fail (report != NULL, 0);

  plan = jd_report_plan_new (report, width, height);
  return (int) jd_report_plan_n_pages (plan);
}

void
jd_summary_report_draw_page (const JdSummaryReport *report,
                             cairo_t               *cr,
                             double                 width,
                             double                 height,
                             int                    page)
{
  g_autoptr(JdReportPlan) plan = NULL;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);

  plan = jd_report_plan_new (report, width, height);
  g_return_if_fail (page >= 0 && (guint) page < jd_report_plan_n_pages (plan));
  draw_planned_page (report, plan, cr, width, height, page);
}

/* PDF. */

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t written = write (fd, data, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += written;
      length -= (unsigned int) written;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
render_pdf (const JdSummaryReport *report,
            int                    fd)
{
  g_autoptr(JdReportPlan) plan = jd_report_plan_new (report, A4_WIDTH, A4_HEIGHT);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (write_cb, GINT_TO_POINTER (fd), A4_WIDTH, A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->centre_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Jastar Desk");
  cr = cairo_create (surface);
  for (guint page = 0; page < jd_report_plan_n_pages (plan); page++)
    {
      draw_planned_page (report, plan, cr, A4_WIDTH, A4_HEIGHT, (int) page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
jd_summary_report_write_pdf (const JdSummaryReport *report,
                             const char            *path,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *name = NULL;
  int fd;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_name (path);
  fd = jd_output_temp_new (path, &temp_path, &local_error);
  if (fd < 0)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   C_("printed report", "Could not save the PDF as “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  errno = 0;
  if (!render_pdf (report, fd) || fsync (fd) != 0 || g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   C_("printed report", "Could not save the PDF as “%s”: %s"), name,
                   saved_errno != 0 ? g_strerror (saved_errno) : C_("printed report", "the disk may be full or not writable"));
      return FALSE;
    }
  close (fd);
  return TRUE;
}
