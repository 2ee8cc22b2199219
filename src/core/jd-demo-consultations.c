/* jd-demo-consultations.c: the demo centre's consultations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-demo"

#include "config.h"

#include <string.h>

#include "jd-db-private.h"
#include "jd-demo.h"
#include "jd-demo-private.h"
#include "jd-validate.h"

static const char * const employers[] = {
  "ТОО «Алматы Сервис»", "АО «Kaspi Bank»", "ИП Жұмабаев", "ТОО «Green Almaty»",
  "Magnum Cash&Carry", "ТОО «Tech Garden»", "Коммунальное предприятие «Алматы Тазалық»",
  "Кофейня «Coffee Boom»", "ТОО «Almaty Logistics»", "ИП «Шеберхана»", "Small Supermarket",
  "АО «Алматы Электр Желілері»",
};

typedef struct
{
  const char *service;
  const char *topics[3];
} Service;

/* Topic codes of jd_consultation_topics(), the most common first. */
static const Service services[] = {
  { "legal", { "labour", "housing", "documents" } },
  { "psychological", { "anxiety", "family_conflict", "relationships" } },
  { "career", { "profession", "cv", "interview" } },
  { "employment", { "enbek", "vacancies", "first_job" } },
  { "entrepreneurship", { "grants", "plan", "registration" } },
  { "housing", { "otbasy", "rent", "queue" } },
  { "education", { "grants", "college", "courses" } },
  { "health", { "lifestyle", "prevention", "sport" } },
  { "other", { "volunteering", "information", "other" } },
};

static const char * const referrals[] = {
  "enbek", "first_job", "youth_practice", "business_bastau", "otbasy", "youth_health",
  "course", "psychologist", "social_services", "other",
};

G_STATIC_ASSERT (G_N_ELEMENTS (services) == JD_DEMO_N_SERVICES);

static const Service *
find_service (const char *purpose)
{
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_str_equal (services[i].service, purpose))
      return &services[i];

  return NULL;
}

const char *
jd_demo_service_code (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (services), NULL);

  return services[index].service;
}

/* Whether people who come for @purpose see a specialist of it. */
gboolean
jd_demo_is_service (const char *purpose)
{
  return find_service (purpose) != NULL;
}

static gboolean
is_neet (const char *occupation)
{
  return g_str_equal (occupation, "unemployed_seeking") || g_str_equal (occupation, "not_seeking");
}

/* A consultation on a visit; TRUE in @placed when a NEET visitor found
 * a job through it. */
