/* jd-bench.c: the scale targets of DESIGN.md, measured against a
 * baseline taken in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   jd-bench --database PATH|CONNINFO [--visitors N] [--no-window]
 *
 * Creates the demo database when PATH does not exist (1,000,000 visitors
 * by default); a centre server (postgresql://…) without visitors is
 * filled with the same demo centre, generated into a file and copied
 * over (--copy-to). Then prints one JSON object per line:
 *   {"metric": NAME, "value": X, "unit": U, "baseline": B}
 * The window metrics need an X server (run under xvfb-run).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jd-bench-private.h"
#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-search.h"
#include "jd-server.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-text.h"
#include "jd-visit.h"
#include "jd-visitor.h"

#define N_NAMES 200
#define N_CHECK_INS 2000
#define N_STARTS 5

/* One JSON object per line; a figure without a baseline has null. */
void
report (const char *metric,
        double      value,
        const char *unit,
        double      baseline)
{
  char value_text[G_ASCII_DTOSTR_BUF_SIZE];
  char baseline_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (value_text, sizeof value_text, "%.3f", value);
  if (isnan (baseline))
    g_strlcpy (baseline_text, "null", sizeof baseline_text);
  else
    g_ascii_formatd (baseline_text, sizeof baseline_text, "%.3f", baseline);

  g_print ("{\"metric\": \"%s\", \"value\": %s, \"unit\": \"%s\", \"baseline\": %s}\n",
           metric, value_text, unit, baseline_text);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

double
percentile (GArray *samples,
            double  p)
{
  g_array_sort (samples, compare_doubles);
  if (samples->len == 0)
    return NAN;
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) (p * samples->len)));
}

double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* Real names from the database to type letter by letter: the same ones
 * on every run over the same file. */
static GPtrArray *
sample_names (JdDb       *db,
              const char *columns)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM visitor"
                                          " WHERE id = ?1 AND anonymised_at IS NULL", columns);
  JdStmt *stmt = jd_db_prepare (db, sql, NULL);
  JdStmt *max = jd_db_prepare (db, "SELECT max (id) FROM visitor", NULL);
  GRand *rand = g_rand_new_with_seed (42);
  gint64 max_id;

  jd_stmt_step (max);
  max_id = jd_stmt_column_int64 (max, 0);
  jd_stmt_reset (max);

  for (guint tries = 0; names->len < N_NAMES && max_id > 0 && tries < 10 * N_NAMES; tries++)
    {
      jd_stmt_bind_int64 (stmt, 1, 1 + g_rand_int_range (rand, 0, (gint32) MIN (max_id, G_MAXINT32)));
      if (jd_stmt_step (stmt) == JD_STEP_ROW)
        g_ptr_array_add (names, g_strdup (jd_stmt_column_text (stmt, 0)));
      jd_stmt_reset (stmt);
    }
  g_rand_free (rand);

  return names;
}

typedef struct
{
  GPtrArray *results;
  GError    *error;
  gboolean   done;
} Answer;

static void
search_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Answer *answer = user_data;

  answer->results = jd_search_visitors_finish (result, &answer->error);
  answer->done = TRUE;
}

/* What the front desk waits for after a keystroke: the search on its
 * worker thread and connection, until the answer is back. */
static double
time_search (const char *path,
             const char *query)
{
  Answer answer = { 0 };
  double t0 = now_ms ();

  jd_search_visitors_async (path, query, 50, NULL, search_done_cb, &answer);
  while (!answer.done)
    g_main_context_iteration (NULL, TRUE);

  if (answer.error != NULL)
    g_error ("jd-bench: %s", answer.error->message);
  g_ptr_array_unref (answer.results);

  return now_ms () - t0;
}

/* The smallest raw query that could answer a keystroke: one prefix
 * range over the token index, first 50. */
