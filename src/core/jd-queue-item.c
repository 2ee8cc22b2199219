/* jd-queue-item.c: one entry of the waiting queue, as an object
 *
 * The consultations page shows each service's queue through a model of
 * these: a row's handler takes the entry from the row's item rather than
 * from an id kept on the widget. The item owns the entry the queue query
 * returned, so a row shows what it needs without another query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-queue"

#include "config.h"

#include "jd-queue-item.h"

struct _JdQueueItem
{
  GObject       parent_instance;

  JdQueueEntry *entry;
};

G_DEFINE_FINAL_TYPE (JdQueueItem, jd_queue_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

JdQueueItem *
jd_queue_item_new_take (JdQueueEntry *entry)
{
  JdQueueItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (JD_TYPE_QUEUE_ITEM, NULL);
  self->entry = entry;
  return self;
}

const JdQueueEntry *
jd_queue_item_get_entry (JdQueueItem *self)
{
  g_return_val_if_fail (JD_IS_QUEUE_ITEM (self), NULL);
  return self->entry;
}

gint64
jd_queue_item_get_id (JdQueueItem *self)
{
  g_return_val_if_fail (JD_IS_QUEUE_ITEM (self), 0);
  return self->entry->id;
}

GPtrArray *
jd_queue_items_take (GPtrArray *entries)
{
  GPtrArray *items;

  g_return_val_if_fail (entries != NULL, NULL);

  items = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (items, jd_queue_item_new_take (g_ptr_array_index (entries, i)));
  /* The items own the entries now. */
  g_ptr_array_set_free_func (entries, NULL);
  g_ptr_array_set_size (entries, 0);
  return items;
}

static void
jd_queue_item_finalize (GObject *object)
{
  JdQueueItem *self = JD_QUEUE_ITEM (object);

  g_clear_pointer (&self->entry, jd_queue_entry_free);

  G_OBJECT_CLASS (jd_queue_item_parent_class)->finalize (object);
}

static void
jd_queue_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JdQueueItem *self = JD_QUEUE_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->entry ? self->entry->id : 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_queue_item_class_init (JdQueueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_queue_item_finalize;
  object_class->get_property = jd_queue_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_queue_item_init (JdQueueItem *self)
{
}
