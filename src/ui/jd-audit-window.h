/* jd-audit-window.h: the administrator reads the audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "jd-store.h"

G_BEGIN_DECLS

#define JD_TYPE_AUDIT_WINDOW (jd_audit_window_get_type ())

G_DECLARE_FINAL_TYPE (JdAuditWindow, jd_audit_window, JD, AUDIT_WINDOW, AdwWindow)

GtkWidget *jd_audit_window_new     (JdStore       *store);
/* Entries listed now (for tests). */
guint      jd_audit_window_get_n_shown (JdAuditWindow *self);

G_END_DECLS
