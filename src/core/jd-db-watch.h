/* jd-db-watch.h: what a connection's writes touch, and whether others
 * wrote
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The storage side of JdStore::changed. A watch on a connection gathers
 * the tables each transaction writes (as JdTopics) and hands them over
 * when the transaction commits; a rolled back or failed transaction
 * hands over nothing. Writes made through other connections to the same
 * database, in this process or another, are not seen row by row: the
 * data version moves instead. A server engine implements the same
 * functions from its own notifications.
 */
#pragma once

#include "jd-db.h"
#include "jd-topics.h"

G_BEGIN_DECLS

typedef struct _JdDbWatch JdDbWatch;

/* Called as a transaction commits, on the thread that writes, with the
 * topics it touched (never JD_TOPIC_NONE). It runs inside the commit:
 * it must not use the connection, only note the topics for later. In
 * the rare commit that fails after this (the disk fails), the write is
 * reported all the same: a needless refresh, never a missed one. */
typedef void (*JdDbWatchFunc) (JdTopics topics,
                               gpointer user_data);

JdDbWatch *jd_db_watch_new           (JdDb          *db,
                                      JdDbWatchFunc  func,
                                      gpointer       user_data);
void       jd_db_watch_free          (JdDbWatch     *watch);
/* A number that changes when another connection commits a write to the
 * database; this connection's own writes leave it alone. -1 when it
 * could not be read. */
gint64     jd_db_watch_data_version  (JdDbWatch     *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDbWatch, jd_db_watch_free)

G_END_DECLS
