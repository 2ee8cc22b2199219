/* jd-privacy.c: a person's rights over their data and retention
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kazakhstan's law on personal data (No. 94-V) gives a person access to
 * what is kept about them and its deletion on request, and asks that
 * data be kept no longer than needed. Deleting and anonymising keep the
 * visitor's row with sex, date of birth, district and occupation only,
 * so that the counts of past months do not change.
 */
#define G_LOG_DOMAIN "jd-privacy"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "jd-audit.h"
#include "jd-db-private.h"
#include "jd-privacy.h"
#include "jd-privacy-private.h"
#include "jd-search.h"
#include "jd-settings.h"
#include "jd-staff.h"

/* Export of a person's own data. */

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The rows of @sql (one parameter: the visitor id) as a JSON array of
 * objects named by column. */
static gboolean
append_rows (JdDb        *db,
             GString     *out,
             const char  *name,
             const char  *sql,
             gint64       visitor_id,
             GError     **error)
{
  JdStmt *stmt;
  gboolean first = TRUE;
  int rc;

  stmt = jd_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);

  g_string_append_printf (out, ",\n  \"%s\": [", name);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      g_string_append (out, first ? "\n    {" : ",\n    {");
      first = FALSE;
      for (int i = 0; i < jd_stmt_column_count (stmt); i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_json_string (out, jd_stmt_column_name (stmt, i));
          g_string_append (out, ": ");
          if (jd_stmt_column_is_null (stmt, i))
            g_string_append (out, "null");
          else if (jd_stmt_column_is_integer (stmt, i))
            g_string_append_printf (out, "%" G_GINT64_FORMAT,
                                    (gint64) jd_stmt_column_int64 (stmt, i));
          else
            append_json_string (out, jd_stmt_column_text (stmt, i));
        }
      g_string_append_c (out, '}');
    }
  jd_stmt_reset (stmt);
  g_string_append (out, first ? "]" : "\n  ]");

  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
visitor_exists (JdDb     *db,
                gint64    visitor_id,
                GError  **error)
{
  JdStmt *stmt = jd_db_prepare (db,
                                "SELECT 1 FROM visitor WHERE id = ?1 AND anonymised_at IS NULL",
                                error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  found = jd_stmt_step (stmt) == JD_STEP_ROW;
  jd_stmt_reset (stmt);
  if (!found)
    g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                         _("This visitor does not exist or their data was already deleted."));
  return found;
}

/* Times are written as ISO-8601 text in the centre's time zone, as
 * people read them. */
#define LOCAL_TIME(col) JD_SQL_LOCAL_DATE_TIME (col)

