/* jd-consultation.c: consultations, follow-ups, placements and the queue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the centre is judged on comes from here: problems resolved, people
 * referred on, and NEET young people placed in jobs. "NEET placed" is
 * never stored: it is counted from placements and the occupation each
 * visit recorded, so the two cannot disagree.
 */
#define G_LOG_DOMAIN "jd-consultation"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-audit.h"
#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-search.h"
#include "jd-staff.h"
#include "jd-validate.h"

static const JdChoice services[] = {
  { "employment", N_("Employment") },
  { "career", N_("Career guidance") },
  { "psychological", N_("Psychological help") },
  { "legal", N_("Legal advice") },
  { "entrepreneurship", N_("Entrepreneurship") },
  { "housing", N_("Housing") },
  { "education", N_("Education and courses") },
  { "health", N_("Health") },
  { "other", N_("Other") },
};

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

CHOICES (jd_consultation_services, services)
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

gboolean
jd_purpose_is_service (const char *purpose)
{
  return jd_choice_find (services, G_N_ELEMENTS (services), purpose) != NULL;
}

JdConsultation *
jd_consultation_new (void)
{
  JdConsultation *c = g_new0 (JdConsultation, 1);

  c->duration_min = 30;
  c->format = g_strdup ("in_person");
  return c;
}

void
jd_consultation_free (JdConsultation *c)
{
  if (c == NULL)
    return;

  g_free (c->anon_age_band);
  g_free (c->service);
  g_free (c->topic);
  g_free (c->format);
  g_free (c->summary);
  g_free (c->private_note);
  g_free (c->outcome);
  g_free (c->referral);
  g_free (c->follow_up_on);
  g_free (c->placement_employer);
  g_free (c->placement_kind);
  g_free (c->placement_start);
  g_free (c->visitor_name);
  g_free (c->specialist_name);
  g_free (c);
}

/* Validation. */

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

