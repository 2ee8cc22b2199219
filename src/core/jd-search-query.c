/* jd-search-query.c: finding visitors as the receptionist types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The indexes are described in jd-search-index.c.
 *
 * A search runs in passes from the best kind of match to the worst:
 * exact, prefix, substring, then (for Latin letters) the wrong keyboard
 * layout and Latin spellings. Each pass takes a bounded number of
 * candidates from an index; every candidate is checked against every word
 * typed, and a pass is skipped once enough better matches are in hand.
 * Within a kind, the most recent visitor comes first; with very common
 * words (thousands of matches) that order is among the candidates taken,
 * not among everyone. The whole search reads one snapshot in one read
 * transaction.
 *
 * On a server (PostgreSQL) every statement is a round trip, and an
 * index look-up costs microseconds where SQLite's costs a few hundred
 * nanoseconds, so three steps are worded for it (on_server ()): the rows
 * of a range's candidates are read in one statement
 * (jd_search_load_rows ()), the other words' EXISTS stay subqueries for
 * one candidate each (range_sql_server), and a prefix with other words
 * is one range of the name pairs (collect_prefix_pairs ()). The file's
 * statements and order are unchanged.
 */
#define G_LOG_DOMAIN "jd-search"

#include "config.h"

#include <string.h>

#include "jd-search-private.h"
#include "jd-text.h"

/* Candidates taken from one index range: enough for the first screen of
 * results however common a prefix is, few enough to stay fast. */
#define CANDIDATES 200
/* Index entries looked at in one range when other words must match too;
 * bounds the time a rare combination of common words can take. */
#define SCAN_ROWS 2000
/* Name pairs read in one range on a server (collect_prefix_pairs()). */
#define PAIR_SCAN_ROWS 20000
/* Other words checked in SQL; more are checked on the loaded row. */
#define MAX_SQL_WORDS 2
/* Substring patterns given to the trigram index at once. */
#define MAX_LIKE_WORDS 3

/* One search. */

typedef struct
{
  JdDb          *db;
  guint          limit;
  GCancellable  *cancellable;
  GPtrArray     *results;             /* JdSearchResult */
  GHashTable    *found;               /* &result->visitor_id */
  guint          n_kind[JD_MATCH_TRANSLIT + 1];
} Search;

/* Whether @limit matches of @kind or better are in hand, so that nothing
 * worse could make the list. */
static gboolean
enough_up_to (Search      *search,
              JdMatchKind  kind)
{
  guint n = 0;

  for (int k = JD_MATCH_EXACT; k <= (int) kind; k++)
    n += search->n_kind[k];

  return n >= search->limit;
}

/* A pass: the words it looks for and how its matches rank. */
typedef struct
{
  GPtrArray   *words;
  gboolean     romanized;   /* Latin keys, matched against ~tokens */
  gboolean     translit;    /* everything found ranks JD_MATCH_TRANSLIT */
  GHashTable  *rejected;    /* visitor ids that do not match these words */
} Pass;

static void
add_id (GHashTable *set,
        gint64      id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_add (set, key);
}

static gboolean
on_server (Search *search)
{
  return jd_db_get_engine_kind (search->db) == JD_DB_ENGINE_POSTGRESQL;
}

/* On a server, the rows of the candidates of @ids not seen yet, read in
 * one statement (jd_search_load_rows()); NULL without @error in a file,
 * where check_candidates() reads them one by one. */
static gboolean
load_new_rows (Search      *search,
               Pass        *pass,
               GArray      *ids,
               GHashTable **rows,
               GError     **error)
{
  g_autoptr(GArray) wanted = NULL;
  g_autoptr(GHashTable) seen = NULL;

  *rows = NULL;
  if (!on_server (search))
    return TRUE;

  wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (search->found, id) &&
          !g_hash_table_contains (pass->rejected, id) &&
          g_hash_table_add (seen, id))
        g_array_append_val (wanted, *id);
    }

  *rows = jd_search_load_rows (search->db, wanted, error);
  return *rows != NULL;
}

