/* jd-queue-item.h: one entry of the waiting queue, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-queue.h"

G_BEGIN_DECLS

#define JD_TYPE_QUEUE_ITEM (jd_queue_item_get_type ())

G_DECLARE_FINAL_TYPE (JdQueueItem, jd_queue_item, JD, QUEUE_ITEM, GObject)

/* Takes @entry, as jd_queue_list() returned it; it never changes. */
JdQueueItem        *jd_queue_item_new_take  (JdQueueEntry *entry);
const JdQueueEntry *jd_queue_item_get_entry (JdQueueItem  *self);
gint64              jd_queue_item_get_id    (JdQueueItem  *self);

/* Each entry of @entries (from jd_queue_list()) as an item, in order;
 * empties @entries. Returns: (transfer full) (element-type JdQueueItem) */
GPtrArray          *jd_queue_items_take     (GPtrArray    *entries);

G_END_DECLS
