/* jd-store.c: one centre's data, as the program sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-store"

#include "config.h"

#include "jd-db-watch.h"
#include "jd-settings.h"
#include "jd-store.h"

/* How often the data version is read while someone watches: about as
 * soon as a person at another desk looks up after saving. */
#define POLL_SECONDS 1

struct _JdStore
{
  GObject       parent_instance;

  /* Owned. */
  JdDb         *db;
  JdDbWatch    *watch;
  GMainContext *context;        /* where ::changed is emitted */
  GSource      *poll;           /* while n_watches > 0 */

  /* Written by the watch as transactions commit, on the thread that
   * writes; read by the idle that emits ::changed. */
  GMutex        lock;
  JdTopics      committed;
  GSource      *flush;

  /* Main thread only. */
  gint64        data_version;
  JdStoreConnection connection;
  guint         n_watches;
};

G_DEFINE_FINAL_TYPE (JdStore, jd_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  PROP_CONNECTION_STATE,
  PROP_WATCHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
jd_store_connection_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { JD_STORE_CONNECTION_ONLINE, "JD_STORE_CONNECTION_ONLINE", "online" },
        { JD_STORE_CONNECTION_LOST, "JD_STORE_CONNECTION_LOST", "lost" },
        { JD_STORE_CONNECTION_RECONNECTING, "JD_STORE_CONNECTION_RECONNECTING", "reconnecting" },
        { 0, NULL, NULL },
      };
      GType id = g_enum_register_static (g_intern_static_string ("JdStoreConnection"), values);

      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

G_STATIC_ASSERT ((int) JD_STORE_CONNECTION_ONLINE == (int) JD_DB_WATCH_ONLINE);
G_STATIC_ASSERT ((int) JD_STORE_CONNECTION_LOST == (int) JD_DB_WATCH_LOST);
G_STATIC_ASSERT ((int) JD_STORE_CONNECTION_RECONNECTING == (int) JD_DB_WATCH_RECONNECTING);

/* From the watch of a centre server, on the main context. */
static void
connection_state_cb (JdDbWatchState state,
                     gpointer       user_data)
{
  jd_store_set_connection_state (user_data, (JdStoreConnection) state);
}

static gboolean
flush_cb (gpointer data)
{
  JdStore *self = data;
  JdTopics topics;

  g_mutex_lock (&self->lock);
  topics = self->committed;
  self->committed = JD_TOPIC_NONE;
  g_clear_pointer (&self->flush, g_source_unref);
  g_mutex_unlock (&self->lock);

  jd_store_changed (self, topics);
  return G_SOURCE_REMOVE;
}

/* Inside SQLite's commit, where neither the connection nor the
 * listeners (who would read through it, in the middle of the writer's
 * function) may run: the topics wait for the main loop's next turn.
 * Writes committed before then are told together, once. */
static void
committed_cb (JdTopics topics,
              gpointer user_data)
{
  JdStore *self = user_data;

  g_mutex_lock (&self->lock);
  self->committed |= topics;
  if (self->flush == NULL)
    {
      self->flush = g_idle_source_new ();
      g_source_set_priority (self->flush, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->flush, flush_cb, self, NULL);
      g_source_set_static_name (self->flush, "[jd-store] changed");
      g_source_attach (self->flush, self->context);
    }
  g_mutex_unlock (&self->lock);
}

/* Writes through other connections (an import in a worker thread,
 * another desk on the same file) move the data version; which rows
 * they touched is not known here, so everything is told. */
static gboolean
poll_cb (gpointer data)
{
  JdStore *self = data;
  gint64 version;

  /* Nobody to tell: no query either. A change meanwhile is still told
   * to the first listener, as the version it compares with is old. */
  if (!g_signal_has_handler_pending (self, signals[CHANGED], 0, FALSE))
    return G_SOURCE_CONTINUE;

  version = jd_db_watch_data_version (self->watch);
  if (version != -1 && version != self->data_version)
    {
      self->data_version = version;
      jd_store_changed (self, JD_TOPIC_ALL);
    }
  return G_SOURCE_CONTINUE;
}

static void
jd_store_dispose (GObject *object)
{
  JdStore *self = (JdStore *) object;

  if (self->poll != NULL)
    {
      g_source_destroy (self->poll);
      g_clear_pointer (&self->poll, g_source_unref);
    }
  /* After the watch is gone nothing schedules another. */
  g_clear_pointer (&self->watch, jd_db_watch_free);
  g_mutex_lock (&self->lock);
  if (self->flush != NULL)
    {
      g_source_destroy (self->flush);
      g_clear_pointer (&self->flush, g_source_unref);
    }
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (jd_store_parent_class)->dispose (object);
}

static void
jd_store_finalize (GObject *object)
{
  JdStore *self = (JdStore *) object;

  g_clear_pointer (&self->db, jd_db_close);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (jd_store_parent_class)->finalize (object);
}

