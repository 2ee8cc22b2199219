/* jd-visitor.c: visitors, their registration rules and check-ins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-search.h"
#include "jd-settings.h"
#include "jd-text.h"
#include "jd-staff.h"
#include "jd-validate.h"
#include "jd-visitor.h"

static const JdChoice occupations[] = {
  { "school", N_("School pupil") },
  { "college", N_("College student") },
  { "university", N_("University student") },
  { "employed", N_("Employed") },
  { "self_employed", N_("Self-employed") },
  { "unemployed_seeking", N_("Unemployed, looking for work") },
  { "not_seeking", N_("Not working and not looking for work") },
  { "other", N_("Other") },
};

static const JdChoice education_levels[] = {
  { "primary", N_("Primary school") },
  { "basic_secondary", N_("Basic secondary (9 grades)") },
  { "general_secondary", N_("General secondary (11 grades)") },
  { "vocational", N_("Technical and vocational (college)") },
  { "incomplete_higher", N_("Incomplete higher") },
  { "higher", N_("Higher (bachelor’s or specialist)") },
  { "postgraduate", N_("Postgraduate (master’s or doctorate)") },
  { "none", N_("No school completed") },
};

static const JdChoice social_categories[] = {
  { "disability", N_("Disability") },
  { "orphan", N_("Orphan or left without parental care") },
  { "large_family", N_("From a large family") },
  { "low_income", N_("Low-income family") },
  { "single_parent", N_("Single-parent family") },
  { "young_family", N_("Young family") },
  { "kandas", N_("Kandas (ethnic Kazakh who returned)") },
  { "other", N_("Other vulnerable group") },
};

/* Most common first: the check-in dialog offers them in this order. */
static const JdChoice visit_purposes[] = {
  { "employment", N_("Job search") },
  { "career", N_("Career guidance") },
  { "psychological", N_("Psychological help") },
  { "legal", N_("Legal help") },
  { "event", N_("Event") },
  { "course", N_("Course or club") },
  { "entrepreneurship", N_("Business advice") },
  { "education", N_("Education") },
  { "housing", N_("Housing") },
  { "health", N_("Health") },
  { "coworking", N_("Coworking space") },
  { "leisure", N_("Leisure") },
  { "other", N_("Other") },
};

const JdChoice *
jd_occupations (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (occupations);
  return occupations;
}

gboolean
jd_occupation_is_neet (const char *code)
{
  return g_strcmp0 (code, "unemployed_seeking") == 0 ||
         g_strcmp0 (code, "not_seeking") == 0;
}

const JdChoice *
jd_education_levels (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (education_levels);
  return education_levels;
}

const JdChoice *
jd_social_categories (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (social_categories);
  return social_categories;
}

const JdChoice *
jd_visit_purposes (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (visit_purposes);
  return visit_purposes;
}

static const JdChoice *
find_choice (const JdChoice *choices,
             guint           n_choices,
             const char     *code)
{
  for (guint i = 0; code != NULL && i < n_choices; i++)
    if (g_str_equal (choices[i].code, code))
      return &choices[i];

  return NULL;
}

const JdChoice *
jd_choice_find (const JdChoice *choices,
                guint           n_choices,
                const char     *code)
{
  return find_choice (choices, n_choices, code);
}

const char *
jd_choice_label (const JdChoice *choices,
                 guint           n_choices,
                 const char     *code)
{
  const JdChoice *choice = find_choice (choices, n_choices, code);

  return choice ? _(choice->label) : code;
}

JdVisitor *
jd_visitor_new (void)
{
  JdVisitor *visitor = g_new0 (JdVisitor, 1);

  visitor->language = g_strdup ("kk");
  return visitor;
}

JdVisitor *
jd_visitor_copy (const JdVisitor *visitor)
{
  JdVisitor *copy;

  g_return_val_if_fail (visitor != NULL, NULL);

  copy = g_memdup2 (visitor, sizeof *visitor);
  copy->surname = g_strdup (visitor->surname);
  copy->given_name = g_strdup (visitor->given_name);
  copy->patronymic = g_strdup (visitor->patronymic);
  copy->iin = g_strdup (visitor->iin);
  copy->birth_date = g_strdup (visitor->birth_date);
  copy->phone = g_strdup (visitor->phone);
  copy->email = g_strdup (visitor->email);
  copy->district_code = g_strdup (visitor->district_code);
  copy->locality = g_strdup (visitor->locality);
  copy->occupation = g_strdup (visitor->occupation);
  copy->education = g_strdup (visitor->education);
  copy->categories = g_strdupv (visitor->categories);
  copy->language = g_strdup (visitor->language);
  copy->notes = g_strdup (visitor->notes);
  copy->guardian_name = g_strdup (visitor->guardian_name);
  copy->guardian_phone = g_strdup (visitor->guardian_phone);
  copy->consent_date = g_strdup (visitor->consent_date);

  return copy;
}

