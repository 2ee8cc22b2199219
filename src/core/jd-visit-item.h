/* jd-visit-item.h: one visit of a day's list, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-visit.h"

G_BEGIN_DECLS

#define JD_TYPE_VISIT_ITEM (jd_visit_item_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitItem, jd_visit_item, JD, VISIT_ITEM, GObject)

/* A copy of @row; the properties are read-only and never change. */
JdVisitItem        *jd_visit_item_new              (const JdVisitRow *row);
gint64              jd_visit_item_get_visit_id     (JdVisitItem      *self);
gint64              jd_visit_item_get_visitor_id   (JdVisitItem      *self);
gint64              jd_visit_item_get_time_in      (JdVisitItem      *self);
/* 0 while the visitor is still here */
gint64              jd_visit_item_get_time_out     (JdVisitItem      *self);
const char         *jd_visit_item_get_display_name (JdVisitItem      *self);
/* The purposes' codes */
const char * const *jd_visit_item_get_purposes     (JdVisitItem      *self);

G_END_DECLS
