/* test-import.c: visitors from CSV files, as the issue "Import" found them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "centre-helpers.h"
#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-csv.h"
#include "jd-db-private.h"
#include "jd-export-private.h"
#include "jd-import-private.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-store.h"
#include "jd-visitor.h"
#include "visitor-helpers.h"

static char *
write_file (const char *name,
            const char *text)
{
  char *path = tmp_path (name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static JdImportResult *
import (JdDb         *db,
        const char   *path,
        JdImportMode  mode)
{
  g_autoptr(GError) error = NULL;
  JdImportResult *result = jd_import_visitors_full (db, path, NULL, 0, mode, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* Binds the catalogues built in po/ as the program's (as main() does)
 * and switches to @locale; FALSE when the machine does not have it. */
static gboolean
use_locale (const char *locale)
{
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);

  bindtextdomain (GETTEXT_PACKAGE, po_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return setlocale (LC_ALL, locale) != NULL;
}

static void
restore_locale (void)
{
  setlocale (LC_ALL, "");
}

/* Headers and values in Russian and in Kazakh, on a desk in any
 * language (the test runs under all three setups). */
static void
test_languages (void)
{
  g_autoptr(JdDb) db = open_centre ("languages.db");
  g_autoptr(JdImportResult) ru = NULL;
  g_autoptr(JdImportResult) kk = NULL;
  g_autofree char *ru_path = NULL;
  g_autofree char *kk_path = NULL;

  ru_path = write_file ("ru-words.csv",
                        "Фамилия;Имя;Дата рождения;Пол;Район;Занятость;Образование;Социальные категории;"
                        "Предпочитаемый язык;Согласие дал;Родитель или опекун;Телефон родителя или опекуна\n"
                        "Серікова;Дана;15.06.2000;Женский;Медеуский район;Работает;Высшее (бакалавр или специалист);"
                        "\"Малообеспеченная семья, Из многодетной семьи\";Русский;сам;;\n");
  kk_path = write_file ("kk-words.csv",
                        "Тегі;Аты;Туған күні;Жынысы;Аудан;Қазіргі жағдайы;Білім;Әлеуметтік санаттар;"
                        "Қалаған тілі;Келісім берген;Ата-анасы не қорғаншысы;"
                        "Ата-анасының не қорғаншысының телефоны\n"
                        "Жанов;Ерлан;2010-03-04;Ер;Медеу ауданы;Мектеп оқушысы;Негізгі орта (9 сынып);Жас отбасы;"
                        "Қазақ тілі;ата-анасы не қорғаншысы;Жанова Гүл;+77015550000\n");
  ru = import (db, ru_path, JD_IMPORT_ROW_BY_ROW);
  kk = import (db, kk_path, JD_IMPORT_ROW_BY_ROW);
  g_assert_cmpuint (ru->imported, ==, 1);
  g_assert_cmpuint (kk->imported, ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Серікова'"
                                  " AND occupation = 'employed' AND education = 'higher'"
                                  " AND language = 'ru' AND sex = 'female'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor_category c JOIN visitor v"
                                  " ON v.id = c.visitor_id WHERE v.surname = 'Серікова'"
                                  " AND c.category IN ('low_income', 'large_family')"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Жанов'"
                                  " AND occupation = 'school' AND education = 'basic_secondary'"
                                  " AND language = 'kk' AND sex = 'male'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consent WHERE given_by = 'self'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consent WHERE given_by = 'guardian'"
                                  " AND guardian_name = 'Жанова Гүл'"), ==, 1);
}

