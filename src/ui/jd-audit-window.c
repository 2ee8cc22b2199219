/* jd-audit-window.c: the administrator reads the audit trail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Newest first, filtered by what was done, by whom and when; at most
 * the newest 500 entries are listed, and the footer says how many
 * matched. src/core refuses anyone but an administrator.
 */
#define G_LOG_DOMAIN "jd-audit-window"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-audit-item.h"
#include "jd-audit-window.h"
#include "jd-audit.h"
#include "jd-date-format.h"
#include "jd-staff.h"

#define LIMIT 500

struct _JdAuditWindow
{
  AdwWindow     parent_instance;

  GtkDropDown  *action_dropdown;
  GtkDropDown  *staff_dropdown;
  GtkDropDown  *period_dropdown;
  GtkStack     *stack;
  GtkListBox   *list;
  AdwStatusPage *empty_page;
  GtkLabel     *footer_label;

  JdStore      *store;
  GListStore   *entries;     /* JdAuditItem, shown in @list */
  GArray       *staff_ids;   /* gint64, one per staff dropdown item */
  gboolean      loading;
};

G_DEFINE_FINAL_TYPE (JdAuditWindow, jd_audit_window, ADW_TYPE_WINDOW)

/* Days back for the period dropdown; 0: all time. */
static const guint period_days[] = { 1, 7, 30, 365, 0 };

/* One entry: who — what, then when, on what, and the detail. */
static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  JdAuditWindow *self = user_data;
  const JdAuditEntry *entry = jd_audit_item_get_entry (item);
  g_autoptr(GDateTime) at = jd_db_local_time (jd_store_get_db (self->store), entry->at);
  g_autofree char *when = jd_date_format_day_time (at);
  g_autoptr(GString) subtitle = g_string_new (when);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  title = g_strdup_printf ("%s — %s",
                           entry->staff_id == 0 ? _("Command line or nobody signed in")
                                                : entry->staff_name ? entry->staff_name : "?",
                           jd_audit_action_label (entry->action));
  if (entry->target != NULL)
    g_string_append_printf (subtitle, " · %s", entry->target);
  if (entry->record_id != 0)
    g_string_append_printf (subtitle, " #%" G_GINT64_FORMAT, entry->record_id);
  if (entry->detail != NULL)
    g_string_append_printf (subtitle, " · %s", entry->detail);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  return row;
}

static void
fill (JdAuditWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) items = NULL;
  JdAuditFilter filter = { 0 };
  guint action = gtk_drop_down_get_selected (self->action_dropdown);
  guint staff = gtk_drop_down_get_selected (self->staff_dropdown);
  guint period = gtk_drop_down_get_selected (self->period_dropdown);
  guint total = 0;

  if (self->loading)
    return;

  if (action > 0 && action != GTK_INVALID_LIST_POSITION)
    filter.action = jd_audit_actions ()[action - 1];
  if (staff > 0 && staff != GTK_INVALID_LIST_POSITION)
    filter.staff_id = g_array_index (self->staff_ids, gint64, staff);
  if (period < G_N_ELEMENTS (period_days) && period_days[period] > 0)
    filter.from = jd_db_now () - (gint64) period_days[period] * 86400;

  g_list_store_remove_all (self->entries);

  entries = jd_audit_list (jd_store_get_db (self->store), &filter, LIMIT, &total, &error);
  if (entries == NULL)
    {
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      gtk_label_set_label (self->footer_label, "");
      return;
    }

  items = g_ptr_array_new_full (entries->len, g_object_unref);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (items, jd_audit_item_new (entries->pdata[i]));
  /* One ::items-changed: the list box makes the rows at once. */
  g_list_store_splice (self->entries, 0, 0, items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->stack, entries->len > 0 ? "list" : "empty");
  if (total > entries->len)
    {
      g_autofree char *footer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "The newest %u of %u entry",
                                                              "The newest %u of %u entries", total),
                                                 entries->len, total);
      gtk_label_set_label (self->footer_label, footer);
    }
  else
    {
      g_autofree char *footer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries",
                                                              total),
                                                 total);
      gtk_label_set_label (self->footer_label, footer);
    }
}

static void
filter_changed_cb (JdAuditWindow *self)
{
  fill (self);
}

guint
jd_audit_window_get_n_shown (JdAuditWindow *self)
{
  g_return_val_if_fail (JD_IS_AUDIT_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->entries));
}

static void
jd_audit_window_dispose (GObject *object)
{
  JdAuditWindow *self = JD_AUDIT_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_AUDIT_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (jd_audit_window_parent_class)->dispose (object);
}

static void
jd_audit_window_finalize (GObject *object)
{
  JdAuditWindow *self = JD_AUDIT_WINDOW (object);

  g_array_unref (self->staff_ids);

  G_OBJECT_CLASS (jd_audit_window_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_audit_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  JdAuditWindow *self = JD_AUDIT_WINDOW (object);

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
jd_audit_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  JdAuditWindow *self = JD_AUDIT_WINDOW (object);

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
jd_audit_window_class_init (JdAuditWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_audit_window_dispose;
  object_class->finalize = jd_audit_window_finalize;
  object_class->get_property = jd_audit_window_get_property;
  object_class->set_property = jd_audit_window_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/jd-audit-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, action_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, list);
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, JdAuditWindow, footer_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
jd_audit_window_init (JdAuditWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_list_store_new (JD_TYPE_AUDIT_ITEM);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->entries), create_row_cb, self, NULL);
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

GtkWidget *
jd_audit_window_new (JdStore *store)
{
  JdAuditWindow *self = g_object_new (JD_TYPE_AUDIT_WINDOW, "store", store, NULL);
  g_autoptr(GtkStringList) actions = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) periods = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) staff = NULL;
  gint64 nobody = 0;
  self->loading = TRUE;

  gtk_string_list_append (actions, _("All actions"));
  for (const char *const *a = jd_audit_actions (); *a != NULL; a++)
    gtk_string_list_append (actions, jd_audit_action_label (*a));
  gtk_drop_down_set_model (self->action_dropdown, G_LIST_MODEL (actions));

  gtk_string_list_append (people, _("Everyone"));
  g_array_append_val (self->staff_ids, nobody);
  staff = jd_staff_list (jd_store_get_db (store), NULL);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      JdStaff *person = staff->pdata[i];

      gtk_string_list_append (people, person->full_name);
      g_array_append_val (self->staff_ids, person->id);
    }
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (people));

  gtk_string_list_append (periods, _("Today"));
  gtk_string_list_append (periods, _("Last 7 days"));
  gtk_string_list_append (periods, _("Last 30 days"));
  gtk_string_list_append (periods, _("Last 12 months"));
  gtk_string_list_append (periods, _("All time"));
  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (periods));
  gtk_drop_down_set_selected (self->period_dropdown, 2);

  self->loading = FALSE;
  fill (self);
  return GTK_WIDGET (self);
}
