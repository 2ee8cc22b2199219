/* jd-db-engine-private.h: the seam between JdDb and a storage engine
 *
 * A JdDb and every JdStmt start with a pointer to their engine's
 * table of functions: jd-db-engine.c calls through it, so the rest of
 * src/core never knows which library is underneath. The engines are
 * SQLite (jd-sqlite.c with jd-db.c) and PostgreSQL (jd-pg.c,
 * jd-pg-stmt.c). jd_db_open() picks one from the path (see
 * jd_db_path_is_server()).
 *
 * Only the engines and jd-db-engine.c include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db-private.h"

G_BEGIN_DECLS

typedef struct _JdDbEngine JdDbEngine;

/* Every engine's statement begins with this. */
struct _JdStmt
{
  const JdDbEngine *engine;
};

struct _JdDbEngine
{
  const char *name;

  /* Statements (jd-stmt.h). */
  JdStmt     *(*prepare)              (JdDb        *db,
                                       const char  *sql,
                                       GError     **error);
  void        (*stmt_free)            (gpointer     stmt);
  void        (*bind_int64)           (JdStmt      *stmt,
                                       int          index,
                                       gint64       value);
  void        (*bind_double)          (JdStmt      *stmt,
                                       int          index,
                                       double       value);
  /* @copy: whether to keep a copy of @text, or only the pointer. */
  void        (*bind_text)            (JdStmt      *stmt,
                                       int          index,
                                       const char  *text,
                                       gboolean     copy);
  void        (*bind_null)            (JdStmt      *stmt,
                                       int          index);
  /* @from is a statement of the same engine. */
  void        (*bind_column)          (JdStmt      *stmt,
                                       int          index,
                                       JdStmt      *from,
                                       int          column);
  int         (*bind_parameter_count) (JdStmt      *stmt);
  void        (*clear_bindings)       (JdStmt      *stmt);
  int         (*step)                 (JdStmt      *stmt);
  void        (*reset)                (JdStmt      *stmt);
  int         (*column_count)         (JdStmt      *stmt);
  const char *(*column_name)          (JdStmt      *stmt,
                                       int          column);
  gint64      (*column_int64)         (JdStmt      *stmt,
                                       int          column);
  int         (*column_int)           (JdStmt      *stmt,
                                       int          column);
  double      (*column_double)        (JdStmt      *stmt,
                                       int          column);
  const char *(*column_text)          (JdStmt      *stmt,
                                       int          column);
  gboolean    (*column_is_null)       (JdStmt      *stmt,
                                       int          column);
  gboolean    (*column_is_integer)    (JdStmt      *stmt,
                                       int          column);

  /* The connection. */
  void        (*close)                (JdDb        *db);
  gboolean    (*exec)                 (JdDb        *db,
                                       const char  *sql,
                                       GError     **error);
  gboolean    (*begin)                (JdDb        *db,
                                       GError     **error);
  gboolean    (*commit)               (JdDb        *db,
                                       GError     **error);
  void        (*rollback)             (JdDb        *db);
  gboolean    (*in_transaction)       (JdDb        *db);
  void        (*set_error)            (JdDb        *db,
                                       int          rc,
                                       GError     **error);
  gint64      (*last_insert_id)       (JdDb        *db);
  int         (*changes)              (JdDb        *db);
  gint64      (*total_changes)        (JdDb        *db);
  void        (*set_progress_handler) (JdDb             *db,
                                       JdDbProgressFunc  func,
                                       gpointer          user_data);
  gint64      (*get_data_version)     (JdDb        *db);
  gint64      (*get_cache_size)       (JdDb        *db);
  void        (*set_cache_size)       (JdDb        *db,
                                       gint64       size);
  void        (*release_memory)       (JdDb        *db);
  gboolean    (*set_foreign_keys)     (JdDb        *db,
                                       gboolean     on,
                                       GError     **error);
  gboolean    (*check_integrity)      (JdDb        *db,
                                       gboolean     quick,
                                       char       **report,
                                       GError     **error);
  /* jd_db_set_streaming() (jd-db-engine.h); NULL: rows are streamed
   * anyway, as SQLite's are. */
  gboolean    (*set_streaming)        (JdDb        *db,
                                       gboolean     on);

  /* Moving a centre (jd-db-transfer.c, declared in jd-db-transfer.h). */
  GPtrArray  *(*list_tables)          (JdDb        *db,
                                       GError     **error);
  GPtrArray  *(*list_columns)         (JdDb        *db,
                                       const char  *table,
                                       GError     **error);
  GPtrArray  *(*suspend_triggers)     (JdDb        *db,
                                       GError     **error);
  gboolean    (*move_sequence)        (JdDb        *db,
                                       const char  *table,
                                       GError     **error);
  gboolean    (*begin_read)           (JdDb        *db,
                                       GError     **error);
};

extern const JdDbEngine jd_sqlite_engine;
extern const JdDbEngine jd_pg_engine;

/* A JdDb begins with its engine too (jd-db.c). */
typedef struct
{
  const JdDbEngine *engine;
} JdDbHead;

#define JD_DB_ENGINE(db) (((JdDbHead *) (db))->engine)

/* A new JdDb on @engine, with no connection yet (jd-db.c). @path is
 * what jd_db_get_path() gives: the file, or the server's conninfo. */
JdDb         *jd_db_new                (const JdDbEngine  *engine,
                                        const char        *path,
                                        gboolean           read_only);
gboolean      jd_db_is_read_only       (JdDb              *db);
void          jd_db_set_user_version   (JdDb              *db,
                                        guint              version);
/* The engine's own state: freed by the engine's close(). */
gpointer      jd_db_get_engine_data    (JdDb              *db);
void          jd_db_set_engine_data    (JdDb              *db,
                                        gpointer           data);
/* Drops the statement cache (a server connection made again). */
void          jd_db_forget_statements  (JdDb              *db);

/* Whether @db is the SQLite engine's: the functions that only exist
 * for a file check this (jd-db-copy.c, jd-db-watch.c, …). */
static inline gboolean
jd_db_is_sqlite (JdDb *db)
{
  return JD_DB_ENGINE (db) == &jd_sqlite_engine;
}

/* Sets @error to "@what is not supported on a centre server yet". */
void          jd_db_set_unsupported_error (GError         **error,
                                           const char      *what);

G_END_DECLS
