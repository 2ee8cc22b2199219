/* jd-visitors-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"
#include "jd-visitor-list.h"

G_BEGIN_DECLS

#define JD_TYPE_VISITORS_PAGE (jd_visitors_page_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitorsPage, jd_visitors_page, JD, VISITORS_PAGE, AdwBin)

/* Reads the list again with the current filters, off the main thread. */
void     jd_visitors_page_reload       (JdVisitorsPage *self);
gboolean jd_visitors_page_is_loading   (JdVisitorsPage *self);
void     jd_visitors_page_show_visitor (JdVisitorsPage *self,
                                        gint64          visitor_id);
void     jd_visitors_page_show_filtered (JdVisitorsPage        *self,
                                         const JdVisitorFilter *visits,
                                         const char            *description);

G_END_DECLS
