/* test-pg-live.c: live updates between desks on a centre server, and a
 * server that goes away
 *
 * Two stores (two desks) on one server database: a commit through one
 * makes both emit ::changed with the topics of the tables it wrote
 * (NOTIFY jd_changes from the schema's triggers); a rolled back one
 * sends nothing. A desk whose server processes are ended (by an
 * administrator's pg_terminate_backend) says LOST, makes its
 * connections again by itself and tells every topic as changed.
 *
 * Needs a server: `pg_virtualenv -t -v 15 meson test -C build
 * pg-live`; skips without PGHOST. Nothing waits for a fixed time: each
 * wait runs the main loop until the signal came, or fails the test
 * after a generous deadline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-pg-private.h"
#include "jd-store.h"
#include "pg-helpers.h"

/* Far longer than anything takes: only a broken build reaches it. */
#define DEADLINE_S 30

typedef struct
{
  char    *dbname;
  char    *conninfo;
  JdStore *a;
  JdStore *b;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("PGHOST") == NULL)
    return;

  f->dbname = test_pg_create_database ();
  f->conninfo = g_strdup_printf ("dbname=%s", f->dbname);
  f->a = jd_store_open (f->conninfo, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->b = jd_store_open (f->conninfo, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  test_pg_drop_database (f->dbname);
  g_free (f->dbname);
  g_free (f->conninfo);
}

/* What a store told, gathered while the loop runs. */
typedef struct
{
  JdTopics topics;
  guint    n_changed;
  GArray  *states;      /* JdStoreConnection, as notified */
  gboolean timed_out;
} Heard;

static void
changed_cb (G_GNUC_UNUSED JdStore *store,
            JdTopics               topics,
            Heard                 *heard)
{
  heard->topics |= topics;
  heard->n_changed++;
}

static void
state_cb (JdStore              *store,
          G_GNUC_UNUSED GParamSpec *pspec,
          Heard                *heard)
{
  JdStoreConnection state = jd_store_get_connection_state (store);

  g_array_append_val (heard->states, state);
}

static gboolean
deadline_cb (gpointer data)
{
  Heard *heard = data;

  heard->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
heard_init (Heard   *heard,
            JdStore *store)
{
  *heard = (Heard) { 0, };
  heard->states = g_array_new (FALSE, FALSE, sizeof (JdStoreConnection));
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), heard);
  g_signal_connect (store, "notify::connection-state", G_CALLBACK (state_cb), heard);
}

static void
heard_clear (Heard   *heard,
             JdStore *store)
{
  g_signal_handlers_disconnect_by_data (store, heard);
  g_array_unref (heard->states);
}

static gboolean
heard_online_again (Heard *heard)
{
  return heard->states->len > 0 &&
         g_array_index (heard->states, JdStoreConnection, heard->states->len - 1) ==
         JD_STORE_CONNECTION_ONLINE;
}

/* Runs the loop until @heard holds at least @topics (and, with
 * @online_again, the store is back online), or fails the test. */
static void
wait_for (Heard    *heard,
          JdTopics  topics,
          gboolean  online_again)
{
  GSource *deadline = g_timeout_source_new_seconds (DEADLINE_S);

  g_source_set_callback (deadline, deadline_cb, heard, NULL);
  g_source_attach (deadline, NULL);
  while (!heard->timed_out &&
         ((heard->topics & topics) != topics || (online_again && !heard_online_again (heard))))
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (deadline);
  g_source_unref (deadline);

  if (heard->timed_out)
    g_error ("Not told within %d s: wanted topics 0x%x%s, heard 0x%x", DEADLINE_S, topics,
             online_again ? " and online again" : "", heard->topics);
}

/* Runs the loop until @heard holds @n state changes, or fails. */
static void
wait_for_states (Heard *heard,
                 guint  n)
{
  GSource *deadline = g_timeout_source_new_seconds (DEADLINE_S);

  g_source_set_callback (deadline, deadline_cb, heard, NULL);
  g_source_attach (deadline, NULL);
  while (!heard->timed_out && heard->states->len < n)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (deadline);
  g_source_unref (deadline);

  if (heard->timed_out)
    g_error ("Not told within %d s: wanted %u state changes, heard %u", DEADLINE_S, n,
             heard->states->len);
}

static void
exec_ok (JdStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (jd_store_get_db (store), sql, &error));
  g_assert_no_error (error);
}

