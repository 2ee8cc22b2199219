/* jd-search.c: finding visitors as the receptionist types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two indexes over folded text (jd_text_fold: every Kazakh and Russian
 * letter, ё as е): visitor_token, a B-tree of whole words, their Latin
 * keys ("~asanov") and phone and IIN digits, answers exact words and
 * prefixes of any length; visitor_fts, an FTS5 trigram index, answers
 * substrings of three characters and more (never ordered by its rank,
 * which is slow). Each source gives a bounded number of candidates; they
 * are then checked against every word typed, ranked and cut.
 */
#define G_LOG_DOMAIN "jd-search"

#include "config.h"

#include <string.h>

#include "jd-db-private.h"
#include "jd-search.h"
#include "jd-text.h"

/* Candidates taken from each source: enough for the first screen of
 * results however common a prefix is, few enough to stay fast. */
#define CANDIDATES_PER_SOURCE 200
/* Sorts after every string that starts with the prefix before it. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"
#define ROMAN_MARK "~"

void
jd_search_result_free (JdSearchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->surname);
  g_free (result->given_name);
  g_free (result->patronymic);
  g_free (result->birth_date);
  g_free (result->phone);
  g_free (result->iin);
  g_free (result);
}

static gboolean
is_digits (const char *word)
{
  if (*word == '\0')
    return FALSE;

  for (; *word != '\0'; word++)
    if (!g_ascii_isdigit (*word))
      return FALSE;

  return TRUE;
}

/* Splits on spaces; with @pieces, hyphenated words are also split. */
static GPtrArray *
split_words (const char *folded,
             gboolean    pieces)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (folded, " ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (*parts[i] == '\0')
        continue;

      g_ptr_array_add (words, g_strdup (parts[i]));
      if (pieces && strchr (parts[i], '-') != NULL)
        {
          g_auto(GStrv) parts_of_word = g_strsplit (parts[i], "-", -1);

          for (guint j = 0; parts_of_word[j] != NULL; j++)
            if (*parts_of_word[j] != '\0')
              g_ptr_array_add (words, g_strdup (parts_of_word[j]));
        }
    }

  return words;
}

/* The words of a name for matching: whole, and hyphenated ones also in
 * pieces, so "Оғлы" finds "Әбілқасым-Оғлы". */
static GPtrArray *
name_words (const char *folded)
{
  return split_words (folded, TRUE);
}

/* Phone digits as people type them: the full +7 number and the ten
 * digits without the country code. */
static void
phone_forms (const char  *phone,
             char       **full,
             char       **national)
{
  g_autofree char *digits = jd_text_digits (phone);

  *full = NULL;
  *national = NULL;
  if (*digits == '\0')
    return;

  *full = g_strdup (digits);
  if (digits[0] == '7' && strlen (digits) == 11)
    *national = g_strdup (digits + 1);
}

static gboolean
add_token (JdDb        *db,
           gint64       visitor_id,
           const char  *token,
           GError     **error)
{
  sqlite3_stmt *stmt;

  if (token == NULL || *token == '\0')
    return TRUE;

  stmt = jd_db_prepare (db,
                        "INSERT INTO visitor_token (visitor_id, token) VALUES (?1, ?2)"
                        " ON CONFLICT DO NOTHING",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visitor_id);
  sqlite3_bind_text (stmt, 2, token, -1, SQLITE_TRANSIENT);
  return jd_db_step_done (db, stmt, error);
}

gboolean
jd_search_unindex_visitor (JdDb    *db,
                           gint64   visitor_id,
                           GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  stmt = jd_db_prepare (db, "DELETE FROM visitor_token WHERE visitor_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  stmt = jd_db_prepare (db, "DELETE FROM visitor_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  return jd_db_step_done (db, stmt, error);
}

gboolean
jd_search_index_visitor (JdDb        *db,
                         gint64       visitor_id,
                         const char  *surname,
                         const char  *given_name,
                         const char  *patronymic,
                         const char  *phone,
                         const char  *iin,
                         GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *full = NULL;
  g_autofree char *national = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GString) text = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_search_unindex_visitor (db, visitor_id, error))
    return FALSE;

  name = g_strjoin (" ", surname ? surname : "", given_name ? given_name : "",
                    patronymic ? patronymic : "", NULL);
  folded = jd_text_fold (name);
  words = name_words (folded);
  phone_forms (phone, &full, &national);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      g_autofree char *roman = jd_text_romanize (word);
      g_autofree char *roman_token = NULL;

      if (!add_token (db, visitor_id, word, error))
        return FALSE;

      if (*roman != '\0' && strchr (roman, ' ') == NULL)
        {
          roman_token = g_strconcat (ROMAN_MARK, roman, NULL);
          if (!add_token (db, visitor_id, roman_token, error))
            return FALSE;
        }
    }

  if (!add_token (db, visitor_id, full, error) ||
      !add_token (db, visitor_id, national, error) ||
      !add_token (db, visitor_id, iin, error))
    return FALSE;

  text = g_string_new (folded);
  if (full != NULL)
    g_string_append_printf (text, " %s", full);
  if (iin != NULL)
    g_string_append_printf (text, " %s", iin);

  stmt = jd_db_prepare (db, "INSERT INTO visitor_fts (rowid, text) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  sqlite3_bind_text (stmt, 2, text->str, -1, SQLITE_TRANSIENT);
  return jd_db_step_done (db, stmt, error);
}

