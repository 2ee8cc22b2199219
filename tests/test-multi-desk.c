/* test-multi-desk.c: several desk processes on one database check in the
 * same people and call the queue at once (issue 18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parent makes a fresh database (a server database with
 * JD_TEST_ENGINE=postgresql, else an SQLite file), the staff and the
 * visitors, then runs this same program again once per desk:
 *
 *   test-multi-desk --desk=reception --login=rec1 --conninfo=… --now=T --seed=S
 *   test-multi-desk --desk=specialist --login=psy1 --conninfo=… --now=T
 *
 * A desk opens its own connection, signs in, writes "ready" and waits for
 * one byte on its standard input ("go": every desk is signed in, so they
 * all start together). A reception desk checks in every visitor, in an
 * order of its own, for psychological help; a specialist desk presses
 * "Call next" for psychological help until nobody waits and its standard
 * input has closed (the parent closes it once every reception desk has
 * ended, so nobody can come any more). Each writes what it did at the
 * end: "visit VISIT VISITOR" or "called ENTRY VISIT VISITOR" lines,
 * "retries N" (the "busy, try again" answers, JD_DB_ERROR_LOCKED, tried
 * again) and "idle N" (a specialist found nobody waiting and waited for
 * the next check-in). Any other error ends the desk with exit status 1.
 *
 * The rule under test (jd-visit.c): every check-in is a visit of its
 * own, a second one on the same day is neither refused nor merged; with
 * one purpose that is a service, it puts one queue entry in that
 * service's queue. So R reception desks checking in P people make R × P
 * visits, one per person and desk; S specialists calling until nobody
 * waits call each of the R × P entries exactly once.
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <gio/gio.h>

#include "engine-helpers.h"
#include "jd-access.h"
#include "jd-db-private.h"
#include "jd-queue.h"
#include "jd-staff.h"
#include "jd-visit.h"
#include "jd-visitor.h"

#define PASSWORD "Password1"
#define SERVICE  "psychological"

typedef struct
{
  guint reception;    /* desks checking in */
  guint specialists;  /* desks calling the queue */
  guint people;
} Scale;

/* The centre server: as the issue says. A file: smaller, to stay quick. */
static const Scale server_scale = { 3, 3, 1000 };
static const Scale file_scale = { 2, 2, 300 };

/* Desk mode ------------------------------------------------------------ */

/* A short, random pause before trying a busy database again. */
static void
back_off (GRand *rand)
{
  g_usleep (g_rand_int_range (rand, 500, 5000));
}

static gboolean
is_busy (const GError *error)
{
  return g_error_matches (error, JD_DB_ERROR, JD_DB_ERROR_LOCKED);
}

/* Waits for the "go" byte; FALSE when the parent went away instead. */
static gboolean
wait_for_go (void)
{
  char byte;

  return read (STDIN_FILENO, &byte, 1) == 1;
}

/* Whether standard input has closed: waits up to @timeout_ms for it. */
static gboolean
input_closed (int timeout_ms)
{
  GPollFD fd = { .fd = STDIN_FILENO, .events = G_IO_IN | G_IO_HUP };
  char byte;

  if (g_poll (&fd, 1, timeout_ms) <= 0)
    return FALSE;
  return read (STDIN_FILENO, &byte, 1) <= 0;
}

static GArray *
list_visitors (JdDb *db)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  JdStmt *stmt = jd_db_prepare (db, "SELECT id FROM visitor ORDER BY id", &error);
  int rc;

  g_assert_no_error (error);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  jd_stmt_reset (stmt);
  g_assert_cmpint (rc, ==, JD_STEP_DONE);
  return g_steal_pointer (&ids);
}

