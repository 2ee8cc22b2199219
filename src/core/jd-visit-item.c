/* jd-visit-item.c: one visit of a day's list, as an object
 *
 * The front desk shows today's visits through a model of these: the
 * Check Out button of a row acts on the row's item rather than on an id
 * kept on the widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visit"

#include "config.h"

#include "jd-visit-item.h"

struct _JdVisitItem
{
  GObject  parent_instance;

  gint64   visit_id;
  gint64   visitor_id;
  gint64   time_in;
  gint64   time_out;
  char    *display_name;
  GStrv    purposes;
};

G_DEFINE_FINAL_TYPE (JdVisitItem, jd_visit_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_VISIT_ID,
  PROP_DISPLAY_NAME,
  PROP_TIME_OUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

JdVisitItem *
jd_visit_item_new (const JdVisitRow *row)
{
  JdVisitItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (JD_TYPE_VISIT_ITEM, NULL);
  self->visit_id = row->visit_id;
  self->visitor_id = row->visitor_id;
  self->time_in = row->time_in;
  self->time_out = row->time_out;
  self->display_name = g_strdup (row->display_name);
  self->purposes = g_strdupv (row->purposes);
  return self;
}

gint64
jd_visit_item_get_visit_id (JdVisitItem *self)
{
  g_return_val_if_fail (JD_IS_VISIT_ITEM (self), 0);
  return self->visit_id;
}

gint64
jd_visit_item_get_visitor_id (JdVisitItem *self)
{
  g_return_val_if_fail (JD_IS_VISIT_ITEM (self), 0);
  return self->visitor_id;
}

gint64
jd_visit_item_get_time_in (JdVisitItem *self)
{
  g_return_val_if_fail (JD_IS_VISIT_ITEM (self), 0);
  return self->time_in;
}

gint64
jd_visit_item_get_time_out (JdVisitItem *self)
{
  g_return_val_if_fail (JD_IS_VISIT_ITEM (self), 0);
  return self->time_out;
}

const char *
jd_visit_item_get_display_name (JdVisitItem *self)
{
  g_return_val_if_fail (JD_IS_VISIT_ITEM (self), NULL);
  return self->display_name;
}

const char * const *
jd_visit_item_get_purposes (JdVisitItem *self)
{
  g_return_val_if_fail (JD_IS_VISIT_ITEM (self), NULL);
  return (const char * const *) self->purposes;
}

static void
jd_visit_item_finalize (GObject *object)
{
  JdVisitItem *self = JD_VISIT_ITEM (object);

  g_free (self->display_name);
  g_strfreev (self->purposes);

  G_OBJECT_CLASS (jd_visit_item_parent_class)->finalize (object);
}

static void
jd_visit_item_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JdVisitItem *self = JD_VISIT_ITEM (object);

  switch (prop_id)
    {
    case PROP_VISIT_ID:
      g_value_set_int64 (value, self->visit_id);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_TIME_OUT:
      g_value_set_int64 (value, self->time_out);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visit_item_class_init (JdVisitItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_visit_item_finalize;
  object_class->get_property = jd_visit_item_get_property;

  properties[PROP_VISIT_ID] =
    g_param_spec_int64 ("visit-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Unix seconds; 0 while the visitor is still here */
  properties[PROP_TIME_OUT] =
    g_param_spec_int64 ("time-out", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_visit_item_init (JdVisitItem *self)
{
}
