/* jd-search-hit.h: one visitor found by the search, as an object
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "jd-search.h"
#include "jd-visitor.h"

G_BEGIN_DECLS

#define JD_TYPE_SEARCH_HIT (jd_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (JdSearchHit, jd_search_hit, JD, SEARCH_HIT, GObject)

/* What a list of results shows, and what a check-in needs, of one
 * visitor: read by the search itself, so nothing is read again. The
 * properties are read-only and never change. */
JdSearchHit *jd_search_hit_new               (const JdSearchResult *result);
/* A hit for a visitor just saved (registered at the desk, not found). */
JdSearchHit *jd_search_hit_new_for_visitor   (const JdVisitor      *visitor);

gint64       jd_search_hit_get_visitor_id    (JdSearchHit          *self);
const char  *jd_search_hit_get_surname       (JdSearchHit          *self);
const char  *jd_search_hit_get_given_name    (JdSearchHit          *self);
const char  *jd_search_hit_get_patronymic    (JdSearchHit          *self);
/* "Surname Given Patronymic", without a missing patronymic. */
const char  *jd_search_hit_get_name          (JdSearchHit          *self);
const char  *jd_search_hit_get_birth_date    (JdSearchHit          *self);
const char  *jd_search_hit_get_phone         (JdSearchHit          *self);
/* Enough of the phone to tell people apart, or NULL. */
const char  *jd_search_hit_get_phone_masked  (JdSearchHit          *self);
const char  *jd_search_hit_get_iin           (JdSearchHit          *self);
gint64       jd_search_hit_get_last_visit    (JdSearchHit          *self);
JdMatchKind  jd_search_hit_get_match         (JdSearchHit          *self);
gboolean     jd_search_hit_get_consent_given (JdSearchHit          *self);

/* The results of jd_search_visitors() as a list of hits, in order.
 * Returns: (transfer full): a GListModel of JdSearchHit */
GListModel  *jd_search_hits_new              (GPtrArray            *results);
/* jd_search_visitors_finish() as a list of hits. */
GListModel  *jd_search_visitors_finish_hits  (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
