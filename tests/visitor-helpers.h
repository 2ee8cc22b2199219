/* visitor-helpers.h: visitors made straight in the database for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-visitor.h"

/* What a test says about a visitor; what it leaves out is a plain young
 * woman of Almaly looking for work, who agreed to be recorded. */
typedef struct
{
  const char *surname;
  const char *given_name;     /* "Тест" */
  const char *birth_date;     /* "2000-01-01" */
  JdSex       sex;            /* JD_SEX_UNKNOWN: female */
  const char *district_code;  /* "almaty-almaly" */
  const char *locality;
  const char *occupation;     /* "unemployed_seeking" */
  const char *language;       /* jd_visitor_new ()'s */
  const char *iin;
  const char *phone;
  const char *notes;
  const char *categories;     /* comma-separated */
} TestVisitor;

/* Inserts @spec into @db, which must take it; returns the new id. */
static inline gint64
test_add_visitor (JdDb              *db,
                  const TestVisitor *spec)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  g_autoptr(GError) error = NULL;

  v->surname = g_strdup (spec->surname);
  v->given_name = g_strdup (spec->given_name ? spec->given_name : "Тест");
  v->birth_date = g_strdup (spec->birth_date ? spec->birth_date : "2000-01-01");
  v->sex = spec->sex != JD_SEX_UNKNOWN ? spec->sex : JD_SEX_FEMALE;
  v->district_code = g_strdup (spec->district_code ? spec->district_code : "almaty-almaly");
  v->locality = g_strdup (spec->locality);
  v->occupation = g_strdup (spec->occupation ? spec->occupation : "unemployed_seeking");
  if (spec->language != NULL)
    {
      g_free (v->language);
      v->language = g_strdup (spec->language);
    }
  v->iin = g_strdup (spec->iin);
  v->phone = g_strdup (spec->phone);
  v->notes = g_strdup (spec->notes);
  if (spec->categories != NULL)
    v->categories = g_strsplit (spec->categories, ",", -1);
  v->consent_given = TRUE;
  g_assert_true (jd_visitor_insert (db, v, &error));
  g_assert_no_error (error);
  return v->id;
}
