/* jd-demo-events.c: the demo centre's events and who came
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"
#include "jd-event-private.h"

typedef struct
{
  const char *kind;
  const char *title;
  guint       sessions;   /* weekly sessions of one series */
} EventKind;

static const EventKind event_kinds[] = {
  { "lecture", "Дәріс: Қаржылық сауаттылық", 1 },
  { "lecture", "Лекция: Как составить резюме", 1 },
  { "seminar", "Семинар «Бизнес бастау»", 1 },
  { "seminar", "Семинар: Otbasy bank и жильё для молодых семей", 1 },
  { "masterclass", "Мастер-класс по мобильной фотографии", 1 },
  { "masterclass", "Шеберлік сабағы: SMM негіздері", 1 },
  { "course", "Курс английского языка", 8 },
  { "course", "IT курсы: Python негіздері", 6 },
  { "eco_action", "Экоакция «Таза Алматы»", 1 },
  { "tournament", "Турнир по мини-футболу", 1 },
  { "tournament", "Шахмат турнирі", 1 },
  { "quiz", "Интеллектуальная игра «Брейн-ринг»", 1 },
  { "meeting", "Встреча с работодателями", 1 },
  { "club", "Разговорный клуб «Qazaq tili»", 4 },
  { "other", "Күн ашық есік: орталықпен танысу", 1 },
};

/* People checked in to a past event the way the app does it: the
 * check-in is the person's visit of that day, found or made
 * (jd_event_visit_for_day ()). Only people registered by then come. */
static gboolean
add_attendance (Demo    *demo,
                gint64   event_id,
                gint64   starts,
                guint    capacity,
                GError **error)
{
  guint attendees = 5 + rng_below (&demo->rng, capacity - 4);

  for (guint a = 0; a < attendees; a++)
    {
      const Registered *person = &g_array_index (demo->people, Registered,
                                                 rng_below (&demo->rng, demo->people->len));
      gint64 at = starts - rng_below (&demo->rng, 900);
      gint64 day_start = demo->anchor + (gint64) jd_demo_day_of (demo, at) * DAY;
      JdStmt *stmt;
      gint64 visit;

      if (person->created > at)
        continue;

      visit = jd_event_visit_for_day (demo->db, person->id, day_start, day_start + DAY, at,
                                      demo->receptionist, "DEMO", at, error);
      if (visit == 0)
        return FALSE;

      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO attendance (event_id, visitor_id, visit_id, checked_in_at,"
                            " staff_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?4, ?4)"
                            " ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, event_id);
      jd_stmt_bind_int64 (stmt, 2, person->id);
      jd_stmt_bind_int64 (stmt, 3, visit);
      jd_stmt_bind_int64 (stmt, 4, at);
      jd_stmt_bind_int64 (stmt, 5, demo->receptionist);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* About five events per thousand visitors; courses and clubs as weekly
 * series sharing the id of their first session. */
gboolean
jd_demo_add_events (Demo    *demo,
                    guint    n_events,
                    GError **error)
{
  for (guint e = 0; e < n_events;)
    {
      const EventKind *kind = &event_kinds[rng_below (&demo->rng, G_N_ELEMENTS (event_kinds))];
      gint64 starts = jd_demo_visit_time (demo, 365) / 3600 * 3600;
      guint capacity = 20 + 10 * rng_below (&demo->rng, 9);
      guint hours = 1 + rng_below (&demo->rng, 3);
      const char *place = rng_chance (&demo->rng, 0.8) ? "Үлкен зал" : "Коворкинг";
      gint64 series_id = 0;

      /* A series runs weekly back from its start, within the year. */
      for (guint s = 0; s < kind->sessions && e < n_events; s++, e++)
        {
          gint64 at = starts - (gint64) (kind->sessions - 1 - s) * 7 * DAY;
          JdStmt *stmt;
          gint64 event_id;

          stmt = jd_db_prepare (demo->db,
                                "INSERT INTO event (title, kind, starts_at, ends_at, place, capacity,"
                                " organiser, series_id, created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                                error);
          if (stmt == NULL)
            return FALSE;
          jd_stmt_bind_text_static (stmt, 1, kind->title);
          jd_stmt_bind_text_static (stmt, 2, kind->kind);
          jd_stmt_bind_int64 (stmt, 3, at);
          jd_stmt_bind_int64 (stmt, 4, at + 3600 * hours);
          jd_stmt_bind_text_static (stmt, 5, place);
          jd_stmt_bind_int (stmt, 6, (int) capacity);
          jd_stmt_bind_text_static (stmt, 7, "Жастар орталығы");
          if (series_id != 0)
            jd_stmt_bind_int64 (stmt, 8, series_id);
          jd_stmt_bind_int64 (stmt, 9, at - 14 * DAY);
          if (!jd_db_step_done (demo->db, stmt, error))
            return FALSE;
          event_id = last_id (demo);
          if (kind->sessions > 1 && series_id == 0)
            series_id = event_id;

          if (!add_attendance (demo, event_id, at, capacity, error))
            return FALSE;

          /* Open-air events count heads too. */
          if (g_str_equal (kind->kind, "eco_action"))
            {
              stmt = jd_db_prepare (demo->db,
                                    "INSERT INTO attendance (event_id, head_count, checked_in_at,"
                                    " created_at, updated_at) VALUES (?1, ?2, ?3, ?3, ?3)",
                                    error);
              if (stmt == NULL)
                return FALSE;
              jd_stmt_bind_int64 (stmt, 1, event_id);
              jd_stmt_bind_int (stmt, 2, 10 + (int) rng_below (&demo->rng, 40));
              jd_stmt_bind_int64 (stmt, 3, at);
              if (!jd_db_step_done (demo->db, stmt, error))
                return FALSE;
            }
        }
    }

  /* And a calendar ahead: the next four weeks, nobody checked in yet. */
  for (guint e = 0; e < MAX (3, n_events * 28 / 365); e++)
    {
      const EventKind *kind = &event_kinds[rng_below (&demo->rng, G_N_ELEMENTS (event_kinds))];
      gint64 at = demo->anchor + (gint64) (1 + rng_below (&demo->rng, 28)) * DAY +
                  (10 + (gint64) rng_below (&demo->rng, 8)) * 3600;
      JdStmt *stmt;

      stmt = jd_db_prepare (demo->db,
                            "INSERT INTO event (title, kind, starts_at, ends_at, place, capacity,"
                            " organiser, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_text_static (stmt, 1, kind->title);
      jd_stmt_bind_text_static (stmt, 2, kind->kind);
      jd_stmt_bind_int64 (stmt, 3, at);
      jd_stmt_bind_int64 (stmt, 4, at + 2 * 3600);
      jd_stmt_bind_text_static (stmt, 5, rng_chance (&demo->rng, 0.8) ? "Үлкен зал" : "Коворкинг");
      jd_stmt_bind_int (stmt, 6, (int) (20 + 10 * rng_below (&demo->rng, 9)));
      jd_stmt_bind_text_static (stmt, 7, "Жастар орталығы");
      jd_stmt_bind_int64 (stmt, 8, demo->anchor);
      if (!jd_db_step_done (demo->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}
