/* test-search.c: finding visitors by any part of a name, phone or IIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Visitors go in with plain SQL and jd_search_index_visitor, as the
 * visitor store does it, so that these tests see the search alone.
 */
#include "config.h"

#include "engine-helpers.h"

#include <glib/gstdio.h>
#include <string.h>

#include "jd-db-private.h"
#include "jd-schema.h"
#include "jd-search.h"
#include "jd-search-hit.h"
#include "jd-text.h"

static char *tmp_dir;
static JdDb *db;
static gint64 asanov, asanova, alia, yolkina, ivanov, nurlan, azim, latin_asanov, percent;

static gint64
add (const char *surname,
     const char *given,
     const char *patronymic,
     const char *phone,
     const char *iin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strjoin (" ", surname, given, patronymic, NULL);
  g_autofree char *key = jd_text_fold (name);
  gboolean own_transaction = !jd_db_in_transaction (db);
  JdStmt *stmt;
  gint64 id;

  if (own_transaction)
    g_assert_true (jd_db_begin (db, &error));
  stmt = jd_db_prepare (db,
                        "INSERT INTO visitor (surname, given_name, patronymic, iin, birth_date, sex,"
                        " phone, occupation, name_key, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, '1995-03-08', 'female', ?5, 'employed', ?6,"
                        " 1700000000, 1700000000)",
                        &error);
  g_assert_no_error (error);
  jd_stmt_bind_text_static (stmt, 1, surname);
  jd_stmt_bind_text_static (stmt, 2, given);
  jd_stmt_bind_text_static (stmt, 3, patronymic);
  jd_stmt_bind_text_static (stmt, 4, iin);
  jd_stmt_bind_text_static (stmt, 5, phone);
  jd_stmt_bind_text_static (stmt, 6, key);
  g_assert_true (jd_db_step_done (db, stmt, &error));
  g_assert_no_error (error);
  id = jd_db_last_insert_id (db);

  g_assert_true (jd_search_index_visitor (db, id, surname, given, patronymic, phone, iin, &error));
  g_assert_no_error (error);
  if (own_transaction)
    g_assert_true (jd_db_commit (db, &error));
  return id;
}

static void
add_visit (gint64 visitor,
           gint64 time_in)
{
  g_autoptr(GError) error = NULL;
  JdStmt *stmt = jd_db_prepare (db,
                                "INSERT INTO visit (visitor_id, time_in, occupation,"
                                " created_at, updated_at) VALUES (?1, ?2, 'employed', ?2, ?2)",
                                &error);

  g_assert_no_error (error);
  jd_stmt_bind_int64 (stmt, 1, visitor);
  jd_stmt_bind_int64 (stmt, 2, time_in);
  g_assert_true (jd_db_step_done (db, stmt, &error));
  g_assert_no_error (error);
}

