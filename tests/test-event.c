/* test-event.c: events, series, capacity, attendance and the visit-once
 * rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-db-private.h"
#include "jd-event-item.h"
#include "jd-event.h"
#include "jd-staff.h"
#include "jd-stats.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "visitor-helpers.h"

typedef struct
{
  char   *dir;
  JdDb   *db;
  gint64  aida, bolat;
} Fixture;

static gint64
at (int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (jd_db_get_time_zone (NULL), year, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

static gint64
add_visitor (Fixture    *f,
             const char *surname)
{
  return test_add_visitor (f->db, &(TestVisitor) { .surname = surname });
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JdStaff) admin = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  path = test_db_location_new_in (f->dir, "jastar.db");
  f->db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (f->db, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  f->aida = add_visitor (f, "Әлиева");
  f->bolat = add_visitor (f, "Бекұлы");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  jd_db_close (f->db);
  test_db_forget_in (f->dir, "jastar.db");
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (f->dir);
}

static JdEvent *
lecture (gint64 starts_at)
{
  JdEvent *event = jd_event_new ();

  event->title = g_strdup ("  Қаржылық сауаттылық  ");
  event->starts_at = starts_at;
  event->ends_at = starts_at + 90 * 60;
  event->place = g_strdup ("Актовый зал");
  event->capacity = 2;
  return event;
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JdEvent) event = lecture (at (2026, 12, 1, 18, 0));
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_event_validate (event, &error));
  g_assert_cmpstr (event->title, ==, "Қаржылық сауаттылық");

  event->ends_at = event->starts_at;
  g_assert_false (jd_event_validate (event, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  event->ends_at = event->starts_at + 25 * 3600;
  g_assert_false (jd_event_validate (event, NULL));
  event->ends_at = event->starts_at + 3600;

  g_free (event->kind);
  event->kind = g_strdup ("party");
  g_assert_false (jd_event_validate (event, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_free (event->kind);
  event->kind = g_strdup ("quiz");

  g_free (event->title);
  event->title = g_strdup ("   ");
  g_assert_false (jd_event_validate (event, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
}

/* A weekly club of four sessions: same local time, one series. */
static void
test_series (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdEvent) club = lecture (at (2026, 12, 3, 18, 30));
  g_autoptr(GPtrArray) upcoming = NULL;
  gint64 first;

  g_free (club->kind);
  club->kind = g_strdup ("club");
  g_assert_cmpint (jd_event_insert (f->db, club, 53, &error), ==, 0);
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);

  first = jd_event_insert (f->db, club, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM event"), ==, 4);
  g_assert_cmpint (query_int (f->db, "SELECT count(DISTINCT series_id) FROM event"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT min(series_id) = min(id) FROM event"), ==, 1);

  upcoming = jd_event_list (f->db, TRUE, at (2026, 12, 1, 0, 0), 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upcoming->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      JdEvent *e = upcoming->pdata[i];
      g_autoptr(GDateTime) local = jd_db_local_time (NULL, e->starts_at);

      g_assert_cmpint (e->starts_at, ==, at (2026, 12, 3 + 7 * (int) i, 18, 30));
      g_assert_cmpint (g_date_time_get_day_of_week (local), ==, 4);   /* Thursday */
      g_assert_cmpint (e->series_id, ==, first);
    }

  /* A single lecture is no series. */
  g_clear_pointer (&club, jd_event_free);
  club = lecture (at (2026, 12, 5, 10, 0));
  g_assert_cmpint (jd_event_insert (f->db, club, 1, &error), >, 0);
  g_assert_cmpint (club->series_id, ==, 0);
}

/* Two events and the front desk on one day: one visit. */
static void
test_visit_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdEvent) morning = lecture (at (2026, 11, 10, 10, 0));
  g_autoptr(JdEvent) evening = lecture (at (2026, 11, 10, 18, 0));
  g_autoptr(JdEvent) next_day = lecture (at (2026, 11, 11, 12, 0));
  g_autoptr(JdStats) stats = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gboolean full = TRUE;
  gint64 a1, a2, a3, b1, head;

  jd_event_insert (f->db, morning, 1, &error);
  jd_event_insert (f->db, evening, 1, &error);
  jd_event_insert (f->db, next_day, 1, &error);
  g_assert_no_error (error);

  /* Aida came to the front desk that day for a consultation first. */
  g_assert_cmpint (jd_visit_check_in (f->db, f->aida, (const char *[]) { "career", NULL },
                                      at (2026, 11, 10, 9, 0), &error), >, 0);

  a1 = jd_event_check_in (f->db, morning->id, f->aida, &full, &error);
  g_assert_no_error (error);
  g_assert_false (full);
  a2 = jd_event_check_in (f->db, evening->id, f->aida, &full, &error);
  a3 = jd_event_check_in (f->db, next_day->id, f->aida, &full, &error);
  b1 = jd_event_check_in (f->db, morning->id, f->bolat, &full, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a1 * a2 * a3 * b1, >, 0);
  /* Capacity two: full now, not before. */
  g_assert_false (full);

  /* Twice into the same event: refused. */
  g_assert_cmpint (jd_event_check_in (f->db, morning->id, f->bolat, &full, &error), ==, 0);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The third person to a full lecture: in, with the warning. */
  head = jd_event_add_head_count (f->db, morning->id, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (head, >, 0);
  g_assert_cmpint (jd_event_add_head_count (f->db, morning->id, 0, &error), ==, 0);
  g_clear_error (&error);
  {
    gint64 c = add_visitor (f, "Жанова");

    g_assert_cmpint (jd_event_check_in (f->db, morning->id, c, &full, &error), >, 0);
    g_assert_true (full);
  }

  /* Aida: one visit on the 10th (the front desk one, now also "event"),
   * one on the 11th; Bolat one. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visit"), ==, 4);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visit_purpose WHERE purpose = 'event'"), ==, 4);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visit_purpose WHERE purpose = 'career'"), ==, 1);

  stats = jd_stats_compute (f->db, "2026-11-10", "2026-11-12", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->visits, ==, 4);
  g_assert_cmpuint (stats->events, ==, 3);
  g_assert_cmpuint (stats->participants, ==, 4 + 5 + 1);
  g_assert_cmpuint (stats->participants_unique, ==, 3);

  /* Undo Bolat's check-in: his visit, made for it alone, goes too;
   * Aida's evening: her day's visit stays (the morning is still there). */
  g_assert_true (jd_event_remove_attendance (f->db, b1, &error));
  g_assert_no_error (error);
  g_assert_true (jd_event_remove_attendance (f->db, a2, &error));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visit"), ==, 3);
  g_assert_false (jd_event_remove_attendance (f->db, b1, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  list = jd_event_attendance (f->db, morning->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);   /* Aida, the head count, Zhanova */
}

/* The items the events page lists are copies: they outlive what they
 * were made from. */
static void
test_items (void)
{
  JdEvent *event = jd_event_new ();
  JdAttendance entry = { 7, 3, g_strdup ("Асанов Ержан"), 0, 1700000000 };
  JdAttendance crowd = { 8, 0, NULL, 40, 1700000060 };
  g_autoptr(JdEventItem) item = NULL;
  g_autoptr(JdAttendanceItem) person = NULL;
  g_autoptr(JdAttendanceItem) head_count = NULL;

  event->id = 5;
  event->title = g_strdup ("Мастер-класс");
  event->starts_at = 1700000000;
  event->ends_at = 1700003600;
  event->capacity = 30;
  event->participants = 12;
  item = jd_event_item_new (event);
  person = jd_attendance_item_new (event->id, &entry);
  head_count = jd_attendance_item_new (event->id, &crowd);
  jd_event_free (event);
  g_free (entry.visitor_name);

  g_assert_cmpint (jd_event_item_get_id (item), ==, 5);
  g_assert_cmpstr (jd_event_item_get_title (item), ==, "Мастер-класс");
  g_assert_null (jd_event_item_get_place (item));
  g_assert_cmpint (jd_event_item_get_ends_at (item) - jd_event_item_get_starts_at (item), ==, 3600);
  g_assert_cmpuint (jd_event_item_get_capacity (item), ==, 30);
  g_assert_cmpuint (jd_event_item_get_participants (item), ==, 12);

  g_assert_cmpint (jd_attendance_item_get_id (person), ==, 7);
  g_assert_cmpint (jd_attendance_item_get_event_id (person), ==, 5);
  g_assert_cmpint (jd_attendance_item_get_visitor_id (person), ==, 3);
  g_assert_cmpstr (jd_attendance_item_get_visitor_name (person), ==, "Асанов Ержан");
  g_assert_cmpint (jd_attendance_item_get_checked_in_at (person), ==, 1700000000);
  g_assert_cmpint (jd_attendance_item_get_visitor_id (head_count), ==, 0);
  g_assert_null (jd_attendance_item_get_visitor_name (head_count));
  g_assert_cmpuint (jd_attendance_item_get_head_count (head_count), ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Asia/Almaty", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/jd/event/validate", test_validate);
  ADD ("/jd/event/series", test_series);
  ADD ("/jd/event/visit-once", test_visit_once);
#undef ADD
  g_test_add_func ("/jd/event/items", test_items);

  return g_test_run ();
}
