/* test-demo.c: the synthetic centre is realistic, valid and repeatable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "engine-helpers.h"
#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-validate.h"

#define N_VISITORS 3000

static char *tmp_dir;
static gint64 anchor;

static JdDb *
generate (const char *name,
          guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_location_new_in (tmp_dir, name);
  JdDb *db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (jd_demo_generate (db, N_VISITORS, seed, anchor, NULL, NULL, &error));
  g_assert_no_error (error);
  return db;
}

/* Everything that makes the data what it is, in one checksum. */
static char *
fingerprint (JdDb *db)
{
  const char *queries[] = {
    "SELECT surname, given_name, patronymic, iin, birth_date, sex, phone, district_id, occupation,"
    " education, language, name_key, created_at FROM visitor ORDER BY id",
    "SELECT visitor_id, given_on, given_by, guardian_name, guardian_phone FROM consent ORDER BY id",
    "SELECT visitor_id, time_in, time_out, occupation FROM visit ORDER BY id",
    "SELECT visit_id, purpose FROM visit_purpose ORDER BY id",
    "SELECT visitor_id, anon_sex, anon_age_band, service, topic, started_at, outcome, referral,"
    " follow_up_on, placement_employer, placement_start, specialist_id, private_note"
    " FROM consultation ORDER BY id",
    "SELECT title, kind, starts_at, series_id FROM event ORDER BY id",
    "SELECT event_id, visitor_id, head_count, visit_id, checked_in_at FROM attendance ORDER BY id",
    "SELECT login, role FROM staff ORDER BY id",
    "SELECT staff_id, service FROM staff_service ORDER BY id",
    "SELECT visitor_id, token FROM visitor_token ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      JdStmt *stmt = jd_db_prepare (db, queries[q], NULL);

      g_assert_nonnull (stmt);
      while (jd_stmt_step (stmt) == JD_STEP_ROW)
        for (int c = 0; c < jd_stmt_column_count (stmt); c++)
          {
            const char *text = jd_stmt_column_text (stmt, c);

            g_checksum_update (sum, (const guchar *) (text ? text : "\\N"), -1);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
      jd_stmt_reset (stmt);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static double
query_double (JdDb       *db,
              const char *sql)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt = jd_db_prepare (db, sql, &error);
  double value;

  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_double (stmt, 0);
  jd_stmt_reset (stmt);
  return value;
}

/* The share of names with a letter of Kazakh's own (counted here: GLOB
 * is SQLite's alone). */
static double
share_with_kazakh_letters (JdDb *db)
{
  JdStmt *stmt = jd_db_prepare (db, "SELECT name_key FROM visitor", NULL);
  guint n = 0, kazakh = 0;

  g_assert_nonnull (stmt);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      const char *key = jd_stmt_column_text (stmt, 0);

      n++;
      for (const char *p = key; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
        if (g_utf8_strchr ("әғқңөұүһі", -1, g_utf8_get_char (p)) != NULL)
          {
            kazakh++;
            break;
          }
    }
  jd_stmt_reset (stmt);
  g_assert_cmpuint (n, >, 0);
  return (double) kazakh / n;
}

static void
test_repeatable (void)
{
  g_autoptr(JdDb) a = generate ("a.db", 42);
  g_autoptr(JdDb) b = generate ("b.db", 42);
  g_autoptr(JdDb) c = generate ("c.db", 43);
  g_autofree char *fa = fingerprint (a);
  g_autofree char *fb = fingerprint (b);
  g_autofree char *fc = fingerprint (c);

  g_assert_cmpstr (fa, ==, fb);
  g_assert_cmpstr (fa, !=, fc);
}

static void
anchor_day (GDate *day)
{
  g_autoptr(GDateTime) anchor_dt = jd_db_local_time (NULL, anchor);

  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (anchor_dt),
                  g_date_time_get_month (anchor_dt), g_date_time_get_year (anchor_dt));
}

/* Each person: a valid IIN that agrees with the birth date and sex, a
 * Kazakh mobile, 14–35 today and on the day of registration, consent from
 * a guardian exactly when under 18 then. */
static void
test_people (void)
{
  g_autoptr(JdDb) db = generate ("people.db", 7);
  g_autoptr(GError) error = NULL;
  JdStmt *stmt;
  GDate today;
  guint n = 0, n_iin = 0, n_phone = 0, n_guardian = 0;

  anchor_day (&today);

  stmt = jd_db_prepare (db,
                        "SELECT v.iin, v.birth_date, v.sex, v.phone, c.given_on, c.given_by,"
                        " c.guardian_name, c.guardian_phone, v.surname, v.given_name, v.name_key"
                        " FROM visitor v JOIN consent c ON c.visitor_id = v.id",
                        NULL);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      const char *iin = jd_stmt_column_text (stmt, 0);
      const char *phone = jd_stmt_column_text (stmt, 3);
      const char *given_by = jd_stmt_column_text (stmt, 5);
      GDate birth, registered;
      JdSex sex = jd_sex_from_code (jd_stmt_column_text (stmt, 2));
      int age_registered;

      n++;
      g_assert_true (jd_date_parse (jd_stmt_column_text (stmt, 1), &birth));
      g_assert_true (jd_date_parse (jd_stmt_column_text (stmt, 4), &registered));
      g_assert_cmpint (jd_age_on (&birth, &today), >=, 14);
      g_assert_cmpint (jd_age_on (&birth, &today), <=, 35);
      g_assert_true (jd_age_check_registration (&birth, &registered, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_date_compare (&registered, &today), <=, 0);

      age_registered = jd_age_on (&birth, &registered);
      g_assert_cmpstr (given_by, ==, age_registered < 18 ? "guardian" : "self");
      g_assert_true (jd_consent_check (&birth, &registered, g_str_equal (given_by, "guardian"),
                                       jd_stmt_column_text (stmt, 6),
                                       jd_stmt_column_text (stmt, 7), &error));
      g_assert_no_error (error);
      n_guardian += g_str_equal (given_by, "guardian");

      g_assert_true (jd_name_check (jd_stmt_column_text (stmt, 8), TRUE, "surname",
                                    NULL, &error));
      g_assert_no_error (error);
      g_assert_true (jd_name_check (jd_stmt_column_text (stmt, 9), TRUE, "given name",
                                    NULL, &error));
      g_assert_no_error (error);

      if (iin != NULL)
        {
          g_autofree char *normalized = NULL;
          g_autofree char *disagreement = NULL;
          g_autofree char *warning = NULL;
          GDate iin_birth;
          JdSex iin_sex;

          g_assert_true (jd_iin_check (iin, &normalized, &iin_birth, &iin_sex, &warning, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, iin);
          g_assert_null (warning);
          g_assert_cmpint (g_date_compare (&iin_birth, &birth), ==, 0);
          g_assert_cmpint (iin_sex, ==, sex);
          disagreement = jd_iin_disagreement (iin, &birth, sex);
          g_assert_null (disagreement);
          n_iin++;
        }

      if (phone != NULL)
        {
          g_autofree char *e164 = NULL;
          g_autofree char *note = NULL;

          g_assert_true (jd_phone_normalize (phone, &e164, &note, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (e164, ==, phone);
          g_assert_null (note);  /* all mobiles */
          n_phone++;
        }
    }
  jd_stmt_reset (stmt);

  /* One consent each. */
  g_assert_cmpuint (n, ==, N_VISITORS);
  g_assert_cmpuint (n_iin, >, N_VISITORS * 7 / 10);
  g_assert_cmpuint (n_phone, >, N_VISITORS * 3 / 4);
  g_assert_cmpuint (n_guardian, >, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT iin) FROM visitor"), ==, n_iin);

  /* Kazakh names with Kazakh letters, Russian names, both languages,
   * all eight districts of Almaty. (A share is avg (CASE WHEN …): the
   * server has no average of booleans, SQLite's are 0 and 1.) */
  g_assert_cmpfloat (share_with_kazakh_letters (db), >, 0.4);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN patronymic LIKE '%ович' OR patronymic LIKE '%евич' THEN 1.0 ELSE 0.0 END)"
                                       " FROM visitor WHERE sex = 'male'"), >, 0.1);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN patronymic LIKE '%ұлы' THEN 1.0 ELSE 0.0 END) FROM visitor WHERE sex = 'male'"), >, 0.1);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN language = 'kk' THEN 1.0 ELSE 0.0 END) FROM visitor"), >, 0.5);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN language = 'kk' THEN 1.0 ELSE 0.0 END) FROM visitor"), <, 0.9);
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT d.code) FROM visitor v"
                                       " JOIN district d ON d.id = v.district_id"
                                       " WHERE d.code LIKE 'almaty-%'"), ==, 8);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN sex = 'female' THEN 1.0 ELSE 0.0 END) FROM visitor"), >, 0.45);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN sex = 'female' THEN 1.0 ELSE 0.0 END) FROM visitor"), <, 0.60);
}

