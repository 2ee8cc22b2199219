/* jd-search-hit.c: one visitor found by the search, as an object
 *
 * Lists show hits through a model, and the check-in reads the name,
 * birth date and consent from the hit it was given: the search has read
 * them already, so nothing is read again per person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-search"

#include "config.h"

#include <string.h>

#include "jd-search-hit.h"

struct _JdSearchHit
{
  GObject      parent_instance;

  gint64       visitor_id;
  char        *surname;
  char        *given_name;
  char        *patronymic;
  char        *name;
  char        *birth_date;
  char        *phone;
  char        *phone_masked;
  char        *iin;
  gint64       last_visit;
  JdMatchKind  match;
  gboolean     consent_given;
};

G_DEFINE_FINAL_TYPE (JdSearchHit, jd_search_hit, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_VISITOR_ID,
  PROP_NAME,
  PROP_BIRTH_DATE,
  PROP_PHONE_MASKED,
  PROP_MATCH,
  PROP_CONSENT_GIVEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows enough of a phone to tell people apart, not the whole number. */
static char *
mask_phone (const char *e164)
{
  gsize len;

  if (e164 == NULL || (len = strlen (e164)) < 8)
    return NULL;

  if (g_str_has_prefix (e164, "+7") && len == 12)
    return g_strdup_printf ("+7 %.3s ··· ·· %s", e164 + 2, e164 + 10);

  return g_strdup_printf ("%.4s ··· %s", e164, e164 + len - 2);
}

static JdSearchHit *
hit_new (gint64       visitor_id,
         const char  *surname,
         const char  *given_name,
         const char  *patronymic,
         const char  *birth_date,
         const char  *phone,
         const char  *iin,
         gint64       last_visit,
         JdMatchKind  match,
         gboolean     consent_given)
{
  JdSearchHit *self = g_object_new (JD_TYPE_SEARCH_HIT, NULL);

  self->visitor_id = visitor_id;
  self->surname = g_strdup (surname);
  self->given_name = g_strdup (given_name);
  self->patronymic = g_strdup (patronymic);
  self->name = g_strjoin (" ", surname, given_name,
                          (patronymic && *patronymic) ? patronymic : NULL, NULL);
  self->birth_date = g_strdup (birth_date);
  self->phone = g_strdup (phone);
  self->phone_masked = mask_phone (phone);
  self->iin = g_strdup (iin);
  self->last_visit = last_visit;
  self->match = match;
  self->consent_given = consent_given;
  return self;
}

JdSearchHit *
jd_search_hit_new (const JdSearchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  return hit_new (result->visitor_id, result->surname, result->given_name,
                  result->patronymic, result->birth_date, result->phone,
                  result->iin, result->last_visit, result->match,
                  result->consent_given);
}

JdSearchHit *
jd_search_hit_new_for_visitor (const JdVisitor *visitor)
{
  g_return_val_if_fail (visitor != NULL && visitor->id > 0, NULL);

  return hit_new (visitor->id, visitor->surname, visitor->given_name,
                  visitor->patronymic, visitor->birth_date, visitor->phone,
                  visitor->iin, 0, JD_MATCH_EXACT, visitor->consent_given);
}

GListModel *
jd_search_hits_new (GPtrArray *results)
{
  GListStore *store;
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (results != NULL, NULL);

  store = g_list_store_new (JD_TYPE_SEARCH_HIT);
  hits = g_ptr_array_new_full (results->len, g_object_unref);
  for (guint i = 0; i < results->len; i++)
    g_ptr_array_add (hits, jd_search_hit_new (g_ptr_array_index (results, i)));
  /* One ::items-changed for the whole answer, not one per hit. */
  g_list_store_splice (store, 0, 0, hits->pdata, hits->len);
  return G_LIST_MODEL (store);
}

GListModel *
jd_search_visitors_finish_hits (GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GPtrArray) results = jd_search_visitors_finish (result, error);

  return results ? jd_search_hits_new (results) : NULL;
}

gint64
jd_search_hit_get_visitor_id (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), 0);
  return self->visitor_id;
}

const char *
jd_search_hit_get_surname (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->surname;
}

const char *
jd_search_hit_get_given_name (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->given_name;
}

const char *
jd_search_hit_get_patronymic (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->patronymic;
}

const char *
jd_search_hit_get_name (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->name;
}

const char *
jd_search_hit_get_birth_date (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->birth_date;
}

const char *
jd_search_hit_get_phone (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->phone;
}

const char *
jd_search_hit_get_phone_masked (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->phone_masked;
}

const char *
jd_search_hit_get_iin (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), NULL);
  return self->iin;
}

gint64
jd_search_hit_get_last_visit (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), 0);
  return self->last_visit;
}

JdMatchKind
jd_search_hit_get_match (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), JD_MATCH_EXACT);
  return self->match;
}

gboolean
jd_search_hit_get_consent_given (JdSearchHit *self)
{
  g_return_val_if_fail (JD_IS_SEARCH_HIT (self), FALSE);
  return self->consent_given;
}

static void
jd_search_hit_finalize (GObject *object)
{
  JdSearchHit *self = JD_SEARCH_HIT (object);

  g_free (self->surname);
  g_free (self->given_name);
  g_free (self->patronymic);
  g_free (self->name);
  g_free (self->birth_date);
  g_free (self->phone);
  g_free (self->phone_masked);
  g_free (self->iin);

  G_OBJECT_CLASS (jd_search_hit_parent_class)->finalize (object);
}

static void
jd_search_hit_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  JdSearchHit *self = JD_SEARCH_HIT (object);

  switch (prop_id)
    {
    case PROP_VISITOR_ID:
      g_value_set_int64 (value, self->visitor_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_BIRTH_DATE:
      g_value_set_string (value, self->birth_date);
      break;

    case PROP_PHONE_MASKED:
      g_value_set_string (value, self->phone_masked);
      break;

    case PROP_MATCH:
      g_value_set_int (value, self->match);
      break;

    case PROP_CONSENT_GIVEN:
      g_value_set_boolean (value, self->consent_given);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
jd_search_hit_class_init (JdSearchHitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = jd_search_hit_finalize;
  object_class->get_property = jd_search_hit_get_property;

  properties[PROP_VISITOR_ID] =
    g_param_spec_int64 ("visitor-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* ISO */
  properties[PROP_BIRTH_DATE] =
    g_param_spec_string ("birth-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE_MASKED] =
    g_param_spec_string ("phone-masked", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A JdMatchKind */
  properties[PROP_MATCH] =
    g_param_spec_int ("match", NULL, NULL, JD_MATCH_EXACT, JD_MATCH_TRANSLIT, JD_MATCH_EXACT,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONSENT_GIVEN] =
    g_param_spec_boolean ("consent-given", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
jd_search_hit_init (JdSearchHit *self)
{
}
