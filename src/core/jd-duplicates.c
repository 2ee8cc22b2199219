/* jd-duplicates.c: existing visitors a new registration may be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-db-private.h"
#include "jd-text.h"
#include "jd-visitor.h"
#include "jd-visitor-private.h"

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

char *
jd_visitor_name_key (const JdVisitor *visitor)
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
      g_autofree char *short_name = jd_visitor_compose_name (visitor->surname,
                                                             visitor->given_name, NULL);

      *short_key = jd_text_fold (short_name);
    }
  return jd_visitor_name_key (visitor);
}

static JdDuplicate *
duplicate_from_row (JdStmt            *stmt,
                    JdDuplicateReason  reason)
{
  JdDuplicate *dup = g_new0 (JdDuplicate, 1);

  dup->visitor_id = jd_stmt_column_int64 (stmt, 0);
  dup->reason = reason;
  dup->display_name = jd_visitor_compose_name (jd_stmt_column_text (stmt, 1),
                                               jd_stmt_column_text (stmt, 2),
                                               jd_stmt_column_text (stmt, 3));
  dup->birth_date = g_strdup (jd_stmt_column_text (stmt, 4));
  dup->phone = g_strdup (jd_stmt_column_text (stmt, 5));

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
  JdStmt *stmt = jd_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  jd_stmt_bind_text (stmt, 1, value1);
  if (value2 != NULL)
    jd_stmt_bind_text (stmt, 2, value2);
  jd_stmt_bind_int64 (stmt, 3, self_id);

  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      gint64 id = jd_stmt_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      /* One entry per person, under the strongest reason. */
      for (guint i = 0; i < found->len && !seen; i++)
        seen = ((JdDuplicate *) g_ptr_array_index (found, i))->visitor_id == id;
      if (!seen)
        g_ptr_array_add (found, duplicate_from_row (stmt, reason));
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }

  return TRUE;
}

#define DUPLICATE_COLUMNS "SELECT id, surname, given_name, patronymic, birth_date, phone FROM visitor "
/* The one registered first comes first on either engine (a server
 * returns rows in no particular order); "+id" so that SQLite still
 * finds them through the key's index, not by walking the table in id
 * order. */
#define DUPLICATE_ORDER " ORDER BY +id"

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
                           DUPLICATE_COLUMNS "WHERE iin = ?1 AND id <> ?3" DUPLICATE_ORDER,
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
                               " AND anonymised_at IS NULL" DUPLICATE_ORDER,
                               name, visitor->birth_date, visitor->id,
                               JD_DUPLICATE_SAME_NAME_AND_DOB, error))
        return NULL;
    }

  if (visitor->phone != NULL &&
      !collect_duplicates (db, found,
                           DUPLICATE_COLUMNS "WHERE phone = ?1 AND id <> ?3"
                           " AND anonymised_at IS NULL" DUPLICATE_ORDER,
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
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db, DUPLICATE_COLUMNS "WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;

  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    dup = duplicate_from_row (stmt, reason);
  jd_stmt_reset (stmt);

  if (rc == JD_STEP_DONE)
    g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                         _("This visitor’s record no longer exists. Someone may have deleted it."));
  else if (rc != JD_STEP_ROW)
    jd_db_set_error (db, rc, error);
  return dup;
}
