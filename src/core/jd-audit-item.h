/* jd-audit-item.h: one entry of the audit trail, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-audit.h"

G_BEGIN_DECLS

#define JD_TYPE_AUDIT_ITEM (jd_audit_item_get_type ())

G_DECLARE_FINAL_TYPE (JdAuditItem, jd_audit_item, JD, AUDIT_ITEM, GObject)

/* A copy of @entry; it never changes. */
JdAuditItem        *jd_audit_item_new       (const JdAuditEntry *entry);
const JdAuditEntry *jd_audit_item_get_entry (JdAuditItem        *self);

G_END_DECLS
