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
 */
#define G_LOG_DOMAIN "jd-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "jd-chart.h"

#define LABEL_WIDTH  150   /* beside horizontal bars */
#define BAR_HEIGHT   18
#define BAR_GAP      6
#define PAD          8

struct _JdChart
{
  GtkWidget    parent_instance;

  JdChartKind  kind;
  GPtrArray   *labels;         /* char *; heat map: row labels */
  GPtrArray   *column_labels;  /* heat map */
  GArray      *values;         /* double */
  GArray      *second;         /* double, pairs */
  GArray      *marked;         /* gboolean */
  guint        n_columns;      /* heat map */
  char        *first_name;
  char        *second_name;
};

G_DEFINE_FINAL_TYPE (JdChart, jd_chart, GTK_TYPE_WIDGET)

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

static void
theme_colors (JdChart *self,
              GdkRGBA *fg,
              GdkRGBA *accent,
              GdkRGBA *other)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", accent))
    gdk_rgba_parse (accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "purple_3", other))
    gdk_rgba_parse (other, "#9141ac");
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

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_layout_set_attributes (l, attrs);
      pango_attr_list_unref (attrs);
    }
  return l;
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

static char *
format_value (double value)
{
  return g_strdup_printf ("%.0f", value);
}

/* Geometry shared by drawing and tooltips. */

static guint
rows_of (JdChart *self)
{
  return self->labels->len;
}

static double
row_height (JdChart *self)
{
  return self->kind == JD_CHART_PAIRS ? 2 * BAR_HEIGHT + BAR_GAP : BAR_HEIGHT + BAR_GAP;
}

