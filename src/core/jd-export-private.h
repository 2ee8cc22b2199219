/* jd-export-private.h: what tests may choose about an import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-export.h"

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
                                         JdExportProgress   progress,
                                         gpointer           user_data,
                                         GError           **error);

/* A bigger page cache for a long export or import (in KiB); returns the
 * previous size, for bulk_cache_end(). */
gint64          bulk_cache_begin        (JdDb              *db,
                                         int                kib);
void            bulk_cache_end          (JdDb              *db,
                                         gint64             previous);

G_END_DECLS
