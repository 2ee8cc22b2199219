/* test-validate.c: the rules of DESIGN.md, with values worked out by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "jd-validate.h"

static void
date (GDate *d,
      int    day,
      int    month,
      int    year)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
test_iin_valid (void)
{
  /* 921029350851: digits 9 2 1 0 2 9 3 5 0 8 5 weighted 1…11 give
   * 9+4+3+0+10+54+21+40+0+80+55 = 276 = 25·11 + 1: check digit 1.
   * 000101301805: 0+0+0+4+0+6+21+0+9+80+0 = 120 = 10·11 + 10, so the
   * second pass, weights 3…11,1,2: 0+0+0+6+0+8+27+0+11+8+0 = 60 =
   * 5·11 + 5: check digit 5. */
  const struct {
    const char *iin;
    int day, month, year;
    JdSex sex;
  } cases[] = {
    { "921029350851", 29, 10, 1992, JD_SEX_MALE },    /* 7th digit 3: 1900s, male */
    { "791028302728", 28, 10, 1979, JD_SEX_MALE },
    { "061211600012", 11, 12, 2006, JD_SEX_FEMALE },  /* 6: 2000s, female */
    { "000101301805", 1, 1, 1900, JD_SEX_MALE },      /* second pass */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *warning = NULL;
      GDate birth, expected;
      JdSex sex = JD_SEX_UNKNOWN;

      g_assert_true (jd_iin_check (cases[i].iin, &normalized, &birth, &sex, &warning, &error));
      g_assert_no_error (error);
      g_assert_null (warning);
      g_assert_cmpstr (normalized, ==, cases[i].iin);
      date (&expected, cases[i].day, cases[i].month, cases[i].year);
      g_assert_true (g_date_valid (&birth));
      g_assert_cmpint (g_date_compare (&birth, &expected), ==, 0);
      g_assert_cmpint (sex, ==, cases[i].sex);
    }

  /* Typed with spaces, as read aloud from a card. */
  {
    g_autofree char *normalized = NULL;

    g_assert_true (jd_iin_check (" 921029 350851 ", &normalized, NULL, NULL, NULL, NULL));
    g_assert_cmpstr (normalized, ==, "921029350851");
  }
}

