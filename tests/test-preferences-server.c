/* test-preferences-server.c: Preferences → Database, and a desk whose
 * server does not answer, driven through the real widgets
 *
 * The server is a stand-in speaking just enough of PostgreSQL's
 * protocol on 127.0.0.1: it asks for the password in clear, keeps what
 * it was sent, and lets in only the right one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-helpers.h"
#include "pg-helpers.h"

#include <adwaita.h>
#include <string.h>

#include "jd-application.h"
#include "jd-connecting-page.h"
#include "jd-preferences-window.h"
#include "jd-preferences-database.h"
#include "jd-server.h"
#include "jd-window.h"

#define PASSWORD "s3cret 'pw' \\ жұмыс"

static char *tmp_dir;

/* pg_virtualenv's password, kept out of the environment but for the
 * real server's test: libpq would send it to the stand-in too. */
static char *pg_password;

/* The stand-in server. */
typedef struct
{
  GSocketService *service;
  guint16         port;
  GMutex          lock;
  GCond           started;
  char           *last_password;
  guint           n_logins;
} FakeServer;

static FakeServer server;

static gboolean
read_exact (GInputStream *in,
            void         *buffer,
            gsize         size)
{
  gsize done = 0;

  return g_input_stream_read_all (in, buffer, size, &done, NULL, NULL) && done == size;
}

static void
write_message (GOutputStream *out,
               char           type,
               const void    *body,
               guint32        body_size)
{
  guint32 length = GUINT32_TO_BE (body_size + 4);

  g_output_stream_write_all (out, &type, 1, NULL, NULL, NULL);
  g_output_stream_write_all (out, &length, 4, NULL, NULL, NULL);
  if (body_size > 0)
    g_output_stream_write_all (out, body, body_size, NULL, NULL, NULL);
}

static void
write_auth (GOutputStream *out,
            guint32        code)
{
  guint32 body = GUINT32_TO_BE (code);

  write_message (out, 'R', &body, 4);
}

static gboolean
fake_server_run (GThreadedSocketService *service,
                 GSocketConnection      *connection,
                 GObject                *source,
                 gpointer                user_data)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  guint32 header[2];
  g_autofree char *rest = NULL;
  char type;
  guint32 length;
  g_autofree char *password = NULL;

  /* SSL and GSS requests are declined; then the start-up message. */
  for (;;)
    {
      if (!read_exact (in, header, 8))
        return TRUE;
      length = GUINT32_FROM_BE (header[0]);
      if (GUINT32_FROM_BE (header[1]) == 80877103 || GUINT32_FROM_BE (header[1]) == 80877104)
        {
          g_output_stream_write_all (out, "N", 1, NULL, NULL, NULL);
          continue;
        }
      break;
    }
  if (length < 8 || length > 10000)
    return TRUE;
  rest = g_malloc (length - 8);
  if (!read_exact (in, rest, length - 8))
    return TRUE;

  write_auth (out, 3);  /* AuthenticationCleartextPassword */
  if (!read_exact (in, &type, 1) || type != 'p' || !read_exact (in, &length, 4))
    return TRUE;
  length = GUINT32_FROM_BE (length);
  if (length < 5 || length > 10000)
    return TRUE;
  password = g_malloc0 (length - 3);
  if (!read_exact (in, password, length - 4))
    return TRUE;

  g_mutex_lock (&server.lock);
  g_free (server.last_password);
  server.last_password = g_strdup (password);
  g_mutex_unlock (&server.lock);

  if (g_str_equal (password, PASSWORD))
    {
      write_auth (out, 0);  /* AuthenticationOk */
      write_message (out, 'Z', "I", 1);  /* ReadyForQuery */
      g_mutex_lock (&server.lock);
      server.n_logins++;
      g_mutex_unlock (&server.lock);
      /* Wait for the client's Terminate. */
      read_exact (in, &type, 1);
    }
  else
    {
      static const char error[] = "SFATAL\0C28P01\0Mpassword authentication failed for user \"desk\"\0";

      write_message (out, 'E', error, sizeof error);
    }
  return TRUE;
}

/* The server accepts on a thread of its own: the desk connects from
 * the main thread when it opens the store, and waits for the answer. */
static gpointer
fake_server_thread (gpointer data)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_main_context_push_thread_default (context);
  server.service = g_threaded_socket_service_new (4);
  g_signal_connect (server.service, "run", G_CALLBACK (fake_server_run), NULL);
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server.service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &effective, &error));
  g_assert_no_error (error);
  g_socket_service_start (server.service);

  g_mutex_lock (&server.lock);
  server.port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_cond_signal (&server.started);
  g_mutex_unlock (&server.lock);

  g_main_loop_run (loop);
  return NULL;
}

