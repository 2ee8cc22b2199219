/* jd-form.c: the base of the forms (visitor, consultation, event)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every form does the same way lives here: the store, the dirty
 * flag, the banner, the title, "form.save" / "form.cancel" /
 * "form.reload" with their keys, asking before typed data is thrown
 * away, and noticing that the record was changed elsewhere while the
 * form was open. The subclass checks, saves and loads its own fields.
 */
#define G_LOG_DOMAIN "jd-form"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-form.h"

typedef struct
{
  /* owned */
  JdStore   *store;

  /* children of the form, which live as long: the field to scroll to
   * after the next paint */
  GtkWidget *scroll_row;
  GtkWidget *scroll_message;

  gboolean   dirty;
  gboolean   closing;     /* saved or discarded: on its way out */

  /* The saved record edited (jd_form_set_record()), 0: a new one. */
  JdRecordKind record_kind;
  gint64     record_id;
  gint64     record_version;
  gboolean   stale;       /* changed elsewhere since it was loaded */
} JdFormPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (JdForm, jd_form, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A part every form's template has (see jd-form.h). */
static gpointer
template_part (JdForm     *self,
               const char *name,
               GType       type)
{
  GObject *part = gtk_widget_get_template_child (GTK_WIDGET (self), G_OBJECT_TYPE (self), name);

  g_assert (G_TYPE_CHECK_INSTANCE_TYPE (part, type));
  return part;
}

void
jd_form_class_bind_template_parts (GtkWidgetClass *widget_class)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), JD_TYPE_FORM));

  /* Offset 0: only found by name, in template_part(). */
  gtk_widget_class_bind_template_child_full (widget_class, "window_title", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "banner", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "banner_label", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "banner_retry", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "banner_reload", FALSE, 0);
}

/* The one place the actions follow the state. */
static void
update_actions (JdForm *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  /* Once saved or discarded, nothing more is done from this form. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", !priv->closing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.cancel", !priv->closing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.reload",
                                 !priv->closing && priv->record_id != 0 &&
                                 JD_FORM_GET_CLASS (self)->reload != NULL);
}

static gboolean
destroy_idle_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

void
jd_form_close_later (JdForm *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  g_return_if_fail (JD_IS_FORM (self));

  jd_form_set_dirty (self, FALSE);
  if (priv->closing)
    return;
  priv->closing = TRUE;
  update_actions (self);

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

void
jd_form_saved (JdForm *self,
               gint64  id)
{
  g_return_if_fail (JD_IS_FORM (self));
  g_return_if_fail (id != 0);

  g_signal_emit (self, signals[SAVED], 0, id);
  jd_form_close_later (self);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     JdForm           *self)
{
  /* Closed later: a dialog's response handler must not destroy the
   * dialog's parent under it. */
  if (g_str_equal (response, "discard"))
    jd_form_close_later (self);
}

/* "Discard What Was Typed?", in the subclass's words. */
static void
ask_discard (JdForm *self)
{
  JdFormClass *klass = JD_FORM_GET_CLASS (self);
  GtkWidget *dialog;

  g_assert (klass->discard_body != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard What Was Typed?"),
                                   klass->discard_body (self));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  JdForm *self = JD_FORM (widget);
  JdFormClass *klass = JD_FORM_GET_CLASS (self);

  g_assert (klass->save != NULL);
  klass->save (self);
}

static void
reload (JdForm *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  if (priv->closing)
    return;
  JD_FORM_GET_CLASS (self)->reload (self);
}

static void
reload_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    JdForm           *self)
{
  if (g_str_equal (response, "reload"))
    reload (self);
}

/* "Reload": the record as it is saved now. What was typed is lost, so
 * a dirty form asks first. */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JdForm *self = JD_FORM (widget);
  JdFormPrivate *priv = jd_form_get_instance_private (self);
  GtkWidget *dialog;

  if (!priv->dirty)
    {
      reload (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reload and Lose What Was Typed?"),
                                   _("The form will show the record as it is saved now. "
                                     "What you typed here since opening it will be lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reload_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Cancel button and Escape: closes at once when nothing was typed,
 * otherwise asks first. */
static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  JdForm *self = JD_FORM (widget);
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  if (!priv->dirty)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  ask_discard (self);
}

static gboolean
jd_form_close_request (GtkWindow *window)
{
  JdForm *self = JD_FORM (window);
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  if (priv->dirty)
    {
      ask_discard (self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (jd_form_parent_class)->close_request (window);
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
                JdForm        *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);
  GtkWidget *row = g_steal_pointer (&priv->scroll_row);
  GtkWidget *message = g_steal_pointer (&priv->scroll_message);

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);
  if (row != NULL)
    scroll_into_view (row, message);
}

void
jd_form_focus_field (JdForm    *self,
                     GtkWidget *row,
                     GtkWidget *message)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);
  GdkFrameClock *clock;

  g_return_if_fail (JD_IS_FORM (self) && GTK_IS_WIDGET (row));
  g_return_if_fail (gtk_widget_is_ancestor (row, GTK_WIDGET (self)));

  gtk_widget_grab_focus (row);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;

  /* Once per paint, for the field asked last. */
  if (priv->scroll_row == NULL)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), self, 0);
  priv->scroll_row = row;
  priv->scroll_message = message;
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

JdStore *
jd_form_get_store (JdForm *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  g_return_val_if_fail (JD_IS_FORM (self), NULL);

  return priv->store;
}

gboolean
jd_form_get_dirty (JdForm *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  g_return_val_if_fail (JD_IS_FORM (self), FALSE);

  return priv->dirty;
}

