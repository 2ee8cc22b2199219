/* jd-stats.c: the centre's figures for a period (dashboard, reports)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month of a million-visitor centre is about 250,000 visits. They are
 * read once, in time order, from the covering index visit_stats (visitor,
 * occupation, age, sex and district as recorded for the visit), and
 * counted here: SQLite's count(DISTINCT) or a join to the visitors would
 * take several times longer. Whole calendar months (the dashboard's
 * month and the one before it) need no visit at all: their visits, NEET
 * and unique people come from month_total and visitor_month (schema
 * v12), the charts from the hourly summary.
 */
#define G_LOG_DOMAIN "jd-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-validate.h"

/* Translated: visits of people outside 14–35 on the day (aged out,
 * or imported with an edge birth date). */
const char *
jd_stats_other_ages_label (void)
{
  return C_("age-band", "Other ages");
}

static void
stats_count_free (JdStatsCount *count)
{
  g_free (count->code);
  g_free (count);
}

void
jd_stats_free (JdStats *stats)
{
  if (stats == NULL)
    return;

  g_free (stats->from_day);
  g_free (stats->to_day);
  g_clear_pointer (&stats->consultations_by_service, g_ptr_array_unref);
  g_clear_pointer (&stats->referrals_by_target, g_ptr_array_unref);
  g_clear_pointer (&stats->visits_by_district, g_ptr_array_unref);
  g_free (stats->visits_per_day);
  g_free (stats);
}

static gboolean
parse_day (const char *iso,
           GDate      *date)
{
  return iso != NULL && strlen (iso) == 10 && jd_date_parse (iso, date);
}

void
jd_stats_previous_period (const char  *from_day,
                          const char  *to_day,
                          char       **prev_from,
                          char       **prev_to)
{
  GDate from, to, before;
  int days;

  g_return_if_fail (parse_day (from_day, &from) && parse_day (to_day, &to));

  days = g_date_days_between (&from, &to);
  before = from;
  /* Whole months (a month, a quarter, a year) step back by months, so
   * that February is compared with January, not with 28 days. */
  if (g_date_get_day (&from) == 1 && g_date_get_day (&to) == 1 && days > 27)
    {
      int months = (g_date_get_year (&to) - g_date_get_year (&from)) * 12 +
                   (int) g_date_get_month (&to) - (int) g_date_get_month (&from);

      g_date_subtract_months (&before, (guint) months);
    }
  else
    g_date_subtract_days (&before, (guint) days);

  *prev_from = jd_date_to_iso (&before);
  *prev_to = g_strdup (from_day);
}

static gint
most_first (gconstpointer a,
            gconstpointer b)
{
  const JdStatsCount *ca = *(JdStatsCount **) a;
  const JdStatsCount *cb = *(JdStatsCount **) b;

  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  return g_strcmp0 (ca->code, cb->code);
}

/* Adds @n to @code's count in @counts (a short list: services, places
 * of referral). */
static void
add_count (GPtrArray  *counts,
           const char *code,
           guint       n)
{
  JdStatsCount *count;

  for (guint i = 0; i < counts->len; i++)
    {
      count = counts->pdata[i];
      if (g_str_equal (count->code, code))
        {
          count->count += n;
          return;
        }
    }
  count = g_new0 (JdStatsCount, 1);
  count->code = g_strdup (code);
  count->count = n;
  g_ptr_array_add (counts, count);
}

/* The consultations of the period in one pass over their covering index:
 * the total, referrals, and both by kind. */
static gboolean
count_consultations (JdDb     *db,
                     JdStats  *stats,
                     gint64    from,
                     gint64    to,
                     GError  **error)
{
  JdStmt *stmt = jd_db_prepare (db,
                                /* Counted here: GROUP BY sorts every row
                                 * first, five times slower than the scan. */
                                "SELECT service, referral"
                                " FROM consultation INDEXED BY consultation_stats"
                                " WHERE started_at >= ?1 AND started_at < ?2",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  stats->consultations_by_service = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_count_free);
  stats->referrals_by_target = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_count_free);
  jd_stmt_bind_int64 (stmt, 1, from);
  jd_stmt_bind_int64 (stmt, 2, to);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      const char *service = jd_stmt_column_text (stmt, 0);
      const char *referral = jd_stmt_column_text (stmt, 1);
      stats->consultations++;
      if (service != NULL)
        add_count (stats->consultations_by_service, service, 1);
      if (referral != NULL)
        {
          stats->referrals++;
          add_count (stats->referrals_by_target, referral, 1);
        }
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  g_ptr_array_sort (stats->consultations_by_service, most_first);
  g_ptr_array_sort (stats->referrals_by_target, most_first);
  return TRUE;
}

