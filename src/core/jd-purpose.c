/* jd-purpose.c: why people come: the purposes of a visit and the
 * services of a consultation, one code with one label everywhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-purpose"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-purpose.h"

/* The one table of codes and labels. Most common first: the check-in
 * dialog offers them in this order. The consultation services and the
 * specialists' services are some of these codes in orders of their
 * own, and take their labels from here, so that a service is called
 * the same in the check-in dialog, the forms, the staff page and the
 * reports. */
static const JdChoice visit_purposes[] = {
  { "employment", N_("Employment") },
  { "career", N_("Career guidance") },
  { "psychological", N_("Psychological help") },
  { "legal", N_("Legal advice") },
  { "event", N_("Event") },
  { "course", N_("Course or club") },
  { "entrepreneurship", N_("Entrepreneurship") },
  { "education", N_("Education") },
  { "housing", N_("Housing") },
  { "health", N_("Health") },
  { "coworking", N_("Coworking space") },
  { "leisure", N_("Leisure") },
  { "other", N_("Other") },
};

/* The consultation forms' order. */
static const char *const consultation_service_codes[] = {
  "employment", "career", "psychological", "legal", "entrepreneurship",
  "housing", "education", "health", "other",
};

/* The staff page's order. */
static const char *const service_codes[] = {
  "psychological", "legal", "career", "employment", "entrepreneurship",
  "housing", "education", "health", "other", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (service_codes) == G_N_ELEMENTS (consultation_service_codes) + 1);

const JdChoice *
jd_visit_purposes (guint *n_choices)
{
  g_return_val_if_fail (n_choices != NULL, NULL);

  *n_choices = G_N_ELEMENTS (visit_purposes);
  return visit_purposes;
}

gboolean
jd_purpose_is_known (const char *purpose)
{
  return jd_choice_find (visit_purposes, G_N_ELEMENTS (visit_purposes), purpose) != NULL;
}

const JdChoice *
jd_consultation_services (guint *n_choices)
{
  static JdChoice services[G_N_ELEMENTS (consultation_service_codes)];
  static gsize filled = 0;

  g_return_val_if_fail (n_choices != NULL, NULL);

  if (g_once_init_enter (&filled))
    {
      for (guint i = 0; i < G_N_ELEMENTS (consultation_service_codes); i++)
        {
          const JdChoice *purpose = jd_choice_find (visit_purposes, G_N_ELEMENTS (visit_purposes),
                                                    consultation_service_codes[i]);

          g_assert (purpose != NULL);
          services[i] = *purpose;
        }
      g_once_init_leave (&filled, 1);
    }

  *n_choices = G_N_ELEMENTS (services);
  return services;
}

gboolean
jd_purpose_is_service (const char *purpose)
{
  for (guint i = 0; i < G_N_ELEMENTS (consultation_service_codes); i++)
    if (g_strcmp0 (purpose, consultation_service_codes[i]) == 0)
      return TRUE;
  return FALSE;
}

const char * const *
jd_purpose_service_codes (void)
{
  return service_codes;
}

const char *
jd_purpose_service_label (const char *code)
{
  if (!g_strv_contains (service_codes, code ? code : ""))
    return code;
  return jd_choice_label (visit_purposes, G_N_ELEMENTS (visit_purposes), code);
}
