/* jd-visitor-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "jd-search-hit.h"

G_BEGIN_DECLS

#define JD_TYPE_VISITOR_ROW (jd_visitor_row_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitorRow, jd_visitor_row, JD, VISITOR_ROW, GtkListBoxRow)

/* An activatable row for one search hit: name, date of birth and age,
 * part of the phone, and a word when the person is over 35 or was found
 * through a similar spelling. */
GtkWidget   *jd_visitor_row_new     (JdSearchHit  *hit);
JdSearchHit *jd_visitor_row_get_hit (JdVisitorRow *self);

G_END_DECLS
