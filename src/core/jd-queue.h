/* jd-queue.h: the queue of checked-in visitors waiting for a service
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

/* The waiting queue: check-ins for a service today. */
typedef struct
{
  gint64   id;
  gint64   visit_id;
  gint64   visitor_id;
  char    *visitor_name;
  char    *service;
  gint64   enqueued_at;
  gint64   called_at;        /* 0: still waiting */
  gint64   called_by;
  char    *called_by_name;
} JdQueueEntry;

void            jd_queue_entry_free      (JdQueueEntry  *entry);
/* Waiting or called, not done, checked in on the local day of @now; for
 * @service or (NULL) every service; longest waiting first.
 * Returns: (transfer full) (element-type JdQueueEntry) */
GPtrArray      *jd_queue_list            (JdDb          *db,
                                          const char    *service,
                                          gint64         now,
                                          GError       **error);
/* How many wait (not yet called) per service today: service code →
 * GUINT_TO_POINTER (count), only services with someone waiting.
 * Returns: (transfer full) */
GHashTable     *jd_queue_counts          (JdDb          *db,
                                          gint64         now,
                                          GError       **error);
/* Calls the person who has waited longest for @service (a specialist of
 * that service, a manager or an administrator). Returns: (transfer full)
 * (nullable): the entry, NULL without error when nobody waits */
JdQueueEntry   *jd_queue_call_next       (JdDb          *db,
                                          const char    *service,
                                          gint64         now,
                                          GError       **error);
/* The person left, or was seen without a consultation being logged. */
gboolean        jd_queue_remove          (JdDb          *db,
                                          gint64         entry_id,
                                          GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdQueueEntry, jd_queue_entry_free)

G_END_DECLS
