/* jd-visitor.c: a visitor's record, saved and loaded (rules:
 * jd-visitor-rules.c; duplicates: jd-duplicates.c; visits: jd-visit.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-visitor"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-access.h"
#include "jd-db-private.h"
#include "jd-row-version.h"
#include "jd-search.h"
#include "jd-validate.h"
#include "jd-visitor.h"
#include "jd-visitor-private.h"

JdVisitor *
jd_visitor_new (void)
{
  JdVisitor *visitor = g_new0 (JdVisitor, 1);

  visitor->language = g_strdup ("kk");
  return visitor;
}

JdVisitor *
jd_visitor_copy (const JdVisitor *visitor)
{
  JdVisitor *copy;

  g_return_val_if_fail (visitor != NULL, NULL);

  copy = g_memdup2 (visitor, sizeof *visitor);
  copy->surname = g_strdup (visitor->surname);
  copy->given_name = g_strdup (visitor->given_name);
  copy->patronymic = g_strdup (visitor->patronymic);
  copy->iin = g_strdup (visitor->iin);
  copy->birth_date = g_strdup (visitor->birth_date);
  copy->phone = g_strdup (visitor->phone);
  copy->email = g_strdup (visitor->email);
  copy->district_code = g_strdup (visitor->district_code);
  copy->locality = g_strdup (visitor->locality);
  copy->occupation = g_strdup (visitor->occupation);
  copy->education = g_strdup (visitor->education);
  copy->categories = g_strdupv (visitor->categories);
  copy->language = g_strdup (visitor->language);
  copy->notes = g_strdup (visitor->notes);
  copy->guardian_name = g_strdup (visitor->guardian_name);
  copy->guardian_phone = g_strdup (visitor->guardian_phone);
  copy->consent_date = g_strdup (visitor->consent_date);

  return copy;
}

void
jd_visitor_free (JdVisitor *visitor)
{
  if (visitor == NULL)
    return;

  g_free (visitor->surname);
  g_free (visitor->given_name);
  g_free (visitor->patronymic);
  g_free (visitor->iin);
  g_free (visitor->birth_date);
  g_free (visitor->phone);
  g_free (visitor->email);
  g_free (visitor->district_code);
  g_free (visitor->locality);
  g_free (visitor->occupation);
  g_free (visitor->education);
  g_strfreev (visitor->categories);
  g_free (visitor->language);
  g_free (visitor->notes);
  g_free (visitor->guardian_name);
  g_free (visitor->guardian_phone);
  g_free (visitor->consent_date);
  g_free (visitor);
}

char *
jd_visitor_compose_name (const char *surname,
                         const char *given_name,
                         const char *patronymic)
{
  GString *name = g_string_new (surname ? surname : "");

  if (given_name != NULL && *given_name != '\0')
    g_string_append_printf (name, "%s%s", name->len ? " " : "", given_name);
  if (patronymic != NULL && *patronymic != '\0')
    g_string_append_printf (name, "%s%s", name->len ? " " : "", patronymic);

  return g_string_free (name, FALSE);
}

char *
jd_visitor_display_name (const JdVisitor *visitor)
{
  g_return_val_if_fail (visitor != NULL, NULL);

  return jd_visitor_compose_name (visitor->surname, visitor->given_name, visitor->patronymic);
}

/* Validates for saving: the first error becomes the GError. */
static gboolean
validate_for_save (JdDb       *db,
                   JdVisitor  *visitor,
                   GError    **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  issues = jd_visitor_validate (visitor, &today);
  for (guint i = 0; i < issues->len; i++)
    {
      JdFieldIssue *issue = g_ptr_array_index (issues, i);

      if (!issue->is_warning)
        {
          g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                               issue->message);
          return FALSE;
        }
    }

  duplicates = jd_visitor_find_duplicates (db, visitor, error);
  if (duplicates == NULL)
    return FALSE;

  for (guint i = 0; i < duplicates->len; i++)
    {
      JdDuplicate *dup = g_ptr_array_index (duplicates, i);

      if (dup->reason == JD_DUPLICATE_SAME_IIN)
        {
          g_set_error (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                       _("A visitor with this IIN is already registered: %s. Open that record instead."),
                       dup->display_name);
          return FALSE;
        }
    }

  return TRUE;
}

static void
bind_text_or_null (JdStmt     *stmt,
                   int         index,
                   const char *value)
{
  if (value != NULL)
    jd_stmt_bind_text (stmt, index, value);
  else
    jd_stmt_bind_null (stmt, index);
}

