/* test-server.c: a centre server's address, its password and whether
 * a database string names a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libpq-fe.h>
#include <libsecret/secret.h>

#include "jd-server.h"

/* Nothing listens on port 1 of this machine. */
#define NOWHERE "postgresql://nobody@127.0.0.1:1/x"

static void
assert_uri (const char *host,
            guint16     port,
            const char *database,
            const char *user,
            const char *expected)
{
  g_autoptr(JdServerAddress) address = jd_server_address_new (host, port, database, user);
  g_autofree char *uri = jd_server_address_to_uri (address);
  g_autoptr(JdServerAddress) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (uri, ==, expected);

  /* libpq reads back what was written, the escapes undone. */
  back = jd_server_address_parse (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->host, ==, host);
  g_assert_cmpuint (back->port, ==, port);
  g_assert_cmpstr (back->database, ==, database);
  g_assert_cmpstr (back->user, ==, user);
}

static void
test_uri (void)
{
  assert_uri ("server.local", 5432, "jastar", "desk",
              "postgresql://desk@server.local:5432/jastar");
  assert_uri ("10.0.0.5", 5433, "jastar", NULL,
              "postgresql://10.0.0.5:5433/jastar");
  /* "@" in the user, a space and a slash in the database's name. */
  assert_uri ("server.local", 5432, "my db/x", "desk@1",
              "postgresql://desk%401@server.local:5432/my%20db%2Fx");
  /* Cyrillic: UTF-8 bytes, б = D0 B1, а = D0 B0, з = D0 B7. */
  assert_uri ("server.local", 5432, "база", "desk",
              "postgresql://desk@server.local:5432/%D0%B1%D0%B0%D0%B7%D0%B0");
  /* An IPv6 address in brackets. */
  assert_uri ("::1", 5432, "jastar", "desk",
              "postgresql://desk@[::1]:5432/jastar");
  /* A folder is a local socket: it goes into ?host=. */
  assert_uri ("/var/run/postgresql", 5432, "jastar", "desk",
              "postgresql://desk@:5432/jastar?host=%2Fvar%2Frun%2Fpostgresql");
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdServerAddress) words = NULL;
  g_autoptr(JdServerAddress) short_uri = NULL;
  JdServerAddress *bad;

  words = jd_server_address_parse ("host=server.local port=5433 dbname=jastar user=desk",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpstr (words->host, ==, "server.local");
  g_assert_cmpuint (words->port, ==, 5433);
  g_assert_cmpstr (words->database, ==, "jastar");
  g_assert_cmpstr (words->user, ==, "desk");

  /* No port: the usual one; no user: none. */
  short_uri = jd_server_address_parse ("postgres://server.local/jastar", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (short_uri->host, ==, "server.local");
  g_assert_cmpuint (short_uri->port, ==, 5432);
  g_assert_cmpstr (short_uri->database, ==, "jastar");
  g_assert_null (short_uri->user);

  bad = jd_server_address_parse ("postgresql://server.local:99999/x", &error);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID);
  g_assert_null (bad);
  g_clear_error (&error);

  bad = jd_server_address_parse ("host='server.local", &error);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID);
  g_assert_null (bad);
  g_clear_error (&error);

  bad = jd_server_address_parse ("/home/desk/jastar.db", &error);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID);
  g_assert_null (bad);
}

static void
test_is_server (void)
{
  g_assert_true (jd_database_is_server ("postgresql://desk@server/jastar"));
  g_assert_true (jd_database_is_server ("postgres://server/jastar"));
  g_assert_true (jd_database_is_server ("host=server dbname=jastar"));
  g_assert_true (jd_database_is_server ("  dbname = jastar"));
  g_assert_true (jd_database_is_server ("service=centre"));
  g_assert_true (jd_database_is_server ("port=5433 host=server"));
  g_assert_true (jd_database_is_server ("user=desk hostaddr=10.0.0.5"));

  g_assert_false (jd_database_is_server (NULL));
  g_assert_false (jd_database_is_server (""));
  g_assert_false (jd_database_is_server ("/home/desk/.local/share/jastar-desk/jastar.db"));
  g_assert_false (jd_database_is_server ("jastar.db"));
  g_assert_false (jd_database_is_server ("./a=b.db"));
  g_assert_false (jd_database_is_server ("postgresql:jastar"));
  g_assert_false (jd_database_is_server ("=jastar"));
  g_assert_false (jd_database_is_server ("my file=x.db"));
  g_assert_false (jd_database_is_server ("a=b.db"));
  /* Words that name no server: the engine takes them for a file too. */
  g_assert_false (jd_database_is_server ("user=desk port=5433"));
  g_assert_false (jd_database_is_server ("/tmp/host=1.db"));
}

static void
test_display_name (void)
{
  g_autofree char *file = jd_database_display_name ("/home/desk/.local/share/jastar-desk/jastar.db");
  g_autofree char *server = jd_database_display_name ("postgresql://desk@server.local:5432/jastar");
  g_autofree char *other_port = jd_database_display_name ("host=10.0.0.5 port=5433 dbname=centre");
  g_autofree char *with_password = jd_database_display_name ("postgresql://desk:s3cret@server.local/jastar");

  g_assert_cmpstr (file, ==, "jastar.db");
  g_assert_cmpstr (server, ==, "jastar on server.local");
  g_assert_cmpstr (other_port, ==, "centre on 10.0.0.5:5433");
  g_assert_cmpstr (with_password, ==, "jastar on server.local");
}

