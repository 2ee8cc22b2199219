/* jd-workbook.h: rows of cell texts from Excel and LibreOffice workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define JD_WORKBOOK_ERROR (jd_workbook_error_quark ())

typedef enum
{
  JD_WORKBOOK_ERROR_BROKEN,     /* not a readable archive, or its XML is broken */
  JD_WORKBOOK_ERROR_PASSWORD,   /* encrypted: protected with a password */
  JD_WORKBOOK_ERROR_OLD_FORMAT, /* Excel 97–2003 (.xls) */
  JD_WORKBOOK_ERROR_TOO_BIG,    /* a part over the limit: maybe a zip bomb */
  JD_WORKBOOK_ERROR_NO_SHEET,   /* no sheet of that name, or no sheet at all */
  JD_WORKBOOK_ERROR_TOO_WIDE,   /* a row with a value beyond JD_CSV_MAX_FIELDS */
} JdWorkbookError;

/* What a file is, by its first bytes. */
typedef enum
{
  JD_FILE_KIND_TEXT,      /* anything else: read as CSV */
  JD_FILE_KIND_ZIP,       /* .xlsx or .ods */
  JD_FILE_KIND_OLE,       /* .xls, or a workbook protected with a password */
} JdFileKind;

/* The most a part of the archive may hold once uncompressed: a sheet of
 * a million rows of twenty columns is about this; a zip bomb is cut off
 * here, before it takes the memory or the time. */
#define JD_WORKBOOK_MAX_PART ((gint64) 1 << 30)

typedef struct _JdWorkbook JdWorkbook;

GQuark        jd_workbook_error_quark   (void);
JdFileKind    jd_workbook_sniff         (const char     *path);

/* Opens an .xlsx or .ods workbook and reads its sheet names; an
 * encrypted or old-format file is refused with a message that says what
 * to do. */
JdWorkbook   *jd_workbook_open          (const char     *path,
                                         GError        **error);
/* Returns: (transfer none): the names of the sheets, in order */
const char * const *jd_workbook_get_sheets (JdWorkbook   *self);
/* The sheet called @name, or (@name %NULL) the first sheet with a
 * value in it; -1 with @error naming the sheets there are. */
int           jd_workbook_find_sheet    (JdWorkbook     *self,
                                         const char     *name,
                                         GError        **error);
/* Starts reading sheet @index from its first row. */
gboolean      jd_workbook_open_sheet    (JdWorkbook     *self,
                                         guint           index,
                                         GError        **error);
/* The next row with a value: TRUE with @cells (transfer full,
 * element-type utf8; empty cells "", none after the last value) and
 * @line (the row's number in the sheet, from 1); FALSE with no error at
 * the end of the sheet. Numbers are written plainly ("870412300123"),
 * cells formatted as dates become "YYYY-MM-DD". */
gboolean      jd_workbook_next_row      (JdWorkbook     *self,
                                         GPtrArray     **cells,
                                         guint          *line,
                                         GCancellable   *cancellable,
                                         GError        **error);
void          jd_workbook_free          (JdWorkbook     *self);

/* For tests: a lower limit than JD_WORKBOOK_MAX_PART (0 restores it). */
void          jd_workbook_set_part_limit (gint64         limit);

/* An Excel serial day as a date (@date1904: the Mac's 1904 system);
 * FALSE for a serial that is no day (below 1, or 29 February 1900,
 * which Excel counts and which never was). */
gboolean      jd_workbook_serial_to_date (double         serial,
                                          gboolean       date1904,
                                          GDate         *date);
/* Whether an Excel number format shows a date. */
gboolean      jd_workbook_format_is_date (guint          id,
                                          const char    *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdWorkbook, jd_workbook_free)

G_END_DECLS