static gboolean
fail (JdConsultationField   which,
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
static gboolean
tidy_date (char  **text,
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
        return fail (JD_CONSULTATION_FIELD_ANON_SEX, field, error, JD_VALIDATE_ERROR_REQUIRED,
                     _("Choose the person’s sex, or pick a registered visitor."));
      if (c->anon_age_band == NULL ||
          !g_strv_contains (age_bands, c->anon_age_band))
        return fail (JD_CONSULTATION_FIELD_ANON_AGE_BAND, field, error, JD_VALIDATE_ERROR_REQUIRED,
                     _("Choose the person’s age group, or pick a registered visitor."));
    }
  else
    {
      c->anon_sex = JD_SEX_UNKNOWN;
      g_clear_pointer (&c->anon_age_band, g_free);
    }

  if (jd_choice_find (services, G_N_ELEMENTS (services), c->service) == NULL)
    return fail (JD_CONSULTATION_FIELD_SERVICE, field, error, JD_VALIDATE_ERROR_REQUIRED,
                 _("Choose the service."));

  topics = jd_consultation_topics (c->service, &n_topics);
  if (c->topic != NULL && jd_choice_find (topics, n_topics, c->topic) == NULL)
    return fail (JD_CONSULTATION_FIELD_TOPIC, field, error, JD_VALIDATE_ERROR_INVALID,
                 _("Choose a topic from the list for this service."));

  /* Logged afterwards, sometimes days later, but never ahead. */
  if (c->started_at <= 0)
    return fail (JD_CONSULTATION_FIELD_STARTED_AT, field, error, JD_VALIDATE_ERROR_REQUIRED,
                 _("Enter when the consultation started."));
  if (c->started_at > jd_db_now () + 15 * 60)
    return fail (JD_CONSULTATION_FIELD_STARTED_AT, field, error, JD_VALIDATE_ERROR_FUTURE,
                 _("The start time is in the future. Log a consultation once it has begun."));

  if (c->duration_min < 1 || c->duration_min > 600)
    return fail (JD_CONSULTATION_FIELD_DURATION, field, error, JD_VALIDATE_ERROR_INVALID,
                 _("Enter a duration from 1 to 600 minutes."));

  if (jd_choice_find (formats, G_N_ELEMENTS (formats), c->format) == NULL)
    return fail (JD_CONSULTATION_FIELD_FORMAT, field, error, JD_VALIDATE_ERROR_REQUIRED,
                 _("Choose how the consultation was held."));

  if (jd_choice_find (outcomes, G_N_ELEMENTS (outcomes), c->outcome) == NULL)
    return fail (JD_CONSULTATION_FIELD_OUTCOME, field, error, JD_VALIDATE_ERROR_REQUIRED,
                 _("Choose the outcome."));

  if (g_str_equal (c->outcome, "referred"))
    {
      if (jd_choice_find (referrals, G_N_ELEMENTS (referrals), c->referral) == NULL)
        return fail (JD_CONSULTATION_FIELD_REFERRAL, field, error, JD_VALIDATE_ERROR_REQUIRED,
                     _("Choose where the person was referred."));
    }
  else if (c->referral != NULL &&
           jd_choice_find (referrals, G_N_ELEMENTS (referrals), c->referral) == NULL)
    return fail (JD_CONSULTATION_FIELD_REFERRAL, field, error, JD_VALIDATE_ERROR_INVALID,
                 _("Choose where the person was referred."));

  if (g_str_equal (c->outcome, "follow_up") && c->follow_up_on == NULL)
    return fail (JD_CONSULTATION_FIELD_FOLLOW_UP, field, error, JD_VALIDATE_ERROR_REQUIRED,
                 _("Enter the date of the follow-up."));
  if (c->follow_up_on != NULL && c->follow_up_done_at == 0)
    {
      if (!tidy_date (&c->follow_up_on, &date))
        return fail (JD_CONSULTATION_FIELD_FOLLOW_UP, field, error, JD_VALIDATE_ERROR_INVALID,
                     _("Enter the follow-up date as DD.MM.YYYY."));
      if (g_date_compare (&date, today) < 0)
        return fail (JD_CONSULTATION_FIELD_FOLLOW_UP, field, error, JD_VALIDATE_ERROR_INVALID,
                     _("The follow-up date has passed. Choose today or a later day."));
    }

  /* A placement: all three, or none. */
  if (c->placement_employer != NULL || c->placement_kind != NULL || c->placement_start != NULL)
    {
      if (c->visitor_id == 0)
        return fail (JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER, field, error, JD_VALIDATE_ERROR_INVALID,
                     _("A job placement needs a registered visitor, not an anonymous one."));
      if (c->placement_employer == NULL)
        return fail (JD_CONSULTATION_FIELD_PLACEMENT_EMPLOYER, field, error, JD_VALIDATE_ERROR_REQUIRED,
                     _("Enter the employer."));
      if (jd_choice_find (placement_kinds, G_N_ELEMENTS (placement_kinds), c->placement_kind) == NULL)
        return fail (JD_CONSULTATION_FIELD_PLACEMENT_KIND, field, error, JD_VALIDATE_ERROR_REQUIRED,
                     _("Choose whether the job is permanent or temporary."));
      if (c->placement_start == NULL)
        return fail (JD_CONSULTATION_FIELD_PLACEMENT_START, field, error, JD_VALIDATE_ERROR_REQUIRED,
                     _("Enter the first working day."));
      if (!tidy_date (&c->placement_start, &date))
        return fail (JD_CONSULTATION_FIELD_PLACEMENT_START, field, error, JD_VALIDATE_ERROR_INVALID,
                     _("Enter the first working day as DD.MM.YYYY."));
    }

  return TRUE;
}

/* Saving. */

static gboolean
check_specialist_may (JdDb        *db,
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
                   jd_choice_label (services, G_N_ELEMENTS (services), service));
      return FALSE;
    }
  return TRUE;
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
insert_row (JdDb            *db,
            JdConsultation  *c,
            gint64           visitor_id,
            gint64           now,
            GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = jd_db_prepare (db,
                        "INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, visit_id,"
                        " group_id, service, topic, specialist_id, started_at, duration_min, format,"
                        " summary, private_note, outcome, referral, follow_up_on, placement_employer,"
                        " placement_kind, placement_start, created_at, updated_at, created_by,"
                        " updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                        " ?16, ?17, ?18, ?19, ?20, ?20, ?21, ?21)",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_id_or_null (stmt, 1, visitor_id);
  jd_db_bind_text_or_null (stmt, 2, visitor_id ? NULL : jd_sex_to_code (c->anon_sex));
  jd_db_bind_text_or_null (stmt, 3, visitor_id ? NULL : c->anon_age_band);
  bind_id_or_null (stmt, 4, c->visit_id);
  bind_id_or_null (stmt, 5, c->group_id);
  jd_db_bind_text_or_null (stmt, 6, c->service);
  jd_db_bind_text_or_null (stmt, 7, c->topic);
  bind_id_or_null (stmt, 8, c->specialist_id);
  sqlite3_bind_int64 (stmt, 9, c->started_at);
  sqlite3_bind_int (stmt, 10, c->duration_min);
  jd_db_bind_text_or_null (stmt, 11, c->format);
  jd_db_bind_text_or_null (stmt, 12, c->summary);
  jd_db_bind_text_or_null (stmt, 13, c->private_note);
  jd_db_bind_text_or_null (stmt, 14, c->outcome);
  jd_db_bind_text_or_null (stmt, 15, c->referral);
  jd_db_bind_text_or_null (stmt, 16, c->follow_up_on);
  jd_db_bind_text_or_null (stmt, 17, c->placement_employer);
  jd_db_bind_text_or_null (stmt, 18, c->placement_kind);
  jd_db_bind_text_or_null (stmt, 19, c->placement_start);
  sqlite3_bind_int64 (stmt, 20, now);
  bind_id_or_null (stmt, 21, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  c->id = sqlite3_last_insert_rowid (jd_db_get_handle (db));
  return jd_audit_record (db, JD_AUDIT_CREATED, JD_AUDIT_TARGET_CONSULTATION, c->id, NULL, error);
}

/* A NEET visitor placed in a job works from now on; their past visits
 * keep the occupation they had. */
static gboolean
apply_placement (JdDb                 *db,
                 const JdConsultation *c,
                 gint64                visitor_id,
                 gint64                now,
                 GError              **error)
{
  sqlite3_stmt *stmt;

  if (c->placement_kind == NULL || visitor_id == 0)
    return TRUE;

  stmt = jd_db_prepare (db,
                        "UPDATE visitor SET occupation = 'employed', updated_at = ?2,"
                        " updated_by = nullif (?3, 0)"
                        " WHERE id = ?1 AND occupation IN ('unemployed_seeking', 'not_seeking')",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (jd_db_get_handle (db)) > 0)
    return jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_VISITOR, visitor_id,
                            "occupation: employed (job placement)", error);
  return TRUE;
}

