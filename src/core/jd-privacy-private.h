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

/* The detail of a deletion's or anonymisation's audit entry: when the
 * person registered ("registered 2026-03-22T08:30:00Z"), no personal
 * data, enough to tell them from someone given the same number later. */
#define JD_ERASURE_DETAIL_PREFIX "registered "

char        *jd_privacy_erasure_detail   (gint64        created_at);
gboolean     jd_privacy_erasure_parse    (const char   *detail,
                                          gint64       *created_at);

G_END_DECLS
