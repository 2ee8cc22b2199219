/* test-visitor-list.c: the list of visitors, its filters and history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "engine-helpers.h"

#include "jd-db-private.h"
#include "jd-visit.h"
#include "jd-visitor-list.h"
#include "jd-visitor.h"
#include "jd-staff.h"

static char *tmp_dir;
static JdDb *db;
static gint64 alia, bolat, dana, erlan, zhanna;

static char *
birth_for_age (int years)
{
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) earlier = g_date_time_add_days (now, -10);
  g_autoptr(GDateTime) birth = g_date_time_add_years (earlier, -years);

  return g_date_time_format (birth, "%Y-%m-%d");
}

static gint64
add (const char *surname,
     const char *given,
     int         age,
     const char *district,
     const char *occupation)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GError) error = NULL;

  v->surname = g_strdup (surname);
  v->given_name = g_strdup (given);
  v->birth_date = birth_for_age (age);
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup (district);
  v->occupation = g_strdup (occupation);
  v->consent_given = TRUE;
  if (age < 18)
    {
      v->consent_by_guardian = TRUE;
      v->guardian_name = g_strdup ("Ата-ана");
      v->guardian_phone = g_strdup ("+77010000000");
    }
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_no_error (error);
  return v->id;
}

/* The ids a filter gives, as "a,b,c" in list order. */
static char *
ids_for (const JdVisitorFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = jd_visitor_list_ids (db, filter, NULL, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

static char *
expect (gint64 a, gint64 b, gint64 c, gint64 d, gint64 e)
{
  gint64 all[] = { a, b, c, d, e };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all) && all[i] > 0; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i ? "," : "", all[i]);
  return g_string_free (out, FALSE);
}

#define ASSERT_IDS(filter, a, b, c, d, e) \
  G_STMT_START { \
    g_autofree char *got_ = ids_for (filter); \
    g_autofree char *want_ = expect (a, b, c, d, e); \
    g_assert_cmpstr (got_, ==, want_); \
  } G_STMT_END

static void
test_filters (void)
{
  JdVisitorFilter f = { 0 };

  /* Everyone, alphabetically by folded name (Ә sorts after А-Я in code
   * points, so Әбенова is last). */
  ASSERT_IDS (NULL, bolat, dana, erlan, zhanna, alia);
  ASSERT_IDS (&f, bolat, dana, erlan, zhanna, alia);
  g_assert_true (jd_visitor_filter_is_empty (&f));

  f.district_code = g_strdup ("almaty-medeu");
  g_assert_false (jd_visitor_filter_is_empty (&f));
  ASSERT_IDS (&f, dana, alia, 0, 0, 0);
  jd_visitor_filter_clear (&f);

  f.occupation = g_strdup ("school");
  ASSERT_IDS (&f, zhanna, 0, 0, 0, 0);
  jd_visitor_filter_clear (&f);

  /* NEET: unemployed looking for work, and not working and not looking. */
  f.neet_only = TRUE;
  ASSERT_IDS (&f, bolat, erlan, 0, 0, 0);
  jd_visitor_filter_clear (&f);

  /* Ages today: 16, 20, 27, 33 and 35. */
  f.age_min = 14;
  f.age_max = 17;
  ASSERT_IDS (&f, zhanna, 0, 0, 0, 0);
  f.age_min = 18;
  f.age_max = 24;
  ASSERT_IDS (&f, bolat, 0, 0, 0, 0);
  f.age_min = 30;
  f.age_max = 35;
  ASSERT_IDS (&f, erlan, alia, 0, 0, 0);
  f.age_min = 36;
  f.age_max = 0;
  ASSERT_IDS (&f, 0, 0, 0, 0, 0);
  jd_visitor_filter_clear (&f);

  /* Registered in a period. */
  f.registered_from = jd_db_now () - 3600;
  ASSERT_IDS (&f, bolat, dana, erlan, zhanna, alia);
  f.registered_from = jd_db_now () + 3600;
  ASSERT_IDS (&f, 0, 0, 0, 0, 0);
  jd_visitor_filter_clear (&f);

  /* Filters combine. */
  f.neet_only = TRUE;
  f.district_code = g_strdup ("almaty-auezov");
  ASSERT_IDS (&f, erlan, 0, 0, 0, 0);
  jd_visitor_filter_clear (&f);
}

static void
visit_at (gint64 visitor,
          gint64 when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jd_visit_check_in (db, visitor, (const char *[]) { "leisure", NULL }, when, &error), >, 0);
  g_assert_no_error (error);
}

/* People who came in a period, and as recorded at such a visit: the
 * lists the dashboard's tiles and bars open. */
