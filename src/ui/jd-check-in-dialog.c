/* jd-check-in-dialog.c: choosing the purposes of a visit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keyboard first: the most common purpose is ticked, digits 1–9 tick or
 * untick the purposes of that number, Enter checks in, Escape cancels.
 */
#define G_LOG_DOMAIN "jd-check-in-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-check-in-dialog.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "jd-visitor-rows.h"

struct _JdCheckInDialog
{
  AdwMessageDialog  parent_instance;

  /* owned by the widget tree */
  GPtrArray        *checks;   /* GtkCheckButton, one per purpose; array owned */

  /* owned */
  JdSearchHit      *hit;
};

G_DEFINE_FINAL_TYPE (JdCheckInDialog, jd_check_in_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum
{
  PROP_0,
  PROP_HIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

JdSearchHit *
jd_check_in_dialog_get_hit (JdCheckInDialog *self)
{
  g_return_val_if_fail (JD_IS_CHECK_IN_DIALOG (self), NULL);

  return self->hit;
}

void
jd_check_in_dialog_toggle (JdCheckInDialog *self,
                           guint            index)
{
  GtkCheckButton *check;

  g_return_if_fail (JD_IS_CHECK_IN_DIALOG (self));

  if (index >= self->checks->len)
    return;

  check = g_ptr_array_index (self->checks, index);
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

GStrv
jd_check_in_dialog_get_purposes (JdCheckInDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const JdChoice *purposes;
  guint n;

  g_return_val_if_fail (JD_IS_CHECK_IN_DIALOG (self), NULL);

  purposes = jd_visit_purposes (&n);
  for (guint i = 0; i < n && i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_strv_builder_add (builder, purposes[i].code);

  return g_strv_builder_end (builder);
}

static void
update_response (JdCheckInDialog *self)
{
  g_auto(GStrv) purposes = jd_check_in_dialog_get_purposes (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "check-in",
                                           purposes[0] != NULL);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                JdCheckInDialog       *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;

  /* Enter confirms wherever the focus is; on a check box it would
   * otherwise tick it. */
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      /* Press the Check In button itself rather than respond and then
       * close: the button closes the dialog first and responds once it
       * is gone. Responding while the dialog was still open (toast,
       * focus moved to the window behind a modal dialog) and closing it
       * afterwards from its own key handler sent a second, "cancel",
       * response and left GTK 4.8's accessibility layer listing a
       * dialog whose accessible object was already gone. */
      GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (self));

      g_assert (button != NULL);
      if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "check-in"))
        g_signal_emit_by_name (button, "clicked");
      return GDK_EVENT_STOP;
    }

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    {
      jd_check_in_dialog_toggle (self, keyval - GDK_KEY_1);
      return GDK_EVENT_STOP;
    }
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    {
      jd_check_in_dialog_toggle (self, keyval - GDK_KEY_KP_1);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
jd_check_in_dialog_finalize (GObject *object)
{
  JdCheckInDialog *self = JD_CHECK_IN_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (jd_check_in_dialog_parent_class)->finalize (object);
}

static void
jd_check_in_dialog_dispose (GObject *object)
{
  JdCheckInDialog *self = JD_CHECK_IN_DIALOG (object);

  g_clear_object (&self->hit);

  G_OBJECT_CLASS (jd_check_in_dialog_parent_class)->dispose (object);
}

static void
jd_check_in_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  JdCheckInDialog *self = JD_CHECK_IN_DIALOG (object);

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
jd_check_in_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  JdCheckInDialog *self = JD_CHECK_IN_DIALOG (object);

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
jd_check_in_dialog_class_init (JdCheckInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = jd_check_in_dialog_dispose;
  object_class->finalize = jd_check_in_dialog_finalize;
  object_class->get_property = jd_check_in_dialog_get_property;
  object_class->set_property = jd_check_in_dialog_set_property;

  /* Who is checked in; never changes. */
  properties[PROP_HIT] =
    g_param_spec_object ("hit", NULL, NULL,
                         JD_TYPE_SEARCH_HIT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_check_in_dialog_init (JdCheckInDialog *self)
{
  GtkEventController *keys;
  GtkWidget *grid;
  const JdChoice *purposes;
  guint n;

  self->checks = g_ptr_array_new ();

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "check-in", _("C_heck In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "check-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "check-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  /* Two columns so that all purposes fit without scrolling. */
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);

  purposes = jd_visit_purposes (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      GtkWidget *check;

      /* Digits 1–9 tick the first nine purposes. */
      if (i < 9)
        label = g_strdup_printf ("%u  %s", i + 1, jd_choice_label (purposes, n, purposes[i].code));
      else
        label = g_strdup (jd_choice_label (purposes, n, purposes[i].code));

      check = gtk_check_button_new_with_label (label);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), i == 0);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_response), self);
      gtk_grid_attach (GTK_GRID (grid), check, (int) (i % 2), (int) (i / 2), 1, 1);
      g_ptr_array_add (self->checks, check);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), grid);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

JdCheckInDialog *
jd_check_in_dialog_new (GtkWindow   *parent,
                        JdSearchHit *hit)
{
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GString) body = g_string_new (_("Why has the visitor come? Tick one or more (keys 1–9), then press Enter."));

  g_return_val_if_fail (JD_IS_SEARCH_HIT (hit), NULL);

  name = jd_visitor_join_name (jd_search_hit_get_given_name (hit), jd_search_hit_get_surname (hit), NULL);
  note = jd_visitor_age_note (jd_search_hit_get_birth_date (hit));
  /* Imported from a list that said nothing of consent: ask now. */
  if (!jd_search_hit_get_consent_given (hit))
    {
      g_autofree char *age = g_steal_pointer (&note);

      note = g_strjoin ("\n", _("Consent not recorded: ask for it and record it in the visitor’s "
                                 "details."), age, NULL);
    }

  /* Translators: the heading of the check-in dialog; %s is a person's name. */
  heading = g_strdup_printf (_("Check In %s"), name);
  if (note != NULL)
    {
      g_string_prepend (body, "\n\n");
      g_string_prepend (body, note);
    }

  return g_object_new (JD_TYPE_CHECK_IN_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body->str,
                       "hit", hit,
                       NULL);
}