/* Exported on a desk in one language, imported on a desk in the other. */
static void
cross_desk (const char *export_locale,
            const char *import_locale)
{
  g_autoptr(JdDb) a = open_centre ("desk-a.db");
  g_autoptr(JdDb) b = open_centre ("desk-b.db");
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (a);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *path = tmp_path ("desk.csv");
  g_autofree char *text = NULL;
  JdExportOptions options = { JD_EXPORT_VISITORS, "2000-01-01", today, ';', FALSE, JD_EXPORT_FORMAT_CSV };

  if (!use_locale (import_locale) || !use_locale (export_locale))
    {
      restore_locale ();
      g_test_skip ("kk_KZ.UTF-8 or ru_RU.UTF-8 is not generated here; ./test.sh makes them");
      return;
    }

  v->surname = g_strdup ("Әбенова");
  v->given_name = g_strdup ("Әлия");
  v->birth_date = g_strdup ("2001-03-08");
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup ("almaty-medeu");
  v->occupation = g_strdup ("employed");
  v->education = g_strdup ("incomplete_higher");
  v->categories = g_strsplit ("single_parent,kandas", ",", -1);
  g_free (v->language);
  v->language = g_strdup ("ru");
  v->consent_given = TRUE;
  jd_visitor_insert (a, v, &error);
  g_assert_no_error (error);

  g_assert_true (jd_export_to_file (a, &options, path, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  text = contents (path);
  /* The export is really in the other language. */
  g_assert_nonnull (strstr (text, g_str_has_prefix (export_locale, "ru") ? "Занятость" : "Қазіргі жағдайы"));

  use_locale (import_locale);
  result = jd_import_visitors (b, path, NULL, NULL, NULL, &error);
  restore_locale ();
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 1);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor WHERE occupation = 'employed'"
                                 " AND education = 'incomplete_higher' AND language = 'ru'"
                                 " AND sex = 'female' AND birth_date = '2001-03-08'"), ==, 1);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor_category"
                                 " WHERE category IN ('single_parent', 'kandas')"), ==, 2);
  g_assert_cmpint (query_int (b, "SELECT count(*) FROM visitor v JOIN district d ON d.id = v.district_id"
                                 " WHERE d.code = 'almaty-medeu'"), ==, 1);
}

/* Each in a process of its own: the catalogue and the locale are the
 * whole process's. */
