/* jd-search-match.c: how a visitor's row matches the words typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-search"

#include "config.h"

#include <string.h>

#include "jd-search-private.h"
#include "jd-text.h"

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

void
jd_search_row_clear (JdSearchRow *row)
{
  g_free (row->surname);
  g_free (row->given_name);
  g_free (row->patronymic);
  g_free (row->birth_date);
  g_free (row->phone);
  g_free (row->iin);
  g_free (row->name_key);
}


static char *
column_dup (JdStmt *stmt,
            int     column)
{
  return g_strdup (jd_stmt_column_text (stmt, column));
}

/* The statement jd_search_load_row() runs, prepared once for all the
 * candidates of a range: looking a statement up by its text costs as
 * much as a short query. Consent is not read here but for the hits kept
 * (jd_search_read_consent()): most candidates are not. */
JdStmt *
jd_search_prepare_row (JdDb    *db,
                       GError **error)
{
  return jd_db_prepare (db,
                        "SELECT surname, given_name, patronymic, birth_date, phone, iin, name_key,"
                        " (SELECT max (time_in) FROM visit WHERE visitor_id = v.id)"
                        " FROM visitor v WHERE id = ?1 AND anonymised_at IS NULL",
                        error);
}

/* Reads visitor @id with @stmt from jd_search_prepare_row(); FALSE
 * without @error when the visitor is gone or anonymised. */
gboolean
jd_search_load_row (JdDb         *db,
                    JdStmt       *stmt,
                    gint64        id,
                    JdSearchRow  *row,
                    GError      **error)
{
  int rc;

  jd_stmt_bind_int64 (stmt, 1, id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    {
      row->surname = column_dup (stmt, 0);
      row->given_name = column_dup (stmt, 1);
      row->patronymic = column_dup (stmt, 2);
      row->birth_date = column_dup (stmt, 3);
      row->phone = column_dup (stmt, 4);
      row->iin = column_dup (stmt, 5);
      row->name_key = column_dup (stmt, 6);
      row->last_visit = jd_stmt_column_int64 (stmt, 7);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return rc == JD_STEP_ROW;
}

/* @ids (gint64) as a server's array literal, "{1,2,3}". */
static char *
id_array (const gint64 *ids,
          guint         n_ids)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (text, '}');

  return g_string_free (text, FALSE);
}

static void
row_free (JdSearchRow *row)
{
  jd_search_row_clear (row);
  g_free (row);
}

/* jd_search_load_row() for the visitors @ids (gint64) at once, in one
 * statement: on a server every statement is a round trip (a tenth of a
 * millisecond and more), and a range brings up to two hundred
 * candidates. Returns a table of visitor id (gint64 *) to JdSearchRow,
 * without the visitors that are gone or anonymised; NULL with @error
 * when the server fails. The server's own SQL (an array parameter): the
 * file keeps one statement per row, which costs it nothing. */
GHashTable *
jd_search_load_rows (JdDb     *db,
                     GArray   *ids,
                     GError  **error)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                      g_free, (GDestroyNotify) row_free);
  g_autofree char *array = NULL;
  JdStmt *stmt;
  int rc;

  if (ids->len == 0)
    return g_steal_pointer (&rows);

  stmt = jd_db_prepare (db,
                        "SELECT id, surname, given_name, patronymic, birth_date, phone, iin, name_key,"
                        " (SELECT max (time_in) FROM visit WHERE visitor_id = v.id)"
                        " FROM visitor v WHERE id = ANY (CAST (?1 AS bigint[]))"
                        " AND anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return NULL;

  array = id_array ((const gint64 *) ids->data, ids->len);
  jd_stmt_bind_text_static (stmt, 1, array);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      JdSearchRow *row = g_new0 (JdSearchRow, 1);
      gint64 *id = g_new (gint64, 1);

      *id = jd_stmt_column_int64 (stmt, 0);
      row->surname = column_dup (stmt, 1);
      row->given_name = column_dup (stmt, 2);
      row->patronymic = column_dup (stmt, 3);
      row->birth_date = column_dup (stmt, 4);
      row->phone = column_dup (stmt, 5);
      row->iin = column_dup (stmt, 6);
      row->name_key = column_dup (stmt, 7);
      row->last_visit = jd_stmt_column_int64 (stmt, 8);
      g_hash_table_replace (rows, id, row);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* jd_search_read_consent() on a server: one statement for all. */
static gboolean
read_consent_at_once (JdDb       *db,
                      GPtrArray  *results,
                      GError    **error)
{
  g_autoptr(GHashTable) given = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree gint64 *ids = g_new (gint64, results->len);
  g_autofree char *array = NULL;
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db,
                        "SELECT DISTINCT visitor_id FROM consent"
                        " WHERE visitor_id = ANY (CAST (?1 AS bigint[])) AND withdrawn_on IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < results->len; i++)
    ids[i] = ((JdSearchResult *) g_ptr_array_index (results, i))->visitor_id;
  array = id_array (ids, results->len);
  jd_stmt_bind_text_static (stmt, 1, array);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = jd_stmt_column_int64 (stmt, 0);
      g_hash_table_add (given, id);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  for (guint i = 0; i < results->len; i++)
    {
      JdSearchResult *result = g_ptr_array_index (results, i);

      result->consent_given = g_hash_table_contains (given, &result->visitor_id);
    }

  return TRUE;
}

/* Sets consent_given on each of @results (JdSearchResult): whether the
 * visitor has a consent that is not withdrawn. */
gboolean
jd_search_read_consent (JdDb       *db,
                        GPtrArray  *results,
                        GError    **error)
{
  JdStmt *stmt;

  if (results->len == 0)
    return TRUE;
  if (jd_db_get_engine_kind (db) == JD_DB_ENGINE_POSTGRESQL)
    return read_consent_at_once (db, results, error);

  stmt = jd_db_prepare (db,
                        "SELECT EXISTS (SELECT 1 FROM consent"
                        " WHERE visitor_id = ?1 AND withdrawn_on IS NULL)",
                        error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < results->len; i++)
    {
      JdSearchResult *result = g_ptr_array_index (results, i);
      int rc;

      jd_stmt_bind_int64 (stmt, 1, result->visitor_id);
      rc = jd_stmt_step (stmt);
      if (rc == JD_STEP_ROW)
        result->consent_given = jd_stmt_column_int (stmt, 0) != 0;
      jd_stmt_reset (stmt);

      if (rc != JD_STEP_ROW)
        {
          jd_db_set_error (db, rc, error);
          return FALSE;
        }
    }

  return TRUE;
}

/* How one typed number matches the phone or IIN: -1 when it does not. */
static int
match_digits (const char        *word,
              const JdSearchRow *row)
{
  g_autofree char *full = NULL;
  g_autofree char *national = NULL;
  g_autofree char *alt = jd_search_dialled_at_home (word);
  const char *forms[3];
  int best = -1;

  jd_search_phone_forms (row->phone, &full, &national);
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
int
jd_search_classify (GPtrArray         *words,
                    const JdSearchRow *row,
                    gboolean           romanized)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autofree char *text = NULL;
  int worst = JD_MATCH_EXACT;

  text = romanized ? jd_text_romanize (row->name_key) : g_strdup (row->name_key);
  tokens = jd_search_name_words (text);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      int kind = jd_search_is_digits (word) ? match_digits (word, row)
                                  : match_name (word, tokens, text);

      if (kind < 0)
        return -1;
      worst = MAX (worst, kind);
    }

  return worst;
}