static GPtrArray *
search_limit (const char *query,
              guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = jd_search_visitors (db, query, limit, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  for (guint i = 0; i < results->len; i++)
    {
      JdSearchResult *r = results->pdata[i];

      g_test_message ("%s → %s %s (%d)", query, r->surname, r->given_name, r->match);
    }
  return results;
}

static GPtrArray *
search (const char *query)
{
  return search_limit (query, 50);
}

static JdSearchResult *
nth (GPtrArray *results,
     guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return results->pdata[i];
}

/* Exactly these visitors, in this order; the first matched as
 * @first_kind, the others as @kind. */
static void
assert_results (const char   *query,
                const gint64 *ids,
                guint         n,
                JdMatchKind   first_kind,
                JdMatchKind   kind)
{
  g_autoptr(GPtrArray) results = search (query);

  g_assert_cmpuint (results->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpint (nth (results, i)->visitor_id, ==, ids[i]);
      g_assert_cmpint (nth (results, i)->match, ==, i == 0 ? first_kind : kind);
    }
}

/* KINDS is "first, rest" or a single kind for all. */
#define RESULTS(query, ...) \
  G_STMT_START { \
    const gint64 ids_[] = { __VA_ARGS__ }; \
    const JdMatchKind kinds_[] = { KINDS, KINDS }; \
    assert_results (query, ids_, G_N_ELEMENTS (ids_), kinds_[0], kinds_[1]); \
  } G_STMT_END

static void
assert_none (const char *query)
{
  g_autoptr(GPtrArray) results = search (query);

  g_assert_cmpuint (results->len, ==, 0);
}

static void
test_names (void)
{
  g_autoptr(GPtrArray) upper = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) sub = NULL;

  /* The whole word above a longer one that starts with it. */
#define KINDS JD_MATCH_EXACT, JD_MATCH_PREFIX
  RESULTS ("асанов", asanov, asanova);
  RESULTS ("АСАНОВ", asanov, asanova);
  RESULTS ("  Асанов  ", asanov, asanova);
#undef KINDS

  upper = search ("АСА");
  g_assert_cmpuint (upper->len, ==, 2);
  g_assert_cmpint (nth (upper, 0)->match, ==, JD_MATCH_PREFIX);

  /* One or two letters: the start of a word only. */
  two = search ("ас");
  g_assert_cmpuint (two->len, ==, 2);
  g_clear_pointer (&two, g_ptr_array_unref);
  two = search ("А");
  g_assert_cmpuint (two->len, ==, 4);  /* Асанов, Асанова, Алёна, Анар; not Әзім */
  assert_none ("ва");   /* inside Асанова, Иванов: not a prefix */
  assert_none ("ов");

  /* Three and more: anywhere. */
  sub = search ("сано");
  g_assert_cmpuint (sub->len, ==, 2);
  g_assert_cmpint (nth (sub, 0)->match, ==, JD_MATCH_SUBSTRING);
  g_assert_cmpint (nth (sub, 1)->match, ==, JD_MATCH_SUBSTRING);
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("ванович", ivanov);
#undef KINDS

  /* What the result carries. */
  {
    g_autoptr(GPtrArray) full = search ("асанов ержан");

    g_assert_cmpstr (nth (full, 0)->surname, ==, "Асанов");
    g_assert_cmpstr (nth (full, 0)->given_name, ==, "Ержан");
    g_assert_cmpstr (nth (full, 0)->patronymic, ==, "Болатұлы");
    g_assert_cmpstr (nth (full, 0)->birth_date, ==, "1995-03-08");
    g_assert_cmpstr (nth (full, 0)->phone, ==, "+77011234567");
    g_assert_cmpstr (nth (full, 0)->iin, ==, "921029350851");
  }

  assert_none ("петров");
  assert_none ("");
  assert_none ("   ");
}

static void
test_kazakh_letters (void)
{
#define KINDS JD_MATCH_EXACT
  RESULTS ("әлия", alia);
  RESULTS ("ӘЛИЯ", alia);
  RESULTS ("Әлия", alia);
  RESULTS ("нұрлан", nurlan);
  RESULTS ("НҰРЛАН", nurlan);
  RESULTS ("ӘЗІМ", azim);
#undef KINDS
#define KINDS JD_MATCH_PREFIX
  RESULTS ("ӘБІЛ", alia);
  RESULTS ("Ә", azim, alia);   /* Омаров before Әбілқасым-Оғлы */
  RESULTS ("қайратұ", nurlan);
  RESULTS ("Қ", nurlan);
  RESULTS ("ҚАЙРАТҰ", nurlan);
#undef KINDS
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("ІЛҚАС", alia);
  RESULTS ("ілқас", alia);
  RESULTS ("ЙРАТҰЛ", nurlan);
#undef KINDS
  /* A part of a hyphenated surname is a word of its own. */
#define KINDS JD_MATCH_EXACT
  RESULTS ("оғлы", alia);
  RESULTS ("ОҒЛЫ", alia);
#undef KINDS
  /* Kazakh letters are letters of their own: қ is not к, і is not и. */
  assert_none ("кайратулы");
  assert_none ("абил");
}

static void
test_yo (void)
{
#define KINDS JD_MATCH_EXACT
  RESULTS ("ёлкина", yolkina);
  RESULTS ("елкина", yolkina);
  RESULTS ("ЕЛКИНА", yolkina);
  RESULTS ("Алена", yolkina);
  RESULTS ("АЛЁНА", yolkina);
#undef KINDS
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("лён", yolkina);
  RESULTS ("лен", yolkina);
#undef KINDS
}

static void
test_several_words (void)
{
#define KINDS JD_MATCH_PREFIX
  RESULTS ("асан ерж", asanov);
  RESULTS ("ерж асан", asanov);
  RESULTS ("а ай", asanova);
  RESULTS ("Асанов, Ерж", asanov);
#undef KINDS
#define KINDS JD_MATCH_EXACT
  RESULTS ("асанова айгерім", asanova);
  RESULTS ("айгерім асанова", asanova);
  RESULTS ("асанов ержан болатұлы", asanov);
#undef KINDS
  /* The weakest word decides the kind. */
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("асанов ржан", asanov);
#undef KINDS
  /* A name and a phone. */
#define KINDS JD_MATCH_PREFIX
  RESULTS ("асанов 8701", asanov);
#undef KINDS

  assert_none ("асанов нұрлан");
  assert_none ("асанова ержан");
  assert_none ("асанов е ж");
}

