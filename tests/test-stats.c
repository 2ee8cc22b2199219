/* test-stats.c: the dashboard's figures against hand-counted values and
 * against independent SQL on demo data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-privacy.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"

#include "db-helpers.h"
#include "engine-helpers.h"
#include "visitor-helpers.h"

static char *tmp_dir;

/* Local time in Almaty (UTC+5, no daylight saving). */
static gint64
at (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GDateTime) dt = g_date_time_new (jd_db_get_time_zone (NULL), year, month, day, hour, minute, second);

  return g_date_time_to_unix (dt);
}

static void
exec (JdDb       *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static gint64
add_visitor (JdDb       *db,
             const char *surname,
             const char *birth,
             JdSex       sex,
             const char *district,
             const char *occupation,
             gint64      registered)
{
  g_autofree char *sql = NULL;
  gint64 id = test_add_visitor (db, &(TestVisitor) {
    .surname = surname, .birth_date = birth, .sex = sex, .district_code = district,
    .locality = g_str_equal (district, "other") ? "Қаскелең" : NULL, .occupation = occupation });

  sql = g_strdup_printf ("UPDATE visitor SET created_at = %" G_GINT64_FORMAT " WHERE id = %"
                         G_GINT64_FORMAT, registered, id);
  exec (db, sql);
  return id;
}

static void
visit (JdDb   *db,
       gint64  visitor,
       gint64  when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jd_visit_check_in (db, visitor, (const char *[]) { "leisure", NULL }, when, &error),
                   >, 0);
  g_assert_no_error (error);
}

static void
consult (JdDb       *db,
         gint64      visitor,
         const char *service,
         gint64      when,
         const char *referral,
         const char *placement_start)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO consultation (visitor_id, service, started_at, duration_min,"
                         " outcome, referral, placement_employer, placement_kind, placement_start,"
                         " created_at, updated_at) VALUES (%" G_GINT64_FORMAT ", '%s', %" G_GINT64_FORMAT
                         ", 30, '%s', %s%s%s, %s, %s, %s%s%s, 1, 1)",
                         visitor, service, when, referral ? "referred" : "resolved",
                         referral ? "'" : "", referral ? referral : "NULL", referral ? "'" : "",
                         placement_start ? "'ТОО'" : "NULL", placement_start ? "'permanent'" : "NULL",
                         placement_start ? "'" : "", placement_start ? placement_start : "NULL",
                         placement_start ? "'" : "");
  exec (db, sql);
}

static JdDb *
open_new (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_location_new_in (tmp_dir, name);
  JdDb *db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  jd_db_act_as_system (db);
  return db;
}

static JdStats *
compute (JdDb       *db,
         const char *from,
         const char *to)
{
  g_autoptr(GError) error = NULL;
  JdStats *stats = jd_stats_compute (db, from, to, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stats);
  return stats;
}

static guint
count_of (GPtrArray  *counts,
          const char *code)
{
  for (guint i = 0; i < counts->len; i++)
    {
      JdStatsCount *count = counts->pdata[i];

      if (g_str_equal (count->code, code))
        return count->count;
    }
  return 0;
}