static void
fake_server_start (void)
{
  g_mutex_init (&server.lock);
  g_cond_init (&server.started);
  g_mutex_lock (&server.lock);
  g_thread_unref (g_thread_new ("fake-server", fake_server_thread, NULL));
  while (server.port == 0)
    g_cond_wait (&server.started, &server.lock);
  g_mutex_unlock (&server.lock);
}

static char *
server_last_password (void)
{
  char *password;

  g_mutex_lock (&server.lock);
  password = g_strdup (server.last_password);
  g_mutex_unlock (&server.lock);
  return password;
}

#define CHILD(page, name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), JD_TYPE_PREFERENCES_DATABASE, name))
#define WINDOW_CHILD(window, name) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), JD_TYPE_WINDOW, name))

static void
set_text (JdPreferencesDatabase *page,
          const char            *row,
          const char            *text)
{
  gtk_editable_set_text (GTK_EDITABLE (CHILD (page, row)), text);
}

static void
changed_cb (JdPreferencesDatabase *page,
            const char            *session_password,
            char                 **seen)
{
  g_free (*seen);
  *seen = g_strdup (session_password ? session_password : "(none)");
}

/* Presses Connect and waits for the try to end. */
static void
press_connect (JdPreferencesDatabase *page)
{
  g_signal_emit_by_name (CHILD (page, "connect_button"), "clicked");
  g_assert_true (jd_preferences_database_get_busy (page));
  ui_wait_while (page, "busy");
}

/* No key of the desk's settings holds @secret, in any form. */
static void
assert_not_in_settings (GSettings  *settings,
                        const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

static void
test_rows (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *port = g_strdup_printf ("%u", server.port);
  g_autofree char *seen = NULL;
  g_autofree char *host = NULL, *kind = NULL, *database = NULL, *user = NULL;
  g_autofree char *received = NULL;
  JdPreferencesDatabase *page;
  GtkWidget *window;
  GtkLabel *status;

  g_settings_reset (settings, "database-kind");
  window = adw_preferences_window_new ();
  page = jd_preferences_database_new (settings, "/home/desk/.local/share/jastar-desk/jastar.db");
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  g_signal_connect (page, "database-changed", G_CALLBACK (changed_cb), &seen);
  gtk_window_present (GTK_WINDOW (window));
  ui_spin ();
  status = GTK_LABEL (CHILD (page, "status_label"));

  /* The file by default; the server's rows wait for the choice. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (CHILD (page, "file_check"))));
  g_assert_false (gtk_widget_get_sensitive (CHILD (page, "server_group")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, "port_row"))), ==, "5432");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, "database_row"))), ==, "jastar");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (CHILD (page, "server_check")), TRUE);
  g_assert_true (gtk_widget_get_sensitive (CHILD (page, "server_group")));

  /* Nothing answers: said under the rows, nothing saved. */
  set_text (page, "host_row", "127.0.0.1");
  set_text (page, "port_row", "1");
  set_text (page, "database_row", "centre");
  set_text (page, "user_row", "desk");
  set_text (page, "password_row", PASSWORD);
  press_connect (page);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "Nothing answers at 127.0.0.1:1."));
  kind = g_settings_get_string (settings, "database-kind");
  host = g_settings_get_string (settings, "server-host");
  g_assert_cmpstr (kind, ==, "file");
  g_assert_cmpstr (host, ==, "");
  g_assert_null (seen);

  /* A wrong password: the server's refusal in plain words. */
  set_text (page, "port_row", port);
  set_text (page, "password_row", "wrong");
  press_connect (page);
  g_assert_nonnull (strstr (gtk_label_get_text (status), "did not accept the user “desk”"));
  received = server_last_password ();
  g_assert_cmpstr (received, ==, "wrong");
  g_clear_pointer (&kind, g_free);
  kind = g_settings_get_string (settings, "database-kind");
  g_assert_cmpstr (kind, ==, "file");
  g_assert_null (seen);

  /* A port that is not one: the row says so, Connect does not try. */
  set_text (page, "port_row", "70000");
  g_assert_true (gtk_widget_has_css_class (CHILD (page, "port_row"), "error"));
  g_signal_emit_by_name (CHILD (page, "connect_button"), "clicked");
  g_assert_false (jd_preferences_database_get_busy (page));
  g_assert_nonnull (strstr (gtk_label_get_text (status), "65535"));

  /* The right one: the server got it exactly; the address is kept,
   * the password is not; with no keyring on this test's bus, it is
   * handed on for this session only. */
  set_text (page, "port_row", port);
  set_text (page, "password_row", PASSWORD);
  press_connect (page);
  g_clear_pointer (&received, g_free);
  received = server_last_password ();
  g_assert_cmpstr (received, ==, PASSWORD);
  g_assert_cmpstr (seen, ==, PASSWORD);
  g_assert_nonnull (strstr (gtk_label_get_text (status), "no keyring"));
  g_clear_pointer (&kind, g_free);
  g_clear_pointer (&host, g_free);
  kind = g_settings_get_string (settings, "database-kind");
  host = g_settings_get_string (settings, "server-host");
  database = g_settings_get_string (settings, "server-database");
  user = g_settings_get_string (settings, "server-user");
  g_assert_cmpstr (kind, ==, "server");
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpint (g_settings_get_int (settings, "server-port"), ==, server.port);
  g_assert_cmpstr (database, ==, "centre");
  g_assert_cmpstr (user, ==, "desk");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (CHILD (page, "password_row"))), ==, "");
  assert_not_in_settings (settings, PASSWORD);

  /* Back to this computer: at once. */
  g_clear_pointer (&seen, g_free);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (CHILD (page, "file_check")), TRUE);
  g_assert_cmpstr (seen, ==, "(none)");
  g_clear_pointer (&kind, g_free);
  kind = g_settings_get_string (settings, "database-kind");
  g_assert_cmpstr (kind, ==, "file");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin ();
}

