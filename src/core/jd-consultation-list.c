/* jd-consultation-list.c: lists of consultations and the NEET count
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "jd-consultation"

#include "config.h"

#include "jd-access.h"
#include "jd-consultation.h"
#include "jd-consultation-private.h"
#include "jd-db-private.h"
#include "jd-search.h"

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
bind_filter (JdStmt                      *stmt,
             const JdConsultationFilter  *f,
             const char                  *pattern)
{
  jd_stmt_bind_int64 (stmt, 1, f ? f->specialist_id : 0);
  jd_db_bind_text_or_null (stmt, 2, f ? f->service : NULL);
  jd_db_bind_text_or_null (stmt, 3, f ? f->outcome : NULL);
  jd_stmt_bind_int64 (stmt, 4, f ? f->visitor_id : 0);
  jd_stmt_bind_int64 (stmt, 5, f ? f->from : 0);
  jd_stmt_bind_int64 (stmt, 6, f ? f->to : 0);
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
  JdStmt *stmt;
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
      rc = jd_stmt_step (stmt);
      *total = rc == JD_STEP_ROW ? (guint) jd_stmt_column_int64 (stmt, 0) : 0;
      jd_stmt_reset (stmt);
      if (rc != JD_STEP_ROW)
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
  jd_stmt_bind_int64 (stmt, 9, limit);

  while ((rc = jd_stmt_step (stmt)) == JD_STEP_ROW)
    {
      JdConsultationRow *row = g_new0 (JdConsultationRow, 1);

      row->id = jd_stmt_column_int64 (stmt, 0);
      row->visitor_id = jd_stmt_column_int64 (stmt, 1);
      row->visitor_name = jd_db_column_dup (stmt, 2);
      row->anon_sex = jd_sex_from_code (jd_stmt_column_text (stmt, 3));
      row->anon_age_band = jd_db_column_dup (stmt, 4);
      row->group_id = jd_stmt_column_int64 (stmt, 5);
      row->service = jd_db_column_dup (stmt, 6);
      row->topic = jd_db_column_dup (stmt, 7);
      row->started_at = jd_stmt_column_int64 (stmt, 8);
      row->duration_min = jd_stmt_column_int (stmt, 9);
      row->outcome = jd_db_column_dup (stmt, 10);
      row->referral = jd_db_column_dup (stmt, 11);
      row->follow_up_on = jd_db_column_dup (stmt, 12);
      row->follow_up_done_at = jd_stmt_column_int64 (stmt, 13);
      row->placement_kind = jd_db_column_dup (stmt, 14);
      row->specialist_id = jd_stmt_column_int64 (stmt, 15);
      row->specialist_name = jd_db_column_dup (stmt, 16);
      g_ptr_array_add (rows, row);
    }
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_DONE)
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
  JdStmt *stmt;
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
  jd_stmt_bind_text (stmt, 1, from_day);
  jd_stmt_bind_text (stmt, 2, to_day);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    n = (guint) jd_stmt_column_int64 (stmt, 0);
  jd_stmt_reset (stmt);
  if (rc != JD_STEP_ROW)
    jd_db_set_error (db, rc, error);
  return n;
}
