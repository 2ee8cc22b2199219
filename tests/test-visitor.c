/* test-visitor.c: registration rules, duplicates, saving and check-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "db-helpers.h"
#include "engine-helpers.h"
#include <glib/gstdio.h>

#include "jd-db-private.h"
#include "jd-settings.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"

typedef struct
{
  char *dir;
  JdDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  path = test_db_location_new_in (f->dir, "jastar.db");
  f->db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  jd_db_close (f->db);
  test_db_forget_in (f->dir, "jastar.db");
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  g_free (f->dir);
}

static void
set_today (GDate *today)
{
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/* A date of birth that makes the person @years old today (birthday a
 * few days ago, so it is past whatever today is). */
static char *
birth_date_for_age (int years)
{
  GDate date;

  set_today (&date);
  g_date_subtract_days (&date, 3);
  g_date_subtract_years (&date, years);
  return g_strdup_printf ("%02d.%02d.%04d", g_date_get_day (&date),
                          g_date_get_month (&date), g_date_get_year (&date));
}

static JdVisitor *
make_adult (const char *surname,
            const char *given_name)
{
  JdVisitor *v = jd_visitor_new ();

  v->surname = g_strdup (surname);
  v->given_name = g_strdup (given_name);
  v->birth_date = g_strdup ("04.05.1999");
  v->sex = JD_SEX_MALE;
  v->district_code = g_strdup ("almaty-almaly");
  v->occupation = g_strdup ("unemployed_seeking");
  v->consent_given = TRUE;
  return v;
}

static const JdFieldIssue *
find_issue (GPtrArray *issues,
            JdField    field)
{
  for (guint i = 0; i < issues->len; i++)
    if (((JdFieldIssue *) issues->pdata[i])->field == field)
      return issues->pdata[i];

  return NULL;
}

static void
test_validate_normalises (void)
{
  g_autoptr(JdVisitor) v = make_adult ("  асанов ", "Ержан");
  g_autoptr(GPtrArray) issues = NULL;
  GDate today;

  set_today (&today);
  g_free (v->phone);
  v->phone = g_strdup ("8 (701) 123-45-67");
  v->email = g_strdup (" Erzhan.A@Mail.KZ ");
  v->patronymic = g_strdup ("   ");

  issues = jd_visitor_validate (v, &today);
  g_assert_false (jd_field_issues_have_error (issues));
  g_assert_cmpstr (v->surname, ==, "асанов");
  g_assert_cmpstr (v->birth_date, ==, "1999-05-04");
  g_assert_cmpstr (v->phone, ==, "+77011234567");
  g_assert_cmpstr (v->email, ==, "Erzhan.A@mail.kz");
  g_assert_null (v->patronymic);
  g_assert_cmpstr (v->language, ==, "kk");
}

static void
test_validate_iin_fills (void)
{
  g_autoptr(JdVisitor) v = make_adult ("Асанов", "Ержан");
  g_autoptr(JdVisitor) w = make_adult ("Асанова", "Айгерім");
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) w_issues = NULL;
  GDate today;

  set_today (&today);
  g_clear_pointer (&v->birth_date, g_free);
  v->sex = JD_SEX_UNKNOWN;
  v->iin = g_strdup ("921029 350851");

  issues = jd_visitor_validate (v, &today);
  g_assert_false (jd_field_issues_have_error (issues));
  g_assert_cmpstr (v->iin, ==, "921029350851");
  g_assert_cmpstr (v->birth_date, ==, "1992-10-29");
  g_assert_cmpint (v->sex, ==, JD_SEX_MALE);

  /* A typed date that disagrees with the IIN is a warning only. */
  w->sex = JD_SEX_FEMALE;
  w->iin = g_strdup ("921029350851");
  w_issues = jd_visitor_validate (w, &today);
  g_assert_false (jd_field_issues_have_error (w_issues));
  g_assert_nonnull (find_issue (w_issues, JD_FIELD_IIN));
  g_assert_true (find_issue (w_issues, JD_FIELD_IIN)->is_warning);
  g_assert_cmpstr (w->birth_date, ==, "1999-05-04");
}

