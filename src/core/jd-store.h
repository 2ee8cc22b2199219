/* jd-store.h: one centre's data, as the program sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JdStore opens a centre's database (today an SQLite file, later also a
 * server), owns its main connection and the connections worker threads
 * read through, and tells everyone what changed: after each committed
 * write it emits ::changed with the topics the write touched. Widgets
 * get it as their construct-only "store" property and refresh from that
 * signal instead of calling each other. It is the source object of the
 * core's _async calls.
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"

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
GType jd_topics_get_type (void);

#define JD_TYPE_STORE (jd_store_get_type ())
G_DECLARE_FINAL_TYPE (JdStore, jd_store, JD, STORE, GObject)

JdStore     *jd_store_open          (const char     *path,
                                     JdDbOpenFlags   flags,
                                     GError        **error);
JdStore     *jd_store_new_for_db    (JdDb           *db);

JdDb        *jd_store_get_db        (JdStore        *self);
const char  *jd_store_get_path      (JdStore        *self);
JdDb        *jd_store_open_reader   (JdStore        *self,
                                     GError        **error);
void         jd_store_changed       (JdStore        *self,
                                     JdTopics        topics);

G_END_DECLS
