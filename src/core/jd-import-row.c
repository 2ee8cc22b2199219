/* jd-import-row.c: a visitor from a row of an imported file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Columns are matched to fields by their headers, and values to codes,
 * in any of the three languages; what the registration form would not
 * take is a reason to reject the row. Runs on the import's reading
 * thread: nothing here writes to the database.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-db-private.h"
#include "jd-import-private.h"
#include "jd-validate.h"
#include "jd-visitor.h"

/* The fields a column can hold, in the order of Column. */
static const JdChoice import_fields[N_COLUMNS] = {
  [COL_SURNAME] = { "surname", N_("Surname") },
  [COL_GIVEN_NAME] = { "given_name", N_("Given name") },
  [COL_PATRONYMIC] = { "patronymic", N_("Patronymic") },
  [COL_IIN] = { "iin", N_("IIN") },
  [COL_BIRTH_DATE] = { "birth_date", N_("Date of birth") },
  [COL_SEX] = { "sex", N_("Sex") },
  [COL_PHONE] = { "phone", N_("Phone") },
  [COL_EMAIL] = { "email", N_("E-mail") },
  [COL_DISTRICT] = { "district", N_("District") },
  [COL_LOCALITY] = { "locality", N_("Locality") },
  [COL_OCCUPATION] = { "occupation", N_("Occupation") },
  [COL_EDUCATION] = { "education", N_("Education") },
  [COL_CATEGORIES] = { "categories", N_("Social categories") },
  [COL_LANGUAGE] = { "language", N_("Preferred language") },
  [COL_CONSENT_BY] = { "consent_by", N_("Consent given by") },
  [COL_GUARDIAN] = { "guardian", N_("Guardian") },
  [COL_GUARDIAN_PHONE] = { "guardian_phone", N_("Guardian’s phone") },
  [COL_NOTES] = { "notes", N_("Notes") },
  [COL_REGISTERED] = { "registered", N_("Registered") },
  [COL_CONSENT_DATE] = { "consent_date", N_("Consent date") },
};

/* Headers people use, in English, Kazakh and Russian, besides the ones
 * the export writes in the interface language (see header_column()). */
static const struct
{
  Column      column;
  const char *names[6];
} header_aliases[] = {
  { COL_SURNAME, { "surname", "last name", "тегі", "фамилия", NULL } },
  { COL_GIVEN_NAME, { "given name", "first name", "name", "аты", "имя", NULL } },
  { COL_PATRONYMIC, { "patronymic", "әкесінің аты", "отчество", NULL } },
  { COL_IIN, { "iin", "жсн", "иин", NULL } },
  { COL_BIRTH_DATE, { "date of birth", "birth date", "туған күні", "дата рождения", NULL } },
  { COL_SEX, { "sex", "gender", "жынысы", "пол", NULL } },
  { COL_PHONE, { "phone", "телефон", "телефон нөмірі", "номер телефона", NULL } },
  { COL_EMAIL, { "e-mail", "email", "электрондық пошта", "электронная почта", NULL } },
  { COL_DISTRICT, { "district", "аудан", "район", NULL } },
  { COL_LOCALITY, { "locality", "елді мекен", "населённый пункт", "населенный пункт", NULL } },
  { COL_OCCUPATION, { "occupation", "status", "қызметі", "жұмыспен қамтылуы", "занятость", NULL } },
  { COL_EDUCATION, { "education", "білімі", "образование", NULL } },
  { COL_CATEGORIES, { "social categories", "әлеуметтік санаттар", "социальные категории", NULL } },
  { COL_LANGUAGE, { "preferred language", "language", "тілі", "язык", NULL } },
  { COL_CONSENT_BY, { "consent given by", "келісім берген", "согласие дал", NULL } },
  { COL_GUARDIAN, { "guardian", "ата-анасы", "законный представитель", NULL } },
  { COL_GUARDIAN_PHONE, { "guardian’s phone", "guardian's phone", "ата-анасының телефоны",
                          "телефон представителя", NULL } },
  { COL_NOTES, { "notes", "ескертпелер", "примечания", NULL } },
  { COL_REGISTERED, { "registered", "тіркелген", "дата регистрации", NULL } },
  { COL_CONSENT_DATE, { "consent date", "date of consent", "келісім күні", "дата согласия", NULL } },
};

