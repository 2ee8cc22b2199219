/* jd-visitor-rules.c: the registration rules of a visitor and the codes
 * its fields may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-text.h"
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

void
jd_field_issue_free (JdFieldIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->message);
  g_free (issue);
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