void
jd_visitor_free (JdVisitor *visitor)
{
  if (visitor == NULL)
    return;

  g_free (visitor->surname);
  g_free (visitor->given_name);
  g_free (visitor->patronymic);
  g_free (visitor->iin);
  g_free (visitor->birth_date);
  g_free (visitor->phone);
  g_free (visitor->email);
  g_free (visitor->district_code);
  g_free (visitor->locality);
  g_free (visitor->occupation);
  g_free (visitor->education);
  g_strfreev (visitor->categories);
  g_free (visitor->language);
  g_free (visitor->notes);
  g_free (visitor->guardian_name);
  g_free (visitor->guardian_phone);
  g_free (visitor->consent_date);
  g_free (visitor);
}

static char *
join_name (const char *surname,
           const char *given_name,
           const char *patronymic)
{
  GString *name = g_string_new (surname ? surname : "");

  if (given_name != NULL && *given_name != '\0')
    g_string_append_printf (name, "%s%s", name->len ? " " : "", given_name);
  if (patronymic != NULL && *patronymic != '\0')
    g_string_append_printf (name, "%s%s", name->len ? " " : "", patronymic);

  return g_string_free (name, FALSE);
}

char *
jd_visitor_display_name (const JdVisitor *visitor)
{
  g_return_val_if_fail (visitor != NULL, NULL);

  return join_name (visitor->surname, visitor->given_name, visitor->patronymic);
}

void
jd_field_issue_free (JdFieldIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->message);
  g_free (issue);
}

void
jd_duplicate_free (JdDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;

  g_free (duplicate->display_name);
  g_free (duplicate->birth_date);
  g_free (duplicate->phone);
  g_free (duplicate);
}

void
jd_visit_row_free (JdVisitRow *row)
{
  if (row == NULL)
    return;

  g_free (row->display_name);
  g_strfreev (row->purposes);
  g_free (row);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}

/* Replaces *field with @value (taking it), an empty string with NULL. */
static void
set_field (char **field,
           char  *value)
{
  g_free (*field);
  *field = is_blank (value) ? (g_free (value), NULL) : value;
}

static void
add_issue (GPtrArray  *issues,
           JdField     field,
           gboolean    is_warning,
           const char *message)
{
  JdFieldIssue *issue = g_new0 (JdFieldIssue, 1);

  issue->field = field;
  issue->is_warning = is_warning;
  issue->message = g_strdup (message);
  g_ptr_array_add (issues, issue);
}

static void
add_error (GPtrArray *issues,
           JdField    field,
           GError    *error)
{
  add_issue (issues, field, FALSE, error->message);
}

gboolean
jd_field_issues_have_error (GPtrArray *issues)
{
  g_return_val_if_fail (issues != NULL, FALSE);

  for (guint i = 0; i < issues->len; i++)
    if (!((JdFieldIssue *) g_ptr_array_index (issues, i))->is_warning)
      return TRUE;

  return FALSE;
}

static void
check_name (GPtrArray   *issues,
            JdField      field,
            char       **value,
            gboolean     required,
            const char  *label)
{
  g_autoptr(GError) error = NULL;
  char *normalized = NULL;

  if (!jd_name_check (*value, required, label, &normalized, &error))
    {
      add_error (issues, field, error);
      return;
    }

  set_field (value, normalized);
}

static void
check_iin_and_birth (GPtrArray   *issues,
                     JdVisitor   *visitor,
                     const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *iin = NULL;
  GDate iin_date, birth;
  JdSex iin_sex = JD_SEX_UNKNOWN;
  gboolean iin_ok = FALSE;

  g_date_clear (&iin_date, 1);
  g_date_clear (&birth, 1);

  if (!is_blank (visitor->iin))
    {
      iin_ok = jd_iin_check (visitor->iin, &iin, &iin_date, &iin_sex, &warning, &error);
      if (!iin_ok)
        add_error (issues, JD_FIELD_IIN, error);
      else
        set_field (&visitor->iin, g_steal_pointer (&iin));
      if (warning != NULL)
        add_issue (issues, JD_FIELD_IIN, TRUE, warning);
    }
  else
    {
      set_field (&visitor->iin, NULL);
    }

  /* Typing an IIN fills in what it encodes, unless typed already. */
  if (iin_ok && g_date_valid (&iin_date) && is_blank (visitor->birth_date))
    set_field (&visitor->birth_date, jd_date_to_iso (&iin_date));
  if (iin_ok && visitor->sex == JD_SEX_UNKNOWN)
    visitor->sex = iin_sex;

  if (is_blank (visitor->birth_date))
    {
      add_issue (issues, JD_FIELD_BIRTH_DATE, FALSE,
                 _("Type the date of birth, for example 04.05.2005."));
    }
  else if (!jd_date_parse (visitor->birth_date, &birth))
    {
      add_issue (issues, JD_FIELD_BIRTH_DATE, FALSE,
                 _("This is not a date. Type the date of birth as day.month.year, for example 04.05.2005."));
    }
  else
    {
      g_clear_error (&error);
      set_field (&visitor->birth_date, jd_date_to_iso (&birth));
      if (!jd_age_check_registration (&birth, today, &error))
        add_error (issues, JD_FIELD_BIRTH_DATE, error);
    }

  if (visitor->sex == JD_SEX_UNKNOWN)
    add_issue (issues, JD_FIELD_SEX, FALSE, _("Choose the sex."));

  if (iin_ok && g_date_valid (&birth))
    {
      g_autofree char *disagreement = jd_iin_disagreement (visitor->iin, &birth, visitor->sex);

      if (disagreement != NULL)
        add_issue (issues, JD_FIELD_IIN, TRUE, disagreement);
    }
}

