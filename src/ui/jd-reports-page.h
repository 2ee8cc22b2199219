/* jd-reports-page.h: reports saved as CSV, and visitors imported
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"
#include "jd-export.h"
#include "jd-import.h"

G_BEGIN_DECLS

#define JD_TYPE_REPORTS_PAGE (jd_reports_page_get_type ())

G_DECLARE_FINAL_TYPE (JdReportsPage, jd_reports_page, JD, REPORTS_PAGE, AdwBin)

void      jd_reports_page_refresh    (JdReportsPage *self);
/* What the file chooser (and, for an import, the confirmation) leads
 * to: the job on a worker thread behind a modal progress dialog. Tests
 * call them with a path. */
void      jd_reports_page_export_to  (JdReportsPage *self,
                                      const char    *path);
/* Choosing a file to import: the columns matched by hand when their
 * names are not all known, else the rules confirmed; then the import. */
void      jd_reports_page_prepare_import (JdReportsPage *self,
                                          const char    *path);
void      jd_reports_page_import_from (JdReportsPage *self,
                                       const char    *path);
/* The running export or import, if any. */
GCancellable *jd_reports_page_get_cancellable (JdReportsPage *self);
/* The "busy" property: a job runs or the preview is read again soon. */
gboolean  jd_reports_page_is_busy    (JdReportsPage *self);
/* Rows in the preview (the header not counted). */
guint     jd_reports_page_get_preview_rows (JdReportsPage *self);

G_END_DECLS