static gboolean
check_candidates (Search   *search,
                  Pass     *pass,
                  GArray   *ids,
                  GError  **error)
{
  g_autoptr(GHashTable) rows = NULL;
  JdStmt *stmt = NULL;

  if (g_cancellable_set_error_if_cancelled (search->cancellable, error) ||
      !load_new_rows (search, pass, ids, &rows, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_auto(JdSearchRow) row = { 0 };
      g_autoptr(GError) local_error = NULL;
      JdSearchResult *result;
      int kind;

      if (i % 32 == 0 && g_cancellable_set_error_if_cancelled (search->cancellable, error))
        return FALSE;

      if (g_hash_table_contains (search->found, &id) ||
          g_hash_table_contains (pass->rejected, &id))
        continue;

      if (rows != NULL)
        {
          JdSearchRow *loaded = g_hash_table_lookup (rows, &id);

          if (loaded == NULL)
            {
              add_id (pass->rejected, id);  /* anonymised */
              continue;
            }
          row = *loaded;
          *loaded = (JdSearchRow) { 0 };
        }
      else if (stmt == NULL && (stmt = jd_search_prepare_row (search->db, error)) == NULL)
        return FALSE;

      if (rows == NULL && !jd_search_load_row (search->db, stmt, id, &row, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          add_id (pass->rejected, id);  /* anonymised */
          continue;
        }

      kind = jd_search_classify (pass->words, &row, pass->romanized);
      if (kind < 0)
        {
          add_id (pass->rejected, id);
          continue;
        }
      if (pass->translit)
        kind = JD_MATCH_TRANSLIT;

      result = g_new0 (JdSearchResult, 1);
      result->visitor_id = id;
      result->surname = g_steal_pointer (&row.surname);
      result->given_name = g_steal_pointer (&row.given_name);
      result->patronymic = g_steal_pointer (&row.patronymic);
      result->birth_date = g_steal_pointer (&row.birth_date);
      result->phone = g_steal_pointer (&row.phone);
      result->iin = g_steal_pointer (&row.iin);
      result->last_visit = row.last_visit;
      result->match = (JdMatchKind) kind;
      g_ptr_array_add (search->results, result);
      g_hash_table_add (search->found, &result->visitor_id);
      search->n_kind[kind]++;
    }

  return TRUE;
}

static gboolean
read_ids (Search        *search,
          JdStmt        *stmt,
          GArray        *ids,
          GError       **error)
{
  int rc;

  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (search->db, rc, error);
      return FALSE;
    }

  return TRUE;
}

/* The other words of collect_range(), each looked up for one candidate
 * in the (visitor_id, token) index. */
static const char range_sql[] =
  "SELECT t.visitor_id FROM"
  " (SELECT visitor_id FROM visitor_token"
  "  WHERE token >= ?1 AND token < ?2 LIMIT ?7) t"
  " WHERE EXISTS (SELECT 1 FROM visitor_token o"
  "               WHERE o.visitor_id = t.visitor_id"
  "               AND o.token >= ?3 AND o.token < ?4)"
  " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM visitor_token o"
  "                            WHERE o.visitor_id = t.visitor_id"
  "                            AND o.token >= ?5 AND o.token < ?6))"
  " LIMIT ?8";
/* The same on a server. PostgreSQL would join an EXISTS as a semi join,
 * and plans it from its estimate of how many tokens each range holds:
 * for prefixes inside one histogram bucket that is one row, however
 * common the word ("ұзақов": 16,699 tokens at 1,000,000 visitors), so
 * it read the whole range of the other word again for every candidate
 * (2,000 × 16,699 entries, 4 to 13 s). OFFSET 0 keeps each EXISTS a
 * subquery run for one candidate, where the (visitor_id, token) index
 * is the way in: a few index entries a candidate. */
static const char range_sql_server[] =
  "SELECT t.visitor_id FROM"
  " (SELECT visitor_id FROM visitor_token"
  "  WHERE token >= ?1 AND token < ?2 LIMIT ?7) t"
  " WHERE EXISTS (SELECT 1 FROM visitor_token o"
  "               WHERE o.visitor_id = t.visitor_id"
  "               AND o.token >= ?3 AND o.token < ?4 OFFSET 0)"
  " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM visitor_token o"
  "                            WHERE o.visitor_id = t.visitor_id"
  "                            AND o.token >= ?5 AND o.token < ?6 OFFSET 0))"
  " LIMIT ?8";

/* Visitors with a token in [@from, @to) that also have a token starting
 * with each of @others (up to MAX_SQL_WORDS, already marked for Latin
 * keys), answered from the two indexes of visitor_token alone. Such
 * candidates nearly all match, so @limit of them fill the list. */
static gboolean
collect_range (Search       *search,
               const char   *from,
               const char   *to,
               GPtrArray    *others,
               GArray       *ids,
               GError      **error)
{
  JdStmt *stmt;

  if (others->len == 0)
    {
      stmt = jd_db_prepare (search->db,
                            "SELECT visitor_id FROM visitor_token"
                            " WHERE token >= ?1 AND token < ?2 LIMIT ?3",
                            error);
      if (stmt == NULL)
        return FALSE;

      jd_stmt_bind_text_static (stmt, 1, from);
      jd_stmt_bind_text_static (stmt, 2, to);
      jd_stmt_bind_int (stmt, 3, CANDIDATES);
      return read_ids (search, stmt, ids, error);
    }
  else
    {
      g_autofree char *end1 = NULL;
      g_autofree char *end2 = NULL;
      const char *other1 = g_ptr_array_index (others, 0);
      const char *other2 = others->len > 1 ? g_ptr_array_index (others, 1) : NULL;

      stmt = jd_db_prepare (search->db, on_server (search) ? range_sql_server : range_sql, error);
      if (stmt == NULL)
        return FALSE;

      end1 = g_strconcat (other1, PREFIX_END, NULL);
      end2 = other2 ? g_strconcat (other2, PREFIX_END, NULL) : NULL;
      jd_stmt_bind_text_static (stmt, 1, from);
      jd_stmt_bind_text_static (stmt, 2, to);
      jd_stmt_bind_text_static (stmt, 3, other1);
      jd_stmt_bind_text_static (stmt, 4, end1);
      if (other2 != NULL)
        {
          jd_stmt_bind_text_static (stmt, 5, other2);
          jd_stmt_bind_text_static (stmt, 6, end2);
        }
      jd_stmt_bind_int (stmt, 7, SCAN_ROWS);
      jd_stmt_bind_int (stmt, 8, (int) MIN (search->limit, CANDIDATES));
      return read_ids (search, stmt, ids, error);
    }
}

/* collect_range() for the tokens equal to @word, through visitor_pair:
 * the visitors with @word and a word starting with the first other word
 * are one range of it, however common @word is. The same candidates as
 * collect_range() (first by visitor id), except that it looked at the
 * first SCAN_ROWS visitors with @word only. Another word that starts
 * @word itself is matched by @word; the second other word is checked in
 * visitor_token. Latin keys have no pairs: FALSE without @error then. */
static gboolean
collect_pairs (Search       *search,
               const char   *word,
               GPtrArray    *others,
               GArray       *ids,
               gboolean     *done,
               GError      **error)
{
  g_autoptr(GPtrArray) needed = g_ptr_array_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *end2 = NULL;
  JdStmt *stmt;

  *done = FALSE;
  for (guint i = 0; i < others->len; i++)
    {
      const char *other = g_ptr_array_index (others, i);

      if (g_str_has_prefix (other, ROMAN_MARK))
        return TRUE;
      if (!g_str_has_prefix (word, other))
        g_ptr_array_add (needed, (gpointer) other);
    }
  if (needed->len == 0 || g_str_has_prefix (word, ROMAN_MARK))
    return TRUE;

  /* On a server, OFFSET 0 for the reason given at range_sql_server. */
  stmt = jd_db_prepare (search->db,
                        on_server (search) ?
                        "SELECT DISTINCT visitor_id FROM visitor_pair p"
                        " WHERE token >= ?1 AND token < ?2"
                        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM visitor_token o"
                        "                            WHERE o.visitor_id = p.visitor_id"
                        "                            AND o.token >= ?3 AND o.token < ?4 OFFSET 0))"
                        " ORDER BY visitor_id LIMIT ?5" :
                        "SELECT DISTINCT visitor_id FROM visitor_pair p"
                        " WHERE token >= ?1 AND token < ?2"
                        " AND (?3 IS NULL OR EXISTS (SELECT 1 FROM visitor_token o"
                        "                            WHERE o.visitor_id = p.visitor_id"
                        "                            AND o.token >= ?3 AND o.token < ?4))"
                        " ORDER BY visitor_id LIMIT ?5",
                        error);
  if (stmt == NULL)
    return FALSE;

  from = g_strconcat (PAIR_MARK, word, " ", g_ptr_array_index (needed, 0), NULL);
  to = g_strconcat (from, PREFIX_END, NULL);
  jd_stmt_bind_text_static (stmt, 1, from);
  jd_stmt_bind_text_static (stmt, 2, to);
  if (needed->len > 1)
    {
      end2 = g_strconcat (g_ptr_array_index (needed, 1), PREFIX_END, NULL);
      jd_stmt_bind_text_static (stmt, 3, g_ptr_array_index (needed, 1));
      jd_stmt_bind_text_static (stmt, 4, end2);
    }
  jd_stmt_bind_int (stmt, 5, (int) MIN (search->limit, CANDIDATES));
  *done = TRUE;
  return read_ids (search, stmt, ids, error);
}

/* collect_range() for the tokens that start with @word (and are longer)
 * on a server, through visitor_pair: the pairs whose first word starts
 * with @word are one range, read in key order, and those whose second
 * word starts with the first other word are the candidates (a key holds
 * one space, between its words). The index entries come one after the
 * other, where collect_range() looks each candidate up in the
 * (visitor_id, token) index: on a server a lookup costs a few
 * microseconds, and a common prefix ("еркебұл", "ұзақов") brought 2,000
 * of them, 8 to 60 ms a keystroke at 1,000,000 visitors. At most
 * PAIR_SCAN_ROWS keys are read: more visitors than SCAN_ROWS tokens,
 * with three or four pairs each. The second other word is checked in
 * visitor_token. Numbers and Latin keys have no pairs: FALSE in @done
 * then, as in a file. */
static gboolean
collect_prefix_pairs (Search       *search,
                      const char   *word,
                      GPtrArray    *others,
                      GArray       *ids,
                      gboolean     *done,
                      GError      **error)
{
  g_autoptr(GPtrArray) needed = g_ptr_array_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *end1 = NULL;
  g_autofree char *end2 = NULL;
  JdStmt *stmt;

  *done = FALSE;
  if (!on_server (search) || g_str_has_prefix (word, ROMAN_MARK) || jd_search_is_digits (word))
    return TRUE;
  for (guint i = 0; i < others->len; i++)
    {
      const char *other = g_ptr_array_index (others, i);

      if (g_str_has_prefix (other, ROMAN_MARK))
        return TRUE;
      if (!g_str_has_prefix (word, other))
        g_ptr_array_add (needed, (gpointer) other);
    }
  if (needed->len == 0)
    return TRUE;

  stmt = jd_db_prepare (search->db,
                        "SELECT p.visitor_id FROM"
                        " (SELECT token, visitor_id FROM visitor_pair"
                        "  WHERE token >= ?1 AND token < ?2 LIMIT ?7) p"
                        " WHERE split_part (p.token, ' ', 2) >= ?3"
                        " AND split_part (p.token, ' ', 2) < ?4"
                        " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM visitor_token o"
                        "                            WHERE o.visitor_id = p.visitor_id"
                        "                            AND o.token >= ?5 AND o.token < ?6 OFFSET 0))"
                        " LIMIT ?8",
                        error);
  if (stmt == NULL)
    return FALSE;

  /* Longer first words only: the word itself ends at the space, which
   * sorts before "!" and every letter; no token holds a control
   * character. */
  from = g_strconcat (PAIR_MARK, word, "!", NULL);
  to = g_strconcat (PAIR_MARK, word, PREFIX_END, NULL);
  end1 = g_strconcat (g_ptr_array_index (needed, 0), PREFIX_END, NULL);
  jd_stmt_bind_text_static (stmt, 1, from);
  jd_stmt_bind_text_static (stmt, 2, to);
  jd_stmt_bind_text_static (stmt, 3, g_ptr_array_index (needed, 0));
  jd_stmt_bind_text_static (stmt, 4, end1);
  if (needed->len > 1)
    {
      end2 = g_strconcat (g_ptr_array_index (needed, 1), PREFIX_END, NULL);
      jd_stmt_bind_text_static (stmt, 5, g_ptr_array_index (needed, 1));
      jd_stmt_bind_text_static (stmt, 6, end2);
    }
  jd_stmt_bind_int (stmt, 7, PAIR_SCAN_ROWS);
  jd_stmt_bind_int (stmt, 8, (int) MIN (search->limit, CANDIDATES));
  *done = TRUE;
  return read_ids (search, stmt, ids, error);
}

/* Exact tokens, then tokens that start with @word, each bounded. */
static gboolean
search_token (Search      *search,
              Pass        *pass,
              const char  *word,
              GPtrArray   *others,
              JdMatchKind  kind,
              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *exact_end = g_strconcat (word, EXACT_END, NULL);
  g_autofree char *prefix_end = g_strconcat (word, PREFIX_END, NULL);

  if (g_cancellable_set_error_if_cancelled (search->cancellable, error))
    return FALSE;

  if (kind == JD_MATCH_EXACT)
    {
      gboolean done;

      if (!collect_pairs (search, word, others, ids, &done, error))
        return FALSE;
      return (done || collect_range (search, word, exact_end, others, ids, error)) &&
             check_candidates (search, pass, ids, error);
    }
  else
    {
      gboolean done;

      if (!collect_prefix_pairs (search, word, others, ids, &done, error))
        return FALSE;
      return (done || collect_range (search, exact_end, prefix_end, others, ids, error)) &&
             check_candidates (search, pass, ids, error);
    }
}

/* A LIKE pattern that finds @word anywhere, for the trigram index; NULL
 * when the index could not narrow it down (no three characters in a
 * row). SQLite hands LIKE to FTS5 only without an ESCAPE clause, so % and
 * _ typed by someone become _, which matches them and anything else; the
 * candidates are then compared with the literal word. */
static char *
like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");
  glong run = 0, longest_run = 0;

  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (*p == '%' || *p == '_')
        {
          g_string_append_c (pattern, '_');
          run = 0;
        }
      else
        {
          g_string_append_len (pattern, p, g_utf8_next_char (p) - p);
          run++;
          longest_run = MAX (longest_run, run);
        }
    }
  g_string_append_c (pattern, '%');

  if (longest_run < 3)
    {
      g_string_free (pattern, TRUE);
      return NULL;
    }

  /* FTS5 (SQLite 3.40, Fts5ExprPattern) reads the byte after a LIKE
   * pattern's terminating zero: let it be ours, and zero. */
  g_string_append_len (pattern, "\0\0", 2);

  return g_string_free (pattern, FALSE);
}

