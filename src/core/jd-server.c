/* jd-server.c: pointing a desk at the centre's PostgreSQL server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server is named like libpq names one: a URI
 * (postgresql://user@host:port/database) or key=value words
 * ("host=server.local dbname=jastar"). What a desk keeps in GSettings
 * and shows on screen is the address only. The password lives in the
 * GNOME keyring (libsecret, schema "kz.jastar.Desk.Server"); to open
 * the store it is added to a key=value connection string
 * (jd_server_conninfo_with_password()) that is handed to jd_db_open()
 * and to the workers' own connections, and never shown, logged or
 * saved: show jd_database_display_name() instead.
 */
#define G_LOG_DOMAIN "jd-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>
#include <libsecret/secret.h>
#include <string.h>

#include "jd-db.h"
#include "jd-server.h"

/* Seconds a connection attempt may take before the desk says that
 * nothing answers; the connection string may set its own. */
#define CONNECT_TIMEOUT "10"

G_DEFINE_QUARK (jd-server-error-quark, jd_server_error)

JdServerAddress *
jd_server_address_new (const char *host,
                       guint16     port,
                       const char *database,
                       const char *user)
{
  JdServerAddress *address = g_new0 (JdServerAddress, 1);

  address->host = g_strdup (host);
  address->port = port;
  address->database = g_strdup (database);
  address->user = g_strdup (user);
  return address;
}

JdServerAddress *
jd_server_address_copy (const JdServerAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  return jd_server_address_new (address->host, address->port, address->database, address->user);
}

void
jd_server_address_free (JdServerAddress *address)
{
  if (address == NULL)
    return;

  g_free (address->host);
  g_free (address->database);
  g_free (address->user);
  g_free (address);
}

static gboolean
is_empty (const char *s)
{
  return s == NULL || s[0] == '\0';
}

/**
 * jd_database_is_server:
 *
 * The engine's own rule (jd_db_path_is_server()); NULL is no server.
 */
gboolean
jd_database_is_server (const char *path)
{
  return path != NULL && jd_db_path_is_server (path);
}

static PQconninfoOption *
parse_conninfo (const char  *conninfo,
                GError     **error)
{
  char *message = NULL;
  PQconninfoOption *options = PQconninfoParse (conninfo, &message);

  if (options == NULL)
    {
      g_autofree char *detail = message ? g_strstrip (g_strdup (message)) : NULL;

      g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID,
                   _("The server’s address is not valid (%s). Write it like "
                     "postgresql://user@host:5432/database."),
                   detail ? detail : _("out of memory"));
      PQfreemem (message);
    }
  return options;
}

static const char *
option_value (const PQconninfoOption *options,
              const char             *keyword)
{
  for (const PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, keyword) == 0)
      return is_empty (o->val) ? NULL : o->val;
  return NULL;
}

/**
 * jd_server_address_parse:
 * @conninfo: a postgresql:// URI or key=value connection string
 *
 * Returns: (transfer full) (nullable): the host, port, database and
 *   user it names (port 5432 when it names none), or %NULL with
 *   %JD_SERVER_ERROR_INVALID
 */
JdServerAddress *
jd_server_address_parse (const char  *conninfo,
                         GError     **error)
{
  PQconninfoOption *options;
  const char *host, *port;
  guint64 port_number = JD_SERVER_DEFAULT_PORT;
  JdServerAddress *address;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (!jd_database_is_server (conninfo))
    {
      g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID,
                   _("“%s” is not a server’s address. Write it like "
                     "postgresql://user@host:5432/database."), conninfo);
      return NULL;
    }

  options = parse_conninfo (conninfo, error);
  if (options == NULL)
    return NULL;

  host = option_value (options, "host");
  if (host == NULL)
    host = option_value (options, "hostaddr");
  port = option_value (options, "port");
  if (port != NULL &&
      (!g_ascii_string_to_unsigned (port, 10, 1, G_MAXUINT16, &port_number, NULL)))
    {
      g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID,
                   _("The port “%s” is not valid: use a number from 1 to 65535 "
                     "(the usual one is 5432)."), port);
      PQconninfoFree (options);
      return NULL;
    }

  address = jd_server_address_new (host, (guint16) port_number,
                                    option_value (options, "dbname"),
                                    option_value (options, "user"));
  PQconninfoFree (options);
  return address;
}

/**
 * jd_server_address_to_uri:
 *
 * Returns: (transfer full): postgresql://user@host:port/database, every
 *   part percent-encoded; a host that is a folder (a local socket) goes
 *   into ?host=, an IPv6 address into brackets. Never a password.
 */
