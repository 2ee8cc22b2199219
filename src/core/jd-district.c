/* jd-district.c: the district reference table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-district"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-db-private.h"
#include "jd-district.h"

void
jd_district_free (JdDistrict *district)
{
  if (district == NULL)
    return;

  g_free (district->code);
  g_free (district->name_kk);
  g_free (district->name_ru);
  g_free (district->name_en);
  g_free (district->area);
  g_free (district);
}

const char *
jd_district_get_name (const JdDistrict *district)
{
  /* Translators: keep "en" unless the district names stored in the
   * database in your language should be used: "kk" for Kazakh, "ru" for
   * Russian. */
  const char *lang = C_("district-names", "en");

  g_return_val_if_fail (district != NULL, NULL);

  if (g_str_equal (lang, "kk"))
    return district->name_kk;
  if (g_str_equal (lang, "ru"))
    return district->name_ru;
  return district->name_en;
}

GPtrArray *
jd_district_list (JdDb     *db,
                  gboolean  all,
                  GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_district_free);
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = jd_db_prepare (db,
                        "SELECT id, code, name_kk, name_ru, name_en, area, in_use"
                        " FROM district WHERE in_use = 1 OR ?1"
                        " ORDER BY sort_order, id",
                        error);
  if (stmt == NULL)
    return NULL;

  jd_stmt_bind_int (stmt, 1, all ? 1 : 0);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      JdDistrict *d = g_new0 (JdDistrict, 1);

      d->id = jd_stmt_column_int64 (stmt, 0);
      d->code = g_strdup (jd_stmt_column_text (stmt, 1));
      d->name_kk = g_strdup (jd_stmt_column_text (stmt, 2));
      d->name_ru = g_strdup (jd_stmt_column_text (stmt, 3));
      d->name_en = g_strdup (jd_stmt_column_text (stmt, 4));
      d->area = g_strdup (jd_stmt_column_text (stmt, 5));
      d->in_use = jd_stmt_column_int (stmt, 6) != 0;
      g_ptr_array_add (list, d);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}
