/* jd-choice-item.c: a code and its label, as an item of a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-choice-item"

#include "config.h"

#include "jd-choice-item.h"

struct _JdChoiceItem
{
  GObject  parent_instance;

  char    *code;    /* "" for "nothing chosen" */
  char    *label;
};

G_DEFINE_FINAL_TYPE (JdChoiceItem, jd_choice_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_choice_item_finalize (GObject *object)
{
  JdChoiceItem *self = JD_CHOICE_ITEM (object);

  g_free (self->code);
  g_free (self->label);

  G_OBJECT_CLASS (jd_choice_item_parent_class)->finalize (object);
}

static void
jd_choice_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JdChoiceItem *self = JD_CHOICE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_choice_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JdChoiceItem *self = JD_CHOICE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_assert (self->code == NULL);
      self->code = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      g_assert (self->label == NULL);
      self->label = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_choice_item_class_init (JdChoiceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_choice_item_finalize;
  object_class->get_property = jd_choice_item_get_property;
  object_class->set_property = jd_choice_item_set_property;

  /* The code stored in the database; "" for "nothing chosen". */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* What people read, translated. */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_choice_item_init (JdChoiceItem *self)
{
}

JdChoiceItem *
jd_choice_item_new (const char *code,
                    const char *label)
{
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_object_new (JD_TYPE_CHOICE_ITEM, "code", code, "label", label, NULL);
}

const char *
jd_choice_item_get_code (JdChoiceItem *self)
{
  g_return_val_if_fail (JD_IS_CHOICE_ITEM (self), NULL);

  return self->code;
}

const char *
jd_choice_item_get_label (JdChoiceItem *self)
{
  g_return_val_if_fail (JD_IS_CHOICE_ITEM (self), NULL);

  return self->label;
}
