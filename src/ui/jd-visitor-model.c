/* jd-visitor-model.c: a lazy list model over a million visitors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scrolling asks for items around the visible rows only; each page of
 * PAGE_SIZE rows is read with one query and at most MAX_PAGES pages,
 * the most recently used, are kept, so memory stays flat however far
 * the list is scrolled. Items are made when asked for and hold their own
 * copy of the row.
 */
#define G_LOG_DOMAIN "jd-visitor-model"

#include "config.h"

#include "jd-visitor-model.h"

#define PAGE_SIZE JD_VISITOR_LIST_PAGE_SIZE
#define MAX_PAGES 8

struct _JdVisitorItem
{
  GObject           parent_instance;

  gint64            id;
  JdVisitorSummary *summary;   /* owned */
};

G_DEFINE_FINAL_TYPE (JdVisitorItem, jd_visitor_item, G_TYPE_OBJECT)

static void
jd_visitor_item_finalize (GObject *object)
{
  JdVisitorItem *self = JD_VISITOR_ITEM (object);

  g_clear_pointer (&self->summary, jd_visitor_summary_free);

  G_OBJECT_CLASS (jd_visitor_item_parent_class)->finalize (object);
}

static void
jd_visitor_item_class_init (JdVisitorItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jd_visitor_item_finalize;
}

static void
jd_visitor_item_init (JdVisitorItem *self)
{
}

gint64
jd_visitor_item_get_id (JdVisitorItem *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_ITEM (self), 0);

  return self->id;
}

const JdVisitorSummary *
jd_visitor_item_get_summary (JdVisitorItem *self)
{
  g_return_val_if_fail (JD_IS_VISITOR_ITEM (self), NULL);

  return self->summary;
}

struct _JdVisitorModel
{
  GObject     parent_instance;

  JdStore    *store;   /* owned: whose visitors */

  /* owned */
  GArray     *ids;     /* gint64 */
  GHashTable *pages;   /* page number → GPtrArray of JdVisitorSummary */
  GQueue      recent;  /* page numbers, the most recently used first */
};

static void jd_visitor_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (JdVisitorModel, jd_visitor_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      jd_visitor_model_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return JD_TYPE_VISITOR_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  JdVisitorModel *self = JD_VISITOR_MODEL (model);

  return self->ids ? self->ids->len : 0;
}

static GPtrArray *
load_page (JdVisitorModel *self,
           guint           page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  guint first = page * PAGE_SIZE;

  if (rows != NULL)
    {
      if (g_queue_peek_head (&self->recent) != GUINT_TO_POINTER (page))
        {
          g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
          g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
        }
      return rows;
    }

  /* Few pages are ever on screen at once: forget the oldest. */
  while (g_queue_get_length (&self->recent) >= MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));

  rows = jd_visitor_list_rows (jd_store_get_db (self->store), &g_array_index (self->ids, gint64, first),
                               MIN (PAGE_SIZE, self->ids->len - first), &error);
  if (rows == NULL)
    {
      g_warning ("Could not read visitors: %s", error->message);
      return NULL;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  return rows;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  JdVisitorModel *self = JD_VISITOR_MODEL (model);
  JdVisitorItem *item;
  GPtrArray *rows;
  const JdVisitorSummary *summary;

  if (self->ids == NULL || position >= self->ids->len)
    return NULL;

  item = g_object_new (JD_TYPE_VISITOR_ITEM, NULL);
  item->id = g_array_index (self->ids, gint64, position);

  rows = load_page (self, position / PAGE_SIZE);
  summary = rows ? g_ptr_array_index (rows, position % PAGE_SIZE) : NULL;
  if (summary != NULL)
    item->summary = jd_visitor_summary_copy (summary);

  return item;
}

static void
jd_visitor_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* Replaces the list with @ids and reads every row afresh. Only the part
 * that differs is reported as changed, so that a list read again after a
 * registration keeps its scroll position; when no id moved, the rows that
 * were read are reported anyway, as their text may have changed. */
void
jd_visitor_model_set_ids (JdVisitorModel *self,
                          GArray         *ids)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GList) cached = NULL;
  guint old_len, new_len, common, prefix = 0, suffix = 0;

  g_return_if_fail (JD_IS_VISITOR_MODEL (self));

  old = g_steal_pointer (&self->ids);
  self->ids = ids ? g_array_ref (ids) : NULL;
  cached = g_queue_peek_head_link (&self->recent) ? g_list_copy (g_queue_peek_head_link (&self->recent)) : NULL;
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);

  old_len = old ? old->len : 0;
  new_len = self->ids ? self->ids->len : 0;
  common = MIN (old_len, new_len);
  while (prefix < common &&
         g_array_index (old, gint64, prefix) == g_array_index (self->ids, gint64, prefix))
    prefix++;
  while (suffix < common - prefix &&
         g_array_index (old, gint64, old_len - 1 - suffix) ==
         g_array_index (self->ids, gint64, new_len - 1 - suffix))
    suffix++;

  if (prefix + suffix < old_len || prefix + suffix < new_len)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), prefix,
                                  old_len - prefix - suffix, new_len - prefix - suffix);
      return;
    }

  for (const GList *l = cached; l != NULL; l = l->next)
    {
      guint first = GPOINTER_TO_UINT (l->data) * PAGE_SIZE;

      if (first < new_len)
        g_list_model_items_changed (G_LIST_MODEL (self), first,
                                    MIN (PAGE_SIZE, new_len - first), MIN (PAGE_SIZE, new_len - first));
    }
}

static void
jd_visitor_model_finalize (GObject *object)
{
  JdVisitorModel *self = JD_VISITOR_MODEL (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->recent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_visitor_model_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_visitor_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  JdVisitorModel *self = JD_VISITOR_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitor_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  JdVisitorModel *self = JD_VISITOR_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_visitor_model_class_init (JdVisitorModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_visitor_model_finalize;
  object_class->get_property = jd_visitor_model_get_property;
  object_class->set_property = jd_visitor_model_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_visitor_model_init (JdVisitorModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->recent);
}

JdVisitorModel *
jd_visitor_model_new (JdStore *store)
{
  g_return_val_if_fail (JD_IS_STORE (store), NULL);

  return g_object_new (JD_TYPE_VISITOR_MODEL, "store", store, NULL);
}