/* The overdue follow-ups on @today (ISO). */
static gboolean
count_overdue (JdDb        *db,
               const char  *today,
               guint       *out,
               GError     **error)
{
  JdStmt *stmt = jd_db_prepare (db, "SELECT count(*) FROM consultation WHERE follow_up_on < ?1"
                                    " AND follow_up_done_at IS NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text (stmt, 1, today);
  rc = jd_stmt_step (stmt);
  *out = rc == JD_STEP_ROW ? (guint) jd_stmt_column_int64 (stmt, 0) : 0;
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static int
band_of (int age)
{
  if (age < 14 || age > 35)
    return JD_STATS_OTHER_AGES;
  return age < 18 ? 0 : age < 25 ? 1 : age < 30 ? 2 : 3;
}

/* A set of visitor ids as one bit each: a million visitors take 125 KB,
 * and adding is cheaper than any hashing. */
typedef struct
{
  guint8 *bits;
  gsize   n_bytes;
  guint   n_set;
} IdSet;

static void
id_set_add (IdSet  *set,
            gint64  id)
{
  gsize byte = (gsize) id >> 3;
  guint8 bit = (guint8) (1u << (id & 7));

  if (G_UNLIKELY (byte >= set->n_bytes))
    {
      gsize n_bytes = MAX (byte + 1, set->n_bytes * 2);

      set->bits = g_realloc (set->bits, n_bytes);
      memset (set->bits + set->n_bytes, 0, n_bytes - set->n_bytes);
      set->n_bytes = n_bytes;
    }
  if (!(set->bits[byte] & bit))
    {
      set->bits[byte] |= bit;
      set->n_set++;
    }
}

/* Participants of the events that began in the period, in one pass:
 * every attendance (a head count counts its heads) and the named people
 * once each. */
static gboolean
count_participants (JdDb     *db,
                    JdStats  *stats,
                    gint64    from,
                    gint64    to,
                    GError  **error)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT a.visitor_id, a.head_count FROM event e"
                                " JOIN attendance a ON a.event_id = e.id"
                                " WHERE e.starts_at >= ?1 AND e.starts_at < ?2",
                                error);
  IdSet people = { NULL, 0, 0 };
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, from);
  jd_stmt_bind_int64 (stmt, 2, to);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      stats->participants += (guint) jd_stmt_column_int64 (stmt, 1);
      if (!jd_stmt_column_is_null (stmt, 0))
        id_set_add (&people, jd_stmt_column_int64 (stmt, 0));
    }
  jd_stmt_reset (stmt);
  stats->participants_unique = people.n_set;
  g_free (people.bits);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* NEET: "unemployed_seeking" or "not_seeking" (and not "university"). */
static inline gboolean
is_neet_code (const char *code)
{
  return code != NULL &&
         ((code[0] == 'n' && code[1] == 'o') || (code[0] == 'u' && code[1] == 'n' && code[2] == 'e'));
}

/* District ids are small (the seeded list and what a centre adds). */
#define MAX_DISTRICT_ID 4096

/* The visits of the period, counted in one pass over the index. */
/* The charts from the hourly summary (schema v6): visits per day and
 * hour, by age band and sex, by district. */
static gboolean
count_summary (JdDb          *db,
               JdStats       *stats,
               const gint64  *day_starts,
               int            first_weekday,
               guint         *districts,
               GError       **error)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT hour, kind, key, n FROM visit_summary"
                                " WHERE hour >= ?1 AND hour < ?2 AND n <> 0 ORDER BY hour",
                                error);
  guint day = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, day_starts[0]);
  jd_stmt_bind_int64 (stmt, 2, day_starts[stats->n_days]);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 hour = jd_stmt_column_int64 (stmt, 0);
      int key = jd_stmt_column_int (stmt, 2);
      guint n = (guint) jd_stmt_column_int64 (stmt, 3);

      /* Rows come in hour order (the primary key). */
      while (day + 1 < stats->n_days && hour >= day_starts[day + 1])
        day++;
      switch (jd_stmt_column_int (stmt, 1))
        {
        case 0:
          stats->visits_per_day[day] += n;
          stats->busy_hours[(first_weekday + day) % 7][CLAMP ((hour - day_starts[day]) / 3600, 0, 23)] += n;
          break;
        case 1:
          /* Key band * 3 + sex (schema v8). */
          if (key >= 0 && key < (JD_STATS_N_AGE_BANDS + 1) * (JD_STATS_N_SEXES + 1))
            stats->visits_by_age_sex[key / (JD_STATS_N_SEXES + 1)][key % (JD_STATS_N_SEXES + 1)] += n;
          else
            stats->visits_by_age_sex[JD_STATS_OTHER_AGES][JD_STATS_SEX_UNKNOWN] += n;
          break;
        case 2:
          districts[CLAMP (key, 0, MAX_DISTRICT_ID)] += n;
          break;
        default:
          break;
        }
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Whether every day of the period starts on a whole hour of Unix time,
 * as the summary's hours do. */