/* The check-in's queue entry for this service is done. */
static gboolean
close_queue_entry (JdDb                 *db,
                   const JdConsultation *c,
                   gint64                now,
                   GError              **error)
{
  sqlite3_stmt *stmt;

  if (c->visit_id == 0)
    return TRUE;

  stmt = jd_db_prepare (db,
                        "UPDATE queue_entry SET done_at = ?3, consultation_id = ?4,"
                        " called_at = coalesce (called_at, ?3), called_by = coalesce (called_by, nullif (?5, 0)),"
                        " updated_at = ?3 WHERE visit_id = ?1 AND service = ?2 AND done_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->visit_id);
  sqlite3_bind_text (stmt, 2, c->service, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, c->id);
  sqlite3_bind_int64 (stmt, 5, jd_db_get_actor_id (db));
  return jd_db_step_done (db, stmt, error);
}

static gboolean
check_visitor (JdDb     *db,
               gint64    visitor_id,
               GError  **error)
{
  sqlite3_stmt *stmt = jd_db_prepare (db,
                                      "SELECT 1 FROM visitor WHERE id = ?1 AND anonymised_at IS NULL",
                                      error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, visitor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                         _("This visitor’s record no longer exists. Someone may have deleted it."));
  return found;
}

static gboolean
prepare_new (JdDb            *db,
             JdConsultation  *c,
             GError         **error)
{
  GDate today;
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (!jd_consultation_validate (c, &today, NULL, error) ||
      !check_specialist_may (db, c->service, error))
    return FALSE;
  if (c->specialist_id == 0)
    c->specialist_id = jd_db_get_actor_id (db);
  return TRUE;
}

gboolean
jd_consultation_insert (JdDb            *db,
                        JdConsultation  *c,
                        GError         **error)
{
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  c->id = 0;
  if (!prepare_new (db, c, error) || !jd_db_begin (db, error))
    return FALSE;

  if ((c->visitor_id != 0 && !check_visitor (db, c->visitor_id, error)) ||
      !insert_row (db, c, c->visitor_id, now, error) ||
      !apply_placement (db, c, c->visitor_id, now, error) ||
      !close_queue_entry (db, c, now, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      c->id = 0;
      return FALSE;
    }
  return TRUE;
}

gint64
jd_consultation_insert_group (JdDb            *db,
                              JdConsultation  *c,
                              const gint64    *visitor_ids,
                              guint            n_visitors,
                              GError         **error)
{
  gint64 now = jd_db_now ();
  gint64 group_id = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (c != NULL, 0);

  if (n_visitors < 2)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("A group session needs at least two visitors."));
      return 0;
    }

  /* Validated as the first participant's. */
  c->visitor_id = visitor_ids[0];
  c->visit_id = 0;
  c->group_id = 0;
  if (!prepare_new (db, c, error) || !jd_db_begin (db, error))
    return 0;

  for (guint i = 0; i < n_visitors; i++)
    {
      if (!check_visitor (db, visitor_ids[i], error) ||
          !insert_row (db, c, visitor_ids[i], now, error) ||
          !apply_placement (db, c, visitor_ids[i], now, error))
        goto fail;
      if (group_id == 0)
        {
          group_id = c->id;
          c->group_id = group_id;
          /* The first row names the group too. */
          stmt = jd_db_prepare (db, "UPDATE consultation SET group_id = id WHERE id = ?1", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, group_id);
          if (!jd_db_step_done (db, stmt, error))
            goto fail;
        }
    }
  if (!jd_db_commit (db, error))
    goto fail;

  c->id = group_id;
  return group_id;

fail:
  jd_db_rollback (db);
  c->id = 0;
  c->group_id = 0;
  return 0;
}

