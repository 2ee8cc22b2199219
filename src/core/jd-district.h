/* jd-district.h: the district reference table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "jd-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *code;
  char   *name_kk;
  char   *name_ru;
  char   *name_en;
  char   *area;        /* "city", "region" or "other" */
  gboolean in_use;
} JdDistrict;

void        jd_district_free      (JdDistrict *district);
/* The name in the language of the interface (kk, ru, else English). */
const char *jd_district_get_name  (const JdDistrict *district);

/* Returns: (transfer full) (element-type JdDistrict): in display order;
 *   only those the centre uses unless @all */
GPtrArray  *jd_district_list      (JdDb     *db,
                                   gboolean  all,
                                   GError  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDistrict, jd_district_free)

G_END_DECLS
