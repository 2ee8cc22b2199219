/* jd-chart.c: bar charts and a heat map drawn with cairo, with their
 * numbers also as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with the theme's colours (the text colour and the accent, which
 * follow light and dark styles), labels laid out with Pango so that
 * Kazakh and Russian fit or ellipsize, and the exact value of the item
 * under the pointer in a tooltip. Every chart's numbers are available as
 * a table too, for screen readers and for copying a number.
 *
 * Drawing, tooltips and clicks share one computation of where things
 * are (Geometry), so that what is under the pointer is what was drawn
 * there.
 */
#define G_LOG_DOMAIN "jd-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "jd-chart.h"

#define BAR_HEIGHT   16    /* one horizontal bar */
#define ROW_GAP      8     /* between rows of horizontal bars */
#define PAD          8
#define SMALL_SCALE  0.85  /* axis labels and numbers */
#define MAX_COLUMN_W 48.0  /* a few wide columns stay slim */

struct _JdChart
{
  GtkWidget    parent_instance;

  JdChartKind  kind;
  GPtrArray   *labels;         /* char *; heat map: row labels */
  GPtrArray   *long_labels;    /* char *, or empty: tooltips and the table */
  GPtrArray   *column_labels;  /* heat map */
  GArray      *values;         /* double */
  GArray      *second;         /* double, pairs */
  GArray      *marked;         /* gboolean */
  guint        n_columns;      /* heat map */
  char        *first_name;
  char        *second_name;
  /* Pairs: a third count per item that the table shows (a sex not
   * recorded), so that its columns add up to the whole. */
  char        *third_name;
  GArray      *third;          /* double */
  char        *item_heading;
  char        *value_heading;

  gboolean     activatable;
  int          hover;          /* item under the pointer, -1: none */
  int          cursor;         /* item chosen with the keyboard, -1: none */
};

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JdChart, jd_chart, GTK_TYPE_WIDGET)

/* Where everything goes at the widget's current size. */
typedef struct
{
  double left;       /* columns: tick labels; bars: the label column; heat map: row labels */
  double top;
  double plot_w;
  double plot_h;
  double step;       /* columns: a slot's width; bars: a row's height; heat map: a cell's width */
  double cell_h;     /* heat map */
  double scale_max;  /* the value at the end of the scale */
  double tick;       /* columns: between grid lines */
  int    text_h;
  int    small_h;
} Geometry;

static double
value_at (GArray *values,
          guint   i)
{
  return values != NULL && i < values->len ? g_array_index (values, double, i) : 0;
}

static double
max_value (JdChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->values->len; i++)
    max = MAX (max, value_at (self->values, i));
  for (guint i = 0; self->second && i < self->second->len; i++)
    max = MAX (max, value_at (self->second, i));
  return max;
}

/* Items that can be pointed at: bars (a pair counts once), or cells. */
static guint
n_items (JdChart *self)
{
  return self->kind == JD_CHART_HEAT_MAP ? self->labels->len * self->n_columns : self->labels->len;
}

static const char *
long_label (JdChart *self,
            guint    i)
{
  if (i < self->long_labels->len)
    return self->long_labels->pdata[i];
  return i < self->labels->len ? self->labels->pdata[i] : "";
}

/* Grouped the way the locale groups thousands, as on the tiles. */
static char *
format_value (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

static void
theme_colors (JdChart *self,
              GdkRGBA *fg,
              GdkRGBA *accent,
              GdkRGBA *other)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  /* gtk_widget_get_color() is GTK 4.10; this is its 4.8 spelling. */
  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "purple_3", other))
    gdk_rgba_parse (other, "#9141ac");
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

static PangoLayout *
layout (JdChart    *self,
        const char *text,
        int         width,
        gboolean    small)
{
  PangoLayout *l = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  if (width > 0)
    {
      pango_layout_set_width (l, width * PANGO_SCALE);
      pango_layout_set_ellipsize (l, PANGO_ELLIPSIZE_END);
    }
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (SMALL_SCALE));
      pango_layout_set_attributes (l, attrs);
      pango_attr_list_unref (attrs);
    }
  return l;
}