/* Fires once: the main loop turned while the server was being reached. */
static gboolean
turned_cb (gpointer data)
{
  JdApplication *app = data;

  g_assert_true (jd_application_is_connecting (app));
  g_object_set_data (G_OBJECT (app), "turned", GINT_TO_POINTER (TRUE));
  return G_SOURCE_REMOVE;
}

/* A server that takes the connection and never answers (a listening
 * socket nobody accepts from: libpq waits for its ten seconds). The
 * window stays alive meanwhile and says what it is doing; Cancel and
 * this computer's file end the wait at once. */
static void
test_connecting (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GError) local_error = NULL;
  GtkWidget *stack, *page, *status;
  GtkWindow *window;
  const GError *error;
  guint16 port;

  silent = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &local_error);
  g_assert_no_error (local_error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (silent, address, TRUE, &local_error));
  g_assert_true (g_socket_listen (silent, &local_error));
  bound = g_socket_get_local_address (silent, &local_error);
  g_assert_no_error (local_error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  g_settings_set_string (settings, "server-host", "127.0.0.1");
  g_settings_set_int (settings, "server-port", port);
  g_settings_set_string (settings, "server-database", "jastar");
  g_settings_set_string (settings, "server-user", "desk");
  g_settings_set_string (settings, "database-kind", "server");

  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  stack = WINDOW_CHILD (window, "main_stack");
  page = WINDOW_CHILD (window, "connecting_page");

  /* Connecting: no store yet, the window's loop runs on. */
  g_assert_true (jd_application_is_connecting (app));
  g_assert_null (jd_application_get_store (app));
  g_assert_null (jd_application_get_db_error (app));
  g_timeout_add (10, turned_cb, app);
  while (g_object_get_data (G_OBJECT (app), "turned") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "connecting");
  status = gtk_widget_get_first_child (page);
  g_assert_true (ADW_IS_STATUS_PAGE (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==,
                   "Connecting to the Centre Server…");
  {
    g_autofree char *expected = g_strdup_printf ("jastar on 127.0.0.1:%u", port);

    g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==, expected);
  }

  /* Cancel: at once the error page, with Try Again and the file. */
  g_signal_emit_by_name (gtk_widget_get_template_child (page, JD_TYPE_CONNECTING_PAGE, "cancel_button"),
                         "clicked");
  g_assert_false (jd_application_is_connecting (app));
  error = jd_application_get_db_error (app);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (error->message, ==,
                   "Connecting to the centre’s server was stopped. Try again, or use this "
                   "computer’s file.");
  ui_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "db-error");
  g_assert_true (gtk_widget_get_visible (WINDOW_CHILD (window, "use_file_button")));

  /* Try Again: connecting again; this computer's file instead. */
  jd_application_reopen_db (app);
  g_assert_true (jd_application_is_connecting (app));
  ui_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "connecting");
  g_signal_emit_by_name (gtk_widget_get_template_child (page, JD_TYPE_CONNECTING_PAGE, "use_file_button"),
                         "clicked");
  g_assert_false (jd_application_is_connecting (app));
  g_assert_nonnull (jd_application_get_store (app));
  g_assert_false (jd_application_is_on_server (app));
  ui_spin ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "sign-in");

  gtk_window_destroy (window);
  ui_spin ();
  g_settings_set_string (settings, "database-kind", "file");
}

