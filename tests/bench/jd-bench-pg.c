/* jd-bench-pg.c: jd-bench against a centre server; the baselines are
 * the smallest raw SQL that answers each question, sent with libpq on
 * a connection of their own (never through the store).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "jd-access.h"
#include "jd-bench-private.h"
#include "jd-db-transfer.h"
#include "jd-demo.h"
#include "jd-search-private.h"
#include "jd-text.h"

/* The statements of the baselines, prepared once by name. */
static const struct
{
  const char *name;
  const char *sql;
} statements[] = {
  /* A word of one or two letters: a prefix range over the tokens. */
  { "token", "SELECT visitor_id FROM visitor_token WHERE token >= $1 AND token < $2 LIMIT 50" },
  /* Three letters and more: the trigram index, as pg_trgm answers LIKE. */
  { "fts", "SELECT rowid FROM visitor_fts WHERE text LIKE $1 LIMIT 50" },
  /* Two words: the name pairs, one range. */
  { "pair", "SELECT visitor_id FROM visitor_pair WHERE token >= $1 AND token < $2 LIMIT 50" },
  { "check_in", "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
                " VALUES ($1, 0, 'other', 0, 0) RETURNING id" },
  { "delete_visits", "DELETE FROM visit WHERE id = ANY ($1::bigint[])" },
  /* The dashboard's figures, one query each, as for the file. */
  { "dash0", "SELECT count(*), count(DISTINCT visitor_id) FROM visit WHERE time_in >= $1 AND time_in < $2" },
  { "dash1", "SELECT count(*), count(DISTINCT visitor_id) FROM visit WHERE time_in >= $1 AND time_in < $2"
             " AND occupation IN ('unemployed_seeking', 'not_seeking')" },
  { "dash2", "SELECT (to_timestamp (time_in) AT TIME ZONE $3)::date AS d, count(*) FROM visit"
             " WHERE time_in >= $1 AND time_in < $2 GROUP BY d" },
  { "dash3", "SELECT to_char (to_timestamp (time_in) AT TIME ZONE $3, 'D HH24') AS h, count(*) FROM visit"
             " WHERE time_in >= $1 AND time_in < $2 GROUP BY h" },
  { "dash4", "SELECT p.sex, date_part ('year', age ((to_timestamp (v.time_in) AT TIME ZONE $3)::date,"
             " p.birth_date::date)) AS years, count(*) FROM visit v JOIN visitor p ON p.id = v.visitor_id"
             " WHERE v.time_in >= $1 AND v.time_in < $2 GROUP BY p.sex, years" },
  { "dash5", "SELECT p.district_id, count(*) FROM visit v JOIN visitor p ON p.id = v.visitor_id"
             " WHERE v.time_in >= $1 AND v.time_in < $2 GROUP BY p.district_id" },
  { "dash6", "SELECT count(*) FROM visitor WHERE created_at >= $1 AND created_at < $2" },
  { "dash7", "SELECT service, count(*), count(referral) FROM consultation"
             " WHERE started_at >= $1 AND started_at < $2 GROUP BY service" },
};

PGconn *
bench_pg_connect (const char *conninfo)
{
  PGconn *raw = PQconnectdb (conninfo);

  if (PQstatus (raw) != CONNECTION_OK)
    g_error ("jd-bench: cannot reach the server: %s", PQerrorMessage (raw));
  return raw;
}

