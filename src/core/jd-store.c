/* jd-store.c: one centre's data, as the program sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-store"

#include "config.h"

#include "jd-store.h"

struct _JdStore
{
  GObject  parent_instance;

  JdDb    *db;
};

G_DEFINE_FINAL_TYPE (JdStore, jd_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GType
jd_topics_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GFlagsValue values[] = {
        { JD_TOPIC_VISITORS, "JD_TOPIC_VISITORS", "visitors" },
        { JD_TOPIC_VISITS, "JD_TOPIC_VISITS", "visits" },
        { JD_TOPIC_QUEUE, "JD_TOPIC_QUEUE", "queue" },
        { JD_TOPIC_CONSULTATIONS, "JD_TOPIC_CONSULTATIONS", "consultations" },
        { JD_TOPIC_EVENTS, "JD_TOPIC_EVENTS", "events" },
        { JD_TOPIC_SETTINGS, "JD_TOPIC_SETTINGS", "settings" },
        { JD_TOPIC_STAFF, "JD_TOPIC_STAFF", "staff" },
        { 0, NULL, NULL },
      };
      GType id = g_flags_register_static (g_intern_static_string ("JdTopics"), values);

      g_once_init_leave (&type_id, id);
    }
  return type_id;
}

static void
jd_store_finalize (GObject *object)
{
  JdStore *self = (JdStore *) object;

  g_clear_pointer (&self->db, jd_db_close);

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_store_class_init (JdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_store_finalize;
  object_class->get_property = jd_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JdStore::changed:
   * @self: the store
   * @topics: what the committed write touched
   *
   * Emitted on the main thread after a write was committed.
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
}

/**
 * jd_store_new_for_db:
 * @db: (transfer full): an open database
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

/* Tells every listener that @topics changed: after a committed write. */
void
jd_store_changed (JdStore  *self,
                  JdTopics  topics)
{
  g_return_if_fail (JD_IS_STORE (self));

  if (topics != JD_TOPIC_NONE)
    g_signal_emit (self, signals[CHANGED], 0, topics);
}
