/* jd-age-band.h: the age groups of the centre's figures: 14–17,
 * 18–24, 25–29 and 30–35
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bands are numbered from 0, youngest first. */
#define JD_N_AGE_BANDS 4

/* The code stored for a band ("14-17"), or NULL outside 14–35. */
const char *jd_age_band        (int          age);
/* The band of @age, or -1 outside 14–35. */
int         jd_age_band_of_age (int          age);
/* The band stored as @code, or -1 when @code is not a band. */
int         jd_age_band_find   (const char  *code);
/* "14-17": what the database stores. */
const char *jd_age_band_code   (guint        band);
/* "14–17": what people read (an en dash, the same in every language). */
const char *jd_age_band_label  (guint        band);
/* The first and the last age of @band, both inclusive. */
void        jd_age_band_ages   (guint        band,
                                int         *min,
                                int         *max);

G_END_DECLS