static void
test_visit_filters (void)
{
  JdVisitorFilter f = { 0 };
  gint64 now = jd_db_now ();

  /* In the five days before now: Болатова (20, Алмалы, NEET), Данова (27,
   * Медеу, student) and Ерланова twice (33, Әуезов, NEET); Әбенова a
   * month ago. */
  visit_at (bolat, now - 2 * 86400);
  visit_at (dana, now - 3 * 86400);
  visit_at (erlan, now - 86400);
  visit_at (erlan, now - 2 * 86400);
  visit_at (alia, now - 30 * 86400);

  f.visited_from = now - 5 * 86400;
  f.visited_to = now;
  g_assert_false (jd_visitor_filter_is_empty (&f));
  ASSERT_IDS (&f, bolat, dana, erlan, 0, 0);

  f.visit_neet = TRUE;
  ASSERT_IDS (&f, bolat, erlan, 0, 0, 0);
  f.visit_neet = FALSE;

  f.visit_district_code = g_strdup ("almaty-medeu");
  ASSERT_IDS (&f, dana, 0, 0, 0, 0);
  g_clear_pointer (&f.visit_district_code, g_free);

  f.visit_age_min = 18;
  f.visit_age_max = 24;
  ASSERT_IDS (&f, bolat, 0, 0, 0, 0);
  f.visit_age_min = 30;
  f.visit_age_max = 35;
  ASSERT_IDS (&f, erlan, 0, 0, 0, 0);
  f.visit_age_min = f.visit_age_max = 0;

  f.visit_sex = JD_SEX_MALE;
  ASSERT_IDS (&f, 0, 0, 0, 0, 0);
  f.visit_sex = JD_SEX_FEMALE;
  ASSERT_IDS (&f, bolat, dana, erlan, 0, 0);
  f.visit_sex = JD_SEX_UNKNOWN;

  /* A month back takes in Әбенова; the visitor's own filters combine. */
  f.visited_from = now - 40 * 86400;
  ASSERT_IDS (&f, bolat, dana, erlan, alia, 0);
  f.occupation = g_strdup ("employed");
  ASSERT_IDS (&f, alia, 0, 0, 0, 0);
  jd_visitor_filter_clear (&f);
  g_assert_true (jd_visitor_filter_is_empty (&f));
}

static void
test_rows (void)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[] = { alia, 999999, zhanna };
  g_autoptr(GPtrArray) rows = jd_visitor_list_rows (db, ids, 3, &error);
  const JdVisitorSummary *first;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  first = rows->pdata[0];
  g_assert_cmpstr (first->display_name, ==, "Әбенова Әлия");
  g_assert_cmpstr (first->district_code, ==, "almaty-medeu");
  g_assert_cmpstr (first->occupation, ==, "employed");
  g_assert_null (rows->pdata[1]);  /* no such visitor */
  g_assert_cmpint (((JdVisitorSummary *) rows->pdata[2])->id, ==, zhanna);
}

static void
test_history (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *first[] = { "legal", "housing", NULL };
  const char *second[] = { "event", NULL };
  gint64 now = jd_db_now ();
  JdStmt *stmt;
  JdHistoryEntry *e;

  g_assert_cmpint (jd_visit_check_in (db, dana, first, now - 86400, &error), >, 0);
  g_assert_cmpint (jd_visit_check_in (db, dana, second, now - 3600, &error), >, 0);
  stmt = jd_db_prepare (db,
                        "INSERT INTO consultation (visitor_id, service, started_at, duration_min,"
                        " outcome, created_at, updated_at) VALUES (?1, 'legal', ?2, 30, 'resolved', ?2, ?2)",
                        NULL);
  jd_stmt_bind_int64 (stmt, 1, dana);
  jd_stmt_bind_int64 (stmt, 2, now - 80000);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);

  history = jd_visitor_history (db, dana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  /* Newest first: the event visit, the consultation, the first visit. */
  e = history->pdata[0];
  g_assert_cmpint (e->kind, ==, JD_HISTORY_VISIT);
  g_assert_cmpstr (e->what, ==, "event");
  e = history->pdata[1];
  g_assert_cmpint (e->kind, ==, JD_HISTORY_CONSULTATION);
  g_assert_cmpstr (e->what, ==, "legal");
  g_assert_cmpstr (e->detail, ==, "resolved");
  e = history->pdata[2];
  g_assert_cmpstr (e->what, ==, "legal,housing");

  g_clear_pointer (&history, g_ptr_array_unref);
  history = jd_visitor_history (db, alia, &error);
  g_assert_cmpuint (history->len, ==, 0);
}

/* Each role sees what it may: a receptionist visits and events, never
 * that someone sees a psychologist; a specialist the consultations of
 * their own services; managers and administrators everything. */