/* Loading. */

#define CONSULTATION_COLUMNS \
  "c.id, coalesce (c.visitor_id, 0), c.anon_sex, c.anon_age_band, coalesce (c.visit_id, 0)," \
  " coalesce (c.group_id, 0), c.service, c.topic, coalesce (c.specialist_id, 0), c.started_at," \
  " c.duration_min, c.format, c.summary, c.private_note IS NOT NULL, c.outcome, c.referral," \
  " c.follow_up_on, coalesce (c.follow_up_done_at, 0), c.placement_employer, c.placement_kind," \
  " c.placement_start, v.surname || ' ' || v.given_name, s.full_name, c.created_at, c.updated_at"

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

JdConsultation *
jd_consultation_load (JdDb     *db,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(JdConsultation) c = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_CONSULT, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT " CONSULTATION_COLUMNS " FROM consultation c"
                        " LEFT JOIN visitor v ON v.id = c.visitor_id"
                        " LEFT JOIN staff s ON s.id = c.specialist_id WHERE c.id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      c = g_new0 (JdConsultation, 1);
      c->id = sqlite3_column_int64 (stmt, 0);
      c->visitor_id = sqlite3_column_int64 (stmt, 1);
      c->anon_sex = jd_sex_from_code ((const char *) sqlite3_column_text (stmt, 2));
      c->anon_age_band = column_dup (stmt, 3);
      c->visit_id = sqlite3_column_int64 (stmt, 4);
      c->group_id = sqlite3_column_int64 (stmt, 5);
      c->service = column_dup (stmt, 6);
      c->topic = column_dup (stmt, 7);
      c->specialist_id = sqlite3_column_int64 (stmt, 8);
      c->started_at = sqlite3_column_int64 (stmt, 9);
      c->duration_min = sqlite3_column_int (stmt, 10);
      c->format = column_dup (stmt, 11);
      c->summary = column_dup (stmt, 12);
      c->has_private_note = sqlite3_column_int (stmt, 13) != 0;
      c->outcome = column_dup (stmt, 14);
      c->referral = column_dup (stmt, 15);
      c->follow_up_on = column_dup (stmt, 16);
      c->follow_up_done_at = sqlite3_column_int64 (stmt, 17);
      c->placement_employer = column_dup (stmt, 18);
      c->placement_kind = column_dup (stmt, 19);
      c->placement_start = column_dup (stmt, 20);
      c->visitor_name = column_dup (stmt, 21);
      c->specialist_name = column_dup (stmt, 22);
      c->created_at = sqlite3_column_int64 (stmt, 23);
      c->updated_at = sqlite3_column_int64 (stmt, 24);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  if (c == NULL)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This consultation no longer exists."));
      return NULL;
    }
  return g_steal_pointer (&c);
}

char *
jd_consultation_read_private_note (JdDb     *db,
                                   gint64    id,
                                   GError  **error)
{
  g_autofree char *note = NULL;
  g_autofree char *service = NULL;
  gint64 author = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_db_begin (db, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT coalesce (specialist_id, 0), service, private_note FROM consultation"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      author = sqlite3_column_int64 (stmt, 0);
      service = column_dup (stmt, 1);
      note = column_dup (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This consultation no longer exists."));
      goto fail;
    }
  if (rc != SQLITE_ROW)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }

  if (!jd_access_check_private_note (db, author, service, error))
    goto fail;

  /* Every read is on record, the author's included. */
  if (note != NULL &&
      !jd_audit_record (db, JD_AUDIT_VIEWED_PRIVATE_NOTE, JD_AUDIT_TARGET_CONSULTATION, id, NULL,
                        error))
    goto fail;
  if (!jd_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&note);

fail:
  jd_db_rollback (db);
  return NULL;
}

/* Changing. */

