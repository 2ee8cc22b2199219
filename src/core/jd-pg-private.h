/* jd-pg-private.h: what the files of the PostgreSQL engine share
 *
 * The centre server's engine: jd-pg.c (the connection, errors,
 * transactions), jd-pg-stmt.c (statements) and jd-pg-sql.c (the core's
 * SQLite-flavoured SQL in PostgreSQL's words). See README.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "jd-db-engine-private.h"

G_BEGIN_DECLS

/* What a statement returns when the server refused it: the details are
 * kept on the connection for jd_db_set_error(). Neither JD_STEP_ROW nor
 * JD_STEP_DONE. */
#define JD_PG_RC_ERROR 1

/* The advisory lock every writing transaction takes (jd_db_begin()):
 * 'JDsk', as in the SQLite file's application id. */
#define JD_PG_WRITE_LOCK 0x4A44736B

/* Rows of one FETCH of a streamed statement (jd-pg-stmt.c): about
 * 0.5 MB of an export's rows, and 50 round trips for 100,000 of them. */
#define JD_PG_STREAM_BATCH_ROWS 2000

typedef struct
{
  PGconn     *conn;
  char       *display;        /* "host:port/dbname", no password */
  guint       n_statements;   /* names the prepared statements */
  gint64      last_insert_id;
  int         changes;
  gint64      total_changes;
  char       *error_state;    /* SQLSTATE of the last failure, or NULL */
  char       *error_message;  /* the server's (or libpq's) words */
  GHashTable *id_tables;      /* table → whether it has an id column */
  /* Told when a statement finds the connection gone (jd-pg-watch.c). */
  void      (*lost_func) (gpointer user_data);
  gpointer    lost_data;
  /* Statements that return rows read them through cursors, in batches
   * (jd_db_set_streaming(), jd-pg-stmt.c). */
  gboolean    streaming;
  guint       n_cursors;      /* names the cursors */
  /* Moves whenever a transaction may have ended (its cursors with it):
   * a cursor of an older serial is never fetched from nor closed. */
  guint       xact_serial;
  /* The statement whose next FETCH is on its way (sent with
   * PQsendQuery, jd-pg-stmt.c), or NULL: its answer is read before the
   * connection does anything else (jd_pg_get () waits for it). */
  gpointer    prefetching;
} JdPg;

JdDb         *jd_pg_open             (const char     *conninfo,
                                      JdDbOpenFlags   flags,
                                      GError        **error);
/* The engine's state; first waits for a FETCH on its way, if any, so
 * that the connection is free for the caller's command. */
JdPg         *jd_pg_get              (JdDb           *db);
/* Reads the answer of the FETCH on its way into its statement (jd-pg-stmt.c). */
void          jd_pg_drain            (JdPg           *pg);
/* The server connection of @db, or NULL for a file. */
PGconn       *jd_db_get_pg_conn      (JdDb           *db);

/* @func is called (on the thread that runs the statement, inside it:
 * it may only note it) whenever a statement fails because the
 * connection is gone; NULL to stop. */
void          jd_pg_set_lost_func    (JdDb           *db,
                                      void          (*func) (gpointer user_data),
                                      gpointer        user_data);
/* Makes the connection again if it is broken (PQreset), sets the
 * session up as jd_pg_open() does, and forgets the prepared statements.
 * A connection that still answers is left as it is. Blocks until the
 * server answers or the connect timeout passes. */
gboolean      jd_pg_reconnect        (JdDb           *db,
                                      GError        **error);

/* Keeps what went wrong: @result's SQLSTATE and message, or libpq's own
 * message when @result is NULL or has none. */
void          jd_pg_remember_error   (JdPg           *pg,
                                      const PGresult *result);
/* The last remembered failure as a #JD_DB_ERROR for people. */
void          jd_pg_set_error        (JdDb           *db,
                                      int             rc,
                                      GError        **error);
/* Notes an INSERT, UPDATE or DELETE's count for jd_db_changes(). */
void          jd_pg_note_changes     (JdPg           *pg,
                                      const PGresult *result);
/* Whether @table (as written in SQL) has a column named id. */
gboolean      jd_pg_table_has_id     (JdPg           *pg,
                                      const char     *table);

/* The connection's functions for jd_pg_engine (jd-pg.c). */
void          jd_pg_close            (JdDb        *db);
gboolean      jd_pg_exec             (JdDb        *db,
                                      const char  *sql,
                                      GError     **error);
gboolean      jd_pg_begin            (JdDb        *db,
                                      GError     **error);
gboolean      jd_pg_commit           (JdDb        *db,
                                      GError     **error);
void          jd_pg_rollback         (JdDb        *db);
gboolean      jd_pg_in_transaction   (JdDb        *db);
gint64        jd_pg_last_insert_id   (JdDb        *db);
int           jd_pg_changes          (JdDb        *db);
gint64        jd_pg_total_changes    (JdDb        *db);
void          jd_pg_set_progress_handler (JdDb             *db,
                                          JdDbProgressFunc  func,
                                          gpointer          user_data);
gint64        jd_pg_get_data_version (JdDb        *db);
gint64        jd_pg_get_cache_size   (JdDb        *db);
void          jd_pg_set_cache_size   (JdDb        *db,
                                      gint64       size);
void          jd_pg_release_memory   (JdDb        *db);
gboolean      jd_pg_set_foreign_keys (JdDb        *db,
                                      gboolean     on,
                                      GError     **error);
gboolean      jd_pg_set_streaming    (JdDb        *db,
                                      gboolean     on);
gboolean      jd_pg_check_integrity  (JdDb        *db,
                                      gboolean     quick,
                                      char       **report,
                                      GError     **error);

/* Moving a centre (jd-pg-catalog.c, see jd-db-transfer.h). */
GPtrArray    *jd_pg_list_tables      (JdDb        *db,
                                      GError     **error);
GPtrArray    *jd_pg_list_columns     (JdDb        *db,
                                      const char  *table,
                                      GError     **error);
GPtrArray    *jd_pg_suspend_triggers (JdDb        *db,
                                      GError     **error);
gboolean      jd_pg_move_sequence    (JdDb        *db,
                                      const char  *table,
                                      GError     **error);
gboolean      jd_pg_begin_read       (JdDb        *db,
                                      GError     **error);

/* What jd_pg_translate_sql() found in a single statement. */
typedef struct
{
  int    n_params;      /* the highest $n */
  /* Whether each $n (from 1: used[n - 1]) appears in the text; a number
   * skipped ("?1 … ?3") has no type the server could infer. */
  GArray *used;         /* of guint8 */
  /* An INSERT with no RETURNING: its table as written (else NULL), and
   * where " RETURNING id" goes in the translated text. */
  char  *insert_table;
  gsize  insert_end;
} JdPgSqlInfo;

/* The core's SQL in PostgreSQL's words (jd-pg-sql.c): with @params,
 * `?` and `?N` become `$n` (SQLite's numbering: a bare `?` is one more
 * than the highest number so far); `INSERT OR IGNORE` becomes
 * `INSERT … ON CONFLICT DO NOTHING`. Quoted literals, identifiers and
 * comments are left as they are. `INSERT OR REPLACE` (and the other
 * OR conflict clauses, and `REPLACE INTO`) have no single PostgreSQL
 * statement and fail with %JD_DB_ERROR_UNSUPPORTED. @info may be NULL. */
char         *jd_pg_translate_sql    (const char   *sql,
                                      gboolean      params,
                                      JdPgSqlInfo  *info,
                                      GError      **error);
void          jd_pg_sql_info_clear   (JdPgSqlInfo  *info);

G_END_DECLS
