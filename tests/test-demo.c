/* test-demo.c: the synthetic centre is realistic, valid and repeatable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-search.h"
#include "jd-validate.h"

#define N_VISITORS 3000

static char *tmp_dir;
static gint64 anchor;

static JdDb *
generate (const char *name,
          guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
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
    "SELECT surname, given_name, patronymic, iin, birth_date, sex, phone, district_id, occupation FROM visitor ORDER BY id",
    "SELECT visitor_id, time_in, time_out, occupation FROM visit ORDER BY id",
    "SELECT visit_id, purpose FROM visit_purpose ORDER BY id",
    "SELECT visitor_id, service, outcome, referral, placement_employer FROM consultation ORDER BY id",
    "SELECT title, starts_at FROM event ORDER BY id",
    "SELECT event_id, visitor_id, head_count FROM attendance ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = jd_db_prepare (db, queries[q], NULL);

      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text ? text : (const guchar *) "\\N", -1);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
      sqlite3_reset (stmt);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static double
query_double (JdDb       *db,
              const char *sql)
{
  sqlite3_stmt *stmt = jd_db_prepare (db, sql, NULL);
  double value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return value;
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
test_valid (void)
{
  g_autoptr(JdDb) db = generate ("valid.db", 7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) anchor_dt = g_date_time_new_from_unix_local (anchor);
  g_autofree char *report = NULL;
  sqlite3_stmt *stmt;
  GDate day;
  guint n_iin = 0, n_phone = 0;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (anchor_dt),
                  g_date_time_get_month (anchor_dt), g_date_time_get_year (anchor_dt));

  stmt = jd_db_prepare (db, "SELECT iin, birth_date, sex, phone FROM visitor", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *iin = (const char *) sqlite3_column_text (stmt, 0);
      const char *phone = (const char *) sqlite3_column_text (stmt, 3);
      GDate birth;

      g_assert_true (jd_date_parse ((const char *) sqlite3_column_text (stmt, 1), &birth));
      g_assert_cmpint (jd_age_on (&birth, &day), >=, 14);
      g_assert_cmpint (jd_age_on (&birth, &day), <=, 35);

      if (iin != NULL)
        {
          g_autofree char *disagreement = NULL;

          g_assert_true (jd_iin_check (iin, NULL, NULL, NULL, NULL, &error));
          g_assert_no_error (error);
          disagreement = jd_iin_disagreement (iin, &birth,
                                              jd_sex_from_code ((const char *) sqlite3_column_text (stmt, 2)));
          g_assert_null (disagreement);
          n_iin++;
        }

      if (phone != NULL)
        {
          g_autofree char *e164 = NULL;
          g_autofree char *note = NULL;

          g_assert_true (jd_phone_normalize (phone, &e164, &note, &error));
          g_assert_cmpstr (e164, ==, phone);
          g_assert_null (note);  /* all mobiles */
          n_phone++;
        }
    }
  sqlite3_reset (stmt);

  g_assert_cmpuint (n_iin, >, N_VISITORS / 2);
  g_assert_cmpuint (n_phone, >, N_VISITORS / 2);

  /* The shape of a real centre. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM visitor"), ==, N_VISITORS);
  g_assert_cmpfloat (query_double (db, "SELECT avg(occupation IN ('unemployed_seeking', 'not_seeking')) FROM visitor"), >, 0.10);
  g_assert_cmpfloat (query_double (db, "SELECT avg(occupation IN ('unemployed_seeking', 'not_seeking')) FROM visitor"), <, 0.30);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) * 1.0 / " G_STRINGIFY (N_VISITORS) " FROM visit"), >, 2.0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) * 1.0 / " G_STRINGIFY (N_VISITORS) " FROM visit"), <, 4.0);
  g_assert_cmpfloat (query_double (db, "SELECT count(DISTINCT service) FROM consultation"), ==, 8);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consultation WHERE placement_employer IS NOT NULL"), >, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM event"), ==, N_VISITORS / 200);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM attendance"), >, N_VISITORS / 200 * 5);
  /* Every visitor has consent; minors' comes from a guardian. */
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM visitor v WHERE NOT EXISTS"
                                       " (SELECT 1 FROM consent c WHERE c.visitor_id = v.id)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consent WHERE given_by = 'guardian'"
                                       " AND (guardian_name IS NULL OR guardian_phone IS NULL)"), ==, 0);
  g_assert_cmpfloat (query_double (db, "SELECT count(*) FROM consent WHERE given_by = 'guardian'"), >, 0);
  /* More on weekdays than at weekends. */
  g_assert_cmpfloat (query_double (db, "SELECT avg(strftime('%w', time_in, 'unixepoch', 'localtime') IN ('0', '6')) FROM visit"), <, 0.2);
  /* Every visit lies in the year before the anchor. */
  g_assert_cmpfloat (query_double (db, "SELECT max(time_in) FROM visit"), <, anchor + 86400);

  g_assert_true (jd_db_check_integrity (db, FALSE, &report, &error));
  g_assert_no_error (error);
  g_assert_null (report);
}

static void
test_searchable (void)
{
  g_autoptr(JdDb) db = generate ("search.db", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  sqlite3_stmt *stmt = jd_db_prepare (db, "SELECT id, surname || ' ' || given_name FROM visitor WHERE id = 1234", NULL);
  g_autofree char *name = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);

  results = jd_search_visitors (db, name, 50, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    found |= ((JdSearchResult *) results->pdata[i])->visitor_id == 1234;
  g_assert_true (found);
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GDateTime) fixed = g_date_time_new_local (2026, 11, 2, 0, 0, 0);
  int status;

  g_test_init (&argc, &argv, NULL);
  anchor = g_date_time_to_unix (fixed);
  tmp_dir = g_dir_make_tmp ("jd-test-demo-XXXXXX", NULL);

  g_test_add_func ("/jd/demo/repeatable", test_repeatable);
  g_test_add_func ("/jd/demo/valid", test_valid);
  g_test_add_func ("/jd/demo/searchable", test_searchable);
  g_test_add_func ("/jd/demo/refuses-real-data", test_refuses_real_data);

  status = g_test_run ();

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
    g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