static void
test_russian_desk_to_kazakh (void)
{
  if (g_test_subprocess ())
    {
      cross_desk ("ru_RU.UTF-8", "kk_KZ.UTF-8");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_kazakh_desk_to_russian (void)
{
  if (g_test_subprocess ())
    {
      cross_desk ("kk_KZ.UTF-8", "ru_RU.UTF-8");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The words kept in jd-import-labels.c are still the catalogues'. */
static void
test_labels_match_catalogues (void)
{
  const char *locales[] = { "kk_KZ.UTF-8", "ru_RU.UTF-8" };
  const JdImportLabel *labels;
  guint n;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  labels = jd_import_labels (&n);
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++)
    {
      if (!use_locale (locales[l]))
        {
          restore_locale ();
          g_test_skip ("kk_KZ.UTF-8 or ru_RU.UTF-8 is not generated here; ./test.sh makes them");
          return;
        }
      for (guint i = 0; i < n; i++)
        {
          const char *translated = labels[i].context != NULL
                                   ? g_dpgettext2 (GETTEXT_PACKAGE, labels[i].context, labels[i].english)
                                   : g_dgettext (GETTEXT_PACKAGE, labels[i].english);

          g_assert_cmpstr (translated, ==, l == 0 ? labels[i].kk : labels[i].ru);
        }
    }
  restore_locale ();
}

/* end of the tests of jd-import-labels.c */

static void
add_visitor (JdDb       *db,
             const char *surname,
             const char *given,
             const char *birth,
             const char *iin,
             const char *phone)
{
  test_add_visitor (db, &(TestVisitor) { .surname = surname, .given_name = given, .birth_date = birth,
                                        .iin = iin, .phone = phone, .district_code = "almaty-medeu",
                                        .occupation = "employed" });
}

static char *
join_warnings (JdImportResult *result)
{
  g_ptr_array_add (result->warnings, NULL);
  return g_strjoinv ("|", (char **) result->warnings->pdata);
}

/* The registration form's rules, row by row and in bulk alike: the
 * same IIN is skipped; the same phone, or name and birth date, of
 * someone without another IIN is imported with a warning; two different
 * IINs are two people; rows earlier in the file count too. */
static void
test_duplicates (void)
{
  const JdImportMode modes[] = { JD_IMPORT_ROW_BY_ROW, JD_IMPORT_BULK };
  g_autofree char *path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *first_warnings = NULL;

  path = write_file ("family.csv",
                     "Surname;Given name;IIN;Date of birth;Sex;Phone;District;Occupation;Consent given by\n"
                     /* 2: the mother's phone, a daughter without an IIN: warned */
                     "Әбенова;Айша;;2003-05-05;Female;+7 701 123 45 67;Medeu district;Employed;self\n"
                     /* 3: Иванов Пётр's name and birth date, another valid IIN: new */
                     "Иванов;Пётр;950402300131;1995-04-02;Male;+77017654321;Medeu district;Employed;self\n"
                     /* 4: Иванов Пётр's IIN: skipped */
                     "Иванов;Петя;950402300121;;Male;;Medeu district;Employed;self\n"
                     /* 5: the mother's name and birth date, no IIN: warned */
                     "Әбенова;Әлия;;1996-03-08;Female;;Medeu district;Employed;self\n"
                     /* 6: the mother's phone, with an IIN (she has none): warned */
                     "Әбенов;Ерлан;950402300141;;Male;+77011234567;Medeu district;Employed;self\n"
                     /* 7: line 3's IIN: skipped */
                     "Иванов;Пётр;950402300131;;Male;;Medeu district;Employed;self\n"
                     /* 8: line 3's phone, another IIN: new */
                     "Әбенова;Дана;950402400158;;Female;87017654321;Medeu district;Employed;self\n");

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *name = g_strdup_printf ("duplicates-%u.db", m);
      g_autoptr(JdDb) db = open_centre (name);
      g_autoptr(JdImportResult) result = NULL;
      g_autofree char *rejects = NULL;
      g_autofree char *warnings = NULL;
      g_autofree char *state = NULL;

      add_visitor (db, "Әбенова", "Әлия", "1996-03-08", NULL, "+77011234567");
      add_visitor (db, "Иванов", "Пётр", "1995-04-02", "950402300121", NULL);
      result = import (db, path, modes[m]);

      g_assert_cmpuint (result->imported, ==, 5);
      g_assert_cmpuint (result->skipped, ==, 2);
      g_assert_cmpuint (result->rejected, ==, 0);
      g_assert_cmpuint (result->warned, ==, 3);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, 7);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '950402300131'"), ==, 1);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '950402400158'"), ==, 1);

      warnings = join_warnings (result);
      g_assert_true (g_str_has_prefix (warnings, "Line 2: "));
      g_assert_nonnull (strstr (warnings, "|Line 5: "));
      g_assert_nonnull (strstr (warnings, "|Line 6: "));
      g_assert_nonnull (strstr (warnings, "Әбенова Әлия"));
      rejects = contents (result->rejects_path);
      g_assert_nonnull (strstr (rejects, "Иванов Пётр"));

      /* Both ways end the same. */
      state = query_text (db, "SELECT group_concat (p, '|') FROM (SELECT surname || given_name"
                              " || ifnull (iin, '') || ifnull (phone, '') AS p FROM visitor ORDER BY id)");
      if (m == 0)
        {
          first = g_steal_pointer (&state);
          first_warnings = g_steal_pointer (&warnings);
        }
      else
        {
          g_assert_cmpstr (state, ==, first);
          g_assert_cmpstr (warnings, ==, first_warnings);
        }
    }
}

/* Two people the row may be by name and date of birth: Пётр Иванов
 * without a patronymic (registered first) and Пётр Сергеевич Иванов.
 * A row with the whole name is warned about the second, by either way
 * and on either engine; a row without the patronymic, about the first
 * (the only one its name matches). */
