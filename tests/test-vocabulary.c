/* test-vocabulary.c: the words and numbers every screen shares: the
 * purposes and services, the age bands, the periods and the dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "jd-age-band.h"
#include "jd-date-format.h"
#include "jd-period.h"
#include "jd-purpose.h"

static GDate
dmy (int day,
     int month,
     int year)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return date;
}

static void
assert_day (const GDate *date,
            int          day,
            int          month,
            int          year)
{
  g_assert_cmpint (g_date_get_day (date), ==, day);
  g_assert_cmpint (g_date_get_month (date), ==, month);
  g_assert_cmpint (g_date_get_year (date), ==, year);
}

/* 13/14, 17/18, 24/25, 29/30 and 35/36: each edge on both sides. */
static void
test_age_band_edges (void)
{
  static const struct { int age; int band; const char *code; } cases[] = {
    { 0, -1, NULL }, { 13, -1, NULL },
    { 14, 0, "14-17" }, { 17, 0, "14-17" },
    { 18, 1, "18-24" }, { 24, 1, "18-24" },
    { 25, 2, "25-29" }, { 29, 2, "25-29" },
    { 30, 3, "30-35" }, { 35, 3, "30-35" },
    { 36, -1, NULL }, { 120, -1, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (jd_age_band_of_age (cases[i].age), ==, cases[i].band);
      g_assert_cmpstr (jd_age_band (cases[i].age), ==, cases[i].code);
    }
}

static void
test_age_band_codes (void)
{
  static const char *const labels[] = { "14–17", "18–24", "25–29", "30–35" };
  static const int mins[] = { 14, 18, 25, 30 };
  static const int maxs[] = { 17, 24, 29, 35 };

  g_assert_cmpint (JD_N_AGE_BANDS, ==, 4);
  for (guint band = 0; band < JD_N_AGE_BANDS; band++)
    {
      int min, max;

      g_assert_cmpstr (jd_age_band_label (band), ==, labels[band]);
      g_assert_cmpint (jd_age_band_find (jd_age_band_code (band)), ==, (int) band);
      jd_age_band_ages (band, &min, &max);
      g_assert_cmpint (min, ==, mins[band]);
      g_assert_cmpint (max, ==, maxs[band]);
      /* A band's code is the one stored for its ages. */
      g_assert_cmpstr (jd_age_band (min), ==, jd_age_band_code (band));
      g_assert_cmpstr (jd_age_band (max), ==, jd_age_band_code (band));
    }
  g_assert_cmpint (jd_age_band_find ("14–17"), ==, -1);   /* the label is no code */
  g_assert_cmpint (jd_age_band_find ("36-99"), ==, -1);
  g_assert_cmpint (jd_age_band_find (NULL), ==, -1);
}

/* Wednesday 14 January 2026: its week is Monday 12 to Sunday 18. */
static void
test_period_week_starts_on_monday (void)
{
  GDate day = dmy (14, 1, 2026), first, end;

  jd_period_bounds (JD_PERIOD_WEEK, &day, &first, &end);
  assert_day (&first, 12, 1, 2026);
  assert_day (&end, 19, 1, 2026);
  g_assert_cmpint (g_date_get_weekday (&first), ==, G_DATE_MONDAY);

  /* A Monday is its own week's first day, a Sunday the last. */
  day = dmy (12, 1, 2026);
  jd_period_bounds (JD_PERIOD_WEEK, &day, &first, &end);
  assert_day (&first, 12, 1, 2026);
  day = dmy (18, 1, 2026);
  jd_period_bounds (JD_PERIOD_WEEK, &day, &first, &end);
  assert_day (&first, 12, 1, 2026);
  assert_day (&end, 19, 1, 2026);
}

/* Thursday 1 January 2026: its week began on Monday 29 December 2025. */
static void
test_period_week_across_new_year (void)
{
  GDate day = dmy (1, 1, 2026), first, end;

  jd_period_bounds (JD_PERIOD_WEEK, &day, &first, &end);
  assert_day (&first, 29, 12, 2025);
  assert_day (&end, 5, 1, 2026);

  /* One week back from 1 January 2026 is 25 December 2025. */
  jd_period_step (JD_PERIOD_WEEK, &day, -1);
  assert_day (&day, 25, 12, 2025);
}

static void
test_period_month_and_year (void)
{
  GDate day = dmy (31, 12, 2025), first, end;

  jd_period_bounds (JD_PERIOD_DAY, &day, &first, &end);
  assert_day (&first, 31, 12, 2025);
  assert_day (&end, 1, 1, 2026);

  jd_period_bounds (JD_PERIOD_MONTH, &day, &first, &end);
  assert_day (&first, 1, 12, 2025);
  assert_day (&end, 1, 1, 2026);

  jd_period_bounds (JD_PERIOD_QUARTER, &day, &first, &end);
  assert_day (&first, 1, 10, 2025);
  assert_day (&end, 1, 1, 2026);

  jd_period_bounds (JD_PERIOD_YEAR, &day, &first, &end);
  assert_day (&first, 1, 1, 2025);
  assert_day (&end, 1, 1, 2026);

  /* February of a leap year has 29 days. */
  day = dmy (15, 2, 2028);
  jd_period_bounds (JD_PERIOD_MONTH, &day, &first, &end);
  assert_day (&first, 1, 2, 2028);
  assert_day (&end, 1, 3, 2028);
}

static void
test_period_step (void)
{
  GDate day = dmy (31, 1, 2026);

  /* A month after 31 January is the last day of February. */
  jd_period_step (JD_PERIOD_MONTH, &day, 1);
  assert_day (&day, 28, 2, 2026);

  day = dmy (15, 1, 2026);
  jd_period_step (JD_PERIOD_MONTH, &day, -1);
  assert_day (&day, 15, 12, 2025);
  jd_period_step (JD_PERIOD_QUARTER, &day, 1);
  assert_day (&day, 15, 3, 2026);
  jd_period_step (JD_PERIOD_YEAR, &day, -1);
  assert_day (&day, 15, 3, 2025);
  jd_period_step (JD_PERIOD_DAY, &day, 17);
  assert_day (&day, 1, 4, 2025);
}

/* The centre's day, not UTC's: 31 December 2025 20:30 UTC is already
 * 1 January 2026 in Almaty (UTC+5), and the week, month and year
 * start there at local midnight. */
static void
test_period_in_centre_zone (void)
{
  g_autoptr(GTimeZone) almaty = g_time_zone_new_offset (5 * 3600);
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2025, 12, 31, 20, 30, 0);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, almaty);
  g_autoptr(GDateTime) week = NULL;
  g_autoptr(GDateTime) month = NULL;
  g_autoptr(GDateTime) year = NULL;
  GDate day;

  jd_period_day_of (local, &day);
  assert_day (&day, 1, 1, 2026);

  week = jd_period_start (JD_PERIOD_WEEK, local);
  month = jd_period_start (JD_PERIOD_MONTH, local);
  year = jd_period_start (JD_PERIOD_YEAR, local);
  /* Monday 29 December 2025 00:00 in Almaty is 28 December 19:00 UTC. */
  g_assert_cmpint (g_date_time_to_unix (week), ==, 1766948400);
  g_assert_cmpint (g_date_time_get_utc_offset (week), ==, 5 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_day_of_month (week), ==, 29);
  g_assert_cmpint (g_date_time_get_hour (week), ==, 0);
  /* 1 January 2026 00:00 in Almaty is 31 December 2025 19:00 UTC. */
  g_assert_cmpint (g_date_time_to_unix (month), ==, 1767207600);
  g_assert_cmpint (g_date_time_to_unix (year), ==, 1767207600);
}