static int
reception_desk (JdDb    *db,
                gint64   now,
                guint32  seed,
                GString *out,
                guint   *retries)
{
  g_autoptr(GArray) ids = list_visitors (db);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  const char *purposes[] = { SERVICE, NULL };

  /* The same people, in an order of this desk's own (Fisher–Yates). */
  for (guint i = ids->len; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      gint64 t = g_array_index (ids, gint64, i - 1);

      g_array_index (ids, gint64, i - 1) = g_array_index (ids, gint64, j);
      g_array_index (ids, gint64, j) = t;
    }

  if (!wait_for_go ())
    return 1;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 visitor = g_array_index (ids, gint64, i);
      gint64 visit;

      for (;;)
        {
          g_autoptr(GError) error = NULL;

          visit = jd_visit_check_in (db, visitor, purposes, now, &error);
          if (visit > 0)
            break;
          if (!is_busy (error))
            {
              g_printerr ("Check-in of visitor %" G_GINT64_FORMAT " failed: %s\n",
                          visitor, error != NULL ? error->message : "no error");
              return 1;
            }
          (*retries)++;
          back_off (rand);
        }
      g_string_append_printf (out, "visit %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              visit, visitor);
    }
  return 0;
}

static int
specialist_desk (JdDb    *db,
                 gint64   now,
                 GString *out,
                 guint   *retries,
                 guint   *idle)
{
  g_autoptr(GRand) rand = g_rand_new ();  /* back-offs only: not the outcome */
  gboolean closed = FALSE;

  if (!wait_for_go ())
    return 1;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JdQueueEntry) entry = jd_queue_call_next (db, SERVICE, now, &error);

      if (entry != NULL)
        {
          g_string_append_printf (out, "called %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                  " %" G_GINT64_FORMAT "\n",
                                  entry->id, entry->visit_id, entry->visitor_id);
          continue;
        }
      if (error != NULL)
        {
          if (!is_busy (error))
            {
              g_printerr ("Call next failed: %s\n", error->message);
              return 1;
            }
          (*retries)++;
          back_off (rand);
          continue;
        }
      /* Nobody waits: done once the reception desks have all ended
       * before this call (the parent closed our input), else wait for
       * the next check-in. */
      if (closed)
        return 0;
      (*idle)++;
      closed = input_closed (10);
    }
}

static int
desk_main (int    argc,
           char **argv)
{
  g_autofree char *desk = NULL;
  g_autofree char *login = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *seed_text = NULL;
  GOptionEntry entries[] = {
    { "desk", 0, 0, G_OPTION_ARG_STRING, &desk, NULL, NULL },
    { "login", 0, 0, G_OPTION_ARG_STRING, &login, NULL, NULL },
    { "conninfo", 0, 0, G_OPTION_ARG_STRING, &conninfo, NULL, NULL },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, NULL, NULL },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(JdStaff) staff = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  gint64 now;
  guint retries = 0, idle = 0;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || desk == NULL
      || login == NULL || conninfo == NULL || now_text == NULL)
    {
      g_printerr ("desk: bad arguments: %s\n", error != NULL ? error->message : "missing");
      return 2;
    }
  now = g_ascii_strtoll (now_text, NULL, 10);

  db = jd_db_open (conninfo, JD_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_printerr ("desk %s: cannot open the database: %s\n", login, error->message);
      return 1;
    }
  /* Signing in writes too (the audit): the other desks do it now. */
  while ((staff = jd_staff_sign_in (db, login, PASSWORD, &error)) == NULL)
    {
      if (!is_busy (error))
        {
          g_printerr ("desk %s: cannot sign in: %s\n", login, error->message);
          return 1;
        }
      g_clear_error (&error);
      retries++;
      back_off (rand);
    }

  fputs ("ready\n", stdout);
  fflush (stdout);

  if (g_str_equal (desk, "reception"))
    status = reception_desk (db, now, (guint32) g_ascii_strtoull (seed_text ? seed_text : "1",
                                                                   NULL, 10),
                             out, &retries);
  else
    status = specialist_desk (db, now, out, &retries, &idle);

  g_string_append_printf (out, "retries %u\nidle %u\n", retries, idle);
  fputs (out->str, stdout);
  fflush (stdout);
  return status;
}

