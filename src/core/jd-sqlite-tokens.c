/* jd-sqlite-tokens.c: a GArray of (visitor, token) pairs as a table,
 * for the search index's bulk writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <string.h>

#include "jd-sqlite-private.h"

typedef struct
{
  JdDb           *db;
  JdDbTokensFunc  get;
  gint64          estimated_rows;
} TokenSource;

/* The rows of a TokenSource as a virtual table (visitor_id, token). */
typedef struct
{
  sqlite3_vtab  base;
  TokenSource  *source;
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
  table->source = aux;
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
  TokenSource *source = ((TokenTable *) vtab)->source;

  info->estimatedCost = source->estimated_rows;
  info->estimatedRows = source->estimated_rows;
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
  TokenTable *table = (TokenTable *) cursor->pVtab;

  self->tokens = table->source->get (table->source->db);
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
  JdDbToken *entry = &g_array_index (self->tokens, JdDbToken, self->row);

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

/**
 * jd_db_create_token_table:
 * @get: returns the rows, a #GArray of #JdDbToken (or %NULL for none),
 *   each time the table is read
 *
 * Makes @name (visitor_id, token) a table on this connection only.
 */
void
jd_db_create_token_table (JdDb           *db,
                          const char     *name,
                          JdDbTokensFunc  get,
                          gint64          estimated_rows)
{
  TokenSource *source;

  /* None on a server yet: a statement reading @name fails there. */
  if (!jd_db_is_sqlite (db))
    return;

  source = g_new0 (TokenSource, 1);
  source->db = db;
  source->get = get;
  source->estimated_rows = estimated_rows;
  /* Once per connection: an existing module of that name is replaced
   * (and its source freed). */
  sqlite3_create_module_v2 (jd_db_get_handle (db), name, &token_table_module, source, g_free);
}