static gboolean
days_on_whole_hours (const gint64 *day_starts,
                     guint         n_days)
{
  for (guint i = 0; i <= n_days; i++)
    if (day_starts[i] % 3600 != 0)
      return FALSE;
  return TRUE;
}

/* The period as the centre's calendar months YYYYmm, first to end
 * (not included), when it is whole months: from a 1st to a later 1st. */
static gboolean
whole_months (const char *from_day,
              const char *to_day,
              gint64     *first,
              gint64     *end)
{
  GDate from, to;

  if (!parse_day (from_day, &from) || !parse_day (to_day, &to) ||
      g_date_get_day (&from) != 1 || g_date_get_day (&to) != 1)
    return FALSE;
  *first = g_date_get_year (&from) * 100 + (gint64) g_date_get_month (&from);
  *end = g_date_get_year (&to) * 100 + (gint64) g_date_get_month (&to);
  return *first < *end;
}

/* Visits, NEET visits and their unique people of whole months (schema
 * v12): one month is its row of month_total, several months are read
 * from visitor_month (one row per person and month) through a set of
 * ids, as one person may have rows in each. The figures are the scan's. */
static gboolean
count_months (JdDb          *db,
              JdStats       *stats,
              gint64         first,
              gint64         end,
              GCancellable  *cancellable,
              GError       **error)
{
  gboolean one = end == first + 1;
  JdStmt *stmt = jd_db_prepare (db,
                                one ?
                                "SELECT visitors, visits, neet_visits, neet_visitors FROM month_total"
                                " WHERE month >= ?1 AND month < ?2" :
                                "SELECT visitor_id, visits, neet_visits FROM visitor_month"
                                " WHERE month >= ?1 AND month < ?2",
                                error);
  IdSet visitors = { NULL, 0, 0 }, neet = { NULL, 0, 0 };
  guint n_rows = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, first);
  jd_stmt_bind_int64 (stmt, 2, end);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      if (one)
        {
          stats->unique_visitors = (guint) jd_stmt_column_int64 (stmt, 0);
          stats->visits = (guint) jd_stmt_column_int64 (stmt, 1);
          stats->neet_visits = (guint) jd_stmt_column_int64 (stmt, 2);
          stats->neet_visitors = (guint) jd_stmt_column_int64 (stmt, 3);
          continue;
        }
      if ((++n_rows & 0xFFFF) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          jd_stmt_reset (stmt);
          g_free (visitors.bits);
          g_free (neet.bits);
          return FALSE;
        }
      id_set_add (&visitors, jd_stmt_column_int64 (stmt, 0));
      stats->visits += (guint) jd_stmt_column_int64 (stmt, 1);
      if (jd_stmt_column_int64 (stmt, 2) > 0)
        {
          stats->neet_visits += (guint) jd_stmt_column_int64 (stmt, 2);
          id_set_add (&neet, jd_stmt_column_int64 (stmt, 0));
        }
    }
  jd_stmt_reset (stmt);
  if (!one)
    {
      stats->unique_visitors = visitors.n_set;
      stats->neet_visitors = neet.n_set;
    }
  g_free (visitors.bits);
  g_free (neet.bits);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_visits (JdDb          *db,
              JdStats       *stats,
              const gint64  *day_starts,
              gboolean       charts,
              gboolean       use_summary,
              GCancellable  *cancellable,
              GError       **error)
{
  /* With the summary, only unique visitors and NEET need the visits. */
  gboolean scan_charts = charts && !use_summary;
  g_autofree guint *districts = charts ? g_new0 (guint, MAX_DISTRICT_ID + 1) : NULL;
  IdSet visitors = { NULL, 0, 0 }, neet = { NULL, 0, 0 };
  gint64 max_id = 0, month_first = 0, month_end = 0;
  GDate first;
  int first_weekday;
  guint day = 0;
  JdStmt *stmt;
  int rc;

  g_date_clear (&first, 1);
  jd_date_parse (stats->from_day, &first);
  first_weekday = (int) g_date_get_weekday (&first) - 1;   /* Monday 0 */

  /* Whole months: unique visitors and NEET from visitor_month, the
   * charts from the summary. */
  if (use_summary && whole_months (stats->from_day, stats->to_day, &month_first, &month_end))
    {
      if (!count_months (db, stats, month_first, month_end, cancellable, error))
        return FALSE;
      goto counted;
    }

  stmt = jd_db_prepare (db, "SELECT coalesce (max (id), 0) FROM visitor", error);
  if (stmt == NULL)
    return FALSE;
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    max_id = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  visitors.n_bytes = neet.n_bytes = (gsize) (max_id >> 3) + 1;
  visitors.bits = g_malloc0 (visitors.n_bytes);
  neet.bits = g_malloc0 (neet.n_bytes);

  /* Raw columns: SQL expressions per visit (IN, CASE) cost more than the
   * scan itself; the codes are told apart by a letter or two here. */
  stmt = jd_db_prepare (db,
                        scan_charts ?
                        "SELECT visitor_id, occupation, age, sex, district_id, time_in"
                        " FROM visit INDEXED BY visit_stats"
                        " WHERE time_in >= ?1 AND time_in < ?2 ORDER BY time_in" :
                        "SELECT visitor_id, occupation FROM visit INDEXED BY visit_stats"
                        " WHERE time_in >= ?1 AND time_in < ?2",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, day_starts[0]);
  jd_stmt_bind_int64 (stmt, 2, day_starts[stats->n_days]);

  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 visitor = jd_stmt_column_int64 (stmt, 0);

      stats->visits++;
      if ((stats->visits & 0xFFFF) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          jd_stmt_reset (stmt);
          goto fail;
        }

      id_set_add (&visitors, visitor);
      if (is_neet_code (jd_stmt_column_text (stmt, 1)))
        {
          stats->neet_visits++;
          id_set_add (&neet, visitor);
        }

      if (scan_charts)
        {
          int band = jd_stmt_column_is_null (stmt, 2) ? JD_STATS_OTHER_AGES
                                                                  : band_of (jd_stmt_column_int (stmt, 2));
          const char *sex_code = jd_stmt_column_text (stmt, 3);
          int sex = sex_code == NULL ? JD_STATS_SEX_UNKNOWN : sex_code[0] == 'f' ? 0
                    : sex_code[0] == 'm' ? 1 : JD_STATS_SEX_UNKNOWN;
          int district = jd_stmt_column_int (stmt, 4);
          gint64 time_in = jd_stmt_column_int64 (stmt, 5);
          int hour;

          while (day + 1 < stats->n_days && time_in >= day_starts[day + 1])
            day++;
          stats->visits_per_day[day]++;
          hour = (int) ((time_in - day_starts[day]) / 3600);
          stats->busy_hours[(first_weekday + day) % 7][CLAMP (hour, 0, 23)]++;

          stats->visits_by_age_sex[band][sex]++;

          districts[CLAMP (district, 0, MAX_DISTRICT_ID)]++;
        }
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }

  stats->unique_visitors = visitors.n_set;
  stats->neet_visitors = neet.n_set;
  g_free (visitors.bits);
  g_free (neet.bits);