static void
test_phone_and_iin (void)
{
#define KINDS JD_MATCH_PREFIX
  RESULTS ("701 12", asanov);
  RESULTS ("70112", asanov);
  RESULTS ("87011", asanov);
  RESULTS ("8 701 123", asanov);
  RESULTS ("8(701)123-4", asanov);
  RESULTS ("+7 (701) 1", asanov);
  RESULTS ("7701", asanov);
  RESULTS ("92102935", asanov);
#undef KINDS
#define KINDS JD_MATCH_EXACT
  RESULTS ("8 701 123 45 67", asanov);
  RESULTS ("+7 701 123 45 67", asanov);
  RESULTS ("7011234567", asanov);
  RESULTS ("921029350851", asanov);
#undef KINDS
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("45 67", asanov);
  RESULTS ("123-45", asanov);
  RESULTS ("9350", asanov);
#undef KINDS
  /* Two people with 777: the phone of one, the other not at all. */
#define KINDS JD_MATCH_PREFIX
  RESULTS ("8777", ivanov);
#undef KINDS

  assert_none ("8702");
  assert_none ("921029350852");
  assert_none ("45 68");
}

static void
test_transliterated (void)
{
  g_autoptr(GPtrArray) latin = NULL;

  /* Typed on the Latin layout, or spelled in Latin: below what matched
   * directly. */
#define KINDS JD_MATCH_TRANSLIT
  RESULTS ("Fcfyjd", asanov, asanova);
  RESULTS ("fcfyjd th;fy", asanov);
  RESULTS ("y9hkfy", nurlan);          /* нұрлан on the Kazakh layout */
  RESULTS ("Erzhan", asanov);
  RESULTS ("Yerzhan", asanov);
  RESULTS ("Erzh", asanov);
  RESULTS ("Ázim", azim);
  RESULTS ("Azim", azim);
  RESULTS ("nurlan", nurlan);
  RESULTS ("Qairatuly", nurlan);
  RESULTS ("Alyona", yolkina);
  RESULTS ("Yolkina", yolkina);
  RESULTS ("Asanov Erzhan", asanov);
#undef KINDS

  /* A visitor whose name is in Latin letters comes first. */
  latin = search ("asanov");
  g_assert_cmpuint (latin->len, ==, 3);
  g_assert_cmpint (nth (latin, 0)->visitor_id, ==, latin_asanov);
  g_assert_cmpint (nth (latin, 0)->match, ==, JD_MATCH_EXACT);
  g_assert_cmpint (nth (latin, 1)->visitor_id, ==, asanov);
  g_assert_cmpint (nth (latin, 1)->match, ==, JD_MATCH_TRANSLIT);
  g_assert_cmpint (nth (latin, 2)->visitor_id, ==, asanova);
  g_assert_cmpint (nth (latin, 2)->match, ==, JD_MATCH_TRANSLIT);

  assert_none ("Petrov");
}

static void
test_wildcards (void)
{
  /* LIKE's % and _ typed by someone are plain characters. */
  assert_none ("%");
  assert_none ("%%%");
  assert_none ("_");
  assert_none ("а_а");
  assert_none ("%ов");
  assert_none ("асан%");
  assert_none ("ас_нов");
  assert_none ("\\");
  assert_none ("'");

#define KINDS JD_MATCH_PREFIX
  RESULTS ("сто%", percent);
#undef KINDS
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("то%про", percent);
#undef KINDS
  assert_none ("то_про");
  assert_none ("то%%про");
}

static void
test_limit (void)
{
  g_autoptr(GPtrArray) limited = search_limit ("а", 2);
  g_autoptr(GPtrArray) one = search_limit ("асанов", 1);
  g_autoptr(GPtrArray) none = search_limit ("асанов", 0);

  g_assert_cmpuint (limited->len, ==, 2);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpint (nth (one, 0)->visitor_id, ==, asanov);  /* the best, not the first found */
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *results;

  g_cancellable_cancel (cancellable);
  results = jd_search_visitors (db, "асан", 50, cancellable, &error);
  g_assert_null (results);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The connection is usable afterwards: no transaction left open. */
  g_assert_true (!jd_db_in_transaction (db));
}

typedef struct
{
  GPtrArray *results;
  GError    *error;
  gboolean   done;
} AsyncResult;

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *out = user_data;

  out->results = jd_search_visitors_finish (result, &out->error);
  out->done = TRUE;
}

