/* jd-form.c: what the forms (visitor, consultation, event) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-form.h"

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

void
jd_form_close_later (GtkWindow *form)
{
  g_return_if_fail (GTK_IS_WINDOW (form));

  gtk_widget_set_visible (GTK_WIDGET (form), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (form), g_object_unref);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *form)
{
  void (*discard) (GtkWindow *) = g_object_get_data (G_OBJECT (dialog), "jd-discard");

  if (g_str_equal (response, "discard"))
    discard (form);
}

void
jd_form_ask_discard (GtkWindow   *form,
                     const char  *body,
                     void       (*discard) (GtkWindow *form))
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WINDOW (form) && discard != NULL);

  dialog = adw_message_dialog_new (form, _("Discard What Was Typed?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_object_set_data (G_OBJECT (dialog), "jd-discard", discard);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), form, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkWidget             *form)
{
  if ((state & GDK_CONTROL_MASK) == 0 ||
      (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter))
    return GDK_EVENT_PROPAGATE;

  gtk_widget_activate_action (form, "form.save", NULL);
  return GDK_EVENT_STOP;
}

void
jd_form_add_save_shortcut (GtkWindow *form)
{
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_WINDOW (form));

  /* Capture: a text view would take Ctrl+Enter as a new line. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), form);
  gtk_widget_add_controller (GTK_WIDGET (form), keys);
}

typedef struct
{
  GtkWidget *row;      /* children of the form: they live as long */
  GtkWidget *message;
} PendingScroll;

/* Scrolls the page so that @row and the @message under it show. */
static void
scroll_into_view (GtkWidget *row,
                  GtkWidget *message)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double top, bottom, value;

  if (scrolled == NULL)
    return;
  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (GTK_IS_VIEWPORT (content))
    content = gtk_viewport_get_child (GTK_VIEWPORT (content));
  if (content == NULL || !gtk_widget_compute_bounds (row, content, &bounds))
    return;

  top = bounds.origin.y;
  bottom = bounds.origin.y + bounds.size.height;
  if (message != NULL && gtk_widget_get_visible (message) &&
      gtk_widget_compute_bounds (message, content, &bounds))
    bottom = bounds.origin.y + bounds.size.height;

  /* A little room around it, as for the group's title. */
  top -= 24;
  bottom += 12;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  if (bottom > value + gtk_adjustment_get_page_size (adjustment))
    value = bottom - gtk_adjustment_get_page_size (adjustment);
  if (top < value)
    value = top;
  /* Set, not animated: this also ends the scrolling that GtkViewport
   * started on the focus change, towards where the row was before the
   * messages moved it. */
  gtk_adjustment_set_value (adjustment, value);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWindow     *form)
{
  PendingScroll *pending = g_object_steal_data (G_OBJECT (form), "jd-form-scroll");

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, form);
  if (pending != NULL)
    scroll_into_view (pending->row, pending->message);
  g_free (pending);
}

void
jd_form_focus_field (GtkWindow *form,
                     GtkWidget *row,
                     GtkWidget *message)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (form));
  PendingScroll *pending;

  g_return_if_fail (GTK_IS_WINDOW (form) && GTK_IS_WIDGET (row));

  gtk_widget_grab_focus (row);
  if (clock == NULL)
    return;

  /* Once per paint, for the field asked last. */
  if (g_object_get_data (G_OBJECT (form), "jd-form-scroll") == NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), form, 0);
  pending = g_new (PendingScroll, 1);
  pending->row = row;
  pending->message = message;
  g_object_set_data_full (G_OBJECT (form), "jd-form-scroll", pending, g_free);
  gtk_widget_queue_allocate (GTK_WIDGET (form));
}

void
jd_form_cancel (GtkWindow   *form,
                gboolean     dirty,
                const char  *body,
                void       (*discard) (GtkWindow *form))
{
  if (!dirty)
    {
      gtk_window_destroy (form);
      return;
    }

  jd_form_ask_discard (form, body, discard);
}