static void
test_duplicate_whole_name (void)
{
  const JdImportMode modes[] = { JD_IMPORT_ROW_BY_ROW, JD_IMPORT_BULK };
  g_autofree char *path = write_file ("whole-name.csv",
                                      "Surname;Given name;Patronymic;Date of birth;Sex;District;Occupation\n"
                                      "Иванов;Пётр;Сергеевич;1995-04-02;Male;Medeu district;Employed\n"
                                      "Иванов;Пётр;;1995-04-02;Male;Medeu district;Employed\n");

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *name = g_strdup_printf ("whole-name-%u.db", m);
      g_autoptr(JdDb) db = open_centre (name);
      g_autoptr(JdVisitor) v = jd_visitor_new ();
      g_autoptr(JdImportResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *warnings = NULL;

      add_visitor (db, "Иванов", "Пётр", "1995-04-02", NULL, NULL);
      v->surname = g_strdup ("Иванов");
      v->given_name = g_strdup ("Пётр");
      v->patronymic = g_strdup ("Сергеевич");
      v->birth_date = g_strdup ("1995-04-02");
      v->sex = JD_SEX_MALE;
      v->district_code = g_strdup ("almaty-medeu");
      v->occupation = g_strdup ("employed");
      v->consent_given = TRUE;
      g_assert_true (jd_visitor_insert (db, v, &error));
      g_assert_no_error (error);

      result = import (db, path, modes[m]);
      g_assert_cmpuint (result->imported, ==, 2);
      g_assert_cmpuint (result->warned, ==, 2);
      warnings = join_warnings (result);
      g_assert_cmpstr (warnings, ==,
                       "Line 2: imported, but may be Иванов Пётр Сергеевич, already registered with the"
                       " same name and date of birth (1995-04-02). Check both records.|"
                       "Line 3: imported, but may be Иванов Пётр, already registered with the"
                       " same name and date of birth (1995-04-02). Check both records.");
    }
}

/* A file saved again by a spreadsheet: IINs of people born 2000–2009
 * lost their leading zeros, phones lost their "+". */
static void
test_spreadsheet_numbers (void)
{
  g_autoptr(JdDb) db = open_centre ("numbers.db");
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *path = NULL;
  g_autofree char *rejects = NULL;

  path = write_file ("resaved.csv",
                     "Surname,Given name,IIN,Date of birth,Sex,Phone,District,Occupation\n"
                     /* 2: 010308604563 without its zero, the same birth date: restored */
                     "Әбенова,Әлия,10308604563,08.03.2001,Female,77011234567,Medeu district,Employed\n"
                     /* 3, 4: 000105500122 without its three zeros: restored */
                     "Жанов,Ерлан,105500122,2000-01-05,Male,,Medeu district,Employed\n"
                     "Жанов,Арман,105500132,2000-01-05,Male,,Medeu district,Employed\n"
                     /* 5: 050315501230, but born a day later: rejected */
                     "Серіков,Дәулет,50315501230,2005-03-16,Male,,Medeu district,Employed\n"
                     /* 6: no date of birth to check it against: rejected */
                     "Серіков,Нұрлан,50315501230,,Male,,Medeu district,Employed\n");
  result = import (db, path, JD_IMPORT_ROW_BY_ROW);
  g_assert_cmpuint (result->imported, ==, 3);
  g_assert_cmpuint (result->rejected, ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '010308604563'"
                                  " AND phone = '+77011234567'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE iin = '000105500132'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE surname = 'Серіков'"), ==, 0);
  rejects = contents (result->rejects_path);
  g_assert_nonnull (strstr (rejects, "“50315501230” has 11 digits"));
}

/* Dates of consent and registration, and rows that say nothing of
 * consent. */