static void
test_validate_refusals (void)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GPtrArray) issues = NULL;
  GDate today;

  set_today (&today);
  v->surname = g_strdup ("Асан0в");
  v->iin = g_strdup ("921029350852");
  v->birth_date = g_strdup ("31.02.2000");
  v->phone = g_strdup ("12345");
  v->email = g_strdup ("a@b");
  v->district_code = g_strdup ("other");
  v->occupation = g_strdup ("astronaut");

  issues = jd_visitor_validate (v, &today);
  g_assert_true (jd_field_issues_have_error (issues));
  for (JdField field = JD_FIELD_SURNAME; field < JD_N_FIELDS; field++)
    {
      gboolean expected = field == JD_FIELD_SURNAME || field == JD_FIELD_GIVEN_NAME ||
                          field == JD_FIELD_IIN || field == JD_FIELD_BIRTH_DATE ||
                          field == JD_FIELD_SEX || field == JD_FIELD_PHONE ||
                          field == JD_FIELD_EMAIL || field == JD_FIELD_LOCALITY ||
                          field == JD_FIELD_OCCUPATION || field == JD_FIELD_CONSENT;
      const JdFieldIssue *issue = find_issue (issues, field);

      g_test_message ("field %d: %s", field, issue ? issue->message : "-");
      g_assert_cmpint (issue != NULL && !issue->is_warning, ==, expected);
    }
}

static void
test_validate_age (void)
{
  GDate today;
  int ages[] = { 13, 14, 35, 36 };

  set_today (&today);
  for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
    {
      g_autoptr(JdVisitor) v = make_adult ("Сейтқали", "Нұрлан");
      g_autoptr(GPtrArray) issues = NULL;
      const JdFieldIssue *issue;

      g_free (v->birth_date);
      v->birth_date = birth_date_for_age (ages[i]);
      /* Minors register with a guardian's consent. */
      v->consent_by_guardian = TRUE;
      v->guardian_name = g_strdup ("Сейтқали Гүлнар");
      v->guardian_phone = g_strdup ("+7 777 000 11 22");

      issues = jd_visitor_validate (v, &today);
      issue = find_issue (issues, JD_FIELD_BIRTH_DATE);
      g_test_message ("age %d: %s", ages[i], issue ? issue->message : "accepted");
      g_assert_cmpint (issue != NULL, ==, ages[i] == 13 || ages[i] == 36);
      g_assert_cmpint (jd_field_issues_have_error (issues), ==, ages[i] == 13 || ages[i] == 36);
    }
}

static void
test_validate_guardian (void)
{
  g_autoptr(JdVisitor) v = make_adult ("Омарова", "Жансая");
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) fixed = NULL;
  GDate today;

  set_today (&today);
  g_free (v->birth_date);
  v->birth_date = birth_date_for_age (16);
  v->sex = JD_SEX_FEMALE;

  /* Consent of her own is not enough at 16. */
  issues = jd_visitor_validate (v, &today);
  g_assert_nonnull (find_issue (issues, JD_FIELD_CONSENT));
  g_assert_true (jd_field_issues_have_error (issues));

  /* A guardian without a name or a usable phone is not enough either. */
  v->consent_by_guardian = TRUE;
  v->guardian_phone = g_strdup ("abc");
  again = jd_visitor_validate (v, &today);
  g_assert_nonnull (find_issue (again, JD_FIELD_GUARDIAN_NAME));
  g_assert_nonnull (find_issue (again, JD_FIELD_GUARDIAN_PHONE));
  g_assert_null (find_issue (again, JD_FIELD_CONSENT));

  v->guardian_name = g_strdup ("Омарова Сәуле");
  g_free (v->guardian_phone);
  v->guardian_phone = g_strdup ("8 705 111 22 33");
  fixed = jd_visitor_validate (v, &today);
  g_assert_false (jd_field_issues_have_error (fixed));
  g_assert_cmpstr (v->guardian_phone, ==, "+77051112233");
}

