/* test-summary-report.c: the monthly report's figures, worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "centre-helpers.h"
#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-consultation.h"
#include "jd-export.h"
#include "jd-settings.h"
#include "jd-summary-report.h"
#include "jd-summary-report-private.h"
#include "jd-visit.h"
#include "visitor-helpers.h"

/* Unix seconds of a wall-clock time in Almaty (UTC+5 all year), the
 * centre's default zone. */
static gint64
almaty (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Asia/Almaty");
  g_autoptr(GDateTime) t = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (t);
}

static void
sql (JdDb       *db,
     const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (db, text, &error));
  g_assert_no_error (error);
}

static void
sqlf (JdDb       *db,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
sqlf (JdDb       *db,
      const char *format,
      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  sql (db, text);
}

static void
visit (JdDb   *db,
       gint64  visitor,
       gint64  when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jd_visit_check_in (db, visitor, (const char *[]) { "leisure", NULL }, when, &error), >, 0);
  g_assert_no_error (error);
  /* Out again, so that the next check-in is a new visit. */
  sqlf (db, "UPDATE visit SET time_out = time_in + 3600 WHERE time_out IS NULL");
}

static void
consultation (JdDb       *db,
              const char *visitor,      /* an id as SQL, or "NULL" */
              const char *service,
              gint64      started_at,
              const char *outcome,
              const char *referral,     /* SQL */
              const char *placement)    /* "kind', 'start" as SQL, or NULL */
{
  if (placement != NULL)
    sqlf (db, "INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, service, started_at,"
              " duration_min, outcome, referral, placement_employer, placement_kind, placement_start,"
              " created_at, updated_at) VALUES (%s, %s, %s, '%s', %" G_GINT64_FORMAT ", 30, '%s', %s,"
              " 'ТОО Жұмыс', '%s', 0, 0)",
          visitor, g_str_equal (visitor, "NULL") ? "'female'" : "NULL",
          g_str_equal (visitor, "NULL") ? "'18-24'" : "NULL", service, started_at, outcome, referral,
          placement);
  else
    sqlf (db, "INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, service, started_at,"
              " duration_min, outcome, referral, created_at, updated_at)"
              " VALUES (%s, %s, %s, '%s', %" G_GINT64_FORMAT ", 30, '%s', %s, 0, 0)",
          visitor, g_str_equal (visitor, "NULL") ? "'female'" : "NULL",
          g_str_equal (visitor, "NULL") ? "'18-24'" : "NULL", service, started_at, outcome, referral);
}

static gint64
event (JdDb       *db,
       const char *kind,
       gint64      starts_at)
{
  sqlf (db, "INSERT INTO event (title, kind, starts_at, ends_at, created_at, updated_at)"
            " VALUES ('Кездесу', '%s', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 0)",
        kind, starts_at, starts_at + 3600);
  return query_int (db, "SELECT max (id) FROM event");
}

static void
attend (JdDb   *db,
        gint64  event_id,
        gint64  visitor,      /* 0: anonymous */
        int     heads)
{
  if (visitor != 0)
    sqlf (db, "INSERT INTO attendance (event_id, visitor_id, head_count, checked_in_at, created_at, updated_at)"
              " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1, 0, 0, 0)", event_id, visitor);
  else
    sqlf (db, "INSERT INTO attendance (event_id, visitor_id, head_count, checked_in_at, created_at, updated_at)"
              " VALUES (%" G_GINT64_FORMAT ", NULL, %d, 0, 0, 0)", event_id, heads);
}

