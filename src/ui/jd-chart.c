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
 * Where things go and how they are drawn is in jd-chart-draw.c; this
 * file holds the data, pointer and keyboard, and the table.
 */
#define G_LOG_DOMAIN "jd-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "jd-chart-private.h"

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (JdChart, jd_chart, GTK_TYPE_WIDGET)

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
  int i = keyboard ? self->cursor : jd_chart_item_at (self, x, y);
  g_autofree char *text = i >= 0 ? jd_chart_describe_item (self, (guint) i) : NULL;

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
  set_hover (self, jd_chart_item_at (self, x, y));
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
  int i = jd_chart_item_at (self, x, y);

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
  int last = (int) jd_chart_n_items (self) - 1;

  if (last < 0)
    return;
  self->cursor = CLAMP (to, 0, last);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  {
    g_autofree char *text = jd_chart_describe_item (self, (guint) self->cursor);

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
      move_cursor (self, (int) jd_chart_n_items (self) - 1);
      return GDK_EVENT_STOP;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (self->cursor >= 0 && (guint) self->cursor < jd_chart_n_items (self))
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
  g_return_if_fail (index < jd_chart_n_items (self));

  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, index);
}

guint
jd_chart_get_n_items (JdChart *self)
{
  g_return_val_if_fail (JD_IS_CHART (self), 0);

  return jd_chart_n_items (self);
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

  return jd_chart_value_at (self->values, index);
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
  g_autofree char *text = jd_chart_format_value (value);

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
            attach_number (grid, jd_chart_value_at (self->values, r * self->n_columns + c), (int) r + 1, (int) c + 1);
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
        gtk_grid_attach (grid, cell (jd_chart_long_label (self, i), FALSE, FALSE), 0, row, 1, 1);
        attach_number (grid, jd_chart_value_at (self->values, i), 1, row);
        total += jd_chart_value_at (self->values, i);
        if (self->kind == JD_CHART_PAIRS)
          {
            attach_number (grid, jd_chart_value_at (self->second, i), 2, row);
            total_second += jd_chart_value_at (self->second, i);
            if (self->third != NULL)
              {
                attach_number (grid, jd_chart_value_at (self->third, i), 3, row);
                total_third += jd_chart_value_at (self->third, i);
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