static void
jd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  JdStore *self = JD_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, jd_store_get_path (self));
      break;

    case PROP_ACTOR:
      g_value_take_boxed (value, jd_store_dup_actor (self));
      break;

    case PROP_CONNECTION_STATE:
      g_value_set_enum (value, self->connection);
      break;

    case PROP_WATCHED:
      g_value_set_boolean (value, jd_store_get_watched (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_store_class_init (JdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jd_store_dispose;
  object_class->finalize = jd_store_finalize;
  object_class->get_property = jd_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));

  /**
   * JdStore:actor: (nullable)
   *
   * The person signed in through this store, a copy; %NULL when nobody
   * is. Notified when someone signs in or out through the store.
   */
  properties[PROP_ACTOR] =
    g_param_spec_boxed ("actor", NULL, NULL,
                        JD_TYPE_STAFF,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY));

  /**
   * JdStore:connection-state:
   *
   * Whether the centre server can be reached. When it cannot, the
   * store tries again by itself (after 1, 2, 5, then every 10 seconds;
   * jd_store_reconnect_now() at once); when it is back, ::changed tells
   * every topic. Saving meanwhile fails with nothing saved. A file is
   * always online.
   */
  properties[PROP_CONNECTION_STATE] =
    g_param_spec_enum ("connection-state", NULL, NULL,
                       JD_TYPE_STORE_CONNECTION, JD_STORE_CONNECTION_ONLINE,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY));

  /**
   * JdStore:watched:
   *
   * Whether someone watches the store (jd_store_watch()), so that it
   * reads the data version about once a second and tells writes made
   * through other connections.
   */
  properties[PROP_WATCHED] =
    g_param_spec_boolean ("watched", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JdStore::changed:
   * @self: the store
   * @topics: what the committed writes touched
   *
   * Emitted on the thread that made the store, from its main loop, once
   * after a write was committed through the store's connection (or
   * once for all those committed since the loop last turned), with the
   * topics the write touched; a write rolled back or failed is not
   * told. Writes through other connections, in this process or at
   * another desk, are told within about a second: from a file with all
   * topics, while someone watches the store (jd_store_watch()); from a
   * centre server always, with the topics they touched.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, JD_TYPE_TOPICS);
}

static void
jd_store_init (JdStore *self)
{
  g_mutex_init (&self->lock);
  self->context = g_main_context_ref_thread_default ();
  self->data_version = -1;
}

/**
 * jd_store_new_for_db:
 * @db: (transfer full): an open database
 *
 * Call it on the thread whose main loop is to emit ::changed.
 *
 * Returns: (transfer full): a store owning @db
 */
JdStore *
jd_store_new_for_db (JdDb *db)
{
  JdStore *self;

  g_return_val_if_fail (db != NULL, NULL);

  self = g_object_new (JD_TYPE_STORE, NULL);
  self->db = db;
  self->watch = jd_db_watch_new (db, committed_cb, self);
  jd_db_watch_set_state_func (self->watch, connection_state_cb, self);
  self->data_version = jd_db_watch_data_version (self->watch);

  return self;
}

JdStore *
jd_store_open (const char     *path,
               JdDbOpenFlags   flags,
               GError        **error)
{
  JdDb *db = jd_db_open (path, flags, error);

  if (db == NULL)
    return NULL;
  return jd_store_new_for_db (db);
}

/* The main connection, for the core's calls on the main thread. Owned by
 * the store: do not keep it beyond the store's life. */
JdDb *
jd_store_get_db (JdStore *self)
{
  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  return self->db;
}

const char *
jd_store_get_path (JdStore *self)
{
  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  return jd_db_get_path (self->db);
}

/**
 * jd_store_open_reader:
 *
 * Returns: (transfer full): a new read-only connection to the same
 *   database, for one worker thread; close it with jd_db_close()
 */
JdDb *
jd_store_open_reader (JdStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  return jd_db_open (jd_store_get_path (self), JD_DB_OPEN_READ_ONLY, error);
}

/* Tells every listener that @topics changed, at once. Writes through
 * the store's connection are told without it; this is for those the
 * caller knows of sooner than the data version shows them. */
void
jd_store_changed (JdStore  *self,
                  JdTopics  topics)
{
  g_return_if_fail (JD_IS_STORE (self));

  if (topics != JD_TOPIC_NONE)
    g_signal_emit (self, signals[CHANGED], 0, topics);
}

JdStoreConnection
jd_store_get_connection_state (JdStore *self)
{
  g_return_val_if_fail (JD_IS_STORE (self), JD_STORE_CONNECTION_ONLINE);

  return self->connection;
}

void
jd_store_set_connection_state (JdStore           *self,
                               JdStoreConnection  state)
{
  g_return_if_fail (JD_IS_STORE (self));

  if (self->connection == state)
    return;
  /* Not the path: a connection string may hold a password. */
  g_debug ("Connection: %s",
           state == JD_STORE_CONNECTION_ONLINE ? "online" :
           state == JD_STORE_CONNECTION_LOST ? "lost" : "reconnecting");
  self->connection = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION_STATE]);
}