/* November 2026 in a centre in Medeu (Asia/Almaty):
 *
 *  Асель   born 2008-06-01 (18), female, Medeu, looking for work (NEET);
 *          visits 3 and 20 November; registered 3 November.
 *  Бауыржан born 1999-03-15 (27), male, Auezov, employed: a visit on
 *          5 November; then not looking for work (NEET): a visit on 25
 *          November. Registered in September.
 *  Вера    born 2011-02-01 (15), female, no district, at school: a
 *          visit on 10 November; registered 10 November.
 *  Данияр  born 1985-01-01 (41), male, Almaly, looking for work (NEET):
 *          visits 15 October, 31 October 23:30, 30 November 23:50 and
 *          1 December 00:10 — only the one of 30 November is in the month.
 *
 * Visits 6 (Асель 2, Бауыржан 2, Вера 1, Данияр 1); people 4.
 * Age bands, visits / people: 14–17 1/1 (Вера), 18–24 2/1 (Асель),
 *   25–29 2/1 (Бауыржан), 30–35 0/0, other ages 1/1 (Данияр).
 * Sex: female 3/2, male 3/2, not given 0/0.
 * Districts: Auezov 2/1, Medeu 2/1 (a tie: by name), Almaly 1/1,
 *   not given 1/1.
 * NEET: visits 4 (Асель 2, Бауыржан 1, Данияр 1), not NEET 2
 *   (Бауыржан 1, Вера 1); people NEET 3 (any NEET visit), not 1;
 *   the share 3/4 = 75 %.
 * New registrations: 2 (Асель, Вера).
 *
 * Consultations (by their start):
 *  K1 Асель career 3 Nov resolved;   K2 Асель legal 20 Nov referred
 *  to Enbek; K3 Бауыржан career 25 Nov did not attend; K4 anonymous
 *  psychological 12 Nov resolved; K5 Бауыржан employment 5 Nov,
 *  a permanent job from 1 December (next month: not counted);
 *  K6 Данияр employment 20 October, a temporary job from 10 November
 *  (counted: the job starts in November); K7 Вера psychological
 *  1 December 00:10 (not in the month).
 * Held 4 (K1, K2, K4, K5), did not attend 1 (K3); by service: career
 *   1/1, legal 1/0, psychological 1/0, employment 1/0.
 * People consulted 3: named 2 (Асель, Бауыржан; 3 consultations),
 *   anonymous 1.
 * Referrals 1 (Enbek). Placements 1 (temporary 1, permanent 0); NEET
 *   placed 1 (Данияр was looking for work at his visit of 15 October).
 *
 * Events: E1 lecture 12 Nov: Асель, Бауыржан and 5 heads; E2 club
 *   19 Nov: Асель and 2 heads; E3 lecture 2 December with Вера (not in
 *   the month); E4 seminar 28 Nov, nobody.
 * Events 3; by kind: lecture 1 event, 2 named, 5 heads, 7 participants;
 *   seminar 1, 0, 0, 0; club 1, 1, 2, 3. Participants 10; unique
 *   named participants 2 (Асель, Бауыржан).
 */