/* The shape of a real centre's year. */
static void
test_activity (void)
{
  g_autoptr(JdDb) db = generate ("activity.db", 8);
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  /* A plausible NEET share (unemployed and looking, or not looking). */
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN occupation IN ('unemployed_seeking', 'not_seeking') THEN 1.0 ELSE 0.0 END) FROM visitor"), >, 0.12);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN occupation IN ('unemployed_seeking', 'not_seeking') THEN 1.0 ELSE 0.0 END) FROM visitor"), <, 0.24);

  /* About three visits each, in the year before the anchor, never before
   * the registration; mostly on weekdays between 10 and 18. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) * 1.0 / " G_STRINGIFY (N_VISITORS) " FROM visit"), >, 2.5);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) * 1.0 / " G_STRINGIFY (N_VISITORS) " FROM visit"), <, 3.5);
  g_assert_cmpfloat (query_double (db, "SELECT max(time_in) FROM visit"), <, anchor + 86400);
  g_assert_cmpfloat (query_double (db, "SELECT min(time_in) FROM visit"), >=, anchor - 365 * 86400);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM visit t JOIN visitor v ON v.id = t.visitor_id"
                                       " WHERE t.time_in < v.created_at"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN strftime('%w', " JD_SQL_LOCAL ("time_in") ", 'unixepoch') IN ('0', '6') THEN 1.0 ELSE 0.0 END) FROM visit"), <, 0.15);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN strftime('%H', " JD_SQL_LOCAL ("time_in") ", 'unixepoch') BETWEEN '10' AND '17' THEN 1.0 ELSE 0.0 END) FROM visit"), >, 0.7);
  /* One or two purposes each at the desk; an event check-in of the same
   * day adds "event". */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM visit t WHERE NOT EXISTS"
                                       " (SELECT 1 FROM visit_purpose p WHERE p.visit_id = t.id)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT max(n) FROM (SELECT count(*) n FROM visit_purpose"
                                       " WHERE purpose <> 'event' GROUP BY visit_id)"), ==, 2);
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT purpose) FROM visit_purpose"), ==, 13);

  /* About half a consultation per visitor, of every service type and
   * outcome; referrals where referred; some anonymous ones. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) * 1.0 / " G_STRINGIFY (N_VISITORS) " FROM consultation"), >, 0.35);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) * 1.0 / " G_STRINGIFY (N_VISITORS) " FROM consultation"), <, 0.7);
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT service) FROM consultation"), ==, 9);
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT outcome) FROM consultation"), ==, 4);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE (outcome = 'referred') != (referral IS NOT NULL)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE (outcome = 'follow_up') != (follow_up_on IS NOT NULL)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE visitor_id IS NULL"), >, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE visitor_id IS NULL AND visit_id IS NOT NULL"), ==, 0);

  /* Jobs found by young people who had none: the visit says NEET, later
   * visits and the visitor say employed. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE placement_employer IS NOT NULL"), >, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation c JOIN visit t ON t.id = c.visit_id"
                                       " WHERE c.placement_employer IS NOT NULL"
                                       " AND t.occupation NOT IN ('unemployed_seeking', 'not_seeking')"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation c JOIN visitor v ON v.id = c.visitor_id"
                                       " WHERE c.placement_employer IS NOT NULL AND v.occupation <> 'employed'"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE placement_start < date(started_at, 'unixepoch')"), ==, 0);

  /* About five events per thousand visitors in the past year, weekly
   * series among them, each with people checked in; and the next four
   * weeks planned, nobody checked in yet. */
  {
    g_autofree char *past = g_strdup_printf ("SELECT count(*) FROM event WHERE starts_at < %" G_GINT64_FORMAT
                                             " + 86400", anchor);
    g_autofree char *ahead = g_strdup_printf ("SELECT count(*) FROM event WHERE starts_at >= %" G_GINT64_FORMAT
                                              " + 86400 AND starts_at < %" G_GINT64_FORMAT " + 29 * 86400",
                                              anchor, anchor);
    g_autofree char *ahead_empty = g_strdup_printf ("SELECT count(*) FROM event e WHERE starts_at >= %" G_GINT64_FORMAT
                                                    " + 86400 AND EXISTS"
                                                    " (SELECT 1 FROM attendance a WHERE a.event_id = e.id)", anchor);

    g_assert_cmpfloat (query_double (db, past), ==, N_VISITORS / 200);
    g_assert_cmpfloat (query_double (db, ahead), ==, MAX (3, N_VISITORS / 200 * 28 / 365));
    g_assert_cmpfloat (query_double (db, ahead_empty), ==, 0);
  }
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM event e WHERE NOT EXISTS"
                                       " (SELECT 1 FROM attendance a WHERE a.event_id = e.id)"),
                     ==, MAX (3, N_VISITORS / 200 * 28 / 365));
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM event e WHERE e.capacity <"
                                       " (SELECT count(*) FROM attendance a"
                                       "  WHERE a.event_id = e.id AND a.visitor_id IS NOT NULL)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM event WHERE series_id IS NOT NULL"), >, 0);

  /* The whole file is sound. */
  g_assert_true (jd_db_check_integrity (db, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_null (report);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  GArray *calls = user_data;

  g_assert_cmpuint (total, ==, N_VISITORS);
  g_assert_cmpuint (done, <=, total);
  g_array_append_val (calls, done);
}

static void
test_progress_and_settings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_location_new_in (tmp_dir, "progress.db");
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (guint));

  g_assert_no_error (error);
  g_assert_true (jd_demo_generate (db, N_VISITORS, 5, anchor, progress_cb, calls, &error));
  g_assert_no_error (error);

  /* About once per percent, in order, to the end. */
  g_assert_cmpuint (calls->len, >=, 100);
  g_assert_cmpuint (calls->len, <=, 101);
  for (guint i = 1; i < calls->len; i++)
    g_assert_cmpuint (g_array_index (calls, guint, i), >, g_array_index (calls, guint, i - 1));
  g_assert_cmpuint (g_array_index (calls, guint, calls->len - 1), ==, N_VISITORS);

  g_assert_true (!jd_db_in_transaction (db));
  /* A server has no PRAGMAs: the demo sets none there. */
  if (test_engine_is_server ())
    return;

  /* The speed-ups of generation are undone. */
  g_assert_cmpfloat (query_double (db, "PRAGMA synchronous"), ==, 1);
  g_assert_cmpfloat (query_double (db, "PRAGMA cache_size"), ==, -2000);
  {
    JdStmt *stmt = jd_db_prepare (db, "PRAGMA journal_mode", NULL);

    g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
    g_assert_cmpstr (jd_stmt_column_text (stmt, 0), ==, "wal");
    jd_stmt_reset (stmt);
  }
  g_assert_true (!jd_db_in_transaction (db));
}

