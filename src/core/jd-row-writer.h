/* jd-row-writer.h: where the rows of a report go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _JdRowWriter JdRowWriter;

/* Rows to a CSV stream (with a BOM, for Excel), to an Excel workbook at
 * @path (the summary: one sheet per breakdown), or kept in memory for a
 * preview of the header and @limit rows. */
JdRowWriter *jd_row_writer_new_csv      (GOutputStream        *stream,
                                         char                  delimiter,
                                         GCancellable         *cancellable);
JdRowWriter *jd_row_writer_new_xlsx     (const char           *path,
                                         const char           *sheet,
                                         gboolean              summary,
                                         GError              **error);
JdRowWriter *jd_row_writer_new_preview  (guint                 limit);

gboolean     jd_row_writer_write        (JdRowWriter          *self,
                                         const char * const   *fields,
                                         guint                 n_fields,
                                         GError              **error);
/* Whether a preview holds all it asked for: no need to read further. */
gboolean     jd_row_writer_is_full      (JdRowWriter          *self);
/* Finishes a file (a preview has nothing to finish). */
gboolean     jd_row_writer_close        (JdRowWriter          *self,
                                         GError              **error);
/* Returns: (transfer full) (element-type GStrv): a preview's rows */
GPtrArray   *jd_row_writer_steal_preview (JdRowWriter         *self);
void         jd_row_writer_free         (JdRowWriter          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdRowWriter, jd_row_writer_free)

G_END_DECLS
