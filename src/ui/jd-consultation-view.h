/* jd-consultation-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"
#include "jd-types.h"

G_BEGIN_DECLS

#define JD_TYPE_CONSULTATION_VIEW (jd_consultation_view_get_type ())

G_DECLARE_FINAL_TYPE (JdConsultationView, jd_consultation_view, JD, CONSULTATION_VIEW, AdwWindow)

/* A saved consultation, read only, with "Show Private Note" (read
 * through the core, which records the reading) and, for its author or
 * an administrator, "Edit", which emits "edit" (gint64 id) and closes.
 * Returns: (nullable): NULL with @error when it cannot be loaded */
JdConsultationView *jd_consultation_view_new (JdStore *store,
                                              gint64   consultation_id,
                                              GError **error);

/* How lists name the person consulted: the visitor's name, or
 * "Anonymous · Female · 18–24". */
char               *jd_consultation_describe_person (const char *visitor_name,
                                                    JdSex       anon_sex,
                                                    const char *anon_age_band);
/* "18–24" for the stored "18-24". */
char               *jd_consultation_format_age_band (const char *age_band);

G_END_DECLS