static int
text_width (JdChart    *self,
            const char *text,
            gboolean    small)
{
  g_autoptr(PangoLayout) l = layout (self, text, -1, small);
  int width;

  pango_layout_get_pixel_size (l, &width, NULL);
  return width;
}

static int
text_height (JdChart  *self,
             gboolean  small)
{
  g_autoptr(PangoLayout) l = layout (self, "Ag Әй", -1, small);
  int height;

  pango_layout_get_pixel_size (l, NULL, &height);
  return height;
}

static int
widest_label (JdChart   *self,
              GPtrArray *labels,
              gboolean   small)
{
  int widest = 0;

  for (guint i = 0; i < labels->len; i++)
    widest = MAX (widest, text_width (self, labels->pdata[i], small));
  return widest;
}

static int
widest_value (JdChart *self)
{
  g_autofree char *text = format_value (max_value (self));

  return text_width (self, text, TRUE);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *l,
           double       x,
           double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, l);
}

/* 1, 2 or 5 times a power of ten: grid lines people can read. */
static double
nice_step (double raw)
{
  double power, fraction;

  if (raw <= 1)
    return 1;
  power = pow (10, floor (log10 (raw)));
  fraction = raw / power;
  if (fraction <= 1)
    return power;
  if (fraction <= 2)
    return 2 * power;
  if (fraction <= 5)
    return 5 * power;
  return 10 * power;
}

static double
bars_row_height (JdChart *self,
                 int      text_h)
{
  if (self->kind == JD_CHART_PAIRS)
    return MAX (2 * BAR_HEIGHT, text_h) + ROW_GAP + 2;
  return MAX (BAR_HEIGHT, text_h) + ROW_GAP;
}

static void
compute_geometry (JdChart  *self,
                  int       width,
                  int       height,
                  Geometry *g)
{
  double max = max_value (self);
  guint n = self->labels->len;

  *g = (Geometry) { 0 };
  g->text_h = text_height (self, FALSE);
  g->small_h = text_height (self, TRUE);
  g->scale_max = max > 0 ? max : 1;

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      {
        g_autofree char *top_text = NULL;

        g->tick = nice_step (g->scale_max / 4);
        g->scale_max = ceil (g->scale_max / g->tick) * g->tick;
        top_text = format_value (g->scale_max);
        g->left = text_width (self, top_text, TRUE) + PAD;
        g->top = g->small_h + 2;   /* room for a number above the highest bar */
        g->plot_w = MAX (1, width - g->left);
        g->plot_h = MAX (1, height - g->top - g->small_h - 6);
        g->step = g->plot_w / MAX (1u, n);
        break;
      }

    case JD_CHART_BARS:
    case JD_CHART_PAIRS:
      /* Labels take what they need up to two fifths of the width; the
       * longest ones ellipsize (and say everything in the tooltip). */
      g->left = MIN (widest_label (self, self->labels, FALSE), (int) (width * 0.4)) + PAD;
      g->step = bars_row_height (self, g->text_h);
      g->plot_w = MAX (10, width - g->left - widest_value (self) - 6);
      g->plot_h = n * g->step;
      break;

    case JD_CHART_HEAT_MAP:
      g->left = widest_label (self, self->labels, TRUE) + PAD;
      g->cell_h = MAX (18, g->small_h + 4);
      g->plot_w = MAX (1, width - g->left);
      g->step = g->plot_w / MAX (1u, self->n_columns);
      g->plot_h = n * g->cell_h;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The area of item @i, for highlighting it. */
static graphene_rect_t
item_rect (JdChart        *self,
           const Geometry *g,
           int             width,
           guint           i)
{
  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      return GRAPHENE_RECT_INIT (g->left + i * g->step, 0, g->step, g->top + g->plot_h);
    case JD_CHART_BARS:
    case JD_CHART_PAIRS:
      return GRAPHENE_RECT_INIT (0, i * g->step, width, g->step);
    case JD_CHART_HEAT_MAP:
      {
        guint r = i / MAX (1u, self->n_columns), c = i % MAX (1u, self->n_columns);

        return GRAPHENE_RECT_INIT (g->left + c * g->step, r * g->cell_h, g->step, g->cell_h);
      }
    default:
      g_assert_not_reached ();
    }
}