static void
jd_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  JdChart *self = JD_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double max = max_value (self);
  GdkRGBA fg, accent, other, quiet;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->values->len == 0)
    return;

  theme_colors (self, &fg, &accent, &other);
  quiet = accent;
  quiet.alpha = 0.45;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      {
        double plot_h = height - 24;
        double step = (double) width / self->values->len;
        double bar_w = MAX (1.0, step * 0.75);
        guint label_every = MAX (1u, (guint) ceil (40.0 / step));

        for (guint i = 0; i < self->values->len; i++)
          {
            double v = value_at (self->values, i);
            double h = max > 0 ? v / max * (plot_h - 4) : 0;
            gboolean marked = self->marked && i < self->marked->len &&
                              g_array_index (self->marked, gboolean, i);

            gdk_cairo_set_source_rgba (cr, marked ? &quiet : &accent);
            cairo_rectangle (cr, i * step + (step - bar_w) / 2, plot_h - h, bar_w, h);
            cairo_fill (cr);

            if (i % label_every == 0)
              {
                g_autoptr(PangoLayout) l = layout (self, self->labels->pdata[i], -1, TRUE);

                gdk_cairo_set_source_rgba (cr, &fg);
                show_text (cr, l, i * step, plot_h + 4);
              }
          }
        break;
      }

    case JD_CHART_BARS:
    case JD_CHART_PAIRS:
      {
        double bar_area = width - LABEL_WIDTH - PAD - 50;

        for (guint i = 0; i < rows_of (self); i++)
          {
            double y = i * row_height (self);
            g_autoptr(PangoLayout) name = layout (self, self->labels->pdata[i], LABEL_WIDTH - PAD, FALSE);

            gdk_cairo_set_source_rgba (cr, &fg);
            show_text (cr, name, 0, y);

            for (guint series = 0; series < (self->kind == JD_CHART_PAIRS ? 2u : 1u); series++)
              {
                double v = value_at (series ? self->second : self->values, i);
                double w = max > 0 ? v / max * bar_area : 0;
                double by = y + series * BAR_HEIGHT;
                g_autofree char *text = format_value (v);
                g_autoptr(PangoLayout) number = layout (self, text, -1, TRUE);

                gdk_cairo_set_source_rgba (cr, series ? &other : &accent);
                cairo_rectangle (cr, LABEL_WIDTH, by + 2, MAX (w, v > 0 ? 1 : 0), BAR_HEIGHT - 4);
                cairo_fill (cr);
                gdk_cairo_set_source_rgba (cr, &fg);
                show_text (cr, number, LABEL_WIDTH + w + 4, by + 1);
              }
          }

        /* The legend of a pair chart, at the bottom. */
        if (self->kind == JD_CHART_PAIRS && self->first_name != NULL)
          {
            double y = rows_of (self) * row_height (self) + 4;
            g_autoptr(PangoLayout) a = layout (self, self->first_name, -1, TRUE);
            g_autoptr(PangoLayout) b = layout (self, self->second_name, -1, TRUE);
            int aw;

            pango_layout_get_pixel_size (a, &aw, NULL);
            gdk_cairo_set_source_rgba (cr, &accent);
            cairo_rectangle (cr, LABEL_WIDTH, y + 3, 10, 10);
            cairo_fill (cr);
            gdk_cairo_set_source_rgba (cr, &fg);
            show_text (cr, a, LABEL_WIDTH + 14, y);
            gdk_cairo_set_source_rgba (cr, &other);
            cairo_rectangle (cr, LABEL_WIDTH + 30 + aw, y + 3, 10, 10);
            cairo_fill (cr);
            gdk_cairo_set_source_rgba (cr, &fg);
            show_text (cr, b, LABEL_WIDTH + 44 + aw, y);
          }
        break;
      }

    case JD_CHART_HEAT_MAP:
      {
        double left = 40;
        double cell_w = (width - left) / MAX (1u, self->n_columns);
        double cell_h = BAR_HEIGHT + 2;

        for (guint r = 0; r < rows_of (self); r++)
          {
            g_autoptr(PangoLayout) name = layout (self, self->labels->pdata[r], (int) left - 4, TRUE);

            gdk_cairo_set_source_rgba (cr, &fg);
            show_text (cr, name, 0, r * cell_h + 2);
            for (guint c = 0; c < self->n_columns; c++)
              {
                double v = value_at (self->values, r * self->n_columns + c);
                GdkRGBA shade = accent;

                shade.alpha = max > 0 ? 0.06 + 0.94 * v / max : 0.06;
                gdk_cairo_set_source_rgba (cr, &shade);
                cairo_rectangle (cr, left + c * cell_w + 1, r * cell_h + 1, cell_w - 2, cell_h - 2);
                cairo_fill (cr);
              }
          }
        for (guint c = 0; c < self->n_columns; c += 3)
          {
            g_autoptr(PangoLayout) hour = layout (self, self->column_labels->pdata[c], -1, TRUE);

            gdk_cairo_set_source_rgba (cr, &fg);
            show_text (cr, hour, left + c * cell_w, rows_of (self) * cell_h + 2);
          }
        break;
      }

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

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->kind == JD_CHART_COLUMNS || self->kind == JD_CHART_HEAT_MAP ? 240 : LABEL_WIDTH + 120;
      *natural = 480;
      return;
    }

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      *minimum = *natural = 160;
      break;
    case JD_CHART_HEAT_MAP:
      *minimum = *natural = (int) ((rows_of (self) + 1) * (BAR_HEIGHT + 2) + 8);
      break;
    default:
      *minimum = *natural = (int) (MAX (1u, rows_of (self)) * row_height (self) +
                                   (self->kind == JD_CHART_PAIRS ? 24 : 0));
      break;
    }
}