static gboolean
check_author (JdDb     *db,
              gint64    specialist_id,
              GError  **error)
{
  g_autoptr(JdStaff) actor = jd_db_get_actor (db);

  if (actor != NULL &&
      (actor->role == JD_ROLE_ADMINISTRATOR || (actor->id != 0 && actor->id == specialist_id)))
    return TRUE;

  g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                       _("Only the specialist who held the consultation, or an administrator, "
                         "can change it."));
  return FALSE;
}

gboolean
jd_consultation_update (JdDb            *db,
                        JdConsultation  *c,
                        gboolean         replace_note,
                        GError         **error)
{
  g_autoptr(JdConsultation) before = NULL;
  g_autoptr(GDateTime) local = jd_db_now_local (db);
  gint64 now = jd_db_now ();
  sqlite3_stmt *stmt;
  GDate today;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  before = jd_consultation_load (db, c->id, error);
  if (before == NULL ||
      !check_author (db, before->specialist_id, error) ||
      !jd_consultation_validate (c, &today, NULL, error))
    return FALSE;

  /* Whoever may not read the note (an administrator) may not replace
   * or erase it either: an empty note keeps it, a typed one is refused. */
  if (replace_note &&
      !jd_access_check_private_note (db, before->specialist_id, before->service, NULL))
    {
      if (c->private_note != NULL)
        {
          g_set_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                       _("Only the author and specialists in “%s” can write a private note here. "
                         "Leave the note empty to save the rest."),
                       jd_service_label (before->service));
          return FALSE;
        }
      replace_note = FALSE;
    }

  if (!jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE consultation SET service = ?2, topic = ?3, started_at = ?4,"
                        " duration_min = ?5, format = ?6, summary = ?7,"
                        " private_note = CASE WHEN ?8 THEN ?9 ELSE private_note END,"
                        " outcome = ?10, referral = ?11, follow_up_on = ?12, placement_employer = ?13,"
                        " placement_kind = ?14, placement_start = ?15, anon_sex = ?16,"
                        " anon_age_band = ?17, updated_at = ?18, updated_by = nullif (?19, 0)"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, c->id);
  jd_db_bind_text_or_null (stmt, 2, c->service);
  jd_db_bind_text_or_null (stmt, 3, c->topic);
  sqlite3_bind_int64 (stmt, 4, c->started_at);
  sqlite3_bind_int (stmt, 5, c->duration_min);
  jd_db_bind_text_or_null (stmt, 6, c->format);
  jd_db_bind_text_or_null (stmt, 7, c->summary);
  sqlite3_bind_int (stmt, 8, replace_note ? 1 : 0);
  jd_db_bind_text_or_null (stmt, 9, c->private_note);
  jd_db_bind_text_or_null (stmt, 10, c->outcome);
  jd_db_bind_text_or_null (stmt, 11, c->referral);
  jd_db_bind_text_or_null (stmt, 12, c->follow_up_on);
  jd_db_bind_text_or_null (stmt, 13, c->placement_employer);
  jd_db_bind_text_or_null (stmt, 14, c->placement_kind);
  jd_db_bind_text_or_null (stmt, 15, c->placement_start);
  jd_db_bind_text_or_null (stmt, 16, before->visitor_id ? NULL : jd_sex_to_code (c->anon_sex));
  jd_db_bind_text_or_null (stmt, 17, before->visitor_id ? NULL : c->anon_age_band);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int64 (stmt, 19, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error) ||
      !apply_placement (db, c, before->visitor_id, now, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_CONSULTATION, c->id, NULL, error) ||
      !jd_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

static gboolean
change_follow_up (JdDb        *db,
                  gint64       id,
                  const char  *sql,
                  const char  *day,
                  GError     **error)
{
  g_autoptr(JdConsultation) before = NULL;
  gint64 now = jd_db_now ();
  sqlite3_stmt *stmt;

  before = jd_consultation_load (db, id, error);
  if (before == NULL ||
      !check_specialist_may (db, before->service, error) ||
      !jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
  if (day != NULL)
    sqlite3_bind_text (stmt, 4, day, -1, SQLITE_TRANSIENT);
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_CONSULTATION, id,
                        day ? "follow-up rescheduled" : "follow-up done", error) ||
      !jd_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

gboolean
jd_consultation_follow_up_done (JdDb     *db,
                                gint64    id,
                                GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return change_follow_up (db, id,
                           "UPDATE consultation SET follow_up_done_at = ?2, updated_at = ?2,"
                           " updated_by = nullif (?3, 0) WHERE id = ?1",
                           NULL, error);
}

gboolean
jd_consultation_reschedule (JdDb         *db,
                            gint64        id,
                            const char   *follow_up_on,
                            const GDate  *today,
                            GError      **error)
{
  g_autofree char *day = g_strdup (follow_up_on);
  GDate date;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (day == NULL || !tidy_date (&day, &date))
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Enter the follow-up date as DD.MM.YYYY."));
      return FALSE;
    }
  if (g_date_compare (&date, today) < 0)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("The follow-up date has passed. Choose today or a later day."));
      return FALSE;
    }

  return change_follow_up (db, id,
                           "UPDATE consultation SET follow_up_on = ?4, follow_up_done_at = NULL,"
                           " updated_at = ?2, updated_by = nullif (?3, 0) WHERE id = ?1",
                           day, error);
}