static void
test_searchable (void)
{
  g_autoptr(JdDb) db = generate ("search.db", 11);
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT id, surname || ' ' || given_name, phone, iin"
                                " FROM visitor WHERE id IN (17, 1234, 2999)",
                                NULL);

  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      const char *queries[] = {
        jd_stmt_column_text (stmt, 1),
        jd_stmt_column_text (stmt, 2),
        jd_stmt_column_text (stmt, 3),
      };
      gint64 id = jd_stmt_column_int64 (stmt, 0);

      for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) results = NULL;
          gboolean found = FALSE;

          if (queries[q] == NULL)
            continue;

          results = jd_search_visitors (db, queries[q], 50, NULL, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < results->len; i++)
            found |= ((JdSearchResult *) results->pdata[i])->visitor_id == id;
          g_assert_true (found);
        }
    }
  jd_stmt_reset (stmt);
}

static void
test_refuses_real_data (void)
{
  g_autoptr(JdDb) db = generate ("twice.db", 3);
  g_autoptr(GError) error = NULL;

  g_assert_false (jd_demo_generate (db, 10, 3, anchor, NULL, NULL, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM visitor"), ==, N_VISITORS);
}

/* A faithful centre: an account for every role (one shared password),
 * specialists who cover every service, consultations held by the
 * specialist of their service, private notes by them, and every named
 * event check-in the person's visit of that day. */
static void
test_staff_and_attendance (void)
{
  g_autoptr(JdDb) db = generate ("staff.db", 12);
  const JdDemoAccount *accounts;
  guint n_accounts;
  gboolean roles[JD_ROLE_ADMINISTRATOR + 1] = { FALSE };

  accounts = jd_demo_accounts (&n_accounts);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM staff"), ==, n_accounts);
  for (guint i = 0; i < n_accounts; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JdStaff) staff = jd_staff_sign_in (db, accounts[i].login, JD_DEMO_PASSWORD, &error);

      g_assert_no_error (error);
      g_assert_cmpint (staff->role, ==, accounts[i].role);
      g_assert_false (staff->must_change_password);
      roles[staff->role] = TRUE;
      jd_staff_sign_out (db);
    }
  for (guint r = 0; r < G_N_ELEMENTS (roles); r++)
    g_assert_true (roles[r]);
  /* Every service type has its specialist. */
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT s.service) FROM staff_service s"
                                       " JOIN staff t ON t.id = s.staff_id WHERE t.role = 'specialist'"), ==, 9);

  /* Each consultation by a specialist of its service; private notes
   * among them, each with its author. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation c WHERE NOT EXISTS"
                                       " (SELECT 1 FROM staff_service s"
                                       "  WHERE s.staff_id = c.specialist_id AND s.service = c.service)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE private_note IS NOT NULL"), >, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE private_note IS NOT NULL"
                                       " AND (specialist_id IS NULL OR created_by IS NOT specialist_id)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT avg (CASE WHEN private_note IS NOT NULL THEN 1.0 ELSE 0.0 END) FROM consultation"
                                       " WHERE service = 'psychological'"), >, 0.3);

  /* Every named check-in: a visit of that person on the event's day,
   * recorded on the attendance, with the purpose "event", never before
   * the person registered. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM attendance WHERE visitor_id IS NOT NULL"), >, 100);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM attendance a JOIN event e ON e.id = a.event_id"
                                       " WHERE a.visitor_id IS NOT NULL AND NOT EXISTS"
                                       " (SELECT 1 FROM visit t WHERE t.visitor_id = a.visitor_id"
                                       "  AND date (t.time_in, 'unixepoch', 'localtime')"
                                       "   = date (e.starts_at, 'unixepoch', 'localtime'))"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM attendance a LEFT JOIN visit t ON t.id = a.visit_id"
                                       " WHERE a.visitor_id IS NOT NULL AND (t.visitor_id IS NOT a.visitor_id"
                                       " OR NOT EXISTS (SELECT 1 FROM visit_purpose p"
                                       "  WHERE p.visit_id = t.id AND p.purpose = 'event'))"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM attendance a JOIN visitor v ON v.id = a.visitor_id"
                                       " WHERE a.checked_in_at < v.created_at"), ==, 0);
  /* One visit a day however many things the person came for. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM (SELECT 1 FROM attendance a"
                                       " WHERE a.visitor_id IS NOT NULL GROUP BY a.visitor_id,"
                                       " date (a.checked_in_at, 'unixepoch', 'localtime')"
                                       " HAVING count(DISTINCT a.visit_id) > 1)"), ==, 0);
}

typedef struct
{
  JdDb    *db;
  gboolean ok;
  GError  *error;
} DemoRun;

static gpointer
demo_thread (gpointer data)
{
  DemoRun *run = data;

  run->ok = jd_demo_generate (run->db, 50, 1, anchor, NULL, NULL, &run->error);
  return NULL;
}

/* An import had begun writing when demo data was asked for: the demo
 * waits for it, sees its visitors and writes nothing. */
