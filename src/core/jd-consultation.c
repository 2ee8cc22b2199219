/* jd-consultation.c: consultations, follow-ups and placements, saved,
 * loaded and changed (codes and rules: jd-consultation-rules.c; lists:
 * jd-consultation-list.c; the queue: jd-queue.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the centre is judged on comes from here: problems resolved, people
 * referred on, and NEET young people placed in jobs. "NEET placed" is
 * never stored: it is counted from placements and the occupation each
 * visit recorded, so the two cannot disagree.
 */
#define G_LOG_DOMAIN "jd-consultation"

#include "config.h"

#include <glib/gi18n.h>

#include "jd-access.h"
#include "jd-audit.h"
#include "jd-consultation-private.h"
#include "jd-consultation.h"
#include "jd-db-private.h"
#include "jd-row-version.h"
#include "jd-validate.h"

JdConsultation *
jd_consultation_new (void)
{
  JdConsultation *c = g_new0 (JdConsultation, 1);

  c->duration_min = 30;
  c->format = g_strdup ("in_person");
  return c;
}

void
jd_consultation_free (JdConsultation *c)
{
  if (c == NULL)
    return;

  g_free (c->anon_age_band);
  g_free (c->service);
  g_free (c->topic);
  g_free (c->format);
  g_free (c->summary);
  g_free (c->private_note);
  g_free (c->outcome);
  g_free (c->referral);
  g_free (c->follow_up_on);
  g_free (c->placement_employer);
  g_free (c->placement_kind);
  g_free (c->placement_start);
  g_free (c->visitor_name);
  g_free (c->specialist_name);
  g_free (c);
}

/* Validation. */

/* Saving. */

static void
bind_id_or_null (JdStmt *stmt,
                 int     index,
                 gint64  id)
{
  if (id > 0)
    jd_stmt_bind_int64 (stmt, index, id);
  else
    jd_stmt_bind_null (stmt, index);
}

static gboolean
insert_row (JdDb            *db,
            JdConsultation  *c,
            gint64           visitor_id,
            gint64           now,
            GError         **error)
{
  JdStmt *stmt;

  stmt = jd_db_prepare (db,
                        "INSERT INTO consultation (visitor_id, anon_sex, anon_age_band, visit_id,"
                        " group_id, service, topic, specialist_id, started_at, duration_min, format,"
                        " summary, private_note, outcome, referral, follow_up_on, placement_employer,"
                        " placement_kind, placement_start, created_at, updated_at, created_by,"
                        " updated_by)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
                        " ?16, ?17, ?18, ?19, ?20, ?20, ?21, ?21)",
                        error);
  if (stmt == NULL)
    return FALSE;

  bind_id_or_null (stmt, 1, visitor_id);
  jd_db_bind_text_or_null (stmt, 2, visitor_id ? NULL : jd_sex_to_code (c->anon_sex));
  jd_db_bind_text_or_null (stmt, 3, visitor_id ? NULL : c->anon_age_band);
  bind_id_or_null (stmt, 4, c->visit_id);
  bind_id_or_null (stmt, 5, c->group_id);
  jd_db_bind_text_or_null (stmt, 6, c->service);
  jd_db_bind_text_or_null (stmt, 7, c->topic);
  bind_id_or_null (stmt, 8, c->specialist_id);
  jd_stmt_bind_int64 (stmt, 9, c->started_at);
  jd_stmt_bind_int (stmt, 10, c->duration_min);
  jd_db_bind_text_or_null (stmt, 11, c->format);
  jd_db_bind_text_or_null (stmt, 12, c->summary);
  jd_db_bind_text_or_null (stmt, 13, c->private_note);
  jd_db_bind_text_or_null (stmt, 14, c->outcome);
  jd_db_bind_text_or_null (stmt, 15, c->referral);
  jd_db_bind_text_or_null (stmt, 16, c->follow_up_on);
  jd_db_bind_text_or_null (stmt, 17, c->placement_employer);
  jd_db_bind_text_or_null (stmt, 18, c->placement_kind);
  jd_db_bind_text_or_null (stmt, 19, c->placement_start);
  jd_stmt_bind_int64 (stmt, 20, now);
  bind_id_or_null (stmt, 21, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;

  c->id = jd_db_last_insert_id (db);
  c->row_version = 1;
  return jd_audit_record (db, JD_AUDIT_CREATED, JD_AUDIT_TARGET_CONSULTATION, c->id, NULL, error);
}

/* A NEET visitor placed in a job works from now on; their past visits
 * keep the occupation they had. */
static gboolean
apply_placement (JdDb                 *db,
                 const JdConsultation *c,
                 gint64                visitor_id,
                 gint64                now,
                 GError              **error)
{
  JdStmt *stmt;

  if (c->placement_kind == NULL || visitor_id == 0)
    return TRUE;

  stmt = jd_db_prepare (db,
                        "UPDATE visitor SET occupation = 'employed', updated_at = ?2,"
                        " updated_by = nullif (?3, 0)"
                        " WHERE id = ?1 AND occupation IN ('unemployed_seeking', 'not_seeking')",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, visitor_id);
  jd_stmt_bind_int64 (stmt, 2, now);
  jd_stmt_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
  if (!jd_db_step_done (db, stmt, error))
    return FALSE;
  if (jd_db_changes (db) > 0)
    return jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_VISITOR, visitor_id,
                            "occupation: employed (job placement)", error);
  return TRUE;
}

