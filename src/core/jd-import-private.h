/* jd-import-private.h: what the parts of an import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-csv.h"
#include "jd-db.h"
#include "jd-export-private.h"
#include "jd-import.h"
#include "jd-stmt.h"
#include "jd-visitor.h"
#include "jd-xlsx.h"

G_BEGIN_DECLS

/* How an import writes. In bulk, the secondary indexes are dropped and
 * made again at the end and duplicates are found in memory: much faster
 * for a file as big as the database or bigger, much slower for a few
 * rows into a big database. Automatic picks by the file's size. */
typedef enum
{
  JD_IMPORT_AUTO,
  JD_IMPORT_ROW_BY_ROW,
  JD_IMPORT_BULK,
} JdImportMode;

JdImportResult *jd_import_visitors_full (JdDb              *db,
                                         const char        *path,
                                         const int         *fields,
                                         guint              n_fields,
                                         JdImportMode       mode,
                                         GCancellable      *cancellable,
                                         JdProgressFunc     progress,
                                         gpointer           user_data,
                                         GError           **error);
/* The same from sheet @sheet of a workbook (%NULL: the first with data;
 * ignored for CSV). */
JdImportResult *jd_import_visitors_sheet_full (JdDb          *db,
                                               const char    *path,
                                               const char    *sheet,
                                               const int     *fields,
                                               guint          n_fields,
                                               JdImportMode   mode,
                                               GCancellable  *cancellable,
                                               JdProgressFunc progress,
                                               gpointer       user_data,
                                               GError       **error);

/* The rows of a CSV file or of a workbook's sheet (jd-import-source.c),
 * read as jd_csv_reader_next () reads them. */
typedef struct _JdImportSource JdImportSource;

JdImportSource *jd_import_source_open   (const char        *path,
                                         const char        *sheet,
                                         GCancellable      *cancellable,
                                         GError           **error);
gboolean    jd_import_source_next       (JdImportSource    *self,
                                         GPtrArray        **fields,
                                         guint             *line,
                                         GCancellable      *cancellable,
                                         GError           **error);
gboolean    jd_import_source_is_workbook (JdImportSource   *self);
const char *jd_import_source_get_sheet  (JdImportSource    *self);
char        jd_import_source_get_delimiter (JdImportSource *self);
void        jd_import_source_free       (JdImportSource    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdImportSource, jd_import_source_free)

typedef enum
{
  COL_SURNAME,
  COL_GIVEN_NAME,
  COL_PATRONYMIC,
  COL_IIN,
  COL_BIRTH_DATE,
  COL_SEX,
  COL_PHONE,
  COL_EMAIL,
  COL_DISTRICT,
  COL_LOCALITY,
  COL_OCCUPATION,
  COL_EDUCATION,
  COL_CATEGORIES,
  COL_LANGUAGE,
  COL_CONSENT_BY,
  COL_GUARDIAN,
  COL_GUARDIAN_PHONE,
  COL_NOTES,
  COL_REGISTERED,
  COL_CONSENT_DATE,
  N_COLUMNS
} Column;

typedef struct _ImportServerRows ImportServerRows;

typedef struct
{
  JdDb         *db;
  /* A bulk import on a server: rows written in batches (jd-import-server.c). */
  ImportServerRows *server_rows;
  GHashTable   *districts;   /* normalized code or name → code */
  /* Per column, what each distinct text was read as (a code, or MISS):
   * a file repeats a handful of values a hundred thousand times. */
  GHashTable   *memo[N_COLUMNS];
  JdCsvWriter  *rejects;
  /* From a workbook, the rejects are a workbook too. */
  gboolean      workbook;
  JdXlsxWriter *rejects_xlsx;
  GFile        *rejects_file;
  /* The rejects are written to a private, locked temporary file
   * (jd_output_temp_new ()) and renamed into place before the commit. */
  char         *rejects_temp;
  int           rejects_fd;
  GFileIOStream *rejects_io;
  guint         n_header;
  GPtrArray    *header;      /* the file's header, for the rejects file */
  gboolean     *aside;       /* per column: a rejects file's line or reason */
  char          delimiter;
  /* Chosen by the person: per column of the file, a field or -1. */
  const int    *fields;
  guint         n_fields;
  /* In bulk: the indexes dropped (CREATE statements), and what the
   * duplicate rules compare, each key to the first visitor id with it. */
  gboolean      bulk;
  GPtrArray    *dropped;
  GHashTable   *by_iin;
  GHashTable   *by_name;     /* name key, "\x1f", birth date */
  GHashTable   *by_phone;
  GHashTable   *by_name_bare; /* the same, of visitors without an IIN */
  GHashTable   *by_phone_bare;
} Import;

/* The words of a label in the three languages (jd-import-labels.c). */
typedef struct
{
  const char *context;   /* nullable, as in C_() */
  const char *english;
  const char *kk;
  const char *ru;
} JdImportLabel;

const JdImportLabel *jd_import_labels (guint *n_labels);
char       *jd_import_normalize  (const char         *text);
gboolean    jd_import_label_matches (const char      *context,
                                 const char         *english,
                                 const char         *key);

const char *jd_import_text      (JdStmt             *stmt,
                                 int                 column);

/* Rows of the file (jd-import-row.c). */
int         jd_import_header_column    (const char      *header);
gboolean    jd_import_load_districts   (Import          *im,
                                        GError         **error);
JdVisitor  *jd_import_visitor_from_row (Import          *im,
                                        GPtrArray       *row,
                                        const int       *map,
                                        GDate           *registered_day,
                                        gboolean        *consent_recorded,
                                        char           **reason);
char       *jd_import_check_dates      (JdVisitor       *v,
                                        const GDate     *registered,
                                        const GDate     *today);

/* Bulk imports (jd-import-bulk.c). */
gboolean    choose_bulk         (Import             *im,
                                 GFile              *file,
                                 JdImportMode        mode,
                                 gboolean           *bulk,
                                 GError            **error);
void        remember_visitor    (Import             *im,
                                 gint64              visitor_id,
                                 const char         *iin,
                                 const char         *phone,
                                 const char         *key,
                                 const char         *birth_date,
                                 gboolean            anonymised);
gint64      bulk_duplicate      (Import             *im,
                                 const JdVisitor    *visitor,
                                 const char         *key,
                                 const char         *short_key,
                                 JdDuplicateReason  *reason);
gboolean    bulk_begin          (Import             *im,
                                 GError            **error);
gboolean    bulk_end            (Import             *im,
                                 GError            **error);
void        bulk_clear          (Import             *im);

/* A bulk import's rows on a server (jd-import-server.c). */
ImportServerRows *import_server_rows_new   (void);
void        import_server_rows_free        (ImportServerRows   *rows);
gboolean    import_server_rows_add         (Import             *im,
                                            JdVisitor          *visitor,
                                            gint64              registered,
                                            char               *key,
                                            JdSearchKeys       *keys,
                                            GError            **error);
gboolean    import_server_rows_maybe_flush (Import             *im,
                                            GError            **error);
gboolean    import_server_rows_flush       (Import             *im,
                                            GError            **error);

G_END_DECLS
