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
 * data version moves instead.
 *
 * On a centre server (jd-pg-watch.c) the connection's own commits are
 * handed over as a file's are, from the thread that wrote; every other
 * connection's (other desks', this desk's worker threads') come as the
 * server's notifications (LISTEN jd_changes) on a second connection,
 * read from the main context the watch was made in, with the topics of
 * the tables they wrote; the data version is -1. That watch also follows whether the
 * server can be reached, and makes both connections again when it is
 * back (retrying after 1, 2, 5, then every 10 seconds).
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

/* Whether the watched database can be reached (a centre server; a
 * file is always ONLINE): ONLINE, LOST (waiting to try again) or
 * RECONNECTING (trying now). */
typedef enum
{
  JD_DB_WATCH_ONLINE,
  JD_DB_WATCH_LOST,
  JD_DB_WATCH_RECONNECTING,
} JdDbWatchState;

/* Called from the main context the watch was made in when the state
 * changes. When a server is back, the watch's function is also called
 * once with JD_TOPIC_ALL, as anything may have changed meanwhile. */
typedef void (*JdDbWatchStateFunc) (JdDbWatchState state,
                                    gpointer       user_data);

JdDbWatch *jd_db_watch_new           (JdDb          *db,
                                      JdDbWatchFunc  func,
                                      gpointer       user_data);
void       jd_db_watch_free          (JdDbWatch     *watch);
/* A number that changes when another connection commits a write to the
 * database; this connection's own writes leave it alone. -1 when it
 * could not be read. */
gint64     jd_db_watch_data_version  (JdDbWatch     *watch);
void       jd_db_watch_set_state_func (JdDbWatch          *watch,
                                       JdDbWatchStateFunc  func,
                                       gpointer            user_data);
/* Tries to reach a lost server now instead of at the next retry. */
void       jd_db_watch_retry_now     (JdDbWatch     *watch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDbWatch, jd_db_watch_free)

G_END_DECLS
