/* jd-demo.c: a synthetic centre, for trying the app and for benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything comes from one seeded generator (splitmix64), so the same
 * seed and anchor give the same rows on any machine. Rows go in through
 * prepared statements in one transaction, with synchronous=OFF, a big
 * page cache and a rollback journal while the file is being made (all
 * restored after); the search index is written as an import writes it
 * (words gathered and written in order), and indexes whose entries go
 * to random places are made again at the end. Dates are counted in
 * days from the anchor (Kazakhstan keeps no summer time), never through
 * the time zone database, which GLib would read again on every call.
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"
#include "jd-event-private.h"
#include "jd-search.h"
#include "jd-text.h"
#include "jd-validate.h"

/* Visitors indexed for search together (see index_visitors ()). */
#define INDEX_BATCH 20000

static gboolean
query_int (JdDb        *db,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  JdStmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    *value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* TRUE when the journal mode is now @mode. */
static gboolean
set_journal_mode (JdDb       *db,
                  const char *mode)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", mode);
  JdStmt *stmt = jd_db_prepare (db, sql, NULL);
  gboolean done = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    done = g_ascii_strcasecmp (jd_stmt_column_text (stmt, 0), mode) == 0;
  jd_stmt_reset (stmt);
  return done;
}

/* The accounts of jd_demo_accounts (), signed up three years before the
 * anchor; who checks people in and who holds each service. */
static gboolean
add_staff (Demo    *demo,
           GError **error)
{
  const char *codes[JD_DEMO_N_SERVICES];

  for (guint i = 0; i < JD_DEMO_N_SERVICES; i++)
    codes[i] = jd_demo_service_code (i);

  return jd_demo_add_staff (demo->db, demo->password_hash, demo->anchor - 3 * 365 * DAY,
                            codes, G_N_ELEMENTS (codes), &demo->receptionist, demo->specialist,
                            error);
}

/* The search index of the visitors added since the last call, written
 * one after the other. A statement that may need undoing halfway (a
 * visit's, through its triggers) makes the substring index (FTS5) write
 * out what it holds as a new piece; indexed with every visitor, that was
 * a piece per visitor and most of the time went in merging them. The
 * words go to jd_search_bulk_begin ()'s store, written in order. */
static gboolean
index_visitors (Demo    *demo,
                GError **error)
{
  for (guint i = 0; i < demo->unindexed->len; i++)
    if (!jd_search_index_keys (demo->db, g_array_index (demo->unindexed_ids, gint64, i),
                               demo->unindexed->pdata[i], error))
      return FALSE;

  g_ptr_array_set_size (demo->unindexed, 0);
  g_array_set_size (demo->unindexed_ids, 0);
  return TRUE;
}

static gboolean
generate (Demo            *demo,
          guint            n_visitors,
          JdDemoProgress   progress,
          gpointer         user_data,
          GError         **error)
{
  /* Each visitor's entries in these go anywhere in the index. */
  static const char * const scattered_indexes[] = {
    "visitor_name_key", "visitor_phone", "visitor_created", "visitor_list", "visitor_token_visitor",
    "visit_time_in", "visit_stats", "consultation_started", "consultation_stats", NULL
  };
  JdDb *db = demo->db;
  g_autoptr(GPtrArray) dropped = NULL;
  guint step_every = MAX (n_visitors / 100, 1);
  gint64 n_existing = 0;

  /* The check and every write are one transaction, taken for writing
   * before the check: an import that began first is waited for (up to
   * the busy timeout) and its visitors are then seen, and nobody can
   * add any until the demo is complete. */
  if (!jd_db_begin (db, error))
    return FALSE;
  if (!query_int (db, "SELECT (SELECT count(*) FROM visitor) + (SELECT count(*) FROM staff)",
                  &n_existing, error))
    goto fail;
  if (n_existing > 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Demo data goes only into an empty database, so that it never mixes "
                             "with real visitors. Give a new file with --database."));
      goto fail;
    }

  if (!add_staff (demo, error))
    goto fail;

  /* Indexes whose entries would go to random places are made again at
   * the end, which sorts them once. */
  dropped = jd_db_drop_indexes (db, scattered_indexes, error);
  if (dropped == NULL)
    goto fail;
  jd_search_bulk_begin (db);

  for (guint i = 0; i < n_visitors; i++)
    {
      gint64 id;

      if (!jd_demo_add_visitor (demo, &id, error) || !jd_demo_flush_if_full (demo, error))
        goto fail;
      if (demo->unindexed->len >= INDEX_BATCH && !index_visitors (demo, error))
        goto fail;
      if (progress != NULL && ((i + 1) % step_every == 0 || i + 1 == n_visitors))
        progress (i + 1, n_visitors, user_data);
    }

  if (!index_visitors (demo, error) || !jd_demo_flush (demo, error))
    goto fail;

  if (n_visitors > 0 && !jd_demo_add_events (demo, MAX (n_visitors / 200, 1), error))
    goto fail;
  if (!jd_search_bulk_end (db, TRUE, error) ||
      !jd_db_restore_indexes (db, dropped, error))
    goto fail;
  if (!jd_db_commit (db, error))
    return FALSE;

  if (n_visitors == 0)
    return TRUE;

  /* One piece of substring index instead of the many that bulk inserts
   * leave, and statistics for the query planner from a sample of each
   * index. */
  return jd_search_optimize (db, error) &&
         jd_db_exec (db,
                     jd_db_get_engine_kind (db) == JD_DB_ENGINE_SQLITE
                     ? "PRAGMA analysis_limit = 1000; ANALYZE; PRAGMA analysis_limit = 0;"
                     : "ANALYZE",
                     error);