/* like_pattern() for one of several words, which must all be in a row's
 * text: not a number dialled with 8, which the text holds as +7 dials
 * it ("асанов 8701"). */
static char *
filter_pattern (const char *word,
                GPtrArray  *words)
{
  g_autofree char *home = words->len > 1 ? jd_search_dialled_at_home (word) : NULL;

  return home == NULL ? like_pattern (word) : NULL;
}

/* Substrings of three characters and more, through the trigram index:
 * the longest words typed (up to MAX_LIKE_WORDS) must all be in the text.
 * @complete tells whether every row with them was looked at. */
static gboolean
search_substrings (Search     *search,
                   Pass       *pass,
                   GPtrArray  *sorted,
                   gboolean   *complete,
                   GError    **error)
{
  static const char * const sql[] = {
    "SELECT rowid FROM visitor_fts WHERE text LIKE ?1 LIMIT ?4",
    "SELECT rowid FROM visitor_fts WHERE text LIKE ?1 AND text LIKE ?2 LIMIT ?4",
    "SELECT rowid FROM visitor_fts WHERE text LIKE ?1 AND text LIKE ?2"
    " AND text LIKE ?3 LIMIT ?4",
  };
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JdStmt *stmt;

  *complete = FALSE;

  for (guint i = 0; i < sorted->len && patterns->len < MAX_LIKE_WORDS; i++)
    {
      char *pattern = filter_pattern (g_ptr_array_index (sorted, i), sorted);

      if (pattern != NULL)
        g_ptr_array_add (patterns, pattern);
    }

  if (patterns->len == 0)
    return TRUE;

  if (g_cancellable_set_error_if_cancelled (search->cancellable, error))
    return FALSE;

  stmt = jd_db_prepare (search->db, sql[patterns->len - 1], error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < patterns->len; i++)
    jd_stmt_bind_text_static (stmt, (int) i + 1, g_ptr_array_index (patterns, i));
  jd_stmt_bind_int (stmt, 4, CANDIDATES);

  if (!read_ids (search, stmt, ids, error))
    return FALSE;

  *complete = ids->len < CANDIDATES;
  return check_candidates (search, pass, ids, error);
}

