/* jd-types.h: small types shared across src/core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  JD_SEX_UNKNOWN,
  JD_SEX_FEMALE,
  JD_SEX_MALE,
} JdSex;

/* Age limits of the centres' audience, inclusive. */
#define JD_AGE_MIN 14
#define JD_AGE_MAX 35
/* Under this age a parent or guardian gives consent. */
#define JD_AGE_ADULT 18

const char *jd_sex_to_code   (JdSex       sex);
JdSex       jd_sex_from_code (const char *code);

G_END_DECLS
