/* test-store.c: JdStore tells what changed, once, after each commit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-audit.h"
#include "jd-consultation.h"
#include "jd-event.h"
#include "jd-settings.h"
#include "jd-store.h"
#include "jd-visit.h"
#include "jd-visitor.h"

/* Long enough for a loaded machine; the poll reads once a second. */
#define WAIT_SECONDS 10

typedef struct
{
  char     *dir;
  char     *path;
  JdStore  *store;
  JdDb     *db;       /* the store's */
  guint     n_changed;
  JdTopics  topics;   /* of the last ::changed */
  guint     n_actor;  /* notify::actor */
} Fixture;

static void
changed_cb (JdStore  *store,
            JdTopics  topics,
            Fixture  *f)
{
  f->n_changed++;
  f->topics = topics;
}

static void
actor_cb (JdStore    *store,
          GParamSpec *pspec,
          Fixture    *f)
{
  f->n_actor++;
}

/* Runs what is ready, without waiting. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Spins the main loop until ::changed came @n times in all. */
static void
wait_changed (Fixture *f,
              guint    n)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_SECONDS, timed_out_cb, &timed_out);

  while (f->n_changed < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_cmpuint (f->n_changed, ==, n);
}

static void
spin_seconds (guint seconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

static void
reset (Fixture *f)
{
  drain ();
  f->n_changed = 0;
  f->topics = JD_TOPIC_NONE;
  f->n_actor = 0;
}

/* After a write on the store's connection: nothing yet (the commit is
 * told from the main loop), then exactly one ::changed with @topics. */
static void
assert_changed_once (Fixture  *f,
                     JdTopics  topics)
{
  g_assert_cmpuint (f->n_changed, ==, 0);
  drain ();
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmphex (f->topics, ==, topics);
  reset (f);
}

static void
assert_unchanged (Fixture *f)
{
  drain ();
  g_assert_cmpuint (f->n_changed, ==, 0);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;

  f->dir = g_dir_make_tmp ("jd-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = test_db_location_new_in (f->dir, "jastar.db");
  f->store = jd_store_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->db = jd_store_get_db (f->store);
  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), f);
  g_signal_connect (f->store, "notify::actor", G_CALLBACK (actor_cb), f);

  admin = jd_store_set_up_centre (f->store, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_actor, ==, 1);
  /* The centre's name and its first account. */
  assert_changed_once (f, JD_TOPIC_SETTINGS | JD_TOPIC_STAFF);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  drain ();
  g_assert_finalize_object (f->store);
  if (test_engine_is_server ())
    test_db_forget_in (f->dir, "jastar.db");
  else
    jd_db_remove_files (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add_visitor (Fixture    *f,
             const char *surname)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) v = jd_visitor_new ();

  v->surname = g_strdup (surname);
  v->given_name = g_strdup ("Тест");
  v->birth_date = g_strdup ("2000-01-01");
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup ("almaty-almaly");
  v->occupation = g_strdup ("unemployed_seeking");
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (f->db, v, &error));
  g_assert_no_error (error);
  return v->id;
}

