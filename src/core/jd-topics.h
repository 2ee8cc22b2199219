/* jd-topics.h: what a write touched, as JdStore::changed reports it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * JdTopics:
 * @JD_TOPIC_VISITORS: people registered, edited, merged or erased
 * @JD_TOPIC_VISITS: check-ins and their undoing
 * @JD_TOPIC_QUEUE: the specialists' waiting list
 * @JD_TOPIC_CONSULTATIONS: consultations and their notes
 * @JD_TOPIC_EVENTS: events and attendance
 * @JD_TOPIC_SETTINGS: the centre's settings (name, time zone, …)
 * @JD_TOPIC_STAFF: staff accounts and roles
 *
 * What a write touched, as ::changed reports it.
 */
typedef enum /*< flags,prefix=JD_TOPIC >*/
{
  JD_TOPIC_NONE          = 0,
  JD_TOPIC_VISITORS      = 1 << 0,
  JD_TOPIC_VISITS        = 1 << 1,
  JD_TOPIC_QUEUE         = 1 << 2,
  JD_TOPIC_CONSULTATIONS = 1 << 3,
  JD_TOPIC_EVENTS        = 1 << 4,
  JD_TOPIC_SETTINGS      = 1 << 5,
  JD_TOPIC_STAFF         = 1 << 6,
} JdTopics;

#define JD_TOPIC_ALL (JD_TOPIC_VISITORS | JD_TOPIC_VISITS | JD_TOPIC_QUEUE | \
                      JD_TOPIC_CONSULTATIONS | JD_TOPIC_EVENTS |             \
                      JD_TOPIC_SETTINGS | JD_TOPIC_STAFF)

#define JD_TYPE_TOPICS (jd_topics_get_type ())
GType     jd_topics_get_type    (void);

/* The topics a row written to @table (of the schema, jd-schema.c)
 * touches: JD_TOPIC_NONE for the audit trail, JD_TOPIC_ALL for a table
 * this program does not know. */
JdTopics  jd_topics_for_table   (const char *table);

G_END_DECLS
