/* test-export.c: reports to CSV and visitors from CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "jd-csv.h"
#include "centre-helpers.h"
#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-export-private.h"
#include "jd-import-private.h"
#include "jd-xlsx.h"
#include "jd-staff.h"
#include "jd-store.h"
#include "jd-stats.h"
#include "jd-visitor.h"

static void
add (JdDb       *db,
     const char *surname,
     const char *given,
     const char *birth,
     const char *district,
     const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  int year = g_date_time_get_year (now);

  v->surname = g_strdup (surname);
  v->given_name = g_strdup (given);
  v->birth_date = g_strdup (birth);
  v->sex = g_str_has_suffix (surname, "а") ? JD_SEX_FEMALE : JD_SEX_MALE;
  v->district_code = g_strdup (district);
  v->locality = g_strdup (g_str_equal (district, "other") ? "Қаскелең; \"Ақ жол\" ш/а" : NULL);
  v->phone = g_strdup (phone);
  v->occupation = g_strdup ("not_seeking");
  v->education = g_strdup ("general_secondary");
  v->categories = g_strsplit ("low_income,large_family", ",", -1);
  v->consent_given = TRUE;
  /* Under 18: a guardian consents. */
  if (year - atoi (birth) < 19)
    {
      v->consent_by_guardian = TRUE;
      v->guardian_name = g_strdup ("Ата-анасы Гүлнар");
      v->guardian_phone = g_strdup ("+77015550000");
    }
  jd_visitor_insert (db, v, &error);
  g_assert_no_error (error);
}

static char *
export (JdDb          *db,
        JdExportKind   kind,
        gboolean       anonymize,
        const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  JdExportOptions options = { kind, "2000-01-01", today, ';', anonymize };
  char *path = tmp_path (name);
  guint rows = 0;

  g_assert_true (jd_export_to_file (db, &options, path, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  return path;
}

/* Export visitors, import them into an empty centre, export again:
 * the same file. */
static void
test_round_trip (void)
{
  g_autoptr(JdDb) a = open_centre ("a.db");
  g_autoptr(JdDb) b = open_centre ("b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  add (a, "Әбенова", "Әлия", "2001-03-08", "almaty-medeu", "+77011234567");
  add (a, "Нұрланов", "Ерұлан", "1999-12-31", "other", NULL);
  add (a, "Иванова", "Алёна", "2009-01-15", "almaty-turksib", "+77770001122");

  first = export (a, JD_EXPORT_VISITORS, FALSE, "visitors.csv");
  result = jd_import_visitors (b, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 0);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_null (result->rejects_path);
  second = export (b, JD_EXPORT_VISITORS, FALSE, "visitors-again.csv");

  text_a = contents (first);
  text_b = contents (second);
  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_true (g_str_has_prefix (text_a, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (text_a, "'+77011234567"));
  g_assert_nonnull (strstr (text_a, "\"Қаскелең; \"\"Ақ жол\"\" ш/а\""));
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor_token"), >, 0);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM consent WHERE given_by = 'guardian'"), ==, 1);

  /* Importing the same file again: without IINs, the same name and
   * birth date is a warning, as on the registration form, so all three
   * are imported again and listed. */
  g_clear_pointer (&result, jd_import_result_free);
  result = jd_import_visitors (b, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 0);
  g_assert_cmpuint (result->warned, ==, 3);
  g_assert_cmpuint (result->warnings->len, ==, 3);
  g_assert_null (result->rejects_path);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor"), ==, 6);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM audit WHERE action = 'imported'"), ==, 2);
}

static void
write_file (const char *path,
            const char *text)
{
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Headers in any of the three languages; bad rows reported with their
 * lines and reasons; nothing half-imported. */
static void
test_import_rules (void)
{
  g_autoptr(JdDb) db = open_centre ("rules.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *path = tmp_path ("ru.csv");
  g_autofree char *broken = tmp_path ("broken.csv");
  g_autofree char *garbage = tmp_path ("garbage.csv");
  g_autofree char *rejects = NULL;

  write_file (path,
              "Фамилия,Имя,Дата рождения,Пол,Телефон,Район,Занятость\n"
              "Серікова,Дана,15.06.2000,жен,8 701 555 01 01,Медеуский район,employed\n"
              "Малов,Тимур,01.01.2020,муж,,Алмалинский район,school\n"           /* 6 years old */
              "Серікова,Дана,15.06.2000,ж,,Медеуский район,employed\n"            /* maybe the same: warned */
              "Болатов,Арман,31.02.2001,м,,,employed\n"                           /* no such day */
              "Жанова,Айым,2002-05-05,ә,,Қарасай ауданы,unemployed_seeking,лишнее\n"  /* extra column */
              "Ким,Виктор,1997-07-07,м,,Талгар,employed\n");                     /* not in the list */
  result = jd_import_visitors (db, path, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 0);
  g_assert_cmpuint (result->warned, ==, 1);
  g_assert_cmpuint (result->rejected, ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE phone = '+77015550101'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor v JOIN district d ON d.id = v.district_id"
                                  " WHERE d.code = 'other' AND v.locality = 'Талгар'"), ==, 1);

  rejects = contents (result->rejects_path);
  g_assert_true (g_str_has_suffix (result->rejects_path, "ru-rejected.csv"));
  /* The rows as they were, then the line and the reason. */
  g_assert_nonnull (strstr (rejects, "\r\nМалов,Тимур,01.01.2020,муж,,Алмалинский район,school,3,"));
  g_assert_nonnull (strstr (rejects, "\r\nБолатов,Арман,31.02.2001,м,,,employed,5,"));
  g_assert_nonnull (strstr (rejects, "\r\nЖанова,Айым,2002-05-05,ә,,Қарасай ауданы,unemployed_seeking,лишнее,6,"));
  g_assert_null (strstr (rejects, "\r\nСерікова"));

  /* A broken quote halfway: nothing of the file stays. */
  write_file (broken,
              "Тегі;Аты;Туған күні;Жынысы;Қызметі\n"
              "Әлиева;Аида;2000-01-01;ә;employed\n"
              "Бекова;\"Жанар;2000-01-01;ә;employed\n");
  g_clear_pointer (&result, jd_import_result_free);
  result = jd_import_visitors (db, broken, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_UNTERMINATED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 3);

  /* Not a list of visitors at all. */
  write_file (garbage, "PK\x03\x04 binary");
  result = jd_import_visitors (db, garbage, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_clear_error (&error);
  write_file (garbage, "");
  result = jd_import_visitors (db, garbage, NULL, NULL, NULL, &error);
  g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY);
  g_clear_error (&error);
  write_file (garbage, "x;y;z\n1;2;3\n");
  result = jd_import_visitors (db, garbage, NULL, NULL, NULL, &error);
  g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 3);
}

