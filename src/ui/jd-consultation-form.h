/* jd-consultation-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-form.h"

G_BEGIN_DECLS

#define JD_TYPE_CONSULTATION_FORM (jd_consultation_form_get_type ())

G_DECLARE_FINAL_TYPE (JdConsultationForm, jd_consultation_form, JD, CONSULTATION_FORM, JdForm)

/* A form for a new consultation: a registered visitor found by search,
 * an anonymous person or a group session. Emits "saved" (gint64: the
 * consultation id, or the group id of a group session) and closes once
 * saved. Only the signed-in specialist's services are offered. */
JdConsultationForm *jd_consultation_form_new            (JdStore            *store);
/* The same for one known visitor, who cannot be changed. */
JdConsultationForm *jd_consultation_form_new_for_visitor (JdStore           *store,
                                                          gint64             visitor_id,
                                                          const char        *visitor_name);
/* For a person called from the waiting queue: their visit and service
 * are filled in, and saving closes their queue entry. */
JdConsultationForm *jd_consultation_form_new_from_queue (JdStore            *store,
                                                         gint64              visitor_id,
                                                         const char         *visitor_name,
                                                         gint64              visit_id,
                                                         const char         *service);
/* Turns the form into the edit form of a saved consultation (its author
 * or an administrator). */
gboolean            jd_consultation_form_load           (JdConsultationForm *self,
                                                         gint64              consultation_id,
                                                         GError            **error);

G_END_DECLS