/* The exact number under the pointer. */
static gboolean
jd_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard,
                        GtkTooltip *tooltip)
{
  JdChart *self = JD_CHART (widget);
  g_autofree char *text = NULL;
  int width = gtk_widget_get_width (widget);

  if (self->values->len == 0)
    return FALSE;

  switch (self->kind)
    {
    case JD_CHART_COLUMNS:
      {
        guint i = (guint) (x / ((double) width / self->values->len));

        if (i < self->values->len)
          text = g_strdup_printf ("%s: %.0f", (char *) self->labels->pdata[i], value_at (self->values, i));
        break;
      }
    case JD_CHART_BARS:
    case JD_CHART_PAIRS:
      {
        guint i = (guint) (y / row_height (self));

        if (i < rows_of (self) && self->kind == JD_CHART_BARS)
          text = g_strdup_printf ("%s: %.0f", (char *) self->labels->pdata[i], value_at (self->values, i));
        else if (i < rows_of (self))
          text = g_strdup_printf ("%s — %s: %.0f, %s: %.0f", (char *) self->labels->pdata[i],
                                  self->first_name, value_at (self->values, i),
                                  self->second_name, value_at (self->second, i));
        break;
      }
    case JD_CHART_HEAT_MAP:
      {
        double cell_w = (width - 40.0) / MAX (1u, self->n_columns);
        guint r = (guint) (y / (BAR_HEIGHT + 2.0));
        int c = (int) ((x - 40) / cell_w);

        if (r < rows_of (self) && c >= 0 && (guint) c < self->n_columns)
          text = g_strdup_printf ("%s %s: %.0f", (char *) self->labels->pdata[r],
                                  (char *) self->column_labels->pdata[c],
                                  value_at (self->values, r * self->n_columns + (guint) c));
        break;
      }
    default:
      break;
    }

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
clear (JdChart *self)
{
  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->column_labels, 0);
  g_array_set_size (self->values, 0);
  g_clear_pointer (&self->second, g_array_unref);
  g_clear_pointer (&self->marked, g_array_unref);
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

static GtkWidget *
cell (const char *text,
      gboolean    number)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  return label;
}

GtkWidget *
jd_chart_create_table (JdChart *self)
{
  GtkWidget *grid = gtk_grid_new ();

  g_return_val_if_fail (JD_IS_CHART (self), NULL);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);

  if (self->kind == JD_CHART_HEAT_MAP)
    {
      for (guint c = 0; c < self->n_columns; c++)
        gtk_grid_attach (GTK_GRID (grid), cell (self->column_labels->pdata[c], TRUE), (int) c + 1, 0, 1, 1);
      for (guint r = 0; r < rows_of (self); r++)
        {
          gtk_grid_attach (GTK_GRID (grid), cell (self->labels->pdata[r], FALSE), 0, (int) r + 1, 1, 1);
          for (guint c = 0; c < self->n_columns; c++)
            {
              g_autofree char *text = format_value (value_at (self->values, r * self->n_columns + c));

              gtk_grid_attach (GTK_GRID (grid), cell (text, TRUE), (int) c + 1, (int) r + 1, 1, 1);
            }
        }
      return grid;
    }

  if (self->kind == JD_CHART_PAIRS)
    {
      gtk_grid_attach (GTK_GRID (grid), cell (self->first_name, TRUE), 1, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (self->second_name, TRUE), 2, 0, 1, 1);
    }
  for (guint i = 0; i < self->values->len; i++)
    {
      g_autofree char *first = format_value (value_at (self->values, i));
      int row = (int) i + (self->kind == JD_CHART_PAIRS ? 1 : 0);

      gtk_grid_attach (GTK_GRID (grid), cell (self->labels->pdata[i], FALSE), 0, row, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), cell (first, TRUE), 1, row, 1, 1);
      if (self->kind == JD_CHART_PAIRS)
        {
          g_autofree char *second = format_value (value_at (self->second, i));

          gtk_grid_attach (GTK_GRID (grid), cell (second, TRUE), 2, row, 1, 1);
        }
    }
  return grid;
}

static void
jd_chart_finalize (GObject *object)
{
  JdChart *self = JD_CHART (object);

  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->column_labels);
  g_array_unref (self->values);
  g_clear_pointer (&self->second, g_array_unref);
  g_clear_pointer (&self->marked, g_array_unref);
  g_free (self->first_name);
  g_free (self->second_name);

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
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
jd_chart_init (JdChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->column_labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
jd_chart_new (JdChartKind kind)
{
  JdChart *self = g_object_new (JD_TYPE_CHART, NULL);

  self->kind = kind;
  return GTK_WIDGET (self);
}