/* Query side. */

typedef struct
{
  GPtrArray  *results;    /* JdSearchResult, in the order found */
  GHashTable *seen;       /* visitor id → JdSearchResult */
} Found;

static gboolean
collect_ids (JdDb          *db,
             const char    *sql,
             const char    *a,
             const char    *b,
             const char    *c,
             GArray        *ids,
             GError       **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  if (b != NULL)
    sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  if (c != NULL)
    sqlite3_bind_text (stmt, 3, c, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_count (stmt), CANDIDATES_PER_SOURCE);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
collect_prefix (JdDb        *db,
                const char  *prefix,
                GArray      *ids,
                GError     **error)
{
  g_autofree char *end = g_strconcat (prefix, PREFIX_END, NULL);

  return collect_ids (db,
                      "SELECT visitor_id FROM visitor_token WHERE token = ?1 LIMIT ?3",
                      prefix, NULL, NULL, ids, error) &&
         collect_ids (db,
                      "SELECT visitor_id FROM visitor_token"
                      " WHERE token >= ?1 AND token < ?2 LIMIT ?3",
                      prefix, end, NULL, ids, error);
}

static char *
like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = word; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* Substrings: the trigram index checks up to three long words at once. */
static gboolean
collect_substrings (JdDb       *db,
                    GPtrArray  *long_words,
                    GArray     *ids,
                    GError    **error)
{
  static const char * const sql[] = {
    "SELECT rowid FROM visitor_fts WHERE text LIKE ?1 ESCAPE '\\' LIMIT ?4",
    "SELECT rowid FROM visitor_fts WHERE text LIKE ?1 ESCAPE '\\'"
    " AND text LIKE ?2 ESCAPE '\\' LIMIT ?4",
    "SELECT rowid FROM visitor_fts WHERE text LIKE ?1 ESCAPE '\\'"
    " AND text LIKE ?2 ESCAPE '\\' AND text LIKE ?3 ESCAPE '\\' LIMIT ?4",
  };
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  guint n = MIN (long_words->len, 3);

  if (n == 0)
    return TRUE;

  a = like_pattern (g_ptr_array_index (long_words, 0));
  b = n > 1 ? like_pattern (g_ptr_array_index (long_words, 1)) : NULL;
  c = n > 2 ? like_pattern (g_ptr_array_index (long_words, 2)) : NULL;

  /* ?4 is the limit whatever the number of words. */
  return collect_ids (db, sql[n - 1], a, b, c, ids, error);
}

typedef struct
{
  char   *surname;
  char   *given_name;
  char   *patronymic;
  char   *birth_date;
  char   *phone;
  char   *iin;
  char   *name_key;
  gint64  last_visit;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->surname);
  g_free (row->given_name);
  g_free (row->patronymic);
  g_free (row->birth_date);
  g_free (row->phone);
  g_free (row->iin);
  g_free (row->name_key);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static gboolean
load_row (JdDb     *db,
          gint64    id,
          Row      *row,
          GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT surname, given_name, patronymic, birth_date, phone, iin, name_key,"
                        " (SELECT max (time_in) FROM visit WHERE visitor_id = v.id)"
                        " FROM visitor v WHERE id = ?1 AND anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->surname = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->given_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->patronymic = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->birth_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->iin = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->name_key = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      row->last_visit = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return rc == SQLITE_ROW;
}

/* How one typed word matches: -1 when it does not. */
static int
match_digits (const char *word,
              const Row  *row)
{
  g_autofree char *full = NULL;
  g_autofree char *national = NULL;
  g_autofree char *alt = NULL;
  const char *forms[3];
  int best = -1;

  phone_forms (row->phone, &full, &national);
  forms[0] = full;
  forms[1] = national;
  forms[2] = row->iin;

  /* 8 701 … is how a Kazakh number is dialled at home. */
  if (word[0] == '8' && word[1] != '\0')
    alt = g_strconcat ("7", word + 1, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      const char *words[] = { word, alt };

      for (guint j = 0; j < G_N_ELEMENTS (words); j++)
        {
          int kind = -1;

          if (forms[i] == NULL || words[j] == NULL)
            continue;
          if (g_str_equal (forms[i], words[j]))
            kind = JD_MATCH_EXACT;
          else if (g_str_has_prefix (forms[i], words[j]))
            kind = JD_MATCH_PREFIX;
          else if (strlen (words[j]) >= 3 && strstr (forms[i], words[j]) != NULL)
            kind = JD_MATCH_SUBSTRING;

          if (kind >= 0 && (best < 0 || kind < best))
            best = kind;
        }
    }

  return best;
}

static int
match_name (const char *word,
            GPtrArray  *tokens,
            const char *text)
{
  int best = -1;

  for (guint i = 0; i < tokens->len && best != JD_MATCH_EXACT; i++)
    {
      const char *token = g_ptr_array_index (tokens, i);

      if (g_str_equal (token, word))
        best = JD_MATCH_EXACT;
      else if (g_str_has_prefix (token, word))
        best = JD_MATCH_PREFIX;
    }

  if (best < 0 && g_utf8_strlen (word, -1) >= 3 && strstr (text, word) != NULL)
    best = JD_MATCH_SUBSTRING;

  return best;
}

/* The weakest match over all words, or -1 when one word does not match. */
static int
classify (GPtrArray  *words,
          const Row  *row,
          gboolean    romanized)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *text = NULL;
  int worst = JD_MATCH_EXACT;

  if (romanized)
    {
      text = jd_text_romanize (row->name_key);
      tokens = name_words (text);
    }
  else
    {
      text = g_strdup (row->name_key);
      tokens = name_words (text);
    }

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      int kind = (!romanized && is_digits (word)) ? match_digits (word, row)
                                                  : match_name (word, tokens, text);

      if (kind < 0)
        return -1;
      worst = MAX (worst, kind);
    }

  return worst;
}

