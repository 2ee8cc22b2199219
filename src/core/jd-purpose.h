/* jd-purpose.h: why people come: the purposes of a visit and the
 * services of a consultation, one code with one label everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-choice.h"

G_BEGIN_DECLS

/* Purposes of a visit, the most common first (the check-in order). */
const JdChoice      *jd_visit_purposes        (guint      *n_choices);
gboolean             jd_purpose_is_known      (const char *purpose);
/* The services a consultation is for, in the consultation forms'
 * order: a subset of the purposes, with the same labels. */
const JdChoice      *jd_consultation_services (guint      *n_choices);
gboolean             jd_purpose_is_service    (const char *purpose);
/* The services a specialist may be given, in the staff page's order,
 * NULL-terminated. */
const char * const  *jd_purpose_service_codes (void);
/* Translated; an unknown code is returned as it is. */
const char          *jd_purpose_service_label (const char *code);

G_END_DECLS