/* Foreign keys are checked (a server always checks them). */
static void
assert_foreign_keys_on (JdDb *db)
{
  if (!test_engine_is_server ())
    g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
}

/* The database is whole and no row points to one that is not there. */
static void
assert_sound (JdDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  if (!test_engine_is_server ())
    {
      g_autofree char *check = query_text (db, "PRAGMA integrity_check");
      g_autofree char *dangling = query_text (db, "PRAGMA foreign_key_check");

      g_assert_cmpstr (check, ==, "ok");
      g_assert_null (dangling);
    }
  g_assert_true (jd_db_check_integrity (db, FALSE, &report, &error));
  g_assert_no_error (error);
  assert_foreign_keys_on (db);
}

/* What an import leaves in the database, as text to compare. */
static char *
imported_state (JdDb *db)
{
  const char *queries[] = {
    /* The visitor added by hand was registered "now". */
    "SELECT group_concat (x, '|') FROM (SELECT id || surname || given_name || ifnull (patronymic, '')"
    " || ifnull (iin, '') || birth_date || sex || ifnull (phone, '')"
    " || ifnull (CAST (district_id AS TEXT), '')"
    " || ifnull (locality, '') || occupation || ifnull (education, '') || language || name_key"
    " || CASE WHEN id > 1 THEN CAST (created_at AS TEXT) || updated_at ELSE '' END AS x"
    " FROM visitor ORDER BY id) AS t",
    "SELECT group_concat (x, '|') FROM (SELECT visitor_id || given_on || given_by"
    " || ifnull (guardian_name, '') || ifnull (guardian_phone, '') AS x FROM consent ORDER BY id) AS t",
    "SELECT group_concat (x, '|') FROM (SELECT visitor_id || category AS x FROM visitor_category"
    " ORDER BY visitor_id, category) AS t",
    "SELECT group_concat (x, '|') FROM (SELECT visitor_id || ':' || token AS x FROM visitor_token"
    " ORDER BY visitor_id, token) AS t",
    "SELECT group_concat (x, '|') FROM (SELECT rowid || ':' || text AS x FROM visitor_fts ORDER BY rowid) AS t",
    /* The indexes, in the engine's own catalogue. */
    test_engine_is_server ()
    ? "SELECT group_concat (x, '|') FROM (SELECT indexname || indexdef AS x FROM pg_indexes"
      " WHERE schemaname = current_schema () ORDER BY indexname) AS t"
    : "SELECT group_concat (x, '|') FROM (SELECT name || sql AS x FROM sqlite_schema"
      " WHERE type = 'index' AND sql IS NOT NULL ORDER BY name) AS t",
  };

  return query_texts (db, queries, G_N_ELEMENTS (queries));
}

/* A big file is imported in bulk (indexes made again at the end,
 * duplicates found in memory): the database ends up the same as with
 * one row at a time, and a failed bulk import leaves it as it was. */