static double
time_raw (JdDb       *reader,
          const char *query)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *folded = jd_text_fold (query);
  g_autofree char *end = NULL;
  JdStmt *stmt;
  const char *longest = "";
  double t0 = now_ms ();

  words = g_strsplit (folded, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) > strlen (longest))
      longest = words[i];
  end = g_strconcat (longest, "\xf4\x8f\xbf\xbf", NULL);

  stmt = jd_db_prepare (reader,
                        "SELECT visitor_id FROM visitor_token"
                        " WHERE token >= ?1 AND token < ?2 LIMIT 50",
                        NULL);
  jd_stmt_bind_text_static (stmt, 1, longest);
  jd_stmt_bind_text_static (stmt, 2, end);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    ;
  jd_stmt_reset (stmt);

  return now_ms () - t0;
}

/* Types each name keystroke by keystroke; per keystroke our time and the
 * raw query's, all keystrokes and those from the third letter on. */
static void
type_names (const char *path,
            JdDb       *reader,
            PGconn     *pg,
            GPtrArray  *names,
            GArray     *ours,
            GArray     *raw,
            GArray     *ours3,
            GArray     *raw3)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      glong n = g_utf8_strlen (name, -1);

      for (glong k = 1; k <= n; k++)
        {
          g_autofree char *typed = g_utf8_substring (name, 0, k);
          double ours_ms = time_search (path, typed);
          double raw_ms = pg ? bench_pg_search_raw (pg, typed) : time_raw (reader, typed);

          g_array_append_val (ours, ours_ms);
          g_array_append_val (raw, raw_ms);
          if (k >= 3)
            {
              g_array_append_val (ours3, ours_ms);
              g_array_append_val (raw3, raw_ms);
            }
        }
    }
}

static void
bench_search (const char *path,
              JdDb       *db,
              PGconn     *pg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) reader = jd_db_open (path, JD_DB_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) surnames = sample_names (db, "surname");
  g_autoptr(GPtrArray) full_names = sample_names (db, "surname || ' ' || given_name");
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours3 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw3 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_full = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_full3 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_full3 = g_array_new (FALSE, FALSE, sizeof (double));

  if (reader == NULL)
    g_error ("jd-bench: %s", error->message);

  /* The worker's connection is opened by the first search, as in the
   * app when the window shows; that first one is not a keystroke. */
  time_search (path, "а");

  type_names (path, reader, pg, surnames, ours, raw, ours3, raw3);
  report ("search_p95_ms", percentile (ours3, 0.95), "ms", percentile (raw3, 0.95));
  report ("search_all_keystrokes_p95_ms", percentile (ours, 0.95), "ms", percentile (raw, 0.95));

  /* "Асанов Ержан": the surname, then the given name after it. */
  type_names (path, reader, pg, full_names, ours_full, raw_full, ours_full3, raw_full3);
  report ("search_two_words_p95_ms", percentile (ours_full, 0.95), "ms", percentile (raw_full, 0.95));
}

/* The dashboard's figures for a period, as the window asks for them (the
 * period with its charts, the one before for the comparison), against
 * the simplest SQL that gives the same figures: one query per figure,
 * joining the visitors for ages, sexes and districts. */