static void
test_async (void)
{
  AsyncResult first = { 0 }, second = { 0 }, cancelled = { 0 }, reopened = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  jd_search_visitors_async (jd_db_get_path (db), "нұр", 50, NULL, async_done_cb, &first);
  while (!first.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (first.error);
  g_assert_cmpuint (first.results->len, ==, 1);
  g_assert_cmpint (nth (first.results, 0)->visitor_id, ==, nurlan);

  /* Again, on the worker's kept connection; it sees new visitors. */
  add ("Нұрпейісова", "Дана", NULL, NULL, NULL);
  jd_search_visitors_async (jd_db_get_path (db), "нұр", 50, NULL, async_done_cb, &second);
  while (!second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (second.error);
  g_assert_cmpuint (second.results->len, ==, 2);

  /* A search made stale by the next keystroke. */
  g_cancellable_cancel (cancellable);
  jd_search_visitors_async (jd_db_get_path (db), "нұр", 50, cancellable, async_done_cb, &cancelled);
  while (!cancelled.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.results);

  /* The kept connection closed: the next search opens it again. */
  jd_search_close_reader ();
  jd_search_visitors_async (jd_db_get_path (db), "нұр", 50, NULL, async_done_cb, &reopened);
  while (!reopened.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (reopened.error);
  g_assert_cmpuint (reopened.results->len, ==, 2);

  g_ptr_array_unref (first.results);
  g_ptr_array_unref (second.results);
  g_ptr_array_unref (reopened.results);
  g_error_free (cancelled.error);
}

static void
test_async_missing_file (void)
{
  AsyncResult missing = { 0 };
  g_autofree char *path = g_build_filename (tmp_dir, "missing.db", NULL);

  if (test_skip_on_server ("A missing file: the server has no files"))
    return;

  jd_search_visitors_async (path, "нұр", 50, NULL, async_done_cb, &missing);
  while (!missing.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (missing.error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND);
  g_assert_null (missing.results);
  g_error_free (missing.error);
}

static guint
async_count (const char *path,
             const char *query)
{
  AsyncResult answer = { 0 };
  guint n;

  jd_search_visitors_async (path, query, 50, NULL, async_done_cb, &answer);
  while (!answer.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (answer.error);
  n = answer.results->len;
  g_ptr_array_unref (answer.results);

  return n;
}

static void
add_to (const char *path,
        const char *surname)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdDb) other = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  JdDb *saved = db;

  g_assert_no_error (error);
  db = other;
  add (surname, "Дана", NULL, NULL, NULL);
  db = saved;
}

/* A backup restored over the file: the kept connection notices. */
static void
test_async_replaced_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "replaced.db", NULL);
  g_autofree char *restored = g_build_filename (tmp_dir, "restored.db", NULL);

  if (test_skip_on_server ("A file replaced on disk: the server has no files"))
    return;

  add_to (path, "Біріншіқызы");
  add_to (restored, "Екіншіқызы");

  g_assert_cmpuint (async_count (path, "бірінші"), ==, 1);
  g_assert_cmpuint (async_count (path, "екінші"), ==, 0);

  g_assert_cmpint (g_rename (restored, path), ==, 0);
  g_assert_cmpuint (async_count (path, "бірінші"), ==, 0);
  g_assert_cmpuint (async_count (path, "екінші"), ==, 1);
}

static void
test_recent_first (void)
{
  g_autoptr(GPtrArray) before = search ("асан");
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GPtrArray) translit = NULL;

  /* The same kind of match: alphabetical while nobody has visited. */
  g_assert_cmpint (nth (before, 0)->visitor_id, ==, asanov);
  g_assert_cmpint (nth (before, 0)->last_visit, ==, 0);

  add_visit (asanova, 1750000000);
  after = search ("асан");
  g_assert_cmpint (nth (after, 0)->visitor_id, ==, asanova);
  g_assert_cmpint (nth (after, 0)->last_visit, ==, 1750000000);
  g_assert_cmpint (nth (after, 1)->visitor_id, ==, asanov);

  add_visit (asanov, 1740000000);
  add_visit (asanov, 1760000000);
  later = search ("асан");
  g_assert_cmpint (nth (later, 0)->visitor_id, ==, asanov);
  g_assert_cmpint (nth (later, 0)->last_visit, ==, 1760000000);

  /* Recency orders within a kind, never across: the exact match stays
   * above the more recent prefix one. */
  add_visit (asanova, 1770000000);
  {
    g_autoptr(GPtrArray) exact = search ("асанов");

    g_assert_cmpint (nth (exact, 0)->visitor_id, ==, asanov);
    g_assert_cmpint (nth (exact, 0)->match, ==, JD_MATCH_EXACT);
  }

  /* …and within the transliterated ones. */
  translit = search ("Fcfyjd");
  g_assert_cmpint (nth (translit, 0)->visitor_id, ==, asanova);
}