/* A small centre in June 2026, every figure counted by hand. */
static void
test_hand_counted (void)
{
  g_autoptr(JdDb) db = open_new ("hand.db");
  g_autoptr(JdStats) june = NULL;
  g_autoptr(JdStats) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = NULL;
  g_autofree char *sql = NULL;
  gint64 aigerim, bolat, saule;
  guint total_per_day = 0;

  /* Aigerim turns 18 on 15 June; NEET; Medeu. Registered 10 June. */
  aigerim = add_visitor (db, "Ахметова", "2008-06-15", JD_SEX_FEMALE, "almaty-medeu", "not_seeking",
                         at (2026, 6, 10, 10, 0, 0));
  /* Bolat, 26, works; Auezov; registered last year. */
  bolat = add_visitor (db, "Беков", "2000-01-10", JD_SEX_MALE, "almaty-auezov", "employed",
                       at (2025, 3, 1, 12, 0, 0));
  /* Saule, 31, looking for work; from outside the city. Registered 15 June. */
  saule = add_visitor (db, "Сәрсенова", "1995-03-03", JD_SEX_FEMALE, "other", "unemployed_seeking",
                       at (2026, 6, 15, 8, 0, 0));

  visit (db, aigerim, at (2026, 6, 10, 10, 15, 0));   /* 17: 14–17 */
  visit (db, aigerim, at (2026, 6, 20, 14, 30, 0));   /* 18: 18–24 */
  visit (db, bolat, at (2026, 5, 31, 23, 59, 30));    /* May: not counted */
  visit (db, bolat, at (2026, 6, 1, 0, 0, 10));       /* the first seconds of June */
  visit (db, bolat, at (2026, 6, 30, 23, 59, 59));    /* the last second of June */
  visit (db, bolat, at (2026, 7, 1, 0, 0, 0));        /* July */
  visit (db, saule, at (2026, 6, 15, 9, 0, 0));

  consult (db, aigerim, "psychological", at (2026, 6, 10, 11, 0, 0), NULL, NULL);
  consult (db, saule, "employment", at (2026, 6, 15, 9, 30, 0), NULL, "2026-06-22");
  consult (db, bolat, "employment", at (2026, 6, 30, 12, 0, 0), "enbek", NULL);
  consult (db, bolat, "legal", at (2026, 5, 20, 12, 0, 0), "other", NULL);

  exec (db, "INSERT INTO event (title, kind, starts_at, ends_at, created_at, updated_at)"
            " VALUES ('Лекция', 'lecture', 1781600000, 1781607200, 1, 1),"
            "        ('Турнир', 'tournament', 1783000000, 1783007200, 1, 1)");
  sql = g_strdup_printf ("INSERT INTO attendance (event_id, visitor_id, head_count, checked_in_at,"
                         " created_at, updated_at) VALUES (1, %" G_GINT64_FORMAT ", 1, 1, 1, 1),"
                         " (1, %" G_GINT64_FORMAT ", 1, 1, 1, 1), (1, NULL, 5, 1, 1, 1),"
                         " (2, NULL, 9, 1, 1, 1)", aigerim, saule);
  exec (db, sql);

  /* One follow-up overdue since yesterday, one due today (not overdue),
   * one overdue but done. */
  {
    g_autoptr(GDateTime) now = jd_db_now_local (NULL);
    g_autoptr(GDateTime) before = g_date_time_add_days (now, -1);
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

    yesterday = g_date_time_format (before, "%Y-%m-%d");
    g_free (sql);
    sql = g_strdup_printf ("INSERT INTO consultation (visitor_id, service, started_at, duration_min,"
                           " outcome, follow_up_on, follow_up_done_at, created_at, updated_at) VALUES"
                           " (%1$" G_GINT64_FORMAT ", 'legal', 1, 30, 'follow_up', '%2$s', NULL, 1, 1),"
                           " (%1$" G_GINT64_FORMAT ", 'legal', 1, 30, 'follow_up', '%3$s', NULL, 1, 1),"
                           " (%1$" G_GINT64_FORMAT ", 'legal', 1, 30, 'follow_up', '%2$s', 5, 1, 1)",
                           bolat, yesterday, today);
    exec (db, sql);
  }

  june = compute (db, "2026-06-01", "2026-07-01");
  g_assert_cmpuint (june->n_days, ==, 30);
  g_assert_cmpuint (june->visits, ==, 5);
  g_assert_cmpuint (june->unique_visitors, ==, 3);
  g_assert_cmpuint (june->new_registrations, ==, 2);
  g_assert_cmpuint (june->neet_visits, ==, 3);
  g_assert_cmpuint (june->neet_visitors, ==, 2);
  g_assert_cmpfloat_with_epsilon (june->neet_share, 2.0 / 3.0, 1e-9);
  g_assert_cmpuint (june->neet_placed, ==, 1);
  g_assert_cmpuint (june->consultations, ==, 3);
  g_assert_cmpuint (june->referrals, ==, 1);
  g_assert_cmpuint (june->events, ==, 1);
  g_assert_cmpuint (june->participants, ==, 7);
  g_assert_cmpuint (june->follow_ups_overdue, ==, 1);

  g_assert_cmpuint (june->consultations_by_service->len, ==, 2);
  g_assert_cmpstr (((JdStatsCount *) june->consultations_by_service->pdata[0])->code, ==, "employment");
  g_assert_cmpuint (count_of (june->consultations_by_service, "employment"), ==, 2);
  g_assert_cmpuint (count_of (june->consultations_by_service, "psychological"), ==, 1);
  g_assert_cmpuint (count_of (june->referrals_by_target, "enbek"), ==, 1);

  /* Per day: 1, 10, 15, 20 and 30 June. */
  for (guint i = 0; i < june->n_days; i++)
    {
      guint expected = (i == 0 || i == 9 || i == 14 || i == 19 || i == 29) ? 1 : 0;

      g_assert_cmpuint (june->visits_per_day[i], ==, expected);
      total_per_day += june->visits_per_day[i];
    }
  g_assert_cmpuint (total_per_day, ==, june->visits);

  /* Age on the visit day: Aigerim 17 then 18. */
  g_assert_cmpuint (june->visits_by_age_sex[0][0], ==, 1);
  g_assert_cmpuint (june->visits_by_age_sex[1][0], ==, 1);
  g_assert_cmpuint (june->visits_by_age_sex[2][1], ==, 2);
  g_assert_cmpuint (june->visits_by_age_sex[3][0], ==, 1);
  g_assert_cmpuint (june->visits_by_age_sex[0][1] + june->visits_by_age_sex[1][1] +
                    june->visits_by_age_sex[3][1] + june->visits_by_age_sex[2][0], ==, 0);
  for (guint s = 0; s <= JD_STATS_SEX_UNKNOWN; s++)
    g_assert_cmpuint (june->visits_by_age_sex[JD_STATS_OTHER_AGES][s], ==, 0);

  g_assert_cmpuint (count_of (june->visits_by_district, "almaty-medeu"), ==, 2);
  g_assert_cmpuint (count_of (june->visits_by_district, "almaty-auezov"), ==, 2);
  g_assert_cmpuint (count_of (june->visits_by_district, "other"), ==, 1);

  /* Monday 1 June 00:xx, Wednesday 10:xx, Monday 15 June 09:xx,
   * Saturday 14:xx, Tuesday 30 June 23:xx. */
  g_assert_cmpuint (june->busy_hours[0][0], ==, 1);
  g_assert_cmpuint (june->busy_hours[2][10], ==, 1);
  g_assert_cmpuint (june->busy_hours[0][9], ==, 1);
  g_assert_cmpuint (june->busy_hours[5][14], ==, 1);
  g_assert_cmpuint (june->busy_hours[1][23], ==, 1);

  /* A correction of the date of birth corrects the ages of past visits. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE visitor SET birth_date = '2008-06-01' WHERE id = %" G_GINT64_FORMAT,
                         aigerim);
  exec (db, sql);
  g_clear_pointer (&june, jd_stats_free);
  june = compute (db, "2026-06-01", "2026-07-01");
  g_assert_cmpuint (june->visits_by_age_sex[0][0], ==, 0);
  g_assert_cmpuint (june->visits_by_age_sex[1][0], ==, 2);

  /* NEET as recorded at the visit: Saule found a job afterwards. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE visitor SET occupation = 'employed' WHERE id = %" G_GINT64_FORMAT, saule);
  exec (db, sql);
  g_clear_pointer (&june, jd_stats_free);
  june = compute (db, "2026-06-01", "2026-07-01");
  g_assert_cmpuint (june->neet_visitors, ==, 2);

  /* An empty period. */
  empty = compute (db, "2020-01-01", "2020-01-08");
  g_assert_cmpuint (empty->visits, ==, 0);
  g_assert_cmpuint (empty->unique_visitors, ==, 0);
  g_assert_cmpfloat (empty->neet_share, ==, 0.0);
  g_assert_cmpuint (empty->visits_by_district->len, ==, 0);
  g_assert_cmpuint (empty->consultations_by_service->len, ==, 0);

  /* Nonsense periods. */
  g_assert_null (jd_stats_compute (db, "2026-07-01", "2026-06-01", 0, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (jd_stats_compute (db, "2026-06-31", "2026-07-01", 0, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
}

static void
test_previous_period (void)
{
  static const char *const cases[][4] = {
    /* period                       the one before */
    { "2026-03-01", "2026-04-01", "2026-02-01", "2026-03-01" },   /* March → February */
    { "2026-01-01", "2026-04-01", "2025-10-01", "2026-01-01" },   /* a quarter */
    { "2026-01-01", "2027-01-01", "2025-01-01", "2026-01-01" },   /* a year */
    { "2026-11-23", "2026-11-30", "2026-11-16", "2026-11-23" },   /* a week */
    { "2026-11-24", "2026-11-25", "2026-11-23", "2026-11-24" },   /* a day */
    { "2026-03-10", "2026-03-20", "2026-02-28", "2026-03-10" },   /* ten days */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      jd_stats_previous_period (cases[i][0], cases[i][1], &from, &to);
      g_assert_cmpstr (from, ==, cases[i][2]);
      g_assert_cmpstr (to, ==, cases[i][3]);
    }
}

static gint64
sql_int (JdDb       *db,
         const char *sql)
{
  JdStmt *stmt = jd_db_prepare (db, sql, NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

/* Demo data: every figure against plain SQL that joins the visitors
 * and computes ages from birth dates, not from what visits carry. */
static void
test_against_sql (void)
{
  g_autoptr(JdDb) db = open_new ("demo.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStats) stats = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) month_ago = g_date_time_add_days (now, -30);
  g_autofree char *from = g_date_time_format (month_ago, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *range = NULL;
  g_autofree char *sql = NULL;
  guint bands[4][2] = { { 0 } };
  JdStmt *stmt;

  g_assert_true (jd_demo_generate (db, 3000, 11, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  stats = compute (db, from, to);
  g_assert_cmpuint (stats->visits, >, 100);

  /* (strftime () gives text: cast, as PostgreSQL compares no bigint with it) */
  range = g_strdup_printf ("v.time_in >= CAST (strftime ('%%s', '%s', 'utc') AS INTEGER)"
                           " AND v.time_in < CAST (strftime ('%%s', '%s', 'utc') AS INTEGER)",
                           from, to);
#define CHECK(expected, ...) \
  G_STMT_START { \
    g_free (sql); \
    sql = g_strdup_printf (__VA_ARGS__); \
    g_assert_cmpint ((gint64) (expected), ==, sql_int (db, sql)); \
  } G_STMT_END
  CHECK (stats->visits, "SELECT count(*) FROM visit v WHERE %s", range);
  CHECK (stats->unique_visitors, "SELECT count(DISTINCT visitor_id) FROM visit v WHERE %s", range);
  CHECK (stats->neet_visits, "SELECT count(*) FROM visit v WHERE %s AND occupation IN"
                             " ('unemployed_seeking', 'not_seeking')", range);
  CHECK (stats->neet_visitors, "SELECT count(DISTINCT visitor_id) FROM visit v WHERE %s AND occupation"
                               " IN ('unemployed_seeking', 'not_seeking')", range);
  CHECK (stats->consultations, "SELECT count(*) FROM consultation c WHERE c.started_at >= CAST (strftime"
                               " ('%%s', '%s', 'utc') AS INTEGER) AND c.started_at <"
                               " CAST (strftime ('%%s', '%s', 'utc') AS INTEGER)",
                               from, to);
  CHECK (stats->new_registrations, "SELECT count(*) FROM visitor WHERE created_at >= CAST (strftime"
                                   " ('%%s', '%s', 'utc') AS INTEGER) AND created_at <"
                                   " CAST (strftime ('%%s', '%s', 'utc') AS INTEGER)",
                                   from, to);
  CHECK (stats->neet_placed, "SELECT count(DISTINCT c.visitor_id) FROM consultation c"
                             " WHERE c.placement_start >= '%s' AND c.placement_start < '%s'"
                             " AND (SELECT occupation FROM visit WHERE visitor_id = c.visitor_id"
                             "  AND time_in <= c.started_at ORDER BY time_in DESC LIMIT 1)"
                             "  IN ('unemployed_seeking', 'not_seeking')", from, to);
#undef CHECK

  /* Ages from the birth dates, in C. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT p.birth_date, p.sex, v.time_in FROM visit v JOIN visitor p"
                         " ON p.id = v.visitor_id WHERE %s", range);
  stmt = jd_db_prepare (db, sql, NULL);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      GDate birth, day;
      g_autoptr(GDateTime) t = jd_db_local_time (NULL, jd_stmt_column_int64 (stmt, 2));
      int age, band;

      g_date_clear (&birth, 1);
      g_date_clear (&day, 1);
      g_assert_true (jd_date_parse (jd_stmt_column_text (stmt, 0), &birth));
      g_date_set_dmy (&day, g_date_time_get_day_of_month (t), g_date_time_get_month (t),
                      g_date_time_get_year (t));
      age = g_date_get_year (&day) - g_date_get_year (&birth);
      if (g_date_get_month (&day) < g_date_get_month (&birth) ||
          (g_date_get_month (&day) == g_date_get_month (&birth) &&
           g_date_get_day (&day) < g_date_get_day (&birth)))
        age--;
      band = age < 18 ? 0 : age < 25 ? 1 : age < 30 ? 2 : 3;
      bands[band][g_str_equal (jd_stmt_column_text (stmt, 1), "male")]++;
    }
  jd_stmt_reset (stmt);
  for (guint b = 0; b < 4; b++)
    for (guint s = 0; s < 2; s++)
      g_assert_cmpuint (stats->visits_by_age_sex[b][s], ==, bands[b][s]);
}

/* The charts from the hourly summary equal the charts from every visit. */
static void
assert_summary_matches_scan (JdDb       *db,
                             const char *from,
                             const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStats) summary = jd_stats_compute (db, from, to, 0, NULL, &error);
  g_autoptr(JdStats) scan = jd_stats_compute (db, from, to, JD_STATS_SCAN_VISITS, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (summary->visits, ==, scan->visits);
  g_assert_cmpuint (summary->n_days, ==, scan->n_days);
  for (guint d = 0; d < summary->n_days; d++)
    g_assert_cmpuint (summary->visits_per_day[d], ==, scan->visits_per_day[d]);
  for (guint w = 0; w < 7; w++)
    for (guint h = 0; h < 24; h++)
      g_assert_cmpuint (summary->busy_hours[w][h], ==, scan->busy_hours[w][h]);
  for (guint b = 0; b <= JD_STATS_OTHER_AGES; b++)
    for (guint x = 0; x <= JD_STATS_SEX_UNKNOWN; x++)
      g_assert_cmpuint (summary->visits_by_age_sex[b][x], ==, scan->visits_by_age_sex[b][x]);
  g_assert_cmpuint (summary->visits_by_district->len, ==, scan->visits_by_district->len);
  for (guint i = 0; i < summary->visits_by_district->len; i++)
    {
      JdStatsCount *a = summary->visits_by_district->pdata[i];
      JdStatsCount *b = scan->visits_by_district->pdata[i];

      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpuint (a->count, ==, b->count);
    }
}

/* The hourly summary (schema v6) follows every way a visit changes:
 * check-in, undo, a corrected birth date, sex or district, a moved
 * time, a person deleted on request. */
static void
test_summary (void)
{
  g_autoptr(JdDb) db = open_new ("summary.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) person = NULL;
  gint64 first, second, third, undone;

  g_assert_true (jd_demo_generate (db, 400, 5, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_summary_matches_scan (db, "2020-01-01", "2030-01-01");

  /* A 16-year-old from Medeu checks in at 09:15 on 3 June 2026: one
   * visit in the 09:00 hour of all visits, of girls 14–17 (key 0) and of
   * Medeu. */
  {
    g_autoptr(JdVisitor) girl = g_new0 (JdVisitor, 1);

    girl->surname = g_strdup ("Сейітова");
    girl->given_name = g_strdup ("Аружан");
    girl->birth_date = g_strdup ("2010-01-10");
    girl->sex = JD_SEX_FEMALE;
    girl->district_code = g_strdup ("almaty-medeu");
    girl->occupation = g_strdup ("school");
    girl->language = g_strdup ("kk");
    girl->consent_given = TRUE;
    girl->consent_by_guardian = TRUE;
    girl->guardian_name = g_strdup ("Сейітова Гүлнар");
    girl->guardian_phone = g_strdup ("+77011234567");
    g_assert_true (jd_visitor_insert (db, girl, &error));
    g_assert_no_error (error);
    first = girl->id;
  }
  visit (db, first, at (2026, 6, 3, 9, 15, 0));
  {
    /* The hour from 09:00 in the centre's zone (a whole number of hours
     * from UTC). */
    g_autofree char *sql = g_strdup_printf ("SELECT n FROM visit_summary WHERE kind = 1 AND key = 0"
                                            " AND hour = %" G_GINT64_FORMAT, at (2026, 6, 3, 9, 0, 0));

    g_assert_cmpint (sql_int (db, sql), >=, 1);
  }
  {
    g_autoptr(JdStats) june = compute (db, "2026-06-03", "2026-06-04");
    g_autoptr(JdStats) alone = NULL;
    guint before = june->busy_hours[2][9];   /* a Wednesday */

    assert_summary_matches_scan (db, "2026-06-03", "2026-06-04");
    /* She turns 18 on paper: her visit moves to women 18–24 (key 3: band 1 * 3 + female). */
    person = jd_visitor_load (db, first, &error);
    g_assert_no_error (error);
    g_free (person->birth_date);
    person->birth_date = g_strdup ("2008-01-10");
    g_free (person->iin);
    person->iin = NULL;
    g_assert_true (jd_visitor_update (db, person, &error));
    g_assert_no_error (error);
    alone = compute (db, "2026-06-03", "2026-06-04");
    g_assert_cmpuint (alone->visits_by_age_sex[1][0], ==, june->visits_by_age_sex[1][0] + 1);
    g_assert_cmpuint (alone->visits_by_age_sex[0][0], ==, june->visits_by_age_sex[0][0] - 1);
    g_assert_cmpuint (alone->busy_hours[2][9], ==, before);
  }

  /* More changes of every kind, then the two must still agree. */
  second = add_visitor (db, "Омаров", "2001-05-05", JD_SEX_MALE, "almaty-almaly", "unemployed_seeking",
                        at (2026, 1, 1, 12, 0, 0));
  third = add_visitor (db, "Бекова", "1995-02-02", JD_SEX_FEMALE, "almaty-auezov", "employed",
                       at (2026, 1, 1, 12, 0, 0));
  visit (db, second, at (2026, 6, 3, 23, 59, 0));
  visit (db, third, at (2026, 6, 4, 0, 0, 0));
  undone = jd_visit_check_in (db, third, (const char *[]) { "leisure", NULL }, at (2026, 6, 4, 10, 0, 0),
                              &error);
  g_assert_no_error (error);
  g_assert_true (jd_visit_undo (db, undone, &error));
  g_assert_no_error (error);
  g_clear_pointer (&person, jd_visitor_free);
  person = jd_visitor_load (db, second, &error);
  g_assert_no_error (error);
  g_free (person->district_code);
  person->district_code = g_strdup ("almaty-bostandyk");
  person->sex = JD_SEX_FEMALE;
  g_assert_true (jd_visitor_update (db, person, &error));
  g_assert_no_error (error);
  exec (db, "UPDATE visit SET time_in = time_in - 7200 WHERE id = (SELECT min (id) FROM visit)");
  g_assert_true (jd_visitor_delete_on_request (db, third, &error));
  g_assert_no_error (error);

  assert_summary_matches_scan (db, "2026-06-03", "2026-06-05");
  assert_summary_matches_scan (db, "2020-01-01", "2030-01-01");
  g_assert_cmpint (sql_int (db, "SELECT sum (n) FROM visit_summary WHERE kind = 0"), ==,
                   sql_int (db, "SELECT count(*) FROM visit"));
}

/* The dashboard is for managers and administrators. */
/* A period in progress: the event that has begun was held, the one
 * later today or tomorrow is only planned. */
static void
test_planned_events (void)
{
  g_autoptr(JdDb) db = open_new ("planned.db");
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) after = g_date_time_add_days (now, 2);
  g_autofree char *from = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (after, "%Y-%m-%d");
  g_autofree char *sql = NULL;
  JdStats *stats;
  gint64 t = g_date_time_to_unix (now);

  sql = g_strdup_printf ("INSERT INTO event (title, kind, starts_at, ends_at, created_at, updated_at)"
                         " VALUES ('Начался', 'lecture', %1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 1, 1),"
                         "        ('Впереди', 'lecture', %3$" G_GINT64_FORMAT ", %4$" G_GINT64_FORMAT ", 1, 1)",
                         t - 120, t + 3600, t + 120, t + 3720);
  exec (db, sql);
  stats = compute (db, from, to);
  g_assert_cmpuint (stats->events, ==, 1);
  jd_stats_free (stats);
}

/* Unix seconds of a UTC wall clock time. */
static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

/* November 2026 at a centre in Almaty (UTC+5), made on a machine whose
 * clock zone is @machine_tz. Aigerim turns 18 on 30 November and
 * comes at 20:30 UTC on the 29th, 01:30 on the 30th in Almaty; Bolat
 * registered at 20:00 UTC on 31 October, 1 November in Almaty. */
static JdDb *
open_centre (const char *name,
             gint64     *aigerim_visit)
{
  JdDb *db = open_new (name);
  gint64 aigerim, bolat;

  aigerim = add_visitor (db, "Ахметова", "2008-11-30", JD_SEX_FEMALE, "almaty-medeu", "not_seeking",
                         utc (2026, 11, 10, 12, 0));
  bolat = add_visitor (db, "Беков", "2000-05-05", JD_SEX_MALE, "almaty-auezov", "employed",
                       utc (2026, 10, 31, 20, 0));
  *aigerim_visit = jd_visit_check_in (db, aigerim, (const char *[]) { "leisure", NULL },
                                      utc (2026, 11, 29, 20, 30), NULL);
  g_assert_cmpint (*aigerim_visit, >, 0);
  visit (db, bolat, utc (2026, 11, 16, 5, 0));   /* 10:00 on Monday 16th in Almaty */
  return db;
}

static gint64
visit_age (JdDb   *db,
           gint64  visit_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT age FROM visit WHERE id = %" G_GINT64_FORMAT, visit_id);

  return query_int (db, sql);
}

static void
set_machine_zone (const char *zone)
{
  g_setenv ("TZ", zone, TRUE);
  tzset ();
}

/* The same database and the same clock give the same figures on a
 * machine in any time zone: days, ages on the visit day and busy hours
 * are the centre's (Asia/Almaty by default). */
static void
test_centre_days (void)
{
  const char *zones[] = { "UTC", "Asia/Almaty", "America/New_York" };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autofree char *name = g_strdup_printf ("centre-%u.db", z);
      g_autoptr(JdDb) db = NULL;
      g_autoptr(JdStats) november = NULL;
      g_autoptr(GDateTime) now = NULL;
      gint64 visit_id;

      g_test_message ("machine zone %s", zones[z]);
      set_machine_zone (zones[z]);
      db = open_centre (name, &visit_id);

      now = jd_db_now_local (db);
      g_assert_cmpstr (g_time_zone_get_identifier (g_date_time_get_timezone (now)), ==, "Asia/Almaty");

      november = compute (db, "2026-11-01", "2026-12-01");
      g_assert_cmpuint (november->visits, ==, 2);
      g_assert_cmpuint (november->new_registrations, ==, 2);
      for (guint d = 0; d < november->n_days; d++)
        g_assert_cmpuint (november->visits_per_day[d], ==, d == 15 || d == 29 ? 1 : 0);
      /* Monday 30th at 01:xx, Monday 16th at 10:xx. */
      g_assert_cmpuint (november->busy_hours[0][1], ==, 1);
      g_assert_cmpuint (november->busy_hours[0][10], ==, 1);
      /* Aigerim is 18 on the day of her visit in Almaty. */
      g_assert_cmpuint (november->visits_by_age_sex[1][0], ==, 1);
      g_assert_cmpuint (november->visits_by_age_sex[0][0], ==, 0);
      g_assert_cmpuint (november->visits_by_age_sex[2][1], ==, 1);
      assert_summary_matches_scan (db, "2026-11-01", "2026-12-01");
      g_assert_cmpint (visit_age (db, visit_id), ==, 18);
    }
  set_machine_zone ("Asia/Almaty");
}

/* Moving the centre to Moscow (UTC+3) moves 20:30 UTC on the 29th from
 * 01:30 on the 30th to 23:30 on the 29th, and Aigerim's age on that
 * visit back to 17; Bolat's registration (23:00 on 31 October in
 * Moscow) leaves November. A zone that does not exist is refused. */
static void
test_time_zone_setting (void)
{
  g_autoptr(JdDb) db = NULL;
  g_autoptr(JdStats) november = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *identifier = NULL;
  g_autoptr(GDateTime) now = NULL;
  gint64 visit_id;

  set_machine_zone ("UTC");
  db = open_centre ("moscow.db", &visit_id);
  identifier = jd_db_get_time_zone_identifier (db);
  g_assert_cmpstr (identifier, ==, "Asia/Almaty");

  g_assert_false (jd_db_set_time_zone (db, "Asia/Nowhere", &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (jd_db_set_setting (db, JD_SETTING_TIME_ZONE, "", &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (jd_db_set_setting (db, JD_SETTING_TIME_ZONE, "Europe/Moscow", &error));
  g_assert_no_error (error);
  g_clear_pointer (&identifier, g_free);
  identifier = jd_db_get_time_zone_identifier (db);
  g_assert_cmpstr (identifier, ==, "Europe/Moscow");
  now = jd_db_now_local (db);
  g_assert_cmpint (g_date_time_get_utc_offset (now) / G_TIME_SPAN_SECOND, ==, 3 * 3600);

  november = compute (db, "2026-11-01", "2026-12-01");
  g_assert_cmpuint (november->visits, ==, 2);
  g_assert_cmpuint (november->new_registrations, ==, 1);
  g_assert_cmpuint (november->visits_per_day[28], ==, 1);
  g_assert_cmpuint (november->visits_per_day[29], ==, 0);
  g_assert_cmpuint (november->busy_hours[6][23], ==, 1);   /* Sunday 29th, 23:xx */
  g_assert_cmpuint (november->busy_hours[0][8], ==, 1);    /* Monday 16th, 08:xx */
  g_assert_cmpuint (november->visits_by_age_sex[0][0], ==, 1);
  g_assert_cmpuint (november->visits_by_age_sex[1][0], ==, 0);
  g_assert_cmpint (visit_age (db, visit_id), ==, 17);
  assert_summary_matches_scan (db, "2026-11-01", "2026-12-01");

  /* A visit written by plain SQL (as the SQLite shell does) takes
   * its age in the centre's zone too: 21:30 UTC on 29 November is
   * 00:30 on the 30th in Moscow, her 18th birthday. */
  exec (db, "INSERT INTO visit (visitor_id, time_in, occupation, created_at, updated_at)"
            " SELECT visitor_id, 1795987800, 'not_seeking', 1, 1 FROM visit WHERE id = 1");
  g_assert_cmpint (query_int (db, "SELECT age FROM visit WHERE time_in = 1795987800"), ==, 18);
  set_machine_zone ("Asia/Almaty");
}

/* Every breakdown adds up to its total: a visitor aged 36 on the day,
 * and a visit whose sex and district are not known (an old import). */
static void
test_breakdowns_add_up (void)
{
  g_autoptr(JdDb) db = open_new ("breakdowns.db");
  gint64 dana, erlan, farida;
  g_autofree char *sql = NULL;

  /* Registered young enough; her birth date corrected since (as an
   * import with an edge birth date leaves it). */
  dana = add_visitor (db, "Дәулетова", "1995-01-01", JD_SEX_FEMALE, "almaty-medeu", "employed",
                      utc (2026, 1, 5, 6, 0));
  erlan = add_visitor (db, "Ержанов", "2000-01-01", JD_SEX_MALE, "almaty-auezov", "employed",
                       utc (2026, 1, 5, 6, 0));
  farida = add_visitor (db, "Фаридова", "2006-01-01", JD_SEX_FEMALE, "almaty-auezov", "not_seeking",
                        utc (2026, 1, 5, 6, 0));
  sql = g_strdup_printf ("UPDATE visitor SET birth_date = '1990-01-01' WHERE id = %" G_GINT64_FORMAT, dana);
  exec (db, sql);
  g_clear_pointer (&sql, g_free);
  visit (db, dana, utc (2026, 11, 16, 6, 0));     /* 36 */
  visit (db, erlan, utc (2026, 11, 16, 7, 0));    /* 26, sex and district lost */
  visit (db, farida, utc (2026, 11, 16, 8, 0));   /* 20, NEET */
  sql = g_strdup_printf ("UPDATE visitor SET district_id = NULL WHERE id = %" G_GINT64_FORMAT, erlan);
  exec (db, sql);
  g_free (sql);
  sql = g_strdup_printf ("UPDATE visit SET sex = NULL WHERE visitor_id = %" G_GINT64_FORMAT, erlan);
  exec (db, sql);
  consult (db, dana, "legal", utc (2026, 11, 16, 6, 30), "enbek", NULL);
  consult (db, farida, "career", utc (2026, 11, 16, 8, 30), NULL, NULL);

  for (guint scan = 0; scan < 2; scan++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JdStats) stats = jd_stats_compute (db, "2026-11-01", "2026-12-01",
                                                   scan ? JD_STATS_SCAN_VISITS : 0, NULL, &error);
      guint by_band = 0, by_sex = 0, by_district = 0, by_service = 0, by_referral = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (stats->visits, ==, 3);
      for (guint b = 0; b <= JD_STATS_OTHER_AGES; b++)
        for (guint x = 0; x <= JD_STATS_SEX_UNKNOWN; x++)
          {
            by_band += stats->visits_by_age_sex[b][x];
            by_sex += stats->visits_by_age_sex[b][x];
          }
      g_assert_cmpuint (stats->visits_by_age_sex[JD_STATS_OTHER_AGES][0], ==, 1);   /* Dana */
      g_assert_cmpuint (stats->visits_by_age_sex[2][JD_STATS_SEX_UNKNOWN], ==, 1);   /* Erlan */
      g_assert_cmpuint (stats->visits_by_age_sex[1][0], ==, 1);                      /* Farida */
      for (guint i = 0; i < stats->visits_by_district->len; i++)
        by_district += ((JdStatsCount *) stats->visits_by_district->pdata[i])->count;
      for (guint i = 0; i < stats->consultations_by_service->len; i++)
        by_service += ((JdStatsCount *) stats->consultations_by_service->pdata[i])->count;
      for (guint i = 0; i < stats->referrals_by_target->len; i++)
        by_referral += ((JdStatsCount *) stats->referrals_by_target->pdata[i])->count;
      g_assert_cmpuint (by_band, ==, stats->visits);
      g_assert_cmpuint (by_sex, ==, stats->visits);
      g_assert_cmpuint (by_district, ==, stats->visits);
      g_assert_cmpuint (count_of (stats->visits_by_district, ""), ==, 1);
      g_assert_cmpuint (stats->neet_visits, ==, 1);
      g_assert_cmpuint (by_service, ==, stats->consultations);
      g_assert_cmpuint (stats->consultations, ==, 2);
      g_assert_cmpuint (by_referral, ==, stats->referrals);
    }
}

static void
test_rights (void)
{
  g_autoptr(JdDb) db = open_new ("rights.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(JdStaff) clerk = NULL;
  JdStaff staff = { .full_name = (char *) "Clerk", .login = (char *) "clerk",
                    .role = JD_ROLE_RECEPTIONIST, .active = TRUE };

  jd_staff_sign_out (db);
  admin = jd_staff_set_up_centre (db, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  g_assert_true (jd_staff_add (db, &staff, "Password1", &error));
  jd_staff_sign_out (db);
  clerk = jd_staff_sign_in (db, "clerk", "Password1", &error);
  g_assert_no_error (error);
  g_assert_null (jd_stats_compute (db, "2026-06-01", "2026-07-01", 0, NULL, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
}


/* visitor_month (schema v12): the figures of whole months in the zone
 * @tz, from the table, equal the scan's and plain SQL over the visits,
 * and the values counted by hand. */
static void
assert_months (JdDb       *db,
               GTimeZone  *tz,
               int         year,
               int         month,
               int         n_months,
               guint       visits,
               guint       unique,
               guint       neet_visits,
               guint       neet_unique)
{
  g_autoptr(GDateTime) start = g_date_time_new (tz, year, month, 1, 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_months (start, n_months);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *range = g_strdup_printf ("time_in >= %" G_GINT64_FORMAT " AND time_in < %" G_GINT64_FORMAT,
                                            g_date_time_to_unix (start), g_date_time_to_unix (end));
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStats) months = jd_stats_compute (db, from, to, 0, NULL, &error);
  g_autoptr(JdStats) scan = jd_stats_compute (db, from, to, JD_STATS_SCAN_VISITS, NULL, &error);

  g_test_message ("%s to %s", from, to);
  g_assert_no_error (error);
  g_assert_cmpuint (months->visits, ==, visits);
  g_assert_cmpuint (months->unique_visitors, ==, unique);
  g_assert_cmpuint (months->neet_visits, ==, neet_visits);
  g_assert_cmpuint (months->neet_visitors, ==, neet_unique);
  g_assert_cmpfloat (months->neet_share, ==, unique ? (double) neet_unique / unique : 0);

  g_assert_cmpuint (scan->visits, ==, visits);
  g_assert_cmpuint (scan->unique_visitors, ==, unique);
  g_assert_cmpuint (scan->neet_visits, ==, neet_visits);
  g_assert_cmpuint (scan->neet_visitors, ==, neet_unique);

  sql = g_strdup_printf ("SELECT count(DISTINCT visitor_id) FROM visit WHERE %s", range);
  g_assert_cmpint (query_int (db, sql), ==, unique);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(DISTINCT visitor_id) FROM visit WHERE %s"
                         " AND occupation IN ('unemployed_seeking', 'not_seeking')", range);
  g_assert_cmpint (query_int (db, sql), ==, neet_unique);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM visit WHERE %s", range);
  g_assert_cmpint (query_int (db, sql), ==, visits);
  if (n_months == 1)
    {
      g_free (sql);
      sql = g_strdup_printf ("SELECT count(*) FROM visitor_month WHERE month = %d", year * 100 + month);
      g_assert_cmpint (query_int (db, sql), ==, unique);
      g_free (sql);
      sql = g_strdup_printf ("SELECT coalesce (sum (visitors * 1000 + neet_visitors), 0) FROM month_total"
                             " WHERE month = %d", year * 100 + month);
      g_assert_cmpint (query_int (db, sql), ==, unique * 1000 + neet_unique);
    }
}

static gint64
month_row (JdDb     *db,
           int       month,
           gint64    visitor,
           gboolean  neet)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (%s), 0) FROM visitor_month"
                                          " WHERE month = %d AND visitor_id = %" G_GINT64_FORMAT,
                                          neet ? "neet_visits" : "visits", month, visitor);

  return query_int (db, sql);
}

static gint64
check_in (JdDb   *db,
          gint64  visitor,
          gint64  when)
{
  gint64 id = jd_visit_check_in (db, visitor, (const char *[]) { "leisure", NULL }, when, NULL);

  g_assert_cmpint (id, >, 0);
  return id;
}

/* In Almaty (UTC+5) Асан comes at 23:30 on 31 October and at 00:30
 * on 1 November (18:30 and 19:30 UTC, both on 31 October), Бота at
 * 04:30 on 1 November (23:30 UTC on the 31st); Серік in November and
 * December; Дана twice in November, once as NEET. Then: Бота's
 * check-in undone, Серік's December visit moved to November, Дана's
 * NEET visit corrected, the centre moved to Moscow (UTC+3: both of
 * Асан's visits fall in October), Асан's first visit deleted. */
static void
test_visitor_month (void)
{
  g_autoptr(JdDb) db = open_new ("months.db");
  g_autoptr(GTimeZone) almaty = g_time_zone_new_identifier ("Asia/Almaty");
  g_autoptr(GTimeZone) moscow = g_time_zone_new_identifier ("Europe/Moscow");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 asan, bota, serik, dana, asan_oct, bota_nov, serik_dec, dana_2;

  asan = add_visitor (db, "Асанов", "2000-01-01", JD_SEX_MALE, "almaty-medeu", "not_seeking", 1);
  bota = add_visitor (db, "Ботаева", "2001-02-02", JD_SEX_FEMALE, "almaty-medeu", "employed", 1);
  serik = add_visitor (db, "Серіков", "2002-03-03", JD_SEX_MALE, "almaty-auezov", "employed", 1);
  dana = add_visitor (db, "Данова", "2003-04-04", JD_SEX_FEMALE, "almaty-auezov", "employed", 1);

  asan_oct = check_in (db, asan, at (2026, 10, 31, 23, 30, 0));
  check_in (db, asan, at (2026, 11, 1, 0, 30, 0));
  bota_nov = check_in (db, bota, at (2026, 11, 1, 4, 30, 0));
  check_in (db, serik, at (2026, 11, 15, 10, 0, 0));
  serik_dec = check_in (db, serik, at (2026, 12, 2, 10, 0, 0));
  check_in (db, dana, at (2026, 11, 20, 10, 0, 0));
  dana_2 = check_in (db, dana, at (2026, 11, 21, 10, 0, 0));
  sql = g_strdup_printf ("UPDATE visit SET occupation = 'unemployed_seeking' WHERE id = %" G_GINT64_FORMAT,
                         dana_2);
  exec (db, sql);

  assert_months (db, almaty, 2026, 10, 1, 1, 1, 1, 1);
  assert_months (db, almaty, 2026, 11, 1, 5, 4, 2, 2);
  assert_months (db, almaty, 2026, 12, 1, 1, 1, 0, 0);
  assert_months (db, almaty, 2026, 11, 2, 6, 4, 2, 2);
  assert_months (db, almaty, 2026, 10, 3, 7, 4, 3, 2);
  g_assert_cmpint (month_row (db, 202611, dana, FALSE), ==, 2);
  g_assert_cmpint (month_row (db, 202611, dana, TRUE), ==, 1);
  g_assert_cmpint (month_row (db, 202611, asan, TRUE), ==, 1);

  /* Undo: Бота's row goes with her only visit. */
  g_assert_true (jd_visit_undo (db, bota_nov, &error));
  g_assert_no_error (error);
  g_assert_cmpint (month_row (db, 202611, bota, FALSE), ==, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM visitor_month WHERE visitor_id = %" G_GINT64_FORMAT, bota);
  g_assert_cmpint (query_int (db, sql), ==, 0);
  assert_months (db, almaty, 2026, 11, 1, 4, 3, 2, 2);

  /* December's visit moved to 23:00 on 30 November. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE visit SET time_in = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         at (2026, 11, 30, 23, 0, 0), serik_dec);
  exec (db, sql);
  g_assert_cmpint (month_row (db, 202612, serik, FALSE), ==, 0);
  g_assert_cmpint (month_row (db, 202611, serik, FALSE), ==, 2);
  assert_months (db, almaty, 2026, 12, 1, 0, 0, 0, 0);
  assert_months (db, almaty, 2026, 11, 1, 5, 3, 2, 2);

  /* The occupation corrected: Дана keeps her row, not her NEET. */
  g_free (sql);
  sql = g_strdup_printf ("UPDATE visit SET occupation = 'employed' WHERE id = %" G_GINT64_FORMAT, dana_2);
  exec (db, sql);
  g_assert_cmpint (month_row (db, 202611, dana, FALSE), ==, 2);
  g_assert_cmpint (month_row (db, 202611, dana, TRUE), ==, 0);
  assert_months (db, almaty, 2026, 11, 1, 5, 3, 1, 1);

  /* Moscow: 19:30 UTC on 31 October is 22:30 there, still October. */
  g_assert_true (jd_db_set_time_zone (db, "Europe/Moscow", &error));
  g_assert_no_error (error);
  assert_months (db, moscow, 2026, 10, 1, 2, 1, 2, 1);
  assert_months (db, moscow, 2026, 11, 1, 4, 2, 0, 0);
  assert_months (db, moscow, 2026, 10, 2, 6, 3, 2, 1);
  g_assert_cmpint (month_row (db, 202610, asan, FALSE), ==, 2);
  g_assert_cmpint (month_row (db, 202611, asan, FALSE), ==, 0);

  /* Deleted: Асан's first visit. */
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM visit WHERE id = %" G_GINT64_FORMAT, asan_oct);
  exec (db, sql);
  g_assert_cmpint (month_row (db, 202610, asan, FALSE), ==, 1);
  assert_months (db, moscow, 2026, 10, 1, 1, 1, 1, 1);
  g_assert_true (jd_db_check_integrity (db, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* The months do come from the table, and the check finds it wrong. */
  exec (db, "UPDATE visitor_month SET neet_visits = 0");
  {
    g_autoptr(JdStats) october = jd_stats_compute (db, "2026-10-01", "2026-11-01", 0, NULL, &error);
    g_autofree char *report = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (october->visits, ==, 1);
    g_assert_cmpuint (october->neet_visitors, ==, 0);
    g_assert_false (jd_db_check_integrity (db, FALSE, &report, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (report, "visitor_month"));
  }
  exec (db, "UPDATE visitor_month SET neet_visits = 1 WHERE month = 202610");
  g_assert_true (jd_db_check_integrity (db, FALSE, NULL, &error));
  g_assert_no_error (error);
  exec (db, "UPDATE month_total SET visitors = visitors + 1 WHERE month = 202610");
  {
    g_autofree char *report = NULL;

    g_assert_false (jd_db_check_integrity (db, FALSE, &report, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (report, "month_total: 1 months differ"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cmd = NULL;
  int status;

  /* Almaty's clock, whatever the machine's. */
  g_setenv ("TZ", "Asia/Almaty", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/stats/hand-counted", test_hand_counted);
  g_test_add_func ("/jd/stats/previous-period", test_previous_period);
  g_test_add_func ("/jd/stats/against-sql", test_against_sql);
  g_test_add_func ("/jd/stats/planned-events", test_planned_events);
  g_test_add_func ("/jd/stats/rights", test_rights);
  g_test_add_func ("/jd/stats/summary", test_summary);
  g_test_add_func ("/jd/stats/centre-days", test_centre_days);
  g_test_add_func ("/jd/stats/time-zone-setting", test_time_zone_setting);
  g_test_add_func ("/jd/stats/breakdowns-add-up", test_breakdowns_add_up);
  g_test_add_func ("/jd/stats/visitor-month", test_visitor_month);

  status = g_test_run ();
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (tmp_dir);
  return status;
}
