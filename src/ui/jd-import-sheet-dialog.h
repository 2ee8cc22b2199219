/* jd-import-sheet-dialog.h: which sheet of a workbook to import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* @sheet is %NULL for a CSV file, or a workbook that cannot be read
 * (the import then says why). */
typedef void (*JdImportSheetFunc) (GObject    *owner,
                                   const char *path,
                                   const char *sheet);

/* Asks which sheet of the workbook @path holds the visitors when it has
 * more than one (the first with a value chosen), then calls @done,
 * unless @owner is gone or the person cancels; calls @done at once for
 * a CSV file or a workbook of one sheet. */
void    jd_import_sheet_choose      (GtkWindow         *parent,
                                     const char        *path,
                                     GObject           *owner,
                                     JdImportSheetFunc  done);
/* The files an import reads: CSV, Excel and OpenDocument workbooks. */
void    jd_import_sheet_add_filters (GtkFileChooser    *chooser);

G_END_DECLS
