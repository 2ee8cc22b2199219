/* jd-validate.c: the rules a visitor's data must follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-validate.h"

G_DEFINE_QUARK (jd-validate-error-quark, jd_validate_error)

const char *
jd_sex_to_code (JdSex sex)
{
  switch (sex)
    {
    case JD_SEX_FEMALE:
      return "female";
    case JD_SEX_MALE:
      return "male";
    case JD_SEX_UNKNOWN:
    default:
      return NULL;
    }
}

JdSex
jd_sex_from_code (const char *code)
{
  if (g_strcmp0 (code, "female") == 0)
    return JD_SEX_FEMALE;
  if (g_strcmp0 (code, "male") == 0)
    return JD_SEX_MALE;
  return JD_SEX_UNKNOWN;
}

/* Copies the digits of @text, skipping white space; FALSE when anything
 * else is there. */
static gboolean
collect_digits (const char *text,
                GString    *digits)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (!g_unichar_isspace (c))
        return FALSE;
    }

  return TRUE;
}

static int
iin_check_digit (const char *digits)
{
  int sum = 0;

  for (int i = 0; i < 11; i++)
    sum += (digits[i] - '0') * (i + 1);
  if (sum % 11 != 10)
    return sum % 11;

  /* Second pass: weights 3, 4, …, 11, 1, 2. */
  sum = 0;
  for (int i = 0; i < 11; i++)
    sum += (digits[i] - '0') * ((i + 2) % 11 + 1);
  if (sum % 11 != 10)
    return sum % 11;

  return -1;
}

/* What digits 1–7 say: a real date, and the sex, or nothing. */
static gboolean
iin_decode (const char *digits,
            GDate      *birth_date,
            JdSex      *sex)
{
  int yy = (digits[0] - '0') * 10 + (digits[1] - '0');
  int mm = (digits[2] - '0') * 10 + (digits[3] - '0');
  int dd = (digits[4] - '0') * 10 + (digits[5] - '0');
  int code = digits[6] - '0';
  int century;

  if (code < 1 || code > 6)
    return FALSE;

  century = 1800 + ((code - 1) / 2) * 100;
  if (mm < 1 || mm > 12 || dd < 1 ||
      !g_date_valid_dmy ((GDateDay) dd, (GDateMonth) mm, (GDateYear) (century + yy)))
    return FALSE;

  g_date_set_dmy (birth_date, (GDateDay) dd, (GDateMonth) mm, (GDateYear) (century + yy));
  *sex = (code % 2 == 1) ? JD_SEX_MALE : JD_SEX_FEMALE;
  return TRUE;
}

gboolean
jd_iin_check (const char  *text,
              char       **normalized,
              GDate       *birth_date,
              JdSex       *sex,
              char       **warning,
              GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  GDate date;
  JdSex decoded_sex = JD_SEX_UNKNOWN;

  g_return_val_if_fail (text != NULL, FALSE);

  g_date_clear (&date, 1);

  if (!collect_digits (text, digits))
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("An IIN has digits only. Check the number on the ID card."));
      return FALSE;
    }

  if (digits->len == 0)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Type the IIN: 12 digits."));
      return FALSE;
    }

  if (digits->len != 12)
    {
      g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                   ngettext ("An IIN has 12 digits; this one has %u digit. Check the number on the ID card.",
                             "An IIN has 12 digits; this one has %u digits. Check the number on the ID card.",
                             (gulong) digits->len),
                   (guint) digits->len);
      return FALSE;
    }

  if (iin_check_digit (digits->str) != digits->str[11] - '0')
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CHECKSUM,
                           _("This IIN has a typo: its check digit does not match. "
                             "Compare every digit with the ID card."));
      return FALSE;
    }

  if (!iin_decode (digits->str, &date, &decoded_sex))
    {
      if (warning != NULL)
        *warning = g_strdup (_("This IIN does not encode a date of birth; type the date of birth and sex yourself."));
    }

  if (normalized != NULL)
    *normalized = g_strdup (digits->str);
  if (birth_date != NULL)
    *birth_date = date;
  if (sex != NULL)
    *sex = decoded_sex;

  return TRUE;
}

char *
jd_iin_disagreement (const char  *iin,
                     const GDate *birth_date,
                     JdSex        sex)
{
  GDate date;
  JdSex decoded_sex = JD_SEX_UNKNOWN;
  gboolean date_differs, sex_differs;

  g_return_val_if_fail (iin != NULL, NULL);

  g_date_clear (&date, 1);
  if (strlen (iin) != 12 || !iin_decode (iin, &date, &decoded_sex))
    return NULL;

  date_differs = birth_date != NULL && g_date_valid (birth_date) &&
                 g_date_compare (&date, birth_date) != 0;
  sex_differs = sex != JD_SEX_UNKNOWN && sex != decoded_sex;

  if (date_differs && sex_differs)
    return g_strdup (_("The IIN encodes another date of birth and sex. Check both; "
                       "since 2013 some IINs do not match, so you may save anyway."));
  if (date_differs)
    return g_strdup (_("The IIN encodes another date of birth. Check it; "
                       "since 2013 some IINs do not match, so you may save anyway."));
  if (sex_differs)
    return g_strdup (_("The IIN encodes the other sex. Check it; "
                       "since 2013 some IINs do not match, so you may save anyway."));
  return NULL;
}

