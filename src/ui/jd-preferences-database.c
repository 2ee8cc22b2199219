/* jd-preferences-database.c: which database the desk works on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This computer's file, or the centre's server. The server's address
 * is kept in GSettings once a connection to it worked; its password in
 * the keyring (or, without one, for this session only), never in
 * GSettings. Switching is the application's: the page emits
 * ::database-changed and the store is opened again.
 */
#define G_LOG_DOMAIN "jd-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "jd-preferences-database.h"
#include "jd-server.h"

struct _JdPreferencesDatabase
{
  AdwPreferencesPage  parent_instance;

  /* template children */
  AdwActionRow       *file_row;
  GtkCheckButton     *file_check;
  GtkCheckButton     *server_check;
  AdwPreferencesGroup *server_group;
  AdwEntryRow        *host_row;
  AdwEntryRow        *port_row;
  AdwEntryRow        *database_row;
  AdwEntryRow        *user_row;
  AdwEntryRow        *password_row;
  GtkLabel           *status_label;
  GtkSpinner         *spinner;
  GtkWidget          *connect_button;

  /* owned */
  GSettings          *settings;
  GCancellable       *cancellable;
  JdServerAddress    *pending;      /* being tried */
  char               *password;     /* being tried; wiped */
  gboolean            busy;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (JdPreferencesDatabase, jd_preferences_database, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DATABASE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (JdPreferencesDatabase *self,
          gboolean               busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->connect_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->file_check), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_check), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_status (JdPreferencesDatabase *self,
             const char            *message,
             gboolean               is_error)
{
  gtk_label_set_text (self->status_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), message != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static gboolean
parse_port (const char *text,
            guint16    *port)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT16, &value, NULL))
    return FALSE;
  *port = (guint16) value;
  return TRUE;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
row_changed_cb (JdPreferencesDatabase *self)
{
  guint16 port;
  const char *port_text = gtk_editable_get_text (GTK_EDITABLE (self->port_row));

  if (self->loading)
    return;

  if (port_text[0] == '\0' || parse_port (port_text, &port))
    gtk_widget_remove_css_class (GTK_WIDGET (self->port_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->port_row), "error");

  if (!self->busy)
    show_status (self, NULL, FALSE);
}

static void
wipe_password (JdPreferencesDatabase *self)
{
  g_clear_pointer (&self->password, secret_password_free);
}

static void
emit_changed (JdPreferencesDatabase *self,
              const char            *session_password)
{
  g_signal_emit (self, signals[DATABASE_CHANGED], 0, session_password);
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(JdPreferencesDatabase) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!jd_server_password_store_finish (result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      /* No keyring: the password still serves this session. */
      show_status (self, error->message, FALSE);
      emit_changed (self, self->password);
    }
  else
    {
      show_status (self, _("Connected. The password is kept in the keyring."), FALSE);
      emit_changed (self, NULL);
    }
  wipe_password (self);
}

/* The server took the address and the password: the settings keep the
 * address, the keyring the password, and the desk moves over. */
static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(JdPreferencesDatabase) self = user_data;
  g_autoptr(GError) error = NULL;
  const JdServerAddress *a;

  if (!jd_server_connect_test_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      wipe_password (self);
      show_status (self, error->message, TRUE);
      return;
    }

  a = self->pending;
  if (self->settings != NULL)
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "server-host", a->host ? a->host : "");
      g_settings_set_int (self->settings, "server-port", a->port);
      g_settings_set_string (self->settings, "server-database", a->database ? a->database : "");
      g_settings_set_string (self->settings, "server-user", a->user ? a->user : "");
      g_settings_set_string (self->settings, "database-kind", "server");
      g_settings_apply (self->settings);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  if (self->password != NULL && self->password[0] != '\0')
    {
      jd_server_password_store (a, self->password, self->cancellable,
                                password_stored_cb, g_object_ref (self));
      return;
    }

  set_busy (self, FALSE);
  wipe_password (self);
  show_status (self, _("Connected."), FALSE);
  emit_changed (self, NULL);
}

static void
connect_clicked_cb (JdPreferencesDatabase *self)
{
  g_autofree char *host = row_text (self->host_row);
  g_autofree char *port_text = row_text (self->port_row);
  g_autofree char *database = row_text (self->database_row);
  g_autofree char *user = row_text (self->user_row);
  g_autofree char *uri = NULL;
  char *conninfo;
  guint16 port = JD_SERVER_DEFAULT_PORT;

  if (self->busy || !gtk_check_button_get_active (self->server_check))
    return;

  if (host[0] == '\0')
    {
      show_status (self, _("Type the server’s name or address, for example server.local."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->host_row));
      return;
    }
  if (port_text[0] != '\0' && !parse_port (port_text, &port))
    {
      show_status (self, _("The port is a number from 1 to 65535; the usual one is 5432."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->port_row));
      return;
    }
  if (database[0] == '\0')
    {
      show_status (self, _("Type the name of the centre’s database on the server."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->database_row));
      return;
    }

  g_clear_pointer (&self->pending, jd_server_address_free);
  self->pending = jd_server_address_new (host, port, database, user[0] ? user : NULL);
  wipe_password (self);
  self->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  uri = jd_server_address_to_uri (self->pending);
  conninfo = jd_server_conninfo_with_password (uri, self->password[0] ? self->password : NULL);
  if (conninfo == NULL)
    {
      wipe_password (self);
      show_status (self, _("The server’s address is not valid. Check the host, port and database."), TRUE);
      return;
    }

  show_status (self, _("Connecting…"), FALSE);
  set_busy (self, TRUE);
  jd_server_connect_test_async (conninfo, self->cancellable, connected_cb, g_object_ref (self));
  secret_password_free (conninfo);
}

