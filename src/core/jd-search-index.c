/* jd-search-index.c: the search indexes of visitors, kept in step with
 * their rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two indexes over folded text (jd_text_fold: every Kazakh and Russian
 * letter, ё as е):
 *  - visitor_token, a B-tree of whole name words, their Latin keys
 *    ("~asanov") and the phone and IIN digits, answers exact words and
 *    prefixes of any length; its (visitor_id, token) index checks the
 *    other words of a query for a candidate without reading the row;
 *  - visitor_fts, an FTS5 trigram index over the same text, answers
 *    substrings of three characters and more through LIKE (never ordered
 *    by its rank, which is slow; never with an ESCAPE clause, which SQLite
 *    does not hand to FTS5, so that every row would be read).
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
 */
#define G_LOG_DOMAIN "jd-search"

#include "config.h"

#include <string.h>

#include "jd-search-private.h"
#include "jd-sql-array.h"
#include "jd-text.h"

gboolean
jd_search_is_digits (const char *word)
{
  if (*word == '\0')
    return FALSE;

  for (; *word != '\0'; word++)
    if (!g_ascii_isdigit (*word))
      return FALSE;

  return TRUE;
}

/* Splits on spaces (and commas: "Асанов, Ержан"); with @pieces,
 * hyphenated words are also split. */
GPtrArray *
jd_search_split_words (const char *folded,
                       gboolean    pieces)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit_set (folded, " ,;", -1);

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
GPtrArray *
jd_search_name_words (const char *folded)
{
  return jd_search_split_words (folded, TRUE);
}

/* Phone digits as people type them: the full +7 number and the ten
 * digits without the country code. */