static int
item_at (JdChart *self,
         double   x,
         double   y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  Geometry g;
  int i = -1;

  if (self->labels->len == 0 || (max_value (self) <= 0 && self->kind != JD_CHART_COLUMNS))
    return -1;
  compute_geometry (self, width, gtk_widget_get_height (GTK_WIDGET (self)), &g);

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      if (x >= g.left && y <= g.top + g.plot_h + g.small_h + 6)
        i = (int) ((x - g.left) / g.step);
      break;
    case JD_CHART_BARS:
    case JD_CHART_PAIRS:
      if (y >= 0)
        i = (int) (y / g.step);
      break;
    case JD_CHART_HEAT_MAP:
      if (x >= g.left && y >= 0 && y < g.plot_h)
        {
          int c = (int) ((x - g.left) / g.step);

          if (c < (int) self->n_columns)
            i = (int) (y / g.cell_h) * (int) self->n_columns + c;
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return i >= 0 && (guint) i < n_items (self) ? i : -1;
}

/* "Female: 220, Male: 183" and the like: what a tooltip and a screen
 * reader say about item @i. */
static char *
describe_item (JdChart *self,
               guint    i)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (i >= n_items (self))
    return NULL;

  if (self->kind == JD_CHART_HEAT_MAP)
    {
      guint r = i / self->n_columns, c = i % self->n_columns;

      first = format_value (value_at (self->values, i));
      return g_strdup_printf ("%s %s: %s", long_label (self, r), (char *) self->column_labels->pdata[c], first);
    }

  first = format_value (value_at (self->values, i));
  if (self->kind != JD_CHART_PAIRS)
    return g_strdup_printf ("%s: %s", long_label (self, i), first);

  second = format_value (value_at (self->second, i));
  return g_strdup_printf ("%s — %s: %s, %s: %s", long_label (self, i), self->first_name, first,
                          self->second_name, second);
}

/* Drawing. */

static void
draw_highlight (JdChart         *self,
                cairo_t         *cr,
                const Geometry  *g,
                int              width,
                const GdkRGBA   *fg,
                const GdkRGBA   *accent)
{
  if (self->hover >= 0 && (guint) self->hover < n_items (self))
    {
      graphene_rect_t r = item_rect (self, g, width, (guint) self->hover);
      GdkRGBA band = with_alpha (fg, 0.07);

      gdk_cairo_set_source_rgba (cr, &band);
      cairo_rectangle (cr, r.origin.x, r.origin.y, r.size.width, r.size.height);
      cairo_fill (cr);
    }

  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)) && self->cursor >= 0 &&
      (guint) self->cursor < n_items (self))
    {
      graphene_rect_t r = item_rect (self, g, width, (guint) self->cursor);
      GdkRGBA ring = with_alpha (accent, 0.8);

      gdk_cairo_set_source_rgba (cr, &ring);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, r.origin.x + 1, r.origin.y + 1, r.size.width - 2, r.size.height - 2);
      cairo_stroke (cr);
    }
}