int
jd_import_header_column (const char *header)
{
  g_autofree char *key = jd_import_normalize (header);

  if (*key == '\0')
    return -1;
  /* The export's own headers, in any of the three languages. */
  for (int c = 0; c < N_COLUMNS; c++)
    if (jd_import_label_matches (NULL, import_fields[c].label, key))
      return c;
  for (guint i = 0; i < G_N_ELEMENTS (header_aliases); i++)
    for (guint j = 0; header_aliases[i].names[j] != NULL; j++)
      {
        g_autofree char *alias = jd_import_normalize (header_aliases[i].names[j]);

        if (g_str_equal (key, alias))
          return (int) header_aliases[i].column;
      }
  return -1;
}

/* A code of @choices from the code itself or its label in any of the
 * three languages. */
static const char *
choice_from_text (const JdChoice *choices,
                  guint           n,
                  const char     *value)
{
  g_autofree char *key = jd_import_normalize (value);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *code = jd_import_normalize (choices[i].code);

      if (g_str_equal (key, code) || jd_import_label_matches (NULL, choices[i].label, key))
        return choices[i].code;
    }
  return NULL;
}

static JdSex
sex_from_text (const char *value)
{
  g_autofree char *key = jd_import_normalize (value);

  if (*key == '\0')
    return JD_SEX_UNKNOWN;
  if (jd_import_label_matches ("sex", "Female", key) || g_str_has_prefix (key, "f") ||
      g_str_has_prefix (key, "ж") || g_str_has_prefix (key, "ә"))
    return JD_SEX_FEMALE;
  if (jd_import_label_matches ("sex", "Male", key) || g_str_has_prefix (key, "m") ||
      g_str_has_prefix (key, "м") || g_str_has_prefix (key, "е"))
    return JD_SEX_MALE;
  return JD_SEX_UNKNOWN;
}

static const char *
language_from_text (const char *value)
{
  g_autofree char *key = jd_import_normalize (value);

  if (jd_import_label_matches (NULL, "Kazakh", key) || g_str_has_prefix (key, "kk") ||
      g_str_has_prefix (key, "kaz") || g_str_has_prefix (key, "қаз") || g_str_has_prefix (key, "каз"))
    return "kk";
  if (jd_import_label_matches (NULL, "Russian", key) || g_str_has_prefix (key, "ru") ||
      g_str_has_prefix (key, "рус") || g_str_has_prefix (key, "орыс"))
    return "ru";
  return NULL;
}

gboolean
jd_import_load_districts (Import  *im,
                          GError **error)
{
  JdStmt *stmt = jd_db_prepare (im->db, "SELECT code, name_kk, name_ru, name_en FROM district", error);

  if (stmt == NULL)
    return FALSE;
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    for (int i = 0; i < 4; i++)
      g_hash_table_insert (im->districts, jd_import_normalize (jd_import_text (stmt, i)), g_strdup (jd_import_text (stmt, 0)));
  jd_stmt_reset (stmt);
  return TRUE;
}

static const char MISS[] = "";

/* The code @resolve gives for @value in @column, remembered. */
static const char *
remembered (Import      *im,
            Column       column,
            const char  *value,
            const char *(*resolve) (Import *im, const char *value))
{
  const char *code;

  if (im->memo[column] == NULL)
    im->memo[column] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  code = g_hash_table_lookup (im->memo[column], value);
  if (code == NULL)
    {
      code = resolve (im, value);
      if (code == NULL)
        code = MISS;
      g_hash_table_insert (im->memo[column], g_strdup (value), (gpointer) code);
    }
  return code == MISS ? NULL : code;
}

static const char *
resolve_district (Import     *im,
                  const char *value)
{
  g_autofree char *key = jd_import_normalize (value);

  return g_hash_table_lookup (im->districts, key);
}

#define RESOLVE_CHOICE(name, list)                                  \
  static const char *                                              \
  resolve_##name (Import     *im,                                  \
                  const char *value)                               \
  {                                                                \
    guint n;                                                       \
    const JdChoice *choices = list (&n);                           \
                                                                   \
    return choice_from_text (choices, n, value);                   \
  }
RESOLVE_CHOICE (occupation, jd_occupations)
RESOLVE_CHOICE (education, jd_education_levels)
RESOLVE_CHOICE (category, jd_social_categories)
#undef RESOLVE_CHOICE

static const char *
resolve_sex (Import     *im,
             const char *value)
{
  return jd_sex_to_code (sex_from_text (value));
}

static const char *
resolve_language (Import     *im,
                  const char *value)
{
  return language_from_text (value);
}

