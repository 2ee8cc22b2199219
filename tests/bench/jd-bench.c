/* jd-bench.c: the scale targets of DESIGN.md, measured against a
 * baseline taken in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   jd-bench --database PATH [--visitors N] [--no-window]
 *
 * Creates the demo database when PATH does not exist (1,000,000 visitors
 * by default), then prints one JSON object per line:
 *   {"metric": NAME, "value": X, "unit": U, "baseline": B}
 * The window metrics need an X server (run under xvfb-run).
 */
#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <stdio.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-search.h"
#include "jd-text.h"
#include "jd-visitor.h"

#define N_NAMES 200
#define N_CHECK_INS 2000
#define N_STARTS 5

static void
report (const char *metric,
        double      value,
        const char *unit,
        double      baseline)
{
  g_print ("{\"metric\": \"%s\", \"value\": %.3f, \"unit\": \"%s\", \"baseline\": %.3f}\n",
           metric, value, unit, baseline);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *samples,
            double  p)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len == 0)
    return NAN;
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) (p * samples->len)));
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Real names from the database, to type letter by letter. */
static GPtrArray *
sample_names (JdDb *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = jd_db_prepare (db,
                                      "SELECT surname FROM visitor"
                                      " WHERE id IN (SELECT abs (random ()) % (SELECT max (id) FROM visitor) + 1"
                                      "              FROM visitor LIMIT ?1)",
                                      NULL);

  sqlite3_bind_int (stmt, 1, N_NAMES);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  return names;
}

static void
bench_search (const char *path,
              JdDb       *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) reader = jd_db_open (path, JD_DB_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) names = sample_names (db);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours3 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_no_error (error);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      glong n = g_utf8_strlen (name, -1);

      /* Keystroke by keystroke, as the receptionist types. */
      for (glong k = 1; k <= n; k++)
        {
          g_autofree char *typed = g_utf8_substring (name, 0, k);
          g_autofree char *folded = jd_text_fold (typed);
          g_autofree char *end = g_strconcat (folded, "\xf4\x8f\xbf\xbf", NULL);
          g_autoptr(GPtrArray) results = NULL;
          sqlite3_stmt *stmt;
          double t0, t1, t2;

          t0 = now_ms ();
          results = jd_search_visitors (reader, typed, 50, NULL, &error);
          t1 = now_ms ();
          g_assert_no_error (error);

          /* The smallest raw query that could answer: one prefix range
           * over the token index, first 50. */
          stmt = jd_db_prepare (reader,
                                "SELECT visitor_id FROM visitor_token"
                                " WHERE token >= ?1 AND token < ?2 LIMIT 50",
                                NULL);
          sqlite3_bind_text (stmt, 1, folded, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, end, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            ;
          sqlite3_reset (stmt);
          t2 = now_ms ();

          {
            double ours_ms = t1 - t0, raw_ms = t2 - t1;

            g_array_append_val (ours, ours_ms);
            g_array_append_val (raw, raw_ms);
            if (k >= 3)
              g_array_append_val (ours3, ours_ms);
          }
        }
    }

  report ("search_p95_ms", percentile (ours3, 0.95), "ms", percentile (raw, 0.95));
  report ("search_all_keystrokes_p95_ms", percentile (ours, 0.95), "ms", percentile (raw, 0.95));
}

static void
bench_check_in (JdDb *db)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 max_id;
  sqlite3_stmt *stmt;
  GRand *rand = g_rand_new_with_seed (5);

  stmt = jd_db_prepare (db, "SELECT max (id) FROM visitor", NULL);
  sqlite3_step (stmt);
  max_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < N_CHECK_INS; i++)
    {
      const char *purposes[] = { "employment", "career", NULL };
      gint64 visitor = 1 + g_rand_int_range (rand, 0, (gint32) max_id);
      double t0, t1, t2, ours_ms, raw_ms;
      gint64 visit;

      t0 = now_ms ();
      visit = jd_visit_check_in (db, visitor, purposes, 0, 0, &error);
      t1 = now_ms ();
      g_assert_no_error (error);
      g_array_append_val (visits, visit);

      /* Baseline: one bare row in its own transaction. */
      jd_db_exec (db, "BEGIN IMMEDIATE", NULL);
      stmt = jd_db_prepare (db,
                            "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                            " VALUES (?1, 0, 'other', 0, 0)",
                            NULL);
      sqlite3_bind_int64 (stmt, 1, visitor);
      sqlite3_step (stmt);
      sqlite3_reset (stmt);
      jd_db_exec (db, "COMMIT", NULL);
      t2 = now_ms ();
      visit = sqlite3_last_insert_rowid (jd_db_get_handle (db));
      g_array_append_val (visits, visit);

      ours_ms = t1 - t0;
      raw_ms = t2 - t1;
      g_array_append_val (ours, ours_ms);
      g_array_append_val (raw, raw_ms);
    }

  /* Leave the database as it was. */
  for (guint i = 0; i < visits->len; i++)
    jd_visit_undo (db, g_array_index (visits, gint64, i), NULL);
  g_rand_free (rand);

  report ("checkin_p95_ms", percentile (ours, 0.95), "ms", percentile (raw, 0.95));
}

