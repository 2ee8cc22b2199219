/* jd-audit-item.c: one entry of the audit trail, as an object
 *
 * The audit window lists the trail through a model of these, each a
 * copy of the entry read with the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-audit"

#include "config.h"

#include "jd-audit-item.h"

struct _JdAuditItem
{
  GObject       parent_instance;

  JdAuditEntry  entry;
};

G_DEFINE_FINAL_TYPE (JdAuditItem, jd_audit_item, G_TYPE_OBJECT)

JdAuditItem *
jd_audit_item_new (const JdAuditEntry *entry)
{
  JdAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (JD_TYPE_AUDIT_ITEM, NULL);
  self->entry = *entry;
  self->entry.staff_name = g_strdup (entry->staff_name);
  self->entry.action = g_strdup (entry->action);
  self->entry.target = g_strdup (entry->target);
  self->entry.detail = g_strdup (entry->detail);
  return self;
}

const JdAuditEntry *
jd_audit_item_get_entry (JdAuditItem *self)
{
  g_return_val_if_fail (JD_IS_AUDIT_ITEM (self), NULL);
  return &self->entry;
}

static void
jd_audit_item_finalize (GObject *object)
{
  JdAuditItem *self = JD_AUDIT_ITEM (object);

  g_free (self->entry.staff_name);
  g_free (self->entry.action);
  g_free (self->entry.target);
  g_free (self->entry.detail);

  G_OBJECT_CLASS (jd_audit_item_parent_class)->finalize (object);
}

static void
jd_audit_item_class_init (JdAuditItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_audit_item_finalize;
}

static void
jd_audit_item_init (JdAuditItem *self)
{
}