/* The check-in's queue entry for this service is done. */
static gboolean
close_queue_entry (JdDb                 *db,
                   const JdConsultation *c,
                   gint64                now,
                   GError              **error)
{
  JdStmt *stmt;

  if (c->visit_id == 0)
    return TRUE;

  stmt = jd_db_prepare (db,
                        "UPDATE queue_entry SET done_at = ?3, consultation_id = ?4,"
                        " called_at = coalesce (called_at, ?3), called_by = coalesce (called_by, nullif (?5, 0)),"
                        " updated_at = ?3 WHERE visit_id = ?1 AND service = ?2 AND done_at IS NULL",
                        error);
  if (stmt == NULL)
    return FALSE;
  jd_stmt_bind_int64 (stmt, 1, c->visit_id);
  jd_stmt_bind_text (stmt, 2, c->service);
  jd_stmt_bind_int64 (stmt, 3, now);
  jd_stmt_bind_int64 (stmt, 4, c->id);
  jd_stmt_bind_int64 (stmt, 5, jd_db_get_actor_id (db));
  return jd_db_step_done (db, stmt, error);
}

static gboolean
check_visitor (JdDb     *db,
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
                         _("This visitor’s record no longer exists. Someone may have deleted it."));
  return found;
}

static gboolean
prepare_new (JdDb            *db,
             JdConsultation  *c,
             GError         **error)
{
  GDate today;
  g_autoptr(GDateTime) now = jd_db_now_local (db);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (!jd_consultation_validate (c, &today, NULL, error) ||
      !jd_consultation_check_specialist_may (db, c->service, error))
    return FALSE;
  if (c->specialist_id == 0)
    c->specialist_id = jd_db_get_actor_id (db);
  return TRUE;
}

gboolean
jd_consultation_insert (JdDb            *db,
                        JdConsultation  *c,
                        GError         **error)
{
  gint64 now = jd_db_now ();

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  c->id = 0;
  if (!prepare_new (db, c, error) || !jd_db_begin (db, error))
    return FALSE;

  if ((c->visitor_id != 0 && !check_visitor (db, c->visitor_id, error)) ||
      !insert_row (db, c, c->visitor_id, now, error) ||
      !apply_placement (db, c, c->visitor_id, now, error) ||
      !close_queue_entry (db, c, now, error) ||
      !jd_db_commit (db, error))
    {
      jd_db_rollback (db);
      c->id = 0;
      return FALSE;
    }
  return TRUE;
}

