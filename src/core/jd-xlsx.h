/* jd-xlsx.h: reports as Excel workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _JdXlsxWriter JdXlsxWriter;

/* A workbook at @path (written when closed), rows streamed to disk so
 * memory stays flat. The first row of a sheet is its header: bold, and
 * frozen above the rest. With @sheet_per_section, the first column of
 * each row names the sheet the rest of it goes to (the summary: one
 * sheet per breakdown, each with the header's other columns). */
JdXlsxWriter *jd_xlsx_writer_new       (const char          *path,
                                        const char          *sheet_name,
                                        gboolean             sheet_per_section,
                                        GError             **error);
/* Dates (YYYY-MM-DD, or with HH:MM) become dates, whole numbers up to
 * nine digits and decimals become numbers; IINs, phones and the rest
 * stay text. */
gboolean      jd_xlsx_writer_write_row (JdXlsxWriter        *self,
                                        const char * const  *fields,
                                        guint                n_fields,
                                        GError             **error);
/* Sets the column widths and writes the file. */
gboolean      jd_xlsx_writer_close     (JdXlsxWriter        *self,
                                        GError             **error);
/* Without closing, nothing is written at @path. */
void          jd_xlsx_writer_free      (JdXlsxWriter        *self);

/* A name Excel accepts for a sheet: at most 31 characters, none of
 * []:*?/\ (the caller keeps names unique). */
char         *jd_xlsx_sheet_name       (const char          *name);

G_END_DECLS