static void
draw_columns (JdChart        *self,
              cairo_t        *cr,
              const Geometry *g,
              int             width,
              const GdkRGBA  *fg,
              const GdkRGBA  *accent)
{
  GdkRGBA quiet = with_alpha (accent, 0.45);
  GdkRGBA grid = with_alpha (fg, 0.12);
  GdkRGBA dim = with_alpha (fg, 0.7);
  double bar_w = MIN (MAX (1.0, g->step * 0.7), MAX_COLUMN_W);
  double baseline = g->top + g->plot_h;
  int label_w = widest_label (self, self->labels, TRUE);
  guint label_every = MAX (1u, (guint) ceil ((label_w + 8) / g->step));
  gboolean numbers_fit = widest_value (self) <= g->step - 2;
  double labels_end = 0;

  /* Grid lines with their values at the left. */
  for (double v = 0; v <= g->scale_max + 0.5; v += g->tick)
    {
      double y = round (baseline - v / g->scale_max * g->plot_h) + 0.5;
      g_autofree char *text = format_value (v);
      g_autoptr(PangoLayout) l = layout (self, text, -1, TRUE);
      int w;

      gdk_cairo_set_source_rgba (cr, &grid);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, g->left, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
      pango_layout_get_pixel_size (l, &w, NULL);
      gdk_cairo_set_source_rgba (cr, &dim);
      show_text (cr, l, g->left - PAD / 2 - w, y - g->small_h / 2.0);
    }

  for (guint i = 0; i < self->values->len; i++)
    {
      double v = value_at (self->values, i);
      double h = v / g->scale_max * g->plot_h;
      double slot = g->left + i * g->step;
      gboolean marked = self->marked && i < self->marked->len && g_array_index (self->marked, gboolean, i);

      gdk_cairo_set_source_rgba (cr, marked ? &quiet : accent);
      cairo_rectangle (cr, slot + (g->step - bar_w) / 2, baseline - h, bar_w, h);
      cairo_fill (cr);

      if (numbers_fit && v > 0)
        {
          g_autofree char *text = format_value (v);
          g_autoptr(PangoLayout) l = layout (self, text, -1, TRUE);
          int w;

          pango_layout_get_pixel_size (l, &w, NULL);
          gdk_cairo_set_source_rgba (cr, &dim);
          show_text (cr, l, slot + (g->step - w) / 2, baseline - h - g->small_h - 1);
        }

      if (i % label_every == 0)
        {
          g_autoptr(PangoLayout) l = layout (self, self->labels->pdata[i], -1, TRUE);
          int w;
          double x;

          pango_layout_get_pixel_size (l, &w, NULL);
          x = CLAMP (slot + (g->step - w) / 2, g->left, width - w);
          /* The first and last labels are pushed inside the edges, which
           * can bring them onto their neighbours: those give way. */
          if (x >= labels_end)
            {
              gdk_cairo_set_source_rgba (cr, fg);
              show_text (cr, l, x, baseline + 4);
              labels_end = x + w + 4;
            }
        }
    }
}

static void
draw_bars (JdChart        *self,
           cairo_t        *cr,
           const Geometry *g,
           const GdkRGBA  *fg,
           const GdkRGBA  *accent,
           const GdkRGBA  *other)
{
  guint n_series = self->kind == JD_CHART_PAIRS ? 2 : 1;
  GdkRGBA dim = with_alpha (fg, 0.75);

  for (guint i = 0; i < self->labels->len; i++)
    {
      double y = i * g->step;
      double bars_h = n_series * BAR_HEIGHT;
      double bars_y = y + (g->step - ROW_GAP - bars_h) / 2 + ROW_GAP / 2.0;
      g_autoptr(PangoLayout) name = layout (self, self->labels->pdata[i], (int) g->left - PAD, FALSE);

      gdk_cairo_set_source_rgba (cr, fg);
      show_text (cr, name, 0, y + (g->step - g->text_h) / 2);

      for (guint series = 0; series < n_series; series++)
        {
          double v = value_at (series ? self->second : self->values, i);
          double w = v / g->scale_max * g->plot_w;
          double by = bars_y + series * BAR_HEIGHT;
          g_autofree char *text = format_value (v);
          g_autoptr(PangoLayout) number = layout (self, text, -1, TRUE);

          gdk_cairo_set_source_rgba (cr, series ? other : accent);
          cairo_rectangle (cr, g->left, by + 1, MAX (w, v > 0 ? 1 : 0), BAR_HEIGHT - 2);
          cairo_fill (cr);
          gdk_cairo_set_source_rgba (cr, &dim);
          show_text (cr, number, g->left + w + 4, by + (BAR_HEIGHT - g->small_h) / 2.0);
        }
    }

  /* The legend of a pair chart, under the bars. */
  if (self->kind == JD_CHART_PAIRS && self->first_name != NULL && self->second_name != NULL)
    {
      double y = g->plot_h + 4;
      double x = g->left;
      const char *names[] = { self->first_name, self->second_name };
      const GdkRGBA *colors[] = { accent, other };

      for (guint series = 0; series < 2; series++)
        {
          g_autoptr(PangoLayout) l = layout (self, names[series], -1, TRUE);
          int w;

          pango_layout_get_pixel_size (l, &w, NULL);
          gdk_cairo_set_source_rgba (cr, colors[series]);
          cairo_rectangle (cr, x, y + (g->small_h - 10) / 2.0, 10, 10);
          cairo_fill (cr);
          gdk_cairo_set_source_rgba (cr, fg);
          show_text (cr, l, x + 14, y);
          x += 14 + w + 16;
        }
    }
}

