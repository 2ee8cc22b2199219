/* jd-search.c: finding visitors as the receptionist types
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

#include <glib/gstdio.h>
#include <string.h>

#include "jd-db-private.h"
#include "jd-search.h"
#include "jd-text.h"

/* Candidates taken from one index range: enough for the first screen of
 * results however common a prefix is, few enough to stay fast. */
#define CANDIDATES 200
/* Index entries looked at in one range when other words must match too;
 * bounds the time a rare combination of common words can take. */
#define SCAN_ROWS 2000
/* Other words checked in SQL; more are checked on the loaded row. */
#define MAX_SQL_WORDS 2
/* Substring patterns given to the trigram index at once. */
#define MAX_LIKE_WORDS 3
/* Sorts after every string that starts with the text before it. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"
/* Sorts after the text before it and before any longer string: no token
 * holds a control character. */
#define EXACT_END "\x01"
#define ROMAN_MARK "~"
/* The page cache of a search worker's connection: 32 MiB (SQLite reads
 * a negative cache_size as KiB). */
#define WORKER_CACHE_KB -32768

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

/* Splits on spaces (and commas: "Асанов, Ержан"); with @pieces,
 * hyphenated words are also split. */
static GPtrArray *
split_words (const char *folded,
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

/* "8 701 …" is how a Kazakh number is dialled at home: the same as
 * "+7 701 …". NULL when @word is not such a number. */
static char *
dialled_at_home (const char *word)
{
  if (word[0] == '8' && word[1] != '\0' && is_digits (word))
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

typedef struct
{
  const char *token;
  gint64      visitor_id;
} BulkToken;

typedef struct
{
  GArray       *tokens;    /* of BulkToken */
  GStringChunk *text;
} BulkTokens;

static void
bulk_tokens_free (BulkTokens *bulk)
{
  g_array_unref (bulk->tokens);
  g_string_chunk_free (bulk->text);
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

/* The gathered tokens as a table, jd_bulk_token (visitor_id, token), read
 * by one INSERT … SELECT: a statement per token costs more than writing
 * the token. Only this connection's import sees it. */
typedef struct
{
  sqlite3_vtab  base;
  JdDb         *db;
} TokenTable;

typedef struct
{
  sqlite3_vtab_cursor  base;
  GArray              *tokens;
  guint                row;
} TokenCursor;

static int
token_table_connect (sqlite3             *handle,
                     void                *aux,
                     int                  argc,
                     const char * const  *argv,
                     sqlite3_vtab       **vtab,
                     char               **message)
{
  TokenTable *table;
  int rc = sqlite3_declare_vtab (handle, "CREATE TABLE x (visitor_id INTEGER, token TEXT)");

  if (rc != SQLITE_OK)
    return rc;
  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  table->db = aux;
  *vtab = &table->base;
  return SQLITE_OK;
}

static int
token_table_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

static int
token_table_best_index (sqlite3_vtab       *vtab,
                        sqlite3_index_info *info)
{
  info->estimatedCost = BULK_TOKENS;
  info->estimatedRows = BULK_TOKENS;
  return SQLITE_OK;
}

static int
token_cursor_open (sqlite3_vtab         *vtab,
                   sqlite3_vtab_cursor **cursor)
{
  TokenCursor *self = sqlite3_malloc (sizeof *self);

  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof *self);
  *cursor = &self->base;
  return SQLITE_OK;
}

static int
token_cursor_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
token_cursor_filter (sqlite3_vtab_cursor  *cursor,
                     int                   index,
                     const char           *index_name,
                     int                   argc,
                     sqlite3_value       **argv)
{
  TokenCursor *self = (TokenCursor *) cursor;
  BulkTokens *bulk = jd_db_get_bulk_data (((TokenTable *) cursor->pVtab)->db);

  self->tokens = bulk != NULL ? bulk->tokens : NULL;
  self->row = 0;
  return SQLITE_OK;
}

static int
token_cursor_next (sqlite3_vtab_cursor *cursor)
{
  ((TokenCursor *) cursor)->row++;
  return SQLITE_OK;
}

static int
token_cursor_eof (sqlite3_vtab_cursor *cursor)
{
  TokenCursor *self = (TokenCursor *) cursor;

  return self->tokens == NULL || self->row >= self->tokens->len;
}

static int
token_cursor_column (sqlite3_vtab_cursor *cursor,
                     sqlite3_context     *context,
                     int                  column)
{
  TokenCursor *self = (TokenCursor *) cursor;
  BulkToken *entry = &g_array_index (self->tokens, BulkToken, self->row);

  if (column == 0)
    sqlite3_result_int64 (context, entry->visitor_id);
  else
    sqlite3_result_text (context, entry->token, -1, SQLITE_STATIC);
  return SQLITE_OK;
}

static int
token_cursor_rowid (sqlite3_vtab_cursor *cursor,
                    sqlite3_int64       *rowid)
{
  *rowid = ((TokenCursor *) cursor)->row + 1;
  return SQLITE_OK;
}

static const sqlite3_module token_table_module = {
  .xConnect = token_table_connect,
  .xBestIndex = token_table_best_index,
  .xDisconnect = token_table_disconnect,
  .xOpen = token_cursor_open,
  .xClose = token_cursor_close,
  .xFilter = token_cursor_filter,
  .xNext = token_cursor_next,
  .xEof = token_cursor_eof,
  .xColumn = token_cursor_column,
  .xRowid = token_cursor_rowid,
};

static gboolean
bulk_flush (JdDb        *db,
            BulkTokens  *bulk,
            GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

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
  stmt = jd_db_prepare (db,
                        "INSERT INTO visitor_token (visitor_id, token)"
                        " SELECT visitor_id, token FROM jd_bulk_token",
                        error);
  ok = stmt != NULL && jd_db_step_done (db, stmt, error);
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
  sqlite3_stmt *stmt;

  if (token == NULL || *token == '\0')
    return TRUE;

  if ((bulk = jd_db_get_bulk_data (db)) != NULL)
    {
      BulkToken entry = { g_string_chunk_insert (bulk->text, token), visitor_id };

      g_array_append_val (bulk->tokens, entry);
      return bulk->tokens->len < BULK_TOKENS || bulk_flush (db, bulk, error);
    }

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

/**
 * jd_search_bulk_begin:
 *
 * For an import in the caller's transaction: until jd_search_bulk_end(),
 * the tokens of new visitors are gathered and written in key order.
 */
void
jd_search_bulk_begin (JdDb *db)
{
  BulkTokens *bulk = g_new0 (BulkTokens, 1);

  g_return_if_fail (db != NULL);

  bulk->tokens = g_array_new (FALSE, FALSE, sizeof (BulkToken));
  bulk->text = g_string_chunk_new (1024 * 1024);
  jd_db_set_bulk_data (db, bulk, (GDestroyNotify) bulk_tokens_free);
  /* Once per connection: an existing module of that name is replaced. */
  sqlite3_create_module (jd_db_get_handle (db), "jd_bulk_token", &token_table_module, db);
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
  name = g_strjoin (" ", surname ? surname : "", given_name ? given_name : "",
                    patronymic ? patronymic : "", NULL);
  folded = jd_text_fold (name);
  words = name_words (folded);
  phone_forms (phone, &full, &national);

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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL && keys != NULL, FALSE);

  for (guint i = 0; i < keys->tokens->len; i++)
    if (!add_token (db, visitor_id, keys->tokens->pdata[i], error))
      return FALSE;

  stmt = jd_db_prepare (db, "INSERT INTO visitor_fts (rowid, text) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  sqlite3_bind_text (stmt, 2, keys->text, -1, SQLITE_STATIC);
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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_db_exec (db, "DELETE FROM visitor_token; DELETE FROM visitor_fts;", error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "SELECT id, surname, given_name, patronymic, phone, iin"
                        " FROM visitor WHERE anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!jd_search_index_visitor (db, sqlite3_column_int64 (stmt, 0),
                                    (const char *) sqlite3_column_text (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    (const char *) sqlite3_column_text (stmt, 3),
                                    (const char *) sqlite3_column_text (stmt, 4),
                                    (const char *) sqlite3_column_text (stmt, 5),
                                    error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
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

  return jd_db_exec (db, "INSERT INTO visitor_fts (visitor_fts) VALUES ('optimize')", error);
}

/* Checking a candidate. */

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

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* FALSE without @error when the visitor is gone or anonymised. */
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
      row->surname = column_dup (stmt, 0);
      row->given_name = column_dup (stmt, 1);
      row->patronymic = column_dup (stmt, 2);
      row->birth_date = column_dup (stmt, 3);
      row->phone = column_dup (stmt, 4);
      row->iin = column_dup (stmt, 5);
      row->name_key = column_dup (stmt, 6);
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

/* How one typed number matches the phone or IIN: -1 when it does not. */
static int
match_digits (const char *word,
              const Row  *row)
{
  g_autofree char *full = NULL;
  g_autofree char *national = NULL;
  g_autofree char *alt = dialled_at_home (word);
  const char *forms[3];
  int best = -1;

  phone_forms (row->phone, &full, &national);
  forms[0] = full;
  forms[1] = national;
  forms[2] = row->iin;

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

/* How one typed word matches the words of a name: -1 when it does not.
 * One or two characters match the start of a word only. */
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

/* The weakest match over all words, or -1 when one word does not match:
 * every word typed must match. */
static int
classify (GPtrArray  *words,
          const Row  *row,
          gboolean    romanized)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *text = NULL;
  int worst = JD_MATCH_EXACT;

  text = romanized ? jd_text_romanize (row->name_key) : g_strdup (row->name_key);
  tokens = name_words (text);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      int kind = is_digits (word) ? match_digits (word, row)
                                  : match_name (word, tokens, text);

      if (kind < 0)
        return -1;
      worst = MAX (worst, kind);
    }

  return worst;
}

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
check_candidates (Search   *search,
                  Pass     *pass,
                  GArray   *ids,
                  GError  **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_auto(Row) row = { 0 };
      g_autoptr(GError) local_error = NULL;
      JdSearchResult *result;
      int kind;

      if (i % 32 == 0 && g_cancellable_set_error_if_cancelled (search->cancellable, error))
        return FALSE;

      if (g_hash_table_contains (search->found, &id) ||
          g_hash_table_contains (pass->rejected, &id))
        continue;

      if (!load_row (search->db, id, &row, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          add_id (pass->rejected, id);  /* anonymised */
          continue;
        }

      kind = classify (pass->words, &row, pass->romanized);
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
          sqlite3_stmt  *stmt,
          GArray        *ids,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (search->db, rc, error);
      return FALSE;
    }

  return TRUE;
}

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
  sqlite3_stmt *stmt;

  if (others->len == 0)
    {
      stmt = jd_db_prepare (search->db,
                            "SELECT visitor_id FROM visitor_token"
                            " WHERE token >= ?1 AND token < ?2 LIMIT ?3",
                            error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, CANDIDATES);
      return read_ids (search, stmt, ids, error);
    }
  else
    {
      g_autofree char *end1 = NULL;
      g_autofree char *end2 = NULL;
      const char *other1 = g_ptr_array_index (others, 0);
      const char *other2 = others->len > 1 ? g_ptr_array_index (others, 1) : NULL;

      stmt = jd_db_prepare (search->db,
                            "SELECT t.visitor_id FROM"
                            " (SELECT visitor_id FROM visitor_token"
                            "  WHERE token >= ?1 AND token < ?2 LIMIT ?7) t"
                            " WHERE EXISTS (SELECT 1 FROM visitor_token o"
                            "               WHERE o.visitor_id = t.visitor_id"
                            "               AND o.token >= ?3 AND o.token < ?4)"
                            " AND (?5 IS NULL OR EXISTS (SELECT 1 FROM visitor_token o"
                            "                            WHERE o.visitor_id = t.visitor_id"
                            "                            AND o.token >= ?5 AND o.token < ?6))"
                            " LIMIT ?8",
                            error);
      if (stmt == NULL)
        return FALSE;

      end1 = g_strconcat (other1, PREFIX_END, NULL);
      end2 = other2 ? g_strconcat (other2, PREFIX_END, NULL) : NULL;
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, other1, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, end1, -1, SQLITE_STATIC);
      if (other2 != NULL)
        {
          sqlite3_bind_text (stmt, 5, other2, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, end2, -1, SQLITE_STATIC);
        }
      sqlite3_bind_int (stmt, 7, SCAN_ROWS);
      sqlite3_bind_int (stmt, 8, (int) MIN (search->limit, CANDIDATES));
      return read_ids (search, stmt, ids, error);
    }
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
    return collect_range (search, word, exact_end, others, ids, error) &&
           check_candidates (search, pass, ids, error);
  else
    return collect_range (search, exact_end, prefix_end, others, ids, error) &&
           check_candidates (search, pass, ids, error);
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

  /* FTS5 (3.40, sqlite3Fts5ExprPattern) reads the byte after a LIKE
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
  g_autofree char *home = words->len > 1 ? dialled_at_home (word) : NULL;

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
  sqlite3_stmt *stmt;

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
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (patterns, i), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, CANDIDATES);

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
  alt = romanized ? NULL : dialled_at_home (driver);

  /* The other words checked in the index are prefixes of name words.
   * Numbers among them ("асанов 8701") are checked on the row, which
   * knows every spelling of a phone. */
  for (guint i = 1; i < sorted->len; i++)
    {
      const char *word = g_ptr_array_index (sorted, i);
      g_autofree char *pattern = romanized ? NULL : filter_pattern (word, sorted);

      if (pattern != NULL)
        substrings_first = TRUE;
      if (!is_digits (word) && others->len < MAX_SQL_WORDS)
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
      words = split_words (folded, FALSE);
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
      g_autoptr(GPtrArray) converted_words = split_words (converted_folded, FALSE);
      g_autoptr(GPtrArray) roman_words = split_words (roman, FALSE);

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
  sqlite3 *handle;
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
  handle = jd_db_get_handle (db);
  own_transaction = sqlite3_get_autocommit (handle);
  if (own_transaction && !jd_db_exec (db, "BEGIN", error))
    return NULL;

  ok = search_all (&search, query, error);

  if (own_transaction && !sqlite3_get_autocommit (handle))
    sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL);

  if (!ok)
    return NULL;

  g_ptr_array_sort (results, compare_results);
  if (results->len > limit)
    g_ptr_array_remove_range (results, limit, results->len - limit);

  return g_steal_pointer (&results);
}

/* Async: the searches run on GTask's worker threads, one at a time, on
 * one read-only connection of their own. It is opened by the first
 * search (opening and warming a connection costs more than a search:
 * measured 1.6 ms against 0.8 ms at the median on 100,000 visitors), kept
 * with its page cache, and opened again when the file at the path is
 * another one (a restored backup). One connection rather than one per
 * thread: a search made stale by the next keystroke waits for the lock and
 * then stops at once, and the memory of the cache is spent once. */

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

static GMutex reader_lock;
static struct
{
  char    *path;
  dev_t    dev;
  ino_t    ino;
  JdDb    *db;
} reader;

/* Called with reader_lock held. */
static JdDb *
get_reader (const char  *path,
            GError     **error)
{
  GStatBuf st;
  gboolean have_stat = g_stat (path, &st) == 0;

  if (reader.db != NULL && g_str_equal (reader.path, path) &&
      have_stat && st.st_dev == reader.dev && st.st_ino == reader.ino)
    return reader.db;

  g_clear_pointer (&reader.db, jd_db_close);
  g_clear_pointer (&reader.path, g_free);

  reader.db = jd_db_open (path, JD_DB_OPEN_READ_ONLY, error);
  if (reader.db == NULL)
    return NULL;

  /* Keystrokes of one name read the same pages again and again; a page
   * cache larger than SQLite's 2 MB keeps them (it fills only as far as
   * searches go). */
  jd_db_exec (reader.db, "PRAGMA cache_size = " G_STRINGIFY (WORKER_CACHE_KB), NULL);
  reader.path = g_strdup (path);
  reader.dev = have_stat ? st.st_dev : 0;
  reader.ino = have_stat ? st.st_ino : 0;

  return reader.db;
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  GPtrArray *results;
  JdDb *db;

  /* A search made stale by the next keystroke never starts. */
  if (g_task_return_error_if_cancelled (task))
    return;

  locker = g_mutex_locker_new (&reader_lock);
  if (g_task_return_error_if_cancelled (task))
    return;

  db = get_reader (data->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  results = jd_search_visitors (db, data->query, data->limit, cancellable, &error);
  g_clear_pointer (&locker, g_mutex_locker_free);

  if (results == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
  else
    g_ptr_array_unref (results);
}

/**
 * jd_search_close_reader:
 *
 * Closes the connection the asynchronous searches keep (before the
 * database file is replaced or removed, and at exit). The next search
 * opens it again.
 */
void
jd_search_close_reader (void)
{
  g_mutex_lock (&reader_lock);
  g_clear_pointer (&reader.db, jd_db_close);
  g_clear_pointer (&reader.path, g_free);
  g_mutex_unlock (&reader_lock);
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
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == jd_search_visitors_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
