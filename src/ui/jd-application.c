/* jd-application.c: the application, its actions and command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "jd-application.h"
#include "jd-backup.h"
#include "jd-bench-hook.h"
#include "jd-cli.h"
#include "jd-output.h"
#include "jd-privacy.h"
#include "jd-preferences-window.h"
#include "jd-resources.h"
#include "jd-server.h"
#include "jd-window.h"

struct _JdApplication
{
  AdwApplication  parent_instance;

  /* owned */
  char           *db_path;
  /* The centre server's address from the settings (no password). */
  char           *server_uri;
  /* A password typed for this session when there is no keyring: wiped
   * on change and at exit, never written anywhere. */
  char           *session_password;
  JdStore        *store;
  GError         *db_error;
  /* While a server is being reached on a worker thread. */
  GCancellable   *connecting;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (JdApplication, jd_application, ADW_TYPE_APPLICATION)

/* A string that may hold a password: wiped when it goes. */
typedef char JdSecretString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdSecretString, secret_password_free)

enum {
  PROP_0,
  PROP_STORE,
  PROP_CONNECTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

JdApplication *
jd_application_new (void)
{
  return g_object_new (JD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/* The server the settings name, or NULL for this computer's file. */
static const char *
settings_server_uri (JdApplication *self)
{
  g_autofree char *kind = NULL;
  g_autofree char *host = NULL;
  g_autofree char *database = NULL;
  g_autofree char *user = NULL;
  g_autoptr(JdServerAddress) address = NULL;
  g_autofree char *uri = NULL;

  if (self->settings == NULL)
    return NULL;

  kind = g_settings_get_string (self->settings, "database-kind");
  if (g_strcmp0 (kind, "server") != 0)
    return NULL;

  host = g_settings_get_string (self->settings, "server-host");
  database = g_settings_get_string (self->settings, "server-database");
  user = g_settings_get_string (self->settings, "server-user");
  address = jd_server_address_new (host, (guint16) g_settings_get_int (self->settings, "server-port"),
                                    database, user);
  /* Kept while it does not change: callers hold the string. */
  uri = jd_server_address_to_uri (address);
  if (g_strcmp0 (uri, self->server_uri) != 0)
    {
      g_free (self->server_uri);
      self->server_uri = g_steal_pointer (&uri);
    }
  return self->server_uri;
}

/**
 * jd_application_get_db_path:
 *
 * Returns: what the desk opens: the command line's --database (a file
 *   or a server, as given), else the server of the settings when
 *   #JdApplication's "database-kind" is "server", else this computer's
 *   file. A server's string never holds the password.
 */
const char *
jd_application_get_db_path (JdApplication *self)
{
  const char *server;

  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);

  if (self->db_path != NULL)
    return self->db_path;
  server = settings_server_uri (self);
  return server ? server : jd_db_default_path ();
}

/**
 * jd_application_dup_db_display_name:
 *
 * Returns: (transfer full): the file's name, or "jastar on
 *   server.local": for the title, never with a password
 */
char *
jd_application_dup_db_display_name (JdApplication *self)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);

  return jd_database_display_name (jd_application_get_db_path (self));
}

gboolean
jd_application_is_on_server (JdApplication *self)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), FALSE);

  return jd_database_is_server (jd_application_get_db_path (self));
}

/* The password typed in Preferences when the keyring cannot keep it:
 * used by this run's connections only. */
void
jd_application_set_session_password (JdApplication *self,
                                     const char    *password)
{
  g_return_if_fail (JD_IS_APPLICATION (self));

  g_clear_pointer (&self->session_password, secret_password_free);
  self->session_password = g_strdup (password);
}

/**
 * jd_application_use_file:
 *
 * Back to this computer's file (the choice on the error page when the
 * server cannot be reached, and "This computer" in Preferences): the
 * settings say so and a server given with --database is dropped for
 * this run.
 */
void
jd_application_use_file (JdApplication *self)
{
  g_return_if_fail (JD_IS_APPLICATION (self));

  if (self->db_path != NULL && jd_database_is_server (self->db_path))
    g_clear_pointer (&self->db_path, g_free);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "database-kind", "file");
  jd_application_reopen_db (self);
}