/* Each kind of write, with the topics worked out from what it writes. */
static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdEvent) event = jd_event_new ();
  g_autoptr(JdConsultation) consultation = jd_consultation_new ();
  g_autoptr(JdStaff) clerk = g_new0 (JdStaff, 1);
  const char *legal[] = { "legal", NULL };
  const char *coworking[] = { "coworking", NULL };
  gint64 aida, visit, event_id;
  gboolean full;

  /* visitor, consent, visitor_token, the trigram index, audit. */
  aida = add_visitor (f, "Асанова");
  assert_changed_once (f, JD_TOPIC_VISITORS);

  /* visit, visit_purpose; come for a lawyer, so queue_entry too. */
  visit = jd_visit_check_in (f->db, aida, legal, 0, &error);
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_VISITS | JD_TOPIC_QUEUE);

  /* The lawyer's consultation closes the visit's queue entry. */
  consultation->visitor_id = aida;
  consultation->visit_id = visit;
  consultation->service = g_strdup ("legal");
  consultation->topic = g_strdup ("housing");
  consultation->started_at = jd_db_now () - 600;
  consultation->duration_min = 30;
  consultation->outcome = g_strdup ("resolved");
  g_assert_true (jd_consultation_insert (f->db, consultation, &error));
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_CONSULTATIONS | JD_TOPIC_QUEUE);

  /* No specialist: no queue. */
  g_assert_cmpint (jd_visit_check_in (f->db, add_visitor (f, "Бекова"), coworking, 0, &error), >, 0);
  g_assert_no_error (error);
  /* Two commits before the loop turned: told once, together. */
  assert_changed_once (f, JD_TOPIC_VISITORS | JD_TOPIC_VISITS);

  event->title = g_strdup ("Лекция");
  event->starts_at = jd_db_now () + 3600;
  event->ends_at = event->starts_at + 3600;
  event->place = g_strdup ("Зал");
  event->capacity = 10;
  event_id = jd_event_insert (f->db, event, 1, &error);
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_EVENTS);

  /* attendance, and the purpose "event" on Aida's visit of the day
   * (today's reused, or a new one). */
  g_assert_cmpint (jd_event_check_in (f->db, event_id, aida, &full, &error), >, 0);
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_EVENTS | JD_TOPIC_VISITS);

  g_assert_true (jd_store_set_setting (f->store, JD_SETTING_CENTRE_NAME, "Жастар", &error));
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_SETTINGS);

  clerk->full_name = g_strdup ("Clerk");
  clerk->login = g_strdup ("clerk");
  clerk->role = JD_ROLE_RECEPTIONIST;
  clerk->active = TRUE;
  g_assert_true (jd_staff_add (f->db, clerk, "Qwerty123", &error));
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_STAFF);

  /* A single statement outside a transaction commits by itself. */
  g_assert_true (jd_db_exec (f->db, "UPDATE district SET sort_order = sort_order", &error));
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_SETTINGS);

  /* The audit trail alone: nothing a screen shows. */
  g_assert_true (jd_audit_record (f->db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_SETTING, 0,
                                  "test", &error));
  g_assert_no_error (error);
  assert_unchanged (f);

  /* A temporary table is this connection's alone. */
  g_assert_true (jd_db_exec (f->db,
                             "CREATE TEMP TABLE scratch (x INTEGER);"
                             "INSERT INTO scratch VALUES (1)",
                             &error));
  g_assert_no_error (error);
  assert_unchanged (f);
}