void
jd_search_phone_forms (const char  *phone,
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

/* "8 701 …" is how a Kazakh number is dialled at home: the same as
 * "+7 701 …". NULL when @word is not such a number. */
char *
jd_search_dialled_at_home (const char *word)
{
  if (word[0] == '8' && word[1] != '\0' && jd_search_is_digits (word))
    return g_strconcat ("7", word + 1, NULL);

  return NULL;
}

/* Indexing. */

/* Imports: tokens gathered in memory, sorted and written in key order
 * (token, visitor) every BULK_TOKENS (about 50 MB) and at the end. Each
 * token put in its place in a B-tree of a million is a page read and
 * written at random; in order, pages are filled one after the other.
 * SQLite's own sort (INSERT … SELECT … ORDER BY) took three times as
 * long as this one. */
#define BULK_TOKENS (2 * 1024 * 1024)

/* On a server every statement is a round trip over the network: the
 * tokens, pairs and substring texts of a few hundred visitors go as one
 * INSERT … SELECT FROM unnest () per table, their columns bound as
 * array literals (jd-sql-array.c). */
#define SERVER_BATCH_TOKENS   8192
#define SERVER_BATCH_VISITORS 400

typedef JdDbToken BulkToken;

typedef struct
{
  GArray       *tokens;    /* of BulkToken */
  GStringChunk *text;
  /* On a server: visitor_fts rows waiting (ids, and texts in @text). */
  gboolean      server;
  GArray       *fts_ids;   /* of gint64 */
  GPtrArray    *fts_text;  /* of const char *, in @text */
} BulkTokens;

static void
bulk_tokens_free (BulkTokens *bulk)
{
  g_array_unref (bulk->tokens);
  g_string_chunk_free (bulk->text);
  g_clear_pointer (&bulk->fts_ids, g_array_unref);
  g_clear_pointer (&bulk->fts_text, g_ptr_array_unref);
  g_free (bulk);
}

static int
compare_tokens (gconstpointer a,
                gconstpointer b)
{
  const BulkToken *x = a, *y = b;
  int order = strcmp (x->token, y->token);

  if (order != 0)
    return order;
  return (x->visitor_id > y->visitor_id) - (x->visitor_id < y->visitor_id);
}

/* What the table jd_bulk_token reads (jd_db_create_token_table ()). */
static GArray *
gathered_tokens (JdDb *db)
{
  BulkTokens *bulk = jd_db_get_bulk_data (db);

  return bulk != NULL ? bulk->tokens : NULL;
}

static void
sort_tokens (BulkTokens *bulk)
{
  /* Sorted, a token repeated for one visitor ("Серік Серікұлы" gives
   * "~serik" twice) is next to itself, and kept once. New visitors'
   * tokens are not in the table yet: nothing else can clash, and
   * without an ON CONFLICT clause SQLite does not look up every new
   * rowid first. */
  g_array_sort (bulk->tokens, compare_tokens);
  if (bulk->tokens->len > 1)
    {
      guint kept = 1;

      for (guint i = 1; i < bulk->tokens->len; i++)
        {
          BulkToken *entry = &g_array_index (bulk->tokens, BulkToken, i);

          if (compare_tokens (entry, &g_array_index (bulk->tokens, BulkToken, kept - 1)) != 0)
            g_array_index (bulk->tokens, BulkToken, kept++) = *entry;
        }
      g_array_set_size (bulk->tokens, kept);
    }
}

/* One INSERT of @sql with two arrays bound as ?1 and ?2. */
static gboolean
insert_arrays (JdDb        *db,
               const char  *sql,
               const char  *first,
               const char  *second,
               GError     **error)
{
  JdStmt *stmt = jd_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_text_static (stmt, 1, first);
  jd_stmt_bind_text_static (stmt, 2, second);
  return jd_db_step_done (db, stmt, error);
}

/* A server's batch: the tokens (pairs first, as sorted), then the
 * substring texts, a statement per table. Tokens of new visitors only,
 * but a token twice in a batch is ignored as one row alone would be. */
static gboolean
server_flush (JdDb        *db,
              BulkTokens  *bulk,
              GError     **error)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) texts = g_string_new (NULL);
  gboolean ok = TRUE;
  guint i = 0;

  sort_tokens (bulk);
  for (int table = 0; ok && table < 2; table++)
    {
      g_autofree char *id_array = NULL;
      g_autofree char *text_array = NULL;
      gboolean any = FALSE;

      for (; i < bulk->tokens->len; i++)
        {
          BulkToken *entry = &g_array_index (bulk->tokens, BulkToken, i);

          if ((entry->token[0] == PAIR_MARK[0]) != (table == 0))
            break;
          jd_sql_array_append_int64 (ids, entry->visitor_id);
          jd_sql_array_append_text (texts, entry->token);
          any = TRUE;
        }
      if (!any)
        continue;
      id_array = jd_sql_array_end (ids);
      text_array = jd_sql_array_end (texts);
      ok = insert_arrays (db,
                          table == 0
                          ? "INSERT INTO visitor_pair (visitor_id, token)"
                            " SELECT * FROM unnest (CAST (?1 AS bigint[]), CAST (?2 AS text[]))"
                            " ON CONFLICT DO NOTHING"
                          : "INSERT INTO visitor_token (visitor_id, token)"
                            " SELECT * FROM unnest (CAST (?1 AS bigint[]), CAST (?2 AS text[]))"
                            " ON CONFLICT DO NOTHING",
                          id_array, text_array, error);
    }

  if (ok && bulk->fts_ids->len > 0)
    {
      g_autofree char *id_array = NULL;
      g_autofree char *text_array = NULL;

      for (guint j = 0; j < bulk->fts_ids->len; j++)
        jd_sql_array_append_int64 (ids, g_array_index (bulk->fts_ids, gint64, j));
      id_array = jd_sql_array_end (ids);
      text_array = jd_sql_text_array ((const char * const *) bulk->fts_text->pdata, bulk->fts_text->len);
      ok = insert_arrays (db,
                          "INSERT INTO visitor_fts (rowid, text)"
                          " SELECT * FROM unnest (CAST (?1 AS bigint[]), CAST (?2 AS text[]))",
                          id_array, text_array, error);
    }

  g_array_set_size (bulk->tokens, 0);
  g_array_set_size (bulk->fts_ids, 0);
  g_ptr_array_set_size (bulk->fts_text, 0);
  g_string_chunk_clear (bulk->text);
  return ok;
}

