/* jd-chart-draw.c: where a chart's items go at its size, and drawing
 * them with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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

#include "jd-chart-private.h"

#define BAR_HEIGHT   16    /* one horizontal bar */
#define ROW_GAP      8     /* between rows of horizontal bars */
#define PAD          8
#define SMALL_SCALE  0.85  /* axis labels and numbers */
#define MAX_COLUMN_W 48.0  /* a few wide columns stay slim */

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

double
jd_chart_value_at (GArray *values,
                   guint   i)
{
  return values != NULL && i < values->len ? g_array_index (values, double, i) : 0;
}

static double
max_value (JdChart *self)
{
  double max = 0;

  for (guint i = 0; i < self->values->len; i++)
    max = MAX (max, jd_chart_value_at (self->values, i));
  for (guint i = 0; self->second && i < self->second->len; i++)
    max = MAX (max, jd_chart_value_at (self->second, i));
  return max;
}

/* Items that can be pointed at: bars (a pair counts once), or cells. */
guint
jd_chart_n_items (JdChart *self)
{
  return self->kind == JD_CHART_HEAT_MAP ? self->labels->len * self->n_columns : self->labels->len;
}

const char *
jd_chart_long_label (JdChart *self,
                     guint    i)
{
  if (i < self->long_labels->len)
    return self->long_labels->pdata[i];
  return i < self->labels->len ? self->labels->pdata[i] : "";
}

/* Grouped the way the locale groups thousands, as on the tiles. */
char *
jd_chart_format_value (double value)
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
  g_autofree char *text = jd_chart_format_value (max_value (self));

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
        top_text = jd_chart_format_value (g->scale_max);
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

int
jd_chart_item_at (JdChart *self,
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
  return i >= 0 && (guint) i < jd_chart_n_items (self) ? i : -1;
}

/* "Female: 220, Male: 183" and the like: what a tooltip and a screen
 * reader say about item @i. */
char *
jd_chart_describe_item (JdChart *self,
                        guint    i)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (i >= jd_chart_n_items (self))
    return NULL;

  if (self->kind == JD_CHART_HEAT_MAP)
    {
      guint r = i / self->n_columns, c = i % self->n_columns;

      first = jd_chart_format_value (jd_chart_value_at (self->values, i));
      return g_strdup_printf ("%s %s: %s", jd_chart_long_label (self, r), (char *) self->column_labels->pdata[c], first);
    }

  first = jd_chart_format_value (jd_chart_value_at (self->values, i));
  if (self->kind != JD_CHART_PAIRS)
    return g_strdup_printf ("%s: %s", jd_chart_long_label (self, i), first);

  second = jd_chart_format_value (jd_chart_value_at (self->second, i));
  return g_strdup_printf ("%s — %s: %s, %s: %s", jd_chart_long_label (self, i), self->first_name, first,
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
  if (self->hover >= 0 && (guint) self->hover < jd_chart_n_items (self))
    {
      graphene_rect_t r = item_rect (self, g, width, (guint) self->hover);
      GdkRGBA band = with_alpha (fg, 0.07);

      gdk_cairo_set_source_rgba (cr, &band);
      cairo_rectangle (cr, r.origin.x, r.origin.y, r.size.width, r.size.height);
      cairo_fill (cr);
    }

  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)) && self->cursor >= 0 &&
      (guint) self->cursor < jd_chart_n_items (self))
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
      g_autofree char *text = jd_chart_format_value (v);
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
      double v = jd_chart_value_at (self->values, i);
      double h = v / g->scale_max * g->plot_h;
      double slot = g->left + i * g->step;
      gboolean marked = self->marked && i < self->marked->len && g_array_index (self->marked, gboolean, i);

      gdk_cairo_set_source_rgba (cr, marked ? &quiet : accent);
      cairo_rectangle (cr, slot + (g->step - bar_w) / 2, baseline - h, bar_w, h);
      cairo_fill (cr);

      if (numbers_fit && v > 0)
        {
          g_autofree char *text = jd_chart_format_value (v);
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
          double v = jd_chart_value_at (series ? self->second : self->values, i);
          double w = v / g->scale_max * g->plot_w;
          double by = bars_y + series * BAR_HEIGHT;
          g_autofree char *text = jd_chart_format_value (v);
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
          double v = jd_chart_value_at (self->values, r * self->n_columns + c);
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

void
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

void
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
