/* jd-password.h: password hashes and the rules of a new password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* At least this many characters in a password. */
#define JD_PASSWORD_MIN_LENGTH 8

/* Passwords: argon2id (libsodium's crypto_pwhash_str), never kept or
 * logged in clear. */
char        *jd_password_hash          (const char  *password,
                                        GError     **error);
gboolean     jd_password_verify        (const char  *hash,
                                        const char  *password);
/* JD_VALIDATE_ERROR with a message for the field when @password is too
 * short (the rules of a login: jd_login_check_rules ()). */
gboolean     jd_password_check_rules   (const char  *password,
                                        GError     **error);

G_END_DECLS
