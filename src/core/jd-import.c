/* jd-import.c: visitors from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Centres bring years of visitors from spreadsheets. Moved from
 * jd-export.c unchanged; the page cache helpers stay there.
 */
#define G_LOG_DOMAIN "jd-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "jd-audit.h"
#include "jd-csv.h"
#include "jd-db-private.h"
#include "jd-export-private.h"
#include "jd-import-private.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-text.h"
#include "jd-validate.h"
#include "jd-visitor.h"

/* An import writes every page of its new rows, and keeps them in
 * 128 MB (100,000 visitors: 11.5 s instead of 14.6 s). */
#define IMPORT_CACHE_KIB 131072
/* In bulk, rows go to the end of their tables and indexes and the
 * indexes that would take them at random are made by sorting: 32 MB is
 * as fast as 128 MB (100,000 visitors: 4.7-5.3 s against 5.1-5.7 s) and
 * the import's peak memory is 131 MB instead of 218 MB. */
#define BULK_IMPORT_CACHE_KIB 32768

const char *
jd_import_text (sqlite3_stmt *stmt,
                int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}


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

static int
header_column (const char *header)
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

static gboolean
load_districts (Import  *im,
                GError **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (im->db, "SELECT code, name_kk, name_ru, name_en FROM district", error);

  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      g_hash_table_insert (im->districts, jd_import_normalize (jd_import_text (stmt, i)), g_strdup (jd_import_text (stmt, 0)));
  sqlite3_reset (stmt);
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
static JdVisitor *
visitor_from_row (Import     *im,
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
static char *
check_dates (JdVisitor   *v,
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

/* Rejected rows go to a file that can be corrected and imported again:
 * the file's own columns and values as they were, then the line and
 * the reason (which an import of it leaves aside). */
static gboolean
reject (Import      *im,
        guint        line,
        const char  *reason,
        GPtrArray   *row,
        GError     **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *number = g_strdup_printf ("%u", line);

  if (im->rejects == NULL)
    {
      g_autoptr(GFileOutputStream) out = NULL;
      g_autoptr(GPtrArray) header = g_ptr_array_new ();

      out = g_file_replace (im->rejects_temp, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
      if (out == NULL)
        return FALSE;
      im->rejects = jd_csv_writer_new (G_OUTPUT_STREAM (out), im->delimiter, TRUE);
      for (guint i = 0; i < im->header->len; i++)
        if (!im->aside[i])
          g_ptr_array_add (header, im->header->pdata[i]);
      g_ptr_array_add (header, _("Line"));
      g_ptr_array_add (header, _("Reason"));
      if (!jd_csv_writer_write_row (im->rejects, (const char * const *) header->pdata, header->len,
                                    NULL, error))
        return FALSE;
    }

  for (guint i = 0; i < MAX (im->header->len, row != NULL ? row->len : 0); i++)
    {
      if (i < im->header->len && im->aside[i])
        continue;
      g_ptr_array_add (fields, row != NULL && i < row->len ? row->pdata[i] : (gpointer) "");
    }
  g_ptr_array_add (fields, number);
  g_ptr_array_add (fields, (gpointer) reason);
  return jd_csv_writer_write_row (im->rejects, (const char * const *) fields->pdata, fields->len,
                                  NULL, error);
}

/* Puts the rejects file in place, or says why it cannot be. */
static gboolean
save_rejects (Import          *im,
              JdImportResult  *result,
              GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;

  if (im->rejects == NULL)
    return TRUE;
  path = g_file_get_path (im->rejects_file);
  if (!jd_csv_writer_close (im->rejects, NULL, &local_error) ||
      !g_file_move (im->rejects_temp, im->rejects_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                    &local_error))
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO,
                   _("The list of rows not imported could not be written to “%s” (%s), so nobody "
                     "was imported. Free some space or move the file to a folder you can write "
                     "to, and import it again."),
                   path, local_error->message);
      return FALSE;
    }
  result->rejects_path = g_steal_pointer (&path);
  return TRUE;
}

void
jd_import_result_free (JdImportResult *result)
{
  if (result == NULL)
    return;

  g_free (result->rejects_path);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

/* Reading and writing.
 *
 * A thread reads the file and does everything that needs no database
 * (parsing, the registration rules, the name and search keys) a batch of
 * rows ahead, while the import's own thread checks duplicates and
 * writes: on two cores that is about a quarter of the time saved. */

#define BATCH_ROWS     256
#define BATCHES_AHEAD  8

typedef struct
{
  guint          line;
  GPtrArray     *fields;     /* the row as read; NULL when it could not be */
  JdVisitor     *visitor;    /* NULL when @reason says why not */
  gint64         registered;
  char          *reason;
  char          *key;        /* the name key, and without the patronymic */
  char          *short_key;
  JdSearchKeys  *keys;
} Row;

static void
row_free (Row *row)
{
  g_clear_pointer (&row->fields, g_ptr_array_unref);
  g_clear_pointer (&row->visitor, jd_visitor_free);
  g_free (row->reason);
  g_free (row->key);
  g_free (row->short_key);
  g_clear_pointer (&row->keys, jd_search_keys_free);
  g_free (row);
}

typedef struct
{
  Import        *im;
  JdCsvReader   *reader;
  int            map[N_COLUMNS];
  GDate          today;     /* in the centre's time zone */
  GTimeZone     *zone;
  GCancellable  *cancellable;
  GAsyncQueue   *full;      /* batches read, in order; an empty one ends */
  GAsyncQueue   *empty;     /* batches to fill: how far to read ahead */
  gint           stop;      /* the writer has stopped */
  GError        *error;     /* why the file could not be read to the end */
} Reader;

static Row *
read_row (Reader    *r,
          GPtrArray *fields,
          guint      line)
{
  Row *row = g_new0 (Row, 1);
  g_autoptr(GPtrArray) issues = NULL;
  GDate registered;
  gboolean consent_recorded = FALSE;
  JdVisitor *v;

  row->line = line;
  row->fields = fields;
  if (fields->len > r->im->n_header)
    {
      row->reason = g_strdup_printf (_("The row has %u columns; the header has %u."), fields->len,
                                     r->im->n_header);
      return row;
    }

  v = row->visitor = visitor_from_row (r->im, fields, r->map, &registered, &consent_recorded,
                                       &row->reason);
  if (v == NULL)
    return row;
  issues = jd_visitor_validate (v, &r->today);
  for (guint i = 0; i < issues->len && row->reason == NULL; i++)
    {
      JdFieldIssue *issue = issues->pdata[i];

      if (!issue->is_warning)
        row->reason = g_strdup (issue->message);
    }
  if (row->reason == NULL)
    row->reason = check_dates (v, &registered, &r->today);
  if (row->reason != NULL)
    {
      g_clear_pointer (&row->visitor, jd_visitor_free);
      return row;
    }
  v->consent_given = consent_recorded;
  if (g_date_valid (&registered))
    {
      g_autoptr(GDateTime) noon = g_date_time_new (r->zone, g_date_get_year (&registered),
                                                   g_date_get_month (&registered),
                                                   g_date_get_day (&registered), 12, 0, 0);

      row->registered = g_date_time_to_unix (noon);
    }

  row->key = jd_visitor_name_keys (v, &row->short_key);
  row->keys = jd_search_keys_new (v->surname, v->given_name, v->patronymic, v->phone, v->iin);
  return row;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *r = data;
  gboolean more = TRUE;

  while (more)
    {
      GPtrArray *batch = g_async_queue_pop (r->empty);

      if (g_atomic_int_get (&r->stop) || g_cancellable_is_cancelled (r->cancellable))
        {
          g_ptr_array_unref (batch);
          break;
        }
      /* Rows written are freed here, not on the writing thread. */
      g_ptr_array_set_size (batch, 0);
      while (more && batch->len < BATCH_ROWS)
        {
          g_autoptr(GPtrArray) fields = NULL;
          g_autoptr(GError) row_error = NULL;
          guint line = 0;

          if (jd_csv_reader_next (r->reader, &fields, &line, NULL, &row_error))
            {
              g_ptr_array_add (batch, read_row (r, g_steal_pointer (&fields), line));
              continue;
            }
          /* A row in another encoding is one bad row; a broken quote is
           * a broken file. */
          if (g_error_matches (row_error, JD_CSV_ERROR, JD_CSV_ERROR_ENCODING))
            {
              Row *row = g_new0 (Row, 1);

              row->line = line;
              row->reason = g_strdup (row_error->message);
              g_ptr_array_add (batch, row);
              continue;
            }
          r->error = g_steal_pointer (&row_error);
          more = FALSE;
        }
      if (batch->len > 0)
        g_async_queue_push (r->full, batch);
      else
        g_ptr_array_unref (batch);
    }
  /* The end. */
  g_async_queue_push (r->full, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  return NULL;
}

/* Whether @visitor_id has an IIN other than @iin. */
static gboolean
other_iin (Import      *im,
           gint64       visitor_id,
           const char  *iin,
           gboolean    *other,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *other = FALSE;
  if (iin == NULL)
    return TRUE;
  stmt = jd_db_prepare (im->db, "SELECT iin FROM visitor WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *other = jd_import_text (stmt, 0) != NULL && !g_str_equal (jd_import_text (stmt, 0), iin);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_db_set_error (im->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* The first person @row repeats, by the front-desk rules: the same IIN
 * (skipped), or the same name and birth date, or phone, of someone
 * without another IIN (a warning); NULL with no @error when it is
 * someone new. */
static JdDuplicate *
find_duplicate (Import   *im,
                Row      *row,
                GError  **error)
{
  g_autoptr(GPtrArray) duplicates = NULL;
  JdDuplicateReason reason;
  gint64 id;

  if (im->bulk)
    {
      id = bulk_duplicate (im, row->visitor, row->key, row->short_key, &reason);
      return id != 0 ? jd_visitor_load_duplicate (im->db, id, reason, error) : NULL;
    }

  duplicates = jd_visitor_find_duplicates (im->db, row->visitor, error);
  for (guint i = 0; duplicates != NULL && i < duplicates->len; i++)
    {
      JdDuplicate *dup = duplicates->pdata[i];
      gboolean other = FALSE;

      if (dup->reason != JD_DUPLICATE_SAME_IIN &&
          !other_iin (im, dup->visitor_id, row->visitor->iin, &other, error))
        return NULL;
      if (!other)
        return g_ptr_array_steal_index (duplicates, i);
    }
  return NULL;
}

static char *
duplicate_warning (guint              line,
                   const JdDuplicate *dup)
{
  if (dup->reason == JD_DUPLICATE_SAME_PHONE)
    /* Translators: an import's report; %u is a line of the file, then a
     * person's name and birth date. */
    return g_strdup_printf (_("Line %u: imported, but may be %s, born %s, already registered with "
                              "the same phone. Check both records."),
                            line, dup->display_name, dup->birth_date);
  return g_strdup_printf (_("Line %u: imported, but may be %s, already registered with the same "
                            "name and date of birth (%s). Check both records."),
                          line, dup->display_name, dup->birth_date);
}

/* Checks @row for duplicates and writes it, or writes why not to the
 * rejects file. */
static gboolean
write_row (Import          *im,
           Row             *row,
           JdImportResult  *result,
           GError         **error)
{
  g_autoptr(JdDuplicate) dup = NULL;
  g_autoptr(GError) local_error = NULL;

  if (row->reason != NULL)
    {
      result->rejected++;
      return reject (im, row->line, row->reason, row->fields, error);
    }

  /* Someone already registered (or earlier in this file). */
  dup = find_duplicate (im, row, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (dup != NULL && dup->reason == JD_DUPLICATE_SAME_IIN)
    {
      g_autofree char *reason = g_strdup_printf (_("Already registered: %s, born %s."),
                                                 dup->display_name, dup->birth_date);

      result->skipped++;
      return reject (im, row->line, reason, row->fields, error);
    }

  if (!jd_visitor_insert_unlocked (im->db, row->visitor, row->registered, row->key, row->keys, error))
    return FALSE;
  if (im->bulk)
    remember_visitor (im, row->visitor->id, row->visitor->iin, row->visitor->phone, row->key,
                      row->visitor->birth_date, FALSE);
  result->imported++;
  /* A warning never skips a row: the person is imported and listed. */
  if (dup != NULL)
    {
      result->warned++;
      g_ptr_array_add (result->warnings, duplicate_warning (row->line, dup));
    }
  return TRUE;
}

static gboolean
import_rows (Import             *im,
             JdCsvReader        *reader,
             JdImportResult     *result,
             GCancellable       *cancellable,
             JdExportProgress    progress,
             gpointer            user_data,
             GError            **error)
{
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GDateTime) now = NULL;
  Reader r = { .im = im, .reader = reader, .cancellable = cancellable };
  GThread *thread;
  gboolean ok = TRUE;
  guint line = 0;

  /* Read once here, not for the first time on the reading thread. */
  r.zone = jd_db_get_time_zone (im->db);
  now = g_date_time_new_now (r.zone);
  g_date_clear (&r.today, 1);
  g_date_set_dmy (&r.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (!jd_csv_reader_next (reader, &header, &line, cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose a file with a header row and visitors."));
      return FALSE;
    }

  for (int c = 0; c < N_COLUMNS; c++)
    r.map[c] = -1;
  for (guint i = 0; i < header->len; i++)
    {
      int column = im->fields != NULL ? (i < im->n_fields ? im->fields[i] : -1)
                                      : header_column (header->pdata[i]);

      if (column >= 0 && column < N_COLUMNS && r.map[column] < 0)
        r.map[column] = (int) i;
    }
  im->n_header = header->len;
  /* The line and reason columns of a rejects file imported again. */
  im->delimiter = jd_csv_reader_get_delimiter (reader);
  im->header = g_ptr_array_ref (header);
  im->aside = g_new0 (gboolean, header->len);
  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *key = jd_import_normalize (header->pdata[i]);

      im->aside[i] = jd_import_label_matches (NULL, "Line", key) ||
                     jd_import_label_matches (NULL, "Reason", key);
    }
  if (r.map[COL_SURNAME] < 0 || r.map[COL_GIVEN_NAME] < 0 ||
      (r.map[COL_BIRTH_DATE] < 0 && r.map[COL_IIN] < 0))
    {
      g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                           _("The first row must name the columns, with at least the surname, the "
                             "given name and the date of birth or the IIN (in Kazakh, Russian or "
                             "English)."));
      return FALSE;
    }

  r.full = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  r.empty = g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < BATCHES_AHEAD; i++)
    g_async_queue_push (r.empty, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  thread = g_thread_new ("jd-import-reader", reader_thread, &r);

  while (ok)
    {
      GPtrArray *batch = g_async_queue_pop (r.full);

      if (batch->len == 0)
        {
          g_ptr_array_unref (batch);
          break;
        }
      for (guint i = 0; ok && i < batch->len; i++)
        {
          guint before = result->imported;

          ok = write_row (im, batch->pdata[i], result, error);
          if (ok && result->imported != before)
            {
              if (progress != NULL && result->imported % 1000 == 0)
                progress (result->imported, user_data);
              if ((result->imported & 0xFF) == 0)
                ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
            }
        }
      g_async_queue_push (r.empty, batch);
    }
  /* Stop the reader if it is still reading, and wait for it. */
  g_atomic_int_set (&r.stop, 1);
  g_async_queue_push (r.empty, g_ptr_array_new_with_free_func ((GDestroyNotify) row_free));
  g_thread_join (thread);
  g_async_queue_unref (r.full);
  g_async_queue_unref (r.empty);

  if (ok && r.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.error));
      ok = FALSE;
    }
  g_clear_error (&r.error);
  return ok && !g_cancellable_set_error_if_cancelled (cancellable, error);
}

JdImportResult *
jd_import_visitors (JdDb              *db,
                    const char        *path,
                    GCancellable      *cancellable,
                    JdExportProgress   progress,
                    gpointer           user_data,
                    GError           **error)
{
  return jd_import_visitors_mapped (db, path, NULL, 0, cancellable, progress, user_data, error);
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

/**
 * jd_import_read_header:
 * @fields: (out): per column, the field its name was recognised as, or -1
 * @sample: (out) (optional): the first row under the header (may be shorter)
 *
 * Returns: (transfer full) (element-type utf8): the names of the columns
 */
GPtrArray *
jd_import_read_header (const char  *path,
                       GArray     **fields,
                       GPtrArray  **sample,
                       GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(JdCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GError) local_error = NULL;
  guint line = 0;

  g_return_val_if_fail (path != NULL && fields != NULL, NULL);

  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &local_error);
  if (in == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("“%s” cannot be read (%s)."), path,
                   local_error->message);
      return NULL;
    }
  reader = jd_csv_reader_new (G_INPUT_STREAM (in));
  if (!jd_csv_reader_next (reader, &header, &line, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, JD_CSV_ERROR, JD_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose a file with a header row and visitors."));
      return NULL;
    }

  *fields = g_array_sized_new (FALSE, FALSE, sizeof (int), header->len);
  for (guint i = 0; i < header->len; i++)
    {
      int column = header_column (header->pdata[i]);

      /* One column per field: the first with that name. */
      for (guint j = 0; j < (*fields)->len; j++)
        if (g_array_index (*fields, int, j) == column)
          column = -1;
      g_array_append_val (*fields, column);
    }
  if (sample != NULL && !jd_csv_reader_next (reader, sample, &line, NULL, NULL))
    *sample = g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&header);
}

JdImportResult *
jd_import_visitors_mapped (JdDb              *db,
                           const char        *path,
                           const int         *fields,
                           guint              n_fields,
                           GCancellable      *cancellable,
                           JdExportProgress   progress,
                           gpointer           user_data,
                           GError           **error)
{
  return jd_import_visitors_full (db, path, fields, n_fields, JD_IMPORT_AUTO, cancellable, progress,
                                  user_data, error);
}

JdImportResult *
jd_import_visitors_full (JdDb              *db,
                         const char        *path,
                         const int         *fields,
                         guint              n_fields,
                         JdImportMode       mode,
                         GCancellable      *cancellable,
                         JdExportProgress   progress,
                         gpointer           user_data,
                         GError           **error)
{
  g_autoptr(JdImportResult) result = g_new0 (JdImportResult, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(JdCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *rejects_name = NULL;
  g_autofree char *detail = NULL;
  Import im = { .db = db, .fields = fields, .n_fields = n_fields };
  gint64 cache;
  gboolean ok;

  g_return_val_if_fail (db != NULL && path != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_EXPORT_PERSONAL, error))
    return NULL;
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  file = g_file_new_for_path (path);
  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_IO, _("“%s” cannot be read (%s)."), path,
                   local_error->message);
      return NULL;
    }
  reader = jd_csv_reader_new (G_INPUT_STREAM (in));

  /* "visitors.csv" → "visitors-rejected.csv" beside it. */
  base = g_path_get_basename (path);
  if (g_str_has_suffix (base, ".csv") || g_str_has_suffix (base, ".CSV"))
    base[strlen (base) - 4] = '\0';
  rejects_name = g_strdup_printf ("%s-rejected.csv", base);
  {
    g_autoptr(GFile) dir = g_file_get_parent (file);
    g_autofree char *temp_name = g_strdup_printf (".%s.part", rejects_name);

    im.rejects_file = g_file_get_child (dir, rejects_name);
    im.rejects_temp = g_file_get_child (dir, temp_name);
  }
  im.districts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  ok = choose_bulk (&im, file, mode, &im.bulk, error);
  cache = bulk_cache_begin (db, im.bulk ? BULK_IMPORT_CACHE_KIB : IMPORT_CACHE_KIB);
  /* In bulk, foreign keys are not looked up row by row: the rows
   * written point only at visitors written just before them, at an
   * existing district (or none) and at the person importing. Each
   * search token's lookup of its visitor was a fifth of the import.
   * (SQLite takes the setting only outside a transaction.) */
  ok = ok && (!im.bulk || jd_db_exec (db, "PRAGMA foreign_keys = OFF", error)) &&
       jd_db_begin (db, error);
  if (ok)
    {
      ok = load_districts (&im, error) &&
           (!im.bulk || bulk_begin (&im, error)) &&
           import_rows (&im, reader, result, cancellable, progress, user_data, error) &&
           (!im.bulk || bulk_end (&im, error));
      /* The rows not imported are written before the commit: the list
       * is how they get fixed, so without it nothing is imported. */
      ok = ok && save_rejects (&im, result, error);
      if (ok)
        {
          detail = g_strdup_printf ("visitors %u imported, %u skipped, %u rejected from %s",
                                    result->imported, result->skipped, result->rejected, path);
          ok = jd_audit_record (db, JD_AUDIT_IMPORTED, JD_AUDIT_TARGET_VISITOR, 0, detail, error) &&
               jd_db_commit (db, error);
        }
      bulk_clear (&im);
      if (!ok)
        {
          jd_db_rollback (db);
          if (result->rejects_path != NULL)
            g_file_delete (im.rejects_file, NULL, NULL);
        }
    }
  if (im.bulk)
    jd_db_exec (db, "PRAGMA foreign_keys = ON", NULL);

  if (im.rejects != NULL)
    {
      g_file_delete (im.rejects_temp, NULL, NULL);
      jd_csv_writer_free (im.rejects);
    }
  bulk_cache_end (db, cache);
  g_hash_table_unref (im.districts);
  g_clear_pointer (&im.header, g_ptr_array_unref);
  g_free (im.aside);
  for (int c = 0; c < N_COLUMNS; c++)
    g_clear_pointer (&im.memo[c], g_hash_table_unref);
  g_object_unref (im.rejects_file);
  g_object_unref (im.rejects_temp);

  return ok ? g_steal_pointer (&result) : NULL;
}
