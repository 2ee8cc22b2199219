/* jd-pg-watch.h: a centre server's notifications, for jd-db-watch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db-watch.h"

G_BEGIN_DECLS

typedef struct _JdPgWatch JdPgWatch;

JdPgWatch *jd_pg_watch_new            (JdDb               *db,
                                       JdDbWatchFunc       func,
                                       gpointer            user_data);
void       jd_pg_watch_free           (JdPgWatch          *watch);
void       jd_pg_watch_set_state_func (JdPgWatch          *watch,
                                       JdDbWatchStateFunc  func,
                                       gpointer            user_data);
void       jd_pg_watch_retry_now      (JdPgWatch          *watch);

G_END_DECLS