/* The parent --------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  gboolean     reception;
  gint64       staff_id;
  char        *output;
} Desk;

static gint64
add_staff (JdDb       *db,
           const char *login,
           JdRole      role)
{
  g_autoptr(GError) error = NULL;
  JdStaff staff = { .full_name = (char *) login, .login = (char *) login, .role = role,
                    .active = TRUE,
                    .services = role == JD_ROLE_SPECIALIST
                                ? (char *[]) { (char *) SERVICE, NULL } : NULL };

  g_assert_true (jd_staff_add (db, &staff, PASSWORD, &error));
  g_assert_no_error (error);
  return staff.id;
}

/* @n people in one transaction, through the core's own insert. */
static void
add_people (JdDb  *db,
            guint  n)
{
  static const char *surnames[] = { "Әлиева", "Бекұлы", "Досова", "Иванова", "Жұмабаев" };
  g_autoptr(GError) error = NULL;

  g_assert_true (jd_db_begin (db, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JdVisitor) v = jd_visitor_new ();

      v->surname = g_strdup (surnames[i % G_N_ELEMENTS (surnames)]);
      v->given_name = g_strdup_printf ("Адам %u", i + 1);
      v->birth_date = g_strdup_printf ("%u-0%u-1%u", 1996 + i % 9, 1 + i % 9, i % 10);
      v->sex = i % 2 ? JD_SEX_MALE : JD_SEX_FEMALE;
      v->district_code = g_strdup ("almaty-almaly");
      v->occupation = g_strdup ("unemployed_seeking");
      v->consent_given = TRUE;
      g_assert_true (jd_visitor_insert_unlocked (db, v, 0, NULL, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (jd_db_commit (db, &error));
  g_assert_no_error (error);
}

static gint64
query_int (JdDb       *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt = jd_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  value = jd_stmt_column_int64 (stmt, 0);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_DONE);
  jd_stmt_reset (stmt);
  return value;
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gssize n;

  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error)) > 0)
    g_string_append_len (text, buffer, n);
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
expect_ready (Desk *desk)
{
  g_autoptr(GError) error = NULL;
  char line[6];
  gsize n = 0;

  /* Nothing else comes before "go", so this reads exactly the line. */
  g_assert_true (g_input_stream_read_all (g_subprocess_get_stdout_pipe (desk->process), line,
                                          sizeof line, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (line, n, "ready\n", 6);
}

static void
finish (Desk *desk)
{
  g_autoptr(GError) error = NULL;

  desk->output = read_all (g_subprocess_get_stdout_pipe (desk->process));
  g_assert_true (g_subprocess_wait_check (desk->process, NULL, &error));
  g_assert_no_error (error);
}

/* The numbers after @word on each of its lines, and the retries. */
static void
parse_output (const Desk *desk,
              GPtrArray  *records,
              guint      *retries,
              guint      *idle)
{
  g_auto(GStrv) lines = g_strsplit (desk->output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (lines[i], " ", -1);
      guint n = g_strv_length (words);

      if (n == 0 || lines[i][0] == '\0')
        continue;
      if (g_str_equal (words[0], "retries"))
        {
          *retries += (guint) g_ascii_strtoull (words[1], NULL, 10);
          continue;
        }
      if (g_str_equal (words[0], "idle"))
        {
          *idle += (guint) g_ascii_strtoull (words[1], NULL, 10);
          continue;
        }
      g_assert_cmpstr (words[0], ==, desk->reception ? "visit" : "called");
      g_assert_cmpuint (n, ==, desk->reception ? 3 : 4);
      for (guint w = 1; w < n; w++)
        {
          gint64 *value = g_new (gint64, 1);

          *value = g_ascii_strtoll (words[w], NULL, 10);
          g_ptr_array_add (records, value);
        }
      {
        gint64 *by = g_new (gint64, 1);

        *by = desk->staff_id;
        g_ptr_array_add (records, by);
      }
    }
}

static void
test_multi_desk (gconstpointer data)
{
  const Scale *scale = data;
  guint n_desks = scale->reception + scale->specialists;
  guint total = scale->reception * scale->people;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *where = NULL;
  g_autofree char *self = NULL;
  g_autofree char *now_arg = NULL;
  g_autoptr(JdDb) db = NULL;
  g_autoptr(JdStaff) admin = NULL;
  g_autoptr(GPtrArray) visits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) visit_seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) entry_caller = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GHashTable) counts = NULL;
  Desk *desks = g_new0 (Desk, n_desks);
  guint visit_retries = 0, call_retries = 0, idle = 0;
  gint64 now = jd_db_now ();
  JdStmt *stmt;
  int rc;

  if (test_engine_is_server () && !test_pg_available ())
    {
      g_free (desks);
      return;
    }

  dir = g_dir_make_tmp ("jd-multi-desk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "jastar.db", NULL);
  where = test_db_location_new (path);
  db = jd_db_open (where, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);
  admin = jd_staff_set_up_centre (db, "Орталық", "Admin", "admin", "Qwerty123", &error);
  g_assert_no_error (error);

  for (guint k = 0; k < n_desks; k++)
    {
      gboolean reception = k < scale->reception;
      g_autofree char *login = g_strdup_printf (reception ? "rec%u" : "psy%u",
                                                reception ? k + 1 : k + 1 - scale->reception);

      desks[k].reception = reception;
      desks[k].staff_id = add_staff (db, login, reception ? JD_ROLE_RECEPTIONIST
                                                          : JD_ROLE_SPECIALIST);
    }
  add_people (db, scale->people);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visitor"), ==, scale->people);

  /* Every desk the same program in its desk mode, signed in, waiting. */
  self = g_file_read_link ("/proc/self/exe", &error);
  g_assert_no_error (error);
  now_arg = g_strdup_printf ("--now=%" G_GINT64_FORMAT, now);
  for (guint k = 0; k < n_desks; k++)
    {
      gboolean reception = desks[k].reception;
      g_autofree char *desk_arg = g_strdup_printf ("--desk=%s", reception ? "reception" : "specialist");
      g_autofree char *login_arg = g_strdup_printf ("--login=%s%u", reception ? "rec" : "psy",
                                                    reception ? k + 1 : k + 1 - scale->reception);
      g_autofree char *conninfo_arg = g_strdup_printf ("--conninfo=%s", where);
      g_autofree char *seed_arg = g_strdup_printf ("--seed=%u", 1000 + k);
      const char *argv[] = { self, desk_arg, login_arg, conninfo_arg, now_arg, seed_arg, NULL };

      desks[k].process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                  | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      g_assert_no_error (error);
    }
  for (guint k = 0; k < n_desks; k++)
    expect_ready (&desks[k]);

  /* Go: all at once. */
  for (guint k = 0; k < n_desks; k++)
    {
      g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (desks[k].process),
                                                "g", 1, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_flush (g_subprocess_get_stdin_pipe (desks[k].process),
                                            NULL, &error));
      g_assert_no_error (error);
    }

  /* The reception desks end; then nobody else can come: the specialists
   * are told so (their input closes) and empty the queue. */
  for (guint k = 0; k < scale->reception; k++)
    finish (&desks[k]);
  for (guint k = scale->reception; k < n_desks; k++)
    {
      g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (desks[k].process),
                                            NULL, &error));
      g_assert_no_error (error);
    }
  for (guint k = scale->reception; k < n_desks; k++)
    finish (&desks[k]);

  for (guint k = 0; k < n_desks; k++)
    parse_output (&desks[k], desks[k].reception ? visits : calls,
                  desks[k].reception ? &visit_retries : &call_retries, &idle);
  /* Not a condition (timing is not tested): how much the desks overlapped. */
  g_test_message ("%u check-ins tried again after \"busy\", %u calls; the specialists found"
                  " the queue empty and waited for a check-in %u times",
                  visit_retries, call_retries, idle);

  /* What the desks said they did: every check-in a visit of its own,
   * every entry called by one desk only. Records: visit, visitor, desk;
   * entry, visit, visitor, desk. */
  for (guint i = 0; i < visits->len; i += 3)
    {
      gint64 *visit = visits->pdata[i];

      if (g_hash_table_contains (visit_seen, visit))
        g_error ("Visit %" G_GINT64_FORMAT " was reported by two check-ins", *visit);
      g_hash_table_add (visit_seen, visit);
    }
  g_assert_cmpuint (visits->len, ==, 3 * total);
  for (guint i = 0; i < calls->len; i += 4)
    {
      gint64 *entry = calls->pdata[i];
      gint64 *first = g_hash_table_lookup (entry_caller, entry);

      if (first != NULL)
        g_error ("Queue entry %" G_GINT64_FORMAT " (visitor %" G_GINT64_FORMAT ") was called"
                 " twice, by staff %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                 *entry, *(gint64 *) calls->pdata[i + 2], *first, *(gint64 *) calls->pdata[i + 3]);
      g_hash_table_insert (entry_caller, entry, calls->pdata[i + 3]);
    }
  g_assert_cmpuint (calls->len, ==, 4 * total);

  /* The database, by its own SQL. Every check-in a visit: R × P today,
   * exactly one per person and reception desk, R per person. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visit"), ==, total);
  stmt = jd_db_prepare (db, "SELECT count(*) FROM visit WHERE time_in = ?1", &error);
  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, now);
  g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
  g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, total);
  jd_stmt_reset (stmt);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT visitor_id, staff_id FROM visit"
                                  " GROUP BY visitor_id, staff_id HAVING count(*) <> 1) AS d"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT visitor_id) FROM visit"), ==,
                   scale->people);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT staff_id) FROM visit"), ==,
                   scale->reception);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT visitor_id FROM visit"
                                  " GROUP BY visitor_id HAVING count(*) <> (SELECT count(*)"
                                  " FROM staff WHERE role = 'receptionist')) AS d"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visit_purpose WHERE purpose = 'psychological'"),
                   ==, total);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM visit_purpose"), ==, total);

  /* Each visit the desks reported is there, for its person and desk. */
  stmt = jd_db_prepare (db, "SELECT visitor_id, staff_id FROM visit WHERE id = ?1", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < visits->len; i += 3)
    {
      jd_stmt_bind_int64 (stmt, 1, *(gint64 *) visits->pdata[i]);
      g_assert_cmpint (jd_stmt_step (stmt), ==, JD_STEP_ROW);
      g_assert_cmpint (jd_stmt_column_int64 (stmt, 0), ==, *(gint64 *) visits->pdata[i + 1]);
      g_assert_cmpint (jd_stmt_column_int64 (stmt, 1), ==, *(gint64 *) visits->pdata[i + 2]);
      jd_stmt_reset (stmt);
    }

  /* The queue: one entry per visit, each called once, by the desk that
   * says it called it; nobody left waiting, nothing done yet. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM queue_entry"), ==, total);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT visit_id) FROM queue_entry"), ==, total);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM queue_entry q JOIN visit v"
                                  " ON v.id = q.visit_id AND v.visitor_id = q.visitor_id"
                                  " WHERE q.service = 'psychological' AND q.enqueued_at = v.time_in"),
                   ==, total);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM queue_entry"
                                  " WHERE called_at IS NULL AND done_at IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM queue_entry WHERE done_at IS NOT NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM queue_entry WHERE called_at IS NOT NULL"
                                  " AND called_by IN (SELECT id FROM staff WHERE role = 'specialist')"),
                   ==, total);
  stmt = jd_db_prepare (db, "SELECT id, visit_id, visitor_id, called_by FROM queue_entry", &error);
  g_assert_no_error (error);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);
      gint64 *caller = g_hash_table_lookup (entry_caller, &id);

      g_assert_nonnull (caller);
      g_assert_cmpint (*caller, ==, jd_stmt_column_int64 (stmt, 3));
      g_assert_true (g_hash_table_contains (visit_seen, &(gint64) { jd_stmt_column_int64 (stmt, 1) }));
    }
  jd_stmt_reset (stmt);
  g_assert_cmpint (rc, ==, JD_STEP_DONE);
  for (guint i = 0; i < calls->len; i += 4)
    g_assert_true (g_hash_table_contains (visit_seen, calls->pdata[i + 1]));

  /* The desk's own view agrees: everyone called and not yet done, none
   * waiting. */
  listed = jd_queue_list (db, SERVICE, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, total);
  counts = jd_queue_counts (db, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 0);

  for (guint k = 0; k < n_desks; k++)
    {
      g_clear_object (&desks[k].process);
      g_free (desks[k].output);
    }
  g_free (desks);
  g_clear_pointer (&db, jd_db_close);
  test_db_forget (path);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  }
}

int
main (int    argc,
      char **argv)
{
  if (argc > 1 && g_str_has_prefix (argv[1], "--desk="))
    return desk_main (argc, argv);

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/multi-desk/check-in-and-call",
                        test_engine_is_server () ? &server_scale : &file_scale,
                        test_multi_desk);
  return g_test_run ();
}
