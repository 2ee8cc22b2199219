/* jd-consultation-rules.c: the codes a consultation may hold, the rules
 * of a valid one and who may log it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultation"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-access.h"
#include "jd-consultation.h"
#include "jd-consultation-private.h"
#include "jd-validate.h"

static const JdChoice topics_legal[] = {
  { "labour", N_("Labour rights") },
  { "family", N_("Family matters") },
  { "housing", N_("Housing and rent") },
  { "consumer", N_("Consumer rights") },
  { "documents", N_("Documents and certificates") },
  { "benefits", N_("Benefits and allowances") },
  { "other", N_("Other") },
};

static const JdChoice topics_psychological[] = {
  { "anxiety", N_("Anxiety and stress") },
  { "family_conflict", N_("Family conflict") },
  { "bullying", N_("Bullying") },
  { "relationships", N_("Relationships") },
  { "addiction", N_("Addiction") },
  { "crisis", N_("Crisis") },
  { "other", N_("Other") },
};

static const JdChoice topics_career[] = {
  { "profession", N_("Choosing a profession") },
  { "cv", N_("CV") },
  { "interview", N_("Job interview") },
  { "studies", N_("Where to study") },
  { "other", N_("Other") },
};

static const JdChoice topics_employment[] = {
  { "vacancies", N_("Vacancies") },
  { "enbek", N_("Registration on Enbek.kz") },
  { "first_job", N_("First job") },
  { "youth_practice", N_("Youth practice") },
  { "public_works", N_("Public works") },
  { "other", N_("Other") },
};

static const JdChoice topics_entrepreneurship[] = {
  { "idea", N_("Business idea") },
  { "plan", N_("Business plan") },
  { "registration", N_("Registering a business") },
  { "grants", N_("Grants and loans") },
  { "taxes", N_("Taxes and reporting") },
  { "other", N_("Other") },
};

static const JdChoice topics_housing[] = {
  { "rent", N_("Renting") },
  { "queue", N_("Housing queue") },
  { "otbasy", N_("Otbasy bank programmes") },
  { "dormitory", N_("Dormitory") },
  { "other", N_("Other") },
};

static const JdChoice topics_education[] = {
  { "grants", N_("Study grants") },
  { "college", N_("College admission") },
  { "university", N_("University admission") },
  { "courses", N_("Short courses") },
  { "other", N_("Other") },
};

static const JdChoice topics_health[] = {
  { "reproductive", N_("Reproductive health") },
  { "lifestyle", N_("Healthy lifestyle") },
  { "sport", N_("Sport") },
  { "prevention", N_("Addiction prevention") },
  { "other", N_("Other") },
};

static const JdChoice topics_other[] = {
  { "volunteering", N_("Volunteering") },
  { "information", N_("Information") },
  { "other", N_("Other") },
};

static const struct
{
  const char     *service;
  const JdChoice *topics;
  guint           n_topics;
} topic_lists[] = {
#define TOPICS(service, list) { service, list, G_N_ELEMENTS (list) }
  TOPICS ("legal", topics_legal),
  TOPICS ("psychological", topics_psychological),
  TOPICS ("career", topics_career),
  TOPICS ("employment", topics_employment),
  TOPICS ("entrepreneurship", topics_entrepreneurship),
  TOPICS ("housing", topics_housing),
  TOPICS ("education", topics_education),
  TOPICS ("health", topics_health),
  TOPICS ("other", topics_other),
#undef TOPICS
};

static const JdChoice formats[] = {
  { "in_person", N_("In person") },
  { "phone", N_("By phone") },
  { "online", N_("Online") },
};

static const JdChoice outcomes[] = {
  { "resolved", N_("Resolved") },
  { "referred", N_("Referred on") },
  { "follow_up", N_("Follow-up needed") },
  { "no_show", N_("Did not attend") },
};

static const JdChoice referrals[] = {
  { "enbek", N_("Enbek.kz / employment centre") },
  { "first_job", N_("“First job” programme") },
  { "youth_practice", N_("Youth practice") },
  { "business_bastau", N_("“Бизнес бастау” grants") },
  { "otbasy", N_("Otbasy bank") },
  { "youth_health", N_("Youth health centre") },
  { "course", N_("Course") },
  { "psychologist", N_("External psychologist") },
  { "social_services", N_("Social services") },
  { "other", N_("Other") },
};

static const JdChoice placement_kinds[] = {
  { "permanent", N_("Permanent") },
  { "temporary", N_("Temporary") },
};

static const char *const age_bands[] = { "14-17", "18-24", "25-29", "30-35" };

#define CHOICES(name, array) \
  const JdChoice * \
  name (guint *n_choices) \
  { \
    g_return_val_if_fail (n_choices != NULL, NULL); \
    *n_choices = G_N_ELEMENTS (array); \
    return array; \
  }

CHOICES (jd_consultation_formats, formats)
CHOICES (jd_consultation_outcomes, outcomes)
CHOICES (jd_referral_targets, referrals)
CHOICES (jd_placement_kinds, placement_kinds)
#undef CHOICES

const JdChoice *
jd_consultation_topics (const char *service,
                        guint      *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (topic_lists); i++)
    {
      if (g_strcmp0 (service, topic_lists[i].service) == 0)
        {
          *n_choices = topic_lists[i].n_topics;
          return topic_lists[i].topics;
        }
    }
  *n_choices = 0;
  return NULL;
}

/* Trims; an empty text becomes NULL. */
static void
tidy (char **text)
{
  if (*text == NULL)
    return;
  g_strstrip (*text);
  if (**text == '\0')
    g_clear_pointer (text, g_free);
}

