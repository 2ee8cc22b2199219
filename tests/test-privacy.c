/* test-privacy.c: a person's own data, deletion on request, retention,
 * backups and restore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "jd-audit.h"
#include "db-helpers.h"
#include "engine-helpers.h"
#include "jd-backup.h"
#include "jd-db-private.h"
#include "jd-privacy.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-visit.h"
#include "jd-visitor.h"
#include "visitor-helpers.h"

#define DAY (24 * 3600)
#define YEAR (365 * DAY)

typedef struct
{
  char   *dir;
  char   *path;
  JdDb   *db;
  gint64  now;
  gint64  dana, erlan, old_timer, recent_consult;
} Fixture;

static void
exec (JdDb       *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static gint64
add_visitor (Fixture    *f,
             const char *surname,
             const char *given,
             const char *birth,
             JdSex       sex,
             const char *phone,
             const char *iin)
{
  return test_add_visitor (f->db, &(TestVisitor) {
    .surname = surname, .given_name = given, .birth_date = birth, .sex = sex, .phone = phone,
    .iin = iin, .district_code = "almaty-auezov", .occupation = "not_seeking", .language = "ru",
    .notes = "Пришла с подругой.\n\"Важно\": перезвонить", .categories = "low_income" });
}

static void
visit (Fixture *f,
       gint64   visitor,
       gint64   when)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (jd_visit_check_in (f->db, visitor, (const char *[]) { "career", "legal", NULL },
                                      when, &error), >, 0);
  g_assert_no_error (error);
}

static void
consult (Fixture    *f,
         gint64      visitor,
         gint64      when,
         const char *employer)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO consultation (visitor_id, service, topic, started_at,"
                         " duration_min, summary, private_note, outcome, placement_employer,"
                         " placement_kind, placement_start, created_at, updated_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 'employment', 'cv', %" G_GINT64_FORMAT
                         ", 40, 'Составили резюме', 'Тревожится из-за семьи', 'resolved', %s%s%s, %s,"
                         " %s, 1, 1)",
                         visitor, when, employer ? "'" : "", employer ? employer : "NULL",
                         employer ? "'" : "", employer ? "'temporary'" : "NULL",
                         employer ? "'2026-09-01'" : "NULL");
  exec (f->db, sql);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autofree char *sql = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  f->path = test_db_location_new_in (f->dir, "jastar.db");
  f->db = jd_db_open (f->path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (f->db, "Әуезов жастар орталығы", "Администратор", "admin",
                                  "Qwerty123", &error);
  g_assert_no_error (error);
  f->now = jd_db_now ();

  /* Dana: registered now, visits and a job placement. */
  f->dana = add_visitor (f, "Серікова", "Дана", "2004-06-15", JD_SEX_FEMALE, "+77015550101",
                         NULL);
  visit (f, f->dana, f->now - 40 * DAY);
  visit (f, f->dana, f->now - 10 * DAY);
  consult (f, f->dana, f->now - 10 * DAY, "ТОО Алма");
  /* Erlan: registered now, one visit. */
  f->erlan = add_visitor (f, "Нұрланов", "Ерлан", "1998-01-20", JD_SEX_MALE, "+77025550202",
                          NULL);
  visit (f, f->erlan, f->now - 5 * DAY);
  /* Registered six years ago, never back. */
  f->old_timer = add_visitor (f, "Ахметов", "Болат", "1995-03-03", JD_SEX_MALE, NULL, NULL);
  /* Registered six years ago, a consultation two years ago. */
  f->recent_consult = add_visitor (f, "Омарова", "Әйгерім", "1996-07-07", JD_SEX_FEMALE, NULL,
                                   NULL);
  consult (f, f->recent_consult, f->now - 2 * YEAR, NULL);
  sql = g_strdup_printf ("UPDATE visitor SET created_at = %" G_GINT64_FORMAT ","
                         " updated_at = %" G_GINT64_FORMAT " WHERE id IN (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ")",
                         f->now - 6 * YEAR, f->now - 6 * YEAR, f->old_timer, f->recent_consult);
  exec (f->db, sql);
  visit (f, f->old_timer, f->now - 6 * YEAR + DAY);
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
  g_free (f->path);
}

