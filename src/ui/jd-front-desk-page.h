/* jd-front-desk-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-search-hit.h"
#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_FRONT_DESK_PAGE (jd_front_desk_page_get_type ())

G_DECLARE_FINAL_TYPE (JdFrontDeskPage, jd_front_desk_page, JD, FRONT_DESK_PAGE, AdwBin)

void        jd_front_desk_page_focus_search      (JdFrontDeskPage *self);
/* Opens the registration form with what was typed in the search. */
void        jd_front_desk_page_new_visitor       (JdFrontDeskPage *self);
/* Opens the check-in dialog for a visitor the search found. */
void        jd_front_desk_page_check_in_hit      (JdFrontDeskPage *self,
                                                  JdSearchHit     *hit);
/* The same for a visitor known by id only (just registered): reads the
 * record once. */
void        jd_front_desk_page_check_in          (JdFrontDeskPage *self,
                                                  gint64           visitor_id);
/* The last check-in of this page, or 0 (for Undo). */
gint64      jd_front_desk_page_get_last_visit    (JdFrontDeskPage *self);
/* TRUE from a keystroke until its search has answered (:searching). */
gboolean    jd_front_desk_page_is_searching      (JdFrontDeskPage *self);

G_END_DECLS