/* Does nothing unless the server is lost (and for a file). */
void
jd_store_reconnect_now (JdStore *self)
{
  g_return_if_fail (JD_IS_STORE (self));

  if (self->watch != NULL && self->connection == JD_STORE_CONNECTION_LOST)
    jd_db_watch_retry_now (self->watch);
}

/**
 * jd_store_watch:
 *
 * Asks the store to tell writes made through other connections (another
 * desk, a worker thread) on ::changed, by reading the data version about
 * once a second from now on. Each call is undone by one
 * jd_store_unwatch(); the store reads nothing while nobody watches, so
 * an idle program does not wake every second. A write made while
 * nobody watched is told by the first read after.
 *
 * Call it on the thread that made the store.
 */
void
jd_store_watch (JdStore *self)
{
  g_return_if_fail (JD_IS_STORE (self));
  g_return_if_fail (self->watch != NULL);

  if (self->n_watches++ > 0)
    return;

  g_assert (self->poll == NULL);
  self->poll = g_timeout_source_new_seconds (POLL_SECONDS);
  g_source_set_callback (self->poll, poll_cb, self, NULL);
  g_source_set_static_name (self->poll, "[jd-store] data version");
  g_source_attach (self->poll, self->context);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED]);
}

/* Undoes one jd_store_watch(). */
void
jd_store_unwatch (JdStore *self)
{
  g_return_if_fail (JD_IS_STORE (self));
  g_return_if_fail (self->n_watches > 0);

  if (--self->n_watches > 0)
    return;

  if (self->poll != NULL)
    {
      g_source_destroy (self->poll);
      g_clear_pointer (&self->poll, g_source_unref);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHED]);
}

gboolean
jd_store_get_watched (JdStore *self)
{
  g_return_val_if_fail (JD_IS_STORE (self), FALSE);

  return self->n_watches > 0;
}

/**
 * jd_store_dup_actor:
 *
 * Returns: (transfer full) (nullable): the person signed in, or %NULL
 */
JdStaff *
jd_store_dup_actor (JdStore *self)
{
  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  return jd_db_get_actor (self->db);
}

/* 0 when nobody is signed in, or for the command line. */
gint64
jd_store_get_actor_id (JdStore *self)
{
  g_return_val_if_fail (JD_IS_STORE (self), 0);

  return jd_db_get_actor_id (self->db);
}

/**
 * jd_store_sign_in:
 *
 * As jd_staff_sign_in(), and notifies #JdStore:actor.
 *
 * Returns: (transfer full): the person now signed in
 */
JdStaff *
jd_store_sign_in (JdStore     *self,
                  const char  *login,
                  const char  *password,
                  GError     **error)
{
  JdStaff *staff;

  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  staff = jd_staff_sign_in (self->db, login, password, error);
  if (staff != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
  return staff;
}

/**
 * jd_store_set_up_centre:
 *
 * As jd_staff_set_up_centre(), which signs the administrator in, and
 * notifies #JdStore:actor.
 *
 * Returns: (transfer full): the first administrator
 */
JdStaff *
jd_store_set_up_centre (JdStore     *self,
                        const char  *centre_name,
                        const char  *full_name,
                        const char  *login,
                        const char  *password,
                        GError     **error)
{
  JdStaff *staff;

  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  staff = jd_staff_set_up_centre (self->db, centre_name, full_name, login,
                                  password, error);
  if (staff != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
  return staff;
}

void
jd_store_sign_out (JdStore *self)
{
  g_autoptr(JdStaff) actor = NULL;

  g_return_if_fail (JD_IS_STORE (self));

  actor = jd_db_get_actor (self->db);
  if (actor == NULL)
    return;

  jd_staff_sign_out (self->db);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

/**
 * jd_store_get_setting:
 * @key: one of the JD_SETTING_ keys
 *
 * Returns: (transfer full) (nullable): the value, or %NULL when unset
 */
char *
jd_store_get_setting (JdStore    *self,
                      const char *key)
{
  g_return_val_if_fail (JD_IS_STORE (self), NULL);

  return jd_db_get_setting (self->db, key);
}

/* As jd_db_set_setting(): the administrator's, audited; ::changed
 * tells JD_TOPIC_SETTINGS. */
gboolean
jd_store_set_setting (JdStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  g_return_val_if_fail (JD_IS_STORE (self), FALSE);

  return jd_db_set_setting (self->db, key, value, error);
}

/**
 * jd_store_param_spec_construct_only:
 *
 * Returns: (transfer floating): a new "store" property: a #JdStore, read
 *   and written, given only at construction
 */
GParamSpec *
jd_store_param_spec_construct_only (void)
{
  return g_param_spec_object ("store", NULL, NULL,
                              JD_TYPE_STORE,
                              (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                               G_PARAM_STATIC_STRINGS));
}