/* A desk set to a server that does not answer shows why, with Try
 * Again and this computer's file: it never opens the file by itself. */
static void
test_unreachable_at_start (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autofree char *file = g_build_filename (g_get_user_data_dir (), "jastar-desk", "jastar.db", NULL);
  GtkWidget *use_file;
  GtkWindow *window;
  const GError *error;

  g_settings_set_string (settings, "server-host", "127.0.0.1");
  g_settings_set_int (settings, "server-port", 1);
  g_settings_set_string (settings, "server-database", "jastar");
  g_settings_set_string (settings, "server-user", "desk");
  g_settings_set_string (settings, "database-kind", "server");

  ui_register_app (app);
  g_assert_true (jd_application_is_on_server (app));
  g_assert_cmpstr (jd_application_get_db_path (app), ==, "postgresql://desk@127.0.0.1:1/jastar");
  g_application_activate (G_APPLICATION (app));
  /* Reached on a worker thread: the outcome comes to the loop. */
  g_assert_true (jd_application_is_connecting (app));
  ui_wait_while (app, "connecting");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_null (jd_application_get_store (app));
  error = jd_application_get_db_error (app);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_UNREACHABLE);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Jastar Desk — jastar on 127.0.0.1:1");
  use_file = WINDOW_CHILD (window, "use_file_button");
  g_assert_true (gtk_widget_get_visible (use_file));
  g_assert_false (gtk_widget_get_visible (WINDOW_CHILD (window, "restore_file_button")));

  /* The choice: this computer's file, and the settings say so. */
  g_signal_emit_by_name (use_file, "clicked");
  ui_spin ();
  g_assert_nonnull (jd_application_get_store (app));
  g_assert_true (g_file_test (file, G_FILE_TEST_EXISTS));
  g_assert_false (jd_application_is_on_server (app));
  {
    g_autofree char *kind = g_settings_get_string (settings, "database-kind");

    g_assert_cmpstr (kind, ==, "file");
  }
  g_assert_cmpstr (gtk_window_get_title (window), ==, "Jastar Desk — jastar.db");

  gtk_window_destroy (window);
  ui_spin ();
}

/* The server wants a password and there is no keyring: the error page
 * says so and takes one for this session; Try Again sends it. */
static void
test_password_at_start (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(JdApplication) app = jd_application_new ();
  g_autofree char *received = NULL;
  GtkWidget *entry;
  GtkWindow *window;
  const GError *error;

  g_settings_set_string (settings, "server-host", "127.0.0.1");
  g_settings_set_int (settings, "server-port", server.port);
  g_settings_set_string (settings, "server-database", "jastar");
  g_settings_set_string (settings, "server-user", "desk");
  g_settings_set_string (settings, "database-kind", "server");

  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_wait_while (app, "connecting");
  window = gtk_application_get_active_window (GTK_APPLICATION (app));

  error = jd_application_get_db_error (app);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "needs the password of “desk”"));
  g_assert_nonnull (strstr (error->message, "no keyring"));
  entry = WINDOW_CHILD (window, "server_password_entry");
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_true (gtk_widget_get_visible (WINDOW_CHILD (window, "use_file_button")));

  gtk_editable_set_text (GTK_EDITABLE (entry), "wrong");
  g_signal_emit_by_name (entry, "activate");
  ui_wait_while (app, "connecting");
  received = server_last_password ();
  g_assert_cmpstr (received, ==, "wrong");
  error = jd_application_get_db_error (app);
  g_assert_error (error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "did not accept the user “desk”"));
  g_assert_null (jd_application_get_store (app));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  assert_not_in_settings (settings, "wrong");

  /* The right one: the server takes it; this stand-in then hangs up
   * at the engine's first query, which the desk reports without the
   * password and without making a file of the server's words. */
  {
    g_autofree char *cwd = g_get_current_dir ();
    g_autoptr(GDir) dir = NULL;
    const char *name;

    gtk_editable_set_text (GTK_EDITABLE (entry), PASSWORD);
    g_signal_emit_by_name (entry, "activate");
    ui_wait_while (app, "connecting");
    g_clear_pointer (&received, g_free);
    received = server_last_password ();
    g_assert_cmpstr (received, ==, PASSWORD);
    error = jd_application_get_db_error (app);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_null (jd_application_get_store (app));
    g_assert_null (strstr (error->message, "s3cret"));
    g_assert_true (gtk_widget_get_visible (WINDOW_CHILD (window, "use_file_button")));

    dir = g_dir_open (cwd, 0, NULL);
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_assert_null (strstr (name, "s3cret"));
        g_assert_false (g_str_has_prefix (name, "postgres"));
        g_assert_null (strstr (name, "host="));
      }
    assert_not_in_settings (settings, PASSWORD);
  }

  g_settings_set_string (settings, "database-kind", "file");
  gtk_window_destroy (window);
  ui_spin ();
}