/* Lists. */

void
jd_consultation_row_free (JdConsultationRow *row)
{
  if (row == NULL)
    return;

  g_free (row->visitor_name);
  g_free (row->anon_age_band);
  g_free (row->service);
  g_free (row->topic);
  g_free (row->outcome);
  g_free (row->referral);
  g_free (row->follow_up_on);
  g_free (row->placement_kind);
  g_free (row->specialist_name);
  g_free (row);
}

/* A placement counts for a NEET young person by the occupation before
 * it: that of the consultation's own visit, else of the visitor's last
 * visit up to the consultation. */
#define NEET_BEFORE_PLACEMENT \
  " coalesce ((SELECT occupation FROM visit WHERE id = c.visit_id)," \
  "  (SELECT occupation FROM visit WHERE visitor_id = c.visitor_id" \
  "   AND time_in <= c.started_at ORDER BY time_in DESC LIMIT 1))" \
  "  IN ('unemployed_seeking', 'not_seeking')"

/* ?1 specialist, ?2 service, ?3 outcome, ?4 visitor, ?5 from, ?6 to,
 * ?7 follow-up due day, ?8 a JSON array of the visitor ids the name
 * search found, ?10 referral ("*": any), ?11 and ?12 the days of NEET
 * placements (?9 is the limit of the list). */
#define LIST_WHERE \
  " WHERE (?1 = 0 OR c.specialist_id = ?1)" \
  " AND (?2 IS NULL OR c.service = ?2)" \
  " AND (?3 IS NULL OR c.outcome = ?3)" \
  " AND (?4 = 0 OR c.visitor_id = ?4)" \
  " AND (?5 = 0 OR c.started_at >= ?5)" \
  " AND (?6 = 0 OR c.started_at < ?6)" \
  " AND (?7 IS NULL OR (c.follow_up_on <= ?7 AND c.follow_up_done_at IS NULL))" \
  " AND (?8 IS NULL OR c.visitor_id IN (SELECT value FROM json_each (?8)))" \
  " AND (?10 IS NULL OR (c.referral IS NOT NULL AND (?10 = '*' OR c.referral = ?10)))" \
  " AND (?11 IS NULL OR (c.placement_kind IS NOT NULL AND c.visitor_id IS NOT NULL" \
  "  AND c.placement_start >= ?11 AND c.placement_start < ?12 AND" NEET_BEFORE_PLACEMENT "))"

static void
bind_filter (sqlite3_stmt                *stmt,
             const JdConsultationFilter  *f,
             const char                  *pattern)
{
  sqlite3_bind_int64 (stmt, 1, f ? f->specialist_id : 0);
  jd_db_bind_text_or_null (stmt, 2, f ? f->service : NULL);
  jd_db_bind_text_or_null (stmt, 3, f ? f->outcome : NULL);
  sqlite3_bind_int64 (stmt, 4, f ? f->visitor_id : 0);
  sqlite3_bind_int64 (stmt, 5, f ? f->from : 0);
  sqlite3_bind_int64 (stmt, 6, f ? f->to : 0);
  jd_db_bind_text_or_null (stmt, 7, f ? f->follow_up_due : NULL);
  jd_db_bind_text_or_null (stmt, 8, pattern);
  jd_db_bind_text_or_null (stmt, 10, f ? f->referral : NULL);
  jd_db_bind_text_or_null (stmt, 11, f && f->placed_to ? f->placed_from : NULL);
  jd_db_bind_text_or_null (stmt, 12, f ? f->placed_to : NULL);
}

/* The visitors whose name matches @text, found by the front desk's
 * search (indexed: a substring of a name among a million takes about a
 * millisecond, where a LIKE over every consultation took a second), as
 * a JSON array for json_each(). */
static char *
visitor_ids_matching (JdDb        *db,
                      const char  *text,
                      GError     **error)
{
  g_autoptr(GPtrArray) found = NULL;
  GString *json;

  if (text == NULL || *text == '\0')
    return NULL;

  found = jd_search_visitors (db, text, 1000, NULL, error);
  if (found == NULL)
    return NULL;
  json = g_string_new ("[");
  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i ? "," : "",
                            ((JdSearchResult *) found->pdata[i])->visitor_id);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

