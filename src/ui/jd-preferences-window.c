/* jd-preferences-window.c: the centre's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-data-page.h"
#include "jd-district.h"
#include "jd-preferences-database.h"
#include "jd-preferences-window.h"
#include "jd-settings.h"
#include "jd-staff-page.h"
#include "jd-staff.h"

struct _JdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* template children */
  AdwEntryRow          *centre_name_row;
  AdwEntryRow          *centre_code_row;
  AdwComboRow          *district_row;
  AdwEntryRow          *time_zone_row;

  /* borrowed: the application's connection outlives this window */
  JdStore              *store;

  /* owned */
  GPtrArray            *districts;
};

G_DEFINE_FINAL_TYPE (JdPreferencesWindow, jd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
save_setting (JdPreferencesWindow *self,
              const char          *key,
              const char          *value)
{
  g_autoptr(GError) error = NULL;

  if (!jd_db_set_setting (jd_store_get_db (self->store), key, value, &error))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                      adw_toast_new (error->message));
}

static void
centre_name_apply_cb (JdPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->centre_name_row))));

  save_setting (self, JD_SETTING_CENTRE_NAME, name);
}

/* Short and plain, because the code goes into file names of exports. */
static gboolean
centre_code_is_valid (const char *code)
{
  return g_regex_match_simple ("^[A-Za-z0-9-]{0,16}$", code, 0, 0);
}

static void
centre_code_changed_cb (JdPreferencesWindow *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->centre_code_row));

  if (centre_code_is_valid (code))
    gtk_widget_remove_css_class (GTK_WIDGET (self->centre_code_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->centre_code_row), "error");
}

static void
centre_code_apply_cb (JdPreferencesWindow *self)
{
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->centre_code_row));

  if (!centre_code_is_valid (code))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("Use up to 16 Latin letters, digits and hyphens for the centre code, for example ALM-07.")));
      return;
    }

  save_setting (self, JD_SETTING_CENTRE_CODE, code);
}

/* Days, months and ages in every figure follow the centre's zone;
 * core checks the name and recounts the ages on visits. */
static void
time_zone_apply_cb (JdPreferencesWindow *self)
{
  g_autofree char *zone = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_zone_row))));
  g_autoptr(GError) error = NULL;

  if (!jd_db_set_time_zone (jd_store_get_db (self->store), zone, &error))
    {
      g_autofree char *current = jd_db_get_time_zone_identifier (jd_store_get_db (self->store));

      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      gtk_editable_set_text (GTK_EDITABLE (self->time_zone_row), current);
    }
}

static void
district_selected_cb (JdPreferencesWindow *self)
{
  guint pos = adw_combo_row_get_selected (self->district_row);
  const JdDistrict *district;

  if (self->districts == NULL || pos >= self->districts->len)
    return;

  district = g_ptr_array_index (self->districts, pos);
  save_setting (self, JD_SETTING_CENTRE_DISTRICT, district->code);
}

static void
load (JdPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *name = jd_db_get_setting (jd_store_get_db (self->store), JD_SETTING_CENTRE_NAME);
  g_autofree char *code = jd_db_get_setting (jd_store_get_db (self->store), JD_SETTING_CENTRE_CODE);
  g_autofree char *district_code = jd_db_get_setting (jd_store_get_db (self->store), JD_SETTING_CENTRE_DISTRICT);
  g_autofree char *zone = jd_db_get_time_zone_identifier (jd_store_get_db (self->store));
  guint selected = GTK_INVALID_LIST_POSITION;

  gtk_editable_set_text (GTK_EDITABLE (self->centre_name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->centre_code_row), code ? code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->time_zone_row), zone);

  self->districts = jd_district_list (jd_store_get_db (self->store), TRUE, &error);
  if (self->districts == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }

  for (guint i = 0; i < self->districts->len; i++)
    {
      const JdDistrict *d = g_ptr_array_index (self->districts, i);

      gtk_string_list_append (names, jd_district_get_name (d));
      if (g_strcmp0 (d->code, district_code) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->district_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->district_row, selected);

  /* Connected after loading, so that showing the value does not save it. */
  g_signal_connect_object (self->district_row, "notify::selected",
                           G_CALLBACK (district_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
jd_preferences_window_dispose (GObject *object)
{
  JdPreferencesWindow *self = JD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_preferences_window_parent_class)->dispose (object);
}

static void
jd_preferences_window_finalize (GObject *object)
{
  JdPreferencesWindow *self = JD_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->districts, g_ptr_array_unref);

  G_OBJECT_CLASS (jd_preferences_window_parent_class)->finalize (object);
}

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
jd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  JdPreferencesWindow *self = JD_PREFERENCES_WINDOW (object);

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
jd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  JdPreferencesWindow *self = JD_PREFERENCES_WINDOW (object);

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
jd_preferences_window_class_init (JdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_preferences_window_dispose;
  object_class->finalize = jd_preferences_window_finalize;
  object_class->get_property = jd_preferences_window_get_property;
  object_class->set_property = jd_preferences_window_set_property;

  properties[PROP_STORE] = jd_store_param_spec_construct_only ();
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesWindow, centre_name_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesWindow, centre_code_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesWindow, district_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_callback (widget_class, centre_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, centre_code_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, centre_code_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_zone_apply_cb);
}

static void
jd_preferences_window_init (JdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

JdPreferencesWindow *
jd_preferences_window_new (JdStore *store)
{
  JdPreferencesWindow *self;

  g_return_val_if_fail (JD_IS_STORE (store), NULL);

  self = g_object_new (JD_TYPE_PREFERENCES_WINDOW, "store", store, NULL);
  load (self);

  /* What the person may change; src/core refuses the rest anyway. */
  if (!jd_access_allowed (jd_store_get_db (store), JD_PERM_MANAGE_SETTINGS))
    {
      const char *note = _("Only an administrator can change this");

      gtk_widget_set_sensitive (GTK_WIDGET (self->centre_name_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->centre_code_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->district_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->time_zone_row), FALSE);
      adw_combo_row_set_use_subtitle (self->district_row, FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->district_row), note);
    }
  if (jd_access_allowed (jd_store_get_db (store), JD_PERM_MANAGE_STAFF))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (jd_staff_page_new (store)));
  if (jd_access_allowed (jd_store_get_db (store), JD_PERM_BACKUP))
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                                ADW_PREFERENCES_PAGE (jd_data_page_new (store)));

  return self;
}

/**
 * jd_preferences_window_add_database_page:
 * @settings: (nullable): the desk's settings
 * @file_path: this computer's database file
 *
 * Adds the page that points the desk at this computer's file or the
 * centre's server; only an administrator may change it.
 *
 * Returns: (transfer none): the page, for its ::database-changed
 */
JdPreferencesDatabase *
jd_preferences_window_add_database_page (JdPreferencesWindow *self,
                                         GSettings           *settings,
                                         const char          *file_path)
{
  JdPreferencesDatabase *page;

  g_return_val_if_fail (JD_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (file_path != NULL, NULL);

  page = jd_preferences_database_new (settings, file_path);
  if (!jd_access_allowed (jd_store_get_db (self->store), JD_PERM_MANAGE_SETTINGS))
    gtk_widget_set_sensitive (GTK_WIDGET (page), FALSE);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  return page;
}