gint64
jd_consultation_insert_group (JdDb            *db,
                              JdConsultation  *c,
                              const gint64    *visitor_ids,
                              guint            n_visitors,
                              GError         **error)
{
  gint64 now = jd_db_now ();
  gint64 group_id = 0;
  JdStmt *stmt;

  g_return_val_if_fail (db != NULL, 0);
  g_return_val_if_fail (c != NULL, 0);

  if (n_visitors < 2)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_REQUIRED,
                           _("A group session needs at least two visitors."));
      return 0;
    }

  /* Validated as the first participant's. */
  c->visitor_id = visitor_ids[0];
  c->visit_id = 0;
  c->group_id = 0;
  if (!prepare_new (db, c, error) || !jd_db_begin (db, error))
    return 0;

  for (guint i = 0; i < n_visitors; i++)
    {
      if (!check_visitor (db, visitor_ids[i], error) ||
          !insert_row (db, c, visitor_ids[i], now, error) ||
          !apply_placement (db, c, visitor_ids[i], now, error))
        goto fail;
      if (group_id == 0)
        {
          group_id = c->id;
          c->group_id = group_id;
          /* The first row names the group too. */
          stmt = jd_db_prepare (db, "UPDATE consultation SET group_id = id WHERE id = ?1", error);
          if (stmt == NULL)
            goto fail;
          jd_stmt_bind_int64 (stmt, 1, group_id);
          if (!jd_db_step_done (db, stmt, error))
            goto fail;
        }
    }
  /* The first row's version, moved on by naming the group. */
  if ((c->row_version = jd_record_get_version (db, JD_RECORD_CONSULTATION, group_id, error)) < 0 ||
      !jd_db_commit (db, error))
    goto fail;

  c->id = group_id;
  return group_id;

fail:
  jd_db_rollback (db);
  c->id = 0;
  c->group_id = 0;
  return 0;
}

/* Loading. */

#define CONSULTATION_COLUMNS \
  "c.id, coalesce (c.visitor_id, 0), c.anon_sex, c.anon_age_band, coalesce (c.visit_id, 0)," \
  " coalesce (c.group_id, 0), c.service, c.topic, coalesce (c.specialist_id, 0), c.started_at," \
  " c.duration_min, c.format, c.summary, c.private_note IS NOT NULL, c.outcome, c.referral," \
  " c.follow_up_on, coalesce (c.follow_up_done_at, 0), c.placement_employer, c.placement_kind," \
  " c.placement_start, v.surname || ' ' || v.given_name, s.full_name, c.created_at, c.updated_at," \
  " c.row_version"

JdConsultation *
jd_consultation_load (JdDb     *db,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(JdConsultation) c = NULL;
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_access_check (db, JD_PERM_CONSULT, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT " CONSULTATION_COLUMNS " FROM consultation c"
                        " LEFT JOIN visitor v ON v.id = c.visitor_id"
                        " LEFT JOIN staff s ON s.id = c.specialist_id WHERE c.id = ?1",
                        error);
  if (stmt == NULL)
    return NULL;
  jd_stmt_bind_int64 (stmt, 1, id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    {
      c = g_new0 (JdConsultation, 1);
      c->id = jd_stmt_column_int64 (stmt, 0);
      c->visitor_id = jd_stmt_column_int64 (stmt, 1);
      c->anon_sex = jd_sex_from_code (jd_stmt_column_text (stmt, 2));
      c->anon_age_band = jd_db_column_dup (stmt, 3);
      c->visit_id = jd_stmt_column_int64 (stmt, 4);
      c->group_id = jd_stmt_column_int64 (stmt, 5);
      c->service = jd_db_column_dup (stmt, 6);
      c->topic = jd_db_column_dup (stmt, 7);
      c->specialist_id = jd_stmt_column_int64 (stmt, 8);
      c->started_at = jd_stmt_column_int64 (stmt, 9);
      c->duration_min = jd_stmt_column_int (stmt, 10);
      c->format = jd_db_column_dup (stmt, 11);
      c->summary = jd_db_column_dup (stmt, 12);
      c->has_private_note = jd_stmt_column_int (stmt, 13) != 0;
      c->outcome = jd_db_column_dup (stmt, 14);
      c->referral = jd_db_column_dup (stmt, 15);
      c->follow_up_on = jd_db_column_dup (stmt, 16);
      c->follow_up_done_at = jd_stmt_column_int64 (stmt, 17);
      c->placement_employer = jd_db_column_dup (stmt, 18);
      c->placement_kind = jd_db_column_dup (stmt, 19);
      c->placement_start = jd_db_column_dup (stmt, 20);
      c->visitor_name = jd_db_column_dup (stmt, 21);
      c->specialist_name = jd_db_column_dup (stmt, 22);
      c->created_at = jd_stmt_column_int64 (stmt, 23);
      c->updated_at = jd_stmt_column_int64 (stmt, 24);
      c->row_version = jd_stmt_column_int64 (stmt, 25);
    }
  jd_stmt_reset (stmt);

  if (rc != JD_STEP_ROW && rc != JD_STEP_DONE)
    {
      jd_db_set_error (db, rc, error);
      return NULL;
    }
  if (c == NULL)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This consultation no longer exists."));
      return NULL;
    }
  return g_steal_pointer (&c);
}