static gboolean
bulk_flush (JdDb        *db,
            BulkTokens  *bulk,
            GError     **error)
{
  JdStmt *stmt;
  gboolean ok;

  if (bulk->server)
    return server_flush (db, bulk, error);

  sort_tokens (bulk);
  /* Pairs sort first (PAIR_MARK) and go to their own table. */
  stmt = jd_db_prepare (db,
                        "INSERT INTO visitor_token (visitor_id, token)"
                        " SELECT visitor_id, token FROM jd_bulk_token WHERE token >= char(3)",
                        error);
  ok = stmt != NULL && jd_db_step_done (db, stmt, error);
  if (ok)
    {
      stmt = jd_db_prepare (db,
                            "INSERT INTO visitor_pair (token, visitor_id)"
                            " SELECT token, visitor_id FROM jd_bulk_token WHERE token < char(3)",
                            error);
      ok = stmt != NULL && jd_db_step_done (db, stmt, error);
    }
  g_array_set_size (bulk->tokens, 0);
  g_string_chunk_clear (bulk->text);
  return ok;
}

static gboolean
add_token (JdDb        *db,
           gint64       visitor_id,
           const char  *token,
           GError     **error)
{
  BulkTokens *bulk;
  JdStmt *stmt;

  if (token == NULL || *token == '\0')
    return TRUE;

  if ((bulk = jd_db_get_bulk_data (db)) != NULL)
    {
      BulkToken entry = { g_string_chunk_insert (bulk->text, token), visitor_id };

      g_array_append_val (bulk->tokens, entry);
      return bulk->tokens->len < (bulk->server ? SERVER_BATCH_TOKENS : BULK_TOKENS) ||
             bulk_flush (db, bulk, error);
    }

  if (token[0] == PAIR_MARK[0])
    stmt = jd_db_prepare (db,
                          "INSERT INTO visitor_pair (visitor_id, token) VALUES (?1, ?2)"
                          " ON CONFLICT DO NOTHING",
                          error);
  else
    stmt = jd_db_prepare (db,
                          "INSERT INTO visitor_token (visitor_id, token) VALUES (?1, ?2)"
                          " ON CONFLICT DO NOTHING",
                          error);
  if (stmt == NULL)
    return FALSE;

  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  jd_stmt_bind_text (stmt, 2, token);
  return jd_db_step_done (db, stmt, error);
}

/**
 * jd_search_bulk_begin:
 *
 * For an import in the caller's transaction: until jd_search_bulk_end(),
 * the tokens of new visitors are gathered and written in key order (on
 * a server, with their substring texts, in batches). Nothing may read
 * the search tables in between: what is gathered is not there yet.
 */
void
jd_search_bulk_begin (JdDb *db)
{
  BulkTokens *bulk;

  g_return_if_fail (db != NULL);

  bulk = g_new0 (BulkTokens, 1);
  bulk->tokens = g_array_new (FALSE, FALSE, sizeof (BulkToken));
  bulk->server = jd_db_get_engine_kind (db) != JD_DB_ENGINE_SQLITE;
  /* A server has no table over memory (jd_db_create_token_table ()):
   * its batches are bound as arrays. */
  if (bulk->server)
    {
      bulk->text = g_string_chunk_new (64 * 1024);
      bulk->fts_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      bulk->fts_text = g_ptr_array_new ();
      jd_db_set_bulk_data (db, bulk, (GDestroyNotify) bulk_tokens_free);
      return;
    }

  bulk->text = g_string_chunk_new (1024 * 1024);
  jd_db_set_bulk_data (db, bulk, (GDestroyNotify) bulk_tokens_free);
  jd_db_create_token_table (db, "jd_bulk_token", gathered_tokens, BULK_TOKENS);
}

/**
 * jd_search_bulk_end:
 * @write: %FALSE to drop what was gathered (the transaction is rolled back)
 */
gboolean
jd_search_bulk_end (JdDb      *db,
                    gboolean   write,
                    GError   **error)
{
  BulkTokens *bulk;
  gboolean ok = TRUE;

  g_return_val_if_fail (db != NULL, FALSE);

  bulk = jd_db_get_bulk_data (db);
  if (bulk != NULL && write)
    ok = bulk_flush (db, bulk, error);
  jd_db_set_bulk_data (db, NULL, NULL);
  return ok;
}

/**
 * jd_search_unindex_visitor:
 *
 * Removes a visitor from the search indexes (a deleted or anonymised
 * person is found no more). Call in the transaction that changes the row.
 */
