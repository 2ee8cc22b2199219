/* test-row-version.c: two desks edit one record (schema 11 row versions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two connections to one database are two desks: Aigerim Seitkali
 * (an administrator) at desk A, Bolat Nurlanov at desk B. Both load a
 * record; A saves first; B's save, over the version B loaded, is
 * refused with a message naming Aigerim and the time, and nothing of
 * B's is written. The same tests run on an SQLite file (/row-version/
 * file/…) and on the test server (/row-version/server/…, skipped
 * without PGHOST; the 'pg' suite runs them under pg_virtualenv).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "db-helpers.h"
#include "jd-access.h"
#include "jd-consultation.h"
#include "jd-event.h"
#include "jd-row-version.h"
#include "jd-staff.h"
#include "jd-visitor.h"
#include "pg-helpers.h"
#include "visitor-helpers.h"

typedef struct
{
  char   *dir;      /* the file's folder */
  char   *dbname;   /* the server's database */
  JdDb   *a;
  JdDb   *b;
  gint64  aigerim;
  gint64  bolat;
} Fixture;

/* 2024-12-04 10:00 UTC: 15:00 in Almaty (UTC+5 since March 2024), the
 * centre's default zone, while the tests run in UTC. */
#define PAST_CHANGE G_GINT64_CONSTANT (1733306400)