/* The anonymous statistics the dashboard and reports will count, each
 * computed straight from the tables: visits by month, by sex and age
 * band on the day, by district, NEET visits, consultations by service
 * and outcome, placements. */
static char *
statistics (JdDb *db)
{
  static const char *const queries[] = {
    "SELECT group_concat (m || ':' || n) FROM (SELECT strftime ('%Y-%m', time_in, 'unixepoch') AS m,"
    " count(*) AS n FROM visit GROUP BY m ORDER BY m)",
    "SELECT group_concat (k || ':' || n) FROM (SELECT p.sex || '/' ||"
    " CASE WHEN (julianday (date (v.time_in, 'unixepoch')) - julianday (p.birth_date)) / 365.25 < 18"
    " THEN '14-17' WHEN (julianday (date (v.time_in, 'unixepoch')) - julianday (p.birth_date)) / 365.25 < 25"
    " THEN '18-24' WHEN (julianday (date (v.time_in, 'unixepoch')) - julianday (p.birth_date)) / 365.25 < 30"
    " THEN '25-29' ELSE '30-35' END AS k, count(*) AS n"
    " FROM visit v JOIN visitor p ON p.id = v.visitor_id GROUP BY k ORDER BY k)",
    "SELECT group_concat (d || ':' || n) FROM (SELECT p.district_id AS d, count(*) AS n"
    " FROM visit v JOIN visitor p ON p.id = v.visitor_id GROUP BY d ORDER BY d)",
    "SELECT count(*) FROM visit WHERE occupation IN ('unemployed_seeking', 'not_seeking')",
    "SELECT group_concat (k || ':' || n) FROM (SELECT service || '/' || outcome AS k, count(*) AS n"
    " FROM consultation GROUP BY k ORDER BY k)",
    "SELECT count(*) FROM consultation WHERE placement_kind IS NOT NULL",
    "SELECT group_concat (purpose || ':' || n) FROM (SELECT purpose, count(*) AS n"
    " FROM visit_purpose GROUP BY purpose ORDER BY purpose)",
    "SELECT count(DISTINCT visitor_id) FROM visit",
  };

  return query_texts (db, queries, G_N_ELEMENTS (queries));
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Named as the visitor's page suggests: after the person. */
  g_autofree char *path = g_build_filename (f->dir, "Серікова-Дана-personal-data.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *sql = NULL;
  GStatBuf st;

  g_assert_true (jd_visitor_export_personal (f->db, f->dana, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &json, NULL, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_str_has_prefix (json, "{\n  \"exported_at\": \""));
  g_assert_true (g_str_has_suffix (json, "\n}\n"));
  g_assert_nonnull (strstr (json, "\"surname\": \"Серікова\""));
  g_assert_nonnull (strstr (json, "\"phone\": \"+77015550101\""));
  g_assert_nonnull (strstr (json, "\"district_kk\": \"Әуезов ауданы\""));
  /* Quotes and line breaks escaped. */
  g_assert_nonnull (strstr (json, "\"notes\": \"Пришла с подругой.\\n\\\"Важно\\\": перезвонить\""));
  g_assert_nonnull (strstr (json, "\"social_categories\": [\n    {\"category\": \"low_income\"}\n  ]"));
  g_assert_nonnull (strstr (json, "\"given_by\": \"self\""));
  g_assert_nonnull (strstr (json, "\"purposes\": \"career, legal\""));
  g_assert_nonnull (strstr (json, "\"placement_employer\": \"ТОО Алма\""));
  g_assert_nonnull (strstr (json, "\"summary\": \"Составили резюме\""));
  /* Two visits, and nobody else's data. */
  g_assert_nonnull (strstr (json, "\"visits\": [\n    {"));
  g_assert_null (strstr (json, "Нұрланов"));
  /* Private notes stay with the specialists. */
  g_assert_null (strstr (json, "Тревожится"));
  g_assert_null (strstr (json, "private_note"));

  /* The audit says whose data went out by id, and keeps no name. */
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'exported' AND target = 'visitor'"
                         " AND record_id = %" G_GINT64_FORMAT " AND detail = 'personal-data.json'",
                         f->dana);
  g_assert_cmpint (query_int (f->db, sql), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE detail LIKE '%Серікова%'"),
                   ==, 0);

  /* Nobody by that id: refused, no file, no audit entry. */
  g_unlink (path);
  g_assert_false (jd_visitor_export_personal (f->db, 4242, path, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'exported'"), ==, 1);
}

static void
test_delete_on_request (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = statistics (f->db);
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *personal = NULL;
  g_autoptr(GPtrArray) found = NULL;

  /* An export recorded by an older version, under the file's name. */
  sql = g_strdup_printf ("INSERT INTO audit (at, action, target, record_id, detail, created_at,"
                         " updated_at) VALUES (1, 'exported', 'visitor', %" G_GINT64_FORMAT ","
                         " 'Серікова-Дана-personal-data.json', 1, 1)", f->dana);
  exec (f->db, sql);
  g_clear_pointer (&sql, g_free);

  g_assert_true (jd_visitor_delete_on_request (f->db, f->dana, &error));
  g_assert_no_error (error);

  /* The entry stays; the name in it goes. */
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'exported'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE detail LIKE '%Серікова%'"),
                   ==, 0);

  /* Personal data gone... */
  sql = g_strdup_printf ("SELECT surname || given_name || coalesce (patronymic, '') ||"
                         " coalesce (iin, '') || coalesce (phone, '') || coalesce (email, '') ||"
                         " coalesce (notes, '') || name_key FROM visitor WHERE id = %" G_GINT64_FORMAT,
                         f->dana);
  personal = query_text (f->db, sql);
  g_assert_cmpstr (personal, ==, "");
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consent WHERE visitor_id NOT IN"
                                     " (SELECT id FROM visitor WHERE anonymised_at IS NULL)"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consultation WHERE summary LIKE 'Сост%'"
                                     " AND visitor_id IN (SELECT id FROM visitor WHERE anonymised_at"
                                     " IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consultation WHERE private_note IS NOT NULL"
                                     " AND visitor_id IN (SELECT id FROM visitor WHERE anonymised_at"
                                     " IS NOT NULL)"), ==, 0);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM consultation WHERE placement_employer"
                                     " = 'ТОО Алма'"), ==, 0);
  found = jd_search_visitors (f->db, "Серікова", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = jd_search_visitors (f->db, "7015550101", 10, NULL, &error);
  g_assert_cmpuint (found->len, ==, 0);

  /* ...statistics as they were... */
  after = statistics (f->db);
  g_assert_cmpstr (after, ==, before);

  /* ...and the act on record. */
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'deleted' AND target = 'visitor'"
                         " AND record_id = %" G_GINT64_FORMAT, f->dana);
  g_assert_cmpint (query_int (f->db, sql), ==, 1);

  /* Twice: nothing left to delete. */
  g_assert_false (jd_visitor_delete_on_request (f->db, f->dana, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_cmpint (query_int (f->db, sql), ==, 1);
}

static void
test_retention (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *before = statistics (f->db);
  g_autofree char *after = NULL;
  JdRetentionRow *row;
  guint total = 0, done = 0;

  g_assert_cmpuint (jd_retention_get_years (f->db), ==, 5);
  g_assert_true (jd_retention_set_years (f->db, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jd_retention_get_years (f->db), ==, 3);
  g_assert_false (jd_retention_set_years (f->db, 0, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Five years: only the person not seen for six (their one visit was
   * the day after registering). */
  rows = jd_retention_list (f->db, 5, f->now, 10, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpint (row->visitor_id, ==, f->old_timer);
  g_assert_cmpstr (row->display_name, ==, "Ахметов Болат");
  g_assert_cmpint (row->last_activity, ==, f->now - 6 * YEAR + DAY);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One year: also the consultation two years ago, oldest first; the
   * limit cuts the list, not the count. */
  rows = jd_retention_list (f->db, 1, f->now, 1, &total, &error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (((JdRetentionRow *) rows->pdata[0])->visitor_id, ==, f->old_timer);
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (jd_retention_anonymise (f->db, 5, f->now, &done, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visitor WHERE anonymised_at IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'anonymised'"), ==, 1);
  after = statistics (f->db);
  g_assert_cmpstr (after, ==, before);

  /* Nobody left for five years. */
  rows = jd_retention_list (f->db, 5, f->now, 10, &total, &error);
  g_assert_cmpuint (total, ==, 0);
}

/* Every audit entry, as "id at action target record_id", one a line. */
static char *
audit_trail (JdDb *db)
{
  static const char *const queries[] = {
    "SELECT group_concat (line, char (10)) FROM (SELECT id || ' ' || at || ' ' || action || ' ' ||"
    " coalesce (target, '-') || ' ' || coalesce (record_id, 0) AS line FROM audit ORDER BY id)",
  };

  return query_texts (db, queries, 1);
}

static gint64 count_where_id (JdDb       *db,
                              const char *sql_format,
                              ...) G_GNUC_PRINTF (2, 3);

static gint64
count_where_id (JdDb       *db,
                const char *sql_format,
                ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);
  return query_int (db, sql);
}

/* Issue item 8: a backup made before a deletion at the person's
 * request (and before an anonymisation for retention) is restored:
 * both people stay erased, and no audit entry written since the backup
 * is lost, the deletion's included. */
static void
test_restore_keeps_erasures (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *trail_before = NULL;
  g_autofree char *trail_after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *said = NULL;
  JdRestoreReport report = { 0, };
  guint done = 0;
  gint64 newcomer, n_before, n_in_backup;

  if (test_skip_on_server ("Backups are files: not on a centre server yet"))
    return;

  n_in_backup = query_int (f->db, "SELECT count(*) FROM audit");
  backup = jd_backup_now (f->db, &error);
  g_assert_no_error (error);

  /* After the backup: Erlan asks to be deleted, Bolat is anonymised
   * after five years away, someone new registers. */
  g_assert_true (jd_visitor_delete_on_request (f->db, f->erlan, &error));
  g_assert_no_error (error);
  g_assert_true (jd_retention_anonymise (f->db, 5, f->now, &done, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (done, ==, 1);
  newcomer = add_visitor (f, "Жаңа", "Адам", "2001-01-01", JD_SEX_MALE, NULL, NULL);
  g_assert_cmpint (newcomer, >, 0);
  trail_before = audit_trail (f->db);
  n_before = query_int (f->db, "SELECT count(*) FROM audit");

  g_assert_true (jd_backup_restore_full (f->db, backup, &safety, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_deleted_again, ==, 1);
  g_assert_cmpuint (report.n_anonymised_again, ==, 1);
  /* Everything written since the backup was made: its own entry, the
   * deletion, the anonymisation, the newcomer's registration. */
  g_assert_cmpuint (report.n_audit_carried, ==, n_before - n_in_backup);
  said = jd_restore_report_describe (&report);
  g_assert_nonnull (said);
  g_assert_nonnull (strstr (said, "1 "));

  /* Erlan and Bolat are still erased: no name, not found. */
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT
                                          " AND surname = '' AND phone IS NULL"
                                          " AND anonymised_at IS NOT NULL", f->erlan), ==, 1);
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT
                                          " AND surname = '' AND anonymised_at IS NOT NULL",
                                   f->old_timer), ==, 1);
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM consent WHERE visitor_id = %"
                                          G_GINT64_FORMAT, f->erlan), ==, 0);
  found = jd_search_visitors (f->db, "Нұрланов", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  /* Dana, untouched, is back as she was; the newcomer came after. */
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT
                                          " AND surname = 'Серікова'", f->dana), ==, 1);
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT,
                                   newcomer), ==, 0);

  /* The trail: everything that was there, then the restore. */
  trail_after = audit_trail (f->db);
  g_assert_true (g_str_has_prefix (trail_after, trail_before));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit"), ==, n_before + 1);
  expected = g_strdup_printf ("SELECT count(*) FROM audit WHERE action = 'deleted' AND record_id = %"
                              G_GINT64_FORMAT, f->erlan);
  g_assert_cmpint (query_int (f->db, expected), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'anonymised'"), ==, 1);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'restored'"), ==, 1);
  g_assert_true (jd_db_check_integrity (f->db, FALSE, NULL, &error));
  g_assert_no_error (error);

  /* Back to the present (the copy made before the restore): nobody to
   * erase again, and still not one entry lost. */
  admin = jd_staff_sign_in (f->db, "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  g_clear_pointer (&trail_before, g_free);
  trail_before = audit_trail (f->db);
  n_before = query_int (f->db, "SELECT count(*) FROM audit");
  g_assert_true (jd_backup_restore_full (f->db, safety, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_deleted_again, ==, 0);
  g_assert_cmpuint (report.n_anonymised_again, ==, 0);
  g_assert_null (jd_restore_report_describe (&report));
  g_clear_pointer (&trail_after, g_free);
  trail_after = audit_trail (f->db);
  g_assert_true (g_str_has_prefix (trail_after, trail_before));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit"), ==, n_before + 1);
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT,
                                   newcomer), ==, 1);
}