static void
check_date_formats (void)
{
  g_autoptr(GTimeZone) almaty = g_time_zone_new_offset (5 * 3600);
  g_autoptr(GDateTime) when = g_date_time_new (almaty, 2026, 3, 5, 9, 7, 0);
  g_autofree char *day = jd_date_format_day (when);
  g_autofree char *day_time = jd_date_format_day_time (when);
  g_autofree char *time = jd_date_format_time (when);
  GDate date = dmy (5, 3, 2026);
  g_autofree char *from_date = jd_date_format_date (&date);
  g_autofree char *from_iso = jd_date_format_iso ("2026-03-05");
  g_autofree char *not_iso = jd_date_format_iso ("soon");
  g_autofree char *none = jd_date_format_iso (NULL);

  g_assert_cmpstr (day, ==, "05.03.2026");
  g_assert_cmpstr (day_time, ==, "05.03.2026 09:07");
  g_assert_cmpstr (time, ==, "09:07");
  g_assert_cmpstr (from_date, ==, "05.03.2026");
  g_assert_cmpstr (from_iso, ==, "05.03.2026");
  g_assert_cmpstr (not_iso, ==, "soon");
  g_assert_cmpstr (none, ==, "");
}

/* dd.mm.yyyy with Latin digits whatever the language of the desk. */
static void
test_date_format_locales (void)
{
  static const char *const locales[] = { "C.UTF-8", "kk_KZ.UTF-8", "ru_RU.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  guint tried = 0;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (setlocale (LC_ALL, locales[i]) == NULL)
        continue;
      check_date_formats ();
      tried++;
    }
  setlocale (LC_ALL, saved);
  check_date_formats ();
  if (tried < G_N_ELEMENTS (locales))
    g_test_message ("%u of %u locales installed", tried, (guint) G_N_ELEMENTS (locales));
}

