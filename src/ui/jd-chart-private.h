/* jd-chart-private.h: what the chart's widget code and its drawing
 * code share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-chart.h"

G_BEGIN_DECLS

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

double      jd_chart_value_at      (GArray      *values,
                                    guint        i);
/* Items that can be pointed at: bars (a pair counts once), or cells. */
guint       jd_chart_n_items       (JdChart     *self);
const char *jd_chart_long_label    (JdChart     *self,
                                    guint        i);
/* Grouped the way the locale groups thousands, as on the tiles. */
char       *jd_chart_format_value  (double       value);
/* The item under a point of the widget, -1: none. */
int         jd_chart_item_at       (JdChart     *self,
                                    double       x,
                                    double       y);
/* "Female: 220, Male: 183" and the like: what a tooltip and a screen
 * reader say about item @i. */
char       *jd_chart_describe_item (JdChart     *self,
                                    guint        i);

/* GtkWidget vfuncs, in jd-chart-draw.c */
void        jd_chart_snapshot      (GtkWidget   *widget,
                                    GtkSnapshot *snapshot);
void        jd_chart_measure       (GtkWidget      *widget,
                                    GtkOrientation  orientation,
                                    int             for_size,
                                    int            *minimum,
                                    int            *natural,
                                    int            *minimum_baseline,
                                    int            *natural_baseline);

G_END_DECLS