counted:
  stats->neet_share = stats->unique_visitors ? (double) stats->neet_visitors / stats->unique_visitors : 0;

  if (!charts)
    return TRUE;
  if (use_summary && !count_summary (db, stats, day_starts, first_weekday, districts, error))
    return FALSE;

  stats->visits_by_district = g_ptr_array_new_with_free_func ((GDestroyNotify) stats_count_free);
  stmt = jd_db_prepare (db, "SELECT code FROM district WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (int id = 0; id <= MAX_DISTRICT_ID; id++)
    {
      JdStatsCount *count;

      if (districts[id] == 0)
        continue;
      count = g_new0 (JdStatsCount, 1);
      jd_stmt_bind_int (stmt, 1, id);
      if (jd_stmt_step (stmt) == JD_STEP_ROW)
        count->code = g_strdup (jd_stmt_column_text (stmt, 0));
      else
        count->code = g_strdup ("");
      jd_stmt_reset (stmt);
      count->count = districts[id];
      g_ptr_array_add (stats->visits_by_district, count);
    }
  g_ptr_array_sort (stats->visits_by_district, most_first);
  return TRUE;

fail:
  g_free (visitors.bits);
  g_free (neet.bits);
  return FALSE;
}

static gboolean
compute (JdDb          *db,
         JdStats       *stats,
         JdStatsFlags   flags,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autofree gint64 *day_starts = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gboolean charts = !(flags & JD_STATS_TILES_ONLY);
  gboolean own_transaction;
  GDate from, to;
  gint64 t_from, t_to;

  if (!parse_day (stats->from_day, &from) || !parse_day (stats->to_day, &to) ||
      g_date_compare (&from, &to) >= 0 || g_date_days_between (&from, &to) > 3700)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Choose a period whose first day comes before its last, "
                             "at most ten years long."));
      return FALSE;
    }

  /* The centre's midnights, one per day: days are not all 86,400 s
   * long where clocks change. */
  stats->n_days = (guint) g_date_days_between (&from, &to);
  day_starts = g_new (gint64, stats->n_days + 1);
  for (guint i = 0; i <= stats->n_days; i++)
    {
      GDate d = from;

      g_date_add_days (&d, i);
      day_starts[i] = jd_db_day_start (db, &d);
    }
  t_from = day_starts[0];
  t_to = day_starts[stats->n_days];
  if (charts)
    stats->visits_per_day = g_new0 (guint, stats->n_days);

  /* One snapshot for every figure (the caller's, when it has one). */
  own_transaction = !jd_db_in_transaction (db);
  if (own_transaction && !jd_db_exec (db, "BEGIN", error))
    return FALSE;

  if (!count_visits (db, stats, day_starts, charts,
                     !(flags & JD_STATS_SCAN_VISITS) && days_on_whole_hours (day_starts, stats->n_days),
                     cancellable, error) ||
      !jd_db_count_between (db, "SELECT count(*) FROM visitor WHERE created_at >= ?1 AND created_at < ?2",
                            t_from, t_to, &stats->new_registrations, error) ||
      !count_consultations (db, stats, t_from, t_to, error) ||
      /* Held: planned events later in the period are not, yet. */
      !jd_db_count_between (db, "SELECT count(*) FROM event WHERE starts_at >= ?1 AND starts_at < ?2",
                            t_from, MIN (t_to, jd_db_now () + 1), &stats->events, error) ||
      !count_participants (db, stats, t_from, t_to, error) ||
      (!(flags & JD_STATS_PERIOD_ONLY) &&
       !count_overdue (db, today, &stats->follow_ups_overdue, error)))
    goto fail;

  stats->neet_placed = jd_consultation_count_neet_placed (db, stats->from_day, stats->to_day, error);
  if (error != NULL && *error != NULL)
    goto fail;

  if (own_transaction)
    jd_db_exec (db, "COMMIT", NULL);
  return TRUE;