static void
test_iin_refused (void)
{
  const struct {
    const char *iin;
    int code;
  } cases[] = {
    { "921029350852", JD_VALIDATE_ERROR_CHECKSUM },  /* check digit must be 1 */
    { "92102935085", JD_VALIDATE_ERROR_INVALID },    /* 11 digits */
    { "92102935085O", JD_VALIDATE_ERROR_INVALID },   /* letter O */
    { "9210293508511", JD_VALIDATE_ERROR_INVALID },  /* 13 digits */
    { "", JD_VALIDATE_ERROR_REQUIRED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_false (jd_iin_check (cases[i].iin, &normalized, NULL, NULL, NULL, &error));
      g_assert_error (error, JD_VALIDATE_ERROR, cases[i].code);
      g_assert_null (normalized);
      g_test_message ("%s: %s", cases[i].iin, error->message);
    }
}

static void
test_iin_no_date (void)
{
  /* Valid check digit, but no date to read: accepted with a warning and
   * nothing filled in. */
  const char *cases[] = {
    "921329350852",  /* month 13 */
    "921029750857",  /* 7th digit 7 */
    "050229600013",  /* 29 February 2005 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *warning = NULL;
      g_autofree char *normalized = NULL;
      GDate birth;
      JdSex sex = JD_SEX_FEMALE;

      g_assert_true (jd_iin_check (cases[i], &normalized, &birth, &sex, &warning, &error));
      g_assert_no_error (error);
      g_assert_nonnull (warning);
      g_assert_false (g_date_valid (&birth));
      g_assert_cmpint (sex, ==, JD_SEX_UNKNOWN);
    }
}

static void
test_iin_disagreement (void)
{
  GDate typed;
  g_autofree char *same = NULL;
  g_autofree char *other_date = NULL;
  g_autofree char *other_sex = NULL;
  g_autofree char *none = NULL;

  date (&typed, 29, 10, 1992);
  same = jd_iin_disagreement ("921029350851", &typed, JD_SEX_MALE);
  g_assert_null (same);
  other_sex = jd_iin_disagreement ("921029350851", &typed, JD_SEX_FEMALE);
  g_assert_nonnull (other_sex);
  date (&typed, 30, 10, 1992);
  other_date = jd_iin_disagreement ("921029350851", &typed, JD_SEX_MALE);
  g_assert_nonnull (other_date);
  /* An IIN that encodes nothing cannot disagree. */
  none = jd_iin_disagreement ("921029750857", &typed, JD_SEX_MALE);
  g_assert_null (none);
}

static void
test_phone (void)
{
  const struct {
    const char *typed;
    const char *e164;
    gboolean note;
  } ok[] = {
    { "8 701 123 45 67", "+77011234567", FALSE },
    { "+7(701)123-45-67", "+77011234567", FALSE },
    { "77011234567", "+77011234567", FALSE },
    { "701 123 45 67", "+77011234567", FALSE },
    { "8 (747) 000-11-22", "+77470001122", FALSE },
    { "+7 760 555 44 33", "+77605554433", FALSE },
    { "8 785 111 22 33", "+77851112233", FALSE },
    { "+7 703 111 22 33", "+77031112233", TRUE },   /* 703 is not mobile */
    { "+7 704 111 22 33", "+77041112233", TRUE },   /* nor 704 */
    { "8 727 250 00 00", "+77272500000", TRUE },    /* Almaty landline */
    { "+7 916 123 45 67", "+79161234567", TRUE },   /* probably Russian */
    { "+998 90 123 45 67", "+998901234567", FALSE },/* Uzbekistan, with + */
    { "+90 532 123 4567", "+905321234567", FALSE }, /* Turkey */
    { "  ", NULL, FALSE },                           /* optional */
  };
  const char *refused[] = {
    "12345",              /* too short */
    "8 701 123 45 67 89", /* too long */
    "998 90 123 45 67",   /* foreign without + */
    "8 701 12a 45 67",    /* a letter */
    "+7 701 123 45",      /* +7 and too few digits */
    "+0 123 456 789",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;
      g_autofree char *note = NULL;

      g_assert_true (jd_phone_normalize (ok[i].typed, &e164, &note, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, ok[i].e164);
      g_assert_cmpint (note != NULL, ==, ok[i].note);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = NULL;

      g_assert_false (jd_phone_normalize (refused[i], &e164, NULL, &error));
      g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
      g_assert_null (e164);
    }
}

static void
test_dates (void)
{
  GDate d, expected;
  g_autofree char *iso = NULL;
  const char *bad[] = { "31.02.2000", "2000-13-01", "", "abc", "4.5.05", "29.02.2005", "0.1.2000" };

  g_assert_true (jd_date_parse ("29.10.1992", &d));
  date (&expected, 29, 10, 1992);
  g_assert_cmpint (g_date_compare (&d, &expected), ==, 0);
  g_assert_true (jd_date_parse ("9.1.2005", &d));
  date (&expected, 9, 1, 2005);
  g_assert_cmpint (g_date_compare (&d, &expected), ==, 0);
  g_assert_true (jd_date_parse (" 1992-10-29 ", &d));
  iso = jd_date_to_iso (&d);
  g_assert_cmpstr (iso, ==, "1992-10-29");
  g_assert_true (jd_date_parse ("29.02.2004", &d));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (jd_date_parse (bad[i], &d));
      g_assert_false (g_date_valid (&d));
    }
}

static void
test_times (void)
{
  const char *bad[] = { "", "24:00", "9:60", "9", "9:5", "abc", "12:30pm", "123", "-1:00" };
  guint m = 0;

  g_assert_true (jd_time_parse ("9:30", &m));
  g_assert_cmpuint (m, ==, 570);
  g_assert_true (jd_time_parse (" 09.05 ", &m));
  g_assert_cmpuint (m, ==, 545);
  g_assert_true (jd_time_parse ("1800", &m));
  g_assert_cmpuint (m, ==, 1080);
  g_assert_true (jd_time_parse ("0:00", &m));
  g_assert_cmpuint (m, ==, 0);
  g_assert_true (jd_time_parse ("23:59", &m));
  g_assert_cmpuint (m, ==, 1439);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      m = 7;
      g_assert_false (jd_time_parse (bad[i], &m));
      g_assert_cmpuint (m, ==, 7);
    }
}

static void
test_age (void)
{
  GDate birth, day;

  /* The day before the 14th birthday, and the day of it. */
  date (&birth, 15, 6, 2010);
  date (&day, 14, 6, 2024);
  g_assert_cmpint (jd_age_on (&birth, &day), ==, 13);
  date (&day, 15, 6, 2024);
  g_assert_cmpint (jd_age_on (&birth, &day), ==, 14);

  /* Born on 29 February: 14 on 1 March of a common year. */
  date (&birth, 29, 2, 2008);
  date (&day, 28, 2, 2022);
  g_assert_cmpint (jd_age_on (&birth, &day), ==, 13);
  date (&day, 1, 3, 2022);
  g_assert_cmpint (jd_age_on (&birth, &day), ==, 14);
  date (&day, 29, 2, 2024);
  g_assert_cmpint (jd_age_on (&birth, &day), ==, 16);

  g_assert_cmpstr (jd_age_band (13), ==, NULL);
  g_assert_cmpstr (jd_age_band (14), ==, "14-17");
  g_assert_cmpstr (jd_age_band (17), ==, "14-17");
  g_assert_cmpstr (jd_age_band (18), ==, "18-24");
  g_assert_cmpstr (jd_age_band (24), ==, "18-24");
  g_assert_cmpstr (jd_age_band (25), ==, "25-29");
  g_assert_cmpstr (jd_age_band (29), ==, "25-29");
  g_assert_cmpstr (jd_age_band (30), ==, "30-35");
  g_assert_cmpstr (jd_age_band (35), ==, "30-35");
  g_assert_cmpstr (jd_age_band (36), ==, NULL);
}

static void
test_age_registration (void)
{
  g_autoptr(GError) error = NULL;
  GDate birth, today;

  date (&today, 24, 11, 2026);

  date (&birth, 24, 11, 2012);   /* 14 today */
  g_assert_true (jd_age_check_registration (&birth, &today, &error));
  date (&birth, 25, 11, 2012);   /* 14 tomorrow */
  g_assert_false (jd_age_check_registration (&birth, &today, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_TOO_YOUNG);
  g_assert_nonnull (strstr (error->message, "13"));
  g_clear_error (&error);

  date (&birth, 25, 11, 1990);   /* 35, 36 tomorrow */
  g_assert_true (jd_age_check_registration (&birth, &today, &error));
  date (&birth, 24, 11, 1990);   /* 36 today */
  g_assert_false (jd_age_check_registration (&birth, &today, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_TOO_OLD);
  g_assert_nonnull (strstr (error->message, "36"));
  g_clear_error (&error);

  date (&birth, 1, 1, 2027);
  g_assert_false (jd_age_check_registration (&birth, &today, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_FUTURE);
}

static void
test_email (void)
{
  const char *bad[] = { "a@b", "a b@c.kz", "@mail.kz", "name@", "a@@b.kz", "a@b..kz" };
  g_autofree char *normalized = NULL;
  g_autofree char *empty = NULL;

  g_assert_true (jd_email_check (" Aigerim.K@Mail.kz ", &normalized, NULL));
  g_assert_cmpstr (normalized, ==, "Aigerim.K@mail.kz");
  g_assert_true (jd_email_check ("", &empty, NULL));
  g_assert_null (empty);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (jd_email_check (bad[i], NULL, &error));
      g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
    }
}

static void
test_names (void)
{
  const char *good[][2] = {
    { "  Әбілқасым-Оғлы  ", "Әбілқасым-Оғлы" },
    { "O'Connor", "O'Connor" },
    { "Ёлкина   Мария", "Ёлкина Мария" },
    { "ӘәҒғҚқҢңӨөҰұҮүҺһІі", "ӘәҒғҚқҢңӨөҰұҮүҺһІі" },
  };
  const char *bad[] = { "Асан0в", "Ержан!", "@nna", "Иванов_" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_true (jd_name_check (good[i][0], TRUE, "Surname", &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, good[i][1]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (jd_name_check (bad[i], TRUE, "Surname", NULL, &error));
      g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *normalized = NULL;

    g_assert_false (jd_name_check ("   ", TRUE, "Given name", NULL, &error));
    g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED);
    g_assert_nonnull (strstr (error->message, "Given name"));
    g_assert_true (jd_name_check ("", FALSE, "Patronymic", &normalized, NULL));
    g_assert_null (normalized);
  }
}

static void
test_consent (void)
{
  GDate birth, today;
  g_autoptr(GError) error = NULL;

  date (&today, 24, 11, 2026);
  date (&birth, 1, 1, 2010);   /* 16 */

  g_assert_false (jd_consent_check (&birth, &today, FALSE, NULL, NULL, &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CONSENT);
  g_clear_error (&error);
  g_assert_false (jd_consent_check (&birth, &today, TRUE, "  ", "+77011234567", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CONSENT);
  g_clear_error (&error);
  g_assert_false (jd_consent_check (&birth, &today, TRUE, "Омарова Сәуле", "12", &error));
  g_assert_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_CONSENT);
  g_clear_error (&error);
  g_assert_true (jd_consent_check (&birth, &today, TRUE, "Омарова Сәуле", "8 701 123 45 67", &error));
  g_assert_no_error (error);

  /* 18 on the day: their own consent. */
  date (&birth, 24, 11, 2008);
  g_assert_true (jd_consent_check (&birth, &today, FALSE, NULL, NULL, &error));
  date (&birth, 25, 11, 2008);
  g_assert_false (jd_consent_check (&birth, &today, FALSE, NULL, NULL, &error));
}

static void
test_sex_codes (void)
{
  g_assert_cmpstr (jd_sex_to_code (JD_SEX_FEMALE), ==, "female");
  g_assert_cmpstr (jd_sex_to_code (JD_SEX_MALE), ==, "male");
  g_assert_null (jd_sex_to_code (JD_SEX_UNKNOWN));
  g_assert_cmpint (jd_sex_from_code ("male"), ==, JD_SEX_MALE);
  g_assert_cmpint (jd_sex_from_code ("female"), ==, JD_SEX_FEMALE);
  g_assert_cmpint (jd_sex_from_code (NULL), ==, JD_SEX_UNKNOWN);
  g_assert_cmpint (jd_sex_from_code ("x"), ==, JD_SEX_UNKNOWN);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/validate/iin/valid", test_iin_valid);
  g_test_add_func ("/jd/validate/iin/refused", test_iin_refused);
  g_test_add_func ("/jd/validate/iin/no-date", test_iin_no_date);
  g_test_add_func ("/jd/validate/iin/disagreement", test_iin_disagreement);
  g_test_add_func ("/jd/validate/phone", test_phone);
  g_test_add_func ("/jd/validate/dates", test_dates);
  g_test_add_func ("/jd/validate/times", test_times);
  g_test_add_func ("/jd/validate/age", test_age);
  g_test_add_func ("/jd/validate/age-registration", test_age_registration);
  g_test_add_func ("/jd/validate/email", test_email);
  g_test_add_func ("/jd/validate/names", test_names);
  g_test_add_func ("/jd/validate/consent", test_consent);
  g_test_add_func ("/jd/validate/sex-codes", test_sex_codes);

  return g_test_run ();
}