static void
open_desks (Fixture    *f,
            const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(JdStaff) bolat = g_new0 (JdStaff, 1);
  g_autoptr(JdStaff) signed_in = NULL;

  f->a = jd_db_open (where, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (f->a, "Жастар орталығы", "Aigerim Seitkali", "aigerim",
                                  "Qwerty123", &error);
  g_assert_no_error (error);
  f->aigerim = admin->id;

  bolat->full_name = g_strdup ("Bolat Nurlanov");
  bolat->login = g_strdup ("bolat");
  bolat->role = JD_ROLE_ADMINISTRATOR;
  bolat->active = TRUE;
  g_assert_true (jd_staff_add (f->a, bolat, "Qwerty123", &error));
  g_assert_no_error (error);
  f->bolat = bolat->id;

  f->b = jd_db_open (where, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  signed_in = jd_staff_sign_in (f->b, "bolat", "Qwerty123", &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_in);
}

static void
file_set_up (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "jastar.db", NULL);
  open_desks (f, path);
}

static void
server_set_up (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *conninfo = NULL;

  if (!test_pg_available ())
    return;
  f->dbname = test_pg_create_database ();
  conninfo = g_strdup_printf ("dbname=%s", f->dbname);
  open_desks (f, conninfo);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_pointer (&f->a, jd_db_close);
  g_clear_pointer (&f->b, jd_db_close);
  if (f->dir != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

      g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
      g_free (f->dir);
    }
  if (f->dbname != NULL)
    {
      test_pg_drop_database (f->dbname);
      g_free (f->dbname);
    }
}

static void
exec (JdDb       *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

static gint64
version_of (JdDb       *db,
            const char *table,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT row_version FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          table, id);

  return query_int (db, sql);
}

static void
test_visitor (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) at_a = NULL;
  g_autoptr(JdVisitor) at_b = NULL;
  g_autoptr(JdVisitor) again = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *notes = NULL;
  gint64 id;

  if (f->a == NULL)
    return;
  id = test_add_visitor (f->a, &(TestVisitor) { .surname = "Сейтқали", .notes = "first" });
  g_assert_cmpint (version_of (f->a, "visitor", id), ==, 1);

  at_a = jd_visitor_load (f->a, id, &error);
  g_assert_no_error (error);
  at_b = jd_visitor_load (f->b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at_a->row_version, ==, 1);
  g_assert_cmpint (at_b->row_version, ==, 1);

  /* A saves first: the version moves on, here and in the struct. */
  g_free (at_a->notes);
  at_a->notes = g_strdup ("from A");
  g_assert_true (jd_visitor_update (f->a, at_a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (at_a->row_version, ==, 2);
  g_assert_cmpint (version_of (f->b, "visitor", id), ==, 2);

  /* A's change at a known time (moving the version to 3). */
  sql = g_strdup_printf ("UPDATE visitor SET updated_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         PAST_CHANGE, id);
  exec (f->a, sql);
  g_assert_cmpint (version_of (f->b, "visitor", id), ==, 3);

  /* B saves over version 1: refused, named, nothing written. */
  g_free (at_b->notes);
  at_b->notes = g_strdup ("from B");
  g_free (at_b->surname);
  at_b->surname = g_strdup ("Басқа");
  g_assert_false (jd_visitor_update (f->b, at_b, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CHANGED_ELSEWHERE);
  g_assert_cmpstr (error->message, ==,
                   "Aigerim Seitkali changed this visitor at 04.12.2024 15:00 while it was open here.");
  g_clear_error (&error);
  g_assert_cmpint (at_b->row_version, ==, 1);
  g_assert_false (jd_db_in_transaction (f->b));
  notes = query_text_with (f->a, "SELECT notes || '/' || surname || '/' || updated_by FROM visitor"
                                 " WHERE id = ?1", id);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("from A/Сейтқали/%" G_GINT64_FORMAT, f->aigerim);
  g_assert_cmpstr (notes, ==, sql);
  g_assert_cmpint (version_of (f->a, "visitor", id), ==, 3);

  /* Loaded again, B's change goes through. */
  again = jd_visitor_load (f->b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->row_version, ==, 3);
  g_assert_cmpstr (again->notes, ==, "from A");
  g_free (again->notes);
  again->notes = g_strdup ("from B");
  g_assert_true (jd_visitor_update (f->b, again, &error));
  g_assert_no_error (error);
  g_assert_cmpint (again->row_version, ==, 4);
  g_assert_cmpint (jd_record_get_version (f->a, JD_RECORD_VISITOR, id, NULL), ==, 4);

  /* Now A's copy (version 2) is the stale one: Bolat is named; today's
   * change by its time alone. */
  g_assert_false (jd_visitor_update (f->a, at_a, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CHANGED_ELSEWHERE);
  {
    g_autoptr(GDateTime) when = jd_db_local_time (f->a, query_int_with (f->a, "SELECT updated_at"
                                                                        " FROM visitor WHERE id = ?1", id));
    g_autoptr(GDateTime) now = jd_db_now_local (f->a);
    g_autofree char *hh_mm = g_date_time_format (when, "%H:%M");
    g_autofree char *expected = g_strdup_printf ("Bolat Nurlanov changed this visitor at %s while it was open here.",
                                                 hh_mm);

    /* Only when the clock did not pass midnight between the two. */
    if (g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
      g_assert_cmpstr (error->message, ==, expected);
  }
  g_clear_error (&error);

  /* Any writer moves it, not only the forms (a trigger). */
  exec (f->a, "UPDATE visitor SET notes = 'by hand'");
  g_assert_cmpint (version_of (f->b, "visitor", id), ==, 5);

  /* Version 0: saved over any, as before (callers that never loaded). */
  at_b->row_version = 0;
  g_free (at_b->surname);
  at_b->surname = g_strdup ("Сейтқали");
  g_assert_true (jd_visitor_update (f->b, at_b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (at_b->row_version, ==, 6);
}

/* Removed on request meanwhile: said plainly, not "changed". */
static void
test_visitor_gone (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) at_b = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  if (f->a == NULL)
    return;
  id = test_add_visitor (f->a, &(TestVisitor) { .surname = "Жоқ" });
  at_b = jd_visitor_load (f->b, id, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE visitor SET anonymised_at = 1 WHERE id = %" G_GINT64_FORMAT, id);
  exec (f->a, sql);

  g_assert_false (jd_visitor_update (f->b, at_b, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This visitor’s record no longer exists. Someone may have deleted it.");
  g_assert_cmpint (jd_record_get_version (f->b, JD_RECORD_VISITOR, id, NULL), ==, 0);
}

static void
test_consultation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdConsultation) c = jd_consultation_new ();
  g_autoptr(JdConsultation) at_a = NULL;
  g_autoptr(JdConsultation) at_b = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *summary = NULL;

  if (f->a == NULL)
    return;
  c->visitor_id = test_add_visitor (f->a, &(TestVisitor) { .surname = "Кеңес" });
  c->service = g_strdup ("legal");
  c->started_at = jd_db_now () - 3600;
  c->duration_min = 30;
  c->outcome = g_strdup ("resolved");
  c->summary = g_strdup ("first");
  g_assert_true (jd_consultation_insert (f->a, c, &error));
  g_assert_no_error (error);
  g_assert_cmpint (c->row_version, ==, 1);

  at_a = jd_consultation_load (f->a, c->id, &error);
  g_assert_no_error (error);
  at_b = jd_consultation_load (f->b, c->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at_b->row_version, ==, 1);

  g_free (at_a->summary);
  at_a->summary = g_strdup ("from A");
  g_assert_true (jd_consultation_update (f->a, at_a, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (at_a->row_version, ==, 2);
  /* Saved twice from one form: each save moves its own version on. */
  g_assert_true (jd_consultation_update (f->a, at_a, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (at_a->row_version, ==, 3);
  sql = g_strdup_printf ("UPDATE consultation SET updated_at = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         PAST_CHANGE, c->id);
  exec (f->a, sql);

  g_free (at_b->summary);
  at_b->summary = g_strdup ("from B");
  g_assert_false (jd_consultation_update (f->b, at_b, FALSE, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CHANGED_ELSEWHERE);
  g_assert_cmpstr (error->message, ==,
                   "Aigerim Seitkali changed this consultation at 04.12.2024 15:00 while it was open here.");
  summary = query_text_with (f->a, "SELECT summary FROM consultation WHERE id = ?1", c->id);
  g_assert_cmpstr (summary, ==, "from A");
  g_assert_cmpint (version_of (f->a, "consultation", c->id), ==, 4);
  /* The refused save left nothing in the audit either. */
  g_assert_cmpint (query_int_with (f->a, "SELECT count(*) FROM audit WHERE action = 'changed'"
                                         " AND staff_id = ?1", f->bolat), ==, 0);
}

static void
test_event (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdEvent) event = jd_event_new ();
  g_autoptr(JdEvent) at_a = NULL;
  g_autoptr(JdEvent) at_b = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  if (f->a == NULL)
    return;
  event->title = g_strdup ("Қаржылық сауаттылық");
  event->starts_at = jd_db_now () + 86400;
  event->ends_at = event->starts_at + 3600;
  id = jd_event_insert (f->a, event, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (event->row_version, ==, 1);

  at_a = jd_event_load (f->a, id, &error);
  g_assert_no_error (error);
  at_b = jd_event_load (f->b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (at_b->row_version, ==, 1);

  g_free (at_a->title);
  at_a->title = g_strdup ("from A");
  g_assert_true (jd_event_update (f->a, at_a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version_of (f->a, "event", id), ==, 2);
  sql = g_strdup_printf ("UPDATE event SET updated_at = %" G_GINT64_FORMAT ", updated_by = NULL"
                         " WHERE id = %" G_GINT64_FORMAT, PAST_CHANGE, id);
  exec (f->a, sql);

  /* Nobody in particular (the command line): "Someone". */
  g_free (at_b->title);
  at_b->title = g_strdup ("from B");
  g_assert_false (jd_event_update (f->b, at_b, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_CHANGED_ELSEWHERE);
  g_assert_cmpstr (error->message, ==, "Someone changed this event at 04.12.2024 15:00 while it was open here.");
  g_clear_error (&error);
  title = query_text_with (f->a, "SELECT title FROM event WHERE id = ?1", id);
  g_assert_cmpstr (title, ==, "from A");

  /* Deleted meanwhile. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("DELETE FROM event WHERE id = %" G_GINT64_FORMAT, id);
  exec (f->a, sql);
  g_assert_false (jd_event_update (f->a, at_a, &error));
  g_assert_error (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "This event no longer exists.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/row-version/file/" name, Fixture, NULL, file_set_up, func, tear_down); \
  g_test_add ("/row-version/server/" name, Fixture, NULL, server_set_up, func, tear_down)

  ADD ("visitor", test_visitor);
  ADD ("visitor-gone", test_visitor_gone);
  ADD ("consultation", test_consultation);
  ADD ("event", test_event);

  return g_test_run ();
}