GPtrArray *
jd_consultation_list (JdDb                       *db,
                      const JdConsultationFilter *filter,
                      guint                       limit,
                      guint                      *total,
                      GError                    **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_consultation_row_free);
  g_autofree char *pattern = NULL;
  gboolean due = filter != NULL && filter->follow_up_due != NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_CONSULT, error))
    return NULL;

  if (filter != NULL && filter->text != NULL && *filter->text != '\0')
    {
      pattern = visitor_ids_matching (db, filter->text, error);
      if (pattern == NULL)
        return NULL;
    }

  /* With a name, the consultations of the visitors found, through the
   * visitor index; otherwise all, in time order. */
#define LIST_FROM_ALL   " FROM consultation c"
#define LIST_FROM_FOUND " FROM json_each (?8) j CROSS JOIN consultation c ON c.visitor_id = j.value"
#define LIST_COLUMNS \
  "SELECT c.id, coalesce (c.visitor_id, 0), v.surname || ' ' || v.given_name," \
  " c.anon_sex, c.anon_age_band, coalesce (c.group_id, 0), c.service, c.topic," \
  " c.started_at, c.duration_min, c.outcome, c.referral, c.follow_up_on," \
  " coalesce (c.follow_up_done_at, 0), c.placement_kind," \
  " coalesce (c.specialist_id, 0), s.full_name"
#define LIST_JOINS \
  " LEFT JOIN visitor v ON v.id = c.visitor_id LEFT JOIN staff s ON s.id = c.specialist_id"