/* Checks the candidates against every word and adds the new ones. */
static gboolean
add_matches (JdDb          *db,
             GArray        *ids,
             GPtrArray     *words,
             gboolean       romanized,
             gboolean       translit,
             Found         *found,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_auto(Row) row = { 0 };
      JdSearchResult *result;
      int kind;

      if (g_hash_table_contains (found->seen, &id))
        continue;

      if (i % 64 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!load_row (db, id, &row, error))
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;  /* removed meanwhile */
        }

      kind = classify (words, &row, romanized);
      if (kind < 0)
        continue;

      result = g_new0 (JdSearchResult, 1);
      result->visitor_id = id;
      result->surname = g_steal_pointer (&row.surname);
      result->given_name = g_steal_pointer (&row.given_name);
      result->patronymic = g_steal_pointer (&row.patronymic);
      result->birth_date = g_steal_pointer (&row.birth_date);
      result->phone = g_steal_pointer (&row.phone);
      result->iin = g_steal_pointer (&row.iin);
      result->last_visit = row.last_visit;
      result->match = translit ? JD_MATCH_TRANSLIT : (JdMatchKind) kind;
      g_ptr_array_add (found->results, result);
      g_hash_table_add (found->seen, &result->visitor_id);
    }

  return TRUE;
}

static const char *
longest_word (GPtrArray *words)
{
  const char *best = NULL;
  glong best_len = -1;

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      glong len = g_utf8_strlen (word, -1);

      if (len > best_len)
        {
          best = word;
          best_len = len;
        }
    }

  return best;
}

/* Candidates for typed words from both indexes, then checked. */
static gboolean
search_words (JdDb          *db,
              GPtrArray     *words,
              gboolean       translit,
              Found         *found,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) long_words = g_ptr_array_new ();
  const char *driver = longest_word (words);

  if (driver == NULL)
    return TRUE;

  if (!collect_prefix (db, driver, ids, error))
    return FALSE;

  if (is_digits (driver) && driver[0] == '8' && driver[1] != '\0')
    {
      g_autofree char *alt = g_strconcat ("7", driver + 1, NULL);

      if (!collect_prefix (db, alt, ids, error))
        return FALSE;
    }

  for (guint i = 0; i < words->len; i++)
    if (g_utf8_strlen (g_ptr_array_index (words, i), -1) >= 3)
      g_ptr_array_add (long_words, g_ptr_array_index (words, i));

  if (!collect_substrings (db, long_words, ids, error))
    return FALSE;

  return add_matches (db, ids, words, FALSE, translit, found, cancellable, error);
}