static void
check_phone (GPtrArray  *issues,
             JdField     field,
             char      **phone)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  char *e164 = NULL;

  if (is_blank (*phone))
    {
      set_field (phone, NULL);
      return;
    }

  if (!jd_phone_normalize (*phone, &e164, &note, &error))
    {
      add_error (issues, field, error);
      return;
    }

  set_field (phone, e164);
  if (note != NULL)
    add_issue (issues, field, TRUE, note);
}

static void
check_consent (GPtrArray   *issues,
               JdVisitor   *visitor,
               const GDate *today)
{
  g_autoptr(GError) error = NULL;
  GDate birth;
  gboolean minor;

  g_date_clear (&birth, 1);
  minor = visitor->birth_date != NULL &&
          jd_date_parse (visitor->birth_date, &birth) &&
          jd_age_on (&birth, today) < JD_AGE_ADULT;

  if (!visitor->consent_given)
    {
      add_issue (issues, JD_FIELD_CONSENT, FALSE,
                 minor
                 ? _("Under 18: a parent or guardian must consent to the processing of personal data before the visitor is registered.")
                 : _("Personal data may be kept only with consent. Read the consent text to the visitor and tick the box."));
      return;
    }

  if (minor && !visitor->consent_by_guardian)
    {
      add_issue (issues, JD_FIELD_CONSENT, FALSE,
                 _("Under 18: consent must come from a parent or guardian. Tick “Given by a parent or guardian” and fill in their name and phone."));
      return;
    }

  if (!visitor->consent_by_guardian)
    {
      set_field (&visitor->guardian_name, NULL);
      set_field (&visitor->guardian_phone, NULL);
      return;
    }

  check_name (issues, JD_FIELD_GUARDIAN_NAME, &visitor->guardian_name, TRUE,
              _("Parent or guardian"));
  if (is_blank (visitor->guardian_phone))
    add_issue (issues, JD_FIELD_GUARDIAN_PHONE, FALSE,
               _("Type the phone number of the parent or guardian."));
  else
    check_phone (issues, JD_FIELD_GUARDIAN_PHONE, &visitor->guardian_phone);

  if (g_date_valid (&birth) &&
      !jd_consent_check (&birth, today, TRUE, visitor->guardian_name,
                         visitor->guardian_phone, &error) &&
      !jd_field_issues_have_error (issues))
    add_error (issues, JD_FIELD_CONSENT, error);
}

