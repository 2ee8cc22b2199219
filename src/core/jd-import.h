/* jd-import.h: visitors from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-progress.h"
#include "jd-store.h"
#include "jd-visitor.h"

G_BEGIN_DECLS

typedef struct
{
  guint       imported;
  guint       skipped;       /* already registered: the same IIN */
  guint       rejected;      /* broke a registration rule */
  char       *rejects_path;  /* nullable: the rows not imported, as in the file, with line and reason */
  /* Imported, but maybe someone already registered (the same name and
   * birth date, or the same phone, and no other IIN): "Line N: …",
   * translated, one per row (element-type utf8). */
  guint       warned;
  GPtrArray  *warnings;
} JdImportResult;

void         jd_import_result_free      (JdImportResult *result);

/* Imports visitors from a CSV file (any of ; , tab, with or without a
 * BOM, quoted line breaks), mapping columns by their headers in Kazakh,
 * Russian or English. Every registration rule applies, and the
 * front desk's duplicate rules: the same IIN is skipped; the same name
 * and birth date, or the same phone, without another IIN, is imported
 * and listed in the result's warnings; two different IINs are two
 * people. Rejected rows, with their line
 * numbers and reasons, go to "<name>.rejected.csv" beside @path. All or
 * nothing: an error midway leaves the database as it was. Managers and
 * administrators; audited. */
JdImportResult *jd_import_visitors      (JdDb                  *db,
                                         const char            *path,
                                         GCancellable          *cancellable,
                                         JdProgressFunc         progress,
                                         gpointer               user_data,
                                         GError               **error);

/* The same with the columns of the file matched to fields by hand:
 * @fields has, per column, an index of jd_import_fields() or -1 to skip
 * it. */
JdImportResult *jd_import_visitors_mapped (JdDb                  *db,
                                           const char            *path,
                                           const int             *fields,
                                           guint                  n_fields,
                                           GCancellable          *cancellable,
                                           JdProgressFunc         progress,
                                           gpointer               user_data,
                                           GError               **error);
/* What a column of an imported file can hold (label untranslated). */
const JdChoice *jd_import_fields        (guint                 *n_fields);
/* Whether the columns say enough to register someone: the surname, the
 * given name, and the date of birth or the IIN. */
gboolean     jd_import_fields_complete  (const int             *fields,
                                         guint                  n_fields);
/* The names of the columns of @path, with, per column, the field
 * recognised from its name (or -1) in @fields, and the first row of
 * data in @sample (optional).
 * Returns: (transfer full) (element-type utf8) */
GPtrArray   *jd_import_read_header      (const char            *path,
                                         GArray               **fields,
                                         GPtrArray            **sample,
                                         GError               **error);

/* Workbooks (.xlsx, .ods) are read as CSV files are, one sheet of
 * them: the names of the sheets of @path, with the one imported when
 * none is chosen (the first with a value) in @first; %NULL without
 * @error for a CSV file.
 * Returns: (transfer full) (nullable) */
GStrv        jd_import_list_sheets      (const char            *path,
                                         guint                 *first,
                                         GError               **error);
/* jd_import_visitors_mapped () and jd_import_read_header () of sheet
 * @sheet of a workbook (%NULL: the first with a value; ignored for a
 * CSV file). A workbook's rejects are a workbook,
 * "<name>-rejected.xlsx". */
JdImportResult *jd_import_visitors_sheet (JdDb                 *db,
                                          const char           *path,
                                          const char           *sheet,
                                          const int            *fields,
                                          guint                 n_fields,
                                          GCancellable         *cancellable,
                                          JdProgressFunc        progress,
                                          gpointer              user_data,
                                          GError              **error);
GPtrArray   *jd_import_read_header_sheet (const char           *path,
                                          const char           *sheet,
                                          GArray              **fields,
                                          GPtrArray           **sample,
                                          GError              **error);

/* jd_import_visitors_mapped() on a worker thread with a connection of
 * its own, acting for whoever is signed in on @store's; @fields may be
 * %NULL (the columns matched by their names). @progress as for
 * jd_export_run_async(). */
void         jd_import_visitors_async   (JdStore               *store,
                                         const char            *path,
                                         const int             *fields,
                                         guint                  n_fields,
                                         GCancellable          *cancellable,
                                         JdProgressFunc         progress,
                                         gpointer               progress_data,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
/* The same for sheet @sheet of a workbook (%NULL: as above). */
void         jd_import_visitors_sheet_async (JdStore           *store,
                                             const char        *path,
                                             const char        *sheet,
                                             const int         *fields,
                                             guint              n_fields,
                                             GCancellable      *cancellable,
                                             JdProgressFunc     progress,
                                             gpointer           progress_data,
                                             GAsyncReadyCallback callback,
                                             gpointer           user_data);
/* When people were imported, @store emits ::changed (visitors, visits)
 * before this returns. */
JdImportResult *jd_import_visitors_finish (JdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdImportResult, jd_import_result_free)

G_END_DECLS
