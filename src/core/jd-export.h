/* jd-export.h: reports to CSV files and Excel workbooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-export-options.h"
#include "jd-progress.h"
#include "jd-store.h"

G_BEGIN_DECLS


/* "visitors", "visits", … as on the command line. */
gboolean     jd_export_kind_from_string (const char     *text,
                                         JdExportKind   *kind);
const char  *jd_export_kind_to_string   (JdExportKind    kind);
/* The translated name of a report, for people. */
const char  *jd_export_kind_label       (JdExportKind    kind);
/* Whether the report holds personal data unless anonymised. */
gboolean     jd_export_kind_is_personal (JdExportKind    kind);
/* Excel for a name ending in .xlsx, PDF for .pdf (any case), CSV
 * otherwise. */
JdExportFormat jd_export_format_for_path (const char    *path);
/* "ALM-01-visits-2026-11-01-2026-11-30.csv" (or .xlsx, .pdf) */
char        *jd_export_suggest_name     (JdDb           *db,
                                         const JdExportOptions *options);

/* Writes the report to @path through a temporary file in the same
 * folder, renamed into place only when complete: a cancelled or failed
 * export leaves nothing at @path. Managers and administrators (personal
 * data needs JD_PERM_EXPORT_PERSONAL, anonymous reports
 * JD_PERM_VIEW_REPORTS); audited. Memory does not grow with the rows.
 * The summary is the report of jd-summary-report.h, in CSV, XLSX or
 * PDF; only the summary has a PDF.
 * @n_rows: (optional): data rows written (without the header; for the
 * summary, the rows of its tables). */
gboolean     jd_export_to_file          (JdDb                  *db,
                                         const JdExportOptions *options,
                                         const char            *path,
                                         GCancellable          *cancellable,
                                         JdProgressFunc         progress,
                                         gpointer               user_data,
                                         guint                 *n_rows,
                                         GError               **error);
/* The header and the first @n_rows rows, for a preview.
 * Returns: (transfer full) (element-type GStrv) */
GPtrArray   *jd_export_preview          (JdDb                  *db,
                                         const JdExportOptions *options,
                                         guint                  n_rows,
                                         GError               **error);


/* The same on a worker thread with a connection of its own, acting for
 * whoever is signed in on @store's connection. @progress (optional) is
 * called on the thread-default main context of the caller, never after
 * @callback has called jd_export_run_finish(); @progress_data must live
 * until then. */
void         jd_export_run_async        (JdStore               *store,
                                         const JdExportOptions *options,
                                         const char            *dest,
                                         GCancellable          *cancellable,
                                         JdProgressFunc         progress,
                                         gpointer               progress_data,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
/* @n_rows: (optional): data rows written (without the header). */
gboolean     jd_export_run_finish       (JdStore               *store,
                                         GAsyncResult          *result,
                                         guint                 *n_rows,
                                         GError               **error);

G_END_DECLS
