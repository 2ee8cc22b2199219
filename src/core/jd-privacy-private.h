/* jd-privacy-private.h: erasing a person, shared with the restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

/* Removes the personal data of @visitor_id (inside the caller's
 * transaction) and records @action (JD_AUDIT_DELETED or
 * JD_AUDIT_ANONYMISED) unless it is NULL: a restore that applies a
 * recorded deletion again does not record it twice. */
gboolean     jd_privacy_erase_visitor    (JdDb         *db,
                                          gint64        visitor_id,
                                          const char   *action,
                                          gint64        now,
                                          GError      **error);

G_END_DECLS