static void
draw_heat_map (JdChart        *self,
               cairo_t        *cr,
               const Geometry *g,
               int             width,
               const GdkRGBA  *fg,
               const GdkRGBA  *accent)
{
  double max = max_value (self);
  int hour_w = widest_label (self, self->column_labels, TRUE);
  guint label_every = MAX (1u, (guint) ceil ((hour_w + 6) / g->step));

  for (guint r = 0; r < self->labels->len; r++)
    {
      g_autoptr(PangoLayout) name = layout (self, self->labels->pdata[r], (int) g->left - PAD / 2, TRUE);

      gdk_cairo_set_source_rgba (cr, fg);
      show_text (cr, name, 0, r * g->cell_h + (g->cell_h - g->small_h) / 2);
      for (guint c = 0; c < self->n_columns; c++)
        {
          double v = value_at (self->values, r * self->n_columns + c);
          /* An hour with nobody is set apart from a quiet one. */
          GdkRGBA shade = v > 0 ? with_alpha (accent, 0.15 + 0.85 * v / max) : with_alpha (fg, 0.05);

          gdk_cairo_set_source_rgba (cr, &shade);
          cairo_rectangle (cr, g->left + c * g->step + 1, r * g->cell_h + 1, g->step - 2, g->cell_h - 2);
          cairo_fill (cr);
        }
    }

  for (guint c = 0; c < self->n_columns; c += label_every)
    {
      g_autoptr(PangoLayout) hour = layout (self, self->column_labels->pdata[c], -1, TRUE);
      int w;

      pango_layout_get_pixel_size (hour, &w, NULL);
      gdk_cairo_set_source_rgba (cr, fg);
      show_text (cr, hour, MIN (g->left + c * g->step + (g->step - w) / 2, width - w), g->plot_h + 3);
    }
}

static void
jd_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  JdChart *self = JD_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg, accent, other;
  Geometry g;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  theme_colors (self, &fg, &accent, &other);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Nothing to draw is said in words rather than as an empty frame. */
  if (self->labels->len == 0 || (max_value (self) <= 0 && self->kind != JD_CHART_COLUMNS))
    {
      g_autoptr(PangoLayout) l = layout (self, _("Nothing in this period"), width, FALSE);
      GdkRGBA dim = with_alpha (&fg, 0.55);
      int w, h;

      pango_layout_set_alignment (l, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (l, &w, &h);
      gdk_cairo_set_source_rgba (cr, &dim);
      show_text (cr, l, 0, (height - h) / 2.0);
      cairo_destroy (cr);
      return;
    }

  compute_geometry (self, width, height, &g);
  draw_highlight (self, cr, &g, width, &fg, &accent);

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      draw_columns (self, cr, &g, width, &fg, &accent);
      break;
    case JD_CHART_BARS:
    case JD_CHART_PAIRS:
      draw_bars (self, cr, &g, &fg, &accent, &other);
      break;
    case JD_CHART_HEAT_MAP:
      draw_heat_map (self, cr, &g, width, &fg, &accent);
      break;
    default:
      g_assert_not_reached ();
    }

  cairo_destroy (cr);
}