/* Rolled back, or refused by the database: nothing happened. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) twin = g_new0 (JdStaff, 1);
  gint64 aida = add_visitor (f, "Асанова");

  reset (f);

  g_assert_true (jd_db_begin (f->db, &error));
  g_assert_true (jd_db_exec (f->db, "UPDATE visitor SET phone = '+77010000000'", &error));
  g_assert_true (jd_db_exec (f->db, "DELETE FROM queue_entry", &error));
  g_assert_no_error (error);
  jd_db_rollback (f->db);
  assert_unchanged (f);

  /* One statement outside a transaction, failing on its second row
   * after writing its first. */
  g_assert_false (jd_db_exec (f->db,
                              "INSERT INTO district (code, name_kk, name_ru, name_en, area,"
                              " created_at, updated_at) VALUES"
                              " ('x-1', 'x', 'x', 'x', 'city', 0, 0),"
                              " ('x-2', 'x', 'x', 'x', 'moon', 0, 0)",
                              &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  assert_unchanged (f);

  /* A save refused: a second account with the same login. */
  twin->full_name = g_strdup ("Admin Two");
  twin->login = g_strdup ("admin");
  twin->role = JD_ROLE_ADMINISTRATOR;
  twin->active = TRUE;
  g_assert_false (jd_staff_add (f->db, twin, "Qwerty123", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (f);

  /* A wrong password is audited, and that is all. */
  g_assert_null (jd_store_sign_in (f->store, "admin", "wrong-password", &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_WRONG_PASSWORD);
  assert_unchanged (f);
  g_assert_cmpint (aida, >, 0);
}

/* Signing in and out through the store notifies "actor". */
static void
test_actor (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) staff = NULL;
  g_autoptr(JdStaff) actor = NULL;

  g_object_get (f->store, "actor", &actor, NULL);
  g_assert_nonnull (actor);
  g_assert_cmpstr (actor->login, ==, "admin");
  g_assert_cmpint (jd_store_get_actor_id (f->store), ==, actor->id);
  g_clear_pointer (&actor, jd_staff_free);

  jd_store_sign_out (f->store);
  g_assert_cmpuint (f->n_actor, ==, 1);
  g_object_get (f->store, "actor", &actor, NULL);
  g_assert_null (actor);
  g_assert_cmpint (jd_store_get_actor_id (f->store), ==, 0);
  /* Nobody to sign out: no notification. */
  jd_store_sign_out (f->store);
  g_assert_cmpuint (f->n_actor, ==, 1);

  g_assert_null (jd_store_sign_in (f->store, "admin", "wrong-password", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (f->n_actor, ==, 1);

  staff = jd_store_sign_in (f->store, "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  g_assert_nonnull (staff);
  g_assert_cmpuint (f->n_actor, ==, 2);
  actor = jd_store_dup_actor (f->store);
  g_assert_cmpint (actor->id, ==, staff->id);
  /* The same as the "actor" property, a boxed JdStaff. */
  g_assert_true (G_TYPE_IS_BOXED (JD_TYPE_STAFF));
  g_assert_cmpstr (g_type_name (JD_TYPE_STAFF), ==, "JdStaff");
  {
    g_autoptr(JdStaff) property = NULL;

    g_object_get (f->store, "actor", &property, NULL);
    g_assert_nonnull (property);
    g_assert_cmpint (property->id, ==, staff->id);
    g_assert_cmpstr (property->login, ==, "admin");
  }
  /* last_sign_in_at. */
  assert_changed_once (f, JD_TOPIC_STAFF);

  /* Settings go through the store, with its actor's rights. */
  g_assert_true (jd_store_set_setting (f->store, JD_SETTING_CENTRE_CODE, "ALM-1", &error));
  g_assert_no_error (error);
  assert_changed_once (f, JD_TOPIC_SETTINGS);
  {
    g_autofree char *code = jd_store_get_setting (f->store, JD_SETTING_CENTRE_CODE);

    g_assert_cmpstr (code, ==, "ALM-1");
  }
}

/* Another connection in this process: an import in a worker thread. */
static gpointer
write_in_thread (gpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, 0, &error);

  g_assert_no_error (error);
  g_assert_true (jd_db_exec (db, "UPDATE setting SET updated_at = updated_at + 1", &error));
  g_assert_no_error (error);
  return NULL;
}

/* What a write through another connection (write_in_thread ()) is told
 * as: a file's data version says only that something changed, so all
 * topics; a server's notifications name the table, setting. */
static JdTopics
other_topics (void)
{
  return test_engine_is_server () ? JD_TOPIC_SETTINGS : JD_TOPIC_ALL;
}

static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  GThread *thread;

  jd_store_watch (f->store);
  thread = g_thread_new ("writer", write_in_thread, f->path);
  g_thread_join (thread);
  wait_changed (f, 1);
  g_assert_cmphex (f->topics, ==, other_topics ());
  reset (f);

  /* Told once: the next reads find the same version. */
  spin_seconds (2);
  g_assert_cmpuint (f->n_changed, ==, 0);
  jd_store_unwatch (f->store);
}

/* This desk's own commit is told once. On a server the listening
 * connection hears every commit, in the order they were made, and
 * leaves this desk's own out: had it told this one again, it would
 * have done so before the other connection's write that follows. */
static void
test_own_told_once (Fixture       *f,
                    gconstpointer  data)
{
  GThread *thread;

  add_visitor (f, "Асанова");
  assert_changed_once (f, JD_TOPIC_VISITORS);

  jd_store_watch (f->store);
  thread = g_thread_new ("writer", write_in_thread, f->path);
  g_thread_join (thread);
  wait_changed (f, 1);
  g_assert_cmphex (f->topics, ==, other_topics ());
  jd_store_unwatch (f->store);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

/* The data version is read only while someone watches; watches count,
 * and a write made while nobody watched is told by the first read of
 * the next watch. */
static void
test_watch (Fixture       *f,
            gconstpointer  data)
{
  GThread *thread;
  guint n_notify = 0;

  g_signal_connect (f->store, "notify::watched", G_CALLBACK (count_notify_cb), &n_notify);
  g_assert_false (jd_store_get_watched (f->store));

  jd_store_watch (f->store);
  g_assert_true (jd_store_get_watched (f->store));
  g_assert_cmpuint (n_notify, ==, 1);
  jd_store_watch (f->store);
  g_assert_cmpuint (n_notify, ==, 1);
  jd_store_unwatch (f->store);
  g_assert_true (jd_store_get_watched (f->store));
  g_assert_cmpuint (n_notify, ==, 1);
  jd_store_unwatch (f->store);
  g_assert_false (jd_store_get_watched (f->store));
  g_assert_cmpuint (n_notify, ==, 2);

  thread = g_thread_new ("writer", write_in_thread, f->path);
  g_thread_join (thread);
  if (test_engine_is_server ())
    {
      /* A server tells every write as it comes, watched or not. */
      wait_changed (f, 1);
      g_assert_cmphex (f->topics, ==, other_topics ());
      reset (f);
      jd_store_watch (f->store);
      g_assert_cmpuint (n_notify, ==, 3);
    }
  else
    {
      assert_unchanged (f);
      jd_store_watch (f->store);
      g_assert_cmpuint (n_notify, ==, 3);
      wait_changed (f, 1);
      g_assert_cmphex (f->topics, ==, other_topics ());
    }
  jd_store_unwatch (f->store);
  g_assert_cmpuint (n_notify, ==, 4);
  g_signal_handlers_disconnect_by_func (f->store, count_notify_cb, &n_notify);
}

/* Another desk: a second process writing to the same file. */
static void
test_other_process (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-store", NULL),
                         "--write", f->path, NULL };
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);

  jd_store_watch (f->store);
  wait_changed (f, 1);
  g_assert_cmphex (f->topics, ==, other_topics ());
  jd_store_unwatch (f->store);
}

/* Every table of the schema has its topics: a new one must be added to
 * jd-topics.c, or each write to it refreshes every screen. */
static void
test_every_table (Fixture       *f,
                  gconstpointer  data)
{
  /* On a server: its tables but the schema's version, which only a
   * migration writes. */
  JdStmt *stmt = jd_db_prepare (f->db,
                                test_engine_is_server ()
                                ? "SELECT table_name FROM information_schema.tables"
                                  " WHERE table_schema = current_schema () AND table_type = 'BASE TABLE'"
                                  " AND table_name <> 'jd_schema'"
                                : "SELECT name FROM sqlite_schema WHERE type = 'table'",
                                NULL);

  g_assert_nonnull (stmt);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      const char *name = jd_stmt_column_text (stmt, 0);

      if (jd_topics_for_table (name) == JD_TOPIC_ALL)
        g_error ("The table %s has no topics in jd-topics.c", name);
    }
  jd_stmt_reset (stmt);
  g_assert_cmphex (jd_topics_for_table ("audit"), ==, JD_TOPIC_NONE);
  g_assert_cmphex (jd_topics_for_table ("no_such_table"), ==, JD_TOPIC_ALL);
}

/* A store nobody listens to does not read the file, and goes away. */
static void
test_finalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("jd-store-XXXXXX", &error);
  g_autofree char *path = test_db_location_new_in (dir, "jastar.db");
  JdStore *store = jd_store_open (path, JD_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (jd_db_exec (jd_store_get_db (store), "UPDATE district SET in_use = 1", &error));
  g_assert_no_error (error);
  /* The pending ::changed goes with the store. */
  g_assert_finalize_object (store);
  drain ();
  if (test_engine_is_server ())
    test_db_forget_in (dir, "jastar.db");
  else
    jd_db_remove_files (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The second desk of test_other_process (). */
  if (argc == 3 && g_str_equal (argv[1], "--write"))
    {
      write_in_thread (argv[2]);
      return 0;
    }

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/topics", test_topics);
  ADD ("/store/rollback", test_rollback);
  ADD ("/store/actor", test_actor);
  ADD ("/store/other-connection", test_other_connection);
  ADD ("/store/own-told-once", test_own_told_once);
  ADD ("/store/other-process", test_other_process);
  ADD ("/store/watch", test_watch);
  ADD ("/store/every-table", test_every_table);
#undef ADD
  g_test_add_func ("/store/finalize", test_finalize);

  return g_test_run ();
}
