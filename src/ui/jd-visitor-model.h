/* jd-visitor-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-store.h"
#include "jd-visitor-list.h"

G_BEGIN_DECLS

#define JD_TYPE_VISITOR_ITEM (jd_visitor_item_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitorItem, jd_visitor_item, JD, VISITOR_ITEM, GObject)

gint64                  jd_visitor_item_get_id      (JdVisitorItem *self);
/* Returns: (nullable): the row, or NULL when the visitor was removed */
const JdVisitorSummary *jd_visitor_item_get_summary (JdVisitorItem *self);

#define JD_TYPE_VISITOR_MODEL (jd_visitor_model_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitorModel, jd_visitor_model, JD, VISITOR_MODEL, GObject)

/* A GListModel of JdVisitorItem over an array of ids: rows are read from
 * @db a page at a time when asked for, and only a few pages are kept. */
JdVisitorModel *jd_visitor_model_new     (JdStore        *store);
void            jd_visitor_model_set_ids (JdVisitorModel *self,
                                          GArray         *ids);

G_END_DECLS