gboolean
jd_visitor_export_personal (JdDb        *db,
                            gint64       visitor_id,
                            const char  *path,
                            GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = jd_db_now_local (db);
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_EXPORT_PERSONAL, error))
    return FALSE;

  /* One snapshot for the whole file, and the audit entry with it. */
  if (!jd_db_begin (db, error))
    return FALSE;

  if (!visitor_exists (db, visitor_id, error))
    goto fail;

  g_string_append (out, "{\n  \"exported_at\": ");
  append_json_string (out, stamp);
  g_string_append (out, ",\n  \"exported_by\": ");
  append_json_string (out, "Jastar Desk " PACKAGE_VERSION);

  ok = append_rows (db, out, "visitor",
                    "SELECT v.id, v.surname, v.given_name, v.patronymic, v.iin, v.birth_date, v.sex,"
                    " v.phone, v.email, d.name_kk AS district_kk, d.name_ru AS district_ru, v.locality,"
                    " v.occupation, v.education, v.language, v.notes,"
                    " " LOCAL_TIME ("v.created_at") " AS registered_at,"
                    " " LOCAL_TIME ("v.updated_at") " AS changed_at"
                    " FROM visitor v LEFT JOIN district d ON d.id = v.district_id WHERE v.id = ?1",
                    visitor_id, error) &&
       append_rows (db, out, "social_categories",
                    "SELECT category FROM visitor_category WHERE visitor_id = ?1 ORDER BY category",
                    visitor_id, error) &&
       append_rows (db, out, "consents",
                    "SELECT text_version, given_on, given_by, guardian_name, guardian_phone, withdrawn_on"
                    " FROM consent WHERE visitor_id = ?1 ORDER BY id",
                    visitor_id, error) &&
       append_rows (db, out, "visits",
                    "SELECT " LOCAL_TIME ("v.time_in") " AS time_in,"
                    " " LOCAL_TIME ("v.time_out") " AS time_out,"
                    " (SELECT group_concat (purpose, ', ') FROM visit_purpose p WHERE p.visit_id = v.id)"
                    " AS purposes FROM visit v WHERE v.visitor_id = ?1 ORDER BY v.time_in",
                    visitor_id, error) &&
       /* Private notes stay with the specialists: they are not the
        * person's statements but the specialist's working notes. */
       append_rows (db, out, "consultations",
                    "SELECT " LOCAL_TIME ("started_at") " AS started_at, service, topic, format,"
                    " duration_min, summary, outcome, referral, follow_up_on, placement_employer,"
                    " placement_kind, placement_start"
                    " FROM consultation WHERE visitor_id = ?1 ORDER BY started_at",
                    visitor_id, error) &&
       append_rows (db, out, "events",
                    "SELECT e.title, e.kind, " LOCAL_TIME ("e.starts_at") " AS starts_at, e.place"
                    " FROM attendance a JOIN event e ON e.id = a.event_id"
                    " WHERE a.visitor_id = ?1 ORDER BY e.starts_at",
                    visitor_id, error);
  if (!ok)
    goto fail;
  g_string_append (out, "\n}\n");

  if (!g_file_set_contents_full (path, out->str, (gssize) out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    goto fail;

  /* The file is usually named after the person: the audit keeps no
   * name, only what was exported (the visitor is record_id). */
  if (!jd_audit_record (db, JD_AUDIT_EXPORTED, JD_AUDIT_TARGET_VISITOR, visitor_id,
                        "personal-data.json", error) ||
      !jd_db_commit (db, error))
    {
      g_unlink (path);
      goto fail;
    }
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

/* Deletion and anonymisation. */

char *
jd_privacy_erasure_detail (gint64 created_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (created_at);
  g_autofree char *iso = when ? g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  return iso ? g_strconcat (JD_ERASURE_DETAIL_PREFIX, iso, NULL) : NULL;
}

gboolean
jd_privacy_erasure_parse (const char *detail,
                          gint64     *created_at)
{
  g_autoptr(GDateTime) when = NULL;

  if (detail == NULL || !g_str_has_prefix (detail, JD_ERASURE_DETAIL_PREFIX))
    return FALSE;
  when = g_date_time_new_from_iso8601 (detail + strlen (JD_ERASURE_DETAIL_PREFIX), NULL);
  if (when == NULL)
    return FALSE;
  *created_at = g_date_time_to_unix (when);
  return TRUE;
}

gboolean
jd_privacy_erase_visitor (JdDb        *db,
                          gint64       visitor_id,
                          const char  *action,
                          gint64       now,
                          GError     **error)
{
  static const char *const statements[] = {
    "UPDATE visitor SET surname = '', given_name = '', patronymic = NULL, iin = NULL,"
    " phone = NULL, email = NULL, locality = NULL, notes = NULL, name_key = '',"
    " anonymised_at = ?2, updated_at = ?2, updated_by = nullif (?3, 0)"
    " WHERE id = ?1 AND anonymised_at IS NULL",
    "DELETE FROM visitor_category WHERE visitor_id = ?1",
    "DELETE FROM consent WHERE visitor_id = ?1",
    /* The employer's name could point at the person; whether they were
     * placed, and how, still counts. */
    "UPDATE consultation SET summary = NULL, private_note = NULL,"
    " placement_employer = CASE WHEN placement_employer IS NULL THEN NULL ELSE '' END,"
    " updated_at = ?2, updated_by = nullif (?3, 0) WHERE visitor_id = ?1",
    /* Entries written before exports stopped naming the file after the
     * person: the entry stays, the name goes. */
    "UPDATE audit SET detail = NULL WHERE action = 'exported' AND target = 'visitor'"
    " AND record_id = ?1 AND detail IS NOT NULL",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      JdStmt *stmt = jd_db_prepare (db, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      jd_stmt_bind_int64 (stmt, 1, visitor_id);
      if (jd_stmt_bind_parameter_count (stmt) >= 2)
        {
          jd_stmt_bind_int64 (stmt, 2, now);
          jd_stmt_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
        }
      if (!jd_db_step_done (db, stmt, error))
        return FALSE;
      if (i == 0 && jd_db_changes (db) == 0)
        {
          g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                               _("This visitor does not exist or their data was already deleted."));
          return FALSE;
        }
    }

  if (!jd_search_unindex_visitor (db, visitor_id, error))
    return FALSE;
  if (action == NULL)
    return TRUE;

  /* The entry says when the person registered: a restore erases again
   * only the one who had this number then, not somebody given the
   * number later on another line of history. */
  {
    JdStmt *stmt = jd_db_prepare (db, "SELECT created_at FROM visitor WHERE id = ?1", error);
    g_autofree char *detail = NULL;

    if (stmt == NULL)
      return FALSE;
    jd_stmt_bind_int64 (stmt, 1, visitor_id);
    if (jd_stmt_step (stmt) == JD_STEP_ROW)
      detail = jd_privacy_erasure_detail (jd_stmt_column_int64 (stmt, 0));
    jd_stmt_reset (stmt);
    return jd_audit_record (db, action, JD_AUDIT_TARGET_VISITOR, visitor_id, detail, error);
  }
}

gboolean
jd_visitor_delete_on_request (JdDb     *db,
                              gint64    visitor_id,
                              GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!jd_access_check (db, JD_PERM_DELETE_VISITOR, error) ||
      !jd_db_begin (db, error))
    return FALSE;

  if (!jd_privacy_erase_visitor (db, visitor_id, JD_AUDIT_DELETED, jd_db_now (), error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Retention. */

void
jd_retention_row_free (JdRetentionRow *row)
{
  if (row == NULL)
    return;

  g_free (row->display_name);
  g_free (row->birth_date);
  g_free (row);
}

guint
jd_retention_get_years (JdDb *db)
{
  g_autofree char *value = jd_db_get_setting (db, JD_SETTING_RETENTION_YEARS);
  guint64 years;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 50, &years, NULL))
    return JD_RETENTION_YEARS_DEFAULT;
  return (guint) years;
}

gboolean
jd_retention_set_years (JdDb     *db,
                        guint     years,
                        GError  **error)
{
  g_autofree char *value = NULL;

  if (!jd_access_check (db, JD_PERM_RETENTION, error))
    return FALSE;
  if (years < 1 || years > 50)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_CONSTRAINT,
                           _("Choose between 1 and 50 years."));
      return FALSE;
    }
  value = g_strdup_printf ("%u", years);
  return jd_db_set_setting (db, JD_SETTING_RETENTION_YEARS, value, error);
}