char *
jd_consultation_read_private_note (JdDb     *db,
                                   gint64    id,
                                   GError  **error)
{
  g_autofree char *note = NULL;
  g_autofree char *service = NULL;
  gint64 author = 0;
  JdStmt *stmt;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (!jd_db_begin (db, error))
    return NULL;

  stmt = jd_db_prepare (db,
                        "SELECT coalesce (specialist_id, 0), service, private_note FROM consultation"
                        " WHERE id = ?1",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, id);
  rc = jd_stmt_step (stmt);
  if (rc == JD_STEP_ROW)
    {
      author = jd_stmt_column_int64 (stmt, 0);
      service = jd_db_column_dup (stmt, 1);
      note = jd_db_column_dup (stmt, 2);
    }
  jd_stmt_reset (stmt);
  if (rc == JD_STEP_DONE)
    {
      g_set_error_literal (error, JD_DB_ERROR, JD_DB_ERROR_NOT_FOUND,
                           _("This consultation no longer exists."));
      goto fail;
    }
  if (rc != JD_STEP_ROW)
    {
      jd_db_set_error (db, rc, error);
      goto fail;
    }

  if (!jd_access_check_private_note (db, author, service, error))
    goto fail;

  /* Every read is on record, the author's included. */
  if (note != NULL &&
      !jd_audit_record (db, JD_AUDIT_VIEWED_PRIVATE_NOTE, JD_AUDIT_TARGET_CONSULTATION, id, NULL,
                        error))
    goto fail;
  if (!jd_db_commit (db, error))
    goto fail;
  return g_steal_pointer (&note);

fail:
  jd_db_rollback (db);
  return NULL;
}

/* Changing. */

static gboolean
check_author (JdDb     *db,
              gint64    specialist_id,
              GError  **error)
{
  g_autoptr(JdStaff) actor = jd_db_get_actor (db);

  if (actor != NULL &&
      (actor->role == JD_ROLE_ADMINISTRATOR || (actor->id != 0 && actor->id == specialist_id)))
    return TRUE;

  g_set_error_literal (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                       _("Only the specialist who held the consultation, or an administrator, "
                         "can change it."));
  return FALSE;
}