/* The first descendant of @root of @type. */
static GtkWidget *
find_child (GtkWidget *root,
            GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_child (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* With a real server (the pg suite's, under pg_virtualenv): Preferences
 * → Database → Connect moves the open desk onto it. */
static void
test_real_server (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(JdApplication) app = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expected_title = NULL;
  const char *host, *port;
  JdPreferencesDatabase *page;
  GtkWindow *window, *prefs;

  if (!test_pg_available ())
    return;

  if (pg_password != NULL)
    g_setenv ("PGPASSWORD", pg_password, TRUE);
  host = g_getenv ("PGHOST");
  port = g_getenv ("PGPORT");
  name = test_pg_create_database ();
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "database-kind", "file");
  app = jd_application_new ();
  ui_register_app (app);
  g_application_activate (G_APPLICATION (app));
  ui_spin ();
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (jd_application_get_store (app));
  g_assert_false (jd_application_is_on_server (app));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  ui_spin ();
  prefs = ui_find_toplevel (JD_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  page = JD_PREFERENCES_DATABASE (find_child (GTK_WIDGET (prefs), JD_TYPE_PREFERENCES_DATABASE));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (CHILD (page, "server_check")), TRUE);
  set_text (page, "host_row", host);
  set_text (page, "port_row", port ? port : "5432");
  set_text (page, "database_row", name);
  set_text (page, "user_row", g_getenv ("PGUSER") ? g_getenv ("PGUSER") : "");
  set_text (page, "password_row", pg_password ? pg_password : "");
  g_signal_emit_by_name (CHILD (page, "connect_button"), "clicked");
  ui_wait_for (app, "notify::store", 30);
  ui_wait_while (app, "connecting");

  g_assert_nonnull (jd_application_get_store (app));
  g_assert_true (jd_application_is_on_server (app));
  g_assert_null (ui_find_toplevel (JD_TYPE_PREFERENCES_WINDOW));
  expected_title = g_strdup_printf ("Jastar Desk — %s on %s%s%s", name,
                                    host[0] == '/' ? "localhost" : host,
                                    port && !g_str_equal (port, "5432") ? ":" : "",
                                    port && !g_str_equal (port, "5432") ? port : "");
  g_assert_cmpstr (gtk_window_get_title (window), ==, expected_title);
  if (pg_password != NULL && pg_password[0] != '\0')
    assert_not_in_settings (settings, pg_password);

  g_settings_set_string (settings, "database-kind", "file");
  gtk_window_destroy (window);
  ui_spin ();
  g_clear_object (&app);
  test_pg_drop_database (name);
  g_unsetenv ("PGPASSWORD");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("jd-prefs-server-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  /* This computer's file goes into a folder of this test. */
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  pg_password = g_strdup (g_getenv ("PGPASSWORD"));
  g_unsetenv ("PGPASSWORD");

  ui_test_init (&argc, &argv);
  /* The application's class registers the resources (twice would
   * loop GLib's list of them). */
  g_type_class_unref (g_type_class_ref (JD_TYPE_APPLICATION));
  fake_server_start ();

  g_test_add_func ("/jd/preferences-server/rows", test_rows);
  g_test_add_func ("/jd/preferences-server/unreachable-at-start", test_unreachable_at_start);
  g_test_add_func ("/jd/preferences-server/password-at-start", test_password_at_start);
  g_test_add_func ("/jd/preferences-server/connecting", test_connecting);
  g_test_add_func ("/jd/preferences-server/real-server", test_real_server);

  status = g_test_run ();
  return ui_test_finish (status);
}
