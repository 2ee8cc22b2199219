/* jd-event-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-form.h"

G_BEGIN_DECLS

#define JD_TYPE_EVENT_FORM (jd_event_form_get_type ())

G_DECLARE_FINAL_TYPE (JdEventForm, jd_event_form, JD, EVENT_FORM, JdForm)

/* A form for a new event (or a weekly series of them). Emits "saved"
 * (gint64: the id of the event, the first of a series) and closes once
 * saved. */
JdEventForm *jd_event_form_new  (JdStore      *store);
/* Turns the form into the edit form of a saved event. */
gboolean     jd_event_form_load (JdEventForm  *self,
                                 gint64        event_id,
                                 GError      **error);

G_END_DECLS
