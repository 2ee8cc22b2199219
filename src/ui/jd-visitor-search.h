/* jd-visitor-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jd-search-hit.h"
#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_VISITOR_SEARCH (jd_visitor_search_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitorSearch, jd_visitor_search, JD, VISITOR_SEARCH, GObject)

/* Drives a search entry and its list of results the way the front desk
 * finds people: results follow typing (searched off the main thread,
 * stale answers dropped), Up and Down move the highlight while the
 * focus stays in the entry, Enter acts on the highlighted person, also
 * when typed before the answer came. @stack shows @idle_page while the
 * entry is empty, "results" with matches and "no-results" without.
 *
 * Signals: "activated" (JdSearchHit: Enter or a click on a result), "no-match" (string: Enter when nobody matched what was
 * typed), "answered" (guint number of results, string query), and
 * "cleared" (the entry was emptied). The widgets are borrowed: the page
 * that owns them keeps the search and drops it in its dispose. */
JdVisitorSearch *jd_visitor_search_new          (JdStore         *store,
                                                 GtkSearchEntry  *entry,
                                                 GtkStack        *stack,
                                                 const char      *idle_page,
                                                 GtkListBox      *results,
                                                 GtkLabel        *results_label);
/* The highlighted hit (transfer none), or NULL. */
JdSearchHit     *jd_visitor_search_get_selected (JdVisitorSearch *self);
/* TRUE from a keystroke until the search it starts has answered: the
 * "searching" property, notified when it changes. */
gboolean         jd_visitor_search_is_searching (JdVisitorSearch *self);
/* Empties the entry (and shows the idle page). */
void             jd_visitor_search_clear        (JdVisitorSearch *self);

G_END_DECLS
