/* jd-reports-dialogs.h: what the Reports page asks and tells in dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-import.h"

G_BEGIN_DECLS

/* The preview's @rows (GStrv, the header first) as labels in @grid. */
void              jd_reports_preview_fill            (GtkGrid              *grid,
                                                      GPtrArray            *rows);

/* A modal dialog with a progress bar and a "cancel" response. */
GtkWidget        *jd_reports_dialog_progress_new     (GtkWindow            *parent,
                                                      const char           *heading,
                                                      const char           *body);
/* The bar shows that work goes on: the total is not known in advance. */
void              jd_reports_dialog_progress_pulse   (GtkWidget            *dialog);
void              jd_reports_dialog_progress_set_count (GtkWidget          *dialog,
                                                        guint               count,
                                                        gboolean            import);

/* What an import did, in words. */
char             *jd_reports_dialog_import_summary   (const JdImportResult *result);
void              jd_reports_dialog_import_result    (GtkWindow            *parent,
                                                      const JdImportResult *result);

/* The rules confirmed before an import: responses "cancel", "import". */
AdwMessageDialog *jd_reports_dialog_confirm_import   (GtkWindow            *parent,
                                                      const char           *path);
/* The columns of @path matched by hand: responses "cancel", "import";
 * "import" is enabled once the columns say enough. */
AdwMessageDialog *jd_reports_dialog_match_columns    (GtkWindow            *parent,
                                                      const char           *path,
                                                      GPtrArray            *header,
                                                      GArray               *fields,
                                                      GPtrArray            *sample);
/* The file either dialog above asks about. */
const char       *jd_reports_dialog_get_path         (AdwMessageDialog     *dialog);
/* Per column, a field of jd_import_fields() or -1 to skip it.
 * Returns: (transfer full) (element-type int) */
GArray           *jd_reports_dialog_get_columns      (AdwMessageDialog     *dialog);

G_END_DECLS
