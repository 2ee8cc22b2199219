/* jd-age-band.c: the age groups of the centre's figures: 14–17,
 * 18–24, 25–29 and 30–35
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-age-band"

#include "config.h"

#include "jd-age-band.h"

/* The same bands are written into the schema (the CHECK on
 * consultation.anon_age_band and the counting triggers, jd-schema.c):
 * a change here is a change of the schema. */
static const struct
{
  const char *code;
  const char *label;
  int min;
  int max;
} bands[JD_N_AGE_BANDS] = {
  { "14-17", "14–17", 14, 17 },
  { "18-24", "18–24", 18, 24 },
  { "25-29", "25–29", 25, 29 },
  { "30-35", "30–35", 30, 35 },
};

int
jd_age_band_of_age (int age)
{
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (age >= bands[i].min && age <= bands[i].max)
      return (int) i;
  return -1;
}

const char *
jd_age_band (int age)
{
  int band = jd_age_band_of_age (age);

  return band < 0 ? NULL : bands[band].code;
}

int
jd_age_band_find (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (g_strcmp0 (code, bands[i].code) == 0)
      return (int) i;
  return -1;
}

const char *
jd_age_band_code (guint band)
{
  g_return_val_if_fail (band < JD_N_AGE_BANDS, NULL);

  return bands[band].code;
}

const char *
jd_age_band_label (guint band)
{
  g_return_val_if_fail (band < JD_N_AGE_BANDS, NULL);

  return bands[band].label;
}

void
jd_age_band_ages (guint  band,
                  int   *min,
                  int   *max)
{
  g_return_if_fail (band < JD_N_AGE_BANDS);
  g_return_if_fail (min != NULL && max != NULL);

  *min = bands[band].min;
  *max = bands[band].max;
}
