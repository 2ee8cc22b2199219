/* jd-visitor-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-form.h"

G_BEGIN_DECLS

#define JD_TYPE_VISITOR_FORM (jd_visitor_form_get_type ())

G_DECLARE_FINAL_TYPE (JdVisitorForm, jd_visitor_form, JD, VISITOR_FORM, JdForm)

/* A form for a new visitor. Emits "saved" (gint64 visitor id) and closes
 * once saved, or "open-existing" (gint64) when staff pick the existing
 * record of the same person instead. */
JdVisitorForm *jd_visitor_form_new     (JdStore       *store);
/* Fills the name fields (or the phone or IIN) from what was typed into
 * the search: "асанов ержан" → Асанов, Ержан. */
void           jd_visitor_form_prefill (JdVisitorForm *self,
                                        const char    *text);
/* Turns the form into the edit form of a saved visitor. */
gboolean       jd_visitor_form_load    (JdVisitorForm *self,
                                        gint64         visitor_id,
                                        GError       **error);

G_END_DECLS
