/* jd-password.c: password hashes (argon2id, libsodium) and the rules a
 * new password must pass
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-staff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "jd-db.h"
#include "jd-password.h"
#include "jd-validate.h"

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                           _("The password library could not start. Restart Jastar Desk."));
      return FALSE;
    }
  return TRUE;
}

/**
 * jd_password_hash:
 *
 * Returns: (transfer full): an argon2id hash string in libsodium's
 *   format ("$argon2id$v=19$m=…"), with its own random salt
 */
char *
jd_password_hash (const char  *password,
                  GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_FAILED,
                           _("There is not enough memory to protect the password. "
                             "Close other programs and try again."));
      return NULL;
    }

  return g_strdup (hash);
}

gboolean
jd_password_verify (const char *hash,
                    const char *password)
{
  if (hash == NULL || password == NULL || sodium_init () < 0)
    return FALSE;
  /* Only argon2id hashes are ours. */
  if (!g_str_has_prefix (hash, crypto_pwhash_argon2id_STRPREFIX))
    return FALSE;

  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

gboolean
jd_password_check_rules (const char  *password,
                         GError     **error)
{
  if (password == NULL || *password == '\0')
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Enter a password."));
      return FALSE;
    }
  if (!g_utf8_validate (password, -1, NULL) ||
      g_utf8_strlen (password, -1) < JD_PASSWORD_MIN_LENGTH)
    {
      g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Use at least %d character.",
                                "Use at least %d characters.",
                                JD_PASSWORD_MIN_LENGTH),
                   JD_PASSWORD_MIN_LENGTH);
      return FALSE;
    }
  return TRUE;
}
