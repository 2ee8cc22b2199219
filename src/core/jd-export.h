/* jd-export.h: reports to CSV files, and visitors from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-visitor.h"

G_BEGIN_DECLS

typedef enum
{
  JD_EXPORT_VISITORS,
  JD_EXPORT_VISITS,
  JD_EXPORT_CONSULTATIONS,
  JD_EXPORT_EVENTS,
  JD_EXPORT_ATTENDANCE,
  JD_EXPORT_SUMMARY,
} JdExportKind;

#define JD_EXPORT_N_KINDS (JD_EXPORT_SUMMARY + 1)

typedef enum
{
  JD_EXPORT_FORMAT_CSV,
  JD_EXPORT_FORMAT_XLSX,    /* an Excel workbook */
} JdExportFormat;

typedef struct
{
  JdExportKind  kind;
  const char   *from_day;    /* ISO, inclusive */
  const char   *to_day;      /* ISO, inclusive: the last day of the period */
  char          delimiter;   /* ';' (default), ',' or '\t' */
  gboolean      anonymize;   /* no names, IIN, phone, e-mail, notes */
  JdExportFormat format;     /* CSV unless asked (the delimiter is CSV's) */
} JdExportOptions;

/* Called now and then with the rows written so far. */
typedef void (*JdExportProgress) (guint    rows,
                                  gpointer user_data);

/* "visitors", "visits", … as on the command line. */
gboolean     jd_export_kind_from_string (const char     *text,
                                         JdExportKind   *kind);
const char  *jd_export_kind_to_string   (JdExportKind    kind);
/* The translated name of a report, for people. */
const char  *jd_export_kind_label       (JdExportKind    kind);
/* Whether the report holds personal data unless anonymised. */
gboolean     jd_export_kind_is_personal (JdExportKind    kind);
/* Excel for a name ending in .xlsx (any case), CSV otherwise. */
JdExportFormat jd_export_format_for_path (const char    *path);
/* "ALM-01-visits-2026-11-01-2026-11-30.csv" (or .xlsx) */
char        *jd_export_suggest_name     (JdDb           *db,
                                         const JdExportOptions *options);

/* Writes the report to @path through a temporary file in the same
 * folder, renamed into place only when complete: a cancelled or failed
 * export leaves nothing at @path. Managers and administrators (personal
 * data needs JD_PERM_EXPORT_PERSONAL, anonymous reports
 * JD_PERM_VIEW_REPORTS); audited. Memory does not grow with the rows.
 * @n_rows: (optional): data rows written (without the header). */
gboolean     jd_export_to_file          (JdDb                  *db,
                                         const JdExportOptions *options,
                                         const char            *path,
                                         GCancellable          *cancellable,
                                         JdExportProgress       progress,
                                         gpointer               user_data,
                                         guint                 *n_rows,
                                         GError               **error);
/* The header and the first @n_rows rows, for a preview.
 * Returns: (transfer full) (element-type GStrv) */
GPtrArray   *jd_export_preview          (JdDb                  *db,
                                         const JdExportOptions *options,
                                         guint                  n_rows,
                                         GError               **error);

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
                                         JdExportProgress       progress,
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
                                           JdExportProgress       progress,
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdImportResult, jd_import_result_free)

G_END_DECLS