static void
test_reindex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) renamed = NULL;
  JdStmt *stmt;

  g_assert_true (jd_db_begin (db, &error));
  stmt = jd_db_prepare (db,
                        "UPDATE visitor SET surname = 'Петров', name_key = 'петров иван иванович'"
                        " WHERE id = ?1",
                        &error);
  jd_stmt_bind_int64 (stmt, 1, ivanov);
  g_assert_true (jd_db_step_done (db, stmt, &error));
  g_assert_true (jd_search_index_visitor (db, ivanov, "Петров", "Иван", "Иванович",
                                          "+77770000001", NULL, &error));
  g_assert_true (jd_db_commit (db, &error));
  g_assert_no_error (error);

  /* Only the patronymic Иванович is left to start with "иванов". */
  old = search ("иванов");
  g_assert_cmpuint (old->len, ==, 1);
  g_assert_cmpint (nth (old, 0)->match, ==, JD_MATCH_PREFIX);
  renamed = search ("петр");
  g_assert_cmpuint (renamed->len, ==, 1);
  g_assert_cmpint (nth (renamed, 0)->visitor_id, ==, ivanov);

  /* Unindexed: found no more, by name, phone or substring. */
  g_assert_true (jd_search_unindex_visitor (db, ivanov, &error));
  g_assert_no_error (error);
  assert_none ("петров");
  assert_none ("8777");
  assert_none ("етро");
  g_assert_true (jd_search_index_visitor (db, ivanov, "Петров", "Иван", "Иванович",
                                          "+77770000001", NULL, &error));
}

static void
test_anonymised (void)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add ("Жақсылықова", "Томирис", NULL, "+77051112233", NULL);
  JdStmt *stmt;

  assert_results ("жақсылықова", &id, 1, JD_MATCH_EXACT, JD_MATCH_EXACT);

  /* A row anonymised but still indexed (an interrupted clean-up) is
   * never shown. */
  stmt = jd_db_prepare (db, "UPDATE visitor SET anonymised_at = 1 WHERE id = ?1", &error);
  jd_stmt_bind_int64 (stmt, 1, id);
  g_assert_true (jd_db_step_done (db, stmt, &error));
  assert_none ("жақсылықова");
  assert_none ("87051112233");
}

/* More matches than the search takes candidates: what must still hold. */
static void
test_many (void)
{
  g_autoptr(GPtrArray) exact = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) latin = NULL;
  gint64 first_exact = 0, erzhan = 0;

  g_assert_true (jd_db_exec (db, "BEGIN", NULL));
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *given = g_strdup_printf ("Дана%u", i);

      add ("Сейітова", given, NULL, NULL, NULL);
    }
  for (guint i = 0; i < 3; i++)
    {
      gint64 id = add ("Сейітов", i == 2 ? "Ержан" : "Арман", NULL, NULL, NULL);

      if (first_exact == 0)
        first_exact = id;
      if (i == 2)
        erzhan = id;
    }
  g_assert_true (jd_db_exec (db, "COMMIT", NULL));

  /* The three whole words first, though 600 longer ones came before. */
  exact = search ("сейітов");
  g_assert_cmpuint (exact->len, ==, 50);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (nth (exact, i)->match, ==, JD_MATCH_EXACT);
  g_assert_cmpint (nth (exact, 3)->match, ==, JD_MATCH_PREFIX);

  /* Every word must match, however many match the first. */
  two = search ("сейіт ерж");
  g_assert_cmpuint (two->len, ==, 1);
  g_assert_cmpint (nth (two, 0)->visitor_id, ==, erzhan);

  latin = search ("Seiitov Erzhan");
  g_assert_cmpuint (latin->len, ==, 1);
  g_assert_cmpint (nth (latin, 0)->visitor_id, ==, erzhan);
  g_assert_cmpint (nth (latin, 0)->match, ==, JD_MATCH_TRANSLIT);
}

/* A common surname with the first letters of another word, found
 * through visitor_pair: every visitor whose words match, ranked as a
 * check of every row ranks them (computed here by hand). */
typedef struct
{
  gint64 id;
  int    kind;
  gint64 last_visit;
} Expected;

