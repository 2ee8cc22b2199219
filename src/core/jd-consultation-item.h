/* jd-consultation-item.h: one consultation of a list, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-consultation.h"

G_BEGIN_DECLS

#define JD_TYPE_CONSULTATION_ITEM (jd_consultation_item_get_type ())

G_DECLARE_FINAL_TYPE (JdConsultationItem, jd_consultation_item, JD, CONSULTATION_ITEM, GObject)

/* Takes @row, as jd_consultation_list() returned it; it never changes. */
JdConsultationItem      *jd_consultation_item_new_take (JdConsultationRow  *row);
const JdConsultationRow *jd_consultation_item_get_row  (JdConsultationItem *self);
gint64                   jd_consultation_item_get_id   (JdConsultationItem *self);

/* Each row of @rows (from jd_consultation_list()) as an item, in order;
 * empties @rows. Returns: (transfer full) (element-type JdConsultationItem) */
GPtrArray               *jd_consultation_items_take    (GPtrArray          *rows);

G_END_DECLS
