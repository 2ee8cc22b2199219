/* jd-form.h: the base of the forms (visitor, consultation, event)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_FORM (jd_form_get_type ())

G_DECLARE_DERIVABLE_TYPE (JdForm, jd_form, JD, FORM, AdwWindow)

/* A form window: it owns the "store", knows whether something was typed
 * ("dirty"), and has the "form.save" and "form.cancel" actions (Ctrl+Enter
 * from any field, Escape and the window's close button). Cancelling or
 * closing a dirty form asks before throwing what was typed away.
 *
 * A subclass's template (parent="JdForm") names its AdwWindowTitle
 * "window_title", and the GtkRevealer of its banner "banner" with the
 * GtkLabel "banner_label". */
struct _JdFormClass
{
  AdwWindowClass parent_class;

  /* "form.save": checks what was typed and saves it, then calls
   * jd_form_saved(); or shows what is wrong and keeps everything. */
  void         (*save)         (JdForm *self);
  /* The body of "Discard What Was Typed?" (translated). */
  const char * (*discard_body) (JdForm *self);
};

/* Binds the parts named above; after the subclass's
 * gtk_widget_class_set_template_from_resource(). */
void      jd_form_class_bind_template_parts (GtkWidgetClass *widget_class);

JdStore  *jd_form_get_store      (JdForm     *self);
gboolean  jd_form_get_dirty      (JdForm     *self);
void      jd_form_set_dirty      (JdForm     *self,
                                  gboolean    dirty);
/* The header's title, which the window list and screen readers also
 * name the window by. */
void      jd_form_set_title      (JdForm     *self,
                                  const char *title);
/* What went wrong that is no single field's fault (the database refused,
 * the person may not do it), above the form until the next try. */
void      jd_form_show_banner    (JdForm     *self,
                                  const char *message);
void      jd_form_hide_banner    (JdForm     *self);
/* Emits "saved" (@id) and closes the form. */
void      jd_form_saved          (JdForm     *self,
                                  gint64      id);
/* Forgets what was typed, hides the form now and destroys it once the
 * handler that asked (a dialog's response) is done with it. */
void      jd_form_close_later    (JdForm     *self);

/* Focuses @row and, once the form has been laid out again (with the
 * @message under it just shown), scrolls so that both show: focus
 * alone does not scroll the page. */
void      jd_form_focus_field    (JdForm     *self,
                                  GtkWidget  *row,
                                  GtkWidget  *message);

G_END_DECLS