#define INSERT_SETTING(key) \
  "INSERT INTO setting (key, value, created_at, updated_at) VALUES ('" key "', 'x', 0, 0)"
#define INSERT_STAFF(login) \
  "INSERT INTO staff (full_name, login, role, created_at, updated_at)" \
  " VALUES ('Aigerim', '" login "', 'receptionist', 0, 0)"

/* One statement on its own; then a transaction writing two tables: the
 * other desk, and this one, hear of exactly those tables' topics. */
static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Heard on_a, on_b;

  if (!test_pg_available ())
    return;

  heard_init (&on_b, f->b);
  exec_ok (f->a, INSERT_SETTING ("one"));
  wait_for (&on_b, JD_TOPIC_SETTINGS, FALSE);
  g_assert_cmpint (on_b.topics, ==, JD_TOPIC_SETTINGS);
  heard_clear (&on_b, f->b);

  heard_init (&on_a, f->a);
  heard_init (&on_b, f->b);
  g_assert_true (jd_db_begin (jd_store_get_db (f->a), &error));
  exec_ok (f->a, INSERT_SETTING ("two"));
  exec_ok (f->a, INSERT_STAFF ("aigerim"));
  exec_ok (f->a, "UPDATE setting SET value = 'y' WHERE key = 'one'");
  g_assert_true (jd_db_commit (jd_store_get_db (f->a), &error));
  g_assert_no_error (error);

  wait_for (&on_b, JD_TOPIC_SETTINGS | JD_TOPIC_STAFF, FALSE);
  g_assert_cmpint (on_b.topics, ==, JD_TOPIC_SETTINGS | JD_TOPIC_STAFF);
  /* This desk's own commit comes the same way. */
  wait_for (&on_a, JD_TOPIC_SETTINGS | JD_TOPIC_STAFF, FALSE);
  g_assert_cmpint (on_a.topics, ==, JD_TOPIC_SETTINGS | JD_TOPIC_STAFF);
  /* Nobody lost the server. */
  g_assert_cmpuint (on_a.states->len, ==, 0);
  g_assert_cmpuint (on_b.states->len, ==, 0);
  heard_clear (&on_a, f->a);
  heard_clear (&on_b, f->b);
}

/* A rolled back write sends nothing: the next commit (settings only)
 * is the first and only thing the other desk hears. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Heard on_b;

  if (!test_pg_available ())
    return;

  heard_init (&on_b, f->b);
  g_assert_true (jd_db_begin (jd_store_get_db (f->a), &error));
  exec_ok (f->a, INSERT_STAFF ("dana"));
  jd_db_rollback (jd_store_get_db (f->a));
  exec_ok (f->a, INSERT_SETTING ("after"));

  wait_for (&on_b, JD_TOPIC_SETTINGS, FALSE);
  g_assert_cmpint (on_b.topics, ==, JD_TOPIC_SETTINGS);
  heard_clear (&on_b, f->b);
}

/* Ends the server processes of @dbname, every one but the admin's
 * own, and waits until they are gone. */
static void
terminate (const char *dbname,
           int         pid)
{
  PGconn *admin = test_pg_connect (NULL);
  g_autofree char *sql = NULL;

  if (pid != 0)
    sql = g_strdup_printf ("SELECT pg_terminate_backend (%d, 10000)", pid);
  else
    sql = g_strdup_printf ("SELECT pg_terminate_backend (pid, 10000) FROM pg_stat_activity"
                           " WHERE datname = '%s' AND pid <> pg_backend_pid ()", dbname);
  test_pg_exec (admin, sql);
  PQfinish (admin);
}

/* The administrator ends every desk's server processes: both desks
 * say LOST, try again after a second, are ONLINE, and tell every
 * topic; then they work as before. */