/* Starts @argv with JD_BENCH_EXIT_AFTER_FRAME; returns the time to the
 * first frame in ms and the resident memory then in MB. */
static gboolean
start_once (const char * const *argv,
            double             *ms,
            double             *rss_mb)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 frame_us = 0;
  long rss_kb = 0;
  const char *line;
  gint64 start;

  g_subprocess_launcher_setenv (launcher, "JD_BENCH_EXIT_AFTER_FRAME", "1", TRUE);
  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    {
      g_printerr ("jd-bench: %s\n", error->message);
      return FALSE;
    }

  line = out ? strstr (out, "JD_BENCH ") : NULL;
  if (line == NULL ||
      sscanf (line, "JD_BENCH first_frame_us=%" G_GINT64_FORMAT " rss_kb=%ld", &frame_us, &rss_kb) != 2)
    {
      g_printerr ("jd-bench: %s did not report its first frame\n", argv[0]);
      return FALSE;
    }

  *ms = (frame_us - start) / 1000.0;
  *rss_mb = rss_kb / 1024.0;
  return TRUE;
}

static void
bench_window (const char *path)
{
  const char *app[] = { JD_APP_PATH, "--database", path, NULL };
  const char *empty[] = { JD_EMPTY_WINDOW_PATH, NULL };
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) base_rss = g_array_new (FALSE, FALSE, sizeof (double));

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("jd-bench: no display; run under xvfb-run for startup_ms and rss_mb\n");
      return;
    }

  /* Alternate the two so that both see the same machine. */
  for (guint i = 0; i < N_STARTS; i++)
    {
      double ms, rss;

      if (start_once (app, &ms, &rss))
        {
          g_array_append_val (app_ms, ms);
          g_array_append_val (app_rss, rss);
        }
      if (start_once (empty, &ms, &rss))
        {
          g_array_append_val (base_ms, ms);
          g_array_append_val (base_rss, rss);
        }
    }

  report ("startup_ms", percentile (app_ms, 0.5), "ms", percentile (base_ms, 0.5));
  report ("rss_mb", percentile (app_rss, 0.5), "MB", percentile (base_rss, 0.5));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *path = NULL;
  int visitors = 1000000;
  gboolean no_window = FALSE;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path, "The benchmark database (made when missing)", "PATH" },
    { "visitors", 0, 0, G_OPTION_ARG_INT, &visitors, "Visitors to generate (default 1000000)", "N" },
    { "no-window", 0, 0, G_OPTION_ARG_NONE, &no_window, "Skip the start-up and memory figures", NULL },
    { NULL }
  };

  context = g_option_context_new ("- Jastar Desk benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "jd-bench: --database PATH is required");
      return 1;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      double t0 = now_ms ();

      db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
      if (db == NULL || !jd_demo_generate (db, (guint) visitors, 1, 0, NULL, NULL, &error))
        {
          g_printerr ("jd-bench: %s\n", error->message);
          return 2;
        }
      report ("demo_generate_s", (now_ms () - t0) / 1000.0, "s", NAN);
    }
  else
    {
      db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
      if (db == NULL)
        {
          g_printerr ("jd-bench: %s\n", error->message);
          return 2;
        }
    }

  bench_search (path, db);
  bench_check_in (db);
  if (!no_window)
    bench_window (path);

  return 0;
}