static JdDb *
november_centre (const char *name)
{
  g_autoptr(GError) error = NULL;
  JdDb *db = open_centre (name);
  gint64 asel, bauyrzhan, vera, daniyar, e1, e2, e3;
  g_autofree char *id = NULL;

  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_CODE, "ALM-07", &error));
  g_assert_true (jd_db_set_setting (db, JD_SETTING_CENTRE_DISTRICT, "almaty-medeu", &error));
  g_assert_no_error (error);

  asel = test_add_visitor (db, &(TestVisitor) { .surname = "Асель",
                                                 .sex = JD_SEX_FEMALE, .district_code = "almaty-medeu",
                                                 .occupation = "unemployed_seeking" });
  bauyrzhan = test_add_visitor (db, &(TestVisitor) { .surname = "Бауыржан",
                                                      .sex = JD_SEX_MALE, .district_code = "almaty-auezov",
                                                      .occupation = "employed" });
  vera = test_add_visitor (db, &(TestVisitor) { .surname = "Вера",
                                                 .sex = JD_SEX_FEMALE, .occupation = "school" });
  daniyar = test_add_visitor (db, &(TestVisitor) { .surname = "Данияр",
                                                    .sex = JD_SEX_MALE, .district_code = "almaty-almaly",
                                                    .occupation = "unemployed_seeking" });
  /* Registered as adults (a minor needs a guardian's consent), then
   * their birth dates as the story has them. */
  sqlf (db, "UPDATE visitor SET birth_date = '2008-06-01' WHERE id = %" G_GINT64_FORMAT, asel);
  sqlf (db, "UPDATE visitor SET birth_date = '1999-03-15' WHERE id = %" G_GINT64_FORMAT, bauyrzhan);
  sqlf (db, "UPDATE visitor SET birth_date = '2011-02-01' WHERE id = %" G_GINT64_FORMAT, vera);
  sqlf (db, "UPDATE visitor SET birth_date = '1985-01-01' WHERE id = %" G_GINT64_FORMAT, daniyar);
  sqlf (db, "UPDATE visitor SET district_id = NULL WHERE id = %" G_GINT64_FORMAT, vera);
  sqlf (db, "UPDATE visitor SET created_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
        almaty (2026, 11, 3, 9, 0), asel);
  sqlf (db, "UPDATE visitor SET created_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
        almaty (2026, 11, 10, 9, 0), vera);
  sqlf (db, "UPDATE visitor SET created_at = %" G_GINT64_FORMAT " WHERE id IN (%" G_GINT64_FORMAT
            ", %" G_GINT64_FORMAT ")", almaty (2026, 9, 1, 9, 0), bauyrzhan, daniyar);

  visit (db, asel, almaty (2026, 11, 3, 10, 0));
  visit (db, asel, almaty (2026, 11, 20, 10, 0));
  visit (db, bauyrzhan, almaty (2026, 11, 5, 10, 0));
  sqlf (db, "UPDATE visitor SET occupation = 'not_seeking' WHERE id = %" G_GINT64_FORMAT, bauyrzhan);
  visit (db, bauyrzhan, almaty (2026, 11, 25, 10, 0));
  visit (db, vera, almaty (2026, 11, 10, 10, 0));
  visit (db, daniyar, almaty (2026, 10, 15, 10, 0));
  visit (db, daniyar, almaty (2026, 10, 31, 23, 30));
  visit (db, daniyar, almaty (2026, 11, 30, 23, 50));
  visit (db, daniyar, almaty (2026, 12, 1, 0, 10));

  id = g_strdup_printf ("%" G_GINT64_FORMAT, asel);
  consultation (db, id, "career", almaty (2026, 11, 3, 11, 0), "resolved", "NULL", NULL);
  consultation (db, id, "legal", almaty (2026, 11, 20, 11, 0), "referred", "'enbek'", NULL);
  g_free (id);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, bauyrzhan);
  consultation (db, id, "career", almaty (2026, 11, 25, 11, 0), "no_show", "NULL", NULL);
  consultation (db, id, "employment", almaty (2026, 11, 5, 11, 0), "resolved", "NULL",
                "permanent', '2026-12-01");
  consultation (db, "NULL", "psychological", almaty (2026, 11, 12, 11, 0), "resolved", "NULL", NULL);
  g_free (id);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, daniyar);
  consultation (db, id, "employment", almaty (2026, 10, 20, 11, 0), "resolved", "NULL",
                "temporary', '2026-11-10");
  g_free (id);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, vera);
  consultation (db, id, "psychological", almaty (2026, 12, 1, 0, 10), "resolved", "NULL", NULL);

  e1 = event (db, "lecture", almaty (2026, 11, 12, 15, 0));
  attend (db, e1, asel, 1);
  attend (db, e1, bauyrzhan, 1);
  attend (db, e1, 0, 5);
  e2 = event (db, "club", almaty (2026, 11, 19, 15, 0));
  attend (db, e2, asel, 1);
  attend (db, e2, 0, 2);
  e3 = event (db, "lecture", almaty (2026, 12, 2, 15, 0));
  attend (db, e3, vera, 1);
  event (db, "seminar", almaty (2026, 11, 28, 15, 0));
  return db;
}

/* The count @sql (taken) finds. */
static double
count_sql (JdDb *db,
           char *sql)
{
  g_autofree char *text = sql;

  return (double) query_int (db, text);
}

static const JdSummaryTable *
find_table (const JdSummaryReport *report,
            const char            *title)
{
  for (guint i = 0; i < report->tables->len; i++)
    {
      const JdSummaryTable *table = report->tables->pdata[i];

      if (g_str_equal (table->title, title))
        return table;
    }
  g_assert_not_reached ();
}

/* The row @label's value in @column; -1 when the table has no such row. */
static double
cell (const JdSummaryTable *table,
      const char           *label,
      guint                 column)
{
  g_assert_cmpuint (column, <, table->n_columns);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const JdSummaryRow *row = table->rows->pdata[i];

      if (g_str_equal (row->label, label))
        return row->values[column];
    }
  return -1;
}

static double
headline (const JdSummaryReport *report,
          const char            *label)
{
  double value = cell (report->headline, label, 0);

  g_assert_cmpfloat (value, >=, 0);
  return value;
}

/* Every table's last row is its total, the sum of the others in each
 * count column; share columns total 100 % (or 0 without people). */