GPtrArray *
jd_visitor_validate (JdVisitor   *visitor,
                     const GDate *today)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  GDate day;

  g_return_val_if_fail (visitor != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  issues = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_field_issue_free);

  check_name (issues, JD_FIELD_SURNAME, &visitor->surname, TRUE, _("Surname"));
  check_name (issues, JD_FIELD_GIVEN_NAME, &visitor->given_name, TRUE, _("Given name"));
  check_name (issues, JD_FIELD_PATRONYMIC, &visitor->patronymic, FALSE, _("Patronymic"));

  /* Age counts on the day of registration: a visitor edited after
   * turning 36 keeps the record. */
  day = *today;
  if (visitor->id != 0 && visitor->created_at > 0)
    {
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_local (visitor->created_at);

      g_date_set_dmy (&day, g_date_time_get_day_of_month (created),
                      g_date_time_get_month (created), g_date_time_get_year (created));
    }
  check_iin_and_birth (issues, visitor, &day);

  check_phone (issues, JD_FIELD_PHONE, &visitor->phone);

  if (is_blank (visitor->email))
    {
      set_field (&visitor->email, NULL);
    }
  else
    {
      char *email = NULL;

      if (jd_email_check (visitor->email, &email, &error))
        set_field (&visitor->email, email);
      else
        add_error (issues, JD_FIELD_EMAIL, error);
      g_clear_error (&error);
    }

  if (is_blank (visitor->district_code))
    add_issue (issues, JD_FIELD_DISTRICT, FALSE, _("Choose the district where the visitor lives."));
  else if (g_str_equal (visitor->district_code, "other") && is_blank (visitor->locality))
    add_issue (issues, JD_FIELD_LOCALITY, FALSE, _("Type the town or village where the visitor lives."));
  if (visitor->district_code == NULL || !g_str_equal (visitor->district_code, "other"))
    set_field (&visitor->locality, NULL);
  else if (visitor->locality != NULL)
    set_field (&visitor->locality, g_strstrip (g_strdup (visitor->locality)));

  if (find_choice (occupations, G_N_ELEMENTS (occupations), visitor->occupation) == NULL)
    add_issue (issues, JD_FIELD_OCCUPATION, FALSE,
               _("Choose what the visitor does now: studies, works or is looking for work."));

  if (is_blank (visitor->education))
    set_field (&visitor->education, NULL);
  else if (find_choice (education_levels, G_N_ELEMENTS (education_levels), visitor->education) == NULL)
    add_issue (issues, JD_FIELD_EDUCATION, FALSE, _("Choose the level of education from the list."));

  for (guint i = 0; visitor->categories != NULL && visitor->categories[i] != NULL; i++)
    if (find_choice (social_categories, G_N_ELEMENTS (social_categories), visitor->categories[i]) == NULL)
      g_warning ("Unknown social category “%s” ignored", visitor->categories[i]);

  if (is_blank (visitor->language))
    set_field (&visitor->language, g_strdup ("kk"));
  else if (!g_str_equal (visitor->language, "kk") && !g_str_equal (visitor->language, "ru"))
    add_issue (issues, JD_FIELD_LANGUAGE, FALSE, _("Choose Kazakh or Russian."));

  check_consent (issues, visitor, today);

  if (is_blank (visitor->notes))
    set_field (&visitor->notes, NULL);

  return g_steal_pointer (&issues);
}

static char *
name_key (const JdVisitor *visitor)
{
  g_autofree char *name = jd_visitor_display_name (visitor);

  return jd_text_fold (name);
}

/* The folded name the duplicate rules compare by (with the birth date);
 * @short_key: the same without the patronymic, when there is one. */
char *
jd_visitor_name_keys (const JdVisitor  *visitor,
                      char            **short_key)
{
  *short_key = NULL;
  if (visitor->patronymic != NULL)
    {
      g_autofree char *short_name = join_name (visitor->surname, visitor->given_name, NULL);

      *short_key = jd_text_fold (short_name);
    }
  return name_key (visitor);
}

static JdDuplicate *
duplicate_from_row (sqlite3_stmt      *stmt,
                    JdDuplicateReason  reason)
{
  JdDuplicate *dup = g_new0 (JdDuplicate, 1);

  dup->visitor_id = sqlite3_column_int64 (stmt, 0);
  dup->reason = reason;
  dup->display_name = join_name ((const char *) sqlite3_column_text (stmt, 1),
                                 (const char *) sqlite3_column_text (stmt, 2),
                                 (const char *) sqlite3_column_text (stmt, 3));
  dup->birth_date = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  dup->phone = g_strdup ((const char *) sqlite3_column_text (stmt, 5));

  return dup;
}

static gboolean
collect_duplicates (JdDb              *db,
                    GPtrArray         *found,
                    const char        *sql,
                    const char        *value1,
                    const char        *value2,
                    gint64             self_id,
                    JdDuplicateReason  reason,
                    GError           **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, value1, -1, SQLITE_TRANSIENT);
  if (value2 != NULL)
    sqlite3_bind_text (stmt, 2, value2, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, self_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      /* One entry per person, under the strongest reason. */
      for (guint i = 0; i < found->len && !seen; i++)
        seen = ((JdDuplicate *) g_ptr_array_index (found, i))->visitor_id == id;
      if (!seen)
        g_ptr_array_add (found, duplicate_from_row (stmt, reason));
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

#define DUPLICATE_COLUMNS "SELECT id, surname, given_name, patronymic, birth_date, phone FROM visitor "

GPtrArray *
jd_visitor_find_duplicates (JdDb            *db,
                            const JdVisitor *visitor,
                            GError         **error)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *key = NULL;
  g_autofree char *short_key = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (visitor != NULL, NULL);

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_duplicate_free);
  key = jd_visitor_name_keys (visitor, &short_key);

  if (visitor->iin != NULL &&
      !collect_duplicates (db, found,
                           DUPLICATE_COLUMNS "WHERE iin = ?1 AND id <> ?3",
                           visitor->iin, NULL, visitor->id, JD_DUPLICATE_SAME_IIN, error))
    return NULL;

  /* Same name and birth date; typed without the patronymic (or with
   * it), the same person too. */
  for (guint i = 0; i < 2 && visitor->birth_date != NULL; i++)
    {
      const char *name = i == 0 ? key : short_key;

      if (name != NULL &&
          !collect_duplicates (db, found,
                               DUPLICATE_COLUMNS
                               "WHERE name_key = ?1 AND birth_date = ?2 AND id <> ?3"
                               " AND anonymised_at IS NULL",
                               name, visitor->birth_date, visitor->id,
                               JD_DUPLICATE_SAME_NAME_AND_DOB, error))
        return NULL;
    }

  if (visitor->phone != NULL &&
      !collect_duplicates (db, found,
                           DUPLICATE_COLUMNS "WHERE phone = ?1 AND id <> ?3"
                           " AND anonymised_at IS NULL",
                           visitor->phone, NULL, visitor->id, JD_DUPLICATE_SAME_PHONE, error))
    return NULL;

  return g_steal_pointer (&found);
}