static void
kind_toggled_cb (JdPreferencesDatabase *self)
{
  gboolean server = gtk_check_button_get_active (self->server_check);
  g_autofree char *kind = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), server);
  if (self->loading || self->settings == NULL || server ||
      !gtk_check_button_get_active (self->file_check))
    return;

  /* Back to the file: at once, like choosing it on the error page. */
  kind = g_settings_get_string (self->settings, "database-kind");
  if (g_strcmp0 (kind, "file") != 0)
    {
      g_settings_set_string (self->settings, "database-kind", "file");
      emit_changed (self, NULL);
    }
}

static void
load (JdPreferencesDatabase *self)
{
  g_autofree char *kind = NULL, *host = NULL, *database = NULL, *user = NULL;
  g_autofree char *port = NULL;

  self->loading = TRUE;
  if (self->settings != NULL)
    {
      kind = g_settings_get_string (self->settings, "database-kind");
      host = g_settings_get_string (self->settings, "server-host");
      database = g_settings_get_string (self->settings, "server-database");
      user = g_settings_get_string (self->settings, "server-user");
      port = g_strdup_printf ("%d", g_settings_get_int (self->settings, "server-port"));
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->host_row), host ? host : "");
  gtk_editable_set_text (GTK_EDITABLE (self->port_row), port ? port : "5432");
  gtk_editable_set_text (GTK_EDITABLE (self->database_row), database ? database : "jastar");
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user ? user : "");
  if (g_strcmp0 (kind, "server") == 0)
    gtk_check_button_set_active (self->server_check, TRUE);
  else
    gtk_check_button_set_active (self->file_check, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group),
                            gtk_check_button_get_active (self->server_check));
  self->loading = FALSE;
}

gboolean
jd_preferences_database_get_busy (JdPreferencesDatabase *self)
{
  g_return_val_if_fail (JD_IS_PREFERENCES_DATABASE (self), FALSE);

  return self->busy;
}

static void
jd_preferences_database_dispose (GObject *object)
{
  JdPreferencesDatabase *self = JD_PREFERENCES_DATABASE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), JD_TYPE_PREFERENCES_DATABASE);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (jd_preferences_database_parent_class)->dispose (object);
}

static void
jd_preferences_database_finalize (GObject *object)
{
  JdPreferencesDatabase *self = JD_PREFERENCES_DATABASE (object);

  g_clear_pointer (&self->pending, jd_server_address_free);
  wipe_password (self);

  G_OBJECT_CLASS (jd_preferences_database_parent_class)->finalize (object);
}

static void
jd_preferences_database_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  JdPreferencesDatabase *self = JD_PREFERENCES_DATABASE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_preferences_database_class_init (JdPreferencesDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = jd_preferences_database_dispose;
  object_class->finalize = jd_preferences_database_finalize;
  object_class->get_property = jd_preferences_database_get_property;

  /**
   * JdPreferencesDatabase:busy:
   *
   * A connection is being tried.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * JdPreferencesDatabase::database-changed:
   * @session_password: (nullable): the password to use until the desk
   *   closes, when no keyring could keep it
   *
   * The settings now name another database: open it.
   */
  signals[DATABASE_CHANGED] =
    g_signal_new ("database-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/jd-preferences-database.ui");
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, file_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, file_check);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, server_check);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, server_group);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, host_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, port_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, database_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, user_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, password_row);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, status_label);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, spinner);
  gtk_widget_class_bind_template_child (widget_class, JdPreferencesDatabase, connect_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
}

static void
jd_preferences_database_init (JdPreferencesDatabase *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * jd_preferences_database_new:
 * @settings: (nullable): the desk's settings; without them the page
 *   only shows
 * @file_path: this computer's database file
 */
JdPreferencesDatabase *
jd_preferences_database_new (GSettings  *settings,
                             const char *file_path)
{
  JdPreferencesDatabase *self;
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (file_path != NULL, NULL);

  self = g_object_new (JD_TYPE_PREFERENCES_DATABASE, NULL);
  self->settings = settings ? g_object_ref (settings) : NULL;
  file_name = g_filename_display_name (file_path);
  adw_action_row_set_subtitle (self->file_row, file_name);
  load (self);
  return self;
}