static gboolean
file_in (const char *folder,
         const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
put_file (const char *folder,
          const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "copy", -1, NULL));
}

/* Issue item 8: copies made by hand, before a restore and before an
 * upgrade were kept for ever, and with them everyone deleted since. */
/* A restore erases again the person the deletion named, not whoever
 * holds the same number in the backup: after a restore of an older
 * copy numbers are given out again, and a backup from the other line
 * of history may hold somebody else under the deleted person's one. */
static void
test_restore_other_person_same_number (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *detail = NULL;
  JdRestoreReport report = { 0, };

  if (test_skip_on_server ("Backups are files: not on a centre server yet"))
    return;

  backup = jd_backup_now (f->db, &error);
  g_assert_no_error (error);
  {
    /* In the backup, Erlan's number belongs to another man, registered
     * a day earlier. */
    g_autoptr(JdDb) copy = jd_db_open (backup, JD_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    sql = g_strdup_printf ("UPDATE visitor SET surname = 'Басқа', created_at = created_at - 86400"
                           " WHERE id = %" G_GINT64_FORMAT, f->erlan);
    exec (copy, sql);
  }

  g_assert_true (jd_visitor_delete_on_request (f->db, f->erlan, &error));
  g_assert_no_error (error);
  /* The entry says when the deleted person registered, and nothing else. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT detail FROM audit WHERE action = 'deleted' AND record_id = %"
                         G_GINT64_FORMAT, f->erlan);
  detail = query_text (f->db, sql);
  g_assert_true (g_str_has_prefix (detail, "registered 20"));
  g_assert_true (g_str_has_suffix (detail, "Z"));

  g_assert_true (jd_backup_restore_full (f->db, backup, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_deleted_again, ==, 0);
  g_assert_cmpint (count_where_id (f->db, "SELECT count(*) FROM visitor WHERE id = %" G_GINT64_FORMAT
                                          " AND surname = 'Басқа' AND anonymised_at IS NULL",
                                   f->erlan), ==, 1);
}

static void
test_backup_pruning (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 1, 9, 0, 0);
  g_autofree char *folder = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *beside = g_build_filename (f->dir, "backups", NULL);
  g_autofree char *rule = NULL;

  if (test_skip_on_server ("Backups are files: not on a centre server yet"))
    return;

  g_assert_true (jd_backup_set_folder (f->db, folder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jd_backup_get_keep_days (f->db), ==, 30);

  /* 30 days before 1 December 09:00 is 1 November 09:00. */
  put_file (folder, "jastar-manual-20261001-090000.db");          /* 61 days: goes */
  put_file (folder, "jastar-before-restore-20261101-085959.db");  /* a second over: goes */
  put_file (folder, "jastar-before-restore-20261101-090000.db");  /* exactly 30 days: stays */
  put_file (folder, "jastar-manual-20261120-170000.db");          /* stays */
  put_file (folder, "jastar-2026-10-01.db");                      /* daily: kept by count */
  put_file (folder, "jastar-keep-me.db");                         /* not ours */
  put_file (folder, "notes-20261001-090000.db");
  put_file (beside, "jastar-before-v7-20260101-000000.db");       /* beside the database: goes */
  put_file (beside, "jastar-before-v7-20261130-000000.db");

  g_assert_cmpuint (jd_backup_prune (f->db, now), ==, 3);
  g_assert_false (file_in (folder, "jastar-manual-20261001-090000.db"));
  g_assert_false (file_in (folder, "jastar-before-restore-20261101-085959.db"));
  g_assert_true (file_in (folder, "jastar-before-restore-20261101-090000.db"));
  g_assert_true (file_in (folder, "jastar-manual-20261120-170000.db"));
  g_assert_true (file_in (folder, "jastar-2026-10-01.db"));
  g_assert_true (file_in (folder, "jastar-keep-me.db"));
  g_assert_true (file_in (folder, "notes-20261001-090000.db"));
  g_assert_false (file_in (beside, "jastar-before-v7-20260101-000000.db"));
  g_assert_true (file_in (beside, "jastar-before-v7-20261130-000000.db"));

  /* The administrator's period: 10 days takes the copy of 20 November. */
  g_assert_false (jd_backup_set_keep_days (f->db, 0, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (jd_backup_set_keep_days (f->db, 10, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (jd_backup_prune (f->db, now), ==, 2);
  g_assert_false (file_in (folder, "jastar-manual-20261120-170000.db"));
  g_assert_true (file_in (beside, "jastar-before-v7-20261130-000000.db"));

  /* And the rule is there to read, with both numbers. */
  g_assert_true (jd_backup_set_keep (f->db, 7, &error));
  rule = jd_backup_describe_rule (f->db);
  g_assert_nonnull (strstr (rule, " 7 "));
  g_assert_nonnull (strstr (rule, " 10 "));
}

static void
test_backup_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(JdDb) safety_db = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "usb", "backups", NULL);
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  gint64 visitors;
  GStatBuf st;

  if (test_skip_on_server ("Backups are files: not on a centre server yet"))
    return;

  /* A folder on removable storage, made on first use. */
  g_assert_true (jd_backup_set_folder (f->db, folder, &error));
  g_assert_no_error (error);
  g_assert_false (jd_backup_set_folder (f->db, "relative/path", &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpuint (jd_backup_get_keep (f->db), ==, JD_BACKUP_KEEP_DEFAULT);
  g_assert_true (jd_backup_set_keep (f->db, 30, &error));
  g_assert_cmpuint (jd_backup_get_keep (f->db), ==, 30);

  backup = jd_backup_now (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (backup, folder));
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  backups = jd_backup_list (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (g_str_has_suffix (backup, g_file_info_get_name (backups->pdata[0])));
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'backup'"), ==, 1);

  /* Changes after the backup... */
  visitors = query_int (f->db, "SELECT count(*) FROM visitor");
  add_visitor (f, "Жаңа", "Адам", "2001-01-01", JD_SEX_MALE, NULL, NULL);

  /* ...refused sources change nothing... */
  g_assert_true (g_file_set_contents (garbage, "not a database at all", -1, NULL));
  g_assert_false (jd_backup_restore (f->db, garbage, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(JdDb) copy = NULL;

    g_assert_true (jd_db_backup (f->db, newer, NULL));
    copy = jd_db_open (newer, JD_DB_OPEN_DEFAULT, NULL);
    exec (copy, "PRAGMA user_version = 99");
  }
  g_assert_false (jd_backup_restore (f->db, newer, NULL, &error));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visitor"), ==, visitors + 1);
  g_assert_cmpint (jd_db_get_actor_id (f->db), >, 0);

  /* ...and the backup comes back, after a copy of the present. */
  g_assert_true (jd_backup_restore (f->db, backup, &safety, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visitor"), ==, visitors);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM audit WHERE action = 'restored'"), ==, 1);
  /* The accounts are the backup's: sign in again. */
  g_assert_cmpint (jd_db_get_actor_id (f->db), ==, 0);
  g_assert_true (jd_db_check_integrity (f->db, FALSE, NULL, &error));

  safety_db = jd_db_open (safety, JD_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (safety_db, "SELECT count(*) FROM visitor"), ==, visitors + 1);

  /* The file still opens afresh, with the administrator of the backup. */
  jd_db_close (g_steal_pointer (&f->db));
  f->db = jd_db_open (f->path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  admin = jd_staff_sign_in (f->db, "admin", "Qwerty123", &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f->db, "SELECT count(*) FROM visitor"), ==, visitors);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/jd/privacy/export", test_export);
  ADD ("/jd/privacy/delete-on-request", test_delete_on_request);
  ADD ("/jd/privacy/retention", test_retention);
  ADD ("/jd/privacy/backup-restore", test_backup_restore);
  ADD ("/jd/privacy/restore-keeps-erasures", test_restore_keeps_erasures);
  ADD ("/jd/privacy/backup-pruning", test_backup_pruning);
  ADD ("/jd/privacy/restore-other-person-same-number", test_restore_other_person_same_number);
#undef ADD

  return g_test_run ();
}