gboolean
jd_consultation_fail (JdConsultationField   which,
                      JdConsultationField  *field,
                      GError              **error,
                      JdValidateError       code,
                      const char           *message)
{
  if (field != NULL)
    *field = which;
  g_set_error_literal (error, JD_VALIDATE_ERROR, code, message);
  return FALSE;
}

/* Parses @text (as typed or ISO) into @date and rewrites it as ISO. */
gboolean
jd_consultation_tidy_date (char  **text,
                           GDate  *date)
{
  g_autofree char *iso = NULL;

  if (!jd_date_parse (*text, date))
    return FALSE;
  iso = jd_date_to_iso (date);
  g_free (*text);
  *text = g_steal_pointer (&iso);
  return TRUE;
}

gboolean
jd_consultation_validate (JdConsultation       *c,
                          const GDate          *today,
                          JdConsultationField  *field,
                          GError              **error)
{
  guint n_topics;
  const JdChoice *topics;
  GDate date;

  g_return_val_if_fail (c != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (field != NULL)
    *field = JD_CONSULTATION_FIELD_NONE;

  tidy (&c->topic);
  tidy (&c->summary);
  tidy (&c->private_note);
  tidy (&c->referral);
  tidy (&c->follow_up_on);
  tidy (&c->placement_employer);
  tidy (&c->placement_kind);
  tidy (&c->placement_start);

  if (c->visitor_id == 0)
    {
      if (c->anon_sex != JD_SEX_FEMALE && c->anon_sex != JD_SEX_MALE)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_ANON_SEX, field, error,
                                     JD_VALIDATE_ERROR_REQUIRED,
                                     _("Choose the person’s sex, or pick a registered visitor."));
      if (c->anon_age_band == NULL ||
          !g_strv_contains (age_bands, c->anon_age_band))
        return jd_consultation_fail (JD_CONSULTATION_FIELD_ANON_AGE_BAND, field, error,
                                     JD_VALIDATE_ERROR_REQUIRED,
                                     _("Choose the person’s age group, or pick a registered visitor."));
    }
  else
    {
      c->anon_sex = JD_SEX_UNKNOWN;
      g_clear_pointer (&c->anon_age_band, g_free);
    }

  if (!jd_purpose_is_service (c->service))
    return jd_consultation_fail (JD_CONSULTATION_FIELD_SERVICE, field, error,
                                 JD_VALIDATE_ERROR_REQUIRED,
                                 _("Choose the service."));

  topics = jd_consultation_topics (c->service, &n_topics);
  if (c->topic != NULL && jd_choice_find (topics, n_topics, c->topic) == NULL)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_TOPIC, field, error,
                                 JD_VALIDATE_ERROR_INVALID,
                                 _("Choose a topic from the list for this service."));

  /* Logged afterwards, sometimes days later, but never ahead. */
  if (c->started_at <= 0)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_STARTED_AT, field, error,
                                 JD_VALIDATE_ERROR_REQUIRED,
                                 _("Enter when the consultation started."));
  if (c->started_at > jd_db_now () + 15 * 60)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_STARTED_AT, field, error,
                                 JD_VALIDATE_ERROR_FUTURE,
                                 _("The start time is in the future. Log a consultation once it has begun."));

  if (c->duration_min < 1 || c->duration_min > 600)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_DURATION, field, error,
                                 JD_VALIDATE_ERROR_INVALID,
                                 _("Enter a duration from 1 to 600 minutes."));

  if (jd_choice_find (formats, G_N_ELEMENTS (formats), c->format) == NULL)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_FORMAT, field, error,
                                 JD_VALIDATE_ERROR_REQUIRED,
                                 _("Choose how the consultation was held."));

  if (jd_choice_find (outcomes, G_N_ELEMENTS (outcomes), c->outcome) == NULL)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_OUTCOME, field, error,
                                 JD_VALIDATE_ERROR_REQUIRED,
                                 _("Choose the outcome."));

  if (g_str_equal (c->outcome, "referred"))
    {
      if (jd_choice_find (referrals, G_N_ELEMENTS (referrals), c->referral) == NULL)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_REFERRAL, field, error,
                                     JD_VALIDATE_ERROR_REQUIRED,
                                     _("Choose where the person was referred."));
    }
  else if (c->referral != NULL &&
           jd_choice_find (referrals, G_N_ELEMENTS (referrals), c->referral) == NULL)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_REFERRAL, field, error,
                                 JD_VALIDATE_ERROR_INVALID,
                                 _("Choose where the person was referred."));

  if (g_str_equal (c->outcome, "follow_up") && c->follow_up_on == NULL)
    return jd_consultation_fail (JD_CONSULTATION_FIELD_FOLLOW_UP, field, error,
                                 JD_VALIDATE_ERROR_REQUIRED,
                                 _("Enter the date of the follow-up."));
  if (c->follow_up_on != NULL && c->follow_up_done_at == 0)
    {
      if (!jd_consultation_tidy_date (&c->follow_up_on, &date))
        return jd_consultation_fail (JD_CONSULTATION_FIELD_FOLLOW_UP, field, error,
                                     JD_VALIDATE_ERROR_INVALID,
                                     _("Enter the follow-up date as DD.MM.YYYY."));
      if (g_date_compare (&date, today) < 0)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_FOLLOW_UP, field, error,
                                     JD_VALIDATE_ERROR_INVALID,
                                     _("The follow-up date has passed. Choose today or a later day."));
    }

  /* A placement: all three, or none. */
  if (c->placement_employer != NULL || c->placement_kind != NULL || c->placement_start != NULL)
    {
      if (c->visitor_id == 0)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER, field, error,
                                     JD_VALIDATE_ERROR_INVALID,
                                     _("A job placement needs a registered visitor, not an anonymous one."));
      if (c->placement_employer == NULL)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER, field, error,
                                     JD_VALIDATE_ERROR_REQUIRED,
                                     _("Enter the employer."));
      if (jd_choice_find (placement_kinds, G_N_ELEMENTS (placement_kinds), c->placement_kind) == NULL)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_PLACEMENT_KIND, field, error,
                                     JD_VALIDATE_ERROR_REQUIRED,
                                     _("Choose whether the job is permanent or temporary."));
      if (c->placement_start == NULL)
        return jd_consultation_fail (JD_CONSULTATION_FIELD_PLACEMENT_START, field, error,
                                     JD_VALIDATE_ERROR_REQUIRED,
                                     _("Enter the first working day."));
      if (!jd_consultation_tidy_date (&c->placement_start, &date))
        return jd_consultation_fail (JD_CONSULTATION_FIELD_PLACEMENT_START, field, error,
                                     JD_VALIDATE_ERROR_INVALID,
                                     _("Enter the first working day as DD.MM.YYYY."));
    }

  return TRUE;
}

gboolean
jd_consultation_check_specialist_may (JdDb        *db,
                                      const char  *service,
                                      GError     **error)
{
  g_autoptr(JdStaff) actor = NULL;

  if (!jd_access_check (db, JD_PERM_CONSULT, error))
    return FALSE;

  /* A specialist logs consultations of the services they cover. */
  actor = jd_db_get_actor (db);
  if (actor->role == JD_ROLE_SPECIALIST && actor->id != 0 &&
      (actor->services == NULL ||
       !g_strv_contains ((const char * const *) actor->services, service)))
    {
      g_set_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                   _("You do not cover “%s”. Ask an administrator to add it to your services."),
                   jd_purpose_service_label (service));
      return FALSE;
    }
  return TRUE;
}