static void
test_insert_load (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JdVisitor) v = make_adult ("Әбілқасымова", "Әлия");
  g_autoptr(JdVisitor) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const char *categories[] = { "low_income", "large_family", NULL };

  v->patronymic = g_strdup ("Серікқызы");
  v->sex = JD_SEX_FEMALE;
  v->phone = g_strdup ("701 222 33 44");
  v->education = g_strdup ("vocational");
  v->categories = g_strdupv ((char **) categories);
  g_free (v->language);
  v->language = g_strdup ("ru");
  v->notes = g_strdup ("Ищет работу бариста");

  g_assert_true (jd_visitor_insert (f->db, v, &error));
  g_assert_no_error (error);
  g_assert_cmpint (v->id, >, 0);

  key = query_text_with (f->db, "SELECT name_key FROM visitor WHERE id = ?1", v->id);
  g_assert_cmpstr (key, ==, "әбілқасымова әлия серікқызы");
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consent WHERE visitor_id = ?1 AND given_by = 'self'", v->id), ==, 1);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM visitor_token WHERE visitor_id = ?1", v->id), >, 0);

  loaded = jd_visitor_load (f->db, v->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->surname, ==, "Әбілқасымова");
  g_assert_cmpstr (loaded->patronymic, ==, "Серікқызы");
  g_assert_cmpstr (loaded->birth_date, ==, "1999-05-04");
  g_assert_cmpint (loaded->sex, ==, JD_SEX_FEMALE);
  g_assert_cmpstr (loaded->phone, ==, "+77012223344");
  g_assert_cmpstr (loaded->district_code, ==, "almaty-almaly");
  g_assert_cmpstr (loaded->occupation, ==, "unemployed_seeking");
  g_assert_cmpstr (loaded->education, ==, "vocational");
  g_assert_cmpstr (loaded->language, ==, "ru");
  g_assert_cmpstr (loaded->notes, ==, "Ищет работу бариста");
  g_assert_cmpuint (g_strv_length (loaded->categories), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) loaded->categories, "large_family"));
  g_assert_true (loaded->consent_given);
  g_assert_false (loaded->consent_by_guardian);

  g_assert_null (jd_visitor_load (f->db, 9999, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
}

static void
test_insert_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JdVisitor) child = make_adult ("Бекова", "Аружан");
  g_autoptr(GError) error = NULL;

  g_free (child->birth_date);
  child->birth_date = birth_date_for_age (13);
  g_assert_false (jd_visitor_insert (f->db, child, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_assert_cmpint (child->id, ==, 0);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM visitor", 0), ==, 0);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consent", 0), ==, 0);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JdVisitor) first = make_adult ("Қайратұлы", "Ерлан");
  g_autoptr(JdVisitor) same_name = make_adult ("ҚАЙРАТҰЛЫ", "ерлан");
  g_autoptr(JdVisitor) same_phone = make_adult ("Ким", "Виктор");
  g_autoptr(JdVisitor) same_iin = make_adult ("Другой", "Человек");
  g_autoptr(JdVisitor) stranger = make_adult ("Ким", "Ёлка");
  g_autoptr(GPtrArray) dups = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;

  set_today (&today);
  first->iin = g_strdup ("921029350851");
  g_clear_pointer (&first->birth_date, g_free);
  first->phone = g_strdup ("+77071234567");
  g_assert_true (jd_visitor_insert (f->db, first, &error));
  g_assert_no_error (error);

  /* Same name (any case, Kazakh letters) and birth date: a warning. */
  g_free (same_name->birth_date);
  same_name->birth_date = g_strdup ("29.10.1992");
  g_ptr_array_unref (jd_visitor_validate (same_name, &today));
  dups = jd_visitor_find_duplicates (f->db, same_name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dups->len, ==, 1);
  g_assert_cmpint (((JdDuplicate *) dups->pdata[0])->visitor_id, ==, first->id);
  g_assert_cmpint (((JdDuplicate *) dups->pdata[0])->reason, ==, JD_DUPLICATE_SAME_NAME_AND_DOB);
  g_clear_pointer (&dups, g_ptr_array_unref);
  /* …which does not stop saving (staff decided it is another person). */
  g_assert_true (jd_visitor_insert (f->db, same_name, &error));

  /* Same phone in another spelling: a warning. */
  same_phone->phone = g_strdup ("8 707 123 45 67");
  g_ptr_array_unref (jd_visitor_validate (same_phone, &today));
  dups = jd_visitor_find_duplicates (f->db, same_phone, &error);
  g_assert_cmpuint (dups->len, ==, 1);
  g_assert_cmpint (((JdDuplicate *) dups->pdata[0])->reason, ==, JD_DUPLICATE_SAME_PHONE);
  g_clear_pointer (&dups, g_ptr_array_unref);

  /* Same IIN: refused. */
  same_iin->iin = g_strdup ("921029350851");
  g_ptr_array_unref (jd_visitor_validate (same_iin, &today));
  dups = jd_visitor_find_duplicates (f->db, same_iin, &error);
  g_assert_cmpint (((JdDuplicate *) dups->pdata[0])->reason, ==, JD_DUPLICATE_SAME_IIN);
  g_assert_false (jd_visitor_insert (f->db, same_iin, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Қайратұлы Ерлан"));
  g_clear_error (&error);

  /* Nobody like this one. */
  g_ptr_array_unref (jd_visitor_validate (stranger, &today));
  g_clear_pointer (&dups, g_ptr_array_unref);
  dups = jd_visitor_find_duplicates (f->db, stranger, &error);
  g_assert_cmpuint (dups->len, ==, 0);

  /* A record never duplicates itself when edited. */
  g_clear_pointer (&dups, g_ptr_array_unref);
  dups = jd_visitor_find_duplicates (f->db, first, &error);
  g_assert_cmpuint (dups->len, ==, 1);  /* the same-name person saved above */
  g_assert_cmpint (((JdDuplicate *) dups->pdata[0])->visitor_id, ==, same_name->id);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JdVisitor) v = make_adult ("Нұрланов", "Дәулет");
  g_autoptr(JdVisitor) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  JdStmt *stmt;

  g_assert_true (jd_visitor_insert (f->db, v, &error));

  /* Registered at 35 in 2020, 36 and more today: the record is kept and
   * may still be edited. */
  stmt = jd_db_prepare (f->db, "UPDATE visitor SET birth_date = '1985-01-10', created_at = ?2 WHERE id = ?1", NULL);
  jd_stmt_bind_int64 (stmt, 1, v->id);
  jd_stmt_bind_int64 (stmt, 2, 1590000000);  /* May 2020 */
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);

  loaded = jd_visitor_load (f->db, v->id, &error);
  g_assert_no_error (error);
  g_free (loaded->occupation);
  loaded->occupation = g_strdup ("employed");
  loaded->consent_by_guardian = FALSE;
  g_assert_true (jd_visitor_update (f->db, loaded, &error));
  g_assert_no_error (error);

  birth = query_text_with (f->db, "SELECT birth_date FROM visitor WHERE id = ?1", v->id);
  g_assert_cmpstr (birth, ==, "1985-01-10");
  g_assert_cmpint (query_int_with (f->db, "SELECT occupation = 'employed' FROM visitor WHERE id = ?1", v->id), ==, 1);
  /* Consent unchanged: no second row. */
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM consent WHERE visitor_id = ?1", v->id), ==, 1);
}