static double
direct_sql_ms (JdDb       *db,
               const char *from,
               const char *to)
{
  static const char *const queries[] = {
    "SELECT count(*), count(DISTINCT visitor_id) FROM visit WHERE time_in >= ?1 AND time_in < ?2",
    "SELECT count(*), count(DISTINCT visitor_id) FROM visit WHERE time_in >= ?1 AND time_in < ?2"
    " AND occupation IN ('unemployed_seeking', 'not_seeking')",
    "SELECT date (time_in, 'unixepoch', 'localtime') AS d, count(*) FROM visit"
    " WHERE time_in >= ?1 AND time_in < ?2 GROUP BY d",
    "SELECT strftime ('%w %H', time_in, 'unixepoch', 'localtime') AS h, count(*) FROM visit"
    " WHERE time_in >= ?1 AND time_in < ?2 GROUP BY h",
    "SELECT p.sex, (strftime ('%Y', v.time_in, 'unixepoch', 'localtime') - substr (p.birth_date, 1, 4)"
    " - (strftime ('%m-%d', v.time_in, 'unixepoch', 'localtime') < substr (p.birth_date, 6, 5))) AS age,"
    " count(*) FROM visit v JOIN visitor p ON p.id = v.visitor_id"
    " WHERE v.time_in >= ?1 AND v.time_in < ?2 GROUP BY p.sex, age",
    "SELECT p.district_id, count(*) FROM visit v JOIN visitor p ON p.id = v.visitor_id"
    " WHERE v.time_in >= ?1 AND v.time_in < ?2 GROUP BY p.district_id",
    "SELECT count(*) FROM visitor WHERE created_at >= ?1 AND created_at < ?2",
    "SELECT service, count(*), count(referral) FROM consultation"
    " WHERE started_at >= ?1 AND started_at < ?2 GROUP BY service",
  };
  g_autoptr(GDateTime) f = NULL;
  g_autoptr(GDateTime) t = NULL;
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *fi = g_strconcat (from, "T00:00:00", NULL);
  g_autofree char *ti = g_strconcat (to, "T00:00:00", NULL);
  double t0 = now_ms ();

  f = g_date_time_new_from_iso8601 (fi, local);
  t = g_date_time_new_from_iso8601 (ti, local);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      JdStmt *stmt = jd_db_prepare (db, queries[i], NULL);

      jd_stmt_bind_int64 (stmt, 1, g_date_time_to_unix (f));
      jd_stmt_bind_int64 (stmt, 2, g_date_time_to_unix (t));
      while (jd_stmt_step (stmt) == JD_STEP_ROW)
        ;
      jd_stmt_reset (stmt);
    }
  return now_ms () - t0;
}

/* The same figures on the server: the centre's days in its zone. */
static double
direct_pg_ms (JdDb       *db,
              PGconn     *pg,
              const char *from,
              const char *to)
{
  GTimeZone *zone = jd_db_get_time_zone (db);
  g_autofree char *zone_name = jd_db_get_time_zone_identifier (db);
  g_autofree char *fi = g_strconcat (from, "T00:00:00", NULL);
  g_autofree char *ti = g_strconcat (to, "T00:00:00", NULL);
  g_autoptr(GDateTime) f = g_date_time_new_from_iso8601 (fi, zone);
  g_autoptr(GDateTime) t = g_date_time_new_from_iso8601 (ti, zone);

  return bench_pg_dashboard_raw (pg, zone_name, g_date_time_to_unix (f), g_date_time_to_unix (t));
}

static void
stats_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  JdStats **out = user_data;

  *out = jd_stats_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
bench_dashboard_period (JdDb       *db,
                        PGconn     *pg,
                        const char *metric,
                        const char *from,
                        const char *to)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *prev_from = NULL;
  g_autofree char *prev_to = NULL;

  jd_stats_previous_period (from, to, &prev_from, &prev_to);
  for (guint i = 0; i < 5; i++)
    {
      JdStats *results[2] = { NULL, NULL };
      double t0 = now_ms (), ms;

      /* As the dashboard asks: both periods at once, off the main
       * thread, each on its own read connection. */
      jd_stats_compute_async (jd_db_get_path (db), db, from, to, 0, NULL, stats_done, &results[0]);
      jd_stats_compute_async (jd_db_get_path (db), db, prev_from, prev_to,
                              JD_STATS_TILES_ONLY | JD_STATS_PERIOD_ONLY, NULL,
                              stats_done, &results[1]);
      while (results[0] == NULL || results[1] == NULL)
        g_main_context_iteration (NULL, TRUE);
      ms = now_ms () - t0;
      jd_stats_free (results[0]);
      jd_stats_free (results[1]);
      g_array_append_val (ours, ms);
      ms = pg ? direct_pg_ms (db, pg, from, to) : direct_sql_ms (db, from, to);
      g_array_append_val (raw, ms);
    }
  report (metric, percentile (ours, 0.5), "ms", percentile (raw, 0.5));
}

