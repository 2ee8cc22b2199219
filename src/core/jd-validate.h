/* jd-validate.h: the rules a visitor's data must follow (DESIGN.md "Rules")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function refuses with a JD_VALIDATE_ERROR whose message is
 * translated, addressed to the receptionist and says what to do. Some
 * accept with a *warning (translated too): the form shows it and saves.
 */
#pragma once

#include <glib.h>

#include "jd-age-band.h"
#include "jd-types.h"

G_BEGIN_DECLS

#define JD_VALIDATE_ERROR (jd_validate_error_quark ())

typedef enum
{
  JD_VALIDATE_ERROR_REQUIRED,   /* a required field is empty */
  JD_VALIDATE_ERROR_INVALID,    /* malformed: wrong length, letters in digits, … */
  JD_VALIDATE_ERROR_CHECKSUM,   /* IIN check digit does not match */
  JD_VALIDATE_ERROR_TOO_YOUNG,  /* under 14 on the day */
  JD_VALIDATE_ERROR_TOO_OLD,    /* over 35 on the day */
  JD_VALIDATE_ERROR_FUTURE,     /* a date in the future where none may be */
  JD_VALIDATE_ERROR_CONSENT,    /* under 18 without a guardian's consent */
} JdValidateError;

GQuark    jd_validate_error_quark (void);

/* IIN (ЖСН/ИИН): 12 digits, two-pass mod-11 check digit. Spaces are
 * ignored. On success *normalized is the 12 digits; when digits 1–7 encode
 * a real date, *birth_date and *sex are set (else birth_date is cleared
 * with g_date_clear and sex is JD_SEX_UNKNOWN, and *warning says so). */
gboolean  jd_iin_check            (const char  *text,
                                   char       **normalized,
                                   GDate       *birth_date,
                                   JdSex       *sex,
                                   char       **warning,
                                   GError     **error);
/* Warning (not error) text when a typed birth date or sex disagrees with
 * what the IIN encodes; NULL when they agree or the IIN encodes nothing. */
char     *jd_iin_disagreement     (const char  *iin,
                                   const GDate *birth_date,
                                   JdSex        sex);

/* Phone: Kazakh numbers in any common spelling to E.164 (+7 and 10
 * digits); other countries need a leading +. *note is set for a
 * non-mobile Kazakh number or a +7 9xx (probably Russian) number. */
gboolean  jd_phone_normalize      (const char  *text,
                                   char       **e164,
                                   char       **note,
                                   GError     **error);

/* Dates: accepts DD.MM.YYYY (how people type them here), D.M.YYYY and
 * ISO YYYY-MM-DD; FALSE for anything else or an impossible date. */
gboolean  jd_date_parse           (const char  *text,
                                   GDate       *date);
char     *jd_date_to_iso          (const GDate *date);
/* A time of day as people type it: "9:30", "09:30", "9.30" or "0930"
 * (24-hour clock); @minutes after midnight. FALSE for anything else. */
gboolean  jd_time_parse           (const char  *text,
                                   guint       *minutes);

/* Whole years on @day (a 29 February birthday counts on 1 March in
 * common years). */
int       jd_age_on               (const GDate *birth_date,
                                   const GDate *day);
/* Age 14–35 inclusive on @today; refuses saying why. */
gboolean  jd_age_check_registration (const GDate *birth_date,
                                     const GDate *today,
                                     GError     **error);

/* E-mail shape: something@domain.tld, no spaces; lower-cases the domain. */
gboolean  jd_email_check          (const char  *text,
                                   char       **normalized,
                                   GError     **error);

/* Names: trims, collapses inner spaces, refuses digits and symbols other
 * than hyphen and apostrophe; @field_label names the field in messages. */
gboolean  jd_name_check           (const char  *text,
                                   gboolean     required,
                                   const char  *field_label,
                                   char       **normalized,
                                   GError     **error);

/* Under 18 on @today needs consent given by a guardian with a name and a
 * phone (the phone must pass jd_phone_normalize). */
gboolean  jd_consent_check        (const GDate *birth_date,
                                   const GDate *today,
                                   gboolean     given_by_guardian,
                                   const char  *guardian_name,
                                   const char  *guardian_phone,
                                   GError     **error);

G_END_DECLS
