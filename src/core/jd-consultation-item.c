/* jd-consultation-item.c: one consultation of a list, as an object
 *
 * The consultations page shows its lists through models of these: a
 * row's handler takes the consultation from the row's item rather than
 * from an id kept on the widget. The item owns the row the list query
 * returned, so a row shows what it needs without another query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultation"

#include "config.h"

#include "jd-consultation-item.h"

struct _JdConsultationItem
{
  GObject            parent_instance;

  JdConsultationRow *row;
};

G_DEFINE_FINAL_TYPE (JdConsultationItem, jd_consultation_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

JdConsultationItem *
jd_consultation_item_new_take (JdConsultationRow *row)
{
  JdConsultationItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (JD_TYPE_CONSULTATION_ITEM, NULL);
  self->row = row;
  return self;
}

const JdConsultationRow *
jd_consultation_item_get_row (JdConsultationItem *self)
{
  g_return_val_if_fail (JD_IS_CONSULTATION_ITEM (self), NULL);
  return self->row;
}

gint64
jd_consultation_item_get_id (JdConsultationItem *self)
{
  g_return_val_if_fail (JD_IS_CONSULTATION_ITEM (self), 0);
  return self->row->id;
}

GPtrArray *
jd_consultation_items_take (GPtrArray *rows)
{
  GPtrArray *items;

  g_return_val_if_fail (rows != NULL, NULL);

  items = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, jd_consultation_item_new_take (g_ptr_array_index (rows, i)));
  /* The items own the rows now. */
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_set_size (rows, 0);
  return items;
}

static void
jd_consultation_item_finalize (GObject *object)
{
  JdConsultationItem *self = JD_CONSULTATION_ITEM (object);

  g_clear_pointer (&self->row, jd_consultation_row_free);

  G_OBJECT_CLASS (jd_consultation_item_parent_class)->finalize (object);
}

static void
jd_consultation_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  JdConsultationItem *self = JD_CONSULTATION_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->row ? self->row->id : 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_consultation_item_class_init (JdConsultationItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_consultation_item_finalize;
  object_class->get_property = jd_consultation_item_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_consultation_item_init (JdConsultationItem *self)
{
}