static void
bench_dashboard (JdDb   *db,
                 PGconn *pg)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) this_month = g_date_time_new_local (g_date_time_get_year (now),
                                                           g_date_time_get_month (now), 1, 0, 0, 0);
  g_autoptr(GDateTime) last_month = g_date_time_add_months (this_month, -1);
  g_autoptr(GDateTime) year_ago = g_date_time_add_months (this_month, -12);
  g_autofree char *to = g_date_time_format (this_month, "%Y-%m-%d");
  g_autofree char *month = g_date_time_format (last_month, "%Y-%m-%d");
  g_autofree char *year = g_date_time_format (year_ago, "%Y-%m-%d");

  /* The last whole month and the last twelve whole months. */
  bench_dashboard_period (db, pg, "dashboard_month_ms", month, to);
  bench_dashboard_period (db, pg, "dashboard_year_ms", year, to);
}

/* Runs @argv (stdout to @stdout_path, else nowhere) and returns its wall
 * time in seconds and its own peak resident memory in MB (wait4). */
gboolean
run_timed (const char * const *argv,
           const char         *stdout_path,
           double             *seconds,
           double             *peak_mb)
{
  struct rusage usage;
  gint64 start = g_get_monotonic_time ();
  pid_t pid = fork ();
  int status;

  if (pid == 0)
    {
      int fd = open (stdout_path ? stdout_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);

      dup2 (fd, 1);
      close (fd);
      execv (argv[0], (char * const *) argv);
      _exit (127);
    }
  if (pid < 0 || wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *peak_mb = usage.ru_maxrss / 1024.0;
  /* Import exits with 1 when some rows were rejected; that is fine here. */
  if (!WIFEXITED (status) || WEXITSTATUS (status) > 1)
    {
      g_printerr ("jd-bench: %s exited with %d\n", argv[0], WEXITSTATUS (status));
      return FALSE;
    }
  return TRUE;
}

/* Reads @path once, so that the export that runs first does not read
 * it from the disk and the one after from memory. */
static void
warm_file (const char *path)
{
  char buffer[1 << 16];
  int fd = g_open (path, O_RDONLY, 0);

  if (fd < 0)
    return;
  while (read (fd, buffer, sizeof buffer) > 0)
    ;
  close (fd);
}

/* Every visit to CSV with the app's command line, against the sqlite3
 * shell's .mode csv export of the same rows; then visitors from a CSV
 * file into an empty database with every rule, against the shell's
 * plain .import of the same file into a bare table. */
static void
bench_export_import (const char *path)
{
  g_autofree char *dir = g_dir_make_tmp ("jd-bench-XXXXXX", NULL);
  g_autofree char *out_csv = g_build_filename (dir, "visits.csv", NULL);
  g_autofree char *base_csv = g_build_filename (dir, "visits-sqlite.csv", NULL);
  g_autofree char *people = g_build_filename (dir, "visitors.csv", NULL);
  g_autofree char *empty_db = g_build_filename (dir, "import.db", NULL);
  g_autofree char *plain_db = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *cmd = NULL;
  double ours_s, ours_mb, base_s, base_mb;
  guint n_people = 0;

  {
    const char *ours[] = { JD_APP_PATH, "--database", path, "--export", "visits", "--from", "2000-01-01",
                           "--to", "2100-01-01", "--output", out_csv, NULL };
    const char *base[] = { "/usr/bin/sqlite3", "-readonly", "-csv", "-header", path,
                           "SELECT v.time_in, v.time_out, v.visitor_id, p.surname, p.given_name, v.age,"
                           " v.sex, v.district_id, v.occupation,"
                           " (SELECT group_concat (purpose) FROM visit_purpose u WHERE u.visit_id = v.id)"
                           " FROM visit v JOIN visitor p ON p.id = v.visitor_id ORDER BY v.time_in, v.id",
                           NULL };

    warm_file (path);
    if (run_timed (ours, NULL, &ours_s, &ours_mb) &&
        run_timed (base, base_csv, &base_s, &base_mb))
      {
        report ("export_visits_s", ours_s, "s", base_s);
        report ("export_visits_peak_rss_mb", ours_mb, "MB", base_mb);
      }
  }

  /* 100,000 visitors from the big file, as a centre's old spreadsheet. */
  {
    const char *export[] = { JD_APP_PATH, "--database", path, "--export", "visitors", "--from", "2000-01-01",
                             "--to", "2100-01-01", "--output", people, NULL };
    g_autofree char *text = NULL;
    gsize length;
    double s, mb;

    if (!run_timed (export, NULL, &s, &mb) || !g_file_get_contents (people, &text, &length, NULL))
      return;
    /* Keep the header and the first 100,000 rows. */
    {
      char *p = text;

      for (guint line = 0; line <= 100000 && p != NULL; line++)
        {
          p = strstr (p, "\r\n");
          if (p != NULL)
            p += 2;
        }
      if (p != NULL)
        *p = '\0';
      n_people = 100000;
      g_file_set_contents (people, text, -1, NULL);
    }
  }
  {
    const char *ours[] = { JD_APP_PATH, "--database", empty_db, "--import", "visitors", people, NULL };
    /* Our files are separated by ";": the shell's CSV mode with that
     * separator reads the same 21 fields a row (--csv would force ","). */
    g_autofree char *dot_import = g_strdup_printf (".import --skip 1 %s plain", people);
    const char *base[] = { "/usr/bin/sqlite3", plain_db,
                           "CREATE TABLE plain (a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u)",
                           ".mode csv", ".separator ;", dot_import, NULL };
    g_autoptr(JdDb) fresh = jd_db_open (empty_db, JD_DB_OPEN_CREATE, NULL);

    /* An empty database of ours exists first (not timed). */
    g_clear_pointer (&fresh, jd_db_close);
    if (run_timed (ours, NULL, &ours_s, &ours_mb) && run_timed (base, NULL, &base_s, &base_mb))
      {
        report ("import_rows_per_s", n_people / ours_s, "rows/s", n_people / base_s);
        report ("import_peak_rss_mb", ours_mb, "MB", base_mb);
      }
  }

  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}

static void
bench_check_in (JdDb   *db,
                PGconn *pg)
{
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) visits = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) raws = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  gint64 max_id;
  JdStmt *stmt;
  GRand *rand = g_rand_new_with_seed (5);

  stmt = jd_db_prepare (db, "SELECT max (id) FROM visitor", NULL);
  jd_stmt_step (stmt);
  max_id = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);

  for (guint i = 0; i < N_CHECK_INS; i++)
    {
      const char *purposes[] = { "employment", "career", NULL };
      gint64 visitor = 1 + g_rand_int_range (rand, 0, (gint32) max_id);
      double t0, t1, t2, ours_ms, raw_ms;
      gint64 visit;

      t0 = now_ms ();
      visit = jd_visit_check_in (db, visitor, purposes, 0, &error);
      t1 = now_ms ();
      g_assert_no_error (error);
      g_array_append_val (visits, visit);
      ours_ms = t1 - t0;

      /* Baseline: one bare row in its own transaction. */
      if (pg != NULL)
        {
          raw_ms = bench_pg_check_in_raw (pg, visitor, &visit);
          g_array_append_val (raws, visit);
          g_array_append_val (ours, ours_ms);
          g_array_append_val (raw, raw_ms);
          continue;
        }
      jd_db_exec (db, "BEGIN IMMEDIATE", NULL);
      stmt = jd_db_prepare (db,
                            "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                            " VALUES (?1, 0, 'other', 0, 0)",
                            NULL);
      jd_stmt_bind_int64 (stmt, 1, visitor);
      jd_stmt_step (stmt);
      jd_stmt_reset (stmt);
      jd_db_exec (db, "COMMIT", NULL);
      t2 = now_ms ();
      visit = jd_db_last_insert_id (db);
      g_array_append_val (visits, visit);

      raw_ms = t2 - t1;
      g_array_append_val (ours, ours_ms);
      g_array_append_val (raw, raw_ms);
    }

  /* Leave the database as it was. */
  for (guint i = 0; i < visits->len; i++)
    jd_visit_undo (db, g_array_index (visits, gint64, i), NULL);
  if (pg != NULL)
    bench_pg_delete_visits (pg, raws);
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