gboolean
jd_search_unindex_visitor (JdDb    *db,
                           gint64   visitor_id,
                           GError **error)
{
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, FALSE);

  /* visitor_pair has no index by visitor: its keys are made again from
   * the tokens, before they go. (Pairs of a visitor deleted with its
   * row stay behind; a search checks every candidate on its row.) */
  stmt = jd_db_prepare (db,
                        "DELETE FROM visitor_pair WHERE (token, visitor_id) IN"
                        " (SELECT char(2) || a.token || ' ' || b.token, a.visitor_id"
                        "  FROM visitor_token a JOIN visitor_token b USING (visitor_id)"
                        "  WHERE a.visitor_id = ?1 AND a.token <> b.token)",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  stmt = jd_db_prepare (db, "DELETE FROM visitor_token WHERE visitor_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  stmt = jd_db_prepare (db, "DELETE FROM visitor_fts WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  return jd_db_step_done (db, stmt, error);
}

/**
 * jd_search_index_visitor:
 *
 * Indexes the visitor's folded name words and their Latin keys, the phone
 * digits (with and without the country code 7) and the IIN for exact and
 * prefix look-ups, and the folded name, phone digits and IIN as one text
 * for substrings. Replaces what was indexed for @visitor_id before.
 */
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
  g_return_val_if_fail (db != NULL, FALSE);

  return jd_search_unindex_visitor (db, visitor_id, error) &&
         jd_search_index_new_visitor (db, visitor_id, surname, given_name, patronymic, phone, iin,
                                      error);
}

void
jd_search_keys_free (JdSearchKeys *keys)
{
  if (keys == NULL)
    return;

  g_ptr_array_unref (keys->tokens);
  g_ptr_array_unref (keys->pairs);
  g_free (keys->text);
  g_free (keys);
}

/**
 * jd_search_keys_new:
 *
 * What a visitor is found by, worked out from the name, phone and IIN
 * alone (no database: an import does it on its reading thread).
 */
JdSearchKeys *
jd_search_keys_new (const char *surname,
                    const char *given_name,
                    const char *patronymic,
                    const char *phone,
                    const char *iin)
{
  JdSearchKeys *keys = g_new0 (JdSearchKeys, 1);
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  char *full = NULL;
  char *national = NULL;
  g_autoptr(GPtrArray) words = NULL;
  GString *text;

  keys->tokens = g_ptr_array_new_with_free_func (g_free);
  keys->pairs = g_ptr_array_new_with_free_func (g_free);
  name = g_strjoin (" ", surname ? surname : "", given_name ? given_name : "",
                    patronymic ? patronymic : "", NULL);
  folded = jd_text_fold (name);
  words = jd_search_name_words (folded);
  jd_search_phone_forms (phone, &full, &national);

  /* Every ordered pair of different name words (pieces too), for a
   * common word with the start of another ("бекмұханова ш"). */
  for (guint i = 0; i < words->len; i++)
    for (guint j = 0; j < words->len; j++)
      if (!g_str_equal (words->pdata[i], words->pdata[j]))
        g_ptr_array_add (keys->pairs, g_strconcat (PAIR_MARK, words->pdata[i], " ",
                                                   words->pdata[j], NULL));

  /* The words move to the tokens. */
  g_ptr_array_set_free_func (words, NULL);
  for (guint i = 0; i < words->len; i++)
    {
      char *word = words->pdata[i];
      g_autofree char *roman = jd_text_romanize (word);

      g_ptr_array_add (keys->tokens, word);
      /* Hyphenated words are keyed by their pieces. */
      if (*roman != '\0' && strchr (roman, ' ') == NULL)
        g_ptr_array_add (keys->tokens, g_strconcat (ROMAN_MARK, roman, NULL));
    }

  text = g_string_new (folded);
  if (full != NULL)
    {
      g_string_append_printf (text, " %s", full);
      g_ptr_array_add (keys->tokens, full);
    }
  if (national != NULL)
    g_ptr_array_add (keys->tokens, national);
  if (iin != NULL && *iin != '\0')
    {
      g_string_append_printf (text, " %s", iin);
      g_ptr_array_add (keys->tokens, g_strdup (iin));
    }
  keys->text = g_string_free (text, FALSE);
  return keys;
}

/**
 * jd_search_index_keys:
 *
 * Indexes a visitor inserted in this transaction by @keys.
 */