/* Kazakhstan's mobile operators' codes (DESIGN.md). */
static gboolean
is_kz_mobile (int code)
{
  return (code >= 700 && code <= 702) ||
         (code >= 705 && code <= 708) ||
         code == 747 ||
         (code >= 760 && code <= 764) ||
         code == 771 ||
         (code >= 775 && code <= 778) ||
         code == 785;
}

gboolean
jd_phone_normalize (const char  *text,
                    char       **e164,
                    char       **note,
                    GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  const char *national;
  int code;

  g_return_val_if_fail (text != NULL, FALSE);

  if (e164 != NULL)
    *e164 = NULL;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (c == '+' && digits->len == 0 && !plus)
        plus = TRUE;
      else if (!(g_unichar_isspace (c) || c == '-' || c == '(' || c == ')' || c == '.'))
        {
          g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                               _("A phone number has digits only, for example 8 701 123 45 67."));
          return FALSE;
        }
    }

  if (digits->len == 0)
    return TRUE;  /* optional */

  /* Kazakhstan: +7 and ten digits, 8 or 7 and ten digits, or the ten alone. */
  if (plus && digits->str[0] == '7' && digits->len == 11)
    national = digits->str + 1;
  else if (!plus && digits->len == 11 && (digits->str[0] == '8' || digits->str[0] == '7'))
    national = digits->str + 1;
  else if (!plus && digits->len == 10 && digits->str[0] == '7')
    national = digits->str;
  else if (plus && digits->str[0] != '7' && digits->str[0] != '0' &&
           digits->len >= 8 && digits->len <= 15)
    {
      /* Another country, written the international way. */
      if (e164 != NULL)
        *e164 = g_strdup_printf ("+%s", digits->str);
      return TRUE;
    }
  else if (plus && digits->str[0] == '7')
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("A number with +7 has 10 more digits, for example +7 701 123 45 67."));
      return FALSE;
    }
  else
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("This is not a phone number we can use. Type a Kazakh number like "
                             "8 701 123 45 67, or a foreign one starting with + and the country code."));
      return FALSE;
    }

  code = (national[0] - '0') * 100 + (national[1] - '0') * 10 + (national[2] - '0');
  if (note != NULL)
    {
      if (national[0] == '9')
        *note = g_strdup (_("A +7 9… number is probably Russian. Check it with the visitor."));
      else if (!is_kz_mobile (code))
        *note = g_strdup (_("This is not a Kazakh mobile number (a landline?). It is saved as typed."));
    }

  if (e164 != NULL)
    *e164 = g_strdup_printf ("+7%s", national);
  return TRUE;
}

/* Reads up to @max digits at *p; -1 when there are fewer than @min. */
static int
read_number (const char **p,
             int          min,
             int          max)
{
  int value = 0, n = 0;

  while (n < max && g_ascii_isdigit (**p))
    {
      value = value * 10 + (**p - '0');
      (*p)++;
      n++;
    }

  return n >= min ? value : -1;
}

gboolean
jd_date_parse (const char *text,
               GDate      *date)
{
  const char *p;
  int day, month, year;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;

  /* Parsed by hand: imports call this for every row. */
  for (p = text; g_ascii_isspace (*p); p++)
    ;

  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
      g_ascii_isdigit (p[3]) && p[4] == '-')
    {
      /* ISO: YYYY-MM-DD */
      year = read_number (&p, 4, 4);
      p++;
      month = read_number (&p, 2, 2);
      if (*p++ != '-')
        return FALSE;
      day = read_number (&p, 2, 2);
    }
  else
    {
      /* How people write dates here: D.M.YYYY or DD.MM.YYYY (or with /). */
      day = read_number (&p, 1, 2);
      if (*p != '.' && *p != '/')
        return FALSE;
      p++;
      month = read_number (&p, 1, 2);
      if (*p != '.' && *p != '/')
        return FALSE;
      p++;
      year = read_number (&p, 4, 4);
    }

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || day < 1 || month < 1 || month > 12 || year < 1000 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* "9:30", "09:30", "9.30" or "0930"; 24-hour clock. */
gboolean
jd_time_parse (const char *text,
               guint      *minutes)
{
  const char *p;
  int hour, minute;

  g_return_val_if_fail (minutes != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (p = text; g_ascii_isspace (*p); p++)
    ;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) &&
      g_ascii_isdigit (p[3]))
    {
      hour = read_number (&p, 2, 2);
      minute = read_number (&p, 2, 2);
    }
  else
    {
      hour = read_number (&p, 1, 2);
      if (*p != ':' && *p != '.')
        return FALSE;
      p++;
      minute = read_number (&p, 2, 2);
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || hour < 0 || hour > 23 || minute < 0 || minute > 59)
    return FALSE;

  *minutes = (guint) (hour * 60 + minute);
  return TRUE;
}