gboolean
jd_consultation_update (JdDb            *db,
                        JdConsultation  *c,
                        gboolean         replace_note,
                        GError         **error)
{
  g_autoptr(JdConsultation) before = NULL;
  g_autoptr(GDateTime) local = jd_db_now_local (db);
  gint64 now = jd_db_now ();
  gint64 version = 0;
  JdStmt *stmt;
  GDate today;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  before = jd_consultation_load (db, c->id, error);
  if (before == NULL ||
      !check_author (db, before->specialist_id, error) ||
      !jd_consultation_validate (c, &today, NULL, error))
    return FALSE;

  /* Whoever may not read the note (an administrator) may not replace
   * or erase it either: an empty note keeps it, a typed one is refused. */
  if (replace_note &&
      !jd_access_check_private_note (db, before->specialist_id, before->service, NULL))
    {
      if (c->private_note != NULL)
        {
          g_set_error (error, JD_ACCESS_ERROR, JD_ACCESS_ERROR_DENIED,
                       _("Only the author and specialists in “%s” can write a private note here. "
                         "Leave the note empty to save the rest."),
                       jd_purpose_service_label (before->service));
          return FALSE;
        }
      replace_note = FALSE;
    }

  if (!jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db,
                        "UPDATE consultation SET service = ?2, topic = ?3, started_at = ?4,"
                        " duration_min = ?5, format = ?6, summary = ?7,"
                        " private_note = CASE WHEN ?8 THEN ?9 ELSE private_note END,"
                        " outcome = ?10, referral = ?11, follow_up_on = ?12, placement_employer = ?13,"
                        " placement_kind = ?14, placement_start = ?15, anon_sex = ?16,"
                        " anon_age_band = ?17, updated_at = ?18, updated_by = nullif (?19, 0)"
                        " WHERE id = ?1 AND (row_version = ?20 OR ?20 = 0)",
                        error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, c->id);
  jd_db_bind_text_or_null (stmt, 2, c->service);
  jd_db_bind_text_or_null (stmt, 3, c->topic);
  jd_stmt_bind_int64 (stmt, 4, c->started_at);
  jd_stmt_bind_int (stmt, 5, c->duration_min);
  jd_db_bind_text_or_null (stmt, 6, c->format);
  jd_db_bind_text_or_null (stmt, 7, c->summary);
  jd_stmt_bind_int (stmt, 8, replace_note ? 1 : 0);
  jd_db_bind_text_or_null (stmt, 9, c->private_note);
  jd_db_bind_text_or_null (stmt, 10, c->outcome);
  jd_db_bind_text_or_null (stmt, 11, c->referral);
  jd_db_bind_text_or_null (stmt, 12, c->follow_up_on);
  jd_db_bind_text_or_null (stmt, 13, c->placement_employer);
  jd_db_bind_text_or_null (stmt, 14, c->placement_kind);
  jd_db_bind_text_or_null (stmt, 15, c->placement_start);
  jd_db_bind_text_or_null (stmt, 16, before->visitor_id ? NULL : jd_sex_to_code (c->anon_sex));
  jd_db_bind_text_or_null (stmt, 17, before->visitor_id ? NULL : c->anon_age_band);
  jd_stmt_bind_int64 (stmt, 18, now);
  jd_stmt_bind_int64 (stmt, 19, jd_db_get_actor_id (db));
  jd_stmt_bind_int64 (stmt, 20, c->row_version);
  if (!jd_db_step_done (db, stmt, error))
    goto fail;
  /* Gone, or changed meanwhile on another desk: nothing is written. */
  if (jd_db_changes (db) == 0)
    {
      jd_record_refuse_stale (db, JD_RECORD_CONSULTATION, c->id, error);
      goto fail;
    }
  if (!apply_placement (db, c, before->visitor_id, now, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_CONSULTATION, c->id, NULL, error) ||
      (version = jd_record_get_version (db, JD_RECORD_CONSULTATION, c->id, error)) < 0 ||
      !jd_db_commit (db, error))
    goto fail;
  c->row_version = version;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

static gboolean
change_follow_up (JdDb        *db,
                  gint64       id,
                  const char  *sql,
                  const char  *day,
                  GError     **error)
{
  g_autoptr(JdConsultation) before = NULL;
  gint64 now = jd_db_now ();
  JdStmt *stmt;

  before = jd_consultation_load (db, id, error);
  if (before == NULL ||
      !jd_consultation_check_specialist_may (db, before->service, error) ||
      !jd_db_begin (db, error))
    return FALSE;

  stmt = jd_db_prepare (db, sql, error);
  if (stmt == NULL)
    goto fail;
  jd_stmt_bind_int64 (stmt, 1, id);
  jd_stmt_bind_int64 (stmt, 2, now);
  jd_stmt_bind_int64 (stmt, 3, jd_db_get_actor_id (db));
  if (day != NULL)
    jd_stmt_bind_text (stmt, 4, day);
  if (!jd_db_step_done (db, stmt, error) ||
      !jd_audit_record (db, JD_AUDIT_CHANGED, JD_AUDIT_TARGET_CONSULTATION, id,
                        day ? "follow-up rescheduled" : "follow-up done", error) ||
      !jd_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  jd_db_rollback (db);
  return FALSE;
}

gboolean
jd_consultation_follow_up_done (JdDb     *db,
                                gint64    id,
                                GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  return change_follow_up (db, id,
                           "UPDATE consultation SET follow_up_done_at = ?2, updated_at = ?2,"
                           " updated_by = nullif (?3, 0) WHERE id = ?1",
                           NULL, error);
}

gboolean
jd_consultation_reschedule (JdDb         *db,
                            gint64        id,
                            const char   *follow_up_on,
                            const GDate  *today,
                            GError      **error)
{
  g_autofree char *day = g_strdup (follow_up_on);
  GDate date;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (day == NULL || !jd_consultation_tidy_date (&day, &date))
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("Enter the follow-up date as DD.MM.YYYY."));
      return FALSE;
    }
  if (g_date_compare (&date, today) < 0)
    {
      g_set_error_literal (error, JD_VALIDATE_ERROR, JD_VALIDATE_ERROR_INVALID,
                           _("The follow-up date has passed. Choose today or a later day."));
      return FALSE;
    }

  return change_follow_up (db, id,
                           "UPDATE consultation SET follow_up_on = ?4, follow_up_done_at = NULL,"
                           " updated_at = ?2, updated_by = nullif (?3, 0) WHERE id = ?1",
                           day, error);
}