fail:
  jd_search_bulk_end (db, FALSE, NULL);
  jd_db_rollback (db);
  return FALSE;
}

/**
 * jd_demo_generate:
 * @n_visitors: how many visitors (about 3 visits, 0.5 consultations each)
 * @seed: the same seed and @anchor give the same rows
 * @anchor: Unix seconds in the last day of the data (0: now)
 * @progress: (nullable): told about every percent
 *
 * Fills an empty database with a synthetic centre. Refuses a database
 * that already has visitors (%JD_DB_ERROR_CONSTRAINT).
 */
gboolean
jd_demo_generate (JdDb            *db,
                  guint            n_visitors,
                  guint64          seed,
                  gint64           anchor,
                  JdDemoProgress   progress,
                  gpointer         user_data,
                  GError         **error)
{
  g_autoptr(GArray) districts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) anchor_dt = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (Registered));
  g_autoptr(GPtrArray) unindexed = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_search_keys_free);
  g_autoptr(GArray) unindexed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JdDemoBatch) consents = NULL;
  g_autoptr(JdDemoBatch) purposes = NULL;
  g_autoptr(JdDemoBatch) visits = NULL;
  g_autoptr(JdDemoBatch) consultations = NULL;
  g_autoptr(GArray) visit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *restore = NULL;
  g_autofree char *password_hash = NULL;
  JdStmt *stmt;
  gint64 synchronous = 1, cache_size = -2000;
  gboolean ok, rollback_mode;
  Demo demo = { 0 };

  g_return_val_if_fail (db != NULL, FALSE);

  password_hash = jd_password_hash (JD_DEMO_PASSWORD, error);
  if (password_hash == NULL)
    return FALSE;

  stmt = jd_db_prepare (db, "SELECT id FROM district WHERE code LIKE 'almaty-%' ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return FALSE;
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);

      g_array_append_val (districts, id);
    }
  jd_stmt_reset (stmt);

  /* The time zone is read once, here. */
  {
    /* The centre's day, whatever the machine's zone. */
    GTimeZone *tz = jd_db_get_time_zone (db);
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (anchor > 0 ? anchor : jd_db_now ());

    anchor_dt = g_date_time_to_timezone (utc, tz);
    midnight = g_date_time_new (tz, g_date_time_get_year (anchor_dt),
                                g_date_time_get_month (anchor_dt),
                                g_date_time_get_day_of_month (anchor_dt), 0, 0, 0);
  }

  demo.db = db;
  demo.rng.state = seed;
  demo.anchor = g_date_time_to_unix (midnight);
  g_date_clear (&demo.anchor_day, 1);
  g_date_set_dmy (&demo.anchor_day, g_date_time_get_day_of_month (midnight),
                  g_date_time_get_month (midnight), g_date_time_get_year (midnight));
  demo.anchor_weekday = g_date_time_get_day_of_week (midnight);
  demo.districts = districts;
  demo.serials = serials;
  demo.people = people;
  demo.unindexed = unindexed;
  demo.unindexed_ids = unindexed_ids;
  demo.visit_ids = visit_ids;
  demo.password_hash = password_hash;

  /* A server's round trips: rows nobody reads back go in batches. */
  if (jd_db_get_engine_kind (db) != JD_DB_ENGINE_SQLITE)
    {
      consents = jd_demo_batch_new ("INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                                    " guardian_name, guardian_phone, created_at, updated_at)"
                                    " SELECT v, '2026-1', d, b, g, p, t, t FROM unnest ("
                                    "CAST (?1 AS bigint[]), CAST (?2 AS text[]), CAST (?3 AS text[]),"
                                    " CAST (?4 AS text[]), CAST (?5 AS text[]), CAST (?6 AS bigint[]))"
                                    " AS u (v, d, b, g, p, t)",
                                    6);
      visits = jd_demo_batch_new ("INSERT INTO visit (id, visitor_id, time_in, time_out, centre_code, occupation,"
                                  " staff_id, created_at, updated_at, sex, age, district_id)"
                                  " SELECT i, v, t, o, 'DEMO', oc, st, t, t, x, a, d FROM unnest ("
                                  "CAST (?1 AS bigint[]), CAST (?2 AS bigint[]), CAST (?3 AS bigint[]),"
                                  " CAST (?4 AS bigint[]), CAST (?5 AS text[]), CAST (?6 AS bigint[]),"
                                  " CAST (?7 AS text[]), CAST (?8 AS int[]), CAST (?9 AS bigint[]))"
                                  " AS u (i, v, t, o, oc, st, x, a, d)",
                                  9);
      consultations = jd_demo_batch_new ("INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, visit_id,"
                                         " service, topic, started_at, duration_min, format, summary, outcome,"
                                         " referral, follow_up_on, placement_employer, placement_kind,"
                                         " placement_start, created_at, updated_at, specialist_id, private_note,"
                                         " created_by, updated_by)"
                                         " SELECT v, sx, ab, vi, sv, tp, t, du, f, 'Demo', oc, rf, fu, em, k,"
                                         " ps, t, t, sp, n, sp, sp FROM unnest ("
                                         "CAST (?1 AS bigint[]), CAST (?2 AS text[]), CAST (?3 AS text[]),"
                                         " CAST (?4 AS bigint[]), CAST (?5 AS text[]), CAST (?6 AS text[]),"
                                         " CAST (?7 AS bigint[]), CAST (?8 AS int[]), CAST (?9 AS text[]),"
                                         " CAST (?10 AS text[]), CAST (?11 AS text[]), CAST (?12 AS text[]),"
                                         " CAST (?13 AS text[]), CAST (?14 AS text[]), CAST (?15 AS text[]),"
                                         " CAST (?16 AS bigint[]), CAST (?17 AS text[]))"
                                         " AS u (v, sx, ab, vi, sv, tp, t, du, f, oc, rf, fu, em, k, ps, sp, n)",
                                         17);
      purposes = jd_demo_batch_new ("INSERT INTO visit_purpose (visit_id, purpose, created_at, updated_at)"
                                    " SELECT v, p, t, t FROM unnest ("
                                    "CAST (?1 AS bigint[]), CAST (?2 AS text[]), CAST (?3 AS bigint[]))"
                                    " AS u (v, p, t) ON CONFLICT DO NOTHING",
                                    3);
      demo.consents = consents;
      demo.visits = visits;
      demo.purposes = purposes;
      demo.consultations = consultations;
    }

  /* A server keeps its own journal and memory (none of the file's
   * PRAGMAs below). */
  if (jd_db_get_engine_kind (db) != JD_DB_ENGINE_SQLITE)
    return generate (&demo, n_visitors, progress, user_data, error);

  /* A new file: if the machine stops midway, it is thrown away, so the
   * writes need not reach the disk one by one. */
  if (!query_int (db, "PRAGMA synchronous", &synchronous, error) ||
      !query_int (db, "PRAGMA cache_size", &cache_size, error) ||
      !jd_db_exec (db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;", error))
    return FALSE;

  /* Alone with the file, it goes without the write-ahead log while it
   * is filled: a transaction of gigabytes in the log is written twice
   * (the log, then the checkpoint) and every page read from it is
   * looked up through an index of the log that grows with it. A new,
   * empty file keeps next to nothing in the rollback journal, so it is
   * still all or nothing. With another connection open the mode stays
   * (the switch needs the file to itself). */
  rollback_mode = set_journal_mode (db, "delete");

  ok = generate (&demo, n_visitors, progress, user_data, error);

  /* Should this fail, the next jd_db_open () turns the log on again. */
  if (rollback_mode)
    set_journal_mode (db, "wal");

  restore = g_strdup_printf ("PRAGMA synchronous = %" G_GINT64_FORMAT ";"
                             " PRAGMA cache_size = %" G_GINT64_FORMAT ";"
                             " PRAGMA wal_checkpoint(TRUNCATE);",
                             synchronous, cache_size);
  if (!jd_db_exec (db, restore, ok ? error : NULL))
    ok = FALSE;

  return ok;
}