gboolean
jd_search_index_keys (JdDb                *db,
                      gint64               visitor_id,
                      const JdSearchKeys  *keys,
                      GError             **error)
{
  BulkTokens *bulk;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL && keys != NULL, FALSE);

  for (guint i = 0; i < keys->tokens->len; i++)
    if (!add_token (db, visitor_id, keys->tokens->pdata[i], error))
      return FALSE;
  for (guint i = 0; i < keys->pairs->len; i++)
    if (!add_token (db, visitor_id, keys->pairs->pdata[i], error))
      return FALSE;

  bulk = jd_db_get_bulk_data (db);
  if (bulk != NULL && bulk->server)
    {
      g_array_append_val (bulk->fts_ids, visitor_id);
      g_ptr_array_add (bulk->fts_text, g_string_chunk_insert (bulk->text, keys->text));
      return bulk->fts_ids->len < SERVER_BATCH_VISITORS || bulk_flush (db, bulk, error);
    }

  stmt = jd_db_prepare (db, "INSERT INTO visitor_fts (rowid, text) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  jd_stmt_bind_text_static (stmt, 2, keys->text);
  return jd_db_step_done (db, stmt, error);
}

/**
 * jd_search_index_new_visitor:
 *
 * jd_search_index_visitor() for a visitor inserted in this transaction:
 * there is nothing to replace, so two deletes per row are saved on
 * imports and demo data.
 */
gboolean
jd_search_index_new_visitor (JdDb        *db,
                             gint64       visitor_id,
                             const char  *surname,
                             const char  *given_name,
                             const char  *patronymic,
                             const char  *phone,
                             const char  *iin,
                             GError     **error)
{
  g_autoptr(JdSearchKeys) keys = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  keys = jd_search_keys_new (surname, given_name, patronymic, phone, iin);
  return jd_search_index_keys (db, visitor_id, keys, error);
}

/**
 * jd_search_reindex_all:
 *
 * Empties both search indexes and indexes every visitor who was not
 * anonymised again. Call inside a transaction: a schema migration, which
 * changes what is indexed, calls it.
 */
gboolean
jd_search_reindex_all (JdDb    *db,
                       GError **error)
{
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_db_exec (db, "DELETE FROM visitor_token; DELETE FROM visitor_pair; DELETE FROM visitor_fts;",
                   error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "SELECT id, surname, given_name, patronymic, phone, iin"
                        " FROM visitor WHERE anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      if (!jd_search_index_visitor (db, jd_stmt_column_int64 (stmt, 0),
                                    jd_stmt_column_text (stmt, 1),
                                    jd_stmt_column_text (stmt, 2),
                                    jd_stmt_column_text (stmt, 3),
                                    jd_stmt_column_text (stmt, 4),
                                    jd_stmt_column_text (stmt, 5),
                                    error))
        {
          jd_stmt_reset (stmt);
          return FALSE;
        }
    }

  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * jd_search_index_pairs:
 *
 * Fills visitor_pair from the visitor rows (the v9 migration), in the
 * caller's transaction, in key order through the bulk tokens.
 */
gboolean
jd_search_index_pairs (JdDb    *db,
                       GError **error)
{
  JdStmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_db_exec (db, "DELETE FROM visitor_pair", error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "SELECT id, surname, given_name, patronymic"
                        " FROM visitor WHERE anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;

  jd_search_bulk_begin (db);
  while (ok && (rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);
      g_autoptr(JdSearchKeys) keys = jd_search_keys_new (jd_stmt_column_text (stmt, 1),
                                                         jd_stmt_column_text (stmt, 2),
                                                         jd_stmt_column_text (stmt, 3),
                                                         NULL, NULL);

      for (guint i = 0; ok && i < keys->pairs->len; i++)
        ok = add_token (db, id, keys->pairs->pdata[i], error);
    }
  jd_stmt_reset (stmt);
  if (ok && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      ok = FALSE;
    }

  return jd_search_bulk_end (db, ok, ok ? error : NULL) && ok;
}

/**
 * jd_search_optimize:
 *
 * Merges the segments of the trigram index (FTS5 'optimize'); SQLite's
 * automatic merging keeps them bounded anyway, so this is for after bulk
 * inserts. Not inside a transaction of the caller's.
 */
gboolean
jd_search_optimize (JdDb    *db,
                    GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  /* The server's trigram index is a GIN index, which keeps itself. */
  if (jd_db_get_engine_kind (db) != JD_DB_ENGINE_SQLITE)
    return TRUE;

  return jd_db_exec (db, "INSERT INTO visitor_fts (visitor_fts) VALUES ('optimize')", error);
}