static void
exec_ok (PGconn     *raw,
         const char *sql)
{
  PGresult *result = PQexec (raw, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("jd-bench: %s: %s", sql, PQerrorMessage (raw));
  PQclear (result);
}

/* Runs a prepared baseline and reads every row, as a caller would. */
static void
run_prepared (PGconn             *raw,
              const char         *name,
              int                 n_params,
              const char * const *values)
{
  PGresult *result = PQexecPrepared (raw, name, n_params, values, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("jd-bench: %s: %s", name, PQerrorMessage (raw));
  for (int i = 0; i < PQntuples (result); i++)
    (void) PQgetvalue (result, i, 0);
  PQclear (result);
}

static gint64
count_visitors (PGconn *raw)
{
  PGresult *result = PQexec (raw, "SELECT count(*) FROM visitor");
  gint64 n = -1;

  /* No table yet: a database that has never been a centre's. */
  if (PQresultStatus (result) == PGRES_TUPLES_OK)
    n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return n;
}

static void
transfer_progress_cb (const char *table,
                      gint64      done,
                      gint64      total,
                      gpointer    user_data)
{
  g_printerr ("\rjd-bench: copying %s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT "          ",
              table, done, total);
}

/* A server without visitors is filled the fast way: the demo centre is
 * generated into a file, then copied over in one transaction. */
gboolean
bench_pg_fill (PGconn      *raw,
               const char  *conninfo,
               guint        visitors,
               gboolean    *filled,
               GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *cmd = NULL;
  double t0 = now_ms ();
  gboolean ok;

  *filled = FALSE;
  if (count_visitors (raw) > 0)
    return TRUE;

  dir = g_dir_make_tmp ("jd-bench-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  file = g_build_filename (dir, "demo.db", NULL);
  {
    g_autoptr(JdDb) db = jd_db_open (file, JD_DB_OPEN_CREATE, error);

    if (db == NULL)
      return FALSE;
    jd_db_act_as_system (db);
    if (!jd_demo_generate (db, visitors, 1, 0, progress_cb, NULL, error))
      return FALSE;
  }
  report ("demo_generate_s", (now_ms () - t0) / 1000.0, "s", NAN);

  t0 = now_ms ();
  ok = jd_db_copy_to (file, conninfo, FALSE, transfer_progress_cb, NULL, NULL, error);
  g_printerr ("\n");
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  if (!ok)
    return FALSE;
  /* What autovacuum does soon after on a centre's server: statistics
   * for the planner, and the visibility map for index-only scans. */
  exec_ok (raw, "VACUUM ANALYZE");
  /* The copy's pages written out now, not during the figures (only a
   * superuser may; then the server's own checkpoint does it later). */
  PQclear (PQexec (raw, "CHECKPOINT"));
  report ("copy_to_server_s", (now_ms () - t0) / 1000.0, "s", NAN);
  *filled = TRUE;
  return TRUE;
}

gboolean
bench_pg_prepare (PGconn *raw)
{
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      PGresult *result = PQprepare (raw, statements[i].name, statements[i].sql, 0, NULL);

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("jd-bench: %s: %s", statements[i].name, PQerrorMessage (raw));
      PQclear (result);
    }
  return TRUE;
}

/* The smallest lookup that answers a keystroke: one word of one or two
 * letters by token prefix, three letters and more by trigram LIKE (the
 * longest word), two words by name pair. */
double
bench_pg_search_raw (PGconn     *raw,
                     const char *query)
{
  g_autofree char *folded = jd_text_fold (query);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const char *longest = "";
  guint n_words = 0;
  double t0 = now_ms ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        n_words++;
      if (strlen (words[i]) > strlen (longest))
        longest = words[i];
    }

  if (n_words >= 2)
    {
      from = g_strconcat (PAIR_MARK, words[0], " ", words[1], NULL);
      to = g_strconcat (from, PREFIX_END, NULL);
      run_prepared (raw, "pair", 2, (const char *[]) { from, to });
    }
  else if (g_utf8_strlen (longest, -1) >= 3)
    {
      from = g_strconcat ("%", longest, "%", NULL);
      run_prepared (raw, "fts", 1, (const char *[]) { from });
    }
  else
    {
      to = g_strconcat (longest, PREFIX_END, NULL);
      run_prepared (raw, "token", 2, (const char *[]) { longest, to });
    }
  return now_ms () - t0;
}

/* One bare visit in its own transaction; @visit: its id. */
double
bench_pg_check_in_raw (PGconn *raw,
                       gint64  visitor,
                       gint64 *visit)
{
  char id[32];
  PGresult *result;
  double t0 = now_ms ();

  g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, visitor);
  exec_ok (raw, "BEGIN");
  result = PQexecPrepared (raw, "check_in", 1, (const char *[]) { id }, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("jd-bench: check_in: %s", PQerrorMessage (raw));
  *visit = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  exec_ok (raw, "COMMIT");
  return now_ms () - t0;
}

double
bench_pg_dashboard_raw (PGconn     *raw,
                        const char *zone,
                        gint64      from,
                        gint64      to)
{
  char f[32], t[32];
  double t0 = now_ms ();

  g_snprintf (f, sizeof f, "%" G_GINT64_FORMAT, from);
  g_snprintf (t, sizeof t, "%" G_GINT64_FORMAT, to);
  for (guint i = 0; i < 8; i++)
    {
      char name[8];

      g_snprintf (name, sizeof name, "dash%u", i);
      run_prepared (raw, name, (i == 2 || i == 3 || i == 4) ? 3 : 2, (const char *[]) { f, t, zone });
    }
  return now_ms () - t0;
}

/* Takes the benchmark's visits away again, in one statement. */
void
bench_pg_delete_visits (PGconn *raw,
                        GArray *visits)
{
  g_autoptr(GString) array = g_string_new ("{");

  for (guint i = 0; i < visits->len; i++)
    g_string_append_printf (array, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (visits, gint64, i));
  g_string_append_c (array, '}');
  run_prepared (raw, "delete_visits", 1, (const char *[]) { array->str });
}

/* Every visit to CSV with the app's command line, against psql's \copy
 * of the same rows (COPY … TO STDOUT read with PQgetCopyData). */
void
bench_pg_export (const char *conninfo)
{
  g_autofree char *dir = g_dir_make_tmp ("jd-bench-XXXXXX", NULL);
  g_autofree char *out_csv = NULL;
  g_autofree char *base_csv = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *cmd = NULL;
  double ours_s, ours_mb, base_s, base_mb;

  if (dir == NULL)
    return;
  out_csv = g_build_filename (dir, "visits.csv", NULL);
  base_csv = g_build_filename (dir, "plain.csv", NULL);
  copy = g_strdup_printf ("\\copy (SELECT v.time_in, v.time_out, v.visitor_id, p.surname, p.given_name, v.age,"
                          " v.sex, v.district_id, v.occupation,"
                          " (SELECT string_agg (purpose, ',') FROM visit_purpose u WHERE u.visit_id = v.id)"
                          " FROM visit v JOIN visitor p ON p.id = v.visitor_id ORDER BY v.time_in, v.id)"
                          " TO '%s' WITH (FORMAT csv, HEADER)", base_csv);
  {
    const char *ours[] = { JD_APP_PATH, "--database", conninfo, "--export", "visits", "--from", "2000-01-01",
                           "--to", "2100-01-01", "--output", out_csv, NULL };
    const char *base[] = { "/usr/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo,
                           "-c", copy, NULL };

    /* Once unmeasured, so that both read the table from memory. */
    if (run_timed (base, NULL, &base_s, &base_mb) &&
        run_timed (ours, NULL, &ours_s, &ours_mb) &&
        run_timed (base, NULL, &base_s, &base_mb))
      {
        report ("export_visits_s", ours_s, "s", base_s);
        report ("export_visits_peak_rss_mb", ours_mb, "MB", base_mb);
      }
  }
  cmd = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
}
