/* jd-staff-page.h: the administrator's list of staff accounts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_STAFF_PAGE (jd_staff_page_get_type ())

G_DECLARE_FINAL_TYPE (JdStaffPage, jd_staff_page, JD, STAFF_PAGE, AdwPreferencesPage)

GtkWidget *jd_staff_page_new     (JdStore     *store);
/* The account dialog, for a new person (@staff_id 0) or an existing one;
 * returned so that tests can fill it in. */
GtkWidget *jd_staff_page_edit    (JdStaffPage *self,
                                  gint64       staff_id);

G_END_DECLS
