/* test-consultation.c: consultation rules, private notes, follow-ups,
 * group sessions, placements and the waiting queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-consultation.h"
#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-queue.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "visitor-helpers.h"

typedef struct
{
  char   *dir;
  JdDb   *db;
  gint64  admin, psy, psy2, lawyer, career, clerk, boss;
  gint64  aida, bolat, dana;
  GDate   today;
} Fixture;

static gint64
add_staff (Fixture     *f,
           const char  *login,
           JdRole       role,
           const char  *service)
{
  g_autoptr(GError) error = NULL;
  JdStaff staff = { .full_name = (char *) login, .login = (char *) login, .role = role,
                    .active = TRUE, .services = (char *[]) { (char *) service, NULL } };

  if (service == NULL)
    staff.services = NULL;
  g_assert_true (jd_staff_add (f->db, &staff, "Password1", &error));
  g_assert_no_error (error);
  return staff.id;
}

static gint64
add_visitor (Fixture    *f,
             const char *surname,
             const char *given,
             const char *occupation)
{
  return test_add_visitor (f->db, &(TestVisitor) { .surname = surname, .given_name = given,
                                                  .birth_date = "2000-05-05",
                                                  .district_code = "almaty-bostandyk",
                                                  .occupation = occupation });
}

static void
as (Fixture    *f,
    const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) staff = NULL;

  jd_staff_sign_out (f->db);
  staff = jd_staff_sign_in (f->db, login, g_str_equal (login, "admin") ? "Qwerty123" : "Password1",
                            &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  path = test_db_location_new_in (f->dir, "jastar.db");
  f->db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (f->db, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  f->admin = admin->id;
  f->psy = add_staff (f, "psy", JD_ROLE_SPECIALIST, "psychological");
  f->psy2 = add_staff (f, "psy2", JD_ROLE_SPECIALIST, "psychological");
  f->lawyer = add_staff (f, "lawyer", JD_ROLE_SPECIALIST, "legal");
  f->career = add_staff (f, "career", JD_ROLE_SPECIALIST, "employment");
  f->clerk = add_staff (f, "clerk", JD_ROLE_RECEPTIONIST, NULL);
  f->boss = add_staff (f, "boss", JD_ROLE_MANAGER, NULL);
  f->aida = add_visitor (f, "Әлиева", "Аида", "not_seeking");
  f->bolat = add_visitor (f, "Бекұлы", "Болат", "unemployed_seeking");
  f->dana = add_visitor (f, "Досова", "Дана", "employed");

  g_date_clear (&f->today, 1);
  g_date_set_dmy (&f->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
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

static char *
day_iso (const GDate *today,
         int          offset)
{
  GDate day = *today;

  if (offset >= 0)
    g_date_add_days (&day, (guint) offset);
  else
    g_date_subtract_days (&day, (guint) -offset);
  return jd_date_to_iso (&day);
}

static JdConsultation *
psychological (gint64 visitor)
{
  JdConsultation *c = jd_consultation_new ();

  c->visitor_id = visitor;
  c->service = g_strdup ("psychological");
  c->topic = g_strdup ("anxiety");
  c->started_at = jd_db_now () - 3600;
  c->duration_min = 50;
  c->outcome = g_strdup ("resolved");
  c->summary = g_strdup ("  Обсудили тревогу перед экзаменами.  ");
  c->private_note = g_strdup ("Панические атаки с марта.");
  return c;
}

/* One rule broken: refused on @field with @code. */
static void
assert_refused (Fixture              *f,
                JdConsultation       *c,
                JdConsultationField   expected_field,
                JdValidateError       code)
{
  g_autoptr(GError) error = NULL;
  JdConsultationField field = JD_CONSULTATION_FIELD_NONE;

  g_assert_false (jd_consultation_validate (c, &f->today, &field, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, (gint) code);
  g_assert_cmpint (field, ==, expected_field);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_validate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JdConsultation) c = psychological (f->aida);
  g_autoptr(GError) error = NULL;
  g_autofree char *yesterday = day_iso (&f->today, -1);
  g_autofree char *today = day_iso (&f->today, 0);

  g_assert_true (jd_consultation_validate (c, &f->today, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (c->summary, ==, "Обсудили тревогу перед экзаменами.");

  /* Service and topic. */
  g_free (c->service);
  c->service = NULL;
  assert_refused (f, c, JD_CONSULTATION_FIELD_SERVICE, JD_VALIDATE_ERROR_REQUIRED);
  c->service = g_strdup ("legal");
  /* "anxiety" is not a legal topic. */
  assert_refused (f, c, JD_CONSULTATION_FIELD_TOPIC, JD_VALIDATE_ERROR_INVALID);
  g_free (c->topic);
  c->topic = g_strdup ("labour");
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));

  /* Duration: 1–600 minutes. */
  c->duration_min = 0;
  assert_refused (f, c, JD_CONSULTATION_FIELD_DURATION, JD_VALIDATE_ERROR_INVALID);
  c->duration_min = 601;
  assert_refused (f, c, JD_CONSULTATION_FIELD_DURATION, JD_VALIDATE_ERROR_INVALID);
  c->duration_min = 600;
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));
  c->duration_min = 1;
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));

  /* Not ahead of time (a quarter of an hour of clock drift allowed). */
  c->started_at = jd_db_now () + 3600;
  assert_refused (f, c, JD_CONSULTATION_FIELD_STARTED_AT, JD_VALIDATE_ERROR_FUTURE);
  c->started_at = jd_db_now () + 600;
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));
  c->started_at = 0;
  assert_refused (f, c, JD_CONSULTATION_FIELD_STARTED_AT, JD_VALIDATE_ERROR_REQUIRED);
  c->started_at = jd_db_now () - 60;

  g_free (c->format);
  c->format = g_strdup ("telepathy");
  assert_refused (f, c, JD_CONSULTATION_FIELD_FORMAT, JD_VALIDATE_ERROR_REQUIRED);
  g_free (c->format);
  c->format = g_strdup ("online");

  /* Outcomes and what they need. */
  g_free (c->outcome);
  c->outcome = g_strdup ("referred");
  assert_refused (f, c, JD_CONSULTATION_FIELD_REFERRAL, JD_VALIDATE_ERROR_REQUIRED);
  c->referral = g_strdup ("nowhere");
  assert_refused (f, c, JD_CONSULTATION_FIELD_REFERRAL, JD_VALIDATE_ERROR_REQUIRED);
  g_free (c->referral);
  c->referral = g_strdup ("social_services");
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));

  g_free (c->outcome);
  c->outcome = g_strdup ("follow_up");
  assert_refused (f, c, JD_CONSULTATION_FIELD_FOLLOW_UP, JD_VALIDATE_ERROR_REQUIRED);
  c->follow_up_on = g_strdup (yesterday);
  assert_refused (f, c, JD_CONSULTATION_FIELD_FOLLOW_UP, JD_VALIDATE_ERROR_INVALID);
  g_free (c->follow_up_on);
  c->follow_up_on = g_strdup ("31.02.2030");
  assert_refused (f, c, JD_CONSULTATION_FIELD_FOLLOW_UP, JD_VALIDATE_ERROR_INVALID);
  /* Today will do, typed the way people type it. */
  g_free (c->follow_up_on);
  c->follow_up_on = g_strdup_printf ("%02d.%02d.%04d", g_date_get_day (&f->today),
                                     g_date_get_month (&f->today), g_date_get_year (&f->today));
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));
  g_assert_cmpstr (c->follow_up_on, ==, today);

  g_free (c->outcome);
  c->outcome = g_strdup ("maybe");
  assert_refused (f, c, JD_CONSULTATION_FIELD_OUTCOME, JD_VALIDATE_ERROR_REQUIRED);
  g_free (c->outcome);
  c->outcome = g_strdup ("resolved");

  /* A placement: employer, kind and first day together. */
  c->placement_employer = g_strdup ("ТОО «Алма»");
  assert_refused (f, c, JD_CONSULTATION_FIELD_PLACEMENT_KIND, JD_VALIDATE_ERROR_REQUIRED);
  c->placement_kind = g_strdup ("permanent");
  assert_refused (f, c, JD_CONSULTATION_FIELD_PLACEMENT_START, JD_VALIDATE_ERROR_REQUIRED);
  c->placement_start = g_strdup ("1.9.2026");
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));
  g_assert_cmpstr (c->placement_start, ==, "2026-09-01");
  g_clear_pointer (&c->placement_employer, g_free);
  c->placement_employer = g_strdup ("   ");
  assert_refused (f, c, JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER, JD_VALIDATE_ERROR_REQUIRED);
  g_free (c->placement_employer);
  c->placement_employer = g_strdup ("ТОО «Алма»");

  /* Anonymous: sex and age group only, and no placement. */
  c->visitor_id = 0;
  assert_refused (f, c, JD_CONSULTATION_FIELD_ANON_SEX, JD_VALIDATE_ERROR_REQUIRED);
  c->anon_sex = JD_SEX_MALE;
  assert_refused (f, c, JD_CONSULTATION_FIELD_ANON_AGE_BAND, JD_VALIDATE_ERROR_REQUIRED);
  c->anon_age_band = g_strdup ("36-40");
  assert_refused (f, c, JD_CONSULTATION_FIELD_ANON_AGE_BAND, JD_VALIDATE_ERROR_REQUIRED);
  g_free (c->anon_age_band);
  c->anon_age_band = g_strdup ("18-24");
  assert_refused (f, c, JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER, JD_VALIDATE_ERROR_INVALID);
  g_clear_pointer (&c->placement_employer, g_free);
  g_clear_pointer (&c->placement_kind, g_free);
  g_clear_pointer (&c->placement_start, g_free);
  g_assert_true (jd_consultation_validate (c, &f->today, NULL, NULL));
}

