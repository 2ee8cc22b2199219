/* jd-server.h: pointing a desk at the centre's PostgreSQL server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-db.h"
#include "jd-db-transfer.h"

G_BEGIN_DECLS

#define JD_SERVER_ERROR (jd_server_error_quark ())

/**
 * JdServerError:
 * @JD_SERVER_ERROR_INVALID: the address or connection string is not valid
 * @JD_SERVER_ERROR_UNREACHABLE: nothing answers at the address
 * @JD_SERVER_ERROR_REFUSED: the server answered but refused the user,
 *   the password or the database
 * @JD_SERVER_ERROR_NO_KEYRING: no keyring (Secret Service) on this session
 * @JD_SERVER_ERROR_FAILED: anything else
 *
 * Every message is translated and meant for people.
 */
typedef enum
{
  JD_SERVER_ERROR_INVALID,
  JD_SERVER_ERROR_UNREACHABLE,
  JD_SERVER_ERROR_REFUSED,
  JD_SERVER_ERROR_NO_KEYRING,
  JD_SERVER_ERROR_FAILED,
} JdServerError;

#define JD_SERVER_DEFAULT_PORT 5432

/* Where a centre's server is; never its password. */
typedef struct
{
  char    *host;
  guint16  port;
  char    *database;
  char    *user;
} JdServerAddress;

GQuark           jd_server_error_quark        (void);

JdServerAddress *jd_server_address_new        (const char            *host,
                                               guint16                port,
                                               const char            *database,
                                               const char            *user);
JdServerAddress *jd_server_address_copy       (const JdServerAddress *address);
void             jd_server_address_free       (JdServerAddress       *address);
JdServerAddress *jd_server_address_parse      (const char            *conninfo,
                                               GError               **error);
char            *jd_server_address_to_uri     (const JdServerAddress *address);
char            *jd_server_address_to_display (const JdServerAddress *address);

gboolean         jd_database_is_server        (const char            *path);
char            *jd_database_display_name     (const char            *path);
char            *jd_server_conninfo_with_password (const char        *conninfo,
                                                   const char        *password);
gboolean         jd_server_conninfo_has_password  (const char        *conninfo);

gboolean         jd_server_ping               (const char            *conninfo,
                                               GError               **error);
gboolean         jd_server_connect_test       (const char            *conninfo,
                                               GCancellable          *cancellable,
                                               GError               **error);
void             jd_server_connect_test_async (const char            *conninfo,
                                               GCancellable          *cancellable,
                                               GAsyncReadyCallback    callback,
                                               gpointer               user_data);
gboolean         jd_server_connect_test_finish (GAsyncResult         *result,
                                                GError              **error);

/* The password in the GNOME keyring (libsecret), keyed by the address. */
gboolean         jd_server_password_store_sync  (const JdServerAddress *address,
                                                 const char            *password,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
char            *jd_server_password_lookup_sync (const JdServerAddress *address,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
gboolean         jd_server_password_clear_sync  (const JdServerAddress *address,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void             jd_server_password_store       (const JdServerAddress *address,
                                                 const char            *password,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean         jd_server_password_store_finish (GAsyncResult         *result,
                                                  GError              **error);
void             jd_server_password_lookup      (const JdServerAddress *address,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
char            *jd_server_password_lookup_finish (GAsyncResult        *result,
                                                   GError             **error);
void             jd_server_password_clear       (const JdServerAddress *address,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
gboolean         jd_server_password_clear_finish (GAsyncResult         *result,
                                                  GError              **error);

/* Opening a server's database (jd-server-open.c). */
char            *jd_server_dup_open_string      (const char            *conninfo,
                                                 const char            *session_password,
                                                 GCancellable          *cancellable,
                                                 GError               **keyring_error);
JdDb            *jd_server_open_db              (const char            *conninfo,
                                                 const char            *session_password,
                                                 GCancellable          *cancellable,
                                                 GError               **error);
void             jd_server_open_db_async        (const char            *conninfo,
                                                 const char            *session_password,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
JdDb            *jd_server_open_db_finish       (GAsyncResult          *result,
                                                 GError               **error);
gboolean         jd_server_save_copy            (const char            *conninfo,
                                                 const char            *dest_path,
                                                 JdDbTransferProgress   progress,
                                                 gpointer               user_data,
                                                 GError               **error);
gboolean         jd_server_note_copy            (JdDb                  *db,
                                                 const char            *dest_path,
                                                 GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdServerAddress, jd_server_address_free)

G_END_DECLS