gboolean
jd_demo_add_consultation (Demo          *demo,
                          const Person  *person,
                          gint64         visit_id,
                          gint64         when,
                          const char    *purpose,
                          gboolean      *placed,
                          GError       **error)
{
  Rng *rng = &demo->rng;
  const Service *service = find_service (purpose);
  const char *outcome, *referral = NULL;
  char follow_up[11] = { 0 };
  char placement_start[11] = { 0 };
  const char *employer = NULL;
  const char *topic, *format, *kind = NULL, *note = NULL;
  gint64 specialist;
  int duration;
  gboolean anonymous;
  JdStmt *stmt;
  guint r = rng_below (rng, 100);

  if (service == NULL || rng_chance (rng, 0.04))
    service = &services[G_N_ELEMENTS (services) - 1];  /* other */

  outcome = r < 50 ? "resolved" : r < 70 ? "referred" : r < 90 ? "follow_up" : "no_show";
  if (g_str_equal (outcome, "referred"))
    referral = g_str_equal (service->service, "employment") ? (rng_chance (rng, 0.6) ? "enbek" : "first_job")
             : g_str_equal (service->service, "entrepreneurship") ? "business_bastau"
             : g_str_equal (service->service, "housing") ? "otbasy"
             : g_str_equal (service->service, "psychological") ? "psychologist"
             : PICK (rng, referrals);
  if (g_str_equal (outcome, "follow_up"))
    jd_demo_format_day (demo, jd_demo_day_of (demo, when) + 7 + (int) rng_below (rng, 21), follow_up);

  /* Young people without work placed in jobs: what the city counts. */
  *placed = FALSE;
  if (is_neet (person->occupation) && g_str_equal (service->service, "employment") &&
      !g_str_equal (outcome, "no_show") && rng_chance (rng, 0.3))
    {
      jd_demo_format_day (demo, jd_demo_day_of (demo, when) + 3 + (int) rng_below (rng, 20), placement_start);
      employer = PICK (rng, employers);
      *placed = TRUE;
    }

  /* Some come to the psychologist or the lawyer without giving a name. */
  anonymous = !*placed &&
              (g_str_equal (service->service, "psychological") || g_str_equal (service->service, "legal")) &&
              rng_chance (rng, 0.1);

  /* Held, and written down, by the specialist of the service. The
   * values in the order the generator draws them. */
  topic = PICK (rng, service->topics);
  duration = 15 + 5 * (int) rng_below (rng, 16);
  format = rng_chance (rng, 0.85) ? "in_person" : rng_chance (rng, 0.5) ? "phone" : "online";
  if (employer != NULL)
    kind = rng_chance (rng, 0.7) ? "permanent" : "temporary";
  specialist = demo->specialist[service - services];
  /* The psychologist keeps notes most; the others now and then. */
  if (rng_chance (rng, g_str_equal (service->service, "psychological") ? 0.5 : 0.1))
    note = jd_demo_private_note (rng_below (rng, JD_DEMO_N_PRIVATE_NOTES));

  if (demo->consultations != NULL)
    {
      JdDemoBatch *b = demo->consultations;

      if (anonymous)
        {
          jd_demo_batch_text (b, 1, NULL);
          jd_demo_batch_text (b, 2, person->male ? "male" : "female");
          jd_demo_batch_text (b, 3, jd_age_band (person->age));
          jd_demo_batch_text (b, 4, NULL);
        }
      else
        {
          jd_demo_batch_int64 (b, 1, person->id);
          jd_demo_batch_text (b, 2, NULL);
          jd_demo_batch_text (b, 3, NULL);
          jd_demo_batch_int64 (b, 4, visit_id);
        }
      jd_demo_batch_text (b, 5, service->service);
      jd_demo_batch_text (b, 6, topic);
      jd_demo_batch_int64 (b, 7, when + 600);
      jd_demo_batch_int64 (b, 8, duration);
      jd_demo_batch_text (b, 9, format);
      jd_demo_batch_text (b, 10, outcome);
      jd_demo_batch_text (b, 11, referral);
      jd_demo_batch_text (b, 12, follow_up[0] != '\0' ? follow_up : NULL);
      jd_demo_batch_text (b, 13, employer);
      jd_demo_batch_text (b, 14, kind);
      jd_demo_batch_text (b, 15, employer != NULL ? placement_start : NULL);
      jd_demo_batch_int64 (b, 16, specialist);
      jd_demo_batch_text (b, 17, note);
      jd_demo_batch_row_done (b);
      return TRUE;
    }

  stmt = jd_db_prepare (demo->db,
                        "INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, visit_id,"
                        " service, topic, started_at, duration_min, format, summary, outcome,"
                        " referral, follow_up_on, placement_employer, placement_kind, placement_start,"
                        " created_at, updated_at, specialist_id, private_note, created_by, updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                        " ?17, ?17, ?18, ?19, ?18, ?18)",
                        error);
  if (stmt == NULL)
    return FALSE;

  if (anonymous)
    {
      jd_stmt_bind_text_static (stmt, 2, person->male ? "male" : "female");
      jd_stmt_bind_text_static (stmt, 3, jd_age_band (person->age));
    }
  else
    {
      jd_stmt_bind_int64 (stmt, 1, person->id);
      jd_stmt_bind_int64 (stmt, 4, visit_id);
    }
  jd_stmt_bind_text_static (stmt, 5, service->service);
  jd_stmt_bind_text_static (stmt, 6, topic);
  jd_stmt_bind_int64 (stmt, 7, when + 600);
  jd_stmt_bind_int (stmt, 8, duration);
  jd_stmt_bind_text_static (stmt, 9, format);
  jd_stmt_bind_text_static (stmt, 10, "Demo");
  jd_stmt_bind_text_static (stmt, 11, outcome);
  if (referral != NULL)
    jd_stmt_bind_text_static (stmt, 12, referral);
  if (follow_up[0] != '\0')
    jd_stmt_bind_text (stmt, 13, follow_up);
  if (employer != NULL)
    {
      jd_stmt_bind_text_static (stmt, 14, employer);
      jd_stmt_bind_text_static (stmt, 15, kind);
      jd_stmt_bind_text (stmt, 16, placement_start);
    }
  jd_stmt_bind_int64 (stmt, 17, when + 600);
  jd_stmt_bind_int64 (stmt, 18, specialist);
  if (note != NULL)
    jd_stmt_bind_text_static (stmt, 19, note);

  return jd_db_step_done (demo->db, stmt, error);
}
