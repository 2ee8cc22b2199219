/* jd-form.h: what the forms (visitor, consultation, event) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Hides @form now and destroys it once the handler that asked is done
 * with it. */
void jd_form_close_later       (GtkWindow   *form);
/* Asks before throwing away what was typed ("Discard What Was Typed?"
 * with @body); calls @discard (@form) when the answer is Discard. */
void jd_form_ask_discard       (GtkWindow   *form,
                                const char  *body,
                                void       (*discard) (GtkWindow *form));
/* The Cancel button and the window's close button: closes @form at once
 * when nothing was typed (@dirty FALSE), otherwise asks as
 * jd_form_ask_discard() does. */
void jd_form_cancel            (GtkWindow   *form,
                                gboolean     dirty,
                                const char  *body,
                                void       (*discard) (GtkWindow *form));
/* Ctrl+Enter (either Enter key) activates "form.save" on @form, from
 * any field, multi-line ones included. */
void jd_form_add_save_shortcut (GtkWindow   *form);

/* Focuses @row and, once the form has been laid out again (with the
 * @message under it just shown), scrolls so that both show: focus
 * alone does not scroll the page. */
void jd_form_focus_field       (GtkWindow   *form,
                                GtkWidget   *row,
                                GtkWidget   *message);

G_END_DECLS
