/* jd-demo-visits.c: the demo centre's visits and their days
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"

/* Purposes weighted by how often people come for them. */
static const char * const purposes[] = {
  "employment", "employment", "employment", "career", "career", "psychological",
  "psychological", "legal", "event", "event", "course", "course", "entrepreneurship",
  "education", "housing", "health", "coworking", "coworking", "leisure", "other",
};

/* Days from the anchor day to the day of @when (negative before). */
int
jd_demo_day_of (Demo   *demo,
                gint64  when)
{
  gint64 seconds = when - demo->anchor;

  return (int) (seconds >= 0 ? seconds / DAY : -((-seconds + DAY - 1) / DAY));
}

/* 'YYYY-MM-DD' of the day @offset days from the anchor day. */
void
jd_demo_format_day (Demo *demo,
                    int   offset,
                    char  text[11])
{
  GDate day = demo->anchor_day;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);

  g_snprintf (text, 11, "%04u-%02u-%02u", g_date_get_year (&day), g_date_get_month (&day),
              g_date_get_day (&day));
}

/* The age on the day @offset days from the anchor day of someone born
 * on @birth, counted as JD_SQL_AGE_AT () counts it. */
int
jd_demo_age_on (Demo        *demo,
                const GDate *birth,
                int          offset)
{
  GDate day = demo->anchor_day;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);

  return ((int) (g_date_get_year (&day) * 10000 + g_date_get_month (&day) * 100 + g_date_get_day (&day)) -
          (int) (g_date_get_year (birth) * 10000 + g_date_get_month (birth) * 100 + g_date_get_day (birth))) /
         10000;
}

/* A time on one of the @days days up to the anchor day (the anchor day
 * included), mostly on weekdays and between 10 and 18. */
gint64
jd_demo_visit_time (Demo *demo,
                    guint days)
{
  for (;;)
    {
      guint day = rng_below (&demo->rng, days);
      int weekday = ((demo->anchor_weekday - 1 - (int) (day % 7)) + 7) % 7 + 1;
      int hour = 9 + (int) rng_below (&demo->rng, 5) + (int) rng_below (&demo->rng, 6);

      /* Open at weekends too, but quieter. */
      if (weekday >= 6 && rng_chance (&demo->rng, 0.7))
        continue;

      return demo->anchor - (gint64) day * DAY + hour * 3600 + rng_below (&demo->rng, 3600);
    }
}

/* The visits of @person at the times @visits (in order), each with
 * its purposes and, for a service, now and then a consultation; a job
 * found through one changes the occupation on the visits after it and
 * on the person. */
gboolean
jd_demo_add_visits (Demo          *demo,
                    Person        *person,
                    const gint64  *visits,
                    guint          n_visits,
                    GError       **error)
{
  Rng *rng = &demo->rng;
  const char *occupation = person->occupation;
  JdStmt *stmt;

  for (guint v = 0; v < n_visits; v++)
    {
      gint64 when = visits[v];
      const char *purpose = PICK (rng, purposes);
      gboolean placed = FALSE;
      gint64 visit_id;
      gint64 time_out = 0;
      int age;

      if (rng_chance (rng, 0.6))
        time_out = when + 1800 + rng_below (rng, 3 * 3600);
      age = jd_demo_age_on (demo, &person->birth, jd_demo_day_of (demo, when));

      /* The sex, age and district the visit's trigger takes from the
       * visitor, given here: the same values, so the trigger's update
       * does not move the visit in the statistics' summary. */
      if (demo->visits != NULL)
        {
          if (!jd_demo_next_visit_id (demo, &visit_id, error))
            return FALSE;
          jd_demo_batch_int64 (demo->visits, 1, visit_id);
          jd_demo_batch_int64 (demo->visits, 2, person->id);
          jd_demo_batch_int64 (demo->visits, 3, when);
          if (time_out != 0)
            jd_demo_batch_int64 (demo->visits, 4, time_out);
          else
            jd_demo_batch_text (demo->visits, 4, NULL);
          jd_demo_batch_text (demo->visits, 5, person->occupation);
          jd_demo_batch_int64 (demo->visits, 6, demo->receptionist);
          jd_demo_batch_text (demo->visits, 7, person->male ? "male" : "female");
          jd_demo_batch_int64 (demo->visits, 8, age);
          if (person->district != 0)
            jd_demo_batch_int64 (demo->visits, 9, person->district);
          else
            jd_demo_batch_text (demo->visits, 9, NULL);
          jd_demo_batch_row_done (demo->visits);
        }
      else
        {
          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO visit (visitor_id, time_in, time_out, centre_code, occupation,"
                                " staff_id, created_at, updated_at, sex, age, district_id)"
                                " VALUES (?1, ?2, ?3, 'DEMO', ?4, ?5, ?2, ?2, ?6, ?7, ?8)",
                                error);
          if (stmt == NULL)
            return FALSE;
          jd_stmt_bind_int64 (stmt, 1, person->id);
          jd_stmt_bind_int64 (stmt, 2, when);
          if (time_out != 0)
            jd_stmt_bind_int64 (stmt, 3, time_out);
          /* The occupation when they came, which a job found changes. */
          jd_stmt_bind_text_static (stmt, 4, person->occupation);
          jd_stmt_bind_int64 (stmt, 5, demo->receptionist);
          jd_stmt_bind_text_static (stmt, 6, person->male ? "male" : "female");
          jd_stmt_bind_int (stmt, 7, age);
          if (person->district != 0)
            jd_stmt_bind_int64 (stmt, 8, person->district);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
          visit_id = last_id (demo);
        }

      for (guint p = 0; p < (rng_chance (rng, 0.3) ? 2u : 1u); p++)
        {
          const char *this_purpose = p == 0 ? purpose : PICK (rng, purposes);

          if (demo->purposes != NULL)
            {
              jd_demo_batch_int64 (demo->purposes, 1, visit_id);
              jd_demo_batch_text (demo->purposes, 2, this_purpose);
              jd_demo_batch_int64 (demo->purposes, 3, when);
              jd_demo_batch_row_done (demo->purposes);
              continue;
            }
          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO visit_purpose (visit_id, purpose, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING",
                                error);
          if (stmt == NULL)
            return FALSE;
          jd_stmt_bind_int64 (stmt, 1, visit_id);
          jd_stmt_bind_text_static (stmt, 2, this_purpose);
          jd_stmt_bind_int64 (stmt, 3, when);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
        }

      /* One visit in three for a service ends in a consultation. */
      if (jd_demo_is_service (purpose) && rng_chance (rng, 0.3) &&
          !jd_demo_add_consultation (demo, person, visit_id, when, purpose, &placed, error))
        return FALSE;

      if (placed)
        person->occupation = "employed";
    }

  if (person->occupation != occupation)
    {
      /* Its trigger rewrites the person's visits: they are written first. */
      if (demo->visits != NULL && !jd_demo_flush (demo, error))
        return FALSE;
      stmt = jd_db_prepare (demo->db,
                            "UPDATE visitor SET occupation = ?2, updated_at = ?3 WHERE id = ?1",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, person->id);
      jd_stmt_bind_text_static (stmt, 2, person->occupation);
      jd_stmt_bind_int64 (stmt, 3, visits[n_visits - 1]);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}
