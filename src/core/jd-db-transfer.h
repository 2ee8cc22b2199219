/* jd-db-transfer.h: moving a centre between a file and a server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "jd-db.h"

G_BEGIN_DECLS

#define JD_DB_TRANSFER_ERROR (jd_db_transfer_error_quark ())

/**
 * JdDbTransferError:
 * @JD_DB_TRANSFER_ERROR_NOT_EMPTY: the server database holds a centre
 * @JD_DB_TRANSFER_ERROR_EXISTS: the file to write exists already
 * @JD_DB_TRANSFER_ERROR_SAME: the destination is the source itself
 * @JD_DB_TRANSFER_ERROR_SCHEMA: the two databases' tables differ
 * @JD_DB_TRANSFER_ERROR_MISMATCH: the counts after the copy differ
 *
 * Every message is translated and meant for people.
 */
typedef enum
{
  JD_DB_TRANSFER_ERROR_NOT_EMPTY,
  JD_DB_TRANSFER_ERROR_EXISTS,
  JD_DB_TRANSFER_ERROR_SAME,
  JD_DB_TRANSFER_ERROR_SCHEMA,
  JD_DB_TRANSFER_ERROR_MISMATCH,
} JdDbTransferError;

/* One table of a copy: its rows in the source and in the destination
 * (counted again after the copy, before the commit). */
typedef struct
{
  char   *table;
  gint64  source_rows;
  gint64  copied_rows;
} JdDbTransferCount;

/* Called at the start of each table, every few hundred rows and at its
 * end (@done == @total). */
typedef void (*JdDbTransferProgress) (const char *table,
                                      gint64      done,
                                      gint64      total,
                                      gpointer    user_data);

GQuark     jd_db_transfer_error_quark (void);

/* Every table of @source into @dest, in one transaction of @dest, from
 * one snapshot of @source. @dest holds no visitors or staff (what its
 * schema seeded, districts and the zone's offsets, is replaced). On
 * failure nothing is kept in @dest. @counts: (out) (optional): a
 * #GArray of #JdDbTransferCount in the order of the copy. */
gboolean   jd_db_transfer             (JdDb                  *source,
                                       JdDb                  *dest,
                                       JdDbTransferProgress   progress,
                                       gpointer               user_data,
                                       GArray               **counts,
                                       GError               **error);

/* Opens @source_path (read only) and @dest_path, a server database
 * (empty) or a new file, and copies. A file is written under another
 * name beside it and renamed at the end; an existing file is refused
 * unless @replace_file (a backup). */
gboolean   jd_db_copy_to              (const char            *source_path,
                                       const char            *dest_path,
                                       gboolean               replace_file,
                                       JdDbTransferProgress   progress,
                                       gpointer               user_data,
                                       GArray               **counts,
                                       GError               **error);

/* The engine's catalogue (jd-db-engine.c passes these on). */

/* The centre's tables, without the engine's own (sqlite_*, FTS5
 * shadow tables, the server's jd_schema); sorted by name. */
GPtrArray *jd_db_list_tables          (JdDb        *db,
                                       GError     **error);
/* The columns of @table in their order; an SQLite virtual table (FTS5)
 * starts with rowid, its key. */
GPtrArray *jd_db_list_columns         (JdDb        *db,
                                       const char  *table,
                                       GError     **error);
/* Inside a transaction: turns off every trigger the schema made,
 * defers the foreign keys' checks to the end (a row may refer to a
 * later one), and returns the SQL that undoes it and checks the keys,
 * for jd_db_resume_triggers() in the same transaction. */
GPtrArray *jd_db_suspend_triggers     (JdDb        *db,
                                       GError     **error);
gboolean   jd_db_resume_triggers      (JdDb        *db,
                                       GPtrArray   *suspended,
                                       GError     **error);
/* After rows were written with their ids: the next id of @table is
 * max (id) + 1 (a server's identity sequence; nothing in a file). */
gboolean   jd_db_move_sequence        (JdDb        *db,
                                       const char  *table,
                                       GError     **error);
/* A read-only transaction that sees one snapshot until it ends
 * (jd_db_rollback()). */
gboolean   jd_db_begin_read           (JdDb        *db,
                                       GError     **error);

G_END_DECLS
