/* jd-consultation-private.h: what the consultation files and the queue
 * share (jd-consultation-rules.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-consultation.h"
#include "jd-validate.h"

G_BEGIN_DECLS

/* Sets @error (JD_VALIDATE_ERROR @code) and @field to @which; FALSE. */
gboolean     jd_consultation_fail                 (JdConsultationField   which,
                                                   JdConsultationField  *field,
                                                   GError              **error,
                                                   JdValidateError       code,
                                                   const char           *message);
/* Parses @text (as typed or ISO) into @date and rewrites it as ISO. */
gboolean     jd_consultation_tidy_date            (char               **text,
                                                   GDate               *date);
/* The actor may log consultations of @service (JD_ACCESS_ERROR if not). */
gboolean     jd_consultation_check_specialist_may (JdDb                 *db,
                                                   const char           *service,
                                                   GError              **error);

G_END_DECLS