static const char *
cell (GPtrArray  *row,
      const int  *map,
      Column      column)
{
  int index = map[column];

  const char *value;

  if (index < 0 || (guint) index >= row->len)
    return NULL;
  value = row->pdata[index];
  /* The apostrophe our export puts before "+7…" and the like. */
  if (value[0] == '\'' && value[1] != '\0' && strchr ("=+-@\t\r", value[1]) != NULL)
    value++;
  return *value ? value : NULL;
}

/* An IIN that a spreadsheet took for a number lost its leading zeros
 * (everyone born in 2000–2009; three zeros in January–September 2000):
 * 9 to 11 digits are made 12 again when that passes the check digit and
 * agrees with the date of birth in the same row; anything else is the
 * person's to check. */
static gboolean
restore_iin (JdVisitor  *v,
             char      **reason)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *padded = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(GError) error = NULL;
  GDate encoded, birth;
  JdSex sex;
  gsize n;

  for (const char *p = v->iin; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ')
        return TRUE;
    }
  n = digits->len;
  if (n < 9 || n > 11)
    return TRUE;

  padded = g_strdup_printf ("%.*s%s", (int) (12 - n), "000", digits->str);
  g_date_clear (&encoded, 1);
  g_date_clear (&birth, 1);
  if (jd_iin_check (padded, &normal, &encoded, &sex, &warning, &error) && g_date_valid (&encoded) &&
      v->birth_date != NULL && jd_date_parse (v->birth_date, &birth) &&
      g_date_compare (&encoded, &birth) == 0)
    {
      g_free (v->iin);
      v->iin = g_steal_pointer (&normal);
      return TRUE;
    }
  *reason = g_strdup_printf (_("The IIN “%s” has %u digits, not 12, and with the leading zeros a "
                               "spreadsheet drops it does not match the date of birth in this row. "
                               "Check the IIN and the date of birth, and keep the IIN column as "
                               "text in the spreadsheet."),
                             v->iin, (guint) n);
  return FALSE;
}

/* A visitor from a row, or NULL with @reason. */
JdVisitor *
jd_import_visitor_from_row (Import     *im,
                            GPtrArray  *row,
                            const int  *map,
                            GDate      *registered_day,
                            gboolean   *consent_recorded,
                            char      **reason)
{
  g_autoptr(JdVisitor) v = jd_visitor_new ();
  const char *value;

#define TEXT(col) g_strdup (cell (row, map, col))
  v->surname = TEXT (COL_SURNAME);
  v->given_name = TEXT (COL_GIVEN_NAME);
  v->patronymic = TEXT (COL_PATRONYMIC);
  v->iin = TEXT (COL_IIN);
  v->birth_date = TEXT (COL_BIRTH_DATE);
  v->phone = TEXT (COL_PHONE);
  v->email = TEXT (COL_EMAIL);
  v->notes = TEXT (COL_NOTES);
  v->guardian_name = TEXT (COL_GUARDIAN);
  v->guardian_phone = TEXT (COL_GUARDIAN_PHONE);
#undef TEXT
  if (v->iin != NULL && !restore_iin (v, reason))
    return NULL;
  if ((value = cell (row, map, COL_SEX)) != NULL)
    v->sex = jd_sex_from_code (remembered (im, COL_SEX, value, resolve_sex));

  if ((value = cell (row, map, COL_DISTRICT)) != NULL)
    {
      const char *code = remembered (im, COL_DISTRICT, value, resolve_district);

      if (code != NULL)
        {
          v->district_code = g_strdup (code);
          v->locality = g_strdup (cell (row, map, COL_LOCALITY));
        }
      else
        {
          /* A place outside the list: "other", with its name kept. */
          v->district_code = g_strdup ("other");
          v->locality = g_strdup (cell (row, map, COL_LOCALITY) ? cell (row, map, COL_LOCALITY) : value);
        }
    }

  if ((value = cell (row, map, COL_OCCUPATION)) != NULL)
    {
      const char *code = remembered (im, COL_OCCUPATION, value, resolve_occupation);

      if (code == NULL)
        {
          *reason = g_strdup_printf (_("Unknown occupation “%s”."), value);
          return NULL;
        }
      v->occupation = g_strdup (code);
    }
  if ((value = cell (row, map, COL_EDUCATION)) != NULL)
    {
      const char *code = remembered (im, COL_EDUCATION, value, resolve_education);

      if (code == NULL)
        {
          *reason = g_strdup_printf (_("Unknown education level “%s”."), value);
          return NULL;
        }
      v->education = g_strdup (code);
    }
  if ((value = cell (row, map, COL_CATEGORIES)) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (value, ",;", -1);
      g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *code;

          g_strstrip (parts[i]);
          if (*parts[i] == '\0')
            continue;
          code = remembered (im, COL_CATEGORIES, parts[i], resolve_category);
          if (code == NULL)
            {
              *reason = g_strdup_printf (_("Unknown social category “%s”."), parts[i]);
              return NULL;
            }
          g_strv_builder_add (codes, code);
        }
      v->categories = g_strv_builder_end (codes);
    }
  if ((value = cell (row, map, COL_LANGUAGE)) != NULL &&
      (value = remembered (im, COL_LANGUAGE, value, resolve_language)) != NULL)
    {
      g_free (v->language);
      v->language = g_strdup (value);
    }

  /* Consent given on paper, on its date or when the person was first
   * registered; a guardian named in the row is the one who gave it. A
   * row that says nothing of consent is imported without one: none is
   * made up, and the front desk asks for it at the next check-in. */
  v->consent_given = TRUE;
  value = cell (row, map, COL_CONSENT_BY);
  if (value != NULL)
    {
      g_autofree char *key = jd_import_normalize (value);

      v->consent_by_guardian = !jd_import_label_matches (NULL, "self", key);
    }
  v->consent_by_guardian = v->consent_by_guardian || v->guardian_name != NULL;
  *consent_recorded = value != NULL || v->guardian_name != NULL;
  if ((value = cell (row, map, COL_CONSENT_DATE)) != NULL)
    {
      GDate day;

      if (!jd_date_parse (value, &day))
        {
          *reason = g_strdup_printf (_("The consent date “%s” is not a date. Correct it or leave "
                                       "the cell empty."), value);
          return NULL;
        }
      v->consent_date = jd_date_to_iso (&day);
      *consent_recorded = TRUE;
    }

  g_date_clear (registered_day, 1);
  if ((value = cell (row, map, COL_REGISTERED)) != NULL && !jd_date_parse (value, registered_day))
    {
      *reason = g_strdup_printf (_("The registration date “%s” is not a date."), value);
      return NULL;
    }

  return g_steal_pointer (&v);
}