/* What libpq makes of @conninfo's @keyword. */
static char *
libpq_value (const char *conninfo,
             const char *keyword)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  char *value = NULL;

  g_assert_nonnull (options);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, keyword))
      value = g_strdup (o->val);
  PQconninfoFree (options);
  return value;
}

static void
test_conninfo_with_password (void)
{
  g_autofree char *words = jd_server_conninfo_with_password ("postgresql://desk@server.local:5432/jastar",
                                                             "it's \\ secret");
  g_autofree char *replaced = jd_server_conninfo_with_password ("host=h password=old dbname=d", "new");
  g_autofree char *none = jd_server_conninfo_with_password ("postgresql://desk@server.local/jastar", NULL);
  g_autofree char *password = NULL, *host = NULL, *user = NULL, *dbname = NULL, *port = NULL;
  g_autofree char *new_password = NULL;

  g_assert_nonnull (words);
  /* Quoted for libpq: ' and \ behind a backslash. */
  g_assert_nonnull (strstr (words, "password='it\\'s \\\\ secret'"));
  password = libpq_value (words, "password");
  host = libpq_value (words, "host");
  user = libpq_value (words, "user");
  dbname = libpq_value (words, "dbname");
  port = libpq_value (words, "port");
  g_assert_cmpstr (password, ==, "it's \\ secret");
  g_assert_cmpstr (host, ==, "server.local");
  g_assert_cmpstr (user, ==, "desk");
  g_assert_cmpstr (dbname, ==, "jastar");
  g_assert_cmpstr (port, ==, "5432");
  g_assert_true (jd_server_conninfo_has_password (words));
  g_assert_true (jd_database_is_server (words));

  new_password = libpq_value (replaced, "password");
  g_assert_cmpstr (new_password, ==, "new");
  g_assert_null (strstr (replaced, "old"));

  g_assert_false (jd_server_conninfo_has_password (none));
  g_assert_false (jd_server_conninfo_has_password ("postgresql://desk@server.local/jastar"));

  g_assert_null (jd_server_conninfo_with_password ("host='unterminated", "x"));
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (jd_server_ping (NOWHERE, &error));
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "127.0.0.1:1"));
  g_clear_error (&error);

  g_assert_false (jd_server_ping ("jastar.db", &error));
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID);
}

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (jd_server_connect_test_finish (result, error));
}

static void
test_connect_async (void)
{
  GError *error = NULL;

  jd_server_connect_test_async (NOWHERE, NULL, connect_done_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_UNREACHABLE);
  g_error_free (error);
}

static void
lookup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;
  char *password = jd_server_password_lookup_finish (result, error);

  g_assert_null (password);
}

/* On a session bus with no keyring: said plainly, sync and async. */
static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
      g_autoptr(JdServerAddress) address = jd_server_address_new ("jd-test.invalid", 5432,
                                                                  "jastar", "desk");
      g_autoptr(GError) error = NULL;
      GError *async_error = NULL;
      char *password;

      g_test_dbus_up (bus);

      g_assert_false (jd_server_password_store_sync (address, "secret", NULL, &error));
      g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_NO_KEYRING);
      g_clear_error (&error);

      password = jd_server_password_lookup_sync (address, NULL, &error);
      g_assert_null (password);
      g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_NO_KEYRING);

      jd_server_password_lookup (address, NULL, lookup_done_cb, &async_error);
      while (async_error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (async_error, JD_SERVER_ERROR, JD_SERVER_ERROR_NO_KEYRING);
      g_error_free (async_error);

      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* With a real keyring (a desktop session): kept, found, cleared. */
static void
test_keyring (void)
{
  g_autoptr(JdServerAddress) address = jd_server_address_new ("jd-test.invalid", 5999,
                                                              "jastar-test", "desk");
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  char *password;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no session bus");
      return;
    }
  service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error);
  if (service == NULL)
    {
      g_test_skip ("no Secret Service on the session bus");
      return;
    }

  g_assert_true (jd_server_password_store_sync (address, "s3cret 'ü'", NULL, &error));
  g_assert_no_error (error);
  password = jd_server_password_lookup_sync (address, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "s3cret 'ü'");
  secret_password_free (password);

  g_assert_true (jd_server_password_clear_sync (address, NULL, &error));
  g_assert_no_error (error);
  password = jd_server_password_lookup_sync (address, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/uri", test_uri);
  g_test_add_func ("/server/parse", test_parse);
  g_test_add_func ("/server/is-server", test_is_server);
  g_test_add_func ("/server/display-name", test_display_name);
  g_test_add_func ("/server/conninfo-with-password", test_conninfo_with_password);
  g_test_add_func ("/server/unreachable", test_unreachable);
  g_test_add_func ("/server/connect-async", test_connect_async);
  g_test_add_func ("/server/no-keyring", test_no_keyring);
  g_test_add_func ("/server/keyring", test_keyring);

  return g_test_run ();
}