static int
word_kind (const char *word,
           const char *name)
{
  g_autofree char *folded = jd_text_fold (name);
  g_auto(GStrv) words = g_strsplit_set (folded, " -", -1);
  int best = -1;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], word))
        return JD_MATCH_EXACT;
      if (g_str_has_prefix (words[i], word))
        best = JD_MATCH_PREFIX;
    }
  /* A hyphenated word is a word whole too. */
  {
    g_auto(GStrv) whole = g_strsplit (folded, " ", -1);

    for (guint i = 0; whole[i] != NULL; i++)
      if (g_str_equal (whole[i], word))
        return JD_MATCH_EXACT;
  }
  if (best < 0 && g_utf8_strlen (word, -1) >= 3 && strstr (folded, word) != NULL)
    best = JD_MATCH_SUBSTRING;
  return best;
}

static gint
compare_expected (gconstpointer a,
                  gconstpointer b)
{
  const Expected *x = a, *y = b;

  if (x->kind != y->kind)
    return x->kind - y->kind;
  if (x->last_visit != y->last_visit)
    return x->last_visit > y->last_visit ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

static void
test_common_surname (void)
{
  static const char * const given[] = { "Шұғыла", "Шынар", "Аружан", "Дана", "Әлия-Шолпан", "Ұлжан" };
  static const char * const patronymic[] = { "Серікқызы", "Шамилқызы", NULL };
  static const char * const surname[] = { "Бекмұханова", "Бекмұханова", "Бекмұханова", "Әбекмұханова",
                                          "Бекмұхановаға", "Шәріпова" };
  static const char * const queries[] = { "бекмұханова ш", "Бекмұханова Ш", "бекмұханова шы",
                                          "ш бекмұханова", "бекмұханова шұғ", "бекмұханова ш с",
                                          "бекмұханова а", "бекмұханова б", "бекмұханова шол",
                                          "бекмұханова ә",
                                          /* A prefix with another word: on a
                                           * server one range of the name
                                           * pairs (collect_prefix_pairs). */
                                          "бекмұхан ш", "бекмұханов шы", "бекмұхан ш с",
                                          "әбекмұх д", "шұғы бекмұх", "бекмұхан әлия" };
  g_autoptr(GArray) people = g_array_new (FALSE, FALSE, sizeof (Expected));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (jd_db_exec (db, "BEGIN", NULL));
  for (guint i = 0; i < 240; i++)
    {
      const char *s = surname[i % G_N_ELEMENTS (surname)];
      const char *g = given[(i / 3) % G_N_ELEMENTS (given)];
      const char *p = patronymic[(i / 7) % G_N_ELEMENTS (patronymic)];
      Expected e = { add (s, g, p, NULL, NULL), 0, 1700000000 + ((i * 7919) % 240) * 60 };

      add_visit (e.id, e.last_visit);
      g_array_append_val (people, e);
      g_ptr_array_add (names, g_strjoin (" ", s, g, p, NULL));
    }
  g_assert_true (jd_db_exec (db, "COMMIT", NULL));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint limit = 5; limit <= 50; limit += 45)
      {
        g_autofree char *folded = jd_text_fold (queries[q]);
        g_auto(GStrv) words = g_strsplit (folded, " ", -1);
        g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Expected));
        g_autoptr(GPtrArray) results = search_limit (queries[q], limit);

        for (guint i = 0; i < people->len; i++)
          {
            Expected e = g_array_index (people, Expected, i);

            e.kind = JD_MATCH_EXACT;
            for (guint w = 0; words[w] != NULL && e.kind >= 0; w++)
              {
                int kind = word_kind (words[w], names->pdata[i]);

                e.kind = kind < 0 ? -1 : MAX (e.kind, kind);
              }
            if (e.kind >= 0)
              g_array_append_val (expected, e);
          }
        g_array_sort (expected, compare_expected);

        /* Below the limit, everyone; at it, the best kinds first. */
        g_test_message ("%s (%u): %u expected", queries[q], limit, expected->len);
        if (expected->len <= limit)
          {
            g_assert_cmpuint (results->len, ==, expected->len);
            for (guint i = 0; i < expected->len; i++)
              {
                g_assert_cmpint (nth (results, i)->visitor_id, ==, g_array_index (expected, Expected, i).id);
                g_assert_cmpint (nth (results, i)->match, ==, g_array_index (expected, Expected, i).kind);
              }
          }
        else
          {
            g_assert_cmpuint (results->len, ==, limit);
            for (guint i = 0; i < limit; i++)
              g_assert_cmpint (nth (results, i)->match, ==, g_array_index (expected, Expected, i).kind);
          }
      }
}

/* A file of schema version 1 indexed names without their Latin keys and
 * kept no positions in the trigram index: opening it upgrades the schema
 * and indexes everyone again, so that they are found as before and by
 * their Latin spellings. */