/* Why the registration or consent date of a valid @v cannot be, or NULL:
 * neither comes before the person's birth or after today. */
char *
jd_import_check_dates (JdVisitor   *v,
                       const GDate *registered,
                       const GDate *today)
{
  g_autofree char *day = g_date_valid (registered) ? jd_date_to_iso (registered) : NULL;
  GDate birth, consent;

  g_date_clear (&birth, 1);
  g_date_clear (&consent, 1);
  if (!jd_date_parse (v->birth_date, &birth))
    return NULL;
  if (g_date_valid (registered) && g_date_compare (registered, today) > 0)
    return g_strdup_printf (_("The registration date %s is in the future. Correct it or leave the "
                              "cell empty."), day);
  if (g_date_valid (registered) && g_date_compare (registered, &birth) < 0)
    return g_strdup_printf (_("The registration date %s is before the date of birth. Correct it or "
                              "leave the cell empty."), day);
  if (v->consent_date != NULL && jd_date_parse (v->consent_date, &consent) &&
      g_date_compare (&consent, today) > 0)
    return g_strdup_printf (_("The consent date %s is in the future. Correct it or leave the cell "
                              "empty."), v->consent_date);
  if (v->consent_date != NULL && g_date_valid (&consent) && g_date_compare (&consent, &birth) < 0)
    return g_strdup_printf (_("The consent date %s is before the date of birth. Correct it or "
                              "leave the cell empty."), v->consent_date);
  return NULL;
}

const JdChoice *
jd_import_fields (guint *n_fields)
{
  if (n_fields != NULL)
    *n_fields = N_COLUMNS;
  return import_fields;
}

gboolean
jd_import_fields_complete (const int *fields,
                           guint      n_fields)
{
  gboolean have[N_COLUMNS] = { FALSE };

  for (guint i = 0; i < n_fields; i++)
    if (fields[i] >= 0 && fields[i] < N_COLUMNS)
      have[fields[i]] = TRUE;
  return have[COL_SURNAME] && have[COL_GIVEN_NAME] && (have[COL_BIRTH_DATE] || have[COL_IIN]);
}
