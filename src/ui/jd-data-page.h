/* jd-data-page.h: locking, backups, restore, retention and the audit
 * trail in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_DATA_PAGE (jd_data_page_get_type ())

G_DECLARE_FINAL_TYPE (JdDataPage, jd_data_page, JD, DATA_PAGE, AdwPreferencesPage)

GtkWidget *jd_data_page_new     (JdStore    *store);
void       jd_data_page_refresh (JdDataPage *self);
void       jd_data_page_save_copy (JdDataPage *self,
                                   const char *path);

G_END_DECLS