static void
test_consent_and_dates (void)
{
  g_autoptr(JdDb) db = open_centre ("consent.db");
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(JdImportResult) bare = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bare_path = NULL;
  g_autofree char *rejects = NULL;

  path = write_file ("consent.csv",
                     "Surname;Given name;Date of birth;Sex;District;Occupation;Consent date;"
                     "Consent given by;Registered\n"
                     /* 2: consent given a year before the registration */
                     "Әбенова;Әлия;2001-03-08;Female;Medeu district;Employed;05.05.2025;self;2026-01-10\n"
                     /* 3: registered in the future */
                     "Жанов;Ерлан;2000-02-02;Male;Medeu district;Employed;;self;2099-01-01\n"
                     /* 4: registered before the person was born */
                     "Жанов;Арман;2000-02-03;Male;Medeu district;Employed;;self;1900-01-01\n"
                     /* 5: consent in the future */
                     "Жанов;Бауыржан;2000-02-04;Male;Medeu district;Employed;2099-01-01;self;\n"
                     /* 6: a consent date that is not a date */
                     "Жанов;Нұрлан;2000-02-05;Male;Medeu district;Employed;ертең;self;\n");
  result = import (db, path, JD_IMPORT_ROW_BY_ROW);
  g_assert_cmpuint (result->imported, ==, 1);
  g_assert_cmpuint (result->rejected, ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consent WHERE given_on = '2025-05-05'"
                                  " AND given_by = 'self'"), ==, 1);
  rejects = contents (result->rejects_path);
  g_assert_nonnull (strstr (rejects, "2099-01-01 is in the future"));
  g_assert_nonnull (strstr (rejects, "1900-01-01 is before the date of birth"));
  g_assert_nonnull (strstr (rejects, "consent date 2099-01-01 is in the future"));
  g_assert_nonnull (strstr (rejects, "“ертең” is not a date"));

  /* No word of consent: an adult is imported without a consent record
   * (the front desk asks); a minor still needs a guardian. */
  bare_path = write_file ("no-consent.csv",
                          "Surname;Given name;Date of birth;Sex;District;Occupation\n"
                          "Серікова;Дана;2000-06-15;Female;Medeu district;Employed\n"
                          "Серіков;Тимур;2011-06-15;Male;Medeu district;School\n");
  bare = import (db, bare_path, JD_IMPORT_BULK);
  g_assert_cmpuint (bare->imported, ==, 1);
  g_assert_cmpuint (bare->rejected, ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consent k JOIN visitor v ON v.id = k.visitor_id"
                                  " WHERE v.surname = 'Серікова'"), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JdVisitor) v = jd_visitor_load (db, query_int (db, "SELECT id FROM visitor"
                                                                 " WHERE surname = 'Серікова'"), &error);

    g_assert_no_error (error);
    g_assert_false (v->consent_given);
  }
}

/* The rejects file keeps the file's columns and values, with the line
 * and the reason last: corrected, it is imported again as it is. */
static void
test_rejects_corrected (void)
{
  g_autoptr(JdDb) db = open_centre ("corrected.db");
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(JdImportResult) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *rejects = NULL;
  g_autofree char *fixed = NULL;
  g_auto(GStrv) lines = NULL;

  path = write_file ("to-fix.csv",
                     "Surname,Given name,Date of birth,Sex,Phone,District,Occupation\n"
                     "Әбенова,Әлия,2001-03-08,Female,,Medeu district,Employed\n"
                     "Жанов,Ерлан,31.02.2000,Male,+7 701 555 01 01,Medeu district,Employed\n");
  result = import (db, path, JD_IMPORT_ROW_BY_ROW);
  g_assert_cmpuint (result->imported, ==, 1);
  g_assert_cmpuint (result->rejected, ==, 1);
  rejects = contents (result->rejects_path);
  lines = g_strsplit (rejects, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "\xEF\xBB\xBFSurname,Given name,Date of birth,Sex,Phone,District,Occupation,"
                                 "Line,Reason");
  g_assert_true (g_str_has_prefix (lines[1], "Жанов,Ерлан,31.02.2000,Male,'+7 701 555 01 01,"
                                             "Medeu district,Employed,3,"));
  g_assert_cmpstr (lines[2], ==, "");

  /* Corrected where it was wrong, and imported again. */
  fixed = g_strjoin ("\r\n", lines[0], lines[1], "", NULL);
  memcpy (strstr (fixed, "31.02"), "28.02", 5);
  g_assert_true (g_file_set_contents (result->rejects_path, fixed, -1, &error));
  g_assert_no_error (error);
  again = import (db, result->rejects_path, JD_IMPORT_ROW_BY_ROW);
  g_assert_cmpuint (again->imported, ==, 1);
  g_assert_cmpuint (again->rejected, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor WHERE birth_date = '2000-02-28'"
                                  " AND phone = '+77015550101'"), ==, 1);
}

