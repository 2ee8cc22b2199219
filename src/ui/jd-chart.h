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

GtkWidget *jd_chart_new         (JdChartKind  kind);
/* One value per label (two per label for pairs: @values then @second).
 * @marked (optional): items drawn in a quieter shade (weekends). */
void       jd_chart_set_data    (JdChart            *self,
                                 const char * const *labels,
                                 const double       *values,
                                 const double       *second,
                                 const gboolean     *marked,
                                 guint               n);
/* Heat map: @n_rows × @n_columns values, row by row. */
void       jd_chart_set_grid    (JdChart            *self,
                                 const char * const *row_labels,
                                 const char * const *column_labels,
                                 const double       *values,
                                 guint               n_rows,
                                 guint               n_columns);
/* Names of the two series of a pair chart, for the legend. */
void       jd_chart_set_series  (JdChart            *self,
                                 const char         *first,
                                 const char         *second);
/* The same numbers as a grid of selectable labels.
 * Returns: (transfer floating) */
GtkWidget *jd_chart_create_table (JdChart           *self);

G_END_DECLS