void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  g_printerr ("\rjd-bench: generating %u of %u visitors%s", done, total, done == total ? "\n" : "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) own_argv = g_strdupv (argv);
  int visitors = 1000000;
  double concurrent_s = 10;
  PGconn *pg = NULL;
  gboolean no_window = FALSE;
  gboolean no_export = FALSE;
  const GOptionEntry entries[] = {
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &path,
      "The benchmark database (made when missing), or a server's connection string (filled when empty)", "PATH" },
    { "visitors", 0, 0, G_OPTION_ARG_INT, &visitors, "Visitors to generate (default 1000000)", "N" },
    { "no-window", 0, 0, G_OPTION_ARG_NONE, &no_window, "Skip the start-up and memory figures", NULL },
    { "no-export", 0, 0, G_OPTION_ARG_NONE, &no_export, "Skip the export and import figures", NULL },
    { "concurrent-seconds", 0, 0, G_OPTION_ARG_DOUBLE, &concurrent_s,
      "How long 8 desks check people in at once (default 10; 0 skips it)", "S" },
    { NULL }
  };

  context = g_option_context_new ("- Jastar Desk benchmarks");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "jd-bench: --database PATH is required");
      return 1;
    }

  if (jd_database_is_server (path))
    {
      /* The raw connection of the baselines; nothing of the store. */
      gboolean filled = FALSE;

      pg = bench_pg_connect (path);
      if (!bench_pg_fill (pg, path, (guint) visitors, &filled, &error))
        {
          g_printerr ("jd-bench: %s\n", error->message);
          return 2;
        }
      /* Generating the centre grew this process, and a child's peak
       * memory counts the pages it shared until exec: start afresh,
       * small, on the filled server. */
      if (filled)
        {
          fflush (stdout);
          PQfinish (pg);
          execv ("/proc/self/exe", own_argv);
          g_printerr ("jd-bench: cannot start again: %s\n", g_strerror (errno));
          return 2;
        }
      bench_pg_prepare (pg);
      /* A server has no import figure: it needs an empty database. */
      if (!no_export)
        bench_pg_export (path);
    }

  /* First, while this process is small: a child's peak memory counts
   * the parent's pages it shared until exec. */
  if (pg == NULL && !no_export && g_file_test (path, G_FILE_TEST_EXISTS))
    bench_export_import (path);

  if (pg == NULL && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      double t0 = now_ms ();

      db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
      if (db != NULL)
        jd_db_act_as_system (db);
      if (db == NULL || !jd_demo_generate (db, (guint) visitors, 1, 0, progress_cb, NULL, &error))
        {
          g_printerr ("jd-bench: %s\n", error->message);
          return 2;
        }
      report ("demo_generate_s", (now_ms () - t0) / 1000.0, "s", NAN);
      jd_db_close (g_steal_pointer (&db));
      db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
      if (db == NULL)
        {
          g_printerr ("jd-bench: %s\n", error->message);
          return 2;
        }
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
  /* The benchmark checks people in as the command line would. */
  jd_db_act_as_system (db);

  bench_search (path, db, pg);
  bench_check_in (db, pg);
  bench_dashboard (db, pg);
  if (concurrent_s > 0)
    bench_concurrent (path, concurrent_s);
  if (!no_window)
    bench_window (path);

  g_clear_pointer (&pg, PQfinish);

  return 0;
}
