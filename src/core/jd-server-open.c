/* jd-server-open.c: opening the centre server's database, with its
 * password from the connection string, this session or the keyring
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One way for the window (on a worker thread, so that an unreachable
 * server does not freeze it for the ten seconds of a connection's
 * timeout) and for the command line (there it may block).
 */
#define G_LOG_DOMAIN "jd-server"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-server.h"

/* A message of the engine about a server may quote the string it was
 * given, which holds the password: the server's name goes there
 * instead. */
static void
hide_conninfo (GError     *error,
               const char *conninfo,
               const char *password)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) parts = NULL;

  if (error == NULL || strstr (error->message, conninfo) == NULL)
    {
      if (error != NULL && password != NULL && password[0] != '\0' &&
          strstr (error->message, password) != NULL)
        {
          g_free (error->message);
          error->message = g_strdup (_("The database on the centre’s server could not be opened."));
        }
      return;
    }

  name = jd_database_display_name (conninfo);
  parts = g_strsplit (error->message, conninfo, -1);
  g_free (error->message);
  error->message = g_strjoinv (name, parts);
}

/**
 * jd_server_dup_open_string:
 * @conninfo: the server as the settings or the command line name it
 * @session_password: (nullable): a password typed for this run
 * @keyring_error: (out) (optional): why the keyring did not answer
 *
 * Returns: (transfer full) (nullable): @conninfo with the password to
 *   use, from @conninfo itself, @session_password or the keyring (none
 *   when there is none: libpq's own ways remain); free it with
 *   secret_password_free(). %NULL when @conninfo is not valid.
 */
/* The password for @conninfo when it holds none: this session's, or
 * the keyring's (NULL when there is none). */
static char *
find_password (const char    *conninfo,
               const char    *session_password,
               GCancellable  *cancellable,
               GError       **keyring_error)
{
  g_autoptr(JdServerAddress) address = NULL;

  if (jd_server_conninfo_has_password (conninfo))
    return NULL;
  if (session_password != NULL)
    return g_strdup (session_password);
  address = jd_server_address_parse (conninfo, NULL);
  if (address == NULL)
    return NULL;
  return jd_server_password_lookup_sync (address, cancellable, keyring_error);
}

char *
jd_server_dup_open_string (const char    *conninfo,
                           const char    *session_password,
                           GCancellable  *cancellable,
                           GError       **keyring_error)
{
  char *password;
  char *open_string;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (jd_server_conninfo_has_password (conninfo))
    return g_strdup (conninfo);
  password = find_password (conninfo, session_password, cancellable, keyring_error);
  open_string = jd_server_conninfo_with_password (conninfo, password);
  secret_password_free (password);
  return open_string;
}

/**
 * jd_server_open_db:
 * @conninfo: the server, without or with its password
 * @session_password: (nullable): a password typed for this run
 *
 * Asks the server first whether it answers and takes this user and
 * password, so that a refusal reads plainly and nothing else is tried;
 * then opens its database (creating the schema when empty). Never a
 * file instead. Blocks for up to the connection's timeout: the window
 * calls jd_server_open_db_async().
 *
 * Returns: (transfer full) (nullable): the open database
 */
JdDb *
jd_server_open_db (const char    *conninfo,
                   const char    *session_password,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(JdServerAddress) address = NULL;
  g_autoptr(GError) keyring_error = NULL;
  g_autoptr(GError) local_error = NULL;
  char *password = NULL;
  char *open_string;
  JdDb *db = NULL;

  g_return_val_if_fail (conninfo != NULL, NULL);

  address = jd_server_address_parse (conninfo, error);
  if (address == NULL)
    return NULL;
  password = find_password (conninfo, session_password, cancellable, &keyring_error);
  open_string = jd_server_conninfo_has_password (conninfo) ?
                g_strdup (conninfo) : jd_server_conninfo_with_password (conninfo, password);
  if (keyring_error != NULL)
    g_debug ("%s", keyring_error->message);

  if (open_string == NULL)
    g_set_error_literal (&local_error, JD_SERVER_ERROR, JD_SERVER_ERROR_INVALID,
                         _("The server’s address is not valid. Check the host, port and database."));
  else if (jd_server_connect_test (open_string, cancellable, &local_error) &&
           !g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    {
      db = jd_db_open (open_string, JD_DB_OPEN_CREATE, &local_error);
      if (db == NULL)
        hide_conninfo (local_error, open_string, password);
    }

  /* No keyring and no password: the refusal says why. */
  if (db == NULL && keyring_error != NULL && password == NULL &&
      g_error_matches (local_error, JD_SERVER_ERROR, JD_SERVER_ERROR_REFUSED))
    {
      g_autofree char *message = g_strdup_printf ("%s %s", local_error->message,
                                                  keyring_error->message);

      g_free (local_error->message);
      local_error->message = g_steal_pointer (&message);
    }

  secret_password_free (open_string);
  secret_password_free (password);
  if (db == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return db;
}

typedef struct
{
  char *conninfo;
  char *session_password;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->conninfo);
  secret_password_free (data->session_password);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  JdDb *db = jd_server_open_db (data->conninfo, data->session_password, cancellable, &error);

  if (db != NULL)
    g_task_return_pointer (task, db, (GDestroyNotify) jd_db_close);
  else
    g_task_return_error (task, error);
}

/**
 * jd_server_open_db_async:
 *
 * jd_server_open_db() on a worker thread. The database may then be used
 * on the thread of @callback (make its #JdStore there: the store tells
 * changes on the thread that made it). When @cancellable is cancelled
 * the finish gives %G_IO_ERROR_CANCELLED and a database opened
 * meanwhile is closed.
 */
void
jd_server_open_db_async (const char          *conninfo,
                         const char          *session_password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (conninfo != NULL);

  data = g_new0 (OpenData, 1);
  data->conninfo = g_strdup (conninfo);
  data->session_password = g_strdup (session_password);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, jd_server_open_db_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * jd_server_open_db_finish:
 *
 * Returns: (transfer full) (nullable): the open database
 */
JdDb *
jd_server_open_db_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * jd_server_save_copy:
 * @conninfo: the server (with its password, as the store opened it)
 * @dest_path: the file to write; an existing one is replaced
 *
 * A copy of the whole centre into a new SQLite file, the same as
 * `--backup FILE` on a server: from one snapshot, written beside
 * @dest_path and renamed at the end, so a failed copy leaves nothing.
 * Blocks (a worker thread's); note it in the audit trail afterwards
 * with jd_server_note_copy().
 */
gboolean
jd_server_save_copy (const char            *conninfo,
                     const char            *dest_path,
                     JdDbTransferProgress   progress,
                     gpointer               user_data,
                     GError               **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (conninfo != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (g_file_test (dest_path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (dest_path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder. Give the name of the backup file to write."), name);
      return FALSE;
    }
  if (!jd_db_copy_to (conninfo, dest_path, TRUE, progress, user_data, NULL, &local_error))
    {
      hide_conninfo (local_error, conninfo, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The copy in the audit trail, as the person signed in on @db. */
gboolean
jd_server_note_copy (JdDb        *db,
                     const char  *dest_path,
                     GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  if (!jd_db_begin (db, error))
    return FALSE;
  if (!jd_audit_record (db, JD_AUDIT_BACKUP, JD_AUDIT_TARGET_DATABASE, 0, dest_path, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}
