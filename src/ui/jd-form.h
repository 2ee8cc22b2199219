/* jd-form.h: the base of the forms (visitor, consultation, event)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-row-version.h"
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
 * GtkLabel "banner_label", the "Try Again" GtkButton "banner_retry"
 * (action "form.save") and the "Reload" GtkButton "banner_reload"
 * (action "form.reload", hidden but for a record changed elsewhere).
 *
 * A form that edits a saved record names it (jd_form_set_record()):
 * when another desk or window changes it while the form is open, the
 * banner says so with a Reload button, and nothing typed is lost; a
 * save over such a change is refused by the core and shown the same
 * way (jd_form_show_error()). There is no way to save over it. */
struct _JdFormClass
{
  AdwWindowClass parent_class;

  /* "form.save": checks what was typed and saves it, then calls
   * jd_form_saved(); or shows what is wrong and keeps everything. */
  void         (*save)         (JdForm *self);
  /* The body of "Discard What Was Typed?" (translated). */
  const char * (*discard_body) (JdForm *self);
  /* "form.reload": loads the record again from the database into the
   * fields, throwing away what was typed (JdForm has asked), and calls
   * jd_form_set_record() with the version it loaded. */
  void         (*reload)       (JdForm *self);
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
/* The saved record the form edits, at @version as loaded; the form
 * then watches the store for changes to it made elsewhere. @id 0: a
 * new record, nothing watched. Hides a banner about an older version. */
void      jd_form_set_record     (JdForm       *self,
                                  JdRecordKind  kind,
                                  gint64        id,
                                  gint64        version);
/* A failed save in the banner: a record changed elsewhere with its
 * Reload button, anything else with Try Again. */
void      jd_form_show_error     (JdForm       *self,
                                  const GError *error);
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