static void
test_import_bulk (void)
{
  static const char *surnames[] = { "Асанов", "Бекова", "Ли", "Жұмабаев", "Смирнова", "Оспанов",
                                    "Қайратова", "Ким", "Әлиев", "Петрова" };
  static const char *given[] = { "Ержан", "Дана", "Виктор", "Аружан", "Мария", "Нұрлан", "Әсел",
                                 "Олег", "Тимур", "Жанна", "Бауыржан", "Алина" };
  g_autoptr(JdDb) a = open_centre ("bulk-a.db");
  g_autoptr(JdDb) b = open_centre ("bulk-b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result_a = NULL;
  g_autoptr(JdImportResult) result_b = NULL;
  g_autoptr(GString) file = g_string_new (NULL);
  g_autofree char *path = tmp_path ("bulk.csv");
  g_autofree char *broken = tmp_path ("bulk-broken.csv");
  g_autofree char *rejects_a = NULL;
  g_autofree char *rejects_b = NULL;
  g_autofree char *state_a = NULL;
  g_autofree char *state_b = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 tokens;

  add (a, "Әбенова", "Әлия", "2001-03-08", "almaty-medeu", "+77011234567");
  add (b, "Әбенова", "Әлия", "2001-03-08", "almaty-medeu", "+77011234567");

  g_string_append (file,
                   "Surname;Given name;Patronymic;IIN;Date of birth;Sex;Phone;District;Occupation;"
                   "Social categories;Consent given by;Guardian;Guardian’s phone;Registered\n"
                   /* 2: new, with an IIN */
                   "Тестов;Марат;Ерланұлы;921029350851;;Male;8 701 000 00 01;Medeu district;Employed;"
                   ";self;;;2026-01-10\n"
                   /* 3: the same IIN, another name: skipped */
                   "Басқа;Адам;;921029350851;;Male;;Medeu district;Employed;;self;;;2026-01-10\n"
                   /* 4: the person registered by hand (name and birth date): warned */
                   "Әбенова;Әлия;;;2001-03-08;Female;;Medeu district;Employed;;self;;;2026-01-11\n"
                   /* 5: new; 6: the same with a patronymic now: warned */
                   "Жанова;Айым;;;2002-05-05;Female;;Bostandyk district;School;Low income;self;;;2026-01-12\n"
                   "Жанова;Айым;Серікқызы;;2002-05-05;Female;;Bostandyk district;School;;self;;;2026-01-12\n"
                   /* 7: the phone of the person registered by hand: warned */
                   "Ким;Виктор;;;1997-07-07;Male;+7 701 123 45 67;Almaly district;Employed;;self;;;2026-01-13\n"
                   /* 8: six years old: rejected */
                   "Малов;Тимур;;;2020-01-01;Male;;Almaly district;School;;self;;;2026-01-13\n"
                   /* 9: under 18, consent by a guardian */
                   "Серікова;Дана;;;2011-06-15;Female;;Almaly district;School;;guardian;Серікова Гүлнар;"
                   "+77015550000;2026-02-01\n"
                   /* 10: one word twice: one token */
                   "Серікұлы;Серік;Серікұлы;;1995-01-16;Male;;Medeu district;Employed;;self;;;2026-02-02\n");
  for (guint i = 0; i < 240; i++)
    g_string_append_printf (file, "%s;%s;;;%u-%02u-%02u;%s;+7 702 %03u %02u %02u;%s;Employed;;self;;;"
                            "2026-%02u-%02u\n",
                            surnames[i % G_N_ELEMENTS (surnames)], given[i % G_N_ELEMENTS (given)],
                            1993 + i % 10, 1 + i % 12, 1 + i % 28,
                            i % 2 ? "Male" : "Female", i, i % 100, i % 97,
                            i % 3 ? "Medeu district" : "Auezov district", 1 + i % 11, 1 + i % 28);
  write_file (path, file->str);

  result_a = jd_import_visitors_full (a, path, NULL, 0, JD_IMPORT_ROW_BY_ROW, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  rejects_a = contents (result_a->rejects_path);
  result_b = jd_import_visitors_full (b, path, NULL, 0, JD_IMPORT_BULK, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  rejects_b = contents (result_b->rejects_path);

  /* Rows 2, 4-7, 9, 10 and 240 more, 4, 6 and 7 with a warning; 3
   * skipped; 8 rejected. The 240 are all different people. */
  g_assert_cmpuint (result_a->imported, ==, 247);
  g_assert_cmpuint (result_a->skipped, ==, 1);
  g_assert_cmpuint (result_a->rejected, ==, 1);
  g_assert_cmpuint (result_a->warned, ==, 3);
  g_assert_cmpuint (result_b->warned, ==, result_a->warned);
  for (guint i = 0; i < result_a->warnings->len; i++)
    g_assert_cmpstr (result_b->warnings->pdata[i], ==, result_a->warnings->pdata[i]);
  g_assert_nonnull (strstr (result_b->warnings->pdata[0], "Әбенова Әлия"));
  g_assert_cmpuint (result_b->imported, ==, result_a->imported);
  g_assert_cmpuint (result_b->skipped, ==, result_a->skipped);
  g_assert_cmpuint (result_b->rejected, ==, result_a->rejected);
  g_assert_cmpstr (rejects_b, ==, rejects_a);
  g_assert_nonnull (strstr (rejects_b, "\r\nБасқа;Адам;"));
  g_assert_nonnull (strstr (rejects_b, ";3;Already registered: Тестов Марат"));
  g_assert_nonnull (strstr (rejects_b, "\r\nМалов;Тимур;"));

  state_a = imported_state (a);
  state_b = imported_state (b);
  g_assert_cmpstr (state_b, ==, state_a);
  g_assert_nonnull (strstr (state_b, "visitor_token_visitor"));
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor_token"), >, 247 * 4);
  assert_sound (b);

  /* A broken quote on the last line: nothing of the file stays, the
   * indexes are back, and the next visitor is indexed as usual. */
  g_string_append (file, "Бекова;\"Жанар;;;2000-01-01;Female;;Almaly district;Employed;;self;;;2026-01-10\n");
  write_file (broken, file->str);
  before = imported_state (b);
  g_clear_pointer (&result_b, jd_import_result_free);
  result_b = jd_import_visitors_full (b, broken, NULL, 0, JD_IMPORT_BULK, NULL, NULL, NULL, &error);
  g_assert_null (result_b);
  g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_UNTERMINATED);
  after = imported_state (b);
  g_assert_cmpstr (after, ==, before);
  assert_foreign_keys_on (b);
  tokens = query_int (b, "SELECT count(*) FROM visitor_token");
  add (b, "Нұрланов", "Ерұлан", "1999-12-31", "other", NULL);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor_token"), >, tokens);
}

static void
cancel_import (guint    imported,
               gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelling an import halfway, either way: nothing of it stays, and
 * the same file then imports in full. */
static void
test_import_cancel (void)
{
  static const char *surnames[] = { "Асанов", "Бекова", "Ли", "Жұмабаев", "Смирнова" };
  static const char *given[] = { "Ержан", "Дана", "Виктор", "Аружан" };
  g_autoptr(GString) file = g_string_new ("Surname;Given name;Date of birth;Sex;District;Occupation\n");
  g_autofree char *path = tmp_path ("many.csv");

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (file, "%s;%s;%u-%02u-%02u;%s;Medeu district;Employed\n",
                            surnames[i % G_N_ELEMENTS (surnames)], given[i % G_N_ELEMENTS (given)],
                            1993 + (i / 336) % 10, 1 + (i / 28) % 12, 1 + i % 28,
                            i % 2 ? "Male" : "Female");
  write_file (path, file->str);

  for (JdImportMode mode = JD_IMPORT_ROW_BY_ROW; mode <= JD_IMPORT_BULK; mode++)
    {
      g_autofree char *name = g_strdup_printf ("cancel-%d.db", mode);
      g_autoptr(JdDb) db = open_centre (name);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JdImportResult) result = NULL;
      g_autofree char *before = imported_state (db);
      g_autofree char *after = NULL;

      result = jd_import_visitors_full (db, path, NULL, 0, mode, cancellable, cancel_import, cancellable,
                                        &error);
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      after = imported_state (db);
      g_assert_cmpstr (after, ==, before);
      assert_foreign_keys_on (db);

      g_clear_error (&error);
      result = jd_import_visitors_full (db, path, NULL, 0, mode, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (result->imported, ==, 1500);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 1500);
    }
}

static void
cancel_after_first (guint    rows,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_location ("demo.db");
  g_autofree char *target = tmp_path ("cancelled.csv");
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDir) dir = NULL;
  JdExportOptions options = { JD_EXPORT_VISITS, "2000-01-01", "2100-01-01", ';', FALSE };
  const char *name;
  guint rows = 7;

  jd_db_act_as_system (db);
  g_assert_true (jd_demo_generate (db, 1500, 3, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (jd_export_to_file (db, &options, target, cancellable, cancel_after_first,
                                     cancellable, &rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (rows, ==, 0);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (g_str_has_suffix (name, ".part"));

  /* Without cancelling: every visit, one line each after the header. */
  g_clear_error (&error);
  g_assert_true (jd_export_to_file (db, &options, target, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, query_int (db, "SELECT count(*) FROM visit"));
}

/* The summary says what the dashboard says. */
static void
test_summary_matches_dashboard (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_location ("demo.db");
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_autoptr(GDateTime) now = jd_db_now_local (NULL);
  g_autoptr(GDateTime) start = g_date_time_add_days (now, -90);
  g_autoptr(GDateTime) end = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) after = g_date_time_add_days (now, 0);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (end, "%Y-%m-%d");
  g_autofree char *to_exclusive = g_date_time_format (after, "%Y-%m-%d");
  g_autoptr(JdStats) stats = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JdExportOptions options = { JD_EXPORT_SUMMARY, from, to, ';', FALSE };
  guint checked = 0;
  guint64 held_and_missed = 0;

  g_assert_no_error (error);
  jd_db_act_as_system (db);
  stats = jd_stats_compute (db, from, to_exclusive, 0, NULL, &error);
  g_assert_no_error (error);
  rows = jd_export_preview (db, &options, 1000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 20);

  /* The preview: the headline's headings, then its figures. */
  g_assert_cmpstr (((GStrv) rows->pdata[0])[0], ==, "Figure");
  for (guint i = 1; i < rows->len; i++)
    {
      GStrv row = rows->pdata[i];
      guint64 value;

      if (g_strv_length (row) < 2)
        continue;
      value = g_ascii_strtoull (row[1], NULL, 10);
#define IS(item) g_str_equal (row[0], item)
      if (IS ("Visits"))
        { g_assert_cmpuint (value, ==, stats->visits); checked++; }
      else if (IS ("Unique people"))
        { g_assert_cmpuint (value, ==, stats->unique_visitors); checked++; }
      else if (IS ("New registrations"))
        { g_assert_cmpuint (value, ==, stats->new_registrations); checked++; }
      else if (IS ("NEET people"))
        {
          g_assert_cmpuint (value, ==, stats->neet_visitors);
          /* The share beside it, as a percentage. */
          g_assert_nonnull (strstr (row[2], "%"));
          checked++;
        }
      else if (IS ("NEET people placed in jobs"))
        { g_assert_cmpuint (value, ==, stats->neet_placed); checked++; }
      else if (IS ("Consultations held") || IS ("Did not attend"))
        { held_and_missed += value; checked++; }
      else if (IS ("Referrals"))
        { g_assert_cmpuint (value, ==, stats->referrals); checked++; }
      else if (IS ("Events held"))
        { g_assert_cmpuint (value, ==, stats->events); checked++; }
#undef IS
    }
  g_assert_cmpuint (checked, ==, 9);
  /* Held and "did not attend" apart: together the dashboard's count. */
  g_assert_cmpuint (held_and_missed, ==, stats->consultations);
  g_assert_cmpuint (stats->visits, >, 100);
}

/* One member of a zip file (the workbook), read with Python's zipfile. */
static char *
zip_member (const char *zip,
            const char *member)
{
  const char *argv[] = { "python3", "-c",
                         "import sys, zipfile; sys.stdout.write (zipfile.ZipFile (sys.argv[1]).read (sys.argv[2]).decode ())",
                         zip, member, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return out;
}

/* Workbooks: a frozen bold header, dates as dates, numbers as numbers,
 * IINs and phones as text; the summary one sheet per breakdown; and
 * nothing left behind when cancelled. */
static void
test_xlsx (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_location ("demo.db");
  g_autofree char *visits = tmp_path ("visits.xlsx");
  g_autofree char *people = tmp_path ("visitors.XLSX");
  g_autofree char *summary = tmp_path ("summary.xlsx");
  g_autofree char *cancelled = tmp_path ("cancelled.xlsx");
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  JdExportOptions options = { JD_EXPORT_VISITS, "2000-01-01", "2100-01-01", ';', FALSE,
                              JD_EXPORT_FORMAT_XLSX };
  g_autofree char *sheet = NULL;
  g_autofree char *book = NULL;
  g_autofree char *iin = NULL;
  g_autofree char *needle = NULL;
  guint rows = 0;

  g_assert_cmpint (jd_export_format_for_path (people), ==, JD_EXPORT_FORMAT_XLSX);
  g_assert_cmpint (jd_export_format_for_path ("report.csv"), ==, JD_EXPORT_FORMAT_CSV);
  g_assert_cmpint (jd_export_format_for_path ("xlsx"), ==, JD_EXPORT_FORMAT_CSV);
  g_assert_cmpint (jd_export_format_for_path ("Report.PDF"), ==, JD_EXPORT_FORMAT_PDF);

  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_export_to_file (db, &options, visits, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, query_int (db, "SELECT count(*) FROM visit"));

  sheet = zip_member (visits, "xl/worksheets/sheet1.xml");
  /* The header, bold (style 1) and frozen above the rest. */
  g_assert_nonnull (strstr (sheet, "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"));
  g_assert_nonnull (strstr (sheet, "<c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>Date</t></is></c>"));
  /* The first day: a date serial with the date style, not text. */
  g_assert_nonnull (strstr (sheet, "<c r=\"A2\" s=\"2\"><v>"));
  /* Widths for every column, and every row. */
  g_assert_nonnull (strstr (sheet, "<cols><col min=\"1\" max=\"1\""));
  needle = g_strdup_printf ("<row r=\"%" G_GINT64_FORMAT "\"", query_int (db, "SELECT count(*) FROM visit") + 1);
  g_assert_nonnull (strstr (sheet, needle));
  g_clear_pointer (&sheet, g_free);

  /* Visitors: an IIN keeps its leading zeros as text; the age is a number. */
  options.kind = JD_EXPORT_VISITORS;
  g_assert_true (jd_export_to_file (db, &options, people, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  iin = query_text (db, "SELECT iin FROM visitor WHERE iin LIKE '0%' LIMIT 1");
  sheet = zip_member (people, "xl/worksheets/sheet1.xml");
  if (iin != NULL)
    {
      g_autofree char *cell = g_strdup_printf ("<is><t>%s</t></is>", iin);

      g_assert_nonnull (strstr (sheet, cell));
    }
  g_clear_pointer (&sheet, g_free);

  /* The summary (of a period the dashboard takes, at most ten years):
   * one sheet per breakdown, named after it. */
  options.kind = JD_EXPORT_SUMMARY;
  options.from_day = "2020-01-01";
  options.to_day = "2029-12-31";
  g_assert_true (jd_export_to_file (db, &options, summary, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);
  book = zip_member (summary, "xl/workbook.xml");
  g_assert_nonnull (strstr (book, "<sheet name=\"Report\" sheetId=\"1\""));
  g_assert_nonnull (strstr (book, "<sheet name=\"District – visits and people\""));
  g_assert_nonnull (strstr (book, "sheetId=\"10\""));
  /* Each table's sheet prints its area with its headings on every page. */
  g_assert_nonnull (strstr (book, "_xlnm.Print_Area"));
  g_assert_nonnull (strstr (book, "_xlnm.Print_Titles"));
  sheet = zip_member (summary, "xl/sharedStrings.xml");
  g_assert_nonnull (strstr (sheet, "<t>Headline figures</t>"));
  g_assert_nonnull (strstr (sheet, "<t>Visits</t>"));
  g_clear_pointer (&sheet, g_free);
  /* A4 (paper 9), fit to the page's width. */
  sheet = zip_member (summary, "xl/worksheets/sheet2.xml");
  g_assert_nonnull (strstr (sheet, "paperSize=\"9\""));
  g_assert_nonnull (strstr (sheet, "fitToPage=\"1\""));
  g_clear_pointer (&sheet, g_free);
  /* Shares are numbers shown as percentages. */
  sheet = zip_member (summary, "xl/styles.xml");
  g_assert_nonnull (strstr (sheet, "formatCode=\"0.0%\""));
  g_clear_pointer (&sheet, g_free);

  /* Cancelled: no workbook and no temporary file. */
  options.kind = JD_EXPORT_VISITS;
  options.from_day = "2000-01-01";
  options.to_day = "2100-01-01";
  g_assert_false (jd_export_to_file (db, &options, cancelled, cancellable, cancel_after_first, cancellable,
                                     &rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_suffix (name, ".part"));
  }

  /* Sheet names Excel accepts. */
  {
    g_autofree char *cut = jd_xlsx_sheet_name ("Visits by district: [all] of them, a long name");
    g_autofree char *empty = jd_xlsx_sheet_name ("");

    g_assert_cmpstr (cut, ==, "Visits by district- -all- of th");
    g_assert_cmpstr (empty, ==, "_");
  }
}

/* Columns with names the import does not know, matched by hand. */
static void
test_import_mapped (void)
{
  static const char * const codes[] = { "surname", "given_name", "birth_date", "phone", "sex",
                                        "district", "occupation" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = open_centre ("mapped.db");
  g_autofree char *csv = tmp_path ("kartoteka.csv");
  g_autoptr(GArray) fields = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(JdImportResult) result = NULL;
  guint n;
  const JdChoice *choices = jd_import_fields (&n);
  int chosen[G_N_ELEMENTS (codes)];

  write_file (csv,
              "Фам.;Имя;Д. р.;Моб.;Ж/М;Где живёт;Чем занят\r\n"
              "Жұмабаева;Аружан;12.03.2004;8 701 234 56 78;ж;Медеуский район;employed\r\n"
              "Петров;Илья;2001-07-30;;м;Алмалинский район;university\r\n");
  header = jd_import_read_header (csv, &fields, &sample, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header->len, ==, 7);
  g_assert_cmpstr (header->pdata[0], ==, "Фам.");
  g_assert_cmpstr (sample->pdata[0], ==, "Жұмабаева");
  /* Only "Имя" is known by its name: not enough to register anyone. */
  g_assert_cmpint (g_array_index (fields, int, 0), ==, -1);
  g_assert_cmpstr (choices[g_array_index (fields, int, 1)].code, ==, "given_name");
  g_assert_cmpint (g_array_index (fields, int, 2), ==, -1);
  g_assert_false (jd_import_fields_complete ((int *) fields->data, fields->len));
  result = jd_import_visitors (db, csv, NULL, NULL, NULL, &error);
  g_assert_error (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY);
  g_assert_null (result);
  g_clear_error (&error);

  /* Matched column by column. */
  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    {
      chosen[c] = -1;
      for (guint i = 0; i < n; i++)
        if (g_str_equal (choices[i].code, codes[c]))
          chosen[c] = (int) i;
      g_assert_cmpint (chosen[c], >=, 0);
    }
  g_assert_true (jd_import_fields_complete (chosen, G_N_ELEMENTS (chosen)));
  result = jd_import_visitors_mapped (db, csv, chosen, G_N_ELEMENTS (chosen), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 2);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Жұмабаева'"
                                  " AND birth_date = '2004-03-12' AND phone = '+77012345678'"
                                  " AND sex = 'female'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Петров'"
                                  " AND given_name = 'Илья' AND phone IS NULL AND sex = 'male'"), ==, 1);
}

static void
test_rights_and_anonymity (void)
{
  g_autoptr(JdDb) db = open_centre ("rights.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) clerk = NULL;
  g_autofree char *anonymous = NULL;
  g_autofree char *text = NULL;
  g_autofree char *target = tmp_path ("refused.csv");
  JdStaff staff = { .full_name = (char *) "Clerk", .login = (char *) "clerk",
                    .role = JD_ROLE_RECEPTIONIST, .active = TRUE };
  JdExportOptions options = { JD_EXPORT_VISITORS, "2000-01-01", "2100-01-01", ';', TRUE };

  add (db, "Серікова", "Дана", "2000-06-15", "almaty-alatau", "+77015550101");
  anonymous = export (db, JD_EXPORT_VISITORS, TRUE, "anonymous.csv");
  text = contents (anonymous);
  g_assert_null (strstr (text, "Серікова"));
  g_assert_null (strstr (text, "7015550101"));
  g_assert_nonnull (strstr (text, "2000-06-15"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE action = 'exported'"), ==, 1);

  g_assert_true (jd_staff_add (db, &staff, "Password1", &error));
  jd_staff_sign_out (db);
  clerk = jd_staff_sign_in (db, "clerk", "Password1", &error);
  g_assert_no_error (error);
  g_assert_false (jd_export_to_file (db, &options, target, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  options.anonymize = FALSE;
  g_assert_false (jd_export_to_file (db, &options, target, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
  g_clear_error (&error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_null (jd_import_visitors (db, anonymous, NULL, NULL, NULL, &error));
  g_assert_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED);
}

/* Visit days and times are worked out in C for speed: they must read as
 * SQLite's own local time does on a machine in the centre's zone, in
 * Almaty and in a zone whose clocks change (visits on both of Berlin's
 * 2026 change-over days, and just before midnight). */
static void
check_local_times (const char *zone)
{
  static const gint64 times[] = { 1774740600, 1774772100, 1774821540, 1792888200, 1792915500,
                                  1792966200 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_location ("times.db");
  g_autofree char *target = tmp_path ("times.csv");
  g_autoptr(JdDb) db = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(JdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) row = NULL;
  JdExportOptions options = { JD_EXPORT_VISITS, "2000-01-01", "2100-01-01", ';', FALSE };
  JdStmt *stmt;
  guint line = 0, rows = 0, checked = 0;

  g_setenv ("TZ", zone, TRUE);
  tzset ();
  g_free (path);
  path = db_location_new ("times.db");
  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_db_set_time_zone (db, zone, &error));
  g_assert_no_error (error);
  g_assert_true (jd_demo_generate (db, 150, 5, 0, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autofree char *out = i % 2 ? g_strdup ("NULL")
                                   : g_strdup_printf ("%" G_GINT64_FORMAT, times[i] + 9000);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO visit (visitor_id, time_in, time_out, occupation,"
                                              " created_at, updated_at) SELECT id, %" G_GINT64_FORMAT ","
                                              " %s, occupation, 0, 0 FROM visitor LIMIT 1",
                                              times[i], out);

      g_assert_true (jd_db_exec (db, sql, &error));
      g_assert_no_error (error);
    }
  g_assert_true (jd_export_to_file (db, &options, target, NULL, NULL, NULL, &rows, &error));
  g_assert_no_error (error);

  file = g_file_new_for_path (target);
  in = g_file_read (file, NULL, &error);
  g_assert_no_error (error);
  reader = jd_csv_reader_new (G_INPUT_STREAM (in));
  g_assert_true (jd_csv_reader_next (reader, &row, &line, NULL, &error));  /* the header */
  if (test_engine_is_server ())
    {
      /* 'localtime' is the session's zone there, not the machine's. */
      g_autofree char *set = g_strdup_printf ("SET TimeZone = '%s'", zone);

      g_assert_true (jd_db_exec (db, set, &error));
      g_assert_no_error (error);
    }
  stmt = jd_db_prepare (db,
                        "SELECT strftime ('%Y-%m-%d', time_in, 'unixepoch', 'localtime'),"
                        " strftime ('%H:%M', time_in, 'unixepoch', 'localtime'),"
                        " coalesce (strftime ('%H:%M', time_out, 'unixepoch', 'localtime'), '')"
                        " FROM visit ORDER BY time_in, id",
                        &error);
  g_assert_nonnull (stmt);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      g_clear_pointer (&row, g_ptr_array_unref);
      g_assert_true (jd_csv_reader_next (reader, &row, &line, NULL, &error));
      g_assert_no_error (error);
      for (int c = 0; c < 3; c++)
        g_assert_cmpstr (row->pdata[c], ==, jd_stmt_column_text (stmt, c));
      checked++;
    }
  jd_stmt_reset (stmt);
  g_assert_cmpuint (checked, ==, rows);
  g_assert_cmpuint (checked, >, G_N_ELEMENTS (times));
}

static void
test_local_times (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));

  check_local_times ("Asia/Almaty");
  check_local_times ("Europe/Berlin");
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}


/* A workbook is the same file whatever the desk's language: numbers
 * inside it (times of day, column widths, margins) always have a
 * decimal point. A Kazakh or Russian LC_NUMERIC on the exporting thread
 * once wrote "0,3798", read by Excel as no time at all. */
static void
test_xlsx_any_language (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_location_new ("xlsx-language.db");
  g_autoptr(JdDb) db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_autofree char *plain = tmp_path ("language-c.xlsx");
  g_autofree char *comma = tmp_path ("language-comma.xlsx");
  g_autofree char *sheet_c = NULL;
  g_autofree char *sheet_comma = NULL;
  JdExportOptions options = { JD_EXPORT_VISITS, "2000-01-01", "2100-01-01", ';', FALSE,
                              JD_EXPORT_FORMAT_XLSX };
  const char *names[] = { "kk_KZ.UTF-8", "ru_RU.UTF-8" };
  locale_t comma_locale = (locale_t) 0;
  locale_t c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  locale_t previous;
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (names) && comma_locale == (locale_t) 0; i++)
    comma_locale = newlocale (LC_ALL_MASK, names[i], (locale_t) 0);
  if (comma_locale == (locale_t) 0)
    {
      freelocale (c_locale);
      g_test_skip ("Neither kk_KZ.UTF-8 nor ru_RU.UTF-8 is installed");
      return;
    }
  /* Demo data goes only into a centre with nobody in it yet. */
  g_assert_no_error (error);
  jd_db_act_as_system (db);
  g_assert_true (jd_demo_generate (db, 40, 11, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Only this thread changes language, as an export's worker would. */
  previous = uselocale (c_locale);
  ok = jd_export_to_file (db, &options, plain, NULL, NULL, NULL, NULL, &error);
  uselocale (comma_locale);
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  ok = ok && jd_export_to_file (db, &options, comma, NULL, NULL, NULL, NULL, &error);
  /* The caller's language is back once the workbook is written. */
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");
  uselocale (previous);
  freelocale (comma_locale);
  freelocale (c_locale);
  g_assert_no_error (error);
  g_assert_true (ok);

  sheet_c = zip_member (plain, "xl/worksheets/sheet1.xml");
  sheet_comma = zip_member (comma, "xl/worksheets/sheet1.xml");
  /* Default margins as Excel writes them, and a time of day as a
   * fraction of a day. */
  g_assert_nonnull (strstr (sheet_comma, "<pageMargins left=\"0.7\" right=\"0.7\""));
  g_assert_true (g_regex_match_simple ("<v>0\\.[0-9]+</v>", sheet_comma, 0, 0));
  g_assert_false (g_regex_match_simple ("<v>[0-9]*,[0-9]*</v>|width=\"[0-9]+,", sheet_comma, 0, 0));
  g_assert_cmpstr (sheet_comma, ==, sheet_c);
}

/* Through the store, as the Reports page saves: on a worker thread,
 * progress on this thread and never after the result; cancelled, no
 * file at all. */

typedef struct
{
  GAsyncResult *result;
  guint         progress_calls;
  gboolean      finished;
} AsyncExport;

static void
export_progress_cb (guint    rows,
                    gpointer user_data)
{
  AsyncExport *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_false (state->finished);
  state->progress_calls++;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ((AsyncExport *) user_data)->result = g_object_ref (result);
}

static gboolean
export_async (JdStore               *store,
              const JdExportOptions *options,
              const char            *target,
              GCancellable          *cancellable,
              guint                 *rows,
              GError               **error)
{
  AsyncExport state = { 0 };
  gboolean ok;

  jd_export_run_async (store, options, target, cancellable, export_progress_cb, &state,
                       export_done_cb, &state);
  while (state.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ok = jd_export_run_finish (store, state.result, rows, error);
  state.finished = TRUE;
  g_clear_object (&state.result);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (!ok || *rows < 1000 || state.progress_calls >= 1);
  return ok;
}

static void
test_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = db_location_new ("async.db");
  g_autofree char *target = tmp_path ("async.csv");
  g_autofree char *cancelled = tmp_path ("async-cancelled.csv");
  g_autoptr(JdStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDir) dir = NULL;
  JdExportOptions options = { JD_EXPORT_VISITS, "2000-01-01", "2100-01-01", ';', FALSE };
  const char *name;
  guint rows = 0;
  JdDb *db;

  store = jd_store_new_for_db (jd_db_open (path, JD_DB_OPEN_CREATE, &error));
  g_assert_no_error (error);
  db = jd_store_get_db (store);
  jd_db_act_as_system (db);
  g_assert_true (jd_demo_generate (db, 1500, 3, 0, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (export_async (store, &options, target, NULL, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rows, ==, query_int (db, "SELECT count(*) FROM visit"));
  g_assert_cmpuint (rows, >=, 1000);
  g_assert_true (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit WHERE action = 'exported'"), ==, 1);

  g_cancellable_cancel (cancellable);
  g_assert_false (export_async (store, &options, cancelled, cancellable, &rows, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (rows, ==, 0);
  dir = g_dir_open (tmp_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_false (strstr (name, "async-cancelled") != NULL);
  g_clear_error (&error);

  /* The database itself is refused, as by jd_export_to_file(). */
  g_assert_false (export_async (store, &options, path, NULL, &rows, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visit"), >, 0);
}

/* Labels are translated once per export, in the language of that
 * export (jd-report-rows.c keeps them only while it runs): one in the
 * desk's language, one in Kazakh, one in Russian, and the desk's again. */
static void
test_labels_each_language (void)
{
  g_autoptr(JdDb) db = open_centre ("labels.db");
  g_autofree char *bound = g_strdup (bindtextdomain (GETTEXT_PACKAGE, NULL));
  g_autofree char *domain = g_strdup (textdomain (NULL));
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *first = NULL, *kk = NULL, *ru = NULL, *last = NULL;
  g_autofree char *first_text = NULL, *kk_text = NULL, *ru_text = NULL, *last_text = NULL;

  /* Female (the surname ends in -а) and male. */
  add (db, "Әбенова", "Әлия", "2001-03-08", "almaty-medeu", NULL);
  add (db, "Нұрланов", "Ерұлан", "1999-12-31", "other", NULL);

  first = export (db, JD_EXPORT_VISITORS, TRUE, "labels-first.csv");
  /* The catalogues built in po/, as the program binds its own. */
  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (setlocale (LC_ALL, "kk_KZ.UTF-8") == NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, bound);
      textdomain (domain);
      setlocale (LC_ALL, "");
      g_test_skip ("kk_KZ.UTF-8 is not generated here; ./test.sh makes it");
      return;
    }
  kk = export (db, JD_EXPORT_VISITORS, TRUE, "labels-kk.csv");
  g_assert_nonnull (setlocale (LC_ALL, "ru_RU.UTF-8"));
  ru = export (db, JD_EXPORT_VISITORS, TRUE, "labels-ru.csv");
  bindtextdomain (GETTEXT_PACKAGE, bound);
  textdomain (domain);
  setlocale (LC_ALL, "");
  last = export (db, JD_EXPORT_VISITORS, TRUE, "labels-last.csv");

  kk_text = contents (kk);
  ru_text = contents (ru);
  g_assert_nonnull (strstr (kk_text, ";Әйел;"));
  g_assert_nonnull (strstr (kk_text, ";Ер;"));
  g_assert_null (strstr (kk_text, "Женский"));
  g_assert_nonnull (strstr (ru_text, ";Женский;"));
  g_assert_nonnull (strstr (ru_text, ";Мужской;"));
  g_assert_null (strstr (ru_text, "Әйел"));
  first_text = contents (first);
  last_text = contents (last);
  g_assert_cmpstr (last_text, ==, first_text);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cmd = NULL;
  int status;

  /* The desk's language, as the program sets it (the kk and ru setups). */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/export/round-trip", test_round_trip);
  g_test_add_func ("/jd/export/import-rules", test_import_rules);
  g_test_add_func ("/jd/export/import-bulk", test_import_bulk);
  g_test_add_func ("/jd/export/import-cancel", test_import_cancel);
  g_test_add_func ("/jd/export/cancel", test_cancel_leaves_nothing);
  g_test_add_func ("/jd/export/local-times", test_local_times);
  g_test_add_func ("/jd/export/summary", test_summary_matches_dashboard);
  g_test_add_func ("/jd/export/xlsx", test_xlsx);
  g_test_add_func ("/jd/export/import-mapped", test_import_mapped);
  g_test_add_func ("/jd/export/rights", test_rights_and_anonymity);
  g_test_add_func ("/jd/export/xlsx-any-language", test_xlsx_any_language);
  g_test_add_func ("/jd/export/async", test_async);
  g_test_add_func ("/jd/export/labels-each-language", test_labels_each_language);

  status = g_test_run ();
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (tmp_dir);
  return status;
}