static gint64
cutoff_time (guint  years,
             gint64 now)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) cut = g_date_time_add_years (dt, -(int) years);

  return g_date_time_to_unix (cut);
}

/* Everyone with no activity since @cutoff: registered before it (the
 * created_at index narrows the scan to them), not changed since, and
 * with no visit, consultation or attendance since. */
#define INACTIVE_SQL \
  "SELECT id, last FROM (" \
  " SELECT v.id AS id, max (v.updated_at," \
  "  coalesce ((SELECT max (time_in) FROM visit WHERE visitor_id = v.id), 0)," \
  "  coalesce ((SELECT max (started_at) FROM consultation WHERE visitor_id = v.id), 0)," \
  "  coalesce ((SELECT max (checked_in_at) FROM attendance WHERE visitor_id = v.id), 0)) AS last" \
  " FROM visitor v WHERE v.created_at < ?1 AND v.updated_at < ?1 AND v.anonymised_at IS NULL)" \
  " WHERE last < ?1 ORDER BY last, id"

typedef struct
{
  gint64 id;
  gint64 last;
} Inactive;

static GArray *
find_inactive (JdDb     *db,
               gint64    cutoff,
               GError  **error)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Inactive));
  JdStmt *stmt;
  int rc;

  stmt = jd_db_prepare (db, INACTIVE_SQL, error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, cutoff);
  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      Inactive row = { jd_stmt_column_int64 (stmt, 0), jd_stmt_column_int64 (stmt, 1) };

      g_array_append_val (found, row);
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}

/**
 * jd_retention_list:
 *
 * Returns: (transfer full) (element-type JdRetentionRow)
 */
GPtrArray *
jd_retention_list (JdDb     *db,
                   guint     years,
                   gint64    now,
                   guint     limit,
                   guint    *total,
                   GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) jd_retention_row_free);
  g_autoptr(GArray) found = NULL;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_RETENTION, error))
    return NULL;

  found = find_inactive (db, cutoff_time (years, now), error);
  if (found == NULL)
    return NULL;
  if (total != NULL)
    *total = found->len;

  stmt = jd_db_prepare (db,
                        "SELECT surname || ' ' || given_name, birth_date FROM visitor WHERE id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < found->len && i < limit; i++)
    {
      Inactive *inactive = &g_array_index (found, Inactive, i);
      JdRetentionRow *row = g_new0 (JdRetentionRow, 1);

      row->visitor_id = inactive->id;
      row->last_activity = inactive->last;
      jd_stmt_bind_int64 (stmt, 1, inactive->id);
      if (jd_stmt_step (stmt) == JD_STEP_ROW)
        {
          row->display_name = g_strdup (jd_stmt_column_text (stmt, 0));
          row->birth_date = g_strdup (jd_stmt_column_text (stmt, 1));
        }
      jd_stmt_reset (stmt);
      g_ptr_array_add (rows, row);
    }

  return g_steal_pointer (&rows);
}

gboolean
jd_retention_anonymise (JdDb     *db,
                        guint     years,
                        gint64    now,
                        guint    *n_done,
                        GError  **error)
{
  g_autoptr(GArray) found = NULL;

  g_return_val_if_fail (db != NULL, FALSE);

  if (n_done != NULL)
    *n_done = 0;
  if (!jd_access_check (db, JD_PERM_RETENTION, error) ||
      !jd_db_begin (db, error))
    return FALSE;

  /* Found again inside the transaction: nobody active in between is
   * anonymised by a list shown a minute ago. */
  found = find_inactive (db, cutoff_time (years, now), error);
  if (found == NULL)
    goto fail;
  for (guint i = 0; i < found->len; i++)
    {
      if (!jd_privacy_erase_visitor (db, g_array_index (found, Inactive, i).id,
                                     JD_AUDIT_ANONYMISED, jd_db_now (), error))
        goto fail;
    }
  if (!jd_db_commit (db, error))
    goto fail;

  if (n_done != NULL)
    *n_done = found->len;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}
