/* jd-visitor-row.c: one visitor found by the search, in a list
 *
 * Looks like an AdwActionRow (same CSS nodes) but is much cheaper to
 * lay out: its labels ellipsize instead of wrapping, so each is shaped
 * once rather than once per width tried. Fifty results appear at every
 * keystroke, and wrapping labels made that take half a second on the
 * 2-core desk machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor-row"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-visitor-row.h"
#include "jd-visitor-rows.h"

struct _JdVisitorRow
{
  GtkListBoxRow  parent_instance;

  /* template children */
  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  GtkLabel      *age_label;
  GtkLabel      *spelling_label;

  /* owned */
  JdSearchHit   *hit;
};

G_DEFINE_FINAL_TYPE (JdVisitorRow, jd_visitor_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  PROP_0,
  PROP_HIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_hit (JdVisitorRow *self)
{
  const char *name = jd_search_hit_get_name (self->hit);
  const char *phone = jd_search_hit_get_phone_masked (self->hit);
  g_autofree char *birth = jd_visitor_describe_birth (jd_search_hit_get_birth_date (self->hit));
  g_autofree char *note = jd_visitor_age_note (jd_search_hit_get_birth_date (self->hit));
  g_autofree char *subtitle = phone ? g_strdup_printf ("%s · %s", birth, phone) : g_strdup (birth);

  gtk_label_set_label (self->title_label, name);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  if (note != NULL)
    {
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->age_label), note);
      gtk_widget_set_visible (GTK_WIDGET (self->age_label), TRUE);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->spelling_label),
                          jd_search_hit_get_match (self->hit) == JD_MATCH_TRANSLIT);
}

GtkWidget *
jd_visitor_row_new (JdSearchHit *hit)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (hit), NULL);

  return g_object_new (JD_TYPE_VISITOR_ROW, "hit", hit, NULL);
}

JdSearchHit *
jd_visitor_row_get_hit (JdVisitorRow *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_ROW (self), NULL);

  return self->hit;
}

static void
jd_visitor_row_constructed (GObject *object)
{
  JdVisitorRow *self = JD_VISITOR_ROW (object);

  G_OBJECT_CLASS (jd_visitor_row_parent_class)->constructed (object);

  g_assert (self->hit != NULL);
  show_hit (self);
}

static void
jd_visitor_row_dispose (GObject *object)
{
  JdVisitorRow *self = JD_VISITOR_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), JD_TYPE_VISITOR_ROW);
  g_clear_object (&self->hit);

  G_OBJECT_CLASS (jd_visitor_row_parent_class)->dispose (object);
}

static void
jd_visitor_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JdVisitorRow *self = JD_VISITOR_ROW (object);

  switch (prop_id)
    {
    case PROP_HIT:
      g_value_set_object (value, self->hit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitor_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  JdVisitorRow *self = JD_VISITOR_ROW (object);

  switch (prop_id)
    {
    case PROP_HIT:
      self->hit = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitor_row_class_init (JdVisitorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = jd_visitor_row_constructed;
  object_class->dispose = jd_visitor_row_dispose;
  object_class->get_property = jd_visitor_row_get_property;
  object_class->set_property = jd_visitor_row_set_property;

  /* The visitor shown; never changes. */
  properties[PROP_HIT] =
    g_param_spec_object ("hit", NULL, NULL,
                         JD_TYPE_SEARCH_HIT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/kz/jastar/Desk/ui/jd-visitor-row.ui");
  gtk_widget_class_bind_template_child (widget_class, JdVisitorRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorRow, age_label);
  gtk_widget_class_bind_template_child (widget_class, JdVisitorRow, spelling_label);
}

static void
jd_visitor_row_init (JdVisitorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