void
jd_form_set_dirty (JdForm   *self,
                   gboolean  dirty)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  g_return_if_fail (JD_IS_FORM (self));

  dirty = !!dirty;
  if (priv->dirty == dirty)
    return;

  priv->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

void
jd_form_set_title (JdForm     *self,
                   const char *title)
{
  g_return_if_fail (JD_IS_FORM (self));

  adw_window_title_set_title (template_part (self, "window_title", ADW_TYPE_WINDOW_TITLE), title);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The banner with @message, and Reload instead of Try Again when
 * @stale: saving again could only be refused again. */
static void
show_banner (JdForm     *self,
             const char *message,
             gboolean    stale)
{
  gtk_label_set_label (template_part (self, "banner_label", GTK_TYPE_LABEL), message);
  gtk_widget_set_visible (template_part (self, "banner_retry", GTK_TYPE_BUTTON), !stale);
  gtk_widget_set_visible (template_part (self, "banner_reload", GTK_TYPE_BUTTON), stale);
  gtk_revealer_set_reveal_child (template_part (self, "banner", GTK_TYPE_REVEALER), TRUE);
}

void
jd_form_show_banner (JdForm     *self,
                     const char *message)
{
  g_return_if_fail (JD_IS_FORM (self));
  g_return_if_fail (message != NULL);

  show_banner (self, message, FALSE);
}

void
jd_form_show_error (JdForm       *self,
                    const GError *error)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  g_return_if_fail (JD_IS_FORM (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_CHANGED_ELSEWHERE) &&
      priv->record_id != 0 && JD_FORM_GET_CLASS (self)->reload != NULL)
    {
      priv->stale = TRUE;
      show_banner (self, error->message, TRUE);
      return;
    }
  show_banner (self, error->message, FALSE);
}

/* Told early, before a save is tried: the words do not name anyone,
 * the refused save will. */
static const char *
changed_message (JdRecordKind kind)
{
  switch (kind)
    {
    case JD_RECORD_VISITOR:
      return _("This visitor was changed elsewhere while it was open here. Reload to see the changes.");
    case JD_RECORD_CONSULTATION:
      return _("This consultation was changed elsewhere while it was open here. Reload to see the changes.");
    case JD_RECORD_EVENT:
    default:
      return _("This event was changed elsewhere while it was open here. Reload to see the changes.");
    }
}

static JdTopics
record_topic (JdRecordKind kind)
{
  switch (kind)
    {
    case JD_RECORD_VISITOR:
      return JD_TOPIC_VISITORS;
    case JD_RECORD_CONSULTATION:
      return JD_TOPIC_CONSULTATIONS;
    case JD_RECORD_EVENT:
    default:
      return JD_TOPIC_EVENTS;
    }
}

/* A write somewhere: if it moved this form's record on, say so, and
 * leave every field as it is. A record deleted meanwhile is told by
 * the save. */
static void
store_changed_cb (JdStore  *store,
                  JdTopics  topics,
                  JdForm   *self)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);
  gint64 version;

  if (priv->closing || priv->stale || priv->record_id == 0 ||
      (topics & record_topic (priv->record_kind)) == 0)
    return;

  version = jd_record_get_version (jd_store_get_db (store), priv->record_kind, priv->record_id, NULL);
  if (version <= 0 || version == priv->record_version)
    return;

  priv->stale = TRUE;
  show_banner (self, changed_message (priv->record_kind), TRUE);
}

void
jd_form_set_record (JdForm       *self,
                    JdRecordKind  kind,
                    gint64        id,
                    gint64        version)
{
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  g_return_if_fail (JD_IS_FORM (self));
  g_return_if_fail (priv->store != NULL);

  if (priv->record_id == 0 && id != 0)
    g_signal_connect_object (priv->store, "changed", G_CALLBACK (store_changed_cb), self, 0);
  else if (priv->record_id != 0 && id == 0)
    g_signal_handlers_disconnect_by_func (priv->store, store_changed_cb, self);

  priv->record_kind = kind;
  priv->record_id = id;
  priv->record_version = version;
  if (priv->stale)
    {
      priv->stale = FALSE;
      jd_form_hide_banner (self);
    }
  update_actions (self);
}

void
jd_form_hide_banner (JdForm *self)
{
  g_return_if_fail (JD_IS_FORM (self));

  gtk_revealer_set_reveal_child (template_part (self, "banner", GTK_TYPE_REVEALER), FALSE);
}

static void
jd_form_dispose (GObject *object)
{
  JdForm *self = JD_FORM (object);
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  priv->scroll_row = NULL;
  priv->scroll_message = NULL;
  if (priv->store != NULL)
    g_signal_handlers_disconnect_by_func (priv->store, store_changed_cb, self);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (jd_form_parent_class)->dispose (object);
}

static void
jd_form_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  JdForm *self = JD_FORM (object);
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;

    case PROP_DIRTY:
      g_value_set_boolean (value, priv->dirty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_form_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  JdForm *self = JD_FORM (object);
  JdFormPrivate *priv = jd_form_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_assert (priv->store == NULL);
      priv->store = g_value_dup_object (value);
      break;

    case PROP_DIRTY:
      jd_form_set_dirty (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_form_class_init (JdFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = jd_form_dispose;
  object_class->get_property = jd_form_get_property;
  object_class->set_property = jd_form_set_property;
  window_class->close_request = jd_form_close_request;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  /* Something was typed that is not saved: closing asks first. */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JdForm::saved:
   * @id: what was saved (the subclass says what the id is of)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "form.reload", NULL, reload_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "form.cancel", NULL);
}

static void
jd_form_init (JdForm *self)
{
  GtkEventController *keys;

  /* Ctrl+Enter saves wherever the focus is. Capture, before the focused
   * widget: a text view would take it as a new line. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  update_actions (self);
}
