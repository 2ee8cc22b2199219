/* jd-workbook-private.h: what the readers of .xlsx and .ods share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gsf/gsf.h>

#include "jd-workbook.h"

G_BEGIN_DECLS

/* libgsf 1.14.50 declares none. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

typedef struct
{
  GPtrArray *cells;
  guint      line;
  guint      repeat;     /* .ods: the same row this many times (0 or 1: once) */
} JdWorkbookRow;

struct _JdWorkbook
{
  char        *path;
  GsfInfile   *zip;
  gboolean     ods;
  GStrv        sheets;
  /* .xlsx: per sheet, the path of its part; the shared strings; per
   * cell style, whether it shows a date; the workbook's day 0. */
  GPtrArray   *targets;
  GString     *strings;        /* each ends in a NUL */
  GArray      *string_starts;  /* guint32 per string: where it starts */
  GArray      *date_styles;
  gboolean     date1904;
  /* .ods: per sheet, whether it holds a value. */
  GArray      *has_data;

  /* The sheet being read: its part, parsed a piece at a time, and the
   * rows parsed and not yet handed out. */
  GsfInput            *part;
  char                *part_name;
  GMarkupParseContext *context;
  GQueue               rows;
  gboolean             finished;   /* nothing more to parse */
  gint64               run;        /* bytes since the last < or > */
  guint                sheet;
  gpointer             state;
  GDestroyNotify       state_free;
};

void        jd_workbook_row_free     (JdWorkbookRow  *row);
const char *jd_workbook_local_name   (const char     *name);
const char *jd_workbook_attribute    (const char    **names,
                                      const char    **values,
                                      const char     *local);
/* A number as people typed it: whole numbers without a decimal point
 * or exponent, others as short as they stay exact. */
char       *jd_workbook_number_text  (const char     *value);
GsfInput   *jd_workbook_open_part    (JdWorkbook     *self,
                                      const char     *name,
                                      GError        **error);
/* The limit of a part; the shared strings, kept in memory, have a
 * quarter of it. */
gint64      jd_workbook_get_part_limit (void);
void        jd_workbook_set_too_big  (GError        **error);
/* Parses the whole of @input with @parser. */
gboolean    jd_workbook_parse_part   (JdWorkbook     *self,
                                      GsfInput       *input,
                                      const char     *name,
                                      const GMarkupParser *parser,
                                      gpointer        user_data,
                                      GError        **error);
void        jd_workbook_set_broken   (JdWorkbook     *self,
                                      const char     *part,
                                      const GError   *cause,
                                      GError        **error);
/* Counts a start tag: FALSE with @error past a depth no workbook has
 * (each level costs the parser memory, and a file could nest millions). */
gboolean    jd_workbook_enter        (guint          *depth,
                                      GError        **error);
gboolean    jd_workbook_put_cell     (GPtrArray      *cells,
                                      guint64         column,
                                      const char     *text,
                                      guint           line,
                                      GError        **error);

/* .xlsx (jd-workbook-xlsx.c) */
gboolean    jd_workbook_xlsx_load    (JdWorkbook     *self,
                                      GError        **error);
gboolean    jd_workbook_xlsx_open_sheet (JdWorkbook  *self,
                                         guint        index,
                                         GError     **error);

/* .ods (jd-workbook-ods.c) */
gboolean    jd_workbook_ods_load     (JdWorkbook     *self,
                                      GError        **error);
gboolean    jd_workbook_ods_open_sheet (JdWorkbook   *self,
                                        guint         index,
                                        GError      **error);

G_END_DECLS
