/* jd-connecting-page.h: the window while the centre server is reached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-application.h"

G_BEGIN_DECLS

#define JD_TYPE_CONNECTING_PAGE (jd_connecting_page_get_type ())

G_DECLARE_FINAL_TYPE (JdConnectingPage, jd_connecting_page, JD, CONNECTING_PAGE, AdwBin)

void jd_connecting_page_set_application (JdConnectingPage *self,
                                         JdApplication    *application);

G_END_DECLS
