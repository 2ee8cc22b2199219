/* jd-bench-concurrent.c: eight desks checking people in at once, each
 * with its own connection, against eight bare INSERTs on eight
 * connections of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-access.h"
#include "jd-bench-private.h"
#include "jd-db-private.h"
#include "jd-server.h"
#include "jd-visit.h"

#define N_DESKS 8

typedef struct
{
  /* Shared by the desks of one round. */
  const char *path;
  gboolean    raw;
  gint64      max_id;
  GMutex      lock;
  GCond       cond;
  guint       ready;
  gboolean    go;
  gint64      deadline;
} Round;

typedef struct
{
  Round  *round;
  guint   seed;
  GArray *visits;
  guint   errors;
} Desk;

/* Every desk connects first; the clock starts when all have. */
static void
wait_for_start (Round *round)
{
  g_mutex_lock (&round->lock);
  round->ready++;
  g_cond_broadcast (&round->cond);
  while (!round->go)
    g_cond_wait (&round->cond, &round->lock);
  g_mutex_unlock (&round->lock);
}

static gboolean
sqlite_raw_check_in (JdDb   *db,
                     gint64  visitor,
                     gint64 *visit)
{
  JdStmt *stmt;

  if (!jd_db_exec (db, "BEGIN IMMEDIATE", NULL))
    return FALSE;
  stmt = jd_db_prepare (db,
                        "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                        " VALUES (?1, 0, 'other', 0, 0)",
                        NULL);
  jd_stmt_bind_int64 (stmt, 1, visitor);
  if (!jd_db_step_done (db, stmt, NULL))
    {
      jd_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }
  *visit = jd_db_last_insert_id (db);
  return jd_db_exec (db, "COMMIT", NULL);
}

static gpointer
desk_thread (gpointer user_data)
{
  Desk *desk = user_data;
  Round *round = desk->round;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  PGconn *pg = NULL;
  GRand *rand = g_rand_new_with_seed (desk->seed);
  const char *purposes[] = { "employment", "career", NULL };

  if (round->raw && jd_database_is_server (round->path))
    {
      pg = bench_pg_connect (round->path);
      bench_pg_prepare (pg);
    }
  else
    {
      db = jd_db_open (round->path, JD_DB_OPEN_DEFAULT, &error);
      if (db == NULL)
        g_error ("jd-bench: %s", error->message);
      jd_db_act_as_system (db);
    }

  wait_for_start (round);
  while (g_get_monotonic_time () < round->deadline)
    {
      gint64 visitor = 1 + g_rand_int_range (rand, 0, (gint32) round->max_id);
      gint64 visit = 0;
      gboolean ok;

      if (pg != NULL)
        {
          bench_pg_check_in_raw (pg, visitor, &visit);
          ok = TRUE;
        }
      else if (round->raw)
        ok = sqlite_raw_check_in (db, visitor, &visit);
      else
        {
          visit = jd_visit_check_in (db, visitor, purposes, 0, &error);
          ok = visit > 0;
          if (!ok && desk->errors == 0)
            g_printerr ("jd-bench: a desk's check-in failed: %s\n", error ? error->message : "?");
          g_clear_error (&error);
        }
      if (ok)
        g_array_append_val (desk->visits, visit);
      else
        desk->errors++;
    }

  g_rand_free (rand);
  if (pg != NULL)
    PQfinish (pg);
  return NULL;
}

/* Check-ins a second over @seconds from N_DESKS connections at once;
 * their visits in @visits. */
static double
run_round (const char *path,
           gboolean    raw,
           gint64      max_id,
           double      seconds,
           GArray     *visits)
{
  Round round = { .path = path, .raw = raw, .max_id = max_id };
  Desk desks[N_DESKS];
  GThread *threads[N_DESKS];
  guint n = 0, errors = 0;

  g_mutex_init (&round.lock);
  g_cond_init (&round.cond);
  for (guint i = 0; i < N_DESKS; i++)
    {
      desks[i] = (Desk) { .round = &round, .seed = 100 + i, .visits = g_array_new (FALSE, FALSE, sizeof (gint64)) };
      threads[i] = g_thread_new ("desk", desk_thread, &desks[i]);
    }

  g_mutex_lock (&round.lock);
  while (round.ready < N_DESKS)
    g_cond_wait (&round.cond, &round.lock);
  round.deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  round.go = TRUE;
  g_cond_broadcast (&round.cond);
  g_mutex_unlock (&round.lock);

  for (guint i = 0; i < N_DESKS; i++)
    {
      g_thread_join (threads[i]);
      n += desks[i].visits->len;
      errors += desks[i].errors;
      g_array_append_vals (visits, desks[i].visits->data, desks[i].visits->len);
      g_array_unref (desks[i].visits);
    }
  g_mutex_clear (&round.lock);
  g_cond_clear (&round.cond);
  if (errors > 0)
    g_printerr ("jd-bench: %u check-ins of %u failed (%s)\n", errors, errors + n, raw ? "baseline" : "desks");

  return n / seconds;
}

void
bench_concurrent (const char *path,
                  double      seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_autoptr(GArray) ours_visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) raw_visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 max_id;
  double ours, raw;
  JdStmt *stmt;

  if (db == NULL)
    g_error ("jd-bench: %s", error->message);
  jd_db_act_as_system (db);
  stmt = jd_db_prepare (db, "SELECT max (id) FROM visitor", NULL);
  jd_stmt_step (stmt);
  max_id = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);

  ours = run_round (path, FALSE, max_id, seconds, ours_visits);
  raw = run_round (path, TRUE, max_id, seconds, raw_visits);
  report ("concurrent_checkins_per_s", ours, "1/s", raw);

  /* Leave the database as it was. */
  if (jd_database_is_server (path))
    {
      PGconn *pg = bench_pg_connect (path);

      bench_pg_prepare (pg);
      bench_pg_delete_visits (pg, ours_visits);
      bench_pg_delete_visits (pg, raw_visits);
      PQfinish (pg);
    }
  else
    {
      jd_db_begin (db, NULL);
      for (guint i = 0; i < ours_visits->len; i++)
        jd_visit_undo (db, g_array_index (ours_visits, gint64, i), NULL);
      for (guint i = 0; i < raw_visits->len; i++)
        jd_visit_undo (db, g_array_index (raw_visits, gint64, i), NULL);
      jd_db_commit (db, NULL);
    }
}