static void
test_check_in (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JdVisitor) v = make_adult ("Асанов", "Ержан");
  g_autoptr(JdVisitor) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  const char *purposes[] = { "employment", "career", NULL };
  const char *bad[] = { "teleport", NULL };
  const char *none[] = { NULL };
  gint64 visit, second;
  JdVisitRow *row;

  g_assert_true (jd_db_set_setting (f->db, JD_SETTING_CENTRE_CODE, "ALM-07", &error));
  g_assert_true (jd_visitor_insert (f->db, v, &error));

  visit = jd_visit_check_in (f->db, v->id, purposes, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (visit, >, 0);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM visit_purpose WHERE visit_id = ?1", visit), ==, 2);
  g_assert_cmpint (query_int_with (f->db, "SELECT occupation = 'unemployed_seeking' AND centre_code = 'ALM-07' FROM visit WHERE id = ?1", visit), ==, 1);

  /* The person finds a job: the past visit still counts as NEET. */
  loaded = jd_visitor_load (f->db, v->id, &error);
  g_free (loaded->occupation);
  loaded->occupation = g_strdup ("employed");
  g_assert_true (jd_visitor_update (f->db, loaded, &error));
  g_assert_cmpint (query_int_with (f->db, "SELECT occupation = 'unemployed_seeking' FROM visit WHERE id = ?1", visit), ==, 1);

  /* Refusals change nothing. */
  g_assert_cmpint (jd_visit_check_in (f->db, v->id, bad, 0, &error), ==, 0);
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (jd_visit_check_in (f->db, v->id, none, 0, &error), ==, 0);
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (jd_visit_check_in (f->db, 424242, purposes, 0, &error), ==, 0);
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM visit", 0), ==, 1);

  second = jd_visit_check_in (f->db, v->id, (const char *[]) { "event", NULL },
                              jd_db_now () + 60, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) newest = NULL;
    guint total = 0;

    /* Only the newest are listed, but all are counted. */
    newest = jd_visit_list_day (f->db, now, 1, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (newest->len, ==, 1);
    g_assert_cmpuint (total, ==, 2);
    g_assert_cmpint (((JdVisitRow *) newest->pdata[0])->visit_id, ==, second);
  }

  today = jd_visit_list_day (f->db, now, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (today->len, ==, 2);
  row = today->pdata[0];  /* newest first */
  g_assert_cmpint (row->visit_id, ==, second);
  g_assert_cmpstr (row->display_name, ==, "Асанов Ержан");
  g_assert_cmpstr (row->purposes[0], ==, "event");
  row = today->pdata[1];
  g_assert_cmpuint (g_strv_length (row->purposes), ==, 2);
  g_assert_cmpint (row->time_out, ==, 0);

  g_assert_true (jd_visit_check_out (f->db, visit, 0, &error));
  g_assert_false (jd_visit_check_out (f->db, visit, 0, &error));  /* already out */
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo removes the visit and its purposes. */
  g_assert_true (jd_visit_undo (f->db, visit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM visit WHERE id = ?1", visit), ==, 0);
  g_assert_cmpint (query_int_with (f->db, "SELECT count(*) FROM visit_purpose WHERE visit_id = ?1", visit), ==, 0);
  g_assert_false (jd_visit_undo (f->db, visit, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
}

static void
test_choices (void)
{
  guint n;
  const JdChoice *choices = jd_occupations (&n);

  g_assert_cmpuint (n, ==, 8);
  g_assert_true (jd_occupation_is_neet ("unemployed_seeking"));
  g_assert_true (jd_occupation_is_neet ("not_seeking"));
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (choices[i].code, "unemployed_seeking") &&
        !g_str_equal (choices[i].code, "not_seeking"))
      g_assert_false (jd_occupation_is_neet (choices[i].code));

  choices = jd_visit_purposes (&n);
  g_assert_cmpstr (jd_choice_label (choices, n, "legal"), ==, "Legal advice");
  g_assert_cmpstr (jd_choice_label (choices, n, "unknown"), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/visitor/validate/normalises", test_validate_normalises);
  g_test_add_func ("/jd/visitor/validate/iin-fills", test_validate_iin_fills);
  g_test_add_func ("/jd/visitor/validate/refusals", test_validate_refusals);
  g_test_add_func ("/jd/visitor/validate/age", test_validate_age);
  g_test_add_func ("/jd/visitor/validate/guardian", test_validate_guardian);
  g_test_add_func ("/jd/visitor/choices", test_choices);

#define ADD(name, func) \
  g_test_add ("/jd/visitor/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("insert-load", test_insert_load);
  ADD ("insert-refused", test_insert_refused);
  ADD ("duplicates", test_duplicates);
  ADD ("update", test_update);
  ADD ("check-in", test_check_in);

#undef ADD

  return g_test_run ();
}
