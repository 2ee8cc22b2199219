/* test-search.c: finding visitors by any part of a name, phone or IIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-db.h"
#include "jd-search.h"
#include "jd-visitor.h"

static char *tmp_dir;
static JdDb *db;
static gint64 asanov, asanova, alia, yolkina, ivanov, nurlan, azim, latin_asanov;

static gint64
add (const char *surname,
     const char *given,
     const char *patronymic,
     const char *phone,
     const char *iin)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GError) error = NULL;

  v->surname = g_strdup (surname);
  v->given_name = g_strdup (given);
  v->patronymic = g_strdup (patronymic);
  v->phone = g_strdup (phone);
  v->iin = g_strdup (iin);
  v->birth_date = g_strdup ("1995-03-08");
  v->sex = JD_SEX_FEMALE;
  v->district_code = g_strdup ("almaty-medeu");
  v->occupation = g_strdup ("university");
  v->consent_given = TRUE;
  if (iin != NULL)
    g_clear_pointer (&v->birth_date, g_free);

  g_assert_true (jd_visitor_insert (db, v, 0, &error));
  g_assert_no_error (error);
  return v->id;
}

static GPtrArray *
search (const char *query)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = jd_search_visitors (db, query, 50, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  for (guint i = 0; i < results->len; i++)
    {
      JdSearchResult *r = results->pdata[i];

      g_test_message ("%s → %s %s (%d)", query, r->surname, r->given_name, r->match);
    }
  return results;
}

static JdSearchResult *
nth (GPtrArray *results,
     guint      i)
{
  g_assert_cmpuint (i, <, results->len);
  return results->pdata[i];
}

/* Exactly these visitors, in this order; all but @first_kind's first
 * result matched as @kind. */
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
test_names (void)
{
  g_autoptr(GPtrArray) upper = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) sub = NULL;

  /* The whole word above a longer one that starts with it. */
#define KINDS JD_MATCH_EXACT, JD_MATCH_PREFIX
  RESULTS ("асанов", asanov, asanova);
  RESULTS ("АСАНОВ", asanov, asanova);
#undef KINDS

  upper = search ("АСА");
  g_assert_cmpuint (upper->len, ==, 2);
  g_assert_cmpint (nth (upper, 0)->match, ==, JD_MATCH_PREFIX);

  /* One or two letters: the start of a word only. */
  two = search ("ас");
  g_assert_cmpuint (two->len, ==, 2);
  g_clear_pointer (&two, g_ptr_array_unref);
  two = search ("ва");   /* inside Асанова, Иванов: not a prefix */
  g_assert_cmpuint (two->len, ==, 0);

  /* Three and more: anywhere. */
  sub = search ("сано");
  g_assert_cmpuint (sub->len, ==, 2);
  g_assert_cmpint (nth (sub, 0)->match, ==, JD_MATCH_SUBSTRING);
}

static void
test_kazakh_letters (void)
{
#define KINDS JD_MATCH_EXACT
  RESULTS ("әлия", alia);
  RESULTS ("ӘЛИЯ", alia);
  RESULTS ("нұрлан", nurlan);
  RESULTS ("НҰРЛАН", nurlan);
#undef KINDS
#define KINDS JD_MATCH_PREFIX
  RESULTS ("ӘБІЛ", alia);
  RESULTS ("қайратұ", nurlan);
  RESULTS ("Қ", nurlan);
#undef KINDS
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("ІЛҚАС", alia);
  /* A part of a hyphenated surname is a word of its own. */
#undef KINDS
#define KINDS JD_MATCH_EXACT
  RESULTS ("оғлы", alia);
#undef KINDS
}

static void
test_yo (void)
{
#define KINDS JD_MATCH_EXACT
  RESULTS ("ёлкина", yolkina);
  RESULTS ("елкина", yolkina);
  RESULTS ("Алена", yolkina);
  RESULTS ("АЛЁНА", yolkina);
#undef KINDS
}

