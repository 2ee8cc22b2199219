/* jd-db-error.c: SQLite's result codes as messages for people, and the
 * messages of every JdDbError (the server engine's too, jd-pg.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-db"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-sqlite-private.h"

static JdDbError
error_code_from_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return JD_DB_ERROR_NOT_A_DATABASE;
    case SQLITE_CORRUPT:
      return JD_DB_ERROR_CORRUPT;
    case SQLITE_READONLY:
      return JD_DB_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return JD_DB_ERROR_FULL;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return JD_DB_ERROR_LOCKED;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return JD_DB_ERROR_IO;
    case SQLITE_CONSTRAINT:
      return JD_DB_ERROR_CONSTRAINT;
    default:
      return JD_DB_ERROR_FAILED;
    }
}

void
jd_db_set_error_for_code (GError     **error,
                          JdDbError    code,
                          const char  *path,
                          const char  *detail)
{
  g_autofree char *name = path ? g_filename_display_name (path) : g_strdup ("");

  switch (code)
    {
    case JD_DB_ERROR_NOT_A_DATABASE:
      g_set_error (error, JD_DB_ERROR, code,
                   _("“%s” is not a Jastar Desk database, or it is badly damaged. "
                     "Choose another file or restore a backup. The file has not been changed."),
                   name);
      break;
    case JD_DB_ERROR_FOREIGN:
      g_set_error (error, JD_DB_ERROR, code,
                   _("“%s” belongs to another program, not to Jastar Desk. "
                     "Choose another file. The file has not been changed."),
                   name);
      break;
    case JD_DB_ERROR_CORRUPT:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The database “%s” is damaged. Restore the latest backup "
                     "and tell your administrator."),
                   name);
      break;
    case JD_DB_ERROR_READ_ONLY:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The database “%s” cannot be written: the file or its folder is read-only. "
                     "Ask your administrator to check the permissions."),
                   name);
      break;
    case JD_DB_ERROR_FULL:
      g_set_error_literal (error, JD_DB_ERROR, code,
                           _("The disk is full, so the change was not saved. "
                             "Free some space and try again; nothing was half-written."));
      break;
    case JD_DB_ERROR_LOCKED:
      g_set_error_literal (error, JD_DB_ERROR, code,
                           _("The database is busy in another program. Wait a moment and try again; "
                             "if it goes on, close other copies of Jastar Desk."));
      break;
    case JD_DB_ERROR_IO:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The database “%s” could not be read or written (%s). "
                     "Check the disk and try again."),
                   name, detail ? detail : "");
      break;
    case JD_DB_ERROR_CONSTRAINT:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The change breaks a rule of the data and was not saved (%s)."),
                   detail ? detail : "");
      break;
    case JD_DB_ERROR_NOT_FOUND:
      g_set_error_literal (error, JD_DB_ERROR, code,
                           _("The record no longer exists. Someone may have removed it."));
      break;
    case JD_DB_ERROR_UNREACHABLE:
      /* Translators: the first %s is the server ("host:port/database"),
       * the second the network's reason, in English. */
      g_set_error (error, JD_DB_ERROR, code,
                   _("The centre server “%s” does not answer (%s). Check the network "
                     "and that the server is on, then try again."),
                   name, detail ? detail : "");
      break;
    case JD_DB_ERROR_AUTH:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The centre server “%s” refused the user name or password. Check them "
                     "in Preferences → Database, or ask your administrator."),
                   name);
      break;
    case JD_DB_ERROR_DISCONNECTED:
      g_set_error (error, JD_DB_ERROR, code,
                   _("The connection to the centre server “%s” was lost, so the change was "
                     "not saved; nothing was half-written. Check the network and try again."),
                   name);
      break;
    case JD_DB_ERROR_NEWER_SCHEMA:
    case JD_DB_ERROR_MIGRATION:
    case JD_DB_ERROR_UNSUPPORTED:
    case JD_DB_ERROR_FAILED:
    default:
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                   _("The database reported an unexpected error (%s). Try again; "
                     "if it goes on, tell your administrator."),
                   detail ? detail : "");
      break;
    }
}

void
jd_db_set_error_full (const char  *path,
                      sqlite3     *handle,
                      int          rc,
                      GError     **error)
{
  const char *detail = handle ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);

  g_debug ("SQLite error %d on %s: %s", rc, path ? path : "?", detail);
  jd_db_set_error_for_code (error, error_code_from_sqlite (rc), path, detail);
}