/* Through the store, as the Reports page imports: on a worker thread,
 * progress on this thread, ::changed once the people are in. */

typedef struct
{
  GAsyncResult *result;
  guint         progress_calls;
  guint         last_count;
  gboolean      finished;
  guint         changed;
  JdTopics      topics;
} AsyncImport;

static void
import_progress_cb (guint    count,
                    gpointer user_data)
{
  AsyncImport *state = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_false (state->finished);
  state->progress_calls++;
  state->last_count = count;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncImport *state = user_data;

  state->result = g_object_ref (result);
}

static void
store_changed_cb (JdStore  *store,
                  JdTopics  topics,
                  gpointer  user_data)
{
  AsyncImport *state = user_data;

  state->changed++;
  state->topics = topics;
}

static JdImportResult *
import_async (JdStore       *store,
              const char    *path,
              GCancellable  *cancellable,
              AsyncImport   *state,
              GError       **error)
{
  JdImportResult *result;

  jd_import_visitors_async (store, path, NULL, 0, cancellable, import_progress_cb, state,
                            import_done_cb, state);
  while (state->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = jd_import_visitors_finish (store, state->result, error);
  state->finished = TRUE;
  g_clear_object (&state->result);
  /* Whatever progress was still on its way is not delivered now. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return result;
}

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until ::changed came (a centre server's
 * notification), or fails after 10 s. */
static void
wait_changed (AsyncImport *state)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);

  while (state->changed == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  /* Whatever else is ready. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_async (void)
{
  g_autoptr(JdStore) store = jd_store_new_for_db (open_centre ("async.db"));
  g_autoptr(GString) file = g_string_new ("Surname;Given name;Date of birth;Sex;District;Occupation\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *path = NULL;
  AsyncImport state = { 0 };

  for (guint i = 0; i < 1500; i++)
    g_string_append_printf (file, "Асанов;Ержан;%u-%02u-%02u;Male;Medeu district;Employed\n",
                            1993 + (i / 336) % 10, 1 + (i / 28) % 12, 1 + i % 28);
  path = write_file ("async.csv", file->str);
  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), &state);

  result = import_async (store, path, NULL, &state, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 1500);
  g_assert_cmpint (query_int (jd_store_get_db (store), "SELECT count(*) FROM visitor"), ==, 1500);
  g_assert_cmpuint (state.progress_calls, >=, 1);
  g_assert_cmpuint (state.last_count, <=, 1500);
  if (test_engine_is_server ())
    {
      /* The server's notification of the worker's commit, with the
       * tables it wrote: visitors, their consent and search tokens. */
      wait_changed (&state);
      g_assert_cmpuint (state.changed, ==, 1);
      g_assert_cmpuint (state.topics, ==, JD_TOPIC_VISITORS);
    }
  else
    {
      g_assert_cmpuint (state.changed, ==, 1);
      g_assert_cmpuint (state.topics, ==, JD_TOPIC_VISITORS | JD_TOPIC_VISITS);
    }
  /* On record as the administrator signed in on the store. */
  g_assert_cmpint (query_int (jd_store_get_db (store),
                              "SELECT count(*) FROM audit WHERE staff_id = (SELECT id FROM staff"
                              " WHERE login = 'admin') AND action LIKE 'import%'"), >=, 1);
}