char *
jd_server_address_to_uri (const JdServerAddress *address)
{
  GString *uri;
  gboolean socket_dir;

  g_return_val_if_fail (address != NULL, NULL);

  uri = g_string_new ("postgresql://");
  if (!is_empty (address->user))
    {
      g_autofree char *user = g_uri_escape_string (address->user, NULL, FALSE);

      g_string_append_printf (uri, "%s@", user);
    }

  socket_dir = !is_empty (address->host) && address->host[0] == '/';
  if (!is_empty (address->host) && !socket_dir)
    {
      if (strchr (address->host, ':') != NULL)
        g_string_append_printf (uri, "[%s]", address->host);
      else
        {
          g_autofree char *host = g_uri_escape_string (address->host, NULL, FALSE);

          g_string_append (uri, host);
        }
    }
  if (address->port != 0)
    g_string_append_printf (uri, ":%u", address->port);

  g_string_append_c (uri, '/');
  if (!is_empty (address->database))
    {
      g_autofree char *database = g_uri_escape_string (address->database, NULL, FALSE);

      g_string_append (uri, database);
    }

  if (socket_dir)
    {
      g_autofree char *host = g_uri_escape_string (address->host, NULL, FALSE);

      g_string_append_printf (uri, "?host=%s", host);
    }

  return g_string_free (uri, FALSE);
}

/**
 * jd_server_address_to_display:
 *
 * Returns: (transfer full): "jastar on server.local" for the title and
 *   the status line; the port only when it is not the usual one.
 */
char *
jd_server_address_to_display (const JdServerAddress *address)
{
  g_autofree char *host = NULL;
  const char *database;

  g_return_val_if_fail (address != NULL, NULL);

  if (is_empty (address->host))
    host = g_strdup ("localhost");
  else if (address->port != 0 && address->port != JD_SERVER_DEFAULT_PORT)
    host = g_strdup_printf ("%s:%u", address->host, address->port);
  else
    host = g_strdup (address->host);

  database = !is_empty (address->database) ? address->database
           : !is_empty (address->user) ? address->user : "postgres";

  /* Translators: which database the desk works on, shown under the
   * window's title: "jastar on server.local" (database, then server). */
  return g_strdup_printf (_("%s on %s"), database, host);
}

/**
 * jd_database_display_name:
 * @path: what jd_db_open() takes: a file's path or a server
 *
 * Returns: (transfer full): the file's name, or "database on host" for
 *   a server; never a password.
 */
char *
jd_database_display_name (const char *path)
{
  g_autoptr(JdServerAddress) address = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!jd_database_is_server (path))
    return g_filename_display_basename (path);

  address = jd_server_address_parse (path, NULL);
  if (address == NULL)
    return g_strdup (_("the centre’s server"));
  return jd_server_address_to_display (address);
}

static void
append_conninfo_value (GString    *out,
                       const char *keyword,
                       const char *value)
{
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_printf (out, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' || *p == '\'')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/**
 * jd_server_conninfo_with_password:
 * @conninfo: a server's URI or key=value words
 * @password: (nullable): the password, or %NULL to leave it out
 *
 * Every setting of @conninfo as key='value' words, quoted for libpq,
 * with password='…' added (replacing one already there). The result
 * holds a secret: give it to jd_db_open() and nothing else.
 *
 * Returns: (transfer full) (nullable): the words, or %NULL when
 *   @conninfo does not parse
 */
char *
jd_server_conninfo_with_password (const char *conninfo,
                                  const char *password)
{
  PQconninfoOption *options;
  GString *out;

  g_return_val_if_fail (conninfo != NULL, NULL);

  options = parse_conninfo (conninfo, NULL);
  if (options == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (o->val != NULL && strcmp (o->keyword, "password") != 0)
      append_conninfo_value (out, o->keyword, o->val);
  if (password != NULL)
    append_conninfo_value (out, "password", password);
  PQconninfoFree (options);

  return g_string_free (out, FALSE);
}

/* Whether the string carries a password of its own (typed on the
 * command line): then the keyring is not asked. */
gboolean
jd_server_conninfo_has_password (const char *conninfo)
{
  PQconninfoOption *options;
  gboolean has;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  options = parse_conninfo (conninfo, NULL);
  if (options == NULL)
    return FALSE;
  has = option_value (options, "password") != NULL;
  PQconninfoFree (options);
  return has;
}

static char *
address_for_messages (const char *conninfo)
{
  g_autoptr(JdServerAddress) address = jd_server_address_parse (conninfo, NULL);

  if (address == NULL || is_empty (address->host))
    return g_strdup ("localhost");
  if (address->port != 0 && address->port != JD_SERVER_DEFAULT_PORT)
    return g_strdup_printf ("%s:%u", address->host, address->port);
  return g_strdup (address->host);
}

/**
 * jd_server_ping:
 *
 * Whether the server answers at all (no user or password needed):
 * asked before a store is opened so that a server that is off says so
 * in plain words, and nothing is ever mistaken for a file.
 */
gboolean
jd_server_ping (const char  *conninfo,
                GError     **error)
{
  const char *const keywords[] = { "connect_timeout", "dbname", NULL };
  const char *const values[] = { CONNECT_TIMEOUT, conninfo, NULL };
  g_autofree char *where = NULL;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  if (!jd_database_is_server (conninfo))
    {
      g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID,
                   _("“%s” is not a server’s address. Write it like "
                     "postgresql://user@host:5432/database."), conninfo);
      return FALSE;
    }

  where = address_for_messages (conninfo);
  switch (PQpingParams (keywords, values, 1))
    {
    case PQPING_OK:
      return TRUE;

    case PQPING_REJECT:
      g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_UNREACHABLE,
                   _("The centre’s server at %s answers but takes no connections now "
                     "(it may be starting or stopping). Try again in a minute."), where);
      return FALSE;

    case PQPING_NO_RESPONSE:
      g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_UNREACHABLE,
                   _("Nothing answers at %s. Check that the centre’s server is on and "
                     "that this computer is on the centre’s network, then try again."), where);
      return FALSE;

    case PQPING_NO_ATTEMPT:
    default:
      {
        g_autoptr(GError) parse_error = NULL;
        PQconninfoOption *options = parse_conninfo (conninfo, &parse_error);

        if (options != NULL)
          {
            PQconninfoFree (options);
            g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID,
                         _("The server’s address is not valid. Check the host, port and "
                           "database."));
          }
        else
          g_propagate_error (error, g_steal_pointer (&parse_error));
      }
      return FALSE;
    }
}