#define ORDER_DUE  " ORDER BY c.follow_up_on, c.started_at LIMIT ?9"
#define ORDER_TIME " ORDER BY c.started_at DESC, c.id DESC LIMIT ?9"

  if (total != NULL)
    {
      stmt = jd_db_prepare (db,
                            pattern ?
                            "SELECT count(*)" LIST_FROM_FOUND " LEFT JOIN visitor v ON v.id = c.visitor_id"
                            LIST_WHERE :
                            "SELECT count(*)" LIST_FROM_ALL " LEFT JOIN visitor v ON v.id = c.visitor_id"
                            LIST_WHERE,
                            error);
      if (stmt == NULL)
        return NULL;
      bind_filter (stmt, filter, pattern);
      rc = sqlite3_step (stmt);
      *total = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        {
          jd_db_set_error (db, rc, error);
          return NULL;
        }
    }

  if (pattern != NULL)
    stmt = jd_db_prepare (db,
                          due ? LIST_COLUMNS LIST_FROM_FOUND LIST_JOINS LIST_WHERE ORDER_DUE
                              : LIST_COLUMNS LIST_FROM_FOUND LIST_JOINS LIST_WHERE ORDER_TIME,
                          error);
  else
    stmt = jd_db_prepare (db,
                          due ? LIST_COLUMNS LIST_FROM_ALL LIST_JOINS LIST_WHERE ORDER_DUE
                              : LIST_COLUMNS LIST_FROM_ALL LIST_JOINS LIST_WHERE ORDER_TIME,
                          error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter, pattern);
  sqlite3_bind_int64 (stmt, 9, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JdConsultationRow *row = g_new0 (JdConsultationRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->visitor_id = sqlite3_column_int64 (stmt, 1);
      row->visitor_name = column_dup (stmt, 2);
      row->anon_sex = jd_sex_from_code ((const char *) sqlite3_column_text (stmt, 3));
      row->anon_age_band = column_dup (stmt, 4);
      row->group_id = sqlite3_column_int64 (stmt, 5);
      row->service = column_dup (stmt, 6);
      row->topic = column_dup (stmt, 7);
      row->started_at = sqlite3_column_int64 (stmt, 8);
      row->duration_min = sqlite3_column_int (stmt, 9);
      row->outcome = column_dup (stmt, 10);
      row->referral = column_dup (stmt, 11);
      row->follow_up_on = column_dup (stmt, 12);
      row->follow_up_done_at = sqlite3_column_int64 (stmt, 13);
      row->placement_kind = column_dup (stmt, 14);
      row->specialist_id = sqlite3_column_int64 (stmt, 15);
      row->specialist_name = column_dup (stmt, 16);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

guint
jd_consultation_count_neet_placed (JdDb        *db,
                                   const char  *from_day,
                                   const char  *to_day,
                                   GError     **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (db != NULL, 0);

  stmt = jd_db_prepare (db,
                        "SELECT count(DISTINCT c.visitor_id) FROM consultation c"
                        " WHERE c.placement_kind IS NOT NULL AND c.visitor_id IS NOT NULL"
                        " AND c.placement_start >= ?1 AND c.placement_start < ?2"
                        " AND" NEET_BEFORE_PLACEMENT,
                        error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, from_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    jd_db_set_error (db, rc, error);
  return n;
}

/* The queue. */

void
jd_queue_entry_free (JdQueueEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->visitor_name);
  g_free (entry->service);
  g_free (entry->called_by_name);
  g_free (entry);
}

/* The start of the centre's day of @now. */
static gint64
day_start (JdDb   *db,
           gint64  now)
{
  GTimeZone *tz = jd_db_get_time_zone (db);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autoptr(GDateTime) start = g_date_time_new (tz, g_date_time_get_year (local),
                                                g_date_time_get_month (local),
                                                g_date_time_get_day_of_month (local),
                                                0, 0, 0);

  return g_date_time_to_unix (start);
}

#define QUEUE_COLUMNS \
  "q.id, q.visit_id, q.visitor_id, v.surname || ' ' || v.given_name, q.service, q.enqueued_at," \
  " coalesce (q.called_at, 0), coalesce (q.called_by, 0), s.full_name"

static JdQueueEntry *
queue_entry_from_row (sqlite3_stmt *stmt)
{
  JdQueueEntry *entry = g_new0 (JdQueueEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->visit_id = sqlite3_column_int64 (stmt, 1);
  entry->visitor_id = sqlite3_column_int64 (stmt, 2);
  entry->visitor_name = column_dup (stmt, 3);
  entry->service = column_dup (stmt, 4);
  entry->enqueued_at = sqlite3_column_int64 (stmt, 5);
  entry->called_at = sqlite3_column_int64 (stmt, 6);
  entry->called_by = sqlite3_column_int64 (stmt, 7);
  entry->called_by_name = column_dup (stmt, 8);
  return entry;
}

GPtrArray *
jd_queue_list (JdDb        *db,
               const char  *service,
               gint64       now,
               GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_queue_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT " QUEUE_COLUMNS " FROM queue_entry q"
                        " JOIN visitor v ON v.id = q.visitor_id"
                        " LEFT JOIN staff s ON s.id = q.called_by"
                        " WHERE q.done_at IS NULL AND q.enqueued_at >= ?1"
                        " AND (?2 IS NULL OR q.service = ?2)"
                        " ORDER BY q.enqueued_at, q.id",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, day_start (db, now));
  jd_db_bind_text_or_null (stmt, 2, service);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, queue_entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

GHashTable *
jd_queue_counts (JdDb     *db,
                 gint64    now,
                 GError  **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT service, count(*) FROM queue_entry"
                        " WHERE done_at IS NULL AND called_at IS NULL AND enqueued_at >= ?1"
                        " GROUP BY service",
                        error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, day_start (db, now));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, column_dup (stmt, 0),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&counts);
}

JdQueueEntry *
jd_queue_call_next (JdDb        *db,
                    const char  *service,
                    gint64       now,
                    GError     **error)
{
  g_autoptr(JdQueueEntry) entry = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (service != NULL, NULL);

  if (!check_specialist_may (db, service, error) || !jd_db_begin (db, error))
    return NULL;

  /* Inside the write transaction: two specialists never call the same
   * person. */
  stmt = jd_db_prepare (db,
                        "SELECT " QUEUE_COLUMNS " FROM queue_entry q"
                        " JOIN visitor v ON v.id = q.visitor_id"
                        " LEFT JOIN staff s ON s.id = q.called_by"
                        " WHERE q.done_at IS NULL AND q.called_at IS NULL AND q.enqueued_at >= ?1"
                        " AND q.service = ?2 ORDER BY q.enqueued_at, q.id LIMIT 1",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, day_start (db, now));
  sqlite3_bind_text (stmt, 2, service, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = queue_entry_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }
  if (entry == NULL)
    {
      jd_db_rollback (db);
      return NULL;
    }

  stmt = jd_db_prepare (db,
                        "UPDATE queue_entry SET called_at = ?2, called_by = nullif (?3, 0),"
                        " updated_at = ?2 WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error) || !jd_db_commit (db, error))
    goto fail;

  entry->called_at = now;
  entry->called_by = jd_db_get_actor_id (db);
  return g_steal_pointer (&entry);

fail:
  jd_db_rollback (db);
  return NULL;
}

gboolean
jd_queue_remove (JdDb     *db,
                 gint64    entry_id,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE queue_entry SET done_at = ?2, updated_at = ?2"
                        " WHERE id = ?1 AND done_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry_id);
  sqlite3_bind_int64 (stmt, 2, now);
  return jd_db_step_done (db, stmt, error);
}