/* Who logs what. */
static void
test_insert_rights (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = psychological (f->aida);
  g_autoptr(JdConsultation) loaded = NULL;

  as (f, "clerk");
  g_assert_false (jd_consultation_insert (f->db, c, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  as (f, "lawyer");
  g_assert_false (jd_consultation_insert (f->db, c, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consultation"), ==, 0);

  as (f, "psy");
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);
  loaded = jd_consultation_load (f->db, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->specialist_id, ==, f->psy);
  g_assert_cmpstr (loaded->visitor_name, ==, "Әлиева Аида");
  g_assert_cmpstr (loaded->specialist_name, ==, "psy");
  g_assert_true (loaded->has_private_note);
  g_assert_null (loaded->private_note);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'created'"
                                     " AND target = 'consultation'"), ==, 1);

  /* Changing it: the author or an administrator. */
  as (f, "psy2");
  g_free (loaded->summary);
  loaded->summary = g_strdup ("Другое");
  g_assert_false (jd_consultation_update (f->db, loaded, FALSE, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  as (f, "admin");
  g_assert_true (jd_consultation_update (f->db, loaded, FALSE, &error));
  g_assert_no_error (error);
  /* The note was not replaced by the empty one in hand. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consultation WHERE private_note IS NOT NULL"),
                   ==, 1);
}

/* The private note, for every role; every read on record. */
static void
test_private_note (Fixture       *f,
                   gconstpointer  data)
{
  static const struct { const char *login; gboolean may; } readers[] = {
    { "psy", TRUE },      /* the author */
    { "psy2", TRUE },     /* same service */
    { "lawyer", FALSE },  /* another service */
    { "career", FALSE },
    { "clerk", FALSE },   /* receptionist */
    { "boss", FALSE },    /* manager */
    { "admin", FALSE },   /* administrator */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = psychological (f->aida);
  g_autoptr(JdConsultation) silent = psychological (f->bolat);
  g_autofree char *none = NULL;
  guint reads = 0;

  as (f, "psy");
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_clear_pointer (&silent->private_note, g_free);
  g_assert_true (jd_consultation_insert (f->db, silent, &error));

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *note = NULL;

      as (f, readers[i].login);
      note = jd_consultation_read_private_note (f->db, c->id, &error);
      if (readers[i].may)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (note, ==, "Панические атаки с марта.");
          reads++;
        }
      else
        {
          g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
          g_assert_null (note);
          g_clear_error (&error);
        }
      g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'viewed_private_note'"),
                       ==, reads);
    }

  /* Signed out: nothing. */
  jd_staff_sign_out (f->db);
  g_assert_null (jd_consultation_read_private_note (f->db, c->id, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  /* No note, nothing read, nothing recorded. */
  as (f, "psy");
  none = jd_consultation_read_private_note (f->db, silent->id, &error);
  g_assert_no_error (error);
  g_assert_null (none);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'viewed_private_note'"),
                   ==, reads);
}

/* Who may not read a private note may not replace or erase it either:
 * an administrator's update keeps it, and a note they type is refused. */
static void
test_private_note_unreadable_kept (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = psychological (f->aida);
  g_autoptr(JdConsultation) loaded = NULL;
  g_autofree char *note = NULL;
  g_autofree char *summary = NULL;

  as (f, "psy");
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);

  as (f, "admin");
  loaded = jd_consultation_load (f->db, c->id, &error);
  g_assert_no_error (error);
  g_free (loaded->summary);
  loaded->summary = g_strdup ("Исправлено администратором");

  /* Typing a new note: refused, nothing changed. */
  loaded->private_note = g_strdup ("Перезаписано");
  g_assert_false (jd_consultation_update (f->db, loaded, TRUE, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  note = query_text (f->db, "SELECT private_note FROM consultation");
  g_assert_cmpstr (note, ==, "Панические атаки с марта.");
  summary = query_text (f->db, "SELECT summary FROM consultation");
  g_assert_cmpstr (summary, ==, "Обсудили тревогу перед экзаменами.");
  g_clear_pointer (&note, g_free);
  g_clear_pointer (&summary, g_free);

  /* Erasing it: the rest is saved, the note stays. */
  g_clear_pointer (&loaded->private_note, g_free);
  g_assert_true (jd_consultation_update (f->db, loaded, TRUE, &error));
  g_assert_no_error (error);
  note = query_text (f->db, "SELECT private_note FROM consultation");
  g_assert_cmpstr (note, ==, "Панические атаки с марта.");
  summary = query_text (f->db, "SELECT summary FROM consultation");
  g_assert_cmpstr (summary, ==, "Исправлено администратором");
  g_clear_pointer (&note, g_free);

  /* The author still can. */
  as (f, "psy");
  loaded->private_note = g_strdup ("Уточнено автором");
  g_assert_true (jd_consultation_update (f->db, loaded, TRUE, &error));
  g_assert_no_error (error);
  note = query_text (f->db, "SELECT private_note FROM consultation");
  g_assert_cmpstr (note, ==, "Уточнено автором");
}

static void
test_follow_ups (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autofree char *yesterday = day_iso (&f->today, -1);
  g_autofree char *today = day_iso (&f->today, 0);
  g_autofree char *tomorrow = day_iso (&f->today, 1);
  g_autofree char *sql = NULL;
  JdConsultationFilter filter = { .follow_up_due = today };
  gint64 ids[3];
  guint total = 0;

  as (f, "psy");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JdConsultation) c = psychological (i == 0 ? f->aida : i == 1 ? f->bolat : f->dana);

      g_free (c->outcome);
      c->outcome = g_strdup ("follow_up");
      c->follow_up_on = g_strdup (i == 2 ? tomorrow : today);
      g_assert_true (jd_consultation_insert (f->db, c, &error));
      g_assert_no_error (error);
      ids[i] = c->id;
    }
  /* One became overdue (a day the rules would no longer accept). */
  sql = g_strdup_printf ("UPDATE consultation SET follow_up_on = '%s' WHERE id = %" G_GINT64_FORMAT,
                         yesterday, ids[1]);
  g_assert_true (jd_db_exec (f->db, sql, NULL));

  /* Due today and overdue, the earliest first; tomorrow's not yet. */
  due = jd_consultation_list (f->db, &filter, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpint (((JdConsultationRow *) due->pdata[0])->id, ==, ids[1]);
  g_assert_cmpint (((JdConsultationRow *) due->pdata[1])->id, ==, ids[0]);
  g_assert_cmpstr (((JdConsultationRow *) due->pdata[1])->visitor_name, ==, "Әлиева Аида");
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Done, and rescheduled to tomorrow: none due today. */
  g_assert_true (jd_consultation_follow_up_done (f->db, ids[1], &error));
  g_assert_no_error (error);
  g_assert_false (jd_consultation_reschedule (f->db, ids[0], yesterday, &f->today, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (jd_consultation_reschedule (f->db, ids[0], tomorrow, &f->today, &error));
  g_assert_no_error (error);
  due = jd_consultation_list (f->db, &filter, 50, &total, &error);
  g_assert_cmpuint (total, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  /* Tomorrow: two. Someone else's follow-ups are not "mine". */
  filter.follow_up_due = tomorrow;
  due = jd_consultation_list (f->db, &filter, 50, &total, &error);
  g_assert_cmpuint (total, ==, 2);
  g_clear_pointer (&due, g_ptr_array_unref);
  filter.specialist_id = f->psy2;
  due = jd_consultation_list (f->db, &filter, 50, &total, &error);
  g_assert_cmpuint (total, ==, 0);

  /* Only a specialist of the service marks them. */
  as (f, "lawyer");
  g_assert_false (jd_consultation_follow_up_done (f->db, ids[2], &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'changed'"
                                     " AND target = 'consultation'"), ==, 2);
}

static void
test_list_filters (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JdConsultationFilter filter = { 0 };
  guint total = 0;

  as (f, "psy");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JdConsultation) c = psychological (i == 2 ? f->bolat : f->aida);

      c->started_at = jd_db_now () - (i + 1) * 86400;
      if (i == 1)
        {
          g_free (c->outcome);
          c->outcome = g_strdup ("no_show");
        }
      g_assert_true (jd_consultation_insert (f->db, c, &error));
    }
  as (f, "lawyer");
  {
    g_autoptr(JdConsultation) c = psychological (f->aida);

    g_free (c->service);
    c->service = g_strdup ("legal");
    g_free (c->topic);
    c->topic = g_strdup ("labour");
    g_assert_true (jd_consultation_insert (f->db, c, &error));
  }

  rows = jd_consultation_list (f->db, NULL, 50, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 4);
  /* Newest first: the lawyer's, made now. */
  g_assert_cmpstr (((JdConsultationRow *) rows->pdata[0])->service, ==, "legal");
  g_clear_pointer (&rows, g_ptr_array_unref);

#define COUNT(expected) \
  G_STMT_START { \
    rows = jd_consultation_list (f->db, &filter, 50, &total, &error); \
    g_assert_no_error (error); \
    g_assert_cmpuint (total, ==, expected); \
    g_assert_cmpuint (rows->len, ==, expected); \
    g_clear_pointer (&rows, g_ptr_array_unref); \
  } G_STMT_END
  filter.service = "psychological";
  COUNT (3);
  filter.outcome = "no_show";
  COUNT (1);
  filter.outcome = NULL;
  filter.text = "ӘЛИЕВА";
  COUNT (2);
  filter.text = "бек";
  COUNT (1);
  filter.text = "%";
  COUNT (0);
  filter.text = NULL;
  filter.from = jd_db_now () - 2 * 86400 - 60;
  filter.to = jd_db_now () - 86400 + 60;
  COUNT (2);
  filter.service = NULL;
  filter.from = filter.to = 0;
  filter.specialist_id = f->lawyer;
  COUNT (1);
  filter.specialist_id = 0;
  filter.visitor_id = f->bolat;
  COUNT (1);
#undef COUNT
}

static void
test_group (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = jd_consultation_new ();
  gint64 visitors[] = { f->aida, f->bolat, f->dana };
  gint64 group;

  as (f, "career");
  c->service = g_strdup ("employment");
  c->topic = g_strdup ("vacancies");
  c->started_at = jd_db_now () - 7200;
  c->duration_min = 90;
  c->outcome = g_strdup ("resolved");
  c->summary = g_strdup ("Групповое занятие: поиск вакансий");

  g_assert_cmpint (jd_consultation_insert_group (f->db, c, visitors, 1, &error), ==, 0);
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
  g_clear_error (&error);

  group = jd_consultation_insert_group (f->db, c, visitors, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (group, >, 0);
  /* Each counted, all in one group named by the first row. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consultation"), ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT count(DISTINCT visitor_id) FROM consultation"), ==, 3);
  g_assert_cmpint (query_int (f->db, "SELECT count(DISTINCT group_id) FROM consultation"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT min(id) = min(group_id) FROM consultation"), ==, 1);
}

/* "NEET placed" is counted from placements and the occupation of the
 * visit, never stored. */
static void
test_neet_placed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 visit_aida, visit_dana;
  g_autofree char *sql = NULL;

  as (f, "career");
  visit_aida = jd_visit_check_in (f->db, f->aida, (const char *[]) { "employment", NULL }, 0, &error);
  g_assert_no_error (error);
  visit_dana = jd_visit_check_in (f->db, f->dana, (const char *[]) { "employment", NULL }, 0, &error);
  jd_visit_check_in (f->db, f->bolat, (const char *[]) { "employment", NULL },
                     jd_db_now () - 30 * 86400, &error);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JdConsultation) c = jd_consultation_new ();

      /* Aida twice (counted once), Dana (employed already: not NEET),
       * Bolat without a visit that day: his last visit counts. */
      c->visitor_id = i < 2 ? f->aida : i == 2 ? f->dana : f->bolat;
      c->visit_id = i == 0 ? visit_aida : i == 2 ? visit_dana : 0;
      c->service = g_strdup ("employment");
      c->started_at = jd_db_now () - 60;
      c->outcome = g_strdup ("resolved");
      c->placement_employer = g_strdup ("ТОО «Жол»");
      c->placement_kind = g_strdup (i == 1 ? "temporary" : "permanent");
      c->placement_start = g_strdup ("2026-11-02");
      g_assert_true (jd_consultation_insert (f->db, c, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpuint (jd_consultation_count_neet_placed (f->db, "2026-11-01", "2026-12-01", &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpuint (jd_consultation_count_neet_placed (f->db, "2026-10-01", "2026-11-01", NULL), ==, 0);
  g_assert_cmpuint (jd_consultation_count_neet_placed (f->db, "2026-11-02", "2026-11-03", NULL), ==, 2);

  /* They work now; their visits keep what they were. */
  sql = g_strdup_printf ("SELECT count(*) FROM visitor WHERE occupation = 'employed' AND id IN"
                         " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", f->aida, f->bolat);
  g_assert_cmpint (query_int (f->db, sql), ==, 2);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visit WHERE occupation IN"
                                     " ('unemployed_seeking', 'not_seeking')"), ==, 2);
  /* So the count does not change after the fact. */
  g_assert_cmpuint (jd_consultation_count_neet_placed (f->db, "2026-11-01", "2026-12-01", NULL), ==, 2);

  /* The list the dashboard's tile opens, by the same rule: Aida's
   * placement logged at her visit and Bolat's; not Dana's, nor Aida's
   * second, logged before her visit of the day with none earlier. */
  {
    JdConsultationFilter filter = { .placed_from = "2026-11-01", .placed_to = "2026-12-01" };
    g_autoptr(GPtrArray) rows = NULL;
    guint total = 0;

    as (f, "admin");
    rows = jd_consultation_list (f->db, &filter, 100, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 2);
    g_assert_cmpint (((JdConsultationRow *) rows->pdata[0])->visitor_id, ==, f->bolat);
    g_assert_cmpint (((JdConsultationRow *) rows->pdata[1])->visitor_id, ==, f->aida);
    g_assert_cmpstr (((JdConsultationRow *) rows->pdata[1])->placement_kind, ==, "permanent");
    g_clear_pointer (&rows, g_ptr_array_unref);

    filter.placed_from = "2026-10-01";
    filter.placed_to = "2026-11-01";
    rows = jd_consultation_list (f->db, &filter, 100, &total, &error);
    g_assert_cmpuint (total, ==, 0);
  }
}

/* Referrals: anywhere ("*"), or to one place. */
static void
test_list_referrals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *places[] = { "enbek", "social_services", NULL };
  JdConsultationFilter filter = { .referral = "*" };
  g_autoptr(GPtrArray) rows = NULL;
  guint total = 0;

  as (f, "career");
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_autoptr(JdConsultation) c = jd_consultation_new ();

      c->visitor_id = f->bolat;
      c->service = g_strdup ("employment");
      c->started_at = jd_db_now () - 600 + i;
      c->outcome = g_strdup (places[i] ? "referred" : "resolved");
      c->referral = g_strdup (places[i]);
      g_assert_true (jd_consultation_insert (f->db, c, &error));
      g_assert_no_error (error);
    }

  rows = jd_consultation_list (f->db, &filter, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);
  filter.referral = "enbek";
  rows = jd_consultation_list (f->db, &filter, 100, &total, &error);
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpstr (((JdConsultationRow *) rows->pdata[0])->referral, ==, "enbek");
  g_clear_pointer (&rows, g_ptr_array_unref);
  filter.referral = NULL;
  rows = jd_consultation_list (f->db, &filter, 100, &total, &error);
  g_assert_cmpuint (total, ==, 3);
}

static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(JdQueueEntry) called = NULL;
  g_autoptr(JdQueueEntry) nobody = NULL;
  g_autoptr(JdConsultation) c = NULL;
  gint64 now = jd_db_now ();
  gint64 visit_aida, visit_bolat, visit_dana;

  as (f, "clerk");
  visit_aida = jd_visit_check_in (f->db, f->aida, (const char *[]) { "psychological", "event", NULL },
                                  now - 600, &error);
  g_assert_no_error (error);
  visit_bolat = jd_visit_check_in (f->db, f->bolat, (const char *[]) { "psychological", "legal", NULL },
                                   now - 300, &error);
  visit_dana = jd_visit_check_in (f->db, f->dana, (const char *[]) { "leisure", NULL }, now, &error);
  g_assert_cmpint (visit_dana, >, 0);
  /* Yesterday's queue is over. */
  jd_visit_check_in (f->db, f->dana, (const char *[]) { "psychological", NULL }, now - 86400 - 3600,
                     &error);

  counts = jd_queue_counts (f->db, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "psychological")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "legal")), ==, 1);
  g_clear_pointer (&counts, g_hash_table_unref);

  /* The front desk cannot call people in; a lawyer not for psychologists. */
  g_assert_null (jd_queue_call_next (f->db, "psychological", now, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  as (f, "lawyer");
  g_assert_null (jd_queue_call_next (f->db, "psychological", now, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);

  /* The psychologist calls whoever waited longest. */
  as (f, "psy");
  called = jd_queue_call_next (f->db, "psychological", now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (called->visitor_id, ==, f->aida);
  g_assert_cmpint (called->visit_id, ==, visit_aida);
  g_assert_cmpint (called->called_by, ==, f->psy);
  counts = jd_queue_counts (f->db, now, NULL);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "psychological")), ==, 1);

  /* Still listed (the front desk sees who was called, and by whom)
   * until the consultation is logged. */
  waiting = jd_queue_list (f->db, "psychological", now, &error);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_cmpstr (((JdQueueEntry *) waiting->pdata[0])->called_by_name, ==, "psy");
  g_clear_pointer (&waiting, g_ptr_array_unref);

  c = psychological (f->aida);
  c->visit_id = visit_aida;
  g_assert_true (jd_consultation_insert (f->db, c, &error));
  g_assert_no_error (error);
  waiting = jd_queue_list (f->db, "psychological", now, &error);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_cmpint (((JdQueueEntry *) waiting->pdata[0])->visitor_id, ==, f->bolat);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  /* Bolat leaves before his turn; his legal entry stays. */
  waiting = jd_queue_list (f->db, NULL, now, &error);
  g_assert_cmpuint (waiting->len, ==, 2);
  g_assert_true (jd_queue_remove (f->db, ((JdQueueEntry *) waiting->pdata[0])->id, &error));
  g_assert_no_error (error);
  nobody = jd_queue_call_next (f->db, "psychological", now, &error);
  g_assert_no_error (error);
  g_assert_null (nobody);

  /* A mistaken check-in undone leaves the queue too. */
  as (f, "clerk");
  g_assert_true (jd_visit_undo (f->db, visit_bolat, &error));
  g_assert_no_error (error);
  g_clear_pointer (&waiting, g_ptr_array_unref);
  waiting = jd_queue_list (f->db, NULL, now, &error);
  g_assert_cmpuint (waiting->len, ==, 0);
}

typedef struct
{
  JdDb   *db;
  gint64  now;
} CallNext;

static gpointer
call_next_thread (gpointer data)
{
  CallNext *call = data;
  g_autoptr(GError) error = NULL;
  JdQueueEntry *entry = jd_queue_call_next (call->db, "psychological", call->now, &error);

  g_assert_no_error (error);
  return entry;
}

/* Two psychologists press "Call next" at once, each at a desk of their
 * own (a connection each): two people wait, each is called once, by one
 * of them; a third press finds nobody. */
static void
test_queue_two_desks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) other = jd_db_open (jd_db_get_path (f->db), JD_DB_OPEN_DEFAULT, &error);
  g_autoptr(JdStaff) psy2 = NULL;
  g_autoptr(JdQueueEntry) first = NULL;
  g_autoptr(JdQueueEntry) second = NULL;
  g_autoptr(JdQueueEntry) nobody = NULL;
  gint64 now = jd_db_now ();
  CallNext a = { f->db, now }, b = { NULL, now };
  GThread *ta, *tb;

  g_assert_no_error (error);
  as (f, "clerk");
  g_assert_cmpint (jd_visit_check_in (f->db, f->aida, (const char *[]) { "psychological", NULL },
                                      now - 600, &error), >, 0);
  g_assert_cmpint (jd_visit_check_in (f->db, f->bolat, (const char *[]) { "psychological", NULL },
                                      now - 300, &error), >, 0);
  g_assert_no_error (error);
  as (f, "psy");
  psy2 = jd_staff_sign_in (other, "psy2", "Password1", &error);
  g_assert_no_error (error);
  b.db = other;

  ta = g_thread_new ("desk-a", call_next_thread, &a);
  tb = g_thread_new ("desk-b", call_next_thread, &b);
  first = g_thread_join (ta);
  second = g_thread_join (tb);

  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpint (first->id, !=, second->id);
  g_assert_cmpint (first->visitor_id + second->visitor_id, ==, f->aida + f->bolat);
  g_assert_cmpint (first->called_by, ==, f->psy);
  g_assert_cmpint (second->called_by, ==, f->psy2);
  nobody = jd_queue_call_next (f->db, "psychological", now, &error);
  g_assert_no_error (error);
  g_assert_null (nobody);
}