/* One code, one label: a service is called the same as the purpose. */
static void
test_purpose_labels (void)
{
  guint n_purposes, n_services;
  const JdChoice *purposes = jd_visit_purposes (&n_purposes);
  const JdChoice *services = jd_consultation_services (&n_services);
  const char * const *codes = jd_purpose_service_codes ();
  guint n_codes = g_strv_length ((char **) codes);

  g_assert_cmpuint (n_purposes, ==, 13);
  g_assert_cmpstr (purposes[0].code, ==, "employment");
  g_assert_cmpuint (n_services, ==, 9);
  g_assert_cmpuint (n_codes, ==, n_services);

  for (guint i = 0; i < n_purposes; i++)
    {
      g_assert_nonnull (purposes[i].label);
      g_assert_cmpstr (purposes[i].label, !=, "");
      g_assert_true (jd_purpose_is_known (purposes[i].code));
    }

  for (guint i = 0; i < n_services; i++)
    {
      const JdChoice *purpose = jd_choice_find (purposes, n_purposes, services[i].code);

      g_assert_nonnull (purpose);
      g_assert_cmpstr (services[i].label, ==, purpose->label);
      g_assert_true (jd_purpose_is_service (services[i].code));
      g_assert_true (g_strv_contains (codes, services[i].code));
      g_assert_cmpstr (jd_purpose_service_label (services[i].code), ==,
                       jd_choice_label (purposes, n_purposes, services[i].code));
    }

  /* The forms' order and the check-in order stay as they were. */
  g_assert_cmpstr (services[5].code, ==, "housing");
  g_assert_cmpstr (services[6].code, ==, "education");
  g_assert_cmpstr (codes[0], ==, "psychological");

  g_assert_cmpstr (jd_purpose_service_label ("legal"), ==, "Legal advice");
  g_assert_cmpstr (jd_purpose_service_label ("employment"), ==, "Employment");
  g_assert_cmpstr (jd_purpose_service_label ("entrepreneurship"), ==, "Entrepreneurship");
  g_assert_cmpstr (jd_purpose_service_label ("education"), ==, "Education");
  g_assert_false (jd_purpose_is_service ("event"));
  g_assert_false (jd_purpose_is_service (NULL));
  g_assert_true (jd_purpose_is_known ("coworking"));
  g_assert_false (jd_purpose_is_known ("shopping"));
  g_assert_cmpstr (jd_purpose_service_label ("event"), ==, "event");   /* not a service */
  g_assert_cmpstr (jd_purpose_service_label ("unknown"), ==, "unknown");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jd/vocabulary/age-band/edges", test_age_band_edges);
  g_test_add_func ("/jd/vocabulary/age-band/codes", test_age_band_codes);
  g_test_add_func ("/jd/vocabulary/period/week-starts-on-monday", test_period_week_starts_on_monday);
  g_test_add_func ("/jd/vocabulary/period/week-across-new-year", test_period_week_across_new_year);
  g_test_add_func ("/jd/vocabulary/period/month-and-year", test_period_month_and_year);
  g_test_add_func ("/jd/vocabulary/period/step", test_period_step);
  g_test_add_func ("/jd/vocabulary/period/centre-zone", test_period_in_centre_zone);
  g_test_add_func ("/jd/vocabulary/date-format/locales", test_date_format_locales);
  g_test_add_func ("/jd/vocabulary/purpose/labels", test_purpose_labels);

  return g_test_run ();
}