static void
test_upgrade_from_v1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "v1.db", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *key = NULL;
  g_autofree char *sql = NULL;
  const JdMigration *migrations;
  JdDb *old;
  JdDb *upgraded;
  guint n;

  if (test_skip_on_server ("The file's version 1: the server starts at its own schema"))
    return;

  migrations = jd_schema_get_migrations (&n);
  g_assert_cmpuint (n, >=, 2);
  old = jd_db_open_with_migrations (path, JD_DB_OPEN_CREATE, migrations, 1, &error);
  g_assert_no_error (error);
  key = jd_text_fold ("Жұмабаев Ерлан");
  sql = g_strdup_printf ("INSERT INTO visitor (surname, given_name, birth_date, sex, occupation,"
                         " name_key, created_at, updated_at) VALUES ('Жұмабаев', 'Ерлан',"
                         " '2001-05-04', 'male', 'school', '%s', 1, 1);"
                         "INSERT INTO visitor_token (visitor_id, token) VALUES (1, '%s');"
                         "INSERT INTO visitor_fts (rowid, text) VALUES (1, '%s');",
                         key, key, key);
  g_assert_true (jd_db_exec (old, sql, &error));
  g_assert_no_error (error);
  jd_db_close (old);

  upgraded = jd_db_open (path, JD_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (jd_db_get_migration_backup (upgraded));

  for (const char *const *q = (const char *const[]) { "жұмабаев", "ерл", "мабаев ерлан",
                                                      "Zhumabaev", "Yerlan", NULL }; *q; q++)
    {
      g_clear_pointer (&found, g_ptr_array_unref);
      found = jd_search_visitors (upgraded, *q, 10, NULL, &error);
      g_test_message ("%s", *q);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (nth (found, 0)->visitor_id, ==, 1);
    }
  jd_db_close (upgraded);
}

/* Hits carry what the lists show and the check-in needs, read by the
 * search itself: the name, birth date, masked phone and consent. */
static void
test_hits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(JdSearchHit) hit = NULL;
  g_autofree char *consent = g_strdup_printf ("INSERT INTO consent (visitor_id, text_version, given_on,"
                                              " given_by, created_at, updated_at)"
                                              " VALUES (%" G_GINT64_FORMAT ", '2026-1', '2024-01-01',"
                                              " 'self', 0, 0)", asanov);

  g_assert_true (jd_db_exec (db, consent, &error));
  g_assert_no_error (error);

  results = search ("7011234567");
  hits = jd_search_hits_new (results);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  g_assert_true (g_list_model_get_item_type (hits) == JD_TYPE_SEARCH_HIT);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpint (jd_search_hit_get_visitor_id (hit), ==, asanov);
  g_assert_cmpstr (jd_search_hit_get_name (hit), ==, "Асанов Ержан Болатұлы");
  g_assert_cmpstr (jd_search_hit_get_birth_date (hit), ==, "1995-03-08");
  g_assert_cmpstr (jd_search_hit_get_phone_masked (hit), ==, "+7 701 ··· ·· 67");
  g_assert_cmpstr (jd_search_hit_get_iin (hit), ==, "921029350851");
  g_assert_cmpint (jd_search_hit_get_match (hit), ==, JD_MATCH_EXACT);
  g_assert_true (jd_search_hit_get_consent_given (hit));
  g_clear_object (&hit);
  g_clear_object (&hits);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* No consent row, no patronymic, no phone. */
  results = search ("Asanov Tom");
  hits = jd_search_hits_new (results);
  g_assert_cmpuint (g_list_model_get_n_items (hits), >=, 1);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpint (jd_search_hit_get_visitor_id (hit), ==, latin_asanov);
  g_assert_cmpstr (jd_search_hit_get_name (hit), ==, "Asanov Tom");
  g_assert_null (jd_search_hit_get_phone_masked (hit));
  g_assert_false (jd_search_hit_get_consent_given (hit));
  g_clear_object (&hit);
  g_clear_object (&hits);
  g_clear_pointer (&results, g_ptr_array_unref);

  /* A withdrawn consent is no consent; read for the hits kept, after
   * the search has ranked them. */
  g_assert_true (jd_db_exec (db, "UPDATE consent SET withdrawn_on = '2025-01-01'", &error));
  g_assert_no_error (error);
  results = search ("7011234567");
  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (nth (results, 0)->visitor_id, ==, asanov);
  g_assert_false (nth (results, 0)->consent_given);
  g_assert_true (jd_db_exec (db, "UPDATE consent SET withdrawn_on = NULL", &error));
  g_assert_no_error (error);
}