/* Latin spellings: "Asanov", "Yerzhan", "Ázim". */
static gboolean
search_romanized (JdDb          *db,
                  const char    *query,
                  Found         *found,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *roman = jd_text_romanize (query);
  g_autoptr(GPtrArray) words = split_words (roman, FALSE);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *token = NULL;
  const char *driver = longest_word (words);

  if (driver == NULL || is_digits (driver))
    return TRUE;

  token = g_strconcat (ROMAN_MARK, driver, NULL);
  if (!collect_prefix (db, token, ids, error))
    return FALSE;

  return add_matches (db, ids, words, TRUE, TRUE, found, cancellable, error);
}

static gint
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const JdSearchResult *ra = *(JdSearchResult * const *) a;
  const JdSearchResult *rb = *(JdSearchResult * const *) b;
  int cmp;

  if (ra->match != rb->match)
    return ra->match < rb->match ? -1 : 1;
  if (ra->last_visit != rb->last_visit)
    return ra->last_visit > rb->last_visit ? -1 : 1;
  if ((cmp = g_strcmp0 (ra->surname, rb->surname)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (ra->given_name, rb->given_name)) != 0)
    return cmp;
  return ra->visitor_id < rb->visitor_id ? -1 : ra->visitor_id > rb->visitor_id;
}

static gboolean
has_latin (const char *text)
{
  for (; *text != '\0'; text++)
    if (g_ascii_isalpha (*text))
      return TRUE;

  return FALSE;
}

/* A query of digits and phone punctuation only is one number. */
static char *
as_number (const char *query)
{
  gboolean digits = FALSE;

  for (const char *p = query; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (!strchr (" +-().", *p))
        return NULL;
    }

  return digits ? jd_text_digits (query) : NULL;
}

GPtrArray *
jd_search_visitors (JdDb          *db,
                    const char    *query,
                    guint          limit,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autofree char *number = NULL;
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) results = NULL;
  Found found;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_search_result_free);
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  found.results = results;
  found.seen = seen;

  number = as_number (query);
  if (number != NULL)
    {
      words = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (words, g_steal_pointer (&number));
    }
  else
    {
      folded = jd_text_fold (query);
      words = split_words (folded, FALSE);
    }

  if (words->len == 0)
    return g_steal_pointer (&results);

  if (!search_words (db, words, FALSE, &found, cancellable, error))
    return NULL;

  /* Latin letters: a name in Latin, or Cyrillic typed on the wrong
   * layout. Both rank below what was typed directly. */
  if (results->len < limit && folded != NULL && has_latin (folded))
    {
      g_autofree char *converted = jd_text_from_wrong_layout (folded);
      g_autofree char *converted_folded = jd_text_fold (converted);
      g_autoptr(GPtrArray) converted_words = split_words (converted_folded, FALSE);

      if (!search_words (db, converted_words, TRUE, &found, cancellable, error) ||
          !search_romanized (db, folded, &found, cancellable, error))
        return NULL;
    }

  g_ptr_array_sort (results, compare_results);
  if (results->len > limit)
    g_ptr_array_remove_range (results, limit, results->len - limit);

  return g_steal_pointer (&results);
}

/* Async: each worker thread keeps its own read-only connection. */

typedef struct
{
  char  *db_path;
  char  *query;
  guint  limit;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->db_path);
  g_free (data->query);
  g_free (data);
}

typedef struct
{
  char *path;
  JdDb *db;
} ThreadDb;

static void
thread_db_free (gpointer data)
{
  ThreadDb *tdb = data;

  g_free (tdb->path);
  jd_db_close (tdb->db);
  g_free (tdb);
}

static GPrivate thread_db = G_PRIVATE_INIT (thread_db_free);

static JdDb *
get_thread_db (const char  *path,
               GError     **error)
{
  ThreadDb *tdb = g_private_get (&thread_db);

  if (tdb != NULL && g_str_equal (tdb->path, path))
    return tdb->db;

  tdb = g_new0 (ThreadDb, 1);
  tdb->db = jd_db_open (path, JD_DB_OPEN_READ_ONLY, error);
  if (tdb->db == NULL)
    {
      g_free (tdb);
      return NULL;
    }
  tdb->path = g_strdup (path);
  g_private_replace (&thread_db, tdb);

  return tdb->db;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results;
  JdDb *db;

  if (g_task_return_error_if_cancelled (task))
    return;

  db = get_thread_db (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  results = jd_search_visitors (db, data->query, data->limit, cancellable, &error);
  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
  else
    g_ptr_array_unref (results);
}

void
jd_search_visitors_async (const char          *db_path,
                          const char          *query,
                          guint                limit,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->db_path = g_strdup (db_path);
  data->query = g_strdup (query);
  data->limit = limit;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_search_visitors_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  g_task_run_in_thread (task, search_thread);
}

GPtrArray *
jd_search_visitors_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