static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  Heard on_a, on_b;

  if (!test_pg_available ())
    return;

  g_assert_cmpint (jd_store_get_connection_state (f->a), ==, JD_STORE_CONNECTION_ONLINE);
  heard_init (&on_a, f->a);
  heard_init (&on_b, f->b);
  terminate (f->dbname, 0);

  wait_for (&on_a, JD_TOPIC_ALL, TRUE);
  wait_for (&on_b, JD_TOPIC_ALL, TRUE);
  g_assert_cmpint (on_a.topics, ==, JD_TOPIC_ALL);
  g_assert_cmpuint (on_a.states->len, ==, 3);
  g_assert_cmpint (g_array_index (on_a.states, JdStoreConnection, 0), ==,
                   JD_STORE_CONNECTION_LOST);
  g_assert_cmpint (g_array_index (on_a.states, JdStoreConnection, 1), ==,
                   JD_STORE_CONNECTION_RECONNECTING);
  g_assert_cmpint (g_array_index (on_a.states, JdStoreConnection, 2), ==,
                   JD_STORE_CONNECTION_ONLINE);
  heard_clear (&on_a, f->a);
  heard_clear (&on_b, f->b);

  /* Writing, and hearing of it, as before. */
  heard_init (&on_b, f->b);
  exec_ok (f->a, INSERT_STAFF ("back"));
  wait_for (&on_b, JD_TOPIC_STAFF, FALSE);
  g_assert_cmpint (on_b.topics, ==, JD_TOPIC_STAFF);
  heard_clear (&on_b, f->b);
}

static gint64
count_settings (JdDb       *db,
                const char *key,
                GError    **error)
{
  JdStmt *stmt = jd_db_prepare (db, "SELECT count(*) FROM setting WHERE key = ?", error);
  gint64 n;

  if (stmt == NULL)
    return -1;
  jd_stmt_bind_text (stmt, 1, key);
  if (jd_stmt_step (stmt) != JD_STEP_ROW)
    {
      jd_db_set_error (db, JD_PG_RC_ERROR, error);
      jd_stmt_reset (stmt);
      return -1;
    }
  n = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return n;
}

/* Only the main connection's server process ends, in the middle of a
 * change: the change fails as not saved, which tells the store; it
 * makes the connection again, whose statements are prepared anew, and
 * nothing of the change is there. */
static void
test_statement_lost (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JdDb *db;
  Heard on_a;

  if (!test_pg_available ())
    return;

  db = jd_store_get_db (f->a);
  /* Prepared (and cached) before the server process goes. */
  g_assert_cmpint (count_settings (db, "lost", &error), ==, 0);
  g_assert_no_error (error);

  heard_init (&on_a, f->a);
  g_assert_true (jd_db_begin (db, &error));
  exec_ok (f->a, INSERT_SETTING ("lost"));
  terminate (NULL, PQbackendPID (jd_db_get_pg_conn (db)));
  g_assert_false (jd_db_commit (db, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_DISCONNECTED);
  g_clear_error (&error);
  /* Told on the loop's next turn, not inside the failing statement. */
  g_assert_cmpint (jd_store_get_connection_state (f->a), ==, JD_STORE_CONNECTION_ONLINE);

  wait_for (&on_a, JD_TOPIC_ALL, TRUE);
  g_assert_cmpuint (on_a.states->len, ==, 3);
  g_assert_cmpint (g_array_index (on_a.states, JdStoreConnection, 0), ==,
                   JD_STORE_CONNECTION_LOST);
  heard_clear (&on_a, f->a);

  g_assert_cmpint (count_settings (db, "lost", &error), ==, 0);
  g_assert_no_error (error);
  exec_ok (f->a, INSERT_SETTING ("lost"));
  g_assert_cmpint (count_settings (db, "lost", &error), ==, 1);
  g_assert_no_error (error);
}

/* "Try Now" while waiting for the next try: tries at once. */
static void
test_retry_now (Fixture       *f,
                gconstpointer  data)
{
  Heard on_a;

  if (!test_pg_available ())
    return;

  heard_init (&on_a, f->a);
  /* Online: nothing to do. */
  jd_store_reconnect_now (f->a);
  g_assert_cmpuint (on_a.states->len, ==, 0);

  terminate (f->dbname, 0);
  wait_for_states (&on_a, 1);
  g_assert_cmpint (jd_store_get_connection_state (f->a), ==, JD_STORE_CONNECTION_LOST);
  jd_store_reconnect_now (f->a);
  g_assert_cmpint (jd_store_get_connection_state (f->a), ==, JD_STORE_CONNECTION_RECONNECTING);
  wait_for (&on_a, JD_TOPIC_ALL, TRUE);
  heard_clear (&on_a, f->a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/jd/pg-live/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("notify", test_notify);
  ADD ("rollback", test_rollback);
  ADD ("reconnect", test_reconnect);
  ADD ("statement-lost", test_statement_lost);
  ADD ("retry-now", test_retry_now);
#undef ADD

  return g_test_run ();
}
