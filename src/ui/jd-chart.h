/* jd-chart.h: bar charts and a heat map drawn with cairo, with their
 * numbers also as a table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  JD_CHART_COLUMNS,     /* vertical bars, labels under them (days) */
  JD_CHART_BARS,        /* horizontal bars, labels beside them */
  JD_CHART_PAIRS,       /* horizontal bars in pairs (female, male) */
  JD_CHART_HEAT_MAP,    /* rows × columns of shaded cells */
} JdChartKind;

#define JD_TYPE_CHART (jd_chart_get_type ())

G_DECLARE_FINAL_TYPE (JdChart, jd_chart, JD, CHART, GtkWidget)

GtkWidget  *jd_chart_new             (JdChartKind         kind);
JdChartKind jd_chart_get_kind        (JdChart            *self);
/* One value per label (two per label for pairs: @values then @second).
 * @marked (optional): items drawn in a quieter shade (weekends). */
void        jd_chart_set_data        (JdChart            *self,
                                      const char * const *labels,
                                      const double       *values,
                                      const double       *second,
                                      const gboolean     *marked,
                                      guint               n);
/* Fuller names of the items of the last jd_chart_set_data() (n of
 * them), for tooltips and the table: "Mon 03.11.2026" where the axis
 * has room for "03.11". */
void        jd_chart_set_long_labels (JdChart            *self,
                                      const char * const *long_labels);
/* Heat map: @n_rows × @n_columns values, row by row. */
void        jd_chart_set_grid        (JdChart            *self,
                                      const char * const *row_labels,
                                      const char * const *column_labels,
                                      const double       *values,
                                      guint               n_rows,
                                      guint               n_columns);
/* Names of the two series of a pair chart, for the legend. */
void        jd_chart_set_series      (JdChart            *self,
                                      const char         *first,
                                      const char         *second);
void        jd_chart_set_third       (JdChart            *self,
                                      const char         *name,
                                      const double       *values);
/* Column headings of the table: what the items are ("Day") and what
 * the numbers count ("Visits"; pairs use the series names). */
void        jd_chart_set_headings    (JdChart            *self,
                                      const char         *item_heading,
                                      const char         *value_heading);

/* An activatable chart takes keyboard focus (arrows move between the
 * items, Enter opens one) and emits ::item-activated when an item is
 * clicked. */
void        jd_chart_set_activatable (JdChart            *self,
                                      gboolean            activatable);
gboolean    jd_chart_get_activatable (JdChart            *self);
/* Emits ::item-activated for @index, as a click on it does. */
void        jd_chart_activate_item   (JdChart            *self,
                                      guint               index);

guint       jd_chart_get_n_items     (JdChart            *self);
const char *jd_chart_get_label       (JdChart            *self,
                                      guint               index);
double      jd_chart_get_value       (JdChart            *self,
                                      guint               index);

/* The same numbers as a grid of selectable labels.
 * Returns: (transfer floating) */
GtkWidget  *jd_chart_create_table    (JdChart            *self);

G_END_DECLS