fail:
  if (own_transaction)
    jd_db_exec (db, "ROLLBACK", NULL);
  return FALSE;
}

/**
 * jd_stats_compute:
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
JdStats *
jd_stats_compute (JdDb          *db,
                  const char    *from_day,
                  const char    *to_day,
                  JdStatsFlags   flags,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(JdStats) stats = g_new0 (JdStats, 1);

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_VIEW_REPORTS, error))
    return NULL;

  stats->from_day = g_strdup (from_day);
  stats->to_day = g_strdup (to_day);
  if (!compute (db, stats, flags, cancellable, error))
    return NULL;
  return g_steal_pointer (&stats);
}

/* Off the main thread. */

typedef struct
{
  char         *db_path;
  char         *from_day;
  char         *to_day;
  JdStatsFlags  flags;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_free (data->db_path);
  g_free (data->from_day);
  g_free (data->to_day);
  g_free (data);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) reader = NULL;
  g_autoptr(JdStats) stats = g_new0 (JdStats, 1);

  reader = jd_db_open (data->db_path, JD_DB_OPEN_READ_ONLY, &error);
  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The caller's rights were checked on its own connection. */
  stats->from_day = g_strdup (data->from_day);
  stats->to_day = g_strdup (data->to_day);
  if (!compute (reader, stats, data->flags, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&stats), (GDestroyNotify) jd_stats_free);
}

void
jd_stats_compute_async (const char          *db_path,
                        JdDb                *db,
                        const char          *from_day,
                        const char          *to_day,
                        JdStatsFlags         flags,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  ComputeData *data;

  g_task_set_source_tag (task, jd_stats_compute_async);

  if (!jd_access_check (db, JD_PERM_VIEW_REPORTS, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (ComputeData, 1);
  data->db_path = g_strdup (db_path);
  data->from_day = g_strdup (from_day);
  data->to_day = g_strdup (to_day);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  g_task_run_in_thread (task, compute_thread);
}

JdStats *
jd_stats_compute_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