static void
test_several_words (void)
{
#define KINDS JD_MATCH_PREFIX
  RESULTS ("асан ерж", asanov);
  RESULTS ("ерж асан", asanov);
  RESULTS ("а ай", asanova);
#undef KINDS
#define KINDS JD_MATCH_EXACT
  RESULTS ("асанова айгерім", asanova);
#undef KINDS
  {
    g_autoptr(GPtrArray) none = search ("асанов нұрлан");

    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_phone_and_iin (void)
{
#define KINDS JD_MATCH_PREFIX
  RESULTS ("701 12", asanov);
  RESULTS ("8 701 123", asanov);
  RESULTS ("+7 (701) 1", asanov);
  RESULTS ("92102935", asanov);
#undef KINDS
#define KINDS JD_MATCH_EXACT
  RESULTS ("8 701 123 45 67", asanov);
  RESULTS ("921029350851", asanov);
#undef KINDS
#define KINDS JD_MATCH_SUBSTRING
  RESULTS ("45 67", asanov);
  RESULTS ("9350", asanov);
#undef KINDS
}

static void
test_transliterated (void)
{
  g_autoptr(GPtrArray) latin = NULL;

  /* Typed on the Latin layout: below what matched directly. */
#define KINDS JD_MATCH_TRANSLIT
  RESULTS ("Fcfyjd", asanov, asanova);
  RESULTS ("Erzhan", asanov);
  RESULTS ("Yerzhan", asanov);
  RESULTS ("Ázim", azim);
  RESULTS ("Azim", azim);
  RESULTS ("nurlan", nurlan);
#undef KINDS

  /* A visitor whose name is in Latin letters comes first. */
  latin = search ("asanov");
  g_assert_cmpuint (latin->len, ==, 3);
  g_assert_cmpint (nth (latin, 0)->visitor_id, ==, latin_asanov);
  g_assert_cmpint (nth (latin, 0)->match, ==, JD_MATCH_EXACT);
  g_assert_cmpint (nth (latin, 1)->match, ==, JD_MATCH_TRANSLIT);
  g_assert_cmpint (nth (latin, 2)->match, ==, JD_MATCH_TRANSLIT);
}

static void
test_recent_first (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = search ("асан");
  g_autoptr(GPtrArray) after = NULL;
  const char *purposes[] = { "career", NULL };

  /* The same kind of match: alphabetical while nobody has visited. */
  g_assert_cmpint (nth (before, 0)->visitor_id, ==, asanov);

  g_assert_cmpint (jd_visit_check_in (db, asanova, purposes, 0, 0, &error), >, 0);
  after = search ("асан");
  g_assert_cmpint (nth (after, 0)->visitor_id, ==, asanova);
  g_assert_cmpint (nth (after, 0)->last_visit, >, 0);
}

static void
test_limit_and_wildcards (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) limited = jd_search_visitors (db, "а", 2, NULL, &error);
  g_autoptr(GPtrArray) percent = search ("%");
  g_autoptr(GPtrArray) underscore = search ("а_а");
  g_autoptr(GPtrArray) empty = search ("   ");

  g_assert_cmpuint (limited->len, ==, 2);
  g_assert_cmpuint (percent->len, ==, 0);
  g_assert_cmpuint (underscore->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);
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
}

static void
async_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = jd_search_visitors_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(GPtrArray) results = NULL;

  jd_search_visitors_async (jd_db_get_path (db), "нұр", 50, NULL, async_done_cb, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (results->len, ==, 1);
  g_assert_cmpint (nth (results, 0)->visitor_id, ==, nurlan);
}

static void
test_reindex (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JdVisitor) v = jd_visitor_load (db, ivanov, &error);
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GPtrArray) renamed = NULL;

  g_free (v->surname);
  v->surname = g_strdup ("Петров");
  g_assert_true (jd_visitor_update (db, v, 0, &error));
  g_assert_no_error (error);

  /* Only the patronymic Иванович is left to start with "иванов". */
  old = search ("иванов");
  g_assert_cmpuint (old->len, ==, 1);
  g_assert_cmpint (nth (old, 0)->match, ==, JD_MATCH_PREFIX);
  renamed = search ("петр");
  g_assert_cmpuint (renamed->len, ==, 1);
  g_assert_cmpint (nth (renamed, 0)->visitor_id, ==, ivanov);
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
  path = g_build_filename (tmp_dir, "jastar.db", NULL);
  db = jd_db_open (path, JD_DB_OPEN_CREATE, &error);
  g_assert_no_error (error);

  asanov = add ("Асанов", "Ержан", "Болатұлы", "+7 701 123 45 67", "921029350851");
  asanova = add ("Асанова", "Айгерім", NULL, NULL, NULL);
  alia = add ("Әбілқасым-Оғлы", "Әлия", NULL, NULL, NULL);
  yolkina = add ("Ёлкина", "Алёна", NULL, NULL, NULL);
  ivanov = add ("Иванов", "Иван", "Иванович", "+7 777 000 00 01", NULL);
  nurlan = add ("Қайратұлы", "Нұрлан", NULL, NULL, NULL);
  azim = add ("Омаров", "Әзім", NULL, NULL, NULL);
  latin_asanov = add ("Asanov", "Tom", NULL, NULL, NULL);

  g_test_add_func ("/jd/search/names", test_names);
  g_test_add_func ("/jd/search/kazakh-letters", test_kazakh_letters);
  g_test_add_func ("/jd/search/yo", test_yo);
  g_test_add_func ("/jd/search/several-words", test_several_words);
  g_test_add_func ("/jd/search/phone-and-iin", test_phone_and_iin);
  g_test_add_func ("/jd/search/transliterated", test_transliterated);
  g_test_add_func ("/jd/search/limit-and-wildcards", test_limit_and_wildcards);
  g_test_add_func ("/jd/search/cancel", test_cancel);
  g_test_add_func ("/jd/search/async", test_async);
  g_test_add_func ("/jd/search/recent-first", test_recent_first);
  g_test_add_func ("/jd/search/reindex", test_reindex);

  status = g_test_run ();

  jd_db_close (db);
  cmd = g_strdup_printf ("rm -rf '%s'", tmp_dir);
  g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL);
  g_free (tmp_dir);
  return status;
}