static gint
compare_lengths (gconstpointer a,
                 gconstpointer b)
{
  glong la = g_utf8_strlen (*(const char * const *) a, -1);
  glong lb = g_utf8_strlen (*(const char * const *) b, -1);

  return la > lb ? -1 : la < lb;
}

/* Runs one pass over @words: exact, prefix and substring matches.
 *
 * The longest word (the most telling) drives: its exact and prefix
 * tokens are the candidates, the other words checked in the token index
 * on the way (at most SCAN_ROWS entries looked at). When another word
 * has three letters or more, the trigram index first finds the rows that
 * hold all of them at once, which is quick however common each is alone
 * ("асанов ержан"); when it found fewer rows than it takes, it found them
 * all, and the token index has nothing to add. */
static gboolean
run_pass (Search    *search,
          GPtrArray *words,
          gboolean   romanized,
          gboolean   translit,
          GError   **error)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) rejected = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                          g_free, NULL);
  g_autofree char *driver = NULL;
  g_autofree char *alt = NULL;
  Pass pass = { words, romanized, translit, rejected };
  const char *mark = romanized ? ROMAN_MARK : "";
  JdMatchKind enough_prefix = translit ? JD_MATCH_TRANSLIT : JD_MATCH_PREFIX;
  JdMatchKind enough_substring = translit ? JD_MATCH_TRANSLIT : JD_MATCH_SUBSTRING;
  gboolean substrings_first = FALSE;
  gboolean complete = FALSE;

  if (words->len == 0)
    return TRUE;

  for (guint i = 0; i < words->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (words, i));
  g_ptr_array_sort (sorted, compare_lengths);

  driver = g_strconcat (mark, g_ptr_array_index (sorted, 0), NULL);
  alt = romanized ? NULL : jd_search_dialled_at_home (driver);

  /* The other words checked in the index are prefixes of name words.
   * Numbers among them ("асанов 8701") are checked on the row, which
   * knows every spelling of a phone. */
  for (guint i = 1; i < sorted->len; i++)
    {
      const char *word = g_ptr_array_index (sorted, i);
      g_autofree char *pattern = romanized ? NULL : filter_pattern (word, sorted);

      /* Two words are one range of the name pairs (collect_pairs), far
       * cheaper than intersecting two trigram lists of a common surname. */
      if (pattern != NULL && sorted->len > 2)
        substrings_first = TRUE;
      if (!jd_search_is_digits (word) && others->len < MAX_SQL_WORDS)
        g_ptr_array_add (others, g_strconcat (mark, word, NULL));
    }

  if (substrings_first)
    {
      if (!search_substrings (search, &pass, sorted, &complete, error))
        return FALSE;
      if (complete || enough_up_to (search, enough_prefix))
        return TRUE;
    }

  /* Each step only while the list lacks matches as good as the best the
   * step could find; in a translit pass everything ranks the same, so
   * only a full list stops. */
  if (!search_token (search, &pass, driver, others, JD_MATCH_EXACT, error) ||
      (alt != NULL && !search_token (search, &pass, alt, others, JD_MATCH_EXACT, error)))
    return FALSE;

  if (enough_up_to (search, enough_prefix))
    return TRUE;

  if (!search_token (search, &pass, driver, others, JD_MATCH_PREFIX, error) ||
      (alt != NULL && !search_token (search, &pass, alt, others, JD_MATCH_PREFIX, error)))
    return FALSE;

  /* Latin keys have no substring index. */
  if (romanized || substrings_first || enough_up_to (search, enough_substring))
    return TRUE;

  return search_substrings (search, &pass, sorted, &complete, error);
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

