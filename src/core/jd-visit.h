/* jd-visit.h: check-ins, their undo, check-outs and the day's visits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"
#include "jd-purpose.h"
#include "jd-visitor.h"

G_BEGIN_DECLS

/* Check-in: a visit now (or at @time_in, Unix seconds; 0 for now) with
 * one or more purposes, and the visitor's occupation as it is today.
 * Returns: the visit id, or 0 on error */
gint64      jd_visit_check_in           (JdDb            *db,
                                         gint64           visitor_id,
                                         const char * const *purposes,
                                         gint64           time_in,
                                         GError         **error);
/* Undo of a mistaken check-in: removes the visit and its purposes. */
gboolean    jd_visit_undo               (JdDb            *db,
                                         gint64           visit_id,
                                         GError         **error);
gboolean    jd_visit_check_out          (JdDb            *db,
                                         gint64           visit_id,
                                         gint64           time_out,
                                         GError         **error);

typedef struct
{
  gint64  visit_id;
  gint64  visitor_id;
  gint64  time_in;
  gint64  time_out;        /* 0 while still here */
  char   *display_name;
  GStrv   purposes;        /* codes */
} JdVisitRow;

void        jd_visit_row_free           (JdVisitRow      *row);
/* The newest @limit visits whose time_in falls on the local day of @day,
 * newest first; @total is set to the number of that day's visits.
 * Returns: (transfer full) (element-type JdVisitRow) */
GPtrArray  *jd_visit_list_day           (JdDb            *db,
                                         GDateTime       *day,
                                         guint            limit,
                                         guint           *total,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdVisitRow, jd_visit_row_free)

G_END_DECLS
