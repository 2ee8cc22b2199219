/* jd-store.h: one centre's data, as the program sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JdStore opens a centre's database (today an SQLite file, later also a
 * server), owns its main connection and the connections worker threads
 * read through, and tells everyone what changed: after each committed
 * write it emits ::changed with the topics the write touched, whether
 * this program made it or another desk did (another desk's while someone
 * watches the store: jd_store_watch()). Widgets
 * get it as their construct-only "store" property and refresh from that
 * signal instead of calling each other. It is the source object of the
 * core's _async calls. It also holds who is signed in (the "actor")
 * and reads and writes the centre's settings.
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-staff.h"
#include "jd-topics.h"

G_BEGIN_DECLS

/**
 * JdStoreConnection:
 * @JD_STORE_CONNECTION_ONLINE: the database answers (a file always does)
 * @JD_STORE_CONNECTION_LOST: the centre server cannot be reached; the
 *   store tries again by itself after a while
 * @JD_STORE_CONNECTION_RECONNECTING: trying to reach it now
 *
 * Whether the store's centre server can be reached (#JdStore:connection-state).
 */
typedef enum
{
  JD_STORE_CONNECTION_ONLINE,
  JD_STORE_CONNECTION_LOST,
  JD_STORE_CONNECTION_RECONNECTING,
} JdStoreConnection;

#define JD_TYPE_STORE_CONNECTION (jd_store_connection_get_type ())
GType        jd_store_connection_get_type (void);

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
void         jd_store_watch         (JdStore        *self);
void         jd_store_unwatch       (JdStore        *self);
gboolean     jd_store_get_watched   (JdStore        *self);

JdStoreConnection jd_store_get_connection_state (JdStore           *self);
/* For the engine's watch, and tests: the state as it is now. */
void         jd_store_set_connection_state (JdStore           *self,
                                            JdStoreConnection  state);
/* A lost server: try to reach it now rather than at the next retry. */
void         jd_store_reconnect_now (JdStore        *self);

JdStaff     *jd_store_dup_actor     (JdStore        *self);
gint64       jd_store_get_actor_id  (JdStore        *self);
JdStaff     *jd_store_sign_in       (JdStore        *self,
                                     const char     *login,
                                     const char     *password,
                                     GError        **error);
JdStaff     *jd_store_set_up_centre (JdStore        *self,
                                     const char     *centre_name,
                                     const char     *full_name,
                                     const char     *login,
                                     const char     *password,
                                     GError        **error);
void         jd_store_sign_out      (JdStore        *self);

char        *jd_store_get_setting   (JdStore        *self,
                                     const char     *key);
gboolean     jd_store_set_setting   (JdStore        *self,
                                     const char     *key,
                                     const char     *value,
                                     GError        **error);

/* The "store" property of a widget or object that reads and writes the
 * centre's data through a store given when it is made. */
GParamSpec  *jd_store_param_spec_construct_only (void);

G_END_DECLS