/* For src/core (imports that find duplicates in memory): visitor
 * @visitor_id as a duplicate found for @reason. */
JdDuplicate *
jd_visitor_load_duplicate (JdDb               *db,
                           gint64              visitor_id,
                           JdDuplicateReason   reason,
                           GError            **error)
{
  JdDuplicate *dup = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = jd_db_prepare (db, DUPLICATE_COLUMNS "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, visitor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    dup = duplicate_from_row (stmt, reason);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                         _("This visitor’s record no longer exists. Someone may have deleted it."));
  else if (rc != SQLITE_ROW)
    jd_db_set_error (db, rc, error);
  return dup;
}

/* Validates for saving: the first error becomes the GError. */
static gboolean
validate_for_save (JdDb       *db,
                   JdVisitor  *visitor,
                   GError    **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  issues = jd_visitor_validate (visitor, &today);
  for (guint i = 0; i < issues->len; i++)
    {
      JdFieldIssue *issue = g_ptr_array_index (issues, i);

      if (!issue->is_warning)
        {
          g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                               issue->message);
          return FALSE;
        }
    }

  duplicates = jd_visitor_find_duplicates (db, visitor, error);
  if (duplicates == NULL)
    return FALSE;

  for (guint i = 0; i < duplicates->len; i++)
    {
      JdDuplicate *dup = g_ptr_array_index (duplicates, i);

      if (dup->reason == JD_DUPLICATE_SAME_IIN)
        {
          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                       _("A visitor with this IIN is already registered: %s. Open that record instead."),
                       dup->display_name);
          return FALSE;
        }
    }

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *value)
{
  if (value != NULL)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
save_categories (JdDb       *db,
                 JdVisitor  *visitor,
                 gboolean    is_new,
                 gint64      now,
                 GError    **error)
{
  sqlite3_stmt *stmt;

  if (!is_new)
    {
      stmt = jd_db_prepare (db, "DELETE FROM visitor_category WHERE visitor_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, visitor->id);
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; visitor->categories != NULL && visitor->categories[i] != NULL; i++)
    {
      if (find_choice (social_categories, G_N_ELEMENTS (social_categories),
                       visitor->categories[i]) == NULL)
        continue;

      stmt = jd_db_prepare (db,
                            "INSERT INTO visitor_category (visitor_id, category, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, visitor->id);
      sqlite3_bind_text (stmt, 2, visitor->categories[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Whether the visitor's current consent was given by the same person
 * as the form says now. */
static gboolean
consent_unchanged (JdDb       *db,
                   JdVisitor  *visitor,
                   gboolean   *same,
                   GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *same = FALSE;
  stmt = jd_db_prepare (db,
                        "SELECT given_by, guardian_name, guardian_phone FROM consent"
                        " WHERE visitor_id = ?1 AND withdrawn_on IS NULL"
                        " ORDER BY id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                       visitor->consent_by_guardian ? "guardian" : "self") == 0 &&
            g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), visitor->guardian_name) == 0 &&
            g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), visitor->guardian_phone) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* A new consent row when there is none yet, or when who gave it changed;
 * the old one stays as the record of what was agreed before. */
static gboolean
save_consent (JdDb       *db,
              JdVisitor  *visitor,
              gboolean    is_new,
              gint64      now,
              gint64      staff_id,
              GError    **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, jd_db_get_time_zone (db));
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  /* Imported without any record of consent: none is made up; the
   * front desk asks at the next check-in. */
  if (is_new && !visitor->consent_given)
    return TRUE;
  if (!is_new && !consent_unchanged (db, visitor, &same, error))
    return FALSE;
  if (same)
    return TRUE;

  stmt = jd_db_prepare (db,
                        "INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                        " guardian_name, guardian_phone, created_at, updated_at, created_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor->id);
  sqlite3_bind_text (stmt, 2, JD_CONSENT_TEXT_VERSION, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, visitor->consent_date != NULL ? visitor->consent_date : today, -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, visitor->consent_by_guardian ? "guardian" : "self", -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, visitor->guardian_name);
  bind_text_or_null (stmt, 6, visitor->guardian_phone);
  sqlite3_bind_int64 (stmt, 7, now);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 8, staff_id);

  return jd_db_step_done (db, stmt, error);
}

/* Binds the columns shared by INSERT and UPDATE as ?1 … ?17. */
static void
bind_visitor (sqlite3_stmt *stmt,
              JdVisitor    *visitor,
              const char   *key,
              gint64        now,
              gint64        staff_id)
{
  bind_text_or_null (stmt, 1, visitor->surname);
  bind_text_or_null (stmt, 2, visitor->given_name);
  bind_text_or_null (stmt, 3, visitor->patronymic);
  bind_text_or_null (stmt, 4, visitor->iin);
  bind_text_or_null (stmt, 5, visitor->birth_date);
  sqlite3_bind_text (stmt, 6, jd_sex_to_code (visitor->sex), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 7, visitor->phone);
  bind_text_or_null (stmt, 8, visitor->email);
  bind_text_or_null (stmt, 9, visitor->district_code);
  bind_text_or_null (stmt, 10, visitor->locality);
  bind_text_or_null (stmt, 11, visitor->occupation);
  bind_text_or_null (stmt, 12, visitor->education);
  bind_text_or_null (stmt, 13, visitor->language);
  bind_text_or_null (stmt, 14, visitor->notes);
  sqlite3_bind_text (stmt, 15, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 16, now);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 17, staff_id);
  else
    sqlite3_bind_null (stmt, 17);
}

/* @keys: (nullable): the search keys, when worked out before */
static gboolean
save_related (JdDb                *db,
              JdVisitor           *visitor,
              gboolean             is_new,
              gint64               now,
              gint64               staff_id,
              const JdSearchKeys  *keys,
              GError             **error)
{
  if (!save_categories (db, visitor, is_new, now, error) ||
      !save_consent (db, visitor, is_new, now, staff_id, error))
    return FALSE;
  if (keys != NULL)
    return jd_search_index_keys (db, visitor->id, keys, error);
  return (is_new ? jd_search_index_new_visitor : jd_search_index_visitor)
           (db, visitor->id, visitor->surname, visitor->given_name, visitor->patronymic,
            visitor->phone, visitor->iin, error);
}

/* Inserts a validated visitor inside the caller's transaction; the
 * registration time is @created_at (0: now). */
gboolean
jd_visitor_insert_unlocked (JdDb                *db,
                            JdVisitor           *visitor,
                            gint64               created_at,
                            const char          *key_in,
                            const JdSearchKeys  *keys,
                            GError             **error)
{
  gint64 staff_id = jd_db_get_actor_id (db);
  g_autofree char *own_key = key_in == NULL ? name_key (visitor) : NULL;
  const char *key = key_in != NULL ? key_in : own_key;
  gint64 now = created_at > 0 ? created_at : jd_db_now ();
  sqlite3_stmt *stmt;

  stmt = jd_db_prepare (db,
                        "INSERT INTO visitor (surname, given_name, patronymic, iin, birth_date, sex,"
                        " phone, email, district_id, locality, occupation, education, language, notes,"
                        " name_key, created_at, updated_at, created_by, updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                        " (SELECT id FROM district WHERE code = ?9), ?10, ?11, ?12, ?13, ?14,"
                        " ?15, ?16, ?16, ?17, ?17)",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_visitor (stmt, visitor, key, now, staff_id);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  visitor->id = sqlite3_last_insert_rowid (jd_db_get_handle (db));
  visitor->created_at = visitor->updated_at = now;

  if (!save_related (db, visitor, TRUE, now, staff_id, keys, error))
    {
      visitor->id = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_visitor_insert (JdDb       *db,
                   JdVisitor  *visitor,
                   GError    **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (visitor != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;
  g_return_val_if_fail (visitor->id == 0, FALSE);

  if (!validate_for_save (db, visitor, error) || !jd_db_begin (db, error))
    return FALSE;

  if (!jd_visitor_insert_unlocked (db, visitor, 0, NULL, NULL, error) || !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      visitor->id = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_visitor_update (JdDb       *db,
                   JdVisitor  *visitor,
                   GError    **error)
{
  gint64 staff_id = jd_db_get_actor_id (db);
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (visitor != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;
  g_return_val_if_fail (visitor->id > 0, FALSE);

  if (!validate_for_save (db, visitor, error))
    return FALSE;

  key = name_key (visitor);
  if (!jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE visitor SET surname = ?1, given_name = ?2, patronymic = ?3, iin = ?4,"
                        " birth_date = ?5, sex = ?6, phone = ?7, email = ?8,"
                        " district_id = (SELECT id FROM district WHERE code = ?9), locality = ?10,"
                        " occupation = ?11, education = ?12, language = ?13, notes = ?14,"
                        " name_key = ?15, updated_at = ?16, updated_by = ?17"
                        " WHERE id = ?18 AND anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    goto fail;

  bind_visitor (stmt, visitor, key, now, staff_id);
  sqlite3_bind_int64 (stmt, 18, visitor->id);
  if (!jd_db_step_done (db, stmt, error))
    goto fail;

  if (sqlite3_changes (jd_db_get_handle (db)) == 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visitor’s record no longer exists. Someone may have deleted it."));
      goto fail;
    }

  visitor->updated_at = now;
  if (!save_related (db, visitor, FALSE, now, staff_id, NULL, error) ||
      !jd_db_commit (db, error))
    goto fail;

  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

JdVisitor *
jd_visitor_load (JdDb     *db,
                 gint64    visitor_id,
                 GError  **error)
{
  g_autoptr(JdVisitor) visitor = NULL;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = jd_db_prepare (db,
                        "SELECT v.surname, v.given_name, v.patronymic, v.iin, v.birth_date, v.sex,"
                        " v.phone, v.email, d.code, v.locality, v.occupation, v.education,"
                        " v.language, v.notes, v.created_at, v.updated_at"
                        " FROM visitor v LEFT JOIN district d ON d.id = v.district_id"
                        " WHERE v.id = ?1 AND v.anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, visitor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      visitor = g_new0 (JdVisitor, 1);
      visitor->id = visitor_id;
      visitor->surname = column_dup (stmt, 0);
      visitor->given_name = column_dup (stmt, 1);
      visitor->patronymic = column_dup (stmt, 2);
      visitor->iin = column_dup (stmt, 3);
      visitor->birth_date = column_dup (stmt, 4);
      visitor->sex = jd_sex_from_code ((const char *) sqlite3_column_text (stmt, 5));
      visitor->phone = column_dup (stmt, 6);
      visitor->email = column_dup (stmt, 7);
      visitor->district_code = column_dup (stmt, 8);
      visitor->locality = column_dup (stmt, 9);
      visitor->occupation = column_dup (stmt, 10);
      visitor->education = column_dup (stmt, 11);
      visitor->language = column_dup (stmt, 12);
      visitor->notes = column_dup (stmt, 13);
      visitor->created_at = sqlite3_column_int64 (stmt, 14);
      visitor->updated_at = sqlite3_column_int64 (stmt, 15);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visitor’s record no longer exists. Someone may have deleted it."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  stmt = jd_db_prepare (db,
                        "SELECT category FROM visitor_category WHERE visitor_id = ?1 ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (categories, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  visitor->categories = g_strv_builder_end (categories);

  stmt = jd_db_prepare (db,
                        "SELECT given_by, guardian_name, guardian_phone FROM consent"
                        " WHERE visitor_id = ?1 AND withdrawn_on IS NULL"
                        " ORDER BY id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      visitor->consent_given = TRUE;
      visitor->consent_by_guardian = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                                                "guardian") == 0;
      visitor->guardian_name = column_dup (stmt, 1);
      visitor->guardian_phone = column_dup (stmt, 2);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&visitor);
}

gint64
jd_visit_check_in (JdDb               *db,
                   gint64              visitor_id,
                   const char * const *purposes,
                   gint64              time_in,
                   GError            **error)
{
  gint64 staff_id = jd_db_get_actor_id (db);
  g_autofree char *centre = NULL;
  g_autofree char *occupation = NULL;
  sqlite3_stmt *stmt;
  gint64 now = jd_db_now ();
  gint64 visit_id;
  int rc;

  g_return_val_if_fail (db != NULL, 0);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return 0;

  if (purposes == NULL || purposes[0] == NULL)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("Choose at least one purpose of the visit."));
      return 0;
    }

  for (guint i = 0; purposes[i] != NULL; i++)
    if (find_choice (visit_purposes, G_N_ELEMENTS (visit_purposes), purposes[i]) == NULL)
      {
        g_set_error (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                     _("“%s” is not a purpose of a visit."), purposes[i]);
        return 0;
      }

  centre = jd_db_get_setting (db, JD_SETTING_CENTRE_CODE);
  if (!jd_db_begin (db, error))
    return 0;

  stmt = jd_db_prepare (db,
                        "SELECT occupation FROM visitor WHERE id = ?1 AND anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    occupation = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visitor’s record no longer exists. Someone may have deleted it."));
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }

  stmt = jd_db_prepare (db,
                        "INSERT INTO visit (visitor_id, time_in, staff_id, centre_code, occupation,"
                        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  sqlite3_bind_int64 (stmt, 2, time_in > 0 ? time_in : now);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 3, staff_id);
  sqlite3_bind_text (stmt, 4, centre ? centre : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, occupation, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, now);
  if (!jd_db_step_done (db, stmt, error))
    goto fail;
  visit_id = sqlite3_last_insert_rowid (jd_db_get_handle (db));

  for (guint i = 0; purposes[i] != NULL; i++)
    {
      stmt = jd_db_prepare (db,
                            "INSERT INTO visit_purpose (visit_id, purpose, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, visit_id);
      sqlite3_bind_text (stmt, 2, purposes[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);
      if (!jd_db_step_done (db, stmt, error))
        goto fail;

      /* Come for a specialist: wait in that service's queue. */
      if (!jd_purpose_is_service (purposes[i]))
        continue;
      stmt = jd_db_prepare (db,
                            "INSERT INTO queue_entry (visit_id, visitor_id, service, enqueued_at,"
                            " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)"
                            " ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, visit_id);
      sqlite3_bind_int64 (stmt, 2, visitor_id);
      sqlite3_bind_text (stmt, 3, purposes[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, time_in > 0 ? time_in : now);
      sqlite3_bind_int64 (stmt, 5, now);
      if (!jd_db_step_done (db, stmt, error))
        goto fail;
    }

  if (!jd_db_commit (db, error))
    goto fail;

  return visit_id;

fail:
  jd_db_rollback (db);
  return 0;
}

static gboolean
change_visit (JdDb        *db,
              const char  *sql,
              gint64       visit_id,
              gint64       value,
              GError     **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, visit_id);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, value);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (jd_db_get_handle (db)) == 0)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visit is no longer there. Someone may have undone it."));
      return FALSE;
    }

  return TRUE;
}

gboolean
jd_visit_undo (JdDb    *db,
               gint64   visit_id,
               GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;

  /* Purposes go with the visit (ON DELETE CASCADE); a visit that an
   * event or a consultation already refers to is not a mistake to undo. */
  return change_visit (db, "DELETE FROM visit WHERE id = ?1", visit_id, 0, error);
}

gboolean
jd_visit_check_out (JdDb    *db,
                    gint64   visit_id,
                    gint64   time_out,
                    GError **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;

  return change_visit (db,
                       "UPDATE visit SET time_out = max (?2, time_in), updated_at = ?2"
                       " WHERE id = ?1 AND time_out IS NULL",
                       visit_id, time_out > 0 ? time_out : jd_db_now (), error);
}

GPtrArray *
jd_visit_list_day (JdDb       *db,
                   GDateTime  *day,
                   guint       limit,
                   guint      *total,
                   GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GStrvBuilder) purposes = NULL;
  JdVisitRow *row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (day != NULL, NULL);

  /* The centre's day of @day. */
  local = g_date_time_to_timezone (day, jd_db_get_time_zone (db));
  start = g_date_time_new (jd_db_get_time_zone (db), g_date_time_get_year (local),
                           g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                           0, 0, 0);
  end = g_date_time_add_days (start, 1);

  if (total != NULL)
    {
      stmt = jd_db_prepare (db, "SELECT count(*) FROM visit WHERE time_in >= ?1 AND time_in < ?2",
                            error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (start));
      sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (end));
      rc = sqlite3_step (stmt);
      *total = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }

  stmt = jd_db_prepare (db,
                        "SELECT v.id, v.visitor_id, v.time_in, v.time_out,"
                        " p.surname, p.given_name, p.patronymic, vp.purpose"
                        " FROM (SELECT id, visitor_id, time_in, time_out FROM visit"
                        "       WHERE time_in >= ?1 AND time_in < ?2"
                        "       ORDER BY time_in DESC, id DESC LIMIT ?3) v"
                        " JOIN visitor p ON p.id = v.visitor_id"
                        " LEFT JOIN visit_purpose vp ON vp.visit_id = v.id"
                        " ORDER BY v.time_in DESC, v.id DESC, vp.id",
                        error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (start));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (end));
  sqlite3_bind_int64 (stmt, 3, limit);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_visit_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 visit_id = sqlite3_column_int64 (stmt, 0);

      if (row == NULL || row->visit_id != visit_id)
        {
          if (row != NULL)
            row->purposes = g_strv_builder_end (purposes);
          g_clear_pointer (&purposes, g_strv_builder_unref);
          purposes = g_strv_builder_new ();

          row = g_new0 (JdVisitRow, 1);
          row->visit_id = visit_id;
          row->visitor_id = sqlite3_column_int64 (stmt, 1);
          row->time_in = sqlite3_column_int64 (stmt, 2);
          row->time_out = sqlite3_column_int64 (stmt, 3);
          row->display_name = join_name ((const char *) sqlite3_column_text (stmt, 4),
                                         (const char *) sqlite3_column_text (stmt, 5),
                                         (const char *) sqlite3_column_text (stmt, 6));
          g_ptr_array_add (rows, row);
        }

      if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
        g_strv_builder_add (purposes, (const char *) sqlite3_column_text (stmt, 7));
    }
  sqlite3_reset (stmt);

  if (row != NULL)
    row->purposes = g_strv_builder_end (purposes);

  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}