static void
test_waits_for_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_location_new_in (tmp_dir, "busy.db");
  g_autoptr(JdDb) importer = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_autoptr(JdDb) demo = NULL;
  DemoRun run = { 0 };
  GThread *thread;

  g_assert_no_error (error);
  demo = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);

  /* The import's transaction, not committed yet: it holds the write
   * lock (BEGIN IMMEDIATE on a file, the advisory lock on a server). */
  g_assert_true (jd_db_begin (importer, &error));
  g_assert_true (jd_db_exec (importer,
                             "INSERT INTO visitor (surname, given_name, birth_date, sex, occupation,"
                             " language, name_key, created_at, updated_at)"
                             " VALUES ('Иманова', 'Жанар', '2001-02-03', 'female', 'employed', 'kk',"
                             " 'иманова жанар', 1, 1);",
                             &error));
  g_assert_no_error (error);

  run.db = demo;
  thread = g_thread_new ("demo", demo_thread, &run);
  /* Long enough for the demo to be waiting, well inside its busy
   * timeout. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_true (jd_db_commit (importer, &error));
  g_assert_no_error (error);
  g_thread_join (thread);

  g_assert_false (run.ok);
  g_assert_error (run.error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&run.error);
  g_assert_cmpfloat (query_double (importer, "SELECT count(*) FROM visitor"), ==, 1);
  g_assert_cmpfloat (query_double (importer, "SELECT count(*) FROM visit"), ==, 0);
  g_assert_cmpfloat (query_double (importer, "SELECT count(*) FROM staff"), ==, 0);
  g_assert_cmpfloat (query_double (importer, "SELECT count(*) FROM event"), ==, 0);
  g_assert_true (!jd_db_in_transaction (demo));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDateTime) fixed = g_date_time_new (jd_db_get_time_zone (NULL), 2026, 11, 2, 0, 0, 0);
  int status;

  g_test_init (&argc, &argv, NULL);
  anchor = g_date_time_to_unix (fixed);
  tmp_dir = g_dir_make_tmp ("jd-test-demo-XXXXXX", NULL);

  g_test_add_func ("/jd/demo/repeatable", test_repeatable);
  g_test_add_func ("/jd/demo/people", test_people);
  g_test_add_func ("/jd/demo/activity", test_activity);
  g_test_add_func ("/jd/demo/progress-and-settings", test_progress_and_settings);
  g_test_add_func ("/jd/demo/searchable", test_searchable);
  g_test_add_func ("/jd/demo/refuses-real-data", test_refuses_real_data);
  g_test_add_func ("/jd/demo/staff-and-attendance", test_staff_and_attendance);
  g_test_add_func ("/jd/demo/waits-for-writer", test_waits_for_writer);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
