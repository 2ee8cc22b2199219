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

G_DECLARE_FINAL_TYPE (JdVisitorSearch, jd_visitor_search, JD, VISITOR_SEARCH, GtkWidget)

/* Finding a visitor the way the front desk does: results follow typing
 * (searched off the main thread, stale answers dropped), Up and Down
 * move the highlight while the focus stays in the entry, Enter acts on
 * the highlighted person, also when typed before the answer came, and
 * Escape clears. While the entry is empty the page's idle child shows.
 *
 * Signals: "activated" (JdSearchHit: Enter or a click on a result),
 * "no-match" (string: Enter when nobody matched what was typed),
 * "answered" (guint number of results, string query), and "cleared"
 * (the entry was emptied). */
GtkWidget       *jd_visitor_search_new          (JdStore         *store);

/* The highlighted hit (transfer none), or NULL. */
JdSearchHit     *jd_visitor_search_get_selected (JdVisitorSearch *self);
/* TRUE from a keystroke until the search it starts has answered: the
 * "searching" property, notified when it changes. */
gboolean         jd_visitor_search_is_searching (JdVisitorSearch *self);
const char      *jd_visitor_search_get_text     (JdVisitorSearch *self);
void             jd_visitor_search_set_text     (JdVisitorSearch *self,
                                                 const char      *text);
/* Empties the entry (and shows the idle child). */
void             jd_visitor_search_clear        (JdVisitorSearch *self);
/* TRUE while the idle child shows (nothing typed). */
gboolean         jd_visitor_search_is_idle      (JdVisitorSearch *self);
/* Puts the focus in the entry with what was typed selected. */
void             jd_visitor_search_focus        (JdVisitorSearch *self);
GtkWidget       *jd_visitor_search_get_entry    (JdVisitorSearch *self);
GtkWidget       *jd_visitor_search_get_list     (JdVisitorSearch *self);

/* What the entry shows while empty, and its name for screen readers. */
void             jd_visitor_search_set_placeholder_text (JdVisitorSearch *self,
                                                         const char      *text);
void             jd_visitor_search_set_entry_label      (JdVisitorSearch *self,
                                                         const char      *label);
/* The page's own widgets: @suffix beside the entry, @header below it
 * (always shown), @idle while the entry is empty, @empty under "No One
 * Found". */
void             jd_visitor_search_add_suffix     (JdVisitorSearch *self,
                                                   GtkWidget       *suffix);
void             jd_visitor_search_add_header     (JdVisitorSearch *self,
                                                   GtkWidget       *header);
void             jd_visitor_search_set_idle_child (JdVisitorSearch *self,
                                                   GtkWidget       *idle);
void             jd_visitor_search_set_empty_child (JdVisitorSearch *self,
                                                    GtkWidget       *empty);
/* The "compact" property: to sit among a form's fields. */
void             jd_visitor_search_set_compact    (JdVisitorSearch *self,
                                                   gboolean         compact);
gboolean         jd_visitor_search_get_compact    (JdVisitorSearch *self);
G_END_DECLS