/* libpq's reasons, in the desk's words. */
static void
set_refused_error (GError     **error,
                   PGconn      *conn,
                   const char  *conninfo)
{
  g_autoptr(JdServerAddress) address = jd_server_address_parse (conninfo, NULL);
  g_autofree char *detail = g_strstrip (g_strdup (PQerrorMessage (conn)));
  const char *user = address && address->user ? address->user : g_get_user_name ();
  const char *database = address && address->database ? address->database : user;

  if (strstr (detail, "no password supplied") != NULL ||
      strstr (detail, "password is required") != NULL)
    g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED,
                 _("The server needs the password of “%s”. Type it in Preferences → "
                   "Database."), user);
  else if (strstr (detail, "password authentication failed") != NULL ||
           strstr (detail, "authentication failed") != NULL)
    g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED,
                 _("The server did not accept the user “%s” with this password. "
                   "Check both with the centre’s administrator."), user);
  else if (strstr (detail, "does not exist") != NULL && strstr (detail, "database") != NULL)
    g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED,
                 _("The server has no database “%s”. Check its name with the "
                   "centre’s administrator."), database);
  else if (strstr (detail, "no pg_hba.conf entry") != NULL)
    g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED,
                 _("The server does not let this computer in. The centre’s administrator "
                   "has to allow it (pg_hba.conf)."));
  else
    g_set_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED,
                 _("The server refused the connection: %s"), detail);
}

/**
 * jd_server_connect_test:
 * @conninfo: the server, with its password when it needs one
 *
 * Connects once and closes again: nothing answers
 * (%JD_SERVER_ERROR_UNREACHABLE), the user, password or database is
 * wrong (%JD_SERVER_ERROR_REFUSED), or %TRUE. Blocks for at most ten
 * seconds (the connection string's connect_timeout if it has one).
 */