/* Consent for every hit of one search at once (on a server one
 * statement for all of them): given; none; withdrawn, then given again;
 * withdrawn only. */
static void
test_consent_of_each (void)
{
  static const struct { const char *given_on, *withdrawn_on; } consents[4][2] = {
    { { "2024-01-01", NULL } },
    { { NULL, NULL } },
    { { "2023-01-01", "2023-06-01" }, { "2024-02-01", NULL } },
    { { "2024-01-01", "2025-01-01" } },
  };
  static const gboolean given[] = { TRUE, FALSE, TRUE, FALSE };
  g_autoptr(GPtrArray) results = NULL;
  gint64 ids[4];

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      ids[i] = add ("Тлеуқабылова", i % 2 ? "Назерке" : "Аяулым", NULL, NULL, NULL);
      /* The first came last: the results' order. */
      add_visit (ids[i], 1700000000 - (gint64) i * 86400);
      for (guint j = 0; j < G_N_ELEMENTS (consents[i]) && consents[i][j].given_on != NULL; j++)
        {
          g_autoptr(GError) error = NULL;
          JdStmt *stmt = jd_db_prepare (db,
                                        "INSERT INTO consent (visitor_id, text_version, given_on,"
                                        " given_by, withdrawn_on, created_at, updated_at)"
                                        " VALUES (?1, '2026-1', ?2, 'self', ?3, 0, 0)",
                                        &error);

          g_assert_no_error (error);
          jd_stmt_bind_int64 (stmt, 1, ids[i]);
          jd_stmt_bind_text_static (stmt, 2, consents[i][j].given_on);
          jd_stmt_bind_text_static (stmt, 3, consents[i][j].withdrawn_on);
          g_assert_true (jd_db_step_done (db, stmt, &error));
          g_assert_no_error (error);
        }
    }

  results = search ("тлеуқабылова");
  g_assert_cmpuint (results->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpint (nth (results, i)->visitor_id, ==, ids[i]);
      g_assert_cmpint (nth (results, i)->consent_given, ==, given[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cmd = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("jd-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  path = test_db_location_new_in (tmp_dir, "jastar.db");
  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);

  asanov = add ("Асанов", "Ержан", "Болатұлы", "+77011234567", "921029350851");
  asanova = add ("Асанова", "Айгерім", NULL, NULL, NULL);
  alia = add ("Әбілқасым-Оғлы", "Әлия", NULL, NULL, NULL);
  yolkina = add ("Ёлкина", "Алёна", NULL, NULL, NULL);
  ivanov = add ("Иванов", "Иван", "Иванович", "+77770000001", NULL);
  nurlan = add ("Қайратұлы", "Нұрлан", NULL, NULL, NULL);
  azim = add ("Омаров", "Әзім", NULL, NULL, NULL);
  latin_asanov = add ("Asanov", "Tom", NULL, NULL, NULL);
  percent = add ("Сто%Процентов", "Анар", NULL, NULL, NULL);

  g_test_add_func ("/jd/search/names", test_names);
  g_test_add_func ("/jd/search/kazakh-letters", test_kazakh_letters);
  g_test_add_func ("/jd/search/yo", test_yo);
  g_test_add_func ("/jd/search/several-words", test_several_words);
  g_test_add_func ("/jd/search/phone-and-iin", test_phone_and_iin);
  g_test_add_func ("/jd/search/transliterated", test_transliterated);
  g_test_add_func ("/jd/search/wildcards", test_wildcards);
  g_test_add_func ("/jd/search/limit", test_limit);
  g_test_add_func ("/jd/search/cancel", test_cancel);
  g_test_add_func ("/jd/search/async", test_async);
  g_test_add_func ("/jd/search/async-missing-file", test_async_missing_file);
  g_test_add_func ("/jd/search/async-replaced-file", test_async_replaced_file);
  g_test_add_func ("/jd/search/recent-first", test_recent_first);
  g_test_add_func ("/jd/search/reindex", test_reindex);
  g_test_add_func ("/jd/search/anonymised", test_anonymised);
  g_test_add_func ("/jd/search/many", test_many);
  g_test_add_func ("/jd/search/common-surname", test_common_surname);
  g_test_add_func ("/jd/search/upgrade-from-v1", test_upgrade_from_v1);
  g_test_add_func ("/jd/search/hits", test_hits);
  g_test_add_func ("/jd/search/consent-of-each", test_consent_of_each);

  status = g_test_run ();

  jd_search_close_reader ();
  jd_db_close (db);
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (tmp_dir);
  return status;
}