static void
assert_sums (const JdSummaryReport *report)
{
  for (guint t = 0; t < report->tables->len; t++)
    {
      const JdSummaryTable *table = report->tables->pdata[t];
      const JdSummaryRow *total;

      g_test_message ("table %s", table->title);
      g_assert_cmpuint (table->rows->len, >=, 1);
      total = table->rows->pdata[table->rows->len - 1];
      g_assert_true (total->is_total);
      for (guint c = 0; c < table->n_columns; c++)
        {
          double sum = 0;

          for (guint r = 0; r + 1 < table->rows->len; r++)
            {
              const JdSummaryRow *row = table->rows->pdata[r];

              g_assert_false (row->is_total);
              sum += row->values[c];
            }
          if (table->kinds[c] == JD_SUMMARY_VALUE_SHARE)
            g_assert_cmpfloat (fabs (sum - total->values[c]), <, 1e-9 + (sum > 0 ? 1e-6 : 0));
          else
            g_assert_cmpfloat (sum, ==, total->values[c]);
        }
    }
}

static void
test_figures (void)
{
  g_autoptr(JdDb) db = november_centre ("figures.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdSummaryReport) report = jd_summary_report_new (db, "2026-11-01", "2026-11-30", "Айгүл Серікқызы",
                                                             &error);
  gint64 from = almaty (2026, 11, 1, 0, 0), to = almaty (2026, 12, 1, 0, 0);
  const JdSummaryTable *t;

  g_assert_no_error (error);
  g_assert_nonnull (report);

  /* The title block. */
  g_assert_cmpstr (report->centre_name, ==, "Орталық");
  g_assert_cmpstr (report->centre_code, ==, "ALM-07");
  g_assert_cmpstr (report->centre_district, ==, "Medeu district");
  g_assert_cmpstr (report->from_day, ==, "2026-11-01");
  g_assert_cmpstr (report->to_day, ==, "2026-11-30");
  g_assert_cmpstr (report->period_label, ==, "November 2026");
  g_assert_cmpstr (report->made_by, ==, "Айгүл Серікқызы");
  g_assert_true (g_regex_match_simple ("^\\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d$", report->made_at, 0, 0));

  /* The headline, by hand. */
  g_assert_cmpfloat (headline (report, "Visits"), ==, 6);
  g_assert_cmpfloat (headline (report, "Unique people"), ==, 4);
  g_assert_cmpfloat (headline (report, "New registrations"), ==, 2);
  g_assert_cmpfloat (headline (report, "NEET people"), ==, 3);
  g_assert_cmpfloat (cell (report->headline, "NEET people", 1), ==, 0.75);
  g_assert_true (isnan (cell (report->headline, "Visits", 1)));
  g_assert_cmpfloat (headline (report, "Consultations held"), ==, 4);
  g_assert_cmpfloat (headline (report, "Did not attend"), ==, 1);
  g_assert_cmpfloat (headline (report, "People consulted"), ==, 3);
  g_assert_cmpfloat (headline (report, "Referrals"), ==, 1);
  g_assert_cmpfloat (headline (report, "Job placements"), ==, 1);
  g_assert_cmpfloat (headline (report, "NEET people placed in jobs"), ==, 1);
  g_assert_cmpfloat (headline (report, "Events held"), ==, 3);
  g_assert_cmpfloat (headline (report, "Event participants"), ==, 10);
  g_assert_cmpfloat (headline (report, "Unique event participants"), ==, 2);

  /* The same figures by SQL of the test's own. */
#define COUNT(q) count_sql (db, g_strdup_printf (q, from, to))
  g_assert_cmpfloat (headline (report, "Visits"), ==,
                     COUNT ("SELECT count(*) FROM visit WHERE time_in >= %" G_GINT64_FORMAT
                            " AND time_in < %" G_GINT64_FORMAT));
  g_assert_cmpfloat (headline (report, "Unique people"), ==,
                     COUNT ("SELECT count(DISTINCT visitor_id) FROM visit WHERE time_in >= %" G_GINT64_FORMAT
                            " AND time_in < %" G_GINT64_FORMAT));
  g_assert_cmpfloat (headline (report, "NEET people"), ==,
                     COUNT ("SELECT count(DISTINCT visitor_id) FROM visit WHERE time_in >= %" G_GINT64_FORMAT
                            " AND time_in < %" G_GINT64_FORMAT
                            " AND occupation IN ('unemployed_seeking', 'not_seeking')"));
  g_assert_cmpfloat (headline (report, "New registrations"), ==,
                     COUNT ("SELECT count(*) FROM visitor WHERE created_at >= %" G_GINT64_FORMAT
                            " AND created_at < %" G_GINT64_FORMAT));
  g_assert_cmpfloat (headline (report, "Consultations held"), ==,
                     COUNT ("SELECT count(*) FROM consultation WHERE started_at >= %" G_GINT64_FORMAT
                            " AND started_at < %" G_GINT64_FORMAT " AND outcome <> 'no_show'"));
  g_assert_cmpfloat (headline (report, "Did not attend"), ==,
                     COUNT ("SELECT count(*) FROM consultation WHERE started_at >= %" G_GINT64_FORMAT
                            " AND started_at < %" G_GINT64_FORMAT " AND outcome = 'no_show'"));
  g_assert_cmpfloat (headline (report, "People consulted"), ==,
                     COUNT ("SELECT count(DISTINCT visitor_id) + count(*) - count(visitor_id) FROM consultation"
                            " WHERE started_at >= %" G_GINT64_FORMAT " AND started_at < %" G_GINT64_FORMAT
                            " AND outcome <> 'no_show'"));
  g_assert_cmpfloat (headline (report, "Referrals"), ==,
                     COUNT ("SELECT count(referral) FROM consultation WHERE started_at >= %" G_GINT64_FORMAT
                            " AND started_at < %" G_GINT64_FORMAT));
  g_assert_cmpfloat (headline (report, "Events held"), ==,
                     COUNT ("SELECT count(*) FROM event WHERE starts_at >= %" G_GINT64_FORMAT
                            " AND starts_at < %" G_GINT64_FORMAT));
  g_assert_cmpfloat (headline (report, "Event participants"), ==,
                     COUNT ("SELECT sum (a.head_count) FROM attendance a JOIN event e ON e.id = a.event_id"
                            " WHERE e.starts_at >= %" G_GINT64_FORMAT " AND e.starts_at < %" G_GINT64_FORMAT));
  g_assert_cmpfloat (headline (report, "Unique event participants"), ==,
                     COUNT ("SELECT count(DISTINCT a.visitor_id) FROM attendance a JOIN event e ON e.id = a.event_id"
                            " WHERE e.starts_at >= %" G_GINT64_FORMAT " AND e.starts_at < %" G_GINT64_FORMAT));
#undef COUNT
  g_assert_cmpfloat (headline (report, "Job placements"), ==,
                     query_int (db, "SELECT count(*) FROM consultation WHERE placement_kind IS NOT NULL"
                                    " AND placement_start BETWEEN '2026-11-01' AND '2026-11-30'"));
  g_assert_cmpfloat (headline (report, "NEET people placed in jobs"), ==,
                     jd_consultation_count_neet_placed (db, "2026-11-01", "2026-12-01", NULL));

  /* The breakdowns, by hand (visits, people). */
  t = find_table (report, "Age band: visits and people");
  g_assert_cmpfloat (cell (t, "14–17", 0), ==, 1);
  g_assert_cmpfloat (cell (t, "14–17", 1), ==, 1);
  g_assert_cmpfloat (cell (t, "18–24", 0), ==, 2);
  g_assert_cmpfloat (cell (t, "18–24", 1), ==, 1);
  g_assert_cmpfloat (cell (t, "25–29", 0), ==, 2);
  g_assert_cmpfloat (cell (t, "30–35", 0), ==, 0);
  g_assert_cmpfloat (cell (t, "Other ages", 0), ==, 1);
  g_assert_cmpfloat (cell (t, "Other ages", 2), ==, 0.25);
  g_assert_cmpfloat (cell (t, "Total", 0), ==, 6);
  g_assert_cmpfloat (cell (t, "Total", 1), ==, 4);
  g_assert_cmpfloat (cell (t, "Total", 2), ==, 1);

  t = find_table (report, "Sex: visits and people");
  g_assert_cmpfloat (cell (t, "Female", 0), ==, 3);
  g_assert_cmpfloat (cell (t, "Female", 1), ==, 2);
  g_assert_cmpfloat (cell (t, "Male", 0), ==, 3);
  g_assert_cmpfloat (cell (t, "Not given", 0), ==, 0);

  t = find_table (report, "District: visits and people");
  g_assert_cmpuint (t->rows->len, ==, 5);
  g_assert_cmpstr (((JdSummaryRow *) t->rows->pdata[0])->label, ==, "Auezov district");
  g_assert_cmpstr (((JdSummaryRow *) t->rows->pdata[1])->label, ==, "Medeu district");
  g_assert_cmpstr (((JdSummaryRow *) t->rows->pdata[2])->label, ==, "Almaly district");
  g_assert_cmpstr (((JdSummaryRow *) t->rows->pdata[3])->label, ==, "Not given");
  g_assert_cmpfloat (cell (t, "Medeu district", 0), ==, 2);
  g_assert_cmpfloat (cell (t, "Medeu district", 1), ==, 1);
  g_assert_cmpfloat (cell (t, "Not given", 0), ==, 1);

  t = find_table (report, "NEET status: visits and people");
  g_assert_cmpfloat (cell (t, "NEET", 0), ==, 4);
  g_assert_cmpfloat (cell (t, "NEET", 1), ==, 3);
  g_assert_cmpfloat (cell (t, "NEET", 2), ==, 0.75);
  g_assert_cmpfloat (cell (t, "Not NEET", 0), ==, 2);
  g_assert_cmpfloat (cell (t, "Not NEET", 1), ==, 1);

  t = find_table (report, "Consultations by service");
  g_assert_cmpfloat (cell (t, "Career guidance", 0), ==, 1);
  g_assert_cmpfloat (cell (t, "Career guidance", 1), ==, 1);
  g_assert_cmpfloat (cell (t, "Legal advice", 0), ==, 1);
  g_assert_cmpfloat (cell (t, "Housing", 0), ==, -1);   /* none: no row */
  g_assert_cmpfloat (cell (t, "Total", 0), ==, 4);
  g_assert_cmpfloat (cell (t, "Total", 1), ==, 1);

  t = find_table (report, "People consulted");
  g_assert_cmpfloat (cell (t, "Named", 0), ==, 3);
  g_assert_cmpfloat (cell (t, "Named", 1), ==, 2);
  g_assert_cmpfloat (cell (t, "Anonymous", 1), ==, 1);
  g_assert_cmpfloat (cell (t, "Total", 1), ==, 3);

  t = find_table (report, "Referrals by organisation");
  g_assert_cmpuint (t->rows->len, ==, 2);
  g_assert_cmpfloat (cell (t, "Total", 0), ==, 1);

  /* The permanent job starts in December: not November's. */
  t = find_table (report, "Job placements");
  g_assert_cmpfloat (cell (t, "Permanent", 0), ==, 0);
  g_assert_cmpfloat (cell (t, "Temporary", 0), ==, 1);

  t = find_table (report, "Events and participants");
  g_assert_cmpfloat (cell (t, "Lecture", 0), ==, 1);
  g_assert_cmpfloat (cell (t, "Lecture", 1), ==, 2);
  g_assert_cmpfloat (cell (t, "Lecture", 2), ==, 5);
  g_assert_cmpfloat (cell (t, "Lecture", 3), ==, 7);
  g_assert_cmpfloat (cell (t, "Total", 0), ==, 3);
  g_assert_cmpfloat (cell (t, "Total", 3), ==, 10);

  assert_sums (report);

  /* December: the permanent job, the visit at 00:10, K7, E3. */
  {
    g_autoptr(JdSummaryReport) december = jd_summary_report_new (db, "2026-12-01", "2026-12-31", NULL, &error);

    g_assert_no_error (error);
    g_assert_null (december->made_by);
    g_assert_cmpstr (december->period_label, ==, "December 2026");
    g_assert_cmpfloat (cell (find_table (december, "Job placements"), "Permanent", 0), ==, 1);
    g_assert_cmpfloat (cell (december->headline, "Visits", 0), ==, 1);
    assert_sums (december);
  }
  /* Part of a month: its days. */
  {
    g_autoptr(JdSummaryReport) part = jd_summary_report_new (db, "2026-11-01", "2026-11-15", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (part->period_label, ==, "01.11.2026 – 15.11.2026");
    /* Асель on the 3rd, Бауыржан on the 5th, Вера on the 10th. */
    g_assert_cmpfloat (cell (part->headline, "Visits", 0), ==, 3);
    g_assert_cmpfloat (cell (find_table (part, "Job placements"), "Temporary", 0), ==, 1);
    assert_sums (part);
  }
  /* A period back to front: a plain message, no report. */
  g_assert_null (jd_summary_report_new (db, "2026-11-30", "2026-11-01", NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
}

/* A receptionist may not see the centre's figures. */
static void
test_rights (void)
{
  g_autoptr(JdDb) db = november_centre ("rights.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) clerk = NULL;
  JdStaff staff = { .full_name = (char *) "Clerk", .login = (char *) "clerk",
                    .role = JD_ROLE_RECEPTIONIST, .active = TRUE };

  g_assert_true (jd_staff_add (db, &staff, "Password1", &error));
  jd_staff_sign_out (db);
  clerk = jd_staff_sign_in (db, "clerk", "Password1", &error);
  g_assert_no_error (error);
  g_assert_null (jd_summary_report_new (db, "2026-11-01", "2026-11-30", NULL, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
}

/* Binds the catalogues built in po/ and switches to @locale; FALSE when
 * the machine does not have it. */
static gboolean
use_locale (const char *locale)
{
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return setlocale (LC_ALL, locale) != NULL;
}

/* A whole month by its name, in Kazakh and in Russian. */
static void
test_month_label (void)
{
  g_autofree char *kk = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *days = NULL;
  g_autofree char *bound = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));

  if (!use_locale ("kk_KZ.UTF-8"))
    {
      bindtextdomain (GETTEXT_PACKAGE, bound);
      setlocale (LC_ALL, "");
      g_test_skip ("kk_KZ.UTF-8 is not generated here; ./test.sh makes it");
      return;
    }
  kk = jd_summary_report_period_label ("2026-11-01", "2026-11-30");
  g_assert_true (use_locale ("ru_RU.UTF-8"));
  ru = jd_summary_report_period_label ("2026-11-01", "2026-11-30");
  days = jd_summary_report_period_label ("2026-02-01", "2026-02-27");
  /* Back to the setup's language, untranslated as the other tests read it. */
  bindtextdomain (GETTEXT_PACKAGE, bound);
  setlocale (LC_ALL, "");

  g_assert_cmpstr (kk, ==, "2026 жылғы қараша");
  g_assert_cmpstr (ru, ==, "Ноябрь 2026");
  /* February without its last day is days, not the month. */
  g_assert_cmpstr (days, ==, "01.02.2026 – 27.02.2026");
}

/* The CSV: a byte order mark, the title block, each table under its
 * title after an empty line, shares as percentages. */
static void
test_csv (void)
{
  g_autoptr(JdDb) db = november_centre ("csv.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdSummaryReport) report = jd_summary_report_new (db, "2026-11-01", "2026-11-30", "Admin", &error);
  g_autofree char *path = tmp_path ("november.csv");
  g_autofree char *comma = tmp_path ("november-comma.csv");
  g_autofree char *text = NULL;
  g_autofree char *made_at = NULL;

  g_assert_no_error (error);
  g_assert_true (jd_summary_report_write_csv (report, path, ';', &error));
  g_assert_no_error (error);
  text = contents (path);
  made_at = g_strdup_printf ("Made at;%s\r\n", report->made_at);

  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFReport on the centre's work\r\n"
                                         "Centre;Орталық\r\n"
                                         "Centre code;ALM-07\r\n"
                                         "District;Medeu district\r\n"
                                         "Period;November 2026\r\n"));
  g_assert_nonnull (strstr (text, made_at));
  g_assert_nonnull (strstr (text, "Made by;Admin\r\n\r\nHeadline figures\r\nFigure;Number;Share\r\n"
                                  "Visits;6;\r\n"));
  g_assert_nonnull (strstr (text, "NEET people;3;75,0%\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\r\nAge band: visits and people\r\n"));
  g_assert_nonnull (strstr (text, "Age band;Visits;People;Share of people\r\n14–17;1;1;25,0%\r\n"));
  g_assert_nonnull (strstr (text, "Total;6;4;100,0%\r\n"));
  /* A note with the delimiter in it is quoted. */
  g_assert_nonnull (strstr (text, "\"Held: every consultation but those the person did not attend; a group"));
  g_assert_nonnull (strstr (text, "Kind of event;Events;Named participants;Head counts;Participants\r\n"));
  g_assert_true (g_str_has_suffix (text, "Total;3;3;7;10\r\n"));

  /* With commas between fields, a decimal point. */
  g_assert_true (jd_summary_report_write_csv (report, comma, ',', &error));
  g_clear_pointer (&text, g_free);
  text = contents (comma);
  g_assert_nonnull (strstr (text, "NEET people,3,75.0%\r\n"));

  /* A folder that is not there: a plain error. */
  g_assert_false (jd_summary_report_write_csv (report, "/nonexistent/folder/x.csv", ';', &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

/* Sheet names: within 31 characters, cut after a word, unique. */
static void
test_sheet_names (void)
{
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  const char *a = jd_summary_sheet_name ("Visits and people by NEET status", used);
  const char *b = jd_summary_sheet_name ("Visits and people by NEET status, again", used);
  const char *c = jd_summary_sheet_name ("Посещения и люди по возрастным группам", used);
  const char *d = jd_summary_sheet_name ("Summary", used);
  const char *e = jd_summary_sheet_name ("Summary", used);
  const char *f = jd_summary_sheet_name ("A:very/long[name]withoutanyspacesatallreally", used);
  /* Cut after "келулер": its last letter shares a byte with a dash. */
  const char *g = jd_summary_sheet_name ("NEET мәртебесі бойынша келулер мен адамдар", used);
  const char *h = jd_summary_sheet_name ("Visits, people – and more of them, by district", used);
  const char *i = jd_summary_sheet_name ("Статус NEET: посещения и люди", used);

  g_assert_cmpstr (a, ==, "Visits and people by NEET");
  g_assert_cmpstr (b, ==, "Visits and people by NEET (2)");
  g_assert_cmpstr (c, ==, "Посещения и люди по возрастным");
  g_assert_cmpstr (d, ==, "Summary");
  g_assert_cmpstr (e, ==, "Summary (2)");
  g_assert_cmpint (g_utf8_strlen (f, -1), ==, 31);
  g_assert_null (strpbrk (f, "[]:*?/\\"));
  g_assert_cmpstr (g, ==, "NEET мәртебесі бойынша келулер");
  g_assert_cmpstr (h, ==, "Visits, people – and more of");
  g_assert_cmpstr (i, ==, "Статус NEET – посещения и люди");
}

/* The workbook: a title sheet and one per table, through the export
 * (as --export summary --output FILE.xlsx does), and the export's own
 * choice of format. */
static void
test_xlsx (void)
{
  g_autoptr(JdDb) db = november_centre ("xlsx.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("november.xlsx");
  g_autofree char *pdf = tmp_path ("november.pdf");
  g_autofree char *listing = NULL;
  g_autofree char *unzip = g_find_program_in_path ("unzip");
  const char *argv[] = { "unzip", "-l", path, NULL };
  JdExportOptions options = { JD_EXPORT_SUMMARY, "2026-11-01", "2026-11-30", ';', FALSE, JD_EXPORT_FORMAT_XLSX };
  guint rows = 0;
  int status = 0;

  g_assert_true (jd_export_to_file (db, &options, path, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  /* 13 headline figures; tables: 6 + 4 + 5 + 3 + 5 + 3 + 2 + 3 + 4 rows. */
  g_assert_cmpuint (rows, ==, 13 + 6 + 4 + 5 + 3 + 5 + 3 + 2 + 3 + 4);
  if (unzip == NULL)
    {
      g_test_message ("no unzip here: the workbook's contents are not read");
    }
  else
    {
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &listing, NULL,
                                   &status, &error));
      g_assert_no_error (error);
      g_assert_cmpint (status, ==, 0);
      g_assert_nonnull (strstr (listing, "xl/worksheets/sheet1.xml"));
      g_assert_nonnull (strstr (listing, "xl/worksheets/sheet10.xml"));
      g_assert_null (strstr (listing, "xl/worksheets/sheet11.xml"));
      {
        const char *show[] = { "unzip", "-p", path, "xl/workbook.xml", NULL };
        g_autofree char *book = NULL;

        g_assert_true (g_spawn_sync (NULL, (char **) show, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &book, NULL,
                                     &status, &error));
        g_assert_no_error (error);
        g_assert_true (g_utf8_validate (book, -1, NULL));
        g_assert_nonnull (strstr (book, "<sheet name=\"Report\" sheetId=\"1\""));
        g_assert_nonnull (strstr (book, "<sheet name=\"NEET status – visits and people\" sheetId=\"5\""));
        g_assert_nonnull (strstr (book, "<sheet name=\"Events and participants\" sheetId=\"10\""));
        /* Headings repeat on every printed page of a table (row 7: the
         * title lines, an empty row and the note above them). */
        g_assert_nonnull (strstr (book, "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">"
                                        "'Age band – visits and people'!$7:$7</definedName>"));
      }
    }

  /* A PDF of any other report is refused before anything is written. */
  options.kind = JD_EXPORT_VISITS;
  options.format = JD_EXPORT_FORMAT_PDF;
  g_assert_false (jd_export_to_file (db, &options, pdf, NULL, NULL, NULL, &rows, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cmd = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/summary-report/figures", test_figures);
  g_test_add_func ("/jd/summary-report/rights", test_rights);
  g_test_add_func ("/jd/summary-report/csv", test_csv);
  g_test_add_func ("/jd/summary-report/sheet-names", test_sheet_names);
  g_test_add_func ("/jd/summary-report/xlsx", test_xlsx);
  /* Last: it binds the built catalogues. */
  g_test_add_func ("/jd/summary-report/month-label", test_month_label);

  status = g_test_run ();
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  return status;
}