gboolean
jd_server_connect_test (const char    *conninfo,
                        GCancellable  *cancellable,
                        GError       **error)
{
  const char *const keywords[] = { "connect_timeout", "dbname", NULL };
  const char *const values[] = { CONNECT_TIMEOUT, conninfo, NULL };
  PGconn *conn;
  gboolean ok;

  g_return_val_if_fail (conninfo != NULL, FALSE);

  if (!jd_server_ping (conninfo, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  conn = PQconnectdbParams (keywords, values, 1);
  ok = conn != NULL && PQstatus (conn) == CONNECTION_OK;
  if (!ok)
    {
      if (conn == NULL)
        g_set_error_literal (error, JD_SERVER_ERROR, JD_SERVER_ERROR_FAILED,
                             _("Out of memory while connecting to the server."));
      else
        set_refused_error (error, conn, conninfo);
    }
  PQfinish (conn);

  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return ok;
}

static void
connect_test_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (jd_server_connect_test (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
jd_server_connect_test_async (const char          *conninfo,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (conninfo != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_server_connect_test_async);
  /* The string may hold the password: wiped when the task goes. */
  g_task_set_task_data (task, g_strdup (conninfo), (GDestroyNotify) secret_password_free);
  g_task_run_in_thread (task, connect_test_thread);
}

gboolean
jd_server_connect_test_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The keyring. */

static const SecretSchema *
server_schema (void)
{
  static const SecretSchema schema = {
    "kz.jastar.Desk.Server", SECRET_SCHEMA_NONE,
    {
      { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "port", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static GHashTable *
address_attributes (const JdServerAddress *address)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, "host", g_strdup (address->host ? address->host : ""));
  g_hash_table_insert (attributes, "port",
                       g_strdup_printf ("%u", address->port ? address->port
                                                            : JD_SERVER_DEFAULT_PORT));
  g_hash_table_insert (attributes, "database",
                       g_strdup (address->database ? address->database : ""));
  g_hash_table_insert (attributes, "user", g_strdup (address->user ? address->user : ""));
  return attributes;
}

/* No Secret Service on the session bus (no keyring, or no bus at all):
 * said plainly; the password can still be used for this session. */
static void
set_keyring_error (GError **error,
                   GError  *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }

  g_debug ("Secret Service: %s", cause->message);
  g_set_error_literal (error, JD_SERVER_ERROR, JD_SERVER_ERROR_NO_KEYRING,
                       _("This computer has no keyring to keep the server’s password. "
                         "The password is kept only until the desk closes; type it "
                         "again next time."));
  g_error_free (cause);
}

/* A keyring call's failure, as set_keyring_error() words it, to @task. */
static void
return_keyring_error (GTask  *task,
                      GError *cause)
{
  GError *mapped = NULL;

  set_keyring_error (&mapped, cause);
  g_task_return_error (task, mapped);
}

static char *
secret_label (const JdServerAddress *address)
{
  g_autofree char *display = jd_server_address_to_display (address);

  /* Translators: the password's name in the keyring (Passwords and Keys). */
  return g_strdup_printf (_("Jastar Desk: %s"), display);
}

gboolean
jd_server_password_store_sync (const JdServerAddress  *address,
                               const char             *password,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);

  attributes = address_attributes (address);
  label = secret_label (address);
  if (!secret_password_storev_sync (server_schema (), attributes, SECRET_COLLECTION_DEFAULT,
                                    label, password, cancellable, &local_error))
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

/**
 * jd_server_password_lookup_sync:
 *
 * Returns: (transfer full) (nullable): the password (free it with
 *   secret_password_free()), or %NULL when none is kept (no error) or
 *   the keyring cannot be asked (%JD_SERVER_ERROR_NO_KEYRING)
 */
char *
jd_server_password_lookup_sync (const JdServerAddress  *address,
                                GCancellable           *cancellable,
                                GError                **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;
  char *password;

  g_return_val_if_fail (address != NULL, NULL);

  attributes = address_attributes (address);
  password = secret_password_lookupv_sync (server_schema (), attributes, cancellable,
                                           &local_error);
  if (local_error != NULL)
    set_keyring_error (error, local_error);
  return password;
}

gboolean
jd_server_password_clear_sync (const JdServerAddress  *address,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(GHashTable) attributes = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (address != NULL, FALSE);

  attributes = address_attributes (address);
  secret_password_clearv_sync (server_schema (), attributes, cancellable, &local_error);
  if (local_error != NULL)
    {
      set_keyring_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
store_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (secret_password_store_finish (result, &error))
    g_task_return_boolean (task, TRUE);
  else
    return_keyring_error (task, error);
}

void
jd_server_password_store (const JdServerAddress *address,
                          const char            *password,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (address != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_server_password_store);
  attributes = address_attributes (address);
  label = secret_label (address);
  secret_password_storev (server_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          password, cancellable, store_done_cb, task);
}

gboolean
jd_server_password_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error == NULL)
    g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
  else
    return_keyring_error (task, error);
}

void
jd_server_password_lookup (const JdServerAddress *address,
                           GCancellable          *cancellable,
                           GAsyncReadyCallback    callback,
                           gpointer               user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (address != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_server_password_lookup);
  attributes = address_attributes (address);
  secret_password_lookupv (server_schema (), attributes, cancellable, lookup_done_cb, task);
}

/**
 * jd_server_password_lookup_finish:
 *
 * Returns: (transfer full) (nullable): as jd_server_password_lookup_sync()
 */
char *
jd_server_password_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (result, &error);
  if (error == NULL)
    g_task_return_boolean (task, TRUE);
  else
    return_keyring_error (task, error);
}

void
jd_server_password_clear (const JdServerAddress *address,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (address != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_server_password_clear);
  attributes = address_attributes (address);
  secret_password_clearv (server_schema (), attributes, cancellable, clear_done_cb, task);
}

gboolean
jd_server_password_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