static void
test_history_by_role (void)
{
  static const struct { const char *login; JdRole role; const char *service; const char *sees; } roles[] = {
    { "desk", JD_ROLE_RECEPTIONIST, NULL, "visit:psychological event:Квиз visit:event" },
    { "psy", JD_ROLE_SPECIALIST, "psychological",
      "consultation:psychological visit:psychological event:Квиз visit:event" },
    { "lawyer", JD_ROLE_SPECIALIST, "legal",
      "visit:psychological event:Квиз visit:event consultation:legal" },
    { "head", JD_ROLE_MANAGER, NULL,
      "consultation:psychological visit:psychological event:Квиз visit:event consultation:legal" },
    { "admin", JD_ROLE_ADMINISTRATOR, NULL,
      "consultation:psychological visit:psychological event:Квиз visit:event consultation:legal" },
  };
  static const char *const kinds[] = { "visit", "consultation", "event" };
  const char *psychological[] = { "psychological", NULL };
  const char *event[] = { "event", NULL };
  g_autoptr(GError) error = NULL;
  gint64 now = jd_db_now ();
  JdStmt *stmt;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      JdStaff staff = { .full_name = (char *) roles[i].login, .login = (char *) roles[i].login,
                        .role = roles[i].role, .active = TRUE,
                        .services = (char *[]) { (char *) roles[i].service, NULL } };

      g_assert_true (jd_staff_add (db, &staff, "Password1", &error));
      g_assert_no_error (error);
    }

  /* Newest first: a consultation of psychological help, the check-in
   * for it, a quiz, the visit for it, and a legal consultation of last
   * week. */
  g_assert_cmpint (jd_visit_check_in (db, erlan, psychological, now - 600, &error), >, 0);
  g_assert_cmpint (jd_visit_check_in (db, erlan, event, now - 86400 * 2, &error), >, 0);
  stmt = jd_db_prepare (db,
                        "INSERT INTO consultation (visitor_id, service, started_at, duration_min,"
                        " outcome, created_at, updated_at) VALUES (?1, ?2, ?3, 30, 'resolved', ?3, ?3)",
                        NULL);
  jd_stmt_bind_int64 (stmt, 1, erlan);
  jd_stmt_bind_text_static (stmt, 2, "psychological");
  jd_stmt_bind_int64 (stmt, 3, now - 300);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  jd_stmt_bind_text_static (stmt, 2, "legal");
  jd_stmt_bind_int64 (stmt, 3, now - 86400 * 7);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  stmt = jd_db_prepare (db,
                        "INSERT INTO event (title, kind, starts_at, ends_at, created_at, updated_at)"
                        " VALUES ('Квиз', 'quiz', ?1, ?1 + 3600, ?1, ?1)",
                        NULL);
  jd_stmt_bind_int64 (stmt, 1, now - 86400 * 2 + 60);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  stmt = jd_db_prepare (db,
                        "INSERT INTO attendance (event_id, visitor_id, checked_in_at, created_at, updated_at)"
                        " VALUES (?3, ?1, ?2, ?2, ?2)",
                        NULL);
  jd_stmt_bind_int64 (stmt, 1, erlan);
  jd_stmt_bind_int64 (stmt, 2, now - 86400 * 2 + 60);
  jd_stmt_bind_int64 (stmt, 3, jd_db_last_insert_id (db));   /* the quiz */
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(JdStaff) staff = NULL;
      g_autoptr(GPtrArray) history = NULL;
      g_autoptr(GString) seen = g_string_new (NULL);

      jd_staff_sign_out (db);
      staff = jd_staff_sign_in (db, roles[i].login, "Password1", &error);
      g_assert_no_error (error);
      history = jd_visitor_history (db, erlan, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < history->len; j++)
        {
          const JdHistoryEntry *e = history->pdata[j];

          g_string_append_printf (seen, "%s%s:%s", j ? " " : "", kinds[e->kind], e->what);
        }
      g_assert_cmpstr (seen->str, ==, roles[i].sees);
    }

  /* Nobody signed in: nothing. */
  jd_staff_sign_out (db);
  g_assert_null (jd_visitor_history (db, erlan, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  jd_db_act_as_system (db);
}

static void
ids_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = jd_visitor_list_ids_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(GArray) ids = NULL;
  JdVisitorFilter f = { .neet_only = TRUE };

  jd_visitor_list_ids_async (jd_db_get_path (db), &f, NULL, ids_done_cb, &ids);
  while (ids == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ids->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, &error);
  path = test_db_location_new_in (tmp_dir, "jastar.db");
  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);

  alia = add ("Әбенова", "Әлия", 35, "almaty-medeu", "employed");
  bolat = add ("Болатова", "Айым", 20, "almaty-almaly", "unemployed_seeking");
  dana = add ("Данова", "Дана", 27, "almaty-medeu", "university");
  erlan = add ("Ерланова", "Сәуле", 33, "almaty-auezov", "not_seeking");
  zhanna = add ("Жанова", "Жанна", 16, "almaty-turksib", "school");

  g_test_add_func ("/jd/visitor-list/filters", test_filters);
  g_test_add_func ("/jd/visitor-list/rows", test_rows);
  g_test_add_func ("/jd/visitor-list/history", test_history);
  g_test_add_func ("/jd/visitor-list/history-by-role", test_history_by_role);
  g_test_add_func ("/jd/visitor-list/async", test_async);
  /* Last: its visits would change the histories above. */
  g_test_add_func ("/jd/visitor-list/visit-filters", test_visit_filters);

  status = g_test_run ();

  jd_db_close (db);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