/* Cancelled: nobody imported, nothing said to have changed. */
static void
test_async_cancelled (void)
{
  g_autoptr(JdStore) store = jd_store_new_for_db (open_centre ("async-cancel.db"));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JdImportResult) result = NULL;
  g_autofree char *path = write_file ("async-cancel.csv",
                                      "Surname;Given name;Date of birth;Sex\n"
                                      "Асанов;Ержан;1990-01-01;Male\n");
  AsyncImport state = { 0 };

  g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), &state);
  g_cancellable_cancel (cancellable);
  result = import_async (store, path, cancellable, &state, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (query_int (jd_store_get_db (store), "SELECT count(*) FROM visitor"), ==, 0);
  g_assert_cmpuint (state.changed, ==, 0);
}

/* The names of @results, "Surname Given" each, joined by ", ". */
static char *
found_names (GPtrArray *results)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < results->len; i++)
    {
      JdSearchResult *r = results->pdata[i];

      g_string_append_printf (names, "%s%s %s", i > 0 ? ", " : "", r->surname, r->given_name);
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_found (JdDb       *db,
              const char *query,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = jd_search_visitors (db, query, 20, NULL, &error);
  g_autofree char *names = NULL;

  g_assert_no_error (error);
  names = found_names (results);
  g_assert_cmpstr (names, ==, expected);
}

/* Imported people are found at once, on either engine and by either
 * way of importing (a server writes the search keys in batches of a
 * few hundred visitors). */
static void
searchable_after (JdImportMode mode)
{
  static const char * const surnames[] = {
    "Ахметов", "Байжанов", "Жұмабаев", "Исаев", "Қасымов", "Мұратов", "Нұрланов",
    "Оспанов", "Сейітов", "Төлегенов", "Үсенов", "Шәріпов", "Ыбыраев",
  };
  static const char * const given[] = {
    "Азамат", "Бауыржан", "Дархан", "Ерболат", "Жандос", "Марат", "Нұрсұлтан",
    "Олжас", "Руслан", "Самат", "Талғат", "Хасен", "Шыңғыс", "Ілияс", "Әлібек",
  };
  g_autoptr(JdDb) db = open_centre (mode == JD_IMPORT_BULK ? "searchable-bulk.db" : "searchable-rows.db");
  g_autoptr(JdImportResult) result = NULL;
  g_autoptr(GString) text = g_string_new ("Фамилия;Имя;Отчество;Дата рождения;Пол;Район;Занятость;Телефон;"
                                          "Социальные категории;Согласие дал;Дата согласия\n");
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  g_autofree char *given_on = NULL;
  guint n = 0;

  g_string_append (text, "Әбілқасымова;Шұғыла;Ержанқызы;2001-02-03;Женский;Медеуский район;Работает;+77011234567;"
                   "\"Малообеспеченная семья, Из многодетной семьи\";сам;2024-05-06\n");
  g_string_append (text, "Бекмұханов;Ерлан;;2003-04-05;Мужской;Медеуский район;Работает;;;сам;\n");
  g_string_append (text, "Бекмұханова;Айгерім;;2004-06-07;Женский;Медеуский район;Работает;;Малообеспеченная семья;;\n");
  g_string_append (text, "Жақсыбай-Ұлы;Дәурен;Серікұлы;1999-12-31;Мужской;Медеуский район;Работает;;;;\n");
  /* 451 people with different names and birthdays: a second batch of
   * search keys on a server, which the last row ends part-filled. */
  for (guint k = 0; k < 3 && n < 451; k++)
    for (guint i = 0; i < G_N_ELEMENTS (surnames) && n < 451; i++)
      for (guint j = 0; j < G_N_ELEMENTS (given) && n < 451; j++, n++)
        g_string_append_printf (text, "%s;%s;;%u-%02u-%02u;Мужской;Медеуский район;Работает;;;;\n", surnames[i],
                                given[j], 1995 + k, 1 + i % 12, 1 + j);
  g_string_append (text, "Шәріпова;Әлия;;2000-01-01;Женский;Медеуский район;Работает;;;;\n");
  path = write_file (mode == JD_IMPORT_BULK ? "searchable-bulk.csv" : "searchable-rows.csv", text->str);

  result = import (db, path, mode);
  now = jd_db_now_local (db);
  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpuint (result->imported, ==, 456);
  g_assert_cmpuint (result->rejected, ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor_fts"), ==, 456);
  /* The categories and consents, as a row by row import writes them:
   * two categories and a consent of the day given, one category, and
   * a consent of the day of the import. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor_category c JOIN visitor v ON v.id = c.visitor_id"
                                  " WHERE v.surname = 'Әбілқасымова'"
                                  " AND c.category IN ('low_income', 'large_family')"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor_category c JOIN visitor v ON v.id = c.visitor_id"
                                  " WHERE v.surname = 'Бекмұханова' AND c.category = 'low_income'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor_category"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consent c JOIN visitor v ON v.id = c.visitor_id"
                                  " WHERE v.surname = 'Әбілқасымова' AND c.given_on = '2024-05-06'"
                                  " AND c.given_by = 'self' AND c.text_version = '2026-1'"
                                  " AND c.created_by IS NOT NULL"), ==, 1);
  given_on = query_text (db, "SELECT c.given_on FROM consent c JOIN visitor v ON v.id = c.visitor_id"
                             " WHERE v.surname = 'Бекмұханов' AND c.given_by = 'self'");
  g_assert_cmpstr (given_on, ==, today);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM consent"), ==, 2);

  /* A Kazakh prefix of the surname; the whole words in any order. */
  assert_found (db, "әбілқ", "Әбілқасымова Шұғыла");
  assert_found (db, "шұғыла әбілқасымова", "Әбілқасымова Шұғыла");
  /* Two words, the second a prefix: of the two Бекмұханов(а), one. */
  assert_found (db, "бекмұханова айг", "Бекмұханова Айгерім");
  assert_found (db, "бекмұханов ерл", "Бекмұханов Ерлан");
  /* The phone without the country code; a piece of a hyphenated name. */
  assert_found (db, "7011234567", "Әбілқасымова Шұғыла");
  assert_found (db, "ұлы дәурен", "Жақсыбай-Ұлы Дәурен");
  /* The last row of the file, in the last batch. */
  assert_found (db, "шәріпова әлия", "Шәріпова Әлия");
}

static void
test_searchable_row_by_row (void)
{
  searchable_after (JD_IMPORT_ROW_BY_ROW);
}

static void
test_searchable_bulk (void)
{
  searchable_after (JD_IMPORT_BULK);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cmd = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp (NULL, NULL);

  g_test_add_func ("/jd/import/languages", test_languages);
  g_test_add_func ("/jd/import/russian-desk-to-kazakh", test_russian_desk_to_kazakh);
  g_test_add_func ("/jd/import/kazakh-desk-to-russian", test_kazakh_desk_to_russian);
  g_test_add_func ("/jd/import/labels-match-catalogues", test_labels_match_catalogues);
  g_test_add_func ("/jd/import/duplicates", test_duplicates);
  g_test_add_func ("/jd/import/duplicate-whole-name", test_duplicate_whole_name);
  g_test_add_func ("/jd/import/spreadsheet-numbers", test_spreadsheet_numbers);
  g_test_add_func ("/jd/import/consent-and-dates", test_consent_and_dates);
  g_test_add_func ("/jd/import/rejects-corrected", test_rejects_corrected);
  g_test_add_func ("/jd/import/async", test_async);
  g_test_add_func ("/jd/import/async-cancelled", test_async_cancelled);
  g_test_add_func ("/jd/import/searchable-row-by-row", test_searchable_row_by_row);
  g_test_add_func ("/jd/import/searchable-bulk", test_searchable_bulk);

  status = g_test_run ();
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (tmp_dir);
  return status;
}