/* The demo centre uses the same topic codes the form offers. */
static void
test_demo_topics (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = test_db_location_new_in (f->dir, "demo.db");
  g_autoptr(JdDb) demo = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  JdStmt *stmt;
  guint n = 0;

  /* Demo data goes into a file of its own. */
  g_assert_no_error (error);
  jd_db_act_as_system (demo);
  g_assert_true (jd_demo_generate (demo, 2000, 5, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  stmt = jd_db_prepare (demo, "SELECT DISTINCT service, topic FROM consultation", NULL);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      const char *service = jd_stmt_column_text (stmt, 0);
      const char *topic = jd_stmt_column_text (stmt, 1);
      guint n_topics;
      const JdChoice *topics = jd_consultation_topics (service, &n_topics);

      if (topic != NULL)
        g_assert_nonnull (jd_choice_find (topics, n_topics, topic));
      n++;
    }
  jd_stmt_reset (stmt);
  g_assert_cmpuint (n, >, 5);
  /* Every outcome, referrals and placements. */
  g_assert_cmpint (query_int (demo, "SELECT count(DISTINCT outcome) FROM consultation"), ==, 4);
  g_assert_cmpint (query_int (demo, "SELECT count(DISTINCT service) FROM consultation"), >=, 8);
  g_assert_cmpint (query_int (demo, "SELECT count(*) FROM consultation WHERE referral IS NOT NULL"), >, 0);
  g_assert_cmpint (query_int (demo, "SELECT count(*) FROM consultation WHERE placement_kind IS NOT NULL"),
                   >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/jd/consultation/validate", test_validate);
  ADD ("/jd/consultation/insert-rights", test_insert_rights);
  ADD ("/jd/consultation/private-note", test_private_note);
  ADD ("/jd/consultation/private-note-unreadable-kept", test_private_note_unreadable_kept);
  ADD ("/jd/consultation/follow-ups", test_follow_ups);
  ADD ("/jd/consultation/list-filters", test_list_filters);
  ADD ("/jd/consultation/group", test_group);
  ADD ("/jd/consultation/neet-placed", test_neet_placed);
  ADD ("/jd/consultation/list-referrals", test_list_referrals);
  ADD ("/jd/consultation/queue", test_queue);
  ADD ("/jd/consultation/queue-two-desks", test_queue_two_desks);
  ADD ("/jd/consultation/demo-topics", test_demo_topics);
#undef ADD

  return g_test_run ();
}
