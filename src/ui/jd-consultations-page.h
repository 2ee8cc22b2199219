/* jd-consultations-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-consultation.h"
#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_CONSULTATIONS_PAGE (jd_consultations_page_get_type ())

G_DECLARE_FINAL_TYPE (JdConsultationsPage, jd_consultations_page, JD, CONSULTATIONS_PAGE, AdwBin)

/* Reads everything again: after a sign-in, or when data changed elsewhere. */
void jd_consultations_page_refresh          (JdConsultationsPage *self);
/* Opens a blank consultation form (Ctrl+Shift+N); nothing for someone
 * who may not log consultations. */
void jd_consultations_page_log_consultation (JdConsultationsPage *self);
void jd_consultations_page_show_filtered    (JdConsultationsPage        *self,
                                             const JdConsultationFilter *filter,
                                             const char                 *description);

G_END_DECLS