/* A query of digits and phone punctuation only is one number:
 * "+7 (701) 123-45-67", "8 701 12". */
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

static gboolean
search_all (Search      *search,
            const char  *query,
            GError     **error)
{
  g_autofree char *number = as_number (query);
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) words = NULL;

  if (number != NULL)
    {
      words = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (words, g_steal_pointer (&number));
    }
  else
    {
      folded = jd_text_fold (query);
      words = jd_search_split_words (folded, FALSE);
    }

  if (!run_pass (search, words, FALSE, FALSE, error))
    return FALSE;

  /* Latin letters: Cyrillic typed on the wrong layout ("Fcfyjd"), or a
   * name spelled in Latin ("Asanov", "Yerzhan", "Ázim"). Both rank below
   * what was typed directly. */
  if (folded != NULL && has_latin (folded) &&
      !enough_up_to (search, JD_MATCH_SUBSTRING))
    {
      g_autofree char *converted = jd_text_from_wrong_layout (folded);
      g_autofree char *converted_folded = jd_text_fold (converted);
      g_autofree char *roman = jd_text_romanize (folded);
      g_autoptr(GPtrArray) converted_words = jd_search_split_words (converted_folded, FALSE);
      g_autoptr(GPtrArray) roman_words = jd_search_split_words (roman, FALSE);

      if (!run_pass (search, converted_words, FALSE, TRUE, error))
        return FALSE;

      if (!enough_up_to (search, JD_MATCH_TRANSLIT) &&
          !run_pass (search, roman_words, TRUE, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * jd_search_visitors:
 * @query: what was typed: any part of a name, a phone or an IIN
 * @limit: the most results wanted
 * @cancellable: (nullable): checked between the steps of the search
 *
 * Returns: (transfer full) (element-type JdSearchResult): the best
 *   matches first, or %NULL with @error set (G_IO_ERROR_CANCELLED when
 *   @cancellable was cancelled)
 */
GPtrArray *
jd_search_visitors (JdDb          *db,
                    const char    *query,
                    guint          limit,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gboolean own_transaction;
  gboolean ok;
  Search search = { 0 };

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_search_result_free);
  found = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (limit == 0)
    return g_steal_pointer (&results);

  search.db = db;
  search.limit = limit;
  search.cancellable = cancellable;
  search.results = results;
  search.found = found;

  /* One snapshot for the whole search, and one lock instead of one per
   * statement. Inside the caller's transaction, that one. */
  own_transaction = !jd_db_in_transaction (db);
  if (own_transaction && !jd_db_exec (db, "BEGIN", error))
    return NULL;

  ok = search_all (&search, query, error);
  if (ok)
    {
      g_ptr_array_sort (results, compare_results);
      if (results->len > limit)
        g_ptr_array_remove_range (results, limit, results->len - limit);
      ok = jd_search_read_consent (db, results, error);
    }

  if (own_transaction && jd_db_in_transaction (db))
    jd_db_exec (db, "COMMIT", NULL);

  if (!ok)
    return NULL;

  return g_steal_pointer (&results);
}