char *
jd_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          g_date_get_month (date), g_date_get_day (date));
}

int
jd_age_on (const GDate *birth_date,
           const GDate *day)
{
  int age;

  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), -1);
  g_return_val_if_fail (day != NULL && g_date_valid (day), -1);

  age = g_date_get_year (day) - g_date_get_year (birth_date);
  /* Not yet had the birthday this year. A 29 February birthday is had
   * on 1 March in common years. */
  if (g_date_get_month (day) < g_date_get_month (birth_date) ||
      (g_date_get_month (day) == g_date_get_month (birth_date) &&
       g_date_get_day (day) < g_date_get_day (birth_date)))
    age--;

  return age;
}

gboolean
jd_age_check_registration (const GDate  *birth_date,
                           const GDate  *today,
                           GError      **error)
{
  int age;

  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (g_date_compare (birth_date, today) > 0)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_FUTURE,
                           _("The date of birth is in the future. Check the year."));
      return FALSE;
    }

  age = jd_age_on (birth_date, today);
  if (age < JD_AGE_MIN)
    {
      g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_TOO_YOUNG,
                   ngettext ("The centre serves people aged 14 to 35; this person is %d year old.",
                             "The centre serves people aged 14 to 35; this person is %d years old.",
                             age),
                   age);
      return FALSE;
    }

  if (age > JD_AGE_MAX)
    {
      g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_TOO_OLD,
                   ngettext ("The centre serves people aged 14 to 35; this person is %d year old.",
                             "The centre serves people aged 14 to 35; this person is %d years old.",
                             age),
                   age);
      return FALSE;
    }

  return TRUE;
}

gboolean
jd_email_check (const char  *text,
                char       **normalized,
                GError     **error)
{
  g_autofree char *stripped = NULL;
  const char *at;

  g_return_val_if_fail (text != NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return TRUE;  /* optional */

  if (!g_regex_match_simple ("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$", stripped, 0, 0))
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("This is not an e-mail address. It looks like name@mail.kz."));
      return FALSE;
    }

  if (normalized != NULL)
    {
      g_autofree char *domain = NULL;

      at = strchr (stripped, '@');
      domain = g_utf8_strdown (at + 1, -1);
      *normalized = g_strdup_printf ("%.*s@%s", (int) (at - stripped), stripped, domain);
    }

  return TRUE;
}

gboolean
jd_name_check (const char  *text,
               gboolean     required,
               const char  *field_label,
               char       **normalized,
               GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pending_space = FALSE;

  g_return_val_if_fail (field_label != NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;

  for (const char *p = text ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }

      if (!g_unichar_isalpha (c) && !g_unichar_ismark (c) &&
          c != '-' && c != '\'' && c != 0x2019 /* ’ */ && c != 0x02BC /* ʼ */)
        {
          g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                       _("%s: use letters only (a hyphen or an apostrophe is fine)."),
                       field_label);
          return FALSE;
        }

      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      if (required)
        {
          g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                       _("%s: this field is required."), field_label);
          return FALSE;
        }
      return TRUE;
    }

  if (normalized != NULL)
    *normalized = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

gboolean
jd_consent_check (const GDate  *birth_date,
                  const GDate  *today,
                  gboolean      given_by_guardian,
                  const char   *guardian_name,
                  const char   *guardian_phone,
                  GError      **error)
{
  g_autofree char *e164 = NULL;
  gboolean minor;

  g_return_val_if_fail (birth_date != NULL && g_date_valid (birth_date), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  minor = jd_age_on (birth_date, today) < JD_AGE_ADULT;
  if (!minor && !given_by_guardian)
    return TRUE;

  if (!given_by_guardian)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CONSENT,
                           _("Under 18: consent must come from a parent or guardian."));
      return FALSE;
    }

  if (!jd_name_check (guardian_name, TRUE, "", NULL, NULL))
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CONSENT,
                           _("Type the name of the parent or guardian who gave consent."));
      return FALSE;
    }

  if (guardian_phone == NULL ||
      !jd_phone_normalize (guardian_phone, &e164, NULL, NULL) || e164 == NULL)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CONSENT,
                           _("Type a phone number of the parent or guardian who gave consent."));
      return FALSE;
    }

  return TRUE;
}
