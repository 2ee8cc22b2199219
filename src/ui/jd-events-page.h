/* jd-events-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-search-hit.h"
#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_EVENTS_PAGE (jd_events_page_get_type ())

G_DECLARE_FINAL_TYPE (JdEventsPage, jd_events_page, JD, EVENTS_PAGE, AdwBin)

/* Reads the list of events and the open event again. */
void      jd_events_page_refresh       (JdEventsPage *self);
/* Opens one event for check-in (showing the upcoming or past list it
 * belongs to). */
void      jd_events_page_open_event    (JdEventsPage *self,
                                        gint64        event_id);
/* The event open, or 0. */
gint64    jd_events_page_get_event_id  (JdEventsPage *self);
/* Checks a visitor in to the open event, as Enter on a search result
 * does: a toast with Undo, the list and the counts updated. */
gboolean  jd_events_page_check_in      (JdEventsPage *self,
                                        gint64        visitor_id);
/* The same for a visitor the search found: the name comes from @hit. */
gboolean  jd_events_page_check_in_hit  (JdEventsPage *self,
                                        JdSearchHit  *hit);
/* TRUE from a keystroke until its search has answered (:searching). */
gboolean  jd_events_page_is_searching  (JdEventsPage *self);

G_END_DECLS