void
jd_application_set_db_path (JdApplication *self,
                            const char    *path)
{
  g_return_if_fail (JD_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (path);
}

/**
 * jd_application_get_store:
 *
 * Returns: (transfer none) (nullable): the centre's data, or %NULL when
 *   the database could not be opened (see jd_application_get_db_error());
 *   a reopening replaces it (#JdApplication:store is notified)
 */
JdStore *
jd_application_get_store (JdApplication *self)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
jd_application_get_db_error (JdApplication *self)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);

  return self->db_error;
}

GSettings *
jd_application_get_settings (JdApplication *self)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The end of reaching the server: its store, or why not. A reach
 * cancelled meanwhile (another database chosen, Cancel) is gone: its
 * task closes what it opened. */
static void
server_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(JdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  JdDb *db = jd_server_open_db_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->connecting);
  if (db != NULL)
    self->store = jd_store_new_for_db (db);
  else
    {
      g_message ("Could not open the database: %s", error->message);
      self->db_error = g_steal_pointer (&error);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

static gboolean
stop_connecting (JdApplication *self)
{
  if (self->connecting == NULL)
    return FALSE;
  g_cancellable_cancel (self->connecting);
  g_clear_object (&self->connecting);
  return TRUE;
}

/**
 * jd_application_cancel_connecting:
 *
 * Stops reaching the centre server (Cancel on the window's "Connecting"
 * page): the desk says so, with Try Again and this computer's file.
 */
void
jd_application_cancel_connecting (JdApplication *self)
{
  g_return_if_fail (JD_IS_APPLICATION (self));

  if (!stop_connecting (self))
    return;
  g_clear_error (&self->db_error);
  g_set_error_literal (&self->db_error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("Connecting to the centre’s server was stopped. Try again, or use "
                         "this computer’s file."));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* TRUE while the centre server is being reached (the window shows so). */
gboolean
jd_application_is_connecting (JdApplication *self)
{
  g_return_val_if_fail (JD_IS_APPLICATION (self), FALSE);

  return self->connecting != NULL;
}

/**
 * jd_application_reopen_db:
 *
 * A new store on the database: whoever shows its data takes the new
 * one from ::notify::store and lets the old one go; the old connection
 * closes with the last of them. A file opens at once. A server is
 * reached on a worker thread (up to ten seconds when nothing answers):
 * meanwhile #JdApplication:connecting is %TRUE and the store %NULL,
 * and ::notify::store tells the outcome.
 *
 * Returns: %FALSE when the database could not be opened at once
 */
gboolean
jd_application_reopen_db (JdApplication *self)
{
  const char *path;
  gboolean was_connecting;

  g_return_val_if_fail (JD_IS_APPLICATION (self), FALSE);

  was_connecting = stop_connecting (self);
  g_clear_object (&self->store);
  g_clear_error (&self->db_error);

  path = jd_application_get_db_path (self);
  if (jd_database_is_server (path))
    {
      self->connecting = g_cancellable_new ();
      jd_server_open_db_async (path, self->session_password, self->connecting,
                               server_opened_cb, g_object_ref (self));
    }
  else
    {
      self->store = jd_store_open (path, JD_DB_OPEN_CREATE, &self->db_error);
      if (self->store == NULL)
        g_message ("Could not open the database: %s", self->db_error->message);
    }

  if (was_connecting != (self->connecting != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  return self->store != NULL || self->connecting != NULL;
}

/* Runs on a worker thread with its own connection: the quick integrity
 * check and the daily backup must not hold up the window. */
static void
maintenance_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *db_path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *saved = NULL;

  if (!jd_backup_daily (db_path, now, &saved, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (saved != NULL)
    g_debug ("Daily backup saved to %s", saved);

  g_task_return_boolean (task, TRUE);
}

static void
maintenance_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  JdApplication *self = JD_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (JD_IS_WINDOW (window))
    jd_window_show_error (JD_WINDOW (window),
                          _("Database Check Failed"), error->message);
}

static void
start_maintenance (JdApplication *self)
{
  g_autoptr(GTask) task = NULL;

  /* The daily copy is of this computer's file; a server is backed up
   * on the server. */
  if (self->store == NULL || jd_database_is_server (jd_application_get_db_path (self)))
    return;

  task = g_task_new (self, NULL, maintenance_done_cb, NULL);
  g_task_set_source_tag (task, start_maintenance);
  /* The folder and how many copies to keep are the centre's settings,
   * read by the worker from the file itself. */
  g_task_set_task_data (task, g_strdup (jd_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, maintenance_thread);
}

/* The check and the daily backup wait for the window's first frame:
 * started with the window, they took one of a small machine's cores
 * while the window was being drawn (its first frame came a tenth of a
 * second later). */
static void
first_frame_cb (gpointer user_data)
{
  start_maintenance (JD_APPLICATION (user_data));
}

static void
jd_application_activate (GApplication *app)
{
  JdApplication *self = JD_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      if (self->store == NULL && self->db_error == NULL && self->connecting == NULL)
        jd_application_reopen_db (self);

      window = GTK_WINDOW (jd_window_new (self));
      jd_widget_after_first_frame (GTK_WIDGET (window), first_frame_cb, self);
      jd_bench_hook_install (window, app);
    }

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* Preferences named another database: the settings say which from now
 * on (a --database of this run gives way), the window that showed the
 * old store closes, and the desk starts again from signing in. */
static void
database_changed_cb (JdPreferencesDatabase *page,
                     const char            *session_password,
                     JdApplication         *self)
{
  GtkRoot *prefs = gtk_widget_get_root (GTK_WIDGET (page));

  g_clear_pointer (&self->db_path, g_free);
  /* NULL when the keyring keeps it now: an older one must not win. */
  jd_application_set_session_password (self, session_password);
  if (GTK_IS_WINDOW (prefs))
    gtk_window_destroy (GTK_WINDOW (prefs));
  jd_application_reopen_db (self);
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  JdApplication *self = JD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  JdPreferencesDatabase *database;
  GtkWindow *prefs;

  if (self->store == NULL)
    return;

  prefs = GTK_WINDOW (jd_preferences_window_new (self->store));
  database = jd_preferences_window_add_database_page (JD_PREFERENCES_WINDOW (prefs), self->settings,
                                                      jd_db_default_path ());
  g_signal_connect_object (database, "database-changed", G_CALLBACK (database_changed_cb), self, 0);
  gtk_window_set_transient_for (prefs, parent);
  gtk_window_present (prefs);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  JdApplication *self = JD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "Jastar Desk developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-icon", APP_ID,
                        "application-name", _("Jastar Desk"),
                        "developer-name", _("Jastar Desk developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The front desk of a youth centre: register visitors, "
                                      "check them in, log consultations and report."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "preferences", preferences_activated },
  { "about", about_activated },
};

/* The desk's settings, once: at start-up, or before a command-line
 * action, which runs before start-up. */
static void
load_settings (JdApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings != NULL)
    return;
  /* An uninstalled build may lack the compiled schema: run without
   * remembering the window size rather than abort. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APP_ID);
  else
    g_message ("GSettings schema %s not found; settings will not be kept", APP_ID);
}

/* What a command-line action opens: the database of the window. A
 * server that Preferences chose brings its password from the keyring
 * (one given with --database has its own, or libpq's ways). */
static JdSecretString *
dup_cli_path (JdApplication *self)
{
  const char *path = jd_application_get_db_path (self);
  g_autoptr(GError) keyring_error = NULL;
  char *open_string = NULL;

  if (self->db_path == NULL && jd_database_is_server (path))
    open_string = jd_server_dup_open_string (path, NULL, NULL, &keyring_error);
  if (keyring_error != NULL)
    g_debug ("%s", keyring_error->message);
  return open_string != NULL ? open_string : g_strdup (path);
}

static void
jd_application_startup (GApplication *app)
{
  JdApplication *self = JD_APPLICATION (app);

  G_APPLICATION_CLASS (jd_application_parent_class)->startup (app);

  load_settings (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-visitor",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.find",
                                         (const char *[]) { "<Control>f", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  for (guint i = 0; i < JD_WINDOW_N_SECTIONS; i++)
    {
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      g_autofree char *detailed = g_strdup_printf ("win.section('%s')",
                                                   jd_window_section_name (i));

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), detailed,
                                             (const char *[]) { accel, NULL });
    }
}

static int
jd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  JdApplication *self = JD_APPLICATION (app);
  g_autofree char *database = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *copy_to = NULL;
  g_auto(GStrv) remaining = NULL;
  const char *import_kind = NULL;
  const char *export_kind = NULL;
  g_autoptr(JdSecretString) path = NULL;
  gboolean check = FALSE;
  gboolean cli_action;
  gint32 demo_visitors = -1;
  gint64 seed = 1;
  int status = JD_EXIT_OK;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("jastar-desk %s\n", PACKAGE_VERSION);
      return JD_EXIT_OK;
    }

  g_variant_dict_lookup (options, "import", "&s", &import_kind);
  if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^aay", &remaining) &&
      remaining != NULL && remaining[0] != NULL && (import_kind == NULL || remaining[1] != NULL))
    {
      g_printerr (_("Unexpected argument “%s”. See “jastar-desk --help”.\n"),
                  remaining[0]);
      return JD_EXIT_BAD_INPUT;
    }

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      if (database[0] == '\0')
        {
          g_printerr (_("--database needs the path of a database file.\n"));
          return JD_EXIT_BAD_INPUT;
        }
      /* A server's URI or key=value words pass as given, never made
       * a path of. */
      jd_application_set_db_path (self, database);
    }

  cli_action = g_variant_dict_contains (options, "check") || g_variant_dict_contains (options, "backup") ||
               g_variant_dict_contains (options, "copy-to") || g_variant_dict_contains (options, "export") ||
               import_kind != NULL;
  /* Without --database an action opens what Preferences chose, like
   * the window: the settings are read now, before start-up. */
  if (database == NULL && cli_action)
    load_settings (self);

  /* Start-up, window or command line: a killed export's temporary file
   * (names and visits) beside the database does not outlive it. A
   * server has no folder beside it. */
  if (jd_database_is_server (jd_application_get_db_path (self)))
    {
      g_autoptr(GError) error = NULL;

      /* Every action below opens the database: a server that does not
       * answer is said so once, before any of them makes a file. */
      if ((cli_action || g_variant_dict_contains (options, "demo-data")) &&
          !jd_server_ping (jd_application_get_db_path (self), &error))
        {
          g_printerr ("%s\n", error->message);
          return JD_EXIT_DATA_ERROR;
        }
    }
  else
    {
      g_autofree char *folder = g_path_get_dirname (jd_application_get_db_path (self));

      jd_output_clean_stale (folder);
    }

  g_variant_dict_lookup (options, "check", "b", &check);
  g_variant_dict_lookup (options, "backup", "^ay", &backup);
  g_variant_dict_lookup (options, "demo-data", "i", &demo_visitors);
  g_variant_dict_lookup (options, "seed", "x", &seed);

  if (g_variant_dict_contains (options, "seed") && demo_visitors < 0)
    {
      g_printerr (_("--seed goes with --demo-data.\n"));
      return JD_EXIT_BAD_INPUT;
    }

  if (demo_visitors >= 0)
    {
      if (demo_visitors == 0 || database == NULL)
        {
          g_printerr (_("--demo-data needs a number of visitors above 0 and a new file "
                        "given with --database.\n"));
          return JD_EXIT_BAD_INPUT;
        }
      return jd_cli_demo (database, (guint) demo_visitors, (guint64) seed);
    }

  if (!cli_action)
    return -1;  /* go on: open the window */
  path = dup_cli_path (self);

  /* Moving a centre: the database (--database, or Preferences' server
   * or this computer's file) into an empty server database or a new
   * file. */
  if (g_variant_dict_lookup (options, "copy-to", "^ay", &copy_to))
    {
      if (copy_to[0] == '\0')
        {
          g_printerr (_("--copy-to needs an empty server database (postgresql://…) or the "
                        "path of a new file.\n"));
          return JD_EXIT_BAD_INPUT;
        }
      return jd_cli_copy_to (path, copy_to);
    }

  if (g_variant_dict_lookup (options, "export", "&s", &export_kind))
    {
      const char *from = NULL, *to = NULL, *delimiter = NULL;
      g_autofree char *output = NULL;

      g_variant_dict_lookup (options, "from", "&s", &from);
      g_variant_dict_lookup (options, "to", "&s", &to);
      g_variant_dict_lookup (options, "output", "^ay", &output);
      g_variant_dict_lookup (options, "delimiter", "&s", &delimiter);
      return jd_cli_export (path, export_kind, from, to, output,
                            delimiter, g_variant_dict_contains (options, "anonymize"));
    }
  if (import_kind != NULL)
    {
      const char *sheet = NULL;

      if (remaining == NULL || remaining[0] == NULL)
        {
          g_printerr (_("--import visitors needs the file to read, CSV or a workbook: --import "
                        "visitors FILE.\n"));
          return JD_EXIT_BAD_INPUT;
        }
      g_variant_dict_lookup (options, "sheet", "&s", &sheet);
      return jd_cli_import_sheet (path, import_kind, remaining[0],
                                  sheet);
    }

  if (check)
    status = jd_cli_check (path);

  if (status == JD_EXIT_OK && backup != NULL)
    {
      if (backup[0] == '\0')
        {
          g_printerr (_("--backup needs the path of the file to write.\n"));
          return JD_EXIT_BAD_INPUT;
        }
      status = jd_cli_backup (path, backup);
    }

  return status;
}

static void
jd_application_dispose (GObject *object)
{
  JdApplication *self = JD_APPLICATION (object);

  stop_connecting (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (jd_application_parent_class)->dispose (object);
}

static void
jd_application_finalize (GObject *object)
{
  JdApplication *self = JD_APPLICATION (object);

  g_clear_error (&self->db_error);
  g_free (self->db_path);
  g_free (self->server_uri);
  g_clear_pointer (&self->session_password, secret_password_free);

  G_OBJECT_CLASS (jd_application_parent_class)->finalize (object);
}

static void
jd_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  JdApplication *self = JD_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CONNECTING:
      g_value_set_boolean (value, self->connecting != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_application_class_init (JdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = jd_application_dispose;
  object_class->finalize = jd_application_finalize;
  object_class->get_property = jd_application_get_property;

  /**
   * JdApplication:store: (nullable)
   *
   * The centre's data the window shows; replaced when the database is
   * opened again (after a restore), %NULL while it cannot be opened.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         JD_TYPE_STORE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY));
  /**
   * JdApplication:connecting:
   *
   * %TRUE while the centre server is being reached; the store is %NULL
   * meanwhile.
   */
  properties[PROP_CONNECTING] =
    g_param_spec_boolean ("connecting", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                           G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->activate = jd_application_activate;
  app_class->startup = jd_application_startup;
  app_class->handle_local_options = jd_application_handle_local_options;

  jd_register_resource ();
}

static const GOptionEntry option_entries[] = {
  { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The database: a file (default: ~/.local/share/jastar-desk/jastar.db) or the centre’s "
       "server, postgresql://user@host/database"), N_("PATH") },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check the database for damage and exit (0: healthy, 2: damaged)"), NULL },
  { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the database to FILE and exit"), N_("FILE") },
  { "copy-to", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Copy the whole centre into an empty server database or a new file, and exit"),
    N_("DATABASE") },
  { "demo-data", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Fill a new database with N synthetic visitors, their visits, consultations and events"), N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Seed for --demo-data: the same seed gives the same data (default 1)"), N_("S") },
  { "export", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Save a report to a file and exit: visitors, visits, consultations, events, attendance "
       "or summary"), N_("KIND") },
  { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("First day of the report’s period (YYYY-MM-DD)"), N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Last day of the report’s period (YYYY-MM-DD)"), N_("DATE") },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The file to write: .csv, .xlsx (a workbook) or, for the summary, .pdf"), N_("FILE") },
  { "delimiter", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Separator of the CSV file: “;” (default, Excel in Kazakh and Russian), “,” or “tab”"), N_("D") },
  { "anonymize", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave out names, IIN, phones, e-mail and notes"), NULL },
  { "import", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Import visitors from the CSV file or workbook (.xlsx, .ods) given after it and exit: "
       "--import visitors FILE"), N_("KIND") },
  { "sheet", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The sheet of a workbook (.xlsx, .ods) to import; the first with data if not given"), N_("NAME") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
  { NULL }
};

static void
jd_application_init (JdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The front desk of a youth centre. Without options, "
                                              "opens the window."));
}