static gboolean
save_categories (JdDb       *db,
                 JdVisitor  *visitor,
                 gboolean    is_new,
                 gint64      now,
                 GError    **error)
{
  JdStmt *stmt;
  guint n_categories;
  const JdChoice *categories = jd_social_categories (&n_categories);

  if (!is_new)
    {
      stmt = jd_db_prepare (db, "DELETE FROM visitor_category WHERE visitor_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, visitor->id);
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
    }

  for (guint i = 0; visitor->categories != NULL && visitor->categories[i] != NULL; i++)
    {
      if (jd_choice_find (categories, n_categories, visitor->categories[i]) == NULL)
        continue;

      stmt = jd_db_prepare (db,
                            "INSERT INTO visitor_category (visitor_id, category, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?3) ON CONFLICT DO NOTHING",
                            error);
      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, visitor->id);
      jd_stmt_bind_text (stmt, 2, visitor->categories[i]);
      jd_stmt_bind_int64 (stmt, 3, now);
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Whether the visitor's current consent was given by the same person
 * as the form says now. */
static gboolean
consent_unchanged (JdDb       *db,
                   JdVisitor  *visitor,
                   gboolean   *same,
                   GError    **error)
{
  JdStmt *stmt;
  int rc;

  *same = FALSE;
  stmt = jd_db_prepare (db,
                        "SELECT given_by, guardian_name, guardian_phone FROM consent"
                        " WHERE visitor_id = ?1 AND withdrawn_on IS NULL"
                        " ORDER BY id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor->id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    *same = g_strcmp0 (jd_stmt_column_text (stmt, 0),
                       visitor->consent_by_guardian ? "guardian" : "self") == 0 &&
            g_strcmp0 (jd_stmt_column_text (stmt, 1), visitor->guardian_name) == 0 &&
            g_strcmp0 (jd_stmt_column_text (stmt, 2), visitor->guardian_phone) == 0;
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* A new consent row when there is none yet, or when who gave it changed;
 * the old one stays as the record of what was agreed before. */
static gboolean
save_consent (JdDb       *db,
              JdVisitor  *visitor,
              gboolean    is_new,
              gint64      now,
              gint64      staff_id,
              GError    **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, jd_db_get_time_zone (db));
  g_autofree char *today = g_date_time_format (local, "%Y-%m-%d");
  JdStmt *stmt;
  gboolean same = FALSE;

  /* Imported without any record of consent: none is made up; the
   * front desk asks at the next check-in. */
  if (is_new && !visitor->consent_given)
    return TRUE;
  if (!is_new && !consent_unchanged (db, visitor, &same, error))
    return FALSE;
  if (same)
    return TRUE;

  stmt = jd_db_prepare (db,
                        "INSERT INTO consent (visitor_id, text_version, given_on, given_by,"
                        " guardian_name, guardian_phone, created_at, updated_at, created_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor->id);
  jd_stmt_bind_text_static (stmt, 2, JD_CONSENT_TEXT_VERSION);
  jd_stmt_bind_text (stmt, 3, visitor->consent_date != NULL ? visitor->consent_date : today);
  jd_stmt_bind_text_static (stmt, 4, visitor->consent_by_guardian ? "guardian" : "self");
  bind_text_or_null (stmt, 5, visitor->guardian_name);
  bind_text_or_null (stmt, 6, visitor->guardian_phone);
  jd_stmt_bind_int64 (stmt, 7, now);
  if (staff_id > 0)
    jd_stmt_bind_int64 (stmt, 8, staff_id);

  return jd_db_step_done (db, stmt, error);
}

/* Binds the columns shared by INSERT and UPDATE as ?1 … ?17. */
static void
bind_visitor (JdStmt     *stmt,
              JdVisitor  *visitor,
              const char *key,
              gint64      now,
              gint64      staff_id)
{
  bind_text_or_null (stmt, 1, visitor->surname);
  bind_text_or_null (stmt, 2, visitor->given_name);
  bind_text_or_null (stmt, 3, visitor->patronymic);
  bind_text_or_null (stmt, 4, visitor->iin);
  bind_text_or_null (stmt, 5, visitor->birth_date);
  jd_stmt_bind_text_static (stmt, 6, jd_sex_to_code (visitor->sex));
  bind_text_or_null (stmt, 7, visitor->phone);
  bind_text_or_null (stmt, 8, visitor->email);
  bind_text_or_null (stmt, 9, visitor->district_code);
  bind_text_or_null (stmt, 10, visitor->locality);
  bind_text_or_null (stmt, 11, visitor->occupation);
  bind_text_or_null (stmt, 12, visitor->education);
  bind_text_or_null (stmt, 13, visitor->language);
  bind_text_or_null (stmt, 14, visitor->notes);
  jd_stmt_bind_text (stmt, 15, key);
  jd_stmt_bind_int64 (stmt, 16, now);
  if (staff_id > 0)
    jd_stmt_bind_int64 (stmt, 17, staff_id);
  else
    jd_stmt_bind_null (stmt, 17);
}

/* @keys: (nullable): the search keys, when worked out before */
static gboolean
save_related (JdDb                *db,
              JdVisitor           *visitor,
              gboolean             is_new,
              gint64               now,
              gint64               staff_id,
              const JdSearchKeys  *keys,
              GError             **error)
{
  if (!save_categories (db, visitor, is_new, now, error) ||
      !save_consent (db, visitor, is_new, now, staff_id, error))
    return FALSE;
  if (keys != NULL)
    return jd_search_index_keys (db, visitor->id, keys, error);
  return (is_new ? jd_search_index_new_visitor : jd_search_index_visitor)
           (db, visitor->id, visitor->surname, visitor->given_name, visitor->patronymic,
            visitor->phone, visitor->iin, error);
}

/* Inserts a validated visitor inside the caller's transaction; the
 * registration time is @created_at (0: now). */
gboolean
jd_visitor_insert_unlocked (JdDb                *db,
                            JdVisitor           *visitor,
                            gint64               created_at,
                            const char          *key_in,
                            const JdSearchKeys  *keys,
                            GError             **error)
{
  gint64 staff_id = jd_db_get_actor_id (db);
  g_autofree char *own_key = key_in == NULL ? jd_visitor_name_key (visitor) : NULL;
  const char *key = key_in != NULL ? key_in : own_key;
  gint64 now = created_at > 0 ? created_at : jd_db_now ();
  JdStmt *stmt;

  stmt = jd_db_prepare (db,
                        "INSERT INTO visitor (surname, given_name, patronymic, iin, birth_date, sex,"
                        " phone, email, district_id, locality, occupation, education, language, notes,"
                        " name_key, created_at, updated_at, created_by, updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                        " (SELECT id FROM district WHERE code = ?9), ?10, ?11, ?12, ?13, ?14,"
                        " ?15, ?16, ?16, ?17, ?17)",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_visitor (stmt, visitor, key, now, staff_id);
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  visitor->id = jd_db_last_insert_id (db);
  visitor->created_at = visitor->updated_at = now;
  visitor->row_version = 1;

  if (!save_related (db, visitor, TRUE, now, staff_id, keys, error))
    {
      visitor->id = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_visitor_insert (JdDb       *db,
                   JdVisitor  *visitor,
                   GError    **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (visitor != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;
  g_return_val_if_fail (visitor->id == 0, FALSE);

  if (!validate_for_save (db, visitor, error) || !jd_db_begin (db, error))
    return FALSE;

  if (!jd_visitor_insert_unlocked (db, visitor, 0, NULL, NULL, error) || !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      visitor->id = 0;
      return FALSE;
    }
  return TRUE;
}

gboolean
jd_visitor_update (JdDb       *db,
                   JdVisitor  *visitor,
                   GError    **error)
{
  gint64 staff_id = jd_db_get_actor_id (db);
  g_autofree char *key = NULL;
  JdStmt *stmt;
  gint64 now = jd_db_now ();
  gint64 version = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (visitor != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_FRONT_DESK, error))
    return FALSE;
  g_return_val_if_fail (visitor->id > 0, FALSE);

  if (!validate_for_save (db, visitor, error))
    return FALSE;

  key = jd_visitor_name_key (visitor);
  if (!jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE visitor SET surname = ?1, given_name = ?2, patronymic = ?3, iin = ?4,"
                        " birth_date = ?5, sex = ?6, phone = ?7, email = ?8,"
                        " district_id = (SELECT id FROM district WHERE code = ?9), locality = ?10,"
                        " occupation = ?11, education = ?12, language = ?13, notes = ?14,"
                        " name_key = ?15, updated_at = ?16, updated_by = ?17"
                        " WHERE id = ?18 AND anonymised_at IS NULL AND (row_version = ?19 OR ?19 = 0)",
                        error);
  if (stmt == NULL)
    goto fail;

  bind_visitor (stmt, visitor, key, now, staff_id);
  jd_stmt_bind_int64 (stmt, 18, visitor->id);
  jd_stmt_bind_int64 (stmt, 19, visitor->row_version);
  if (!jd_db_step_done (db, stmt, error))
    goto fail;

  /* Gone, or changed meanwhile on another desk: nothing is written. */
  if (jd_db_changes (db) == 0)
    {
      jd_record_refuse_stale (db, JD_RECORD_VISITOR, visitor->id, error);
      goto fail;
    }

  if (!save_related (db, visitor, FALSE, now, staff_id, NULL, error) ||
      (version = jd_record_get_version (db, JD_RECORD_VISITOR, visitor->id, error)) < 0 ||
      !jd_db_commit (db, error))
    goto fail;

  visitor->updated_at = now;
  visitor->row_version = version;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

static char *
column_dup (JdStmt *stmt,
            int     column)
{
  return g_strdup (jd_stmt_column_text (stmt, column));
}

JdVisitor *
jd_visitor_load (JdDb     *db,
                 gint64    visitor_id,
                 GError  **error)
{
  g_autoptr(JdVisitor) visitor = NULL;
  g_autoptr(GStrvBuilder) categories = g_strv_builder_new ();
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = jd_db_prepare (db,
                        "SELECT v.surname, v.given_name, v.patronymic, v.iin, v.birth_date, v.sex,"
                        " v.phone, v.email, d.code, v.locality, v.occupation, v.education,"
                        " v.language, v.notes, v.created_at, v.updated_at, v.row_version"
                        " FROM visitor v LEFT JOIN district d ON d.id = v.district_id"
                        " WHERE v.id = ?1 AND v.anonymised_at IS NULL",
                        error);
  if (stmt == NULL)
    return NULL;

  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    {
      visitor = g_new0 (JdVisitor, 1);
      visitor->id = visitor_id;
      visitor->surname = column_dup (stmt, 0);
      visitor->given_name = column_dup (stmt, 1);
      visitor->patronymic = column_dup (stmt, 2);
      visitor->iin = column_dup (stmt, 3);
      visitor->birth_date = column_dup (stmt, 4);
      visitor->sex = jd_sex_from_code (jd_stmt_column_text (stmt, 5));
      visitor->phone = column_dup (stmt, 6);
      visitor->email = column_dup (stmt, 7);
      visitor->district_code = column_dup (stmt, 8);
      visitor->locality = column_dup (stmt, 9);
      visitor->occupation = column_dup (stmt, 10);
      visitor->education = column_dup (stmt, 11);
      visitor->language = column_dup (stmt, 12);
      visitor->notes = column_dup (stmt, 13);
      visitor->created_at = jd_stmt_column_int64 (stmt, 14);
      visitor->updated_at = jd_stmt_column_int64 (stmt, 15);
      visitor->row_version = jd_stmt_column_int64 (stmt, 16);
    }
  jd_stmt_reset (stmt);

  if (rc == JD_STEP_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This visitor’s record no longer exists. Someone may have deleted it."));
      return NULL;
    }
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }

  stmt = jd_db_prepare (db,
                        "SELECT category FROM visitor_category WHERE visitor_id = ?1 ORDER BY id",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  while (jd_stmt_step (stmt) == JD_STEP_ROW)
    g_strv_builder_add (categories, jd_stmt_column_text (stmt, 0));
  jd_stmt_reset (stmt);
  visitor->categories = g_strv_builder_end (categories);

  stmt = jd_db_prepare (db,
                        "SELECT given_by, guardian_name, guardian_phone FROM consent"
                        " WHERE visitor_id = ?1 AND withdrawn_on IS NULL"
                        " ORDER BY id DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  if (jd_stmt_step (stmt) == JD_STEP_ROW)
    {
      visitor->consent_given = TRUE;
      visitor->consent_by_guardian = g_strcmp0 (jd_stmt_column_text (stmt, 0),
                                                "guardian") == 0;
      visitor->guardian_name = column_dup (stmt, 1);
      visitor->guardian_phone = column_dup (stmt, 2);
    }
  jd_stmt_reset (stmt);

  return g_steal_pointer (&visitor);
}