static void
jd_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  JdChart *self = JD_CHART (widget);
  int text_h = text_height (self, FALSE);
  int small_h = text_height (self, TRUE);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* Two cards of smaller charts side by side in the widest clamp. */
      *minimum = 200;
      *natural = 400;
      return;
    }

  if (self->labels->len == 0 || (max_value (self) <= 0 && self->kind != JD_CHART_COLUMNS))
    {
      *minimum = *natural = 3 * text_h;
      return;
    }

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      *minimum = *natural = 180;
      break;
    case JD_CHART_HEAT_MAP:
      *minimum = *natural = (int) (self->labels->len * MAX (18, small_h + 4) + small_h + 6);
      break;
    case JD_CHART_BARS:
      *minimum = *natural = (int) (self->labels->len * bars_row_height (self, text_h));
      break;
    case JD_CHART_PAIRS:
      *minimum = *natural = (int) (self->labels->len * bars_row_height (self, text_h) + small_h + 8);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The exact number under the pointer, or of the item chosen with the
 * keyboard. */
static gboolean
jd_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  JdChart *self = JD_CHART (widget);
  int i = keyboard ? self->cursor : item_at (self, x, y);
  g_autofree char *text = i >= 0 ? describe_item (self, (guint) i) : NULL;

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_hover (JdChart *self,
           int      hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), self->activatable && hover >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           JdChart                  *self)
{
  set_hover (self, item_at (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          JdChart                  *self)
{
  set_hover (self, -1);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             JdChart         *self)
{
  int i = item_at (self, x, y);

  if (!self->activatable || i < 0)
    return;
  self->cursor = i;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  jd_chart_activate_item (self, (guint) i);
}

static void
move_cursor (JdChart *self,
             int      to)
{
  int last = (int) n_items (self) - 1;

  if (last < 0)
    return;
  self->cursor = CLAMP (to, 0, last);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  {
    g_autofree char *text = describe_item (self, (guint) self->cursor);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JdChart               *self)
{
  int row = self->kind == JD_CHART_HEAT_MAP ? (int) self->n_columns : 1;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_cursor (self, self->cursor - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_cursor (self, self->cursor + 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_cursor (self, self->cursor - row);
      return GDK_EVENT_STOP;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_cursor (self, self->cursor + row);
      return GDK_EVENT_STOP;
    case GDK_KEY_Home:
      move_cursor (self, 0);
      return GDK_EVENT_STOP;
    case GDK_KEY_End:
      move_cursor (self, (int) n_items (self) - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->cursor >= 0 && (guint) self->cursor < n_items (self))
        jd_chart_activate_item (self, (guint) self->cursor);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                JdChart                 *self)
{
  if (self->cursor < 0)
    move_cursor (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                JdChart                 *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The theme's colours changed (dark style, high contrast, accent). */
static void
style_changed_cb (JdChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
jd_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (jd_chart_parent_class)->css_changed (widget, change);

  /* The colours and fonts come from the style, not from CSS properties
   * GTK knows we draw with: a new font size changes the height too. */
  gtk_widget_queue_resize (widget);
}

static void
clear (JdChart *self)
{
  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->long_labels, 0);
  g_ptr_array_set_size (self->column_labels, 0);
  g_array_set_size (self->values, 0);
  g_clear_pointer (&self->second, g_array_unref);
  g_clear_pointer (&self->third, g_array_unref);
  g_clear_pointer (&self->marked, g_array_unref);
  self->n_columns = 0;
  self->hover = -1;
  self->cursor = -1;
}

void
jd_chart_set_data (JdChart            *self,
                   const char * const *labels,
                   const double       *values,
                   const double       *second,
                   const gboolean     *marked,
                   guint               n)
{
  g_return_if_fail (JD_IS_CHART (self));
  g_return_if_fail (n == 0 || (labels != NULL && values != NULL));

  clear (self);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
  g_array_append_vals (self->values, values, n);
  if (second != NULL)
    {
      self->second = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (self->second, second, n);
    }
  if (marked != NULL)
    {
      self->marked = g_array_new (FALSE, FALSE, sizeof (gboolean));
      g_array_append_vals (self->marked, marked, n);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
jd_chart_set_long_labels (JdChart            *self,
                          const char * const *long_labels)
{
  g_return_if_fail (JD_IS_CHART (self));

  g_ptr_array_set_size (self->long_labels, 0);
  for (guint i = 0; long_labels != NULL && i < self->labels->len; i++)
    g_ptr_array_add (self->long_labels, g_strdup (long_labels[i]));
}

void
jd_chart_set_grid (JdChart            *self,
                   const char * const *row_labels,
                   const char * const *column_labels,
                   const double       *values,
                   guint               n_rows,
                   guint               n_columns)
{
  g_return_if_fail (JD_IS_CHART (self));

  clear (self);
  for (guint r = 0; r < n_rows; r++)
    g_ptr_array_add (self->labels, g_strdup (row_labels[r]));
  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (self->column_labels, g_strdup (column_labels[c]));
  g_array_append_vals (self->values, values, n_rows * n_columns);
  self->n_columns = n_columns;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
jd_chart_set_series (JdChart    *self,
                     const char *first,
                     const char *second)
{
  g_return_if_fail (JD_IS_CHART (self));

  g_free (self->first_name);
  g_free (self->second_name);
  self->first_name = g_strdup (first);
  self->second_name = g_strdup (second);
}

/* For pairs, after jd_chart_set_data(): a third count per item, shown
 * in the table only (%NULL @values: none). */
void
jd_chart_set_third (JdChart      *self,
                    const char   *name,
                    const double *values)
{
  g_return_if_fail (JD_IS_CHART (self));

  g_clear_pointer (&self->third, g_array_unref);
  g_free (self->third_name);
  self->third_name = g_strdup (name);
  if (values != NULL)
    {
      self->third = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_append_vals (self->third, values, self->labels->len);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
jd_chart_set_headings (JdChart    *self,
                       const char *item_heading,
                       const char *value_heading)
{
  g_return_if_fail (JD_IS_CHART (self));

  g_free (self->item_heading);
  g_free (self->value_heading);
  self->item_heading = g_strdup (item_heading);
  self->value_heading = g_strdup (value_heading);
}

JdChartKind
jd_chart_get_kind (JdChart *self)
{
  g_return_val_if_fail (JD_IS_CHART (self), JD_CHART_BARS);

  return self->kind;
}

void
jd_chart_set_activatable (JdChart  *self,
                          gboolean  activatable)
{
  g_return_if_fail (JD_IS_CHART (self));

  self->activatable = !!activatable;
  gtk_widget_set_focusable (GTK_WIDGET (self), self->activatable);
}

gboolean
jd_chart_get_activatable (JdChart *self)
{
  g_return_val_if_fail (JD_IS_CHART (self), FALSE);

  return self->activatable;
}

void
jd_chart_activate_item (JdChart *self,
                        guint    index)
{
  g_return_if_fail (JD_IS_CHART (self));
  g_return_if_fail (index < n_items (self));

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
}

guint
jd_chart_get_n_items (JdChart *self)
{
  g_return_val_if_fail (JD_IS_CHART (self), 0);

  return n_items (self);
}

const char *
jd_chart_get_label (JdChart *self,
                    guint    index)
{
  g_return_val_if_fail (JD_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);

  return self->labels->pdata[index];
}

double
jd_chart_get_value (JdChart *self,
                    guint    index)
{
  g_return_val_if_fail (JD_IS_CHART (self), 0);

  return value_at (self->values, index);
}

/* The table. */

static GtkWidget *
cell (const char *text,
      gboolean    number,
      gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

static void
attach_number (GtkGrid *grid,
               double   value,
               int      column,
               int      row)
{
  g_autofree char *text = format_value (value);

  gtk_grid_attach (grid, cell (text, TRUE, FALSE), column, row, 1, 1);
}

GtkWidget *
jd_chart_create_table (JdChart *self)
{
  GtkGrid *grid;
  int row = 0;

  g_return_val_if_fail (JD_IS_CHART (self), NULL);

  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 4);
  gtk_widget_add_css_class (GTK_WIDGET (grid), "dashboard-table");

  if (self->kind == JD_CHART_HEAT_MAP)
    {
      /* Hours down and days across: seven columns fit a narrow window,
       * twenty-four do not. */
      if (self->item_heading != NULL)
        gtk_grid_attach (grid, cell (self->item_heading, FALSE, TRUE), 0, 0, 1, 1);
      for (guint r = 0; r < self->labels->len; r++)
        gtk_grid_attach (grid, cell (self->labels->pdata[r], TRUE, TRUE), (int) r + 1, 0, 1, 1);
      for (guint c = 0; c < self->n_columns; c++)
        {
          gtk_grid_attach (grid, cell (self->column_labels->pdata[c], FALSE, FALSE), 0, (int) c + 1, 1, 1);
          for (guint r = 0; r < self->labels->len; r++)
            attach_number (grid, value_at (self->values, r * self->n_columns + c), (int) r + 1, (int) c + 1);
        }
      return GTK_WIDGET (grid);
    }

  if (self->item_heading != NULL || self->value_heading != NULL || self->kind == JD_CHART_PAIRS)
    {
      gtk_grid_attach (grid, cell (self->item_heading ? self->item_heading : "", FALSE, TRUE), 0, 0, 1, 1);
      if (self->kind == JD_CHART_PAIRS)
        {
          gtk_grid_attach (grid, cell (self->first_name, TRUE, TRUE), 1, 0, 1, 1);
          gtk_grid_attach (grid, cell (self->second_name, TRUE, TRUE), 2, 0, 1, 1);
          if (self->third != NULL)
            gtk_grid_attach (grid, cell (self->third_name, TRUE, TRUE), 3, 0, 1, 1);
        }
      else
        gtk_grid_attach (grid, cell (self->value_heading ? self->value_heading : "", TRUE, TRUE), 1, 0, 1, 1);
      row++;
    }

  {
    double total = 0, total_second = 0, total_third = 0;

    for (guint i = 0; i < self->labels->len; i++, row++)
      {
        gtk_grid_attach (grid, cell (long_label (self, i), FALSE, FALSE), 0, row, 1, 1);
        attach_number (grid, value_at (self->values, i), 1, row);
        total += value_at (self->values, i);
        if (self->kind == JD_CHART_PAIRS)
          {
            attach_number (grid, value_at (self->second, i), 2, row);
            total_second += value_at (self->second, i);
            if (self->third != NULL)
              {
                attach_number (grid, value_at (self->third, i), 3, row);
                total_third += value_at (self->third, i);
              }
          }
      }

    if (self->labels->len > 1)
      {
        gtk_grid_attach (grid, cell (_("Total"), FALSE, TRUE), 0, row, 1, 1);
        attach_number (grid, total, 1, row);
        if (self->kind == JD_CHART_PAIRS)
          attach_number (grid, total_second, 2, row);
        if (self->kind == JD_CHART_PAIRS && self->third != NULL)
          attach_number (grid, total_third, 3, row);
      }
  }
  return GTK_WIDGET (grid);
}

static void
jd_chart_finalize (GObject *object)
{
  JdChart *self = JD_CHART (object);

  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->long_labels);
  g_ptr_array_unref (self->column_labels);
  g_array_unref (self->values);
  g_clear_pointer (&self->second, g_array_unref);
  g_clear_pointer (&self->marked, g_array_unref);
  g_free (self->first_name);
  g_free (self->second_name);
  g_free (self->third_name);
  g_clear_pointer (&self->third, g_array_unref);
  g_free (self->item_heading);
  g_free (self->value_heading);

  G_OBJECT_CLASS (jd_chart_parent_class)->finalize (object);
}

static void
jd_chart_class_init (JdChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = jd_chart_finalize;
  widget_class->snapshot = jd_chart_snapshot;
  widget_class->measure = jd_chart_measure;
  widget_class->query_tooltip = jd_chart_query_tooltip;
  widget_class->css_changed = jd_chart_css_changed;

  /**
   * JdChart::item-activated:
   * @index: the bar (or pair, or cell) clicked or chosen with Enter
   */
  signals[ITEM_ACTIVATED] = g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jd_chart_init (JdChart *self)
{
  GtkEventController *controller;

  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->long_labels = g_ptr_array_new_with_free_func (g_free);
  self->column_labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->hover = -1;
  self->cursor = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  /* Switching to the dark style changes the named colours we look up;
   * GTK does not know we depend on them. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
jd_chart_new (JdChartKind kind)
{
  JdChart *self = g_object_new (JD_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}
